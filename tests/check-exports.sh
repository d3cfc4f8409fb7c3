#!/bin/sh
# SPDX-License-Identifier: MIT
# Exports: every dynamic symbol starts with iommufmt_, the set equals the version script,
# and the static library leaks no unprefixed global symbol of ours. TAP output.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${SYMFILE:=$top_srcdir/lib/libiommufmt.sym}"
so=$(ls "$top_builddir"/.libs/libiommufmt.so.*.*.* 2>/dev/null | head -n1)
a="$top_builddir/.libs/libiommufmt.a"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "1..4"
if [ -z "$so" ]; then
	echo "not ok 1 - shared library built"; echo "not ok 2 - # no .so"; echo "not ok 3"; echo "not ok 4"; exit 1
fi
echo "ok 1 - shared library built ($(basename "$so"))"
nm -D --defined-only "$so" | awk '$2 ~ /^[TDRBVW]$/ {print $3}' | sed 's/@.*//' | sort -u > "$tmp/exported"
sed 's#/\*.*\*/##' "$SYMFILE" | tr -d ' \t' | grep -E '^iommufmt_[A-Za-z0-9_]*;$' | tr -d ';' | sort -u > "$tmp/script"
bad=$(grep -v '^iommufmt_' "$tmp/exported" | grep -v '^IOMMUFMT_' || true)
if [ -z "$bad" ]; then echo "ok 2 - every exported symbol starts with iommufmt_"; else
	echo "not ok 2 - exported symbols without the prefix"; echo "$bad" | sed 's/^/# /'; fi
if diff -u "$tmp/script" "$tmp/exported" > "$tmp/diff"; then
	echo "ok 3 - exports match lib/libiommufmt.sym ($(wc -l < "$tmp/exported") symbols)"
else
	echo "not ok 3 - exports differ from lib/libiommufmt.sym"; sed 's/^/# /' "$tmp/diff"; bad=x
fi
# Tests 2 and 3 read the dynamic symbol table, which holds exactly what a program can bind
# to. The static library's objects also carry global symbols the toolchain itself adds:
# names that are no C identifier (gcc's hidden __x86.get_pc_thunk.* helpers on i386) and
# instrumentation symbols (sanitizers, coverage, profiling). None of them comes from our
# sources or reaches the dynamic table, so test 4 ignores them.
toolchain='^__(x86\.get_pc_thunk\.|odr_asan_gen_|asan_|ubsan_|tsan_|sanitizer_|sancov_|gcov_|llvm_)|[^A-Za-z0-9_]'
if [ -f "$a" ]; then
	leak=$(nm --defined-only -g "$a" 2>/dev/null | awk 'NF==3 && $2 ~ /^[TDRBC]$/ {print $3}' |
		grep -v '^iommufmt_' | grep -Ev "$toolchain" | sort -u || true)
	if [ -z "$leak" ]; then echo "ok 4 - static library: every global symbol is prefixed"; else
		echo "not ok 4 - static library globals without the prefix"; echo "$leak" | sed 's/^/# /'; bad=x; fi
else
	echo "ok 4 - static library # SKIP not built"
fi
[ -z "$bad" ]
