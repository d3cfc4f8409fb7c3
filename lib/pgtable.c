/* SPDX-License-Identifier: MIT */
/* Generic page-table layer: configuration checks, dispatch to formats, coalescing, map splitting. */
#include "lib/internal.h"

static const struct iommufmt_pgtable_walk_ops *walk_ops(const struct iommufmt_pgtable_ops *ops)
{
	return ops ? IOMMUFMT_OPS_GET(ops, struct iommufmt_pgtable_ops, walk) : NULL;
}

IOMMUFMT_EXPORT int iommufmt_pgtable_prepare(struct iommufmt_pgtable *pt,
					     const struct iommufmt_pgtable_cfg *cfg,
					     struct iommufmt_diag *diag)
{
	struct iommufmt_pgtable tmp;
	const struct iommufmt_pgtable_walk_ops *w;
	int r;

	if (!pt || !cfg)
		return iommufmt__diag(diag, -EINVAL, IOMMUFMT_DIAG_NULL_ARG, "cfg",
				      "no configuration");
	memset(&tmp, 0, sizeof(tmp));
	r = iommufmt_struct_copy_in(&tmp.cfg, sizeof(tmp.cfg), IOMMUFMT_PGTABLE_CFG_SIZE_VER0,
				    cfg, cfg->argsz, diag);
	if (r)
		return r;
	if (tmp.cfg.flags & ~IOMMUFMT_PGTABLE_F_ALL)
		return iommufmt__diag_ex(diag, -EOPNOTSUPP, IOMMUFMT_DIAG_UNKNOWN_FLAGS, "flags",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, tmp.cfg.flags,
					 IOMMUFMT_PGTABLE_F_ALL, 0, "unknown page-table flags 0x%x",
					 tmp.cfg.flags & ~IOMMUFMT_PGTABLE_F_ALL);
	if (tmp.cfg.__reserved)
		return iommufmt__diag(diag, -EOPNOTSUPP, IOMMUFMT_DIAG_RESERVED_NONZERO,
				      "__reserved", "reserved field is not zero");
	tmp.ops = iommufmt_pgtable_get(tmp.cfg.format);
	if (!tmp.ops)
		return iommufmt__diag_ex(diag, -EOPNOTSUPP, IOMMUFMT_DIAG_UNKNOWN_PGTABLE, "format",
					 IOMMUFMT__DV_VALUE, tmp.cfg.format, 0, 0,
					 "page-table format %u is not registered", tmp.cfg.format);
	w = walk_ops(tmp.ops);
	if (!w || !w->prepare || !w->translate)
		return iommufmt__diag(diag, -EOPNOTSUPP, IOMMUFMT_DIAG_NOT_IMPLEMENTED, "format",
				      "format %s has no walker", tmp.ops->name);
	r = w->prepare(&tmp, diag);
	if (r)
		return r;
	*pt = tmp;
	iommufmt__diag_ok(diag);
	return 0;
}

static const struct iommufmt_pgtable_walk_ops *pt_walk(const struct iommufmt_pgtable *pt)
{
	return pt && pt->ops ? walk_ops(pt->ops) : NULL;
}

IOMMUFMT_EXPORT int iommufmt_translate(const struct iommufmt_pgtable *pt,
				       const struct iommufmt_gmem *gmem, __u64 iova,
				       __u32 access, struct iommufmt_xlate *out)
{
	const struct iommufmt_pgtable_walk_ops *w = pt_walk(pt);

	if (unlikely(!w || !gmem || !out))
		return -EINVAL;
	w->translate(pt, gmem, iova, access, out);
	return 0;
}

IOMMUFMT_EXPORT int iommufmt_translate_batch(const struct iommufmt_pgtable *pt,
					     const struct iommufmt_gmem *gmem,
					     const __u64 *iovas, size_t n, __u32 access,
					     struct iommufmt_xlate *out)
{
	const struct iommufmt_pgtable_walk_ops *w = pt_walk(pt);

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

IOMMUFMT_EXPORT int iommufmt_walk_range(const struct iommufmt_pgtable *pt,
					const struct iommufmt_gmem *gmem, __u64 start, __u64 last,
					__u32 flags, iommufmt_walk_fn fn, void *opaque)
{
	const struct iommufmt_pgtable_walk_ops *w = pt_walk(pt);
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

IOMMUFMT_EXPORT int iommufmt_dirty_harvest(const struct iommufmt_pgtable *pt,
					   const struct iommufmt_gmem *gmem, __u64 start,
					   __u64 last, __u32 flags, __u64 *bitmap, __u64 nbits)
{
	const struct iommufmt_pgtable_walk_ops *w = pt_walk(pt);
	__u64 pages;

	if (!w || !gmem || !bitmap || start > last || (start & 0xfff) || (flags & ~IOMMUFMT_DIRTY_CLEAR))
		return -EINVAL;
	pages = ((last - start) >> 12) + 1;
	if (pages > nbits)
		return -EINVAL;
	if (!IOMMUFMT_OPS_GET(w, struct iommufmt_pgtable_walk_ops, dirty) ||
	    !(pt->cfg.flags & IOMMUFMT_PGTABLE_F_AD))
		return -EOPNOTSUPP;
	memset(bitmap, 0, (size_t)((pages + 63) / 64) * sizeof(*bitmap));
	return w->dirty(pt, gmem, start, last, flags, bitmap);
}

IOMMUFMT_EXPORT int iommufmt_pgtable_alloc_root(struct iommufmt_pgtable_cfg *cfg,
						struct iommufmt_pgtable_arena *arena,
						struct iommufmt_diag *diag)
{
	struct iommufmt_pgtable pt;
	const struct iommufmt_pgtable_walk_ops *w;
	struct iommufmt_pgtable_cfg probe;
	__u64 size, align, at;
	int r;

	if (!cfg || !arena || !arena->host)
		return iommufmt__diag(diag, -EINVAL, IOMMUFMT_DIAG_NULL_ARG, "arena",
				      "no configuration or arena");
	probe = *cfg;
	probe.argsz = sizeof(probe) < cfg->argsz ? (__u32)sizeof(probe) : cfg->argsz;
	probe.root = 0;
	r = iommufmt_pgtable_prepare(&pt, &probe, diag);
	if (r)
		return r;
	w = pt_walk(&pt);
	if (!w || !w->root_size || w->root_size(&pt, &size, &align))
		return iommufmt__diag(diag, -EOPNOTSUPP, IOMMUFMT_DIAG_NOT_IMPLEMENTED, "format",
				      "format %s cannot build tables", pt.ops->name);
	at = (arena->gpa + arena->used + align - 1) & ~(align - 1);
	if (at < arena->gpa || at - arena->gpa > arena->size || arena->size - (at - arena->gpa) < size)
		return iommufmt__diag_ex(diag, -ENOSPC, IOMMUFMT_DIAG_PGTABLE_ARENA_FULL, "arena",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, size,
					 arena->size - arena->used, 0,
					 "no room for a %llu-byte root table",
					 (unsigned long long)size);
	memset((unsigned char *)arena->host + (at - arena->gpa), 0, (size_t)size);
	arena->used = at - arena->gpa + size;
	cfg->root = at;
	iommufmt__diag_ok(diag);
	return 0;
}

/* Largest page size in bitmap that fits iova, pa alignment and the remaining length. */
static __u64 best_page(__u64 bitmap, __u64 iova, __u64 pa, __u64 len)
{
	__u64 best = 0;

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

IOMMUFMT_EXPORT int iommufmt_pgtable_map(const struct iommufmt_pgtable *pt,
					 struct iommufmt_pgtable_arena *arena, __u64 iova,
					 __u64 pa, __u64 len, __u32 prot,
					 struct iommufmt_diag *diag)
{
	const struct iommufmt_pgtable_walk_ops *w = pt_walk(pt);
	__u64 minpg, done = 0;
	int r = 0;

	if (!w || !w->map_page || !arena)
		return iommufmt__diag(diag, -EINVAL, IOMMUFMT_DIAG_NULL_ARG, "pt",
				      "no prepared table, builder or arena");
	minpg = pt->pgsize_bitmap & (~pt->pgsize_bitmap + 1);
	if (!len || !minpg || ((iova | pa | len) & (minpg - 1)))
		return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_MISALIGNED, "iova",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, iova | pa | len,
					 minpg, 0, "iova, pa and len must be non-zero multiples "
					 "of 0x%llx", (unsigned long long)minpg);
	if (iova + (len - 1) < iova || pa + (len - 1) < pa)
		return iommufmt__diag(diag, -EINVAL, IOMMUFMT_DIAG_OVERFLOW, "len",
				      "range wraps past 2^64");
	if (iova + (len - 1) > pt->ias_mask || pa + (len - 1) > pt->oas_mask)
		return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_BAD_VALUE,
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

			if (w->unmap_page(pt, arena, iova + off, &sz, NULL) || !sz)
				break;
			off += sz;
		}
		return r;
	}
	iommufmt__diag_ok(diag);
	return 0;
}

IOMMUFMT_EXPORT int iommufmt_pgtable_unmap(const struct iommufmt_pgtable *pt,
					   struct iommufmt_pgtable_arena *arena, __u64 iova,
					   __u64 len, struct iommufmt_diag *diag)
{
	const struct iommufmt_pgtable_walk_ops *w = pt_walk(pt);
	__u64 minpg, off = 0, unmapped = 0;

	if (!w || !w->unmap_page || !arena)
		return iommufmt__diag(diag, -EINVAL, IOMMUFMT_DIAG_NULL_ARG, "pt",
				      "no prepared table, builder or arena");
	minpg = pt->pgsize_bitmap & (~pt->pgsize_bitmap + 1);
	if (!len || !minpg || ((iova | len) & (minpg - 1)) || iova + (len - 1) < iova)
		return iommufmt__diag(diag, -EINVAL, IOMMUFMT_DIAG_MISALIGNED, "iova",
				      "iova and len must be non-zero page multiples without wrap");
	/* First pass: every leaf must lie wholly inside the range. */
	while (off < len) {
		struct iommufmt_xlate x;
		struct iommufmt_gmem_region reg = { arena->gpa, arena->size, arena->host, 0, 0 };
		struct iommufmt_gmem g = { &reg, 1, 0, NULL, NULL };

		w->translate(pt, &g, iova + off, 0, &x);
		if (x.fault) {
			off += minpg;
			continue;
		}
		if (((iova + off) & (x.page_size - 1)) || x.page_size > len - off)
			return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_BAD_VALUE, "len",
						 IOMMUFMT__DV_VALUE, x.page_size, 0, 0,
						 "the range would split a 0x%llx-byte page",
						 (unsigned long long)x.page_size);
		off += x.page_size;
		unmapped++;
	}
	if (!unmapped)
		return iommufmt__diag(diag, -ENOENT, IOMMUFMT_DIAG_BAD_VALUE, "iova",
				      "nothing is mapped in the range");
	for (off = 0; off < len;) {
		__u64 sz = 0;
		int r = w->unmap_page(pt, arena, iova + off, &sz, NULL);

		if (r == -ENOENT || !sz) {
			off += minpg;
			continue;
		}
		if (r)
			return r;
		off += sz;
	}
	iommufmt__diag_ok(diag);
	return 0;
}
