/*
 * warc: stage 1 for crawl archives, a WARC (1.0, 1.1, 0.17) or ARC (v1,
 * v2) file -> the payloads of its HTML and plain-text captures, one record
 * at a time.  The archive is streamed (plain, or a series of gzip members
 * as Common Crawl ships them): memory is bounded by the largest record read
 * (WARC_MAX_RECORD), never by the archive.
 * Owns: the open file, the inflate state and the record buffers; a record's
 * strings and payload stay valid until the next warc_next or warc_close.
 * warc_close(NULL) does nothing.
 */
#ifndef ATTEST_WARC_H
#define ATTEST_WARC_H

#include <stdint.h>

#include "attest.h"

/* Largest record read; a larger HTML or text capture is skipped with a
 * message.  Longest header line and header block of a record. */
#define WARC_MAX_RECORD (64u * 1024u * 1024u)
#define WARC_MAX_LINE (64u * 1024u)
#define WARC_MAX_HEADERS (256u * 1024u)

typedef struct warc warc;

typedef struct warc_record {
	uint64_t offset;         /* the record's offset in the file (its gzip member's, when compressed) */
	const char *uri;         /* WARC-Target-URI or ARC URL, spaces as %20; "" when none */
	const char *date;        /* fetch date "YYYY-MM-DD", or "" */
	const char *charset;     /* from the HTTP Content-Type, or NULL */
	attest_format format;    /* ATTEST_FORMAT_HTML or ATTEST_FORMAT_TEXT */
	const unsigned char *data; /* the payload: de-chunked, decompressed */
	size_t len;
} warc_record;

/* Opens the archive at PATH; NULL with a one-line message naming PATH in
 * ERR when it cannot be opened or is no archive. */
warc *warc_open(const char *path, char *err, size_t errlen);
void warc_close(warc *w);

/* The next HTML or text capture: 1 with *REC filled, 0 at the end of the
 * archive, -1 when a record (or a gzip member) was damaged or refused: ERR
 * has one line naming the archive and the offset, and the next call goes
 * on after it.  Other records (requests, metadata, images, scripts, dns,
 * redirects) are skipped silently. */
int warc_next(warc *w, warc_record *rec, char *err, size_t errlen);

/* Bytes of the file consumed so far, and the path it was opened with. */
uint64_t warc_consumed(const warc *w);
const char *warc_name(const warc *w);
/* Records read so far, wanted or not. */
uint64_t warc_records(const warc *w);

/* 1 when PATH names an archive (.warc, .warc.gz, .arc, .arc.gz) or its
 * first bytes (plain or gunzipped) are a WARC or ARC header. */
int warc_sniff(const char *path);

#endif
