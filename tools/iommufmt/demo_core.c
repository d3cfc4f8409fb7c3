/* SPDX-License-Identifier: MIT */
/* Demo section: a host description as a capability chain, read by an old and a new caller. */
#include <stdlib.h>
#include <string.h>

#include "tools/iommufmt/cli.h"

static const char *const resv_names[] = {
	"reserved", "msi", "sw-msi", "direct", "direct-relaxable", "bridge-window",
};

static int core_demo(FILE *out)
{
	static const struct iommufmt_iova_range ranges[] = {
		{ 0x0, 0x7fffffff },
		{ 0x80100000, 0xfedfffff },
		{ 0xfef00000, 0xffffffffffffULL },
	};
	static const struct iommufmt_resv_region resv[] = {
		{ 0x80000000, 0x800fffff, IOMMUFMT_RESV_BRIDGE_WINDOW, 0 },
		{ 0xfee00000, 0xfeefffff, IOMMUFMT_RESV_MSI, 0 },
	};
	struct iommufmt_hw_info info = { 0 }, old_caller;
	struct iommufmt_diag diag;
	struct iommufmt_caps *caps = iommufmt_caps_new();
	const struct iommufmt_cap_header *cap;
	struct iommufmt_iova_range got[8];
	struct iommufmt_resv_region got_resv[8];
	unsigned char *buf = NULL;
	size_t cap_len;
	__u32 n;
	int ok = 1;

	iommufmt_diag_init(&diag);
	if (!caps)
		return 1;
	fprintf(out, "A host describes itself: model INTL, usable IOVA ranges and reserved\n"
		     "regions, built as a capability chain behind struct iommufmt_hw_info.\n");
	info.argsz = sizeof(info);
	info.model = IOMMUFMT_MODEL_INTEL;
	if (iommufmt_caps_add_iova_ranges(caps, ranges, 3, &diag) ||
	    iommufmt_caps_add_resv_regions(caps, resv, 2, &diag)) {
		cli_print_diag(out, "  build failed: ", &diag);
		iommufmt_caps_free(caps);
		return 1;
	}
	fprintf(out, "  chain: %u capabilities, %zu bytes after the %zu-byte fixed part\n",
		iommufmt_caps_count(caps), iommufmt_caps_size(caps), sizeof(info));

	/* An "old" caller only knows the fixed struct and passes argsz = VER0. */
	memset(&old_caller, 0, sizeof(old_caller));
	iommufmt_caps_emit(caps, &old_caller, IOMMUFMT_HW_INFO_SIZE_VER0, &info, sizeof(info),
			   offsetof(struct iommufmt_hw_info, cap_offset),
			   IOMMUFMT_HW_INFO_FLAGS_CAPS);
	fprintf(out, "  old caller, argsz %d: flags 0x%x (CAPS set), cap_offset %u,"
		     " argsz raised to %u; no error\n", IOMMUFMT_HW_INFO_SIZE_VER0,
		old_caller.flags, old_caller.cap_offset, old_caller.argsz);
	ok &= (old_caller.flags & IOMMUFMT_HW_INFO_FLAGS_CAPS) && old_caller.cap_offset == 0 &&
	      old_caller.argsz > IOMMUFMT_HW_INFO_SIZE_VER0;

	/* A "new" caller grows its buffer to the size it was told and asks again. */
	buf = calloc(1, old_caller.argsz);
	if (!buf) {
		iommufmt_caps_free(caps);
		return 1;
	}
	iommufmt_caps_emit(caps, buf, old_caller.argsz, &info, sizeof(info),
			   offsetof(struct iommufmt_hw_info, cap_offset),
			   IOMMUFMT_HW_INFO_FLAGS_CAPS);
	memcpy(&info, buf, sizeof(info));
	fprintf(out, "  new caller, argsz %u: cap_offset %u, %d capabilities check out\n",
		info.argsz, info.cap_offset,
		iommufmt_caps_check(buf, info.argsz, sizeof(info), info.cap_offset, &diag));
	n = 8;
	if (iommufmt_caps_find(buf, info.argsz, sizeof(info), info.cap_offset,
			       IOMMUFMT_CAP_IOVA_RANGES, &cap, &cap_len, &diag) ||
	    iommufmt_cap_iova_ranges_read(cap, cap_len, got, &n, &diag)) {
		cli_print_diag(out, "  read failed: ", &diag);
		ok = 0;
	} else {
		fprintf(out, "  usable IOVA ranges (%u):\n", n);
		for (__u32 i = 0; i < n; i++)
			fprintf(out, "    0x%016llx - 0x%016llx\n",
				(unsigned long long)got[i].start, (unsigned long long)got[i].last);
		ok &= n == 3;
	}
	n = 8;
	if (iommufmt_caps_find(buf, info.argsz, sizeof(info), info.cap_offset,
			       IOMMUFMT_CAP_RESV_REGIONS, &cap, &cap_len, &diag) ||
	    iommufmt_cap_resv_regions_read(cap, cap_len, got_resv, &n, &diag)) {
		cli_print_diag(out, "  read failed: ", &diag);
		ok = 0;
	} else {
		fprintf(out, "  reserved regions (%u):\n", n);
		for (__u32 i = 0; i < n; i++)
			fprintf(out, "    0x%016llx - 0x%016llx  %s\n",
				(unsigned long long)got_resv[i].start,
				(unsigned long long)got_resv[i].last,
				got_resv[i].type < IOMMUFMT_RESV_NR_TYPES ?
				resv_names[got_resv[i].type] : "?");
		ok &= n == 2;
	}

	/* A hostile chain: make the second capability point back at the first. */
	{
		struct iommufmt_cap_header h;
		__u32 first = info.cap_offset;

		memcpy(&h, buf + first, sizeof(h));
		memcpy(&h, buf + h.next, sizeof(h));
		h.next = first;
		memcpy(buf + ((struct iommufmt_cap_header *)(void *)(buf + first))->next, &h,
		       sizeof(h));
		if (iommufmt_caps_check(buf, info.argsz, sizeof(info), first, &diag) < 0) {
			cli_print_diag(out, "  a looping chain is rejected: ", &diag);
		} else {
			fprintf(out, "  a looping chain was accepted!\n");
			ok = 0;
		}
	}
	free(buf);
	iommufmt_caps_free(caps);
	return ok ? 0 : 1;
}

const struct demo_section demo_core = {
	.name = "core",
	.title = "Host description: capability chains for old and new callers",
	.run = core_demo,
};
