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

/// A deterministic revision of a charter made by [`charter_yaml`]: about
/// `percent` per cent of its articles changed, chosen by `seed`. Of the
/// changes, about 60 % modify an article's text (a few characters inserted,
/// a clause appended, or the sentence replaced), 10 % delete an article
/// (never one that is cited), 15 % add an article after it, 10 % move it
/// elsewhere, 5 % split a two-paragraph article in two. Ids are kept.
pub fn perturb(yaml: &str, percent: usize, seed: u64) -> String {
    let lines: Vec<&str> = yaml.lines().collect();
    // Article chunks: (first line, end line, indentation).
    let mut chunks: Vec<(usize, usize, usize)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        match article_start(lines[i]) {
            Some(indent) => {
                let mut j = i + 1;
                while j < lines.len() && lead(lines[j]) > indent {
                    j += 1;
                }
                chunks.push((i, j, indent));
                i = j;
            }
            None => i += 1,
        }
    }
    let cited: Vec<&str> = yaml.split("[[").skip(1).filter_map(|s| s.split("]]").next()).collect();
    let n = chunks.len();
    let want = (n * percent).div_ceil(100).min(n);
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut rand = move |m: usize| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % m.max(1)
    };
    // Which chunks change, and how: (chunk, kind).
    let mut chosen: Vec<usize> = Vec::new();
    while chosen.len() < want {
        let c = rand(n);
        if !chosen.contains(&c) {
            chosen.push(c);
        }
    }
    let mut kind = vec![None; n];
    for (k, &c) in chosen.iter().enumerate() {
        kind[c] = Some(match (k * 7 + rand(20)) % 20 {
            0..=11 => Change::Modify,
            12 | 13 => Change::Delete,
            14..=16 => Change::Add,
            17 | 18 => Change::Move,
            _ => Change::Split,
        });
    }
    // Moved chunks go after a chunk a third of the document away.
    let mut moved_after: Vec<Vec<usize>> = vec![Vec::new(); n];
    for c in 0..n {
        if kind[c] == Some(Change::Move) {
            let mut t = (c + n / 3 + 1) % n;
            while kind[t] == Some(Change::Move) || kind[t] == Some(Change::Delete) || t == c {
                t = (t + 1) % n;
                if t == c {
                    break;
                }
            }
            moved_after[t].push(c);
        }
    }
    let chunk_lines = |c: usize| -> Vec<String> {
        let (s, e, _) = chunks[c];
        lines[s..e].iter().map(|l| l.to_string()).collect()
    };
    let reindent = |v: Vec<String>, from: usize, to: usize| -> Vec<String> {
        v.into_iter()
            .map(|l| {
                if to >= from {
                    format!("{}{l}", " ".repeat(to - from))
                } else {
                    l[(from - to).min(lead(&l))..].to_string()
                }
            })
            .collect()
    };
    let mut out: Vec<String> = Vec::with_capacity(lines.len() + 64);
    let mut next_chunk = 0;
    let mut i = 0;
    while i < lines.len() {
        if next_chunk < n && chunks[next_chunk].0 == i {
            let c = next_chunk;
            let (_, end, indent) = chunks[c];
            let body = chunk_lines(c);
            let id = lines[i].trim_start().trim_start_matches("- id: ").to_string();
            match kind[c] {
                None => out.extend(body),
                Some(Change::Modify) => out.extend(modify(body, rand(3), c)),
                Some(Change::Delete) if cited.contains(&id.as_str()) => out.extend(modify(body, 0, c)),
                Some(Change::Delete) | Some(Change::Move) => {}
                Some(Change::Add) => {
                    out.extend(body);
                    let pad = " ".repeat(indent);
                    out.push(format!("{pad}- id: {id}-new"));
                    out.push(format!("{pad}  text: |"));
                    out.push(format!("{pad}    新增条文{c}：本会设立第{c}专项工作小组，由主席团指定成员组成，负责落实学代会交办的第{c}号事项。"));
                }
                Some(Change::Split) => out.extend(split(body, indent, &id, c)),
            }
            for &m in &moved_after[c] {
                out.extend(reindent(chunk_lines(m), chunks[m].2, indent));
            }
            next_chunk += 1;
            i = end;
        } else {
            out.push(lines[i].to_string());
            i += 1;
        }
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Change {
    Modify,
    Delete,
    Add,
    Move,
    Split,
}

fn lead(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The indentation of a generated article's first line (`- id: art-7`).
fn article_start(line: &str) -> Option<usize> {
    let rest = line.trim_start().strip_prefix("- id: art-")?;
    (!rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit())).then(|| lead(line))
}

/// Is this line of a generated article a line of text (not a key)?
fn is_text_line(line: &str) -> bool {
    let t = line.trim_start();
    !(t.is_empty() || t.ends_with('|') || t.contains(": ") || t.ends_with(':'))
}

fn modify(mut body: Vec<String>, how: usize, salt: usize) -> Vec<String> {
    let Some(k) = body.iter().skip(1).position(|l| is_text_line(l)).map(|k| k + 1) else { return body };
    let line = &body[k];
    let pad = " ".repeat(lead(line));
    let text = line.trim_start();
    let new = match how {
        0 => match text.find('，') {
            Some(p) => format!("{}，及时{}", &text[..p], &text[p + '，'.len_utf8()..]),
            None => format!("原则上{text}"),
        },
        1 => {
            let cut = text.trim_end_matches(['。', '；', '：']);
            format!("{cut}，并报学生代表大会备案{}", &text[cut.len()..])
        }
        _ => format!("本会依照本章程另行制定第{salt}号实施细则，经主席团审议后施行。"),
    };
    body[k] = format!("{pad}{new}");
    body
}

fn split(body: Vec<String>, indent: usize, id: &str, salt: usize) -> Vec<String> {
    let texts: Vec<&String> = body.iter().skip(1).filter(|l| is_text_line(l)).collect();
    if !body.iter().any(|l| l.trim_start() == "paragraphs:") || texts.len() < 2 {
        return modify(body, 1, salt);
    }
    let pad = " ".repeat(indent);
    let mut out = vec![body[0].clone()];
    out.extend(body.iter().filter(|l| l.trim_start().starts_with("heading:")).cloned());
    out.push(format!("{pad}  text: |"));
    out.push(format!("{pad}    {}", texts[0].trim_start()));
    out.push(format!("{pad}- id: {id}-b"));
    out.push(format!("{pad}  text: |"));
    out.push(format!("{pad}    {}", texts[1].trim_start()));
    out
}
