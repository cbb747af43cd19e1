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

/* A copyright notice in a long paragraph always shows the sign or the
 * words "copyright" or "reserved"; this one pass over the bytes (keyed on
 * the rare bytes 0xC2, y, v) spares folding every long paragraph. */
static int copyright_hint(const char *s, size_t n)
{
	static const unsigned char key[256] = {[0xC2] = 1, ['y'] = 1, ['Y'] = 1, ['v'] = 1, ['V'] = 1};
	for (size_t i = 0; i + 1 < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!key[c])
			continue;
		if (c == 0xC2 ? (unsigned char)s[i + 1] == 0xA9
			      : (((c | 0x20) == 'y' && i >= 3 && i + 6 <= n && strncasecmp(s + i - 3, "copyright", 9) == 0) ||
				 ((c | 0x20) == 'v' && i >= 5 && i + 3 <= n && strncasecmp(s + i - 5, "reserved", 8) == 0)))
			return 1;
	}
	return 0;
}

/* The furniture class of the first phrase in TEXT[A, B), or 0.  A may fall
 * inside a UTF-8 sequence: the folder skips stray continuation bytes. */
static int phrase_in(const char *text, uint32_t a, uint32_t b, char *fold, uint32_t *starts)
{
	while (a < b && ((unsigned char)text[a] & 0xC0) == 0x80)
		a++;
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
	for (size_t k = 0; L->credit_markers[k]; k++) {
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
	if (p->nwords > CREDIT_MAX_WORDS || span_len(sp) > 160)
		return 0;
	const char *a = s + sp.start;
	size_t n = span_len(sp);
	if (memmem(a, n, "http", 4) || memmem(a, n, "www.", 4) || memmem(a, n, ".com", 4))
		return 0;
	/* A slash between two letters or ")/" with no spaces around. */
	for (size_t i = 1; i + 1 < n; i++) {
		if (a[i] != '/')
			continue;
		unsigned char l = (unsigned char)a[i - 1], r = (unsigned char)a[i + 1];
		if ((utf8_class[l] & (CC_LOWER | CC_UPPER) || l == ')' || l >= 0x80) &&
		    (utf8_class[r] & CC_UPPER) && !sh->terminal)
			return 1;
	}
	/* Ends with an agency name and is short: "AFP via Getty Images". */
	const lexicons *L = lexicon_get();
	if (p->nwords <= 6 && !sh->terminal) {
		size_t e = n;
		while (e > 0 && (utf8_class[(unsigned char)a[e - 1]] & (CC_SPACE | CC_PUNCT)))
			e--;
		for (size_t b = e; b > 0; b--) {
			if (utf8_class[(unsigned char)a[b - 1]] & CC_SPACE) {
				/* Try the last word, then the last two. */
				if (lexmap_get(&L->agency, a + b, e - b) > 0)
					return 1;
			}
		}
		if (lexmap_get(&L->agency, a, e) > 0)
			return 1;
	}
	return 0;
}

/* Menus and breadcrumbs: short items separated by " | ", " · ", " > ",
 * " • " or runs of two spaces ("Home | News | World"). */
static int looks_menu(const char *s, span sp, const para *p)
{
	if (p->nwords > 16 || span_len(sp) > 160)
		return 0;
	unsigned seps = 0;
	for (uint32_t i = sp.start + 1; i + 2 < sp.end; i++) {
		if (s[i] != ' ')
			continue;
		unsigned char c = (unsigned char)s[i + 1];
		if ((c == '|' || c == '>') && s[i + 2] == ' ')
			seps++;
		else if (c == ' ' && s[i - 1] != ' ' && s[i + 2] != ' ')
			seps++;
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
	if (p->nwords < 2 || p->nwords > 12 || sh->terminal)
		return 0;
	uint32_t name = byline_name(s, sp);
	return name < sp.end && (utf8_class[(unsigned char)s[name]] & CC_UPPER) != 0;
}

static void classify_one(const char *text, para *p, char *fold, uint32_t *starts)
{
	const unsigned char *s = (const unsigned char *)text;
	const lexicons *L = lexicon_get();
	span sp = p->sp;
	uint32_t n = span_len(sp);
	shape sh;
	shape_of(s, sp, &sh);

	if (n <= 120 && (dateline_date_only(text + sp.start, n, &p->date))) {
		p->kind = PK_DATE;
		return;
	}
	if (n <= 160 && dateline_parse(text + sp.start, n, &p->date)) {
		p->kind = PK_DATELINE;
		return;
	}
	/* Long or sentence-like paragraphs keep words such as "subscribe":
	 * only a copyright notice makes them furniture. */
	int sentence_like = sh.terminal && !sh.exclaim && p->nwords >= 12;
	if (n > FURNITURE_MAX || sentence_like) {
		if (n <= COPYRIGHT_MAX && copyright_hint(text + sp.start, n) &&
		    phrase_in(text, sp.start, sp.end, fold, starts) == FURN_COPYRIGHT) {
			p->kind = PK_FURNITURE;
			p->furn = FURN_COPYRIGHT;
			return;
		}
	} else {
		size_t fl, nw = lexicon_fold(text + sp.start, n, fold, FOLD_MAX, starts, MAX_FOLD_WORDS, &fl);
		int furn = lexicon_find_furniture(fold, fl, starts, nw, 0);
		if (furn > 0) {
			p->kind = PK_FURNITURE;
			p->furn = (uint8_t)furn;
			return;
		}
		if (p->nwords <= 8 && !sh.terminal && nw > 0) {
			for (size_t k = 1; k <= L->teaser_max_words && k <= nw; k++) {
				size_t end = k < nw ? starts[k] - 1 : fl;
				if (lexmap_get(&L->teaser, fold, end) > 0) {
					p->kind = PK_TEASER;
					return;
				}
			}
		}
		{
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
	for (size_t i = 0; i < n; i++)
		classify_one(text, &p[i], fold, starts);
	mark_repeats(text, p, n);
	/* The short paragraph right before a photo credit is its caption. */
	for (size_t i = 1; i < n; i++)
		if (p[i].kind == PK_CREDIT && span_len(p[i - 1].sp) <= 400 &&
		    (p[i - 1].kind == PK_BODY || p[i - 1].kind == PK_OTHER))
			p[i - 1].kind = PK_CAPTION;
}
