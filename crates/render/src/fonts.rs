//! Fonts for the PDF: the embedded default, the system's fonts and fonts
//! from `--font-path`, and the resolution of each typographic role (body,
//! headings, title…) to the families actually installed.
//!
//! The embedded fonts are subsets of Noto Serif CJK SC (Regular, Bold) and
//! Noto Sans CJK SC (Medium), built by `fonts/build-fonts.sh`; with them a
//! machine without any Chinese font still gets a correct PDF.

use std::collections::BTreeSet;
use std::fmt;
use std::path::PathBuf;

use serde::Serialize;
use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;
use typst_kit::fonts::{FontPath, FontStore};

/// The embedded fonts: (file name, bytes).
pub const EMBEDDED: [(&str, &[u8]); 3] = [
    ("NotoSerifCJKsc-Regular.subset.otf", include_bytes!("../../../fonts/NotoSerifCJKsc-Regular.subset.otf")),
    ("NotoSerifCJKsc-Bold.subset.otf", include_bytes!("../../../fonts/NotoSerifCJKsc-Bold.subset.otf")),
    ("NotoSansCJKsc-Medium.subset.otf", include_bytes!("../../../fonts/NotoSansCJKsc-Medium.subset.otf")),
];

/// The family of the embedded serif (宋体-like) fonts.
pub const EMBEDDED_SERIF: &str = "Noto Serif CJK SC";
/// The family of the embedded sans-serif (黑体-like) font.
pub const EMBEDDED_SANS: &str = "Noto Sans CJK SC";

/// A typographic role of the default layout, with its fallback list of
/// families in order of preference (Windows, macOS, Linux names). Typst
/// names a family after name ID 1 with style suffixes trimmed (so "Source
/// Han Serif CN" is known as "Source Han Serif"); both spellings are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Role {
    pub name: &'static str,
    pub candidates: &'static [&'static str],
    /// The embedded family that ends every resolved list.
    pub embedded: &'static str,
}

/// 仿宋 for the body text (GB/T 9704), then 宋体.
pub const BODY: Role = Role {
    name: "body",
    candidates: &[
        "FangSong",
        "FangSong_GB2312",
        "仿宋",
        "仿宋_GB2312",
        "STFangsong",
        "华文仿宋",
        "FandolFang",
        "SimSun",
        "宋体",
        "Songti SC",
        "STSong",
        "Source Han Serif SC",
        "Source Han Serif CN",
        "Source Han Serif",
        "Noto Serif CJK SC",
        "Noto Serif SC",
        "AR PL UMing CN",
        "AR PL UMing",
    ],
    embedded: EMBEDDED_SERIF,
};

/// 宋体: page numbers.
pub const SONG: Role = Role {
    name: "song",
    candidates: &[
        "SimSun",
        "宋体",
        "Songti SC",
        "STSong",
        "华文宋体",
        "Source Han Serif SC",
        "Source Han Serif CN",
        "Source Han Serif",
        "Noto Serif CJK SC",
        "Noto Serif SC",
        "FandolSong",
        "AR PL UMing CN",
        "AR PL UMing",
    ],
    embedded: EMBEDDED_SERIF,
};

/// 黑体: chapter and section headings, article numbers, strong text.
pub const HEADING: Role = Role {
    name: "heading",
    candidates: &[
        "SimHei",
        "黑体",
        "Heiti SC",
        "STHeiti",
        "华文黑体",
        "PingFang SC",
        "Microsoft YaHei",
        "微软雅黑",
        "Source Han Sans SC",
        "Source Han Sans CN",
        "Source Han Sans",
        "Noto Sans CJK SC",
        "Noto Sans SC",
        "FandolHei",
        "WenQuanYi Zen Hei",
        "WenQuanYi Micro Hei",
    ],
    embedded: EMBEDDED_SANS,
};

/// 小标宋: the title (set bold; a family without a bold face is used as is).
pub const TITLE: Role = Role {
    name: "title",
    candidates: &[
        "FZXiaoBiaoSong-B05S",
        "FZXiaoBiaoSong-B05",
        "方正小标宋简体",
        "方正小标宋_GBK",
        "STZhongsong",
        "华文中宋",
        "Songti SC",
        "Source Han Serif SC",
        "Source Han Serif CN",
        "Source Han Serif",
        "Noto Serif CJK SC",
        "Noto Serif SC",
        "SimSun",
        "宋体",
        "STSong",
    ],
    embedded: EMBEDDED_SERIF,
};

/// 楷体: emphasised text. Nothing is embedded for it: without a 楷体 the
/// resolved list is empty and the template sets emphasis otherwise.
pub const KAI: Role = Role {
    name: "kai",
    candidates: &[
        "KaiTi",
        "KaiTi_GB2312",
        "楷体",
        "楷体_GB2312",
        "Kaiti SC",
        "STKaiti",
        "华文楷体",
        "LXGW WenKai",
        "LXGW WenKai GB",
        "FandolKai",
        "AR PL UKai CN",
        "AR PL UKai",
    ],
    embedded: "",
};

pub const ROLES: [Role; 5] = [BODY, SONG, HEADING, TITLE, KAI];

/// Where fonts come from.
#[derive(Clone, Debug, Default)]
pub struct FontOptions {
    /// Use the fonts installed on the system.
    pub system: bool,
    /// Further folders, searched recursively (`--font-path`); their fonts
    /// come before the system's.
    pub dirs: Vec<PathBuf>,
}

/// The fonts a compilation may use, in a fixed order: `--font-path` folders,
/// then system fonts, then the embedded ones (an embedded face is left out
/// when an installed font of the same family exists, so the complete
/// installed font wins over the subset).
pub struct FontSet {
    store: FontStore,
    infos: Vec<FontInfo>,
    /// Where each face came from, for messages.
    origins: Vec<String>,
}

impl fmt::Debug for FontSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FontSet").field("faces", &self.infos.len()).finish()
    }
}

/// Each role resolved to installed families (what the template gets).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ResolvedFonts {
    pub body: Vec<String>,
    pub song: Vec<String>,
    pub heading: Vec<String>,
    pub title: Vec<String>,
    pub kai: Vec<String>,
}

impl FontSet {
    /// Load the fonts of `options` plus the embedded ones.
    pub fn load(options: &FontOptions) -> FontSet {
        let mut found: Vec<(FontPath, FontInfo)> = Vec::new();
        for dir in &options.dirs {
            let mut v: Vec<_> = typst_kit::fonts::scan(dir).collect();
            v.sort_by(|a, b| (&a.0.path, a.0.index).cmp(&(&b.0.path, b.0.index)));
            found.extend(v);
        }
        if options.system {
            let mut v: Vec<_> = typst_kit::fonts::system().collect();
            v.sort_by(|a, b| (&a.0.path, a.0.index).cmp(&(&b.0.path, b.0.index)));
            found.extend(v);
        }
        let mut set = FontSet { store: FontStore::new(), infos: Vec::new(), origins: Vec::new() };
        let installed: BTreeSet<String> = found.iter().map(|(_, i)| i.family.to_lowercase()).collect();
        for (path, info) in found {
            set.origins.push(path.path.display().to_string());
            set.infos.push(info.clone());
            set.store.push((path, info));
        }
        for (name, data) in EMBEDDED {
            for font in Font::iter(Bytes::new(data)) {
                let info = font.info().clone();
                if installed.contains(&info.family.to_lowercase()) {
                    continue;
                }
                set.origins.push(format!("内置字体 {name}"));
                set.infos.push(info.clone());
                set.store.push((font, info));
            }
        }
        set
    }

    /// Only the embedded fonts: the same output on every machine.
    pub fn embedded() -> FontSet {
        FontSet::load(&FontOptions::default())
    }

    pub fn book(&self) -> &LazyHash<FontBook> {
        self.store.book()
    }

    pub fn font(&self, index: usize) -> Option<Font> {
        self.store.font(index)
    }

    /// Number of faces.
    pub fn len(&self) -> usize {
        self.infos.len()
    }

    pub fn is_empty(&self) -> bool {
        self.infos.is_empty()
    }

    /// Whether some face has a glyph for `c` (typst falls back through all
    /// faces, so this is what it can print).
    pub fn covers(&self, c: char) -> bool {
        self.infos.iter().any(|i| i.coverage.contains(c as u32))
    }

    pub fn has_family(&self, family: &str) -> bool {
        self.book().contains_family(&family.to_lowercase())
    }

    /// Families of one role that are present, in order of preference, with
    /// the embedded family last.
    pub fn resolve_role(&self, role: &Role) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut seen = BTreeSet::new();
        let chain = role.candidates.iter().copied().chain((!role.embedded.is_empty()).then_some(role.embedded));
        for fam in chain {
            if self.has_family(fam) && seen.insert(fam.to_lowercase()) {
                out.push(fam.to_string());
            }
        }
        out
    }

    /// All roles resolved.
    pub fn resolve(&self) -> ResolvedFonts {
        ResolvedFonts {
            body: self.resolve_role(&BODY),
            song: self.resolve_role(&SONG),
            heading: self.resolve_role(&HEADING),
            title: self.resolve_role(&TITLE),
            kai: self.resolve_role(&KAI),
        }
    }

    /// A description of every face: `family (weight) — origin`, for
    /// `build --list-fonts`.
    pub fn describe(&self) -> Vec<String> {
        self.infos
            .iter()
            .zip(&self.origins)
            .map(|(i, o)| {
                let italic = if i.variant.style == typst::text::FontStyle::Normal { "" } else { "，斜体" };
                format!("{}（{}{italic}）— {o}", i.family, i.variant.weight.to_number())
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_fonts_load_and_resolve() {
        let set = FontSet::embedded();
        assert_eq!(set.len(), 3);
        let r = set.resolve();
        assert_eq!(r.body, vec![EMBEDDED_SERIF]);
        assert_eq!(r.heading, vec![EMBEDDED_SANS]);
        assert_eq!(r.title, vec![EMBEDDED_SERIF]);
        assert!(r.kai.is_empty());
        for c in ['第', '条', '（', '）', '“', 'A', '。', '㈠', '①', '镕', '堃'] {
            assert!(set.covers(c), "{c}");
        }
        assert!(!set.covers('\u{20000}'));
    }
}
