/* SPDX-License-Identifier: MIT */
/* VT-d invalidation-queue descriptors (128/256-bit): command tables, decode, encode and iommufd entries. */
#include "formats/tables.h"

/*
 * Layouts: Linux drivers/iommu/intel/iommu.h (QI_*), QEMU
 * hw/i386/intel_iommu_internal.h (VTD_INV_DESC_* reserved masks). The type
 * is qword 0 bits 3:0 plus bits 11:9 as type[6:4]. In the 256-bit form
 * qwords 2 and 3 are reserved. Device-TLB descriptors carry the PF source
 * id (PFSID) and the ATS queue depth (MIP) as Linux and the spec do (QEMU's
 * masks still call PFSID reserved); they travel in entry.aux as PFSID in
 * bits 15:0 and MIP in bits 20:16.
 */

#define AUX_MIP_SHIFT 16

enum { FIX_WAIT = 1, FIX_PGRESP };

/*
 * Every bit a row does not list is reserved (lib/inval_table.h). A coarser
 * granularity ignores the fields of the finer ones (the VT-d spec: "ignored
 * by hardware" for G = global/domain; QEMU's masks leave them legal too),
 * so its rows list them as ignored.
 */
#define M_DID		INV_FIELD("did", 0, 31, 16, ARCHID, 0)
#define M_PASID		INV_FIELD("pasid", 0, 51, 32, PASID, 0)
#define M_DRAIN \
	INV_FLAG("dw", 0, 6, IOMMUFMT_INV_F_DRAIN_WRITE), INV_FLAG("dr", 0, 7, IOMMUFMT_INV_F_DRAIN_READ)
#define IGN_DID		INV_IGNORED("did", 0, 31, 16)
#define IGN_PASID	INV_IGNORED("pasid", 0, 51, 32)
#define IGN_SID_FM	INV_IGNORED("sid", 0, 47, 32), INV_IGNORED("fm", 0, 49, 48)
#define IGN_PAGE \
	INV_IGNORED("am", 1, 5, 0), INV_IGNORED("ih", 1, 6, 6), INV_IGNORED("addr", 1, 63, 12)

static const struct iommufmt__inv_field f_cc_global[] = { IGN_DID, IGN_SID_FM };
static const struct iommufmt__inv_field f_cc_dom[] = { M_DID, IGN_SID_FM };
static const struct iommufmt__inv_field f_cc_dev[] = {
	M_DID, INV_FIELD("sid", 0, 47, 32, SID, 0), INV_FIELD("fm", 0, 49, 48, SIZE, 0),
};
static const struct iommufmt__inv_field f_iotlb_all[] = { M_DRAIN, IGN_DID, IGN_PAGE };
static const struct iommufmt__inv_field f_iotlb_dom[] = { M_DRAIN, M_DID, IGN_PAGE };
static const struct iommufmt__inv_field f_iotlb_page[] = {
	M_DRAIN, M_DID, INV_FIELD("am", 1, 5, 0, SIZE, 0), INV_FLAG("ih", 1, 6, IOMMUFMT_INV_F_LEAF),
	INV_FIELD("addr", 1, 63, 12, ADDR, 12),
};
static const struct iommufmt__inv_field f_devtlb[] = {
	INV_FIELD("pfsid", 0, 15, 12, AUX, 0), INV_FIELD("mip", 0, 20, 16, AUX, AUX_MIP_SHIFT),
	INV_FIELD("sid", 0, 47, 32, SID, 0), INV_FIELD("pfsid", 0, 63, 52, AUX, 4),
	INV_FIELD("s", 1, 0, 0, SIZE, 0), INV_FIELD("addr", 1, 63, 12, ADDR, 12),
};
static const struct iommufmt__inv_field f_iec_global[] = {
	INV_IGNORED("im", 0, 31, 27), INV_IGNORED("iidx", 0, 47, 32),
};
static const struct iommufmt__inv_field f_iec_index[] = {
	INV_FIELD("im", 0, 31, 27, SIZE, 0), INV_FIELD("iidx", 0, 47, 32, ADDR, 0),
};
static const struct iommufmt__inv_field f_wait[] = {
	INV_FLAG("if", 0, 4, IOMMUFMT_INV_F_SYNC_IRQ), INV_FLAG("sw", 0, 5, IOMMUFMT_INV_F_SYNC_STORE),
	INV_FLAG("fn", 0, 6, IOMMUFMT_INV_F_SYNC_FENCE),
	INV_FLAG_NEEDS("pd", 0, 7, IOMMUFMT_INV_F_SYNC_DRAIN_PRQ, IOMMUFMT_INV_CFG_PRI),
	INV_FIELD("data", 0, 63, 32, DATA, 0), INV_FIELD("addr", 1, 63, 2, ADDR, 2),
};
static const struct iommufmt__inv_field f_piotlb_pasid[] = { M_DID, M_PASID, IGN_PAGE };
static const struct iommufmt__inv_field f_piotlb_page[] = {
	M_DID, M_PASID, INV_FIELD("am", 1, 5, 0, SIZE, 0), INV_FLAG("ih", 1, 6, IOMMUFMT_INV_F_LEAF),
	INV_FIELD("addr", 1, 63, 12, ADDR, 12),
};
static const struct iommufmt__inv_field f_pc_global[] = { IGN_DID, IGN_PASID };
static const struct iommufmt__inv_field f_pc_dom[] = { M_DID, IGN_PASID };
static const struct iommufmt__inv_field f_pc_pasid[] = { M_DID, M_PASID };
static const struct iommufmt__inv_field f_pdevtlb[] = {
	INV_FIELD("mip", 0, 8, 4, AUX, AUX_MIP_SHIFT), INV_FIELD("pfsid", 0, 15, 12, AUX, 0),
	INV_FIELD("sid", 0, 31, 16, SID, 0), INV_FIELD("pasid", 0, 51, 32, PASID, 0),
	INV_FIELD("pfsid", 0, 63, 52, AUX, 4), INV_FLAG("g", 1, 0, IOMMUFMT_INV_F_PASID_GLOBAL),
	INV_FIELD("s", 1, 11, 11, SIZE, 0), INV_FIELD("addr", 1, 63, 12, ADDR, 12),
};
static const struct iommufmt__inv_field f_pgresp[] = {
	INV_FLAG_NEEDS("pp", 0, 4, IOMMUFMT_INV_F_PASID, IOMMUFMT_INV_CFG_PASID),
	INV_FIELD("rc", 0, 15, 12, CODE, 0), INV_FIELD("rid", 0, 31, 16, SID, 0),
	INV_FIELD_NEEDS("pasid", 0, 51, 32, PASID, 0, IOMMUFMT_INV_CFG_PASID),
	INV_FLAG("lpig", 1, 2, IOMMUFMT_INV_F_RESP_LAST), INV_FIELD("prgi", 1, 11, 3, TAG, 0),
};

enum {
	VT_CC_GLOBAL, VT_CC_DOMAIN, VT_CC_DEVICE,
	VT_IOTLB_GLOBAL, VT_IOTLB_DOMAIN, VT_IOTLB_PAGE,
	VT_DEVTLB,
	VT_IEC_GLOBAL, VT_IEC_INDEX,
	VT_WAIT,
	VT_PIOTLB_PASID, VT_PIOTLB_PAGE,
	VT_PC_DOMAIN, VT_PC_PASID, VT_PC_GLOBAL,
	VT_PDEVTLB,
	VT_PGRESP,
};

#define GL IOMMUFMT_INV_GRAN_GLOBAL
#define DOM IOMMUFMT_INV_GRAN_DOMAIN
#define PAS IOMMUFMT_INV_GRAN_PASID
#define ADR IOMMUFMT_INV_GRAN_ADDR
#define DEV IOMMUFMT_INV_GRAN_DEVICE
#define C_DEVTLB IOMMUFMT_INV_CACHE_DEV_IOTLB
#define CFG_PASID IOMMUFMT_INV_CFG_PASID
#define CFG_ATS IOMMUFMT_INV_CFG_ATS

/* Local shorthands of the rows: granularities, caches, features, the common row heads. */
#define INVAL(nm, opc) .name = (nm), .opcode = (opc), .op = INV_OP_INVAL
#define CC(s, g) INVAL("CC_" #g, 1), .sel = (s), .rflags = INV_BY_SEL, \
	.caches = IOMMUFMT_INV_CACHE_DEVICE
#define IOTLB(s, g) INVAL("IOTLB_" #g, 2), .sel = (s), .rflags = INV_BY_SEL, .caches = INV_C_IOTLB
#define PC(s, g) INVAL("PC_" #g, 7), .sel = (s), .rflags = INV_BY_SEL, .need = CFG_PASID, \
	.caches = IOMMUFMT_INV_CACHE_PASID

static const struct iommufmt__inv_cmd vtd_cmds[] = {
	[VT_CC_GLOBAL] = { CC(1, GLOBAL), .gran = GL, INV_FIELDS(f_cc_global) },
	[VT_CC_DOMAIN] = { CC(2, DOMAIN), .gran = DOM, .flags = INV_F_ARCHID, INV_FIELDS(f_cc_dom) },
	[VT_CC_DEVICE] = { CC(3, DEVICE), .gran = DEV, .range = IOMMUFMT__IR_FM,
			   .flags = INV_F_ARCHID | INV_F_SID, INV_FIELDS(f_cc_dev) },
	[VT_IOTLB_GLOBAL] = { IOTLB(1, GLOBAL), .gran = GL, INV_FIELDS(f_iotlb_all) },
	[VT_IOTLB_DOMAIN] = { IOTLB(2, DOMAIN), .gran = DOM, .flags = INV_F_ARCHID,
			      INV_FIELDS(f_iotlb_dom) },
	[VT_IOTLB_PAGE] = { IOTLB(3, PAGE), .gran = ADR, .range = IOMMUFMT__IR_AM,
			    .flags = INV_F_ARCHID, INV_FIELDS(f_iotlb_page) },
	[VT_DEVTLB] = { INVAL("DEV_TLB", 3), .gran = ADR, .range = IOMMUFMT__IR_SBIT, .arg = 63,
			.rflags = INV_NORM_ALL, .need = CFG_ATS, .caches = C_DEVTLB, .flags = INV_F_SID,
			INV_FIELDS(f_devtlb) },
	[VT_IEC_GLOBAL] = { INVAL("IEC_GLOBAL", 4), .sel = 0, .gran = GL, .rflags = INV_BY_SEL,
			    .caches = IOMMUFMT_INV_CACHE_INTR, INV_FIELDS(f_iec_global) },
	[VT_IEC_INDEX] = { INVAL("IEC_INDEX", 4), .sel = 1, .gran = ADR, .range = IOMMUFMT__IR_INDEX,
			   .rflags = INV_BY_SEL, .caches = IOMMUFMT_INV_CACHE_INTR,
			   INV_FIELDS(f_iec_index) },
	[VT_WAIT] = { .name = "WAIT", .opcode = 5, .op = IOMMUFMT_INV_OP_SYNC, .fix = FIX_WAIT,
		      INV_FIELDS(f_wait) },
	[VT_PIOTLB_PASID] = { INVAL("PIOTLB_PASID", 6), .sel = 2, .gran = PAS, .rflags = INV_BY_SEL,
			      .need = CFG_PASID, .caches = INV_C_IOTLB,
			      .flags = INV_F_ARCHID | INV_F_PASID, INV_FIELDS(f_piotlb_pasid) },
	[VT_PIOTLB_PAGE] = { INVAL("PIOTLB_PAGE", 6), .sel = 3, .gran = ADR, .range = IOMMUFMT__IR_AM,
			     .rflags = INV_BY_SEL, .need = CFG_PASID, .caches = INV_C_IOTLB,
			     .flags = INV_F_ARCHID | INV_F_PASID, INV_FIELDS(f_piotlb_page) },
	[VT_PC_DOMAIN] = { PC(0, DOMAIN), .gran = DOM, .flags = INV_F_ARCHID, INV_FIELDS(f_pc_dom) },
	[VT_PC_PASID] = { PC(1, PASID), .gran = PAS, .flags = INV_F_ARCHID | INV_F_PASID,
			  INV_FIELDS(f_pc_pasid) },
	[VT_PC_GLOBAL] = { PC(3, GLOBAL), .gran = GL, INV_FIELDS(f_pc_global) },
	[VT_PDEVTLB] = { INVAL("PDEV_TLB", 8), .gran = ADR, .range = IOMMUFMT__IR_SBIT, .arg = 63,
			 .rflags = INV_NORM_ALL, .need = CFG_PASID | CFG_ATS, .caches = C_DEVTLB,
			 .flags = INV_F_SID | INV_F_PASID, INV_FIELDS(f_pdevtlb) },
	[VT_PGRESP] = { .name = "PGRP_RESP", .opcode = 9, .op = IOMMUFMT_INV_OP_PAGE_RESP,
			.fix = FIX_PGRESP, .need = IOMMUFMT_INV_CFG_PRI, .flags = INV_F_SID,
			INV_FIELDS(f_pgresp) },
};

/* rows chosen by G (bits 5:4); selrow maps each G value to a row after the first */
#define OPG(row, n, m0, m1, m2, m3) { (row) + 1, (n), 0, 0, 4, 2, "g", { m0, m1, m2, m3 }, NULL }
static const struct iommufmt__inv_opent vtd_ops[] = {
	[1] = OPG(VT_CC_GLOBAL, 3, -1, 0, 1, 2),
	[2] = OPG(VT_IOTLB_GLOBAL, 3, -1, 0, 1, 2),
	[3] = INV_OP1(VT_DEVTLB),
	[4] = { VT_IEC_GLOBAL + 1, 2, 0, 0, 4, 1, "g", { 0, 1, -1, -1 }, NULL },
	[5] = INV_OP1(VT_WAIT),
	[6] = OPG(VT_PIOTLB_PASID, 2, -1, -1, 0, 1),
	[7] = OPG(VT_PC_DOMAIN, 3, 0, 1, -1, 2),
	[8] = INV_OP1(VT_PDEVTLB),
	[9] = INV_OP1(VT_PGRESP),
	[0xa] = INV_OP_UNIMPL("PSTRM_RESP"),
};

static inline __attribute__((always_inline)) int vtd_fix(const struct iommufmt_inv_codec *c, const struct iommufmt__inv_cmd *cmd,
		   const uint64_t *s, struct iommufmt_inv_entry *e, struct iommufmt_diag *diag)
{
	(void)c;
	switch (cmd->fix) {
	case FIX_WAIT:
		iommufmt__inv_fix_store(s, e);	/* SW */
		return 0;
	case FIX_PGRESP:
		return iommufmt__inv_prg_resp(cmd, "rc", "reserved page-response code", s, e, diag);
	}
	return 0;
}

IOMMUFMT__INV_RSV_STORAGE(vtd, vtd_cmds);

static const struct iommufmt__inv_fmt vtd_fmt = {
	.model = IOMMUFMT_MODEL_INTEL,
	.big_endian = 0,
	.op_lo = 0, .op_width = 4, .op2_lo = 9, .op2_width = 3,
	IOMMUFMT__INV_TABLES(vtd_ops, vtd_cmds),
	IOMMUFMT__INV_RSV(vtd),
};

const struct iommufmt__inv_fmt *const iommufmt__intel_inv_fmt = &vtd_fmt;

static int vtd_prepare(struct iommufmt_inv_codec *c, struct iommufmt_diag *diag)
{
	int r = iommufmt__inv_fmt_ready(&vtd_fmt, diag);

	if (r)
		return r;
	if (c->cfg.max_am > 63)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE, "max_am",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, c->cfg.max_am, 63, 0,
					 "CAP.MAMV has 6 bits");
	return iommufmt__inv_cfg_unused(c, true, false, diag);
}

IOMMUFMT__INV_CODEC_OPS(vtd, vtd_fmt, vtd_fix)

/* ---- encoding ---- */

struct vtd_enc {
	struct iommufmt__inv_emit em;
	const struct iommufmt_inv_entry *e;
	uint64_t aux;	/* PFSID/MIP when the entry came from a VT-d descriptor */
};

static int put(struct vtd_enc *v, unsigned int row, uint64_t archid, uint64_t pasid, uint64_t sid,
	       uint64_t size, uint64_t addr, uint64_t flags)
{
	return iommufmt__inv_put(&v->em, row, archid, pasid, sid, size, addr, flags, 0,
				 row == VT_DEVTLB || row == VT_PDEVTLB ? v->aux : 0);
}

static int enc_iotlb(struct vtd_enc *v)
{
	const struct iommufmt_inv_entry *e = v->e;
	const uint32_t drain = e->flags & (IOMMUFMT_INV_F_DRAIN_READ | IOMMUFMT_INV_F_DRAIN_WRITE);
	const bool pasid_ok = v->em.c->cfg.flags & IOMMUFMT_INV_CFG_PASID;
	const bool has_did = e->flags & IOMMUFMT_INV_F_ARCHID;
	const bool has_pasid = e->flags & IOMMUFMT_INV_F_PASID;
	/*
	 * Stage-2 translations are tagged by the DID alone, and a PASID-based
	 * IOTLB invalidation reaches only first-stage ones (VT-d 6.5.2.4): a
	 * STAGE2 range goes out as IOTLB page invalidations of the domain.
	 */
	const bool use_pasid = has_pasid && pasid_ok && !(e->flags & IOMMUFMT_INV_F_STAGE2);
	struct iommufmt__inv_block blk[IOMMUFMT_INV_ENCODE_MAX];
	unsigned int max_am;
	size_t n;
	int r;

	/* VT-d has no VMID: only a scope without a domain id grows by dropping it */
	if ((e->flags & IOMMUFMT_INV_F_VMID) && !has_did)
		v->em.eflags |= IOMMUFMT_INV_ENC_WIDENED;
	switch (e->granularity) {
	case IOMMUFMT_INV_GRAN_GLOBAL:
		return put(v, VT_IOTLB_GLOBAL, 0, 0, 0, 0, 0, drain);
	case IOMMUFMT_INV_GRAN_DOMAIN:
		return put(v, VT_IOTLB_DOMAIN, e->archid, 0, 0, 0, 0, drain);
	case IOMMUFMT_INV_GRAN_PASID:
		if (has_did && pasid_ok)
			return put(v, VT_PIOTLB_PASID, e->archid, e->pasid, 0, 0, 0, 0);
		v->em.eflags |= IOMMUFMT_INV_ENC_WIDENED;
		return has_did ? put(v, VT_IOTLB_DOMAIN, e->archid, 0, 0, 0, 0, drain) :
				 put(v, VT_IOTLB_GLOBAL, 0, 0, 0, 0, 0, drain);
	}
	/* address range */
	if (e->level_hint)
		v->em.eflags |= IOMMUFMT_INV_ENC_DROPPED;	/* no level hint in VT-d */
	if (!has_did) {
		v->em.eflags |= IOMMUFMT_INV_ENC_WIDENED;	/* page invalidations need a DID */
		return put(v, VT_IOTLB_GLOBAL, 0, 0, 0, 0, 0, drain);
	}
	max_am = v->em.c->cfg.max_am < 52 ? v->em.c->cfg.max_am : 52;
	n = iommufmt__inv_cover_pow2(e->addr >> 12, e->nr_granules << (e->granule - 12), max_am,
				     blk, IOMMUFMT_INV_ENCODE_MAX);
	if (n > IOMMUFMT_INV_ENCODE_MAX) {
		v->em.eflags |= IOMMUFMT_INV_ENC_WIDENED;
		if (use_pasid)
			return put(v, VT_PIOTLB_PASID, e->archid, e->pasid, 0, 0, 0, 0);
		return put(v, VT_IOTLB_DOMAIN, e->archid, 0, 0, 0, 0, drain);
	}
	if (has_pasid && !use_pasid)
		v->em.eflags |= IOMMUFMT_INV_ENC_WIDENED;	/* type 2 covers all of the DID's PASIDs */
	if (drain && use_pasid)
		v->em.eflags |= IOMMUFMT_INV_ENC_DROPPED;	/* PASID-IOTLB has no drain hints */
	for (size_t i = 0; i < n; i++) {
		uint64_t leaf = e->flags & IOMMUFMT_INV_F_LEAF;

		if (use_pasid)
			r = put(v, VT_PIOTLB_PAGE, e->archid, e->pasid, 0, blk[i].log2,
				blk[i].start << 12, leaf);
		else
			r = put(v, VT_IOTLB_PAGE, e->archid, 0, 0, blk[i].log2, blk[i].start << 12,
				leaf | drain);
		if (r)
			return r;
	}
	return 0;
}

static int enc_devtlb(struct vtd_enc *v)
{
	const struct iommufmt_inv_entry *e = v->e;
	/* stage-2 translations are not PASID-tagged: a request without PASID reaches all (PCIe ATS) */
	const bool has_pasid = (e->flags & IOMMUFMT_INV_F_PASID) &&
			       !(e->flags & IOMMUFMT_INV_F_STAGE2);
	const unsigned int row = has_pasid ? VT_PDEVTLB : VT_DEVTLB;
	const uint64_t g = e->flags & IOMMUFMT_INV_F_PASID_GLOBAL;
	struct iommufmt__inv_block blk[IOMMUFMT_INV_ENCODE_MAX];
	size_t n = 0;
	int r;

	if ((e->flags & IOMMUFMT_INV_F_PASID) && !has_pasid)
		v->em.eflags |= IOMMUFMT_INV_ENC_WIDENED;
	if (e->granularity == IOMMUFMT_INV_GRAN_ADDR)
		n = iommufmt__inv_cover_pages(&v->em, e, 52, blk);
	if (!n)
		return put(v, row, 0, e->pasid, e->sid, 1, iommufmt__inv_sbit_addr(0, 64), g);
	for (size_t i = 0; i < n; i++) {
		unsigned int log2 = blk[i].log2 + 12u;

		r = put(v, row, 0, e->pasid, e->sid, log2 > 12,
			iommufmt__inv_sbit_addr(blk[i].start << 12, log2), g);
		if (r)
			return r;
	}
	return 0;
}

static int enc_pasid_cache(struct vtd_enc *v)
{
	const struct iommufmt_inv_entry *e = v->e;
	const bool has_did = e->flags & IOMMUFMT_INV_F_ARCHID;

	if (!(v->em.c->cfg.flags & IOMMUFMT_INV_CFG_PASID)) {
		v->em.eflags |= IOMMUFMT_INV_ENC_DROPPED;	/* no PASID tables, no PASID cache */
		return 0;
	}
	switch (e->granularity) {
	case IOMMUFMT_INV_GRAN_DOMAIN:
		return put(v, VT_PC_DOMAIN, e->archid, 0, 0, 0, 0, 0);
	case IOMMUFMT_INV_GRAN_PASID:
		if (has_did)
			return put(v, VT_PC_PASID, e->archid, e->pasid, 0, 0, 0, 0);
		break;
	case IOMMUFMT_INV_GRAN_DEVICE:
		if (has_did) {
			v->em.eflags |= IOMMUFMT_INV_ENC_WIDENED;
			return put(v, VT_PC_DOMAIN, e->archid, 0, 0, 0, 0, 0);
		}
		break;
	default:
		return put(v, VT_PC_GLOBAL, 0, 0, 0, 0, 0, 0);
	}
	v->em.eflags |= IOMMUFMT_INV_ENC_WIDENED;	/* PASID-cache commands need a DID */
	return put(v, VT_PC_GLOBAL, 0, 0, 0, 0, 0, 0);
}

static int enc_context(struct vtd_enc *v)
{
	const struct iommufmt_inv_entry *e = v->e;
	static const uint32_t fm_mask[4] = { 0, 4, 6, 7 };

	switch (e->granularity) {
	case IOMMUFMT_INV_GRAN_GLOBAL:
		return put(v, VT_CC_GLOBAL, 0, 0, 0, 0, 0, 0);
	case IOMMUFMT_INV_GRAN_DOMAIN:
		return put(v, VT_CC_DOMAIN, e->archid, 0, 0, 0, 0, 0);
	}
	if (!(e->flags & IOMMUFMT_INV_F_ARCHID)) {
		v->em.eflags |= IOMMUFMT_INV_ENC_WIDENED;	/* device-selective needs the DID */
		return put(v, VT_CC_GLOBAL, 0, 0, 0, 0, 0, 0);
	}
	for (unsigned int fm = 0; fm < 4; fm++) {
		if (e->sid_mask & ~fm_mask[fm])
			continue;
		if (e->sid_mask != fm_mask[fm])
			v->em.eflags |= IOMMUFMT_INV_ENC_WIDENED;
		return put(v, VT_CC_DEVICE, e->archid, 0, e->sid & ~fm_mask[fm], fm, 0, 0);
	}
	v->em.eflags |= IOMMUFMT_INV_ENC_WIDENED;	/* more than a function mask */
	return put(v, VT_CC_DOMAIN, e->archid, 0, 0, 0, 0, 0);
}

static int enc_intr(struct vtd_enc *v)
{
	const struct iommufmt_inv_entry *e = v->e;
	struct iommufmt__inv_block blk[IOMMUFMT_INV_ENCODE_MAX];
	size_t n;
	int r;

	if (e->granularity == IOMMUFMT_INV_GRAN_GLOBAL)
		return put(v, VT_IEC_GLOBAL, 0, 0, 0, 0, 0, 0);
	if (e->granularity != IOMMUFMT_INV_GRAN_ADDR) {
		v->em.eflags |= IOMMUFMT_INV_ENC_WIDENED;	/* no per-device IEC flush */
		return put(v, VT_IEC_GLOBAL, 0, 0, 0, 0, 0, 0);
	}
	n = iommufmt__inv_cover_pow2(e->addr, e->nr_granules, 31, blk, IOMMUFMT_INV_ENCODE_MAX);
	if (n > IOMMUFMT_INV_ENCODE_MAX) {
		v->em.eflags |= IOMMUFMT_INV_ENC_WIDENED;
		return put(v, VT_IEC_GLOBAL, 0, 0, 0, 0, 0, 0);
	}
	for (size_t i = 0; i < n; i++) {
		r = put(v, VT_IEC_INDEX, 0, 0, 0, blk[i].log2, blk[i].start, 0);
		if (r)
			return r;
	}
	return 0;
}

static int vtd_encode(const struct iommufmt_inv_codec *c, const struct iommufmt_inv_entry *e,
		      void *out, size_t cap, __u32 *nr, __u32 *eflags, struct iommufmt_diag *diag)
{
	struct vtd_enc v = { { &vtd_fmt, c, out, cap, 0, 0, diag }, e, 0 };
	uint64_t s[IOMMUFMT__IS_SLOTS];

	iommufmt__inv_zero(s);
	int r = 0;

	if (e->native.model == IOMMUFMT_MODEL_INTEL)
		v.aux = e->aux;
	switch (e->op) {
	case IOMMUFMT_INV_OP_INVALIDATE:
		if (!r && (e->caches & IOMMUFMT_INV_CACHE_IOTLB))
			r = enc_iotlb(&v);
		if (!r && (e->caches & IOMMUFMT_INV_CACHE_DEV_IOTLB))
			r = enc_devtlb(&v);
		if (!r && (e->caches & IOMMUFMT_INV_CACHE_PASID))
			r = enc_pasid_cache(&v);
		if (!r && (e->caches & IOMMUFMT_INV_CACHE_DEVICE))
			r = enc_context(&v);
		if (!r && (e->caches & IOMMUFMT_INV_CACHE_INTR))
			r = enc_intr(&v);
		break;
	case IOMMUFMT_INV_OP_SYNC:
		if (e->flags & IOMMUFMT_INV_F_SYNC_EVENT)
			v.em.eflags |= IOMMUFMT_INV_ENC_DROPPED;
		s[IOMMUFMT__IS_FLAGS] = e->flags & (IOMMUFMT_INV_F_SYNC_IRQ | IOMMUFMT_INV_F_SYNC_STORE |
						    IOMMUFMT_INV_F_SYNC_FENCE |
						    IOMMUFMT_INV_F_SYNC_DRAIN_PRQ);
		s[IOMMUFMT__IS_ADDR] = e->addr;
		s[IOMMUFMT__IS_DATA] = e->data;
		r = iommufmt__inv_emit(&v.em, VT_WAIT, s);
		break;
	case IOMMUFMT_INV_OP_PAGE_RESP:
		s[IOMMUFMT__IS_FLAGS] = e->flags & (IOMMUFMT_INV_F_PASID | IOMMUFMT_INV_F_RESP_LAST);
		s[IOMMUFMT__IS_CODE] = iommufmt__inv_prg_code(e->code);
		s[IOMMUFMT__IS_SID] = e->sid;
		s[IOMMUFMT__IS_PASID] = e->pasid;
		s[IOMMUFMT__IS_TAG] = e->tag;
		r = iommufmt__inv_emit(&v.em, VT_PGRESP, s);
		break;
	case IOMMUFMT_INV_OP_PREFETCH:
		v.em.eflags |= IOMMUFMT_INV_ENC_DROPPED;	/* a hint VT-d does not have */
		break;
	default:
		r = iommufmt__inv_cannot(&v.em, "op", "VT-d has no stall model (no resume command)");
		break;
	}
	return iommufmt__inv_emit_end(&v.em, r, nr, eflags);
}

/* iommufd IOMMU_HWPT_INVALIDATE_DATA_VTD_S1: first-stage IOTLB invalidations of a nested HWPT. */
static int vtd_to_iommufd(const struct iommufmt_inv_codec *c, const struct iommufmt_inv_entry *e,
			  void *out, size_t cap, __u32 *nr, __u32 *eflags,
			  struct iommufmt_diag *diag)
{
	struct iommufmt_iommufd_vtd_s1_inv k = { 0, 0, 0, 0 };

	(void)c;
	(void)diag;
	*nr = 0;
	if (e->op != IOMMUFMT_INV_OP_INVALIDATE || (e->caches & ~IOMMUFMT_INV_CACHE_IOTLB))
		*eflags |= IOMMUFMT_INV_ENC_DROPPED;	/* the kernel or the VMM does the rest */
	if (e->op != IOMMUFMT_INV_OP_INVALIDATE || !(e->caches & IOMMUFMT_INV_CACHE_IOTLB))
		return 0;
	if (e->flags & IOMMUFMT_INV_F_LEAF)
		k.flags = IOMMUFMT_IOMMUFD_VTD_INV_FLAGS_LEAF;
	if (e->granularity == IOMMUFMT_INV_GRAN_ADDR && !iommufmt__inv_is_all(e)) {
		k.addr = e->addr;
		k.npages = e->nr_granules << (e->granule - 12);
	} else {
		k.addr = 0;
		k.npages = UINT64_MAX;
	}
	*nr = 1;
	if (!cap)
		return -EMSGSIZE;
	memcpy(out, &k, sizeof(k));
	return 0;
}

const struct iommufmt_inval_ops iommufmt__intel_inval_ops = {
	IOMMUFMT__INV_OPS_HEAD(vtd),
	.cfg_flags = IOMMUFMT_INV_CFG_PASID | IOMMUFMT_INV_CFG_ATS | IOMMUFMT_INV_CFG_PRI |
		     IOMMUFMT_INV_CFG_WIDE,
	.cmd_size = 16,
	.wide_cmd_size = 32,
	/* FSTS.IQE (bit 4) for illegal and unfetchable descriptors, FSTS.ITE (bit 6) for ATS timeouts */
	.native_err = { 0, 0x10, 0x10, 0x40 },
	.iommufd_type = IOMMUFMT_IOMMUFD_INV_DATA_VTD_S1,
	.iommufd_entry_len = sizeof(struct iommufmt_iommufd_vtd_s1_inv),
	.to_iommufd = vtd_to_iommufd,
};
