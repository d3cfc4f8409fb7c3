/* SPDX-License-Identifier: MIT */
/* Demo section "bind": per model, decode a host, negotiate a vIOMMU, advertise it, bind, and reject a bad bind. */
#include <errno.h>
#include <string.h>

#include "tools/iommufmt/bind_cli.h"

#define B(n) (UINT64_C(1) << (n))

static int step(FILE *out, int ok, const char *what)
{
	fprintf(out, "    %s %s\n", ok ? "ok  " : "FAIL", what);
	return ok;
}

/* Show a reject and check it is the one expected. */
static int expect_reject(FILE *out, int r, const struct iommufmt_diag *d, int err,
			 unsigned int code, const char *field)
{
	char line[300];

	iommufmt_diag_format(d, line, sizeof(line));
	fprintf(out, "      -> %s [%s] %s\n", iommufmt_strerror(r),
		iommufmt_diag_name(d->code) ? iommufmt_diag_name(d->code) : "?", line);
	return r == err && d->code == code && !strcmp(d->field, field);
}

/* A bad bind per model: something a guest could write that this host cannot nest. */
static int bad_bind(FILE *out, uint32_t model, const struct iommufmt_host *h)
{
	struct bind_req b;
	struct iommufmt_diag d;
	int r;

	iommufmt_diag_init(&d);
	switch (model) {
	case IOMMUFMT_MODEL_SMMU:
		bind_example_pasid_table(model, &b);
		bind_put_word(&b, model, 1, bind_get_word(&b, model, 1) | (UINT64_C(1) << 19));
		fprintf(out, "    a guest STE that sets MEV (bit 83, owned by the host):\n");
		r = bind_check(h, &b, NULL, &d);
		return expect_reject(out, r, &d, -EOPNOTSUPP, IOMMUFMT_DIAG_BIND_RESERVED,
				     "ste.w1[26:8]");
	case IOMMUFMT_MODEL_INTEL:
		bind_example_pgtable(model, &b);
		bind_put_word(&b, model, 2, bind_get_word(&b, model, 2) | B(5));
		fprintf(out, "    a first-stage PASID entry with NXE set:\n");
		r = bind_check(h, &b, NULL, &d);
		return expect_reject(out, r, &d, -EOPNOTSUPP, IOMMUFMT_DIAG_BIND_UNSUPPORTED,
				     "pe.nxe");
	case IOMMUFMT_MODEL_AMD:
		bind_example_pasid_table(model, &b);
		bind_put_word(&b, model, 0, bind_get_word(&b, model, 0) | (UINT64_C(4) << 9));
		fprintf(out, "    a guest DTE that also programs host (v1) tables, Mode 4:\n");
		r = bind_check(h, &b, NULL, &d);
		return expect_reject(out, r, &d, -EOPNOTSUPP, IOMMUFMT_DIAG_BIND_UNSUPPORTED,
				     "dte.mode");
	default:
		bind_example_pasid_table(IOMMUFMT_MODEL_SMMU, &b);
		b.pt.model = model;
		fprintf(out, "    a PASID-table bind on s390:\n");
		r = bind_check(h, &b, NULL, &d);
		return expect_reject(out, r, &d, -EOPNOTSUPP, IOMMUFMT_DIAG_BIND_NO_PASID_TABLE,
				     "format");
	}
}

static int one_model(FILE *out, uint32_t model)
{
	struct bind_regs regs;
	struct iommufmt_host *h = NULL;
	const struct iommufmt_host_desc *hd;
	struct iommufmt_viommu_config req, eff;
	struct iommufmt_diag d, diags[8];
	struct iommufmt_hw_regs adv;
	struct iommufmt_iommufd_hwpt fd;
	struct bind_req b;
	uint64_t guest_regs[8];
	__u32 n = 8;
	int ok = 1, r;

	bind_example_regs(model, &regs);
	iommufmt_diag_init(&d);
	if (bind_host(&regs, &h, &d)) {
		cli_print_diag(out, "    host rejected: ", &d);
		return 0;
	}
	hd = iommufmt_host_get_desc(h);
	fprintf(out, "\n  %s: %u page-table format(s), %u PASID bits, guest-physical %u bits\n",
		bind_model_name(model), hd->nr_pgtables, hd->pasid.pasid_bits, hd->nesting.gpa_bits);

	/* Negotiate: PASIDs if the model has them, everything else from the host. */
	memset(&req, 0, sizeof(req));
	req.argsz = sizeof(req);
	req.model = model;
	req.flags = hd->pasid.pasid_bits ? IOMMUFMT_VIOMMU_F_PASID : 0;
	memset(&eff, 0, sizeof(eff));
	eff.argsz = sizeof(eff);
	r = iommufmt_negotiate(h, &req, &eff, diags, &n);
	ok &= step(out, r == 0, "negotiate a vIOMMU with the host's widths");
	fprintf(out, "      effective: ias %u, oas %u, PASID bits %u, tag bits %u, pages 0x%llx\n",
		eff.ias, eff.oas, eff.pasid_bits, eff.asid_bits,
		(unsigned long long)eff.pgsize_bitmap);
	memset(&adv, 0, sizeof(adv));
	adv.argsz = sizeof(adv);
	adv.data_uptr = (uintptr_t)guest_regs;
	adv.data_len = sizeof(guest_regs);
	r = iommufmt_advertise(h, &eff, &adv, &d);
	ok &= step(out, r == 0, "advertise the registers the guest sees");
	fprintf(out, "      %u bytes of guest registers:", adv.data_len);
	for (uint32_t i = 0; i < (adv.data_len + 7) / 8 && i < 8; i++)
		fprintf(out, " %016llx", (unsigned long long)guest_regs[i]);
	fputc('\n', out);

	/* An over-ambitious request: every reason listed, not just the first. */
	req.pasid_bits = 24;
	req.ias = 64;
	req.flags |= IOMMUFMT_VIOMMU_F_STALL | IOMMUFMT_VIOMMU_F_PRI;
	n = 8;
	r = iommufmt_negotiate(h, &req, NULL, diags, &n);
	ok &= step(out, r == -EOPNOTSUPP && n >= 2, "a too-wide vIOMMU is refused with every reason");
	for (uint32_t i = 0; i < n && i < 8; i++)
		cli_print_diag(out, "      - ", &diags[i]);

	/* Binds the guest programs. */
	if (bind_example_pasid_table(model, &b)) {
		r = bind_check(h, &b, NULL, &d);
		ok &= step(out, r == 0, "the guest's PASID-table bind passes every check");
		memset(&fd, 0, sizeof(fd));
		fd.argsz = sizeof(fd);
		if (iommufmt_bind_pasid_table_to_iommufd(h, &b.pt, &fd, NULL) == 0)
			fprintf(out, "      IOMMU_HWPT_ALLOC data type %u, %u bytes\n", fd.data_type,
				fd.data_len);
	}
	if (bind_example_pgtable(model, &b)) {
		struct iommufmt_pgtable_cfg cfg = { .argsz = sizeof(cfg) };

		r = bind_check(h, &b, NULL, &d);
		ok &= step(out, r == 0, "the guest's page-table bind passes every check");
		r = iommufmt_bind_pgtable_cfg(h, &b.pg, &cfg, &d);
		ok &= step(out, r == 0, "and yields the walker configuration of its table");
		fprintf(out, "      %s table at 0x%llx, levels %u (0: from ias %u / granule %u)\n",
			iommufmt_pgtable_get(cfg.format) ? iommufmt_pgtable_get(cfg.format)->name :
			"?", (unsigned long long)cfg.root, cfg.levels, cfg.ias, cfg.granule);
	}
	ok &= step(out, bad_bind(out, model, h), "an incompatible bind is rejected with its reason");
	iommufmt_host_free(h);
	return ok;
}

static int bind_demo(FILE *out)
{
	static const uint32_t models[] = {
		IOMMUFMT_MODEL_INTEL, IOMMUFMT_MODEL_AMD, IOMMUFMT_MODEL_SMMU, IOMMUFMT_MODEL_S390,
	};
	struct bind_regs regs;
	struct iommufmt_host *intel = NULL;
	struct bind_req b;
	struct iommufmt_diag d;
	int ok = 1;

	fprintf(out, "Each model's built-in example host is decoded from the registers iommufd\n"
		     "would report; a vIOMMU is negotiated against it and advertised; the guest's\n"
		     "binds are checked field by field before anything reaches the kernel.\n");
	for (size_t i = 0; i < sizeof(models) / sizeof(models[0]); i++)
		ok &= one_model(out, models[i]);

	fprintf(out, "\n  cross-model: a guest SMMUv3 CD table offered to the Intel host\n");
	bind_example_regs(IOMMUFMT_MODEL_INTEL, &regs);
	iommufmt_diag_init(&d);
	if (bind_host(&regs, &intel, &d))
		return 1;
	bind_example_pasid_table(IOMMUFMT_MODEL_SMMU, &b);
	ok &= step(out, expect_reject(out, bind_check(intel, &b, NULL, &d), &d, -EOPNOTSUPP,
				      IOMMUFMT_DIAG_MODEL_MISMATCH, "model"),
		   "refused as another model's data");
	iommufmt_host_free(intel);
	return ok ? 0 : 1;
}

const struct demo_section demo_bind = {
	.name = "bind",
	.title = "Negotiation and binding: hosts, vIOMMUs and guest tables for every model",
	.run = bind_demo,
};
