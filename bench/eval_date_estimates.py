#!/usr/bin/env python3
"""How good are date estimates? Extracts the dantri articles of ../shared/data/corpus with their
`date` field removed and compares `date_estimated` with the true date.
Usage: bench/eval_date_estimates.py [build/release/cli/tracuu]"""
import datetime
import gzip
import json
import os
import subprocess
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
tracuu = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "build/release/cli/tracuu")
corpus = os.path.join(root, "../shared/data/corpus/dantri_unc_2653.jsonl.gz")
if not os.path.exists(corpus):
    sys.exit("needs " + corpus)
truth = {}
with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
    for line in gzip.open(corpus, "rt", encoding="utf-8"):
        d = json.loads(line)
        if not d.get("date"):
            continue
        truth[d["id"]] = d.pop("date")[:10]
        f.write(json.dumps(d, ensure_ascii=False) + "\n")
out = subprocess.run([tracuu, "extract", "--json", f.name], capture_output=True, text=True).stdout
os.unlink(f.name)
n = day = month = year = none = late = early = 0
for line in out.splitlines():
    x = json.loads(line)
    t = truth.get(x["id"])
    if not t:
        continue
    n += 1
    e = x.get("date") or x.get("date_estimated")
    if not e:
        none += 1
        continue
    diff = (datetime.date.fromisoformat(e) - datetime.date.fromisoformat(t)).days
    day += abs(diff) <= 1
    month += abs(diff) <= 31
    year += abs(diff) <= 365
    late += diff > 31
    early += diff < -365
print(f"{n} articles: estimate within a day {day / n:.3f}, a month {month / n:.3f}, a year "
      f"{year / n:.3f}; no estimate {none / n:.3f}; over a month late {late / n:.3f}; "
      f"over a year early {early / n:.3f}")
