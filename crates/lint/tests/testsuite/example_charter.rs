//! The quality bar on the example charter (the seed's draft): with its
//! glossary the checker finds every inconsistency a careful reader finds;
//! with the glossary removed it still finds the duplicated heading, the
//! department with two names, the bodies and roles defined nowhere and the
//! typography problems.

use std::path::Path;

fn example() -> String {
    let p = crate::root().join("charter/charter.yaml");
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The example without its `terms:` block.
fn without_glossary(text: &str) -> String {
    let start = text.find("\nterms:").unwrap_or_else(|| panic!("no terms block"));
    let end = text[start + 1..].find("\nbody:").map(|i| start + 1 + i).unwrap_or_else(|| panic!("no body"));
    format!("{}{}", &text[..start], &text[end..])
}

fn short(name: &str, text: &str) -> Vec<String> {
    let doc = charter_lint::process_str(name, text);
    doc.diagnostics.iter().map(|d| charter_core::diagnostic::render_short(d, &doc.sources)).collect()
}

fn has(found: &[String], code: &str, needle: &str) -> bool {
    found.iter().any(|l| l.contains(&format!(" {code} ")) && l.contains(needle))
}

/// (code, part of the message) for every problem a careful reader finds.
const WITH_GLOSSARY: &[(&str, &str)] = &[
    ("CH001", "第二十条和第二十一条的条标题都是“主席团职权”"),
    ("CH007", "“学习纪检部”是错误的写法，应为“学习纪律部”"),
    ("CH007", "“校代会”是错误的写法，应为“学代会”"),
    ("CH007", "关于推动高校学生会(研究生会)深化改革的若干意见"),
    ("CH010", "简称“院学生会”在术语表里属于“哈尔滨音乐学院学生会”"),
    ("CH009", "简称“院学生会”又定义了一次"),
    ("CH008", "简称“系学生会”在定义之前就用了"),
    ("CH011", "已定义简称“学代会”，这里又写了全称“哈尔滨音乐学院学生代表大会”"),
    ("CH013", "机构“常设代表委员会”"),
    ("CH013", "机构“学生会常委会”"),
    ("CH013", "职务“执行主席”"),
    ("CH013", "职务“分管主席”"),
    ("CH017", "第四章“学院学生委员会”分了节，但第十五条、第十六条、第十七条、第十八条不在任何一节里"),
    ("CH020", "半角标点"),
    ("CH021", "数值范围用了半角连字符"),
    ("CH022", "中文句子里夹着英文单词"),
    ("CH023", "中文里有多余的空格"),
    ("CH027", "“最高权利”应为“最高权力”"),
    ("CH027", "“必会期间”应为“闭会期间”"),
    ("CH028", "第十九条的款以分号结尾"),
];

#[test]
fn finds_what_a_careful_reader_finds() {
    let found = short("charter/charter.yaml", &example());
    for (code, needle) in WITH_GLOSSARY {
        assert!(has(&found, code, needle), "missing {code} {needle}\nfound:\n{}", found.join("\n"));
    }
    insta::assert_snapshot!("example_with_glossary", found.join("\n"));
}

#[test]
fn finds_the_essentials_without_a_glossary() {
    let found = short("charter/charter.yaml", &without_glossary(&example()));
    for (code, needle) in [
        ("CH001", "都是“主席团职权”"),
        ("CH012", "“学习纪检部”与“学习纪律部”只差一个字"),
        ("CH012", "“校代会”与“学代会”只差一个字"),
        ("CH013", "机构“常设代表委员会”"),
        ("CH013", "机构“学生会常委会”"),
        ("CH013", "职务“执行主席”"),
        ("CH013", "职务“分管主席”"),
        ("CH020", "半角标点"),
        ("CH021", "半角连字符"),
        ("CH022", "英文单词"),
        ("CH023", "多余的空格"),
    ] {
        assert!(has(&found, code, needle), "missing {code} {needle}\nfound:\n{}", found.join("\n"));
    }
    // Without a glossary nothing is reported as a glossary conflict.
    assert!(!found.iter().any(|l| l.contains(" CH007 ") || l.contains("术语表里属于")));
    insta::assert_snapshot!("example_without_glossary", found.join("\n"));
}

#[test]
fn fixing_the_example_keeps_it_loadable_and_every_other_byte() {
    let text = example();
    let path = Path::new("charter/charter.yaml");
    let outcome = charter_lint::fix::fix_text(&text, &|t| charter_lint::process_text(path, t, None));
    assert!(outcome.applied.len() >= 30, "only {} fixes", outcome.applied.len());
    assert_eq!(outcome.refused, 0);
    let after = charter_lint::process_text(path, &outcome.text, None);
    assert!(after.charter.is_some());
    assert!(!after.diagnostics.iter().any(|d| d.is_load_error()));
    assert!(!after.diagnostics.iter().any(|d| d.fix.is_some()), "fixable findings remain");
    // Comments, keys and line structure are untouched: same lines outside
    // the texts, same number of lines.
    assert_eq!(text.lines().count(), outcome.text.lines().count());
    for (a, b) in text.lines().zip(outcome.text.lines()) {
        if a.trim_start().starts_with('#') || a.trim_end().ends_with(':') || a.contains("id: ") {
            assert_eq!(a, b);
        }
    }
    // The structure is the same: same ids in the same order.
    let ids = |s: &str| -> Vec<String> {
        s.lines()
            .filter_map(|l| l.trim_start().trim_start_matches("- ").strip_prefix("id: ").map(str::to_string))
            .collect()
    };
    assert_eq!(ids(&text), ids(&outcome.text));
}
