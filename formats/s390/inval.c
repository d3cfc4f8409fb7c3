/* SPDX-License-Identifier: MIT */
/* s390 zPCI RPCIT (refresh PCI translations) as a 24-byte record: decode, encode. */
#include "formats/tables.h"

/*
 * RPCIT R1,R2 is an instruction, not a queue entry: a VMM that intercepts it
 * has three register values. The library's native form is those values as
 * three big-endian doublewords (s390 byte order): R1 with the function
 * handle in bits 63:32 (bits 31:0, where the status is returned, must be 0),
 * R2 the start DMA address and R2+1 the length in bytes (Linux
 * arch/s390/pci/pci_insn.c, QEMU hw/s390x/s390-pci-inst.c). The platform
 * refreshes the translations of every 4 KiB page the byte range touches, so
 * an unaligned range decodes to the pages it overlaps. A zero length is
 * rejected, as is a range passing 2^64. The refresh is synchronous: there is
 * no wait command, and s390 has no device TLBs, PASIDs or configuration caches.
 */

enum { FIX_RANGE = 1 };

static const struct iommufmt__inv_field f_rpcit[] = {
	INV_FIELD("fh", 0, 63, 32, SID, 0), INV_FIELD("start", 1, 63, 0, ADDR, 0),
	INV_FIELD("len", 2, 63, 0, SIZE, 0),
};

static const struct iommufmt__inv_cmd s390_cmds[] = {
	{ .name = "RPCIT", .opcode = 0, .op = IOMMUFMT_INV_OP_INVALIDATE,
	  .gran = IOMMUFMT_INV_GRAN_ADDR, .range = IOMMUFMT__IR_MODEL, .fix = FIX_RANGE,
	  .caches = IOMMUFMT_INV_CACHE_IOTLB, .flags = IOMMUFMT_INV_F_SID,
	  INV_FIELDS(f_rpcit) },
};

static const struct iommufmt__inv_opent s390_ops[] = {
	INV_OP1(0),
};

static inline __attribute__((always_inline)) int s390_fix(const struct iommufmt_inv_codec *c, const struct iommufmt__inv_cmd *cmd,
		    const uint64_t *s, struct iommufmt_inv_entry *e, struct iommufmt_diag *diag)
{
	uint64_t start = s[IOMMUFMT__IS_ADDR], len = s[IOMMUFMT__IS_SIZE], last;

	(void)c;
	if (!len)
		return iommufmt__inv_err_value(cmd, "len", -EIO, IOMMUFMT_DIAG_INV_BAD_FIELD, 0, 1,
					       "a refresh of zero bytes", diag);
	if (len - 1 > ~start)
		return iommufmt__inv_err_value(cmd, "len", -EIO, IOMMUFMT_DIAG_INV_RANGE_WRAP, len,
					       ~start + 1, "start + length passes 2^64", diag);
	last = start + (len - 1);
	e->granule = 12;
	e->addr = start & ~UINT64_C(0xfff);
	e->nr_granules = (last >> 12) - (start >> 12) + 1;
	return 0;
}

IOMMUFMT__INV_RSV_STORAGE(s390, s390_cmds);

static const struct iommufmt__inv_fmt s390_fmt = {
	.model = IOMMUFMT_MODEL_S390,
	.big_endian = 1,
	.op_lo = 0, .op_width = 0,
	IOMMUFMT__INV_TABLES(s390_ops, s390_cmds),
	IOMMUFMT__INV_RSV(s390),
};

const struct iommufmt__inv_fmt *const iommufmt__s390_inv_fmt = &s390_fmt;

static int s390_prepare(struct iommufmt_inv_codec *c, struct iommufmt_diag *diag)
{
	int r = iommufmt__inv_fmt_ready(&s390_fmt, diag);

	if (r)
		return r;
	if (c->cfg.pasid_bits || c->cfg.archid_bits)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_UNSUPPORTED,
				      c->cfg.pasid_bits ? "pasid_bits" : "archid_bits",
				      "s390 has no PASIDs or domain ids in RPCIT");
	return iommufmt__inv_cfg_unused(c, false, false, diag);
}

IOMMUFMT__INV_CODEC_OPS(s390, s390_fmt, s390_fix)

static int s390_encode(const struct iommufmt_inv_codec *c, const struct iommufmt_inv_entry *e,
		       void *out, size_t cap, __u32 *nr, __u32 *eflags, struct iommufmt_diag *diag)
{
	struct iommufmt__inv_emit em = { &s390_fmt, c, out, cap, 0, 0, diag };
	uint64_t s[IOMMUFMT__IS_SLOTS];

	iommufmt__inv_zero(s);
	int r = 0;

	switch (e->op) {
	case IOMMUFMT_INV_OP_INVALIDATE:
		if (e->caches & ~IOMMUFMT_INV_CACHE_IOTLB)
			em.eflags |= IOMMUFMT_INV_ENC_DROPPED;	/* caches zPCI does not have */
		if (!(e->caches & IOMMUFMT_INV_CACHE_IOTLB))
			break;
		if (e->granularity != IOMMUFMT_INV_GRAN_ADDR || !(e->flags & IOMMUFMT_INV_F_SID)) {
			r = iommufmt__inv_cannot(&em, "granularity",
						 "RPCIT refreshes an address range of one function handle");
			break;
		}
		if (e->flags & (IOMMUFMT_INV_F_LEAF | IOMMUFMT_INV_F_DRAIN_READ |
				IOMMUFMT_INV_F_DRAIN_WRITE) || e->level_hint)
			em.eflags |= IOMMUFMT_INV_ENC_DROPPED;	/* hints */
		if (e->flags & (IOMMUFMT_INV_F_ARCHID | IOMMUFMT_INV_F_PASID | IOMMUFMT_INV_F_VMID))
			em.eflags |= IOMMUFMT_INV_ENC_WIDENED;	/* the whole function's space */
		s[IOMMUFMT__IS_SID] = e->sid;
		s[IOMMUFMT__IS_ADDR] = e->addr;
		/* a range up to 2^64 is one byte short: the last page is still touched */
		s[IOMMUFMT__IS_SIZE] = iommufmt__inv_is_all(e) ? UINT64_MAX :
				       e->nr_granules << e->granule;
		/*
		 * zPCI translates in one stage: a stage-2 (guest-physical) range
		 * names no range of the function's IOVAs, so all of them are refreshed.
		 */
		if (e->flags & IOMMUFMT_INV_F_STAGE2) {
			em.eflags |= IOMMUFMT_INV_ENC_WIDENED;
			s[IOMMUFMT__IS_ADDR] = 0;
			s[IOMMUFMT__IS_SIZE] = UINT64_MAX;
		}
		if (!s[IOMMUFMT__IS_ADDR] && !s[IOMMUFMT__IS_SIZE])
			s[IOMMUFMT__IS_SIZE] = UINT64_MAX;
		r = iommufmt__inv_emit(&em, 0, s);
		break;
	case IOMMUFMT_INV_OP_SYNC:
		break;	/* RPCIT completes before the instruction does */
	case IOMMUFMT_INV_OP_PREFETCH:
		em.eflags |= IOMMUFMT_INV_ENC_DROPPED;
		break;
	default:
		r = iommufmt__inv_cannot(&em, "op", "zPCI has no page requests or stalls");
		break;
	}
	return iommufmt__inv_emit_end(&em, r, nr, eflags);
}

const struct iommufmt_inval_ops iommufmt__s390_inval_ops = {
	IOMMUFMT__INV_OPS_HEAD(s390),
	.cfg_flags = 0,
	.cmd_size = 24,
	.wide_cmd_size = 0,
	/* RPCIT condition code 1 (error) for a refused refresh */
	.native_err = { 0, 1, 1, 0 },
};
