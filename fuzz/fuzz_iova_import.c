/* SPDX-License-Identifier: MIT */
/* Fuzz target: the IOVA importers (VFIO info + chain, virtio-iommu PROBE, sysfs text, iommufd) against reference parsers. */
#include <errno.h>

#include "fuzz/iova_ref.h"

/*
 * Input: one byte picks the importer (bits 0-1), IOMMUFMT_IOVA_SPACE_RELAX
 * (bit 2) and how many ranges and regions to add first (bits 3-5, so that
 * "on error the space is unchanged" has something to lose); those come as
 * (u8 kind, u64, u64) each. iommufd takes a u32 count and an alignment
 * (u8 log2, or 0xff and a raw u64) next. The rest is the importer's buffer.
 *
 * Each importer is checked against a parser written here from its
 * documentation (and, for the foreign formats, from the kernel's and the
 * virtio specification's layouts): it must succeed exactly when the
 * reference does, return the reference's error otherwise, and on success
 * the space must equal the space before combined with what the reference
 * read (usable = before ∩ aperture, or before − regions; regions merged in
 * by start, earlier ones first; page sizes AND-ed).
 */

enum { IMP_VFIO, IMP_VIRTIO, IMP_SYSFS, IMP_IOMMUFD };

/* What a reference parser read. */
struct imported {
	int rc;			/* the return value the importer must give */
	struct rl aperture;	/* VFIO, iommufd: the domain's ranges, normalized */
	bool have_pgsizes;
	uint64_t pgsizes;
	struct iommufmt_resv_region *regions;	/* virtio, sysfs */
	size_t nr_regions;
};

static uint32_t get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static uint64_t get64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

static uint64_t le64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/*
 * VFIO_IOMMU_GET_INFO (include/uapi/linux/vfio.h): struct
 * vfio_iommu_type1_info {argsz, flags, iova_pgsizes@8, cap_offset@16, pad},
 * flags bit 0 = pgsizes valid, bit 1 = caps; capabilities {u16 id, u16
 * version, u32 next} with offsets from the start, the IOVA-range capability
 * (id 1, version 1) {header, u32 nr_iovas, u32 reserved, {u64 start, u64
 * end}[]}. Chain rules as documented at iommufmt_iova_import_vfio().
 */
static void ref_vfio(const uint8_t *b, size_t len, struct imported *im)
{
	uint32_t argsz, flags, pos, floor = 20, nr;
	size_t trusted, at = 0, avail = 0;
	uint16_t ver = 0;

	im->rc = -EINVAL;
	if (len < 16 || (argsz = get32(b)) < 16)
		return;
	flags = get32(b + 4);
	trusted = argsz < len ? argsz : len;
	im->rc = -ENOENT;
	if (!(flags & 2) || trusted < 20)
		return;
	pos = get32(b + 16);
	im->rc = -EMSGSIZE;
	if (!pos)
		return;
	im->rc = -EINVAL;
	while (pos) {
		uint32_t next;
		uint16_t id;

		if (pos % 4 || pos < floor || pos >= trusted || trusted - pos < 8)
			return;
		next = get32(b + pos + 4);
		/* strictly ascending, past this header */
		if (next && next < pos + 8)
			return;
		memcpy(&id, b + pos, 2);
		if (!at && id == 1) {
			at = pos;
			avail = (next && next < trusted ? next : trusted) - pos;
			memcpy(&ver, b + pos + 2, 2);
		}
		floor = pos + 8;
		pos = next;
	}
	im->rc = -ENOENT;
	if (!at)
		return;
	im->rc = -EOPNOTSUPP;
	if (ver != 1)
		return;
	im->rc = -EINVAL;
	if (avail < 16)
		return;
	nr = get32(b + at + 8);
	im->rc = -EOPNOTSUPP;
	if (get32(b + at + 12))
		return;
	im->rc = -EINVAL;
	if ((avail - 16) / 16 < nr || !nr)
		return;
	for (uint32_t i = 0; i < nr; i++) {
		uint64_t s = get64(b + at + 16 + 16 * (size_t)i), e = get64(b + at + 24 + 16 * (size_t)i);

		if (s > e)
			return;
		rl_push(&im->aperture, s, e);
	}
	rl_normalize(&im->aperture);
	im->have_pgsizes = (flags & 1) && get64(b + 8);
	im->pgsizes = get64(b + 8);
	im->rc = 0;
}

/* virtio-iommu PROBE properties (virtio spec 5.13.6.7; little-endian). */
static void ref_virtio(const uint8_t *p, size_t len, struct imported *im)
{
	size_t pos = 0;

	im->regions = malloc((len / 24 + 1) * sizeof(*im->regions));
	FUZZ_CHECK(im->regions != NULL);
	im->rc = -EINVAL;
	while (pos < len) {
		unsigned int raw, plen, type;

		if (len - pos < 4) {
			for (; pos < len; pos++)
				if (p[pos])
					return;	/* a cut-off header */
			break;
		}
		raw = p[pos] | p[pos + 1] << 8;
		plen = p[pos + 2] | p[pos + 3] << 8;
		type = raw & 0xfff;
		if (!type)
			break;	/* VIRTIO_IOMMU_PROBE_T_NONE ends the list */
		if (plen > len - pos - 4)
			return;
		if (type == 1 && !(raw & 0xf000)) {	/* RESV_MEM, no reserved type bits */
			const uint8_t *e = p + pos + 4;
			struct iommufmt_resv_region *g = &im->regions[im->nr_regions];

			if (plen < 20)
				return;
			g->start = le64(e + 4);
			g->last = le64(e + 12);
			g->type = e[0] == 1 ? IOMMUFMT_RESV_MSI : IOMMUFMT_RESV_RESERVED;
			g->flags = 0;
			if (g->start > g->last)
				return;
			im->nr_regions++;
		}
		pos += 4 + plen;
	}
	im->rc = (int)im->nr_regions;
}

static bool sysfs_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* "0x" then 1 to 16 hex digits, followed by a blank (never the line's end). */
static bool sysfs_hex(const char *s, size_t end, size_t *i, uint64_t *v)
{
	size_t k = *i, digits = 0;

	if (end - k < 3 || s[k] != '0' || (s[k + 1] != 'x' && s[k + 1] != 'X'))
		return false;
	*v = 0;
	for (k += 2; k < end && hexval(s[k]) >= 0; k++, digits++)
		*v = *v << 4 | (uint64_t)hexval(s[k]);
	if (!digits || digits > 16 || k == end || !sysfs_blank(s[k]))
		return false;
	*i = k;
	return true;
}

static bool sysfs_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_';
}

static int sysfs_type(const char *w, size_t n)
{
	static const char *const names[] = { "reserved", "msi", "sw-msi", "direct",
					     "direct-relaxable", "bridge-window" };

	for (int t = 0; t < (int)(sizeof(names) / sizeof(names[0])); t++)
		if (strlen(names[t]) == n && !memcmp(names[t], w, n))
			return t;
	if (n == 6 && !memcmp(w, "msi-sw", 6))
		return IOMMUFMT_RESV_SW_MSI;
	return IOMMUFMT_RESV_RESERVED;	/* an unknown word: never mapped */
}

/* /sys/kernel/iommu_groups/N/reserved_regions: "0xSTART 0xLAST TYPE" lines. */
static void ref_sysfs(const char *t, size_t len, struct imported *im)
{
	size_t pos = 0, lines = 1;

	for (size_t i = 0; i < len; i++)
		lines += t[i] == '\n';
	im->regions = malloc(lines * sizeof(*im->regions));
	FUZZ_CHECK(im->regions != NULL);
	im->rc = -EINVAL;
	while (pos < len) {
		size_t end = pos, i, w;
		uint64_t s, l;
		struct iommufmt_resv_region *g;

		while (end < len && t[end] != '\n')
			end++;
		i = pos;
		pos = end + 1;
		while (i < end && sysfs_blank(t[i]))
			i++;
		if (i == end)
			continue;
		if (!sysfs_hex(t, end, &i, &s))
			return;
		while (i < end && sysfs_blank(t[i]))
			i++;
		if (!sysfs_hex(t, end, &i, &l))
			return;
		while (i < end && sysfs_blank(t[i]))
			i++;
		for (w = i; i < end && sysfs_word(t[i]); i++)
			;
		if (i == w)
			return;
		g = &im->regions[im->nr_regions];
		g->type = (uint32_t)sysfs_type(t + w, i - w);
		while (i < end && sysfs_blank(t[i]))
			i++;
		if (i != end || s > l)
			return;
		g->start = s;
		g->last = l;
		g->flags = 0;
		im->nr_regions++;
	}
	im->rc = (int)im->nr_regions;
}

/* IOMMU_IOAS_IOVA_RANGES (include/uapi/linux/iommufd.h): {u64 start, u64 last}[]. */
static void ref_iommufd(const uint8_t *b, size_t len, uint32_t num, uint64_t align,
			struct imported *im)
{
	im->rc = -EINVAL;
	if (num > len / 16 || !align || (align & (align - 1)))
		return;
	for (uint32_t i = 0; i < num; i++) {
		uint64_t s = get64(b + 16 * (size_t)i), e = get64(b + 16 * (size_t)i + 8);

		if (s > e || (i && s <= im->aperture.v[im->aperture.n - 1].last))
			return;
		rl_push(&im->aperture, s, e);
	}
	rl_normalize(&im->aperture);
	im->have_pgsizes = true;
	im->pgsizes = ~(align - 1);
	im->rc = 0;
}

/* The regions a successful import must leave: the old ones and the new, stably by start. */
static void expected_resv(const struct iova_snap *before, const struct imported *im, bool relax,
			  struct iommufmt_resv_region *out, size_t *n)
{
	size_t k = 0, i = 0;

	*n = 0;
	for (size_t r = 0; r < im->nr_regions; r++) {
		struct iommufmt_resv_region g = im->regions[r];
		size_t j = k;

		if (relax && g.type == IOMMUFMT_RESV_DIRECT_RELAXABLE)
			continue;	/* dropped when added */
		while (j && out[j - 1].start > g.start) {
			out[j] = out[j - 1];
			j--;
		}
		out[j] = g;
		k++;
	}
	/* merge, the regions added earlier first on equal starts */
	memmove(out + before->nr_resv, out, k * sizeof(*out));
	for (size_t j = before->nr_resv; i < before->nr_resv || j < before->nr_resv + k;) {
		if (j == before->nr_resv + k ||
		    (i < before->nr_resv && before->resv[i].start <= out[j].start))
			out[(*n)++] = before->resv[i++];
		else
			out[(*n)++] = out[j++];
	}
}

/* The space after a successful import, from the space before and what was read. */
static void check_after(const struct iova_snap *before, const struct iova_snap *after,
			const struct imported *im, bool relax, bool had_pgsizes)
{
	struct rl exp = { 0 }, prev = { 0 };

	for (__u32 u = 0; u < before->nr_usable; u++)
		rl_push(&prev, before->usable[u].start, before->usable[u].last);
	if (im->regions) {
		struct iommufmt_resv_region *want;
		size_t n;

		rl_copy(&exp, &prev);
		for (size_t r = 0; r < im->nr_regions; r++)
			if (!(relax && im->regions[r].type == IOMMUFMT_RESV_DIRECT_RELAXABLE))
				rl_subtract_one(&exp, im->regions[r].start, im->regions[r].last);
		FUZZ_CHECK(rl_equal(&exp, after->usable, after->nr_usable));
		FUZZ_CHECK(after->pgsizes == before->pgsizes);
		want = malloc((before->nr_resv + im->nr_regions + 1) * sizeof(*want));
		FUZZ_CHECK(want != NULL);
		expected_resv(before, im, relax, want, &n);
		FUZZ_CHECK(after->nr_resv == n && !memcmp(after->resv, want, n * sizeof(*want)));
		free(want);
	} else {
		rl_intersect(&exp, &prev, &im->aperture);
		FUZZ_CHECK(rl_equal(&exp, after->usable, after->nr_usable));
		FUZZ_CHECK(after->nr_resv == before->nr_resv &&
			   !memcmp(after->resv, before->resv, after->nr_resv * sizeof(*after->resv)));
		if (!im->have_pgsizes)
			FUZZ_CHECK(after->pgsizes == before->pgsizes);
		else
			FUZZ_CHECK(after->pgsizes == (had_pgsizes ? before->pgsizes & im->pgsizes :
						      im->pgsizes));
	}
	rl_free(&exp);
	rl_free(&prev);
}

/*
 * A few ranges and regions added before the import, all valid. Returns
 * whether a domain gave page sizes (the AND of the bitmaps given may be 0).
 */
static bool prepopulate(struct iommufmt_iova_space *sp, struct fuzz_in *in, unsigned int n)
{
	bool have = false;

	for (unsigned int i = 0; i < n; i++) {
		uint8_t kind = fuzz_u8(in);
		uint64_t a = fuzz_u64(in), b = fuzz_u64(in);
		struct iommufmt_iova_range r = { a < b ? a : b, a < b ? b : a };

		if (kind & 1) {
			struct iommufmt_resv_region g = { r.start, r.last, (kind >> 1) % 6, 0 };

			FUZZ_CHECK(iommufmt_iova_space_add_resv(sp, &g, 1, NULL) == 0);
		} else {
			FUZZ_CHECK(iommufmt_iova_space_add_domain(sp, &r, 1,
								  (uint64_t)(kind >> 1) << 12,
								  NULL) == 0);
			have |= kind >> 1 != 0;
		}
	}
	return have;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int errs[] = { -EINVAL, -ENOENT, -EMSGSIZE, -EOPNOTSUPP, 0 };
	struct fuzz_in in;
	struct iommufmt_iova_space *sp;
	struct iova_snap before, after;
	struct imported im = { 0 };
	struct iommufmt_diag d;
	const uint8_t *buf;
	uint8_t mode;
	uint32_t num = 0;
	uint64_t align = 1;
	size_t len;
	bool relax, had_pgsizes;
	int rc;

	fuzz_in_init(&in, data, size);
	mode = fuzz_u8(&in);
	relax = mode & 4;
	sp = iommufmt_iova_space_new(relax ? IOMMUFMT_IOVA_SPACE_RELAX : 0);
	FUZZ_CHECK(sp != NULL);
	had_pgsizes = prepopulate(sp, &in, (mode >> 3) & 7);
	if ((mode & 3) == IMP_IOMMUFD) {
		uint8_t lg;

		num = fuzz_u32(&in);
		lg = fuzz_u8(&in);
		align = lg == 0xff ? fuzz_u64(&in) : UINT64_C(1) << (lg % 64);
	}
	buf = fuzz_rest(&in, &len);
	/* an exact copy, so that ASan sees any read past the importer's buffer */
	{
		uint8_t *copy = malloc(len ? len : 1);

		FUZZ_CHECK(copy != NULL);
		if (len)
			memcpy(copy, buf, len);
		buf = copy;
	}
	iova_snap_take(sp, &before);
	iommufmt_diag_init(&d);
	switch (mode & 3) {
	case IMP_VFIO:
		ref_vfio(buf, len, &im);
		rc = iommufmt_iova_import_vfio(sp, buf, len, &d);
		break;
	case IMP_VIRTIO:
		ref_virtio(buf, len, &im);
		rc = iommufmt_iova_import_virtio(sp, buf, len, &d);
		break;
	case IMP_SYSFS:
		ref_sysfs((const char *)buf, len, &im);
		rc = iommufmt_iova_import_sysfs(sp, (const char *)buf, len, &d);
		break;
	default:
		ref_iommufd(buf, len, num, align, &im);
		rc = iommufmt_iova_import_iommufd(sp, buf, len, num, align, &d);
		break;
	}
	iova_snap_take(sp, &after);
	FUZZ_CHECK(rc == im.rc);
	if (rc < 0) {
		FUZZ_CHECK(errno_in(rc, errs) && d.error == rc && d.code != IOMMUFMT_DIAG_OK);
		FUZZ_CHECK(iova_snap_equal(&before, &after));
	} else {
		FUZZ_CHECK(d.error == 0 && d.code == IOMMUFMT_DIAG_OK);
		check_after(&before, &after, &im, relax, had_pgsizes);
	}
	iova_snap_free(&before);
	iova_snap_free(&after);
	rl_free(&im.aperture);
	free(im.regions);
	free((void *)buf);
	iommufmt_iova_space_free(sp);
	return 0;
}
