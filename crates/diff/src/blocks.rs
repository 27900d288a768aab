//! Aligning the blocks (heading, paragraphs, items) of aligned articles,
//! then diffing the text of each pair of blocks.

use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::inline;
use super::side::{Block, BlockKind, Encoded, dice, grams};
use super::{BlockChange, BlockOp, BlockPos};

/// Least similarity for two blocks to be shown as one modified block
/// rather than one deleted and one added (when there is a choice).
pub const BLOCK_MIN: f64 = 0.30;
/// Largest region (old × new blocks) paired by dynamic programming.
const DP_MAX: usize = 10_000;

/// A block of one side, ready to compare.
#[derive(Debug)]
pub(crate) struct SideBlock<'a> {
    /// Index of its article within the operation (0 unless split/merged).
    pub article: usize,
    pub block: &'a Block,
    pub enc: Encoded,
}

impl SideBlock<'_> {
    fn pos(&self) -> BlockPos {
        BlockPos { article: self.article, label: self.block.label.clone() }
    }
}

/// The block operations turning `old` into `new`.
pub(crate) fn align(old: &[SideBlock], new: &[SideBlock]) -> Vec<BlockOp> {
    let ok: Vec<(BlockKind, &str)> = old.iter().map(|b| (b.block.kind, b.enc.text.as_str())).collect();
    let nk: Vec<(BlockKind, &str)> = new.iter().map(|b| (b.block.kind, b.enc.text.as_str())).collect();
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &ok, &nk) {
        let (_, or, nr) = op.as_tag_tuple();
        match op {
            DiffOp::Equal { .. } => {
                for (o, n) in old[or].iter().zip(&new[nr]) {
                    out.push(BlockOp {
                        op: BlockChange::Equal,
                        kind: n.block.kind,
                        old: Some(o.pos()),
                        new: Some(n.pos()),
                        segments: inline::equal(&o.enc, &n.enc),
                    });
                }
            }
            _ => region(&old[or], &new[nr], &mut out),
        }
    }
    out
}

/// All blocks of one side as added (`insert`) or deleted.
pub(crate) fn whole(blocks: &[SideBlock], insert: bool) -> Vec<BlockOp> {
    blocks
        .iter()
        .map(|b| BlockOp {
            op: if insert { BlockChange::Added } else { BlockChange::Deleted },
            kind: b.block.kind,
            old: (!insert).then(|| b.pos()),
            new: insert.then(|| b.pos()),
            segments: inline::whole(&b.enc, insert),
        })
        .collect()
}

/// Pair the blocks of a changed region in order (same kind, similar
/// enough), diff the pairs, and report the rest as deleted or added.
fn region(old: &[SideBlock], new: &[SideBlock], out: &mut Vec<BlockOp>) {
    let pairs = pair_blocks(old, new);
    let (mut i, mut j) = (0, 0);
    let emit_until = |oi: usize, nj: usize, i: &mut usize, j: &mut usize, out: &mut Vec<BlockOp>| {
        out.extend(whole(&old[*i..oi], false));
        out.extend(whole(&new[*j..nj], true));
        *i = oi;
        *j = nj;
    };
    for (pi, pj) in pairs {
        emit_until(pi, pj, &mut i, &mut j, out);
        let (o, n) = (&old[pi], &new[pj]);
        let segments = inline::diff(&o.enc, &n.enc);
        let changed = segments.iter().any(|s| s.op != super::SegOp::Equal);
        out.push(BlockOp {
            op: if changed { BlockChange::Modified } else { BlockChange::Equal },
            kind: n.block.kind,
            old: Some(o.pos()),
            new: Some(n.pos()),
            segments,
        });
        i += 1;
        j += 1;
    }
    emit_until(old.len(), new.len(), &mut i, &mut j, out);
}

/// Order-preserving pairs of same-kind blocks maximising total similarity.
/// A region with one block of a kind on each side pairs them whatever their
/// similarity (a rewritten heading is still the heading).
fn pair_blocks(old: &[SideBlock], new: &[SideBlock]) -> Vec<(usize, usize)> {
    let (m, n) = (old.len(), new.len());
    if m == 0 || n == 0 {
        return Vec::new();
    }
    let og: Vec<Vec<u64>> = old.iter().map(|b| grams(&b.enc.text)).collect();
    let ng: Vec<Vec<u64>> = new.iter().map(|b| grams(&b.enc.text)).collect();
    let count = |v: &[SideBlock], k: BlockKind| v.iter().filter(|b| b.block.kind == k).count();
    let weight = |i: usize, j: usize| -> Option<f64> {
        let k = old[i].block.kind;
        if k != new[j].block.kind {
            return None;
        }
        let s = dice(&og[i], &ng[j]);
        if s >= BLOCK_MIN || (count(old, k) == 1 && count(new, k) == 1) { Some(s.max(1e-6)) } else { None }
    };
    if m * n > DP_MAX {
        // Huge regions: pair in order, greedily.
        let mut out = Vec::new();
        let mut j0 = 0;
        for i in 0..m {
            if let Some(j) = (j0..n).find(|&j| weight(i, j).is_some()) {
                out.push((i, j));
                j0 = j + 1;
            }
        }
        return out;
    }
    let w: Vec<Vec<Option<f64>>> = (0..m).map(|i| (0..n).map(|j| weight(i, j)).collect()).collect();
    let mut best = vec![vec![0.0f64; n + 1]; m + 1];
    for i in (0..m).rev() {
        for j in (0..n).rev() {
            let mut b = best[i + 1][j].max(best[i][j + 1]);
            if let Some(x) = w[i][j] {
                b = b.max(x + best[i + 1][j + 1]);
            }
            best[i][j] = b;
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < m && j < n {
        match w[i][j] {
            Some(x) if (best[i][j] - (x + best[i + 1][j + 1])).abs() < 1e-12 => {
                out.push((i, j));
                i += 1;
                j += 1;
            }
            _ if (best[i][j] - best[i + 1][j]).abs() < 1e-12 => i += 1,
            _ => j += 1,
        }
    }
    out
}
