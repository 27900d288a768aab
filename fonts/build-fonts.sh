#!/usr/bin/env bash
# Rebuild the embedded fonts (fonts/*.otf) exactly, from Debian's packages.
#
#   bash fonts/build-fonts.sh          # rebuild, then verify against SHA256SUMS
#   bash fonts/build-fonts.sh --check  # rebuild into a temporary folder and only verify
#
# Needs: apt-get (Debian 12 "bookworm" package lists: run `apt-get update`
# first), dpkg-deb, python3 with venv, and the PyPI registry for fonttools.
# The inputs are pinned by version and SHA-256; the subsetter by version.
# fontTools writes no time stamps of its own (pyftsubset keeps head.modified),
# so the output is byte-identical on every run.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
check_only=false
[[ "${1:-}" == "--check" ]] && check_only=true

NOTO_VERSION="1:20220127+repack1-1"
UNICODE_VERSION="15.0.0-1"
FONTTOOLS_VERSION="4.68.0"
declare -A DEB_SHA256=(
  [fonts-noto-cjk]=4a2515eb6db3978b897fef9709ed0d2b1f4c6c4df4d83d6c4ef65f71f1b1f502
  [fonts-noto-cjk-extra]=5f6536c99f9b3d77a3c383c3f1544f6d49350e7f20832c4c979af0e33f603cb5
  [unicode-data]=5efef23bbb1c6a133ecbdd63a2cfa07159ccacf5466a49e2426101c5ecd691fc
)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
cd "$work"

echo "== downloading Debian packages"
apt-get download -o APT::Sandbox::User=root \
  "fonts-noto-cjk=$NOTO_VERSION" "fonts-noto-cjk-extra=$NOTO_VERSION" "unicode-data=$UNICODE_VERSION" >/dev/null
for pkg in "${!DEB_SHA256[@]}"; do
  deb=$(ls "$pkg"_*.deb)
  echo "${DEB_SHA256[$pkg]}  $deb" | sha256sum -c --quiet
  dpkg-deb -x "$deb" root
done

echo "== installing fonttools $FONTTOOLS_VERSION"
python3 -m venv venv
venv/bin/pip install --quiet "fonttools==$FONTTOOLS_VERSION"

out="$here"
$check_only && out="$work/out" && mkdir -p "$out"

echo "== repertoire"
venv/bin/python "$here/repertoire.py" root/usr/share/unicode/Unihan_OtherMappings.txt.bz2 >"$out/repertoire.txt"

noto=root/usr/share/fonts/opentype/noto
# Face 2 of each collection is the Simplified Chinese one (SC). Only the
# OpenType features typst applies to horizontal Chinese and Latin text are
# kept: vertical forms, localized (JP/KR/TC) forms and width variants would
# pull in thousands of glyphs nothing prints.
features="ccmp,kern,liga,calt,clig,rlig,mark,mkmk"
subset() { # source.ttc output.otf
  echo "== $2"
  venv/bin/pyftsubset "$noto/$1" --font-number=2 --unicodes-file="$out/repertoire.txt" \
    --no-hinting --name-IDs="*" --layout-features="$features" --output-file="$out/$2"
}
subset NotoSerifCJK-Regular.ttc NotoSerifCJKsc-Regular.subset.otf
subset NotoSerifCJK-Bold.ttc NotoSerifCJKsc-Bold.subset.otf
subset NotoSansCJK-Medium.ttc NotoSansCJKsc-Medium.subset.otf

echo "== verifying"
(cd "$out" && sha256sum -c "$here/SHA256SUMS")
