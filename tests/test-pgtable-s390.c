/* SPDX-License-Identifier: MIT */
/* Tests of the s390-dat walker and builders against a naive reference walker. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iommufmt/iommufmt.h>
#include "tests/pgtable-harness.h"
#include "tests/testutil.h"

/* Store and load big-endian entries at GPAs of the world's memory. */
static void put_be(const struct harness_env *e, uint64_t gpa, uint64_t v)
{
	harness_store64(harness_mem() + (gpa - e->arena.gpa), v, 1);
}

static uint64_t get_be(const struct harness_env *e, uint64_t gpa)
{
	return harness_load64(harness_mem() + (gpa - e->arena.gpa), 1);
}

/* ------------------------------------------------------------------------ */
/* The reference walker: from the zPCI entry layouts, one loop, bit by bit. */
/* ------------------------------------------------------------------------ */

/* The reference reads a prepared configuration: top, ias, oas, root, flags. */

static const struct iommufmt_gmem *ref_gmem;

/* Big-endian: the first byte in memory is the most significant. */
static int ref_read(uint64_t gpa, uint64_t *v)
{
	for (unsigned i = 0; i < ref_gmem->nr_regions; i++) {
		const struct iommufmt_gmem_region *r = &ref_gmem->regions[i];

		if (gpa >= r->gpa && gpa + 8 <= r->gpa + r->size && gpa + 8 > gpa) {
			const unsigned char *p = (const unsigned char *)r->host + (gpa - r->gpa);

			*v = 0;
			for (int k = 0; k < 8; k++)
				*v = (*v << 8) | p[k];
			return 0;
		}
	}
	return -1;
}

/* Does [a, a + len) stay below 2^oas? */
static int ref_fits(uint64_t a, uint64_t len, unsigned oas)
{
	return oas == 64 || ((a + len - 1) >> oas) == 0;
}

/* One translation over @gmem (read through ref_read()), levels in the format's numbering. */
static struct ref_out ref_walk(const struct iommufmt_pgtable_cfg *c,
				    const struct iommufmt_gmem *gmem, uint64_t iova,
				    uint32_t access)
{
	struct ref_out o;
	int level = 5 - (int)c->top;
	uint64_t table = c->root, prot = 0, frame;
	unsigned lsb;

	ref_gmem = gmem;
	memset(&o, 0, sizeof(o));
	if (c->ias < 64 && (iova >> c->ias)) {
		o.fault = IOMMUFMT_FAULT_ADDR_SIZE_INPUT;
		o.level = (uint32_t)level;
		return o;
	}
	for (;; level--) {
		unsigned nbits = level == 1 ? 8 : 11;
		uint64_t e;

		lsb = level == 1 ? 12 : 20 + 11 * (unsigned)(level - 2);
		if (ref_read(table + 8 * ref_field(iova, lsb + nbits - 1, lsb), &e)) {
			o = ref_fault(IOMMUFMT_FAULT_TABLE_READ, level, 0, lsb);
			o.fault_addr = table + 8 * ref_field(iova, lsb + nbits - 1, lsb);
			return o;
		}
		/* an all-zero entry is an invalid entry (QEMU's ERR_EVENT_INVALTE) */
		if (e == 0)
			return ref_fault(IOMMUFMT_FAULT_NOT_PRESENT, level, e, lsb);
		if (level >= 3) {
			if (ref_bit(e, 5))
				return ref_fault(IOMMUFMT_FAULT_NOT_PRESENT, level, e, lsb);
			if (ref_field(e, 7, 6) != 0 || ref_field(e, 1, 0) != 3)
				return ref_fault(IOMMUFMT_FAULT_TABLE_LENGTH, level, e, lsb);
			if (ref_field(e, 3, 2) != (uint64_t)(level - 2))
				return ref_fault(IOMMUFMT_FAULT_TABLE_TYPE, level, e, lsb);
			if (ref_bit(e, 4) || ref_bit(e, 8) || ref_bit(e, 10) || ref_bit(e, 11) ||
			    ref_bit(e, 12) || ref_bit(e, 13))
				return ref_fault(IOMMUFMT_FAULT_RESERVED_BIT, level, e, lsb);
			table = ref_field(e, 63, 14) << 14;
			if (!ref_fits(table, 0x4000, c->oas))
				return ref_fault(IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT, level, e, lsb);
			prot |= ref_bit(e, 9);
			continue;
		}
		if (level == 2) {
			if (ref_bit(e, 5))
				return ref_fault(IOMMUFMT_FAULT_NOT_PRESENT, level, e, lsb);
			if (ref_field(e, 3, 2) != 0)
				return ref_fault(IOMMUFMT_FAULT_TABLE_TYPE, level, e, lsb);
			if (ref_bit(e, 10) && !(c->flags & IOMMUFMT_PGTABLE_F_LARGE))
				return ref_fault(IOMMUFMT_FAULT_BAD_LEVEL, level, e, lsb);
			if (ref_bit(e, 0) || ref_bit(e, 1) || ref_bit(e, 4) || ref_bit(e, 6) ||
			    ref_bit(e, 7) || ref_bit(e, 8))
				return ref_fault(IOMMUFMT_FAULT_RESERVED_BIT, level, e, lsb);
			if (ref_bit(e, 10)) {
				for (unsigned b = 11; b <= 19; b++)
					if (ref_bit(e, b))
						return ref_fault(IOMMUFMT_FAULT_RESERVED_BIT, level,
								 e, lsb);
				frame = ref_field(e, 63, 20) << 20;
				if (!ref_fits(frame, 1, c->oas))
					return ref_fault(IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT, level, e,
							 lsb);
				prot |= ref_bit(e, 9);
				o.pte = e;
				break;
			}
			table = ref_field(e, 63, 11) << 11;
			if (!ref_fits(table, 0x800, c->oas))
				return ref_fault(IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT, level, e, lsb);
			prot |= ref_bit(e, 9);
			continue;
		}
		if (ref_bit(e, 10))
			return ref_fault(IOMMUFMT_FAULT_NOT_PRESENT, level, e, lsb);
		if (ref_bit(e, 8) || ref_bit(e, 11))
			return ref_fault(IOMMUFMT_FAULT_RESERVED_BIT, level, e, lsb);
		frame = ref_field(e, 63, 12) << 12;
		if (!ref_fits(frame, 1, c->oas))
			return ref_fault(IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT, level, e, lsb);
		prot |= ref_bit(e, 9);
		o.pte = e;
		break;
	}
	o.level = (uint32_t)level;
	o.size = (uint64_t)1 << lsb;
	o.pa = frame + (iova & (o.size - 1));
	o.perm = IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_EXEC | IOMMUFMT_ACCESS_USER |
		 (prot ? 0 : IOMMUFMT_ACCESS_WRITE);
	if ((access & IOMMUFMT_ACCESS_WRITE) && prot) {
		o.fault = IOMMUFMT_FAULT_PERMISSION;
		o.pa = 0;
		o.perm = 0;
	}
	return o;
}

/* ref_walk() with the common level of its result (s390 counts from the page table, 1). */
static struct ref_out ref_translate(const struct iommufmt_pgtable_cfg *c,
				    const struct iommufmt_gmem *gmem, uint64_t iova,
				    uint32_t access)
{
	struct ref_out o = ref_walk(c, gmem, iova, access);

	o.common = o.level - 1;
	return o;
}

HARNESS_REF_ADAPTER(harness_ref, ref_translate)

/* ------------------------------------------------------------------------ */
/* Configurations, random tables, differential runs                          */
/* ------------------------------------------------------------------------ */

struct conf {
	const char *name;
	unsigned top, ias, oas;
	uint32_t flags;
	int init_root;	/* fill the root with invalid entries (else zero, as alloc_root leaves it) */
};

static const struct conf confs[] = {
	{ "rf", IOMMUFMT_S390_TOP_RF, 0, 0, 0, 1 },
	{ "rf-large", IOMMUFMT_S390_TOP_RF, 0, 0, IOMMUFMT_PGTABLE_F_LARGE, 1 },
	{ "rs", IOMMUFMT_S390_TOP_RS, 0, 0, 0, 0 },
	{ "rs-large-oas40", IOMMUFMT_S390_TOP_RS, 0, 40, IOMMUFMT_PGTABLE_F_LARGE, 1 },
	{ "rt", IOMMUFMT_S390_TOP_RT, 0, 0, 0, 1 },
	{ "rt-large-ias36", IOMMUFMT_S390_TOP_RT, 36, 0, IOMMUFMT_PGTABLE_F_LARGE, 0 },
	{ "sx", IOMMUFMT_S390_TOP_SX, 0, 0, 0, 1 },
	{ "sx-large", IOMMUFMT_S390_TOP_SX, 0, 48, IOMMUFMT_PGTABLE_F_LARGE, 1 },
};

#define ARENA_GPA	0x200000000ull

static void cfg_from_conf(struct iommufmt_pgtable_cfg *cfg, const struct conf *c)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->argsz = sizeof(*cfg);
	cfg->format = IOMMUFMT_PGTABLE_S390_DAT;
	cfg->flags = c->flags;
	cfg->top = c->top;
	cfg->ias = c->ias;
	cfg->oas = c->oas;
}

static void world_setup(struct harness_world *w, const struct conf *c)
{
	static const unsigned reach[4] = { 64, 53, 42, 31 };
	struct iommufmt_pgtable_cfg cfg;

	cfg_from_conf(&cfg, c);
	harness_world_init(w, &cfg, ARENA_GPA, ref_translate);
	ck_assert_uint_eq(w->pt.cfg.root & 0x3fff, 0);
	ck_assert_uint_eq(w->env.arena.used, 0x4000);
	if (c->init_root)
		for (uint64_t off = 0; off < 0x4000; off += 8)
			put_be(&w->env, w->pt.cfg.root + off, 0x20);
	ck_assert_uint_eq(w->pt.cfg.ias, c->ias ? c->ias : reach[c->top]);
	ck_assert_uint_eq(w->pt.cfg.oas, c->oas ? c->oas : 64);
	ck_assert_uint_eq(w->pt.start_level, 5 - c->top);
	ref_gmem = &w->env.gmem;
}

/* Writable pages twice as often as read-only ones. */
static const uint32_t prots[] = {
	IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE, IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE,
	IOMMUFMT_ACCESS_READ,
};

/* Flip bits of random entries anywhere in the tables. */
static void world_mutate(struct harness_world *w, struct test_rng *r, unsigned count)
{
	uint64_t slots = w->env.arena.used / 8;

	for (unsigned n = 0; n < count; n++) {
		uint64_t slot = test_rng_below(r, slots);
		unsigned b = (unsigned)test_rng_below(r, 24);

		if (b >= 14)
			b = 40 + (b - 14);	/* some high address bits too */
		harness_mem()[slot * 8 + 7 - b / 8] ^= (unsigned char)(1u << (b % 8));
	}
}

/* Builders: map, read back the exact entries, -EEXIST changes nothing, unmap. */
START_TEST(test_builders)
{
	static struct harness_world w;
	static unsigned char snap[1 << 16];
	const struct conf c = { "rt-large", IOMMUFMT_S390_TOP_RT, 0, 0, IOMMUFMT_PGTABLE_F_LARGE, 1 };
	struct iommufmt_diag d;
	struct iommufmt_xlate x;
	uint64_t root, sto, pto;

	world_setup(&w, &c);
	root = w.pt.cfg.root;
	iommufmt_diag_init(&d);
	/* 4K read-only page at 0x80123000 -> 0x5000 */
	ck_assert_int_eq(iommufmt_pgtable_map(&w.pt, &w.env.arena, 0x80123000, 0x5000, 0x1000,
					      IOMMUFMT_ACCESS_READ, &d), 0);
	/* region-third entry 1: segment table, TT=RTX (0x4), TL=3 */
	sto = get_be(&w.env, root + 8 * 1);
	ck_assert_uint_eq(sto & 0x3fff, 0x4 | 0x3);
	/* segment entry 1 (bits 30:20 of 0x80123000 = 1): page table, TT=0 */
	pto = get_be(&w.env, (sto & ~0x3fffull) + 8 * 1);
	ck_assert_uint_eq(pto & 0x7ff, 0);
	/* page entry 0x23: frame 0x5000 with P */
	ck_assert_uint_eq(get_be(&w.env, pto + 8 * 0x23), 0x5000 | 0x200);
	/* its neighbours are invalid */
	ck_assert_uint_eq(get_be(&w.env, pto + 8 * 0x22), 0x400);
	ck_assert_uint_eq(get_be(&w.env, (sto & ~0x3fffull) + 8 * 2), 0x20);
	iommufmt_pgtable_translate(&w.pt, &w.env.gmem, 0x80123abc, IOMMUFMT_ACCESS_READ, &x);
	ck_assert_uint_eq(x.fault, 0);
	ck_assert_uint_eq(x.pa, 0x5abc);
	ck_assert_uint_eq(x.native_level, 1);
	iommufmt_pgtable_translate(&w.pt, &w.env.gmem, 0x80123abc, IOMMUFMT_ACCESS_WRITE, &x);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_PERMISSION);
	/* a 1 MiB frame over the same segment: -EEXIST, tables unchanged */
	memcpy(snap, harness_mem(), sizeof(snap));
	ck_assert_int_eq(iommufmt_pgtable_map(&w.pt, &w.env.arena, 0x80100000, 0x100000, 0x100000,
					      IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE, &d),
			 -EEXIST);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_PGTABLE_EXISTS);
	ck_assert_int_eq(memcmp(snap, harness_mem(), sizeof(snap)), 0);
	/* unmap, then the 1 MiB frame replaces the now empty page table */
	ck_assert_int_eq(iommufmt_pgtable_unmap(&w.pt, &w.env.arena, 0x80123000, 0x1000, &d), 0);
	ck_assert_uint_eq(get_be(&w.env, pto + 8 * 0x23), 0x400);
	ck_assert_int_eq(iommufmt_pgtable_unmap(&w.pt, &w.env.arena, 0x80123000, 0x1000, &d),
			 -ENOENT);
	ck_assert_int_eq(iommufmt_pgtable_map(&w.pt, &w.env.arena, 0x80100000, 0x100000, 0x100000,
					      IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE, &d), 0);
	ck_assert_uint_eq(get_be(&w.env, (sto & ~0x3fffull) + 8 * 1), 0x100000 | 0x400);
	iommufmt_pgtable_translate(&w.pt, &w.env.gmem, 0x801fffff, IOMMUFMT_ACCESS_WRITE, &x);
	ck_assert_uint_eq(x.fault, 0);
	ck_assert_uint_eq(x.pa, 0x1fffff);
	ck_assert_uint_eq(x.page_size, 0x100000);
	ck_assert_uint_eq(x.native_level, 2);
	/* unmapping part of the frame would split it */
	ck_assert_int_eq(iommufmt_pgtable_unmap(&w.pt, &w.env.arena, 0x80100000, 0x1000, &d),
			 -EINVAL);
	ck_assert_int_eq(iommufmt_pgtable_unmap(&w.pt, &w.env.arena, 0x80100000, 0x100000, &d), 0);
	ck_assert_uint_eq(get_be(&w.env, (sto & ~0x3fffull) + 8 * 1), 0x20);
}
END_TEST

START_TEST(test_differential)
{
	static struct harness_world w;
	const struct conf *c = &confs[_i];
	struct test_rng r;

	test_rng_seed(&r, 0xabcdef12ull + (uint64_t)_i * 104729);
	world_setup(&w, c);
	harness_world_populate(&w, &r, 600, prots, 3);
	ck_assert_uint_gt(w.nmaps, 50);
	ck_assert_uint_eq(w.sizes_used, (w.pt.pgsize_bitmap & (1u << 20)) ? 3u : 1u);
	harness_world_check_all(&w, &r, c->name, world_mutate, 2000);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Hostile tables                                                            */
/* ------------------------------------------------------------------------ */

static uint64_t iova5(unsigned rfx, unsigned rsx, unsigned rtx, unsigned sx, unsigned px)
{
	return ((uint64_t)rfx << 53) | ((uint64_t)rsx << 42) | ((uint64_t)rtx << 31) |
	       ((uint64_t)sx << 20) | ((uint64_t)px << 12);
}

/* Tables at fixed places: T[5] = root (RF) ... T[2] = segment table, T[1] = page table. */
struct chain {
	uint64_t t[6];
	unsigned idx[6];
	uint64_t iova;
};

static void chain_build(struct harness_world *w, struct chain *c, int large)
{
	memset(harness_mem(), 0, 0x40000);
	for (int l = 5; l >= 1; l--) {
		c->t[l] = ARENA_GPA + (uint64_t)(5 - l) * 0x4000;
		for (uint64_t off = 0; off < (l == 1 ? 0x800u : 0x4000u); off += 8)
			put_be(&w->env, c->t[l] + off, l == 1 ? 0x400 : 0x20);
	}
	c->idx[5] = 3;
	c->idx[4] = 5;
	c->idx[3] = 7;
	c->idx[2] = 9;
	c->idx[1] = 11;
	for (int l = 5; l >= 3; l--)
		put_be(&w->env, c->t[l] + 8 * c->idx[l],
		       c->t[l - 1] | ((uint64_t)(l - 2) << 2) | 3);
	if (large)
		put_be(&w->env, c->t[2] + 8 * c->idx[2], 0x12300000ull | 0x400);
	else
		put_be(&w->env, c->t[2] + 8 * c->idx[2], c->t[1]);
	put_be(&w->env, c->t[1] + 8 * c->idx[1], 0xabcde000ull);
	c->iova = iova5(c->idx[5], c->idx[4], c->idx[3], c->idx[2], c->idx[1]) | 0x321;
}

static void world_rf(struct harness_world *w, uint32_t flags)
{
	const struct conf c = { "rf", IOMMUFMT_S390_TOP_RF, 0, 0, flags, 1 };

	world_setup(w, &c);
	ck_assert_uint_eq(w->pt.cfg.root, ARENA_GPA);
}

START_TEST(test_hostile_entries)
{
	static struct harness_world w;
	struct iommufmt_pgtable_cfg cfg;
	struct chain c;
	struct iommufmt_xlate x;
	unsigned long reads;

	world_rf(&w, IOMMUFMT_PGTABLE_F_LARGE);
	chain_build(&w, &c, 0);
	x = harness_world_xlate_counted(&w, &w.pt, c.iova, IOMMUFMT_ACCESS_WRITE, &reads);
	ck_assert_uint_eq(x.fault, 0);
	ck_assert_uint_eq(x.pa, 0xabcde321);
	ck_assert_uint_eq(x.native_level, 1);
	ck_assert_uint_eq(reads, 5);
	/* per level: invalid, protection, table type, table length and offset */
	for (int l = 5; l >= 1; l--) {
		uint64_t ea = c.t[l] + 8 * c.idx[l], e = get_be(&w.env, ea);

		put_be(&w.env, ea, e | (l == 1 ? 0x400 : 0x20));
		x = harness_world_xlate_counted(&w, &w.pt, c.iova, IOMMUFMT_ACCESS_READ, NULL);
		ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_NOT_PRESENT);
		ck_assert_uint_eq(x.native_level, (unsigned)l);
		put_be(&w.env, ea, e | 0x200);
		x = harness_world_xlate_counted(&w, &w.pt, c.iova, IOMMUFMT_ACCESS_READ, NULL);
		ck_assert_uint_eq(x.fault, 0);
		ck_assert_uint_eq(x.perm & IOMMUFMT_ACCESS_WRITE, 0);
		x = harness_world_xlate_counted(&w, &w.pt, c.iova, IOMMUFMT_ACCESS_WRITE, NULL);
		ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_PERMISSION);
		ck_assert_uint_eq(x.native_level, 1);
		if (l >= 2) {
			for (uint64_t tt = 0; tt < 4; tt++) {
				if (tt == (uint64_t)(l - 2))
					continue;
				put_be(&w.env, ea, (e & ~0xcull) | tt << 2);
				x = harness_world_xlate_counted(&w, &w.pt, c.iova,
								IOMMUFMT_ACCESS_READ, NULL);
				ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_TABLE_TYPE);
				ck_assert_uint_eq(x.native_level, (unsigned)l);
			}
		}
		if (l >= 3) {
			for (uint64_t tl = 0; tl < 3; tl++) {
				put_be(&w.env, ea, (e & ~3ull) | tl);
				x = harness_world_xlate_counted(&w, &w.pt, c.iova,
								IOMMUFMT_ACCESS_READ, NULL);
				ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_TABLE_LENGTH);
				ck_assert_uint_eq(x.native_level, (unsigned)l);
			}
			for (uint64_t tf = 1; tf < 4; tf++) {
				put_be(&w.env, ea, e | tf << 6);
				x = harness_world_xlate_counted(&w, &w.pt, c.iova,
								IOMMUFMT_ACCESS_READ, NULL);
				ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_TABLE_LENGTH);
			}
		}
		put_be(&w.env, ea, e);
	}
	/* an all-zero entry is invalid at every level */
	for (int l = 5; l >= 1; l--) {
		uint64_t ea = c.t[l] + 8 * c.idx[l], e = get_be(&w.env, ea);

		put_be(&w.env, ea, 0);
		x = harness_world_xlate_counted(&w, &w.pt, c.iova, 0, NULL);
		ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_NOT_PRESENT);
		ck_assert_uint_eq(x.native_level, (unsigned)l);
		put_be(&w.env, ea, e);
	}
	/* the builder does not make a writable page entry for frame 0 (it would read as zero) */
	ck_assert_int_eq(iommufmt_pgtable_map(&w.pt, &w.env.arena, 0x1000, 0, 0x1000,
					      IOMMUFMT_ACCESS_WRITE, NULL), -EINVAL);
	/* 1 MiB frames: allowed with F_LARGE, BAD_LEVEL without */
	chain_build(&w, &c, 1);
	x = harness_world_xlate_counted(&w, &w.pt, c.iova, IOMMUFMT_ACCESS_WRITE, NULL);
	ck_assert_uint_eq(x.fault, 0);
	ck_assert_uint_eq(x.pa, 0x12300000ull | (c.iova & 0xfffff));
	ck_assert_uint_eq(x.page_size, 0x100000);
	ck_assert_uint_eq(x.native_level, 2);
	cfg = w.pt.cfg;
	cfg.flags = 0;
	x = harness_world_xlate_cfg(&w, &cfg, c.iova, 0);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_BAD_LEVEL);
	ck_assert_uint_eq(x.native_level, 2);
	/* a next table outside guest memory, and above the output size */
	put_be(&w.env, c.t[4] + 8 * c.idx[4], 0x7000000000ull | 0x8 | 3);
	x = harness_world_xlate_counted(&w, &w.pt, c.iova, 0, NULL);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_TABLE_READ);
	ck_assert_uint_eq(x.native_level, 3);
	ck_assert_uint_eq(x.pte, 0);
	cfg = w.pt.cfg;
	cfg.oas = 36;
	x = harness_world_xlate_cfg(&w, &cfg, c.iova, 0);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT);
	ck_assert_uint_eq(x.native_level, 4);
}
END_TEST

START_TEST(test_hostile_self)
{
	static struct harness_world w;
	struct chain c;
	struct iommufmt_xlate x;
	uint64_t R;

	world_rf(&w, IOMMUFMT_PGTABLE_F_LARGE);
	chain_build(&w, &c, 0);
	R = c.t[5];
	/* a region-first entry pointing at its own table: the type check stops it */
	put_be(&w.env, R + 8 * 3, R | 0xc | 3);
	x = harness_world_xlate_counted(&w, &w.pt, iova5(3, 3, 3, 3, 3), 0, NULL);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_TABLE_TYPE);
	ck_assert_uint_eq(x.native_level, 4);
	/* the same for every region level, and for the segment table */
	for (int l = 4; l >= 3; l--) {
		chain_build(&w, &c, 0);
		put_be(&w.env, c.t[l] + 8 * c.idx[l], c.t[l] | ((uint64_t)(l - 2) << 2) | 3);
		x = harness_world_xlate_counted(&w, &w.pt, c.iova, 0, NULL);
		ck_assert_uint_eq(x.native_level, (unsigned)l - 1);
		ck_assert_uint_ne(x.fault, 0);
	}
	chain_build(&w, &c, 0);
	/* a segment entry pointing at its own segment table, read as a page table */
	put_be(&w.env, c.t[2] + 8 * c.idx[2], c.t[2]);
	x = harness_world_xlate_counted(&w, &w.pt, c.iova, 0, NULL);
	ck_assert_uint_eq(x.native_level, 1);
	/* entry 11 of the segment table is invalid (0x20), read as a page entry: valid! */
	ck_assert_uint_eq(x.fault, 0);
	ck_assert_uint_eq(x.pa, 0x321);
	/* a region-third entry pointing back at the root (a cycle through the levels) */
	chain_build(&w, &c, 0);
	put_be(&w.env, c.t[3] + 8 * c.idx[3], R | 0x4 | 3);
	x = harness_world_xlate_counted(&w, &w.pt, c.iova, 0, NULL);
	ck_assert_uint_eq(x.native_level, 2);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_NOT_PRESENT);
	/* IOVA above the input size of smaller roots */
	{
		static struct harness_world w2;
		const struct conf rt = { "rt-ias36", IOMMUFMT_S390_TOP_RT, 36, 0, 0, 1 };

		world_setup(&w2, &rt);
		harness_expect(&w2.pt, &w2.env.gmem, 1ull << 36, 0,
			       IOMMUFMT_FAULT_ADDR_SIZE_INPUT, 3, &x);
		harness_expect(&w2.pt, &w2.env.gmem, ~0ull, 0, IOMMUFMT_FAULT_ADDR_SIZE_INPUT, 3,
			       &x);
	}
}
END_TEST

/* Which bits of each entry type are reserved. */
START_TEST(test_reserved_bits)
{
	static struct harness_world w;
	static const struct {
		int level, large;
		const char *name;
		uint64_t want;
	} cases[] = {
		{ 5, 0, "region-first", 0x3d10 },
		{ 4, 0, "region-second", 0x3d10 },
		{ 3, 0, "region-third", 0x3d10 },
		/* FC set turns the page-table origin's bit 16 into a reserved frame bit */
		{ 2, 0, "segment", 0x1d3 | 0x400 },
		{ 2, 1, "segment (1 MiB)", 0xff800 | 0x1d3 },
		{ 1, 0, "page", 0x900 },
	};
	struct chain c;

	world_rf(&w, IOMMUFMT_PGTABLE_F_LARGE);
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		int l = cases[k].level;
		uint64_t ea, e, got = 0;

		chain_build(&w, &c, cases[k].large);
		ea = c.t[l] + 8 * c.idx[l];
		e = get_be(&w.env, ea);
		for (unsigned b = 0; b < 64; b++) {
			struct iommufmt_xlate x;
			struct ref_out o;

			put_be(&w.env, ea, e ^ (1ull << b));
			iommufmt_pgtable_translate(&w.pt, &w.env.gmem, c.iova, 0, &x);
			o = ref_translate(&w.pt.cfg, &w.env.gmem, c.iova, 0);
			ck_assert_msg(ref_same(&x, &o, c.iova) == 0, "%s bit %u: fault %u/%u",
				      cases[k].name, b, x.fault, o.fault);
			if (x.fault == IOMMUFMT_FAULT_RESERVED_BIT && x.native_level == (unsigned)l)
				got |= 1ull << b;
		}
		put_be(&w.env, ea, e);
		ck_assert_msg(got == cases[k].want, "%s: reserved 0x%llx, expected 0x%llx",
			      cases[k].name, (unsigned long long)got,
			      (unsigned long long)cases[k].want);
	}
}
END_TEST

struct collect_stop {
	unsigned n, stop;
};

static int count_stop_cb(void *opaque, const struct iommufmt_xlate *rec)
{
	struct collect_stop *c = opaque;

	(void)rec;
	return ++c->n >= c->stop ? 9 : 0;
}

/* Walks of 0..2^64-1 over hostile tables end quickly. */
START_TEST(test_walk_hostile)
{
	static struct harness_world w;
	struct harness_counting cnt;
	struct iommufmt_gmem g;
	struct harness_collect c = { 0 };
	struct collect_stop cs = { 0, 500 };
	uint64_t R, S;

	world_rf(&w, 0);
	R = w.pt.cfg.root;
	harness_counting_init(&cnt, &g, harness_mem(), ARENA_GPA, HARNESS_ARENA_SIZE);
	/* every region-first entry points at the root: each fails the type check one level down */
	for (unsigned i = 0; i < 2048; i++)
		put_be(&w.env, R + i * 8, R | 0xc | 3);
	cnt.reads = 0;
	ck_assert_int_eq(iommufmt_pgtable_walk_range(&w.pt, &g, 0, ~0ull, 0, harness_collect_cb, &c), 0);
	ck_assert_uint_eq(c.n, 0);
	ck_assert_uint_le(cnt.reads, 2 * 2048 + 16);
	ck_assert_int_eq(iommufmt_pgtable_walk_range(&w.pt, &g, 0, ~0ull, IOMMUFMT_WALK_FAULTS,
					     count_stop_cb, &cs), 9);
	/* a shared segment table whose entries all point at one empty page table */
	S = R + 0x4000;
	for (unsigned i = 0; i < 2048; i++)
		put_be(&w.env, R + i * 8, 0x20);
	for (unsigned i = 0; i < 2048; i++) {
		put_be(&w.env, S + i * 8, S + 0x4000);			/* as a region table: wrong TT */
		put_be(&w.env, R + 0x8000 + i * 8, 0x20);
	}
	/* RF -> RS -> RT: 2048 RT entries -> one segment table -> 2048 x the same page table */
	put_be(&w.env, R + 0, (R + 0xc000) | 0x8 | 3);
	for (unsigned i = 0; i < 2048; i++) {
		put_be(&w.env, R + 0xc000 + i * 8, (R + 0x10000) | 0x4 | 3);
		put_be(&w.env, R + 0x10000 + i * 8, (R + 0x14000) | 0x0 | 3);
		put_be(&w.env, R + 0x14000 + i * 8, R + 0x18000);
	}
	for (unsigned i = 0; i < 256; i++)
		put_be(&w.env, R + 0x18000 + i * 8, 0x400);
	cnt.reads = 0;
	ck_assert_int_eq(iommufmt_pgtable_walk_range(&w.pt, &g, 0, ~0ull, 0, harness_collect_cb, &c), 0);
	ck_assert_uint_eq(c.n, 0);
	ck_assert_uint_le(cnt.reads, 2048 * 4 + 256 + 64);
	free(c.recs);
}
END_TEST

/*
 * The walk budget counts 2 KiB page tables: a legal segment table whose
 * entries point at page tables packed back to back, in guest memory that
 * holds nothing else, is walked whole (the 4 KiB-per-visit budget stopped
 * with -ELOOP after 71 of 100 such page tables).
 */
START_TEST(test_walk_dense_page_tables)
{
	static const unsigned counts[] = { 100, 2048 };
	const unsigned n = counts[_i];
	const uint64_t size = 0x4000 + (uint64_t)n * 0x800;
	struct harness_env e;
	struct iommufmt_pgtable_cfg cfg;
	struct iommufmt_pgtable pt;
	struct harness_collect c = { 0 };
	struct iommufmt_xlate x;

	harness_env_init(&e, ARENA_GPA, (size_t)size);
	cfg_from_conf(&cfg, &confs[6]);	/* sx: the segment table is the root */
	cfg.root = ARENA_GPA;
	ck_assert_int_eq(iommufmt_pgtable_prepare(&pt, &cfg, NULL), 0);
	for (unsigned i = 0; i < 2048; i++)
		put_be(&e, ARENA_GPA + 8 * i, 0x20);
	for (unsigned i = 0; i < n; i++) {
		const uint64_t pto = ARENA_GPA + 0x4000 + (uint64_t)i * 0x800;

		put_be(&e, ARENA_GPA + 8 * i, pto);
		for (unsigned j = 0; j < 256; j++)
			put_be(&e, pto + 8 * j, 0x400);
		put_be(&e, pto + 8 * (i % 256), 0x10000000ull + (uint64_t)i * 0x1000);
	}
	ck_assert_int_eq(iommufmt_pgtable_walk_range(&pt, &e.gmem, 0, ~0ull, IOMMUFMT_WALK_FAULTS,
					     harness_collect_cb, &c), 0);
	ck_assert_uint_eq(c.n, n);
	for (unsigned i = 0; i < n; i++) {
		const struct iommufmt_xlate *rec = &c.recs[i];
		const uint64_t iova = ((uint64_t)i << 20) | ((uint64_t)(i % 256) << 12);

		REQUIRE(!rec->fault && rec->iova == iova && rec->page_size == 0x1000 &&
			rec->pa == 0x10000000ull + (uint64_t)i * 0x1000 && rec->native_level == 1 && rec->level == 0,
			"page table %u: record iova 0x%llx pa 0x%llx size 0x%llx fault %u", i,
			HX(rec->iova), HX(rec->pa), HX(rec->page_size), rec->fault);
		ck_assert_int_eq(iommufmt_pgtable_translate(&pt, &e.gmem, iova | 0x123,
						    IOMMUFMT_ACCESS_WRITE, &x), 0);
		REQUIRE(!x.fault && x.pa == (rec->pa | 0x123), "page table %u: translate differs",
			i);
	}
	free(c.recs);
}
END_TEST

/*
 * The same through the builders: each 4 KiB page in its own segment gets a
 * 2 KiB page table, packed in the arena; unmapping them all walks the arena
 * (the 4 KiB budget failed it with -ELOOP).
 */
START_TEST(test_unmap_dense_builder)
{
	const unsigned n = 300;
	struct harness_env e;
	struct iommufmt_pgtable_cfg cfg;
	struct iommufmt_pgtable pt;
	struct iommufmt_diag d;
	struct iommufmt_xlate x;

	harness_env_init(&e, ARENA_GPA, 0x4000 + n * 0x800);
	cfg_from_conf(&cfg, &confs[6]);
	ck_assert_int_eq(iommufmt_pgtable_alloc_root(&cfg, &e.arena, NULL), 0);
	ck_assert_int_eq(iommufmt_pgtable_prepare(&pt, &cfg, NULL), 0);
	iommufmt_diag_init(&d);
	for (unsigned i = 0; i < n; i++)
		ck_assert_int_eq(iommufmt_pgtable_map(&pt, &e.arena, (uint64_t)i << 20,
						      0x10000000ull + ((uint64_t)i << 12), 0x1000,
						      IOMMUFMT_ACCESS_READ, &d), 0);
	ck_assert_uint_eq(e.arena.used, e.arena.size);
	ck_assert_int_eq(iommufmt_pgtable_unmap(&pt, &e.arena, 0, (uint64_t)n << 20, &d), 0);
	for (unsigned i = 0; i < n; i++) {
		iommufmt_pgtable_translate(&pt, &e.gmem, (uint64_t)i << 20, 0, &x);
		ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_NOT_PRESENT);
	}
}
END_TEST

/* A case of the table below: top, ias, oas, levels, granule, sl0, flags, root, result. */
#define S390_CASE(top, ias, oas, levels, granule, sl0, flags, root, err, code, field)		\
	{ IOMMUFMT_PGTABLE_S390_DAT, levels, ias, oas, granule, sl0, top, flags, root, err, code,	\
	  field }

static const struct harness_cfg_case cfg_cases[] = {
	S390_CASE(4, 0, 0, 0, 0, 0, 0, 0, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "top"),
	S390_CASE(0, 0, 0, 4, 0, 0, 0, 0, -EOPNOTSUPP, IOMMUFMT_DIAG_UNSUPPORTED, "levels"),
	S390_CASE(0, 0, 0, 0, 12, 0, 0, 0, -EOPNOTSUPP, IOMMUFMT_DIAG_UNSUPPORTED, "granule"),
	S390_CASE(0, 0, 0, 0, 0, 1, 0, 0, -EOPNOTSUPP, IOMMUFMT_DIAG_UNSUPPORTED, "sl0"),
	S390_CASE(0, 0, 0, 0, 0, 0, IOMMUFMT_PGTABLE_F_AD, 0, -EOPNOTSUPP,
		  IOMMUFMT_DIAG_UNSUPPORTED, "flags"),
	S390_CASE(0, 0, 0, 0, 0, 0, IOMMUFMT_PGTABLE_F_EXEC, 0, -EOPNOTSUPP,
		  IOMMUFMT_DIAG_UNSUPPORTED, "flags"),
	S390_CASE(2, 43, 0, 0, 0, 0, 0, 0, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "ias"),
	S390_CASE(3, 32, 0, 0, 0, 0, 0, 0, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "ias"),
	S390_CASE(0, 11, 0, 0, 0, 0, 0, 0, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "ias"),
	S390_CASE(0, 0, 65, 0, 0, 0, 0, 0, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "oas"),
	S390_CASE(0, 0, 0, 0, 0, 0, 0, 0x2000, -EINVAL, IOMMUFMT_DIAG_PGTABLE_ROOT, "root"),
	S390_CASE(0, 0, 40, 0, 0, 0, 0, 1ull << 40, -EINVAL, IOMMUFMT_DIAG_PGTABLE_ROOT, "root"),
	S390_CASE(0, 0, 40, 0, 0, 0, 0, (1ull << 40) - 0x4000, 0, 0, ""),
	S390_CASE(1, 0, 0, 0, 0, 0, IOMMUFMT_PGTABLE_F_LARGE, 0x4000, 0, 0, ""),
	S390_CASE(3, 31, 64, 0, 0, 0, 0, 0xffffffffffffc000ull, 0, 0, ""),
};

START_TEST(test_config)
{
	const struct harness_cfg_case *cc = &cfg_cases[_i];
	struct iommufmt_pgtable pt;

	if (harness_prepare_case(cc, &pt))
		return;
	ck_assert_uint_eq(pt.start_level, 5 - cc->top);
	ck_assert_uint_eq(pt.pgsize_bitmap,
			  (cc->flags & IOMMUFMT_PGTABLE_F_LARGE) ? 0x101000u : 0x1000u);
}
END_TEST

START_TEST(test_no_dirty)
{
	static struct harness_world w;
	static __u64 bitmap[1];

	world_rf(&w, 0);
	ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&w.pt, &w.env.gmem, 0, 0xfff, 0, bitmap, 64),
			 -EOPNOTSUPP);
}
END_TEST

START_TEST(test_harness)
{
	struct iommufmt_pgtable_cfg cfg;

	cfg_from_conf(&cfg, &confs[_i]);
	/* 20,000 here: the 100,000-address runs are test_differential's */
	harness_differential(&cfg, harness_ref, 0x99000 + (uint64_t)_i, 20000);
	harness_fuzz(&cfg, harness_ref, 0xaa000 + (uint64_t)_i, 20);
}
END_TEST

static Suite *s390_suite(void)
{
	Suite *s = suite_create("pgtable-s390");
	TCase *tc = harness_tcase(s, "differential");

	tcase_add_loop_test(tc, test_differential, 0, (int)(sizeof(confs) / sizeof(confs[0])));
	tcase_add_loop_test(tc, test_harness, 0, (int)(sizeof(confs) / sizeof(confs[0])));
	tc = harness_tcase(s, "builders");
	tcase_add_test(tc, test_builders);
	tc = harness_tcase(s, "hostile");
	tcase_add_test(tc, test_hostile_entries);
	tcase_add_test(tc, test_hostile_self);
	tcase_add_test(tc, test_reserved_bits);
	tcase_add_test(tc, test_walk_hostile);
	tcase_add_loop_test(tc, test_walk_dense_page_tables, 0, 2);
	tcase_add_test(tc, test_unmap_dense_builder);
	tc = harness_tcase(s, "config");
	tcase_add_loop_test(tc, test_config, 0, (int)(sizeof(cfg_cases) / sizeof(cfg_cases[0])));
	tcase_add_test(tc, test_no_dirty);
	return s;
}

int main(void)
{
	return test_run_suite(s390_suite());
}
