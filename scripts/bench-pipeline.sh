#!/usr/bin/env bash
# Pipeline benchmark: the whole commands on a generated organisation, beside Python's json module
# merely aggregating the same CloudTrail events, in the same run (a shared machine is noisy: the
# ratios are the figures to compare between runs).
#
# For each size (N_IDENTITIES:N_EVENTS, default 10000:1000000) it generates an organisation with
# scripts/generate-org.py (kept in WORK_DIR for reruns), then prints wall time, CPU time and peak
# RSS (/usr/bin/time -v) of:
#   inventory  collect alone
#   findings   collect + detect + assess (the terminal listing)
#   pack       everything, with the size of each output file
#   python     scripts/bench/python_aggregate.py on every CloudTrail file of the organisation
# and each command's wall time as a ratio of Python's, then NHI_BENCH_PAIRS (default 3) pairs of
# Python and `pack` run back to back, each pair's ratio, their median and the highest. Under each command, its stages as it times
# them itself (collect, detect, assess; for pack also the input digests and the rendering and
# writing of each output: results.json, evidence-pack.xml and its schema check, each OSCAL file,
# the facts per finding, index.html, findings.csv, the manifest, each with its own wall and thread
# CPU as the renderings run side by side, then the whole render), with the resident set after each
# and the peak so far.
# With Chromium at /usr/bin/chromium and Playwright for Python importable (BROWSER=1 installs
# both: Debian's chromium, Playwright from PyPI into WORK_DIR/venv), it also times the report's
# load event in headless Chromium.
#
# usage: scripts/bench-pipeline.sh [SIZE ...] [--work WORK_DIR]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
sizes=() work=""
while (($#)); do
  case $1 in
    --work) work=$2; shift 2 ;;
    *) sizes+=("$1"); shift ;;
  esac
done
((${#sizes[@]})) || sizes=(10000:1000000)
pairs=${NHI_BENCH_PAIRS:-3}
work=${work:-$(mktemp -d -t nhi-pipeline-XXXXXX)}
mkdir -p "$work"

echo "building release ..." >&2
(cd "$root" && swift build -c release --scratch-path .build-release --product nhi-audit 2>&1 | grep -E "error|warning: " >&2 || true)
bin="$root/.build-release/release/nhi-audit"
[ -x "$bin" ] || { echo "release build failed" >&2; exit 2; }

python=python3
if [ "${BROWSER:-0}" = 1 ]; then
  command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
  [ -x "$work/venv/bin/python" ] || python3 -m venv "$work/venv"
  "$work/venv/bin/python" -c 'import playwright' 2>/dev/null || "$work/venv/bin/pip" install -q playwright
  python="$work/venv/bin/python"
fi

# wall_of COMMAND...: the command's wall seconds, its output discarded.
wall_of() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; return 1; }
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }'
}

# measure LABEL COMMAND...: one row (wall, CPU, peak RSS), then the command's own stage lines
# (NHI_AUDIT_STAGE_TIMES: each stage's wall and CPU time, the resident set after it and the peak so
# far); the wall seconds in $last_wall.
measure() {
  local label=$1; shift
  local output stats
  output=$(NHI_AUDIT_STAGE_TIMES=1 /usr/bin/time -v "$@" 2>&1 >/dev/null)
  stats=$(echo "$output" | grep -E "Elapsed \(wall|Maximum resident|User time|System time|Exit status")
  last_wall=$(echo "$stats" | awk -F': ' '/Elapsed/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i]; print w }')
  echo "$stats" | awk -F': ' -v l="$label" '
    /Elapsed/ { n = split($2, p, ":"); wall = 0; for (i = 1; i <= n; i++) wall = wall * 60 + p[i] }
    /User time|System time/ { cpu += $2 }
    /Maximum resident/ { rss = $2 / 1024 }
    /Exit status/ { status = $2 }
    END { printf "  %-12s %8.2f s wall %8.2f s cpu %8.0f MB peak RSS  exit %s\n", l, wall, cpu, rss, status }'
  echo "$output" | awk '/^stage / {
    name = $2; for (i = 3; i <= NF - 12; i++) name = name " " $i
    printf "    %-24s %8.2f s wall %8.2f s cpu %8.0f MB rss after %8.0f MB peak so far\n", name, $(NF-11), $(NF-8), $(NF-5), $(NF-2) }'
}

for size in "${sizes[@]}"; do
  identities=${size%%:*} events=${size##*:}
  org="$work/org-$identities-$events"
  if [ ! -f "$org/scope.yaml" ]; then
    echo "generating $identities identities, $events events in $org ..." >&2
    python3 "$root/scripts/generate-org.py" "$identities" "$events" "$org" > "$org.counts"
  fi
  echo
  echo "$identities identities, $events events: $(cat "$org.counts"); $(du -sh "$org" | cut -f1) of evidence"
  measure python python3 "$root/scripts/bench/python_aggregate.py" "$org"/aws/*/cloudtrail.jsonl
  python_wall=$last_wall
  declare -A walls=()
  measure inventory "$bin" inventory "$org" --format json; walls[inventory]=$last_wall
  measure findings "$bin" findings "$org" --format json; walls[findings]=$last_wall
  rm -rf "$work/pack-$identities"
  measure pack "$bin" pack "$org" --out "$work/pack-$identities"; walls[pack]=$last_wall
  for command in inventory findings pack; do
    awk -v c="$command" -v a="${walls[$command]}" -v p="$python_wall" \
      'BEGIN { printf "  %-12s %5.2f x python json wall time\n", c, a / p }'
  done
  # Python's time swings by a fifth between runs: pairs run back to back give the ratio's spread.
  if ((pairs > 0)); then
    ratios=()
    for ((pair = 1; pair <= pairs; pair++)); do
      python_pair=$(wall_of python3 "$root/scripts/bench/python_aggregate.py" "$org"/aws/*/cloudtrail.jsonl)
      rm -rf "$work/pack-$identities"
      pack_pair=$(wall_of "$bin" pack "$org" --out "$work/pack-$identities")
      ratio=$(awk -v a="$pack_pair" -v p="$python_pair" 'BEGIN { printf "%.3f", a / p }')
      ratios+=("$ratio")
      printf "  pair %d: python %6.2f s, pack %6.2f s wall: %.2f x\n" "$pair" "$python_pair" "$pack_pair" "$ratio"
    done
    printf "%s\n" "${ratios[@]}" | sort -n | awk '{ r[NR] = $1 } END {
      m = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
      printf "  pack / python over %d pairs: median %.2f x, highest %.2f x\n", NR, m, r[NR] }'
  fi
  echo "  outputs:"
  (cd "$work/pack-$identities" && find . -type f -printf "    %-40p %10s bytes\n" | sort)
  if "$python" -c 'import playwright' 2>/dev/null && [ -x /usr/bin/chromium ]; then
    "$python" - "$work/pack-$identities/index.html" <<'EOF'
import sys, time
from playwright.sync_api import sync_playwright
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium")
    page = browser.new_page()
    start = time.monotonic()
    page.goto("file://" + sys.argv[1], wait_until="load", timeout=600_000)
    print(f"  report load event in headless Chromium: {time.monotonic() - start:.2f} s")
    browser.close()
EOF
  else
    echo "  (report load time not measured: run with BROWSER=1 to install Chromium and Playwright)"
  fi
done
echo
echo "data kept in $work (pass --work $work to rerun without regenerating)" >&2
