//! `amend` and `apply` on a generated 2,000-article pair (5 % of the
//! articles changed: `generate::perturb`), each from the YAML texts to the
//! output text, loading included. Budget: 200 ms each (docs/amend.md).

use std::hint::black_box;
use std::path::Path;

use charter_amend::{Doc, Meta, apply, parse::parse, write};
use charter_core::Document;
use criterion::{Criterion, criterion_group, criterion_main};

fn load(yaml: &str) -> (Document, Doc) {
    let doc = Document::load(Path::new("x.yaml"), yaml.as_bytes().to_vec());
    let d = doc.charter.as_ref().map(|c| Doc::from_charter(c, &doc.numbering)).unwrap_or_default();
    (doc, d)
}

fn amend_text(old_yaml: &str, new_yaml: &str) -> String {
    let (od, old) = load(old_yaml);
    let (nd, new) = load(new_yaml);
    let (Some(oc), Some(nc)) = (&od.charter, &nd.charter) else { return String::new() };
    let diff = charter_diff::diff(
        &charter_diff::Draft { name: "old".into(), charter: oc, numbering: &od.numbering },
        &charter_diff::Draft { name: "new".into(), charter: nc, numbering: &nd.numbering },
    );
    write(&old, &new, &diff, &Meta::default()).decision.to_text()
}

fn bench(c: &mut Criterion) {
    let old = charter_core::generate::charter_yaml(2000, 50);
    let new = charter_core::generate::perturb(&old, 5, 1);
    let decision = amend_text(&old, &new);
    c.bench_function("amend 2000 articles, 5% changed", |b| {
        b.iter(|| amend_text(black_box(&old), black_box(&new)).len())
    });
    c.bench_function("apply 2000 articles, 5% changed", |b| {
        b.iter(|| {
            let (_, doc) = load(black_box(&old));
            let Ok(d) = parse(black_box(&decision)) else { return 0 };
            apply(&doc, &d, None).map(|r| r.to_yaml("bench").len()).unwrap_or(0)
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
