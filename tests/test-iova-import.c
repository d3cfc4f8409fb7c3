/* SPDX-License-Identifier: MIT */
/* Tests of the IOVA importers on buffers built with the kernel's own headers, and on hostile ones. */
#include <endian.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/vfio.h>
#include <linux/virtio_iommu.h>
#if defined(__has_include)
#if __has_include(<linux/iommufd.h>)
#include <linux/iommufd.h>
#define HAVE_IOMMUFD_H 1
#endif
#endif

#include <iommufmt/iommufmt.h>
#include "tests/testutil.h"

#ifndef HAVE_IOMMUFD_H
/* Linux before 6.2 has no iommufd.h: struct iommu_iova_range, as iommufd defines it. */
struct iommu_iova_range {
	__aligned_u64 start;
	__aligned_u64 last;
};
#endif

static void usable_eq(struct iommufmt_iova_space *sp, const struct iommufmt_iova_range *want,
		      __u32 nw)
{
	struct iommufmt_iova_range got[16];
	__u32 n = 16;

	ck_assert_int_eq(iommufmt_iova_space_usable(sp, got, &n, NULL), 0);
	ck_assert_uint_eq(n, nw);
	for (__u32 i = 0; i < nw; i++) {
		ck_assert_uint_eq(got[i].start, want[i].start);
		ck_assert_uint_eq(got[i].last, want[i].last);
	}
}

static void untouched(struct iommufmt_iova_space *sp)
{
	static const struct iommufmt_iova_range all = { 0, UINT64_MAX };
	__u32 n = 0;

	usable_eq(sp, &all, 1);
	ck_assert_int_eq(iommufmt_iova_space_resv(sp, NULL, &n, NULL), 0);
	ck_assert_uint_eq(n, 0);
}

/* ======== VFIO_IOMMU_GET_INFO ======== */

struct vfio_reply {
	unsigned char b[512];
	size_t len;
	size_t iova_at;		/* offset of the IOVA-range capability */
	size_t mig_at;
	size_t avail_at;
};

/*
 * What vfio_iommu_type1_get_info() writes: the info struct, then the
 * migration, DMA-available and IOVA-range capabilities in that order. With
 * @aligned each capability is rounded up to 8 bytes (Linux 6.6 and later);
 * without, the 12-byte DMA-available capability leaves the IOVA ranges at a
 * 4-byte boundary (Linux 5.10 to 6.5).
 */
static void build_vfio(struct vfio_reply *r, int aligned)
{
	struct vfio_iommu_type1_info info;
	struct vfio_iommu_type1_info_cap_migration mig;
	struct vfio_iommu_type1_info_dma_avail avail;
	struct vfio_iommu_type1_info_cap_iova_range iova;
	struct vfio_iova_range rg[2] = { { 0, 0xfedfffff }, { 0xfef00000, (1ull << 48) - 1 } };
	size_t pos = sizeof(info), avail_sz = sizeof(avail);

	memset(r, 0, sizeof(*r));
	memset(&mig, 0, sizeof(mig));
	mig.header.id = VFIO_IOMMU_TYPE1_INFO_CAP_MIGRATION;
	mig.header.version = 1;
	mig.pgsize_bitmap = 0x1000;
	r->mig_at = pos;
	mig.header.next = (__u32)(pos + sizeof(mig));
	memcpy(r->b + pos, &mig, sizeof(mig));
	pos += sizeof(mig);

	memset(&avail, 0, sizeof(avail));
	avail.header.id = VFIO_IOMMU_TYPE1_INFO_DMA_AVAIL;
	avail.header.version = 1;
	avail.avail = 65535;
	if (aligned)
		avail_sz = (avail_sz + 7) & ~(size_t)7;
	r->avail_at = pos;
	avail.header.next = (__u32)(pos + avail_sz);
	memcpy(r->b + pos, &avail, sizeof(avail));
	pos += avail_sz;

	memset(&iova, 0, sizeof(iova));
	iova.header.id = VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE;
	iova.header.version = 1;
	iova.nr_iovas = 2;
	r->iova_at = pos;
	memcpy(r->b + pos, &iova, sizeof(iova));
	memcpy(r->b + pos + sizeof(iova), rg, sizeof(rg));
	pos += sizeof(iova) + sizeof(rg);

	memset(&info, 0, sizeof(info));
	info.argsz = (__u32)pos;
	info.flags = VFIO_IOMMU_INFO_PGSIZES | VFIO_IOMMU_INFO_CAPS;
	info.iova_pgsizes = 0x40201000;
	info.cap_offset = sizeof(info);
	memcpy(r->b, &info, sizeof(info));
	r->len = pos;
}

static void put32(struct vfio_reply *r, size_t at, __u32 v)
{
	memcpy(r->b + at, &v, sizeof(v));
}

START_TEST(test_vfio_reply)
{
	static const struct iommufmt_iova_range want[2] = {
		{ 0, 0xfedfffff }, { 0xfef00000, (1ull << 48) - 1 } };
	struct vfio_reply r;
	struct iommufmt_diag d;

	for (int aligned = 0; aligned < 2; aligned++) {
		struct iommufmt_iova_space *sp = iommufmt_iova_space_new(0);

		build_vfio(&r, aligned);
		ck_assert_uint_eq(r.iova_at % 8, aligned ? 0 : 4);
		iommufmt_diag_init(&d);
		ck_assert_int_eq(iommufmt_iova_import_vfio(sp, r.b, r.len, &d), 0);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_OK);
		usable_eq(sp, want, 2);
		ck_assert_uint_eq(iommufmt_iova_space_pgsizes(sp), 0x40201000);
		iommufmt_iova_space_free(sp);
	}
}
END_TEST

/* One corruption of a good reply, and what it must give. */
struct vfio_case {
	const char *what;
	int err;
	unsigned int code;
	const char *field;
};

static void vfio_expect(struct vfio_reply *r, size_t len, const struct vfio_case *c)
{
	struct iommufmt_iova_space *sp = iommufmt_iova_space_new(0);
	struct iommufmt_diag d;
	int rc;

	iommufmt_diag_init(&d);
	rc = iommufmt_iova_import_vfio(sp, r->b, len, &d);
	ck_assert_msg(rc == c->err, "%s: got %d, want %d", c->what, rc, c->err);
	ck_assert_msg(d.code == c->code, "%s: code 0x%x (%s), want 0x%x", c->what, d.code,
		      iommufmt_diag_name(d.code), c->code);
	ck_assert_msg(!strcmp(d.field, c->field), "%s: field '%s', want '%s'", c->what, d.field,
		      c->field);
	untouched(sp);
	iommufmt_iova_space_free(sp);
}

START_TEST(test_vfio_hostile)
{
	struct vfio_reply r;
	struct vfio_iommu_type1_info info;

	/* the caller's buffer was too small: flag set, cap_offset 0, argsz raised */
	build_vfio(&r, 0);
	memcpy(&info, r.b, sizeof(info));
	info.cap_offset = 0;
	memcpy(r.b, &info, sizeof(info));
	vfio_expect(&r, sizeof(info), &(struct vfio_case){ "too small", -EMSGSIZE,
		    IOMMUFMT_DIAG_IOVA_VFIO_TRUNCATED, "argsz" });
	{
		struct iommufmt_diag d;
		struct iommufmt_iova_space *sp = iommufmt_iova_space_new(0);

		iommufmt_diag_init(&d);
		iommufmt_iova_import_vfio(sp, r.b, sizeof(info), &d);
		ck_assert_uint_eq(d.limit, r.len);
		iommufmt_iova_space_free(sp);
	}
	/* no chain at all (an old kernel) */
	build_vfio(&r, 0);
	memcpy(&info, r.b, sizeof(info));
	info.flags = VFIO_IOMMU_INFO_PGSIZES;
	memcpy(r.b, &info, sizeof(info));
	vfio_expect(&r, r.len, &(struct vfio_case){ "no caps", -ENOENT,
		    IOMMUFMT_DIAG_IOVA_VFIO_NO_RANGES, "flags" });
	/* a chain without the IOVA-range capability */
	build_vfio(&r, 0);
	put32(&r, r.avail_at + 4, 0);
	vfio_expect(&r, r.len, &(struct vfio_case){ "no iova cap", -ENOENT,
		    IOMMUFMT_DIAG_IOVA_VFIO_NO_RANGES, "id" });
	/* loops: back to the first capability, and onto itself */
	build_vfio(&r, 0);
	put32(&r, r.iova_at + 4, (__u32)r.mig_at);
	vfio_expect(&r, r.len, &(struct vfio_case){ "loop", -EINVAL,
		    IOMMUFMT_DIAG_CAP_BACKWARDS, "next" });
	build_vfio(&r, 0);
	put32(&r, r.avail_at + 4, (__u32)r.avail_at);
	vfio_expect(&r, r.len, &(struct vfio_case){ "self loop", -EINVAL,
		    IOMMUFMT_DIAG_CAP_BACKWARDS, "next" });
	/* next inside the header it follows */
	build_vfio(&r, 0);
	put32(&r, r.mig_at + 4, (__u32)r.mig_at + 4);
	vfio_expect(&r, r.len, &(struct vfio_case){ "next in header", -EINVAL,
		    IOMMUFMT_DIAG_CAP_OVERLAP, "next" });
	/* next past the end, misaligned, cap_offset into the fixed part */
	build_vfio(&r, 0);
	put32(&r, r.avail_at + 4, 400);
	vfio_expect(&r, r.len, &(struct vfio_case){ "next out of bounds", -EINVAL,
		    IOMMUFMT_DIAG_CAP_OUT_OF_BOUNDS, "next" });
	build_vfio(&r, 0);
	put32(&r, r.mig_at + 4, (__u32)r.avail_at + 2);
	vfio_expect(&r, r.len, &(struct vfio_case){ "misaligned", -EINVAL,
		    IOMMUFMT_DIAG_CAP_MISALIGNED, "next" });
	build_vfio(&r, 0);
	put32(&r, offsetof(struct vfio_iommu_type1_info, cap_offset), 8);
	vfio_expect(&r, r.len, &(struct vfio_case){ "cap in header", -EINVAL,
		    IOMMUFMT_DIAG_CAP_IN_HEADER, "cap_offset" });
	/* a header cut off by the end of the buffer */
	build_vfio(&r, 0);
	vfio_expect(&r, r.iova_at + 4, &(struct vfio_case){ "header cut", -EINVAL,
		    IOMMUFMT_DIAG_CAP_TRUNCATED, "next" });
	/* nr_iovas larger than the capability, the reply, or argsz */
	build_vfio(&r, 0);
	put32(&r, r.iova_at + 8, 3);
	vfio_expect(&r, r.len, &(struct vfio_case){ "nr_iovas too big", -EINVAL,
		    IOMMUFMT_DIAG_CAP_TRUNCATED, "nr_iovas" });
	build_vfio(&r, 0);
	put32(&r, r.iova_at + 8, 0xffffffffu);
	vfio_expect(&r, r.len, &(struct vfio_case){ "nr_iovas huge", -EINVAL,
		    IOMMUFMT_DIAG_CAP_TRUNCATED, "nr_iovas" });
	build_vfio(&r, 0);
	put32(&r, r.iova_at + 8, 0);
	vfio_expect(&r, r.len, &(struct vfio_case){ "nr_iovas zero", -EINVAL,
		    IOMMUFMT_DIAG_IOVA_ZERO_LENGTH, "nr_iovas" });
	build_vfio(&r, 0);
	vfio_expect(&r, r.len - 1, &(struct vfio_case){ "buffer short by one", -EINVAL,
		    IOMMUFMT_DIAG_CAP_TRUNCATED, "nr_iovas" });
	/* a range with start > end; the reserved field; a newer version */
	build_vfio(&r, 0);
	{
		__u64 bad = 0xfef00000ull - 1;

		memcpy(r.b + r.iova_at + 16 + 8, &bad, sizeof(bad));	/* end of range 0 */
		memcpy(r.b + r.iova_at + 16, (__u64[]){ 0xfef00000ull }, sizeof(bad));
	}
	vfio_expect(&r, r.len, &(struct vfio_case){ "inverted", -EINVAL,
		    IOMMUFMT_DIAG_IOVA_RANGE_INVERTED, "iova_ranges" });
	build_vfio(&r, 0);
	put32(&r, r.iova_at + 12, 1);
	vfio_expect(&r, r.len, &(struct vfio_case){ "reserved", -EOPNOTSUPP,
		    IOMMUFMT_DIAG_RESERVED_NONZERO, "reserved" });
	build_vfio(&r, 0);
	{
		__u16 v = 2;

		memcpy(r.b + r.iova_at + 2, &v, sizeof(v));
	}
	vfio_expect(&r, r.len, &(struct vfio_case){ "version 2", -EOPNOTSUPP,
		    IOMMUFMT_DIAG_CAP_VERSION, "version" });
	/* shorter than the fixed part; argsz below it */
	build_vfio(&r, 0);
	vfio_expect(&r, 15, &(struct vfio_case){ "len 15", -EINVAL,
		    IOMMUFMT_DIAG_ARGSZ_SMALL, "len" });
	put32(&r, 0, 12);
	vfio_expect(&r, r.len, &(struct vfio_case){ "argsz 12", -EINVAL,
		    IOMMUFMT_DIAG_ARGSZ_SMALL, "argsz" });
	/* argsz smaller than the chain: only argsz bytes are trusted */
	build_vfio(&r, 0);
	put32(&r, 0, (__u32)r.iova_at);
	vfio_expect(&r, r.len, &(struct vfio_case){ "argsz cuts chain", -EINVAL,
		    IOMMUFMT_DIAG_CAP_OUT_OF_BOUNDS, "next" });
}
END_TEST

/* ======== virtio-iommu PROBE properties ======== */

struct props {
	unsigned char b[512];
	size_t pos;
};

static void put_resv(struct props *p, __u16 type, __u16 length, __u8 subtype, __u64 start,
		     __u64 end, __u8 rsvd)
{
	struct virtio_iommu_probe_resv_mem m;

	memset(&m, 0, sizeof(m));
	m.head.type = htole16(type);
	m.head.length = htole16(length);
	m.subtype = subtype;
	m.reserved[1] = rsvd;
	m.start = htole64(start);
	m.end = htole64(end);
	memcpy(p->b + p->pos, &m, sizeof(m));
	p->pos += sizeof(struct virtio_iommu_probe_property) + length;
}

static void put_prop(struct props *p, __u16 type, __u16 length, unsigned char fill)
{
	struct virtio_iommu_probe_property h = { htole16(type), htole16(length) };

	memcpy(p->b + p->pos, &h, sizeof(h));
	memset(p->b + p->pos + sizeof(h), fill, length);
	p->pos += sizeof(h) + length;
}

#define RESV_LEN ((__u16)(sizeof(struct virtio_iommu_probe_resv_mem) - \
			  sizeof(struct virtio_iommu_probe_property)))

START_TEST(test_virtio_probe)
{
	struct iommufmt_iova_space *sp = iommufmt_iova_space_new(0);
	struct iommufmt_resv_region got[8];
	struct props p;
	struct iommufmt_diag d;
	__u32 n = 8;

	ck_assert_uint_eq(RESV_LEN, 20);
	memset(&p, 0, sizeof(p));
	put_resv(&p, VIRTIO_IOMMU_PROBE_T_RESV_MEM, RESV_LEN, VIRTIO_IOMMU_RESV_MEM_T_MSI,
		 0x8000000, 0x80fffff, 0);
	put_prop(&p, 7, 5, 0xff);		/* unknown type, odd length: skipped by length */
	put_resv(&p, VIRTIO_IOMMU_PROBE_T_RESV_MEM, RESV_LEN, VIRTIO_IOMMU_RESV_MEM_T_RESERVED,
		 0x1000, 0x1fff, 0);
	put_resv(&p, VIRTIO_IOMMU_PROBE_T_RESV_MEM, RESV_LEN, 9, 0x3000, 0x3fff, 0);
	/* reserved type bits set: the property is ignored */
	put_resv(&p, VIRTIO_IOMMU_PROBE_T_RESV_MEM | 0x1000, RESV_LEN,
		 VIRTIO_IOMMU_RESV_MEM_T_MSI, 0x5000, 0x5fff, 0);
	/* reserved bytes of RESV_MEM are ignored, a longer property is read by its length */
	put_resv(&p, VIRTIO_IOMMU_PROBE_T_RESV_MEM, RESV_LEN, VIRTIO_IOMMU_RESV_MEM_T_MSI,
		 0x7000, 0x7fff, 0x55);
	put_resv(&p, VIRTIO_IOMMU_PROBE_T_RESV_MEM, RESV_LEN + 8, VIRTIO_IOMMU_RESV_MEM_T_RESERVED,
		 0x9000, 0x9fff, 0);
	put_prop(&p, 0x0fff, 0, 0);		/* unknown, zero length */
	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_iova_import_virtio(sp, p.b, sizeof(p.b), &d), 5);
	ck_assert_int_eq(iommufmt_iova_space_resv(sp, got, &n, NULL), 0);
	ck_assert_uint_eq(n, 5);
	ck_assert_uint_eq(got[0].start, 0x1000);
	ck_assert_uint_eq(got[0].type, IOMMUFMT_RESV_RESERVED);
	ck_assert_uint_eq(got[1].start, 0x3000);
	ck_assert_uint_eq(got[1].type, IOMMUFMT_RESV_RESERVED);	/* unknown subtype */
	ck_assert_uint_eq(got[2].start, 0x7000);
	ck_assert_uint_eq(got[2].type, IOMMUFMT_RESV_MSI);
	ck_assert_uint_eq(got[3].start, 0x9000);
	ck_assert_uint_eq(got[3].last, 0x9fff);
	ck_assert_uint_eq(got[4].start, 0x8000000);
	ck_assert_uint_eq(got[4].last, 0x80fffff);
	ck_assert_uint_eq(got[4].type, IOMMUFMT_RESV_MSI);
	/* an empty list, and a list that fills the buffer exactly */
	ck_assert_int_eq(iommufmt_iova_import_virtio(sp, p.b + p.pos, 64, &d), 0);
	ck_assert_int_eq(iommufmt_iova_import_virtio(sp, p.b, p.pos, &d), 5);
	iommufmt_iova_space_free(sp);
}
END_TEST

static void virtio_expect(const struct props *p, size_t len, int err, unsigned int code,
			  const char *field, __u32 index)
{
	struct iommufmt_iova_space *sp = iommufmt_iova_space_new(0);
	struct iommufmt_diag d;

	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_iova_import_virtio(sp, p->b, len, &d), err);
	ck_assert_uint_eq(d.code, code);
	ck_assert_str_eq(d.field, field);
	ck_assert_uint_eq(d.index, index);
	untouched(sp);
	iommufmt_iova_space_free(sp);
}

START_TEST(test_virtio_hostile)
{
	struct props p;

	/* a length past the end of the properties */
	memset(&p, 0, sizeof(p));
	put_resv(&p, VIRTIO_IOMMU_PROBE_T_RESV_MEM, RESV_LEN, 1, 0x1000, 0x1fff, 0);
	put_prop(&p, 7, 8, 0xaa);
	virtio_expect(&p, p.pos - 1, -EINVAL, IOMMUFMT_DIAG_IOVA_PROP_OVERRUN, "length", 1);
	memset(&p, 0, sizeof(p));
	p.b[0] = VIRTIO_IOMMU_PROBE_T_RESV_MEM;	/* le16 type 1, le16 length 0xfffb */
	p.b[2] = 0xfb;
	p.b[3] = 0xff;
	virtio_expect(&p, sizeof(p.b), -EINVAL, IOMMUFMT_DIAG_IOVA_PROP_OVERRUN, "length", 0);
	/* RESV_MEM too short for its fields: zero and 16 bytes */
	memset(&p, 0, sizeof(p));
	put_prop(&p, VIRTIO_IOMMU_PROBE_T_RESV_MEM, 0, 0);
	virtio_expect(&p, sizeof(p.b), -EINVAL, IOMMUFMT_DIAG_IOVA_PROP_SHORT, "length", 0);
	memset(&p, 0, sizeof(p));
	put_prop(&p, 3, 0, 0);
	put_prop(&p, VIRTIO_IOMMU_PROBE_T_RESV_MEM, 16, 0);
	virtio_expect(&p, sizeof(p.b), -EINVAL, IOMMUFMT_DIAG_IOVA_PROP_SHORT, "length", 1);
	/* start after end */
	memset(&p, 0, sizeof(p));
	put_resv(&p, VIRTIO_IOMMU_PROBE_T_RESV_MEM, RESV_LEN, 0, 0x2000, 0x1fff, 0);
	virtio_expect(&p, sizeof(p.b), -EINVAL, IOMMUFMT_DIAG_IOVA_RANGE_INVERTED, "start", 0);
	/* a header cut off by the end: two stray bytes */
	memset(&p, 0, sizeof(p));
	put_resv(&p, VIRTIO_IOMMU_PROBE_T_RESV_MEM, RESV_LEN, 0, 0x1000, 0x1fff, 0);
	p.b[p.pos] = 2;
	virtio_expect(&p, p.pos + 2, -EINVAL, IOMMUFMT_DIAG_IOVA_PROP_OVERRUN, "head", 1);
	/* a good region before a bad property is not imported either (checked by untouched) */
	memset(&p, 0, sizeof(p));
	put_resv(&p, VIRTIO_IOMMU_PROBE_T_RESV_MEM, RESV_LEN, 0, 0x1000, 0x1fff, 0);
	put_prop(&p, VIRTIO_IOMMU_PROBE_T_RESV_MEM, 4, 0);
	virtio_expect(&p, sizeof(p.b), -EINVAL, IOMMUFMT_DIAG_IOVA_PROP_SHORT, "length", 1);
	/* a buffer of nothing but zero-length unknown properties ends by itself */
	{
		struct iommufmt_iova_space *sp = iommufmt_iova_space_new(0);

		memset(&p, 0, sizeof(p));
		while (p.pos + 4 <= sizeof(p.b))
			put_prop(&p, 5, 0, 0);
		ck_assert_int_eq(iommufmt_iova_import_virtio(sp, p.b, sizeof(p.b), NULL), 0);
		iommufmt_iova_space_free(sp);
	}
}
END_TEST

/* ======== /sys/kernel/iommu_groups/N/reserved_regions ======== */

START_TEST(test_sysfs_text)
{
	/* As Linux prints it: "0x%016llx 0x%016llx %s\n"; SW MSI windows print "msi". */
	static const char text[] =
		"0x0000000000000000 0x0000000000ffffff direct-relaxable\n"
		"0x00000000000a0000 0x00000000000bffff direct\n"
		"0x0000000008000000 0x00000000080fffff msi\n"
		"0x00000000fee00000 0x00000000feefffff msi\n"
		"0x000000fd00000000 0x000000ffffffffff reserved\n";
	static const char ours[] =
		"\n0x10000 0x1ffff sw-msi\r\n"
		"  0x20000\t0x2ffff bridge-window  \n"
		"0x30000 0x3ffff msi-sw\n"
		"0x40000 0x4ffff frobnicate\n"
		"0xfffffffffffff000 0xffffffffffffffff reserved";
	struct iommufmt_iova_space *sp = iommufmt_iova_space_new(0);
	struct iommufmt_resv_region got[16];
	struct iommufmt_diag d;
	__u32 n = 16;

	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_iova_import_sysfs(sp, text, strlen(text), &d), 5);
	ck_assert_int_eq(iommufmt_iova_space_resv(sp, got, &n, NULL), 0);
	ck_assert_uint_eq(n, 5);
	ck_assert_uint_eq(got[0].type, IOMMUFMT_RESV_DIRECT_RELAXABLE);
	ck_assert_uint_eq(got[0].last, 0xffffff);
	ck_assert_uint_eq(got[1].type, IOMMUFMT_RESV_DIRECT);
	ck_assert_uint_eq(got[2].type, IOMMUFMT_RESV_MSI);
	ck_assert_uint_eq(got[2].start, 0x8000000);
	ck_assert_uint_eq(got[3].type, IOMMUFMT_RESV_MSI);
	ck_assert_uint_eq(got[4].start, 0xfd00000000ull);
	ck_assert_uint_eq(got[4].last, 0xffffffffffull);
	ck_assert_uint_eq(got[4].type, IOMMUFMT_RESV_RESERVED);
	iommufmt_iova_space_free(sp);

	sp = iommufmt_iova_space_new(0);
	n = 16;
	ck_assert_int_eq(iommufmt_iova_import_sysfs(sp, ours, strlen(ours), &d), 5);
	ck_assert_int_eq(iommufmt_iova_space_resv(sp, got, &n, NULL), 0);
	ck_assert_uint_eq(got[0].type, IOMMUFMT_RESV_SW_MSI);
	ck_assert_uint_eq(got[1].type, IOMMUFMT_RESV_BRIDGE_WINDOW);
	ck_assert_uint_eq(got[2].type, IOMMUFMT_RESV_SW_MSI);
	ck_assert_uint_eq(got[3].type, IOMMUFMT_RESV_RESERVED);	/* unknown word */
	ck_assert_uint_eq(got[4].last, UINT64_MAX);
	/* an empty file */
	ck_assert_int_eq(iommufmt_iova_import_sysfs(sp, "", 0, &d), 0);
	iommufmt_iova_space_free(sp);
}
END_TEST

START_TEST(test_sysfs_hostile)
{
	static const struct {
		const char *text;
		size_t len;	/* 0: strlen */
		int err;
		unsigned int code;
		__u32 line;
	} cases[] = {
		{ "0x1000 0x1fff msi\n1000 0x1fff msi\n", 0, -EINVAL, IOMMUFMT_DIAG_IOVA_SYSFS_SYNTAX, 2 },
		{ "0x 0x1fff msi\n", 0, -EINVAL, IOMMUFMT_DIAG_IOVA_SYSFS_SYNTAX, 1 },
		{ "0x10000000000000000 0x1 msi\n", 0, -EINVAL, IOMMUFMT_DIAG_IOVA_SYSFS_SYNTAX, 1 },
		{ "0x1000 0x1fff\n", 0, -EINVAL, IOMMUFMT_DIAG_IOVA_SYSFS_SYNTAX, 1 },
		{ "0x1000 0x1fff msi extra\n", 0, -EINVAL, IOMMUFMT_DIAG_IOVA_SYSFS_SYNTAX, 1 },
		{ "0x1000,0x1fff msi\n", 0, -EINVAL, IOMMUFMT_DIAG_IOVA_SYSFS_SYNTAX, 1 },
		{ "0x1000 0x1fffg msi\n", 0, -EINVAL, IOMMUFMT_DIAG_IOVA_SYSFS_SYNTAX, 1 },
		{ "\n\n0x1000 0x1fff m\0si\n", 20, -EINVAL, IOMMUFMT_DIAG_IOVA_SYSFS_SYNTAX, 3 },
		{ "0x2000 0x1fff msi\n", 0, -EINVAL, IOMMUFMT_DIAG_IOVA_RANGE_INVERTED, 1 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct iommufmt_iova_space *sp = iommufmt_iova_space_new(0);
		struct iommufmt_diag d;
		size_t len = cases[i].len ? cases[i].len : strlen(cases[i].text);

		iommufmt_diag_init(&d);
		ck_assert_msg(iommufmt_iova_import_sysfs(sp, cases[i].text, len, &d) == cases[i].err,
			      "case %zu", i);
		ck_assert_msg(d.code == cases[i].code, "case %zu: code 0x%x", i, d.code);
		ck_assert_msg(d.index == cases[i].line, "case %zu: line %u", i, d.index);
		untouched(sp);
		iommufmt_iova_space_free(sp);
	}
}
END_TEST

/* ======== iommufd IOMMU_IOAS_IOVA_RANGES ======== */

START_TEST(test_iommufd_ranges)
{
	struct iommu_iova_range r[3] = { { 0, 0x7ffffff }, { 0x8100000, 0xfedfffff },
					 { 0xfef00000, (1ull << 48) - 1 } };
	struct iommufmt_iova_space *sp = iommufmt_iova_space_new(0);
	struct iommufmt_diag d;

	_Static_assert(sizeof(struct iommu_iova_range) == sizeof(struct iommufmt_iova_range),
		       "iommufd range layout");
	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_iova_import_iommufd(sp, r, sizeof(r), 3, 4096, &d), 0);
	usable_eq(sp, (const struct iommufmt_iova_range *)(const void *)r, 3);
	ck_assert_uint_eq(iommufmt_iova_space_pgsizes(sp), ~0xfffull);
	iommufmt_iova_space_free(sp);

	/* hostile: unsorted, overlapping, inverted, count past the buffer, bad alignment */
	{
		static const struct {
			int swap, overlap, invert;
			__u32 num;
			__u64 align;
			unsigned int code;
			__u32 index;
		} cases[] = {
			{ 1, 0, 0, 3, 4096, IOMMUFMT_DIAG_IOVA_UNSORTED, 1 },
			{ 0, 1, 0, 3, 4096, IOMMUFMT_DIAG_IOVA_UNSORTED, 2 },
			{ 0, 0, 1, 3, 4096, IOMMUFMT_DIAG_IOVA_RANGE_INVERTED, 1 },
			{ 0, 0, 0, 4, 4096, IOMMUFMT_DIAG_OVERFLOW, 0 },
			{ 0, 0, 0, 3, 3, IOMMUFMT_DIAG_BAD_VALUE, 0 },
			{ 0, 0, 0, 3, 0, IOMMUFMT_DIAG_BAD_VALUE, 0 },
		};

		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			struct iommu_iova_range h[3];

			memcpy(h, r, sizeof(h));
			if (cases[i].swap) {
				h[0] = r[1];
				h[1] = r[0];
			}
			if (cases[i].overlap)
				h[2].start = h[1].last;
			if (cases[i].invert)
				h[1].start = h[1].last + 1;
			sp = iommufmt_iova_space_new(0);
			iommufmt_diag_init(&d);
			ck_assert_int_eq(iommufmt_iova_import_iommufd(sp, h, sizeof(h), cases[i].num,
								      cases[i].align, &d), -EINVAL);
			ck_assert_msg(d.code == cases[i].code, "case %zu: 0x%x", i, d.code);
			ck_assert_uint_eq(d.index, cases[i].index);
			untouched(sp);
			iommufmt_iova_space_free(sp);
		}
	}
}
END_TEST

/* ======== mutated buffers: every importer returns, and a failure changes nothing ======== */

static void after_import(struct iommufmt_iova_space *sp, int rc, const struct iommufmt_diag *d)
{
	if (rc < 0) {
		ck_assert_int_eq(d->error, rc);
		ck_assert_ptr_nonnull(iommufmt_diag_name(d->code));
		untouched(sp);
	}
}

START_TEST(test_mutations)
{
	static const char text[] = "0x0000000008000000 0x00000000080fffff msi\n"
				   "0x00000000fee00000 0x00000000feefffff direct-relaxable\n";
	struct test_rng rng;
	struct vfio_reply good, r;
	struct props pg;

	test_rng_seed(&rng, 0xf00d);
	build_vfio(&good, 0);
	memset(&pg, 0, sizeof(pg));
	put_resv(&pg, VIRTIO_IOMMU_PROBE_T_RESV_MEM, RESV_LEN, 1, 0x8000000, 0x80fffff, 0);
	put_prop(&pg, 9, 3, 1);
	put_resv(&pg, VIRTIO_IOMMU_PROBE_T_RESV_MEM, RESV_LEN, 0, 0x1000, 0x1fff, 0);
	for (int it = 0; it < 3000; it++) {
		struct iommufmt_iova_space *sp = iommufmt_iova_space_new(0);
		unsigned int flips = 1 + (unsigned int)test_rng_below(&rng, 4);
		struct iommufmt_diag d;
		struct props p = pg;
		char t[sizeof(text)];
		size_t len;
		int rc;

		r = good;
		for (unsigned int f = 0; f < flips; f++)
			r.b[test_rng_below(&rng, r.len)] ^= (unsigned char)(1u << test_rng_below(&rng, 8));
		len = test_rng_below(&rng, 4) ? r.len : test_rng_below(&rng, r.len + 1);
		iommufmt_diag_init(&d);
		rc = iommufmt_iova_import_vfio(sp, r.b, len, &d);
		after_import(sp, rc, &d);
		iommufmt_iova_space_free(sp);

		sp = iommufmt_iova_space_new(0);
		for (unsigned int f = 0; f < flips; f++)
			p.b[test_rng_below(&rng, p.pos + 8)] ^= (unsigned char)(1u << test_rng_below(&rng, 8));
		iommufmt_diag_init(&d);
		rc = iommufmt_iova_import_virtio(sp, p.b, test_rng_below(&rng, p.pos + 9), &d);
		after_import(sp, rc, &d);
		iommufmt_iova_space_free(sp);

		sp = iommufmt_iova_space_new(0);
		memcpy(t, text, sizeof(t));
		for (unsigned int f = 0; f < flips; f++)
			t[test_rng_below(&rng, sizeof(t) - 1)] = (char)test_rng_below(&rng, 128);
		iommufmt_diag_init(&d);
		rc = iommufmt_iova_import_sysfs(sp, t, sizeof(t) - 1, &d);
		after_import(sp, rc, &d);
		iommufmt_iova_space_free(sp);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("iova-import");
	TCase *tc = tcase_create("importers");

	tcase_add_test(tc, test_vfio_reply);
	tcase_add_test(tc, test_vfio_hostile);
	tcase_add_test(tc, test_virtio_probe);
	tcase_add_test(tc, test_virtio_hostile);
	tcase_add_test(tc, test_sysfs_text);
	tcase_add_test(tc, test_sysfs_hostile);
	tcase_add_test(tc, test_iommufd_ranges);
	tcase_add_test(tc, test_mutations);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
