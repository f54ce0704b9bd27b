#!/usr/bin/env bash
# Compares builds of nhi-bench on this noisy machine where wall-clock A/B runs cannot: per build,
# the reader's perf samples outside the C event walk per sample inside it (the walk being
# nhi_ct_scan or nhi_k8s_scan with nhi_json_skip_value, self time; the reader the evidence
# reader's inclusive time). The walk runs interleaved with the rest event by event, so both see
# the same machine, and the ratio stays steady where times swing by half. It measures changes
# around the walk (aggregation, tables, hand-over); for a change to the walk itself, compare
# instruction counts (callgrind) instead. Needs `perf` (the cpu-clock event is enough).
#
# usage: scripts/bench/walk-share.sh ROUNDS READER INPUT BENCH_BINARY...
#   e.g. scripts/bench/walk-share.sh 6 cloudtrail /tmp/bench/lines /tmp/nhi-bench-before .build-release/release/nhi-bench
# Prints, per binary, the ratio of each round, sorted: lower is less work around the walk.
set -euo pipefail

[ $# -ge 4 ] || { echo "usage: $0 ROUNDS READER INPUT BENCH_BINARY..." >&2; exit 2; }
command -v perf >/dev/null || { echo "walk-share.sh needs perf" >&2; exit 2; }
rounds=$1 reader=$2 input=$3
shift 3
data=$(mktemp -t walk-share-XXXXXX)
trap 'rm -f "$data"' EXIT

declare -A ratios
for ((round = 0; round < rounds; round++)); do
  for binary in "$@"; do
    perf record -q -e cpu-clock -F 4000 -g -o "$data" "$binary" "$reader" "$input" > /dev/null 2>&1
    walk=$(perf report -i "$data" --no-children --stdio -g none --percent-limit 0 --sort sym 2> /dev/null |
      awk '/nhi_ct_scan|nhi_k8s_scan|nhi_json_skip_value/ { sub("%", "", $1); sum += $1 } END { print sum + 0 }')
    reading=$(perf report -i "$data" --children --stdio -g none --percent-limit 0 --sort sym 2> /dev/null |
      grep -E 'ReaderO4read_7context' | head -1 | awk '{ sub("%", "", $1); print $1 }')
    ratios[$binary]+="$(awk -v r="$reading" -v w="$walk" 'BEGIN { if (w > 0) printf "%.2f", (r - w) / w; else printf "n/a" }') "
  done
done
for binary in "$@"; do
  echo "$binary: $(echo ${ratios[$binary]} | tr ' ' '\n' | sort -n | tr '\n' ' ')"
done
