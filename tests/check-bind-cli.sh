#!/bin/sh
# SPDX-License-Identifier: MIT
# The bind commands as a script would use them: hostinfo, check-bind (JSON, binary, deep), advertise. TAP.
set -u
. "${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}/tests/tap-lib.sh"
# Little-endian bytes as printf octal escapes: le BYTES VALUE (VALUE < 2^53 is enough here).
le() {
	awk -v n="$1" -v v="$2" 'BEGIN { for (i = 0; i < n; i++) { printf "\\%03o", v % 256; v = int(v / 256) } }'
}
be() {
	awk -v n="$1" -v v="$2" 'BEGIN { for (i = 0; i < n; i++) { b[i] = v % 256; v = int(v / 256) }
		for (i = n - 1; i >= 0; i--) printf "\\%03o", b[i] }'
}
# Host byte order (ne BYTES VALUE), in which the CLI reads binary structs: that of the tested
# build (HOST_BYTE_ORDER from configure; under emulation the shell's od describes the build
# machine), else the shell's own. Hardware payloads keep their own order (le, be).
if [ "${HOST_BYTE_ORDER:-$(printf '\001\000' | od -An -tu2 | sed 's/ //g;s/^1$/little/')}" = little ]
then
	ne() { le "$@"; }
else
	ne() { be "$@"; }
fi

echo "1..42"
for m in intel amd smmuv3 s390; do
	t "hostinfo $m (example host)" 0 "$IOMMUFMT" hostinfo --model "$m"
done
has "hostinfo names s390's shadowing" "flags shadow"
t "hostinfo --json" 0 "$IOMMUFMT" hostinfo --model smmuv3 --json
has "JSON carries the PASID width" '"pasid":{"bits":20'
t "hostinfo --regs (VT-d cap/ecap)" 0 "$IOMMUFMT" hostinfo --model intel \
	--regs cap=0x00d2008c40660462,ecap=0x00f0101e7fffe
has "the registers decode to a PASID width" "PASID"
t "hostinfo of impossible registers fails" 1 "$IOMMUFMT" hostinfo --model smmuv3 --regs idr0=0x10
has "and names HOST_REGS" "HOST_REGS" "$tmp/err"
# errors read "<what happened>: <detail>", the library's errno text first
hasf "and says what happened first" "iommufmt hostinfo: invalid argument: host registers: [HOST_REGS]" "$tmp/err"
# AMD EFR as a raw iommufd payload file (iommu_hw_info_amd: efr, efr2, host byte order).
efr=$(( (15 << 32) | (1 << 14) | (1 << 4) | (1 << 1) ))	# PASMAX 15, GLX 1, GT, PPR
printf "$(ne 8 $efr)$(ne 8 0)" > "$tmp/amd.bin"
t "hostinfo reads a raw payload file" 0 "$IOMMUFMT" hostinfo --model amd "$tmp/amd.bin"
has "GCR3 tables decoded" "amd-gcr3-1l"

cat > "$tmp/ste.json" <<'EOF'
{ "kind": "pasid-table", "format": "smmu-cd-linear", "pasid_bits": 4, "config": "translate",
  "base": "0x40000000",
  "payload": [ "0x200000004000000b", "0x1000001e" ] }
EOF
t "check-bind: a good guest STE" 0 "$IOMMUFMT" check-bind --model smmuv3 "$tmp/ste.json"
has "says ok" "^ok"
has "gives the IOMMU_HWPT_ALLOC data" "data_type 2"
# The iommufd data words as the kernel reads them, the same on every host: STE words __le64.
hasf "the STE words, as values" "hwpt flags 0x0: 200000004000000b 000000001000001e"
cat > "$tmp/vtd.json" <<'EOF'
{ "kind": "pgtable", "flags": ["pasid"], "pasid": 5, "format": "x86-64", "root": "0x80000000",
  "addr_width": 48,
  "payload": [ "0x41", "0x0007040600800007", "0x80000011", "0", "0", "0", "0", "0" ] }
EOF
t "check-bind: a good VT-d first-stage PASID entry" 0 "$IOMMUFMT" check-bind --model intel "$tmp/vtd.json"
# iommu_hwpt_vtd_s1: flags SRE|WPE, pgtbl_addr, then addr_width 48 and __reserved as one word
hasf "the VTD_S1 data, as values" "hwpt flags 0x8: 0000000000000005 0000000080000000 0000000000000030"
sed 's/0x1000001e/0x2000001e/' "$tmp/ste.json" > "$tmp/ste-bad.json"
t "check-bind: split-stage ATS is rejected" 1 "$IOMMUFMT" check-bind --model smmuv3 "$tmp/ste-bad.json"
has "with the field" "ste.eats"
t "check-bind --json" 1 "$IOMMUFMT" check-bind --model smmuv3 --json "$tmp/ste-bad.json"
has "JSON result" '"result":"rejected"'
has "JSON code" '"code":"BIND_UNSUPPORTED"'
sed 's/{ "kind"/{ "model": "smmuv3", "kind"/' "$tmp/ste.json" > "$tmp/ste-smmu.json"
t "check-bind: an SMMUv3 CD table offered to an Intel host" 1 \
	"$IOMMUFMT" check-bind --model intel "$tmp/ste-smmu.json"
has "is another model's data" "MODEL_MISMATCH"
has "naming both models" "SMMU (variant 0) data offered to a host of model INTL"
cat > "$tmp/unbind.json" <<'EOF'
{ "kind": "unbind", "flags": ["pgtable", "pasid", "release-flushed", "release-idle"], "pasid": 3 }
EOF
t "check-bind: an unbind releasing twice" 1 "$IOMMUFMT" check-bind --model smmuv3 "$tmp/unbind.json"
has "names the release flags" "UNBIND_RELEASE"

# A binary s390 page-table bind: the header (56 bytes, host byte order; model is the FourCC
# 'S390' as a __u32) then the FIB words in the hardware's byte order (big-endian).
{
	printf "$(ne 4 56)$(ne 4 0)$(ne 4 809055059)$(ne 4 0)$(ne 4 0)$(ne 4 6)"
	printf "$(ne 8 2952790016)$(ne 4 42)$(ne 4 261)$(ne 4 24)$(ne 4 0)$(ne 8 0)"
	printf "$(be 8 4294967296)$(be 8 8589934591)$(be 8 2952792068)"
} > "$tmp/s390.bin"
t "check-bind: a binary s390 page-table bind" 0 \
	"$IOMMUFMT" check-bind --model s390 --kind pgtable "$tmp/s390.bin"
t "check-bind: a binary bind needs --kind" 2 "$IOMMUFMT" check-bind --model s390 "$tmp/s390.bin"

# Deep check: a 16-entry CD table in guest memory whose CD 1 has a reserved granule.
head -c 1024 /dev/zero > "$tmp/cdtab.bin"
cd1=$(( 16 | (3 << 6) | (1 << 30) | (1 << 31) | (5 << 32) | (1 << 41) ))	# TG0 3 is reserved
printf "$(le 8 $cd1)" | dd of="$tmp/cdtab.bin" bs=1 seek=64 conv=notrunc 2>/dev/null
t "check-bind --gmem: the guest's CD table is read and a bad CD found" 1 \
	"$IOMMUFMT" check-bind --model smmuv3 --gmem "$tmp/cdtab.bin@0x40000000" "$tmp/ste.json"
has "names the table entry" "BIND_TABLE_ENTRY"

t "advertise for the example SMMUv3" 0 "$IOMMUFMT" advertise --model smmuv3
has "shows IDR0" "idr0"
t "advertise after an incompatible request" 1 \
	"$IOMMUFMT" advertise --model intel --pasid-bits 24 --features stall
has "lists every reason" "2 reason"
t "help check-bind documents the JSON" 0 "$IOMMUFMT" help check-bind
has "payload words" '"payload"'
t "unknown option is a usage error" 2 "$IOMMUFMT" check-bind --model amd --bogus x
hasf "usage errors say invalid argument" "iommufmt check-bind: invalid argument: unknown argument '--bogus'" "$tmp/err"
exit $fail
