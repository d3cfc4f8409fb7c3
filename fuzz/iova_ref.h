/* SPDX-License-Identifier: MIT */
/* Fuzz support for the IOVA targets: naive interval lists and snapshots of an IOVA space. */
#ifndef IOMMUFMT_FUZZ_IOVA_REF_H
#define IOMMUFMT_FUZZ_IOVA_REF_H

#include <stdbool.h>

#include <iommufmt/iommufmt.h>
#include "fuzz/fuzz.h"

/*
 * A list of inclusive ranges. The operations are deliberately naive
 * (quadratic, one range at a time) so that they are obviously correct; the
 * harnesses keep the lists short.
 */
struct rl {
	struct iommufmt_iova_range *v;
	size_t n, cap;
};

void rl_free(struct rl *l);
void rl_clear(struct rl *l);
/* Append [start, last] (start <= last). */
void rl_push(struct rl *l, uint64_t start, uint64_t last);
void rl_copy(struct rl *dst, const struct rl *src);
/* Sort and merge overlapping or adjacent ranges. */
void rl_normalize(struct rl *l);
/* out = a ∩ b, normalized (out must differ from a and b). */
void rl_intersect(struct rl *out, const struct rl *a, const struct rl *b);
/* a = a − [start, last], normalized. */
void rl_subtract_one(struct rl *a, uint64_t start, uint64_t last);
/* Whether [start, last] lies inside one range of the normalized list. */
bool rl_contains(const struct rl *l, uint64_t start, uint64_t last);
/* Whether [start, last] overlaps any range of the list. */
bool rl_overlaps(const struct rl *l, uint64_t start, uint64_t last);
/* Whether the list equals @p n ranges at @p r exactly. */
bool rl_equal(const struct rl *l, const struct iommufmt_iova_range *r, size_t n);

/* Ranges sorted by start, disjoint and not adjacent (what usable ranges are). */
bool ranges_canonical(const struct iommufmt_iova_range *r, size_t n);

/* Everything a space shows through its public API. */
struct iova_snap {
	struct iommufmt_iova_range *usable;
	__u32 nr_usable;
	struct iommufmt_resv_region *resv;
	__u32 nr_resv;
	__u64 pgsizes;
	__u64 alignment;	/* out_iova_alignment of iommufmt_iova_space_get_ranges() */
};

/*
 * Read a space through usable(), resv(), pgsizes() and get_ranges(), checking
 * on the way that each follows its contract (probe with a zero capacity
 * gives the count and -EMSGSIZE unless empty; the lists agree; usable
 * ranges are canonical; regions sorted by start; no usable address is
 * reserved).
 */
void iova_snap_take(const struct iommufmt_iova_space *sp, struct iova_snap *s);
void iova_snap_free(struct iova_snap *s);
bool iova_snap_equal(const struct iova_snap *a, const struct iova_snap *b);

/* Whether @p r is a negative errno from the list that ends with 0. */
bool errno_in(int r, const int *allowed);

#endif /* IOMMUFMT_FUZZ_IOVA_REF_H */
