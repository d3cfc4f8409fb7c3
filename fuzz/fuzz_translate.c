/* SPDX-License-Identifier: MIT */
/* Fuzz target: translate, batch, range walk and dirty harvest of every page-table format over hostile memory. */
#include <errno.h>

#include "fuzz/pt_common.h"

/*
 * Input: a configuration (fuzz_pt_cfg()), a memory mode byte
 * (fuzz_mem_init(); bit 0: build tables with the library's builders
 * instead of taking region A's bytes raw) and a callback seed, the queries
 * (addresses with accesses, a walk range and flags, a dirty-harvest range),
 * then in built mode up to 16 maps and 8 patches of single entries, and
 * last the memory bytes (raw mode: region A then B; built mode: region B).
 *
 * Checked, beyond each call's own contract (fuzz_translate()):
 *  - prepare fails only with its documented errors and leaves the table as
 *    it was;
 *  - a range walk returns 0, -ELOOP or the callback's value; its records are
 *    in order, disjoint, meet the range; each leaf translates to exactly the
 *    record (coalesced runs: at their first, last and a middle byte), each
 *    fault record's address faults in translation too (with the same reason,
 *    level and entry unless the table could not be read), and translation
 *    faults in every gap between records; a walk with fault records gives
 *    the same leaves as one without;
 *  - more access asked never turns a fault into a success, a success with
 *    access grants what was asked and equals the translation of the same
 *    privilege asking nothing;
 *  - the batch equals single translations, field by field;
 *  - a dirty harvest without IOMMUFMT_DIRTY_CLEAR changes no byte of guest
 *    memory, writes only the bitmap words the range needs, and reports only
 *    pages a walk reports; with it, it changes one bit of each entry it
 *    cleans, the same in all (never in read-only memory), and over tables
 *    the builders made a second harvest is empty.
 * A walk ends by construction; the harness also stops it after MAX_RECS.
 */

#define MAX_ADDRS	12
#define MAX_RECS	1024
#define MAX_MAPS	16
#define MAX_PATCHES	8

struct query {
	uint8_t sel;
	uint64_t val;
	uint8_t access;
};

struct queries {
	unsigned int naddr;
	struct query q[MAX_ADDRS];
	uint64_t wstart, wlast;
	uint8_t wflags;
	uint8_t dsel, dpages, dclear;
	uint64_t dval;
};

struct collect {
	struct iommufmt_xlate *recs;
	bool *valid;		/* the callback's budget had not run out when it came */
	size_t n;
	struct fuzz_mem *m;
};

static int collect_cb(void *opaque, const struct iommufmt_xlate *rec)
{
	struct collect *c = opaque;

	if (c->n == MAX_RECS)
		return 1;	/* enough: aliased tables can hold very many leaves */
	c->valid[c->n] = !c->m->cb.tripped;
	c->recs[c->n++] = *rec;
	return 0;
}

static uint64_t rec_last(const struct iommufmt_xlate *r)
{
	return r->iova + (r->page_size - 1);
}

/* Translation of @p iova with access 0 must fault (a gap of a complete walk). */
static void expect_fault(const struct iommufmt_pgtable *pt, struct fuzz_mem *m, uint64_t iova)
{
	struct iommufmt_xlate x;

	if (fuzz_translate(pt, m, iova, 0, &x))
		FUZZ_CHECK(x.fault != IOMMUFMT_FAULT_NONE);
}

/* A leaf or run record against translation at byte @p off of it. */
static void leaf_matches(const struct iommufmt_pgtable *pt, struct fuzz_mem *m,
			 const struct iommufmt_xlate *r, uint64_t off, bool coalesced)
{
	struct iommufmt_xlate x;

	if (!fuzz_translate(pt, m, r->iova + off, 0, &x))
		return;
	FUZZ_CHECK(!x.fault && x.pa == r->pa + off && x.perm == r->perm && x.attrs == r->attrs);
	if (!coalesced)
		FUZZ_CHECK(x.page_size == r->page_size && x.level == r->level && x.pte == r->pte);
}

/* Walk [start, last] with @p flags and check the records; returns the walk's result. */
static int check_walk(const struct iommufmt_pgtable *pt, struct fuzz_mem *m, uint64_t start,
		      uint64_t last, uint32_t flags, struct collect *c)
{
	bool coalesced = flags & IOMMUFMT_WALK_COALESCE, complete;
	uint64_t next = start;	/* first address not yet accounted for */
	bool past_end = false;
	int rc;

	c->n = 0;
	c->m = m;
	fuzz_mem_rearm(m);
	rc = iommufmt_pgtable_walk_range(pt, &m->gmem, start, last, flags, collect_cb, c);
	FUZZ_CHECK(rc == 0 || rc == -ELOOP || (rc == 1 && c->n == MAX_RECS));
	complete = rc == 0 && !m->cb.tripped;
	for (size_t i = 0; i < c->n; i++) {
		const struct iommufmt_xlate *r = &c->recs[i];

		FUZZ_CHECK(r->page_size && r->iova <= last && rec_last(r) >= start &&
			   rec_last(r) >= r->iova);
		FUZZ_CHECK(!i || (!past_end && r->iova > rec_last(&c->recs[i - 1])));
		FUZZ_CHECK(iommufmt_fault_name(r->fault) != NULL && r->stage == 0);
		if (r->fault) {
			FUZZ_CHECK(flags & IOMMUFMT_WALK_FAULTS);
			FUZZ_CHECK(!r->pa && !r->perm && !r->attrs);
		} else {
			FUZZ_CHECK(coalesced || !(r->page_size & (r->page_size - 1)));
		}
		if (c->valid[i] && !r->fault) {
			leaf_matches(pt, m, r, 0, coalesced);
			leaf_matches(pt, m, r, r->page_size - 1, coalesced);
			leaf_matches(pt, m, r, (r->page_size >> 1) & ~UINT64_C(7), coalesced);
		} else if (c->valid[i]) {
			struct iommufmt_xlate x;

			if (fuzz_translate(pt, m, r->iova, 0, &x)) {
				FUZZ_CHECK(x.fault != IOMMUFMT_FAULT_NONE);
				if (r->fault != IOMMUFMT_FAULT_TABLE_READ)
					FUZZ_CHECK(x.fault == r->fault && x.level == r->level &&
						   x.pte == r->pte);
			}
			expect_fault(pt, m, rec_last(r));
		}
		/* the gap before this record */
		if (complete && r->iova > next) {
			expect_fault(pt, m, next);
			expect_fault(pt, m, r->iova - 1);
			expect_fault(pt, m, next + ((r->iova - 1 - next) >> 1));
		}
		if (rec_last(r) == UINT64_MAX)
			past_end = true;
		else
			next = rec_last(r) + 1;
	}
	if (complete && !past_end && next <= last && (!c->n || rec_last(&c->recs[c->n - 1]) < last)) {
		expect_fault(pt, m, next);
		expect_fault(pt, m, last);
		expect_fault(pt, m, next + ((last - next) >> 1));
	}
	return m->cb.tripped ? 2 : rc;
}

/* The leaves of a walk with fault records equal those of a walk without. */
static void check_walk_pair(const struct iommufmt_pgtable *pt, struct fuzz_mem *m, uint64_t start,
			    uint64_t last, uint32_t flags, struct collect *a, struct collect *b)
{
	size_t j = 0;

	if (check_walk(pt, m, start, last, flags | IOMMUFMT_WALK_FAULTS, a) ||
	    check_walk(pt, m, start, last, flags & ~IOMMUFMT_WALK_FAULTS, b))
		return;
	for (size_t i = 0; i < a->n; i++) {
		if (a->recs[i].fault)
			continue;
		FUZZ_CHECK(j < b->n && fuzz_xlate_equal(&a->recs[i], &b->recs[j]));
		j++;
	}
	FUZZ_CHECK(j == b->n);
}

/* An address for a query: raw, inside the input space, or at a record. */
static uint64_t pick(const struct iommufmt_pgtable *pt, const struct query *q,
		     const struct collect *c)
{
	switch (q->sel % 4) {
	case 0:
		return q->val;
	case 1:
		return q->val & pt->ias_mask;
	default:
		if (!c->n)
			return q->val;
		{
			const struct iommufmt_xlate *r = &c->recs[(q->val >> 32) % c->n];
			uint64_t off = (uint32_t)q->val % r->page_size;

			/* inside it, or just before or after it */
			return q->sel % 4 == 2 ? r->iova + off : (q->sel & 4 ? r->iova - 1 : rec_last(r) + 1);
		}
	}
}

static void check_addresses(const struct iommufmt_pgtable *pt, struct fuzz_mem *m,
			    const struct queries *qs, const struct collect *c)
{
	__u64 iovas[MAX_ADDRS];
	struct iommufmt_xlate single[MAX_ADDRS], batch[MAX_ADDRS + 1];
	bool ok = true;
	uint32_t bacc = qs->naddr ? qs->q[0].access : 0;

	for (unsigned int i = 0; i < qs->naddr; i++) {
		struct iommufmt_xlate x0, xa;
		uint32_t acc = qs->q[i].access;

		iovas[i] = pick(pt, &qs->q[i], c);
		/* the same privilege, nothing asked: permissions may depend on the privilege */
		if (!fuzz_translate(pt, m, iovas[i], acc & IOMMUFMT_ACCESS_PRIV, &x0) ||
		    !fuzz_translate(pt, m, iovas[i], acc, &xa)) {
			ok = false;
			continue;
		}
		if (!xa.fault) {
			FUZZ_CHECK(!x0.fault && x0.pa == xa.pa && x0.page_size == xa.page_size &&
				   x0.perm == xa.perm && x0.level == xa.level && x0.pte == xa.pte &&
				   x0.attrs == xa.attrs);
			FUZZ_CHECK(!(acc & IOMMUFMT_ACCESS_READ) || (xa.perm & IOMMUFMT_ACCESS_READ));
			FUZZ_CHECK(!(acc & IOMMUFMT_ACCESS_WRITE) || (xa.perm & IOMMUFMT_ACCESS_WRITE));
		}
		if (x0.fault)
			FUZZ_CHECK(xa.fault != IOMMUFMT_FAULT_NONE);
		if (!fuzz_translate(pt, m, iovas[i], bacc, &single[i]))
			ok = false;
	}
	if (!qs->naddr)
		return;
	/* the batch: equal to single translations, nothing written past n */
	fuzz_mem_rearm(m);
	memset(batch, 0xc3, sizeof(batch));
	FUZZ_CHECK(iommufmt_pgtable_translate_batch(pt, &m->gmem, iovas, qs->naddr, bacc, batch) == 0);
	if (ok && !m->cb.tripped)
		for (unsigned int i = 0; i < qs->naddr; i++)
			FUZZ_CHECK(!memcmp(&batch[i], &single[i], sizeof(batch[i])));
	FUZZ_CHECK(batch[qs->naddr].iova == UINT64_C(0xc3c3c3c3c3c3c3c3));
}

/* Snapshot of all guest memory (regions and callback window). */
static uint8_t *mem_snapshot(const struct fuzz_mem *m)
{
	size_t n = (size_t)(m->a_size + m->b_size + m->cb.size);
	uint8_t *s = malloc(n);

	FUZZ_CHECK(s != NULL);
	memcpy(s, m->a, (size_t)m->a_size);
	if (m->b)
		memcpy(s + m->a_size, m->b, (size_t)m->b_size);
	if (m->cb.buf)
		memcpy(s + m->a_size + m->b_size, m->cb.buf, (size_t)m->cb.size);
	return s;
}

/*
 * Clearing dirty state changed one bit per entry, the same bit in every
 * entry it changed (the D bit; for Arm, AP[2] is set again): the 8-byte
 * words (regions and the window are 8-byte aligned) differ in one common bit.
 */
static bool one_bit_changed(const uint8_t *old, const uint8_t *now, size_t n)
{
	uint64_t bit = 0;

	for (size_t i = 0; i + 8 <= n; i += 8) {
		uint64_t a, b, x;

		memcpy(&a, old + i, 8);
		memcpy(&b, now + i, 8);
		x = a ^ b;
		if (!x)
			continue;
		if ((x & (x - 1)) || (bit && x != bit))
			return false;
		bit = x;
	}
	return true;
}

/* A range around a harvested one: the leaves it meets whole, at most 1 GiB more each side. */
struct wide {
	uint64_t start, last, words;
	__u64 *bm0, *bm1;
};

static bool around_range(const struct iommufmt_pgtable *pt, struct fuzz_mem *m, uint64_t start,
			 uint64_t last, struct collect *w, struct wide *wide)
{
	const uint64_t reach = UINT64_C(1) << 30;

	if (check_walk(pt, m, start, last, IOMMUFMT_WALK_FAULTS, w))
		return false;
	wide->start = start;
	wide->last = last;
	for (size_t i = 0; i < w->n; i++) {
		if (w->recs[i].fault)
			return false;
		if (w->recs[i].iova < wide->start)
			wide->start = w->recs[i].iova;
		if (rec_last(&w->recs[i]) > wide->last)
			wide->last = rec_last(&w->recs[i]);
	}
	if (start - wide->start > reach)
		wide->start = start - reach;
	if (wide->last - last > reach)
		wide->last = last + reach;
	/* the leaves of the wider range, for the checks after clearing */
	if (check_walk(pt, m, wide->start, wide->last, IOMMUFMT_WALK_FAULTS, w))
		return false;
	wide->words = (((wide->last - wide->start) >> 12) + 1 + 63) / 64;
	return true;
}

static void check_dirty(const struct iommufmt_pgtable *pt, struct fuzz_mem *m,
			const struct queries *qs, const struct collect *c, bool built_clean,
			struct collect *w)
{
	const uint64_t sentinel = UINT64_C(0x5ee5ee5ee5ee5ee5);
	uint64_t start, last, pages, words, nbits = 64 * (1 + (uint64_t)(qs->dpages % 64));
	__u64 bm[64 + 2];
	uint8_t *before, *after;
	size_t total = (size_t)(m->a_size + m->b_size + m->cb.size);
	struct wide wide = { 0 };
	int rc, wr;

	start = (qs->dsel & 1 && c->n ? c->recs[qs->dval % c->n].iova : qs->dval) & ~UINT64_C(0xfff);
	last = start + (nbits * 4096 - 1) < start ? UINT64_MAX : start + (nbits * 4096 - 1);
	pages = ((last - start) >> 12) + 1;
	words = (pages + 63) / 64;
	for (size_t i = 0; i < sizeof(bm) / sizeof(bm[0]); i++)
		bm[i] = sentinel;
	before = mem_snapshot(m);
	fuzz_mem_rearm(m);
	rc = iommufmt_pgtable_dirty_harvest(pt, &m->gmem, start, last, 0, bm, nbits);
	after = mem_snapshot(m);
	FUZZ_CHECK(!memcmp(before, after, total));
	FUZZ_CHECK(rc == 0 || rc == -EOPNOTSUPP || rc == -ELOOP);
	if (rc == -EOPNOTSUPP)
		FUZZ_CHECK(!(pt->cfg.flags & IOMMUFMT_PGTABLE_F_AD) || !pt->ops->walk->dirty);
	for (uint64_t i = words; i < sizeof(bm) / sizeof(bm[0]); i++)
		FUZZ_CHECK(bm[i] == sentinel);
	if (rc)
		goto out;
	if (pages % 64)
		FUZZ_CHECK(!(bm[words - 1] >> (pages % 64)));
	/*
	 * A dirty page is one a walk reports (a leaf, or a fault record). Not
	 * checked for amd-v1: an entry of a replicated group (NextLevel 7)
	 * whose entries disagree is reported as a fault of its own 4 KiB span,
	 * but harvested over the whole page it encodes, as hardware may have
	 * written through it (lib/pgtable_radix.h): conservatively more.
	 */
	wr = check_walk(pt, m, start, last, IOMMUFMT_WALK_FAULTS, w);
	if (!wr && !m->cb.tripped && pt->cfg.format != IOMMUFMT_PGTABLE_AMD_V1) {
		size_t k = 0;

		for (uint64_t p = 0; p < pages; p++) {
			uint64_t a = start + (p << 12);

			if (!(bm[p / 64] >> (p % 64) & 1))
				continue;
			while (k < w->n && rec_last(&w->recs[k]) < a)
				k++;
			FUZZ_CHECK(k < w->n && w->recs[k].iova <= a &&
				   w->recs[k].fault != IOMMUFMT_FAULT_TABLE_READ);
		}
	}
	if (!qs->dclear)
		goto out;
	/* around the range, over tables that do not alias: what clearing may touch */
	if (built_clean && !around_range(pt, m, start, last, w, &wide))
		built_clean = false;
	if (built_clean) {
		wide.bm0 = calloc((size_t)wide.words, sizeof(__u64));
		wide.bm1 = calloc((size_t)wide.words, sizeof(__u64));
		FUZZ_CHECK(wide.bm0 && wide.bm1);
		FUZZ_CHECK(iommufmt_pgtable_dirty_harvest(pt, &m->gmem, wide.start, wide.last, 0, wide.bm0,
						  wide.words * 64) == 0);
	}
	/* clearing: one bit of dirty entries changed, never in read-only memory */
	fuzz_mem_rearm(m);
	rc = iommufmt_pgtable_dirty_harvest(pt, &m->gmem, start, last, IOMMUFMT_DIRTY_CLEAR, bm, nbits);
	FUZZ_CHECK(rc == 0 || rc == -ELOOP || rc == -EFAULT);
	free(after);
	after = mem_snapshot(m);
	FUZZ_CHECK(one_bit_changed(before, after, total));
	if (m->b && (m->reg[1].flags & IOMMUFMT_GMEM_READONLY))
		FUZZ_CHECK(!memcmp(before + m->a_size, after + m->a_size, (size_t)m->b_size));
	if (rc == 0 && built_clean) {
		/*
		 * Clearing [start, last] leaves outside it the dirty state it
		 * had (a huge page only partly inside stays dirty for its
		 * other part), and inside it only pages of such huge pages.
		 */
		FUZZ_CHECK(iommufmt_pgtable_dirty_harvest(pt, &m->gmem, wide.start, wide.last, 0, wide.bm1,
						  wide.words * 64) == 0);
		for (uint64_t p = 0, k = 0; p <= (wide.last - wide.start) >> 12; p++) {
			uint64_t a = wide.start + (p << 12);
			bool b0 = wide.bm0[p / 64] >> (p % 64) & 1, b1 = wide.bm1[p / 64] >> (p % 64) & 1;

			while (k < w->n && rec_last(&w->recs[k]) < a)
				k++;
			if (a < start || a > last)
				FUZZ_CHECK(b0 == b1);
			else if (b1)
				FUZZ_CHECK(k < w->n && w->recs[k].iova <= a &&
					   (w->recs[k].iova < start || rec_last(&w->recs[k]) > last));
		}
	}
out:
	free(wide.bm0);
	free(wide.bm1);
	free(before);
	free(after);
}

/*
 * A leaf entry as hardware leaves it after a write (the formats' documented
 * dirty state: x86-64 and AMD v1 D = bit 6, VT-d second stage D = bit 9; Arm
 * with DBM: AP[2] clear at stage 1, S2AP[1] set at stage 2).
 */
static uint64_t written(uint32_t format, uint64_t pte)
{
	const uint64_t dbm = UINT64_C(1) << 51, b7 = UINT64_C(1) << 7;

	switch (format) {
	case IOMMUFMT_PGTABLE_X86_64:
	case IOMMUFMT_PGTABLE_AMD_V1:
		return pte | UINT64_C(1) << 6;
	case IOMMUFMT_PGTABLE_VTD_SS:
		return pte | UINT64_C(1) << 9;
	case IOMMUFMT_PGTABLE_ARM_LPAE_S1:
		return pte & dbm ? pte & ~b7 : pte;
	case IOMMUFMT_PGTABLE_ARM_LPAE_S2:
		return pte & dbm ? pte | b7 : pte;
	default:
		return pte;
	}
}

static uint64_t get_le64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void put_le64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* Make every leaf the walk finds dirty, as if the device had written to all of them. */
static void dirty_all(const struct iommufmt_pgtable *pt, struct fuzz_mem *m, struct collect *c)
{
	if (check_walk(pt, m, 0, UINT64_MAX, 0, c))
		return;
	for (size_t i = 0; i < c->n; i++)
		for (uint64_t off = 0; off + 8 <= m->a_size; off += 8)
			if (get_le64(m->a + off) == c->recs[i].pte)
				put_le64(m->a + off, written(pt->cfg.format, c->recs[i].pte));
}

/* Build tables with the library's builders, then patch single entries. */
static void build(struct iommufmt_pgtable *pt, struct fuzz_mem *m,
		  struct iommufmt_pgtable_arena *arena, struct fuzz_in *in, bool *patched,
		  struct collect *c)
{
	uint8_t nmaps = fuzz_u8(in) % (MAX_MAPS + 1), npatch;
	uint64_t minp = pt->pgsize_bitmap & (~pt->pgsize_bitmap + 1), cluster = 0;

	for (unsigned int i = 0; i < nmaps && minp; i++) {
		uint8_t how = fuzz_u8(in), prot = fuzz_u8(in), pages = fuzz_u8(in);
		uint64_t v = fuzz_u64(in), pa = fuzz_u64(in) & pt->oas_mask, iova, len = minp, sz;
		int rc;

		/* a page size of the bitmap, by index */
		for (unsigned int k = 0, b = 0; b < 64; b++)
			if (pt->pgsize_bitmap >> b & 1 && k++ == (how >> 4))
				len = UINT64_C(1) << b;
		sz = len;
		len *= 1 + pages % 4;
		iova = how & 1 ? v : cluster + (v & 0xffff) * sz;
		if (!(how & 2)) {
			iova &= pt->ias_mask & ~(sz - 1);
			pa &= ~(sz - 1);
		}
		if (!i)
			cluster = iova & ~(sz - 1);
		rc = iommufmt_pgtable_map(pt, arena, iova, pa, len, prot & IOMMUFMT_ACCESS_ALL, NULL);
		FUZZ_CHECK(rc == 0 || rc == -EINVAL || rc == -EEXIST || rc == -ENOSPC ||
			   rc == -EOPNOTSUPP);
	}
	npatch = fuzz_u8(in);
	if (npatch & 0x80)
		dirty_all(pt, m, c);
	npatch = (npatch & 0x7f) % (MAX_PATCHES + 1);
	*patched = npatch != 0;
	for (unsigned int i = 0; i < npatch; i++) {
		uint32_t off = (uint32_t)((fuzz_u32(in) % m->a_size) & ~UINT64_C(7));
		uint8_t how = fuzz_u8(in);
		uint64_t v = fuzz_u64(in), cur;

		memcpy(&cur, m->a + off, 8);
		cur = how % 3 == 0 ? v : how % 3 == 1 ? cur ^ v : cur ^ (UINT64_C(1) << (v % 64));
		memcpy(m->a + off, &cur, 8);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in;
	struct iommufmt_pgtable_cfg cfg;
	struct iommufmt_pgtable pt, orig;
	struct iommufmt_pgtable_arena arena;
	struct fuzz_mem m;
	struct queries qs;
	struct collect ca, cb;
	struct iommufmt_diag d;
	uint8_t mode;
	uint64_t seed;
	uint16_t rootoff;
	bool built = false, patched = false;
	const uint8_t *rest;
	size_t rlen;
	int rc;

	fuzz_in_init(&in, data, size);
	fuzz_pt_cfg(&in, &cfg);
	mode = fuzz_u8(&in);
	seed = fuzz_u64(&in);
	rootoff = fuzz_u16(&in);
	memset(&qs, 0, sizeof(qs));
	qs.naddr = fuzz_u8(&in) % (MAX_ADDRS + 1);
	for (unsigned int i = 0; i < qs.naddr; i++) {
		qs.q[i].sel = fuzz_u8(&in);
		qs.q[i].val = fuzz_u64(&in);
		qs.q[i].access = fuzz_u8(&in);
	}
	qs.wstart = fuzz_u64(&in);
	qs.wlast = fuzz_u64(&in);
	qs.wflags = fuzz_u8(&in);
	qs.dsel = fuzz_u8(&in);
	qs.dval = fuzz_u64(&in);
	qs.dpages = fuzz_u8(&in);
	qs.dclear = fuzz_u8(&in) & 1;

	fuzz_mem_init(&m, mode, seed);
	if (mode & 1) {
		arena = (struct iommufmt_pgtable_arena){ .gpa = m.a_gpa, .size = m.a_size, .host = m.a };
		built = iommufmt_pgtable_alloc_root(&cfg, &arena, NULL) == 0;
	}
	if (!built)
		cfg.root = m.a_gpa + (((uint64_t)rootoff << 12) % m.a_size) + (rootoff >> 15) * 8;
	memset(&pt, 0xee, sizeof(pt));
	orig = pt;
	iommufmt_diag_init(&d);
	rc = iommufmt_pgtable_prepare(&pt, &cfg, &d);
	FUZZ_CHECK(d.error == rc);
	if (rc) {
		FUZZ_CHECK(fuzz_pt_prepare_err(rc) && !memcmp(&pt, &orig, sizeof(pt)));
		goto out;
	}
	FUZZ_CHECK(pt.ops && pt.ops->format == cfg.format && pt.cfg.root == cfg.root);
	ca.recs = malloc(MAX_RECS * sizeof(*ca.recs));
	ca.valid = malloc(MAX_RECS * sizeof(*ca.valid));
	cb.recs = malloc(MAX_RECS * sizeof(*cb.recs));
	cb.valid = malloc(MAX_RECS * sizeof(*cb.valid));
	FUZZ_CHECK(ca.recs && ca.valid && cb.recs && cb.valid);
	if (built)
		build(&pt, &m, &arena, &in, &patched, &ca);
	rest = fuzz_rest(&in, &rlen);
	if (built) {
		if (m.b)
			memcpy(m.b, rest, rlen < m.b_size ? rlen : (size_t)m.b_size);
	} else {
		fuzz_mem_fill(&m, rest, rlen);
	}

	if (qs.wflags & 0x80) {
		/* the whole input space */
		qs.wstart = 0;
		qs.wlast = UINT64_MAX;
	} else if (qs.wstart > qs.wlast) {
		uint64_t t = qs.wstart;

		qs.wstart = qs.wlast;
		qs.wlast = t;
	}
	check_walk_pair(&pt, &m, qs.wstart, qs.wlast, qs.wflags & IOMMUFMT_WALK_COALESCE, &ca, &cb);
	/* leaves (and faults) of the whole space, for picking addresses */
	check_walk(&pt, &m, 0, UINT64_MAX, IOMMUFMT_WALK_FAULTS, &ca);
	check_addresses(&pt, &m, &qs, &ca);
	if (pt.cfg.flags & IOMMUFMT_PGTABLE_F_AD)
		check_dirty(&pt, &m, &qs, &ca, built && !patched, &cb);
	free(ca.recs);
	free(ca.valid);
	free(cb.recs);
	free(cb.valid);
out:
	fuzz_mem_fini(&m);
	return 0;
}
