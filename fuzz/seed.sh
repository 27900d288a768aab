#!/bin/sh
# Seed corpora from the project's fixtures and example.
set -e
cd "$(dirname "$0")"
root=..
for t in load fix diff_self; do
  mkdir -p corpus/$t
  find $root/tests/fixtures $root/charter -name '*.yaml' -exec cp {} corpus/$t/ \;
done
mkdir -p corpus/import_text corpus/import_docx corpus/inline
find $root/tests/fixtures -name '*.txt' -o -name '*.md' | while read -r f; do cp "$f" corpus/import_text/; done
find $root/tests/fixtures -name '*.docx' -exec cp {} corpus/import_docx/ \;
printf '依照[[a-1]]的*规定*' > corpus/inline/ref
mkdir -p corpus/decision corpus/disclosure
cp $root/tests/fixtures/amend/bad/*.txt corpus/decision/
# The example's own decision, written by the tool (needs a built charter).
if command -v cargo >/dev/null; then
  (cd $root && cargo run -q --release -- amend charter/charter.yaml charter/drafts/revised.yaml) \
    > corpus/decision/example.txt 2>/dev/null || rm -f corpus/decision/example.txt
fi
# A real decision, read from the shared data when it is there (never copied
# into the repository: corpus/ is git-ignored).
laws=$root/../shared/data/laws
[ -f $laws/lifafa-2023-amendment-decision_whthomas.md ] && cp $laws/lifafa-2023-amendment-decision_whthomas.md corpus/decision/
cp $root/charter/disclosure.yaml $root/tests/fixtures/disclosure/bad/*.yaml corpus/disclosure/
