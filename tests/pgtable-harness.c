/* SPDX-License-Identifier: MIT */
/* Differential-test harness for page-table formats: random tables, reference comparison, walk checks. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tests/pgtable-harness.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

void *harness_host(const struct harness_table *t, uint64_t gpa)
{
	if (gpa < t->arena.gpa || gpa - t->arena.gpa >= t->arena.size)
		return NULL;
	return (uint8_t *)t->arena.host + (gpa - t->arena.gpa);
}

int harness_ref_read(const struct iommufmt_gmem *gmem, uint64_t gpa, void *buf, size_t len)
{
	uint8_t *b = buf;

	for (size_t i = 0; i < len; i++) {
		uint64_t a = gpa + i;
		int found = 0;

		if (a < gpa)
			return 0;
		for (unsigned int r = 0; r < gmem->nr_regions && !found; r++) {
			const struct iommufmt_gmem_region *g = &gmem->regions[r];

			if (a >= g->gpa && a - g->gpa < g->size) {
				b[i] = ((const uint8_t *)g->host)[a - g->gpa];
				found = 1;
			}
		}
		if (!found && (!gmem->access || gmem->access(gmem->opaque, a, &b[i], 1, 0)))
			return 0;
	}
	return 1;
}

int harness_ref_le64(const struct iommufmt_gmem *gmem, uint64_t gpa, uint64_t *v)
{
	uint8_t b[8];

	if (!harness_ref_read(gmem, gpa, b, 8))
		return 0;
	*v = 0;
	for (int i = 7; i >= 0; i--)
		*v = (*v << 8) | b[i];
	return 1;
}

int harness_ref_be64(const struct iommufmt_gmem *gmem, uint64_t gpa, uint64_t *v)
{
	uint8_t b[8];

	if (!harness_ref_read(gmem, gpa, b, 8))
		return 0;
	*v = 0;
	for (int i = 0; i < 8; i++)
		*v = (*v << 8) | b[i];
	return 1;
}

void harness_table_init(struct harness_table *t, const struct iommufmt_pgtable_cfg *cfg,
			uint64_t arena_gpa, uint64_t arena_size, uint64_t seed)
{
	struct iommufmt_pgtable_cfg c = *cfg;
	struct iommufmt_diag d;
	int r;

	memset(t, 0, sizeof(*t));
	t->seed = seed;
	t->arena.gpa = arena_gpa;
	t->arena.size = arena_size;
	t->arena.host = aligned_alloc(4096, (size_t)arena_size);
	ck_assert_ptr_nonnull(t->arena.host);
	iommufmt_diag_init(&d);
	r = iommufmt_pgtable_alloc_root(&c, &t->arena, &d);
	ck_assert_msg(r == 0, "alloc_root: %d %s: %s", r, d.field, d.text);
	r = iommufmt_pgtable_prepare(&t->pt, &c, &d);
	ck_assert_msg(r == 0, "prepare: %d %s: %s", r, d.field, d.text);
	t->cfg = t->pt.cfg;
	t->region = (struct iommufmt_gmem_region){ arena_gpa, arena_size, t->arena.host, 0, 0 };
	t->gmem = (struct iommufmt_gmem){ &t->region, 1, 0, NULL, NULL };
}

void harness_table_fini(struct harness_table *t)
{
	free(t->arena.host);
	free(t->maps);
	memset(t, 0, sizeof(*t));
}

/* The input space: sign extension of ias bits, or [0, ias_mask]. */
static int canonical(const struct harness_table *t)
{
	return t->pt.ias_mask == ~UINT64_C(0) && t->cfg.ias && t->cfg.ias < 64;
}

static uint64_t in_space(const struct harness_table *t, uint64_t x)
{
	if (canonical(t)) {
		unsigned int sh = 64 - t->cfg.ias;

		return (uint64_t)((int64_t)(x << sh) >> sh);
	}
	return x & t->pt.ias_mask;
}

static int space_has(const struct harness_table *t, uint64_t a)
{
	return in_space(t, a) == a;
}

int harness_map_one(struct harness_table *t, uint64_t iova, uint64_t pa, uint64_t len,
		    uint32_t prot)
{
	struct iommufmt_diag d;
	int r;

	iommufmt_diag_init(&d);
	r = iommufmt_pgtable_map(&t->pt, &t->arena, iova, pa, len, prot, &d);
	if (r)
		return r;
	if (t->nmaps == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->maps = realloc(t->maps, t->cap * sizeof(*t->maps));
		ck_assert_ptr_nonnull(t->maps);
	}
	t->maps[t->nmaps++] = (struct harness_map){ iova, pa, len, prot };
	return 0;
}

static const uint32_t prots[] = {
	IOMMUFMT_ACCESS_READ,
	IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE,
	IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_EXEC,
	IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE | IOMMUFMT_ACCESS_EXEC,
	IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_USER,
	IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE | IOMMUFMT_ACCESS_USER,
	IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE | IOMMUFMT_ACCESS_EXEC | IOMMUFMT_ACCESS_USER,
	IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_EXEC | IOMMUFMT_ACCESS_USER,
	IOMMUFMT_ACCESS_WRITE,
	IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_PRIV,
	IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE | IOMMUFMT_ACCESS_PRIV,
	0,
};

/* One try at a random mapping of 2^lg bytes pages near cluster base @cb. */
static int try_map(struct harness_table *t, struct test_rng *rng, unsigned int lg, uint64_t cb)
{
	const uint64_t size = UINT64_C(1) << lg;
	unsigned int span = lg + 6 > 34 ? lg + 6 : 34;
	uint64_t pages = test_rng_below(rng, 5) ? 1 : 1 + test_rng_below(rng, 4);
	uint64_t len = pages * size, iova, pa;
	int r;

	if (span > 63)
		span = 63;
	iova = in_space(t, cb + (test_rng_next(rng) & ((UINT64_C(1) << span) - 1))) & ~(size - 1);
	pa = (test_rng_next(rng) & t->pt.oas_mask) & ~(size - 1);
	if (iova + (len - 1) < iova || !space_has(t, iova + (len - 1)) ||
	    pa + (len - 1) < pa || pa + (len - 1) > t->pt.oas_mask)
		return -ERANGE;
	r = harness_map_one(t, iova, pa, len, prots[test_rng_below(rng, ARRAY_LEN(prots))]);
	ck_assert_msg(r == 0 || r == -EEXIST || r == -EINVAL || r == -ENOSPC,
		      "seed %llu: map 0x%llx -> 0x%llx len 0x%llx: %d", HX(t->seed), HX(iova),
		      HX(pa), HX(len), r);
	return r;
}

void harness_build_random(struct harness_table *t, struct test_rng *rng, unsigned nmaps)
{
	unsigned int sizes[64], nsizes = 0, ncl = 2 + (unsigned int)test_rng_below(rng, 5);
	uint64_t cl[8];

	for (unsigned int b = 0; b < 64; b++)
		if (t->pt.pgsize_bitmap & (UINT64_C(1) << b))
			sizes[nsizes++] = b;
	ck_assert_uint_gt(nsizes, 0);
	for (unsigned int c = 0; c < ncl; c++)
		cl[c] = in_space(t, test_rng_next(rng)) & ~((UINT64_C(1) << 30) - 1);
	/* every page size at least once (a few tries each) */
	for (unsigned int s = 0; s < nsizes; s++)
		for (int k = 0; k < 8; k++)
			if (try_map(t, rng, sizes[s], cl[test_rng_below(rng, ncl)]) == 0)
				break;
	for (unsigned int i = 0; i < nmaps; i++) {
		unsigned int s = test_rng_below(rng, 2) ? 0 : (unsigned int)test_rng_below(rng, nsizes);

		if (sizes[s] > 40 && test_rng_below(rng, 8))
			s = 0;	/* keep giant pages rare */
		if (try_map(t, rng, sizes[s], cl[test_rng_below(rng, ncl)]) == -ENOSPC)
			break;
	}
}

static int map_cmp(const void *a, const void *b)
{
	const struct harness_map *x = a, *y = b;

	return x->iova < y->iova ? -1 : x->iova > y->iova;
}

static void sort_maps(struct harness_table *t)
{
	if (t->nmaps)
		qsort(t->maps, t->nmaps, sizeof(*t->maps), map_cmp);
}

static const struct harness_map *find_map(const struct harness_table *t, uint64_t a)
{
	size_t lo = 0, hi = t->nmaps;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->maps[mid].iova <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	lo--;
	return a - t->maps[lo].iova < t->maps[lo].len ? &t->maps[lo] : NULL;
}

static uint64_t sample(const struct harness_table *t, struct test_rng *rng)
{
	uint64_t r = test_rng_below(rng, 100);

	if (t->nmaps && r < 45) {
		const struct harness_map *m = &t->maps[test_rng_below(rng, t->nmaps)];

		switch (test_rng_below(rng, 6)) {
		case 0: return m->iova;
		case 1: return m->iova + (m->len - 1);
		case 2: return m->iova + (test_rng_below(rng, m->len) & ~UINT64_C(0xfff)) - 1;
		case 3: return m->iova + (test_rng_below(rng, m->len) & ~UINT64_C(0xfff));
		default: return m->iova + test_rng_below(rng, m->len);
		}
	}
	if (t->nmaps && r < 60) {
		const struct harness_map *m = &t->maps[test_rng_below(rng, t->nmaps)];

		switch (test_rng_below(rng, 4)) {
		case 0: return m->iova - 1;
		case 1: return m->iova + m->len;
		case 2: return m->iova - 4096 * (1 + test_rng_below(rng, 16));
		default: return m->iova + m->len + 4096 * test_rng_below(rng, 16);
		}
	}
	if (r < 80)
		return in_space(t, test_rng_next(rng));
	return test_rng_next(rng);
}

static void cmp_ref(const struct harness_table *t, uint64_t iova, uint32_t access,
		    const struct iommufmt_xlate *x, const struct iommufmt_xlate *r)
{
	ck_assert_msg(x->iova == iova, "seed %llu iova 0x%llx: result iova 0x%llx", HX(t->seed),
		      HX(iova), HX(x->iova));
	ck_assert_msg(x->fault == r->fault && x->level == r->level &&
		      x->native_level == r->native_level && x->pte == r->pte,
		      "seed %llu iova 0x%llx access 0x%x: library fault %u level %u pte 0x%llx; "
		      "reference fault %u level %u pte 0x%llx", HX(t->seed), HX(iova), access,
		      x->fault, x->level, HX(x->pte), r->fault, r->level, HX(r->pte));
	if (x->fault)
		return;
	ck_assert_msg(x->pa == r->pa && x->page_size == r->page_size && x->perm == r->perm &&
		      x->attrs == r->attrs,
		      "seed %llu iova 0x%llx access 0x%x: library pa 0x%llx size 0x%llx perm 0x%x "
		      "attrs 0x%llx; reference pa 0x%llx size 0x%llx perm 0x%x attrs 0x%llx",
		      HX(t->seed), HX(iova), access, HX(x->pa), HX(x->page_size), x->perm,
		      HX(x->attrs), HX(r->pa), HX(r->page_size), r->perm, HX(r->attrs));
}

static int same_xlate(const struct iommufmt_xlate *a, const struct iommufmt_xlate *b)
{
	return a->iova == b->iova && a->pa == b->pa && a->page_size == b->page_size &&
	       a->pte == b->pte && a->attrs == b->attrs && a->fault_addr == b->fault_addr &&
	       a->perm == b->perm && a->level == b->level && a->native_level == b->native_level &&
	       a->fault == b->fault &&
	       a->stage == b->stage;
}

static const uint32_t accesses[] = {
	0,
	IOMMUFMT_ACCESS_READ,
	IOMMUFMT_ACCESS_WRITE,
	IOMMUFMT_ACCESS_EXEC,
	IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE,
	IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_PRIV,
	IOMMUFMT_ACCESS_WRITE | IOMMUFMT_ACCESS_PRIV,
	IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_EXEC | IOMMUFMT_ACCESS_PRIV,
};

#define HBATCH 61	/* not a multiple of the library's lane count */

void harness_compare(struct harness_table *t, ref_translate_fn ref, struct test_rng *rng,
		     unsigned n)
{
	__u64 iovas[HBATCH];
	struct iommufmt_xlate res[HBATCH], bres[HBATCH];

	sort_maps(t);
	for (unsigned done = 0; done < n; done += HBATCH) {
		uint32_t access = accesses[test_rng_below(rng, ARRAY_LEN(accesses))];

		for (int j = 0; j < HBATCH; j++) {
			struct iommufmt_xlate r, x0;
			const struct harness_map *m;

			iovas[j] = sample(t, rng);
			ck_assert_int_eq(iommufmt_pgtable_translate(&t->pt, &t->gmem, iovas[j], access,
							    &res[j]), 0);
			memset(&r, 0x5a, sizeof(r));
			ref(&t->cfg, &t->gmem, iovas[j], access, &r);
			cmp_ref(t, iovas[j], access, &res[j], &r);
			/* against the mappings made */
			ck_assert_int_eq(iommufmt_pgtable_translate(&t->pt, &t->gmem, iovas[j], 0, &x0), 0);
			m = find_map(t, iovas[j]);
			if (m)
				ck_assert_msg(!x0.fault && x0.pa == m->pa + (iovas[j] - m->iova),
					      "seed %llu iova 0x%llx mapped to 0x%llx: fault %u pa 0x%llx",
					      HX(t->seed), HX(iovas[j]),
					      HX(m->pa + (iovas[j] - m->iova)), x0.fault, HX(x0.pa));
			else
				ck_assert_msg(x0.fault != 0, "seed %llu iova 0x%llx is not mapped but "
					      "translates to 0x%llx", HX(t->seed), HX(iovas[j]),
					      HX(x0.pa));
		}
		memset(bres, 0xa5, sizeof(bres));
		ck_assert_int_eq(iommufmt_pgtable_translate_batch(&t->pt, &t->gmem, iovas, HBATCH, access,
							  bres), 0);
		for (int j = 0; j < HBATCH; j++)
			ck_assert_msg(same_xlate(&res[j], &bres[j]),
				      "seed %llu iova 0x%llx access 0x%x: batch fault %u pa 0x%llx, "
				      "single fault %u pa 0x%llx", HX(t->seed), HX(iovas[j]), access,
				      bres[j].fault, HX(bres[j].pa), res[j].fault, HX(res[j].pa));
	}
}

/* ---- range walks ---- */

int harness_collect_cb(void *opaque, const struct iommufmt_xlate *rec)
{
	struct harness_collect *c = opaque;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->recs = realloc(c->recs, c->cap * sizeof(*c->recs));
		ck_assert_ptr_nonnull(c->recs);
	}
	c->recs[c->n++] = *rec;
	return c->stop_after && c->n == c->stop_after ? 7 : 0;
}

static void walk(struct harness_table *t, uint64_t s, uint64_t l, uint32_t flags,
		 struct harness_collect *rs)
{
	int r;

	rs->n = 0;
	r = iommufmt_pgtable_walk_range(&t->pt, &t->gmem, s, l, flags, harness_collect_cb, rs);
	ck_assert_msg(r == 0, "seed %llu: walk [0x%llx, 0x%llx] flags %u returned %d",
		      HX(t->seed), HX(s), HX(l), flags, r);
}

/* Records are in order, do not overlap, each lies in one mapping at the right pa; returns bytes. */
static uint64_t check_records(struct harness_table *t, const struct harness_collect *rs,
			      int coalesced)
{
	uint64_t bytes = 0;

	for (size_t i = 0; i < rs->n; i++) {
		const struct iommufmt_xlate *rec = &rs->recs[i];
		struct iommufmt_xlate x;
		const struct harness_map *m;

		ck_assert_msg(!rec->fault, "seed %llu: fault record at 0x%llx on built tables",
			      HX(t->seed), HX(rec->iova));
		ck_assert(rec->page_size && rec->iova + (rec->page_size - 1) >= rec->iova);
		if (i)
			ck_assert_msg(rs->recs[i - 1].iova + (rs->recs[i - 1].page_size - 1) <
				      rec->iova,
				      "seed %llu: records out of order at 0x%llx", HX(t->seed),
				      HX(rec->iova));
		bytes += rec->page_size;
		if (coalesced) {
			uint64_t offs[3] = { 0, rec->page_size - 1,
					     test_rng_below(&(struct test_rng){ rec->iova | 1 },
							    rec->page_size) };

			for (int k = 0; k < 3; k++) {
				ck_assert_int_eq(iommufmt_pgtable_translate(&t->pt, &t->gmem,
								    rec->iova + offs[k], 0, &x), 0);
				ck_assert_msg(!x.fault && x.pa == rec->pa + offs[k] &&
					      x.perm == rec->perm,
					      "seed %llu: run 0x%llx+0x%llx does not translate there",
					      HX(t->seed), HX(rec->iova), HX(offs[k]));
			}
			continue;
		}
		m = find_map(t, rec->iova);
		ck_assert_msg(m && rec->iova + (rec->page_size - 1) - m->iova < m->len &&
			      rec->pa == m->pa + (rec->iova - m->iova),
			      "seed %llu: leaf 0x%llx size 0x%llx pa 0x%llx is not a mapping made",
			      HX(t->seed), HX(rec->iova), HX(rec->page_size), HX(rec->pa));
		ck_assert_int_eq(iommufmt_pgtable_translate(&t->pt, &t->gmem, rec->iova, 0, &x), 0);
		ck_assert_msg(!x.fault && x.pa == rec->pa && x.page_size == rec->page_size &&
			      x.perm == rec->perm && x.level == rec->level &&
			      x.native_level == rec->native_level && x.pte == rec->pte &&
			      x.attrs == rec->attrs,
			      "seed %llu: walk record 0x%llx differs from its translation",
			      HX(t->seed), HX(rec->iova));
	}
	return bytes;
}

void harness_check_walk(struct harness_table *t, struct test_rng *rng)
{
	struct harness_collect all = { 0 }, part = { 0 };
	uint64_t mapped = 0;
	int r;

	sort_maps(t);
	for (size_t i = 0; i < t->nmaps; i++)
		mapped += t->maps[i].len;
	walk(t, 0, ~UINT64_C(0), 0, &all);
	ck_assert_msg(check_records(t, &all, 0) == mapped,
		      "seed %llu: the walk reports other bytes than were mapped", HX(t->seed));
	/* with fault reporting: built tables have no faulting subtree */
	walk(t, 0, ~UINT64_C(0), IOMMUFMT_WALK_FAULTS, &part);
	ck_assert_uint_eq(part.n, all.n);
	ck_assert(!part.n || !memcmp(part.recs, all.recs, all.n * sizeof(*all.recs)));
	/* coalesced runs cover the same bytes */
	walk(t, 0, ~UINT64_C(0), IOMMUFMT_WALK_COALESCE, &part);
	ck_assert_uint_le(part.n, all.n);
	ck_assert_msg(check_records(t, &part, 1) == mapped, "seed %llu: coalesced bytes differ",
		      HX(t->seed));
	/* sub-ranges: exactly the leaves that intersect them */
	for (int k = 0; k < 24; k++) {
		uint64_t s, l, a, b;
		size_t j = 0;

		a = t->nmaps ? t->maps[test_rng_below(rng, t->nmaps)].iova : 0;
		b = t->nmaps ? t->maps[test_rng_below(rng, t->nmaps)].iova : 0;
		a += test_rng_below(rng, 3) ? 0 : test_rng_next(rng) >> test_rng_below(rng, 64);
		b += test_rng_below(rng, 3) ? 0 : test_rng_next(rng) >> test_rng_below(rng, 64);
		s = a < b ? a : b;
		l = a < b ? b : a;
		walk(t, s, l, 0, &part);
		for (size_t i = 0; i < all.n; i++) {
			const struct iommufmt_xlate *rec = &all.recs[i];

			if (rec->iova + (rec->page_size - 1) < s || rec->iova > l)
				continue;
			ck_assert_msg(j < part.n && same_xlate(&part.recs[j], rec),
				      "seed %llu: walk [0x%llx, 0x%llx] misses the leaf at 0x%llx",
				      HX(t->seed), HX(s), HX(l), HX(rec->iova));
			j++;
		}
		ck_assert_msg(j == part.n, "seed %llu: walk [0x%llx, 0x%llx] reports %zu leaves, "
			      "expected %zu", HX(t->seed), HX(s), HX(l), part.n, j);
	}
	/* a callback's non-zero value stops the walk and is returned */
	if (all.n >= 3) {
		part.n = 0;
		part.stop_after = 3;
		r = iommufmt_pgtable_walk_range(&t->pt, &t->gmem, 0, ~UINT64_C(0), 0, harness_collect_cb,
					&part);
		ck_assert_int_eq(r, 7);
		ck_assert_uint_eq(part.n, 3);
		part.stop_after = 0;
	}
	free(all.recs);
	free(part.recs);
}

/* Builder negatives on a built table: nothing may change. */
static void check_builder_rejects(struct harness_table *t, struct test_rng *rng)
{
	uint64_t minpg = t->pt.pgsize_bitmap & (~t->pt.pgsize_bitmap + 1);
	uint8_t *snap;
	uint64_t used = t->arena.used;
	struct iommufmt_diag d;

	if (!t->nmaps)
		return;
	snap = malloc((size_t)used);
	ck_assert_ptr_nonnull(snap);
	memcpy(snap, t->arena.host, (size_t)used);
	for (int k = 0; k < 16; k++) {
		const struct harness_map *m = &t->maps[test_rng_below(rng, t->nmaps)];
		uint64_t at = m->iova + (test_rng_below(rng, m->len) & ~(minpg - 1));
		struct iommufmt_xlate x;
		int r;

		iommufmt_diag_init(&d);
		r = iommufmt_pgtable_map(&t->pt, &t->arena, at, 0, minpg,
					 IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE, &d);
		ck_assert_msg(r == -EEXIST && d.code == IOMMUFMT_DIAG_PGTABLE_EXISTS,
			      "seed %llu: map over 0x%llx gave %d (diag 0x%x)", HX(t->seed), HX(at),
			      r, d.code);
		/* unmapping part of a larger page is refused */
		ck_assert_int_eq(iommufmt_pgtable_translate(&t->pt, &t->gmem, at, 0, &x), 0);
		if (!x.fault && x.page_size > minpg) {
			r = iommufmt_pgtable_unmap(&t->pt, &t->arena, at & ~(x.page_size - 1), minpg,
						   &d);
			ck_assert_int_eq(r, -EINVAL);
		}
	}
	ck_assert_uint_eq(t->arena.used, used);
	ck_assert_msg(!memcmp(snap, t->arena.host, (size_t)used),
		      "seed %llu: a rejected map or unmap changed the tables", HX(t->seed));
	free(snap);
}

void harness_differential(const struct iommufmt_pgtable_cfg *cfg, ref_translate_fn ref,
			  uint64_t seed, unsigned n_iovas)
{
	struct harness_table t;
	struct test_rng rng;
	size_t keep = 0;

	test_rng_seed(&rng, seed);
	harness_table_init(&t, cfg, UINT64_C(1) << 28, UINT64_C(32) << 20, seed);
	harness_build_random(&t, &rng, 300);
	ck_assert_msg(t.nmaps >= 8, "seed %llu: only %zu mappings could be made", HX(seed), t.nmaps);
	harness_compare(&t, ref, &rng, n_iovas / 2);
	harness_check_walk(&t, &rng);
	check_builder_rejects(&t, &rng);
	/* unmap about half, exactly as mapped */
	sort_maps(&t);
	for (size_t i = 0; i < t.nmaps; i++) {
		const struct harness_map m = t.maps[i];
		struct iommufmt_diag d;
		int r;

		if (test_rng_below(&rng, 2)) {
			t.maps[keep++] = m;
			continue;
		}
		iommufmt_diag_init(&d);
		r = iommufmt_pgtable_unmap(&t.pt, &t.arena, m.iova, m.len, &d);
		ck_assert_msg(r == 0, "seed %llu: unmap 0x%llx len 0x%llx: %d %s", HX(seed),
			      HX(m.iova), HX(m.len), r, d.text);
		/* a second time there is nothing left */
		ck_assert_int_eq(iommufmt_pgtable_unmap(&t.pt, &t.arena, m.iova, m.len, &d),
				 -ENOENT);
	}
	t.nmaps = keep;
	harness_compare(&t, ref, &rng, n_iovas - n_iovas / 2);
	harness_check_walk(&t, &rng);
	harness_table_fini(&t);
}

/* ---- hostile tables ---- */

struct fuzz_walk {
	struct harness_table *t;
	unsigned long n;
};

static int fuzz_walk_cb(void *opaque, const struct iommufmt_xlate *rec)
{
	struct fuzz_walk *fw = opaque;
	struct iommufmt_xlate x;

	if (++fw->n > 4096)
		return 1;	/* enough: aliased tables can hold very many leaves */
	if (rec->fault)
		return 0;
	ck_assert_int_eq(iommufmt_pgtable_translate(&fw->t->pt, &fw->t->gmem, rec->iova, 0, &x), 0);
	ck_assert_msg(!x.fault && x.pa == rec->pa && x.page_size == rec->page_size &&
		      x.perm == rec->perm && x.pte == rec->pte,
		      "seed %llu: walk leaf 0x%llx (pa 0x%llx size 0x%llx) translates to fault %u "
		      "pa 0x%llx size 0x%llx", HX(fw->t->seed), HX(rec->iova), HX(rec->pa),
		      HX(rec->page_size), x.fault, HX(x.pa), HX(x.page_size));
	return 0;
}

void harness_fuzz(const struct iommufmt_pgtable_cfg *cfg, ref_translate_fn ref, uint64_t seed,
		  unsigned rounds)
{
	const uint64_t agpa = UINT64_C(1) << 24, asize = 64 << 10;
	struct test_rng rng;

	test_rng_seed(&rng, seed);
	for (unsigned int round = 0; round < rounds; round++) {
		struct harness_table t;
		uint64_t *e;
		__u64 iovas[HBATCH];
		struct iommufmt_xlate res[HBATCH], bres[HBATCH];
		struct fuzz_walk fw;
		int r;

		harness_table_init(&t, cfg, agpa, asize, seed * 1000 + round);
		/* fill the whole arena; the root is its first table */
		t.arena.used = asize;
		e = t.arena.host;
		for (size_t i = 0; i < asize / 8; i++) {
			uint64_t v = test_rng_next(&rng), k = test_rng_below(&rng, 8);

			if (k < 3)
				v = 0;
			else if (k < 7)	/* a pointer into the arena, random low and high bits */
				v = (v & ~UINT64_C(0x000ffffffffff000)) |
				    (agpa + 4096 * test_rng_below(&rng, asize / 4096));
			if (k == 6)	/* and a quieter one */
				v &= UINT64_C(0x000ffffffffff000) | 0xfff;
			for (int b = 0; b < 8; b++)
				((uint8_t *)&e[i])[b] = (uint8_t)(v >> (8 * b));
		}
		for (int rep = 0; rep < 40; rep++) {
			uint32_t access = accesses[test_rng_below(&rng, ARRAY_LEN(accesses))];

			for (int j = 0; j < HBATCH; j++) {
				struct iommufmt_xlate rx;

				iovas[j] = test_rng_below(&rng, 2) ? in_space(&t, test_rng_next(&rng))
								   : test_rng_next(&rng) >>
								     test_rng_below(&rng, 64);
				ck_assert_int_eq(iommufmt_pgtable_translate(&t.pt, &t.gmem, iovas[j], access,
								    &res[j]), 0);
				ref(&t.cfg, &t.gmem, iovas[j], access, &rx);
				cmp_ref(&t, iovas[j], access, &res[j], &rx);
			}
			ck_assert_int_eq(iommufmt_pgtable_translate_batch(&t.pt, &t.gmem, iovas, HBATCH,
								  access, bres), 0);
			for (int j = 0; j < HBATCH; j++)
				ck_assert_msg(same_xlate(&res[j], &bres[j]),
					      "seed %llu iova 0x%llx: batch differs", HX(t.seed),
					      HX(iovas[j]));
		}
		fw.t = &t;
		fw.n = 0;
		r = iommufmt_pgtable_walk_range(&t.pt, &t.gmem, 0, ~UINT64_C(0), IOMMUFMT_WALK_FAULTS,
					fuzz_walk_cb, &fw);
		ck_assert_msg(r == 0 || r == 1 || r == -ELOOP, "seed %llu: hostile walk returned %d",
			      HX(t.seed), r);
		harness_table_fini(&t);
	}
}

/* ---- small helpers for the formats' tests ---- */

void harness_ref_fault(struct iommufmt_xlate *o, uint32_t fault, int level, uint64_t pte)
{
	o->fault = fault;
	o->level = (uint32_t)level - 1;	/* @level is native: 1 = the 4 KiB table */
	o->native_level = (uint32_t)level;
	o->pte = pte;
	o->pa = 0;
	o->perm = 0;
	o->attrs = 0;
}

void harness_store64(void *p, uint64_t v, int be)
{
	uint8_t *b = p;

	for (int i = 0; i < 8; i++)
		b[be ? 7 - i : i] = (uint8_t)(v >> (8 * i));
}

uint64_t harness_load64(const void *p, int be)
{
	const uint8_t *b = p;
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = (v << 8) | b[be ? 7 - i : i];
	return v;
}

void harness_put_le64(struct harness_table *t, uint64_t gpa, uint64_t v)
{
	uint8_t *p = harness_host(t, gpa);

	ck_assert_ptr_nonnull(p);
	harness_store64(p, v, 0);
}

uint64_t harness_get_le64(const struct harness_table *t, uint64_t gpa)
{
	const uint8_t *p = harness_host(t, gpa);

	ck_assert_ptr_nonnull(p);
	return harness_load64(p, 0);
}

uint64_t harness_entry_gpa9(const struct harness_table *t, uint64_t iova, int lvl)
{
	uint64_t table = t->cfg.root;

	for (int l = (int)t->cfg.levels;; l--) {
		uint64_t gpa = table + ((iova >> (12 + 9 * (l - 1))) % 512) * 8;

		if (l == lvl)
			return gpa;
		table = harness_get_le64(t, gpa) & 0x000ffffffffff000ULL;
	}
}

void harness_check_one(struct harness_table *t, ref_translate_fn ref, uint64_t iova,
		       uint32_t access, struct iommufmt_xlate *x)
{
	struct iommufmt_xlate r;

	ck_assert_int_eq(iommufmt_pgtable_translate(&t->pt, &t->gmem, iova, access, x), 0);
	memset(&r, 0x5a, sizeof(r));
	ref(&t->cfg, &t->gmem, iova, access, &r);
	cmp_ref(t, iova, access, x, &r);
}

int harness_prepare_case(const struct harness_cfg_case *cc, struct iommufmt_pgtable *pt)
{
	struct iommufmt_pgtable_cfg cfg = { .argsz = sizeof(cfg) };
	struct iommufmt_pgtable before;
	struct iommufmt_diag d;
	int r;

	cfg.format = cc->format;
	cfg.levels = cc->levels;
	cfg.ias = cc->ias;
	cfg.oas = cc->oas;
	cfg.granule = cc->granule;
	cfg.sl0 = cc->sl0;
	cfg.top = cc->top;
	cfg.flags = cc->flags;
	cfg.root = cc->root;
	iommufmt_diag_init(&d);
	memset(pt, 0x5a, sizeof(*pt));
	before = *pt;
	r = iommufmt_pgtable_prepare(pt, &cfg, &d);
	ck_assert_int_eq(r, cc->err);
	if (r) {
		ck_assert_uint_eq(d.code, cc->code);
		ck_assert_str_eq(d.field, cc->field);
		ck_assert_int_eq(d.error, r);
		ck_assert(!memcmp(pt, &before, sizeof(before)));
	} else {
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_OK);
		ck_assert_uint_eq(pt->cfg.root, cc->root);
	}
	return r;
}

uint32_t harness_level(const char *format, uint32_t native)
{
	/* the table in iommufmt.h: Arm counts from the root (leaf 3), the others from the leaf (1) */
	return strncmp(format, "arm-lpae", 8) == 0 ? 3 - native : native - 1;
}

void harness_expect(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
		    uint64_t iova, uint32_t access, uint32_t fault, uint32_t level,
		    struct iommufmt_xlate *x)
{
	ck_assert_int_eq(iommufmt_pgtable_translate(pt, gmem, iova, access, x), 0);
	ck_assert_msg(x->fault == fault && x->native_level == level &&
		      x->level == harness_level(pt->ops->name, level),
		      "iova 0x%llx access 0x%x: fault %u level %u native %u, expected fault %u "
		      "native level %u", HX(iova), access, x->fault, x->level, x->native_level,
		      fault, level);
}

static int counting_access(void *opaque, __u64 gpa, void *buf, size_t len, int write)
{
	struct harness_counting *c = opaque;

	c->reads++;
	if (write || gpa < c->gpa || gpa - c->gpa > c->size || c->size - (gpa - c->gpa) < len)
		return -EFAULT;
	memcpy(buf, c->host + (gpa - c->gpa), len);
	return 0;
}

void harness_counting_init(struct harness_counting *c, struct iommufmt_gmem *g, const void *host,
			   uint64_t gpa, uint64_t size)
{
	c->host = host;
	c->gpa = gpa;
	c->size = size;
	c->reads = 0;
	*g = (struct iommufmt_gmem){ NULL, 0, 0, counting_access, c };
}

/* ---- fixed worlds ---- */

unsigned char *harness_mem(void)
{
	static unsigned char *mem;

	if (!mem) {
		mem = aligned_alloc(1 << 16, HARNESS_ARENA_SIZE);
		ck_assert_ptr_nonnull(mem);
	}
	return mem;
}

void harness_env_init(struct harness_env *e, uint64_t gpa, size_t size)
{
	ck_assert_uint_le(size, HARNESS_ARENA_SIZE);
	memset(harness_mem(), 0, size);
	memset(e, 0, sizeof(*e));
	e->reg[0].gpa = gpa;
	e->reg[0].size = size;
	e->reg[0].host = harness_mem();
	e->gmem.regions = e->reg;
	e->gmem.nr_regions = 1;
	e->arena.gpa = gpa;
	e->arena.size = size;
	e->arena.host = harness_mem();
	e->arena.used = 0;
}

struct ref_out ref_fault(uint32_t reason, int level, uint64_t pte, unsigned lsb)
{
	struct ref_out o;

	memset(&o, 0, sizeof(o));
	o.fault = reason;
	o.level = (uint32_t)level;
	o.pte = pte;
	o.size = (uint64_t)1 << lsb;
	return o;
}

int ref_same(const struct iommufmt_xlate *x, const struct ref_out *o, uint64_t iova)
{
	if (x->iova != iova || x->fault != o->fault || x->stage != 0 ||
	    x->fault_addr != o->fault_addr || x->native_level != o->level ||
	    x->level != o->common)
		return -1;
	if (o->fault == IOMMUFMT_FAULT_ADDR_SIZE_INPUT)
		return 0;
	if (x->pte != o->pte || x->page_size != o->size)
		return -1;
	return (x->pa == o->pa && x->perm == o->perm && x->attrs == o->attrs) ? 0 : -1;
}

void ref_to_xlate(const struct ref_out *o, uint64_t iova, struct iommufmt_xlate *x)
{
	memset(x, 0, sizeof(*x));
	x->iova = iova;
	x->pa = o->pa;
	x->page_size = o->size;
	x->pte = o->pte;
	x->attrs = o->attrs;
	x->fault_addr = o->fault_addr;
	x->perm = o->perm;
	x->level = o->common;
	x->native_level = o->level;
	x->fault = o->fault;
}

void harness_world_init(struct harness_world *w, const struct iommufmt_pgtable_cfg *cfg,
			uint64_t gpa, ref_out_fn ref)
{
	struct iommufmt_pgtable_cfg c = *cfg;
	struct iommufmt_diag d;

	memset(w, 0, sizeof(*w));
	harness_env_init(&w->env, gpa, HARNESS_ARENA_SIZE);
	iommufmt_diag_init(&d);
	ck_assert_msg(iommufmt_pgtable_alloc_root(&c, &w->env.arena, &d) == 0, "alloc_root: %s",
		      d.text);
	ck_assert_msg(iommufmt_pgtable_prepare(&w->pt, &c, &d) == 0, "prepare: %s", d.text);
	w->ref = ref;
}

void harness_world_populate(struct harness_world *w, struct test_rng *r, unsigned target,
			    const uint32_t *prot_set, unsigned nprots)
{
	const uint64_t iasmask = w->pt.ias_mask, oasmask = w->pt.oas_mask;
	uint64_t sizes[64], cluster[6];
	unsigned nsizes = 0;

	for (int b = 0; b < 64; b++)
		if (w->pt.pgsize_bitmap & ((uint64_t)1 << b))
			sizes[nsizes++] = (uint64_t)1 << b;
	ck_assert_uint_gt(nsizes, 0);
	/* a few clusters so that tables are shared, plus scattered mappings */
	for (int i = 0; i < 6; i++)
		cluster[i] = test_rng_next(r) & iasmask;
	for (unsigned n = 0; n < target * 4 && w->nmaps < target && w->nmaps < HARNESS_MAX_MAPS;
	     n++) {
		/* the first rounds try every size, largest first; then sizes are random */
		unsigned si = n < 4 * nsizes ? (nsizes - 1 - n / 4) :
			      (unsigned)test_rng_below(r, nsizes * 3);
		uint64_t sz, iova, pa, len;
		uint32_t prot = prot_set[test_rng_below(r, nprots)];
		struct iommufmt_diag d;
		int ret;

		si = si >= nsizes ? (si % 2 ? 0 : (unsigned)test_rng_below(r, nsizes)) : si;
		sz = sizes[si];
		if (sz > iasmask)
			continue;
		if (test_rng_below(r, 4))
			iova = (cluster[test_rng_below(r, 6)] +
				(test_rng_below(r, 64) << (sz > ((uint64_t)1 << 30) ? 30 : 21)) +
				test_rng_below(r, 1u << 21)) & iasmask;
		else
			iova = test_rng_next(r) & iasmask;
		iova &= ~(sz - 1);
		pa = (test_rng_next(r) & oasmask) & ~(sz - 1);
		len = sz;
		/* sometimes several pages in one call (split by the library) */
		if (si == 0 && test_rng_below(r, 4) == 0)
			len = sz * (1 + test_rng_below(r, 20));
		if (iova + len - 1 > iasmask || iova + len - 1 < iova || pa + len - 1 > oasmask ||
		    pa + len - 1 < pa)
			continue;
		iommufmt_diag_init(&d);
		ret = iommufmt_pgtable_map(&w->pt, &w->env.arena, iova, pa, len, prot, &d);
		if (ret == -EEXIST) {
			ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_PGTABLE_EXISTS);
			continue;
		}
		if (ret == -ENOSPC) {
			ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_PGTABLE_ARENA_FULL);
			continue;
		}
		ck_assert_msg(ret == 0, "map 0x%llx+0x%llx -> %d", HX(iova), HX(len), ret);
		w->maps[w->nmaps++] = (struct harness_map){ iova, pa, len, prot };
		w->sizes_used |= 1u << si;
	}
}

uint64_t harness_world_iova(const struct harness_world *w, struct test_rng *r)
{
	unsigned k = (unsigned)test_rng_below(r, 10);

	if (k < 5 && w->nmaps) {
		const struct harness_map *m = &w->maps[test_rng_below(r, w->nmaps)];

		return m->iova + test_rng_below(r, m->len);
	}
	if (k < 9)
		return test_rng_next(r) & w->pt.ias_mask;
	return test_rng_next(r) >> test_rng_below(r, 16);
}

#define WORLD_IOVAS 100000

void harness_world_differential(struct harness_world *w, struct test_rng *r, const char *what)
{
	static __u64 iovas[1024];
	static struct iommufmt_xlate xs[1024];
	unsigned faults[IOMMUFMT_FAULT_NR] = { 0 };

	for (unsigned i = 0; i < WORLD_IOVAS; i++) {
		uint64_t iova = harness_world_iova(w, r);
		uint32_t acc = (uint32_t)test_rng_below(r, 16);
		struct iommufmt_xlate x;
		struct ref_out o = w->ref(&w->pt.cfg, &w->env.gmem, iova, acc);

		REQUIRE(iommufmt_pgtable_translate(&w->pt, &w->env.gmem, iova, acc, &x) == 0, "translate");
		REQUIRE(ref_same(&x, &o, iova) == 0,
			"%s: iova 0x%llx access %x: lib fault %u level %u pa 0x%llx size 0x%llx "
			"perm %x pte 0x%llx attrs 0x%llx; ref fault %u level %u pa 0x%llx "
			"size 0x%llx perm %x pte 0x%llx attrs 0x%llx", what, HX(iova), acc, x.fault,
			x.level, HX(x.pa), HX(x.page_size), x.perm, HX(x.pte), HX(x.attrs), o.fault,
			o.level, HX(o.pa), HX(o.size), o.perm, HX(o.pte), HX(o.attrs));
		REQUIRE(o.fault < IOMMUFMT_FAULT_NR, "%s: reference fault %u", what, o.fault);
		faults[o.fault]++;
	}
	/* batch == single, on batches of every length up to 1024 */
	for (unsigned round = 0; round < 8; round++) {
		size_t n = (size_t)test_rng_below(r, 1024) + 1;
		uint32_t acc = (uint32_t)test_rng_below(r, 16);

		for (size_t i = 0; i < n; i++)
			iovas[i] = harness_world_iova(w, r);
		ck_assert_int_eq(iommufmt_pgtable_translate_batch(&w->pt, &w->env.gmem, iovas, n, acc, xs),
				 0);
		for (size_t i = 0; i < n; i++) {
			struct iommufmt_xlate x;

			iommufmt_pgtable_translate(&w->pt, &w->env.gmem, iovas[i], acc, &x);
			REQUIRE(memcmp(&x, &xs[i], sizeof(x)) == 0, "%s: batch differs at %zu",
				what, i);
		}
	}
	/* the random tables must have produced successes and holes */
	ck_assert_msg(faults[IOMMUFMT_FAULT_NONE] > WORLD_IOVAS / 20, "%s: too few hits (%u)", what,
		      faults[IOMMUFMT_FAULT_NONE]);
	ck_assert_msg(faults[IOMMUFMT_FAULT_NOT_PRESENT] > 0, "%s: no holes", what);
}

void harness_world_check_all(struct harness_world *w, struct test_rng *r, const char *what,
			     void (*mutate)(struct harness_world *w, struct test_rng *r,
					    unsigned count),
			     unsigned mutations)
{
	harness_world_differential(w, r, what);
	harness_world_check_walk(w, 0);
	mutate(w, r, mutations);
	harness_world_differential(w, r, what);
	harness_world_check_walk(w, 1);
}

static int world_map_cmp(const void *a, const void *b)
{
	const struct harness_map *x = a, *y = b;

	return x->iova < y->iova ? -1 : x->iova > y->iova;
}

void harness_world_check_walk(struct harness_world *w, int mutated)
{
	struct harness_collect c = { 0 };
	uint64_t prev_end = 0;
	int have_prev = 0;

	ck_assert_int_eq(iommufmt_pgtable_walk_range(&w->pt, &w->env.gmem, 0, ~0ull, IOMMUFMT_WALK_FAULTS,
					     harness_collect_cb, &c), 0);
	for (size_t i = 0; i < c.n; i++) {
		const struct iommufmt_xlate *rec = &c.recs[i];
		struct iommufmt_xlate x;

		/* in order, not overlapping */
		if (have_prev)
			REQUIRE(rec->iova >= prev_end, "walk out of order at %zu", i);
		prev_end = rec->iova + rec->page_size;
		have_prev = prev_end != 0;
		REQUIRE(rec->iova <= w->pt.ias_mask, "walk record above the input size");
		if (rec->fault == IOMMUFMT_FAULT_TABLE_READ)
			continue;
		iommufmt_pgtable_translate(&w->pt, &w->env.gmem, rec->iova, 0, &x);
		REQUIRE(x.fault == rec->fault && x.level == rec->level && x.pte == rec->pte,
			"walk record %zu at 0x%llx: fault %u/%u level %u/%u", i, HX(rec->iova),
			rec->fault, x.fault, rec->level, x.level);
		if (!rec->fault)
			REQUIRE(x.pa == rec->pa && x.page_size == rec->page_size &&
				x.perm == rec->perm && x.attrs == rec->attrs,
				"walk leaf %zu at 0x%llx differs from translate", i, HX(rec->iova));
	}
	if (!mutated) {
		/* every mapped page is in a leaf record, with the right output, and nothing else */
		uint64_t leaves = 0, mapped = 0;
		size_t j = 0;

		ck_assert_uint_gt(c.n, 0);
		qsort(w->maps, w->nmaps, sizeof(w->maps[0]), world_map_cmp);
		for (unsigned m = 0; m < w->nmaps; m++) {
			uint64_t iova = w->maps[m].iova;

			while (j < c.n && c.recs[j].iova + c.recs[j].page_size <= iova)
				j++;
			REQUIRE(j < c.n && c.recs[j].iova <= iova && !c.recs[j].fault,
				"mapping 0x%llx missing from the walk", HX(iova));
			REQUIRE(c.recs[j].pa + (iova - c.recs[j].iova) == w->maps[m].pa,
				"mapping 0x%llx: wrong output in the walk", HX(iova));
			mapped += w->maps[m].len >> 12;
		}
		for (size_t i = 0; i < c.n; i++)
			if (!c.recs[i].fault)
				leaves += c.recs[i].page_size >> 12;
		ck_assert_uint_eq(leaves, mapped);
	}
	/* a sub-range walk gives exactly the records overlapping it */
	if (c.n > 4) {
		struct harness_collect s = { 0 };
		uint64_t lo = c.recs[1].iova + 1, hi = c.recs[c.n - 3].iova;
		size_t k = 0;

		ck_assert_int_eq(iommufmt_pgtable_walk_range(&w->pt, &w->env.gmem, lo, hi,
						     IOMMUFMT_WALK_FAULTS, harness_collect_cb, &s),
				 0);
		for (size_t i = 0; i < c.n; i++) {
			const struct iommufmt_xlate *rec = &c.recs[i];

			if (rec->iova + (rec->page_size - 1) < lo || rec->iova > hi)
				continue;
			if (rec->fault == IOMMUFMT_FAULT_TABLE_READ)
				break;
			REQUIRE(k < s.n && s.recs[k].iova == rec->iova &&
				s.recs[k].fault == rec->fault, "sub-range walk differs at %zu", k);
			k++;
		}
		free(s.recs);
	}
	/* the callback's non-zero value stops the walk and is returned */
	if (c.n >= 2) {
		struct harness_collect s = { .stop_after = 2 };

		ck_assert_int_eq(iommufmt_pgtable_walk_range(&w->pt, &w->env.gmem, 0, ~0ull, 0,
						     harness_collect_cb, &s), 7);
		ck_assert_uint_eq(s.n, 2);
		free(s.recs);
	}
	free(c.recs);
}

struct iommufmt_xlate harness_world_xlate_counted(const struct harness_world *w,
						  const struct iommufmt_pgtable *pt, uint64_t iova,
						  uint32_t access, unsigned long *reads)
{
	struct harness_counting cnt;
	struct iommufmt_gmem g;
	struct iommufmt_xlate x;
	struct ref_out o;

	harness_counting_init(&cnt, &g, w->env.arena.host, w->env.arena.gpa, w->env.arena.size);
	ck_assert_int_eq(iommufmt_pgtable_translate(pt, &g, iova, access, &x), 0);
	ck_assert_uint_le(cnt.reads, pt->nr_levels);
	o = w->ref(&pt->cfg, &w->env.gmem, iova, access);
	ck_assert_msg(ref_same(&x, &o, iova) == 0, "iova 0x%llx: fault %u/%u level %u/%u", HX(iova),
		      x.fault, o.fault, x.level, o.level);
	if (reads)
		*reads = cnt.reads;
	return x;
}

struct iommufmt_xlate harness_world_xlate_cfg(const struct harness_world *w,
					      const struct iommufmt_pgtable_cfg *cfg,
					      uint64_t iova, uint32_t access)
{
	struct iommufmt_pgtable pt;
	struct iommufmt_diag d;

	iommufmt_diag_init(&d);
	ck_assert_msg(iommufmt_pgtable_prepare(&pt, cfg, &d) == 0, "prepare: %s", d.text);
	return harness_world_xlate_counted(w, &pt, iova, access, NULL);
}

TCase *harness_tcase(Suite *s, const char *name)
{
	TCase *tc = tcase_create(name);

	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return tc;
}
