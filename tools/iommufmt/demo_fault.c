/* SPDX-License-Identifier: MIT */
/* Demo section "fault": a guest SMMUv3 page request through the whole round trip, and walker faults routed. */
#include <errno.h>
#include <string.h>

#include "tools/iommufmt/cli.h"

#define VSID 0x210	/* the guest's StreamID for iommufd device 7 (the vDEVICE's virt_id) */

static int step(FILE *out, int ok, const char *what)
{
	fprintf(out, "    %s %s\n", ok ? "ok  " : "FAIL", what);
	return ok;
}

static void hex(FILE *out, const char *what, const void *p, size_t n)
{
	const unsigned char *b = p;

	fprintf(out, "      %s:", what);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s%02x", i % 8 ? "" : " ", b[i]);
	fprintf(out, "\n");
}

static void show(FILE *out, const struct iommufmt_fault *f)
{
	fprintf(out, "      %s, reason %s, stage %u, device 0x%x", iommufmt_fault_kind_name(f->kind),
		iommufmt_fault_name(f->reason), f->stage, f->devid);
	if (f->flags & IOMMUFMT_FAULT_F_PASID_VALID)
		fprintf(out, ", pasid %u", f->pasid);
	if (f->kind == IOMMUFMT_FAULT_KIND_PAGE_REQ)
		fprintf(out, ", group %u%s", f->grpid,
			f->flags & IOMMUFMT_FAULT_F_LAST_PAGE ? " (last)" : "");
	fprintf(out, ", addr 0x%llx, perm %s%s%s\n", (unsigned long long)f->addr,
		f->perm & IOMMUFMT_ACCESS_READ ? "r" : "-", f->perm & IOMMUFMT_ACCESS_WRITE ? "w" : "-",
		f->perm & IOMMUFMT_ACCESS_EXEC ? "x" : "-");
}

/*
 * The guest answers in its command queue: the VMM decodes its PRI_RESP like
 * any command (the invalidation codecs), then writes iommufd's response.
 */
static int answer(FILE *out, const struct iommufmt_fault *req, __u32 code, int expect)
{
	struct iommufmt_inv_cfg cfg = { .argsz = sizeof(cfg), .model = IOMMUFMT_MODEL_SMMU,
					.flags = IOMMUFMT_INV_CFG_PRI | IOMMUFMT_INV_CFG_PASID };
	struct iommufmt_inv_entry e = { .argsz = sizeof(e), .op = IOMMUFMT_INV_OP_PAGE_RESP,
					.flags = IOMMUFMT_INV_F_SID | IOMMUFMT_INV_F_PASID |
						 IOMMUFMT_INV_F_RESP_LAST,
					.sid = VSID, .pasid = req->pasid, .tag = req->grpid,
					.code = code };
	struct iommufmt_inv_entry got = { .argsz = sizeof(got) };
	struct iommufmt_iommufd_page_response resp;
	struct iommufmt_inv_codec c;
	struct iommufmt_diag d;
	unsigned char cmd[64];
	__u32 n = 0, ef = 0;
	int ok = 1, r;

	iommufmt_diag_init(&d);
	if (iommufmt_inv_codec_prepare(&c, &cfg, &d) ||
	    iommufmt_inv_encode(&c, &e, cmd, sizeof(cmd), &n, &ef, &d) ||
	    iommufmt_inv_decode(&c, cmd, c.cmd_size, &got, &d)) {
		cli_print_diag(out, "    guest command failed: ", &d);
		return 0;
	}
	hex(out, "guest CMD_PRI_RESP (bytes)", cmd, c.cmd_size);
	ok &= step(out, got.op == IOMMUFMT_INV_OP_PAGE_RESP && got.sid == VSID &&
			got.tag == req->grpid && got.code == code,
		   "the VMM decodes the guest's PRI_RESP: same StreamID, group and code");
	r = iommufmt_fault_iommufd_response(req, got.code, &resp, &d);
	if (expect == 0) {
		fprintf(out, "      write to the fault fd: cookie %u, code %u\n", resp.cookie, resp.code);
		ok &= step(out, r == 0 && resp.cookie == req->cookie,
			   "and answers the kernel with the request's cookie");
	} else {
		fprintf(out, "      refused: %s\n", d.text);
		ok &= step(out, r == expect && d.code == IOMMUFMT_DIAG_FAULT_RESP_LOSSY,
			   "Response Failure has no iommufd form: refused, the VMM resets PRI instead");
	}
	return ok;
}

/* Flow 2 and 4: a page request from the host kernel to the guest and the answer back. */
static int page_request(FILE *out)
{
	const __u32 report = IOMMUFMT_FAULTF_NESTED_S1 | IOMMUFMT_FAULTF_NESTED_S2 |
			     IOMMUFMT_FAULTF_PRI;
	struct iommufmt_iommufd_pgfault k = {
		.flags = IOMMUFMT_IOMMUFD_PGFAULT_PASID_VALID | IOMMUFMT_IOMMUFD_PGFAULT_LAST_PAGE,
		.dev_id = 7, .pasid = 1, .grpid = 0x12,
		.perm = IOMMUFMT_IOMMUFD_PERM_READ | IOMMUFMT_IOMMUFD_PERM_WRITE,
		.addr = 0x7f0000042000ull, .cookie = 5,
	};
	struct iommufmt_fault f = { .argsz = sizeof(f) }, back = { .argsz = sizeof(back) };
	struct iommufmt_diag d;
	unsigned char pri[16];
	int ok = 1;

	iommufmt_diag_init(&d);
	fprintf(out, "  A device behind a nested SMMUv3 asks for a page the guest has not mapped:\n");
	ok &= step(out, iommufmt_fault_from_iommufd(&k, sizeof(k), 1, &f, &d) == (int)sizeof(k),
		   "read one 40-byte iommu_hwpt_pgfault from the iommufd fault queue");
	show(out, &f);
	ok &= step(out, iommufmt_fault_route(report, &f, &d) == IOMMUFMT_ROUTE_GUEST,
		   "route (nested, stages 1 and 2, PRI): the guest owns stage 1, so it answers");
	f.devid = VSID;	/* the guest knows the device by its virtual StreamID */
	ok &= step(out, iommufmt_fault_encode(IOMMUFMT_MODEL_SMMU, IOMMUFMT_FREC_PAGE_REQ, &f, pri,
					      sizeof(pri), &d) == (int)sizeof(pri),
		   "encode it as an SMMUv3 PRI queue entry for the guest's PRI queue");
	hex(out, "guest PRIQ entry (bytes)", pri, sizeof(pri));
	ok &= step(out, iommufmt_fault_decode(IOMMUFMT_MODEL_SMMU, IOMMUFMT_FREC_PAGE_REQ, pri,
					      sizeof(pri), &back, &d) == (int)sizeof(pri) &&
			back.devid == VSID && back.grpid == f.grpid && back.addr == f.addr &&
			back.perm == f.perm,
		   "the guest's driver reads the same request back");
	f.devid = k.dev_id;
	ok &= answer(out, &f, IOMMUFMT_INV_RESP_SUCCESS, 0);
	ok &= answer(out, &f, IOMMUFMT_INV_RESP_FAILURE, -EOPNOTSUPP);
	return ok;
}

/* Flow 1 and 3: the VMM's own walker faults, routed by stage and encoded for the guest. */
static int walker_faults(FILE *out)
{
	const __u32 report = IOMMUFMT_FAULTF_NESTED_S1 | IOMMUFMT_FAULTF_NESTED_S2;
	struct iommufmt_xlate x = { .iova = 0x40123000, .fault = IOMMUFMT_FAULT_NOT_PRESENT,
				    .stage = 1, .level = 0, .native_level = 3 };
	struct iommufmt_fault f = { .argsz = sizeof(f) }, back = { .argsz = sizeof(back) };
	struct iommufmt_diag d;
	unsigned char evt[32];
	int ok = 1;

	iommufmt_diag_init(&d);
	fprintf(out, "  The VMM's emulated vSMMU walks the guest's tables and faults:\n");
	ok &= step(out, iommufmt_fault_from_xlate(&x, IOMMUFMT_ACCESS_WRITE, &f, &d) == 0,
		   "a stage-1 write to an absent page becomes a generic fault record");
	f.devid = VSID;
	f.pasid = 1;
	f.flags |= IOMMUFMT_FAULT_F_PASID_VALID;
	show(out, &f);
	ok &= step(out, iommufmt_fault_route(report, &f, &d) == IOMMUFMT_ROUTE_GUEST,
		   "stage 1 is the guest's: deliver it");
	ok &= step(out, iommufmt_fault_encode(IOMMUFMT_MODEL_SMMU, IOMMUFMT_FREC_EVENT, &f, evt,
					      sizeof(evt), &d) == (int)sizeof(evt),
		   "as the event the architecture names for it");
	hex(out, "guest EVTQ record (bytes)", evt, sizeof(evt));
	ok &= step(out, iommufmt_fault_decode(IOMMUFMT_MODEL_SMMU, IOMMUFMT_FREC_EVENT, evt,
					      sizeof(evt), &back, &d) == (int)sizeof(evt) &&
			back.code == 0x10 && back.reason == IOMMUFMT_FAULT_NOT_PRESENT,
		   "which reads back as F_TRANSLATION (0x10), not present, stage 1");
	x.stage = 2;
	x.fault = IOMMUFMT_FAULT_PERMISSION;
	x.fault_addr = 0x80042000;
	ok &= step(out, iommufmt_fault_from_xlate(&x, IOMMUFMT_ACCESS_READ, &f, &d) == 0 &&
			iommufmt_fault_route(report, &f, &d) == IOMMUFMT_ROUTE_VMM,
		   "a stage-2 permission fault (IPA 0x80042000) is the VMM's own to handle");
	ok &= step(out, iommufmt_fault_route(IOMMUFMT_FAULTF_NESTED_S1, &f, &d) == -EOPNOTSUPP,
		   "and not reportable at all when only stage 1 is reported");
	fprintf(out, "      %s\n", d.text);
	return ok;
}

static int fault_demo(FILE *out)
{
	int ok = page_request(out);

	ok &= walker_faults(out);
	return ok ? 0 : 1;
}

const struct demo_section demo_fault = {
	.name = "fault",
	.title = "Faults and page requests: decode, route, answer",
	.run = fault_demo,
};
