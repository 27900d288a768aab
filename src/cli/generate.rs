//! `charter generate` (hidden): a large synthetic charter for benchmarks.

use clap::Args;

use super::{CmdResult, out};

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// 条数
    #[arg(long, default_value_t = 2000)]
    pub articles: usize,
    /// 术语表条目数
    #[arg(long, default_value_t = 50)]
    pub terms: usize,
}

pub fn run(args: &GenerateArgs) -> CmdResult {
    out(&charter::generate::charter_yaml(args.articles, args.terms))?;
    Ok(0)
}
