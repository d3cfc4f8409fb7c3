/* SPDX-License-Identifier: MIT */
/* Demo section "iova": an ARM-like host with an MSI doorbell inside guest RAM, and a better layout. */
#include <errno.h>
#include <string.h>

#include "tools/iommufmt/cli.h"

#define GIB (1ull << 30)
#define MIB (1ull << 20)

/* What Linux shows in /sys/kernel/iommu_groups/N/reserved_regions on such a host:
 * the SMMU driver's software MSI window and a GICv3 ITS doorbell page. */
static const char host_regions[] =
	"0x0000000008000000 0x00000000080fffff msi\n"
	"0x0000000090000000 0x000000009000ffff msi\n";

static void show_layout(FILE *out, const char *title, const struct iommufmt_iova_ram_segment *s,
			__u32 n, const struct iommufmt_iova_layout_stats *st)
{
	fprintf(out, "  %s:\n", title);
	for (__u32 i = 0; i < n; i++)
		fprintf(out, "    gpa 0x%010llx - 0x%010llx  RAM offset 0x%09llx\n",
			(unsigned long long)s[i].gpa, (unsigned long long)(s[i].gpa + s[i].size - 1),
			(unsigned long long)s[i].offset);
	fprintf(out, "    -> %llu IOMMU pages, %llu of them 1G (%llu%% of RAM in 1G pages)\n",
		(unsigned long long)st->pages, (unsigned long long)st->largest_pages,
		(unsigned long long)(st->ram_bytes ? st->largest_bytes * 100 / st->ram_bytes : 0));
}

static int iova_demo(FILE *out)
{
	const __u64 pgsizes = (4ull << 10) | (2ull << 20) | GIB;
	const __u64 ram_base = GIB, ram[1] = { 4 * GIB };
	struct iommufmt_iova_range smmu_ias = { 0, (1ull << 48) - 1 }, u[8];
	struct iommufmt_iova_map_check req = { .argsz = sizeof(req) };
	struct iommufmt_iova_ram_segment naive[8], good[8];
	struct iommufmt_iova_layout_stats sn, sg;
	struct iommufmt_iova_hole_cost cost[8];
	struct iommufmt_iova_space *sp = iommufmt_iova_space_new(0);
	struct iommufmt_diag d;
	__u32 n, nn = 8, ng = 8;
	int ok = 1;

	if (!sp)
		return 1;
	iommufmt_diag_init(&d);
	fprintf(out, "An ARM-like host: an SMMUv3 domain with a 48-bit input range and 4K/2M/1G\n"
		     "pages; the group's reserved_regions file lists two MSI doorbells:\n%s",
		host_regions);
	if (iommufmt_iova_space_add_domain(sp, &smmu_ias, 1, pgsizes, &d) ||
	    iommufmt_iova_import_sysfs(sp, host_regions, strlen(host_regions), &d) != 2) {
		cli_print_diag(out, "  import failed: ", &d);
		iommufmt_iova_space_free(sp);
		return 1;
	}
	n = 8;
	iommufmt_iova_space_usable(sp, u, &n, &d);
	fprintf(out, "  usable IOVA ranges (%u):\n", n);
	for (__u32 i = 0; i < n; i++)
		fprintf(out, "    0x%012llx - 0x%012llx\n", (unsigned long long)u[i].start,
			(unsigned long long)u[i].last);
	ok &= n == 3 && u[1].start == 0x8100000 && u[2].start == 0x90010000;

	fprintf(out, "\nThe VMM places 4 GiB of guest RAM at 0x40000000 (as QEMU's virt board\n"
		     "does) and asks to map it 1:1 for an assigned device:\n");
	req.iova = ram_base;
	req.length = ram[0];
	if (iommufmt_iova_check_map(sp, &req, &d) == -EINVAL &&
	    req.out_verdict == IOMMUFMT_IOVA_VERDICT_RESERVED) {
		cli_print_diag(out, "  rejected: ", &d);
		ok &= req.out_start == 0x90000000 && req.out_last == 0x9000ffff &&
		      req.out_type == IOMMUFMT_RESV_MSI;
	} else {
		fprintf(out, "  the map was accepted!\n");
		ok = 0;
	}

	n = 8;
	if (iommufmt_iova_hole_cost(sp, 0, cost, &n, &d) == 0) {
		fprintf(out, "  what the holes cost:\n");
		for (__u32 i = 0; i < n; i++)
			fprintf(out, "    %s [0x%llx, 0x%llx] forbids %u %s page(s)\n",
				iommufmt_resv_type_name(cost[i].type),
				(unsigned long long)cost[i].start, (unsigned long long)cost[i].last,
				cost[i].blocks, cost[i].pgsize == GIB ? "1G" : "2M");
		/* the doorbell breaks the 1G block at 2 GiB and the 2M block around it */
		ok &= n == 4 && cost[3].pgsize == GIB && cost[3].blocks == 1;
	} else {
		ok = 0;
	}

	fprintf(out, "\nLaying RAM out around the holes (host RAM 1G-aligned, IOVA = GPA):\n");
	if (iommufmt_iova_layout(sp, ram_base, ram, 1, 0, IOMMUFMT_IOVA_LAYOUT_PACK, naive, &nn,
				 &d) ||
	    iommufmt_iova_layout_stats(naive, nn, pgsizes, &sn, &d) ||
	    iommufmt_iova_layout(sp, ram_base, ram, 1, 0, 0, good, &ng, &d) ||
	    iommufmt_iova_layout_stats(good, ng, pgsizes, &sg, &d)) {
		cli_print_diag(out, "  layout failed: ", &d);
		iommufmt_iova_space_free(sp);
		return 1;
	}
	show_layout(out, "packed from 0x40000000, split at the doorbell", naive, nn, &sn);
	show_layout(out, "advised", good, ng, &sg);
	fprintf(out, "  the advised layout needs %llu fewer IOMMU pages and %llu more 1G pages\n",
		(unsigned long long)(sn.pages - sg.pages),
		(unsigned long long)(sg.largest_pages - sn.largest_pages));
	ok &= sg.largest_pages == 4 && sg.pages == 4 && sn.pages > sg.pages;
	for (__u32 i = 0; i < ng; i++) {
		req.iova = good[i].gpa;
		req.length = good[i].size;
		ok &= iommufmt_iova_check_map(sp, &req, NULL) == 0;
	}
	fprintf(out, "  every advised segment passes the map check: %s\n", ok ? "yes" : "NO");
	iommufmt_iova_space_free(sp);
	return ok ? 0 : 1;
}

const struct demo_section demo_iova = {
	.name = "iova",
	.title = "IOVA space: an MSI doorbell inside guest RAM",
	.run = iova_demo,
};
