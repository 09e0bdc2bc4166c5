#!/usr/bin/env python3
# The mixed request set of the HTTP benchmarks (run.sh, soak.sh) from a JSON-lines file of
# documents: query words from titles, accentless forms, phrases, filters, facets, document pages.
# Usage: make_paths.py DOCS.jsonl > paths.txt
import json, random, sys, unicodedata, urllib.parse
random.seed(7)
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
def fold(s):
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in s if unicodedata.category(c) != "Mn").lower()
q = urllib.parse.quote
out = []
for i in range(2000):
    d = random.choice(docs)
    words = [w for w in d["title"].split() if len(w) > 2 and w.isalpha()]
    if len(words) < 2:
        continue
    j = random.randrange(len(words) - 1)
    two = words[j] + " " + words[j + 1]
    kind = i % 6
    if kind == 0: out.append("/api/search?q=" + q(two))
    elif kind == 1: out.append("/api/search?q=" + q(fold(two)))
    elif kind == 2: out.append("/api/search?q=" + q('"' + two + '"'))
    elif kind == 3: out.append("/api/search?q=" + q(words[j]) + "&province=" + q("Hà Nội") + "&sort=date")
    elif kind == 4: out.append("/api/facets" if i % 12 == 4 else "/api/search?q=" + q(words[j]) + "&size=20")
    else: out.append("/api/documents/" + q(d["id"]))
print("\n".join(out))
