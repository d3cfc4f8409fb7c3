/* SPDX-License-Identifier: MIT */
/* Bind and host pieces shared by the models whose guest stage 1 is the x86-64 format (VT-d first stage, AMD v2). */
#include "formats/x86_stage1.h"

int iommufmt__x86_s1_pgtable_cfg(const struct iommufmt_host_desc *d,
				 const struct iommufmt_bind_pgtable *b, const void *payload,
				 struct iommufmt_pgtable_cfg *cfg)
{
	(void)payload;
	cfg->format = IOMMUFMT_PGTABLE_X86_64;
	cfg->levels = b->addr_width == 57 ? 5 : 4;
	cfg->root = b->root;
	cfg->oas = d->nesting.gpa_bits;
	cfg->flags = IOMMUFMT_PGTABLE_F_AD;
	return 0;
}

int iommufmt__x86_s1_add_format(struct iommufmt_host_desc *d, uint32_t flags, bool gb_pages,
				bool five_level, unsigned int oas, struct iommufmt_diag *diag)
{
	struct iommufmt_cap_pgtable_format f;

	memset(&f, 0, sizeof(f));
	f.format = IOMMUFMT_PGTABLE_X86_64;
	f.flags = flags;
	f.pgsize_bitmap = BIT64(12) | BIT64(21) | (gb_pages ? BIT64(30) : 0);
	f.granules = 1u << 12;
	f.min_levels = 4;
	f.max_levels = five_level ? 5 : 4;
	f.ias = five_level ? 57 : 48;
	f.oas = (uint8_t)oas;
	return iommufmt__host_add_pgtable(d, &f, diag);
}
