/* SPDX-License-Identifier: MIT */
/* Fuzz support for the page-table targets: configurations and guest memory from the input, result checks. */
#include <errno.h>

#include "fuzz/pt_common.h"

/* Flags each built-in format takes (others are rejected by prepare). */
static uint32_t format_flags(uint32_t format)
{
	switch (format) {
	case IOMMUFMT_PGTABLE_X86_64:
	case IOMMUFMT_PGTABLE_VTD_SS:
		return IOMMUFMT_PGTABLE_F_AD | IOMMUFMT_PGTABLE_F_EXEC | IOMMUFMT_PGTABLE_F_1G;
	case IOMMUFMT_PGTABLE_AMD_V1:
		return IOMMUFMT_PGTABLE_F_AD;
	case IOMMUFMT_PGTABLE_ARM_LPAE_S1:
	case IOMMUFMT_PGTABLE_ARM_LPAE_S2:
		return IOMMUFMT_PGTABLE_F_AD | IOMMUFMT_PGTABLE_F_EXEC | IOMMUFMT_PGTABLE_F_AFFD;
	case IOMMUFMT_PGTABLE_S390_DAT:
		return IOMMUFMT_PGTABLE_F_LARGE;
	default:
		return IOMMUFMT_PGTABLE_F_ALL;
	}
}

/* The smallest legal Arm output size at or above @p ias (48 when none is). */
static uint32_t arm_oas_for(unsigned int ias, unsigned int g, unsigned int pick)
{
	static const uint32_t oas[] = { 32, 36, 40, 42, 44, 48, 52 };
	unsigned int n = g == 16 ? 7 : 6, i = 0;

	while (i < n && oas[i] < ias)
		i++;
	if (i == n)
		return 48;
	/* that one, or one larger */
	return oas[i + (pick & 1) < n ? i + (pick & 1) : i];
}

void fuzz_pt_cfg(struct fuzz_in *in, struct iommufmt_pgtable_cfg *cfg)
{
	const struct iommufmt_pgtable_ops *ops[64];
	size_t nops = iommufmt_pgtable_list(ops, 64);
	uint8_t fi = fuzz_u8(in), fl, mut;
	uint16_t v = fuzz_u16(in);
	unsigned int g;

	memset(cfg, 0, sizeof(*cfg));
	cfg->argsz = sizeof(*cfg);
	if (nops > 64)
		nops = 64;
	FUZZ_CHECK(nops > 0);
	cfg->format = ops[fi % nops]->format;
	fl = fuzz_u8(in);
	mut = fuzz_u8(in);
	cfg->flags = fl & IOMMUFMT_PGTABLE_F_ALL;
	if (!(fl & 0x40))
		cfg->flags &= format_flags(cfg->format);
	if (fl & 0x80)
		cfg->flags |= 1u << (5 + (fl >> 5 & 1));
	g = 12 + 2 * (v % 3);
	switch (cfg->format) {
	case IOMMUFMT_PGTABLE_X86_64:
		cfg->levels = 4 + (v & 1);
		cfg->ias = v & 2 ? (v & 1 ? 57 : 48) : 0;
		break;
	case IOMMUFMT_PGTABLE_VTD_SS:
		cfg->levels = 3 + v % 3;
		break;
	case IOMMUFMT_PGTABLE_AMD_V1:
		cfg->levels = 1 + v % 6;
		break;
	case IOMMUFMT_PGTABLE_ARM_LPAE_S1: {
		unsigned int maxias = g == 16 ? 52 : 48;

		cfg->granule = g;
		cfg->ias = 25 + (v >> 2) % (maxias - 24);
		cfg->oas = arm_oas_for(v >> 8 & 1 ? cfg->ias : 32, g, v >> 9);
		break;
	}
	case IOMMUFMT_PGTABLE_ARM_LPAE_S2: {
		/* start level from SL0 (Arm ARM VTCR_EL2.SL0), then a consistent IAS */
		unsigned int sl0 = (v >> 2) % 3, stride = g - 3, maxias = g == 16 ? 52 : 48;
		int start = g == 12 ? 2 - (int)sl0 : 3 - (int)sl0;
		int lo = (3 - start) * (int)stride + (int)g + 1, hi = (4 - start) * (int)stride + (int)g + 4;

		if (lo < 25)
			lo = 25;
		if (hi > (int)maxias)
			hi = (int)maxias;
		cfg->granule = g;
		cfg->sl0 = sl0;
		cfg->ias = lo <= hi ? (unsigned int)lo + (v >> 4) % (unsigned int)(hi - lo + 1) : 40;
		cfg->oas = arm_oas_for(cfg->ias, g, v >> 10);
		break;
	}
	case IOMMUFMT_PGTABLE_S390_DAT:
		cfg->top = v % 4;
		cfg->ias = v & 4 ? 12 + (v >> 3) % (20 + 11 * (4 - cfg->top)) : 0;
		cfg->oas = v & 0x100 ? 20 + (v >> 9) % 45 : 0;
		break;
	default:
		break;
	}
	if (mut & 0x80) {
		uint32_t x = fuzz_u32(in);

		switch (mut & 7) {
		case 0: cfg->levels = x; break;
		case 1: cfg->ias = x; break;
		case 2: cfg->oas = x; break;
		case 3: cfg->granule = x; break;
		case 4: cfg->sl0 = x; break;
		case 5: cfg->top = x; break;
		case 6: cfg->__reserved = x; break;
		default: cfg->argsz = x % (sizeof(*cfg) + 1); break;	/* below VER0, or ours */
		}
	}
}

static int cb_access(void *opaque, __u64 gpa, void *buf, size_t len, int write)
{
	struct fuzz_cbmem *c = opaque;

	if (c->tripped || ++c->calls > c->cap) {
		c->tripped = true;
		return -EFAULT;
	}
	if (gpa < c->gpa || gpa - c->gpa >= c->size || c->size - (gpa - c->gpa) < len)
		return -EFAULT;
	if (write)
		memcpy(c->buf + (gpa - c->gpa), buf, len);
	else
		memcpy(buf, c->buf + (gpa - c->gpa), len);
	return 0;
}

void fuzz_mem_init(struct fuzz_mem *m, uint8_t mode, uint64_t seed)
{
	memset(m, 0, sizeof(*m));
	m->a_gpa = mode & 2 ? 0 : UINT64_C(1) << 24;
	m->a_size = (uint64_t)32768 << ((mode >> 4 & 3) + (mode >> 7));
	m->a = aligned_alloc(4096, (size_t)m->a_size);
	FUZZ_CHECK(m->a != NULL);
	memset(m->a, 0, (size_t)m->a_size);
	m->reg[0] = (struct iommufmt_gmem_region){ .gpa = m->a_gpa, .size = m->a_size, .host = m->a };
	m->gmem.regions = m->reg;
	m->gmem.nr_regions = 1;
	if (mode & 4) {
		m->b_size = 16384;
		m->b = aligned_alloc(4096, (size_t)m->b_size);
		FUZZ_CHECK(m->b != NULL);
		memset(m->b, 0, (size_t)m->b_size);
		m->reg[1] = (struct iommufmt_gmem_region){
			.gpa = FUZZ_MEM_B_GPA, .size = m->b_size, .host = m->b,
			.flags = mode & 0x40 ? IOMMUFMT_GMEM_READONLY : 0 };
		m->gmem.nr_regions = 2;
	}
	if (mode & 8) {
		m->cb.gpa = FUZZ_MEM_CB_GPA;
		m->cb.size = 32768;
		m->cb.buf = malloc((size_t)m->cb.size);
		FUZZ_CHECK(m->cb.buf != NULL);
		/* splitmix64: a deterministic, table-like mix of zeros and addresses */
		for (uint64_t i = 0; i < m->cb.size / 8; i++) {
			uint64_t z = (seed += UINT64_C(0x9e3779b97f4a7c15));

			z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
			z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
			z ^= z >> 31;
			if (z % 3 == 0)
				z = 0;
			else if (z % 3 == 1)	/* a page of the window, low bits kept */
				z = (z & 0xfff) | (FUZZ_MEM_CB_GPA + ((z >> 12) % (m->cb.size >> 12) << 12));
			memcpy(m->cb.buf + 8 * i, &z, 8);
		}
		m->cb.cap = FUZZ_MEM_CB_CAP;
		m->gmem.access = cb_access;
		m->gmem.opaque = &m->cb;
	}
	FUZZ_CHECK(iommufmt_gmem_check(&m->gmem, NULL) == 0);
}

void fuzz_mem_fini(struct fuzz_mem *m)
{
	free(m->a);
	free(m->b);
	free(m->cb.buf);
	memset(m, 0, sizeof(*m));
}

void fuzz_mem_fill(struct fuzz_mem *m, const uint8_t *p, size_t len)
{
	size_t na = len < m->a_size ? len : (size_t)m->a_size;

	memcpy(m->a, p, na);
	if (m->b && len > na)
		memcpy(m->b, p + na, len - na < m->b_size ? len - na : (size_t)m->b_size);
}

void fuzz_mem_rearm(struct fuzz_mem *m)
{
	m->cb.calls = 0;
	m->cb.tripped = false;
}

bool fuzz_pt_prepare_err(int r)
{
	return r == -EINVAL || r == -E2BIG || r == -EOPNOTSUPP;
}

bool fuzz_xlate_equal(const struct iommufmt_xlate *a, const struct iommufmt_xlate *b)
{
	return a->iova == b->iova && a->pa == b->pa && a->page_size == b->page_size &&
	       a->pte == b->pte && a->attrs == b->attrs && a->fault_addr == b->fault_addr &&
	       a->perm == b->perm && a->level == b->level &&
	       a->native_level == b->native_level && a->fault == b->fault &&
	       a->stage == b->stage;
}

bool fuzz_translate(const struct iommufmt_pgtable *pt, struct fuzz_mem *m, uint64_t iova,
		    uint32_t access, struct iommufmt_xlate *out)
{
	struct iommufmt_xlate again;

	fuzz_mem_rearm(m);
	memset(out, 0x5a, sizeof(*out));
	FUZZ_CHECK(iommufmt_pgtable_translate(pt, &m->gmem, iova, access, out) == 0);
	if (m->cb.tripped)
		return false;
	/* every field written: a second call over other bytes gives the same */
	memset(&again, 0xa5, sizeof(again));
	FUZZ_CHECK(iommufmt_pgtable_translate(pt, &m->gmem, iova, access, &again) == 0);
	if (m->cb.tripped)
		return false;
	FUZZ_CHECK(!memcmp(out, &again, sizeof(again)));
	FUZZ_CHECK(out->iova == iova && out->stage == 0);
	FUZZ_CHECK(iommufmt_fault_name(out->fault) != NULL);
	if (out->fault) {
		FUZZ_CHECK(!out->pa && !out->perm && !out->attrs);
		FUZZ_CHECK(out->fault == IOMMUFMT_FAULT_TABLE_READ || !out->fault_addr);
	} else {
		FUZZ_CHECK(out->page_size && !(out->page_size & (out->page_size - 1)));
		FUZZ_CHECK((out->pa & (out->page_size - 1)) == (iova & (out->page_size - 1)));
		FUZZ_CHECK(out->pa <= pt->oas_mask && !out->fault_addr);
		FUZZ_CHECK(!(out->perm & ~(__u32)IOMMUFMT_ACCESS_ALL));
	}
	return true;
}
