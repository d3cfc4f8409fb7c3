/* SPDX-License-Identifier: MIT */
/* Fuzz target: bind and unbind validation, iommufd conversion both ways and walker configurations, every model. */
#include "fuzz/bind_gen.h"

/* The header fields iommufd carries agree between a bind and its round trip. */
static void same_meaning(uint32_t kind, const void *a, const void *b)
{
	if (kind == IOMMUFMT_BIND_KIND_PASID_TABLE) {
		const struct iommufmt_bind_pasid_table *x = a, *y = b;

		FUZZ_CHECK(x->model == y->model && x->config == y->config);
		if (x->config == IOMMUFMT_BIND_CONFIG_TRANSLATE)
			FUZZ_CHECK(x->format == y->format && x->base == y->base);
	} else {
		const struct iommufmt_bind_pgtable *x = a, *y = b;

		FUZZ_CHECK(x->model == y->model && x->flags == y->flags && x->pasid == y->pasid);
		FUZZ_CHECK(x->format == y->format && x->root == y->root &&
			   x->addr_width == y->addr_width);
	}
}

static int to_iommufd(const struct iommufmt_host *h, uint32_t kind, const void *bind,
		      struct iommufmt_iommufd_hwpt *out, struct iommufmt_diag *d)
{
	memset(out, FUZZ_POISON, sizeof(*out));
	out->argsz = sizeof(*out);
	iommufmt_diag_init(d);
	if (kind == IOMMUFMT_BIND_KIND_PASID_TABLE)
		return iommufmt_bind_pasid_table_to_iommufd(h, bind, out, d);
	return iommufmt_bind_pgtable_to_iommufd(h, bind, out, d);
}

/* IOMMU_HWPT_ALLOC data as the contract describes it. */
static void hwpt_sane(const struct iommufmt_iommufd_hwpt *o)
{
	FUZZ_CHECK(o->argsz == sizeof(*o) && o->flags == 0);
	FUZZ_CHECK(o->data_type >= IOMMUFMT_IOMMUFD_HWPT_DATA_VTD_S1 &&
		   o->data_type <= IOMMUFMT_IOMMUFD_HWPT_DATA_AMD_GUEST);
	FUZZ_CHECK(o->data_len && o->data_len <= sizeof(o->data));
	FUZZ_CHECK(iommufmt_is_zero((const uint8_t *)o->data + o->data_len,
				    sizeof(o->data) - o->data_len));
	FUZZ_CHECK(!(o->hwpt_flags & ~IOMMUFMT_IOMMUFD_HWPT_ALLOC_PASID));
	FUZZ_CHECK(!o->pasid || (o->hwpt_flags & IOMMUFMT_IOMMUFD_HWPT_ALLOC_PASID));
}

/*
 * iommufd data (@in_buf, the caller's struct; @in, the struct it holds)
 * back to a bind: its kind or an error, nothing written on error or into
 * too-small outputs, and an accepted result whose iommufd form is @in
 * again when @in is one the library wrote (@exact), else a form that is
 * stable from then on (bits a model ignores, such as the host-owned DTE
 * fields, are not carried). @back_bind and @back_pl get the bind and
 * payload when returned.
 */
static int from_iommufd(const struct iommufmt_host *h, const void *in_buf,
			const struct iommufmt_iommufd_hwpt *in, size_t bind_size,
			size_t payload_size, void *back_bind, uint8_t *back_pl, int exact)
{
	struct iommufmt_diag d;
	uint8_t *bb = fuzz_poisoned(bind_size), *pb = fuzz_poisoned(payload_size);
	int r;

	iommufmt_diag_init(&d);
	r = iommufmt_bind_from_iommufd(h, in_buf, bb, bind_size, pb, payload_size, &d);
	FUZZ_CHECK(r == IOMMUFMT_BIND_KIND_PASID_TABLE || r == IOMMUFMT_BIND_KIND_PGTABLE ||
		   r == -EINVAL || r == -EMSGSIZE || r == -EOPNOTSUPP || r == -E2BIG);
	FUZZ_CHECK(fuzz_diag_agrees(r < 0 ? r : 0, &d));
	if (r < 0) {
		/* the result is validated before anything the caller owns is written */
		FUZZ_CHECK(fuzz_all_poison(bb, bind_size) && fuzz_all_poison(pb, payload_size));
	} else {
		struct iommufmt_iommufd_hwpt again;
		size_t need = r == IOMMUFMT_BIND_KIND_PASID_TABLE ?
			      sizeof(struct iommufmt_bind_pasid_table) :
			      sizeof(struct iommufmt_bind_pgtable);
		uint64_t uptr;

		FUZZ_CHECK(bind_size >= need);
		memcpy(back_bind, bb, need);
		memcpy(&uptr, bb + (r == IOMMUFMT_BIND_KIND_PASID_TABLE ?
				    offsetof(struct iommufmt_bind_pasid_table, data_uptr) :
				    offsetof(struct iommufmt_bind_pgtable, data_uptr)), 8);
		FUZZ_CHECK(uptr == (uintptr_t)pb);
		/* accepted again, and its iommufd form is what came in */
		FUZZ_CHECK((r == IOMMUFMT_BIND_KIND_PASID_TABLE ?
			    iommufmt_bind_pasid_table_check(h, (void *)bb, NULL, &d) :
			    iommufmt_bind_pgtable_check(h, (void *)bb, NULL, &d)) == 0);
		FUZZ_CHECK(to_iommufd(h, (uint32_t)r, bb, &again, &d) == 0);
		hwpt_sane(&again);
		FUZZ_CHECK(again.data_type == in->data_type && again.data_len == in->data_len);
		FUZZ_CHECK(again.hwpt_flags == in->hwpt_flags && again.pasid == in->pasid);
		if (exact) {
			FUZZ_CHECK(!memcmp(again.data, in->data, in->data_len));
		} else {
			union {
				struct iommufmt_bind_pasid_table pt;
				struct iommufmt_bind_pgtable pg;
			} b2;
			uint8_t pl2[IOMMUFMT_PAYLOAD_MAX];

			FUZZ_CHECK(from_iommufd(h, &again, &again, need, IOMMUFMT_PAYLOAD_MAX, &b2, pl2,
						1) == r);
			same_meaning((uint32_t)r, bb, &b2);
		}
		memcpy(back_pl, pb, payload_size < IOMMUFMT_PAYLOAD_MAX ? payload_size :
		       IOMMUFMT_PAYLOAD_MAX);
	}
	free(bb);
	free(pb);
	return r;
}

static void fuzz_one_bind(struct fuzz_in *in, const struct iommufmt_host *h)
{
	struct fuzz_bind b;
	struct iommufmt_iommufd_hwpt out;
	struct iommufmt_diag d, d2;
	int r, r2;

	fuzz_gen_bind(in, h, &b);
	iommufmt_diag_init(&d);
	r = fuzz_bind_check(h, &b, NULL, &d);
	FUZZ_CHECK(fuzz_bind_errno_ok(r, 0));
	FUZZ_CHECK(fuzz_diag_agrees(r, &d) && (!r || d.field[0]));	/* a reject names the field */
	/* conversions run the same check first: the same verdict */
	r2 = to_iommufd(h, b.kind, b.hdr, &out, &d2);
	if (r) {
		FUZZ_CHECK(r2 == r && d2.code == d.code);
	} else {
		fuzz_bind_accepted_header(h, &b);
		FUZZ_CHECK(r2 == 0 || (r2 == -EOPNOTSUPP && d2.code == IOMMUFMT_DIAG_BIND_NO_IOMMUFD));
	}
	if (!r && !r2) {
		union {
			struct iommufmt_bind_pasid_table pt;
			struct iommufmt_bind_pgtable pg;
		} back;
		uint8_t back_pl[IOMMUFMT_PAYLOAD_MAX];
		size_t need = b.kind == IOMMUFMT_BIND_KIND_PASID_TABLE ? sizeof(back.pt) :
			      sizeof(back.pg);

		hwpt_sane(&out);
		FUZZ_CHECK(b.kind == IOMMUFMT_BIND_KIND_PASID_TABLE ||
			   (out.pasid == b.pg.pasid &&
			    !(b.pg.flags & IOMMUFMT_BIND_PGTABLE_F_PASID) ==
			    !(out.hwpt_flags & IOMMUFMT_IOMMUFD_HWPT_ALLOC_PASID)));
		FUZZ_CHECK(from_iommufd(h, &out, &out, need, IOMMUFMT_PAYLOAD_MAX, &back, back_pl,
					1) == (int)b.kind);
		same_meaning(b.kind, b.kind == IOMMUFMT_BIND_KIND_PASID_TABLE ? (void *)&b.pt :
				     (void *)&b.pg, &back);
		/* outputs one byte short: -EMSGSIZE, nothing written */
		FUZZ_CHECK(from_iommufd(h, &out, &out, need - 1, IOMMUFMT_PAYLOAD_MAX, &back, back_pl,
					1) == -EMSGSIZE);
	}
	if (b.kind == IOMMUFMT_BIND_KIND_PGTABLE) {
		struct iommufmt_pgtable_cfg cfg;
		int rc;

		memset(&cfg, FUZZ_POISON, sizeof(cfg));
		cfg.argsz = sizeof(cfg);
		iommufmt_diag_init(&d2);
		rc = iommufmt_bind_pgtable_cfg(h, b.hdr, &cfg, &d2);
		if (r) {
			/* untouched on error: argsz as given, the rest still poison */
			FUZZ_CHECK(rc == r && d2.code == d.code && cfg.argsz == sizeof(cfg) &&
				   fuzz_all_poison(&cfg.argsz + 1, sizeof(cfg) - sizeof(cfg.argsz)));
		} else {
			const struct iommufmt_pgtable_ops *ops;
			struct iommufmt_pgtable pt;

			FUZZ_CHECK(rc == 0 || (rc == -EOPNOTSUPP &&
					       d2.code == IOMMUFMT_DIAG_NOT_IMPLEMENTED));
			if (rc)
				goto out;
			FUZZ_CHECK(cfg.argsz == sizeof(cfg) && cfg.root == b.pg.root &&
				   cfg.format == b.pg.format);
			/* the walker takes the configuration a validated bind gives */
			ops = iommufmt_pgtable_get(cfg.format);
			iommufmt_diag_init(&d2);
			rc = iommufmt_pgtable_prepare(&pt, &cfg, &d2);
			if (ops && ops->walk)
				FUZZ_CHECK(rc == 0);
			else
				FUZZ_CHECK(rc == -EOPNOTSUPP);
		}
	}
out:
	fuzz_bind_free(&b);
}

static void fuzz_unbind(struct fuzz_in *in, const struct iommufmt_host *h)
{
	const struct iommufmt_host_desc *hd = iommufmt_host_get_desc(h);
	struct iommufmt_unbind u;
	struct iommufmt_diag d;
	uint8_t sel = fuzz_u8(in);
	uint32_t argsz;
	void *ub;
	int r;

	memset(&u, 0, sizeof(u));
	u.argsz = sizeof(u);
	u.flags = sel & 1 ? fuzz_u32(in) : fuzz_u8(in) & IOMMUFMT_UNBIND_F_ALL;
	u.model = sel & 2 ? fuzz_u32(in) : hd->model;
	u.variant = sel & 4 ? fuzz_u8(in) : 0;
	u.pasid = fuzz_u32(in);
	if (!(sel & 8) && hd->pasid.pasid_bits)
		u.pasid &= (1u << hd->pasid.pasid_bits) - 1;
	u.__reserved = sel & 16 ? fuzz_u32(in) : 0;
	ub = fuzz_versioned(in, &u, sizeof(u), &argsz);
	iommufmt_diag_init(&d);
	r = iommufmt_unbind_check(h, ub, &d);
	FUZZ_CHECK(r == 0 || r == -EINVAL || r == -E2BIG || r == -EOPNOTSUPP);
	FUZZ_CHECK(fuzz_diag_agrees(r, &d));
	if (!r) {
		const uint32_t what = u.flags & (IOMMUFMT_UNBIND_F_PASID_TABLE | IOMMUFMT_UNBIND_F_PGTABLE);
		const uint32_t rel = u.flags & (IOMMUFMT_UNBIND_F_RELEASE_FLUSHED |
						IOMMUFMT_UNBIND_F_RELEASE_IDLE);

		/* what iommufmt_unbind documents, on an accepted request */
		FUZZ_CHECK(argsz >= IOMMUFMT_UNBIND_SIZE_VER0 && !(u.flags & ~IOMMUFMT_UNBIND_F_ALL));
		FUZZ_CHECK(!u.__reserved && u.model == hd->model);
		FUZZ_CHECK(what == IOMMUFMT_UNBIND_F_PASID_TABLE || what == IOMMUFMT_UNBIND_F_PGTABLE);
		FUZZ_CHECK(rel != (IOMMUFMT_UNBIND_F_RELEASE_FLUSHED | IOMMUFMT_UNBIND_F_RELEASE_IDLE));
		FUZZ_CHECK(!rel || ((u.flags & IOMMUFMT_UNBIND_F_PASID) &&
				    what == IOMMUFMT_UNBIND_F_PGTABLE));
		if (u.flags & IOMMUFMT_UNBIND_F_PASID)
			FUZZ_CHECK(hd->pasid.pasid_bits && !(u.pasid >> hd->pasid.pasid_bits));
		else
			FUZZ_CHECK(!u.pasid);
	}
	free(ub);
}

/* Hostile IOMMU_HWPT_ALLOC data to iommufmt_bind_from_iommufd(). */
static void fuzz_from_iommufd(struct fuzz_in *in, const struct iommufmt_host *h)
{
	struct iommufmt_iommufd_hwpt hw;
	union {
		struct iommufmt_bind_pasid_table pt;
		struct iommufmt_bind_pgtable pg;
	} back;
	uint8_t back_pl[IOMMUFMT_PAYLOAD_MAX], sel = fuzz_u8(in);
	const uint8_t *p;
	size_t n, bind_size, payload_size;
	uint32_t argsz;
	void *hb;

	memset(&hw, 0, sizeof(hw));
	hw.argsz = sizeof(hw);
	hw.flags = sel & 1 ? fuzz_u32(in) : 0;
	hw.hwpt_flags = sel & 2 ? fuzz_u32(in) : fuzz_u8(in) & IOMMUFMT_IOMMUFD_HWPT_ALLOC_PASID;
	hw.data_type = sel & 4 ? fuzz_u32(in) : fuzz_u8(in) % 4;
	hw.data_len = sel & 8 ? fuzz_u32(in) : fuzz_u8(in) % (sizeof(hw.data) + 1);
	hw.pasid = fuzz_u32(in);
	p = fuzz_bytes(in, sizeof(hw.data), &n);
	memcpy(hw.data, p, n);
	bind_size = sel & 16 ? fuzz_u8(in) % (sizeof(back) + 1) : sizeof(back);
	payload_size = sel & 32 ? fuzz_u8(in) % (IOMMUFMT_PAYLOAD_MAX + 1) : IOMMUFMT_PAYLOAD_MAX;
	hb = fuzz_versioned(in, &hw, sizeof(hw), &argsz);
	memcpy(&hw, hb, argsz < sizeof(hw) ? argsz : sizeof(hw));	/* what the library sees */
	if (argsz < sizeof(hw))
		memset((uint8_t *)&hw + argsz, 0, sizeof(hw) - argsz);
	from_iommufd(h, hb, &hw, bind_size, payload_size, &back, back_pl, 0);
	free(hb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in;
	struct iommufmt_host *h;
	uint8_t op;

	fuzz_in_init(&in, data, size);
	h = fuzz_gen_host(&in);
	if (!h)
		return 0;
	op = fuzz_u8(&in);
	switch (op % 4) {
	case 0:
	case 1:
		fuzz_one_bind(&in, h);
		break;
	case 2:
		fuzz_unbind(&in, h);
		break;
	default:
		fuzz_from_iommufd(&in, h);
		break;
	}
	iommufmt_host_free(h);
	return 0;
}
