/* SPDX-License-Identifier: MIT */
/* AMD-Vi command-buffer commands: tables, decode, encode with S-bit ranges. */
#include "formats/tables.h"

/*
 * Layouts: Linux drivers/iommu/amd/iommu.c (build_*), QEMU
 * hw/i386/amd_iommu.c (reserved-bit checks). 16-byte commands, opcode in
 * bits 63:60 of qword 0. Where they differ we follow Linux, which is
 * tested on hardware:
 * - INVALIDATE_IOTLB_PAGES carries PASID[15:8] in bits 23:16 and PASID[7:0]
 *   in bits 55:48 (VirtualBox labels the bytes the other way round); bits
 *   59:56 are treated as reserved, so PASIDs are 16 bits here, and qword 1
 *   bits 5:4 (a "Type" field in VirtualBox, unused by Linux) are reserved.
 * - COMPLETE_PPR_REQUEST: PRG index in qword 1 bits 40:32, status in 47:44
 *   (0 success, 1 invalid, 0xf failure); bits 43:41 reserved.
 * - S-bit sizes: the lowest zero address bit at or above 12 gives the size;
 *   a zero at bit 51 or above means the whole space (QEMU, AMD spec table
 *   "Example Page Size Encodings"); Linux writes 0x7fff_ffff_ffff_f000.
 * With GN = 0 the PASID fields are ignored. A whole-space GN = 1 page
 * invalidation also drops the PASID's cached GCR3 entry (Linux relies on it
 * after GCR3 changes), so it decodes as IOTLB and PASID caches.
 * entry.aux for INVALIDATE_IOTLB_PAGES: MaxPend in bits 7:0, QueueID in 23:8.
 * PREFETCH_IOMMU_PAGES is not decoded (-EOPNOTSUPP).
 */

enum { FIX_CW = 1, FIX_PAGES, FIX_PPR };

/*
 * Every bit a row does not list is reserved (lib/inval_table.h). With GN = 0
 * the PASID fields are ignored, not reserved, so those rows list them as
 * ignored fields.
 */
#define M_DEVID		INV_FIELD("devid", 0, 15, 0, SID, 0)
#define M_DOMID		INV_FIELD("domid", 0, 47, 32, ARCHID, 0)
#define M_S_ADDR	INV_FIELD("s", 1, 0, 0, SIZE, 0), INV_FIELD("addr", 1, 63, 12, ADDR, 12)
#define M_IOTLB_AUX \
	INV_FIELD("maxpend", 0, 31, 24, AUX, 0), INV_FIELD("queueid", 0, 47, 32, AUX, 8)
#define M_PPR_TAIL \
	INV_FIELD("tag", 1, 40, 32, TAG, 0), INV_FIELD("status", 1, 47, 44, CODE, 0)

static const struct iommufmt__inv_field f_cw[] = {
	INV_FLAG("s", 0, 0, IOMMUFMT_INV_F_SYNC_STORE), INV_FLAG("i", 0, 1, IOMMUFMT_INV_F_SYNC_IRQ),
	INV_FLAG("f", 0, 2, IOMMUFMT_INV_F_SYNC_FENCE), INV_FIELD("addr", 0, 31, 3, ADDR, 3),
	INV_FIELD("addr", 0, 51, 32, ADDR, 32), INV_FIELD("data", 1, 63, 0, DATA, 0),
};
static const struct iommufmt__inv_field f_devid[] = { M_DEVID };
#define M_PAGES_TAIL \
	M_DOMID, INV_FIELD("s", 1, 0, 0, SIZE, 0), INV_FIELD("pde", 1, 1, 1, X, 0), \
	INV_FIELD("addr", 1, 63, 12, ADDR, 12)
static const struct iommufmt__inv_field f_pages[] = { INV_IGNORED("pasid", 0, 19, 0), M_PAGES_TAIL };
static const struct iommufmt__inv_field f_pages_gn[] = {
	INV_FIELD("pasid", 0, 19, 0, PASID, 0), M_PAGES_TAIL,
};
static const struct iommufmt__inv_field f_iotlb[] = {
	M_DEVID, INV_IGNORED("pasid", 0, 23, 16), M_IOTLB_AUX, INV_IGNORED("pasid", 0, 55, 48),
	M_S_ADDR,
};
static const struct iommufmt__inv_field f_iotlb_gn[] = {
	M_DEVID, INV_FIELD("pasid", 0, 23, 16, PASID, 8), M_IOTLB_AUX,
	INV_FIELD("pasid", 0, 55, 48, PASID, 0), M_S_ADDR,
};
static const struct iommufmt__inv_field f_ppr[] = {
	M_DEVID, INV_IGNORED("pasid", 0, 51, 32), M_PPR_TAIL,
};
static const struct iommufmt__inv_field f_ppr_gn[] = {
	M_DEVID, INV_FIELD("pasid", 0, 51, 32, PASID, 0), M_PPR_TAIL,
};

enum {
	AM_COMPL_WAIT, AM_INV_DTE, AM_PAGES, AM_PAGES_GN, AM_IOTLB, AM_IOTLB_GN, AM_INV_IRT,
	AM_PPR, AM_PPR_GN, AM_INV_ALL,
};

/* Local shorthands of the rows: the common row heads. */
#define SBIT .range = IOMMUFMT__IR_SBIT, .arg = 51
#define INVAL(nm, opc, g, c) .name = (nm), .opcode = (opc), .op = INV_OP_INVAL, \
	.gran = IOMMUFMT_INV_GRAN_##g, .caches = IOMMUFMT_INV_CACHE_##c
#define PAGES(gn) INVAL("INVALIDATE_IOMMU_PAGES", 3, ADDR, IOTLB), .sel = (gn), SBIT, \
	.fix = FIX_PAGES, .rflags = INV_BY_SEL | INV_NORM_ALL
#define IOTLB(gn) INVAL("INVALIDATE_IOTLB_PAGES", 4, ADDR, DEV_IOTLB), .sel = (gn), SBIT, \
	.rflags = INV_BY_SEL | INV_NORM_ALL
#define PPR(gn) .name = "COMPLETE_PPR_REQUEST", .opcode = 7, .sel = (gn), \
	.op = IOMMUFMT_INV_OP_PAGE_RESP, .fix = FIX_PPR, .rflags = INV_BY_SEL

static const struct iommufmt__inv_cmd amd_cmds[] = {
	[AM_COMPL_WAIT] = { .name = "COMPLETION_WAIT", .opcode = 1, .op = IOMMUFMT_INV_OP_SYNC,
			    .fix = FIX_CW, INV_FIELDS(f_cw) },
	[AM_INV_DTE] = { INVAL("INVALIDATE_DEVTAB_ENTRY", 2, DEVICE, DEVICE), .flags = INV_F_SID,
			 INV_FIELDS(f_devid) },
	[AM_PAGES] = { PAGES(0), .flags = INV_F_ARCHID, INV_FIELDS(f_pages) },
	[AM_PAGES_GN] = { PAGES(1), .need = IOMMUFMT_INV_CFG_PASID,
			  .flags = INV_F_ARCHID | INV_F_PASID, INV_FIELDS(f_pages_gn) },
	[AM_IOTLB] = { IOTLB(0), .need = IOMMUFMT_INV_CFG_ATS, .flags = INV_F_SID,
		       INV_FIELDS(f_iotlb) },
	[AM_IOTLB_GN] = { IOTLB(1), .need = IOMMUFMT_INV_CFG_ATS | IOMMUFMT_INV_CFG_PASID,
			  .flags = INV_F_SID | INV_F_PASID, INV_FIELDS(f_iotlb_gn) },
	[AM_INV_IRT] = { INVAL("INVALIDATE_INTERRUPT_TABLE", 5, DEVICE, INTR), .flags = INV_F_SID,
			 INV_FIELDS(f_devid) },
	[AM_PPR] = { PPR(0), .need = IOMMUFMT_INV_CFG_PRI, .flags = INV_F_SID, INV_FIELDS(f_ppr) },
	[AM_PPR_GN] = { PPR(1), .need = IOMMUFMT_INV_CFG_PRI | IOMMUFMT_INV_CFG_PASID,
			.flags = INV_F_SID | INV_F_PASID, INV_FIELDS(f_ppr_gn) },
	[AM_INV_ALL] = { .name = "INVALIDATE_IOMMU_ALL", .opcode = 8, .op = INV_OP_INVAL,
			 .gran = IOMMUFMT_INV_GRAN_GLOBAL, .need = IOMMUFMT_INV_CFG_INV_ALL,
			 .caches = IOMMUFMT_INV_CACHE_IOTLB | IOMMUFMT_INV_CACHE_PASID |
				   IOMMUFMT_INV_CACHE_DEVICE | IOMMUFMT_INV_CACHE_INTR },
};

#define OPGN(row) { (row) + 1, 2, 0, 1, 2, 1, "gn", { 0, 1, -1, -1 }, NULL }
static const struct iommufmt__inv_opent amd_ops[] = {
	[1] = INV_OP1(AM_COMPL_WAIT),
	[2] = INV_OP1(AM_INV_DTE),
	[3] = OPGN(AM_PAGES),
	[4] = OPGN(AM_IOTLB),
	[5] = INV_OP1(AM_INV_IRT),
	[6] = INV_OP_UNIMPL("PREFETCH_IOMMU_PAGES"),
	[7] = OPGN(AM_PPR),
	[8] = INV_OP1(AM_INV_ALL),
};

static inline __attribute__((always_inline)) int amd_fix(const struct iommufmt_inv_codec *c, const struct iommufmt__inv_cmd *cmd,
		   const uint64_t *s, struct iommufmt_inv_entry *e, struct iommufmt_diag *diag)
{
	(void)c;
	switch (cmd->fix) {
	case FIX_CW:
		iommufmt__inv_fix_store(s, e);
		return 0;
	case FIX_PAGES:
		if (!s[IOMMUFMT__IS_X])
			e->flags |= IOMMUFMT_INV_F_LEAF;	/* PDE = 0: page-directory entries kept */
		if (e->granularity == IOMMUFMT_INV_GRAN_PASID)
			e->caches |= IOMMUFMT_INV_CACHE_PASID;
		return 0;
	case FIX_PPR:
		return iommufmt__inv_prg_resp(cmd, "status", "reserved completion status", s, e,
					      diag);
	}
	return 0;
}

IOMMUFMT__INV_RSV_STORAGE(amd, amd_cmds);

static const struct iommufmt__inv_fmt amd_fmt = {
	.model = IOMMUFMT_MODEL_AMD,
	.big_endian = 0,
	.op_lo = 60, .op_width = 4,
	IOMMUFMT__INV_TABLES(amd_ops, amd_cmds),
	IOMMUFMT__INV_RSV(amd),
};

const struct iommufmt__inv_fmt *const iommufmt__amd_inv_fmt = &amd_fmt;

static int amd_prepare(struct iommufmt_inv_codec *c, struct iommufmt_diag *diag)
{
	int r = iommufmt__inv_fmt_ready(&amd_fmt, diag);

	if (r)
		return r;
	return iommufmt__inv_cfg_unused(c, false, false, diag);
}

IOMMUFMT__INV_CODEC_OPS(amd, amd_fmt, amd_fix)

/* ---- encoding ---- */

/* Largest S-bit block AMD can name short of "everything": 2^51 bytes = 2^39 pages. */
#define AMD_MAX_BLOCK_LOG2 39

struct amd_enc {
	struct iommufmt__inv_emit em;
	const struct iommufmt_inv_entry *e;
	bool all_done;	/* INVALIDATE_IOMMU_ALL already emitted for this entry */
};

static int put(struct amd_enc *v, unsigned int row, uint64_t id, uint64_t pasid, uint64_t sid,
	       uint64_t s_bit, uint64_t addr, uint64_t x, uint64_t aux)
{
	return iommufmt__inv_put(&v->em, row, id, pasid, sid, s_bit, addr, 0, x, aux);
}

/* INVALIDATE_IOMMU_ALL, the widest scope; once per entry. */
static int inv_all(struct amd_enc *v, const char *why)
{
	const uint32_t four = IOMMUFMT_INV_CACHE_IOTLB | IOMMUFMT_INV_CACHE_PASID |
			      IOMMUFMT_INV_CACHE_DEVICE | IOMMUFMT_INV_CACHE_INTR;

	if (!(v->em.c->cfg.flags & IOMMUFMT_INV_CFG_INV_ALL))
		return iommufmt__inv_cannot(&v->em, "granularity", why);
	if ((v->e->caches & four) != four || v->e->granularity != IOMMUFMT_INV_GRAN_GLOBAL)
		v->em.eflags |= IOMMUFMT_INV_ENC_WIDENED;
	if (v->all_done)
		return 0;
	v->all_done = true;
	return put(v, AM_INV_ALL, 0, 0, 0, 0, 0, 0, 0);
}

/*
 * Pages of a domain (IOMMU_PAGES, id = DomainID) or of a device's ATC
 * (IOTLB_PAGES, sid = DeviceID), whole or as aligned S-bit blocks.
 */
static int pages(struct amd_enc *v, bool iotlb, uint64_t aux)
{
	const struct iommufmt_inv_entry *e = v->e;
	/*
	 * GN = 1 reaches only the PASID's guest (first-stage) translations;
	 * stage-2 (host) translations are not PASID-tagged, so a STAGE2 entry
	 * goes out with GN = 0, for every PASID of the domain (AMD IOMMU spec
	 * 2.4.3; for the ATC, PCIe ATS: a request without PASID reaches all).
	 */
	const bool stage2 = e->flags & IOMMUFMT_INV_F_STAGE2;
	const bool gn = (e->flags & IOMMUFMT_INV_F_PASID) && !stage2;
	const unsigned int row = iotlb ? (gn ? AM_IOTLB_GN : AM_IOTLB) : (gn ? AM_PAGES_GN : AM_PAGES);
	const uint64_t pde = !(e->flags & IOMMUFMT_INV_F_LEAF) && !iotlb;
	const uint64_t id = iotlb ? 0 : e->archid, sid = iotlb ? e->sid : 0;
	struct iommufmt__inv_block blk[IOMMUFMT_INV_ENCODE_MAX];
	size_t n = 0;
	int r;

	if (stage2 && (e->flags & IOMMUFMT_INV_F_PASID))
		v->em.eflags |= IOMMUFMT_INV_ENC_WIDENED;
	if (e->granularity == IOMMUFMT_INV_GRAN_ADDR && !iommufmt__inv_is_all(e))
		n = iommufmt__inv_cover_pages(&v->em, e, AMD_MAX_BLOCK_LOG2, blk);
	if (!n)
		return put(v, row, id, e->pasid, sid, 1, iommufmt__inv_sbit_addr(0, 64), pde, aux);
	for (size_t i = 0; i < n; i++) {
		unsigned int log2 = blk[i].log2 + 12u;

		r = put(v, row, id, e->pasid, sid, log2 > 12,
			iommufmt__inv_sbit_addr(blk[i].start << 12, log2), pde, aux);
		if (r)
			return r;
	}
	return 0;
}

/* One command per device the sid and its mask name (at most 8), else everything. */
static int per_device(struct amd_enc *v, unsigned int row)
{
	const struct iommufmt_inv_entry *e = v->e;
	uint32_t mask = e->sid_mask, sub = 0;
	int r;

	if (__builtin_popcount(mask) > 3)
		return inv_all(v, "more than 8 devices at once");
	do {	/* every subset of the mask bits */
		r = put(v, row, 0, 0, (e->sid & ~mask) | sub, 0, 0, 0, 0);
		if (r)
			return r;
		sub = (sub - mask) & mask;
	} while (sub);
	return 0;
}

static int enc_invalidate(struct amd_enc *v)
{
	const struct iommufmt_inv_entry *e = v->e;
	const bool has_dom = e->flags & IOMMUFMT_INV_F_ARCHID;
	int r = 0;

	if (e->flags & (IOMMUFMT_INV_F_DRAIN_READ | IOMMUFMT_INV_F_DRAIN_WRITE))
		v->em.eflags |= IOMMUFMT_INV_ENC_DROPPED;
	if ((e->flags & IOMMUFMT_INV_F_VMID) && !has_dom)
		v->em.eflags |= IOMMUFMT_INV_ENC_WIDENED;	/* no VMID scope */
	if (e->caches & IOMMUFMT_INV_CACHE_IOTLB) {
		if (e->granularity == IOMMUFMT_INV_GRAN_GLOBAL || !has_dom)
			r = inv_all(v, "IOTLB invalidations need a domain id");
		else
			r = pages(v, false, 0);
	}
	if (!r && (e->caches & IOMMUFMT_INV_CACHE_DEV_IOTLB)) {
		uint64_t aux = e->native.model == IOMMUFMT_MODEL_AMD ? e->aux : (uint64_t)e->sid << 8;

		if (e->flags & IOMMUFMT_INV_F_PASID_GLOBAL)
			return iommufmt__inv_cannot(&v->em, "flags",
						    "no ATS global-PASID invalidation on AMD-Vi");
		r = pages(v, true, aux);
	}
	if (!r && (e->caches & IOMMUFMT_INV_CACHE_PASID)) {
		if (e->granularity == IOMMUFMT_INV_GRAN_PASID && has_dom) {
			/* the PASID's GCR3 entry goes with its whole-space guest flush */
			if (!(e->caches & IOMMUFMT_INV_CACHE_IOTLB)) {
				v->em.eflags |= IOMMUFMT_INV_ENC_WIDENED;
				r = pages(v, false, 0);
			}
		} else {
			r = inv_all(v, "PASID-cache invalidations need a domain id and a PASID");
		}
	}
	if (!r && (e->caches & IOMMUFMT_INV_CACHE_DEVICE))
		r = e->granularity == IOMMUFMT_INV_GRAN_DEVICE ? per_device(v, AM_INV_DTE) :
		    inv_all(v, "device-table invalidations name one device");
	if (!r && (e->caches & IOMMUFMT_INV_CACHE_INTR))
		r = e->granularity == IOMMUFMT_INV_GRAN_DEVICE ? per_device(v, AM_INV_IRT) :
		    inv_all(v, "interrupt-table invalidations name one device");
	return r;
}

static int amd_encode(const struct iommufmt_inv_codec *c, const struct iommufmt_inv_entry *e,
		      void *out, size_t cap, __u32 *nr, __u32 *eflags, struct iommufmt_diag *diag)
{
	struct amd_enc v = { { &amd_fmt, c, out, cap, 0, 0, diag }, e, false };
	uint64_t s[IOMMUFMT__IS_SLOTS];

	iommufmt__inv_zero(s);
	int r = 0;

	switch (e->op) {
	case IOMMUFMT_INV_OP_INVALIDATE:
		r = enc_invalidate(&v);
		break;
	case IOMMUFMT_INV_OP_SYNC:
		if (e->addr & 7) {
			r = iommufmt__inv_cannot(&v.em, "addr", "completion stores are 8-byte aligned");
			break;
		}
		if (e->flags & (IOMMUFMT_INV_F_SYNC_DRAIN_PRQ | IOMMUFMT_INV_F_SYNC_EVENT))
			v.em.eflags |= IOMMUFMT_INV_ENC_DROPPED;
		s[IOMMUFMT__IS_FLAGS] = e->flags & (IOMMUFMT_INV_F_SYNC_STORE | IOMMUFMT_INV_F_SYNC_IRQ |
						    IOMMUFMT_INV_F_SYNC_FENCE);
		s[IOMMUFMT__IS_ADDR] = e->addr;
		s[IOMMUFMT__IS_DATA] = e->data;
		r = iommufmt__inv_emit(&v.em, AM_COMPL_WAIT, s);
		break;
	case IOMMUFMT_INV_OP_PAGE_RESP:
		if (e->flags & IOMMUFMT_INV_F_RESP_LAST)
			v.em.eflags |= IOMMUFMT_INV_ENC_DROPPED;
		s[IOMMUFMT__IS_SID] = e->sid;
		s[IOMMUFMT__IS_PASID] = e->pasid;
		s[IOMMUFMT__IS_TAG] = e->tag;
		s[IOMMUFMT__IS_CODE] = iommufmt__inv_prg_code(e->code);
		r = iommufmt__inv_emit(&v.em, (e->flags & IOMMUFMT_INV_F_PASID) ? AM_PPR_GN : AM_PPR, s);
		break;
	case IOMMUFMT_INV_OP_PREFETCH:
		v.em.eflags |= IOMMUFMT_INV_ENC_DROPPED;
		break;
	default:
		r = iommufmt__inv_cannot(&v.em, "op", "AMD-Vi has no stall model (no resume command)");
		break;
	}
	return iommufmt__inv_emit_end(&v.em, r, nr, eflags);
}

const struct iommufmt_inval_ops iommufmt__amd_inval_ops = {
	IOMMUFMT__INV_OPS_HEAD(amd),
	.cfg_flags = IOMMUFMT_INV_CFG_PASID | IOMMUFMT_INV_CFG_ATS | IOMMUFMT_INV_CFG_PRI |
		     IOMMUFMT_INV_CFG_INV_ALL,
	.cmd_size = 16,
	.wide_cmd_size = 0,
	/* event codes: ILLEGAL_COMMAND_ERROR 5, COMMAND_HARDWARE_ERROR 6, IOTLB_INV_TIMEOUT 7 */
	.native_err = { 0, 5, 6, 7 },
};
