#!/usr/bin/env bash
# Runs the libFuzzer target over every reader (Sources/nhi-fuzz) under AddressSanitizer, for local
# runs longer than the seed-corpus run CI does (`swift test --filter Fuzz`). The corpus starts from
# the project's fixtures and the Northwind example (and ../shared/fixtures when present), each file
# prefixed with the byte that picks its file name (ReaderFuzzer.names); crashes are saved as
# .build-fuzz/crash-* files, and `swift run nhi-fuzz .build-fuzz/crash-…` replays one.
#
# usage: scripts/fuzz-readers.sh [seconds]     (default 600; build scratch path .build-fuzz)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-600}
swift build --product nhi-fuzz --sanitize=fuzzer --sanitize=address -Xcc -fsanitize=address \
  -Xswiftc -DFUZZING --scratch-path .build-fuzz
corpus=.build-fuzz/corpus
mkdir -p "$corpus"
names=(owners.csv activity.csv changes.json trail.json audit.jsonl rbac.yaml gitleaks.json trufflehog.jsonl
       credential-report.csv authz.json audit-log.json input.gz)
i=0
for dir in Tests/Fixtures evidence/northwind ../shared/fixtures; do
  [ -d "$dir" ] || continue
  while IFS= read -r -d '' file; do
    base=$(basename "$file")
    pick=0
    for n in "${!names[@]}"; do
      case "$base" in *"${names[$n]##*.}") pick=$n ;; esac
    done
    { printf "\\$(printf '%03o' "$pick")"; head -c 65536 "$file"; } > "$corpus/seed-$i"
    i=$((i + 1))
  done < <(find "$dir" -type f ! -name '*.md' -size -2M -print0)
done
ASAN_OPTIONS=detect_leaks=0 .build-fuzz/debug/nhi-fuzz "$corpus" -max_total_time="$seconds" -max_len=131072 \
  -artifact_prefix=.build-fuzz/
