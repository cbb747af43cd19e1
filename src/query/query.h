/*
 * query: stage 8, the ledger -> answers.  query.c turns an attest_query
 * into one SQL statement (filters as bound parameters, every answer joined
 * to its evidence sentence); out.c writes the rows as a table, JSON Lines
 * or CSV; show.c prints a document with its records highlighted; ledger.c
 * is the public attest_ledger_* API over store/ and this module.
 * Owns: nothing beyond each call; the caller owns the database handle.
 */
#ifndef ATTEST_QUERY_H
#define ATTEST_QUERY_H

#include <sqlite3.h>
#include <stdio.h>

#include "attest.h"
#include "base/buf.h"

/* A column of an answer: its name and width in a human table (0: not in
 * tables; COL_WIDE: the last column, never cut). */
#define COL_WIDE 255
typedef struct col {
	const char *name;
	const char *expr;
	unsigned char width;
} col;

/* A row writer; rows stream out with bounded memory. */
typedef struct outw {
	attest_output fmt;
	unsigned flags;
	FILE *f;
	const col *cols;
	size_t ncols, rows;
	buf line;
} outw;

void out_begin(outw *o, attest_output fmt, unsigned flags, FILE *f, const col *cols, size_t ncols);
/* Writes the current row of ST (its columns in the order of COLS); -1 when
 * the output cannot be written. */
int out_row(outw *o, sqlite3_stmt *st);
int out_end(outw *o);

/* Runs Q on DB and writes the answer; ERR gets the reason for a failure. */
attest_status query_run(sqlite3 *db, const attest_query *q, outw *o, char *err, size_t cap);

/* Registers the SQL functions the queries use (agree, same_topic). */
int query_register(sqlite3 *db);

/* ATTEST_Q_SHOW: the text of DOC (or one article of it) with its records
 * marked, then a list of them. */
attest_status show_run(sqlite3 *db, const char *target, outw *o, char *err, size_t cap);

#endif
