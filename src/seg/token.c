/*
 * token.c: a cursor that cuts text into words, numbers and punctuation.
 *
 * The first byte's class (utf8_class, a 256-entry table) picks the branch;
 * only non-ASCII bytes go through the UTF-8 decoder and utf8proc.  Words keep
 * inner hyphens and apostrophes ("Soo-jin", "didn't", "COVID-19") but the
 * possessive 's is a token of its own so that "Pyongyang's" looks up as
 * "Pyongyang".  Dotted abbreviations of single letters (U.S., a.m.) are one
 * token that includes the final dot.  Numbers keep their separators
 * ("12,000", "1.5") and a letter suffix ("12k", "1990s").
 *
 * Most tokens are plain words of up to 15 ASCII letters: where 16 bytes may
 * be read (token_init_limit: the pipeline pads the text), such a word is
 * cut, hashed, flagged and classed from one 16-byte SSE2 load (two 8-byte
 * loads without SSE2), with no loop over its letters; everything else
 * takes the byte loop, which must give the
 * same token (tests/unit/seg checks it at every cut of its texts).
 */
#include "seg/seg.h"

#include <string.h>

#include "base/utf8.h"

void token_init_limit(tokenizer *t, const char *text, uint32_t start, uint32_t end, uint32_t limit)
{
	t->s = (const unsigned char *)text;
	t->pos = start;
	t->end = end;
	t->limit = limit > end ? limit : end;
	t->lx = lexicon_get();
}

void token_init(tokenizer *t, const char *text, uint32_t start, uint32_t end)
{
	token_init_limit(t, text, start, end, end);
}

/* Decodes the code point at I (I < end). */
static inline uint32_t at(const tokenizer *t, uint32_t i, uint32_t *len)
{
	unsigned char c = t->s[i];
	if (c < 0x80) {
		*len = 1;
		return c;
	}
	uint32_t cp;
	*len = (uint32_t)utf8_decode(t->s + i, t->end - i, &cp);
	return cp;
}

static inline int alnum_at(const tokenizer *t, uint32_t i)
{
	if (i >= t->end)
		return 0;
	unsigned char c = t->s[i];
	if (c < 0x80)
		return (utf8_class[c] & (CC_UPPER | CC_LOWER | CC_DIGIT)) != 0;
	uint32_t l, cp = at(t, i, &l);
	return utf8_is_letter(cp);
}

static inline int letter_at(const tokenizer *t, uint32_t i)
{
	if (i >= t->end)
		return 0;
	unsigned char c = t->s[i];
	if (c < 0x80)
		return (utf8_class[c] & (CC_UPPER | CC_LOWER)) != 0;
	uint32_t l, cp = at(t, i, &l);
	return utf8_is_letter(cp);
}

/* Length of an apostrophe (' or U+2019) at I, or 0. */
static inline uint32_t apostrophe(const tokenizer *t, uint32_t i)
{
	if (i < t->end && t->s[i] == '\'')
		return 1;
	if (i + 2 < t->end && t->s[i] == 0xE2 && t->s[i + 1] == 0x80 && t->s[i + 2] == 0x99)
		return 3;
	return 0;
}

/* 's or 'S followed by a non-letter: a possessive. */
static inline int possessive(const tokenizer *t, uint32_t i)
{
	uint32_t a = apostrophe(t, i);
	return a && i + a < t->end && (t->s[i + a] == 's' || t->s[i + a] == 'S') &&
	       !alnum_at(t, i + a + 1);
}

/* Two or more letters and none of them lowercase: "NATO", "U.S"-less
 * acronyms.  A second walk, taken only by words that start uppercase. */
static int all_caps(const tokenizer *t, uint32_t i, uint32_t end)
{
	uint32_t letters = 0;
	while (i < end) {
		unsigned char c = t->s[i];
		if (c < 0x80) {
			unsigned k = utf8_class[c];
			if (k & CC_LOWER)
				return 0;
			letters += (k & CC_UPPER) != 0;
			i++;
		} else {
			uint32_t l, cp = at(t, i, &l);
			if (utf8_is_letter(cp)) {
				if (!utf8_is_upper(cp))
					return 0;
				letters++;
			}
			i += l;
		}
	}
	return letters >= 2;
}

/* Scans the word at I: its end. */
static inline __attribute__((always_inline)) uint32_t scan_word(const tokenizer *t, uint32_t i, uint8_t *flags)
{
	uint32_t start = i;
	const unsigned char *s = t->s;
	const uint32_t end = t->end;
	for (;;) {
		/* ASCII letters and digits: one table load a byte. */
		while (i < end && utf8_alnum_fold[s[i]])
			i++;
		if (i < end && s[i] >= 0x80) {
			uint32_t l, cp = at(t, i, &l);
			if (utf8_is_letter(cp)) {
				i += l;
				continue;
			}
		}
		/* Inner hyphen or apostrophe joins two alphanumeric runs. */
		if (i < end && s[i] == '-' && alnum_at(t, i + 1)) {
			*flags |= TF_HYPHEN;
			i++;
			continue;
		}
		uint32_t a = apostrophe(t, i);
		if (a && !possessive(t, i) && letter_at(t, i + a)) {
			i += a;
			continue;
		}
		break;
	}
	/* Dotted abbreviation: single letters each followed by a dot. */
	if (i - start == 1 && i + 2 < end && s[i] == '.' && letter_at(t, i + 1) &&
	    s[i + 2] == '.') {
		uint32_t j = i;
		while (j + 1 < end && s[j] == '.' && letter_at(t, j + 1) &&
		       (j + 2 >= end || s[j + 2] == '.' || !alnum_at(t, j + 2))) {
			if (j + 2 < end && s[j + 2] == '.')
				j += 2;
			else
				break;
		}
		if (j > i) {
			*flags |= TF_DOTTED;
			return j + 1;
		}
	}
	if (i - start >= 2 && !(utf8_class[s[start]] & CC_LOWER) && all_caps(t, start, i))
		*flags |= TF_ALLCAPS;
	return i;
}

static uint32_t scan_number(const tokenizer *t, uint32_t i)
{
	while (i < t->end && t->s[i] >= '0' && t->s[i] <= '9')
		i++;
	while (i + 1 < t->end && (t->s[i] == ',' || t->s[i] == '.') && t->s[i + 1] >= '0' &&
	       t->s[i + 1] <= '9') {
		i++;
		while (i < t->end && t->s[i] >= '0' && t->s[i] <= '9')
			i++;
	}
	/* A letter suffix: 12k, 1990s, 5th, 3bn. */
	while (i < t->end && (utf8_class[t->s[i]] & (CC_UPPER | CC_LOWER)))
		i++;
	return i;
}

_Static_assert(TF_SPACE == 1, "next_token adds the space test as the flag");


/* Do the N letters at I make a whole word of the fast path?  The byte
 * after them (a space at the span's end, none past it) must be white
 * space or punctuation, not a hyphen or an apostrophe that would go on
 * with the word, nor the dot of a single letter ("U.S."). */
static inline int short_word_ends(const tokenizer *t, uint32_t i, uint32_t n)
{
	unsigned c = i + n < t->end ? t->s[i + n] : i + n == t->end ? ' ' : 0x80;
	return (utf8_class[c] & (CC_SPACE | CC_PUNCT)) && c != '-' && c != '\'' && !(n == 1 && c == '.');
}

/* The fast path's token: the word of N ASCII letters at I, folded into W1
 * and W2; FLAGS so far; LOW nonzero when some of its letters are
 * lowercase. */
static inline __attribute__((always_inline)) int short_word(tokenizer *t, token *out, uint32_t i, uint32_t n,
							     uint64_t w1, uint64_t w2, uint8_t flags, unsigned low)
{
	unsigned up = !(t->s[i] & 0x20); /* an ASCII letter: uppercase */
	flags |= (uint8_t)(up ? TF_CAP : TF_LOWER) | (uint8_t)((up & (n >= 2) & !low) * TF_ALLCAPS);
	uint32_t h = lexicon_mix(w1, w2);
	out->w1 = n < 8 ? w1 : 1;
	out->start = i;
	out->end = i + n;
	out->cp = t->s[i];
	out->hash = h;
	out->kind = TK_WORD;
	out->flags = flags;
	/* The class here, but for a number word: extract_classes looks at the
	 * word before it ("in nineteen ninety"). */
	int wc = lexicon_letters_class(t->lx, w1, w2, h);
	out->cls = (uint8_t)((wc & TC_NUMBER) ? TC_UNKNOWN | wc : wc);
	t->pos = i + n;
	return 1;
}

static inline __attribute__((always_inline)) int next_token(tokenizer *t, token *out)
{
	uint32_t i = t->pos;
	/* One plain space, the common case, with no branch; any other white
	 * space, ASCII and Unicode, after the fast path. */
	uint8_t flags = i < t->end && t->s[i] == ' ';
	i += flags; /* TF_SPACE == 1 */
#ifdef __SSE2__
	/* Most tokens are words of up to 15 ASCII letters: one 16-byte load
	 * gives the letters' count, the folded words W1 and W2 the hash
	 * (lexicon_mix) and the class come from, and the case flags, with no
	 * loop over letters.  Anything else (a hyphen, an apostrophe, a digit
	 * or a non-ASCII byte after the letters, a single letter and a dot, a
	 * longer word, one that runs past the end, the last 16 bytes the
	 * cursor may read) takes the byte loop below, as do white space other
	 * than one plain space, numbers and punctuation not served next. */
	if (i < t->end && i + LEXICON_READ_AHEAD <= t->limit) {
		const __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t->s + i));
		__m128i lo;
		unsigned let = lexicon_sse_letters(x, &lo);
		if (let & 1) {
			uint32_t n = (uint32_t)__builtin_ctz(~let); /* 1 to 16 */
			if (n < 16 && short_word_ends(t, i, n)) {
				uint64_t w1, w2;
				lexicon_sse_words(lo, n, &w1, &w2);
				/* Bit 0x20 of each byte, the lowercase letters. */
				unsigned low = (unsigned)_mm_movemask_epi8(_mm_slli_epi16(x, 2)) & ((1u << n) - 1);
				return short_word(t, out, i, n, w1, w2, flags, low);
			}
		}
	}
#endif
	while (i < t->end) {
		unsigned char c = t->s[i];
		if (c < 0x80) {
			if (!(utf8_class[c] & CC_SPACE))
				break;
			flags |= TF_SPACE;
			if (c == '\n')
				flags |= TF_NEWLINE;
			i++;
		} else {
			uint32_t l, cp = at(t, i, &l);
			if (!utf8_is_space(cp))
				break;
			flags |= TF_SPACE;
			i += l;
		}
	}
	if (i >= t->end) {
		t->pos = t->end;
		return 0;
	}
#ifndef __SSE2__
	/* Most tokens are words of up to 15 ASCII letters: read eight bytes
	 * at a time, no loop over letters; the hash (lexicon_mix) and the
	 * class come from the same two words.  Anything else (a hyphen, an apostrophe, a digit or a
	 * non-ASCII byte after the letters, a single letter and a dot, a
	 * longer word, one that runs past the end, the last 16 bytes the
	 * cursor may read) takes the byte loop below. */
	if (i + LEXICON_READ_AHEAD <= t->limit && (utf8_class[t->s[i]] & (CC_UPPER | CC_LOWER))) {
		const uint64_t high = ~0ULL / 255 * 128, lower = ~0ULL / 255 * 0x20, top = 1ULL << 63;
		uint64_t v, v2;
		memcpy(&v, t->s + i, 8);
		memcpy(&v2, t->s + i + 8, 8);
		/* The letters' count N, 1 to 15, with no branch (TOP keeps ctz
		 * defined; 16 letters or more read as 15 and fail below, the
		 * 16th being no word end). */
		uint64_t m = ~lexicon_swar_letters(v) & high, m2 = ~lexicon_swar_letters(v2) & high;
		uint32_t n1 = (uint32_t)__builtin_ctzll(m | top) >> 3, n2 = (uint32_t)__builtin_ctzll(m2 | top) >> 3;
		uint32_t n = m ? n1 : 8 + n2;
		n2 = m ? 0 : n2;
		uint64_t keep1 = ~0ULL >> (64 - 8 * (m ? n1 : 8)), keep2 = (~0ULL >> 1) >> (63 - 8 * n2);
		uint64_t w1 = (v | lower) & keep1, w2 = (v2 | lower) & keep2;
		uint64_t low = ((v & keep1) | (v2 & keep2)) & lower;
		if (short_word_ends(t, i, n)) {
			return short_word(t, out, i, n, w1, w2, flags, low != 0);
		}
	}
#endif
	/* Next most common: a plain number ("12", "1987," but not "1,200" or
	 * "5th") and ASCII punctuation, as the byte loop cuts them. */
	unsigned c0 = t->s[i], k0 = utf8_class[c0];
	if ((k0 & CC_DIGIT) && i + LEXICON_READ_AHEAD <= t->limit) {
		uint64_t v;
		memcpy(&v, t->s + i, 8);
		uint64_t m = ~lexicon_swar_digits(v) & (~0ULL / 255 * 128);
		uint32_t e = i + ((uint32_t)__builtin_ctzll(m | 1ULL << 63) >> 3);
		unsigned c = e < t->end ? t->s[e] : ' ';
		/* A separator goes on with a digit after it, in the span. */
		int more = (c == ',' || c == '.') && e + 1 < t->end && t->s[e + 1] >= '0' && t->s[e + 1] <= '9';
		if (m && e <= t->end && !more && !(utf8_class[c] & (CC_UPPER | CC_LOWER))) {
			*out = (token){.w1 = 1, .start = i, .end = e, .cp = c0, .kind = TK_NUM, .flags = flags, .cls = TC_UNKNOWN};
			t->pos = e;
			return 1;
		}
	} else if ((k0 & CC_PUNCT) && c0 != '\'' && c0 != '.') {
		*out = (token){.w1 = 1, .start = i, .end = i + 1, .cp = c0, .kind = TK_PUNCT, .flags = flags,
			       .cls = c0 == '-' ? TC_NUMBER | TC_TIME : 0};
		t->pos = i + 1;
		return 1;
	}
	uint32_t len, cp = at(t, i, &len), end, hash = 0;
	uint8_t kind;
	/* The first code point's class: the byte table for ASCII. */
	unsigned k = cp < 0x80 ? utf8_class[cp]
		     : utf8_is_letter(cp) ? (utf8_is_upper(cp) ? CC_UPPER : utf8_is_lower(cp) ? CC_LOWER : CC_HIGH)
					  : 0;
	if (k & CC_DIGIT) {
		kind = TK_NUM;
		end = scan_number(t, i);
	} else if (k & (CC_UPPER | CC_LOWER | CC_HIGH)) {
		kind = TK_WORD;
		end = scan_word(t, i, &flags);
		hash = lexicon_word_hash((const char *)t->s + i, end - i);
		/* TF_CAP or TF_LOWER by the class bits, with no branch. */
		flags |= (uint8_t)(((k & CC_UPPER) ? TF_CAP : 0) | ((k & (CC_UPPER | CC_LOWER)) == CC_LOWER ? TF_LOWER : 0));
	} else if (possessive(t, i)) {
		kind = TK_WORD;
		flags |= TF_POSS | TF_LOWER;
		end = i + apostrophe(t, i) + 1;
		hash = lexicon_word_hash((const char *)t->s + i, end - i);
	} else if (cp == '.' && i + 2 < t->end && t->s[i + 1] == '.' && t->s[i + 2] == '.') {
		kind = TK_PUNCT;
		end = i + 3;
		while (end < t->end && t->s[end] == '.')
			end++;
	} else {
		kind = TK_PUNCT;
		end = i + len;
	}
	/* The class where it is plain: most words have none (no class bit,
	 * no hyphen, no final digit, too short for an ISO date). */
	uint8_t cls = TC_UNKNOWN;
	if (kind == TK_PUNCT)
		cls = (uint8_t)(((cp == '-' || cp == '\'' || cp == 0x2019) ? TC_NUMBER | TC_TIME : 0) |
				((cp == '.' || cp >= 0xBC) ? TC_MARK : 0));
	else if (kind == TK_WORD && !lexicon_class_maybe(t->lx, hash) && !(flags & TF_HYPHEN) &&
		 end - i <= 10 && !(t->s[end - 1] >= '0' && t->s[end - 1] <= '9'))
		cls = 0;
	out->start = i;
	out->end = end;
	out->cp = cp;
	out->hash = hash;
	out->kind = kind;
	out->flags = flags;
	out->cls = cls;
	out->w1 = token_pack((const char *)t->s, out);
	t->pos = end;
	return 1;
}

int token_next(tokenizer *t, token *out) { return next_token(t, out); }

size_t token_run_classes(tokenizer *t, token *out, size_t max, uint8_t *cls, uint32_t *todo, size_t *ntodo)
{
	/* A local copy: the stores into OUT (uint8_t fields may alias
	 * anything) would otherwise reload the cursor at every token. */
	tokenizer tk = *t;
	size_t n = 0, k = 0;
	while (n < max && next_token(&tk, &out[n])) {
		uint8_t c = out[n].cls;
		cls[n] = c;
		todo[k] = (uint32_t)n; /* kept only when unknown: no branch */
		k += (c & TC_UNKNOWN) != 0;
		n++;
	}
	*t = tk;
	*ntodo = k;
	return n;
}
