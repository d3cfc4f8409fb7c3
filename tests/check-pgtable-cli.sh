#!/bin/sh
# SPDX-License-Identifier: MIT
# `iommufmt translate` and `iommufmt walk` as scripts use them: exact JSON lines, tables, errors. TAP.
set -u
. "${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}/tests/tap-lib.sh"
MKIMAGE="$top_builddir/tests/pgtable-mkimage"
one_line_err() { # desc
	if [ "$(wc -l < "$tmp/err")" -eq 1 ] && [ ! -s "$tmp/out" ]; then ok "$1"; else
		bad "$1"; sed 's/^/# /' "$tmp/err" | head -5; fi
}

echo "1..54"

# x86-64, 4 levels, tables at 0x100000: a 2 MiB and a 4 KiB page, and a read-only page
root=$("$MKIMAGE" "$tmp/x86.bin" 0x100000 x86-64 levels=4 \
	map:0x40000000:0x80000000:0x201000:rwu map:0x80000000:0x90000000:0x1000:ru) \
	&& ok "x86-64 image built" || bad "x86-64 image built"
X86="--pgtable x86-64 --root $root --mem $tmp/x86.bin@0x100000"

t "translate --json runs" 0 "$IOMMUFMT" translate $X86 --json \
	0x40000123 0x40200fff 0x40201000 0x1000 0x800000000000 0xffff800000000000
same "translate --json lines are exact" \
'{"iova":"0x40000123","status":"ok","pa":"0x80000123","page_size":"0x200000","read":true,"write":true,"exec":true,"level":1,"native_level":2}
{"iova":"0x40200fff","status":"ok","pa":"0x80200fff","page_size":"0x1000","read":true,"write":true,"exec":true,"level":0,"native_level":1}
{"iova":"0x40201000","status":"fault","reason":"not-present","level":0,"native_level":1}
{"iova":"0x1000","status":"fault","reason":"not-present","level":2,"native_level":3}
{"iova":"0x800000000000","status":"fault","reason":"non-canonical","level":3,"native_level":4}
{"iova":"0xffff800000000000","status":"fault","reason":"not-present","level":3,"native_level":4}'

t "translate --access w of a read-only page runs" 0 "$IOMMUFMT" translate $X86 --json \
	--access w 0x80000000 0x40000000
same "a write to a read-only page is a permission fault" \
'{"iova":"0x80000000","status":"fault","reason":"permission","level":0,"native_level":1}
{"iova":"0x40000000","status":"ok","pa":"0x80000000","page_size":"0x200000","read":true,"write":true,"exec":true,"level":1,"native_level":2}'
t "privileged request to a user page (--access rp)" 0 "$IOMMUFMT" translate $X86 --json \
	--access rp 1073741824
has "decimal IOVAs work" '"iova":"0x40000000","status":"ok"'
t "execute control on: x86 pages built without exec" 0 "$IOMMUFMT" translate $X86 \
	--opt exec=1 --json --access x 0x40000000
has "exec=1 with XD clear still executes" '"exec":true'

t "translate without --json runs" 0 "$IOMMUFMT" translate $X86 0x40000123 0x1000
has "table header" "^IOVA  *STATUS  *PA  *PAGE_SIZE  *PERM  *LEVEL  *REASON"
has "table row ok" "^0x0000000040000123  ok      0x0000000080000123  0x200000      rwxu  1"
has "table row fault" "^0x0000000000001000  fault .*not-present"

t "walk --json runs" 0 "$IOMMUFMT" walk $X86 --json
same "walk --json lines are exact, in IOVA order" \
'{"iova":"0x40000000","pa":"0x80000000","page_size":"0x200000","read":true,"write":true}
{"iova":"0x40200000","pa":"0x80200000","page_size":"0x1000","read":true,"write":true}
{"iova":"0x80000000","pa":"0x90000000","page_size":"0x1000","read":true,"write":false}'
t "walk --range runs" 0 "$IOMMUFMT" walk $X86 --json --range 0x40200000:0x7fffffff
same "walk --range reports what intersects" \
'{"iova":"0x40200000","pa":"0x80200000","page_size":"0x1000","read":true,"write":true}'
t "walk --coalesce runs" 0 "$IOMMUFMT" walk $X86 --json --coalesce
has "coalesced run" '{"iova":"0x40000000","pa":"0x80000000","page_size":"0x201000","read":true,"write":true}'
t "walk without --json runs" 0 "$IOMMUFMT" walk $X86
has "walk table summary" "^3 leaf mappings, 0 faulting subtrees"

# a reserved bit (13) in the 2 MiB leaf: a faulting subtree
root2=$("$MKIMAGE" "$tmp/x86r.bin" 0x100000 x86-64 levels=4 \
	map:0x40000000:0x80000000:0x201000:rwu poke:0x102008:0x80002087) \
	&& ok "corrupted image built" || bad "corrupted image built"
t "walk over a reserved bit runs" 0 "$IOMMUFMT" walk --pgtable x86-64 --root "$root2" \
	--mem "$tmp/x86r.bin@0x100000" --json
same "the faulting subtree is a fault object" \
'{"iova":"0x40000000","pa":"0x80000000","page_size":"0x200000","read":true,"write":true}
{"status":"fault","iova":"0x40200000","reason":"reserved-bit"}'

# vtd-ss, 3 levels: a write-only page
root=$("$MKIMAGE" "$tmp/vtd.bin" 0x200000 vtd-ss levels=3 map:0x1000:0x2000:0x1000:w) \
	&& ok "vtd-ss image built" || bad "vtd-ss image built"
t "vtd-ss translate runs" 0 "$IOMMUFMT" translate --pgtable vtd-ss --opt levels=3 --root "$root" \
	--mem "$tmp/vtd.bin@0x200000" --json --access w 0x1000 0x8000000000
same "vtd-ss results" \
'{"iova":"0x1000","status":"ok","pa":"0x2000","page_size":"0x1000","read":false,"write":true,"exec":false,"level":0,"native_level":1}
{"iova":"0x8000000000","status":"fault","reason":"address-size-input","level":2,"native_level":3}'

# amd-v1, 3 levels: a 16 KiB page (NextLevel 7)
root=$("$MKIMAGE" "$tmp/amd.bin" 0x300000 amd-v1 levels=3 map:0x10000:0x48000:0x4000:rw) \
	&& ok "amd-v1 image built" || bad "amd-v1 image built"
t "amd-v1 translate runs" 0 "$IOMMUFMT" translate --pgtable amd-v1 --opt levels=3 --root "$root" \
	--mem "$tmp/amd.bin@0x300000" --json 0x12345
same "amd-v1 size-encoded page" \
'{"iova":"0x12345","status":"ok","pa":"0x4a345","page_size":"0x4000","read":true,"write":true,"exec":true,"level":0,"native_level":1}'

# usage errors: non-zero and one line on stderr
t "unknown format" 2 "$IOMMUFMT" translate --pgtable nope --root 0 --mem "$tmp/x86.bin@0" 0
one_line_err "unknown format: one line"
t "missing --root" 2 "$IOMMUFMT" translate --pgtable x86-64 --mem "$tmp/x86.bin@0x100000" 0
t "an option the format does not use" 2 "$IOMMUFMT" translate $X86 --opt granule=4k 0
one_line_err "unused option: one line"
t "top=rf (0, as if not given) for a format without top" 2 "$IOMMUFMT" translate $X86 \
	--opt top=rf 0
one_line_err "top=rf: one line"
t "sl0=0 for a format without sl0" 2 "$IOMMUFMT" walk $X86 --opt sl0=0
root=$("$MKIMAGE" "$tmp/s390.bin" 0x400000 s390-dat top=0 map:0x1000:0x2000:0x1000:rw) \
	&& ok "s390-dat image built" || bad "s390-dat image built"
t "top=rf for s390-dat" 0 "$IOMMUFMT" translate --pgtable s390-dat --opt top=rf --root "$root" \
	--mem "$tmp/s390.bin@0x400000" --json 0x1234
same "s390-dat region-first root" \
'{"iova":"0x1234","status":"ok","pa":"0x2234","page_size":"0x1000","read":true,"write":true,"exec":true,"level":0,"native_level":1}'
t "unknown option key" 2 "$IOMMUFMT" walk $X86 --opt bogus=1
t "bad IOVA" 2 "$IOMMUFMT" translate $X86 0xzz
t "unreadable memory file" 1 "$IOMMUFMT" translate --pgtable x86-64 --root 0x100000 \
	--mem "$tmp/missing.bin@0x100000" 0
one_line_err "unreadable file: one line"
t "overlapping memory files" 2 "$IOMMUFMT" translate $X86 --mem "$tmp/vtd.bin@0x100800" 0
t "bad --access" 2 "$IOMMUFMT" translate $X86 --access q 0

t "help translate documents the options" 0 "$IOMMUFMT" help translate
has "help lists levels=N" "levels=N"

# the benchmark section and the demo section run (figures are not checked here)
t "bench --quick --json pgtable runs" 0 "$IOMMUFMT" bench --quick --json pgtable
has "bench reports hot translation next to the chase" '"name":"translate.hot x86-64 4-level".*"baseline":"chase 4 loads"'
has "bench reports the range walk next to a sequential read" '"name":"walk.scan amd-v1 6-level.*"baseline":"seq read"'
t "demo --section pgtable runs and checks itself" 0 "$IOMMUFMT" demo --section pgtable
has "demo shows a stage-2 fault" "(stage 2)"
exit $fail
