//! Inputs found by the fuzzer (`fuzz/`, target `decision`), kept as
//! regression tests: each is read without a panic and gets its diagnostics.

use charter_core::source::FileId;

/// The opening sentence has a 》 before its first 《 (a mutated title):
/// slicing between them panicked.
#[test]
fn closing_bracket_before_opening_in_the_opening_sentence() {
    let text = "关于修改《某章程》的决定\n\n学生代表大会决定对某章程》的决定《某章程\u{b00b}作如下修改：\n\n一、将第九十条修改为：“重新公布。\n";
    let d = charter_amend::read_decision(FileId::default(), text);
    // Read (the quotation is unclosed, so an error), but never a panic.
    assert!(d.is_err());
    // With a title in order the same sentence gives the title.
    let ok = "学生代表大会决定对》《某章程》作如下修改：\n\n一、删去第一条。\n";
    let d = charter_amend::read_decision(FileId::default(), ok).expect("reads");
    assert_eq!(d.title, "某章程");
}
