/*
 * bench_ledger: query latency on a ledger, in process (no start-up cost).
 *
 *     build/release/bench_ledger LEDGER.db [RUNS]
 *
 * Runs each query of the table below RUNS times (default 21) through
 * attest_ledger_query into /dev/null and prints the median and the worst
 * time in milliseconds, and whether the median is under TARGET_MS.  The
 * filter values are picked from the ledger itself (the commonest measure,
 * subject and source), so that filters select real rows.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "attest.h"

#define TARGET_MS 20.0

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The most frequent value of an SQL column, or FALLBACK. */
static char *top(const char *db, const char *sql, const char *fallback)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	char *v = NULL;
	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
			v = strdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return v ? v : strdup(fallback);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench_ledger LEDGER.db [RUNS]\n");
		return 2;
	}
	int runs = argc > 2 ? atoi(argv[2]) : 21;
	if (runs < 1 || runs > 1000)
		runs = 21;
	char *measure = top(argv[1], "SELECT measure FROM claim GROUP BY 1 ORDER BY count(*) DESC", "killed");
	char *subject = top(argv[1], "SELECT subject_canonical FROM claim GROUP BY 1 ORDER BY count(*) DESC", "troops");
	char *source = top(argv[1], "SELECT name FROM party WHERE kind = 'claim' GROUP BY 1 ORDER BY count(*) DESC",
			   "Reuters");
	char *speaker = top(argv[1], "SELECT name FROM party WHERE kind = 'quote' GROUP BY 1 ORDER BY count(*) DESC",
			    "Blair");
	char *actor = top(argv[1], "SELECT name FROM party WHERE kind = 'stance' GROUP BY 1 ORDER BY count(*) DESC",
			  "Russia");
	const struct {
		const char *name;
		attest_query q;
	} qs[] = {
		{"claims (first 100)", {.kind = ATTEST_Q_CLAIMS, .limit = 100}},
		{"claims --measure", {.kind = ATTEST_Q_CLAIMS, .measure = measure}},
		{"claims --subject", {.kind = ATTEST_Q_CLAIMS, .subject = subject, .limit = 100}},
		{"claims --source", {.kind = ATTEST_Q_CLAIMS, .party = source, .limit = 100}},
		{"claims --since --until", {.kind = ATTEST_Q_CLAIMS, .since = "2005-01", .until = "2005-01", .limit = 100}},
		{"claims --measure --min-sources 2", {.kind = ATTEST_Q_CLAIMS, .measure = measure, .min_sources = 2,
						      .limit = 100}},
		{"timeline --measure --subject", {.kind = ATTEST_Q_TIMELINE, .measure = measure, .subject = subject}},
		{"series", {.kind = ATTEST_Q_SERIES}},
		{"quotes --speaker", {.kind = ATTEST_Q_QUOTES, .party = speaker, .limit = 100}},
		{"stances --actor", {.kind = ATTEST_Q_STANCES, .party = actor, .limit = 100}},
		{"search 'oil prices' (top 20)", {.kind = ATTEST_Q_SEARCH, .text = "oil prices", .limit = 20}},
		{"search government (top 20)", {.kind = ATTEST_Q_SEARCH, .text = "government", .limit = 20}},
		{"conflicts", {.kind = ATTEST_Q_CONFLICTS}},
		{"show 1", {.kind = ATTEST_Q_SHOW, .text = "1"}},
	};
	attest_ledger *l;
	char err[1024];
	if (attest_ledger_open(&l, argv[1], ATTEST_LEDGER_READONLY, err) != ATTEST_OK) {
		fprintf(stderr, "bench_ledger: %s\n", err);
		return 1;
	}
	FILE *null = fopen("/dev/null", "w");
	double *t = malloc((size_t)runs * sizeof *t);
	int slow = 0;
	printf("query latency, %d runs each (median / worst, ms; target < %.0f ms)\n", runs, TARGET_MS);
	for (size_t i = 0; i < sizeof qs / sizeof *qs; i++) {
		size_t rows = 0;
		for (int r = 0; r < runs; r++) {
			double t0 = now();
			if (attest_ledger_query(l, &qs[i].q, ATTEST_OUT_JSON, 0, null, &rows) != ATTEST_OK) {
				fprintf(stderr, "bench_ledger: %s: %s\n", qs[i].name, attest_ledger_errmsg(l));
				return 1;
			}
			t[r] = now() - t0;
		}
		qsort(t, (size_t)runs, sizeof *t, cmp);
		int ok = t[runs / 2] < TARGET_MS;
		slow += !ok;
		printf("  %-34s %8.2f / %8.2f  %6zu rows  %s\n", qs[i].name, t[runs / 2], t[runs - 1], rows,
		       ok ? "ok" : "SLOW");
	}
	fclose(null);
	free(t);
	attest_ledger_close(l);
	free(measure), free(subject), free(source), free(speaker), free(actor);
	return slow ? 1 : 0;
}
