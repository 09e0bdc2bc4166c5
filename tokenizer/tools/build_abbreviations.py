#!/usr/bin/env python3
"""Derives abbreviation entries from a corpus and measures how many short forms the table resolves.

Reads gzip JSON Lines (the `text` and `title` of each object) and collects two kinds of definition:
a capitalized short form in parentheses right after its long form ("Ủy ban kiểm tra (UBKT)") and a
long form followed by "(sau đây gọi tắt là ...)" / "(gọi tắt là ...)". A long form is the shortest run
of words before the parenthesis whose initials spell the short form (letters of a hyphenated form
too: "KT-XH"). Only facts are kept: a short form and the long form it stands for, the most frequent
one per short form, seen at least --min-count times and in at least --min-share of that short form's
definitions (two-letter forms: five times as often and 80%). Hand-compiled entries (the part of the table above the marker line) always win.

  tokenizer/tools/build_abbreviations.py --table data/tokenizer/abbreviations.tsv \
      ../shared/data/corpus/*.jsonl.gz            # rewrites the derived part, prints coverage
  ... --coverage-only                             # only the coverage of the table as it is
"""
import argparse
import collections
import gzip
import json
import re
import sys
import unicodedata

MARKER = "# --- derived from the corpus by tokenizer/tools/build_abbreviations.py (do not edit below) ---"
UPPER = "A-ZĐÀ-Ỹ"
SHORT = r"[A-ZĐ][A-ZĐ0-9&\-]{1,11}"
PAREN = re.compile(r"\((" + SHORT + r")\)")
CALLED = re.compile(r"\((?:sau đây |dưới đây )?(?:được )?(?:gọi|viết) tắt là:?\s*[\"“']?(" + SHORT + r")[\"”']?\s*\)")
WORD = re.compile(r"[\wĐđ]+", re.UNICODE)
TOKEN = re.compile(r"(?<![\w\-])([A-ZĐ][A-ZĐ]{1,7}(?:-[A-ZĐ]{1,6})*)(?![\w\-])")
ROMAN = re.compile(r"^[IVXLCDM]+$")
VOWELS = set("aeiouy")
ONSETS = ["ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "g", "h",
          "k", "l", "m", "n", "p", "r", "s", "t", "v", "x"]
FINALS = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"}


def fold(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn").lower()


def syllable_shaped(folded):
    """The same test as indexer/src/keyboard.cc: could these letters be a Vietnamese syllable?"""
    if not folded or not folded.isascii() or not folded.isalpha():
        return False
    rest = folded
    for o in ONSETS:
        if folded.startswith(o) and not (o in ("gi", "qu") and (len(folded) == 2 or folded[2] not in VOWELS)):
            rest = folded[len(o):]
            break
    n = 0
    while n < len(rest) and rest[n] in VOWELS:
        n += 1
    return 1 <= n <= 3 and rest[n:] in FINALS


def initial(word):
    c = word[0]
    return "Đ" if c in "Đđ" else fold(c).upper()


def long_form(before, short):
    """The words before `short`'s parenthesis whose initials spell it, or None."""
    letters = [c for c in short if c.isalpha()]
    words = WORD.findall(before[-200:])
    n = len(letters)
    if n < 2 or len(words) < n:
        return None
    tail = words[-n:]
    if any(w.isdigit() for w in tail):
        return None
    got = [initial(w) for w in tail]
    want = ["Đ" if c == "Đ" else c for c in letters]
    # "D" in a short form may stand for "đ" (HDND typed without the bar), never the reverse.
    if all(g == w or (w == "D" and g == "Đ") for g, w in zip(got, want)):
        return unicodedata.normalize("NFC", " ".join(tail).lower())
    return None


def texts(paths):
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                obj = json.loads(line)
                yield (obj.get("title") or "") + "\n" + (obj.get("text") or "")


def read_table(path):
    hand, derived = [], {}
    in_derived = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line == MARKER:
                in_derived = True
                continue
            if in_derived:
                if line and not line.startswith("#"):
                    a, e = line.split("\t")[:2]
                    derived[a] = e
            else:
                hand.append(line)
    return hand, derived


def derive(paths, min_count, min_share):
    seen = collections.defaultdict(collections.Counter)
    for text in texts(paths):
        for pattern in (PAREN, CALLED):
            for m in pattern.finditer(text):
                short = m.group(1).strip("-")
                if ROMAN.match(short):
                    continue
                lf = long_form(text[: m.start()], short)
                if lf:
                    seen[short][lf] += 1
    out = {}
    for short, forms in seen.items():
        total = sum(forms.values())
        best, count = forms.most_common(1)[0]
        # Two letters stand for many things ("TS": tiến sĩ, thí sinh): only a clear majority.
        two = sum(c.isalpha() for c in short) == 2
        if count >= (5 * min_count if two else min_count) and count / total >= (0.8 if two else min_share):
            out[short] = (best, count)
    return out


def coverage(paths, table):
    """Share of capitalized short forms (all-caps tokens that cannot be a syllable) that resolve."""
    folded = {fold(a) for a in table}
    occurrences = resolved = 0
    distinct, distinct_resolved = collections.Counter(), set()
    for text in texts(paths):
        for m in TOKEN.finditer(text):
            t = m.group(1)
            if ROMAN.match(t) or syllable_shaped(fold(t).replace("-", "")):
                continue
            occurrences += 1
            distinct[t] += 1
            if t in table or fold(t) in folded:
                resolved += 1
                distinct_resolved.add(t)
    frequent = [t for t, c in distinct.items() if c >= 20]
    return {
        "occurrences": occurrences,
        "resolved_occurrences": resolved,
        "share_of_occurrences": round(resolved / max(1, occurrences), 4),
        "distinct_forms": len(distinct),
        "distinct_resolved": len(distinct_resolved),
        "forms_seen_20_times": len(frequent),
        "share_of_forms_seen_20_times": round(sum(t in distinct_resolved for t in frequent) / max(1, len(frequent)), 4),
        "top_unresolved": [t for t, _ in distinct.most_common(400) if t not in distinct_resolved][:40],
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--table", required=True)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-share", type=float, default=0.6)
    ap.add_argument("--coverage-only", action="store_true")
    ap.add_argument("corpus", nargs="+")
    args = ap.parse_args()
    hand, derived = read_table(args.table)
    hand_forms = {l.split("\t")[0] for l in hand if l and not l.startswith("#") and "\t" in l}
    if not args.coverage_only:
        found = derive(args.corpus, args.min_count, args.min_share)
        hand_folded = {fold(a) for a in hand_forms}
        derived = {a: e for a, (e, _) in sorted(found.items()) if fold(a) not in hand_folded}
        with open(args.table, "w", encoding="utf-8") as f:
            for line in hand:
                f.write(line + "\n")
            f.write(MARKER + "\n")
            for a in sorted(derived):
                f.write(f"{a}\t{derived[a]}\n")
        print(f"{len(hand_forms)} hand-compiled entries, {len(derived)} derived", file=sys.stderr)
    table = hand_forms | set(derived)
    print(json.dumps(coverage(args.corpus, table), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
