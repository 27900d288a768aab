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
    /// 输出一份修订稿：修改约这个百分比的条文（用于测试 charter diff）
    #[arg(long, value_name = "PERCENT")]
    pub revise: Option<usize>,
    /// 修订稿的随机种子
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

pub fn run(args: &GenerateArgs) -> CmdResult {
    let yaml = charter::generate::charter_yaml(args.articles, args.terms);
    match args.revise {
        Some(p) => out(&charter::generate::perturb(&yaml, p, args.seed))?,
        None => out(&yaml)?,
    }
    Ok(0)
}
