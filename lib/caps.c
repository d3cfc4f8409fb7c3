/* SPDX-License-Identifier: MIT */
/* Capability chains: a builder with the VFIO too-small rule and a bounded, checking reader. */
#include <stdlib.h>

#include "lib/internal.h"

#define CAP_HDR_SIZE	sizeof(struct iommufmt_cap_header)
#define CAP_ENTRY_MAX	(1u << 20)

struct iommufmt_caps {
	unsigned char *data;	/* entries, back to back, next = 0 until emitted */
	size_t len;
	size_t alloc;
	unsigned int count;
	size_t last;		/* offset of the last entry, for linking */
};

IOMMUFMT_EXPORT struct iommufmt_caps *iommufmt_caps_new(void)
{
	return iommufmt__calloc(1, sizeof(struct iommufmt_caps));
}

IOMMUFMT_EXPORT void iommufmt_caps_free(struct iommufmt_caps *caps)
{
	if (!caps)
		return;
	iommufmt__free(caps->data);
	iommufmt__free(caps);
}

IOMMUFMT_EXPORT int iommufmt_caps_add(struct iommufmt_caps *caps, __u16 id, __u16 version,
				      const void *body, size_t body_len)
{
	struct iommufmt_cap_header hdr = { .id = id, .version = version, .next = 0 };
	size_t entry;

	if (!caps || version == 0 || (!body && body_len) ||
	    body_len > CAP_ENTRY_MAX - CAP_HDR_SIZE)
		return -EINVAL;
	entry = iommufmt__round_up8(CAP_HDR_SIZE + body_len);
	/* caps->len <= UINT32_MAX always: no sum below wraps a 32-bit size_t */
	if (entry > UINT32_MAX - caps->len)
		return -EOVERFLOW;
	if (caps->len + entry > caps->alloc) {
		size_t na = caps->alloc ? caps->alloc : 256;
		unsigned char *nd;

		while (na < caps->len + entry)
			na = na > SIZE_MAX / 2 ? caps->len + entry : na * 2;
		nd = iommufmt__realloc_array(caps->data, na, 1);
		if (!nd)
			return -ENOMEM;
		caps->data = nd;
		caps->alloc = na;
	}
	if (caps->count) {
		struct iommufmt_cap_header prev;

		memcpy(&prev, caps->data + caps->last, sizeof(prev));
		prev.next = (uint32_t)caps->len;
		memcpy(caps->data + caps->last, &prev, sizeof(prev));
	}
	caps->last = caps->len;
	memcpy(caps->data + caps->len, &hdr, sizeof(hdr));
	if (body_len)
		memcpy(caps->data + caps->len + CAP_HDR_SIZE, body, body_len);
	memset(caps->data + caps->len + CAP_HDR_SIZE + body_len, 0,
	       entry - CAP_HDR_SIZE - body_len);
	caps->len += entry;
	caps->count++;
	return 0;
}

IOMMUFMT_EXPORT size_t iommufmt_caps_size(const struct iommufmt_caps *caps)
{
	return caps ? caps->len : 0;
}

IOMMUFMT_EXPORT unsigned int iommufmt_caps_count(const struct iommufmt_caps *caps)
{
	return caps ? caps->count : 0;
}

void iommufmt__caps_truncate(struct iommufmt_caps *caps, unsigned int count)
{
	struct iommufmt_cap_header h;
	size_t off = 0;

	if (count >= caps->count)
		return;
	caps->count = count;
	if (!count) {	/* back to a new builder's state, without its buffer */
		iommufmt__free(caps->data);
		caps->data = NULL;
		caps->len = caps->alloc = caps->last = 0;
		return;
	}
	/* Entry count - 1 becomes the last: it ends the chain where its next was. */
	for (unsigned int i = 1; i < count; i++) {
		memcpy(&h, caps->data + off, sizeof(h));
		off = h.next;
	}
	memcpy(&h, caps->data + off, sizeof(h));
	caps->len = h.next;
	h.next = 0;
	memcpy(caps->data + off, &h, sizeof(h));
	caps->last = off;
}

IOMMUFMT_EXPORT int iommufmt_caps_emit(const struct iommufmt_caps *caps, void *buf,
				       size_t buflen, const void *info, size_t info_size,
				       size_t cap_offset_pos, __u32 caps_flag)
{
	unsigned char *out = buf;
	size_t chain = caps ? caps->len : 0;
	size_t base, total, n;
	uint32_t argsz, flags, cap_offset = 0;

	/* Sizes in 32 bits first, so base and total cannot wrap a 32-bit size_t. */
	if (!buf || !info || buflen < 8 || info_size < 8 || info_size > UINT32_MAX - 7 ||
	    cap_offset_pos < 8 || cap_offset_pos > info_size - sizeof(uint32_t))
		return -EINVAL;
	base = iommufmt__round_up8(info_size);
	if (chain > UINT32_MAX - base)
		return -EINVAL;
	total = chain ? base + chain : info_size;

	memcpy(&flags, (const unsigned char *)info + 4, sizeof(flags));
	if (chain) {
		flags |= caps_flag;
		if (buflen >= total)
			cap_offset = (uint32_t)base;
	}
	argsz = (uint32_t)(buflen >= total ? (buflen > UINT32_MAX ? UINT32_MAX : buflen) : total);

	n = buflen < info_size ? buflen : info_size;
	memmove(out, info, n);
	memcpy(out, &argsz, sizeof(argsz));
	memcpy(out + 4, &flags, sizeof(flags));
	if (cap_offset_pos + sizeof(uint32_t) <= n)
		memcpy(out + cap_offset_pos, &cap_offset, sizeof(cap_offset));
	if (!cap_offset)
		return 0;

	/* Everything fits: padding, then the chain with offsets counted from buf.
	 * The builder links entries with offsets relative to the chain start
	 * (the first entry is at 0, so a relative next of 0 still ends it). */
	memset(out + info_size, 0, base - info_size);
	memcpy(out + base, caps->data, chain);
	for (size_t off = 0;;) {
		struct iommufmt_cap_header hdr;
		size_t next;

		memcpy(&hdr, caps->data + off, sizeof(hdr));
		if (!hdr.next)
			break;
		next = hdr.next;
		hdr.next = (uint32_t)(base + next);
		memcpy(out + base + off, &hdr, sizeof(hdr));
		off = next;
	}
	return 0;
}

/* ---- reader ---- */

/* Both counted capability structs are {header, __u32 count, __u32 reserved}. */
#define COUNTED_FIXED	sizeof(struct iommufmt_cap_iova_ranges)
_Static_assert(sizeof(struct iommufmt_cap_resv_regions) == COUNTED_FIXED,
	       "counted capabilities share one fixed part");

/*
 * Bytes a counted capability needs for the count it claims. The count is
 * untrusted and 32 bits wide: on a 32-bit host COUNTED_FIXED + count * elem
 * wraps size_t (16 + 2^28 * 16 is 16), so the product is only formed once a
 * division shows it fits; a size past SIZE_MAX is reported as SIZE_MAX,
 * which no buffer reaches.
 */
static size_t counted_need(const struct iommufmt_cap_header *cap, size_t avail, size_t elem)
{
	uint32_t nr;

	if (avail < COUNTED_FIXED)
		return COUNTED_FIXED;
	memcpy(&nr, (const unsigned char *)cap + CAP_HDR_SIZE, sizeof(nr));
	if (nr > (SIZE_MAX - COUNTED_FIXED) / elem)
		return SIZE_MAX;
	return COUNTED_FIXED + (size_t)nr * elem;
}

int iommufmt__hwinfo_cap_size(const struct iommufmt_cap_header *cap, size_t avail,
			      size_t *need)
{
	switch (cap->id) {
	case IOMMUFMT_CAP_IOVA_RANGES:
		*need = counted_need(cap, avail, sizeof(struct iommufmt_iova_range));
		return 0;
	case IOMMUFMT_CAP_RESV_REGIONS:
		*need = counted_need(cap, avail, sizeof(struct iommufmt_resv_region));
		return 0;
	case IOMMUFMT_CAP_PGTABLE_FORMAT:	/* fixed size; later versions only append */
		*need = sizeof(struct iommufmt_cap_pgtable_format);
		return 0;
	case IOMMUFMT_CAP_PASID:
		*need = sizeof(struct iommufmt_cap_pasid);
		return 0;
	case IOMMUFMT_CAP_NESTING:
		*need = sizeof(struct iommufmt_cap_nesting);
		return 0;
	case IOMMUFMT_CAP_INVALIDATION:
		*need = sizeof(struct iommufmt_cap_invalidation);
		return 0;
	case IOMMUFMT_CAP_FAULT:
		*need = sizeof(struct iommufmt_cap_fault);
		return 0;
	/* HWINFO-CAP-SIZES: capabilities of the binding area */
	default:
		return 1;
	}
}

static int hwinfo_sizer(const struct iommufmt_cap_header *cap, size_t avail, size_t *need)
{
	return iommufmt__hwinfo_cap_size(cap, avail, need);
}

IOMMUFMT_EXPORT int iommufmt_caps_iter_init(struct iommufmt_cap_iter *it, const void *buf,
					    size_t len, size_t info_size, __u32 cap_offset)
{
	if (!it || (!buf && len))
		return -EINVAL;
	memset(it, 0, sizeof(*it));
	it->buf = buf;
	it->len = len;
	it->floor = info_size;
	it->pos = cap_offset;
	it->sizer = hwinfo_sizer;
	return 0;
}

IOMMUFMT_EXPORT int iommufmt_caps_iter_next(struct iommufmt_cap_iter *it,
					    const struct iommufmt_cap_header **cap,
					    size_t *cap_len, struct iommufmt_diag *diag)
{
	struct iommufmt_cap_header hdr;
	size_t pos, end, avail, need;
	unsigned int idx;

	if (!it)
		return -EINVAL;
	pos = it->pos;
	idx = it->index;
	if (!pos)
		return 0;
	if (pos & 7)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_CAP_MISALIGNED, "next",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_INDEX, pos, 0, idx,
					 "capability %u at offset %zu is not 8-byte aligned",
					 idx, pos);
	if (pos < it->floor) {
		if (idx == 0)
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_CAP_IN_HEADER,
						 "cap_offset",
						 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
						 IOMMUFMT__DV_INDEX, pos, it->floor, idx,
						 "cap_offset %zu points into the %zu-byte info struct",
						 pos, it->floor);
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_CAP_BACKWARDS, "next",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
					 IOMMUFMT__DV_INDEX, pos, it->floor, idx,
					 "capability %u at offset %zu points backwards (loop)",
					 idx, pos);
	}
	if (pos >= it->len)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_CAP_OUT_OF_BOUNDS,
					 idx ? "next" : "cap_offset",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
					 IOMMUFMT__DV_INDEX, pos, it->len, idx,
					 "capability %u at offset %zu is outside the %zu bytes",
					 idx, pos, it->len);
	if (it->len - pos < CAP_HDR_SIZE)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_CAP_TRUNCATED, "header",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_INDEX, pos, 0, idx,
					 "capability %u header at offset %zu is cut off",
					 idx, pos);
	memcpy(&hdr, it->buf + pos, sizeof(hdr));
	if (hdr.next && hdr.next <= pos)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_CAP_BACKWARDS, "next",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
					 IOMMUFMT__DV_INDEX, hdr.next, pos, idx,
					 "capability %u (id %u) at %zu: next %u points backwards (loop)",
					 idx, hdr.id, pos, hdr.next);
	if (hdr.next && hdr.next < pos + CAP_HDR_SIZE)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_CAP_OVERLAP, "next",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_INDEX, hdr.next, 0, idx,
					 "capability %u (id %u): next %u overlaps its header",
					 idx, hdr.id, hdr.next);
	end = hdr.next && hdr.next < it->len ? hdr.next : it->len;
	avail = end - pos;
	if (it->sizer &&
	    it->sizer((const struct iommufmt_cap_header *)(const void *)(it->buf + pos),
		      avail, &need) == 0) {
		if (hdr.version == 0)
			return iommufmt__diag_err_ex(diag, -EINVAL, IOMMUFMT_DIAG_CAP_VERSION, "version",
						     IOMMUFMT__DV_VALUE | IOMMUFMT__DV_INDEX, 0, 0, idx,
						     "capability %u (id %u) has version 0", idx, hdr.id);
		if (need > avail)
			return iommufmt__diag_ex(diag,
						 end == hdr.next ? IOMMUFMT_DIAG_CAP_OVERLAP :
						 IOMMUFMT_DIAG_CAP_TRUNCATED, "next",
						 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
						 IOMMUFMT__DV_INDEX, avail, need, idx,
						 "capability %u (id %u) needs %s%zu bytes, %zu available",
						 idx, hdr.id, need == SIZE_MAX ? "over " : "", need,
						 avail);
	}
	it->floor = pos + CAP_HDR_SIZE;
	it->pos = hdr.next;
	it->index++;
	if (cap)
		*cap = (const struct iommufmt_cap_header *)(const void *)(it->buf + pos);
	if (cap_len)
		*cap_len = avail;
	return 1;
}

IOMMUFMT_EXPORT int iommufmt_caps_check(const void *buf, size_t len, size_t info_size,
					__u32 cap_offset, struct iommufmt_diag *diag)
{
	struct iommufmt_cap_iter it;
	int n = 0, r;

	if (iommufmt_caps_iter_init(&it, buf, len, info_size, cap_offset))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "buf",
				      "no buffer");
	while ((r = iommufmt_caps_iter_next(&it, NULL, NULL, diag)) > 0)
		n++;
	if (r < 0)
		return r;
	iommufmt__diag_ok(diag);
	return n;
}

IOMMUFMT_EXPORT int iommufmt_caps_find(const void *buf, size_t len, size_t info_size,
				       __u32 cap_offset, __u16 id,
				       const struct iommufmt_cap_header **cap, size_t *cap_len,
				       struct iommufmt_diag *diag)
{
	struct iommufmt_cap_iter it;
	const struct iommufmt_cap_header *c, *found = NULL;
	size_t clen, found_len = 0;
	int r;

	if (iommufmt_caps_iter_init(&it, buf, len, info_size, cap_offset))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "buf",
				      "no buffer");
	/* The whole chain is checked before anything in it is trusted. */
	while ((r = iommufmt_caps_iter_next(&it, &c, &clen, diag)) > 0) {
		struct iommufmt_cap_header h;

		memcpy(&h, c, sizeof(h));
		if (h.id == id && !found) {
			found = c;
			found_len = clen;
		}
	}
	if (r < 0)
		return r;
	if (!found)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_CAP_NOT_FOUND, "id",
					 IOMMUFMT__DV_VALUE, id, 0, 0,
					 "no capability with id %u in the chain", id);
	if (cap)
		*cap = found;
	if (cap_len)
		*cap_len = found_len;
	iommufmt__diag_ok(diag);
	return 0;
}

/* ---- typed capabilities: IOVA ranges and reserved regions ---- */

/*
 * Both are counted capabilities: header, __u32 count, __u32 reserved, then
 * count elements that start with inclusive {start, last}. One mechanism
 * builds and reads them; a per-type element check says what else is valid.
 */
struct counted_type {
	__u16 id;
	size_t elem;			/* element size */
	const char *count_field;	/* e.g. "nr_iovas" */
	const char *what;		/* "range" or "region" */
	bool sorted;			/* elements must be sorted and disjoint */
	/* Extra per-element checks; 0 or an error with diag filled. */
	int (*check)(const void *elem, __u32 i, struct iommufmt_diag *diag);
};

static int check_counted_elems(const struct counted_type *t, const unsigned char *arr, __u32 nr,
			       struct iommufmt_diag *diag)
{
	__u64 prev_last = 0;

	for (__u32 i = 0; i < nr; i++) {
		const unsigned char *e = arr + (size_t)i * t->elem;
		__u64 start, last;
		int r;

		memcpy(&start, e, sizeof(start));
		memcpy(&last, e + 8, sizeof(last));
		if (start > last)
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE, "start",
						 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
						 IOMMUFMT__DV_INDEX, start, last, i,
						 "%s %u starts after its last address", t->what, i);
		if (t->sorted && i && start <= prev_last)
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE, "start",
						 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
						 IOMMUFMT__DV_INDEX, start, prev_last, i,
						 "%s %u is not sorted after %s %u", t->what, i,
						 t->what, i - 1);
		if (t->check && (r = t->check(e, i, diag)))
			return r;
		prev_last = last;
	}
	return 0;
}

static int check_resv_elem(const void *elem, __u32 i, struct iommufmt_diag *diag)
{
	struct iommufmt_resv_region rg;

	memcpy(&rg, elem, sizeof(rg));
	if (rg.type >= IOMMUFMT_RESV_NR_TYPES)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNSUPPORTED, "type",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT | IOMMUFMT__DV_INDEX,
					 rg.type, IOMMUFMT_RESV_NR_TYPES - 1, i,
					 "region %u has unknown type %u", i, rg.type);
	if (rg.flags)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNKNOWN_FLAGS, "flags",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_INDEX, rg.flags, 0, i,
					 "region %u has unknown flags 0x%x", i, rg.flags);
	return 0;
}

static const struct counted_type iova_ranges_type = {
	IOMMUFMT_CAP_IOVA_RANGES, sizeof(struct iommufmt_iova_range), "nr_iovas", "range",
	true, NULL,
};

static const struct counted_type resv_regions_type = {
	IOMMUFMT_CAP_RESV_REGIONS, sizeof(struct iommufmt_resv_region), "nr_regions", "region",
	false, check_resv_elem,
};

static int counted_add(const struct counted_type *t, struct iommufmt_caps *caps,
		       const void *elems, __u32 nr, struct iommufmt_diag *diag)
{
	unsigned char *body;
	size_t len;
	__u32 fixed[2] = { nr, 0 };
	int r;

	if (!caps || (!elems && nr))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, t->count_field,
				      "missing builder or array");
	/* The size limit first: it bounds the element walk below. */
	if ((size_t)nr > (CAP_ENTRY_MAX - COUNTED_FIXED) / t->elem)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_OVERFLOW, t->count_field,
				      "%u entries do not fit one capability", nr);
	r = check_counted_elems(t, elems, nr, diag);
	if (r)
		return r;
	len = sizeof(fixed) + (size_t)nr * t->elem;
	body = iommufmt__malloc(len);
	if (!body)
		return -ENOMEM;
	memcpy(body, fixed, sizeof(fixed));
	if (nr)
		memcpy(body + sizeof(fixed), elems, (size_t)nr * t->elem);
	r = iommufmt_caps_add(caps, t->id, 1, body, len);
	iommufmt__free(body);
	if (r)
		return iommufmt__diag_err(diag, r, IOMMUFMT_DIAG_OVERFLOW, "caps",
					  "cannot grow the chain");
	iommufmt__diag_ok(diag);
	return 0;
}

static int counted_read(const struct counted_type *t, const struct iommufmt_cap_header *cap,
			size_t cap_len, void *out, __u32 *nr, struct iommufmt_diag *diag)
{
	const unsigned char *arr;
	struct iommufmt_cap_header h;
	uint32_t n, rsvd, have;
	int r;

	if (!cap || !nr || cap_len < COUNTED_FIXED)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_CAP_TRUNCATED, "header",
				      "capability missing or shorter than its fixed part");
	arr = (const unsigned char *)cap + COUNTED_FIXED;	/* only now: cap may be NULL above */
	memcpy(&h, cap, sizeof(h));
	if (h.id != t->id)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE, "id",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, h.id, t->id, 0,
					 "capability id %u, expected %u", h.id, t->id);
	if (h.version != 1)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_CAP_VERSION, "version",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, h.version, 1, 0,
					 "capability version %u not understood", h.version);
	memcpy(&n, (const unsigned char *)cap + CAP_HDR_SIZE, sizeof(n));
	memcpy(&rsvd, (const unsigned char *)cap + CAP_HDR_SIZE + 4, sizeof(rsvd));
	if (rsvd)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_RESERVED_NONZERO,
				      "__reserved", "reserved field is not zero");
	if ((cap_len - COUNTED_FIXED) / t->elem < n)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_CAP_TRUNCATED, t->count_field,
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, n,
					 (cap_len - COUNTED_FIXED) / t->elem, 0,
					 "count %u does not fit the %zu-byte capability", n, cap_len);
	have = *nr;
	if (have < n || (!out && n)) {
		*nr = n;
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_OUTPUT_SMALL, t->count_field,
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, have, n, 0,
					 "room for %u entries, %u needed", have, n);
	}
	r = check_counted_elems(t, arr, n, diag);
	if (r)
		return r;
	if (n)
		memcpy(out, arr, (size_t)n * t->elem);
	*nr = n;
	iommufmt__diag_ok(diag);
	return 0;
}

IOMMUFMT_EXPORT int iommufmt_caps_add_iova_ranges(struct iommufmt_caps *caps,
						  const struct iommufmt_iova_range *ranges,
						  __u32 nr, struct iommufmt_diag *diag)
{
	return counted_add(&iova_ranges_type, caps, ranges, nr, diag);
}

IOMMUFMT_EXPORT int iommufmt_caps_add_resv_regions(struct iommufmt_caps *caps,
						   const struct iommufmt_resv_region *regions,
						   __u32 nr, struct iommufmt_diag *diag)
{
	return counted_add(&resv_regions_type, caps, regions, nr, diag);
}

IOMMUFMT_EXPORT int iommufmt_cap_iova_ranges_read(const struct iommufmt_cap_header *cap,
						  size_t cap_len,
						  struct iommufmt_iova_range *out, __u32 *nr,
						  struct iommufmt_diag *diag)
{
	return counted_read(&iova_ranges_type, cap, cap_len, out, nr, diag);
}

IOMMUFMT_EXPORT int iommufmt_cap_resv_regions_read(const struct iommufmt_cap_header *cap,
						   size_t cap_len,
						   struct iommufmt_resv_region *out, __u32 *nr,
						   struct iommufmt_diag *diag)
{
	return counted_read(&resv_regions_type, cap, cap_len, out, nr, diag);
}
