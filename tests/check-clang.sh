#!/bin/sh
# SPDX-License-Identifier: MIT
# Every C source of the library, formats, CLI and tests compiles warning-free with clang too
# (the build itself uses the configured compiler, usually gcc). TAP output.
# CLANG is the command (default clang; make check-cross sets clang --target=TRIPLET).
set -u
: "${CLANG:=clang}"
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
if ! command -v "${CLANG%% *}" >/dev/null 2>&1; then
	echo "1..0 # SKIP clang not installed"
	exit 0
fi
FLAGS="-std=gnu11 -fsyntax-only -Werror -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes \
-Wmissing-prototypes -Wmissing-declarations -Wpointer-arith -Wcast-align -Wwrite-strings -Wundef \
-Wvla -Wnull-dereference -Wold-style-definition -Wno-missing-field-initializers -fno-common"
INC="-I$top_srcdir/include -I$top_builddir/include -I$top_srcdir -I$top_builddir"
JSON=$(pkg-config --cflags json-c 2>/dev/null)
CHK=$(pkg-config --cflags check 2>/dev/null)
files=$(cd "$top_srcdir" && ls lib/*.c formats/*.c formats/*/*.c tools/iommufmt/*.c tests/*.c 2>/dev/null)
echo "1..$(echo "$files" | wc -l)"
n=0
fail=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for f in $files; do
	n=$((n + 1))
	if $CLANG $FLAGS $INC $JSON $CHK "$top_srcdir/$f" >"$tmp" 2>&1; then
		echo "ok $n - $CLANG: $f"
	else
		fail=1
		echo "not ok $n - $CLANG: $f"
		sed 's/^/# /' "$tmp" | head -20
	fi
done
exit $fail
