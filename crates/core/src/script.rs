//! The script a charter is written in: Simplified (简体, the default) or
//! Traditional (繁體, as in Hong Kong, Macao and Taiwan).
//!
//! The tool's own words in a charter's documents — numbering labels
//! (第一條, 第二章第一節), the table of contents' title (目錄), the
//! decision's wording (關於修改《…》的決定, 修改為, 刪去) — are written in
//! Simplified in the code and put into the charter's script by
//! [`Script::words`], a table of the characters those words use. It is
//! applied to generated words only, never to what the user wrote.
//!
//! The other direction, [`simplified`], maps the Traditional characters of
//! structural keywords (條, 項, 編, 節, 為, 刪, 將, 關於 …) to Simplified so
//! that recognisers written for one script read both; one character for one
//! character, so byte offsets stay (every character in the table is three
//! bytes in UTF-8).

use std::borrow::Cow;

use serde::Serialize;

/// The script of a charter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    /// 简体: the default.
    #[default]
    Simplified,
    /// 繁體.
    Traditional,
}

/// (Simplified, Traditional) pairs: the characters of the tool's generated
/// words, and common characters that tell the scripts apart (for
/// [`detect`]). Each pair is one-to-one in the words the tool writes (于 is
/// 於 in 关于, 后 is 後 in 修改后); where the first pair of a Simplified
/// character is the usual form, a later one only reads back (并 is 並 —
/// 修改，并移至 — and 併 in 合并, which [`WORD_PAIRS`] writes); characters
/// whose Traditional form depends on the word otherwise (发 髮/發, 台
/// 臺/颱, 里 裡/里, 准 准/準) are left out.
const PAIRS: &[(char, char)] = &[
    ('条', '條'),
    ('编', '編'),
    ('节', '節'),
    ('项', '項'),
    ('录', '錄'),
    ('则', '則'),
    ('总', '總'),
    ('关', '關'),
    ('于', '於'),
    ('决', '決'),
    ('为', '為'),
    ('删', '刪'),
    ('将', '將'),
    ('对', '對'),
    ('顺', '順'),
    ('号', '號'),
    ('应', '應'),
    ('调', '調'),
    ('据', '據'),
    ('过', '過'),
    ('会', '會'),
    ('议', '議'),
    ('两', '兩'),
    ('并', '並'),
    ('并', '併'),
    ('标', '標'),
    ('题', '題'),
    ('后', '後'),
    ('该', '該'),
    ('称', '稱'),
    ('说', '說'),
    ('这', '這'),
    ('与', '與'),
    ('经', '經'),
    ('届', '屆'),
    ('门', '門'),
    ('数', '數'),
    ('个', '個'),
    ('处', '處'),
    ('无', '無'),
    ('从', '從'),
    ('时', '時'),
    ('实', '實'),
    ('现', '現'),
    ('规', '規'),
    ('细', '細'),
    ('办', '辦'),
    ('纲', '綱'),
    ('万', '萬'),
    ('贰', '貳'),
    ('陆', '陸'),
    ('学', '學'),
    ('单', '單'),
    ('独', '獨'),
    ('国', '國'),
    ('们', '們'),
    ('来', '來'),
    ('还', '還'),
    ('动', '動'),
    ('体', '體'),
    ('点', '點'),
    ('问', '問'),
    ('开', '開'),
    ('见', '見'),
    ('长', '長'),
    ('义', '義'),
    ('员', '員'),
    ('选', '選'),
    ('举', '舉'),
    ('权', '權'),
    ('务', '務'),
    ('团', '團'),
    ('际', '際'),
    ('华', '華'),
    ('区', '區'),
    ('组', '組'),
    ('织', '織'),
    ('职', '職'),
    ('责', '責'),
    ('财', '財'),
    ('产', '產'),
    ('监', '監'),
    ('审', '審'),
    ('评', '評'),
    ('级', '級'),
    ('业', '業'),
    ('负', '負'),
    ('书', '書'),
    ('纪', '紀'),
    ('签', '簽'),
    ('认', '認'),
    ('讨', '討'),
    ('论', '論'),
    ('请', '請'),
    ('设', '設'),
    ('资', '資'),
    ('罢', '罷'),
    ('补', '補'),
    ('辞', '辭'),
    ('报', '報'),
    ('预', '預'),
    ('费', '費'),
    ('释', '釋'),
    ('颁', '頒'),
    ('订', '訂'),
    ('废', '廢'),
    ('当', '當'),
    ('须', '須'),
    ('执', '執'),
    ('维', '維'),
    ('护', '護'),
    ('协', '協'),
    ('联', '聯'),
    ('传', '傳'),
    ('换', '換'),
    ('载', '載'),
    ('错', '錯'),
    ('误', '誤'),
    ('页', '頁'),
    ('检', '檢'),
    ('变', '變'),
    ('仅', '僅'),
    ('内', '內'),
    ('语', '語'),
    ('词', '詞'),
    ('间', '間'),
    // The fixed words of the 修改对照表 and the packet (下划线, 连同, 随之).
    ('划', '劃'),
    ('线', '線'),
    ('连', '連'),
    ('随', '隨'),
    // The 修改说明's and the checks' sentences (状态, 没有, 统一, 规范,
    // 比较, 进行, 写明, 学习, 联络); not 准, which stays in 批准.
    ('习', '習'),
    ('写', '寫'),
    ('态', '態'),
    ('没', '沒'),
    ('状', '狀'),
    ('络', '絡'),
    ('统', '統'),
    ('范', '範'),
    ('较', '較'),
    ('进', '進'),
    ('宪', '憲'),
    ('约', '約'),
];

/// The table sorted by its Simplified (`.0`) and by its Traditional
/// (`.1`) character, for binary search: these run for every character of
/// every text a rule normalises.
type Pairs = Vec<(char, char)>;

fn sorted() -> &'static (Pairs, Pairs) {
    static SORTED: std::sync::OnceLock<(Pairs, Pairs)> = std::sync::OnceLock::new();
    SORTED.get_or_init(|| {
        let mut by_simplified = PAIRS.to_vec();
        by_simplified.sort_by_key(|p| p.0);
        by_simplified.dedup_by_key(|p| p.0);
        let mut by_traditional = PAIRS.to_vec();
        by_traditional.sort_by_key(|p| p.1);
        by_traditional.dedup_by_key(|p| p.1);
        (by_simplified, by_traditional)
    })
}

/// Words of the tool whose Traditional form is not their characters' usual
/// one (合并 → 合併, not 合並) or is another word (信息 → 資訊). Same
/// number of characters and bytes on both sides.
const WORD_PAIRS: &[(&str, &str)] =
    &[("合并", "合併"), ("归并", "歸併"), ("兼并", "兼併"), ("吞并", "吞併"), ("信息", "資訊")];

/// Every character of the table is a CJK ideograph at or above U+4E00
/// (checked by a test), so anything below maps to itself at once.
const FIRST_IDEOGRAPH: char = '\u{4e00}';

fn to_traditional(c: char) -> char {
    if c < FIRST_IDEOGRAPH {
        return c;
    }
    let table = &sorted().0;
    table.binary_search_by_key(&c, |p| p.0).map_or(c, |i| table[i].1)
}

/// A Traditional character of the table in Simplified; any other character
/// as it is. One character for one (both three bytes in UTF-8).
pub fn simplified(c: char) -> char {
    if c < FIRST_IDEOGRAPH {
        return c;
    }
    let table = &sorted().1;
    table.binary_search_by_key(&c, |p| p.1).map_or(c, |i| table[i].0)
}

/// A whole text through [`simplified`]: same length in bytes, each
/// character at the same offset.
pub fn simplify(s: &str) -> Cow<'_, str> {
    // Most texts have no Traditional character of the table: a bitmap of
    // them answers per character without a search.
    static TRADITIONAL: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    let bits = TRADITIONAL.get_or_init(|| {
        let mut bits = vec![0u64; 0x10000 / 64];
        for &(s, t) in PAIRS {
            if s != t && (t as usize) < 0x10000 {
                bits[t as usize / 64] |= 1 << (t as usize % 64);
            }
        }
        bits
    });
    let in_table = |c: char| {
        let i = c as usize;
        i >= 0x10000 || bits[i / 64] & (1 << (i % 64)) != 0
    };
    if !s.chars().any(in_table) {
        return Cow::Borrowed(s);
    }
    if s.chars().all(|c| simplified(c) == c) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().map(simplified).collect())
    }
}

impl Script {
    /// The name in the YAML (`script: traditional`) and the export.
    pub fn name(self) -> &'static str {
        match self {
            Script::Simplified => "simplified",
            Script::Traditional => "traditional",
        }
    }

    /// A value of `script:`: simplified / traditional, or 简体 / 繁体 /
    /// 繁體 / 簡體, or the language tags zh-Hans / zh-Hant (any case).
    pub fn from_name(s: &str) -> Option<Script> {
        let s = s.trim();
        match s.to_ascii_lowercase().as_str() {
            "simplified" | "zh-hans" | "hans" | "zh-cn" | "简体" | "簡體" | "简体中文" | "簡體中文" => {
                Some(Script::Simplified)
            }
            "traditional" | "zh-hant" | "hant" | "zh-hk" | "zh-tw" | "zh-mo" | "繁体" | "繁體" | "繁体中文"
            | "繁體中文" | "正體" | "正体" => Some(Script::Traditional),
            _ => None,
        }
    }

    pub fn is_traditional(self) -> bool {
        self == Script::Traditional
    }

    /// The tool's own words (written in Simplified in the code) in this
    /// script: 第一条 → 第一條, 目录 → 目錄. Only for generated words.
    pub fn words(self, s: &str) -> Cow<'_, str> {
        match self {
            Script::Simplified => Cow::Borrowed(s),
            Script::Traditional => {
                if s.chars().all(|c| to_traditional(c) == c) {
                    return Cow::Borrowed(s);
                }
                let mut out = String::with_capacity(s.len());
                let mut rest = s;
                while let Some(c) = rest.chars().next() {
                    match WORD_PAIRS.iter().find(|(w, _)| rest.starts_with(w)) {
                        Some((w, t)) => {
                            out.push_str(t);
                            rest = &rest[w.len()..];
                        }
                        None => {
                            out.push(to_traditional(c));
                            rest = &rest[c.len_utf8()..];
                        }
                    }
                }
                Cow::Owned(out)
            }
        }
    }

    /// [`Script::words`] for a fixed sentence that quotes (the 对照表's
    /// legend: “……”表示未修改的款、项): its “ ” ‘ ’ become the script's
    /// quotation marks as well ([`Script::quotes`]).
    pub fn quoted_words(self, s: &str) -> Cow<'_, str> {
        let words = self.words(s);
        let marks = self.quote_table();
        if marks.is_empty() || !words.contains(['“', '”', '‘', '’']) {
            return words;
        }
        Cow::Owned(words.chars().map(|c| marks.iter().find(|m| m.0 == c).map_or(c, |m| m.1)).collect())
    }

    /// What [`Script::quoted_words`] changes in quotation marks: “ ” ‘ ’
    /// with this script's; empty for Simplified.
    pub fn quote_table(self) -> Vec<(char, char)> {
        let [o1, c1, o2, c2] = self.quotes();
        [('“', o1), ('”', c1), ('‘', o2), ('’', c2)].into_iter().filter(|(s, t)| s != t).collect()
    }

    /// What [`Script::words`] changes, character by character: each
    /// Simplified character of the table with its Traditional form; empty
    /// for Simplified. For templates, which map their fixed words through it.
    pub fn table(self) -> Vec<(char, char)> {
        match self {
            Script::Simplified => Vec::new(),
            Script::Traditional => sorted().0.iter().copied().filter(|(s, t)| s != t).collect(),
        }
    }

    /// The quotation marks of the decision's wording: outer open, outer
    /// close, inner open, inner close. Simplified “ ” ‘ ’; Traditional
    /// 「 」 『 』, as Hong Kong and Taiwan print them.
    pub fn quotes(self) -> [char; 4] {
        match self {
            Script::Simplified => ['“', '”', '‘', '’'],
            Script::Traditional => ['「', '」', '『', '』'],
        }
    }
}

/// The script a text is written in, judged by the characters that differ
/// between the scripts (条/條, 会/會, 为/為 …): Traditional when such
/// characters are mostly Traditional (at least three, and more than twice
/// as many as Simplified ones), Simplified when mostly Simplified, `None`
/// when the text has too few of them to tell.
pub fn detect(text: &str) -> Option<Script> {
    let (mut simp, mut trad) = (0usize, 0usize);
    for c in text.chars() {
        if c < '\u{4E00}' {
            continue;
        }
        if PAIRS.iter().any(|&(s, t)| s == c && s != t) {
            simp += 1;
        } else if PAIRS.iter().any(|&(s, t)| t == c && s != t) {
            trad += 1;
        }
    }
    if trad >= 3 && trad > 2 * simp {
        Some(Script::Traditional)
    } else if simp >= 3 && simp > 2 * trad {
        Some(Script::Simplified)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_one_to_one_and_three_bytes() {
        for &(s, t) in PAIRS {
            assert_eq!(s.len_utf8(), t.len_utf8(), "{s}{t}");
            assert!(s >= FIRST_IDEOGRAPH && t >= FIRST_IDEOGRAPH, "{s}{t}");
            if s != t {
                // Written as its first pair; every pair reads back.
                let first = PAIRS.iter().find(|p| p.0 == s).map(|p| p.1);
                assert_eq!(Some(to_traditional(s)), first);
                assert_eq!(simplified(t), s);
                // No Traditional character is another pair's Simplified one.
                assert!(!PAIRS.iter().any(|&(s2, t2)| s2 == t && s2 != t2), "{t}");
            }
        }
    }

    #[test]
    fn words_and_back() {
        let t = Script::Traditional;
        assert_eq!(t.words("第二十一条第二款第三项"), "第二十一條第二款第三項");
        assert_eq!(t.words("第一编第二章第三节"), "第一編第二章第三節");
        assert_eq!(t.words("关于修改《x》的决定"), "關於修改《x》的決定");
        assert_eq!(t.words("目录"), "目錄");
        // 并 is 並, but 併 in 合并; 信息 is 資訊; lengths kept.
        assert_eq!(t.words("修改第二条，并移至第三章"), "修改第二條，並移至第三章");
        assert_eq!(t.words("将第五条、第六条合并"), "將第五條、第六條合併");
        assert_eq!(t.words("标题等信息修改2项"), "標題等資訊修改2項");
        for (w, tw) in WORD_PAIRS {
            assert_eq!(w.len(), tw.len(), "{w}");
            assert_eq!(w.chars().count(), tw.chars().count(), "{w}");
        }
        assert_eq!(simplify("合併，並且"), "合并，并且");
        assert_eq!(Script::Simplified.words("第一条"), "第一条");
        assert_eq!(simplify("本章程第十條第二款第三項"), "本章程第十条第二款第三项");
        assert_eq!(simplify("刪去").len(), "刪去".len());
    }

    #[test]
    fn names() {
        for n in ["traditional", "繁體", "繁体", "zh-Hant", "Traditional"] {
            assert_eq!(Script::from_name(n), Some(Script::Traditional), "{n}");
        }
        for n in ["simplified", "简体", "zh-Hans"] {
            assert_eq!(Script::from_name(n), Some(Script::Simplified), "{n}");
        }
        assert_eq!(Script::from_name("latin"), None);
    }

    #[test]
    fn detection() {
        assert_eq!(detect("第一條 本會定名為香港示例大學學生會。"), Some(Script::Traditional));
        assert_eq!(detect("第一条 本会定名为示例大学学生会。"), Some(Script::Simplified));
        assert_eq!(detect("章程"), None);
    }
}
