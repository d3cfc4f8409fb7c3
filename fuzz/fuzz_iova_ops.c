/* SPDX-License-Identifier: MIT */
/* Fuzz target: sequences of IOVA-space operations against a naive interval-list model of the space. */
#include <errno.h>

#include "fuzz/iova_ref.h"

/*
 * Input: a header byte (bit 0: IOMMUFMT_IOVA_SPACE_RELAX) and a shift, then
 * operations, each an opcode byte and its arguments. Addresses come from a
 * small vocabulary (k << shift, minus one when bit 7 is set, 2^64-1, or a
 * raw u64), so that ranges meet, nest and touch often.
 *
 * The model keeps the intersection of the apertures, the page sizes and
 * the blocking regions in the order they were added; usable = aperture −
 * regions. After every operation the space must equal the model, so a
 * failed operation must have changed nothing. Each query is checked
 * against the model: map checks (verdict and conflict), attach conflicts
 * (exact list and order), map plans (exact cover, alignment, sizes from the
 * bitmap, the largest page at every address, runs), hole costs (exact
 * rows), layouts (a partition of each block into the free space above the
 * base, page-size alignment, the most bytes in the largest page size, and
 * -ENOSPC exactly when the RAM exceeds the free space) and the capability
 * form (read back, and imported again as a VFIO reply).
 */

#define MAX_OPS		48
#define MAX_REGIONS	64

struct model {
	bool relax;
	unsigned int shift;
	struct rl aper;			/* normalized */
	bool have_pgsizes;
	uint64_t pgsizes;
	struct iommufmt_resv_region resv[MAX_REGIONS];	/* blocking, in the order added */
	size_t nr_resv;
};

static uint64_t lowbit(uint64_t v)
{
	return v & (~v + 1);
}

static uint64_t highbit(uint64_t v)
{
	uint64_t h = 0;

	for (unsigned int b = 0; b < 64; b++)
		if (v >> b & 1)
			h = UINT64_C(1) << b;
	return h;
}

/* ---- input vocabulary ---- */

static uint64_t addr(struct fuzz_in *in, const struct model *m)
{
	uint8_t v = fuzz_u8(in);

	if (v == 0xff)
		return fuzz_u64(in);
	if (v == 0xfe)
		return UINT64_MAX;
	return ((uint64_t)(v & 0x7f) << m->shift) - (v >> 7);
}

/* A range; inverted only when asked to be (bit 0 of @p flip). */
static struct iommufmt_iova_range range(struct fuzz_in *in, const struct model *m, bool flip)
{
	uint64_t a = addr(in, m), b = addr(in, m);
	struct iommufmt_iova_range r = { a < b ? a : b, a < b ? b : a };

	if (flip && r.start != r.last) {
		r.start = a < b ? b : a;
		r.last = a < b ? a : b;
	}
	return r;
}

/* A page-size bitmap: 0, raw, or a smallest size and a few larger ones. */
static uint64_t pgsz(struct fuzz_in *in)
{
	static const unsigned int steps[8] = { 1, 2, 4, 9, 18, 27, 36, 45 };
	uint8_t t = fuzz_u8(in), mask;
	unsigned int lo;
	uint64_t v;

	if (!t)
		return 0;
	if (t == 0xff)
		return fuzz_u64(in);
	lo = t % 40;
	mask = fuzz_u8(in);
	v = UINT64_C(1) << lo;
	for (unsigned int i = 0; i < 8; i++)
		if (mask >> i & 1 && lo + steps[i] < 64)
			v |= UINT64_C(1) << (lo + steps[i]);
	return v;
}

/* A capacity for an output array of @p need entries: none, one short, exact or more. */
static __u32 capacity(struct fuzz_in *in, size_t need)
{
	uint8_t c = fuzz_u8(in) % 4;

	if (c == 0)
		return 0;
	if (c == 1)
		return need ? (__u32)need - 1 : 0;
	return (__u32)need + (c == 3);
}

/* ---- the model ---- */

static void model_usable(const struct model *m, struct rl *u)
{
	rl_copy(u, &m->aper);
	for (size_t i = 0; i < m->nr_resv; i++)
		rl_subtract_one(u, m->resv[i].start, m->resv[i].last);
}

/* The regions sorted by start, those added earlier first on equal starts. */
static void model_sorted(const struct model *m, struct iommufmt_resv_region *out)
{
	for (size_t i = 0; i < m->nr_resv; i++) {
		size_t j = i;

		while (j && out[j - 1].start > m->resv[i].start) {
			out[j] = out[j - 1];
			j--;
		}
		out[j] = m->resv[i];
	}
}

/* The space equals the model. */
static void check_space(const struct iommufmt_iova_space *sp, const struct model *m)
{
	struct iova_snap s;
	struct rl u = { 0 };
	struct iommufmt_resv_region sorted[MAX_REGIONS];

	iova_snap_take(sp, &s);
	model_usable(m, &u);
	FUZZ_CHECK(rl_equal(&u, s.usable, s.nr_usable));
	model_sorted(m, sorted);
	FUZZ_CHECK(s.nr_resv == m->nr_resv && !memcmp(s.resv, sorted, m->nr_resv * sizeof(*sorted)));
	FUZZ_CHECK(s.pgsizes == m->pgsizes);
	rl_free(&u);
	iova_snap_free(&s);
}

/* ---- operations that change the space ---- */

static void op_add_domain(struct iommufmt_iova_space *sp, struct model *m, struct fuzz_in *in)
{
	uint8_t c = fuzz_u8(in);
	unsigned int nr = c % 5, bad = nr;
	struct iommufmt_iova_range r[4];
	struct iommufmt_diag d;
	uint64_t p = pgsz(in);
	struct rl dom = { 0 }, out = { 0 };
	int rc;

	for (unsigned int i = 0; i < nr; i++) {
		r[i] = range(in, m, (c >> 3) == i + 1);
		if (r[i].start > r[i].last && bad == nr)
			bad = i;
	}
	iommufmt_diag_init(&d);
	rc = iommufmt_iova_space_add_domain(sp, r, nr, p, &d);
	FUZZ_CHECK(d.error == rc);
	if (bad < nr) {
		FUZZ_CHECK(rc == -EINVAL && d.code == IOMMUFMT_DIAG_IOVA_RANGE_INVERTED &&
			   d.index == bad);
		return;
	}
	FUZZ_CHECK(rc == 0);
	for (unsigned int i = 0; i < nr; i++)
		rl_push(&dom, r[i].start, r[i].last);
	rl_normalize(&dom);
	rl_intersect(&out, &m->aper, &dom);
	rl_free(&m->aper);
	m->aper = out;
	rl_free(&dom);
	if (p) {
		m->pgsizes = m->have_pgsizes ? m->pgsizes & p : p;
		m->have_pgsizes = true;
	}
}

static void op_add_resv(struct iommufmt_iova_space *sp, struct model *m, struct fuzz_in *in)
{
	uint8_t c = fuzz_u8(in);
	unsigned int nr = c % 5, bad = nr;
	struct iommufmt_resv_region g[4];
	struct iommufmt_diag d;
	int rc, want = 0;

	for (unsigned int i = 0; i < nr; i++) {
		struct iommufmt_iova_range r = range(in, m, (c >> 3) == i + 1);
		uint8_t t = fuzz_u8(in);

		g[i].start = r.start;
		g[i].last = r.last;
		g[i].type = t < 0xf0 ? t % IOMMUFMT_RESV_NR_TYPES : t;
		g[i].flags = (c >> 3) == i + 9 ? 1u << (t % 32) : 0;
		if (bad == nr && (g[i].start > g[i].last || g[i].type >= IOMMUFMT_RESV_NR_TYPES ||
				  g[i].flags)) {
			bad = i;
			want = g[i].start > g[i].last ? -EINVAL : -EOPNOTSUPP;
		}
	}
	if (m->nr_resv + nr > MAX_REGIONS)
		return;
	iommufmt_diag_init(&d);
	rc = iommufmt_iova_space_add_resv(sp, g, nr, &d);
	FUZZ_CHECK(d.error == rc);
	if (bad < nr) {
		FUZZ_CHECK(rc == want && d.index == bad);
		return;
	}
	FUZZ_CHECK(rc == 0);
	for (unsigned int i = 0; i < nr; i++)
		if (!(m->relax && g[i].type == IOMMUFMT_RESV_DIRECT_RELAXABLE))
			m->resv[m->nr_resv++] = g[i];
}

/* ---- queries ---- */

/* The iommufd form under the argsz copy rules. */
static void op_get_ranges(const struct iommufmt_iova_space *sp, const struct model *m,
			  struct fuzz_in *in)
{
	struct {
		struct iommufmt_iova_ranges r;
		uint8_t tail[16];
	} req, orig;
	struct iommufmt_iova_range *out;
	struct rl u = { 0 };
	uint8_t c = fuzz_u8(in);
	struct iommufmt_diag d;
	size_t room;
	int rc, want;

	model_usable(m, &u);
	room = u.n + 2;
	out = malloc(room * sizeof(*out));
	FUZZ_CHECK(out != NULL);
	memset(&req, 0, sizeof(req));
	req.r.argsz = c & 1 ? 24u + 8 * (c >> 1 & 1) + 16 * (c >> 2 & 1) : (__u32)sizeof(req.r);
	/* 24: below VER0; 32 ours; 40 and 48 longer with a zero tail */
	req.r.flags = (c >> 3 & 3) == 1 ? 1u << (c >> 5) : 0;
	req.r.__reserved = (c >> 3 & 3) == 2;
	if ((c >> 3 & 3) == 3) {
		req.tail[c >> 5] = 1;
		req.r.argsz = sizeof(req);
	}
	req.r.num_iovas = capacity(in, u.n);
	req.r.allowed_iovas = fuzz_u8(in) == 0x5a ? 0 : (uintptr_t)out;
	memset(out, 0xa5, room * sizeof(*out));
	orig = req;
	if (req.r.argsz < IOMMUFMT_IOVA_RANGES_SIZE_VER0 || req.tail[c >> 5])
		want = req.r.argsz < IOMMUFMT_IOVA_RANGES_SIZE_VER0 ? -EINVAL : -E2BIG;
	else if (req.r.flags || req.r.__reserved)
		want = -EOPNOTSUPP;
	else if (req.r.num_iovas && !req.r.allowed_iovas)
		want = -EINVAL;
	else
		want = u.n > req.r.num_iovas ? -EMSGSIZE : 0;
	iommufmt_diag_init(&d);
	rc = iommufmt_iova_space_get_ranges(sp, &req.r, &d);
	FUZZ_CHECK(rc == want && d.error == rc);
	if (rc && rc != -EMSGSIZE) {
		FUZZ_CHECK(!memcmp(&req, &orig, sizeof(req)));
	} else {
		size_t n = u.n < orig.r.num_iovas ? u.n : orig.r.num_iovas;

		FUZZ_CHECK(req.r.num_iovas == u.n && rl_equal(&(struct rl){ out, n, n }, u.v, n));
		FUZZ_CHECK(req.r.out_iova_alignment == (m->pgsizes ? lowbit(m->pgsizes) : 1));
		FUZZ_CHECK(req.r.argsz == orig.r.argsz && !memcmp(req.tail, orig.tail, sizeof(req.tail)));
		for (size_t i = n; i < room; i++)
			FUZZ_CHECK(out[i].start == UINT64_C(0xa5a5a5a5a5a5a5a5));
	}
	free(out);
	rl_free(&u);
}

/* The conflict a rejected map reports at the first unusable address x. */
static void classify(const struct model *m, uint64_t x, __u32 *verdict, __u32 *type, __u64 *s,
		     __u64 *l)
{
	struct iommufmt_resv_region sorted[MAX_REGIONS];
	struct rl gaps = { 0 };

	model_sorted(m, sorted);
	for (size_t i = 0; i < m->nr_resv; i++)
		if (sorted[i].start <= x && x <= sorted[i].last) {
			*verdict = IOMMUFMT_IOVA_VERDICT_RESERVED;
			*type = sorted[i].type;
			*s = sorted[i].start;
			*l = sorted[i].last;
			return;
		}
	FUZZ_CHECK(!rl_contains(&m->aper, x, x));
	*verdict = IOMMUFMT_IOVA_VERDICT_APERTURE;
	*type = 0;
	*s = *l = 0;
	/* the gap holding x: a range of everything minus the aperture */
	rl_push(&gaps, 0, UINT64_MAX);
	for (size_t i = 0; i < m->aper.n; i++)
		rl_subtract_one(&gaps, m->aper.v[i].start, m->aper.v[i].last);
	for (size_t i = 0; i < gaps.n; i++)
		if (gaps.v[i].start <= x && x <= gaps.v[i].last) {
			*s = gaps.v[i].start;
			*l = gaps.v[i].last;
		}
	rl_free(&gaps);
}

static void op_check_map(const struct iommufmt_iova_space *sp, const struct model *m,
			 struct fuzz_in *in)
{
	struct {
		struct iommufmt_iova_map_check r;
		uint64_t tail;
	} req;
	uint8_t c = fuzz_u8(in);
	struct iommufmt_diag d;
	struct rl u = { 0 };
	uint64_t len, last;
	int rc;

	memset(&req, 0, sizeof(req));
	req.r.argsz = sizeof(req.r);
	req.r.iova = addr(in, m);
	len = c & 1 ? fuzz_u16(in) : addr(in, m) - req.r.iova + 1;
	req.r.length = len;
	req.r.out_verdict = 0x77;
	if ((c >> 1 & 7) == 1)
		req.r.argsz = 40;
	if ((c >> 1 & 7) == 2)
		req.r.flags = 1u << (c >> 4);
	if ((c >> 1 & 7) == 3) {
		req.r.argsz = sizeof(req);
		req.tail = (uint64_t)(c >> 4) << 8;	/* zero or not */
	}
	model_usable(m, &u);
	iommufmt_diag_init(&d);
	rc = iommufmt_iova_check_map(sp, &req.r, &d);
	FUZZ_CHECK(d.error == rc);
	if (req.r.argsz < IOMMUFMT_IOVA_MAP_CHECK_SIZE_VER0 || req.tail) {
		FUZZ_CHECK(rc == (req.tail ? -E2BIG : -EINVAL) && req.r.out_verdict == 0x77);
		goto out;
	}
	if (req.r.flags) {
		FUZZ_CHECK(rc == -EOPNOTSUPP && req.r.out_verdict == 0x77);
		goto out;
	}
	if (!len || len - 1 > UINT64_MAX - req.r.iova) {
		FUZZ_CHECK(rc == -EINVAL && d.code == (len ? IOMMUFMT_DIAG_IOVA_WRAP :
						      IOMMUFMT_DIAG_IOVA_ZERO_LENGTH));
		goto out;
	}
	last = req.r.iova + (len - 1);
	if (rl_contains(&u, req.r.iova, last)) {
		FUZZ_CHECK(rc == 0 && req.r.out_verdict == IOMMUFMT_IOVA_VERDICT_OK &&
			   req.r.out_type == 0);
		FUZZ_CHECK(rl_contains(&u, req.r.out_start, req.r.out_last) &&
			   req.r.out_start <= req.r.iova && last <= req.r.out_last &&
			   (req.r.out_start == 0 || !rl_contains(&u, req.r.out_start - 1,
								 req.r.out_start - 1)) &&
			   (req.r.out_last == UINT64_MAX || !rl_contains(&u, req.r.out_last + 1,
									 req.r.out_last + 1)));
	} else {
		uint64_t x = req.r.iova;
		__u32 v, t;
		__u64 s, l;

		/* the first unusable address of the request */
		for (size_t i = 0; i < u.n; i++)
			if (u.v[i].start <= x && x <= u.v[i].last)
				x = u.v[i].last + 1;
		classify(m, x, &v, &t, &s, &l);
		FUZZ_CHECK(rc == -EINVAL && req.r.out_verdict == v && req.r.out_type == t &&
			   req.r.out_start == s && req.r.out_last == l);
		FUZZ_CHECK(d.code == (v == IOMMUFMT_IOVA_VERDICT_RESERVED ?
				      IOMMUFMT_DIAG_IOVA_MAP_RESERVED : IOMMUFMT_DIAG_IOVA_MAP_APERTURE));
	}
	FUZZ_CHECK(req.r.argsz == (((c >> 1 & 7) == 3) ? sizeof(req) : sizeof(req.r)) &&
		   !req.tail && req.r.iova + (len - 1) == last);
out:
	rl_free(&u);
}

static void op_check_attach(const struct iommufmt_iova_space *sp, const struct model *m,
			    struct fuzz_in *in)
{
	struct iommufmt_iova_range map[4];
	struct iommufmt_iova_conflict *want, *got;
	struct rl gaps = { 0 };
	struct iommufmt_resv_region sorted[MAX_REGIONS];
	uint8_t c = fuzz_u8(in);
	unsigned int nr = c % 5;
	size_t total = 0;
	struct iommufmt_diag d;
	__u32 cap, n;
	int rc;
	bool inverted = false;

	for (unsigned int i = 0; i < nr; i++) {
		map[i] = range(in, m, (c >> 3) == i + 1);
		inverted |= map[i].start > map[i].last;
	}
	model_sorted(m, sorted);
	/* per mapping at most every region and every gap */
	want = malloc((nr * (m->nr_resv + m->aper.n + 1) + 1) * sizeof(*want));
	got = malloc((nr * (m->nr_resv + m->aper.n + 1) + 2) * sizeof(*got));
	FUZZ_CHECK(want && got);
	/* the gaps of the aperture: everything minus it */
	rl_push(&gaps, 0, UINT64_MAX);
	for (size_t i = 0; i < m->aper.n; i++)
		rl_subtract_one(&gaps, m->aper.v[i].start, m->aper.v[i].last);
	for (unsigned int k = 0; k < nr && !inverted; k++) {
		uint64_t a = map[k].start, b = map[k].last;

		for (size_t i = 0; i < m->nr_resv; i++)
			if (sorted[i].start <= b && a <= sorted[i].last)
				want[total++] = (struct iommufmt_iova_conflict){
					sorted[i].start > a ? sorted[i].start : a,
					sorted[i].last < b ? sorted[i].last : b,
					sorted[i].start, sorted[i].last,
					IOMMUFMT_IOVA_VERDICT_RESERVED, sorted[i].type, k, 0 };
		for (size_t i = 0; i < gaps.n; i++)
			if (gaps.v[i].start <= b && a <= gaps.v[i].last)
				want[total++] = (struct iommufmt_iova_conflict){
					gaps.v[i].start > a ? gaps.v[i].start : a,
					gaps.v[i].last < b ? gaps.v[i].last : b,
					gaps.v[i].start, gaps.v[i].last,
					IOMMUFMT_IOVA_VERDICT_APERTURE, 0, k, 0 };
	}
	cap = capacity(in, total);
	n = cap;
	memset(got, 0xa5, (total + 2) * sizeof(*got));
	iommufmt_diag_init(&d);
	rc = iommufmt_iova_check_attach(sp, map, nr, got, &n, &d);
	FUZZ_CHECK(d.error == rc);
	if (inverted) {
		FUZZ_CHECK(rc == -EINVAL && d.code == IOMMUFMT_DIAG_IOVA_RANGE_INVERTED && n == cap);
		goto out;
	}
	FUZZ_CHECK(n == total);
	FUZZ_CHECK(rc == (total > cap ? -EMSGSIZE : total ? -EINVAL : 0));
	FUZZ_CHECK(!memcmp(got, want, (total < cap ? total : cap) * sizeof(*got)));
	FUZZ_CHECK(got[total < cap ? total : cap].start == UINT64_C(0xa5a5a5a5a5a5a5a5));
	if (total && total <= cap)
		FUZZ_CHECK(d.code == IOMMUFMT_DIAG_IOVA_ATTACH_CONFLICT && d.index == want[0].mapping);
out:
	rl_free(&gaps);
	free(want);
	free(got);
}

/*
 * A map plan: the runs cover [iova, iova + len) exactly and in order, map it
 * to [pa, ...), use page sizes from the bitmap aligned on both sides, take
 * the largest page that fits at every address, and merge equal neighbours.
 */
static void check_plan(uint64_t iova, uint64_t pa, uint64_t len, uint64_t pgsizes,
		       const struct iommufmt_iova_chunk *ch, size_t n, uint64_t pages)
{
	uint64_t x = iova, y = pa, done = 0, np = 0, cong = 0;

	/* sizes usable anywhere: both addresses congruent modulo them */
	for (unsigned int b = 0; b < 64; b++)
		if (pgsizes >> b & 1 && !((iova ^ pa) & ((UINT64_C(1) << b) - 1)))
			cong |= UINT64_C(1) << b;
	FUZZ_CHECK(n >= 1 && n <= IOMMUFMT_IOVA_PLAN_MAX_CHUNKS);
	for (size_t i = 0; i < n; i++) {
		uint64_t p = ch[i].pgsize, bytes, bigger, end;

		FUZZ_CHECK(p && !(p & (p - 1)) && (pgsizes & p) && ch[i].count);
		FUZZ_CHECK(ch[i].iova == x && ch[i].pa == y && !(x & (p - 1)) && !(y & (p - 1)));
		FUZZ_CHECK(!i || ch[i - 1].pgsize != p);
		FUZZ_CHECK(ch[i].count <= (len - done) / p);
		bytes = ch[i].count * p;
		/* no larger page fits anywhere inside the run (nor, so, at its start) */
		bigger = cong & ~(p | (p - 1));
		if (bigger) {
			uint64_t q = lowbit(bigger), first = (x + (q - 1)) & ~(q - 1);

			end = x + (bytes - 1);
			if (first >= x && first <= end)
				FUZZ_CHECK(len - done - (first - x) < q);
		}
		np += ch[i].count;
		done += bytes;
		x += bytes;
		y += bytes;
	}
	FUZZ_CHECK(done == len && np == pages);
}

static void op_map_plan(const struct model *m, struct fuzz_in *in)
{
	struct iommufmt_iova_chunk ch[IOMMUFMT_IOVA_PLAN_MAX_CHUNKS + 1], all[IOMMUFMT_IOVA_PLAN_MAX_CHUNKS];
	uint8_t c = fuzz_u8(in);
	uint64_t p = pgsz(in), minp = lowbit(p), iova = addr(in, m), pa = addr(in, m),
		 len = addr(in, m);
	__u64 pages = 0x77, pages2 = 0;
	struct iommufmt_diag d;
	__u32 n, cap;
	int rc, want = 0;

	if (!(c & 1) && minp) {
		iova &= ~(minp - 1);
		pa &= ~(minp - 1);
		len &= ~(minp - 1);
	}
	if (!p || !len || ((iova | pa | len) & (minp - 1)) || len - 1 > UINT64_MAX - iova ||
	    len - 1 > UINT64_MAX - pa)
		want = -EINVAL;
	n = IOMMUFMT_IOVA_PLAN_MAX_CHUNKS;
	iommufmt_diag_init(&d);
	rc = iommufmt_iova_map_plan(iova, pa, len, p, all, &n, &pages, &d);
	FUZZ_CHECK(rc == want && d.error == rc);
	if (rc) {
		FUZZ_CHECK(pages == 0x77 && n == IOMMUFMT_IOVA_PLAN_MAX_CHUNKS);
		return;
	}
	check_plan(iova, pa, len, p, all, n, pages);
	/* a smaller array: as many as fit, the total, -EMSGSIZE */
	cap = capacity(in, n);
	memset(ch, 0xa5, sizeof(ch));
	{
		__u32 k = cap;

		rc = iommufmt_iova_map_plan(iova, pa, len, p, cap ? ch : NULL, &k, &pages2, NULL);
		FUZZ_CHECK(rc == (n > cap ? -EMSGSIZE : 0) && k == n && pages2 == pages);
		FUZZ_CHECK(!memcmp(ch, all, (n < cap ? n : cap) * sizeof(*ch)));
		FUZZ_CHECK(ch[n < cap ? n : cap].iova == UINT64_C(0xa5a5a5a5a5a5a5a5));
	}
}

/* Whether the block [bs, bs + p - 1] loses a p page to region @p r. */
static bool block_breaks(const struct model *m, const struct rl *u,
			 const struct iommufmt_resv_region *r, uint64_t bs, uint64_t p)
{
	uint64_t bl = bs + (p - 1);

	if (r->start <= bs && r->last >= bl)
		return false;
	return rl_contains(&m->aper, bs, bl) && rl_overlaps(u, bs, bl);
}

static void op_hole_cost(const struct iommufmt_iova_space *sp, const struct model *m,
			 struct fuzz_in *in)
{
	struct iommufmt_iova_hole_cost *want = malloc((m->nr_resv * 63 + 1) * sizeof(*want));
	struct iommufmt_iova_hole_cost *got = malloc((m->nr_resv * 63 + 2) * sizeof(*got));
	struct iommufmt_resv_region sorted[MAX_REGIONS];
	uint64_t p = pgsz(in), use = p ? p : m->pgsizes;
	struct iommufmt_diag d;
	struct rl u = { 0 };
	size_t total = 0;
	__u32 cap, n;
	int rc;

	FUZZ_CHECK(want && got);
	model_usable(m, &u);
	model_sorted(m, sorted);
	for (size_t i = 0; i < m->nr_resv && use; i++)
		for (unsigned int b = 0; b < 64; b++) {
			uint64_t q = UINT64_C(1) << b, b0, b1;
			uint32_t blocks;

			if (!(use & q) || q == lowbit(use))
				continue;
			b0 = sorted[i].start & ~(q - 1);
			b1 = sorted[i].last & ~(q - 1);
			blocks = block_breaks(m, &u, &sorted[i], b0, q);
			if (b1 != b0)
				blocks += block_breaks(m, &u, &sorted[i], b1, q);
			if (blocks)
				want[total++] = (struct iommufmt_iova_hole_cost){
					sorted[i].start, sorted[i].last, q, sorted[i].type, blocks };
		}
	cap = capacity(in, total);
	n = cap;
	memset(got, 0xa5, (total + 2) * sizeof(*got));
	iommufmt_diag_init(&d);
	rc = iommufmt_iova_hole_cost(sp, p, got, &n, &d);
	FUZZ_CHECK(d.error == rc);
	if (!use) {
		FUZZ_CHECK(rc == -EINVAL && d.code == IOMMUFMT_DIAG_IOVA_PGSIZE && n == cap);
	} else {
		FUZZ_CHECK(n == total && rc == (total > cap ? -EMSGSIZE : 0));
		FUZZ_CHECK(!memcmp(got, want, (total < cap ? total : cap) * sizeof(*got)));
		FUZZ_CHECK(got[total < cap ? total : cap].start == UINT64_C(0xa5a5a5a5a5a5a5a5));
	}
	rl_free(&u);
	free(want);
	free(got);
}

/* Stats computed from map plans of the segments, as the contract defines them. */
static int stats_by_plan(const struct iommufmt_iova_ram_segment *seg, size_t nr, uint64_t p,
			 struct iommufmt_iova_layout_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->largest_pgsize = highbit(p);
	for (size_t i = 0; i < nr; i++) {
		struct iommufmt_iova_chunk ch[IOMMUFMT_IOVA_PLAN_MAX_CHUNKS];
		__u32 n = IOMMUFMT_IOVA_PLAN_MAX_CHUNKS;
		__u64 pages;
		int rc = iommufmt_iova_map_plan(seg[i].gpa, seg[i].offset, seg[i].size, p, ch, &n,
						&pages, NULL);

		if (rc)
			return rc;
		if (seg[i].size > UINT64_MAX - st->ram_bytes)
			return -EINVAL;
		st->ram_bytes += seg[i].size;
		st->pages += pages;
		st->runs += n;
		for (__u32 k = 0; k < n; k++)
			if (ch[k].pgsize == st->largest_pgsize)
				st->largest_pages += ch[k].count;
	}
	st->largest_bytes = st->largest_pages * st->largest_pgsize;
	return 0;
}

static void check_stats(const struct iommufmt_iova_ram_segment *seg, size_t nr, uint64_t p)
{
	struct iommufmt_iova_layout_stats want, got;
	struct iommufmt_diag d;
	int rw, rc;

	memset(&got, 0x5a, sizeof(got));
	rw = stats_by_plan(seg, nr, p, &want);
	iommufmt_diag_init(&d);
	rc = iommufmt_iova_layout_stats(seg, (__u32)nr, p, &got, &d);
	FUZZ_CHECK(rc == rw && d.error == rc);
	if (!rc)
		FUZZ_CHECK(!memcmp(&got, &want, sizeof(got)));
	else
		FUZZ_CHECK(got.ram_bytes == UINT64_C(0x5a5a5a5a5a5a5a5a));
}

static int cmp_gpa(const void *a, const void *b)
{
	const struct iommufmt_iova_ram_segment *x = a, *y = b;

	return (x->gpa > y->gpa) - (x->gpa < y->gpa);
}

/* Byte counts that pass 2^64 (a whole free space, RAM block sums): two halves, no __int128 (i386 replays). */
struct wide {
	uint64_t hi, lo;
};

static void wide_add(struct wide *w, uint64_t v)
{
	w->hi += __builtin_add_overflow(w->lo, v, &w->lo);
}

static int wide_gt(struct wide a, struct wide b)
{
	return a.hi != b.hi ? a.hi > b.hi : a.lo > b.lo;
}

static void op_layout(const struct iommufmt_iova_space *sp, const struct model *m,
		      struct fuzz_in *in)
{
	uint8_t c = fuzz_u8(in);
	unsigned int nr = c % 5;
	uint32_t flags = c >> 3 & 1 ? IOMMUFMT_IOVA_LAYOUT_PACK : 0;
	uint64_t p = pgsz(in), use, minp, base = addr(in, m), P;
	struct wide total = { 0, 0 }, free_b = { 0, 0 };
	__u64 ram[4];
	uint64_t fit_pages = 0, windows = 0;
	struct iommufmt_iova_ram_segment *seg = NULL, *byg;
	struct iommufmt_diag d;
	struct rl u = { 0 }, fr = { 0 };
	__u32 n = 0, got;
	int rc, want = 0;

	if (c >> 4 == 15)
		flags |= 1u << (fuzz_u8(in) % 32 | 1);
	for (unsigned int i = 0; i < nr; i++)
		ram[i] = addr(in, m);
	use = p ? p : m->pgsizes;
	minp = lowbit(use);
	if (!(c >> 5 & 1) && minp) {
		base &= ~(minp - 1);
		for (unsigned int i = 0; i < nr; i++)
			ram[i] &= ~(minp - 1);
	}
	if (flags & ~IOMMUFMT_IOVA_LAYOUT_PACK)
		want = -EOPNOTSUPP;
	else if (!use || (base & (minp - 1)))
		want = -EINVAL;
	for (unsigned int i = 0; i < nr && !want; i++)
		if (!ram[i] || (ram[i] & (minp - 1)))
			want = -EINVAL;
	if (!want) {
		/* the free space: usable above base, whole smallest pages */
		model_usable(m, &u);
		for (size_t i = 0; i < u.n; i++) {
			uint64_t s = u.v[i].start > base ? u.v[i].start : base, l = u.v[i].last;

			if (l < base || s > UINT64_MAX - (minp - 1))
				continue;
			s = (s + (minp - 1)) & ~(minp - 1);
			if ((l & (minp - 1)) != minp - 1) {
				if (l < minp)
					continue;
				l = (l & ~(minp - 1)) - 1;
			}
			if (s <= l) {
				rl_push(&fr, s, l);
				wide_add(&free_b, l - s);
				wide_add(&free_b, 1);
			}
		}
		for (unsigned int i = 0; i < nr; i++)
			wide_add(&total, ram[i]);
		if (wide_gt(total, free_b))
			want = -ENOSPC;
	}
	iommufmt_diag_init(&d);
	rc = iommufmt_iova_layout(sp, base, ram, nr, p, flags, NULL, &n, &d);
	FUZZ_CHECK(d.error == rc);
	if (want) {
		FUZZ_CHECK(rc == want && n == 0);
		goto out;
	}
	FUZZ_CHECK(rc == (n ? -EMSGSIZE : 0));
	seg = malloc(((size_t)n + 1) * sizeof(*seg));
	byg = malloc(((size_t)n + 1) * sizeof(*seg));
	FUZZ_CHECK(seg && byg);
	got = n;
	FUZZ_CHECK(iommufmt_iova_layout(sp, base, ram, nr, p, flags, seg, &got, NULL) == 0 &&
		   got == n);
	/* each block: pieces in offset order covering it exactly */
	{
		size_t k = 0;

		for (unsigned int b = 0; b < nr; b++) {
			uint64_t off = 0;

			while (k < n && seg[k].block == b) {
				FUZZ_CHECK(seg[k].offset == off && seg[k].size && !seg[k].__reserved);
				FUZZ_CHECK(!((seg[k].gpa | seg[k].size) & (minp - 1)));
				FUZZ_CHECK(seg[k].size <= ram[b] - off);
				FUZZ_CHECK(rl_contains(&fr, seg[k].gpa, seg[k].gpa + (seg[k].size - 1)));
				off += seg[k].size;
				k++;
			}
			FUZZ_CHECK(off == ram[b]);
		}
		FUZZ_CHECK(k == n);
	}
	/* pieces do not overlap */
	memcpy(byg, seg, (size_t)n * sizeof(*seg));
	qsort(byg, n, sizeof(*byg), cmp_gpa);
	for (__u32 i = 1; i < n; i++)
		FUZZ_CHECK(byg[i - 1].gpa + (byg[i - 1].size - 1) < byg[i].gpa);
	check_stats(seg, n, use);
	/* the most bytes in the largest page size: min(whole pages of RAM, aligned windows) */
	P = highbit(use);
	/* (RAM of 2^64 bytes or more has no stats: check_stats() saw that error) */
	if (!(flags & IOMMUFMT_IOVA_LAYOUT_PACK) && P > minp && !total.hi) {
		struct iommufmt_iova_layout_stats st;

		for (unsigned int i = 0; i < nr; i++)
			fit_pages += ram[i] / P;
		for (size_t i = 0; i < fr.n; i++) {
			uint64_t s = fr.v[i].start, l = fr.v[i].last, w;

			if (s > UINT64_MAX - (P - 1))
				continue;
			w = (s + (P - 1)) & ~(P - 1);
			if (w > l)
				continue;
			/* whole P blocks in [w, l] (l - w + 1 may be 2^64) */
			windows += (l - w) / P + ((l - w) % P == P - 1);
		}
		FUZZ_CHECK(iommufmt_iova_layout_stats(seg, n, use, &st, NULL) == 0);
		FUZZ_CHECK(st.largest_pages == (fit_pages < windows ? fit_pages : windows));
	}
	free(byg);
out:
	free(seg);
	rl_free(&u);
	rl_free(&fr);
}

/* Segments straight from the input: the stats equal the plans of their segments. */
static void op_layout_stats(const struct model *m, struct fuzz_in *in)
{
	struct iommufmt_iova_ram_segment seg[4];
	uint8_t c = fuzz_u8(in);
	unsigned int nr = c % 5;
	uint64_t p = pgsz(in);

	for (unsigned int i = 0; i < nr; i++) {
		seg[i].gpa = addr(in, m);
		seg[i].size = addr(in, m);
		seg[i].offset = addr(in, m);
		seg[i].block = i;
		seg[i].__reserved = 0;
		if (!(c >> 3 & 1) && p) {
			seg[i].gpa &= ~(lowbit(p) - 1);
			seg[i].size &= ~(lowbit(p) - 1);
			seg[i].offset &= ~(lowbit(p) - 1);
		}
	}
	if (!p) {
		struct iommufmt_iova_layout_stats st;

		FUZZ_CHECK(iommufmt_iova_layout_stats(seg, nr, 0, &st, NULL) == -EINVAL);
		return;
	}
	check_stats(seg, nr, p);
}

/* The capability form: read back, and as a VFIO_IOMMU_GET_INFO reply imported again. */
static void op_add_caps(const struct iommufmt_iova_space *sp, const struct model *m,
			struct fuzz_in *in)
{
	uint8_t c = fuzz_u8(in);
	uint32_t flags = c & 3;
	struct iommufmt_caps *caps = iommufmt_caps_new();
	struct rl u = { 0 };
	struct iommufmt_diag d;
	size_t size0;
	int rc;

	FUZZ_CHECK(caps != NULL);
	if (c >> 2 & 1)
		FUZZ_CHECK(iommufmt_caps_add(caps, 0x99, 1, "abcd", 4) == 0);
	if (c >> 3 & 1)
		flags |= 1u << (c >> 4);
	size0 = iommufmt_caps_size(caps);
	model_usable(m, &u);
	iommufmt_diag_init(&d);
	rc = iommufmt_iova_space_add_caps(sp, caps, flags, &d);
	FUZZ_CHECK(d.error == rc);
	if (flags & ~3u || !flags) {
		FUZZ_CHECK(rc == (flags & ~3u ? -EOPNOTSUPP : -EINVAL));
		FUZZ_CHECK(iommufmt_caps_size(caps) == size0 &&
			   iommufmt_caps_count(caps) == (c >> 2 & 1));
		goto out;
	}
	FUZZ_CHECK(rc == 0);
	{
		/* struct vfio_iommu_type1_info: argsz, flags, iova_pgsizes, cap_offset, pad */
		struct {
			uint32_t argsz, flags;
			uint64_t pgsizes;
			uint32_t cap_offset, pad;
		} info = { 0, 1, m->pgsizes, 0, 0 };
		size_t len = 24 + iommufmt_caps_size(caps);
		uint8_t *buf = calloc(1, len);
		const struct iommufmt_cap_header *h;
		size_t hl;
		uint32_t off;

		FUZZ_CHECK(buf != NULL);
		info.argsz = (uint32_t)len;
		FUZZ_CHECK(iommufmt_caps_emit(caps, buf, len, &info, sizeof(info), 16, 2) == 0);
		memcpy(&off, buf + 16, 4);
		FUZZ_CHECK(off == 24);
		if (flags & IOMMUFMT_IOVA_CAPS_RANGES) {
			struct iommufmt_iova_range *r = malloc((u.n + 1) * sizeof(*r));
			__u32 k = (__u32)u.n;
			struct iommufmt_iova_space *again;

			FUZZ_CHECK(r != NULL);
			FUZZ_CHECK(iommufmt_caps_find(buf, len, 24, off, IOMMUFMT_CAP_IOVA_RANGES,
						      &h, &hl, NULL) == 0);
			FUZZ_CHECK(iommufmt_cap_iova_ranges_read(h, hl, r, &k, NULL) == 0 &&
				   rl_equal(&u, r, k));
			free(r);
			/* Linux's VFIO uses the same id and layout for its IOVA ranges */
			again = iommufmt_iova_space_new(0);
			FUZZ_CHECK(again != NULL);
			rc = iommufmt_iova_import_vfio(again, buf, len, NULL);
			if (u.n) {
				struct iova_snap s;

				FUZZ_CHECK(rc == 0);
				iova_snap_take(again, &s);
				FUZZ_CHECK(rl_equal(&u, s.usable, s.nr_usable) &&
					   s.pgsizes == m->pgsizes);
				iova_snap_free(&s);
			} else {
				FUZZ_CHECK(rc == -EINVAL);
			}
			iommufmt_iova_space_free(again);
		}
		if (flags & IOMMUFMT_IOVA_CAPS_RESV) {
			struct iommufmt_resv_region sorted[MAX_REGIONS], r[MAX_REGIONS];
			__u32 k = MAX_REGIONS;

			model_sorted(m, sorted);
			FUZZ_CHECK(iommufmt_caps_find(buf, len, 24, off, IOMMUFMT_CAP_RESV_REGIONS,
						      &h, &hl, NULL) == 0);
			FUZZ_CHECK(iommufmt_cap_resv_regions_read(h, hl, r, &k, NULL) == 0 &&
				   k == m->nr_resv && !memcmp(r, sorted, k * sizeof(*r)));
		}
		free(buf);
	}
out:
	rl_free(&u);
	iommufmt_caps_free(caps);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in;
	struct iommufmt_iova_space *sp;
	struct model m;
	uint8_t hdr;

	fuzz_in_init(&in, data, size);
	hdr = fuzz_u8(&in);
	memset(&m, 0, sizeof(m));
	m.relax = hdr & 1;
	m.shift = fuzz_u8(&in) % 64;
	rl_push(&m.aper, 0, UINT64_MAX);
	sp = iommufmt_iova_space_new(m.relax ? IOMMUFMT_IOVA_SPACE_RELAX : 0);
	FUZZ_CHECK(sp != NULL);
	check_space(sp, &m);
	for (unsigned int op = 0; op < MAX_OPS && in.left; op++) {
		switch (fuzz_u8(&in) % 10) {
		case 0:
			op_add_domain(sp, &m, &in);
			break;
		case 1:
			op_add_resv(sp, &m, &in);
			break;
		case 2:
			op_get_ranges(sp, &m, &in);
			break;
		case 3:
			op_check_map(sp, &m, &in);
			break;
		case 4:
			op_check_attach(sp, &m, &in);
			break;
		case 5:
			op_map_plan(&m, &in);
			break;
		case 6:
			op_hole_cost(sp, &m, &in);
			break;
		case 7:
			op_layout(sp, &m, &in);
			break;
		case 8:
			op_layout_stats(&m, &in);
			break;
		default:
			op_add_caps(sp, &m, &in);
			break;
		}
		check_space(sp, &m);
	}
	rl_free(&m.aper);
	iommufmt_iova_space_free(sp);
	return 0;
}
