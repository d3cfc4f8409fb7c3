/* SPDX-License-Identifier: MIT */
/* Checks shared by the native fault-record tests: round trips, hostile records, walker faults. */
#include <errno.h>
#include <string.h>

#include "tests/faulttest.h"
#include "tests/testutil.h"

void ft_or64(const struct ft_fmt *t, uint8_t *rec, unsigned int word, uint64_t v)
{
	for (unsigned int i = 0; i < 8; i++)
		rec[8 * word + (t->big_endian ? 7 - i : i)] |= (uint8_t)(v >> (8 * i));
}

void ft_roundtrip(const struct ft_fmt *t, const uint8_t *rec, struct iommufmt_fault *out)
{
	uint8_t again[32];
	struct iommufmt_diag d;

	iommufmt_diag_init(&d);
	memset(out, 0, sizeof(*out));
	out->argsz = sizeof(*out);
	ck_assert_msg(iommufmt_fault_decode(t->model, t->record, rec, t->size, out, &d) ==
		      (int)t->size, "decode: %s", d.text);
	ck_assert_int_eq(iommufmt_fault_check(out, &d), 0);
	ck_assert_uint_eq(out->record, t->record);
	ck_assert_uint_eq(out->native.model, t->model);
	ck_assert_uint_eq(out->native.len, t->size);
	ck_assert_mem_eq(out->native.desc, rec, t->size);
	memset(again, 0xa5, sizeof(again));
	ck_assert_msg(iommufmt_fault_encode(t->model, t->record, out, again, sizeof(again), &d) ==
		      (int)t->size, "encode: %s", d.text);
	ck_assert_mem_eq(again, rec, t->size);
}

void ft_decode_fails(const struct ft_fmt *t, const uint8_t *rec, size_t len, int err,
		     uint32_t code, int index)
{
	struct iommufmt_fault out, poison;
	struct iommufmt_diag d;

	memset(&out, 0x5a, sizeof(out));
	out.argsz = sizeof(out);
	poison = out;
	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_fault_decode(t->model, t->record, rec, len, &out, &d), err);
	ck_assert_uint_eq(d.code, code);
	if (index >= 0) {
		ck_assert(d.flags & IOMMUFMT_DIAG_FLAGS_INDEX);
		ck_assert_uint_eq(d.index, (unsigned int)index);
	}
	ck_assert_mem_eq(&out, &poison, sizeof(out));
}

void ft_reserved_sweep(const struct ft_fmt *t, const uint8_t *rec, const uint64_t *defined)
{
	for (unsigned int w = 0; w < t->size / 8; w++) {
		for (unsigned int b = 0; b < 64; b++) {
			uint8_t bad[32];

			if (defined[w] >> b & 1)
				continue;
			memcpy(bad, rec, t->size);
			ft_or64(t, bad, w, UINT64_C(1) << b);
			ft_decode_fails(t, bad, t->size, -EOPNOTSUPP, IOMMUFMT_DIAG_FAULT_RESERVED,
					(int)(w * 64 + b));
		}
	}
}

int ft_walk(const struct ft_fmt *t, uint32_t reason, uint32_t stage, uint32_t access,
	    uint64_t iova, uint64_t fault_addr, uint32_t devid, int32_t pasid, uint8_t *buf,
	    struct iommufmt_fault *back, struct iommufmt_diag *d)
{
	struct iommufmt_xlate x;
	struct iommufmt_fault f;
	int rc;

	iommufmt_diag_init(d);
	memset(&x, 0, sizeof(x));
	x.iova = iova;
	x.fault = reason;
	x.stage = stage;
	x.level = 1;
	x.native_level = 2;
	x.fault_addr = fault_addr;
	memset(&f, 0, sizeof(f));
	f.argsz = sizeof(f);
	ck_assert_int_eq(iommufmt_fault_from_xlate(&x, access, &f, d), 0);
	f.devid = devid;
	if (pasid >= 0) {
		f.pasid = (uint32_t)pasid;
		f.flags |= IOMMUFMT_FAULT_F_PASID_VALID;
	}
	memset(buf, 0xee, t->size);
	rc = iommufmt_fault_encode(t->model, t->record, &f, buf, t->size, d);
	if (rc < 0)
		return rc;
	ck_assert_int_eq(rc, (int)t->size);
	memset(back, 0, sizeof(*back));
	back->argsz = sizeof(*back);
	ck_assert_msg(iommufmt_fault_decode(t->model, t->record, buf, t->size, back, d) ==
		      (int)t->size, "decode back: %s", d->text);
	ck_assert_uint_eq(back->devid, devid);
	return rc;
}
