/*
 * quantity.c: number expressions -> intervals.
 *
 * Reads the tokens of one sentence left to right.  At each number (digits,
 * or number words from data/numbers.txt) it parses the whole numeral
 * ("one hundred and fifty", "1.5 million", "12k", "two thirds"), then looks
 * left for a bound or hedge (data/qmod.txt: "at least", "roughly", "fewer
 * than") or a range opener ("between", "from"), and right for the other end
 * of a range ("and", "to", "-", "or"), a shared scale ("3 to 4 million"),
 * a unit that types it (%, currency, "years old", "days") or a closing
 * hedge ("or more").  Vague plurals ("thousands", "tens of thousands")
 * become open intervals from twice the unit, approx.  Years, days of the
 * month and times of day are left to time.c, which marks their tokens.
 */
#include <math.h>
#include <string.h>
#include <strings.h>

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
	double scale;    /* that scale (1 when none) */
	double vague_hi; /* for "a few dozen": high end, 0 when open */
} num;

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
#define word_is(text, t, w) token_is((text), (t), (w), strlen(w))

static int punct_is(const token *t, uint32_t cp) { return t->kind == TK_PUNCT && t->cp == cp; }

/* Number word of T: its index in the numbers lexicon, or -1. */
static int numword(const char *text, const token *t)
{
	char w[MAX_WORD];
	if (t->kind != TK_WORD)
		return -1;
	size_t n = fold(text, t, w);
	return n ? lexmap_get(&lexicon_get()->numwords, w, n) : -1;
}

/* Digits with "," and "." separators, maybe with a letter suffix. */
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
			continue;
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

/* Word numerals from token I: "one hundred and fifty", "twenty-one",
 * "a dozen", "two thirds".  Returns 1 and fills N. */
static int parse_words(const char *text, const token *t, size_t n, size_t i, num *out)
{
	const lexicons *L = lexicon_get();
	double total = 0, cur = 0, frac = 0;
	size_t j = i, last = i;
	int any = 0, a_article = 0;
	if (j < n && (word_is(text, &t[j], "a") || word_is(text, &t[j], "an")) && j + 1 < n) {
		int k = numword(text, &t[j + 1]);
		if (k >= 0 && (L->num_class[k] == NUMW_HUNDRED || L->num_class[k] == NUMW_DOZEN ||
			       L->num_class[k] == NUMW_FRAC ||
			       (L->num_class[k] == NUMW_SCALE && L->num_value[k] >= 1000))) {
			a_article = 1;
			cur = 1;
			j++;
		}
	}
	for (; j < n; j++) {
		const token *tk = &t[j];
		if (tk->kind != TK_WORD)
			break;
		/* Hyphenated: "twenty-one", "sixty-five". */
		const char *hy = memchr(text + tk->start, '-', tk->end - tk->start);
		if (hy) {
			token a = *tk, b = *tk;
			a.end = (uint32_t)(hy - text);
			b.start = a.end + 1;
			int ka = numword(text, &a), kb = numword(text, &b);
			if (ka < 0 || kb < 0 || L->num_class[ka] != NUMW_TEN ||
			    (L->num_class[kb] != NUMW_UNIT && L->num_class[kb] != NUMW_ORD))
				break;
			if (L->num_class[kb] == NUMW_ORD) {
				out->ordinal = 1;
				cur += L->num_value[ka] + L->num_value[kb];
				any = 1;
				last = j + 1;
				break;
			}
			cur += L->num_value[ka] + L->num_value[kb];
			any = 1;
			last = j + 1;
			continue;
		}
		if (word_is(text, tk, "and") && any && j + 1 < n) {
			int k = numword(text, &t[j + 1]);
			if (k >= 0 && (L->num_class[k] == NUMW_UNIT || L->num_class[k] == NUMW_TEN))
				continue;
			if (word_is(text, &t[j + 1], "a") && j + 2 < n) {
				int k2 = numword(text, &t[j + 2]);
				if (k2 >= 0 && L->num_class[k2] == NUMW_FRAC)
					continue;
			}
			break;
		}
		if (word_is(text, tk, "a") && any && j + 1 < n) { /* "one and a half" */
			int k = numword(text, &t[j + 1]);
			if (k >= 0 && L->num_class[k] == NUMW_FRAC) {
				total += cur;
				cur = 0;
				frac += 1.0 / L->num_value[k];
				last = j + 2;
				j++;
				continue;
			}
			break;
		}
		int k = numword(text, tk);
		if (k < 0)
			break;
		double v = L->num_value[k];
		switch (L->num_class[k]) {
		case NUMW_UNIT:
		case NUMW_TEN:
			if (any && cur && fmod(cur, 10) != 0 && L->num_class[k] == NUMW_UNIT &&
			    !(j > i && word_is(text, &t[j - 1], "and")))
				goto done; /* "five six": two numbers */
			cur += v;
			break;
		case NUMW_HUNDRED:
			if (!cur && !a_article && !any)
				goto done;
			cur = (cur ? cur : 1) * v;
			break;
		case NUMW_SCALE:
			if (v < 1000 || (!any && !a_article))
				goto done; /* "k", "m": only as digit suffixes */
			total += (cur ? cur : 1) * v;
			cur = 0;
			out->scaled = 1;
			out->scale = v;
			break;
		case NUMW_DOZEN:
			if (!any && !a_article)
				return 0;
			cur = (cur ? cur : 1) * v;
			break;
		case NUMW_ORD:
		case NUMW_FRAC:
			if (any && (cur || total)) {
				/* "two thirds", "one eighth", "three quarters" */
				double numr = cur ? cur : 1;
				if (L->num_class[k] == NUMW_ORD && v < 2)
					goto done;
				frac += numr / v;
				cur = 0;
				last = j + 1;
				j++;
				goto done;
			}
			if (!any && L->num_class[k] == NUMW_ORD && !a_article) {
				out->ordinal = 1;
				cur = v;
				any = 1;
				last = j + 1;
				j++;
				goto done;
			}
			if (a_article && L->num_class[k] == NUMW_FRAC) { /* "a quarter", "a half" */
				frac += 1.0 / v;
				cur = 0;
				last = j + 1;
				j++;
				goto done;
			}
			goto done;
		default:
			goto done;
		}
		any = 1;
		last = j + 1;
	}
done:
	if (!any && !(a_article && frac))
		return 0;
	out->v = total + cur + frac;
	out->end = last;
	return 1;
}

/* Parses the numeral starting at token I. */
static int parse_num(const char *text, const token *t, size_t n, size_t i, num *out)
{
	const lexicons *L = lexicon_get();
	memset(out, 0, sizeof *out);
	out->scale = 1;
	if (t[i].kind == TK_NUM) {
		char suf[16];
		double v;
		if (!parse_digits(text, &t[i], &v, suf, sizeof suf))
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
		}
		/* A scale word after: "1.5 million", "3 dozen", "10 k". */
		while (j < n && !out->ordinal) {
			int k = numword(text, &t[j]);
			if (k < 0)
				break;
			int c = L->num_class[k];
			if (c == NUMW_SCALE || c == NUMW_DOZEN || c == NUMW_HUNDRED ||
			    (c == NUMW_VAGUE && L->num_value[k] == 12)) {
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
	if (t[i].kind == TK_WORD) {
		/* Vague plurals: "dozens", "hundreds", "tens of thousands". */
		int k = numword(text, &t[i]);
		if (k >= 0 && L->num_class[k] == NUMW_VAGUE) {
			out->vague = 1;
			out->v = L->num_value[k];
			out->end = i + 1;
			if (i + 2 < n && word_is(text, &t[i + 1], "of")) {
				int k2 = numword(text, &t[i + 2]);
				if (k2 >= 0 && L->num_class[k2] == NUMW_VAGUE && L->num_value[k2] >= 1000) {
					out->v = L->num_value[k] * L->num_value[k2];
					out->end = i + 3;
				}
			}
			return 1;
		}
		if (word_is(text, &t[i], "tens") && i + 2 < n && word_is(text, &t[i + 1], "of")) {
			int k2 = numword(text, &t[i + 2]);
			if (k2 >= 0 && L->num_class[k2] == NUMW_VAGUE && L->num_value[k2] >= 1000) {
				out->vague = 1;
				out->v = 10 * L->num_value[k2];
				out->end = i + 3;
				return 1;
			}
		}
		/* "a few dozen", "several hundred": 2-9 (few) or 3-9 (several) units. */
		size_t j = i;
		int few = 0;
		if (word_is(text, &t[j], "a") && j + 1 < n && word_is(text, &t[j + 1], "few"))
			few = 2, j += 2;
		else if (word_is(text, &t[j], "several"))
			few = 3, j += 1;
		if (few && j < n) {
			int k2 = numword(text, &t[j]);
			if (k2 >= 0 && (L->num_class[k2] == NUMW_DOZEN || L->num_class[k2] == NUMW_HUNDRED ||
					(L->num_class[k2] == NUMW_SCALE && L->num_value[k2] >= 1000))) {
				out->vague = 1;
				out->v = L->num_value[k2] * few / 2.0;
				out->vague_hi = L->num_value[k2] * (few == 2 ? 5 : 9);
				out->end = j + 1;
				return 2;
			}
			return 0;
		}
		if (word_is(text, &t[i], "half") && i + 2 < n && word_is(text, &t[i + 1], "a")) {
			int k2 = numword(text, &t[i + 2]);
			if (k2 >= 0 && (L->num_class[k2] == NUMW_DOZEN || L->num_class[k2] == NUMW_HUNDRED ||
					L->num_class[k2] == NUMW_SCALE)) {
				out->v = L->num_value[k2] / 2;
				out->end = i + 3;
				return 1;
			}
		}
		return parse_words(text, t, n, i, out);
	}
	return 0;
}

/* The bound or hedge phrase that ends right before token I: its class and
 * first token, or 0. */
static int modifier_before(const char *text, const token *t, size_t i, size_t lo, size_t *first)
{
	const lexicons *L = lexicon_get();
	char phrase[128];
	int best = 0;
	for (size_t k = 1; k <= 6 && k <= i - lo; k++) {
		/* Phrase t[i-k .. i-1], folded with single spaces. */
		size_t o = 0;
		int ok = 1;
		for (size_t m = i - k; m < i && ok; m++) {
			char w[MAX_WORD];
			size_t wl = t[m].kind == TK_WORD ? fold(text, &t[m], w) : 0;
			if (!wl || o + wl + 2 >= sizeof phrase) {
				ok = 0;
				break;
			}
			if (o)
				phrase[o++] = ' ';
			memcpy(phrase + o, w, wl);
			o += wl;
		}
		if (!ok)
			break;
		int v = lexmap_get(&L->qmod, phrase, o);
		if (v > 0) {
			best = v;
			*first = i - k;
		}
	}
	return best;
}

static qkind unit_after(const char *text, const token *t, size_t n, size_t *j)
{
	if (*j >= n)
		return QK_COUNT;
	const token *a = &t[*j];
	if (punct_is(a, '%') && !(a->flags & TF_SPACE)) {
		(*j)++;
		return QK_PERCENT;
	}
	if (word_is(text, a, "percent") || word_is(text, a, "pct")) {
		(*j)++;
		return QK_PERCENT;
	}
	if (word_is(text, a, "per") && *j + 1 < n && word_is(text, &t[*j + 1], "cent")) {
		*j += 2;
		return QK_PERCENT;
	}
	static const char *const money[] = {"dollars", "dollar", "euros", "euro", "pounds", "roubles", "rubles",
					    "yuan", "hryvnias", "hryvnia", "dlrs", "usd", "eur", "gbp", NULL};
	for (int k = 0; money[k]; k++)
		if (word_is(text, a, money[k])) {
			(*j)++;
			return QK_MONEY;
		}
	if (word_is(text, a, "years") && *j + 1 < n && word_is(text, &t[*j + 1], "old"))
		return QK_AGE;
	if (punct_is(a, '-') && *j + 1 < n && (word_is(text, &t[*j + 1], "year-old") || word_is(text, &t[*j + 1], "years-old")))
		return QK_AGE;
	static const char *const dur[] = {"day", "days", "week", "weeks", "month", "months", "year", "years",
					  "hour", "hours", "minute", "minutes", "decade", "decades", NULL};
	for (int k = 0; dur[k]; k++)
		if (word_is(text, a, dur[k]))
			return QK_DURATION;
	return QK_COUNT;
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

/* A time of day ("10:30", "4 p.m.") or a model or phone number glued with
 * hyphens to letters: not a quantity. */
static int not_a_quantity(const char *text, const token *t, size_t n, size_t i, size_t end)
{
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

void quantity_extract(const char *text, const token *t, size_t n, const uint8_t *cls, const uint8_t *taken,
		      uint32_t article, vec *out)
{
	size_t i = 0, lo = 0;
	while (i < n) {
		if (taken[i] || !(cls[i] & TC_NUMBER) || (t[i].kind != TK_NUM && t[i].kind != TK_WORD)) {
			i++;
			continue;
		}
		num a;
		int got = parse_num(text, t, n, i, &a);
		if (!got || a.end <= i) {
			i++;
			continue;
		}
		size_t start = i, end = a.end;
		for (size_t k = i; k < end; k++)
			if (taken[k])
				got = 0;
		if (!got || not_a_quantity(text, t, n, i, end)) {
			i = end;
			continue;
		}
		qrec r;
		memset(&r, 0, sizeof r);
		r.article = article;
		r.kind = a.ordinal ? QK_ORDINAL : QK_COUNT;
		double sign = 1;
		/* A sign: "-10", "minus five", "negative ten". */
		if (start > lo && punct_is(&t[start - 1], '-') && !(t[start].flags & TF_SPACE) &&
		    (start - 1 == lo || (t[start - 1].flags & TF_SPACE))) {
			sign = -1, start--;
		} else if (start > lo && (word_is(text, &t[start - 1], "minus") || word_is(text, &t[start - 1], "negative"))) {
			sign = -1, start--;
		}
		a.v *= sign;
		set_exact(&r, &a);
		size_t f = start;
		if (currency_before(text, t, start, lo, &f)) {
			r.kind = QK_MONEY;
			start = f;
		}
		int opener = 0; /* "between" or "from" before */
		int mod = modifier_before(text, t, start, lo, &f);
		if (mod) {
			start = f;
		} else if (start > lo && (word_is(text, &t[start - 1], "between") || word_is(text, &t[start - 1], "from"))) {
			opener = word_is(text, &t[start - 1], "between") ? 1 : 2;
		}
		/* A range: "X to Y", "X-Y", "X and Y" (after between), "X or Y". */
		size_t j = end;
		int ranged = 0;
		if (!a.ordinal && j + 1 < n && !taken[j + 1]) {
			const token *c = &t[j];
			int joins = word_is(text, c, "to") || punct_is(c, '-') || punct_is(c, 0x2013) ||
				    punct_is(c, 0x2014) || (opener == 1 && word_is(text, c, "and")) ||
				    (word_is(text, c, "or") && !mod) || word_is(text, c, "through");
			size_t bi = j + 1;
			if (joins && bi < n && (punct_is(&t[bi], '$') || punct_is(&t[bi], 0xA3) || punct_is(&t[bi], 0x20AC)))
				bi++;
			num b;
			if (joins && bi < n && (t[bi].kind == TK_NUM || t[bi].kind == TK_WORD) &&
			    parse_num(text, t, n, bi, &b) && !b.vague && !b.ordinal && !not_a_quantity(text, t, n, bi, b.end)) {
				int nb_taken = 0;
				for (size_t k = bi; k < b.end; k++)
					nb_taken |= taken[k];
				double av = a.v;
				/* Shared scale: "3 to 4 million". */
				if (b.scaled && !a.scaled && av * b.scale <= b.v * 1.0001)
					av *= b.scale;
				if (!nb_taken && !a.vague && av <= b.v) {
					r.low = av, r.high = b.v;
					r.has_low = r.has_high = 1;
					r.low_incl = r.high_incl = 1;
					end = b.end;
					ranged = 1;
					if (opener)
						start = start - 1;
				}
			}
		}
		if (!ranged && mod)
			apply_mod(&r, mod, a.v);
		else if (ranged && mod == QMOD_APPROX)
			r.approx = 1;
		/* Units and closing hedges. */
		j = end;
		qkind k = unit_after(text, t, n, &j);
		if (k == QK_PERCENT || k == QK_MONEY)
			end = j;
		if (r.kind == QK_COUNT)
			r.kind = (uint8_t)k;
		if (start > lo && word_is(text, &t[start - 1], "aged") && r.kind == QK_COUNT)
			r.kind = QK_AGE;
		if (!ranged && end + 1 < n && word_is(text, &t[end], "or") && word_is(text, &t[end + 1], "more")) {
			apply_mod(&r, QMOD_GE, a.v);
			end += 2;
		} else if (!ranged && end + 1 < n && word_is(text, &t[end], "or") && word_is(text, &t[end + 1], "so")) {
			r.approx = 1;
			end += 2;
		} else if (!ranged && end < n && (word_is(text, &t[end], "plus") || word_is(text, &t[end], "-plus"))) {
			apply_mod(&r, QMOD_GE, a.v);
			end += 1;
		}
		/* Two bounds joined: "more than 20 and less than 35". */
		if (!ranged && r.has_low && !r.has_high && end + 2 < n && word_is(text, &t[end], "and")) {
			size_t f2;
			for (size_t bi = end + 2; bi < n && bi <= end + 7; bi++) {
				int m2 = modifier_before(text, t, bi, end + 1, &f2);
				if ((m2 == QMOD_LT || m2 == QMOD_LE) && f2 == end + 1) {
					num b;
					if (parse_num(text, t, n, bi, &b) && b.v >= r.low) {
						r.high = b.v, r.has_high = 1, r.high_incl = m2 == QMOD_LE;
						end = b.end;
					}
					break;
				}
			}
		}
		emit(out, t, start, end, &r);
		lo = end;
		i = end;
	}
}
