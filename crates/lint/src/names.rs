//! Names of bodies and roles in the text, the glossary, and abbreviations
//! defined in the text (以下简称“X”).
//!
//! Without a dictionary, a name is found by its head: the last characters
//! that say what kind of thing it is (委员会, 代表大会, 主席团, 部, 主席,
//! 部长, 秘书长 …), extended to the left over the Han characters that
//! qualify it, up to a function word (的, 是, 由, 和 …) or punctuation,
//! minus a leading verb or quantifier (通过, 负责, 各, 全体 …). This finds
//! 常设代表委员会 in “通过常设代表委员会，增进……” and 学习纪检部 in
//! “学习纪检部：负责……”.
//!
//! A name is *established* when the charter sets it up: the title's
//! organisation, a chapter/section title or article heading, a definition
//! (“X是……”, “X由……组成”), a setting-up verb (设有, 设立, 组建, 聘请 …),
//! a list after 分别为, or an abbreviation definition. Together with the
//! glossary and the known outside bodies this decides what is defined.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};

use super::Context;
use super::cjk::{CharSet, CharSig, Ideographs, Leftmost, bmp_bitmap, in_bmp_bitmap, is_han, next_char, prev_char};
use super::sites::{Site, SiteKind};
use charter_core::model::TermKind;

/// What a name names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameKind {
    Body,
    Role,
}

struct Head {
    text: &'static str,
    kind: NameKind,
    /// The head alone is a name (主席团, 秘书长); otherwise it needs a
    /// qualifier (委员会, 部).
    standalone: bool,
}

const fn h(text: &'static str, kind: NameKind, standalone: bool) -> Head {
    Head { text, kind, standalone }
}

use NameKind::{Body, Role};

/// Heads, longest first within each final character.
const HEADS: &[Head] = &[
    h("代表大会", Body, false),
    h("常务委员会", Body, true),
    h("委员会", Body, false),
    h("常委会", Body, false),
    h("联合会", Body, false),
    h("代表会", Body, false),
    h("研究生会", Body, true),
    h("学生会", Body, true),
    h("评议会", Body, true),
    h("理事会", Body, true),
    h("监事会", Body, true),
    h("董事会", Body, true),
    h("股东会", Body, true),
    h("工会", Body, true),
    h("协会", Body, false),
    h("分会", Body, false),
    h("大会", Body, false),
    h("代会", Body, false),
    h("主席团", Body, true),
    h("团委", Body, true),
    h("党委", Body, true),
    h("党总支", Body, true),
    h("总支", Body, false),
    h("团支部", Body, true),
    h("党支部", Body, true),
    h("支部", Body, false),
    h("秘书处", Body, true),
    h("办公室", Body, false),
    h("工作组", Body, false),
    h("小组", Body, false),
    h("中心", Body, false),
    h("部", Body, false),
    h("副主席", Role, true),
    h("主席", Role, true),
    h("副部长", Role, true),
    h("部长", Role, true),
    h("副秘书长", Role, true),
    h("秘书长", Role, true),
    h("副会长", Role, true),
    h("会长", Role, true),
    h("理事长", Role, true),
    h("委员长", Role, true),
    h("副主任", Role, false),
    h("主任", Role, false),
    h("干事", Role, true),
    h("组长", Role, false),
    h("队长", Role, false),
];

/// Characters after a head that show it is not the end of a name
/// (会议, 部分, 主席台 …).
fn continues(head: &str, next: Option<char>) -> bool {
    let Some(c) = next else { return false };
    let last = head.chars().next_back().unwrap_or(' ');
    match last {
        '会' => matches!(
            c,
            '议' | '员'
                | '长'
                | '费'
                | '计'
                | '场'
                | '址'
                | '徽'
                | '旗'
                | '歌'
                | '刊'
                | '章'
                | '籍'
                | '标'
                | '谈'
                | '签'
                | '诊'
                | '晤'
                | '见'
                | '面'
                | '堂'
                | '馆'
                | '展'
                | '演'
                | '操'
                | '考'
                | '所'
                | '务'
        ),
        '部' => matches!(c, '分' | '门' | '署' | '位' | '件' | '队' | '落' | '长' | '员' | '委' | '属' | '首' | '级'),
        '团' => matches!(c, '委' | '结' | '体' | '员' | '队' | '伙' | '聚' | '购' | '圆'),
        '席' => matches!(c, '团' | '台' | '位' | '令'),
        '心' => matches!(c, '理' | '得' | '意' | '愿' | '血' | '灵'),
        '组' => matches!(c, '长' | '成' | '建' | '织'),
        '长' => matches!(c, '期' | '远' | '久' | '达'),
        '委' => matches!(c, '员' | '会'),
        _ => false,
    }
}

/// Characters before 部 that make it no name's head (干部, 全部, 内部).
static NOT_BEFORE_BU: CharSet = CharSet::new("干全内外局本东西南北中上下前后头腹背胸底顶细各该此每总");

/// Characters before a head that make a common word, not a name (干部,
/// 全部, 内部, 以……为中心).
fn bad_before(head: &str, before: Option<char>) -> bool {
    let Some(c) = before else { return false };
    match head {
        "部" => NOT_BEFORE_BU.contains(c),
        "中心" => matches!(c, '为' | '的' | '以' | '核' | '重' | '圆'),
        "大会" => !matches!(c, '员' | '工' | '生' | '东' | '体' | '众' | '民' | '届' | '次' | '表'),
        _ => false,
    }
}

/// The characters that end a qualifier (besides 和, see [`is_stop`]).
static STOP_CHARS: CharSet = CharSet::new(
    "的是在由与及或向对把被将从按给于并受使让即之所凡每着等为以也都均不应须可已未要请就如若则而但且又还再到至比当这那此您你他她它们个",
);

/// Characters that end a qualifier when scanning left from a head.
fn is_stop(s: &str, at: usize, c: char) -> bool {
    match c {
        '和' => !(prev_char(s, at) == Some('共') && next_char(s, at + c.len_utf8()) == Some('国')),
        _ => STOP_CHARS.contains(c),
    }
}

/// Leading words stripped from a qualifier: verbs, prepositions,
/// quantifiers and deictics that the left scan swept in.
const STRIP: &[&str] = &[
    "通过",
    "经过",
    "经由",
    "根据",
    "按照",
    "依照",
    "依据",
    "依法",
    "关于",
    "对于",
    "由于",
    "负责",
    "指导",
    "领导",
    "协助",
    "召集",
    "召开",
    "主持",
    "选举",
    "产生",
    "参加",
    "参与",
    "承认",
    "接受",
    "设立",
    "设有",
    "设置",
    "下设",
    "成立",
    "组建",
    "建立",
    "报请",
    "报送",
    "提请",
    "提交",
    "提名",
    "确定",
    "批准",
    "审议",
    "审查",
    "听取",
    "征得",
    "取得",
    "担任",
    "兼任",
    "聘请",
    "聘任",
    "任命",
    "罢免",
    "撤销",
    "撤换",
    "免去",
    "选出",
    "推荐",
    "联系",
    "加强",
    "支持",
    "配合",
    "帮助",
    "保障",
    "维护",
    "落实",
    "贯彻",
    "完成",
    "规范",
    "发挥",
    "决定",
    "制定",
    "汇报",
    "报告",
    "通知",
    "邀请",
    "列席",
    "出席",
    "全体",
    "全部",
    "以下简称",
    "简称",
    "统称",
    "以下称",
    "年初",
    "年终",
    "积极",
    "全面",
    "充分",
    "及时",
    "认真",
    "主动",
    "自觉",
    "增补",
    "新增",
    "新一届",
    "下一届",
    "上一届",
    "本届",
    "历届",
    "每届",
    "上一级",
    "上级",
    "下级",
    "同级",
    "本级",
    "各级",
    "有关",
    "相关",
    "其他",
    "其它",
    "所在",
    "所属",
    "任何",
    "所有",
    "一切",
    "级",
    "设",
    "经",
    "报",
    "派",
    "各",
    "本",
    "该",
    "其",
    "同",
    "新",
    "原",
    "现",
    "即",
];

/// Words that end a qualifier when met in the left scan (besides the
/// words in [`STRIP`]).
const STOP_WORDS: &[&str] = &[
    "或者", "如果", "以上", "以下", "以内", "以外", "以及", "并且", "而且", "但是", "应当", "可以", "必须", "不得",
    "没有", "已经", "同时", "分别", "之间", "期间", "之后", "之前", "以后", "以前", "任免", "签署", "提出", "分送",
    "实行", "代行", "继任", "代理", "会同", "吸收", "阻挠", "开展", "交由", "移送", "送交", "授权", "委托", "公布",
    "宣布", "当选", "兼任", "辞去", "免除", "撤职", "辞职", "接替", "主持", "召开", "通过", "列入", "交付", "印发",
    "根据", "提交", "报送",
];

/// Does a stop word end right before `q`?
fn stop_word_before(text: &str, q: usize) -> bool {
    // The last characters of the stop words (most characters are none).
    static ENDINGS: std::sync::OnceLock<Box<[u64; 1024]>> = std::sync::OnceLock::new();
    let endings =
        ENDINGS.get_or_init(|| bmp_bitmap(STOP_WORDS.iter().chain(STRIP).filter_map(|w| w.chars().next_back())));
    let before = &text[..q];
    let Some(last) = before.chars().next_back() else { return false };
    if (last as u32) < 0x10000 && !in_bmp_bitmap(endings, last) {
        return false;
    }
    stop_words_ending_in(last).iter().any(|w| before.ends_with(w) && !in_other_word(text, q - w.len(), w))
}

/// The words of [`STOP_WORDS`] and [`STRIP`] that end in `c` (indexed once:
/// the left scan asks at every character).
fn stop_words_ending_in(c: char) -> &'static [&'static str] {
    static INDEX: std::sync::OnceLock<CharIndex<&'static str>> = std::sync::OnceLock::new();
    lookup(INDEX.get_or_init(|| index_by(STOP_WORDS.iter().chain(STRIP).copied(), |w| w.chars().next_back())), c)
}

/// Lists of static words keyed by one character, in the order given (the
/// scans below ask at every head; a linear search of a hundred words each
/// time was most of the name analysis).
type CharIndex<T> = Vec<(char, Vec<T>)>;

fn index_by<T: Copy>(words: impl Iterator<Item = T>, key: impl Fn(T) -> Option<char>) -> CharIndex<T> {
    let mut m: BTreeMap<char, Vec<T>> = BTreeMap::new();
    for w in words {
        if let Some(c) = key(w) {
            m.entry(c).or_default().push(w);
        }
    }
    m.into_iter().collect()
}

fn lookup<T>(index: &CharIndex<T>, c: char) -> &[T] {
    index.binary_search_by_key(&c, |(k, _)| *k).map_or(&[], |i| index[i].1.as_slice())
}

/// The head ending at byte `end` of `text`, whose last character is `c`:
/// the first in the order of [`HEADS`] (longest first). Looked up by the
/// last two characters (a dozen heads end in 会; at most three end in
/// 生会, 事会 …), then among the one-character heads.
fn head_ending_at(text: &str, end: usize, c: char) -> Option<&'static Head> {
    type Index = FxHashMap<(char, Option<char>), Vec<&'static Head>>;
    static INDEX: std::sync::OnceLock<Index> = std::sync::OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut m = Index::default();
        for h in HEADS {
            let mut rev = h.text.chars().rev();
            if let Some(last) = rev.next() {
                m.entry((last, rev.next())).or_default().push(h);
            }
        }
        m
    });
    let before = &text[..end];
    let prev = prev_char(before, end - c.len_utf8());
    let longer = prev.and_then(|p| index.get(&(c, Some(p)))).into_iter().flatten();
    let single = index.get(&(c, None)).into_iter().flatten();
    longer.chain(single).find(|h| before.ends_with(h.text)).copied()
}

/// The words of [`STRIP`] starting with `c`, in their order.
fn strip_words_starting_with(c: char) -> &'static [&'static str] {
    static INDEX: std::sync::OnceLock<CharIndex<&'static str>> = std::sync::OnceLock::new();
    lookup(INDEX.get_or_init(|| index_by(STRIP.iter().copied(), |w| w.chars().next())), c)
}

/// Is `s` one of the words of [`STRIP`]?
fn is_strip_word(s: &str) -> bool {
    static SORTED: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let sorted = SORTED.get_or_init(|| {
        let mut v = STRIP.to_vec();
        v.sort_unstable();
        v
    });
    sorted.binary_search(&s).is_ok()
}

/// The start of the last occurrence of `needle` in `hay` (a short
/// qualifier: cheaper than building a searcher for each of many words).
fn rfind_short(hay: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(hay.len());
    }
    if needle.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).rev().find(|&i| hay.is_char_boundary(i) && hay[i..].starts_with(needle))
}

/// The start of the first setting-up verb (not part of a word such as 建设)
/// in `s`, if any.
fn first_setup_verb(s: &str) -> Option<usize> {
    s.char_indices().find_map(|(at, c)| {
        if !is_setup_first(c) {
            return None;
        }
        SETUP.iter().any(|v| s[at..].starts_with(v) && !in_other_word(s, at, v)).then_some(at)
    })
}

/// Is `c` the first character of a word of [`SETUP`]? (A bit test: this is
/// asked at every character of every sentence.)
fn is_setup_first(c: char) -> bool {
    static FIRSTS: Ideographs = Ideographs::of(&['设', '下', '可', '成', '组', '建', '聘', '配', '分', '选']);
    FIRSTS.contains(c)
}

/// Deictic or level prefixes that do not change what a name denotes.
const SCOPE: &[&str] = &["我院", "我校", "我会", "本院", "本校", "本会", "院级", "校级", "系级", "全院", "全校"];

/// Verbs that set up what follows them in the sentence.
const SETUP: &[&str] = &[
    "设有",
    "设立",
    "下设",
    "设置",
    "可设",
    "设",
    "成立",
    "组建",
    "建立",
    "聘请",
    "聘任",
    "配备",
    "分别为",
    "分别是",
    "选举",
    "组织",
];

/// Words containing 设 that do not set anything up.
const NOT_SETUP: &[&str] = &["常设", "建设", "设计", "设施", "设备", "假设", "设想", "预设", "设法", "陈设", "增设"];

/// Is the setting-up verb `v` at `at` part of a word like 建设 or 常设?
fn in_other_word(s: &str, at: usize, v: &str) -> bool {
    // For every piece of a word of NOT_SETUP, the words holding it and
    // where (as `match_indices` finds them: left to right, not
    // overlapping), found once from the words' own pieces (a handful each)
    // instead of searching every word for every verb, stop word and
    // strippable word (2,200 searches, most of a small file's check).
    static HOLDERS: std::sync::OnceLock<FxHashMap<&'static str, Vec<(&'static str, usize)>>> =
        std::sync::OnceLock::new();
    let holders = HOLDERS.get_or_init(|| {
        let mut m: FxHashMap<&'static str, Vec<(&'static str, usize)>> = FxHashMap::default();
        for w in NOT_SETUP {
            let bounds: Vec<usize> = w.char_indices().map(|(i, _)| i).chain([w.len()]).collect();
            for (k, &i) in bounds.iter().enumerate() {
                for &j in &bounds[k + 1..] {
                    let list = m.entry(&w[i..j]).or_default();
                    // Not overlapping the piece's last place in this word.
                    if list.last().is_none_or(|&(lw, li)| lw != *w || i >= li + (j - i)) {
                        list.push((w, i));
                    }
                }
            }
        }
        m
    });
    let found = |w: &str, k: usize| at >= k && s.get(at - k..).is_some_and(|x| x.starts_with(w));
    match holders.get(v) {
        Some(list) => list.iter().any(|&(w, k)| found(w, k)),
        // In no word of NOT_SETUP (the empty word is in every one).
        None => v.is_empty() && NOT_SETUP.iter().any(|w| w.match_indices(v).any(|(k, _)| found(w, k))),
    }
}

/// The role of a string in the glossary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum GlossRole {
    Name,
    Short,
    Wrong,
}

/// A name found in a text.
#[derive(Clone, Debug)]
pub struct Occurrence<'t> {
    pub site: usize,
    /// Byte range in the site's printed text.
    pub range: Range<usize>,
    /// The name as written: the text's bytes at `range` (borrowed from the
    /// site's printed text, which the sites' arena holds).
    pub name: &'t str,
    pub kind: NameKind,
    /// The head of the name (委员会, 部 …), empty for a glossary match.
    pub head: &'static str,
    /// Found only by the glossary (not by a head).
    pub glossary_only: bool,
    /// A name glued to the one before it (学生会 + 常委会).
    pub compound: bool,
    /// Found standing alone: after punctuation or a function character,
    /// with nothing stripped from its front.
    pub clean: bool,
}

/// An abbreviation defined in the text: 全称（以下简称“简称”）.
#[derive(Clone, Debug)]
pub struct Definition {
    pub site: usize,
    pub short: String,
    pub short_range: Range<usize>,
    pub full: String,
    pub full_range: Range<usize>,
}

/// What is known about one distinct name.
#[derive(Clone, Debug, Default)]
pub struct NameInfo {
    /// Indexes into [`Analysis::occurrences`].
    pub occurrences: Vec<usize>,
    pub established: bool,
}

/// A glossary string.
#[derive(Clone, Debug)]
pub struct GlossEntry {
    pub text: String,
    pub term: usize,
    pub role: GlossRole,
}

#[derive(Debug, Default)]
pub struct Analysis<'t> {
    pub glossary: Vec<GlossEntry>,
    /// Glossary text → entry index (the first entry with that text).
    pub gloss_index: FxHashMap<String, usize>,
    /// All name occurrences in document order: the glossary's matches and
    /// the names found by their heads, overlaps resolved (longest wins).
    pub occurrences: Vec<Occurrence<'t>>,
    pub names: BTreeMap<String, NameInfo>,
    pub definitions: Vec<Definition>,
    /// Known outside bodies (the outside rule option).
    pub outside: Vec<String>,
    /// Names that differ from a likelier name by a character or two.
    pub near: Vec<NearDuplicate>,
    /// The charter's title.
    pub title: String,
    /// Where each site's occurrences start in `occurrences` (they are in
    /// site order), plus the end.
    site_start: Vec<usize>,
    /// The proper tails (three characters or more) of the established names
    /// and of the glossary's names and short forms: 院学生会 of
    /// 哈尔滨音乐学院学生会. A set, so that asking about one name does not
    /// read every other.
    tails: FxHashSet<String>,
}

/// `rare` is probably a misspelling of `common`.
#[derive(Clone, Debug)]
pub struct NearDuplicate {
    pub rare: String,
    pub common: String,
}

impl<'t> Analysis<'t> {
    /// The occurrences in one site.
    pub fn in_site(&self, site: usize) -> &[Occurrence<'t>] {
        match (self.site_start.get(site), self.site_start.get(site + 1)) {
            (Some(&s), Some(&e)) => &self.occurrences[s..e],
            _ => &[],
        }
    }

    pub fn gloss(&self, s: &str) -> Option<&GlossEntry> {
        self.gloss_index.get(s).map(|&i| &self.glossary[i])
    }

    /// Is this name set up by the charter or named in the glossary?
    pub fn is_established(&self, name: &str) -> bool {
        self.names.get(name).is_some_and(|n| n.established) || self.gloss(name).is_some()
    }

    /// Is this name an outside body (党委, 团委, 学联 …)?
    pub fn is_outside(&self, name: &str) -> bool {
        self.outside.iter().any(|o| !o.is_empty() && name.contains(o.as_str()))
    }

    /// Is the name defined: established, in the glossary, outside, a
    /// scoped or shortened form of a defined name, or a defined body's
    /// standalone head (院学生会主席团)?
    pub fn is_known(&self, name: &str) -> bool {
        if self.is_established(name) || self.is_outside(name) {
            return true;
        }
        let bare = strip_scope(name);
        if bare != name && self.is_established(bare) {
            return true;
        }
        // A word of the title before a known name: 公司董事会 in 公司法.
        for (i, _) in name.char_indices().skip(1) {
            let (q, rest) = name.split_at(i);
            if self.title.contains(q)
                && rest.chars().count() >= 2
                && (self.is_established(rest) || self.is_outside(rest))
            {
                return true;
            }
        }
        // A tail of an established name: 院学生会 of 哈尔滨音乐学院学生会.
        self.tails.contains(name)
    }

    /// Fill [`Analysis::tails`] once the established names are known.
    fn collect_tails(&mut self) {
        let established = self.names.iter().filter(|(_, i)| i.established).map(|(n, _)| n.as_str());
        let glossary = self.glossary.iter().filter(|g| g.role != GlossRole::Wrong).map(|g| g.text.as_str());
        let mut tails = FxHashSet::default();
        for full in established.chain(glossary) {
            for (i, _) in full.char_indices().skip(1) {
                if full[i..].chars().count() >= 3 {
                    tails.insert(full[i..].to_string());
                }
            }
        }
        self.tails = tails;
    }

    /// The term a name belongs to in the glossary (name or short).
    pub fn term_of(&self, name: &str) -> Option<usize> {
        self.gloss(name).filter(|g| g.role != GlossRole::Wrong).map(|g| g.term)
    }
}

/// Remove a deictic or level prefix: 我院学生会 → 学生会.
pub fn strip_scope(name: &str) -> &str {
    for p in SCOPE {
        if let Some(rest) = name.strip_prefix(p)
            && rest.chars().count() >= 2
        {
            return rest;
        }
    }
    name
}

pub fn analyse<'t>(ctx: &Context<'t>) -> Analysis<'t> {
    let sites = ctx.sites();
    let mut a = Analysis {
        outside: ctx.words(&super::rules::UNDEFINED_NAME, "outside"),
        title: ctx.charter.meta.title.clone(),
        ..Analysis::default()
    };
    for (ti, t) in ctx.charter.terms.iter().enumerate() {
        a.glossary.push(GlossEntry { text: t.name.text.clone(), term: ti, role: GlossRole::Name });
        for s in &t.short {
            a.glossary.push(GlossEntry { text: s.text.clone(), term: ti, role: GlossRole::Short });
        }
        for w in &t.wrong {
            a.glossary.push(GlossEntry { text: w.text.clone(), term: ti, role: GlossRole::Wrong });
        }
    }
    for (i, g) in a.glossary.iter().enumerate() {
        a.gloss_index.entry(g.text.clone()).or_insert(i);
    }
    let matcher = Leftmost::new(a.glossary.iter().map(|g| g.text.as_str()));
    // The first characters of the glossary's strings: a text holding none
    // of them holds no glossary string (most texts, with a glossary of
    // names that start alike).
    let firsts: Vec<char> = a.glossary.iter().filter_map(|g| g.text.chars().next()).collect();
    let firsts = CharSig::of_chars(&firsts);
    // Every site's names found and glossary hits, each kind in one vector
    // with where each site's begin (a vector per site would mostly be
    // empty or hold one or two names in room for four).
    let mut found: Vec<Occurrence<'t>> = Vec::new();
    let mut found_at: Vec<usize> = Vec::with_capacity(sites.len() + 1);
    let mut hits: Vec<Occurrence<'t>> = Vec::new();
    let mut hits_at: Vec<usize> = Vec::with_capacity(sites.len() + 1);
    let mut heads = HeadsFound::new();
    for (si, site) in sites.iter().enumerate() {
        let text: &'t str = site.plain.text;
        found_at.push(found.len());
        hits_at.push(hits.len());
        let from = found.len();
        extract_into(si, text, &mut found, &mut heads);
        // Names inside a cited title 《……》 belong to the title.
        if found.len() > from {
            let titles = quoted_titles(text);
            if !titles.is_empty() {
                retain_from(&mut found, from, |o| {
                    !titles.iter().any(|t| o.range.start >= t.start && o.range.end <= t.end)
                });
            }
        }
        if !a.glossary.is_empty() && site.sig().may_hold_any(&firsts) {
            for (range, k) in matcher.find_iter(text) {
                let g = &a.glossary[k];
                let term_kind = ctx.charter.terms.get(g.term).map(|t| t.kind);
                let kind = if term_kind == Some(TermKind::Role) { Role } else { Body };
                hits.push(Occurrence {
                    site: si,
                    name: &text[range.clone()],
                    range,
                    kind,
                    head: "",
                    glossary_only: true,
                    compound: false,
                    clean: true,
                });
            }
        }
    }
    found_at.push(found.len());
    hits_at.push(hits.len());
    // First pass: what the charter sets up, from the names as found.
    let site_range = |at: &[usize], si: usize| at[si]..at[si + 1];
    a.rebuild(
        ctx,
        sites,
        (0..sites.len())
            .map(|si| found[site_range(&found_at, si)].iter().chain(&hits[site_range(&hits_at, si)]).cloned()),
    );
    // Second pass: cut a name to its longest known tail when what precedes
    // it is not a qualifier (决定学生会 → 学生会, but 系学生会 stays).
    let mut known: FxHashSet<String> = a.glossary.iter().map(|g| g.text.clone()).collect();
    known.extend(a.names.iter().filter(|(_, i)| i.established).map(|(n, _)| n.clone()));
    // Shortened forms: the tails of the organisation's own name and of the
    // glossary's names (院学生会 of 哈尔滨音乐学院学生会).
    let org = own_organisation(ctx);
    let mut tails: FxHashSet<&str> = FxHashSet::default();
    let full_names = a.glossary.iter().filter(|g| g.role == GlossRole::Name).map(|g| g.text.as_str());
    for k in full_names.chain(org.as_deref()) {
        for (i, _) in k.char_indices().skip(1) {
            if k[i..].chars().count() >= 3 {
                tails.insert(&k[i..]);
            }
        }
    }
    // Every tail of a known name, for names led by a verb of running text.
    let known_tails: FxHashSet<&str> =
        known.iter().flat_map(|k| k.char_indices().skip(1).map(move |(i, _)| &k[i..])).collect();
    // Where each distinct name is cut depends on the name alone: found
    // once, not at each of its (often thousands of) occurrences.
    let mut cuts: FxHashMap<&str, Option<usize>> = FxHashMap::default();
    let mut trimmed = false;
    for o in found.iter_mut() {
        if o.compound || o.glossary_only {
            continue;
        }
        let cut = match cuts.get(o.name) {
            Some(&cut) => cut,
            None => {
                let cut = trim_at(o.name, &known, &tails, &known_tails);
                cuts.insert(o.name, cut);
                cut
            }
        };
        if let Some(off) = cut {
            o.range.start += off;
            o.name = &o.name[off..];
            trimmed = true;
        }
    }
    // Nothing cut: the second pass would set up exactly what the first did.
    if trimmed {
        let (mut found, mut hits) = (found.into_iter(), hits.into_iter());
        let per_site = (0..sites.len()).map(|si| {
            let f = found.by_ref().take(found_at[si + 1] - found_at[si]).collect::<Vec<_>>();
            let h = hits.by_ref().take(hits_at[si + 1] - hits_at[si]).collect::<Vec<_>>();
            f.into_iter().chain(h)
        });
        a.rebuild(ctx, sites, per_site);
    }
    a.collect_tails();
    let max_difference = ctx.number(&super::rules::NEAR_DUPLICATE_NAME, "max-difference");
    a.near = near_duplicates(sites, &a, max_difference);
    a
}

impl<'t> Analysis<'t> {
    /// Set up the occurrences and names from each site's names found and
    /// glossary hits (`per_site`, both together, in any order).
    fn rebuild<I: Iterator<Item = Occurrence<'t>>>(
        &mut self,
        ctx: &Context,
        sites: &[Site],
        per_site: impl Iterator<Item = I>,
    ) {
        self.occurrences.clear();
        self.names.clear();
        self.site_start.clear();
        // One buffer for every site's names while their overlaps are resolved.
        let mut all = Vec::new();
        for site in per_site {
            self.site_start.push(self.occurrences.len());
            all.clear();
            all.extend(site);
            resolve_overlaps(&mut all, &self.gloss_index);
            self.occurrences.append(&mut all);
        }
        self.site_start.push(self.occurrences.len());
        for (i, o) in self.occurrences.iter().enumerate() {
            // Cloned only for a name not seen before.
            match self.names.get_mut(o.name) {
                Some(info) => info.occurrences.push(i),
                None => {
                    self.names.entry(o.name.to_string()).or_default().occurrences.push(i);
                }
            }
        }
        self.definitions = definitions(sites, self);
        let established: Vec<String> = establish(ctx, sites, self).into_iter().map(Cow::into_owned).collect();
        for n in established {
            self.names.entry(n).or_default().established = true;
        }
    }
}

/// Byte ranges of 《……》 (with the brackets).
pub fn quoted_titles(text: &str) -> Vec<Range<usize>> {
    // A searcher for 《 made once: `str::find` looks for its last byte,
    // which ends one character in 64, and verifies each in a byte loop.
    static OPEN: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    let mut out = Vec::new();
    let Some(first) = OPEN.get_or_init(|| memchr::memmem::Finder::new("《")).find(text.as_bytes()) else {
        return out;
    };
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in text[first..].char_indices().map(|(i, c)| (first + i, c)) {
        match c {
            '《' => {
                if depth == 0 {
                    start = i;
                }
                depth += 1;
            }
            '》' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(start..i + c.len_utf8());
                }
            }
            _ => {}
        }
    }
    out
}

/// Verbs that precede a body's name in running text (执行代表大会的决议,
/// 遵守学生会的规定) but can also begin a real name (执行委员会, 监督委员会),
/// so they are not stripped when names are found: a name starting with one
/// is cut after it only when the rest names a known body, or is the tail of
/// one (代表大会 of 研究生代表大会).
const RUNNING_VERBS: &[&str] = &[
    "贯彻执行",
    "执行",
    "遵守",
    "遵照",
    "遵循",
    "服从",
    "听从",
    "监督",
    "督促",
    "检查",
    "考核",
    "评议",
    "协调",
    "对接",
    "尊重",
    "拥护",
    "请示",
    "联络",
];

/// Where to cut a name (found in running text, not a compound or a
/// glossary hit) to its longest known tail, unless what precedes the tail
/// qualifies it (我院, 院级, 系): the byte offset of the tail, if cut.
fn trim_at(
    name: &str,
    known: &FxHashSet<String>,
    tails: &FxHashSet<&str>,
    known_tails: &FxHashSet<&str>,
) -> Option<usize> {
    if known.contains(name) {
        return None;
    }
    if let Some(v) = RUNNING_VERBS.iter().find(|v| name.starts_with(**v)) {
        let rest = &name[v.len()..];
        if rest.chars().count() >= 2 && (known.contains(rest) || tails.contains(rest) || known_tails.contains(rest)) {
            return Some(v.len());
        }
    }
    for (off, _) in name.char_indices().skip(1) {
        let s = &name[off..];
        if s.chars().count() < 2 {
            break;
        }
        if !(known.contains(s) || tails.contains(s)) || HEADS.iter().any(|h| h.text == s && !h.standalone) {
            continue;
        }
        let p = &name[..off];
        let qualifier = SCOPE.contains(&p)
            || p.ends_with('级')
            || (p.chars().count() == 1 && CONTRAST.contains(p))
            || RANK.iter().any(|r| p.ends_with(r));
        return (!qualifier).then_some(off);
    }
    None
}

/// Words that make a different body or office of an established one:
/// 常务理事会 is not 理事会, 名誉会长 is not 会长. (Not verbs such as
/// 执行, which precede names in running text: 执行学代会的决议.)
const RANK: &[&str] = &["常务", "常设", "常任", "名誉", "荣誉", "候补", "驻会"];

/// Characters that distinguish real, different bodies: 院/系 学生会,
/// 党/团 委, 正/副 主席.
const CONTRAST: &str = "院系校省市县区镇乡村班级年党团正副总分男女上下前后左右内外东西南北中大小初高新旧老甲乙丙丁一二三四五六七八九十本国";

/// The head a name ends with, if any.
pub fn head_of(name: &str) -> Option<&'static str> {
    HEADS.iter().find(|h| name.ends_with(h.text)).map(|h| h.text)
}

fn near_duplicates(sites: &[Site], a: &Analysis, max_difference: i64) -> Vec<NearDuplicate> {
    // Bucket the distinct names by head and length.
    let mut buckets: BTreeMap<(&str, usize), Vec<&str>> = BTreeMap::new();
    for name in a.names.keys() {
        if a.names[name].occurrences.is_empty() {
            continue;
        }
        let Some(head) = head_of(name) else { continue };
        buckets.entry((head, name.chars().count())).or_default().push(name);
    }
    let mut out = Vec::new();
    for ((head, len), names) in buckets {
        if len < 3 || names.len() < 2 {
            continue;
        }
        let qual_len = len - head.chars().count();
        let two = max_difference >= 2 && qual_len >= 4;
        for (i, j) in candidate_pairs(&names, qual_len, two) {
            let (x, y) = (names[i], names[j]);
            let xc: Vec<char> = x.chars().collect();
            let yc: Vec<char> = y.chars().collect();
            let diff: Vec<usize> = (0..len).filter(|&k| xc[k] != yc[k]).collect();
            let allowed = match diff.as_slice() {
                [_] => max_difference >= 1,
                [a, b] => max_difference >= 2 && qual_len >= 4 && b - a > 1,
                _ => false,
            };
            if !allowed || diff.iter().any(|&k| k >= qual_len) {
                continue;
            }
            if diff.iter().any(|&k| CONTRAST.contains(xc[k]) && CONTRAST.contains(yc[k])) {
                continue;
            }
            if let Some(pair) = rank_pair(sites, a, x, y) {
                out.push(pair);
            }
        }
    }
    out.sort_by_key(|p| first_pos(a, &p.rare));
    out
}

/// The pairs (i < j, in order) of `names` — distinct, of equal length,
/// sharing their head — that differ only inside the first `qual_len`
/// characters, at one position or (`two`) at two: the only pairs
/// [`near_duplicates`] can report. Found by keys with those positions left
/// out (names sharing a key differ at most there), so the work follows the
/// pairs found rather than every pair of names in the bucket.
fn candidate_pairs(names: &[&str], qual_len: usize, two: bool) -> Vec<(usize, usize)> {
    let chars: Vec<Vec<char>> = names.iter().map(|n| n.chars().collect()).collect();
    let mut groups: HashMap<(usize, usize, String), Vec<usize>> = HashMap::new();
    let key = |c: &[char], k1: usize, k2: usize| -> String {
        c.iter().enumerate().filter(|&(k, _)| k != k1 && k != k2).map(|(_, ch)| *ch).collect()
    };
    for (i, c) in chars.iter().enumerate() {
        for k1 in 0..qual_len.min(c.len()) {
            groups.entry((k1, usize::MAX, key(c, k1, usize::MAX))).or_default().push(i);
            if two {
                for k2 in k1 + 2..qual_len.min(c.len()) {
                    groups.entry((k1, k2, key(c, k1, k2))).or_default().push(i);
                }
            }
        }
    }
    let mut pairs: Vec<(usize, usize)> = groups
        .values()
        .flat_map(|g| g.iter().enumerate().flat_map(move |(a, &i)| g[a + 1..].iter().map(move |&j| (i, j))))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

fn first_pos(a: &Analysis, name: &str) -> (usize, usize) {
    a.names
        .get(name)
        .and_then(|n| n.occurrences.first())
        .map_or((usize::MAX, 0), |&i| (a.occurrences[i].site, a.occurrences[i].range.start))
}

/// Which of two similar names is the likely mistake; None when both are
/// clearly meant (both in the glossary, both set up, or listed together).
fn rank_pair(sites: &[Site], a: &Analysis, x: &str, y: &str) -> Option<NearDuplicate> {
    let gx = a.gloss(x).map(|g| g.role);
    let gy = a.gloss(y).map(|g| g.role);
    if gx == Some(GlossRole::Wrong) || gy == Some(GlossRole::Wrong) {
        return None; // the wrong-term rule reports it
    }
    if gx.is_some() && gy.is_some() {
        return None;
    }
    let ex = a.names.get(x).is_some_and(|n| n.established);
    let ey = a.names.get(y).is_some_and(|n| n.established);
    if ex && ey && gx.is_none() && gy.is_none() {
        return None;
    }
    if coordinated(sites, a, x, y) {
        return None;
    }
    // Two well-known outside bodies (检察委员会 and 监察委员会) are both real.
    if a.is_outside(x) && a.is_outside(y) {
        return None;
    }
    let score = |name: &str, g: Option<GlossRole>, e: bool| {
        let count = a.names.get(name).map_or(0, |n| n.occurrences.len());
        let (site, pos) = first_pos(a, name);
        (g.is_some(), e, count, std::cmp::Reverse((site, pos)))
    };
    let (sx, sy) = (score(x, gx, ex), score(y, gy, ey));
    let (rare, common) = if sx < sy { (x, y) } else { (y, x) };
    Some(NearDuplicate { rare: rare.to_string(), common: common.to_string() })
}

/// Do the two names appear side by side in a list (A、B / A和B)?
fn coordinated(sites: &[Site], a: &Analysis, x: &str, y: &str) -> bool {
    let Some(nx) = a.names.get(x) else { return false };
    let Some(ny) = a.names.get(y) else { return false };
    for &i in &nx.occurrences {
        let ox = &a.occurrences[i];
        for &j in &ny.occurrences {
            let oy = &a.occurrences[j];
            if ox.site != oy.site {
                continue;
            }
            let (first, second) = if ox.range.start < oy.range.start { (ox, oy) } else { (oy, ox) };
            if first.range.end > second.range.start {
                continue;
            }
            let gap = &sites[ox.site].plain.text[first.range.end..second.range.start];
            if ["、", "和", "与", "及", "或", "以及", "、各", "和各", "或者", "，"].contains(&gap) {
                return true;
            }
        }
    }
    false
}

/// Keep the longest of overlapping occurrences (a glossary match wins a
/// tie, and a compound yields to nothing shorter).
fn resolve_overlaps(found: &mut Vec<Occurrence<'_>>, gloss: &FxHashMap<String, usize>) {
    found.sort_by(|x, y| {
        x.range
            .start
            .cmp(&y.range.start)
            .then(y.range.len().cmp(&x.range.len()))
            .then(y.glossary_only.cmp(&x.glossary_only))
    });
    // In place: `found[..kept]` are the occurrences kept so far; the one
    // read (`r`, never before `kept`) is swapped in when kept, and what it
    // is swapped with was dropped.
    let mut kept = 0;
    for r in 0..found.len() {
        if kept > 0 && found[r].range.start < found[kept - 1].range.end {
            let (o, last) = (&found[r], &found[kept - 1]);
            // A compound keeps its first part as a separate occurrence.
            if last.compound && !o.compound {
                found.swap(kept, r);
                kept += 1;
                continue;
            }
            let longer = o.range.len() > last.range.len()
                || (o.range.len() == last.range.len() && gloss.contains_key(o.name) && !gloss.contains_key(last.name));
            if longer && o.range.start == last.range.start {
                found.swap(kept - 1, r);
            }
            continue;
        }
        found.swap(kept, r);
        kept += 1;
    }
    found.truncate(kept);
}

/// Names found by their heads in one printed text.
pub fn extract(site: usize, text: &str) -> Vec<Occurrence<'_>> {
    let mut out = Vec::new();
    extract_into(site, text, &mut out, &mut Vec::new());
    out
}

/// Head matches in a text: (start, end, head).
type HeadsFound = Vec<(usize, usize, &'static Head)>;

/// Keep the elements from `from` on that pass `keep`, in order.
fn retain_from<T>(v: &mut Vec<T>, from: usize, mut keep: impl FnMut(&T) -> bool) {
    let mut kept = from;
    for r in from..v.len() {
        if keep(&v[r]) {
            v.swap(kept, r);
            kept += 1;
        }
    }
    v.truncate(kept);
}

/// Is `c` the last character of a head ([`HEADS`])?
fn is_head_end(c: char) -> bool {
    static ENDS: Ideographs =
        Ideographs::of(&['会', '团', '委', '支', '部', '处', '室', '组', '心', '席', '长', '任', '记', '事']);
    ENDS.contains(c)
}

/// [`extract`], appending to `out` (whose earlier entries are not read);
/// `heads` is room for the heads found, reused from text to text.
fn extract_into<'t>(site: usize, text: &'t str, out: &mut Vec<Occurrence<'t>>, heads: &mut HeadsFound) {
    let from = out.len();
    // Head matches: (start, end, head), longest at each end.
    heads.clear();
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if !is_head_end(c) {
            continue;
        }
        let Some(head) = head_ending_at(text, end, c) else { continue };
        let start = end - head.text.len();
        if continues(head.text, next_char(text, end)) || bad_before(head.text, prev_char(text, start)) {
            continue;
        }
        // A longer head ending here that began earlier replaces overlaps.
        while let Some(&(s, e, _)) = heads.last() {
            if e > start && s >= start {
                heads.pop();
            } else {
                break;
            }
        }
        if let Some(&(_, e, _)) = heads.last()
            && e > start
        {
            continue;
        }
        heads.push((start, end, head));
    }
    let mut prev_end: Option<usize> = None;
    for &(start, end, head) in heads.iter() {
        // Scan left over Han characters for the qualifier.
        let mut q = start;
        let limit = prev_end.unwrap_or(0);
        let mut chars = 0;
        while q > limit {
            let Some(c) = prev_char(text, q) else { break };
            if !is_han(c) || is_stop(text, q - c.len_utf8(), c) || chars >= 16 || stop_word_before(text, q) {
                break;
            }
            q -= c.len_utf8();
            chars += 1;
        }
        let glued = prev_end == Some(q) && q == start;
        let mut qs = q;
        loop {
            let rest = &text[qs..start];
            let first = rest.chars().next().unwrap_or(' ');
            match strip_words_starting_with(first).iter().find(|p| rest.starts_with(**p) && rest.len() > p.len()) {
                Some(p) => qs += p.len(),
                None => break,
            }
        }
        // A setting-up verb inside the qualifier ends it: 每个部门设有部长.
        // (Every verb starts with one of a few characters: most qualifiers
        // hold none.)
        let may_set_up = text[qs..start].chars().any(is_setup_first);
        for v in SETUP.iter().filter(|_| may_set_up) {
            if let Some(i) = rfind_short(&text[qs..start], v) {
                let at = qs + i;
                if !in_other_word(text, at, v) {
                    qs = at + v.len();
                }
            }
        }
        // 各部部长: the qualifier only repeats the head's first character.
        if text[qs..start].chars().eq(head.text.chars().take(1))
            && qs + head.text.chars().next().map_or(0, char::len_utf8) == start
        {
            qs = start;
        }
        // Strip a whole qualifier that is itself a strippable word.
        if is_strip_word(&text[qs..start]) {
            qs = start;
        }
        let has_qualifier = qs < start;
        if glued && !head.standalone {
            // 学生会 + 常委会: the compound is the name.
            if let Some(prev_start) = out[from..].last().filter(|p| p.range.end == start).map(|p| p.range.start) {
                out.push(Occurrence {
                    site,
                    range: prev_start..end,
                    name: &text[prev_start..end],
                    kind: head.kind,
                    head: head.text,
                    glossary_only: false,
                    compound: true,
                    clean: false,
                });
            }
            prev_end = Some(end);
            continue;
        }
        if !has_qualifier && !head.standalone {
            prev_end = Some(end);
            continue;
        }
        if head.text == "部" && text[qs..start].chars().count() < 2 {
            prev_end = Some(end);
            continue;
        }
        // Clean: the scan stopped at punctuation, the start or a function
        // character, and nothing was stripped — the name stands alone.
        let clean =
            qs == q && (q == 0 || prev_char(text, q).is_some_and(|c| !is_han(c) || is_stop(text, q - c.len_utf8(), c)));
        out.push(Occurrence {
            site,
            range: qs..end,
            name: &text[qs..end],
            kind: head.kind,
            head: head.text,
            glossary_only: false,
            compound: false,
            clean,
        });
        prev_end = Some(end);
    }
}

/// Abbreviations defined in the texts: X（以下简称“Y”）, X(简称Y), X，简称Y.
fn definitions(sites: &[Site], a: &Analysis) -> Vec<Definition> {
    let mut out = Vec::new();
    for (si, site) in sites.iter().enumerate() {
        let t = &site.plain.text;
        // 简称, or 簡稱 in Traditional script (same length). Most texts have
        // neither 称 nor 稱: the text's signature says so.
        const CHENG: CharSig = CharSig::of_chars(&['称', '稱']);
        if !site.sig().may_hold_any(&CHENG) || (!t.contains('称') && !t.contains('稱')) {
            continue;
        }
        let starts: Vec<usize> = t
            .match_indices(['称', '稱'])
            .filter_map(|(i, _)| {
                let p = t[..i].chars().next_back()?;
                matches!(p, '简' | '簡').then(|| i - p.len_utf8())
            })
            .collect();
        for at in starts {
            let from = at + "简称".len();
            // What opens the definition: （以下 / （ / ( / ，
            let before = &t[..at];
            let (open_at, _) = match ["（以下", "(以下", "（", "(", "，以下", "，", ",以下", ","]
                .iter()
                .find(|p| before.ends_with(**p))
            {
                Some(p) => (at - p.len(), *p),
                None => continue,
            };
            // The abbreviation: quoted or up to the closing bracket.
            let rest = &t[from..];
            let (short_range, _) = match rest.chars().next() {
                Some(q @ ('“' | '"' | '「' | '‘')) => {
                    let close = match q {
                        '“' => '”',
                        '「' => '」',
                        '‘' => '’',
                        _ => '"',
                    };
                    let s = from + q.len_utf8();
                    match t[s..].find(close) {
                        Some(e) => (s..s + e, ()),
                        None => continue,
                    }
                }
                _ => {
                    let len: usize = rest.chars().take_while(|c| is_han(*c)).map(char::len_utf8).sum();
                    (from..from + len, ())
                }
            };
            let short = t[short_range.clone()].trim().to_string();
            if short.is_empty() || short.chars().count() > 12 {
                continue;
            }
            // The full name: the name occurrence ending at the bracket, else
            // the Han run before it.
            let full_range = a
                .in_site(si)
                .iter()
                .filter(|o| o.range.end == open_at)
                .max_by_key(|o| o.range.len())
                .map(|o| o.range.clone())
                .unwrap_or_else(|| {
                    let mut s = open_at;
                    let mut n = 0;
                    while let Some(c) = prev_char(t, s) {
                        if !is_han(c) || n >= 20 {
                            break;
                        }
                        s -= c.len_utf8();
                        n += 1;
                    }
                    s..open_at
                });
            if full_range.is_empty() {
                continue;
            }
            out.push(Definition { site: si, short, short_range, full: t[full_range.clone()].to_string(), full_range });
        }
    }
    out
}

/// For every site, whether it is an item (or sub-item) whose list's lead-in
/// ends in 组成：, so the list names members. One pass forward: looking back
/// from every item to its lead-in would be quadratic in a long list.
fn lead_ins_compose(sites: &[Site]) -> Vec<bool> {
    let mut composes = false;
    sites
        .iter()
        .map(|site| match site.kind {
            SiteKind::Item | SiteKind::SubItem => composes,
            SiteKind::Paragraph | SiteKind::Preamble => {
                let t = site.plain.text.trim_end();
                composes = t.ends_with("组成：") || t.ends_with("组成:");
                false
            }
            _ => {
                composes = false;
                false
            }
        })
        .collect()
}

/// The organisation the charter constitutes: its title without 章程.
fn own_organisation(ctx: &Context) -> Option<String> {
    let title = ctx.charter.meta.title.trim();
    ["章程", "组织章程", "条例", "规则", "办法", "规定", "细则"]
        .iter()
        .find_map(|s| title.strip_suffix(s))
        .filter(|o| !o.is_empty())
        .map(str::to_string)
}

/// Names the charter sets up.
fn establish<'a>(ctx: &Context, sites: &[Site], a: &'a Analysis) -> FxHashSet<Cow<'a, str>> {
    // Borrowed names: a name is cloned once, not at every occurrence.
    // (A set to ask membership of; the caller marks names in a sorted map.)
    let mut out: FxHashSet<Cow<'a, str>> = FxHashSet::default();
    // The organisation in the title: 某某学生会章程 → 某某学生会.
    if let Some(org) = own_organisation(ctx) {
        for o in extract(usize::MAX, &org) {
            out.insert(Cow::Owned(o.name.to_string()));
        }
        out.insert(Cow::Owned(org));
    }
    let by_site = |si: usize| a.in_site(si).iter();
    let composes = lead_ins_compose(sites);
    for (si, site) in sites.iter().enumerate() {
        let t = &site.plain.text;
        // Titles and headings name what they are about.
        if matches!(site.kind, SiteKind::DivisionTitle(_) | SiteKind::Heading) {
            for o in by_site(si) {
                out.insert(Cow::Borrowed(o.name));
            }
            continue;
        }
        if !site.kind.is_body() {
            continue;
        }
        let occs: &'a [Occurrence] = a.in_site(si);
        // What follows sets up only names found in this text.
        if occs.is_empty() {
            continue;
        }
        // A definition: the text opens with the name, then 是/为/（简称.
        if let Some(first) = occs.first()
            && t[..first.range.start].chars().all(|c| matches!(c, '各' | '本' | '该'))
        {
            let after = &t[first.range.end..];
            if after.starts_with(['是', '为', '（', '(', '由']) || after.starts_with("成员由") {
                out.insert(Cow::Borrowed(first.name));
            }
        }
        for o in occs {
            // X由……组成 / X由……产生 / X是……机构.
            let after = &t[o.range.end..];
            if after.starts_with('由') {
                let sentence_end = after.find(['。', '；']).unwrap_or(after.len());
                let s = &after[..sentence_end];
                if s.contains("组成") || s.contains("产生") {
                    out.insert(Cow::Borrowed(o.name));
                }
            }
        }
        // 由……组成: the members are set up too; a lead-in ending in 组成：
        // sets up the names in its items.
        let sentences = site.sentences();
        const YOU: CharSig = CharSig::of_chars(&['由']);
        for range in sentences.iter().filter(|_| site.sig().may_hold(&YOU)) {
            let s = &t[range.clone()];
            if let Some(by) = s.find('由')
                && let Some(of) = s.rfind("组成")
                && by < of
            {
                for o in occs {
                    if o.range.start >= range.start + by && o.range.end <= range.start + of {
                        out.insert(Cow::Borrowed(o.name));
                    }
                }
            }
        }
        if site.list.is_some() && composes[si] {
            for o in occs {
                out.insert(Cow::Borrowed(o.name));
            }
        }
        // Setting-up verbs: every name after one, to the end of the sentence.
        for range in sentences {
            let s = &t[range.clone()];
            // No verb of SETUP overlaps itself, so the first position
            // where one starts is the first of all their occurrences.
            if let Some(v) = first_setup_verb(s) {
                for o in occs {
                    if o.range.start >= range.start + v && o.range.end <= range.end {
                        out.insert(Cow::Borrowed(o.name));
                    }
                }
            }
        }
    }
    for d in &a.definitions {
        out.insert(Cow::Borrowed(d.short.as_str()));
        out.insert(Cow::Borrowed(d.full.as_str()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`extract_into`] looks for heads only where one can end.
    #[test]
    fn head_ends_cover_every_head() {
        for h in HEADS {
            assert!(h.text.chars().last().is_some_and(is_head_end), "{}", h.text);
        }
    }

    fn names(s: &str) -> Vec<String> {
        let mut v = extract(0, s);
        resolve_overlaps(&mut v, &FxHashMap::default());
        v.into_iter().map(|o| o.name.to_string()).collect()
    }

    /// The head found through the index is the one the search of all heads
    /// in order finds, at every position of texts full of heads.
    #[test]
    fn indexed_heads_are_those_of_the_list() {
        let mut text: String = HEADS.iter().map(|h| h.text).collect::<Vec<_>>().join("本");
        text.push_str("学生会常务委员会主席团副主席干部大会会议研究生代表大会工会");
        for (i, c) in text.char_indices() {
            let end = i + c.len_utf8();
            let linear = HEADS.iter().find(|h| text[..end].ends_with(h.text)).map(|h| h.text);
            assert_eq!(head_ending_at(&text, end, c).map(|h| h.text), linear, "at {end}");
        }
    }

    /// [`in_other_word`] answers as searching every word of NOT_SETUP
    /// for the verb does, for every word it is asked about and more.
    #[test]
    fn other_words_found_as_by_searching() {
        fn searched(s: &str, at: usize, v: &str) -> bool {
            let found = |w: &str, k: usize| at >= k && s.get(at - k..).is_some_and(|x| x.starts_with(w));
            NOT_SETUP.iter().any(|w| w.match_indices(v).any(|(k, _)| found(w, k)))
        }
        let mut words: Vec<&str> = SETUP.iter().chain(STOP_WORDS).chain(STRIP).copied().collect();
        words.extend(["设", "建", "施", "备", "常设", "增设", "设立", "建设", "", "无关"]);
        let texts = ["常设机构", "学生会建设", "设立部门", "增设委员会", "陈设设施", "预设设想", "设", "建设设备", ""];
        for v in &words {
            for t in texts {
                for at in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                    assert_eq!(in_other_word(t, at, v), searched(t, at, v), "{v:?} in {t:?} at {at}");
                }
            }
        }
    }

    #[test]
    fn setup_first_characters_are_those_of_setup() {
        let mut firsts: Vec<char> = SETUP.iter().filter_map(|v| v.chars().next()).collect();
        firsts.sort_unstable();
        firsts.dedup();
        assert!(firsts.iter().all(|&c| is_setup_first(c)));
        let matched = ('\u{4e00}'..='\u{9fff}').filter(|&c| is_setup_first(c)).count();
        assert_eq!(matched, firsts.len());
    }

    /// The keyed candidates are every pair the all-pairs comparison would
    /// keep: one difference inside the qualifier, or two not adjacent.
    #[test]
    fn candidate_pairs_miss_no_near_pair() {
        let alphabet: Vec<char> = "甲乙丙丁戊己庚".chars().collect();
        let mut seed: u64 = 3;
        let mut names: Vec<String> = Vec::new();
        while names.len() < 300 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let q: String = (0..5).map(|k| alphabet[(seed >> (20 + 3 * k)) as usize % alphabet.len()]).collect();
            let name = format!("{q}委员会");
            if !names.contains(&name) {
                names.push(name);
            }
        }
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        for two in [false, true] {
            let found = candidate_pairs(&refs, 5, two);
            for i in 0..refs.len() {
                for j in i + 1..refs.len() {
                    let (x, y): (Vec<char>, Vec<char>) = (refs[i].chars().collect(), refs[j].chars().collect());
                    let diff: Vec<usize> = (0..x.len()).filter(|&k| x[k] != y[k]).collect();
                    let near = match diff.as_slice() {
                        [_] => true,
                        [a, b] => two && b - a > 1,
                        _ => false,
                    };
                    if near {
                        assert!(found.binary_search(&(i, j)).is_ok(), "{} {}", refs[i], refs[j]);
                    }
                }
            }
        }
    }

    #[test]
    fn rfind_short_agrees_with_rfind() {
        for hay in ["设立设立委员会", "下设", "", "委员会设", "设设设"] {
            for needle in SETUP.iter().chain(["设设", "会"].iter()) {
                assert_eq!(rfind_short(hay, needle), hay.rfind(needle), "{hay} {needle}");
            }
        }
    }

    #[test]
    fn heads() {
        assert_eq!(names("通过常设代表委员会，增进交流"), ["常设代表委员会"]);
        assert_eq!(names("学习纪检部：负责开展活动"), ["学习纪检部"]);
        assert_eq!(names("应由学生会常委会全体大会选举产生"), ["学生会常委会", "学生会"]);
        assert_eq!(names("部长工作对学生会执行主席和分管主席负责"), ["部长", "学生会", "执行主席", "分管主席"]);
        assert_eq!(
            names("院学生会设有4个部门，分别为综合事务部、学习纪律部"),
            ["院学生会", "综合事务部", "学习纪律部"]
        );
        assert_eq!(names("学生干部的全部工作"), Vec::<String>::new());
        assert_eq!(names("领导各职能部门和各系学生委员会的工作"), ["系学生委员会"]);
        assert_eq!(names("主席团是院学生会领导机构"), ["主席团", "院学生会"]);
        assert_eq!(names("中华人民共和国全国人民代表大会常务委员会"), ["中华人民共和国全国人民代表大会", "常务委员会"]);
        assert_eq!(names("院学生会常委会"), ["院学生会常委会", "院学生会"]);
    }
}
