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
	return calloc(1, sizeof(struct iommufmt_caps));
}

IOMMUFMT_EXPORT void iommufmt_caps_free(struct iommufmt_caps *caps)
{
	if (!caps)
		return;
	free(caps->data);
	free(caps);
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
	if (caps->len + entry > UINT32_MAX)
		return -EOVERFLOW;
	if (caps->len + entry > caps->alloc) {
		size_t na = caps->alloc ? caps->alloc : 256;
		unsigned char *nd;

		while (na < caps->len + entry)
			na *= 2;
		nd = realloc(caps->data, na);
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

IOMMUFMT_EXPORT int iommufmt_caps_emit(const struct iommufmt_caps *caps, void *buf,
				       size_t buflen, const void *info, size_t info_size,
				       size_t cap_offset_pos, __u32 caps_flag)
{
	unsigned char *out = buf;
	size_t base = iommufmt__round_up8(info_size);
	size_t chain = caps ? caps->len : 0;
	size_t total = chain ? base + chain : info_size;
	size_t n;
	uint32_t argsz, flags, cap_offset = 0;

	if (!buf || !info || buflen < 8 || info_size < 8 ||
	    cap_offset_pos < 8 || cap_offset_pos > info_size - sizeof(uint32_t) ||
	    total > UINT32_MAX)
		return -EINVAL;

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

int iommufmt__hwinfo_cap_size(const struct iommufmt_cap_header *cap, size_t avail,
			      size_t *need)
{
	uint32_t nr;

	switch (cap->id) {
	case IOMMUFMT_CAP_IOVA_RANGES:
		if (avail < sizeof(struct iommufmt_cap_iova_ranges)) {
			*need = sizeof(struct iommufmt_cap_iova_ranges);
			return 0;
		}
		memcpy(&nr, (const unsigned char *)cap + CAP_HDR_SIZE, sizeof(nr));
		*need = sizeof(struct iommufmt_cap_iova_ranges) +
			(size_t)nr * sizeof(struct iommufmt_iova_range);
		return 0;
	case IOMMUFMT_CAP_RESV_REGIONS:
		if (avail < sizeof(struct iommufmt_cap_resv_regions)) {
			*need = sizeof(struct iommufmt_cap_resv_regions);
			return 0;
		}
		memcpy(&nr, (const unsigned char *)cap + CAP_HDR_SIZE, sizeof(nr));
		*need = sizeof(struct iommufmt_cap_resv_regions) +
			(size_t)nr * sizeof(struct iommufmt_resv_region);
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
		return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_CAP_MISALIGNED, "next",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_INDEX, pos, 0, idx,
					 "capability %u at offset %zu is not 8-byte aligned",
					 idx, pos);
	if (pos < it->floor) {
		if (idx == 0)
			return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_CAP_IN_HEADER,
						 "cap_offset",
						 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
						 IOMMUFMT__DV_INDEX, pos, it->floor, idx,
						 "cap_offset %zu points into the %zu-byte info struct",
						 pos, it->floor);
		return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_CAP_BACKWARDS, "next",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
					 IOMMUFMT__DV_INDEX, pos, it->floor, idx,
					 "capability %u at offset %zu points backwards (loop)",
					 idx, pos);
	}
	if (pos >= it->len)
		return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_CAP_OUT_OF_BOUNDS,
					 idx ? "next" : "cap_offset",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
					 IOMMUFMT__DV_INDEX, pos, it->len, idx,
					 "capability %u at offset %zu is outside the %zu bytes",
					 idx, pos, it->len);
	if (it->len - pos < CAP_HDR_SIZE)
		return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_CAP_TRUNCATED, "header",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_INDEX, pos, 0, idx,
					 "capability %u header at offset %zu is cut off",
					 idx, pos);
	memcpy(&hdr, it->buf + pos, sizeof(hdr));
	if (hdr.next && hdr.next <= pos)
		return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_CAP_BACKWARDS, "next",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
					 IOMMUFMT__DV_INDEX, hdr.next, pos, idx,
					 "capability %u (id %u) at %zu: next %u points backwards (loop)",
					 idx, hdr.id, pos, hdr.next);
	if (hdr.next && hdr.next < pos + CAP_HDR_SIZE)
		return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_CAP_OVERLAP, "next",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_INDEX, hdr.next, 0, idx,
					 "capability %u (id %u): next %u overlaps its header",
					 idx, hdr.id, hdr.next);
	end = hdr.next && hdr.next < it->len ? hdr.next : it->len;
	avail = end - pos;
	if (it->sizer &&
	    it->sizer((const struct iommufmt_cap_header *)(const void *)(it->buf + pos),
		      avail, &need) == 0) {
		if (hdr.version == 0)
			return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_CAP_VERSION, "version",
						 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_INDEX, 0, 0, idx,
						 "capability %u (id %u) has version 0", idx, hdr.id);
		if (need > avail)
			return iommufmt__diag_ex(diag, -EINVAL,
						 end == hdr.next ? IOMMUFMT_DIAG_CAP_OVERLAP :
						 IOMMUFMT_DIAG_CAP_TRUNCATED, "next",
						 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
						 IOMMUFMT__DV_INDEX, avail, need, idx,
						 "capability %u (id %u) needs %zu bytes, %zu available",
						 idx, hdr.id, need, avail);
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
		return iommufmt__diag(diag, -EINVAL, IOMMUFMT_DIAG_NULL_ARG, "buf",
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
		return iommufmt__diag(diag, -EINVAL, IOMMUFMT_DIAG_NULL_ARG, "buf",
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
		return iommufmt__diag_ex(diag, -ENOENT, IOMMUFMT_DIAG_CAP_NOT_FOUND, "id",
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

IOMMUFMT_EXPORT int iommufmt_caps_add_iova_ranges(struct iommufmt_caps *caps,
						  const struct iommufmt_iova_range *ranges,
						  __u32 nr, struct iommufmt_diag *diag)
{
	struct iommufmt_cap_iova_ranges c;
	unsigned char *body;
	size_t len;
	int r;

	if (!caps || (!ranges && nr))
		return iommufmt__diag(diag, -EINVAL, IOMMUFMT_DIAG_NULL_ARG, "ranges",
				      "missing builder or ranges");
	for (__u32 i = 0; i < nr; i++) {
		if (ranges[i].start > ranges[i].last)
			return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_BAD_VALUE, "start",
						 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
						 IOMMUFMT__DV_INDEX, ranges[i].start,
						 ranges[i].last, i,
						 "range %u starts after its last address", i);
		if (i && ranges[i].start <= ranges[i - 1].last)
			return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_BAD_VALUE, "start",
						 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
						 IOMMUFMT__DV_INDEX, ranges[i].start,
						 ranges[i - 1].last, i,
						 "range %u is not sorted after range %u", i, i - 1);
	}
	len = sizeof(c) - CAP_HDR_SIZE + (size_t)nr * sizeof(*ranges);
	if ((size_t)nr > (CAP_ENTRY_MAX - sizeof(c)) / sizeof(*ranges))
		return iommufmt__diag(diag, -EINVAL, IOMMUFMT_DIAG_OVERFLOW, "nr_iovas",
				      "%u ranges do not fit one capability", nr);
	body = malloc(len);
	if (!body)
		return -ENOMEM;
	memset(&c, 0, sizeof(c));
	c.nr_iovas = nr;
	memcpy(body, (unsigned char *)&c + CAP_HDR_SIZE, sizeof(c) - CAP_HDR_SIZE);
	if (nr)
		memcpy(body + sizeof(c) - CAP_HDR_SIZE, ranges, (size_t)nr * sizeof(*ranges));
	r = iommufmt_caps_add(caps, IOMMUFMT_CAP_IOVA_RANGES, 1, body, len);
	free(body);
	if (r)
		return iommufmt__diag(diag, r, IOMMUFMT_DIAG_OVERFLOW, "caps",
				      "cannot grow the chain");
	iommufmt__diag_ok(diag);
	return 0;
}

IOMMUFMT_EXPORT int iommufmt_caps_add_resv_regions(struct iommufmt_caps *caps,
						   const struct iommufmt_resv_region *regions,
						   __u32 nr, struct iommufmt_diag *diag)
{
	struct iommufmt_cap_resv_regions c;
	unsigned char *body;
	size_t len;
	int r;

	if (!caps || (!regions && nr))
		return iommufmt__diag(diag, -EINVAL, IOMMUFMT_DIAG_NULL_ARG, "regions",
				      "missing builder or regions");
	for (__u32 i = 0; i < nr; i++) {
		if (regions[i].start > regions[i].last)
			return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_BAD_VALUE, "start",
						 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
						 IOMMUFMT__DV_INDEX, regions[i].start,
						 regions[i].last, i,
						 "region %u starts after its last address", i);
		if (regions[i].type >= IOMMUFMT_RESV_NR_TYPES)
			return iommufmt__diag_ex(diag, -EOPNOTSUPP, IOMMUFMT_DIAG_UNSUPPORTED, "type",
						 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
						 IOMMUFMT__DV_INDEX, regions[i].type,
						 IOMMUFMT_RESV_NR_TYPES - 1, i,
						 "region %u has unknown type %u", i, regions[i].type);
		if (regions[i].flags)
			return iommufmt__diag_ex(diag, -EOPNOTSUPP, IOMMUFMT_DIAG_UNKNOWN_FLAGS,
						 "flags", IOMMUFMT__DV_VALUE | IOMMUFMT__DV_INDEX,
						 regions[i].flags, 0, i,
						 "region %u has unknown flags", i);
	}
	if ((size_t)nr > (CAP_ENTRY_MAX - sizeof(c)) / sizeof(*regions))
		return iommufmt__diag(diag, -EINVAL, IOMMUFMT_DIAG_OVERFLOW, "nr_regions",
				      "%u regions do not fit one capability", nr);
	len = sizeof(c) - CAP_HDR_SIZE + (size_t)nr * sizeof(*regions);
	body = malloc(len);
	if (!body)
		return -ENOMEM;
	memset(&c, 0, sizeof(c));
	c.nr_regions = nr;
	memcpy(body, (unsigned char *)&c + CAP_HDR_SIZE, sizeof(c) - CAP_HDR_SIZE);
	if (nr)
		memcpy(body + sizeof(c) - CAP_HDR_SIZE, regions, (size_t)nr * sizeof(*regions));
	r = iommufmt_caps_add(caps, IOMMUFMT_CAP_RESV_REGIONS, 1, body, len);
	free(body);
	if (r)
		return iommufmt__diag(diag, r, IOMMUFMT_DIAG_OVERFLOW, "caps",
				      "cannot grow the chain");
	iommufmt__diag_ok(diag);
	return 0;
}

/* Common part of reading a counted capability: id, version, reserved, count. */
static int counted_cap_read(const struct iommufmt_cap_header *cap, size_t cap_len,
			    __u16 want_id, size_t fixed, size_t elem, __u32 *count,
			    struct iommufmt_diag *diag)
{
	struct iommufmt_cap_header h;
	uint32_t n, rsvd;

	if (!cap || !count || cap_len < fixed)
		return iommufmt__diag(diag, -EINVAL, IOMMUFMT_DIAG_CAP_TRUNCATED, "header",
				      "capability shorter than its fixed part");
	memcpy(&h, cap, sizeof(h));
	if (h.id != want_id)
		return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_BAD_VALUE, "id",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, h.id, want_id, 0,
					 "capability id %u, expected %u", h.id, want_id);
	if (h.version != 1)
		return iommufmt__diag_ex(diag, -EOPNOTSUPP, IOMMUFMT_DIAG_CAP_VERSION, "version",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, h.version, 1, 0,
					 "capability version %u not understood", h.version);
	memcpy(&n, (const unsigned char *)cap + CAP_HDR_SIZE, sizeof(n));
	memcpy(&rsvd, (const unsigned char *)cap + CAP_HDR_SIZE + 4, sizeof(rsvd));
	if (rsvd)
		return iommufmt__diag(diag, -EOPNOTSUPP, IOMMUFMT_DIAG_RESERVED_NONZERO,
				      "__reserved", "reserved field is not zero");
	if ((cap_len - fixed) / elem < n)
		return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_CAP_TRUNCATED, "count",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, n,
					 (cap_len - fixed) / elem, 0,
					 "count %u does not fit the %zu-byte capability",
					 n, cap_len);
	*count = n;
	return 0;
}

IOMMUFMT_EXPORT int iommufmt_cap_iova_ranges_read(const struct iommufmt_cap_header *cap,
						  size_t cap_len,
						  struct iommufmt_iova_range *out, __u32 *nr,
						  struct iommufmt_diag *diag)
{
	const unsigned char *arr = (const unsigned char *)cap +
				   sizeof(struct iommufmt_cap_iova_ranges);
	__u32 n;
	int r = counted_cap_read(cap, cap_len, IOMMUFMT_CAP_IOVA_RANGES,
				 sizeof(struct iommufmt_cap_iova_ranges),
				 sizeof(struct iommufmt_iova_range), &n, diag);

	if (r)
		return r;
	if (!nr)
		return iommufmt__diag(diag, -EINVAL, IOMMUFMT_DIAG_NULL_ARG, "nr", "no count");
	if (*nr < n || (!out && n)) {
		uint32_t have = *nr;

		*nr = n;
		return iommufmt__diag_ex(diag, -EMSGSIZE, IOMMUFMT_DIAG_OUTPUT_SMALL, "nr_iovas",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, have, n, 0,
					 "room for %u ranges, %u needed", have, n);
	}
	for (__u32 i = 0; i < n; i++) {
		struct iommufmt_iova_range rg;

		memcpy(&rg, arr + (size_t)i * sizeof(rg), sizeof(rg));
		if (rg.start > rg.last)
			return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_BAD_VALUE, "start",
						 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
						 IOMMUFMT__DV_INDEX, rg.start, rg.last, i,
						 "range %u starts after its last address", i);
	}
	if (n)
		memcpy(out, arr, (size_t)n * sizeof(*out));
	*nr = n;
	iommufmt__diag_ok(diag);
	return 0;
}

IOMMUFMT_EXPORT int iommufmt_cap_resv_regions_read(const struct iommufmt_cap_header *cap,
						   size_t cap_len,
						   struct iommufmt_resv_region *out, __u32 *nr,
						   struct iommufmt_diag *diag)
{
	const unsigned char *arr = (const unsigned char *)cap +
				   sizeof(struct iommufmt_cap_resv_regions);
	__u32 n;
	int r = counted_cap_read(cap, cap_len, IOMMUFMT_CAP_RESV_REGIONS,
				 sizeof(struct iommufmt_cap_resv_regions),
				 sizeof(struct iommufmt_resv_region), &n, diag);

	if (r)
		return r;
	if (!nr)
		return iommufmt__diag(diag, -EINVAL, IOMMUFMT_DIAG_NULL_ARG, "nr", "no count");
	if (*nr < n || (!out && n)) {
		uint32_t have = *nr;

		*nr = n;
		return iommufmt__diag_ex(diag, -EMSGSIZE, IOMMUFMT_DIAG_OUTPUT_SMALL, "nr_regions",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, have, n, 0,
					 "room for %u regions, %u needed", have, n);
	}
	for (__u32 i = 0; i < n; i++) {
		struct iommufmt_resv_region rg;

		memcpy(&rg, arr + (size_t)i * sizeof(rg), sizeof(rg));
		if (rg.start > rg.last)
			return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_BAD_VALUE, "start",
						 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
						 IOMMUFMT__DV_INDEX, rg.start, rg.last, i,
						 "region %u starts after its last address", i);
		if (rg.type >= IOMMUFMT_RESV_NR_TYPES || rg.flags)
			return iommufmt__diag_ex(diag, -EOPNOTSUPP, IOMMUFMT_DIAG_UNSUPPORTED, "type",
						 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_INDEX, rg.type, 0, i,
						 "region %u has unknown type %u or flags 0x%x",
						 i, rg.type, rg.flags);
	}
	if (n)
		memcpy(out, arr, (size_t)n * sizeof(*out));
	*nr = n;
	iommufmt__diag_ok(diag);
	return 0;
}
