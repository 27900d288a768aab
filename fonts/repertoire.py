#!/usr/bin/env python3
"""Print the character repertoire of the embedded fonts, one code point a line
(U+XXXX), sorted. Reads Unihan_OtherMappings.txt (kTGH = 通用规范汉字表 2013)
from the path given as the first argument.

The repertoire:
  - the 8,105 characters of 通用规范汉字表 (Table of General Standard Chinese
    Characters, 2013: the State Council's list of characters for general use,
    including the rarer characters of personal and place names);
  - the 13,051 hanzi of Big5 (Traditional script, as used in Taiwan, Hong
    Kong and Macao; about 8,000 of them are not in the two sets above);
  - every character of GB 2312 (its 6,763 hanzi, nearly all already in the
    table above, and its 682 symbols: full-width punctuation, ①⑴⒈Ⅰ, Greek,
    Cyrillic, kana, box drawing, pinyin letters);
  - ASCII, Latin-1, Latin Extended-A and the pinyin letters of Latin
    Extended-B, general punctuation, letterlike symbols, number forms,
    arrows, mathematical operators, enclosed alphanumerics, geometric shapes,
    CJK symbols and punctuation, enclosed CJK letters (㈠), CJK compatibility
    (㎡), full-width forms.
Code points the font has no glyph for are dropped by the subsetter.
"""
import bz2
import sys


def tgh(path):
    out = set()
    opener = bz2.open if path.endswith(".bz2") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[1] == "kTGH":
                out.add(int(parts[0][2:], 16))
    return out


def gb2312():
    out = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                ch = bytes([hi, lo]).decode("gb2312")
            except UnicodeDecodeError:
                continue
            out.add(ord(ch))
    return out


def big5():
    """The hanzi of Big5 (Taiwan's and Hong Kong's traditional set: 5,401
    frequent characters A440–C67E and 7,652 less frequent C940–F9D5), so
    that charters in Traditional script print."""
    out = set()
    for hi in list(range(0xA4, 0xC7)) + list(range(0xC9, 0xFA)):
        for lo in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            try:
                ch = bytes([hi, lo]).decode("big5")
            except UnicodeDecodeError:
                continue
            if 0x4E00 <= ord(ch) <= 0x9FFF:
                out.add(ord(ch))
    return out


RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x0100, 0x017F),  # Latin Extended-A
    (0x01CD, 0x01DC),  # pinyin ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ
    (0x01F8, 0x01F9),  # ǹ
    (0x0251, 0x0251),  # ɑ
    (0x0261, 0x0261),  # ɡ
    (0x02C6, 0x02DD),  # spacing modifiers (ˇ ˉ ˊ ˋ ˙)
    (0x2000, 0x206F),  # General Punctuation
    (0x2100, 0x214F),  # Letterlike Symbols (℃ №)
    (0x2150, 0x218F),  # Number Forms (Ⅰ Ⅱ)
    (0x2190, 0x21FF),  # Arrows
    (0x2200, 0x22FF),  # Mathematical Operators
    (0x2460, 0x24FF),  # Enclosed Alphanumerics (① ⑴ ⒈)
    (0x2500, 0x257F),  # Box Drawing
    (0x25A0, 0x25FF),  # Geometric Shapes (□ ■ ○ ●)
    (0x2600, 0x2606),  # ★ ☆
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0x3200, 0x32FF),  # Enclosed CJK Letters and Months (㈠)
    (0x3300, 0x33FF),  # CJK Compatibility (㎡)
    (0xFE10, 0xFE1F),  # Vertical Forms
    (0xFE30, 0xFE4F),  # CJK Compatibility Forms
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
]


def main():
    cps = tgh(sys.argv[1]) | gb2312() | big5()
    for lo, hi in RANGES:
        cps.update(range(lo, hi + 1))
    for cp in sorted(cps):
        print(f"U+{cp:04X}")


if __name__ == "__main__":
    main()
