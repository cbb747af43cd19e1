/*
 * out.c: writes query answers.  Three formats from one row source (an SQLite
 * statement): a human table with fixed column widths (so rows stream and
 * memory stays bounded; long values are cut with an ellipsis, whitespace runs
 * become one space, and the last column, the evidence, is never cut), JSON
 * Lines with typed values (integers, reals, text, null), and RFC 4180 CSV
 * with a header row.  Text that is not valid UTF-8 is repaired in JSON.
 */
#include <stdint.h>
#include <string.h>

#include "base/utf8.h"
#include "emit/emit.h"
#include "query/query.h"

void out_begin(outw *o, attest_output fmt, unsigned flags, FILE *f, const col *cols, size_t ncols)
{
	o->fmt = fmt;
	o->flags = flags;
	o->f = f;
	o->cols = cols;
	o->ncols = ncols;
	o->rows = 0;
	buf_init(&o->line);
}

static int blank(unsigned char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

/* The highlight markers of query answers (search snippets), private-use
 * characters U+E000 and U+E001, written as colours or brackets. */
static int marker(const char *s, size_t n)
{
	if (n < 3 || (unsigned char)s[0] != 0xee || (unsigned char)s[1] != 0x80)
		return 0;
	return (unsigned char)s[2] == 0x80 ? 1 : (unsigned char)s[2] == 0x81 ? 2 : 0;
}

static void put_marker(buf *b, int m, int color)
{
	if (color)
		buf_adds(b, m == 1 ? "\x1b[1;31m" : "\x1b[0m");
	else
		buf_addc(b, m == 1 ? '[' : ']');
}

/* Appends S[0..N) with whitespace runs folded to one space and control
 * bytes as spaces (so document text cannot drive the terminal), at most
 * LIMIT characters; returns the characters in all of S when folded (so the
 * caller knows whether it was cut). */
static size_t fold(buf *b, const char *s, size_t n, size_t limit, int color)
{
	size_t shown = 0, i = 0;
	while (i < n && blank((unsigned char)s[i]))
		i++;
	while (i < n) {
		if (blank((unsigned char)s[i])) {
			while (i < n && blank((unsigned char)s[i]))
				i++;
			if (i < n && shown++ < limit)
				buf_addc(b, ' ');
			continue;
		}
		unsigned char c = (unsigned char)s[i];
		int m = marker(s + i, n - i);
		if (m) {
			if (shown < limit)
				put_marker(b, m, color);
			shown += !color;
			i += 3;
			continue;
		}
		uint32_t cp;
		size_t l = c < 0x80 ? 1 : utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (shown++ < limit) {
			if (c < 0x20 || c == 0x7f)
				buf_addc(b, ' ');
			else
				buf_add(b, s + i, l);
		}
		i += l;
	}
	return shown;
}

/* Appends S as a table cell of WIDTH characters: cut with an ellipsis when
 * longer, padded when shorter; COL_WIDE cells are never cut. */
static void cell(buf *b, const char *s, size_t n, unsigned width, int color)
{
	if (width == COL_WIDE) {
		fold(b, s, n, SIZE_MAX, color);
		return;
	}
	size_t mark = b->len, all = fold(b, s, n, width, color);
	if (all > width) {
		b->len = mark;
		fold(b, s, n, width - 1, color);
		buf_adds(b, "\xe2\x80\xa6"); /* … */
		all = width;
	}
	for (; all < width; all++)
		buf_addc(b, ' ');
}

static void header(outw *o)
{
	buf *b = &o->line;
	for (size_t i = 0; i < o->ncols; i++) {
		const col *c = &o->cols[i];
		if (o->fmt == ATTEST_OUT_CSV) {
			buf_adds(b, i ? "," : "");
			buf_adds(b, c->name);
		} else if (c->width) {
			cell(b, c->name, strlen(c->name), c->width, 0);
			if (c->width != COL_WIDE)
				buf_adds(b, "  ");
		}
	}
	while (b->len && b->data[b->len - 1] == ' ')
		b->data[--b->len] = '\0';
	buf_addc(b, '\n');
}

static void csv_field(buf *b, const char *s, size_t n)
{
	if (!memchr(s, ',', n) && !memchr(s, '"', n) && !memchr(s, '\n', n) && !memchr(s, '\r', n)) {
		buf_add(b, s, n);
		return;
	}
	buf_addc(b, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			buf_addc(b, '"');
		buf_addc(b, s[i]);
	}
	buf_addc(b, '"');
}

int out_row(outw *o, sqlite3_stmt *st)
{
	buf *b = &o->line;
	buf_clear(b);
	if (o->rows++ == 0 && o->fmt != ATTEST_OUT_JSON)
		header(o);
	if (o->fmt == ATTEST_OUT_JSON)
		buf_addc(b, '{');
	for (size_t i = 0; i < o->ncols; i++) {
		const col *c = &o->cols[i];
		int t = sqlite3_column_type(st, (int)i);
		const char *s = (const char *)sqlite3_column_text(st, (int)i);
		size_t n = (size_t)sqlite3_column_bytes(st, (int)i);
		if (!s) {
			s = "";
			n = 0;
		}
		if (o->fmt == ATTEST_OUT_JSON) {
			buf_adds(b, i ? "," : "");
			emit_json_str(b, c->name, strlen(c->name));
			buf_addc(b, ':');
			if (t == SQLITE_NULL)
				buf_adds(b, "null");
			else if (t == SQLITE_INTEGER || t == SQLITE_FLOAT)
				buf_add(b, s, n);
			else
				emit_json_str(b, s, n);
		} else if (o->fmt == ATTEST_OUT_CSV) {
			buf_adds(b, i ? "," : "");
			csv_field(b, s, n);
		} else if (c->width) {
			cell(b, t == SQLITE_NULL ? "-" : s, t == SQLITE_NULL ? 1 : n, c->width, (o->flags & ATTEST_OUT_COLOR) != 0);
			if (c->width != COL_WIDE)
				buf_adds(b, "  ");
		}
	}
	if (o->fmt == ATTEST_OUT_JSON)
		buf_addc(b, '}');
	while (o->fmt == ATTEST_OUT_TABLE && b->len && b->data[b->len - 1] == ' ')
		b->data[--b->len] = '\0';
	buf_addc(b, '\n');
	return fwrite(b->data, 1, b->len, o->f) == b->len ? 0 : -1;
}

int out_end(outw *o)
{
	buf_free(&o->line);
	return fflush(o->f) == 0 ? 0 : -1;
}
