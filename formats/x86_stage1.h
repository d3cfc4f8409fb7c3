/* SPDX-License-Identifier: MIT */
/* Bind and host pieces shared by the models whose guest stage 1 is the x86-64 format (VT-d first stage, AMD v2). */
#ifndef IOMMUFMT_FORMATS_X86_STAGE1_H
#define IOMMUFMT_FORMATS_X86_STAGE1_H

#include "formats/formats.h"
#include "lib/bind_internal.h"

/*
 * The header rules of a page-table bind of an x86-64 guest stage 1: 48
 * (4-level) or 57 (5-level) bits wide, a 4 KiB aligned root. @table and
 * @root name the model's table and root in the texts ("a guest (v2)
 * table", "the guest CR3"). 0 or -EINVAL with @diag filled.
 */
static inline int iommufmt__x86_s1_check_header(const struct iommufmt_bind_pgtable *b,
						const char *table, const char *root,
						struct iommufmt_diag *diag)
{
	if (unlikely(b->addr_width != 48 && b->addr_width != 57))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE, "addr_width",
					 IOMMUFMT__DV_VALUE, b->addr_width, 0, 0,
					 "%s is 48 (4-level) or 57 (5-level) bits wide, not %u",
					 table, b->addr_width);
	if (unlikely(b->root & 0xfff))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_MISALIGNED, "root",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, b->root, 4096, 0,
					 "%s must be 4 KiB aligned", root);
	return 0;
}

/* The deep check of such a bind: its 4 KiB root table is readable (nothing without @gmem). */
static inline int iommufmt__x86_s1_deep(const struct iommufmt_gmem *gmem,
					const struct iommufmt_bind_pgtable *b,
					struct iommufmt_diag *diag)
{
	return gmem ? iommufmt__deep_readable(gmem, b->root, 4096, "root", diag) : 0;
}

/*
 * The walker configuration of a checked bind (the bind ops' pgtable_cfg):
 * x86-64 with 4 or 5 levels by addr_width, accessed/dirty bits, output
 * limited to the guest-physical width the host nests.
 */
int iommufmt__x86_s1_pgtable_cfg(const struct iommufmt_host_desc *d,
				 const struct iommufmt_bind_pgtable *b, const void *payload,
				 struct iommufmt_pgtable_cfg *cfg);

/*
 * Add the host's x86-64 stage-1 page-table format: @flags (IOMMUFMT_PGTF_*),
 * 4 KiB and 2 MiB pages (1 GiB with @gb_pages), 4 levels (5 with
 * @five_level), @oas output bits.
 */
int iommufmt__x86_s1_add_format(struct iommufmt_host_desc *d, uint32_t flags, bool gb_pages,
				bool five_level, unsigned int oas, struct iommufmt_diag *diag);

#endif /* IOMMUFMT_FORMATS_X86_STAGE1_H */
