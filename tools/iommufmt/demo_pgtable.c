/* SPDX-License-Identifier: MIT */
/* Demo section "pgtable": build, translate, walk and harvest page tables of every format; nested walk. */
#include <stdlib.h>
#include <string.h>

#include "tools/iommufmt/cli.h"

#define R IOMMUFMT_ACCESS_READ
#define W IOMMUFMT_ACCESS_WRITE
#define U IOMMUFMT_ACCESS_USER

/* Example configurations: one per format (part B's formats show once they have builders). */
struct demo_fmt {
	const char *name;
	__u32 levels, flags, granule, ias, oas, sl0, top;
	__u64 page;		/* smallest page */
	int dirty_bit;		/* the leaf bit a device write sets (demo data), -1: none */
	int big_endian;
};

static const struct demo_fmt fmts[] = {
	{ "x86-64", 4, IOMMUFMT_PGTABLE_F_AD | IOMMUFMT_PGTABLE_F_1G, 0, 0, 0, 0, 0, 4096, 6, 0 },
	{ "vtd-ss", 3, IOMMUFMT_PGTABLE_F_AD, 0, 0, 0, 0, 0, 4096, 9, 0 },
	{ "amd-v1", 4, IOMMUFMT_PGTABLE_F_AD, 0, 0, 0, 0, 0, 4096, 6, 0 },
	{ "arm-lpae-s1", 0, IOMMUFMT_PGTABLE_F_AD, 12, 48, 48, 0, 0, 4096, -1, 0 },
	{ "arm-lpae-s2", 0, IOMMUFMT_PGTABLE_F_AD, 12, 40, 48, 1, 0, 4096, -1, 0 },
	{ "s390-dat", 0, 0, 0, 0, 0, 0, IOMMUFMT_S390_TOP_RT, 4096, -1, 1 },
};

#define ARENA_GPA	0x10000000ULL
#define ARENA_SIZE	(1u << 20)

struct demo_table {
	struct iommufmt_pgtable_cfg cfg;
	struct iommufmt_pgtable pt;
	struct iommufmt_pgtable_arena arena;
	struct iommufmt_gmem_region reg;
	struct iommufmt_gmem gmem;
};

static int table_init(struct demo_table *t, const struct demo_fmt *f, __u64 gpa, void *host)
{
	const struct iommufmt_pgtable_ops *ops = iommufmt_pgtable_by_name(f->name);

	memset(t, 0, sizeof(*t));
	if (!ops)
		return -1;
	t->cfg.argsz = sizeof(t->cfg);
	t->cfg.format = ops->format;
	t->cfg.levels = f->levels;
	t->cfg.flags = f->flags;
	t->cfg.granule = f->granule;
	t->cfg.ias = f->ias;
	t->cfg.oas = f->oas;
	t->cfg.sl0 = f->sl0;
	t->cfg.top = f->top;
	t->arena = (struct iommufmt_pgtable_arena){ .gpa = gpa, .size = ARENA_SIZE, .host = host };
	if (iommufmt_pgtable_alloc_root(&t->cfg, &t->arena, NULL) ||
	    iommufmt_pgtable_prepare(&t->pt, &t->cfg, NULL))
		return -1;
	t->reg = (struct iommufmt_gmem_region){ gpa, ARENA_SIZE, host, 0, 0 };
	t->gmem = (struct iommufmt_gmem){ &t->reg, 1, 0, NULL, NULL };
	return 0;
}

static void print_xlate(FILE *out, const struct iommufmt_xlate *x)
{
	if (x->fault)
		fprintf(out, "    0x%012llx -> fault %-12s at level %u (native %u)%s\n",
			(unsigned long long)x->iova, iommufmt_fault_name(x->fault), x->level,
			x->native_level, x->stage ? (x->stage == 1 ? " (stage 1)" : " (stage 2)") : "");
	else
		fprintf(out, "    0x%012llx -> 0x%012llx  %7llu KiB page, level %u (native %u), %c%c%c\n",
			(unsigned long long)x->iova, (unsigned long long)x->pa,
			(unsigned long long)(x->page_size >> 10), x->level, x->native_level,
			x->perm & R ? 'r' : '-', x->perm & W ? 'w' : '-',
			x->perm & IOMMUFMT_ACCESS_EXEC ? 'x' : '-');
}

static int print_rec(void *opaque, const struct iommufmt_xlate *rec)
{
	FILE *out = opaque;

	fprintf(out, "    0x%012llx +0x%-9llx -> 0x%012llx  %c%c\n", (unsigned long long)rec->iova,
		(unsigned long long)rec->page_size, (unsigned long long)rec->pa,
		rec->perm & R ? 'r' : '-', rec->perm & W ? 'w' : '-');
	return 0;
}

static int count_rec(void *opaque, const struct iommufmt_xlate *rec)
{
	(void)rec;
	++*(unsigned *)opaque;
	return 0;
}

/* Mark a leaf dirty as the IOMMU would on a device write (demo data: the format's D bit). */
static int set_dirty(struct demo_table *t, const struct demo_fmt *f, __u64 iova)
{
	struct iommufmt_xlate x;
	unsigned char *p;
	__u64 gpa = 0;

	/* find the leaf entry: the entry translation read last equals the leaf's pte */
	if (iommufmt_pgtable_translate(&t->pt, &t->gmem, iova, 0, &x) || x.fault)
		return -1;
	for (__u64 off = 0; off < t->arena.used; off += 8) {
		__u64 v = 0;

		p = (unsigned char *)t->arena.host + off;
		for (int i = 0; i < 8; i++)
			v |= (__u64)p[f->big_endian ? 7 - i : i] << (8 * i);
		if (v == x.pte) {
			gpa = t->arena.gpa + off;
			p[f->big_endian ? 7 - f->dirty_bit / 8 : f->dirty_bit / 8] |=
				(unsigned char)(1u << (f->dirty_bit % 8));
			break;
		}
	}
	return gpa ? 0 : -1;
}

static int demo_format(FILE *out, const struct demo_fmt *f, void *host)
{
	struct demo_table t;
	struct iommufmt_xlate x[4];
	__u64 iovas[4];
	__u64 bitmap[1];
	unsigned n = 0;
	int ok = 1;
	__u64 pg = f->page;

	if (table_init(&t, f, ARENA_GPA, host)) {
		fprintf(out, "\n  %s: no walker or builder in this build, skipped\n", f->name);
		return 0;
	}
	fprintf(out, "\n  %s (%u levels, %u-bit input, %u-bit output), root at 0x%llx\n", f->name,
		t.pt.nr_levels, t.pt.cfg.ias, t.pt.cfg.oas, (unsigned long long)t.cfg.root);
	/* 64 pages at 0x200000 (the builder picks the largest pages), one read-only page */
	if (iommufmt_pgtable_map(&t.pt, &t.arena, 512 * pg, 0x40000000, 64 * pg, R | W | U, NULL) ||
	    iommufmt_pgtable_map(&t.pt, &t.arena, 1024 * pg, 0x50000000, pg, R | U, NULL)) {
		fprintf(out, "  map failed\n");
		return 1;
	}
	fprintf(out, "  mapped 0x%llx+0x%llx -> 0x40000000 (rw) and 0x%llx -> 0x50000000 (r);"
		" %llu bytes of tables\n", (unsigned long long)(512 * pg),
		(unsigned long long)(64 * pg), (unsigned long long)(1024 * pg),
		(unsigned long long)t.arena.used);
	iovas[0] = 512 * pg + 0x123;
	iovas[1] = 575 * pg + pg - 1;
	iovas[2] = 1024 * pg + 8;
	iovas[3] = 2048 * pg;
	iommufmt_pgtable_translate_batch(&t.pt, &t.gmem, iovas, 4, W, x);
	fprintf(out, "  translate (write requests, one batch):\n");
	for (int i = 0; i < 4; i++)
		print_xlate(out, &x[i]);
	ok &= !x[0].fault && x[0].pa == 0x40000123 && !x[1].fault &&
	      x[1].pa == 0x40000000 + 64 * pg - 1;
	ok &= x[2].fault == IOMMUFMT_FAULT_PERMISSION && x[3].fault == IOMMUFMT_FAULT_NOT_PRESENT;
	iommufmt_pgtable_walk_range(&t.pt, &t.gmem, 0, ~0ULL, 0, count_rec, &n);
	fprintf(out, "  walk: %u leaves; coalesced:\n", n);
	iommufmt_pgtable_walk_range(&t.pt, &t.gmem, 0, ~0ULL, IOMMUFMT_WALK_COALESCE, print_rec, out);
	ok &= n >= 2;
	if (f->dirty_bit >= 0 && pg == 4096) {
		__u64 want;
		int r;

		/* the whole leaf holding the written page is dirty (amd-v1 maps one 256 KiB page) */
		iommufmt_pgtable_translate(&t.pt, &t.gmem, 520 * pg, 0, &x[0]);
		want = x[0].page_size >= 64 * pg ? ~0ULL :
		       ((1ULL << (x[0].page_size / pg)) - 1) << ((x[0].iova & ~(x[0].page_size - 1)) / pg - 512);
		ok &= set_dirty(&t, f, 520 * pg) == 0;
		r = iommufmt_pgtable_dirty_harvest(&t.pt, &t.gmem, 512 * pg, 512 * pg + 64 * pg - 1,
					   IOMMUFMT_DIRTY_CLEAR, bitmap, 64);
		fprintf(out, "  a device wrote to 0x%llx (a %llu KiB leaf): dirty bitmap of the 64 pages"
			" = 0x%016llx (cleared)\n", (unsigned long long)(520 * pg),
			(unsigned long long)(x[0].page_size >> 10), (unsigned long long)bitmap[0]);
		ok &= r == 0 && bitmap[0] == want;
		r = iommufmt_pgtable_dirty_harvest(&t.pt, &t.gmem, 512 * pg, 512 * pg + 64 * pg - 1, 0,
					   bitmap, 64);
		fprintf(out, "  harvested again: 0x%016llx\n", (unsigned long long)bitmap[0]);
		ok &= r == 0 && bitmap[0] == 0;
	}
	return ok ? 0 : 1;
}

/* VT-d first stage (x86-64) over the second stage: two walks, one result, the stage at fault. */
static int demo_nested(FILE *out, unsigned char *host)
{
	const struct demo_fmt s1f = { "x86-64", 4, 0, 0, 0, 0, 0, 0, 4096, -1, 0 };
	const struct demo_fmt s2f = { "vtd-ss", 4, IOMMUFMT_PGTABLE_F_1G, 0, 0, 0, 0, 0, 4096, -1, 0 };
	struct demo_table s1, s2;
	struct iommufmt_gmem_region regs[2];
	struct iommufmt_gmem gmem;
	struct iommufmt_xlate x;
	int ok = 1;

	/* stage-2 tables at PA 0x10000000; the guest's stage-1 tables at PA 0x30000000 = IPA 0x1000000 */
	if (table_init(&s2, &s2f, 0x10000000, host) ||
	    table_init(&s1, &s1f, 0x1000000, host + ARENA_SIZE))
		return 1;
	regs[0] = (struct iommufmt_gmem_region){ 0x10000000, ARENA_SIZE, host, 0, 0 };
	regs[1] = (struct iommufmt_gmem_region){ 0x30000000, ARENA_SIZE, host + ARENA_SIZE, 0, 0 };
	gmem = (struct iommufmt_gmem){ regs, 2, 0, NULL, NULL };
	fprintf(out, "\n  nested: x86-64 stage 1 (VT-d first stage) over vtd-ss stage 2\n");
	ok &= !iommufmt_pgtable_map(&s2.pt, &s2.arena, 0x1000000, 0x30000000, ARENA_SIZE, R | W, NULL);
	ok &= !iommufmt_pgtable_map(&s2.pt, &s2.arena, 0x80000000, 0x240000000ULL, 0x200000, R | W,
				    NULL);
	ok &= !iommufmt_pgtable_map(&s1.pt, &s1.arena, 0x7f0000000ULL, 0x80000000, 0x2000, R | W | U,
				    NULL);
	ok &= !iommufmt_pgtable_map(&s1.pt, &s1.arena, 0x7f0002000ULL, 0x90000000, 0x1000, R | W | U,
				    NULL);
	fprintf(out, "  stage 2: IPA 0x1000000 (guest tables) -> PA 0x30000000,"
		" IPA 0x80000000 -> PA 0x240000000\n"
		"  stage 1: IOVA 0x7f0000000 -> IPA 0x80000000, IOVA 0x7f0002000 -> IPA 0x90000000\n");
	iommufmt_pgtable_translate_nested(&s1.pt, &s2.pt, &gmem, 0x7f0001abcULL, W, &x);
	print_xlate(out, &x);
	ok &= !x.fault && x.pa == 0x240001abcULL && x.stage == 0;
	iommufmt_pgtable_translate_nested(&s1.pt, &s2.pt, &gmem, 0x7f0002000ULL, R, &x);
	print_xlate(out, &x);
	fprintf(out, "      (stage 2 has no mapping for IPA 0x%llx)\n",
		(unsigned long long)x.fault_addr);
	ok &= x.fault == IOMMUFMT_FAULT_NOT_PRESENT && x.stage == 2 && x.fault_addr == 0x90000000;
	iommufmt_pgtable_translate_nested(&s1.pt, &s2.pt, &gmem, 0x7f0003000ULL, R, &x);
	print_xlate(out, &x);
	ok &= x.fault == IOMMUFMT_FAULT_NOT_PRESENT && x.stage == 1;
	return ok ? 0 : 1;
}

static int pgtable_demo(FILE *out)
{
	unsigned char *host = aligned_alloc(65536, 2 * ARENA_SIZE);
	int failed = 0;

	if (!host)
		return 1;
	fprintf(out, "Page tables of every format, built with the library's builders in a\n"
		     "1 MiB arena at guest-physical 0x%llx, then translated, walked and harvested.\n",
		ARENA_GPA);
	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++)
		failed |= demo_format(out, &fmts[i], host);
	failed |= demo_nested(out, host);
	free(host);
	return failed;
}

const struct demo_section demo_pgtable = {
	.name = "pgtable",
	.title = "Page tables: build, translate, walk, harvest dirty bits, nested walk",
	.run = pgtable_demo,
};
