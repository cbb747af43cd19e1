/*
 * article.c: classified paragraphs -> articles.
 *
 * An article is a run of body paragraphs (with the headings between them).
 * A new article starts at a heading followed, within a few lines of
 * bylines/captions, by a date line: the shape of a post on a blog or a
 * listing page.  A teaser marker ("More from ...") or a copyright line closes
 * the current article, and body text after it belongs to no article (it is
 * teasers or footer) unless a heading + date line opens a new article with
 * real body text.  The span of an article runs from its first to its last
 * body paragraph, so titles, captions and bylines before the body and
 * furniture after it never fall inside.  Metadata (title, date, byline) are
 * read from the paragraphs between the previous article and the body.
 */
#include "text/text.h"

#include <string.h>
#include <strings.h>

#include "base/utf8.h"
#include "lex/lexicon.h"

/* How far after a heading its date line may stand, and how much body a
 * heading + date must bring to open an article after teasers. */
#define DATE_LOOKAHEAD 3
#define MIN_BODY_AFTER_CLOSE 3
#define TITLE_MIN_WORDS 4

static int skippable(const para *p)
{
	return p->kind == PK_BYLINE || p->kind == PK_CREDIT || p->kind == PK_CAPTION ||
	       p->kind == PK_REPEAT || p->kind == PK_OTHER ||
	       (p->kind == PK_FURNITURE && p->furn != FURN_COPYRIGHT);
}

/* Index of the date line that belongs to the heading at I, or -1. */
static long date_after(const para *p, size_t n, size_t i)
{
	for (size_t j = i + 1; j < n && j <= i + DATE_LOOKAHEAD; j++) {
		if (p[j].kind == PK_DATE || p[j].kind == PK_DATELINE)
			return (long)j;
		if (!skippable(&p[j]))
			return -1;
	}
	return -1;
}

static int closes(const para *p)
{
	return p->kind == PK_TEASER || (p->kind == PK_FURNITURE && p->furn == FURN_COPYRIGHT);
}

static size_t body_after(const para *p, size_t n, size_t i)
{
	size_t k = 0;
	for (size_t j = i + 1; j < n && !closes(&p[j]); j++) {
		if (p[j].kind == PK_HEADING && date_after(p, n, j) >= 0)
			break;
		k += p[j].kind == PK_BODY;
	}
	return k;
}

/* The publisher named on a copyright line: "© 2025, Example Media. All ..." */
static span publisher_of(const char *text, span sp)
{
	const char *a = text + sp.start, *e = text + sp.end;
	const char *p = NULL;
	for (const char *q = a; q + 1 < e; q++) {
		if ((unsigned char)q[0] == 0xC2 && (unsigned char)q[1] == 0xA9) {
			p = q + 2;
			break;
		}
		if ((size_t)(e - q) >= 9 && strncasecmp(q, "copyright", 9) == 0) {
			p = q + 9;
			break;
		}
	}
	if (!p)
		return span_make(0, 0);
	/* Skip years, spaces and separators. */
	while (p < e && (utf8_class[(unsigned char)*p] & (CC_SPACE | CC_DIGIT) || *p == ',' ||
			 *p == '-' || *p == ':'))
		p++;
	if ((size_t)(e - p) >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA9) {
		p += 2;
		while (p < e && (utf8_class[(unsigned char)*p] & (CC_SPACE | CC_DIGIT) || *p == ','))
			p++;
	}
	const char *q = p;
	while (q < e && *q != '.' && *q != '|' && *q != ',' && *q != ';' && q - p < 80) {
		if ((size_t)(e - q) >= 4 && strncasecmp(q, " all", 4) == 0)
			break;
		q++;
	}
	/* "Example.com": keep a dot followed by a lowercase letter. */
	while (q < e && *q == '.' && q + 1 < e && (utf8_class[(unsigned char)q[1]] & CC_LOWER)) {
		q++;
		while (q < e && *q != '.' && *q != '|' && *q != ',' && *q != ' ')
			q++;
	}
	/* Trailing white space and year: "Example Radio 2026". */
	for (;;) {
		const char *r = q;
		while (r > p && (utf8_class[(unsigned char)r[-1]] & CC_SPACE))
			r--;
		const char *y = r;
		while (y > p && (utf8_class[(unsigned char)y[-1]] & CC_DIGIT))
			y--;
		if (r - y == 4 && y > p && (utf8_class[(unsigned char)y[-1]] & CC_SPACE)) {
			q = y;
			continue;
		}
		q = r;
		break;
	}
	if (q == p || !(utf8_class[(unsigned char)*p] & (CC_UPPER | CC_LOWER | CC_DIGIT | CC_HIGH)))
		return span_make(0, 0);
	return span_make((uint32_t)(p - text), (uint32_t)(q - text));
}

uint32_t byline_name(const char *text, span sp)
{
	static const char *const lead[] = {"by ", "posted by ", "written by ", "words by ",
					   "reporting by ", "story by ", "text by ", NULL};
	for (int i = 0; lead[i]; i++) {
		size_t l = strlen(lead[i]);
		if (span_len(sp) > l && strncasecmp(text + sp.start, lead[i], l) == 0)
			return sp.start + (uint32_t)l;
	}
	return sp.end;
}

/* The first plausible year (1990-2100) on a copyright line, or 0. */
static int16_t copyright_year(const char *text, span sp)
{
	for (uint32_t i = sp.start; i + 4 <= sp.end; i++) {
		if ((i > sp.start && (utf8_class[(unsigned char)text[i - 1]] & CC_DIGIT)) ||
		    (i + 4 < sp.end && (utf8_class[(unsigned char)text[i + 4]] & CC_DIGIT)))
			continue;
		int y = 0, k = 0;
		for (; k < 4 && (utf8_class[(unsigned char)text[i + k]] & CC_DIGIT); k++)
			y = y * 10 + (text[i + k] - '0');
		if (k == 4 && y >= 1990 && y <= 2100)
			return (int16_t)y;
	}
	return 0;
}

/* "By Jane Doe, Reuters" -> "Jane Doe". */
static span author_of(const char *text, span sp)
{
	uint32_t a = byline_name(text, sp), b = a;
	while (b < sp.end && text[b] != ',' && text[b] != '|' && text[b] != '(' &&
	       !(text[b] == ' ' && b + 1 < sp.end && text[b + 1] == '-'))
		b++;
	while (b > a && (utf8_class[(unsigned char)text[b - 1]] & CC_SPACE))
		b--;
	return span_make(a, b);
}

static int same_text(const char *text, span a, span b)
{
	return span_len(a) == span_len(b) && span_len(a) > 0 &&
	       memcmp(text + a.start, text + b.start, span_len(a)) == 0;
}

static void read_meta(const char *text, para *p, size_t from, size_t to, article_info *a)
{
	uint32_t best = 0;
	for (size_t j = from; j < to; j++) {
		switch (p[j].kind) {
		case PK_HEADING:
			/* The title: the longest heading before the body. */
			if (a->title < 0 || p[j].nwords >= best) {
				a->title = (int32_t)j;
				best = p[j].nwords;
			}
			break;
		case PK_DATE:
		case PK_DATELINE:
			if (a->published.y == 0)
				a->published = p[j].date;
			break;
		case PK_BYLINE:
			if (span_len(a->author) == 0)
				a->author = author_of(text, p[j].sp);
			break;
		default:
			break;
		}
	}
}

int article_segment(const char *text, para *p, size_t n, vec *articles)
{
	span publisher = span_make(0, 0);
	int16_t cyear = 0;
	for (size_t i = 0; i < n && span_len(publisher) == 0; i++)
		if (p[i].kind == PK_FURNITURE && p[i].furn == FURN_COPYRIGHT) {
			publisher = publisher_of(text, p[i].sp);
			cyear = copyright_year(text, p[i].sp);
		}

	size_t first_article = articles->len;
	article_info *cur = NULL;
	int closed = 0;
	int have_body = 0;     /* the current article has body text */
	size_t meta_from = 0;  /* metadata of the next article start here */
	size_t after_body = 0; /* first paragraph after the last body seen */
	for (size_t i = 0; i < n; i++) {
		/* A teaser list or copyright line ends an article; before any
		 * article text it is navigation and changes nothing. */
		if (closes(&p[i]) && (closed || (cur && have_body))) {
			cur = NULL;
			closed = 1;
			meta_from = i + 1;
			continue;
		}
		if (p[i].kind == PK_HEADING && (!cur || have_body)) {
			long d = date_after(p, n, i);
			if (d >= 0 && (!closed || body_after(p, n, (size_t)d) >= MIN_BODY_AFTER_CLOSE)) {
				cur = vec_push(articles);
				if (!cur)
					return -1;
				/* The title: the heading nearest the date that
				 * is not the site's name (as the © line gives
				 * it), preferring one of a title's length. */
				size_t from = after_body > meta_from ? after_body : meta_from;
				cur->title = -1;
				for (int pass = 0; pass < 2 && cur->title < 0; pass++)
					for (size_t j = i + 1; j-- > from;)
						if (p[j].kind == PK_HEADING && !same_text(text, p[j].sp, publisher) &&
						    (pass || p[j].nwords >= TITLE_MIN_WORDS)) {
							cur->title = (int32_t)j;
							break;
						}
				if (cur->title < 0)
					cur->title = (int32_t)i;
				cur->published = p[d].date;
				cur->first = cur->last = UINT32_MAX;
				have_body = 0;
				closed = 0;
				meta_from = i;
				continue;
			}
		}
		if (p[i].kind != PK_BODY || closed)
			continue;
		if (!cur) {
			cur = vec_push(articles);
			if (!cur)
				return -1;
			cur->title = -1;
			cur->first = UINT32_MAX;
		}
		if (cur->first == UINT32_MAX) {
			int32_t title = cur->title;
			pdate pub = cur->published;
			read_meta(text, p, meta_from, i, cur);
			if (title >= 0) {
				cur->title = title;
				if (pub.y)
					cur->published = pub;
			}
			cur->first = (uint32_t)i;
		}
		cur->last = (uint32_t)i;
		have_body = 1;
		after_body = i + 1;
	}

	/* Drop articles that never got a body, then mark paragraph owners. */
	article_info *A = articles->items;
	size_t k = first_article;
	for (size_t j = first_article; j < articles->len; j++) {
		if (A[j].first == UINT32_MAX)
			continue;
		A[k] = A[j];
		A[k].publisher = publisher;
		A[k].copyright_year = cyear;
		for (uint32_t i = A[k].first; i <= A[k].last; i++)
			if (p[i].kind == PK_BODY || p[i].kind == PK_HEADING)
				p[i].article = (int32_t)k;
		k++;
	}
	articles->len = k;
	return 0;
}
