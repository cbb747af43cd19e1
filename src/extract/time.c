/*
 * time.c: date expressions -> inclusive day intervals.
 *
 * Absolute dates ("April 17, 2025", "17 April 2025", "July 2025", "2024",
 * "2025-04-17", "the 1990s", "nineteen ninety six") and dates relative to
 * the reference date (the article's publication date, or --ref-date):
 * today, yesterday, weekdays ("on Thursday", "earlier on Monday": the most
 * recent such day; "last Thursday": the most recent before REF), last /
 * this / next week, month, year; seasons ("last autumn": the most recent
 * season that has ended); "since October"; early / mid / late month or
 * year; "N days ago", "1 month and 21 days ago", "two weeks from
 * tomorrow", "3 days after January 12".  Without a reference, relative
 * expressions are recorded with a null value, never resolved against the
 * clock.
 *
 * Conventions where English is ambiguous (each rule's comment has more):
 *  - Numeric dates: four-digit year first is ISO order; otherwise month
 *    first, the U.S. order of the English wires ("5/3/2024" is May 3),
 *    unless the first number cannot be a month ("17/04/2025"); dots are
 *    day first ("17.03.2025").  Month/day of bare numbers ("4/17") only
 *    where a date is expected.  Two-digit years: 00-29 are 20xx.
 *  - "this Friday" / "next Friday": the Friday of REF's Monday-Sunday week
 *    / of the week after; "the coming Friday": the first one after REF.
 *  - "this weekend": the one of REF's week; "the weekend": the same, but
 *    the one just gone when REF is a Monday to Wednesday; "over the
 *    weekend", "at the weekend": the most recent one.
 *  - Weeks of a month or year ("the first week of March", "week 31") run
 *    Monday to Sunday and belong to the month holding their Thursday (ISO).
 *  - Quarters, decades and fortnights are counted whole ("the past two
 *    quarters"); days, weeks, months and years from REF ("the past three
 *    months").
 *  - "this week / month / year" is the whole period, but runs to REF when
 *    the sentence reports a completed event by its auxiliary ("have been
 *    shot down this year", "were sent this week") or says "so far".
 *  - "next June" is the first June after REF's month, "last September"
 *    the latest before it, "this May" REF's year's.
 *  - "2010-11", "2024/25" (the second number the next year) are two years.
 *  - "the rest of the week / month / year" runs from REF to the period's
 *    end; "earlier last week" is its Monday-Wednesday, "later next week"
 *    its Thursday-Sunday.
 *  - A weekday beside a counted day ("Monday two weeks from now") is the
 *    weekday of the Monday-Sunday week holding that day; not after "in N
 *    units", which is usually a span ("the biggest fall in four months").
 *  - A written day after this / next wins over a weekday ("this Friday
 *    5/12"); "next 6th of April" is the first one after REF.
 *  - "from Monday to Friday" ends at the first such day on or after the
 *    start; a quarter or half "to March 31" / "ended June 30" is fiscal and
 *    left to its end date.
 *  - A bare day at one end of a range takes the other end's month and
 *    year ("from 4 to January 22, 1995", "4-22 January", "from April 27
 *    to the 3rd": May 3); numeric ranges "10/1-11/2/2017" share the year
 *    written at the end, and with none the end follows the start.
 *  - "the last 3 months and 2 days ago" is a span and a counted day; "N
 *    units in the future / past" is the span from REF.
 *  - After a weekday a slashed month/day is read in the order that falls
 *    on it ("Friday 11/4" in April 2025 is 11 April); not with a dash.
 *  - "as early as X" and ">= X" are open from X; "<= X" up to X.
 */
#include <string.h>
#include <strings.h>

#include "extract/extract.h"
#include "lex/lexicon.h"

#define MAX_WORD 32

/* Days since 1970-01-01 (proleptic Gregorian), after Howard Hinnant. */
int32_t date_to_days(int y, int m, int d)
{
	y -= m <= 2;
	const int era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = (unsigned)(y - era * 400);
	const unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int32_t)doe - 719468;
}

pdate date_from_days(int32_t z)
{
	z += 719468;
	const int32_t era = (z >= 0 ? z : z - 146096) / 146097;
	const unsigned doe = (unsigned)(z - era * 146097);
	const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const int32_t y = (int32_t)yoe + era * 400;
	const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const unsigned mp = (5 * doy + 2) / 153;
	const unsigned d = doy - (153 * mp + 2) / 5 + 1;
	const unsigned m = mp < 10 ? mp + 3 : mp - 9;
	pdate r = {(int16_t)(y + (m <= 2)), (int8_t)m, (int8_t)d};
	return r;
}

int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[(m - 1) % 12];
}

/* 0 = Monday ... 6 = Sunday. */
static int weekday(int32_t days) { return (int)(((days % 7) + 7 + 3) % 7); }

/* The token is the word W (lowercase), in any case. */
#define word_is(text, t, w) token_word((text), (t), (w))

/* The value of word T in map M (folded), or -1. */
static int lookup(const lexmap *m, const char *text, const token *t)
{
	size_t n = t->end - t->start;
	if (t->kind != TK_WORD || n >= MAX_WORD)
		return -1;
	return lexmap_get_hashed(m, text + t->start, n, token_hash(text, t));
}

static int month_of(const char *text, const token *t)
{
	if (t->kind != TK_WORD)
		return -1;
	/* "May" and "march" are words too: a lowercase "may" is a verb. */
	if (!(t->flags & TF_CAP) && (word_is(text, t, "may") || word_is(text, t, "march") ||
				     word_is(text, t, "sat") || word_is(text, t, "sun")))
		return -1;
	return lookup(&lexicon_get()->months, text, t);
}

/* Is the month name T an abbreviation ("Nov", "Sept") that a dot may end?
 * Not "May", "June" or "July": a dot after them ends the sentence. */
static int month_abbrev(const char *text, const token *t)
{
	return t->end - t->start <= 4 && !word_is(text, t, "may") && !word_is(text, t, "june") &&
	       !word_is(text, t, "july");
}

static int weekday_of(const char *text, const token *t) { return lookup(&lexicon_get()->weekdays, text, t); }

/* A plain integer token ("17", "17th", "2025"), or -1. */
static int intval(const char *text, const token *t, int *ordinal)
{
	if (t->kind != TK_NUM)
		return -1;
	int v = 0;
	uint32_t i = t->start;
	for (; i < t->end && text[i] >= '0' && text[i] <= '9'; i++) {
		if (v > 100000)
			return -1;
		v = v * 10 + (text[i] - '0');
	}
	if (i == t->start)
		return -1;
	if (ordinal)
		*ordinal = 0;
	if (i < t->end) {
		size_t n = t->end - i;
		if (n == 2 && ordinal && (!strncasecmp(text + i, "st", 2) || !strncasecmp(text + i, "nd", 2) ||
					  !strncasecmp(text + i, "rd", 2) || !strncasecmp(text + i, "th", 2)))
			*ordinal = 1;
		else
			return -1;
	}
	return v;
}

static int punct_like(const token *t, size_t i, uint32_t cp) { return t[i].kind == TK_PUNCT && t[i].cp == cp; }

static int year_ok(int y) { return y >= 1800 && y <= 2200; }

typedef struct tctx {
	const char *text;
	const token *t;
	size_t n;
	const uint8_t *cls; /* TC_* bits per token */
	uint8_t *taken;
	refdate ref;
	uint32_t article;
	vec *out;
} tctx;

/* The month or weekday of token K of the sentence: only a word with
 * TC_STRONG (extract_classes) can be one, so most words cost no probe. */
static int month_at(const tctx *c, size_t k)
{
	return (c->cls[k] & TC_STRONG) ? month_of(c->text, &c->t[k]) : -1;
}

static int weekday_at(const tctx *c, size_t k)
{
	return (c->cls[k] & TC_STRONG) ? weekday_of(c->text, &c->t[k]) : -1;
}

static void emit_days(tctx *c, size_t a, size_t b, int valid, int32_t s, int32_t e)
{
	trec *r = vec_push(c->out);
	if (!r)
		return;
	r->sp = span_make(c->t[a].start, c->t[b - 1].end);
	r->article = c->article;
	r->valid = (uint8_t)(valid && s <= e);
	if (r->valid) {
		r->start = date_from_days(s);
		r->end = date_from_days(e);
	}
	for (size_t k = a; k < b; k++)
		c->taken[k] = 1;
}

static int32_t month_start(int y, int m) { return date_to_days(y, m, 1); }
static int32_t month_end(int y, int m) { return date_to_days(y, m, days_in_month(y, m)); }

static int has_ref_day(const tctx *c) { return c->ref.y && c->ref.m && c->ref.d; }
static int32_t ref_days(const tctx *c) { return date_to_days(c->ref.y, c->ref.m, c->ref.d); }

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* The year for a month (and day) given without one: the reference year, or
 * the year before when that would put it more than ~6 months ahead. */
static int infer_year(const tctx *c, int m, int d)
{
	if (!c->ref.y)
		return 0;
	int y = c->ref.y;
	int refm = c->ref.m ? c->ref.m : 12;
	if (m - refm > 6 || (m - refm == 6 && d > (c->ref.d ? c->ref.d : 31)))
		y--;
	/* "Feb 29" with no year: the last leap day. */
	while (m == 2 && d == 29 && !is_leap(y))
		y--;
	return y;
}

static int connector(const char *x, const token *t)
{
	return word_is(x, t, "to") || word_is(x, t, "through") || word_is(x, t, "thru") ||
	       word_is(x, t, "till") || word_is(x, t, "until") || word_is(x, t, "and") ||
	       (t->kind == TK_PUNCT && (t->cp == '-' || t->cp == 0x2013 || t->cp == 0x2014 || t->cp == '~'));
}

static int numword(const tctx *c, const token *w, int cls);

/* A day of the month at token K: "17", "17th", "first", "twenty-second",
 * "twenty second", "twenty nine".  Returns 1..31 and sets *NEXT. */
static int dayval(const tctx *c, size_t k, size_t *next, int *ord)
{
	static const char *const ords[] = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh",
					   "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth",
					   "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
					   "nineteenth", "twentieth", NULL};
	static const char *const units[] = {"one", "two", "three", "four", "five", "six", "seven", "eight",
					    "nine", NULL};
	const char *x = c->text;
	const token *t = c->t;
	*ord = 0;
	if (k >= c->n)
		return -1;
	int v = intval(x, &t[k], ord);
	if (v >= 0) {
		*next = k + 1;
		return v >= 1 && v <= 31 ? v : -1;
	}
	if (t[k].kind != TK_WORD || !(c->cls[k] & TC_NUMBER))
		return -1;
	/* "first" to "twentieth" and "thirtieth" (numbers.txt; not "thirds"). */
	v = numword(c, &t[k], NUMW_ORD);
	if (((v >= 1 && v <= 20) || v == 30) && (x[t[k].end - 1] | 0x20) != 's') {
		*next = k + 1, *ord = 1;
		return v;
	}
	/* twenty-first / twenty first / twenty one; thirty-first */
	int base = 0;
	size_t len = t[k].end - t[k].start;
	const char *w = x + t[k].start;
	if (len >= 6 && !strncasecmp(w, "twenty", 6))
		base = 20;
	else if (len >= 6 && !strncasecmp(w, "thirty", 6))
		base = 30;
	if (!base)
		return -1;
	if (len == 6) {
		if (k + 1 < c->n) {
			for (int i = 0; i < 9; i++)
				if (word_is(x, &t[k + 1], ords[i]) || word_is(x, &t[k + 1], units[i])) {
					*next = k + 2, *ord = word_is(x, &t[k + 1], ords[i]);
					return base + i + 1 <= 31 ? base + i + 1 : -1;
				}
		}
		*next = k + 1;
		return base;
	}
	if (w[6] == '-') {
		token u = t[k];
		u.start += 7, u.hash = 0, u.w1 = 0;
		for (int i = 0; i < 9; i++)
			if (word_is(x, &u, ords[i]) || word_is(x, &u, units[i])) {
				*next = k + 1, *ord = word_is(x, &u, ords[i]);
				return base + i + 1 <= 31 ? base + i + 1 : -1;
			}
	}
	return -1;
}

/* The value of the number word at token K ("five", "twenty") if its class
 * is CLS (NUMW_*), else -1. */
static int numword(const tctx *c, const token *w, int cls)
{
	if (w->kind != TK_WORD)
		return -1;
	int k = lookup(&lexicon_get()->numwords, c->text, w);
	return k >= 0 && lexicon_get()->num_class[k] == cls ? (int)lexicon_get()->num_value[k] : -1;
}

/* 1 to 99 in words at token K: "five", "fifteen", "twenty six",
 * "twenty-six"; sets *NEXT, or returns -1. */
static int words99(const tctx *c, size_t k, size_t *next)
{
	const token *t = c->t;
	if (k >= c->n)
		return -1;
	int v = numword(c, &t[k], NUMW_UNIT), u;
	if (v >= 1) {
		*next = k + 1;
		return v;
	}
	const char *h = t[k].kind == TK_WORD ? memchr(c->text + t[k].start, '-', t[k].end - t[k].start) : NULL;
	if (h) {
		token a = t[k], b = t[k];
		a.end = (uint32_t)(h - c->text), b.start = a.end + 1;
		a.hash = b.hash = 0, a.w1 = b.w1 = 0;
		if ((v = numword(c, &a, NUMW_TEN)) > 0 && (u = numword(c, &b, NUMW_UNIT)) >= 1 && u <= 9) {
			*next = k + 1;
			return v + u;
		}
		return -1;
	}
	if ((v = numword(c, &t[k], NUMW_TEN)) < 0)
		return -1;
	*next = k + 1;
	if (k + 1 < c->n && (u = numword(c, &t[k + 1], NUMW_UNIT)) >= 1 && u <= 9)
		*next = k + 2, v += u;
	return v;
}

/* A year in words at token K: "nineteen ninety six", "nineteen oh five",
 * "seventeen hundred thirty three", "two thousand and fifteen", "twenty
 * twenty", "one thousand seven hundred and eighty nine".  Returns the year
 * (1000-2199) and sets *NEXT, or 0. */
static int spelled_year(const tctx *c, size_t k, size_t *next)
{
	const char *x = c->text;
	const token *t = c->t;
	size_t n = c->n, q;
	int a = words99(c, k, &q), b, y;
	if (a < 1 || q >= n)
		return 0;
	if (word_is(x, &t[q], "thousand") && a <= 2) {
		y = a * 1000, q++;
		if (q + 1 < n && (b = numword(c, &t[q], NUMW_UNIT)) >= 1 && b <= 9 && word_is(x, &t[q + 1], "hundred"))
			y += b * 100, q += 2;
		size_t r = q + (q < n && word_is(x, &t[q], "and"));
		if ((b = words99(c, r, &r)) > 0)
			y += b, q = r;
	} else if (a >= 17 && a <= 20) {
		y = a * 100;
		if (word_is(x, &t[q], "hundred")) {
			q++;
			size_t r = q + (q < n && word_is(x, &t[q], "and"));
			if ((b = words99(c, r, &r)) > 0)
				y += b, q = r;
		} else if ((word_is(x, &t[q], "oh") || word_is(x, &t[q], "zero")) && q + 1 < n &&
			   (b = numword(c, &t[q + 1], NUMW_UNIT)) >= 1 && b <= 9) {
			y += b, q += 2;
		} else if ((b = words99(c, q, &q)) >= 10) {
			y += b;
		} else {
			return 0;
		}
	} else {
		return 0;
	}
	if (y < 1000 || y > 2199)
		return 0;
	*next = q;
	return y;
}

/* A year after a date: "2025", ", 2025", "of 1995", "in 2020". */
static int year_after(const tctx *c, size_t k, size_t *next)
{
	const char *x = c->text;
	const token *t = c->t;
	if (k < c->n && t[k].kind == TK_PUNCT && t[k].cp == ',')
		k++;
	if (k < c->n && (word_is(x, &t[k], "of") || word_is(x, &t[k], "in")))
		k++;
	int y;
	if (k < c->n && t[k].end - t[k].start == 4 && (y = intval(x, &t[k], NULL)) > 0 && year_ok(y)) {
		*next = k + 1;
		return y;
	}
	/* "April of 87", "April of '87" */
	if (k > 0 && word_is(x, &t[k - 1], "of") && k + 1 < c->n && punct_like(t, k, '\'') &&
	    !(t[k + 1].flags & TF_SPACE))
		k++;
	if (k > 0 && word_is(x, &t[k - 1], "of") && k < c->n && t[k].kind == TK_NUM && t[k].end - t[k].start == 2 &&
	    (y = intval(x, &t[k], NULL)) >= 0) {
		*next = k + 1;
		return y < 30 ? 2000 + y : 1900 + y;
	}
	return k < c->n ? spelled_year(c, k, next) : 0;
}

static int period_at(tctx *c, size_t k, int *y, int *m, size_t *next);

/* The last record's year was not written but inferred: a range may lend
 * it the year of its other end ("from May to Oct 2020"). */
static void mark_inferred(tctx *c)
{
	if (c->out->len)
		VEC_AT(c->out, trec, c->out->len - 1).inferred = 1;
}

static void emit_day(tctx *c, size_t a, size_t b, int y, int m, int d)
{
	if (y && d <= days_in_month(y, m)) {
		int32_t day = date_to_days(y, m, d);
		emit_days(c, a, b, 1, day, day);
	} else {
		emit_days(c, a, b, 0, 0, 0);
	}
}

/* Numeric and compact dates.  A run of numbers and month names joined by
 * '/', '-' or '.' with no spaces ("4/17/2025", "2019-aug-01",
 * "Sep-23-2020", "05-Aug-2016", "Oct2", "Jan-Feb") is read as one date.
 * The order of three numbers: year first (2025-04-17, 2025/4/17) when the
 * first has four digits; else month first, the U.S. order of the English
 * wires ("5/3/2024" is May 3), unless the first cannot be a month
 * ("17/04/2025") or the parts are joined by dots ("17.04.2025", the
 * European order).  A two-digit year is 2000-2029 below 30, else 19xx.
 * A month and day of numbers alone ("4/17", "4-17") is read only where a
 * date is expected (after "on", "from", "between", a weekday; a dash only
 * after a preposition), since "1/2" is more often a fraction and "3-1" a
 * score. */
#define NUM_PARTS 6

typedef struct npart {
	int v;          /* the number, or the month 1-12 */
	uint8_t month;  /* a month name */
	uint8_t digits; /* digits of a number */
	char sep;       /* separator before the part: '/', '-', '.', or 0 ("Oct2") */
	uint32_t end;   /* byte offset after the part */
} npart;

static int is_digit(char ch) { return ch >= '0' && ch <= '9'; }
static int is_alpha(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }

/* Is X[Q] a date part's separator, a "/", "-" or "." with a letter or
 * digit glued after it (before LIM): "4/17", "Oct-2", "17.04"? */
static int glued_mark(const char *x, uint32_t q, uint32_t lim)
{
	return q + 1 < lim && (x[q] == '/' || x[q] == '-' || x[q] == '.') && (is_digit(x[q + 1]) || is_alpha(x[q + 1]));
}

/* Splits the bytes from S (up to LIM) into parts; returns their count. */
static int nparts(const tctx *c, uint32_t s, uint32_t lim, npart *p)
{
	const char *x = c->text;
	int np = 0;
	uint32_t q = s;
	char sep = 0;
	while (np < NUM_PARTS && q < lim) {
		uint32_t b = q;
		if (is_digit(x[q])) {
			int v = 0;
			while (q < lim && is_digit(x[q]) && q - b < 4)
				v = v * 10 + (x[q++] - '0');
			if (q < lim && is_digit(x[q]))
				break;
			p[np] = (npart){v, 0, (uint8_t)(q - b), sep, q};
		} else if (is_alpha(x[q])) {
			while (q < lim && is_alpha(x[q]))
				q++;
			token w = {.start = b, .end = q, .cp = (uint32_t)x[b], .kind = TK_WORD, .flags = TF_CAP};
			int m = q - b >= 3 ? lookup(&lexicon_get()->months, x, &w) : -1;
			if (m <= 0)
				break;
			p[np] = (npart){m, 1, 0, sep, q};
		} else {
			break;
		}
		np++;
		if (glued_mark(x, q, lim)) {
			sep = x[q++];
			continue;
		}
		if (q < lim && p[np - 1].month && is_digit(x[q])) {
			sep = 0;
			continue;
		}
		/* "08/12,2015": a year glued by a comma to a month and day. */
		if (np == 2 && p[1].sep == '/' && q + 4 < lim && x[q] == ',' && is_digit(x[q + 1]) &&
		    (q + 5 >= lim || !is_digit(x[q + 5]))) {
			sep = x[q++];
			continue;
		}
		break;
	}
	return np;
}

/* The year a number stands for ("2016", "16", "89"), or -1. */
static int nyear(const npart *p)
{
	if (p->month)
		return -1;
	if (p->digits == 4 && year_ok(p->v))
		return p->v;
	if (p->digits == 2)
		return p->v < 30 ? 2000 + p->v : 1900 + p->v;
	return -1;
}

static int nday(const npart *p) { return !p->month && p->digits <= 2 && p->v >= 1 && p->v <= 31 ? p->v : -1; }
static int nmonth(const npart *p) { return p->month || (p->digits <= 2 && p->v >= 1 && p->v <= 12) ? p->v : -1; }

enum { ND_NONE, ND_DAY, ND_MONTH, ND_MONTHDAY, ND_MONTHS };

/* Reads a date from parts P[0..NP); returns its ND_* kind and sets the
 * fields and *USED.  CTX: 1 where a date is expected, 2 after a
 * preposition. */
static int ndate(const npart *p, int np, int ctx, int *y, int *m, int *d, int *used)
{
	if (np >= 3 && p[1].sep && (p[1].sep == p[2].sep || (p[2].sep == ',' && p[2].digits == 4))) {
		*used = 3;
		if (p[0].digits == 4 && year_ok(p[0].v)) {
			*y = p[0].v;
			if ((*m = nmonth(&p[1])) > 0 && (*d = nday(&p[2])) > 0)
				return ND_DAY;
			if (p[2].month && (*d = nday(&p[1])) > 0 && (*m = p[2].v) > 0)
				return ND_DAY;
		} else if (p[0].month) {
			*m = p[0].v;
			if ((*d = nday(&p[1])) > 0 && (*y = nyear(&p[2])) > 0)
				return ND_DAY;
			if (p[1].digits == 4 && (*y = nyear(&p[1])) > 0 && (*d = nday(&p[2])) > 0)
				return ND_DAY;
		} else if (p[1].month) {
			*m = p[1].v;
			if ((*d = nday(&p[0])) > 0 && (*y = nyear(&p[2])) > 0)
				return ND_DAY;
		} else if (p[2].month) {
			*m = p[2].v;
			if ((*d = nday(&p[0])) > 0 && p[1].digits == 4 && (*y = nyear(&p[1])) > 0)
				return ND_DAY;
		} else if (p[0].digits <= 2 && p[1].digits <= 2 && (*y = nyear(&p[2])) > 0) {
			int a = p[0].v, b = p[1].v;
			int dm = p[1].sep == '.' || a > 12;
			*m = dm ? b : a, *d = dm ? a : b;
			if (*m >= 1 && *m <= 12 && *d >= 1 && *d <= 31)
				return ND_DAY;
		}
	}
	if (np < 2 || (p[1].sep == '.' && !p[0].month))
		return ND_NONE;
	*used = 2;
	if (p[0].month && p[1].month && p[1].sep == '-') {
		*m = p[0].v, *d = p[1].v;
		return ND_MONTHS;
	}
	if (p[0].month && p[1].digits == 4 && (*y = nyear(&p[1])) > 0) {
		*m = p[0].v;
		return ND_MONTH;
	}
	if (p[0].month && (*d = nday(&p[1])) > 0) {
		*m = p[0].v;
		return ND_MONTHDAY;
	}
	if (p[1].month && p[1].sep && (*d = nday(&p[0])) > 0) {
		*m = p[1].v;
		return ND_MONTHDAY;
	}
	if (!p[1].sep)
		return ND_NONE;
	if (p[0].digits == 4 && (*y = nyear(&p[0])) > 0 && (*m = nmonth(&p[1])) > 0 && *m != (*y + 1) % 100)
		return ND_MONTH;
	if (p[1].digits == 4 && (*y = nyear(&p[1])) > 0 && (*m = nmonth(&p[0])) > 0)
		return ND_MONTH;
	if (p[0].month || p[1].month || p[0].digits > 2 || p[1].digits > 2 || !ctx || (p[1].sep == '-' && ctx < 2))
		return ND_NONE;
	int a = p[0].v, b = p[1].v;
	if (a >= 1 && a <= 12 && b >= 1 && b <= 31)
		*m = a, *d = b;
	else if (b >= 1 && b <= 12 && a >= 1 && a <= 31)
		*m = b, *d = a;
	else
		return ND_NONE;
	return ND_MONTHDAY;
}


/* How strongly the tokens before J (a weekday may sit at I..J) expect a
 * date: 2 after a preposition or a dash, 1 after a weekday, "this", or at
 * the start of a sentence, else 0. */
static int date_context(const tctx *c, size_t i, size_t j)
{
	static const char *const preps[] = {"on", "from", "between", "to", "until", "till", "through", "since",
					    "by", "and", "before", "after", "dated", NULL};
	const char *x = c->text;
	const token *t = c->t;
	if (j > i)
		return 1;
	if (i == 0)
		return 1;
	for (int k = 0; preps[k]; k++)
		if (word_is(x, &t[i - 1], preps[k]))
			return 2;
	if (punct_like(t, i - 1, '-') || word_is(x, &t[i - 1], "or") ||
	    (i > 1 && punct_like(t, i - 1, ',') && c->taken[i - 2]))
		return 2;
	return word_is(x, &t[i - 1], "this") || word_is(x, &t[i - 1], "next") ? 1 : 0;
}

/* The token after the one from J that ends at byte END, or 0. */
static size_t tok_end(const tctx *c, size_t j, uint32_t end)
{
	while (j < c->n && c->t[j].end < end)
		j++;
	return j < c->n && c->t[j].end == end ? j + 1 : 0;
}

/* Two numeric dates joined by a dash, "10/1-11/2/2017", "2/29-3/1": one
 * range; a year written once at the end is both ends', and with none the
 * end follows the start.  Tokens used from
 * I, or 0. */
static size_t numeric_range(tctx *c, size_t i, size_t j, npart *p, int np)
{
	int h = 2;
	while (h < np && p[h].sep == '/')
		h++;
	if (h >= np || p[h].sep != '-' || p[1].sep != '/' || np - h < 2)
		return 0;
	for (int k = h + 1; k < np; k++)
		if (p[k].sep != '/')
			return 0;
	int y1 = 0, m1, d1, y2 = 0, m2, d2, u1 = 0, u2 = 0;
	char sep = p[h].sep;
	p[h].sep = 0;
	int k1 = ndate(p, h, 2, &y1, &m1, &d1, &u1), k2 = ndate(p + h, np - h, 2, &y2, &m2, &d2, &u2);
	p[h].sep = sep;
	if (u1 != h || u2 != np - h || (k1 != ND_DAY && k1 != ND_MONTHDAY) || (k2 != ND_DAY && k2 != ND_MONTHDAY))
		return 0;
	/* "1/2-3/4" with no year is a date range only where one is expected. */
	if (k2 == ND_MONTHDAY && !date_context(c, i, j))
		return 0;
	size_t e = tok_end(c, j, p[np - 1].end);
	if (!e)
		return 0;
	if (k2 == ND_MONTHDAY && (y2 = year_after(c, e, &e)) > 0)
		k2 = ND_DAY;
	if (k1 == ND_MONTHDAY)
		y1 = k2 == ND_DAY ? y2 - (m1 > m2) : infer_year(c, m1, d1);
	if (k2 == ND_MONTHDAY)
		y2 = y1 + (m2 < m1 || (m2 == m1 && d2 < d1));
	if (!y1 || d1 > days_in_month(y1, m1) || d2 > days_in_month(y2, m2))
		emit_days(c, i, e, 0, 0, 0);
	else
		emit_days(c, i, e, 1, date_to_days(y1, m1, d1), date_to_days(y2, m2, d2));
	return e - i;
}

/* "Sat 6/7": two bare numbers after a weekday are the month and day in
 * whichever order falls on that weekday (month first when both do).  Not
 * with a dash: "Monday 12-4" is more often hours.  Tokens used from I, or
 * 0. */
static size_t weekday_numeric(tctx *c, size_t i, size_t j, const npart *p, int np)
{
	int wd = weekday_of(c->text, &c->t[i]);
	if (wd < 0 || np < 2 || p[0].month || p[1].month || p[0].digits > 2 || p[1].digits > 2 ||
	    p[1].sep != '/' || (np > 2 && p[2].sep == p[1].sep))
		return 0;
	size_t e = tok_end(c, j, p[1].end);
	if (!e)
		return 0;
	for (int order = 0; order < 2; order++) {
		int m = order ? p[1].v : p[0].v, d = order ? p[0].v : p[1].v, y;
		if (m < 1 || m > 12 || d < 1 || !(y = infer_year(c, m, d)) || d > days_in_month(y, m) ||
		    weekday(date_to_days(y, m, d)) != wd)
			continue;
		emit_day(c, i, e, y, m, d);
		return e - i;
	}
	return 0;
}

/* A numeric or compact date at token J (I..J a weekday); tokens used from
 * I, or 0. */
static size_t numeric(tctx *c, size_t i, size_t j)
{
	const char *x = c->text;
	const token *t = c->t;
	size_t n = c->n;
	npart p[NUM_PARTS];
	int y = 0, m = 0, d = 0, used = 0;
	if (t[j].kind == TK_PUNCT)
		return 0;
	/* nparts finds a second part only after a separator and a letter or
	 * digit ("4/17", "Oct-2"), or a digit glued to a month ("Dec31"):
	 * most numbers and words stop here without it. */
	uint32_t q = t[j].start, lim = t[n - 1].end, b = q;
	if (is_digit(x[q])) {
		while (q < lim && is_digit(x[q]))
			q++;
	} else {
		while (q < lim && is_alpha(x[q]))
			q++;
		if (q - b < 3)
			return 0;
		if (q < lim && is_digit(x[q]))
			b = UINT32_MAX; /* glued: let nparts decide */
	}
	if (b != UINT32_MAX && !glued_mark(x, q, lim))
		return 0;
	int np = nparts(c, t[j].start, t[n - 1].end, p);
	if (np < 2) /* no date of one part: spare the context */
		return 0;
	size_t rng = numeric_range(c, i, j, p, np);
	if (rng)
		return rng;
	int kind = ndate(p, np, date_context(c, i, j), &y, &m, &d, &used);
	if (kind == ND_MONTHDAY && j > i && (rng = weekday_numeric(c, i, j, p, np)) > 0)
		return rng;
	if (kind == ND_NONE)
		return 0;
	size_t e = tok_end(c, j, p[used - 1].end);
	if (!e)
		return 0;
	/* "4-22 January, 1995": days of the month named after them; "Feb
	 * between 2-7 [2018]": of the month named before. */
	int mo = -1, before = 0;
	if (kind == ND_MONTHDAY && !p[0].month && !p[1].month && p[1].sep == '-' && i == j && i >= 2 &&
	    (word_is(x, &t[i - 1], "between") || word_is(x, &t[i - 1], "from")) && (mo = month_at(c, i - 2)) > 0)
		before = 1;
	/* "from 4-23 in next month": days of a month counted from REF. */
	if (kind == ND_MONTHDAY && !p[0].month && !p[1].month && p[1].sep == '-' && e + 2 < n && p[0].v < p[1].v &&
	    !before && c->ref.m && (word_is(x, &t[e], "in") || word_is(x, &t[e], "of")) && word_is(x, &t[e + 2], "month") &&
	    (word_is(x, &t[e + 1], "next") || word_is(x, &t[e + 1], "this") || word_is(x, &t[e + 1], "last"))) {
		int step = word_is(x, &t[e + 1], "next") ? 1 : word_is(x, &t[e + 1], "last") ? -1 : 0;
		int ym = c->ref.y * 12 + c->ref.m - 1 + step;
		if (p[1].v > days_in_month(ym / 12, ym % 12 + 1))
			return 0;
		size_t from = i > 0 && word_is(x, &t[i - 1], "from") ? i - 1 : i;
		emit_days(c, from, e + 3, 1, date_to_days(ym / 12, ym % 12 + 1, p[0].v),
			  date_to_days(ym / 12, ym % 12 + 1, p[1].v));
		return e + 3 - i;
	}
	if (kind == ND_MONTHDAY && !p[0].month && !p[1].month && p[1].sep == '-' && e < n && p[0].v < p[1].v &&
	    (before || (mo = month_at(c, e)) > 0)) {
		size_t from = i;
		if (before) {
			if (c->out->len && VEC_AT(c->out, trec, c->out->len - 1).sp.start == t[i - 2].start)
				c->out->len--;
			from = i - 2, e--;
		}
		int y2 = year_after(c, e + 1, &e);
		e += !y2;
		if (!y2)
			y2 = infer_year(c, mo, p[1].v);
		if (p[1].v > days_in_month(y2 ? y2 : 2001, mo))
			return 0;
		emit_days(c, from, e, y2 != 0, y2 ? date_to_days(y2, mo, p[0].v) : 0,
			  y2 ? date_to_days(y2, mo, p[1].v) : 0);
		return e - i;
	}
	/* "9-10 am": hours, not a date. */
	if (kind == ND_MONTHDAY && !p[0].month && !p[1].month && e < n && t[e].kind == TK_WORD &&
	    (x[t[e].start] | 0x20) != 'o' && t[e].end - t[e].start <= 4 &&
	    ((x[t[e].start] | 0x20) == 'a' || (x[t[e].start] | 0x20) == 'p') && (x[t[e].start + 1] | 0x20) != 'r')
		return 0;
	switch (kind) {
	case ND_DAY:
		emit_day(c, i, e, y, m, d);
		break;
	case ND_MONTH:
		emit_days(c, i, e, 1, month_start(y, m), month_end(y, m));
		break;
	case ND_MONTHS: {
		/* "Nov-Feb 5th, 2017": the end month's day, in digits, an
		 * ordinal or before a year ("January-March first quarter" is
		 * no day). */
		size_t nx;
		int ord, d2 = e < n && t[e].kind == TK_NUM ? dayval(c, e, &nx, &ord) : -1, y2;
		if (d2 > 0 && (ord || year_after(c, nx, &nx)) && !(nx < n && month_at(c, nx) > 0))
			e = nx;
		else
			d2 = 0;
		int m2 = d, y1;
		y2 = year_after(c, e, &e);
		int inferred = !y2;
		if (!y2)
			y2 = infer_year(c, m2, 1);
		y1 = y2 - (m > m2);
		if (d2 > days_in_month(y2 ? y2 : 2001, m2))
			return 0;
		emit_days(c, i, e, y2 != 0, y2 ? month_start(y1, m) : 0,
			  y2 ? (d2 ? date_to_days(y2, m2, d2) : month_end(y2, m2)) : 0);
		if (inferred)
			mark_inferred(c);
		break;
	}
	default:
		if ((y = year_after(c, e, &e)) > 0) {
			emit_day(c, i, e, y, m, d);
			break;
		}
		y = infer_year(c, m, d);
		emit_day(c, i, e, y, m, d);
		mark_inferred(c);
		break;
	}
	return e - i;
}

/* Tries an absolute date at token I; returns tokens used, or 0. */
static int unit_of(const char *x, const token *t);

/* Is the number before token E an hour or a count, not a day: "Thursday
 * 19:00", "Monday 3-8", "Wednesday 4 o'clock", "Saturday 3 days from
 * now"? */
static int clock_or_count(const tctx *c, size_t e)
{
	static const char *const clock[] = {"am", "pm", "a.m", "p.m", "oclock", "o'clock", "hours", "hrs", NULL};
	const char *x = c->text;
	const token *t = c->t;
	if (e >= c->n)
		return 0;
	if (unit_of(x, &t[e]))
		return 1;
	for (int k = 0; clock[k]; k++)
		if (word_is(x, &t[e], clock[k]))
			return 1;
	/* "19:00", "8-9am", "3-8": a glued colon or dash and a number */
	return e + 1 < c->n && !(t[e].flags & TF_SPACE) && (punct_like(t, e, ':') || punct_like(t, e, '-')) &&
	       t[e + 1].kind == TK_NUM;
}

static size_t absolute(tctx *c, size_t i)
{
	const char *x = c->text;
	const token *t = c->t;
	size_t n = c->n, j = i, k, e;
	int ord, m, d, y, wd = -1;
	/* Compact forms that begin with a month: "Oct-2", "Sep-23-2020". */
	if (t[i].kind == TK_WORD && (k = numeric(c, i, i)) > 0)
		return k;
	/* Only numbers, number words, month and weekday names and "the" open
	 * an absolute date. */
	if (t[i].kind == TK_WORD && !(c->cls[i] & TC_NUMBER) && !word_is(x, &t[i], "the") &&
	    month_at(c, i) <= 0 && weekday_at(c, i) < 0)
		return 0;
	if (j < n && (wd = weekday_at(c, j)) >= 0) {
		j++;
		if (j < n && t[j].kind == TK_PUNCT && t[j].cp == ',')
			j++;
	}
	/* Numeric and compact forms: 2025-04-17, 4/17/2025, 17.04.2025,
	 * 05-Aug-2016, 2019/aug/01, Oct-2, Dec31, 11/2016. */
	if (j < n && !(j == i && t[i].kind == TK_WORD) && (k = numeric(c, i, j)) > 0) /* a word: done above */
		return k;
	/* "Friday the 26th", "Mon 13th": the day D of the nearest month (this
	 * one, else the ones before) on which D is that weekday. */
	if (wd >= 0 && j < n && c->ref.y && c->ref.m) {
		k = j;
		if (word_is(x, &t[k], "the"))
			k++;
		if ((d = dayval(c, k, &e, &ord)) > 0 && (ord || k == j) && (e >= n || month_at(c, e) <= 0) &&
		    !(e + 1 < n && word_is(x, &t[e], "of") && month_at(c, e + 1) > 0) && !clock_or_count(c, e) &&
		    !(t[k].kind == TK_NUM && intval(x, &t[k], NULL) >= 1000)) {
			int yy = c->ref.y, mm = c->ref.m;
			for (int tries = 0; tries < 24; tries++) {
				if (d <= days_in_month(yy, mm) && weekday(date_to_days(yy, mm, d)) == wd) {
					emit_day(c, i, e, yy, mm, d);
					return e - i;
				}
				if (--mm < 1)
					mm = 12, yy--;
			}
		}
	}
	/* Month D[th][,] [YYYY] | Month [,|of] YYYY */
	if (j < n && (m = month_at(c, j)) > 0) {
		k = j + 1;
		if (k < n && t[k].kind == TK_PUNCT && t[k].cp == '.' && !(t[k].flags & TF_SPACE))
			k++;
		size_t k2 = k;
		if (k2 < n && t[k2].kind == TK_PUNCT && t[k2].cp == ',')
			k2++;
		d = dayval(c, k2, &e, &ord);
		/* "September the twenty-first", "April the 9th" */
		if (d <= 0 && k2 + 1 < n && word_is(x, &t[k2], "the") && (d = dayval(c, k2 + 1, &e, &ord)) > 0 && !ord)
			d = -1;
		if (d > 0 && word_is(x, &t[k2], "the"))
			k2++;
		/* A four-digit number right after the month is its year. */
		if (d > 0 && !(t[k2].kind == TK_NUM && intval(x, &t[k2], NULL) >= 1000)) {
			/* "April 9 through 17[, 2016]": a range of days. */
			size_t e2;
			int d2, ord2;
			if (e + 1 < n && connector(x, &t[e]) && !word_is(x, &t[e], "and") &&
			    (d2 = dayval(c, e + 1, &e2, &ord2)) > d && month_at(c, e2 < n ? e2 : e + 1) <= 0) {
				int yy = year_after(c, e2, &e2);
				int inferred = !yy;
				if (!yy)
					yy = infer_year(c, m, d);
				if (yy && d2 <= days_in_month(yy, m))
					emit_days(c, i, e2, 1, date_to_days(yy, m, d), date_to_days(yy, m, d2));
				else
					emit_days(c, i, e2, 0, 0, 0);
				if (inferred)
					mark_inferred(c);
				return e2 - i;
			}
			if ((y = year_after(c, e, &e)) > 0) {
				emit_day(c, i, e, y, m, d);
				return e - i;
			}
			emit_day(c, i, e, infer_year(c, m, d), m, d);
			mark_inferred(c);
			return e - i;
		}
		if ((y = year_after(c, k, &e)) > 0) {
			emit_days(c, i, e, 1, month_start(y, m), month_end(y, m));
			return e - i;
		}
		/* "June next year", "March last year" */
		int pm;
		if (k < n && !word_is(x, &t[k], "the") && period_at(c, k, &y, &pm, &e) == 2 && e == k + 2) {
			emit_days(c, i, e, 1, month_start(y, m), month_end(y, m));
			return e - i;
		}
		return 0;
	}
	/* [the] D: read once for the two forms below. */
	size_t k0 = j + (j < n && word_is(x, &t[j], "the")), e1 = 0;
	int o1 = 0, d1 = dayval(c, k0, &e1, &o1);
	/* [the] D (to|-|through|and) [the] D [of] Month [YYYY]: days of one month */
	{
		size_t e2;
		int d2, o2;
		if (d1 > 0 && e1 + 1 < n && connector(x, &t[e1])) {
			/* "18 and 19 June": two days, not a range. */
			int two = word_is(x, &t[e1], "and") && !(i > 0 && word_is(x, &t[i - 1], "between"));
			size_t k1 = e1 + 1;
			if (k1 < n && word_is(x, &t[k1], "the"))
				k1++;
			if ((d2 = dayval(c, k1, &e2, &o2)) > d1) {
				if (e2 < n && word_is(x, &t[e2], "of"))
					e2++;
				if (e2 < n && (m = month_at(c, e2)) > 0) {
					size_t e3 = e2 + 1;
					int yy = year_after(c, e3, &e3);
					if (two) {
						emit_day(c, i, e1, yy ? yy : infer_year(c, m, d1), m, d1);
						if (!yy)
							mark_inferred(c);
						return e1 - i;
					}
					int inferred = !yy;
					if (!yy)
						yy = infer_year(c, m, d1);
					if (yy && d2 <= days_in_month(yy, m))
						emit_days(c, i, e3, 1, date_to_days(yy, m, d1), date_to_days(yy, m, d2));
					else
						emit_days(c, i, e3, 0, 0, 0);
					if (inferred)
						mark_inferred(c);
					return e3 - i;
				}
				/* "from 4 to 22 this month", "4 to 23 next month" */
				int py, pm;
				size_t e3;
				if (!two && e2 < n && !word_is(x, &t[e2], "the") && period_at(c, e2, &py, &pm, &e3) == 1 &&
				    e3 == e2 + 2 && d2 <= days_in_month(py, pm)) {
					emit_days(c, i, e3, 1, date_to_days(py, pm, d1), date_to_days(py, pm, d2));
					return e3 - i;
				}
			}
		}
	}
	/* [the] D[th] [of] Month [YYYY], "16. Nov. 2016" */
	size_t j0 = j;
	if (j < n && word_is(x, &t[j], "the"))
		j++;
	/* Not "$12 December": an amount. */
	if (j > 0 && t[j - 1].kind == TK_PUNCT && (t[j - 1].cp == '$' || t[j - 1].cp == 0xA3 || t[j - 1].cp == 0x20AC))
		return 0;
	d = d1, k = e1, ord = o1; /* dayval(c, j, &k, &ord) */
	if (d > 0) {
		if (k < n && t[k].kind == TK_PUNCT && t[k].cp == '.' && !(t[k].flags & TF_SPACE))
			k++;
		/* "the 15th day of next month", "the twenty-sixth day of the month" */
		if (ord && k + 1 < n && word_is(x, &t[k], "day") && word_is(x, &t[k + 1], "of"))
			k++;
		int of = k < n && word_is(x, &t[k], "of");
		if (of)
			k++;
		int py, pm;
		if (of && ord && k + 1 < n && word_is(x, &t[k + 1], "month") && period_at(c, k, &py, &pm, &e) == 1) {
			emit_day(c, i, e, py, pm, d);
			return e - i;
		}
		if (k < n && (m = month_at(c, k)) > 0 && (ord || t[j].kind == TK_NUM)) {
			e = k + 1;
			if (e < n && t[e].kind == TK_PUNCT && t[e].cp == '.' && !(t[e].flags & TF_SPACE) &&
			    month_abbrev(x, &t[k]))
				e++;
			if ((y = year_after(c, e, &e)) > 0) {
				emit_day(c, i, e, y, m, d);
				return e - i;
			}
			emit_day(c, i, e, infer_year(c, m, d), m, d);
			mark_inferred(c);
			return e - i;
		}
		/* "on the 18th": a day of the reference month, or of the month
		 * before when it would lie ahead. */
		int bare = t[j].kind == TK_NUM && !ord && (k >= n || t[k].kind == TK_PUNCT) &&
			   (j > j0 ? i > 0 && (word_is(x, &t[i - 1], "for") || word_is(x, &t[i - 1], "on") ||
					       word_is(x, &t[i - 1], "by") || word_is(x, &t[i - 1], "until"))
				   : i > 0 && word_is(x, &t[i - 1], "on"));
		if (((j > j0 && ord) || bare || (ord && i > 0 && word_is(x, &t[i - 1], "on"))) && t[j].kind == TK_NUM &&
		    has_ref_day(c)) {
			int yy = c->ref.y, mm = c->ref.m;
			if (d > c->ref.d && --mm < 1)
				mm = 12, yy--;
			emit_day(c, i, j + 1, yy, mm, d);
			return j + 1 - i;
		}
	}
	j = j0;
	return 0;
}

/* Quarters and halves: "Q1 2024", "2017-Q1", "the first quarter of 2024",
 * "H2 2019", "the second half of 2019". */
/* A quarter or half code at token K: "Q1", "h2".  Sets *Q or *HALF. */
static int qh_code(const char *x, const token *a, int *q, int *half)
{
	if (a->kind != TK_WORD || a->end - a->start != 2)
		return 0;
	char l = x[a->start], d = x[a->start + 1];
	if (d < '1' || d > '4')
		return 0;
	if (l == 'Q' || l == 'q')
		return *q = d - '0', 1;
	if ((l == 'H' || l == 'h') && d <= '2')
		return *half = d - '0', 1;
	return 0;
}

/* A four-digit year token, or 0. */
static int year_tok(const char *x, const token *a)
{
	int y;
	return a->kind == TK_NUM && a->end - a->start == 4 && (y = intval(x, a, NULL)) > 0 && year_ok(y) ? y : 0;
}

/* A year named relative to the reference at K: "this year", "the current
 * year", "last year", "next year", and after "of" also "the year".  Sets
 * *NEXT; 0 without a reference. */
static int rel_year(const tctx *c, size_t k, size_t *next)
{
	const char *x = c->text;
	const token *t = c->t;
	int of = k < c->n && word_is(x, &t[k], "of");
	k += of;
	if (!c->ref.y || k + 1 >= c->n)
		return 0;
	int d = 0;
	if (word_is(x, &t[k], "the") && k + 2 < c->n && word_is(x, &t[k + 1], "current"))
		k++;
	else if (word_is(x, &t[k], "last"))
		d = -1;
	else if (word_is(x, &t[k], "next"))
		d = 1;
	else if (!word_is(x, &t[k], "this") && !(of && word_is(x, &t[k], "the")) && !word_is(x, &t[k], "current"))
		return 0;
	if (!word_is(x, &t[k + 1], "year") || (k + 2 < c->n && (t[k + 2].flags & TF_POSS)))
		return 0;
	*next = k + 2;
	return c->ref.y + d;
}

/* Quarters and halves: "Q1", "Q3 2024", "2024 Q3", "Q1-2019", "2017-q1",
 * "2016H2", "the third quarter of 2024", "the 1st quarter", "the first half
 * of the year", "the third quarter this year", "the fourth quarter of last
 * year", "last year's fourth quarter".  A code alone is of REF's year; an
 * ordinal quarter needs its year. */
static size_t quarter(tctx *c, size_t i)
{
	const char *x = c->text;
	const token *t = c->t;
	size_t n = c->n, k;
	static const char *const ordw[] = {"first", "second", "third", "fourth", NULL};
	int q = 0, half = 0, y = 0;
	size_t e = i, j = i;
	if (year_tok(x, &t[i]) && i + 1 < n && !(t[i + 1].flags & TF_POSS)) {
		/* "2024 Q3", "2017-q1" */
		y = year_tok(x, &t[i]);
		j = i + 1 + (punct_like(t, i + 1, '-') && !(t[i + 1].flags & TF_SPACE));
		if (j >= n || !qh_code(x, &t[j], &q, &half))
			return 0;
		e = j + 1;
	} else if (t[i].kind == TK_WORD && t[i].end - t[i].start == 7 && x[t[i].start + 2] == '-') {
		/* "Q1-2019": one word to the tokenizer. */
		token code = t[i], yt = t[i];
		code.end = code.start + 2, code.hash = 0, code.w1 = 0;
		yt.start += 3, yt.kind = TK_NUM, yt.hash = 0, yt.w1 = 0;
		if (!qh_code(x, &code, &q, &half) || !(y = year_tok(x, &yt)))
			return 0;
		e = i + 1;
	} else if (t[i].kind == TK_NUM && t[i].end - t[i].start == 5 && i + 1 < n && t[i + 1].kind == TK_NUM &&
		   t[i + 1].end - t[i + 1].start == 1 && !(t[i + 1].flags & TF_SPACE)) {
		/* "2016H2", "2024Q1": the tokenizer splits after the letter. */
		char l = x[t[i].start + 4], d = x[t[i + 1].start];
		token yt = t[i];
		yt.end--, yt.hash = 0, yt.w1 = 0;
		if (!(y = year_tok(x, &yt)) || d < '1' || d > '4' ||
		    !((l == 'Q' || l == 'q') || ((l == 'H' || l == 'h') && d <= '2')))
			return 0;
		if (l == 'Q' || l == 'q')
			q = d - '0';
		else
			half = d - '0';
		e = i + 2;
	} else if (qh_code(x, &t[i], &q, &half)) {
		e = i + 1;
		if ((y = year_after(c, e, &k)) > 0 || (y = rel_year(c, e, &k)) > 0)
			e = k;
		else if (e + 1 < n && punct_like(t, e, '-') && !(t[e].flags & TF_SPACE) && (y = year_tok(x, &t[e + 1])))
			e += 2; /* "Q1-2019" */
		else
			y = c->ref.y;
	} else {
		/* "last year's", "2024's", "this year's" before the ordinal. */
		if (i + 2 < n && (t[i + 2].flags & TF_POSS) && word_is(x, &t[i + 1], "year") && c->ref.y) {
			int d = word_is(x, &t[i], "last") ? -1 : word_is(x, &t[i], "next") ? 1 : 0;
			if (d || word_is(x, &t[i], "this"))
				y = c->ref.y + d, j = i + 3;
		} else if (i + 1 < n && (t[i + 1].flags & TF_POSS) && (y = year_tok(x, &t[i]))) {
			j = i + 2;
		}
		if (word_is(x, &t[j], "the"))
			j++;
		/* The noun first: most tokens here open no quarter. */
		if (j + 1 >= n)
			return 0;
		int isq = word_is(x, &t[j + 1], "quarter") || word_is(x, &t[j + 1], "qtr");
		if (!isq && !word_is(x, &t[j + 1], "half"))
			return 0;
		int o = 0, ord = 0, v;
		for (int m = 0; ordw[m]; m++)
			if (word_is(x, &t[j], ordw[m]))
				o = m + 1;
		if (!o && (v = intval(x, &t[j], &ord)) >= 1 && v <= 4 && ord)
			o = v;
		if (!o)
			return 0;
		if (isq)
			q = o;
		else if (o <= 2)
			half = o;
		else
			return 0;
		e = j + 2;
		if (y)
			; /* the year came first */
		else if ((y = year_after(c, e, &k)) > 0 || (y = rel_year(c, e, &k)) > 0)
			e = k;
		else
			return 0;
	}
	/* "the first half of the year to March 31", "the quarter ended
	 * June 30": a fiscal period, not the calendar's. */
	if (!y || (e + 1 < n && ((word_is(x, &t[e], "to") && month_at(c, e + 1) > 0) ||
				 word_is(x, &t[e], "ended") || word_is(x, &t[e], "ending"))))
		return 0;
	int m0 = q ? (q - 1) * 3 + 1 : (half - 1) * 6 + 1, m1 = q ? m0 + 2 : m0 + 5;
	emit_days(c, i, e, 1, month_start(y, m0), month_end(y, m1));
	return e - i;
}

static const char *const seasons[] = {"spring", "summer", "autumn", "fall", "winter", NULL};

/* Season S (0 spring .. 3 winter) of year Y: Mar-May, Jun-Aug, Sep-Nov,
 * Dec of Y to Feb of Y+1. */
static void season_days(int s, int y, int32_t *a, int32_t *b)
{
	static const int start[] = {3, 6, 9, 12};
	int m = start[s];
	*a = month_start(y, m);
	int em = m + 2, ey = y;
	if (em > 12)
		em -= 12, ey++;
	*b = month_end(ey, em);
}

static int season_of(const char *x, const token *t)
{
	for (int k = 0; seasons[k]; k++)
		if (word_is(x, t, seasons[k]))
			return k >= 3 ? k - 1 : k;
	return -1;
}

static int open_after(const char *x, const token *t, size_t n, size_t b, size_t *len);

/* "mid-2025", "early-2024", "late-1990" as one token: the middle, first or
 * last third of the year, as "mid 2025". */
static size_t part_year(tctx *c, size_t i)
{
	static const char *const parts[] = {"early-", "mid-", "late-", NULL};
	static const int m0[] = {1, 5, 9}, m1[] = {4, 8, 12};
	const char *x = c->text;
	const token *t = &c->t[i];
	for (int p = 0; parts[p]; p++) {
		size_t l = strlen(parts[p]);
		if (t->end - t->start != l + 4 || strncasecmp(x + t->start, parts[p], l))
			continue;
		int y = 0;
		for (uint32_t k = t->start + (uint32_t)l; k < t->end; k++) {
			if (!is_digit(x[k]))
				return 0;
			y = y * 10 + (x[k] - '0');
		}
		if (!year_ok(y))
			return 0;
		emit_days(c, i, i + 1, 1, month_start(y, m0[p]), month_end(y, m1[p]));
		return 1;
	}
	return 0;
}

/* A month number (1-12, one or two digits) at token K, or -1. */
static int month_num(const tctx *c, size_t k)
{
	const token *t = &c->t[k];
	int v = k < c->n && t->end - t->start <= 2 ? intval(c->text, t, NULL) : -1;
	return v >= 1 && v <= 12 ? v : -1;
}

/* A year and a month written apart: "2016 - 11", "2016 / 11", "11 - 2016",
 * "2016, Nov", "2017 April" (not "2016, May said" nor "2017 April 5").
 * Tokens used from I, or 0. */
static size_t spaced_month(tctx *c, size_t i)
{
	const char *x = c->text;
	const token *t = c->t;
	size_t n = c->n, e;
	int y = intval(x, &t[i], NULL), m = -1, y2;
	int four = t[i].end - t[i].start == 4 && year_ok(y);
	int slash = i + 2 < n && (punct_like(t, i + 1, '-') || punct_like(t, i + 1, '/'));
	if (four && slash && (m = month_num(c, i + 2)) > 0 && m != (y + 1) % 100)
		e = i + 3;
	else if (!four && slash && (m = month_num(c, i)) > 0 && t[i + 2].end - t[i + 2].start == 4 &&
		 (y2 = intval(x, &t[i + 2], NULL)) > 0 && year_ok(y2))
		y = y2, e = i + 3;
	else if (four && i + 1 < n) {
		size_t k = i + 1 + punct_like(t, i + 1, ',');
		if (k >= n || (m = month_at(c, k)) <= 0)
			return 0;
		e = k + 1;
		if (e < n && punct_like(t, e, '.') && !(t[e].flags & TF_SPACE) && month_abbrev(x, &t[k]))
			e++;
		/* After a comma, the month must end the phrase. */
		if (e < n && (t[e].kind == TK_NUM || (k > i + 1 && t[e].kind == TK_WORD && !word_is(x, &t[e], "and") &&
						     !word_is(x, &t[e], "to"))))
			return 0;
	} else {
		return 0;
	}
	/* Not part of a longer run of numbers ("2016 - 11 - 3", "3 - 11 - 2016"). */
	if (e < n && (punct_like(t, e, '-') || punct_like(t, e, '/')) && e + 1 < n && t[e + 1].kind == TK_NUM)
		return 0;
	if (i > 0 && (punct_like(t, i - 1, '-') || punct_like(t, i - 1, '/')))
		return 0;
	emit_days(c, i, e, 1, month_start(y, m), month_end(y, m));
	return e - i;
}

/* A bare year: "in 2024", "2024," — a four-digit number 1800-2200 after a
 * preposition or before punctuation, or "the 1990s". */
/* "CY18", "cy2018": a calendar year, as finance writes it; else 0. */
static int calendar_year(const char *x, const token *a)
{
	size_t len = a->end - a->start;
	const char *w = x + a->start;
	if (a->kind != TK_WORD || (len != 4 && len != 6) || (w[0] | 0x20) != 'c' || (w[1] | 0x20) != 'y')
		return 0;
	int y = 0;
	for (size_t k = 2; k < len; k++) {
		if (!is_digit(w[k]))
			return 0;
		y = y * 10 + (w[k] - '0');
	}
	if (len == 4)
		y += 2000;
	return year_ok(y) ? y : 0;
}

/* Is T the word before a year in words (spelled_year)? */
static int spelled_year_before(const char *x, const token *t)
{
	return token_word(x, t, "in") || token_word(x, t, "since") || token_word(x, t, "until") ||
	       token_word(x, t, "from") || token_word(x, t, "of");
}

static size_t year_alone(tctx *c, size_t i)
{
	const char *x = c->text;
	const token *t = c->t;
	size_t se;
	int sy;
	if (t[i].kind == TK_WORD && i > 0 && spelled_year_before(x, &t[i - 1]) && (sy = spelled_year(c, i, &se)) > 0) {
		emit_days(c, i, se, 1, date_to_days(sy, 1, 1), date_to_days(sy, 12, 31));
		return se - i;
	}
	if ((sy = calendar_year(x, &t[i])) > 0) {
		emit_days(c, i, i + 1, 1, date_to_days(sy, 1, 1), date_to_days(sy, 12, 31));
		return 1;
	}
	if (t[i].kind == TK_WORD)
		return part_year(c, i);
	if (t[i].kind != TK_NUM)
		return 0;
	uint32_t len = t[i].end - t[i].start;
	/* "the year 800", "year 247": a year of three digits, named so. */
	if (len == 3 && i > 0 && word_is(x, &t[i - 1], "year") && intval(x, &t[i], NULL) >= 100 &&
	    (i + 1 >= c->n || t[i + 1].kind == TK_PUNCT)) {
		int y3 = intval(x, &t[i], NULL);
		size_t a = i > 1 && word_is(x, &t[i - 2], "the") ? i - 2 : i - 1;
		emit_days(c, a, i + 1, 1, date_to_days(y3, 1, 1), date_to_days(y3, 12, 31));
		return 1;
	}
	if (len == 5 && x[t[i].end - 1] == 's') {
		int y = 0;
		for (uint32_t k = t[i].start; k < t[i].end - 1; k++) {
			if (x[k] < '0' || x[k] > '9')
				return 0;
			y = y * 10 + (x[k] - '0');
		}
		if (!year_ok(y) || y % 10)
			return 0;
		size_t a = i > 0 && word_is(x, &t[i - 1], "the") ? i - 1 : i;
		emit_days(c, a, i + 1, 1, date_to_days(y, 1, 1), date_to_days(y + 9, 12, 31));
		return 1;
	}
	int y = intval(x, &t[i], NULL);
	size_t ym;
	if ((ym = spaced_month(c, i)) > 0)
		return ym;
	if (len != 4 || !year_ok(y))
		return 0;
	static const char *const preps[] = {"in", "since", "by", "during", "until", "till", "from", "of", "before",
					    "after", "through", "early", "late", "mid", "year", "spring", "summer",
					    "autumn", "fall", "winter", "and", "or", "to", "between", NULL};
	size_t tail;
	int ok = i + 1 >= c->n || (c->t[i + 1].kind == TK_PUNCT && c->t[i + 1].cp != '%') ||
		 open_after(x, t, c->n, i + 1, &tail);
	/* "for 2025 is", "for 2025, the": not "for 2000 troops". */
	if (!ok && i > 0 && word_is(x, &t[i - 1], "for"))
		ok = word_is(x, &t[i + 1], "is") || word_is(x, &t[i + 1], "was") || word_is(x, &t[i + 1], "will") ||
		     word_is(x, &t[i + 1], "are") || word_is(x, &t[i + 1], "were") || word_is(x, &t[i + 1], "has");
	/* "the 2010-11 season", "2024/25": two years. */
	if (i + 2 < c->n && (punct_like(t, i + 1, '-') || punct_like(t, i + 1, '/') || punct_like(t, i + 1, 0x2013)) &&
	    t[i + 2].end - t[i + 2].start == 2 && intval(x, &t[i + 2], NULL) == (y + 1) % 100) {
		emit_days(c, i, i + 3, 1, date_to_days(y, 1, 1), date_to_days(y + 1, 12, 31));
		return 3;
	}
	/* "2014 to 2018" */
	int y2;
	if (!ok && i + 2 < c->n && connector(x, &t[i + 1]) && !word_is(x, &t[i + 1], "and") &&
	    t[i + 2].end - t[i + 2].start == 4 && (y2 = intval(x, &t[i + 2], NULL)) > y && year_ok(y2))
		ok = 1;
	for (int k = 0; !ok && preps[k]; k++)
		ok = i > 0 && word_is(x, &t[i - 1], preps[k]);
	if (i > 0 && t[i - 1].kind == TK_PUNCT && (t[i - 1].cp == '$' || t[i - 1].cp == 0xA3))
		ok = 0;
	if (!ok)
		return 0;
	size_t a = i;
	int32_t s = date_to_days(y, 1, 1), e = date_to_days(y, 12, 31);
	/* "summer 2024", "the winter of 2022" */
	int sn = i > 0 ? season_of(x, &t[i - 1]) : -1;
	if (sn < 0 && i > 1 && word_is(x, &t[i - 1], "of") && (sn = season_of(x, &t[i - 2])) >= 0)
		a = i - 2;
	else if (sn >= 0)
		a = i - 1;
	if (sn >= 0) {
		if (a > 0 && word_is(x, &t[a - 1], "the"))
			a--;
		season_days(sn, y, &s, &e);
		emit_days(c, a, i + 1, 1, s, e);
		return 1;
	}
	/* "the year 2019", "year 2016" */
	if (i > 0 && word_is(x, &t[i - 1], "year"))
		a = i > 1 && word_is(x, &t[i - 2], "the") ? i - 2 : i - 1;
	/* early / mid / late YYYY */
	if (i > 0 && word_is(x, &t[i - 1], "early"))
		a = i - 1, e = date_to_days(y, 4, 30);
	else if (i > 0 && (word_is(x, &t[i - 1], "mid") || word_is(x, &t[i - 1], "mid-")))
		a = i - 1, s = date_to_days(y, 5, 1), e = date_to_days(y, 8, 31);
	else if (i > 1 && punct_like(t, i - 1, '-') && word_is(x, &t[i - 2], "mid"))
		a = i - 2, s = date_to_days(y, 5, 1), e = date_to_days(y, 8, 31);
	else if (i > 0 && word_is(x, &t[i - 1], "late"))
		a = i - 1, s = date_to_days(y, 9, 1);
	emit_days(c, a, i + 1, 1, s, e);
	return 1;
}

enum { U_DAY = 1, U_WEEK, U_FORTNIGHT, U_MONTH, U_QUARTER, U_YEAR, U_DECADE, U_COUNT };

/* The U_* unit the word T names, given that its class has TC_ANCHOR. */
static int unit_word(const char *x, const token *t)
{
	/* By length, then one compare a word (token_word of a literal). */
	switch (t->end - t->start) {
	case 3:
		return word_is(x, t, "day") ? U_DAY : 0;
	case 4:
		return word_is(x, t, "days") ? U_DAY : word_is(x, t, "week") ? U_WEEK : word_is(x, t, "year") ? U_YEAR : 0;
	case 5:
		return word_is(x, t, "weeks") ? U_WEEK : word_is(x, t, "month") ? U_MONTH : word_is(x, t, "years") ? U_YEAR : 0;
	case 6:
		return word_is(x, t, "months") ? U_MONTH : word_is(x, t, "decade") ? U_DECADE : 0;
	case 7:
		return word_is(x, t, "quarter") ? U_QUARTER : word_is(x, t, "decades") ? U_DECADE : 0;
	case 8:
		return word_is(x, t, "quarters") ? U_QUARTER : 0;
	case 9:
		return word_is(x, t, "fortnight") ? U_FORTNIGHT : 0;
	case 10:
		return word_is(x, t, "fortnights") ? U_FORTNIGHT : 0;
	default:
		return 0;
	}
}

static int unit_of(const char *x, const token *t)
{
	/* Units are anchors (data/time_anchors.txt): one bit test spares most
	 * words the list. */
	if (t->kind != TK_WORD || !(lexicon_token_class_hashed(x + t->start, t->end - t->start, token_hash(x, t)) &
				     TC_ANCHOR))
		return 0;
	return unit_word(x, t);
}

/* DAYS moved by N units (months and years keep the day, clamped). */
static int32_t add_units(int32_t days, int n, int unit)
{
	switch (unit) {
	case U_DAY:
		return days + n;
	case U_WEEK:
		return days + 7 * n;
	case U_FORTNIGHT:
		return days + 14 * n;
	default: {
		pdate p = date_from_days(days);
		int y = p.y, m = p.m;
		if (unit == U_MONTH)
			m += n;
		else if (unit == U_QUARTER)
			m += 3 * n;
		else
			y += unit == U_DECADE ? 10 * n : n;
		while (m > 12)
			m -= 12, y++;
		while (m < 1)
			m += 12, y--;
		int d = p.d <= days_in_month(y, m) ? p.d : days_in_month(y, m);
		return date_to_days(y, m, d);
	}
	}
}

/* "3", "three", "a", "an", "a couple of" before a unit: the count and the
 * token after it, or 0. */
static int count_at(const tctx *c, size_t i, size_t *next)
{
	const char *x = c->text;
	const token *t = c->t;
	if (i >= c->n)
		return 0;
	int v = intval(x, &t[i], NULL);
	if (v > 0 && v < 10000) {
		*next = i + 1;
		return v;
	}
	/* "a couple of", "a few", "few": 2 and 3. */
	if (word_is(x, &t[i], "couple") || word_is(x, &t[i], "few")) {
		*next = i + 1 + (i + 1 < c->n && word_is(x, &t[i + 1], "of"));
		return word_is(x, &t[i], "few") ? 3 : 2;
	}
	if (word_is(x, &t[i], "a") || word_is(x, &t[i], "an")) {
		if (i + 1 < c->n && (word_is(x, &t[i + 1], "couple") || word_is(x, &t[i + 1], "few")))
			return count_at(c, i + 1, next);
		*next = i + 1;
		return 1;
	}
	int k = lookup(&lexicon_get()->numwords, x, &t[i]);
	if (k >= 0 && lexicon_get()->num_class[k] == NUMW_UNIT && lexicon_get()->num_value[k] >= 1) {
		int val = (int)lexicon_get()->num_value[k];
		*next = i + 1;
		return val;
	}
	if (k >= 0 && lexicon_get()->num_class[k] == NUMW_TEN) {
		int val = (int)lexicon_get()->num_value[k];
		*next = i + 1;
		int k2 = i + 1 < c->n ? lookup(&lexicon_get()->numwords, x, &t[i + 1]) : -1;
		if (k2 >= 0 && lexicon_get()->num_class[k2] == NUMW_UNIT && lexicon_get()->num_value[k2] < 10) {
			val += (int)lexicon_get()->num_value[k2];
			*next = i + 2;
		}
		return val;
	}
	return 0;
}

static size_t relative(tctx *c, size_t i);

/* The one record of a date at token K that anchors a frame ("3 days after
 * X", "the week of X"), with *USED its tokens; NULL when there is none. */
static trec *anchor(tctx *c, size_t k, size_t *used)
{
	size_t before = c->out->len;
	size_t u = absolute(c, k);
	if (!u)
		u = relative(c, k);
	if (!u || c->out->len != before + 1)
		return NULL;
	*used = u;
	return &VEC_AT(c->out, trec, c->out->len - 1);
}

/* "and a half", "and half", "1/2", "½" at token K before a unit: 1 and
 * sets *NEXT, else 0. */
static int half_at(const tctx *c, size_t k, size_t *next)
{
	const char *x = c->text;
	const token *t = c->t;
	size_t n = c->n;
	if (k + 1 < n && word_is(x, &t[k], "and")) {
		size_t h = k + 1 + (word_is(x, &t[k + 1], "a") && k + 2 < n);
		if (word_is(x, &t[h], "half")) {
			*next = h + 1;
			return 1;
		}
	}
	if (k + 2 < n && intval(x, &t[k], NULL) == 1 && punct_like(t, k + 1, '/') && intval(x, &t[k + 2], NULL) == 2 &&
	    !(t[k + 1].flags & TF_SPACE) && !(t[k + 2].flags & TF_SPACE)) {
		*next = k + 3;
		return 1;
	}
	if (k < n && punct_like(t, k, 0xBD)) {
		*next = k + 1;
		return 1;
	}
	return 0;
}

/* A duration at token K: "3 days", "two weeks and two days", "1 month, 21
 * days", "2 years 1 month".  Adds each part to AMT (indexed by U_*) and
 * returns the count of the first part, 0 when there is none; sets *UNIT
 * to the first part's unit, *PARTS to the number of parts and *NEXT. */
static int duration_at(const tctx *c, size_t k, int amt[U_COUNT], int *unit, int *parts, size_t *next)
{
	const char *x = c->text;
	const token *t = c->t;
	size_t n = c->n, q;
	int first = 0;
	*parts = 0;
	for (int p = 0; p < 4 && k < n; p++) {
		int v = count_at(c, k, &q), half = v && q < n ? half_at(c, q, &q) : 0;
		int u = v && q < n ? unit_of(x, &t[q]) : 0;
		if (!u)
			break;
		amt[u] += v;
		/* "two and a half years": the half in whole smaller units,
		 * rounded down ("2 1/2 weeks" is 17 days). */
		if (half) {
			static const struct { int unit, n; } halves[U_COUNT][2] = {
				[U_WEEK] = {{U_DAY, 3}}, [U_FORTNIGHT] = {{U_DAY, 7}}, [U_MONTH] = {{U_DAY, 15}},
				[U_QUARTER] = {{U_MONTH, 1}, {U_DAY, 15}}, [U_YEAR] = {{U_MONTH, 6}},
				[U_DECADE] = {{U_YEAR, 5}},
			};
			for (int h = 0; h < 2; h++)
				if (halves[u][h].n)
					amt[halves[u][h].unit] += halves[u][h].n, (*parts)++;
		}
		if (!p)
			first = v, *unit = u;
		(*parts)++;
		k = q + 1;
		*next = k;
		size_t s = k;
		if (s < n && punct_like(t, s, ','))
			s++;
		if (s < n && word_is(x, &t[s], "and"))
			s++;
		k = s;
	}
	return first;
}

/* DAYS moved by the duration AMT, SIGN 1 or -1: years and months first. */
static int32_t add_duration(int32_t days, const int amt[U_COUNT], int sign)
{
	for (int u = U_COUNT - 1; u >= U_DAY; u--)
		if (amt[u])
			days = add_units(days, sign * amt[u], u);
	return days;
}

/* The first day of the quarter, decade or fortnight (Monday of REF's
 * week) that holds R: blocks that "the past two quarters" counts. */
static int32_t block_start(int32_t r, int unit)
{
	pdate p = date_from_days(r);
	if (unit == U_QUARTER)
		return month_start(p.y, (p.m - 1) / 3 * 3 + 1);
	if (unit == U_DECADE)
		return date_to_days(p.y - p.y % 10, 1, 1);
	return r - weekday(r);
}

/* Offsets from the reference: "in two weeks", "three days ago", "a
 * fortnight later", "the next five days", "the past three months",
 * "within 9 months", "the day before", "the day after tomorrow", "1 month
 * and 21 days ago", "two days from tomorrow", "3 days after January 12".
 * Quarters, decades and fortnights are counted whole: "the past two
 * quarters" are the two before REF's quarter. */
static size_t offset_at(tctx *c, size_t i, size_t *cnt_a, size_t *cnt_b)
{
	const char *x = c->text;
	const token *t = c->t;
	size_t n = c->n, j = i, k = i;
	int day_ok = has_ref_day(c);
	int32_t r = day_ok ? ref_days(c) : 0;
	int range = 0, back = 0, within = 0;
	if (word_is(x, &t[j], "within"))
		within = 1, range = 1, j++;
	if (j < n && word_is(x, &t[j], "the"))
		j++;
	if (j < n && (word_is(x, &t[j], "next") || word_is(x, &t[j], "coming") || word_is(x, &t[j], "following")))
		range = 1, j++;
	else if (j < n && (word_is(x, &t[j], "past") || word_is(x, &t[j], "last") || word_is(x, &t[j], "previous")))
		range = 1, back = 1, j++;
	int in = 0;
	if (!range && j == i && word_is(x, &t[j], "in"))
		in = 1, j++;
	int amt[U_COUNT] = {0}, u = 0, parts = 0;
	int v = duration_at(c, j, amt, &u, &parts, &k);
	/* "the 3 next weeks", "the two past years": as "the next 3 weeks". */
	size_t q;
	int v2 = !v && !range && j > i ? count_at(c, j, &q) : 0, u2;
	if (v2 > 0 && q + 1 < n && (u2 = unit_of(x, &t[q + 1])) != 0 &&
	    (word_is(x, &t[q], "next") || word_is(x, &t[q], "past") || word_is(x, &t[q], "last") ||
	     word_is(x, &t[q], "coming"))) {
		v = v2, u = u2, amt[u] = v, parts = 1, range = 1, k = q + 2;
		back = !word_is(x, &t[q], "next") && !word_is(x, &t[q], "coming");
	}
	*cnt_a = j, *cnt_b = k ? k - 1 : j;
	if (!v) {
		/* "the day before [yesterday]", "the day after [tomorrow]" */
		if (i + 2 < n && word_is(x, &t[i], "the") && word_is(x, &t[i + 1], "day") &&
		    (word_is(x, &t[i + 2], "before") || word_is(x, &t[i + 2], "after"))) {
			int step = word_is(x, &t[i + 2], "after") ? 1 : -1;
			size_t e = i + 3;
			if (e < n && (word_is(x, &t[e], "yesterday") || word_is(x, &t[e], "tomorrow") ||
				      word_is(x, &t[e], "tmrw")))
				step *= 2, e++;
			else if (e < n && t[e].kind != TK_PUNCT)
				return 0;
			emit_days(c, i, e, day_ok, r + step, r + step);
			return e - i;
		}
		return 0;
	}
	size_t e = k;
	/* "the last 3 months and 2 days ago": the span is the first part only,
	 * the rest is a day counted back of its own. */
	if (range && parts > 1 && e < n &&
	    (word_is(x, &t[e], "ago") || word_is(x, &t[e], "later") || word_is(x, &t[e], "earlier"))) {
		count_at(c, j, &q);
		memset(amt, 0, sizeof amt);
		amt[u] = v, parts = 1, e = q + 1;
		*cnt_b = q;
	}
	if (range && (j > i || within)) {
		int32_t s0, e0;
		int whole = parts == 1 && (u == U_QUARTER || u == U_DECADE || u == U_FORTNIGHT) && !within;
		if (whole) {
			int32_t b = block_start(r, u);
			s0 = back ? add_units(b, -v, u) : add_units(b, 1, u);
			e0 = back ? b - 1 : add_units(b, v + 1, u) - 1;
		} else if (back) {
			s0 = add_duration(r, amt, -1);
			e0 = r - 1;
		} else if (within) {
			s0 = r;
			e0 = add_duration(r, amt, 1) - 1;
		} else {
			s0 = r + 1;
			e0 = add_duration(r, amt, 1);
		}
		emit_days(c, i, e, day_ok, s0, e0);
		return e - i;
	}
	/* "4 weeks in the future", "two years in the past": the span from REF. */
	if (!range && !in && e + 2 < n && word_is(x, &t[e], "in") && word_is(x, &t[e + 1], "the") &&
	    (word_is(x, &t[e + 2], "future") || word_is(x, &t[e + 2], "past"))) {
		int past = word_is(x, &t[e + 2], "past");
		emit_days(c, i, e + 3, day_ok, past ? add_duration(r, amt, -1) : r + 1,
			  past ? r - 1 : add_duration(r, amt, 1));
		return e + 3 - i;
	}
	if (in) {
		int32_t d = add_duration(r, amt, 1);
		emit_days(c, i, e, day_ok, d, d);
		return e - i;
	}
	if (e < n && (word_is(x, &t[e], "ago") || word_is(x, &t[e], "earlier") || word_is(x, &t[e], "before")) &&
	    (e + 1 >= n || t[e + 1].kind == TK_PUNCT || !word_is(x, &t[e], "before"))) {
		int32_t d = add_duration(r, amt, -1);
		emit_days(c, i, e + 1, day_ok, d, d);
		return e + 1 - i;
	}
	if (e < n && word_is(x, &t[e], "later") && !(i > 0 && word_is(x, &t[i - 1], "no"))) {
		int32_t d = add_duration(r, amt, 1);
		emit_days(c, i, e + 1, day_ok, d, d);
		return e + 1 - i;
	}
	/* N units from / after / before an anchor: now, today, tomorrow,
	 * yesterday, or a date. */
	if (e + 1 < n && (word_is(x, &t[e], "from") || word_is(x, &t[e], "after") || word_is(x, &t[e], "before"))) {
		int sign = word_is(x, &t[e], "before") ? -1 : 1;
		size_t a = e + 1;
		int32_t base;
		int ok = day_ok;
		if (word_is(x, &t[a], "now") || word_is(x, &t[a], "today")) {
			base = r, a++;
		} else if (word_is(x, &t[a], "tomorrow") || word_is(x, &t[a], "tmrw")) {
			base = r + 1, a++;
		} else if (word_is(x, &t[a], "yesterday")) {
			base = r - 1, a++;
		} else {
			size_t got = 0;
			trec *rr = anchor(c, a, &got);
			if (!rr)
				return 0;
			ok = rr->valid && rr->start.y == rr->end.y && rr->start.m == rr->end.m && rr->start.d == rr->end.d;
			base = ok ? date_to_days(rr->start.y, rr->start.m, rr->start.d) : 0;
			c->out->len--;
			a += got;
		}
		int32_t d = add_duration(base, amt, sign);
		/* "more than 2 weeks after today": from that day on; "more
		 * than 2 days before X": up to the day before it; "less than
		 * 3 days after X": X up to the day before the bound. */
		size_t from = i;
		int more = i >= 2 && word_is(x, &t[i - 1], "than") && word_is(x, &t[i - 2], "more");
		int less = i >= 2 && word_is(x, &t[i - 1], "than") && word_is(x, &t[i - 2], "less");
		if (more || less)
			from = i - 2;
		if (less)
			emit_days(c, from, a, ok, sign > 0 ? base : d + 1, sign > 0 ? d - 1 : base);
		else if (more && sign < 0)
			emit_days(c, from, a, ok, d - 1, d - 1);
		else
			emit_days(c, from, a, ok, d, d);
		if (more)
			VEC_AT(c->out, trec, c->out->len - 1).open_end = (uint8_t)(sign > 0 ? 1 : 2);
		return a - i;
	}
	return 0;
}

/* The count of an offset ("in 3 years") is a duration too: its tokens stay
 * free for quantity.c. */
static size_t offset(tctx *c, size_t i)
{
	size_t a = 0, b = 0;
	size_t used = offset_at(c, i, &a, &b);
	for (size_t k = a; used && k < b; k++)
		if (c->t[k].kind == TK_NUM)
			c->taken[k] = 0;
	return used;
}

/* A period after "of" in "the third week of ...": a month ("October",
 * "Jan 2015", "this month", "next month") or a year ("2021", "this year",
 * "last year", "the year").  Returns 1 for a month, 2 for a year, 0 for
 * none; sets *Y, *M and *NEXT. */
static int period_at(tctx *c, size_t k, int *y, int *m, size_t *next)
{
	const char *x = c->text;
	const token *t = c->t;
	size_t n = c->n;
	if (k >= n)
		return 0;
	int v, step = 2;
	if ((v = month_at(c, k)) > 0) {
		size_t e = k + 1;
		if (e + 1 < n && punct_like(t, e, '.') && !(t[e].flags & TF_SPACE))
			e++;
		int yy = year_after(c, e, &e);
		*y = yy ? yy : infer_year(c, v, 1), *m = v, *next = e;
		return *y ? 1 : 0;
	}
	if (t[k].end - t[k].start == 4 && (v = intval(x, &t[k], NULL)) > 0 && year_ok(v)) {
		*y = v, *next = k + 1;
		return 2;
	}
	if ((v = spelled_year(c, k, next)) > 0) {
		*y = v;
		return 2;
	}
	if (word_is(x, &t[k], "this") || word_is(x, &t[k], "the") || word_is(x, &t[k], "current"))
		step = 0;
	else if (word_is(x, &t[k], "next") || word_is(x, &t[k], "following"))
		step = 1;
	else if (word_is(x, &t[k], "last") || word_is(x, &t[k], "previous") || word_is(x, &t[k], "past"))
		step = -1;
	if (step == 2 || k + 1 >= n || !c->ref.y || !c->ref.m)
		return 0;
	*next = k + 2;
	if (word_is(x, &t[k + 1], "year")) {
		*y = c->ref.y + step;
		return 2;
	}
	if (word_is(x, &t[k + 1], "month")) {
		int mm = c->ref.m + step, yy = c->ref.y;
		if (mm < 1)
			mm += 12, yy--;
		if (mm > 12)
			mm -= 12, yy++;
		*y = yy, *m = mm;
		return 1;
	}
	return 0;
}

/* Parts of a named period.  Of a year or a month, thirds, as for "early
 * 2024" and "late March": "the end of 2000" is September to December, "the
 * beginning of March" days 1-10.  Of a period relative to REF, halves:
 * "early next week" is Monday to Wednesday, "the start of next month" days
 * 1-15, "late last year" July to December. */
static size_t period_part(tctx *c, size_t i)
{
	const char *x = c->text;
	const token *t = c->t;
	size_t n = c->n, k = i, e;
	int part = 0, y, m = 0;
	if (word_is(x, &t[k], "the"))
		k++;
	if (k + 2 >= n)
		return 0;
	if (word_is(x, &t[k], "early") || word_is(x, &t[k], "beginning") || word_is(x, &t[k], "start"))
		part = 1;
	else if (word_is(x, &t[k], "middle") || word_is(x, &t[k], "mid"))
		part = 2;
	else if (word_is(x, &t[k], "end") || word_is(x, &t[k], "late"))
		part = 3;
	if (!part)
		return 0;
	k++;
	int of = word_is(x, &t[k], "of");
	if (of)
		k++;
	else if (!word_is(x, &t[k - 1], "early") && !word_is(x, &t[k - 1], "late") && !word_is(x, &t[k - 1], "mid"))
		return 0;
	int32_t s0, e0;
	if (of && ((t[k].end - t[k].start == 4 && (y = intval(x, &t[k], NULL)) > 0 && year_ok(y) && (e = k + 1)) ||
		   (y = spelled_year(c, k, &e)) > 0)) {
		static const int m0[] = {1, 5, 9}, m1[] = {4, 8, 12};
		s0 = month_start(y, m0[part - 1]), e0 = month_end(y, m1[part - 1]);
	} else if (of && (m = month_at(c, k)) > 0) {
		e = k + 1;
		if (!(y = year_after(c, e, &e)))
			y = infer_year(c, m, 15);
		if (!y)
			return 0;
		static const int d0[] = {1, 11, 21}, d1[] = {10, 20, 31};
		s0 = date_to_days(y, m, d0[part - 1]);
		e0 = date_to_days(y, m, d1[part - 1] <= days_in_month(y, m) ? d1[part - 1] : days_in_month(y, m));
	} else if (!word_is(x, &t[k], "the") && !word_is(x, &t[k], "this") && period_at(c, k, &y, &m, &e)) {
		if (e != k + 2 || !(word_is(x, &t[k + 1], "year") || word_is(x, &t[k + 1], "month")))
			return 0;
		int year = word_is(x, &t[k + 1], "year");
		int32_t ps = year ? date_to_days(y, 1, 1) : month_start(y, m);
		int32_t pe = year ? date_to_days(y, 12, 31) : month_end(y, m);
		int32_t half = year ? month_start(y, 7) : date_to_days(y, m, 16);
		if (part == 2) {
			s0 = year ? month_start(y, 5) : date_to_days(y, m, 11);
			e0 = year ? month_end(y, 8) : date_to_days(y, m, 20);
		} else {
			s0 = part == 1 ? ps : half, e0 = part == 1 ? half - 1 : pe;
		}
	} else if (has_ref_day(c) && k + 1 < n && word_is(x, &t[k + 1], "week") && part != 2 &&
		   (word_is(x, &t[k], "next") || word_is(x, &t[k], "last") || word_is(x, &t[k], "previous") ||
		    word_is(x, &t[k], "following"))) {
		int32_t r = ref_days(c);
		int32_t mon = r - weekday(r) + (word_is(x, &t[k], "last") || word_is(x, &t[k], "previous") ? -7 : 7);
		s0 = part == 1 ? mon : mon + 3, e0 = part == 1 ? mon + 2 : mon + 6;
		e = k + 2;
	} else {
		return 0;
	}
	emit_days(c, i, e, 1, s0, e0);
	return e - i;
}

/* The Monday of the first week of a month or year: weeks run Monday to
 * Sunday and belong to the month (year) that holds their Thursday, as ISO
 * 8601 weeks do. */
static int32_t first_monday(int y, int m)
{
	int32_t d = date_to_days(y, m, 1);
	int32_t thu = d + (3 - weekday(d) + 7) % 7;
	return thu - 3;
}

/* The Monday of the last such week. */
static int32_t last_monday(int y, int m, int year)
{
	int32_t d = year ? date_to_days(y, 12, 31) : month_end(y, m);
	int32_t thu = d - (weekday(d) - 3 + 7) % 7;
	return thu - 3;
}

static int ordinal_at(const tctx *c, size_t k, size_t *next)
{
	const char *x = c->text;
	if (k >= c->n)
		return 0;
	/* "first" to "fifth" (numbers.txt; not "thirds"). */
	int w = (c->cls[k] & TC_NUMBER) ? numword(c, &c->t[k], NUMW_ORD) : -1;
	if (w >= 1 && w <= 5 && (x[c->t[k].end - 1] | 0x20) != 's') {
		*next = k + 1;
		return w;
	}
	if (word_is(x, &c->t[k], "last") || word_is(x, &c->t[k], "final")) {
		*next = k + 1;
		return -1;
	}
	int ord = 0, v = intval(x, &c->t[k], &ord);
	if (ord && v >= 1 && v <= 12) {
		*next = k + 1;
		return v;
	}
	return 0;
}

/* Weeks and months counted within a period: "the third week of March",
 * "the last week of 2016", "the first two weeks of 2021", "the last four
 * months of 2021", "the first ten days of last year", "the 9th month of
 * next year", "week 31", "week 3 of 2027".  Weeks follow first_monday. */
static size_t week_frame(tctx *c, size_t i)
{
	const char *x = c->text;
	const token *t = c->t;
	size_t n = c->n, k = i, e;
	int y = 0, m = 0, kind;
	if (word_is(x, &t[k], "the"))
		k++;
	/* "week 31", "week 3 of 2027" */
	if (k + 1 < n && word_is(x, &t[k], "week") && t[k + 1].kind == TK_NUM) {
		int w = intval(x, &t[k + 1], NULL);
		if (w < 1 || w > 53 || !c->ref.y)
			return 0;
		e = k + 2;
		y = c->ref.y;
		if (e + 1 < n && word_is(x, &t[e], "of") && period_at(c, e + 1, &y, &m, &e) != 2)
			return 0;
		int32_t mon = first_monday(y, 1) + 7 * (w - 1);
		emit_days(c, i, e, 1, mon, mon + 6);
		return e - i;
	}
	int ord = ordinal_at(c, k, &k);
	if (!ord || k >= n)
		return 0;
	/* "the first Friday of July", "the second Monday of next month",
	 * "the last Sunday of 2024"; alone, "the third Tuesday" is in REF's
	 * month. */
	int wd = weekday_at(c, k);
	if (wd >= 0) {
		e = k + 1;
		if (e + 1 < n && word_is(x, &t[e], "of"))
			kind = period_at(c, e + 1, &y, &m, &e);
		else if (ord > 0 && c->ref.y && c->ref.m && !(e < n && t[e].kind == TK_WORD && (t[e].flags & TF_CAP)))
			kind = 1, y = c->ref.y, m = c->ref.m;
		else
			return 0;
		if (!kind)
			return 0;
		int32_t d;
		if (ord > 0) {
			int32_t f = kind == 1 ? month_start(y, m) : date_to_days(y, 1, 1);
			d = f + (wd - weekday(f) + 7) % 7 + 7 * (ord - 1);
		} else {
			int32_t l = kind == 1 ? month_end(y, m) : date_to_days(y, 12, 31);
			d = l - (weekday(l) - wd + 7) % 7;
		}
		if (kind == 1 && date_from_days(d).m != m)
			return 0;
		emit_days(c, i, e, 1, d, d);
		return e - i;
	}
	int cnt = 1;
	size_t q;
	if (t[k].kind == TK_NUM || (c->cls[k] & TC_NUMBER)) {
		if (!(cnt = count_at(c, k, &q)) || q >= n || ord > 1)
			return 0;
		k = q;
	}
	int unit = unit_of(x, &t[k]);
	if (unit != U_WEEK && unit != U_MONTH && unit != U_DAY)
		return 0;
	e = k + 1;
	if (e < n && (word_is(x, &t[e], "of") || word_is(x, &t[e], "in")))
		e++;
	if (!(kind = period_at(c, e, &y, &m, &e)))
		return 0;
	int32_t s0, e0;
	int first = ord > 0 ? ord : 1;
	if (unit == U_WEEK) {
		if (ord > 0)
			s0 = first_monday(y, kind == 1 ? m : 1) + 7 * (first - 1);
		else
			s0 = last_monday(y, m, kind == 2) - 7 * (cnt - 1);
		e0 = s0 + 7 * cnt - 1;
	} else if (unit == U_MONTH) {
		if (kind != 2 || (ord > 0 && first + cnt - 1 > 12) || cnt > 12)
			return 0;
		int m0 = ord > 0 ? first : 13 - cnt;
		s0 = month_start(y, m0), e0 = month_end(y, m0 + cnt - 1);
	} else {
		int32_t ps = kind == 1 ? month_start(y, m) : date_to_days(y, 1, 1);
		int32_t pe = kind == 1 ? month_end(y, m) : date_to_days(y, 12, 31);
		if (ord > 0)
			s0 = ps + first - 1, e0 = s0 + cnt - 1;
		else
			e0 = pe, s0 = pe - cnt + 1;
		if (s0 < ps || e0 > pe)
			return 0;
	}
	emit_days(c, i, e, 1, s0, e0);
	return e - i;
}

/* The part of a period still ahead: "the rest of the week" (REF to
 * Sunday), "the remainder of this month", "the rest of the year", "the
 * rest of 2025", "the rest of March".  A period REF is not in is whole. */
static size_t rest_of(tctx *c, size_t i)
{
	const char *x = c->text;
	const token *t = c->t;
	size_t n = c->n, k = i + word_is(x, &t[i], "the"), e;
	if (k + 2 >= n || !(word_is(x, &t[k], "rest") || word_is(x, &t[k], "remainder")) ||
	    !word_is(x, &t[k + 1], "of"))
		return 0;
	k += 2;
	int32_t s0, e0;
	int y, m = 0;
	if (has_ref_day(c) && k + 1 < n && word_is(x, &t[k + 1], "week") &&
	    (word_is(x, &t[k], "the") || word_is(x, &t[k], "this") || word_is(x, &t[k], "current"))) {
		int32_t r = ref_days(c);
		s0 = r - weekday(r), e0 = s0 + 6, e = k + 2;
	} else if (period_at(c, k, &y, &m, &e) &&
		   !(e + 1 < n && (punct_like(t, e, '/') || punct_like(t, e, '-')) && t[e + 1].kind == TK_NUM)) {
		/* not "the rest of 1986/87", a split year */
		s0 = m ? month_start(y, m) : date_to_days(y, 1, 1);
		e0 = m ? month_end(y, m) : date_to_days(y, 12, 31);
	} else {
		return 0;
	}
	if (has_ref_day(c) && ref_days(c) > s0 && ref_days(c) <= e0)
		s0 = ref_days(c);
	emit_days(c, i, e, 1, s0, e0);
	return e - i;
}

/* A length of time from a date: "the week of April 10" (its Monday to
 * Sunday), "the week starting on February 4", "2 weeks starting May 20",
 * "a week starting tomorrow", "three days beginning Monday". */
static size_t span_from(tctx *c, size_t i)
{
	const char *x = c->text;
	const token *t = c->t;
	size_t n = c->n, k = i, q;
	int cnt = 1;
	if (word_is(x, &t[k], "the"))
		k++;
	else if ((cnt = count_at(c, k, &q)) > 0)
		k = q;
	else
		return 0;
	if (k + 2 >= n)
		return 0;
	int unit = unit_of(x, &t[k]);
	int of = word_is(x, &t[k + 1], "of");
	if (!unit || (of && (k == i || unit != U_WEEK)))
		return 0;
	if (!of && !word_is(x, &t[k + 1], "commencing") && !word_is(x, &t[k + 1], "beginning") &&
	    !word_is(x, &t[k + 1], "starting"))
		return 0;
	size_t at = k + 2;
	if (at < n && (word_is(x, &t[at], "on") || word_is(x, &t[at], "from")))
		at++;
	if (at >= n)
		return 0;
	size_t u = 0;
	trec *rr = anchor(c, at, &u);
	if (!rr)
		return 0;
	if (rr->valid) {
		int32_t d = date_to_days(rr->start.y, rr->start.m, rr->start.d);
		int32_t s0 = of ? d - weekday(d) : d;
		rr->start = date_from_days(s0);
		rr->end = date_from_days(add_units(s0, cnt, unit) - 1);
	}
	rr->sp.start = t[i].start;
	for (size_t p = i; p < at; p++)
		c->taken[p] = 1;
	return at - i + u;
}

/* Does the sentence report something done by REF?  A perfect ("have been
 * shot down", "had advanced") or a past passive ("were sent") marked by its
 * auxiliary, or "so far" / "to date": "this week", "this month" and "this
 * year" then run to REF only.  So does a simple past of data/tense.txt
 * ("rose", "fell", "began") in a sentence with nothing that looks ahead
 * ("will", "if", "expected"); a regular "-ed" form is not told from an
 * adjective ("the planned vote") and counts only after an auxiliary. */
static int done_by_ref(const tctx *c)
{
	static const char *const aux[] = {"has", "have", "had", "'ve", "was", "were", NULL};
	static const char *const ends[] = {"ed", "en", "wn", "ne", "t", "de", NULL};
	const char *x = c->text;
	const token *t = c->t;
	const lexmap *tense = &lexicon_get()->tense;
	int past = 0, ahead = 0;
	for (size_t k = 0; k < c->n; k++)
		if (t[k].kind == TK_WORD && (t[k].flags & TF_LOWER)) {
			int v = lookup(tense, x, &t[k]);
			past |= v == TENSE_PAST;
			ahead |= v == TENSE_FUTURE;
		}
	if (past && !ahead)
		return 1;
	for (size_t k = 0; k + 1 < c->n; k++) {
		if ((word_is(x, &t[k], "so") && word_is(x, &t[k + 1], "far")) ||
		    (word_is(x, &t[k], "to") && word_is(x, &t[k + 1], "date")))
			return 1;
		int a = 0;
		for (int q = 0; !a && aux[q]; q++)
			a = word_is(x, &t[k], aux[q]);
		if (!a)
			continue;
		size_t v = k + 1;
		if (v + 1 < c->n && (word_is(x, &t[v], "already") || word_is(x, &t[v], "not") || word_is(x, &t[v], "also") ||
				     word_is(x, &t[v], "just") || word_is(x, &t[v], "now")))
			v++;
		if (t[v].kind != TK_WORD || word_is(x, &t[v], "a") || word_is(x, &t[v], "the") || word_is(x, &t[v], "at") ||
		    word_is(x, &t[v], "in") || word_is(x, &t[v], "not") || word_is(x, &t[v], "most"))
			continue;
		if (word_is(x, &t[v], "been"))
			return 1;
		size_t len = t[v].end - t[v].start;
		for (int q = 0; ends[q]; q++) {
			size_t l = strlen(ends[q]);
			if (len > l + 1 && !strncasecmp(x + t[v].end - l, ends[q], l))
				return 1;
		}
	}
	return 0;
}

/* Is the period word at J a possessive ("this year's festival", "this
 * week's meeting")?  It then names the whole period. */
static int poss_after(const tctx *c, size_t j) { return j + 1 < c->n && (c->t[j + 1].flags & TF_POSS); }

/* Relative expressions at token I; returns tokens used, or 0. */
/* "this Friday 5/12", "next Friday, May 31", "next 5/12", "next 6th of
 * April": a written day after this / next / last (WHICH 2, 1, -1; the day
 * starts at J) wins over the weekday; without a year, "next" puts it after
 * REF and "last" before.  Returns the tokens used from I, or 0. */
static size_t written_day(tctx *c, size_t i, size_t j, int which)
{
	const token *t = c->t;
	int wd = j < c->n ? weekday_of(c->text, &t[j]) >= 0 : 0;
	if (j >= c->n || !(c->cls[j] & TC_ANCHOR) || !(t[j].kind == TK_NUM || wd))
		return 0;
	/* After a weekday, only a month or a numeric date: not "next Monday,
	 * 27 people". */
	size_t k = j + 1 + (wd && j + 1 < c->n && punct_like(t, j + 1, ','));
	if (wd && !(k < c->n && (month_of(c->text, &t[k]) > 0 ||
				 (t[k].kind == TK_NUM && k + 2 < c->n && !(t[k + 1].flags & TF_SPACE) &&
				  (punct_like(t, k + 1, '/') || punct_like(t, k + 1, '-')) && t[k + 2].kind == TK_NUM))))
		return 0;
	size_t before = c->out->len, used = absolute(c, j);
	if (!used)
		return 0;
	trec *r = &VEC_AT(c->out, trec, c->out->len - 1);
	if (c->out->len != before + 1 || !r->valid || memcmp(&r->start, &r->end, sizeof r->start)) {
		/* not one day: undo */
		c->out->len = before;
		memset(c->taken + j, 0, used);
		return 0;
	}
	if (r->inferred && has_ref_day(c) && which != 2 && !wd) {
		int y = c->ref.y;
		int32_t ref = ref_days(c);
		while (which == 1 && date_to_days(y, r->start.m, r->start.d) <= ref)
			y++;
		while (which == -1 && date_to_days(y, r->start.m, r->start.d) >= ref)
			y--;
		if (r->start.m == 2 && r->start.d == 29 && !is_leap(y))
			y += which;
		r->start.y = r->end.y = (int16_t)y;
	}
	r->sp.start = t[i].start;
	c->taken[i] = 1;
	return j + used - i;
}

static size_t relative(tctx *c, size_t i)
{
	const char *x = c->text;
	const token *t = c->t;
	size_t n = c->n;
	int day_ok = has_ref_day(c), month_ok = c->ref.y && c->ref.m;
	int32_t r = day_ok ? ref_days(c) : 0;
	const token *a = &t[i], *b = i + 1 < n ? &t[i + 1] : NULL;
	if (word_is(x, a, "today") || word_is(x, a, "tonight")) {
		emit_days(c, i, i + 1, day_ok, r, r);
		return 1;
	}
	if (word_is(x, a, "yesterday")) {
		emit_days(c, i, i + 1, day_ok, r - 1, r - 1);
		return 1;
	}
	if (word_is(x, a, "tomorrow") || word_is(x, a, "tmrw")) {
		emit_days(c, i, i + 1, day_ok, r + 1, r + 1);
		return 1;
	}
	if (b && word_is(x, a, "last") && word_is(x, b, "night")) {
		emit_days(c, i, i + 2, day_ok, r - 1, r - 1);
		return 2;
	}
	if (b && word_is(x, a, "this") && (word_is(x, b, "morning") || word_is(x, b, "afternoon") ||
					   word_is(x, b, "evening"))) {
		emit_days(c, i, i + 2, day_ok, r, r);
		return 2;
	}
	/* [earlier|later] [on] [last|this|next] Weekday */
	size_t j = i;
	int earlier = 0, later = 0, which = 0; /* -1 last, 1 next, 2 this */
	if (word_is(x, &t[j], "earlier") || word_is(x, &t[j], "later"))
		earlier = 1, later = word_is(x, &t[j], "later"), j++;
	if (j < n && word_is(x, &t[j], "on"))
		j++;
	int coming = 0; /* "coming Friday": the first one after REF */
	if (j < n && (word_is(x, &t[j], "last") || word_is(x, &t[j], "previous")))
		which = -1, j++;
	else if (j + 1 < n && word_is(x, &t[j], "past") && weekday_at(c, j + 1) < 0)
		which = -1, j++;
	else if (j < n && (word_is(x, &t[j], "next") || word_is(x, &t[j], "coming") ||
			   word_is(x, &t[j], "following") || word_is(x, &t[j], "upcoming")))
		which = 1, coming = word_is(x, &t[j], "coming") || word_is(x, &t[j], "upcoming"), j++;
	else if (j < n && (word_is(x, &t[j], "this") || word_is(x, &t[j], "current"))) {
		which = 2, j++;
		if (j < n && (word_is(x, &t[j], "coming") || word_is(x, &t[j], "upcoming")))
			which = 1, coming = 1, j++;
	}
	size_t dated;
	if (which && !earlier && (dated = written_day(c, i, j, which)) > 0)
		return dated;
	int wd;
	if (j < n && (wd = weekday_at(c, j)) >= 0 &&
	    ((t[j].flags & TF_CAP) || t[j].end - t[j].start > 3) &&
	    /* not "Sunday Times"; but "On Monday Tony Blair said" */
	    (j > i || (i > 0 && (word_is(x, &t[i - 1], "on") || word_is(x, &t[i - 1], "since") ||
				   word_is(x, &t[i - 1], "until") || word_is(x, &t[i - 1], "by"))) ||
	     !(j + 1 < n && t[j + 1].kind == TK_WORD && (t[j + 1].flags & TF_CAP)))) {
		int32_t d = 0;
		if (day_ok) {
			int rw = weekday(r);
			if (which == 1 && coming)
				d = r + ((wd - rw + 7) % 7 ? (wd - rw + 7) % 7 : 7);
			else if (which == 1)
				d = r - rw + 7 + wd; /* next Friday: Friday of next week */
			else if (which == 2)
				d = r - rw + wd; /* this Friday: Friday of this week */
			else if (which == -1)
				d = r - ((rw - wd + 7) % 7 ? (rw - wd + 7) % 7 : 7);
			else
				d = r - (rw - wd + 7) % 7;
		}
		size_t from = (earlier || which) ? i : j, e = j + 1;
		/* "Tuesday of next week", "Monday of the following week". */
		size_t k = e;
		if (k < n && word_is(x, &t[k], "of"))
			k++;
		if (k < n && word_is(x, &t[k], "the"))
			k++;
		int wk = 2;
		if (k < n && (word_is(x, &t[k], "next") || word_is(x, &t[k], "following")))
			wk = 1;
		else if (k < n && (word_is(x, &t[k], "last") || word_is(x, &t[k], "previous")))
			wk = -1;
		else if (k < n && word_is(x, &t[k], "this"))
			wk = 0;
		if (wk != 2 && k + 1 < n && word_is(x, &t[k + 1], "week") && !which) {
			d = r - weekday(r) + 7 * wk + wd;
			e = k + 2;
		}
		emit_days(c, from, e, day_ok, d, d);
		return e - i;
	}
	/* "this May", "next June": the next one after REF's month; "last
	 * September": the most recent one before it.  A day may follow. */
	int mo;
	size_t yq;
	if (which && j < n && (mo = month_at(c, j)) > 0 && !year_after(c, j + 1, &yq)) {
		int y = c->ref.y;
		if (which == 1)
			y += mo <= c->ref.m;
		else if (which == -1)
			y -= mo >= c->ref.m;
		size_t e = j + 1;
		int d = 0, ord;
		size_t k = e + (e < n && word_is(x, &t[e], "the"));
		if (k < n && (d = dayval(c, k, &e, &ord)) <= 0)
			e = j + 1;
		if (d > 0)
			emit_day(c, i, e, month_ok ? y : 0, mo, d);
		else
			emit_days(c, i, e, month_ok, month_ok ? month_start(y, mo) : 0, month_ok ? month_end(y, mo) : 0);
		return e - i;
	}
	/* "the week after next", "the month after the next", "the year
	 * before last": two periods away. */
	int pstep = which == 2 ? 0 : which;
	size_t stop = 0;
	if (!which && i + 3 < n && word_is(x, a, "the") && (word_is(x, &t[i + 2], "after") ||
							   word_is(x, &t[i + 2], "before"))) {
		size_t k = i + 3 + (word_is(x, &t[i + 3], "the") && i + 4 < n);
		if (word_is(x, &t[i + 2], "after") ? word_is(x, &t[k], "next") : word_is(x, &t[k], "last"))
			which = 3, pstep = word_is(x, &t[i + 2], "after") ? 2 : -2, j = i + 1, stop = k + 1;
	}
	/* "the fortnight" at the end of a clause: this one. */
	if (!which && i + 1 < n && word_is(x, a, "the") && word_is(x, &t[i + 1], "fortnight") &&
	    (i + 2 == n || t[i + 2].kind == TK_PUNCT))
		which = 2, pstep = 0, j = i + 1;
	/* "this calendar year", "next business week" */
	if (which && j + 1 < n && (word_is(x, &t[j], "calendar") || word_is(x, &t[j], "business") ||
				   word_is(x, &t[j], "working")))
		j++;
	/* [earlier|later] last/this/next week|month|year|quarter */
	if (which && j < n) {
		int ok = 1;
		int32_t s = 0, e = 0;
		if (word_is(x, &t[j], "week")) {
			ok = day_ok;
			/* "next week Mon", "next week on Friday", "previous week - Monday" */
			size_t k = j + 1;
			if (k < n && (word_is(x, &t[k], "on") || (t[k].kind == TK_PUNCT && t[k].cp == '-')))
				k++;
			int wd2 = k < n ? weekday_at(c, k) : -1;
			if (wd2 >= 0 && !earlier) {
				int32_t d = r - weekday(r) + 7 * pstep + wd2;
				emit_days(c, i, k + 1, ok, d, d);
				return k + 1 - i;
			}
			if (ok) {
				int32_t mon = r - weekday(r) + 7 * pstep;
				s = mon, e = mon + 6;
				if (pstep == 0 && earlier)
					*(later ? &s : &e) = r;
				else if (earlier) /* "earlier last week", "later next week": as early / late */
					s = later ? mon + 3 : mon, e = later ? mon + 6 : mon + 2;
				else if (which == 2 && !poss_after(c, j) && done_by_ref(c))
					e = r;
			}
		} else if (word_is(x, &t[j], "month")) {
			ok = month_ok;
			if (ok) {
				int y = c->ref.y, m = c->ref.m + pstep;
				if (m < 1)
					m += 12, y--;
				if (m > 12)
					m -= 12, y++;
				s = month_start(y, m), e = month_end(y, m);
				if (pstep == 0 && earlier && day_ok)
					*(later ? &s : &e) = r;
				else if (which == 2 && day_ok && !poss_after(c, j) && done_by_ref(c))
					e = r;
			}
		} else if (word_is(x, &t[j], "year")) {
			ok = c->ref.y != 0;
			if (ok) {
				int y = c->ref.y + pstep;
				s = date_to_days(y, 1, 1), e = date_to_days(y, 12, 31);
				if (pstep == 0 && earlier && day_ok)
					*(later ? &s : &e) = r;
				else if (which == 2 && day_ok && !poss_after(c, j) && done_by_ref(c))
					e = r;
			}
		} else if (word_is(x, &t[j], "decade") || word_is(x, &t[j], "fortnight")) {
			int u = word_is(x, &t[j], "decade") ? U_DECADE : U_FORTNIGHT;
			ok = day_ok;
			if (ok) {
				s = add_units(block_start(r, u), pstep, u);
				e = add_units(s, 1, u) - 1;
			}
		} else if (word_is(x, &t[j], "quarter")) {
			ok = month_ok;
			if (ok) {
				int q = (c->ref.m - 1) / 3 + pstep, y = c->ref.y;
				if (q < 0)
					q += 4, y--;
				if (q > 3)
					q -= 4, y++;
				s = month_start(y, q * 3 + 1), e = month_end(y, q * 3 + 3);
			}
		} else if (season_of(x, &t[j]) >= 0) {
			int se = season_of(x, &t[j]);
			ok = month_ok;
			if (ok) {
				int y = c->ref.y;
				int32_t refd = day_ok ? r : month_end(c->ref.y, c->ref.m);
				if (pstep == -1) {
					/* The most recent such season that has ended. */
					for (y = c->ref.y; y > c->ref.y - 3; y--) {
						season_days(se, y, &s, &e);
						if (e < refd)
							break;
					}
				} else {
					if (se == 3 && c->ref.m <= 2)
						y--;
					season_days(se, y + (pstep == 1), &s, &e);
				}
			}
		} else {
			ok = -1;
		}
		if (ok >= 0) {
			/* "this working week": Monday to Friday. */
			if (ok && word_is(x, &t[j], "week") && j > i && (word_is(x, &t[j - 1], "working") ||
									word_is(x, &t[j - 1], "business")))
				e = s + 4;
			if (!stop)
				stop = j + 1;
			emit_days(c, i, stop, ok, s, e);
			return stop - i;
		}
	}
	/* early / mid / late Month */
	if (b && (word_is(x, a, "early") || word_is(x, a, "mid") || word_is(x, a, "late") || word_is(x, a, "mid-"))) {
		int m = month_of(x, b);
		size_t e = i + 2;
		if (m <= 0 && i + 2 < n && punct_like(t, i + 1, '-')) {
			m = month_at(c, i + 2);
			e = i + 3;
		}
		if (m > 0) {
			int y = 0;
			if (e < n && (y = intval(x, &t[e], NULL)) > 0 && year_ok(y))
				e++;
			else
				y = infer_year(c, m, 15);
			int lo = word_is(x, a, "early") ? 1 : word_is(x, a, "late") ? 21 : 11;
			int hi = word_is(x, a, "early") ? 10 : word_is(x, a, "late") ? days_in_month(y ? y : 2001, m) : 20;
			emit_days(c, i, e, y != 0, y ? date_to_days(y, m, lo) : 0, y ? date_to_days(y, m, hi) : 0);
			return e - i;
		}
	}
	/* [over|at] the weekend, this weekend, last/next weekend, the weekend
	 * after next.  "this weekend" and "the weekend" are the Saturday and
	 * Sunday of REF's week (Monday to Sunday); "over the weekend" and "at
	 * the weekend", the news idiom for the one just gone, are the most
	 * recent weekend on or before REF. */
	{
		size_t k = i, from = i;
		int step = 0, explicit_ = 0, past = 0, the = word_is(x, &t[k], "the");
		if (the || word_is(x, &t[k], "this") || word_is(x, &t[k], "my"))
			k++;
		else if (word_is(x, &t[k], "last") || word_is(x, &t[k], "past") || word_is(x, &t[k], "previous"))
			step = -1, explicit_ = 1, k++;
		else if (word_is(x, &t[k], "next") || word_is(x, &t[k], "coming") || word_is(x, &t[k], "following"))
			step = 1, explicit_ = 1, k++;
		int bare = k == i && i > 0 && (word_is(x, &t[i - 1], "on") || word_is(x, &t[i - 1], "mom"));
		/* "that weekend" without its antecedent: as "the weekend". */
		if (k == i && i > 0 && word_is(x, &t[i - 1], "that"))
			the = 1, bare = 1, from = i - 1;
		if (k > i && word_is(x, &t[i], "the") && i > 0 && (word_is(x, &t[i - 1], "over") || word_is(x, &t[i - 1], "at")))
			past = 1, from = word_is(x, &t[i - 1], "over") ? i - 1 : i;
		if (k < n && word_is(x, &t[k], "weekend") && (k > i || bare)) {
			size_t e = k + 1;
			/* "the weekend after [the] next" */
			if (!step && e + 1 < n && word_is(x, &t[e], "after")) {
				size_t q = e + 1;
				if (q < n && word_is(x, &t[q], "the"))
					q++;
				if (q < n && word_is(x, &t[q], "next"))
					step = 2, past = 0, e = q + 1;
			}
			int32_t sat = 0;
			if (day_ok) {
				int rw = weekday(r);
				sat = r - rw + 5 + 7 * step;
				/* "the weekend" early in the week is the one just gone
				 * ("I spent the weekend in Tolvey", written on a Monday). */
				if (the && !step && rw <= 2)
					past = 1;
				if (past)
					sat = rw >= 5 ? r - (rw - 5) : r - rw - 2;
				else if (step == 1 && rw < 5 && !explicit_)
					sat = r - rw + 5;
			}
			emit_days(c, from, e, day_ok, sat, sat + 1);
			return e - i;
		}
	}
	/* "mid-November" as one token */
	if (a->kind == TK_WORD && a->end - a->start > 4 && !strncasecmp(x + a->start, "mid-", 4)) {
		token mt = *a;
		mt.start += 4, mt.hash = 0, mt.w1 = 0;
		mt.flags |= TF_CAP;
		int m = month_of(x, &mt);
		if (m > 0) {
			size_t e = i + 1;
			int y = 0;
			if (e < n && t[e].end - t[e].start == 4 && (y = intval(x, &t[e], NULL)) > 0 && year_ok(y))
				e++;
			else
				y = infer_year(c, m, 15);
			emit_days(c, i, e, y != 0, y ? date_to_days(y, m, 11) : 0, y ? date_to_days(y, m, 20) : 0);
			return e - i;
		}
	}
	/* earlier / later in the week|month|year; [the] end|beginning|start of
	 * [the|this] week|month|year: parts of the current period. */
	{
		size_t k = i;
		int part = 0; /* 1 earlier, 2 later, 3 end, 4 start */
		if (word_is(x, &t[k], "earlier"))
			part = 1;
		else if (word_is(x, &t[k], "later"))
			part = 2;
		else {
			if (word_is(x, &t[k], "the") && k + 1 < n)
				k++;
			if (word_is(x, &t[k], "end"))
				part = 3;
			else if (word_is(x, &t[k], "beginning") || word_is(x, &t[k], "start"))
				part = 4;
		}
		if (part) {
			k++;
			if (k < n && (part >= 3 ? word_is(x, &t[k], "of") : word_is(x, &t[k], "in")))
				k++;
			else if (part >= 3)
				k = n;
			if (k < n && (word_is(x, &t[k], "the") || (part >= 3 && word_is(x, &t[k], "this"))))
				k++;
			int per = 0;
			if (k < n && word_is(x, &t[k], "week"))
				per = 1;
			else if (k < n && word_is(x, &t[k], "month"))
				per = 2;
			else if (k < n && word_is(x, &t[k], "year"))
				per = 3;
			if (per && (day_ok || (per >= 2 && month_ok && part >= 3))) {
				int32_t ps, pe;
				int32_t rr = day_ok ? r : month_start(c->ref.y, c->ref.m);
				if (per == 1)
					ps = rr - weekday(rr), pe = ps + 6;
				else if (per == 2)
					ps = month_start(c->ref.y, c->ref.m), pe = month_end(c->ref.y, c->ref.m);
				else
					ps = date_to_days(c->ref.y, 1, 1), pe = date_to_days(c->ref.y, 12, 31);
				int32_t mid = ps + (pe - ps) / 2;
				int32_t s0 = part == 1 ? ps : part == 2 ? rr : part == 3 ? mid + 1 : ps;
				int32_t e0 = part == 1 ? rr : part == 2 ? pe : part == 3 ? pe : mid;
				emit_days(c, i, k + 1, 1, s0, e0);
				return k + 1 - i;
			}
		}
	}
	/* in the days / weeks ahead, in the coming days: the future, unresolved. */
	if (i + 3 < n && word_is(x, a, "in") && word_is(x, b, "the") &&
	    ((word_is(x, &t[i + 2], "days") || word_is(x, &t[i + 2], "weeks") || word_is(x, &t[i + 2], "months")) &&
	     word_is(x, &t[i + 3], "ahead"))) {
		emit_days(c, i, i + 4, 0, 0, 0);
		return 4;
	}
	if (i + 3 < n && word_is(x, a, "in") && word_is(x, b, "the") && word_is(x, &t[i + 2], "coming") &&
	    (word_is(x, &t[i + 3], "days") || word_is(x, &t[i + 3], "weeks") || word_is(x, &t[i + 3], "months"))) {
		emit_days(c, i, i + 4, 0, 0, 0);
		return 4;
	}
	return 0;
}

/* Decades and centuries: "the 1990s", "the '90s", "the 70's", "the
 * seventies", "the nineteen seventies", "the 21st century".  A two-digit
 * decade is the latest one that has begun by the reference year. */
/* "twenty-tens", "twenty tens", "two thousand and tens" at J: the 2010s'
 * name, its token count, or 0. */
static size_t tens_word(const char *x, const token *t, size_t n, size_t j)
{
	const token *a = &t[j];
	if (a->end - a->start == 11 && !strncasecmp(x + a->start, "twenty-tens", 11))
		return 1;
	if (j + 1 < n && word_is(x, a, "twenty") && word_is(x, &t[j + 1], "tens"))
		return 2;
	if (j + 3 < n && word_is(x, a, "two") && word_is(x, &t[j + 1], "thousand") && word_is(x, &t[j + 2], "and") &&
	    word_is(x, &t[j + 3], "tens"))
		return 4;
	return 0;
}

static size_t decade(tctx *c, size_t i)
{
	static const char *const tens[] = {"twenties", "thirties", "forties", "fifties", "sixties", "seventies",
					   "eighties", "nineties", NULL};
	const char *x = c->text;
	const token *t = c->t;
	size_t n = c->n, j = i, e = 0;
	int y = -1, two = 0;
	if (word_is(x, &t[j], "the") && j + 1 < n)
		j++;
	if (t[j].kind == TK_PUNCT && (t[j].cp == '\'' || t[j].cp == 0x2019) && j + 1 < n && !(t[j + 1].flags & TF_SPACE))
		j++;
	const token *a = &t[j];
	uint32_t len = a->end - a->start;
	/* A decade's name is an anchor (time_anchors.txt, numbers.txt). */
	if (a->kind != TK_NUM && !(c->cls[j] & TC_ANCHOR))
		return 0;
	if (a->kind == TK_NUM) {
		int v = 0;
		uint32_t k = a->start;
		for (; k < a->end && x[k] >= '0' && x[k] <= '9'; k++)
			v = v < 100000000 ? v * 10 + (x[k] - '0') : v; /* only short runs are years; no overflow */
		uint32_t dl = k - a->start;
		int suffix_s = k + 1 == a->end && (x[k] == 's' || x[k] == 'S');
		int apos_s = k == a->end && j + 1 < n && (t[j + 1].flags & TF_POSS);
		int spaced_s = k == a->end && j + 1 < n && word_is(x, &t[j + 1], "s");
		if ((dl == 4 || dl == 2) && v % 10 == 0 && (suffix_s || apos_s || spaced_s)) {
			y = v, two = dl == 2;
			e = j + 1 + (apos_s || spaced_s);
		} else if (k + 2 == a->end && j + 1 < n && word_is(x, &t[j + 1], "century") && v >= 1 && v <= 30) {
			int s0 = (v - 1) * 100;
			emit_days(c, i, j + 2, 1, date_to_days(s0, 1, 1), date_to_days(s0 + 99, 12, 31));
			return j + 2 - i;
		}
	} else if (a->kind == TK_WORD && (word_is(x, a, "noughties") || word_is(x, a, "aughts"))) {
		y = 2000, e = j + 1;
	} else if (a->kind == TK_WORD && word_is(x, a, "two") && j + 1 < n && word_is(x, &t[j + 1], "thousands") &&
		   j > i) {
		/* "the two thousands": the decade, only after "the". */
		y = 2000, e = j + 2;
	} else if (a->kind == TK_WORD) {
		int base = 1900;
		size_t tw = tens_word(x, t, n, j);
		if (tw) {
			/* "the twenty-tens", "the two thousand and tens". */
			y = 2010, e = j + tw;
		} else if ((word_is(x, a, "nineteen") || word_is(x, a, "twenty")) && j + 1 < n) {
			base = word_is(x, a, "nineteen") ? 1900 : 2000;
			a = &t[++j];
		}
		for (int k = 0; !tw && tens[k]; k++)
			if (word_is(x, a, tens[k])) {
				y = base + (k + 2) * 10;
				e = j + 1;
				two = base == 1900 && j == i + (word_is(x, &t[i], "the") ? 1 : 0);
			}
	}
	(void)len;
	if (y < 0)
		return 0;
	if (two) {
		int refy = c->ref.y ? c->ref.y : 1999;
		y = y % 100 + 2000 <= refy ? y % 100 + 2000 : y % 100 + 1900;
	}
	if (!year_ok(y))
		return 0;
	emit_days(c, i, e, 1, date_to_days(y, 1, 1), date_to_days(y + 9, 12, 31));
	return e - i;
}

/* A bare month name ("in October"), resolved like a month without a year. */
static size_t month_alone(tctx *c, size_t i)
{
	int m = month_of(c->text, &c->t[i]);
	if (m <= 0)
		return 0;
	/* Abbreviations alone ("Mar", "Jan") only after a preposition. */
	static const char *const preps[] = {"in", "from", "to", "since", "until", "till", "between", "and",
					    "by", "of", "during", "through", "before", "after", NULL};
	int prep = 0;
	for (int k = 0; !prep && preps[k]; k++)
		prep = i > 0 && word_is(c->text, &c->t[i - 1], preps[k]);
	if (c->t[i].end - c->t[i].start <= 4 && !word_is(c->text, &c->t[i], "may") &&
	    !word_is(c->text, &c->t[i], "june") && !word_is(c->text, &c->t[i], "july") && !prep)
		return 0;
	int y = infer_year(c, m, 1);
	emit_days(c, i, i + 1, y != 0, y ? month_start(y, m) : 0, y ? month_end(y, m) : 0);
	mark_inferred(c);
	return 1;
}

/* Token index of the record's first and last-plus-one token. */
static size_t tok_at(const token *t, size_t n, uint32_t off)
{
	/* A lower bound that halves with a conditional move, not a branch
	 * the data decides. */
	if (!n)
		return 0;
	const token *base = t;
	while (n > 1) {
		size_t half = n / 2;
		base = base[half].start < off ? base + half : base;
		n -= half;
	}
	return (size_t)(base - t) + (base->start < off);
}


enum { OPEN_AFTER = 1, OPEN_FROM, OPEN_BEFORE, OPEN_UNTIL };

/* Words right before a date that open it: their kind and length. */
static int open_before(const char *x, const token *t, size_t a, size_t *len)
{
	static const struct {
		const char *w[3];
		int kind;
	} pre[] = {
		{{"no", "later", "than"}, OPEN_UNTIL}, {{"no", "earlier", "than"}, OPEN_FROM},
		{{"later", "than", NULL}, OPEN_AFTER}, {{"earlier", "than", NULL}, OPEN_BEFORE},
		{{"as", "late", "as"}, OPEN_UNTIL}, {{"as", "early", "as"}, OPEN_FROM},
		{{"prior", "to", NULL}, OPEN_BEFORE},
		{{"starting", "on", NULL}, OPEN_FROM}, {{"starting", "from", NULL}, OPEN_FROM},
		{{"starting", NULL, NULL}, OPEN_FROM}, {{"beginning", "on", NULL}, OPEN_FROM},
		{{"beginning", "from", NULL}, OPEN_FROM}, {{"beginning", NULL, NULL}, OPEN_FROM},
		{{"after", "the", NULL}, OPEN_AFTER}, {{"after", NULL, NULL}, OPEN_AFTER},
		{{"before", "the", NULL}, OPEN_BEFORE}, {{"before", NULL, NULL}, OPEN_BEFORE},
		{{"until", NULL, NULL}, OPEN_UNTIL}, {{"till", NULL, NULL}, OPEN_UNTIL},
		{{"greater", "than", NULL}, OPEN_AFTER},
	};
	/* ">= 2019", "> = 2019", "<=2019", "≥ 2019": from / up to X. */
	if (a >= 1 && (punct_like(t, a - 1, 0x2265) || punct_like(t, a - 1, 0x2264))) {
		*len = 1;
		return punct_like(t, a - 1, 0x2265) ? OPEN_FROM : OPEN_UNTIL;
	}
	if (a >= 2 && punct_like(t, a - 1, '=') && (punct_like(t, a - 2, '>') || punct_like(t, a - 2, '<'))) {
		*len = 2;
		return punct_like(t, a - 2, '>') ? OPEN_FROM : OPEN_UNTIL;
	}
	for (size_t p = 0; p < sizeof pre / sizeof *pre; p++) {
		size_t n = pre[p].w[2] ? 3 : pre[p].w[1] ? 2 : 1;
		if (a < n)
			continue;
		size_t k = 0;
		while (k < n && word_is(x, &t[a - n + k], pre[p].w[k]))
			k++;
		if (k == n) {
			*len = n;
			return pre[p].kind;
		}
	}
	return 0;
}

/* Words right after a date that open it: "or later", "and after", "on",
 * "onwards", "or earlier". */
static int open_after(const char *x, const token *t, size_t n, size_t b, size_t *len)
{
	/* "on May 1 and after 6pm": not an open interval. */
	if (b + 1 < n && (word_is(x, &t[b], "or") || word_is(x, &t[b], "and")) &&
	    (b + 2 >= n || t[b + 2].kind == TK_PUNCT)) {
		*len = 2;
		if (word_is(x, &t[b + 1], "later") || word_is(x, &t[b + 1], "after"))
			return OPEN_FROM;
		if (word_is(x, &t[b + 1], "earlier") || word_is(x, &t[b + 1], "before"))
			return OPEN_UNTIL;
	}
	if (b + 1 < n && (word_is(x, &t[b], "or") || word_is(x, &t[b], "and")) &&
	    (word_is(x, &t[b + 1], "beyond") || word_is(x, &t[b + 1], "greater"))) {
		*len = 2;
		return OPEN_FROM;
	}
	if (b < n && (word_is(x, &t[b], "onwards") || word_is(x, &t[b], "onward"))) {
		*len = 1;
		return OPEN_FROM;
	}
	*len = 0;
	return 0;
}

/* Second pass over the records of one sentence (from index FIRST): two
 * dates joined by "to", "through", "-", "and" (after "between") become one
 * interval; "after X" / "before X" become open intervals. */
/* Record R is one weekday name ("Monday"): its weekday, else -1. */
static int bare_weekday(const tctx *c, const trec *r)
{
	size_t a = tok_at(c->t, c->n, r->sp.start), b = tok_at(c->t, c->n, r->sp.end);
	return b == a + 1 ? weekday_of(c->text, &c->t[a]) : -1;
}

/* Record R is one day counted in units: "two weeks from now", "3 days
 * after the vote", not "in 3 days". */
static int counted_day(const tctx *c, const trec *r)
{
	size_t a = tok_at(c->t, c->n, r->sp.start), b = tok_at(c->t, c->n, r->sp.end);
	if (!r->valid || r->open_end || memcmp(&r->start, &r->end, sizeof r->start))
		return 0;
	/* "the biggest fall in four months on Tuesday" is a span, not a day. */
	if (word_is(c->text, &c->t[a], "in") || word_is(c->text, &c->t[a], "within"))
		return 0;
	for (size_t k = a; k < b; k++)
		if (unit_of(c->text, &c->t[k]))
			return 1;
	return 0;
}

/* A weekday next to a counted day names that day's week: "Monday two
 * weeks from now", "Thursday, two years from now", "3 days from now on
 * Friday" are the weekday of the Monday-Sunday week holding the counted
 * day.  A weekday after "this week from", "next week between", "next week
 * on" is of that week. */
static void weekday_of_count(tctx *c, size_t first)
{
	trec *R = c->out->items;
	size_t k = first;
	for (size_t i = first; i < c->out->len; i++) {
		if (i + 1 < c->out->len && R[i].valid && R[i + 1].valid) {
			trec *p = &R[i], *q = &R[i + 1];
			size_t b = tok_at(c->t, c->n, p->sp.end), a2 = tok_at(c->t, c->n, q->sp.start);
			/* "this week from Tuesday to Thursday", "next week on
			 * Friday": the weekday of that week. */
			int32_t ps = date_to_days(p->start.y, p->start.m, p->start.d);
			int qw = bare_weekday(c, q);
			if (qw >= 0 && weekday(ps) == 0 && date_to_days(p->end.y, p->end.m, p->end.d) == ps + 6 &&
			    a2 == b + 1 && (word_is(c->text, &c->t[b], "from") || word_is(c->text, &c->t[b], "between") ||
					    word_is(c->text, &c->t[b], "on")))
				q->start = q->end = date_from_days(ps + qw);
			int gap = a2 == b || (a2 == b + 1 && (punct_like(c->t, b, ',') || word_is(c->text, &c->t[b], "on")));
			int wd = bare_weekday(c, p);
			const trec *day = q;
			if (wd < 0 || !counted_day(c, q))
				wd = counted_day(c, p) ? bare_weekday(c, q) : -1, day = p;
			if (gap && wd >= 0) {
				int32_t d = date_to_days(day->start.y, day->start.m, day->start.d);
				d += wd - weekday(d);
				trec r = *p;
				r.start = r.end = date_from_days(d);
				r.sp.end = q->sp.end;
				r.inferred = 0;
				R[k++] = r;
				i++;
				continue;
			}
		}
		R[k++] = R[i];
	}
	c->out->len = k;
}

/* Record R is a day of the month alone: "the 4th", "the third". */
static int bare_day_rec(const tctx *c, const trec *r)
{
	size_t a = tok_at(c->t, c->n, r->sp.start), b = tok_at(c->t, c->n, r->sp.end), nx;
	int ord;
	a += a < b && word_is(c->text, &c->t[a], "the");
	return a < b && dayval(c, a, &nx, &ord) > 0 && nx == b;
}

/* A bare day at the other end of a one-day record R (tokens A..B): "from
 * 4 to January 22, 1995", "from April 27 to the 3rd" take the month and
 * year of R (the month before or after when the day would run backwards).
 * The bare end is an ordinal or has "the": "from May 5 to 10" may be a
 * count.  Returns 1 when R grew, 2 when it took the next record (the
 * bare day) too. */
static int bare_day_end(tctx *c, trec *r, size_t a, size_t b, size_t next_a)
{
	const char *x = c->text;
	const token *t = c->t;
	size_t nx;
	int ord, d;
	if (!r->valid || r->open_end || memcmp(&r->start, &r->end, sizeof r->start))
		return 0;
	int32_t day = date_to_days(r->start.y, r->start.m, r->start.d);
	if (a >= 3 && connector(x, &t[a - 1]) && !c->taken[a - 2] && (d = dayval(c, a - 2, &nx, &ord)) > 0 &&
	    nx == a - 1 && (word_is(x, &t[a - 3], "from") || word_is(x, &t[a - 3], "between")) &&
	    (!word_is(x, &t[a - 1], "and") || word_is(x, &t[a - 3], "between"))) {
		int y = r->start.y, m = r->start.m - (d > r->start.d);
		if (!m)
			m = 12, y--;
		if (d > days_in_month(y, m))
			return 0;
		r->start = date_from_days(date_to_days(y, m, d));
		r->sp.start = t[a - 3].start;
		return 1;
	}
	size_t k = b + 1;
	int the = k < c->n && word_is(x, &t[k], "the");
	k += the;
	if (a < 1 || b >= c->n || !connector(x, &t[b]) || word_is(x, &t[b], "and") || k >= c->n ||
	    !(word_is(x, &t[a - 1], "from") || word_is(x, &t[a - 1], "between")) ||
	    (d = dayval(c, k, &nx, &ord)) <= 0 || !(ord || the) ||
	    (nx < c->n && (month_at(c, nx) > 0 || word_is(x, &t[nx], "of"))))
		return 0;
	int y = r->start.y, m = r->start.m + (d < r->start.d);
	if (m > 12)
		m = 1, y++;
	if (d > days_in_month(y, m) || date_to_days(y, m, d) < day)
		return 0;
	r->end = date_from_days(date_to_days(y, m, d));
	r->sp.start = t[a - 1].start;
	r->sp.end = t[nx - 1].end;
	return 1 + (next_a == k || next_a == k - the);
}

/* A whole month R (tokens ending before B) and "between 19 and 20", "from
 * the 3rd to the 9th" after it: those days of it.  Returns 1 when R
 * changed. */
static int month_then_days(tctx *c, trec *r, size_t b)
{
	const char *x = c->text;
	const token *t = c->t;
	size_t k = b + 1, nx;
	int ord, d1, d2;
	if (!r->valid || r->open_end || r->start.d != 1 || r->start.m != r->end.m || r->start.y != r->end.y ||
	    r->end.d != days_in_month(r->end.y, r->end.m) || b + 3 >= c->n ||
	    !(word_is(x, &t[b], "between") || word_is(x, &t[b], "from")))
		return 0;
	k += word_is(x, &t[k], "the");
	if ((d1 = dayval(c, k, &nx, &ord)) <= 0 || nx + 1 >= c->n || !connector(x, &t[nx]) ||
	    word_is(x, &t[nx], "and") != word_is(x, &t[b], "between"))
		return 0;
	k = nx + 1;
	int the = k + 1 < c->n && word_is(x, &t[k], "the");
	k += the;
	/* Bare numbers close the clause: "March from 3 to 9 percent" is no date. */
	if ((d2 = dayval(c, k, &nx, &ord)) <= d1 || d2 > r->end.d ||
	    (!ord && !the && nx < c->n && !(t[nx].kind == TK_PUNCT && t[nx].cp != '%')))
		return 0;
	r->start.d = (int8_t)d1, r->end.d = (int8_t)d2;
	r->sp.end = t[nx - 1].end;
	return 1;
}

static void combine(tctx *c, size_t first)
{
	const char *x = c->text;
	const token *t = c->t;
	trec *R = c->out->items;
	size_t k = first;
	for (size_t i = first; i < c->out->len; i++) {
		trec r = R[i];
		size_t a = tok_at(t, c->n, r.sp.start);
		size_t b = tok_at(t, c->n, r.sp.end); /* first token after */
		int paired = 0;
		if (i + 1 < c->out->len && b + 1 < c->n && connector(x, &t[b])) {
			trec s2 = R[i + 1];
			size_t a2 = tok_at(t, c->n, s2.sp.start);
			int between = a > 0 && word_is(x, &t[a - 1], "between");
			int from = a > 0 && word_is(x, &t[a - 1], "from");
			if (a2 == b + 1 && (!word_is(x, &t[b], "and") || between) && r.valid && s2.valid &&
			    !bare_day_rec(c, &s2)) {
				if (r.inferred && !s2.inferred) {
					/* The year is written once, at the end. */
					int dy = s2.start.y - r.start.y - (r.start.m > s2.start.m);
					r.start.y = (int16_t)(r.start.y + dy);
					r.end.y = (int16_t)(r.end.y + dy);
				}
				int32_t s = date_to_days(r.start.y, r.start.m, r.start.d);
				int32_t e = date_to_days(s2.end.y, s2.end.m, s2.end.d);
				/* "from [next] Monday to Friday": the first such day on or
				 * after the start. */
				int wd2 = bare_weekday(c, &s2);
				if (wd2 >= 0 && !memcmp(&r.start, &r.end, sizeof r.start) && weekday_at(c, b - 1) >= 0)
					e = s + (wd2 - weekday(s) + 7) % 7;
				/* "May to March": the end is next year's. */
				if (e < s && s2.end.y == r.start.y)
					e = date_to_days(s2.end.y + 1, s2.end.m, s2.end.d);
				if (s <= e) {
					r.end = date_from_days(e);
					r.sp.end = s2.sp.end;
					if (between || from)
						r.sp.start = t[a - 1].start;
					i++, paired = 1;
				}
			}
		}
		if (!paired && month_then_days(c, &r, b)) {
			while (i + 1 < c->out->len && R[i + 1].sp.start < r.sp.end)
				i++;
			b = tok_at(t, c->n, r.sp.end);
		} else if (!paired &&
		    bare_day_end(c, &r, a, b, i + 1 < c->out->len ? tok_at(t, c->n, R[i + 1].sp.start) : c->n) == 2)
			i++;
		/* "w/c Feb 4": the week commencing that day, as span_from reads
		 * "week commencing Feb 4". */
		if (r.valid && a >= 3 && word_is(x, &t[a - 3], "w") && punct_like(t, a - 2, '/') &&
		    word_is(x, &t[a - 1], "c") && !memcmp(&r.start, &r.end, sizeof r.start)) {
			r.end = date_from_days(date_to_days(r.start.y, r.start.m, r.start.d) + 6);
			r.sp.start = t[a - 3].start;
		}
		/* "between now and X", "from today until X": from the reference;
		 * a date without a year then lies ahead. */
		if (r.valid && has_ref_day(c) && a >= 3 && connector(x, &t[a - 1]) &&
		    (word_is(x, &t[a - 2], "now") || word_is(x, &t[a - 2], "today")) &&
		    (word_is(x, &t[a - 3], "between") || word_is(x, &t[a - 3], "from"))) {
			int32_t e0 = date_to_days(r.end.y, r.end.m, r.end.d);
			if (r.inferred && e0 < ref_days(c))
				r.end.y = (int16_t)(r.end.y + 1), e0 = date_to_days(r.end.y, r.end.m, r.end.d);
			if (e0 >= ref_days(c)) {
				r.start = date_from_days(ref_days(c));
				r.sp.start = t[a - 3].start;
				a -= 3;
			}
		}
		/* "between X and now", "from X to date": up to the reference. */
		if (r.valid && has_ref_day(c) && b + 1 < c->n && connector(x, &t[b]) &&
		    (word_is(x, &t[b + 1], "now") || word_is(x, &t[b + 1], "today") || word_is(x, &t[b + 1], "date") ||
		     word_is(x, &t[b + 1], "present") ||
		     (b + 2 < c->n && word_is(x, &t[b + 1], "current") && word_is(x, &t[b + 2], "date")))) {
			r.end = date_from_days(ref_days(c));
			r.sp.end = t[b + 1 + word_is(x, &t[b + 1], "current")].end;
			if (a > 0 && (word_is(x, &t[a - 1], "between") || word_is(x, &t[a - 1], "from")))
				r.sp.start = t[a - 1].start;
			b += 2;
		}
		/* Open intervals: "after X", "later than X", "starting X",
		 * "X or later" (from X on); "before X", "until X", "no later
		 * than X", "X or earlier" (up to X). */
		size_t lead = 0, tail = 0;
		int open = r.valid ? open_before(x, t, a, &lead) : 0;
		if (!open && r.valid)
			open = open_after(x, t, c->n, b, &tail);
		if (open) {
			int32_t s0 = date_to_days(r.start.y, r.start.m, r.start.d);
			int32_t e0 = date_to_days(r.end.y, r.end.m, r.end.d);
			switch (open) {
			case OPEN_AFTER: /* after X: from the day after X */
				r.start = date_from_days(e0 + 1), r.open_end = 1;
				break;
			case OPEN_FROM: /* from X on */
				r.start = date_from_days(s0), r.open_end = 1;
				break;
			case OPEN_BEFORE: /* before X: to the day before X */
				r.end = date_from_days(s0 - 1), r.open_end = 2;
				break;
			default: /* until X */
				r.end = date_from_days(e0), r.open_end = 2;
				break;
			}
			if (lead)
				r.sp.start = t[a - lead].start;
			if (tail)
				r.sp.end = t[b + tail - 1].end;
		}
		R[k++] = r;
	}
	c->out->len = k;
}

/* The offset of an ISO date "2002-10-09" after a hyphen inside the word W
 * ("report-2002-10-09", "archive-2018-09-23-page-01"), or 0. */
static size_t iso_in(const char *w, size_t len)
{
	for (size_t p = 1; p + 10 <= len; p++) {
		const char *q = w + p;
		if ((w[p - 1] == '-' || w[p - 1] == '_') && is_digit(q[0]) && is_digit(q[1]) && is_digit(q[2]) &&
		    is_digit(q[3]) && q[4] == '-' && is_digit(q[5]) && is_digit(q[6]) && q[7] == '-' && is_digit(q[8]) &&
		    is_digit(q[9]) && (p + 10 == len || !is_digit(q[10])))
			return p;
	}
	return 0;
}

/* An ISO date glued inside a file name or a URL path, "report-2002-10-09":
 * unambiguous, so read there too, with a span of its own bytes. */
static size_t embedded_iso(tctx *c, size_t i)
{
	const char *w = c->text + c->t[i].start;
	size_t p = iso_in(w, c->t[i].end - c->t[i].start);
	if (!p)
		return 0;
	int y = (w[p] - '0') * 1000 + (w[p + 1] - '0') * 100 + (w[p + 2] - '0') * 10 + (w[p + 3] - '0');
	int m = (w[p + 5] - '0') * 10 + (w[p + 6] - '0'), d = (w[p + 8] - '0') * 10 + (w[p + 9] - '0');
	if (!year_ok(y) || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return 0;
	emit_day(c, i, i + 1, y, m, d);
	trec *r = &VEC_AT(c->out, trec, c->out->len - 1);
	r->sp = span_make(c->t[i].start + (uint32_t)p, c->t[i].start + (uint32_t)p + 10);
	return 1;
}

/* Can the plain number T[I] be part of a date with no month, weekday or
 * time word beside it?  Only as a year ("2024", "1990s"), a numeric date
 * ("17.04.2025", "4/17", "11 - 2016", "'87", "80's") or a bare day ("on
 * 18.", "for the 18").  Other numbers ("12 people") anchor nothing. */
static int strong_number(const char *x, const token *t, size_t n, size_t i)
{
	const token *k = &t[i];
	uint32_t digits = 0, dots = 0;
	for (uint32_t b = k->start; b < k->end; b++) {
		if (!is_digit(x[b]) && x[b] != ',' && x[b] != '.')
			return 1; /* a suffix: "18th", "1990s", "2016H" */
		digits += is_digit(x[b]);
		dots += x[b] == '.';
	}
	/* "17.04.2025"; one dot is a decimal ("1.5"): numeric() reads no date
	 * of two parts split by a dot. */
	if (dots >= 2)
		return 1;
	if (digits == 4 && k->end - k->start == 4)
		return 1;
	if (i + 1 < n) {
		const token *a = &t[i + 1];
		if ((a->kind == TK_PUNCT && (a->cp == '-' || a->cp == '/' || a->cp == 0x2013)) || (a->flags & TF_POSS) ||
		    token_word(x, a, "s"))
			return 1;
	}
	if (i > 0) {
		const token *b = &t[i - 1];
		if (b->kind == TK_PUNCT && (b->cp == '-' || b->cp == '/' || b->cp == 0x2013 || b->cp == '\'' ||
					    b->cp == 0x2019 || b->cp == '.'))
			return 1;
		if (token_word(x, b, "on") || token_word(x, b, "the") || token_word(x, b, "year"))
			return 1;
	}
	return 0;
}

/* The TC_* bits of token I, which the tokenizer left TC_UNKNOWN: a
 * number, or a word with a class bit, a hyphen, a final digit or a length
 * an ISO date may hide in. */
static uint8_t class_of(const lexicons *lx, const char *text, const token *t, size_t n, size_t i)
{
	const token *k = &t[i];
	if (k->kind == TK_NUM)
		return TC_NUMBER | TC_TIME | TC_ANCHOR | (strong_number(text, t, n, i) ? TC_STRONG : 0);
	const char *w = text + k->start;
	uint32_t len = k->end - k->start;
	int c = lexicon_class_maybe(lx, k->hash) ? lexicon_token_class_hashed(w, len, k->hash) : 0;
	const char *h;
	if (!c && (k->flags & TF_HYPHEN) && (h = memchr(w, '-', len)) != NULL) {
		/* "mid-February", "twenty-first": the first part's class, and
		 * an anchor in the second part. */
		c = lexicon_token_class(w, (size_t)(h - w));
		c |= lexicon_token_class(h + 1, (size_t)(w + len - h - 1)) & (TC_ANCHOR | TC_STRONG);
		/* "twenty-first", "the twenty-tens": a day or a decade. */
		if (c & TC_NUMBER)
			c |= TC_STRONG;
	}
	/* "Oct2", "Dec31": a month glued to its day. */
	if (!c && len > 3 && is_digit(text[k->end - 1])) {
		token m = *k;
		m.hash = 0, m.w1 = 0;
		while (m.end > m.start && is_digit(text[m.end - 1]))
			m.end--;
		if (m.end - m.start >= 3 && lookup(&lx->months, text, &m) > 0)
			c = TC_TIME | TC_STRONG;
	}
	/* "1990s", "Dec31", "mid-2025", "Q3": a word with a digit at either
	 * end anchors a date. */
	if (len && (is_digit(w[0]) || is_digit(w[len - 1])))
		c |= TC_ANCHOR | TC_STRONG;
	if (len > 10 && iso_in(w, len))
		c |= TC_TIME | TC_ANCHOR | TC_STRONG;
	if (calendar_year(text, k))
		c |= TC_TIME | TC_STRONG;
	/* "in nineteen eighty-four": a year in words. */
	if ((c & TC_NUMBER) && i > 0 && spelled_year_before(text, &t[i - 1]))
		c |= TC_STRONG;
	return (uint8_t)c;
}

void extract_classes(const char *text, const token *t, size_t n, uint8_t *cls, const uint32_t *todo, size_t ntodo)
{
	const lexicons *lx = lexicon_get();
	for (size_t k = 0; k < ntodo; k++) {
		size_t j = todo[k];
		/* A number word the tokenizer classed: only "in nineteen
		 * ninety" is left (class_of's last step). */
		cls[j] = cls[j] != TC_UNKNOWN ? (uint8_t)((cls[j] & ~TC_UNKNOWN) |
							  (j > 0 && spelled_year_before(text, &t[j - 1]) ? TC_STRONG : 0))
					       : class_of(lx, text, t, n, j);
	}
}

/* Can a time expression start at token I, given NA, the first anchor at
 * or after I?  Only if the anchor is at most ANCHOR_REACH tokens ahead
 * with at most ANCHOR_GAPS words of no time or number class between ("the
 * end of the year" has one, "of").  On the news corpus no date needs
 * more than 5 and 1; most tokens near a number fail here and cost no rule. */
#define ANCHOR_REACH 8
#define ANCHOR_GAPS 2

static int anchored(const uint8_t *cls, size_t i, size_t na)
{
	if (na - i > ANCHOR_REACH)
		return 0;
	int gaps = 0;
	for (size_t g = i + 1; g < na; g++)
		if (!(cls[g] & (TC_TIME | TC_NUMBER)) && ++gaps > ANCHOR_GAPS)
			return 0;
	return 1;
}

/* Does B carry a number on to a second one: a connector, "of" or "or"
 * ("18 to 22 June", "5 of May", "4 or 5 days")? */
static int carries_on(const char *x, const token *b)
{
	return connector(x, b) || token_word(x, b, "of") || token_word(x, b, "or");
}

/* Can no rule start at token I?  Not at a dash, "now", a lowercase "may"
 * or "march", or a scale word.  A number that is no year, numeric date or
 * bare day (no TC_STRONG) opens a date only before a word or sign with a
 * time class ("3 days", "5 March", "3 1/2 years"), one that carries it on
 * or a glued dot ("16. Nov"); "the" only before a word with a class ("the
 * first week") or "the final". */
static int dead_start(const char *x, const token *t, size_t n, const uint8_t *cls, size_t i)
{
	const token *a = &t[i], *b = i + 1 < n ? &t[i + 1] : NULL;
	if (a->kind == TK_PUNCT)
		return a->cp == '-'; /* a dash is inside a date, never its start */
	/* "now" only ends an offset ("3 days from now"); a lowercase "may" or
	 * "march" is a verb unless a glued "/5", "-2" or ".12" follows. */
	if (a->kind == TK_WORD && token_word(x, a, "now"))
		return 1;
	if (a->kind == TK_WORD && (a->flags & TF_LOWER) && a->end - a->start <= 5) {
		if (token_word(x, a, "may") || token_word(x, a, "march"))
			return !(b && b->kind == TK_PUNCT && !(b->flags & TF_SPACE) &&
				 (b->cp == '/' || b->cp == '-' || b->cp == '.'));
	}
	/* A number word that opens no date of its own ("two", "mln", not
	 * "first" or "seventies") counts something.  A scale or vague one
	 * ("mln", "hundred", "dozens") opens none: counts of days or years
	 * start with a unit number ("two").  Before a word with no class ("two
	 * hours", "one man") no number word dates anything, unless it carries
	 * the number on ("one of May", "five or six days"). */
	if (a->kind == TK_WORD && cls[i] == (TC_NUMBER | TC_ANCHOR)) {
		const lexicons *L = lexicon_get();
		int k = lookup(&L->numwords, x, a);
		if (k >= 0 && (L->num_class[k] == NUMW_SCALE || L->num_class[k] == NUMW_HUNDRED ||
			       L->num_class[k] == NUMW_DOZEN || L->num_class[k] == NUMW_VAGUE))
			return 1;
		if (b && b->kind == TK_WORD && !cls[i + 1])
			return !carries_on(x, b);
	}
	/* "12.5 mln", "5 million": a plain number before a scale or other
	 * number word (a class with no time bit) counts, it dates nothing. */
	if (a->kind == TK_NUM && b && b->kind == TK_WORD && !(cls[i] & TC_STRONG) &&
	    !(cls[i + 1] & (TC_TIME | TC_STRONG)))
		return !carries_on(x, b);
	if (b && (cls[i + 1] & ~TC_MARK))
		return 0;
	if (a->kind == TK_NUM)
		return !(cls[i] & TC_STRONG) &&
		       (!b || (!carries_on(x, b) && !(b->kind == TK_PUNCT && b->cp == '.' && !(b->flags & TF_SPACE))));
	/* ("a", "an" and "in" have their own gates in start_rules.) */
	return token_word(x, a, "the") && !(b && token_word(x, b, "final"));
}

/* Has the number T a letter ("18th", "1990s", "2016H")? */
static int has_letter(const char *x, const token *t)
{
	for (uint32_t b = t->start; b < t->end; b++)
		if (is_alpha(x[b]))
			return 1;
	return 0;
}

/* Can the letters S[0..N) after a number of L bytes belong to a date?  An
 * ordinal ("18th"), a decade's s ("1990s") or a year's half or quarter
 * code ("2016H", "2024Q", the digit split off); a scale ("200m", "5bn") or
 * a unit ("20Mbps") never. */
static int date_suffix(const char *s, size_t n, size_t l)
{
	if (n == 1)
		return (s[0] | 0x20) == 's' || (l == 4 && ((s[0] | 0x20) == 'h' || (s[0] | 0x20) == 'q'));
	return n == 2 && (!strncasecmp(s, "st", 2) || !strncasecmp(s, "nd", 2) || !strncasecmp(s, "rd", 2) ||
			  !strncasecmp(s, "th", 2));
}

/* The rules of the start loop, one bit each, in the order they are tried. */
enum {
	R_ISO = 1 << 0, R_WEEK = 1 << 1, R_SPAN = 1 << 2, R_REST = 1 << 3, R_PART = 1 << 4, R_QUARTER = 1 << 5,
	R_ABS = 1 << 6, R_OFFSET = 1 << 7, R_REL = 1 << 8, R_DECADE = 1 << 9, R_YEAR = 1 << 10, R_MONTH = 1 << 11,
	R_ALL = (1 << 12) - 1
};

/* Of the rules a number opens, those a plain number at token K (digits,
 * maybe with "," or ".", no letter; a start, or after "the") can: a date
 * (absolute) only as a day of the month before a month, a connector,
 * "of" or a mark ("17 March", "18 to 22 June", "the 18 June") or with a
 * glued separator and a part after ("4/17", "17.04.2025"); a year alone
 * only with four digits, three after "year" ("the year 800") or as a
 * month before a dash or slash ("11 - 2016"); an offset only before its
 * unit, a half ("2 1/2 weeks", "2 and a half years", "2½"), "next" or
 * "past" ("the 3 next weeks"); a decade only before 's ("the 80's", "80
 * s").  The rules themselves test the same, after more work. */
static unsigned plain_number(const char *x, const token *t, size_t n, const uint8_t *cls, size_t k)
{
	const token *a = &t[k], *nx = k + 1 < n ? &t[k + 1] : NULL;
	unsigned r = R_ALL;
	uint32_t q = a->start, lim = t[n - 1].end, len = a->end - a->start;
	while (q < lim && is_digit(x[q]))
		q++;
	int glued = glued_mark(x, q, lim);
	int ord, v = intval(x, a, &ord);
	/* "5 of May", "on 18." (a day of REF's month); after "the" also
	 * "for the 18" before a word. */
	int day_next = !nx || nx->kind == TK_PUNCT || (cls[k + 1] & TC_STRONG) || connector(x, nx) ||
		       token_word(x, nx, "of") || token_word(x, nx, "day");
	if (!glued && !(v >= 1 && v <= 31 && (day_next || (k > 0 && token_word(x, &t[k - 1], "the")))))
		r &= ~R_ABS;
	int dash = nx && nx->kind == TK_PUNCT && (nx->cp == '-' || nx->cp == '/');
	if (!(len == 4 || (len == 3 && k > 0 && token_word(x, &t[k - 1], "year")) || (len <= 2 && dash)))
		r &= ~R_YEAR;
	if (!(nx && ((cls[k + 1] & (TC_ANCHOR | TC_TIME)) || nx->kind == TK_NUM || token_word(x, nx, "and") ||
		     (nx->kind == TK_PUNCT && nx->cp == 0xBD))))
		r &= ~R_OFFSET;
	if (!(nx && ((nx->flags & TF_POSS) || token_word(x, nx, "s"))))
		r &= ~R_DECADE;
	return r;
}

/* The words rest_of() and period_part() begin with (after "the"): "the
 * rest of", "the remainder of"; "early", "the beginning of", "mid",
 * "the end of". */
static int rest_word(const char *x, const token *a)
{
	return token_word(x, a, "rest") || token_word(x, a, "remainder");
}

static int part_word(const char *x, const token *a)
{
	return token_word(x, a, "early") || token_word(x, a, "beginning") || token_word(x, a, "start") ||
	       token_word(x, a, "middle") || token_word(x, a, "mid") || token_word(x, a, "end") ||
	       token_word(x, a, "late");
}

/* The rules "the" at token I (not last) can open, by the token after it
 * (the rules skip "the" and test the same there, after more work): a week
 * count after "week", an ordinal or "last"/"final" ("the third week of",
 * "the last Sunday of"); a span after a unit ("the week of April 10");
 * "the rest of"; a part ("the end of"); a quarter or half two tokens on
 * ("the first quarter"); a date after a number ("the 18th"); an offset
 * after a number, a unit or a time word ("the next 3 days", "the day
 * before"); a decade after an anchor or an apostrophe ("the eighties",
 * "the '80s"); never a year or a month alone. */
static unsigned the_rules(const char *x, const token *t, size_t n, const uint8_t *cls, size_t i)
{
	const token *a = &t[i], *b = &t[i + 1];
	uint8_t cb = cls[i + 1];
	unsigned r = R_ALL & ~(R_ISO | R_YEAR | R_MONTH);
	int num = b->kind == TK_NUM || (cb & TC_NUMBER);
	if (!(num || token_word(x, b, "week") || token_word(x, b, "last") || token_word(x, b, "final")))
		r &= ~R_WEEK;
	if (!(cb & TC_ANCHOR))
		r &= ~R_SPAN;
	if (!rest_word(x, b))
		r &= ~R_REST;
	if (!part_word(x, b))
		r &= ~R_PART;
	if (!(i + 2 < n && (token_word(x, &t[i + 2], "quarter") || token_word(x, &t[i + 2], "qtr") ||
			    token_word(x, &t[i + 2], "half"))))
		r &= ~R_QUARTER;
	/* absolute() reads "the" itself only as a compact form, glued to a
	 * mark and a letter or digit. */
	if (!(num || glued_mark(x, a->end, t[n - 1].end)))
		r &= ~R_ABS;
	if (!(num || (cb & (TC_TIME | TC_ANCHOR))))
		r &= ~R_OFFSET;
	if (!(num || (cb & TC_ANCHOR) || (b->kind == TK_PUNCT && (b->cp == '\'' || b->cp == 0x2019))))
		r &= ~R_DECADE;
	return r;
}

/* The rules any other word at token I can open, by each rule's own first
 * test of a word start (most words of a number table or a date's frame,
 * "last", "this", "end", open none of these): an ISO date only inside a
 * word of 11 bytes or more ("report-2002-10-09"); "rest of" only at
 * "rest" or "remainder"; a part only at "early", "beginning", "start",
 * "middle", "mid", "end" or "late"; a span only from a count ("two weeks
 * commencing": a number word, "couple", "few"); a week frame only at
 * "week", an ordinal ("first"), "last" or "final"; a quarter only at a
 * code ("Q3", "Q1-2019"), "first" to "fourth" ("first quarter") or
 * "last", "next", "this" ("last year's second half"); a decade only at an
 * anchor ("eighties"); a date, a year or a month alone only at a number
 * word or a word with TC_STRONG: a month or weekday name, a word that
 * ends in a digit ("Dec31", "mid-2025", "CY18") or one whose first part
 * is a month ("Oct-2"), as the compact dates numeric() reads begin with a
 * month.  Every number word has TC_NUMBER. */
static unsigned word_rules(const char *x, const token *t, const uint8_t *cls, size_t i)
{
	const token *a = &t[i];
	uint32_t len = a->end - a->start;
	unsigned r = R_ALL;
	if (len < 11)
		r &= ~R_ISO;
	if (!rest_word(x, a))
		r &= ~R_REST;
	if (!part_word(x, a))
		r &= ~R_PART;
	int number = (cls[i] & TC_NUMBER) != 0, last = word_is(x, a, "last");
	if (!(number || word_is(x, a, "couple") || word_is(x, a, "few")))
		r &= ~R_SPAN;
	if (!(number || last || word_is(x, a, "week") || word_is(x, a, "final")))
		r &= ~R_WEEK;
	if (!(len == 2 || (len == 7 && x[a->start + 2] == '-') || word_is(x, a, "first") ||
	      word_is(x, a, "second") || word_is(x, a, "third") || word_is(x, a, "fourth") || last ||
	      word_is(x, a, "next") || word_is(x, a, "this")))
		r &= ~R_QUARTER;
	if (!(cls[i] & TC_ANCHOR))
		r &= ~R_DECADE;
	if (!(cls[i] & (TC_NUMBER | TC_STRONG)))
		r &= ~(R_ABS | R_YEAR | R_MONTH);
	return r;
}

/* The rules that can open at token I (0: none), by what it and the token
 * after it are (the others fail on it at once, but only after some work):
 * a number opens no relative frame, no "rest of", "end of" or month
 * alone, none at all with a scale or unit suffix ("200m"), and one with no
 * letter ("12", "1,200") no "3rd week", an offset or week span only before
 * a unit, a quarter only as a year before a code, a decade only before
 * 's; "year" and "quarter" open nothing, "a"/"an" only a count of units,
 * "in" only an offset ("in 3 days") or "in the coming weeks"; "the" no
 * year or month alone, and before a plain number only a date, an offset
 * or a decade.  Each gate was checked against the full output on the news
 * corpus and the peer suite. */
static unsigned start_rules(const char *x, const token *t, size_t n, const uint8_t *cls, size_t i)
{
	const token *a = &t[i];
	if (dead_start(x, t, n, cls, i))
		return 0;
	if (a->kind == TK_NUM) {
		unsigned r = R_ALL & ~(R_ISO | R_REST | R_PART | R_REL | R_MONTH);
		uint32_t s = a->start;
		while (s < a->end && !is_alpha(x[s]))
			s++;
		const token *nx = i + 1 < n ? &t[i + 1] : NULL;
		if (s == a->end) {
			r &= ~R_WEEK & plain_number(x, t, n, cls, i);
			/* A year's quarter: "2024 Q3", "2017-q1", "2024's fourth
			 * quarter". */
			if (a->end - a->start != 4 ||
			    !(nx && ((nx->kind == TK_WORD && nx->end - nx->start == 2) || (nx->flags & TF_POSS) ||
				     (nx->kind == TK_PUNCT && nx->cp == '-'))))
				r &= ~R_QUARTER;
		} else if (!date_suffix(x + s, a->end - s, s - a->start)) {
			return 0; /* "200m", "5.2bn", "20Mbps", "3G" */
		}
		/* A count of units has its unit next ("3 days ago", "2 weeks
		 * commencing"), or for an offset a half first ("2 and a half
		 * years", "2 1/2 weeks", "2½ years"). */
		int unit_next = nx && (cls[i + 1] & TC_ANCHOR);
		if (!unit_next)
			r &= ~R_SPAN;
		if (!(unit_next || (nx && (nx->kind == TK_NUM || token_word(x, nx, "and") ||
					   (nx->kind == TK_PUNCT && nx->cp == 0xBD)))))
			r &= ~R_OFFSET;
		return r;
	}
	if (a->kind != TK_WORD)
		return R_ALL & ~R_ISO;
	/* "year" and "quarter" only end a date: "last year", "the first
	 * quarter" ("week of 4 July", "month of May" open one). */
	int u = (cls[i] & TC_ANCHOR) ? unit_word(x, a) : 0;
	if (u == U_YEAR || u == U_QUARTER)
		return 0;
	/* "a year ago", "a few weeks later", "a couple of days": "a" and "an"
	 * open only a count of units. */
	if (token_word(x, a, "a") || token_word(x, a, "an"))
		return i + 1 < n && (((cls[i + 1] & TC_ANCHOR) && unit_word(x, &t[i + 1])) || token_word(x, &t[i + 1], "few") ||
				     token_word(x, &t[i + 1], "couple"))
			       ? R_ALL
			       : 0;
	/* "in 3 days", "in a week": a count after it ("in 2004", "in
	 * December" start at the date). */
	if (token_word(x, a, "in")) {
		/* The count's unit comes within the next few tokens ("in a
		 * couple of days", "in 2 and a half years"). */
		if (i + 1 < n && (t[i + 1].kind == TK_NUM || (cls[i + 1] & TC_NUMBER))) {
			for (size_t k = i + 2; k < n && k <= i + 8; k++)
				if (t[k].kind == TK_WORD && (cls[k] & TC_ANCHOR))
					return R_OFFSET;
			return 0;
		}
		/* "in the coming weeks", "in the days ahead" ("in the last
		 * year" starts at "the") */
		return i + 3 < n && token_word(x, &t[i + 1], "the") &&
				       (token_word(x, &t[i + 2], "coming") || token_word(x, &t[i + 3], "ahead"))
			       ? R_REL
			       : 0;
	}
	if (token_word(x, a, "the")) {
		/* "the 18 June", "the 12 months to March", "the 80's": before a
		 * number with no letter, only a date, an offset or a decade. */
		if (i + 1 < n && t[i + 1].kind == TK_NUM && !has_letter(x, &t[i + 1]))
			return (R_ABS | R_OFFSET | R_DECADE) & plain_number(x, t, n, cls, i + 1);
		return i + 1 < n ? the_rules(x, t, n, cls, i) : R_ALL & ~(R_YEAR | R_MONTH);
	}
	/* A month name opens only a date ("March 3", "Oct-2"), a frame
	 * ("March last year") or itself: no count, ordinal, part, decade,
	 * quarter or year begins with one. */
	if ((cls[i] & TC_STRONG) && month_of(x, a) > 0)
		return R_ABS | R_REL | R_MONTH;
	return word_rules(x, t, cls, i);
}

void time_extract(const char *text, const token *t, size_t n, const uint8_t *cls, uint8_t *taken, refdate ref,
		  uint32_t article, vec *out)
{
	tctx c = {text, t, n, cls, taken, ref, article, out};
	size_t first = out->len;
	/* The rules start only at a trigger with an anchor at most
	 * ANCHOR_REACH tokens ahead; NA is the next anchor at or after I. */
	size_t na = cls_next(cls, 0, n, TC_STRONG);
	if (na == n)
		return;
	for (size_t i = 0; i < n;) {
		/* Only a token with a time or number class opens a rule. */
		i = cls_next(cls, i, n, TC_TIME | TC_NUMBER);
		if (i == n)
			break;
		size_t used = 0;
		if (na < i)
			na = cls_next(cls, i, n, TC_STRONG);
		/* Too far before the next anchor: on to the first token that is
		 * not (anchored() would refuse every one between). */
		if (na - i > ANCHOR_REACH) {
			i = na - ANCHOR_REACH;
			continue;
		}
		unsigned rules = anchored(cls, i, na) ? start_rules(text, t, n, cls, i) : 0;
		if (!rules) {
			i++;
			continue;
		}
		/* "since X": from the start of X to the reference date. */
		if (word_is(text, &t[i], "since") && i + 1 < n) {
			size_t before = out->len;
			size_t u = absolute(&c, i + 1);
			if (!u)
				u = relative(&c, i + 1);
			if (!u)
				u = year_alone(&c, i + 1);
			if (!u)
				u = month_alone(&c, i + 1);
			if (u && out->len > before) {
				trec *r = &VEC_AT(out, trec, out->len - 1);
				r->sp.start = t[i].start;
				taken[i] = 1;
				if (r->valid && has_ref_day(&c)) {
					int32_t s = date_to_days(r->start.y, r->start.m, r->start.d), e = ref_days(&c);
					/* A month after the reference is last year's. */
					if (s > e && month_of(text, &t[i + 1]) > 0) {
						pdate p = r->start;
						s = date_to_days(p.y - 1, p.m, p.d);
					}
					/* "since tomorrow": from a later day on. */
					if (s > e)
						r->open_end = 1, e = s;
					r->start = date_from_days(s);
					r->end = date_from_days(e);
				} else {
					r->valid = 0;
				}
				i += 1 + u;
				continue;
			}
		}
		if (!taken[i] && (rules & R_ISO))
			used = embedded_iso(&c, i);
		if (!used && !taken[i] && (rules & R_WEEK))
			used = week_frame(&c, i);
		if (!used && !taken[i] && (rules & R_SPAN))
			used = span_from(&c, i);
		if (!used && !taken[i] && (rules & R_REST))
			used = rest_of(&c, i);
		if (!used && !taken[i] && (rules & R_PART))
			used = period_part(&c, i);
		if (!used && !taken[i] && (rules & R_QUARTER))
			used = quarter(&c, i);
		if (!used && !taken[i] && (rules & R_ABS))
			used = absolute(&c, i);
		if (!used && !taken[i] && (rules & R_OFFSET))
			used = offset(&c, i);
		if (!used && !taken[i] && (rules & R_REL))
			used = relative(&c, i);
		if (!used && !taken[i] && (rules & R_DECADE))
			used = decade(&c, i);
		if (!used && !taken[i] && (rules & R_YEAR))
			used = year_alone(&c, i);
		if (!used && !taken[i] && (rules & R_MONTH))
			used = month_alone(&c, i);
		i += used ? used : 1;
	}
	weekday_of_count(&c, first);
	combine(&c, first);
}
