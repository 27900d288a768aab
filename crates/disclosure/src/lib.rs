//! charter-disclosure: the reform disclosure (学生会（研究生会）改革情况公开)
//! as data, beside the charter.
//!
//! 1. [`load`]: `disclosure.yaml` → raw structs with positions ([`raw`]) →
//!    the checked [`model`], a located diagnostic for every mistake;
//! 2. [`assess`]: the self-assessment computed from the data (是/否 with
//!    evidence, or 人工填写);
//! 3. [`check`]: the hand-filled answers against the computed ones, counts
//!    between the parts, the reform rules, and the charter;
//! 4. [`export`]: the data templates get (`charter-disclosure/1`).
//!
//! Like charter-core, this crate never touches the file system: the
//! `charter` project reads the files and hands over bytes.

pub mod assess;
pub mod check;
pub mod export;
pub mod load;
pub mod model;
pub mod raw;

pub use check::{CharterRef, check};
pub use load::{DISCLOSURE_FILE, Loaded, load_bytes};
pub use model::Disclosure;

/// The registry of disclosure codes (`D…`): severity and the text
/// `charter explain` prints.
pub mod codes {
    charter_core::declare_codes! { Disclosure;
        D001 = Error, "改革情况公开文件（disclosure.yaml）缺少必需的内容，或者值是空的。\n\n必需的有 title、date、organisation（及其 name），名单每行的姓名，自评表每项的 text 等；格式见 docs/disclosure.md。";
        D002 = Error, "日期不是日期。\n\n公开的截止时间写 YYYY-MM 或 YYYY-MM-DD（date: 2021-11），代表大会的日期写 YYYY-MM-DD（date: 2021-11-24）。月份 1–12，日期要在那个月里存在。";
        D003 = Error, "学习成绩排名的格式不对。\n\n写作“名次/专业人数”，两个都是整数，名次在 1 和人数之间，例如 16/33。“16/”“前30%”“优秀”都不行：工具要用名次和人数计算是否在前 30% 以内。";
        D004 = Error, "应当是“是”或“否”的地方写了别的。\n\n自评结论（answer）、具体情况表的回答、是否存在不及格情况、是否为专职团干部都只能写“是”或“否”。";
        D005 = Error, "值不对：未知的自评规则、选举主体，不是整数的人数，不是百分数的差额比例，或校级、二级自评项用错了 answer/count。";
        D006 = Error, "工作部门不存在或重复。\n\n名单中一行的 department 必须是 organisation.departments 中列出的部门；部门不能列两次。";
        D007 = Error, "名单中的院系不属于任何二级学生会组织。\n\n院系写全称，并在 organisation.faculty_unions 的 faculties 中列出；这样可以发现名称在各部分之间写得不一致（如“声歌系”与“声乐歌剧系”）。";
        D008 = Error, "具体情况表（faculty_table）的一行不成立：组织不在 organisation.faculty_unions 中，或回答的个数与二级自评表的项数不同。";
        D009 = Warning, "工作人员名单的一行缺少信息：缺少某一栏，或年级没有写入学年份或培养层次（本科/研究生）。\n\n公开的名单每一栏都要填；本科生要看成绩排名、研究生只看是否有不及格，所以层次不能省。";
        D010 = Error, "手填的自评结论与数据不符。\n\n这一项由工具根据名单、组织结构、选举办法、代表大会和责任人计算（见 docs/disclosure.md 的规则表）；手填“是”而数据说“否”（或反过来）。提示和标注列出了依据。请改正数据或结论。";
        D011 = Warning, "自评表备注中的人数或个数（“实有 8 人”）与数据不符。";
        D012 = Warning, "二级自评表写的符合标准的组织数量，与具体情况表中这一列“是”的个数不同。";
        D013 = Warning, "改革要求没有达到：自评如实填了“否”，数据也说“否”。\n\n列出的行或条文就是没有达到要求之处。";
        D020 = Error, "选举办法与章程不一致：选举办法由委员会选举主席团，章程规定由学生代表大会选举。\n\n改革要求主席团由学生代表大会（非其委员会、常务委员会、常任代表会议等）选举产生。";
        D021 = Warning, "章程的条件宽于改革要求：成绩排名条件宽于前 30%，或主席团人数上限多于 5 人。";
        D022 = Warning, "主席团人数在各部分之间不一致（选举办法、自评表备注、章程的上限）。";
        D023 = Warning, "工作部门的名称或数目与章程不一致。";
        D024 = Warning, "章程使用了改革要求以外的职务或机构名称（如“部员”“分管主席”）。\n\n改革后只设主席、副主席（轮值执行主席）、部长、副部长、干事。";
        D025 = Error, "disclosure.yaml 引用的章程条文 id 不存在（organisation.presidium.article、organisation.departments_article）。";
        D026 = Warning, "主席团选举的差额不足：候选人不多于应选人数，或差额比例低于 20%（或低于选举办法自己承诺的比例）。";
    }
}
