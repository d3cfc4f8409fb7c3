# SPDX-License-Identifier: MIT
# Shared TAP helpers for the shell tests: sourced, never run. Each helper prints one test line.
# Sets IOMMUFMT (the CLI), tmp (a scratch directory removed on exit), n (tests so far), fail.
: "${top_builddir:=$(cd "$(dirname "$0")/.." && pwd)}"
IOMMUFMT="$top_builddir/tools/iommufmt/iommufmt"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
bad() { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
# Show the first lines of a file as TAP comments.
show() { head -20 "$1" | sed 's/^/# /'; }

# t DESC STATUS COMMAND...: run COMMAND (stdout to $tmp/out, stderr to $tmp/err), expect STATUS.
t() {
	desc=$1; want=$2; shift 2
	"$@" > "$tmp/out" 2> "$tmp/err"; got=$?
	if [ "$got" = "$want" ]; then ok "$desc"; else
		bad "$desc (exit $got, wanted $want)"; show "$tmp/err"; show "$tmp/out"; fi
}
# has DESC REGEX [FILE]: the last output (or FILE) matches.
has() { if grep -q -- "$2" "${3:-$tmp/out}"; then ok "$1"; else bad "$1"; show "${3:-$tmp/out}"; fi; }
# hasf DESC STRING [FILE]: the last output (or FILE) contains the fixed string.
hasf() { if grep -qF -- "$2" "${3:-$tmp/out}"; then ok "$1"; else bad "$1"; show "${3:-$tmp/out}"; fi; }
# hasnt DESC REGEX: the last output does not match.
hasnt() { if grep -q -- "$2" "$tmp/out"; then bad "$1"; show "$tmp/out"; else ok "$1"; fi; }
# lines DESC COUNT: the last output has COUNT lines.
lines() {
	got=$(wc -l < "$tmp/out" | tr -d ' ')
	if [ "$got" = "$2" ]; then ok "$1"; else bad "$1 ($got lines, wanted $2)"; show "$tmp/out"; fi
}
# same DESC TEXT: the last output is exactly TEXT (plus a newline).
same() {
	printf '%s\n' "$2" > "$tmp/want"
	if cmp -s "$tmp/want" "$tmp/out"; then ok "$1"; else
		bad "$1"; diff "$tmp/want" "$tmp/out" | sed 's/^/# /' | head -20; fi
}
