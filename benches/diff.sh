#!/usr/bin/env bash
# Whole-process timing of `charter diff` (release build), as in issue 5:
#   - two generated 2,000-article charters, 5 % of the articles changed,
#     every output format but PDF (budget: 200 ms), and PDF (no budget);
#   - the example pair (charter/) as PDF;
#   - 立法法 2015 → 2023 (budget: 50 ms; PDF without budget), when the two drafts are at hand:
#     imported with `charter import` if it exists, else from $CHARTER_LIFAFA_YAML
#     (a folder holding lifafa-2015.yaml and lifafa-2023.yaml).
# Usage: benches/diff.sh [RUNS]   (default 20 runs each; uses hyperfine when
# installed, else a shell loop printing mean and max)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
cargo build --release --quiet
bin=target/release/charter
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$bin" generate --articles 2000 >"$tmp/a.yaml"
"$bin" generate --articles 2000 --revise 5 --seed 1 >"$tmp/b.yaml"

time_it() { # label, command...
  local label=$1; shift
  if command -v hyperfine >/dev/null; then
    printf '%-44s' "$label"
    hyperfine -N -i -w 3 -r "$runs" --style basic "$(printf '%q ' "$@")" 2>/dev/null | grep -E 'Time \(mean' | sed 's/^ *//'
    return
  fi
  local total=0 max=0 t0 t1 us
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N); "$@" >/dev/null || true; t1=$(date +%s%N)
    us=$(( (t1 - t0) / 1000 ))
    total=$((total + us)); (( us > max )) && max=$us
  done
  printf '%-44smean %.1f ms, max %.1f ms (%d runs)\n' "$label" \
    "$(echo "$total / $runs / 1000" | bc -l)" "$(echo "$max / 1000" | bc -l)" "$runs"
}

echo "$("$bin" diff "$tmp/a.yaml" "$tmp/b.yaml" --color never | tail -n 1)"
for f in term json html; do
  time_it "2000 articles, 5 % changed, --format $f" "$bin" diff "$tmp/a.yaml" "$tmp/b.yaml" --format "$f" --color never
done
time_it "2000 articles, identical" "$bin" diff "$tmp/a.yaml" "$tmp/a.yaml"
# The PDF 修改对照表 (no budget): embedded fonts only, so that every machine
# measures the same work.
time_it "example pair, --format pdf" "$bin" diff charter/charter.yaml charter/drafts/revised.yaml \
  --format pdf --no-system-fonts -o "$tmp/example.pdf"
time_it "2000 articles, 5 % changed, --format pdf" "$bin" diff "$tmp/a.yaml" "$tmp/b.yaml" \
  --format pdf --no-system-fonts -o "$tmp/gen.pdf"

laws=../shared/data/laws
if [ -d "$laws" ] && "$bin" import --help >/dev/null 2>&1; then
  "$bin" import "$laws/lifafa-2015_lawrefbook.md" -o "$tmp/lifafa-2015.yaml" >/dev/null 2>&1
  "$bin" import "$laws/lifafa-2023_lawrefbook.md" -o "$tmp/lifafa-2023.yaml" >/dev/null 2>&1
  dir=$tmp
elif [ -n "${CHARTER_LIFAFA_YAML:-}" ]; then
  dir=$CHARTER_LIFAFA_YAML
else
  echo "立法法: skipped (no ../shared/data/laws with an importer, and CHARTER_LIFAFA_YAML unset)"
  exit 0
fi
echo "$("$bin" diff "$dir/lifafa-2015.yaml" "$dir/lifafa-2023.yaml" --color never | tail -n 1)"
for f in term json html; do
  time_it "立法法 2015 → 2023, --format $f" "$bin" diff "$dir/lifafa-2015.yaml" "$dir/lifafa-2023.yaml" --format "$f"
done
time_it "立法法 2015 → 2023, --format pdf" "$bin" diff "$dir/lifafa-2015.yaml" "$dir/lifafa-2023.yaml" \
  --format pdf --no-system-fonts -o "$tmp/lifafa.pdf"
time_it "git diff --no-index, same YAML (reference)" git diff --no-index --quiet "$dir/lifafa-2015.yaml" "$dir/lifafa-2023.yaml"
