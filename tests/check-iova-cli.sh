#!/bin/sh
# SPDX-License-Identifier: MIT
# The iova and map-plan commands as a script would use them: ranges, verdicts, importers, plans. TAP.
set -u
. "${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}/tests/tap-lib.sh"

echo "1..31"
t "iova with nothing: the whole space" 0 "$IOMMUFMT" iova --json
hasf "one range up to 2^64-1" '{"start":"0x0","last":"0xffffffffffffffff"}'
t "aperture and two regions" 0 "$IOMMUFMT" iova --aperture 0:0xffffffffffff \
	--resv 0x8000000:0x80fffff:sw-msi --resv 0xfee00000:0xfeefffff:msi --json
lines "three usable ranges" 3
hasf "JSON range before the SW MSI window" '{"start":"0x0","last":"0x7ffffff"}'
hasf "JSON range after the MSI doorbell" '{"start":"0xfef00000","last":"0xffffffffffff"}'
t "a map over the doorbell is rejected" 1 "$IOMMUFMT" iova --resv 0xfee00000:0xfeefffff:msi \
	--check-map 0xfe000000:32m
hasf "the verdict names the region" "rejected: msi [0xfee00000, 0xfeefffff]"
hasf "the diagnostic code is printed" "IOVA_MAP_RESERVED"
t "a map beside it is accepted" 0 "$IOMMUFMT" iova --resv 0xfee00000:0xfeefffff:msi \
	--check-map 0x100000000:4g
hasf "accepted" "accepted"
t "outside the aperture, as JSON" 1 "$IOMMUFMT" iova --aperture 0:0xffffffff \
	--check-map 0xfffff000:8k --json
hasf "JSON verdict aperture with the gap" '"verdict":"aperture","iova":"0xfffff000","length":"0x2000","start":"0x100000000","last":"0xffffffffffffffff"'
printf '0x0000000008000000 0x00000000080fffff msi\n0x00000000fee00000 0x00000000feefffff msi\n' \
	> "$tmp/resv.txt"
printf '0x00000000000a0000 0x00000000000bffff direct-relaxable\n' > "$tmp/resv2.txt"
t "two sysfs files" 0 "$IOMMUFMT" iova --from-sysfs "$tmp/resv.txt" --from-sysfs "$tmp/resv2.txt"
hasf "text output lists the ranges" "0x0000000008100000 - 0x00000000fedfffff"
hasf "the relaxable region blocks by default" "0x00000000000c0000 - 0x0000000007ffffff"
t "--relax lets relaxable regions through" 0 "$IOMMUFMT" iova --relax \
	--from-sysfs "$tmp/resv2.txt" --json
lines "one range" 1
printf 'this is not a region\n' > "$tmp/bad.txt"
t "a malformed sysfs file is an error" 1 "$IOMMUFMT" iova --from-sysfs "$tmp/bad.txt"
# virtio PROBE properties: RESV_MEM MSI [0x8000000, 0x80fffff], then the end
printf '\001\000\024\000\001\000\000\000\000\000\000\010\000\000\000\000\377\377\017\010\000\000\000\000\000\000\000\000' \
	> "$tmp/probe.bin"
t "virtio PROBE properties" 0 "$IOMMUFMT" iova --from-virtio "$tmp/probe.bin" --json
hasf "the MSI window is a hole" '{"start":"0x8100000","last":"0xffffffffffffffff"}'
# HOST_BYTE_ORDER (make check sets it from configure) is the byte order the CLI runs with; od
# only knows the shell's, which differs under emulation (make check-cross).
order=${HOST_BYTE_ORDER:-$(printf '\001\000' | od -An -tu2 | sed 's/ //g;s/^1$/little/;s/^256$/big/')}
# field WIDTH VALUE: VALUE as a WIDTH-byte integer in that byte order.
field() {
	hex=$(printf "%0$(($1 * 2))x" "$2")
	pairs=$(echo "$hex" | sed 's/../& /g')
	[ "$order" = little ] && pairs=$(for p in $pairs; do echo "$p"; done | tac)
	for p in $pairs; do printf "\\$(printf '%03o' "0x$p")"; done
}
# VFIO_IOMMU_GET_INFO reply: info (argsz 56, flags 3, iova_pgsizes 4K, cap_offset 24), then the
# IOVA-range capability (id 1, version 1, next 0) with one range [1 MiB, 4 GiB - 1].
{
	field 4 56; field 4 3; field 8 0x1000; field 4 24; field 4 0
	field 2 1; field 2 1; field 4 0; field 4 1; field 4 0
	field 8 0x100000; field 8 0xffffffff
} > "$tmp/vfio.bin"
t "VFIO GET_INFO reply ($order-endian)" 0 "$IOMMUFMT" iova --from-vfio "$tmp/vfio.bin" --json
hasf "its range is the aperture" '{"start":"0x100000","last":"0xffffffff"}'
t "a bad region type is a usage error" 2 "$IOMMUFMT" iova --resv 0:0xfff:bogus
t "map-plan" 0 "$IOMMUFMT" map-plan --pgsizes 4k,2m,1g 0x3ff000 0x3ff000 0x401000
hasf "map-plan counts chunks and pages" "2 chunks, 3 pages"
t "map-plan --json" 0 "$IOMMUFMT" map-plan --pgsizes 4k,2m,1g --json 0x40000000 0x80000000 3g
hasf "one run of three 1G pages" '"pgsize":"0x40000000","count":3}'
t "map-plan rejects a misaligned address" 1 "$IOMMUFMT" map-plan --pgsizes 4k,2m 0x800 0 4k
t "demo section iova" 0 "$IOMMUFMT" demo --section iova
t "bench --quick iova runs" 0 "$IOMMUFMT" bench --quick --json iova
exit $fail
