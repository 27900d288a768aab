//! `amend` and `apply` on a generated 2,000-article pair (5 % of the
//! articles changed: `generate::perturb`), each from the YAML texts to the
//! output text, loading included. Budget: 200 ms each (docs/amend.md).
//! The same at 8,000 articles gives the growth exponent
//! (log(t8k / t2k) / log 4: 1 is linear).

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
    // The two drafts load side by side, as `charter amend` loads them.
    let ((od, old), (nd, new)) = std::thread::scope(|s| {
        let o = s.spawn(|| load(old_yaml));
        let n = load(new_yaml);
        (o.join().unwrap_or_else(|_| load("")), n)
    });
    let (Some(oc), Some(nc)) = (&od.charter, &nd.charter) else { return String::new() };
    let diff = charter_diff::diff(
        &charter_diff::Draft { name: "old".into(), charter: oc, numbering: &od.numbering },
        &charter_diff::Draft { name: "new".into(), charter: nc, numbering: &nd.numbering },
    );
    write(&old, &new, &diff, &Meta::default()).decision.to_text()
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("amend");
    g.sample_size(10);
    for n in [2000, 8000] {
        let old = charter_core::generate::charter_yaml(n, n / 40);
        let new = charter_core::generate::perturb(&old, 5, 1);
        let decision = amend_text(&old, &new);
        g.bench_function(format!("amend {n} articles, 5% changed"), |b| {
            b.iter(|| amend_text(black_box(&old), black_box(&new)).len())
        });
        g.bench_function(format!("apply {n} articles, 5% changed"), |b| {
            b.iter(|| {
                let (_, doc) = load(black_box(&old));
                let Ok(d) = parse(black_box(&decision)) else { return 0 };
                apply(&doc, &d, None).map(|r| r.to_yaml("bench").len()).unwrap_or(0)
            })
        });
    }
    // Where the time goes, at 2,000 and 8,000 articles.
    for n in [2000, 8000] {
        let old = charter_core::generate::charter_yaml(n, n / 40);
        let new = charter_core::generate::perturb(&old, 5, 1);
        g.bench_function(format!("part: load one {n}-article draft"), |b| {
            b.iter(|| load(black_box(&old)).1.articles.len())
        });
        let (od, o) = load(&old);
        let (nd, nw) = load(&new);
        let (Some(oc), Some(nc)) = (&od.charter, &nd.charter) else { continue };
        let od_ = charter_diff::Draft { name: "o".into(), charter: oc, numbering: &od.numbering };
        let nd_ = charter_diff::Draft { name: "n".into(), charter: nc, numbering: &nd.numbering };
        g.bench_function(format!("part: diff {n}"), |b| b.iter(|| charter_diff::diff(&od_, &nd_).articles.len()));
        let diff = charter_diff::diff(&od_, &nd_);
        g.bench_function(format!("part: write {n}"), |b| {
            b.iter(|| write(&o, &nw, &diff, &Meta::default()).decision.items.len())
        });
        let d = write(&o, &nw, &diff, &Meta::default()).decision;
        g.bench_function(format!("part: apply only {n}"), |b| {
            b.iter(|| apply(&o, &d, None).map(|r| r.articles.len()).unwrap_or(0))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
