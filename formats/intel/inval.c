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

static const struct iommufmt__inv_field f_did[] = { F("did", 0, 16, 16, ARCHID, 0) };
static const struct iommufmt__inv_field f_cc_dev[] = {
	F("did", 0, 16, 16, ARCHID, 0), F("sid", 0, 32, 16, SID, 0), F("fm", 0, 48, 2, SIZE, 0),
};
static const struct iommufmt__inv_field f_iotlb_all[] = {
	FL("dw", 0, 6, IOMMUFMT_INV_F_DRAIN_WRITE), FL("dr", 0, 7, IOMMUFMT_INV_F_DRAIN_READ),
};
static const struct iommufmt__inv_field f_iotlb_dom[] = {
	FL("dw", 0, 6, IOMMUFMT_INV_F_DRAIN_WRITE), FL("dr", 0, 7, IOMMUFMT_INV_F_DRAIN_READ),
	F("did", 0, 16, 16, ARCHID, 0),
};
static const struct iommufmt__inv_field f_iotlb_page[] = {
	FL("dw", 0, 6, IOMMUFMT_INV_F_DRAIN_WRITE), FL("dr", 0, 7, IOMMUFMT_INV_F_DRAIN_READ),
	F("did", 0, 16, 16, ARCHID, 0), F("am", 1, 0, 6, SIZE, 0),
	FL("ih", 1, 6, IOMMUFMT_INV_F_LEAF), F("addr", 1, 12, 52, ADDR, 12),
};
static const struct iommufmt__inv_field f_devtlb[] = {
	F("pfsid", 0, 12, 4, AUX, 0), F("mip", 0, 16, 5, AUX, AUX_MIP_SHIFT),
	F("sid", 0, 32, 16, SID, 0), F("pfsid", 0, 52, 12, AUX, 4),
	F("s", 1, 0, 1, SIZE, 0), F("addr", 1, 12, 52, ADDR, 12),
};
static const struct iommufmt__inv_field f_iec_index[] = {
	F("im", 0, 27, 5, SIZE, 0), F("iidx", 0, 32, 16, ADDR, 0),
};
static const struct iommufmt__inv_field f_wait[] = {
	FL("if", 0, 4, IOMMUFMT_INV_F_SYNC_IRQ), FL("sw", 0, 5, IOMMUFMT_INV_F_SYNC_STORE),
	FL("fn", 0, 6, IOMMUFMT_INV_F_SYNC_FENCE),
	FLN("pd", 0, 7, IOMMUFMT_INV_F_SYNC_DRAIN_PRQ, IOMMUFMT_INV_CFG_PRI),
	F("data", 0, 32, 32, DATA, 0), F("addr", 1, 2, 62, ADDR, 2),
};
static const struct iommufmt__inv_field f_did_pasid[] = {
	F("did", 0, 16, 16, ARCHID, 0), F("pasid", 0, 32, 20, PASID, 0),
};
static const struct iommufmt__inv_field f_piotlb_page[] = {
	F("did", 0, 16, 16, ARCHID, 0), F("pasid", 0, 32, 20, PASID, 0),
	F("am", 1, 0, 6, SIZE, 0), FL("ih", 1, 6, IOMMUFMT_INV_F_LEAF),
	F("addr", 1, 12, 52, ADDR, 12),
};
static const struct iommufmt__inv_field f_pdevtlb[] = {
	F("mip", 0, 4, 5, AUX, AUX_MIP_SHIFT), F("pfsid", 0, 12, 4, AUX, 0),
	F("sid", 0, 16, 16, SID, 0), F("pasid", 0, 32, 20, PASID, 0),
	F("pfsid", 0, 52, 12, AUX, 4), FL("g", 1, 0, IOMMUFMT_INV_F_PASID_GLOBAL),
	F("s", 1, 11, 1, SIZE, 0), F("addr", 1, 12, 52, ADDR, 12),
};
static const struct iommufmt__inv_field f_pgresp[] = {
	FLN("pp", 0, 4, IOMMUFMT_INV_F_PASID, IOMMUFMT_INV_CFG_PASID), F("rc", 0, 12, 4, CODE, 0),
	F("rid", 0, 16, 16, SID, 0), FN("pasid", 0, 32, 20, PASID, 0, IOMMUFMT_INV_CFG_PASID),
	FL("lpig", 1, 2, IOMMUFMT_INV_F_RESP_LAST), F("prgi", 1, 3, 9, TAG, 0),
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
#define RSV_CC { UINT64_C(0xfffc00000000f1c0), ALL, ALL, ALL }
#define RSV_IOTLB { UINT64_C(0xffffffff0000f100), 0xf80, ALL, ALL }
#define RSV_IEC { UINT64_C(0xffff000007fff1e0), ALL, ALL, ALL }
#define RSV_P { UINT64_C(0xfff000000000f1c0), 0xf80, ALL, ALL }
#define RSV_PC { UINT64_C(0xfff000000000f1c0), ALL, ALL, ALL }

static const struct iommufmt__inv_cmd vtd_cmds[] = {
	[VT_CC_GLOBAL] = { .name = "CC_GLOBAL", .opcode = 1, .sel = 1, .op = INV, .gran = GL,
			   .rflags = SEL, .caches = IOMMUFMT_INV_CACHE_DEVICE, .rsv = RSV_CC },
	[VT_CC_DOMAIN] = { .name = "CC_DOMAIN", .opcode = 1, .sel = 2, .op = INV, .gran = DOM,
			   .rflags = SEL, .caches = IOMMUFMT_INV_CACHE_DEVICE, .flags = FA,
			   .rsv = RSV_CC, FIELDS(f_did) },
	[VT_CC_DEVICE] = { .name = "CC_DEVICE", .opcode = 1, .sel = 3, .op = INV, .gran = DEV,
			   .range = IOMMUFMT__IR_FM, .rflags = SEL, .caches = IOMMUFMT_INV_CACHE_DEVICE,
			   .flags = FA | FS, .rsv = RSV_CC, FIELDS(f_cc_dev) },
	[VT_IOTLB_GLOBAL] = { .name = "IOTLB_GLOBAL", .opcode = 2, .sel = 1, .op = INV, .gran = GL,
			      .rflags = SEL, .caches = C_IOTLB, .rsv = RSV_IOTLB,
			      FIELDS(f_iotlb_all) },
	[VT_IOTLB_DOMAIN] = { .name = "IOTLB_DOMAIN", .opcode = 2, .sel = 2, .op = INV, .gran = DOM,
			      .rflags = SEL, .caches = C_IOTLB, .flags = FA, .rsv = RSV_IOTLB,
			      FIELDS(f_iotlb_dom) },
	[VT_IOTLB_PAGE] = { .name = "IOTLB_PAGE", .opcode = 2, .sel = 3, .op = INV, .gran = ADR,
			    .range = IOMMUFMT__IR_AM, .rflags = SEL, .caches = C_IOTLB, .flags = FA,
			    .rsv = RSV_IOTLB, FIELDS(f_iotlb_page) },
	[VT_DEVTLB] = { .name = "DEV_TLB", .opcode = 3, .op = INV, .gran = ADR,
			.range = IOMMUFMT__IR_SBIT, .arg = 63, .rflags = NORM, .need = CFG_ATS,
			.caches = C_DEVTLB, .flags = FS,
			.rsv = { UINT64_C(0x000f0000ffe001f0), 0xffe, ALL, ALL }, FIELDS(f_devtlb) },
	[VT_IEC_GLOBAL] = { .name = "IEC_GLOBAL", .opcode = 4, .sel = 0, .op = INV, .gran = GL,
			    .rflags = SEL, .caches = IOMMUFMT_INV_CACHE_INTR, .rsv = RSV_IEC },
	[VT_IEC_INDEX] = { .name = "IEC_INDEX", .opcode = 4, .sel = 1, .op = INV, .gran = ADR,
			   .range = IOMMUFMT__IR_INDEX, .rflags = SEL,
			   .caches = IOMMUFMT_INV_CACHE_INTR, .rsv = RSV_IEC, FIELDS(f_iec_index) },
	[VT_WAIT] = { .name = "WAIT", .opcode = 5, .op = IOMMUFMT_INV_OP_SYNC, .fix = FIX_WAIT,
		      .rsv = { UINT64_C(0xfffff100), 0x3, ALL, ALL }, FIELDS(f_wait) },
	[VT_PIOTLB_PASID] = { .name = "PIOTLB_PASID", .opcode = 6, .sel = 2, .op = INV, .gran = PAS,
			      .rflags = SEL, .need = CFG_PASID, .caches = C_IOTLB, .flags = FA | FP,
			      .rsv = RSV_P, FIELDS(f_did_pasid) },
	[VT_PIOTLB_PAGE] = { .name = "PIOTLB_PAGE", .opcode = 6, .sel = 3, .op = INV, .gran = ADR,
			     .range = IOMMUFMT__IR_AM, .rflags = SEL, .need = CFG_PASID,
			     .caches = C_IOTLB, .flags = FA | FP, .rsv = RSV_P,
			     FIELDS(f_piotlb_page) },
	[VT_PC_DOMAIN] = { .name = "PC_DOMAIN", .opcode = 7, .sel = 0, .op = INV, .gran = DOM,
			   .rflags = SEL, .need = CFG_PASID, .caches = IOMMUFMT_INV_CACHE_PASID,
			   .flags = FA, .rsv = RSV_PC, FIELDS(f_did) },
	[VT_PC_PASID] = { .name = "PC_PASID", .opcode = 7, .sel = 1, .op = INV, .gran = PAS,
			  .rflags = SEL, .need = CFG_PASID, .caches = IOMMUFMT_INV_CACHE_PASID,
			  .flags = FA | FP, .rsv = RSV_PC, FIELDS(f_did_pasid) },
	[VT_PC_GLOBAL] = { .name = "PC_GLOBAL", .opcode = 7, .sel = 3, .op = INV, .gran = GL,
			   .rflags = SEL, .need = CFG_PASID, .caches = IOMMUFMT_INV_CACHE_PASID,
			   .rsv = RSV_PC },
	[VT_PDEVTLB] = { .name = "PDEV_TLB", .opcode = 8, .op = INV, .gran = ADR,
			 .range = IOMMUFMT__IR_SBIT, .arg = 63, .rflags = NORM,
			 .need = CFG_PASID | CFG_ATS, .caches = C_DEVTLB, .flags = FS | FP,
			 .rsv = { 0, 0x7fe, ALL, ALL }, FIELDS(f_pdevtlb) },
	[VT_PGRESP] = { .name = "PGRP_RESP", .opcode = 9, .op = IOMMUFMT_INV_OP_PAGE_RESP,
			.fix = FIX_PGRESP, .need = IOMMUFMT_INV_CFG_PRI, .flags = FS,
			.rsv = { UINT64_C(0xfff00000000001e0), UINT64_C(0xfffffffffffff003), ALL, ALL },
			FIELDS(f_pgresp) },
};

/* rows chosen by G (bits 5:4); selrow maps each G value to a row after the first */
#define OPG(row, n, m0, m1, m2, m3) { (row) + 1, (n), 0, 0, 4, 2, "g", { m0, m1, m2, m3 }, NULL }
static const struct iommufmt__inv_opent vtd_ops[] = {
	[1] = OPG(VT_CC_GLOBAL, 3, -1, 0, 1, 2),
	[2] = OPG(VT_IOTLB_GLOBAL, 3, -1, 0, 1, 2),
	[3] = OP1(VT_DEVTLB),
	[4] = { VT_IEC_GLOBAL + 1, 2, 0, 0, 4, 1, "g", { 0, 1, -1, -1 }, NULL },
	[5] = OP1(VT_WAIT),
	[6] = OPG(VT_PIOTLB_PASID, 2, -1, -1, 0, 1),
	[7] = OPG(VT_PC_DOMAIN, 3, 0, 1, -1, 2),
	[8] = OP1(VT_PDEVTLB),
	[9] = OP1(VT_PGRESP),
	[0xa] = OP_UNIMPL("PSTRM_RESP"),
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

static const struct iommufmt__inv_fmt vtd_fmt = {
	.model = IOMMUFMT_MODEL_INTEL,
	.big_endian = 0,
	.op_lo = 0, .op_width = 4, .op2_lo = 9, .op2_width = 3,
	IOMMUFMT__INV_TABLES(vtd_ops, vtd_cmds),
};

static int vtd_prepare(struct iommufmt_inv_codec *c, struct iommufmt_diag *diag)
{
	if (c->cfg.max_am > 63)
		return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_BAD_VALUE, "max_am",
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
