/*
 * migrate.c: the versioned schema.  schema.sql (embedded at build time as
 * store_schema_sql) is a list of migrations, each opened by a line
 * "-- version N: ...".  A database records the last one it ran in PRAGMA
 * user_version; opening runs the later ones, each in its own transaction
 * together with the new user_version, so an interrupted migration leaves the
 * previous version intact.  The file is marked as an attest ledger with
 * PRAGMA application_id.
 */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define APP_ID 0x41545354 /* "ATST" */

extern const char store_schema_sql[];

static const char MARK[] = "\n-- version ";

/* The next migration at or after *P: its version, body and body length; 0
 * when there is none. */
static int next_migration(const char **p, const char **body, size_t *len)
{
	const char *m = strstr(*p, MARK);
	if (!m)
		return 0;
	int v = atoi(m + sizeof MARK - 1);
	const char *end = strstr(m + 1, MARK);
	*body = m + 1;
	*len = end ? (size_t)(end - *body) : strlen(*body);
	*p = end ? end : *body + *len;
	return v;
}

int migrate_latest(void)
{
	const char *p = store_schema_sql, *body;
	size_t len;
	int v, last = 0;
	while ((v = next_migration(&p, &body, &len)))
		last = v;
	return last;
}

static int int_pragma(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int run_one(sqlite3 *db, int v, const char *body, size_t len, char *err, size_t cap)
{
	char *sql = malloc(len + 128);
	if (!sql) {
		snprintf(err, cap, "out of memory");
		return -1;
	}
	int n = snprintf(sql, len + 128, "BEGIN IMMEDIATE;\n%.*s\nPRAGMA user_version = %d;\n"
			 "PRAGMA application_id = %d;\nCOMMIT;", (int)len, body, v, APP_ID);
	char *msg = NULL;
	int rc = n > 0 ? sqlite3_exec(db, sql, NULL, NULL, &msg) : SQLITE_ERROR;
	free(sql);
	if (rc != SQLITE_OK) {
		snprintf(err, cap, "schema migration to version %d failed: %s", v, msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

int migrate(sqlite3 *db, char *err, size_t cap)
{
	int have = int_pragma(db, "PRAGMA user_version");
	int app = int_pragma(db, "PRAGMA application_id");
	int tables = int_pragma(db, "SELECT count(*) FROM sqlite_schema");
	if (have < 0 || app < 0 || tables < 0) {
		snprintf(err, cap, "not a database: %s", sqlite3_errmsg(db));
		return -1;
	}
	if (tables > 0 && app != APP_ID) {
		snprintf(err, cap, "an SQLite database, but not an attest ledger");
		return -1;
	}
	int latest = migrate_latest();
	if (have > latest) {
		snprintf(err, cap, "ledger schema version %d is newer than this attest knows (%d)", have, latest);
		return -1;
	}
	const char *p = store_schema_sql, *body;
	size_t len;
	int v;
	while ((v = next_migration(&p, &body, &len)))
		if (v > have && run_one(db, v, body, len, err, cap) < 0)
			return -1;
	return 0;
}

/* Days in month M (1 to 12, or 0 for a whole year's last month) of Y. */
static int month_days(int y, int m)
{
	return m == 2 ? ((y % 4 == 0 && y % 100) || y % 400 == 0 ? 29 : 28)
		      : (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31;
}

void store_day_bound(int y, int m, int d, int hi, char out[11])
{
	/* The text store_day_range would read: four digits of the year, two
	 * of the month and day. */
	unsigned uy = y > 0 ? (unsigned)y % 10000u : 0, um = m > 0 ? (unsigned)m % 100u : 0,
		 ud = m > 0 && d > 0 ? (unsigned)d % 100u : 0;
	out[0] = '\0';
	if (!uy || (m > 0 && (um < 1 || um > 12)) || (m > 0 && d > 0 && (ud < 1 || ud > 31)))
		return;
	unsigned last = (unsigned)month_days((int)uy, (int)um);
	unsigned mo = um ? um : hi ? 12u : 1u, da = ud ? ud : hi ? last : 1u;
	const unsigned v[8] = {uy / 1000, uy / 100 % 10, uy / 10 % 10, uy % 10, mo / 10, mo % 10, da / 10, da % 10};
	static const int at[8] = {0, 1, 2, 3, 5, 6, 8, 9};
	for (int k = 0; k < 8; k++)
		out[at[k]] = (char)('0' + v[k]);
	out[4] = out[7] = '-';
	out[10] = '\0';
}

int store_day_range(const char *s, char lo[11], char hi[11])
{
	int y = 0, m = 0, d = 0;
	size_t n = s ? strlen(s) : 0;
	lo[0] = hi[0] = '\0';
	if (!(n == 4 || n == 7 || n == 10) || sscanf(s, "%4d", &y) != 1 || y < 1)
		return -1;
	if (n >= 7 && (s[4] != '-' || sscanf(s + 5, "%2d", &m) != 1 || m < 1 || m > 12))
		return -1;
	if (n == 10 && (s[7] != '-' || sscanf(s + 8, "%2d", &d) != 1 || d < 1 || d > 31))
		return -1;
	store_day_bound(y, m, d, 0, lo);
	store_day_bound(y, m, d, 1, hi);
	return 0;
}
