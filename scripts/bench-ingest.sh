#!/usr/bin/env bash
# Ingest benchmark: builds nhi-audit in release mode, generates SIZE_MB of synthetic CloudTrail
# twice (one JSON-lines file; a folder of {"Records":[...]} files), runs `nhi-audit inventory`
# on each and Python's json module doing the same aggregation, and prints MB/s, events/s and
# peak RSS (from /usr/bin/time -v) side by side.
# Note: `nhi-audit inventory` also hashes every file (SHA-256 for the ledger): that is included.
#
# usage: scripts/bench-ingest.sh [SIZE_MB] [WORK_DIR]      (defaults: 200, a fresh temp dir)
set -euo pipefail

size_mb=${1:-200}
work=${2:-$(mktemp -d -t nhi-bench-XXXXXX)}
root=$(cd "$(dirname "$0")/.." && pwd)

echo "building release ..." >&2
(cd "$root" && swift build -c release --product nhi-audit 2>&1 | grep -E "error|warning: " >&2 || true)
bin="$root/.build/release/nhi-audit"
[ -x "$bin" ] || { echo "release build failed" >&2; exit 2; }

if [ ! -f "$work/lines/events.jsonl" ]; then
  echo "generating ${size_mb} MB x 2 in $work ..." >&2
  python3 "$root/scripts/bench/generate_cloudtrail.py" "$work" "$size_mb" > "$work/counts"
fi
read -r line_events record_events < "$work/counts"

# run LABEL EVENTS INPUT_PATH COMMAND...: prints one result row. Throughput is given per wall
# second and per CPU second (user + system): on a shared machine the second is the fair one.
run() {
  local label=$1 events=$2 input=$3; shift 3
  local bytes stats
  bytes=$(du -sb "$input" | cut -f1)
  stats=$(/usr/bin/time -v "$@" 2>&1 >/dev/null | grep -E "Elapsed \(wall|Maximum resident|User time|System time")
  echo "$stats" | awk -F': ' -v l="$label" -v b="$bytes" -v e="$events" '
    /Elapsed/ { n = split($2, p, ":"); wall = 0; for (i = 1; i <= n; i++) wall = wall * 60 + p[i] }
    /User time|System time/ { cpu += $2 }
    /Maximum resident/ { rss = $2 / 1024 }
    END { mb = b / 1048576
          printf "%-36s %6.0f MB %7.2f s %7.0f MB/s %7.2f s %7.0f MB/s %9.0f ev/s %6.0f MB\n", l, mb, wall, mb / wall, cpu, mb / cpu, e / cpu, rss }'
}

echo
printf "%-36s %9s %9s %12s %9s %12s %14s %9s\n" "reader" "input" "wall" "per wall s" "cpu" "per cpu s" "events/cpu s" "peak RSS"
run "nhi-audit, JSON lines (1 file)" "$line_events" "$work/lines" "$bin" inventory "$work/lines" --format json
run "python json, JSON lines" "$line_events" "$work/lines" python3 "$root/scripts/bench/python_aggregate.py" "$work/lines/events.jsonl"
run "nhi-audit, Records files (2 cores)" "$record_events" "$work/records" "$bin" inventory "$work/records" --format json
run "python json, Records files" "$record_events" "$work/records" python3 "$root/scripts/bench/python_aggregate.py" "$work/records"
echo
echo "data kept in $work (pass it as WORK_DIR to rerun without regenerating)" >&2
