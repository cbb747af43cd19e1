/*
 * archive.c: the public attest_archive_* calls, crawl archives through the
 * pipeline.  read/warc.c streams the archive and hands over each HTML or
 * text capture's payload; this file loads it into the caller's document
 * handle with the record's charset, URL and fetch date, and gives each
 * document a name that says where it came from ("ARCHIVE: record at offset
 * N (URI)"), so that every message about it points into the archive.
 * Owns: the warc reader and the last error message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"
#include "read/warc.h"

_Static_assert(ATTEST_MAX_RECORD == WARC_MAX_RECORD, "one record limit");

struct attest_archive {
	warc *w;
	char err[ERRMSG_MAX];
	char name[ERRMSG_MAX];
};

ATTEST_API int attest_is_archive(const char *path) { return path && warc_sniff(path); }

ATTEST_API attest_status attest_archive_open(attest_archive **out, const char *path, char *err)
{
	*out = NULL;
	attest_archive *ar = calloc(1, sizeof *ar);
	if (!ar) {
		snprintf(err, ERRMSG_MAX, "%.300s: out of memory", path);
		return ATTEST_ERR_NOMEM;
	}
	if (!(ar->w = warc_open(path, err, ERRMSG_MAX))) {
		free(ar);
		return strstr(err, "not a WARC") ? ATTEST_ERR_FORMAT : ATTEST_ERR_IO;
	}
	*out = ar;
	return ATTEST_OK;
}

ATTEST_API void attest_archive_close(attest_archive *ar)
{
	if (!ar)
		return;
	warc_close(ar->w);
	free(ar);
}

ATTEST_API const char *attest_archive_errmsg(const attest_archive *ar) { return ar->err; }

ATTEST_API uint64_t attest_archive_consumed(const attest_archive *ar) { return warc_consumed(ar->w); }

/* Loads one capture with its HTTP charset (else the caller's) and its
 * source; the caller's settings of both are put back afterwards. */
static attest_status load(attest_archive *ar, attest_doc *d, const warc_record *r)
{
	char charset[sizeof d->charset];
	memcpy(charset, d->charset, sizeof charset);
	pdate fetch = d->fetch_date;
	buf url = d->url;
	buf_init(&d->url);
	if (r->charset && attest_doc_set_charset(d, r->charset) != ATTEST_OK)
		d->charset[0] = '\0'; /* a malformed label: let the page say */
	attest_status st = attest_doc_set_source(d, r->uri[0] ? r->uri : NULL, r->date[0] ? r->date : NULL);
	if (st == ATTEST_ERR_USAGE)
		st = attest_doc_set_source(d, NULL, NULL);
	if (st == ATTEST_OK)
		st = attest_doc_load_buffer(d, ar->name, r->data, r->len, r->format);
	else
		snprintf(d->err, sizeof d->err, "%.900s: out of memory", ar->name);
	memcpy(d->charset, charset, sizeof charset);
	buf_free(&d->url);
	d->url = url;
	d->fetch_date = fetch;
	return st;
}

ATTEST_API int attest_archive_next(attest_archive *ar, attest_doc *doc, attest_record *rec)
{
	warc_record r;
	ar->err[0] = '\0';
	memset(rec, 0, sizeof *rec);
	rec->uri = rec->date = "";
	int got = warc_next(ar->w, &r, ar->err, sizeof ar->err);
	if (got <= 0)
		return got;
	rec->uri = r.uri;
	rec->date = r.date;
	rec->offset = r.offset;
	if (r.uri[0])
		snprintf(ar->name, sizeof ar->name, "%s: record at offset %llu (%.400s)", warc_name(ar->w),
			 (unsigned long long)r.offset, r.uri);
	else
		snprintf(ar->name, sizeof ar->name, "%s: record at offset %llu", warc_name(ar->w),
			 (unsigned long long)r.offset);
	if (load(ar, doc, &r) != ATTEST_OK) {
		snprintf(ar->err, sizeof ar->err, "%s", attest_doc_errmsg(doc));
		return -1;
	}
	return 1;
}
