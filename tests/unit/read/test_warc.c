/*
 * Tests for src/read/warc.c (the streaming WARC/ARC reader) and the public
 * attest_archive_* calls: archives are built here, record by record, plain,
 * gzipped per record and gzipped whole, from pages written for the tests;
 * then broken on purpose (bad lengths, chunking, truncated and corrupt gzip
 * members) to check that only the damaged record is lost, with a message
 * naming the archive and the offset.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "attest.h"
#include "base/buf.h"
#include "read/warc.h"

static char dir[64];
static char path[128];

static void setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/attest-warc-XXXXXX");
	cr_assert(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_expect_eq(system(cmd), 0);
}

TestSuite(warc, .init = setup, .fini = teardown);

static const char PAGE[] =
	"<!doctype html><html><head><title>Ferry service resumes</title></head><body><article>"
	"<h1>Ferry service resumes after storm</h1>"
	"<p>The ferry between Lorin and the islands resumed on Tuesday, the operator said yesterday, "
	"after a storm closed the crossing for three days.</p>"
	"<p>About 400 passengers were stranded on the islands while the service was suspended, officials said.</p>"
	"</article></body></html>";

/* A WARC record of TYPE for URI with BLOCK; VERSION "1.0" by default. */
static void record(buf *b, const char *version, const char *type, const char *uri, const char *ctype,
		   const char *block, size_t blen)
{
	buf_printf(b, "WARC/%s\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%zu>\r\n", version ? version : "1.0",
		   type, b->len);
	if (uri)
		buf_printf(b, "WARC-Target-URI: %s\r\n", uri);
	buf_printf(b, "WARC-Date: 2021-03-10T08:15:00Z\r\nContent-Type: %s\r\nContent-Length: %zu\r\n\r\n", ctype,
		   blen);
	buf_add(b, block, blen);
	buf_adds(b, "\r\n\r\n");
}

/* A response record: HTTP HEADERS (each ending in \r\n) then BODY. */
static void response(buf *b, const char *uri, const char *status, const char *headers, const char *body,
		     size_t blen)
{
	buf h;
	buf_init(&h);
	buf_printf(&h, "HTTP/1.1 %s\r\n%s\r\n", status, headers);
	buf_add(&h, body, blen);
	record(b, NULL, "response", uri, "application/http; msgtype=response", h.data, h.len);
	buf_free(&h);
}

/* Gzip of S[0..N) as one member, appended to OUT. */
static void gzip_member(buf *out, const void *s, size_t n)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	cr_assert_eq(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
	buf_reserve(out, deflateBound(&z, n) + 64);
	z.next_in = (unsigned char *)(uintptr_t)s;
	z.avail_in = (uInt)n;
	z.next_out = (unsigned char *)out->data + out->len;
	z.avail_out = (uInt)(out->cap - out->len - 1);
	cr_assert_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
	out->len += z.total_out;
	deflateEnd(&z);
}

static const char *write_file(const char *name, const void *data, size_t n)
{
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	cr_assert(f);
	cr_assert_eq(fwrite(data, 1, n, f), n);
	fclose(f);
	return path;
}

/* The standard archive: warcinfo, request, an HTML response, an image, a
 * 404, a text resource.  Each record's bytes start at OFFS[i]. */
static void build(buf *b, size_t *offs)
{
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
	size_t k = 0;
	offs[k++] = b->len;
	record(b, NULL, "warcinfo", NULL, "application/warc-fields", "software: test\r\n", 16);
	offs[k++] = b->len;
	record(b, NULL, "request", "http://news.example/ferry", "application/http; msgtype=request",
	       "GET /ferry HTTP/1.1\r\n\r\n", 23);
	offs[k++] = b->len;
	response(b, "http://news.example/ferry", "200 OK", "Content-Type: text/html; charset=\"windows-1252\"\r\n",
		 PAGE, strlen(PAGE));
	offs[k++] = b->len;
	response(b, "http://news.example/logo.png", "200 OK", "Content-Type: image/png\r\n", png, sizeof png - 1);
	offs[k++] = b->len;
	response(b, "http://news.example/gone", "404 Not Found", "Content-Type: text/html\r\n", PAGE, strlen(PAGE));
	offs[k++] = b->len;
	record(b, "1.1", "resource", "http://news.example/notes.txt", "text/plain",
	       "Harbour notes: the pier reopened.\n", 34);
	offs[k] = b->len;
}

/* Reads every good record of the archive at P; damaged ones counted. */
typedef struct got {
	int n, bad;
	char uri[8][128];
	uint64_t off[8];
	char err[8][1024];
} got;

static void read_all(const char *p, got *g)
{
	char err[1024];
	memset(g, 0, sizeof *g);
	warc *w = warc_open(p, err, sizeof err);
	cr_assert(w, "%s", err);
	warc_record r;
	int rc;
	while ((rc = warc_next(w, &r, err, sizeof err)) != 0) {
		if (rc < 0) {
			cr_assert_lt(g->bad, 8);
			snprintf(g->err[g->bad++], sizeof g->err[0], "%s", err);
			cr_assert_lt(g->bad, 8, "too many errors: %s", err);
			continue;
		}
		cr_assert_lt(g->n, 8);
		snprintf(g->uri[g->n], sizeof g->uri[0], "%s", r.uri);
		g->off[g->n++] = r.offset;
	}
	warc_close(w);
}

Test(warc, plain_archive_gives_the_html_and_text_captures_only)
{
	buf b;
	buf_init(&b);
	size_t offs[8];
	build(&b, offs);
	char err[1024];
	warc *w = warc_open(write_file("a.warc", b.data, b.len), err, sizeof err);
	cr_assert(w, "%s", err);
	warc_record r;
	cr_assert_eq(warc_next(w, &r, err, sizeof err), 1, "%s", err);
	cr_expect_str_eq(r.uri, "http://news.example/ferry");
	cr_expect_str_eq(r.date, "2021-03-10");
	cr_expect_str_eq(r.charset, "windows-1252");
	cr_expect_eq(r.format, ATTEST_FORMAT_HTML);
	cr_expect_eq(r.offset, offs[2]);
	cr_expect(r.len == strlen(PAGE) && memcmp(r.data, PAGE, r.len) == 0, "the payload is the page");
	cr_assert_eq(warc_next(w, &r, err, sizeof err), 1, "%s", err);
	cr_expect_str_eq(r.uri, "http://news.example/notes.txt");
	cr_expect_eq(r.format, ATTEST_FORMAT_TEXT);
	cr_expect_eq(r.charset, NULL);
	cr_expect_eq(r.offset, offs[5]);
	cr_expect_eq(warc_next(w, &r, err, sizeof err), 0, "the image, the 404 and the rest are skipped: %s", err);
	cr_expect_eq(warc_consumed(w), b.len);
	warc_close(w);
	buf_free(&b);
}

Test(warc, gzip_per_record_and_whole_give_the_same_records_with_member_offsets)
{
	buf b, z, one;
	buf_init(&b);
	buf_init(&z);
	buf_init(&one);
	size_t offs[8], zoffs[8];
	build(&b, offs);
	for (int i = 0; i < 6; i++) {
		zoffs[i] = z.len;
		gzip_member(&z, b.data + offs[i], offs[i + 1] - offs[i]);
	}
	gzip_member(&one, b.data, b.len);
	got g;
	read_all(write_file("a.warc.gz", z.data, z.len), &g);
	cr_expect_eq(g.n, 2);
	cr_expect_eq(g.bad, 0, "%s", g.err[0]);
	cr_expect_str_eq(g.uri[0], "http://news.example/ferry");
	cr_expect_eq(g.off[0], zoffs[2], "a record's offset is its gzip member's");
	cr_expect_eq(g.off[1], zoffs[5]);
	read_all(write_file("b.warc.gz", one.data, one.len), &g);
	cr_expect_eq(g.n, 2);
	cr_expect_eq(g.bad, 0);
	cr_expect_str_eq(g.uri[1], "http://news.example/notes.txt");
	buf_free(&b);
	buf_free(&z);
	buf_free(&one);
}

Test(warc, chunked_and_gzip_content_is_decoded)
{
	buf b, body, gz;
	buf_init(&b);
	buf_init(&body);
	buf_init(&gz);
	gzip_member(&gz, PAGE, strlen(PAGE));
	size_t half = gz.len / 2;
	buf_printf(&body, "%zx\r\n", half);
	buf_add(&body, gz.data, half);
	buf_printf(&body, "\r\n%zx;ext=1\r\n", gz.len - half);
	buf_add(&body, gz.data + half, gz.len - half);
	buf_adds(&body, "\r\n0\r\n\r\n");
	response(&b, "http://news.example/a", "200 OK",
		 "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n", body.data,
		 body.len);
	/* Says chunked, is not: read as it is. */
	response(&b, "http://news.example/b", "200 OK", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
		 PAGE, strlen(PAGE));
	char err[1024];
	warc *w = warc_open(write_file("c.warc", b.data, b.len), err, sizeof err);
	cr_assert(w, "%s", err);
	warc_record r;
	for (int i = 0; i < 2; i++) {
		cr_assert_eq(warc_next(w, &r, err, sizeof err), 1, "%s", err);
		cr_expect(r.len == strlen(PAGE) && memcmp(r.data, PAGE, r.len) == 0, "record %d decoded", i);
	}
	cr_expect_eq(warc_next(w, &r, err, sizeof err), 0);
	warc_close(w);
	buf_free(&b);
	buf_free(&body);
	buf_free(&gz);
}

Test(warc, bad_chunking_loses_only_its_record)
{
	buf b;
	buf_init(&b);
	static const char broken[] = "10\r\n<html><body><p>A\r\nzz\r\nmore\r\n0\r\n\r\n";
	response(&b, "http://news.example/a", "200 OK", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
		 broken, sizeof broken - 1);
	size_t second = b.len;
	response(&b, "http://news.example/b", "200 OK", "Content-Type: text/html\r\n", PAGE, strlen(PAGE));
	got g;
	read_all(write_file("d.warc", b.data, b.len), &g);
	cr_expect_eq(g.n, 1);
	cr_expect_str_eq(g.uri[0], "http://news.example/b");
	cr_expect_eq(g.off[0], second);
	cr_assert_eq(g.bad, 1);
	cr_expect(strstr(g.err[0], "d.warc: record at offset 0 (http://news.example/a): bad chunked"), "%s", g.err[0]);
	buf_free(&b);
}

Test(warc, a_wrong_content_length_loses_only_its_record)
{
	buf b;
	buf_init(&b);
	response(&b, "http://news.example/a", "200 OK", "Content-Type: text/html\r\n", PAGE, strlen(PAGE));
	/* Make the first record's length 40 bytes short. */
	char *cl = strstr(b.data, "Content-Length: ");
	cr_assert(cl);
	size_t len = strtoul(cl + 16, NULL, 10);
	char num[32];
	int nd = snprintf(num, sizeof num, "%zu", len - 40);
	cr_assert_eq(nd, (int)strcspn(cl + 16, "\r"));
	memcpy(cl + 16, num, (size_t)nd);
	response(&b, "http://news.example/b", "200 OK", "Content-Type: text/html\r\n", PAGE, strlen(PAGE));
	/* And the second one's too long: it runs into the third. */
	response(&b, "http://news.example/c", "200 OK", "Content-Type: text/html\r\n", PAGE, strlen(PAGE));
	got g;
	read_all(write_file("e.warc", b.data, b.len), &g);
	cr_expect_eq(g.n, 2, "the records after it are read");
	cr_expect_str_eq(g.uri[0], "http://news.example/b");
	cr_expect_str_eq(g.uri[1], "http://news.example/c");
	cr_assert_eq(g.bad, 1, "one message, not one per skipped line");
	cr_expect(strstr(g.err[0], "e.warc: record at offset 0 (http://news.example/a): wrong Content-Length"), "%s",
		  g.err[0]);
	buf_free(&b);
}

Test(warc, truncated_and_corrupt_gzip_members_keep_the_good_records)
{
	buf b, z;
	buf_init(&b);
	buf_init(&z);
	size_t zoffs[4];
	for (int i = 0; i < 3; i++) {
		char uri[64];
		snprintf(uri, sizeof uri, "http://news.example/%d", i);
		buf_clear(&b);
		response(&b, uri, "200 OK", "Content-Type: text/html\r\n", PAGE, strlen(PAGE));
		zoffs[i] = z.len;
		gzip_member(&z, b.data, b.len);
	}
	zoffs[3] = z.len;
	/* Corrupt the middle member's deflate data. */
	buf c;
	buf_init(&c);
	buf_add(&c, z.data, z.len);
	memset(c.data + zoffs[1] + 30, 0xA5, 40);
	got g;
	read_all(write_file("f.warc.gz", c.data, c.len), &g);
	cr_expect_eq(g.n, 2);
	cr_expect_str_eq(g.uri[0], "http://news.example/0");
	cr_expect_str_eq(g.uri[1], "http://news.example/2");
	cr_assert_eq(g.bad, 1);
	char want[128];
	snprintf(want, sizeof want, "f.warc.gz: gzip member at offset %zu is corrupt", zoffs[1]);
	cr_expect(strstr(g.err[0], want), "%s", g.err[0]);
	/* Cut the file inside the last member. */
	read_all(write_file("g.warc.gz", z.data, zoffs[2] + (zoffs[3] - zoffs[2]) / 2), &g);
	cr_expect_eq(g.n, 2);
	cr_assert_eq(g.bad, 1);
	snprintf(want, sizeof want, "g.warc.gz: gzip member at offset %zu is truncated", zoffs[2]);
	cr_expect(strstr(g.err[0], want), "%s", g.err[0]);
	/* Cut a plain archive inside a record. */
	buf_clear(&b);
	response(&b, "http://news.example/x", "200 OK", "Content-Type: text/html\r\n", PAGE, strlen(PAGE));
	read_all(write_file("h.warc", b.data, b.len - 100), &g);
	cr_expect_eq(g.n, 0);
	cr_assert_eq(g.bad, 1);
	cr_expect(strstr(g.err[0], "h.warc: record at offset 0 (http://news.example/x): truncated"), "%s", g.err[0]);
	buf_free(&b);
	buf_free(&z);
	buf_free(&c);
}

Test(warc, odd_uris_and_old_versions)
{
	buf b;
	buf_init(&b);
	buf h;
	buf_init(&h);
	buf_printf(&h, "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n%s", PAGE);
	record(&b, "0.17", "response", "<http://news.example/with space.html>", "application/http; msgtype=response",
	       h.data, h.len);
	record(&b, "1.1", "response", "http://news.example/eleven", "application/http;msgtype=response", h.data, h.len);
	got g;
	read_all(write_file("i.warc", b.data, b.len), &g);
	cr_expect_eq(g.bad, 0, "%s", g.err[0]);
	cr_assert_eq(g.n, 2);
	cr_expect_str_eq(g.uri[0], "http://news.example/with%20space.html");
	cr_expect_str_eq(g.uri[1], "http://news.example/eleven");
	buf_free(&b);
	buf_free(&h);
}

Test(warc, oversized_capture_is_skipped_with_a_message)
{
	buf b;
	buf_init(&b);
	buf_adds(&b, "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://news.example/huge\r\n"
		     "Content-Type: application/http; msgtype=response\r\nContent-Length: 70000000\r\n\r\n"
		     "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>big</p>");
	got g;
	read_all(write_file("j.warc", b.data, b.len), &g);
	cr_expect_eq(g.n, 0);
	cr_assert_eq(g.bad, 1);
	cr_expect(strstr(g.err[0], "64 MB"), "%s", g.err[0]);
	buf_free(&b);
}

Test(warc, arc_files_with_spaces_in_urls)
{
	buf b, body;
	buf_init(&b);
	buf_init(&body);
	static const char desc[] = "1 0 Test Capture\nURL IP-address Archive-date Content-type Archive-length\n\n";
	buf_printf(&b, "filedesc://t.arc 0.0.0.0 20190402101500 text/plain %zu\n%s\n", sizeof desc - 1, desc);
	buf_printf(&body, "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n%s", PAGE);
	buf_printf(&b, "dns:news.example 10.0.0.1 20190402101500 text/dns 9\n10.0.0.2\n\n");
	buf_printf(&b, "http://news.example/a page.html 10.0.0.2 20190402101501 text/html %zu\n", body.len);
	buf_add(&b, body.data, body.len);
	buf_adds(&b, "\n");
	char err[1024];
	warc *w = warc_open(write_file("k.arc", b.data, b.len), err, sizeof err);
	cr_assert(w, "%s", err);
	warc_record r;
	cr_assert_eq(warc_next(w, &r, err, sizeof err), 1, "%s", err);
	cr_expect_str_eq(r.uri, "http://news.example/a%20page.html");
	cr_expect_str_eq(r.date, "2019-04-02");
	cr_expect_eq(r.len, strlen(PAGE));
	cr_expect_eq(warc_next(w, &r, err, sizeof err), 0, "%s", err);
	warc_close(w);
	buf_free(&b);
	buf_free(&body);
}

Test(warc, sniffing_and_refusing)
{
	buf b, z;
	buf_init(&b);
	buf_init(&z);
	size_t offs[8];
	build(&b, offs);
	gzip_member(&z, b.data, b.len);
	cr_expect(attest_is_archive(write_file("crawl.dat", b.data, b.len)), "WARC/ at the start");
	cr_expect(attest_is_archive(write_file("crawl.bin", z.data, z.len)), "gzip of WARC/");
	cr_expect(!attest_is_archive(write_file("page.html", PAGE, strlen(PAGE))));
	cr_expect(!attest_is_archive(write_file("page.gz", z.data, 10)), "gzip that is not a WARC");
	cr_expect(attest_is_archive("/no/such/dir/x.warc.gz"), "by name");
	cr_expect(!attest_is_archive("-"));
	attest_archive *ar;
	char err[1024];
	cr_expect_eq(attest_archive_open(&ar, write_file("fake.warc", PAGE, strlen(PAGE)), err), ATTEST_ERR_FORMAT);
	cr_expect_null(ar);
	cr_expect(strstr(err, "fake.warc: not a WARC or ARC archive"), "%s", err);
	cr_expect_eq(attest_archive_open(&ar, "/no/such/x.warc", err), ATTEST_ERR_IO);
	cr_expect(strstr(err, "/no/such/x.warc: cannot open"), "%s", err);
	buf_free(&b);
	buf_free(&z);
}

Test(warc, archive_documents_carry_their_source)
{
	buf b;
	buf_init(&b);
	response(&b, "http://news.example/2021/03/09/ferry", "200 OK", "Content-Type: text/html; charset=utf-8\r\n",
		 PAGE, strlen(PAGE));
	static const char bad[] = "\0\0\0binary\0";
	response(&b, "http://news.example/bin", "200 OK", "Content-Type: text/plain\r\n", bad, sizeof bad - 1);
	attest_archive *ar;
	char err[1024];
	cr_assert_eq(attest_archive_open(&ar, write_file("l.warc", b.data, b.len), err), ATTEST_OK, "%s", err);
	attest_doc *doc = attest_doc_new();
	cr_assert_eq(attest_doc_set_charset(doc, "koi8-r"), ATTEST_OK);
	attest_record rec;
	cr_assert_eq(attest_archive_next(ar, doc, &rec), 1, "%s", attest_archive_errmsg(ar));
	cr_expect_str_eq(rec.uri, "http://news.example/2021/03/09/ferry");
	cr_expect_str_eq(rec.date, "2021-03-10");
	cr_expect_eq(rec.offset, 0);
	const attest_article *a = attest_doc_article(doc, 0);
	cr_assert(a);
	cr_expect_str_eq(a->title, "Ferry service resumes after storm");
	cr_expect_str_eq(a->published, "2021-03-09", "the URL's date dates the page");
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);
	cr_assert_eq(attest_doc_write_json(doc, f, 0, rec.uri), ATTEST_OK);
	fclose(f);
	cr_expect(strstr(out, "\"text\":\"yesterday\",\"value\":{\"start\":\"2021-03-08\""),
		  "relative times resolve against the page's date: %s", out);
	free(out);
	cr_expect_eq(attest_archive_next(ar, doc, &rec), -1);
	cr_expect(strstr(attest_archive_errmsg(ar), "l.warc: record at offset "), "%s", attest_archive_errmsg(ar));
	cr_expect(strstr(attest_archive_errmsg(ar), "(http://news.example/bin): binary data"), "%s",
		  attest_archive_errmsg(ar));
	cr_expect_eq(attest_archive_next(ar, doc, &rec), 0);
	attest_archive_close(ar);
	/* The caller's charset is back for the next loads: a KOI8-R page. */
	static const char koi[] = "<html><body><p>\xf0\xd2\xc9\xd7\xc5\xd4 from the harbour office, said the "
				  "operator on Monday.</p></body></html>";
	cr_assert_eq(attest_doc_load_buffer(doc, "k.html", koi, sizeof koi - 1, ATTEST_FORMAT_HTML), ATTEST_OK);
	cr_expect(strstr(attest_doc_text(doc, NULL), "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82"), "%s",
		  attest_doc_text(doc, NULL));
	cr_expect_eq(attest_doc_set_source(doc, "http://x.example/", "2021-02-30"), ATTEST_ERR_USAGE);
	attest_doc_free(doc);
	buf_free(&b);
}

Test(warc, fetch_date_resolves_relative_times_without_a_page_date)
{
	attest_doc *doc = attest_doc_new();
	cr_assert_eq(attest_doc_set_ref_date(doc, "2000-01-01"), ATTEST_OK);
	cr_assert_eq(attest_doc_set_source(doc, "http://news.example/ferry", "2021-03-10"), ATTEST_OK);
	cr_assert_eq(attest_doc_load_buffer(doc, "p.html", PAGE, strlen(PAGE), ATTEST_FORMAT_HTML), ATTEST_OK);
	cr_expect_null(attest_doc_article(doc, 0)->published);
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);
	cr_assert_eq(attest_doc_write_json(doc, f, 0, NULL), ATTEST_OK);
	fclose(f);
	cr_expect(strstr(out, "\"text\":\"yesterday\",\"value\":{\"start\":\"2021-03-09\""), "%s", out);
	free(out);
	attest_doc_free(doc);
}

Test(warc, a_record_without_a_valid_length_is_reported_and_the_next_read)
{
	buf b;
	buf_init(&b);
	buf_adds(&b, "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://news.example/x\r\n"
		     "Content-Length: 12x\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>lost</p>\r\n\r\n");
	size_t second = b.len;
	response(&b, "http://news.example/b", "200 OK", "Content-Type: text/html\r\n", PAGE, strlen(PAGE));
	got g;
	read_all(write_file("m.warc", b.data, b.len), &g);
	cr_assert_eq(g.n, 1);
	cr_expect_eq(g.off[0], second);
	cr_assert_eq(g.bad, 1);
	cr_expect(strstr(g.err[0], "m.warc: record at offset 0 (http://news.example/x): no valid Content-Length"), "%s",
		  g.err[0]);
	buf_free(&b);
}
