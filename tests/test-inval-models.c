/* SPDX-License-Identifier: MIT */
/* Native invalidation codecs against naive reference decoders: agreement, round trips, mutations. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "formats/tables.h"
#include "tests/inval-ref.h"

static const struct ref_model *const models[] = { &ref_vtd, &ref_amd, &ref_smmu, &ref_s390 };
#define NR_MODELS (sizeof(models) / sizeof(models[0]))

/* Configurations: 0 = every feature, 1 = every feature + VT-d wide / SMMU without DS, 2 = none. */
#define NR_VARIANTS 3

static void make_cfg(const struct ref_model *m, unsigned int variant, struct iommufmt_inv_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->argsz = sizeof(*cfg);
	cfg->model = m->model;
	if (m->model == IOMMUFMT_MODEL_INTEL)
		cfg->max_am = 20;
	if (variant == 2)
		return;
	switch (m->model) {
	case IOMMUFMT_MODEL_INTEL:
		cfg->flags = IOMMUFMT_INV_CFG_PASID | IOMMUFMT_INV_CFG_ATS | IOMMUFMT_INV_CFG_PRI |
			     (variant == 1 ? IOMMUFMT_INV_CFG_WIDE : 0);
		break;
	case IOMMUFMT_MODEL_AMD:
		cfg->flags = IOMMUFMT_INV_CFG_PASID | IOMMUFMT_INV_CFG_ATS | IOMMUFMT_INV_CFG_PRI |
			     IOMMUFMT_INV_CFG_INV_ALL;
		break;
	case IOMMUFMT_MODEL_SMMU:
		cfg->flags = IOMMUFMT_INV_CFG_PASID | IOMMUFMT_INV_CFG_ATS | IOMMUFMT_INV_CFG_PRI |
			     IOMMUFMT_INV_CFG_RANGE | IOMMUFMT_INV_CFG_STALL | IOMMUFMT_INV_CFG_STAGE2 |
			     (variant == 0 ? IOMMUFMT_INV_CFG_DS : 0);
		break;
	}
}

static void prepare(const struct ref_model *m, unsigned int variant, struct iommufmt_inv_cfg *cfg,
		    struct iommufmt_inv_codec *c)
{
	struct iommufmt_diag d;

	iommufmt_diag_init(&d);
	make_cfg(m, variant, cfg);
	ck_assert_msg(iommufmt_inv_codec_prepare(c, cfg, &d) == 0, "%s prepare: %s", m->name, d.text);
}

static void to_bytes(const struct ref_model *m, const uint64_t *w, unsigned int nw, uint8_t *b)
{
	for (unsigned int i = 0; i < nw; i++)
		for (unsigned int k = 0; k < 8; k++)
			b[8 * i + k] = (uint8_t)(w[i] >> (m->big_endian ? 56 - 8 * k : 8 * k));
}

static const char *hex(const uint64_t *w, unsigned int nw)
{
	static char buf[4][80];
	static unsigned int n;
	char *p = buf[n++ % 4];

	p[0] = '\0';
	for (unsigned int i = 0; i < nw; i++)
		sprintf(p + strlen(p), "%s%016llx", i ? ":" : "", (unsigned long long)w[i]);
	return p;
}

/* Field-by-field comparison of two generic entries (the native part aside). */
static void same(const struct iommufmt_inv_entry *g, const struct iommufmt_inv_entry *w,
		 const char *what, const char *cmd)
{
#define SAME(f) ck_assert_msg(g->f == w->f, "%s %s: " #f " 0x%llx, expected 0x%llx", what, cmd, \
			      (unsigned long long)g->f, (unsigned long long)w->f)
	SAME(op);
	SAME(caches);
	SAME(granularity);
	SAME(flags);
	SAME(archid);
	SAME(pasid);
	SAME(sid);
	SAME(sid_mask);
	SAME(vmid);
	SAME(tag);
	SAME(code);
	SAME(granule);
	SAME(addr);
	SAME(nr_granules);
	SAME(level_hint);
	SAME(data);
	SAME(aux);
#undef SAME
}

static int errno_of(unsigned int code)
{
	return code == IOMMUFMT_DIAG_INV_NOT_IMPLEMENTED ? -EOPNOTSUPP : -EIO;
}

/* Decode @w with the library and the reference and demand the same verdict and entry. */
static void agree(const struct ref_model *m, const struct iommufmt_inv_codec *c,
		  const struct iommufmt_inv_cfg *cfg, const uint64_t *w, const char *what)
{
	unsigned int nw = c->cmd_size / 8;
	uint8_t b[32];
	struct iommufmt_inv_entry got, want, before;
	struct iommufmt_diag d;
	unsigned int rc = m->decode(w, nw, cfg, &want);
	int r;

	to_bytes(m, w, nw, b);
	iommufmt_diag_init(&d);
	memset(&got, 0xa5, sizeof(got));
	got.argsz = sizeof(got);
	before = got;
	r = iommufmt_inv_decode(c, b, c->cmd_size, &got, &d);
	if (rc) {
		ck_assert_msg(r == errno_of(rc), "%s %s %s: got %d (%s), reference rejects with 0x%x",
			      m->name, what, hex(w, nw), r, d.text, rc);
		ck_assert_msg(d.code == rc, "%s %s %s: diag 0x%x (%s), expected 0x%x", m->name, what,
			      hex(w, nw), d.code, d.text, rc);
		ck_assert_msg(d.field[0], "%s %s: no field named", m->name, hex(w, nw));
		ck_assert_msg(!memcmp(&got, &before, sizeof(got)), "%s %s: output changed on error",
			      m->name, hex(w, nw));
		return;
	}
	ck_assert_msg(r == 0, "%s %s %s: rejected (%d: %s) but the reference accepts", m->name, what,
		      hex(w, nw), r, d.text);
	same(&got, &want, m->name, hex(w, nw));
	ck_assert_uint_eq(got.native.model, m->model);
	ck_assert_uint_eq(got.native.len, c->cmd_size);
	ck_assert(!memcmp(got.native.desc, b, c->cmd_size));
}

/* Every kind: random canonical commands decode as the reference says. */
START_TEST(test_reference_agrees)
{
	for (size_t mi = 0; mi < NR_MODELS; mi++) {
		const struct ref_model *m = models[mi];

		for (unsigned int v = 0; v < NR_VARIANTS; v++) {
			struct iommufmt_inv_cfg cfg, full;
			struct iommufmt_inv_codec c;
			struct test_rng rng;

			prepare(m, v, &cfg, &c);
			make_cfg(m, v == 2 ? 0 : v, &full);
			test_rng_seed(&rng, 0x1000 + mi * 16 + v);
			for (unsigned int k = 0; k < m->nkinds; k++)
				for (int i = 0; i < 300; i++) {
					uint64_t w[4];
					struct iommufmt_inv_entry e;

					m->gen(k, &rng, &full, w);
					if (v != 2)
						ck_assert_msg(m->decode(w, c.cmd_size / 8, &cfg, &e) == 0,
							      "%s generator made a bad %s: %s", m->name,
							      m->kinds[k], hex(w, 2));
					agree(m, &c, &cfg, w, m->kinds[k]);
				}
		}
	}
}
END_TEST

/* decode(encode(x)) == x and encode(decode(d)) == d, for every kind that re-encodes to itself. */
START_TEST(test_round_trips)
{
	for (size_t mi = 0; mi < NR_MODELS; mi++) {
		const struct ref_model *m = models[mi];

		for (unsigned int v = 0; v < 2; v++) {
			struct iommufmt_inv_cfg cfg;
			struct iommufmt_inv_codec c;
			struct test_rng rng;

			prepare(m, v, &cfg, &c);
			test_rng_seed(&rng, 0x2000 + mi * 16 + v);
			for (unsigned int k = 0; k < m->nexact; k++)
				for (int i = 0; i < 300; i++) {
					uint64_t w[4];
					uint8_t b[32], out[4 * 32];
					struct iommufmt_inv_entry x = { .argsz = sizeof(x) }, y = { .argsz = sizeof(y) };
					struct iommufmt_diag d;
					__u32 n = 0, ef = 0;
					const char *name;

					iommufmt_diag_init(&d);
					m->gen(k, &rng, &cfg, w);
					to_bytes(m, w, c.cmd_size / 8, b);
					name = iommufmt_inv_cmd_name(&c, b, c.cmd_size);
					ck_assert_str_eq(name, m->kinds[k]);
					ck_assert_int_eq(iommufmt_inv_decode(&c, b, c.cmd_size, &x, &d), 0);
					ck_assert_msg(iommufmt_inv_entry_check(&x, &d) == 0,
						      "%s %s %s: decoded entry fails its check: %s: %s",
						      m->name, name, hex(w, 2), d.field, d.text);
					ck_assert_msg(iommufmt_inv_encode(&c, &x, out, sizeof(out), &n, &ef,
									  &d) == 0,
						      "%s %s %s: encode: %s", m->name, name, hex(w, 2), d.text);
					ck_assert_msg(n == 1 && ef == 0, "%s %s %s: %u commands, flags %u",
						      m->name, name, hex(w, 2), n, ef);
					ck_assert_msg(!memcmp(out, b, c.cmd_size),
						      "%s %s %s: re-encoded differently", m->name, name,
						      hex(w, 2));
					ck_assert_int_eq(iommufmt_inv_decode(&c, out, c.cmd_size, &y, &d), 0);
					same(&y, &x, "decode(encode(x))", name);
				}
		}
	}
}
END_TEST

/* Every single-bit and random two-bit mutation of valid commands: library == reference. */
START_TEST(test_mutations)
{
	for (size_t mi = 0; mi < NR_MODELS; mi++) {
		const struct ref_model *m = models[mi];

		for (unsigned int v = 0; v < NR_VARIANTS; v++) {
			struct iommufmt_inv_cfg cfg, full;
			struct iommufmt_inv_codec c;
			struct test_rng rng;
			unsigned int bits;

			prepare(m, v, &cfg, &c);
			make_cfg(m, v == 2 ? 0 : v, &full);
			bits = c.cmd_size * 8;
			test_rng_seed(&rng, 0x3000 + mi * 16 + v);
			for (unsigned int k = 0; k < m->nkinds; k++)
				for (int i = 0; i < 12; i++) {
					uint64_t w[4], x[4];

					m->gen(k, &rng, &full, w);
					for (unsigned int b = 0; b < bits; b++) {
						memcpy(x, w, sizeof(x));
						x[b / 64] ^= UINT64_C(1) << (b % 64);
						agree(m, &c, &cfg, x, "1-bit mutation");
					}
					for (int j = 0; j < 64; j++) {
						unsigned int b1 = (unsigned int)test_rng_below(&rng, bits);
						unsigned int b2 = (unsigned int)test_rng_below(&rng, bits);

						memcpy(x, w, sizeof(x));
						x[b1 / 64] ^= UINT64_C(1) << (b1 % 64);
						x[b2 / 64] ^= UINT64_C(1) << (b2 % 64);
						agree(m, &c, &cfg, x, "2-bit mutation");
					}
				}
		}
	}
}
END_TEST

/* Every opcode value alone, and random words: unknown opcodes and everything else agree. */
START_TEST(test_opcodes_and_noise)
{
	for (size_t mi = 0; mi < NR_MODELS; mi++) {
		const struct ref_model *m = models[mi];
		struct iommufmt_inv_cfg cfg;
		struct iommufmt_inv_codec c;
		struct test_rng rng;
		unsigned int unknown = 0;

		prepare(m, 0, &cfg, &c);
		test_rng_seed(&rng, 0x4000 + mi);
		for (uint64_t op = 0; op < 256; op++) {
			uint64_t w[4] = { 0, 0, 0, 0 };
			struct iommufmt_inv_entry e;

			if (m->model == IOMMUFMT_MODEL_INTEL)
				w[0] = (op & 0xf) | (op >> 4 & 7) << 9;
			else if (m->model == IOMMUFMT_MODEL_AMD)
				w[0] = (op & 0xf) << 60;
			else
				w[0] = op;
			agree(m, &c, &cfg, w, "opcode");
			unknown += m->decode(w, c.cmd_size / 8, &cfg, &e) == IOMMUFMT_DIAG_INV_UNKNOWN_CMD;
		}
		if (m->model != IOMMUFMT_MODEL_S390)
			ck_assert_msg(unknown > 0, "%s: no unknown opcode tried", m->name);
		for (int i = 0; i < 20000; i++) {
			uint64_t w[4];

			for (int k = 0; k < 4; k++)
				w[k] = test_rng_next(&rng) & (test_rng_below(&rng, 2) ? 0xffffffffffULL : ~0ULL);
			agree(m, &c, &cfg, w, "noise");
		}
	}
}
END_TEST

/* Hostile commands with exact expectations (on top of the differential tests). */
struct hostile {
	const struct ref_model *m;
	uint64_t w[3];
	int err;
	unsigned int code;
	const char *field;
};

static const struct hostile hostile[] = {
	/* SMMU: SSec on the Non-secure queue, reserved bits, range combinations */
	{ &ref_smmu, { 0x03 | 1 << 10, 0 }, -EIO, IOMMUFMT_DIAG_INV_BAD_FIELD, "CFGI_STE.ssec" },
	{ &ref_smmu, { 0x12 | 1 << 18, 0 }, -EIO, IOMMUFMT_DIAG_INV_RESERVED_BIT, "TLBI_NH_VA.qw0[19:17]" },
	{ &ref_smmu, { 0x12, 1 << 7 }, -EIO, IOMMUFMT_DIAG_INV_RESERVED_BIT, "TLBI_NH_VA.qw1[7:1]" },
	{ &ref_smmu, { 0x12 | 1 << 12, 0 }, -EIO, IOMMUFMT_DIAG_INV_RESERVED_COMBO, "TLBI_NH_VA.tg" },
	{ &ref_smmu, { 0x12, 1 << 10 }, -EIO, IOMMUFMT_DIAG_INV_RESERVED_COMBO, "TLBI_NH_VA.num" },
	{ &ref_smmu, { 0x12 | 1 << 12, 2 << 10 | 1 << 8 }, -EIO, IOMMUFMT_DIAG_INV_RESERVED_COMBO,
	  "TLBI_NH_VA.ttl" },
	/* NUM/SCALE overflow: 32 * 2^31 * 64 KiB from near the top wraps 2^64 */
	{ &ref_smmu, { 0x13 | 31ULL << 12 | 31ULL << 20, 3 << 10 | 0xffffff0000000000ULL }, -EIO,
	  IOMMUFMT_DIAG_INV_RANGE_WRAP, "TLBI_NH_VAA.scale" },
	{ &ref_smmu, { 0x40, 53 }, -EIO, IOMMUFMT_DIAG_INV_BAD_FIELD, "ATC_INV.size" },
	{ &ref_smmu, { 0x41, 3 << 12 }, -EIO, IOMMUFMT_DIAG_INV_BAD_FIELD, "PRI_RESP.resp" },
	{ &ref_smmu, { 0x46 | 3 << 12, 0 }, -EIO, IOMMUFMT_DIAG_INV_BAD_FIELD, "CMD_SYNC.cs" },
	{ &ref_smmu, { 0x99, 0 }, -EIO, IOMMUFMT_DIAG_INV_UNKNOWN_CMD, "opcode" },
	/* PREFETCH_ADDR: SSec, NS (qword 1 bit 11) and the RES0 bit 10 between Stride and NS */
	{ &ref_smmu, { 0x02 | 1 << 10, 0 }, -EIO, IOMMUFMT_DIAG_INV_BAD_FIELD, "PREFETCH_ADDR.ssec" },
	{ &ref_smmu, { 0x02, 1 << 11 }, -EIO, IOMMUFMT_DIAG_INV_BAD_FIELD, "PREFETCH_ADDR.ns" },
	{ &ref_smmu, { 0x02, 1 << 10 }, -EIO, IOMMUFMT_DIAG_INV_RESERVED_BIT,
	  "PREFETCH_ADDR.qw1[10:10]" },
	{ &ref_smmu, { 0x02 | 1 << 8, 0 }, -EIO, IOMMUFMT_DIAG_INV_RESERVED_BIT,
	  "PREFETCH_ADDR.qw0[9:8]" },
	/* TLBI_EL2_*: they need SMMU_IDR0.Hyp, which is no reserved opcode */
	{ &ref_smmu, { 0x20, 0 }, -EIO, IOMMUFMT_DIAG_INV_FEATURE, "TLBI_EL2_ALL" },
	{ &ref_smmu, { 0x23 | 5ULL << 48, 0x1000 }, -EIO, IOMMUFMT_DIAG_INV_FEATURE, "TLBI_EL2_VAA" },
	{ &ref_smmu, { 0x24, 0 }, -EIO, IOMMUFMT_DIAG_INV_UNKNOWN_CMD, "opcode" },
	/* VT-d */
	{ &ref_vtd, { 2 | 3 << 4, 21 }, -EIO, IOMMUFMT_DIAG_INV_BAD_FIELD, "IOTLB_PAGE.am" },
	{ &ref_vtd, { 2, 0 }, -EIO, IOMMUFMT_DIAG_INV_BAD_FIELD, "IOTLB_GLOBAL.g" },
	{ &ref_vtd, { 6 | 1 << 4, 0 }, -EIO, IOMMUFMT_DIAG_INV_BAD_FIELD, "PIOTLB_PASID.g" },
	{ &ref_vtd, { 2 | 1 << 4 | 1 << 8, 0 }, -EIO, IOMMUFMT_DIAG_INV_RESERVED_BIT,
	  "IOTLB_GLOBAL.qw0[8:8]" },
	{ &ref_vtd, { 3, 0xfffffffffffff001ULL }, -EIO, IOMMUFMT_DIAG_INV_BAD_FIELD, "DEV_TLB.addr" },
	{ &ref_vtd, { 9 | 2 << 12, 0 }, -EIO, IOMMUFMT_DIAG_INV_BAD_FIELD, "PGRP_RESP.rc" },
	{ &ref_vtd, { 1 << 9 | 1, 0 }, -EIO, IOMMUFMT_DIAG_INV_UNKNOWN_CMD, "opcode" },
	/* AMD */
	{ &ref_amd, { 3ULL << 60 | 1 << 20, 0 }, -EIO, IOMMUFMT_DIAG_INV_RESERVED_BIT,
	  "qw0[31:20]" },
	{ &ref_amd, { 7ULL << 60, 2ULL << 44 }, -EIO, IOMMUFMT_DIAG_INV_BAD_FIELD,
	  "COMPLETE_PPR_REQUEST.status" },
	{ &ref_amd, { 6ULL << 60, 0 }, -EOPNOTSUPP, IOMMUFMT_DIAG_INV_NOT_IMPLEMENTED, "opcode" },
	{ &ref_amd, { 0, 0 }, -EIO, IOMMUFMT_DIAG_INV_UNKNOWN_CMD, "opcode" },
	/* s390: zero length, a range wrapping 2^64, status bits */
	{ &ref_s390, { 1ULL << 32, 0, 0 }, -EIO, IOMMUFMT_DIAG_INV_BAD_FIELD, "RPCIT.len" },
	{ &ref_s390, { 1ULL << 32, 0xfffffffffffff000ULL, 0x2000 }, -EIO, IOMMUFMT_DIAG_INV_RANGE_WRAP,
	  "RPCIT.len" },
	{ &ref_s390, { 1ULL << 32 | 0x10, 0, 0x1000 }, -EIO, IOMMUFMT_DIAG_INV_RESERVED_BIT,
	  "RPCIT.qw0[31:0]" },
};

START_TEST(test_hostile)
{
	const struct hostile *h = &hostile[_i];
	struct iommufmt_inv_cfg cfg;
	struct iommufmt_inv_codec c;
	struct iommufmt_inv_entry e = { .argsz = sizeof(e) }, want;
	struct iommufmt_diag d;
	uint8_t b[32];
	int r;

	prepare(h->m, 1, &cfg, &c);
	if (h->m->model == IOMMUFMT_MODEL_INTEL)
		prepare(h->m, 0, &cfg, &c);	/* 128-bit descriptors */
	iommufmt_diag_init(&d);
	to_bytes(h->m, h->w, c.cmd_size / 8, b);
	r = iommufmt_inv_decode(&c, b, c.cmd_size, &e, &d);
	ck_assert_msg(r == h->err, "%s: got %d (%s)", h->field, r, d.text);
	ck_assert_uint_eq(d.code, h->code);
	ck_assert_int_eq(d.error, h->err);
	ck_assert_str_eq(d.field, h->field);
	ck_assert_uint_eq(h->m->decode(h->w, c.cmd_size / 8, &cfg, &want), h->code);
}
END_TEST

/* Ids wider than the configured widths; reserved qwords of 256-bit descriptors. */
START_TEST(test_id_widths_and_wide)
{
	struct iommufmt_inv_cfg cfg;
	struct iommufmt_inv_codec c;
	struct iommufmt_inv_entry e = { .argsz = sizeof(e) };
	struct iommufmt_diag d;
	uint8_t b[32];
	uint64_t w[4] = { 0x11 | 0x100ULL << 48, 0, 0, 0 };

	iommufmt_diag_init(&d);
	make_cfg(&ref_smmu, 0, &cfg);
	cfg.archid_bits = 8;
	ck_assert_int_eq(iommufmt_inv_codec_prepare(&c, &cfg, &d), 0);
	to_bytes(&ref_smmu, w, 2, b);
	ck_assert_int_eq(iommufmt_inv_decode(&c, b, 16, &e, &d), -EIO);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_INV_ID_RANGE);
	ck_assert_str_eq(d.field, "TLBI_NH_ASID.archid");
	ck_assert_uint_eq(d.limit, 0xff);
	w[0] = 0x11 | 0xffULL << 48;
	to_bytes(&ref_smmu, w, 2, b);
	ck_assert_int_eq(iommufmt_inv_decode(&c, b, 16, &e, &d), 0);

	make_cfg(&ref_vtd, 1, &cfg);
	cfg.pasid_bits = 5;
	ck_assert_int_eq(iommufmt_inv_codec_prepare(&c, &cfg, &d), 0);
	ck_assert_uint_eq(c.cmd_size, 32);
	w[0] = 7 | 1 << 4 | 32ULL << 32;
	to_bytes(&ref_vtd, w, 4, b);
	ck_assert_int_eq(iommufmt_inv_decode(&c, b, 32, &e, &d), -EIO);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_INV_ID_RANGE);
	w[0] = 7 | 1 << 4 | 31ULL << 32;
	for (unsigned int bit = 128; bit < 256; bit += 13) {
		memset(w + 2, 0, 16);
		w[bit / 64] |= UINT64_C(1) << (bit % 64);
		to_bytes(&ref_vtd, w, 4, b);
		ck_assert_int_eq(iommufmt_inv_decode(&c, b, 32, &e, &d), -EIO);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_INV_RESERVED_BIT);
	}
	memset(w + 2, 0, 16);
	to_bytes(&ref_vtd, w, 4, b);
	ck_assert_int_eq(iommufmt_inv_decode(&c, b, 32, &e, &d), 0);
	ck_assert_uint_eq(e.native.len, 32);
	/* a short buffer is refused before anything is read */
	ck_assert_int_eq(iommufmt_inv_decode(&c, b, 16, &e, &d), -EINVAL);
}
END_TEST

/* ---- SMMUv3: PREFETCH_ADDR, TLBI_EL2_*, TLBI addresses not aligned to TG/TTL ---- */

static void smmu_bytes(uint8_t *b, uint64_t w0, uint64_t w1)
{
	const uint64_t w[2] = { w0, w1 };

	to_bytes(&ref_smmu, w, 2, b);
}

/* PREFETCH_ADDR is legal (QEMU: a no-op): a prefetch like PREFETCH_CONFIG, its hints dropped. */
START_TEST(test_smmu_prefetch_addr)
{
	struct iommufmt_inv_cfg cfg;
	struct iommufmt_inv_codec c, none;
	struct iommufmt_inv_entry e = { .argsz = sizeof(e) };
	struct iommufmt_diag d;
	uint8_t b[16], out[32];
	__u32 n, ef;

	prepare(&ref_smmu, 0, &cfg, &c);
	prepare(&ref_smmu, 2, &cfg, &none);
	iommufmt_diag_init(&d);
	/* SSV, SubstreamID 0x1234, StreamID 0x77; Size 9, Stride 3, Addr 0x8000_0000 */
	smmu_bytes(b, 0x02 | 1 << 11 | 0x1234ULL << 12 | 0x77ULL << 32, 9 | 3 << 5 | 0x80000000ULL);
	ck_assert_str_eq(iommufmt_inv_cmd_name(&c, b, 16), "PREFETCH_ADDR");
	ck_assert_int_eq(iommufmt_inv_decode(&c, b, 16, &e, &d), 0);
	ck_assert_uint_eq(e.op, IOMMUFMT_INV_OP_PREFETCH);
	ck_assert_uint_eq(e.flags, IOMMUFMT_INV_F_SID | IOMMUFMT_INV_F_PASID);
	ck_assert_uint_eq(e.sid, 0x77);
	ck_assert_uint_eq(e.pasid, 0x1234);
	ck_assert_uint_eq(e.addr, 0);	/* a hint the generic entry does not carry ... */
	ck_assert(!memcmp(e.native.desc, b, 16));	/* ... but the native bytes do */
	ck_assert_int_eq(iommufmt_inv_entry_check(&e, &d), 0);
	/* re-encoded: the prefetch of the same stream and substream */
	ck_assert_int_eq(iommufmt_inv_encode(&c, &e, out, sizeof(out), &n, &ef, &d), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(out[0], 0x01);
	ck_assert_str_eq(iommufmt_inv_cmd_name(&c, out, 16), "PREFETCH_CONFIG");
	/* a SubstreamID needs PASID support, as for PREFETCH_CONFIG */
	ck_assert_int_eq(iommufmt_inv_decode(&none, b, 16, &e, &d), -EIO);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_INV_FEATURE);
	smmu_bytes(b, 0x02 | 0x77ULL << 32, 0xffffffffffff03ffULL);	/* every hint bit, no SSV */
	ck_assert_int_eq(iommufmt_inv_decode(&none, b, 16, &e, &d), 0);
	ck_assert_uint_eq(e.flags, IOMMUFMT_INV_F_SID);
}
END_TEST

/* TLBI_EL2_* are illegal on a vSMMU (no SMMU_IDR0.Hyp), with their own reason, and stop a queue. */
START_TEST(test_smmu_el2)
{
	static const char *const names[4] = { "TLBI_EL2_ALL", "TLBI_EL2_ASID", "TLBI_EL2_VA",
					      "TLBI_EL2_VAA" };
	struct iommufmt_inv_cfg cfg;
	struct iommufmt_inv_codec c;
	struct iommufmt_inv_entry e = { .argsz = sizeof(e) }, ents[4];
	struct iommufmt_inv_batch out = { .argsz = sizeof(out), .entry_len = sizeof(ents[0]),
					  .entries_uptr = (uintptr_t)ents, .entry_num = 4 };
	struct iommufmt_diag d;
	uint8_t b[16], ring[3 * 16];
	struct iommufmt_inv_queue q = { .argsz = sizeof(q), .flags = IOMMUFMT_INV_QUEUE_F_HOST,
					.base = (uintptr_t)ring, .size = 3, .entry_size = 16,
					.head = 0, .tail = 2 };

	prepare(&ref_smmu, 0, &cfg, &c);
	iommufmt_diag_init(&d);
	for (unsigned int k = 0; k < 4; k++) {
		smmu_bytes(b, 0x20 + k, 0);
		ck_assert_str_eq(iommufmt_inv_cmd_name(&c, b, 16), names[k]);
		ck_assert_int_eq(iommufmt_inv_decode(&c, b, 16, &e, &d), -EIO);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_INV_FEATURE);
		ck_assert_str_eq(d.field, names[k]);
		ck_assert_msg(strstr(d.text, "SMMU_IDR0.Hyp") && strstr(d.text, "hypervisor"),
			      "%s: %s", names[k], d.text);
	}
	/* in a guest's queue: CERROR_ILL at that slot, after the command before it */
	smmu_bytes(ring, 0x11 | 3ULL << 48, 0);
	smmu_bytes(ring + 16, 0x21 | 3ULL << 48, 0);
	ck_assert_int_eq(iommufmt_inv_queue_decode(&c, NULL, &q, &out, &d), -EIO);
	ck_assert_uint_eq(out.entry_num, 1);
	ck_assert_uint_eq(q.err_index, 1);
	ck_assert_uint_eq(q.err_class, IOMMUFMT_INV_ERR_ILLEGAL);
	ck_assert_uint_eq(q.native_err, 1);	/* CERROR_ILL */
}
END_TEST

/* A TLBI address not aligned to its TG/TTL leaf: expected generic entries. */
struct unaligned {
	uint64_t w0, w1;
	uint64_t addr, nr;
	unsigned int granule;
};

static const struct unaligned unaligned[] = {
	/* 4 KiB TG, TTL 2 (2 MiB leaves), one granule at 0x40201000: the 2 MiB block */
	{ 0x12 | 1ULL << 48, 1 << 10 | 2 << 8 | 0x40201000ULL, 0x40200000, 512, 12 },
	/* the same over two blocks: NUM 1, SCALE 9 (2 * 512 pages) from 0x40201000 */
	{ 0x12 | 1 << 12 | 9 << 20 | 1ULL << 48, 1 << 10 | 2 << 8 | 0x40201000ULL, 0x40200000,
	  3 * 512, 12 },
	/* 64 KiB TG, TTL 0 (64 KiB leaves): 2 granules from 0x1000 touch three of them */
	{ 0x13 | 1 << 12, 3 << 10 | 0x1000, 0, 3, 16 },
	/* 16 KiB TG, TTL 3 (16 KiB leaves), stage 2: 1 granule at 0x7000 */
	{ 0x2a, 2 << 10 | 3 << 8 | 0x7000, 0x4000, 2, 14 },
	/* 4 KiB TG, TTL 1 (1 GiB leaves) near the top: the last GiB, ending at 2^64 */
	{ 0x12 | 1ULL << 48, 1 << 10 | 1 << 8 | 0xfffffffffff00000ULL, 0xffffffffc0000000ULL,
	  UINT64_C(1) << 18, 12 },
};

/*
 * UNPREDICTABLE in the spec, not illegal: the queue goes on, and the entry
 * covers every leaf the range touches (the hint ignored), flagged WIDENED;
 * it passes the entry check and re-encodes on every model.
 */
START_TEST(test_smmu_unaligned_tlbi)
{
	const struct unaligned *u = &unaligned[_i];
	struct iommufmt_inv_cfg cfg;
	struct iommufmt_inv_codec c, vtd;
	struct iommufmt_inv_entry e = { .argsz = sizeof(e) }, want;
	struct iommufmt_diag d;
	uint8_t b[16], out[(IOMMUFMT_INV_ENCODE_MAX + 8) * 32];
	const uint64_t w[2] = { u->w0, u->w1 };
	__u32 n, ef;

	prepare(&ref_smmu, 0, &cfg, &c);
	prepare(&ref_vtd, 0, &cfg, &vtd);
	make_cfg(&ref_smmu, 0, &cfg);
	iommufmt_diag_init(&d);
	smmu_bytes(b, u->w0, u->w1);
	ck_assert_msg(iommufmt_inv_decode(&c, b, 16, &e, &d) == 0, "%d: %s", _i, d.text);
	ck_assert(e.flags & IOMMUFMT_INV_F_WIDENED);
	ck_assert_uint_eq(e.addr, u->addr);
	ck_assert_uint_eq(e.nr_granules, u->nr);
	ck_assert_uint_eq(e.granule, u->granule);
	ck_assert_uint_eq(e.level_hint, 0);	/* the hint is ignored */
	ck_assert_uint_eq(ref_smmu.decode(w, 2, &cfg, &want), 0);
	same(&e, &want, "reference", "unaligned TLBI");
	ck_assert_int_eq(iommufmt_inv_entry_check(&e, &d), 0);
	ck_assert_msg(iommufmt_inv_encode(&c, &e, out, sizeof(out), &n, &ef, &d) == 0, "%s", d.text);
	e.vmid = 0;	/* VT-d has no VMID: a domain names the space */
	e.flags &= ~(IOMMUFMT_INV_F_VMID | IOMMUFMT_INV_F_STAGE2);
	if (!(e.flags & IOMMUFMT_INV_F_ARCHID)) {
		e.flags |= IOMMUFMT_INV_F_ARCHID;
		e.archid = 9;
	}
	ck_assert_msg(iommufmt_inv_encode(&vtd, &e, out, sizeof(out), &n, &ef, &d) == 0, "%s", d.text);
}
END_TEST

/* ---- the encoder keeps the codec's id widths (archid_bits, pasid_bits) ---- */

/* Generic entries whose commands carry the id on every model: IOTLB by domain and address, device TLB, PASID cache. */
static struct iommufmt_inv_entry id_entry(unsigned int kind, bool pasid, uint32_t v)
{
	struct iommufmt_inv_entry e;

	memset(&e, 0, sizeof(e));
	e.argsz = sizeof(e);
	e.op = IOMMUFMT_INV_OP_INVALIDATE;
	if (!pasid) {
		e.caches = IOMMUFMT_INV_CACHE_IOTLB;
		e.flags = IOMMUFMT_INV_F_ARCHID;
		e.archid = v;
		e.granularity = kind ? IOMMUFMT_INV_GRAN_ADDR : IOMMUFMT_INV_GRAN_DOMAIN;
		if (kind) {
			e.addr = 0x40000000;
			e.granule = 12;
			e.nr_granules = 1;
		}
		return e;
	}
	e.flags = IOMMUFMT_INV_F_PASID | IOMMUFMT_INV_F_SID;
	e.pasid = v;
	e.sid = 0x10;
	if (kind) {
		e.caches = IOMMUFMT_INV_CACHE_DEV_IOTLB;
		e.granularity = IOMMUFMT_INV_GRAN_ADDR;
		e.addr = 0x40000000;
		e.granule = 12;
		e.nr_granules = 1;
	} else {
		e.caches = IOMMUFMT_INV_CACHE_PASID;
		e.granularity = IOMMUFMT_INV_GRAN_PASID;
		e.flags |= IOMMUFMT_INV_F_ARCHID;	/* VT-d and AMD tag PASIDs by domain */
		e.archid = 1;
	}
	return e;
}

/* A refusal of an id beyond the configured width: -EOPNOTSUPP, INV_ID_RANGE, field and limit named. */
static void id_refused(int r, const struct iommufmt_diag *d, bool pasid, uint64_t limit,
		       const char *what)
{
	ck_assert_msg(r == -EOPNOTSUPP, "%s: %d (%s), expected -EOPNOTSUPP", what, r, d->text);
	ck_assert_msg(d->code == IOMMUFMT_DIAG_INV_ID_RANGE, "%s: diag 0x%x (%s)", what, d->code,
		      d->text);
	ck_assert_msg(strstr(d->field, pasid ? "pasid" : "archid"), "%s: field %s", what, d->field);
	ck_assert_msg((d->flags & IOMMUFMT_DIAG_FLAGS_LIMIT) && d->limit == limit,
		      "%s: limit 0x%llx, expected 0x%llx", what, (unsigned long long)d->limit,
		      (unsigned long long)limit);
	ck_assert_msg((d->flags & IOMMUFMT_DIAG_FLAGS_VALUE) && d->value == limit + 1,
		      "%s: value 0x%llx", what, (unsigned long long)d->value);
}

/* One model, one id field (@pasid or the archid), one width, one kind of entry. */
static void id_width_case(const struct ref_model *m, bool pasid, unsigned int bits,
			  unsigned int kind)
{
	const uint32_t limit = (UINT32_C(1) << bits) - 1;
	struct iommufmt_inv_cfg cfg;
	struct iommufmt_inv_codec wide, narrow;
	struct iommufmt_inv_entry e[2], x;
	struct iommufmt_inv_batch b = { .argsz = sizeof(b), .entry_len = sizeof(e[0]),
					.entries_uptr = (uintptr_t)e, .entry_num = 2 };
	struct iommufmt_diag d;
	uint8_t out[8 * 32], cmd[8 * 32];
	char what[96];
	size_t used;
	__u32 n, ncmd, ef;
	bool seen = false;

	snprintf(what, sizeof(what), "%s %s_bits %u kind %u", m->name, pasid ? "pasid" : "archid",
		 bits, kind);
	iommufmt_diag_init(&d);
	prepare(m, 0, &cfg, &wide);
	if (pasid)
		cfg.pasid_bits = (__u8)bits;
	else
		cfg.archid_bits = (__u8)bits;
	ck_assert_int_eq(iommufmt_inv_codec_prepare(&narrow, &cfg, &d), 0);
	e[0] = id_entry(kind, pasid, limit);
	e[1] = id_entry(kind, pasid, limit + 1);

	/* the limit encodes, and every command decodes back on the same codec */
	ck_assert_msg(iommufmt_inv_encode(&narrow, &e[0], out, sizeof(out), &n, &ef, &d) == 0,
		      "%s: limit: %s", what, d.text);
	ck_assert_msg(n >= 1, "%s: no command", what);
	for (__u32 i = 0; i < n; i++) {
		x.argsz = sizeof(x);
		ck_assert_msg(iommufmt_inv_decode(&narrow, out + i * narrow.cmd_size, narrow.cmd_size,
						  &x, &d) == 0,
			      "%s: command %u does not decode: %s", what, i, d.text);
		if (pasid ? (x.flags & IOMMUFMT_INV_F_PASID) && x.pasid == limit :
			    (x.flags & IOMMUFMT_INV_F_ARCHID) && x.archid == limit)
			seen = true;
	}
	ck_assert_msg(seen, "%s: the id is in no command", what);

	/* limit + 1: refused by encode, nothing counted as written ... */
	n = 77;
	id_refused(iommufmt_inv_encode(&narrow, &e[1], out, sizeof(out), &n, &ef, &d), &d, pasid,
		   limit, what);
	ck_assert_msg(n == 0, "%s: %u commands counted", what, n);
	/* ... by batch_encode, after the first entry ... */
	id_refused(iommufmt_inv_batch_encode(&narrow, &b, out, sizeof(out), &used, &ef, &d), &d,
		   pasid, limit, what);
	ck_assert_uint_eq(b.entry_num, 1);
	ck_assert_uint_eq(d.index, 1);
	/* ... and by convert from a codec that takes it (at the limit, convert works) */
	ck_assert_int_eq(iommufmt_inv_encode(&wide, &e[1], cmd, sizeof(cmd), &ncmd, &ef, &d), 0);
	id_refused(iommufmt_inv_convert(&wide, &narrow, cmd, wide.cmd_size, out, sizeof(out), &n,
					&ef, &d), &d, pasid, limit, what);
	/* the decoder keeps its side of the rule: the same command is illegal there */
	x.argsz = sizeof(x);
	ck_assert_int_eq(iommufmt_inv_decode(&narrow, cmd, narrow.cmd_size, &x, &d), -EIO);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_INV_ID_RANGE);
	ck_assert_int_eq(iommufmt_inv_encode(&wide, &e[0], cmd, sizeof(cmd), &ncmd, &ef, &d), 0);
	ck_assert_msg(iommufmt_inv_convert(&wide, &narrow, cmd, wide.cmd_size, out, sizeof(out), &n,
					   &ef, &d) == 0, "%s: convert at the limit: %s", what, d.text);
}

/*
 * For every model with ids and every id field: with archid_bits / pasid_bits
 * narrower than the field, limit + 1 is refused by encode, batch_encode and
 * convert (the codec's own decoder refuses it, and a VMM would send the host
 * an id it does not implement); the limit encodes and decodes back.
 */
START_TEST(test_id_widths_encode)
{
	/* below every native field (AMD device-TLB PASIDs have 16 bits) */
	static const unsigned int widths[] = { 1, 8, 15 };

	for (size_t mi = 0; mi < NR_MODELS; mi++) {
		if (models[mi]->model == IOMMUFMT_MODEL_S390)
			continue;	/* no ids: its prepare refuses the widths (test_id_widths_s390) */
		for (size_t wi = 0; wi < sizeof(widths) / sizeof(widths[0]); wi++)
			for (unsigned int kind = 0; kind < 2; kind++) {
				id_width_case(models[mi], false, widths[wi], kind);
				id_width_case(models[mi], true, widths[wi], kind);
			}
	}
}
END_TEST

/* s390 commands carry no PASID or domain id: a width for them is refused up front. */
START_TEST(test_id_widths_s390)
{
	struct iommufmt_inv_cfg cfg;
	struct iommufmt_inv_codec c;
	struct iommufmt_diag d;

	iommufmt_diag_init(&d);
	make_cfg(&ref_s390, 0, &cfg);
	cfg.archid_bits = 8;
	ck_assert_int_eq(iommufmt_inv_codec_prepare(&c, &cfg, &d), -EOPNOTSUPP);
	cfg.archid_bits = 0;
	cfg.pasid_bits = 8;
	ck_assert_int_eq(iommufmt_inv_codec_prepare(&c, &cfg, &d), -EOPNOTSUPP);
}
END_TEST

/*
 * The reserved masks each command table had written out by hand before they
 * were derived from the field lists (issue 11), copied once, per row: the
 * derived masks must equal them in every word a command of the model has,
 * so the same commands are accepted and rejected with the same diagnostics.
 */
#define R_ALL 0xffffffffffffffff
struct old_rsv {
	const char *name;
	uint64_t rsv[4];
};

static const struct old_rsv old_rsv_intel[] = {
	{ "CC_GLOBAL", { 0xfffc00000000f1c0, R_ALL, R_ALL, R_ALL } },
	{ "CC_DOMAIN", { 0xfffc00000000f1c0, R_ALL, R_ALL, R_ALL } },
	{ "CC_DEVICE", { 0xfffc00000000f1c0, R_ALL, R_ALL, R_ALL } },
	{ "IOTLB_GLOBAL", { 0xffffffff0000f100, 0xf80, R_ALL, R_ALL } },
	{ "IOTLB_DOMAIN", { 0xffffffff0000f100, 0xf80, R_ALL, R_ALL } },
	{ "IOTLB_PAGE", { 0xffffffff0000f100, 0xf80, R_ALL, R_ALL } },
	{ "DEV_TLB", { 0xf0000ffe001f0, 0xffe, R_ALL, R_ALL } },
	{ "IEC_GLOBAL", { 0xffff000007fff1e0, R_ALL, R_ALL, R_ALL } },
	{ "IEC_INDEX", { 0xffff000007fff1e0, R_ALL, R_ALL, R_ALL } },
	{ "WAIT", { 0xfffff100, 0x3, R_ALL, R_ALL } },
	{ "PIOTLB_PASID", { 0xfff000000000f1c0, 0xf80, R_ALL, R_ALL } },
	{ "PIOTLB_PAGE", { 0xfff000000000f1c0, 0xf80, R_ALL, R_ALL } },
	{ "PC_DOMAIN", { 0xfff000000000f1c0, R_ALL, R_ALL, R_ALL } },
	{ "PC_PASID", { 0xfff000000000f1c0, R_ALL, R_ALL, R_ALL } },
	{ "PC_GLOBAL", { 0xfff000000000f1c0, R_ALL, R_ALL, R_ALL } },
	{ "PDEV_TLB", { 0x0, 0x7fe, R_ALL, R_ALL } },
	{ "PGRP_RESP", { 0xfff00000000001e0, 0xfffffffffffff003, R_ALL, R_ALL } },
};
static const struct old_rsv old_rsv_amd[] = {
	{ "COMPLETION_WAIT", { 0xff0000000000000, 0x0 } },
	{ "INVALIDATE_DEVTAB_ENTRY", { 0xfffffffffff0000, R_ALL } },
	{ "INVALIDATE_IOMMU_PAGES", { 0xfff0000fff00000, 0xff8 } },
	{ "INVALIDATE_IOMMU_PAGES", { 0xfff0000fff00000, 0xff8 } },
	{ "INVALIDATE_IOTLB_PAGES", { 0xf00000000000000, 0xffa } },
	{ "INVALIDATE_IOTLB_PAGES", { 0xf00000000000000, 0xffa } },
	{ "INVALIDATE_INTERRUPT_TABLE", { 0xfffffffffff0000, R_ALL } },
	{ "COMPLETE_PPR_REQUEST", { 0xff00000ffff0000, 0xffff0e00fffffffb } },
	{ "COMPLETE_PPR_REQUEST", { 0xff00000ffff0000, 0xffff0e00fffffffb } },
	{ "INVALIDATE_IOMMU_ALL", { 0xfffffffffffffff, R_ALL } },
};
static const struct old_rsv old_rsv_smmuv3[] = {
	{ "PREFETCH_CONFIG", { 0x300, R_ALL } },
	{ "PREFETCH_ADDR", { 0x300, 0x400 } },
	{ "CFGI_STE", { 0xfffffb00, 0xfffffffffffffffe } },
	{ "CFGI_STE_RANGE", { 0xfffffb00, 0xffffffffffffffe0 } },
	{ "CFGI_CD", { 0xb00, 0xfffffffffffffffe } },
	{ "CFGI_CD_ALL", { 0xfffffb00, R_ALL } },
	{ "TLBI_NH_ALL", { 0xffff0000ffffff00, R_ALL } },
	{ "TLBI_NH_ASID", { 0xffffff00, R_ALL } },
	{ "TLBI_NH_VA", { 0xfc0e0f00, 0xfe } },
	{ "TLBI_NH_VAA", { 0xffff0000fc0e0f00, 0xfe } },
	{ "TLBI_S12_VMALL", { 0xffff0000ffffff00, R_ALL } },
	{ "TLBI_S2_IPA", { 0xffff0000fc0e0f00, 0xfff00000000000fe } },
	{ "TLBI_NSNH_ALL", { 0xffffffffffffff00, R_ALL } },
	{ "ATC_INV", { 0x100, 0xfc0 } },
	{ "PRI_RESP", { 0x700, 0xffffffffffffce00 } },
	{ "RESUME", { 0xffffcb00, 0xffffffffffff0000 } },
	{ "STALL_TERM", { 0xfffffb00, R_ALL } },
	{ "CMD_SYNC", { 0xf03fcf00, 0xfff0000000000003 } },
};
static const struct old_rsv old_rsv_s390[] = {
	{ "RPCIT", { 0xffffffff, 0x0, 0x0 } },
};

static const struct {
	const struct iommufmt__inv_fmt *const *fmt;
	const struct old_rsv *rows;
	size_t n;
	unsigned int words;	/* of the model's widest command */
} old_tables[] = {
	{ &iommufmt__intel_inv_fmt, old_rsv_intel, ARRAY_SIZE(old_rsv_intel), 4 },
	{ &iommufmt__amd_inv_fmt, old_rsv_amd, ARRAY_SIZE(old_rsv_amd), 2 },
	{ &iommufmt__smmuv3_inv_fmt, old_rsv_smmuv3, ARRAY_SIZE(old_rsv_smmuv3), 2 },
	{ &iommufmt__s390_inv_fmt, old_rsv_s390, ARRAY_SIZE(old_rsv_s390), 3 },
};

START_TEST(test_derived_rsv)
{
	for (size_t t = 0; t < ARRAY_SIZE(old_tables); t++) {
		const struct iommufmt__inv_fmt *f = *old_tables[t].fmt;
		struct iommufmt_diag d;

		iommufmt_diag_init(&d);
		ck_assert_int_eq(iommufmt__inv_fmt_ready(f, &d), 0);
		ck_assert_uint_eq(f->ncmds, old_tables[t].n);
		for (size_t k = 0; k < f->ncmds; k++) {
			const struct old_rsv *o = &old_tables[t].rows[k];

			ck_assert_str_eq(f->cmds[k].name, o->name);
			for (unsigned int i = 0; i < old_tables[t].words; i++)
				ck_assert_msg(f->rsv[k][i] == o->rsv[i],
					      "%s word %u: derived 0x%016llx, was 0x%016llx", o->name, i,
					      (unsigned long long)f->rsv[k][i],
					      (unsigned long long)o->rsv[i]);
		}
	}
}
END_TEST

static Suite *inval_models_suite(void)
{
	Suite *s = suite_create("inval-models");
	TCase *tc = tcase_create("codecs");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_reference_agrees);
	tcase_add_test(tc, test_round_trips);
	tcase_add_test(tc, test_mutations);
	tcase_add_test(tc, test_opcodes_and_noise);
	tcase_add_loop_test(tc, test_hostile, 0, (int)(sizeof(hostile) / sizeof(hostile[0])));
	tcase_add_test(tc, test_id_widths_and_wide);
	tcase_add_test(tc, test_id_widths_encode);
	tcase_add_test(tc, test_smmu_prefetch_addr);
	tcase_add_test(tc, test_smmu_el2);
	tcase_add_loop_test(tc, test_smmu_unaligned_tlbi, 0,
			    (int)(sizeof(unaligned) / sizeof(unaligned[0])));
	tcase_add_test(tc, test_id_widths_s390);
	tcase_add_test(tc, test_derived_rsv);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(inval_models_suite());
}
