/* SPDX-License-Identifier: MIT */
/* Input to hosts and binds for the bind harnesses: a model's registers, hostile headers and payloads. */
#ifndef IOMMUFMT_FUZZ_BIND_GEN_H
#define IOMMUFMT_FUZZ_BIND_GEN_H

#include <errno.h>

#include "fuzz/harness_util.h"

/* Longest payload given to a bind: every model's types fit, with a tail to spare. */
#define FUZZ_BIND_PAYLOAD_MAX 80u

/*
 * A host from the input: a registered model, its register type at full
 * size and register bytes from the input, optionally with iommufd's
 * per-device outputs. NULL when the registers do not decode (fuzz_host
 * holds iommufmt_host_new() to its contract; here a host is only a means).
 */
static inline struct iommufmt_host *fuzz_gen_host(struct fuzz_in *in)
{
	const struct iommufmt_model_ops *models[16];
	const struct iommufmt_model_ops *m;
	const struct iommufmt_host_ops *hops;
	struct iommufmt_hw_regs regs;
	struct iommufmt_host *h = NULL;
	uint8_t raw[IOMMUFMT_PAYLOAD_MAX];
	const uint8_t *p;
	size_t nm = iommufmt_model_list(models, 16), n;
	uint8_t sel;

	FUZZ_CHECK(nm > 0 && nm <= 16);
	m = models[fuzz_u8(in) % nm];
	hops = m->host;
	sel = fuzz_u8(in);
	if (!hops || !hops->nr_hw_info_types)
		return NULL;
	memset(&regs, 0, sizeof(regs));
	regs.argsz = sizeof(regs);
	regs.model = m->model;
	regs.variant = m->variant;
	regs.data_type = hops->hw_info_types[0].type;
	regs.data_len = hops->hw_info_types[0].size;
	FUZZ_CHECK(regs.data_len <= sizeof(raw));
	if (sel & 1) {
		regs.flags = IOMMUFMT_HW_REGS_F_IOMMUFD;
		regs.max_pasid_log2 = fuzz_u8(in) % 21;
		regs.capabilities = fuzz_u8(in) & IOMMUFMT_IOMMUFD_HW_CAP_ALL;
	}
	memset(raw, 0, sizeof(raw));
	p = fuzz_bytes(in, regs.data_len, &n);
	memcpy(raw, p, n);
	regs.data_uptr = (uintptr_t)raw;
	if (iommufmt_host_new(&regs, &h, NULL))
		return NULL;
	FUZZ_CHECK(iommufmt_host_get_desc(h)->pasid.pasid_bits <= 20);
	return h;
}

/* A bind as the harness built it, and the caller-side copies handed to the library. */
struct fuzz_bind {
	uint32_t kind;				/* IOMMUFMT_BIND_KIND_* */
	struct iommufmt_bind_pasid_table pt;	/* the header at full size */
	struct iommufmt_bind_pgtable pg;
	void *hdr;		/* exact-size copy with the (possibly hostile) argsz */
	uint32_t argsz;
	uint8_t *payload;	/* exact-size payload, data_uptr points here */
};

/*
 * A PASID-table or page-table bind for host @h from the input: header
 * fields raw or (more often) near the host's values, a payload type of the
 * model (or any), a payload of its size (or any length) from the input
 * bytes, and a hostile argsz now and then. Table addresses are taken from
 * the input as they are: the payload encodes them too.
 */
static inline void fuzz_gen_bind(struct fuzz_in *in, const struct iommufmt_host *h,
				 struct fuzz_bind *b)
{
	const struct iommufmt_host_desc *d = iommufmt_host_get_desc(h);
	const struct iommufmt_model_ops *m = iommufmt_model_get(d->model, d->variant);
	const struct iommufmt_bind_ops *bops = m ? m->bind : NULL;
	uint16_t sel = fuzz_u16(in);
	uint32_t type, len, pasid_mask = (uint32_t)((UINT64_C(1) << d->pasid.pasid_bits) - 1);
	const uint8_t *p;
	size_t n;

	memset(b, 0, sizeof(*b));
	b->kind = sel & 1 ? IOMMUFMT_BIND_KIND_PGTABLE : IOMMUFMT_BIND_KIND_PASID_TABLE;
	if (bops && bops->nr_data_types && !(sel & 2)) {
		const struct iommufmt_data_type_desc *dt =
			&bops->data_types[fuzz_u8(in) % bops->nr_data_types];

		type = dt->type;
		len = sel & 8 ? dt->ver0_size : dt->size;
	} else {
		type = fuzz_u32(in);
		len = fuzz_u8(in) % (FUZZ_BIND_PAYLOAD_MAX + 1);
	}
	if (sel & 4)
		len = fuzz_u8(in) % (FUZZ_BIND_PAYLOAD_MAX + 1);
	if (b->kind == IOMMUFMT_BIND_KIND_PASID_TABLE) {
		struct iommufmt_bind_pasid_table *t = &b->pt;

		t->argsz = sizeof(*t);
		t->flags = sel & 16 ? fuzz_u32(in) : 0;
		t->model = sel & 32 ? fuzz_u32(in) : d->model;
		t->variant = sel & 64 ? fuzz_u8(in) : 0;
		t->format = sel & 128 ? fuzz_u32(in) : fuzz_u8(in) % (IOMMUFMT_PASIDT_NR + 1);
		t->pasid_bits = fuzz_u8(in);
		t->config = fuzz_u8(in);
		if (!(sel & 256)) {
			t->pasid_bits %= 21;
			t->config %= 4;
		}
		t->__reserved = sel & 512 ? fuzz_u16(in) : 0;
		t->base = fuzz_u64(in);
		t->data_type = type;
		t->data_len = len;
	} else {
		struct iommufmt_bind_pgtable *t = &b->pg;

		t->argsz = sizeof(*t);
		t->flags = sel & 16 ? fuzz_u32(in) : fuzz_u8(in) & IOMMUFMT_BIND_PGTABLE_F_ALL;
		t->model = sel & 32 ? fuzz_u32(in) : d->model;
		t->variant = sel & 64 ? fuzz_u8(in) : 0;
		t->format = sel & 128 ? fuzz_u32(in) : fuzz_u8(in) % 10;
		t->pasid = fuzz_u32(in);
		t->addr_width = fuzz_u8(in);
		if (!(sel & 256)) {
			t->pasid &= pasid_mask;
			t->addr_width %= 65;
		}
		if (!(t->flags & IOMMUFMT_BIND_PGTABLE_F_PASID) && !(sel & 1024))
			t->pasid = 0;
		t->__reserved = sel & 512 ? fuzz_u16(in) : 0;
		t->root = fuzz_u64(in);
		t->data_type = type;
		t->data_len = len;
	}
	p = fuzz_bytes(in, len, &n);
	b->payload = fuzz_poisoned(len);
	memset(b->payload, 0, len);
	memcpy(b->payload, p, n);
	if (b->kind == IOMMUFMT_BIND_KIND_PASID_TABLE) {
		b->pt.data_uptr = (sel & 0xf000) == 0xf000 ? 0 : (uintptr_t)b->payload;
		b->hdr = fuzz_versioned(in, &b->pt, sizeof(b->pt), &b->argsz);
	} else {
		b->pg.data_uptr = (sel & 0xf000) == 0xf000 ? 0 : (uintptr_t)b->payload;
		b->hdr = fuzz_versioned(in, &b->pg, sizeof(b->pg), &b->argsz);
	}
}

static inline void fuzz_bind_free(struct fuzz_bind *b)
{
	free(b->hdr);
	free(b->payload);
}

/* The check of the bind's kind, on its caller-side copy. */
static inline int fuzz_bind_check(const struct iommufmt_host *h, const struct fuzz_bind *b,
				  const struct iommufmt_gmem *gmem, struct iommufmt_diag *diag)
{
	if (b->kind == IOMMUFMT_BIND_KIND_PASID_TABLE)
		return iommufmt_bind_pasid_table_check(h, b->hdr, gmem, diag);
	return iommufmt_bind_pgtable_check(h, b->hdr, gmem, diag);
}

/* The errnos a bind check documents; the deep check adds -EFAULT and -EIO. */
static inline int fuzz_bind_errno_ok(int r, int deep)
{
	return r == 0 || r == -EINVAL || r == -E2BIG || r == -EOPNOTSUPP ||
	       (deep && (r == -EFAULT || r == -EIO));
}

/*
 * What an accepted bind's header must satisfy whatever the model (abi.h
 * and lib/bind.c's documented header rules), checked on the header as built.
 */
static inline void fuzz_bind_accepted_header(const struct iommufmt_host *h,
					     const struct fuzz_bind *b)
{
	const struct iommufmt_host_desc *d = iommufmt_host_get_desc(h);
	const unsigned int gpa = d->nesting.gpa_bits;

	FUZZ_CHECK(b->argsz >= (b->kind == IOMMUFMT_BIND_KIND_PASID_TABLE ?
				IOMMUFMT_BIND_PASID_TABLE_SIZE_VER0 : IOMMUFMT_BIND_PGTABLE_SIZE_VER0));
	if (b->kind == IOMMUFMT_BIND_KIND_PASID_TABLE) {
		const struct iommufmt_bind_pasid_table *t = &b->pt;

		FUZZ_CHECK(!t->flags && !t->__reserved && t->model == d->model);
		FUZZ_CHECK(t->config >= IOMMUFMT_BIND_CONFIG_TRANSLATE &&
			   t->config <= IOMMUFMT_BIND_CONFIG_ABORT);
		if (t->config == IOMMUFMT_BIND_CONFIG_TRANSLATE) {
			FUZZ_CHECK(t->format < 32 && (d->pasid.table_formats & (1u << t->format)));
			FUZZ_CHECK(t->pasid_bits <= d->pasid.pasid_bits);
			FUZZ_CHECK(gpa >= 64 || !(t->base >> gpa));
		} else {
			FUZZ_CHECK(!t->format && !t->pasid_bits && !t->base);
		}
	} else {
		const struct iommufmt_bind_pgtable *t = &b->pg;

		FUZZ_CHECK(!(t->flags & ~IOMMUFMT_BIND_PGTABLE_F_ALL) && !t->__reserved &&
			   t->model == d->model);
		if (t->flags & IOMMUFMT_BIND_PGTABLE_F_PASID)
			FUZZ_CHECK(d->pasid.pasid_bits && !(t->pasid >> d->pasid.pasid_bits));
		else
			FUZZ_CHECK(!t->pasid);
		FUZZ_CHECK(t->format < 32 && (d->nesting.stage1_formats & (1u << t->format)));
		FUZZ_CHECK(t->addr_width >= 1 && t->addr_width <= 64);
		FUZZ_CHECK(gpa >= 64 || !(t->root >> gpa));
	}
}

#endif /* IOMMUFMT_FUZZ_BIND_GEN_H */
