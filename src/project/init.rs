//! `charter init`: the files of a new charter project, laid out like this
//! repository (so that `charter build`, `check` and `watch` work with their
//! default arguments from the project's folder):
//!
//! ```text
//! DIR/charter/charter.yaml    the skeleton (总则, 会员, 组织机构, 附则)
//! DIR/charter/lint.yaml       the checker's settings, commented
//! DIR/charter.schema.json     the JSON Schema (for the editor)
//! DIR/.vscode/settings.json   wires the schema for the YAML extension
//! DIR/.vscode/extensions.json recommends the YAML extension
//! DIR/.gitignore              out/
//! DIR/README.md               for the secretariat, in Chinese
//! ```
//!
//! Nothing is overwritten: when any of the files exists, nothing is written.

use std::path::{Path, PathBuf};

use charter_core::error::ToolError;

/// The kind of organisation: decides the organs' names in the skeleton.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgKind {
    /// A membership association (社会团体、协会): 会员大会, 理事会, 秘书长.
    Association,
    /// A student union (学生会): 学生代表大会, 学生委员会, 主席团.
    StudentUnion,
}

/// The words of one kind of organisation.
struct Words {
    congress: &'static str,
    council: &'static str,
    head: &'static str,
    nature: &'static str,
    member: &'static str,
}

impl OrgKind {
    fn words(self) -> Words {
        match self {
            OrgKind::Association => Words {
                congress: "会员大会",
                council: "理事会",
                head: "秘书长",
                nature: "是由会员自愿组成、依照本章程开展活动的非营利性社会组织。",
                member: "承认本章程、自愿申请加入并经理事会批准的个人，为本会会员。",
            },
            OrgKind::StudentUnion => Words {
                congress: "学生代表大会",
                council: "学生委员会",
                head: "主席团",
                nature: "是在学校党委领导、团委指导下的学生群众性组织。",
                member: "本校全日制在校学生承认本章程的，均为本会会员。",
            },
        }
    }
}

/// The relative path of the schema in a project made by `init`, as seen
/// from the charter file.
pub const SCHEMA_FILE: &str = "charter.schema.json";

/// The files of a new project, relative to its folder, with their text.
/// `schema` is the JSON Schema's text (`charter schema`).
pub fn files(name: &str, kind: OrgKind, schema: &str) -> Vec<(PathBuf, String)> {
    vec![
        (PathBuf::from("charter/charter.yaml"), charter_yaml(name, kind)),
        (PathBuf::from("charter/lint.yaml"), LINT_YAML.to_string()),
        (PathBuf::from(SCHEMA_FILE), schema.to_string()),
        (PathBuf::from(".vscode/settings.json"), VSCODE_SETTINGS.to_string()),
        (PathBuf::from(".vscode/extensions.json"), VSCODE_EXTENSIONS.to_string()),
        (PathBuf::from(".gitignore"), "/out/\n".to_string()),
        (PathBuf::from("README.md"), readme(name)),
    ]
}

/// Write the project's files into `dir` (created if needed). Refuses, and
/// writes nothing, when any of them exists. Returns the paths written.
pub fn create(dir: &Path, files: &[(PathBuf, String)]) -> Result<Vec<PathBuf>, ToolError> {
    let paths: Vec<PathBuf> = files.iter().map(|(p, _)| dir.join(p)).collect();
    let existing: Vec<PathBuf> = paths.iter().filter(|p| p.exists()).cloned().collect();
    if !existing.is_empty() {
        return Err(ToolError::InitExists { paths: existing });
    }
    for (path, (_, text)) in paths.iter().zip(files) {
        crate::fsutil::write_atomic(path, text.as_bytes())?;
    }
    Ok(paths)
}

/// The editor line that names the JSON Schema, for a YAML file in `dir`:
/// the nearest `charter.schema.json` or `docs/charter.schema.json` in
/// `dir` or up to three folders above, else `charter.schema.json` next to
/// the file (`charter schema > charter.schema.json` makes it).
pub fn schema_line(dir: &Path) -> String {
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    let abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    for (depth, d) in abs.ancestors().take(4).enumerate() {
        for candidate in [SCHEMA_FILE, "docs/charter.schema.json"] {
            if d.join(candidate).is_file() {
                return format!("# yaml-language-server: $schema={}{candidate}\n", "../".repeat(depth));
            }
        }
    }
    format!("# yaml-language-server: $schema={SCHEMA_FILE}\n")
}

fn charter_yaml(name: &str, kind: OrgKind) -> String {
    let w = kind.words();
    let Words { congress, council, head, nature, member } = w;
    let head_kind = if kind == OrgKind::Association { "role" } else { "body" };
    let head_text = match kind {
        OrgKind::Association => format!("{head}由{council}聘任，主持本会的日常工作，对{council}负责。"),
        OrgKind::StudentUnion => format!("{head}由{council}选举产生，主持本会的日常工作，对{council}负责。"),
    };
    format!(
        "# yaml-language-server: $schema=../{SCHEMA_FILE}
# 《{name}章程》（草案）。
# 致秘书处：章、条和项的编号（第一章、第一条、（一））由工具计算，不要手写；
# 每条的 id（如 name、congress）是它的固定名字，重新编号时不变，引用别的条文写 [[id]]。
# 每段正文写成 `|` 文本块，正文另起一行并缩进。
title: {name}章程
status: 草案

terms:
  # 本会和本会设立的机构
  - name: {name}
    short: [本会]
    kind: body
  - name: {congress}
    kind: body
  - name: {council}
    kind: body
  - name: {head}
    kind: {head_kind}
  # 身份
  - name: 会员
    kind: role

body:
  - chapter: 总则
    id: general
    body:
      - id: name
        heading: 本会的名称和性质
        text: |
          {name}（以下简称“本会”）{nature}
      - id: purpose
        heading: 本会的宗旨
        text: |
          本会的宗旨是团结会员，服务会员，依照本章程开展活动。

  - chapter: 会员
    id: members
    body:
      - id: membership
        text: |
          {member}
      - id: member-rights
        text: |
          会员享有下列权利：
        items:
          - |
            参加本会的活动；
          - |
            对本会的工作提出批评和建议；
          - |
            选举权和被选举权。
      - id: member-duties
        text: |
          会员应当遵守本章程，执行本会的决议。

  - chapter: 组织机构
    id: organs
    body:
      - id: congress
        text: |
          {congress}是本会的最高权力机构，每年至少召开一次。
      - id: congress-powers
        text: |
          {congress}行使下列职权：
        items:
          - |
            制定和修改本章程；
          - |
            选举和罢免{council}的组成人员；
          - |
            审议{council}的工作报告。
      - id: council
        text: |
          {council}是{congress}的执行机构，在{congress}闭会期间领导本会的工作，对{congress}负责。
      - id: head
        text: |
          {head_text}

  - chapter: 附则
    id: final
    body:
      - id: amendment
        text: |
          本章程的修改，由{council}提出草案，依照[[congress-powers]]的规定由{congress}表决通过。
      - id: interpretation
        text: |
          本章程由{council}负责解释。
      - id: effect
        text: |
          本章程自{congress}通过之日起施行。
"
    )
}

const LINT_YAML: &str = "\
# charter check 的设置（说明见 charter 的 docs/lint.md）。
# 每条规则可以用代码（CH022）或名称（latin-word）指明；
# 级别：error（错误，构建会停下）、warning（警告）、info（提示）、off（关闭）。
rules:
  # 例：把“句中的英文单词”降为提示
  # CH022: info
  # 例：本会以外的机构（出现在正文中但不由本章程设立），免得被报告为“未设立的名称”
  # undefined-name:
  #   outside: [市民政局]
  # 例：本会常见的错别字
  # confusable-word:
  #   words:
  #     统一管里: 统一管理
  CH028: info
";

const VSCODE_SETTINGS: &str = r#"{
  "yaml.schemas": {
    "./charter.schema.json": ["charter/charter.yaml", "charter/drafts/*.yaml"]
  },
  "files.encoding": "utf8",
  "[yaml]": {
    "editor.insertSpaces": true,
    "editor.tabSize": 2
  }
}
"#;

const VSCODE_EXTENSIONS: &str = r#"{
  "recommendations": ["redhat.vscode-yaml"]
}
"#;

fn readme(name: &str) -> String {
    format!(
        "# 《{name}章程》

本文件夹是《{name}章程》的起草项目，用 charter 工具编号、检查和排版。

| 文件 | 用途 |
|---|---|
| `charter/charter.yaml` | 章程正文（只改这个文件） |
| `charter/lint.yaml` | 检查规则的设置 |
| `charter.schema.json` | 编辑器用的格式说明（补全和校验），不要手改 |
| `out/` | 生成的 PDF 和网页，不放进版本库 |

## 日常工作

1. 用 VS Code 打开本文件夹，按提示安装 YAML 扩展（redhat.vscode-yaml）。
   编辑 `charter/charter.yaml` 时会有补全，写错的键会标红。
2. 边改边看：`charter watch`。每次保存后自动重新生成 `out/charter.pdf` 和
   `out/charter.html`，并在终端列出问题；章程暂时有错误时，上一次生成的文件保留不动。
3. 检查：`charter check`，列出所有问题（文件、行、列和修改建议）；
   `charter check --fix` 自动改正能机械改正的问题。
4. 排版：`charter build`，生成 `out/charter.pdf`（可打印）和 `out/charter.html`。
5. 比较两稿：`charter diff 旧稿.yaml charter/charter.yaml`，或用 git：
   `charter diff --rev HEAD~1..HEAD charter/charter.yaml`；
   加 `--format pdf` 生成修改对照表。

## 写法要点

- 章、条、项的编号由工具计算，不要手写“第一条”“（一）”。
- 每条有一个 `id`（英文小写和连字符），改了顺序也不变；引用别的条文写 `[[id]]`，
  排版时自动换成“第X条”。
- 本会设立的机构、职务写进 `terms`（名称表），检查时据此发现错字和未设立的名称。
- 一个问题看不懂时：`charter explain 代码`（例如 `charter explain CH013`）。
"
    )
}
