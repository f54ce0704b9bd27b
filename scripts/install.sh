#!/usr/bin/env bash
# Installs nhi-audit: bin/nhi-audit, share/nhi-audit/ (mappings, templates, sql, docs, lake scripts),
# the man page share/man/man1/nhi-audit.1 and bash, zsh and fish completions, under PREFIX (default /usr/local).
#
# Usage: scripts/install.sh [--prefix DIR] [--binary FILE]
#   --prefix DIR   where to install (bin/, share/ are created under it)
#   --binary FILE  install this already-built nhi-audit instead of running `swift build -c release`
#                  (the tests use it; the binary carries its mappings and templates either way)
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=/usr/local
binary=""
while (($#)); do
  case "$1" in
    --prefix) prefix="${2:?--prefix needs a folder}"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --binary) binary="${2:?--binary needs a file}"; shift 2 ;;
    --binary=*) binary="${1#--binary=}"; shift ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
command -v python3 >/dev/null || { echo "install.sh: python3 is needed to write the man page" >&2; exit 2; }

if [[ -z "$binary" ]]; then
  # On Linux the Swift runtime is linked in, so the binary needs only libxml2, zlib, jemalloc and the
  # C++ runtime, not a Swift toolchain (Apple platforms ship the runtime with the system).
  static=(); [[ "$(uname -s)" == Linux ]] && static=(--static-swift-stdlib)
  swift build -c release ${static[@]+"${static[@]}"} --product nhi-audit
  binary="$(swift build -c release ${static[@]+"${static[@]}"} --show-bin-path)/nhi-audit"
fi
[[ -x "$binary" ]] || { echo "install.sh: $binary: not an executable" >&2; exit 2; }

# Everything is staged first, so a failure (man page, completions) installs nothing.
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/share/nhi-audit" "$stage/share/man/man1" \
  "$stage/share/bash-completion/completions" "$stage/share/zsh/site-functions" "$stage/share/fish/vendor_completions.d"
cp "$binary" "$stage/bin/nhi-audit"
cp -R mappings templates sql docs "$stage/share/nhi-audit/"
mkdir -p "$stage/share/nhi-audit/scripts"
cp scripts/lake-duckdb.py scripts/lake-check-sql.py "$stage/share/nhi-audit/scripts/"
"$binary" --experimental-dump-help | python3 scripts/manpage.py "$("$binary" --version)" > "$stage/share/man/man1/nhi-audit.1"
"$binary" --generate-completion-script bash > "$stage/share/bash-completion/completions/nhi-audit"
"$binary" --generate-completion-script zsh > "$stage/share/zsh/site-functions/_nhi-audit"
"$binary" --generate-completion-script fish > "$stage/share/fish/vendor_completions.d/nhi-audit.fish"

mkdir -p "$prefix"
for dir in bin share/man/man1 share/bash-completion/completions share/zsh/site-functions share/fish/vendor_completions.d; do
  mkdir -p "$prefix/$dir"
done
# Over an earlier install, shipped files are replaced; nothing else under share/nhi-audit is removed.
mkdir -p "$prefix/share/nhi-audit"
cp -R "$stage/share/nhi-audit/." "$prefix/share/nhi-audit/"
install -m 0755 "$stage/bin/nhi-audit" "$prefix/bin/nhi-audit"
install -m 0644 "$stage/share/man/man1/nhi-audit.1" "$prefix/share/man/man1/nhi-audit.1"
install -m 0644 "$stage/share/bash-completion/completions/nhi-audit" "$prefix/share/bash-completion/completions/nhi-audit"
install -m 0644 "$stage/share/zsh/site-functions/_nhi-audit" "$prefix/share/zsh/site-functions/_nhi-audit"
install -m 0644 "$stage/share/fish/vendor_completions.d/nhi-audit.fish" "$prefix/share/fish/vendor_completions.d/nhi-audit.fish"
echo "installed nhi-audit $("$prefix/bin/nhi-audit" --version) under $prefix"
