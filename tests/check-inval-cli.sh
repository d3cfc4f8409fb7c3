#!/bin/sh
# SPDX-License-Identifier: MIT
# decode-inval and encode-inval as a script would use them: round trips, rings, hostile input. TAP output.
set -u
. "${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}/tests/tap-lib.sh"
# pipe helper: run "$1" with stdin from file $2
enc() { "$IOMMUFMT" encode-inval "$@" < "$tmp/in"; }

echo "1..48"

# --- encode-inval: exact native bytes ---
cat > "$tmp/in" <<'EOF'
{"op":"invalidate","caches":["iotlb"],"granularity":"addr","archid":5,"addr":"0x40000000","size":"0x13000","leaf":true}
{"caches":"dev-iotlb","granularity":"addr","sid":16,"pasid":3,"addr":"0x10000","size":"0x4000"}
{"op":"sync","flags":["store"],"addr":"0x1000","data":7}
# the whole address space of ASID 1
{"caches":"iotlb","granularity":"addr","addr":0,"size":"0x10000000000000000","archid":1}
EOF
t "encode-inval smmuv3 --hex" 0 enc --model smmuv3 --hex
lines "one line per command" 4
has "TLBI_NH_VA with NUM/SCALE/TG and leaf" "^12200100000005000104004000000000  # TLBI_NH_VA"
has "ATC_INV with SSV, SSID, Size 2" "^40380000100000000200010000000000  # ATC_INV"
has "CMD_SYNC storing 7 to 0x1000" "^46100000070000000010000000000000  # CMD_SYNC"
has "the whole space is TLBI_NH_ASID" "^11000000000001000000000000000000  # TLBI_NH_ASID"
t "encode-inval intel --hex" 0 enc --model intel --hex
has "19 pages become 16 + 2 + 1 page blocks" "^32000500000000004400004000000000  # IOTLB_PAGE"
has "PASID device-TLB with S bit" "^08001000030000000018010000000000  # PDEV_TLB"
has "the whole space is AM 52" "^32000100000000003400000000000000  # IOTLB_PAGE"

# --- round trips through binary, for every model ---
t "encode-inval smmuv3 binary" 0 sh -c "'$IOMMUFMT' encode-inval --model smmuv3 < '$tmp/in' > '$tmp/smmu.bin'"
t "decode-inval smmuv3 --json" 0 "$IOMMUFMT" decode-inval --model smmuv3 "$tmp/smmu.bin" --json
lines "four commands decoded" 4
has "generic fields present" '"index":0,"cmd":"TLBI_NH_VA","op":"invalidate","caches":\["iotlb"\],"granularity":"addr","archid":5,"pasid":null,"sid":null,"addr":"0x40000000","size":"0x13000","granule":12,"leaf":true'
has "device-TLB entry" '"index":1,"cmd":"ATC_INV".*"pasid":3,"sid":16,"addr":"0x10000","size":"0x4000"'
has "whole ASID" '"cmd":"TLBI_NH_ASID".*"granularity":"domain","archid":1'
cat > "$tmp/in" <<'EOF'
{"caches":["iotlb"],"granularity":"addr","archid":7,"addr":"0x7000","size":"0x1000"}
{"caches":["device"],"granularity":"device","sid":24}
{"op":"page-response","sid":24,"pasid":9,"tag":5,"code":"invalid"}
EOF
t "encode-inval amd binary" 0 sh -c "'$IOMMUFMT' encode-inval --model amd < '$tmp/in' > '$tmp/amd.bin'"
t "decode-inval amd" 0 "$IOMMUFMT" decode-inval --model amd "$tmp/amd.bin"
has "INVALIDATE_IOMMU_PAGES back" "INVALIDATE_IOMMU_PAGES .*archid=0x7 addr=0x7000 size=0x1000"
has "COMPLETE_PPR_REQUEST back" "COMPLETE_PPR_REQUEST .*pasid=0x9 sid=0x18 tag=5 code=invalid"
printf '%s\n' '{"caches":"iotlb","granularity":"addr","sid":40,"addr":"0x100000","size":"0x5000"}' > "$tmp/in"
t "encode-inval s390 binary" 0 sh -c "'$IOMMUFMT' encode-inval --model s390 < '$tmp/in' > '$tmp/s390.bin'"
t "decode-inval s390 --json" 0 "$IOMMUFMT" decode-inval --model S390 "$tmp/s390.bin" --json
has "RPCIT range back" '"cmd":"RPCIT".*"sid":40,"addr":"0x100000","size":"0x5000"'

# --- guest rings: wrap-around, a bad command stops the queue ---
cat > "$tmp/in" <<'EOF'
{"caches":"iotlb","granularity":"domain","archid":10}
{"caches":"iotlb","granularity":"domain","archid":11}
{"caches":"iotlb","granularity":"domain","archid":12}
{"caches":"iotlb","granularity":"domain","archid":13}
EOF
enc --model smmuv3 > "$tmp/ring.bin"
t "ring head 2, tail 1: wraps" 0 "$IOMMUFMT" decode-inval --model smmuv3 --ring 0x1000:4:2:1 "$tmp/ring.bin" --json
lines "three commands in the ring" 3
has "slot 2 first" '^{"index":2,.*"archid":12'
has "slot 0 after slot 3" '^{"index":0,.*"archid":10'
# set reserved bit 18 of slot 3 (TLBI_NH_ASID qword 0)
printf '\004' | dd of="$tmp/ring.bin" bs=1 seek=50 conv=notrunc 2>/dev/null
t "a bad command stops the queue" 1 "$IOMMUFMT" decode-inval --model smmuv3 --ring 0x1000:4:2:1 "$tmp/ring.bin" --json
lines "slot 2, then the error" 2
has "error names the reserved bits and CERROR_ILL" '"index":3,"cmd":"TLBI_NH_ASID","error":.*"code":"INV_RESERVED_BIT","field":"TLBI_NH_ASID.qw0\[31:8\]","class":"illegal","native_err":1'
hasnt "nothing after the bad slot" '"index":0'
t "head outside the ring" 1 "$IOMMUFMT" decode-inval --model smmuv3 --ring 0x1000:4:4:1 "$tmp/ring.bin"
has "queue index error" "INV_QUEUE_INDEX" "$tmp/err"
lines "a refused ring prints no entry" 0
# a ring refused before its first slot decodes nothing: no entry (nor stack contents) printed
head -c 256 /dev/zero > "$tmp/zero.bin"
t "head 9 of 8 slots" 1 "$IOMMUFMT" decode-inval --model smmuv3 --ring 0x80000:8:9:2 "$tmp/zero.bin"
lines "nothing on stdout" 0
has "the diagnostic names head" "head 9 is outside the ring" "$tmp/err"
t "tail 9 of 8 slots, --json" 1 "$IOMMUFMT" decode-inval --model smmuv3 --ring 0x80000:8:2:9 "$tmp/zero.bin" --json
lines "nothing on stdout either" 0
t "ring beyond the file: fetch error" 1 "$IOMMUFMT" decode-inval --model smmuv3 --ring 0x1000:8:4:6 "$tmp/ring.bin" --json
has "fetch class" '"class":"fetch"'

# --- hostile input and usage ---
t "no model" 2 "$IOMMUFMT" decode-inval "$tmp/ring.bin"
t "unknown model" 2 "$IOMMUFMT" decode-inval --model vax "$tmp/ring.bin"
head -c 20 "$tmp/ring.bin" > "$tmp/short.bin"
t "not whole commands" 1 "$IOMMUFMT" decode-inval --model smmuv3 "$tmp/short.bin"
printf '%s\n' '{"caches":"iotlb","granularity":"domain","archid":1}' > "$tmp/in"
t "s390 cannot invalidate a domain" 1 enc --model s390 --hex
has "says why" "INV_CANNOT_ENCODE" "$tmp/err"
printf '%s\n' '{"caches":"iotlb","granularity":"addr","archid":1,"addr":"0x0","size":"0x400000"}' > "$tmp/in"
t "VT-d with MAMV 0 widens 1024 pages" 0 enc --model intel --max-am 0 --hex
has "reported on stderr" "widened" "$tmp/err"
exit $fail
