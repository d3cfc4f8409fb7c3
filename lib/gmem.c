/* SPDX-License-Identifier: MIT */
/* Guest-physical memory access: flat regions first, the caller's callback for the rest. */
#include "lib/internal.h"

/* Public (iommufmt.h): validate a description once, so the hot path can trust it. */
IOMMUFMT_EXPORT int iommufmt_gmem_check(const struct iommufmt_gmem *gmem,
					struct iommufmt_diag *diag)
{
	if (!gmem || (gmem->nr_regions && !gmem->regions))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "regions",
				      "no guest memory description");
	if (gmem->flags)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNKNOWN_FLAGS, "flags",
					 IOMMUFMT__DV_VALUE, gmem->flags, 0, 0,
					 "unknown guest-memory flags 0x%x", gmem->flags);
	for (unsigned int i = 0; i < gmem->nr_regions; i++) {
		const struct iommufmt_gmem_region *r = &gmem->regions[i];

		if (!r->size || !r->host)
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_NULL_ARG, "size",
						 IOMMUFMT__DV_INDEX, 0, 0, i,
						 "region %u is empty or has no host pointer", i);
		/* Last byte, not end: a region may end exactly at 2^64. */
		if (r->gpa + (r->size - 1) < r->gpa)
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_OVERFLOW, "size",
						 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_INDEX, r->size, 0,
						 i, "region %u wraps past 2^64", i);
		if (r->flags & ~(__u32)IOMMUFMT_GMEM_READONLY)
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNKNOWN_FLAGS,
						 "flags", IOMMUFMT__DV_VALUE | IOMMUFMT__DV_INDEX,
						 r->flags, 0, i, "region %u has unknown flags", i);
		if (r->__reserved)
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_RESERVED_NONZERO,
						 "__reserved", IOMMUFMT__DV_INDEX, 0, 0, i,
						 "region %u reserved field is not zero", i);
		/* Earlier regions only, checked not to wrap: these last bytes cannot overflow. */
		for (unsigned int j = 0; j < i; j++) {
			const struct iommufmt_gmem_region *q = &gmem->regions[j];

			if (r->gpa <= q->gpa + (q->size - 1) && q->gpa <= r->gpa + (r->size - 1))
				return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_COMBINATION,
							 "gpa", IOMMUFMT__DV_VALUE |
							 IOMMUFMT__DV_INDEX, r->gpa, 0, i,
							 "region %u overlaps region %u", i, j);
		}
	}
	iommufmt__diag_ok(diag);
	return 0;
}

/* Find the region holding gpa; returns bytes available in it from gpa, 0 if none. */
static uint64_t region_span(const struct iommufmt_gmem *gmem, uint64_t gpa,
			    const struct iommufmt_gmem_region **out)
{
	if (!iommufmt__gmem_lookup(gmem, gpa, 1, out))
		return 0;
	return (*out)->size - (gpa - (*out)->gpa);
}

/* Distance from gpa to the next region start above it (or to 2^64). */
static uint64_t gap_span(const struct iommufmt_gmem *gmem, uint64_t gpa)
{
	uint64_t best = UINT64_MAX - gpa + 1; /* 0 means 2^64 - gpa when gpa == 0 */

	for (unsigned int i = 0; i < gmem->nr_regions; i++) {
		const struct iommufmt_gmem_region *r = &gmem->regions[i];

		if (r->gpa > gpa && (best == 0 || r->gpa - gpa < best))
			best = r->gpa - gpa;
	}
	return best;
}

/*
 * Split [gpa, gpa + len) at region boundaries: flat parts by memcpy, the gaps
 * through the callback. Each pass moves n >= 1 bytes (a found region holds gpa;
 * a gap ends at the next region or 2^64), and the wrap check up front keeps
 * gpa + n from wrapping, so the loop ends after len bytes.
 */
int iommufmt__gmem_slow(const struct iommufmt_gmem *gmem, uint64_t gpa, void *buf,
			size_t len, int write)
{
	unsigned char *b = buf;

	if (len && gpa + (len - 1) < gpa)
		return -EFAULT;
	while (len) {
		const struct iommufmt_gmem_region *r = NULL;
		uint64_t span = region_span(gmem, gpa, &r);
		size_t n;

		if (span) {
			n = span < len ? (size_t)span : len;
			if (write) {
				if (r->flags & IOMMUFMT_GMEM_READONLY)
					return -EFAULT;
				memcpy((unsigned char *)r->host + (gpa - r->gpa), b, n);
			} else {
				memcpy(b, (const unsigned char *)r->host + (gpa - r->gpa), n);
			}
		} else {
			uint64_t gap = gap_span(gmem, gpa);

			n = (gap == 0 || gap >= len) ? len : (size_t)gap;
			if (!gmem->access || gmem->access(gmem->opaque, gpa, b, n, write))
				return -EFAULT;
		}
		b += n;
		len -= n;
		gpa += n;
	}
	return 0;
}

/* Public (iommufmt.h): any callback error is reported as -EFAULT. */
IOMMUFMT_EXPORT int iommufmt_gmem_read(const struct iommufmt_gmem *gmem, __u64 gpa, void *buf,
				       size_t len)
{
	if (!gmem || (!buf && len))
		return -EINVAL;
	return iommufmt__gmem_slow(gmem, gpa, buf, len, 0) ? -EFAULT : 0;
}

/* Whether every byte of [gpa, gpa+len) is in a writable region or can go to the callback. */
static bool writable(const struct iommufmt_gmem *gmem, uint64_t gpa, size_t len)
{
	if (len && gpa + (len - 1) < gpa)
		return false;
	while (len) {
		const struct iommufmt_gmem_region *r = NULL;
		uint64_t span = region_span(gmem, gpa, &r);
		size_t n;

		if (span) {
			if (r->flags & IOMMUFMT_GMEM_READONLY)
				return false;
			n = span < len ? (size_t)span : len;
		} else {
			uint64_t gap = gap_span(gmem, gpa);

			if (!gmem->access)
				return false;
			n = (gap == 0 || gap >= len) ? len : (size_t)gap;
		}
		len -= n;
		gpa += n;
	}
	return true;
}

/* Public (iommufmt.h). writable() walks the same pieces as the write will. */
IOMMUFMT_EXPORT int iommufmt_gmem_write(const struct iommufmt_gmem *gmem, __u64 gpa,
					const void *buf, size_t len)
{
	if (!gmem || (!buf && len))
		return -EINVAL;
	/* Refuse up front what is certain to fail, so a refused write changes nothing. */
	if (!writable(gmem, gpa, len))
		return -EFAULT;
	return iommufmt__gmem_slow(gmem, gpa, (void *)(uintptr_t)buf, len, 1) ? -EFAULT : 0;
}
