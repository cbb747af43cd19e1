/*
 * dateline.c: the dates written on a page's own date lines.
 *
 * A date line is a short line that holds nothing but a date and the words
 * that go with one on news pages ("Published", "Updated", a weekday, a time,
 * a zone): "April 17, 2025", "Thu 17 Apr 2025 10:15 BST", "2025-04-17".
 * A dateline is "Place[, Place] — date".  The line is read as words
 * (letters or digits); any word outside those sets means it is not a date
 * line.  Month and weekday names come from data/months.txt and
 * data/weekdays.txt.
 */
#include "text/text.h"

#include <stdio.h>
#include <string.h>

#include "base/utf8.h"
#include "lex/lexicon.h"

#define MAX_WORDS 24

typedef struct word {
	const char *s;
	uint32_t n;
	char sep;   /* the last non-space separator byte before the word, or 0 */
} word;

static size_t words_of(const char *s, size_t n, word *w, size_t max)
{
	size_t k = 0;
	char sep = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (utf8_class[c] & (CC_UPPER | CC_LOWER | CC_DIGIT)) {
			size_t j = i;
			while (j < n && (utf8_class[(unsigned char)s[j]] & (CC_UPPER | CC_LOWER | CC_DIGIT)))
				j++;
			if (k == max)
				return max + 1;
			w[k].s = s + i;
			w[k].n = (uint32_t)(j - i);
			w[k].sep = sep;
			k++;
			sep = 0;
			i = j;
		} else {
			if (!(utf8_class[c] & CC_SPACE))
				sep = (char)c;
			i++;
		}
	}
	return k;
}

static int lookup_folded(const lexmap *m, const word *w)
{
	char tmp[32];
	if (w->n >= sizeof tmp)
		return -1;
	for (uint32_t i = 0; i < w->n; i++) {
		char c = w->s[i];
		tmp[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
	}
	return lexmap_get(m, tmp, w->n);
}

static int is_one_of(const word *w, const char *const *set)
{
	for (int i = 0; set[i]; i++)
		if (strlen(set[i]) == w->n && strncasecmp(set[i], w->s, w->n) == 0)
			return 1;
	return 0;
}

static int number(const word *w, int *v)
{
	int x = 0;
	uint32_t i = 0;
	for (; i < w->n && w->s[i] >= '0' && w->s[i] <= '9'; i++) {
		if (i >= 4)
			return 0;
		x = x * 10 + (w->s[i] - '0');
	}
	if (i == 0)
		return 0;
	/* Ordinal suffixes: 1st, 2nd, 3rd, 17th. */
	if (i < w->n && !is_one_of(&(word){w->s + i, w->n - i, 0}, (const char *const[]){"st", "nd", "rd", "th", NULL}))
		return 0;
	*v = x;
	return (int)i;
}

static int days_in(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

static int year_ok(int y) { return y >= 1900 && y <= 2100; }

/* Reads a date at words W[i..]; returns the number of words used, or 0. */
static size_t date_at(const word *w, size_t n, size_t i, pdate *d)
{
	const lexicons *L = lexicon_get();
	int a, b, c, m;
	if (i >= n)
		return 0;
	/* ISO: 2025-04-17 */
	if (i + 2 < n && number(&w[i], &a) == 4 && w[i].n == 4 && w[i + 1].sep == '-' &&
	    number(&w[i + 1], &b) && number(&w[i + 2], &c) && w[i + 2].sep == '-' &&
	    year_ok(a) && b >= 1 && b <= 12 && c >= 1 && c <= days_in(a, b)) {
		*d = (pdate){(int16_t)a, (int8_t)b, (int8_t)c};
		return 3;
	}
	/* Month D, YYYY | Month YYYY */
	if ((m = lookup_folded(&L->months, &w[i])) > 0) {
		if (i + 2 < n && number(&w[i + 1], &a) && a >= 1 && a <= 31 &&
		    number(&w[i + 2], &b) == 4 && w[i + 2].n == 4 && year_ok(b) && a <= days_in(b, m)) {
			*d = (pdate){(int16_t)b, (int8_t)m, (int8_t)a};
			return 3;
		}
		if (i + 1 < n && number(&w[i + 1], &b) == 4 && w[i + 1].n == 4 && year_ok(b)) {
			*d = (pdate){(int16_t)b, (int8_t)m, 0};
			return 2;
		}
		return 0;
	}
	/* D Month YYYY */
	if (i + 2 < n && number(&w[i], &a) && a >= 1 && a <= 31 &&
	    (m = lookup_folded(&L->months, &w[i + 1])) > 0 && number(&w[i + 2], &b) == 4 &&
	    w[i + 2].n == 4 && year_ok(b) && a <= days_in(b, m)) {
		*d = (pdate){(int16_t)b, (int8_t)m, (int8_t)a};
		return 3;
	}
	return 0;
}

/* Words that may stand beside a date on a date line. */
static const char *const around[] = {
	"published", "updated", "posted", "last", "first", "on", "at", "date", "modified",
	"am", "pm", "a", "m", "p", "gmt", "utc", "bst", "cet", "cest", "est", "edt", "cst", "cdt",
	"mst", "mdt", "pst", "pdt", "et", "pt", "kst", "jst", "ist", "msk", "eet", "eest", "aest",
	"hrs", "h", "z", NULL};

static int filler(const word *w)
{
	int v;
	if (is_one_of(w, around))
		return 1;
	if (lookup_folded(&lexicon_get()->weekdays, w) >= 0)
		return 1;
	/* Times: 10:15, 3.42 */
	return number(w, &v) && w->n <= 2 && v < 60;
}

int dateline_date_only(const char *s, size_t n, pdate *d)
{
	word w[MAX_WORDS];
	if (n > 120)
		return 0;
	size_t nw = words_of(s, n, w, MAX_WORDS);
	if (nw == 0 || nw > MAX_WORDS)
		return 0;
	int found = 0;
	for (size_t i = 0; i < nw;) {
		size_t used = found ? 0 : date_at(w, nw, i, d);
		if (used) {
			found = 1;
			i += used;
		} else if (filler(&w[i])) {
			i++;
		} else {
			return 0;
		}
	}
	return found;
}

int dateline_parse(const char *s, size_t n, pdate *d)
{
	if (n > 160)
		return 0;
	/* Find the dash: em dash, en dash, or " - ". */
	size_t cut = 0, after = 0;
	for (size_t i = 0; i + 2 < n; i++) {
		if ((unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0x94 || (unsigned char)s[i + 2] == 0x93)) {
			cut = i, after = i + 3;
			break;
		}
		if (i > 0 && s[i - 1] == ' ' && s[i] == '-' && s[i + 1] == ' ') {
			cut = i, after = i + 1;
			break;
		}
	}
	if (!cut)
		return 0;
	/* Before the dash: capitalised place words, commas, parentheses. */
	word w[MAX_WORDS];
	size_t nw = words_of(s, cut, w, MAX_WORDS);
	if (nw == 0 || nw > 6)
		return 0;
	for (size_t i = 0; i < nw; i++)
		if (!(utf8_class[(unsigned char)w[i].s[0]] & CC_UPPER))
			return 0;
	return dateline_date_only(s + after, n - after, d);
}

void pdate_format(pdate d, char out[11])
{
	unsigned y = (unsigned)d.y % 10000u, m = (unsigned)d.m % 100u, dd = (unsigned)d.d % 100u;
	if (d.y <= 0)
		out[0] = '\0';
	else if (d.m <= 0)
		snprintf(out, 11, "%04u", y);
	else if (d.d <= 0)
		snprintf(out, 11, "%04u-%02u", y, m);
	else
		snprintf(out, 11, "%04u-%02u-%02u", y, m, dd);
}
