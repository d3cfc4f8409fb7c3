/* SPDX-License-Identifier: MIT */
/* VT-d fault recording register and page request descriptor: tables, rules, walker codes. */
#include "formats/intel/nest.h"
#include "lib/fault_table.h"

/*
 * Sources (doc/fault-records.md section 3): the fault recording register
 * layout from VirtualBox include/VBox/iommu-intel.h (VTD_BF_*_FRCD_REG_*),
 * Linux dma_frcd_* (drivers/iommu/intel/iommu.h) and QEMU VTD_FRCD_*
 * (hw/i386/intel_iommu_internal.h); the fault reasons from Linux
 * dma_remap_fault_reasons / dma_remap_sm_fault_reasons / irq_remap_fault_reasons
 * (drivers/iommu/intel/dmar.c) and QEMU VTDFaultReason; the page request
 * descriptor from Linux struct page_req_dsc (drivers/iommu/intel/prq.c).
 * Where QEMU and the architecture disagree the architecture wins: PV is 20
 * bits (VBox, Linux dma_frcd_pasid_value), not QEMU's 16 (VTD_FRCD_PV).
 */

/*
 * Model scratch bits (IOMMUFMT__FS_X) of the fault recording register:
 * fields the generic record has no slot for. F is the valid bit; T1:T2 the
 * request type; AT the address type; IIDX the interrupt index that
 * interrupt-remapping faults report in FI[63:48].
 */
enum {
	X_F = 0,	/* F, 127 */
	X_TYPE = 1,	/* T2 (92) at bit 1, T1 (126) at bit 2: the value T1 * 2 + T2 */
	X_AT = 3,	/* AT, 125:124 */
	X_IIDX = 16,	/* FI[63:48] of an interrupt-remapping fault */
};

/* Row fix codes: a DMA-remapping fault (FI is the page address) or an interrupt-remapping one. */
enum { FIX_DMA = 1, FIX_IR };

/*
 * Request type {T1,T2} -> permission, indexed by T1 * 2 + T2: 00 write,
 * 01 page (translation) request, 10 read, 11 AtomicOp (reads and writes).
 * The order is VirtualBox's VTDREQTYPE (WRITE, PAGE, READ, ATOMIC_OP);
 * UNCONFIRMED against the Intel text (doc/fault-records.md 8.4). T1 alone
 * is the legacy T bit: Linux dmar_fault prints 1 as read, QEMU
 * vtd_record_frcd sets it for reads. Every R/W combination has one type, so
 * the mapping is a bijection and encoding never refuses a permission.
 */
static const uint8_t type_perm[4] = {
	IOMMUFMT_ACCESS_WRITE,
	0,
	IOMMUFMT_ACCESS_READ,
	IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE,
};

#define FLD	IOMMUFMT__FREC_FLD
#define FLAG	IOMMUFMT__FREC_FLAG
#define PERM	IOMMUFMT__FREC_PERM
#define IGN	IOMMUFMT__FREC_IGNORED

/*
 * Fault recording register, 128 bits as two words; absolute bit n is word
 * n / 64 bit n % 64. Reserved: 11:0 and 91:80 (VBox RSVD_11_0 / RSVD_27_16).
 * The request fields follow FI (or the interrupt index), common to all rows.
 */
#define FR_REQUEST \
	FLD("sid", 1, 15, 0, DEVID, 0),		/* 79:64 */ \
	FLD("t2", 1, 28, 28, X, X_TYPE),	/* 92 */ \
	PERM("priv", 1, 29, IOMMUFMT_ACCESS_PRIV),	/* 93 */ \
	PERM("exe", 1, 30, IOMMUFMT_ACCESS_EXEC),	/* 94 */ \
	FLAG("pp", 1, 31, IOMMUFMT_FAULT_F_PASID_VALID),	/* 95 */ \
	FLD("pv", 1, 59, 40, PASID, 0),		/* 123:104 */ \
	FLD("at", 1, 61, 60, X, X_AT),		/* 125:124 */ \
	FLD("t1", 1, 62, 62, X, X_TYPE + 1),	/* 126 */ \
	FLD("f", 1, 63, 63, X, X_F)		/* 127 */

static const struct iommufmt__frec_field f_dma[] = {
	FLD("fi", 0, 63, 12, ADDR, 12), FR_REQUEST,
};
/* "bits 63:48 indicate the interrupt_index ..., bits 47:12 are cleared": 47:12 reserved here. */
static const struct iommufmt__frec_field f_ir[] = {
	FLD("iidx", 0, 63, 48, X, X_IIDX), FR_REQUEST,
};

#define ROW(nm, fr, k, r, st, fx, fl) \
	{ (nm), (fr), IOMMUFMT_FAULT_KIND_##k, IOMMUFMT_FAULT_##r, (st), (fx), 0, \
	  ARRAY_SIZE(fl), (fl) }
/* A DMA-remapping fault reason: kind, generic reason, stage. */
#define DMA(nm, fr, k, r, st)	ROW(nm, fr, k, r, st, FIX_DMA, f_dma)
/* An interrupt-remapping fault (iommufmt has no interrupt remapping: reason OTHER, code kept). */
#define IR(nm, fr)		ROW(nm, fr, EVENT, OTHER, 0, FIX_IR, f_ir)

/*
 * One row per fault reason (doc/fault-records.md 3.4). FR 0 is reserved
 * (QEMU VTD_FR_RESERVED). Legacy-mode reasons translate with the one
 * (second-level) table: stage 0. Scalable-mode reasons name the stage:
 * 0x70-0x73, 0x80-0x83, 0x85, 0x86, 0x90 the first stage; 0x78-0x7C and
 * 0x84 the second; 0x75-0x77 the second stage's translation of first-stage
 * table reads (nested), so stage 2; 0x74 an address in a first-stage entry
 * beyond MGAW, a first-stage output size fault (section 6 "output address
 * too large: 0x74 (FS in nested)"). Root, context and PASID-structure
 * reasons are device-level (stage 0, kind CONFIG); those that refuse the
 * request rather than a structure (TTM, DTE, PRE, ERE, SRE) are BAD_REQUEST
 * events. Without a generic equivalent (the no-snoop A/D updates 0x7C and
 * 0x90) the reason is OTHER, the FR kept in code.
 */
static const struct iommufmt__frec_row fr_rows[] = {
	/* legacy mode (Linux dma_remap_fault_reasons, QEMU VTD_FR_*) */
	DMA("ROOT_ENTRY_P", 0x01, CONFIG, BAD_DEVICE, 0),
	DMA("CONTEXT_ENTRY_P", 0x02, CONFIG, BAD_DEVICE, 0),
	DMA("CONTEXT_ENTRY_INV", 0x03, CONFIG, BAD_DEVICE_ENTRY, 0),
	DMA("ADDR_BEYOND_MGAW", 0x04, EVENT, ADDR_SIZE_INPUT, 0),
	DMA("WRITE", 0x05, EVENT, PERMISSION, 0),
	DMA("READ", 0x06, EVENT, PERMISSION, 0),
	DMA("PAGING_ENTRY_INV", 0x07, EVENT, TABLE_READ, 0),
	DMA("ROOT_TABLE_INV", 0x08, CONFIG, CONFIG_READ, 0),
	DMA("CONTEXT_TABLE_INV", 0x09, CONFIG, CONFIG_READ, 0),
	DMA("ROOT_ENTRY_RSVD", 0x0a, CONFIG, BAD_DEVICE_ENTRY, 0),
	DMA("CONTEXT_ENTRY_RSVD", 0x0b, CONFIG, BAD_DEVICE_ENTRY, 0),
	DMA("PAGING_ENTRY_RSVD", 0x0c, EVENT, RESERVED_BIT, 0),
	DMA("CONTEXT_ENTRY_TT", 0x0d, EVENT, TRANSLATION_OFF, 0),
	/* interrupt remapping (Linux irq_remap_fault_reasons, QEMU VTD_FR_IR_*) */
	IR("IR_REQ_RSVD", 0x20),
	IR("IR_INDEX_OVER", 0x21),
	IR("IR_ENTRY_P", 0x22),
	IR("IR_ROOT_INVAL", 0x23),
	IR("IR_IRTE_RSVD", 0x24),
	IR("IR_REQ_COMPAT", 0x25),
	IR("IR_SID_ERR", 0x26),
	/* scalable mode (Linux dma_remap_sm_fault_reasons, index FR - 0x30) */
	DMA("SM_RTADDR_INV", 0x30, CONFIG, CONFIG_READ, 0),
	DMA("SM_TTM_PASID", 0x31, EVENT, BAD_REQUEST, 0),
	DMA("SM_TTM_PRQ", 0x32, EVENT, BAD_REQUEST, 0),
	DMA("SM_ROOT_ACCESS", 0x38, CONFIG, CONFIG_READ, 0),
	DMA("SM_ROOT_ENTRY_P", 0x39, CONFIG, BAD_DEVICE, 0),
	DMA("SM_ROOT_ENTRY_RSVD", 0x3a, CONFIG, BAD_DEVICE_ENTRY, 0),
	DMA("SM_CTX_ACCESS", 0x40, CONFIG, CONFIG_READ, 0),
	DMA("SM_CTX_ENTRY_P", 0x41, CONFIG, BAD_DEVICE, 0),
	DMA("SM_CTX_ENTRY_RSVD", 0x42, CONFIG, BAD_DEVICE_ENTRY, 0),
	DMA("SM_CTX_ENTRY_INV", 0x43, CONFIG, BAD_DEVICE_ENTRY, 0),
	DMA("SM_CTX_DTE", 0x44, EVENT, BAD_REQUEST, 0),
	DMA("SM_CTX_PASIDE", 0x45, CONFIG, BAD_PASID, 0),
	DMA("SM_CTX_PASID_MAX", 0x46, CONFIG, BAD_PASID, 0),
	DMA("SM_CTX_PRE", 0x47, EVENT, BAD_REQUEST, 0),
	DMA("SM_CTX_RID_PASID", 0x48, CONFIG, BAD_DEVICE_ENTRY, 0),
	DMA("SM_PASID_DIR_ACCESS", 0x50, CONFIG, CONFIG_READ, 0),
	DMA("SM_PASID_DIR_P", 0x51, CONFIG, BAD_PASID_ENTRY, 0),
	DMA("SM_PASID_DIR_RSVD", 0x52, CONFIG, BAD_PASID_ENTRY, 0),
	DMA("SM_PASID_ACCESS", 0x58, CONFIG, CONFIG_READ, 0),
	DMA("SM_PASID_ENTRY_P", 0x59, CONFIG, BAD_PASID_ENTRY, 0),
	DMA("SM_PASID_ENTRY_RSVD", 0x5a, CONFIG, BAD_PASID_ENTRY, 0),
	DMA("SM_PASID_ENTRY_INV", 0x5b, CONFIG, BAD_PASID_ENTRY, 0),
	DMA("SM_PASID_ERE", 0x5c, EVENT, BAD_REQUEST, 0),
	DMA("SM_PASID_SRE", 0x5d, EVENT, BAD_REQUEST, 0),
	DMA("SM_FS_ACCESS", 0x70, EVENT, TABLE_READ, 1),
	DMA("SM_FS_ENTRY_P", 0x71, EVENT, NOT_PRESENT, 1),
	DMA("SM_FS_ENTRY_RSVD", 0x72, EVENT, RESERVED_BIT, 1),
	DMA("SM_FSPTPTR_INV", 0x73, EVENT, TABLE_READ, 1),
	DMA("SM_FS_BEYOND_MGAW", 0x74, EVENT, ADDR_SIZE_OUTPUT, 1),
	DMA("SM_FS_PML4_READ", 0x75, EVENT, PERMISSION, 2),
	DMA("SM_FS_ENTRY_READ", 0x76, EVENT, PERMISSION, 2),
	DMA("SM_FS_ENTRY_WRITE", 0x77, EVENT, PERMISSION, 2),
	DMA("SM_SS_ACCESS", 0x78, EVENT, TABLE_READ, 2),
	DMA("SM_SS_RW", 0x79, EVENT, PERMISSION, 2),
	DMA("SM_SS_ENTRY_RSVD", 0x7a, EVENT, RESERVED_BIT, 2),
	DMA("SM_SSPTPTR_INV", 0x7b, EVENT, TABLE_READ, 2),
	DMA("SM_SS_AD_NOSNOOP", 0x7c, EVENT, OTHER, 2),
	DMA("SM_FS_NON_CANONICAL", 0x80, EVENT, NON_CANONICAL, 1),
	DMA("SM_FS_US", 0x81, EVENT, PERMISSION, 1),
	DMA("SM_FS_XD", 0x82, EVENT, PERMISSION, 1),
	DMA("SM_BEYOND_HAW", 0x83, EVENT, ADDR_SIZE_INPUT, 1),
	DMA("SM_SS_BEYOND_MAX", 0x84, EVENT, ADDR_SIZE_OUTPUT, 2),
	DMA("SM_WRITE", 0x85, EVENT, PERMISSION, 1),
	DMA("SM_READ", 0x86, EVENT, PERMISSION, 1),
	DMA("SM_INTERRUPT_ADDR", 0x87, EVENT, BAD_REQUEST, 0),
	DMA("SM_FS_AD_NOSNOOP", 0x90, EVENT, OTHER, 1),
};

/*
 * Page request descriptor, 256 bits (Linux struct page_req_dsc). Bit 9
 * (PDP) and words 2-3 (private data) are VT-d 2.x's; current Linux calls
 * them reserved. Words 2-3 are ignored by the table and ruled on by
 * prq_fix(): any value with PDP (the device's data), zero without.
 */
static const struct iommufmt__frec_field f_prq[] = {
	FLAG("pasid_present", 0, 8, IOMMUFMT_FAULT_F_PASID_VALID),
	FLAG("pdp", 0, 9, IOMMUFMT_FAULT_F_PRIV_DATA),
	FLD("rid", 0, 31, 16, DEVID, 0),
	FLD("pasid", 0, 51, 32, PASID, 0),
	PERM("exe", 0, 52, IOMMUFMT_ACCESS_EXEC),
	PERM("pm", 0, 53, IOMMUFMT_ACCESS_PRIV),
	PERM("rd", 1, 0, IOMMUFMT_ACCESS_READ),
	PERM("wr", 1, 1, IOMMUFMT_ACCESS_WRITE),
	FLAG("lpig", 1, 2, IOMMUFMT_FAULT_F_LAST_PAGE),
	FLD("prg_index", 1, 11, 3, GRPID, 0),
	FLD("addr", 1, 63, 12, ADDR, 12),
	IGN("priv_data", 2, 63, 0),
	IGN("priv_data", 3, 63, 0),
};

/* Page request type (qw0[7:0]); a page request names no stage: 0. */
#define VTD_PRQ_TYPE 1
static const struct iommufmt__frec_row prq_rows[] = {
	ROW("PAGE_REQ", VTD_PRQ_TYPE, PAGE_REQ, PAGE_REQUEST, 0, 0, f_prq),
};

/*
 * The bits @hi:@lo of word @word of @in's native bytes when @in is a record
 * of @f's own type (0 otherwise): the fields the generic record has no slot
 * for (AT, the interrupt index, private data) live only there.
 */
static uint64_t native_bits(const struct iommufmt__frec_fmt *f, const struct iommufmt_fault *in,
			    unsigned int word, unsigned int hi, unsigned int lo)
{
	const struct iommufmt__bits b = IOMMUFMT__BITS(word, hi, lo);

	return iommufmt__frec_native_bits(f, in, &b);
}

/* Decode: F clear is an empty register, not a fault; the request type into read / write. */
static int frcd_fix(const struct iommufmt__frec_fmt *f, const struct iommufmt__frec_row *row,
		    const uint64_t *w, const uint64_t *s, struct iommufmt_fault *out,
		    struct iommufmt_diag *diag)
{
	(void)row;
	(void)w;
	/* F is set by hardware with the record and cleared by software (RW1C) once it is read */
	if (!(s[IOMMUFMT__FS_X] >> X_F & 1))
		return iommufmt__frec_bad(diag, f, "f", 0,
					  "F (bit 127) is clear: the register holds no fault");
	out->perm |= type_perm[s[IOMMUFMT__FS_X] >> X_TYPE & 3];
	return 0;
}

/* Encode: F set, read / write into the request type, AT and the interrupt index kept. */
static int frcd_unfix(const struct iommufmt__frec_fmt *f, const struct iommufmt__frec_row *row,
		      const struct iommufmt_fault *in, uint64_t *s, struct iommufmt_diag *diag)
{
	const uint32_t rw = in->perm & (IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE);
	uint64_t t = 0;

	(void)diag;
	while (type_perm[t] != rw)
		t++;	/* type_perm covers all four R/W combinations */
	s[IOMMUFMT__FS_PERM] &= ~(uint64_t)rw;
	s[IOMMUFMT__FS_X] = (uint64_t)1 << X_F | t << X_TYPE;
	s[IOMMUFMT__FS_X] |= native_bits(f, in, 1, 61, 60) << X_AT;
	if (row->fix == FIX_IR)
		s[IOMMUFMT__FS_X] |= native_bits(f, in, 0, 63, 48) << X_IIDX;
	return 0;
}

/* Access-dependent codes in walk_fr. */
#define BY_ACCESS 0xff

/*
 * The fault reason a vIOMMU reports for a walker fault, by stage
 * (doc/fault-records.md section 6; QEMU vtd_iova_to_sspte / vtd_iova_to_fspte
 * for what QEMU raises). Stage 0 is legacy (second-level only) mode, 1 the
 * scalable-mode first stage, 2 the scalable-mode second stage. 0: VT-d has
 * no code (the access flag is set by hardware; the second stage has no
 * canonical form; there are no table lengths; legacy mode does not check
 * output sizes, QEMU truncates them in vtd_get_pte_addr, nor canonical
 * addresses). Level and table-type errors are in the structure that selects
 * the table: the context entry (3) in legacy mode, the PASID entry (0x5b)
 * in scalable mode. A second-stage input beyond MGAW is a first-stage output
 * beyond it, 0x74 (which decodes as that).
 */
static const uint8_t walk_fr[3][IOMMUFMT_FAULT_NR] = {
	[0] = {
		/* SS has no present bit: R=W=0 fails the access check (section 6) */
		[IOMMUFMT_FAULT_NOT_PRESENT] = BY_ACCESS,
		[IOMMUFMT_FAULT_PERMISSION] = BY_ACCESS,
		[IOMMUFMT_FAULT_RESERVED_BIT] = 0x0c,
		[IOMMUFMT_FAULT_ADDR_SIZE_INPUT] = 0x04,
		[IOMMUFMT_FAULT_TABLE_READ] = 0x07,
		[IOMMUFMT_FAULT_BAD_LEVEL] = 0x03,
		[IOMMUFMT_FAULT_TABLE_TYPE] = 0x03,
	},
	[1] = {
		[IOMMUFMT_FAULT_NOT_PRESENT] = 0x71,
		[IOMMUFMT_FAULT_PERMISSION] = BY_ACCESS,
		[IOMMUFMT_FAULT_RESERVED_BIT] = 0x72,
		[IOMMUFMT_FAULT_ADDR_SIZE_INPUT] = 0x83,
		[IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT] = 0x74,
		[IOMMUFMT_FAULT_NON_CANONICAL] = 0x80,
		[IOMMUFMT_FAULT_TABLE_READ] = 0x70,
		[IOMMUFMT_FAULT_BAD_LEVEL] = 0x5b,
		[IOMMUFMT_FAULT_TABLE_TYPE] = 0x5b,
	},
	[2] = {
		/* section 6: SS in scalable mode reports not-present and R/W as 0x79 */
		[IOMMUFMT_FAULT_NOT_PRESENT] = 0x79,
		[IOMMUFMT_FAULT_PERMISSION] = 0x79,
		[IOMMUFMT_FAULT_RESERVED_BIT] = 0x7a,
		[IOMMUFMT_FAULT_ADDR_SIZE_INPUT] = 0x74,
		[IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT] = 0x84,
		[IOMMUFMT_FAULT_TABLE_READ] = 0x78,
		[IOMMUFMT_FAULT_BAD_LEVEL] = 0x5b,
		[IOMMUFMT_FAULT_TABLE_TYPE] = 0x5b,
	},
};

/*
 * Access-dependent reasons. Legacy: 5 for a write, else 6 (an execute is a
 * read with the execute attribute, PCIe). First stage, which has no
 * read-deny bit: a write 0x85, an execute 0x82 (XD), a user request 0x81
 * (U/S), else 0x86; the generic record does not say which bit denied, so
 * the checks are taken in that order.
 */
static int walk_fr_by_access(uint32_t stage, uint32_t perm)
{
	if (stage == 0)
		return perm & IOMMUFMT_ACCESS_WRITE ? 0x05 : 0x06;
	if (perm & IOMMUFMT_ACCESS_WRITE)
		return 0x85;
	if (perm & IOMMUFMT_ACCESS_EXEC)
		return 0x82;
	return perm & IOMMUFMT_ACCESS_PRIV ? 0x86 : 0x81;
}

static int cannot_encode(const struct iommufmt__frec_fmt *f, const struct iommufmt_fault *in,
			 struct iommufmt_diag *diag, const char *why)
{
	return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE, "reason",
				 IOMMUFMT__DV_VALUE, in->reason, 0, 0,
				 "%s: %s (reason %s, stage %u)", f->name, why,
				 iommufmt_fault_name(in->reason), in->stage);
}

/* Encode a walker / iommufd / other model's record: the fault reason of walk_fr. */
static int frcd_pick(const struct iommufmt__frec_fmt *f, const struct iommufmt_fault *in,
		     struct iommufmt_diag *diag)
{
	int fr = 0;

	if (in->kind == IOMMUFMT_FAULT_KIND_PAGE_REQ)
		return cannot_encode(f, in, diag, "a page request encodes only as a page request "
				     "descriptor (IOMMUFMT_FREC_PAGE_REQ)");
	if (in->reason < IOMMUFMT_FAULT_NR)
		fr = walk_fr[in->stage][in->reason];
	if (fr == BY_ACCESS)
		fr = walk_fr_by_access(in->stage, in->perm);
	return fr ? fr : cannot_encode(f, in, diag, "VT-d has no fault reason for it");
}

/* Decode: private data only with PDP; words 2-3 are reserved without it (current Linux). */
static int prq_fix(const struct iommufmt__frec_fmt *f, const struct iommufmt__frec_row *row,
		   const uint64_t *w, const uint64_t *s, struct iommufmt_fault *out,
		   struct iommufmt_diag *diag)
{
	(void)s;
	if (out->flags & IOMMUFMT_FAULT_F_PRIV_DATA)
		return 0;
	for (unsigned int i = 2; i < 4; i++) {
		if (w[i]) {
			unsigned int bit = i * 64 + (unsigned int)__builtin_ctzll(w[i]);

			/* the same report the engine gives a reserved bit */
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_FAULT_RESERVED, row->name,
						 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_INDEX, w[i], 0,
						 bit, "%s %s: reserved bit %u (word %u bit %u) is "
						 "set without PDP", f->name, row->name, bit, i,
						 bit % 64);
		}
	}
	return 0;
}

/*
 * Encode: the table encodes words 2-3 (ignored fields) as zero, and the
 * generic record has no slot wide enough for them, so a record whose
 * private data is not zero cannot be re-encoded (the engine's limit).
 */
static int prq_unfix(const struct iommufmt__frec_fmt *f, const struct iommufmt__frec_row *row,
		     const struct iommufmt_fault *in, uint64_t *s, struct iommufmt_diag *diag)
{
	(void)row;
	(void)s;
	if (native_bits(f, in, 2, 63, 0) || native_bits(f, in, 3, 63, 0))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE, "priv_data",
				      "%s: non-zero private data (words 2-3) is kept only in the "
				      "native bytes and does not re-encode", f->name);
	return 0;
}

/* Only a page request becomes a page request descriptor. */
static int prq_pick(const struct iommufmt__frec_fmt *f, const struct iommufmt_fault *in,
		    struct iommufmt_diag *diag)
{
	if (in->kind != IOMMUFMT_FAULT_KIND_PAGE_REQ)
		return cannot_encode(f, in, diag, "only a page request encodes as one");
	return VTD_PRQ_TYPE;
}

IOMMUFMT__FREC_RSV_STORAGE(vtd_frcd, fr_rows);
IOMMUFMT__FREC_RSV_STORAGE(vtd_prq, prq_rows);

static const struct iommufmt__frec_fmt vtd_frcd = {
	.name = "VT-d fault recording register",
	.model = IOMMUFMT_MODEL_INTEL,
	.record = IOMMUFMT_FREC_FAULT_REG,
	.size = 16,
	.code = IOMMUFMT__BITS(1, 39, 32),	/* FR, 103:96 */
	IOMMUFMT__FREC_TABLE(vtd_frcd, fr_rows),
	.fix = frcd_fix,
	.unfix = frcd_unfix,
	.pick = frcd_pick,
};

static const struct iommufmt__frec_fmt vtd_prq = {
	.name = "VT-d page request descriptor",
	.model = IOMMUFMT_MODEL_INTEL,
	.record = IOMMUFMT_FREC_PAGE_REQ,
	.size = 32,
	.code = IOMMUFMT__BITS(0, 7, 0),	/* type */
	IOMMUFMT__FREC_TABLE(vtd_prq, prq_rows),
	.fix = prq_fix,
	.unfix = prq_unfix,
	.pick = prq_pick,
};

static const struct iommufmt__frec_fmt *const vtd_fmts[] = { &vtd_frcd, &vtd_prq };

IOMMUFMT__FAULT_OPS(iommufmt__intel, vtd_fmts);
