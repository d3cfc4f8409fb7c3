/* SPDX-License-Identifier: MIT */
/* `iommufmt demo`: a guided end-to-end run over built-in example data, section by section. */
#include <string.h>

#include "tools/iommufmt/cli.h"

static const struct demo_section *const sections[] = {
	&demo_core,
	&demo_iova,
	&demo_bind,
	&demo_inval,
	&demo_pgtable,
	&demo_fault,
	/* DEMO-SECTIONS: each area adds its section here. */
};

static int demo_run(int argc, char **argv)
{
	int failed = 0;
	size_t n = sizeof(sections) / sizeof(sections[0]);
	const char *only = NULL;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--section") && i + 1 < argc)
			only = argv[++i];
		else
			return cli_usage_error("demo", "unknown argument '%s'", argv[i]);
	}
	printf("libiommufmt %s demo\n", iommufmt_version());
	for (size_t i = 0; i < n; i++) {
		int r;

		if (only && strcmp(only, sections[i]->name))
			continue;
		printf("\n== %s ==\n", sections[i]->title);
		r = sections[i]->run(stdout);
		if (r) {
			printf("!! section '%s' did not go as expected\n", sections[i]->name);
			failed++;
		}
	}
	printf("\ndemo %s\n", failed ? "FAILED" : "complete: every step went as expected");
	return failed ? 1 : 0;
}

const struct cli_cmd cli_cmd_demo = {
	.name = "demo",
	.summary = "guided end-to-end run on built-in example data",
	.usage = "usage: iommufmt demo [--section NAME]\n\n"
		 "Walk through what the library does, on built-in example data, and check\n"
		 "each step. Exit status 0 when every step went as expected.\n",
	.run = demo_run,
};
