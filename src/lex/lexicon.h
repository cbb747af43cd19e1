/*
 * lexicon: the word lists of data/ files.txt, compiled in by tools/genlex, as
 * hash maps built once (lexicon_get() under pthread_once).  This module knows
 * the files' formats, not any pipeline stage; every stage may use it.
 * Owns: the maps, for the life of the process.
 */
#ifndef ATTEST_LEXICON_H
#define ATTEST_LEXICON_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* A string -> int map with exact (byte) keys; keys point into the
 * compiled-in data and are not copied. */
typedef struct lexmap {
	struct lexslot {
		const char *key;
		uint32_t len;
		int value;
	} *slots;
	uint32_t mask;
	/* A bit per 8 slots' worth of keys, set for each key's hash (one
	 * multiply and shift away from the slot's bits): most absent words
	 * cost one test and no probe. */
	uint8_t *filter;
	uint32_t filter_shift;
} lexmap;

/* The value stored for the N bytes at S, or -1 when absent. */
int lexmap_get(const lexmap *m, const char *s, size_t n);
/* The same for S in any case (A-Z folded), given H = lexicon_word_hash(S,
 * N): the tokenizer computes H while it cuts a word (token.hash). */
int lexmap_get_hashed(const lexmap *m, const char *s, size_t n, uint32_t h);
/* The lexmaps' hash of S[0..N) with A-Z folded to lowercase: lexicon_mix
 * for a word of 1 to 15 ASCII letters, FNV-1a of the folded bytes for any
 * other. */
uint32_t lexicon_word_hash(const char *s, size_t n);

/* For other modules' own maps (src/claim/lexc.c): an empty map with room
 * for EXPECTED keys; adding a key (the first value for a key wins; keys
 * are not copied). */
void lexmap_init(lexmap *m, size_t expected);
void lexmap_put(lexmap *m, const char *key, size_t n, int value);
/* Adds KEY or overwrites its value. */
void lexmap_set(lexmap *m, const char *key, size_t n, int value);

struct lexicon_file;
/* The compiled-in data file data/NAME.txt (aborts when missing). */
const struct lexicon_file *lexicon_file_named(const char *name);
/* Field K (0-based, TAB-separated) of ENTRY and its length, or NULL. */
const char *lexicon_field(const char *entry, unsigned k, size_t *len);

/* Classes of data/abbrev.txt. */
enum { ABBR_TITLE = 1, ABBR_NUM, ABBR_MONTH, ABBR_END };

/* Classes of data/numbers.txt, data/qmod.txt (and data/qpost.txt, which
 * adds QMOD_INCL) and data/qlabel.txt. */
enum { NUMW_UNIT = 1, NUMW_TEN, NUMW_HUNDRED, NUMW_SCALE, NUMW_DOZEN, NUMW_VAGUE, NUMW_ORD, NUMW_FRAC };
enum { QMOD_GT = 1, QMOD_GE, QMOD_LT, QMOD_LE, QMOD_APPROX, QMOD_NEAR, QMOD_INCL };
enum { QLABEL_BEFORE = 1, QLABEL_AFTER };
enum { QUNIT_PERCENT = 1, QUNIT_MONEY, QUNIT_AGE, QUNIT_DURATION }; /* data/qunits.txt */
enum { TENSE_PAST = 1, TENSE_FUTURE };                                 /* data/tense.txt */

/* Token classes (lexicon_token_class): what a word may open, and whether
 * it can anchor a time expression: TC_ANCHOR for any number word, month,
 * weekday or word of data/time_anchors.txt, TC_STRONG for the last three
 * alone (a number word anchors a date only beside one of them).
 * TC_MARK is punctuation alone: a dot or a sign from U+00BC on (fractions,
 * curly quotes), the marks that may open an amount (".5", "½").
 * TC_UNKNOWN marks a token the tokenizer left for extract_classes; with
 * other bits, they are the word's own class and only its context is left
 * (a number word: "in nineteen ninety"). */
enum { TC_NUMBER = 1, TC_TIME = 2, TC_ANCHOR = 4, TC_STRONG = 8, TC_MARK = 0x10, TC_UNKNOWN = 0x80 };

/* The TC_* bits of the N bytes at S (a word, any case). */
int lexicon_token_class(const char *s, size_t n);
/* The same, given H, the word's lexicon_word_hash (token.hash). */
int lexicon_token_class_hashed(const char *s, size_t n, uint32_t h);

/* Classes of data/furniture.txt (FURN_NONE = 0 is "not furniture"). */
enum {
	FURN_NONE = 0, FURN_COPYRIGHT, FURN_DONATE, FURN_SUBSCRIBE, FURN_SHARE, FURN_NAV,
	FURN_FORM, FURN_LOGO, FURN_COOKIE, FURN_AD, FURN_COMMENT, FURN_COUNT
};

typedef struct lexicons {
	lexmap abbrev;        /* "Dr" -> ABBR_TITLE ... (case-sensitive) */
	lexmap starters;      /* sentence-initial words, as capitalized */
	lexmap months;        /* folded name or abbreviation -> 1..12 */
	lexmap weekdays;      /* folded name or abbreviation -> 0 (Monday)..6 */
	lexmap tense;         /* data/tense.txt: verb form -> TENSE_* */
	lexmap furniture;     /* folded phrase -> FURN_*; proper prefixes -> 0 */
	uint8_t first_bits[65536];  /* (first two bytes, length) of first words */
	uint8_t anchor_bits[65536]; /* the same for each phrase's longest word */
	lexmap teaser;        /* folded phrase -> 1; proper prefixes -> 0 */
	lexmap agency;        /* credit agency, case-sensitive -> 1 */
	const char *const *credit_markers; /* folded prefixes, NULL-terminated */
	const uint32_t *credit_marker_len;
	unsigned char credit_first[256]; /* 1 + index of the first marker with that first byte */
	unsigned furniture_max_words, teaser_max_words;
	lexmap numwords;      /* folded number word -> index into num_value/num_class */
	const double *num_value;
	const uint8_t *num_class; /* NUMW_* */
	lexmap qmod;          /* folded bound/hedge phrase -> QMOD_*; prefixes -> 0 */
	lexmap qmod_tail;     /* every tail of whole words of a qmod phrase -> its QMOD_* if a phrase, else 0 */
	lexmap qpost;         /* closing hedge after a number ("or more") -> QMOD_* */
	lexmap qunits;        /* unit word after a number ("percent") -> QUNIT_* */
	lexmap qlabel;        /* word that makes a number a label ("page") -> QLABEL_* */
	lexmap token_class;   /* folded word -> TC_* bits */
	uint8_t tc_bits[8192]; /* hash bits of token_class's keys */
	struct lexword {       /* token_class's keys of 1 to 15 letters (the tokenizer's) */
		uint64_t w1, w2; /* as lexicon_mix takes them, the class in w2's top byte; w1 == 0: an empty slot */
	} *tc_words;           /* open addressing on lexicon_mix */
	uint32_t tc_words_mask;
	uint8_t qt_bits[8192]; /* the same for the words that carry a quantity or a time */
	const char *const *html_hints; /* data/html_hints.txt entries, NULL-terminated */
} lexicons;

/* The lexicons, built on first use; never NULL (aborts only if the
 * compiled-in data is malformed or memory runs out at start-up). */
const lexicons *lexicon_build_once(void);
extern _Atomic(const lexicons *) lexicon_built;
static inline const lexicons *lexicon_get(void)
{
	/* Built once (thread-safe); after that one load, no call. */
	const lexicons *l = atomic_load_explicit(&lexicon_built, memory_order_acquire);
	return l ? l : lexicon_build_once();
}

/* The bytes of V (little-endian) that are ASCII letters: 0x80 in each. */
static inline uint64_t lexicon_swar_letters(uint64_t v)
{
	const uint64_t ones = ~0ULL / 255, high = ones * 128, low7 = ones * 127;
	uint64_t x = v | ones * 0x20; /* A-Z to a-z; 'a'..'z' is 0x61..0x7A */
	return (ones * (127 + 0x7B) - (x & low7)) & ~x & ((x & low7) + ones * (127 - 0x60)) & high;
}

/* The bytes of V that are ASCII digits: 0x80 in each (bytes of 0x80 and
 * up never count; no borrow or carry crosses a byte). */
static inline uint64_t lexicon_swar_digits(uint64_t v)
{
	const uint64_t ones = ~0ULL / 255, high = ones * 128, low7 = ones * 127;
	return (ones * (127 + ':') - (v & low7)) & ~v & ((v & low7) + ones * (127 - '/')) & high;
}

#ifdef __SSE2__
/* Sixteen 0xFF then sixteen 0: from 16 - N on, a mask of N bytes. */
extern const unsigned char lexicon_keep16[32];

/* The ASCII letters among the 16 bytes X, a bit each (bit 0 first); *LO
 * gets the bytes | 0x20 (ASCII letters in lowercase). */
static inline unsigned lexicon_sse_letters(__m128i x, __m128i *lo)
{
	*lo = _mm_or_si128(x, _mm_set1_epi8(0x20));
	/* Bytes of 0x80 and up are negative: never in 'a'..'z'. */
	return (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(*lo, _mm_set1_epi8('a' - 1)),
							 _mm_cmplt_epi8(*lo, _mm_set1_epi8('z' + 1))));
}

/* The first N (0 to 16) bytes of LO as lexicon_mix's two words. */
static inline void lexicon_sse_words(__m128i lo, unsigned n, uint64_t *w1, uint64_t *w2)
{
	const __m128i k = _mm_and_si128(lo, _mm_loadu_si128((const __m128i *)(const void *)(lexicon_keep16 + 16 - n)));
	*w1 = (uint64_t)_mm_cvtsi128_si64(k);
	*w2 = (uint64_t)_mm_cvtsi128_si64(_mm_srli_si128(k, 8));
}
#endif

/* The bytes the word fast paths (the tokenizer, the prescan) read from
 * the start of a word: a text must have them readable past its last
 * word's start for every word to take the fast path. */
#define LEXICON_READ_AHEAD 16

/* The hash of a word of 1 to 15 ASCII letters (lexicon_word_hash): its
 * lowercase bytes as two little-endian 8-byte halves W1 and W2,
 * zero-padded (so the length is in them), by two multiplies.  The
 * tokenizer and the prescan compute it eight bytes at a time.  The best
 * bits of the product go low, where the maps' masks take them. */
/* A short lowercase word as lexicon_mix's W1 takes it. */
#define LEXICON_PACK3(a, b, c) ((uint64_t)(a) | (uint64_t)(b) << 8 | (uint64_t)(c) << 16)
#define LEXICON_PACK5(a, b, c, d, e) (LEXICON_PACK3(a, b, c) | (uint64_t)(d) << 24 | (uint64_t)(e) << 32)

static inline uint32_t lexicon_mix(uint64_t w1, uint64_t w2)
{
	uint64_t p = (w1 * 0x9E3779B97F4A7C15ULL) ^ (w2 * 0xC2B2AE3D27D4EB4FULL);
	uint32_t h = (uint32_t)(p >> 32);
	return h >> 16 | h << 16;
}

/* Could the word of hash H (lexicon_word_hash) have a token class?  The
 * inline first step of lexicon_token_class_hashed: most words stop here. */
#define LEXICON_QT_MASK 0xFFFFu
static inline int lexicon_class_maybe(const lexicons *lx, uint32_t h)
{
	uint32_t b = h & LEXICON_QT_MASK;
	return (lx->tc_bits[b >> 3] >> (b & 7)) & 1;
}

/* The TC_* bits of the word of 1 to 15 ASCII letters whose lowercase
 * halves are W1, W2 and whose lexicon_mix is H (token_class's value). */
static inline int lexicon_letters_class(const lexicons *lx, uint64_t w1, uint64_t w2, uint32_t h)
{
	if (!lexicon_class_maybe(lx, h))
		return 0;
	for (uint32_t j = h & lx->tc_words_mask;; j = (j + 1) & lx->tc_words_mask) {
		const struct lexword *e = &lx->tc_words[j];
		if (!e->w1)
			return 0;
		if (e->w1 == w1 && (e->w2 & (~0ULL >> 8)) == w2)
			return (int)(e->w2 >> 56);
	}
}

/* Folds N bytes of text to lowercase words separated by single spaces:
 * ASCII letters lowercased, curly apostrophes to ', other punctuation
 * dropped, non-ASCII letters kept as they are, a few symbols (©, ®, ™)
 * kept as words of their own.  Writes at most CAP-1 bytes plus NUL to OUT
 * and the start offset (in OUT) of each word to STARTS (at most MAXW).
 * Returns the number of words; *OUTLEN gets the folded length. */
size_t lexicon_fold(const char *s, size_t n, char *out, size_t cap, uint32_t *starts, size_t maxw,
		    size_t *outlen);

/* 0 when the N bytes at S surely hold no furniture phrase: a quick scan of
 * the raw words for the anchor (longest word) of some phrase, without
 * folding.  Text with
 * non-ASCII bytes always answers 1 (fold it to know). */
int lexicon_may_have_furniture(const char *s, size_t n);

/* 0 when the N bytes at S hold no digit and no word that can carry a
 * quantity or a time (a number word, a month or weekday name, a time
 * anchor): such a sentence makes no quantity or time record, and the
 * extractors skip it without tokenizing.  1 when they may.  READABLE >= N
 * bytes at S may be read (the rest of the text, padding): LEXICON_READ_AHEAD
 * past the end lets the last words take the fast path. */
int lexicon_may_have_quantity(const char *s, size_t n, size_t readable);

/* Looks for the furniture phrases in folded text (from lexicon_fold).
 * Returns the class of the first match of class WANT (any class when WANT
 * is 0), or 0.  Only words that begin some phrase are tried. */
int lexicon_find_furniture(const char *folded, size_t flen, const uint32_t *starts, size_t nwords,
			   int want);

#endif
