#!/usr/bin/env python3
"""Known-item relevance of tracuu against SQLite FTS5 on the real corpus (issue #16).

Someone looks for an article they saw. From N articles of ../shared/data/corpus the script makes
queries at run time (fixed seed; rules in queries.py, README.md beside it), indexes the same
articles with `tracuu index` (cached in the work dir) and with FTS5 (unicode61 remove_diacritics 2,
with and without đ folded, queried with AND and with OR, bm25 with the title weighted 4), asks
each for its top 10 and prints success@1, success@10 and MRR@10 per kind of query and overall.
Per-query results go to WORK/results.json. Exit status 77 when sqlite3 lacks FTS5.

Usage: bench/relevance/eval.py [--corpus PATH...] [--docs 20000] [--per-kind 30] [--seed 16]
           [--work DIR] [--tracuu build/release/cli/tracuu] [--kinds KIND,...] [--reindex]
           [--min-success FRACTION]"""
import argparse
import collections
import gzip
import hashlib
import http.client
import json
import os
import random
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from queries import GENERATORS, KINDS, Cohesion, Judge, _parse_number  # noqa: E402
from vietnamese import fold_words  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SYSTEMS = ["tracuu", "fts5 AND", "fts5 OR", "fts5 AND, đ->d", "fts5 OR, đ->d"]
MAX_GROUP = 3  # a title or text shared by more documents is not one article someone saw


def shared_dir():
    """$TRACUU_SHARED_DIR, else ../shared beside the checkout (beside the main one for a git
    worktree)."""
    if os.environ.get("TRACUU_SHARED_DIR"):
        return os.environ["TRACUU_SHARED_DIR"]
    candidates = [os.path.join(ROOT, "..", "shared")]
    try:
        common = subprocess.run(["git", "-C", ROOT, "rev-parse", "--path-format=absolute",
                                 "--git-common-dir"], capture_output=True, text=True).stdout.strip()
        if common:
            candidates.append(os.path.join(os.path.dirname(common), "..", "shared"))
    except OSError:
        pass
    return next((c for c in candidates if os.path.isdir(c)), candidates[0])


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    corpus_dir = os.path.join(shared_dir(), "data", "corpus")
    default_corpus = sorted(os.path.join(corpus_dir, f) for f in os.listdir(corpus_dir)
                            if f.endswith(".jsonl.gz")) if os.path.isdir(corpus_dir) else []
    p.add_argument("--corpus", nargs="+", default=default_corpus,
                   help="jsonl(.gz) files to sample from, or any paths `tracuu index` reads "
                        "(then all their documents are used)")
    p.add_argument("--docs", type=int, default=20000, help="documents sampled from jsonl input")
    p.add_argument("--per-kind", type=int, default=30, help="queries per kind (at most)")
    p.add_argument("--seed", type=int, default=16)
    p.add_argument("--work", default=os.path.join(ROOT, "build", "relevance"),
                   help="index cache and results.json")
    p.add_argument("--tracuu", default=os.path.join(ROOT, "build", "release", "cli", "tracuu"))
    p.add_argument("--kinds", default=",".join(KINDS))
    p.add_argument("--reindex", action="store_true", help="rebuild the tracuu index")
    p.add_argument("--min-success", type=float, default=0.0,
                   help="exit 1 when tracuu's overall success@10 is below this (for ctest)")
    args = p.parse_args()
    if not args.corpus:
        sys.exit("eval.py: no corpus (../shared/data/corpus absent); give --corpus")
    args.kinds = [k for k in args.kinds.split(",") if k]
    unknown = set(args.kinds) - set(KINDS)
    if unknown:
        sys.exit(f"eval.py: unknown kinds {sorted(unknown)}; known: {KINDS}")
    return args


def fts5_available():
    try:
        sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(a)")
        return True
    except sqlite3.OperationalError:
        return False


def read_jsonl(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield line


def index_inputs(args):
    """The paths `tracuu index` and `tracuu extract` read: a seeded sample of --docs lines of the
    jsonl input written to WORK/docs.jsonl, or the given paths as they are."""
    if not all(re.search(r"\.jsonl(\.gz)?$", c) and os.path.isfile(c) for c in args.corpus):
        return [os.path.abspath(c) for c in args.corpus]
    lines = [line for path in args.corpus for line in read_jsonl(path)]
    rng = random.Random(args.seed)
    chosen = sorted(rng.sample(range(len(lines)), min(args.docs, len(lines))))
    out = os.path.join(args.work, "docs.jsonl")
    with open(out, "w", encoding="utf-8") as f:
        f.writelines(lines[i] if lines[i].endswith("\n") else lines[i] + "\n" for i in chosen)
    return [out]


def digest(paths, tracuu):
    """Changes when the documents or the tracuu binary change: the cached index is then stale."""
    h = hashlib.sha256()
    files = [tracuu]
    for p in paths:
        files += sorted(os.path.join(d, f) for d, _, fs in os.walk(p) for f in fs) \
            if os.path.isdir(p) else [p]
    for path in files:
        h.update(path.encode())
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


def prepare_index(args, inputs):
    """Extracted documents (what tracuu sees) and the tracuu index, both cached in WORK."""
    db, extracted = os.path.join(args.work, "db"), os.path.join(args.work, "extracted.jsonl")
    stamp, key = os.path.join(args.work, "index.key"), digest(inputs, args.tracuu)
    fresh = (not args.reindex and os.path.exists(stamp) and open(stamp).read() == key
             and os.path.isdir(db) and os.path.exists(extracted))
    timings = {}
    if not fresh:
        if os.path.exists(stamp):
            os.unlink(stamp)
        t = time.monotonic()
        with open(extracted, "w", encoding="utf-8") as out:
            subprocess.run([args.tracuu, "extract", "--json", *inputs], stdout=out, check=True)
        timings["extract"] = time.monotonic() - t
        t = time.monotonic()
        subprocess.run([args.tracuu, "index", "--db", db, "--rebuild", *inputs], check=True,
                       stdout=subprocess.DEVNULL)
        timings["tracuu index"] = time.monotonic() - t
        with open(stamp, "w") as f:
            f.write(key)
    docs = [json.loads(line) for line in read_jsonl(extracted)]
    return db, docs, timings


def short_citations(doc):
    """(type code, number) of the short citations the extractor left open ("Chỉ thị 49")."""
    return [(c.get("type_code"), str(c.get("number"))) for c in doc.get("short_citations") or []
            if isinstance(c, dict) and c.get("type_code") and c.get("number")]


def citation_numbers(doc):
    """Canonical numbers of the documents an extracted record cites."""
    out = []
    for c in doc.get("citations") or []:
        number = c.get("number") if isinstance(c, dict) else c
        if number:
            out.append(number)
    return out


def normalize_docs(raw):
    by_id = {}  # a later record of an id replaces the earlier one, as in the index
    for d in raw:
        by_id[d["id"]] = {"id": d["id"], "title": d.get("title") or "",
                          "text": d.get("text") or "", "citations": citation_numbers(d),
                          "short_citations": short_citations(d),
                          "primary_province": d.get("primary_province")}
    docs = list(by_id.values())
    for row, d in enumerate(docs):
        d["row"] = row
    return docs


def duplicate_groups(docs):
    """Row -> rows of its exact duplicates (same folded title or same text), itself included."""
    parent = list(range(len(docs)))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first = {}
    for d in docs:
        keys = [("title", " ".join(fold_words(d["title"])))] if d["title"].strip() else []
        keys.append(("text", hashlib.sha1(" ".join(d["text"].lower().split()).encode()).digest()))
        for k in keys:
            if k in first:
                parent[find(d["row"])] = find(first[k])
            else:
                first[k] = d["row"]
    members = collections.defaultdict(set)
    for d in docs:
        members[find(d["row"])].add(d["row"])
    return [frozenset(members[find(r)]) for r in range(len(docs))]


def fold_d(text):
    return text.replace("đ", "d").replace("Đ", "D")


def build_fts(docs):
    """The FTS5 peers in memory: keep_d (đ kept as unicode61 keeps it) and fold_d."""
    con = sqlite3.connect(":memory:")
    for table, f in (("keep_d", lambda s: s), ("fold_d", fold_d)):
        con.execute(f"CREATE VIRTUAL TABLE {table} USING fts5(title, body, "
                    "tokenize='unicode61 remove_diacritics 2')")
        con.executemany(f"INSERT INTO {table}(rowid, title, body) VALUES (?, ?, ?)",
                        ((d["row"], f(d["title"]), f(d["text"])) for d in docs))
    con.commit()
    return con


def citation_index(docs):
    """Rows citing each full number, and each (type code, number) in any form or year: a short
    form such as "chi thi 49" is asked only when it can mean one article."""
    full, short = collections.defaultdict(set), collections.defaultdict(set)
    for d in docs:
        for c in d["citations"]:
            full[c].add(d["row"])
            parsed = _parse_number(c)
            if parsed:
                short[(parsed[2], parsed[0])].add(d["row"])
        for key in d["short_citations"]:
            short[key].add(d["row"])
    return {"full": full, "short": short}


def make_queries(args, docs, groups, judge, citations):
    queries = []
    targets = [d for d in docs if len(groups[d["row"]]) <= MAX_GROUP]
    for kind in args.kinds:
        rng = random.Random(f"{args.seed}:{kind}")
        order = targets[:]
        rng.shuffle(order)
        made, seen = 0, set()
        for doc in order[:200 * args.per_kind]:
            if made >= args.per_kind:
                break
            extra = (citations,) if kind == "doc_number" else ()
            found = GENERATORS[kind](rng, doc, judge, *extra)
            if not found or found[0] in seen or not found[0].strip():
                continue
            seen.add(found[0])
            made += 1
            queries.append({"kind": kind, "query": found[0], "rule": found[1], "target": doc["id"],
                            "correct": sorted(docs[r]["id"] for r in groups[doc["row"]])})
    return queries


def fts_expression(query, op, fold):
    words = re.findall(r"\w+", fold_d(query) if fold else query)
    return f" {op} ".join(f'"{w}"' for w in words)


def run_fts(con, docs, queries):
    for name, table, op, fold in (("fts5 AND", "keep_d", "AND", False),
                                  ("fts5 OR", "keep_d", "OR", False),
                                  ("fts5 AND, đ->d", "fold_d", "AND", True),
                                  ("fts5 OR, đ->d", "fold_d", "OR", True)):
        sql = (f"SELECT rowid FROM {table} WHERE {table} MATCH ? "
               f"ORDER BY bm25({table}, 4.0, 1.0) LIMIT 10")
        for q in queries:
            expr = fts_expression(q["query"], op, fold)
            t = time.monotonic()
            rows = con.execute(sql, (expr,)).fetchall() if expr else []
            q.setdefault("ms", {})[name] = (time.monotonic() - t) * 1000
            q.setdefault("top", {})[name] = [docs[r[0]]["id"] for r in rows]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(args, db):
    port = free_port()
    proc = subprocess.Popen([args.tracuu, "serve", "--db", db, "--listen", f"127.0.0.1:{port}",
                             "--cache-mb", "0", "--quiet", "--threads", "2"])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"eval.py: tracuu serve exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return proc, port
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    sys.exit("eval.py: tracuu serve did not answer within 60 s")


def run_tracuu(args, db, queries):
    proc, port = start_server(args, db)
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for q in queries:
            path = "/api/search?" + urllib.parse.urlencode({"q": q["query"], "size": 10})
            t = time.monotonic()
            try:
                conn.request("GET", path)
                reply = conn.getresponse()
                body = reply.read()
            except (http.client.HTTPException, OSError):  # idle keep-alive closed: once more
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                conn.request("GET", path)
                reply = conn.getresponse()
                body = reply.read()
            q.setdefault("ms", {})["tracuu"] = (time.monotonic() - t) * 1000
            result = json.loads(body) if reply.status == 200 else {}
            if reply.status != 200:
                q["tracuu_error"] = body.decode("utf-8", "replace")[:200]
            q.setdefault("top", {})["tracuu"] = [h["id"] for h in result.get("hits", [])][:10]
            q["tracuu_total"] = result.get("total")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def rank_of(top, correct):
    return next((i + 1 for i, doc in enumerate(top) if doc in correct), None)


def scores(queries):
    """(kind or "overall", system) -> (n, success@1, success@10, MRR@10)."""
    out = {}
    kinds = [k for k in KINDS if any(q["kind"] == k for q in queries)]
    for kind in kinds + ["overall"]:
        qs = [q for q in queries if kind in ("overall", q["kind"])]
        for system in SYSTEMS:
            ranks = [q["rank"][system] for q in qs]
            out[(kind, system)] = (len(qs), sum(r == 1 for r in ranks) / len(qs),
                                   sum(r is not None for r in ranks) / len(qs),
                                   sum(1 / r for r in ranks if r) / len(qs))
    return out


def print_tables(table):
    kinds = list(dict.fromkeys(k for k, _ in table))
    for kind in kinds:
        n = table[(kind, SYSTEMS[0])][0]
        print(f"\n{kind} ({n} queries)\n| system | success@1 | success@10 | MRR@10 |")
        print("|---|---|---|---|")
        for system in SYSTEMS:
            _, s1, s10, mrr = table[(kind, system)]
            print(f"| {system} | {s1:.3f} | {s10:.3f} | {mrr:.3f} |")
    print("\nsummary: success@10 (MRR@10)\n| kind | n | " + " | ".join(SYSTEMS) + " |")
    print("|---|---|" + "---|" * len(SYSTEMS))
    for kind in kinds:
        cells = [f"{table[(kind, s)][2]:.3f} ({table[(kind, s)][3]:.3f})" for s in SYSTEMS]
        print(f"| {kind} | {table[(kind, SYSTEMS[0])][0]} | " + " | ".join(cells) + " |")


def median(values):
    values = sorted(values)
    return values[len(values) // 2] if values else 0.0


def main():
    args = parse_args()
    if not fts5_available():
        print("eval.py: this sqlite3 has no FTS5; skipped")
        return 77
    if not os.access(args.tracuu, os.X_OK):
        sys.exit(f"eval.py: no tracuu binary at {args.tracuu} (cmake --preset release && "
                 "cmake --build --preset release)")
    os.makedirs(args.work, exist_ok=True)
    started = time.monotonic()
    db, raw, timings = prepare_index(args, index_inputs(args))
    docs = normalize_docs(raw)
    groups = duplicate_groups(docs)
    t = time.monotonic()
    con = build_fts(docs)
    timings["fts5 index (both)"] = time.monotonic() - t
    t = time.monotonic()
    judge = Judge(con, groups, Cohesion(docs))
    queries = make_queries(args, docs, groups, judge, citation_index(docs))
    timings["making queries"] = time.monotonic() - t
    if not queries:
        sys.exit("eval.py: no query could be made from these documents")
    t = time.monotonic()
    run_fts(con, docs, queries)
    timings["fts5 queries"] = time.monotonic() - t
    t = time.monotonic()
    run_tracuu(args, db, queries)
    timings["tracuu queries"] = time.monotonic() - t
    for q in queries:
        q["rank"] = {s: rank_of(q["top"][s], set(q["correct"])) for s in SYSTEMS}
    table = scores(queries)
    print(f"{len(docs)} documents, {len(queries)} queries (seed {args.seed})")
    print_tables(table)
    ms = "; ".join(f"{s} {median([q['ms'][s] for q in queries]):.1f}" for s in SYSTEMS)
    print(f"\nmedian ms per query: {ms}")
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in timings.items())
    print(f"total {time.monotonic() - started:.0f} s ({stages})")
    with open(os.path.join(args.work, "results.json"), "w", encoding="utf-8") as f:
        json.dump({"documents": len(docs), "seed": args.seed, "queries": queries}, f,
                  ensure_ascii=False, indent=1)
    overall = table[("overall", "tracuu")][2]
    if overall < args.min_success:
        print(f"eval.py: tracuu's success@10 {overall:.3f} is below {args.min_success}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
