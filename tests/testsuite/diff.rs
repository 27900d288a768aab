//! `charter diff`: one fixture per operation (snapshots of the JSON and of
//! the terminal output without colour), the properties diff(A, A) = nothing
//! and apply(OLD, diff) = NEW, the example pair, and the 立法法 2015 → 2023
//! pair when the statutes and an importer are at hand.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use charter::diff::{self, ArticleChange, Diff, Draft, ImpactKind};
use charter::generate::{charter_yaml, perturb};
use serde_json::Value;

const CASES: [&str; 10] =
    ["add", "delete", "modify", "renumber", "move", "split", "merge", "chapter-rename", "reid", "impact"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(case: &str, side: &str) -> PathBuf {
    root().join("tests/fixtures/diff").join(case).join(format!("{side}.yaml"))
}

fn load(path: &Path) -> charter::Document {
    let doc = charter::process(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(doc.charter.is_some(), "{} does not load", path.display());
    doc
}

fn compare(old: &charter::Document, new: &charter::Document) -> Diff {
    let od = Draft { name: "old.yaml".into(), charter: old.charter.as_ref().unwrap(), numbering: &old.numbering };
    let nd = Draft { name: "new.yaml".into(), charter: new.charter.as_ref().unwrap(), numbering: &new.numbering };
    diff::diff(&od, &nd)
}

fn case(name: &str) -> (charter::Document, charter::Document, Diff) {
    let old = load(&fixture(name, "old"));
    let new = load(&fixture(name, "new"));
    let d = compare(&old, &new);
    (old, new, d)
}

fn labels(v: &[diff::ArticleRef]) -> Vec<&str> {
    v.iter().map(|a| a.label.as_str()).collect()
}

fn ops(d: &Diff, op: ArticleChange) -> Vec<&diff::ArticleOp> {
    d.articles.iter().filter(|a| a.op == op).collect()
}

#[test]
fn snapshots() {
    for name in CASES {
        let (_, _, d) = case(name);
        insta::assert_snapshot!(format!("{name}-json"), diff::to_json(&d).unwrap());
        insta::assert_snapshot!(format!("{name}-term"), diff::term::render(&d, false));
    }
}

#[test]
fn one_addition_is_one_addition() {
    let (_, _, d) = case("add");
    let s = &d.summary;
    assert_eq!((s.added, s.deleted, s.modified, s.moved, s.renumbered), (1, 0, 0, 0, 4), "{s:?}");
    assert_eq!(labels(&ops(&d, ArticleChange::Added)[0].new), ["第五条"]);
    assert_eq!(d.renumbering.len(), 1);
    assert_eq!((d.renumbering[0].old_first.as_str(), d.renumbering[0].new_last.as_str()), ("第五条", "第九条"));
    assert!(diff::summary_line(&d).starts_with("新增1条，仅序号变化4条"));
}

#[test]
fn deletion() {
    let (_, _, d) = case("delete");
    assert_eq!((d.summary.deleted, d.summary.modified, d.summary.renumbered), (1, 0, 1));
    let del = ops(&d, ArticleChange::Deleted);
    assert_eq!(del[0].old[0].id, "departments");
    // Deleted articles stand after their old predecessor.
    let pos = d.articles.iter().position(|a| a.op == ArticleChange::Deleted).unwrap();
    assert_eq!(d.articles[pos - 1].new[0].id, "presidium");
}

#[test]
fn modification_is_character_precise() {
    let (_, _, d) = case("modify");
    assert_eq!((d.summary.modified, d.summary.added, d.summary.renumbered), (3, 0, 0));
    let tasks = d.articles.iter().find(|a| a.new.first().is_some_and(|n| n.id == "tasks")).unwrap();
    let text: Vec<String> = tasks
        .blocks
        .iter()
        .filter(|b| b.op != diff::BlockChange::Equal)
        .map(|b| diff::term::marked(&b.segments))
        .collect();
    assert_eq!(text, ["[-联系-]{+加强与+}兄弟院校[-。-]{+的联系；+}", "{+维护同学的正当权益。+}"]);
}

#[test]
fn renumbering_updates_citations_without_changing_articles() {
    let (_, _, d) = case("renumber");
    assert_eq!((d.summary.added, d.summary.modified, d.summary.renumbered), (1, 0, 8));
    assert_eq!(d.summary.citations_updated, 2);
    let presidium = d.articles.iter().find(|a| a.new.first().is_some_and(|n| n.id == "presidium")).unwrap();
    let seg = presidium.blocks[0].segments.iter().find(|s| s.old_text.is_some()).unwrap();
    assert_eq!((seg.old_text.as_deref(), seg.text.as_str()), (Some("第五条"), "第六条"));
}

#[test]
fn moves() {
    let (_, _, d) = case("move");
    assert_eq!((d.summary.moved, d.summary.modified, d.summary.added, d.summary.deleted), (1, 1, 0, 0));
    let m = &ops(&d, ArticleChange::Modified)[0];
    assert!(m.moved && m.renumbered);
    assert_eq!(m.new[0].place, "第二章");
}

#[test]
fn split_and_merge() {
    let (_, _, d) = case("split");
    let s = ops(&d, ArticleChange::Split);
    assert_eq!(s.len(), 1);
    assert_eq!((labels(&s[0].old), labels(&s[0].new)), (vec!["第五条"], vec!["第五条", "第六条"]));
    assert_eq!((d.summary.added, d.summary.deleted), (0, 0));

    let (_, _, d) = case("merge");
    let m = ops(&d, ArticleChange::Merged);
    assert_eq!(m.len(), 1);
    assert_eq!((labels(&m[0].old), labels(&m[0].new)), (vec!["第六条", "第七条"], vec!["第六条"]));
    assert_eq!((d.summary.added, d.summary.deleted), (0, 0));
}

#[test]
fn chapters() {
    let (_, _, d) = case("chapter-rename");
    let s = &d.summary;
    assert_eq!((s.divisions_renamed, s.divisions_added, s.moved, s.modified), (1, 1, 1, 0));
    let renamed = d.divisions.iter().find(|x| x.op == diff::DivisionChange::Renamed).unwrap();
    assert_eq!(diff::term::marked(&renamed.segments), "组织机构{+和职责+}");
}

#[test]
fn positional_ids_are_not_trusted() {
    // Ids art-1, art-2, … as an importer numbering by position would give.
    let (_, _, d) = case("reid");
    assert_eq!((d.summary.added, d.summary.modified, d.summary.renumbered), (1, 0, 8));
    assert_eq!(ops(&d, ArticleChange::Added)[0].new[0].id, "art-1");
}

#[test]
fn reference_impact() {
    let (_, _, d) = case("impact");
    let kinds: Vec<ImpactKind> = d.references.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, [ImpactKind::StaleCitation, ImpactKind::TargetChanged, ImpactKind::TargetDeleted]);
    assert_eq!(d.references[0].citation, "第三条");
    assert_eq!(d.references[0].new_target.as_deref(), Some("第四条"));
}

// ---- properties ----------------------------------------------------------

fn all_drafts() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for name in CASES {
        for side in ["old", "new"] {
            let p = fixture(name, side);
            out.push((p.display().to_string(), std::fs::read_to_string(&p).unwrap()));
        }
    }
    for p in ["charter/charter.yaml", "charter/drafts/revised.yaml"] {
        out.push((p.to_string(), std::fs::read_to_string(root().join(p)).unwrap()));
    }
    out.push(("generated".into(), charter_yaml(300, 10)));
    out
}

#[test]
fn a_draft_against_itself_is_identical() {
    for (name, text) in all_drafts() {
        let a = charter::process_str(&name, &text);
        let b = charter::process_str(&name, &text);
        let d = compare(&a, &b);
        assert!(d.summary.identical, "{name}: {:?}", d.summary);
        assert!(d.articles.iter().all(|a| a.op == ArticleChange::Unchanged && a.blocks.is_empty()), "{name}");
        assert!(d.references.is_empty() && d.meta.is_empty(), "{name}");
        assert_eq!(diff::summary_line(&d), "两稿内容相同。");
    }
}

/// A draft as the list of its articles, each with its divisions, number,
/// and blocks (kind, label, printed text) — read from `charter export`'s
/// JSON, independently of the diff.
type Triple = (String, String, String);
/// (divisions (level, label, title), id, label, repealed, blocks (kind, label, text))
type FlatArticle = (Vec<Triple>, String, String, bool, Vec<Triple>);
type Flat = Vec<FlatArticle>;

fn flatten(export: &Value) -> (Flat, BTreeMap<String, Vec<String>>) {
    fn text(t: &Value) -> String {
        t["plain"].as_str().unwrap().to_string()
    }
    fn items(v: &Value, sub: bool, out: &mut Vec<(String, String, String)>) {
        for it in v.as_array().unwrap() {
            let kind = if sub { "subitem" } else { "item" };
            out.push((kind.into(), it["label"].as_str().unwrap().into(), text(&it["text"])));
            items(&it["items"], true, out);
        }
    }
    fn walk(nodes: &Value, path: &mut Vec<(String, String, String)>, out: &mut Flat) {
        for n in nodes.as_array().unwrap() {
            let kind = n["kind"].as_str().unwrap();
            if kind == "article" {
                let mut blocks = Vec::new();
                if !n["heading"].is_null() {
                    blocks.push(("heading".into(), String::new(), text(&n["heading"])));
                }
                for p in n["paragraphs"].as_array().unwrap() {
                    blocks.push(("paragraph".into(), String::new(), text(&p["text"])));
                    items(&p["items"], false, &mut blocks);
                }
                out.push((
                    path.clone(),
                    n["id"].as_str().unwrap().into(),
                    n["label"].as_str().unwrap().into(),
                    n["repealed"].as_bool().unwrap(),
                    blocks,
                ));
            } else {
                path.push((kind.into(), n["label"].as_str().unwrap().into(), n["title"].as_str().unwrap().into()));
                walk(&n["children"], path, out);
                path.pop();
            }
        }
    }
    let mut flat = Vec::new();
    walk(&export["body"], &mut Vec::new(), &mut flat);
    let mut meta = BTreeMap::new();
    meta.insert("title".into(), vec![export["title"].as_str().unwrap().to_string()]);
    meta.insert("status".into(), export["status"].as_str().map(String::from).into_iter().collect());
    meta.insert("date".into(), export["date"].as_str().map(String::from).into_iter().collect());
    meta.insert("history".into(), export["history"].as_array().unwrap().iter().map(text).collect());
    let mut pre = Vec::new();
    for p in export["preamble"].as_array().unwrap() {
        pre.push(text(&p["text"]));
        let mut b = Vec::new();
        items(&p["items"], false, &mut b);
        pre.extend(b.into_iter().map(|x| x.2));
    }
    meta.insert("preamble".into(), pre);
    (flat, meta)
}

fn side_text(segs: &Value, old: bool) -> String {
    let mut s = String::new();
    for seg in segs.as_array().unwrap() {
        match (seg["op"].as_str().unwrap(), old) {
            ("equal", true) => {
                s.push_str(seg.get("old_text").and_then(Value::as_str).unwrap_or_else(|| seg["text"].as_str().unwrap()))
            }
            ("equal", false) | ("insert", false) | ("delete", true) => s.push_str(seg["text"].as_str().unwrap()),
            _ => {}
        }
    }
    s
}

/// The blocks of article `k` of an operation, on one side.
fn op_blocks(op: &Value, k: usize, old: bool) -> Vec<(String, String, String)> {
    let side = if old { "old" } else { "new" };
    op["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b[side].is_object() && b[side]["article"].as_u64() == Some(k as u64))
        .map(|b| {
            (
                b["kind"].as_str().unwrap().into(),
                b[side]["label"].as_str().unwrap().into(),
                side_text(&b["segments"], old),
            )
        })
        .collect()
}

/// Apply the diff's JSON to the old draft's export; check on the way that
/// every operation's old side is the old draft.
fn apply(old_export: &Value, dj: &Value) -> (Flat, BTreeMap<String, Vec<String>>) {
    let (old_flat, old_meta) = flatten(old_export);
    let old_by_id: BTreeMap<&str, &FlatArticle> = old_flat.iter().map(|a| (a.1.as_str(), a)).collect();
    let mut divisions: BTreeMap<String, (String, String, String)> = BTreeMap::new();
    for d in dj["divisions"].as_array().unwrap() {
        if d["new"].is_object() {
            let n = &d["new"];
            divisions.insert(
                n["id"].as_str().unwrap().into(),
                (
                    d["level"].as_str().unwrap().into(),
                    n["label"].as_str().unwrap().into(),
                    n["title"].as_str().unwrap().into(),
                ),
            );
        }
    }
    let mut seen_old = BTreeSet::new();
    let mut out: Flat = Vec::new();
    for op in dj["articles"].as_array().unwrap() {
        let has_blocks = !op["blocks"].as_array().unwrap().is_empty();
        for (j, o) in op["old"].as_array().unwrap().iter().enumerate() {
            let id = o["id"].as_str().unwrap();
            assert!(seen_old.insert(id.to_string()), "old article {id} in two operations");
            let orig = old_by_id.get(id).unwrap_or_else(|| panic!("unknown old id {id}"));
            assert_eq!(o["label"].as_str().unwrap(), orig.2);
            if has_blocks {
                assert_eq!(op_blocks(op, j, true), orig.4, "old side of {id}");
            }
        }
        for (k, n) in op["new"].as_array().unwrap().iter().enumerate() {
            let path =
                n["divisions"].as_array().unwrap().iter().map(|d| divisions[d.as_str().unwrap()].clone()).collect();
            let blocks = if has_blocks {
                op_blocks(op, k, false)
            } else {
                let old_id = op["old"][0]["id"].as_str().expect("text comes from an old article");
                old_by_id[old_id].4.clone()
            };
            out.push((
                path,
                n["id"].as_str().unwrap().into(),
                n["label"].as_str().unwrap().into(),
                n["repealed"].as_bool().unwrap(),
                blocks,
            ));
        }
    }
    assert_eq!(seen_old.len(), old_flat.len(), "every old article is in exactly one operation");
    let mut meta = old_meta.clone();
    for m in dj["meta"].as_array().unwrap() {
        let field = m["field"].as_str().unwrap();
        let olds: Vec<String> = op_blocks(m, 0, true).into_iter().map(|b| b.2).collect();
        assert_eq!(olds, old_meta[field], "old {field}");
        meta.insert(field.into(), op_blocks(m, 0, false).into_iter().map(|b| b.2).collect());
    }
    (out, meta)
}

fn export_json(doc: &charter::Document) -> Value {
    serde_json::from_str(&charter::export::to_json(doc.charter.as_ref().unwrap(), &doc.numbering).unwrap()).unwrap()
}

fn check_apply(what: &str, old: &charter::Document, new: &charter::Document) -> Diff {
    let d = compare(old, new);
    let dj: Value = serde_json::from_str(&diff::to_json(&d).unwrap()).unwrap();
    assert_eq!(dj["schema"], "charter-diff/1");
    let (got, got_meta) = apply(&export_json(old), &dj);
    let (want, want_meta) = flatten(&export_json(new));
    assert_eq!(got.len(), want.len(), "{what}: number of articles");
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w, "{what}: article {}", w.1);
    }
    assert_eq!(got_meta, want_meta, "{what}: metadata");
    d
}

#[test]
fn applying_the_json_to_old_gives_new() {
    for name in CASES {
        let (old, new, _) = case(name);
        check_apply(name, &old, &new);
        check_apply(&format!("{name} reversed"), &new, &old);
    }
    let old = load(&root().join("charter/charter.yaml"));
    let new = load(&root().join("charter/drafts/revised.yaml"));
    check_apply("example", &old, &new);
    check_apply("example reversed", &new, &old);
}

#[test]
fn applying_the_json_to_old_gives_new_on_generated_revisions() {
    let base = charter_yaml(150, 5);
    let a = charter::process_str("a.yaml", &base);
    for (percent, seed) in [(5, 1), (10, 2), (20, 3), (50, 4), (100, 5), (30, 6)] {
        let revised = perturb(&base, percent, seed);
        let b = charter::process_str("b.yaml", &revised);
        assert!(b.charter.is_some());
        let d = check_apply(&format!("{percent}% seed {seed}"), &a, &b);
        assert!(!d.summary.identical);
        // And a revision of the revision, against the base.
        let again = perturb(&revised, percent, seed + 100);
        let c = charter::process_str("c.yaml", &again);
        check_apply(&format!("{percent}% twice, seed {seed}"), &a, &c);
        check_apply(&format!("{percent}% twice reversed, seed {seed}"), &c, &a);
    }
}

// ---- the example pair and the CLI -----------------------------------------

fn charter_bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_charter"));
    c.current_dir(root()).env_remove("NO_COLOR");
    c
}

#[test]
fn the_example_revision() {
    let out = charter_bin()
        .args(["diff", "charter/charter.yaml", "charter/drafts/revised.yaml", "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("第二十一条  修改\n  标题：主席[-团-]职权"), "{text}");
    assert!(text.contains("学习纪[-检-]{+律+}部"));
    assert!(text.contains("在[-校-]{+学+}代会闭会期间"));
    assert!(text.contains("交流[- and -]{+和+}联系"));
    assert!(text.contains("一般为[- -]20[---]{+至+}30[- -]人"));
    assert!(text.contains("拆分"));
    assert!(text.contains("第七章 经费  新增"));
    assert!(!text.contains('\u{1b}'), "no colour when --color never");
    insta::assert_snapshot!("example-term", text);
}

#[test]
fn colour_follows_the_flag() {
    let run = |args: &[&str]| {
        let out = charter_bin()
            .args(["diff", "charter/charter.yaml", "charter/drafts/revised.yaml"])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let coloured = run(&["--color", "always"]);
    assert!(coloured.contains("\u{1b}[31;9m团\u{1b}[0m"), "deletion struck through in red");
    assert!(!coloured.contains("[-团-]"));
    // Not a terminal: no colour by default.
    assert!(!run(&[]).contains('\u{1b}'));
}

#[test]
fn json_and_html_outputs() {
    let out = charter_bin()
        .args(["diff", "charter/charter.yaml", "charter/drafts/revised.yaml", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "charter-diff/1");
    assert_eq!(v["summary"]["added"], 1);

    let dir = scratch("html");
    let page = dir.join("diff.html");
    let out = charter_bin()
        .args(["diff", "charter/charter.yaml", "charter/drafts/revised.yaml", "--format", "html", "-o"])
        .arg(&page)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<del>团</del>") && html.contains("<ins>律</ins>"));
    assert!(html.contains("href=\"#a-presidium-powers-2\"") && html.contains("id=\"a-presidium-powers-2\""));
    assert!(html.contains("左右对照"));
    // The index: the number is a box of its own (no marker in the column
    // gap), the view switch is two focusable buttons.
    assert!(html.contains("<li><span><a href=\"#a-presidium-powers-2\">"), "{html}");
    assert!(html.contains("nav li::before { content: counter(n)"), "{html}");
    assert!(html.contains("id=\"view-inline\" class=\"vh\" checked>") && !html.contains(" hidden>"), "{html}");
    assert!(!html.contains("http://") && !html.contains("https://"), "self-contained");
}

#[test]
fn html_escapes_user_text() {
    let dir = scratch("escape");
    let old = dir.join("old.yaml");
    let new = dir.join("new.yaml");
    // Titles are plain strings (HTML in article text is refused by the
    // loader, Y027); a lone < or & in text is text.
    let yaml = |n: u32, text: &str| {
        format!(
            "title: 章程<script>alert({n})</script>\nbody:\n  - chapter: 总则<img src=x onerror=alert({n})>\n    id: c\n    body:\n      - id: a\n        text: |\n          {text}\n"
        )
    };
    std::fs::write(&old, yaml(1, "甲")).unwrap();
    std::fs::write(&new, yaml(2, "甲 < 乙 & 丙\"'")).unwrap();
    let out = charter_bin().arg("diff").arg(&old).arg(&new).args(["--format", "html"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(!html.contains("<script>") && !html.contains("<img"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(2)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert("));
    assert!(html.contains("<ins> &lt; 乙 &amp; 丙&quot;&#39;</ins>"), "{html}");
}

/// A project's own templates/diff.html.j2 replaces the built-in page; it
/// gets data (escaped by the engine), and an error in it is R020, exit 2.
#[test]
fn html_template_is_overridable() {
    let dir = scratch("html-template");
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    let new = dir.join("new.yaml");
    std::fs::copy(root().join("tests/fixtures/diff/modify/new.yaml"), &new).unwrap();
    let old = root().join("tests/fixtures/diff/modify/old.yaml");
    std::fs::write(
        dir.join("templates/diff.html.j2"),
        "<h1>{{ title }}</h1>{% for a in articles %}<p>{{ a.header }}:{{ a.word }}:{% for l in a.lines %}{% if l.kind == \"block\" %}{% for s in l.block.segments %}{{ s.op }}={{ s.text }};{% endfor %}{% endif %}{% endfor %}</p>{% endfor %}\n",
    )
    .unwrap();
    let out = charter_bin().arg("diff").arg(&old).arg(&new).args(["--format", "html"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<h1>") && !html.contains("<!DOCTYPE"), "{html}");
    assert!(html.contains(":修改:") && html.contains("insert=") && html.contains("delete="), "{html}");

    std::fs::write(dir.join("templates/diff.html.j2"), "<h1>{{ title }</h1>\n").unwrap();
    let out =
        charter_bin().arg("diff").arg(&old).arg(&new).args(["--format", "html", "--color", "never"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("R020") && err.contains("diff.html.j2:1:"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn exit_codes() {
    // A difference is not a failure.
    let out = charter_bin()
        .args(["diff", "tests/fixtures/diff/add/old.yaml", "tests/fixtures/diff/add/new.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    // A missing file is a tool failure.
    let out = charter_bin().args(["diff", "charter/charter.yaml", "nowhere.yaml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("找不到章程"));
    // A font folder that does not exist (PDF) is a tool failure.
    let out = charter_bin()
        .args(["diff", "charter/charter.yaml", "charter/drafts/revised.yaml", "--format", "pdf"])
        .args(["--font-path", "no/such/folder"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("字体文件夹不存在"));
    // A draft with YAML errors: its diagnostics, exit 1.
    let dir = scratch("bad");
    let bad = dir.join("bad.yaml");
    std::fs::write(&bad, "title: 章程\nbody:\n  - id: a\n    txet: 甲\n").unwrap();
    let out =
        charter_bin().arg("diff").arg("charter/charter.yaml").arg(&bad).args(["--color", "never"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Y0") && err.contains("bad.yaml:4:"), "{err}");
    assert!(out.stdout.is_empty());
    // Two paths are needed without --rev.
    let out = charter_bin().args(["diff", "charter/charter.yaml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("charter-diff-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn git_revisions() {
    if Command::new("git").arg("--version").output().is_err() {
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            concat!("skipped: git is not installed", "\n").as_bytes(),
        );
        return;
    }
    let dir = scratch("git");
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .current_dir(&dir)
            .args(["-c", "user.name=测试", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    git(&["init", "-q"]);
    std::fs::create_dir_all(dir.join("charter")).unwrap();
    std::fs::copy(fixture("add", "old"), dir.join("charter/charter.yaml")).unwrap();
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "one"]);
    std::fs::copy(fixture("add", "new"), dir.join("charter/charter.yaml")).unwrap();
    git(&["commit", "-q", "-am", "two"]);
    std::fs::copy(fixture("delete", "new"), dir.join("charter/charter.yaml")).unwrap(); // uncommitted
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_charter")).current_dir(&dir).args(args).output().unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    };
    let (code, text, err) = run(&["diff", "--rev", "HEAD~1..HEAD", "charter/", "--color", "never"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(text.starts_with("修改前：HEAD~1:charter/charter.yaml"), "{text}");
    assert!(text.contains("新增1条，仅序号变化4条"), "{text}");
    // From a sub-folder, with a file path.
    let out = Command::new(env!("CARGO_BIN_EXE_charter"))
        .current_dir(dir.join("charter"))
        .args(["diff", "--rev", "HEAD~1..HEAD", "charter.yaml", "--color", "never"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("新增1条"), "{}", String::from_utf8_lossy(&out.stderr));
    // Against the work tree, which is not touched.
    let (code, text, _) = run(&["diff", "--rev", "HEAD..", "charter", "--color", "never"]);
    assert_eq!(code, Some(0));
    assert!(text.contains("删除"), "{text}");
    let now = std::fs::read_to_string(dir.join("charter/charter.yaml")).unwrap();
    assert_eq!(now, std::fs::read_to_string(fixture("delete", "new")).unwrap());
    // Unknown revision: tool failure.
    let (code, _, err) = run(&["diff", "--rev", "nosuch..HEAD", "charter"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("nosuch"), "{err}");
}

// ---- the real pair ----------------------------------------------------------

/// 立法法 2015 and 2023 as charter YAML: imported with `charter import` when
/// the importer exists, else taken from `CHARTER_LIFAFA_YAML` (a folder with
/// lifafa-2015.yaml and lifafa-2023.yaml). None (with a message) otherwise.
fn lifafa_pair() -> Option<(charter::Document, charter::Document)> {
    let laws = root().join("../shared/data/laws");
    if !laws.is_dir() {
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            (format!("skipped: {} is absent", laws.display()) + "\n").as_bytes(),
        );
        return None;
    }
    let has_import = charter_bin().args(["import", "--help"]).output().is_ok_and(|o| o.status.success());
    let (a, b) = if has_import {
        let dir = scratch("lifafa");
        let mut out = Vec::new();
        for year in ["2015", "2023"] {
            let yaml = dir.join(format!("lifafa-{year}.yaml"));
            let o = charter_bin()
                .arg("import")
                .arg(laws.join(format!("lifafa-{year}_lawrefbook.md")))
                .arg("-o")
                .arg(&yaml)
                .output()
                .unwrap();
            assert!(yaml.is_file(), "charter import wrote nothing: {}", String::from_utf8_lossy(&o.stderr));
            out.push(yaml);
        }
        (out[0].clone(), out[1].clone())
    } else if let Some(dir) = std::env::var_os("CHARTER_LIFAFA_YAML") {
        let dir = PathBuf::from(dir);
        (dir.join("lifafa-2015.yaml"), dir.join("lifafa-2023.yaml"))
    } else {
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            concat!("skipped: no `charter import` yet, and CHARTER_LIFAFA_YAML is not set", "\n").as_bytes(),
        );
        return None;
    };
    Some((load(&a), load(&b)))
}

#[test]
fn lifafa_2015_to_2023() {
    let Some((old, new)) = lifafa_pair() else { return };
    assert_eq!((old.numbering.counts.articles, new.numbering.counts.articles), (105, 120));
    let d = check_apply("立法法", &old, &new);
    let added: Vec<u32> = ops(&d, ArticleChange::Added).iter().map(|a| a.new[0].number).collect();
    assert_eq!(added, [8, 9, 55, 68, 70, 71, 79, 83, 90, 111, 115, 116, 118]);
    let splits: Vec<(Vec<u32>, Vec<u32>)> = ops(&d, ArticleChange::Split)
        .iter()
        .map(|a| (a.old.iter().map(|x| x.number).collect(), a.new.iter().map(|x| x.number).collect()))
        .collect();
    assert_eq!(splits, [(vec![3], vec![3, 4]), (vec![72], vec![80, 81])]);
    assert_eq!((d.summary.deleted, d.summary.merged), (0, 0));
    // Every other old article is still there, in order.
    assert_eq!(d.summary.moved, 0);
}
