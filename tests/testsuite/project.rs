//! The project layer as a library: `Project::open`, `inputs`, `build`,
//! `write`, and `project::diff`.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use charter::project::output::{self, Output};
use charter::project::{BuildFailure, BuildRequest, BuildStatus, Input, InputKind, OpenOptions, Project, Session};
use charter::render::FontOptions;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/render").join(name)
}

/// An empty scratch folder for one test.
fn scratch(test: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("charter-project-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn request(out: &Path, outputs: Vec<&'static dyn Output>) -> BuildRequest<'static> {
    BuildRequest { outputs, out_dir: out.to_path_buf(), ..BuildRequest::default() }
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|r| r.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn inputs_list_the_charter_its_config_its_templates_and_font_folders() {
    let dir = scratch("inputs");
    std::fs::copy(fixture("refs.yaml"), dir.join("charter.yaml")).unwrap();
    std::fs::write(dir.join("lint.yaml"), "rules:\n  CH020: off\n").unwrap();
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    std::fs::copy(fixture("project/templates/charter.html.j2"), dir.join("templates/charter.html.j2")).unwrap();
    // Not a template of any output: not an input.
    std::fs::write(dir.join("templates/notes.txt"), "x").unwrap();
    std::fs::create_dir_all(dir.join("fonts")).unwrap();
    std::fs::create_dir_all(dir.join("drafts")).unwrap();
    std::fs::copy(fixture("refs.yaml"), dir.join("drafts/v2.yaml")).unwrap();

    let fonts = FontOptions { system: false, dirs: vec![dir.join("fonts")] };
    let project = Project::open_with(&dir, &OpenOptions { fonts, ..OpenOptions::default() }).unwrap();
    let input = |kind, path: PathBuf| Input { kind, path };
    assert_eq!(
        project.inputs(),
        vec![
            input(InputKind::Charter, dir.join("charter.yaml")),
            input(InputKind::Config, dir.join("lint.yaml")),
            input(InputKind::Template, dir.join("templates/charter.html.j2")),
            input(InputKind::FontFolder, dir.join("fonts")),
        ]
    );
    // The project's template is the one used; the other is built in.
    assert_eq!(
        project.template("charter.html.j2").unwrap().name,
        dir.join("templates/charter.html.j2").display().to_string()
    );
    assert_eq!(project.template("charter.typ").unwrap().name, "内置模板/charter.typ");

    // A draft in a subfolder: the parent's lint.yaml, no templates of its own.
    let draft = Project::open(&dir.join("drafts/v2.yaml")).unwrap();
    assert_eq!(
        draft.inputs(),
        vec![input(InputKind::Charter, dir.join("drafts/v2.yaml")), input(InputKind::Config, dir.join("lint.yaml"))]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_missing_charter_is_a_tool_error() {
    let dir = scratch("missing");
    assert!(matches!(Project::open(&dir), Err(charter::ToolError::NotFound { .. })));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn build_refuses_a_charter_with_errors_unless_forced() {
    let out = scratch("refuse");
    // Every character is fine for HTML; the PDF's fonts lack one (R001).
    let project = Project::open(&fixture("missing_glyph.yaml")).unwrap();
    assert!(!project.document().has_errors());
    let outcome = project.build(&request(&out, output::ALL.to_vec()));
    assert!(matches!(outcome.status, BuildStatus::Refused), "{:?}", outcome.status);
    assert!(outcome.errors > 0);
    assert!(outcome.diagnostics.iter().any(|d| d.code == "R001" && d.is_error()));
    assert!(outcome.rendered.is_empty());
    assert!(outcome.write().unwrap().is_empty());
    assert!(files_in(&out).is_empty());

    // Without the PDF there is no glyph check, and nothing to refuse.
    let html = project.build(&request(&out, vec![&output::Html]));
    assert!(html.is_complete(), "{:?}", html.status);
    assert_eq!(html.errors, 0);

    // Forced: built, and the outcome still holds the errors.
    let forced = project.build(&BuildRequest { force: true, ..request(&out, output::ALL.to_vec()) });
    assert!(forced.is_complete(), "{:?}", forced.status);
    assert_eq!(forced.errors, outcome.errors);
    let written = forced.write().unwrap();
    assert_eq!(
        written,
        vec![out.join("missing_glyph.pdf"), out.join("missing_glyph.html"), out.join("missing_glyph.docx")]
    );
    assert_eq!(files_in(&out), vec!["missing_glyph.docx", "missing_glyph.html", "missing_glyph.pdf"]);
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn an_unreadable_charter_builds_nothing() {
    let out = scratch("unreadable");
    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/not_utf8.yaml");
    let project = Project::open(&bad).unwrap();
    assert!(project.document().charter.is_none());
    let outcome = project.build(&BuildRequest { force: true, ..request(&out, output::ALL.to_vec()) });
    assert!(matches!(outcome.status, BuildStatus::Unreadable), "{:?}", outcome.status);
    assert!(outcome.errors > 0);
    assert!(outcome.rendered.is_empty());
    assert!(outcome.write().unwrap().is_empty());
    assert!(files_in(&out).is_empty());
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn outputs_are_all_or_nothing_when_a_template_fails() {
    let out = scratch("all-or-nothing");
    // The PDF renders; the project's HTML template is broken.
    let project = Project::open(&fixture("broken_html")).unwrap();
    let outcome = project.build(&request(&out, output::ALL.to_vec()));
    let BuildStatus::Failed(BuildFailure::Template(report)) = &outcome.status else {
        panic!("expected a template failure, got {:?}", outcome.status)
    };
    assert!(report.diagnostics.iter().any(|d| d.code == "R020"), "{report:?}");
    assert_eq!(outcome.rendered.iter().map(|f| f.format).collect::<Vec<_>>(), vec!["pdf"]);
    assert!(!outcome.is_complete());
    assert!(outcome.write().unwrap().is_empty());
    assert!(files_in(&out).is_empty(), "{:?}", files_in(&out));

    // The PDF template broken: nothing rendered at all.
    let project = Project::open(&fixture("broken")).unwrap();
    let outcome = project.build(&request(&out, output::ALL.to_vec()));
    assert!(matches!(outcome.status, BuildStatus::Failed(BuildFailure::Template(_))), "{:?}", outcome.status);
    assert!(outcome.rendered.is_empty());
    assert!(outcome.write().unwrap().is_empty());
    assert!(files_in(&out).is_empty());
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn building_twice_gives_identical_bytes() {
    let out = scratch("twice");
    let project = Project::open(&fixture("refs.yaml")).unwrap();
    let req = BuildRequest { watermark: Some(String::new()), ..request(&out, output::ALL.to_vec()) };
    let a = project.build(&req);
    let b = project.build(&req);
    assert!(a.is_complete() && b.is_complete(), "{:?} {:?}", a.status, b.status);
    assert_eq!(a.diagnostics, b.diagnostics);
    assert_eq!(a.rendered.len(), 3);
    for (x, y) in a.rendered.iter().zip(&b.rendered) {
        assert_eq!(x.path, y.path);
        assert!(x.bytes == y.bytes, "{} differs between two builds", x.path.display());
    }
    assert!(a.rendered[0].pages.is_some_and(|p| p > 0));
    // What is written is what was rendered.
    a.write().unwrap();
    for f in &a.rendered {
        assert!(std::fs::read(&f.path).unwrap() == f.bytes, "{}", f.path.display());
    }
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn diff_sources_and_comparison() {
    use charter::project::diff::{Comparison, Source, TextFormat, text};
    let p = |s: &str| PathBuf::from(s);
    assert!(Source::pair(Some(&p("a.yaml")), None, None).is_err());
    assert!(Source::pair(Some(&p("a")), Some(&p("b")), Some("HEAD..")).is_err());
    assert!(Source::pair(None, None, Some("HEAD")).is_err());
    assert_eq!(
        Source::pair(None, None, Some("HEAD~1..")).unwrap(),
        (Source::Git { rev: "HEAD~1".into(), path: p("charter") }, Source::Path(p("charter")))
    );

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (old, new) =
        Source::pair(Some(&root.join("charter")), Some(&root.join("charter/drafts/revised.yaml")), None).unwrap();
    let cmp = Comparison::open(old, new).unwrap();
    let d = cmp.diff().unwrap();
    let json: serde_json::Value = serde_json::from_str(&text(&cmp, &d, TextFormat::Json).unwrap()).unwrap();
    assert_eq!(json["schema"], "charter-diff/1");
    assert_eq!(cmp.default_pdf_path(), p("out/diff-charter-revised.pdf"));

    // A draft that does not load cannot be compared.
    let dir = scratch("diff-bad");
    std::fs::write(dir.join("charter.yaml"), "title: [\n").unwrap();
    let cmp = Comparison::open(Source::Path(root.join("charter")), Source::Path(dir.clone())).unwrap();
    assert!(!cmp.new.is_comparable());
    assert!(cmp.diff().is_none());
    let _ = std::fs::remove_dir_all(&dir);
}

/// The PDF of `dir`'s charter, built in `session` (None: a single build).
fn pdf_in(dir: &Path, session: Option<&Session>) -> Vec<u8> {
    let project = Project::open(dir).unwrap();
    let outcome = project.build(&BuildRequest { session, ..request(&dir.join("out"), vec![&output::Pdf]) });
    assert!(outcome.is_complete(), "{:?}", outcome.status);
    outcome.rendered.into_iter().next().unwrap().bytes
}

#[test]
fn a_watchers_session_builds_the_same_bytes_as_single_builds() {
    let dir = scratch("session");
    let file = dir.join("charter.yaml");
    let original = std::fs::read_to_string(fixture("refs.yaml")).unwrap();
    let edited = original.replacen("本会履行下列职责：", "本会依法履行下列职责：", 1);
    assert_ne!(original, edited);

    let session = Session::new(charter::render::FontSet::embedded());
    let mut single = Vec::new();
    let mut kept = Vec::new();
    for text in [&original, &edited, &original] {
        std::fs::write(&file, text).unwrap();
        single.push(pdf_in(&dir, None));
        kept.push(pdf_in(&dir, Some(&session)));
    }
    assert_eq!(session.typst().compilations(), 3);
    for (i, (a, b)) in single.iter().zip(&kept).enumerate() {
        assert!(a == b, "build {i}: the session's PDF differs from a single build's");
    }
    assert!(single[0] != single[1], "the edit changed nothing: the comparison proves nothing");
    assert!(kept[0] == kept[2], "the same charter built again in the session differs");
    let _ = std::fs::remove_dir_all(&dir);
}
