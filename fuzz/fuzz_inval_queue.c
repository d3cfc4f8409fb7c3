/* SPDX-License-Identifier: MIT */
/* Fuzz target: iommufmt_inv_queue_decode over a hostile command ring in guest (or host) memory. */
#include "fuzz/inval_gen.h"

#define ENTRY_SZ sizeof(struct iommufmt_inv_entry)
#define RING_MAX (64u << 10)	/* ring bytes backed by memory */

/* The slow path: the ring's bytes at @gpa from the mirror, or a failure. */
struct slow {
	const uint8_t *ring;
	uint64_t base;
	size_t len;
	int fail;
};

static int slow_access(void *opaque, __u64 gpa, void *buf, size_t len, int write)
{
	const struct slow *s = opaque;

	if (write || s->fail || gpa < s->base || gpa - s->base > s->len ||
	    len > s->len - (gpa - s->base))
		return -EFAULT;
	memcpy(buf, s->ring + (gpa - s->base), len);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct iommufmt_inv_entry want[FUZZ_INV_MAX + 2];
	struct iommufmt_inv_codec c;
	struct iommufmt_inv_queue q, got;
	struct iommufmt_inv_batch b, bseen;
	struct iommufmt_gmem_region rg[2];
	struct iommufmt_gmem gm;
	struct iommufmt_diag d;
	struct slow sl;
	struct fuzz_in in;
	uint8_t mode, mode2, *ring = NULL, *arr;
	const uint8_t *pat;
	uint32_t qarg, barg, cap, entry_len, expect_class = 0, expect_index = 0, done = 0;
	uint64_t lim, pending = 0, ring_bytes;
	size_t pat_len, ring_len = 0, arr_len, misalign;
	int r, early, expect_r = 0, use_gmem;
	void *qb, *qcopy, *bb;

	fuzz_in_init(&in, data, size);
	if (!fuzz_gen_codec(&in, &c))
		return 0;
	mode = fuzz_u8(&in);
	mode2 = fuzz_u8(&in);

	/* The ring: size, slot size, flags, indexes, base. */
	memset(&q, 0, sizeof(q));
	q.argsz = sizeof(q);
	q.size = mode & 1 ? fuzz_u32(&in) : 1u + fuzz_u16(&in) % 256u;
	q.entry_size = mode & 2 ? fuzz_u8(&in) : c.cmd_size;
	q.flags = mode & 4 ? fuzz_u32(&in) : (uint32_t)(fuzz_u8(&in) & IOMMUFMT_INV_QUEUE_F_WRAP);
	lim = (uint64_t)q.size << (q.flags & IOMMUFMT_INV_QUEUE_F_WRAP ? 1 : 0);
	q.head = fuzz_u32(&in);
	q.tail = fuzz_u32(&in);
	if (!(mode & 8) && lim) {
		q.head %= lim;
		q.tail %= lim;
	}
	q.__reserved = mode & 16 ? fuzz_u32(&in) : 0;
	q.err_index = fuzz_u32(&in);	/* outputs: overwritten */
	q.base = fuzz_u64(&in);
	if (!(mode & 32))
		q.base &= ~UINT64_C(0xfff);
	ring_bytes = (uint64_t)q.size * q.entry_size;

	/* Memory behind it: the input's bytes repeated over the ring. */
	pat = fuzz_bytes(&in, fuzz_u16(&in) % 1024, &pat_len);
	if (ring_bytes <= RING_MAX) {
		ring_len = (size_t)ring_bytes;
		ring = fuzz_poisoned(ring_len);
		for (size_t i = 0; i < ring_len; i++)
			ring[i] = pat_len ? pat[i % pat_len] : 0;
	}
	if ((q.flags & IOMMUFMT_INV_QUEUE_F_HOST) && !(mode & 4))
		q.flags &= ~IOMMUFMT_INV_QUEUE_F_HOST;
	if ((mode2 & 1) && ring) {	/* a host ring: base is its pointer */
		q.flags |= IOMMUFMT_INV_QUEUE_F_HOST;
		q.base = (uintptr_t)ring;
	} else if ((q.flags & IOMMUFMT_INV_QUEUE_F_HOST) && q.base &&
		   (!ring || q.base != (uintptr_t)ring)) {
		/* never a pointer the harness does not own (NULL is kept: it must be refused) */
		q.flags &= ~IOMMUFMT_INV_QUEUE_F_HOST;
	}
	use_gmem = !(mode2 & 2);
	memset(rg, 0, sizeof(rg));
	memset(&gm, 0, sizeof(gm));
	memset(&sl, 0, sizeof(sl));
	gm.regions = rg;
	if (ring) {
		/* a region over part of the ring (cut at either end), maybe split in two */
		uint64_t lo = ring_len ? fuzz_u16(&in) % (ring_len + 1) : 0;
		uint64_t hi = ring_len - (ring_len ? fuzz_u16(&in) % (ring_len - lo + 1) : 0);

		if (!(mode2 & 4)) {
			lo = 0;
			hi = ring_len;
		}
		if (hi > lo && q.base + lo >= q.base && q.base + hi - 1 >= q.base + lo) {
			rg[0].gpa = q.base + lo;
			rg[0].size = hi - lo;
			rg[0].host = ring + lo;
			rg[0].flags = IOMMUFMT_GMEM_READONLY;
			gm.nr_regions = 1;
			if ((mode2 & 8) && rg[0].size > 1) {
				uint64_t half = rg[0].size / 2;

				rg[1] = rg[0];
				rg[0].size = half;
				rg[1].gpa += half;
				rg[1].size -= half;
				rg[1].host = ring + lo + half;
				gm.nr_regions = 2;
			}
		}
		if (mode2 & 16) {
			sl.ring = ring;
			sl.base = q.base;
			sl.len = ring_len;
			sl.fail = (mode2 & 32) != 0;
			gm.access = slow_access;
			gm.opaque = &sl;
		}
	}
	qb = fuzz_versioned(&in, &q, sizeof(q), &qarg);
	qcopy = fuzz_exact(qb, qarg > 8 ? qarg : 8);

	/* The output batch. */
	entry_len = mode & 64 ? fuzz_u8(&in) % (ENTRY_SZ + 48) : ENTRY_SZ;
	cap = fuzz_u8(&in) % (FUZZ_INV_MAX + 2);
	misalign = mode2 & 64 ? 4 : 0;
	memset(&b, 0, sizeof(b));
	b.argsz = sizeof(b);
	b.entry_len = entry_len;
	b.entry_num = cap;
	arr_len = (size_t)cap * entry_len + misalign;
	arr = fuzz_poisoned(arr_len);
	b.entries_uptr = (uintptr_t)(arr + misalign);
	bb = mode & 128 ? fuzz_versioned(&in, &b, sizeof(b), &barg) : fuzz_exact(&b, sizeof(b));
	if (!(mode & 128))
		barg = sizeof(b);

	/* What the contract makes of these arguments, before the call. */
	early = qarg < IOMMUFMT_INV_QUEUE_SIZE_VER0 ||
		(qarg > sizeof(q) && !iommufmt_is_zero((uint8_t *)qb + sizeof(q), qarg - sizeof(q))) ||
		(q.flags & ~IOMMUFMT_INV_QUEUE_F_ALL) || q.__reserved || q.entry_size != c.cmd_size ||
		!q.size || lim > UINT32_MAX + UINT64_C(1) || q.head >= lim || q.tail >= lim ||
		(ring_bytes && q.base + (ring_bytes - 1) < q.base) ||
		(!(q.flags & IOMMUFMT_INV_QUEUE_F_HOST) && !use_gmem) ||
		((q.flags & IOMMUFMT_INV_QUEUE_F_HOST) && !q.base) ||
		barg < IOMMUFMT_INV_BATCH_SIZE_VER0 ||
		(barg > sizeof(b) && !iommufmt_is_zero((uint8_t *)bb + sizeof(b), barg - sizeof(b))) ||
		(cap && entry_len < IOMMUFMT_INV_ENTRY_SIZE_VER0);
	if (!early) {
		pending = (q.tail + lim - q.head) % lim;
		early = pending > q.size;
	}
	if (!early) {
		/* Read and decode slot after slot as the guest's IOMMU would. */
		uint32_t head = q.head;

		while (pending && done < cap) {
			uint32_t idx = (uint32_t)(head % q.size);
			uint8_t slot[32];
			int rr;

			if (q.flags & IOMMUFMT_INV_QUEUE_F_HOST)
				memcpy(slot, ring + (size_t)idx * q.entry_size, q.entry_size);
			else if (iommufmt_gmem_read(&gm, q.base + (uint64_t)idx * q.entry_size, slot,
						    q.entry_size)) {
				expect_r = -EFAULT;
				expect_class = IOMMUFMT_INV_ERR_FETCH;
				expect_index = idx;
				break;
			}
			want[done].argsz = sizeof(want[done]);
			rr = iommufmt_inv_decode(&c, slot, q.entry_size, &want[done], NULL);
			if (rr) {
				expect_r = rr;
				expect_class = IOMMUFMT_INV_ERR_ILLEGAL;
				expect_index = idx;
				break;
			}
			done++;
			pending--;
			head = (uint32_t)((head + 1) % lim);
		}
	}

	iommufmt_diag_init(&d);
	r = iommufmt_inv_queue_decode(&c, use_gmem ? &gm : NULL, qb, bb, &d);
	FUZZ_CHECK(r == 0 || r == -EINVAL || r == -EOPNOTSUPP || r == -E2BIG || r == -EFAULT ||
		   r == -EIO);
	FUZZ_CHECK(fuzz_diag_agrees(r, &d));
	memset(&got, 0, sizeof(got));
	memcpy(&got, qb, qarg < sizeof(got) ? qarg : sizeof(got));
	memset(&bseen, 0, sizeof(bseen));
	bseen.entry_num = cap;
	memcpy(&bseen, bb, barg < sizeof(bseen) ? barg : sizeof(bseen));
	if (barg >= IOMMUFMT_INV_BATCH_SIZE_VER0)	/* the count is written on every return */
		FUZZ_CHECK(bseen.entry_num <= cap && bseen.entry_num <= q.size);
	if (early) {
		FUZZ_CHECK(r == -EINVAL || r == -EOPNOTSUPP || r == -E2BIG);
		FUZZ_CHECK(barg < IOMMUFMT_INV_BATCH_SIZE_VER0 || bseen.entry_num == 0);
		/* nothing written: the queue as it was, no entry */
		FUZZ_CHECK(!memcmp(qb, qcopy, qarg > 8 ? qarg : 8) && fuzz_all_poison(arr, arr_len));
		goto out;
	}
	/* Stopped where the model stops: the head after the last decoded command, the bad slot named. */
	FUZZ_CHECK(r == expect_r && bseen.entry_num == done);
	FUZZ_CHECK(got.argsz == qarg && got.size == q.size && got.tail == q.tail);
	FUZZ_CHECK(got.head == (uint32_t)((q.head + done) % lim));
	FUZZ_CHECK(got.err_class == expect_class);
	FUZZ_CHECK(got.native_err == iommufmt_inv_native_error(&c, expect_class));
	if (expect_class) {
		FUZZ_CHECK(got.err_index == expect_index && got.head % q.size == expect_index);
		FUZZ_CHECK((d.flags & IOMMUFMT_DIAG_FLAGS_INDEX) && d.index == expect_index);
		FUZZ_CHECK(expect_class != IOMMUFMT_INV_ERR_FETCH ||
			   d.code == IOMMUFMT_DIAG_INV_QUEUE_FETCH);
	}
	/* The entries, with argsz = entry_len; nothing past them (a partial one after an error). */
	for (uint32_t i = 0; i < done; i++) {
		const uint8_t *p = arr + misalign + (size_t)i * entry_len;
		uint32_t a;

		memcpy(&a, p, 4);
		FUZZ_CHECK(a == entry_len);
		FUZZ_CHECK(!memcmp(p + 4, (const uint8_t *)&want[i] + 4,
				   (entry_len < ENTRY_SZ ? entry_len : ENTRY_SZ) - 4));
		if (entry_len > ENTRY_SZ)
			FUZZ_CHECK(iommufmt_is_zero(p + ENTRY_SZ, entry_len - ENTRY_SZ));
	}
	if (done + 1 < cap || (!r && done < cap)) {
		size_t from = misalign + ((size_t)done + (r ? 1 : 0)) * entry_len;

		FUZZ_CHECK(fuzz_all_poison(arr + from, arr_len - from));
	}
out:
	free(qcopy);
	free(qb);
	free(bb);
	free(arr);
	free(ring);
	return 0;
}
