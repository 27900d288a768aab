//! Which article or division a position in the charter file belongs to:
//! the preview (`charter serve`) places each diagnostic beside the article
//! it concerns, at the anchor the HTML gives it (`id="<id>"`).

use crate::model::{Article, Block, Charter, Division};
use crate::walk::{self, BlockAt, Flow, Visitor};

/// The extent in the file of every article and division, by id.
#[derive(Clone, Debug, Default)]
pub struct Anchors {
    /// (start, end, id) in document order (the file's order, so sorted
    /// by start); a division's extent holds its children's.
    extents: Vec<(usize, usize, String)>,
    /// The index of each extent's enclosing division.
    parents: Vec<Option<usize>>,
}

impl Anchors {
    /// The extents of `charter`'s articles and divisions: from the start
    /// of the mapping to the end of the last thing in it (its id, title,
    /// heading, texts; a division's children).
    pub fn new(charter: &Charter) -> Anchors {
        struct Collect {
            extents: Vec<(usize, usize, String)>,
            parents: Vec<Option<usize>>,
            /// Indices of the open divisions.
            open: Vec<usize>,
            article: Option<usize>,
        }
        impl Collect {
            fn extend(&mut self, i: usize, end: usize) {
                if let Some(e) = self.extents.get_mut(i) {
                    e.1 = e.1.max(end);
                }
            }
        }
        impl<'a> Visitor<'a> for Collect {
            fn division(&mut self, d: &'a Division, _: &[&'a Division]) -> Flow {
                let end = d.id_span.end.max(d.title_span.end).max(d.span.end);
                self.parents.push(self.open.last().copied());
                self.open.push(self.extents.len());
                self.extents.push((d.span.start, end, d.id.clone()));
                self.article = None;
                Flow::Descend
            }
            fn leave_division(&mut self, _: &'a Division, _: &[&'a Division]) {
                if let Some(i) = self.open.pop() {
                    let end = self.extents[i..].iter().map(|e| e.1).max().unwrap_or(0);
                    self.extend(i, end);
                }
                self.article = None;
            }
            fn article(&mut self, a: &'a Article, _: &[&'a Division]) {
                let mut end = a.id_span.end.max(a.span.end);
                if let Some(h) = &a.heading {
                    end = end.max(h.span.end);
                }
                self.article = Some(self.extents.len());
                self.parents.push(self.open.last().copied());
                self.extents.push((a.span.start, end, a.id.clone()));
            }
            fn block(&mut self, b: &'a Block, at: BlockAt<'a>) {
                if at.article.is_none() {
                    return;
                }
                let end = b.text.span.end.max(b.id_span.map_or(0, |s| s.end));
                if let Some(i) = self.article {
                    self.extend(i, end);
                }
            }
        }
        let mut c = Collect { extents: Vec::new(), parents: Vec::new(), open: Vec::new(), article: None };
        walk::walk_nodes(&charter.body, &mut c);
        if !c.extents.is_sorted_by_key(|e| e.0) {
            // Not the file's order (cannot happen for a loaded file): no
            // lookups rather than wrong ones.
            return Anchors::default();
        }
        Anchors { extents: c.extents, parents: c.parents }
    }

    /// The id of the innermost article or division whose extent holds
    /// `offset`; None before the body (title, preamble, glossary) or
    /// between the pieces.
    pub fn at(&self, offset: usize) -> Option<&str> {
        // The last extent starting at or before `offset`, then up through
        // the divisions enclosing it.
        let n = self.extents.partition_point(|e| e.0 <= offset);
        let mut i = n.checked_sub(1)?;
        loop {
            let e = &self.extents[i];
            if offset <= e.1 {
                return Some(e.2.as_str());
            }
            i = self.parents[i]?;
        }
    }
}
