/* SPDX-License-Identifier: MIT */
/* Invalidation tests: naive per-model reference decoders and canonical command generators. */
#include <stdbool.h>
#include <string.h>

#include "tests/inval-ref.h"

/*
 * Written from the layouts (hardware notes, QEMU masks, Linux macros, SMMU
 * spec), not from the library's tables: every command lists the bits it
 * USES and everything else is reserved, and ranges are computed as
 * inclusive [first, last] byte ranges (the library counts granules), so
 * the top of the space is UINT64_MAX, never 2^64, and overflow handling is
 * independent too.
 */

#define M(hi, lo) (((hi) - (lo) == 63 ? ~UINT64_C(0) : ((UINT64_C(1) << ((hi) - (lo) + 1)) - 1)) << (lo))
#define D(x) IOMMUFMT_DIAG_INV_##x

static void start(struct iommufmt_inv_entry *e, unsigned int op)
{
	memset(e, 0, sizeof(*e));
	e->argsz = sizeof(*e);
	e->op = (__u8)op;
}

static void inval(struct iommufmt_inv_entry *e, unsigned int caches, unsigned int gran,
		  unsigned int flags)
{
	start(e, IOMMUFMT_INV_OP_INVALIDATE);
	e->caches = caches;
	e->granularity = (__u8)gran;
	e->flags = flags;
}

/* Bits n-1..0 (n <= 64). */
static uint64_t low(unsigned int n)
{
	return n >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << n) - 1;
}

/* Set the byte range [base, last] of whole 2^g units into e (last may be UINT64_MAX). */
static void set_range(struct iommufmt_inv_entry *e, uint64_t base, uint64_t last, unsigned int g)
{
	e->granule = (__u8)g;
	e->addr = base;
	e->nr_granules = ((last - base) >> g) + 1;
}

/* The aligned block of 2^n bytes holding @a, as a range of 4 KiB units. */
static void set_block(struct iommufmt_inv_entry *e, uint64_t a, unsigned int n)
{
	set_range(e, a & ~low(n), a | low(n), 12);
}

/* Lowest zero bit of a at or above bit 12; 64 when there is none. */
static unsigned int lowest_zero_from_12(uint64_t a)
{
	for (unsigned int b = 12; b < 64; b++)
		if (!((a >> b) & 1))
			return b;
	return 64;
}

/* PCIe page-request group response codes (VT-d RC, AMD PPR status), by IOMMUFMT_INV_RESP_*. */
static const unsigned int prg_codes[3] = { 0, 1, 0xf };

/* A page-response entry's code from the PCIe code @rc; a reserved one is a bad field. */
static unsigned int prg_resp(struct iommufmt_inv_entry *e, unsigned int rc)
{
	for (unsigned int k = 0; k < 3; k++)
		if (rc == prg_codes[k]) {
			e->code = k;
			return 0;
		}
	return D(BAD_FIELD);
}

/* ---------------- VT-d ---------------- */

static const char *const vtd_kinds[] = {
	"CC_GLOBAL", "CC_DOMAIN", "CC_DEVICE", "IOTLB_GLOBAL", "IOTLB_DOMAIN", "IOTLB_PAGE",
	"DEV_TLB", "IEC_GLOBAL", "IEC_INDEX", "WAIT", "PIOTLB_PASID", "PIOTLB_PAGE", "PC_DOMAIN",
	"PC_PASID", "PC_GLOBAL", "PDEV_TLB", "PGRP_RESP",
};

#define VT_T (M(3, 0) | M(11, 9))

/* Page-selective VT-d range in qword 1: 2^AM pages (AM up to MAMV and 52), IH as leaf. */
static unsigned int vtd_am_range(struct iommufmt_inv_entry *e, uint64_t w1,
				 const struct iommufmt_inv_cfg *cfg)
{
	unsigned int am = (unsigned int)(w1 & 0x3f);

	if (am > cfg->max_am || am > 52)
		return D(BAD_FIELD);
	if (w1 & 0x40)
		e->flags |= IOMMUFMT_INV_F_LEAF;
	set_block(e, w1, am + 12);	/* 2^(AM + 12) bytes, up to the whole space */
	return 0;
}

/* ATS size encoding (S bit and address) of VT-d device-TLB descriptors. */
static unsigned int vtd_ats(struct iommufmt_inv_entry *e, uint64_t addr, int s, bool pasid)
{
	unsigned int z;

	addr &= ~UINT64_C(0xfff);
	if (!s) {
		set_block(e, addr, 12);
		return 0;
	}
	z = lowest_zero_from_12(addr);
	if (z == 64)
		return D(BAD_FIELD);
	if (z == 63) {	/* 2^64: the whole space */
		e->granularity = pasid ? IOMMUFMT_INV_GRAN_PASID : IOMMUFMT_INV_GRAN_DEVICE;
		return 0;
	}
	set_block(e, addr, z + 1);
	return 0;
}

static unsigned int vtd_decode(const uint64_t *w, unsigned int nw, const struct iommufmt_inv_cfg *cfg,
			       struct iommufmt_inv_entry *e)
{
	uint64_t w0 = w[0], w1 = w[1];
	unsigned int type = (unsigned int)((w0 & 0xf) | ((w0 >> 9) & 7) << 4);
	unsigned int g = (unsigned int)ref_bits(w0, 5, 4), cf = cfg->flags;
	uint64_t u0, u1;
	bool tail = nw == 4 && (w[2] || w[3]);

	start(e, 0);
	switch (type) {
	case 1:
		if (!g)
			return D(BAD_FIELD);
		u0 = VT_T | M(5, 4) | M(31, 16) | M(47, 32) | M(49, 48);
		if ((w0 & ~u0) || w1 || tail)
			return D(RESERVED_BIT);
		if (g == 1) {
			inval(e, IOMMUFMT_INV_CACHE_DEVICE, IOMMUFMT_INV_GRAN_GLOBAL, 0);
		} else if (g == 2) {
			inval(e, IOMMUFMT_INV_CACHE_DEVICE, IOMMUFMT_INV_GRAN_DOMAIN, IOMMUFMT_INV_F_ARCHID);
			e->archid = (uint32_t)ref_bits(w0, 31, 16);
		} else {
			unsigned int fm = (unsigned int)ref_bits(w0, 49, 48);
			uint32_t mask = fm == 0 ? 0 : fm == 1 ? 4 : fm == 2 ? 6 : 7;

			inval(e, IOMMUFMT_INV_CACHE_DEVICE, IOMMUFMT_INV_GRAN_DEVICE,
			      IOMMUFMT_INV_F_ARCHID | IOMMUFMT_INV_F_SID);
			e->archid = (uint32_t)ref_bits(w0, 31, 16);
			e->sid = (uint32_t)ref_bits(w0, 47, 32) & ~mask;
			e->sid_mask = mask;
		}
		return 0;
	case 2: {
		unsigned int fl = (w0 & (1u << 6) ? IOMMUFMT_INV_F_DRAIN_WRITE : 0) |
				  (w0 & (1u << 7) ? IOMMUFMT_INV_F_DRAIN_READ : 0);

		if (!g)
			return D(BAD_FIELD);
		u0 = VT_T | M(7, 4) | M(31, 16);
		u1 = M(6, 0) | M(63, 12);
		if ((w0 & ~u0) || (w1 & ~u1) || tail)
			return D(RESERVED_BIT);
		if (g == 1) {
			inval(e, IOMMUFMT_INV_CACHE_IOTLB, IOMMUFMT_INV_GRAN_GLOBAL, fl);
		} else {
			inval(e, IOMMUFMT_INV_CACHE_IOTLB, g == 2 ? IOMMUFMT_INV_GRAN_DOMAIN :
			      IOMMUFMT_INV_GRAN_ADDR, fl | IOMMUFMT_INV_F_ARCHID);
			e->archid = (uint32_t)ref_bits(w0, 31, 16);
			if (g == 3)
				return vtd_am_range(e, w1, cfg);
		}
		return 0;
	}
	case 3:
		u0 = VT_T | M(15, 12) | M(20, 16) | M(47, 32) | M(63, 52);
		u1 = M(0, 0) | M(63, 12);
		if ((w0 & ~u0) || (w1 & ~u1) || tail)
			return D(RESERVED_BIT);
		if (!(cf & IOMMUFMT_INV_CFG_ATS))
			return D(FEATURE);
		inval(e, IOMMUFMT_INV_CACHE_DEV_IOTLB, IOMMUFMT_INV_GRAN_ADDR, IOMMUFMT_INV_F_SID);
		e->sid = (uint32_t)ref_bits(w0, 47, 32);
		e->aux = (uint32_t)(ref_bits(w0, 15, 12) | ref_bits(w0, 63, 52) << 4 |
				    ref_bits(w0, 20, 16) << 16);
		return vtd_ats(e, w1, (int)(w1 & 1), false);
	case 4:
		u0 = VT_T | M(4, 4) | M(31, 27) | M(47, 32);
		if ((w0 & ~u0) || w1 || tail)
			return D(RESERVED_BIT);
		if (!(w0 & 0x10)) {
			inval(e, IOMMUFMT_INV_CACHE_INTR, IOMMUFMT_INV_GRAN_GLOBAL, 0);
		} else {
			unsigned int im = (unsigned int)ref_bits(w0, 31, 27);

			inval(e, IOMMUFMT_INV_CACHE_INTR, IOMMUFMT_INV_GRAN_ADDR, 0);
			e->granule = 0;
			e->addr = ref_bits(w0, 47, 32) & ~((UINT64_C(1) << im) - 1);
			e->nr_granules = UINT64_C(1) << im;
		}
		return 0;
	case 5:
		u0 = VT_T | M(7, 4) | M(63, 32);
		u1 = M(63, 2);
		if ((w0 & ~u0) || (w1 & ~u1) || tail)
			return D(RESERVED_BIT);
		if ((w0 & 0x80) && !(cf & IOMMUFMT_INV_CFG_PRI))
			return D(FEATURE);
		start(e, IOMMUFMT_INV_OP_SYNC);
		e->flags = (w0 & 0x10 ? IOMMUFMT_INV_F_SYNC_IRQ : 0) |
			   (w0 & 0x20 ? IOMMUFMT_INV_F_SYNC_STORE : 0) |
			   (w0 & 0x40 ? IOMMUFMT_INV_F_SYNC_FENCE : 0) |
			   (w0 & 0x80 ? IOMMUFMT_INV_F_SYNC_DRAIN_PRQ : 0);
		if (w0 & 0x20) {
			e->data = w0 >> 32;
			e->addr = w1;
		}
		return 0;
	case 6:
		if (g != 2 && g != 3)
			return D(BAD_FIELD);
		u0 = VT_T | M(5, 4) | M(31, 16) | M(51, 32);
		u1 = M(6, 0) | M(63, 12);
		if ((w0 & ~u0) || (w1 & ~u1) || tail)
			return D(RESERVED_BIT);
		if (!(cf & IOMMUFMT_INV_CFG_PASID))
			return D(FEATURE);
		inval(e, IOMMUFMT_INV_CACHE_IOTLB, g == 2 ? IOMMUFMT_INV_GRAN_PASID : IOMMUFMT_INV_GRAN_ADDR,
		      IOMMUFMT_INV_F_ARCHID | IOMMUFMT_INV_F_PASID);
		e->archid = (uint32_t)ref_bits(w0, 31, 16);
		e->pasid = (uint32_t)ref_bits(w0, 51, 32);
		return g == 3 ? vtd_am_range(e, w1, cfg) : 0;
	case 7:
		if (g == 2)
			return D(BAD_FIELD);
		u0 = VT_T | M(5, 4) | M(31, 16) | M(51, 32);
		if ((w0 & ~u0) || w1 || tail)
			return D(RESERVED_BIT);
		if (!(cf & IOMMUFMT_INV_CFG_PASID))
			return D(FEATURE);
		if (g == 3) {
			inval(e, IOMMUFMT_INV_CACHE_PASID, IOMMUFMT_INV_GRAN_GLOBAL, 0);
		} else if (g == 0) {
			inval(e, IOMMUFMT_INV_CACHE_PASID, IOMMUFMT_INV_GRAN_DOMAIN, IOMMUFMT_INV_F_ARCHID);
			e->archid = (uint32_t)ref_bits(w0, 31, 16);
		} else {
			inval(e, IOMMUFMT_INV_CACHE_PASID, IOMMUFMT_INV_GRAN_PASID,
			      IOMMUFMT_INV_F_ARCHID | IOMMUFMT_INV_F_PASID);
			e->archid = (uint32_t)ref_bits(w0, 31, 16);
			e->pasid = (uint32_t)ref_bits(w0, 51, 32);
		}
		return 0;
	case 8:
		u1 = M(0, 0) | M(63, 11);
		if ((w1 & ~u1) || tail)
			return D(RESERVED_BIT);
		if ((cf & (IOMMUFMT_INV_CFG_PASID | IOMMUFMT_INV_CFG_ATS)) !=
		    (IOMMUFMT_INV_CFG_PASID | IOMMUFMT_INV_CFG_ATS))
			return D(FEATURE);
		inval(e, IOMMUFMT_INV_CACHE_DEV_IOTLB, IOMMUFMT_INV_GRAN_ADDR,
		      IOMMUFMT_INV_F_SID | IOMMUFMT_INV_F_PASID |
		      (w1 & 1 ? IOMMUFMT_INV_F_PASID_GLOBAL : 0));
		e->sid = (uint32_t)ref_bits(w0, 31, 16);
		e->pasid = (uint32_t)ref_bits(w0, 51, 32);
		e->aux = (uint32_t)(ref_bits(w0, 15, 12) | ref_bits(w0, 63, 52) << 4 |
				    ref_bits(w0, 8, 4) << 16);
		return vtd_ats(e, w1, (int)((w1 >> 11) & 1), true);
	case 9: {
		unsigned int rc = (unsigned int)ref_bits(w0, 15, 12);

		u0 = VT_T | M(4, 4) | M(15, 12) | M(31, 16) | M(51, 32);
		u1 = M(2, 2) | M(11, 3);
		if ((w0 & ~u0) || (w1 & ~u1) || tail)
			return D(RESERVED_BIT);
		if (!(cf & IOMMUFMT_INV_CFG_PRI))
			return D(FEATURE);
		if (((w0 & 0x10) || ref_bits(w0, 51, 32)) && !(cf & IOMMUFMT_INV_CFG_PASID))
			return D(FEATURE);
		start(e, IOMMUFMT_INV_OP_PAGE_RESP);
		e->flags = IOMMUFMT_INV_F_SID | (w0 & 0x10 ? IOMMUFMT_INV_F_PASID : 0) |
			   (w1 & 4 ? IOMMUFMT_INV_F_RESP_LAST : 0);
		e->sid = (uint32_t)ref_bits(w0, 31, 16);
		e->pasid = (w0 & 0x10) ? (uint32_t)ref_bits(w0, 51, 32) : 0;
		e->tag = (uint32_t)ref_bits(w1, 11, 3);
		return prg_resp(e, rc);
	}
	case 0xa:
		return D(NOT_IMPLEMENTED);
	}
	return D(UNKNOWN_CMD);
}

/* S-bit address of a block of 2^k bytes at base (k >= 13), the ATS way. */
static uint64_t ats_addr(uint64_t base, unsigned int k)
{
	if (k >= 64)
		return UINT64_C(0x7ffffffffffff000);
	return base | ((UINT64_C(1) << (k - 1)) - 1 - 0xfff);
}

/* A random aligned S-bit range: *s and the address field. */
static uint64_t gen_ats(struct test_rng *r, int *s, unsigned int maxk)
{
	unsigned int k = 12 + (unsigned int)test_rng_below(r, maxk - 12 + 1);
	uint64_t base;

	if (k == 12) {
		*s = 0;
		return ref_rand_bits(r, 64) & ~UINT64_C(0xfff);
	}
	*s = 1;
	if (k >= 64)
		return ats_addr(0, 64);
	base = ref_rand_bits(r, 64) & ~((UINT64_C(1) << k) - 1);
	return ats_addr(base, k);
}

static void vtd_gen(unsigned int kind, struct test_rng *r, const struct iommufmt_inv_cfg *cfg,
		    uint64_t *w)
{
	uint64_t did = ref_rand_bits(r, 16) << 16, pasid = ref_rand_bits(r, 20) << 32;
	uint64_t pfsid = ref_rand_bits(r, 16), aux0 = (pfsid & 0xf) << 12 | (pfsid >> 4) << 52;
	unsigned int am = (unsigned int)test_rng_below(r, cfg->max_am + 1u), fm;
	uint64_t page = ref_rand_bits(r, 64) & ~((UINT64_C(1) << (am + 12)) - 1);
	int s;

	w[0] = w[1] = w[2] = w[3] = 0;
	switch (kind) {
	case 0: w[0] = 1 | 1 << 4; break;
	case 1: w[0] = 1 | 2 << 4 | did; break;
	case 2:
		fm = (unsigned int)test_rng_below(r, 4);
		w[0] = 1 | 3 << 4 | did | (uint64_t)fm << 48 |
		       (ref_rand_bits(r, 16) & ~(uint64_t)(fm == 0 ? 0 : fm == 1 ? 4 : fm == 2 ? 6 : 7)) << 32;
		break;
	case 3: w[0] = 2 | 1 << 4 | ref_rand_bits(r, 2) << 6; break;
	case 4: w[0] = 2 | 2 << 4 | ref_rand_bits(r, 2) << 6 | did; break;
	case 5:
		w[0] = 2 | 3 << 4 | ref_rand_bits(r, 2) << 6 | did;
		w[1] = page | am | ref_rand_bits(r, 1) << 6;
		break;
	case 6:
		w[0] = 3 | aux0 | ref_rand_bits(r, 5) << 16 | ref_rand_bits(r, 16) << 32;
		w[1] = gen_ats(r, &s, 64);
		w[1] |= (uint64_t)s;
		break;
	case 7: w[0] = 4; break;
	case 8: {
		unsigned int im = (unsigned int)test_rng_below(r, 17);

		w[0] = 4 | 1 << 4 | (uint64_t)im << 27 | (ref_rand_bits(r, 16) & ~((1u << im) - 1)) << 32;
		break;
	}
	case 9:
		w[0] = 5 | ref_rand_bits(r, 3) << 4 |
		       ((cfg->flags & IOMMUFMT_INV_CFG_PRI) ? ref_rand_bits(r, 1) << 7 : 0);
		if (w[0] & 0x20) {
			w[0] |= ref_rand_bits(r, 32) << 32;
			w[1] = ref_rand_bits(r, 64) & ~UINT64_C(3);
		}
		break;
	case 10: w[0] = 6 | 2 << 4 | did | pasid; break;
	case 11:
		w[0] = 6 | 3 << 4 | did | pasid;
		w[1] = page | am | ref_rand_bits(r, 1) << 6;
		break;
	case 12: w[0] = 7 | did; break;
	case 13: w[0] = 7 | 1 << 4 | did | pasid; break;
	case 14: w[0] = 7 | 3 << 4; break;
	case 15:
		w[0] = 8 | ref_rand_bits(r, 5) << 4 | aux0 | ref_rand_bits(r, 16) << 16 | pasid;
		w[1] = gen_ats(r, &s, 64) | ref_rand_bits(r, 1);
		w[1] |= (uint64_t)s << 11;
		break;
	default: {
		uint64_t pp = ref_rand_bits(r, 1);

		w[0] = 9 | pp << 4 | (uint64_t)prg_codes[test_rng_below(r, 3)] << 12 |
		       ref_rand_bits(r, 16) << 16 | (pp ? pasid : 0);
		w[1] = ref_rand_bits(r, 1) << 2 | ref_rand_bits(r, 9) << 3;
		break;
	}
	}
}

const struct ref_model ref_vtd = {
	"intel", IOMMUFMT_MODEL_INTEL, 17, 17, vtd_kinds, vtd_decode, vtd_gen, 0,
};

/* ---------------- AMD-Vi ---------------- */

static const char *const amd_kinds[] = {
	"COMPLETION_WAIT", "INVALIDATE_DEVTAB_ENTRY", "INVALIDATE_IOMMU_PAGES",
	"INVALIDATE_IOMMU_PAGES", "INVALIDATE_IOTLB_PAGES", "INVALIDATE_IOTLB_PAGES",
	"INVALIDATE_INTERRUPT_TABLE", "COMPLETE_PPR_REQUEST", "COMPLETE_PPR_REQUEST",
	"INVALIDATE_IOMMU_ALL",
};

#define AM_OP M(63, 60)

/* AMD S-bit: the lowest zero at or above bit 51 means everything. */
static unsigned int amd_size(struct iommufmt_inv_entry *e, uint64_t addr, int s, unsigned int all_gran)
{
	unsigned int z;

	addr &= ~UINT64_C(0xfff);
	if (!s) {
		set_block(e, addr, 12);
		return 0;
	}
	z = lowest_zero_from_12(addr);
	if (z >= 51) {
		e->granularity = (__u8)all_gran;
		return 0;
	}
	set_block(e, addr, z + 1);
	return 0;
}

static unsigned int amd_decode(const uint64_t *w, unsigned int nw, const struct iommufmt_inv_cfg *cfg,
			       struct iommufmt_inv_entry *e)
{
	uint64_t w0 = w[0], w1 = w[1];
	unsigned int op = (unsigned int)(w0 >> 60), cf = cfg->flags, gn = (w1 >> 2) & 1;

	(void)nw;
	start(e, 0);
	switch (op) {
	case 1:
		if (w0 & ~(M(2, 0) | M(31, 3) | M(51, 32) | AM_OP))
			return D(RESERVED_BIT);
		start(e, IOMMUFMT_INV_OP_SYNC);
		e->flags = (w0 & 1 ? IOMMUFMT_INV_F_SYNC_STORE : 0) | (w0 & 2 ? IOMMUFMT_INV_F_SYNC_IRQ : 0) |
			   (w0 & 4 ? IOMMUFMT_INV_F_SYNC_FENCE : 0);
		if (w0 & 1) {
			e->addr = w0 & M(51, 3);
			e->data = w1;
		}
		return 0;
	case 2:
	case 5:
		if ((w0 & ~(M(15, 0) | AM_OP)) || w1)
			return D(RESERVED_BIT);
		inval(e, op == 2 ? IOMMUFMT_INV_CACHE_DEVICE : IOMMUFMT_INV_CACHE_INTR,
		      IOMMUFMT_INV_GRAN_DEVICE, IOMMUFMT_INV_F_SID);
		e->sid = (uint32_t)(w0 & 0xffff);
		return 0;
	case 3:
		if ((w0 & ~(M(19, 0) | M(47, 32) | AM_OP)) || (w1 & ~(M(2, 0) | M(63, 12))))
			return D(RESERVED_BIT);
		if (gn && !(cf & IOMMUFMT_INV_CFG_PASID))
			return D(FEATURE);
		inval(e, IOMMUFMT_INV_CACHE_IOTLB, IOMMUFMT_INV_GRAN_ADDR,
		      IOMMUFMT_INV_F_ARCHID | (gn ? IOMMUFMT_INV_F_PASID : 0) |
		      (w1 & 2 ? 0 : IOMMUFMT_INV_F_LEAF));
		e->archid = (uint32_t)ref_bits(w0, 47, 32);
		if (gn)
			e->pasid = (uint32_t)(w0 & 0xfffff);
		amd_size(e, w1, (int)(w1 & 1), gn ? IOMMUFMT_INV_GRAN_PASID : IOMMUFMT_INV_GRAN_DOMAIN);
		if (e->granularity == IOMMUFMT_INV_GRAN_PASID)
			e->caches |= IOMMUFMT_INV_CACHE_PASID;
		return 0;
	case 4:
		if ((w0 & M(59, 56)) || (w1 & ~(M(0, 0) | M(2, 2) | M(63, 12))))
			return D(RESERVED_BIT);
		if (!(cf & IOMMUFMT_INV_CFG_ATS) || (gn && !(cf & IOMMUFMT_INV_CFG_PASID)))
			return D(FEATURE);
		inval(e, IOMMUFMT_INV_CACHE_DEV_IOTLB, IOMMUFMT_INV_GRAN_ADDR,
		      IOMMUFMT_INV_F_SID | (gn ? IOMMUFMT_INV_F_PASID : 0));
		e->sid = (uint32_t)(w0 & 0xffff);
		if (gn)
			e->pasid = (uint32_t)(ref_bits(w0, 23, 16) << 8 | ref_bits(w0, 55, 48));
		e->aux = (uint32_t)(ref_bits(w0, 31, 24) | ref_bits(w0, 47, 32) << 8);
		amd_size(e, w1, (int)(w1 & 1), gn ? IOMMUFMT_INV_GRAN_PASID : IOMMUFMT_INV_GRAN_DEVICE);
		return 0;
	case 6:
		return D(NOT_IMPLEMENTED);
	case 7: {
		unsigned int st = (unsigned int)ref_bits(w1, 47, 44);

		if ((w0 & ~(M(15, 0) | M(51, 32) | AM_OP)) || (w1 & ~(M(2, 2) | M(40, 32) | M(47, 44))))
			return D(RESERVED_BIT);
		if (!(cf & IOMMUFMT_INV_CFG_PRI) || (gn && !(cf & IOMMUFMT_INV_CFG_PASID)))
			return D(FEATURE);
		start(e, IOMMUFMT_INV_OP_PAGE_RESP);
		e->flags = IOMMUFMT_INV_F_SID | (gn ? IOMMUFMT_INV_F_PASID : 0);
		e->sid = (uint32_t)(w0 & 0xffff);
		e->pasid = gn ? (uint32_t)ref_bits(w0, 51, 32) : 0;
		e->tag = (uint32_t)ref_bits(w1, 40, 32);
		return prg_resp(e, st);
	}
	case 8:
		if ((w0 & ~AM_OP) || w1)
			return D(RESERVED_BIT);
		if (!(cf & IOMMUFMT_INV_CFG_INV_ALL))
			return D(FEATURE);
		inval(e, IOMMUFMT_INV_CACHE_IOTLB | IOMMUFMT_INV_CACHE_PASID | IOMMUFMT_INV_CACHE_DEVICE |
		      IOMMUFMT_INV_CACHE_INTR, IOMMUFMT_INV_GRAN_GLOBAL, 0);
		return 0;
	}
	return D(UNKNOWN_CMD);
}

static void amd_gen(unsigned int kind, struct test_rng *r, const struct iommufmt_inv_cfg *cfg,
		    uint64_t *w)
{
	uint64_t devid = ref_rand_bits(r, 16);
	int s;

	(void)cfg;
	w[0] = w[1] = 0;
	switch (kind) {
	case 0:
		w[0] = UINT64_C(1) << 60 | ref_rand_bits(r, 3);
		if (w[0] & 1) {
			w[0] |= ref_rand_bits(r, 52) & ~UINT64_C(7);
			w[1] = ref_rand_bits(r, 64);
		}
		break;
	case 1: w[0] = UINT64_C(2) << 60 | devid; break;
	case 2:
	case 3:
		w[0] = UINT64_C(3) << 60 | ref_rand_bits(r, 16) << 32 | (kind == 3 ? ref_rand_bits(r, 20) : 0);
		w[1] = (test_rng_below(r, 8) ? gen_ats(r, &s, 51) : (s = 1, ats_addr(0, 64))) |
		       ref_rand_bits(r, 1) << 1 | (uint64_t)(kind == 3) << 2;
		w[1] |= (uint64_t)s;
		break;
	case 4:
	case 5:
		w[0] = UINT64_C(4) << 60 | devid | ref_rand_bits(r, 8) << 24 | ref_rand_bits(r, 16) << 32;
		if (kind == 5)
			w[0] |= ref_rand_bits(r, 8) << 16 | ref_rand_bits(r, 8) << 48;
		w[1] = (test_rng_below(r, 8) ? gen_ats(r, &s, 51) : (s = 1, ats_addr(0, 64))) |
		       (uint64_t)(kind == 5) << 2;
		w[1] |= (uint64_t)s;
		break;
	case 6: w[0] = UINT64_C(5) << 60 | devid; break;
	case 7:
	case 8:
		w[0] = UINT64_C(7) << 60 | devid | (kind == 8 ? ref_rand_bits(r, 20) << 32 : 0);
		w[1] = (uint64_t)(kind == 8) << 2 | ref_rand_bits(r, 9) << 32 |
		       (uint64_t)prg_codes[test_rng_below(r, 3)] << 44;
		break;
	default: w[0] = UINT64_C(8) << 60; break;
	}
}

const struct ref_model ref_amd = {
	"amd", IOMMUFMT_MODEL_AMD, 10, 10, amd_kinds, amd_decode, amd_gen, 0,
};

/* ---------------- SMMUv3 ---------------- */

static const char *const smmu_kinds[] = {
	"PREFETCH_CONFIG", "CFGI_STE", "CFGI_STE_RANGE", "CFGI_CD", "CFGI_CD_ALL", "TLBI_NH_ALL",
	"TLBI_NH_ASID", "TLBI_NH_VA", "TLBI_NH_VAA", "TLBI_S12_VMALL", "TLBI_S2_IPA",
	"TLBI_NSNH_ALL", "ATC_INV", "PRI_RESP", "RESUME", "STALL_TERM", "CMD_SYNC",
	/* decode only: it re-encodes as a PREFETCH_CONFIG */
	"PREFETCH_ADDR",
};

#define SM_OP M(7, 0)

/* The TLBI range rules (spec 4.4.1.1), in inclusive byte ranges. */
static unsigned int smmu_tlbi(const uint64_t *w, unsigned int cf, struct iommufmt_inv_entry *e,
			      bool ipa)
{
	unsigned int num = (unsigned int)ref_bits(w[0], 16, 12), scale = (unsigned int)ref_bits(w[0], 25, 20);
	unsigned int ttl = (unsigned int)ref_bits(w[1], 9, 8), tg = (unsigned int)ref_bits(w[1], 11, 10);
	uint64_t a = ipa ? w[1] & M(51, 12) : w[1] & M(63, 12);
	unsigned int g, leaf;
	uint64_t len;

	if ((num || scale || ttl || tg) && !(cf & IOMMUFMT_INV_CFG_RANGE))
		return D(FEATURE);
	if ((scale & 32) && !(cf & IOMMUFMT_INV_CFG_DS))
		return D(FEATURE);
	if (w[1] & 1)
		e->flags |= IOMMUFMT_INV_F_LEAF;
	if (!tg) {
		if (num || scale || ttl)
			return D(RESERVED_COMBO);
		set_block(e, a, 12);
		return 0;
	}
	if (tg == 2 && ttl == 1 && !(cf & IOMMUFMT_INV_CFG_DS))
		return D(RESERVED_COMBO);
	if (!num && !scale && !ttl)
		return D(RESERVED_COMBO);
	if (scale > 39)
		scale = 39;
	g = tg == 1 ? 12 : tg == 2 ? 14 : 16;
	/* leaf size per level: 4K 30/21/12, 16K 36/25/14, 64K 42/29/16 */
	leaf = ttl == 0 ? g : tg == 1 ? (ttl == 1 ? 30 : ttl == 2 ? 21 : 12) :
	       tg == 2 ? (ttl == 1 ? 36 : ttl == 2 ? 25 : 14) : (ttl == 1 ? 42 : ttl == 2 ? 29 : 16);
	len = (uint64_t)(num + 1) << (scale + g);	/* at most 32 * 2^39 * 64 KiB = 2^60 */
	if (a && len > 0 - a)
		return D(RANGE_WRAP);	/* a + len > 2^64 */
	if (a & low(leaf)) {
		/* UNPREDICTABLE, not illegal: every leaf-sized block the range touches, flagged */
		set_range(e, a & ~low(leaf), (a + (len - 1)) | low(leaf), g);
		e->flags |= IOMMUFMT_INV_F_WIDENED;
		return 0;
	}
	set_range(e, a, a + (len - 1), g);
	e->level_hint = ttl ? (__u8)leaf : 0;
	return 0;
}

static unsigned int smmu_decode(const uint64_t *w, unsigned int nw, const struct iommufmt_inv_cfg *cfg,
				struct iommufmt_inv_entry *e)
{
	uint64_t w0 = w[0], w1 = w[1];
	unsigned int cf = cfg->flags, op = (unsigned int)(w0 & 0xff);
	uint64_t ssv = (w0 >> 11) & 1, ssid = ref_bits(w0, 31, 12), sid = w0 >> 32;
	uint64_t u0, u1;

	(void)nw;
	start(e, 0);
	switch (op) {
	case 0x01:
		if ((w0 & ~(SM_OP | M(63, 10))) || w1)
			return D(RESERVED_BIT);
		if (w0 & (1u << 10))
			return D(BAD_FIELD);
		if ((ssv || ssid) && !(cf & IOMMUFMT_INV_CFG_PASID))
			return D(FEATURE);
		start(e, IOMMUFMT_INV_OP_PREFETCH);
		e->flags = IOMMUFMT_INV_F_SID | (ssv ? IOMMUFMT_INV_F_PASID : 0);
		e->sid = (uint32_t)sid;
		e->pasid = ssv ? (uint32_t)ssid : 0;
		return 0;
	case 0x02:	/* PREFETCH_ADDR: qw1 Size 4:0, Stride 9:5, NS 11, Addr 63:12; hints only */
		if ((w0 & ~(SM_OP | M(63, 10))) || (w1 & M(10, 10)))
			return D(RESERVED_BIT);
		if (w0 & (1u << 10))
			return D(BAD_FIELD);
		if ((ssv || ssid) && !(cf & IOMMUFMT_INV_CFG_PASID))
			return D(FEATURE);
		if (w1 & (1u << 11))
			return D(BAD_FIELD);
		start(e, IOMMUFMT_INV_OP_PREFETCH);
		e->flags = IOMMUFMT_INV_F_SID | (ssv ? IOMMUFMT_INV_F_PASID : 0);
		e->sid = (uint32_t)sid;
		e->pasid = ssv ? (uint32_t)ssid : 0;
		return 0;
	case 0x03:
	case 0x04:
		if ((w0 & ~(SM_OP | M(10, 10) | M(63, 32))) || (w1 & ~(op == 3 ? M(0, 0) : M(4, 0))))
			return D(RESERVED_BIT);
		if (w0 & (1u << 10))
			return D(BAD_FIELD);
		inval(e, IOMMUFMT_INV_CACHE_DEVICE | IOMMUFMT_INV_CACHE_PASID, IOMMUFMT_INV_GRAN_DEVICE,
		      IOMMUFMT_INV_F_SID);
		e->sid = (uint32_t)sid;
		if (op == 3) {
			if (w1 & 1)
				e->flags |= IOMMUFMT_INV_F_LEAF;
		} else {
			unsigned int range = (unsigned int)(w1 & 31);

			e->sid_mask = (uint32_t)low(range + 1);
			e->sid &= ~e->sid_mask;
		}
		return 0;
	case 0x05:
		if ((w0 & ~(SM_OP | M(10, 10) | M(31, 12) | M(63, 32))) || (w1 & ~M(0, 0)))
			return D(RESERVED_BIT);
		if (w0 & (1u << 10))
			return D(BAD_FIELD);
		if (ssid && !(cf & IOMMUFMT_INV_CFG_PASID))
			return D(FEATURE);
		inval(e, IOMMUFMT_INV_CACHE_PASID, IOMMUFMT_INV_GRAN_PASID,
		      IOMMUFMT_INV_F_SID | IOMMUFMT_INV_F_PASID | (w1 & 1 ? IOMMUFMT_INV_F_LEAF : 0));
		e->sid = (uint32_t)sid;
		e->pasid = (uint32_t)ssid;
		return 0;
	case 0x06:
	case 0x45:
		if ((w0 & ~(SM_OP | M(10, 10) | M(63, 32))) || w1)
			return D(RESERVED_BIT);
		if (op == 0x45 && !(cf & IOMMUFMT_INV_CFG_STALL))
			return D(FEATURE);
		if (w0 & (1u << 10))
			return D(BAD_FIELD);
		if (op == 0x06) {
			inval(e, IOMMUFMT_INV_CACHE_PASID, IOMMUFMT_INV_GRAN_DEVICE, IOMMUFMT_INV_F_SID);
		} else {
			start(e, IOMMUFMT_INV_OP_RESUME);
			e->flags = IOMMUFMT_INV_F_SID | IOMMUFMT_INV_F_ALL_TAGS;
			e->code = IOMMUFMT_INV_RESUME_ABORT;
		}
		e->sid = (uint32_t)sid;
		return 0;
	case 0x10:
	case 0x11:
	case 0x28:
		if ((w0 & ~(SM_OP | M(47, 32) | (op == 0x11 ? M(63, 48) : 0))) || w1)
			return D(RESERVED_BIT);
		if (op == 0x28 && !(cf & IOMMUFMT_INV_CFG_STAGE2))
			return D(FEATURE);
		inval(e, IOMMUFMT_INV_CACHE_IOTLB, op == 0x11 ? IOMMUFMT_INV_GRAN_DOMAIN :
		      IOMMUFMT_INV_GRAN_GLOBAL, IOMMUFMT_INV_F_VMID |
		      (op == 0x11 ? IOMMUFMT_INV_F_ARCHID : 0) | (op == 0x28 ? IOMMUFMT_INV_F_STAGE2 : 0));
		e->vmid = (uint32_t)ref_bits(w0, 47, 32);
		e->archid = op == 0x11 ? (uint32_t)ref_bits(w0, 63, 48) : 0;
		return 0;
	case 0x12:
	case 0x13:
	case 0x2a:
		u0 = SM_OP | M(16, 12) | M(25, 20) | M(47, 32) | (op == 0x12 ? M(63, 48) : 0);
		u1 = M(0, 0) | M(11, 8) | (op == 0x2a ? M(51, 12) : M(63, 12));
		if ((w0 & ~u0) || (w1 & ~u1))
			return D(RESERVED_BIT);
		if (op == 0x2a && !(cf & IOMMUFMT_INV_CFG_STAGE2))
			return D(FEATURE);
		inval(e, IOMMUFMT_INV_CACHE_IOTLB, IOMMUFMT_INV_GRAN_ADDR, IOMMUFMT_INV_F_VMID |
		      (op == 0x12 ? IOMMUFMT_INV_F_ARCHID : 0) | (op == 0x2a ? IOMMUFMT_INV_F_STAGE2 : 0));
		e->vmid = (uint32_t)ref_bits(w0, 47, 32);
		e->archid = op == 0x12 ? (uint32_t)ref_bits(w0, 63, 48) : 0;
		return smmu_tlbi(w, cf, e, op == 0x2a);
	case 0x30:
		if ((w0 & ~SM_OP) || w1)
			return D(RESERVED_BIT);
		inval(e, IOMMUFMT_INV_CACHE_IOTLB, IOMMUFMT_INV_GRAN_GLOBAL, IOMMUFMT_INV_F_STAGE2);
		return 0;
	case 0x40: {
		unsigned int size = (unsigned int)(w1 & 0x3f);

		if ((w0 & ~(SM_OP | M(63, 9))) || (w1 & ~(M(5, 0) | M(63, 12))))
			return D(RESERVED_BIT);
		if (!(cf & IOMMUFMT_INV_CFG_ATS))
			return D(FEATURE);
		if ((w0 & ((1u << 9) | (1u << 11) | M(31, 12))) && !(cf & IOMMUFMT_INV_CFG_PASID))
			return D(FEATURE);
		if (w0 & (1u << 10))
			return D(BAD_FIELD);
		if (size > 52)
			return D(BAD_FIELD);
		inval(e, IOMMUFMT_INV_CACHE_DEV_IOTLB, IOMMUFMT_INV_GRAN_ADDR, IOMMUFMT_INV_F_SID |
		      (ssv ? IOMMUFMT_INV_F_PASID : 0) | (ssv && (w0 & 0x200) ? IOMMUFMT_INV_F_PASID_GLOBAL : 0));
		e->sid = (uint32_t)sid;
		e->pasid = ssv ? (uint32_t)ssid : 0;
		if (size == 52)
			e->granularity = ssv ? IOMMUFMT_INV_GRAN_PASID : IOMMUFMT_INV_GRAN_DEVICE;
		else
			set_block(e, w1 & M(63, 12), size + 12);
		return 0;
	}
	case 0x41: {
		unsigned int resp = (unsigned int)ref_bits(w1, 13, 12);

		if ((w0 & ~(SM_OP | M(63, 11))) || (w1 & ~(M(8, 0) | M(13, 12))))
			return D(RESERVED_BIT);
		if (!(cf & IOMMUFMT_INV_CFG_PRI))
			return D(FEATURE);
		if ((ssv || ssid) && !(cf & IOMMUFMT_INV_CFG_PASID))
			return D(FEATURE);
		if (resp == 3)
			return D(BAD_FIELD);
		start(e, IOMMUFMT_INV_OP_PAGE_RESP);
		e->flags = IOMMUFMT_INV_F_SID | (ssv ? IOMMUFMT_INV_F_PASID : 0);
		e->sid = (uint32_t)sid;
		e->pasid = ssv ? (uint32_t)ssid : 0;
		e->tag = (uint32_t)(w1 & 0x1ff);
		e->code = resp == 2 ? IOMMUFMT_INV_RESP_SUCCESS : resp == 1 ? IOMMUFMT_INV_RESP_INVALID :
			  IOMMUFMT_INV_RESP_FAILURE;
		return 0;
	}
	case 0x44: {
		unsigned int act = (unsigned int)ref_bits(w0, 13, 12);

		if ((w0 & ~(SM_OP | M(10, 10) | M(13, 12) | M(63, 32))) || (w1 & ~M(15, 0)))
			return D(RESERVED_BIT);
		if (!(cf & IOMMUFMT_INV_CFG_STALL))
			return D(FEATURE);
		if (w0 & (1u << 10))
			return D(BAD_FIELD);
		start(e, IOMMUFMT_INV_OP_RESUME);
		e->flags = IOMMUFMT_INV_F_SID;
		e->sid = (uint32_t)sid;
		e->tag = (uint32_t)(w1 & 0xffff);
		e->code = (act & 1) ? IOMMUFMT_INV_RESUME_RETRY :
			  (act & 2) ? IOMMUFMT_INV_RESUME_ABORT : IOMMUFMT_INV_RESUME_RAZ;
		return 0;
	}
	case 0x46: {
		unsigned int cs = (unsigned int)ref_bits(w0, 13, 12);

		if ((w0 & ~(SM_OP | M(13, 12) | M(27, 22) | M(63, 32))) || (w1 & ~M(51, 2)))
			return D(RESERVED_BIT);
		if (cs == 3)
			return D(BAD_FIELD);
		start(e, IOMMUFMT_INV_OP_SYNC);
		if (cs == 1 && w1) {
			e->flags = IOMMUFMT_INV_F_SYNC_STORE;
			e->addr = w1;
			e->data = w0 >> 32;
			e->aux = (uint32_t)ref_bits(w0, 27, 22);
		} else if (cs == 1) {
			e->flags = IOMMUFMT_INV_F_SYNC_IRQ;
		} else if (cs == 2) {
			e->flags = IOMMUFMT_INV_F_SYNC_EVENT;
		}
		return 0;
	}
	case 0x20: case 0x21: case 0x22: case 0x23:
		return D(FEATURE);	/* TLBI_EL2_*: only with SMMU_IDR0.Hyp, which no vSMMU has */
	}
	return D(UNKNOWN_CMD);
}

/* A canonical TLBI range: TG = 0, or TG with an odd NUM + 1, its TTL and alignment. */
static void gen_tlbi(struct test_rng *r, const struct iommufmt_inv_cfg *cfg, uint64_t *w, bool ipa)
{
	unsigned int tg, ttl, num, scale, g, leaf, smax;
	uint64_t len, a, amax = ipa ? M(51, 12) : M(63, 12);

	w[1] |= ref_rand_bits(r, 1);	/* leaf */
	if (!(cfg->flags & IOMMUFMT_INV_CFG_RANGE) || !test_rng_below(r, 4)) {
		w[1] |= ref_rand_bits(r, 64) & amax;
		return;
	}
	smax = (cfg->flags & IOMMUFMT_INV_CFG_DS) ? 39 : 31;
	for (;;) {
		tg = 1 + (unsigned int)test_rng_below(r, 3);
		ttl = (unsigned int)test_rng_below(r, 4);
		num = 2 * (unsigned int)test_rng_below(r, 16);
		scale = (unsigned int)test_rng_below(r, test_rng_below(r, 2) ? 8 : smax + 1);
		if (tg == 2 && ttl == 1 && !(cfg->flags & IOMMUFMT_INV_CFG_DS))
			continue;
		if (!num && !scale && !ttl)
			continue;
		g = 10 + 2 * tg;
		leaf = ttl ? g + (3 - ttl) * (g - 3) : g;
		len = (uint64_t)(num + 1) << (scale + g);
		a = ref_rand_bits(r, 64) & amax & ~low(leaf);
		if (test_rng_below(r, 2))
			a &= M(47, 0);
		if (len - 1 > amax + 4095 - a)
			continue;	/* a + len passes the top of the address field */
		break;
	}
	w[0] |= (uint64_t)num << 12 | (uint64_t)(scale & 31) << 20 | (uint64_t)(scale >> 5) << 25;
	w[1] |= (uint64_t)ttl << 8 | (uint64_t)tg << 10 | a;
}

static void smmu_gen(unsigned int kind, struct test_rng *r, const struct iommufmt_inv_cfg *cfg,
		     uint64_t *w)
{
	uint64_t sid = ref_rand_bits(r, 32) << 32, vmid = ref_rand_bits(r, 16) << 32;
	uint64_t asid = ref_rand_bits(r, 16) << 48, ssid = ref_rand_bits(r, 20) << 12;
	uint64_t ssv = ref_rand_bits(r, 1);
	unsigned int x;

	w[0] = w[1] = 0;
	switch (kind) {
	case 0: w[0] = 0x01 | ssv << 11 | (ssv ? ssid : 0) | sid; break;
	case 1: w[0] = 0x03 | sid; w[1] = ref_rand_bits(r, 1); break;
	case 2:
		x = (unsigned int)test_rng_below(r, 32);
		w[0] = 0x04 | (sid & ~(low(x + 1) << 32));
		w[1] = x;
		break;
	case 3: w[0] = 0x05 | ssid | sid; w[1] = ref_rand_bits(r, 1); break;
	case 4: w[0] = 0x06 | sid; break;
	case 5: w[0] = 0x10 | vmid; break;
	case 6: w[0] = 0x11 | vmid | asid; break;
	case 7: w[0] = 0x12 | vmid | asid; gen_tlbi(r, cfg, w, false); break;
	case 8: w[0] = 0x13 | vmid; gen_tlbi(r, cfg, w, false); break;
	case 9: w[0] = 0x28 | vmid; break;
	case 10: w[0] = 0x2a | vmid; gen_tlbi(r, cfg, w, true); break;
	case 11: w[0] = 0x30; break;
	case 12:
		x = (unsigned int)test_rng_below(r, 53);
		w[0] = 0x40 | ssv << 11 | (ssv ? ssid | ref_rand_bits(r, 1) << 9 : 0) | sid;
		w[1] = x | (x == 52 ? 0 : ref_rand_bits(r, 64) & ~((UINT64_C(1) << (x + 12)) - 1));
		break;
	case 13:
		w[0] = 0x41 | ssv << 11 | (ssv ? ssid : 0) | sid;
		w[1] = ref_rand_bits(r, 9) | test_rng_below(r, 3) << 12;
		break;
	case 14:
		w[0] = 0x44 | test_rng_below(r, 3) << 12 | sid;
		w[1] = ref_rand_bits(r, 16);
		break;
	case 15: w[0] = 0x45 | sid; break;
	case 17:
		w[0] = 0x02 | ssv << 11 | (ssv ? ssid : 0) | sid;
		w[1] = ref_rand_bits(r, 10) | (ref_rand_bits(r, 64) & M(63, 12));
		break;
	default:
		x = (unsigned int)test_rng_below(r, 3);
		w[0] = 0x46 | (uint64_t)x << 12;
		if (x == 1 && test_rng_below(r, 4)) {
			w[1] = (ref_rand_bits(r, 52) & ~UINT64_C(3)) | 4;
			w[0] |= ref_rand_bits(r, 6) << 22 | ref_rand_bits(r, 32) << 32;
		}
		break;
	}
}

const struct ref_model ref_smmu = {
	"smmuv3", IOMMUFMT_MODEL_SMMU, 18, 17, smmu_kinds, smmu_decode, smmu_gen, 0,
};

/* ---------------- s390 RPCIT ---------------- */

static const char *const s390_kinds[] = { "RPCIT" };

static unsigned int s390_decode(const uint64_t *w, unsigned int nw, const struct iommufmt_inv_cfg *cfg,
				struct iommufmt_inv_entry *e)
{
	uint64_t last;

	(void)nw;
	(void)cfg;
	start(e, 0);
	if (w[0] & 0xffffffff)
		return D(RESERVED_BIT);
	if (!w[2])
		return D(BAD_FIELD);
	if (w[2] - 1 > UINT64_MAX - w[1])
		return D(RANGE_WRAP);	/* the last byte, w[1] + w[2] - 1, passes 2^64 - 1 */
	last = w[1] + (w[2] - 1);
	inval(e, IOMMUFMT_INV_CACHE_IOTLB, IOMMUFMT_INV_GRAN_ADDR, IOMMUFMT_INV_F_SID);
	e->sid = (uint32_t)(w[0] >> 32);
	set_range(e, w[1] / 4096 * 4096, last | 4095, 12);	/* the pages it touches */
	return 0;
}

static void s390_gen(unsigned int kind, struct test_rng *r, const struct iommufmt_inv_cfg *cfg,
		     uint64_t *w)
{
	uint64_t start_pg, pages;

	(void)kind;
	(void)cfg;
	w[0] = ref_rand_bits(r, 32) << 32;
	if (!test_rng_below(r, 16)) {
		w[1] = 0;
		w[2] = UINT64_MAX;	/* everything */
		return;
	}
	start_pg = ref_rand_bits(r, test_rng_below(r, 2) ? 20 : 52);
	pages = 1 + ref_rand_bits(r, (unsigned int)test_rng_below(r, 40));
	if (pages > (UINT64_C(1) << 52) - start_pg - 1)
		pages = 1;
	w[1] = start_pg << 12;
	w[2] = pages << 12;
}

const struct ref_model ref_s390 = {
	"s390", IOMMUFMT_MODEL_S390, 1, 1, s390_kinds, s390_decode, s390_gen, 1,
};
