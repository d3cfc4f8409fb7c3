/* SPDX-License-Identifier: MIT */
/* IOVA space: range algebra, map and attach checks, huge-page plans, hole costs, RAM layout. */
#include <stdint.h>
#include <stdlib.h>

#include "lib/internal.h"

#define U64_MAX		UINT64_MAX
/* Most regions (and apertures ranges) one space holds; keeps every count in a __u32. */
#define IOVA_MAX_ITEMS	(1u << 30)

struct iommufmt_iova_space {
	uint32_t flags;
	bool have_pgsizes;
	uint64_t pgsizes;
	/* Intersection of the domains' apertures: sorted, disjoint, merged. */
	struct iommufmt_iova_range *aper;
	size_t nr_aper;
	/* Blocking reserved regions sorted by start (stable), with the running
	 * maximum of their last addresses, which makes "first region whose last
	 * is >= x" a binary search. */
	struct iommufmt_resv_region *resv;
	uint64_t *pmax;
	size_t nr_resv;
	/* aper minus the union of resv. */
	struct iommufmt_iova_range *usable;
	size_t nr_usable;
};

static const char *const resv_names[IOMMUFMT_RESV_NR_TYPES] = {
	[IOMMUFMT_RESV_RESERVED] = "reserved",
	[IOMMUFMT_RESV_MSI] = "msi",
	[IOMMUFMT_RESV_SW_MSI] = "sw-msi",
	[IOMMUFMT_RESV_DIRECT] = "direct",
	[IOMMUFMT_RESV_DIRECT_RELAXABLE] = "direct-relaxable",
	[IOMMUFMT_RESV_BRIDGE_WINDOW] = "bridge-window",
};

IOMMUFMT_EXPORT const char *iommufmt_resv_type_name(__u32 type)
{
	return type < IOMMUFMT_RESV_NR_TYPES ? resv_names[type] : NULL;
}

IOMMUFMT_EXPORT int iommufmt_resv_type_by_name(const char *name, size_t len)
{
	if (!name)
		return -EINVAL;
	for (unsigned int t = 0; t < IOMMUFMT_RESV_NR_TYPES; t++)
		if (strlen(resv_names[t]) == len && !memcmp(resv_names[t], name, len))
			return (int)t;
	if (len == 6 && !memcmp(name, "msi-sw", 6))
		return IOMMUFMT_RESV_SW_MSI;
	return -EINVAL;
}

static const char *tname(uint32_t type)
{
	const char *n = iommufmt_resv_type_name(type);

	return n ? n : "?";
}

/* ---- small arithmetic helpers ---- */

static inline uint64_t lowbit(uint64_t v)
{
	return v & (~v + 1);
}

static inline uint64_t highbit(uint64_t v)
{
	return v ? UINT64_C(1) << (63 - __builtin_clzll(v)) : 0;
}

/* Bit mask of the sizes 2^n <= v (v > 0). */
static inline uint64_t sizes_le(uint64_t v)
{
	uint64_t h = highbit(v);

	return h == BIT64(63) ? U64_MAX : (h << 1) - 1;
}

/* Bit mask of the sizes 2^n that divide x. */
static inline uint64_t sizes_dividing(uint64_t x)
{
	uint64_t l = lowbit(x);

	return (!x || l == BIT64(63)) ? U64_MAX : (l << 1) - 1;
}

/* ---- sorting ---- */

#define RDX_BITS	11
#define RDX_N		(1u << RDX_BITS)
#define RDX_PASSES	6

static void insertion_sort_resv(struct iommufmt_resv_region *a, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct iommufmt_resv_region v = a[i];
		size_t j = i;

		while (j && a[j - 1].start > v.start) {
			a[j] = a[j - 1];
			j--;
		}
		a[j] = v;
	}
}

/* Stable LSD radix sort by start; skips digits every key shares. */
static int sort_resv(struct iommufmt_resv_region *a, size_t n)
{
	struct iommufmt_resv_region *tmp, *src = a, *dst;
	size_t *cnt;

	if (n < 64) {
		insertion_sort_resv(a, n);
		return 0;
	}
	tmp = iommufmt__malloc_array(n, sizeof(*tmp));
	cnt = iommufmt__calloc((size_t)RDX_PASSES * RDX_N, sizeof(*cnt));
	if (!tmp || !cnt) {
		iommufmt__free(tmp);
		iommufmt__free(cnt);
		return -ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		uint64_t k = a[i].start;

		for (unsigned int p = 0; p < RDX_PASSES; p++)
			cnt[p * RDX_N + ((k >> (p * RDX_BITS)) & (RDX_N - 1))]++;
	}
	dst = tmp;
	for (unsigned int p = 0; p < RDX_PASSES; p++) {
		size_t *c = cnt + (size_t)p * RDX_N, sum = 0;
		unsigned int shift = p * RDX_BITS;
		bool trivial = false;

		for (unsigned int d = 0; d < RDX_N; d++) {
			size_t v = c[d];

			if (v == n)
				trivial = true;
			c[d] = sum;
			sum += v;
		}
		if (trivial)
			continue;
		for (size_t i = 0; i < n; i++)
			dst[c[(src[i].start >> shift) & (RDX_N - 1)]++] = src[i];
		dst = src;
		src = src == a ? tmp : a;
	}
	if (src != a)
		memcpy(a, src, n * sizeof(*a));
	iommufmt__free(tmp);
	iommufmt__free(cnt);
	return 0;
}

static int cmp_range(const void *pa, const void *pb)
{
	const struct iommufmt_iova_range *a = pa, *b = pb;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return (a->last > b->last) - (a->last < b->last);
}

/* Sort and merge overlapping or adjacent ranges in place; returns the new count. */
static size_t merge_ranges(struct iommufmt_iova_range *r, size_t n)
{
	size_t o = 0;

	if (!n)
		return 0;
	qsort(r, n, sizeof(*r), cmp_range);
	for (size_t i = 1; i < n; i++) {
		if (r[o].last == U64_MAX || r[i].start <= r[o].last + 1) {
			if (r[i].last > r[o].last)
				r[o].last = r[i].last;
		} else {
			r[++o] = r[i];
		}
	}
	return o + 1;
}

/* ---- the algebra ---- */

/* usable = aper minus the union of resv; out has room for na + nr ranges. */
static size_t subtract(const struct iommufmt_iova_range *aper, size_t na,
		       const struct iommufmt_resv_region *resv, size_t nr,
		       struct iommufmt_iova_range *out)
{
	size_t j = 0, o = 0;

	for (size_t i = 0; i < na; i++) {
		uint64_t cur = aper[i].start, a1 = aper[i].last;
		bool done = false;

		size_t k;

		for (k = j; k < nr && resv[k].start <= a1; k++) {
			if (resv[k].last < cur)
				continue;
			if (resv[k].start > cur) {
				out[o].start = cur;
				out[o].last = resv[k].start - 1;
				o++;
			}
			if (resv[k].last >= a1) {
				done = true;
				break;
			}
			cur = resv[k].last + 1;
		}
		/* Every region before k ends before a1, so before the next
		 * aperture range: later ranges start the scan at k. */
		j = k;
		if (!done) {
			out[o].start = cur;
			out[o].last = a1;
			o++;
		}
	}
	return o;
}

static int recompute(const struct iommufmt_iova_range *aper, size_t na,
		     const struct iommufmt_resv_region *resv, size_t nr,
		     struct iommufmt_iova_range **out, size_t *nout)
{
	struct iommufmt_iova_range *u = iommufmt__malloc_array(na + nr + 1, sizeof(*u));

	if (!u)
		return -ENOMEM;
	*nout = subtract(aper, na, resv, nr, u);
	*out = u;
	return 0;
}

IOMMUFMT_EXPORT struct iommufmt_iova_space *iommufmt_iova_space_new(__u32 flags)
{
	struct iommufmt_iova_space *sp;

	if (flags & ~IOMMUFMT_IOVA_SPACE_RELAX)
		return NULL;
	sp = iommufmt__calloc(1, sizeof(*sp));
	if (!sp)
		return NULL;
	sp->flags = flags;
	sp->aper = iommufmt__malloc(sizeof(*sp->aper));
	sp->usable = iommufmt__malloc(sizeof(*sp->usable));
	if (!sp->aper || !sp->usable) {
		iommufmt_iova_space_free(sp);
		return NULL;
	}
	sp->aper[0].start = 0;
	sp->aper[0].last = U64_MAX;
	sp->nr_aper = 1;
	sp->usable[0] = sp->aper[0];
	sp->nr_usable = 1;
	return sp;
}

IOMMUFMT_EXPORT void iommufmt_iova_space_free(struct iommufmt_iova_space *sp)
{
	if (!sp)
		return;
	iommufmt__free(sp->aper);
	iommufmt__free(sp->resv);
	iommufmt__free(sp->pmax);
	iommufmt__free(sp->usable);
	iommufmt__free(sp);
}

IOMMUFMT_EXPORT int iommufmt_iova_space_add_domain(struct iommufmt_iova_space *sp,
						   const struct iommufmt_iova_range *aperture,
						   __u32 nr, __u64 pgsizes,
						   struct iommufmt_diag *diag)
{
	struct iommufmt_iova_range *d, *na, *u;
	size_t nd, i = 0, j = 0, o = 0, nu;

	if (!sp || (!aperture && nr))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "aperture",
				      "missing space or aperture ranges");
	for (__u32 k = 0; k < nr; k++)
		if (aperture[k].start > aperture[k].last)
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_RANGE_INVERTED,
						 "aperture.start",
						 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
						 IOMMUFMT__DV_INDEX, aperture[k].start,
						 aperture[k].last, k,
						 "aperture range %u starts after its last address", k);
	if (nr > IOVA_MAX_ITEMS)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_TOO_MANY, "nr",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, nr,
					 IOVA_MAX_ITEMS, 0, "%u aperture ranges are too many", nr);
	d = iommufmt__malloc_array((size_t)nr + 1, sizeof(*d));
	na = iommufmt__malloc_array((size_t)nr + sp->nr_aper + 1, sizeof(*na));
	if (!d || !na) {
		iommufmt__free(d);
		iommufmt__free(na);
		return -ENOMEM;
	}
	if (nr)
		memcpy(d, aperture, (size_t)nr * sizeof(*d));
	nd = merge_ranges(d, nr);
	/* Two-pointer intersection of two sorted disjoint lists. */
	while (i < sp->nr_aper && j < nd) {
		uint64_t s = sp->aper[i].start > d[j].start ? sp->aper[i].start : d[j].start;
		uint64_t l = sp->aper[i].last < d[j].last ? sp->aper[i].last : d[j].last;

		if (s <= l) {
			na[o].start = s;
			na[o].last = l;
			o++;
		}
		if (sp->aper[i].last < d[j].last)
			i++;
		else
			j++;
	}
	iommufmt__free(d);
	if (recompute(na, o, sp->resv, sp->nr_resv, &u, &nu)) {
		iommufmt__free(na);
		return -ENOMEM;
	}
	iommufmt__free(sp->aper);
	iommufmt__free(sp->usable);
	sp->aper = na;
	sp->nr_aper = o;
	sp->usable = u;
	sp->nr_usable = nu;
	if (pgsizes) {
		sp->pgsizes = sp->have_pgsizes ? sp->pgsizes & pgsizes : pgsizes;
		sp->have_pgsizes = true;
	}
	iommufmt__diag_ok(diag);
	return 0;
}

/*
 * Whether a region is dropped: with RELAX, direct maps the kernel marks
 * relaxable (IOMMU_RESV_DIRECT_RELAXABLE: USB and graphics RMRRs, which
 * device assignment may ignore) do not constrain the guest.
 */
static inline bool resv_relaxed(bool relax, const struct iommufmt_resv_region *r)
{
	return relax && r->type == IOMMUFMT_RESV_DIRECT_RELAXABLE;
}

/*
 * Check every new region before any is added, so that a bad one leaves the
 * space as it was; *kept counts the regions that will be added.
 */
static int resv_validate(const struct iommufmt_resv_region *regions, __u32 nr, bool relax,
			 size_t *kept, struct iommufmt_diag *diag)
{
	size_t k = 0;

	for (__u32 x = 0; x < nr; x++) {
		const struct iommufmt_resv_region *r = &regions[x];

		if (r->start > r->last)
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_RANGE_INVERTED,
						 "start", IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
						 IOMMUFMT__DV_INDEX, r->start, r->last, x,
						 "region %u starts after its last address", x);
		if (r->type >= IOMMUFMT_RESV_NR_TYPES)
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNSUPPORTED, "type",
						 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
						 IOMMUFMT__DV_INDEX, r->type,
						 IOMMUFMT_RESV_NR_TYPES - 1, x,
						 "region %u has unknown type %u", x, r->type);
		if (r->flags)
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNKNOWN_FLAGS,
						 "flags", IOMMUFMT__DV_VALUE | IOMMUFMT__DV_INDEX,
						 r->flags, 0, x, "region %u has unknown flags 0x%x",
						 x, r->flags);
		if (!resv_relaxed(relax, r))
			k++;
	}
	*kept = k;
	return 0;
}

/*
 * Merge the sorted new regions @b into the space's sorted list, into @m, and
 * fill @pm with the running maximum of the last addresses: regions may nest
 * or overlap, so their lasts are not sorted, but this prefix maximum is, and
 * the first region ending at or after an address is found by binary search.
 */
static void resv_merge(const struct iommufmt_iova_space *sp, const struct iommufmt_resv_region *b,
		       size_t k, struct iommufmt_resv_region *m, uint64_t *pm)
{
	size_t i = 0, j = 0, o = 0, n = sp->nr_resv + k;

	/* Stable merge: on equal starts the regions added earlier come first. */
	while (i < sp->nr_resv || j < k) {
		if (j == k || (i < sp->nr_resv && sp->resv[i].start <= b[j].start))
			m[o++] = sp->resv[i++];
		else
			m[o++] = b[j++];
	}
	for (size_t x = 0; x < n; x++)
		pm[x] = x && pm[x - 1] > m[x].last ? pm[x - 1] : m[x].last;
}

IOMMUFMT_EXPORT int iommufmt_iova_space_add_resv(struct iommufmt_iova_space *sp,
						 const struct iommufmt_resv_region *regions,
						 __u32 nr, struct iommufmt_diag *diag)
{
	struct iommufmt_resv_region *b, *m;
	struct iommufmt_iova_range *u;
	uint64_t *pm;
	size_t k = 0, n, nu;
	bool relax = sp && (sp->flags & IOMMUFMT_IOVA_SPACE_RELAX);
	int err;

	if (!sp || (!regions && nr))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "regions",
				      "missing space or regions");
	err = resv_validate(regions, nr, relax, &k, diag);
	if (err)
		return err;
	/* written as a subtraction: k + nr_resv could wrap, nr_resv <= IOVA_MAX_ITEMS cannot */
	if (k > IOVA_MAX_ITEMS - sp->nr_resv)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_TOO_MANY, "nr",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT,
					 (uint64_t)k + sp->nr_resv, IOVA_MAX_ITEMS, 0,
					 "%zu regions in all are too many", k + sp->nr_resv);
	if (!k) {
		iommufmt__diag_ok(diag);
		return 0;
	}
	n = sp->nr_resv + k;
	b = iommufmt__malloc_array(k, sizeof(*b));
	m = iommufmt__malloc_array(n, sizeof(*m));
	pm = iommufmt__malloc_array(n, sizeof(*pm));
	if (!b || !m || !pm)
		goto nomem;
	for (__u32 x = 0, y = 0; x < nr; x++)
		if (!resv_relaxed(relax, &regions[x]))
			b[y++] = regions[x];
	if (sort_resv(b, k))
		goto nomem;
	resv_merge(sp, b, k, m, pm);
	/* everything that can fail is done before the space is touched: all or nothing */
	if (recompute(sp->aper, sp->nr_aper, m, n, &u, &nu))
		goto nomem;
	iommufmt__free(b);
	iommufmt__free(sp->resv);
	iommufmt__free(sp->pmax);
	iommufmt__free(sp->usable);
	sp->resv = m;
	sp->pmax = pm;
	sp->nr_resv = n;
	sp->usable = u;
	sp->nr_usable = nu;
	iommufmt__diag_ok(diag);
	return 0;
nomem:
	iommufmt__free(b);
	iommufmt__free(m);
	iommufmt__free(pm);
	return iommufmt__diag_err(diag, -ENOMEM, IOMMUFMT_DIAG_IOVA_TOO_MANY, "regions",
				  "out of memory for %zu regions", n);
}

/* Fill up to *nr entries, report the total, -EMSGSIZE when it did not fit. */
static int list_out(void *out, __u32 *nr, const void *src, size_t total, size_t esz,
		    const char *what, struct iommufmt_diag *diag)
{
	__u32 cap = *nr;
	size_t n = total < cap ? total : cap;

	if (n && !out)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, what,
				      "no output array for a capacity of %u", cap);
	if (n)
		memcpy(out, src, n * esz);
	*nr = (__u32)total;
	if (total > cap)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_OUTPUT_SMALL, what,
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, cap, total, 0,
					 "room for %u entries, %zu needed", cap, total);
	iommufmt__diag_ok(diag);
	return 0;
}

IOMMUFMT_EXPORT int iommufmt_iova_space_usable(const struct iommufmt_iova_space *sp,
					       struct iommufmt_iova_range *out, __u32 *nr,
					       struct iommufmt_diag *diag)
{
	if (!sp || !nr)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "nr",
				      "missing space or count");
	return list_out(out, nr, sp->usable, sp->nr_usable, sizeof(*out), "nr", diag);
}

IOMMUFMT_EXPORT int iommufmt_iova_space_resv(const struct iommufmt_iova_space *sp,
					     struct iommufmt_resv_region *out, __u32 *nr,
					     struct iommufmt_diag *diag)
{
	if (!sp || !nr)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "nr",
				      "missing space or count");
	return list_out(out, nr, sp->resv, sp->nr_resv, sizeof(*out), "nr", diag);
}

IOMMUFMT_EXPORT __u64 iommufmt_iova_space_pgsizes(const struct iommufmt_iova_space *sp)
{
	return sp ? sp->pgsizes : 0;
}

/* ---- lookups (binary searches, no allocation) ---- */

/* Index of the last range with start <= x, or SIZE_MAX. */
static size_t range_floor(const struct iommufmt_iova_range *r, size_t n, uint64_t x)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r[mid].start <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? lo - 1 : SIZE_MAX;
}

/* First region (in start order) whose last is >= x: the first pmax >= x. */
static size_t resv_first_reaching(const struct iommufmt_iova_space *sp, uint64_t x)
{
	size_t lo = 0, hi = sp->nr_resv;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sp->pmax[mid] >= x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* The region with the lowest start that contains x, or SIZE_MAX. */
static size_t resv_containing(const struct iommufmt_iova_space *sp, uint64_t x)
{
	size_t i = resv_first_reaching(sp, x);

	return i < sp->nr_resv && sp->resv[i].start <= x ? i : SIZE_MAX;
}

/* The gap of the aperture that holds x (x must lie outside the aperture). */
static void aperture_gap(const struct iommufmt_iova_space *sp, uint64_t x, __u64 *gs,
			 __u64 *gl)
{
	size_t i = range_floor(sp->aper, sp->nr_aper, x);

	size_t next = i == SIZE_MAX ? 0 : i + 1;

	*gs = i == SIZE_MAX ? 0 : sp->aper[i].last + 1;
	*gl = next < sp->nr_aper ? sp->aper[next].start - 1 : U64_MAX;
}

/* First address of [s, l] that is not usable; false when all are. */
static bool first_unusable(const struct iommufmt_iova_space *sp, uint64_t s, uint64_t l,
			   uint64_t *x)
{
	size_t i = range_floor(sp->usable, sp->nr_usable, s);

	if (i == SIZE_MAX || sp->usable[i].last < s) {
		*x = s;
		return true;
	}
	if (sp->usable[i].last >= l)
		return false;
	*x = sp->usable[i].last + 1;
	return true;
}

/* Describe the conflict at the unusable address x. */
static void classify(const struct iommufmt_iova_space *sp, uint64_t x, __u32 *verdict,
		     __u32 *type, __u64 *cs, __u64 *cl)
{
	size_t r = resv_containing(sp, x);

	if (r != SIZE_MAX) {
		*verdict = IOMMUFMT_IOVA_VERDICT_RESERVED;
		*type = sp->resv[r].type;
		*cs = sp->resv[r].start;
		*cl = sp->resv[r].last;
	} else {
		*verdict = IOMMUFMT_IOVA_VERDICT_APERTURE;
		*type = 0;
		aperture_gap(sp, x, cs, cl);
	}
}

IOMMUFMT_EXPORT int iommufmt_iova_check_map(const struct iommufmt_iova_space *sp,
					    struct iommufmt_iova_map_check *req,
					    struct iommufmt_diag *diag)
{
	struct iommufmt_iova_map_check r;
	uint64_t last, x;
	int rc;

	if (!sp || !req)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "req",
				      "missing space or request");
	rc = iommufmt__copy_in_flags(&r, sizeof(r), IOMMUFMT_IOVA_MAP_CHECK_SIZE_VER0, req,
				     req->argsz, 0, "", diag);
	if (rc)
		return rc;
	if (!r.length)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_ZERO_LENGTH, "length",
					 IOMMUFMT__DV_VALUE, r.iova, 0, 0,
					 "zero-length map at 0x%llx", (unsigned long long)r.iova);
	if (r.length - 1 > U64_MAX - r.iova)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_WRAP, "length",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, r.length,
					 U64_MAX - r.iova + 1, 0,
					 "map of 0x%llx bytes at 0x%llx wraps past 2^64-1",
					 (unsigned long long)r.length, (unsigned long long)r.iova);
	last = r.iova + (r.length - 1);
	if (!first_unusable(sp, r.iova, last, &x)) {
		size_t i = range_floor(sp->usable, sp->nr_usable, r.iova);

		r.out_verdict = IOMMUFMT_IOVA_VERDICT_OK;
		r.out_type = 0;
		r.out_start = sp->usable[i].start;
		r.out_last = sp->usable[i].last;
		iommufmt_struct_copy_out(req, req->argsz, &r, sizeof(r));
		iommufmt__diag_ok(diag);
		return 0;
	}
	classify(sp, x, &r.out_verdict, &r.out_type, &r.out_start, &r.out_last);
	iommufmt_struct_copy_out(req, req->argsz, &r, sizeof(r));
	if (r.out_verdict == IOMMUFMT_IOVA_VERDICT_RESERVED)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_MAP_RESERVED, "iova",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, r.out_start,
					 r.out_last, 0,
					 "map [0x%llx, 0x%llx] overlaps %s region [0x%llx, 0x%llx]",
					 (unsigned long long)r.iova, (unsigned long long)last,
					 tname(r.out_type), (unsigned long long)r.out_start,
					 (unsigned long long)r.out_last);
	return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_MAP_APERTURE, "iova",
				 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, r.out_start, r.out_last, 0,
				 "map [0x%llx, 0x%llx] reaches the aperture gap [0x%llx, 0x%llx]",
				 (unsigned long long)r.iova, (unsigned long long)last,
				 (unsigned long long)r.out_start, (unsigned long long)r.out_last);
}

/* ---- attach check ---- */

struct conflict_sink {
	struct iommufmt_iova_conflict *out;
	size_t cap, total;
	struct iommufmt_iova_conflict first;
};

static void sink_put(struct conflict_sink *s, uint64_t start, uint64_t last, uint64_t rs,
		     uint64_t rl, uint32_t verdict, uint32_t type, uint32_t mapping)
{
	struct iommufmt_iova_conflict c = {
		.start = start, .last = last, .region_start = rs, .region_last = rl,
		.verdict = verdict, .type = type, .mapping = mapping,
	};

	if (!s->total)
		s->first = c;
	if (s->total < s->cap)
		s->out[s->total] = c;
	s->total++;
}

IOMMUFMT_EXPORT int iommufmt_iova_check_attach(const struct iommufmt_iova_space *group,
					       const struct iommufmt_iova_range *mappings,
					       __u32 nr_mappings,
					       struct iommufmt_iova_conflict *out, __u32 *nr,
					       struct iommufmt_diag *diag)
{
	struct conflict_sink s = { .out = out };

	if (!group || !nr || (!mappings && nr_mappings) || (!out && *nr))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "mappings",
				      "missing group, mappings or output");
	for (__u32 m = 0; m < nr_mappings; m++)
		if (mappings[m].start > mappings[m].last)
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_RANGE_INVERTED,
						 "mappings", IOMMUFMT__DV_VALUE |
						 IOMMUFMT__DV_LIMIT | IOMMUFMT__DV_INDEX,
						 mappings[m].start, mappings[m].last, m,
						 "mapping %u starts after its last address", m);
	s.cap = *nr;
	for (__u32 m = 0; m < nr_mappings; m++) {
		uint64_t a = mappings[m].start, b = mappings[m].last;
		size_t i, ap;

		/* Reserved regions overlapping [a, b]: start <= b and last >= a. */
		for (i = resv_first_reaching(group, a);
		     i < group->nr_resv && group->resv[i].start <= b; i++) {
			const struct iommufmt_resv_region *r = &group->resv[i];

			if (r->last < a)
				continue;
			sink_put(&s, r->start > a ? r->start : a, r->last < b ? r->last : b,
				 r->start, r->last, IOMMUFMT_IOVA_VERDICT_RESERVED, r->type, m);
		}
		/* Parts of [a, b] outside the aperture, gap by gap. */
		ap = range_floor(group->aper, group->nr_aper, a);
		for (uint64_t x = a;;) {
			__u64 gs, gl;

			if (ap != SIZE_MAX && group->aper[ap].last >= x) {
				/* x is inside aperture range ap: jump past it. */
				if (group->aper[ap].last >= b)
					break;
				x = group->aper[ap].last + 1;
			}
			aperture_gap(group, x, &gs, &gl);
			sink_put(&s, x, gl < b ? gl : b, gs, gl, IOMMUFMT_IOVA_VERDICT_APERTURE, 0, m);
			if (gl >= b)
				break;
			x = gl + 1;
			ap = ap == SIZE_MAX ? 0 : ap + 1;
		}
	}
	*nr = (__u32)s.total;
	if (s.total > s.cap)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_OUTPUT_SMALL, "nr",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, s.cap, s.total, 0,
					 "%zu conflicts, room for %zu", s.total, s.cap);
	if (s.total)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_ATTACH_CONFLICT,
					 "mappings", IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
					 IOMMUFMT__DV_INDEX, s.first.start, s.first.last,
					 s.first.mapping,
					 "%zu conflicts; first: mapping %u at 0x%llx hits %s [0x%llx, 0x%llx]",
					 s.total, s.first.mapping,
					 (unsigned long long)s.first.start,
					 s.first.verdict == IOMMUFMT_IOVA_VERDICT_RESERVED ?
					 tname(s.first.type) : "aperture gap",
					 (unsigned long long)s.first.region_start,
					 (unsigned long long)s.first.region_last);
	iommufmt__diag_ok(diag);
	return 0;
}

/* ---- huge-page plan ---- */

/* The plan without argument checks; returns the number of runs (<= 127). */
static size_t plan_core(uint64_t iova, uint64_t pa, uint64_t len, uint64_t pgsizes,
			struct iommufmt_iova_chunk *out, size_t cap, uint64_t *pages)
{
	/* Sizes usable anywhere in this request: both addresses congruent modulo them. */
	uint64_t cong = pgsizes & sizes_dividing(iova ^ pa);
	uint64_t x = iova, y = pa, r = len, np = 0;
	size_t n = 0;
	struct iommufmt_iova_chunk last = { 0 };

	while (r) {
		uint64_t fit = cong & sizes_le(r);
		uint64_t p = highbit(fit & sizes_dividing(x));
		uint64_t bigger = p == BIT64(63) ? 0 : fit & ~((p << 1) - 1);
		uint64_t cnt = r / p;

		if (bigger) {
			uint64_t q = lowbit(bigger);
			uint64_t boundary = (x + (q - 1)) & ~(q - 1);

			if ((boundary - x) / p < cnt)
				cnt = (boundary - x) / p;
		}
		if (n && last.pgsize == p) {
			last.count += cnt;
		} else {
			if (n && n - 1 < cap)
				out[n - 1] = last;
			last.iova = x;
			last.pa = y;
			last.pgsize = p;
			last.count = cnt;
			n++;
		}
		np += cnt;
		x += cnt * p;
		y += cnt * p;
		r -= cnt * p;
	}
	if (n && n - 1 < cap)
		out[n - 1] = last;
	if (pages)
		*pages = np;
	return n;
}

static int plan_check(uint64_t iova, uint64_t pa, uint64_t len, uint64_t pgsizes,
		      struct iommufmt_diag *diag)
{
	uint64_t minp = lowbit(pgsizes);

	if (!pgsizes)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_IOVA_PGSIZE, "pgsizes",
				      "empty page-size bitmap");
	if (!len)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_ZERO_LENGTH, "len",
					 IOMMUFMT__DV_VALUE, iova, 0, 0, "zero-length request");
	if ((iova | pa | len) & (minp - 1))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_PGSIZE,
					 iova & (minp - 1) ? "iova" : pa & (minp - 1) ? "pa" : "len",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT,
					 iova & (minp - 1) ? iova : pa & (minp - 1) ? pa : len, minp, 0,
					 "not a multiple of the smallest page size 0x%llx",
					 (unsigned long long)minp);
	if (len - 1 > U64_MAX - iova || len - 1 > U64_MAX - pa)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_WRAP,
					 len - 1 > U64_MAX - iova ? "iova" : "pa",
					 IOMMUFMT__DV_VALUE, len, 0, 0,
					 "0x%llx bytes wrap past 2^64-1", (unsigned long long)len);
	return 0;
}

IOMMUFMT_EXPORT int iommufmt_iova_map_plan(__u64 iova, __u64 pa, __u64 len, __u64 pgsizes,
					   struct iommufmt_iova_chunk *out, __u32 *nr,
					   __u64 *pages, struct iommufmt_diag *diag)
{
	struct iommufmt_iova_chunk tmp[IOMMUFMT_IOVA_PLAN_MAX_CHUNKS];
	uint64_t np;
	size_t n;
	int rc;

	if (!nr || (!out && *nr))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "nr",
				      "missing count or output");
	rc = plan_check(iova, pa, len, pgsizes, diag);
	if (rc)
		return rc;
	n = plan_core(iova, pa, len, pgsizes, tmp, ARRAY_SIZE(tmp), &np);
	if (pages)
		*pages = np;
	return list_out(out, nr, tmp, n, sizeof(*tmp), "nr", diag);
}

/* ---- cost of the holes ---- */

static bool block_breaks(const struct iommufmt_iova_space *sp,
			 const struct iommufmt_resv_region *r, uint64_t bs, uint64_t bl)
{
	size_t a, u;

	if (r->start <= bs && r->last >= bl)
		return false;	/* swallowed whole: nothing usable is lost */
	a = range_floor(sp->aper, sp->nr_aper, bs);
	if (a == SIZE_MAX || sp->aper[a].last < bl)
		return false;	/* the aperture forbids this page anyway */
	/* Does the block hold a usable address? The first usable range ending
	 * at or after bs must start at or before bl. */
	u = range_floor(sp->usable, sp->nr_usable, bs);
	if (u == SIZE_MAX || sp->usable[u].last < bs)
		u = u == SIZE_MAX ? 0 : u + 1;
	return u < sp->nr_usable && sp->usable[u].start <= bl;
}

IOMMUFMT_EXPORT int iommufmt_iova_hole_cost(const struct iommufmt_iova_space *sp,
					    __u64 pgsizes, struct iommufmt_iova_hole_cost *out,
					    __u32 *nr, struct iommufmt_diag *diag)
{
	size_t total = 0, cap;
	uint64_t larger;

	if (!sp || !nr || (!out && *nr))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "nr",
				      "missing space, count or output");
	if (!pgsizes)
		pgsizes = sp->pgsizes;
	if (!pgsizes)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_IOVA_PGSIZE, "pgsizes",
				      "no page sizes given or known");
	cap = *nr;
	larger = pgsizes & ~lowbit(pgsizes);
	for (size_t i = 0; i < sp->nr_resv; i++) {
		const struct iommufmt_resv_region *r = &sp->resv[i];

		for (uint64_t bits = larger; bits; bits &= bits - 1) {
			uint64_t p = lowbit(bits);
			uint64_t b0 = r->start & ~(p - 1), b1 = r->last & ~(p - 1);
			uint32_t blocks = block_breaks(sp, r, b0, b0 + (p - 1));

			if (b1 != b0)
				blocks += block_breaks(sp, r, b1, b1 + (p - 1));
			if (!blocks)
				continue;
			if (total < cap) {
				out[total].start = r->start;
				out[total].last = r->last;
				out[total].pgsize = p;
				out[total].type = r->type;
				out[total].blocks = blocks;
			}
			total++;
		}
	}
	*nr = (__u32)total;
	if (total > cap)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_OUTPUT_SMALL, "nr",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, cap, total, 0,
					 "room for %zu rows, %zu needed", cap, total);
	iommufmt__diag_ok(diag);
	return 0;
}

/* ---- guest RAM layout ---- */

struct seg_vec {
	struct iommufmt_iova_ram_segment *v;
	size_t n, alloc;
};

static int seg_push(struct seg_vec *s, uint32_t block, uint64_t off, uint64_t gpa, uint64_t size)
{
	if (s->n == s->alloc) {
		size_t na = s->alloc ? s->alloc * 2 : 16;
		struct iommufmt_iova_ram_segment *nv = iommufmt__realloc_array(s->v, na, sizeof(*nv));

		if (!nv)
			return -ENOMEM;
		s->v = nv;
		s->alloc = na;
	}
	s->v[s->n++] = (struct iommufmt_iova_ram_segment){
		.gpa = gpa, .size = size, .offset = off, .block = block,
	};
	return 0;
}

struct rng_vec {
	struct iommufmt_iova_range *v;
	size_t n, alloc;
};

static int rng_push(struct rng_vec *s, uint64_t start, uint64_t last)
{
	if (s->n == s->alloc) {
		size_t na = s->alloc ? s->alloc * 2 : 16;
		struct iommufmt_iova_range *nv = iommufmt__realloc_array(s->v, na, sizeof(*nv));

		if (!nv)
			return -ENOMEM;
		s->v = nv;
		s->alloc = na;
	}
	s->v[s->n].start = start;
	s->v[s->n].last = last;
	s->n++;
	return 0;
}

/*
 * One size class q: place floor(rem / q) * q bytes of each block (all of rem
 * at the smallest class) in q-aligned pieces, blocks in order, free space in
 * address order. Offsets stay multiples of q, so every piece keeps its
 * offset modulo q. Returns the new free list in *nf.
 */
static int place_class(const struct rng_vec *fr, struct rng_vec *nf, uint64_t q, bool all,
		       uint64_t *rem, uint64_t *off, uint32_t nr_ram, struct seg_vec *segs)
{
	uint32_t bi = 0;
	uint64_t need = 0;

#define NEED(b) (all ? rem[b] : rem[b] / q * q)
	while (bi < nr_ram && !(need = NEED(bi)))
		bi++;
	for (size_t f = 0; f < fr->n; f++) {
		uint64_t fs = fr->v[f].start, fl = fr->v[f].last, w, wl, pos, endp = 0;
		bool placed = false;

		if (bi == nr_ram || fs > U64_MAX - (q - 1)) {
			if (rng_push(nf, fs, fl))
				return -ENOMEM;
			continue;
		}
		w = (fs + (q - 1)) & ~(q - 1);
		if (w > fl || fl - w < q - 1) {	/* no whole q-block */
			if (rng_push(nf, fs, fl))
				return -ENOMEM;
			continue;
		}
		if (w > fs && rng_push(nf, fs, w - 1))
			return -ENOMEM;
		/*
		 * The last byte of the last whole q-block. Not by counting the
		 * blocks: with q = 1 a free range can hold 2^64 of them.
		 */
		wl = ((fl - (q - 1)) & ~(q - 1)) + (q - 1);
		pos = w;
		while (bi < nr_ram) {
			uint64_t room_m1 = wl - pos;
			uint64_t take = need - 1 <= room_m1 ? need : room_m1 + 1;

			if (seg_push(segs, bi, off[bi], pos, take))
				return -ENOMEM;
			off[bi] += take;
			rem[bi] -= take;
			need -= take;
			endp = pos + (take - 1);
			placed = true;
			if (!need) {
				bi++;
				while (bi < nr_ram && !(need = NEED(bi)))
					bi++;
			}
			if (endp == wl)
				break;
			pos = endp + 1;
		}
		if (!placed)
			endp = w - 1;
		if (endp < fl && rng_push(nf, endp + 1, fl))
			return -ENOMEM;
	}
#undef NEED
	return 0;
}

/*
 * The arguments, before anything is allocated: flags, page sizes (the
 * space's when none are given), a base and block sizes in whole smallest
 * pages.  Returns 0 with *minp the smallest page size.
 */
static int layout_check_args(const struct iommufmt_iova_space *sp, __u64 base,
			     const __u64 *ram_sizes, __u32 nr_ram, __u64 *pgsizes, __u32 flags,
			     uint64_t *minp, struct iommufmt_diag *diag)
{
	if (flags & ~IOMMUFMT_IOVA_LAYOUT_PACK)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNKNOWN_FLAGS, "flags",
					 IOMMUFMT__DV_VALUE, flags, 0, 0,
					 "unknown layout flags 0x%x", flags);
	if (!*pgsizes)
		*pgsizes = sp->pgsizes;
	if (!*pgsizes)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_IOVA_PGSIZE, "pgsizes",
				      "no page sizes given or known");
	*minp = lowbit(*pgsizes);
	if (base & (*minp - 1))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_PGSIZE, "base",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, base, *minp, 0,
					 "base is not a multiple of the smallest page size");
	for (__u32 b = 0; b < nr_ram; b++) {
		if (!ram_sizes[b])
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_ZERO_LENGTH,
						 "ram_sizes", IOMMUFMT__DV_INDEX, 0, 0, b,
						 "RAM block %u has size 0", b);
		if (ram_sizes[b] & (*minp - 1))
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_PGSIZE,
						 "ram_sizes", IOMMUFMT__DV_VALUE |
						 IOMMUFMT__DV_LIMIT | IOMMUFMT__DV_INDEX,
						 ram_sizes[b], *minp, b,
						 "RAM block %u is not a multiple of the smallest page", b);
	}
	return 0;
}

/* Free space: the usable ranges above base, trimmed to whole smallest pages. */
static int layout_free_space(const struct iommufmt_iova_space *sp, uint64_t base, uint64_t minp,
			     struct rng_vec *fr)
{
	for (size_t i = 0; i < sp->nr_usable; i++) {
		uint64_t s = sp->usable[i].start, l = sp->usable[i].last;

		if (l < base)
			continue;
		if (s < base)
			s = base;
		/* rounding s up would wrap past 2^64: no whole page starts in this range */
		if (s > U64_MAX - (minp - 1))
			continue;
		s = (s + (minp - 1)) & ~(minp - 1);
		/* l is inclusive: round down to the byte before a page boundary, unless it is one */
		if ((l & (minp - 1)) != minp - 1) {
			if (l < minp)
				continue;
			l = (l & ~(minp - 1)) - 1;
		}
		if (s <= l && rng_push(fr, s, l))
			return -ENOMEM;
	}
	return 0;
}

/*
 * Place the blocks, one page-size class at a time from the largest down, so
 * that the large pages get the aligned space first; what a class leaves over
 * (@nf) is the free space of the next.  With PACK there is a single class,
 * the smallest page, and the blocks go in back to back.
 */
static int layout_place(struct rng_vec *fr, struct rng_vec *nf, uint64_t classes, uint64_t minp,
			uint64_t *rem, uint64_t *off, __u32 nr_ram, struct seg_vec *segs)
{
	for (uint64_t bits = classes; bits; bits &= ~highbit(bits)) {
		uint64_t q = highbit(bits);
		struct rng_vec t;

		nf->n = 0;
		if (place_class(fr, nf, q, q == minp, rem, off, nr_ram, segs))
			return -ENOMEM;
		t = *fr;
		*fr = *nf;
		*nf = t;
	}
	return 0;
}

/*
 * Sort the segments by block with a counting sort (stable: pieces of a
 * block were placed in offset order, and stay so).  @first has nr_ram + 1
 * zeroed slots.
 */
static int layout_sort_by_block(const struct seg_vec *segs, __u32 nr_ram, size_t *first,
				struct seg_vec *sorted)
{
	sorted->v = iommufmt__malloc_array(segs->n + 1, sizeof(*sorted->v));
	if (!sorted->v)
		return -ENOMEM;
	for (size_t i = 0; i < segs->n; i++)
		first[segs->v[i].block + 1]++;
	for (__u32 b = 0; b < nr_ram; b++)
		first[b + 1] += first[b];
	for (size_t i = 0; i < segs->n; i++)
		sorted->v[first[segs->v[i].block]++] = segs->v[i];
	return 0;
}

IOMMUFMT_EXPORT int iommufmt_iova_layout(const struct iommufmt_iova_space *sp, __u64 base,
					 const __u64 *ram_sizes, __u32 nr_ram, __u64 pgsizes,
					 __u32 flags, struct iommufmt_iova_ram_segment *out,
					 __u32 *nr, struct iommufmt_diag *diag)
{
	struct rng_vec fr = { 0 }, nf = { 0 };
	struct seg_vec segs = { 0 }, sorted = { 0 };
	uint64_t *rem = NULL, *off = NULL, minp = 0;	/* = 0: gcc cannot see the helper set it */
	size_t *first = NULL;
	int rc;

	if (!sp || !nr || (!ram_sizes && nr_ram) || (!out && *nr))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "ram_sizes",
				      "missing space, sizes, count or output");
	rc = layout_check_args(sp, base, ram_sizes, nr_ram, &pgsizes, flags, &minp, diag);
	if (rc)
		return rc;
	rc = -ENOMEM;
	/* + 1: nr_ram may be 0, and the counting sort needs one slot past the last block */
	rem = iommufmt__calloc((size_t)nr_ram + 1, sizeof(*rem));
	off = iommufmt__calloc((size_t)nr_ram + 1, sizeof(*off));
	first = iommufmt__calloc((size_t)nr_ram + 1, sizeof(*first));
	if (!rem || !off || !first)
		goto out;
	if (nr_ram)
		memcpy(rem, ram_sizes, (size_t)nr_ram * sizeof(*rem));
	if (layout_free_space(sp, base, minp, &fr) ||
	    layout_place(&fr, &nf, (flags & IOMMUFMT_IOVA_LAYOUT_PACK) ? minp : pgsizes, minp,
			 rem, off, nr_ram, &segs))
		goto out;
	for (__u32 b = 0; b < nr_ram; b++)
		if (rem[b]) {
			rc = iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_NO_ROOM, "ram_sizes",
					       IOMMUFMT__DV_VALUE | IOMMUFMT__DV_INDEX, rem[b], 0, b,
					       "0x%llx bytes of RAM block %u do not fit above 0x%llx",
					       (unsigned long long)rem[b], b,
					       (unsigned long long)base);
			goto out;
		}
	if (layout_sort_by_block(&segs, nr_ram, first, &sorted))
		goto out;
	rc = list_out(out, nr, sorted.v, segs.n, sizeof(*sorted.v), "nr", diag);
out:
	if (rc == -ENOMEM)
		iommufmt__diag_err(diag, -ENOMEM, IOMMUFMT_DIAG_IOVA_TOO_MANY, "ram_sizes",
				   "out of memory");
	iommufmt__free(fr.v);
	iommufmt__free(nf.v);
	iommufmt__free(segs.v);
	iommufmt__free(sorted.v);
	iommufmt__free(rem);
	iommufmt__free(off);
	iommufmt__free(first);
	return rc;
}

IOMMUFMT_EXPORT int iommufmt_iova_layout_stats(const struct iommufmt_iova_ram_segment *seg,
					       __u32 nr, __u64 pgsizes,
					       struct iommufmt_iova_layout_stats *stats,
					       struct iommufmt_diag *diag)
{
	struct iommufmt_iova_layout_stats st = { 0 };
	struct iommufmt_iova_chunk ch[IOMMUFMT_IOVA_PLAN_MAX_CHUNKS];

	if (!stats || (!seg && nr))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "seg",
				      "missing segments or stats");
	if (!pgsizes)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_IOVA_PGSIZE, "pgsizes",
				      "empty page-size bitmap");
	st.largest_pgsize = highbit(pgsizes);
	for (__u32 i = 0; i < nr; i++) {
		uint64_t np;
		size_t n;
		int rc = plan_check(seg[i].gpa, seg[i].offset, seg[i].size, pgsizes, diag);

		if (rc) {
			iommufmt__diag_set_index(diag, i);
			return rc;
		}
		if (seg[i].size > U64_MAX - st.ram_bytes)
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_OVERFLOW, "size",
						 IOMMUFMT__DV_INDEX, 0, 0, i,
						 "the segments add up to 2^64 bytes or more");
		n = plan_core(seg[i].gpa, seg[i].offset, seg[i].size, pgsizes, ch, ARRAY_SIZE(ch),
			      &np);
		st.ram_bytes += seg[i].size;
		st.pages += np;
		st.runs += n;
		for (size_t k = 0; k < n; k++)
			if (ch[k].pgsize == st.largest_pgsize)
				st.largest_pages += ch[k].count;
	}
	st.largest_bytes = st.largest_pages * st.largest_pgsize;
	*stats = st;
	iommufmt__diag_ok(diag);
	return 0;
}

/* ---- output forms ---- */

IOMMUFMT_EXPORT int iommufmt_iova_space_get_ranges(const struct iommufmt_iova_space *sp,
						   struct iommufmt_iova_ranges *arg,
						   struct iommufmt_diag *diag)
{
	struct iommufmt_iova_ranges r;
	size_t n;
	__u32 cap;
	int rc;

	if (!sp || !arg)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "arg",
				      "missing space or request");
	rc = iommufmt__copy_in_flags(&r, sizeof(r), IOMMUFMT_IOVA_RANGES_SIZE_VER0, arg,
				     arg->argsz, 0, "", diag);
	if (rc)
		return rc;
	if (r.__reserved)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_RESERVED_NONZERO,
					 "__reserved", IOMMUFMT__DV_VALUE, r.__reserved, 0, 0,
					 "reserved field is not zero");
	if (r.num_iovas && (!r.allowed_iovas ||
			    (uint64_t)(uintptr_t)r.allowed_iovas != r.allowed_iovas))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_NULL_ARG, "allowed_iovas",
					 IOMMUFMT__DV_VALUE, r.allowed_iovas, 0, 0,
					 "no usable array for %u ranges", r.num_iovas);
	cap = r.num_iovas;
	n = sp->nr_usable < cap ? sp->nr_usable : cap;
	if (n)
		memcpy((void *)(uintptr_t)r.allowed_iovas, sp->usable, n * sizeof(*sp->usable));
	r.num_iovas = (__u32)sp->nr_usable;
	r.out_iova_alignment = sp->pgsizes ? lowbit(sp->pgsizes) : 1;
	iommufmt_struct_copy_out(arg, arg->argsz, &r, sizeof(r));
	if (sp->nr_usable > cap)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_OUTPUT_SMALL, "num_iovas",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, cap,
					 sp->nr_usable, 0, "room for %u ranges, %zu needed",
					 cap, sp->nr_usable);
	iommufmt__diag_ok(diag);
	return 0;
}

IOMMUFMT_EXPORT int iommufmt_iova_space_add_caps(const struct iommufmt_iova_space *sp,
						 struct iommufmt_caps *caps, __u32 flags,
						 struct iommufmt_diag *diag)
{
	/* One capability entry stays below 1 MiB (iommufmt_caps_add()). */
	const size_t max_ranges = ((1u << 20) - sizeof(struct iommufmt_cap_iova_ranges)) /
				  sizeof(struct iommufmt_iova_range);
	const size_t max_resv = ((1u << 20) - sizeof(struct iommufmt_cap_resv_regions)) /
				sizeof(struct iommufmt_resv_region);
	unsigned int count = iommufmt_caps_count(caps);
	int rc;

	if (!sp || !caps)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "caps",
				      "missing space or builder");
	if (flags & ~(IOMMUFMT_IOVA_CAPS_RANGES | IOMMUFMT_IOVA_CAPS_RESV))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNKNOWN_FLAGS, "flags",
					 IOMMUFMT__DV_VALUE, flags, 0, 0,
					 "unknown capability flags 0x%x", flags);
	if (!flags)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BAD_VALUE, "flags",
				      "no capability asked for");
	/* Check both before appending either, so a too-large space adds nothing. */
	if (((flags & IOMMUFMT_IOVA_CAPS_RANGES) && sp->nr_usable > max_ranges) ||
	    ((flags & IOMMUFMT_IOVA_CAPS_RESV) && sp->nr_resv > max_resv))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_TOO_MANY, "caps",
					 IOMMUFMT__DV_VALUE, sp->nr_usable > max_ranges ?
					 sp->nr_usable : sp->nr_resv, 0, 0,
					 "too many entries for one capability");
	if (flags & IOMMUFMT_IOVA_CAPS_RANGES) {
		rc = iommufmt_caps_add_iova_ranges(caps, sp->usable, (__u32)sp->nr_usable, diag);
		if (rc)
			return rc;
	}
	if (flags & IOMMUFMT_IOVA_CAPS_RESV) {
		rc = iommufmt_caps_add_resv_regions(caps, sp->resv, (__u32)sp->nr_resv, diag);
		if (rc) {
			iommufmt__caps_truncate(caps, count);	/* nothing appended on error */
			return rc;
		}
	}
	iommufmt__diag_ok(diag);
	return 0;
}
