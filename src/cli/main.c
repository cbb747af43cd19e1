/*
 * main.c: the attest command table.  Each subcommand is one row; help is
 * generated from the table; exit statuses are mapped in one place
 * (cli.h: 0 success, 1 some input failed, 2 bad usage).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static int cmd_help(int argc, char **argv);

static const command commands[] = {
	{"text", cmd_text, "[--format auto|text|html] [--charset NAME] FILE...|-  or  --batch INDIR OUTDIR",
	 "print each article's clean text (an HTML page's main text)"},
	{"extract", cmd_extract,
	 "[--json] [--batch] [--sentences] [--paragraphs] [--ref-date YYYY-MM-DD] [--format auto|text|html] "
	 "[--charset NAME] FILE...|-",
	 "extract articles and records (JSON Lines with --json)"},
	{"help", cmd_help, "[COMMAND]", "show this help, or one command's"},
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

static void usage(FILE *f)
{
	fprintf(f, "usage: attest COMMAND [OPTIONS] [ARGS]\n\n"
		   "attest turns news articles into a sourced ledger of claims.\n\ncommands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n  attest --version   print the version\n"
		   "  attest help COMMAND  show a command's options\n");
}

static int cmd_help(int argc, char **argv)
{
	if (argc > 1) {
		for (size_t i = 0; i < NCOMMANDS; i++)
			if (strcmp(argv[1], commands[i].name) == 0) {
				printf("usage: attest %s %s\n  %s\n", commands[i].name, commands[i].usage,
				       commands[i].summary);
				return EXIT_OK;
			}
		return cli_usage_error(NULL, "unknown command '%s'", argv[1]);
	}
	usage(stdout);
	return EXIT_OK;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("attest: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'attest help%s%s'.\n", cmd ? " " : "", cmd ? cmd : "");
	return EXIT_USAGE;
}

int cli_format(const char *s)
{
	if (strcmp(s, "auto") == 0)
		return ATTEST_FORMAT_AUTO;
	if (strcmp(s, "text") == 0)
		return ATTEST_FORMAT_TEXT;
	if (strcmp(s, "html") == 0)
		return ATTEST_FORMAT_HTML;
	return -1;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("attest %s\n", attest_version());
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cmd_help(1, argv);
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	return cli_usage_error(NULL, "unknown command '%s'", argv[1]);
}
