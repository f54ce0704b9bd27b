#!/usr/bin/env bash
# Runs the JSON scanner and reader tests under AddressSanitizer, the C walks included: a read past
# the end of a record by CJSONScan is reported as a heap overflow (the walk tests copy each record
# into a block of exactly its size). `-Xcc -fsanitize=address` matters: without it the header-only
# C functions, compiled into the Swift modules, are not instrumented. Leak checking is off, as
# XCTest itself leaks a few objects at exit.
#
# usage: scripts/asan-scanners.sh        (build scratch path .build-asan; a first build takes minutes)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
swift build --build-tests --sanitize=address -Xcc -fsanitize=address --scratch-path .build-asan
ASAN_OPTIONS=detect_leaks=0 swift test --skip-build --sanitize=address --scratch-path .build-asan \
  --filter "Walk|JSONSkip|Scanner|Aggregation|CloudTrailReader|CloudTrailDigest|KubernetesAuditReader|JSONStringStop|JSONRecordSplitter|JSONIsASCII|CounterBlocks|FindBytes"
