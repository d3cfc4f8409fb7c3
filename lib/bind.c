/* SPDX-License-Identifier: MIT */
/* Generic bind handling: header copy and checks, out-of-line payloads, dispatch to the model, iommufd conversion. */
#include "lib/bind_internal.h"

/* Contract in bind_internal.h; used for bind payloads and iommufmt_host_new()'s registers. */
int iommufmt__payload_in(void *dst, const struct iommufmt_data_type_desc *dt, uint64_t uptr,
			 uint32_t len, struct iommufmt_diag *diag)
{
	/* A payload is an argsz-extensible struct whose length is data_len: the same rules. */
	/*
	 * data_uptr is a __u64 (ABI rule 1): on a 32-bit host a larger value would
	 * be truncated into some other address, so it is refused, never cast.
	 */
	if (!uptr || uptr > UINTPTR_MAX)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_NULL_ARG, "data_uptr",
					 IOMMUFMT__DV_VALUE, uptr, 0, 0,
					 "payload address 0x%llx is not a pointer of this process",
					 (unsigned long long)uptr);
	return iommufmt__copy_in_hot(dst, dt->size, dt->ver0_size, (const void *)(uintptr_t)uptr,
				     len, "data_len", diag);
}

static const struct iommufmt_data_type_desc *bind_type(const struct iommufmt_bind_ops *b,
						       uint32_t type)
{
	for (size_t i = 0; i < b->nr_data_types; i++)
		if (b->data_types[i].type == type)
			return &b->data_types[i];
	return NULL;
}

/* bops is NULL for a model without (or with a too-old) bind table: see iommufmt_host_new(). */
static int need_bind_ops(const struct iommufmt_host *host, struct iommufmt_diag *diag)
{
	if (unlikely(!host->bops))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NOT_IMPLEMENTED, "model",
				      "model %s has no bind validator", host->model->name);
	return 0;
}

/* Payloads are one model's native encoding (ABI rule 5): no other model's may reach ours. */
static int check_model(const struct iommufmt_host_desc *d, uint32_t model, uint32_t variant,
		       struct iommufmt_diag *diag)
{
	char a[5], b[5];

	if (likely(model == d->model &&
		   (variant == IOMMUFMT_VARIANT_DEFAULT || variant == d->variant)))
		return 0;
	return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_MODEL_MISMATCH, "model",
				 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, model, d->model, 0,
				 "%s (variant %u) data offered to a host of model %s (variant %u)",
				 iommufmt_fourcc_str(model, a), variant,
				 iommufmt_fourcc_str(d->model, b), d->variant);
}

/* The rest of a bind or unbind header after its flags: reserved field, model, and bind ops if @ops. */
static inline __attribute__((always_inline)) int
header_rest(const struct iommufmt_host *host, uint32_t reserved, uint32_t model,
	    uint32_t variant, bool ops, struct iommufmt_diag *diag)
{
	int err;

	if (unlikely(reserved))
		return iommufmt__reserved_nonzero(diag, "__reserved");
	err = check_model(&host->desc, model, variant, diag);
	if (unlikely(err) || !ops)
		return err;
	return need_bind_ops(host, diag);
}

/* A PASID the header names (its flag set): the host has PASIDs, and this one fits them. */
static inline __attribute__((always_inline)) int
check_pasid(const struct iommufmt_host_desc *d, uint32_t pasid, struct iommufmt_diag *diag)
{
	if (unlikely(!d->pasid.pasid_bits))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BIND_UNSUPPORTED, "pasid",
				      "this host has no PASID support");
	/* < 32: a shift by the full width of pasid would be undefined. */
	if (unlikely(d->pasid.pasid_bits < 32 && (pasid >> d->pasid.pasid_bits) != 0))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_PASID_RANGE, "pasid",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, pasid,
					 iommufmt__mask(d->pasid.pasid_bits), 0,
					 "PASID %u is beyond the host's %u PASID bits", pasid,
					 d->pasid.pasid_bits);
	return 0;
}

/* A PASID given without the flag that makes it valid (@flag names it). */
static int pasid_without_flag(uint32_t pasid, const char *flag, struct iommufmt_diag *diag)
{
	return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_COMBINATION, "pasid",
				 IOMMUFMT__DV_VALUE, pasid, 0, 0, "pasid %u given without %s", pasid,
				 flag);
}

/* Fetch the payload after checking its type belongs to the model and the bind kind. */
static int fetch_payload(const struct iommufmt_host *host, uint32_t kind, uint32_t type,
			 uint32_t len, uint64_t uptr, uint64_t *buf, struct iommufmt_diag *diag)
{
	const struct iommufmt_data_type_desc *dt = bind_type(host->bops, type);

	/* The right model's type but the other bind kind would be parsed with the wrong layout. */
	if (unlikely(!dt || dt->kind != kind))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_DATA_TYPE,
					 "data_type", IOMMUFMT__DV_VALUE, type, 0, 0,
					 "payload type 0x%x is not a %s payload of model %s", type,
					 kind == IOMMUFMT_BIND_KIND_PASID_TABLE ? "PASID-table" :
					 "page-table", host->model->name);
	return iommufmt__payload_in(buf, dt, uptr, len, diag);
}

/* A table above the GPA width the host nests is out of stage 2's reach; >= 64: no limit. */
static int check_addr(const struct iommufmt_host_desc *d, const char *field, uint64_t addr,
		      struct iommufmt_diag *diag)
{
	unsigned int bits = d->nesting.gpa_bits;

	if (likely(bits >= 64 || (addr >> bits) == 0))
		return 0;
	return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_EXCEEDS_HOST, field,
				 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, addr,
				 iommufmt__mask(bits), 0,
				 "%s 0x%llx is above the %u-bit guest-physical space the host "
				 "nests", field, (unsigned long long)addr, bits);
}

/*
 * Header checks of a PASID-table bind, then its payload into @payload. From
 * here on only the local copy @b is read: the caller's struct is fetched once,
 * so a concurrent change cannot slip a value past a check (no double fetch).
 */
static int pasid_table_in(const struct iommufmt_host *host,
			  const struct iommufmt_bind_pasid_table *bind,
			  struct iommufmt_bind_pasid_table *b, uint64_t *payload,
			  struct iommufmt_diag *diag)
{
	const struct iommufmt_host_desc *d;
	int err;

	if (unlikely(!host || !bind))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "bind",
				      "no host or no bind");
	d = &host->desc;
	err = iommufmt__copy_in_flags(b, sizeof(*b), IOMMUFMT_BIND_PASID_TABLE_SIZE_VER0, bind,
				      bind->argsz, IOMMUFMT_BIND_PASID_TABLE_F_ALL, "PASID-table bind ",
				      diag);
	if (likely(!err))
		err = header_rest(host, b->__reserved, b->model, b->variant, true, diag);
	if (unlikely(err))
		return err;
	if (unlikely(!d->pasid.table_formats || !host->bops->check_pasid_table))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BIND_NO_PASID_TABLE,
				      "format", "this %s host walks no PASID table; bind its "
				      "translation table with a page-table bind",
				      host->model->name);
	if (unlikely(!(d->nesting.flags & (IOMMUFMT_NESTING_F_PASID_TABLE |
					   IOMMUFMT_NESTING_F_SHADOW))))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BIND_NO_NESTING, "model",
				      "this %s host cannot nest a guest PASID table",
				      host->model->name);
	/* Bypass and abort name no table: table fields given with them are a caller's mistake. */
	switch (b->config) {
	case IOMMUFMT_BIND_CONFIG_TRANSLATE:
		/* format >= 32 first: 1u << 32 is undefined. */
		if (unlikely(b->format >= 32 || !(d->pasid.table_formats & (1u << b->format))))
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_UNSUPPORTED,
						 "format", IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT,
						 b->format, d->pasid.table_formats, 0,
						 "PASID-table format %u (%s) is not one this host "
						 "walks", b->format,
						 iommufmt_pasidt_name(b->format) ?
						 iommufmt_pasidt_name(b->format) : "unknown");
		if (unlikely(b->pasid_bits > d->pasid.pasid_bits))
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_EXCEEDS_HOST,
						 "pasid_bits",
						 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT,
						 b->pasid_bits, d->pasid.pasid_bits, 0,
						 "table of %u PASID bits, the host has %u",
						 b->pasid_bits, d->pasid.pasid_bits);
		err = check_addr(d, "base", b->base, diag);
		if (unlikely(err))
			return err;
		break;
	case IOMMUFMT_BIND_CONFIG_BYPASS:
	case IOMMUFMT_BIND_CONFIG_ABORT:
		if (unlikely(b->format || b->pasid_bits || b->base))
			return iommufmt__diag(diag, IOMMUFMT_DIAG_BAD_COMBINATION,
					      b->base ? "base" : b->format ? "format" :
					      "pasid_bits",
					      "a %s bind names no table: base, format and "
					      "pasid_bits must be zero",
					      b->config == IOMMUFMT_BIND_CONFIG_BYPASS ? "bypass" :
					      "abort");
		break;
	default:
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE, "config",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, b->config,
					 IOMMUFMT_BIND_CONFIG_ABORT, 0,
					 "config %u is not translate (1), bypass (2) or abort (3)",
					 b->config);
	}
	return fetch_payload(host, IOMMUFMT_BIND_KIND_PASID_TABLE, b->data_type, b->data_len,
			     b->data_uptr, payload, diag);
}

/* The header checks, then the model's check of the payload. */
static int pasid_table_checked(const struct iommufmt_host *host,
			       const struct iommufmt_bind_pasid_table *bind,
			       struct iommufmt_bind_pasid_table *b, uint64_t *payload,
			       const struct iommufmt_gmem *gmem, struct iommufmt_diag *diag)
{
	int err = pasid_table_in(host, bind, b, payload, diag);

	if (unlikely(err))
		return err;
	return host->bops->check_pasid_table(&host->desc, b, payload, gmem, diag);
}

/* Mark a success in @diag; returns @err. */
static inline int done(int err, struct iommufmt_diag *diag)
{
	if (likely(!err))
		iommufmt__diag_ok(diag);
	return err;
}

/*
 * Public (iommufmt.h). Hot path: stack copies only, one indirect call (the
 * model's payload check), nothing of the caller's written but @diag.
 */
IOMMUFMT_EXPORT int iommufmt_bind_pasid_table_check(const struct iommufmt_host *host,
						    const struct iommufmt_bind_pasid_table *bind,
						    const struct iommufmt_gmem *gmem,
						    struct iommufmt_diag *diag)
{
	struct iommufmt_bind_pasid_table b;
	uint64_t payload[IOMMUFMT_PAYLOAD_MAX / 8];

	return done(pasid_table_checked(host, bind, &b, payload, gmem, diag), diag);
}

/*
 * pasid_table_in() for a page-table bind: the same header order, then PASID,
 * stage-1 format, address width and root; the payload fetch, the only read
 * of caller memory past the header, comes last.
 */
static int pgtable_in(const struct iommufmt_host *host, const struct iommufmt_bind_pgtable *bind,
		      struct iommufmt_bind_pgtable *b, uint64_t *payload,
		      struct iommufmt_diag *diag)
{
	const struct iommufmt_host_desc *d;
	const struct iommufmt_cap_pgtable_format *f;
	int err;

	if (unlikely(!host || !bind))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "bind",
				      "no host or no bind");
	d = &host->desc;
	err = iommufmt__copy_in_flags(b, sizeof(*b), IOMMUFMT_BIND_PGTABLE_SIZE_VER0, bind,
				      bind->argsz, IOMMUFMT_BIND_PGTABLE_F_ALL, "page-table bind ",
				      diag);
	if (likely(!err))
		err = header_rest(host, b->__reserved, b->model, b->variant, true, diag);
	if (unlikely(err))
		return err;
	if (unlikely(!host->bops->check_pgtable ||
		     !(d->nesting.flags & (IOMMUFMT_NESTING_F_PGTABLE | IOMMUFMT_NESTING_F_SHADOW))))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BIND_NO_NESTING, "model",
				      "this %s host cannot nest a guest page table",
				      host->model->name);
	/* A PASID without its flag is refused, not ignored: the caller meant some PASID. */
	if (b->flags & IOMMUFMT_BIND_PGTABLE_F_PASID)
		err = check_pasid(d, b->pasid, diag);
	else if (unlikely(b->pasid))
		err = pasid_without_flag(b->pasid, "IOMMUFMT_BIND_PGTABLE_F_PASID", diag);
	if (unlikely(err))
		return err;
	/*
	 * The bitmap says the format nests, the capability gives its IAS; a format
	 * missing from either is refused here, so @f is never NULL below.
	 */
	if (unlikely(b->format >= 32 || !(d->nesting.stage1_formats & (1u << b->format)) ||
		     !(f = iommufmt__host_pgtable(d, b->format))))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_UNSUPPORTED, "format",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, b->format,
					 d->nesting.stage1_formats, 0,
					 "page-table format %u is not a stage 1 this host nests "
					 "(bitmap 0x%x)", b->format, d->nesting.stage1_formats);
	/* Zero is malformed (-EINVAL); above the IAS it is valid but unservable (-EOPNOTSUPP). */
	if (unlikely(!b->addr_width || b->addr_width > f->ias))
		return iommufmt__diag_ex(diag,
					 b->addr_width ? IOMMUFMT_DIAG_BIND_EXCEEDS_HOST :
					 IOMMUFMT_DIAG_BAD_VALUE, "addr_width",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, b->addr_width,
					 f->ias, 0, "address width %u, the host's format takes up "
					 "to %u bits", b->addr_width, f->ias);
	err = check_addr(d, "root", b->root, diag);
	if (unlikely(err))
		return err;
	return fetch_payload(host, IOMMUFMT_BIND_KIND_PGTABLE, b->data_type, b->data_len,
			     b->data_uptr, payload, diag);
}

/* The header checks, then the model's check of the payload. */
static int pgtable_checked(const struct iommufmt_host *host, const struct iommufmt_bind_pgtable *bind,
			   struct iommufmt_bind_pgtable *b, uint64_t *payload,
			   const struct iommufmt_gmem *gmem, struct iommufmt_diag *diag)
{
	int err = pgtable_in(host, bind, b, payload, diag);

	if (unlikely(err))
		return err;
	return host->bops->check_pgtable(&host->desc, b, payload, gmem, diag);
}

/* Public (iommufmt.h): as iommufmt_bind_pasid_table_check(), for a page-table bind. */
IOMMUFMT_EXPORT int iommufmt_bind_pgtable_check(const struct iommufmt_host *host,
						const struct iommufmt_bind_pgtable *bind,
						const struct iommufmt_gmem *gmem,
						struct iommufmt_diag *diag)
{
	struct iommufmt_bind_pgtable b;
	uint64_t payload[IOMMUFMT_PAYLOAD_MAX / 8];

	return done(pgtable_checked(host, bind, &b, payload, gmem, diag), diag);
}

/*
 * Public (iommufmt.h). No payload, so bind ops are optional: the flag rules of
 * struct iommufmt_unbind (abi.h) first, the model's check_unbind last.
 */
IOMMUFMT_EXPORT int iommufmt_unbind_check(const struct iommufmt_host *host,
					  const struct iommufmt_unbind *unbind,
					  struct iommufmt_diag *diag)
{
	const uint32_t what = IOMMUFMT_UNBIND_F_PASID_TABLE | IOMMUFMT_UNBIND_F_PGTABLE;
	const uint32_t rel = IOMMUFMT_UNBIND_F_RELEASE_FLUSHED | IOMMUFMT_UNBIND_F_RELEASE_IDLE;
	struct iommufmt_unbind u;
	const struct iommufmt_host_desc *d;
	int err;

	if (!host || !unbind)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "unbind",
				      "no host or no unbind");
	d = &host->desc;
	err = iommufmt__copy_in_flags(&u, sizeof(u), IOMMUFMT_UNBIND_SIZE_VER0, unbind,
				      unbind->argsz, IOMMUFMT_UNBIND_F_ALL, "unbind ", diag);
	if (!err)
		err = header_rest(host, u.__reserved, u.model, u.variant, false, diag);
	if (err)
		return err;
	if ((u.flags & what) != IOMMUFMT_UNBIND_F_PASID_TABLE &&
	    (u.flags & what) != IOMMUFMT_UNBIND_F_PGTABLE)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_COMBINATION, "flags",
					 IOMMUFMT__DV_VALUE, u.flags, 0, 0,
					 "exactly one of PASID_TABLE and PGTABLE must be set");
	/* Drained versus never in flight: a PASID is released in one way or the other. */
	if ((u.flags & rel) == rel)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNBIND_RELEASE, "flags",
					 IOMMUFMT__DV_VALUE, u.flags, 0, 0,
					 "RELEASE_FLUSHED and RELEASE_IDLE exclude each other");
	if ((u.flags & IOMMUFMT_UNBIND_F_PASID_TABLE) && (u.flags & IOMMUFMT_UNBIND_F_PASID))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BAD_COMBINATION, "pasid",
				      "a PASID-table unbind covers every PASID; it takes none");
	if ((u.flags & rel) && !(u.flags & IOMMUFMT_UNBIND_F_PASID))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNBIND_RELEASE, "flags",
					 IOMMUFMT__DV_VALUE, u.flags, 0, 0,
					 "a release needs the PASID to release "
					 "(IOMMUFMT_UNBIND_F_PASID)");
	if (!(u.flags & IOMMUFMT_UNBIND_F_PASID) && u.pasid)
		return pasid_without_flag(u.pasid, "IOMMUFMT_UNBIND_F_PASID", diag);
	if ((u.flags & IOMMUFMT_UNBIND_F_PASID_TABLE) && !d->pasid.table_formats)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BIND_NO_PASID_TABLE,
				      "flags", "model %s has no PASID table to unbind",
				      host->model->name);
	if (u.flags & IOMMUFMT_UNBIND_F_PASID) {
		err = check_pasid(d, u.pasid, diag);
		if (err)
			return err;
	}
	if (host->bops && host->bops->check_unbind)
		err = host->bops->check_unbind(d, &u, diag);
	return done(err, diag);
}

/* The common start of the models' from_iommufd ops (contract in bind_internal.h). */
int iommufmt__iommufd_hwpt_in(const struct iommufmt_iommufd_hwpt *in, uint32_t type,
			      const char *type_name, uint32_t len, uint32_t hwpt_flags,
			      const char *what, struct iommufmt_diag *diag)
{
	const bool pasid = hwpt_flags & IOMMUFMT_IOMMUFD_HWPT_ALLOC_PASID;

	if (in->data_type != type)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_DATA_TYPE,
					 "data_type", IOMMUFMT__DV_VALUE, in->data_type, 0, 0,
					 "iommufd data type %u is not %s", in->data_type, type_name);
	if (in->data_len != len || (in->hwpt_flags & ~hwpt_flags) || (in->pasid && !pasid))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE, "data_len",
					 IOMMUFMT__DV_VALUE, in->data_len, len, 0, "%s is %u bytes%s",
					 what, len, pasid ? "; only the PASID HWPT flag is known" :
					 ", with no PASID and no HWPT flags");
	return 0;
}

/* The caller's output struct: argsz must reach VER0; the rest is written. */
static int iommufd_out_ok(const struct iommufmt_iommufd_hwpt *out, struct iommufmt_diag *diag)
{
	if (!out)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "out", "no output");
	if (out->argsz < IOMMUFMT_IOMMUFD_HWPT_SIZE_VER0)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_ARGSZ_SMALL, "argsz",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, out->argsz,
					 IOMMUFMT_IOMMUFD_HWPT_SIZE_VER0, 0,
					 "output argsz %u is below %u", out->argsz,
					 IOMMUFMT_IOMMUFD_HWPT_SIZE_VER0);
	return 0;
}

/*
 * The model fills a zeroed local copy; @out is written only on success, and
 * only min(out->argsz, ours) bytes of it (copy-out rule, ABI rule 3).
 */
static int to_iommufd(const struct iommufmt_host *host, uint32_t kind, const void *b,
		      const uint64_t *payload, struct iommufmt_iommufd_hwpt *out,
		      struct iommufmt_diag *diag)
{
	struct iommufmt_iommufd_hwpt o;
	int err;

	if (!host->bops->to_iommufd)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BIND_NO_IOMMUFD, "model",
				      "model %s has no iommufd HWPT data", host->model->name);
	memset(&o, 0, sizeof(o));
	o.argsz = sizeof(o);
	err = host->bops->to_iommufd(&host->desc, kind, b, payload, &o, diag);
	if (err)
		return err;
	iommufmt_struct_copy_out(out, out->argsz, &o, sizeof(o));
	iommufmt__diag_ok(diag);
	return 0;
}

/*
 * Public (iommufmt.h). @out is checked first, before any model code runs; the
 * bind is checked without guest memory: conversion needs only the payload.
 */
IOMMUFMT_EXPORT int iommufmt_bind_pasid_table_to_iommufd(const struct iommufmt_host *host,
							 const struct iommufmt_bind_pasid_table *bind,
							 struct iommufmt_iommufd_hwpt *out,
							 struct iommufmt_diag *diag)
{
	struct iommufmt_bind_pasid_table b;
	uint64_t payload[IOMMUFMT_PAYLOAD_MAX / 8];
	int err = iommufd_out_ok(out, diag);

	if (!err)
		err = pasid_table_checked(host, bind, &b, payload, NULL, diag);
	return err ? err : to_iommufd(host, IOMMUFMT_BIND_KIND_PASID_TABLE, &b, payload, out, diag);
}

IOMMUFMT_EXPORT int iommufmt_bind_pgtable_to_iommufd(const struct iommufmt_host *host,
						     const struct iommufmt_bind_pgtable *bind,
						     struct iommufmt_iommufd_hwpt *out,
						     struct iommufmt_diag *diag)
{
	struct iommufmt_bind_pgtable b;
	uint64_t payload[IOMMUFMT_PAYLOAD_MAX / 8];
	int err = iommufd_out_ok(out, diag);

	if (!err)
		err = pgtable_checked(host, bind, &b, payload, NULL, diag);
	return err ? err : to_iommufd(host, IOMMUFMT_BIND_KIND_PGTABLE, &b, payload, out, diag);
}

/*
 * Public (iommufmt.h). All or nothing: the model decodes into locals, the
 * result passes the same checks as a guest's bind, and only then are @bind
 * and @payload written. Returns the bind kind.
 */
IOMMUFMT_EXPORT int iommufmt_bind_from_iommufd(const struct iommufmt_host *host,
					       const struct iommufmt_iommufd_hwpt *in, void *bind,
					       size_t bind_size, void *payload,
					       size_t payload_size, struct iommufmt_diag *diag)
{
	struct iommufmt_iommufd_hwpt i;
	union {
		struct iommufmt_bind_pasid_table pt;
		struct iommufmt_bind_pgtable pg;
	} b;
	uint64_t pl[IOMMUFMT_PAYLOAD_MAX / 8];
	uint32_t plen = 0;
	size_t need;
	int kind, err;

	if (!host || !in || !bind || !payload)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "in",
				      "missing host, input or output");
	err = iommufmt__copy_in_flags(&i, sizeof(i), IOMMUFMT_IOMMUFD_HWPT_SIZE_VER0, in, in->argsz,
				      0, "", diag);
	if (err)
		return err;
	/* data_len is the caller's: bound it by the inline buffer before a model reads it. */
	if (i.data_len > sizeof(i.data))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE, "data_len",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, i.data_len,
					 sizeof(i.data), 0, "data_len %u is over %zu bytes",
					 i.data_len, sizeof(i.data));
	err = need_bind_ops(host, diag);
	if (err)
		return err;
	if (!host->bops->from_iommufd)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BIND_NO_IOMMUFD, "model",
				      "model %s has no iommufd HWPT data", host->model->name);
	memset(&b, 0, sizeof(b));
	memset(pl, 0, sizeof(pl));
	kind = host->bops->from_iommufd(&host->desc, &i, &b, pl, &plen, diag);
	if (kind < 0)
		return kind;
	/* Plug-in code again: a kind that is neither is the model's bug, not a page-table bind. */
	if (kind != IOMMUFMT_BIND_KIND_PASID_TABLE && kind != IOMMUFMT_BIND_KIND_PGTABLE)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_OPS, "kind", IOMMUFMT__DV_VALUE,
					 (uint64_t)kind, 0, 0,
					 "model returned bind kind %d, neither PASID table nor page table",
					 kind);
	/* The model is plug-in code: its length is not trusted past the buffer it got. */
	if (plen > sizeof(pl))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BAD_OPS, "data_len",
				      "model produced an oversized payload");
	need = kind == IOMMUFMT_BIND_KIND_PASID_TABLE ? sizeof(b.pt) : sizeof(b.pg);
	if (bind_size < need || payload_size < plen)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_OUTPUT_SMALL,
					 bind_size < need ? "bind_size" : "payload_size",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT,
					 bind_size < need ? bind_size : payload_size,
					 bind_size < need ? need : plen, 0,
					 "output too small: bind %zu of %zu, payload %zu of %u bytes",
					 bind_size, need, payload_size, plen);
	/* Validate the result before writing anything the caller owns. */
	if (kind == IOMMUFMT_BIND_KIND_PASID_TABLE) {
		b.pt.data_uptr = (uintptr_t)pl;
		b.pt.data_len = plen;
		err = iommufmt_bind_pasid_table_check(host, &b.pt, NULL, diag);
		b.pt.data_uptr = (uintptr_t)payload;
	} else {
		b.pg.data_uptr = (uintptr_t)pl;
		b.pg.data_len = plen;
		err = iommufmt_bind_pgtable_check(host, &b.pg, NULL, diag);
		b.pg.data_uptr = (uintptr_t)payload;
	}
	if (err)
		return err;
	memcpy(payload, pl, plen);
	memcpy(bind, &b, need);
	return kind;
}

/* Public (iommufmt.h): a checked bind to the config iommufmt_pgtable_prepare() takes. */
IOMMUFMT_EXPORT int iommufmt_bind_pgtable_cfg(const struct iommufmt_host *host,
					      const struct iommufmt_bind_pgtable *bind,
					      struct iommufmt_pgtable_cfg *cfg,
					      struct iommufmt_diag *diag)
{
	struct iommufmt_bind_pgtable b;
	struct iommufmt_pgtable_cfg c;
	uint64_t payload[IOMMUFMT_PAYLOAD_MAX / 8];
	uint32_t have = 0;
	int err;

	if (!cfg)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "cfg", "no output");
	/* The caller's struct may be older (shorter) than ours: its argsz says how much to write. */
	err = iommufmt__out_argsz(cfg, IOMMUFMT_PGTABLE_CFG_SIZE_VER0, &have, diag);
	if (err)
		return err;
	err = pgtable_checked(host, bind, &b, payload, NULL, diag);
	if (err)
		return err;
	if (!host->bops->pgtable_cfg)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NOT_IMPLEMENTED, "model",
				      "model %s cannot derive walker configurations",
				      host->model->name);
	memset(&c, 0, sizeof(c));
	c.argsz = sizeof(c);
	err = host->bops->pgtable_cfg(&host->desc, &b, payload, &c);
	if (err)
		return iommufmt__diag_err(diag, err, IOMMUFMT_DIAG_BAD_OPS, "cfg",
					  "model could not derive a configuration");
	iommufmt__copy_out_raised(cfg, have, &c, sizeof(c));
	return done(0, diag);
}
