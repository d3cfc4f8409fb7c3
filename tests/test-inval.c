/* SPDX-License-Identifier: MIT */
/* Generic invalidation: entry checks, batches, guest queues, range encoders, cross-model, iommufd. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/inval_table.h"
#include "tests/testutil.h"

#define ALLF (IOMMUFMT_INV_CFG_PASID | IOMMUFMT_INV_CFG_ATS | IOMMUFMT_INV_CFG_PRI)

static void codec(struct iommufmt_inv_codec *c, __u32 model, __u32 flags, __u8 max_am, __u8 granule)
{
	struct iommufmt_inv_cfg cfg = { .argsz = sizeof(cfg), .flags = flags, .model = model,
					.max_am = max_am, .granule = granule };
	struct iommufmt_diag d;

	iommufmt_diag_init(&d);
	ck_assert_msg(iommufmt_inv_codec_prepare(c, &cfg, &d) == 0, "prepare: %s", d.text);
}

static void vtd(struct iommufmt_inv_codec *c, __u8 max_am)
{
	codec(c, IOMMUFMT_MODEL_INTEL, ALLF, max_am, 0);
}

static void smmu(struct iommufmt_inv_codec *c, bool ril, __u8 granule)
{
	codec(c, IOMMUFMT_MODEL_SMMU, ALLF | IOMMUFMT_INV_CFG_STALL | IOMMUFMT_INV_CFG_STAGE2 |
	      (ril ? IOMMUFMT_INV_CFG_RANGE | IOMMUFMT_INV_CFG_DS : 0), 0, granule);
}

static void amd(struct iommufmt_inv_codec *c, bool inv_all)
{
	codec(c, IOMMUFMT_MODEL_AMD, ALLF | (inv_all ? IOMMUFMT_INV_CFG_INV_ALL : 0), 0, 0);
}

static struct iommufmt_inv_entry range_entry(__u32 caches, __u32 flags, uint64_t addr, __u8 granule,
					     uint64_t nr)
{
	struct iommufmt_inv_entry e;

	memset(&e, 0, sizeof(e));
	e.argsz = sizeof(e);
	e.op = IOMMUFMT_INV_OP_INVALIDATE;
	e.caches = caches;
	e.granularity = IOMMUFMT_INV_GRAN_ADDR;
	e.flags = flags;
	e.addr = addr;
	e.granule = granule;
	e.nr_granules = nr;
	return e;
}

/* ---------------- entry checks ---------------- */

/* The (cache, granularity) table of abi.h, restated: rows caches, columns G D P A V. */
static const char *const matrix[5] = {
	"xxxx.",	/* IOTLB */
	"..xxx",	/* DEV_IOTLB */
	"xxx.x",	/* PASID */
	"xx..x",	/* DEVICE */
	"x..xx",	/* INTR */
};

START_TEST(test_entry_matrix)
{
	for (unsigned int ci = 0; ci < 5; ci++)
		for (unsigned int g = 0; g < IOMMUFMT_INV_GRAN_NR; g++) {
			struct iommufmt_inv_entry e;
			struct iommufmt_diag d;
			int r;

			memset(&e, 0, sizeof(e));
			e.argsz = sizeof(e);
			e.caches = 1u << ci;
			e.granularity = (__u8)g;
			switch (g) {
			case IOMMUFMT_INV_GRAN_DOMAIN:
				e.flags = IOMMUFMT_INV_F_ARCHID;
				e.archid = 3;
				break;
			case IOMMUFMT_INV_GRAN_PASID:
				e.flags = IOMMUFMT_INV_F_PASID;
				e.pasid = 9;
				break;
			case IOMMUFMT_INV_GRAN_ADDR:
				e.granule = ci == 4 ? 0 : 12;
				e.addr = ci == 4 ? 16 : 0x10000;
				e.nr_granules = 4;
				break;
			case IOMMUFMT_INV_GRAN_DEVICE:
				e.flags = IOMMUFMT_INV_F_SID;
				e.sid = 0x100;
				break;
			}
			if (ci == 1 && g != IOMMUFMT_INV_GRAN_GLOBAL) {
				e.flags |= IOMMUFMT_INV_F_SID;
				e.sid = 0x100;
			}
			iommufmt_diag_init(&d);
			r = iommufmt_inv_entry_check(&e, &d);
			if (matrix[ci][g] == 'x') {
				ck_assert_msg(r == 0, "cache %u gran %u: %s", ci, g, d.text);
			} else {
				ck_assert_msg(r == -EINVAL, "cache %u gran %u accepted", ci, g);
				ck_assert_uint_eq(d.code, g == IOMMUFMT_INV_GRAN_GLOBAL && ci == 1 ?
						  IOMMUFMT_DIAG_INV_BAD_GRANULARITY :
						  IOMMUFMT_DIAG_INV_BAD_GRANULARITY);
			}
		}
}
END_TEST

struct bad_entry {
	const char *what;
	void (*mutate)(struct iommufmt_inv_entry *e);
	int err;
	unsigned int code;
	const char *field;
};

#define MUT(name, body) static void name(struct iommufmt_inv_entry *e) { body; }
MUT(m_op, e->op = 9)
MUT(m_flag_unknown, e->flags |= 1u << 20)
MUT(m_flag_wrong_op, e->flags |= IOMMUFMT_INV_F_SYNC_IRQ)
MUT(m_no_cache, e->caches = 0)
MUT(m_cache_unknown, e->caches |= 1u << 7)
MUT(m_gran_unknown, e->granularity = 9)
MUT(m_pasid_noflag, e->pasid = 4)
MUT(m_pasid_wide, { e->flags |= IOMMUFMT_INV_F_PASID; e->pasid = 1u << 20; })
MUT(m_misaligned, e->addr += 0x800)
MUT(m_nr_zero, e->nr_granules = 0)
MUT(m_wrap, { e->addr = 0xfffffffffffff000ULL; e->nr_granules = 2; })
MUT(m_granule_small, e->granule = 11)
MUT(m_level_small, e->level_hint = 8)
MUT(m_domain_no_archid, { e->granularity = IOMMUFMT_INV_GRAN_DOMAIN; e->addr = 0; e->nr_granules = 0;
			  e->granule = 0; e->flags &= ~IOMMUFMT_INV_F_ARCHID; e->archid = 0; })
MUT(m_devtlb_no_sid, e->caches = IOMMUFMT_INV_CACHE_DEV_IOTLB)
MUT(m_data, e->data = 1)
MUT(m_sid_mask, e->sid_mask = 1)
MUT(m_stage2_domain, { e->granularity = IOMMUFMT_INV_GRAN_DOMAIN; e->addr = 0; e->nr_granules = 0;
		       e->granule = 0; e->flags |= IOMMUFMT_INV_F_STAGE2; })
MUT(m_pasid_global, e->flags |= IOMMUFMT_INV_F_PASID_GLOBAL)
MUT(m_devtlb_domain, { e->caches = IOMMUFMT_INV_CACHE_DEV_IOTLB; e->granularity = IOMMUFMT_INV_GRAN_DOMAIN; })
MUT(m_pasidc_addr, e->caches = IOMMUFMT_INV_CACHE_PASID)
MUT(m_native_rsv, e->native.__reserved = 1)
MUT(m_sync_addr, { memset(e, 0, sizeof(*e)); e->argsz = sizeof(*e); e->op = IOMMUFMT_INV_OP_SYNC;
		   e->addr = 0x1000; })
MUT(m_resp_code, { memset(e, 0, sizeof(*e)); e->argsz = sizeof(*e); e->op = IOMMUFMT_INV_OP_PAGE_RESP;
		   e->flags = IOMMUFMT_INV_F_SID; e->code = 7; })
MUT(m_resp_tag, { memset(e, 0, sizeof(*e)); e->argsz = sizeof(*e); e->op = IOMMUFMT_INV_OP_PAGE_RESP;
		  e->flags = IOMMUFMT_INV_F_SID; e->tag = 0x200; })
MUT(m_resume_all, { memset(e, 0, sizeof(*e)); e->argsz = sizeof(*e); e->op = IOMMUFMT_INV_OP_RESUME;
		    e->flags = IOMMUFMT_INV_F_SID | IOMMUFMT_INV_F_ALL_TAGS; e->tag = 3;
		    e->code = IOMMUFMT_INV_RESUME_ABORT; })
MUT(m_argsz_small, e->argsz = 100)

static const struct bad_entry bad_entries[] = {
	{ "op", m_op, -EOPNOTSUPP, IOMMUFMT_DIAG_BAD_VALUE, "op" },
	{ "unknown flag", m_flag_unknown, -EOPNOTSUPP, IOMMUFMT_DIAG_UNKNOWN_FLAGS, "flags" },
	{ "flag of another op", m_flag_wrong_op, -EINVAL, IOMMUFMT_DIAG_BAD_COMBINATION, "flags" },
	{ "no cache", m_no_cache, -EINVAL, IOMMUFMT_DIAG_INV_BAD_CACHES, "caches" },
	{ "unknown cache", m_cache_unknown, -EOPNOTSUPP, IOMMUFMT_DIAG_INV_BAD_CACHES, "caches" },
	{ "granularity", m_gran_unknown, -EOPNOTSUPP, IOMMUFMT_DIAG_BAD_VALUE, "granularity" },
	{ "pasid without flag", m_pasid_noflag, -EOPNOTSUPP, IOMMUFMT_DIAG_RESERVED_NONZERO, "pasid" },
	{ "pasid of 21 bits", m_pasid_wide, -EINVAL, IOMMUFMT_DIAG_BAD_VALUE, "pasid" },
	{ "misaligned", m_misaligned, -EINVAL, IOMMUFMT_DIAG_INV_MISALIGNED, "addr" },
	{ "no granules", m_nr_zero, -EINVAL, IOMMUFMT_DIAG_BAD_VALUE, "nr_granules" },
	{ "wraps 2^64", m_wrap, -EINVAL, IOMMUFMT_DIAG_INV_RANGE_WRAP, "nr_granules" },
	{ "granule 11", m_granule_small, -EINVAL, IOMMUFMT_DIAG_BAD_VALUE, "granule" },
	{ "level below granule", m_level_small, -EINVAL, IOMMUFMT_DIAG_BAD_VALUE, "level_hint" },
	{ "domain without archid", m_domain_no_archid, -EINVAL, IOMMUFMT_DIAG_INV_MISSING_ID, "archid" },
	{ "device TLB without sid", m_devtlb_no_sid, -EINVAL, IOMMUFMT_DIAG_INV_MISSING_ID, "sid" },
	{ "data", m_data, -EOPNOTSUPP, IOMMUFMT_DIAG_RESERVED_NONZERO, "data" },
	{ "sid_mask", m_sid_mask, -EOPNOTSUPP, IOMMUFMT_DIAG_RESERVED_NONZERO, "sid_mask" },
	{ "stage2 domain", m_stage2_domain, -EINVAL, IOMMUFMT_DIAG_BAD_COMBINATION, "flags" },
	{ "pasid_global", m_pasid_global, -EINVAL, IOMMUFMT_DIAG_BAD_COMBINATION, "flags" },
	{ "device TLB at domain", m_devtlb_domain, -EINVAL, IOMMUFMT_DIAG_INV_BAD_GRANULARITY,
	  "granularity" },
	{ "PASID cache at addr", m_pasidc_addr, -EINVAL, IOMMUFMT_DIAG_INV_BAD_GRANULARITY,
	  "granularity" },
	{ "native reserved", m_native_rsv, -EOPNOTSUPP, IOMMUFMT_DIAG_RESERVED_NONZERO,
	  "native.__reserved" },
	{ "sync address without store", m_sync_addr, -EOPNOTSUPP, IOMMUFMT_DIAG_RESERVED_NONZERO, "addr" },
	{ "page response code", m_resp_code, -EINVAL, IOMMUFMT_DIAG_BAD_VALUE, "code" },
	{ "page response tag", m_resp_tag, -EINVAL, IOMMUFMT_DIAG_BAD_VALUE, "tag" },
	{ "terminate-all with a tag", m_resume_all, -EINVAL, IOMMUFMT_DIAG_BAD_COMBINATION, "code" },
	{ "argsz", m_argsz_small, -EINVAL, IOMMUFMT_DIAG_ARGSZ_SMALL, "argsz" },
};

START_TEST(test_entry_hostile)
{
	const struct bad_entry *b = &bad_entries[_i];
	struct iommufmt_inv_entry e = range_entry(IOMMUFMT_INV_CACHE_IOTLB, IOMMUFMT_INV_F_ARCHID,
						  0x40000, 12, 8);
	struct iommufmt_diag d;

	e.archid = 7;
	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_inv_entry_check(&e, &d), 0);
	b->mutate(&e);
	ck_assert_msg(iommufmt_inv_entry_check(&e, &d) == b->err, "%s: %s", b->what, d.text);
	ck_assert_msg(d.code == b->code, "%s: code 0x%x (%s)", b->what, d.code, d.text);
	ck_assert_str_eq(d.field, b->field);
}
END_TEST

START_TEST(test_entry_ranges_to_top)
{
	struct iommufmt_inv_entry e = range_entry(IOMMUFMT_INV_CACHE_IOTLB, 0, 0xfffffffffffff000ULL,
						  12, 1);
	uint8_t big[sizeof(e) + 16];

	ck_assert_int_eq(iommufmt_inv_entry_check(&e, NULL), 0);
	e.addr = 0;
	e.nr_granules = UINT64_C(1) << 52;
	ck_assert_int_eq(iommufmt_inv_entry_check(&e, NULL), 0);
	e.nr_granules++;
	ck_assert_int_eq(iommufmt_inv_entry_check(&e, NULL), -EINVAL);
	e.granule = 63;
	e.nr_granules = 2;
	ck_assert_int_eq(iommufmt_inv_entry_check(&e, NULL), 0);
	e.addr = UINT64_C(1) << 63;
	ck_assert_int_eq(iommufmt_inv_entry_check(&e, NULL), -EINVAL);
	/* a larger caller struct: a zero tail is fine, a non-zero one is -E2BIG */
	e = range_entry(IOMMUFMT_INV_CACHE_IOTLB, 0, 0, 12, 1);
	memset(big, 0, sizeof(big));
	e.argsz = sizeof(big);
	memcpy(big, &e, sizeof(e));
	ck_assert_int_eq(iommufmt_inv_entry_check((const void *)big, NULL), 0);
	big[sizeof(e) + 3] = 1;
	ck_assert_int_eq(iommufmt_inv_entry_check((const void *)big, NULL), -E2BIG);
}
END_TEST

/* ---------------- batches ---------------- */

static void fill_batch(uint8_t *buf, uint32_t entry_len, uint32_t n)
{
	memset(buf, 0, (size_t)entry_len * n);
	for (uint32_t i = 0; i < n; i++) {
		struct iommufmt_inv_entry e = range_entry(IOMMUFMT_INV_CACHE_IOTLB, IOMMUFMT_INV_F_ARCHID,
							  0x100000 * (i + 1), 12, 1u << i);

		e.archid = i + 1;
		e.argsz = entry_len;
		memcpy(buf + (size_t)i * entry_len, &e, sizeof(e));
	}
}

START_TEST(test_batch_rules)
{
	uint8_t buf[8 * 160];
	struct iommufmt_inv_batch b = { .argsz = sizeof(b) };
	struct iommufmt_diag d;
	struct iommufmt_inv_codec c;
	uint8_t out[64 * 16];
	size_t used;
	__u32 ef;

	smmu(&c, true, 0);
	iommufmt_diag_init(&d);
	/* probe: no entries, nothing looked at */
	b.entry_num = 0;
	ck_assert_int_eq(iommufmt_inv_batch_check(&b, &d), 0);
	ck_assert_int_eq(iommufmt_inv_batch_encode(&c, &b, NULL, 0, &used, &ef, &d), 0);
	ck_assert_uint_eq(used, 0);
	/* entry_len 0, too small, NULL array (each handles no entry: entry_num 0) */
	fill_batch(buf, sizeof(struct iommufmt_inv_entry), 4);
	b.entries_uptr = (uintptr_t)buf;
	b.entry_num = 4;
	b.entry_len = 0;
	ck_assert_int_eq(iommufmt_inv_batch_check(&b, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_INV_ENTRY_LEN);
	ck_assert_uint_eq(b.entry_num, 0);
	b.entry_num = 4;
	b.entry_len = IOMMUFMT_INV_ENTRY_SIZE_VER0 - 8;
	ck_assert_int_eq(iommufmt_inv_batch_check(&b, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_INV_ENTRY_LEN);
	ck_assert_uint_eq(b.entry_num, 0);
	b.entry_num = 4;
	b.entry_len = sizeof(struct iommufmt_inv_entry);
	b.entries_uptr = 0;
	ck_assert_int_eq(iommufmt_inv_batch_check(&b, &d), -EINVAL);
	ck_assert_uint_eq(b.entry_num, 0);
	b.entry_num = 4;
	b.entries_uptr = (uintptr_t)buf;
	ck_assert_int_eq(iommufmt_inv_batch_check(&b, &d), 0);
	ck_assert_uint_eq(b.entry_num, 4);
	/* larger entries with zero tails are accepted, a non-zero tail is -E2BIG at its index */
	fill_batch(buf, 152, 6);
	b.entry_len = 152;
	b.entry_num = 6;
	ck_assert_int_eq(iommufmt_inv_batch_check(&b, &d), 0);
	buf[2 * 152 + 140] = 1;
	b.entry_num = 6;
	ck_assert_int_eq(iommufmt_inv_batch_check(&b, &d), -E2BIG);
	ck_assert_uint_eq(b.entry_num, 2);
	ck_assert_uint_eq(d.index, 2);
	ck_assert(d.flags & IOMMUFMT_DIAG_FLAGS_INDEX);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_INV_ENTRY_LEN);
	/* an entry whose argsz disagrees with entry_len */
	fill_batch(buf, 152, 6);
	buf[3 * 152] = 120;
	b.entry_num = 6;
	ck_assert_int_eq(iommufmt_inv_batch_check(&b, &d), -EINVAL);
	ck_assert_uint_eq(b.entry_num, 3);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_INV_ENTRY_LEN);
	/* batch flags and argsz */
	b.flags = 1;
	ck_assert_int_eq(iommufmt_inv_batch_check(&b, &d), -EOPNOTSUPP);
	b.flags = 0;
	b.argsz = 16;
	ck_assert_int_eq(iommufmt_inv_batch_check(&b, &d), -EINVAL);
	b.argsz = sizeof(b);
	/* encode: a bad entry stops the batch; resume after it */
	fill_batch(buf, sizeof(struct iommufmt_inv_entry), 5);
	((struct iommufmt_inv_entry *)(void *)buf)[3].caches = 0;
	b.entry_len = sizeof(struct iommufmt_inv_entry);
	b.entry_num = 5;
	ck_assert_int_eq(iommufmt_inv_batch_encode(&c, &b, out, sizeof(out), &used, &ef, &d), -EINVAL);
	ck_assert_uint_eq(b.entry_num, 3);
	ck_assert_uint_eq(d.index, 3);
	ck_assert_uint_eq(used, 3 * 16);	/* 1, 2 and 4 pages: one range command each */
	b.entries_uptr = (uintptr_t)(buf + 4 * sizeof(struct iommufmt_inv_entry));
	b.entry_num = 1;
	ck_assert_int_eq(iommufmt_inv_batch_encode(&c, &b, out, sizeof(out), &used, &ef, &d), 0);
	ck_assert_uint_eq(b.entry_num, 1);
	/* output too small: -EMSGSIZE with the entries that fit handled */
	b.entries_uptr = (uintptr_t)buf;
	b.entry_num = 3;
	ck_assert_int_eq(iommufmt_inv_batch_encode(&c, &b, out, 2 * 16 + 8, &used, &ef, &d), -EMSGSIZE);
	ck_assert_uint_eq(b.entry_num, 2);
	ck_assert_uint_eq(used, 32);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_OUTPUT_SMALL);
	ck_assert_uint_eq(d.value, 16);
}
END_TEST

/* ---------------- queues ---------------- */

static void vtd_cmd(uint8_t *p, unsigned int did, uint64_t addr)
{
	iommufmt__put_le64(p, 2 | 3 << 4 | (uint64_t)did << 16);
	iommufmt__put_le64(p + 8, addr);
}

START_TEST(test_queue_wrap)
{
	struct iommufmt_inv_codec c;
	uint8_t ring[16 * 16];
	struct iommufmt_gmem_region reg = { .gpa = 0x7000000, .size = sizeof(ring), .host = ring };
	struct iommufmt_gmem gm = { .regions = &reg, .nr_regions = 1 };
	struct iommufmt_inv_entry ent[16];
	struct iommufmt_inv_batch out = { .argsz = sizeof(out), .entry_len = sizeof(ent[0]),
					  .entries_uptr = (uintptr_t)ent };
	struct iommufmt_inv_queue q = { .argsz = sizeof(q), .base = 0x7000000, .size = 16,
					.entry_size = 16 };
	struct iommufmt_diag d;

	vtd(&c, 9);
	iommufmt_diag_init(&d);
	for (unsigned int i = 0; i < 16; i++)
		vtd_cmd(ring + 16 * i, i, 0x1000 * i);
	/* head 12, tail 4: slots 12..15 then 0..3 */
	q.head = 12;
	q.tail = 4;
	out.entry_num = 16;
	ck_assert_int_eq(iommufmt_inv_queue_decode(&c, &gm, &q, &out, &d), 0);
	ck_assert_uint_eq(out.entry_num, 8);
	ck_assert_uint_eq(q.head, 4);
	ck_assert_uint_eq(q.err_class, IOMMUFMT_INV_ERR_NONE);
	for (unsigned int i = 0; i < 8; i++)
		ck_assert_uint_eq(ent[i].archid, (12 + i) % 16);
	/* output capacity 3: stops after 3, resumes where it stopped */
	q.head = 12;
	out.entry_num = 3;
	ck_assert_int_eq(iommufmt_inv_queue_decode(&c, &gm, &q, &out, &d), 0);
	ck_assert_uint_eq(out.entry_num, 3);
	ck_assert_uint_eq(q.head, 15);
	out.entry_num = 16;
	ck_assert_int_eq(iommufmt_inv_queue_decode(&c, &gm, &q, &out, &d), 0);
	ck_assert_uint_eq(out.entry_num, 5);
	ck_assert_uint_eq(ent[0].archid, 15);
	ck_assert_uint_eq(ent[1].archid, 0);
	/* a bad command at slot 1: stop there, report slot and class */
	iommufmt__put_le64(ring + 16 * 1, 2 | 3 << 4 | 1 << 8);
	q.head = 12;
	out.entry_num = 16;
	ck_assert_int_eq(iommufmt_inv_queue_decode(&c, &gm, &q, &out, &d), -EIO);
	ck_assert_uint_eq(out.entry_num, 5);
	ck_assert_uint_eq(q.head, 1);
	ck_assert_uint_eq(q.err_index, 1);
	ck_assert_uint_eq(q.err_class, IOMMUFMT_INV_ERR_ILLEGAL);
	ck_assert_uint_eq(q.native_err, 0x10);	/* FSTS.IQE */
	ck_assert_uint_eq(d.index, 1);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_INV_RESERVED_BIT);
	/* the same ring from a host buffer */
	q.flags = IOMMUFMT_INV_QUEUE_F_HOST;
	q.base = (uintptr_t)ring;
	q.head = 2;
	q.tail = 1;
	out.entry_num = 16;
	ck_assert_int_eq(iommufmt_inv_queue_decode(&c, NULL, &q, &out, &d), 0);
	ck_assert_uint_eq(out.entry_num, 15);
	ck_assert_uint_eq(q.head, 1);
	/* empty */
	ck_assert_int_eq(iommufmt_inv_queue_decode(&c, NULL, &q, &out, &d), 0);
	ck_assert_uint_eq(out.entry_num, 0);
}
END_TEST

static int slow_access(void *opaque, __u64 gpa, void *buf, size_t len, int write)
{
	const uint8_t *mem = opaque;

	if (write || gpa < 0x9000 || gpa + len > 0x9000 + 4 * 16)
		return -1;
	memcpy(buf, mem + (gpa - 0x9000), len);
	return 0;
}

START_TEST(test_queue_indexes_and_faults)
{
	struct iommufmt_inv_codec c;
	uint8_t ring[8 * 16];
	struct iommufmt_gmem_region reg = { .gpa = 0x5000, .size = 6 * 16, .host = ring };
	struct iommufmt_gmem gm = { .regions = &reg, .nr_regions = 1 };
	struct iommufmt_inv_entry ent[16];
	uint8_t wide[16 * 128];
	struct iommufmt_inv_batch out = { .argsz = sizeof(out), .entry_len = sizeof(ent[0]),
					  .entries_uptr = (uintptr_t)ent, .entry_num = 16 };
	struct iommufmt_inv_queue q = { .argsz = sizeof(q), .flags = IOMMUFMT_INV_QUEUE_F_WRAP,
					.base = 0x5000, .size = 8, .entry_size = 16 };
	struct iommufmt_diag d;

	smmu(&c, true, 0);
	iommufmt_diag_init(&d);
	for (unsigned int i = 0; i < 8; i++) {
		iommufmt__put_le64(ring + 16 * i, 0x11 | (uint64_t)i << 48);	/* TLBI_NH_ASID */
		iommufmt__put_le64(ring + 16 * i + 8, 0);
	}
	/* indexes outside the ring */
	q.head = 16;
	ck_assert_int_eq(iommufmt_inv_queue_decode(&c, &gm, &q, &out, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_INV_QUEUE_INDEX);
	ck_assert_str_eq(d.field, "head");
	q.head = 0;
	q.tail = 0x20;
	ck_assert_int_eq(iommufmt_inv_queue_decode(&c, &gm, &q, &out, &d), -EINVAL);
	ck_assert_str_eq(d.field, "tail");
	q.flags = 0;
	q.tail = 8;
	ck_assert_int_eq(iommufmt_inv_queue_decode(&c, &gm, &q, &out, &d), -EINVAL);
	q.flags = IOMMUFMT_INV_QUEUE_F_WRAP;
	/* wrap bits: head 3 (wrap 0), tail 11 (wrap 1, index 3): full, 8 commands, read 6 */
	q.head = 3;
	q.tail = 11;
	out.entry_num = 16;
	ck_assert_int_eq(iommufmt_inv_queue_decode(&c, &gm, &q, &out, &d), -EFAULT);
	/* slots 3, 4, 5 are in the region, slot 6 is not and there is no callback */
	ck_assert_uint_eq(out.entry_num, 3);
	ck_assert_uint_eq(q.head, 6);
	ck_assert_uint_eq(q.err_index, 6);
	ck_assert_uint_eq(q.err_class, IOMMUFMT_INV_ERR_FETCH);
	ck_assert_uint_eq(q.native_err, 2);	/* CERROR_ABT */
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_INV_QUEUE_FETCH);
	ck_assert_uint_eq(d.index, 6);
	/* all of it readable: 8 commands, head back at 3 with the wrap bit flipped */
	reg.size = sizeof(ring);
	q.head = 3;
	q.tail = 11;
	out.entry_num = 16;
	ck_assert_int_eq(iommufmt_inv_queue_decode(&c, &gm, &q, &out, &d), 0);
	ck_assert_uint_eq(out.entry_num, 8);
	ck_assert_uint_eq(q.head, 11);
	ck_assert_uint_eq(ent[5].archid, 0);
	/* the producer ahead by more than the ring */
	q.head = 0;
	q.tail = 9;
	ck_assert_int_eq(iommufmt_inv_queue_decode(&c, &gm, &q, &out, &d), -EINVAL);
	/* no flat region: slots come through the callback one by one */
	reg.gpa = 0x100000;
	gm.access = slow_access;
	gm.opaque = ring;
	q.base = 0x9000;
	q.head = 2;
	q.tail = 6;
	out.entry_num = 16;
	ck_assert_int_eq(iommufmt_inv_queue_decode(&c, &gm, &q, &out, &d), -EFAULT);
	ck_assert_uint_eq(out.entry_num, 2);	/* slots 2 and 3; slot 4 is beyond the callback */
	ck_assert_uint_eq(q.err_index, 4);
	/* entries of another size version (zero tails written, argsz = entry_len) */
	q.head = 0;
	q.tail = 3;
	memset(wide, 0xee, sizeof(wide));
	out.entry_len = 128;
	out.entries_uptr = (uintptr_t)wide;
	out.entry_num = 16;
	ck_assert_int_eq(iommufmt_inv_queue_decode(&c, &gm, &q, &out, &d), 0);
	ck_assert_uint_eq(out.entry_num, 3);
	for (unsigned int i = 0; i < 3; i++) {
		struct iommufmt_inv_entry e;

		memcpy(&e, wide + 128 * i, sizeof(e));
		ck_assert_uint_eq(e.argsz, 128);
		ck_assert_uint_eq(e.archid, i);
		ck_assert(iommufmt_is_zero(wide + 128 * i + sizeof(e), 128 - sizeof(e)));
	}
	ck_assert_uint_eq(wide[3 * 128], 0xee);
	/* bad queue descriptions */
	q.entry_size = 32;
	ck_assert_int_eq(iommufmt_inv_queue_decode(&c, &gm, &q, &out, &d), -EINVAL);
	q.entry_size = 16;
	q.size = 0;
	ck_assert_int_eq(iommufmt_inv_queue_decode(&c, &gm, &q, &out, &d), -EINVAL);
	q.size = 8;
	q.base = 0xffffffffffffffc0ULL;
	ck_assert_int_eq(iommufmt_inv_queue_decode(&c, &gm, &q, &out, &d), -EINVAL);
	q.base = 0x9000;
	q.flags |= 1u << 7;
	ck_assert_int_eq(iommufmt_inv_queue_decode(&c, &gm, &q, &out, &d), -EOPNOTSUPP);
	q.flags = 0;
	q.__reserved = 1;
	ck_assert_int_eq(iommufmt_inv_queue_decode(&c, &gm, &q, &out, &d), -EOPNOTSUPP);
}
END_TEST

/* ---------------- entry_num on early errors ---------------- */

/*
 * The capacity each early-error case starts with: the entries the array
 * holds, so entry_num * entry_len stays inside the address space on 32-bit
 * too; an early error must overwrite it with 0.
 */
#define POISON 4u

/* A batch function failed before its first entry: it returned @want and wrote entry_num 0. */
static void early(struct iommufmt_inv_batch *b, int got, int want, const char *what,
		  const struct iommufmt_diag *d)
{
	ck_assert_msg(got == want, "%s: returned %d, expected %d (%s)", what, got, want, d->text);
	ck_assert_msg(b->entry_num == 0, "%s: entry_num 0x%x after an early error", what,
		      b->entry_num);
	b->entry_num = POISON;
}

/*
 * Every batch function writes entry_num on every return (abi.h): each error
 * it can report before handling an entry leaves 0 there, not the caller's
 * count (the CLI printed that many uninitialised entries).
 */
START_TEST(test_batch_count_on_early_errors)
{
	struct iommufmt_inv_codec c, s390;
	struct iommufmt_inv_entry ent[POISON];
	uint8_t ring[8 * 16] = { 0 }, cmds[3 * 16] = { 0 }, out[4 * 16];
	struct iommufmt_gmem_region reg = { .gpa = 0x80000, .size = sizeof(ring), .host = ring };
	struct iommufmt_gmem gm = { .regions = &reg, .nr_regions = 1 };
	struct {
		struct iommufmt_inv_batch b;
		uint64_t tail;
	} big;
	struct iommufmt_inv_batch b = { .argsz = sizeof(b), .entry_len = sizeof(ent[0]),
					.entries_uptr = (uintptr_t)ent, .entry_num = POISON };
	const struct iommufmt_inv_batch good = b;
	struct iommufmt_inv_queue q = { .argsz = sizeof(q), .base = 0x80000, .size = 8,
					.entry_size = 16, .head = 9, .tail = 2 };
	struct iommufmt_iommufd_hwpt_invalidate inv;
	struct iommufmt_diag d;
	size_t used;
	__u32 ef;

	smmu(&c, true, 0);
	codec(&s390, IOMMUFMT_MODEL_S390, 0, 0, 0);
	iommufmt_diag_init(&d);
	memset(ent, 0xa5, sizeof(ent));

	/* decode_array: no codec, no commands, a partial command; the batch's own faults */
	early(&b, iommufmt_inv_decode_array(NULL, cmds, sizeof(cmds), &b, &d), -EINVAL, "array no codec", &d);
	early(&b, iommufmt_inv_decode_array(&c, NULL, 16, &b, &d), -EINVAL, "array NULL", &d);
	early(&b, iommufmt_inv_decode_array(&c, cmds, sizeof(cmds) - 8, &b, &d), -EINVAL,
	      "array length", &d);
	b.entry_len = 8;
	early(&b, iommufmt_inv_decode_array(&c, cmds, sizeof(cmds), &b, &d), -EINVAL,
	      "array entry_len", &d);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_INV_ENTRY_LEN);
	b = good;
	b.flags = 1;
	early(&b, iommufmt_inv_decode_array(&c, cmds, sizeof(cmds), &b, &d), -EOPNOTSUPP,
	      "array flags", &d);
	b = good;
	b.entries_uptr = 0;
	early(&b, iommufmt_inv_decode_array(&c, cmds, sizeof(cmds), &b, &d), -EINVAL,
	      "array no entries", &d);
	b = good;
	b.argsz = IOMMUFMT_INV_BATCH_SIZE_VER0 - 8;	/* below VER0, entry_num still inside */
	early(&b, iommufmt_inv_decode_array(&c, cmds, sizeof(cmds), &b, &d), -EINVAL,
	      "array argsz", &d);
	big.b = good;
	big.b.argsz = sizeof(big);
	big.tail = 1;
	early(&big.b, iommufmt_inv_decode_array(&c, cmds, sizeof(cmds), &big.b, &d), -E2BIG,
	      "array tail", &d);
	/* an argsz that does not reach entry_num: nothing is written there */
	b = good;
	b.argsz = 8;
	ck_assert_int_eq(iommufmt_inv_decode_array(&c, cmds, sizeof(cmds), &b, &d), -EINVAL);
	ck_assert_uint_eq(b.entry_num, POISON);
	ck_assert_uint_eq(ent[0].argsz, 0xa5a5a5a5);	/* and no entry written anywhere */

	/* queue_decode: every check of the queue before the first slot */
	b = good;
	early(&b, iommufmt_inv_queue_decode(NULL, &gm, &q, &b, &d), -EINVAL, "queue no codec", &d);
	early(&b, iommufmt_inv_queue_decode(&c, &gm, NULL, &b, &d), -EINVAL, "queue NULL", &d);
	early(&b, iommufmt_inv_queue_decode(&c, &gm, &q, &b, &d), -EINVAL, "queue head", &d);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_INV_QUEUE_INDEX);
	q.head = 2;
	q.tail = 9;
	early(&b, iommufmt_inv_queue_decode(&c, &gm, &q, &b, &d), -EINVAL, "queue tail", &d);
	ck_assert_str_eq(d.field, "tail");
	q.flags = IOMMUFMT_INV_QUEUE_F_WRAP;
	q.head = 0;
	q.tail = 9;	/* wrap bit set, index 1: more pending than the ring holds */
	early(&b, iommufmt_inv_queue_decode(&c, &gm, &q, &b, &d), -EINVAL, "queue overrun", &d);
	q.flags = 0;
	q.tail = 2;
	q.argsz = 8;
	early(&b, iommufmt_inv_queue_decode(&c, &gm, &q, &b, &d), -EINVAL, "queue argsz", &d);
	q.argsz = sizeof(q);
	q.flags = 1u << 7;
	early(&b, iommufmt_inv_queue_decode(&c, &gm, &q, &b, &d), -EOPNOTSUPP, "queue flags", &d);
	q.flags = 0;
	q.__reserved = 1;
	early(&b, iommufmt_inv_queue_decode(&c, &gm, &q, &b, &d), -EOPNOTSUPP, "queue reserved", &d);
	q.__reserved = 0;
	q.entry_size = 32;
	early(&b, iommufmt_inv_queue_decode(&c, &gm, &q, &b, &d), -EINVAL, "queue entry_size", &d);
	q.entry_size = 16;
	q.size = 0;
	early(&b, iommufmt_inv_queue_decode(&c, &gm, &q, &b, &d), -EINVAL, "queue size", &d);
	q.size = 8;
	q.base = 0xffffffffffffffc0ULL;
	early(&b, iommufmt_inv_queue_decode(&c, &gm, &q, &b, &d), -EINVAL, "queue base wraps", &d);
	q.base = 0x80000;
	early(&b, iommufmt_inv_queue_decode(&c, NULL, &q, &b, &d), -EINVAL, "queue no gmem", &d);
	q.flags = IOMMUFMT_INV_QUEUE_F_HOST;
	q.base = 0;
	early(&b, iommufmt_inv_queue_decode(&c, NULL, &q, &b, &d), -EINVAL, "queue host NULL", &d);
	q.flags = 0;
	q.base = 0x80000;
	b.entry_len = 8;
	early(&b, iommufmt_inv_queue_decode(&c, &gm, &q, &b, &d), -EINVAL, "queue entry_len", &d);
	/* a bad first slot is not an early error, but it handles no entry either */
	b = good;
	iommufmt__put_le64(ring + 16 * 2, 0x99);
	q.head = 2;
	q.tail = 4;
	early(&b, iommufmt_inv_queue_decode(&c, &gm, &q, &b, &d), -EIO, "queue bad slot", &d);
	ck_assert_uint_eq(q.err_class, IOMMUFMT_INV_ERR_ILLEGAL);
	ck_assert_uint_eq(q.err_index, 2);

	/* batch_check, batch_encode, batch_to_iommufd: their own arguments, then the batch's */
	b = good;
	b.entry_len = 8;
	early(&b, iommufmt_inv_batch_check(&b, &d), -EINVAL, "check entry_len", &d);
	b = good;
	early(&b, iommufmt_inv_batch_encode(NULL, &b, out, sizeof(out), &used, &ef, &d), -EINVAL,
	      "encode no codec", &d);
	early(&b, iommufmt_inv_batch_encode(&c, &b, out, sizeof(out), NULL, &ef, &d), -EINVAL,
	      "encode no count", &d);
	early(&b, iommufmt_inv_batch_encode(&c, &b, NULL, sizeof(out), &used, &ef, &d), -EINVAL,
	      "encode NULL out", &d);
	b.flags = 1;
	early(&b, iommufmt_inv_batch_encode(&c, &b, out, sizeof(out), &used, &ef, &d), -EOPNOTSUPP,
	      "encode flags", &d);
	b = good;
	early(&b, iommufmt_inv_batch_to_iommufd(NULL, &b, &inv, out, sizeof(out), &ef, &d), -EINVAL,
	      "iommufd no codec", &d);
	early(&b, iommufmt_inv_batch_to_iommufd(&s390, &b, &inv, out, sizeof(out), &ef, &d),
	      -EOPNOTSUPP, "iommufd no kernel type", &d);
	early(&b, iommufmt_inv_batch_to_iommufd(&c, &b, NULL, out, sizeof(out), &ef, &d), -EINVAL,
	      "iommufd no inv", &d);
	b.entries_uptr = 0;
	memset(&inv, 0xa5, sizeof(inv));
	early(&b, iommufmt_inv_batch_to_iommufd(&c, &b, &inv, out, sizeof(out), &ef, &d), -EINVAL,
	      "iommufd no entries", &d);
	ck_assert_uint_eq(inv.entry_num, 0);	/* the ioctl argument names no kernel entry */
	ck_assert_uint_eq(inv.size, sizeof(inv));
}
END_TEST

/* ---------------- range encoders ---------------- */

/* Bits n-1..0 set (n <= 64). */
static uint64_t low_bits(unsigned int n)
{
	return n >= 64 ? UINT64_MAX : (UINT64_C(1) << n) - 1;
}

/* The last byte of [a, a + pages * 2^g) into *last; false when the range passes 2^64 (or is empty). */
static bool range_last(uint64_t a, uint64_t pages, unsigned int g, uint64_t *last)
{
	uint64_t span;

	if (!pages || pages - 1 > (UINT64_MAX >> g))
		return false;
	span = ((pages - 1) << g) | low_bits(g);
	if (span > UINT64_MAX - a)
		return false;
	*last = a + span;
	return true;
}

/* Fewest aligned power-of-two blocks covering [a, b) (b < 2^64), computed another way. */
static unsigned int pow2_min(uint64_t a, uint64_t b)
{
	uint64_t m, x;
	unsigned int d = 0, n = 0;

	if (a == b)
		return 0;
	for (x = a ^ b; x >> 1; x >>= 1)
		d++;
	/* m: the point of [a, b] with the most trailing zeros; blocks grow up to it, then shrink */
	m = (a & low_bits(d + 1)) ? (b >> d) << d : a;
	for (x = m - a; x; x >>= 1)
		n += (unsigned int)(x & 1);
	for (x = b - m; x; x >>= 1)
		n += (unsigned int)(x & 1);
	return n;
}

/* An inclusive range of bytes: [lo, last], so the top of the space is UINT64_MAX, not 2^64. */
struct span {
	uint64_t lo, last;
};

static int span_cmp(const void *x, const void *y)
{
	const struct span *a = x, *b = y;

	return a->lo < b->lo ? -1 : a->lo > b->lo;
}

/*
 * Decode @n commands and merge their ranges, each rounded out to 2^@g (the
 * host granule: an SMMU TG = 0 command names the entry holding an address,
 * which is at least a granule): return 1 when they cover exactly [lo, last],
 * 2 when they cover a superset, 0 otherwise.
 */
static int coverage_g(const struct iommufmt_inv_codec *c, const uint8_t *cmds, unsigned int n,
		      uint64_t lo, uint64_t last, unsigned int g)
{
	struct span s[IOMMUFMT_INV_ENCODE_MAX + 8];
	const uint64_t gm = low_bits(g);
	uint64_t end;

	ck_assert_uint_le(n, IOMMUFMT_INV_ENCODE_MAX + 8);
	for (unsigned int i = 0; i < n; i++) {
		struct iommufmt_inv_entry e = { .argsz = sizeof(e) };
		struct iommufmt_diag d;

		iommufmt_diag_init(&d);
		ck_assert_msg(iommufmt_inv_decode(c, cmds + i * c->cmd_size, c->cmd_size, &e, &d) == 0,
			      "emitted command %u does not decode: %s", i, d.text);
		if (e.granularity != IOMMUFMT_INV_GRAN_ADDR) {
			s[i].lo = 0;
			s[i].last = UINT64_MAX;
		} else {
			/* decoded entries never pass 2^64 */
			ck_assert(range_last(e.addr, e.nr_granules, e.granule, &s[i].last));
			s[i].lo = e.addr & ~gm;
			s[i].last |= gm;
		}
	}
	qsort(s, n, sizeof(s[0]), span_cmp);
	if (s[0].lo > lo)
		return 0;
	end = s[0].last;
	for (unsigned int i = 1; i < n; i++) {
		if (end != UINT64_MAX && s[i].lo > end + 1)
			return 0;	/* a gap */
		if (s[i].last > end)
			end = s[i].last;
	}
	if (end < last)
		return 0;
	return s[0].lo == lo && end == last ? 1 : 2;
}

static int coverage(const struct iommufmt_inv_codec *c, const uint8_t *cmds, unsigned int n,
		    uint64_t lo, uint64_t last)
{
	return coverage_g(c, cmds, n, lo, last, 12);
}

static uint64_t rand_pages(struct test_rng *r, unsigned int maxbits)
{
	return 1 + (test_rng_next(r) >> (64 - 1 - test_rng_below(r, maxbits)));
}

START_TEST(test_cover_pow2)
{
	struct test_rng r;
	struct iommufmt__inv_block blk[160];

	test_rng_seed(&r, 77);
	for (int i = 0; i < 20000; i++) {
		uint64_t a = test_rng_next(&r) >> test_rng_below(&r, 64);
		uint64_t n = rand_pages(&r, 63);
		size_t k;
		uint64_t pos = a;

		if (n > ~a)
			n = ~a;	/* stay below 2^64 */
		if (!n)
			continue;
		k = iommufmt__inv_cover_pow2(a, n, 64, blk, 160);
		ck_assert_uint_eq(k, pow2_min(a, a + n));
		for (size_t j = 0; j < k; j++) {
			ck_assert_uint_eq(blk[j].start, pos);
			ck_assert(!(blk[j].start & ((UINT64_C(1) << blk[j].log2) - 1)));
			pos += UINT64_C(1) << blk[j].log2;
		}
		ck_assert_uint_eq(pos - a, n);
	}
}
END_TEST

/* VT-d AM blocks, AMD and ATS S-bit blocks: the minimal count and an exact cover. */
START_TEST(test_encode_pow2_models)
{
	struct iommufmt_inv_codec cv, ca, cs;
	struct test_rng r;
	uint8_t out[(IOMMUFMT_INV_ENCODE_MAX + 8) * 16];

	vtd(&cv, 52);
	amd(&ca, true);
	smmu(&cs, true, 0);
	test_rng_seed(&r, 5);
	for (int i = 0; i < 3000; i++) {
		uint64_t pages = rand_pages(&r, 36), start = test_rng_next(&r) >> (12 + test_rng_below(&r, 40));
		struct iommufmt_inv_entry e;
		const struct iommufmt_inv_codec *c;
		unsigned int which = (unsigned int)test_rng_below(&r, 4), want;
		__u32 n = 0, ef = 0;
		uint64_t lo = start << 12, last;
		struct iommufmt_diag d;

		if (!range_last(lo, pages, 12, &last))
			continue;
		if (which == 0) {
			c = &cv;
			e = range_entry(IOMMUFMT_INV_CACHE_IOTLB, IOMMUFMT_INV_F_ARCHID, start << 12, 12, pages);
			e.archid = 4;
		} else if (which == 1) {
			c = &ca;
			e = range_entry(IOMMUFMT_INV_CACHE_IOTLB, IOMMUFMT_INV_F_ARCHID, start << 12, 12, pages);
			e.archid = 4;
		} else {
			c = which == 2 ? &cs : &cv;
			e = range_entry(IOMMUFMT_INV_CACHE_DEV_IOTLB, IOMMUFMT_INV_F_SID, start << 12, 12, pages);
			e.sid = 0x33;
		}
		iommufmt_diag_init(&d);
		ck_assert_msg(iommufmt_inv_encode(c, &e, out, sizeof(out), &n, &ef, &d) == 0, "%s", d.text);
		want = pow2_min(start, start + pages);
		if (want <= IOMMUFMT_INV_ENCODE_MAX && !(which == 1 && pages >= (UINT64_C(1) << 39))) {
			ck_assert_msg(n == want, "model %u: %u commands for %llu pages at 0x%llx, minimum %u",
				      which, n, (unsigned long long)pages, (unsigned long long)start, want);
			ck_assert_uint_eq(ef, 0);
			ck_assert_int_eq(coverage(c, out, n, lo, last), 1);
		} else {
			ck_assert_uint_le(n, IOMMUFMT_INV_ENCODE_MAX);
			ck_assert_int_ge(coverage(c, out, n, lo, last), 1);
		}
	}
}
END_TEST

/* Fewest SMMU range terms (num 1..32 times 2^scale) summing to n, by dynamic programming. */
#define DP_MAX 4096
static unsigned char dp[DP_MAX + 1];

static void smmu_dp(void)
{
	dp[0] = 0;
	for (unsigned int x = 1; x <= DP_MAX; x++) {
		unsigned int best = 255;

		for (unsigned int s = 0; (1u << s) <= x; s++)
			for (unsigned int k = 1; k <= 32 && (k << s) <= x; k++)
				if (dp[x - (k << s)] + 1u < best)
					best = dp[x - (k << s)] + 1u;
		dp[x] = (unsigned char)best;
	}
}

START_TEST(test_encode_smmu_ranges)
{
	struct iommufmt_inv_codec c, c64, cnr;
	struct test_rng r;
	uint8_t out[(IOMMUFMT_INV_ENCODE_MAX + 8) * 16];
	struct iommufmt_diag d;

	smmu_dp();
	smmu(&c, true, 0);
	smmu(&c64, true, 16);
	smmu(&cnr, false, 0);
	test_rng_seed(&r, 9);
	iommufmt_diag_init(&d);
	/* every count up to DP_MAX: the encoder's command count is the minimum */
	for (unsigned int pages = 1; pages <= DP_MAX; pages++) {
		uint64_t a = (test_rng_next(&r) >> 20) << 12;
		struct iommufmt_inv_entry e = range_entry(IOMMUFMT_INV_CACHE_IOTLB, IOMMUFMT_INV_F_ARCHID,
							  a, 12, pages);
		__u32 n = 0, ef = 0;
		uint64_t last;

		e.archid = 1;
		ck_assert(range_last(a, pages, 12, &last));
		ck_assert_int_eq(iommufmt_inv_encode(&c, &e, out, sizeof(out), &n, &ef, &d), 0);
		ck_assert_msg(n == dp[pages], "%u pages: %u commands, minimum %u", pages, n, dp[pages]);
		ck_assert_int_eq(coverage(&c, out, n, a, last), 1);
	}
	/* big ranges: a handful of commands, exact */
	for (int i = 0; i < 2000; i++) {
		uint64_t pages = rand_pages(&r, 40), a = (test_rng_next(&r) >> 24) << 12;
		struct iommufmt_inv_entry e = range_entry(IOMMUFMT_INV_CACHE_IOTLB, 0, a, 12, pages);
		__u32 n = 0, ef = 0;
		uint64_t last;

		ck_assert(range_last(a, pages, 12, &last));
		ck_assert_int_eq(iommufmt_inv_encode(&c, &e, out, sizeof(out), &n, &ef, &d), 0);
		ck_assert_uint_le(n, 9);
		ck_assert_int_eq(coverage(&c, out, n, a, last), 1);
		/* a 64 KiB host granule: the range rounded out to it, flagged when it grew */
		ck_assert_int_eq(iommufmt_inv_encode(&c64, &e, out, sizeof(out), &n, &ef, &d), 0);
		ck_assert_int_ge(coverage_g(&c64, out, n, a, last, 16), 1);
		/* one 4 KiB page is sent as the TG = 0 form naming the entry holding it */
		ck_assert_int_eq(!!(ef & IOMMUFMT_INV_ENC_WIDENED),
				 pages > 1 && ((a | (pages << 12)) & 0xffff));
	}
	/* without range invalidation: one command per page up to the limit, then the ASID */
	{
		struct iommufmt_inv_entry e = range_entry(IOMMUFMT_INV_CACHE_IOTLB, IOMMUFMT_INV_F_ARCHID,
							  0x100000, 12, 100);
		__u32 n = 0, ef = 0;

		e.archid = 6;
		ck_assert_int_eq(iommufmt_inv_encode(&cnr, &e, out, sizeof(out), &n, &ef, &d), 0);
		ck_assert_uint_eq(n, 100);
		ck_assert_uint_eq(ef, 0);
		ck_assert_int_eq(coverage(&cnr, out, n, 0x100000, 0x100000 + 100 * 4096 - 1), 1);
		e.nr_granules = IOMMUFMT_INV_ENCODE_MAX + 1;
		ck_assert_int_eq(iommufmt_inv_encode(&cnr, &e, out, sizeof(out), &n, &ef, &d), 0);
		ck_assert_uint_eq(n, 1);
		ck_assert_uint_eq(ef, IOMMUFMT_INV_ENC_WIDENED);
		ck_assert_uint_eq(out[0], 0x11);	/* TLBI_NH_ASID */
		ck_assert_uint_eq(out[6], 6);		/* ASID 6 in bits 63:48 */
		/*
		 * One 64 KiB page, tables' granule unknown (a fuzz finding): a
		 * TG = 0 command reaches only the leaf holding its address,
		 * which may be 4 KiB, so all 16 pages get one each.
		 */
		e = range_entry(IOMMUFMT_INV_CACHE_IOTLB, IOMMUFMT_INV_F_ARCHID, 0x30000, 16, 1);
		ck_assert_int_eq(iommufmt_inv_encode(&cnr, &e, out, sizeof(out), &n, &ef, &d), 0);
		ck_assert_uint_eq(n, 16);
		ck_assert_uint_eq(ef, 0);
		ck_assert_int_eq(coverage(&cnr, out, n, 0x30000, 0x3ffff), 1);
	}
}
END_TEST

/* VT-d with a small MAMV: big ranges widen to the domain; -EMSGSIZE reports the count. */
START_TEST(test_encode_widen_and_msgsize)
{
	struct iommufmt_inv_codec c;
	struct iommufmt_inv_entry e = range_entry(IOMMUFMT_INV_CACHE_IOTLB | IOMMUFMT_INV_CACHE_DEV_IOTLB,
						  IOMMUFMT_INV_F_ARCHID | IOMMUFMT_INV_F_SID, 0x3000, 12, 13);
	uint8_t out[(IOMMUFMT_INV_ENCODE_MAX + 8) * 16];
	struct iommufmt_diag d;
	__u32 n = 0, ef = 0;

	vtd(&c, 2);
	iommufmt_diag_init(&d);
	e.archid = 2;
	e.sid = 0x10;
	/* IOTLB: 0x3000 + 13 pages = 1+4+4+4 (AM <= 2) = 4 blocks; ATS: 1+4+8 = 3 blocks */
	ck_assert_int_eq(iommufmt_inv_encode(&c, &e, out, sizeof(out), &n, &ef, &d), 0);
	ck_assert_uint_eq(n, 7);
	ck_assert_uint_eq(ef, 0);
	/* too small: nothing promised written, the count needed reported */
	ck_assert_int_eq(iommufmt_inv_encode(&c, &e, out, 6 * 16, &n, &ef, &d), -EMSGSIZE);
	ck_assert_uint_eq(n, 7);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_OUTPUT_SMALL);
	/* 600 pages with AM <= 2: 150 blocks > IOMMUFMT_INV_ENCODE_MAX: the whole domain */
	e.caches = IOMMUFMT_INV_CACHE_IOTLB;
	e.flags = IOMMUFMT_INV_F_ARCHID;
	e.sid = 0;
	e.nr_granules = 600;
	ck_assert_int_eq(iommufmt_inv_encode(&c, &e, out, sizeof(out), &n, &ef, &d), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(ef, IOMMUFMT_INV_ENC_WIDENED);
	ck_assert_uint_eq(out[0], 2 | 2 << 4);	/* IOTLB domain-selective */
	ck_assert_uint_eq(out[2], 2);		/* DID */
}
END_TEST

/* ---------------- across models ---------------- */

static void le_cmd(uint8_t *p, uint64_t w0, uint64_t w1)
{
	iommufmt__put_le64(p, w0);
	iommufmt__put_le64(p + 8, w1);
}

static void convert(const struct iommufmt_inv_codec *from, const struct iommufmt_inv_codec *to,
		    uint64_t w0, uint64_t w1, int want_r, unsigned int want_n, __u32 want_ef,
		    uint8_t *out)
{
	uint8_t cmd[32] = { 0 };
	__u32 n = 0, ef = 0;
	struct iommufmt_diag d;
	int r;

	le_cmd(cmd, w0, w1);
	iommufmt_diag_init(&d);
	r = iommufmt_inv_convert(from, to, cmd, from->cmd_size, out, 64 * 32, &n, &ef, &d);
	ck_assert_msg(r == want_r, "%s -> %s of %016llx:%016llx: %d (%s)", from->model->name,
		      to->model->name, (unsigned long long)w0, (unsigned long long)w1, r, d.text);
	if (r)
		return;
	ck_assert_msg(n == want_n, "%s -> %s: %u commands", from->model->name, to->model->name, n);
	ck_assert_msg(ef == want_ef, "%s -> %s: flags %u", from->model->name, to->model->name, ef);
}

START_TEST(test_cross_model)
{
	struct iommufmt_inv_codec cs, cv, ca, cz;
	uint8_t out[64 * 32], back[64 * 32];
	struct iommufmt_inv_entry e = { .argsz = sizeof(e) }, e2 = { .argsz = sizeof(e2) };
	__u32 n = 0, ef = 0;

	smmu(&cs, true, 0);
	vtd(&cv, 18);
	amd(&ca, true);
	codec(&cz, IOMMUFMT_MODEL_S390, 0, 0, 0);

	/* a guest SMMU's TLBI_NH_VA (ASID 5, 16 pages, leaf) for a VT-d host and back */
	convert(&cs, &cv, 0x12 | 5ULL << 48, 0x40000000 | 1, 0, 1, 0, out);
	ck_assert_int_eq(iommufmt_inv_decode(&cv, out, 16, &e, NULL), 0);
	ck_assert_uint_eq(e.archid, 5);
	ck_assert_uint_eq(e.nr_granules, 1);	/* whatever SMMU said, VT-d's own unit */
	ck_assert_str_eq(iommufmt_inv_cmd_name(&cv, out, 16), "IOTLB_PAGE");
	convert(&cs, &cv, 0x12 | 5ULL << 48 | 3ULL << 12 | 2ULL << 20, 0x40000000 | 1 << 10 | 3 << 8 | 1,
		0, 1, IOMMUFMT_INV_ENC_DROPPED, out);	/* 16 pages, TTL 3: the level hint is lost */
	ck_assert_int_eq(iommufmt_inv_decode(&cv, out, 16, &e, NULL), 0);
	ck_assert_uint_eq(e.nr_granules, 16);
	ck_assert_uint_eq(e.addr, 0x40000000);
	ck_assert(e.flags & IOMMUFMT_INV_F_LEAF);
	ck_assert_int_eq(iommufmt_inv_encode(&cs, &e, back, sizeof(back), &n, &ef, NULL), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(iommufmt_inv_decode(&cs, back, 16, &e2, NULL), 0);
	ck_assert_uint_eq(e2.archid, 5);
	ck_assert_uint_eq(e2.addr, 0x40000000);
	ck_assert_uint_eq(e2.nr_granules, 16);
	/* CFGI_CD names a StreamID, VT-d's PASID cache a DID: widened to the global PASID cache */
	convert(&cs, &cv, 0x05 | 7ULL << 12 | 0x20ULL << 32, 0, 0, 1, IOMMUFMT_INV_ENC_WIDENED, out);
	ck_assert_str_eq(iommufmt_inv_cmd_name(&cv, out, 16), "PC_GLOBAL");
	/* VT-d context cache with function mask 1 (sid bit 2 ignored): the covering STE range */
	convert(&cv, &cs, 1 | 3 << 4 | 9 << 16 | 0x13ULL << 32 | 1ULL << 48, 0, 0, 1,
		IOMMUFMT_INV_ENC_WIDENED, out);
	ck_assert_str_eq(iommufmt_inv_cmd_name(&cs, out, 16), "CFGI_STE_RANGE");
	ck_assert_int_eq(iommufmt_inv_decode(&cs, out, 16, &e, NULL), 0);
	ck_assert_uint_eq(e.sid, 0x10);
	ck_assert_uint_eq(e.sid_mask, 7);
	/* interrupt-entry cache: an SMMU has none */
	convert(&cv, &cs, 4, 0, 0, 0, IOMMUFMT_INV_ENC_DROPPED, out);
	/* ATS global-PASID invalidation cannot be said to AMD */
	convert(&cs, &ca, 0x40 | 1 << 9 | 1 << 11 | 3 << 12 | 0x10ULL << 32, 52, -EOPNOTSUPP, 0, 0, out);
	/* a VT-d page invalidation has no function handle for s390 */
	convert(&cv, &cz, 2 | 3 << 4 | 1 << 16, 0x1000, -EOPNOTSUPP, 0, 0, out);
	/* AMD INVALIDATE_IOMMU_ALL on VT-d: every cache, globally */
	convert(&ca, &cv, 8ULL << 60, 0, 0, 4, 0, out);
	ck_assert_str_eq(iommufmt_inv_cmd_name(&cv, out, 16), "IOTLB_GLOBAL");
	ck_assert_str_eq(iommufmt_inv_cmd_name(&cv, out + 16, 16), "PC_GLOBAL");
	ck_assert_str_eq(iommufmt_inv_cmd_name(&cv, out + 32, 16), "CC_GLOBAL");
	ck_assert_str_eq(iommufmt_inv_cmd_name(&cv, out + 48, 16), "IEC_GLOBAL");
	/* an SMMU CMD_SYNC storing to a 4-byte aligned address: VT-d yes, AMD (8 bytes) no */
	convert(&cs, &cv, 0x46 | 1 << 12 | 0x55ULL << 32, 0x2004, 0, 1, 0, out);
	ck_assert_int_eq(iommufmt_inv_decode(&cv, out, 16, &e, NULL), 0);
	ck_assert_uint_eq(e.addr, 0x2004);
	ck_assert_uint_eq(e.data, 0x55);
	convert(&cs, &ca, 0x46 | 1 << 12 | 0x55ULL << 32, 0x2004, -EOPNOTSUPP, 0, 0, out);
	/* RPCIT (s390) for an SMMU: a by-address invalidation in every ASID */
	{
		uint8_t rp[24];
		struct iommufmt_inv_entry z = { .argsz = sizeof(z) };

		iommufmt__put_be64(rp, 0x77ULL << 32);
		iommufmt__put_be64(rp + 8, 0x100000);
		iommufmt__put_be64(rp + 16, 0x4000);
		ck_assert_int_eq(iommufmt_inv_decode(&cz, rp, 24, &z, NULL), 0);
		ck_assert_int_eq(iommufmt_inv_encode(&cs, &z, out, sizeof(out), &n, &ef, NULL), 0);
		ck_assert_uint_eq(n, 1);
		ck_assert_str_eq(iommufmt_inv_cmd_name(&cs, out, 16), "TLBI_NH_VAA");
	}
	/* an AMD guest flush of a whole PASID on an SMMU: the ASID, and all CDs (no StreamID) */
	convert(&ca, &cs, 3ULL << 60 | 4ULL << 32 | 9, 0x7ffffffffffff000ULL | 1 | 4, 0, 2,
		IOMMUFMT_INV_ENC_WIDENED, out);
	ck_assert_str_eq(iommufmt_inv_cmd_name(&cs, out, 16), "TLBI_NH_ASID");
	ck_assert_str_eq(iommufmt_inv_cmd_name(&cs, out + 16, 16), "CFGI_STE_RANGE");
}
END_TEST

/*
 * Random address invalidations through every target model: the target's
 * commands cover the range exactly, or a superset with WIDENED set, and
 * keep the ids they can carry.
 */
START_TEST(test_cross_model_random)
{
	struct iommufmt_inv_codec tg[5];
	struct test_rng r;
	uint8_t out[(2 * IOMMUFMT_INV_ENCODE_MAX + 8) * 32];

	vtd(&tg[0], 18);
	amd(&tg[1], true);
	smmu(&tg[2], true, 0);
	smmu(&tg[3], false, 0);
	codec(&tg[4], IOMMUFMT_MODEL_S390, 0, 0, 0);
	test_rng_seed(&r, 31);
	for (int i = 0; i < 4000; i++) {
		const struct iommufmt_inv_codec *c = &tg[test_rng_below(&r, 5)];
		bool dev = c->cfg.model != IOMMUFMT_MODEL_S390 && test_rng_below(&r, 3) == 0;
		unsigned int g = test_rng_below(&r, 4) ? 12 : 21;
		uint64_t pages = rand_pages(&r, 20), start = test_rng_next(&r) >> (g + test_rng_below(&r, 30));
		struct iommufmt_inv_entry e;
		struct iommufmt_diag d;
		__u32 n = 0, ef = 0;
		uint64_t lo = start << g, last;
		int cov;

		if (!range_last(lo, pages, g, &last))
			continue;
		e = range_entry(dev ? IOMMUFMT_INV_CACHE_DEV_IOTLB : IOMMUFMT_INV_CACHE_IOTLB,
				c->cfg.model == IOMMUFMT_MODEL_S390 || dev ? IOMMUFMT_INV_F_SID :
				IOMMUFMT_INV_F_ARCHID, start << g, (__u8)g, pages);
		e.sid = e.flags & IOMMUFMT_INV_F_SID ? 0x42 : 0;
		e.archid = e.flags & IOMMUFMT_INV_F_ARCHID ? 0x17 : 0;
		if (!dev && test_rng_below(&r, 2))
			e.flags |= IOMMUFMT_INV_F_LEAF;
		iommufmt_diag_init(&d);
		ck_assert_msg(iommufmt_inv_encode(c, &e, out, sizeof(out), &n, &ef, &d) == 0, "%s: %s",
			      c->model->name, d.text);
		ck_assert_uint_ge(n, 1);
		cov = coverage(c, out, n, lo, last);
		ck_assert_msg(cov == ((ef & IOMMUFMT_INV_ENC_WIDENED) ? 2 : 1) ||
			      ((ef & IOMMUFMT_INV_ENC_WIDENED) && cov >= 1),
			      "%s: coverage %d, flags %u for %llu pages at 0x%llx (granule %u)",
			      c->model->name, cov, ef, (unsigned long long)pages,
			      (unsigned long long)(start << g), g);
		for (__u32 k = 0; k < n; k++) {
			struct iommufmt_inv_entry x = { .argsz = sizeof(x) };

			ck_assert_int_eq(iommufmt_inv_decode(c, out + k * c->cmd_size, c->cmd_size, &x, &d), 0);
			if (x.flags & IOMMUFMT_INV_F_ARCHID)
				ck_assert_uint_eq(x.archid, 0x17);
			if (x.flags & IOMMUFMT_INV_F_SID)
				ck_assert_uint_eq(x.sid, 0x42);
			ck_assert_uint_eq(x.caches & e.caches, e.caches);
		}
	}
}
END_TEST

/* ---------------- iommufd ---------------- */

START_TEST(test_iommufd)
{
	struct iommufmt_inv_codec cv, cs, ca;
	struct iommufmt_inv_entry ents[4];
	uint8_t out[8 * 24];
	struct iommufmt_iommufd_hwpt_invalidate inv = { .hwpt_id = 77 };
	struct iommufmt_inv_batch b = { .argsz = sizeof(b), .entry_len = sizeof(ents[0]),
					.entries_uptr = (uintptr_t)ents };
	struct iommufmt_diag d;
	__u32 n = 0, ef = 0;
	uint64_t v;
	uint32_t f;

	vtd(&cv, 18);
	smmu(&cs, true, 0);
	amd(&ca, false);
	iommufmt_diag_init(&d);
	ents[0] = range_entry(IOMMUFMT_INV_CACHE_IOTLB, IOMMUFMT_INV_F_ARCHID | IOMMUFMT_INV_F_LEAF,
			      0x10000, 12, 16);
	ents[0].archid = 3;
	ents[1] = ents[0];
	ents[1].granularity = IOMMUFMT_INV_GRAN_DOMAIN;
	ents[1].addr = ents[1].nr_granules = ents[1].granule = 0;
	ents[1].flags = IOMMUFMT_INV_F_ARCHID;
	ents[2] = range_entry(IOMMUFMT_INV_CACHE_DEV_IOTLB, IOMMUFMT_INV_F_SID, 0x10000, 12, 1);
	ents[2].sid = 5;
	ents[3] = range_entry(IOMMUFMT_INV_CACHE_IOTLB, 0, 0x200000, 21, 2);
	/* VT-d S1: byte layout of the kernel's struct iommu_hwpt_vtd_s1_invalidate */
	ck_assert_int_eq(iommufmt_inv_to_iommufd(&cv, &ents[0], out, sizeof(out), &n, &ef, &d), 0);
	ck_assert_uint_eq(n, 1);
	memcpy(&v, out + 0, 8);
	ck_assert_uint_eq(v, 0x10000);
	memcpy(&v, out + 8, 8);
	ck_assert_uint_eq(v, 16);
	memcpy(&f, out + 16, 4);
	ck_assert_uint_eq(f, IOMMUFMT_IOMMUFD_VTD_INV_FLAGS_LEAF);
	memcpy(&f, out + 20, 4);
	ck_assert_uint_eq(f, 0);
	ck_assert_int_eq(iommufmt_inv_to_iommufd(&cv, &ents[1], out, sizeof(out), &n, &ef, &d), 0);
	memcpy(&v, out + 8, 8);
	ck_assert_uint_eq(v, UINT64_MAX);
	ck_assert_int_eq(iommufmt_inv_to_iommufd(&cv, &ents[2], out, sizeof(out), &n, &ef, &d), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_uint_eq(ef, IOMMUFMT_INV_ENC_DROPPED);
	/* a batch: one ioctl argument */
	b.entry_num = 4;
	ck_assert_int_eq(iommufmt_inv_batch_to_iommufd(&cv, &b, &inv, out, sizeof(out), &ef, &d), 0);
	ck_assert_uint_eq(b.entry_num, 4);
	ck_assert_uint_eq(inv.size, 32);
	ck_assert_uint_eq(inv.hwpt_id, 77);
	ck_assert_uint_eq(inv.data_type, IOMMUFMT_IOMMUFD_INV_DATA_VTD_S1);
	ck_assert_uint_eq(inv.entry_len, 24);
	ck_assert_uint_eq(inv.entry_num, 3);
	ck_assert_uint_eq(inv.data_uptr, (uintptr_t)out);
	memcpy(&v, out + 2 * 24 + 8, 8);
	ck_assert_uint_eq(v, 2 * 512);	/* two 2 MiB granules in 4 KiB pages */
	/* SMMUv3: raw commands on the kernel's allow-list */
	ck_assert_int_eq(iommufmt_inv_to_iommufd(&cs, &ents[0], out, sizeof(out), &n, &ef, &d), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(out[0], 0x12);
	{
		struct iommufmt_inv_entry s = { .argsz = sizeof(s) };

		s.op = IOMMUFMT_INV_OP_SYNC;
		ck_assert_int_eq(iommufmt_inv_to_iommufd(&cs, &s, out, sizeof(out), &n, &ef, &d), 0);
		ck_assert_uint_eq(n, 0);
		ck_assert_uint_eq(ef, IOMMUFMT_INV_ENC_DROPPED);
		s = range_entry(IOMMUFMT_INV_CACHE_IOTLB, IOMMUFMT_INV_F_STAGE2 | IOMMUFMT_INV_F_VMID,
				0x1000, 12, 1);
		ck_assert_int_eq(iommufmt_inv_to_iommufd(&cs, &s, out, sizeof(out), &n, &ef, &d),
				 -EOPNOTSUPP);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_INV_NOT_FOR_KERNEL);
	}
	b.entry_num = 2;
	ck_assert_int_eq(iommufmt_inv_batch_to_iommufd(&cs, &b, &inv, out, sizeof(out), &ef, &d), 0);
	ck_assert_uint_eq(inv.data_type, IOMMUFMT_IOMMUFD_INV_DATA_ARM_SMMUV3);
	ck_assert_uint_eq(inv.entry_len, 16);
	ck_assert_uint_eq(inv.entry_num, 2);
	ck_assert_uint_eq(out[16], 0x11);	/* the domain entry became TLBI_NH_ASID */
	/* AMD has no IOMMU_HWPT_INVALIDATE type */
	ck_assert_int_eq(iommufmt_inv_to_iommufd(&ca, &ents[0], out, sizeof(out), &n, &ef, &d),
			 -EOPNOTSUPP);
}
END_TEST

/* ---------------- codec setup ---------------- */

START_TEST(test_codec_prepare)
{
	struct iommufmt_inv_codec c;
	struct iommufmt_inv_cfg cfg = { .argsz = sizeof(cfg), .model = IOMMUFMT_MODEL_INTEL };
	struct iommufmt_diag d;
	uint8_t cmd[16] = { 0 };

	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_inv_codec_prepare(&c, &cfg, &d), 0);
	ck_assert_uint_eq(c.cmd_size, 16);
	cfg.flags = IOMMUFMT_INV_CFG_RANGE;
	ck_assert_int_eq(iommufmt_inv_codec_prepare(&c, &cfg, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_UNSUPPORTED);
	cfg.flags = 1u << 20;
	ck_assert_int_eq(iommufmt_inv_codec_prepare(&c, &cfg, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_UNKNOWN_FLAGS);
	cfg.flags = 0;
	cfg.max_am = 64;
	ck_assert_int_eq(iommufmt_inv_codec_prepare(&c, &cfg, &d), -EINVAL);
	cfg.max_am = 0;
	cfg.granule = 12;
	ck_assert_int_eq(iommufmt_inv_codec_prepare(&c, &cfg, &d), -EOPNOTSUPP);
	cfg.granule = 0;
	cfg.pasid_bits = 21;
	ck_assert_int_eq(iommufmt_inv_codec_prepare(&c, &cfg, &d), -EINVAL);
	cfg.pasid_bits = 0;
	cfg.__reserved = 1;
	ck_assert_int_eq(iommufmt_inv_codec_prepare(&c, &cfg, &d), -EOPNOTSUPP);
	cfg.__reserved = 0;
	cfg.argsz = 20;
	ck_assert_int_eq(iommufmt_inv_codec_prepare(&c, &cfg, &d), -EINVAL);
	cfg.argsz = sizeof(cfg);
	cfg.model = IOMMUFMT_FOURCC('N', 'O', 'N', 'E');
	ck_assert_int_eq(iommufmt_inv_codec_prepare(&c, &cfg, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_UNKNOWN_MODEL);
	cfg.model = IOMMUFMT_MODEL_SMMU;
	cfg.granule = 13;
	ck_assert_int_eq(iommufmt_inv_codec_prepare(&c, &cfg, &d), -EINVAL);
	cfg.granule = 16;
	cfg.flags = IOMMUFMT_INV_CFG_DS;
	ck_assert_int_eq(iommufmt_inv_codec_prepare(&c, &cfg, &d), -EINVAL);
	cfg.flags = IOMMUFMT_INV_CFG_DS | IOMMUFMT_INV_CFG_RANGE;
	ck_assert_int_eq(iommufmt_inv_codec_prepare(&c, &cfg, &d), 0);
	ck_assert_uint_eq(iommufmt_inv_native_error(&c, IOMMUFMT_INV_ERR_ILLEGAL), 1);
	ck_assert_uint_eq(iommufmt_inv_native_error(&c, IOMMUFMT_INV_ERR_ATC_TIMEOUT), 3);
	ck_assert_uint_eq(iommufmt_inv_native_error(&c, 9), 0);
	cmd[0] = 0x99;
	ck_assert_str_eq(iommufmt_inv_cmd_name(&c, cmd, 16), "?");
	ck_assert_ptr_null(iommufmt_inv_cmd_name(&c, cmd, 8));
	cfg.model = IOMMUFMT_MODEL_S390;
	cfg.flags = 0;
	cfg.granule = 0;
	ck_assert_int_eq(iommufmt_inv_codec_prepare(&c, &cfg, &d), 0);
	ck_assert_uint_eq(c.cmd_size, 24);
	ck_assert_uint_eq(iommufmt_inv_native_error(&c, IOMMUFMT_INV_ERR_ILLEGAL), 1);
	/* an unprepared codec is refused, not followed */
	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(iommufmt_inv_decode(&c, cmd, 16, NULL, &d), -EINVAL);
}
END_TEST

static Suite *inval_suite(void)
{
	Suite *s = suite_create("inval");
	TCase *tc = tcase_create("generic");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_entry_matrix);
	tcase_add_loop_test(tc, test_entry_hostile, 0, (int)(sizeof(bad_entries) / sizeof(bad_entries[0])));
	tcase_add_test(tc, test_entry_ranges_to_top);
	tcase_add_test(tc, test_batch_rules);
	tcase_add_test(tc, test_queue_wrap);
	tcase_add_test(tc, test_queue_indexes_and_faults);
	tcase_add_test(tc, test_batch_count_on_early_errors);
	tcase_add_test(tc, test_cover_pow2);
	tcase_add_test(tc, test_encode_pow2_models);
	tcase_add_test(tc, test_encode_smmu_ranges);
	tcase_add_test(tc, test_encode_widen_and_msgsize);
	tcase_add_test(tc, test_cross_model);
	tcase_add_test(tc, test_cross_model_random);
	tcase_add_test(tc, test_iommufd);
	tcase_add_test(tc, test_codec_prepare);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(inval_suite());
}
