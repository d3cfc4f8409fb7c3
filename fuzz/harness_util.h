/* SPDX-License-Identifier: MIT */
/* Helpers of the host, bind and invalidation harnesses: exact-size copies, poison checks, hostile argsz. */
#ifndef IOMMUFMT_FUZZ_HARNESS_UTIL_H
#define IOMMUFMT_FUZZ_HARNESS_UTIL_H

#include <iommufmt/iommufmt.h>
#include "fuzz/fuzz.h"

/* Byte that marks memory the library must not write. */
#define FUZZ_POISON 0xa5
/* Largest hostile argsz given to a caller's struct. */
#define FUZZ_ARGSZ_MAX 160u

/* Whether @n bytes at @p are all FUZZ_POISON. */
static inline int fuzz_all_poison(const void *p, size_t n)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i] != FUZZ_POISON)
			return 0;
	return 1;
}

/* A copy of @n bytes in an exact-size allocation, so ASan sees any access past them. */
static inline void *fuzz_exact(const void *src, size_t n)
{
	void *p = malloc(n ? n : 1);

	FUZZ_CHECK(p != NULL);
	if (n)
		memcpy(p, src, n);
	return p;
}

/* An exact-size allocation of @n bytes of FUZZ_POISON. */
static inline void *fuzz_poisoned(size_t n)
{
	void *p = malloc(n ? n : 1);

	FUZZ_CHECK(p != NULL);
	memset(p, FUZZ_POISON, n ? n : 1);
	return p;
}

/*
 * A caller's argsz-versioned struct (@full, the library's @size bytes,
 * starting with __u32 argsz): argsz is sizeof, or (one input byte says)
 * input-chosen up to FUZZ_ARGSZ_MAX with input bytes past the struct, as an
 * older or newer caller would pass it. Returns an exact-size buffer of
 * max(argsz, 8) bytes with argsz stored; *argsz_out gets it.
 */
static inline void *fuzz_versioned(struct fuzz_in *in, const void *full, size_t size,
				   uint32_t *argsz_out)
{
	uint8_t mode = fuzz_u8(in), buf[FUZZ_ARGSZ_MAX + 8];
	uint32_t argsz = (uint32_t)size;
	size_t n;

	FUZZ_CHECK(size <= FUZZ_ARGSZ_MAX);
	memset(buf, 0, sizeof(buf));
	memcpy(buf, full, size);
	if (mode & 1) {
		argsz = fuzz_u8(in) % (FUZZ_ARGSZ_MAX + 1);
		if ((mode & 2) && argsz > size) {
			const uint8_t *tail = fuzz_bytes(in, argsz - size, &n);

			memcpy(buf + size, tail, n);
		}
	}
	memcpy(buf, &argsz, 4);
	*argsz_out = argsz;
	return fuzz_exact(buf, argsz > 8 ? argsz : 8);
}

/* A rejected call filled the diagnostic as the contract says; an accepted one set OK. */
static inline int fuzz_diag_agrees(int r, const struct iommufmt_diag *d)
{
	if (!r)
		return d->code == IOMMUFMT_DIAG_OK;
	return d->error == r && d->text[0] && iommufmt_diag_name(d->code);
}

#endif /* IOMMUFMT_FUZZ_HARNESS_UTIL_H */
