use crate::Context;
use crate::declare_rule;
use charter_core::diagnostic::Diagnostic;

declare_rule! {
    /// allow 里列出的规则在那里并没有问题可抑制。
    ///
    /// ## 它查什么
    /// 编、章、节、条、款、项上的 `allow: [CH0xx]`，在它管辖的范围内这条规则没有报告任何问题。
    /// `--fix` 会把多余的代码从列表里删去（列表只剩它一个时不动，请手工删去这一行）。
    ///
    /// ## 为什么
    /// 问题改正以后留下的 allow 会在将来悄悄放过真正的问题。
    ///
    /// ## 例子
    /// ```yaml
    /// - id: basis
    ///   allow: [CH020, CH006]   # 这一条已经没有手写序号了
    ///   text: 为规范本会工作，制定本章程。
    /// ```
    ///
    /// ## 应当写成
    /// ```yaml
    /// - id: basis
    ///   allow: [CH020]
    ///   text: 为规范本会工作，制定本章程。
    /// ```
    pub static UNUSED_ALLOW = {
        code: "CH029",
        name: "unused-allow",
        severity: Warning,
        fixable: true,
        check: check,
    }
}

/// The framework reports unused suppressions after all rules ran
/// (see `lint/suppress.rs`); the rule itself finds nothing.
fn check(_: &Context, _: &mut Vec<Diagnostic>) {}
