/* SPDX-License-Identifier: MIT */
/* Fuzz support for the IOVA targets: naive interval lists and snapshots of an IOVA space. */
#include <errno.h>

#include "fuzz/iova_ref.h"

void rl_free(struct rl *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

void rl_clear(struct rl *l)
{
	l->n = 0;
}

void rl_push(struct rl *l, uint64_t start, uint64_t last)
{
	FUZZ_CHECK(start <= last);
	if (l->n == l->cap) {
		size_t nc = l->cap ? 2 * l->cap : 16;
		struct iommufmt_iova_range *nv = realloc(l->v, nc * sizeof(*nv));

		FUZZ_CHECK(nv != NULL);
		l->v = nv;
		l->cap = nc;
	}
	l->v[l->n].start = start;
	l->v[l->n].last = last;
	l->n++;
}

void rl_copy(struct rl *dst, const struct rl *src)
{
	rl_clear(dst);
	for (size_t i = 0; i < src->n; i++)
		rl_push(dst, src->v[i].start, src->v[i].last);
}

void rl_normalize(struct rl *l)
{
	size_t o = 0;

	/* insertion sort by start, then by last */
	for (size_t i = 1; i < l->n; i++) {
		struct iommufmt_iova_range x = l->v[i];
		size_t j = i;

		while (j && (l->v[j - 1].start > x.start ||
			     (l->v[j - 1].start == x.start && l->v[j - 1].last > x.last))) {
			l->v[j] = l->v[j - 1];
			j--;
		}
		l->v[j] = x;
	}
	for (size_t i = 0; i < l->n; i++) {
		/* merge when the next starts at or before our last + 1 */
		if (o && (l->v[o - 1].last == UINT64_MAX || l->v[i].start <= l->v[o - 1].last + 1)) {
			if (l->v[i].last > l->v[o - 1].last)
				l->v[o - 1].last = l->v[i].last;
			continue;
		}
		l->v[o++] = l->v[i];
	}
	l->n = o;
}

void rl_intersect(struct rl *out, const struct rl *a, const struct rl *b)
{
	rl_clear(out);
	for (size_t i = 0; i < a->n; i++)
		for (size_t j = 0; j < b->n; j++) {
			uint64_t s = a->v[i].start > b->v[j].start ? a->v[i].start : b->v[j].start;
			uint64_t e = a->v[i].last < b->v[j].last ? a->v[i].last : b->v[j].last;

			if (s <= e)
				rl_push(out, s, e);
		}
	rl_normalize(out);
}

void rl_subtract_one(struct rl *a, uint64_t start, uint64_t last)
{
	struct rl out = { 0 };

	for (size_t i = 0; i < a->n; i++) {
		uint64_t s = a->v[i].start, e = a->v[i].last;

		if (e < start || s > last) {
			rl_push(&out, s, e);
			continue;
		}
		if (s < start)
			rl_push(&out, s, start - 1);
		if (e > last)
			rl_push(&out, last + 1, e);
	}
	rl_free(a);
	*a = out;
	rl_normalize(a);
}

bool rl_contains(const struct rl *l, uint64_t start, uint64_t last)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].start <= start && last <= l->v[i].last)
			return true;
	return false;
}

bool rl_overlaps(const struct rl *l, uint64_t start, uint64_t last)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].start <= last && start <= l->v[i].last)
			return true;
	return false;
}

bool rl_equal(const struct rl *l, const struct iommufmt_iova_range *r, size_t n)
{
	if (l->n != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (l->v[i].start != r[i].start || l->v[i].last != r[i].last)
			return false;
	return true;
}

bool ranges_canonical(const struct iommufmt_iova_range *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (r[i].start > r[i].last)
			return false;
		/* the next one starts at least two past our last: not adjacent */
		if (i && (r[i - 1].last == UINT64_MAX || r[i].start <= r[i - 1].last + 1))
			return false;
	}
	return true;
}

bool errno_in(int r, const int *allowed)
{
	for (; *allowed; allowed++)
		if (r == *allowed)
			return true;
	return false;
}

void iova_snap_take(const struct iommufmt_iova_space *sp, struct iova_snap *s)
{
	struct iommufmt_iova_ranges req;
	struct iommufmt_diag d;
	__u32 n = 0;
	int r;

	memset(s, 0, sizeof(*s));
	/* usable: probe, then fetch */
	iommufmt_diag_init(&d);
	r = iommufmt_iova_space_usable(sp, NULL, &n, &d);
	FUZZ_CHECK(r == (n ? -EMSGSIZE : 0) && d.error == r);
	s->nr_usable = n;
	s->usable = malloc(((size_t)n + 1) * sizeof(*s->usable));
	FUZZ_CHECK(s->usable != NULL);
	FUZZ_CHECK(iommufmt_iova_space_usable(sp, s->usable, &n, NULL) == 0 && n == s->nr_usable);
	FUZZ_CHECK(ranges_canonical(s->usable, n));
	/* one short: as many as fit, the total back, -EMSGSIZE */
	if (n) {
		__u32 m = n - 1;
		struct iommufmt_iova_range *t = malloc((size_t)n * sizeof(*t));

		FUZZ_CHECK(t != NULL);
		FUZZ_CHECK(iommufmt_iova_space_usable(sp, t, &m, NULL) == -EMSGSIZE && m == n);
		FUZZ_CHECK(!memcmp(t, s->usable, (size_t)(n - 1) * sizeof(*t)));
		free(t);
	}
	/* reserved regions */
	n = 0;
	r = iommufmt_iova_space_resv(sp, NULL, &n, NULL);
	FUZZ_CHECK(r == (n ? -EMSGSIZE : 0));
	s->nr_resv = n;
	s->resv = malloc(((size_t)n + 1) * sizeof(*s->resv));
	FUZZ_CHECK(s->resv != NULL);
	FUZZ_CHECK(iommufmt_iova_space_resv(sp, s->resv, &n, NULL) == 0 && n == s->nr_resv);
	for (__u32 i = 0; i < n; i++) {
		const struct iommufmt_resv_region *g = &s->resv[i];

		FUZZ_CHECK(g->start <= g->last && g->type < IOMMUFMT_RESV_NR_TYPES && !g->flags);
		FUZZ_CHECK(!i || s->resv[i - 1].start <= g->start);
		/* no usable address is reserved */
		for (__u32 u = 0; u < s->nr_usable; u++)
			FUZZ_CHECK(s->usable[u].last < g->start || s->usable[u].start > g->last);
	}
	s->pgsizes = iommufmt_iova_space_pgsizes(sp);
	/* the iommufd form reports the same ranges and the smallest page size */
	memset(&req, 0, sizeof(req));
	req.argsz = sizeof(req);
	req.num_iovas = s->nr_usable;
	{
		struct iommufmt_iova_range *t = malloc(((size_t)s->nr_usable + 1) * sizeof(*t));

		FUZZ_CHECK(t != NULL);
		req.allowed_iovas = (uintptr_t)t;
		FUZZ_CHECK(iommufmt_iova_space_get_ranges(sp, &req, NULL) == 0);
		FUZZ_CHECK(req.num_iovas == s->nr_usable);
		FUZZ_CHECK(!s->nr_usable ||
			   !memcmp(t, s->usable, (size_t)s->nr_usable * sizeof(*t)));
		free(t);
	}
	s->alignment = req.out_iova_alignment;
	FUZZ_CHECK(s->alignment == (s->pgsizes ? (s->pgsizes & (~s->pgsizes + 1)) : 1));
}

void iova_snap_free(struct iova_snap *s)
{
	free(s->usable);
	free(s->resv);
	memset(s, 0, sizeof(*s));
}

bool iova_snap_equal(const struct iova_snap *a, const struct iova_snap *b)
{
	return a->nr_usable == b->nr_usable && a->nr_resv == b->nr_resv &&
	       a->pgsizes == b->pgsizes && a->alignment == b->alignment &&
	       !memcmp(a->usable, b->usable, (size_t)a->nr_usable * sizeof(*a->usable)) &&
	       !memcmp(a->resv, b->resv, (size_t)a->nr_resv * sizeof(*a->resv));
}
