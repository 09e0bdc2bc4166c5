#!/usr/bin/env bash
# Soak test on loopback only: the uncached mixed request set (bench/http/mixed.lua), first on a
# quiet server, then for the same time while a writer commits every second and 80 slow clients
# (from other loopback addresses) hold connections open by trickling header bytes. Reports
# p50/p99, req/s and errors of both runs, and the server's RSS before and after the soak.
# Passes when normal clients saw 0 errors and the soak's p99 is within 2x of the quiet one.
# Usage: bench/http/soak.sh [DOCS=10000] [SECONDS=60] [KEEP_DIR]   (TRACUU_CORPUS: another corpus)
set -euo pipefail
cd "$(dirname "$0")/../.."
docs="${1:-10000}"
seconds="${2:-60}"
bin=build/release/cli/tracuu
corpus="${TRACUU_CORPUS:-../shared/data/corpus/baomoi_vn_news_35k.jsonl.gz}"
[[ -x "$bin" ]] || { echo "build the release preset first" >&2; exit 1; }
[[ -f "$corpus" ]] || { echo "needs $corpus" >&2; exit 1; }
command -v wrk >/dev/null || scripts/deps --bench
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
if [[ -n "${3:-}" ]]; then
  work="$3"
  mkdir -p "$work"
  trap cleanup EXIT
else
  work=$(mktemp -d)
  trap 'cleanup; rm -rf "$work"' EXIT
fi
# The index of DOCS documents, and 20 further documents for each second of the writer's run.
if [[ ! -f "$work/indexed-$docs" || ! -d "$work/db" ]]; then
  rm -rf "$work/db" "$work"/indexed-*
  python3 -c "import gzip,sys,itertools; sys.stdout.writelines(itertools.islice(gzip.open(sys.argv[1],'rt',encoding='utf-8'), int(sys.argv[2])))" "$corpus" "$docs" > "$work/docs.jsonl"
  "$bin" index --db "$work/db" "$work/docs.jsonl" 2>&1 | tail -n 1
  touch "$work/indexed-$docs"
fi
python3 - "$corpus" "$docs" "$seconds" "$work" <<'PY'
import gzip, itertools, sys
corpus, skip, seconds, work = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
lines = list(itertools.islice(gzip.open(corpus, 'rt', encoding='utf-8'), skip, skip + 20 * (seconds + 5)))
for i in range(seconds + 5):
    with open(f"{work}/commit-{i}.jsonl", "w", encoding="utf-8") as f:
        f.writelines(lines[20 * i:20 * (i + 1)] or lines[:20])
PY
python3 bench/http/make_paths.py "$work/docs.jsonl" > "$work/paths.txt"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" serve --db "$work/db" --listen "127.0.0.1:$port" --quiet --threads 8 --cache-mb 0 &
server=$!
pids+=("$server")
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
rss() { awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$server/status"; }
load() {  # wrk with the mixed set: "req/s p50 p99 errors"
  PATHS="$work/paths.txt" wrk -t2 -c16 -d"$1s" --latency -s bench/http/mixed.lua \
    "http://127.0.0.1:$port" > "$work/wrk.txt"
  awk '/Requests\/sec/ {r=$2} /^requests/ {e=$4 + $7} /^p50/ {p50=$2; p99=$5}
       END {printf "%s %s %s %d\n", r, p50, p99, e}' "$work/wrk.txt" | tr -d ','
}
PATHS="$work/paths.txt" wrk -t2 -c16 -d5s -s bench/http/mixed.lua "http://127.0.0.1:$port" >/dev/null
read -r q_rps q_p50 q_p99 q_err < <(load "$seconds")
echo "quiet: $q_rps req/s, p50 $q_p50 ms, p99 $q_p99 ms, errors $q_err"
rss_start=$(rss)
# The writer: a `tracuu index` run of 20 new documents (one commit) started every second; a run
# that takes longer than a second (the machine is busy serving) is followed at once by the next.
# Each finished run's end time goes to commits.txt, which gives the intervals reported below.
: > "$work/commits.txt"
( next=$(date +%s.%N)
  for i in $(seq 0 $((seconds + 4))); do
    "$bin" index --db "$work/db" --batch 20 "$work/commit-$i.jsonl" >/dev/null 2>&1 || echo "writer run $i failed" >&2
    date +%s.%N >> "$work/commits.txt"
    next=$(awk -v n="$next" 'BEGIN {printf "%.3f", n + 1}')
    wait_s=$(awk -v n="$next" -v now="$(date +%s.%N)" 'BEGIN {d = n - now; printf "%.3f", d > 0 ? d : 0}')
    sleep "$wait_s"
  done ) &
pids+=("$!")
# 80 slow clients, 20 from each of 127.0.0.2-5: each trickles one header byte every 3 s and
# opens a new connection whenever the server closes its old one (408, or 503 when over a cap).
python3 - "$port" "$((seconds + 5))" <<'PY' &
import select, socket, sys, time
port, until = int(sys.argv[1]), time.time() + int(sys.argv[2])
def connect(i):
    s = socket.socket()
    s.bind((f"127.0.0.{2 + i // 20}", 0))
    s.setblocking(False)
    s.connect_ex(("127.0.0.1", port))
    return s
conns = [connect(i) for i in range(80)]
while time.time() < until:
    time.sleep(3)
    closed, _, _ = select.select(conns, [], [], 0)  # answered (408/503) or reset
    for i, s in enumerate(conns):
        try:
            if s in closed:
                s.recv(4096)
                raise ConnectionError
            s.send(b"G")
        except OSError:
            s.close()
            conns[i] = connect(i)
PY
pids+=("$!")
sleep 2
read -r s_rps s_p50 s_p99 s_err < <(load "$seconds")
echo "soak (writer every second, 80 slow clients): $s_rps req/s, p50 $s_p50 ms, p99 $s_p99 ms, errors $s_err"
echo "RSS at the soak's start: $rss_start, at its end: $(rss)"
awk 'NR > 1 {d = $1 - prev; s += d; if (d > m) m = d; n++} {prev = $1}
     END {if (n) printf "writer: %d commits, one every %.2f s on average (longest gap %.2f s)\n", n + 1, s / n, m}' \
  "$work/commits.txt"
echo "documents after the soak: $(curl -s "http://127.0.0.1:$port/healthz")"
awk -v q="$q_p99" -v s="$s_p99" -v e="$s_err" 'BEGIN {
  if (e > 0) { print "FAIL: errors for normal clients"; exit 1 }
  if (s > 2 * q) { print "FAIL: soak p99 over twice the quiet one"; exit 1 }
  print "PASS: no errors, p99 within 2x" }'
