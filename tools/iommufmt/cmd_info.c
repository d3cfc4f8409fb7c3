/* SPDX-License-Identifier: MIT */
/* `iommufmt info`: library version, registered models and page-table formats. */
#include <string.h>

#include "tools/iommufmt/cli.h"

static int info_run(int argc, char **argv)
{
	const struct iommufmt_model_ops *models[64];
	const struct iommufmt_pgtable_ops *pts[64];
	size_t nm, np;
	bool json = false;
	char cc[5];

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = true;
		else
			return cli_usage_error("info", "unknown argument '%s'", argv[i]);
	}
	nm = iommufmt_model_list(models, 64);
	np = iommufmt_pgtable_list(pts, 64);
	if (nm > 64)
		nm = 64;
	if (np > 64)
		np = 64;
	if (json) {
		printf("{\"version\":");
		cli_json_str(stdout, iommufmt_version());
		printf(",\"models\":[");
		for (size_t i = 0; i < nm; i++) {
			printf("%s{\"name\":", i ? "," : "");
			cli_json_str(stdout, models[i]->name);
			printf(",\"id\":");
			cli_json_str(stdout, iommufmt_fourcc_str(models[i]->model, cc));
			printf(",\"variant\":%u,\"description\":", models[i]->variant);
			cli_json_str(stdout, models[i]->description);
			printf(",\"pgtables\":[");
			for (size_t j = 0; j < models[i]->nr_pgtable_formats; j++) {
				const struct iommufmt_pgtable_ops *p =
					iommufmt_pgtable_get(models[i]->pgtable_formats[j]);
				printf("%s", j ? "," : "");
				cli_json_str(stdout, p ? p->name : "?");
			}
			printf("]}");
		}
		printf("],\"pgtables\":[");
		for (size_t i = 0; i < np; i++) {
			printf("%s{\"name\":", i ? "," : "");
			cli_json_str(stdout, pts[i]->name);
			printf(",\"id\":%u,\"description\":", pts[i]->format);
			cli_json_str(stdout, pts[i]->description);
			printf("}");
		}
		printf("]}\n");
		return 0;
	}
	printf("libiommufmt %s\n\nIOMMU models:\n", iommufmt_version());
	for (size_t i = 0; i < nm; i++) {
		printf("  %-8s %s v%-2u %-30s formats:", models[i]->name,
		       iommufmt_fourcc_str(models[i]->model, cc), models[i]->variant,
		       models[i]->description);
		for (size_t j = 0; j < models[i]->nr_pgtable_formats; j++) {
			const struct iommufmt_pgtable_ops *p =
				iommufmt_pgtable_get(models[i]->pgtable_formats[j]);
			printf(" %s", p ? p->name : "?");
		}
		printf("\n");
	}
	printf("\nPage-table formats:\n");
	for (size_t i = 0; i < np; i++)
		printf("  %2u %-12s %s\n", pts[i]->format, pts[i]->name, pts[i]->description);
	return 0;
}

const struct cli_cmd cli_cmd_info = {
	.name = "info",
	.summary = "library version, IOMMU models and page-table formats",
	.usage = "usage: iommufmt info [--json]\n\n"
		 "Print the library version, the registered IOMMU models (name, FourCC id,\n"
		 "variant, accepted page-table formats) and the page-table formats.\n"
		 "  --json   one JSON object\n",
	.run = info_run,
};
