/* SPDX-License-Identifier: MIT */
/* IOVA space importers: VFIO GET_INFO replies, virtio-iommu PROBE properties, sysfs text, iommufd. */
#include <stdint.h>
#include <stdlib.h>

#include "lib/internal.h"

/*
 * Facts of the foreign formats, written out here so that the library needs
 * no kernel header (include/uapi/linux/vfio.h, virtio_iommu.h, iommufd.h).
 */
/* struct vfio_iommu_type1_info: argsz@0, flags@4, iova_pgsizes@8, cap_offset@16. */
#define VFIO_INFO_MIN		16u	/* offsetofend(iova_pgsizes): the kernel's minsz */
#define VFIO_INFO_CAPSZ		20u	/* offsetofend(cap_offset) */
#define VFIO_INFO_FLAGS_PGSIZES	(1u << 0)
#define VFIO_INFO_FLAGS_CAPS	(1u << 1)
/* struct vfio_iommu_type1_info_cap_iova_range: header, nr_iovas@8, reserved@12, ranges@16. */
#define VFIO_CAP_IOVA_RANGE	1u
#define VFIO_CAP_HDR		8u
#define VFIO_CAP_IOVA_FIXED	16u
#define VFIO_IOVA_RANGE_SZ	16u	/* struct vfio_iova_range {start, end}, end inclusive */
/* virtio-iommu PROBE properties (little-endian). */
#define VIOMMU_PROP_HDR		4u
#define VIOMMU_PROP_T_MASK	0x0fffu
#define VIOMMU_PROP_T_NONE	0u
#define VIOMMU_PROP_T_RESV_MEM	1u
#define VIOMMU_RESV_MEM_LEN	20u	/* sizeof(struct virtio_iommu_probe_resv_mem) - header */
#define VIOMMU_RESV_MEM_T_MSI	1u

static uint32_t rd32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint64_t rd64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* ---- VFIO_IOMMU_GET_INFO ---- */

/*
 * Walk a VFIO capability chain whole (as iommufmt_caps_find() does for this
 * library's chains) and return the first capability with @id. The rules are
 * VFIO's own: offsets from the start of the reply, strictly ascending (so the
 * walk ends within len / 8 steps), 4-byte aligned because kernels before
 * Linux 6.6 did not round capabilities to 8 bytes.
 */
static int vfio_chain_find(const uint8_t *buf, size_t len, uint32_t cap_offset, uint16_t id,
			   size_t *found, size_t *found_len, uint16_t *found_ver,
			   struct iommufmt_diag *diag)
{
	size_t pos = cap_offset, floor = VFIO_INFO_CAPSZ;
	unsigned int idx = 0;

	*found = 0;
	while (pos) {
		uint16_t cid, ver;
		uint32_t next;
		size_t end;

		if (pos & 3)
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_CAP_MISALIGNED,
						 idx ? "next" : "cap_offset",
						 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_INDEX, pos, 0, idx,
						 "VFIO capability %u at %zu is not 4-byte aligned",
						 idx, pos);
		if (pos < floor)
			return iommufmt__diag_ex(diag,
						 idx ? IOMMUFMT_DIAG_CAP_BACKWARDS :
						 IOMMUFMT_DIAG_CAP_IN_HEADER,
						 idx ? "next" : "cap_offset",
						 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
						 IOMMUFMT__DV_INDEX, pos, floor, idx,
						 "VFIO capability %u at %zu lies below %zu",
						 idx, pos, floor);
		if (pos >= len || len - pos < VFIO_CAP_HDR)
			return iommufmt__diag_ex(diag,
						 pos >= len ? IOMMUFMT_DIAG_CAP_OUT_OF_BOUNDS :
						 IOMMUFMT_DIAG_CAP_TRUNCATED,
						 idx ? "next" : "cap_offset",
						 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
						 IOMMUFMT__DV_INDEX, pos, len, idx,
						 "VFIO capability %u at %zu is outside the %zu bytes",
						 idx, pos, len);
		memcpy(&cid, buf + pos, sizeof(cid));
		memcpy(&ver, buf + pos + 2, sizeof(ver));
		next = rd32(buf + pos + 4);
		if (next && next <= pos)
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_CAP_BACKWARDS, "next",
						 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
						 IOMMUFMT__DV_INDEX, next, pos, idx,
						 "VFIO capability %u (id %u) at %zu: next %u points back (loop)",
						 idx, cid, pos, next);
		if (next && next < pos + VFIO_CAP_HDR)
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_CAP_OVERLAP, "next",
						 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_INDEX, next, 0, idx,
						 "VFIO capability %u: next %u overlaps its header",
						 idx, next);
		end = next && next < len ? next : len;
		if (cid == id && !*found) {
			*found = pos;
			*found_len = end - pos;
			*found_ver = ver;
		}
		floor = pos + VFIO_CAP_HDR;
		pos = next;
		idx++;
	}
	return 0;
}

IOMMUFMT_EXPORT int iommufmt_iova_import_vfio(struct iommufmt_iova_space *sp, const void *buf,
					      size_t len, struct iommufmt_diag *diag)
{
	const uint8_t *b = buf;
	struct iommufmt_iova_range *rg;
	uint32_t argsz, flags, cap_offset, nr, rsvd;
	uint64_t pgsizes;
	size_t trusted, at, avail;
	uint16_t ver;
	int rc;

	if (!sp || !buf)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "buf",
				      "missing space or reply");
	if (len < VFIO_INFO_MIN)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_ARGSZ_SMALL, "len",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, len, VFIO_INFO_MIN,
					 0, "a %zu-byte reply is shorter than the fixed part", len);
	argsz = rd32(b);
	flags = rd32(b + 4);
	pgsizes = rd64(b + 8);
	if (argsz < VFIO_INFO_MIN)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_ARGSZ_SMALL, "argsz",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, argsz,
					 VFIO_INFO_MIN, 0, "argsz %u is below the fixed part", argsz);
	trusted = argsz < len ? argsz : len;
	if (!(flags & VFIO_INFO_FLAGS_CAPS) || trusted < VFIO_INFO_CAPSZ)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_VFIO_NO_RANGES, "flags",
					 IOMMUFMT__DV_VALUE, flags, 0, 0,
					 "the reply carries no capability chain");
	cap_offset = rd32(b + 16);
	if (!cap_offset)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_VFIO_TRUNCATED,
					 "argsz", IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, len, argsz,
					 0, "the chain did not fit: ask again with argsz %u", argsz);
	rc = vfio_chain_find(b, trusted, cap_offset, VFIO_CAP_IOVA_RANGE, &at, &avail, &ver, diag);
	if (rc)
		return rc;
	if (!at)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_IOVA_VFIO_NO_RANGES, "id",
				      "no IOVA-range capability in the chain");
	if (ver != 1)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_CAP_VERSION, "version",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, ver, 1, 0,
					 "IOVA-range capability version %u not understood", ver);
	if (avail < VFIO_CAP_IOVA_FIXED)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_CAP_TRUNCATED, "nr_iovas",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, avail,
					 VFIO_CAP_IOVA_FIXED, 0,
					 "IOVA-range capability cut off after %zu bytes", avail);
	nr = rd32(b + at + 8);
	rsvd = rd32(b + at + 12);
	if (rsvd)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_RESERVED_NONZERO,
					 "reserved", IOMMUFMT__DV_VALUE, rsvd, 0, 0,
					 "IOVA-range capability: reserved field is 0x%x", rsvd);
	if ((avail - VFIO_CAP_IOVA_FIXED) / VFIO_IOVA_RANGE_SZ < nr)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_CAP_TRUNCATED, "nr_iovas",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, nr,
					 (avail - VFIO_CAP_IOVA_FIXED) / VFIO_IOVA_RANGE_SZ, 0,
					 "nr_iovas %u does not fit the %zu-byte capability",
					 nr, avail);
	/* Linux leaves the capability out rather than send an empty list. */
	if (!nr)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_IOVA_ZERO_LENGTH, "nr_iovas",
				      "the IOVA-range capability lists no range");
	rg = iommufmt__malloc_array((size_t)nr + 1, sizeof(*rg));
	if (!rg)
		return -ENOMEM;
	for (uint32_t i = 0; i < nr; i++) {
		const uint8_t *e = b + at + VFIO_CAP_IOVA_FIXED + (size_t)i * VFIO_IOVA_RANGE_SZ;

		rg[i].start = rd64(e);
		rg[i].last = rd64(e + 8);
		if (rg[i].start > rg[i].last) {
			rc = iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_RANGE_INVERTED,
					       "iova_ranges", IOMMUFMT__DV_VALUE |
					       IOMMUFMT__DV_LIMIT | IOMMUFMT__DV_INDEX,
					       rg[i].start, rg[i].last, i,
					       "IOVA range %u starts after its end", i);
			iommufmt__free(rg);
			return rc;
		}
	}
	rc = iommufmt_iova_space_add_domain(sp, rg, nr,
					    (flags & VFIO_INFO_FLAGS_PGSIZES) ? pgsizes : 0, diag);
	iommufmt__free(rg);
	return rc;
}

/* ---- virtio-iommu PROBE properties ---- */

IOMMUFMT_EXPORT int iommufmt_iova_import_virtio(struct iommufmt_iova_space *sp, const void *props,
						size_t len, struct iommufmt_diag *diag)
{
	const uint8_t *p = props;
	struct iommufmt_resv_region *rg;
	size_t pos = 0, n = 0;
	uint32_t idx = 0;
	int rc;

	if (!sp || (!props && len))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "props",
				      "missing space or properties");
	/* Every RESV_MEM property takes at least 24 bytes. */
	rg = iommufmt__malloc_array(len / (VIOMMU_PROP_HDR + VIOMMU_RESV_MEM_LEN) + 1, sizeof(*rg));
	if (!rg)
		return -ENOMEM;
	while (pos < len) {
		uint16_t raw, plen, type;

		if (len - pos < VIOMMU_PROP_HDR) {
			if (iommufmt_is_zero(p + pos, len - pos))
				break;
			rc = iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_PROP_OVERRUN, "head",
					       IOMMUFMT__DV_VALUE | IOMMUFMT__DV_INDEX, pos, 0, idx,
					       "property %u header cut off at byte %zu", idx, pos);
			goto fail;
		}
		raw = le16(p + pos);
		plen = le16(p + pos + 2);
		type = raw & VIOMMU_PROP_T_MASK;
		if (type == VIOMMU_PROP_T_NONE)
			break;
		if (plen > len - pos - VIOMMU_PROP_HDR) {
			rc = iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_PROP_OVERRUN,
					       "length", IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
					       IOMMUFMT__DV_INDEX, plen,
					       len - pos - VIOMMU_PROP_HDR, idx,
					       "property %u (type %u) of %u bytes runs past the end",
					       idx, type, plen);
			goto fail;
		}
		/* Reserved type bits set: the property must be ignored; unknown
		 * types are skipped by their own length, never by their type. */
		if (!(raw & ~VIOMMU_PROP_T_MASK) && type == VIOMMU_PROP_T_RESV_MEM) {
			const uint8_t *e = p + pos + VIOMMU_PROP_HDR;

			if (plen < VIOMMU_RESV_MEM_LEN) {
				rc = iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_PROP_SHORT,
						       "length", IOMMUFMT__DV_VALUE |
						       IOMMUFMT__DV_LIMIT | IOMMUFMT__DV_INDEX, plen,
						       VIOMMU_RESV_MEM_LEN, idx,
						       "RESV_MEM property %u has %u bytes, needs %u",
						       idx, plen, VIOMMU_RESV_MEM_LEN);
				goto fail;
			}
			/* subtype@0, reserved[3] (ignored, as the spec says), start@4, end@12 */
			rg[n].start = iommufmt__le64(e + 4);
			rg[n].last = iommufmt__le64(e + 12);
			rg[n].type = e[0] == VIOMMU_RESV_MEM_T_MSI ? IOMMUFMT_RESV_MSI :
				     IOMMUFMT_RESV_RESERVED;
			rg[n].flags = 0;
			if (rg[n].start > rg[n].last) {
				rc = iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_RANGE_INVERTED,
						       "start", IOMMUFMT__DV_VALUE |
						       IOMMUFMT__DV_LIMIT | IOMMUFMT__DV_INDEX,
						       rg[n].start, rg[n].last, idx,
						       "RESV_MEM property %u starts after its end", idx);
				goto fail;
			}
			n++;
		}
		pos += VIOMMU_PROP_HDR + (size_t)plen;
		idx++;
	}
	rc = iommufmt_iova_space_add_resv(sp, rg, (__u32)n, diag);
	iommufmt__free(rg);
	return rc ? rc : (int)n;
fail:
	iommufmt__free(rg);
	return rc;
}

/* ---- /sys/kernel/iommu_groups/N/reserved_regions ---- */

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* "0x" and 1 to 16 hex digits. */
static bool parse_hex(const char *s, size_t end, size_t *pos, uint64_t *v)
{
	size_t i = *pos, digits = 0;
	uint64_t x = 0;

	if (end - i < 3 || s[i] != '0' || (s[i + 1] != 'x' && s[i + 1] != 'X'))
		return false;
	for (i += 2; i < end; i++, digits++) {
		char c = s[i];
		unsigned int d;

		if (c >= '0' && c <= '9')
			d = (unsigned int)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned int)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned int)(c - 'A' + 10);
		else
			break;
		if (digits == 16)
			return false;
		x = x << 4 | d;
	}
	if (!digits)
		return false;
	*pos = i;
	*v = x;
	return true;
}

static bool is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_';
}

static size_t skip_blanks(const char *text, size_t i, size_t end)
{
	while (i < end && is_blank(text[i]))
		i++;
	return i;
}

/*
 * One line of reserved_regions, text[i..end): "0xSTART 0xLAST TYPE" as the
 * kernel's iommu_group_show_resv_regions() prints it ("0x%016llx 0x%016llx
 * %s\n").  Returns 1 with a region, 0 for a blank line, -1 for anything else.
 * An unknown TYPE word is kept as plain reserved: a newer kernel's type
 * still must not be mapped over.
 */
static int sysfs_parse_line(const char *text, size_t i, size_t end, struct iommufmt_resv_region *r)
{
	uint64_t start, last;
	size_t w;
	int t;

	i = skip_blanks(text, i, end);
	if (i == end)
		return 0;
	if (!parse_hex(text, end, &i, &start) || i == end || !is_blank(text[i]))
		return -1;
	i = skip_blanks(text, i, end);
	if (!parse_hex(text, end, &i, &last) || i == end || !is_blank(text[i]))
		return -1;
	i = skip_blanks(text, i, end);
	w = i;
	while (i < end && is_word(text[i]))
		i++;
	if (i == w)
		return -1;
	t = iommufmt_resv_type_by_name(text + w, i - w);
	if (skip_blanks(text, i, end) != end)
		return -1;
	r->start = start;
	r->last = last;
	r->type = t < 0 ? IOMMUFMT_RESV_RESERVED : (uint32_t)t;
	r->flags = 0;
	return 1;
}

IOMMUFMT_EXPORT int iommufmt_iova_import_sysfs(struct iommufmt_iova_space *sp, const char *text,
					       size_t len, struct iommufmt_diag *diag)
{
	struct iommufmt_resv_region *rg;
	size_t pos = 0, lines = 1, n = 0;
	uint32_t line = 0;
	int rc;

	if (!sp || (!text && len))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "text",
				      "missing space or text");
	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n';
	rg = iommufmt__malloc_array(lines, sizeof(*rg));
	if (!rg)
		return -ENOMEM;
	/* one region per line at most: the line count bounds the array */
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		uint64_t s, l;
		int got;

		line++;
		got = sysfs_parse_line(text, pos, end, &rg[n]);
		pos = end + 1;
		if (got < 0)
			goto syntax;
		if (!got)
			continue;
		s = rg[n].start;
		l = rg[n].last;
		if (s > l) {
			iommufmt__free(rg);
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_RANGE_INVERTED,
						 "start", IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
						 IOMMUFMT__DV_INDEX, s, l, line,
						 "line %u: start 0x%llx is after last 0x%llx", line,
						 (unsigned long long)s, (unsigned long long)l);
		}
		n++;
	}
	rc = iommufmt_iova_space_add_resv(sp, rg, (__u32)n, diag);
	iommufmt__free(rg);
	return rc ? rc : (int)n;
syntax:
	iommufmt__free(rg);
	return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_SYSFS_SYNTAX, "text",
				 IOMMUFMT__DV_INDEX, 0, 0, line,
				 "line %u is not \"0xSTART 0xLAST TYPE\"", line);
}

/* ---- iommufd IOMMU_IOAS_IOVA_RANGES ---- */

IOMMUFMT_EXPORT int iommufmt_iova_import_iommufd(struct iommufmt_iova_space *sp,
						 const void *ranges, size_t len, __u32 num_iovas,
						 __u64 iova_alignment, struct iommufmt_diag *diag)
{
	const uint8_t *b = ranges;
	struct iommufmt_iova_range *rg;
	int rc;

	if (!sp || (!ranges && num_iovas))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "ranges",
				      "missing space or ranges");
	if (num_iovas > len / sizeof(*rg))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_OVERFLOW, "num_iovas",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, num_iovas,
					 len / sizeof(*rg), 0,
					 "%u ranges do not fit %zu bytes", num_iovas, len);
	if (!iova_alignment || (iova_alignment & (iova_alignment - 1)))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE,
					 "out_iova_alignment", IOMMUFMT__DV_VALUE, iova_alignment,
					 0, 0, "alignment 0x%llx is not a power of two",
					 (unsigned long long)iova_alignment);
	rg = iommufmt__malloc_array((size_t)num_iovas + 1, sizeof(*rg));
	if (!rg)
		return -ENOMEM;
	for (uint32_t i = 0; i < num_iovas; i++) {
		rg[i].start = rd64(b + (size_t)i * sizeof(*rg));
		rg[i].last = rd64(b + (size_t)i * sizeof(*rg) + 8);
		if (rg[i].start > rg[i].last) {
			rc = iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_RANGE_INVERTED,
					       "start", IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
					       IOMMUFMT__DV_INDEX, rg[i].start, rg[i].last, i,
					       "range %u starts after its last address", i);
			goto out;
		}
		if (i && rg[i].start <= rg[i - 1].last) {
			rc = iommufmt__diag_ex(diag, IOMMUFMT_DIAG_IOVA_UNSORTED, "start",
					       IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
					       IOMMUFMT__DV_INDEX, rg[i].start, rg[i - 1].last, i,
					       "range %u is not after range %u", i, i - 1);
			goto out;
		}
	}
	rc = iommufmt_iova_space_add_domain(sp, rg, num_iovas, ~(iova_alignment - 1), diag);
out:
	iommufmt__free(rg);
	return rc;
}
