/*
 * Tests for src/read/html.c through the public API: main text, metadata
 * from each source the page may give, charsets, limits.  The pages are
 * written by the team (tests/fixtures/html/ and strings below).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attest.h"

static attest_doc *doc;

static void setup(void) { doc = attest_doc_new(); }
static void teardown(void) { attest_doc_free(doc); }

TestSuite(html, .init = setup, .fini = teardown);

static const char *text(void) { return attest_doc_text(doc, NULL); }

static void load_fixture(const char *name)
{
	char path[256];
	snprintf(path, sizeof path, "fixtures/html/%s", name);
	attest_status st = attest_doc_load_file(doc, path, ATTEST_FORMAT_AUTO);
	cr_assert_eq(st, ATTEST_OK, "%s", attest_doc_errmsg(doc));
	cr_assert_geq(attest_doc_article_count(doc), 1);
}

static void load_string(const char *html, attest_format f)
{
	attest_status st = attest_doc_load_buffer(doc, "page.html", html, strlen(html), f);
	cr_assert_eq(st, ATTEST_OK, "%s", attest_doc_errmsg(doc));
}

static const attest_article *art(void) { return attest_doc_article(doc, 0); }

static void expect_str(const char *got, const char *want)
{
	cr_expect(got && strcmp(got, want) == 0, "got '%s', want '%s'", got ? got : "(null)", want);
}

Test(html, main_text_keeps_the_article_and_drops_the_page_around_it)
{
	load_fixture("og_meta.html");
	const char *t = text();
	cr_expect(strncmp(t, "Harbour bridge reopens after two years of repairs\n\n", 51) == 0, "title line first: %s", t);
	cr_expect(strstr(t, "\n\nThe harbour bridge reopened to traffic on Thursday morning"));
	cr_expect(strstr(t, "\n\nWhat changed\n\n"), "headings are lines of their own");
	cr_expect(strstr(t, "\n\n\"We kept the old arches"), "quotes kept");
	cr_expect(strstr(t, "paid for by the regional government and the port.\n"));
	static const char *const junk[] = {"cookies", "Sport", "Share on", "Advertisement", "Related stories",
					   "Ferry timetable", "morning briefing", "I drove across", "Copyright",
					   "Photo:", "not text", "color: black", "By Inga", NULL};
	for (int i = 0; junk[i]; i++)
		cr_expect(!strstr(t, junk[i]), "'%s' left in the main text", junk[i]);
	/* the h1 equal to the title is not repeated */
	cr_expect(!strstr(t + 10, "Harbour bridge reopens after two years"));
}

/* Loads FIXTURE and checks its article record; a NULL want is not checked. */
static void expect_record(const char *fixture, const char *title, const char *published, const char *author,
			  const char *publisher)
{
	load_fixture(fixture);
	const char *want[] = {title, published, author, publisher};
	const char *got[] = {art()->title, art()->published, art()->author, art()->publisher};
	for (int i = 0; i < 4; i++)
		if (want[i])
			expect_str(got[i], want[i]);
}

Test(html, open_graph_and_article_meta_fill_the_record)
{
	expect_record("og_meta.html", "Harbour bridge reopens after two years of repairs", "2024-03-07", "Inga Solberg",
		      "The Coastal Ledger");
}

Test(html, json_ld_headline_date_author_publisher)
{
	expect_record("jsonld.html", "Orchard growers expect a record apple harvest", "2023-09-18", "Marco Bellini",
		      "Valley News");
	cr_expect(!strstr(text(), "Most read"));
	cr_expect(strstr(text(), "a glut in neighbouring regions"));
}

Test(html, title_without_site_suffix_time_element_and_byline_box)
{
	expect_record("title_h1.html", "Library extends its opening hours", "2022-11-02", "Petra Lind", NULL);
	cr_expect(!strstr(text(), "Contact"), "menu cell left out");
	cr_expect(strstr(text(), "Sunday opening, which many respondents"));
}

Test(html, date_from_the_canonical_url_and_site_name_before_the_title)
{
	expect_record("url_date.html", "Beach cleanup collects two tonnes of plastic", "2021-06-14", NULL, NULL);
}

Test(html, date_written_in_a_date_box)
{
	expect_record("byline_date.html", "Ferry fares rise in April", "2020-03-03", NULL, NULL);
}

Test(html, spans_point_into_the_main_text)
{
	load_fixture("og_meta.html");
	size_t len;
	const char *t = attest_doc_text(doc, &len);
	cr_assert_gt(attest_doc_sentence_count(doc), 4);
	int found = 0;
	for (size_t i = 0; i < attest_doc_sentence_count(doc); i++) {
		const attest_sentence *s = attest_doc_sentence(doc, i);
		cr_assert_leq(s->span.end, len);
		if (strncmp(t + s->span.start, "The work cost 38 million euros", 30) == 0)
			found = 1;
	}
	cr_expect(found);
	const attest_article *a = art();
	cr_expect_lt(a->span.start, a->span.end);
	cr_expect_leq(a->span.end, len);
}

Test(html, write_text_prints_the_document_text)
{
	load_fixture("jsonld.html");
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);
	cr_assert(f);
	cr_assert_eq(attest_doc_write_text(doc, f), ATTEST_OK);
	fclose(f);
	size_t len;
	const char *t = attest_doc_text(doc, &len);
	cr_expect_eq(n, len);
	cr_expect(memcmp(out, t, len) == 0);
	free(out);
}

/* "Café in Zürich: prices rose" in Windows-1252, with and without a meta tag. */
#define CP1252_BODY "<p>Caf\xE9 owners in Z\xFCrich said \x93prices rose\x94 by a third \x96 again.</p>"

Test(html, windows_1252_by_meta_charset)
{
	load_string("<html><head><meta charset=\"windows-1252\"></head><body>" CP1252_BODY "</body></html>",
		    ATTEST_FORMAT_AUTO);
	cr_expect(strstr(text(), "Caf\xC3\xA9 owners in Z\xC3\xBCrich said \xE2\x80\x9Cprices rose\xE2\x80\x9D by a third "
				 "\xE2\x80\x93 again."), "got: %s", text());
	cr_expect_null(attest_doc_warning(doc, 0));
}

Test(html, latin1_label_reads_as_windows_1252)
{
	load_string("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"
		    "</head><body>" CP1252_BODY "</body></html>", ATTEST_FORMAT_AUTO);
	cr_expect(strstr(text(), "\xE2\x80\x9Cprices rose\xE2\x80\x9D"), "got: %s", text());
}

Test(html, undeclared_invalid_utf8_reads_as_windows_1252)
{
	load_string("<html><body>" CP1252_BODY "</body></html>", ATTEST_FORMAT_AUTO);
	cr_expect(strstr(text(), "Caf\xC3\xA9 owners"), "got: %s", text());
}

Test(html, charset_hint_wins_over_meta)
{
	/* KOI8-R "Привет, мир" is "\xF0\xD2\xC9\xD7\xC5\xD4, \xCD\xC9\xD2" */
	const char *page = "<html><head><meta charset=\"windows-1252\"></head><body><p>\xF0\xD2\xC9\xD7\xC5\xD4, "
			   "\xCD\xC9\xD2 and a sentence long enough to be a paragraph.</p></body></html>";
	cr_assert_eq(attest_doc_set_charset(doc, "KOI8-R"), ATTEST_OK);
	load_string(page, ATTEST_FORMAT_HTML);
	cr_expect(strstr(text(), "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82, \xD0\xBC\xD0\xB8\xD1\x80"),
		  "got: %s", text());
	cr_expect_eq(attest_doc_set_charset(doc, ""), ATTEST_ERR_USAGE);
	cr_expect_eq(attest_doc_set_charset(doc, "utf-8\"; x"), ATTEST_ERR_USAGE);
	cr_expect_eq(attest_doc_set_charset(doc, NULL), ATTEST_OK);
}

Test(html, utf8_bytes_win_over_a_wrong_label)
{
	load_string("<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\xC3\xA9 owners said prices "
		    "rose again this year.</p></body></html>", ATTEST_FORMAT_AUTO);
	cr_expect(strstr(text(), "Caf\xC3\xA9 owners"), "got: %s", text());
}

Test(html, unknown_charset_warns_and_reads_as_windows_1252)
{
	load_string("<html><head><meta charset=\"x-no-such-charset\"></head><body>" CP1252_BODY "</body></html>",
		    ATTEST_FORMAT_AUTO);
	const char *w = attest_doc_warning(doc, 0);
	cr_expect(w && strstr(w, "page.html") && strstr(w, "x-no-such-charset"), "warning: %s", w ? w : "(none)");
	cr_expect(strstr(text(), "Caf\xC3\xA9"));
}

Test(html, utf16_with_byte_order_mark)
{
	static const char page[] = "\xFF\xFE<\0p\0>\0S\0t\0r\0e\0e\0t\0 \0n\0a\0m\0e\0s\0 \0c\0h\0a\0n\0g\0e\0d\0 "
				   "\0l\0a\0s\0t\0 \0y\0e\0a\0r\0.\0<\0/\0p\0>\0";
	cr_assert_eq(attest_doc_load_buffer(doc, "u16.html", page, sizeof page - 1, ATTEST_FORMAT_HTML), ATTEST_OK,
		     "%s", attest_doc_errmsg(doc));
	cr_expect(strstr(text(), "Street names changed last year."), "got: %s", text());
}

Test(html, page_without_title_or_article_still_gives_its_text)
{
	load_string("<!doctype html><body><div>Short note.</div></body>", ATTEST_FORMAT_AUTO);
	cr_expect(strstr(text(), "Short note."));
	load_string("<!doctype html><html></html>", ATTEST_FORMAT_AUTO);
	cr_expect_eq(attest_doc_article_count(doc), 0);
}

/* Loads DEPTH nested <div>s around INNER, closed when CLOSE; returns the status. */
static attest_status load_nested(size_t depth, const char *inner, int close)
{
	size_t n = depth * 11 + strlen(inner) + 64;
	char *p = malloc(n), *o = p;
	cr_assert(p);
	o += sprintf(o, "<html><body>");
	for (size_t i = 0; i < depth; i++)
		o += sprintf(o, "<div>");
	o += sprintf(o, "%s", inner);
	for (size_t i = 0; close && i < depth; i++)
		o += sprintf(o, "</div>");
	attest_status st = attest_doc_load_buffer(doc, "deep.html", p, (size_t)(o - p), ATTEST_FORMAT_AUTO);
	free(p);
	return st;
}

Test(html, deep_nesting_is_refused_with_a_message)
{
	cr_expect_eq(load_nested(100000, "deep</body></html>", 0), ATTEST_ERR_TOO_LARGE);
	cr_expect(strstr(attest_doc_errmsg(doc), "deep.html") && strstr(attest_doc_errmsg(doc), "nested"), "%s",
		  attest_doc_errmsg(doc));
}

Test(html, nesting_below_the_limit_is_read)
{
	attest_status st = load_nested(2000, "<p>A paragraph at the bottom of a very deep page, long enough.</p>", 1);
	cr_expect_eq(st, ATTEST_OK, "%s", attest_doc_errmsg(doc));
	cr_expect(strstr(text(), "A paragraph at the bottom"));
}

Test(html, nul_bytes_are_binary)
{
	static const char page[] = "<html><body>\0\0\0</body></html>";
	cr_expect_eq(attest_doc_load_buffer(doc, "bin.html", page, sizeof page - 1, ATTEST_FORMAT_AUTO),
		     ATTEST_ERR_BINARY);
	cr_expect(strstr(attest_doc_errmsg(doc), "bin.html"));
}

Test(html, handle_reads_html_then_text_then_html)
{
	load_fixture("jsonld.html");
	const char *plain = "Headline\n\nThe ministry said on Monday that the talks would resume.\n";
	load_string(plain, ATTEST_FORMAT_AUTO);
	cr_expect_str_eq(text(), plain);
	load_fixture("og_meta.html");
	expect_str(art()->author, "Inga Solberg");
}
