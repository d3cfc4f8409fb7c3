/* SPDX-License-Identifier: MIT */
/* Host descriptions: decode raw registers through the model, emit the hw_info chain, advertise to guests. */
#include <stdlib.h>

#include "lib/bind_internal.h"

static const struct iommufmt_data_type_desc *
find_type(const struct iommufmt_data_type_desc *types, size_t n, uint32_t type, uint32_t kind)
{
	for (size_t i = 0; i < n; i++)
		if (types[i].type == type && types[i].kind == kind)
			return &types[i];
	return NULL;
}

/*
 * Public (iommufmt.h). Generic checks first, so model code sees only a well-formed
 * record; *@out is set only on success, and a failure after calloc frees the host.
 */
IOMMUFMT_EXPORT int iommufmt_host_new(const struct iommufmt_hw_regs *regs,
				      struct iommufmt_host **out, struct iommufmt_diag *diag)
{
	struct iommufmt_hw_regs r;
	const struct iommufmt_model_ops *m;
	const struct iommufmt_host_ops *hops;
	const struct iommufmt_data_type_desc *dt;
	struct iommufmt_host *h;
	size_t priv_words;
	char cc[5];
	int err;

	if (!regs || !out)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "regs",
				      "no registers or no output pointer");
	err = iommufmt__copy_in_flags(&r, sizeof(r), IOMMUFMT_HW_REGS_SIZE_VER0, regs, regs->argsz,
				      IOMMUFMT_HW_REGS_F_ALL, "", diag);
	if (err)
		return err;
	if (r.__reserved)
		return iommufmt__reserved_nonzero(diag, "__reserved");
	/* iommufd outputs without the flag would be silently ignored by the models. */
	if (!(r.flags & IOMMUFMT_HW_REGS_F_IOMMUFD) && (r.max_pasid_log2 || r.capabilities))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BAD_COMBINATION,
				      r.capabilities ? "capabilities" : "max_pasid_log2",
				      "iommufd outputs given without IOMMUFMT_HW_REGS_F_IOMMUFD");
	/* A PCIe PASID is 20 bits (see iommufmt__host_pasid_bits()). */
	if (r.max_pasid_log2 > 20)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_HOST_REGS, "max_pasid_log2",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, r.max_pasid_log2,
					 20, 0, "PASIDs are at most 20 bits wide");
	m = iommufmt_model_get(r.model, r.variant);
	if (!m)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNKNOWN_MODEL, "model",
					 IOMMUFMT__DV_VALUE, r.model, 0, 0,
					 "model %s variant %u is not registered",
					 iommufmt_fourcc_str(r.model, cc), r.variant);
	hops = IOMMUFMT_OPS_GET(m, struct iommufmt_model_ops, host);
	if (!hops || hops->ops_size < IOMMUFMT_HOST_OPS_SIZE_VER0 || !hops->decode)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NOT_IMPLEMENTED, "model",
				      "model %s cannot describe hosts", m->name);
	dt = find_type(hops->hw_info_types, hops->nr_hw_info_types, r.data_type,
		       IOMMUFMT_BIND_KIND_HW_INFO);
	if (!dt)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_HOST_DATA_TYPE,
					 "data_type", IOMMUFMT__DV_VALUE, r.data_type, 0, 0,
					 "register type %u is not one of model %s's", r.data_type,
					 m->name);
	/* The model's private words live in the host object's tail (see provider.h). */
	priv_words = IOMMUFMT_OPS_GET(hops, struct iommufmt_host_ops, priv_words);
	if (priv_words > IOMMUFMT_HOST_PRIV_WORDS_MAX)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_OPS, "priv_words",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, priv_words,
					 IOMMUFMT_HOST_PRIV_WORDS_MAX, 0,
					 "model %s asks for too much private state", m->name);
	h = iommufmt__calloc(1, sizeof(*h) + (size_t)priv_words * sizeof(h->priv[0]));
	if (!h)
		return -ENOMEM;
	h->desc.priv = priv_words ? h->priv : NULL;
	h->desc.priv_words = (__u32)priv_words;
	err = iommufmt__payload_in(h->desc.raw, dt, r.data_uptr, r.data_len, diag);
	if (err) {
		iommufmt__free(h);
		return err;
	}
	h->model = m;
	h->hops = hops;
	/* A too-old bind table counts as none, so bind paths test bops alone. */
	h->bops = IOMMUFMT_OPS_GET(m, struct iommufmt_model_ops, bind);
	if (h->bops && h->bops->ops_size < IOMMUFMT_BIND_OPS_SIZE_VER0)
		h->bops = NULL;
	h->desc.size = sizeof(h->desc);
	h->desc.model = m->model;
	h->desc.variant = m->variant;
	h->desc.raw_type = dt->type;
	h->desc.raw_len = dt->size;
	h->desc.iommufd_caps = r.capabilities;
	/* The capability headers are set after decode, so a model cannot get them wrong. */
	err = hops->decode(&h->desc, &r, diag);
	/*
	 * A model's decode is plug-in code: one that set nr_pgtables itself
	 * past the array (not through iommufmt__host_add_pgtable()) is refused
	 * here, so every reader of the host can loop to nr_pgtables unchecked.
	 */
	if (!err && h->desc.nr_pgtables > IOMMUFMT_HOST_MAX_PGTABLES)
		err = iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_OPS, "nr_pgtables",
					IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT,
					h->desc.nr_pgtables, IOMMUFMT_HOST_MAX_PGTABLES, 0,
					"model decode left %u page-table formats, at most %u fit",
					h->desc.nr_pgtables, IOMMUFMT_HOST_MAX_PGTABLES);
	if (err) {
		iommufmt__free(h);
		return err;
	}
	h->desc.pasid.header.id = IOMMUFMT_CAP_PASID;
	h->desc.nesting.header.id = IOMMUFMT_CAP_NESTING;
	h->desc.inval.header.id = IOMMUFMT_CAP_INVALIDATION;
	h->desc.fault.header.id = IOMMUFMT_CAP_FAULT;
	h->desc.pasid.header.version = h->desc.nesting.header.version = 1;
	h->desc.inval.header.version = h->desc.fault.header.version = 1;
	*out = h;
	iommufmt__diag_ok(diag);
	return 0;
}

/* Called by the models' decode ops (contract in bind_internal.h). */
void iommufmt__host_pasid_flags(struct iommufmt_host_desc *d, const struct iommufmt_hw_regs *regs,
				bool pri, bool exec, bool priv)
{
	d->pasid.flags |= (pri ? IOMMUFMT_PASID_F_PRI : 0) | (exec ? IOMMUFMT_PASID_F_EXEC : 0) |
			  (priv ? IOMMUFMT_PASID_F_PRIV : 0);
	if (regs->flags & IOMMUFMT_HW_REGS_F_IOMMUFD) {
		if (!(d->iommufd_caps & IOMMUFMT_IOMMUFD_HW_CAP_PCI_PASID_EXEC))
			d->pasid.flags &= ~IOMMUFMT_PASID_F_EXEC;
		if (!(d->iommufd_caps & IOMMUFMT_IOMMUFD_HW_CAP_PCI_PASID_PRIV))
			d->pasid.flags &= ~IOMMUFMT_PASID_F_PRIV;
	}
}

/* Called by the models' decode ops after the PASID flags, on which PRI depends. */
void iommufmt__host_fault_flags(struct iommufmt_host_desc *d, bool nested)
{
	d->fault.flags = IOMMUFMT_FAULTF_FLAT;
	if (nested)
		d->fault.flags |= IOMMUFMT_FAULTF_NESTED_S1 | IOMMUFMT_FAULTF_NESTED_S2;
	if (d->pasid.flags & IOMMUFMT_PASID_F_PRI)
		d->fault.flags |= IOMMUFMT_FAULTF_PRI;
}

/* Public (iommufmt.h): one allocation holds the host and its priv words. */
IOMMUFMT_EXPORT void iommufmt_host_free(struct iommufmt_host *host)
{
	iommufmt__free(host);
}

IOMMUFMT_EXPORT const struct iommufmt_host_desc *
iommufmt_host_get_desc(const struct iommufmt_host *host)
{
	return host ? &host->desc : NULL;
}

/* Append one capability whose struct starts with its header. */
static int add_cap(struct iommufmt_caps *caps, const void *cap, size_t size)
{
	const struct iommufmt_cap_header *h = cap;

	return iommufmt_caps_add(caps, h->id, h->version,
				 (const unsigned char *)cap + sizeof(*h), size - sizeof(*h));
}

/*
 * Public (iommufmt.h): the host as a VFIO-style capability chain (ABI rule 6); a
 * short buffer is no error (argsz is raised), but 8 bytes must hold argsz and flags.
 */
IOMMUFMT_EXPORT int iommufmt_host_hw_info(const struct iommufmt_host *host, void *buf,
					  size_t buflen, struct iommufmt_diag *diag)
{
	struct iommufmt_hw_info info;
	struct iommufmt_caps *caps;
	const struct iommufmt_host_desc *d;
	int err = 0;

	if (!host || !buf || buflen < 8)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "buf",
				      "no host, or a buffer below 8 bytes");
	d = &host->desc;
	caps = iommufmt_caps_new();
	if (!caps)
		return -ENOMEM;
	for (uint32_t i = 0; i < d->nr_pgtables && !err; i++)
		err = add_cap(caps, &d->pgtables[i], sizeof(d->pgtables[i]));
	if (!err)
		err = add_cap(caps, &d->pasid, sizeof(d->pasid));
	if (!err)
		err = add_cap(caps, &d->nesting, sizeof(d->nesting));
	if (!err)
		err = add_cap(caps, &d->inval, sizeof(d->inval));
	if (!err)
		err = add_cap(caps, &d->fault, sizeof(d->fault));
	if (!err) {
		memset(&info, 0, sizeof(info));
		info.argsz = sizeof(info);
		info.model = d->model;
		info.variant = d->variant;
		err = iommufmt_caps_emit(caps, buf, buflen, &info, sizeof(info),
					 offsetof(struct iommufmt_hw_info, cap_offset),
					 IOMMUFMT_HW_INFO_FLAGS_CAPS);
	}
	iommufmt_caps_free(caps);
	if (err)
		return iommufmt__diag_err(diag, err, IOMMUFMT_DIAG_OVERFLOW, "caps",
					  "cannot build the capability chain");
	iommufmt__diag_ok(diag);
	return 0;
}

/*
 * The guest configuration the registers are for: same model as the host,
 * and no more PASID bits than it has (the guest would hand out PASIDs the
 * host cannot bind).  A zero width means the host's.
 */
static int advertise_cfg_in(const struct iommufmt_host_desc *d,
			    const struct iommufmt_viommu_config *cfg,
			    struct iommufmt_viommu_config *c, struct iommufmt_diag *diag)
{
	int err = iommufmt_struct_copy_in(c, sizeof(*c), IOMMUFMT_VIOMMU_CONFIG_SIZE_VER0, cfg,
					  cfg->argsz, diag);

	if (err)
		return err;
	if (c->model != d->model ||
	    (c->variant != IOMMUFMT_VARIANT_DEFAULT && c->variant != d->variant))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_MODEL_MISMATCH,
					 "model", IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT,
					 c->model, d->model, 0,
					 "configuration is for another model than the host");
	/* zero asks for the host's width (struct iommufmt_viommu_config); never wider */
	if (!c->pasid_bits)
		c->pasid_bits = d->pasid.pasid_bits;
	if (c->pasid_bits > d->pasid.pasid_bits)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE,
					 "pasid_bits", IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT,
					 c->pasid_bits, d->pasid.pasid_bits, 0,
					 "the configuration asks for %u PASID bits, the host "
					 "has %u", c->pasid_bits, d->pasid.pasid_bits);
	return 0;
}

/*
 * iommufd's IOMMU_HW_INFO capability bits for the guest: what the host's
 * PCI PASID capability allows, narrowed by the configuration (no ATS asked
 * for reads as ATS not supported; dirty tracking only when asked for).
 */
static uint64_t advertise_caps(const struct iommufmt_host_desc *d,
			       const struct iommufmt_viommu_config *c)
{
	uint64_t caps = 0;

	if (d->pasid.flags & IOMMUFMT_PASID_F_EXEC)
		caps |= IOMMUFMT_IOMMUFD_HW_CAP_PCI_PASID_EXEC;
	if (d->pasid.flags & IOMMUFMT_PASID_F_PRIV)
		caps |= IOMMUFMT_IOMMUFD_HW_CAP_PCI_PASID_PRIV;
	if ((d->pasid.flags & IOMMUFMT_PASID_F_ATS_NOT_SUPPORTED) ||
	    (c && !(c->flags & IOMMUFMT_VIOMMU_F_ATS)))
		caps |= IOMMUFMT_IOMMUFD_HW_CAP_PCI_ATS_NOT_SUPPORTED;
	if (c && (c->flags & IOMMUFMT_VIOMMU_F_DIRTY))
		caps |= IOMMUFMT_IOMMUFD_HW_CAP_DIRTY_TRACKING;
	return caps;
}

/*
 * Public (iommufmt.h): the registers a vIOMMU shows its guest. Every check,
 * the model's advertise op included, runs before the caller's buffers are
 * written, so a failed call leaves @out and its payload buffer untouched.
 */
IOMMUFMT_EXPORT int iommufmt_advertise(const struct iommufmt_host *host,
				       const struct iommufmt_viommu_config *cfg,
				       struct iommufmt_hw_regs *out, struct iommufmt_diag *diag)
{
	struct iommufmt_hw_regs o;
	struct iommufmt_viommu_config c;
	uint64_t data[IOMMUFMT_PAYLOAD_MAX / 8];
	uint32_t type = 0, len = 0;
	const struct iommufmt_host_desc *d;
	int err;

	if (!host || !out)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "out",
				      "no host or no output");
	d = &host->desc;
	err = iommufmt_struct_copy_in(&o, sizeof(o), IOMMUFMT_HW_REGS_SIZE_VER0, out, out->argsz,
				      diag);
	if (err)
		return err;
	/* As for bind payloads: a __u64 address must be a pointer of this process. */
	if (o.data_len && (!o.data_uptr || o.data_uptr > UINTPTR_MAX))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "data_uptr",
				      "a %u-byte buffer at address 0", o.data_len);
	if (cfg) {
		err = advertise_cfg_in(d, cfg, &c, diag);
		if (err)
			return err;
	}
	if (!host->hops->advertise || host->hops->ops_size < IOMMUFMT_HOST_OPS_SIZE_VER0)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NOT_IMPLEMENTED, "model",
				      "model %s cannot advertise registers", host->model->name);
	if (!d->nesting.flags)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BIND_NO_NESTING, "host",
				      "host %s nests nothing, so no register set would make a "
				      "guest's tables nestable on it", host->model->name);
	memset(data, 0, sizeof(data));
	err = host->hops->advertise(d, cfg ? &c : NULL, &type, data, &len, diag);
	if (err)
		return err;
	/* a model's advertise() is plug-in code: never copy past what it could have written */
	if (len > sizeof(data))
		len = sizeof(data);
	/* the caller's buffer gets what fits, zero-filled: no stale bytes past the payload */
	if (o.data_len) {
		uint8_t *dst = (uint8_t *)(uintptr_t)o.data_uptr;
		uint32_t n = o.data_len < len ? o.data_len : len;

		memcpy(dst, data, n);
		memset(dst + n, 0, o.data_len - n);
	}
	o.model = d->model;
	o.variant = d->variant;
	o.data_type = type;
	o.data_len = len;
	o.flags = IOMMUFMT_HW_REGS_F_IOMMUFD;
	o.max_pasid_log2 = cfg ? c.pasid_bits : d->pasid.pasid_bits;
	o.capabilities = advertise_caps(d, cfg ? &c : NULL);
	iommufmt__copy_out_raised(out, o.argsz, &o, sizeof(o));
	iommufmt__diag_ok(diag);
	return 0;
}


/* Public (iommufmt.h): the name of a PASID-table format id, or NULL. */
IOMMUFMT_EXPORT const char *iommufmt_pasidt_name(__u32 format)
{
	return format < IOMMUFMT_PASIDT_NR ? iommufmt__pasidt_names[format] : NULL;
}

/* Public (iommufmt.h): the id of a PASID-table format name, or -ENOENT. */
IOMMUFMT_EXPORT int iommufmt_pasidt_by_name(const char *name)
{
	if (!name)
		return -ENOENT;
	for (int i = 0; i < IOMMUFMT_PASIDT_NR; i++)
		if (iommufmt__pasidt_names[i] && !strcmp(iommufmt__pasidt_names[i], name))
			return i;
	return -ENOENT;
}
