/* SPDX-License-Identifier: MIT */
/* Negotiation: a wanted guest vIOMMU configuration against a host, listing every incompatibility. */
#include <stdio.h>

#include "lib/bind_internal.h"

struct neg {
	struct iommufmt_diag *arr;
	uint32_t cap;
	uint32_t n;
};

/*
 * Record one incompatibility (kept only while there is room; always counted).
 * Its errno is @code's default: every record so far wants exactly that.
 */
__attribute__((format(printf, 6, 7)))
static void neg_add(struct neg *ng, unsigned int code, const char *field,
		    uint64_t value, uint64_t limit, const char *fmt, ...)
{
	if (ng->n < ng->cap) {
		struct iommufmt_diag *d = &ng->arr[ng->n];
		char text[IOMMUFMT_DIAG_TEXT_LEN];
		va_list ap;

		va_start(ap, fmt);
		vsnprintf(text, sizeof(text), fmt, ap);
		va_end(ap);
		memset(d, 0, sizeof(*d));
		d->argsz = sizeof(*d);
		iommufmt__diag_ex(d, code, field,
				  IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT | IOMMUFMT__DV_INDEX,
				  value, limit, ng->n, "%s", text);
	}
	ng->n++;
}

static const char *const feature_names[] = {
	"PASID", "PRI", "ATS", "STALL", "AD", "EXEC", "PRIV", "DIRTY", "NO_PASID_S1",
};

/* Whether every chosen format has the page-table flag. */
static bool formats_have(const struct iommufmt_host_desc *d, uint32_t fmts, uint32_t flag)
{
	bool any = false;

	for (uint32_t i = 0; i < d->nr_pgtables; i++) {
		const struct iommufmt_cap_pgtable_format *f = &d->pgtables[i];

		if (f->format >= 32 || !(fmts & (1u << f->format)))
			continue;
		if (!(f->flags & flag))
			return false;
		any = true;
	}
	return any;
}

static bool feature_ok(const struct iommufmt_host_desc *d, uint32_t fmts, uint32_t feat)
{
	switch (feat) {
	case IOMMUFMT_VIOMMU_F_PASID:
		return d->pasid.pasid_bits != 0;
	case IOMMUFMT_VIOMMU_F_PRI:
		return (d->pasid.flags & IOMMUFMT_PASID_F_PRI) &&
		       (d->fault.flags & IOMMUFMT_FAULTF_PRI);
	case IOMMUFMT_VIOMMU_F_ATS:
		return !(d->pasid.flags & IOMMUFMT_PASID_F_ATS_NOT_SUPPORTED);
	case IOMMUFMT_VIOMMU_F_STALL:
		return d->fault.flags & IOMMUFMT_FAULTF_STALL;
	case IOMMUFMT_VIOMMU_F_AD:
		return formats_have(d, fmts, IOMMUFMT_PGTF_AD);
	case IOMMUFMT_VIOMMU_F_EXEC:
		return formats_have(d, fmts, IOMMUFMT_PGTF_EXEC);
	case IOMMUFMT_VIOMMU_F_PRIV:
		return formats_have(d, fmts, IOMMUFMT_PGTF_PRIV);
	case IOMMUFMT_VIOMMU_F_DIRTY:
		return d->nesting.flags & IOMMUFMT_NESTING_F_DIRTY;
	case IOMMUFMT_VIOMMU_F_NO_PASID_S1:
		return d->nesting.flags & IOMMUFMT_NESTING_F_NO_PASID_S1;
	default:
		return false;
	}
}

/* What the chosen stage-1 formats offer together: the union the effective config defaults to. */
struct neg_offer {
	uint32_t fmts;		/* the requested formats, or every nestable one */
	uint32_t granules;
	uint32_t ias;		/* the widest input any chosen format takes */
	uint64_t pgsizes;
};

/* Each set bit of @want missing from @have is its own record, so a caller sees them all. */
static void neg_bits(struct neg *ng, unsigned int code, const char *field, uint32_t want,
		     uint32_t have, const char *what)
{
	for (uint32_t i = 0; i < 32; i++)
		if (want & (1u << i) & ~have)
			neg_add(ng, code, field, 1u << i, have,
				"%s 0x%x is not available", what, 1u << i);
}

/*
 * Formats: every requested stage-1 and PASID-table format must be one the
 * host nests or walks, and the request's input width must fit every chosen
 * format (the guest may place any of them at any PASID).  Collects what the
 * chosen formats offer on the way.
 */
static void neg_formats(struct neg *ng, const struct iommufmt_host_desc *d,
			const struct iommufmt_viommu_config *r, struct neg_offer *o)
{
	/* no formats named means "whatever the host nests", never "none" */
	o->fmts = r->pgtable_formats ? r->pgtable_formats : d->nesting.stage1_formats;
	for (uint32_t i = 0; i < 32; i++)
		if ((r->pgtable_formats & (1u << i)) && !(d->nesting.stage1_formats & (1u << i))) {
			const struct iommufmt_pgtable_ops *p = iommufmt_pgtable_get(i);

			neg_add(ng, IOMMUFMT_DIAG_NEG_FORMAT, "pgtable_formats", i,
				d->nesting.stage1_formats,
				"page-table format %u (%s) is not a stage 1 this host nests",
				i, p ? p->name : "unknown");
		}
	for (uint32_t i = 0; i < 32; i++)
		if ((r->pasid_table_formats & (1u << i)) && !(d->pasid.table_formats & (1u << i)))
			neg_add(ng, IOMMUFMT_DIAG_NEG_FORMAT, "pasid_table_formats",
				i, d->pasid.table_formats,
				"PASID-table format %u (%s) is not one this host walks", i,
				iommufmt_pasidt_name(i) ? iommufmt_pasidt_name(i) : "unknown");
	for (uint32_t i = 0; i < d->nr_pgtables; i++) {
		const struct iommufmt_cap_pgtable_format *f = &d->pgtables[i];

		/* format ids >= 32 cannot be named in a 32-bit mask: never chosen */
		if (f->format >= 32 || !(o->fmts & d->nesting.stage1_formats & (1u << f->format)))
			continue;
		o->granules |= f->granules;
		o->pgsizes |= f->pgsize_bitmap;
		if (f->ias > o->ias)
			o->ias = f->ias;
		if (r->ias > f->ias)
			neg_add(ng, IOMMUFMT_DIAG_NEG_LIMIT, "ias", r->ias, f->ias,
				"input width %u bits, format %u takes up to %u", r->ias,
				f->format, f->ias);
	}
}

/* Widths and sizes: each requested one must fit what the host (or the chosen formats) has. */
static void neg_widths(struct neg *ng, const struct iommufmt_host_desc *d,
		       const struct iommufmt_viommu_config *r, const struct neg_offer *o)
{
	if (r->pasid_bits > d->pasid.pasid_bits)
		neg_add(ng, IOMMUFMT_DIAG_NEG_LIMIT, "pasid_bits", r->pasid_bits,
			d->pasid.pasid_bits, "%u PASID bits requested, the host has %u",
			r->pasid_bits, d->pasid.pasid_bits);
	/* the guest's output addresses are GPAs: the nest parent must translate them all */
	if (r->oas > d->nesting.gpa_bits)
		neg_add(ng, IOMMUFMT_DIAG_NEG_LIMIT, "oas", r->oas,
			d->nesting.gpa_bits,
			"guest-physical width %u bits, the nest parent translates %u", r->oas,
			d->nesting.gpa_bits);
	if (r->asid_bits > d->inval.asid_bits)
		neg_add(ng, IOMMUFMT_DIAG_NEG_LIMIT, "asid_bits", r->asid_bits,
			d->inval.asid_bits, "%u-bit address-space tags, the host has %u",
			r->asid_bits, d->inval.asid_bits);
	if (r->granules & ~o->granules)
		neg_add(ng, IOMMUFMT_DIAG_NEG_PGSIZE, "granules",
			r->granules & ~o->granules, o->granules,
			"granules 0x%x are not offered by the requested formats",
			r->granules & ~o->granules);
	if (r->pgsize_bitmap & ~o->pgsizes)
		neg_add(ng, IOMMUFMT_DIAG_NEG_PGSIZE, "pgsize_bitmap",
			r->pgsize_bitmap & ~o->pgsizes, o->pgsizes,
			"page sizes 0x%llx are not offered by the requested formats",
			(unsigned long long)(r->pgsize_bitmap & ~o->pgsizes));
}

/* Features, one record per missing one. */
static void neg_features(struct neg *ng, const struct iommufmt_host_desc *d,
			 const struct iommufmt_viommu_config *r, const struct neg_offer *o)
{
	for (uint32_t i = 0; i < ARRAY_SIZE(feature_names); i++)
		if ((r->flags & (1u << i)) && !feature_ok(d, o->fmts, 1u << i))
			neg_add(ng, IOMMUFMT_DIAG_NEG_FEATURE, "flags", 1u << i,
				0, "feature %s is not available on this host",
				feature_names[i]);
	neg_bits(ng, IOMMUFMT_DIAG_NEG_FEATURE, "inval_flags", r->inval_flags, d->inval.flags,
		 "invalidation feature");
	neg_bits(ng, IOMMUFMT_DIAG_NEG_FEATURE, "fault_flags", r->fault_flags, d->fault.flags,
		 "fault-reporting feature");
}

/*
 * The effective configuration: the request with every zero (= "don't care")
 * field replaced by what the host offers.  The PASID fields stay zero unless
 * PASID was asked for: a non-PASID guest must not see a PASID table format.
 */
static void neg_effective(struct iommufmt_viommu_config *e, const struct iommufmt_host_desc *d,
			  const struct iommufmt_viommu_config *r, const struct neg_offer *o)
{
	*e = *r;
	e->model = d->model;
	e->variant = d->variant;
	e->pgtable_formats = o->fmts & d->nesting.stage1_formats;
	if (!e->pasid_table_formats && (r->flags & IOMMUFMT_VIOMMU_F_PASID))
		e->pasid_table_formats = d->pasid.table_formats;
	if (!e->pasid_bits && (r->flags & IOMMUFMT_VIOMMU_F_PASID))
		e->pasid_bits = d->pasid.pasid_bits;
	if (!e->ias)
		e->ias = (uint8_t)o->ias;
	if (!e->oas)
		e->oas = d->nesting.gpa_bits;
	if (!e->asid_bits)
		e->asid_bits = d->inval.asid_bits;
	if (!e->granules)
		e->granules = o->granules;
	if (!e->pgsize_bitmap)
		e->pgsize_bitmap = o->pgsizes;
	if (!e->inval_flags)
		e->inval_flags = d->inval.flags;
	if (!e->fault_flags)
		e->fault_flags = d->fault.flags;
}

/*
 * The arguments themselves: NULL pointers, a short eff, a request the copy-in
 * rules refuse.  These stop at once (one record); the comparisons below list
 * every incompatibility instead.  Returns 0 with the request copied into @r.
 */
static int neg_args(struct neg *ng, const struct iommufmt_host *host,
		    const struct iommufmt_viommu_config *req,
		    const struct iommufmt_viommu_config *eff, struct iommufmt_viommu_config *r)
{
	struct iommufmt_diag tmp;
	int err;

	iommufmt_diag_init(&tmp);
	if (!host || !req) {
		neg_add(ng, IOMMUFMT_DIAG_NULL_ARG, "req", 0, 0,
			"no host or no request");
		return -EINVAL;
	}
	if (eff && eff->argsz < IOMMUFMT_VIOMMU_CONFIG_SIZE_VER0) {
		neg_add(ng, IOMMUFMT_DIAG_ARGSZ_SMALL, "eff.argsz", eff->argsz,
			IOMMUFMT_VIOMMU_CONFIG_SIZE_VER0, "the effective configuration's argsz "
			"%u is below %u", eff->argsz, IOMMUFMT_VIOMMU_CONFIG_SIZE_VER0);
		return -EINVAL;
	}
	err = iommufmt__copy_in_flags(r, sizeof(*r), IOMMUFMT_VIOMMU_CONFIG_SIZE_VER0, req,
				      req->argsz, IOMMUFMT_VIOMMU_F_ALL, "vIOMMU feature ", &tmp);
	if (err) {
		/* the copy-in diag goes out as it is (its own index 0), counted once */
		if (ng->cap)
			ng->arr[0] = tmp;
		ng->n = 1;
	}
	return err;
}

IOMMUFMT_EXPORT int iommufmt_negotiate(const struct iommufmt_host *host,
				       const struct iommufmt_viommu_config *req,
				       struct iommufmt_viommu_config *eff,
				       struct iommufmt_diag *diags, __u32 *nr_diags)
{
	struct iommufmt_viommu_config r, e;
	const struct iommufmt_host_desc *d;
	struct neg_offer o = { 0 };
	struct neg ng;
	int err;

	if (!nr_diags || (!diags && *nr_diags))
		return -EINVAL;
	ng.arr = diags;
	ng.cap = *nr_diags;
	ng.n = 0;
	err = neg_args(&ng, host, req, eff, &r);
	if (err) {
		*nr_diags = ng.n;
		return err;
	}
	d = &host->desc;
	/* a different model makes every other comparison meaningless: stop here */
	if (r.model != d->model || (r.variant && r.variant != d->variant)) {
		char a[5], b[5];

		neg_add(&ng, IOMMUFMT_DIAG_MODEL_MISMATCH, "model", r.model, d->model,
			"a %s vIOMMU cannot be backed by a %s host (nothing else compared)",
			iommufmt_fourcc_str(r.model, a), iommufmt_fourcc_str(d->model, b));
		*nr_diags = ng.n;
		return ng.n > ng.cap ? -EMSGSIZE : -EOPNOTSUPP;
	}
	if (!d->nesting.flags)
		neg_add(&ng, IOMMUFMT_DIAG_NEG_FEATURE, "nesting", 0, 0,
			"the host cannot nest or shadow any guest table");
	neg_formats(&ng, d, &r, &o);
	neg_widths(&ng, d, &r, &o);
	neg_features(&ng, d, &r, &o);

	/* ng.n counts past the caller's array: -EMSGSIZE tells it how many to allocate */
	*nr_diags = ng.n;
	if (ng.n)
		return ng.n > ng.cap ? -EMSGSIZE : -EOPNOTSUPP;

	neg_effective(&e, d, &r, &o);
	if (eff) {
		e.argsz = sizeof(e);
		iommufmt_struct_copy_out(eff, eff->argsz, &e, sizeof(e));
	}
	return 0;
}
