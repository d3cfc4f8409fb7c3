/* SPDX-License-Identifier: MIT */
/* Input to codecs and generic entries for the invalidation harnesses; equality and coverage of entries. */
#ifndef IOMMUFMT_FUZZ_INVAL_GEN_H
#define IOMMUFMT_FUZZ_INVAL_GEN_H

#include <errno.h>

#include "fuzz/harness_util.h"

/* Most native commands or entries one input handles. */
#define FUZZ_INV_MAX 32u
/* Output room for the commands of one entry: each of its caches at the encode limit, and more. */
#define FUZZ_INV_OUT_CMDS (5u * IOMMUFMT_INV_ENCODE_MAX + 8u)

/*
 * A codec from the input: a registered model with an invalidation codec,
 * its feature flags (those the model takes, or any), widths and granule
 * near their legal ranges, and now and then a hostile argsz. Checks
 * iommufmt_inv_codec_prepare() against its contract; returns 1 with a
 * prepared codec, 0 when the configuration was refused.
 */
static inline int fuzz_gen_codec(struct fuzz_in *in, struct iommufmt_inv_codec *c)
{
	const struct iommufmt_model_ops *models[16], *inv[16];
	struct iommufmt_inv_cfg cfg;
	struct iommufmt_inv_codec before;
	struct iommufmt_diag d;
	size_t nm = iommufmt_model_list(models, 16), ni = 0;
	uint8_t sel;
	uint32_t argsz;
	void *cb;
	int r;

	FUZZ_CHECK(nm > 0 && nm <= 16);
	for (size_t i = 0; i < nm; i++)
		if (models[i]->inval)
			inv[ni++] = models[i];
	FUZZ_CHECK(ni > 0);
	sel = fuzz_u8(in);
	memset(&cfg, 0, sizeof(cfg));
	cfg.argsz = sizeof(cfg);
	cfg.model = inv[fuzz_u8(in) % ni]->model;
	cfg.flags = fuzz_u16(in);
	cfg.max_am = fuzz_u8(in);
	cfg.pasid_bits = fuzz_u8(in);
	cfg.archid_bits = fuzz_u8(in);
	cfg.granule = fuzz_u8(in);
	if (!(sel & 1)) {	/* what the model takes, in range */
		const struct iommufmt_inval_ops *ops = iommufmt_model_get(cfg.model, 0)->inval;

		cfg.flags &= ops->cfg_flags;
		cfg.max_am = cfg.model == IOMMUFMT_MODEL_INTEL ? cfg.max_am % 64 : 0;
		cfg.pasid_bits %= 21;
		cfg.archid_bits %= 17;
		cfg.granule = cfg.model == IOMMUFMT_MODEL_SMMU ?
			      (uint8_t[]){ 0, 12, 14, 16 }[cfg.granule % 4] : 0;
		if ((cfg.flags & IOMMUFMT_INV_CFG_DS) && !(cfg.flags & IOMMUFMT_INV_CFG_RANGE))
			cfg.flags &= ~IOMMUFMT_INV_CFG_DS;
	}
	if (sel & 2)
		cfg.model = fuzz_u32(in);
	if (sel & 4)
		cfg.variant = fuzz_u8(in);
	if (sel & 8)
		cfg.__reserved = fuzz_u32(in);
	cb = fuzz_versioned(in, &cfg, sizeof(cfg), &argsz);
	memset(c, FUZZ_POISON, sizeof(*c));
	before = *c;
	iommufmt_diag_init(&d);
	r = iommufmt_inv_codec_prepare(c, cb, &d);
	free(cb);
	FUZZ_CHECK(r == 0 || r == -EINVAL || r == -E2BIG || r == -EOPNOTSUPP);
	FUZZ_CHECK(fuzz_diag_agrees(r, &d));
	if (r) {
		FUZZ_CHECK(!memcmp(c, &before, sizeof(*c)));	/* untouched on error */
		return 0;
	}
	/* what the codec promises: the model's, the configuration as given, a command size */
	FUZZ_CHECK(argsz >= IOMMUFMT_INV_CFG_SIZE_VER0 && c->model && c->ops);
	FUZZ_CHECK(c->model->model == cfg.model && !memcmp(&c->cfg.flags, &cfg.flags,
							   sizeof(cfg) - 4));
	FUZZ_CHECK(c->cmd_size == 16 || c->cmd_size == 24 || c->cmd_size == 32);
	FUZZ_CHECK(!(cfg.flags & ~c->ops->cfg_flags) && cfg.pasid_bits <= 20 &&
		   cfg.archid_bits <= 16);
	return 1;
}

/*
 * A generic entry from the input: raw bytes now and then, else fields
 * drawn near what entries hold (an op, caches and a granularity, ids with
 * their flags, a granule-aligned range), so many of them are valid.
 */
static inline void fuzz_gen_entry(struct fuzz_in *in, struct iommufmt_inv_entry *e)
{
	uint8_t sel = fuzz_u8(in);
	size_t n;

	memset(e, 0, sizeof(*e));
	if (sel & 0x80) {
		const uint8_t *p = fuzz_bytes(in, sizeof(*e), &n);

		memcpy(e, p, n);
		e->argsz = sizeof(*e);
		return;
	}
	e->argsz = sizeof(*e);
	e->op = fuzz_u8(in) % (IOMMUFMT_INV_OP_NR + 1);
	e->flags = fuzz_u16(in);
	if (sel & 1)
		e->flags |= (uint32_t)fuzz_u16(in) << 16;
	if (e->op == IOMMUFMT_INV_OP_INVALIDATE) {
		e->caches = fuzz_u8(in) & (sel & 2 ? 0xff : IOMMUFMT_INV_CACHE_ALL);
		e->granularity = fuzz_u8(in) % (IOMMUFMT_INV_GRAN_NR + 1);
	}
	if (e->granularity == IOMMUFMT_INV_GRAN_ADDR || (sel & 4)) {
		e->granule = e->caches == IOMMUFMT_INV_CACHE_INTR ? 0 : 12 + fuzz_u8(in) % 52;
		e->addr = fuzz_u64(in);
		if (!(sel & 4))
			e->addr &= ~((UINT64_C(1) << e->granule) - 1);	/* granule-aligned */
		e->nr_granules = sel & 8 ? fuzz_u64(in) : 1 + (uint64_t)fuzz_u16(in);
		e->level_hint = sel & 16 ? fuzz_u8(in) : 0;
	}
	e->archid = fuzz_u16(in);
	e->pasid = fuzz_u32(in) & (sel & 32 ? ~0u : 0xfffffu);
	e->sid = fuzz_u32(in);
	e->vmid = fuzz_u16(in);
	if (e->granularity == IOMMUFMT_INV_GRAN_DEVICE)
		e->sid_mask = fuzz_u8(in) & 0x1f;
	if (!(sel & 64)) {	/* ids only with their flags */
		if (!(e->flags & IOMMUFMT_INV_F_ARCHID))
			e->archid = 0;
		if (!(e->flags & IOMMUFMT_INV_F_PASID))
			e->pasid = 0;
		if (!(e->flags & IOMMUFMT_INV_F_SID))
			e->sid = 0;
		if (!(e->flags & IOMMUFMT_INV_F_VMID))
			e->vmid = 0;
	}
	switch (e->op) {
	case IOMMUFMT_INV_OP_SYNC:
		if (e->flags & IOMMUFMT_INV_F_SYNC_STORE) {
			e->addr = fuzz_u64(in) & ~UINT64_C(3);
			e->data = fuzz_u64(in);
		}
		break;
	case IOMMUFMT_INV_OP_PAGE_RESP:
		e->tag = fuzz_u16(in) & 0x1ff;
		e->code = fuzz_u8(in) % 4;
		break;
	case IOMMUFMT_INV_OP_RESUME:
		e->tag = fuzz_u16(in);
		e->code = fuzz_u8(in) % 4;
		break;
	}
	e->aux = sel & 16 ? fuzz_u32(in) : 0;
}

/* Entry flags a decoder sets for information and an encoder ignores. */
#ifdef IOMMUFMT_INV_F_WIDENED
#define FUZZ_INV_F_INFO IOMMUFMT_INV_F_WIDENED
#else
#define FUZZ_INV_F_INFO 0u
#endif

static inline void fuzz_inv_span(const struct iommufmt_inv_entry *e, unsigned int g, uint64_t *lo,
				 uint64_t *last);

/*
 * Every generic field of two entries agrees (argsz, native part and
 * informational flags aside); an address range may be told in another unit
 * (an SMMU codec encodes in its host granule) when it names the same bytes.
 */
static inline int fuzz_inv_same(const struct iommufmt_inv_entry *a,
				const struct iommufmt_inv_entry *b)
{
	uint64_t alo, alast, blo, blast;

	fuzz_inv_span(a, 0, &alo, &alast);
	fuzz_inv_span(b, 0, &blo, &blast);
	return a->op == b->op && a->caches == b->caches && a->granularity == b->granularity &&
	       !((a->flags ^ b->flags) & ~FUZZ_INV_F_INFO) && a->archid == b->archid &&
	       a->pasid == b->pasid && a->sid == b->sid && a->sid_mask == b->sid_mask &&
	       a->vmid == b->vmid && a->tag == b->tag && a->code == b->code &&
	       (a->granule == b->granule || (a->granule >= 12 && b->granule >= 12)) &&
	       alo == blo && alast == blast && a->addr == b->addr &&
	       a->level_hint == b->level_hint && a->data == b->data && a->aux == b->aux;
}

/*
 * Whether entry @y's tags name at least everything @x's do (abi.h: an id a
 * scope does not name is every value of it; GLOBAL names none): every id
 * y names, x names with the same value (a device id up to y's mask), a
 * leaf-only y needs a leaf-only x, and stage 2 goes with stage 2 unless y
 * is global over both stages.
 */
static inline int fuzz_inv_tags_cover(const struct iommufmt_inv_entry *y,
				      const struct iommufmt_inv_entry *x)
{
	const uint32_t yf = y->flags, xf = x->flags;

	if ((yf & IOMMUFMT_INV_F_ARCHID) && (!(xf & IOMMUFMT_INV_F_ARCHID) || x->archid != y->archid))
		return 0;
	if ((yf & IOMMUFMT_INV_F_PASID) && (!(xf & IOMMUFMT_INV_F_PASID) || x->pasid != y->pasid))
		return 0;
	/* SMMU commands always carry a VMID: 0 is the one an entry without a VMID gets */
	if ((yf & IOMMUFMT_INV_F_VMID) && (xf & IOMMUFMT_INV_F_VMID ? x->vmid != y->vmid : y->vmid))
		return 0;
	if ((yf & IOMMUFMT_INV_F_SID) && y->sid_mask != UINT32_MAX) {	/* all ones: every device */
		if (!(xf & IOMMUFMT_INV_F_SID) || ((x->sid ^ y->sid) & ~y->sid_mask) ||
		    (x->sid_mask & ~y->sid_mask))
			return 0;
	}
	if ((yf & IOMMUFMT_INV_F_LEAF) && !(xf & IOMMUFMT_INV_F_LEAF))
		return 0;
	if ((xf & IOMMUFMT_INV_F_PASID_GLOBAL) && !(yf & IOMMUFMT_INV_F_PASID_GLOBAL) &&
	    (yf & IOMMUFMT_INV_F_PASID))
		return 0;
	/*
	 * A global invalidation covers both stages when it says so (STAGE2) or
	 * names no VMID (VT-d, AMD and s390 have no stage-1-only global; SMMU's
	 * stage-1 global TLBI_NH_ALL always names its VMID); so does an s390
	 * refresh of the whole address space (zPCI has one stage). VT-d's and
	 * AMD's domain-tagged (not PASID-tagged) IOTLB invalidations reach every
	 * stage of the domain's translations.
	 */
	if ((xf ^ yf) & IOMMUFMT_INV_F_STAGE2)
		return (y->granularity == IOMMUFMT_INV_GRAN_GLOBAL ||
			((y->native.model == IOMMUFMT_MODEL_INTEL ||
			  y->native.model == IOMMUFMT_MODEL_AMD) && !(yf & IOMMUFMT_INV_F_PASID)) ||
			(y->native.model == IOMMUFMT_MODEL_S390 &&
			 y->granularity == IOMMUFMT_INV_GRAN_ADDR && !y->addr && y->granule < 64 &&
			 (y->nr_granules >> (64 - y->granule)))) &&
		       ((yf & IOMMUFMT_INV_F_STAGE2) || !(yf & IOMMUFMT_INV_F_VMID));
	return 1;
}

/* [lo, last] of an address entry, rounded out to 2^@g when @g is above its granule. */
static inline void fuzz_inv_span(const struct iommufmt_inv_entry *e, unsigned int g, uint64_t *lo,
				 uint64_t *last)
{
	const uint64_t gm = g >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << g) - 1;
	uint64_t span;

	if (e->granularity != IOMMUFMT_INV_GRAN_ADDR) {
		*lo = 0;
		*last = ~UINT64_C(0);
		return;
	}
	/* checked entries never pass 2^64 */
	span = e->granule >= 64 ? ~UINT64_C(0) : ((e->nr_granules - 1) << e->granule) |
						    ((UINT64_C(1) << e->granule) - 1);
	*lo = e->addr;
	*last = e->addr + span;
	if (e->granule && g > e->granule) {
		*lo &= ~gm;
		*last |= gm;
	}
}

/*
 * Whether the entries @y[0..n) cover what entry @x means, cache by cache
 * (only the IOTLB when the encoder reported dropping something): an entry
 * with the cache, at least x's tags and, for an address range, together
 * with the others all of x's addresses (ranges rounded out to 2^@g, the
 * target's unit). Syncs, page responses and resumes must be kept as they
 * are; prefetch hints may go.
 */
static inline int fuzz_inv_covers(const struct iommufmt_inv_entry *x,
				  const struct iommufmt_inv_entry *y, size_t n, unsigned int g,
				  int dropped)
{
	uint64_t xlo, xlast;

	switch (x->op) {
	case IOMMUFMT_INV_OP_INVALIDATE:
		break;
	case IOMMUFMT_INV_OP_PREFETCH:
		return 1;
	default:
		if (dropped)
			return 1;
		for (size_t i = 0; i < n; i++) {
			const uint32_t keep = IOMMUFMT_INV_F_SID | IOMMUFMT_INV_F_PASID |
					      IOMMUFMT_INV_F_ALL_TAGS | IOMMUFMT_INV_F_SYNC_STORE;

			if (y[i].op != x->op || ((x->flags ^ y[i].flags) & keep) ||
			    y[i].sid != x->sid || y[i].pasid != x->pasid || y[i].tag != x->tag ||
			    (x->op != IOMMUFMT_INV_OP_SYNC && y[i].code != x->code))
				continue;
			if ((x->flags & IOMMUFMT_INV_F_SYNC_STORE) &&
			    (y[i].addr != x->addr || y[i].data != x->data))
				continue;
			return 1;
		}
		return 0;
	}
	if ((x->flags & IOMMUFMT_INV_F_SID) && x->sid_mask &&
	    __builtin_popcount(x->sid_mask) <= 5) {
		/* a few devices: each may be covered by a command of its own */
		struct iommufmt_inv_entry one = *x;
		uint32_t sub = 0;

		one.sid_mask = 0;
		do {
			one.sid = (x->sid & ~x->sid_mask) | sub;
			if (!fuzz_inv_covers(&one, y, n, g, dropped))
				return 0;
			sub = (sub - x->sid_mask) & x->sid_mask;
		} while (sub);
		return 1;
	}
	fuzz_inv_span(x, 0, &xlo, &xlast);
	for (unsigned int c = 0; c < 5; c++) {
		uint64_t at = xlo;
		int progress = 1, done = 0;

		if (!(x->caches & (1u << c)) || (dropped && c != 0))
			continue;
		/* sweep x's range from its start: repeatedly extend by a covering entry */
		while (progress && !done) {
			progress = 0;
			for (size_t i = 0; i < n && !done; i++) {
				uint64_t lo, last;

				if (y[i].op != IOMMUFMT_INV_OP_INVALIDATE || !(y[i].caches & (1u << c)) ||
				    !fuzz_inv_tags_cover(&y[i], x))
					continue;
				fuzz_inv_span(&y[i], g, &lo, &last);
				if (lo > at || last < at)
					continue;
				if (last >= xlast)
					done = 1;
				else
					at = last + 1;
				progress = 1;
			}
		}
		if (!done)
			return 0;
	}
	return 1;
}

/*
 * Whether the entries @y[0..n) stay inside the address range of @x (each
 * rounded out to 2^@g) for every cache they share with it, as an encoder
 * that did not report IOMMUFMT_INV_ENC_WIDENED must: "the fewest native
 * commands that cover an address range exactly where the format can".
 */
static inline int fuzz_inv_exact(const struct iommufmt_inv_entry *x,
				 const struct iommufmt_inv_entry *y, size_t n, unsigned int g)
{
	uint64_t xlo, xlast;

	if (x->op != IOMMUFMT_INV_OP_INVALIDATE || x->granularity != IOMMUFMT_INV_GRAN_ADDR)
		return 1;
	fuzz_inv_span(x, g, &xlo, &xlast);
	for (size_t i = 0; i < n; i++) {
		uint64_t lo, last;

		if (y[i].op != IOMMUFMT_INV_OP_INVALIDATE || !(y[i].caches & x->caches))
			continue;
		if (y[i].granularity != IOMMUFMT_INV_GRAN_ADDR) {
			/* a whole-space form is exact for a range over all of [0, 2^64) */
			if (xlo || xlast != ~UINT64_C(0))
				return 0;
			continue;
		}
		fuzz_inv_span(&y[i], 0, &lo, &last);
		if (lo < xlo || last > xlast)
			return 0;
	}
	return 1;
}

/*
 * Decode @n commands of codec @c at @cmds into @out (each must decode, and
 * pass the entry check); returns the count.
 */
static inline size_t fuzz_inv_decode_all(const struct iommufmt_inv_codec *c, const uint8_t *cmds,
					 size_t n, struct iommufmt_inv_entry *out)
{
	for (size_t i = 0; i < n; i++) {
		struct iommufmt_diag d;

		iommufmt_diag_init(&d);
		out[i].argsz = sizeof(out[i]);
		FUZZ_CHECK(iommufmt_inv_decode(c, cmds + i * c->cmd_size, c->cmd_size, &out[i], &d) == 0);
		FUZZ_CHECK(iommufmt_inv_entry_check(&out[i], &d) == 0);
	}
	return n;
}

/* The unit a codec's address commands are read in: SMMU rounds to its host granule. */
/* With FUZZ_VERBOSE set, an entry as the harness sees it (for triage; prints nothing otherwise). */
static inline void fuzz_inv_print(const char *tag, const struct iommufmt_inv_entry *e)
{
	if (!getenv("FUZZ_VERBOSE"))
		return;
	fprintf(stderr, "%s: op %u caches 0x%x gran %u flags 0x%x sid 0x%x/0x%x pasid 0x%x archid 0x%llx "
		"vmid 0x%x addr 0x%llx nr %llu granule %u hint %u code %u tag 0x%x data 0x%llx "
		"aux 0x%llx\n", tag, e->op, e->caches, e->granularity, e->flags, e->sid, e->sid_mask,
		e->pasid, (unsigned long long)e->archid, e->vmid, (unsigned long long)e->addr,
		(unsigned long long)e->nr_granules, e->granule, e->level_hint, e->code, e->tag,
		(unsigned long long)e->data, (unsigned long long)e->aux);
}

/* With FUZZ_VERBOSE set, an entry and the @n commands @out it was encoded to, decoded as @y. */
static inline void fuzz_inv_print_enc(const struct iommufmt_inv_codec *c,
				      const struct iommufmt_inv_entry *e, const uint8_t *out,
				      const struct iommufmt_inv_entry *y, size_t n)
{
	if (getenv("FUZZ_VERBOSE"))
		fprintf(stderr, "codec %s: cfg flags 0x%x granule %u\n", c->model->name,
			c->cfg.flags, c->cfg.granule);
	fuzz_inv_print(c->model->name, e);
	for (size_t i = 0; i < n; i++)
		fuzz_inv_print(iommufmt_inv_cmd_name(c, out + i * c->cmd_size, c->cmd_size), &y[i]);
}

static inline unsigned int fuzz_inv_unit(const struct iommufmt_inv_codec *c)
{
	return c->cfg.model == IOMMUFMT_MODEL_SMMU && c->cfg.granule ? c->cfg.granule : 12;
}

#endif /* IOMMUFMT_FUZZ_INVAL_GEN_H */
