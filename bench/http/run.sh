#!/usr/bin/env bash
# HTTP load test on loopback only: indexes N real documents (../shared/data/corpus), starts
# `tracuu serve` on 127.0.0.1, runs wrk with a mixed request set for a bounded time, and reports
# req/s, p50/p99, errors and the server's RSS after warm-up and after the run.
# Usage: bench/http/run.sh [DOCS=20000] [SECONDS=60] [KEEP_DIR]
# With KEEP_DIR, the documents, index and request paths are kept there and reused by later runs
# with the same DIR (indexing takes most of a run's time when iterating on the server).
# TRACUU_SERVE_ARGS (environment) adds options to `tracuu serve`.
set -euo pipefail
cd "$(dirname "$0")/../.."
docs="${1:-20000}"
seconds="${2:-60}"
bin=build/release/cli/tracuu
corpus=../shared/data/corpus/baomoi_vn_news_35k.jsonl.gz
[[ -x "$bin" ]] || { echo "build the release preset first" >&2; exit 1; }
[[ -f "$corpus" ]] || { echo "needs $corpus" >&2; exit 1; }
command -v wrk >/dev/null || scripts/deps --bench
server=""
if [[ -n "${3:-}" ]]; then
  work="$3"
  mkdir -p "$work"
  trap '[[ -n $server ]] && kill $server 2>/dev/null || true' EXIT
else
  work=$(mktemp -d)
  trap '[[ -n $server ]] && kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
fi
if [[ -f "$work/indexed-$docs" && -d "$work/db" ]]; then
  echo "reusing the index of $docs documents in $work/db"
else
  rm -rf "$work/db" "$work"/indexed-*
  python3 -c "import gzip,sys,itertools; sys.stdout.writelines(itertools.islice(gzip.open(sys.argv[1],'rt',encoding='utf-8'), int(sys.argv[2])))" "$corpus" "$docs" > "$work/docs.jsonl"
  "$bin" index --db "$work/db" "$work/docs.jsonl" 2>&1 | tail -n 1
  touch "$work/indexed-$docs"
fi
# Requests: query words from titles, accentless forms, phrases, filters, facets, document pages.
python3 bench/http/make_paths.py "$work/docs.jsonl" > "$work/paths.txt"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# TRACUU_SERVE_ARGS adds options (e.g. "--cache-mb 0" to measure the uncached search path).
# shellcheck disable=SC2086
"$bin" serve --db "$work/db" --listen "127.0.0.1:$port" --quiet --threads 8 ${TRACUU_SERVE_ARGS:-} &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
rss() { awk '/VmRSS/ {print $2 / 1024 " MB"}' "/proc/$server/status"; }
echo "RSS at start: $(rss)"
# A short warm-up fills the per-thread caches; memory should then stay flat under load.
PATHS="$work/paths.txt" wrk -t2 -c16 -d10s -s bench/http/mixed.lua "http://127.0.0.1:$port" >/dev/null
echo "RSS after a 10 s warm-up: $(rss)"
PATHS="$work/paths.txt" wrk -t2 -c16 -d"${seconds}s" --latency -s bench/http/mixed.lua "http://127.0.0.1:$port" | grep -E "Requests/sec|requests|p50|Latency"
echo "RSS after the ${seconds} s run: $(rss)"
# The peer: a minimal SQLite FTS5 query loop over the same documents and queries.
python3 - "$work/docs.jsonl" "$work/paths.txt" "$seconds" <<'PY'
import json, sqlite3, sys, time, urllib.parse
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
db = sqlite3.connect(":memory:")
db.execute("CREATE VIRTUAL TABLE d USING fts5(title, body, tokenize='unicode61 remove_diacritics 2')")
db.executemany("INSERT INTO d VALUES (?, ?)", ((x["title"], x["text"]) for x in docs))
queries = []
for p in open(sys.argv[2], encoding="utf-8"):
    u = urllib.parse.urlparse(p.strip())
    qs = urllib.parse.parse_qs(u.query)
    if "q" in qs:
        queries.append(" ".join('"%s"' % w.replace('"', '') for w in qs["q"][0].split()))
n, t0 = 0, time.time()
while time.time() - t0 < min(10, float(sys.argv[3])):
    q = queries[n % len(queries)]
    db.execute("SELECT rowid, snippet(d, 1, '<mark>', '</mark>', '…', 20) FROM d WHERE d MATCH ? ORDER BY rank LIMIT 10", (q,)).fetchall()
    db.execute("SELECT count(*) FROM d WHERE d MATCH ?", (q,)).fetchall()
    n += 1
print("SQLite FTS5 query loop (one Python thread, in-process): %.0f queries/s" % (n / (time.time() - t0)))
PY
