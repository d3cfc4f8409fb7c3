#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs libFuzzer campaigns: builds every target with clang (-fsanitize=fuzzer,address,undefined) and
# fuzzes each for N seconds from its committed corpus, then prints executions and coverage per target.
# Usage (from `make fuzz`): run-fuzz.sh SRCDIR SECONDS JOBS "LIB_SOURCES" "TARGETS" NAME=src.c[,extra.c]...
# TARGETS empty = all. Environment: CLANG, FUZZ_CPPFLAGS, LIBS; FUZZ_TOOL_CFLAGS and FUZZ_TOOL_LIBS (json-c)
# for the targets that link CLI sources. New inputs land in fuzz-out/NAME/corpus,
# crashes in fuzz-out/NAME/ (crash-*, leak-*, timeout-*); the committed corpus is only read.
set -eu
# One campaign (xargs runs JOBS of these at once): run-fuzz.sh --one SRCDIR SECONDS NAME
if [ "${1:-}" = --one ]; then
	srcdir=$2 seconds=$3 name=$4 out=fuzz-out/$4
	mkdir -p "$out/corpus"
	st=ok
	"fuzz-build/fuzz_$name" "$out/corpus" "$srcdir/fuzz/corpus/$name" \
		-max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$out/" >"$out/log" 2>&1 || st=FAILED
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/log" | tail -n1)
	cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$out/log" | tail -n1 || true)
	printf '%-20s %-7s %12s execs  %-22s corpus %s\n' "$name" "$st" "${execs:-?}" \
		"${cov:-cov: ?}" "$(ls "$out/corpus" | wc -l)"
	if [ "$st" != ok ]; then	# the report, for a CI log that is all one gets
		echo "fuzz: $name failed; the end of $out/log:" >&2
		grep -v '^#[0-9]' "$out/log" | tail -n 60 >&2
		for f in "$out"/crash-* "$out"/leak-* "$out"/timeout-* "$out"/oom-*; do
			[ -e "$f" ] && { echo "fuzz: $f (hex):" >&2; od -An -tx1 -v "$f" | head -n 64 >&2; }
		done
	fi
	[ "$st" = ok ]
	exit
fi
srcdir=$1 seconds=$2 jobs=$3 libsrc=$4 only=$5
shift 5
: "${CLANG:=clang}"
: "${FUZZ_CPPFLAGS:=}"
: "${LIBS:=}"
: "${FUZZ_TOOL_CFLAGS:=}"
: "${FUZZ_TOOL_LIBS:=}"

if ! command -v "$CLANG" >/dev/null 2>&1; then
	echo "fuzz: $CLANG not found; install clang (bootstrap --deps)" >&2
	exit 1
fi
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
CFLAGS="-std=gnu11 -g -O1 -fno-omit-frame-pointer $SAN"
obj=fuzz-build/obj
mkdir -p "$obj" fuzz-out

# The library, once, with coverage hooks but no libFuzzer main.
objs=""
for s in $libsrc; do
	case $s in *.c) ;; *) continue ;; esac
	o="$obj/$(echo "$s" | tr '/' '_' | sed 's/\.c$/.o/')"
	if [ ! -f "$o" ] || [ "$srcdir/$s" -nt "$o" ]; then
		# shellcheck disable=SC2086
		"$CLANG" $CFLAGS -fsanitize=fuzzer-no-link $FUZZ_CPPFLAGS -fvisibility=hidden \
			-c "$srcdir/$s" -o "$o"
	fi
	objs="$objs $o"
done
rm -f fuzz-build/libiommufmt-fuzz.a
# shellcheck disable=SC2086
ar rcs fuzz-build/libiommufmt-fuzz.a $objs

# Each selected target: build, then a campaign (JOBS at a time).
list=fuzz-build/targets
: > "$list"
for spec in "$@"; do
	name=${spec%%=*}
	srcs=$(echo "${spec#*=}" | tr ',' ' ')
	if [ -n "$only" ] && ! echo " $only " | grep -q " $name "; then
		continue
	fi
	in=""
	for s in $srcs; do in="$in $srcdir/$s"; done
	# shellcheck disable=SC2086
	"$CLANG" $CFLAGS -fsanitize=fuzzer $FUZZ_CPPFLAGS $FUZZ_TOOL_CFLAGS -DFUZZ_NAME="\"$name\"" $in \
		fuzz-build/libiommufmt-fuzz.a $LIBS $FUZZ_TOOL_LIBS -lm -o "fuzz-build/fuzz_$name"
	echo "$name" >> "$list"
done
[ -s "$list" ] || { echo "fuzz: no target selected (known: $*)" >&2; exit 1; }

status=0
summary=fuzz-out/summary
xargs -P "$jobs" -n 1 sh "$0" --one "$srcdir" "$seconds" < "$list" > "$summary" || status=1
sort "$summary"
if [ "$status" != 0 ]; then
	echo "fuzz: a target failed; its log and the crashing input are in fuzz-out/NAME/" >&2
	for f in fuzz-out/*/crash-* fuzz-out/*/leak-* fuzz-out/*/timeout-* fuzz-out/*/oom-*; do
		[ -e "$f" ] && echo "fuzz:   $f" >&2
	done
fi
exit "$status"
