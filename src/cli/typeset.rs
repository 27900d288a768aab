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
        Ok(charter::project::font_options(&self.font_path, !self.no_system_fonts)?)
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
