/* SPDX-License-Identifier: MIT */
/* Fuzz support for the page-table targets: configurations and guest memory from the input, result checks. */
#ifndef IOMMUFMT_FUZZ_PT_COMMON_H
#define IOMMUFMT_FUZZ_PT_COMMON_H

#include <stdbool.h>

#include <iommufmt/iommufmt.h>
#include <iommufmt/provider.h>
#include "fuzz/fuzz.h"

/*
 * A configuration from 4 input bytes: the format (an index into
 * iommufmt_pgtable_list(), so every registered format is reached), a
 * variant (levels, granule, IAS/OAS, SL0, top from small menus of legal
 * values), flags (limited to those the format takes unless bit 6 is set;
 * bit 7 adds an undefined one) and a mutation byte that, when bit 7 is set,
 * overwrites one field with a u32 from the input. The root is left 0.
 */
void fuzz_pt_cfg(struct fuzz_in *in, struct iommufmt_pgtable_cfg *cfg);

/* Guest memory served by the callback: a window of bytes, and a read budget. */
struct fuzz_cbmem {
	uint8_t *buf;
	uint64_t gpa, size;
	unsigned long calls, cap;
	bool tripped;		/* the budget ran out: reads fail from then on */
};

/* Guest memory: region A (tables), an optional region B, an optional callback window. */
struct fuzz_mem {
	struct iommufmt_gmem_region reg[2];
	struct iommufmt_gmem gmem;
	struct fuzz_cbmem cb;
	uint8_t *a, *b;		/* host memory of the regions (b may be NULL) */
	uint64_t a_gpa, a_size, b_size;
};

/* GPA of region B and of the callback window. */
#define FUZZ_MEM_B_GPA		UINT64_C(0x7ff0000000)
#define FUZZ_MEM_CB_GPA		UINT64_C(0x100000000)
/* Most callback reads one checked call may make before the callback fails. */
#define FUZZ_MEM_CB_CAP		(1ul << 16)

/*
 * Set up memory from one mode byte: bit 1 puts region A at GPA 0 (so small
 * entry values point into it) instead of 16 MiB, bit 2 adds region B (bit 6:
 * read-only), bit 3 the callback window, bits 4-5 and 7 size region A (32 KiB
 * to 512 KiB). Everything is zeroed; the callback window gets pseudo-random
 * bytes from @p seed.
 */
void fuzz_mem_init(struct fuzz_mem *m, uint8_t mode, uint64_t seed);
void fuzz_mem_fini(struct fuzz_mem *m);
/* Fill region A from @p p (the rest stays zero), region B from what follows. */
void fuzz_mem_fill(struct fuzz_mem *m, const uint8_t *p, size_t len);
/* Reset the callback's read budget before a checked call. */
void fuzz_mem_rearm(struct fuzz_mem *m);

/* Whether @p r is one of the errors iommufmt_pgtable_prepare() documents. */
bool fuzz_pt_prepare_err(int r);

/*
 * iommufmt_pgtable_translate() with the contract checked: it returns 0, every field
 * is written (the result does not depend on what @p out held), the input
 * address is echoed, a fault has no output, permissions or attributes and a
 * known reason, a success a power-of-two page holding the address's offset.
 * Returns false when the callback's budget ran out (the result is then not
 * reliable and the caller skips comparisons).
 */
bool fuzz_translate(const struct iommufmt_pgtable *pt, struct fuzz_mem *m, uint64_t iova,
		    uint32_t access, struct iommufmt_xlate *out);

/* The fields of two results are equal. */
bool fuzz_xlate_equal(const struct iommufmt_xlate *a, const struct iommufmt_xlate *b);

#endif /* IOMMUFMT_FUZZ_PT_COMMON_H */
