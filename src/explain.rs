//! Documentation of every diagnostic code, for `charter explain CODE`.

use charter_core::diagnostic::Code;
use charter_lint as lint;

/// Every registry of codes outside the lint rules: loading (`Y…`),
/// import (`I…`), rendering (`R…`), the reform disclosure (`D…`).
pub fn registries() -> impl Iterator<Item = Code> {
    charter_core::load::codes::ALL
        .iter()
        .chain(charter_import::codes::ALL)
        .chain(charter_render::codes::ALL)
        .chain(charter_amend::codes::ALL)
        .chain(charter_disclosure::codes::ALL)
        .copied()
}

/// The explanation of a code (a lint rule, a load code or a build code).
pub fn explain(code: &str) -> Option<String> {
    if let Some(rule) = lint::find_rule(code) {
        let mut s = format!(
            "{} {}（默认级别：{}{}）\n\n{}",
            rule.code,
            rule.name,
            rule.severity().name_zh(),
            if rule.fixable { "，可以用 --fix 自动修复" } else { "" },
            rule.doc().trim_end()
        );
        if !rule.options.is_empty() {
            s.push_str(&format!("\n\n ## 选项（写在 lint.yaml 的 rules: {}: 下面）", rule.code));
            for o in rule.options {
                s.push_str(&format!(
                    "\n - {}（{}）：{}\n   默认：{}",
                    o.name,
                    o.default.kind_zh(),
                    o.doc,
                    o.default.describe()
                ));
            }
        }
        return Some(s);
    }
    let up = code.trim().to_ascii_uppercase();
    registries().find(|c| *c == up.as_str()).map(|c| format!("{c}\n\n{}", c.doc()))
}
