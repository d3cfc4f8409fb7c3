/* SPDX-License-Identifier: MIT */
/* Private helpers shared by the library core and the formats; never installed. */
#ifndef IOMMUFMT_LIB_INTERNAL_H
#define IOMMUFMT_LIB_INTERNAL_H

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <iommufmt/iommufmt.h>

/* Marks a definition as part of the exported API (see lib/libiommufmt.sym). */
#define IOMMUFMT_EXPORT __attribute__((visibility("default")))

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define BIT64(n)	(UINT64_C(1) << (n))
/* Mask of bits hi..lo inclusive, 0 <= lo <= hi <= 63. */
#define GENMASK64(hi, lo) \
	((~UINT64_C(0) >> (63 - (hi))) & (~UINT64_C(0) << (lo)))
/* Extract bits hi..lo of v. */
#define FIELD64(v, hi, lo)	(((uint64_t)(v) & GENMASK64(hi, lo)) >> (lo))

static inline size_t iommufmt__round_up8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* ---- diagnostics (lib/diag.c) ---- */

/*
 * Fill @diag (if any) and return the errno lib/diag.c's table gives @code
 * (each code has one default, e.g. -EINVAL for IOMMUFMT_DIAG_BAD_VALUE).
 * @field may be NULL. The optional value/limit/index are given by the *_ex
 * variant.
 */
int iommufmt__diag(struct iommufmt_diag *diag, unsigned int code, const char *field,
		   const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#define IOMMUFMT__DV_VALUE	IOMMUFMT_DIAG_FLAGS_VALUE
#define IOMMUFMT__DV_LIMIT	IOMMUFMT_DIAG_FLAGS_LIMIT
#define IOMMUFMT__DV_INDEX	IOMMUFMT_DIAG_FLAGS_INDEX

int iommufmt__diag_ex(struct iommufmt_diag *diag, unsigned int code, const char *field,
		      unsigned int which, uint64_t value, uint64_t limit, uint32_t index,
		      const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));

/*
 * The same, returning @err instead of @code's default: only for the few
 * sites whose errno is not the code's (a callee's error passed on, -ENOENT
 * for "nothing mapped" under BAD_VALUE, ...), so each stands out.
 */
int iommufmt__diag_err(struct iommufmt_diag *diag, int err, unsigned int code,
		       const char *field, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

int iommufmt__diag_err_ex(struct iommufmt_diag *diag, int err, unsigned int code,
			  const char *field, unsigned int which, uint64_t value,
			  uint64_t limit, uint32_t index, const char *fmt, ...)
	__attribute__((format(printf, 9, 10)));

/* The errno iommufmt__diag() returns with @code (-EINVAL for an unknown code). */
int iommufmt__diag_errno(unsigned int code);

/* Mark success in a caller's diag (code = OK), leaving the rest. */
static inline void iommufmt__diag_ok(struct iommufmt_diag *diag)
{
	if (diag && diag->argsz >= offsetof(struct iommufmt_diag, code) + sizeof(diag->code))
		diag->code = IOMMUFMT_DIAG_OK;
}

/* Add a new index to a diag that a callee already filled. */
void iommufmt__diag_set_index(struct iommufmt_diag *diag, uint32_t index);

/* ---- endian-explicit loads and stores ---- */

static inline uint64_t iommufmt__le64(const void *p)
{
	const uint8_t *b = p;
	return (uint64_t)b[0] | (uint64_t)b[1] << 8 | (uint64_t)b[2] << 16 |
	       (uint64_t)b[3] << 24 | (uint64_t)b[4] << 32 | (uint64_t)b[5] << 40 |
	       (uint64_t)b[6] << 48 | (uint64_t)b[7] << 56;
}

static inline uint64_t iommufmt__be64(const void *p)
{
	const uint8_t *b = p;
	return (uint64_t)b[7] | (uint64_t)b[6] << 8 | (uint64_t)b[5] << 16 |
	       (uint64_t)b[4] << 24 | (uint64_t)b[3] << 32 | (uint64_t)b[2] << 40 |
	       (uint64_t)b[1] << 48 | (uint64_t)b[0] << 56;
}

static inline uint32_t iommufmt__le32(const void *p)
{
	const uint8_t *b = p;
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[3] << 24;
}

static inline void iommufmt__put_le64(void *p, uint64_t v)
{
	uint8_t *b = p;
	for (int i = 0; i < 8; i++)
		b[i] = (uint8_t)(v >> (8 * i));
}

static inline void iommufmt__put_be64(void *p, uint64_t v)
{
	uint8_t *b = p;
	for (int i = 0; i < 8; i++)
		b[7 - i] = (uint8_t)(v >> (8 * i));
}

static inline void iommufmt__put_le32(void *p, uint32_t v)
{
	uint8_t *b = p;
	for (int i = 0; i < 4; i++)
		b[i] = (uint8_t)(v >> (8 * i));
}

/* ---- guest memory: the one bounds check and the one lookup ---- */

int iommufmt__gmem_slow(const struct iommufmt_gmem *gmem, uint64_t gpa, void *buf,
			size_t len, int write);

/*
 * Whether [@gpa, @gpa + @len) lies inside the window [@base, @base + @size),
 * @len >= 1. Every guest-memory bounds check (region lookup, the walkers'
 * cached window, the builders' arena) is this one: written so that nothing
 * wraps (no gpa + len, no base + size), whatever the guest put in its tables.
 */
static inline bool iommufmt__gmem_in_window(uint64_t base, uint64_t size, uint64_t gpa,
					    uint64_t len)
{
	uint64_t off = gpa - base;

	return gpa >= base && off < size && size - off >= len;
}

/*
 * The one guest-memory lookup: the flat region holding all of
 * [@gpa, @gpa + @len) (@len >= 1). Returns the host address of @gpa and the
 * enclosing region (its window: gpa, size, host, flags) in *@win; NULL when
 * the range lies outside every region or straddles two (callers then use
 * iommufmt__gmem_slow(), which splits it and asks the callback). Readers,
 * writers (which check the window's IOMMUFMT_GMEM_READONLY), the walkers'
 * cached-window refill and the builders all go through here. No call, no
 * lock: inlined into the walkers.
 */
static inline void *iommufmt__gmem_lookup(const struct iommufmt_gmem *gmem, uint64_t gpa,
					  uint64_t len, const struct iommufmt_gmem_region **win)
{
	for (unsigned int i = 0; i < gmem->nr_regions; i++) {
		const struct iommufmt_gmem_region *r = &gmem->regions[i];

		if (iommufmt__gmem_in_window(r->gpa, r->size, gpa, len)) {
			*win = r;
			return (uint8_t *)r->host + (gpa - r->gpa);
		}
	}
	*win = NULL;
	return NULL;
}

/* Host pointer for [gpa, gpa+len) when it lies inside one flat region, else NULL. */
static inline void *iommufmt__gmem_ptr(const struct iommufmt_gmem *gmem, uint64_t gpa,
				       size_t len)
{
	const struct iommufmt_gmem_region *win;

	return iommufmt__gmem_lookup(gmem, gpa, len, &win);
}

/* Read one little-endian 64-bit entry; 0 or -EFAULT. */
static inline int iommufmt__gmem_rd64le(const struct iommufmt_gmem *gmem, uint64_t gpa,
					uint64_t *val)
{
	const void *p = iommufmt__gmem_ptr(gmem, gpa, 8);
	uint8_t tmp[8];

	if (likely(p != NULL)) {
		*val = iommufmt__le64(p);
		return 0;
	}
	if (iommufmt__gmem_slow(gmem, gpa, tmp, 8, 0))
		return -EFAULT;
	*val = iommufmt__le64(tmp);
	return 0;
}

/* Read one big-endian 64-bit entry; 0 or -EFAULT. */
static inline int iommufmt__gmem_rd64be(const struct iommufmt_gmem *gmem, uint64_t gpa,
					uint64_t *val)
{
	const void *p = iommufmt__gmem_ptr(gmem, gpa, 8);
	uint8_t tmp[8];

	if (likely(p != NULL)) {
		*val = iommufmt__be64(p);
		return 0;
	}
	if (iommufmt__gmem_slow(gmem, gpa, tmp, 8, 0))
		return -EFAULT;
	*val = iommufmt__be64(tmp);
	return 0;
}

/* ---- registry internals ---- */

/* Built-in tables, defined in formats/builtin.c (lists only; lib/ knows no model). */
extern const struct iommufmt_pgtable_ops *const iommufmt__builtin_pgtables[];
extern const size_t iommufmt__nr_builtin_pgtables;
extern const struct iommufmt_model_ops *const iommufmt__builtin_models[];
extern const size_t iommufmt__nr_builtin_models;
/* Names of the PASID-table format ids, also defined in formats/builtin.c. */
extern const char *const iommufmt__pasidt_names[IOMMUFMT_PASIDT_NR];

/* Known minimum size of a hw_info capability, for chain overlap checks. */
int iommufmt__hwinfo_cap_size(const struct iommufmt_cap_header *cap, size_t avail,
			      size_t *need);

/* Lowest n bits set (n may be 64 or more). */
static inline uint64_t iommufmt__mask(unsigned int n)
{
	return n >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << n) - 1;
}

/* ---- argsz-versioned input (lib/copy.c) ---- */

/*
 * -EOPNOTSUPP / IOMMUFMT_DIAG_UNKNOWN_FLAGS on "flags" for @flags outside
 * @known: the value, the known flags as the limit when there are any, and
 * "unknown <what>flags 0x<the unknown ones>".
 */
int iommufmt__unknown_flags(struct iommufmt_diag *diag, uint32_t flags, uint32_t known,
			    const char *what);

/* -EOPNOTSUPP / IOMMUFMT_DIAG_RESERVED_NONZERO on @field: "reserved field is not zero". */
int iommufmt__reserved_nonzero(struct iommufmt_diag *diag, const char *field);

/*
 * The argsz copy rules (lib/copy.c), with @field naming the length in the
 * diagnostic: iommufmt_struct_copy_in() is this with "argsz", bind payloads
 * use it with "data_len". Nothing else implements them.
 */
int iommufmt__copy_in(void *dst, size_t dst_size, size_t ver0_size, const void *src,
		      size_t src_size, const char *field, struct iommufmt_diag *diag);

/*
 * iommufmt__copy_in() with its common case inline: a caller's struct of
 * exactly our size is one memcpy (no call, no memset of zero bytes); every
 * other size, and every error, takes the one implementation above.
 */
static inline int iommufmt__copy_in_hot(void *dst, size_t dst_size, size_t ver0_size,
					const void *src, size_t src_size, const char *field,
					struct iommufmt_diag *diag)
{
	if (likely(src_size == dst_size && src && dst && ver0_size <= dst_size)) {
		memcpy(dst, src, dst_size);
		return 0;
	}
	return iommufmt__copy_in(dst, dst_size, ver0_size, src, src_size, field, diag);
}

/*
 * The copy-out side of the rules, for a pure output struct (argsz first):
 * iommufmt__out_argsz() reads the caller's size into @have and refuses one
 * below @ver0 (-EINVAL ARGSZ_SMALL, before anything is computed);
 * iommufmt__copy_out_raised() sets @ours' argsz to @size (reporting our
 * full size, DESIGN.md rule 3) and writes min(@have, @size) bytes, zero-
 * filling a longer caller struct.
 */
int iommufmt__out_argsz(const void *out, size_t ver0, uint32_t *have, struct iommufmt_diag *diag);
void iommufmt__copy_out_raised(void *out, uint32_t have, void *ours, size_t size);

/*
 * Copy in a caller's argsz-versioned struct by iommufmt_struct_copy_in()'s
 * rules (a struct of our size, the common case, is one memcpy) and reject
 * flags outside @known; every top-level struct has its flags at offset 4.
 */
static inline int iommufmt__copy_in_flags(void *dst, size_t size, size_t ver0, const void *src,
					  size_t argsz, uint32_t known, const char *what,
					  struct iommufmt_diag *diag)
{
	int err = iommufmt__copy_in_hot(dst, size, ver0, src, argsz, "argsz", diag);
	uint32_t flags;

	if (unlikely(err))
		return err;
	memcpy(&flags, (const uint8_t *)dst + 4, sizeof(flags));
	if (unlikely(flags & ~known))
		return iommufmt__unknown_flags(diag, flags, known, what);
	return 0;
}

/*
 * Keep only the first @count entries of a capability builder (lib/caps.c):
 * undoes appends, so a call that adds several entries can add none on error.
 */
void iommufmt__caps_truncate(struct iommufmt_caps *caps, unsigned int count);

/* ---- allocation (lib/alloc.c): every library allocation goes through here ---- */

/* malloc(); a zero size still returns a distinct block. */
void *iommufmt__malloc(size_t size);
/* malloc(n * size), NULL when the product overflows a size_t. */
void *iommufmt__malloc_array(size_t n, size_t size);
/* calloc(n, size), NULL when the product overflows a size_t. */
void *iommufmt__calloc(size_t n, size_t size);
/* realloc(old, n * size), NULL (old kept) when the product overflows a size_t. */
void *iommufmt__realloc_array(void *old, size_t n, size_t size);
/* free(); NULL is allowed. */
void iommufmt__free(void *p);

/*
 * Allocation test hook (hidden, not exported: tests link
 * libiommufmt-internal.la). iommufmt__alloc_hook_start() numbers every
 * allocation call from 1 and makes call @fail_nth fail (0: none);
 * iommufmt__alloc_hook_stop() turns it off and reports the calls made, the
 * calls failed and the blocks allocated minus freed while it was on.
 */
struct iommufmt__alloc_count {
	unsigned long calls;
	unsigned long failed;
	long live;
};
void iommufmt__alloc_hook_start(unsigned long fail_nth);
void iommufmt__alloc_hook_stop(struct iommufmt__alloc_count *count);

#endif /* IOMMUFMT_LIB_INTERNAL_H */
