//! The numbered outline: 编/章/节/条 with headings, and counts.

use std::fmt::Write;

use crate::model::{Article, Charter, Division};
use crate::number::Numbering;
use crate::walk::{self, Flow, Visitor};

/// The outline as text, one line per division and article, indented by level.
pub fn outline(charter: &Charter, numbering: &Numbering) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", charter.meta.title);
    if let Some(st) = &charter.meta.status {
        let _ = writeln!(s, "（{st}）");
    }
    walk::walk_nodes(&charter.body, &mut Lines { numbering, s: &mut s });
    let c = numbering.counts;
    let _ = writeln!(s);
    let mut parts = Vec::new();
    if c.parts > 0 {
        parts.push(format!("{} 编", c.parts));
    }
    if c.subparts > 0 {
        parts.push(format!("{} 分编", c.subparts));
    }
    parts.push(format!("{} 章", c.chapters));
    parts.push(format!("{} 节", c.sections));
    parts.push(format!("{} 条", c.articles));
    let mut line = format!("共 {}", parts.join("，"));
    if c.repealed > 0 {
        let _ = write!(line, "（其中 {} 条已删去）", c.repealed);
    }
    let _ = writeln!(s, "{line}；{} 款，{} 项，{} 目。", c.paragraphs, c.items, c.subitems);
    s
}

/// One line per division and article, indented by depth.
struct Lines<'n, 's> {
    numbering: &'n Numbering,
    s: &'s mut String,
}

impl<'a> Visitor<'a> for Lines<'_, '_> {
    fn division(&mut self, d: &'a Division, parents: &[&'a Division]) -> Flow {
        let indent = "  ".repeat(parents.len());
        let label = self.numbering.division_label(d);
        let sep = if label.is_empty() { "" } else { " " };
        let _ = writeln!(self.s, "{indent}{label}{sep}{}", d.title);
        Flow::Descend
    }

    fn article(&mut self, a: &'a Article, parents: &[&'a Division]) {
        let indent = "  ".repeat(parents.len());
        let label = self.numbering.article(&a.id).map(|n| self.numbering.article_label(n)).unwrap_or_default();
        let heading = a.heading.as_ref().map(|h| h.raw.as_str()).unwrap_or("");
        let extra = if a.repealed { "（删去）" } else { heading };
        let sep = if extra.is_empty() { "" } else { " " };
        let _ = writeln!(self.s, "{indent}{label}{sep}{extra}");
    }
}
