#!/bin/sh
# SPDX-License-Identifier: MIT
# Each public header compiles alone as C89 -pedantic, C11 and C++; abi.h is -Wpadded clean;
# the layout asserts hold with -m32 and -m64. TAP output.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${CC:=cc}"
: "${CXX:=c++}"
INC="-I$top_srcdir/include -I$top_builddir/include"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); fail=1; echo "not ok $n - $1"; sed 's/^/# /' "$tmp/log"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
run() { desc=$1; shift; if "$@" >"$tmp/log" 2>&1; then ok "$desc"; else notok "$desc"; fi; }

headers="abi.h iommufmt.h provider.h version.h"
echo "1..$(( $(echo $headers | wc -w) * 4 + 5 ))"
for h in $headers; do
	printf '#include <iommufmt/%s>\n#include <iommufmt/%s>\nint iommufmt_header_test;\n' "$h" "$h" > "$tmp/h.c"
	cp "$tmp/h.c" "$tmp/h.cpp"
	run "$h alone, C89 -pedantic" $CC -std=c89 -pedantic -Wall -Wextra -Werror $INC -c "$tmp/h.c" -o "$tmp/h.o"
	run "$h alone, C11 -pedantic" $CC -std=c11 -pedantic -Wall -Wextra -Werror $INC -c "$tmp/h.c" -o "$tmp/h.o"
	run "$h alone, C++ -pedantic" $CXX -std=c++11 -pedantic -Wall -Wextra -Werror $INC -c "$tmp/h.cpp" -o "$tmp/h.o"
	run "$h alone, -m32" $CC -m32 -std=c11 -Wall -Werror $INC -c "$tmp/h.c" -o "$tmp/h.o"
done
# iommufmt.h includes abi.h and provider.h: every public struct is checked.
printf '#include <iommufmt/iommufmt.h>\nint iommufmt_padded_test;\n' > "$tmp/p.c"
run "public structs have no implicit padding (-Wpadded, 64-bit)" $CC -std=c11 -Wpadded -Werror $INC -c "$tmp/p.c" -o "$tmp/p.o"
run "public structs have no implicit padding (-Wpadded, 32-bit)" $CC -m32 -std=c11 -Wpadded -Werror $INC -c "$tmp/p.c" -o "$tmp/p.o"
printf '#include "tests/layout.h"\nint iommufmt_layout_test;\n' > "$tmp/l.c"
run "layout asserts hold with -m64" $CC -m64 -std=c11 -Werror $INC -I"$top_srcdir" -c "$tmp/l.c" -o "$tmp/l.o"
run "layout asserts hold with -m32" $CC -m32 -std=c11 -Werror $INC -I"$top_srcdir" -c "$tmp/l.c" -o "$tmp/l.o"
if command -v clang >/dev/null 2>&1; then
	run "layout asserts hold with clang -m32" clang -m32 -std=c11 -Werror $INC -I"$top_srcdir" -c "$tmp/l.c" -o "$tmp/l.o"
else
	skip "layout asserts hold with clang -m32" "clang not installed"
fi
exit $fail
