/* SPDX-License-Identifier: MIT */
/* Fuzz target: page-table builders (alloc_root, map, unmap sequences) against a sorted list of mapped leaves. */
#include <errno.h>

#include "fuzz/pt_common.h"

/*
 * Input: a configuration (fuzz_pt_cfg(); every registered format has a
 * builder), an arena byte (size 8 KiB to 256 KiB, GPA 0, 16 MiB or 1008 KiB), then up
 * to MAX_OPS operations: map (a page size of the bitmap, a count, an
 * address near the previous ones or anywhere, an output address, aligned
 * or not, permissions) or unmap (a range around mapped leaves, or anything).
 *
 * The model is the list of leaves the builders must have made: a map of
 * [iova, iova + len) takes, from iova on, the largest page of the bitmap that
 * both addresses are aligned to and that fits the rest (the contract of
 * iommufmt_pgtable_map()); it fails if any page overlaps a leaf (-EEXIST),
 * is outside the input space (-EINVAL), or asks for permissions the format
 * cannot express, for the whole request or one page (-EINVAL), and may run
 * out of arena (-ENOSPC); an unmap
 * removes the leaves inside the range, fails with -EINVAL when a leaf
 * crosses its ends and with -ENOENT when it holds none. Argument errors
 * are predicted exactly.
 *
 * After every operation the tables must hold exactly the model's leaves: a
 * range walk over the whole space reports them in order with their output
 * addresses and sizes, and with the permissions they had when mapped (a
 * failed or unrelated operation changes nothing), and translation of
 * sampled addresses (leaf edges, just outside them, the request's own
 * range) agrees.
 */

#define MAX_OPS		24
#define MAX_LEAVES	512

struct leaf {
	uint64_t iova, pa, size;
	uint32_t perm;
};

struct model {
	struct leaf v[MAX_LEAVES];
	size_t n;
};

struct state {
	struct iommufmt_pgtable pt;
	struct iommufmt_pgtable_arena arena;
	struct iommufmt_gmem_region reg;
	struct iommufmt_gmem gmem;
	struct model m;
};

/* The largest page of the bitmap both addresses are aligned to that fits @p len. */
static uint64_t best_page(uint64_t bitmap, uint64_t iova, uint64_t pa, uint64_t len)
{
	uint64_t best = 0;

	for (unsigned int b = 0; b < 64; b++) {
		uint64_t sz = UINT64_C(1) << b;

		if ((bitmap & sz) && !(iova & (sz - 1)) && !(pa & (sz - 1)) && sz <= len)
			best = sz;
	}
	return best;
}

/* Inside the input space: [0, ias_mask], or canonical (x86-64, IAS below 64, all-ones mask). */
static bool in_space(const struct iommufmt_pgtable *pt, uint64_t x)
{
	if (pt->ias_mask == UINT64_MAX && pt->cfg.ias && pt->cfg.ias < 64) {
		unsigned int sh = 64 - pt->cfg.ias;

		return (uint64_t)((int64_t)(x << sh) >> sh) == x;
	}
	return x <= pt->ias_mask;
}

/* Permission sets a format cannot express (iommufmt_pgtable_map(): -EINVAL). */
static bool prot_expressible(uint32_t format, uint32_t prot)
{
	switch (format) {
	case IOMMUFMT_PGTABLE_X86_64:
		return prot & IOMMUFMT_ACCESS_READ;	/* always readable */
	case IOMMUFMT_PGTABLE_VTD_SS:
		return prot & (IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE);	/* R = W = 0: not present */
	case IOMMUFMT_PGTABLE_AMD_V1:
		return !(prot & IOMMUFMT_ACCESS_EXEC) || (prot & IOMMUFMT_ACCESS_READ);	/* execute needs IR */
	default:
		return true;
	}
}

/*
 * Single pages a format cannot express: s390-dat reads an all-zero entry as
 * invalid (as QEMU does), so a writable 4 KiB page of frame 0, whose entry
 * would be zero, is refused (formats/pgtable/s390_dat.c).
 */
static bool page_expressible(const struct iommufmt_pgtable *pt, uint64_t pa, uint64_t size,
			     uint32_t prot)
{
	return !(pt->cfg.format == IOMMUFMT_PGTABLE_S390_DAT && !pa && size == 4096 &&
		 (prot & IOMMUFMT_ACCESS_WRITE));
}

static bool overlaps(const struct model *m, uint64_t s, uint64_t l)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i].iova <= l && s <= m->v[i].iova + (m->v[i].size - 1))
			return true;
	return false;
}

static void model_insert(struct model *m, const struct leaf *lf)
{
	size_t j = m->n;

	FUZZ_CHECK(m->n < MAX_LEAVES);
	while (j && m->v[j - 1].iova > lf->iova) {
		m->v[j] = m->v[j - 1];
		j--;
	}
	m->v[j] = *lf;
	m->n++;
}

struct walk_check {
	const struct model *m;
	size_t i;
	bool bad;
};

static int walk_cb(void *opaque, const struct iommufmt_xlate *rec)
{
	struct walk_check *w = opaque;
	const struct leaf *lf = &w->m->v[w->i];

	if (w->i == w->m->n || rec->fault || rec->iova != lf->iova || rec->pa != lf->pa ||
	    rec->page_size != lf->size || rec->perm != lf->perm) {
		w->bad = true;
		return 1;
	}
	w->i++;
	return 0;
}

/* Translation of @p iova (access 0) equals the model. */
static void check_addr(const struct state *s, uint64_t iova)
{
	struct iommufmt_xlate x;

	FUZZ_CHECK(iommufmt_pgtable_translate(&s->pt, &s->gmem, iova, 0, &x) == 0);
	for (size_t i = 0; i < s->m.n; i++) {
		const struct leaf *lf = &s->m.v[i];

		if (iova >= lf->iova && iova - lf->iova < lf->size) {
			FUZZ_CHECK(!x.fault && x.pa == lf->pa + (iova - lf->iova) &&
				   x.page_size == lf->size && x.perm == lf->perm);
			return;
		}
	}
	FUZZ_CHECK(x.fault != IOMMUFMT_FAULT_NONE);
}

/* Translation reads what the builders handed out. */
static void sync_gmem(struct state *s)
{
	s->reg.size = s->arena.used;
}

/* The tables hold exactly the model's leaves. */
static void check_tables(struct state *s, uint64_t a, uint64_t b)
{
	struct walk_check w = { .m = &s->m };
	int rc;

	sync_gmem(s);
	rc = iommufmt_pgtable_walk_range(&s->pt, &s->gmem, 0, UINT64_MAX, 0, walk_cb, &w);
	FUZZ_CHECK(rc == 0 && !w.bad && w.i == s->m.n);
	for (size_t i = 0; i < s->m.n; i++) {
		const struct leaf *lf = &s->m.v[i];

		check_addr(s, lf->iova);
		check_addr(s, lf->iova + (lf->size - 1));
		check_addr(s, lf->iova - 1);
		check_addr(s, lf->iova + lf->size);
	}
	check_addr(s, a);
	check_addr(s, b);
	check_addr(s, a + ((b - a) >> 1));
}

static void op_map(struct state *s, struct fuzz_in *in, uint64_t *cluster)
{
	const struct iommufmt_pgtable *pt = &s->pt;
	uint8_t how = fuzz_u8(in), cnt = fuzz_u8(in), prot = fuzz_u8(in);
	uint64_t v = fuzz_u64(in), pa = fuzz_u64(in), sz = 0, iova, len, minp;
	bool fresh = false;
	int rc, want = 0;

	minp = pt->pgsize_bitmap & (~pt->pgsize_bitmap + 1);
	for (unsigned int k = 0, b = 0; b < 64; b++)
		if (pt->pgsize_bitmap >> b & 1 && k++ == (how & 7))
			sz = UINT64_C(1) << b;
	if (!sz)
		sz = minp;
	/* at most 8 pages: aligned to a page size of the bitmap, or anywhere in smallest pages */
	len = sz * (1 + cnt % 8);
	iova = how & 8 ? v : *cluster + (v % 64) * sz;
	if (how & 0x10) {
		len = minp * (1 + cnt % 8);
	} else {
		iova &= ~(sz - 1);
		pa = (pa & pt->oas_mask) & ~(sz - 1);
	}
	if (how & 0x20)
		len = (v >> 40) % (8 * minp + 1);	/* zero or misaligned, mostly */
	if (!(prot & 0x80))
		prot &= IOMMUFMT_ACCESS_ALL;
	/* argument checks, in the contract's order */
	if (prot & ~IOMMUFMT_ACCESS_ALL)
		want = -EOPNOTSUPP;
	else if (!len || ((iova | pa | len) & (minp - 1)))
		want = -EINVAL;
	else if (iova + (len - 1) < iova || pa + (len - 1) < pa ||
		 iova + (len - 1) > pt->ias_mask || pa + (len - 1) > pt->oas_mask)
		want = -EINVAL;
	else if (!prot_expressible(pt->cfg.format, prot))
		want = -EINVAL;
	rc = iommufmt_pgtable_map(pt, &s->arena, iova, pa, len, prot, NULL);
	if (want) {
		FUZZ_CHECK(rc == want);
		goto out;
	}
	/* page by page: the first page outside the space or over a leaf decides */
	for (uint64_t done = 0; done < len;) {
		uint64_t p = best_page(pt->pgsize_bitmap, iova + done, pa + done, len - done);

		FUZZ_CHECK(p);
		if (!in_space(pt, iova + done) || !in_space(pt, iova + done + (p - 1))) {
			want = -EINVAL;
			break;
		}
		if (overlaps(&s->m, iova + done, iova + done + (p - 1))) {
			want = -EEXIST;
			break;
		}
		if (!page_expressible(pt, pa + done, p, prot)) {
			want = -EINVAL;
			fresh = true;	/* its tables come first */
			break;
		}
		fresh = true;
		done += p;
	}
	/* a page before the one that decides may need a table the arena has no room for */
	FUZZ_CHECK(rc == want || (rc == -ENOSPC && fresh));
	if (rc)
		goto out;
	sync_gmem(s);
	for (uint64_t done = 0; done < len;) {
		struct leaf lf;
		struct iommufmt_xlate x;

		lf.size = best_page(pt->pgsize_bitmap, iova + done, pa + done, len - done);
		lf.iova = iova + done;
		lf.pa = pa + done;
		FUZZ_CHECK(iommufmt_pgtable_translate(pt, &s->gmem, lf.iova, 0, &x) == 0);
		FUZZ_CHECK(!x.fault && x.pa == lf.pa && x.page_size == lf.size);
		lf.perm = x.perm;
		model_insert(&s->m, &lf);
		done += lf.size;
	}
out:
	if (!(how & 8) && !rc)
		*cluster = iova;
	check_tables(s, iova, iova + (len ? len - 1 : 0));
}

static void op_unmap(struct state *s, struct fuzz_in *in)
{
	const struct iommufmt_pgtable *pt = &s->pt;
	uint8_t how = fuzz_u8(in);
	uint64_t v = fuzz_u64(in), w = fuzz_u64(in), iova, len, last, minp;
	size_t inside = 0;
	bool crosses = false;
	int rc, want;

	minp = pt->pgsize_bitmap & (~pt->pgsize_bitmap + 1);
	if (how & 1 && s->m.n) {
		/* from one leaf to another, or a part of one */
		const struct leaf *a = &s->m.v[v % s->m.n], *b = &s->m.v[w % s->m.n];

		iova = a->iova < b->iova ? a->iova : b->iova;
		last = (a->iova < b->iova ? b : a)->iova + ((a->iova < b->iova ? b : a)->size - 1);
		if (how & 2)
			iova += minp;
		if (how & 4)
			last -= minp;
		len = last - iova + 1;
	} else {
		iova = v;
		len = w;
		if (!(how & 8)) {
			iova &= ~(minp - 1);
			len = (len % (UINT64_C(1) << (how >> 4 & 15) << 24)) & ~(minp - 1);
		}
	}
	rc = iommufmt_pgtable_unmap(pt, &s->arena, iova, len, NULL);
	if (!len || ((iova | len) & (minp - 1)) || iova + (len - 1) < iova) {
		want = -EINVAL;
	} else {
		last = iova + (len - 1);
		for (size_t i = 0; i < s->m.n; i++) {
			const struct leaf *lf = &s->m.v[i];
			uint64_t ll = lf->iova + (lf->size - 1);

			if (ll < iova || lf->iova > last)
				continue;
			if (lf->iova < iova || ll > last)
				crosses = true;
			inside++;
		}
		want = crosses ? -EINVAL : inside ? 0 : -ENOENT;
	}
	FUZZ_CHECK(rc == want);
	if (!rc) {
		size_t o = 0;

		for (size_t i = 0; i < s->m.n; i++)
			if (s->m.v[i].iova < iova || s->m.v[i].iova > last)
				s->m.v[o++] = s->m.v[i];
		s->m.n = o;
	}
	check_tables(s, iova, iova + (len ? len - 1 : 0));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in;
	struct iommufmt_pgtable_cfg cfg, c2;
	struct state *s;
	struct iommufmt_diag d;
	uint8_t ab;
	uint64_t cluster;
	int rc;

	fuzz_in_init(&in, data, size);
	fuzz_pt_cfg(&in, &cfg);
	ab = fuzz_u8(&in);
	cluster = fuzz_u64(&in);
	s = calloc(1, sizeof(*s));
	FUZZ_CHECK(s != NULL);
	/* at 0, at 16 MiB, or just below 1 MiB (the smallest s390 output size) */
	s->arena.gpa = ab & 1 ? 0 : ab & 0x80 ? UINT64_C(0xfc000) : UINT64_C(1) << 24;
	s->arena.size = (uint64_t)8192 << (ab >> 1 & 7) % 6;
	s->arena.host = aligned_alloc(4096, (size_t)s->arena.size);
	FUZZ_CHECK(s->arena.host != NULL);
	memset(s->arena.host, 0x6b, (size_t)s->arena.size);	/* tables must be zeroed when allocated */
	/* a root in an arena that is full changes nothing */
	c2 = cfg;
	{
		struct iommufmt_pgtable_arena full = s->arena;

		full.used = full.size;
		rc = iommufmt_pgtable_alloc_root(&c2, &full, NULL);
		FUZZ_CHECK(rc == -ENOSPC || fuzz_pt_prepare_err(rc));
		FUZZ_CHECK(full.used == full.size && c2.root == cfg.root);
	}
	iommufmt_diag_init(&d);
	rc = iommufmt_pgtable_alloc_root(&cfg, &s->arena, &d);
	FUZZ_CHECK(d.error == rc);
	if (rc) {
		FUZZ_CHECK(rc == -ENOSPC || fuzz_pt_prepare_err(rc));
		FUZZ_CHECK(s->arena.used == 0 && cfg.root == 0);
		goto out;
	}
	FUZZ_CHECK(cfg.root >= s->arena.gpa && cfg.root - s->arena.gpa < s->arena.used &&
		   s->arena.used <= s->arena.size);
	FUZZ_CHECK(iommufmt_pgtable_prepare(&s->pt, &cfg, NULL) == 0);
	s->reg = (struct iommufmt_gmem_region){ .gpa = s->arena.gpa, .size = s->arena.used,
						.host = s->arena.host };
	s->gmem = (struct iommufmt_gmem){ .regions = &s->reg, .nr_regions = 1 };
	cluster &= s->pt.ias_mask;
	for (unsigned int op = 0; op < MAX_OPS && in.left; op++) {
		if (fuzz_u8(&in) % 3)
			op_map(s, &in, &cluster);
		else
			op_unmap(s, &in);
	}
out:
	free(s->arena.host);
	free(s);
	return 0;
}
