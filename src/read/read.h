/*
 * read: stage 1, bytes -> document text.  Loads a file (or stdin) with a
 * size limit, sniffs its format and checks that text is text: binary data
 * and UTF-16 are refused with one clear message; stray invalid UTF-8 bytes
 * are kept (offsets stay exact) and reported as a warning.
 * Owns: nothing; the caller owns the buffers it passes in.
 */
#ifndef ATTEST_READ_H
#define ATTEST_READ_H

#include "attest.h"
#include "base/buf.h"

/* Reads PATH ("-" = stdin) into OUT (cleared first).  On failure writes a
 * one-line message naming PATH to ERR. */
attest_status read_file(const char *path, buf *out, char *err, size_t errlen);

/* Checks N bytes for use as text.  Returns ATTEST_ERR_BINARY or
 * ATTEST_ERR_ENCODING with a message in ERR, or ATTEST_OK with a warning
 * in WARN (empty when none). */
attest_status read_check_text(const char *name, const unsigned char *s, size_t n, char *err,
			      size_t errlen, char *warn, size_t warnlen);

/* ATTEST_FORMAT_HTML when N bytes at S look like an HTML page, else TEXT. */
attest_format read_sniff(const unsigned char *s, size_t n);

#endif
