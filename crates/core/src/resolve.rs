//! Resolving cross-references: every `[[id]]` against the numbering.

use std::ops::Range;

use crate::model::Charter;
use crate::number::Numbering;
use crate::text::{RefTargets, Reference, Text};

/// A reference that does not resolve, or a range that makes no sense.
#[derive(Clone, Debug)]
pub struct RefProblem<'a> {
    pub text: &'a Text,
    /// Byte range in the text's raw string.
    pub raw: Range<usize>,
    pub kind: RefProblemKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefProblemKind {
    Unknown { id: String },
    BadRange { why: &'static str },
}

/// All references of a charter that do not resolve.
pub fn resolve<'a>(charter: &'a Charter, numbering: &Numbering) -> Vec<RefProblem<'a>> {
    let mut out = Vec::new();
    for (_, text) in charter.texts() {
        for r in text.references() {
            for id in r.targets.ids() {
                if !numbering.targets.contains_key(&id.id) {
                    out.push(RefProblem {
                        text,
                        raw: id.raw.clone(),
                        kind: RefProblemKind::Unknown { id: id.id.clone() },
                    });
                }
            }
            if let RefTargets::Range(a, b) = &r.targets
                && let Err(why) = numbering.range_ok(&a.id, &b.id)
            {
                out.push(RefProblem { text, raw: r.raw.clone(), kind: RefProblemKind::BadRange { why } });
            }
        }
    }
    out
}

/// The printed form of a reference seen from article `from`; an unresolved
/// one prints as 【?id】 so that it stands out in a forced build.
pub fn cite(numbering: &Numbering, r: &Reference, from: Option<&str>) -> String {
    let s = match &r.targets {
        RefTargets::List(ids) => {
            let ids: Vec<&str> = ids.iter().map(|i| i.id.as_str()).collect();
            numbering.cite_list(&ids, from)
        }
        RefTargets::Range(a, b) => numbering.cite_range(&a.id, &b.id, from),
    };
    s.unwrap_or_else(|| {
        let ids: Vec<&str> = r.targets.ids().iter().map(|i| i.id.as_str()).collect();
        format!("【?{}】", ids.join(","))
    })
}
