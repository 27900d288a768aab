//! The example project: the seed's disclosure (charter/disclosure.yaml)
//! against its charter (charter/charter.yaml).

use charter_disclosure::assess::{self, Computed, Level};
use charter_disclosure::export::export;

use super::{codes, rendered, root, run};

fn example() -> super::Run {
    run(&root().join("charter/disclosure.yaml"), Some(&root().join("charter/charter.yaml")))
}

#[test]
fn loads_without_loading_errors() {
    let r = example();
    let bad: Vec<_> = r.diagnostics.iter().filter(|d| d.code.as_str() < "D010" && d.is_error()).collect();
    assert!(bad.is_empty(), "{}", rendered(&r));
    let d = r.disclosure.as_ref().expect("loaded");
    assert_eq!(d.assessment.school.items.len(), 17);
    assert_eq!(d.assessment.faculty.items.len(), 13);
    assert_eq!(d.assessment.faculty_table.len(), 4);
    assert_eq!(d.roster.rows.len(), 8);
}

#[test]
fn computed_answers() {
    let r = example();
    let d = r.disclosure.as_ref().expect("loaded");
    let computed: Vec<Computed> =
        d.assessment.school.items.iter().map(|i| assess::compute(d, i, Level::School, false).computed).collect();
    use Computed::{Manual as M, No as N, Yes as Y};
    // 1 manual, 2 structure, 3 staff 8 ≤ 40, 4 presidium 5 seats ≤ 5,
    // 5 four departments, 6 no roles (manual), 7 all members, 8 four rows
    // over 30 %, 9 manual, 10 elected by the committee, 11 congress not
    // yet held, 12–16 manual, 17 no 秘书长 listed (manual).
    assert_eq!(computed, [M, Y, Y, Y, Y, M, Y, N, M, N, N, M, M, M, M, M, M]);
}

#[test]
fn the_seeds_inconsistencies_are_found() {
    let r = example();
    let out = rendered(&r);
    let c = codes(&r);
    // Item 10 (elected by the congress) and item 11 (congress held) are
    // ticked 是 against the data.
    assert_eq!(c.iter().filter(|x| **x == "D010").count(), 2, "{out}");
    assert!(out.contains("校级自评第 10 项手填为“是”，按数据应为“否”"), "{out}");
    assert!(out.contains("校级自评第 11 项手填为“是”，按数据应为“否”"), "{out}");
    // Item 8 is honestly 否: four rows over 30 %.
    assert!(out.contains("第 2 行（佟若源）排名 16/33，即前 48.5%"), "{out}");
    assert!(out.contains("第 3 行（李安文）排名 19/33"), "{out}");
    assert!(out.contains("第 6 行（王一龙）排名 8/24"), "{out}");
    assert!(out.contains("第 8 行（史仟伊）排名 10/27"), "{out}");
    assert!(!out.contains("第 1 行（马怡佳）排名"), "{out}");
    // The election plan against the charter (both files labelled).
    assert!(c.contains(&"D020"), "{out}");
    assert!(out.contains("charter/charter.yaml") && out.contains("章程第十九条"), "{out}");
    // The charter's 前 50% for department members.
    assert!(out.contains("章程第二十九条的成绩条件“前 50%”宽于改革要求的前 30%"), "{out}");
    // 实有 4 人 against the plan's 5 seats.
    assert!(out.contains("备注“实有 4 人”与数据不符"), "{out}");
    // 佟若源's grade without 本科.
    assert!(out.contains("年级“2019级”没有写培养层次"), "{out}");
    // 部员 and 分管主席 in the charter.
    assert!(out.contains("“部员”") && out.contains("“分管主席”"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn masked_export() {
    let r = example();
    let d = r.disclosure.as_ref().expect("loaded");
    let plain = serde_json::to_string(&export(d, "《章程》", false)).unwrap_or_default();
    let masked = serde_json::to_string(&export(d, "《章程》", true)).unwrap_or_default();
    assert!(plain.contains("马怡佳") && plain.contains("于博瀛"));
    assert!(masked.contains("马**") && masked.contains("于**") && masked.contains("佟**"));
    for name in ["马怡佳", "佟若源", "李安文", "唐浩栋", "孟欣", "王一龙", "杨涵", "史仟伊", "于博瀛"]
    {
        assert!(!masked.contains(name), "{name} not masked");
    }
}
