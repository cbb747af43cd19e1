/*
 * quantity.c: number expressions -> intervals.
 *
 * Reads the tokens of one sentence left to right.  At each token that may
 * open a numeral it tries, in order: vague amounts ("thousands", "tens of
 * thousands", "a few dozen"), fractions ("half a million", "two thirds",
 * "3/4", "½"), ordinals ("twenty-first"), then a numeral grammar over the
 * number words of data/numbers.txt and small integers: groups below a
 * thousand ("three hundred and twenty-one") joined by falling scales ("one
 * hundred twenty-three thousand four hundred"), with "point" decimals or an
 * "and" fraction at the end ("two and a half million", "one million and a
 * half"); digits take suffixes and scale words ("12k", "1.5 million",
 * "7-3/8").  It then looks left for a bound or hedge (data/qmod.txt: "at
 * least", "roughly") or a range opener ("between", "from"), and right for
 * the other end of a range ("to", "-", "and", "or") with a shared scale
 * ("3 to 4 million"), a unit that types it (data/qunits.txt), a closing
 * hedge (data/qpost.txt: "or more", "or so") or a second bound ("and less
 * than 35").  Labels (data/qlabel.txt: "page 12", "14 Sadova Street", and
 * "Boeing 737"), scores and phone numbers are skipped.  Vague plurals
 * become open intervals from twice the unit, approx.  Years, days of the
 * month and times of day are left to time.c, which marks their tokens.
 * Elements read at a token are cached per sentence, as the readings above
 * look at the same tokens again.
 */
#include <string.h>

#include "base/utf8.h"
#include "extract/extract.h"
#include "lex/lexicon.h"

const char *const qkind_names[QK_COUNT_KINDS] = {"count", "percent", "money", "ordinal", "age", "duration"};

#define MAX_WORD 48

typedef struct num {
	double v;        /* value, or the unit of a vague plural */
	size_t end;      /* token index after the numeral */
	uint8_t vague;   /* "thousands": low 2*v, open high, approx */
	uint8_t ordinal; /* "third", "21st" */
	uint8_t scaled;  /* a scale word or suffix multiplied it */
	uint8_t weak;    /* a lone fraction that may be something else: 1 "a third", 2 "half" */
	double scale;    /* that scale (1 when none) */
	double vague_hi; /* for "a few dozen": high end, 0 when open */
} num;


/* Beyond the NUMW_* classes, what one element of a numeral can be. */
enum { W_NUMBER = 16, W_DIGITS, W_FRACTION, W_ORDINAL, W_MULTIPLE };

/* One element of a numeral: a number word, a compound ("twenty-one",
 * "fifty - two", "one-eighth", "twenty-first") or a plain integer below
 * 1000 in digits. */
typedef struct elem {
	int cls;    /* NUMW_* or W_*; 0: not a numeral element */
	double v;
	int plural; /* "thirds", "quarters" */
	size_t end; /* token after it */
} elem;

/* The tokens of one sentence, and the elements last read from them (the
 * rules try several readings at each token). */
#define ELEM_CACHE 8
typedef struct qctx {
	const char *text;
	const token *t;
	size_t n;
	const uint8_t *cls; /* TC_* bits per token (extract_classes) */
	size_t cached[ELEM_CACHE]; /* token index + 1 of each slot; 0: empty */
	elem cache[ELEM_CACHE];
} qctx;

/* Lowercase copy of token T's text into W (size MAX_WORD); its length, or
 * 0 when too long. */
static size_t fold(const char *text, const token *t, char *w)
{
	size_t n = t->end - t->start;
	if (n >= MAX_WORD)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = text[t->start + i];
		w[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
	}
	w[n] = '\0';
	return n;
}

/* The token is the word W (lowercase), in any case. */
#define word_is(text, t, w) token_word((text), (t), (w))

static int punct_is(const token *t, uint32_t cp) { return t->kind == TK_PUNCT && t->cp == cp; }

/* Is token J the word W?  A macro, so that a literal W's length folds
 * (token_word); J has no side effects at every use. */
#define at_word(c, j, w) ((j) < (c)->n && word_is((c)->text, &(c)->t[j], (w)))

/* The number word S[0..N) (any case), H its lexicon_word_hash: its class,
 * value and plurality, or 0. */
static int numword_text(const char *s, size_t n, uint32_t h, double *v, int *plural)
{
	const lexicons *L = lexicon_get();
	if (!n || n >= MAX_WORD)
		return 0;
	int k = lexmap_get_hashed(&L->numwords, s, n, h);
	if (k < 0)
		return 0;
	*v = L->num_value[k];
	*plural = (s[n - 1] | 0x20) == 's';
	return L->num_class[k];
}

/* Number word of token T: its index in the numbers lexicon, or -1. */
static int numword(const char *text, const token *t)
{
	size_t n = t->end - t->start;
	if (t->kind != TK_WORD || n >= MAX_WORD)
		return -1;
	return lexmap_get_hashed(&lexicon_get()->numwords, text + t->start, n, token_hash(text, t));
}

/* A denominator word: "half", "quarters", or an ordinal from "third" on. */
static int is_denominator(int cls, double v) { return cls == NUMW_FRAC || (cls == NUMW_ORD && v >= 3); }

static int elem_at(qctx *c, size_t j, elem *e);

/* Is the element at token J (read into D) a denominator? */
static int denominator_at(qctx *c, size_t j, elem *d)
{
	int k = elem_at(c, j, d);
	return is_denominator(k, d->v);
}

/* Joins two number words A - B into one element, or returns 0. */
static int join(elem *e, int ca, double va, int pa, int cb, double vb, int pb)
{
	if (ca == NUMW_TEN && cb == NUMW_UNIT && vb > 0 && vb < 10) {
		e->cls = W_NUMBER, e->v = va + vb;
	} else if (ca == NUMW_TEN && cb == NUMW_ORD && vb < 10 && !pb) {
		e->cls = W_ORDINAL, e->v = va + vb;
	} else if ((ca == NUMW_UNIT || ca == NUMW_TEN) && va > 0 && is_denominator(cb, vb) && (pb || va == 1)) {
		e->cls = W_FRACTION, e->v = va / vb;
	} else if (ca == NUMW_FRAC && !pa && (cb == NUMW_DOZEN || (cb == NUMW_SCALE && vb >= 1000)) && !pb) {
		e->cls = W_MULTIPLE, e->v = vb / va; /* "half-dozen", "quarter-million" */
	} else {
		return 0;
	}
	return 1;
}

static int read_elem(const qctx *c, size_t j, elem *e);

/* Reads the element at token J into E; returns its class (0: none). */
static int elem_at(qctx *c, size_t j, elem *e)
{
	size_t slot = j % ELEM_CACHE;
	if (c->cached[slot] != j + 1) {
		read_elem(c, j, &c->cache[slot]);
		c->cached[slot] = j + 1;
	}
	*e = c->cache[slot];
	return e->cls;
}

static int read_elem(const qctx *c, size_t j, elem *e)
{
	memset(e, 0, sizeof *e);
	if (j >= c->n)
		return 0;
	const token *t = &c->t[j];
	const char *s = c->text + t->start;
	size_t len = t->end - t->start;
	if (t->kind == TK_NUM) {
		double v = 0;
		for (size_t i = 0; i < len; i++) {
			if (s[i] < '0' || s[i] > '9' || i >= 3)
				return 0;
			v = v * 10 + (s[i] - '0');
		}
		e->cls = W_DIGITS, e->v = v, e->end = j + 1;
		return e->cls;
	}
	if (t->kind != TK_WORD)
		return 0;
	const char *hy = memchr(s, '-', len);
	e->end = j + 1;
	if (hy) {
		double va = 0, vb = 0;
		int pa = 0, pb = 0;
		size_t la = (size_t)(hy - s), lb = len - la - 1;
		int ca = numword_text(s, la, lexicon_word_hash(s, la), &va, &pa);
		int cb = numword_text(hy + 1, lb, lexicon_word_hash(hy + 1, lb), &vb, &pb);
		return ca && cb && join(e, ca, va, pa, cb, vb, pb) ? e->cls : 0;
	}
	e->cls = numword_text(s, len, token_hash(c->text, t), &e->v, &e->plural);
	/* "fifty - two", "five - eighths": a spaced hyphen joins them too. */
	if ((e->cls == NUMW_TEN || e->cls == NUMW_UNIT) && j + 2 < c->n && punct_is(&c->t[j + 1], '-') &&
	    c->t[j + 2].kind == TK_WORD) {
		const token *b = &c->t[j + 2];
		double vb = 0;
		int pb = 0;
		int cb = numword_text(c->text + b->start, b->end - b->start, token_hash(c->text, b), &vb, &pb);
		elem x = *e;
		if (cb && join(&x, e->cls, e->v, e->plural, cb, vb, pb) && x.cls != W_ORDINAL) {
			*e = x;
			e->end = j + 3;
		}
	}
	return e->cls;
}

/* A scale word from "thousand" up, written out ("k" and "m" only count as
 * digit suffixes). */
static int big_scale(qctx *c, const elem *e, size_t j)
{
	return e->cls == NUMW_SCALE && e->v >= 1000 && c->t[j].end - c->t[j].start > 1;
}

/* Unicode vulgar fractions: "½", "⅔". */
static double vulgar(uint32_t cp)
{
	if (cp < 0xBC || (cp > 0xBE && (cp < 0x2150 || cp > 0x215E)))
		return 0;
	static const struct { uint32_t cp; double v; } fr[] = {
		{0xBC, 0.25}, {0xBD, 0.5}, {0xBE, 0.75}, {0x2150, 1.0 / 7}, {0x2151, 1.0 / 9}, {0x2152, 0.1},
		{0x2153, 1.0 / 3}, {0x2154, 2.0 / 3}, {0x2155, 0.2}, {0x2156, 0.4}, {0x2157, 0.6}, {0x2158, 0.8},
		{0x2159, 1.0 / 6}, {0x215A, 5.0 / 6}, {0x215B, 0.125}, {0x215C, 0.375}, {0x215D, 0.625},
		{0x215E, 0.875}};
	for (size_t i = 0; i < sizeof fr / sizeof fr[0]; i++)
		if (fr[i].cp == cp)
			return fr[i].v;
	return 0;
}

/* A fraction at token J: "½", "3/4", "a half", "a third", "two thirds",
 * "one-eighth", "three quarters", a bare "half".  Sets *F, *END and *WEAK
 * (1: "a third" may be an ordinal; 2: a bare "half"); 0 when none. */
static int fraction_at(qctx *c, size_t j, double *f, size_t *end, uint8_t *weak)
{
	elem e, d;
	*weak = 0;
	if (j >= c->n)
		return 0;
	const token *t = &c->t[j];
	if (t->kind == TK_PUNCT && (*f = vulgar(t->cp)) > 0) {
		*end = j + 1;
		return 1;
	}
	if (t->kind == TK_NUM && j + 2 < c->n && punct_is(&t[1], '/') && t[2].kind == TK_NUM &&
	    !(t[1].flags & TF_SPACE) && !(t[2].flags & TF_SPACE)) {
		elem a, b;
		if (elem_at(c, j, &a) != W_DIGITS || elem_at(c, j + 2, &b) != W_DIGITS || a.v <= 0 || a.v >= b.v)
			return 0;
		static const int dens[] = {2, 3, 4, 5, 6, 8, 10, 16, 100};
		for (size_t k = 0; k < sizeof dens / sizeof dens[0]; k++)
			if (b.v == dens[k]) {
				*f = a.v / b.v, *end = j + 3;
				return 1;
			}
		return 0;
	}
	if (at_word(c, j, "a") || at_word(c, j, "an")) {
		if (denominator_at(c, j + 1, &d) && !d.plural) {
			*f = 1 / d.v, *end = d.end, *weak = 1;
			return 1;
		}
		return 0;
	}
	int k = elem_at(c, j, &e);
	if (k == W_FRACTION) {
		*f = e.v, *end = e.end;
		return 1;
	}
	if ((k == NUMW_UNIT || k == NUMW_TEN || k == W_NUMBER) && e.v > 0 &&
	    denominator_at(c, e.end, &d) && (d.plural || e.v == 1)) {
		*f = e.v / d.v, *end = d.end;
		return 1;
	}
	if (k == NUMW_FRAC && !e.plural) {
		*f = 1 / e.v, *end = e.end, *weak = 2;
		return 1;
	}
	return 0;
}

/* A group below a thousand at token J: "seven", "twenty one", "3 hundred
 * and 21", "a hundred and fifty", a bare "hundred" before "thousand".  With
 * ARTICLE, "a"/"an" may stand for one.  Sets *V and *END. */
static int group_at(qctx *c, size_t j, int article, double *v, size_t *end)
{
	elem e, x;
	double g = 0;
	if (article && (at_word(c, j, "a") || at_word(c, j, "an"))) {
		int k = elem_at(c, j + 1, &e);
		if (k == W_MULTIPLE) { /* "a half-dozen" */
			*v = e.v, *end = e.end;
			return 1;
		}
		if (k != NUMW_HUNDRED && k != NUMW_DOZEN && !big_scale(c, &e, j + 1))
			return 0;
		g = 1, j++;
		if (k != NUMW_HUNDRED) {
			*v = g, *end = j;
			return 1;
		}
	}
	int k = elem_at(c, j, &e);
	if (!g) {
		switch (k) {
		case W_MULTIPLE:
			*v = e.v, *end = e.end;
			return 1;
		case W_DIGITS:
		case W_NUMBER:
		case NUMW_UNIT:
			g = e.v, j = e.end;
			break;
		case NUMW_TEN:
			g = e.v, j = e.end;
			if (elem_at(c, j, &x) == NUMW_UNIT && x.v > 0 && x.v < 10)
				g += x.v, j = x.end;
			break;
		case NUMW_HUNDRED: /* "hundred thousand" */
			elem_at(c, e.end, &x);
			if (!big_scale(c, &x, e.end))
				return 0;
			*v = 100, *end = e.end;
			return 1;
		default:
			return 0;
		}
	}
	if (g > 0 && g < 100 && elem_at(c, j, &e) == NUMW_HUNDRED) {
		g *= 100, j = e.end;
		/* The tens and units: "and fifty", "twenty-one", "and 21"; not
		 * "and three quarters", nor "and two hundred" (another number). */
		size_t a = at_word(c, j, "and") ? j + 1 : j;
		double f;
		size_t fe;
		uint8_t weak;
		int k2 = elem_at(c, a, &e);
		if ((k2 == NUMW_UNIT || k2 == NUMW_TEN || k2 == W_NUMBER || (k2 == W_DIGITS && e.v < 100)) &&
		    !(fraction_at(c, a, &f, &fe, &weak) && !weak)) {
			double t = e.v;
			size_t te = e.end;
			if (k2 == NUMW_TEN && elem_at(c, te, &x) == NUMW_UNIT && x.v > 0 && x.v < 10)
				t += x.v, te = x.end;
			int k3 = elem_at(c, te, &x);
			if (k3 == NUMW_DOZEN || (k3 == NUMW_VAGUE && x.v == 12)) /* "a hundred and two dozen" */
				t *= 12, te = x.end, k3 = 0;
			if (k3 != NUMW_HUNDRED) /* not "one hundred and two hundred" */
				g += t, j = te;
		}
	}
	*v = g, *end = j;
	return 1;
}

/* Decimals after "point": "point five", "point nought four", "point
 * seventy-one".  Adds them to *V; the token after, or J when none. */
static size_t decimals_at(qctx *c, size_t j, double *v)
{
	elem e;
	double scale = 0.1, add = 0;
	size_t k = j;
	while (elem_at(c, k, &e) == NUMW_UNIT && e.v < 10)
		add += e.v * scale, scale /= 10, k = e.end;
	if (k == j) {
		double g;
		size_t ge;
		int cls = elem_at(c, j, &e);
		if ((cls != NUMW_UNIT && cls != NUMW_TEN && cls != W_NUMBER) || !group_at(c, j, 0, &g, &ge) || g >= 100)
			return j;
		add = g < 10 ? g / 10 : g / 100, k = ge;
	}
	*v += add;
	return k;
}

/* A whole numeral of words (and small integers) at token I: groups joined
 * by falling scales ("one hundred twenty-three thousand four hundred"),
 * dozens, then "point" decimals or "and" a fraction ("two and a half
 * million", "one million and a half").  Fills OUT. */
static int words_at(qctx *c, size_t i, num *out)
{
	double total = 0, g, last = 0;
	size_t j, e;
	elem x;
	if (!group_at(c, i, 1, &g, &e))
		return 0;
	for (;;) {
		j = e;
		int k = elem_at(c, j, &x);
		if (k == NUMW_DOZEN || (k == NUMW_VAGUE && x.v == 12)) /* "three dozen(s)" */
			g *= 12, j = x.end, k = elem_at(c, j, &x);
		if (!big_scale(c, &x, j) || (last && x.v >= last))
			break;
		total += g * x.v, last = x.v, g = 0, j = x.end;
		size_t a = at_word(c, j, "and") ? j + 1 : j;
		double g2, f;
		size_t fe;
		uint8_t weak;
		if ((fraction_at(c, a, &f, &fe, &weak) && !weak) || !group_at(c, a, 0, &g2, &e))
			break; /* "five billion and three quarters" */
		elem y;
		elem_at(c, e, &y);
		if (big_scale(c, &y, e) && y.v >= last)
			break; /* "two thousand and three thousand": another number */
		g = g2;
	}
	double v = total + g, f;
	size_t fe;
	uint8_t weak;
	if (at_word(c, j, "point") && !last) {
		size_t d = decimals_at(c, j + 1, &v);
		if (d > j + 1) {
			j = d;
			if (elem_at(c, j, &x) && big_scale(c, &x, j))
				v *= x.v, last = x.v, j = x.end;
		}
	} else if (at_word(c, j, "and") && fraction_at(c, j + 1, &f, &fe, &weak) && weak != 2) {
		j = fe;
		if (elem_at(c, j, &x) && big_scale(c, &x, j) && (!last || x.v < last)) {
			v = last ? v + f * x.v : (v + f) * x.v; /* "one billion and a half million", "five and a half million" */
			last = x.v, j = x.end;
		} else {
			v += last && !g ? f * last : f; /* "three million and a quarter" */
		}
	} else if (j < c->n && c->t[j].kind == TK_PUNCT && !(c->t[j].flags & TF_SPACE) && vulgar(c->t[j].cp) > 0) {
		v += vulgar(c->t[j].cp), j++;
	}
	out->v = v, out->end = j;
	if (last)
		out->scaled = 1, out->scale = last;
	return 1;
}

/* Digits with "," and "." separators, maybe with a letter suffix.  A lone
 * comma before one or two final digits is a decimal comma ("5,00"). */
static int parse_digits(const char *text, const token *t, double *v, char *suffix, size_t cap)
{
	const char *s = text + t->start, *e = text + t->end;
	double x = 0, frac = 0, scale = 1;
	int dot = 0, digits = 0;
	const char *p = s;
	for (; p < e; p++) {
		if (*p >= '0' && *p <= '9') {
			digits++;
			if (dot) {
				scale /= 10;
				frac += (*p - '0') * scale;
			} else {
				x = x * 10 + (*p - '0');
			}
		} else if (*p == ',' && !dot) {
			int group = 0;
			while (p + 1 + group < e && p[1 + group] >= '0' && p[1 + group] <= '9')
				group++;
			if (group < 3 && p - s <= 3 && !memchr(s, ',', (size_t)(p - s)) && p + 1 + group == e)
				dot = 1; /* "5,00", "3,5": one comma, then one or two digits */
		} else if (*p == '.' && !dot) {
			dot = 1;
		} else {
			break;
		}
	}
	size_t k = 0;
	for (; p < e && k + 1 < cap; p++)
		suffix[k++] = (*p >= 'A' && *p <= 'Z') ? (char)(*p + 32) : *p;
	suffix[k] = '\0';
	*v = x + frac;
	return digits > 0;
}

/* A numeral in digits at token I: "12,000", "1.5 million", "12k", "21st",
 * "3½", ".08". */
static int digits_at(qctx *c, size_t i, num *out)
{
	const lexicons *L = lexicon_get();
	const token *t = c->t;
	char suf[16];
	double v;
	if (punct_is(&t[i], '.')) { /* ".08" */
		if (i + 1 >= c->n || t[i + 1].kind != TK_NUM || (t[i + 1].flags & TF_SPACE) ||
		    !parse_digits(c->text, &t[i + 1], &v, suf, sizeof suf) || suf[0] ||
		    memchr(c->text + t[i + 1].start, '.', t[i + 1].end - t[i + 1].start) ||
		    memchr(c->text + t[i + 1].start, ',', t[i + 1].end - t[i + 1].start))
			return 0;
		for (uint32_t k = t[i + 1].start; k < t[i + 1].end; k++)
			v /= 10;
		out->v = v, out->end = i + 2;
		return 1;
	}
	if (!parse_digits(c->text, &t[i], &v, suf, sizeof suf))
		return 0;
	size_t j = i + 1;
	if (suf[0]) {
		if (!strcmp(suf, "st") || !strcmp(suf, "nd") || !strcmp(suf, "rd") || !strcmp(suf, "th")) {
			out->ordinal = 1;
		} else {
			int k = lexmap_get(&L->numwords, suf, strlen(suf));
			if (k < 0 || L->num_class[k] != NUMW_SCALE)
				return 0; /* 1990s, 3km, model numbers */
			v *= L->num_value[k];
			out->scaled = 1;
			out->scale = L->num_value[k];
		}
	} else if (j < c->n && t[j].kind == TK_PUNCT && !(t[j].flags & TF_SPACE) && vulgar(t[j].cp) > 0) {
		v += vulgar(t[j].cp), j++; /* "3½" */
	} else if (!memchr(c->text + t[i].start, '.', t[i].end - t[i].start)) {
		/* Mixed numbers: "7-7/8", "2 1/2". */
		size_t a = j < c->n && punct_is(&t[j], '-') && !(t[j].flags & TF_SPACE) ? j + 1 : j;
		double f;
		size_t fe;
		uint8_t weak;
		if (a < c->n && t[a].kind == TK_NUM && !(a > j && (t[a].flags & TF_SPACE)) &&
		    fraction_at(c, a, &f, &fe, &weak))
			v += f, j = fe;
	}
	/* A scale word after: "1.5 million", "3 dozen", "10 k", "1.5-million". */
	while (j < c->n && !out->ordinal) {
		int k = numword(c->text, &t[j]);
		if (k < 0 && punct_is(&t[j], '-') && !(t[j].flags & TF_SPACE) && j + 1 < c->n &&
		    !(t[j + 1].flags & TF_SPACE) && (k = numword(c->text, &t[j + 1])) >= 0 &&
		    L->num_class[k] == NUMW_SCALE && L->num_value[k] >= 1000)
			j++;
		if (k < 0)
			break;
		int cl = L->num_class[k];
		if (cl == NUMW_SCALE || cl == NUMW_DOZEN || cl == NUMW_HUNDRED || (cl == NUMW_VAGUE && L->num_value[k] == 12)) {
			v *= L->num_value[k];
			out->scaled = 1;
			out->scale = L->num_value[k];
			j++;
		} else {
			break;
		}
	}
	out->v = v;
	out->end = j;
	return 1;
}

/* Vague amounts at token I: "dozens", "thousands", "tens of thousands",
 * "scores of", "a few dozen", "several hundred".  Returns 1 and fills OUT. */
static int vague_at(qctx *c, size_t i, num *out)
{
	elem e, x;
	int k = elem_at(c, i, &e);
	if (k == NUMW_VAGUE || at_word(c, i, "tens")) {
		double unit = k == NUMW_VAGUE ? e.v : 10;
		size_t j = i + 1;
		if (at_word(c, j, "of") && elem_at(c, j + 1, &x) == NUMW_VAGUE && x.v >= 1000)
			unit *= x.v, j = x.end;
		else if (k != NUMW_VAGUE || (unit == 20 && !at_word(c, j, "of")))
			return 0; /* "tens" alone; "scores" not before "of" */
		out->vague = 1, out->v = unit, out->end = j;
		return 1;
	}
	/* "a few dozen", "several hundred": 2-5 (few) or 3-9 (several) units. */
	size_t j = i;
	int few = 0;
	if (at_word(c, j, "a") && at_word(c, j + 1, "few"))
		few = 2, j += 2;
	else if (at_word(c, j, "several"))
		few = 3, j += 1;
	if (!few)
		return 0;
	k = elem_at(c, j, &x);
	if (k != NUMW_DOZEN && k != NUMW_HUNDRED && !big_scale(c, &x, j))
		return 0;
	out->vague = 1;
	out->v = x.v * few;
	out->vague_hi = x.v * (few == 2 ? 5 : 9);
	out->end = x.end;
	return 1;
}

/* A fraction that leads: "half a million", "a quarter of a million", "two
 * thirds", "½".  Fills OUT (weak when it may not be an amount). */
static int lead_fraction_at(qctx *c, size_t i, num *out)
{
	double f;
	size_t j;
	uint8_t weak;
	elem x;
	if (!fraction_at(c, i, &f, &j, &weak))
		return 0;
	size_t s = j;
	if (at_word(c, s, "of") && (at_word(c, s + 1, "a") || at_word(c, s + 1, "an")))
		s += 2;
	else if (at_word(c, s, "a") || at_word(c, s, "an"))
		s += 1;
	int k = elem_at(c, s, &x);
	if (big_scale(c, &x, s) || k == NUMW_DOZEN || (k == NUMW_HUNDRED && s > j)) {
		out->v = f * x.v, out->end = x.end, out->scaled = 1, out->scale = x.v;
		return 1;
	}
	out->v = f, out->end = j, out->weak = weak;
	return 1;
}

/* An ordinal word: "third", "twenty-first", "twenty first". */
static int ordinal_at(qctx *c, size_t i, num *out)
{
	elem e, x;
	int k = elem_at(c, i, &e);
	if (k == NUMW_TEN && elem_at(c, e.end, &x) == NUMW_ORD && x.v < 10 && !x.plural)
		e.v += x.v, e.end = x.end;
	else if (k != W_ORDINAL && (k != NUMW_ORD || e.plural))
		return 0;
	out->v = e.v, out->end = e.end, out->ordinal = 1;
	return 1;
}

/* Parses the numeral starting at token I. */
static int parse_num(qctx *c, size_t i, num *out)
{
	memset(out, 0, sizeof *out);
	out->scale = 1;
	const token *t = &c->t[i];
	if (t->kind == TK_NUM) {
		/* Words join digits only through a number word, "point", "and"
		 * or a glued fraction sign; a fraction leads only before "/". */
		const token *b = i + 1 < c->n ? &t[1] : NULL;
		elem e;
		/* "3 hundred and 21", "4 thousand 3 hundred": small integers with scale words. */
		if (b && ((c->cls[i + 1] & TC_NUMBER) || at_word(c, i + 1, "point") || at_word(c, i + 1, "and") ||
			  (b->kind == TK_PUNCT && vulgar(b->cp) > 0))) {
			if (elem_at(c, i, &e) == W_DIGITS && words_at(c, i, out) && out->end > i + 1 && out->v != e.v)
				return 1;
			memset(out, 0, sizeof *out);
			out->scale = 1;
		}
		return (b && punct_is(b, '/') && lead_fraction_at(c, i, out)) || digits_at(c, i, out);
	}
	if (t->kind == TK_PUNCT)
		return t->cp == '.' ? digits_at(c, i, out) : lead_fraction_at(c, i, out);
	return vague_at(c, i, out) || lead_fraction_at(c, i, out) || ordinal_at(c, i, out) || words_at(c, i, out);
}

/* The class in MAP of the phrase of tokens [A, B), folded with single
 * spaces; -1 when absent, 0 for a proper prefix of a phrase. */
static int phrase_class(qctx *c, size_t a, size_t b, const lexmap *map)
{
	/* One word: looked up by its token hash, with no copy. */
	if (b == a + 1) {
		const token *x = &c->t[a];
		size_t n = x->end - x->start;
		if (x->kind != TK_WORD || n >= MAX_WORD)
			return -1;
		return lexmap_get_hashed(map, c->text + x->start, n, token_hash(c->text, x));
	}
	char phrase[128];
	size_t o = 0;
	for (size_t m = a; m < b; m++) {
		char w[MAX_WORD];
		size_t wl = c->t[m].kind == TK_WORD ? fold(c->text, &c->t[m], w) : 0;
		if (!wl || o + wl + 2 >= sizeof phrase)
			return -1;
		if (o)
			phrase[o++] = ' ';
		memcpy(phrase + o, w, wl);
		o += wl;
	}
	return lexmap_get(map, phrase, o);
}

/* The bound or hedge phrase that ends right before token I (not before
 * LO): its class and first token, or 0. */
static int modifier_before(qctx *c, size_t i, size_t lo, size_t *first)
{
	const lexicons *L = lexicon_get();
	char phrase[6 * MAX_WORD];
	size_t at = sizeof phrase; /* the phrase is built right to left: phrase[at..] */
	int best = 0;
	for (size_t k = 1; k <= 6 && k <= i - lo; k++) {
		char w[MAX_WORD];
		const token *x = &c->t[i - k];
		/* Most words before a number end no phrase: one probe by the
		 * token's hash says so. */
		if (k == 1 && (x->kind != TK_WORD || lexmap_get_hashed(&L->qmod_tail, c->text + x->start,
									 x->end - x->start, token_hash(c->text, x)) < 0))
			return 0;
		size_t wl = x->kind == TK_WORD ? fold(c->text, x, w) : 0;
		if (!wl || wl + 1 > at)
			break;
		if (k > 1)
			phrase[--at] = ' ';
		at -= wl;
		memcpy(phrase + at, w, wl);
		/* No phrase ends with these words: none ends with more. */
		int v = lexmap_get(&L->qmod_tail, phrase + at, sizeof phrase - at);
		if (v < 0)
			break;
		if (v > 0)
			best = v, *first = i - k;
	}
	return best;
}

/* The closing hedge that starts at token J ("or more", "or so"): its class
 * and the token after it, or 0. */
static int modifier_after(qctx *c, size_t j, size_t *end)
{
	int best = 0;
	for (size_t k = 1; k <= 4 && j + k <= c->n; k++) {
		int v = phrase_class(c, j, j + k, &lexicon_get()->qpost);
		if (v < 0)
			break;
		if (v > 0)
			best = v, *end = j + k;
	}
	/* Not when a number follows: "5000 or more than 4500", "above 1000 and
	 * below 1500", "two plus three". */
	size_t x = best && at_word(c, *end, "than") ? *end + 1 : *end;
	if (best && x < c->n && (c->t[x].kind == TK_NUM || numword(c->text, &c->t[x]) >= 0))
		return 0;
	return best;
}

/* The kind a unit after the number gives it (data/qunits.txt): "%",
 * "percent" and money words join the span (*J moves past them); ages and
 * durations leave it as it is. */
static qkind unit_after(qctx *c, size_t *j)
{
	if (*j >= c->n)
		return QK_COUNT;
	const token *a = &c->t[*j];
	if (punct_is(a, '%') && !(a->flags & TF_SPACE)) {
		(*j)++;
		return QK_PERCENT;
	}
	if (punct_is(a, '-') && (at_word(c, *j + 1, "year-old") || at_word(c, *j + 1, "years-old")))
		return QK_AGE;
	int best = 0;
	size_t end = *j;
	for (size_t k = 1; k <= 2 && *j + k <= c->n; k++) {
		int v = phrase_class(c, *j, *j + k, &lexicon_get()->qunits);
		if (v < 0)
			break;
		if (v > 0)
			best = v, end = *j + k;
	}
	switch (best) {
	case QUNIT_PERCENT:
		*j = end;
		return QK_PERCENT;
	case QUNIT_MONEY:
		*j = end;
		return QK_MONEY;
	case QUNIT_AGE:
		return QK_AGE;
	case QUNIT_DURATION:
		return QK_DURATION;
	default:
		return QK_COUNT;
	}
}

static int currency_before(const char *text, const token *t, size_t i, size_t lo, size_t *first)
{
	if (i <= lo)
		return 0;
	const token *b = &t[i - 1];
	if (b->kind == TK_PUNCT && (b->cp == '$' || b->cp == 0xA3 || b->cp == 0x20AC || b->cp == 0xA5) &&
	    b->end == t[i].start) {
		*first = i - 1;
		if (i - 1 > lo && word_is(text, &t[i - 2], "us") && t[i - 2].end == b->start)
			*first = i - 2;
		return 1;
	}
	return 0;
}

/* Labels, not amounts: "page 12", "Decree No. 3" (digits after a label
 * word), "14 Sadova Street" (data/qlabel.txt). */
static int is_label(qctx *c, size_t i, size_t end)
{
	const lexmap *m = &lexicon_get()->qlabel;
	size_t b = i;
	if (b >= 2 && punct_is(&c->t[b - 1], '.') && !(c->t[b - 1].flags & TF_SPACE))
		b--;
	if (b >= 1 && c->t[i].kind == TK_NUM && phrase_class(c, b - 1, b, m) == QLABEL_BEFORE)
		return 1;
	/* A plain integer right after a name inside the sentence: "Boeing 737",
	 * "Windows 10". */
	elem e;
	if (i >= 2 && end == i + 1 && c->t[i - 1].kind == TK_WORD && (c->t[i - 1].flags & TF_CAP) &&
	    !(c->t[i - 1].flags & TF_DOTTED) && c->t[i - 2].kind == TK_WORD && elem_at(c, i, &e) == W_DIGITS &&
	    numword(c->text, &c->t[i - 1]) < 0 &&
	    !(lexicon_token_class(c->text + c->t[i - 1].start, c->t[i - 1].end - c->t[i - 1].start) &
	      (TC_NUMBER | TC_TIME)))
		return 1;
	for (size_t j = end; j < end + 4 && j < c->n && (c->t[j].flags & TF_CAP); j++)
		if (phrase_class(c, j, j + 1, m) == QLABEL_AFTER)
			return 1;
	return 0;
}

/* A time of day ("10:30", "4 p.m."), a model number glued with a hyphen to
 * letters ("F-16") or a label: not a quantity. */
static int not_a_quantity(qctx *c, size_t i, size_t end)
{
	const char *text = c->text;
	const token *t = c->t;
	size_t n = c->n;
	if (end < n && punct_is(&t[end], ':') && end + 1 < n && t[end + 1].kind == TK_NUM &&
	    !(t[end].flags & TF_SPACE) && !(t[end + 1].flags & TF_SPACE))
		return 1;
	if (i > 0 && punct_is(&t[i - 1], ':') && !(t[i].flags & TF_SPACE) && i > 1 && t[i - 2].kind == TK_NUM)
		return 1;
	if (end < n && (word_is(text, &t[end], "a.m.") || word_is(text, &t[end], "p.m.") ||
			word_is(text, &t[end], "am") || word_is(text, &t[end], "pm") ||
			word_is(text, &t[end], "gmt") || word_is(text, &t[end], "o'clock")))
		return 1;
	/* "F-16"-like glued to a preceding word with a hyphen. */
	if (i > 1 && punct_is(&t[i - 1], '-') && !(t[i].flags & TF_SPACE) && !(t[i - 1].flags & TF_SPACE) &&
	    t[i - 2].kind == TK_WORD)
		return 1;
	return is_label(c, i, end);
}

/* Runs of digits that are not amounts: a phone number ("+380 44 555 0192",
 * three or more digit groups in a row) or a score ("won 3-1": X-Y glued,
 * X above Y).  The token after the run, or 0. */
static size_t digit_run(qctx *c, size_t i)
{
	const token *t = c->t;
	if (t[i].kind != TK_NUM)
		return 0;
	size_t j = i + 1;
	while (j < c->n && t[j].kind == TK_NUM && (t[j].flags & TF_SPACE))
		j++;
	if (j - i >= 3 || (i > 0 && punct_is(&t[i - 1], '+') && !(t[i].flags & TF_SPACE) && j - i >= 2))
		return j;
	elem a, b;
	if (i + 2 < c->n && punct_is(&t[i + 1], '-') && !(t[i + 1].flags & TF_SPACE) &&
	    !(t[i + 2].flags & TF_SPACE) && elem_at(c, i, &a) == W_DIGITS && elem_at(c, i + 2, &b) == W_DIGITS &&
	    a.v > b.v && a.v < 100 && !(i + 3 < c->n && punct_is(&t[i + 3], '/') && !(t[i + 3].flags & TF_SPACE)))
		return i + 3; /* not "5-1/2" */
	return 0;
}

static void emit(vec *out, const token *t, size_t a, size_t b, const qrec *r)
{
	qrec *q = vec_push(out);
	if (!q)
		return;
	*q = *r;
	q->sp = span_make(t[a].start, t[b - 1].end);
}

static void set_exact(qrec *r, const num *x)
{
	if (x->vague) {
		r->low = x->v * (x->vague_hi ? 1 : 2);
		r->has_low = 1;
		r->low_incl = 1;
		r->approx = 1;
		if (x->vague_hi) {
			r->high = x->vague_hi;
			r->has_high = 1;
			r->high_incl = 1;
		}
		return;
	}
	r->low = r->high = x->v;
	r->has_low = r->has_high = 1;
	r->low_incl = r->high_incl = 1;
}

static void apply_mod(qrec *r, int mod, double v)
{
	switch (mod) {
	case QMOD_GT:
	case QMOD_GE:
		r->low = v, r->has_low = 1, r->low_incl = mod == QMOD_GE;
		r->has_high = 0, r->high_incl = 0;
		break;
	case QMOD_LT:
	case QMOD_LE:
		r->high = v, r->has_high = 1, r->high_incl = mod == QMOD_LE;
		r->has_low = 0, r->low_incl = 0;
		break;
	case QMOD_NEAR:
		r->high = v, r->has_high = 1, r->high_incl = 0;
		r->has_low = 0, r->low_incl = 0;
		r->approx = 1;
		break;
	case QMOD_APPROX:
		r->approx = 1;
		break;
	default:
		break;
	}
}

/* A word that makes a following "half" a part of something, not an amount:
 * "the second half of", "its first half". */
static int determiner(qctx *c, size_t i)
{
	static const char *const det[] = {"the", "this", "that", "its", "their", "his", "her", "our", "next", "last",
					  "past", "final", "latter", "former", "top", "bottom", "upper", "lower", "opposite",
					  "other", NULL};
	for (int k = 0; det[k]; k++)
		if (at_word(c, i, det[k]))
			return 1;
	return c->t[i].kind == TK_NUM || numword(c->text, &c->t[i]) >= 0;
}

/* Is the lone fraction A at token I an amount?  Yes after a bound ("more
 * than half"); "a third" also before "of" or punctuation; a bare "half"
 * before "of", unless "the second half of" makes it a part. */
static int weak_is_amount(qctx *c, const num *a, size_t i, size_t lo)
{
	size_t f, end = a->end;
	if (modifier_before(c, i, lo, &f))
		return 1;
	if (a->weak == 1)
		return end >= c->n || c->t[end].kind == TK_PUNCT || at_word(c, end, "of");
	return at_word(c, end, "of") && !at_word(c, i, "quarter") && !(i > 0 && determiner(c, i - 1));
}

/* Can a numeral start at token I?  Number words and digits (CLS), vulgar
 * fractions, and ".08". */
static int may_start(qctx *c, const uint8_t *cls, size_t i)
{
	const token *t = &c->t[i];
	if (t->kind == TK_PUNCT)
		return vulgar(t->cp) > 0 || (t->cp == '.' && i + 1 < c->n && t[1].kind == TK_NUM &&
					    !(t[1].flags & TF_SPACE) && ((t->flags & TF_SPACE) || i == 0));
	if (!(cls[i] & TC_NUMBER))
		return 0;
	/* "a"/"an" opens a numeral only before a number word: "a dozen", "a few hundred". */
	if (t->kind == TK_WORD && t->end - t->start <= 2 && (at_word(c, i, "a") || at_word(c, i, "an")))
		return i + 1 < c->n && ((cls[i + 1] & TC_NUMBER) || at_word(c, i + 1, "few"));
	return 1;
}

/* The other end of a range after the numeral A that ends at token J: "to
 * 4 million", "-15", "and 30" (after "between"), "or three".  Sets R and
 * returns the token after it, or 0. */
static size_t range_end(qctx *c, const uint8_t *taken, size_t j, const num *a, int opener, int mod, qrec *r)
{
	const token *t = c->t;
	if (a->ordinal || a->vague || j + 1 >= c->n || taken[j + 1])
		return 0;
	const token *x = &t[j];
	int joins = at_word(c, j, "to") || punct_is(x, '-') || punct_is(x, 0x2013) || punct_is(x, 0x2014) ||
		    punct_is(x, '~') || (opener == 1 && at_word(c, j, "and")) || (at_word(c, j, "or") && !mod) ||
		    at_word(c, j, "through");
	if (!joins)
		return 0;
	size_t bi = j + 1;
	if (punct_is(&t[bi], '$') || punct_is(&t[bi], 0xA3) || punct_is(&t[bi], 0x20AC))
		bi++;
	num b;
	if (bi >= c->n || (t[bi].kind != TK_NUM && t[bi].kind != TK_WORD) || !parse_num(c, bi, &b) || b.vague ||
	    b.ordinal || b.weak || not_a_quantity(c, bi, b.end))
		return 0;
	for (size_t k = bi; k < b.end; k++)
		if (taken[k])
			return 0;
	if (at_word(c, j, "or") && a->scaled && b.scaled && a->scale != b.scale)
		return 0; /* "10 bln or 10 tln": two amounts */
	double av = a->v;
	/* Shared scale: "3 to 4 million". */
	if (b.scaled && !a->scaled && av * b.scale <= b.v * 1.0001)
		av *= b.scale;
	if (av > b.v)
		return 0;
	r->low = av, r->high = b.v;
	r->has_low = r->has_high = 1;
	r->low_incl = r->high_incl = 1;
	return b.end;
}

/* Two bounds joined: "more than 20 and less than 35", "at most 100 and at
 * least 20", "higher or equal than 100, lower or equal than 300".  R holds
 * the first; END is the token after it.  Returns the new end. */
static size_t second_bound(qctx *c, size_t end, qrec *r)
{
	if (end + 2 >= c->n || (!at_word(c, end, "and") && !punct_is(&c->t[end], ',')))
		return end;
	for (size_t bi = end + 2; bi < c->n && bi <= end + 8; bi++) {
		if (c->t[bi].kind != TK_NUM && numword(c->text, &c->t[bi]) < 0)
			continue;
		size_t f2 = 0;
		int m2 = modifier_before(c, bi, end + 1, &f2);
		num b;
		if (!m2 || f2 != end + 1 || !parse_num(c, bi, &b) || b.vague || b.ordinal)
			return end;
		size_t e2 = b.end, x;
		if (modifier_after(c, e2, &x) == QMOD_INCL) {
			m2 = m2 == QMOD_GT ? QMOD_GE : m2 == QMOD_LT ? QMOD_LE : m2;
			e2 = x;
		}
		if (r->has_low && !r->has_high && (m2 == QMOD_LT || m2 == QMOD_LE) && b.v > r->low) {
			r->high = b.v, r->has_high = 1, r->high_incl = m2 == QMOD_LE;
			return e2;
		}
		if (r->has_high && !r->has_low && (m2 == QMOD_GT || m2 == QMOD_GE) && b.v < r->high) {
			r->low = b.v, r->has_low = 1, r->low_incl = m2 == QMOD_GE;
			return e2;
		}
		return end;
	}
	return end;
}

void quantity_extract(const char *text, const token *t, size_t n, const uint8_t *cls, const uint8_t *taken,
		      uint32_t article, vec *out)
{
	/* The element cache starts empty: its slots need no zeroing. */
	qctx cx, *c = &cx;
	cx.text = text, cx.t = t, cx.n = n, cx.cls = cls;
	memset(cx.cached, 0, sizeof cx.cached);
	size_t i = 0, lo = 0;
	while (i < n) {
		/* Most tokens open nothing: a word with no number class, a
		 * mark other than a dot (".5") or a fraction sign (U+00BC on). */
		i = cls_next(cls, i, n, TC_NUMBER | TC_MARK);
		if (i == n)
			break;
		if (taken[i] || !may_start(c, cls, i)) {
			i++;
			continue;
		}
		size_t skip = digit_run(c, i);
		if (skip) {
			i = skip;
			continue;
		}
		num a;
		int got = parse_num(c, i, &a);
		if (!got || a.end <= i) {
			i++;
			continue;
		}
		size_t start = i, end = a.end, f = start;
		for (size_t k = i; k < end; k++)
			if (taken[k])
				got = 0;
		if (!got || not_a_quantity(c, i, end)) {
			/* The rest of a label or score glued on: "Morrison 4-6". */
			while (end + 1 < n && (punct_is(&t[end], '-') || punct_is(&t[end], '/')) &&
			       !(t[end].flags & TF_SPACE) && t[end + 1].kind == TK_NUM && !(t[end + 1].flags & TF_SPACE))
				end += 2;
			i = end;
			continue;
		}
		if (a.weak && !weak_is_amount(c, &a, i, lo)) {
			i = a.weak == 1 ? i + 1 : end; /* "a third term": an ordinal */
			continue;
		}
		qrec r;
		memset(&r, 0, sizeof r);
		r.article = article;
		r.kind = a.ordinal ? QK_ORDINAL : QK_COUNT;
		double sign = 1;
		/* A sign: "-10", "minus five", "negative ten". */
		if (start > lo && (punct_is(&t[start - 1], '-') || punct_is(&t[start - 1], 0x2212)) &&
		    !(t[start].flags & TF_SPACE) && (start - 1 == lo || (t[start - 1].flags & TF_SPACE))) {
			sign = -1, start--;
		} else if (start > lo && (at_word(c, start - 1, "minus") || at_word(c, start - 1, "negative"))) {
			sign = -1, start--;
		}
		a.v *= sign;
		set_exact(&r, &a);
		if (currency_before(text, t, start, lo, &f)) {
			r.kind = QK_MONEY;
			start = f;
		}
		int opener = 0; /* "between" or "from" before */
		int mod = modifier_before(c, start, lo, &f);
		if (mod)
			start = f;
		else if (start > lo && (at_word(c, start - 1, "between") || at_word(c, start - 1, "from")))
			opener = at_word(c, start - 1, "between") ? 1 : 2;
		size_t rend = range_end(c, taken, end, &a, opener, mod, &r);
		if (rend) {
			end = rend;
			if (opener)
				start--;
			if (mod == QMOD_APPROX)
				r.approx = 1;
		} else if (mod) {
			apply_mod(&r, mod, a.v);
		}
		/* Units and closing hedges. */
		size_t j = end;
		qkind k = unit_after(c, &j);
		if (k == QK_PERCENT || k == QK_MONEY)
			end = j;
		if (r.kind == QK_COUNT)
			r.kind = (uint8_t)k;
		/* "aged 73", "at the age of 71", "between the ages of 18 and 60" */
		if (start > lo + 1 && at_word(c, start - 1, "of") &&
		    (at_word(c, start - 2, "age") || at_word(c, start - 2, "ages")) && r.kind == QK_COUNT)
			r.kind = QK_AGE;
		if (start > lo && at_word(c, start - 1, "aged") && r.kind == QK_COUNT)
			r.kind = QK_AGE;
		int post = rend ? 0 : modifier_after(c, end, &j);
		if (!post && !rend && end + 2 < n && t[end].kind == TK_WORD && (t[end].flags & TF_LOWER) &&
		    !(cls[end] & TC_NUMBER) && (at_word(c, end + 1, "or") || at_word(c, end + 1, "and"))) {
			/* "five children or more": the bound past the counted noun, which stays out of the span. */
			int p2 = modifier_after(c, end + 1, &j);
			if ((p2 == QMOD_GE || p2 == QMOD_LE) && !at_word(c, j, "the") && !at_word(c, j, "a") &&
			    !at_word(c, j, "an")) /* not "the 1.4bn expected and above the forecast" */
				apply_mod(&r, p2, a.v);
		}
		if (post == QMOD_INCL && (mod == QMOD_GT || mod == QMOD_LT)) {
			r.low_incl = r.has_low, r.high_incl = r.has_high;
			end = j;
		} else if (post == QMOD_GE || post == QMOD_LE || post == QMOD_APPROX) {
			apply_mod(&r, post, a.v);
			end = j;
		} else if (!rend && end < n && punct_is(&t[end], '+') && !(t[end].flags & TF_SPACE)) {
			apply_mod(&r, QMOD_GE, a.v); /* "50+" */
			end++;
		} else if (!rend && end + 1 < n && punct_is(&t[end], '-') && !(t[end].flags & TF_SPACE) &&
			   !(t[end + 1].flags & TF_SPACE) && (post = modifier_after(c, end + 1, &j)) != 0 &&
			   (post == QMOD_GE || post == QMOD_APPROX) && j == end + 2) {
			apply_mod(&r, post, a.v); /* "40-odd", "50-plus" */
			end = j;
		}
		if (!rend)
			end = second_bound(c, end, &r);
		emit(out, t, start, end, &r);
		lo = end;
		i = end;
	}
}
