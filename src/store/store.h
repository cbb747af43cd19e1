/*
 * store: stage 7, documents and their records -> the ledger, an SQLite
 * database (WAL, one file).  The schema is src/store/schema.sql, embedded at
 * build time and applied by migrate.c; store_sqlite.c writes documents.
 * Owns: the database connection and its prepared statements; store_close
 * commits a pending batch and frees them.  store_close(NULL) does nothing.
 * Threads: a store is used by one thread at a time (its connection has no
 * mutexes); two stores on one file may be used by two threads (WAL).
 */
#ifndef ATTEST_STORE_H
#define ATTEST_STORE_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "attest.h"
#include "base/sha256.h"

typedef struct store store;

#define STORE_ERR_MAX 1024

/* Opens the ledger at PATH, creating and migrating it unless READONLY.  On
 * failure *OUT is NULL and ERR holds one line naming PATH. */
attest_status store_open(store **out, const char *path, int readonly, char err[STORE_ERR_MAX]);
void store_close(store *s);
const char *store_errmsg(const store *s);
sqlite3 *store_db(store *s);

typedef enum store_result { STORE_NEW = 0, STORE_VERSION, STORE_SKIPPED } store_result;

/* Stores the loaded document DOC, read from PATH (an absolute path or URL;
 * NULL for standard input), whole or not at all.  A document whose bytes are
 * already in the ledger is skipped; new bytes at a known path become its next
 * version.  Documents are committed in batches of BATCH (store_set_batch),
 * so a crash loses at most the open batch and never a part of a document.
 * A document that fails part-way rolls the open batch back with it (the
 * error says so; store_lost tells what the batch held): the failures that
 * can strike in the middle of a document (a full disk, an I/O error, no
 * memory) would fail the batch's commit too, and a savepoint per document
 * cost the writer a sixth of its time.  *ID is the document's id. */
attest_status store_add(store *s, const attest_doc *doc, const char *path, store_result *res, int64_t *id);

/* What the last failed store_add or store_flush rolled back besides the
 * document it failed on: the new documents and new versions stored
 * earlier in the batch (0 and 0 after a success).  Adding them again
 * stores them. */
void store_lost(const store *s, size_t *docs, size_t *versions);

/* 1 when the bytes DATA[0..LEN) are in the ledger and storing them again
 * as PATH would change nothing (so the caller may skip the pipeline), 0
 * when store_add has work to do, -1 on a database error.  HASH gets the
 * bytes' SHA-256. */
int store_known(store *s, const void *data, size_t len, const char *path, int64_t *id, char hash[SHA256_HEX]);

/* Computes what store_add needs of the loaded DOC beyond the database, its
 * text's SHA-256 and each article's MinHash signature, ahead of time: on
 * the thread that loaded it, so that the one writer ingest hands documents
 * to from its loader threads does not.  Optional: store_add computes what
 * is missing.  HASH, when not NULL, is the SHA-256 of the LEN bytes at DATA
 * DOC was loaded from (store_known's): kept when DOC's text is those bytes. */
void store_hash_doc(attest_doc *doc, const void *data, size_t len, const char hash[SHA256_HEX]);

/* Documents per transaction for store_add (1 = every document commits). */
void store_set_batch(store *s, unsigned n);

/* Indexes the batch's full text and commits it; on failure the whole
 * batch is rolled back and the error says how many documents it held. */
attest_status store_flush(store *s);

/* Applies the embedded schema's migrations above DB's user_version; 0 or
 * -1 with ERR set (a newer schema than this build knows is an error). */
int migrate(sqlite3 *db, char *err, size_t cap);

/* The schema version this build writes. */
int migrate_latest(void);

/* "YYYY", "YYYY-MM" or "YYYY-MM-DD" -> the first and last day it covers;
 * 0, or -1 (LO and HI empty) when S is no such date. */
int store_day_range(const char *s, char lo[11], char hi[11]);

/* The first (HI 0) or last day that the date Y[-M[-D]] covers, as
 * store_day_range gives it for that date's text: OUT is empty when Y, M or
 * D is out of range.  M or D of 0 or less: the date stops before it. */
void store_day_bound(int y, int m, int d, int hi, char out[11]);

#endif
