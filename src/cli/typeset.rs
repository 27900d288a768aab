//! What the commands that make a PDF share (`build`, `diff --format pdf`):
//! the font options, and reporting what typst said.

use std::path::PathBuf;

use clap::Args;

use super::{Failure, Global};
use charter::ToolError;
use charter::render::{FontOptions, FontSet, Report};

#[derive(Debug, Args)]
pub struct FontArgs {
    /// 另外的字体文件夹（可以写多次），优先于系统字体
    #[arg(long, value_name = "DIR")]
    pub font_path: Vec<PathBuf>,
    /// 不用系统字体，只用内置字体和 --font-path（在任何机器上得到同样的 PDF）
    #[arg(long)]
    pub no_system_fonts: bool,
}

impl FontArgs {
    /// The font options; a `--font-path` folder that does not exist is a
    /// tool error.
    pub fn options(&self) -> Result<FontOptions, Failure> {
        for dir in &self.font_path {
            if !dir.is_dir() {
                return Err(ToolError::Other(format!("字体文件夹不存在：{}", dir.display())).into());
            }
        }
        Ok(FontOptions { system: !self.no_system_fonts, dirs: self.font_path.clone() })
    }

    /// Load the fonts.
    pub fn load(&self) -> Result<FontSet, Failure> {
        Ok(FontSet::load(&self.options()?))
    }
}

/// Typst's warnings (or errors), with the template lines they point at.
pub fn print_report(report: &Report, global: &Global) {
    super::report_diagnostics(&report.diagnostics, &report.sources, global);
}

/// A template that does not compile: its diagnostics, then exit 2.
pub fn template_failure(report: &Report, global: &Global) -> Failure {
    print_report(report, global);
    Failure::Tool(ToolError::Other("模板有错误，没有生成文件。".to_string()))
}

/// The families a Word document names, per role: the ones the PDF chose
/// (the first installed of each role's list), or the Windows names of the
/// GB/T 9704 faces when only the embedded subsets were found (Word cannot
/// use those, the reader's machine most likely has the Windows fonts).
pub fn docx_fonts(fonts: &FontSet) -> charter::docx::Fonts {
    use charter::render::fonts::{EMBEDDED_SANS, EMBEDDED_SERIF};
    let r = fonts.resolve();
    let d = charter::docx::Fonts::default();
    let pick = |list: &[String], default: String| {
        list.first().filter(|f| *f != EMBEDDED_SERIF && *f != EMBEDDED_SANS).cloned().unwrap_or(default)
    };
    charter::docx::Fonts {
        body: pick(&r.body, d.body),
        heading: pick(&r.heading, d.heading),
        title: pick(&r.title, d.title),
        song: pick(&r.song, d.song),
        kai: pick(&r.kai, d.kai),
    }
}
