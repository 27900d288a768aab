//! Aligning the articles and divisions of two drafts.
//!
//! Articles are paired in passes, each only among what earlier passes left
//! unpaired (`docs/diff.md` explains the passes and the thresholds):
//!
//! 1. same id and same content;
//! 2. same content, in order (patience diff over content), then same content
//!    that occurs once on each side (an article moved without change);
//! 3. same id — only when ids are trustworthy: when pass 2 paired articles
//!    whose ids differ for more than a tenth of its pairs (plus two), the ids
//!    are positional (an imported draft numbered `art-1, art-2, …`) and are
//!    ignored;
//! 4. similar content in the same gap between pairs already made, in order
//!    ([`GAP_MIN`]);
//! 5. similar content anywhere: moved and changed ([`MOVE_MIN`]); then (5a)
//!    an article rewritten in place: a gap between pairs that holds one old
//!    and one new article pairs them unless their texts share almost
//!    nothing ([`ENCLOSED_MIN`]) — reported as uncertain below [`GAP_MIN`];
//!    and (5b) neighbours that changed places and were rewritten: similar
//!    content ([`GAP_MIN`]) within [`SWAP_WINDOW`] articles of where the old
//!    article's neighbours went;
//! 6. splits and merges: an unpaired article next to a paired one whose
//!    partner contains it ([`PIECE_MIN`]) and which makes the pair more
//!    similar or covers more of the partner ([`PIECE_GAIN`]);
//! 7. whatever is left is added or deleted.

use std::collections::HashMap;

use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::side::{Side, containment, dice, union};

/// Least similarity (Dice coefficient of character bigrams) for pairing two
/// articles that stand in the same place between unchanged ones.
pub const GAP_MIN: f64 = 0.30;
/// Least similarity for pairing articles in different places (a move).
pub const MOVE_MIN: f64 = 0.60;
/// Least similarity for pairing the only old and the only new article of a
/// gap (an article rewritten where it stood): below it the two share
/// nothing but the vocabulary every article uses.
pub const ENCLOSED_MIN: f64 = 0.10;
/// How far (in new articles) from the place its old neighbours point to a
/// rewritten article may have moved and still pair at [`GAP_MIN`].
pub const SWAP_WINDOW: usize = 2;
/// Least share of a split piece's (or merged part's) bigrams found in the
/// whole it came from (or went into).
pub const PIECE_MIN: f64 = 0.30;
/// Least share of the whole's bigrams that a further piece must add to
/// what the pieces already cover.
pub const PIECE_GAIN: f64 = 0.10;
/// Largest gap (old × new articles) paired by exact dynamic programming;
/// larger gaps are paired greedily.
const DP_MAX: usize = 40_000;
/// Largest number of candidate pairs compared by brute force in the move
/// pass; above it candidates come from an index of rare bigrams.
const BRUTE_MAX: usize = 250_000;

/// A group of aligned articles: one old and one new (paired), one old and
/// several new (split), several old and one new (merged), or one side empty
/// (deleted, added).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Group {
    pub old: Vec<usize>,
    pub new: Vec<usize>,
    /// Paired on position more than on content (pass 5a below
    /// [`GAP_MIN`]): shown as a match to check.
    pub uncertain: bool,
}

#[derive(Debug)]
pub(crate) struct Aligned {
    pub groups: Vec<Group>,
    pub ids_trusted: bool,
}

struct State<'s, 'a> {
    old: &'s Side<'a>,
    new: &'s Side<'a>,
    /// One-to-one pairs.
    o2n: Vec<Option<usize>>,
    n2o: Vec<Option<usize>>,
    /// Articles taken into a split or merge group.
    gold: Vec<bool>,
    gnew: Vec<bool>,
    /// Old articles paired on position rather than content.
    uncertain: Vec<bool>,
}

impl State<'_, '_> {
    fn pair(&mut self, o: usize, n: usize) {
        self.o2n[o] = Some(n);
        self.n2o[n] = Some(o);
    }
    fn unpair(&mut self, o: usize) {
        if let Some(n) = self.o2n[o].take() {
            self.n2o[n] = None;
        }
    }
    fn is_free_old(&self, o: usize) -> bool {
        self.o2n[o].is_none() && !self.gold[o]
    }
    fn is_free_new(&self, n: usize) -> bool {
        self.n2o[n].is_none() && !self.gnew[n]
    }
    fn free_old(&self) -> Vec<usize> {
        (0..self.o2n.len()).filter(|&o| self.is_free_old(o)).collect()
    }
    fn free_new(&self) -> Vec<usize> {
        (0..self.n2o.len()).filter(|&n| self.is_free_new(n)).collect()
    }
    fn sim(&self, o: usize, n: usize) -> f64 {
        dice(&self.old.articles[o].grams, &self.new.articles[n].grams)
    }
    /// One-to-one pairs in old order.
    fn pairs(&self) -> Vec<(usize, usize)> {
        self.o2n.iter().enumerate().filter_map(|(o, n)| n.map(|n| (o, n))).collect()
    }
    fn group(&mut self, old: Vec<usize>, new: Vec<usize>) -> Group {
        for &o in &old {
            self.unpair(o);
            self.gold[o] = true;
        }
        for &n in &new {
            if let Some(o) = self.n2o[n] {
                self.unpair(o);
            }
            self.gnew[n] = true;
        }
        Group { old, new, uncertain: false }
    }
}

pub(crate) fn align_articles(old: &Side, new: &Side) -> Aligned {
    let (lo, ln) = (old.articles.len(), new.articles.len());
    let mut st = State {
        old,
        new,
        o2n: vec![None; lo],
        n2o: vec![None; ln],
        gold: vec![false; lo],
        gnew: vec![false; ln],
        uncertain: vec![false; lo],
    };

    // 1. Same id, same content.
    for (o, a) in old.articles.iter().enumerate() {
        if let Some(&n) = new.article_ids.get(a.id())
            && new.articles[n].content == a.content
        {
            st.pair(o, n);
        }
    }

    // 2. Same content, in order; then unique same content anywhere.
    let fo = st.free_old();
    let fnew = st.free_new();
    let ok: Vec<&str> = fo.iter().map(|&o| old.articles[o].content.as_str()).collect();
    let nk: Vec<&str> = fnew.iter().map(|&n| new.articles[n].content.as_str()).collect();
    let mut exact = Vec::new();
    for op in capture_diff_slices(Algorithm::Patience, &ok, &nk) {
        if let DiffOp::Equal { old_index, new_index, len } = op {
            for k in 0..len {
                exact.push((fo[old_index + k], fnew[new_index + k]));
            }
        }
    }
    for (o, n) in exact {
        st.pair(o, n);
    }
    let mut count: HashMap<&str, (usize, usize, usize, usize)> = HashMap::new();
    for o in st.free_old() {
        let e = count.entry(old.articles[o].content.as_str()).or_default();
        e.0 += 1;
        e.1 = o;
    }
    for n in st.free_new() {
        if let Some(e) = count.get_mut(new.articles[n].content.as_str()) {
            e.2 += 1;
            e.3 = n;
        }
    }
    let mut unique: Vec<(usize, usize)> = count.values().filter(|e| e.0 == 1 && e.2 == 1).map(|e| (e.1, e.3)).collect();
    unique.sort_unstable();
    for (o, n) in unique {
        st.pair(o, n);
    }
    let pairs = st.pairs();
    let disagree = pairs.iter().filter(|(o, n)| old.articles[*o].id() != new.articles[*n].id()).count();
    let agree = pairs.len() - disagree;
    let ids_trusted = disagree <= agree / 10 + 2;

    // 3. Same id.
    if ids_trusted {
        let mut by_id = Vec::new();
        for o in st.free_old() {
            if let Some(&n) = new.article_ids.get(old.articles[o].id())
                && st.is_free_new(n)
            {
                st.pair(o, n);
                by_id.push((o, n));
            }
        }
        uncross_positional(&mut st, &by_id);
    }

    // 4. Similar, in the same gap.
    for (os, ns) in gaps(&st) {
        pair_in_order(&mut st, &os, &ns);
    }

    // 5. Similar, anywhere.
    pair_moves(&mut st);

    // 5a. Rewritten in place: the only old and the only new of a gap.
    for (os, ns) in gaps(&st) {
        if let ([o], [n]) = (os.as_slice(), ns.as_slice()) {
            let s = st.sim(*o, *n);
            if s >= ENCLOSED_MIN {
                st.pair(*o, *n);
                st.uncertain[*o] = s < GAP_MIN;
            }
        }
    }

    // 5b. Rewritten neighbours that changed places.
    pair_near(&mut st);

    // 6. Splits and merges.
    let mut groups = splits_and_merges(&mut st);

    // 7. The rest.
    for (o, n) in st.pairs() {
        groups.push(Group { old: vec![o], new: vec![n], uncertain: st.uncertain[o] });
    }
    for o in st.free_old() {
        groups.push(Group { old: vec![o], new: vec![], uncertain: false });
    }
    for n in st.free_new() {
        groups.push(Group { old: vec![], new: vec![n], uncertain: false });
    }
    Aligned { groups, ids_trusted }
}

/// Indices (into `seq`) of a longest strictly increasing subsequence.
pub(crate) fn lis(seq: &[usize]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new(); // index into seq of the tail of each length
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for (i, &x) in seq.iter().enumerate() {
        let pos = tails.partition_point(|&t| seq[t] < x);
        if pos > 0 {
            prev[i] = Some(tails[pos - 1]);
        }
        if pos == tails.len() {
            tails.push(i);
        } else {
            tails[pos] = i;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        out.push(i);
        cur = prev[i];
    }
    out.reverse();
    out
}

/// The unpaired old and new articles between consecutive in-order pairs.
fn gaps(st: &State) -> Vec<(Vec<usize>, Vec<usize>)> {
    let pairs = st.pairs();
    let news: Vec<usize> = pairs.iter().map(|p| p.1).collect();
    let mut anchors: Vec<(usize, usize)> = lis(&news).into_iter().map(|i| pairs[i]).collect();
    anchors.push((st.o2n.len(), st.n2o.len()));
    let mut out = Vec::new();
    let (mut po, mut pn) = (0, 0);
    for (ao, an) in anchors {
        let os: Vec<usize> = (po..ao).filter(|&o| st.is_free_old(o)).collect();
        let ns: Vec<usize> = (pn..an).filter(|&n| st.is_free_new(n)).collect();
        if !os.is_empty() && !ns.is_empty() {
            out.push((os, ns));
        }
        po = ao + 1;
        pn = an + 1;
    }
    out
}

/// Pair old and new articles of one gap in order, maximising the total
/// similarity of pairs at or above [`GAP_MIN`].
fn pair_in_order(st: &mut State, os: &[usize], ns: &[usize]) {
    let (m, n) = (os.len(), ns.len());
    if m * n > DP_MAX {
        let cands = gap_candidates(st, os, ns, GAP_MIN);
        greedy(st, cands);
        return;
    }
    let sims: Vec<Vec<f64>> = os.iter().map(|&o| ns.iter().map(|&nn| st.sim(o, nn)).collect()).collect();
    // best[i][j]: best total for os[i..] and ns[j..].
    let mut best = vec![vec![0.0f64; n + 1]; m + 1];
    for i in (0..m).rev() {
        for j in (0..n).rev() {
            let mut b = best[i + 1][j].max(best[i][j + 1]);
            if sims[i][j] >= GAP_MIN {
                b = b.max(sims[i][j] + best[i + 1][j + 1]);
            }
            best[i][j] = b;
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < m && j < n {
        if sims[i][j] >= GAP_MIN && (best[i][j] - (sims[i][j] + best[i + 1][j + 1])).abs() < 1e-12 {
            st.pair(os[i], ns[j]);
            i += 1;
            j += 1;
        } else if (best[i][j] - best[i + 1][j]).abs() < 1e-12 {
            i += 1;
        } else {
            j += 1;
        }
    }
}

/// A bigram shared by at most this many new articles of a gap makes all of
/// them candidates for an old article that has it.
const BUCKET_ALL: usize = 32;
/// From a bigram shared by more new articles, only this many on each side
/// of the old article's expected place in the gap are candidates.
const BUCKET_NEAR: usize = 8;
/// At most this many candidates per old article (those sharing the most
/// bigrams with it) are scored.
const CANDIDATES_MAX: usize = 48;

/// Candidate pairs of a large gap at or above `min` similarity, without
/// scoring every old article against every new one: new articles are
/// indexed by their bigrams; an old article's candidates are the new
/// articles of its rare bigrams' buckets ([`BUCKET_ALL`]) and, of common
/// bigrams' buckets, the [`BUCKET_NEAR`] on each side of where it would
/// stand in the gap (its relative place); of these, the
/// [`CANDIDATES_MAX`] sharing the most bigrams are scored. Linear in the
/// gap's size (times its articles' lengths).
fn gap_candidates(st: &State, os: &[usize], ns: &[usize], min: f64) -> Vec<(f64, usize, usize)> {
    let mut index: HashMap<u64, Vec<u32>> = HashMap::new();
    for (j, &n) in ns.iter().enumerate() {
        for g in distinct(&st.new.articles[n].grams) {
            index.entry(g).or_default().push(j as u32);
        }
    }
    let mut shared = vec![0u32; ns.len()];
    let mut touched: Vec<u32> = Vec::new();
    let mut out = Vec::new();
    for (i, &o) in os.iter().enumerate() {
        let expected = (i as u128 * ns.len() as u128 / os.len().max(1) as u128) as u32;
        for g in distinct(&st.old.articles[o].grams) {
            let Some(bucket) = index.get(&g) else { continue };
            let range = if bucket.len() <= BUCKET_ALL {
                0..bucket.len()
            } else {
                let p = bucket.partition_point(|&j| j < expected);
                p.saturating_sub(BUCKET_NEAR)..(p + BUCKET_NEAR).min(bucket.len())
            };
            for &j in &bucket[range] {
                if shared[j as usize] == 0 {
                    touched.push(j);
                }
                shared[j as usize] += 1;
            }
        }
        let key = |j: u32| (std::cmp::Reverse(shared[j as usize]), j.abs_diff(expected), j);
        if touched.len() > CANDIDATES_MAX {
            touched.select_nth_unstable_by_key(CANDIDATES_MAX, |&j| key(j));
        }
        for (k, &j) in touched.iter().enumerate() {
            if k < CANDIDATES_MAX {
                let n = ns[j as usize];
                let s = st.sim(o, n);
                if s >= min {
                    out.push((s, o, n));
                }
            }
        }
        for j in touched.drain(..) {
            shared[j as usize] = 0;
        }
    }
    out
}

/// The distinct values of a sorted list.
fn distinct(sorted: &[u64]) -> impl Iterator<Item = u64> + '_ {
    sorted.iter().enumerate().filter(|&(k, g)| k == 0 || sorted[k - 1] != *g).map(|(_, &g)| g)
}

/// Take candidate pairs best first (ties: nearest in relative position,
/// then document order).
fn greedy(st: &mut State, mut cands: Vec<(f64, usize, usize)>) {
    let (lo, ln) = (st.o2n.len().max(1) as f64, st.n2o.len().max(1) as f64);
    let dist = |o: usize, n: usize| ((o as f64 / lo - n as f64 / ln).abs() * 1e6) as u64;
    cands.sort_by(|a, b| {
        b.0.total_cmp(&a.0).then(dist(a.1, a.2).cmp(&dist(b.1, b.2))).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
    });
    for (_, o, n) in cands {
        if st.is_free_old(o) && st.is_free_new(n) {
            st.pair(o, n);
        }
    }
}

/// Least gain in summed similarity for which two neighbouring same-id pairs
/// with positional ids are crossed.
const CROSS_GAIN: f64 = 0.20;

/// Is this id positional, as the importer gives them (`art-21` is whatever
/// stands 21st)? Such an id says where an article stands, not which it is.
fn positional(id: &str) -> bool {
    id.strip_prefix("art-")
        .is_some_and(|r| !r.is_empty() && r.split('-').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())))
}

/// Positional ids agree when few articles moved, and then pass 3 pairs two
/// neighbours that changed places (and were rewritten) by their positions.
/// Cross two neighbouring same-id pairs when the crossed pairing is clearly
/// more similar ([`CROSS_GAIN`]).
fn uncross_positional(st: &mut State, by_id: &[(usize, usize)]) {
    for w in by_id.windows(2) {
        let ((o1, n1), (o2, n2)) = (w[0], w[1]);
        if o2 != o1 + 1 || n2 != n1 + 1 || st.o2n[o1] != Some(n1) || st.o2n[o2] != Some(n2) {
            continue;
        }
        if !positional(st.old.articles[o1].id()) || !positional(st.old.articles[o2].id()) {
            continue;
        }
        let straight = st.sim(o1, n1) + st.sim(o2, n2);
        let crossed = st.sim(o1, n2) + st.sim(o2, n1);
        if crossed > straight + CROSS_GAIN {
            st.unpair(o1);
            st.unpair(o2);
            st.pair(o1, n2);
            st.pair(o2, n1);
        }
    }
}

/// Pair a free old article with a free new one at [`GAP_MIN`] when the new
/// one stands within [`SWAP_WINDOW`] of the place after the new partner of
/// the old article's nearest paired predecessor: two neighbours that swapped
/// and were rewritten, which the in-order pass can pair only one of.
fn pair_near(st: &mut State) {
    let mut cands = Vec::new();
    let mut expected = 0usize; // where the next free old article would go
    for o in 0..st.o2n.len() {
        if let Some(n) = st.o2n[o] {
            expected = n + 1;
            continue;
        }
        if !st.is_free_old(o) {
            continue;
        }
        let lo = expected.saturating_sub(SWAP_WINDOW);
        let hi = (expected + SWAP_WINDOW).min(st.n2o.len().saturating_sub(1));
        for n in lo..=hi {
            if n < st.n2o.len() && st.is_free_new(n) {
                let s = st.sim(o, n);
                if s >= GAP_MIN {
                    cands.push((s, o, n));
                }
            }
        }
    }
    greedy(st, cands);
}

fn pair_moves(st: &mut State) {
    let fo = st.free_old();
    let fnew = st.free_new();
    if fo.is_empty() || fnew.is_empty() {
        return;
    }
    let mut cands = Vec::new();
    if fo.len() * fnew.len() <= BRUTE_MAX {
        for &o in &fo {
            for &n in &fnew {
                let s = st.sim(o, n);
                if s >= MOVE_MIN {
                    cands.push((s, o, n));
                }
            }
        }
    } else {
        // Candidates share at least one bigram that few articles have.
        let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
        for &n in &fnew {
            let mut g = st.new.articles[n].grams.clone();
            g.dedup();
            for x in g {
                index.entry(x).or_default().push(n);
            }
        }
        let rare = (fnew.len() as f64).sqrt().max(16.0) as usize;
        for &o in &fo {
            let mut g = st.old.articles[o].grams.clone();
            g.dedup();
            let mut seen: Vec<usize> = g
                .iter()
                .filter_map(|x| index.get(x))
                .filter(|l| l.len() <= rare)
                .flat_map(|l| l.iter().copied())
                .collect();
            seen.sort_unstable();
            seen.dedup();
            for n in seen {
                let s = st.sim(o, n);
                if s >= MOVE_MIN {
                    cands.push((s, o, n));
                }
            }
        }
    }
    greedy(st, cands);
}

/// Find splits (one old article → a run of new ones) and merges (a run of
/// old articles → one new). Returns their groups; the articles involved
/// are taken out of the one-to-one pairs.
fn splits_and_merges(st: &mut State) -> Vec<Group> {
    let mut groups = Vec::new();
    // Split pieces around a pair.
    for o in 0..st.o2n.len() {
        let Some(m) = st.o2n[o] else { continue };
        let whole = &st.old.articles[o].grams;
        let pieces = grow(m, st.n2o.len(), |n| st.is_free_new(n), |n| &st.new.articles[n].grams, whole);
        if pieces.len() > 1 {
            groups.push(st.group(vec![o], pieces));
        }
    }
    // Merged parts around a pair.
    for n in 0..st.n2o.len() {
        let Some(m) = st.n2o[n] else { continue };
        let whole = &st.new.articles[n].grams;
        let parts = grow(m, st.o2n.len(), |o| st.is_free_old(o), |o| &st.old.articles[o].grams, whole);
        if parts.len() > 1 {
            groups.push(st.group(parts, vec![n]));
        }
    }
    // An unpaired old article whose gap holds a run of new pieces (and the
    // other way round).
    // In a large gap only the pieces near the article's place in the gap
    // are looked at (linear, not every old article against every new one).
    for (os, ns) in gaps(st) {
        let large = os.len() * ns.len() > DP_MAX;
        for (i, &o) in os.iter().enumerate() {
            if !st.is_free_old(o) {
                continue;
            }
            let whole = &st.old.articles[o].grams;
            let near = if large { window(&ns, i, os.len()) } else { &ns[..] };
            if let Some(run) = best_run(near, |n| st.is_free_new(n), |n| &st.new.articles[n].grams, whole) {
                groups.push(st.group(vec![o], run));
            }
        }
        for (j, &n) in ns.iter().enumerate() {
            if !st.is_free_new(n) {
                continue;
            }
            let whole = &st.new.articles[n].grams;
            let near = if large { window(&os, j, ns.len()) } else { &os[..] };
            if let Some(run) = best_run(near, |o| st.is_free_old(o), |o| &st.old.articles[o].grams, whole) {
                groups.push(st.group(run, vec![n]));
            }
        }
    }
    groups
}

/// How many articles on each side of an article's relative place in a
/// large gap are looked at for its split pieces or merged parts.
const RUN_WINDOW: usize = 64;

/// The part of `other` (one side of a gap) within [`RUN_WINDOW`] of where
/// the `i`-th of `len` articles on the other side stands relatively.
fn window(other: &[usize], i: usize, len: usize) -> &[usize] {
    let at = (i as u128 * other.len() as u128 / len.max(1) as u128) as usize;
    &other[at.saturating_sub(RUN_WINDOW)..(at + RUN_WINDOW).min(other.len())]
}

/// Grow a run of pieces around `center` (which is paired with `whole`):
/// each neighbour must be free, have at least [`PIECE_MIN`] of its bigrams
/// in `whole`, and either make the run more similar to `whole` (Dice up by
/// more than 0.01) or cover at least [`PIECE_GAIN`] more of `whole` while
/// losing at most half that gain in similarity (a piece that repeats the
/// heading, or adds a few words).
fn grow<'g>(
    center: usize,
    len: usize,
    free: impl Fn(usize) -> bool,
    grams: impl Fn(usize) -> &'g [u64],
    whole: &[u64],
) -> Vec<usize> {
    let mut run = vec![center];
    let mut cur: Vec<u64> = grams(center).to_vec();
    let try_add = |n: usize, cur: &mut Vec<u64>| -> bool {
        if !free(n) || containment(grams(n), whole) < PIECE_MIN {
            return false;
        }
        let next = union(&[cur, grams(n)]);
        let gain = containment(whole, &next) - containment(whole, cur);
        let better = dice(whole, &next) - dice(whole, cur);
        if better > 0.01 || (gain >= PIECE_GAIN && better >= -gain / 2.0) {
            *cur = next;
            true
        } else {
            false
        }
    };
    let mut right = center + 1;
    while right < len && try_add(right, &mut cur) {
        run.push(right);
        right += 1;
    }
    let mut left = center;
    while left > 0 && try_add(left - 1, &mut cur) {
        left -= 1;
        run.insert(0, left);
    }
    run
}

/// The contiguous run (at least two) of free candidates most similar to
/// `whole`, if it reaches [`GAP_MIN`] and every piece reaches [`PIECE_MIN`].
fn best_run<'g>(
    cands: &[usize],
    free: impl Fn(usize) -> bool,
    grams: impl Fn(usize) -> &'g [u64],
    whole: &[u64],
) -> Option<Vec<usize>> {
    let mut best: Option<(f64, Vec<usize>)> = None;
    let ok: Vec<bool> = cands.iter().map(|&c| free(c) && containment(grams(c), whole) >= PIECE_MIN).collect();
    for i in 0..cands.len() {
        let mut cur: Vec<u64> = Vec::new();
        for j in i..cands.len().min(i + 16) {
            if !ok[j] || (j > i && cands[j] != cands[j - 1] + 1) {
                break;
            }
            cur = union(&[&cur, grams(cands[j])]);
            if j > i {
                let s = dice(whole, &cur);
                if s >= GAP_MIN && best.as_ref().is_none_or(|b| s > b.0) {
                    best = Some((s, cands[i..=j].to_vec()));
                }
            }
        }
    }
    best.map(|b| b.1)
}

/// Pair the divisions of two drafts, given the article groups. Returns
/// for each old division its new partner.
pub(crate) fn align_divisions(old: &Side, new: &Side, groups: &[Group], ids_trusted: bool) -> Vec<Option<usize>> {
    let mut o2n: Vec<Option<usize>> = vec![None; old.divisions.len()];
    let mut n_taken = vec![false; new.divisions.len()];
    let take = |o: usize, n: usize, o2n: &mut Vec<Option<usize>>, n_taken: &mut Vec<bool>| {
        o2n[o] = Some(n);
        n_taken[n] = true;
    };
    // Same id (and level); with untrusted ids only when the title agrees.
    for (o, d) in old.divisions.iter().enumerate() {
        if let Some(&n) = new.division_ids.get(d.d.id.as_str()) {
            let nd = &new.divisions[n];
            if nd.d.level == d.d.level && (ids_trusted || nd.d.title == d.d.title) {
                take(o, n, &mut o2n, &mut n_taken);
            }
        }
    }
    // Same title and level, unique among the unpaired.
    let key = |s: &Side, i: usize| (s.divisions[i].d.level, s.divisions[i].d.title.clone());
    let mut titles: HashMap<(charter_core::model::Level, String), (usize, usize, usize, usize)> = HashMap::new();
    for o in (0..old.divisions.len()).filter(|&o| o2n[o].is_none()) {
        let e = titles.entry(key(old, o)).or_default();
        e.0 += 1;
        e.1 = o;
    }
    for n in (0..new.divisions.len()).filter(|&n| !n_taken[n]) {
        if let Some(e) = titles.get_mut(&key(new, n)) {
            e.2 += 1;
            e.3 = n;
        }
    }
    let mut unique: Vec<(usize, usize)> =
        titles.values().filter(|e| e.0 == 1 && e.2 == 1).map(|e| (e.1, e.3)).collect();
    unique.sort_unstable();
    for (o, n) in unique {
        take(o, n, &mut o2n, &mut n_taken);
    }
    // Same articles: a mutual majority of each one's articles.
    let mut a_o2n: Vec<Vec<usize>> = vec![Vec::new(); old.articles.len()];
    for g in groups {
        for &o in &g.old {
            a_o2n[o].extend(g.new.iter().copied());
        }
    }
    for o in 0..old.divisions.len() {
        if o2n[o].is_some() {
            continue;
        }
        let od = &old.divisions[o];
        let mut votes: Vec<(usize, usize)> = Vec::new(); // (new division, count)
        for a in od.articles.clone() {
            for &na in &a_o2n[a] {
                for &nd in &new.articles[na].divs {
                    if n_taken[nd] || new.divisions[nd].d.level != od.d.level {
                        continue;
                    }
                    match votes.iter_mut().find(|v| v.0 == nd) {
                        Some(v) => v.1 += 1,
                        None => votes.push((nd, 1)),
                    }
                }
            }
        }
        votes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        if let Some(&(nd, c)) = votes.first() {
            let n_len = new.divisions[nd].articles.len();
            if 2 * c > od.articles.len() && 2 * c > n_len {
                take(o, nd, &mut o2n, &mut n_taken);
            }
        }
    }
    o2n
}

#[cfg(test)]
mod tests {
    use super::lis;

    #[test]
    fn longest_increasing() {
        let s = [0, 5, 1, 2, 9, 3];
        let l: Vec<usize> = lis(&s).into_iter().map(|i| s[i]).collect();
        assert_eq!(l, vec![0, 1, 2, 3]);
        assert!(lis(&[]).is_empty());
    }
}
