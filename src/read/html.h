/*
 * html: stage 1 for web pages, HTML bytes -> main text and page metadata.
 * The page is decoded to UTF-8 (BOM, caller's charset hint, <meta charset>,
 * else UTF-8 when valid, else Windows-1252), parsed by gumbo (a real HTML5
 * parser), and its article body is written as plain text: one block
 * (paragraph, heading, list item, quote) a line, blocks separated by blank
 * lines, the title first.  Navigation, ads, share and subscribe blocks,
 * comments, teasers, footers and captions are left out.
 * Owns: nothing; text goes to the caller's buf, metadata strings to the
 * caller's arena.
 */
#ifndef ATTEST_HTML_H
#define ATTEST_HTML_H

#include "attest.h"
#include "base/arena.h"
#include "base/buf.h"

/* Largest HTML page read, and deepest element nesting (past it the page is
 * refused: gumbo's tree building is quadratic in depth, its free is
 * recursive, and its tree takes some hundred bytes a tag). */
#define HTML_MAX_BYTES ATTEST_MAX_HTML
#define HTML_MAX_DEPTH ATTEST_MAX_HTML_DEPTH
#define HTML_MAX_TAGS ATTEST_MAX_HTML_TAGS

/* What the page says about itself; each field NULL when it says nothing.
 * Dates are as written ("2019-11-19T08:00:00Z", "Nov. 19, 2019"): the
 * caller parses them, in order, and keeps the first that parses. */
#define HTML_MAX_DATES 8
typedef struct html_meta {
	const char *title;     /* og:title, JSON-LD headline, <h1>, or <title> less its site suffix */
	const char *author;
	const char *site;      /* og:site_name, JSON-LD publisher */
	const char *url;       /* canonical URL */
	const char *dates[HTML_MAX_DATES];
	const char *charset;   /* the charset the page was decoded from */
} html_meta;

/* What the caller's text rules make of one short block of text: page
 * furniture ("Advertisement", "Share this"), a teaser heading ("Related
 * stories"), or neither.  Both are left out of the main text. */
enum { HTML_BLOCK_TEXT = 0, HTML_BLOCK_FURNITURE, HTML_BLOCK_TEASER };
typedef struct html_rules {
	const char *const *hints; /* data/html_hints.txt entries ("pattern<TAB>kind"), NULL-terminated */
	int (*block_kind)(void *ctx, const char *s, size_t n); /* HTML_BLOCK_*; may be NULL */
	void *ctx;
} html_rules;

/* Reads N bytes of HTML named NAME.  CHARSET, when not NULL, is the
 * charset from the HTTP headers.  RULES give the class/id hints and the
 * text rules for short blocks.  Writes the
 * main text to TEXT (cleared first) and the metadata to META (strings in
 * A).  On failure returns a status with a one-line message naming NAME in
 * ERR; a non-fatal oddity (an unknown charset) goes to WARN, else WARN is
 * "". */
attest_status html_read(const char *name, const unsigned char *s, size_t n, const char *charset,
			const html_rules *rules, buf *text, arena *a, html_meta *meta, char *err,
			size_t errlen, char *warn, size_t warnlen);

#endif
