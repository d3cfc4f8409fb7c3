/* SPDX-License-Identifier: MIT */
/* Generic invalidation: codec setup, entry checks, batches, guest queues, dispatch to model codecs. */
#include <stdio.h>

#include "lib/inval_table.h"

/* Entries decoded per step when they cannot go straight into the caller's array. */
#define INV_CHUNK 32


/* Above the commands any one entry can need (entry_emit()). */
#define ENTRY_CMDS_MAX (8u * IOMMUFMT_INV_ENCODE_MAX)

static const struct iommufmt_inval_ops *inv_ops(const struct iommufmt_model_ops *m)
{
	const struct iommufmt_inval_ops *o = m ? IOMMUFMT_OPS_GET(m, struct iommufmt_model_ops, inval) : NULL;

	if (!o || o->ops_size < IOMMUFMT_INVAL_OPS_SIZE_VER0 || !o->decode || !o->encode)
		return NULL;
	return o;
}

static bool codec_ok(const struct iommufmt_inv_codec *c)
{
	return c && c->ops && c->model && c->cmd_size;
}

static int no_codec(struct iommufmt_diag *diag)
{
	return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "codec",
			      "no codec, or a codec not prepared by iommufmt_inv_codec_prepare()");
}

IOMMUFMT_EXPORT int iommufmt_inv_codec_prepare(struct iommufmt_inv_codec *c,
					       const struct iommufmt_inv_cfg *cfg,
					       struct iommufmt_diag *diag)
{
	struct iommufmt_inv_codec tmp;
	char cc[5];
	int r;

	if (!c || !cfg)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "cfg", "no configuration");
	memset(&tmp, 0, sizeof(tmp));
	r = iommufmt__copy_in_flags(&tmp.cfg, sizeof(tmp.cfg), IOMMUFMT_INV_CFG_SIZE_VER0, cfg,
				    cfg->argsz, IOMMUFMT_INV_CFG_ALL, "invalidation feature ", diag);
	if (r)
		return r;
	if (tmp.cfg.__reserved)
		return iommufmt__reserved_nonzero(diag, "__reserved");
	tmp.model = iommufmt_model_get(tmp.cfg.model, tmp.cfg.variant);
	if (!tmp.model)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNKNOWN_MODEL, "model",
					 IOMMUFMT__DV_VALUE, tmp.cfg.model, 0, 0,
					 "model %s variant %u is not registered",
					 iommufmt_fourcc_str(tmp.cfg.model, cc), tmp.cfg.variant);
	tmp.ops = inv_ops(tmp.model);
	if (!tmp.ops)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NOT_IMPLEMENTED, "model",
				      "model %s has no invalidation codec", tmp.model->name);
	if (tmp.cfg.flags & ~tmp.ops->cfg_flags)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNSUPPORTED, "flags",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, tmp.cfg.flags,
					 tmp.ops->cfg_flags, 0,
					 "model %s has no %s", tmp.model->name,
					 iommufmt__inv_cfg_name(tmp.cfg.flags & ~tmp.ops->cfg_flags));
	if (tmp.cfg.pasid_bits > 20)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE, "pasid_bits",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, tmp.cfg.pasid_bits, 20,
					 0, "PASIDs have at most 20 bits");
	if (tmp.cfg.archid_bits > 16)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE, "archid_bits",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, tmp.cfg.archid_bits,
					 16, 0, "domain ids and ASIDs have at most 16 bits");
	tmp.cmd_size = (tmp.cfg.flags & IOMMUFMT_INV_CFG_WIDE) ? tmp.ops->wide_cmd_size :
		       tmp.ops->cmd_size;
	if (!tmp.cmd_size || tmp.cmd_size % 8 || tmp.cmd_size > 32)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BAD_OPS, "cmd_size",
				      "model %s declares a command size of %u bytes",
				      tmp.model->name, tmp.cmd_size);
	if (tmp.ops->prepare) {
		r = tmp.ops->prepare(&tmp, diag);
		if (r)
			return r;
	}
	*c = tmp;
	iommufmt__diag_ok(diag);
	return 0;
}

/* ---- generic entry checks ---- */

#define G(x) (1u << IOMMUFMT_INV_GRAN_##x)
/* Granularities each cache supports, in cache-bit order. */
static const uint8_t cache_grans[5] = {
	G(GLOBAL) | G(DOMAIN) | G(PASID) | G(ADDR),	/* IOTLB */
	G(PASID) | G(ADDR) | G(DEVICE),			/* DEV_IOTLB */
	G(GLOBAL) | G(DOMAIN) | G(PASID) | G(DEVICE),	/* PASID */
	G(GLOBAL) | G(DOMAIN) | G(DEVICE),		/* DEVICE */
	G(GLOBAL) | G(ADDR) | G(DEVICE),		/* INTR */
};
#undef G

static const char *const cache_names[5] = { "iotlb", "dev-iotlb", "pasid", "device", "intr" };
static const char *const gran_names[IOMMUFMT_INV_GRAN_NR] = {
	"global", "domain", "pasid", "addr", "device"
};

/* Flags each op may carry. */
static const uint32_t op_flags[IOMMUFMT_INV_OP_NR] = {
	[IOMMUFMT_INV_OP_INVALIDATE] = IOMMUFMT_INV_F_ARCHID | IOMMUFMT_INV_F_PASID |
		IOMMUFMT_INV_F_SID | IOMMUFMT_INV_F_VMID | IOMMUFMT_INV_F_LEAF |
		IOMMUFMT_INV_F_STAGE2 | IOMMUFMT_INV_F_PASID_GLOBAL | IOMMUFMT_INV_F_DRAIN_READ |
		IOMMUFMT_INV_F_DRAIN_WRITE | IOMMUFMT_INV_F_WIDENED,
	[IOMMUFMT_INV_OP_SYNC] = IOMMUFMT_INV_F_SYNC_IRQ | IOMMUFMT_INV_F_SYNC_STORE |
		IOMMUFMT_INV_F_SYNC_FENCE | IOMMUFMT_INV_F_SYNC_DRAIN_PRQ | IOMMUFMT_INV_F_SYNC_EVENT,
	[IOMMUFMT_INV_OP_PAGE_RESP] = IOMMUFMT_INV_F_SID | IOMMUFMT_INV_F_PASID |
		IOMMUFMT_INV_F_RESP_LAST,
	[IOMMUFMT_INV_OP_RESUME] = IOMMUFMT_INV_F_SID | IOMMUFMT_INV_F_ALL_TAGS,
	[IOMMUFMT_INV_OP_PREFETCH] = IOMMUFMT_INV_F_SID | IOMMUFMT_INV_F_PASID,
};

static int unused(struct iommufmt_diag *diag, const char *field, uint64_t v, const char *why)
{
	return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_RESERVED_NONZERO, field,
				 IOMMUFMT__DV_VALUE, v, 0, 0, "%s must be zero: %s", field, why);
}

static int bad(struct iommufmt_diag *diag, unsigned int code, const char *field, uint64_t v,
	       uint64_t limit, const char *what)
{
	return iommufmt__diag_err_ex(diag, -EINVAL, code, field, IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT,
				     v, limit, 0, "%s", what);
}

/* Zero checks of the fields an op or granularity does not use. */
struct zf {
	const char *name;
	uint64_t v;
};

static int zeros(struct iommufmt_diag *diag, const struct zf *z, size_t n, const char *why)
{
	for (size_t i = 0; i < n; i++)
		if (z[i].v)
			return unused(diag, z[i].name, z[i].v, why);
	return 0;
}

static int check_ids(const struct iommufmt_inv_entry *e, struct iommufmt_diag *diag)
{
	if (!(e->flags & IOMMUFMT_INV_F_ARCHID) && e->archid)
		return unused(diag, "archid", e->archid, "IOMMUFMT_INV_F_ARCHID is not set");
	if (!(e->flags & IOMMUFMT_INV_F_PASID) && e->pasid)
		return unused(diag, "pasid", e->pasid, "IOMMUFMT_INV_F_PASID is not set");
	if (!(e->flags & IOMMUFMT_INV_F_SID) && e->sid)
		return unused(diag, "sid", e->sid, "IOMMUFMT_INV_F_SID is not set");
	if (!(e->flags & IOMMUFMT_INV_F_VMID) && e->vmid)
		return unused(diag, "vmid", e->vmid, "IOMMUFMT_INV_F_VMID is not set");
	if (e->pasid >> 20)
		return bad(diag, IOMMUFMT_DIAG_BAD_VALUE, "pasid", e->pasid, 0xfffff,
			   "PASIDs have 20 bits");
	return 0;
}

static int check_range(const struct iommufmt_inv_entry *e, struct iommufmt_diag *diag)
{
	bool intr = e->caches == IOMMUFMT_INV_CACHE_INTR;
	uint64_t room;

	if (intr ? e->granule != 0 : (e->granule < 12 || e->granule > 63))
		return bad(diag, IOMMUFMT_DIAG_BAD_VALUE, "granule", e->granule, intr ? 0 : 63,
			   intr ? "interrupt-entry ranges count entries: granule must be 0" :
				  "address ranges need a granule of 12 to 63");
	if (!e->nr_granules)
		return bad(diag, IOMMUFMT_DIAG_BAD_VALUE, "nr_granules", 0, 1,
			   "an address range needs at least one granule");
	if (e->addr & iommufmt__mask(e->granule))
		return bad(diag, IOMMUFMT_DIAG_INV_MISALIGNED, "addr", e->addr,
			   iommufmt__mask(e->granule), "addr is not aligned to the granule");
	/* granules left between addr and 2^64 */
	if (e->addr)
		room = (~e->addr + 1) >> e->granule;
	else if (e->granule)
		room = UINT64_C(1) << (64 - e->granule);
	else
		room = UINT64_MAX;	/* 2^64 entries cannot be counted; every count fits */
	if (e->nr_granules > room)
		return bad(diag, IOMMUFMT_DIAG_INV_RANGE_WRAP, "nr_granules", e->nr_granules, room,
			   "the range passes 2^64");
	if (e->level_hint && (e->level_hint < e->granule || e->level_hint > 63))
		return bad(diag, IOMMUFMT_DIAG_BAD_VALUE, "level_hint", e->level_hint, 63,
			   "the leaf size hint must be at least the granule");
	return 0;
}

/* Caches and granularity: known values, and a granularity each selected cache has. */
static inline int check_caches_gran(const struct iommufmt_inv_entry *e, struct iommufmt_diag *diag)
{
	if (!e->caches)
		return bad(diag, IOMMUFMT_DIAG_INV_BAD_CACHES, "caches", 0, IOMMUFMT_INV_CACHE_ALL,
			   "no cache selected");
	/* unknown bits may be a newer caller's caches: -EOPNOTSUPP, not -EINVAL */
	if (e->caches & ~IOMMUFMT_INV_CACHE_ALL)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_INV_BAD_CACHES, "caches",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, e->caches,
					 IOMMUFMT_INV_CACHE_ALL, 0, "unknown cache bits 0x%x",
					 e->caches & ~IOMMUFMT_INV_CACHE_ALL);
	if (e->granularity >= IOMMUFMT_INV_GRAN_NR)
		return iommufmt__diag_err_ex(diag, -EOPNOTSUPP, IOMMUFMT_DIAG_BAD_VALUE, "granularity",
					     IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, e->granularity,
					     IOMMUFMT_INV_GRAN_NR - 1, 0, "unknown granularity %u",
					     e->granularity);
	for (unsigned int i = 0; i < 5; i++)
		if ((e->caches & (1u << i)) && !(cache_grans[i] & (1u << e->granularity)))
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_INV_BAD_GRANULARITY,
						 "granularity", IOMMUFMT__DV_VALUE, e->granularity, 0,
						 0, "the %s cache cannot be invalidated at %s granularity",
						 cache_names[i], gran_names[e->granularity]);
	return 0;
}

/*
 * The ids the granularity needs (domain: archid, PASID: pasid, device: sid),
 * plus a sid for any device-TLB entry: the ATC lives in the device, so every
 * model's device-TLB command names one.  A global entry names none.
 */
static inline int check_needed_ids(const struct iommufmt_inv_entry *e, struct iommufmt_diag *diag)
{
	uint32_t need = 0, missing;

	switch (e->granularity) {
	case IOMMUFMT_INV_GRAN_GLOBAL:
		if (e->flags & (IOMMUFMT_INV_F_ARCHID | IOMMUFMT_INV_F_PASID | IOMMUFMT_INV_F_SID))
			return bad(diag, IOMMUFMT_DIAG_BAD_COMBINATION, "flags", e->flags, 0,
				   "global invalidations name no archid, pasid or sid");
		break;
	case IOMMUFMT_INV_GRAN_DOMAIN:
		need = IOMMUFMT_INV_F_ARCHID;
		break;
	case IOMMUFMT_INV_GRAN_PASID:
		need = IOMMUFMT_INV_F_PASID;
		break;
	case IOMMUFMT_INV_GRAN_DEVICE:
		need = IOMMUFMT_INV_F_SID;
		break;
	}
	if (e->caches & IOMMUFMT_INV_CACHE_DEV_IOTLB)
		need |= IOMMUFMT_INV_F_SID;
	missing = need & ~e->flags;
	if (!missing)
		return 0;
	return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_INV_MISSING_ID,
				 (missing & IOMMUFMT_INV_F_ARCHID) ? "archid" :
				 (missing & IOMMUFMT_INV_F_PASID) ? "pasid" : "sid",
				 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, e->flags, need, 0,
				 "%s granularity%s needs the %s",
				 gran_names[e->granularity],
				 (e->caches & IOMMUFMT_INV_CACHE_DEV_IOTLB) ? " (device TLB)" : "",
				 (missing & IOMMUFMT_INV_F_ARCHID) ? "archid" :
				 (missing & IOMMUFMT_INV_F_PASID) ? "pasid" : "sid");
}

/* Flags and fields that only go with certain caches or granularities. */
static inline int check_combinations(const struct iommufmt_inv_entry *e, struct iommufmt_diag *diag)
{
	if (e->granularity != IOMMUFMT_INV_GRAN_DEVICE && e->sid_mask)
		return unused(diag, "sid_mask", e->sid_mask, "only device granularity uses it");
	/* VT-d's device-TLB descriptor, AMD INVALIDATE_IOTLB_PAGES and SMMU CMD_ATC_INV name one device */
	if ((e->caches & IOMMUFMT_INV_CACHE_DEV_IOTLB) && e->sid_mask)
		return iommufmt__diag_err_ex(diag, -EOPNOTSUPP, IOMMUFMT_DIAG_INV_FEATURE, "sid_mask",
					     IOMMUFMT__DV_VALUE, e->sid_mask, 0, 0,
					     "a device-TLB invalidation names one device (no native "
					     "command takes a sid mask): send one entry per sid");
	if ((e->flags & IOMMUFMT_INV_F_STAGE2) &&
	    (!(e->caches & IOMMUFMT_INV_CACHE_IOTLB) ||
	     (e->granularity != IOMMUFMT_INV_GRAN_GLOBAL && e->granularity != IOMMUFMT_INV_GRAN_ADDR)))
		return bad(diag, IOMMUFMT_DIAG_BAD_COMBINATION, "flags", e->flags,
			   IOMMUFMT_INV_F_STAGE2, "STAGE2 goes with IOTLB global or address invalidations");
	if ((e->flags & IOMMUFMT_INV_F_PASID_GLOBAL) &&
	    (!(e->caches & IOMMUFMT_INV_CACHE_DEV_IOTLB) || !(e->flags & IOMMUFMT_INV_F_PASID)))
		return bad(diag, IOMMUFMT_DIAG_BAD_COMBINATION, "flags", e->flags,
			   IOMMUFMT_INV_F_PASID_GLOBAL, "PASID_GLOBAL goes with device-TLB entries with a PASID");
	if ((e->flags & (IOMMUFMT_INV_F_DRAIN_READ | IOMMUFMT_INV_F_DRAIN_WRITE)) &&
	    !(e->caches & IOMMUFMT_INV_CACHE_IOTLB))
		return bad(diag, IOMMUFMT_DIAG_BAD_COMBINATION, "flags", e->flags, 0,
			   "drain hints go with IOTLB invalidations");
	return 0;
}

/*
 * An invalidation entry, checked in the order a reader would: what is
 * invalidated, which ids, the range (or no range fields), then the flag
 * combinations.  The first failure is reported.
 */
static int check_invalidate(const struct iommufmt_inv_entry *e, struct iommufmt_diag *diag)
{
	int r;

	r = check_caches_gran(e, diag);
	if (r)
		return r;
	r = zeros(diag, (const struct zf[]){ { "data", e->data }, { "code", e->code },
					     { "tag", e->tag } }, 3, "not used by invalidations");
	if (r)
		return r;
	r = check_needed_ids(e, diag);
	if (r)
		return r;
	if (e->granularity == IOMMUFMT_INV_GRAN_ADDR)
		r = check_range(e, diag);
	else
		r = zeros(diag, (const struct zf[]){ { "addr", e->addr },
						     { "nr_granules", e->nr_granules },
						     { "granule", e->granule },
						     { "level_hint", e->level_hint } }, 4,
			  "only address ranges use it");
	if (r)
		return r;
	return check_combinations(e, diag);
}

static int check_other(const struct iommufmt_inv_entry *e, struct iommufmt_diag *diag)
{
	int r = zeros(diag, (const struct zf[]){ { "caches", e->caches },
						 { "granularity", e->granularity },
						 { "granule", e->granule },
						 { "level_hint", e->level_hint },
						 { "archid", e->archid }, { "vmid", e->vmid },
						 { "sid_mask", e->sid_mask },
						 { "nr_granules", e->nr_granules } }, 8,
		      "only invalidations use it");

	if (r)
		return r;
	switch (e->op) {
	case IOMMUFMT_INV_OP_SYNC:
		r = zeros(diag, (const struct zf[]){ { "pasid", e->pasid }, { "sid", e->sid },
						     { "tag", e->tag }, { "code", e->code } }, 4,
			  "a sync uses none");
		if (r)
			return r;
		if (!(e->flags & IOMMUFMT_INV_F_SYNC_STORE))
			return zeros(diag, (const struct zf[]){ { "addr", e->addr }, { "data", e->data } },
				     2, "only a storing sync uses it");
		if (e->addr & 3)
			return bad(diag, IOMMUFMT_DIAG_INV_MISALIGNED, "addr", e->addr, 3,
				   "a completion store address is at least 4-byte aligned");
		return 0;
	case IOMMUFMT_INV_OP_PAGE_RESP:
	case IOMMUFMT_INV_OP_RESUME:
	case IOMMUFMT_INV_OP_PREFETCH:
		r = zeros(diag, (const struct zf[]){ { "addr", e->addr }, { "data", e->data } }, 2,
			  "not used by this op");
		if (r)
			return r;
		if (!(e->flags & IOMMUFMT_INV_F_SID))
			return iommufmt__diag(diag, IOMMUFMT_DIAG_INV_MISSING_ID, "sid",
					      "page responses, resumes and prefetches name a device");
		if (e->op == IOMMUFMT_INV_OP_PREFETCH)
			return zeros(diag, (const struct zf[]){ { "tag", e->tag }, { "code", e->code } },
				     2, "a prefetch uses neither");
		if (e->op == IOMMUFMT_INV_OP_PAGE_RESP) {
			if (e->tag > 0x1ff)
				return bad(diag, IOMMUFMT_DIAG_BAD_VALUE, "tag", e->tag, 0x1ff,
					   "a page-request group index has 9 bits");
			if (e->code > IOMMUFMT_INV_RESP_FAILURE)
				return bad(diag, IOMMUFMT_DIAG_BAD_VALUE, "code", e->code,
					   IOMMUFMT_INV_RESP_FAILURE, "unknown page-response code");
			return 0;
		}
		if (e->tag > 0xffff)
			return bad(diag, IOMMUFMT_DIAG_BAD_VALUE, "tag", e->tag, 0xffff,
				   "a stall tag has 16 bits");
		if (e->code > IOMMUFMT_INV_RESUME_RAZ)
			return bad(diag, IOMMUFMT_DIAG_BAD_VALUE, "code", e->code,
				   IOMMUFMT_INV_RESUME_RAZ, "unknown resume action");
		if ((e->flags & IOMMUFMT_INV_F_ALL_TAGS) &&
		    (e->tag || e->code != IOMMUFMT_INV_RESUME_ABORT))
			return bad(diag, IOMMUFMT_DIAG_BAD_COMBINATION, "code", e->code,
				   IOMMUFMT_INV_RESUME_ABORT,
				   "terminating every stall of a device takes no tag and aborts");
		return 0;
	}
	return 0;
}

/* Check an entry already copied into a full struct. */
static int entry_check_full(const struct iommufmt_inv_entry *e, struct iommufmt_diag *diag)
{
	int r;

	if (e->op >= IOMMUFMT_INV_OP_NR)
		return iommufmt__diag_err_ex(diag, -EOPNOTSUPP, IOMMUFMT_DIAG_BAD_VALUE, "op",
					     IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, e->op,
					     IOMMUFMT_INV_OP_NR - 1, 0, "unknown op %u", e->op);
	if (e->flags & ~IOMMUFMT_INV_F_ALL)
		return iommufmt__unknown_flags(diag, e->flags, IOMMUFMT_INV_F_ALL, "entry ");
	if (e->flags & ~op_flags[e->op])
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_COMBINATION, "flags",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, e->flags,
					 op_flags[e->op], 0, "flags 0x%x do not go with op %u",
					 e->flags & ~op_flags[e->op], e->op);
	if (e->native.__reserved)
		return unused(diag, "native.__reserved", e->native.__reserved, "reserved");
	if (e->native.len > sizeof(e->native.desc) || (e->native.len && !e->native.model))
		return bad(diag, IOMMUFMT_DIAG_BAD_VALUE, "native.len", e->native.len,
			   sizeof(e->native.desc), "a native descriptor has 32 bytes at most and a model");
	r = check_ids(e, diag);
	if (r)
		return r;
	r = e->op == IOMMUFMT_INV_OP_INVALIDATE ? check_invalidate(e, diag) : check_other(e, diag);
	if (!r)
		iommufmt__diag_ok(diag);
	return r;
}

IOMMUFMT_EXPORT int iommufmt_inv_entry_check(const struct iommufmt_inv_entry *e,
					     struct iommufmt_diag *diag)
{
	struct iommufmt_inv_entry tmp;
	int r;

	if (!e)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "entry", "no entry");
	r = iommufmt_struct_copy_in(&tmp, sizeof(tmp), IOMMUFMT_INV_ENTRY_SIZE_VER0, e, e->argsz,
				    diag);
	return r ? r : entry_check_full(&tmp, diag);
}

/* ---- batches ---- */

struct batch {
	uint32_t entry_len;
	uint32_t entry_num;
	uint8_t *entries;
};

static int batch_open(const struct iommufmt_inv_batch *ub, struct batch *b, bool output,
		      struct iommufmt_diag *diag)
{
	struct iommufmt_inv_batch lb;
	int r;

	if (!ub)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "batch", "no batch");
	r = iommufmt_struct_copy_in(&lb, sizeof(lb), IOMMUFMT_INV_BATCH_SIZE_VER0, ub, ub->argsz,
				    diag);
	if (r)
		return r;
	if (lb.flags)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNKNOWN_FLAGS, "flags",
					 IOMMUFMT__DV_VALUE, lb.flags, 0, 0,
					 "no batch flags are defined (0x%x)", lb.flags);
	b->entry_len = lb.entry_len;
	b->entry_num = lb.entry_num;
	b->entries = (uint8_t *)(uintptr_t)lb.entries_uptr;
	if ((uint64_t)(uintptr_t)b->entries != lb.entries_uptr)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE, "entries_uptr",
					 IOMMUFMT__DV_VALUE, lb.entries_uptr, 0, 0,
					 "pointer does not fit this process");
	if (!b->entry_num)
		return 0;
	if (!b->entries)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "entries_uptr",
				      "%u entries but no array", b->entry_num);
	if (b->entry_len < IOMMUFMT_INV_ENTRY_SIZE_VER0)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_INV_ENTRY_LEN, "entry_len",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, b->entry_len,
					 IOMMUFMT_INV_ENTRY_SIZE_VER0, 0,
					 "entry_len %u is below the first entry size %u",
					 b->entry_len, IOMMUFMT_INV_ENTRY_SIZE_VER0);
	if ((uint64_t)b->entry_len * b->entry_num > SIZE_MAX ||
	    (uintptr_t)b->entries + (size_t)b->entry_len * b->entry_num < (uintptr_t)b->entries)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_OVERFLOW, "entry_num",
				      "the entry array wraps the address space");
	(void)output;
	return 0;
}

/*
 * The end of every batch function: @n, the entries it handled (0 when it
 * stopped before the first one), into ub->entry_num on every return, the
 * errors included (abi.h promises the count then too, so the caller resumes
 * after the failed entry and reads no entry that was not written); @r
 * passes through. The count goes only where the caller's argsz holds it,
 * as any copy-out (every version of the struct does).
 */
static int batch_done(struct iommufmt_inv_batch *ub, uint32_t n, int r)
{
	if (ub && ub->argsz >= offsetof(struct iommufmt_inv_batch, entry_num) + sizeof(ub->entry_num))
		ub->entry_num = n;
	return r;
}

/* Copy entry i of an input batch into @e; entry_len is authoritative, argsz must match. */
static int batch_get(const struct batch *b, uint32_t i, struct iommufmt_inv_entry *e,
		     struct iommufmt_diag *diag)
{
	const uint8_t *p = b->entries + (size_t)i * b->entry_len;
	uint32_t argsz;
	int r;

	memcpy(&argsz, p, sizeof(argsz));
	if (argsz != b->entry_len)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_INV_ENTRY_LEN, "argsz",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, argsz, b->entry_len,
					 0, "entry argsz %u differs from entry_len %u", argsz,
					 b->entry_len);
	r = iommufmt_struct_copy_in(e, sizeof(*e), IOMMUFMT_INV_ENTRY_SIZE_VER0, p, b->entry_len,
				    diag);
	if (r == -E2BIG && diag && diag->argsz >= IOMMUFMT_DIAG_SIZE_VER0)
		diag->code = IOMMUFMT_DIAG_INV_ENTRY_LEN;
	return r;
}

/* Write a full entry as entry i of an output batch, with argsz = entry_len. */
static void batch_put(const struct batch *b, uint32_t i, const struct iommufmt_inv_entry *e)
{
	uint8_t *p = b->entries + (size_t)i * b->entry_len;

	iommufmt_struct_copy_out(p, b->entry_len, e, sizeof(*e));
	memcpy(p, &b->entry_len, sizeof(b->entry_len));
}

/* Whether entries can be decoded straight into the caller's array. */
static bool batch_direct(const struct batch *b)
{
	return b->entry_len == sizeof(struct iommufmt_inv_entry) &&
	       !((uintptr_t)b->entries % _Alignof(struct iommufmt_inv_entry));
}

/* ---- decoding ---- */

IOMMUFMT_EXPORT int iommufmt_inv_decode(const struct iommufmt_inv_codec *c, const void *cmd,
					size_t len, struct iommufmt_inv_entry *out,
					struct iommufmt_diag *diag)
{
	struct iommufmt_inv_entry e;
	uint32_t argsz;
	size_t done;
	int r;

	if (!codec_ok(c))
		return no_codec(diag);
	if (!cmd || !out)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "cmd", "no command or output");
	if (len < c->cmd_size)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE, "len",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, len, c->cmd_size, 0,
					 "%zu bytes hold no %u-byte command", len, c->cmd_size);
	argsz = out->argsz;
	if (argsz < IOMMUFMT_INV_ENTRY_SIZE_VER0)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_ARGSZ_SMALL, "argsz",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, argsz,
					 IOMMUFMT_INV_ENTRY_SIZE_VER0, 0, "output argsz %u is too small",
					 argsz);
	r = c->ops->decode(c, cmd, 1, &e, &done, diag);
	if (r)
		return r;
	iommufmt_struct_copy_out(out, argsz, &e, sizeof(e));
	out->argsz = argsz;
	iommufmt__diag_ok(diag);
	return 0;
}

/*
 * Decode @n commands at @src into entries @at.. of @b (room checked by the
 * caller). Returns 0 or the error of the first bad command; *done counts
 * the entries written.
 */
static int decode_run(const struct iommufmt_inv_codec *c, const uint8_t *src, size_t n,
		      const struct batch *b, uint32_t at, size_t *done, struct iommufmt_diag *diag)
{
	struct iommufmt_inv_entry tmp[INV_CHUNK];
	size_t total = 0;

	if (batch_direct(b))
		return c->ops->decode(c, src, n, (struct iommufmt_inv_entry *)(void *)
				      (b->entries + (size_t)at * b->entry_len), done, diag);
	while (total < n) {
		size_t k = n - total < INV_CHUNK ? n - total : INV_CHUNK, got = 0;
		int r = c->ops->decode(c, src + total * c->cmd_size, k, tmp, &got, diag);

		for (size_t i = 0; i < got; i++)
			batch_put(b, at + (uint32_t)(total + i), &tmp[i]);
		total += got;
		if (r) {
			*done = total;
			return r;
		}
	}
	*done = total;
	return 0;
}

/* iommufmt_inv_decode_array() without the count: the entries written go to *handled. */
static int decode_array(const struct iommufmt_inv_codec *c, const void *cmds, size_t len,
			struct iommufmt_inv_batch *out, uint32_t *handled, struct iommufmt_diag *diag)
{
	struct batch b;
	size_t n, todo, done = 0;
	int r;

	if (!codec_ok(c))
		return no_codec(diag);
	if ((!cmds && len) || !out)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "cmds",
				      "no commands or no output batch");
	if (len % c->cmd_size)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE, "len",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, len, c->cmd_size, 0,
					 "%zu bytes are not whole %u-byte commands", len, c->cmd_size);
	r = batch_open(out, &b, true, diag);
	if (r)
		return r;
	n = len / c->cmd_size;
	todo = n < b.entry_num ? n : b.entry_num;
	r = todo ? decode_run(c, cmds, todo, &b, 0, &done, diag) : 0;
	*handled = (uint32_t)done;
	if (r) {
		iommufmt__diag_set_index(diag, (uint32_t)done);
		return r;
	}
	if (n > b.entry_num)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_OUTPUT_SMALL, "entry_num",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, n, b.entry_num, 0,
					 "%zu commands, room for %u entries", n, b.entry_num);
	iommufmt__diag_ok(diag);
	return 0;
}

IOMMUFMT_EXPORT int iommufmt_inv_decode_array(const struct iommufmt_inv_codec *c,
					      const void *cmds, size_t len,
					      struct iommufmt_inv_batch *out,
					      struct iommufmt_diag *diag)
{
	uint32_t n = 0;
	int r = decode_array(c, cmds, len, out, &n, diag);

	return batch_done(out, n, r);
}

IOMMUFMT_EXPORT __u32 iommufmt_inv_native_error(const struct iommufmt_inv_codec *c, __u32 err_class)
{
	if (!codec_ok(c) || err_class >= IOMMUFMT_INV_ERR_NR)
		return 0;
	return c->ops->native_err[err_class];
}

static int queue_index_err(struct iommufmt_diag *diag, const char *field, uint32_t v,
			   uint32_t limit)
{
	return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_INV_QUEUE_INDEX, field,
				 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, v, limit, 0,
				 "%s %u is outside the ring (limit %u)", field, v, limit);
}

/*
 * The queue registers as a guest wrote them (copied in): known flags, slots
 * of the codec's size, HEAD and TAIL inside the ring, a ring that does not
 * wrap the address space.  On success *lim is the index space (twice the
 * size with an SMMU-style wrap bit), *pending the slots from HEAD to TAIL,
 * *host the ring itself when it is in host memory.  Static inline: it runs
 * once per call of the measured queue-decode path.
 */
static inline int queue_check(const struct iommufmt_inv_codec *c, const struct iommufmt_gmem *gmem,
			      const struct iommufmt_inv_queue *q, uint64_t *lim, uint64_t *pending,
			      const uint8_t **host, struct iommufmt_diag *diag)
{
	uint64_t ring_bytes;

	if (q->flags & ~IOMMUFMT_INV_QUEUE_F_ALL)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNKNOWN_FLAGS, "flags",
					 IOMMUFMT__DV_VALUE, q->flags, 0, 0, "unknown queue flags 0x%x",
					 q->flags & ~IOMMUFMT_INV_QUEUE_F_ALL);
	if (q->__reserved)
		return unused(diag, "__reserved", q->__reserved, "reserved");
	if (q->entry_size != c->cmd_size)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE, "entry_size",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, q->entry_size,
					 c->cmd_size, 0, "queue slots of %u bytes, commands of %u",
					 q->entry_size, c->cmd_size);
	/* with the wrap bit, indexes run over 2 * size; they are 32-bit registers */
	*lim = (uint64_t)q->size << ((q->flags & IOMMUFMT_INV_QUEUE_F_WRAP) ? 1 : 0);
	if (!q->size || *lim > UINT32_MAX + UINT64_C(1))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE, "size",
					 IOMMUFMT__DV_VALUE, q->size, 0, 0,
					 "a ring of %u slots cannot be indexed", q->size);
	if (q->head >= *lim)
		return queue_index_err(diag, "head", q->head, (uint32_t)(*lim - 1));
	if (q->tail >= *lim)
		return queue_index_err(diag, "tail", q->tail, (uint32_t)(*lim - 1));
	/* more pending than slots is only possible with a wrap bit: TAIL lapped HEAD */
	*pending = (q->tail + *lim - q->head) % *lim;
	if (*pending > q->size)
		return queue_index_err(diag, "tail", q->tail, (uint32_t)(*lim - 1));
	/* size <= 2^32 and entry_size <= 32: the product fits 64 bits */
	ring_bytes = (uint64_t)q->size * q->entry_size;
	if (q->base + (ring_bytes - 1) < q->base)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_OVERFLOW, "base",
					 IOMMUFMT__DV_VALUE, q->base, 0, 0,
					 "the ring wraps the address space");
	*host = NULL;
	if (q->flags & IOMMUFMT_INV_QUEUE_F_HOST) {
		*host = (const uint8_t *)(uintptr_t)q->base;
		/* on 32-bit hosts a 64-bit base may not be a pointer at all */
		if (!*host || (uint64_t)(uintptr_t)*host != q->base || ring_bytes > SIZE_MAX)
			return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "base",
					      "the host ring pointer is not usable");
	} else if (!gmem) {
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "gmem",
				      "a guest ring needs guest memory");
	}
	return 0;
}

/* iommufmt_inv_queue_decode() without the count: the entries written go to *handled. */
static int queue_decode(const struct iommufmt_inv_codec *c, const struct iommufmt_gmem *gmem,
			struct iommufmt_inv_queue *uq, struct iommufmt_inv_batch *out,
			uint32_t *handled, struct iommufmt_diag *diag)
{
	struct iommufmt_inv_queue q;
	struct batch b;
	uint64_t lim = 1, pending = 0;	/* set by queue_check(): gcc cannot see that */
	const uint8_t *host = NULL;
	uint32_t written = 0;
	int r;

	if (!codec_ok(c))
		return no_codec(diag);
	if (!uq || !out)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "queue",
				      "no queue or no output batch");
	r = iommufmt_struct_copy_in(&q, sizeof(q), IOMMUFMT_INV_QUEUE_SIZE_VER0, uq, uq->argsz, diag);
	if (r)
		return r;
	r = queue_check(c, gmem, &q, &lim, &pending, &host, diag);
	if (r)
		return r;
	r = batch_open(out, &b, true, diag);
	if (r)
		return r;
	q.err_class = IOMMUFMT_INV_ERR_NONE;
	q.err_index = 0;
	q.native_err = 0;
	while (pending && written < b.entry_num) {
		uint32_t idx = (uint32_t)(q.head % q.size);
		uint64_t run = q.size - idx;
		const uint8_t *src;
		uint8_t one[32];
		size_t done = 0;

		if (run > pending)
			run = pending;
		if (run > b.entry_num - written)
			run = b.entry_num - written;
		if (host) {
			src = host + (size_t)idx * q.entry_size;
		} else {
			uint64_t gpa = q.base + (uint64_t)idx * q.entry_size;

			src = iommufmt__gmem_ptr(gmem, gpa, (size_t)(run * q.entry_size));
			if (!src) {
				/* not one flat region: read one slot through the slow path */
				run = 1;
				if (iommufmt__gmem_slow(gmem, gpa, one, q.entry_size, 0)) {
					r = iommufmt__diag_ex(diag, IOMMUFMT_DIAG_INV_QUEUE_FETCH,
							      "base", IOMMUFMT__DV_VALUE | IOMMUFMT__DV_INDEX,
							      gpa, 0, idx,
							      "slot %u at GPA 0x%llx is not readable", idx,
							      (unsigned long long)gpa);
					q.err_class = IOMMUFMT_INV_ERR_FETCH;
					q.err_index = idx;
					break;
				}
				src = one;
			}
		}
		r = decode_run(c, src, (size_t)run, &b, written, &done, diag);
		written += (uint32_t)done;
		pending -= done;
		q.head = (uint32_t)((q.head + done) % lim);
		if (r) {
			q.err_class = IOMMUFMT_INV_ERR_ILLEGAL;
			q.err_index = (uint32_t)(q.head % q.size);
			iommufmt__diag_set_index(diag, q.err_index);
			break;
		}
	}
	q.native_err = c->ops->native_err[q.err_class];
	*handled = written;
	iommufmt_struct_copy_out(uq, uq->argsz, &q, sizeof(q));
	uq->argsz = q.argsz;
	if (!r)
		iommufmt__diag_ok(diag);
	return r;
}

IOMMUFMT_EXPORT int iommufmt_inv_queue_decode(const struct iommufmt_inv_codec *c,
					      const struct iommufmt_gmem *gmem,
					      struct iommufmt_inv_queue *uq,
					      struct iommufmt_inv_batch *out,
					      struct iommufmt_diag *diag)
{
	uint32_t n = 0;
	int r = queue_decode(c, gmem, uq, out, &n, diag);

	return batch_done(out, n, r);
}

/* ---- encoding (native commands and iommufd entries) ---- */

/* What becomes of an entry: only checked, native commands, or the kernel's iommufd entries. */
enum emit_mode { EMIT_CHECK, EMIT_NATIVE, EMIT_KERNEL };

/* Bytes of output per command or kernel entry (none when only checking). */
static inline size_t emit_len(const struct iommufmt_inv_codec *c, enum emit_mode mode)
{
	return mode == EMIT_CHECK ? 0 : mode == EMIT_KERNEL ? c->ops->iommufd_entry_len :
	       c->cmd_size;
}

/*
 * Check a full entry and emit it as @mode says into @out (@out_len bytes);
 * the count and flags go to *nr and *eflags (either may be NULL), the
 * count also when @out is too small (-EMSGSIZE).
 */
static inline __attribute__((always_inline)) int
entry_emit(const struct iommufmt_inv_codec *c, enum emit_mode mode,
	   const struct iommufmt_inv_entry *e, void *out, size_t out_len, __u32 *nr,
	   __u32 *eflags, struct iommufmt_diag *diag)
{
	const size_t elen = emit_len(c, mode);
	__u32 n = 0, ef = 0;
	int r = entry_check_full(e, diag);

	if (mode == EMIT_CHECK)
		return r;
	if (!r) {
		int (*enc)(const struct iommufmt_inv_codec *, const struct iommufmt_inv_entry *,
			   void *, size_t, __u32 *, __u32 *, struct iommufmt_diag *) =
			mode == EMIT_KERNEL ? c->ops->to_iommufd : c->ops->encode;

		/*
		 * -EMSGSIZE writes nothing: an output that may be too small for
		 * one entry is sized by a counting pass first (no entry needs
		 * ENTRY_CMDS_MAX commands: at most IOMMUFMT_INV_ENCODE_MAX per
		 * cache, five caches, a few more for syncs and per-device scopes).
		 */
		if (out_len / elen < ENTRY_CMDS_MAX) {
			r = enc(c, e, NULL, 0, &n, &ef, diag);
			if (r != -EMSGSIZE || n > out_len / elen)
				goto done;	/* an error, nothing to write, or too small */
			n = 0;
			ef = 0;
		}
		r = enc(c, e, out, out_len / elen, &n, &ef, diag);
	}
done:
	if (nr)
		*nr = n;
	if (eflags)
		*eflags = ef;
	if (r == -EMSGSIZE && mode == EMIT_KERNEL)
		iommufmt__diag_ex(diag, IOMMUFMT_DIAG_OUTPUT_SMALL, "out_len",
				  IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, (uint64_t)n * elen, out_len,
				  0, "%u kernel entries do not fit", n);
	else if (r == -EMSGSIZE)
		iommufmt__diag_ex(diag, IOMMUFMT_DIAG_OUTPUT_SMALL, "out_len",
				  IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, (uint64_t)n * elen, out_len,
				  0, "%u commands need %llu bytes", n, (unsigned long long)n * elen);
	else if (!r)
		iommufmt__diag_ok(diag);
	return r;
}

/*
 * Every entry of the input batch @b through entry_emit() until one fails
 * (its index goes into @diag); the output of each follows the one before
 * at @out + *used (@out may be NULL: no output, only counts). *handled
 * becomes the entries handled.
 */
static inline __attribute__((always_inline)) int
batch_emit(const struct iommufmt_inv_codec *c, enum emit_mode mode, const struct batch *b,
	   void *out, size_t out_len, size_t *used, uint32_t *all, uint32_t *handled,
	   struct iommufmt_diag *diag)
{
	struct iommufmt_inv_entry e;
	uint32_t i;
	int r = 0;

	for (i = 0; i < b->entry_num; i++) {
		__u32 n = 0, ef = 0;

		r = batch_get(b, i, &e, diag);
		/* no pointer arithmetic on a NULL output (checking, probing with out_len 0) */
		if (!r)
			r = entry_emit(c, mode, &e, out ? (uint8_t *)out + *used : NULL,
				       out_len - *used, &n, &ef, diag);
		if (r) {
			iommufmt__diag_set_index(diag, i);
			break;
		}
		*used += (size_t)n * emit_len(c, mode);
		*all |= ef;
	}
	*handled = i;
	if (!r)
		iommufmt__diag_ok(diag);
	return r;
}

/* A caller's single entry (argsz rules) into @tmp; @bad_out: the output or count is missing. */
static int entry_in(const struct iommufmt_inv_entry *e, bool bad_out,
		    struct iommufmt_inv_entry *tmp, struct iommufmt_diag *diag)
{
	if (!e || bad_out)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "entry",
				      "no entry, count or output");
	return iommufmt_struct_copy_in(tmp, sizeof(*tmp), IOMMUFMT_INV_ENTRY_SIZE_VER0, e, e->argsz,
				       diag);
}

IOMMUFMT_EXPORT int iommufmt_inv_encode(const struct iommufmt_inv_codec *c,
					const struct iommufmt_inv_entry *e, void *out,
					size_t out_len, __u32 *nr_cmds, __u32 *enc_flags,
					struct iommufmt_diag *diag)
{
	struct iommufmt_inv_entry tmp;
	int r;

	if (!codec_ok(c))
		return no_codec(diag);
	r = entry_in(e, !nr_cmds || (!out && out_len), &tmp, diag);
	return r ? r : entry_emit(c, EMIT_NATIVE, &tmp, out, out_len, nr_cmds, enc_flags, diag);
}

/* iommufmt_inv_batch_encode() without the count: the entries encoded go to *handled. */
static int batch_encode(const struct iommufmt_inv_codec *c, struct iommufmt_inv_batch *ub,
			void *out, size_t out_len, size_t *out_used, __u32 *enc_flags,
			uint32_t *handled, struct iommufmt_diag *diag)
{
	struct batch b;
	size_t used = 0;
	uint32_t all = 0;
	int r;

	if (!codec_ok(c))
		return no_codec(diag);
	if (!out_used || (!out && out_len))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "out",
				      "no output or no byte count");
	*out_used = 0;
	if (enc_flags)
		*enc_flags = 0;
	r = batch_open(ub, &b, false, diag);
	if (r)
		return r;
	r = batch_emit(c, EMIT_NATIVE, &b, out, out_len, &used, &all, handled, diag);
	*out_used = used;
	if (enc_flags)
		*enc_flags = all;
	return r;
}

IOMMUFMT_EXPORT int iommufmt_inv_batch_encode(const struct iommufmt_inv_codec *c,
					      struct iommufmt_inv_batch *ub, void *out,
					      size_t out_len, size_t *out_used, __u32 *enc_flags,
					      struct iommufmt_diag *diag)
{
	uint32_t n = 0;
	int r = batch_encode(c, ub, out, out_len, out_used, enc_flags, &n, diag);

	return batch_done(ub, n, r);
}

IOMMUFMT_EXPORT int iommufmt_inv_convert(const struct iommufmt_inv_codec *from,
					 const struct iommufmt_inv_codec *to, const void *cmd,
					 size_t len, void *out, size_t out_len, __u32 *nr_cmds,
					 __u32 *enc_flags, struct iommufmt_diag *diag)
{
	struct iommufmt_inv_entry e;
	int r;

	if (!codec_ok(from) || !codec_ok(to))
		return no_codec(diag);
	if (!nr_cmds)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "nr_cmds", "no count");
	e.argsz = sizeof(e);
	r = iommufmt_inv_decode(from, cmd, len, &e, diag);
	if (r)
		return r;
	return iommufmt_inv_encode(to, &e, out, out_len, nr_cmds, enc_flags, diag);
}

IOMMUFMT_EXPORT int iommufmt_inv_batch_check(struct iommufmt_inv_batch *ub,
					     struct iommufmt_diag *diag)
{
	struct batch b;
	size_t used = 0;
	uint32_t all = 0, n = 0;
	int r = batch_open(ub, &b, false, diag);

	if (!r)
		r = batch_emit(NULL, EMIT_CHECK, &b, NULL, 0, &used, &all, &n, diag);
	return batch_done(ub, n, r);
}

/* ---- iommufd ---- */

/* The codec converts to the kernel's entries; else -EOPNOTSUPP with @diag filled. */
static int iommufd_ok(const struct iommufmt_inv_codec *c, struct iommufmt_diag *diag)
{
	if (c->ops->to_iommufd && c->ops->iommufd_entry_len)
		return 0;
	return iommufmt__diag(diag, IOMMUFMT_DIAG_NOT_IMPLEMENTED, "model",
			      "the kernel has no IOMMU_HWPT_INVALIDATE data type for %s",
			      c->model->name);
}

IOMMUFMT_EXPORT int iommufmt_inv_to_iommufd(const struct iommufmt_inv_codec *host,
					    const struct iommufmt_inv_entry *e, void *out,
					    size_t out_len, __u32 *nr, __u32 *enc_flags,
					    struct iommufmt_diag *diag)
{
	struct iommufmt_inv_entry tmp;
	int r;

	if (!codec_ok(host))
		return no_codec(diag);
	r = iommufd_ok(host, diag);
	if (!r)
		r = entry_in(e, !nr || (!out && out_len), &tmp, diag);
	return r ? r : entry_emit(host, EMIT_KERNEL, &tmp, out, out_len, nr, enc_flags, diag);
}

/* iommufmt_inv_batch_to_iommufd() without the count: the entries converted go to *handled. */
static int batch_to_iommufd(const struct iommufmt_inv_codec *host, struct iommufmt_inv_batch *ub,
			    struct iommufmt_iommufd_hwpt_invalidate *inv, void *out, size_t out_len,
			    __u32 *enc_flags, uint32_t *handled, struct iommufmt_diag *diag)
{
	struct batch b;
	size_t used = 0, elen;
	uint32_t all = 0;
	int r;

	if (!codec_ok(host))
		return no_codec(diag);
	r = iommufd_ok(host, diag);
	if (r)
		return r;
	if (!inv || (!out && out_len))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "inv",
				      "no ioctl argument or output");
	/* the ioctl argument is whole from here on: no kernel entry until one is written */
	elen = host->ops->iommufd_entry_len;
	inv->size = sizeof(*inv);
	inv->data_uptr = (uint64_t)(uintptr_t)out;
	inv->data_type = host->ops->iommufd_type;
	inv->entry_len = (uint32_t)elen;
	inv->entry_num = 0;
	inv->__reserved = 0;
	if (enc_flags)
		*enc_flags = 0;
	r = batch_open(ub, &b, false, diag);
	if (r)
		return r;
	r = batch_emit(host, EMIT_KERNEL, &b, out, out_len, &used, &all, handled, diag);
	inv->entry_num = (uint32_t)(used / elen);
	if (enc_flags)
		*enc_flags = all;
	return r;
}

IOMMUFMT_EXPORT int iommufmt_inv_batch_to_iommufd(const struct iommufmt_inv_codec *host,
						  struct iommufmt_inv_batch *ub,
						  struct iommufmt_iommufd_hwpt_invalidate *inv,
						  void *out, size_t out_len, __u32 *enc_flags,
						  struct iommufmt_diag *diag)
{
	uint32_t n = 0;
	int r = batch_to_iommufd(host, ub, inv, out, out_len, enc_flags, &n, diag);

	return batch_done(ub, n, r);
}

IOMMUFMT_EXPORT const char *iommufmt_inv_cmd_name(const struct iommufmt_inv_codec *c,
						  const void *cmd, size_t len)
{
	const char *n;

	if (!codec_ok(c) || !cmd || len < c->cmd_size || !c->ops->cmd_name)
		return NULL;
	n = c->ops->cmd_name(c, cmd);
	return n ? n : "?";
}
