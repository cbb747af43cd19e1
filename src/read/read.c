/*
 * read.c: stage 1.  Input is hostile: a missing file, a directory, a pipe,
 * a file past ATTEST_MAX_DOCUMENT, binary junk and broken encodings all give
 * one line naming the file, never a crash.  Text is not rewritten: offsets
 * of every later stage are into these exact bytes.
 */
#include "read/read.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/utf8.h"

/* Share of C0 control bytes or invalid sequences above which a "text" file
 * is taken for binary data. */
#define BINARY_RATIO 0.05

attest_status read_file(const char *path, buf *out, char *err, size_t errlen)
{
	int is_stdin = strcmp(path, "-") == 0;
	const char *name = is_stdin ? "<stdin>" : path;
	buf_clear(out);
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: cannot open: %s", name, strerror(errno));
		return ATTEST_ERR_IO;
	}
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: is a directory", name);
		if (!is_stdin)
			fclose(f);
		return ATTEST_ERR_IO;
	}
	attest_status rc = ATTEST_OK;
	for (;;) {
		if (buf_reserve(out, 1 << 16) < 0) {
			snprintf(err, errlen, "%s: out of memory", name);
			rc = ATTEST_ERR_NOMEM;
			break;
		}
		size_t got = fread(out->data + out->len, 1, out->cap - out->len - 1, f);
		out->len += got;
		out->data[out->len] = '\0';
		if (out->len > ATTEST_MAX_DOCUMENT) {
			snprintf(err, errlen, "%s: larger than the %u MB limit", name,
				 ATTEST_MAX_DOCUMENT >> 20);
			rc = ATTEST_ERR_TOO_LARGE;
			break;
		}
		if (got == 0) {
			if (ferror(f)) {
				snprintf(err, errlen, "%s: read error: %s", name, strerror(errno));
				rc = ATTEST_ERR_IO;
			}
			break;
		}
	}
	if (!is_stdin)
		fclose(f);
	if (rc != ATTEST_OK)
		buf_clear(out);
	return rc;
}

attest_status read_check_text(const char *name, const unsigned char *s, size_t n, char *err,
			      size_t errlen, char *warn, size_t warnlen)
{
	warn[0] = '\0';
	if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
		snprintf(err, errlen, "%s: UTF-16 text is not supported; convert it to UTF-8 "
			 "(iconv -f UTF-16 -t UTF-8)", name);
		return ATTEST_ERR_ENCODING;
	}
	utf8_report r;
	utf8_scan(s, n, &r);
	if (r.nul) {
		snprintf(err, errlen, "%s: binary data, not text (NUL byte at offset %zu)", name,
			 r.first_nul);
		return ATTEST_ERR_BINARY;
	}
	if ((double)(r.controls + r.invalid) > BINARY_RATIO * (double)n && r.controls + r.invalid > 8) {
		snprintf(err, errlen, "%s: binary data, not text (%zu control bytes and %zu "
			 "invalid UTF-8 sequences in %zu bytes)", name, r.controls, r.invalid, n);
		return ATTEST_ERR_BINARY;
	}
	if (r.invalid)
		snprintf(warn, warnlen, "%s: warning: %zu invalid UTF-8 byte%s (first at offset %zu), "
			 "read as U+FFFD", name, r.invalid, r.invalid == 1 ? "" : "s", r.first_invalid);
	return ATTEST_OK;
}

attest_format read_sniff(const unsigned char *s, size_t n)
{
	size_t i = 0;
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		i = 3;
	while (i < n && (utf8_class[s[i]] & CC_SPACE))
		i++;
	static const char *const marks[] = {"<!doctype html", "<html", "<head", "<!--", "<?xml", "<body", NULL};
	for (int k = 0; marks[k]; k++) {
		size_t l = strlen(marks[k]);
		if (n - i >= l && strncasecmp((const char *)s + i, marks[k], l) == 0)
			return ATTEST_FORMAT_HTML;
	}
	return ATTEST_FORMAT_TEXT;
}
