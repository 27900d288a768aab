//! A generator of large synthetic charters, for benchmarks and scale tests.
//! Deterministic: the same arguments give the same YAML.

use std::fmt::Write;

/// Phrases the generated articles are built from.
const PHRASES: [&str; 12] = [
    "本会依照章程开展工作，接受全体会员监督",
    "主席团应当定期向学生代表大会报告工作",
    "各工作部门在主席团领导下履行职责",
    "会员有权对本会工作提出建议、批评和质询",
    "学生代表大会每年召开一次，特殊情况下可以提前或者推迟",
    "秘书长列席主席团会议，指导日常工作",
    "评议会每学期听取主席团成员和部门负责人的述职",
    "本会的经费来源和使用情况应当向会员公开",
    "系学生会接受院学生会的指导，定期汇报工作",
    "工作人员应当遵守校规校纪，作风务实，乐于奉献",
    "重大事项须经主席团集体讨论决定",
    "本章程的解释权属于学生代表大会",
];

/// A charter of `articles` articles in chapters of about 25 articles, every
/// fourth chapter split into two sections; every fifth article has items,
/// every seventh two paragraphs, every eleventh cites an earlier article;
/// `terms` glossary entries.
pub fn charter_yaml(articles: usize, terms: usize) -> String {
    let mut s = String::with_capacity(articles * 260);
    let _ = writeln!(s, "title: 生成的大型章程\nstatus: 草案\ndate: 2026-01-01\nterms:");
    for t in 0..terms {
        let _ = writeln!(
            s,
            "  - name: 第{}工作委员会\n    short: [委员会{t}]\n    kind: body",
            crate::numerals::to_chinese(t as u32 + 1)
        );
    }
    let _ = writeln!(s, "body:");
    let per_chapter = 25;
    let chapters = articles.div_ceil(per_chapter);
    let mut n = 0;
    let mut seed: u64 = 0x5eed;
    let mut rand = move |m: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % m.max(1)
    };
    for c in 0..chapters {
        let _ = writeln!(s, "  - chapter: 第{}部分规定\n    id: ch-{}\n    body:", c + 1, c + 1);
        let in_chapter = per_chapter.min(articles - n);
        let sections = if c % 4 == 3 { 2 } else { 0 };
        let mut emit_articles = |s: &mut String, count: usize, indent: &str, n: &mut usize| {
            for _ in 0..count {
                *n += 1;
                let i = *n;
                let _ = writeln!(s, "{indent}- id: art-{i}");
                if i.is_multiple_of(3) {
                    let _ = writeln!(s, "{indent}  heading: 第{i}号事项");
                }
                let phrase = PHRASES[rand(PHRASES.len())];
                let cite = if i.is_multiple_of(11) && i > 1 {
                    format!("依照[[art-{}]]的规定，", 1 + rand(i - 1))
                } else {
                    String::new()
                };
                if i.is_multiple_of(7) {
                    let _ = writeln!(s, "{indent}  paragraphs:\n{indent}    - |\n{indent}      {cite}{phrase}。");
                    let _ = writeln!(
                        s,
                        "{indent}    - id: art-{i}-p2\n{indent}      text: |\n{indent}        {}。",
                        PHRASES[rand(PHRASES.len())]
                    );
                } else {
                    let _ = writeln!(
                        s,
                        "{indent}  text: |\n{indent}    {cite}{phrase}{}",
                        if i.is_multiple_of(5) { "：" } else { "。" }
                    );
                    if i.is_multiple_of(5) {
                        let _ = writeln!(s, "{indent}  items:");
                        for k in 0..(2 + rand(4)) {
                            let _ =
                                writeln!(s, "{indent}    - |\n{indent}      {}；", PHRASES[(i + k) % PHRASES.len()]);
                        }
                    }
                }
            }
        };
        if sections == 0 {
            emit_articles(&mut s, in_chapter, "      ", &mut n);
        } else {
            let first = in_chapter / 2;
            for (k, count) in [first, in_chapter - first].into_iter().enumerate() {
                let _ = writeln!(
                    s,
                    "      - section: 第{}组规定\n        id: ch-{}-s{}\n        body:",
                    k + 1,
                    c + 1,
                    k + 1
                );
                emit_articles(&mut s, count, "          ", &mut n);
            }
        }
    }
    s
}
