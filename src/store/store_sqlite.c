/*
 * store_sqlite.c: writes a loaded document and all its records into the
 * ledger.  One prepared statement per table, kept for the life of the store.
 *
 * Atomicity: documents are committed in batches (store_set_batch, and at
 * least every BATCH_SECONDS) for speed, and a batch lands whole or not at
 * all: a crash or kill -9 loses at most the open batch, never a part of a
 * document, and a re-run stores what was lost (documents already present
 * are skipped by their content hash).  A document that fails part-way
 * rolls its batch back too (store_add says so and store_lost counts what
 * went): a savepoint per document, to lose it alone, cost the writer a
 * sixth of its time, for failures (a full disk, an I/O error, no memory)
 * that would fail the batch's commit as well.  WAL mode lets readers
 * query during an ingest; synchronous=NORMAL is durable against
 * application crashes.
 *
 * Full text: the article texts of a batch are queued and indexed just
 * before its commit, in one pass of FTS5's tokenizer; if that fails the
 * whole batch is rolled back (and reported), so the index never misses a
 * stored article.
 *
 * Near-duplicates: each article gets a MinHash signature; an article whose
 * signature matches an earlier article's in a band and is at least
 * MINHASH_SAME similar joins that article's group (article.grp), so that a
 * syndicated copy never counts as a second source.
 */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/sha256.h"
#include "pipeline.h"
#include "store/minhash.h"
#include "store/topic.h"

/* How long a writer waits for another writer's lock. */
#define BUSY_TIMEOUT_MS 10000
#define DEFAULT_BATCH 1000
/* Seconds after which an open batch commits whatever its size, so readers
 * see progress and a crash loses little. */
#define BATCH_SECONDS 1.0
/* Full text queued for a batch beyond which the batch commits early. */
#define FTS_QUEUE_MAX (16u << 20)

enum {
	S_FIND_HASH, S_MAX_VERSION, S_CURRENT, S_DOC, S_ARTICLE, S_SET_GRP, S_BAND_FIND, S_BAND_ADD, S_FTS,
	S_QUANT, S_TIME, S_ENTITY, S_CLAIM, S_QUOTE, S_STANCE, S_PARTY, S_TOPIC, S_COUNT
};

static const char *const sqls[S_COUNT] = {
	[S_FIND_HASH] = "SELECT id, path, current FROM doc WHERE hash = ?1",
	[S_MAX_VERSION] = "SELECT max(version) FROM doc WHERE path = ?1",
	[S_CURRENT] = "UPDATE doc SET current = (id = ?2) WHERE path = ?1 AND (current = 1 OR id = ?2)",
	[S_DOC] = "INSERT INTO doc (path, version, current, hash, size, ingested, text) "
		  "VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6)",
	[S_ARTICLE] = "INSERT INTO article (doc, idx, start, end, title, published, publisher, author, "
		      "day_lo, day_hi, grp, sig) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0, ?11)",
	[S_SET_GRP] = "UPDATE article SET grp = ?2 WHERE id = ?1",
	[S_BAND_FIND] = "SELECT a.id, a.grp, a.sig FROM band b JOIN article a ON a.id = b.article "
			"WHERE b.key = ?1 LIMIT 8", /* bounds the work per band */
	[S_BAND_ADD] = "INSERT OR IGNORE INTO band (key, article) VALUES (?1, ?2)",
	[S_FTS] = "INSERT INTO article_fts (rowid, title, body) VALUES (?1, ?2, ?3)",
	[S_QUANT] = "INSERT INTO quantity (article, start, end, ev_start, ev_end, kind, low, high, low_incl, "
		    "high_incl, approx) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[S_TIME] = "INSERT INTO time (article, start, end, ev_start, ev_end, day_lo, day_hi, open_end, inferred) "
		   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[S_ENTITY] = "INSERT INTO entity (article, start, end, ev_start, ev_end, canonical, kind) "
		     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[S_CLAIM] = "INSERT INTO claim (article, start, end, ev_start, ev_end, measure, subject, subject_canonical, "
		    "low, high, low_incl, high_incl, approx, value_start, value_end, value_text, source, "
		    "source_start, source_end, source_names, time_lo, time_hi, day_lo, day_hi, hedges) VALUES (?1, ?2, "
		    "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, "
		    "?24, ?25)",
	[S_QUOTE] = "INSERT INTO quote (article, start, end, ev_start, ev_end, partial, speaker, speaker_start, "
		    "speaker_end, speaker_names, day_lo, day_hi) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
	[S_STANCE] = "INSERT INTO stance (article, start, end, ev_start, ev_end, stance, actor, actor_start, "
		     "actor_end, actor_names, about, about_start, about_end, day_lo, day_hi) "
		     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
	[S_PARTY] = "INSERT OR IGNORE INTO party (kind, rec, name) VALUES (?1, ?2, ?3)",
	[S_TOPIC] = "INSERT OR IGNORE INTO topic (word, stance) VALUES (?1, ?2)",
};

/* The tables written most, several rows a document, are also written many
 * rows a statement, which saves a statement's step, reset and program
 * start on all but one row of each group: MANY[k] is the MANY_ROWS[k]-row
 * form of statement MANY_OF[k], made from its text at open (the writer
 * thread's instructions on the 2,225 BBC news files: 2,144M -> 2,041M;
 * the rows themselves cost the rest). */
enum { M_QUANT, M_TIME, M_ENTITY, M_BAND, M_COUNT };
#define ROWS 16
static const int many_of[M_COUNT] = {S_QUANT, S_TIME, S_ENTITY, S_BAND_ADD};
static const int many_rows[M_COUNT] = {ROWS, ROWS, ROWS, MINHASH_BANDS};

struct store {
	sqlite3 *db;
	sqlite3_stmt *st[S_COUNT];
	sqlite3_stmt *many[M_COUNT];
	int ncol[M_COUNT];  /* parameters a row */
	char err[STORE_ERR_MAX];
	int in_tx;
	unsigned batch, pending;
	size_t batch_new, batch_versions; /* of the open batch's documents */
	size_t lost_new, lost_versions;   /* store_lost */
	double batch_t0;
	int64_t *art_ids;   /* article index -> article.id, for the document being stored */
	char (*days)[2][11];  /* article index -> publication day range */
	size_t art_cap;
	buf fts;    /* full text waiting for the commit: per article, id, title and body (see queue_fts) */
	size_t nfts;
};

static int index_fts(store *s);

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- opening ---------------------------------------------------------- */

static int exec(store *s, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	snprintf(s->err, sizeof s->err, "%s", msg ? msg : sqlite3_errmsg(s->db));
	sqlite3_free(msg);
	return -1;
}

/* Prepares MANY[K]: the text of MANY_OF[K] ("INSERT ... VALUES (?1, ...,
 * ?N)") with MANY_ROWS[K] rows of values, row R's parameters R*N+1 to
 * R*N+N.  -1 on failure. */
static int prepare_many(store *s, int k)
{
	const char *one = sqls[many_of[k]], *values = strstr(one, "VALUES (");
	int ncol = 0;
	for (const char *p = values; p && *p; p++)
		ncol += *p == '?';
	char sql[8192];
	int n = values ? snprintf(sql, sizeof sql, "%.*sVALUES ", (int)(values - one), one) : -1;
	for (int r = 0; n > 0 && r < many_rows[k]; r++)
		for (int j = 0; n > 0 && j < ncol && (size_t)n < sizeof sql; j++)
			n += snprintf(sql + n, sizeof sql - (size_t)n, "%s?%d%s", j ? ", " : r ? ", (" : "(",
				      r * ncol + j + 1, j + 1 == ncol ? ")" : "");
	if (n <= 0 || (size_t)n >= sizeof sql || !ncol)
		return -1;
	s->ncol[k] = ncol;
	return sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->many[k], NULL) == SQLITE_OK ? 0 : -1;
}

attest_status store_open(store **out, const char *path, int readonly, char err[STORE_ERR_MAX])
{
	*out = NULL;
	err[0] = '\0';
	store *s = calloc(1, sizeof *s);
	if (!s) {
		snprintf(err, STORE_ERR_MAX, "%s: out of memory", path);
		return ATTEST_ERR_NOMEM;
	}
	s->batch = DEFAULT_BATCH;
	buf_init(&s->fts);
	/* One thread per handle (store.h), so no SQLite mutexes. */
	int flags = (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
	attest_status st = ATTEST_ERR_IO;
	if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
		snprintf(err, STORE_ERR_MAX, "%s: cannot open the ledger: %s", path,
			 s->db ? sqlite3_errmsg(s->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(s->db, 1);
	if (!readonly && exec(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
				 "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;") < 0) {
		snprintf(err, STORE_ERR_MAX, "%.300s: cannot open the ledger: %.600s", path, s->err);
		st = ATTEST_ERR_FORMAT;
		goto fail;
	}
	if (readonly) {
		int v = -1;
		sqlite3_stmt *q;
		if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &q, NULL) == SQLITE_OK &&
		    sqlite3_step(q) == SQLITE_ROW)
			v = sqlite3_column_int(q, 0);
		sqlite3_finalize(q);
		if (v != migrate_latest()) {
			snprintf(err, STORE_ERR_MAX, "%s: %s", path,
				 v < 0 ? sqlite3_errmsg(s->db) : v == 0 ? "not an attest ledger (run attest ingest first)"
					: "ledger schema version differs from this attest's");
			st = ATTEST_ERR_FORMAT;
			goto fail;
		}
	} else if (migrate(s->db, s->err, sizeof s->err) < 0) {
		snprintf(err, STORE_ERR_MAX, "%.300s: %.600s", path, s->err);
		st = ATTEST_ERR_FORMAT;
		goto fail;
	}
	for (int i = 0; i < S_COUNT; i++) /* also read-only: store_known runs on a reader */
		if (sqlite3_prepare_v3(s->db, sqls[i], -1, SQLITE_PREPARE_PERSISTENT, &s->st[i], NULL) != SQLITE_OK) {
			snprintf(err, STORE_ERR_MAX, "%s: %s", path, sqlite3_errmsg(s->db));
			st = ATTEST_ERR_FORMAT;
			goto fail;
		}
	for (int k = 0; !readonly && k < M_COUNT; k++)
		if (prepare_many(s, k) < 0) {
			snprintf(err, STORE_ERR_MAX, "%s: %s", path, sqlite3_errmsg(s->db));
			st = ATTEST_ERR_FORMAT;
			goto fail;
		}
	*out = s;
	return ATTEST_OK;
fail:
	store_close(s);
	return st;
}

void store_close(store *s)
{
	if (!s)
		return;
	if (s->in_tx)
		(void)store_flush(s);
	for (int i = 0; i < S_COUNT; i++)
		sqlite3_finalize(s->st[i]);
	for (int k = 0; k < M_COUNT; k++)
		sqlite3_finalize(s->many[k]);
	sqlite3_close(s->db);
	free(s->art_ids);
	free(s->days);
	buf_free(&s->fts);
	free(s);
}

const char *store_errmsg(const store *s) { return s->err; }
sqlite3 *store_db(store *s) { return s->db; }
void store_set_batch(store *s, unsigned n) { s->batch = n ? n : 1; }

void store_lost(const store *s, size_t *docs, size_t *versions)
{
	*docs = s->lost_new;
	*versions = s->lost_versions;
}

/* Ends the open batch: its full text indexed and committed (COMMIT 1), or
 * rolled back; what it held goes to the lost counts when it is lost. */
static int end_batch(store *s, int commit)
{
	s->in_tx = 0;
	s->pending = 0;
	int rc = commit && index_fts(s) == 0 && exec(s, "COMMIT") == 0 ? 0 : -1;
	buf_clear(&s->fts);
	s->nfts = 0;
	if (rc < 0) {
		char why[STORE_ERR_MAX];
		memcpy(why, s->err, sizeof why);
		(void)exec(s, "ROLLBACK");
		memcpy(s->err, why, sizeof why);
		s->lost_new = s->batch_new;
		s->lost_versions = s->batch_versions;
	}
	s->batch_new = s->batch_versions = 0;
	return rc;
}

attest_status store_flush(store *s)
{
	s->lost_new = s->lost_versions = 0;
	if (!s->in_tx)
		return ATTEST_OK;
	unsigned n = s->pending;
	if (end_batch(s, 1) < 0) {
		char why[STORE_ERR_MAX];
		memcpy(why, s->err, sizeof why);
		snprintf(s->err, sizeof s->err, "the last %u document%s rolled back: %.900s", n, n == 1 ? " was" : "s were",
			 why);
		return ATTEST_ERR_IO;
	}
	return ATTEST_OK;
}

/* ---- binding helpers -------------------------------------------------- */

static void bind_text(sqlite3_stmt *st, int i, const char *s, size_t n)
{
	if (s)
		sqlite3_bind_text(st, i, s, (int)n, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static void bind_str(sqlite3_stmt *st, int i, const char *s) { bind_text(st, i, s, s ? strlen(s) : 0); }

static void bind_day(sqlite3_stmt *st, int i, const char *d) { bind_str(st, i, d && d[0] ? d : NULL); }

/* Runs a bound insert and resets it; -1 on failure. */
static int step(store *s, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return 0;
	snprintf(s->err, sizeof s->err, "%s", sqlite3_errmsg(s->db));
	return -1;
}

/* ---- records ---------------------------------------------------------- */

typedef struct ctx {
	store *s;
	const attest_doc *d;
	const char *text;
	int64_t doc_id;
} ctx;

/* The sentence that holds byte AT: the evidence of a record. */
static span evidence(const ctx *c, span sp)
{
	const attest_sentence *S = c->d->sentences.items;
	size_t lo = 0, hi = c->d->sentences.len;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (S[mid].span.end <= sp.start)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < c->d->sentences.len && S[lo].span.start <= sp.start) {
		span e = {S[lo].span.start, S[lo].span.end};
		if (e.end < sp.end)
			e.end = sp.end;
		return e;
	}
	return sp;
}

/* Binds ?B+1 .. ?B+5: the article, the span and its evidence sentence. */
static void bind_where(const ctx *c, sqlite3_stmt *st, int b, uint32_t article, span sp)
{
	span e = evidence(c, sp);
	sqlite3_bind_int64(st, b + 1, article < c->d->articles.len ? c->s->art_ids[article] : 0);
	sqlite3_bind_int64(st, b + 2, sp.start);
	sqlite3_bind_int64(st, b + 3, sp.end);
	sqlite3_bind_int64(st, b + 4, e.start);
	sqlite3_bind_int64(st, b + 5, e.end);
}

static void bind_interval(sqlite3_stmt *st, int i, const qrec *q)
{
	if (q->has_low)
		sqlite3_bind_double(st, i, q->low);
	if (q->has_high)
		sqlite3_bind_double(st, i + 1, q->high);
	if (q->has_low)
		sqlite3_bind_int(st, i + 2, q->low_incl);
	if (q->has_high)
		sqlite3_bind_int(st, i + 3, q->high_incl);
	sqlite3_bind_int(st, i + 4, q->approx);
}

/* Binds a party's text, span and canonical names at ?I .. ?I+3. */
static void bind_party(const ctx *c, sqlite3_stmt *st, int i, const party *p)
{
	if (!p->present)
		return;
	bind_text(st, i, c->text + p->sp.start, span_len(p->sp));
	sqlite3_bind_int64(st, i + 1, p->sp.start);
	sqlite3_bind_int64(st, i + 2, p->sp.end);
	char names[512];
	size_t n = 0;
	names[0] = '\0';
	for (unsigned k = 0; k < p->ncanonical && k < PARTY_MAX_NAMES; k++)
		if (p->canonical[k] && n < sizeof names)
			n += (size_t)snprintf(names + n, sizeof names - n, "%s%s", n ? ", " : "", p->canonical[k]);
	bind_day(st, i + 3, names);
}

/* Stores the canonical names of party P of record REC of table KIND. */
static int add_party(const ctx *c, const char *kind, int64_t rec, const party *p)
{
	if (!p->present)
		return 0;
	sqlite3_stmt *st = c->s->st[S_PARTY];
	for (unsigned i = 0; i < p->ncanonical && i < PARTY_MAX_NAMES; i++) {
		if (!p->canonical[i])
			continue;
		bind_str(st, 1, kind);
		sqlite3_bind_int64(st, 2, rec);
		bind_str(st, 3, p->canonical[i]);
		if (step(c->s, st) < 0)
			return -1;
	}
	if (p->ncanonical == 0) { /* no canonical name: the words as written */
		bind_str(st, 1, kind);
		sqlite3_bind_int64(st, 2, rec);
		bind_text(st, 3, c->text + p->sp.start, span_len(p->sp));
		return step(c->s, st);
	}
	return 0;
}

/* The day range of article K (its publication date), or empty strings. */
static const char *day(const ctx *c, uint32_t k, int hi)
{
	return k < c->d->articles.len ? c->s->days[k][hi] : "";
}

static void pdate_day(pdate d, int hi, char out[11]) { store_day_bound(d.y, d.m, d.d, hi, out); }

/* Binds record I of a table at ?B+1 ..: one row of its insert. */
typedef void bind_row_fn(const ctx *c, sqlite3_stmt *st, int b, size_t i);

/* Inserts N rows of table M, bound by BIND: MANY_ROWS[M] a statement, the
 * rest one by one. */
static int put_rows(const ctx *c, int m, size_t n, bind_row_fn *bind)
{
	store *s = c->s;
	size_t i = 0, rows = (size_t)many_rows[m];
	for (; i + rows <= n; i += rows) {
		for (size_t r = 0; r < rows; r++)
			bind(c, s->many[m], (int)r * s->ncol[m], i + r);
		if (step(s, s->many[m]) < 0)
			return -1;
	}
	for (; i < n; i++) {
		bind(c, s->st[many_of[m]], 0, i);
		if (step(s, s->st[many_of[m]]) < 0)
			return -1;
	}
	return 0;
}

static void bind_quantity(const ctx *c, sqlite3_stmt *st, int b, size_t i)
{
	const qrec *q = &VEC_AT(&c->d->quantities, qrec, i);
	bind_where(c, st, b, q->article, q->sp);
	bind_str(st, b + 6, q->kind < QK_COUNT_KINDS ? qkind_names[q->kind] : "count");
	bind_interval(st, b + 7, q);
}

static void bind_time(const ctx *c, sqlite3_stmt *st, int b, size_t i)
{
	const trec *t = &VEC_AT(&c->d->times, trec, i);
	bind_where(c, st, b, t->article, t->sp);
	if (t->valid) {
		char lo[11], hi[11];
		pdate_day(t->start, 0, lo);
		pdate_day(t->end, 1, hi);
		if (t->open_end != 2)
			bind_day(st, b + 6, lo);
		if (t->open_end != 1)
			bind_day(st, b + 7, hi);
	}
	sqlite3_bind_int(st, b + 8, t->open_end);
	sqlite3_bind_int(st, b + 9, t->inferred);
}

static void bind_entity(const ctx *c, sqlite3_stmt *st, int b, size_t i)
{
	const erec *e = &VEC_AT(&c->d->entities, erec, i);
	bind_where(c, st, b, e->article, e->sp);
	bind_str(st, b + 6, e->canonical);
	bind_str(st, b + 7, e->kind < EK_KINDS ? ekind_names[e->kind] : "unknown");
}

static int put_claims(const ctx *c)
{
	sqlite3_stmt *st = c->s->st[S_CLAIM];
	const crec *C = c->d->claims.items;
	for (size_t i = 0; i < c->d->claims.len; i++) {
		const crec *r = &C[i];
		bind_where(c, st, 0, r->article, r->sp);
		bind_str(st, 6, r->measure < MS_KINDS ? measure_names[r->measure] : "other");
		if (span_len(r->subject))
			bind_text(st, 7, c->text + r->subject.start, span_len(r->subject));
		bind_str(st, 8, r->subject_canonical);
		bind_interval(st, 9, &r->value);
		sqlite3_bind_int64(st, 14, r->value.sp.start);
		sqlite3_bind_int64(st, 15, r->value.sp.end);
		bind_text(st, 16, c->text + r->value.sp.start, span_len(r->value.sp));
		bind_party(c, st, 17, &r->source);
		char lo[11] = "", hi[11] = "";
		if (r->has_time) {
			pdate_day(r->tstart, 0, lo);
			pdate_day(r->tend, 1, hi);
			bind_day(st, 21, lo);
			bind_day(st, 22, hi);
		}
		bind_day(st, 23, lo[0] ? lo : day(c, r->article, 0));
		bind_day(st, 24, hi[0] ? hi : day(c, r->article, 1));
		char hedges[256] = "";
		for (unsigned h = 0, n = 0; h < r->nhedges && h < CLAIM_MAX_HEDGES; h++)
			if (r->hedges[h])
				n += (unsigned)snprintf(hedges + n, n < sizeof hedges ? sizeof hedges - n : 0, "%s%s",
							n ? "," : "", r->hedges[h]);
		bind_day(st, 25, hedges);
		if (step(c->s, st) < 0 || add_party(c, "claim", sqlite3_last_insert_rowid(c->s->db), &r->source) < 0)
			return -1;
	}
	return 0;
}

static int put_quotes(const ctx *c)
{
	sqlite3_stmt *st = c->s->st[S_QUOTE];
	const quoterec *Q = c->d->quotes.items;
	for (size_t i = 0; i < c->d->quotes.len; i++) {
		bind_where(c, st, 0, Q[i].article, Q[i].sp);
		sqlite3_bind_int(st, 6, Q[i].partial);
		bind_party(c, st, 7, &Q[i].speaker);
		bind_day(st, 11, day(c, Q[i].article, 0));
		bind_day(st, 12, day(c, Q[i].article, 1));
		if (step(c->s, st) < 0 || add_party(c, "quote", sqlite3_last_insert_rowid(c->s->db), &Q[i].speaker) < 0)
			return -1;
	}
	return 0;
}

static int add_topic(const ctx *c, int64_t stance, span about)
{
	char w[TOPIC_WORDS][TOPIC_WORD_MAX];
	size_t n = topic_words(c->text + about.start, span_len(about), w);
	sqlite3_stmt *st = c->s->st[S_TOPIC];
	for (size_t i = 0; i < n; i++) {
		bind_str(st, 1, w[i]);
		sqlite3_bind_int64(st, 2, stance);
		if (step(c->s, st) < 0)
			return -1;
	}
	return 0;
}

static int put_stances(const ctx *c)
{
	sqlite3_stmt *st = c->s->st[S_STANCE];
	const strec *S = c->d->stances.items;
	for (size_t i = 0; i < c->d->stances.len; i++) {
		bind_where(c, st, 0, S[i].article, S[i].sp);
		bind_str(st, 6, S[i].stance < ST_KINDS ? stance_names[S[i].stance] : "unknown");
		bind_party(c, st, 7, &S[i].actor);
		if (span_len(S[i].about)) {
			bind_text(st, 11, c->text + S[i].about.start, span_len(S[i].about));
			sqlite3_bind_int64(st, 12, S[i].about.start);
			sqlite3_bind_int64(st, 13, S[i].about.end);
		}
		bind_day(st, 14, day(c, S[i].article, 0));
		bind_day(st, 15, day(c, S[i].article, 1));
		if (step(c->s, st) < 0)
			return -1;
		int64_t id = sqlite3_last_insert_rowid(c->s->db);
		if (add_party(c, "stance", id, &S[i].actor) < 0 || add_topic(c, id, S[i].about) < 0)
			return -1;
	}
	return 0;
}

/* ---- articles and near-duplicates ------------------------------------- */

/* Queues article ID's title and body for the full-text index: an int64 id,
 * then the title and the body, each as a size_t length and its bytes
 * (title length SIZE_MAX for no title). */
static int queue_fts(store *s, int64_t id, const char *title, const char *body, size_t blen)
{
	size_t tlen = title ? strlen(title) : SIZE_MAX;
	if (buf_add(&s->fts, &id, sizeof id) < 0 || buf_add(&s->fts, &tlen, sizeof tlen) < 0 ||
	    (title && buf_add(&s->fts, title, tlen) < 0) || buf_add(&s->fts, &blen, sizeof blen) < 0 ||
	    buf_add(&s->fts, body, blen) < 0) {
		snprintf(s->err, sizeof s->err, "out of memory");
		return -1;
	}
	s->nfts++;
	return 0;
}

/* Indexes the queued full text. */
static int index_fts(store *s)
{
	sqlite3_stmt *st = s->st[S_FTS];
	const char *p = s->fts.data;
	for (size_t i = 0; i < s->nfts; i++) {
		int64_t id;
		size_t tlen, blen;
		memcpy(&id, p, sizeof id);
		memcpy(&tlen, p += sizeof id, sizeof tlen);
		p += sizeof tlen;
		sqlite3_bind_int64(st, 1, id);
		if (tlen != SIZE_MAX)
			bind_text(st, 2, p, tlen);
		p += tlen == SIZE_MAX ? 0 : tlen;
		memcpy(&blen, p, sizeof blen);
		bind_text(st, 3, p += sizeof blen, blen);
		p += blen;
		if (step(s, st) < 0)
			return -1;
	}
	return 0;
}

/* The group of the article just stored as ID with signature SIG: an earlier
 * article's when one is a near-duplicate, else its own id. */
static int64_t find_group(store *s, int64_t id, const uint32_t *sig, int64_t keys[MINHASH_BANDS])
{
	sqlite3_stmt *st = s->st[S_BAND_FIND];
	int64_t grp = id;
	for (unsigned b = 0; b < MINHASH_BANDS; b++)
		keys[b] = minhash_band(sig, b);
	for (unsigned b = 0; b < MINHASH_BANDS && grp == id; b++) {
		sqlite3_bind_int64(st, 1, keys[b]);
		while (sqlite3_step(st) == SQLITE_ROW) {
			const void *other = sqlite3_column_blob(st, 2);
			if (sqlite3_column_int64(st, 0) != id && other &&
			    sqlite3_column_bytes(st, 2) == (int)(MINHASH_K * sizeof *sig) &&
			    minhash_similarity(sig, other) >= MINHASH_SAME) {
				grp = sqlite3_column_int64(st, 1);
				break;
			}
		}
		sqlite3_reset(st);
	}
	return grp;
}

/* The signature of article K of D, over its text. */
static void article_sig(const attest_doc *d, size_t k, minhash_rec *m)
{
	const attest_article *a = &VEC_AT(&d->articles, attest_article, k);
	size_t blen = a->span.end > a->span.start ? a->span.end - a->span.start : 0;
	m->nsh = (uint32_t)minhash_sig(d->raw.data + a->span.start, blen, m->sig);
}

static int put_article(const ctx *c, size_t k)
{
	store *s = c->s;
	const attest_article *a = &VEC_AT(&c->d->articles, attest_article, k);
	const char *body = c->text + a->span.start;
	size_t blen = a->span.end > a->span.start ? a->span.end - a->span.start : 0;
	minhash_rec own;
	const minhash_rec *m = &own;
	if (c->d->sigs.len == c->d->articles.len)
		m = &VEC_AT(&c->d->sigs, minhash_rec, k);
	else
		article_sig(c->d, k, &own);
	const uint32_t *sig = m->sig;
	size_t nsh = m->nsh;
	char *dl = s->days[k][0], *dh = s->days[k][1];
	if (store_day_range(a->published, dl, dh) < 0)
		dl[0] = dh[0] = '\0';
	sqlite3_stmt *st = s->st[S_ARTICLE];
	sqlite3_bind_int64(st, 1, c->doc_id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)k);
	sqlite3_bind_int64(st, 3, a->span.start);
	sqlite3_bind_int64(st, 4, a->span.end);
	bind_str(st, 5, a->title);
	bind_str(st, 6, a->published);
	bind_str(st, 7, a->publisher);
	bind_str(st, 8, a->author);
	bind_day(st, 9, dl);
	bind_day(st, 10, dh);
	if (nsh)
		sqlite3_bind_blob(st, 11, sig, MINHASH_K * sizeof *sig, SQLITE_TRANSIENT);
	if (step(s, st) < 0)
		return -1;
	int64_t id = sqlite3_last_insert_rowid(s->db);
	s->art_ids[k] = id;
	int64_t keys[MINHASH_BANDS], grp = nsh ? find_group(s, id, sig, keys) : id;
	sqlite3_bind_int64(s->st[S_SET_GRP], 1, id);
	sqlite3_bind_int64(s->st[S_SET_GRP], 2, grp);
	if (step(s, s->st[S_SET_GRP]) < 0)
		return -1;
	if (nsh) { /* the MINHASH_BANDS rows in one statement */
		sqlite3_stmt *band = s->many[M_BAND];
		for (unsigned b = 0; b < MINHASH_BANDS; b++) {
			sqlite3_bind_int64(band, (int)b * 2 + 1, keys[b]);
			sqlite3_bind_int64(band, (int)b * 2 + 2, id);
		}
		if (step(s, band) < 0)
			return -1;
	}
	return queue_fts(s, id, a->title, body, blen);
}

/* ---- documents -------------------------------------------------------- */

static int grow_articles(store *s, size_t n)
{
	if (n <= s->art_cap)
		return 0;
	int64_t *ids = realloc(s->art_ids, n * sizeof *ids);
	if (ids)
		s->art_ids = ids;
	char(*days)[2][11] = ids ? realloc(s->days, n * sizeof *days) : NULL;
	if (!days)
		return -1;
	s->days = days;
	s->art_cap = n;
	return 0;
}

/* Looks the hash up; 1 when present (*ID set, and that version made current
 * again when it is an older version of PATH). */
static int known(store *s, const char *hash, const char *path, int64_t *id)
{
	sqlite3_stmt *st = s->st[S_FIND_HASH];
	bind_str(st, 1, hash);
	int found = sqlite3_step(st) == SQLITE_ROW;
	int same_path = 0;
	if (found) {
		*id = sqlite3_column_int64(st, 0);
		const unsigned char *p = sqlite3_column_text(st, 1);
		same_path = p && path && strcmp((const char *)p, path) == 0;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (same_path) {
		bind_str(s->st[S_CURRENT], 1, path);
		sqlite3_bind_int64(s->st[S_CURRENT], 2, *id);
		if (step(s, s->st[S_CURRENT]) < 0)
			return -1;
	}
	return found;
}

static int put_doc(store *s, const attest_doc *d, const char *path, const char *hash, store_result *res,
		   int64_t *id)
{
	int version = 1;
	if (path) {
		sqlite3_stmt *st = s->st[S_MAX_VERSION];
		bind_str(st, 1, path);
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
			version = sqlite3_column_int(st, 0) + 1;
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
	*res = version > 1 ? STORE_VERSION : STORE_NEW;
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
	sqlite3_stmt *st = s->st[S_DOC];
	bind_str(st, 1, path);
	sqlite3_bind_int(st, 2, version);
	bind_str(st, 3, hash);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)d->raw.len);
	bind_str(st, 5, now);
	sqlite3_bind_blob(st, 6, d->raw.len ? d->raw.data : "", (int)d->raw.len, SQLITE_STATIC);
	if (step(s, st) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	if (path) {
		bind_str(s->st[S_CURRENT], 1, path);
		sqlite3_bind_int64(s->st[S_CURRENT], 2, *id);
		if (step(s, s->st[S_CURRENT]) < 0)
			return -1;
	}
	ctx c = {s, d, d->raw.data, *id};
	if (grow_articles(s, d->articles.len) < 0) {
		snprintf(s->err, sizeof s->err, "out of memory");
		return -1;
	}
	for (size_t k = 0; k < d->articles.len; k++)
		if (put_article(&c, k) < 0)
			return -1;
	if (put_rows(&c, M_QUANT, d->quantities.len, bind_quantity) < 0 ||
	    put_rows(&c, M_TIME, d->times.len, bind_time) < 0 ||
	    put_rows(&c, M_ENTITY, d->entities.len, bind_entity) < 0 || put_claims(&c) < 0 || put_quotes(&c) < 0 ||
	    put_stances(&c) < 0)
		return -1;
	return 0;
}

int store_known(store *s, const void *data, size_t len, const char *path, int64_t *id, char hash[SHA256_HEX])
{
	if (sha256_hex(data, len, hash) < 0) {
		snprintf(s->err, sizeof s->err, "out of memory");
		return -1;
	}
	sqlite3_stmt *st = s->st[S_FIND_HASH];
	bind_str(st, 1, hash);
	int rc = sqlite3_step(st), found = 0;
	if (rc == SQLITE_ROW) {
		const unsigned char *p = sqlite3_column_text(st, 1);
		*id = sqlite3_column_int64(st, 0);
		/* An older version of PATH coming back is not skipped: store_add makes it current. */
		found = !(p && path && strcmp((const char *)p, path) == 0 && !sqlite3_column_int(st, 2));
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		snprintf(s->err, sizeof s->err, "%s", sqlite3_errmsg(s->db));
		return -1;
	}
	return found;
}

void store_hash_doc(attest_doc *d, const void *data, size_t len, const char hash[SHA256_HEX])
{
	if (hash && len == d->raw.len && memcmp(data, d->raw.data, len) == 0)
		memcpy(d->hash, hash, SHA256_HEX);
	else
		(void)sha256_hex(d->raw.data, d->raw.len, d->hash); /* empty if it fails: store_add tries again */
	if (d->sigs.size != sizeof(minhash_rec)) {
		vec_free(&d->sigs);
		vec_init(&d->sigs, sizeof(minhash_rec));
	}
	d->sigs.len = 0;
	for (size_t k = 0; k < d->articles.len; k++) {
		minhash_rec *m = vec_push(&d->sigs);
		if (!m) {
			d->sigs.len = 0; /* store_add computes them */
			return;
		}
		article_sig(d, k, m);
	}
}

attest_status store_add(store *s, const attest_doc *d, const char *path, store_result *res, int64_t *id)
{
	s->err[0] = '\0';
	s->lost_new = s->lost_versions = 0;
	*id = 0;
	*res = STORE_SKIPPED;
	if (d->raw.len > INT32_MAX) {
		snprintf(s->err, sizeof s->err, "document too large for the ledger");
		return ATTEST_ERR_TOO_LARGE;
	}
	char hash[SHA256_HEX];
	if (d->hash[0]) {
		memcpy(hash, d->hash, sizeof hash);
	} else if (sha256_hex(d->raw.data, d->raw.len, hash) < 0) {
		snprintf(s->err, sizeof s->err, "out of memory");
		return ATTEST_ERR_NOMEM;
	}
	if (!s->in_tx) {
		if (exec(s, "BEGIN IMMEDIATE") < 0)
			return ATTEST_ERR_IO;
		s->in_tx = 1;
		s->batch_t0 = seconds();
	}
	int k = known(s, hash, path, id);
	if (k < 0 || (k == 0 && put_doc(s, d, path, hash, res, id) < 0)) {
		/* Part of the document may be in: the batch goes with it. */
		unsigned n = s->pending;
		(void)end_batch(s, 0);
		*id = 0;
		*res = STORE_SKIPPED;
		if (n) {
			size_t len = strlen(s->err);
			snprintf(s->err + len, sizeof s->err - len, " (the %u document%s stored before it since the last commit %s rolled back with it)",
				 n, n == 1 ? "" : "s", n == 1 ? "was" : "were");
		}
		return ATTEST_ERR_IO;
	}
	s->batch_new += *res == STORE_NEW;
	s->batch_versions += *res == STORE_VERSION;
	if (++s->pending >= s->batch || s->fts.len >= FTS_QUEUE_MAX || seconds() - s->batch_t0 >= BATCH_SECONDS) {
		attest_status st = store_flush(s);
		/* This document's failure is its caller's to count. */
		if (st != ATTEST_OK && *res == STORE_NEW && s->lost_new)
			s->lost_new--;
		else if (st != ATTEST_OK && *res == STORE_VERSION && s->lost_versions)
			s->lost_versions--;
		return st;
	}
	return ATTEST_OK;
}
