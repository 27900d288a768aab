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
