/* SPDX-License-Identifier: MIT */
/* Nested (two-stage) translation: stage-1 table reads and output go through a stage-2 walker. */
#include "lib/pgtable_internal.h"

/* The stage-1 walker's view of memory: IPAs translated by stage 2, then read. */
struct nest_view {
	const struct iommufmt_pgtable *s2;
	const struct iommufmt_pgtable_walk_ops *w2;
	const struct iommufmt_gmem *gmem;
	struct iommufmt_xlate s2_fault;	/* the stage-2 fault that stopped a table read */
	__u64 ipa;			/* the IPA it failed on */
	int faulted;
};

static int nest_access(void *opaque, __u64 ipa, void *buf, size_t len, int write)
{
	struct nest_view *v = opaque;
	unsigned char *b = buf;

	/* a stage-1 entry read (8 bytes) may in principle cross a stage-2 page */
	while (len) {
		struct iommufmt_xlate x;
		__u64 room;
		size_t n;

		v->w2->translate(v->s2, v->gmem, ipa,
				 write ? IOMMUFMT_ACCESS_WRITE : IOMMUFMT_ACCESS_READ, &x);
		if (x.fault) {
			v->s2_fault = x;
			v->ipa = ipa;
			v->faulted = 1;
			return -EFAULT;
		}
		room = x.page_size - (ipa & (x.page_size - 1));
		n = room < len ? (size_t)room : len;
		if (iommufmt__gmem_slow(v->gmem, x.pa, b, n, write))
			return -EFAULT;
		b += n;
		len -= n;
		ipa += n;
	}
	return 0;
}

IOMMUFMT_EXPORT int iommufmt_pgtable_translate_nested(const struct iommufmt_pgtable *s1,
					      const struct iommufmt_pgtable *s2,
					      const struct iommufmt_gmem *gmem, __u64 iova,
					      __u32 access, struct iommufmt_xlate *out)
{
	const struct iommufmt_pgtable_walk_ops *w1 = iommufmt__pt_walk_ops(s1),
						*w2 = iommufmt__pt_walk_ops(s2);
	struct nest_view v;
	struct iommufmt_gmem view;
	struct iommufmt_xlate x1, x2;
	const __u32 rwx = IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE | IOMMUFMT_ACCESS_EXEC;

	if (unlikely(!w1 || !w2 || !w1->translate || !w2->translate || !gmem || !out))
		return -EINVAL;
	memset(&v, 0, sizeof(v));
	v.s2 = s2;
	v.w2 = w2;
	v.gmem = gmem;
	view = (struct iommufmt_gmem){ NULL, 0, 0, nest_access, &v };

	w1->translate(s1, &view, iova, access, &x1);
	if (x1.fault) {
		if (x1.fault == IOMMUFMT_FAULT_TABLE_READ && v.faulted) {
			*out = v.s2_fault;
			out->iova = iova;
			out->fault_addr = v.ipa;
			out->stage = 2;
			return 0;
		}
		*out = x1;
		out->stage = 1;
		return 0;
	}
	w2->translate(s2, gmem, x1.pa, access, &x2);
	if (x2.fault) {
		*out = x2;
		out->iova = iova;
		out->fault_addr = x1.pa;
		out->stage = 2;
		return 0;
	}
	*out = x1;
	out->pa = x2.pa;
	out->page_size = x1.page_size < x2.page_size ? x1.page_size : x2.page_size;
	out->perm = (x1.perm & x2.perm & rwx) | (x1.perm & ~rwx);
	out->fault_addr = 0;
	out->stage = 0;
	return 0;
}
