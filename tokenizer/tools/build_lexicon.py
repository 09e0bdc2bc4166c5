#!/usr/bin/env python3
"""Builds data/tokenizer/words.tsv, the segmentation lexicon: word<TAB>score.

Sources (facts only, no text): multi-syllable entries of the UVD dictionary list
(shared/data/lexicon/uvd_words.tsv, GPL-3.0) and word/non-word counts of syllable
n-grams in the UD Vietnamese VTB train and dev splits (CC BY-SA 4.0). The test split
is never read. Scores: positive = join these syllables; negative = keep them apart.
Usage: build_lexicon.py SHARED_DIR OUT_FILE
"""
import collections
import sys
import unicodedata


def nfc_lower(s):
    return unicodedata.normalize("NFC", s).lower()


def sentences(path):
    forms = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if forms:
                    yield forms
                forms = []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if len(cols) > 1 and cols[0].isdigit():
                    forms.append(nfc_lower(cols[1]))
    if forms:
        yield forms


def main(shared, out):
    as_word = collections.Counter()
    total = collections.Counter()
    for split in ("train", "dev"):
        for forms in sentences(f"{shared}/data/ud-vtb/vi_vtb-ud-{split}.conllu"):
            syl, starts = [], set()
            for w in forms:
                parts = w.split()
                starts.add(len(syl))
                if 1 < len(parts) <= 4:
                    as_word[" ".join(parts)] += 1
                syl.extend(parts)
            for n in range(2, 5):
                for i in range(len(syl) - n + 1):
                    total[" ".join(syl[i:i + n])] += 1
    dictionary = set()
    with open(f"{shared}/data/lexicon/uvd_words.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            w = nfc_lower(line.split("\t")[0])
            n = len(w.split())
            if 2 <= n <= 4 and all(p.isalpha() for p in w.split()):
                dictionary.add(w)
    scores = {}
    for w in dictionary | set(as_word):
        n = len(w.split())
        seen, joined = total[w], as_word[w]
        if seen >= 1 and joined == 0 and seen >= 2:
            scores[w] = -0.5  # attested often, never as one word
            continue
        if seen:
            p = joined / seen
            if p < 0.3:
                scores[w] = -0.5
                continue
            scores[w] = (n - 1) * (0.6 + p)
        else:
            scores[w] = (n - 1) * 0.8
    with open(out, "w", encoding="utf-8") as f:
        f.write("# word<TAB>score; built by tokenizer/tools/build_lexicon.py (see data/SOURCES.md)\n")
        for w in sorted(scores):
            f.write(f"{w}\t{scores[w]:.2f}\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
