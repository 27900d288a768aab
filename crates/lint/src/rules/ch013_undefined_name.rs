use crate::declare_rule;
use crate::names::NameKind;
use crate::{Context, OptionDefault, RuleOption};
use charter_core::diagnostic::Diagnostic;

declare_rule! {
    /// 正文提到的机构或职务，章程没有设立，术语表里也没有。
    ///
    /// ## 它查什么
    /// 以“委员会、大会、会、部、团、主席、部长、秘书长”等结尾的名称，既不是章程设立的
    /// （标题里的组织、章节标题、条标题、“X是……”“X由……组成”的定义、“设有/设立/
    /// 组建/聘请……”之后列出的、简称定义），也不在术语表里，也不是已知的外部机构。
    ///
    /// 外部机构（党委、团委、学联……）按 `outside` 选项判断：名称中含有列表里的词即算外部机构。
    ///
    /// ## 为什么
    /// 章程让某个机构或职务行使职权（“通过常设代表委员会”“对执行主席负责”），
    /// 却没有规定它怎样产生、由谁组成，这一条就无法执行，还会被用来架空章程设立的机构。
    ///
    /// ## 例子
    /// ```yaml
    /// text: 部长工作对学生会执行主席和分管主席负责。
    /// ```
    ///
    /// ## 应当写成
    /// 在章程里写明“执行主席”“分管主席”的设立和产生办法；或者改用章程已设立的职务；
    /// 外部机构登记进术语表（`kind: outside`）或本规则的 `outside` 选项。
    pub static UNDEFINED_NAME = {
        code: "CH013",
        name: "undefined-name",
        severity: Warning,
        options: &[RuleOption {
            name: "outside",
            default: OptionDefault::Words(&[
                "党委", "团委", "党总支", "党支部", "团支部", "党组织", "团组织", "党组", "学联", "学生联合会",
                "共青团", "中共", "中国共产党", "人民政府", "人民代表大会", "政治协商会议", "国务院", "人民法院",
                "人民检察院", "监察委员会", "中央军事委员会", "教育部", "教育厅", "教育局", "总工会", "妇联",
                "妇女联合会", "残疾人联合会", "科协", "青联", "村民委员会", "居民委员会", "村民小组",
                "人民调解委员会", "伦理委员会", "工会", "职工代表大会", "职工大会", "教代会", "国家主席", "自治区",
                "中华人民共和国主席", "工商业联合会", "工商联", "董事会", "监事会", "股东会", "股东大会", "董事长",
                "审判委员会", "检察委员会", "仲裁委员会", "委员长", "红十字会", "律师协会", "消费者协会",
                "宪法和法律委员会", "法律委员会", "民族委员会", "财政经济委员会",
            ]),
            doc: "已知的外部机构：名称中含有其中任一词语即视为外部机构，不要求章程设立。配置的词语加在默认列表之后。",
        }],
        check: check,
    }
}

/// Words before a name that make it a body of the outside world rather than
/// one of the organisation's own: a class of bodies (各级, 有关, 其他), another
/// organisation's (企业的, 所在单位的), a superior one (上级).
const OUTSIDE_QUALIFIERS: &[&str] = &[
    "有关",
    "其他",
    "其它",
    "上级",
    "各级",
    "所在",
    "相应",
    "外国",
    "境外",
    "对方",
    "另一",
    "企业",
    "公司",
    "单位",
    "组织",
    "机关",
    "法人",
    "县级以上",
    "地方",
];

/// Does the printed text before an occurrence end with an outside qualifier
/// (optionally followed by 的)?
fn outside_actor(before: &str) -> bool {
    let before = before.strip_suffix('的').unwrap_or(before);
    OUTSIDE_QUALIFIERS.iter().any(|q| before.ends_with(q))
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let names = ctx.names();
    let sites = ctx.sites();
    let mut reported: Vec<(usize, Diagnostic)> = Vec::new();
    // Names near-duplicate-name reports (a set: asked once per name).
    let near: std::collections::HashSet<&str> = names.near.iter().map(|n| n.rare.as_str()).collect();
    for (name, info) in &names.names {
        let body_uses: Vec<usize> =
            info.occurrences.iter().copied().filter(|&i| sites[names.occurrences[i].site].kind.is_body()).collect();
        let Some(&first) = body_uses.first() else { continue };
        let o = &names.occurrences[first];
        if o.glossary_only || names.is_known(name) {
            continue;
        }
        // A compound of a defined body and a standalone head: 院学生会主席团.
        if o.compound
            && let Some(head) = crate::names::head_of(name)
            && names.is_known(head)
        {
            continue;
        }
        if near.contains(name.as_str()) {
            continue; // near-duplicate-name reports it
        }
        // A role of an outside body: 中央军事委员会主席.
        let site_occ = names.in_site(o.site);
        if site_occ.iter().any(|p| p.range.end == o.range.start && names.is_outside(p.name)) {
            continue;
        }
        // Mentioned only as an actor of the outside world: 有关部门,
        // 其他组织的理事会, 所在单位的工会, 公司的董事会. Such a body is not one
        // the charter should have set up.
        if body_uses.iter().all(|&i| {
            let occ = &names.occurrences[i];
            outside_actor(&sites[occ.site].plain.text[..occ.range.start])
        }) {
            continue;
        }
        let what = if o.kind == NameKind::Role { "职务" } else { "机构" };
        let site = &sites[o.site];
        let mut d = UNDEFINED_NAME
            .diagnostic(format!("{what}“{name}”在章程中没有设立，术语表里也没有"))
            .at(site.span(ctx.file, o.range.clone()), format!("这个{what}从哪里来？"));
        for &i in body_uses.iter().skip(1).take(3) {
            let o = &names.occurrences[i];
            d = d.also(sites[o.site].span(ctx.file, o.range.clone()), "又提到");
        }
        d = d.hint(format!(
            "如果它是本组织的{what}，请写明它的设立、组成和产生办法；如果是外部机构，请登记进术语表（kind: outside）或 lint.yaml 里 CH013 的 outside 选项；如果是笔误，请改用章程已设立的名称。"
        ));
        reported.push((first, d));
    }
    reported.sort_by_key(|(i, _)| *i);
    out.extend(reported.into_iter().map(|(_, d)| d));
}
