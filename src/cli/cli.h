/* cli: the `attest` command, a client of attest.h only.  main.c holds the
 * command table; each cmd_*.c one family of subcommands. */
#ifndef ATTEST_CLI_H
#define ATTEST_CLI_H

#include "attest.h"

/* Exit statuses, per spec/extract-json.md. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

typedef struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;   /* one line: arguments */
	const char *summary; /* one line: what it does */
} command;

int cmd_text(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
/* The ledger's read commands; argv[0] says which. */
int cmd_query(int argc, char **argv);

/* The ledger path when --db is not given: $ATTEST_DB, else "attest.db". */
const char *cli_default_db(void);

/* The usage line (arguments) of command NAME from the command table. */
const char *cli_usage_of(const char *name);

/* Prints "attest: MSG\n" plus a hint to run help, returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parses --format's value; returns -1 for an unknown one. */
int cli_format(const char *s);

#endif
