//! Loading `disclosure.yaml`: bytes → raw structs with positions
//! ([`crate::raw`], parsed by `charter_core::load::parse_recovering`, so
//! YAML mistakes get the charter's `Y0xx` messages) → the checked model,
//! with a located Chinese [`Diagnostic`] for every mistake (`D0xx`).

use std::path::Path;

use charter_core::diagnostic::Diagnostic;
use charter_core::load::{Parsed, add_source, parse_recovering, span_of};
use charter_core::source::{FileId, SourceFile, Sources, Span};
use charter_core::suggest::did_you_mean;

use crate::assess::Rule;
use crate::codes;
use crate::model::*;
use crate::raw::*;

/// The file name looked for beside the charter.
pub const DISCLOSURE_FILE: &str = "disclosure.yaml";

/// The result of loading one disclosure file.
#[derive(Debug)]
pub struct Loaded {
    pub file: FileId,
    /// None when the YAML could not be read at all.
    pub disclosure: Option<Disclosure>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Load a disclosure from bytes read elsewhere, adding the file to
/// `sources` (normally the charter's, so that checks can point into both).
pub fn load_bytes(path: &Path, bytes: Vec<u8>, sources: &mut Sources) -> Loaded {
    let (id, bad) = add_source(path, bytes, sources);
    if let Some(d) = bad {
        return Loaded { file: id, disclosure: None, diagnostics: vec![d] };
    }
    let file = sources.file(id);
    let mut parsed: Parsed<RawDisclosure> = parse_recovering(file, id);
    let mut diagnostics = std::mem::take(&mut parsed.diagnostics);
    // `check --fix` edits charters only: the YAML fixes the loader offers
    // (a misspelt key renamed) stay hints here, not a promise of --fix.
    for d in &mut diagnostics {
        if let Some(f) = d.fix.take() {
            d.hints.push(f.message);
        }
    }
    let Some(raw) = parsed.value.take() else {
        return Loaded { file: id, disclosure: None, diagnostics };
    };
    let mut c = Conv { file, id, diags: Vec::new() };
    let disclosure = c.disclosure(raw);
    // A "missing key" inside an entry blanked for another error only
    // repeats that error.
    c.diags.retain(|d| !(d.code == codes::D001 && parsed.in_blanked(d)));
    diagnostics.extend(c.diags);
    Loaded { file: id, disclosure: Some(disclosure), diagnostics }
}

struct Conv<'a> {
    file: &'a SourceFile,
    id: FileId,
    diags: Vec<Diagnostic>,
}

impl Conv<'_> {
    fn span<T>(&self, s: &S<T>) -> Span {
        span_of(self.file, self.id, s)
    }

    fn err(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// A text field, trimmed; empty text is reported.
    fn field(&mut self, s: &S<Scalar>) -> Option<Field> {
        let span = self.content_span(s);
        let text = s.value.0.trim().to_string();
        if text.is_empty() {
            self.err(
                Diagnostic::new(codes::D001, "这里的文字是空的").at(span, "空值").hint("写上内容，或者删去这一行。"),
            );
            return None;
        }
        Some(Field { text, span })
    }

    fn opt(&mut self, s: Option<&S<Scalar>>) -> Option<Field> {
        s.and_then(|s| self.field(s))
    }

    /// A required key: missing is reported at `at`.
    fn required(&mut self, s: Option<&S<Scalar>>, at: Span, what: &str, example: &str) -> Option<Field> {
        match s {
            Some(s) => self.field(s),
            None => {
                self.err(
                    Diagnostic::new(codes::D001, format!("缺少{what}")).at(at, "这里").hint(format!("例如：{example}")),
                );
                None
            }
        }
    }

    /// The span of a scalar's text: inside the quotes of a quoted scalar
    /// on one line, so that a position inside it counts from the text.
    fn content_span(&self, s: &S<Scalar>) -> Span {
        let sp = self.span(s);
        let raw = self.file.text.get(sp.start..sp.end).unwrap_or_default();
        let quoted = (raw.starts_with('"') && raw.ends_with('"')) || (raw.starts_with('\'') && raw.ends_with('\''));
        if quoted && raw.len() >= 2 && !raw.contains('\n') { Span::new(sp.file, sp.start + 1, sp.end - 1) } else { sp }
    }

    /// The exact source text of a scalar (YAML may have read `2021.10` as
    /// a number), without quotes.
    fn source_text(&self, s: &S<Scalar>) -> String {
        let sp = self.span(s);
        let raw = self.file.text.get(sp.start..sp.end).unwrap_or_default().trim();
        let raw = raw.trim_matches(|c| c == '"' || c == '\'');
        if raw.is_empty() { s.value.0.trim().to_string() } else { raw.to_string() }
    }

    fn date(&mut self, s: &S<Scalar>, day_required: bool) -> Option<(Date, Span)> {
        let sp = self.span(s);
        let text = self.source_text(s);
        match parse_date(&text) {
            Some(d) if d.day.is_some() || !day_required => Some((d, sp)),
            _ => {
                let want = if day_required { "YYYY-MM-DD" } else { "YYYY-MM 或 YYYY-MM-DD" };
                let example = if day_required { "2021-11-24" } else { "2021-11" };
                self.err(
                    Diagnostic::new(codes::D002, format!("“{text}”不是日期"))
                        .at(sp, format!("应为 {want}"))
                        .hint(format!("例如：{example}。月份 1–12，日期要在那个月里存在。")),
                );
                None
            }
        }
    }

    fn yes_no(&mut self, s: &S<Scalar>, what: &str) -> Option<(YesNo, Span)> {
        let sp = self.span(s);
        match s.value.0.trim() {
            "是" => Some((YesNo::Yes, sp)),
            "否" => Some((YesNo::No, sp)),
            other => {
                let hint = match other {
                    "true" | "yes" | "√是" | "√" | "Y" => "写作“是”。",
                    "false" | "no" | "√否" | "×" | "N" => "写作“否”。",
                    _ => "只能写“是”或“否”。",
                };
                self.err(
                    Diagnostic::new(codes::D004, format!("{what}只能是“是”或“否”，这里是“{other}”"))
                        .at(sp, "应为 是 或 否")
                        .hint(hint),
                );
                None
            }
        }
    }

    fn count(&mut self, s: &S<Scalar>, what: &str) -> Option<Count> {
        let sp = self.span(s);
        let t = s.value.0.trim();
        match t.parse::<u32>() {
            Ok(value) => Some(Count { value, span: sp }),
            Err(_) => {
                self.err(
                    Diagnostic::new(codes::D005, format!("{what}应当是一个整数，这里是“{t}”"))
                        .at(sp, "应为整数")
                        .hint("只写数字，例如 5；单位（人、个）不写。"),
                );
                None
            }
        }
    }

    fn disclosure(&mut self, r: RawDisclosure) -> Disclosure {
        let start = Span::new(self.id, 0, 0);
        let title = self
            .required(r.title.as_ref(), start, "标题（title）", "title: 某某学院学生会改革情况")
            .unwrap_or(Field { text: String::new(), span: start });
        let date = r.date.as_ref().and_then(|d| self.date(d, false));
        if r.date.is_none() {
            self.err(
                Diagnostic::new(codes::D001, "缺少公开的截止时间（date）")
                    .at(start, "文件开头")
                    .hint("例如：date: 2021-11（“截至 2021 年 11 月”）。它决定谁是一年级新生。"),
            );
        }
        let organisation =
            match &r.organisation {
                Some(o) => self.organisation(&o.value, self.span(o)),
                None => {
                    self.err(Diagnostic::new(codes::D001, "缺少组织结构（organisation）").at(start, "文件开头").hint(
                        "organisation 下写 name、presidium、departments 和 faculty_unions，见 docs/disclosure.md。",
                    ));
                    Organisation {
                        name: Field { text: String::new(), span: start },
                        presidium_name: None,
                        presidium_article: None,
                        departments: Vec::new(),
                        departments_article: None,
                        faculty_unions: Vec::new(),
                    }
                }
            };
        let assessment = r.self_assessment.as_ref().map(|a| self.assessment(&a.value)).unwrap_or_default();
        let roster = r.staff.as_ref().map(|s| self.roster(&s.value, &organisation, date)).unwrap_or_default();
        let election = r.election.as_ref().map(|e| self.election(&e.value)).unwrap_or_default();
        let congress = r.congress.as_ref().map(|c| self.congress(&c.value)).unwrap_or_default();
        let delegates = r.delegates.as_ref().map(|p| self.part(&p.value)).unwrap_or_default();
        let responsible = r.responsible.as_ref().map(|p| self.responsible(&p.value)).unwrap_or_default();
        self.faculty_table(&assessment, &organisation);
        Disclosure {
            title,
            date,
            charter: self.opt(r.charter.as_ref()),
            preface: self.opt(r.preface.as_ref()),
            organisation,
            assessment,
            chart_heading: r.chart.as_ref().and_then(|c| c.value.heading.as_ref()).and_then(|h| self.field(h)),
            roster,
            election,
            congress,
            delegates,
            responsible,
        }
    }

    fn part(&mut self, p: &RawPart) -> Part {
        Part { heading: self.opt(p.heading.as_ref()), text: self.opt(p.text.as_ref()) }
    }

    fn organisation(&mut self, o: &RawOrganisation, sp: Span) -> Organisation {
        let name = self
            .required(o.name.as_ref(), sp, "校级学生会组织的名称（name）", "name: 某某学院学生会")
            .unwrap_or(Field { text: String::new(), span: sp });
        let (presidium_name, presidium_article) = match &o.presidium {
            Some(p) => (self.opt(p.value.name.as_ref()), self.opt(p.value.article.as_ref())),
            None => (None, None),
        };
        let mut departments: Vec<Field> = Vec::new();
        for d in &o.departments {
            let dsp = self.span(d);
            let Some(f) = self.required(d.value.name.as_ref(), dsp, "部门名称（name）", "- name: 综合事务部")
            else {
                continue;
            };
            if let Some(first) = departments.iter().find(|x| x.text == f.text) {
                let first = first.span;
                self.err(
                    Diagnostic::new(codes::D006, format!("工作部门“{}”列了两次", f.text))
                        .at(f.span, "又列了一次")
                        .also(first, "第一次在这里"),
                );
                continue;
            }
            departments.push(f);
        }
        let mut faculty_unions: Vec<FacultyUnion> = Vec::new();
        for u in &o.faculty_unions {
            let usp = self.span(u);
            let Some(name) =
                self.required(u.value.name.as_ref(), usp, "二级学生会组织的名称（name）", "- name: 管弦系学生会")
            else {
                continue;
            };
            let faculties = u.value.faculties.iter().filter_map(|f| self.field(f)).collect();
            faculty_unions.push(FacultyUnion { name, faculties });
        }
        Organisation {
            name,
            presidium_name,
            presidium_article,
            departments,
            departments_article: self.opt(o.departments_article.as_ref()),
            faculty_unions,
        }
    }

    fn assessment(&mut self, a: &RawSelfAssessment) -> SelfAssessment {
        let school = a.school.as_ref().map(|l| self.item_list(&l.value, true)).unwrap_or_default();
        let faculty = a.faculty.as_ref().map(|l| self.item_list(&l.value, false)).unwrap_or_default();
        let mut table = Vec::new();
        for row in &a.faculty_table {
            let sp = self.span(row);
            let Some(union) = self.required(row.value.union.as_ref(), sp, "组织名称（union）", "- union: 管弦系学生会")
            else {
                continue;
            };
            let answers = row.value.answers.iter().filter_map(|x| self.yes_no(x, "具体情况表的回答")).collect();
            table.push(FacultyRow { union, answers, span: sp });
        }
        SelfAssessment { heading: self.opt(a.heading.as_ref()), school, faculty, faculty_table: table }
    }

    fn item_list(&mut self, l: &RawItemList, school: bool) -> ItemList {
        let mut items = Vec::new();
        for it in &l.items {
            let sp = self.span(it);
            let r = &it.value;
            let Some(text) = self.required(r.text.as_ref(), sp, "项目原文（text）", "- text: 工作人员不超过 40 人。")
            else {
                continue;
            };
            let answer = r.answer.as_ref().and_then(|a| self.yes_no(a, "评估结论"));
            let count = r.count.as_ref().and_then(|c| self.count(c, "符合标准的组织数量"));
            if school && r.count.is_some() {
                let at = r.count.as_ref().map_or(sp, |c| self.span(c));
                self.err(
                    Diagnostic::new(codes::D005, "校级自评项写 answer（是/否），不写 count")
                        .at(at, "count 属于二级自评表")
                        .hint("校级：answer: 是；二级：count: 4（符合标准的组织数量）。"),
                );
            }
            if !school && r.answer.is_some() {
                let at = r.answer.as_ref().map_or(sp, |c| self.span(c));
                self.err(
                    Diagnostic::new(codes::D005, "二级自评项写 count（符合标准的组织数量），不写 answer")
                        .at(at, "answer 属于校级自评表")
                        .hint("二级：count: 4；各组织的是/否写在 faculty_table 里。"),
                );
            }
            let rule = r.rule.as_ref().and_then(|x| {
                let rsp = self.span(x);
                let name = x.value.0.trim();
                match Rule::parse(name) {
                    Some(rule) => Some((rule, rsp)),
                    None => {
                        let mut d =
                            Diagnostic::new(codes::D005, format!("未知的自评规则“{name}”")).at(rsp, "不认识的规则");
                        if let Some(s) = did_you_mean(name, Rule::ALL.iter().map(|r| r.name())) {
                            d = d.hint(format!("您是不是想写“{s}”？"));
                        }
                        let all: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
                        self.err(d.hint(format!("可用的规则：{}；不写 rule 则为人工填写。", all.join("、"))));
                        None
                    }
                }
            });
            let limit = r.limit.as_ref().and_then(|c| self.count(c, "上限"));
            items.push(Item { text, answer, count, note: self.opt(r.note.as_ref()), rule, limit, span: sp });
        }
        ItemList { heading: self.opt(l.heading.as_ref()), items }
    }

    /// Rows of the 具体情况 table against the organisations and the items.
    fn faculty_table(&mut self, a: &SelfAssessment, o: &Organisation) {
        let n = a.faculty.items.len();
        for row in &a.faculty_table {
            if !o.faculty_unions.is_empty() && !o.faculty_unions.iter().any(|u| u.name.text == row.union.text) {
                let names = o.faculty_unions.iter().map(|u| u.name.text.as_str());
                let mut d =
                    Diagnostic::new(codes::D008, format!("“{}”不是 organisation 中的二级学生会组织", row.union.text))
                        .at(row.union.span, "没有这个组织");
                if let Some(s) = did_you_mean(&row.union.text, names) {
                    d = d.hint(format!("您是不是想写“{s}”？"));
                }
                self.err(d.hint("具体情况表的每一行对应 organisation.faculty_unions 中的一个组织。"));
            }
            if n > 0 && row.answers.len() != n {
                self.err(
                    Diagnostic::new(
                        codes::D008,
                        format!("“{}”有 {} 个回答，二级自评表有 {n} 项", row.union.text, row.answers.len()),
                    )
                    .at(row.union.span, "回答的个数不对")
                    .hint("answers 依次回答二级自评表的每一项，是/否各一个。"),
                );
            }
        }
    }

    fn roster(&mut self, r: &RawRoster, o: &Organisation, date: Option<(Date, Span)>) -> Roster {
        let _ = date;
        let mut rows = Vec::new();
        for (i, s) in r.rows.iter().enumerate() {
            let sp = self.span(s);
            let v = &s.value;
            let no = i + 1;
            let name = self.opt(v.name.as_ref());
            let who = name.as_ref().map_or_else(|| format!("第 {no} 行"), |n| format!("第 {no} 行（{}）", n.text));
            let mut missing = Vec::new();
            for (key, zh, present) in [
                ("name", "姓名", v.name.is_some()),
                ("political", "政治面貌", v.political.is_some()),
                ("faculty", "院系", v.faculty.is_some()),
                ("grade", "年级", v.grade.is_some()),
                ("rank", "学习成绩排名", v.rank.is_some()),
                ("failed", "是否存在不及格情况", v.failed.is_some()),
            ] {
                if !present {
                    missing.push(format!("{zh}（{key}）"));
                }
            }
            if !missing.is_empty() {
                self.err(
                    Diagnostic::new(codes::D009, format!("名单{who}缺少{}", missing.join("、")))
                        .at(sp, "这一行")
                        .hint("公开的名单每一栏都要填写；不适用时写“无”。"),
                );
            }
            let political = self.opt(v.political.as_ref());
            let faculty = self.opt(v.faculty.as_ref());
            if let Some(f) = &faculty {
                let known: Vec<&str> =
                    o.faculty_unions.iter().flat_map(|u| u.faculties.iter().map(|x| x.text.as_str())).collect();
                if !known.is_empty() && !known.contains(&f.text.as_str()) {
                    let mut d = Diagnostic::new(codes::D007, format!("院系“{}”不属于任何二级学生会组织", f.text))
                        .at(f.span, "没有这个院系");
                    if let Some(s) = did_you_mean(&f.text, known.iter().copied()) {
                        d = d.hint(format!("您是不是想写“{s}”？"));
                    }
                    self.err(d.hint(format!(
                        "院系写全称，并列在 organisation.faculty_unions 的 faculties 里；现有：{}。",
                        known.join("、")
                    )));
                }
            }
            let grade = self.opt(v.grade.as_ref());
            let cohort = grade.as_ref().and_then(|g| cohort_of(&g.text));
            if let Some(g) = &grade {
                if cohort.is_none() {
                    self.err(
                        Diagnostic::new(codes::D009, format!("年级“{}”里没有入学年份", g.text))
                            .at(g.span, "应为“2019级 本科”这样的写法")
                            .hint("写入学年份加“级”，再写培养层次，例如“2020级 本科”“2021级 硕士研究生”。"),
                    );
                } else if !["本科", "专科", "研究生", "硕士", "博士"].iter().any(|l| g.text.contains(l)) {
                    self.err(
                        Diagnostic::new(codes::D009, format!("名单{who}的年级“{}”没有写培养层次", g.text))
                            .at(g.span, "缺少 本科/研究生")
                            .hint("其他各行写作“2019级 本科”；本科生要看成绩排名，研究生只看是否有不及格，所以层次不能省。"),
                    );
                }
            }
            let rank = v.rank.as_ref().and_then(|x| self.rank(x));
            let failed = v.failed.as_ref().and_then(|x| self.yes_no(x, "是否存在不及格情况"));
            let role = self.opt(v.role.as_ref());
            let department = self.opt(v.department.as_ref());
            if let Some(d) = &department
                && !o.departments.iter().any(|x| x.text == d.text)
            {
                let names = o.departments.iter().map(|x| x.text.as_str());
                let mut diag =
                    Diagnostic::new(codes::D006, format!("工作部门“{}”不存在", d.text)).at(d.span, "没有这个部门");
                if let Some(s) = did_you_mean(&d.text, names) {
                    diag = diag.hint(format!("您是不是想写“{s}”？"));
                }
                let all: Vec<&str> = o.departments.iter().map(|x| x.text.as_str()).collect();
                let listed = if all.is_empty() {
                    "（organisation.departments 是空的）".to_string()
                } else {
                    all.join("、")
                };
                self.err(diag.hint(format!("department 必须是 organisation.departments 中的一个：{listed}。")));
            }
            rows.push(Staff { name, political, faculty, grade, cohort, rank, failed, role, department, span: sp });
        }
        Roster { heading: self.opt(r.heading.as_ref()), note: self.opt(r.note.as_ref()), rows }
    }

    fn rank(&mut self, s: &S<Scalar>) -> Option<Rank> {
        let sp = self.span(s);
        let t = s.value.0.trim();
        let parsed = t
            .split_once(['/', '／'])
            .and_then(|(a, b)| Some((a.trim().parse::<u32>().ok()?, b.trim().parse::<u32>().ok()?)));
        match parsed {
            Some((place, of)) if place >= 1 && place <= of => Some(Rank { place, of, span: sp }),
            Some((place, of)) => {
                self.err(
                    Diagnostic::new(codes::D003, format!("学习成绩排名“{t}”不成立：名次 {place}，人数 {of}"))
                        .at(sp, "名次应在 1 和人数之间")
                        .hint("写作“名次/专业人数”，例如 3/27。"),
                );
                None
            }
            None => {
                self.err(
                    Diagnostic::new(codes::D003, format!("学习成绩排名“{t}”的格式不对"))
                        .at(sp, "应为“名次/人数”")
                        .hint("写作“名次/专业人数”，两个都是整数，例如 16/33。"),
                );
                None
            }
        }
    }

    fn election(&mut self, e: &RawElection) -> Election {
        let margin = e.margin.as_ref().and_then(|m| {
            let sp = self.span(m);
            let t = m.value.0.trim();
            match t.trim_end_matches(['%', '％']).trim().parse::<u32>() {
                Ok(v) if v <= 100 => Some(Count { value: v, span: sp }),
                _ => {
                    self.err(
                        Diagnostic::new(codes::D005, format!("差额比例“{t}”的格式不对"))
                            .at(sp, "应为百分数")
                            .hint("写作 20%（0% 到 100% 的整数）。"),
                    );
                    None
                }
            }
        });
        let elected_by = e.elected_by.as_ref().and_then(|x| {
            let sp = self.span(x);
            match x.value.0.trim() {
                "congress" => Some((Elector::Congress, sp)),
                "assembly" => Some((Elector::Assembly, sp)),
                "committee" => Some((Elector::Committee, sp)),
                other => {
                    self.err(
                        Diagnostic::new(codes::D005, format!("未知的选举主体“{other}”"))
                            .at(sp, "应为 congress、assembly 或 committee")
                            .hint("congress：学生代表大会；assembly：全体学生大会；committee：委员会、常委会、常任代表会议等。"),
                    );
                    None
                }
            }
        });
        Election {
            heading: self.opt(e.heading.as_ref()),
            text: self.opt(e.text.as_ref()),
            committee_seats: e.committee_seats.as_ref().and_then(|c| self.count(c, "委员人数")),
            presidium_seats: e.presidium_seats.as_ref().and_then(|c| self.count(c, "主席团人数")),
            candidates: e.candidates.as_ref().and_then(|c| self.count(c, "候选人人数")),
            margin,
            elected_by,
        }
    }

    fn congress(&mut self, c: &RawCongress) -> Congress {
        Congress {
            heading: self.opt(c.heading.as_ref()),
            text: self.opt(c.text.as_ref()),
            date: c.date.as_ref().and_then(|d| self.date(d, true)),
            held: c.held.as_ref().map(|h| (h.value, self.span(h))),
        }
    }

    fn responsible(&mut self, r: &RawResponsible) -> Responsible {
        let mut rows = Vec::new();
        for t in &r.rows {
            let sp = self.span(t);
            let v = &t.value;
            let name = self.required(v.name.as_ref(), sp, "责任人的姓名（name）", "name: 张三");
            rows.push(Teacher {
                category: self.opt(v.category.as_ref()),
                name,
                full_time: v.full_time.as_ref().and_then(|x| self.yes_no(x, "是否为专职团干部")),
                note: self.opt(v.note.as_ref()),
                span: sp,
            });
        }
        Responsible { heading: self.opt(r.heading.as_ref()), rows }
    }
}

/// 2019级 → 2019.
fn cohort_of(grade: &str) -> Option<i32> {
    let i = grade.find('级')?;
    let digits: String = grade[..i].chars().rev().take_while(char::is_ascii_digit).collect();
    let year: String = digits.chars().rev().collect();
    if year.len() == 4 { year.parse().ok() } else { None }
}

/// `YYYY-MM` or `YYYY-MM-DD`, a real month and day.
pub fn parse_date(s: &str) -> Option<Date> {
    let parts: Vec<&str> = s.split('-').collect();
    if !(2..=3).contains(&parts.len()) || parts[0].len() != 4 || parts[1].len() != 2 {
        return None;
    }
    if !parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let year: i32 = parts[0].parse().ok()?;
    let month: u8 = parts[1].parse().ok()?;
    if !(1..=12).contains(&month) {
        return None;
    }
    let day = match parts.get(2) {
        None => None,
        Some(d) => {
            if d.len() != 2 {
                return None;
            }
            let d: u8 = d.parse().ok()?;
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            let max = match month {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            if d == 0 || d > max {
                return None;
            }
            Some(d)
        }
    };
    Some(Date { year, month, day })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("2021-11"), Some(Date { year: 2021, month: 11, day: None }));
        assert_eq!(parse_date("2021-11-24").and_then(|d| d.day), Some(24));
        assert_eq!(parse_date("2021.11"), None);
        assert_eq!(parse_date("2021-02-29"), None);
        assert_eq!(parse_date("2020-02-29").and_then(|d| d.day), Some(29));
        assert_eq!(parse_date("2021-13"), None);
    }

    #[test]
    fn cohorts() {
        assert_eq!(cohort_of("2019级 本科"), Some(2019));
        assert_eq!(cohort_of("2020级"), Some(2020));
        assert_eq!(cohort_of("本科"), None);
    }
}
