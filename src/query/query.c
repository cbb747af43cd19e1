/*
 * query.c: an attest_query -> one SQL statement -> rows for out.c.
 *
 * Each kind is a row of the kinds[] table: its columns (name, SQL
 * expression, width in tables), its FROM clause, which filters it takes and
 * its ordering.  Filters become bound parameters, never SQL text.  Only the
 * latest version of each document is seen (doc.current).  Every row carries
 * its evidence: the sentence cut from doc.text by byte offsets.
 *
 * Cross-source rules, in SQL over two functions registered here:
 *   - independent sources: claims count as different sources when their
 *     articles are in different near-duplicate groups (article.grp) or they
 *     name different sources, so a syndicated copy is never a second source;
 *   - agree(): two estimates agree when their value intervals meet, an
 *     approximate value ("roughly 12,000") standing for +-10%; open bounds
 *     ("over 10,000") are open; the inclusiveness of a bound is ignored;
 *   - conflicts: estimates of one series (measure + canonical subject) by
 *     different sources that do not agree and whose periods meet (a claim's
 *     own time, else its publication day +-7 days; the overlap at least
 *     half the longer period; an undated claim meets only the claims of
 *     its own document); across documents only for a subject that says
 *     whose ("Russian troops", not bare "troops"); a denial against a later
 *     confirmation or acknowledgement by anyone, and a non-denial after a
 *     denial, when on the same topic: in one article, or sharing a content
 *     word of what they are about (the topic table, store/topic.c).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "query/query.h"
#include "store/store.h"

/* Tolerance of an approximate estimate, as a fraction of it. */
#define APPROX_TOL 0.10
/* Days around its publication that an undated claim speaks for. */
#define UNDATED_DAYS 7
#define MAX_PARAMS 16

/* A stored number as an integer when it is one (12000, not 12000.0). */
#define NUM(x) "iif(" x " = CAST(" x " AS INTEGER), CAST(" x " AS INTEGER), " x ")"

#define EVIDENCE(t) "CAST(substr(d.text, " t ".ev_start + 1, " t ".ev_end - " t ".ev_start) AS TEXT)"
#define CLAIM_FROM " FROM claim c JOIN article a ON a.id = c.article JOIN doc d ON d.id = a.doc AND d.current = 1"
/* The words that name a source, speaker or actor; a pronoun ("It says",
 * "he said") shows whom it stands for. */
#define WHO_TEXT(text, names, none)                                                                           \
	"CASE WHEN lower(" text ") IN ('it', 'they', 'he', 'she', 'we', 'i', 'this', 'that') AND " names            \
	" IS NOT NULL THEN " names " ELSE coalesce(" text ", '" none "') END"
#define SOURCE_KEY(c, a) "(" a ".grp || '|' || coalesce(" c ".source_names, " c ".source, ''))"
#define SUPPORT                                                                                                    \
	"CASE WHEN c.subject_canonical IS NULL THEN 1 ELSE (SELECT count(DISTINCT " SOURCE_KEY("c2", "a2") ") "     \
	"FROM claim c2 JOIN article a2 ON a2.id = c2.article JOIN doc d2 ON d2.id = a2.doc AND d2.current = 1 "     \
	"WHERE c2.measure = c.measure AND c2.subject_canonical = c.subject_canonical COLLATE NOCASE "               \
	"AND agree(c.low, c.high, c.approx, c2.low, c2.high, c2.approx)) END"

static const col claim_cols[] = {
	{"id", "c.id", 5},
	{"doc", "d.id", 0},
	{"article", "a.idx", 0},
	{"where", "d.id || '#' || a.idx", 6},
	{"date", "coalesce(c.time_lo, a.published)", 10},
	{"measure", "c.measure", 9},
	{"subject", "coalesce(c.subject_canonical, c.subject)", 20},
	{"subject_text", "c.subject", 0},
	{"value", "c.value_text", 18},
	{"low", NUM("c.low"), 0},
	{"high", NUM("c.high"), 0},
	{"approx", "c.approx", 0},
	{"source", WHO_TEXT("c.source", "c.source_names", "(article)"), 22},
	{"source_names", "c.source_names", 0},
	{"time_start", "c.time_lo", 0},
	{"time_end", "c.time_hi", 0},
	{"hedges", "c.hedges", 10},
	{"sources", SUPPORT, 7},
	{"group", "a.grp", 0},
	{"path", "d.path", 0},
	{"span_start", "c.start", 0},
	{"span_end", "c.end", 0},
	{"evidence", EVIDENCE("c"), COL_WIDE},
};

static const col quote_cols[] = {
	{"id", "q.id", 5},
	{"doc", "d.id", 0},
	{"article", "a.idx", 0},
	{"where", "d.id || '#' || a.idx", 6},
	{"date", "a.published", 10},
	{"speaker", WHO_TEXT("q.speaker", "q.speaker_names", "-"), 24},
	{"speaker_names", "q.speaker_names", 0},
	{"partial", "q.partial", 0},
	{"quote", "CAST(substr(d.text, q.start + 1, q.end - q.start) AS TEXT)", 0},
	{"path", "d.path", 0},
	{"span_start", "q.start", 0},
	{"span_end", "q.end", 0},
	{"evidence", EVIDENCE("q"), COL_WIDE},
};

static const col stance_cols[] = {
	{"id", "s.id", 5},
	{"doc", "d.id", 0},
	{"article", "a.idx", 0},
	{"where", "d.id || '#' || a.idx", 6},
	{"date", "a.published", 10},
	{"stance", "s.stance", 11},
	{"actor", WHO_TEXT("s.actor", "s.actor_names", "-"), 24},
	{"actor_names", "s.actor_names", 0},
	{"about", "s.about", 28},
	{"path", "d.path", 0},
	{"span_start", "s.start", 0},
	{"span_end", "s.end", 0},
	{"evidence", EVIDENCE("s"), COL_WIDE},
};

static const col search_cols[] = {
	{"article_id", "a.id", 0},
	{"doc", "d.id", 0},
	{"article", "a.idx", 0},
	{"where", "d.id || '#' || a.idx", 6},
	{"date", "a.published", 10},
	{"title", "coalesce(a.title, '(untitled)')", 36},
	{"path", "d.path", 0},
	{"snippet", "snippet(article_fts, 1, ?2, ?3, '\xe2\x80\xa6', 20)", COL_WIDE},
};

static const col series_cols[] = {
	{"measure", "c.measure", 10},
	{"subject", "c.subject_canonical", 28},
	{"claims", "count(*)", 6},
	{"sources", "count(DISTINCT " SOURCE_KEY("c", "a") ")", 7},
	{"min", NUM("min(c.low)"), 10},
	{"max", NUM("max(coalesce(c.high, c.low))"), 10},
	{"first", "min(c.day_lo)", 10},
	{"last", "max(c.day_hi)", COL_WIDE},
};

static const col doc_cols[] = {
	{"doc", "d.id", 5},
	{"version", "d.version", 7},
	{"current", "d.current", 7},
	{"size", "d.size", 9},
	{"ingested", "d.ingested", 0},
	{"hash", "d.hash", 0},
	{"articles", "(SELECT count(*) FROM article a WHERE a.doc = d.id)", 8},
	{"copy_of", "(SELECT group_concat(g.doc || '#' || g.idx, ' ') FROM article a JOIN article g ON g.id = a.grp "
		    "WHERE a.doc = d.id AND a.grp != a.id)", 10},
	{"path", "coalesce(d.path, '<stdin>')", COL_WIDE},
};

/* Conflicts: two sides, A and B, each with its date, who, what, where and
 * evidence. */
static const col conflict_cols[] = {
	{"kind", "kind", 10},
	{"date_a", "date_a", 10},
	{"who_a", "who_a", 18},
	{"what_a", "what_a", 24},
	{"date_b", "date_b", 10},
	{"who_b", "who_b", 18},
	{"what_b", "what_b", 24},
	{"where_a", "where_a", 0},
	{"where_b", "where_b", 0},
	{"evidence_a", "evidence_a", 0},
	{"evidence_b", "evidence_b", 0},
	{"evidence", "'A: ' || evidence_a || '  B: ' || evidence_b", COL_WIDE},
};

#define SIDE_CLAIM(n, x)                                                                                           \
	"coalesce(c" n ".time_lo, a" n ".published) AS date_" x ", " WHO_TEXT("c" n ".source", "c" n ".source_names", "(article)") " AS who_" x   \
	", c" n ".measure || ' ' || c" n ".value_text || coalesce(' (' || nullif(c" n ".hedges, '') || ')', '') "   \
	"AS what_" x ", d" n ".id || '#' || a" n ".idx AS where_" x ", CAST(substr(d" n ".text, c" n ".ev_start + 1, " \
	"c" n ".ev_end - c" n ".ev_start) AS TEXT) AS evidence_" x
#define SIDE_STANCE(n)                                                                                             \
	"a" n ".published, coalesce(s" n ".actor_names, s" n ".actor, '-'), "                                      \
	"s" n ".stance || coalesce(': ' || s" n ".about, ''), d" n ".id || '#' || a" n ".idx, "                     \
	"CAST(substr(d" n ".text, s" n ".ev_start + 1, s" n ".ev_end - s" n ".ev_start) AS TEXT)"
#define JOIN_SIDE(t, n)                                                                                            \
	" JOIN article a" n " ON a" n ".id = " t n ".article JOIN doc d" n " ON d" n ".id = a" n ".doc AND d" n      \
	".current = 1"
#define WHO(n) "coalesce(c" n ".source_names, c" n ".source, 'article:' || a" n ".grp)"

/* A denial (i1) and a confirmation, acknowledgement or non-denial (i2) on
 * the same topic and not earlier: later in the same article, or in another
 * article dated the same day or later that shares a topic word. */
#define LATER_KINDS "('confirm', 'acknowledge', 'nondenial')"
#define STANCE_PAIRS                                                                                               \
	"SELECT s1.id AS i1, s2.id AS i2 FROM stance s1 JOIN stance s2 ON s2.article = s1.article "               \
	"AND s2.start >= s1.start AND s2.id != s1.id WHERE s1.stance = 'deny' AND s2.stance IN " LATER_KINDS      \
	" UNION SELECT s1.id, s2.id FROM stance s1 JOIN topic t1 ON t1.stance = s1.id "                          \
	"JOIN topic t2 ON t2.word = t1.word AND t2.stance != s1.id JOIN stance s2 ON s2.id = t2.stance "          \
	"WHERE s1.stance = 'deny' AND s2.stance IN " LATER_KINDS " AND s2.article != s1.article "                \
	"AND s2.day_lo >= s1.day_lo"

/* The three kinds of conflict as one table x, its columns named as in
 * conflict_cols. */
static const char conflict_from[] =
	" FROM (SELECT 'estimates' AS kind, " SIDE_CLAIM("1", "a") ", " SIDE_CLAIM("2", "b") ", c1.day_lo AS o1, "
	"c1.id AS o2 FROM claim c1" JOIN_SIDE("c", "1") " JOIN claim c2 ON c2.measure = c1.measure "
	"AND c2.subject_canonical = c1.subject_canonical COLLATE NOCASE AND c2.id > c1.id" JOIN_SIDE("c", "2")
	" WHERE c1.measure != 'other' AND " WHO("1") " != " WHO("2") " "
	"AND NOT agree(c1.low, c1.high, c1.approx, c2.low, c2.high, c2.approx) "
	"AND periods_meet(c1.time_lo, c1.time_hi, c1.day_lo, d1.id, c2.time_lo, c2.time_hi, c2.day_lo, d2.id) "
	"AND (instr(c1.subject_canonical, ' ') > 0 OR d1.id = d2.id) "
	"UNION ALL SELECT CASE s2.stance WHEN 'nondenial' THEN 'nondenial' ELSE 'denial' END, " SIDE_STANCE("1")
	", " SIDE_STANCE("2") ", s1.day_lo, s1.id FROM (" STANCE_PAIRS ") AS p JOIN stance s1 ON s1.id = p.i1"
	JOIN_SIDE("s", "1") " JOIN stance s2 ON s2.id = p.i2" JOIN_SIDE("s", "2") ") AS x";

static const col article_cols[] = {
	{"id", "a.id", 0},
	{"doc", "a.doc", 0},
	{"article", "a.idx", 0},
	{"title", "a.title", 0},
	{"published", "a.published", 0},
	{"publisher", "a.publisher", 0},
	{"author", "a.author", 0},
	{"span_start", "a.start", 0},
	{"span_end", "a.end", 0},
	{"group", "a.grp", 0},
};

typedef struct kind_def {
	const col *cols;
	size_t ncols;
	const char *from;     /* FROM ... (and WHERE 1 so filters can follow) */
	const char *rec;      /* the record alias for filters: "c", "q", "s"; NULL: no filters */
	const char *party_kind;
	const char *group_by; /* NULL: none */
	const char *order;
} kind_def;

#define COLS(a) a, sizeof a / sizeof *a

static const kind_def kinds[ATTEST_Q_KINDS] = {
	[ATTEST_Q_CLAIMS] = {COLS(claim_cols), CLAIM_FROM " WHERE 1", "c", "claim", NULL,
			     "c.day_lo IS NULL, c.day_lo, c.measure, c.id"},
	[ATTEST_Q_QUOTES] = {COLS(quote_cols),
			     " FROM quote q JOIN article a ON a.id = q.article JOIN doc d ON d.id = a.doc AND d.current = 1"
			     " WHERE 1",
			     "q", "quote", NULL, "q.day_lo IS NULL, q.day_lo, q.id"},
	[ATTEST_Q_STANCES] = {COLS(stance_cols),
			      " FROM stance s JOIN article a ON a.id = s.article JOIN doc d ON d.id = a.doc AND "
			      "d.current = 1 WHERE 1",
			      "s", "stance", NULL, "s.day_lo IS NULL, s.day_lo, s.id"},
	[ATTEST_Q_SEARCH] = {COLS(search_cols),
			     " FROM article_fts JOIN article a ON a.id = article_fts.rowid JOIN doc d ON d.id = a.doc "
			     "AND d.current = 1 WHERE article_fts MATCH ?1",
			     NULL, NULL, NULL, "article_fts.rank"},
	[ATTEST_Q_TIMELINE] = {COLS(claim_cols), CLAIM_FROM " WHERE 1", "c", "claim", NULL,
			       "c.day_lo IS NULL, c.day_lo, c.article, c.start"},
	[ATTEST_Q_SERIES] = {COLS(series_cols), CLAIM_FROM " WHERE c.subject_canonical IS NOT NULL", "c", "claim",
			     "c.measure, c.subject_canonical COLLATE NOCASE", "count(*) DESC, c.measure"},
	[ATTEST_Q_CONFLICTS] = {COLS(conflict_cols), conflict_from, NULL, NULL, NULL, "kind DESC, o1, o2"},
	[ATTEST_Q_DOCS] = {COLS(doc_cols), " FROM doc d WHERE 1", NULL, NULL, NULL, "d.id"},
};

static const kind_def article_def = {COLS(article_cols),
				     " FROM article a JOIN doc d ON d.id = a.doc AND d.current = 1", NULL, NULL, NULL,
				     "a.id"};

/* ---- SQL functions ---------------------------------------------------- */

static void interval(sqlite3_value **v, double *lo, double *hi)
{
	*lo = sqlite3_value_type(v[0]) == SQLITE_NULL ? -INFINITY : sqlite3_value_double(v[0]);
	*hi = sqlite3_value_type(v[1]) == SQLITE_NULL ? INFINITY : sqlite3_value_double(v[1]);
	if (sqlite3_value_int(v[2])) {
		*lo -= fabs(*lo) * APPROX_TOL;
		*hi += fabs(*hi) * APPROX_TOL;
	}
}

/* agree(low1, high1, approx1, low2, high2, approx2): the intervals meet. */
static void fn_agree(sqlite3_context *cx, int argc, sqlite3_value **v)
{
	(void)argc;
	double l1, h1, l2, h2;
	interval(v, &l1, &h1);
	interval(v + 3, &l2, &h2);
	sqlite3_result_int(cx, l1 <= h2 && l2 <= h1);
}

static int32_t days_of(sqlite3_value *v, int32_t none)
{
	const char *s = (const char *)sqlite3_value_text(v);
	int y, m, d;
	if (!s || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return none;
	return date_to_days(y, m, d);
}

/* The period a claim speaks for; 0 when it has none (undated). */
static int period(sqlite3_value **v, int32_t *lo, int32_t *hi)
{
	if (sqlite3_value_type(v[0]) != SQLITE_NULL || sqlite3_value_type(v[1]) != SQLITE_NULL) {
		*lo = days_of(v[0], INT32_MIN);
		*hi = days_of(v[1], INT32_MAX);
		return 1;
	}
	int32_t d = days_of(v[2], INT32_MIN);
	if (d == INT32_MIN)
		return 0;
	*lo = d - UNDATED_DAYS;
	*hi = d + UNDATED_DAYS;
	return 1;
}

/* periods_meet(time_lo1, time_hi1, day1, doc1, time_lo2, time_hi2, day2,
 * doc2): an undated claim meets only claims of its own document. */
static void fn_periods_meet(sqlite3_context *cx, int argc, sqlite3_value **v)
{
	(void)argc;
	int32_t l1, h1, l2, h2;
	if (!period(v, &l1, &h1) || !period(v + 4, &l2, &h2)) {
		sqlite3_result_int(cx, sqlite3_value_int64(v[3]) == sqlite3_value_int64(v[7]));
		return;
	}
	/* Counts of one series cover about the same period: the overlap is at
	 * least half the longer one ("over the past week" does not meet "since
	 * October"; two reports a few days apart do). */
	int64_t lo = l1 > l2 ? l1 : l2, hi = h1 < h2 ? h1 : h2, ov = hi - lo + 1;
	int open = l1 == INT32_MIN || l2 == INT32_MIN || h1 == INT32_MAX || h2 == INT32_MAX;
	int64_t n1 = (int64_t)h1 - l1 + 1, n2 = (int64_t)h2 - l2 + 1, longer = n1 > n2 ? n1 : n2;
	sqlite3_result_int(cx, ov > 0 && (open || 2 * ov >= longer));
}

int query_register(sqlite3 *db)
{
	int f = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
	if (sqlite3_create_function(db, "agree", 6, f, NULL, fn_agree, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "periods_meet", 8, f, NULL, fn_periods_meet, NULL, NULL) != SQLITE_OK)
		return -1;
	return 0;
}

/* ---- building and running --------------------------------------------- */

typedef struct qb {
	buf sql;
	const char *param[MAX_PARAMS];
	int np;
	char since[11], until[11];  /* bound parameters: must live until the query ends */
} qb;

/* A new numbered parameter holding V; its number. */
static int param(qb *b, const char *v)
{
	b->param[b->np] = v;
	return ++b->np;
}

static void select_cols(qb *b, const kind_def *k)
{
	buf_adds(&b->sql, "SELECT ");
	for (size_t i = 0; i < k->ncols; i++)
		buf_printf(&b->sql, "%s%s AS \"%s\"", i ? ", " : "", k->cols[i].expr, k->cols[i].name);
}

static int filters(qb *b, const kind_def *k, const attest_query *q, char *err, size_t cap)
{
	const char *r = k->rec;
	char lo[11], hi[11];
	if ((q->measure || q->subject || q->party || q->since || q->until || q->min_sources) && !r) {
		snprintf(err, cap, "this query takes no filters");
		return -1;
	}
	if (q->measure && strcmp(r, "c") == 0)
		buf_printf(&b->sql, " AND c.measure = ?%d", param(b, q->measure));
	if (q->subject && strcmp(r, "c") == 0) {
		int p = param(b, q->subject);
		buf_printf(&b->sql, " AND (c.subject_canonical = ?%d COLLATE NOCASE OR c.subject LIKE '%%' || ?%d || '%%')",
			   p, p);
	}
	if ((q->measure || q->subject) && strcmp(r, "c") != 0) {
		snprintf(err, cap, "--measure and --subject filter claims only");
		return -1;
	}
	if (q->party) {
		int p = param(b, q->party);
		const char *who = strcmp(r, "c") == 0 ? "source" : strcmp(r, "q") == 0 ? "speaker" : "actor";
		buf_printf(&b->sql, " AND (EXISTS (SELECT 1 FROM party p WHERE p.name = ?%d AND p.kind = '%s' AND "
				    "p.rec = %s.id) OR %s.%s LIKE '%%' || ?%d || '%%')",
			   p, k->party_kind, r, r, who, p);
	}
	if (q->since) {
		if (store_day_range(q->since, lo, hi) < 0) {
			snprintf(err, cap, "--since must be a date YYYY[-MM[-DD]], not '%.40s'", q->since);
			return -1;
		}
		memcpy(b->since, lo, sizeof b->since);
		buf_printf(&b->sql, " AND %s.day_hi >= ?%d", r, param(b, b->since));
	}
	if (q->until) {
		if (store_day_range(q->until, lo, hi) < 0) {
			snprintf(err, cap, "--until must be a date YYYY[-MM[-DD]], not '%.40s'", q->until);
			return -1;
		}
		memcpy(b->until, hi, sizeof b->until);
		buf_printf(&b->sql, " AND %s.day_lo <= ?%d", r, param(b, b->until));
	}
	if (q->min_sources && strcmp(r, "c") != 0) {
		snprintf(err, cap, "--min-sources filters claims only");
		return -1;
	}
	return 0;
}

/* Runs the built statement, a row to O a row; SEARCH: errors come from the
 * user's search syntax. */
static attest_status run_sql(sqlite3 *db, qb *b, outw *o, int search, char *err, size_t cap)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, b->sql.data, -1, &st, NULL) != SQLITE_OK) {
		snprintf(err, cap, "query failed: %s", sqlite3_errmsg(db));
		return ATTEST_ERR_FORMAT;
	}
	for (int i = 0; i < b->np; i++)
		sqlite3_bind_text(st, i + 1, b->param[i], -1, SQLITE_STATIC);
	int rc;
	attest_status res = ATTEST_OK;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (out_row(o, st) < 0) {
			snprintf(err, cap, "cannot write output");
			res = ATTEST_ERR_IO;
			break;
		}
	if (res == ATTEST_OK && rc != SQLITE_DONE) {
		snprintf(err, cap, "%s%s", search ? "bad search query: " : "query failed: ", sqlite3_errmsg(db));
		res = search ? ATTEST_ERR_USAGE : ATTEST_ERR_IO;
	}
	sqlite3_finalize(st);
	return res;
}

/* The export of one record type: every column, with a "type" first. */
static attest_status export_one(sqlite3 *db, const kind_def *k, const char *type, outw *o, char *err, size_t cap)
{
	qb b = {.np = 0};
	col cols[32] = {{"type", "", 0}};
	buf_init(&b.sql);
	buf_printf(&b.sql, "SELECT '%s' AS type", type);
	for (size_t i = 0; i < k->ncols && i < 31; i++) {
		buf_printf(&b.sql, ", %s AS \"%s\"", k->cols[i].expr, k->cols[i].name);
		cols[i + 1] = k->cols[i];
	}
	buf_printf(&b.sql, "%s ORDER BY %s", k->from, k->order);
	o->cols = cols;
	o->ncols = k->ncols + 1;
	if (o->fmt == ATTEST_OUT_CSV)
		o->rows = 0;
	attest_status st = run_sql(db, &b, o, 0, err, cap);
	o->cols = NULL;
	buf_free(&b.sql);
	return st;
}

static attest_status export_all(sqlite3 *db, const attest_query *q, outw *o, char *err, size_t cap)
{
	static const struct {
		const char *name, *type;
		const kind_def *k;
	} types[] = {{"docs", "doc", &kinds[ATTEST_Q_DOCS]},
		     {"articles", "article", &article_def},
		     {"claims", "claim", &kinds[ATTEST_Q_CLAIMS]},
		     {"quotes", "quote", &kinds[ATTEST_Q_QUOTES]},
		     {"stances", "stance", &kinds[ATTEST_Q_STANCES]}};
	int any = 0;
	if (!q->text && o->fmt == ATTEST_OUT_CSV) {
		snprintf(err, cap, "CSV export needs one record type: docs, articles, claims, quotes or stances");
		return ATTEST_ERR_USAGE;
	}
	for (size_t i = 0; i < sizeof types / sizeof *types; i++) {
		if (q->text && strcmp(q->text, types[i].name) != 0)
			continue;
		any = 1;
		attest_status st = export_one(db, types[i].k, types[i].type, o, err, cap);
		if (st != ATTEST_OK)
			return st;
	}
	if (!any) {
		snprintf(err, cap, "unknown record type '%.40s' (docs, articles, claims, quotes or stances)", q->text);
		return ATTEST_ERR_USAGE;
	}
	return ATTEST_OK;
}

attest_status query_run(sqlite3 *db, const attest_query *q, outw *o, char *err, size_t cap)
{
	if ((unsigned)q->kind >= ATTEST_Q_KINDS) {
		snprintf(err, cap, "unknown query");
		return ATTEST_ERR_USAGE;
	}
	if (q->kind == ATTEST_Q_SHOW)
		return show_run(db, q->text, o, err, cap);
	if (q->kind == ATTEST_Q_EXPORT)
		return export_all(db, q, o, err, cap);
	if (q->kind == ATTEST_Q_TIMELINE && !q->measure) {
		snprintf(err, cap, "a timeline needs --measure (and usually --subject)");
		return ATTEST_ERR_USAGE;
	}
	if (q->kind == ATTEST_Q_SEARCH && (!q->text || !q->text[0])) {
		snprintf(err, cap, "nothing to search for");
		return ATTEST_ERR_USAGE;
	}
	const kind_def *k = &kinds[q->kind];
	qb b = {.np = 0};
	buf_init(&b.sql);
	o->cols = k->cols;
	o->ncols = k->ncols;
	attest_status st = ATTEST_ERR_USAGE;
	if (q->kind == ATTEST_Q_CONFLICTS) {
		if (q->measure || q->subject || q->party || q->since || q->until || q->min_sources) {
			snprintf(err, cap, "conflicts take no filters");
			goto done;
		}
		select_cols(&b, k);
		buf_printf(&b.sql, "%s ORDER BY %s", k->from, k->order);
	} else {
		if (q->kind == ATTEST_Q_SEARCH) {
			param(&b, q->text);
			param(&b, o->fmt == ATTEST_OUT_TABLE ? "\xee\x80\x80" : "[");
			param(&b, o->fmt == ATTEST_OUT_TABLE ? "\xee\x80\x81" : "]");
		}
		select_cols(&b, k);
		buf_adds(&b.sql, k->from);
		if (filters(&b, k, q, err, cap) < 0)
			goto done;
		if (k->group_by)
			buf_printf(&b.sql, " GROUP BY %s", k->group_by);
		if (q->min_sources)
			buf_printf(&b.sql, " %s sources >= %u", k->group_by ? "HAVING" : "AND", q->min_sources);
		buf_printf(&b.sql, " ORDER BY %s", k->order);
	}
	if (q->limit)
		buf_printf(&b.sql, " LIMIT %u", q->limit);
	st = run_sql(db, &b, o, q->kind == ATTEST_Q_SEARCH, err, cap);
done:
	buf_free(&b.sql);
	return st;
}
