/*
 * ledger.c: the public attest_ledger_* calls: a store (stage 7) for writing
 * and the queries (stage 8) for reading, over one SQLite connection.
 * Owns: the store and the last error message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query/query.h"
#include "read/read.h"
#include "store/store.h"

struct attest_ledger {
	store *s;
	char err[STORE_ERR_MAX];
	buf raw;   /* the bytes of the file being added, reused */
};

ATTEST_API attest_status attest_ledger_open(attest_ledger **out, const char *path, unsigned flags, char *err)
{
	*out = NULL;
	err[0] = '\0';
	attest_ledger *l = calloc(1, sizeof *l);
	if (!l) {
		snprintf(err, STORE_ERR_MAX, "%.300s: out of memory", path);
		return ATTEST_ERR_NOMEM;
	}
	buf_init(&l->raw);
	attest_status st = store_open(&l->s, path, (flags & ATTEST_LEDGER_READONLY) != 0, err);
	if (st == ATTEST_OK && query_register(store_db(l->s)) < 0) {
		snprintf(err, STORE_ERR_MAX, "%.300s: cannot register SQL functions", path);
		st = ATTEST_ERR_NOMEM;
	}
	if (st != ATTEST_OK) {
		attest_ledger_close(l);
		return st;
	}
	*out = l;
	return ATTEST_OK;
}

ATTEST_API void attest_ledger_close(attest_ledger *l)
{
	if (!l)
		return;
	store_close(l->s);
	buf_free(&l->raw);
	free(l);
}

ATTEST_API const char *attest_ledger_errmsg(const attest_ledger *l) { return l->err; }

ATTEST_API attest_status attest_ledger_add(attest_ledger *l, const attest_doc *doc, const char *source,
					   attest_added *how, int64_t *doc_id)
{
	store_result r;
	attest_status st = store_add(l->s, doc, source, &r, doc_id);
	*how = r == STORE_NEW ? ATTEST_ADDED_NEW : r == STORE_VERSION ? ATTEST_ADDED_VERSION : ATTEST_ADDED_SKIPPED;
	snprintf(l->err, sizeof l->err, "%s", st == ATTEST_OK ? "" : store_errmsg(l->s));
	return st;
}

ATTEST_API attest_status attest_ledger_load_file(attest_ledger *l, attest_doc *doc, const char *path,
						 const char *source, attest_format format, int *known)
{
	int64_t id;
	*known = 0;
	attest_status st = read_file(path, &l->raw, l->err, sizeof l->err);
	if (st != ATTEST_OK)
		return st;
	char hash[SHA256_HEX];
	int k = store_known(l->s, l->raw.data, l->raw.len, source, &id, hash);
	if (k < 0) {
		snprintf(l->err, sizeof l->err, "%.300s: %.600s", path, store_errmsg(l->s));
		return ATTEST_ERR_IO;
	}
	if ((*known = k > 0))
		return ATTEST_OK;
	st = attest_doc_load_buffer(doc, strcmp(path, "-") == 0 ? "<stdin>" : path, l->raw.data, l->raw.len, format);
	if (st != ATTEST_OK)
		snprintf(l->err, sizeof l->err, "%s", attest_doc_errmsg(doc));
	else
		store_hash_doc(doc, l->raw.data, l->raw.len, hash);
	return st;
}

ATTEST_API attest_status attest_ledger_add_file(attest_ledger *l, attest_doc *doc, const char *path,
						const char *source, attest_format format, attest_added *how,
						int64_t *doc_id)
{
	int known;
	*how = ATTEST_ADDED_SKIPPED;
	*doc_id = 0;
	attest_status st = attest_ledger_load_file(l, doc, path, source, format, &known);
	if (st != ATTEST_OK || known)
		return st;
	st = attest_ledger_add(l, doc, source, how, doc_id);
	if (st != ATTEST_OK) {
		char why[STORE_ERR_MAX];
		memcpy(why, l->err, sizeof why);
		snprintf(l->err, sizeof l->err, "%.300s: cannot store: %.600s", path, why);
	}
	return st;
}

ATTEST_API void attest_ledger_set_batch(attest_ledger *l, unsigned docs) { store_set_batch(l->s, docs); }

ATTEST_API void attest_ledger_lost(const attest_ledger *l, size_t *docs, size_t *versions)
{
	store_lost(l->s, docs, versions);
}

ATTEST_API attest_status attest_ledger_flush(attest_ledger *l)
{
	attest_status st = store_flush(l->s);
	snprintf(l->err, sizeof l->err, "%s", st == ATTEST_OK ? "" : store_errmsg(l->s));
	return st;
}

ATTEST_API attest_status attest_ledger_query(attest_ledger *l, const attest_query *q, attest_output fmt,
					     unsigned flags, FILE *f, size_t *rows)
{
	outw o;
	l->err[0] = '\0';
	out_begin(&o, fmt, flags, f, NULL, 0);
	attest_status st = query_run(store_db(l->s), q, &o, l->err, sizeof l->err);
	if (out_end(&o) < 0 && st == ATTEST_OK) {
		snprintf(l->err, sizeof l->err, "cannot write output");
		st = ATTEST_ERR_IO;
	}
	if (rows)
		*rows = o.rows;
	return st;
}
