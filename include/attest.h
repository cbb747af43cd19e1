/*
 * attest.h: the public interface of libattest.
 *
 * attest turns raw news articles into a sourced ledger of claims.  This
 * header is the whole contract of the library; the `attest` command is one
 * client of it.
 *
 * Ownership, once for the whole header: an attest_doc owns everything it
 * hands out (texts, articles, sentences, messages).  Pointers returned by
 * attest_doc_* calls stay valid until the next attest_doc_load_* call on the
 * same handle or attest_doc_free().  Strings are UTF-8 and NUL-terminated.
 *
 * Threads: a handle must not be used by two threads at once; distinct
 * handles may be used concurrently.  The compiled-in lexicons are built once
 * on first use under a pthread_once guard.
 *
 * Offsets: every span is [start, end) in bytes into the document text
 * (attest_doc_text): for plain-text input, the input bytes exactly as given;
 * for HTML input, the page's main text as UTF-8 (what attest_doc_write_text
 * writes): the title line, then the article's paragraphs, headings and list
 * items, one a line, separated by blank lines.
 */
#ifndef ATTEST_H
#define ATTEST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define ATTEST_API __attribute__((visibility("default")))
#define ATTEST_NODISCARD __attribute__((warn_unused_result))
#else
#define ATTEST_API
#define ATTEST_NODISCARD
#endif

/* ---- status ----------------------------------------------------------- */

typedef enum attest_status {
	ATTEST_OK = 0,
	ATTEST_ERR_IO,        /* the file could not be opened or read */
	ATTEST_ERR_NOMEM,     /* out of memory */
	ATTEST_ERR_BINARY,    /* the input is binary data, not text */
	ATTEST_ERR_ENCODING,  /* the text encoding is not supported (UTF-16...) */
	ATTEST_ERR_TOO_LARGE, /* the input exceeds a documented limit */
	ATTEST_ERR_USAGE,     /* a bad argument from the caller */
	ATTEST_ERR_FORMAT,    /* a malformed structure in the input */
	ATTEST_STATUS_COUNT
} attest_status;

/* A short English description of a status; never NULL. */
ATTEST_API const char *attest_strstatus(attest_status st);

/* The library version, "MAJOR.MINOR.PATCH". */
ATTEST_API const char *attest_version(void);

/* ---- documents -------------------------------------------------------- */

typedef struct attest_doc attest_doc;

typedef struct attest_span {
	uint32_t start, end;
} attest_span;

typedef enum attest_format {
	ATTEST_FORMAT_AUTO = 0, /* sniff the input */
	ATTEST_FORMAT_TEXT,
	ATTEST_FORMAT_HTML
} attest_format;

/* Largest document accepted, in bytes. */
#define ATTEST_MAX_DOCUMENT (256u * 1024u * 1024u)

/* A new, empty document handle; NULL when out of memory.  One handle can
 * load many documents in turn: memory is reused, not grown. */
ATTEST_API attest_doc *attest_doc_new(void);

/* Frees the handle and all it owns.  attest_doc_free(NULL) does nothing. */
ATTEST_API void attest_doc_free(attest_doc *doc);

/* The date ("YYYY-MM-DD") relative time expressions are resolved against
 * when the document gives no publication date; NULL clears it.  Returns
 * ATTEST_ERR_USAGE for a malformed date. */
ATTEST_API ATTEST_NODISCARD attest_status attest_doc_set_ref_date(attest_doc *doc, const char *ymd);

enum {
	ATTEST_OPT_FRONT_ONLY = 1u << 0, /* stop after articles and sentences (no records) */
	ATTEST_OPT_NO_CLAIMS = 1u << 1   /* stop after quantities and times */
};

/* Pipeline options (ATTEST_OPT_* bits) for the next loads; 0 by default. */
ATTEST_API void attest_doc_set_options(attest_doc *doc, unsigned options);

/* The charset of the next HTML loads as an HTTP Content-Type header gives
 * it ("windows-1252", "ISO-8859-1", "Shift_JIS"...); NULL clears it.  It
 * wins over the page's <meta charset> (a byte-order mark wins over both),
 * except that a page whose bytes are valid UTF-8 with non-ASCII text in
 * them is read as UTF-8.  Without a hint, a page without a <meta charset>
 * that is not valid UTF-8 is read as Windows-1252.  Returns
 * ATTEST_ERR_USAGE for an empty or malformed name; an unknown name gives a
 * warning at load and the page is read as Windows-1252. */
ATTEST_API ATTEST_NODISCARD attest_status attest_doc_set_charset(attest_doc *doc, const char *charset);

/* Where the next loads were fetched from: URL (NULL: unknown) and the
 * fetch day FETCH_DATE ("YYYY-MM-DD", NULL: unknown).  The fetch day
 * resolves relative times when an article gives no publication date (it
 * wins over attest_doc_set_ref_date); a date in the URL's path
 * (".../2024/03/05/...") is the first article's publication date when the
 * document gives none.  Returns ATTEST_ERR_USAGE for a malformed date or a
 * URL over 8 KB (nothing is changed then). */
ATTEST_API ATTEST_NODISCARD attest_status attest_doc_set_source(attest_doc *doc, const char *url,
								 const char *fetch_date);

/* Limits for HTML input: larger pages, or pages nested deeper, are refused
 * with ATTEST_ERR_TOO_LARGE. */
#define ATTEST_MAX_HTML (64u * 1024u * 1024u)
#define ATTEST_MAX_HTML_DEPTH 4000
#define ATTEST_MAX_HTML_TAGS 200000u

/* Reads PATH ("-" for standard input) and runs the whole pipeline on it.
 * On failure the handle holds no document and attest_doc_errmsg() says why
 * in one line that names the file. */
ATTEST_API ATTEST_NODISCARD attest_status attest_doc_load_file(attest_doc *doc, const char *path,
							       attest_format format);

/* The same for bytes in memory; NAME is used in messages.  The bytes are
 * copied. */
ATTEST_API ATTEST_NODISCARD attest_status attest_doc_load_buffer(attest_doc *doc, const char *name,
								 const void *data, size_t len,
								 attest_format format);

/* The last error as one line "NAME: what went wrong", or "" after success. */
ATTEST_API const char *attest_doc_errmsg(const attest_doc *doc);

/* Warnings about the loaded document that did not stop it (invalid UTF-8
 * bytes, a line cut because it was too long...), one line each, or NULL. */
ATTEST_API const char *attest_doc_warning(const attest_doc *doc, size_t i);

/* The document text all spans point into. */
ATTEST_API const char *attest_doc_text(const attest_doc *doc, size_t *len);

/* ---- articles and sentences ------------------------------------------- */

typedef struct attest_article {
	size_t index;          /* 0, 1, ... in document order */
	attest_span span;      /* from the first to the last body paragraph */
	const char *title;     /* NULL when the page gives none */
	const char *published; /* "YYYY-MM-DD", "YYYY-MM", "YYYY" or NULL */
	const char *publisher; /* from a copyright line, or NULL */
	const char *author;    /* from a byline, or NULL */
} attest_article;

ATTEST_API size_t attest_doc_article_count(const attest_doc *doc);
ATTEST_API const attest_article *attest_doc_article(const attest_doc *doc, size_t i);

typedef struct attest_sentence {
	attest_span span;
	size_t article;   /* index of the article it belongs to */
	int heading;      /* 1 for a heading line without final punctuation */
} attest_sentence;

ATTEST_API size_t attest_doc_sentence_count(const attest_doc *doc);
ATTEST_API const attest_sentence *attest_doc_sentence(const attest_doc *doc, size_t i);

/* ---- output ----------------------------------------------------------- */

enum {
	ATTEST_JSON_SENTENCES = 1u << 0, /* also write "sentence" debug records */
	ATTEST_JSON_PARAGRAPHS = 1u << 1 /* also write "paragraph" debug records (kinds) */
};

/* Writes the document's records as JSON Lines per spec/extract-json.md.
 * ID, when not NULL, is added to every record as "id" (batch mode). */
ATTEST_API ATTEST_NODISCARD attest_status attest_doc_write_json(const attest_doc *doc, FILE *out,
								unsigned flags, const char *id);

/* Writes each article's clean text: its title line, then its paragraphs
 * and headings, one per line, each followed by a blank line.  Page furniture,
 * captions and teasers are left out.  Hard-wrapped paragraphs are joined.
 * For HTML input, writes the document text: the page's main text. */
ATTEST_API ATTEST_NODISCARD attest_status attest_doc_write_text(const attest_doc *doc, FILE *out);

/* ---- crawl archives -------------------------------------------------- */

/* A WARC (1.0, 1.1, 0.17) or ARC (v1, v2) file, plain or gzipped (a gzip
 * member per record, as Common Crawl ships them, or one for all), read as a
 * stream of documents: each 2xx HTML or plain-text response (and each HTML
 * or text resource record) is one document, its HTTP charset, URL and fetch
 * date passed to the pipeline (attest_doc_set_charset, _set_source).  Other
 * records are skipped silently.  Memory is bounded by the largest record
 * read (ATTEST_MAX_RECORD), never by the archive.  A handle is used by one
 * thread at a time. */
typedef struct attest_archive attest_archive;

/* Largest archive record read; a larger HTML or text capture is skipped
 * with a message. */
#define ATTEST_MAX_RECORD (64u * 1024u * 1024u)

typedef struct attest_record {
	const char *uri;  /* the target URI (spaces as %20); "" when the record gives none */
	const char *date; /* the fetch date "YYYY-MM-DD", or "" */
	uint64_t offset;  /* the record's offset in the file (its gzip member's when compressed) */
} attest_record;

/* 1 when PATH looks like an archive: its name ends in .warc, .warc.gz, .arc
 * or .arc.gz, or its first bytes (gunzipped when gzip) are "WARC/" or
 * "filedesc://".  0 for "-" and unreadable paths. */
ATTEST_API int attest_is_archive(const char *path);

/* Opens the archive at PATH.  On failure *OUT is NULL and ERR (at least
 * 1024 bytes) holds one line naming PATH. */
ATTEST_API ATTEST_NODISCARD attest_status attest_archive_open(attest_archive **out, const char *path, char *err);

/* Loads the next document of the archive into DOC, and describes its
 * record in *REC (strings valid until the next call).  Returns 1 when DOC
 * holds it, 0 at the end of the archive, -1 when a record or gzip member
 * was damaged (truncated, bad length, bad chunking...), too large, or its
 * document could not be read: attest_archive_errmsg() names the archive and
 * the record's offset, DOC holds no document, and the next call goes on
 * with the records after it. */
ATTEST_API ATTEST_NODISCARD int attest_archive_next(attest_archive *ar, attest_doc *doc, attest_record *rec);

/* The last error as one line, or "". */
ATTEST_API const char *attest_archive_errmsg(const attest_archive *ar);

/* Bytes of the archive file read so far (for progress). */
ATTEST_API uint64_t attest_archive_consumed(const attest_archive *ar);

/* Closes the file and frees the handle; NULL does nothing. */
ATTEST_API void attest_archive_close(attest_archive *ar);

/* ---- the ledger ------------------------------------------------------- */

/* A ledger is one SQLite file (WAL mode: readers work while a writer
 * ingests).  A handle is not thread-safe; any number of processes may read
 * a ledger at once, and writers take turns. */
typedef struct attest_ledger attest_ledger;

enum {
	ATTEST_LEDGER_READONLY = 1u << 0 /* open an existing ledger for queries only */
};

/* Opens the ledger at PATH, creating it and bringing its schema up to date
 * unless ATTEST_LEDGER_READONLY.  On failure *OUT is NULL and ERR (at least
 * 1024 bytes) holds one line naming PATH. */
ATTEST_API ATTEST_NODISCARD attest_status attest_ledger_open(attest_ledger **out, const char *path, unsigned flags,
							     char *err);

/* Commits pending documents and frees the handle; NULL does nothing. */
ATTEST_API void attest_ledger_close(attest_ledger *l);

/* The last error as one line, or "". */
ATTEST_API const char *attest_ledger_errmsg(const attest_ledger *l);

typedef enum attest_added {
	ATTEST_ADDED_NEW = 0, /* a new document */
	ATTEST_ADDED_VERSION, /* new bytes at a known path: its next version */
	ATTEST_ADDED_SKIPPED  /* the same bytes are already in the ledger */
} attest_added;

/* Stores the loaded document DOC with all its records, whole or not at all.
 * SOURCE is its absolute path or URL (NULL for standard input): new bytes at
 * a known SOURCE become its next version, and queries see only the latest
 * version of each.  Documents are committed in batches (see
 * attest_ledger_set_batch); *DOC_ID is the document's id. */
ATTEST_API ATTEST_NODISCARD attest_status attest_ledger_add(attest_ledger *l, const attest_doc *doc,
							    const char *source, attest_added *how, int64_t *doc_id);

/* Reads PATH ("-" for standard input); when its bytes are already in the
 * ledger as SOURCE sets *KNOWN and leaves DOC alone (the pipeline does not
 * run), else loads DOC with FORMAT.  Errors name PATH in
 * attest_ledger_errmsg.  With a read-only handle, a second thread can load
 * documents while the first stores them (attest ingest does). */
ATTEST_API ATTEST_NODISCARD attest_status attest_ledger_load_file(attest_ledger *l, attest_doc *doc, const char *path,
								  const char *source, attest_format format, int *known);

/* attest_ledger_load_file, then attest_ledger_add unless the bytes were
 * known (*HOW = ATTEST_ADDED_SKIPPED). */
ATTEST_API ATTEST_NODISCARD attest_status attest_ledger_add_file(attest_ledger *l, attest_doc *doc, const char *path,
								 const char *source, attest_format format,
								 attest_added *how, int64_t *doc_id);

/* Documents per transaction (default 1000, and at least once a second; 1 commits every document). */
ATTEST_API void attest_ledger_set_batch(attest_ledger *l, unsigned docs);

/* Commits the documents added so far. */
ATTEST_API ATTEST_NODISCARD attest_status attest_ledger_flush(attest_ledger *l);

/* A failed attest_ledger_add or attest_ledger_flush rolls back the
 * documents added since the last commit: *DOCS new documents and *VERSIONS
 * new versions besides the one it failed on (0 and 0 after a success).
 * Adding them again stores them. */
ATTEST_API void attest_ledger_lost(const attest_ledger *l, size_t *docs, size_t *versions);

typedef enum attest_query_kind {
	ATTEST_Q_CLAIMS = 0, /* count claims; filters: measure, subject, party (source), since, until, min_sources */
	ATTEST_Q_QUOTES,     /* quotes; party (speaker), since, until */
	ATTEST_Q_STANCES,    /* stances; party (actor), since, until */
	ATTEST_Q_SEARCH,     /* articles matching text (an FTS5 query), with highlighted snippets */
	ATTEST_Q_TIMELINE,   /* a series' estimates in date order, with how many sources agree */
	ATTEST_Q_SERIES,     /* estimate series: claims grouped by measure and canonical subject */
	ATTEST_Q_CONFLICTS,  /* incompatible estimates, denials against later confirmations, non-denials */
	ATTEST_Q_DOCS,       /* the documents: path, version, articles, near-duplicate groups */
	ATTEST_Q_EXPORT,     /* every record (text = "articles", "claims", "quotes", "stances" or NULL for all) */
	ATTEST_Q_SHOW,       /* text = "DOC" or "DOC#ARTICLE": the text with its records highlighted */
	ATTEST_Q_KINDS
} attest_query_kind;

typedef struct attest_query {
	attest_query_kind kind;
	const char *measure;  /* "killed", "deployed"... */
	const char *subject;  /* canonical subject, or words of the subject as written */
	const char *party;    /* a canonical name, or words of the source/speaker/actor as written */
	const char *since;    /* "YYYY[-MM[-DD]]": records whose date reaches this day or later */
	const char *until;    /* "YYYY[-MM[-DD]]": records whose date starts this day or earlier */
	const char *text;     /* the search query, export type or show target */
	unsigned min_sources; /* claims agreed on by at least this many independent sources */
	unsigned limit;       /* 0: no limit */
} attest_query;

typedef enum attest_output {
	ATTEST_OUT_TABLE = 0, /* aligned columns for people */
	ATTEST_OUT_JSON,      /* JSON Lines, one object a row */
	ATTEST_OUT_CSV        /* RFC 4180 with a header row */
} attest_output;

enum {
	ATTEST_OUT_COLOR = 1u << 0 /* terminal colours for highlights (tables and show) */
};

/* Runs query Q and writes its rows to OUT in format FMT.  *ROWS (when not
 * NULL) is the number of rows written.  ATTEST_ERR_USAGE for a bad filter
 * (malformed date, unknown document, bad search syntax) with the reason in
 * attest_ledger_errmsg. */
ATTEST_API ATTEST_NODISCARD attest_status attest_ledger_query(attest_ledger *l, const attest_query *q,
							      attest_output fmt, unsigned flags, FILE *out,
							      size_t *rows);

#ifdef __cplusplus
}
#endif
#endif
