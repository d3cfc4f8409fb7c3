/* SPDX-License-Identifier: MIT */
/*
 * A whole IOMMU model registered at run time through provider.h, as a VMM
 * would add one: host decode (with private state), a page-table bind check
 * and an invalidation codec, used end to end through the public API only.
 * The model "PLUG" has one 16-byte register block, one 8-byte bind payload
 * and 16-byte commands (opcode 1: invalidate a domain, opcode 2: sync).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <iommufmt/iommufmt.h>
#include "tests/testutil.h"

#define PLUG_MODEL	IOMMUFMT_FOURCC('P', 'L', 'U', 'G')
#define PLUG_REGS	0x9001u		/* raw register type */
#define PLUG_DATA	0x9101u		/* bind payload type */

/* Private words: what decode derives and bind reads back. */
enum { PLUG_P_MODES, PLUG_P_CALLS, PLUG_P_WORDS };

static const struct iommufmt_data_type_desc plug_hw_types[] = {
	{ PLUG_REGS, IOMMUFMT_BIND_KIND_HW_INFO, 8, 16 },
};

/* regs[0]: bits 4:0 PASID width, bit 8 nesting, bits 19:16 bitmap of payload modes. */
static int plug_decode(struct iommufmt_host_desc *d, const struct iommufmt_hw_regs *regs,
		       struct iommufmt_diag *diag)
{
	__u64 r = d->raw[0];

	(void)regs;
	(void)diag;
	if (!d->priv || d->priv_words != PLUG_P_WORDS || d->priv[PLUG_P_MODES])
		return -EIO;	/* the library lends zeroed words of the size asked for */
	if (r >> 20)
		return -EINVAL;
	d->pasid.pasid_bits = r & 0x1f;
	d->nr_pgtables = 1;
	d->pgtables[0].format = IOMMUFMT_PGTABLE_X86_64;
	d->pgtables[0].ias = 48;
	d->pgtables[0].oas = 52;
	if (r & 0x100) {
		d->nesting.flags = IOMMUFMT_NESTING_F_PGTABLE;
		d->nesting.stage1_formats = 1u << IOMMUFMT_PGTABLE_X86_64;
		d->nesting.gpa_bits = 48;
	}
	d->priv[PLUG_P_MODES] = (r >> 16) & 0xf;
	return 0;
}

static const struct iommufmt_host_ops plug_host = {
	.ops_size = sizeof(struct iommufmt_host_ops),
	.hw_info_types = plug_hw_types,
	.nr_hw_info_types = 1,
	.decode = plug_decode,
	.priv_words = PLUG_P_WORDS,
};

static const struct iommufmt_data_type_desc plug_data_types[] = {
	{ PLUG_DATA, IOMMUFMT_BIND_KIND_PGTABLE, 8, 8 },
};

/* payload bits 1:0 mode (allowed by the host's bitmap), 63:2 reserved. */
static int plug_check_pgtable(const struct iommufmt_host_desc *d,
			      const struct iommufmt_bind_pgtable *b, const void *payload,
			      const struct iommufmt_gmem *gmem, struct iommufmt_diag *diag)
{
	__u64 w;

	(void)b;
	(void)gmem;
	(void)diag;
	memcpy(&w, payload, 8);
	d->priv[PLUG_P_CALLS]++;	/* the words are the model's, mutable by design */
	if (w >> 2)
		return -EINVAL;
	if (!(d->priv[PLUG_P_MODES] & (1u << (w & 3))))
		return -EOPNOTSUPP;
	return 0;
}

static const struct iommufmt_bind_ops plug_bind = {
	.ops_size = sizeof(struct iommufmt_bind_ops),
	.data_types = plug_data_types,
	.nr_data_types = 1,
	.check_pgtable = plug_check_pgtable,
};

/* Commands: w0 bits 7:0 opcode, bits 31:16 domain (opcode 1); w1 the sync store address. */
static int plug_inv_decode(const struct iommufmt_inv_codec *c, const void *cmds, size_t n,
			   struct iommufmt_inv_entry *out, size_t *done, struct iommufmt_diag *diag)
{
	(void)diag;
	for (*done = 0; *done < n; (*done)++) {
		const uint8_t *p = (const uint8_t *)cmds + *done * c->cmd_size;
		struct iommufmt_inv_entry *e = &out[*done];
		__u64 w0, w1;

		memcpy(&w0, p, 8);
		memcpy(&w1, p + 8, 8);
		memset(e, 0, sizeof(*e));
		e->argsz = sizeof(*e);
		if ((w0 & 0xff) == 1 && !(w0 >> 32) && !(w0 & 0xff00) && !w1) {
			e->op = IOMMUFMT_INV_OP_INVALIDATE;
			e->granularity = IOMMUFMT_INV_GRAN_DOMAIN;
			e->caches = IOMMUFMT_INV_CACHE_IOTLB;
			e->flags = IOMMUFMT_INV_F_ARCHID;
			e->archid = (__u32)(w0 >> 16) & 0xffff;
		} else if ((w0 & 0xff) == 2 && !(w0 >> 8) && w1 && !(w1 & 3)) {
			e->op = IOMMUFMT_INV_OP_SYNC;
			e->addr = w1;
		} else {
			return -EIO;
		}
	}
	return 0;
}

static int plug_inv_encode(const struct iommufmt_inv_codec *c, const struct iommufmt_inv_entry *e,
			   void *out, size_t cap, __u32 *nr, __u32 *eflags,
			   struct iommufmt_diag *diag)
{
	__u64 w[2] = { 0, 0 };

	(void)c;
	(void)eflags;
	(void)diag;
	if (e->op == IOMMUFMT_INV_OP_INVALIDATE && e->granularity == IOMMUFMT_INV_GRAN_DOMAIN)
		w[0] = 1 | (__u64)(e->archid & 0xffff) << 16;
	else if (e->op == IOMMUFMT_INV_OP_SYNC)
		w[0] = 2, w[1] = e->addr;
	else
		return -EOPNOTSUPP;
	*nr = 1;
	if (cap < 1)
		return -EMSGSIZE;
	memcpy(out, w, sizeof(w));
	return 0;
}

static const char *plug_cmd_name(const struct iommufmt_inv_codec *c, const void *cmd)
{
	__u64 w0;

	(void)c;
	memcpy(&w0, cmd, 8);
	return (w0 & 0xff) == 1 ? "INV_DOMAIN" : (w0 & 0xff) == 2 ? "SYNC" : NULL;
}

static const struct iommufmt_inval_ops plug_inval = {
	.ops_size = sizeof(struct iommufmt_inval_ops),
	.cmd_size = 16,
	.native_err = { 0, 1, 2, 3 },
	.decode = plug_inv_decode,
	.encode = plug_inv_encode,
	.cmd_name = plug_cmd_name,
};

static const __u32 plug_formats[] = { IOMMUFMT_PGTABLE_X86_64 };

static const struct iommufmt_model_ops plug_model = {
	.ops_size = sizeof(struct iommufmt_model_ops),
	.model = PLUG_MODEL,
	.name = "plug",
	.description = "a model registered at run time",
	.pgtable_formats = plug_formats,
	.nr_pgtable_formats = 1,
	.host = &plug_host,
	.bind = &plug_bind,
	.inval = &plug_inval,
};

static struct iommufmt_host *plug_host_new(__u64 reg0, int *err)
{
	struct iommufmt_hw_regs r;
	struct iommufmt_host *h = NULL;
	__u64 raw[2] = { reg0, 0 };

	memset(&r, 0, sizeof(r));
	r.argsz = sizeof(r);
	r.model = PLUG_MODEL;
	r.data_type = PLUG_REGS;
	r.data_len = sizeof(raw);
	r.data_uptr = (uintptr_t)raw;
	*err = iommufmt_host_new(&r, &h, NULL);
	return h;
}

/* The diagnostic of the last bind check, for failure messages. */
static struct iommufmt_diag last_diag = { .argsz = sizeof(struct iommufmt_diag) };

static int plug_bind_check(const struct iommufmt_host *h, __u64 payload, __u32 format)
{
	struct iommufmt_bind_pgtable b;

	memset(&b, 0, sizeof(b));
	b.argsz = sizeof(b);
	b.model = PLUG_MODEL;
	b.format = format;
	b.root = 0x100000;
	b.addr_width = 48;
	b.data_type = PLUG_DATA;
	b.data_len = 8;
	b.data_uptr = (uintptr_t)&payload;
	return iommufmt_bind_pgtable_check(h, &b, NULL, &last_diag);
}

START_TEST(test_plugin_model_end_to_end)
{
	struct iommufmt_diag d;
	struct iommufmt_host *h;
	const struct iommufmt_host_desc *desc;
	struct iommufmt_inv_cfg cfg;
	struct iommufmt_inv_codec codec;
	struct iommufmt_inv_entry e;
	__u64 cmd[2], out[2];
	__u32 nr = 0, ef = 0;
	int err;

	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_model_register(&plug_model, &d), 0);
	ck_assert_ptr_eq(iommufmt_model_by_name("plug"), &plug_model);

	/* host: decoded by the plug-in, with its private words */
	h = plug_host_new(0x5 << 16 | 0x100 | 10, &err);
	ck_assert_int_eq(err, 0);
	desc = iommufmt_host_get_desc(h);
	ck_assert_uint_eq(desc->pasid.pasid_bits, 10);
	ck_assert_uint_eq(desc->priv_words, PLUG_P_WORDS);
	ck_assert_uint_eq(desc->priv[PLUG_P_MODES], 0x5);
	ck_assert_ptr_null(plug_host_new(1u << 20, &err));
	ck_assert_int_eq(err, -EINVAL);

	/* bind: the library's header checks, then the plug-in's payload check */
	ck_assert_msg(plug_bind_check(h, 0, IOMMUFMT_PGTABLE_X86_64) == 0, "%s", last_diag.text);
	ck_assert_int_eq(plug_bind_check(h, 2, IOMMUFMT_PGTABLE_X86_64), 0);
	ck_assert_int_eq(plug_bind_check(h, 1, IOMMUFMT_PGTABLE_X86_64), -EOPNOTSUPP);
	ck_assert_int_eq(plug_bind_check(h, 4, IOMMUFMT_PGTABLE_X86_64), -EINVAL);
	ck_assert_uint_eq(desc->priv[PLUG_P_CALLS], 4);
	/* a format the host does not nest never reaches the plug-in */
	ck_assert_int_eq(plug_bind_check(h, 0, IOMMUFMT_PGTABLE_ARM_LPAE_S1), -EOPNOTSUPP);
	ck_assert_uint_eq(desc->priv[PLUG_P_CALLS], 4);
	iommufmt_host_free(h);

	/* a host without nesting: refused by the library before the model */
	h = plug_host_new(0x5 << 16, &err);
	ck_assert_int_eq(err, 0);
	ck_assert_int_eq(plug_bind_check(h, 0, IOMMUFMT_PGTABLE_X86_64), -EOPNOTSUPP);
	ck_assert_uint_eq(iommufmt_host_get_desc(h)->priv[PLUG_P_CALLS], 0);
	iommufmt_host_free(h);

	/* invalidation codec: decode, name, re-encode */
	memset(&cfg, 0, sizeof(cfg));
	cfg.argsz = sizeof(cfg);
	cfg.model = PLUG_MODEL;
	ck_assert_int_eq(iommufmt_inv_codec_prepare(&codec, &cfg, &d), 0);
	cmd[0] = 1 | 0x1234u << 16;
	cmd[1] = 0;
	memset(&e, 0, sizeof(e));
	e.argsz = sizeof(e);
	ck_assert_int_eq(iommufmt_inv_decode(&codec, cmd, sizeof(cmd), &e, &d), 0);
	ck_assert_uint_eq(e.op, IOMMUFMT_INV_OP_INVALIDATE);
	ck_assert_uint_eq(e.granularity, IOMMUFMT_INV_GRAN_DOMAIN);
	ck_assert_uint_eq(e.archid, 0x1234);
	ck_assert_str_eq(iommufmt_inv_cmd_name(&codec, cmd, sizeof(cmd)), "INV_DOMAIN");
	ck_assert_int_eq(iommufmt_inv_encode(&codec, &e, out, sizeof(out), &nr, &ef, &d), 0);
	ck_assert_uint_eq(nr, 1);
	ck_assert_mem_eq(out, cmd, sizeof(cmd));
	cmd[0] = 7;
	ck_assert_int_eq(iommufmt_inv_decode(&codec, cmd, sizeof(cmd), &e, &d), -EIO);
	ck_assert_str_eq(iommufmt_inv_cmd_name(&codec, cmd, sizeof(cmd)), "?");
}
END_TEST

/* A plug-in whose sub-tables are too old or half filled is refused when it registers. */
START_TEST(test_plugin_model_bad_ops)
{
	struct iommufmt_diag d;
	struct iommufmt_model_ops m = plug_model;
	struct iommufmt_host_ops ho = plug_host;
	struct iommufmt_inval_ops io = plug_inval;
	struct iommufmt_bind_ops bo = plug_bind;

	iommufmt_diag_init(&d);
	m.model = IOMMUFMT_FOURCC('P', 'L', 'G', '2');
	m.name = "plug2";
	ho.ops_size = IOMMUFMT_HOST_OPS_SIZE_VER0 - 1;
	m.host = &ho;
	ck_assert_int_eq(iommufmt_model_register(&m, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_BAD_OPS);
	ck_assert_str_eq(d.field, "host");
	{
		/* Only ops_size exists: the required members past it are never read (ASan). */
		size_t *tiny = malloc(sizeof(*tiny));

		ck_assert_ptr_nonnull(tiny);
		*tiny = sizeof(*tiny);
		m.host = (const struct iommufmt_host_ops *)(void *)tiny;
		ck_assert_int_eq(iommufmt_model_register(&m, &d), -EINVAL);
		ck_assert_str_eq(d.field, "host");
		m.host = &ho;
		free(tiny);
	}
	ho = plug_host;
	ho.decode = NULL;
	ck_assert_int_eq(iommufmt_model_register(&m, &d), -EINVAL);
	m.host = &plug_host;
	io.ops_size = IOMMUFMT_INVAL_OPS_SIZE_VER0 - 8;
	m.inval = &io;
	ck_assert_int_eq(iommufmt_model_register(&m, &d), -EINVAL);
	ck_assert_str_eq(d.field, "inval");
	m.inval = &plug_inval;
	bo.check_pgtable = NULL;
	m.bind = &bo;
	ck_assert_int_eq(iommufmt_model_register(&m, &d), -EINVAL);
	ck_assert_str_eq(d.field, "bind");
	ck_assert_ptr_null(iommufmt_model_by_name("plug2"));
	m.bind = &plug_bind;
	ck_assert_int_eq(iommufmt_model_register(&m, &d), 0);
}
END_TEST

/* A plug-in asking for more private state than the bound gets a clear error, no host. */
START_TEST(test_plugin_model_priv_bound)
{
	static struct iommufmt_host_ops big;
	static struct iommufmt_model_ops m;
	struct iommufmt_diag d;
	struct iommufmt_hw_regs r;
	struct iommufmt_host *h = NULL;
	__u64 raw[2] = { 0, 0 };

	big = plug_host;
	big.priv_words = IOMMUFMT_HOST_PRIV_WORDS_MAX + 1;
	m = plug_model;
	m.model = IOMMUFMT_FOURCC('P', 'L', 'G', '3');
	m.name = "plug3";
	m.host = &big;
	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_model_register(&m, &d), 0);
	memset(&r, 0, sizeof(r));
	r.argsz = sizeof(r);
	r.model = m.model;
	r.data_type = PLUG_REGS;
	r.data_len = sizeof(raw);
	r.data_uptr = (uintptr_t)raw;
	ck_assert_int_eq(iommufmt_host_new(&r, &h, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_BAD_OPS);
	ck_assert_ptr_null(h);
}
END_TEST

static Suite *plugin_suite(void)
{
	Suite *s = suite_create("plugin-model");
	TCase *tc = tcase_create("plugin-model");

	tcase_add_test(tc, test_plugin_model_end_to_end);
	tcase_add_test(tc, test_plugin_model_bad_ops);
	tcase_add_test(tc, test_plugin_model_priv_bound);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(plugin_suite());
}
