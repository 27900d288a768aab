//! The one walker of the document tree.
//!
//! [`walk`] visits a charter in document order — the preamble's blocks,
//! then every division (pre-order), article and block — and calls a
//! [`Visitor`]'s methods, each with the node's context: the divisions
//! around it, or for a block its article, level (款/项/目) and position.
//! A visitor overrides only the methods it needs; the others do nothing.
//!
//! Code that builds a nested output tree of its own (the export, the
//! importer's `from_charter`) maps the model recursively instead: a flat
//! sequence of visits would only have to be folded back into a tree.

use crate::model::{Article, Block, Charter, Division, Node};

/// How deep a block sits: 款, 项 or 目.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BlockLevel {
    /// 款: a block of `Article::paragraphs` or `Meta::preamble`.
    Paragraph,
    /// 项: a block of a paragraph's `items`.
    Item,
    /// 目: a block of an item's `items`.
    SubItem,
}

impl BlockLevel {
    /// The level of this level's `items`. The loader allows nothing below
    /// 目, so 目 stays 目.
    fn inner(self) -> BlockLevel {
        match self {
            BlockLevel::Paragraph => BlockLevel::Item,
            BlockLevel::Item | BlockLevel::SubItem => BlockLevel::SubItem,
        }
    }
}

/// Where a block sits.
#[derive(Clone, Copy, Debug)]
pub struct BlockAt<'a> {
    /// The article; None for a block of the preamble.
    pub article: Option<&'a Article>,
    pub level: BlockLevel,
    /// The block's position among its siblings (from 0) and their number.
    pub index: usize,
    pub siblings: usize,
    /// The 1-based numbers of the enclosing 款, 项 and 目, this block's
    /// own included; 0 below the block's level (a 项 has `[p, i, 0]`).
    pub path: [u32; 3],
}

/// Whether the walk goes into a division's contents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Descend,
    Skip,
}

/// What to do at each node of the tree. `parents` are the divisions
/// around a node, outermost first: a node's depth is `parents.len()`.
pub trait Visitor<'a> {
    /// A division, before its contents; [`Flow::Skip`] passes over them.
    fn division(&mut self, _d: &'a Division, _parents: &[&'a Division]) -> Flow {
        Flow::Descend
    }

    /// After a division's contents (not called when they were skipped).
    fn leave_division(&mut self, _d: &'a Division, _parents: &[&'a Division]) {}

    /// An article, before its blocks.
    fn article(&mut self, _a: &'a Article, _parents: &[&'a Division]) {}

    /// A block, before its items.
    fn block(&mut self, _b: &'a Block, _at: BlockAt<'a>) {}
}

/// Visit the whole charter: the preamble's blocks (with no article), then
/// the body.
pub fn walk<'a>(charter: &'a Charter, v: &mut impl Visitor<'a>) {
    walk_blocks(None, &charter.meta.preamble, v);
    walk_nodes(&charter.body, v);
}

/// Visit a list of divisions and articles (e.g. the body, or a division's).
pub fn walk_nodes<'a>(nodes: &'a [Node], v: &mut impl Visitor<'a>) {
    nodes_in(nodes, &mut Vec::new(), v);
}

fn nodes_in<'a>(nodes: &'a [Node], parents: &mut Vec<&'a Division>, v: &mut impl Visitor<'a>) {
    for n in nodes {
        match n {
            Node::Division(d) => {
                if v.division(d, parents) == Flow::Descend {
                    parents.push(d);
                    nodes_in(&d.body, parents, v);
                    parents.pop();
                    v.leave_division(d, parents);
                }
            }
            Node::Article(a) => {
                v.article(a, parents);
                walk_blocks(Some(a), &a.paragraphs, v);
            }
        }
    }
}

/// Visit paragraphs (an article's or the preamble's) and, after each
/// block, its items.
pub fn walk_blocks<'a>(article: Option<&'a Article>, paragraphs: &'a [Block], v: &mut impl Visitor<'a>) {
    blocks_in(article, paragraphs, BlockLevel::Paragraph, [0; 3], v);
}

fn blocks_in<'a>(
    article: Option<&'a Article>,
    list: &'a [Block],
    level: BlockLevel,
    path: [u32; 3],
    v: &mut impl Visitor<'a>,
) {
    let siblings = list.len();
    for (index, b) in list.iter().enumerate() {
        let mut path = path;
        path[level as usize] = index as u32 + 1;
        v.block(b, BlockAt { article, level, index, siblings, path });
        blocks_in(article, &b.items, level.inner(), path, v);
    }
}

/// Call `f` for every block of `paragraphs` in document order.
pub fn for_each_block<'a>(
    article: Option<&'a Article>,
    paragraphs: &'a [Block],
    f: impl FnMut(&'a Block, BlockAt<'a>),
) {
    struct Blocks<F>(F);
    impl<'a, F: FnMut(&'a Block, BlockAt<'a>)> Visitor<'a> for Blocks<F> {
        fn block(&mut self, b: &'a Block, at: BlockAt<'a>) {
            (self.0)(b, at);
        }
    }
    walk_blocks(article, paragraphs, &mut Blocks(f));
}
