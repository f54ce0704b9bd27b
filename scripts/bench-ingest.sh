#!/usr/bin/env bash
# Ingest benchmark: builds nhi-audit and nhi-bench in release mode (scratch path .build-release),
# generates SIZE_MB of synthetic CloudTrail three times (one JSON-lines file where every event draws
# its caller at random; the same as a folder of 8 MB {"Records":[...]} files; a JSON-lines trail
# grouped in sessions as real trails are), the random-callers trail regrouped into {"Records":[...]}
# files of about 40 MB, the sessions trail again as S3 delivers a trail (1,200 {"Records":[...]}
# files of 250 events under AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/, gzip-compressed as
# S3 holds them and the same uncompressed), and SIZE_MB of Kubernetes audit JSON lines, then prints
# two tables:
#  1. end to end: `nhi-audit inventory` on each (which also hashes every file with SHA-256 for the
#     ledger, and reads several files on both cores) beside Python's json module doing the same
#     aggregation, with MB/s per wall and per CPU second, events per CPU second, peak RSS
#     (/usr/bin/time -v) and each reader's ratio to Python. A run of ours lasts under a second, so
#     each pair runs several times, interleaved (NHI_BENCH_RUNS, default 5, and NHI_BENCH_PYTHON_RUNS,
#     default 3): the table gives medians with their range, the ratios are of medians;
#  2. per core (skipped with NHI_BENCH_PER_CORE=0): nhi-bench, one reader on one core in process,
#     its own CPU time apart from the SHA-256, against the 400 MB/s per core target; three rounds
#     each, every reader run scaled to the machine's speed when the target was set by Python
#     json.loads run just before and just after it (the spike's yardstick), and the rounds at or
#     over the target counted.
# On a shared, noisy machine the ratios within one run are the figures to compare between runs.
#
# usage: scripts/bench-ingest.sh [SIZE_MB] [WORK_DIR]      (defaults: 200, a fresh temp dir)
set -euo pipefail

size_mb=${1:-200}
work=${2:-$(mktemp -d -t nhi-bench-XXXXXX)}
root=$(cd "$(dirname "$0")/.." && pwd)

echo "building release ..." >&2
for product in nhi-audit nhi-bench; do
  (cd "$root" && swift build -c release --scratch-path .build-release --product $product 2>&1 | grep -E "error|warning: " >&2 || true)
done
bin="$root/.build-release/release/nhi-audit"
bench="$root/.build-release/release/nhi-bench"
[ -x "$bin" ] && [ -x "$bench" ] || { echo "release build failed" >&2; exit 2; }

if [ ! -f "$work/sessions/events.jsonl" ]; then
  echo "generating ${size_mb} MB of CloudTrail x 2 in $work ..." >&2
  python3 "$root/scripts/bench/generate_cloudtrail.py" "$work" "$size_mb" > "$work/counts"
fi
if [ ! -f "$work/k8s/prod-1/audit.log" ]; then
  echo "generating ${size_mb} MB of Kubernetes audit events in $work ..." >&2
  python3 "$root/scripts/bench/generate_k8s_audit.py" "$work" "$size_mb" > "$work/k8s-counts"
fi
s3_files=1200 s3_per_file=250
if [ ! -d "$work/s3-gzip" ]; then
  echo "laying the sessions trail out as S3 delivers it in $work/s3-gzip and $work/s3-plain ..." >&2
  python3 "$root/scripts/bench/s3_layout.py" "$work/sessions/events.jsonl" "$work/s3-gzip" $s3_files $s3_per_file --gzip > "$work/s3-events"
  python3 "$root/scripts/bench/s3_layout.py" "$work/sessions/events.jsonl" "$work/s3-plain" $s3_files $s3_per_file > /dev/null
fi
if [ ! -d "$work/records-40" ]; then
  echo "regrouping the random-callers trail into {\"Records\":[...]} files of about 40 MB in $work/records-40 ..." >&2
  python3 "$root/scripts/bench/records_layout.py" "$work/lines/events.jsonl" "$work/records-40" 40 > "$work/records-40-events"
fi
read -r line_events record_events session_events < "$work/counts"
records40_events=$(cat "$work/records-40-events")
s3_events=$(cat "$work/s3-events")
read -r k8s_requests k8s_lines < "$work/k8s-counts"

# measure COMMAND...: runs it once under /usr/bin/time -v and prints "WALL CPU RSS_MB" (seconds, user + system).
measure() {
  /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '
    /Elapsed \(wall/ { n = split($2, p, ":"); wall = 0; for (i = 1; i <= n; i++) wall = wall * 60 + p[i] }
    /User time|System time/ { cpu += $2 }
    /Maximum resident/ { rss = $2 / 1024 }
    END { printf "%.3f %.3f %.0f\n", wall, cpu, rss }'
}

# summary FIELD SAMPLES...: "median min max" of column FIELD (1 wall, 2 cpu, 3 rss) of "WALL CPU RSS" samples.
summary() {
  local field=$1; shift
  printf "%s\n" "$@" | awk -v f="$field" '{ print $f }' | sort -g | awk '
    { v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m, v[1], v[NR] }'
}

# row LABEL EVENTS INPUT SAMPLES...: one table row of median wall and CPU (min-max), throughput per
# median wall and CPU second, events per median CPU second and the highest peak RSS; leaves the
# medians in $median_wall and $median_cpu.
row() {
  local label=$1 events=$2 input=$3; shift 3
  local bytes wall cpu rss
  bytes=$(du -sb "$input" | cut -f1)
  read -r median_wall wall_min wall_max <<< "$(summary 1 "$@")"
  read -r median_cpu cpu_min cpu_max <<< "$(summary 2 "$@")"
  read -r _ _ rss <<< "$(summary 3 "$@")"
  awk -v l="$label" -v b="$bytes" -v e="$events" -v w="$median_wall" -v wl="$wall_min" -v wh="$wall_max" \
      -v c="$median_cpu" -v cl="$cpu_min" -v ch="$cpu_max" -v r="$rss" -v n="$#" 'BEGIN { mb = b / 1048576
    printf "%-56s %5.0f MB %dx %6.2f s (%5.2f-%5.2f) %6.0f MB/s %6.2f s (%5.2f-%5.2f) %6.0f MB/s %8.0f ev/s %5.0f MB\n",
      l, mb, n, w, wl, wh, mb / w, c, cl, ch, mb / c, e / c, r }'
}

# Runs per pair: nhi-audit's runs last under a second, so one run says little; Python's last several.
ours_runs=${NHI_BENCH_RUNS:-5} python_runs=${NHI_BENCH_PYTHON_RUNS:-3}
ratios=()
# pair LABEL EVENTS INPUT PYTHON_ARGS...: nhi-audit inventory and Python on the same data, interleaved
# (one of ours, one of Python's, ... then the rest of ours) so both see the same swings of load;
# the ratios are of the medians.
pair() {
  local label=$1 events=$2 input=$3; shift 3
  local ours=() theirs=() i
  for ((i = 0; i < ours_runs || i < python_runs; i++)); do
    [ "$i" -lt "$ours_runs" ] && ours+=("$(measure "$bin" inventory "$input" --format json)")
    [ "$i" -lt "$python_runs" ] && theirs+=("$(measure python3 "$@")")
  done
  row "nhi-audit, $label" "$events" "$input" "${ours[@]}"
  local wall=$median_wall cpu=$median_cpu
  row "python json, $label" "$events" "$input" "${theirs[@]}"
  ratios+=("$(awk -v w="$wall" -v c="$cpu" -v pw="$median_wall" -v pc="$median_cpu" -v l="$label" \
    'BEGIN { printf "%-56s %5.1f x python json in median wall time, %5.1f x per median CPU second", l, pw / w, pc / c }')")
}

echo
echo "end to end: each pair run interleaved, nhi-audit ${ours_runs}x, Python ${python_runs}x; medians (min-max); peak RSS the highest; load $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-56s %8s %4s %22s %11s %22s %11s %13s %8s\n" "reader" "input" "runs" "wall" "per wall s" "cpu" "per cpu s" "events/cpu s" "peak RSS"
pair "CloudTrail JSON lines (1 file)" "$line_events" "$work/lines" "$root/scripts/bench/python_aggregate.py" "$work/lines/events.jsonl"
pair "CloudTrail JSON lines in sessions (1 file)" "$session_events" "$work/sessions" "$root/scripts/bench/python_aggregate.py" "$work/sessions/events.jsonl"
pair "CloudTrail Records files, 8 MB" "$record_events" "$work/records" "$root/scripts/bench/python_aggregate.py" "$work/records"
pair "CloudTrail Records files, 40 MB" "$records40_events" "$work/records-40" "$root/scripts/bench/python_aggregate.py" "$work/records-40"
pair "CloudTrail S3 layout, gzip" "$s3_events" "$work/s3-gzip" "$root/scripts/bench/python_aggregate.py" "$work/s3-gzip"
pair "CloudTrail S3 layout, uncompressed" "$s3_events" "$work/s3-plain" "$root/scripts/bench/python_aggregate.py" "$work/s3-plain"
pair "Kubernetes audit JSON lines (1 file)" "$k8s_lines" "$work/k8s" "$root/scripts/bench/python_k8s_aggregate.py" "$work/k8s/prod-1/audit.log"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf "%s\n" "${ratios[@]}"
echo "(nhi-audit reads on both cores, Python on one; Records files: 8 MB each, and 40 MB each (the random-callers trail regrouped); S3 layout: $s3_files files of $s3_per_file events from the sessions trail,"
echo " input MB for gzip are compressed bytes;"
echo " Kubernetes: $k8s_lines audit lines, $k8s_requests requests, events/s counts lines)"
echo
if [ "${NHI_BENCH_PER_CORE:-1}" = 0 ]; then
  echo "data kept in $work (pass it as WORK_DIR to rerun without regenerating)" >&2
  exit 0
fi
# The machine's speed against when the target was set: the spike measured Python's json at
# 98 MB/s on this machine. A shared machine's speed swings by half from one second to the next,
# so each reader run is bracketed by two short runs of json.loads alone on the CloudTrail lines
# (40 MB, about as long as the reader's run), and scaled by 98 over their mean: the reader's
# speed "at spike speed" in that round. Three rounds per reader; the verdict counts the rounds
# at or over 400 MB/s at spike speed.
yardstick() { python3 "$root/scripts/bench/python_loads.py" "$work/lines/events.jsonl" 40; }
echo "per core, in process (nhi-bench: the reader alone, then SHA-256 alone, then both); target: reader >= 400 MB/s per core"
echo "each round: json.loads (40 MB), the reader, json.loads again; 'at spike speed' = reader x 98 / mean json.loads (the spike's 98 MB/s)"
for row in "cloudtrail|CloudTrail JSON lines, random callers|$work/lines" "cloudtrail|CloudTrail JSON lines in sessions|$work/sessions" \
           "cloudtrail|CloudTrail Records files (1 core)|$work/records" "cloudtrail|CloudTrail S3 layout, plain (1 core)|$work/s3-plain" \
           "kubernetes-audit|Kubernetes audit JSON lines|$work/k8s"; do
  IFS='|' read -r reader label input <<< "$row"
  rates=() scaled=() passed=0 fastest="" best=0
  for _ in 1 2 3; do
    before=$(yardstick)
    run=$("$bench" "$reader" "$input")
    after=$(yardstick)
    rate=$(echo "$run" | sed -E 's/.*reader [0-9.]+ s = ([0-9]+) MB.*/\1/')
    at_spike=$(awk -v r="$rate" -v a="$before" -v b="$after" 'BEGIN { printf "%.0f", r * 98 / ((a + b) / 2) }')
    rates+=("$rate"); scaled+=("$at_spike")
    [ "$at_spike" -ge 400 ] && passed=$((passed + 1))
    if [ "$rate" -gt "$best" ]; then best=$rate; fastest=$run; fi
  done
  printf "%-40s %s\n" "$label" "$fastest"
  printf "%-40s reader in 3 rounds: %s MB/s; at spike speed: %s MB/s; %d of 3 rounds >= 400 at spike speed\n" "" \
    "$(IFS=/; echo "${rates[*]}")" "$(IFS=/; echo "${scaled[*]}")" "$passed"
done
echo
echo "data kept in $work (pass it as WORK_DIR to rerun without regenerating)" >&2
