#!/usr/bin/env bash
# Runs the libFuzzer target over the readers (Sources/nhi-fuzz) under AddressSanitizer, for local
# runs longer than the seed-corpus run CI does (`swift test --filter Fuzz`). The corpus starts from
# the project's fixtures and the Northwind example (and ../shared/fixtures when present), each file
# prefixed with the byte that picks its file name (ReaderFuzzer.names); crashes are saved as
# .build-fuzz/crash-* files, and `swift run nhi-fuzz .build-fuzz/crash-…` replays one (with
# NHI_FUZZ_FORMAT=FORMAT set when it was found by a run of that format).
#
# Without formats, each input is read as the reader that sniffs it (every reader, in one run).
# With formats (`aws-cloudtrail kubernetes-audit …`, as in ReaderRegistry), each is fuzzed in
# turn for SECONDS: every input is read as that format (NHI_FUZZ_FORMAT), and each format grows a
# corpus of its own, .build-fuzz/corpus-FORMAT.
#
# usage: scripts/fuzz-readers.sh [SECONDS [FORMAT...]]     (default 600; build scratch path .build-fuzz)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-600}
shift || true
# Coverage and libFuzzer's driver without its `main` (`--sanitize=fuzzer` would link one into every
# executable of the build, the build plugin's tool included, which then fails to link).
coverage=edge,inline-8bit-counters,pc-table,trace-cmp
fuzzer=$(dirname "$(dirname "$(command -v swift)")")/lib/clang
fuzzer=$(find "$fuzzer" -name 'libclang_rt.fuzzer_no_main-*.a' | head -n 1)
[ -f "$fuzzer" ] || { echo "libclang_rt.fuzzer_no_main not found beside the swift toolchain" >&2; exit 2; }
swift build --product nhi-fuzz --sanitize=address -Xswiftc -sanitize-coverage=$coverage \
  -Xcc -fsanitize-coverage=inline-8bit-counters,pc-table,trace-cmp -Xswiftc -DFUZZING \
  -Xlinker "$fuzzer" -Xlinker -lstdc++ --scratch-path .build-fuzz
seeds=.build-fuzz/seeds
rm -rf "$seeds"
mkdir -p "$seeds"
# A seed's first byte picks its file name, an index into ReaderFuzzer.names: one name per extension
# (credential-report.csv, trufflehog.jsonl, rbac.yaml, audit-log.json, input.gz, reports.zip,
# gitleaks.sarif), none of which a reader claims by itself, so that the content decides the reader.
i=0
for dir in Tests/Fixtures evidence/northwind ../shared/fixtures; do
  [ -d "$dir" ] || continue
  while IFS= read -r -d '' file; do
    case "$file" in
      *.csv) pick=8 ;; *.jsonl) pick=7 ;; *.yaml) pick=5 ;; *.json) pick=10 ;; *.gz) pick=11 ;;
      *.zip) pick=12 ;; *.sarif) pick=13 ;; *) pick=0 ;;
    esac
    { printf "\\$(printf '%03o' "$pick")"; head -c 65536 "$file"; } > "$seeds/seed-$i"
    i=$((i + 1))
  done < <(find "$dir" -type f ! -name '*.md' -size -2M -print0)
done
fuzz() {
  local corpus=$1
  mkdir -p "$corpus"
  ASAN_OPTIONS=detect_leaks=0 .build-fuzz/debug/nhi-fuzz "$corpus" "$seeds" -max_total_time="$seconds" \
    -max_len=131072 -artifact_prefix=.build-fuzz/
}
if [ $# -eq 0 ]; then
  fuzz .build-fuzz/corpus
else
  for format in "$@"; do
    echo "== $format ($seconds s)" >&2
    NHI_FUZZ_FORMAT=$format fuzz ".build-fuzz/corpus-$format"
  done
fi
