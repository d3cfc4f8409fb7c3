/* SPDX-License-Identifier: MIT */
/* Demo section "inval": decode a guest command queue of each model and show its iommufd form. */
#include <errno.h>
#include <string.h>

#include "tools/iommufmt/inval_cli.h"

#define SLOTS 8

/* A guest's invalidations, written as generic entries and encoded in its native format. */
struct guest_cmd {
	struct iommufmt_inv_entry e;
};

static struct iommufmt_inv_entry ent(__u8 op, __u32 caches, __u8 gran, __u32 flags)
{
	struct iommufmt_inv_entry e;

	memset(&e, 0, sizeof(e));
	e.argsz = sizeof(e);
	e.op = op;
	e.caches = caches;
	e.granularity = gran;
	e.flags = flags;
	return e;
}

/* The session of one model: what its guest driver sends after unmapping 20 KiB. */
static unsigned int script(__u32 model, struct iommufmt_inv_entry *v)
{
	unsigned int n = 0;

	switch (model) {
	case IOMMUFMT_MODEL_SMMU:
		v[n] = ent(0, IOMMUFMT_INV_CACHE_IOTLB, IOMMUFMT_INV_GRAN_ADDR,
			   IOMMUFMT_INV_F_ARCHID | IOMMUFMT_INV_F_VMID | IOMMUFMT_INV_F_LEAF);
		v[n].archid = 3;
		v[n].addr = 0x7f0000040000;
		v[n].granule = 12;
		v[n++].nr_granules = 5;
		v[n] = ent(0, IOMMUFMT_INV_CACHE_DEV_IOTLB, IOMMUFMT_INV_GRAN_ADDR,
			   IOMMUFMT_INV_F_SID | IOMMUFMT_INV_F_PASID);
		v[n].sid = 0x210;
		v[n].pasid = 1;
		v[n].addr = 0x7f0000040000;
		v[n].granule = 12;
		v[n++].nr_granules = 8;
		v[n] = ent(0, IOMMUFMT_INV_CACHE_PASID, IOMMUFMT_INV_GRAN_PASID,
			   IOMMUFMT_INV_F_SID | IOMMUFMT_INV_F_PASID | IOMMUFMT_INV_F_LEAF);
		v[n].sid = 0x210;
		v[n++].pasid = 1;
		break;
	case IOMMUFMT_MODEL_INTEL:
		v[n] = ent(0, IOMMUFMT_INV_CACHE_IOTLB, IOMMUFMT_INV_GRAN_ADDR,
			   IOMMUFMT_INV_F_ARCHID | IOMMUFMT_INV_F_PASID | IOMMUFMT_INV_F_LEAF);
		v[n].archid = 12;
		v[n].pasid = 5;
		v[n].addr = 0x40000000;
		v[n].granule = 12;
		v[n++].nr_granules = 5;
		v[n] = ent(0, IOMMUFMT_INV_CACHE_PASID, IOMMUFMT_INV_GRAN_PASID,
			   IOMMUFMT_INV_F_ARCHID | IOMMUFMT_INV_F_PASID);
		v[n].archid = 12;
		v[n++].pasid = 5;
		break;
	case IOMMUFMT_MODEL_AMD:
		v[n] = ent(0, IOMMUFMT_INV_CACHE_IOTLB, IOMMUFMT_INV_GRAN_ADDR,
			   IOMMUFMT_INV_F_ARCHID | IOMMUFMT_INV_F_LEAF);
		v[n].archid = 7;
		v[n].addr = 0x40000000;
		v[n].granule = 12;
		v[n++].nr_granules = 5;
		v[n] = ent(0, IOMMUFMT_INV_CACHE_DEVICE, IOMMUFMT_INV_GRAN_DEVICE, IOMMUFMT_INV_F_SID);
		v[n++].sid = 0x18;
		break;
	default:
		v[n] = ent(0, IOMMUFMT_INV_CACHE_IOTLB, IOMMUFMT_INV_GRAN_ADDR, IOMMUFMT_INV_F_SID);
		v[n].sid = 0x4000a;
		v[n].addr = 0x40000000;
		v[n].granule = 12;
		v[n++].nr_granules = 5;
		return n;	/* RPCIT is synchronous: no wait */
	}
	v[n] = ent(IOMMUFMT_INV_OP_SYNC, 0, 0, IOMMUFMT_INV_F_SYNC_STORE);
	v[n].addr = 0x9000;
	v[n++].data = 1;
	return n;
}

static void show_iommufd(FILE *out, const struct iommufmt_inv_codec *host, const void *k, __u32 n)
{
	for (__u32 i = 0; i < n; i++) {
		if (host->cfg.model == IOMMUFMT_MODEL_INTEL) {
			struct iommufmt_iommufd_vtd_s1_inv e;

			memcpy(&e, (const char *)k + i * sizeof(e), sizeof(e));
			fprintf(out, "      vtd_s1 { addr 0x%llx, npages %lld, flags %s }\n",
				(unsigned long long)e.addr,
				e.npages == UINT64_MAX ? -1LL : (long long)e.npages,
				e.flags ? "LEAF" : "0");
		} else {
			const unsigned char *c = (const unsigned char *)k + 16 * i;

			fprintf(out, "      smmuv3 cmd {");
			for (int b = 0; b < 16; b++)
				fprintf(out, "%s%02x", b == 8 ? " " : "", c[b]);
			fprintf(out, " } %s\n", iommufmt_inv_cmd_name(host, c, 16));
		}
	}
}

static int one_model(FILE *out, const char *name, const char *host_name)
{
	struct iommufmt_inv_codec c, host;
	struct iommufmt_inv_entry v[8], got[SLOTS];
	unsigned char ring[SLOTS * 32];
	struct iommufmt_gmem_region reg = { .gpa = 0x80000, .size = sizeof(ring), .host = ring };
	struct iommufmt_gmem gm = { .regions = &reg, .nr_regions = 1 };
	struct iommufmt_inv_queue q = { .argsz = sizeof(q), .base = 0x80000, .size = SLOTS };
	struct iommufmt_inv_batch b = { .argsz = sizeof(b), .entry_len = sizeof(got[0]),
					.entries_uptr = (uintptr_t)got, .entry_num = SLOTS };
	struct iommufmt_iommufd_hwpt_invalidate inv = { .hwpt_id = 1 };
	unsigned char k[SLOTS * 4 * 24];
	struct iommufmt_diag d;
	unsigned int n, slot, used = 0;
	__u32 ef = 0;
	int ok = 1;

	if (inval_codec("demo", name, NULL, false, -1, -1, &c) ||
	    inval_codec("demo", host_name, NULL, false, -1, -1, &host))
		return 0;
	iommufmt_diag_init(&d);
	memset(ring, 0, sizeof(ring));
	n = script(c.cfg.model, v);
	/* the guest writes its commands from slot 6 on, so the queue wraps */
	slot = SLOTS - 2;
	q.head = slot;
	for (unsigned int i = 0; i < n; i++) {
		unsigned char tmp[4 * 32];
		__u32 m = 0;

		if (iommufmt_inv_encode(&c, &v[i], tmp, sizeof(tmp), &m, &ef, &d)) {
			cli_print_diag(out, "    encode failed: ", &d);
			return 0;
		}
		for (__u32 j = 0; j < m; j++, slot = (slot + 1) % SLOTS, used++)
			memcpy(ring + slot * c.cmd_size, tmp + j * c.cmd_size, c.cmd_size);
	}
	q.tail = slot;
	q.entry_size = c.cmd_size;
	fprintf(out, "  %s guest queue: %u slots of %u bytes at GPA 0x%llx, head %u, tail %u\n",
		c.model->name, SLOTS, c.cmd_size, (unsigned long long)q.base, q.head, q.tail);
	if (iommufmt_inv_queue_decode(&c, &gm, &q, &b, &d)) {
		cli_print_diag(out, "    decode failed: ", &d);
		return 0;
	}
	ok &= b.entry_num == used && q.head == q.tail;
	for (__u32 i = 0; i < b.entry_num; i++) {
		fprintf(out, "   ");
		inval_print_entry(out, (long)((SLOTS - 2 + i) % SLOTS),
				  iommufmt_inv_cmd_name(&c, got[i].native.desc, got[i].native.len),
				  &got[i], false);
	}
	/* what the VMM hands to the kernel */
	if (iommufmt_inv_batch_to_iommufd(&host, &b, &inv, k, sizeof(k), &ef, &d)) {
		cli_print_diag(out, "    iommufd conversion failed: ", &d);
		return 0;
	}
	fprintf(out, "    IOMMU_HWPT_INVALIDATE on host model %s: data_type %u, entry_len %u, %u entr%s%s\n",
		host.model->name, inv.data_type, inv.entry_len, inv.entry_num,
		inv.entry_num == 1 ? "y" : "ies",
		(ef & IOMMUFMT_INV_ENC_DROPPED) ? " (syncs, device TLBs or config left to the VMM)" : "");
	show_iommufd(out, &host, k, inv.entry_num);
	ok &= inv.entry_num > 0;
	return ok;
}

static int inval_demo(FILE *out)
{
	static const char *const pairs[4][2] = {
		{ "smmuv3", "smmuv3" }, { "intel", "intel" }, { "amd", "intel" }, { "s390", "intel" },
	};
	struct iommufmt_inv_codec c;
	struct iommufmt_diag d;
	int ok = 1;

	fprintf(out, "A guest unmapped 20 KiB and told its vIOMMU. Each model's queue is decoded\n"
		     "into generic entries (ranges as the fewest native commands), then turned into\n"
		     "the kernel's IOMMU_HWPT_INVALIDATE entries (AMD and s390 guests on a VT-d host).\n");
	for (int i = 0; i < 4; i++)
		ok &= one_model(out, pairs[i][0], pairs[i][1]);

	/* a hostile command: the queue stops at it, with the guest-visible error */
	if (inval_codec("demo", "smmuv3", NULL, false, -1, -1, &c))
		return 1;
	{
		unsigned char cmd[2 * 16];
		struct iommufmt_inv_entry got[2];
		struct iommufmt_inv_queue q = { .argsz = sizeof(q), .flags = IOMMUFMT_INV_QUEUE_F_HOST,
						.base = (uintptr_t)cmd, .size = 2, .entry_size = 16,
						.head = 0, .tail = 0 };
		struct iommufmt_inv_batch b = { .argsz = sizeof(b), .entry_len = sizeof(got[0]),
						.entries_uptr = (uintptr_t)got, .entry_num = 2 };
		int r;

		memset(cmd, 0, sizeof(cmd));
		cmd[0] = 0x30;				/* TLBI_NSNH_ALL */
		cmd[16] = 0x12;				/* TLBI_NH_VA ... */
		cmd[16 + 2] = 0x04;			/* ... with reserved bit 18 set */
		q.flags |= IOMMUFMT_INV_QUEUE_F_WRAP;
		q.tail = 2;
		iommufmt_diag_init(&d);
		r = iommufmt_inv_queue_decode(&c, NULL, &q, &b, &d);
		fprintf(out, "  a guest SMMU command with a reserved bit set:\n   ");
		inval_print_error(out, q.err_index, iommufmt_inv_cmd_name(&c, cmd + 16, 16), r,
				  q.err_class, q.native_err, &d, false);
		fprintf(out, "    the queue stops there: CONS = %u, SMMU_CMDQ_CONS.ERR = %u (CERROR_ILL)\n",
			q.head, q.native_err);
		ok &= r == -EIO && b.entry_num == 1 && q.head == 1 && q.native_err == 1;
	}
	return ok ? 0 : 1;
}

const struct demo_section demo_inval = {
	.name = "inval",
	.title = "TLB invalidation: guest queues of four models, their iommufd form",
	.run = inval_demo,
};
