//! The amendment decision (关于修改《…》的决定).
//!
//! [`write`] turns two drafts (through `charter-diff`) into a [`Decision`]:
//! items 一、二、三… in the NPC's wording (`docs/amend.md`), each checked by
//! applying it. [`parse`] reads a decision text back — ours or one written
//! by hand in the same wording — with every failure located in the text,
//! and [`apply()`] applies the items (all, or those adopted by a vote) to the
//! old draft: everything or nothing. [`Doc`] is the printed document both
//! work on; [`Doc::to_yaml`] writes the result.

// Nested `if`s read as the wording's steps; keep them.
#![allow(clippy::collapsible_if, clippy::collapsible_match)]

pub mod apply;
pub mod cite;
pub mod decision;
pub mod doc;
pub mod link;
pub mod parse;
pub mod script;
pub mod write;

pub use apply::{FailKind, Failure, apply};
pub use decision::{Decision, Edit, Item, Op};
pub use doc::Doc;
pub use write::{Meta, Written, write};

/// The codes of amendment diagnostics (`A…`).
pub mod codes {
    charter_core::declare_codes! { Amend;
        A001 = Error, "修改决定的文字无法识别。\n\n每一项应当是“一、将第五条修改为：……”“增加一条，作为第八条：……”“删去第九条。”等规范表述，见 docs/amend.md。";
        A002 = Error, "修改决定里没有找到任何修改项（一、二、三……）。";
        A003 = Error, "引号没有配对：引文应当以“开始、以”结束；多段引文每段以“开始，只有最后一段以”结束。";
        A004 = Error, "修改项的序号不连续（一、二、四……）。";
        A010 = Error, "修改项所指的条、款、项、章、节在修改前的章程中不存在。\n\n修改现有的条文用修改前的条号（例如原第九条），新增的条文用修改后的条号。";
        A011 = Error, "要修改的原文在所指的条文中找不到。\n\n“其中的‘A’修改为‘B’”要求 A 在该条（款）中逐字出现。";
        A012 = Error, "两个修改项修改同一条（款），表决时会互相冲突。";
        A013 = Error, "一个修改项依赖于没有通过的另一项（例如修改的是那一项新增的条文）。";
        A014 = Error, "新增、拆分或移动的条文的新条号互相矛盾，或超出了修改后的条数。";
        A015 = Error, "--adopt 指定了决定中没有的修改项。";
        A020 = Warning, "生成的修改决定不能完全重现新稿：某些改动（例如空的章节、章节的移动）无法用逐项修改表述。\n\n请核对生成的决定，必要时手工补充。";
    }
}

pub use codes::ALL as CODES;

use charter_core::diagnostic::Diagnostic;
use charter_core::source::{FileId, Span};

/// Read a decision from the text of `file`: every failure a diagnostic
/// located in it.
pub fn read_decision(file: FileId, text: &str) -> Result<Decision, Vec<Diagnostic>> {
    parse::parse(text).map_err(|errs| {
        errs.into_iter()
            .map(|e| {
                let d =
                    Diagnostic::new(e.code, e.message.clone()).at(Span::new(file, e.range.start, e.range.end), "这里");
                match e.hint {
                    Some(h) => d.hint(h),
                    None => d,
                }
            })
            .collect()
    })
}

/// The diagnostics of failures to apply, each at its item in the decision.
pub fn failure_diagnostics(d: &Decision, file: FileId, fails: &[Failure]) -> Vec<Diagnostic> {
    fails
        .iter()
        .map(|f| {
            let code = match f.kind {
                FailKind::NoTarget => codes::A010,
                FailKind::NotFound => codes::A011,
                FailKind::Conflict => codes::A012,
                FailKind::Dependency => codes::A013,
                FailKind::Numbering => codes::A014,
                FailKind::NoItem => codes::A015,
            };
            let mut diag = Diagnostic::new(code, f.message.clone());
            let span = d.items.iter().find(|i| i.no == f.item).and_then(|i| i.span.clone());
            if let Some(r) = span {
                // The item's first line.
                diag = diag.at(
                    Span::new(file, r.start, r.start),
                    format!("第{}项", charter_core::numerals::to_chinese(f.item as u32)),
                );
            } else if f.kind == FailKind::NoItem
                && let Some(last) = d.items.iter().rev().find(|i| i.span.is_some())
                && let Some(r) = &last.span
            {
                // --adopt named an item the decision does not have: show
                // where the decision's items end.
                let n = charter_core::numerals::to_chinese(last.no as u32);
                diag = diag
                    .at(Span::new(file, r.start, r.start), format!("决定的最后一项是第{n}项"))
                    .hint(format!("--adopt 只能列出 1 至 {} 之间的项号", last.no));
            }
            match &f.hint {
                Some(h) => diag.hint(h.clone()),
                None => diag,
            }
        })
        .collect()
}

/// The text after adoption: the status (（草案）) goes, `history` gets the
/// line of this decision ([`history_line`], 修正: a decision of items), and
/// the date becomes the decision's.
pub fn adopt(doc: &mut Doc, d: &Decision) {
    doc.status = None;
    doc.history.push(doc::PText::new(history_line(d)));
    if let Some(date) = &d.date {
        doc.date = Some(date.clone());
    }
}

/// The history line of an adopted decision: 根据2021年12月1日…《关于修改〈…〉的决定》修正.
pub fn history_line(d: &Decision) -> String {
    let date = d.date.as_deref().map(decision::chinese_date).unwrap_or_default();
    let line = format!("根据{date}{}", d.body);
    // The title in 〈〉 stays as the charter writes it.
    format!("{}《{}〈{}〉{}》{}", d.words(&line), d.words("关于修改"), d.title, d.words("的决定"), d.words("修正"))
}
