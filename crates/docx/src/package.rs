//! The fixed parts of the package: content types, relationships, styles,
//! settings, the two footers (page numbers “— 1 —”, outside corner), and
//! the document properties.

use crate::Fonts;
use crate::xml::esc;
use charter_core::script::Script;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// GB/T 9704 page in twentieths of a point: A4 (210 × 297 mm), top 37 mm,
/// binding (inside) 28 mm, outside 26 mm, bottom 35 mm (type area 156 ×
/// 225 mm); the footer's page number about 7 mm below the type area.
pub const PAGE: &str = "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooterOdd\"/>\
<w:footerReference w:type=\"even\" r:id=\"rIdFooterEven\"/>\
<w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\" w:header=\"851\" w:footer=\"1304\" w:gutter=\"0\"/>\
<w:cols w:space=\"425\"/><w:docGrid w:type=\"lines\" w:linePitch=\"579\"/></w:sectPr>";

/// 22 lines on the 225 mm type area: 579 twips a line, exactly.
const LINE: &str = "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"579\" w:lineRule=\"exact\"/>";

pub fn document(body: &str) -> String {
    document_with(body, PAGE)
}

/// The document with its last section's properties `sect`.
pub fn document_with(body: &str, sect: &str) -> String {
    format!("{DECL}<w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:body>{body}{sect}</w:body></w:document>")
}

/// A section's properties for a document of several sections (the
/// packet): with or without the page-number footers, restarting the page
/// numbers at 1 or continuing them, portrait as [`PAGE`] or A4 landscape
/// (the 修改对照表's page: 25 mm inside, 20 mm outside, 20 mm top, 24 mm
/// bottom, no line grid so that its 小四 lines keep their own height).
pub fn section(footers: bool, restart: bool, landscape: bool) -> String {
    let mut s = String::from("<w:sectPr>");
    if footers {
        s.push_str(
            "<w:footerReference w:type=\"default\" r:id=\"rIdFooterOdd\"/><w:footerReference w:type=\"even\" r:id=\"rIdFooterEven\"/>",
        );
    }
    s.push_str("<w:type w:val=\"nextPage\"/>");
    if landscape {
        s.push_str(
            "<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>\
<w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1361\" w:left=\"1417\" w:header=\"567\" w:footer=\"1077\" w:gutter=\"0\"/>",
        );
    } else {
        s.push_str(
            "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\" w:header=\"851\" w:footer=\"1304\" w:gutter=\"0\"/>",
        );
    }
    if restart {
        s.push_str("<w:pgNumType w:start=\"1\"/>");
    }
    s.push_str("<w:cols w:space=\"425\"/>");
    if !landscape {
        s.push_str("<w:docGrid w:type=\"lines\" w:linePitch=\"579\"/>");
    }
    s.push_str("</w:sectPr>");
    s
}

pub fn content_types(comments: bool) -> String {
    let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let mut s = format!(
        "{DECL}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"{main}.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"{main}.styles+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"{main}.settings+xml\"/>\
<Override PartName=\"/word/footer1.xml\" ContentType=\"{main}.footer+xml\"/>\
<Override PartName=\"/word/footer2.xml\" ContentType=\"{main}.footer+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    );
    if comments {
        s.push_str(&format!("<Override PartName=\"/word/comments.xml\" ContentType=\"{main}.comments+xml\"/>"));
    }
    s.push_str("</Types>");
    s
}

pub fn root_rels() -> String {
    format!(
        "{DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"{R}/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
</Relationships>"
    )
}

pub fn document_rels(comments: bool) -> String {
    let mut s = format!(
        "{DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rIdStyles\" Type=\"{R}/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rIdSettings\" Type=\"{R}/settings\" Target=\"settings.xml\"/>\
<Relationship Id=\"rIdFooterOdd\" Type=\"{R}/footer\" Target=\"footer1.xml\"/>\
<Relationship Id=\"rIdFooterEven\" Type=\"{R}/footer\" Target=\"footer2.xml\"/>"
    );
    if comments {
        s.push_str(&format!("<Relationship Id=\"rIdComments\" Type=\"{R}/comments\" Target=\"comments.xml\"/>"));
    }
    s.push_str("</Relationships>");
    s
}

/// The language tag of a charter's script in Word: zh-CN, or zh-TW for
/// Traditional (Word's tag for 繁體中文; proofing and East Asian font
/// fallback follow it).
pub fn lang(script: Script) -> &'static str {
    match script {
        Script::Simplified => "zh-CN",
        Script::Traditional => "zh-TW",
    }
}

/// Document properties: the title, the language, and the draft's date
/// (never the clock).
pub fn core(title: &str, date: Option<&str>, lang: &str) -> String {
    let mut s = format!(
        "{DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>"
    );
    esc(title, &mut s);
    s.push_str("</dc:title><dc:language>");
    s.push_str(lang);
    s.push_str("</dc:language>");
    if let Some(d) = date {
        s.push_str("<dcterms:created xsi:type=\"dcterms:W3CDTF\">");
        esc(d, &mut s);
        s.push_str("T00:00:00Z</dcterms:created>");
    }
    s.push_str("</cp:coreProperties>");
    s
}

/// Mirrored margins (printed on both sides), odd and even footers, and —
/// for the diff — change tracking left on so the reviewer's edits are
/// tracked too.
pub fn settings(track: bool) -> String {
    format!(
        "{DECL}<w:settings xmlns:w=\"{W}\">{}<w:mirrorMargins/><w:evenAndOddHeaders/>\
<w:defaultTabStop w:val=\"420\"/><w:characterSpacingControl w:val=\"compressPunctuation\"/>\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
</w:settings>",
        if track { "<w:trackRevisions/>" } else { "" }
    )
}

/// “— 1 —” in 4号 宋体 (14 pt), right on odd pages and left on even ones,
/// one character in from the edge of the type area.
pub fn footer(odd: bool) -> String {
    let (jc, ind) = if odd { ("right", "w:right=\"280\"") } else { ("left", "w:left=\"280\"") };
    let run = |t: &str| format!("<w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r>");
    format!(
        "{DECL}<w:ftr xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:jc w:val=\"{jc}\"/><w:ind {ind}/></w:pPr>\
{}<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>{}</w:p></w:ftr>",
        run("— "),
        run("1"),
        run(" —")
    )
}

fn fonts(east_asia: &str) -> String {
    let mut f = String::new();
    esc(east_asia, &mut f);
    format!(
        "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"{f}\" w:cs=\"Times New Roman\"/>"
    )
}

/// Real styles, not direct formatting: 标题 (Title), 状态 (Subtitle), the
/// division headings as Heading 1–4 (Word's navigation pane and TOC field
/// use them), 条标题, 序言标题, the body (Normal), 条号 (a character style
/// in 黑体), Strong (黑体), Emphasis (楷体), and the footer.
///
/// `parts` (the congress packet): Heading 1 is a part's title (小标宋,
/// 二号, centred), the divisions take Heading 2–5, and the packet's own
/// styles follow (cover, contents, the 修改对照表's cells and marks).
pub fn styles(f: &Fonts, levels: usize, parts: bool, lang: &str) -> String {
    let mut s = format!(
        "{DECL}<w:styles xmlns:w=\"{W}\"><w:docDefaults><w:rPrDefault><w:rPr>{}<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>\
<w:lang w:val=\"en-US\" w:eastAsia=\"{lang}\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>{LINE}</w:pPr></w:pPrDefault></w:docDefaults>",
        fonts(&f.body)
    );
    let para = |id: &str, name: &str, ppr: &str, rpr: &str, extra: &str| {
        format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>{extra}<w:qFormat/>\
<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
        )
    };
    s.push_str(&format!(
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:widowControl/><w:jc w:val=\"both\"/>{LINE}<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/></w:pPr>\
<w:rPr>{}<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>",
        fonts(&f.body)
    ));
    let centered = "<w:jc w:val=\"center\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>";
    s.push_str(&para(
        "Title",
        "Title",
        &format!(
            "<w:keepNext/>{centered}<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"760\" w:lineRule=\"exact\"/>"
        ),
        &format!("{}<w:b/><w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/>", fonts(&f.title)),
        "",
    ));
    s.push_str(&para("Subtitle", "Subtitle", &format!("<w:keepNext/>{centered}"), "", ""));
    s.push_str(&para("History", "制定和修改经过", &format!("<w:keepNext/>{centered}"), &fonts(&f.kai), ""));
    // The closing signature: right-aligned, four characters from the edge.
    s.push_str(&para(
        "Signature",
        "落款",
        "<w:keepNext/><w:jc w:val=\"right\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\" w:rightChars=\"400\" w:right=\"1280\"/>",
        "",
        "",
    ));
    let shift = usize::from(parts);
    if parts {
        s.push_str(&para(
            "Heading1",
            "heading 1",
            &format!(
                "<w:keepNext/><w:keepLines/>{centered}<w:spacing w:before=\"0\" w:after=\"579\" w:line=\"760\" w:lineRule=\"exact\"/><w:outlineLvl w:val=\"0\"/>"
            ),
            &format!("{}<w:b/><w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/>", fonts(&f.title)),
            "<w:uiPriority w:val=\"9\"/>",
        ));
    }
    for level in 1..=levels.max(1) {
        // 编 in 小二 (18 pt) when the charter has 编; the rest in 三号.
        let size = if level == 1 && levels == 4 { 36 } else { 32 };
        let level = level + shift;
        s.push_str(&para(
            &format!("Heading{level}"),
            &format!("heading {level}"),
            &format!(
                "<w:keepNext/><w:keepLines/>{centered}<w:spacing w:before=\"579\" w:after=\"0\" w:line=\"579\" w:lineRule=\"exact\"/><w:outlineLvl w:val=\"{}\"/>",
                level - 1
            ),
            &format!("{}<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>", fonts(&f.heading)),
            "<w:uiPriority w:val=\"9\"/>",
        ));
    }
    s.push_str(&para("PreambleHeading", "序言标题", &format!("<w:keepNext/>{centered}"), &fonts(&f.heading), ""));
    s.push_str(&para("ArticleHeading", "条标题", "<w:keepNext/>", &fonts(&f.heading), ""));
    s.push_str(&para(
        "Unchecked",
        "未通过检查",
        centered,
        &format!("{}<w:color w:val=\"C00000\"/>", fonts(&f.heading)),
        "",
    ));
    let chr = |id: &str, name: &str, rpr: &str| {
        format!(
            "<w:style w:type=\"character\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:qFormat/><w:rPr>{rpr}</w:rPr></w:style>"
        )
    };
    s.push_str(&chr("ArticleNumber", "条号", &fonts(&f.heading)));
    s.push_str(&chr("Strong", "Strong", &fonts(&f.heading)));
    s.push_str(&chr("Emphasis", "Emphasis", &fonts(&f.kai)));
    s.push_str(&chr("CommentReference", "annotation reference", "<w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>"));
    s.push_str(&format!(
        "<w:style w:type=\"paragraph\" w:styleId=\"CommentText\"><w:name w:val=\"annotation text\"/><w:basedOn w:val=\"Normal\"/>\
<w:pPr><w:jc w:val=\"left\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>\
<w:rPr>{}<w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/></w:rPr></w:style>",
        fonts(&f.song)
    ));
    s.push_str(&format!(
        "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/>\
<w:pPr><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>\
<w:rPr>{}<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>",
        fonts(&f.song)
    ));
    if parts {
        packet_styles(f, &mut s);
    }
    s.push_str("</w:styles>");
    s
}

/// The packet's own styles: the cover, the contents (Word's `toc 1`,
/// `toc 2`, which its TOC field applies), the 修改对照表's cells in 小四
/// (off the line grid) and its marks, the 修改说明's placeholder.
fn packet_styles(f: &Fonts, s: &mut String) {
    let no_indent = "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>";
    let style = |id: &str, name: &str, ppr: &str, rpr: &str| {
        format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>\
<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
        )
    };
    let centered = format!("<w:jc w:val=\"center\"/>{no_indent}");
    s.push_str(&style(
        "Cover",
        "封面标题",
        &format!("{centered}<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"900\" w:lineRule=\"exact\"/>"),
        &format!("{}<w:b/><w:sz w:val=\"52\"/><w:szCs w:val=\"52\"/>", fonts(&f.title)),
    ));
    s.push_str(&style("Centered", "居中", &centered, ""));
    s.push_str(&style(
        "ContentsTitle",
        "目录标题",
        &format!(
            "<w:keepNext/><w:pageBreakBefore/>{centered}<w:spacing w:before=\"0\" w:after=\"579\" w:line=\"760\" w:lineRule=\"exact\"/>"
        ),
        &format!("{}<w:b/><w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/>", fonts(&f.title)),
    ));
    // The type area is 156 mm (8845 twips): page numbers at its right edge.
    let tabs = "<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"8845\"/></w:tabs>";
    s.push_str(&style("TOC1", "toc 1", &format!("{tabs}{no_indent}"), &fonts(&f.heading)));
    s.push_str(&style(
        "TOC2",
        "toc 2",
        &format!("{tabs}<w:ind w:left=\"640\" w:leftChars=\"200\" w:firstLineChars=\"0\" w:firstLine=\"0\"/>"),
        "",
    ));
    let small = "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>";
    let cell_spacing =
        "<w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"312\" w:lineRule=\"auto\"/>";
    s.push_str(&style(
        "TableText",
        "对照表正文",
        &format!("{cell_spacing}<w:ind w:firstLineChars=\"200\" w:firstLine=\"480\"/>"),
        small,
    ));
    s.push_str(&style(
        "TableCenter",
        "对照表居中",
        &format!("{cell_spacing}<w:jc w:val=\"center\"/>{no_indent}"),
        small,
    ));
    s.push_str(&style("TableNote", "对照表说明", &format!("{cell_spacing}<w:jc w:val=\"left\"/>{no_indent}"), small));
    s.push_str(&style(
        "TableHead",
        "对照表表头",
        &format!("<w:keepNext/>{cell_spacing}<w:jc w:val=\"center\"/>{no_indent}"),
        &format!("{}{small}", fonts(&f.heading)),
    ));
    s.push_str(&style(
        "TableMeta",
        "对照表概要",
        &format!("<w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"360\" w:lineRule=\"auto\"/>{no_indent}"),
        "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>",
    ));
    let chr = |id: &str, name: &str, rpr: &str| {
        format!(
            "<w:style w:type=\"character\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:qFormat/><w:rPr>{rpr}</w:rPr></w:style>"
        )
    };
    s.push_str(&chr("Inserted", "新增文字", &format!("{}<w:u w:val=\"single\"/>", fonts(&f.heading))));
    s.push_str(&chr(
        "InsertedHeading",
        "条标题新增文字",
        &format!(
            "{}<w:u w:val=\"thick\"/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"D1D1D1\"/>",
            fonts(&f.heading)
        ),
    ));
    s.push_str(&chr("Deleted", "删去文字", &format!("{}<w:strike/>", fonts(&f.body))));
    s.push_str(&chr("Muted", "未修改说明", "<w:color w:val=\"4D4D4D\"/>"));
    s.push_str(&chr("Placeholder", "待补充", &format!("{}<w:color w:val=\"C00000\"/>", fonts(&f.heading))));
}
