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

/* The output options every query command takes. */
#define Q_OPTS "[--db PATH] [--json|--csv] [--limit N] [--color auto|always|never]"
#define Q_OUT " " Q_OPTS

static const command commands[] = {
	{"text", cmd_text, "[--format auto|text|html] [--charset NAME] FILE...|-  or  --batch INDIR OUTDIR",
	 "print each article's clean text (an HTML page's main text; each page of a WARC/ARC archive)"},
	{"extract", cmd_extract,
	 "[--json] [--batch] [--sentences] [--paragraphs] [--ref-date YYYY-MM-DD] [--format auto|text|html] "
	 "[--charset NAME] FILE...|-",
	 "extract articles and records (JSON Lines with --json; archives: \"id\" = page URI)"},
	{"ingest", cmd_ingest, "[--db PATH] [--batch N] [--quiet] [--ref-date YYYY-MM-DD] [--format auto|text|html] PATH...|-",
	 "store files, directories, WARC/ARC archives and stdin in the ledger (idempotent)"},
	{"claims", cmd_query, "[--measure M] [--subject S] [--source NAME] [--since DATE] [--until DATE] [--min-sources N]" Q_OUT,
	 "count claims, with their sources and evidence"},
	{"quotes", cmd_query, "[--speaker NAME] [--since DATE] [--until DATE]" Q_OUT, "direct quotations"},
	{"stances", cmd_query, "[--actor NAME] [--since DATE] [--until DATE]" Q_OUT, "denials, confirmations, acknowledgements"},
	{"search", cmd_query, "QUERY" Q_OUT, "full-text search of the articles (FTS5 syntax)"},
	{"timeline", cmd_query, "--measure M [--subject S] [--source NAME] [--since DATE] [--until DATE]" Q_OUT,
	 "one estimate series in date order, with how many sources agree"},
	{"series", cmd_query, "[--measure M] [--subject S] [--min-sources N]" Q_OUT,
	 "estimate series: claims by measure and subject"},
	{"conflicts", cmd_query, Q_OPTS, "incompatible estimates, denials against later admissions"},
	{"docs", cmd_query, Q_OPTS, "the documents in the ledger, versions and near-duplicate copies"},
	{"show", cmd_query, "DOC[#ARTICLE]" Q_OUT, "a document with its claims, quotes and stances marked"},
	{"export", cmd_query, "[--db PATH] [--format jsonl|csv] [--type docs|articles|claims|quotes|stances]",
	 "every record, for other tools"},
	{"help", cmd_help, "[COMMAND]", "show this help, or one command's"},
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

static void usage(FILE *f)
{
	fprintf(f, "usage: attest COMMAND [OPTIONS] [ARGS]\n\n"
		   "attest turns news articles into a sourced ledger of claims.\n\ncommands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
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

const char *cli_usage_of(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(name, commands[i].name) == 0)
			return commands[i].usage;
	return "";
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
