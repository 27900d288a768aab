//! Documentation of every diagnostic code, for `charter explain CODE`.

use crate::lint;

/// Codes reported while loading (Y…), with their explanations.
pub const LOAD_CODES: &[(&str, &str)] = &[
    (
        "Y001",
        "文件不是 UTF-8 编码。\n\n章程文件必须是 UTF-8。中文 Windows 的记事本“ANSI”其实是 GBK；请“另存为”并选择 UTF-8。",
    ),
    (
        "Y002",
        "YAML 语法错误。\n\n常见原因：缩进没有对齐；文字里有半角冒号加空格（“: ”）；引号或括号不成对。\n提示里给出了解析器的原文。长文字请一律使用块文字：\n\n    text: |\n      正文……",
    ),
    ("Y004", "用制表符（Tab）缩进。\n\nYAML 只允许用空格缩进。请在编辑器里打开“用空格代替 Tab”。"),
    (
        "Y010",
        "未知的键。\n\n键写错了（例如 heading 写成 headng），或者写在了错误的层级。提示里列出了这一层可以用的键。",
    ),
    ("Y011", "值的类型不对。\n\n例如应当是列表的地方写成了文字，或 repealed 写成了 true/false 以外的值。"),
    ("Y012", "键后面没有值。\n\n在冒号后写上内容，或者删去这一行。"),
    ("Y013", "同一个映射里重复的键。\n\nYAML 不允许重复的键；请删去或合并其中一个。"),
    ("Y014", "锚点与别名（& 与 *）。\n\n章程文件不需要它们；它们可以构造“别名炸弹”，所以一律拒绝，不会展开。"),
    ("Y015", "嵌套过深或文件超出处理上限。"),
    ("Y016", "一个文件里有多个 YAML 文档（---）。\n\n每份草案放在单独的文件里。"),
    ("Y020", "缺少必需的键：title、body，编/章/节与条的 id，编/章/节的 body 等。"),
    ("Y021", "id 的格式不对。\n\nid 只能由小写英文字母、数字和连字符组成，以字母开头，最长 64 个字符。id 不会印出来。"),
    ("Y022", "id 重复。\n\n整个文件里的 id 必须各不相同，包括章、节、条、款、项。"),
    ("Y023", "空的条、章或正文。\n\n条要有 text 或 paragraphs；已删去的条写 repealed: true。"),
    ("Y024", "键的组合不成立。\n\n例如一条同时有 text 和 paragraphs，章里写了 text，条里写了 body。"),
    ("Y025", "层级顺序不对。\n\n从外到内依次是编、分编、章、节；例如章不能放在节里。"),
    ("Y026", "一段文字里有空行。\n\n一条有几款时用 paragraphs 分别列出。"),
    (
        "Y027",
        "文字中的格式不被支持：HTML、链接、块级 Markdown，或引用写法有误。\n\n只支持 *强调*、**加粗** 和 [[id]] 引用。",
    ),
    ("Y028", "日期格式不对，应为 YYYY-MM-DD。"),
    ("Y029", "术语类别不认识：只能是 body、role、outside、document。"),
    ("Y030", "文字或标题是空的。"),
    ("Y031", "目之下又分了一层。层次依次是款、项、目。"),
    ("Y032", "第一条被标为插入条（inserted）。"),
    (
        "Y033",
        "allow 里写了不存在的规则代码。\n\n编、章、节、条、款、项上的 allow: [CH0xx] 只能列出检查规则（charter rules 列出全部规则），\n也可以写规则名，例如 allow: [latin-word]。Y 开头的问题是文件本身的错误，不能 allow，请直接改正。",
    ),
    (
        "Y040",
        "没有引号的文字里，空格加“#”之后的内容被 YAML 当作注释删掉了。\n\n请改用块文字（text: | 后换行书写）或加引号。",
    ),
    (
        "Y050",
        "检查设置文件（lint.yaml）里写了不存在的规则。\n\nrules 下面的每个键是一条规则的代码（CH001）或名称（duplicate-heading）。用 charter rules 列出全部规则。",
    ),
    (
        "Y051",
        "检查设置文件（lint.yaml）里有未知的键或选项。\n\n顶层只有 rules；每条规则下面可以写 level 和这条规则的选项（charter explain 代码 列出选项）。",
    ),
    (
        "Y052",
        "检查设置文件（lint.yaml）里的值不对：级别只能是 error、warning、info、off；列表选项写成 [词语, 词语]；映射选项写成 错误写法: 正确写法。",
    ),
    ("Y041", "看不见的字符：零宽空格、不换行空格、软连字符等，通常从 Word 或网页复制而来。"),
    ("Y042", "康熙部首等“长得像汉字”的字符，例如“⼀”（U+2F00）冒充“一”。"),
    ("Y043", "行首的全角空格（U+3000）：它不是缩进，会成为文字的一部分。"),
];

/// Codes reported by `charter build` (R…).
pub const RENDER_CODES: &[(&str, &str)] = &[
    (
        "R001",
        "字符在所有可用的字体中都没有字形。\n\n排版引擎遇到没有字形的字符会悄悄丢掉它，所以 build 在排版前逐字检查，发现就报错并指出位置。内置字体收录通用规范汉字表的 8105 字和常用符号。\n解决办法：安装含有这个字的字体，或用 --font-path 指定字体所在的文件夹；也可以改用常用字。",
    ),
    (
        "R010",
        "PDF 排版模板（typst）出错。\n\n内置模板不会出这个错；如果章程文件夹里有自己的 templates/charter.typ，请按提示修改它。模板只能读取 /charter.json、/build.json 和 templates 文件夹里的文件，格式见 templates/README.md。",
    ),
    ("R011", "PDF 排版模板（typst）的警告。文件照常生成；请按提示检查模板。"),
    (
        "R020",
        "网页模板（minijinja）出错。\n\n如果章程文件夹里有自己的 templates/charter.html.j2，请按提示修改它；可用的数据见 templates/README.md。",
    ),
];

/// The explanation of a code (a lint rule, a load code or a build code).
pub fn explain(code: &str) -> Option<String> {
    if let Some(rule) = lint::find_rule(code) {
        let mut s = format!(
            "{} {}（默认级别：{}{}）\n\n{}",
            rule.code,
            rule.name,
            rule.severity.name_zh(),
            if rule.fixable { "，可以用 --fix 自动修复" } else { "" },
            rule.doc.trim_end()
        );
        if !rule.options.is_empty() {
            s.push_str(&format!("\n\n ## 选项（写在 lint.yaml 的 rules: {}: 下面）", rule.code));
            for o in rule.options {
                s.push_str(&format!(
                    "\n - {}（{}）：{}\n   默认：{}",
                    o.name,
                    o.default.kind_zh(),
                    o.doc,
                    o.default.describe()
                ));
            }
        }
        return Some(s);
    }
    let up = code.trim().to_ascii_uppercase();
    LOAD_CODES
        .iter()
        .chain(crate::import::IMPORT_CODES)
        .chain(RENDER_CODES)
        .find(|(c, _)| *c == up)
        .map(|(c, doc)| format!("{c}\n\n{doc}"))
}
