/* SPDX-License-Identifier: MIT */
/* Extensible-struct copy rules (copy_struct_from_user semantics) for argsz-versioned structs. */
#include "lib/internal.h"

IOMMUFMT_EXPORT int iommufmt_is_zero(const void *p, size_t len)
{
	const unsigned char *b = p;
	uint64_t acc = 0;
	size_t i = 0;

	/* eight bytes at a time (memcpy: any alignment), the tail byte by byte */
	for (; i + 8 <= len; i += 8) {
		uint64_t v;

		memcpy(&v, b + i, 8);
		acc |= v;
	}
	for (; i < len; i++)
		acc |= b[i];
	return acc == 0;
}

static size_t first_nonzero(const unsigned char *b, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (b[i])
			return i;
	return to;
}

/*
 * The one implementation of the argsz rules (the kernel's
 * copy_struct_from_user()): shorter than VER0 is refused, a shorter known
 * size is zero-filled, a longer one needs an all-zero tail. @field names the
 * length in the diagnostic ("argsz" for structs, "data_len" for payloads).
 */
int iommufmt__copy_in(void *dst, size_t dst_size, size_t ver0_size, const void *src,
		      size_t src_size, const char *field, struct iommufmt_diag *diag)
{
	const unsigned char *s = src;
	size_t nz;

	if (!dst || (!src && src_size) || ver0_size > dst_size)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, field,
				      "missing buffer, or VER0 size above the struct size");
	if (src_size < ver0_size)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_ARGSZ_SMALL, field,
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, src_size,
					 ver0_size, 0, "%s %zu is below the minimum %zu", field,
					 src_size, ver0_size);
	if (src_size > dst_size) {
		nz = first_nonzero(s, dst_size, src_size);
		if (nz != src_size)
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_TAIL_NONZERO, field,
						 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT |
						 IOMMUFMT__DV_INDEX, src_size, dst_size,
						 (uint32_t)(nz > UINT32_MAX ? UINT32_MAX : nz),
						 "byte %zu past the known %zu bytes is not zero",
						 nz, dst_size);
		memmove(dst, src, dst_size);
	} else {
		if (src_size)	/* src may be NULL when empty: never hand NULL to memmove */
			memmove(dst, src, src_size);
		/* Same size is the common case (every bind in the bench): no call for 0 bytes. */
		if (dst_size > src_size)
			memset((unsigned char *)dst + src_size, 0, dst_size - src_size);
	}
	iommufmt__diag_ok(diag);
	return 0;
}

IOMMUFMT_EXPORT int iommufmt_struct_copy_in(void *dst, size_t dst_size, size_t ver0_size,
					    const void *src, size_t src_size,
					    struct iommufmt_diag *diag)
{
	return iommufmt__copy_in_hot(dst, dst_size, ver0_size, src, src_size, "argsz", diag);
}

IOMMUFMT_EXPORT int iommufmt_struct_copy_in_argsz(void *dst, size_t dst_size,
						  size_t ver0_size, const void *src,
						  size_t src_buflen, struct iommufmt_diag *diag)
{
	uint32_t argsz;

	if (!src || src_buflen < sizeof(argsz))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "argsz",
				      "no room for argsz in a %zu-byte buffer", src_buflen);
	memcpy(&argsz, src, sizeof(argsz));
	if (argsz > src_buflen)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_ARGSZ_OVER_BUFFER, "argsz",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, argsz, src_buflen,
					 0, "argsz %u is larger than the %zu-byte buffer",
					 argsz, src_buflen);
	return iommufmt_struct_copy_in(dst, dst_size, ver0_size, src, argsz, diag);
}

IOMMUFMT_EXPORT size_t iommufmt_struct_copy_out(void *dst, size_t dst_size,
						const void *src, size_t src_size)
{
	size_t n = dst_size < src_size ? dst_size : src_size;

	if (!dst || !src)
		return src_size;
	memmove(dst, src, n);
	if (dst_size > n)
		memset((unsigned char *)dst + n, 0, dst_size - n);
	return src_size;
}

/* Internal contract in lib/internal.h. */
int iommufmt__out_argsz(const void *out, size_t ver0, uint32_t *have, struct iommufmt_diag *diag)
{
	if (!out)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "out", "no output struct");
	memcpy(have, out, sizeof(*have));
	if (*have < ver0)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_ARGSZ_SMALL, "argsz",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, *have, ver0, 0,
					 "output argsz %u is below the minimum %zu", *have, ver0);
	return 0;
}

/* Internal contract in lib/internal.h. */
void iommufmt__copy_out_raised(void *out, uint32_t have, void *ours, size_t size)
{
	const uint32_t full = (uint32_t)size;

	memcpy(ours, &full, sizeof(full));
	iommufmt_struct_copy_out(out, have, ours, size);
}

int iommufmt__unknown_flags(struct iommufmt_diag *diag, uint32_t flags, uint32_t known,
			    const char *what)
{
	return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNKNOWN_FLAGS, "flags",
				 IOMMUFMT__DV_VALUE | (known ? IOMMUFMT__DV_LIMIT : 0), flags, known, 0,
				 "unknown %sflags 0x%x", what, flags & ~known);
}

int iommufmt__reserved_nonzero(struct iommufmt_diag *diag, const char *field)
{
	return iommufmt__diag(diag, IOMMUFMT_DIAG_RESERVED_NONZERO, field,
			      "reserved field is not zero");
}
