/* SPDX-License-Identifier: MIT */
/* Fuzz target: host register decode, the hw_info chain, negotiation and advertised registers against their contract. */
#include <errno.h>

#include <iommufmt/iommufmt.h>
#include "fuzz/harness_util.h"

#define PAYLOAD_MAX 80u		/* hostile register payload length */
#define HWINFO_MAX 600u		/* hw_info buffer sizes tried */
#define NR_DIAGS 12u		/* most incompatibility records asked for */
#define INFO_SZ sizeof(struct iommufmt_hw_info)

/* ---- the host's hw_info chain ---- */

/* Capability @id, @size bytes, expected at the chain entry @c. */
static void same_cap(const uint8_t *c, size_t cap_len, const void *want, size_t size)
{
	FUZZ_CHECK(cap_len >= size);
	/* the header's next differs; the rest is the description's member */
	FUZZ_CHECK(!memcmp(c, want, 4) && !memcmp(c + 8, (const uint8_t *)want + 8, size - 8));
}

static void check_hw_info(const struct iommufmt_host *h, size_t buflen)
{
	const struct iommufmt_host_desc *d = iommufmt_host_get_desc(h);
	struct iommufmt_hw_info info;
	struct iommufmt_cap_iter it;
	const struct iommufmt_cap_header *cap;
	struct iommufmt_diag diag;
	size_t cap_len, n;
	uint8_t *buf = malloc(buflen);
	int r;

	FUZZ_CHECK(buf != NULL);
	memset(buf, FUZZ_POISON, buflen);
	iommufmt_diag_init(&diag);
	r = iommufmt_host_hw_info(h, buf, buflen, &diag);
	FUZZ_CHECK(r == 0 && diag.code == IOMMUFMT_DIAG_OK);
	memset(&info, 0, sizeof(info));
	n = buflen < INFO_SZ ? buflen : INFO_SZ;
	memcpy(&info, buf, n);
	FUZZ_CHECK(info.flags & IOMMUFMT_HW_INFO_FLAGS_CAPS);
	if (!info.cap_offset) {
		/* too small: argsz says what is needed; nothing past the fixed struct written */
		FUZZ_CHECK(info.argsz > buflen && info.argsz >= INFO_SZ);
		if (buflen >= INFO_SZ)
			FUZZ_CHECK(info.model == d->model && info.variant == d->variant);
		FUZZ_CHECK(fuzz_all_poison(buf + n, buflen - n));
		free(buf);
		check_hw_info(h, info.argsz);	/* the size it asked for fits */
		return;
	}
	FUZZ_CHECK(info.argsz == buflen && info.cap_offset == INFO_SZ);
	FUZZ_CHECK(info.model == d->model && info.variant == d->variant && !info.__reserved);
	/* one capability per page-table format, then PASID, nesting, invalidation, fault */
	r = iommufmt_caps_check(buf, buflen, INFO_SZ, info.cap_offset, &diag);
	FUZZ_CHECK(r == (int)d->nr_pgtables + 4);
	FUZZ_CHECK(iommufmt_caps_iter_init(&it, buf, buflen, INFO_SZ, info.cap_offset) == 0);
	for (uint32_t i = 0; i < d->nr_pgtables; i++) {
		FUZZ_CHECK(iommufmt_caps_iter_next(&it, &cap, &cap_len, NULL) == 1);
		FUZZ_CHECK(cap->id == IOMMUFMT_CAP_PGTABLE_FORMAT && cap->version == 1);
		same_cap((const uint8_t *)cap, cap_len, &d->pgtables[i], sizeof(d->pgtables[i]));
	}
	FUZZ_CHECK(iommufmt_caps_iter_next(&it, &cap, &cap_len, NULL) == 1);
	same_cap((const uint8_t *)cap, cap_len, &d->pasid, sizeof(d->pasid));
	FUZZ_CHECK(iommufmt_caps_iter_next(&it, &cap, &cap_len, NULL) == 1);
	same_cap((const uint8_t *)cap, cap_len, &d->nesting, sizeof(d->nesting));
	FUZZ_CHECK(iommufmt_caps_iter_next(&it, &cap, &cap_len, NULL) == 1);
	same_cap((const uint8_t *)cap, cap_len, &d->inval, sizeof(d->inval));
	FUZZ_CHECK(iommufmt_caps_iter_next(&it, &cap, &cap_len, NULL) == 1);
	same_cap((const uint8_t *)cap, cap_len, &d->fault, sizeof(d->fault));
	FUZZ_CHECK(iommufmt_caps_iter_next(&it, &cap, &cap_len, NULL) == 0);
	free(buf);
}

/* ---- decode ---- */

static const struct iommufmt_model_ops *pick_model(struct fuzz_in *in)
{
	const struct iommufmt_model_ops *m[16];
	size_t n = iommufmt_model_list(m, 16);

	FUZZ_CHECK(n > 0 && n <= 16);
	return m[fuzz_u8(in) % n];
}

static int host_errno_ok(int r)
{
	return r == 0 || r == -EINVAL || r == -E2BIG || r == -EOPNOTSUPP;
}

/*
 * Decode registers: @regs is wrapped with hostile argsz (fuzz_versioned()) and
 * its payload copied to an exact-size buffer. Checks the contract of
 * iommufmt_host_new(); returns the host or NULL.
 */
static struct iommufmt_host *decode(struct fuzz_in *in, struct iommufmt_hw_regs *regs,
				    const void *payload, int hostile)
{
	struct iommufmt_host *h = (struct iommufmt_host *)(uintptr_t)1;
	struct iommufmt_diag diag;
	void *pl = fuzz_exact(payload, regs->data_len), *rb;
	uint32_t argsz;
	int r;

	regs->data_uptr = (uintptr_t)pl;
	if (hostile && (fuzz_u8(in) & 0x1f) == 0)
		regs->data_uptr = 0;
	rb = hostile ? fuzz_versioned(in, regs, sizeof(*regs), &argsz) :
		       fuzz_exact(regs, sizeof(*regs));
	iommufmt_diag_init(&diag);
	r = iommufmt_host_new(rb, &h, &diag);
	FUZZ_CHECK(host_errno_ok(r));
	FUZZ_CHECK(fuzz_diag_agrees(r, &diag));
	if (r)
		FUZZ_CHECK(h == (struct iommufmt_host *)(uintptr_t)1);	/* out untouched */
	free(rb);
	free(pl);
	if (r)
		return NULL;
	FUZZ_CHECK(h != NULL);
	{
		const struct iommufmt_host_desc *d = iommufmt_host_get_desc(h);

		FUZZ_CHECK(d && d->model == regs->model && d->nr_pgtables <= IOMMUFMT_HOST_MAX_PGTABLES);
		FUZZ_CHECK(!d->pasid.pasid_bits || !(regs->flags & IOMMUFMT_HW_REGS_F_IOMMUFD) ||
			   d->pasid.pasid_bits <= regs->max_pasid_log2);
		FUZZ_CHECK(d->pasid.pasid_bits <= 20);
	}
	return h;
}

static const struct iommufmt_cap_pgtable_format *fmt_of(const struct iommufmt_host_desc *d,
							uint32_t format)
{
	for (uint32_t i = 0; i < d->nr_pgtables; i++)
		if (d->pgtables[i].format == format)
			return &d->pgtables[i];
	return NULL;
}

/* ---- advertise ---- */

/*
 * Advertise for @cfg (NULL: everything) into a caller struct of hostile
 * argsz and a data buffer of hostile capacity; on success decode the
 * registers as the guest would and hold them against the host (and @cfg).
 */
static void check_advertise(struct fuzz_in *in, const struct iommufmt_host *h,
			    const struct iommufmt_viommu_config *cfg, int negotiated)
{
	const struct iommufmt_host_desc *hd = iommufmt_host_get_desc(h), *gd;
	struct iommufmt_hw_regs o, got;
	struct iommufmt_diag diag;
	struct iommufmt_host *g;
	uint32_t cap = fuzz_u8(in) % (PAYLOAD_MAX + 1), argsz;
	uint8_t *data = malloc(cap ? cap : 1), full[IOMMUFMT_PAYLOAD_MAX];
	void *ob;
	int r;

	FUZZ_CHECK(data != NULL);
	memset(data, FUZZ_POISON, cap ? cap : 1);
	memset(&o, 0, sizeof(o));
	o.argsz = sizeof(o);
	o.data_len = cap;
	o.data_uptr = cap ? (uintptr_t)data : 0;
	o.model = fuzz_u32(in);		/* outputs: their input values are ignored */
	ob = fuzz_versioned(in, &o, sizeof(o), &argsz);
	iommufmt_diag_init(&diag);
	r = iommufmt_advertise(h, cfg, ob, &diag);
	FUZZ_CHECK(r == 0 || r == -EINVAL || r == -E2BIG || r == -EOPNOTSUPP);
	FUZZ_CHECK(fuzz_diag_agrees(r, &diag));
	if (argsz < IOMMUFMT_HW_REGS_SIZE_VER0)
		FUZZ_CHECK(r == -EINVAL);
	if (negotiated)
		FUZZ_CHECK(r == 0 || argsz < IOMMUFMT_HW_REGS_SIZE_VER0 || argsz > sizeof(o));
	if (r) {
		FUZZ_CHECK(fuzz_all_poison(data, cap));
		goto out;
	}
	memset(&got, 0, sizeof(got));
	memcpy(&got, ob, argsz < sizeof(got) ? argsz : sizeof(got));
	/* copy-out (DESIGN.md 3): min(argsz, ours) bytes, argsz reporting our full size */
	FUZZ_CHECK(got.argsz == sizeof(struct iommufmt_hw_regs) && got.model == hd->model &&
		   got.variant == hd->variant);
	FUZZ_CHECK(got.flags == IOMMUFMT_HW_REGS_F_IOMMUFD && got.data_len <= IOMMUFMT_PAYLOAD_MAX);
	FUZZ_CHECK(argsz < sizeof(o) || got.data_uptr == o.data_uptr);
	FUZZ_CHECK(!(got.capabilities & ~IOMMUFMT_IOMMUFD_HW_CAP_ALL));
	/* never more PASID bits than the host has, whatever the configuration asks */
	FUZZ_CHECK(got.max_pasid_log2 <= hd->pasid.pasid_bits);
	if (cap > got.data_len)	/* a larger buffer is zero-filled past the registers, as iommufd does */
		FUZZ_CHECK(iommufmt_is_zero(data + got.data_len, cap - got.data_len));

	/* The registers in full, decoded as the guest's IOMMU. */
	memset(&o, 0, sizeof(o));
	o.argsz = sizeof(o);
	o.data_len = sizeof(full);
	o.data_uptr = (uintptr_t)full;
	FUZZ_CHECK(iommufmt_advertise(h, cfg, &o, NULL) == 0);
	FUZZ_CHECK(!memcmp(full, data, cap < o.data_len ? cap : o.data_len));
	o.data_len = got.data_len;
	if (cfg && !negotiated)
		goto out;	/* not from iommufmt_negotiate(): nothing promised beyond the errors */
	g = decode(in, &o, full, 0);
	FUZZ_CHECK(g != NULL);	/* what a VMM shows its guest is a consistent IOMMU */
	gd = iommufmt_host_get_desc(g);

	/* Everything the guest may program is nestable on this host (tests/test-bind.c). */
	FUZZ_CHECK(gd->pasid.pasid_bits <= hd->pasid.pasid_bits);
	FUZZ_CHECK(!(gd->pasid.table_formats & ~hd->pasid.table_formats));
	FUZZ_CHECK(!(gd->pasid.flags & (IOMMUFMT_PASID_F_PRI | IOMMUFMT_PASID_F_STALL |
					IOMMUFMT_PASID_F_EXEC | IOMMUFMT_PASID_F_PRIV) &
		     ~hd->pasid.flags));
	FUZZ_CHECK((gd->pasid.flags & IOMMUFMT_PASID_F_ATS_NOT_SUPPORTED) ||
		   !(hd->pasid.flags & IOMMUFMT_PASID_F_ATS_NOT_SUPPORTED));
	for (uint32_t i = 0; i < gd->nr_pgtables; i++) {
		const struct iommufmt_cap_pgtable_format *gf = &gd->pgtables[i], *hf;

		/* AMD's EFR cannot withhold the host (v1) format; its bind check refuses it */
		if (hd->model == IOMMUFMT_MODEL_AMD && gf->format == IOMMUFMT_PGTABLE_AMD_V1)
			continue;
		FUZZ_CHECK(gf->format < 32 && (hd->nesting.stage1_formats & (1u << gf->format)));
		hf = fmt_of(hd, gf->format);
		FUZZ_CHECK(hf != NULL);
		/*
		 * The host's own capability bounds the guest's (tests/test-bind.c also
		 * asks oas <= nesting.gpa_bits, which AMD's fixed 52-bit x86 output
		 * breaks on a 4-level host: reported, not asserted here).
		 */
		FUZZ_CHECK(gf->ias <= hf->ias && gf->oas <= hf->oas);
		FUZZ_CHECK(!(gf->pgsize_bitmap & ~hf->pgsize_bitmap));
		FUZZ_CHECK(!(gf->flags & (IOMMUFMT_PGTF_AD | IOMMUFMT_PGTF_EXEC | IOMMUFMT_PGTF_PRIV) &
			     ~hf->flags));
		FUZZ_CHECK(!(gf->granules & ~hf->granules));
		if (negotiated) {
			/*
			 * Narrowed to the effective configuration where the registers can
			 * say it: formats and granules (a guest-physical width cannot be
			 * withheld from x86 tables, so oas is held against the host only).
			 */
			FUZZ_CHECK(cfg->pgtable_formats & (1u << gf->format));
			FUZZ_CHECK(!(gf->granules & ~cfg->granules));
		}
	}
	if (negotiated) {
		/*
		 * A PASID width the configuration names is not exceeded. (Without the
		 * PASID feature eff.pasid_bits is 0; SMMU and VT-d then show none,
		 * AMD the host's width: EFR cannot show GT without a PASMAX.)
		 */
		FUZZ_CHECK(!cfg->pasid_bits || gd->pasid.pasid_bits <= cfg->pasid_bits);
		FUZZ_CHECK(!(gd->pasid.flags & IOMMUFMT_PASID_F_PRI) ||
			   (cfg->flags & IOMMUFMT_VIOMMU_F_PRI));
		FUZZ_CHECK(!(gd->pasid.flags & IOMMUFMT_PASID_F_STALL) ||
			   (cfg->flags & IOMMUFMT_VIOMMU_F_STALL) ||
			   (hd->fault.flags & IOMMUFMT_FAULTF_STALL_FORCE));
	}
	iommufmt_host_free(g);
out:
	free(ob);
	free(data);
}

/* ---- negotiate ---- */

static void gen_config(struct fuzz_in *in, const struct iommufmt_host_desc *d,
		       struct iommufmt_viommu_config *c)
{
	uint8_t sel = fuzz_u8(in);

	memset(c, 0, sizeof(*c));
	c->argsz = sizeof(*c);
	c->flags = fuzz_u32(in);
	if (!(sel & 1))
		c->flags &= IOMMUFMT_VIOMMU_F_ALL;
	c->model = sel & 2 ? fuzz_u32(in) : d->model;
	c->variant = sel & 4 ? fuzz_u8(in) : 0;
	c->pgtable_formats = fuzz_u32(in);
	c->pasid_table_formats = fuzz_u32(in);
	if (!(sel & 8)) {
		c->pgtable_formats &= d->nesting.stage1_formats;
		c->pasid_table_formats &= d->pasid.table_formats;
	}
	c->pasid_bits = fuzz_u8(in);
	c->ias = fuzz_u8(in);
	c->oas = fuzz_u8(in);
	c->asid_bits = fuzz_u8(in);
	if (!(sel & 16)) {	/* within the host's widths more often */
		c->pasid_bits %= 21;
		c->ias %= 65;
		c->oas %= 65;
		c->asid_bits %= 17;
	}
	c->granules = fuzz_u32(in);
	c->pgsize_bitmap = fuzz_u64(in);
	c->inval_flags = fuzz_u32(in);
	c->fault_flags = fuzz_u32(in);
	if (!(sel & 32)) {
		uint32_t gr = 0;
		uint64_t ps = 0;

		for (uint32_t i = 0; i < d->nr_pgtables; i++) {
			gr |= d->pgtables[i].granules;
			ps |= d->pgtables[i].pgsize_bitmap;
		}
		c->granules &= gr;
		c->pgsize_bitmap &= ps;
		c->inval_flags &= d->inval.flags;
		c->fault_flags &= d->fault.flags;
	}
}

static int neg_code_ok(uint32_t code)
{
	return code == IOMMUFMT_DIAG_NEG_FORMAT || code == IOMMUFMT_DIAG_NEG_LIMIT ||
	       code == IOMMUFMT_DIAG_NEG_FEATURE || code == IOMMUFMT_DIAG_NEG_PGSIZE ||
	       code == IOMMUFMT_DIAG_MODEL_MISMATCH;
}

/* Negotiate @req; on success *eff holds the effective configuration and 1 is returned. */
static int check_negotiate(struct fuzz_in *in, const struct iommufmt_host *h,
			   const void *req, uint32_t req_argsz, struct iommufmt_viommu_config *eff)
{
	struct iommufmt_diag diags[NR_DIAGS];
	struct iommufmt_viommu_config e;
	uint32_t cap = fuzz_u8(in) % (NR_DIAGS + 1), nr = cap, eff_argsz = sizeof(e);
	uint8_t mode = fuzz_u8(in);
	uint8_t *eb;
	int r;

	if (mode & 1)
		eff_argsz = fuzz_u8(in) % (FUZZ_ARGSZ_MAX + 1);
	eb = malloc(eff_argsz > 4 ? eff_argsz : 4);
	FUZZ_CHECK(eb != NULL);
	memset(eb, FUZZ_POISON, eff_argsz > 4 ? eff_argsz : 4);
	memcpy(eb, &eff_argsz, 4);
	memset(diags, FUZZ_POISON, sizeof(diags));
	r = iommufmt_negotiate(h, req, (mode & 2) ? NULL : (void *)eb, cap ? diags : NULL, &nr);
	FUZZ_CHECK(r == 0 || r == -EOPNOTSUPP || r == -EMSGSIZE || r == -EINVAL || r == -E2BIG);
	if (r == 0)
		FUZZ_CHECK(nr == 0);
	else if (r == -EMSGSIZE)
		FUZZ_CHECK(nr > cap);
	else
		FUZZ_CHECK(nr >= 1 && (r != -EOPNOTSUPP || nr <= cap || nr == 1));
	/* the records written: one per incompatibility, each filled; none past them */
	for (uint32_t i = 0; i < cap; i++) {
		if (i < nr) {
			FUZZ_CHECK(diags[i].argsz == sizeof(diags[i]) &&
				   (diags[i].error == r ||
				    (r == -EMSGSIZE && diags[i].error == -EOPNOTSUPP)));
			if (r == -EOPNOTSUPP || r == -EMSGSIZE)
				FUZZ_CHECK(neg_code_ok(diags[i].code) ||
					   (nr == 1 && diags[i].code == IOMMUFMT_DIAG_UNKNOWN_FLAGS));
		} else {
			FUZZ_CHECK(fuzz_all_poison(&diags[i], sizeof(diags[i])));
		}
	}
	if (req_argsz < IOMMUFMT_VIOMMU_CONFIG_SIZE_VER0)
		FUZZ_CHECK(r == -EINVAL);
	if (!(mode & 2) && eff_argsz < IOMMUFMT_VIOMMU_CONFIG_SIZE_VER0)
		FUZZ_CHECK(r == -EINVAL);
	if (r || (mode & 2)) {
		/* the effective configuration is written only on success */
		FUZZ_CHECK(mode & 2 || fuzz_all_poison(eb + 4, eff_argsz > 4 ? eff_argsz - 4 : 0));
		free(eb);
		return 0;
	}
	memset(&e, 0, sizeof(e));
	memcpy(&e, eb, eff_argsz < sizeof(e) ? eff_argsz : sizeof(e));
	FUZZ_CHECK(eff_argsz < 4 || e.argsz == sizeof(e));	/* copy-out reports the full size */
	if (eff_argsz > sizeof(e))	/* a newer caller's tail is zero-filled */
		FUZZ_CHECK(iommufmt_is_zero(eb + sizeof(e), eff_argsz - sizeof(e)));
	free(eb);
	if (eff_argsz < sizeof(e))
		return 0;
	*eff = e;
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in;
	const struct iommufmt_model_ops *m;
	const struct iommufmt_host_ops *hops;
	struct iommufmt_hw_regs regs;
	struct iommufmt_viommu_config req, eff, eff2;
	struct iommufmt_host *h;
	uint8_t payload[256], sel;
	const uint8_t *p;
	size_t n;
	void *rb;
	uint32_t argsz, dl;

	fuzz_in_init(&in, data, size);
	m = pick_model(&in);
	hops = m->host;
	sel = fuzz_u8(&in);
	memset(&regs, 0, sizeof(regs));
	regs.argsz = sizeof(regs);
	regs.model = sel & 1 ? fuzz_u32(&in) : m->model;
	regs.variant = sel & 2 ? fuzz_u32(&in) : 0;
	regs.data_type = (sel & 4) || !hops ? fuzz_u32(&in) : hops->hw_info_types[0].type;
	dl = fuzz_u8(&in);
	regs.data_len = (sel & 8) || !hops ? dl % (PAYLOAD_MAX + 1) : hops->hw_info_types[0].size;
	if (sel & 16) {
		regs.flags = fuzz_u32(&in);
		regs.max_pasid_log2 = fuzz_u32(&in);
		regs.capabilities = fuzz_u64(&in);
		regs.__reserved = fuzz_u8(&in) == 0xff;
	} else if (sel & 32) {
		regs.flags = IOMMUFMT_HW_REGS_F_IOMMUFD;
		regs.max_pasid_log2 = fuzz_u8(&in) % 21;
		regs.capabilities = fuzz_u8(&in) & IOMMUFMT_IOMMUFD_HW_CAP_ALL;
	}
	memset(payload, 0, sizeof(payload));
	p = fuzz_bytes(&in, regs.data_len, &n);
	memcpy(payload, p, n);
	h = decode(&in, &regs, payload, 1);
	if (!h)
		return 0;

	check_hw_info(h, 8 + fuzz_u16(&in) % HWINFO_MAX);
	check_advertise(&in, h, NULL, 0);

	gen_config(&in, iommufmt_host_get_desc(h), &req);
	rb = fuzz_versioned(&in, &req, sizeof(req), &argsz);
	if (check_negotiate(&in, h, rb, argsz, &eff)) {
		struct iommufmt_diag diags[NR_DIAGS];
		uint32_t nr = NR_DIAGS;

		/* The effective configuration is a request the host grants as it is. */
		memset(&eff2, 0, sizeof(eff2));
		eff2.argsz = sizeof(eff2);
		FUZZ_CHECK(iommufmt_negotiate(h, &eff, &eff2, diags, &nr) == 0 && nr == 0);
		FUZZ_CHECK(!memcmp(&eff, &eff2, sizeof(eff)));
		FUZZ_CHECK(eff.model == iommufmt_host_get_desc(h)->model);
		check_advertise(&in, h, &eff, 1);
	}
	/* A configuration that was not negotiated: only the documented errors. */
	check_advertise(&in, h, rb, 0);
	free(rb);
	iommufmt_host_free(h);
	return 0;
}
