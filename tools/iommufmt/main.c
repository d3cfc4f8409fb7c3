/* SPDX-License-Identifier: MIT */
/* iommufmt: the command-line front end; dispatches to the subcommands. */
#include <string.h>

#include "tools/iommufmt/cli.h"

static const struct cli_cmd *const commands[] = {
	&cli_cmd_info,
	&cli_cmd_demo,
	&cli_cmd_bench,
	&cli_cmd_iova,
	&cli_cmd_map_plan,
	&cli_cmd_translate,
	&cli_cmd_walk,
	&cli_cmd_hostinfo,
	&cli_cmd_check_bind,
	&cli_cmd_advertise,
	&cli_cmd_decode_inval,
	&cli_cmd_encode_inval,
	/* CLI-COMMANDS: each area adds its commands here. */
};

static const struct cli_cmd *find_cmd(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i]->name, name))
			return commands[i];
	return NULL;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: iommufmt COMMAND [ARGS]...\n"
		   "       iommufmt help [COMMAND]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-14s %s\n", commands[i]->name, commands[i]->summary);
}

int main(int argc, char **argv)
{
	const struct cli_cmd *cmd;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		if (argc > 2) {
			cmd = find_cmd(argv[2]);
			if (!cmd)
				return cli_usage_error("help", "unknown command '%s'", argv[2]);
			fputs(cmd->usage, stdout);
			return 0;
		}
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("iommufmt %s\n", iommufmt_version());
		return 0;
	}
	cmd = find_cmd(argv[1]);
	if (!cmd)
		return cli_usage_error(argv[1], "unknown command (try 'iommufmt help')");
	return cmd->run(argc - 1, argv + 1);
}
