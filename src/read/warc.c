/*
 * warc.c: stage 1 for crawl archives, archive bytes -> HTML and text
 * payloads with their URI and fetch date.
 *
 * Three layers, each on top of the one before:
 *   stream   the file, plain or a series of gzip members (inflateReset at
 *            each member's end); a corrupt member is skipped to the next
 *            gzip magic, a truncated one ends the stream, both reported once
 *            with the member's offset;
 *   record   WARC records (version line, named headers, Content-Length
 *            bytes, a blank line) or ARC records (one header line "URL IP
 *            DATE TYPE [...] LENGTH", then LENGTH bytes); a record whose
 *            length does not land on a record boundary is dropped, and the
 *            reader skips to the next line that starts a record;
 *   payload  a response's HTTP status line and headers: 2xx HTML and text
 *            only, chunked transfer coding undone, gzip/deflate content
 *            coding inflated, the charset kept for the HTML reader.
 * The key decision: a record is read only as far as needed to know whether
 * it is wanted (its WARC headers, then its HTTP headers), so an image or a
 * video is skipped without being held in memory, and nothing is read whole
 * but one wanted record, at most WARC_MAX_RECORD bytes.
 */
#include "read/warc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "base/buf.h"
#include "read/read.h"

#define IN_CHUNK (64u * 1024u)
#define OUT_CHUNK (64u * 1024u)
/* Bytes of a response read before its HTTP headers decide whether it is
 * wanted. */
#define HTTP_PEEK (64u * 1024u)
#define MAX_URI 8192
#define MAX_ERR 1024

struct warc {
	FILE *f;
	char *name;
	int gz, arc, arc_fields;       /* arc_fields: header fields of an ARC record (5 or 10) */
	int eof, in_member, resync;
	z_stream z;
	unsigned char in[IN_CHUNK];
	uint64_t in_off;               /* file offset of in[0] */
	uint64_t member, cur_member;   /* start of the member being inflated / that out[] came from */
	unsigned char out[OUT_CHUNK];
	size_t out_pos, out_len;
	uint64_t pos;                  /* offset of out[out_pos] in the (inflated) stream */
	char pending[MAX_ERR];         /* a stream error to report on the next call */
	uint64_t records;              /* record headers read */
	buf line, block, body, tmp;
	char uri[MAX_URI];
	char date[11];
	char charset[64];
};

/* ---- stream ------------------------------------------------------------ */

static uint64_t in_pos(const warc *w) { return w->in_off + (uint64_t)(w->z.next_in - w->in); }

/* Moves unread input to the front and reads more; bytes read, 0 at EOF. */
static size_t refill(warc *w)
{
	size_t keep = w->z.avail_in;
	w->in_off = in_pos(w);
	if (keep)
		memmove(w->in, w->z.next_in, keep);
	size_t n = fread(w->in + keep, 1, sizeof w->in - keep, w->f);
	w->z.next_in = w->in;
	w->z.avail_in = (uInt)(keep + n);
	return n;
}

/* Skips input to the next gzip magic (1f 8b 08), or to the end. */
static void seek_member(warc *w)
{
	for (;;) {
		while (w->z.avail_in >= 3) {
			unsigned char *p = memchr(w->z.next_in, 0x1f, w->z.avail_in - 2);
			if (!p) {
				w->z.next_in += w->z.avail_in - 2;
				w->z.avail_in = 2;
				break;
			}
			w->z.avail_in -= (uInt)(p - w->z.next_in);
			w->z.next_in = p;
			if (p[1] == 0x8b && p[2] == 0x08)
				return;
			w->z.next_in++;
			w->z.avail_in--;
		}
		if (refill(w) == 0) {
			w->z.next_in += w->z.avail_in;
			w->z.avail_in = 0;
			return;
		}
	}
}

/* Inflates until out[] holds bytes of one member: 1, 0 at the end, -1 with
 * w->pending set for a corrupt or truncated member. */
static int inflate_more(warc *w)
{
	for (;;) {
		if (w->z.avail_in == 0 && refill(w) == 0) {
			w->eof = 1;
			if (ferror(w->f)) {
				snprintf(w->pending, sizeof w->pending, "%s: read error at offset %llu: %s", w->name,
					 (unsigned long long)in_pos(w), strerror(errno));
				return -1;
			}
			if (w->in_member) {
				w->in_member = 0;
				snprintf(w->pending, sizeof w->pending, "%s: gzip member at offset %llu is truncated "
					 "(the file ends inside it)", w->name, (unsigned long long)w->member);
				return -1;
			}
			return 0;
		}
		if (!w->in_member) {
			while (w->z.avail_in && *w->z.next_in == 0) { /* padding between members */
				w->z.next_in++;
				w->z.avail_in--;
			}
			if (!w->z.avail_in)
				continue;
			w->member = in_pos(w);
			w->in_member = 1;
		}
		w->z.next_out = w->out;
		w->z.avail_out = sizeof w->out;
		int rc = inflate(&w->z, Z_NO_FLUSH);
		w->out_pos = 0;
		w->out_len = sizeof w->out - w->z.avail_out;
		w->cur_member = w->member;
		if (rc == Z_STREAM_END) {
			inflateReset(&w->z);
			w->in_member = 0;
		} else if (rc != Z_OK && rc != Z_BUF_ERROR) {
			snprintf(w->pending, sizeof w->pending, "%s: gzip member at offset %llu is corrupt (%s); "
				 "skipped to the next member", w->name, (unsigned long long)w->member,
				 w->z.msg ? w->z.msg : "bad data");
			inflateReset(&w->z);
			w->in_member = 0;
			w->out_len = 0;
			if (w->z.avail_in) { /* not at this member's own magic again */
				w->z.next_in++;
				w->z.avail_in--;
			}
			seek_member(w);
			return -1;
		}
		if (w->out_len)
			return 1;
	}
}

/* Makes out[] non-empty: 1, 0 at the end, -1 on a stream error. */
static int more(warc *w)
{
	if (w->out_pos < w->out_len)
		return 1;
	if (w->gz)
		return inflate_more(w);
	w->cur_member = w->pos;
	w->out_pos = 0;
	w->out_len = fread(w->out, 1, sizeof w->out, w->f);
	if (w->out_len)
		return 1;
	if (ferror(w->f)) {
		snprintf(w->pending, sizeof w->pending, "%s: read error at offset %llu: %s", w->name,
			 (unsigned long long)w->pos, strerror(errno));
		return -1;
	}
	return 0;
}

/* The offset of the next byte (after more()) as a record offset: its gzip
 * member's, or its own in a plain file. */
static uint64_t here(const warc *w)
{
	return w->gz ? w->cur_member : w->pos;
}

/* One line into w->line (the newline kept), cut at WARC_MAX_LINE: 1, 0 at
 * the end, -1 on a stream error. */
static int read_line(warc *w)
{
	buf_clear(&w->line);
	for (;;) {
		int r = more(w);
		if (r <= 0)
			return r < 0 ? -1 : w->line.len > 0;
		const unsigned char *s = w->out + w->out_pos;
		size_t avail = w->out_len - w->out_pos;
		const unsigned char *nl = memchr(s, '\n', avail);
		size_t n = nl ? (size_t)(nl - s) + 1 : avail;
		size_t room = WARC_MAX_LINE - w->line.len;
		if (buf_add(&w->line, s, n < room ? n : room) < 0)
			return -1;
		w->out_pos += n;
		w->pos += n;
		if (nl)
			return 1;
	}
}

/* Reads N bytes into DST (appended), or skips them when DST is NULL; the
 * bytes got (fewer at the end), or -1 on a stream error or out of memory. */
static long long read_bytes(warc *w, buf *dst, size_t n)
{
	size_t got = 0;
	while (got < n) {
		int r = more(w);
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		size_t k = w->out_len - w->out_pos;
		if (k > n - got)
			k = n - got;
		if (dst && buf_add(dst, w->out + w->out_pos, k) < 0)
			return -1;
		w->out_pos += k;
		w->pos += k;
		got += k;
	}
	return (long long)got;
}

/* ---- helpers ----------------------------------------------------------- */

static int blank(const buf *l)
{
	for (size_t i = 0; i < l->len; i++)
		if (l->data[i] != '\r' && l->data[i] != '\n' && l->data[i] != ' ' && l->data[i] != '\t')
			return 0;
	return 1;
}

static void chomp(buf *l)
{
	while (l->len && (l->data[l->len - 1] == '\n' || l->data[l->len - 1] == '\r'))
		l->data[--l->len] = '\0';
}

/* A decimal length; -1 for anything else. */
static long long parse_len(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (n == 0 || n > 15)
		return -1;
	long long v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* The URI without <> (wget 1.14) and surrounding blanks, inner spaces as %20. */
static void set_uri(warc *w, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t' || *s == '<'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '>'))
		n--;
	size_t o = 0;
	for (size_t i = 0; i < n && o + 4 < sizeof w->uri; i++) {
		if (s[i] == ' ') {
			memcpy(w->uri + o, "%20", 3);
			o += 3;
		} else if ((unsigned char)s[i] >= 0x20) {
			w->uri[o++] = s[i];
		}
	}
	w->uri[o] = '\0';
}

/* "2017-03-06T04:03:53Z" or "20170306040353" -> "2017-03-06"; else "". */
static void set_date(warc *w, const char *s, size_t n)
{
	w->date[0] = '\0';
	while (n && *s == ' ')
		s++, n--;
	char d[8];
	if (n >= 10 && s[4] == '-' && s[7] == '-')
		memcpy(d, s, 4), memcpy(d + 4, s + 5, 2), memcpy(d + 6, s + 8, 2);
	else if (n >= 8)
		memcpy(d, s, 8);
	else
		return;
	for (int i = 0; i < 8; i++)
		if (d[i] < '0' || d[i] > '9')
			return;
	int m = (d[4] - '0') * 10 + d[5] - '0', day = (d[6] - '0') * 10 + d[7] - '0';
	if (m < 1 || m > 12 || day < 1 || day > 31)
		return;
	snprintf(w->date, sizeof w->date, "%.4s-%.2s-%.2s", d, d + 4, d + 6);
}

/* Case-insensitive: does S (N bytes) start with PREFIX? */
static int starts(const char *s, size_t n, const char *prefix)
{
	size_t l = strlen(prefix);
	return n >= l && strncasecmp(s, prefix, l) == 0;
}

/* The value of header NAME in the line S (N bytes, no newline), or NULL. */
static const char *field(const char *s, size_t n, const char *name, size_t *vlen)
{
	size_t l = strlen(name);
	if (n <= l || s[l] != ':' || strncasecmp(s, name, l) != 0)
		return NULL;
	const char *v = s + l + 1;
	size_t k = n - l - 1;
	while (k && (*v == ' ' || *v == '\t'))
		v++, k--;
	while (k && (v[k - 1] == ' ' || v[k - 1] == '\t' || v[k - 1] == '\r'))
		k--;
	*vlen = k;
	return v;
}

/* The format a Content-Type value is read as, or -1 when not wanted. */
static int type_format(const char *v, size_t n)
{
	if (starts(v, n, "text/html") || starts(v, n, "application/xhtml+xml"))
		return ATTEST_FORMAT_HTML;
	if (starts(v, n, "text/plain"))
		return ATTEST_FORMAT_TEXT;
	return -1;
}

/* The charset parameter of a Content-Type value into w->charset. */
static void set_charset(warc *w, const char *v, size_t n)
{
	w->charset[0] = '\0';
	for (size_t i = 0; i + 8 <= n; i++) {
		if (strncasecmp(v + i, "charset=", 8) != 0)
			continue;
		const char *c = v + i + 8;
		size_t k = 0, left = n - i - 8;
		if (left && (*c == '"' || *c == '\''))
			c++, left--;
		while (k < left && k + 1 < sizeof w->charset && c[k] != ';' && c[k] != '"' && c[k] != '\'' &&
		       c[k] != ' ')
			k++;
		memcpy(w->charset, c, k);
		w->charset[k] = '\0';
		return;
	}
}

/* ---- payload ----------------------------------------------------------- */

/* Undoes chunked transfer coding of S[0..N) into w->tmp: 1, 0 when S does
 * not start with a chunk (it is then taken as not chunked), -1 when broken.
 * A body that ends after a whole chunk, without the last empty one, is
 * kept: crawlers cut long downloads so. */
static int dechunk(warc *w, const unsigned char *s, size_t n)
{
	buf_clear(&w->tmp);
	size_t i = 0;
	for (int first = 1;; first = 0) {
		if (i >= n && !first)
			return 1;
		size_t size = 0, digits = 0, start = i;
		for (; i < n && digits < 16; i++, digits++) {
			int c = s[i] | 32;
			int v = s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
			if (v < 0)
				break;
			size = size * 16 + (size_t)v;
		}
		if (!digits || (i < n && (!s[i] || !strchr("; \t\r\n", s[i]))))
			return first ? 0 : -1;
		while (i < n && s[i] != '\n' && i - start < 256)
			i++; /* chunk extensions */
		if (i >= n || s[i] != '\n' || size > n - i - 1)
			return first ? 0 : -1;
		i++;
		if (size == 0)
			return 1;
		if (buf_add(&w->tmp, s + i, size) < 0)
			return -1;
		i += size;
		if (i < n && s[i] == '\r')
			i++;
		if (i < n && s[i] == '\n')
			i++;
	}
}

/* Inflates S[0..N) (gzip or zlib, else raw deflate) into w->tmp, at most
 * WARC_MAX_RECORD bytes: 0, or -1 with a reason in *WHY. */
static int gunzip(warc *w, const unsigned char *s, size_t n, const char **why)
{
	for (int raw = 0; raw < 2; raw++) {
		z_stream z;
		memset(&z, 0, sizeof z);
		if (inflateInit2(&z, raw ? -15 : 15 + 32) != Z_OK) {
			*why = "out of memory";
			return -1;
		}
		buf_clear(&w->tmp);
		z.next_in = (unsigned char *)(uintptr_t)s;
		z.avail_in = (uInt)n;
		int rc = Z_OK;
		while (rc == Z_OK) {
			if (w->tmp.len >= WARC_MAX_RECORD || buf_reserve(&w->tmp, OUT_CHUNK) < 0) {
				rc = Z_MEM_ERROR;
				break;
			}
			z.next_out = (unsigned char *)w->tmp.data + w->tmp.len;
			z.avail_out = (uInt)(w->tmp.cap - w->tmp.len - 1);
			size_t before = z.avail_out;
			rc = inflate(&z, Z_NO_FLUSH);
			w->tmp.len += before - z.avail_out;
			w->tmp.data[w->tmp.len] = '\0';
			if (rc == Z_BUF_ERROR && z.avail_in == 0)
				break; /* the body ends early: keep what inflated */
		}
		inflateEnd(&z);
		if (rc == Z_STREAM_END || (rc == Z_BUF_ERROR && w->tmp.len))
			return 0;
		if (rc == Z_MEM_ERROR) {
			*why = "content decompresses past the 64 MB limit";
			return -1;
		}
		if (rc != Z_DATA_ERROR || raw) {
			*why = "bad gzip/deflate content encoding";
			return -1;
		}
	}
	return -1;
}

typedef struct http {
	int status;
	int format;           /* -1: not wanted */
	int chunked, coded;   /* coded: 1 gzip/deflate, 2 something else */
	size_t head;          /* bytes of status line and headers */
	int complete;         /* 1 when the headers end inside the bytes seen */
} http;

/* Reads the HTTP status line and headers at S[0..N). */
static void http_head(warc *w, const unsigned char *s, size_t n, http *h)
{
	memset(h, 0, sizeof *h);
	h->format = -2; /* no Content-Type: sniff the body */
	w->charset[0] = '\0';
	const char *p = (const char *)s;
	size_t i = 0;
	while (i < n) {
		const char *nl = memchr(p + i, '\n', n - i);
		if (!nl)
			return;
		size_t len = (size_t)(nl - (p + i)), vlen;
		const char *l = p + i, *v;
		i += len + 1;
		if (len && l[len - 1] == '\r')
			len--;
		if (l == p) {
			if (len < 12 || !starts(l, len, "HTTP/") || !memchr(l, ' ', len))
				return;
			const char *sp = memchr(l, ' ', len);
			h->status = atoi(sp + 1);
			continue;
		}
		if (len == 0) {
			h->head = i;
			h->complete = 1;
			return;
		}
		if ((v = field(l, len, "Content-Type", &vlen))) {
			h->format = type_format(v, vlen);
			set_charset(w, v, vlen);
		} else if ((v = field(l, len, "Transfer-Encoding", &vlen))) {
			h->chunked = starts(v, vlen, "chunked");
		} else if ((v = field(l, len, "Content-Encoding", &vlen))) {
			h->coded = starts(v, vlen, "gzip") || starts(v, vlen, "x-gzip") || starts(v, vlen, "deflate") ? 1
				   : starts(v, vlen, "identity") || vlen == 0 ? 0 : 2;
		}
	}
}

/* ---- records ----------------------------------------------------------- */

typedef enum { R_SKIP, R_HTTP, R_PLAIN } rkind;

typedef struct rhead {
	uint64_t offset;
	long long length;
	rkind kind;
	int format;            /* R_PLAIN: from the WARC Content-Type */
} rhead;

/* Reports the record H as damaged; the reader then skips, without more
 * messages, to the next line that starts a record. */
static int damaged(warc *w, const rhead *h, char *err, size_t errlen, const char *why)
{
	w->resync = 1;
	if (w->uri[0])
		snprintf(err, errlen, "%s: record at offset %llu (%.300s): %s", w->name,
			 (unsigned long long)h->offset, w->uri, why);
	else
		snprintf(err, errlen, "%s: record at offset %llu: %s", w->name, (unsigned long long)h->offset, why);
	return -1;
}

/* The named headers of a WARC record after its version line: 1, 0 broken. */
static int warc_headers(warc *w, rhead *h)
{
	size_t total = 0;
	int type = 0; /* 1 response, 2 resource */
	int http_ct = 0, fmt = -1;
	for (;;) {
		int r = read_line(w);
		if (r <= 0)
			return 0;
		total += w->line.len;
		if (total > WARC_MAX_HEADERS)
			return 0;
		if (blank(&w->line))
			break;
		chomp(&w->line);
		const char *l = w->line.data, *v;
		size_t n = w->line.len, vlen;
		if ((v = field(l, n, "WARC-Type", &vlen)))
			type = starts(v, vlen, "response") ? 1 : starts(v, vlen, "resource") ? 2 : 0;
		else if ((v = field(l, n, "WARC-Target-URI", &vlen)) || (v = field(l, n, "WARC-Target-URL", &vlen)))
			set_uri(w, v, vlen);
		else if ((v = field(l, n, "WARC-Date", &vlen)))
			set_date(w, v, vlen);
		else if ((v = field(l, n, "Content-Length", &vlen)))
			h->length = parse_len(v, vlen);
		else if ((v = field(l, n, "Content-Type", &vlen))) {
			http_ct = starts(v, vlen, "application/http");
			fmt = type_format(v, vlen);
			set_charset(w, v, vlen);
		}
	}
	/* Resources are pages a browser saved; a crawler's own (wget's log and
	 * manifest as metadata:// resources) are not. */
	h->kind = type == 1 && http_ct ? R_HTTP : type == 2 && fmt >= 0 && starts(w->uri, strlen(w->uri), "http")
										? R_PLAIN : R_SKIP;
	h->format = fmt;
	return 1;
}

/* An ARC header line "URL IP DATE TYPE LENGTH" (v1) or with five more
 * fields before LENGTH (v2); the URL may hold spaces, so fields are taken
 * from the right.  1, or 0 when the line is no ARC header. */
static int arc_header(warc *w, rhead *h)
{
	chomp(&w->line);
	char *l = w->line.data;
	size_t n = w->line.len;
	const char *f[10];
	size_t fl[10];
	int k = w->arc_fields ? w->arc_fields : 5;
	size_t end = n;
	for (int i = k - 1; i >= 1; i--) {
		while (end && l[end - 1] == ' ')
			end--;
		size_t start = end;
		while (start && l[start - 1] != ' ')
			start--;
		if (start == 0)
			return 0;
		f[i] = l + start;
		fl[i] = end - start;
		end = start;
	}
	while (end && l[end - 1] == ' ')
		end--;
	if (!end)
		return 0;
	f[0] = l;
	fl[0] = end;
	h->length = parse_len(f[k - 1], fl[k - 1]);
	if (h->length < 0 || !memchr(f[0], ':', fl[0]) || fl[2] < 8 || parse_len(f[2], 8) < 0)
		return 0;
	set_uri(w, f[0], fl[0]);
	set_date(w, f[2], fl[2]);
	h->kind = starts(f[0], fl[0], "http") ? R_HTTP : R_SKIP;
	if (starts(f[0], fl[0], "filedesc:"))
		h->kind = R_SKIP, h->format = -3;
	return 1;
}

/* The ARC version block "1 0 ..." / "2 0 ..." sets the field count. */
static void arc_version(warc *w)
{
	if (w->block.len >= 2 && w->block.data[0] == '2' && w->block.data[1] == ' ')
		w->arc_fields = 10;
	else
		w->arc_fields = 5;
}

/* Reads the next record's header: 1, 0 at the end, -1 damaged (ERR). */
static int next_head(warc *w, rhead *h, char *err, size_t errlen)
{
	memset(h, 0, sizeof *h);
	for (;;) {
		if (more(w) < 0)
			return -1;
		h->offset = here(w);
		w->uri[0] = w->date[0] = w->charset[0] = '\0';
		int r = read_line(w);
		if (r < 0)
			return -1;
		if (r == 0)
			return 0;
		if (blank(&w->line))
			continue;
		int ok, version = !w->arc && starts(w->line.data, w->line.len, "WARC/");
		h->length = -1;
		if (w->arc)
			ok = arc_header(w, h);
		else
			ok = version && warc_headers(w, h);
		if (ok && h->length >= 0) {
			w->resync = 0;
			w->records++;
			return 1;
		}
		if (w->resync)
			continue;
		if (!version)
			w->uri[0] = '\0';
		if (version)
			return damaged(w, h, err, errlen, "no valid Content-Length, or headers past 256 KB; skipped to the "
				       "next record");
		return damaged(w, h, err, errlen, "no record header here (a wrong length before it?); skipped "
			       "to the next record");
	}
}

/* After a record's block: its terminator must follow (a blank line, the
 * end, or the end of its gzip member), else its length was wrong.  1 good, 0 bad, -1 stream error. */
static int trailer_ok(warc *w)
{
	if (w->gz && w->out_pos == w->out_len && !w->in_member)
		return 1; /* its gzip member ends here: a record boundary (ARCs recompressed without the newline) */
	int r = more(w);
	if (r <= 0)
		return r;
	unsigned char c = w->out[w->out_pos];
	return c == '\r' || c == '\n';
}

/* Decodes the HTTP payload of w->block into REC: 1, 0 not wanted, -1 (ERR). */
static int payload(warc *w, const rhead *h, const http *hp, warc_record *rec, char *err, size_t errlen)
{
	const unsigned char *s = (const unsigned char *)w->block.data + hp->head;
	size_t n = w->block.len - hp->head;
	int fmt = hp->format;
	if (hp->chunked) {
		int r = dechunk(w, s, n);
		if (r < 0)
			return damaged(w, h, err, errlen, "bad chunked transfer encoding; record skipped");
		if (r > 0) {
			buf t = w->body;
			w->body = w->tmp;
			w->tmp = t;
			s = (const unsigned char *)w->body.data;
			n = w->body.len;
		}
	}
	if (hp->coded == 2)
		return damaged(w, h, err, errlen, "unsupported Content-Encoding; record skipped");
	if (hp->coded == 1 && n) {
		const char *why = NULL;
		if (gunzip(w, s, n, &why) < 0)
			return damaged(w, h, err, errlen, why);
		s = (const unsigned char *)w->tmp.data;
		n = w->tmp.len;
	}
	if (fmt == -2)
		fmt = read_sniff(s, n) == ATTEST_FORMAT_HTML ? ATTEST_FORMAT_HTML : -1;
	if (fmt < 0 || n == 0)
		return 0; /* not a page, or an empty one */
	rec->format = (attest_format)fmt;
	rec->data = s;
	rec->len = n;
	rec->charset = w->charset[0] ? w->charset : NULL;
	return 1;
}

/* One record: 1 delivered, 0 skipped, 2 at the end, -1 damaged (ERR). */
static int record(warc *w, warc_record *rec, char *err, size_t errlen)
{
	rhead h;
	int r = next_head(w, &h, err, errlen);
	if (r <= 0)
		return r < 0 ? -1 : 2;
	uint64_t len = (uint64_t)h.length;
	buf_clear(&w->block);
	if (h.kind == R_SKIP && h.format != -3) {
		if (read_bytes(w, NULL, len) < 0)
			return -1;
		return trailer_ok(w) == 0 ? damaged(w, &h, err, errlen, "wrong Content-Length (no record end "
						    "after it); skipped to the next record") : 0;
	}
	/* Read far enough to decide: the HTTP headers, or the ARC version. */
	uint64_t first = len < HTTP_PEEK ? len : HTTP_PEEK;
	long long got = read_bytes(w, &w->block, first);
	if (got < 0)
		return -1;
	int cut = (uint64_t)got < first;
	if (h.format == -3) {
		arc_version(w);
		return cut ? 0 : read_bytes(w, NULL, len - first) < 0 ? -1 : 0;
	}
	http hp = {.format = h.format, .complete = 1};
	if (h.kind == R_HTTP) {
		http_head(w, (const unsigned char *)w->block.data, w->block.len, &hp);
		if (!hp.complete && first == len && !cut)
			return damaged(w, &h, err, errlen, "no end to its HTTP headers; record skipped");
	}
	size_t ul = strlen(w->uri);
	int robots = ul >= 11 && strcmp(w->uri + ul - 11, "/robots.txt") == 0;
	int wanted = !robots && hp.complete && hp.format != -1 &&
		     (h.kind == R_PLAIN || (hp.status >= 200 && hp.status < 300));
	if (wanted && len > WARC_MAX_RECORD) {
		if (!cut && read_bytes(w, NULL, len - first) < 0)
			return -1;
		return damaged(w, &h, err, errlen, "larger than the 64 MB record limit; skipped");
	}
	if (cut)
		return damaged(w, &h, err, errlen, "truncated (the archive ends inside it)");
	if (!wanted) {
		if (read_bytes(w, NULL, len - first) < 0)
			return -1;
		return trailer_ok(w) == 0 ? damaged(w, &h, err, errlen, "wrong Content-Length; skipped to the "
						    "next record") : 0;
	}
	got = read_bytes(w, &w->block, len - first);
	if (got < 0)
		return -1;
	if ((uint64_t)got < len - first)
		return damaged(w, &h, err, errlen, "truncated (the archive ends inside it)");
	if (trailer_ok(w) == 0)
		return damaged(w, &h, err, errlen, "wrong Content-Length (no record end after it); record "
			       "skipped");
	memset(rec, 0, sizeof *rec);
	rec->offset = h.offset;
	rec->uri = w->uri;
	rec->date = w->date;
	return payload(w, &h, &hp, rec, err, errlen);
}

int warc_next(warc *w, warc_record *rec, char *err, size_t errlen)
{
	err[0] = '\0';
	for (;;) {
		if (w->pending[0]) { /* a stream error: reported once, then on from the next record */
			snprintf(err, errlen, "%s", w->pending);
			w->pending[0] = '\0';
			w->resync = 1;
			return -1;
		}
		int r = record(w, rec, err, errlen);
		if (r < 0 && w->pending[0])
			continue; /* the stream's error is the cause: report it alone */
		if (r == 1 || (r < 0 && err[0]))
			return r;
		if (r < 0 && !w->pending[0]) {
			snprintf(err, errlen, "%s: out of memory", w->name);
			return -1;
		}
		if (r == 2 && !w->pending[0])
			return 0;
	}
}

/* ---- open, close, sniff ------------------------------------------------ */

/* The first bytes of PATH, gunzipped when they are gzip: their length
 * into HEAD (at most CAP), or -1 when PATH cannot be read. */
static long peek_start(FILE *f, unsigned char *head, size_t cap, int *gz)
{
	unsigned char raw[4096];
	size_t n = fread(raw, 1, sizeof raw, f);
	*gz = n >= 2 && raw[0] == 0x1f && raw[1] == 0x8b;
	if (!*gz) {
		size_t k = n < cap ? n : cap;
		memcpy(head, raw, k);
		return (long)k;
	}
	z_stream z;
	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, 15 + 16) != Z_OK)
		return -1;
	z.next_in = raw;
	z.avail_in = (uInt)n;
	z.next_out = head;
	z.avail_out = (uInt)cap;
	inflate(&z, Z_SYNC_FLUSH);
	long got = (long)(cap - z.avail_out);
	inflateEnd(&z);
	return got;
}

static int has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);
	return n >= k && strcasecmp(s + n - k, suf) == 0;
}

int warc_sniff(const char *path)
{
	if (has_suffix(path, ".warc") || has_suffix(path, ".warc.gz") || has_suffix(path, ".arc") ||
	    has_suffix(path, ".arc.gz"))
		return 1;
	if (strcmp(path, "-") == 0)
		return 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	unsigned char head[16];
	int gz;
	long n = peek_start(f, head, sizeof head, &gz);
	fclose(f);
	return (n >= 5 && memcmp(head, "WARC/", 5) == 0) || (n >= 11 && memcmp(head, "filedesc://", 11) == 0);
}

warc *warc_open(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	unsigned char head[16];
	int gz;
	long n = peek_start(f, head, sizeof head, &gz);
	int arc = n >= 11 && memcmp(head, "filedesc://", 11) == 0;
	if (n < 0 || (!arc && (n < 5 || memcmp(head, "WARC/", 5) != 0))) {
		snprintf(err, errlen, "%s: not a WARC or ARC archive (no WARC/ or filedesc:// header at its start)",
			 path);
		fclose(f);
		return NULL;
	}
	warc *w = calloc(1, sizeof *w);
	if (!w || !(w->name = strdup(path)) || fseek(f, 0, SEEK_SET) != 0 ||
	    (gz && inflateInit2(&w->z, 15 + 16) != Z_OK)) {
		snprintf(err, errlen, "%s: out of memory", path);
		if (w)
			free(w->name);
		free(w);
		fclose(f);
		return NULL;
	}
	w->f = f;
	w->gz = gz;
	w->arc = arc;
	w->z.next_in = w->in;
	buf_init(&w->line);
	buf_init(&w->block);
	buf_init(&w->body);
	buf_init(&w->tmp);
	return w;
}

void warc_close(warc *w)
{
	if (!w)
		return;
	if (w->gz)
		inflateEnd(&w->z);
	fclose(w->f);
	free(w->name);
	buf_free(&w->line);
	buf_free(&w->block);
	buf_free(&w->body);
	buf_free(&w->tmp);
	free(w);
}

uint64_t warc_consumed(const warc *w) { return w->gz ? in_pos(w) : w->pos; }

uint64_t warc_records(const warc *w) { return w->records; }

const char *warc_name(const warc *w) { return w->name; }
