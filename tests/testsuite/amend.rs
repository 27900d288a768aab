//! `charter amend` and `charter apply`, end to end: the example pair through
//! the text, malformed decisions (snapshots and exit codes), voting.

use crate::common::charter;

fn tmp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("charter-amend-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir.join(name)
}

/// The example pair: the decision written, applied back through the CLI,
/// gives a charter that prints like the revised draft.
#[test]
fn example_decision_applies_back() {
    let dec = tmp("example-decision.txt");
    let dec_s = dec.to_string_lossy().into_owned();
    let (code, _, err) = charter(&[
        "amend",
        "charter/charter.yaml",
        "charter/drafts/revised.yaml",
        "--body",
        "哈尔滨音乐学院第二次学生代表大会第一次会议",
        "-o",
        &dec_s,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("A020"), "the decision does not reproduce the revised draft: {err}");
    let text = std::fs::read_to_string(&dec).unwrap_or_else(|e| panic!("{e}"));
    assert!(text.starts_with("关于修改《哈尔滨音乐学院学生会章程》的决定"));
    assert!(text.contains("哈尔滨音乐学院第二次学生代表大会第一次会议决定对《哈尔滨音乐学院学生会章程》作如下修改："));
    assert!(text.contains("将第二十八条改为两条，作为第二十八条、第二十九条，修改为："), "{text}");
    assert!(text.contains("增加一章，作为第七章，章名为“经费”"), "{text}");
    let out = tmp("adopted.yaml");
    let out_s = out.to_string_lossy().into_owned();
    let (code, stdout, err) = charter(&["apply", "charter/charter.yaml", &dec_s, "-o", &out_s]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("已生成"), "{stdout}");
    // The adopted text prints as the revised draft does (same numbering,
    // same articles), and its history has the amendment.
    let (_, want, _) = charter(&["export", "--format", "text", "charter/drafts/revised.yaml"]);
    let (_, got, _) = charter(&["export", "--format", "text", &out_s]);
    let body = |s: &str| s.lines().skip_while(|l| !l.starts_with("第一章")).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&want), body(&got));
    assert!(got.contains("（根据2021年12月1日哈尔滨音乐学院第二次学生代表大会第一次会议《关于修改〈哈尔滨音乐学院学生会章程〉的决定》修正）"), "{got}");
    assert!(!got.contains("草案"), "the status goes after adoption");
    // OLD's comments stay on the nodes that survive.
    let yaml = std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{e}"));
    assert!(yaml.contains("  # 本会设立的机构\n  - name: \"哈尔滨音乐学院学生会\""), "{yaml}");
    assert!(yaml.contains("# 原稿此项编为（六），缺（五）"), "{yaml}");
    // --draft: still a draft, no history line.
    let (code, draft, err) = charter(&["apply", "charter/charter.yaml", &dec_s, "--draft"]);
    assert_eq!(code, 0, "{err}");
    assert!(draft.contains("status: \"草案\""), "{draft}");
    assert!(!draft.contains("修正"), "{draft}");
}

/// Voting: only the adopted items apply; a rejected split leaves the old
/// article; the numbers of the others follow.
#[test]
fn adopt_applies_only_the_chosen_items() {
    let dec = tmp("vote-decision.txt");
    let dec_s = dec.to_string_lossy().into_owned();
    let (code, _, _) = charter(&["amend", "charter/charter.yaml", "charter/drafts/revised.yaml", "-o", &dec_s]);
    assert_eq!(code, 0);
    let (code, yaml, err) = charter(&["apply", "charter/charter.yaml", &dec_s, "--adopt", "1,2"]);
    assert_eq!(code, 0, "{err}");
    let out = tmp("vote.yaml");
    std::fs::write(&out, &yaml).unwrap_or_else(|e| panic!("{e}"));
    let (_, got, _) = charter(&["export", "--format", "text", &out.to_string_lossy()]);
    assert!(got.contains("中共哈尔滨音乐学院委员会领导下，由学院团委统筹负责"), "item 2 adopted");
    assert!(got.contains("第三十五条"), "no article added: 35 articles");
    assert!(!got.contains("第三十六条"), "{got}");
    assert!(got.contains("交流 and 联系"), "item on 第五条 not adopted");
}

/// Every malformed decision: its diagnostics (snapshot) and exit code.
#[test]
fn malformed_decisions() {
    let adopt =
        [("dependency_on_rejected", "2"), ("dependency_on_rejected_replacement", "2"), ("adopt_unknown_item", "1,7")];
    let mut names: Vec<String> = std::fs::read_dir("tests/fixtures/amend/bad")
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 10, "only {} malformed decisions", names.len());
    for name in names {
        let path = format!("tests/fixtures/amend/bad/{name}");
        let stem = name.trim_end_matches(".txt");
        let mut args = vec!["apply", "--color", "never", "charter/charter.yaml", &path];
        if let Some((_, a)) = adopt.iter().find(|(n, _)| *n == stem) {
            args.extend(["--adopt", a]);
        }
        let (code, stdout, stderr) = charter(&args);
        assert_eq!(code, 1, "{name}: exit code\n{stdout}{stderr}");
        assert!(stdout.is_empty(), "{name}: nothing is written\n{stdout}");
        assert!(!stderr.contains("panicked"), "{name} panicked: {stderr}");
        assert!(stderr.contains(&path), "{name}: the message must name the decision file\n{stderr}");
        insta::assert_snapshot!(format!("amend_bad__{stem}"), format!("exit: {code}\n{stderr}"));
    }
}

/// 立法法 2015 → 2023 against the official decision (figures printed;
/// skipped, with a message, when ../shared/data is absent).
#[test]
fn lifafa_decision() {
    let laws = std::path::Path::new("../shared/data/laws");
    if !laws.is_dir() {
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            (format!("skipped: {} is absent", laws.display()) + "\n").as_bytes(),
        );
        return;
    }
    let mut yaml = Vec::new();
    for year in ["2015", "2023"] {
        let out = tmp(&format!("lifafa-{year}.yaml"));
        let src = laws.join(format!("lifafa-{year}_lawrefbook.md"));
        let (_, _, err) = charter(&["import", &src.to_string_lossy(), "-o", &out.to_string_lossy()]);
        assert!(out.is_file(), "import failed: {err}");
        yaml.push(out.to_string_lossy().into_owned());
    }
    // Ours: the same added articles with the same new numbers, the same splits.
    let (code, ours, err) = charter(&["amend", &yaml[0], &yaml[1]]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("A020"), "{err}");
    let added: Vec<&str> =
        ours.lines().filter_map(|l| l.split("增加一条，作为").nth(1)).filter_map(|r| r.split('：').next()).collect();
    assert_eq!(
        added,
        [
            "第八条",
            "第九条",
            "第五十五条",
            "第六十八条",
            "第七十条",
            "第七十一条",
            "第七十九条",
            "第八十三条",
            "第九十条",
            "第一百一十一条",
            "第一百一十五条",
            "第一百一十六条",
            "第一百一十八条"
        ]
    );
    assert!(ours.contains("将第三条改为两条，作为第三条、第四条"), "{ours}");
    assert!(ours.contains("将第七十二条改为两条，作为第八十条、第八十一条"), "{ours}");
    // No article is deleted (a 款 or 项 may be: 删去第三款).
    let deletes_article = ours.match_indices("删去第").any(|(i, m)| {
        let rest = &ours[i + m.len()..];
        let digits: String = rest.chars().take_while(|c| "一二三四五六七八九十百千零".contains(*c)).collect();
        let after = &rest[digits.len()..];
        after.starts_with('条') && !after["条".len()..].starts_with('第')
    });
    assert!(!deletes_article, "nothing deleted: {ours}");
    let items = ours
        .lines()
        .filter(|l| {
            l.contains('、')
                && l.split('、')
                    .next()
                    .is_some_and(|h| h.chars().all(|c| "一二三四五六七八九十百".contains(c)) && !h.is_empty())
        })
        .count();
    eprintln!("立法法: our decision has {items} items (the official one 40)");
    // Ours applied back gives the 2023 text.
    let dec = tmp("lifafa-ours.txt");
    std::fs::write(&dec, &ours).unwrap_or_else(|e| panic!("{e}"));
    let applied = tmp("lifafa-applied.yaml");
    let (code, _, err) = charter(&["apply", &yaml[0], &dec.to_string_lossy(), "-o", &applied.to_string_lossy()]);
    assert_eq!(code, 0, "{err}");
    let (_, want, _) = charter(&["export", "--format", "text", &yaml[1]]);
    let (_, got, _) = charter(&["export", "--format", "text", &applied.to_string_lossy()]);
    let body = |s: &str| s.lines().skip_while(|l| !l.starts_with("第一章")).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&want), body(&got));
    // The official decision: what we read, and what applying it gives.
    let official = laws.join("lifafa-2023-amendment-decision_whthomas.md");
    let (code, _, err) = charter(&["apply", "--color", "never", &yaml[0], &official.to_string_lossy()]);
    let unread = err.matches("[A001]").count();
    eprintln!("立法法 official decision: exit {code}, {unread} clauses not read:\n{err}");
}

/// `--format docx`: the decision as a Word document whose paragraphs are
/// exactly the lines of the text version; written to `-o` or, by default,
/// to out/amend-OLD-NEW.docx; byte-identical on rerun.
#[test]
fn amend_docx_has_the_text_versions_paragraphs() {
    let args = ["amend", "charter/charter.yaml", "charter/drafts/revised.yaml", "--body", "第二次学生代表大会"];
    let (code, text, err) = charter(&args);
    assert_eq!(code, 0, "{err}");
    let file = tmp("决定.docx");
    let f = file.to_string_lossy().into_owned();
    let with = |extra: &[&'static str]| -> Vec<String> { args.iter().chain(extra).map(|s| (*s).to_string()).collect() };
    let run = |v: Vec<String>| charter(&v.iter().map(String::as_str).collect::<Vec<_>>());
    let mut cmd = with(&["--format", "docx", "-o"]);
    cmd.push(f.clone());
    let (code, stdout, err) = run(cmd.clone());
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("已生成") && stdout.contains("决定.docx"), "{stdout}");
    let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{e}"));
    let imp = charter::import::import_bytes(&file, &bytes, charter::import::Options::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let paras: Vec<&str> = imp.sources.file(imp.file).text.lines().collect();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(paras, lines);
    assert!(paras[0].starts_with("关于修改《") && paras[1].contains("第二次学生代表大会通过"), "{paras:?}");
    let (code, _, _) = run(cmd);
    assert_eq!(code, 0);
    assert_eq!(std::fs::read(&file).unwrap_or_default(), bytes, "not byte-identical on rerun");
}
