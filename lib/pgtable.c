/* SPDX-License-Identifier: MIT */
/* Generic page-table layer: configuration checks, dispatch to formats, coalescing, map splitting. */
#include "lib/pgtable_internal.h"

/*
 * Public (iommufmt.h): check @cfg, let the format derive its constants. *@pt is
 * assigned only on success, so a failed prepare leaves a prepared table intact.
 */
IOMMUFMT_EXPORT int iommufmt_pgtable_prepare(struct iommufmt_pgtable *pt,
					     const struct iommufmt_pgtable_cfg *cfg,
					     struct iommufmt_diag *diag)
{
	struct iommufmt_pgtable tmp;
	const struct iommufmt_pgtable_walk_ops *w;
	int r;

	if (!pt || !cfg)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "cfg",
				      "no configuration");
	memset(&tmp, 0, sizeof(tmp));
	r = iommufmt__copy_in_flags(&tmp.cfg, sizeof(tmp.cfg), IOMMUFMT_PGTABLE_CFG_SIZE_VER0, cfg,
				    cfg->argsz, IOMMUFMT_PGTABLE_F_ALL, "page-table ", diag);
	if (r)
		return r;
	if (tmp.cfg.__reserved)
		return iommufmt__reserved_nonzero(diag, "__reserved");
	tmp.ops = iommufmt_pgtable_get(tmp.cfg.format);
	if (!tmp.ops)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNKNOWN_PGTABLE, "format",
					 IOMMUFMT__DV_VALUE, tmp.cfg.format, 0, 0,
					 "page-table format %u is not registered", tmp.cfg.format);
	w = iommufmt__pt_walk_ops(&tmp);
	if (!w || !w->prepare || !w->translate)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NOT_IMPLEMENTED, "format",
				      "format %s has no walker", tmp.ops->name);
	r = w->prepare(&tmp, diag);
	if (r)
		return r;
	/* Cached in the table so the hot path calls the walker without the ops lookup. */
	tmp.translate = w->translate;
	*pt = tmp;
	iommufmt__diag_ok(diag);
	return 0;
}

IOMMUFMT_EXPORT int iommufmt_pgtable_translate(const struct iommufmt_pgtable *pt,
				       const struct iommufmt_gmem *gmem, __u64 iova,
				       __u32 access, struct iommufmt_xlate *out)
{
	/* the cached pointer: one load to the walker, not four */
	if (unlikely(!pt || !pt->translate || !gmem || !out))
		return -EINVAL;
	pt->translate(pt, gmem, iova, access, out);
	return 0;
}

/* Public (iommufmt.h): the format's batch walker if it has one, else one walk per IOVA. */
IOMMUFMT_EXPORT int iommufmt_pgtable_translate_batch(const struct iommufmt_pgtable *pt,
					     const struct iommufmt_gmem *gmem,
					     const __u64 *iovas, size_t n, __u32 access,
					     struct iommufmt_xlate *out)
{
	const struct iommufmt_pgtable_walk_ops *w = iommufmt__pt_walk_ops(pt);

	if (unlikely(!w || !gmem || (n && (!iovas || !out))))
		return -EINVAL;
	if (IOMMUFMT_OPS_GET(w, struct iommufmt_pgtable_walk_ops, translate_batch)) {
		w->translate_batch(pt, gmem, iovas, n, access, out);
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		w->translate(pt, gmem, iovas[i], access, &out[i]);
	return 0;
}

/* Coalescing: hold back one record and grow it while the next continues it. */
struct coalesce {
	iommufmt_walk_fn fn;
	void *opaque;
	bool have;
	struct iommufmt_xlate run;
};

static int coalesce_flush(struct coalesce *c)
{
	if (!c->have)
		return 0;
	c->have = false;
	return c->fn(c->opaque, &c->run);
}

static int coalesce_cb(void *opaque, const struct iommufmt_xlate *rec)
{
	struct coalesce *c = opaque;
	int r;

	/* Grow while IOVA and PA both continue the run with equal rights; never wrap its size. */
	if (c->have && !rec->fault && !c->run.fault && rec->perm == c->run.perm &&
	    rec->attrs == c->run.attrs && c->run.iova + c->run.page_size == rec->iova &&
	    c->run.pa + c->run.page_size == rec->pa &&
	    c->run.page_size + rec->page_size > c->run.page_size) {
		c->run.page_size += rec->page_size;
		return 0;
	}
	r = coalesce_flush(c);
	if (r)
		return r;
	c->run = *rec;
	c->have = true;
	return 0;
}

/* Public (iommufmt.h); coalescing wraps the callback here, once for every format. */
IOMMUFMT_EXPORT int iommufmt_pgtable_walk_range(const struct iommufmt_pgtable *pt,
					const struct iommufmt_gmem *gmem, __u64 start, __u64 last,
					__u32 flags, iommufmt_walk_fn fn, void *opaque)
{
	const struct iommufmt_pgtable_walk_ops *w = iommufmt__pt_walk_ops(pt);
	struct coalesce c = { .fn = fn, .opaque = opaque };
	int r;

	if (!w || !w->walk_range || !gmem || !fn || start > last ||
	    (flags & ~(IOMMUFMT_WALK_COALESCE | IOMMUFMT_WALK_FAULTS)))
		return -EINVAL;
	if (!(flags & IOMMUFMT_WALK_COALESCE))
		return w->walk_range(pt, gmem, start, last, flags, fn, opaque);
	r = w->walk_range(pt, gmem, start, last, flags, coalesce_cb, &c);
	if (r)
		return r;
	return coalesce_flush(&c);
}

/* Public (iommufmt.h); every argument is checked before the bitmap is touched. */
IOMMUFMT_EXPORT int iommufmt_pgtable_dirty_harvest(const struct iommufmt_pgtable *pt,
					   const struct iommufmt_gmem *gmem, __u64 start,
					   __u64 last, __u32 flags, __u64 *bitmap, __u64 nbits)
{
	const struct iommufmt_pgtable_walk_ops *w = iommufmt__pt_walk_ops(pt);
	__u64 pages;

	if (!w || !gmem || !bitmap || start > last || (start & 0xfff) || (flags & ~IOMMUFMT_DIRTY_CLEAR))
		return -EINVAL;
	/* start <= last, so this cannot wrap; a partial last page counts as a page. */
	pages = ((last - start) >> 12) + 1;
	if (pages > nbits)
		return -EINVAL;
	if (!IOMMUFMT_OPS_GET(w, struct iommufmt_pgtable_walk_ops, dirty) ||
	    !(pt->cfg.flags & IOMMUFMT_PGTABLE_F_AD))
		return -EOPNOTSUPP;
	memset(bitmap, 0, (size_t)((pages + 63) / 64) * sizeof(*bitmap));
	return w->dirty(pt, gmem, start, last, flags, bitmap);
}

/* Public (iommufmt.h): a root from @arena; only cfg->root is written, only on success. */
IOMMUFMT_EXPORT int iommufmt_pgtable_alloc_root(struct iommufmt_pgtable_cfg *cfg,
						struct iommufmt_pgtable_arena *arena,
						struct iommufmt_diag *diag)
{
	struct iommufmt_pgtable pt;
	const struct iommufmt_pgtable_walk_ops *w;
	struct iommufmt_pgtable_cfg probe;
	__u64 size, align;
	uint64_t at;
	int r;

	if (!cfg || !arena || !arena->host)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "arena",
				      "no configuration or arena");
	/* the caller's struct under the copy rules, checked with a zero root */
	r = iommufmt_struct_copy_in(&probe, sizeof(probe), IOMMUFMT_PGTABLE_CFG_SIZE_VER0, cfg,
				    cfg->argsz, diag);
	if (r)
		return r;
	probe.argsz = sizeof(probe);
	probe.root = 0;
	r = iommufmt_pgtable_prepare(&pt, &probe, diag);
	if (r)
		return r;
	w = iommufmt__pt_walk_ops(&pt);
	if (!w || !IOMMUFMT_OPS_GET(w, struct iommufmt_pgtable_walk_ops, root_size) ||
	    w->root_size(&pt, &size, &align) || !size || !align || (align & (align - 1)))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NOT_IMPLEMENTED, "format",
				      "format %s cannot build tables", pt.ops->name);
	/* Limited by the output-address mask: a root above it could not be walked. */
	r = iommufmt__arena_alloc(arena, size, align, pt.oas_mask, &at, diag);
	if (r)
		return r;
	cfg->root = at;
	iommufmt__diag_ok(diag);
	return 0;
}

/* Largest page size in bitmap that fits iova, pa alignment and the remaining length. */
static __u64 best_page(__u64 bitmap, __u64 iova, __u64 pa, __u64 len)
{
	__u64 best = 0;

	/* Ascending sizes: the last that fits is the largest (in map, minpg always fits). */
	for (int b = 0; b < 64; b++) {
		__u64 sz = (__u64)1 << b;

		if (!(bitmap & sz))
			continue;
		if ((iova & (sz - 1)) || (pa & (sz - 1)) || sz > len)
			continue;
		best = sz;
	}
	return best;
}

/*
 * Public (iommufmt.h): one map_page() per largest fitting page. The whole range
 * is checked first; a map_page() failure part-way is undone below.
 */
IOMMUFMT_EXPORT int iommufmt_pgtable_map(const struct iommufmt_pgtable *pt,
					 struct iommufmt_pgtable_arena *arena, __u64 iova,
					 __u64 pa, __u64 len, __u32 prot,
					 struct iommufmt_diag *diag)
{
	const struct iommufmt_pgtable_walk_ops *w = iommufmt__pt_walk_ops(pt);
	__u64 minpg, done = 0;
	int r = 0;

	if (!w || !w->map_page || !arena)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "pt",
				      "no prepared table, builder or arena");
	if (prot & ~IOMMUFMT_ACCESS_ALL)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNKNOWN_FLAGS, "prot",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, prot,
					 IOMMUFMT_ACCESS_ALL, 0, "unknown permission bits 0x%x",
					 prot & ~IOMMUFMT_ACCESS_ALL);
	minpg = pt->pgsize_bitmap & (~pt->pgsize_bitmap + 1);
	/* minpg is the lowest set bit: the smallest page size of the format. */
	if (!len || !minpg || ((iova | pa | len) & (minpg - 1)))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_MISALIGNED, "iova",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, iova | pa | len,
					 minpg, 0, "iova, pa and len must be non-zero multiples "
					 "of 0x%llx", (unsigned long long)minpg);
	/* Ends as last bytes (len - 1): a range that ends exactly at 2^64 is legal. */
	if (iova + (len - 1) < iova || pa + (len - 1) < pa)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_OVERFLOW, "len",
				      "range wraps past 2^64");
	if (iova + (len - 1) > pt->ias_mask || pa + (len - 1) > pt->oas_mask)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE,
					 iova + (len - 1) > pt->ias_mask ? "iova" : "pa",
					 IOMMUFMT__DV_LIMIT, 0,
					 iova + (len - 1) > pt->ias_mask ? pt->ias_mask : pt->oas_mask,
					 0, "range ends above the address size");
	while (done < len) {
		__u64 sz = best_page(pt->pgsize_bitmap, iova + done, pa + done, len - done);

		r = w->map_page(pt, arena, iova + done, pa + done, sz, prot, diag);
		if (r)
			break;
		done += sz;
	}
	if (r) {
		/* undo what this call mapped, so a failed map changes nothing */
		for (__u64 off = 0; off < done;) {
			__u64 sz = 0;

			/* Best effort: a leaf that will not unmap ends the undo. */
			if (w->unmap_page(pt, arena, iova + off, &sz, NULL) || !sz)
				break;
			off += sz;
		}
		return r;
	}
	iommufmt__diag_ok(diag);
	return 0;
}

/* Unmapping: first check every leaf in the range lies inside it, then clear them. */
struct unmap_ctx {
	const struct iommufmt_pgtable *pt;
	const struct iommufmt_pgtable_walk_ops *w;
	struct iommufmt_pgtable_arena *arena;
	__u64 first, last;	/* the range, inclusive */
	__u64 count;		/* leaves found */
	__u64 bad;		/* check pass: size of a leaf crossing the range */
	int err;		/* clear pass: unmap_page failure */
};

static int unmap_check_cb(void *opaque, const struct iommufmt_xlate *rec)
{
	struct unmap_ctx *c = opaque;

	/* A leaf starting before the range or ending after it (or past 2^64) would be split. */
	if (rec->iova < c->first || rec->iova + (rec->page_size - 1) < rec->iova ||
	    rec->iova + (rec->page_size - 1) > c->last) {
		c->bad = rec->page_size;
		return 1;
	}
	c->count++;
	return 0;
}

/* Clear pass: unmap each leaf the walk reports; the first failure stops it. */
static int unmap_clear_cb(void *opaque, const struct iommufmt_xlate *rec)
{
	struct unmap_ctx *c = opaque;
	__u64 sz = 0;
	int r = c->w->unmap_page(c->pt, c->arena, rec->iova, &sz, NULL);

	if (r) {
		c->err = r;
		return 1;
	}
	return 0;
}

/* Public (iommufmt.h): a check walk that changes nothing, then a clearing walk. */
IOMMUFMT_EXPORT int iommufmt_pgtable_unmap(const struct iommufmt_pgtable *pt,
					   struct iommufmt_pgtable_arena *arena, __u64 iova,
					   __u64 len, struct iommufmt_diag *diag)
{
	const struct iommufmt_pgtable_walk_ops *w = iommufmt__pt_walk_ops(pt);
	struct unmap_ctx c;
	struct iommufmt_gmem_region reg;
	struct iommufmt_gmem g;
	__u64 minpg;
	int r;

	if (!w || !w->unmap_page || !w->walk_range || !arena || !arena->host)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "pt",
				      "no prepared table, builder or arena");
	minpg = pt->pgsize_bitmap & (~pt->pgsize_bitmap + 1);
	if (!len || !minpg || ((iova | len) & (minpg - 1)) || iova + (len - 1) < iova)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_MISALIGNED, "iova",
				      "iova and len must be non-zero page multiples without wrap");
	memset(&c, 0, sizeof(c));
	c.pt = pt;
	c.w = w;
	c.arena = arena;
	c.first = iova;
	c.last = iova + (len - 1);
	/*
	 * The walks read only the arena's used part: tables built elsewhere are
	 * unreadable subtrees, skipped (flags 0) and so never cleared.
	 */
	reg = (struct iommufmt_gmem_region){ arena->gpa, arena->used, arena->host, 0, 0 };
	g = (struct iommufmt_gmem){ &reg, arena->used ? 1u : 0u, 0, NULL, NULL };
	/* the walk is bounded by the tables present, not by len */
	r = w->walk_range(pt, &g, c.first, c.last, 0, unmap_check_cb, &c);
	if (r < 0)
		return iommufmt__diag_err(diag, r, IOMMUFMT_DIAG_BAD_VALUE, "root",
					  "the tables could not be walked");
	if (c.bad)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE, "len",
					 IOMMUFMT__DV_VALUE, c.bad, 0, 0,
					 "the range would split a 0x%llx-byte page",
					 (unsigned long long)c.bad);
	if (!c.count)
		return iommufmt__diag_err(diag, -ENOENT, IOMMUFMT_DIAG_BAD_VALUE, "iova",
					  "nothing is mapped in the range");
	r = w->walk_range(pt, &g, c.first, c.last, 0, unmap_clear_cb, &c);
	if (c.err)
		return iommufmt__diag_err(diag, c.err, IOMMUFMT_DIAG_BAD_VALUE, "iova",
					  "a page could not be unmapped");
	if (r < 0)
		return iommufmt__diag_err(diag, r, IOMMUFMT_DIAG_BAD_VALUE, "root",
					  "the tables could not be walked");
	iommufmt__diag_ok(diag);
	return 0;
}

