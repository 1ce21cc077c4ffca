"""Write tests/unit/names_table.h: what Python's str.isalnum() says about
player names, for tests/unit/test_names.c to hold lib's is_player_name to.

    /usr/bin/python3 tests/unit/names_table.py > tests/unit/names_table.h

tests/test_names.py runs this again and checks the header is what the
Python here says, so the table cannot drift from Python."""
import sys
import unicodedata

# (first, last, step): code points from many scripts, and the symbols,
# marks, spaces and unassigned points between them.
RANGES = [
    (0x20, 0x7F, 1),            # Basic Latin: letters, digits, punctuation
    (0x80, 0x24F, 3),           # Latin-1, Latin Extended: é, ë, ß, ², ½, NBSP
    (0x2B0, 0x36F, 7),          # modifier letters, combining marks
    (0x370, 0x3FF, 3),          # Greek
    (0x400, 0x52F, 5),          # Cyrillic
    (0x530, 0x58F, 4),          # Armenian
    (0x590, 0x5FF, 3),          # Hebrew: letters and points
    (0x600, 0x6FF, 3),          # Arabic, Arabic-Indic digits
    (0x900, 0x97F, 3),          # Devanagari: letters, vowel signs, digits
    (0x980, 0x9FF, 5),          # Bengali
    (0xB80, 0xBFF, 5),          # Tamil, its numbers
    (0xE00, 0xE7F, 3),          # Thai
    (0xF00, 0xF3F, 2),          # Tibetan digits and marks
    (0x10A0, 0x10FF, 5),        # Georgian
    (0x1100, 0x11FF, 17),       # Hangul Jamo
    (0x1200, 0x139F, 13),       # Ethiopic
    (0x13A0, 0x13FF, 7),        # Cherokee
    (0x1800, 0x18AF, 5),        # Mongolian
    (0x1E00, 0x1FFF, 11),       # Latin and Greek extended
    (0x2000, 0x206F, 1),        # spaces, joiners, punctuation
    (0x2070, 0x218F, 3),        # super/subscripts, letterlike, Roman numerals
    (0x2190, 0x2BFF, 37),       # arrows, maths, shapes
    (0x2460, 0x24FF, 5),        # circled numbers and letters
    (0x3000, 0x30FF, 3),        # CJK punctuation, Hiragana, Katakana
    (0x3400, 0x4DBF, 499),      # CJK extension A
    (0x4E00, 0x9FFF, 97),       # CJK ideographs: 李, 雷, 一
    (0xA000, 0xA4CF, 61),       # Yi
    (0xAC00, 0xD7A3, 331),      # Hangul syllables
    (0xE000, 0xF8FF, 1001),     # private use
    (0xFB00, 0xFDFF, 41),       # presentation forms
    (0xFE00, 0xFE0F, 5),        # variation selectors
    (0xFF00, 0xFFEF, 7),        # fullwidth digits and letters
    (0xFFF0, 0xFFFF, 1),        # specials, U+FFFD, noncharacters
    (0x10000, 0x100FF, 23),     # Linear B
    (0x104B0, 0x104FF, 5),      # Osage
    (0x10E60, 0x10E7F, 3),      # Rumi numerals
    (0x1D400, 0x1D7FF, 29),     # mathematical letters and digits
    (0x1E900, 0x1E95F, 5),      # Adlam
    (0x1F100, 0x1F1FF, 11),     # enclosed alphanumerics
    (0x1F300, 0x1F6FF, 53),     # emoji
    (0x20000, 0x2A6DF, 4999),   # CJK extension B
    (0x30000, 0x3134F, 1999),   # CJK extension G
    (0xE0000, 0xE01EF, 41),     # tags, variation selectors
    (0xF0000, 0x10FFFF, 16411), # private use planes
]

# Whole names: each is a name when is_name says so (Python's isalnum(),
# with combining marks after the first character), at most 64 characters.
NAMES = [
    "fred", "fred42", "José", "Zoë", "李雷", "Ἀθηνᾶ", "Иван", "محمد", "अर्जुन",
    "דוד", "김민준", "สมชาย", "١٠١", "Ⅻ", "½", "x²", "𝔸𝔹", "ǅemal", "ʰi",
    "अनन्या", "e\u0301\u0301", "\u0301e",
    "", "fr ed", "fred!", "a_b", "e\u0301", "x\u200d", "\u00a0fred", "fred\u2028",
    "🙂", "a🙂", "\ufffd", "\ue000", "a" * 64, "a" * 65, "李" * 64, "李" * 65,
    "𝔸" * 64, "𝔸" * 65, "٣" * 64,
]


def is_name(text):
    """A player's name: 1 to 64 characters, what str.isalnum() accepts, and
    combining marks after the first (the vowel signs of Indic names)."""
    return (0 < len(text) <= 64 and text[0].isalnum() and
            all(c.isalnum() or unicodedata.category(c).startswith("M") for c in text))


def c_string(text):
    """text as a C string literal of its UTF-8 bytes (octal escapes, which
    never run into the next character as hex escapes can)."""
    return '"' + "".join("\\%03o" % b if b >= 0x80 or b < 0x20 or b in b'"\\?' else chr(b)
                         for b in text.encode("utf-8")) + '"'


def main(out):
    points = [c for first, last, step in RANGES for c in range(first, last + 1, step)
              if not 0xD800 <= c <= 0xDFFF]
    out.write("/* names_table.h: written by tests/unit/names_table.py with Python %s\n"
              " * (Unicode %s); do not edit.  What str.isalnum() says. */\n\n"
              % (sys.version.split()[0], unicodedata.unidata_version))
    out.write("static const struct { unsigned cp; int alnum; } code_points[] = {\n")
    for c in points:
        out.write("\t{ 0x%x, %d },\n" % (c, chr(c).isalnum()))
    out.write("};\n\n")
    out.write("static const struct { const char *text; int name; } names[] = {\n")
    for text in NAMES:
        out.write("\t{ %s, %d },\n" % (c_string(text), is_name(text)))
    out.write("};\n\n")
    every = [c for c in range(1, 0x110000) if not 0xD800 <= c <= 0xDFFF and chr(c).isalnum()]
    out.write("/* Over every code point: how many are letters or digits, and their sum. */\n")
    out.write("#define ALNUM_COUNT %d\n#define ALNUM_SUM %dULL\n" % (len(every), sum(every)))


if __name__ == "__main__":
    main(sys.stdout)
