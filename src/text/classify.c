/*
 * classify.c: gives each paragraph a kind from general features, never from
 * any page's exact strings.
 *
 * Features: length in bytes and words, final punctuation, capitalisation of
 * the first letter, share of capitalised words, phrases of the furniture,
 * teaser and credit lexicons (data/), repetition across the page, and the
 * neighbour (a paragraph right before a photo credit is its caption).  Order
 * matters: dates and datelines first, then furniture (copyright anywhere,
 * the rest only in short paragraphs), teasers, credits, bylines, then body
 * versus heading by shape.
 */
#include "text/text.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/utf8.h"
#include "lex/lexicon.h"

const char *const para_kind_names[PK_COUNT] = {
	"none", "body", "heading", "date", "dateline", "byline", "credit", "caption",
	"furniture", "teaser", "repeat", "other"};

/* Paragraphs longer than these are never furniture / headings / credits. */
#define FURNITURE_MAX 300
#define COPYRIGHT_MAX 1000
#define HEADING_MAX_WORDS 20
#define CREDIT_MAX_WORDS 12
#define MAX_FOLD_WORDS 256
#define FOLD_MAX (COPYRIGHT_MAX * 2 + 16)

/* A long copyright notice carries the sign, or stands in the page footer
 * (the last paragraphs) and opens or closes with its phrase ("Copyright
 * ...", "Unauthorized use ...", "... All rights reserved.").  So the
 * copyright phrases are looked for in the whole paragraph when the sign
 * occurs, and in the first and last COPYRIGHT_WINDOW bytes of footer
 * paragraphs: long body paragraphs are never folded. */
#define COPYRIGHT_WINDOW 48
#define FOOTER_MIN 2

static int has_sign(const char *s, size_t n)
{
	for (const char *p = s, *e = s + n; (p = memchr(p, 0xC2, (size_t)(e - p))) && p + 1 < e; p++)
		if ((unsigned char)p[1] == 0xA9)
			return 1;
	return 0;
}

/* The furniture class of the first phrase in TEXT[A, B), or 0.  A may fall
 * inside a UTF-8 sequence: the folder skips stray continuation bytes. */
static int phrase_in(const char *text, uint32_t a, uint32_t b, char *fold, uint32_t *starts)
{
	while (a < b && ((unsigned char)text[a] & 0xC0) == 0x80)
		a++;
	if (!lexicon_may_have_furniture(text + a, b - a))
		return 0;
	size_t fl, nw = lexicon_fold(text + a, b - a, fold, FOLD_MAX, starts, MAX_FOLD_WORDS, &fl);
	return lexicon_find_furniture(fold, fl, starts, nw, FURN_COPYRIGHT);
}

typedef struct shape {
	int terminal;      /* ends with . ! ? … (after closing quotes) */
	int exclaim;       /* ends with ! */
	uint32_t first_cp; /* first code point */
	int first_upper;
} shape;

static void shape_of(const unsigned char *s, span sp, shape *sh)
{
	memset(sh, 0, sizeof *sh);
	uint32_t e = sp.end;
	while (e > sp.start) {
		uint32_t cp;
		size_t j = utf8_prev(s, e, &cp);
		if (cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019 ||
		    cp == 0xBB) {
			e = (uint32_t)j;
			continue;
		}
		sh->terminal = cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
		sh->exclaim = cp == '!';
		break;
	}
	utf8_decode(s + sp.start, sp.end - sp.start, &sh->first_cp);
	sh->first_upper = utf8_is_upper(sh->first_cp) || utf8_is_digit(sh->first_cp);
}

/* Does a credit marker ("photo:", "credit:") start at P (N bytes, folded)? */
static int marker_at(const char *p, size_t n)
{
	const lexicons *L = lexicon_get();
	unsigned f = L->credit_first[(unsigned char)p[0]];
	if (!f)
		return 0;
	for (size_t k = f - 1; L->credit_markers[k] && L->credit_markers[k][0] == p[0]; k++) {
		const char *m = L->credit_markers[k];
		size_t ml = L->credit_marker_len[k];
		if (ml <= n && m[0] == p[0] && memcmp(p, m, ml) == 0)
			return 1;
	}
	return 0;
}

/* A marker at the start of the line, or (ANYWHERE) after any "(". */
static int has_credit_marker(const char *low, size_t n, int anywhere)
{
	if (n && marker_at(low, n))
		return 1;
	if (!anywhere)
		return 0;
	for (const char *p = low, *e = low + n; (p = memchr(p, '(', (size_t)(e - p))) && ++p < e;)
		if (marker_at(p, (size_t)(e - p)))
			return 1;
	return 0;
}

/* "Name Surname/Agency", "REUTERS/Name", "X via Getty Images". */
static int looks_credit(const char *s, span sp, const para *p, const shape *sh)
{
	if (p->nwords > CREDIT_MAX_WORDS || span_len(sp) > 160 || sh->terminal)
		return 0;
	const char *a = s + sp.start;
	size_t n = span_len(sp);
	/* A slash between a letter (or ")") and a capital, no spaces around,
	 * and no web address on the line. */
	for (const char *q = a; (q = memchr(q, '/', n - (size_t)(q - a))) != NULL; q++) {
		if (q == a || q + 1 >= a + n)
			continue;
		unsigned char l = (unsigned char)q[-1], r = (unsigned char)q[1];
		if ((utf8_class[l] & (CC_LOWER | CC_UPPER) || l == ')' || l >= 0x80) && (utf8_class[r] & CC_UPPER))
			return !memmem(a, n, "http", 4) && !memmem(a, n, "www.", 4) && !memmem(a, n, ".com", 4);
	}
	/* Short and ending with an agency name (one to three words):
	 * "AFP via Getty Images", "Photo: Reuters". */
	if (p->nwords > 6)
		return 0;
	const lexicons *L = lexicon_get();
	size_t e = n;
	while (e > 0 && (utf8_class[(unsigned char)a[e - 1]] & (CC_SPACE | CC_PUNCT)))
		e--;
	int words = 0;
	for (size_t b = e; b > 0 && words < 3; b--) {
		if (b == 1 || (utf8_class[(unsigned char)a[b - 2]] & CC_SPACE)) {
			size_t st = b == 1 ? 0 : b - 1;
			words++;
			if (lexmap_get(&L->agency, a + st, e - st) > 0)
				return 1;
		}
	}
	return 0;
}

/* Menus and breadcrumbs: short items separated by " | ", " · ", " > ",
 * " • " or runs of two spaces ("Home | News | World"). */
static int looks_menu(const char *s, span sp, const para *p)
{
	if (p->nwords > 16 || span_len(sp) > 160)
		return 0;
	if (!memchr(s + sp.start, '|', span_len(sp)) && !memchr(s + sp.start, '>', span_len(sp)) &&
	    !memmem(s + sp.start, span_len(sp), "  ", 2) && !memchr(s + sp.start, 0xC2, span_len(sp)) &&
	    !memchr(s + sp.start, 0xE2, span_len(sp)))
		return 0;
	unsigned seps = 0;
	for (uint32_t i = sp.start + 1; i + 2 < sp.end; i++) {
		if (s[i] != ' ')
			continue;
		unsigned char c = (unsigned char)s[i + 1];
		if ((c == '|' || c == '>') && s[i + 2] == ' ')
			seps++;
		else if (c == ' ' && s[i - 1] != ' ' && (utf8_class[(unsigned char)s[i + 2]] & (CC_UPPER | CC_HIGH)) &&
			 !(utf8_class[(unsigned char)s[i - 1]] & CC_DIGIT))
			seps++; /* two spaces before a capitalized item, not between
				 * figures or inside a sentence typed with double spaces */
		else if (c == 0xC2 && (unsigned char)s[i + 2] == 0xB7)
			seps++;
		else if (c == 0xE2 && i + 4 < sp.end && (unsigned char)s[i + 2] == 0x80 &&
			 (unsigned char)s[i + 3] == 0xA2)
			seps++;
	}
	return seps > 0;
}

static int looks_byline(const char *s, span sp, const para *p, const shape *sh)
{
	if (p->nwords < 2 || p->nwords > 12 || sh->terminal || !strchr("BbPpWwRrSsTt", s[sp.start]))
		return 0;
	uint32_t name = byline_name(s, sp);
	return name < sp.end && (utf8_class[(unsigned char)s[name]] & CC_UPPER) != 0;
}

/* Every date line holds a year: four digits in a row.  Eight bytes at a
 * time: a byte is a digit when (b ^ '0') < 10; the view shifted by three
 * bytes catches runs that cross from one block to the next. */
static inline uint64_t digit_mask(uint64_t x)
{
	const uint64_t hi = 0x8080808080808080ull, low7 = 0x7F7F7F7F7F7F7F7Full;
	uint64_t t = x ^ 0x3030303030303030ull;
	return ~(((t & low7) + 0x7676767676767676ull) | t) & hi;
}

static inline int run4(uint64_t m) { return (m & (m >> 8) & (m >> 16) & (m >> 24)) != 0; }

static int has_year(const char *s, size_t n)
{
	uint64_t prev = 0;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		uint64_t m = digit_mask(x);
		if (run4(m) || run4((m << 24) | (prev >> 40)))
			return 1;
		prev = m;
	}
	size_t run = 0;
	for (size_t k = i >= 3 ? i - 3 : 0; k < n; k++) {
		run = (s[k] >= '0' && s[k] <= '9') ? run + 1 : 0;
		if (run == 4)
			return 1;
	}
	return 0;
}

/* Can a teaser heading start here?  Its first word, lowercased, must
 * begin some phrase of data/teaser.txt (the map holds phrase prefixes). */
static int teaser_start(const char *s, size_t n)
{
	char w[32];
	size_t k = 0;
	while (k < n && k < sizeof w && (utf8_class[(unsigned char)s[k]] & (CC_UPPER | CC_LOWER | CC_DIGIT))) {
		char c = s[k];
		w[k++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
	}
	if (k == 0 || k == sizeof w)
		return k == 0 && n > 0 && (unsigned char)s[0] >= 0x80; /* non-ASCII: fold to know */
	return lexmap_get(&lexicon_get()->teaser, w, k) >= 0;
}

static void classify_one(const char *text, para *p, int footer, char *fold, uint32_t *starts)
{
	const unsigned char *s = (const unsigned char *)text;
	const lexicons *L = lexicon_get();
	span sp = p->sp;
	uint32_t n = span_len(sp);
	shape sh;
	shape_of(s, sp, &sh);

	int year = n <= 160 && has_year(text + sp.start, n);
	if (year && n <= 120 && dateline_date_only(text + sp.start, n, &p->date)) {
		p->kind = PK_DATE;
		return;
	}
	if (year && dateline_parse(text + sp.start, n, &p->date)) {
		p->kind = PK_DATELINE;
		return;
	}
	/* Long or sentence-like paragraphs keep words such as "subscribe":
	 * only a copyright notice makes them furniture. */
	int sentence_like = sh.terminal && !sh.exclaim && p->nwords >= 12;
	if (n > FURNITURE_MAX || sentence_like) {
		uint32_t w = n < COPYRIGHT_WINDOW ? n : COPYRIGHT_WINDOW;
		if (n <= COPYRIGHT_MAX &&
		    (has_sign(text + sp.start, n) ? phrase_in(text, sp.start, sp.end, fold, starts)
		     : footer ? (phrase_in(text, sp.start, sp.start + w, fold, starts) ||
				 phrase_in(text, sp.end - w, sp.end, fold, starts))
			      : 0)) {
			p->kind = PK_FURNITURE;
			p->furn = FURN_COPYRIGHT;
			return;
		}
	} else {
		int teaser_shape = p->nwords <= 8 && !sh.terminal && teaser_start(text + sp.start, n);
		if (teaser_shape || lexicon_may_have_furniture(text + sp.start, n)) {
			size_t fl, nw = lexicon_fold(text + sp.start, n, fold, FOLD_MAX, starts, MAX_FOLD_WORDS, &fl);
			int furn = lexicon_find_furniture(fold, fl, starts, nw, 0);
			if (furn > 0) {
				p->kind = PK_FURNITURE;
				p->furn = (uint8_t)furn;
				return;
			}
			for (size_t k = 1; teaser_shape && k <= nw; k++) {
				size_t end = k < nw ? starts[k] - 1 : fl;
				int v = lexmap_get(&L->teaser, fold, end);
				if (v < 0)
					break;
				if (v > 0) {
					p->kind = PK_TEASER;
					return;
				}
			}
		}
		if (L->credit_first[(unsigned char)(text[sp.start] | 0x20)] ||
		    memchr(text + sp.start, '(', n)) {
			/* Lowercase raw copy for credit markers ("Photo: ..."). */
			char low[FURNITURE_MAX + 1];
			for (uint32_t i = 0; i < n; i++) {
				char c = text[sp.start + i];
				low[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
			}
			low[n] = '\0';
			if (p->nwords <= CREDIT_MAX_WORDS && has_credit_marker(low, n, 0) && !sh.terminal) {
				p->kind = PK_CREDIT;
				return;
			}
			if (has_credit_marker(low, n, 1)) {
				p->kind = PK_CAPTION;
				return;
			}
		}
	}
	if (looks_menu(text, sp, p)) {
		p->kind = PK_FURNITURE;
		p->furn = FURN_NAV;
		return;
	}
	if (looks_credit(text, sp, p, &sh)) {
		p->kind = PK_CREDIT;
		return;
	}
	if (looks_byline(text, sp, p, &sh)) {
		p->kind = PK_BYLINE;
		return;
	}
	/* Body: a sentence-like paragraph of four words or more, or any long
	 * paragraph.  A short exclamation is a call to action, not body. */
	if ((sh.terminal && p->nwords >= 4 && !(sh.exclaim && p->nwords <= 6)) || n > 250) {
		p->kind = PK_BODY;
		return;
	}
	if (p->nwords <= HEADING_MAX_WORDS && (sh.first_upper || sh.first_cp == '"' ||
					       sh.first_cp == 0x201C || sh.first_cp == 0x2018)) {
		p->kind = PK_HEADING;
		return;
	}
	p->kind = sh.terminal && p->nwords >= 2 ? PK_BODY : PK_OTHER;
}

/* Repetition: a body-like paragraph seen twice is a photo caption (every
 * copy); a heading seen before is repeated page furniture (later copies).
 * One hash table of first occurrences keeps this linear. */
static void mark_repeats(const char *text, para *p, size_t n)
{
	size_t cap = 16;
	while (cap < 2 * n)
		cap <<= 1;
	uint32_t *tab = malloc(cap * sizeof *tab);
	if (!tab)
		return; /* repetition is a hint; without memory, skip it */
	memset(tab, 0xFF, cap * sizeof *tab);
	for (size_t i = 0; i < n; i++) {
		int k = p[i].kind;
		if ((k != PK_BODY && k != PK_HEADING && k != PK_OTHER) || span_len(p[i].sp) > 500)
			continue;
		size_t h = p[i].hash & (cap - 1);
		for (;; h = (h + 1) & (cap - 1)) {
			uint32_t j = tab[h];
			if (j == UINT32_MAX) {
				tab[h] = (uint32_t)i;
				break;
			}
			if (p[j].hash != p[i].hash || span_len(p[j].sp) != span_len(p[i].sp) ||
			    memcmp(text + p[j].sp.start, text + p[i].sp.start, span_len(p[i].sp)) != 0)
				continue;
			if (p[j].kind == PK_BODY || p[j].kind == PK_CAPTION) {
				p[j].kind = PK_CAPTION;
				p[i].kind = PK_CAPTION;
			} else {
				p[i].kind = PK_REPEAT;
			}
			break;
		}
	}
	free(tab);
}

void para_classify(const char *text, para *p, size_t n)
{
	static _Thread_local char fold[FOLD_MAX];
	static _Thread_local uint32_t starts[MAX_FOLD_WORDS];
	size_t tail = n / 8 > FOOTER_MIN ? n / 8 : FOOTER_MIN;
	size_t footer = n > tail ? n - tail : 0;
	for (size_t i = 0; i < n; i++)
		classify_one(text, &p[i], i >= footer, fold, starts);
	mark_repeats(text, p, n);
	/* The short paragraph right before a photo credit is its caption. */
	for (size_t i = 1; i < n; i++)
		if (p[i].kind == PK_CREDIT && span_len(p[i - 1].sp) <= 400 &&
		    (p[i - 1].kind == PK_BODY || p[i - 1].kind == PK_OTHER))
			p[i - 1].kind = PK_CAPTION;
}
