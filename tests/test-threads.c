/* SPDX-License-Identifier: MIT */
/* Eight threads share what the API documents as shareable; each must compute what one thread alone does. */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iommufmt/iommufmt.h>
#include "tests/bindtest.h"
#include "tests/testutil.h"

/*
 * Shared, as iommufmt.h documents them:
 * - the registry ("every function here is safe to call from many threads");
 * - prepared page tables ("read-only afterwards, so one prepared table may be
 *   used from many threads"), walked over one struct iommufmt_gmem, which the
 *   library "only reads";
 * - prepared invalidation codecs (same wording), over one command buffer;
 * - hosts ("an opaque, immutable host description; safe to share");
 * - an IOVA space no longer modified ("may be queried from many threads").
 * Every job folds all its outputs and return codes into a digest; the digests
 * computed by one thread before the others start are the reference. Build
 * with -fsanitize=thread (make check-sanitize) to also see every data race.
 */

#define NTHREADS	8
#define ITERS		3

/* ---- digests ---- */

struct dg {
	uint64_t h;
};

static void dg_put(struct dg *d, const void *p, size_t n)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++)
		d->h = (d->h ^ b[i]) * 0x100000001b3ull;
}

static void dg_int(struct dg *d, int64_t v)
{
	dg_put(d, &v, sizeof(v));
}

static void dg_diag(struct dg *d, const struct iommufmt_diag *g)
{
	dg_int(d, g->code);
	dg_put(d, g->text, strnlen(g->text, sizeof(g->text)));
}

/* ---- page tables ---- */

static const struct fmt_case fmts[] = {
	{ IOMMUFMT_PGTABLE_X86_64, 4, IOMMUFMT_PGTABLE_F_AD | IOMMUFMT_PGTABLE_F_1G, 0, 0, 0, 0, 0 },
	{ IOMMUFMT_PGTABLE_VTD_SS, 4, IOMMUFMT_PGTABLE_F_AD, 0, 0, 0, 0, 0 },
	{ IOMMUFMT_PGTABLE_AMD_V1, 4, IOMMUFMT_PGTABLE_F_AD, 0, 0, 0, 0, 0 },
	{ IOMMUFMT_PGTABLE_ARM_LPAE_S1, 0, IOMMUFMT_PGTABLE_F_AD, 12, 48, 48, 0, 0 },
	{ IOMMUFMT_PGTABLE_ARM_LPAE_S2, 0, IOMMUFMT_PGTABLE_F_AD, 16, 42, 48, 1, 0 },
	{ IOMMUFMT_PGTABLE_S390_DAT, 0, 0, 0, 0, 0, 0, IOMMUFMT_S390_TOP_RT },
};
#define NFMTS		(sizeof(fmts) / sizeof(fmts[0]))
#define NIOVAS		128
#define ARENA_SIZE	(4u << 20)
#define BIG_MIN		(1ull << 20)
#define BIG_IOVA	(1ull << 32)

struct shared_pt {
	struct iommufmt_pgtable pt;
	struct iommufmt_gmem_region reg;
	struct iommufmt_gmem gmem;
	void *mem;
	__u64 iovas[NIOVAS];
};
static struct shared_pt spt[NFMTS];

static void build_pgtable(struct shared_pt *s, const struct fmt_case *fc)
{
	struct iommufmt_pgtable_cfg cfg;
	struct iommufmt_pgtable_arena arena;
	struct iommufmt_diag d;
	struct iommufmt_xlate x;
	uint64_t small, big;

	fmt_case_cfg(fc, &cfg);
	s->mem = aligned_alloc(65536, ARENA_SIZE);
	ck_assert_ptr_nonnull(s->mem);
	arena = (struct iommufmt_pgtable_arena){ .gpa = 0x1000000, .size = ARENA_SIZE,
						 .host = s->mem, .used = 0 };
	iommufmt_diag_init(&d);
	ck_assert_msg(iommufmt_pgtable_alloc_root(&cfg, &arena, &d) == 0, "format %u: %s",
		      fc->format, d.text);
	ck_assert_int_eq(iommufmt_pgtable_prepare(&s->pt, &cfg, NULL), 0);
	small = s->pt.pgsize_bitmap & (~s->pt.pgsize_bitmap + 1);
	big = s->pt.pgsize_bitmap & ~(BIG_MIN - 1);
	big &= ~big + 1;	/* the smallest block of 1 MiB or more (s390: none) */
	for (uint64_t i = 0; i < 48; i++)
		ck_assert_int_eq(iommufmt_pgtable_map(&s->pt, &arena, (i * 37 % 64) * small * 3,
						      0x40000000 + i * small, small,
						      IOMMUFMT_ACCESS_READ | (i % 3 ? IOMMUFMT_ACCESS_WRITE : 0) |
						      IOMMUFMT_ACCESS_USER, NULL), 0);
	for (uint64_t i = 0; big && i < 4; i++)
		ck_assert_msg(iommufmt_pgtable_map(&s->pt, &arena, BIG_IOVA + i * big * 2,
						   (i + 1) * big, big, IOMMUFMT_ACCESS_READ |
						   IOMMUFMT_ACCESS_WRITE, &d) == 0,
			      "format %u: %s", fc->format, d.text);
	for (size_t i = 0; i < NIOVAS; i++)
		s->iovas[i] = i < 64 ? (i * 37 % 64) * small * 3 + (i % 4) * 8 :
			      i < 72 ? BIG_IOVA + (i % 8) * big + i * 0x1230 :
			      i * small * 5 + 0x10;
	s->reg = (struct iommufmt_gmem_region){ .gpa = arena.gpa, .size = arena.size,
						.host = s->mem };
	s->gmem = (struct iommufmt_gmem){ .regions = &s->reg, .nr_regions = 1 };
	/* the threads have real translations to agree on */
	ck_assert_int_eq(iommufmt_pgtable_translate(&s->pt, &s->gmem, s->iovas[1], IOMMUFMT_ACCESS_READ,
					    &x), 0);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_NONE);
	ck_assert_uint_eq(x.pa, 0x40000000 + small + 8);
}

static int walk_cb(void *opaque, const struct iommufmt_xlate *rec)
{
	dg_put(opaque, rec, sizeof(*rec));
	return 0;
}

static void job_pgtable(struct dg *d, unsigned int k)
{
	const struct shared_pt *s = &spt[k];
	struct iommufmt_xlate x, batch[NIOVAS];
	__u64 bm[64];

	for (size_t i = 0; i < NIOVAS; i++)
		for (__u32 acc = 0; acc <= IOMMUFMT_ACCESS_WRITE; acc++) {
			memset(&x, 0, sizeof(x));
			dg_int(d, iommufmt_pgtable_translate(&s->pt, &s->gmem, s->iovas[i], acc, &x));
			dg_put(d, &x, sizeof(x));
		}
	memset(batch, 0, sizeof(batch));
	dg_int(d, iommufmt_pgtable_translate_batch(&s->pt, &s->gmem, s->iovas, NIOVAS,
					   IOMMUFMT_ACCESS_READ, batch));
	dg_put(d, batch, sizeof(batch));
	dg_int(d, iommufmt_pgtable_walk_range(&s->pt, &s->gmem, 0, ~0ull, 0, walk_cb, d));
	dg_int(d, iommufmt_pgtable_walk_range(&s->pt, &s->gmem, 0, ~0ull,
				      IOMMUFMT_WALK_COALESCE | IOMMUFMT_WALK_FAULTS, walk_cb, d));
	/* nested over itself: stage-1 table reads go through the same tables */
	memset(&x, 0, sizeof(x));
	dg_int(d, iommufmt_pgtable_translate_nested(&s->pt, &s->pt, &s->gmem, s->iovas[3],
					    IOMMUFMT_ACCESS_READ, &x));
	dg_put(d, &x, sizeof(x));
	/* harvesting without clearing only reads */
	memset(bm, 0, sizeof(bm));
	dg_int(d, iommufmt_pgtable_dirty_harvest(&s->pt, &s->gmem, 0, 4096ull * 4096 - 1, 0, bm, 4096));
	dg_put(d, bm, sizeof(bm));
}

/* ---- invalidation codecs ---- */

#define NCODECS		3
#define NENTRIES	24
#define MAXCMDS		512

struct shared_codec {
	struct iommufmt_inv_codec c;
	struct iommufmt_inv_entry e[NENTRIES];
	uint8_t cmds[MAXCMDS * 32];	/* the entries encoded, then random commands */
	size_t ncmds, nvalid;
	struct iommufmt_gmem_region reg;
	struct iommufmt_gmem gmem;	/* the commands as a guest ring at gpa 0x10000 */
};
static struct shared_codec scod[NCODECS];

static void build_codec(struct shared_codec *s, __u32 model, __u32 flags)
{
	struct iommufmt_inv_cfg cfg = { .argsz = sizeof(cfg), .flags = flags, .model = model };
	struct iommufmt_diag d;
	struct test_rng rng;
	size_t used = 0;

	iommufmt_diag_init(&d);
	ck_assert_msg(iommufmt_inv_codec_prepare(&s->c, &cfg, &d) == 0, "prepare: %s", d.text);
	for (unsigned int i = 0; i < NENTRIES; i++) {
		struct iommufmt_inv_entry *e = &s->e[i];

		memset(e, 0, sizeof(*e));
		e->argsz = sizeof(*e);
		e->op = IOMMUFMT_INV_OP_INVALIDATE;
		e->caches = IOMMUFMT_INV_CACHE_IOTLB;
		switch (i % 4) {
		case 0:
			e->granularity = IOMMUFMT_INV_GRAN_ADDR;
			e->flags = IOMMUFMT_INV_F_ARCHID | (i & 4 ? IOMMUFMT_INV_F_LEAF : 0);
			e->archid = i;
			e->addr = 0x100000ull * i;
			e->granule = 12;
			e->nr_granules = 1 + i % 7;
			break;
		case 1:
			e->granularity = IOMMUFMT_INV_GRAN_DOMAIN;
			e->flags = IOMMUFMT_INV_F_ARCHID;
			e->archid = 3 + i;
			break;
		case 2:
			e->granularity = IOMMUFMT_INV_GRAN_PASID;
			e->flags = IOMMUFMT_INV_F_PASID | IOMMUFMT_INV_F_ARCHID;
			e->pasid = 5 + i;
			e->archid = 1;
			break;
		default:
			e->granularity = IOMMUFMT_INV_GRAN_GLOBAL;
			break;
		}
		if (i >= 20) {		/* and some syncs */
			memset(e, 0, sizeof(*e));
			e->argsz = sizeof(*e);
			e->op = IOMMUFMT_INV_OP_SYNC;
		}
	}
	for (unsigned int i = 0; i < NENTRIES; i++) {
		__u32 n = 0;

		if (iommufmt_inv_encode(&s->c, &s->e[i], s->cmds + used,
					sizeof(s->cmds) / 2 - used, &n, NULL, NULL) == 0)
			used += (size_t)n * s->c.cmd_size;
	}
	s->nvalid = used / s->c.cmd_size;
	ck_assert_uint_gt(s->nvalid, 8);
	test_rng_seed(&rng, model);
	for (; used + s->c.cmd_size <= sizeof(s->cmds) && used / s->c.cmd_size < MAXCMDS;
	     used += 8) {
		uint64_t v = test_rng_next(&rng);

		memcpy(s->cmds + used, &v, 8);
	}
	s->ncmds = used / s->c.cmd_size;
	s->reg = (struct iommufmt_gmem_region){ .gpa = 0x10000, .size = sizeof(s->cmds),
						.host = s->cmds };
	s->gmem = (struct iommufmt_gmem){ .regions = &s->reg, .nr_regions = 1 };
}

static void job_codec(struct dg *d, unsigned int k)
{
	const struct shared_codec *s = &scod[k];
	static _Thread_local struct iommufmt_inv_entry out[MAXCMDS];
	static _Thread_local uint8_t enc[64 * 32];
	struct iommufmt_inv_batch b;
	struct iommufmt_inv_queue q;
	struct iommufmt_diag g;

	for (size_t i = 0; i < s->ncmds; i++) {
		memset(&out[0], 0, sizeof(out[0]));
		out[0].argsz = sizeof(out[0]);
		iommufmt_diag_init(&g);
		dg_int(d, iommufmt_inv_decode(&s->c, s->cmds + i * s->c.cmd_size, s->c.cmd_size,
					      &out[0], &g));
		dg_put(d, &out[0], sizeof(out[0]));
		dg_diag(d, &g);
	}
	memset(out, 0, sizeof(out));
	b = (struct iommufmt_inv_batch){ .argsz = sizeof(b), .entry_len = sizeof(out[0]),
					 .entry_num = MAXCMDS, .entries_uptr = (uintptr_t)out };
	dg_int(d, iommufmt_inv_decode_array(&s->c, s->cmds, s->nvalid * s->c.cmd_size, &b, NULL));
	dg_int(d, b.entry_num);
	dg_put(d, out, (size_t)b.entry_num * sizeof(out[0]));
	/* the same commands as a guest ring that wraps: head near the end */
	memset(out, 0, sizeof(out));
	q = (struct iommufmt_inv_queue){ .argsz = sizeof(q), .base = s->reg.gpa,
					 .size = (__u32)s->nvalid, .entry_size = s->c.cmd_size,
					 .head = (__u32)s->nvalid - 3, .tail = 5 };
	b.entry_num = MAXCMDS;
	dg_int(d, iommufmt_inv_queue_decode(&s->c, &s->gmem, &q, &b, NULL));
	dg_put(d, &q, sizeof(q));
	dg_put(d, out, (size_t)b.entry_num * sizeof(out[0]));
	for (unsigned int i = 0; i < NENTRIES; i++) {
		__u32 n = 0, fl = 0;

		memset(enc, 0, sizeof(enc));
		iommufmt_diag_init(&g);
		dg_int(d, iommufmt_inv_encode(&s->c, &s->e[i], enc, sizeof(enc), &n, &fl, &g));
		dg_int(d, n);
		dg_int(d, fl);
		dg_put(d, enc, sizeof(enc));
		dg_diag(d, &g);
	}
}

/* ---- hosts ---- */

static struct iommufmt_host *shosts[BT_NR_MODELS];

static void job_host(struct dg *d, unsigned int k)
{
	const struct iommufmt_host *h = shosts[k];
	const struct iommufmt_host_desc *desc = iommufmt_host_get_desc(h);
	static _Thread_local uint8_t buf[4096];
	struct iommufmt_viommu_config req, eff;
	struct iommufmt_diag diags[32];
	struct iommufmt_hw_regs out;
	uint64_t payload[64];
	__u32 n;

	dg_put(d, desc, sizeof(*desc));
	memset(buf, 0, sizeof(buf));
	dg_int(d, iommufmt_host_hw_info(h, buf, sizeof(buf), NULL));
	dg_put(d, buf, sizeof(buf));
	dg_int(d, iommufmt_host_hw_info(h, buf, 40, NULL));	/* too small: argsz raised */
	dg_put(d, buf, 40);

	/* everything at once: a list of incompatibilities */
	memset(&req, 0, sizeof(req));
	req.argsz = sizeof(req);
	req.model = desc->model;
	req.flags = IOMMUFMT_VIOMMU_F_ALL;
	req.pgtable_formats = ~0u;
	req.pasid_table_formats = ~0u;
	req.pasid_bits = 20;
	req.ias = 64;
	req.oas = 64;
	req.asid_bits = 16;
	req.pgsize_bitmap = ~0ull;
	for (int pass = 0; pass < 2; pass++) {
		memset(diags, 0, sizeof(diags));
		for (unsigned int i = 0; i < 32; i++)
			iommufmt_diag_init(&diags[i]);
		memset(&eff, 0, sizeof(eff));
		eff.argsz = sizeof(eff);
		n = 32;
		dg_int(d, iommufmt_negotiate(h, &req, &eff, diags, &n));
		dg_int(d, n);
		dg_put(d, &eff, sizeof(eff));
		for (__u32 i = 0; i < n && i < 32; i++)
			dg_diag(d, &diags[i]);
		/* then only the model: the host's defaults */
		memset(&req, 0, sizeof(req));
		req.argsz = sizeof(req);
		req.model = desc->model;
	}
	memset(payload, 0, sizeof(payload));
	memset(&out, 0, sizeof(out));
	out.argsz = sizeof(out);
	out.data_uptr = (uintptr_t)payload;
	out.data_len = sizeof(payload);
	dg_int(d, iommufmt_advertise(h, NULL, &out, NULL));
	out.data_uptr = 0;	/* the thread's own buffer */
	dg_put(d, &out, sizeof(out));
	dg_put(d, payload, sizeof(payload));
}

/* ---- a frozen IOVA space ---- */

static struct iommufmt_iova_space *ssp;

static void build_space(void)
{
	static const struct iommufmt_iova_range aper[] = {
		{ 0x1000, 0xfedfffff }, { 0x100000000ull, (1ull << 48) - 1 },
	};
	struct iommufmt_resv_region r[64];

	ssp = iommufmt_iova_space_new(0);
	ck_assert_ptr_nonnull(ssp);
	ck_assert_int_eq(iommufmt_iova_space_add_domain(ssp, aper, 2, 0x40201000, NULL), 0);
	for (unsigned int i = 0; i < 64; i++)
		r[i] = (struct iommufmt_resv_region){
			.start = 0x400000000ull + (uint64_t)((i * 29) % 64) * 0x3f000000ull,
			.last = 0x400000000ull + (uint64_t)((i * 29) % 64) * 0x3f000000ull + 0x1fffff,
			.type = i % IOMMUFMT_RESV_NR_TYPES };
	ck_assert_int_eq(iommufmt_iova_space_add_resv(ssp, r, 64, NULL), 0);
}

static void job_space(struct dg *d, unsigned int k)
{
	static _Thread_local struct iommufmt_iova_range rg[256];
	static _Thread_local struct iommufmt_resv_region rv[256];
	static _Thread_local struct iommufmt_iova_ram_segment seg[512];
	static _Thread_local struct iommufmt_iova_conflict cf[256];
	static _Thread_local struct iommufmt_iova_hole_cost hc[512];
	static const __u64 ram[] = { 3ull << 30, 1ull << 30, 0x5000000, 6ull << 30 };
	struct iommufmt_iova_range maps[16];
	struct iommufmt_iova_ranges ir;
	struct iommufmt_caps *caps;
	__u32 n;

	(void)k;
	memset(rg, 0, sizeof(rg));
	n = 256;
	dg_int(d, iommufmt_iova_space_usable(ssp, rg, &n, NULL));
	dg_put(d, rg, sizeof(rg));
	n = 256;
	dg_int(d, iommufmt_iova_space_resv(ssp, rv, &n, NULL));
	dg_put(d, rv, (size_t)n * sizeof(*rv));
	dg_int(d, (int64_t)iommufmt_iova_space_pgsizes(ssp));
	for (unsigned int i = 0; i < 256; i++) {
		struct iommufmt_iova_map_check mc = { .argsz = sizeof(mc),
						      .iova = 0x3f0000000ull + i * 0x7ff0000ull,
						      .length = 0x400000 };

		dg_int(d, iommufmt_iova_check_map(ssp, &mc, NULL));
		dg_put(d, &mc, sizeof(mc));
	}
	for (unsigned int i = 0; i < 16; i++)
		maps[i] = (struct iommufmt_iova_range){ 0x3e0000000ull + i * 0x100000000ull,
							0x3e0000000ull + i * 0x100000000ull + 0x7ffffff };
	memset(cf, 0, sizeof(cf));
	n = 256;
	dg_int(d, iommufmt_iova_check_attach(ssp, maps, 16, cf, &n, NULL));
	dg_int(d, n);
	dg_put(d, cf, sizeof(cf));
	n = 512;
	dg_int(d, iommufmt_iova_hole_cost(ssp, 0, hc, &n, NULL));
	dg_put(d, hc, (size_t)n * sizeof(*hc));
	for (__u32 flags = 0; flags <= IOMMUFMT_IOVA_LAYOUT_PACK; flags++) {
		memset(seg, 0, sizeof(seg));
		n = 512;
		dg_int(d, iommufmt_iova_layout(ssp, 0x100000000ull, ram, 4, 0, flags, seg, &n, NULL));
		dg_put(d, seg, (size_t)n * sizeof(*seg));
	}
	memset(rg, 0, sizeof(rg));
	ir = (struct iommufmt_iova_ranges){ .argsz = sizeof(ir), .num_iovas = 256,
					    .allowed_iovas = (uintptr_t)rg };
	dg_int(d, iommufmt_iova_space_get_ranges(ssp, &ir, NULL));
	dg_int(d, ir.num_iovas);
	dg_put(d, rg, sizeof(rg));
	caps = iommufmt_caps_new();
	ck_assert_ptr_nonnull(caps);
	dg_int(d, iommufmt_iova_space_add_caps(ssp, caps, IOMMUFMT_IOVA_CAPS_RANGES |
					       IOMMUFMT_IOVA_CAPS_RESV, NULL));
	dg_int(d, (int64_t)iommufmt_caps_size(caps));
	iommufmt_caps_free(caps);
}

/* ---- the registry ---- */

static void job_registry(struct dg *d, unsigned int k)
{
	const struct iommufmt_pgtable_ops *pts[64];
	const struct iommufmt_model_ops *ms[64];
	size_t n;
	char cc[5];

	(void)k;
	/* the built-ins come first in each list; later registrations only append */
	n = iommufmt_pgtable_list(pts, 64);
	ck_assert_uint_ge(n, NFMTS);
	for (size_t i = 0; i < NFMTS; i++) {
		const struct iommufmt_pgtable_ops *p = iommufmt_pgtable_get(fmts[i].format);

		dg_put(d, &p, sizeof(p));
		dg_int(d, iommufmt_pgtable_by_name(p->name) == p);
	}
	n = iommufmt_model_list(ms, 64);
	ck_assert_uint_ge(n, BT_NR_MODELS);
	for (size_t i = 0; i < BT_NR_MODELS; i++) {
		const struct iommufmt_model_ops *m = iommufmt_model_get(bt_model_ids[i], 0);

		dg_put(d, &m, sizeof(m));
		dg_put(d, &ms[i], sizeof(ms[i]));
		dg_int(d, iommufmt_model_by_name(bt_model_names[i]) == m);
		dg_put(d, iommufmt_fourcc_str(m->model, cc), 5);
	}
	dg_int(d, iommufmt_pgtable_get(IOMMUFMT_PGTABLE_USER_BASE + 0x7777) != NULL);
}

/* Per thread: two formats of its own, registered while the others look up. */
static struct iommufmt_pgtable_ops own_ops[NTHREADS][2];
static char own_names[NTHREADS][2][16];

/* ---- the jobs and the threads ---- */

struct job {
	const char *name;
	void (*fn)(struct dg *d, unsigned int k);
	unsigned int k;
};

static struct job jobs[NFMTS + NCODECS + BT_NR_MODELS + 2];
static size_t njobs;
static uint64_t reference[sizeof(jobs) / sizeof(jobs[0])];

static uint64_t run_job(const struct job *j)
{
	struct dg d = { 0xcbf29ce484222325ull };

	j->fn(&d, j->k);
	return d.h;
}

struct thread_result {
	unsigned long runs, mismatches, reg_errors;
	const char *first_bad;
};
static struct thread_result results[NTHREADS];
static pthread_barrier_t start;

static void *worker(void *arg)
{
	long t = (long)arg;
	struct thread_result *r = &results[t];

	pthread_barrier_wait(&start);
	for (unsigned int it = 0; it < ITERS; it++) {
		if (it == 1)	/* registrations while the others run */
			for (int i = 0; i < 2; i++)
				if (iommufmt_pgtable_register(&own_ops[t][i], NULL) ||
				    iommufmt_pgtable_get(own_ops[t][i].format) != &own_ops[t][i])
					r->reg_errors++;
		/* each thread its own order, so different jobs overlap */
		for (size_t x = 0; x < njobs; x++) {
			size_t j = (x + (size_t)t * 3 + it) % njobs;

			r->runs++;
			if (run_job(&jobs[j]) != reference[j]) {
				r->mismatches++;
				if (!r->first_bad)
					r->first_bad = jobs[j].name;
			}
		}
	}
	return NULL;
}

static void setup_shared(void)
{
	static const char *const fmt_names[] = { "x86-64", "vtd-ss", "amd-v1", "arm-lpae-s1",
						 "arm-lpae-s2", "s390-dat" };

	for (size_t i = 0; i < NFMTS; i++) {
		build_pgtable(&spt[i], &fmts[i]);
		jobs[njobs++] = (struct job){ fmt_names[i], job_pgtable, (unsigned int)i };
	}
	build_codec(&scod[0], IOMMUFMT_MODEL_INTEL, IOMMUFMT_INV_CFG_PASID | IOMMUFMT_INV_CFG_ATS);
	build_codec(&scod[1], IOMMUFMT_MODEL_AMD, IOMMUFMT_INV_CFG_PASID | IOMMUFMT_INV_CFG_ATS);
	build_codec(&scod[2], IOMMUFMT_MODEL_SMMU, IOMMUFMT_INV_CFG_PASID | IOMMUFMT_INV_CFG_ATS |
		    IOMMUFMT_INV_CFG_RANGE);
	jobs[njobs++] = (struct job){ "codec intel", job_codec, 0 };
	jobs[njobs++] = (struct job){ "codec amd", job_codec, 1 };
	jobs[njobs++] = (struct job){ "codec smmuv3", job_codec, 2 };
	for (unsigned int m = 0; m < BT_NR_MODELS; m++) {
		shosts[m] = bt_host((enum bt_model)m);
		jobs[njobs++] = (struct job){ bt_model_names[m], job_host, m };
	}
	build_space();
	jobs[njobs++] = (struct job){ "iova space", job_space, 0 };
	jobs[njobs++] = (struct job){ "registry", job_registry, 0 };
	for (long t = 0; t < NTHREADS; t++)
		for (int i = 0; i < 2; i++) {
			snprintf(own_names[t][i], sizeof(own_names[t][i]), "thr%u-%u",
				 (unsigned int)(t & 0xff), (unsigned int)(i & 0xff));
			own_ops[t][i] = (struct iommufmt_pgtable_ops){
				.ops_size = sizeof(struct iommufmt_pgtable_ops),
				.format = (__u32)(IOMMUFMT_PGTABLE_USER_BASE + 200 + t * 2 + i),
				.name = own_names[t][i], .description = "a thread's format" };
		}
}

START_TEST(test_shared_objects)
{
	pthread_t th[NTHREADS];
	unsigned long runs = 0;

	setup_shared();
	for (size_t j = 0; j < njobs; j++) {
		reference[j] = run_job(&jobs[j]);
		/* deterministic: a second single-threaded run agrees */
		ck_assert_msg(run_job(&jobs[j]) == reference[j], "%s: not deterministic",
			      jobs[j].name);
	}
	ck_assert_int_eq(pthread_barrier_init(&start, NULL, NTHREADS), 0);
	for (long t = 0; t < NTHREADS; t++)
		ck_assert_int_eq(pthread_create(&th[t], NULL, worker, (void *)t), 0);
	for (long t = 0; t < NTHREADS; t++)
		ck_assert_int_eq(pthread_join(th[t], NULL), 0);
	pthread_barrier_destroy(&start);
	for (long t = 0; t < NTHREADS; t++) {
		ck_assert_msg(results[t].mismatches == 0, "thread %ld: %lu results differ (first: %s)",
			      t, results[t].mismatches, results[t].first_bad);
		ck_assert_msg(results[t].reg_errors == 0, "thread %ld: registration failed", t);
		runs += results[t].runs;
		for (int i = 0; i < 2; i++)
			ck_assert_ptr_eq(iommufmt_pgtable_by_name(own_names[t][i]), &own_ops[t][i]);
	}
	ck_assert_uint_eq(runs, (unsigned long)NTHREADS * ITERS * njobs);
	for (unsigned int m = 0; m < BT_NR_MODELS; m++)
		iommufmt_host_free(shosts[m]);
	iommufmt_iova_space_free(ssp);
	for (size_t i = 0; i < NFMTS; i++)
		free(spt[i].mem);
}
END_TEST

static Suite *threads_suite(void)
{
	Suite *s = suite_create("threads");
	TCase *tc = tcase_create("threads");

	/* ThreadSanitizer runs this several times slower */
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_shared_objects);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(threads_suite());
}
