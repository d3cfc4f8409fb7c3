/* SPDX-License-Identifier: MIT */
/* SMMUv3 command-queue commands: tables, decode, encode with NUM/SCALE/TG/TTL ranges, iommufd entries. */
#include "formats/tables.h"

/*
 * Layouts: Linux drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.h (CMDQ_*), the
 * SMMU architecture spec (IHI 0070) chapter 4. Every command is 16 bytes,
 * little-endian, opcode in qword 0 bits 7:0. Bits not listed are RES0 and
 * rejected (as the kernel's arm_vsmmu_validate_user_cmd does); SSec must be
 * 0 on the Non-secure queue. Range fields (NUM, SCALE, TG, TTL) need
 * SMMU_IDR3.RIL, SCALE bit 5 and TTL 1 with a 16 KiB TG need SMMU_IDR5.DS;
 * TTL128 (qword 1 bit 7) is treated as reserved. CFGI_STE also invalidates
 * the CDs fetched through the STE (spec 4.3.1), so it decodes as DEVICE and
 * PASID caches. PREFETCH_ADDR (spec 4.2.2) decodes as a prefetch, as
 * PREFETCH_CONFIG does (QEMU treats both as no-ops): its Addr, Size and
 * Stride are hints the generic entry does not carry (a re-encode is a
 * PREFETCH_CONFIG). The TLBI_EL2_* opcodes need hypervisor support
 * (SMMU_IDR0.Hyp) that a guest's vSMMU does not advertise and are illegal
 * with their own reason (IOMMUFMT_DIAG_INV_FEATURE); EL3, Secure, DPTI,
 * VMS_PIDM and IMPLEMENTATION DEFINED opcodes are illegal on a guest's
 * Non-secure queue and reported as unknown. A TLBI address not aligned to
 * its TG/TTL leaf size is UNPREDICTABLE (spec 4.4.1.1), not illegal: see
 * fix_tlbi(). entry.aux for CMD_SYNC holds MSH in bits 1:0 and MSIAttr in
 * bits 5:2.
 */

#define CFGR IOMMUFMT_INV_CFG_RANGE
#define CFGP IOMMUFMT_INV_CFG_PASID

enum { FIX_TLBI = 1, FIX_PRI, FIX_RESUME, FIX_STALL_TERM, FIX_SYNC };

#define M_SSEC INV_MBZ("ssec", 0, 10, 10)
#define M_SSV INV_FLAG_NEEDS("ssv", 0, 11, IOMMUFMT_INV_F_PASID, CFGP)
#define M_SSID INV_FIELD_NEEDS("ssid", 0, 31, 12, PASID, 0, CFGP)
#define M_SID INV_FIELD("sid", 0, 63, 32, SID, 0)
#define M_VMID INV_FIELD("vmid", 0, 47, 32, VMID, 0)
#define M_ASID INV_FIELD("asid", 0, 63, 48, ARCHID, 0)
#define M_LEAF INV_FLAG("leaf", 1, 0, IOMMUFMT_INV_F_LEAF)
#define M_RANGE_FIELDS \
	INV_FIELD_NEEDS("num", 0, 16, 12, SIZE, 0, CFGR), \
	INV_FIELD_NEEDS("scale", 0, 24, 20, SCALE, 0, CFGR), \
	INV_FIELD_NEEDS("scale", 0, 25, 25, SCALE, 5, CFGR | IOMMUFMT_INV_CFG_DS), \
	INV_FIELD_NEEDS("ttl", 1, 9, 8, TTL, 0, CFGR), INV_FIELD_NEEDS("tg", 1, 11, 10, TG, 0, CFGR)

static const struct iommufmt__inv_field f_prefetch[] = { M_SSEC, M_SSV, M_SSID, M_SID };
/*
 * CMD_PREFETCH_ADDR qword 1: Size 4:0 and Addr[63:12] in 63:12 (Linux
 * CMDQ_PREFETCH_1_SIZE / _ADDR_MASK), Stride 9:5 and NS 11 (SMMU spec 4.2.2;
 * bit 10 is RES0). Size, Stride and Addr are hints, legal at any value
 * (Stride is RES0 in SMMUv3.0, where a non-zero value may be ignored: it
 * is); NS is RES0 on the Non-secure queue.
 */
static const struct iommufmt__inv_field f_prefetch_addr[] = {
	M_SSEC, M_SSV, M_SSID, M_SID, INV_IGNORED("size", 1, 4, 0), INV_IGNORED("stride", 1, 9, 5),
	INV_MBZ("ns", 1, 11, 11), INV_IGNORED("addr", 1, 63, 12),
};
static const struct iommufmt__inv_field f_ste[] = { M_SSEC, M_SID, M_LEAF };
static const struct iommufmt__inv_field f_ste_range[] = {
	M_SSEC, M_SID, INV_FIELD("range", 1, 4, 0, SIZE, 0),
};
static const struct iommufmt__inv_field f_cd[] = { M_SSEC, M_SSID, M_SID, M_LEAF };
static const struct iommufmt__inv_field f_cd_all[] = { M_SSEC, M_SID };
static const struct iommufmt__inv_field f_vmid[] = { M_VMID };
static const struct iommufmt__inv_field f_vmid_asid[] = { M_VMID, M_ASID };
static const struct iommufmt__inv_field f_nh_va[] = {
	M_RANGE_FIELDS, M_VMID, M_ASID, M_LEAF, INV_FIELD("va", 1, 63, 12, ADDR, 12),
};
static const struct iommufmt__inv_field f_nh_vaa[] = {
	M_RANGE_FIELDS, M_VMID, M_LEAF, INV_FIELD("va", 1, 63, 12, ADDR, 12),
};
static const struct iommufmt__inv_field f_s2_ipa[] = {
	M_RANGE_FIELDS, M_VMID, M_LEAF, INV_FIELD("ipa", 1, 51, 12, ADDR, 12),
};
static const struct iommufmt__inv_field f_atc[] = {
	INV_FLAG_NEEDS("g", 0, 9, IOMMUFMT_INV_F_PASID_GLOBAL, CFGP), M_SSEC, M_SSV, M_SSID, M_SID,
	INV_FIELD("size", 1, 5, 0, SIZE, 0), INV_FIELD("addr", 1, 63, 12, ADDR, 12),
};
static const struct iommufmt__inv_field f_pri[] = {
	M_SSV, M_SSID, M_SID, INV_FIELD("grpid", 1, 8, 0, TAG, 0),
	INV_FIELD("resp", 1, 13, 12, CODE, 0),
};
static const struct iommufmt__inv_field f_resume[] = {
	M_SSEC, INV_FIELD("action", 0, 13, 12, CODE, 0), M_SID, INV_FIELD("stag", 1, 15, 0, TAG, 0),
};
static const struct iommufmt__inv_field f_sync[] = {
	INV_FIELD("cs", 0, 13, 12, CODE, 0), INV_FIELD("msh", 0, 23, 22, AUX, 0),
	INV_FIELD("msiattr", 0, 27, 24, AUX, 2),
	INV_FIELD("msidata", 0, 63, 32, DATA, 0), INV_FIELD("msiaddr", 1, 51, 2, ADDR, 2),
};

enum {
	SM_PREFETCH_CFG, SM_PREFETCH_ADDR, SM_CFGI_STE, SM_CFGI_STE_RANGE, SM_CFGI_CD, SM_CFGI_CD_ALL,
	SM_NH_ALL, SM_NH_ASID, SM_NH_VA, SM_NH_VAA, SM_S12_VMALL, SM_S2_IPA, SM_NSNH_ALL,
	SM_ATC_INV, SM_PRI_RESP, SM_RESUME, SM_STALL_TERM, SM_SYNC,
};

#define C_CFG (IOMMUFMT_INV_CACHE_DEVICE | IOMMUFMT_INV_CACHE_PASID)

static const struct iommufmt__inv_cmd smmu_cmds[] = {
	[SM_PREFETCH_CFG] = { .name = "PREFETCH_CONFIG", .opcode = 0x01, .op = IOMMUFMT_INV_OP_PREFETCH,
			      .flags = INV_F_SID, INV_FIELDS(f_prefetch) },
	[SM_PREFETCH_ADDR] = { .name = "PREFETCH_ADDR", .opcode = 0x02, .op = IOMMUFMT_INV_OP_PREFETCH,
			       .flags = INV_F_SID, INV_FIELDS(f_prefetch_addr) },
	[SM_CFGI_STE] = { .name = "CFGI_STE", .opcode = 0x03, .op = INV_OP_INVAL,
			  .gran = IOMMUFMT_INV_GRAN_DEVICE, .caches = C_CFG, .flags = INV_F_SID,
			  INV_FIELDS(f_ste) },
	[SM_CFGI_STE_RANGE] = { .name = "CFGI_STE_RANGE", .opcode = 0x04, .op = INV_OP_INVAL,
				.gran = IOMMUFMT_INV_GRAN_DEVICE, .range = IOMMUFMT__IR_SIDRANGE,
				.caches = C_CFG, .flags = INV_F_SID, INV_FIELDS(f_ste_range) },
	[SM_CFGI_CD] = { .name = "CFGI_CD", .opcode = 0x05, .op = INV_OP_INVAL,
			 .gran = IOMMUFMT_INV_GRAN_PASID, .caches = IOMMUFMT_INV_CACHE_PASID, .flags = INV_F_SID | IOMMUFMT_INV_F_PASID,
			 INV_FIELDS(f_cd) },
	[SM_CFGI_CD_ALL] = { .name = "CFGI_CD_ALL", .opcode = 0x06, .op = INV_OP_INVAL,
			     .gran = IOMMUFMT_INV_GRAN_DEVICE, .caches = IOMMUFMT_INV_CACHE_PASID,
			     .flags = INV_F_SID, INV_FIELDS(f_cd_all) },
	[SM_NH_ALL] = { .name = "TLBI_NH_ALL", .opcode = 0x10, .op = INV_OP_INVAL,
			.gran = IOMMUFMT_INV_GRAN_GLOBAL, .caches = INV_C_IOTLB, .flags = INV_F_VMID,
			INV_FIELDS(f_vmid) },
	[SM_NH_ASID] = { .name = "TLBI_NH_ASID", .opcode = 0x11, .op = INV_OP_INVAL,
			 .gran = IOMMUFMT_INV_GRAN_DOMAIN, .caches = INV_C_IOTLB,
			 .flags = INV_F_VMID | IOMMUFMT_INV_F_ARCHID, INV_FIELDS(f_vmid_asid) },
	[SM_NH_VA] = { .name = "TLBI_NH_VA", .opcode = 0x12, .op = INV_OP_INVAL,
		       .gran = IOMMUFMT_INV_GRAN_ADDR, .range = IOMMUFMT__IR_MODEL, .fix = FIX_TLBI, .caches = INV_C_IOTLB,
		       .flags = INV_F_VMID | IOMMUFMT_INV_F_ARCHID, INV_FIELDS(f_nh_va) },
	[SM_NH_VAA] = { .name = "TLBI_NH_VAA", .opcode = 0x13, .op = INV_OP_INVAL,
			.gran = IOMMUFMT_INV_GRAN_ADDR, .range = IOMMUFMT__IR_MODEL, .fix = FIX_TLBI,
			.caches = INV_C_IOTLB, .flags = INV_F_VMID,
			INV_FIELDS(f_nh_vaa) },
	[SM_S12_VMALL] = { .name = "TLBI_S12_VMALL", .opcode = 0x28, .op = INV_OP_INVAL,
			   .gran = IOMMUFMT_INV_GRAN_GLOBAL, .need = IOMMUFMT_INV_CFG_STAGE2,
			   .caches = INV_C_IOTLB, .flags = INV_F_VMID | IOMMUFMT_INV_F_STAGE2,
			   INV_FIELDS(f_vmid) },
	[SM_S2_IPA] = { .name = "TLBI_S2_IPA", .opcode = 0x2a, .op = INV_OP_INVAL,
			.gran = IOMMUFMT_INV_GRAN_ADDR, .range = IOMMUFMT__IR_MODEL, .fix = FIX_TLBI,
			.need = IOMMUFMT_INV_CFG_STAGE2, .caches = INV_C_IOTLB,
			.flags = INV_F_VMID | IOMMUFMT_INV_F_STAGE2,
			INV_FIELDS(f_s2_ipa) },
	[SM_NSNH_ALL] = { .name = "TLBI_NSNH_ALL", .opcode = 0x30, .op = INV_OP_INVAL,
			  .gran = IOMMUFMT_INV_GRAN_GLOBAL, .caches = INV_C_IOTLB,
			  .flags = IOMMUFMT_INV_F_STAGE2 },
	[SM_ATC_INV] = { .name = "ATC_INV", .opcode = 0x40, .op = INV_OP_INVAL,
			 .gran = IOMMUFMT_INV_GRAN_ADDR, .range = IOMMUFMT__IR_POW2, .rflags = INV_NORM_ALL,
			 .need = IOMMUFMT_INV_CFG_ATS, .caches = IOMMUFMT_INV_CACHE_DEV_IOTLB,
			 .flags = INV_F_SID, INV_FIELDS(f_atc) },
	[SM_PRI_RESP] = { .name = "PRI_RESP", .opcode = 0x41, .op = IOMMUFMT_INV_OP_PAGE_RESP,
			  .fix = FIX_PRI, .need = IOMMUFMT_INV_CFG_PRI, .flags = INV_F_SID,
			  INV_FIELDS(f_pri) },
	[SM_RESUME] = { .name = "RESUME", .opcode = 0x44, .op = IOMMUFMT_INV_OP_RESUME,
			.fix = FIX_RESUME, .need = IOMMUFMT_INV_CFG_STALL, .flags = INV_F_SID,
			INV_FIELDS(f_resume) },
	[SM_STALL_TERM] = { .name = "STALL_TERM", .opcode = 0x45, .op = IOMMUFMT_INV_OP_RESUME,
			    .fix = FIX_STALL_TERM, .need = IOMMUFMT_INV_CFG_STALL,
			    .flags = INV_F_SID | IOMMUFMT_INV_F_ALL_TAGS, INV_FIELDS(f_cd_all) },
	[SM_SYNC] = { .name = "CMD_SYNC", .opcode = 0x46, .op = IOMMUFMT_INV_OP_SYNC, .fix = FIX_SYNC,
		      INV_FIELDS(f_sync) },
};

/* Why the TLBI_EL2_* opcodes are illegal on a guest's queue (SMMU spec 4.4: only with SMMU_IDR0.Hyp). */
#define EL2 "hypervisor support (EL2/E2H streams, SMMU_IDR0.Hyp), " \
	    "which the vSMMU does not advertise"

static const struct iommufmt__inv_opent smmu_ops[] = {
	[0x01] = INV_OP1(SM_PREFETCH_CFG),
	[0x02] = INV_OP1(SM_PREFETCH_ADDR),
	[0x03] = INV_OP1(SM_CFGI_STE),
	[0x04] = INV_OP1(SM_CFGI_STE_RANGE),
	[0x05] = INV_OP1(SM_CFGI_CD),
	[0x06] = INV_OP1(SM_CFGI_CD_ALL),
	[0x10] = INV_OP1(SM_NH_ALL),
	[0x11] = INV_OP1(SM_NH_ASID),
	[0x12] = INV_OP1(SM_NH_VA),
	[0x13] = INV_OP1(SM_NH_VAA),
	[0x20] = INV_OP_NEEDS("TLBI_EL2_ALL", EL2),
	[0x21] = INV_OP_NEEDS("TLBI_EL2_ASID", EL2),
	[0x22] = INV_OP_NEEDS("TLBI_EL2_VA", EL2),
	[0x23] = INV_OP_NEEDS("TLBI_EL2_VAA", EL2),
	[0x28] = INV_OP1(SM_S12_VMALL),
	[0x2a] = INV_OP1(SM_S2_IPA),
	[0x30] = INV_OP1(SM_NSNH_ALL),
	[0x40] = INV_OP1(SM_ATC_INV),
	[0x41] = INV_OP1(SM_PRI_RESP),
	[0x44] = INV_OP1(SM_RESUME),
	[0x45] = INV_OP1(SM_STALL_TERM),
	[0x46] = INV_OP1(SM_SYNC),
};

/* PRI_RESP Resp <-> IOMMUFMT_INV_RESP_*: 0 ResponseFailure, 1 InvalidRequest, 2 Success. */
static const uint8_t resp_of_code[3] = { 2, 1, 0 };
static const uint8_t code_of_resp[3] = { IOMMUFMT_INV_RESP_FAILURE, IOMMUFMT_INV_RESP_INVALID,
					  IOMMUFMT_INV_RESP_SUCCESS };
/* RESUME Action {Ab, Ac} <-> IOMMUFMT_INV_RESUME_*: 0 terminate RAZ/WI, 1 retry, 2 abort, 3 retry. */
static const uint8_t code_of_action[4] = { IOMMUFMT_INV_RESUME_RAZ, IOMMUFMT_INV_RESUME_RETRY,
					    IOMMUFMT_INV_RESUME_ABORT, IOMMUFMT_INV_RESUME_RETRY };
static const uint8_t action_of_code[3] = { 1, 2, 0 };

/* Leaf size (log2) of a TTL level for a granule of 2^g bytes. */
static unsigned int ttl_leaf(unsigned int g, unsigned int ttl)
{
	return g + (3 - ttl) * (g - 3);
}

static inline __attribute__((always_inline)) int fix_tlbi(const struct iommufmt_inv_codec *c, const struct iommufmt__inv_cmd *cmd,
		    const uint64_t *s, struct iommufmt_inv_entry *e, struct iommufmt_diag *diag)
{
	uint64_t tg = s[IOMMUFMT__IS_TG], ttl = s[IOMMUFMT__IS_TTL], num = s[IOMMUFMT__IS_SIZE];
	uint64_t scale = s[IOMMUFMT__IS_SCALE], a = s[IOMMUFMT__IS_ADDR], nr, room;
	unsigned int g, leaf;

	if (!tg) {
		if (num || scale || ttl)
			return iommufmt__inv_err_value(cmd, "tg", -EIO, IOMMUFMT_DIAG_INV_RESERVED_COMBO,
						       num | scale << 8 | ttl << 16, 0,
						       "NUM, SCALE and TTL must be 0 when TG is 0",
						       diag);
		e->granule = 12;
		e->addr = a;
		e->nr_granules = 1;
		return 0;
	}
	if (tg == 2 && ttl == 1 && !(c->cfg.flags & IOMMUFMT_INV_CFG_DS))
		return iommufmt__inv_err_value(cmd, "ttl", -EIO, IOMMUFMT_DIAG_INV_RESERVED_COMBO, ttl, 0,
					       "TTL 1 with a 16 KiB TG needs SMMU_IDR5.DS", diag);
	if (!num && !scale && !ttl)
		return iommufmt__inv_err_value(cmd, "num", -EIO, IOMMUFMT_DIAG_INV_RESERVED_COMBO, 0, 0,
					       "NUM = SCALE = TTL = 0 with a TG is reserved", diag);
	if (scale > 39)
		scale = 39;	/* the architecture treats larger values as 39 */
	g = 10 + 2 * (unsigned int)tg;
	leaf = ttl ? ttl_leaf(g, (unsigned int)ttl) : g;
	nr = (num + 1) << scale;
	room = a ? (~a + 1) >> g : UINT64_C(1) << (64 - g);
	if (nr > room)
		return iommufmt__inv_err_value(cmd, "scale", -EIO, IOMMUFMT_DIAG_INV_RANGE_WRAP, nr,
					       room, "the range passes 2^64", diag);
	e->granule = (uint8_t)g;
	if (a & iommufmt__mask(leaf)) {
		/*
		 * An address not aligned to the leaf size of TG/TTL: the range
		 * invalidated is UNPREDICTABLE (SMMU spec 4.4.1.1), the command
		 * is not illegal, so the guest's queue goes on. Ignore the hint
		 * and take every leaf the range touches, rounding the start down
		 * and the end up to the leaf size: that holds [a, a + range) as
		 * written and the range from a rounded down, and flag it. Granule
		 * units (2^g): the end is at most 2^(64 - g) by the check above,
		 * so nothing here passes 2^64.
		 */
		const uint64_t lm = iommufmt__mask(leaf - g);
		uint64_t lo = (a >> g) & ~lm, end = (a >> g) + nr + ((a & iommufmt__mask(g)) != 0);

		end = (end + lm) & ~lm;
		e->addr = lo << g;
		e->nr_granules = end - lo;
		e->level_hint = 0;
		e->flags |= IOMMUFMT_INV_F_WIDENED;
		return 0;
	}
	e->addr = a;
	e->nr_granules = nr;
	e->level_hint = ttl ? (uint8_t)leaf : 0;
	return 0;
}

static inline __attribute__((always_inline)) int smmu_fix(const struct iommufmt_inv_codec *c, const struct iommufmt__inv_cmd *cmd,
		    const uint64_t *s, struct iommufmt_inv_entry *e, struct iommufmt_diag *diag)
{
	uint64_t code = s[IOMMUFMT__IS_CODE];

	switch (cmd->fix) {
	case FIX_TLBI:
		return fix_tlbi(c, cmd, s, e, diag);
	case FIX_PRI:
		if (code > 2)
			return iommufmt__inv_err_value(cmd, "resp", -EIO, IOMMUFMT_DIAG_INV_BAD_FIELD,
						       code, 2, "Resp 3 is ILLEGAL", diag);
		e->code = code_of_resp[code];
		return 0;
	case FIX_RESUME:
		e->code = code_of_action[code & 3];
		return 0;
	case FIX_STALL_TERM:
		e->code = IOMMUFMT_INV_RESUME_ABORT;
		return 0;
	case FIX_SYNC:
		if (code == 3)
			return iommufmt__inv_err_value(cmd, "cs", -EIO, IOMMUFMT_DIAG_INV_BAD_FIELD, code,
						       2, "CS 3 is reserved", diag);
		e->addr = 0;
		if (code == 1 && s[IOMMUFMT__IS_ADDR]) {
			e->flags |= IOMMUFMT_INV_F_SYNC_STORE;
			e->addr = s[IOMMUFMT__IS_ADDR];
		} else {
			/* the MSI fields are used only by an MSI write */
			e->data = 0;
			e->aux = 0;
			if (code == 1)
				e->flags |= IOMMUFMT_INV_F_SYNC_IRQ;
			else if (code == 2)
				e->flags |= IOMMUFMT_INV_F_SYNC_EVENT;
		}
		return 0;
	}
	return 0;
}

IOMMUFMT__INV_RSV_STORAGE(smmu, smmu_cmds);

static const struct iommufmt__inv_fmt smmu_fmt = {
	.model = IOMMUFMT_MODEL_SMMU,
	.big_endian = 0,
	.op_lo = 0, .op_width = 8,
	IOMMUFMT__INV_TABLES(smmu_ops, smmu_cmds),
	IOMMUFMT__INV_RSV(smmu),
};

const struct iommufmt__inv_fmt *const iommufmt__smmuv3_inv_fmt = &smmu_fmt;

static int smmu_prepare(struct iommufmt_inv_codec *c, struct iommufmt_diag *diag)
{
	int r = iommufmt__inv_fmt_ready(&smmu_fmt, diag);

	if (r)
		return r;
	if (c->cfg.granule && c->cfg.granule != 12 && c->cfg.granule != 14 && c->cfg.granule != 16)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE, "granule",
					 IOMMUFMT__DV_VALUE, c->cfg.granule, 0, 0,
					 "SMMU granules are 4, 16 or 64 KiB (12, 14, 16)");
	if ((c->cfg.flags & IOMMUFMT_INV_CFG_DS) && !(c->cfg.flags & IOMMUFMT_INV_CFG_RANGE))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BAD_COMBINATION, "flags",
				      "the DS range extensions need range invalidation");
	return iommufmt__inv_cfg_unused(c, false, true, diag);
}

IOMMUFMT__INV_CODEC_OPS(smmu, smmu_fmt, smmu_fix)

/* ---- encoding ---- */

struct smmu_enc {
	struct iommufmt__inv_emit em;
	const struct iommufmt_inv_entry *e;
	uint64_t s[IOMMUFMT__IS_SLOTS];
};

static void clear(struct smmu_enc *v)
{
	iommufmt__inv_zero(v->s);
}

static int emit(struct smmu_enc *v, unsigned int row)
{
	return iommufmt__inv_emit(&v->em, row, v->s);
}

static uint64_t vmid_of(const struct iommufmt_inv_entry *e)
{
	return (e->flags & IOMMUFMT_INV_F_VMID) ? e->vmid : 0;
}

/* The whole-scope TLB invalidation that contains an entry's address range. */
static int tlbi_scope(struct smmu_enc *v)
{
	const struct iommufmt_inv_entry *e = v->e;

	clear(v);
	v->s[IOMMUFMT__IS_VMID] = vmid_of(e);
	if (e->flags & IOMMUFMT_INV_F_STAGE2) {
		if (e->flags & IOMMUFMT_INV_F_VMID)
			return emit(v, SM_S12_VMALL);
		return emit(v, SM_NSNH_ALL);
	}
	if (e->flags & IOMMUFMT_INV_F_ARCHID) {
		v->s[IOMMUFMT__IS_ARCHID] = e->archid;
		return emit(v, SM_NH_ASID);
	}
	if (e->flags & IOMMUFMT_INV_F_VMID)
		return emit(v, SM_NH_ALL);
	v->em.eflags |= IOMMUFMT_INV_ENC_WIDENED;	/* no VMID: every VMID, both stages */
	return emit(v, SM_NSNH_ALL);
}

/* A range term: (num + 1) * 2^scale granules. */
struct term {
	uint64_t start;
	uint8_t num, scale;
};

/*
 * Split @n granules into the fewest range terms: each takes the next five
 * bits of the count above its lowest set bit (as Linux does); SCALE is
 * capped at @smax. Returns the count, or cap + 1 when more are needed.
 */
static size_t smmu_terms(uint64_t a, uint64_t n, unsigned int smax, struct term *t, size_t cap)
{
	size_t k = 0;

	while (n) {
		unsigned int scale = iommufmt__ctz64(n);
		uint64_t m;

		if (scale > smax)
			scale = smax;
		m = n >> scale;
		if (scale == iommufmt__ctz64(n))
			m &= 31;
		else if (m > 32)
			m = 32;
		if (k == cap)
			return cap + 1;
		t[k].start = a;
		t[k].num = (uint8_t)(m - 1);
		t[k].scale = (uint8_t)scale;
		k++;
		a += m << scale;
		n -= m << scale;
	}
	return k;
}

/* A range the commands cannot carry: the whole scope that holds it. */
static int tlbi_widen(struct smmu_enc *v)
{
	v->em.eflags |= IOMMUFMT_INV_ENC_WIDENED;
	return tlbi_scope(v);
}

/*
 * The unit of a range, log2: the codec's granule; else, for range commands
 * (@range), the entry's when it is one SMMU granule (a TG of its own), else
 * 4 KiB. Without range commands an unknown granule is 4 KiB: a TG = 0
 * command reaches only the leaf holding its address, which may be a 4 KiB
 * one (spec 4.4.1.1), so every 4 KiB page needs its own command. The range
 * [*a, *a + *n) in that unit: exact when the entry's granule is at least
 * that, else rounded outwards (IOMMUFMT_INV_ENC_WIDENED when that grows it).
 */
static unsigned int tlbi_units(struct smmu_enc *v, int range, uint64_t *a, uint64_t *n)
{
	const struct iommufmt_inv_entry *e = v->e;
	const unsigned int g = v->em.c->cfg.granule ? v->em.c->cfg.granule :
			       range && (e->granule == 14 || e->granule == 16) ? e->granule : 12;
	const uint64_t A = e->addr >> e->granule, N = e->nr_granules;
	unsigned int shift;

	if (e->granule >= g) {
		shift = e->granule - g;
		*a = A << shift;
		*n = N << shift;
	} else {
		shift = g - e->granule;
		*a = A >> shift;
		*n = ((A + N + iommufmt__mask(shift)) >> shift) - *a;
		if ((*a << shift) != A || (*n << shift) != N)
			v->em.eflags |= IOMMUFMT_INV_ENC_WIDENED;
	}
	return g;
}

/* Without range invalidation (no IDR3.RIL): one command per granule, up to the encode limit. */
static int tlbi_by_granule(struct smmu_enc *v, unsigned int row, unsigned int g, uint64_t a,
			   uint64_t n)
{
	if (v->e->level_hint)
		v->em.eflags |= IOMMUFMT_INV_ENC_DROPPED;
	if (n > IOMMUFMT_INV_ENCODE_MAX)
		return tlbi_widen(v);
	for (uint64_t i = 0; i < n; i++) {
		int r;

		v->s[IOMMUFMT__IS_ADDR] = (a + i) << g;
		r = emit(v, row);
		if (r)
			return r;
	}
	return 0;
}

/*
 * TTL names the level of the leaves; every command's address must be
 * aligned to that leaf size: the start, and with several commands (@k
 * terms) the count too (each term starts where the previous one ended).
 * The TTL for the entry's level hint, or 0 (hint dropped) when none fits.
 */
static unsigned int tlbi_ttl(struct smmu_enc *v, unsigned int g, uint64_t a, uint64_t n, size_t k)
{
	const unsigned int hint = v->e->level_hint;
	unsigned int ttl = 0;

	if (!hint)
		return 0;
	for (unsigned int l = 1; l <= 3; l++) {
		unsigned int leaf = ttl_leaf(g, l);

		if (leaf != hint)
			continue;
		/* a level-1 leaf of a 16 KiB granule needs 52-bit addresses (IDR5.DS) */
		if (l == 1 && g == 14 && !(v->em.c->cfg.flags & IOMMUFMT_INV_CFG_DS))
			break;
		if (!(a & iommufmt__mask(leaf - g)) && (k == 1 || !(n & iommufmt__mask(leaf - g))))
			ttl = l;
	}
	if (!ttl)
		v->em.eflags |= IOMMUFMT_INV_ENC_DROPPED;
	return ttl;
}

/* The TG, NUM, SCALE and TTL slots of one range term @t. */
static void tlbi_term_slots(struct smmu_enc *v, const struct term *t, unsigned int g,
			    unsigned int ttl)
{
	v->s[IOMMUFMT__IS_ADDR] = t->start << g;
	if (!t->num && !t->scale && !ttl && (g == 12 || v->em.c->cfg.granule == g)) {
		/*
		 * NUM = SCALE = TTL = 0 is reserved with a TG: one granule is
		 * the TG = 0 form, which invalidates the leaf holding the
		 * address: the whole granule when the tables use it.
		 */
		v->s[IOMMUFMT__IS_TG] = v->s[IOMMUFMT__IS_SIZE] = 0;
		v->s[IOMMUFMT__IS_SCALE] = v->s[IOMMUFMT__IS_TTL] = 0;
	} else if (!t->num && !t->scale && !ttl) {
		/*
		 * A granule the codec does not know the tables use: the TG = 0
		 * form might reach only a 4 KiB leaf of it, so two granules
		 * (as Linux's arm_smmu_tlb_inv_range_cmd() does).
		 */
		v->em.eflags |= IOMMUFMT_INV_ENC_WIDENED;
		v->s[IOMMUFMT__IS_TG] = (g - 10) / 2;
		v->s[IOMMUFMT__IS_SIZE] = 1;
		v->s[IOMMUFMT__IS_SCALE] = v->s[IOMMUFMT__IS_TTL] = 0;
	} else {
		v->s[IOMMUFMT__IS_TG] = (g - 10) / 2;
		v->s[IOMMUFMT__IS_SIZE] = t->num;
		v->s[IOMMUFMT__IS_SCALE] = t->scale;
		v->s[IOMMUFMT__IS_TTL] = ttl;
	}
}

/*
 * An address-range TLB invalidation: the whole space is the scope; one
 * 4 KiB page without a level hint is the TG = 0 form; without RIL one
 * command per granule; else the fewest NUM/SCALE terms with the TTL of
 * the level hint. Too many commands widen to the scope.
 */
static int enc_tlbi_range(struct smmu_enc *v)
{
	const struct iommufmt_inv_entry *e = v->e;
	const struct iommufmt_inv_codec *c = v->em.c;
	const unsigned int row = (e->flags & IOMMUFMT_INV_F_STAGE2) ? SM_S2_IPA :
				 (e->flags & IOMMUFMT_INV_F_ARCHID) ? SM_NH_VA : SM_NH_VAA;
	struct term t[IOMMUFMT_INV_ENCODE_MAX];
	unsigned int g, ttl;
	uint64_t a, n;
	size_t k;

	clear(v);
	v->s[IOMMUFMT__IS_VMID] = vmid_of(e);
	v->s[IOMMUFMT__IS_ARCHID] = (e->flags & IOMMUFMT_INV_F_ARCHID) ? e->archid : 0;
	v->s[IOMMUFMT__IS_FLAGS] = e->flags & IOMMUFMT_INV_F_LEAF;
	/* the whole address space is the scope itself */
	if (iommufmt__inv_is_all(e))
		return tlbi_scope(v);
	/* one 4 KiB page without a level: the TG = 0 form, whatever the granule */
	if (e->granule == 12 && e->nr_granules == 1 && !e->level_hint) {
		v->s[IOMMUFMT__IS_ADDR] = e->addr;
		return emit(v, row);
	}
	g = tlbi_units(v, !!(c->cfg.flags & IOMMUFMT_INV_CFG_RANGE), &a, &n);
	if (!(c->cfg.flags & IOMMUFMT_INV_CFG_RANGE))
		return tlbi_by_granule(v, row, g, a, n);
	/* SCALE is 5 bits; with IDR5.DS bit 5 is usable (52-bit spaces need up to 39) */
	k = smmu_terms(a, n, (c->cfg.flags & IOMMUFMT_INV_CFG_DS) ? 39 : 31, t,
		       IOMMUFMT_INV_ENCODE_MAX);
	if (k > IOMMUFMT_INV_ENCODE_MAX)
		return tlbi_widen(v);
	ttl = tlbi_ttl(v, g, a, n, k);
	for (size_t i = 0; i < k; i++) {
		int r;

		tlbi_term_slots(v, &t[i], g, ttl);
		r = emit(v, row);
		if (r)
			return r;
	}
	return 0;
}

static int enc_iotlb(struct smmu_enc *v)
{
	const struct iommufmt_inv_entry *e = v->e;

	if (e->flags & (IOMMUFMT_INV_F_DRAIN_READ | IOMMUFMT_INV_F_DRAIN_WRITE))
		v->em.eflags |= IOMMUFMT_INV_ENC_DROPPED;
	switch (e->granularity) {
	case IOMMUFMT_INV_GRAN_GLOBAL:
		clear(v);
		v->s[IOMMUFMT__IS_VMID] = vmid_of(e);
		if (!(e->flags & IOMMUFMT_INV_F_VMID)) {
			if (!(e->flags & IOMMUFMT_INV_F_STAGE2))
				v->em.eflags |= IOMMUFMT_INV_ENC_WIDENED;	/* stage 2 too */
			return emit(v, SM_NSNH_ALL);
		}
		return emit(v, (e->flags & IOMMUFMT_INV_F_STAGE2) ? SM_S12_VMALL : SM_NH_ALL);
	case IOMMUFMT_INV_GRAN_DOMAIN:
		return tlbi_scope(v);
	case IOMMUFMT_INV_GRAN_PASID:
		/* the ASID (archid) tags the PASID's address space; without it, widen */
		if (!(e->flags & IOMMUFMT_INV_F_ARCHID))
			v->em.eflags |= IOMMUFMT_INV_ENC_WIDENED;
		return tlbi_scope(v);
	}
	return enc_tlbi_range(v);
}

static int enc_atc(struct smmu_enc *v)
{
	const struct iommufmt_inv_entry *e = v->e;
	struct iommufmt__inv_block blk[IOMMUFMT_INV_ENCODE_MAX];
	size_t n = 0;
	int r;

	clear(v);
	v->s[IOMMUFMT__IS_SID] = e->sid;
	v->s[IOMMUFMT__IS_PASID] = e->pasid;
	v->s[IOMMUFMT__IS_FLAGS] = e->flags & (IOMMUFMT_INV_F_PASID | IOMMUFMT_INV_F_PASID_GLOBAL);
	if (e->granularity == IOMMUFMT_INV_GRAN_ADDR)
		n = iommufmt__inv_cover_pages(&v->em, e, 52, blk);
	if (!n) {
		v->s[IOMMUFMT__IS_SIZE] = 52;	/* everything */
		return emit(v, SM_ATC_INV);
	}
	for (size_t i = 0; i < n; i++) {
		v->s[IOMMUFMT__IS_SIZE] = blk[i].log2;
		v->s[IOMMUFMT__IS_ADDR] = blk[i].start << 12;
		r = emit(v, SM_ATC_INV);
		if (r)
			return r;
	}
	return 0;
}

static int cfgi_all(struct smmu_enc *v)
{
	clear(v);
	v->s[IOMMUFMT__IS_SIZE] = 31;
	return emit(v, SM_CFGI_STE_RANGE);
}

static int enc_ste(struct smmu_enc *v)
{
	const struct iommufmt_inv_entry *e = v->e;
	uint32_t mask = e->sid_mask;
	unsigned int r;

	if (!(e->caches & IOMMUFMT_INV_CACHE_PASID))
		v->em.eflags |= IOMMUFMT_INV_ENC_WIDENED;	/* STE invalidations take the CDs along */
	if (e->granularity != IOMMUFMT_INV_GRAN_DEVICE) {
		if (e->granularity == IOMMUFMT_INV_GRAN_DOMAIN)
			v->em.eflags |= IOMMUFMT_INV_ENC_WIDENED;
		return cfgi_all(v);
	}
	clear(v);
	if (!mask) {
		v->s[IOMMUFMT__IS_SID] = e->sid;
		v->s[IOMMUFMT__IS_FLAGS] = e->flags & IOMMUFMT_INV_F_LEAF;
		return emit(v, SM_CFGI_STE);
	}
	/* the smallest aligned StreamID range containing every sid the mask allows */
	r = 31 - (unsigned int)__builtin_clz(mask);
	if (mask != (uint32_t)iommufmt__mask(r + 1))
		v->em.eflags |= IOMMUFMT_INV_ENC_WIDENED;
	if (e->flags & IOMMUFMT_INV_F_LEAF)
		v->em.eflags |= IOMMUFMT_INV_ENC_DROPPED;
	v->s[IOMMUFMT__IS_SID] = e->sid & ~(uint32_t)iommufmt__mask(r + 1);
	v->s[IOMMUFMT__IS_SIZE] = r;
	return emit(v, SM_CFGI_STE_RANGE);
}

static int enc_cd(struct smmu_enc *v)
{
	const struct iommufmt_inv_entry *e = v->e;

	/* an STE invalidation of the same scope already took the CDs along */
	if ((e->caches & IOMMUFMT_INV_CACHE_DEVICE) &&
	    (e->granularity == IOMMUFMT_INV_GRAN_DEVICE || e->granularity == IOMMUFMT_INV_GRAN_GLOBAL ||
	     e->granularity == IOMMUFMT_INV_GRAN_DOMAIN))
		return 0;
	clear(v);
	if (e->flags & IOMMUFMT_INV_F_SID) {
		v->s[IOMMUFMT__IS_SID] = e->sid;
		if (e->granularity == IOMMUFMT_INV_GRAN_PASID) {
			v->s[IOMMUFMT__IS_PASID] = e->pasid;
			v->s[IOMMUFMT__IS_FLAGS] = e->flags & IOMMUFMT_INV_F_LEAF;
			return emit(v, SM_CFGI_CD);
		}
		if (e->granularity == IOMMUFMT_INV_GRAN_DEVICE && !e->sid_mask)
			return emit(v, SM_CFGI_CD_ALL);
	}
	/* CDs are found through StreamIDs only: without one, invalidate all configuration */
	v->em.eflags |= IOMMUFMT_INV_ENC_WIDENED;
	return cfgi_all(v);
}

static int smmu_encode(const struct iommufmt_inv_codec *c, const struct iommufmt_inv_entry *e,
		       void *out, size_t cap, __u32 *nr, __u32 *eflags, struct iommufmt_diag *diag)
{
	struct smmu_enc v = { .em = { &smmu_fmt, c, out, cap, 0, 0, diag }, .e = e };
	int r = 0;

	clear(&v);
	switch (e->op) {
	case IOMMUFMT_INV_OP_INVALIDATE:
		if (e->flags & IOMMUFMT_INV_F_VMID && !(e->caches & IOMMUFMT_INV_CACHE_IOTLB))
			v.em.eflags |= IOMMUFMT_INV_ENC_DROPPED;
		if (!r && (e->caches & IOMMUFMT_INV_CACHE_IOTLB))
			r = enc_iotlb(&v);
		if (!r && (e->caches & IOMMUFMT_INV_CACHE_DEV_IOTLB))
			r = enc_atc(&v);
		if (!r && (e->caches & IOMMUFMT_INV_CACHE_DEVICE))
			r = enc_ste(&v);
		if (!r && (e->caches & IOMMUFMT_INV_CACHE_PASID))
			r = enc_cd(&v);
		if (e->caches & IOMMUFMT_INV_CACHE_INTR)
			v.em.eflags |= IOMMUFMT_INV_ENC_DROPPED;	/* no interrupt remapping */
		break;
	case IOMMUFMT_INV_OP_SYNC:
		if (e->flags & IOMMUFMT_INV_F_SYNC_STORE) {
			/* SIG_IRQ with MSIAddress 0 sends no MSI (decoded as SYNC_IRQ above) */
			if (!e->addr)
				return iommufmt__inv_cannot(&v.em, "addr",
							    "CMD_SYNC cannot store to address 0: "
							    "MSIAddress 0 means no MSI write");
			v.s[IOMMUFMT__IS_CODE] = 1;
			v.s[IOMMUFMT__IS_ADDR] = e->addr;
			v.s[IOMMUFMT__IS_DATA] = e->data;
			if (e->native.model == IOMMUFMT_MODEL_SMMU)
				v.s[IOMMUFMT__IS_AUX] = e->aux & 0x3f;
			if (e->flags & IOMMUFMT_INV_F_SYNC_EVENT)
				v.em.eflags |= IOMMUFMT_INV_ENC_DROPPED;
		} else if (e->flags & IOMMUFMT_INV_F_SYNC_IRQ) {
			v.s[IOMMUFMT__IS_CODE] = 1;
		} else if (e->flags & IOMMUFMT_INV_F_SYNC_EVENT) {
			v.s[IOMMUFMT__IS_CODE] = 2;
		}
		if (e->flags & IOMMUFMT_INV_F_SYNC_DRAIN_PRQ)
			v.em.eflags |= IOMMUFMT_INV_ENC_DROPPED;
		r = emit(&v, SM_SYNC);
		break;
	case IOMMUFMT_INV_OP_PAGE_RESP:
		v.s[IOMMUFMT__IS_FLAGS] = e->flags & IOMMUFMT_INV_F_PASID;
		v.s[IOMMUFMT__IS_PASID] = e->pasid;
		v.s[IOMMUFMT__IS_SID] = e->sid;
		v.s[IOMMUFMT__IS_TAG] = e->tag;
		v.s[IOMMUFMT__IS_CODE] = resp_of_code[e->code];
		if (e->flags & IOMMUFMT_INV_F_RESP_LAST)
			v.em.eflags |= IOMMUFMT_INV_ENC_DROPPED;
		r = emit(&v, SM_PRI_RESP);
		break;
	case IOMMUFMT_INV_OP_RESUME:
		v.s[IOMMUFMT__IS_SID] = e->sid;
		if (e->flags & IOMMUFMT_INV_F_ALL_TAGS) {
			r = emit(&v, SM_STALL_TERM);
			break;
		}
		v.s[IOMMUFMT__IS_TAG] = e->tag;
		v.s[IOMMUFMT__IS_CODE] = action_of_code[e->code];
		r = emit(&v, SM_RESUME);
		break;
	case IOMMUFMT_INV_OP_PREFETCH:
		v.s[IOMMUFMT__IS_SID] = e->sid;
		v.s[IOMMUFMT__IS_PASID] = e->pasid;
		v.s[IOMMUFMT__IS_FLAGS] = e->flags & IOMMUFMT_INV_F_PASID;
		r = emit(&v, SM_PREFETCH_CFG);
		break;
	}
	return iommufmt__inv_emit_end(&v.em, r, nr, eflags);
}

/*
 * iommufd IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3: the host codec's commands
 * that are on the kernel's allow-list. CMD_SYNC (the ioctl syncs), STE
 * invalidations (the VMM re-installs the nested STE), prefetches, PRI and
 * stall responses (the fault queue) are dropped; stage-2 TLB invalidations
 * are the host's business and rejected.
 */
static int smmu_to_iommufd(const struct iommufmt_inv_codec *c, const struct iommufmt_inv_entry *e,
			   void *out, size_t cap, __u32 *nr, __u32 *eflags,
			   struct iommufmt_diag *diag)
{
	uint8_t buf[(2 * IOMMUFMT_INV_ENCODE_MAX + 4) * 16];
	__u32 n = 0, kept = 0;
	int r = smmu_encode(c, e, buf, sizeof(buf) / 16, &n, eflags, diag);

	*nr = 0;
	if (r)
		return r;
	for (__u32 i = 0; i < n; i++) {
		const uint8_t *cmd = buf + 16 * i;

		switch (cmd[0]) {
		case 0x30: case 0x10: case 0x11: case 0x12: case 0x13:
		case 0x40: case 0x05: case 0x06:
			if (kept < cap)
				memcpy((uint8_t *)out + 16 * kept, cmd, 16);
			kept++;
			break;
		case 0x28: case 0x2a:
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_INV_NOT_FOR_KERNEL,
						 "opcode", IOMMUFMT__DV_VALUE, cmd[0], 0, 0,
						 "%s is not on the kernel's vSMMU allow-list",
						 cmd[0] == 0x28 ? "TLBI_S12_VMALL" : "TLBI_S2_IPA");
		default:
			*eflags |= IOMMUFMT_INV_ENC_DROPPED;
			break;
		}
	}
	*nr = kept;
	return kept > cap ? -EMSGSIZE : 0;
}

const struct iommufmt_inval_ops iommufmt__smmuv3_inval_ops = {
	IOMMUFMT__INV_OPS_HEAD(smmu),
	.cfg_flags = IOMMUFMT_INV_CFG_PASID | IOMMUFMT_INV_CFG_ATS | IOMMUFMT_INV_CFG_PRI |
		     IOMMUFMT_INV_CFG_RANGE | IOMMUFMT_INV_CFG_DS | IOMMUFMT_INV_CFG_STALL |
		     IOMMUFMT_INV_CFG_STAGE2,
	.cmd_size = 16,
	.wide_cmd_size = 0,
	/* SMMU_CMDQ_CONS.ERR: CERROR_ILL 1, CERROR_ABT 2, CERROR_ATC_INV_SYNC 3 */
	.native_err = { 0, 1, 2, 3 },
	.iommufd_type = IOMMUFMT_IOMMUFD_INV_DATA_ARM_SMMUV3,
	.iommufd_entry_len = sizeof(struct iommufmt_iommufd_smmuv3_inv),
	.to_iommufd = smmu_to_iommufd,
};
