/*
 * cmd_query.c: the ledger's read commands: claims, quotes, stances, search,
 * timeline, series, conflicts, docs, show and export.  One parser serves
 * them all; the verbs[] table says which options each takes, and the
 * library (attest_ledger_query) checks the values.  Output is a table for
 * people, --json (JSON Lines) or --csv for scripts; colour only on a
 * terminal unless --color says otherwise.  The ledger is opened read-only,
 * so queries run while an ingest is writing.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

/* Option letters, as in the verbs[] table. */
enum { O_MEASURE = 'm', O_SUBJECT = 's', O_SOURCE = 'S', O_SPEAKER = 'P', O_ACTOR = 'A', O_SINCE = 'a',
       O_UNTIL = 'u', O_MIN = 'n', O_LIMIT = 'l', O_TYPE = 't', O_FORMAT = 'F' };

typedef struct verb {
	const char *name;
	attest_query_kind kind;
	const char *opts;  /* option letters it takes, besides --db, --json, --csv, --color, --limit */
	int operand;       /* 1: takes one argument (search query, show target) */
} verb;

static const verb verbs[] = {
	{"claims", ATTEST_Q_CLAIMS, "msSaun", 0},
	{"quotes", ATTEST_Q_QUOTES, "Pau", 0},
	{"stances", ATTEST_Q_STANCES, "Aau", 0},
	{"search", ATTEST_Q_SEARCH, "", 1},
	{"timeline", ATTEST_Q_TIMELINE, "msSaun", 0},
	{"series", ATTEST_Q_SERIES, "msSaun", 0},
	{"conflicts", ATTEST_Q_CONFLICTS, "", 0},
	{"docs", ATTEST_Q_DOCS, "", 0},
	{"show", ATTEST_Q_SHOW, "", 1},
	{"export", ATTEST_Q_EXPORT, "tF", 0},
};

const char *cli_default_db(void)
{
	const char *e = getenv("ATTEST_DB");
	return e && *e ? e : "attest.db";
}

static int run_verb(const verb *v, int argc, char **argv)
{
	static const struct option longs[] = {
		{"db", required_argument, NULL, 'd'},
		{"json", no_argument, NULL, 'j'},
		{"csv", no_argument, NULL, 'c'},
		{"color", required_argument, NULL, 'C'},
		{"limit", required_argument, NULL, O_LIMIT},
		{"measure", required_argument, NULL, O_MEASURE},
		{"subject", required_argument, NULL, O_SUBJECT},
		{"source", required_argument, NULL, O_SOURCE},
		{"speaker", required_argument, NULL, O_SPEAKER},
		{"actor", required_argument, NULL, O_ACTOR},
		{"since", required_argument, NULL, O_SINCE},
		{"until", required_argument, NULL, O_UNTIL},
		{"min-sources", required_argument, NULL, O_MIN},
		{"type", required_argument, NULL, O_TYPE},
		{"format", required_argument, NULL, O_FORMAT},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	attest_query q = {.kind = v->kind};
	attest_output fmt = v->kind == ATTEST_Q_EXPORT ? ATTEST_OUT_JSON : ATTEST_OUT_TABLE;
	const char *db = cli_default_db();
	int color = -1;
	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "h", longs, NULL)) != -1) {
		char *end;
		if (strchr("msSPAaunFt", c) && !strchr(v->opts, c))
			return cli_usage_error(v->name, "%s does not take '%s'", v->name, argv[optind - 1]);
		switch (c) {
		case 'd': db = optarg; break;
		case 'j': fmt = ATTEST_OUT_JSON; break;
		case 'c': fmt = ATTEST_OUT_CSV; break;
		case 'C':
			if (strcmp(optarg, "always") == 0)
				color = 1;
			else if (strcmp(optarg, "never") == 0)
				color = 0;
			else if (strcmp(optarg, "auto") != 0)
				return cli_usage_error(v->name, "--color must be auto, always or never");
			break;
		case O_MEASURE: q.measure = optarg; break;
		case O_SUBJECT: q.subject = optarg; break;
		case O_SOURCE: case O_SPEAKER: case O_ACTOR: q.party = optarg; break;
		case O_SINCE: q.since = optarg; break;
		case O_UNTIL: q.until = optarg; break;
		case O_TYPE: q.text = optarg; break;
		case O_FORMAT:
			if (strcmp(optarg, "jsonl") == 0 || strcmp(optarg, "json") == 0)
				fmt = ATTEST_OUT_JSON;
			else if (strcmp(optarg, "csv") == 0)
				fmt = ATTEST_OUT_CSV;
			else
				return cli_usage_error(v->name, "--format must be jsonl or csv");
			break;
		case O_MIN:
		case O_LIMIT: {
			long n = strtol(optarg, &end, 10);
			if (*end || !*optarg || n < 1 || n > 1000000)
				return cli_usage_error(v->name, "%s needs a number from 1 to 1000000", argv[optind - 1]);
			if (c == O_MIN)
				q.min_sources = (unsigned)n;
			else
				q.limit = (unsigned)n;
			break;
		}
		case 'h':
			printf("usage: attest %s %s\n", v->name, cli_usage_of(v->name));
			return EXIT_OK;
		default:
			return cli_usage_error(v->name, "unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (v->operand) {
		if (optind != argc - 1)
			return cli_usage_error(v->name, "%s needs one %s", v->name,
					       v->kind == ATTEST_Q_SEARCH ? "search query" : "DOC or DOC#ARTICLE");
		q.text = argv[optind];
	} else if (optind < argc) {
		return cli_usage_error(v->name, "unexpected argument '%s'", argv[optind]);
	}
	attest_ledger *l;
	char err[1024];
	if (access(db, F_OK) != 0) {
		fprintf(stderr, "attest: %s: no ledger here (run attest ingest first, or give --db PATH)\n", db);
		return EXIT_FAIL;
	}
	if (attest_ledger_open(&l, db, ATTEST_LEDGER_READONLY, err) != ATTEST_OK) {
		fprintf(stderr, "attest: %s\n", err);
		return EXIT_FAIL;
	}
	unsigned flags = (color < 0 ? isatty(1) : color) ? ATTEST_OUT_COLOR : 0u;
	size_t rows = 0;
	attest_status st = attest_ledger_query(l, &q, fmt, flags, stdout, &rows);
	int rc = EXIT_OK;
	if (st == ATTEST_ERR_USAGE)
		rc = cli_usage_error(v->name, "%s", attest_ledger_errmsg(l));
	else if (st != ATTEST_OK) {
		fprintf(stderr, "attest: %s: %s\n", db, attest_ledger_errmsg(l));
		rc = EXIT_FAIL;
	} else if (rows == 0 && fmt == ATTEST_OUT_TABLE && isatty(2)) {
		fprintf(stderr, "(nothing found)\n");
	}
	attest_ledger_close(l);
	return rc;
}

int cmd_query(int argc, char **argv)
{
	for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++)
		if (strcmp(argv[0], verbs[i].name) == 0)
			return run_verb(&verbs[i], argc, argv);
	return cli_usage_error(NULL, "unknown command '%s'", argv[0]);
}
