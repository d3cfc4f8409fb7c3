#!/bin/sh
# SPDX-License-Identifier: MIT
# The CLI as a script would use it: info (text and JSON), help, demo, usage errors. TAP output.
set -u
. "${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}/tests/tap-lib.sh"
echo "1..13"
t "info runs" 0 "$IOMMUFMT" info
has "info lists the SMMU model" "smmuv3"
t "info --json runs" 0 "$IOMMUFMT" info --json
has "info --json names the s390-dat format" '"name":"s390-dat"'
t "help lists commands" 0 "$IOMMUFMT" help
has "help names demo" "demo"
t "help for one command" 0 "$IOMMUFMT" help info
t "unknown command is a usage error" 2 "$IOMMUFMT" frobnicate
t "unknown option is a usage error" 2 "$IOMMUFMT" info --bogus
hasf "and says what happened first" "iommufmt info: invalid argument: unknown argument '--bogus'" "$tmp/err"
t "demo runs and checks itself" 0 "$IOMMUFMT" demo
has "demo finishes" "demo complete"
t "bench --quick core runs" 0 "$IOMMUFMT" bench --quick --json core
exit $fail
