/*
 * The ledger: storing documents (idempotence, versions, evidence spans) and
 * every query with its filters, on documents whose claims, quotes and
 * stances are filled by hand (our own sentences), so the tests do not
 * depend on the extraction rules.  Answers are read back as JSON Lines.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/sha256.h"
#include "pipeline.h"
#include "store/minhash.h"
#include "store/store.h"
#include "store/topic.h"
#include "text/text.h"

static const char TEXT_A[] =
	"Officials in Varna said 500 soldiers were deployed to the border. "
	"Observers counted about 520 troops near the river. "
	"The Ostrian ministry denied sending any troops to the border. "
	"A rival agency claimed that only 100 soldiers went.\n";

static const char TEXT_B[] =
	"Weeks later the Ostrian ministry acknowledged sending troops to the border, officials said. "
	"Varna now says 40 soldiers were killed. "
	"\"We lost many good people,\" said General Mara Holt.\n";

/* The sentence of DOC that holds the words W. */
static span sentence_of(const attest_doc *d, const char *w)
{
	const char *p = strstr(d->raw.data, w);
	cr_assert(p, "no '%s' in the text", w);
	uint32_t at = (uint32_t)(p - d->raw.data);
	for (size_t i = 0; i < d->sentences.len; i++) {
		const attest_sentence *s = &VEC_AT(&d->sentences, attest_sentence, i);
		if (s->span.start <= at && at < s->span.end)
			return span_make(s->span.start, s->span.end);
	}
	cr_assert_fail("no sentence holds '%s'", w);
	return span_make(0, 0);
}

static span words(const attest_doc *d, const char *w)
{
	const char *p = strstr(d->raw.data, w);
	cr_assert(p);
	uint32_t at = (uint32_t)(p - d->raw.data);
	return span_make(at, at + (uint32_t)strlen(w));
}

static party who(const attest_doc *d, const char *w, const char *name)
{
	party p = {.present = 1, .ncanonical = 1};
	p.sp = words(d, w);
	p.canonical[0] = name;
	return p;
}

static void add_claim(attest_doc *d, int ms, const char *value, double lo, double hi, int approx,
		      const char *src_words, const char *src)
{
	crec *c = vec_push(&d->claims);
	cr_assert(c);
	c->sp = sentence_of(d, value);
	c->measure = (uint8_t)ms;
	c->subject = words(d, "soldiers");
	c->subject_canonical = "Ostrian troops";
	c->value.sp = words(d, value);
	c->value.low = lo;
	c->value.high = hi;
	c->value.has_low = lo >= 0;
	c->value.has_high = hi >= 0;
	c->value.low_incl = c->value.high_incl = 1;
	c->value.approx = (uint8_t)approx;
	if (src)
		c->source = who(d, src_words, src);
}

static void add_stance(attest_doc *d, int kind, const char *sentence, const char *actor, const char *about)
{
	strec *s = vec_push(&d->stances);
	cr_assert(s);
	s->sp = sentence_of(d, sentence);
	s->stance = (uint8_t)kind;
	s->actor = who(d, actor, "Ostria");
	s->about = words(d, about);
}

/* Loads TEXT, dated DATE, with its records replaced by the hand-made ones. */
static void load(attest_doc *d, const char *text, const char *date)
{
	cr_assert_eq(attest_doc_load_buffer(d, "test", text, strlen(text), ATTEST_FORMAT_TEXT), ATTEST_OK);
	cr_assert_geq(d->articles.len, 1);
	VEC_AT(&d->articles, attest_article, 0).published = date;
	d->claims.len = d->quotes.len = d->stances.len = d->entities.len = 0;
	if (text == TEXT_A) {
		add_claim(d, MS_DEPLOYED, "500", 500, 500, 0, "Officials in Varna", "Varna");
		add_claim(d, MS_DEPLOYED, "about 520", 520, 520, 1, "Observers", "Observers");
		add_claim(d, MS_DEPLOYED, "only 100", 100, 100, 0, "A rival agency", "Rival agency");
		add_stance(d, ST_DENY, "denied", "The Ostrian ministry", "sending any troops to the border");
	} else if (text == TEXT_B) {
		add_claim(d, MS_KILLED, "40", 40, 40, 0, "Varna now", "Varna");
		add_stance(d, ST_ACKNOWLEDGE, "acknowledged", "the Ostrian ministry", "sending troops to the border");
		quoterec *q = vec_push(&d->quotes);
		cr_assert(q);
		q->sp = words(d, "We lost many good people,");
		q->speaker = who(d, "General Mara Holt", "Mara Holt");
	}
}

typedef struct fixture {
	char path[64];
	attest_ledger *l;
	attest_doc *d;
} fixture;

static fixture fx;

static void setup(void)
{
	snprintf(fx.path, sizeof fx.path, "/tmp/attest-test-%d.db", (int)getpid());
	unlink(fx.path);
	char err[1024];
	cr_assert_eq(attest_ledger_open(&fx.l, fx.path, 0, err), ATTEST_OK, "%s", err);
	fx.d = attest_doc_new();
	cr_assert(fx.d);
}

static void teardown(void)
{
	attest_ledger_close(fx.l);
	attest_doc_free(fx.d);
	char p[80];
	unlink(fx.path);
	snprintf(p, sizeof p, "%s-wal", fx.path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", fx.path);
	unlink(p);
}

static attest_added add(const char *text, const char *date, const char *path)
{
	load(fx.d, text, date);
	attest_added how;
	int64_t id;
	cr_assert_eq(attest_ledger_add(fx.l, fx.d, path, &how, &id), ATTEST_OK, "%s", attest_ledger_errmsg(fx.l));
	return how;
}

/* Runs a query; returns its JSON Lines (malloc'd) and sets *ROWS. */
static char *ask(attest_query q, size_t *rows)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	cr_assert(f);
	cr_assert_eq(attest_ledger_flush(fx.l), ATTEST_OK);
	attest_status st = attest_ledger_query(fx.l, &q, ATTEST_OUT_JSON, 0, f, rows);
	fclose(f);
	cr_assert_eq(st, ATTEST_OK, "%s", attest_ledger_errmsg(fx.l));
	return s;
}

static size_t count(attest_query q)
{
	size_t rows;
	free(ask(q, &rows));
	return rows;
}

static void two_docs(void)
{
	cr_assert_eq(add(TEXT_A, "2026-03-01", "/news/a.txt"), ATTEST_ADDED_NEW);
	cr_assert_eq(add(TEXT_B, "2026-04-10", "/news/b.txt"), ATTEST_ADDED_NEW);
}

TestSuite(ledger, .init = setup, .fini = teardown);

Test(ledger, same_bytes_are_skipped_new_bytes_are_a_version)
{
	two_docs();
	cr_expect_eq(add(TEXT_A, "2026-03-01", "/news/a.txt"), ATTEST_ADDED_SKIPPED);
	cr_expect_eq(add(TEXT_A, "2026-03-01", "/elsewhere/a-copy.txt"), ATTEST_ADDED_SKIPPED);
	cr_expect_eq(count((attest_query){.kind = ATTEST_Q_DOCS}), 2);
	cr_expect_eq(count((attest_query){.kind = ATTEST_Q_CLAIMS}), 4);
	/* New bytes at a.txt: version 2, and only its records are seen. */
	cr_expect_eq(add(TEXT_B, "2026-04-11", "/news/a.txt"), ATTEST_ADDED_SKIPPED, "B's bytes are known");
	static const char changed[] = "Officials in Varna said 500 soldiers were deployed to the border. "
				      "Observers counted about 520 troops near the river. "
				      "The Ostrian ministry denied sending any troops to the border. "
				      "A rival agency claimed that only 100 soldiers went. It rained.\n";
	load(fx.d, changed, "2026-03-02");
	attest_added how;
	int64_t id;
	cr_assert_eq(attest_ledger_add(fx.l, fx.d, "/news/a.txt", &how, &id), ATTEST_OK);
	cr_expect_eq(how, ATTEST_ADDED_VERSION);
	size_t rows;
	char *s = ask((attest_query){.kind = ATTEST_Q_DOCS}, &rows);
	cr_expect_eq(rows, 3);
	cr_expect(strstr(s, "\"version\":2,\"current\":1"), "%s", s);
	cr_expect(strstr(s, "\"version\":1,\"current\":0"), "%s", s);
	free(s);
	/* The changed copy's claims were not filled by hand: only B's remain... */
	cr_expect_eq(count((attest_query){.kind = ATTEST_Q_CLAIMS, .measure = "deployed"}), 0);
	/* ...until the old bytes come back, which makes version 1 current again. */
	cr_expect_eq(add(TEXT_A, "2026-03-01", "/news/a.txt"), ATTEST_ADDED_SKIPPED);
	cr_expect_eq(count((attest_query){.kind = ATTEST_Q_CLAIMS, .measure = "deployed"}), 3);
}

/* The SHA-256 and signatures store_hash_doc computes on a loader thread (or
 * takes over from store_known when the text is the file's bytes)
 * are the ones store_add computes itself: the same bytes hashed either
 * way are skipped, and a near copy stored one way groups with the
 * original stored the other way. */
Test(ledger, work_done_ahead_of_the_store_is_the_same)
{
	static const char a[] = "The river rose two metres overnight and the old bridge at Kell was closed to "
				"traffic while engineers inspected its piers for damage from the flood waters.\n";
	static const char b[] = "The river rose two metres overnight and the old bridge at Kell was closed to "
				"traffic while engineers inspected its piers for damage from the flood water.\n";
	attest_added how;
	int64_t id;
	cr_assert_eq(attest_doc_load_buffer(fx.d, "a", a, strlen(a), ATTEST_FORMAT_TEXT), ATTEST_OK);
	store_hash_doc(fx.d, NULL, 0, NULL);
	cr_assert_eq(fx.d->sigs.len, fx.d->articles.len);
	cr_assert_eq(attest_ledger_add(fx.l, fx.d, "/news/a.txt", &how, &id), ATTEST_OK);
	cr_assert_eq(how, ATTEST_ADDED_NEW);
	cr_assert_eq(attest_doc_load_buffer(fx.d, "b", b, strlen(b), ATTEST_FORMAT_TEXT), ATTEST_OK);
	cr_assert_eq(fx.d->hash[0], '\0', "a load clears what was computed ahead");
	cr_assert_eq(fx.d->sigs.len, 0);
	cr_assert_eq(attest_ledger_add(fx.l, fx.d, "/news/b.txt", &how, &id), ATTEST_OK);
	cr_assert_eq(how, ATTEST_ADDED_NEW);
	cr_assert_eq(attest_doc_load_buffer(fx.d, "a", a, strlen(a), ATTEST_FORMAT_TEXT), ATTEST_OK);
	cr_assert_eq(attest_ledger_add(fx.l, fx.d, "/news/a.txt", &how, &id), ATTEST_OK);
	cr_expect_eq(how, ATTEST_ADDED_SKIPPED, "the same bytes, hashed by store_add this time");
	/* From a file: the hash of its bytes, taken over when the text is
	 * those bytes, is the one a second look finds. */
	char file[64];
	snprintf(file, sizeof file, "/tmp/attest-test-%d.txt", (int)getpid());
	FILE *f = fopen(file, "w");
	cr_assert(f);
	fputs("Officials in Varna said 500 soldiers were deployed to the border.\n", f);
	fclose(f);
	cr_assert_eq(attest_ledger_add_file(fx.l, fx.d, file, file, ATTEST_FORMAT_TEXT, &how, &id), ATTEST_OK);
	cr_assert_eq(how, ATTEST_ADDED_NEW);
	int known = 0;
	cr_assert_eq(attest_ledger_load_file(fx.l, fx.d, file, file, ATTEST_FORMAT_TEXT, &known), ATTEST_OK);
	unlink(file);
	cr_expect_eq(known, 1, "the stored hash is the file's");
	cr_assert_eq(attest_ledger_flush(fx.l), ATTEST_OK);
	sqlite3 *db;
	sqlite3_stmt *st;
	cr_assert_eq(sqlite3_open(fx.path, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(db, "SELECT count(*), count(DISTINCT grp) FROM article WHERE doc <= 2", -1, &st, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	cr_expect_eq(sqlite3_column_int(st, 0), 2);
	cr_expect_eq(sqlite3_column_int(st, 1), 1, "the near copy joins the original's group");
	sqlite3_finalize(st);
	sqlite3_close(db);
}

Test(ledger, every_answer_carries_its_evidence_sentence)
{
	two_docs();
	size_t rows;
	char *s = ask((attest_query){.kind = ATTEST_Q_CLAIMS, .measure = "killed"}, &rows);
	cr_expect_eq(rows, 1);
	cr_expect(strstr(s, "\"evidence\":\"Varna now says 40 soldiers were killed.\""), "%s", s);
	cr_expect(strstr(s, "\"value\":\"40\""), "%s", s);
	cr_expect(strstr(s, "\"source\":\"Varna now\""), "%s", s);
	cr_expect(strstr(s, "\"date\":\"2026-04-10\""), "%s", s);
	free(s);
	s = ask((attest_query){.kind = ATTEST_Q_QUOTES, .party = "Mara Holt"}, &rows);
	cr_expect_eq(rows, 1);
	cr_expect(strstr(s, "\"quote\":\"We lost many good people,\""), "%s", s);
	free(s);
}

Test(ledger, claim_filters)
{
	two_docs();
	cr_expect_eq(count((attest_query){.kind = ATTEST_Q_CLAIMS}), 4);
	cr_expect_eq(count((attest_query){.kind = ATTEST_Q_CLAIMS, .measure = "deployed"}), 3);
	cr_expect_eq(count((attest_query){.kind = ATTEST_Q_CLAIMS, .measure = "wounded"}), 0);
	cr_expect_eq(count((attest_query){.kind = ATTEST_Q_CLAIMS, .subject = "ostrian TROOPS"}), 4);
	cr_expect_eq(count((attest_query){.kind = ATTEST_Q_CLAIMS, .subject = "nobody"}), 0);
	cr_expect_eq(count((attest_query){.kind = ATTEST_Q_CLAIMS, .party = "Varna"}), 2);
	cr_expect_eq(count((attest_query){.kind = ATTEST_Q_CLAIMS, .party = "rival"}), 1, "words as written");
	cr_expect_eq(count((attest_query){.kind = ATTEST_Q_CLAIMS, .since = "2026-04"}), 1);
	cr_expect_eq(count((attest_query){.kind = ATTEST_Q_CLAIMS, .until = "2026-03-31"}), 3);
	cr_expect_eq(count((attest_query){.kind = ATTEST_Q_CLAIMS, .since = "2026", .until = "2026-03"}), 3);
	cr_expect_eq(count((attest_query){.kind = ATTEST_Q_CLAIMS, .limit = 2}), 2);
	/* 500 and about 520 agree (two sources); 100 stands alone. */
	cr_expect_eq(count((attest_query){.kind = ATTEST_Q_CLAIMS, .min_sources = 2}), 2);
	cr_expect_eq(count((attest_query){.kind = ATTEST_Q_CLAIMS, .min_sources = 3}), 0);
	cr_expect_eq(count((attest_query){.kind = ATTEST_Q_STANCES, .party = "Ostria"}), 2);
	cr_expect_eq(count((attest_query){.kind = ATTEST_Q_STANCES, .party = "Varna"}), 0);
	cr_expect_eq(count((attest_query){.kind = ATTEST_Q_QUOTES, .party = "Holt"}), 1);
	cr_expect_eq(count((attest_query){.kind = ATTEST_Q_QUOTES, .until = "2026-03-05"}), 0);
}

Test(ledger, bad_filters_are_usage_errors)
{
	two_docs();
	attest_query bad[] = {
		{.kind = ATTEST_Q_CLAIMS, .since = "March"},
		{.kind = ATTEST_Q_CLAIMS, .until = "2026-13"},
		{.kind = ATTEST_Q_QUOTES, .measure = "killed"},
		{.kind = ATTEST_Q_SEARCH, .text = "\"unbalanced"},
		{.kind = ATTEST_Q_SEARCH, .text = ""},
		{.kind = ATTEST_Q_TIMELINE},
		{.kind = ATTEST_Q_SHOW, .text = "x#1"},
		{.kind = ATTEST_Q_SHOW, .text = "99"},
		{.kind = ATTEST_Q_EXPORT, .text = "bogus"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		FILE *f = fopen("/dev/null", "w");
		cr_expect_eq(attest_ledger_query(fx.l, &bad[i], ATTEST_OUT_JSON, 0, f, NULL), ATTEST_ERR_USAGE,
			     "query %zu", i);
		cr_expect_neq(attest_ledger_errmsg(fx.l)[0], '\0');
		fclose(f);
	}
}

Test(ledger, timeline_series_and_conflicts)
{
	two_docs();
	size_t rows;
	char *s = ask((attest_query){.kind = ATTEST_Q_TIMELINE, .measure = "deployed", .subject = "Ostrian troops"},
		      &rows);
	cr_expect_eq(rows, 3);
	cr_expect(strstr(s, "\"value\":\"500\"") < strstr(s, "\"value\":\"about 520\""), "text order: %s", s);
	cr_expect(strstr(s, "\"value\":\"only 100\"") && strstr(s, "\"sources\":1"), "%s", s);
	free(s);
	s = ask((attest_query){.kind = ATTEST_Q_SERIES}, &rows);
	cr_expect_eq(rows, 2);
	cr_expect(strstr(s, "\"measure\":\"deployed\",\"subject\":\"Ostrian troops\",\"claims\":3,\"sources\":3"),
		  "%s", s);
	free(s);
	s = ask((attest_query){.kind = ATTEST_Q_CONFLICTS}, &rows);
	/* 100 against 500 and against about 520; the denial against the later acknowledgement. */
	cr_expect_eq(rows, 3, "%s", s);
	cr_expect(strstr(s, "\"kind\":\"denial\",\"date_a\":\"2026-03-01\",\"who_a\":\"Ostria\""), "%s", s);
	cr_expect(strstr(s, "\"date_b\":\"2026-04-10\""), "%s", s);
	cr_expect(strstr(s, "\"what_b\":\"deployed only 100\""), "%s", s);
	free(s);
}

Test(ledger, undated_estimates_conflict_only_within_their_document)
{
	cr_assert_eq(add(TEXT_A, NULL, "/news/a.txt"), ATTEST_ADDED_NEW);
	static const char other[] = "Officials in Varna said 900 soldiers were deployed to the border.\n";
	load(fx.d, other, NULL);
	add_claim(fx.d, MS_DEPLOYED, "900", 900, 900, 0, "Officials in Varna", "Varna");
	attest_added how;
	int64_t id;
	cr_assert_eq(attest_ledger_add(fx.l, fx.d, "/news/c.txt", &how, &id), ATTEST_OK);
	size_t rows;
	char *s = ask((attest_query){.kind = ATTEST_Q_CONFLICTS}, &rows);
	cr_expect_eq(rows, 2, "100 against 500 and 520 in document 1, none with the undated 900: %s", s);
	cr_expect_null(strstr(s, "900"), "%s", s);
	free(s);
}

Test(ledger, search_and_show)
{
	two_docs();
	size_t rows;
	char *s = ask((attest_query){.kind = ATTEST_Q_SEARCH, .text = "acknowledged"}, &rows);
	cr_expect_eq(rows, 1);
	cr_expect(strstr(s, "[acknowledged]"), "%s", s);
	free(s);
	cr_expect_eq(count((attest_query){.kind = ATTEST_Q_SEARCH, .text = "zebra"}), 0);
	s = ask((attest_query){.kind = ATTEST_Q_SHOW, .text = "1#0"}, &rows);
	cr_expect_eq(rows, 4, "three claims and a stance: %s", s);
	free(s);
	s = ask((attest_query){.kind = ATTEST_Q_EXPORT}, &rows);
	cr_expect_eq(rows, 2 + 2 + 4 + 1 + 2, "docs, articles, claims, quotes, stances: %s", s);
	cr_expect(strstr(s, "{\"type\":\"quote\""), "%s", s);
	free(s);
}

Test(ledger, reopening_keeps_the_schema_and_rejects_other_files)
{
	two_docs();
	attest_ledger_close(fx.l);
	char err[1024];
	cr_assert_eq(attest_ledger_open(&fx.l, fx.path, ATTEST_LEDGER_READONLY, err), ATTEST_OK, "%s", err);
	cr_expect_eq(count((attest_query){.kind = ATTEST_Q_CLAIMS}), 4);
	attest_ledger *other;
	FILE *f = fopen("/tmp/attest-not-a-db.txt", "w");
	cr_assert(f);
	fputs("this is not a database, just words\n", f);
	fclose(f);
	cr_expect_neq(attest_ledger_open(&other, "/tmp/attest-not-a-db.txt", 0, err), ATTEST_OK);
	cr_expect(strstr(err, "/tmp/attest-not-a-db.txt"), "%s", err);
	cr_expect_null(other);
	unlink("/tmp/attest-not-a-db.txt");
	cr_expect_gt(migrate_latest(), 0);
}

Test(ledger, schema_versions)
{
	sqlite3 *db;
	char path[80], err[STORE_ERR_MAX];
	attest_ledger *l;
	cr_assert_eq(sqlite3_open(fx.path, &db), SQLITE_OK);
	sqlite3_stmt *st;
	cr_assert_eq(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	cr_expect_eq(sqlite3_column_int(st, 0), migrate_latest(), "a new ledger has the latest schema");
	sqlite3_finalize(st);
	sqlite3_close(db);
	/* A ledger from a newer attest is refused, by name. */
	snprintf(path, sizeof path, "%s.newer", fx.path);
	unlink(path);
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db, "CREATE TABLE t (x); PRAGMA application_id = 1096045396; PRAGMA user_version = 99;",
				  NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	cr_expect_neq(attest_ledger_open(&l, path, 0, err), ATTEST_OK);
	cr_expect(strstr(err, "newer") && strstr(err, path), "%s", err);
	/* An SQLite file of another program is not touched. */
	unlink(path);
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db, "CREATE TABLE mine (x)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	cr_expect_neq(attest_ledger_open(&l, path, 0, err), ATTEST_OK);
	cr_expect(strstr(err, "not an attest ledger"), "%s", err);
	unlink(path);
}

Test(minhash, copies_group_and_different_texts_do_not)
{
	static const char a[] = "The river rose two metres overnight and the old bridge at Kell was closed to "
				"traffic while engineers inspected its piers for damage from the flood waters.";
	static const char b[] = "The river rose two metres overnight and the old bridge at Kell was closed to "
				"traffic while engineers inspected its piers for damage from the flood water.";
	static const char c[] = "Prices for wheat fell sharply at the northern markets this week as traders "
				"expected a large harvest after a mild and unusually wet spring season.";
	uint32_t sa[MINHASH_K], sb[MINHASH_K], sc[MINHASH_K];
	cr_assert_gt(minhash_sig(a, strlen(a), sa), 10);
	minhash_sig(b, strlen(b), sb);
	minhash_sig(c, strlen(c), sc);
	cr_expect_geq(minhash_similarity(sa, sb), MINHASH_SAME);
	cr_expect_lt(minhash_similarity(sa, sc), 0.2);
	int shared = 0;
	for (unsigned i = 0; i < MINHASH_BANDS; i++)
		shared += minhash_band(sa, i) == minhash_band(sb, i);
	cr_expect_gt(shared, 0);
	cr_expect_eq(minhash_sig("", 0, sc), 0);
}

Test(sha256, known_digests)
{
	char h[SHA256_HEX];
	cr_assert_eq(sha256_hex("", 0, h), 0);
	cr_expect_str_eq(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	cr_assert_eq(sha256_hex("abc", 3, h), 0);
	cr_expect_str_eq(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	static const char m[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"; /* 56 bytes: two blocks */
	cr_assert_eq(sha256_hex(m, strlen(m), h), 0);
	cr_expect_str_eq(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

/* store_day_bound is the shortcut the store takes for a date's first or
 * last day: it must say what formatting the date and reading its day range
 * back says, out-of-range parts included. */
Test(store, day_bound_is_the_day_range_of_the_date_text)
{
	static const int ys[] = {-5, 0, 1, 99, 999, 1900, 2000, 2023, 2024, 2100, 9999, 10000, 12024, 20000, 32767};
	size_t checked = 0;
	for (size_t a = 0; a < sizeof ys / sizeof *ys; a++)
		for (int m = -2; m <= 127; m += m < 16 ? 1 : 12)
			for (int d = -2; d <= 127; d += d < 34 ? 1 : 24) {
				pdate p = {(int16_t)ys[a], (int8_t)m, (int8_t)d};
				char text[11], lo[11], hi[11], got[11];
				pdate_format(p, text);
				store_day_range(text, lo, hi);
				for (int h = 0; h < 2; h++) {
					store_day_bound(p.y, p.m, p.d, h, got);
					cr_assert_str_eq(got, h ? hi : lo, "y %d m %d d %d hi %d ('%s')", p.y, p.m, p.d, h, text);
					checked++;
				}
			}
	cr_assert_gt(checked, 10000);
	char out[11];
	store_day_bound(2024, 2, 0, 1, out);
	cr_assert_str_eq(out, "2024-02-29");
	store_day_bound(2023, 0, 0, 0, out);
	cr_assert_str_eq(out, "2023-01-01");
}

Test(store, topic_words)
{
	char w[TOPIC_WORDS][TOPIC_WORD_MAX];
	static const char about[] = "reports that North Koreans are fighting in Ukraine, North Koreans say";
	size_t n = topic_words(about, strlen(about), w);
	cr_assert_eq(n, 4);
	cr_expect_str_eq(w[0], "north");
	cr_expect_str_eq(w[1], "korean");
	cr_expect_str_eq(w[2], "fighting");
	cr_expect_str_eq(w[3], "ukraine");
	cr_expect_eq(topic_words("their presence", 14, w), 1);
	cr_expect_eq(topic_words("", 0, w), 0);
}

Test(store, day_ranges)
{
	char lo[11], hi[11];
	cr_expect_eq(store_day_range("2024-02", lo, hi), 0);
	cr_expect_str_eq(lo, "2024-02-01");
	cr_expect_str_eq(hi, "2024-02-29");
	cr_expect_eq(store_day_range("2025", lo, hi), 0);
	cr_expect_str_eq(hi, "2025-12-31");
	cr_expect_eq(store_day_range("2025-06-07", lo, hi), 0);
	cr_expect_str_eq(lo, "2025-06-07");
	cr_expect_eq(store_day_range("June 2025", lo, hi), -1);
	cr_expect_eq(store_day_range(NULL, lo, hi), -1);
	cr_expect_eq(store_day_range("2025-00", lo, hi), -1);
}
