#!/bin/sh
# SPDX-License-Identifier: MIT
# Public headers: each compiles alone (C89, C11, C++); no public struct has implicit padding and the
# layout asserts hold, with $CC (native, -m32, -m64) and with clang for armv7, i386, s390x and x86_64.
# TAP output; a build the toolchain cannot do (no -m32 on s390x or arm64, no clang) is skipped.
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
# can COMPILER...: whether it compiles a trivial file without a warning (probes clang targets).
printf 'int iommufmt_probe;\n' > "$tmp/t.c"
can() { "$@" -Werror -c "$tmp/t.c" -o "$tmp/t.o" >/dev/null 2>&1; }
# bits N COMPILER...: whether it builds code with N-bit pointers (some compilers ignore -m32).
bits() {
	w=$1; shift
	printf 'int iommufmt_probe[sizeof(void *) * 8 == %s ? 1 : -1];\n' "$w" > "$tmp/b.c"
	"$@" -Werror -c "$tmp/b.c" -o "$tmp/b.o" >/dev/null 2>&1
}
# mbits DESC M COMMAND...: run COMMAND (which builds with $CC M) if $CC M gives M-bit pointers.
mbits() {
	desc=$1; m=$2; shift 2
	# shellcheck disable=SC2086 # CC is a word list
	if bits "${m#-m}" $CC "$m"; then run "$desc" "$@"; else skip "$desc" "$CC cannot build $m"; fi
}

headers="abi.h iommufmt.h provider.h version.h"
for h in $headers; do
	printf '#include <iommufmt/%s>\n#include <iommufmt/%s>\nint iommufmt_header_test;\n' "$h" "$h" > "$tmp/h.c"
	cp "$tmp/h.c" "$tmp/h.cpp"
	run "$h alone, C89 -pedantic" $CC -std=c89 -pedantic -Wall -Wextra -Werror $INC -c "$tmp/h.c" -o "$tmp/h.o"
	run "$h alone, C11 -pedantic" $CC -std=c11 -pedantic -Wall -Wextra -Werror $INC -c "$tmp/h.c" -o "$tmp/h.o"
	run "$h alone, C++ -pedantic" $CXX -std=c++11 -pedantic -Wall -Wextra -Werror $INC -c "$tmp/h.cpp" -o "$tmp/h.o"
	mbits "$h alone, -m32" -m32 $CC -m32 -std=c11 -Wall -Werror $INC -c "$tmp/h.c" -o "$tmp/h.o"
done

# Every public struct (iommufmt.h includes abi.h and provider.h) has its size taken: gcc warns
# about padding where a struct is defined, clang only where its layout is needed.
{
	echo '#include <iommufmt/iommufmt.h>'
	echo 'unsigned long iommufmt_padded_test[] = {'
	sed -n 's/^struct \(iommufmt_[A-Za-z0-9_]*\) {.*/	sizeof(struct \1),/p' \
		"$top_srcdir"/include/iommufmt/*.h
	echo '	0 };'
} > "$tmp/p.c"
printf '#include "tests/layout.h"\nint iommufmt_layout_test;\n' > "$tmp/l.c"
PAD="-std=c11 -Wpadded -Werror $INC -fsyntax-only $tmp/p.c"
LAY="-std=c11 -Werror $INC -I$top_srcdir -fsyntax-only $tmp/l.c"
# shellcheck disable=SC2086 # PAD and LAY are word lists
run "public structs have no implicit padding ($CC)" $CC $PAD
for m in -m64 -m32; do
	# shellcheck disable=SC2086
	mbits "public structs have no implicit padding ($CC $m)" $m $CC $m $PAD
	# shellcheck disable=SC2086
	mbits "layout asserts hold ($CC $m)" $m $CC $m $LAY
done

# The same with clang for other ABIs, without their libc: armv7 (32-bit, __u64 aligned to 8, so
# a 4-byte pointer next to __u64 fields leaves holes that -Wpadded on i386 cannot see), i386,
# big-endian s390x and x86_64. The headers need only <linux/types.h> and the compiler's own
# <stddef.h>; where the kernel headers cannot serve a target, abi.h's <stdint.h> branch does.
for target in armv7a-linux-gnueabihf i686-linux-gnu s390x-linux-gnu x86_64-linux-gnu; do
	pad="public structs have no implicit padding (clang --target=$target)"
	lay="layout asserts hold (clang --target=$target)"
	if ! command -v clang >/dev/null 2>&1; then
		skip "$pad" "clang not installed"; skip "$lay" "clang not installed"; continue
	fi
	if ! can clang --target="$target"; then
		skip "$pad" "clang cannot build for $target"; skip "$lay" "clang cannot build for $target"
		continue
	fi
	flags=""
	printf '#include <iommufmt/abi.h>\n' > "$tmp/a.c"
	# shellcheck disable=SC2086
	if ! clang --target="$target" -fsyntax-only $INC "$tmp/a.c" >/dev/null 2>&1; then
		flags="-ffreestanding -U__linux__"
	fi
	# shellcheck disable=SC2086
	run "$pad" clang --target="$target" $flags $PAD
	# shellcheck disable=SC2086
	run "$lay" clang --target="$target" $flags $LAY
done
echo "1..$n"
exit $fail
