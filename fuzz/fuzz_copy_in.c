/* SPDX-License-Identifier: MIT */
/* Fuzz target: the argsz copy rules (copy-in, copy-in by argsz, copy-out, is_zero) against their contract. */
#include <errno.h>

#include <iommufmt/iommufmt.h>
#include "fuzz/fuzz.h"

#define DST_MAX 512
#define POISON 0xa5

static size_t first_nonzero(const uint8_t *b, size_t from, size_t to)
{
	while (from < to && !b[from])
		from++;
	return from;
}

static int all_poison(const uint8_t *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != POISON)
			return 0;
	return 1;
}

/* The rules of abi.h rule 3, written out independently of lib/copy.c. */
static void check_copy_in(const uint8_t *src, size_t src_size, size_t dst_size, size_t ver0,
			  int r, const uint8_t *dst, const struct iommufmt_diag *diag)
{
	size_t nz;

	if (src_size < ver0) {
		FUZZ_CHECK(r == -EINVAL && diag->code == IOMMUFMT_DIAG_ARGSZ_SMALL);
		FUZZ_CHECK(all_poison(dst, dst_size));
		return;
	}
	if (src_size > dst_size) {
		nz = first_nonzero(src, dst_size, src_size);
		if (nz != src_size) {
			FUZZ_CHECK(r == -E2BIG && diag->code == IOMMUFMT_DIAG_TAIL_NONZERO);
			FUZZ_CHECK(diag->index == nz);
			FUZZ_CHECK(all_poison(dst, dst_size));
			return;
		}
		FUZZ_CHECK(r == 0 && !memcmp(dst, src, dst_size));
		return;
	}
	FUZZ_CHECK(r == 0 && !memcmp(dst, src, src_size));
	FUZZ_CHECK(iommufmt_is_zero(dst + src_size, dst_size - src_size));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in;
	struct iommufmt_diag diag;
	uint8_t dst[DST_MAX], out[DST_MAX + 64];
	const uint8_t *src;
	size_t dst_size, ver0, src_size, srclen, outsz, n;
	int r;

	fuzz_in_init(&in, data, size);
	dst_size = 1 + fuzz_u16(&in) % DST_MAX;
	ver0 = fuzz_u16(&in) % (dst_size + 1);
	src = fuzz_rest(&in, &src_size);

	memset(dst, POISON, sizeof(dst));
	iommufmt_diag_init(&diag);
	r = iommufmt_struct_copy_in(dst, dst_size, ver0, src, src_size, &diag);
	check_copy_in(src, src_size, dst_size, ver0, r, dst, &diag);
	FUZZ_CHECK(r == 0 || diag.error == r);
	FUZZ_CHECK(all_poison(dst + dst_size, sizeof(dst) - dst_size));

	/* By argsz: the struct's own first u32 (host order) names its size. */
	memset(dst, POISON, sizeof(dst));
	iommufmt_diag_init(&diag);
	r = iommufmt_struct_copy_in_argsz(dst, dst_size, ver0, src, src_size, &diag);
	if (src_size < 4) {
		FUZZ_CHECK(r == -EINVAL && all_poison(dst, sizeof(dst)));
	} else {
		uint32_t argsz;

		memcpy(&argsz, src, sizeof(argsz));
		if (argsz > src_size)
			FUZZ_CHECK(r == -EINVAL && diag.code == IOMMUFMT_DIAG_ARGSZ_OVER_BUFFER &&
				   all_poison(dst, sizeof(dst)));
		else
			check_copy_in(src, argsz, dst_size, ver0, r, dst, &diag);
	}

	/* Copy-out: min(argsz, ours) bytes, zero-filled above, full size reported. */
	outsz = src_size ? (src[0] % sizeof(out)) : 0;
	memset(out, POISON, sizeof(out));
	srclen = src_size < DST_MAX ? src_size : DST_MAX;
	FUZZ_CHECK(iommufmt_struct_copy_out(out, outsz, src, srclen) == srclen);
	n = outsz < srclen ? outsz : srclen;
	FUZZ_CHECK(!memcmp(out, src, n));
	FUZZ_CHECK(iommufmt_is_zero(out + n, outsz - n));
	FUZZ_CHECK(all_poison(out + outsz, sizeof(out) - outsz));

	FUZZ_CHECK(iommufmt_is_zero(src, src_size) == (first_nonzero(src, 0, src_size) == src_size));
	return 0;
}
