/* SPDX-License-Identifier: MIT */
/* Tests of the arm-lpae-s1/s2 walkers and builders against a naive reference walker. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iommufmt/iommufmt.h>
#include "tests/pgtable-harness.h"
#include "tests/testutil.h"

/* ------------------------------------------------------------------------ */
/* The reference walker: written from the descriptor layouts, bit by bit,   */
/* one loop over levels, no shared code with the library.                   */
/* ------------------------------------------------------------------------ */

/*
 * The reference reads a prepared configuration (struct iommufmt_pgtable_cfg:
 * granule, ias, oas, sl0, root, flags; the stage from the format).
 */
#define REF_S2(c)	((c)->format == IOMMUFMT_PGTABLE_ARM_LPAE_S2)

static const struct iommufmt_gmem *ref_gmem;

/*
 * Nested reference: while ref_s2 is set, every table read address is an IPA
 * that the stage-2 reference translates (for a read) first; a stage-2 fault
 * is kept in ref_s2_fault.
 */
static const struct iommufmt_pgtable_cfg *ref_s2;
static struct ref_out ref_s2_fault;
static uint64_t ref_s2_ipa;
static int ref_s2_faulted;
static struct ref_out ref_translate(const struct iommufmt_pgtable_cfg *c,
				    const struct iommufmt_gmem *gmem, uint64_t iova,
				    uint32_t access);

/* Little-endian 8-byte read through the regions only (no callbacks). */
static int ref_read(uint64_t gpa, uint64_t *v)
{
	if (ref_s2) {
		const struct iommufmt_pgtable_cfg *s2 = ref_s2;
		struct ref_out o;

		ref_s2 = NULL;
		o = ref_translate(s2, ref_gmem, gpa, IOMMUFMT_ACCESS_READ);
		ref_s2 = s2;
		if (o.fault) {
			ref_s2_fault = o;
			ref_s2_ipa = gpa;
			ref_s2_faulted = 1;
			return -1;
		}
		gpa = o.pa;
	}
	for (unsigned i = 0; i < ref_gmem->nr_regions; i++) {
		const struct iommufmt_gmem_region *r = &ref_gmem->regions[i];

		if (gpa >= r->gpa && gpa + 8 <= r->gpa + r->size && gpa + 8 > gpa) {
			const unsigned char *p = (const unsigned char *)r->host + (gpa - r->gpa);

			*v = 0;
			for (int k = 7; k >= 0; k--)
				*v = (*v << 8) | p[k];
			return 0;
		}
	}
	return -1;
}

static int ref_start_level(const struct iommufmt_pgtable_cfg *c)
{
	if (!REF_S2(c)) {
		int levels = 0;
		int remaining = (int)c->ias - (int)c->granule;

		while (remaining > 0) {
			remaining -= (int)c->granule - 3;
			levels++;
		}
		return 4 - levels;
	}
	if (c->granule == 12) {
		if (c->sl0 == 0)
			return 2;
		if (c->sl0 == 1)
			return 1;
		if (c->sl0 == 2)
			return 0;
		return 3;
	}
	return 3 - (int)c->sl0;
}

static int ref_block_allowed(const struct iommufmt_pgtable_cfg *c, int level)
{
	if (c->granule == 12)
		return level == 1 || level == 2;
	if (c->granule == 14)
		return level == 2;
	return level == 2 || (level == 1 && c->oas == 52);
}

/* One translation over @gmem (read through ref_read()), levels in the format's numbering. */
static struct ref_out ref_walk(const struct iommufmt_pgtable_cfg *c,
				    const struct iommufmt_gmem *gmem, uint64_t iova,
				    uint32_t access)
{
	struct ref_out o;
	int level = ref_start_level(c), start = level;
	unsigned stride = c->granule - 3;
	uint64_t table = c->root;
	int apt0 = 0, apt1 = 0, pxnt = 0, uxnt = 0, nst = 0;

	ref_gmem = gmem;
	memset(&o, 0, sizeof(o));
	if (iova >> c->ias) {
		o.fault = IOMMUFMT_FAULT_ADDR_SIZE_INPUT;
		o.level = (uint32_t)start;
		return o;
	}
	for (;;) {
		unsigned lsb = c->granule + (unsigned)(3 - level) * stride;
		unsigned nbits = level == start ? c->ias - lsb : stride;
		uint64_t index = ref_field(iova, lsb + nbits - 1, lsb);
		uint64_t d, addr;

		if (ref_read(table + 8 * index, &d)) {
			o = ref_fault(IOMMUFMT_FAULT_TABLE_READ, level, 0, lsb);
			o.fault_addr = table + 8 * index;
			return o;
		}
		if (!ref_bit(d, 0))
			return ref_fault(IOMMUFMT_FAULT_NOT_PRESENT, level, d, lsb);
		if (level != 3 && ref_bit(d, 1)) {
			for (unsigned b = 48; b <= 51; b++)
				if (ref_bit(d, b))
					return ref_fault(IOMMUFMT_FAULT_RESERVED_BIT, level, d, lsb);
			if (c->granule == 14 && (ref_bit(d, 12) || ref_bit(d, 13)))
				return ref_fault(IOMMUFMT_FAULT_RESERVED_BIT, level, d, lsb);
			if (REF_S2(c))
				for (unsigned b = 59; b <= 63; b++)
					if (ref_bit(d, b))
						return ref_fault(IOMMUFMT_FAULT_RESERVED_BIT, level,
								 d, lsb);
			addr = ref_field(d, 47, c->granule) << c->granule;
			if (c->granule == 16)
				addr |= ref_field(d, 15, 12) << 48;
			if (addr >> c->oas)
				return ref_fault(IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT, level, d, lsb);
			if (!REF_S2(c)) {
				pxnt |= (int)ref_bit(d, 59);
				uxnt |= (int)ref_bit(d, 60);
				apt0 |= (int)ref_bit(d, 61);
				apt1 |= (int)ref_bit(d, 62);
				nst |= (int)ref_bit(d, 63);
			}
			table = addr;
			level++;
			continue;
		}
		/* a block or page */
		if (level == 3 ? !ref_bit(d, 1) : !ref_block_allowed(c, level))
			return ref_fault(IOMMUFMT_FAULT_BAD_LEVEL, level, d, lsb);
		if (ref_bit(d, 48) || ref_bit(d, 49) || (REF_S2(c) && ref_bit(d, 50)))
			return ref_fault(IOMMUFMT_FAULT_RESERVED_BIT, level, d, lsb);
		if (level == 3 && c->granule == 14 && (ref_bit(d, 12) || ref_bit(d, 13)))
			return ref_fault(IOMMUFMT_FAULT_RESERVED_BIT, level, d, lsb);
		if (level != 3)
			for (unsigned b = c->granule == 16 ? 16 : 12; b < lsb; b++)
				if (b != 16 && ref_bit(d, b))
					return ref_fault(IOMMUFMT_FAULT_RESERVED_BIT, level, d,
							 lsb);
		addr = ref_field(d, 47, lsb) << lsb;
		if (c->granule == 16)
			addr |= ref_field(d, 15, 12) << 48;
		if (addr >> c->oas)
			return ref_fault(IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT, level, d, lsb);
		if (!ref_bit(d, 10) &&
		    !(c->flags & (IOMMUFMT_PGTABLE_F_AFFD | IOMMUFMT_PGTABLE_F_AD)))
			return ref_fault(IOMMUFMT_FAULT_ACCESS_FLAG, level, d, lsb);
		{
			int ad = !!(c->flags & IOMMUFMT_PGTABLE_F_AD);
			int xen = !!(c->flags & IOMMUFMT_PGTABLE_F_EXEC);
			int priv = !!(access & IOMMUFMT_ACCESS_PRIV);
			int r, w, x, user;

			if (REF_S2(c)) {
				uint64_t xn = ref_field(d, 54, 53);

				r = (int)ref_bit(d, 6);
				w = ref_bit(d, 7) || (ad && ref_bit(d, 51));
				x = !xen || (priv ? (xn == 0 || xn == 3) : (xn == 0 || xn == 1));
				user = 1;
			} else {
				/* EXEC as privileged code sees it on privileged-only pages */
				int xpriv;

				r = 1;
				user = ref_bit(d, 6) && !apt0;
				xpriv = priv || !user;
				w = (!ref_bit(d, 7) || (ad && ref_bit(d, 51))) && !apt1;
				if (!xen)
					x = 1;
				else if (xpriv)
					x = !ref_bit(d, 53) && !pxnt &&
					    !(ref_bit(d, 6) && !ref_bit(d, 7));
				else
					x = !ref_bit(d, 54) && !uxnt;
			}
			o.perm = (r ? IOMMUFMT_ACCESS_READ : 0) | (w ? IOMMUFMT_ACCESS_WRITE : 0) |
				 (x ? IOMMUFMT_ACCESS_EXEC : 0) |
				 (user ? IOMMUFMT_ACCESS_USER : IOMMUFMT_ACCESS_PRIV);
			o.level = (uint32_t)level;
			o.pte = d;
			o.size = (uint64_t)1 << lsb;
			o.pa = addr + (iova & (o.size - 1));
			o.attrs = 0;
			for (unsigned b = 2; b <= 11; b++)
				o.attrs |= ref_bit(d, b) << b;
			for (unsigned b = 50; b <= 63; b++)
				o.attrs |= ref_bit(d, b) << b;
			if (nst)
				o.attrs |= 1u << 5;
			if ((access & 7) && !priv && !user)
				o.fault = IOMMUFMT_FAULT_PERMISSION;
			if ((access & IOMMUFMT_ACCESS_READ) && !r)
				o.fault = IOMMUFMT_FAULT_PERMISSION;
			if ((access & IOMMUFMT_ACCESS_WRITE) && !w)
				o.fault = IOMMUFMT_FAULT_PERMISSION;
			if ((access & IOMMUFMT_ACCESS_EXEC) && !x)
				o.fault = IOMMUFMT_FAULT_PERMISSION;
			if (o.fault) {
				o.pa = 0;
				o.perm = 0;
				o.attrs = 0;
			}
		}
		return o;
	}
}

/* ref_walk() with the common level of its result (Arm counts from the root; the page table is 3). */
static struct ref_out ref_translate(const struct iommufmt_pgtable_cfg *c,
				    const struct iommufmt_gmem *gmem, uint64_t iova,
				    uint32_t access)
{
	struct ref_out o = ref_walk(c, gmem, iova, access);

	o.common = 3 - o.level;
	return o;
}

HARNESS_REF_ADAPTER(harness_ref, ref_translate)

/* ------------------------------------------------------------------------ */
/* Configurations and random tables                                          */
/* ------------------------------------------------------------------------ */

struct conf {
	const char *name;
	int s2;
	unsigned g, ias, oas, sl0;
	uint64_t arena_gpa;
	uint32_t flags;
};

static const struct conf confs[] = {
	{ "s1-4k-48", 0, 12, 48, 48, 0, 0x40000000, 0 },
	{ "s1-4k-39/40", 0, 12, 39, 40, 0, 0x40000000, IOMMUFMT_PGTABLE_F_EXEC },
	{ "s1-4k-32/32", 0, 12, 32, 32, 0, 0x80000000, IOMMUFMT_PGTABLE_F_AFFD },
	{ "s1-16k-47", 0, 14, 47, 48, 0, 0x40000000, IOMMUFMT_PGTABLE_F_EXEC },
	{ "s1-16k-36/36", 0, 14, 36, 36, 0, 0x40000000, IOMMUFMT_PGTABLE_F_AD },
	{ "s1-64k-48", 0, 16, 48, 48, 0, 0x40000000, IOMMUFMT_PGTABLE_F_EXEC },
	{ "s1-64k-52/52", 0, 16, 52, 52, 0, 0x000f123400000000ull,
	  IOMMUFMT_PGTABLE_F_EXEC | IOMMUFMT_PGTABLE_F_AD },
	{ "s2-4k-sl0=1-40 (2 concat)", 1, 12, 40, 40, 1, 0x40000000, IOMMUFMT_PGTABLE_F_EXEC },
	{ "s2-4k-sl0=0-34 (16 concat)", 1, 12, 34, 44, 0, 0x40000000, 0 },
	{ "s2-4k-sl0=2-48", 1, 12, 48, 48, 2, 0x40000000, IOMMUFMT_PGTABLE_F_AD },
	{ "s2-16k-sl0=1-40 (16 concat)", 1, 14, 40, 42, 1, 0x40000000,
	  IOMMUFMT_PGTABLE_F_EXEC },
	{ "s2-16k-sl0=3-48", 1, 14, 48, 48, 3, 0x40000000, 0 },
	{ "s2-64k-sl0=1-46 (16 concat)", 1, 16, 46, 48, 1, 0x40000000, IOMMUFMT_PGTABLE_F_AFFD },
	{ "s2-64k-sl0=2-52/52", 1, 16, 52, 52, 2, 0x000e000000000000ull,
	  IOMMUFMT_PGTABLE_F_EXEC | IOMMUFMT_PGTABLE_F_AD },
};

static void cfg_from_conf(struct iommufmt_pgtable_cfg *cfg, const struct conf *c)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->argsz = sizeof(*cfg);
	cfg->format = c->s2 ? IOMMUFMT_PGTABLE_ARM_LPAE_S2 : IOMMUFMT_PGTABLE_ARM_LPAE_S1;
	cfg->flags = c->flags;
	cfg->ias = c->ias;
	cfg->oas = c->oas;
	cfg->granule = c->g;
	cfg->sl0 = c->sl0;
}

static void world_setup(struct harness_world *w, const struct conf *c)
{
	struct iommufmt_pgtable_cfg cfg;

	cfg_from_conf(&cfg, c);
	harness_world_init(w, &cfg, c->arena_gpa, ref_translate);
	ck_assert_int_eq((int)w->pt.start_level, ref_start_level(&w->pt.cfg));
	ref_gmem = &w->env.gmem;
}

static const uint32_t prots[] = {
	IOMMUFMT_ACCESS_READ,
	IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE,
	IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE | IOMMUFMT_ACCESS_EXEC,
	IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_EXEC,
	IOMMUFMT_ACCESS_WRITE,
	IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_PRIV,
	IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE | IOMMUFMT_ACCESS_PRIV,
	IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_EXEC | IOMMUFMT_ACCESS_PRIV,
	0,
};

#define NPROTS ((unsigned)(sizeof(prots) / sizeof(prots[0])))

/* Flip attribute, type and reserved bits of random valid descriptors. */
static void world_mutate(struct harness_world *w, struct test_rng *r, unsigned count)
{
	static const unsigned flip[] = { 0, 1, 5, 6, 7, 10, 11, 12, 13, 16, 17, 20, 44, 46, 47,
					 48, 49, 50, 51, 52, 53, 54, 55, 59, 60, 61, 62, 63 };
	uint64_t used = w->env.arena.used / 8;
	uint64_t off0 = (w->pt.cfg.root - w->env.arena.gpa) / 8;

	for (unsigned n = 0, tries = 0; n < count && tries < count * 1000; tries++) {
		uint64_t slot = off0 + test_rng_below(r, used - off0);
		unsigned char *p = harness_mem() + slot * 8;
		unsigned b = flip[test_rng_below(r, sizeof(flip) / sizeof(flip[0]))];

		if (!(p[0] & 1))
			continue;
		p[b / 8] ^= (unsigned char)(1u << (b % 8));
		n++;
	}
}

START_TEST(test_differential)
{
	static struct harness_world w;
	const struct conf *c = &confs[_i];
	struct test_rng r;

	test_rng_seed(&r, 0x1234567ull + (uint64_t)_i * 7919);
	world_setup(&w, c);
	harness_world_populate(&w, &r, c->g == 16 ? 200 : 1500, prots, NPROTS);
	ck_assert_uint_gt(w.nmaps, 50);
	/* every page and block size of the configuration was mapped */
	{
		unsigned nsizes = (unsigned)__builtin_popcountll(w.pt.pgsize_bitmap);

		ck_assert_msg(w.sizes_used == (1u << nsizes) - 1, "%s: sizes used 0x%x of %u",
			      c->name, w.sizes_used, nsizes);
	}
	/* then corrupt descriptors and compare again */
	harness_world_check_all(&w, &r, c->name, world_mutate, 400);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Hostile tables                                                            */
/* ------------------------------------------------------------------------ */

static void put_le(uint64_t arena_gpa, uint64_t gpa, uint64_t v)
{
	harness_store64(harness_mem() + (gpa - arena_gpa), v, 0);
}

static uint64_t get_le(uint64_t arena_gpa, uint64_t gpa)
{
	return harness_load64(harness_mem() + (gpa - arena_gpa), 0);
}

static const struct conf s1_4k = { "s1-4k-48", 0, 12, 48, 48, 0, 0x40000000, 0 };

static uint64_t idx4k(unsigned i0, unsigned i1, unsigned i2, unsigned i3)
{
	return ((uint64_t)i0 << 39) | ((uint64_t)i1 << 30) | ((uint64_t)i2 << 21) |
	       ((uint64_t)i3 << 12);
}

START_TEST(test_hostile_self_and_cycles)
{
	static struct harness_world w;
	struct iommufmt_pgtable affd;
	struct iommufmt_pgtable_cfg cfg;
	struct iommufmt_xlate x;
	unsigned long reads;
	uint64_t R, A, B, iova;

	world_setup(&w, &s1_4k);
	R = w.pt.cfg.root;
	/* one entry that points at its own table serves every level */
	put_le(w.env.arena.gpa, R + 5 * 8, R | 3);
	iova = idx4k(5, 5, 5, 5) | 0x123;
	x = harness_world_xlate_counted(&w, &w.pt, iova, IOMMUFMT_ACCESS_READ, &reads);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_ACCESS_FLAG);
	ck_assert_uint_eq(x.native_level, 3);
	ck_assert_uint_eq(x.pte, R | 3);
	ck_assert_uint_eq(reads, 4);
	/* with access-flag faults off, the table maps itself */
	cfg = w.pt.cfg;
	cfg.flags |= IOMMUFMT_PGTABLE_F_AFFD;
	ck_assert_int_eq(iommufmt_pgtable_prepare(&affd, &cfg, NULL), 0);
	x = harness_world_xlate_counted(&w, &affd, iova, IOMMUFMT_ACCESS_READ |
					IOMMUFMT_ACCESS_WRITE | IOMMUFMT_ACCESS_PRIV, NULL);
	ck_assert_uint_eq(x.fault, 0);
	ck_assert_uint_eq(x.pa, R + 0x123);
	ck_assert_uint_eq(x.page_size, 0x1000);
	/* a self pointer at level L: the next level reads the same table */
	for (int L = 0; L <= 2; L++) {
		unsigned idx[4] = { 1, 2, 3, 4 };
		uint64_t t[4];

		memset(harness_mem(), 0, 0x10000);
		for (int k = 0; k < 4; k++)
			t[k] = R + 0x1000 * (uint64_t)k;
		for (int k = 0; k < L; k++)
			put_le(w.env.arena.gpa, t[k] + idx[k] * 8, t[k + 1] | 3);
		put_le(w.env.arena.gpa, t[L] + idx[L] * 8, t[L] | 3);
		x = harness_world_xlate_counted(&w, &w.pt, idx4k(idx[0], idx[1], idx[2], idx[3]),
				  IOMMUFMT_ACCESS_READ, NULL);
		ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_NOT_PRESENT);
		ck_assert_uint_eq(x.native_level, (unsigned)L + 1);
		/* the same index at every level below: a page at level 3 (AF = 0) */
		for (int k = L + 1; k < 4; k++)
			idx[k] = idx[L];
		x = harness_world_xlate_counted(&w, &w.pt, idx4k(idx[0], idx[1], idx[2], idx[3]),
				  IOMMUFMT_ACCESS_READ, NULL);
		ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_ACCESS_FLAG);
		ck_assert_uint_eq(x.native_level, 3);
	}
	/* a cycle A -> B -> A -> B */
	memset(harness_mem(), 0, 0x10000);
	A = R;
	B = R + 0x1000;
	put_le(w.env.arena.gpa, A + 1 * 8, B | 3);
	put_le(w.env.arena.gpa, B + 2 * 8, A | 3);
	put_le(w.env.arena.gpa, A + 3 * 8, B | 3);
	put_le(w.env.arena.gpa, B + 4 * 8, B | 3 | (1u << 10));
	x = harness_world_xlate_counted(&w, &w.pt, idx4k(1, 2, 3, 4) | 0xfff,
			  IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_PRIV, NULL);
	ck_assert_uint_eq(x.fault, 0);
	ck_assert_uint_eq(x.pa, B + 0xfff);
	ck_assert_uint_eq(x.native_level, 3);
	/* a table outside guest memory */
	put_le(w.env.arena.gpa, A + 7 * 8, 0x7f0000000000ull | 3);
	x = harness_world_xlate_counted(&w, &w.pt, idx4k(7, 0, 0, 0), IOMMUFMT_ACCESS_READ, NULL);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_TABLE_READ);
	ck_assert_uint_eq(x.native_level, 1);
	ck_assert_uint_eq(x.pte, 0);
	/* ... and a root outside guest memory */
	cfg = w.pt.cfg;
	cfg.root = 0x10000000;
	ck_assert_int_eq(iommufmt_pgtable_prepare(&affd, &cfg, NULL), 0);
	ck_assert_int_eq(iommufmt_pgtable_translate(&affd, &w.env.gmem, 0x1000, 0, &x), 0);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_TABLE_READ);
	ck_assert_uint_eq(x.native_level, 0);
	/* inputs above the input size */
	harness_expect(&w.pt, &w.env.gmem, 1ull << 48, 0, IOMMUFMT_FAULT_ADDR_SIZE_INPUT, 0, &x);
	harness_expect(&w.pt, &w.env.gmem, ~0ull, 0, IOMMUFMT_FAULT_ADDR_SIZE_INPUT, 0, &x);
}
END_TEST

START_TEST(test_hostile_outsize_and_af)
{
	static struct harness_world w;
	const struct conf c = { "s1-4k-39/40", 0, 12, 39, 40, 0, 0x40000000, 0 };
	struct iommufmt_xlate x;
	uint64_t R, T;

	world_setup(&w, &c);
	R = w.pt.cfg.root;
	T = R + 0x1000;
	/* a next-level table above the 40-bit output size */
	put_le(w.env.arena.gpa, R + 1 * 8, (1ull << 44) | 3);
	x = harness_world_xlate_counted(&w, &w.pt, 1ull << 30, IOMMUFMT_ACCESS_READ, NULL);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT);
	ck_assert_uint_eq(x.native_level, 1);
	/* a block whose output is above it */
	put_le(w.env.arena.gpa, R + 2 * 8, (1ull << 41) | 1 | (1u << 10));
	x = harness_world_xlate_counted(&w, &w.pt, 2ull << 30, IOMMUFMT_ACCESS_READ, NULL);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT);
	/* access flag clear: fault, unless AFFD or hardware AF (F_AD) */
	put_le(w.env.arena.gpa, R + 3 * 8, T | 3);
	put_le(w.env.arena.gpa, T + 0, 0x1200000ull | 1);
	x = harness_world_xlate_counted(&w, &w.pt, 3ull << 30, IOMMUFMT_ACCESS_READ, NULL);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_ACCESS_FLAG);
	ck_assert_uint_eq(x.native_level, 2);
	ck_assert_uint_eq(x.page_size, 2u << 20);
	for (int f = 0; f < 2; f++) {
		struct iommufmt_pgtable_cfg cfg = w.pt.cfg;

		cfg.flags |= f ? IOMMUFMT_PGTABLE_F_AD : IOMMUFMT_PGTABLE_F_AFFD;
		x = harness_world_xlate_cfg(&w, &cfg, (3ull << 30) + 0x4567,
					    IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_PRIV);
		ck_assert_uint_eq(x.fault, 0);
		ck_assert_uint_eq(x.pa, 0x1200000ull + 0x4567);
		ck_assert_uint_eq(x.attrs & (1u << 10), 0);
	}
	/* a block at level 0 of a 4K table, and type 0b01 at level 3 */
	{
		static struct harness_world w48;

		world_setup(&w48, &s1_4k);
		put_le(w48.env.arena.gpa, w48.pt.cfg.root, 1 | (1u << 10));
		x = harness_world_xlate_counted(&w48, &w48.pt, 0x1000, 0, NULL);
		ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_BAD_LEVEL);
		ck_assert_uint_eq(x.native_level, 0);
	}
}
END_TEST

/* One reserved-bit case: where, which stage/granule, and the bits expected to be reserved. */
struct resv_case {
	int conf;		/* index into confs[] */
	uint64_t size;		/* page size mapped */
	int level;		/* level of the entry corrupted */
	const char *bits;	/* expected RESERVED_BIT bits, as a list */
};

static const struct resv_case resv_cases[] = {
	/* stage 1, 4K */
	{ 0, 0x1000, 0, "48-51" },
	{ 0, 0x1000, 1, "48-51" },
	{ 0, 0x1000, 2, "48-51" },
	{ 0, 0x1000, 3, "48-49" },
	{ 0, 0x200000, 2, "12-15,17-20,48-49" },
	{ 0, 0x40000000, 1, "12-15,17-29,48-49" },
	/* stage 1, 16K */
	{ 3, 0x4000, 1, "12-13,48-51" },
	{ 3, 0x4000, 3, "12-13,48-49" },
	{ 3, 0x2000000, 2, "12-15,17-24,48-49" },
	/* stage 1, 64K, 48-bit and 52-bit output */
	{ 5, 0x10000, 2, "48-51" },
	{ 5, 0x10000, 3, "48-49" },
	{ 5, 0x20000000, 2, "17-28,48-49" },
	{ 6, 0x40000000000ull, 1, "17-41,48-49" },
	/* stage 2 */
	{ 7, 0x1000, 1, "48-51,59-63" },
	{ 7, 0x1000, 3, "48-50" },
	{ 7, 0x200000, 2, "12-15,17-20,48-50" },
	{ 10, 0x4000, 2, "12-13,48-51,59-63" },
	{ 10, 0x4000, 3, "12-13,48-50" },
	{ 12, 0x20000000, 2, "17-28,48-50" },
};

static uint64_t parse_bits(const char *s)
{
	uint64_t m = 0;

	while (*s) {
		char *end;
		unsigned long lo = strtoul(s, &end, 10), hi = lo;

		if (*end == '-')
			hi = strtoul(end + 1, &end, 10);
		for (unsigned long b = lo; b <= hi; b++)
			m |= 1ull << b;
		s = *end == ',' ? end + 1 : end;
	}
	return m;
}

/* GPA of the entry at @level on the walk of @iova (tables known to be present). */
static uint64_t entry_gpa(struct harness_world *w, uint64_t iova, int level)
{
	const struct iommufmt_pgtable_cfg *c = &w->pt.cfg;
	int start = ref_start_level(c);
	uint64_t table = c->root;

	for (int l = start;; l++) {
		unsigned lsb = c->granule + (unsigned)(3 - l) * (c->granule - 3);
		unsigned nbits = l == start ? c->ias - lsb : c->granule - 3;
		uint64_t ea = table + 8 * ref_field(iova, lsb + nbits - 1, lsb), d;

		if (l == level)
			return ea;
		ck_assert_int_eq(ref_read(ea, &d), 0);
		table = ref_field(d, 47, c->granule) << c->granule;
		if (c->granule == 16)
			table |= ref_field(d, 15, 12) << 48;
	}
}

START_TEST(test_reserved_bits)
{
	static struct harness_world w;
	const struct resv_case *rc = &resv_cases[_i];
	const struct conf *c = &confs[rc->conf];
	uint64_t iova = 0, pa, want = parse_bits(rc->bits), got = 0, ea, orig;

	world_setup(&w, c);
	/* a mapping in the middle of the input space, output in the middle of the output space */
	iova = ((w.pt.ias_mask >> 1) + 1) & ~(rc->size - 1);
	pa = ((w.pt.oas_mask >> 2) + 1) & ~(rc->size - 1);
	ck_assert_int_eq(iommufmt_pgtable_map(&w.pt, &w.env.arena, iova, pa, rc->size,
					      IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE, NULL), 0);
	ea = entry_gpa(&w, iova, rc->level);
	orig = get_le(w.env.arena.gpa, ea);
	for (unsigned b = 2; b < 64; b++) {
		struct iommufmt_xlate x;
		struct ref_out o;

		put_le(w.env.arena.gpa, ea, orig ^ (1ull << b));
		iommufmt_pgtable_translate(&w.pt, &w.env.gmem, iova, IOMMUFMT_ACCESS_READ, &x);
		o = ref_translate(&w.pt.cfg, &w.env.gmem, iova, IOMMUFMT_ACCESS_READ);
		ck_assert_msg(ref_same(&x, &o, iova) == 0, "bit %u: fault %u/%u", b, x.fault, o.fault);
		if (x.fault == IOMMUFMT_FAULT_RESERVED_BIT && x.native_level == (unsigned)rc->level) {
			ck_assert_uint_eq(x.pte, orig ^ (1ull << b));
			got |= 1ull << b;
		}
	}
	put_le(w.env.arena.gpa, ea, orig);
	ck_assert_msg(got == want, "%s level %d size 0x%llx: reserved 0x%016llx, expected 0x%016llx",
		      c->name, rc->level, (unsigned long long)rc->size, (unsigned long long)got,
		      (unsigned long long)want);
}
END_TEST

/* Walks over 0..2^64-1 of hostile tables end quickly; aliased tables are all reported. */
START_TEST(test_walk_hostile)
{
	static struct harness_world w;
	struct harness_counting cnt;
	struct iommufmt_gmem g;
	struct harness_collect c = { 0 };
	struct iommufmt_pgtable_cfg cfg;
	struct iommufmt_pgtable affd;
	uint64_t R, T, U;

	world_setup(&w, &s1_4k);
	R = w.pt.cfg.root;
	harness_counting_init(&cnt, &g, harness_mem(), w.env.arena.gpa, HARNESS_ARENA_SIZE);
	/* every entry points at the root: 2^36 pages with AF = 0, nothing to report */
	for (unsigned i = 0; i < 512; i++)
		put_le(w.env.arena.gpa, R + i * 8, R | 3);
	cnt.reads = 0;
	ck_assert_int_eq(iommufmt_pgtable_walk_range(&w.pt, &g, 0, ~0ull, 0, harness_collect_cb, &c), 0);
	ck_assert_uint_eq(c.n, 0);
	ck_assert_uint_le(cnt.reads, 4 * 512);
	/* with faults reported, the callback stops it */
	c.stop_after = 1000;
	ck_assert_int_eq(iommufmt_pgtable_walk_range(&w.pt, &g, 0, ~0ull, IOMMUFMT_WALK_FAULTS,
					     harness_collect_cb, &c), 7);
	ck_assert_uint_eq(c.n, 1000);
	ck_assert_uint_eq(c.recs[999].fault, IOMMUFMT_FAULT_ACCESS_FLAG);
	ck_assert_uint_eq(c.recs[999].iova, 999ull << 12);
	/* with AFFD they are 2^36 real mappings of the root page */
	cfg = w.pt.cfg;
	cfg.flags |= IOMMUFMT_PGTABLE_F_AFFD;
	ck_assert_int_eq(iommufmt_pgtable_prepare(&affd, &cfg, NULL), 0);
	c.n = 0;
	c.stop_after = 100;
	ck_assert_int_eq(iommufmt_pgtable_walk_range(&affd, &g, 0x123456789000ull, ~0ull, 0,
					     harness_collect_cb, &c), 7);
	ck_assert_uint_eq(c.recs[0].iova, 0x123456789000ull);
	ck_assert_uint_eq(c.recs[0].pa, R);
	/* two root entries share one table: both aliases are reported */
	memset(harness_mem(), 0, 0x10000);
	T = R + 0x1000;
	U = R + 0x2000;
	put_le(w.env.arena.gpa, R + 1 * 8, T | 3);
	put_le(w.env.arena.gpa, R + 2 * 8, T | 3);
	put_le(w.env.arena.gpa, R + 3 * 8, T | 3);
	for (unsigned i = 0; i < 512; i++)
		if (i != 9)
			put_le(w.env.arena.gpa, T + i * 8, U | 3);	/* U is empty */
	put_le(w.env.arena.gpa, T + 9 * 8, 0x40000000ull | 1 | (1u << 10));	/* 1 GiB block */
	c.n = 0;
	c.stop_after = 0;
	cnt.reads = 0;
	ck_assert_int_eq(iommufmt_pgtable_walk_range(&w.pt, &g, 0, ~0ull, 0, harness_collect_cb, &c), 0);
	ck_assert_uint_eq(c.n, 3);
	for (unsigned i = 0; i < 3; i++) {
		ck_assert_uint_eq(c.recs[i].iova, ((uint64_t)(i + 1) << 39) | (9ull << 30));
		ck_assert_uint_eq(c.recs[i].pa, 0x40000000ull);
		ck_assert_uint_eq(c.recs[i].page_size, 1ull << 30);
	}
	/* U (empty, reached 3 x 511 times) was scanned once */
	ck_assert_uint_le(cnt.reads, 512 + 3 * 512 + 512 + 16);
	/*
	 * A range that sees only part of T through the first alias (entries
	 * 10..511, nothing there) must not take T for empty: through the second
	 * alias it sees entries 0..9, and the block at 9.
	 */
	c.n = 0;
	ck_assert_int_eq(iommufmt_pgtable_walk_range(&w.pt, &g, (1ull << 39) | (10ull << 30),
					     (2ull << 39) | (10ull << 30), 0, harness_collect_cb, &c),
			 0);
	ck_assert_uint_eq(c.n, 1);
	ck_assert_uint_eq(c.recs[0].iova, (2ull << 39) | (9ull << 30));
	free(c.recs);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Configuration checks                                                      */
/* ------------------------------------------------------------------------ */

/* A case of the table below: stage, granule, ias, oas, sl0, levels, top, flags, root, result. */
#define ARM_CASE(s2, g, ias, oas, sl0, levels, top, flags, root, err, code, field)		\
	{ (s2) ? IOMMUFMT_PGTABLE_ARM_LPAE_S2 : IOMMUFMT_PGTABLE_ARM_LPAE_S1, levels, ias, oas, g,	\
	  sl0, top, flags, root, err, code, field }

static const struct harness_cfg_case cfg_cases[] = {
	ARM_CASE(0, 13, 48, 48, 0, 0, 0, 0, 0, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "granule"),
	ARM_CASE(0, 12, 48, 50, 0, 0, 0, 0, 0, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "oas"),
	ARM_CASE(0, 12, 48, 52, 0, 0, 0, 0, 0, -EOPNOTSUPP, IOMMUFMT_DIAG_UNSUPPORTED, "oas"),
	ARM_CASE(0, 14, 48, 52, 0, 0, 0, 0, 0, -EOPNOTSUPP, IOMMUFMT_DIAG_UNSUPPORTED, "oas"),
	ARM_CASE(0, 16, 48, 56, 0, 0, 0, 0, 0, -EOPNOTSUPP, IOMMUFMT_DIAG_UNSUPPORTED, "oas"),
	ARM_CASE(0, 12, 10, 48, 0, 0, 0, 0, 0, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "ias"),
	ARM_CASE(0, 12, 20, 48, 0, 0, 0, 0, 0, -EOPNOTSUPP, IOMMUFMT_DIAG_UNSUPPORTED, "ias"),
	ARM_CASE(0, 12, 49, 48, 0, 0, 0, 0, 0, -EOPNOTSUPP, IOMMUFMT_DIAG_UNSUPPORTED, "ias"),
	ARM_CASE(0, 16, 53, 52, 0, 0, 0, 0, 0, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "ias"),
	ARM_CASE(0, 12, 48, 48, 1, 0, 0, 0, 0, -EOPNOTSUPP, IOMMUFMT_DIAG_UNSUPPORTED, "sl0"),
	ARM_CASE(0, 12, 48, 48, 0, 4, 0, 0, 0, -EOPNOTSUPP, IOMMUFMT_DIAG_UNSUPPORTED, "levels"),
	ARM_CASE(1, 12, 40, 48, 1, 0, 1, 0, 0, -EOPNOTSUPP, IOMMUFMT_DIAG_UNSUPPORTED, "top"),
	ARM_CASE(0, 12, 48, 48, 0, 0, 0, IOMMUFMT_PGTABLE_F_LARGE, 0, -EOPNOTSUPP,
		 IOMMUFMT_DIAG_UNSUPPORTED, "flags"),
	ARM_CASE(1, 12, 40, 48, 1, 0, 0, IOMMUFMT_PGTABLE_F_1G, 0, -EOPNOTSUPP,
		 IOMMUFMT_DIAG_UNSUPPORTED, "flags"),
	ARM_CASE(0, 12, 48, 48, 0, 0, 0, 1u << 7, 0, -EOPNOTSUPP, IOMMUFMT_DIAG_UNKNOWN_FLAGS, "flags"),
	ARM_CASE(1, 16, 42, 48, 3, 0, 0, 0, 0, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "sl0"),
	ARM_CASE(1, 12, 40, 48, 4, 0, 0, 0, 0, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "sl0"),
	/* 4K, SL0 = 0 (level 2): 31..34 bits; 40 needs 64 tables */
	ARM_CASE(1, 12, 40, 48, 0, 0, 0, 0, 0, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "sl0"),
	/* 4K, SL0 = 1 (level 1): 31..43 bits; 30 leaves the start level without index bits */
	ARM_CASE(1, 12, 30, 48, 1, 0, 0, 0, 0, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "sl0"),
	/* 4K, SL0 = 3 (level 3) needs FEAT_TTST */
	ARM_CASE(1, 12, 25, 48, 3, 0, 0, 0, 0, -EOPNOTSUPP, IOMMUFMT_DIAG_UNSUPPORTED, "sl0"),
	ARM_CASE(1, 12, 44, 40, 1, 0, 0, 0, 0, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "ias"),
	/* roots: aligned to the table size (2 concatenated 4K tables: 8K), below the OAS */
	ARM_CASE(0, 12, 48, 48, 0, 0, 0, 0, 0x40000008, -EINVAL, IOMMUFMT_DIAG_PGTABLE_ROOT, "root"),
	ARM_CASE(1, 12, 40, 48, 1, 0, 0, 0, 0x40001000, -EINVAL, IOMMUFMT_DIAG_PGTABLE_ROOT, "root"),
	ARM_CASE(0, 12, 48, 40, 0, 0, 0, 0, 1ull << 40, -EINVAL, IOMMUFMT_DIAG_PGTABLE_ROOT, "root"),
	/* accepted: */
	ARM_CASE(1, 12, 40, 48, 1, 0, 0, 0, 0x40002000, 0, 0, ""),
	ARM_CASE(0, 12, 25, 32, 0, 0, 0, 0, 0x40000080, 0, 0, ""),
	ARM_CASE(0, 12, 25, 32, 0, 0, 0, 0, 0x40000040, -EINVAL, IOMMUFMT_DIAG_PGTABLE_ROOT, "root"),
	ARM_CASE(1, 14, 48, 48, 3, 0, 0, 0, 0x40000000, 0, 0, ""),
	ARM_CASE(0, 16, 52, 52, 0, 0, 0, IOMMUFMT_PGTABLE_F_AD | IOMMUFMT_PGTABLE_F_EXEC |
		 IOMMUFMT_PGTABLE_F_AFFD, 0xfffffffff0000ull, 0, 0, ""),
};

START_TEST(test_config)
{
	struct iommufmt_pgtable pt;

	harness_prepare_case(&cfg_cases[_i], &pt);
}
END_TEST

/* Page sizes, start levels and root sizes of some configurations. */
START_TEST(test_geometry)
{
	static const struct {
		int s2;
		unsigned g, ias, oas, sl0;
		unsigned start;
		uint64_t pgsizes, root_size;
	} geo[] = {
		{ 0, 12, 48, 48, 0, 0, 0x40201000ull, 0x1000 },
		{ 0, 12, 39, 48, 0, 1, 0x40201000ull, 0x1000 },
		{ 0, 12, 30, 48, 0, 2, 0x201000ull, 0x1000 },
		{ 0, 12, 25, 48, 0, 2, 0x201000ull, 0x80 },
		{ 0, 14, 48, 48, 0, 0, 0x2004000ull, 0x10 },
		{ 0, 14, 47, 48, 0, 1, 0x2004000ull, 0x4000 },
		{ 0, 16, 48, 48, 0, 1, 0x20010000ull, 0x200 },
		{ 0, 16, 52, 52, 0, 1, 0x40020010000ull, 0x2000 },
		{ 0, 16, 42, 52, 0, 2, 0x20010000ull, 0x10000 },
		{ 1, 12, 40, 48, 1, 1, 0x40201000ull, 0x2000 },
		{ 1, 12, 34, 48, 0, 2, 0x201000ull, 0x10000 },
		{ 1, 12, 31, 48, 0, 2, 0x201000ull, 0x2000 },
		{ 1, 14, 40, 48, 1, 2, 0x2004000ull, 0x40000 },
		{ 1, 16, 46, 48, 1, 2, 0x20010000ull, 0x100000 },
		{ 1, 16, 52, 52, 2, 1, 0x40020010000ull, 0x2000 },
	};

	for (size_t i = 0; i < sizeof(geo) / sizeof(geo[0]); i++) {
		struct iommufmt_pgtable_cfg cfg = { .argsz = sizeof(cfg) };
		struct iommufmt_pgtable_arena a = { .gpa = 0x100000000ull, .size = 8 << 20,
						 .host = harness_mem() };
		struct iommufmt_pgtable pt;

		cfg.format = geo[i].s2 ? IOMMUFMT_PGTABLE_ARM_LPAE_S2 : IOMMUFMT_PGTABLE_ARM_LPAE_S1;
		cfg.granule = geo[i].g;
		cfg.ias = geo[i].ias;
		cfg.oas = geo[i].oas;
		cfg.sl0 = geo[i].sl0;
		a.used = 8;
		ck_assert_int_eq(iommufmt_pgtable_alloc_root(&cfg, &a, NULL), 0);
		ck_assert_msg(a.used == (cfg.root - a.gpa) + geo[i].root_size,
			      "case %zu: root 0x%llx used 0x%llx", i, (unsigned long long)cfg.root,
			      (unsigned long long)a.used);
		ck_assert_uint_eq(cfg.root & ((geo[i].root_size < 64 ? 64 : geo[i].root_size) - 1), 0);
		ck_assert_int_eq(iommufmt_pgtable_prepare(&pt, &cfg, NULL), 0);
		ck_assert_msg(pt.start_level == geo[i].start && pt.pgsize_bitmap == geo[i].pgsizes,
			      "case %zu: start %u pgsizes 0x%llx", i, pt.start_level,
			      (unsigned long long)pt.pgsize_bitmap);
		ck_assert_uint_eq(pt.nr_levels, 4 - geo[i].start);
		ck_assert_uint_eq(pt.ias_mask, (1ull << geo[i].ias) - 1);
		ck_assert_uint_eq(pt.oas_mask, (1ull << geo[i].oas) - 1);
	}
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Builders                                                                  */
/* ------------------------------------------------------------------------ */

START_TEST(test_builders)
{
	static struct harness_world w;
	static unsigned char snap[1 << 16];
	const struct conf s2c = { "s2", 1, 12, 40, 40, 1, 0x40000000,
				  IOMMUFMT_PGTABLE_F_EXEC | IOMMUFMT_PGTABLE_F_AD };
	struct iommufmt_diag d;
	struct iommufmt_xlate x;
	uint64_t used;

	world_setup(&w, &s1_4k);
	iommufmt_diag_init(&d);
	/* exact stage-1 encoding of a 4K page: RW, EL0, no exec */
	ck_assert_int_eq(iommufmt_pgtable_map(&w.pt, &w.env.arena, 0x1000, 0x5000, 0x1000,
					      IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE, &d), 0);
	ck_assert_uint_eq(get_le(w.env.arena.gpa, entry_gpa(&w, 0x1000, 3)),
			  0x5000 | 3 | (1u << 6) | (3u << 8) | (1u << 10) | (1u << 11) |
			  (1ull << 53) | (1ull << 54));
	/* read-only, privileged, executable 2 MiB block */
	ck_assert_int_eq(iommufmt_pgtable_map(&w.pt, &w.env.arena, 0x200000, 0x40000000, 0x200000,
					      IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_EXEC |
					      IOMMUFMT_ACCESS_PRIV, &d), 0);
	ck_assert_uint_eq(get_le(w.env.arena.gpa, entry_gpa(&w, 0x200000, 2)),
			  0x40000000 | 1 | (1u << 7) | (3u << 8) | (1u << 10) | (1u << 11));
	/* a mapping that overlaps: -EEXIST and nothing changes, even when it is split */
	memcpy(snap, harness_mem(), sizeof(snap));
	used = w.env.arena.used;
	ck_assert_int_eq(iommufmt_pgtable_map(&w.pt, &w.env.arena, 0, 0x100000, 0x400000,
					      IOMMUFMT_ACCESS_READ, &d), -EEXIST);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_PGTABLE_EXISTS);
	ck_assert_int_eq(memcmp(snap, harness_mem(), sizeof(snap)), 0);
	ck_assert_uint_eq(w.env.arena.used, used);
	/* the library's split map undoes the pages it made before meeting the overlap */
	ck_assert_int_eq(iommufmt_pgtable_map(&w.pt, &w.env.arena, 0x2000, 0x2000, 0x1ff000,
					      IOMMUFMT_ACCESS_READ, &d), -EEXIST);
	iommufmt_pgtable_translate(&w.pt, &w.env.gmem, 0x2000, 0, &x);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_NOT_PRESENT);
	/* unmapping part of the block would split it */
	ck_assert_int_eq(iommufmt_pgtable_unmap(&w.pt, &w.env.arena, 0x200000, 0x1000, &d), -EINVAL);
	ck_assert_int_eq(iommufmt_pgtable_unmap(&w.pt, &w.env.arena, 0x200000, 0x200000, &d), 0);
	ck_assert_int_eq(iommufmt_pgtable_unmap(&w.pt, &w.env.arena, 0x200000, 0x200000, &d),
			 -ENOENT);
	/* after the 4K page is gone, a 2 MiB block may replace its empty table */
	ck_assert_int_eq(iommufmt_pgtable_unmap(&w.pt, &w.env.arena, 0x1000, 0x1000, &d), 0);
	ck_assert_int_eq(iommufmt_pgtable_map(&w.pt, &w.env.arena, 0, 0x600000, 0x200000,
					      IOMMUFMT_ACCESS_READ, &d), 0);
	iommufmt_pgtable_translate(&w.pt, &w.env.gmem, 0x1abc, IOMMUFMT_ACCESS_READ, &x);
	ck_assert_uint_eq(x.fault, 0);
	ck_assert_uint_eq(x.pa, 0x601abc);
	ck_assert_uint_eq(x.native_level, 2);
	/* a full arena: -ENOSPC and nothing allocated */
	w.env.arena.size = w.env.arena.used + 0x1800;
	used = w.env.arena.used;
	ck_assert_int_eq(iommufmt_pgtable_map(&w.pt, &w.env.arena, 0x7f0000000000ull, 0, 0x1000,
					      IOMMUFMT_ACCESS_READ, &d), -ENOSPC);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_PGTABLE_ARENA_FULL);
	ck_assert_uint_eq(w.env.arena.used, used);
	iommufmt_pgtable_translate(&w.pt, &w.env.gmem, 0x7f0000000000ull, 0, &x);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_NOT_PRESENT);
	ck_assert_uint_eq(x.native_level, 0);

	/* stage 2 with two concatenated root tables: exact encoding, and the last 1 GiB */
	world_setup(&w, &s2c);
	ck_assert_int_eq(iommufmt_pgtable_map(&w.pt, &w.env.arena, (1ull << 40) - (1ull << 30),
					      0x80000000, 1ull << 30,
					      IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE, &d), 0);
	ck_assert_uint_eq(get_le(w.env.arena.gpa, w.pt.cfg.root + 1023 * 8),
			  0x80000000 | 1 | (0xfu << 2) | (3u << 6) | (3u << 8) | (1u << 10) |
			  (1ull << 51) | (1ull << 54));
	iommufmt_pgtable_translate(&w.pt, &w.env.gmem, (1ull << 40) - 1,
			   IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE, &x);
	ck_assert_uint_eq(x.fault, 0);
	ck_assert_uint_eq(x.pa, 0x80000000 + (1ull << 30) - 1);
	ck_assert_uint_eq(x.native_level, 1);
	ck_assert_uint_eq(x.perm, IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE | IOMMUFMT_ACCESS_USER);
	iommufmt_pgtable_translate(&w.pt, &w.env.gmem, (1ull << 40) - 1, IOMMUFMT_ACCESS_EXEC, &x);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_PERMISSION);
	/* the first entry of the second concatenated table */
	ck_assert_int_eq(iommufmt_pgtable_map(&w.pt, &w.env.arena, 1ull << 39, 0x1000, 0x1000,
					      IOMMUFMT_ACCESS_READ, &d), 0);
	ck_assert_uint_eq(get_le(w.env.arena.gpa, w.pt.cfg.root + 512 * 8) & 3, 3);
	iommufmt_pgtable_translate(&w.pt, &w.env.gmem, (1ull << 39) + 0x10, IOMMUFMT_ACCESS_WRITE, &x);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_PERMISSION);
	ck_assert_uint_eq(x.native_level, 3);
	ck_assert_uint_eq(x.page_size, 0x1000);
	ck_assert_uint_eq(x.pa, 0);
	ck_assert_uint_eq(x.perm, 0);
	ck_assert_uint_eq(x.pte & 0xfffff000ull, 0x1000);
	ck_assert_int_eq(iommufmt_pgtable_map(&w.pt, &w.env.arena, 1ull << 40, 0, 0x1000,
					      IOMMUFMT_ACCESS_READ, &d), -EINVAL);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Dirty tracking                                                            */
/* ------------------------------------------------------------------------ */

static __u64 bm[(8u << 20) / 4096 / 64];

static unsigned popcount_bm(size_t words)
{
	unsigned n = 0;

	for (size_t i = 0; i < words; i++)
		n += (unsigned)__builtin_popcountll(bm[i]);
	return n;
}

/* Reference dirty bitmap, page by page through the reference walker. */
static void ref_dirty(const struct iommufmt_pgtable_cfg *rc, uint64_t start, uint64_t npages,
		      __u64 *out)
{
	memset(out, 0, (size_t)((npages + 63) / 64) * 8);
	for (uint64_t i = 0; i < npages; i++) {
		struct iommufmt_pgtable_cfg c = *rc;
		struct ref_out o;

		c.flags |= IOMMUFMT_PGTABLE_F_AFFD;	/* AF does not matter for dirty state */
		o = ref_translate(&c, ref_gmem, start + i * 4096, 0);
		if (o.fault || !ref_bit(o.pte, 51))
			continue;
		if (REF_S2(rc) ? ref_bit(o.pte, 7) : !ref_bit(o.pte, 7))
			out[i / 64] |= 1ull << (i % 64);
	}
}

static void dirty_case(const struct conf *c)
{
	static struct harness_world w;
	static __u64 want[(8u << 20) / 4096 / 64];
	const size_t words = sizeof(bm) / 8;
	const uint64_t npages = (8u << 20) / 4096;
	uint32_t rw = IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE;
	struct iommufmt_xlate x;
	uint64_t ea;

	world_setup(&w, c);
	for (unsigned i = 0; i < 16; i++)
		ck_assert_int_eq(iommufmt_pgtable_map(&w.pt, &w.env.arena, 0x10000 + i * 0x1000,
						      0x900000 + i * 0x1000, 0x1000, rw, NULL), 0);
	ck_assert_int_eq(iommufmt_pgtable_map(&w.pt, &w.env.arena, 0x200000, 0x400000, 0x200000, rw,
					      NULL), 0);
	ck_assert_int_eq(iommufmt_pgtable_map(&w.pt, &w.env.arena, 0x30000, 0x30000, 0x1000,
					      IOMMUFMT_ACCESS_READ, NULL), 0);
	/* new writable mappings start dirty (as Linux maps them) */
	ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&w.pt, &w.env.gmem, 0, (8u << 20) - 1, 0, bm, npages),
			 0);
	ck_assert_uint_eq(popcount_bm(words), 16 + 512);
	ck_assert_uint_eq(bm[0], 0xffffull << 16);
	ref_dirty(&w.pt.cfg, 0, npages, want);
	ck_assert_int_eq(memcmp(bm, want, sizeof(bm)), 0);
	/* harvesting again without clearing reports the same */
	ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&w.pt, &w.env.gmem, 0, (8u << 20) - 1, 0, bm, npages),
			 0);
	ck_assert_uint_eq(popcount_bm(words), 16 + 512);
	/* clear: reported once, then clean; the pages stay writable */
	ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&w.pt, &w.env.gmem, 0, (8u << 20) - 1,
						IOMMUFMT_DIRTY_CLEAR, bm, npages), 0);
	ck_assert_uint_eq(popcount_bm(words), 16 + 512);
	ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&w.pt, &w.env.gmem, 0, (8u << 20) - 1, 0, bm, npages),
			 0);
	ck_assert_uint_eq(popcount_bm(words), 0);
	iommufmt_pgtable_translate(&w.pt, &w.env.gmem, 0x13000, IOMMUFMT_ACCESS_WRITE, &x);
	ck_assert_uint_eq(x.fault, 0);
	ck_assert_uint_eq(!!(x.attrs & (1u << 7)), c->s2 ? 0 : 1);
	/* the hardware dirties one page and the block */
	ea = entry_gpa(&w, 0x13000, 3);
	put_le(w.env.arena.gpa, ea, get_le(w.env.arena.gpa, ea) ^ (1u << 7));
	ea = entry_gpa(&w, 0x200000, 2);
	put_le(w.env.arena.gpa, ea, get_le(w.env.arena.gpa, ea) ^ (1u << 7));
	ref_dirty(&w.pt.cfg, 0, npages, want);
	/* a range starting inside the block: its part is reported, the block is not cleared */
	ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&w.pt, &w.env.gmem, 0x300000, 0x3fffff,
						IOMMUFMT_DIRTY_CLEAR, bm, 256), 0);
	ck_assert_uint_eq(popcount_bm(4), 256);
	ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&w.pt, &w.env.gmem, 0, (8u << 20) - 1,
						IOMMUFMT_DIRTY_CLEAR, bm, npages), 0);
	ck_assert_int_eq(memcmp(bm, want, sizeof(bm)), 0);
	ck_assert_uint_eq(popcount_bm(words), 1 + 512);
	ck_assert_uint_eq(bm[0], 1ull << 0x13);
	/* clearing in read-only guest memory fails with -EFAULT */
	put_le(w.env.arena.gpa, ea, get_le(w.env.arena.gpa, ea) ^ (1u << 7));
	w.env.reg[0].flags = IOMMUFMT_GMEM_READONLY;
	ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&w.pt, &w.env.gmem, 0, (8u << 20) - 1,
						IOMMUFMT_DIRTY_CLEAR, bm, npages), -EFAULT);
	ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&w.pt, &w.env.gmem, 0, (8u << 20) - 1, 0, bm, npages),
			 0);
	ck_assert_uint_eq(popcount_bm(words), 512);
	w.env.reg[0].flags = 0;
	/* ... and through the callback path when the tables are not in a flat region */
	{
		struct harness_counting cnt;
		struct iommufmt_gmem g;

		harness_counting_init(&cnt, &g, harness_mem(), w.env.arena.gpa,
				      HARNESS_ARENA_SIZE);
		ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&w.pt, &g, 0, (8u << 20) - 1,
							IOMMUFMT_DIRTY_CLEAR, bm, npages), -EFAULT);
	}
	/* argument checks */
	ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&w.pt, &w.env.gmem, 0x800, 0x1fff, 0, bm, 8), -EINVAL);
	ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&w.pt, &w.env.gmem, 0, 0x10fff, 0, bm, 16), -EINVAL);
}

START_TEST(test_dirty)
{
	const struct conf s1 = { "s1", 0, 12, 48, 48, 0, 0x40000000, IOMMUFMT_PGTABLE_F_AD };
	const struct conf s2 = { "s2", 1, 12, 40, 40, 1, 0x40000000, IOMMUFMT_PGTABLE_F_AD };
	const struct conf s1n = { "s1", 0, 12, 48, 48, 0, 0x40000000, 0 };
	static struct harness_world w;

	dirty_case(&s1);
	dirty_case(&s2);
	/* no hardware dirty tracking configured */
	world_setup(&w, &s1n);
	ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&w.pt, &w.env.gmem, 0, 0xfff, 0, bm, 1), -EOPNOTSUPP);
}
END_TEST

/* Dirty harvest of random ranges of the random tables, against the reference. */
START_TEST(test_dirty_differential)
{
	static struct harness_world w;
	static __u64 want[(8u << 20) / 4096 / 64];
	const struct conf *c = &confs[_i];
	struct test_rng r;

	if (!(c->flags & IOMMUFMT_PGTABLE_F_AD))
		return;
	test_rng_seed(&r, 0x5151ull + (uint64_t)_i);
	world_setup(&w, c);
	harness_world_populate(&w, &r, c->g == 16 ? 100 : 600, prots, NPROTS);
	world_mutate(&w, &r, 100);
	for (unsigned round = 0; round < 40; round++) {
		const struct harness_map *m = &w.maps[test_rng_below(&r, w.nmaps)];
		uint64_t npages = 1 + test_rng_below(&r, (8u << 20) / 4096);
		uint64_t start = (m->iova - (test_rng_below(&r, npages) << 12)) & w.pt.ias_mask &
				 ~0xfffull;
		uint64_t last = start + (npages << 12) - 1;

		if (last > w.pt.ias_mask || last < start)
			continue;
		ref_dirty(&w.pt.cfg, start, npages, want);
		ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&w.pt, &w.env.gmem, start, last, 0, bm,
							npages), 0);
		ck_assert_msg(memcmp(bm, want, (size_t)((npages + 63) / 64) * 8) == 0,
			      "%s: dirty bitmap differs for 0x%llx+%llu pages", c->name,
			      (unsigned long long)start, (unsigned long long)npages);
	}
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Nested: stage 1 over stage 2 (SMMU)                                       */
/* ------------------------------------------------------------------------ */

/* The two-stage reference, written from the nested rules of iommufmt_pgtable_translate_nested(). */
static struct iommufmt_xlate ref_nested(const struct iommufmt_pgtable_cfg *c1,
					const struct iommufmt_pgtable_cfg *c2,
					uint64_t iova, uint32_t access)
{
	const uint32_t rwx = IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE | IOMMUFMT_ACCESS_EXEC;
	struct ref_out o1, o2;
	struct iommufmt_xlate x;

	ref_s2 = c2;
	ref_s2_faulted = 0;
	o1 = ref_translate(c1, ref_gmem, iova, access);
	ref_s2 = NULL;
	if (o1.fault) {
		if (o1.fault == IOMMUFMT_FAULT_TABLE_READ && ref_s2_faulted) {
			ref_to_xlate(&ref_s2_fault, iova, &x);
			x.fault_addr = ref_s2_ipa;
			x.stage = 2;
		} else {
			ref_to_xlate(&o1, iova, &x);
			x.stage = 1;
		}
		return x;
	}
	o2 = ref_translate(c2, ref_gmem, o1.pa, access);
	if (o2.fault) {
		ref_to_xlate(&o2, iova, &x);
		x.fault_addr = o1.pa;
		x.stage = 2;
		return x;
	}
	ref_to_xlate(&o1, iova, &x);
	x.pa = o2.pa;
	x.page_size = o1.size < o2.size ? o1.size : o2.size;
	x.perm = (o1.perm & o2.perm & rwx) | (o1.perm & ~rwx);
	return x;
}

struct nested_conf {
	unsigned g1, ias1, g2, ias2, sl0;
	uint32_t flags1, flags2;
};

static const struct nested_conf nested_confs[] = {
	{ 12, 48, 12, 40, 1, IOMMUFMT_PGTABLE_F_EXEC, IOMMUFMT_PGTABLE_F_EXEC },
	{ 14, 47, 12, 36, 1, 0, 0 },
	{ 16, 48, 16, 42, 1, IOMMUFMT_PGTABLE_F_EXEC, IOMMUFMT_PGTABLE_F_AFFD },
	{ 12, 39, 14, 40, 1, IOMMUFMT_PGTABLE_F_AD, IOMMUFMT_PGTABLE_F_EXEC },
};

#define NEST_HOST_GPA	0x40000000ull	/* host memory: stage-2 tables, then stage-1 backing */
#define NEST_S1_IPA	0x80000000ull	/* where stage 1's tables live in the IPA space */
#define NEST_S1_SIZE	(8u << 20)

START_TEST(test_nested)
{
	static struct harness_world w2;
	const struct nested_conf *nc = &nested_confs[_i];
	const struct conf c2 = { "s2", 1, nc->g2, nc->ias2, 48, nc->sl0, NEST_HOST_GPA, nc->flags2 };
	struct iommufmt_pgtable_cfg cfg1 = { .argsz = sizeof(cfg1) };
	struct iommufmt_pgtable_arena a1;
	struct iommufmt_pgtable pt1;
	struct test_rng r;
	uint64_t outs[64];
	unsigned nouts = 0, stages[3] = { 0, 0, 0 };
	const uint32_t rw = IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE;

	test_rng_seed(&r, 0xbeef00ull + (uint64_t)_i);
	/* stage 2 in the first 16 MiB of host memory; stage 1's tables in the next 8 MiB */
	world_setup(&w2, &c2);
	w2.env.arena.size = 16u << 20;
	ck_assert_int_eq(iommufmt_pgtable_map(&w2.pt, &w2.env.arena, NEST_S1_IPA,
					      NEST_HOST_GPA + (16u << 20), NEST_S1_SIZE, rw, NULL), 0);
	a1.gpa = NEST_S1_IPA;
	a1.size = NEST_S1_SIZE;
	a1.host = harness_mem() + (16u << 20);
	a1.used = 0;
	cfg1.format = IOMMUFMT_PGTABLE_ARM_LPAE_S1;
	cfg1.granule = nc->g1;
	cfg1.ias = nc->ias1;
	cfg1.oas = nc->ias2;
	cfg1.flags = nc->flags1;
	ck_assert_int_eq(iommufmt_pgtable_alloc_root(&cfg1, &a1, NULL), 0);
	ck_assert_int_eq(iommufmt_pgtable_prepare(&pt1, &cfg1, NULL), 0);
	/* stage-1 pages to random IPAs; stage 2 maps some of those IPAs, some read-only */
	for (unsigned i = 0; i < 600; i++) {
		uint64_t sz = (uint64_t)1 << nc->g1;
		uint64_t iova = test_rng_next(&r) & pt1.ias_mask & ~(sz - 1);
		uint64_t ipa = (test_rng_next(&r) & pt1.oas_mask & ~((1ull << 21) - 1)) |
			       (test_rng_below(&r, 2) ? 0 : (test_rng_next(&r) & 0x1ff000 & ~(sz - 1)));

		if ((ipa >= NEST_S1_IPA && ipa < NEST_S1_IPA + NEST_S1_SIZE) ||
		    iommufmt_pgtable_map(&pt1, &a1, iova, ipa, sz,
					 prots[test_rng_below(&r, NPROTS)], NULL))
			continue;
		if (nouts < 64)
			outs[nouts++] = iova;
		if (test_rng_below(&r, 4))
			iommufmt_pgtable_map(&w2.pt, &w2.env.arena,
					     ipa & ~((1ull << w2.pt.cfg.granule) - 1),
					     test_rng_next(&r) & 0xfffffff0000ull,
					     (uint64_t)1 << w2.pt.cfg.granule,
					     test_rng_below(&r, 3) ? rw : IOMMUFMT_ACCESS_READ, NULL);
	}
	ck_assert_uint_gt(nouts, 16);
	/* corrupt stage 2 under part of stage 1's tables: unmapped, and no read permission */
	{
		/* the 2 MiB of stage-1 tables allocated last (never the root's) */
		uint64_t g2 = (uint64_t)1 << w2.pt.cfg.granule, hole = NEST_S1_IPA + a1.used - 1;

		hole &= ~((1ull << 21) - 1);
		ck_assert_uint_gt(hole, NEST_S1_IPA);
		ck_assert_int_eq(iommufmt_pgtable_unmap(&w2.pt, &w2.env.arena, hole, 1ull << 21, NULL),
				 0);
		ck_assert_int_eq(iommufmt_pgtable_map(&w2.pt, &w2.env.arena, hole, NEST_HOST_GPA +
						      (16u << 20) + (hole - NEST_S1_IPA), g2,
						      IOMMUFMT_ACCESS_WRITE, NULL), 0);
	}
	ref_gmem = &w2.env.gmem;
	for (unsigned i = 0; i < 20000; i++) {
		uint64_t iova = test_rng_below(&r, 4) ? outs[test_rng_below(&r, nouts)] +
							(test_rng_next(&r) & 0xfff)
						      : test_rng_next(&r) & pt1.ias_mask;
		uint32_t acc = (uint32_t)test_rng_below(&r, 16);
		struct iommufmt_xlate x, want = ref_nested(&pt1.cfg, &w2.pt.cfg, iova, acc);

		REQUIRE(iommufmt_pgtable_translate_nested(&pt1, &w2.pt, &w2.env.gmem, iova, acc, &x) == 0,
			"nested translate");
		REQUIRE(x.fault == want.fault && x.stage == want.stage && x.level == want.level &&
			x.pa == want.pa && x.page_size == want.page_size && x.perm == want.perm &&
			x.pte == want.pte && x.fault_addr == want.fault_addr,
			"nested %u: iova 0x%llx access %x: lib fault %u stage %u level %u pa 0x%llx "
			"fault_addr 0x%llx; ref fault %u stage %u level %u pa 0x%llx fault_addr 0x%llx",
			_i, (unsigned long long)iova, acc, x.fault, x.stage, x.level,
			(unsigned long long)x.pa, (unsigned long long)x.fault_addr, want.fault,
			want.stage, want.level, (unsigned long long)want.pa,
			(unsigned long long)want.fault_addr);
		stages[x.fault ? x.stage : 0]++;
	}
	/* successes, stage-1 faults and stage-2 faults all happened */
	ck_assert_uint_gt(stages[0], 100);
	ck_assert_uint_gt(stages[1], 100);
	ck_assert_uint_gt(stages[2], 100);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* The shared harness (tests/pgtable-harness.h) with this file's reference   */
/* ------------------------------------------------------------------------ */

START_TEST(test_harness)
{
	struct iommufmt_pgtable_cfg cfg;

	cfg_from_conf(&cfg, &confs[_i]);
	/* 20,000 here: the 100,000-address runs are test_differential's */
	harness_differential(&cfg, harness_ref, 0x77000 + (uint64_t)_i, 20000);
	/* hostile random tables need the root inside the 64 KiB fuzz arena */
	{
		static unsigned char probe_mem[1 << 16];
		struct iommufmt_pgtable_arena probe = { .gpa = 1u << 24, .size = sizeof(probe_mem),
							 .host = probe_mem };
		struct iommufmt_pgtable_cfg c2 = cfg;

		if (iommufmt_pgtable_alloc_root(&c2, &probe, NULL) == 0)
			harness_fuzz(&cfg, harness_ref, 0x88000 + (uint64_t)_i, 20);
	}
}
END_TEST

/*
 * A block may replace a table whose subtree is empty; the scan of that
 * subtree is bounded by the arena's tables. 512 level-2 entries that all
 * point at one empty level-3 table are 513 table visits in 4 tables of
 * arena: the block is refused (-EEXIST, nothing changed), where the
 * unbounded scan read every alias and accepted it. 512 distinct empty
 * level-3 tables are within the budget: the block replaces them.
 */
START_TEST(test_builder_aliased_subtree)
{
	static struct harness_world w;
	const uint64_t blk = idx4k(0, 1, 0, 0);
	uint64_t a = s1_4k.arena_gpa, l2, l3, root;
	struct iommufmt_diag d;
	struct iommufmt_xlate x;

	world_setup(&w, &s1_4k);
	root = w.pt.cfg.root;
	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_pgtable_map(&w.pt, &w.env.arena, blk, 0x5000, 0x1000,
					      IOMMUFMT_ACCESS_READ, &d), 0);
	ck_assert_int_eq(iommufmt_pgtable_unmap(&w.pt, &w.env.arena, blk, 0x1000, &d), 0);
	l2 = entry_gpa(&w, blk, 2) & ~0xfffull;
	l3 = entry_gpa(&w, blk, 3) & ~0xfffull;
	ck_assert_uint_eq(w.env.arena.used, 0x4000);
	for (unsigned i = 0; i < 512; i++)
		put_le(a, l2 + 8 * i, l3 | 3);
	ck_assert_int_eq(iommufmt_pgtable_map(&w.pt, &w.env.arena, blk, 0x40000000, 0x40000000,
					      IOMMUFMT_ACCESS_READ, &d), -EEXIST);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_PGTABLE_EXISTS);
	ck_assert_uint_eq(get_le(a, entry_gpa(&w, blk, 1)), l2 | 3);
	/* distinct empty tables: 513 visits in 516 tables of arena */
	for (unsigned i = 0; i < 512; i++) {
		uint64_t t = a + w.env.arena.used;

		w.env.arena.used += 0x1000;
		put_le(a, l2 + 8 * i, t | 3);
	}
	ck_assert_int_eq(iommufmt_pgtable_map(&w.pt, &w.env.arena, blk, 0x40000000, 0x40000000,
					      IOMMUFMT_ACCESS_READ, &d), 0);
	iommufmt_pgtable_translate(&w.pt, &w.env.gmem, blk + 0x123456, IOMMUFMT_ACCESS_READ, &x);
	ck_assert_uint_eq(x.fault, 0);
	ck_assert_uint_eq(x.page_size, 0x40000000);
	ck_assert_uint_eq(root, w.pt.cfg.root);
}
END_TEST

/*
 * The walk budget counts granule-sized tables: 64 leaf tables the builder
 * packed in the arena are all walked, and unmapped, within guest memory
 * that holds nothing else (unmap walks the arena's used part).
 */
START_TEST(test_dense_tables)
{
	static struct harness_world w;
	const struct conf *c = &confs[_i];
	const unsigned n = 64, g = c->g;
	const uint64_t span = 1ull << (g + g - 3);	/* input span of one leaf table */
	struct harness_collect rc = { 0 };
	struct iommufmt_gmem_region reg;
	struct iommufmt_gmem gm;
	struct iommufmt_diag d;

	world_setup(&w, c);
	iommufmt_diag_init(&d);
	for (unsigned i = 0; i < n; i++)
		ck_assert_msg(iommufmt_pgtable_map(&w.pt, &w.env.arena, i * span,
						   0x1000000ull + ((uint64_t)i << g), 1ull << g,
						   IOMMUFMT_ACCESS_READ, &d) == 0, "%s: map %u: %s",
			      c->name, i, d.text);
	reg = (struct iommufmt_gmem_region){ .gpa = w.env.arena.gpa, .size = w.env.arena.used,
					     .host = harness_mem() };
	gm = (struct iommufmt_gmem){ .regions = &reg, .nr_regions = 1 };
	ck_assert_int_eq(iommufmt_pgtable_walk_range(&w.pt, &gm, 0, ~0ull, 0, harness_collect_cb, &rc), 0);
	ck_assert_uint_eq(rc.n, n);
	ck_assert_msg(iommufmt_pgtable_unmap(&w.pt, &w.env.arena, 0, n * span, &d) == 0,
		      "%s: unmap: %s", c->name, d.text);
	free(rc.recs);
}
END_TEST

static Suite *arm_suite(void)
{
	Suite *s = suite_create("pgtable-arm");
	TCase *tc = harness_tcase(s, "differential");

	tcase_add_loop_test(tc, test_differential, 0, (int)(sizeof(confs) / sizeof(confs[0])));
	tcase_add_loop_test(tc, test_dirty_differential, 0, (int)(sizeof(confs) / sizeof(confs[0])));
	tcase_add_loop_test(tc, test_harness, 0, (int)(sizeof(confs) / sizeof(confs[0])));
	tc = harness_tcase(s, "hostile");
	tcase_add_test(tc, test_hostile_self_and_cycles);
	tcase_add_test(tc, test_hostile_outsize_and_af);
	tcase_add_loop_test(tc, test_reserved_bits, 0,
			    (int)(sizeof(resv_cases) / sizeof(resv_cases[0])));
	tcase_add_test(tc, test_walk_hostile);
	tc = harness_tcase(s, "nested");
	tcase_add_loop_test(tc, test_nested, 0,
			    (int)(sizeof(nested_confs) / sizeof(nested_confs[0])));
	tc = harness_tcase(s, "config");
	tcase_add_loop_test(tc, test_config, 0, (int)(sizeof(cfg_cases) / sizeof(cfg_cases[0])));
	tcase_add_test(tc, test_geometry);
	tc = harness_tcase(s, "builders");
	tcase_add_test(tc, test_builders);
	tcase_add_test(tc, test_dirty);
	tcase_add_loop_test(tc, test_dense_tables, 0, (int)(sizeof(confs) / sizeof(confs[0])));
	tcase_add_test(tc, test_builder_aliased_subtree);
	return s;
}

int main(void)
{
	return test_run_suite(arm_suite());
}
