/* SPDX-License-Identifier: MIT */
/* s390 zPCI native fault records: the error event CCDF, table and model rules. */
#include "lib/fault_table.h"
#include "formats/s390/nest.h"

/*
 * The error CCDF (doc/fault-records.md section 5; Linux struct
 * zpci_ccdf_err, QEMU PciCcdfErr and s390_pci_generate_error_event()):
 * 32 bytes, big-endian, so in 64-bit words:
 *   word 0: reserved1 63:32, fh (function handle) 31:0
 *   word 1: fid 63:32; ett 31:28, mvn 27:16, dmaas 15:8, reserved 7:2,
 *           q 1 (QEMU ERR_EVENT_Q_BIT), rw 0
 *   word 2: faddr, the failing address
 *   word 3: reserved3 63:32, reserved4 31:16, pec 15:0 (the code)
 * fid is the device id; rw = 1 a write, else a read. fh, ett, mvn, dmaas
 * and q have no generic field (their meaning is unconfirmed, sheet section
 * 8.7; QEMU always writes 0): a re-encoded record takes them back from its
 * native bytes, other records encode 0 (a VMM fills in the function
 * handle it gave the guest).
 *
 * No IBM architecture text was available, so the PEC meanings are QEMU's
 * ERR_EVENT_* names (hw/s390x/s390-pci-bus.h) and the paths that raise
 * them (sheet section 5). zPCI translation has one stage: a stage-1 fault
 * of a nested VMM is the guest's only stage; a stage-2 fault is the VMM's
 * and has no CCDF.
 */

/* Scratch bits: fh 0..31, ett 32..35, mvn 36..47, dmaas 48..55, q 56, rw 57. */
enum { X_RW = 57 };

static const struct iommufmt__frec_field f_err[] = {
	IOMMUFMT__FREC_FLD("fh", 0, 31, 0, X, 0),
	IOMMUFMT__FREC_FLD("fid", 1, 63, 32, DEVID, 0),
	IOMMUFMT__FREC_FLD("ett", 1, 31, 28, X, 32),
	IOMMUFMT__FREC_FLD("mvn", 1, 27, 16, X, 36),
	IOMMUFMT__FREC_FLD("dmaas", 1, 15, 8, X, 48),
	IOMMUFMT__FREC_FLD("q", 1, 1, 1, X, 56),
	IOMMUFMT__FREC_FLD("rw", 1, 0, 0, X, X_RW),
	IOMMUFMT__FREC_FLD("faddr", 2, 63, 0, ADDR, 0),
};

#define ROW(nm, pec, k, r) { .name = (nm), .code = (pec), .kind = IOMMUFMT_FAULT_KIND_##k, \
	.reason = IOMMUFMT_FAULT_##r, .nfields = ARRAY_SIZE(f_err), .fields = f_err }

static const struct iommufmt__frec_row s390_err_rows[] = {
	/* RPCIT with no guest IOTA registered (QEMU rpcit_service_call) */
	ROW("INVALAS", 0x01, CONFIG, TRANSLATION_OFF),
	/* address outside PBA..PAL (QEMU s390_translate_iommu, rpcit_service_call) */
	ROW("OORANGE", 0x02, EVENT, ADDR_SIZE_INPUT),
	/* the IOTA's translation format (sheet section 6: "0x3 INVALTF (format)") */
	ROW("INVALTF", 0x03, CONFIG, BAD_DEVICE_ENTRY),
	/*
	 * No IOTLB entry, or the access not allowed (QEMU s390_translate_iommu):
	 * QEMU raises it for not-present and protection alike; it reads as the
	 * protection fault its name says.
	 */
	ROW("TPROTE", 0x04, EVENT, PERMISSION),
	ROW("APROTE", 0x05, EVENT, OTHER),
	ROW("KEYE", 0x06, EVENT, OTHER),
	/* a table entry reads 0 during the walk (QEMU table_translate) */
	ROW("INVALTE", 0x07, EVENT, NOT_PRESENT),
	ROW("INVALTL", 0x08, EVENT, TABLE_LENGTH),
	ROW("TT", 0x09, EVENT, TABLE_TYPE),
	ROW("INVALMS", 0x0a, EVENT, OTHER),
	/* system error (abi.h names s390 SERR under HW_ERROR) */
	ROW("SERR", 0x0b, EVENT, HW_ERROR),
	ROW("NOMSI", 0x10, EVENT, OTHER),
	ROW("INVALBV", 0x11, EVENT, OTHER),
	ROW("AIBV", 0x12, EVENT, OTHER),
	ROW("AIRERR", 0x13, EVENT, OTHER),
	ROW("FMBA", 0x2a, EVENT, OTHER),
	ROW("FMBUP", 0x2b, EVENT, OTHER),
	ROW("FMBPRO", 0x2c, EVENT, OTHER),
	ROW("CCONF", 0x30, EVENT, OTHER),
	ROW("SERVAC", 0x3a, EVENT, OTHER),
	ROW("PERMERR", 0x3b, EVENT, OTHER),
};

static int s390_err_fix(const struct iommufmt__frec_fmt *f, const struct iommufmt__frec_row *r,
			const uint64_t *w, const uint64_t *s, struct iommufmt_fault *out,
			struct iommufmt_diag *diag)
{
	(void)f, (void)r, (void)w, (void)diag;
	iommufmt__frec_rw_decode(s[IOMMUFMT__FS_X], X_RW, out);
	return 0;
}

static int s390_err_unfix(const struct iommufmt__frec_fmt *f, const struct iommufmt__frec_row *r,
			  const struct iommufmt_fault *in, uint64_t *s, struct iommufmt_diag *diag)
{
	if (in->stage == 2)
		return iommufmt__frec_cannot(diag, f, "stage", in->stage,
				   "zPCI translation has one stage: a stage-2 fault has no CCDF");
	s[IOMMUFMT__FS_X] = iommufmt__frec_own(f, in) ?
			    iommufmt__frec_native_slot(f, r, in, IOMMUFMT__FS_X) & ~(UINT64_C(1) << X_RW) : 0;
	iommufmt__frec_rw_encode(s, X_RW);
	return 0;
}

/*
 * The PEC of a record that is not a CCDF (sheet section 6, s390 column,
 * what QEMU raises): 0 where zPCI has none. A not-present entry at DMA
 * time is 0x4 in QEMU (no IOTLB entry); a table entry that cannot be read
 * is 0x7 (QEMU cannot tell it from a zero entry). Reserved bits, bad
 * levels, output-address, non-canonical and access-flag faults have no
 * PEC (the sheet names 0x8 / 0x9 for table length / type only).
 */
static const uint8_t s390_pec_of[IOMMUFMT_FAULT_REASON_NR] = {
	[IOMMUFMT_FAULT_NOT_PRESENT] = 0x04,
	[IOMMUFMT_FAULT_PERMISSION] = 0x04,
	[IOMMUFMT_FAULT_ADDR_SIZE_INPUT] = 0x02,
	[IOMMUFMT_FAULT_TABLE_READ] = 0x07,
	[IOMMUFMT_FAULT_TABLE_TYPE] = 0x09,
	[IOMMUFMT_FAULT_TABLE_LENGTH] = 0x08,
	[IOMMUFMT_FAULT_TRANSLATION_OFF] = 0x01,
	[IOMMUFMT_FAULT_BAD_DEVICE_ENTRY] = 0x03,
	[IOMMUFMT_FAULT_HW_ERROR] = 0x0b,
};

static int s390_err_pick(const struct iommufmt__frec_fmt *f, const struct iommufmt_fault *in,
			 struct iommufmt_diag *diag)
{
	if (in->kind == IOMMUFMT_FAULT_KIND_PAGE_REQ)
		return iommufmt__frec_cannot(diag, f, "kind", in->kind, "zPCI has no page requests");
	if (!s390_pec_of[in->reason])
		return iommufmt__frec_cannot(diag, f, "reason", in->reason, "no zPCI PEC reports it");
	return s390_pec_of[in->reason];
}

IOMMUFMT__FREC_RSV_STORAGE(s390_err, s390_err_rows);
static const struct iommufmt__frec_fmt s390_err = {
	.name = "s390 zPCI error CCDF",
	.model = IOMMUFMT_MODEL_S390,
	.record = IOMMUFMT_FREC_EVENT,
	.size = 32,
	.big_endian = 1,
	.code = IOMMUFMT__BITS(3, 15, 0),
	IOMMUFMT__FREC_TABLE(s390_err, s390_err_rows),
	.fix = s390_err_fix,
	.unfix = s390_err_unfix,
	.pick = s390_err_pick,
};

static const struct iommufmt__frec_fmt *const s390_fmts[] = { &s390_err };

IOMMUFMT__FAULT_OPS(iommufmt__s390, s390_fmts);
