/*
 * sentence.c: sentence boundaries inside one paragraph.
 *
 * A boundary candidate is a terminator token (. ! ? … ...) or a dotted
 * abbreviation (U.S.).  Closing quotes and brackets glued to it belong to
 * the sentence.  The candidate splits when white space follows and the next
 * token can start a sentence (capitalised, a number, an opening quote or
 * bracket).  A period after an abbreviation is judged by its class in
 * data/abbrev.txt: titles (Dr., Gen.) never end a sentence; "num" ones (No.)
 * do not before a number; months (Nov.) do not before a number; the rest
 * (Inc., U.S., initials) end one only when the next word is a common
 * sentence starter (data/starters.txt) or a quote opens.  Quotes are not
 * treated specially otherwise: a quotation of several sentences is split at
 * each of them, as news parsers do, and the quote record spans them later.
 */
#include "seg/seg.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "base/utf8.h"
#include "lex/lexicon.h"

static int is_terminator(const token *t)
{
	if (t->kind == TK_WORD)
		return (t->flags & TF_DOTTED) != 0;
	if (t->kind != TK_PUNCT)
		return 0;
	return t->cp == '.' || t->cp == '!' || t->cp == '?' || t->cp == 0x2026;
}

static int is_closer(const token *t)
{
	if (t->kind != TK_PUNCT || (t->flags & TF_SPACE))
		return 0;
	switch (t->cp) {
	case '"': case '\'': case ')': case ']': case 0x201D: case 0x2019: case 0xBB:
		return 1;
	default:
		return 0;
	}
}

static int is_opener(const token *t)
{
	switch (t->cp) {
	case '"': case '\'': case '(': case '[': case 0x201C: case 0x2018: case 0xAB:
		return t->kind == TK_PUNCT;
	default:
		return 0;
	}
}

static int starter(const char *text, const token *t, const lexicons *L)
{
	if (t->kind != TK_WORD)
		return is_opener(t);
	return lexmap_get(&L->starters, text + t->start, t->end - t->start) > 0;
}

/* Abbreviation class of the word before a period, or 0. */
static int abbrev_class(const char *text, const token *w, const lexicons *L)
{
	if (w->kind != TK_WORD)
		return 0;
	int c = lexmap_get(&L->abbrev, text + w->start, w->end - w->start);
	if (c > 0)
		return c;
	/* A single capital letter is an initial (John F. Kennedy). */
	if (w->end - w->start == 1 && (w->flags & TF_CAP))
		return ABBR_END;
	if (w->end - w->start <= 4) {
		/* Lowercase single letters before a period: "p." "v." */
		uint32_t len = w->end - w->start;
		if (len == 1)
			return ABBR_END;
	}
	return 0;
}

/* Does the candidate at T (after word PREV, with PREV_VALID) split before
 * NEXT? */
static int splits(const char *text, const token *prev, int prev_valid, const token *t,
		  const token *next, const lexicons *L)
{
	if (!(next->flags & TF_SPACE))
		return 0;
	int starts_ok = (next->flags & TF_CAP) || next->kind == TK_NUM || is_opener(next) ||
			(next->kind == TK_PUNCT && !(next->cp == ',' || next->cp == ';' ||
						       next->cp == ':' || next->cp == ')' || next->cp == '.'));
	if (!starts_ok)
		return 0;
	if (t->kind == TK_WORD) /* U.S. */
		return starter(text, next, L);
	if (t->cp == '.' && t->end - t->start >= 3) /* "..." */
		return starter(text, next, L) || (next->flags & TF_NEWLINE);
	if (t->cp == 0x2026)
		return starter(text, next, L) || is_opener(next);
	if (t->cp != '.')
		return 1;
	if (!prev_valid || (prev->end != t->start))
		return 1;
	switch (abbrev_class(text, prev, L)) {
	case ABBR_TITLE:
		return 0;
	case ABBR_NUM:
	case ABBR_MONTH:
		if (next->kind == TK_NUM)
			return 0;
		return starter(text, next, L);
	case ABBR_END:
		return starter(text, next, L);
	default:
		return 1;
	}
}

/* Bytes that may be (part of) a terminator: . ! ? and the lead byte of
 * U+2026 (…).  Everything else is skipped a byte at a time in a tight loop;
 * only at these bytes are the tokens around re-read. */
static const unsigned char candidate[256] = {['.'] = 1, ['!'] = 1, ['?'] = 1, [0xE2] = 1};

/* The first candidate byte at or after I: eight bytes at a time (SWAR: a
 * byte equal to c makes (x ^ c) have a zero byte), then one at a time. */
static uint32_t skip_plain(const unsigned char *s, uint32_t i, uint32_t end)
{
#ifdef __SSE2__
	/* Sixteen bytes at a time where SSE2 is there (every x86-64). */
	const __m128i dot = _mm_set1_epi8('.'), exc = _mm_set1_epi8('!'), que = _mm_set1_epi8('?');
	const __m128i e2 = _mm_set1_epi8((char)0xE2);
	while (i + 16 <= end) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, dot), _mm_cmpeq_epi8(x, exc)),
					 _mm_or_si128(_mm_cmpeq_epi8(x, que), _mm_cmpeq_epi8(x, e2)));
		unsigned bits = (unsigned)_mm_movemask_epi8(m);
		if (bits)
			return i + (uint32_t)__builtin_ctz(bits);
		i += 16;
	}
#endif
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	while (i + 8 <= end) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		uint64_t a = x ^ (ones * '.'), b = x ^ (ones * '!'), c = x ^ (ones * '?');
		uint64_t z = ((a - ones) & ~a) | ((b - ones) & ~b) | ((c - ones) & ~c) | x;
		if (z & high)
			break;
		i += 8;
	}
	while (i < end && !candidate[s[i]])
		i++;
	return i;
}

/* The start of the white-space-delimited chunk holding byte I. */
static uint32_t chunk_start(const unsigned char *s, uint32_t lo, uint32_t i)
{
	while (i > lo && !(utf8_class[s[i - 1]] & CC_SPACE) && s[i - 1] != 0xA0 && i > lo)
		i--;
	return i;
}

uint32_t sentence_split(const char *text, span sp, sentence_fn fn, void *ctx)
{
	const lexicons *L = lexicon_get();
	const unsigned char *s = (const unsigned char *)text;
	uint32_t count = 0, start = UINT32_MAX, i = sp.start;
	tokenizer tk;
	token t;

	/* The first non-space byte opens the first sentence. */
	start = sp.start;
	while (start < sp.end) {
		uint32_t cp;
		size_t l = s[start] < 0x80 ? 1 : utf8_decode(s + start, sp.end - start, &cp);
		if (l == 1 ? !(utf8_class[s[start]] & CC_SPACE) : !utf8_is_space(cp))
			break;
		start += (uint32_t)l;
	}
	if (start >= sp.end)
		return 0;
	i = start;
	while (i < sp.end) {
		i = skip_plain(s, i, sp.end);
		if (i >= sp.end)
			break;
		/* A terminator glued to a letter or digit ("1.5", "U.S", "x.com")
		 * never ends a sentence: white space must follow. */
		if (i + 1 < sp.end && (utf8_class[s[i + 1]] & (CC_UPPER | CC_LOWER | CC_DIGIT))) {
			i++;
			continue;
		}
		/* Fast path, the common case: "word. Next" in ASCII (the white
		 * space may be a line break), where the word is no abbreviation.
		 * Anything else is judged on tokens. */
		if (s[i] != 0xE2 && i > start && i + 2 < sp.end && (utf8_class[s[i + 1]] & CC_SPACE)) {
			uint32_t j = i + 1;
			while (j < sp.end && j < i + 16 && (utf8_class[s[j]] & CC_SPACE))
				j++;
			uint32_t w = i;
			while (w > start && (utf8_class[s[w - 1]] & (CC_UPPER | CC_LOWER | CC_DIGIT)))
				w--;
			unsigned before = w > sp.start ? s[w - 1] : ' ';
			if (j < sp.end && (utf8_class[s[j]] & (CC_UPPER | CC_DIGIT)) && i - w >= 2 &&
			    (utf8_class[before] & CC_SPACE) &&
			    (s[i] != '.' || lexmap_get(&L->abbrev, text + w, i - w) < 0)) {
				fn(span_make(start, i + 1), ctx);
				count++;
				start = j;
				i = j;
				continue;
			}
		}
		/* Re-read the tokens of this chunk up to the one holding I. */
		uint32_t c0 = chunk_start(s, start, i);
		token prev = {0}, cur = {0};
		int prev_valid = 0, found = 0;
		token_init(&tk, text, c0, sp.end);
		while (token_next(&tk, &t)) {
			if (t.end > i) {
				cur = t;
				found = 1;
				break;
			}
			prev = t;
			prev_valid = 1;
		}
		if (!found || cur.start > i) {
			i++;
			continue;
		}
		if (!is_terminator(&cur) || (cur.kind == TK_WORD && cur.end - 1 != i)) {
			/* A decimal point, a dot inside U.S., a dash...: go on. */
			if (cur.kind == TK_WORD && (cur.flags & TF_DOTTED))
				i = cur.end - 1; /* judge the final dot */
			else
				i = cur.kind == TK_WORD || cur.kind == TK_NUM ? cur.end : i + 1;
			continue;
		}
		/* Closing quotes and brackets, and further terminators. */
		uint32_t last_end = cur.end;
		token next;
		int have_next;
		token_init(&tk, text, cur.end, sp.end);
		while ((have_next = token_next(&tk, &next)) &&
		       (is_closer(&next) || (is_terminator(&next) && !(next.flags & TF_SPACE))))
			last_end = next.end;
		if (!have_next)
			break;
		if (splits(text, &prev, prev_valid && prev.end == cur.start, &cur, &next, L)) {
			fn(span_make(start, last_end), ctx);
			count++;
			start = next.start;
			i = next.start;
		} else {
			i = last_end;
		}
	}
	/* The last sentence runs to the last non-space byte. */
	uint32_t e = sp.end;
	while (e > start) {
		uint32_t cp;
		size_t j = utf8_prev(s, e, &cp);
		if (!utf8_is_space(cp))
			break;
		e = (uint32_t)j;
	}
	if (e > start) {
		fn(span_make(start, e), ctx);
		count++;
	}
	return count;
}
