/* SPDX-License-Identifier: MIT */
/* Fuzz target: native invalidation commands of every model: decode, decode_array, names, and decode -> encode -> decode. */
#include "fuzz/inval_gen.h"

#define ENTRY_SZ sizeof(struct iommufmt_inv_entry)

static int decode_code_ok(int r, uint32_t code)
{
	if (r == -EOPNOTSUPP)
		return code == IOMMUFMT_DIAG_INV_NOT_IMPLEMENTED;
	return code >= IOMMUFMT_DIAG_INV_UNKNOWN_CMD && code <= IOMMUFMT_DIAG_INV_ID_RANGE;
}

/*
 * Re-encode a decoded entry on its own codec: it must encode; one command
 * and no flag means the same generic entry comes back, anything else must
 * cover it (and without flags, not exceed it). Too little room is
 * -EMSGSIZE with the count needed and nothing written.
 */
static void round_trip(const struct iommufmt_inv_codec *c, const struct iommufmt_inv_entry *e)
{
	static struct iommufmt_inv_entry y[FUZZ_INV_OUT_CMDS];
	static uint8_t out[FUZZ_INV_OUT_CMDS * 32];
	struct iommufmt_diag d;
	__u32 n = 0, ef = 0, n2 = 0;
	uint8_t *small;
	int r;

	iommufmt_diag_init(&d);
	r = iommufmt_inv_encode(c, e, out, sizeof(out), &n, &ef, &d);
	FUZZ_CHECK(r == 0 && d.code == IOMMUFMT_DIAG_OK);
	FUZZ_CHECK(n <= FUZZ_INV_OUT_CMDS &&
		   !(ef & ~(IOMMUFMT_INV_ENC_WIDENED | IOMMUFMT_INV_ENC_DROPPED)));
	fuzz_inv_decode_all(c, out, n, y);
	if (n == 1 && !ef) {
		FUZZ_CHECK(fuzz_inv_same(&y[0], e));
	} else {
		fuzz_inv_print_enc(c, e, out, y, n);
		FUZZ_CHECK(c->cfg.model == IOMMUFMT_MODEL_S390 && e->op == IOMMUFMT_INV_OP_SYNC ?
			   n == 0 :
			   fuzz_inv_covers(e, y, n, fuzz_inv_unit(c), ef & IOMMUFMT_INV_ENC_DROPPED));
		if (!(ef & IOMMUFMT_INV_ENC_WIDENED))
			FUZZ_CHECK(fuzz_inv_exact(e, y, n, fuzz_inv_unit(c)));
	}
	if (!n)
		return;
	small = fuzz_poisoned((n - 1) * c->cmd_size + c->cmd_size - 1);
	r = iommufmt_inv_encode(c, e, small, (n - 1) * c->cmd_size + c->cmd_size - 1, &n2, NULL, &d);
	FUZZ_CHECK(r == -EMSGSIZE && n2 == n && d.code == IOMMUFMT_DIAG_OUTPUT_SMALL);
	/* -EMSGSIZE writes nothing */
	FUZZ_CHECK(fuzz_all_poison(small, (n - 1) * c->cmd_size + c->cmd_size - 1));
	free(small);
}

/* One command: name, decode into a caller struct of hostile size, and the round trip. */
static int decode_one(const struct iommufmt_inv_codec *c, const uint8_t *bytes, uint32_t argsz,
		      struct iommufmt_inv_entry *full)
{
	const size_t cs = c->cmd_size;
	uint8_t *cmd = fuzz_exact(bytes, cs), *ob = fuzz_poisoned(argsz > 4 ? argsz : 4);
	struct iommufmt_diag d;
	const char *name;
	int r, rf;

	/* the name: never NULL for a whole command, NULL for a short one */
	name = iommufmt_inv_cmd_name(c, cmd, cs);
	FUZZ_CHECK(name != NULL && name[0]);
	FUZZ_CHECK(iommufmt_inv_cmd_name(c, cmd, cs - 1) == NULL);

	memcpy(ob, &argsz, 4);
	iommufmt_diag_init(&d);
	r = iommufmt_inv_decode(c, cmd, cs, (void *)ob, &d);
	FUZZ_CHECK(r == 0 || r == -EIO || r == -EOPNOTSUPP || r == -EINVAL);
	FUZZ_CHECK(fuzz_diag_agrees(r, &d));
	FUZZ_CHECK((r == -EINVAL) == (argsz < IOMMUFMT_INV_ENTRY_SIZE_VER0));
	if (r && r != -EINVAL)
		FUZZ_CHECK(decode_code_ok(r, d.code) && d.field[0]);

	memset(full, 0, sizeof(*full));
	full->argsz = ENTRY_SZ;
	iommufmt_diag_init(&d);
	rf = iommufmt_inv_decode(c, cmd, cs, full, &d);
	FUZZ_CHECK(rf != -EINVAL && (r == -EINVAL || rf == r));
	if (r) {	/* unchanged on error */
		FUZZ_CHECK(fuzz_all_poison(ob + 4, argsz > 4 ? argsz - 4 : 0));
	} else {
		uint32_t got;

		memcpy(&got, ob, 4);
		FUZZ_CHECK(got == argsz);
		FUZZ_CHECK(!memcmp(ob + 4, (const uint8_t *)full + 4,
				   (argsz < ENTRY_SZ ? argsz : ENTRY_SZ) - 4));
		if (argsz > ENTRY_SZ)
			FUZZ_CHECK(iommufmt_is_zero(ob + ENTRY_SZ, argsz - ENTRY_SZ));
	}
	if (!rf) {
		/* a decoded entry is valid, carries its command, and has ids within the widths */
		FUZZ_CHECK(iommufmt_inv_entry_check(full, &d) == 0);
		FUZZ_CHECK(full->native.model == c->cfg.model && full->native.len == cs);
		FUZZ_CHECK(!memcmp(full->native.desc, bytes, cs) &&
			   iommufmt_is_zero((const uint8_t *)full->native.desc + cs,
					    sizeof(full->native.desc) - cs));
		FUZZ_CHECK(!c->cfg.archid_bits || !(full->archid >> c->cfg.archid_bits));
		FUZZ_CHECK(!c->cfg.pasid_bits || !(full->pasid >> c->cfg.pasid_bits));
		round_trip(c, full);
	}
	free(cmd);
	free(ob);
	return rf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct iommufmt_inv_entry ents[FUZZ_INV_MAX];
	struct iommufmt_inv_codec c;
	struct iommufmt_inv_batch b, seen;
	struct iommufmt_diag d;
	struct fuzz_in in;
	const uint8_t *cmds;
	uint8_t mode, *arr;
	uint32_t argsz, cap, entry_len, barg;
	size_t len, ncmd, extra, bad = 0, arr_len, misalign;
	int rs[FUZZ_INV_MAX], r, early;
	void *bb;

	fuzz_in_init(&in, data, size);
	if (!fuzz_gen_codec(&in, &c))
		return 0;
	mode = fuzz_u8(&in);
	argsz = mode & 1 ? fuzz_u8(&in) % (ENTRY_SZ + 48) : ENTRY_SZ;
	entry_len = mode & 2 ? fuzz_u8(&in) % (ENTRY_SZ + 48) : ENTRY_SZ;
	cap = mode & 4 ? fuzz_u8(&in) % (FUZZ_INV_MAX + 2) : FUZZ_INV_MAX;
	misalign = mode & 8 ? 4 : 0;
	extra = mode & 16 ? fuzz_u8(&in) % c.cmd_size : 0;
	cmds = fuzz_rest(&in, &len);
	ncmd = len / c.cmd_size;
	if (ncmd > FUZZ_INV_MAX)
		ncmd = FUZZ_INV_MAX;
	if (extra > len - ncmd * c.cmd_size)
		extra = len - ncmd * c.cmd_size;

	for (size_t i = 0; i < ncmd; i++) {
		rs[i] = decode_one(&c, cmds + i * c.cmd_size, argsz, &ents[i]);
		if (rs[i] && bad == i)
			bad = i;
		else if (!rs[i] && bad == i)
			bad = i + 1;
	}

	/* decode_array: the same entries, entry_num always written and never past the room */
	memset(&b, 0, sizeof(b));
	b.argsz = sizeof(b);
	b.flags = mode & 32 ? fuzz_u8(&in) : 0;
	b.entry_len = entry_len;
	b.entry_num = cap;
	arr_len = (size_t)cap * entry_len + misalign;
	arr = fuzz_poisoned(arr_len);
	b.entries_uptr = (uintptr_t)(arr + misalign);
	if (mode & 64)
		b.entries_uptr = 0;
	bb = mode & 128 ? fuzz_versioned(&in, &b, sizeof(b), &barg) : fuzz_exact(&b, sizeof(b));
	if (!(mode & 128))
		barg = sizeof(b);
	iommufmt_diag_init(&d);
	r = iommufmt_inv_decode_array(&c, cmds, ncmd * c.cmd_size + extra, bb, &d);
	memset(&seen, 0, sizeof(seen));
	seen.entry_num = cap;
	memcpy(&seen, bb, sizeof(seen) < barg ? sizeof(seen) : barg);
	FUZZ_CHECK(r == 0 || r == -EIO || r == -EOPNOTSUPP || r == -EINVAL || r == -EMSGSIZE ||
		   r == -E2BIG);
	FUZZ_CHECK(fuzz_diag_agrees(r, &d));
	/* the batch's own arguments, as iommufmt_inv_batch documents them */
	early = extra || barg < IOMMUFMT_INV_BATCH_SIZE_VER0 ||
		(barg > sizeof(b) && !iommufmt_is_zero((uint8_t *)bb + sizeof(b), barg - sizeof(b))) ||
		b.flags || (cap && (!b.entries_uptr || entry_len < IOMMUFMT_INV_ENTRY_SIZE_VER0));
	if (barg >= IOMMUFMT_INV_BATCH_SIZE_VER0)	/* written, also on error */
		FUZZ_CHECK(seen.entry_num <= cap && seen.entry_num <= ncmd);
	else		/* a struct too short to be one: left alone or zeroed */
		FUZZ_CHECK(seen.entry_num == cap || seen.entry_num == 0);
	if (early) {
		FUZZ_CHECK(r == -EINVAL || r == -E2BIG || r == -EOPNOTSUPP);
		FUZZ_CHECK(barg < IOMMUFMT_INV_BATCH_SIZE_VER0 || seen.entry_num == 0);
		FUZZ_CHECK(fuzz_all_poison(arr, arr_len));
	} else {
		size_t m = ncmd < cap ? ncmd : cap;

		if (bad < m) {
			FUZZ_CHECK(r == rs[bad] && seen.entry_num == bad);
			FUZZ_CHECK((d.flags & IOMMUFMT_DIAG_FLAGS_INDEX) && d.index == bad);
		} else if (ncmd > cap) {
			FUZZ_CHECK(r == -EMSGSIZE && seen.entry_num == cap);
		} else {
			FUZZ_CHECK(r == 0 && seen.entry_num == ncmd);
		}
		for (size_t i = 0; i < seen.entry_num; i++) {
			const uint8_t *p = arr + misalign + i * entry_len;
			uint32_t a;

			memcpy(&a, p, 4);
			FUZZ_CHECK(a == entry_len);
			FUZZ_CHECK(!memcmp(p + 4, (const uint8_t *)&ents[i] + 4,
					   (entry_len < ENTRY_SZ ? entry_len : ENTRY_SZ) - 4));
			if (entry_len > ENTRY_SZ)
				FUZZ_CHECK(iommufmt_is_zero(p + ENTRY_SZ, entry_len - ENTRY_SZ));
		}
		/* past them, one partial entry at most after an error; nothing beyond */
		if (seen.entry_num + 1 < cap || (!r && seen.entry_num < cap)) {
			size_t from = misalign + (seen.entry_num + (r ? 1 : 0)) * entry_len;

			FUZZ_CHECK(fuzz_all_poison(arr + from, arr_len - from));
		}
	}
	free(bb);
	free(arr);
	return 0;
}
