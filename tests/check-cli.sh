#!/bin/sh
# SPDX-License-Identifier: MIT
# The CLI as a script would use it: info (text and JSON), help, demo, usage errors. TAP output.
set -u
: "${top_builddir:=$(cd "$(dirname "$0")/.." && pwd)}"
IOMMUFMT="$top_builddir/tools/iommufmt/iommufmt"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
t() { # desc, expected status, command...
	desc=$1; want=$2; shift 2
	"$@" > "$tmp/out" 2> "$tmp/err"; got=$?
	n=$((n + 1))
	if [ "$got" = "$want" ]; then echo "ok $n - $desc"; else
		fail=1; echo "not ok $n - $desc (exit $got, wanted $want)"; sed 's/^/# /' "$tmp/err" | head -20; fi
}
has() { # desc, pattern (in last output)
	n=$((n + 1))
	if grep -q -- "$2" "$tmp/out"; then echo "ok $n - $1"; else
		fail=1; echo "not ok $n - $1"; head -20 "$tmp/out" | sed 's/^/# /'; fi
}
echo "1..12"
t "info runs" 0 "$IOMMUFMT" info
has "info lists the SMMU model" "smmuv3"
t "info --json runs" 0 "$IOMMUFMT" info --json
has "info --json names the s390-dat format" '"name":"s390-dat"'
t "help lists commands" 0 "$IOMMUFMT" help
has "help names demo" "demo"
t "help for one command" 0 "$IOMMUFMT" help info
t "unknown command is a usage error" 2 "$IOMMUFMT" frobnicate
t "unknown option is a usage error" 2 "$IOMMUFMT" info --bogus
t "demo runs and checks itself" 0 "$IOMMUFMT" demo
has "demo finishes" "demo complete"
t "bench --quick core runs" 0 "$IOMMUFMT" bench --quick --json core
exit $fail
