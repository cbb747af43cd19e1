/*
 * show.c: `attest show DOC[#ARTICLE]`, a document read back from the ledger
 * with its records marked in the text: a claim's value, a quote's words, a
 * stance's actor.  In a table (for people) the article text comes first,
 * each mark in colour (ATTEST_OUT_COLOR) or in [brackets], followed by its
 * reference (C12, Q3, S7); then the list of the records, which is also all
 * that JSON and CSV get.  Marks that start inside an earlier mark are not
 * drawn in the text (they are still listed).
 */
#include <stdlib.h>
#include <string.h>

#include "query/query.h"

static const col legend_cols[] = {
	{"ref", "ref", 6},
	{"kind", "kind", 7},
	{"article", "article", 7},
	{"start", "start", 0},
	{"end", "end", 0},
	{"what", "what", 48},
	{"evidence", "evidence", COL_WIDE},
};

#define FROM_ART(t) " JOIN article a ON a.id = " t ".article JOIN doc d ON d.id = a.doc WHERE a.doc = ?1 AND (?2 < 0 OR a.idx = ?2)"
#define EV(t) "CAST(substr(d.text, " t ".ev_start + 1, " t ".ev_end - " t ".ev_start) AS TEXT)"

static const char legend_sql[] =
	"SELECT 'C' || c.id AS ref, 'claim' AS kind, a.idx AS article, c.value_start AS start, c.value_end AS end, "
	"c.measure || ' ' || c.value_text || coalesce(' ' || c.subject_canonical, '') || ' - ' || "
	"coalesce(c.source, '(article)') || coalesce(' (' || nullif(c.hedges, '') || ')', '') AS what, " EV("c")
	" AS evidence FROM claim c" FROM_ART("c") " UNION ALL "
	"SELECT 'Q' || q.id, 'quote', a.idx, q.start, q.end, coalesce(q.speaker, '-') || ': ' || "
	"CAST(substr(d.text, q.start + 1, q.end - q.start) AS TEXT), " EV("q") " FROM quote q" FROM_ART("q")
	" UNION ALL SELECT 'S' || s.id, 'stance', a.idx, coalesce(s.actor_start, s.start), coalesce(s.actor_end, s.end), "
	"s.stance || ' - ' || coalesce(s.actor, '-') || coalesce(': ' || s.about, ''), " EV("s") " FROM stance s"
	FROM_ART("s") " ORDER BY start, ref";

typedef struct mark {
	uint32_t start, end;
	char ref[24];
	char kind;
} mark;

static int parse_target(const char *t, long long *doc, long long *art)
{
	char *end;
	if (!t || !*t)
		return -1;
	*doc = strtoll(t, &end, 10);
	*art = -1;
	if (*doc <= 0)
		return -1;
	if (*end == '#') {
		*art = strtoll(end + 1, &end, 10);
		if (*art < 0)
			return -1;
	}
	return *end ? -1 : 0;
}

static sqlite3_stmt *legend(sqlite3 *db, long long doc, long long art)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, legend_sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_int64(st, 1, doc);
	sqlite3_bind_int64(st, 2, art);
	return st;
}

static const char *colour(char kind)
{
	return kind == 'C' ? "\x1b[1;33m" : kind == 'Q' ? "\x1b[1;32m" : "\x1b[1;35m";
}

/* Prints text[from, to) with the marks inside it. */
static void print_marked(buf *b, const char *text, uint32_t from, uint32_t to, const mark *m, size_t n, int color)
{
	uint32_t at = from;
	for (size_t i = 0; i < n; i++) {
		if (m[i].start < at || m[i].end > to || m[i].start >= m[i].end)
			continue;
		buf_add(b, text + at, m[i].start - at);
		buf_adds(b, color ? colour(m[i].kind) : "[");
		buf_add(b, text + m[i].start, m[i].end - m[i].start);
		buf_printf(b, "%s%s%s", color ? "\x1b[0m\x1b[2m" : "]", m[i].ref, color ? "\x1b[0m" : "");
		at = m[i].end;
	}
	buf_add(b, text + at, to - at);
	buf_addc(b, '\n');
}

static attest_status print_text(sqlite3 *db, long long doc, long long art, outw *o, char *err, size_t cap)
{
	sqlite3_stmt *st = legend(db, doc, art);
	mark *m = NULL;
	size_t n = 0, mcap = 0;
	attest_status res = ATTEST_OK;
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		if (n == mcap) {
			mcap = mcap ? mcap * 2 : 64;
			mark *g = realloc(m, mcap * sizeof *m);
			if (!g) {
				res = ATTEST_ERR_NOMEM;
				break;
			}
			m = g;
		}
		m[n].start = (uint32_t)sqlite3_column_int64(st, 3);
		m[n].end = (uint32_t)sqlite3_column_int64(st, 4);
		snprintf(m[n].ref, sizeof m[n].ref, "%s", (const char *)sqlite3_column_text(st, 0));
		m[n].kind = m[n].ref[0];
		n++;
	}
	sqlite3_finalize(st);
	sqlite3_stmt *t = NULL;
	if (res == ATTEST_OK &&
	    sqlite3_prepare_v2(db, "SELECT a.idx, a.start, a.end, a.title, a.published, d.text, coalesce(d.path, '<stdin>') "
				   "FROM article a JOIN doc d ON d.id = a.doc WHERE a.doc = ?1 AND (?2 < 0 OR a.idx = ?2) "
				   "ORDER BY a.idx", -1, &t, NULL) != SQLITE_OK)
		res = ATTEST_ERR_IO;
	sqlite3_bind_int64(t, 1, doc);
	sqlite3_bind_int64(t, 2, art);
	buf b;
	buf_init(&b);
	while (res == ATTEST_OK && sqlite3_step(t) == SQLITE_ROW) {
		const char *text = sqlite3_column_blob(t, 5);
		uint32_t len = (uint32_t)sqlite3_column_bytes(t, 5);
		uint32_t s = (uint32_t)sqlite3_column_int64(t, 1), e = (uint32_t)sqlite3_column_int64(t, 2);
		if (e > len || s > e)
			continue;
		const char *title = (const char *)sqlite3_column_text(t, 3);
		const char *date = (const char *)sqlite3_column_text(t, 4);
		const char *path = (const char *)sqlite3_column_text(t, 6);
		buf_clear(&b);
		buf_printf(&b, "%s== %lld#%d %s%s%s (%s)%s\n", o->flags & ATTEST_OUT_COLOR ? "\x1b[1m" : "", doc,
			   sqlite3_column_int(t, 0), title ? title : "(untitled)", date ? ", " : "", date ? date : "",
			   path, o->flags & ATTEST_OUT_COLOR ? "\x1b[0m" : "");
		print_marked(&b, text, s, e, m, n, o->flags & ATTEST_OUT_COLOR);
		buf_addc(&b, '\n');
		if (fwrite(b.data, 1, b.len, o->f) != b.len)
			res = ATTEST_ERR_IO;
	}
	buf_free(&b);
	sqlite3_finalize(t);
	free(m);
	if (res != ATTEST_OK)
		snprintf(err, cap, res == ATTEST_ERR_NOMEM ? "out of memory" : "cannot show the document");
	return res;
}

attest_status show_run(sqlite3 *db, const char *target, outw *o, char *err, size_t cap)
{
	long long doc, art;
	if (parse_target(target, &doc, &art) < 0) {
		snprintf(err, cap, "show needs DOC or DOC#ARTICLE (numbers, as in the where column), not '%.40s'",
			 target ? target : "");
		return ATTEST_ERR_USAGE;
	}
	sqlite3_stmt *st = NULL;
	int found = 0;
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM article WHERE doc = ?1 AND (?2 < 0 OR idx = ?2)", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_int64(st, 1, doc);
		sqlite3_bind_int64(st, 2, art);
		found = sqlite3_step(st) == SQLITE_ROW;
	}
	sqlite3_finalize(st);
	if (!found) {
		snprintf(err, cap, "no document %.40s in the ledger", target);
		return ATTEST_ERR_USAGE;
	}
	if (o->fmt == ATTEST_OUT_TABLE) {
		attest_status r = print_text(db, doc, art, o, err, cap);
		if (r != ATTEST_OK)
			return r;
	}
	st = legend(db, doc, art);
	if (!st) {
		snprintf(err, cap, "query failed: %s", sqlite3_errmsg(db));
		return ATTEST_ERR_IO;
	}
	o->cols = legend_cols;
	o->ncols = sizeof legend_cols / sizeof *legend_cols;
	attest_status res = ATTEST_OK;
	while (sqlite3_step(st) == SQLITE_ROW)
		if (out_row(o, st) < 0) {
			snprintf(err, cap, "cannot write output");
			res = ATTEST_ERR_IO;
			break;
		}
	sqlite3_finalize(st);
	return res;
}
