//! `charter diff --format pdf`: the 修改对照表. The rows as data
//! (`diff::table`) on the operation fixtures, and the PDF's text layer
//! (read with `pdf-extract`) on the example pair and on fixtures in
//! `fixtures/diff-pdf/`: title, column headers, changed articles, 新增 rows,
//! the renumbering sentence, no row for renumber-only articles, typst markup
//! printed literally, missing glyphs, byte-identical output, the default
//! file name and a project's own template.
//!
//! Every run uses `--no-system-fonts`: the tests see what a machine without
//! any Chinese font sees (the embedded fonts only).

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use charter::diff::table::{self, ParaKind, RowKind, Table};
use charter::diff::{self, ArticleChange, Diff, Draft, SegOp};
use serde_json::Value;

use crate::common::{articles, export, pdf_text, read, squash};

const BIN: &str = env!("CARGO_BIN_EXE_charter");
const OLD: &str = "charter/charter.yaml";
const NEW: &str = "charter/drafts/revised.yaml";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(case: &str, side: &str) -> PathBuf {
    root().join("tests/fixtures/diff-pdf").join(case).join(format!("{side}.yaml"))
}

/// A fresh, empty folder for one test.
fn scratch(test: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("charter-diff-pdf-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// `charter diff OLD NEW --format pdf --no-system-fonts EXTRA…`, run in `cwd`.
fn run_in(cwd: &Path, old: &Path, new: &Path, extra: &[&str]) -> Run {
    let o = Command::new(BIN)
        .current_dir(cwd)
        .arg("diff")
        .arg(old)
        .arg(new)
        .args(["--format", "pdf", "--no-system-fonts", "--color", "never"])
        .args(extra)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"));
    Run {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// The PDF of OLD → NEW written to `out`; panics unless it succeeds.
fn pdf(old: &Path, new: &Path, out: &Path) -> Run {
    let r = run_in(&root(), old, new, &["-o", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "diff --format pdf failed:\n{}\n{}", r.stdout, r.stderr);
    r
}

fn load(path: &Path) -> charter::Document {
    let doc = charter::process(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(doc.charter.is_some(), "{} does not load", path.display());
    doc
}

fn compare(old: &Path, new: &Path) -> Diff {
    let (o, n) = (load(old), load(new));
    let od = Draft { name: "old".into(), charter: o.charter.as_ref().unwrap(), numbering: &o.numbering };
    let nd = Draft { name: "new".into(), charter: n.charter.as_ref().unwrap(), numbering: &n.numbering };
    diff::diff(&od, &nd)
}

fn op_fixture(case: &str) -> (Diff, Table) {
    let dir = root().join("tests/fixtures/diff").join(case);
    let d = compare(&dir.join("old.yaml"), &dir.join("new.yaml"));
    let t = table::table(&d);
    (d, t)
}

/// The text a cell prints, squashed.
fn cell_text(pieces: &[table::Piece]) -> String {
    let mut s = String::new();
    for p in pieces {
        s.push_str(&p.label);
        for q in &p.paras {
            for sp in &q.spans {
                s.push_str(&sp.text);
            }
        }
    }
    squash(&s)
}

#[test]
fn rows_follow_the_operations() {
    // One row per operation other than unchanged / renumbered, numbered 1…n.
    for case in ["add", "delete", "modify", "renumber", "move", "split", "merge", "chapter-rename"] {
        let (d, t) = op_fixture(case);
        let articles = t.rows.iter().filter(|r| r.kind == RowKind::Article).count();
        let expected =
            d.articles.iter().filter(|a| !matches!(a.op, ArticleChange::Unchanged | ArticleChange::Renumbered)).count();
        assert_eq!(articles, expected, "{case}");
        for (k, r) in t.rows.iter().enumerate() {
            assert_eq!(r.no, k + 1, "{case}");
        }
        assert_eq!(t.renumber_sentence, diff::term::renumber_sentence(&d), "{case}");
    }
    let (_, t) = op_fixture("add");
    let added = t.rows.iter().find(|r| r.op == "added").unwrap();
    assert!(added.old.is_empty() && added.new.len() == 1);
    assert!(added.note.starts_with("新增"));
    // Whole added articles are not marked: the 说明 says it.
    assert!(added.new[0].paras.iter().flat_map(|p| &p.spans).all(|s| s.op == SegOp::Equal));
    let (_, t) = op_fixture("delete");
    let deleted = t.rows.iter().find(|r| r.op == "deleted").unwrap();
    assert!(deleted.new.is_empty() && deleted.old.len() == 1 && deleted.note == "删除");
    let (_, t) = op_fixture("split");
    let split = t.rows.iter().find(|r| r.op == "split").unwrap();
    assert!(split.old.len() == 1 && split.new.len() >= 2, "{split:?}");
    assert!(split.note.starts_with("拆分为"));
    let (_, t) = op_fixture("merge");
    let merged = t.rows.iter().find(|r| r.op == "merged").unwrap();
    assert!(merged.old.len() >= 2 && merged.new.len() == 1, "{merged:?}");
    let (_, t) = op_fixture("chapter-rename");
    assert!(t.rows.iter().any(|r| r.kind == RowKind::Division && r.op == "renamed"), "{:?}", t.rows);
    let (_, t) = op_fixture("move");
    assert!(t.rows.iter().any(|r| r.note.contains("移至") || r.note.contains("位置调整")), "{:?}", t.rows);
}

#[test]
fn modified_cells_are_the_two_sides_of_the_segments() {
    let (d, t) = op_fixture("modify");
    let op = d.articles.iter().find(|a| a.op == ArticleChange::Modified).unwrap();
    let row = t.rows.iter().find(|r| r.op == "modified").unwrap();
    // Deletions only on the left, insertions only on the right.
    assert!(row.old.iter().flat_map(|p| &p.paras).flat_map(|q| &q.spans).all(|s| s.op != SegOp::Insert));
    assert!(row.new.iter().flat_map(|p| &p.paras).flat_map(|q| &q.spans).all(|s| s.op != SegOp::Delete));
    assert!(row.new.iter().flat_map(|p| &p.paras).flat_map(|q| &q.spans).any(|s| s.op == SegOp::Insert));
    // Each changed block's old side is in the left cell, its new side in the right one.
    let (left, right) = (cell_text(&row.old), cell_text(&row.new));
    for b in op.blocks.iter().filter(|b| b.op != diff::BlockChange::Equal) {
        let old: String = b.segments.iter().map(|s| s.old_side()).collect();
        let new: String = b.segments.iter().map(|s| s.new_side()).collect();
        assert!(left.contains(&squash(&old)), "{old} not in {left}");
        assert!(right.contains(&squash(&new)), "{new} not in {right}");
    }
    // Unchanged blocks are left out as ……
    if op.blocks.iter().any(|b| b.op == diff::BlockChange::Equal) {
        assert!(row.new[0].paras.iter().any(|p| p.kind == ParaKind::Elided));
    }
}

#[test]
fn the_example_pair() {
    let dir = scratch("example");
    let out = dir.join("table.pdf");
    let r = pdf(Path::new(OLD), Path::new(NEW), &out);
    assert!(r.stdout.contains("已生成") && r.stdout.contains("页）"), "{}", r.stdout);
    let text = pdf_text(&out);
    let d = compare(&root().join(OLD), &root().join(NEW));

    for s in [
        "《哈尔滨音乐学院学生会章程》修改对照表",
        "序号",
        "修改前条文",
        "修改后条文",
        "说明",
        "修改前：草案，2021年11月24日，共35条（charter/charter.yaml）",
        "修改后：修订草案，2021年12月1日，共37条（charter/drafts/revised.yaml）",
        "第二十一条主席团职权",
        "第二十一条主席职权",
        "第三十五条本会的经费",
        "新增（第七章）",
        "第一节一般规定",
        "新增一节（第四章）",
        "拆分为第二十八条、第二十九条",
        "移至第四章第一节",
    ] {
        assert!(text.contains(&squash(s)), "“{s}” is missing:\n{text}");
    }
    assert!(text.contains(&squash(&diff::summary_line(&d))), "no summary line:\n{text}");
    let sentence = diff::term::renumber_sentence(&d);
    assert!(!sentence.is_empty());
    assert!(
        text.contains(&squash(&format!(
            "另有{}条仅序号变化、内容未修改，未列入本表：{sentence}。",
            d.summary.renumbered
        ))),
        "no renumbering sentence:\n{text}"
    );

    // No row for an article whose only change is its number: none in the
    // table's data, and its text is nowhere in the PDF.
    let t = table::table(&d);
    for op in d.articles.iter().filter(|a| a.op == ArticleChange::Renumbered) {
        let (o, n) = (&op.old[0].label, &op.new[0].label);
        let row = t
            .rows
            .iter()
            .find(|r| r.old.first().is_some_and(|p| &p.label == o) && r.new.first().is_some_and(|p| &p.label == n));
        assert!(row.is_none(), "renumber-only {o} → {n} has a row: {row:?}");
    }
    let new = export(&root().join(NEW));
    let by_id: std::collections::BTreeMap<String, Value> =
        articles(&new).into_iter().map(|a| (a["id"].as_str().unwrap().to_string(), a)).collect();
    let renumbered: Vec<_> = d.articles.iter().filter(|a| a.op == ArticleChange::Renumbered).collect();
    assert!(!renumbered.is_empty());
    for op in renumbered {
        let a = &by_id[&op.new[0].id];
        let first = a["paragraphs"][0]["text"]["plain"].as_str().unwrap();
        let first =
            if first.is_empty() { a["paragraphs"][0]["items"][0]["text"]["plain"].as_str().unwrap() } else { first };
        assert!(!text.contains(&squash(first)), "renumber-only {} has a row: {first}", op.new[0].label);
    }
}

#[test]
fn typst_markup_in_the_drafts_prints_literally() {
    let dir = scratch("inject");
    let out = dir.join("inject.pdf");
    pdf(&fixture("injection", "old"), &fixture("injection", "new"), &out);
    let text = pdf_text(&out);
    let title = "章程#set text(size: 1pt)$x$*y*_z_@ref<lbl>//注释=标题\\[括号]";
    for s in [
        &format!("《{title}》修改对照表"),
        "草案#1$",
        "修订草案#2@",
        "总则#emph[x]$y$改名@章",
        "第一条条标题#strong[加粗]=等号",
        "第一条条标题#strong[加粗]=等号//改$",
        "井号#set page(width: 1cm)与美元$x^2$与星号*与下划线_与@ref与1 < 2 > 0与反斜杠\\与[方括号]与//注释与= 等号，新增#插入$y$[括号]//注释=。",
        "原有文字#{1 + 1}将被删除。",
        "原有文字#{2 + 2}已改写。",
        "这一条将被删去，它含有$删除$与#删除与[删除]与//删除。",
        "新增一条：*星号*与_下划线_与1 < 2与@提及与=等于与//双斜杠与\\反斜杠与#井号与$美元$。",
    ] {
        assert!(text.contains(&squash(s)), "“{s}” did not print literally:\n{text}");
    }
}

#[test]
fn a_character_without_glyph_is_an_error_at_its_place() {
    let dir = scratch("glyph");
    let out = dir.join("glyph.pdf");
    let r = run_in(&root(), &fixture("glyph", "old"), &fixture("glyph", "new"), &["-o", out.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("R001") && r.stderr.contains("“𠀀”（U+20000）"), "{}", r.stderr);
    assert!(r.stderr.contains("glyph/new.yaml:5:12"), "{}", r.stderr);
    assert!(!out.exists(), "nothing is written");
    // A character that is not printed (an unchanged article) does not matter.
    let (old, new) = (fixture("glyph-unchanged", "old"), fixture("glyph-unchanged", "new"));
    pdf(&old, &new, &out);
    assert!(!pdf_text(&out).contains("本会名称为"));
    // Other formats need no fonts of ours.
    let o = Command::new(BIN)
        .current_dir(root())
        .arg("diff")
        .arg(fixture("glyph", "old"))
        .arg(fixture("glyph", "new"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn the_table_is_byte_identical_between_runs() {
    let dir = scratch("det");
    let (a, b) = (dir.join("a.pdf"), dir.join("b.pdf"));
    pdf(Path::new(OLD), Path::new(NEW), &a);
    pdf(Path::new(OLD), Path::new(NEW), &b);
    assert!(read(&a) == read(&b), "two runs differ");
    // The date is the new draft's, not the clock's.
    let bytes = read(&a);
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("2021-12-01") || raw.contains("D:20211201"), "no document date from the draft");
}

#[test]
fn the_default_file_is_out_diff_old_new_pdf() {
    let dir = scratch("default");
    let r = run_in(&dir, &root().join(OLD), &root().join(NEW), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = dir.join("out/diff-charter-revised.pdf");
    assert!(out.is_file(), "{}", r.stdout);
    assert!(r.stdout.contains("out/diff-charter-revised.pdf"), "{}", r.stdout);
    // Quiet: nothing on stdout.
    let r = run_in(&dir, &root().join(OLD), &root().join(NEW), &["--quiet"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
}

#[test]
fn a_projects_own_template_is_used() {
    let dir = scratch("project");
    let out = dir.join("p.pdf");
    pdf(&fixture("project", "old"), &fixture("project", "new"), &out);
    let text = pdf_text(&out);
    assert!(text.contains("自定义模板章程项目对照表模板：1行，charter-diff/1"), "{text}");
}

#[test]
fn a_broken_template_is_reported_and_nothing_is_written() {
    let dir = scratch("broken");
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    for side in ["old", "new"] {
        std::fs::copy(fixture("project", side), dir.join(format!("{side}.yaml"))).unwrap();
    }
    std::fs::write(dir.join("templates/diff.typ"), "#let t = json(\"/table.json\")\n#t.nowhere\n").unwrap();
    let out = dir.join("b.pdf");
    let r = run_in(&dir, Path::new("old.yaml"), Path::new("new.yaml"), &["-o", "b.pdf"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("R010") && r.stderr.contains("templates/diff.typ:2:"), "{}", r.stderr);
    assert!(!out.exists());
}

#[test]
fn a_missing_font_folder_is_a_tool_error() {
    let r = run_in(&root(), Path::new(OLD), Path::new(NEW), &["--font-path", "no/such/folder", "-o", "/dev/null"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("字体文件夹不存在"), "{}", r.stderr);
}
