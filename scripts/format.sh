#!/usr/bin/env bash
# Formats the Swift sources in place with the repository's .swift-format (docs/ARCHITECTURE.md,
# "Formatting"). With --check it changes nothing and fails on any difference: what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Sources Tests Plugins)
case "${1:-}" in
  --check) exec swift format lint --strict --recursive "${paths[@]}" ;;
  "") exec swift format format --in-place --recursive --parallel "${paths[@]}" ;;
  *) echo "usage: scripts/format.sh [--check]" >&2; exit 2 ;;
esac
