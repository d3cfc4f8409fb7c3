/* SPDX-License-Identifier: MIT */
/* Fuzz target: fault records (generic and every model's native ones), routing, iommufd and vEVENTQ readers, walker faults. */
#include <errno.h>

#include <iommufmt/iommufmt.h>
#include "fuzz/fuzz.h"

#define STAGES (IOMMUFMT_FAULTF_FLAT | IOMMUFMT_FAULTF_NESTED_S1 | IOMMUFMT_FAULTF_NESTED_S2)

/* A record and a reporting setting: route agrees with check, and its answers obey the rule. */
static void one_record(struct fuzz_in *in)
{
	uint32_t report = fuzz_u32(in);
	struct iommufmt_fault f;
	struct iommufmt_diag d1, d2;
	const uint8_t *b;
	size_t n;
	int c, r;

	memset(&f, 0, sizeof(f));
	b = fuzz_bytes(in, sizeof(f), &n);
	memcpy(&f, b, n);
	f.argsz = sizeof(f);
	iommufmt_diag_init(&d1);
	iommufmt_diag_init(&d2);
	c = iommufmt_fault_check(&f, &d1);
	r = iommufmt_fault_route(report, &f, &d2);
	FUZZ_CHECK(c == 0 || c == -EINVAL || c == -EOPNOTSUPP);
	if (c) {
		FUZZ_CHECK(r == c && d1.code == d2.code);
		return;
	}
	FUZZ_CHECK(r == IOMMUFMT_ROUTE_GUEST || r == IOMMUFMT_ROUTE_VMM || r == -EINVAL ||
		   r == -EOPNOTSUPP);
	/* the guest never gets a stage-2 record, the VMM never a stage-1 one */
	if (r == IOMMUFMT_ROUTE_GUEST)
		FUZZ_CHECK(f.stage != 2 && (report & (IOMMUFMT_FAULTF_FLAT | IOMMUFMT_FAULTF_NESTED_S1)));
	if (r == IOMMUFMT_ROUTE_VMM)
		FUZZ_CHECK(f.stage != 1 && (report & IOMMUFMT_FAULTF_NESTED_S2) &&
			   !(report & IOMMUFMT_FAULTF_FLAT));
	if (r > 0 && f.kind == IOMMUFMT_FAULT_KIND_PAGE_REQ)
		FUZZ_CHECK(report & IOMMUFMT_FAULTF_PRI);
	if (!(report & STAGES))
		FUZZ_CHECK(r == -EINVAL);
}

/* Bytes from an iommufd fault queue: whole records decode to records the checks accept. */
static void iommufd_records(struct fuzz_in *in)
{
	uint32_t stage = fuzz_u8(in) % 4;
	const uint8_t *b;
	size_t n, off = 0;

	b = fuzz_rest(in, &n);
	while (off < n) {
		struct iommufmt_fault f;
		struct iommufmt_iommufd_page_response resp;
		struct iommufmt_diag d;
		int r;

		memset(&f, 0x5a, sizeof(f));
		f.argsz = sizeof(f);
		iommufmt_diag_init(&d);
		r = iommufmt_fault_from_iommufd(b + off, n - off, stage, &f, &d);
		if (r < 0) {
			FUZZ_CHECK(r == -EINVAL || r == -EOPNOTSUPP);
			FUZZ_CHECK(n - off < 40 || stage > 2 || d.code != IOMMUFMT_DIAG_FAULT_TRUNCATED);
			return;
		}
		FUZZ_CHECK(r == 40 && stage <= 2);
		FUZZ_CHECK(iommufmt_fault_check(&f, &d) == 0);
		r = iommufmt_fault_iommufd_response(&f, IOMMUFMT_INV_RESP_SUCCESS, &resp, &d);
		FUZZ_CHECK((r == 0) == !!(f.flags & IOMMUFMT_FAULT_F_LAST_PAGE));
		if (!r)
			FUZZ_CHECK(resp.cookie == f.cookie && resp.code == IOMMUFMT_IOMMUFD_RESP_SUCCESS);
		off += 40;
	}
}

/* Bytes from a vEVENTQ: the reader ends, never reads past, and counts losses monotonically. */
static void vevents(struct fuzz_in *in)
{
	size_t data_len = fuzz_u16(in) % 80;
	struct iommufmt_vevent_reader rd;
	const uint8_t *b;
	size_t n, off = 0;

	memset(&rd, 0, sizeof(rd));
	b = fuzz_rest(in, &n);
	for (;;) {
		struct iommufmt_vevent_reader before = rd;
		struct iommufmt_diag d;
		const void *data = NULL;
		int r;

		iommufmt_diag_init(&d);
		r = iommufmt_vevent_next(&rd, b + off, n - off, data_len, &data, &d);
		if (r <= 0) {
			FUZZ_CHECK(r == 0 ? off == n : (r == -EINVAL || r == -EOPNOTSUPP));
			FUZZ_CHECK(!memcmp(&rd, &before, sizeof(rd)) || r == 0);
			return;
		}
		FUZZ_CHECK((size_t)r <= n - off && (size_t)r >= 8 && rd.lost >= before.lost);
		FUZZ_CHECK(!data || ((const uint8_t *)data == b + off + 8 && (size_t)r == 8 + data_len));
		FUZZ_CHECK(rd.next_seq <= 0x7fffffffu);
		off += (size_t)r;
	}
}

/* A walker result: a fault becomes an event record the checks accept; anything else is refused. */
static void walker(struct fuzz_in *in)
{
	struct iommufmt_xlate x;
	struct iommufmt_fault f;
	struct iommufmt_diag d;
	uint32_t access = fuzz_u32(in);
	const uint8_t *b;
	size_t n;
	int r;

	memset(&x, 0, sizeof(x));
	b = fuzz_bytes(in, sizeof(x), &n);
	memcpy(&x, b, n);
	memset(&f, 0, sizeof(f));
	f.argsz = sizeof(f);
	iommufmt_diag_init(&d);
	r = iommufmt_fault_from_xlate(&x, access, &f, &d);
	if (r) {
		FUZZ_CHECK(r == -EINVAL && f.kind == 0);
		return;
	}
	FUZZ_CHECK(iommufmt_fault_check(&f, &d) == 0);
	FUZZ_CHECK(f.reason == x.fault && f.stage == x.stage && f.addr == x.iova);
}

/* The generic meaning two decodes of one record must share. */
static int same_meaning(const struct iommufmt_fault *a, const struct iommufmt_fault *b)
{
	return a->kind == b->kind && a->reason == b->reason && a->stage == b->stage &&
	       a->flags == b->flags && a->perm == b->perm && a->devid == b->devid &&
	       a->pasid == b->pasid && a->grpid == b->grpid && a->addr == b->addr &&
	       a->addr2 == b->addr2 && a->code == b->code;
}

/*
 * Native record bytes for a registered model: a decode is all or nothing;
 * what decodes passes the checks, keeps its bytes, re-encodes (or says it
 * cannot) to a record of the same meaning, and crosses into another model
 * only as something that model decodes again.
 */
static void native_record(struct fuzz_in *in)
{
	const struct iommufmt_model_ops *models[16];
	const size_t nm = iommufmt_model_list(models, 16);
	const struct iommufmt_model_ops *m, *other;
	const uint32_t record = IOMMUFMT_FREC_EVENT + fuzz_u8(in) % 3;
	uint32_t other_record;
	struct iommufmt_fault f, g, poison;
	struct iommufmt_diag d;
	uint8_t out[32];
	const uint8_t *b;
	size_t n;
	int size, r;

	if (!nm)
		return;
	m = models[fuzz_u8(in) % (nm < 16 ? nm : 16)];
	other = models[fuzz_u8(in) % (nm < 16 ? nm : 16)];
	other_record = IOMMUFMT_FREC_EVENT + fuzz_u8(in) % 3;
	b = fuzz_rest(in, &n);
	size = iommufmt_fault_record_size(m->model, record);
	memset(&f, 0x5a, sizeof(f));
	f.argsz = sizeof(f);
	poison = f;
	iommufmt_diag_init(&d);
	r = iommufmt_fault_decode(m->model, record, b, n, &f, &d);
	if (size < 0) {
		FUZZ_CHECK(r == -EOPNOTSUPP);
		return;
	}
	if (r < 0) {
		FUZZ_CHECK(r == -EINVAL || r == -EOPNOTSUPP);
		FUZZ_CHECK((size_t)size <= n || r == -EINVAL);
		FUZZ_CHECK(!memcmp(&f, &poison, sizeof(f)));
		return;
	}
	FUZZ_CHECK(r == size && (size_t)size <= n);
	FUZZ_CHECK(iommufmt_fault_check(&f, &d) == 0);
	FUZZ_CHECK(f.record == record && f.native.model == m->model && f.native.len == size);
	FUZZ_CHECK(!memcmp(f.native.desc, b, (size_t)size));
	r = iommufmt_fault_encode(m->model, record, &f, out, sizeof(out), &d);
	FUZZ_CHECK(r == size || r == -EOPNOTSUPP);
	if (r == size) {
		memset(&g, 0, sizeof(g));
		g.argsz = sizeof(g);
		FUZZ_CHECK(iommufmt_fault_decode(m->model, record, out, (size_t)r, &g, &d) == size);
		FUZZ_CHECK(same_meaning(&f, &g));
	}
	size = iommufmt_fault_record_size(other->model, other_record);
	r = iommufmt_fault_encode(other->model, other_record, &f, out, sizeof(out), &d);
	FUZZ_CHECK(size < 0 ? r == -EOPNOTSUPP : (r == size || r == -EOPNOTSUPP));
	if (r > 0) {
		memset(&g, 0, sizeof(g));
		g.argsz = sizeof(g);
		FUZZ_CHECK(iommufmt_fault_decode(other->model, other_record, out, (size_t)r, &g,
						 &d) == r);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in;

	fuzz_in_init(&in, data, size);
	switch (fuzz_u8(&in) % 5) {
	case 0:
		one_record(&in);
		break;
	case 1:
		iommufd_records(&in);
		break;
	case 2:
		vevents(&in);
		break;
	case 3:
		walker(&in);
		break;
	default:
		native_record(&in);
		break;
	}
	return 0;
}
