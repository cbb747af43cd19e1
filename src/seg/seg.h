/*
 * seg: stage 3, paragraphs -> tokens -> sentences, as spans only.
 *
 * The tokenizer is a cursor over the text that yields one token per call;
 * the sentence splitter consumes it with a few tokens of lookahead, so the
 * whole stage needs no token arrays and runs in constant memory whatever
 * the paragraph length.
 * Owns: nothing.
 */
#ifndef ATTEST_SEG_H
#define ATTEST_SEG_H

#include <stddef.h>
#include <stdint.h>

#include "base/span.h"
#include "lex/lexicon.h"

typedef enum token_kind {
	TK_WORD = 1, /* letters, with inner hyphens/apostrophes/digits; U.S. */
	TK_NUM,      /* digits with , and . separators, maybe a suffix (12k, 5th) */
	TK_PUNCT     /* one punctuation or symbol character; "..." as one */
} token_kind;

enum {
	TF_SPACE = 1 << 0,    /* white space (or the start) precedes the token */
	TF_CAP = 1 << 1,      /* starts with an uppercase letter */
	TF_LOWER = 1 << 2,    /* starts with a lowercase letter */
	TF_ALLCAPS = 1 << 3,  /* two or more letters, all uppercase */
	TF_DOTTED = 1 << 4,   /* a dotted abbreviation (U.S., a.m.) incl. its final dot */
	TF_POSS = 1 << 5,     /* the possessive 's split off a word */
	TF_NEWLINE = 1 << 6,  /* a line break precedes the token */
	TF_HYPHEN = 1 << 7    /* a word with an inner hyphen ("mid-February") */
};

typedef struct token {
	uint64_t w1;   /* a word of 1 to 7 bytes: each byte | 0x20, little-endian,
	                * zero-padded (token_word compares it at once); 1 for any
	                * other token; 0 = not known.  A token copied and then cut
	                * must set it to 0, as its hash. */
	uint32_t start, end;
	uint32_t cp;   /* first code point */
	uint32_t hash; /* words: lexicon_word_hash of the bytes; 0 = not known.  A
	                * token copied and then cut must set it to 0. */
	uint8_t kind;  /* token_kind */
	uint8_t flags; /* TF_* */
	uint8_t cls;   /* the tokenizer: the TC_* bits (lex/lexicon.h) where they are
	                * plain (punctuation, a word with no class), else
	                * TC_UNKNOWN for extract_classes to settle (with a
	                * number word's own bits) */
} token;

typedef struct tokenizer {
	const unsigned char *s;
	uint32_t pos, end;
	uint32_t limit; /* the bytes the cursor may read: TEXT[0..limit), limit >= end */
	const lexicons *lx;
} tokenizer;

/* A cursor over TEXT[start..end) that reads no byte at or past END. */
void token_init(tokenizer *t, const char *text, uint32_t start, uint32_t end);
/* The same where TEXT[0..LIMIT) may be read, LIMIT past END (the rest of
 * a document, padding): the word fast path then serves the last words
 * too. */
void token_init_limit(tokenizer *t, const char *text, uint32_t start, uint32_t end, uint32_t limit);
/* Up to MAX next tokens into OUT; their count (fewer only at the end).
 * Each token's token.cls also goes into CLS[i], and the index of each
 * token left TC_UNKNOWN into TODO (room for MAX), their count to *NTODO. */
size_t token_run_classes(tokenizer *t, token *out, size_t max, uint8_t *cls, uint32_t *todo, size_t *ntodo);

/* token.w1 of token T of TEXT. */
static inline uint64_t token_pack(const char *text, const token *t)
{
	uint32_t n = t->end - t->start;
	if (t->kind != TK_WORD || n >= 8)
		return 1;
	uint64_t p = 0;
	for (uint32_t i = 0; i < n; i++)
		p |= (uint64_t)((unsigned char)text[t->start + i] | 0x20) << (8 * i);
	return p;
}

/* Is token T the word W (N bytes, lowercase ASCII), in any case?  Inline:
 * with a literal W the length folds at compile time. */
static inline __attribute__((always_inline)) int token_is(const char *text, const token *t, const char *w, size_t n)
{
	/* A short W (lowercase letters, digits, ' . -: bit 0x20 set in each)
	 * against the token's packed bytes: one compare, no length test. */
	if (n < 8 && t->w1) {
		uint64_t p = 0;
		for (size_t i = 0; i < n; i++)
			p |= (uint64_t)(unsigned char)w[i] << (8 * i);
#ifdef ATTEST_DEBUG
		if (t->w1 != token_pack(text, t))
			__builtin_trap();
#endif
		return t->w1 == p;
	}
	if (t->kind != TK_WORD || t->end - t->start != n)
		return 0;
	const char *s = text + t->start;
	for (size_t i = 0; i < n; i++)
		if ((s[i] | 0x20) != w[i] && s[i] != w[i])
			return 0;
	return 1;
}
/* Is token T the word W (a NUL-terminated lowercase ASCII string), in
 * any case?  No strlen: a table of words is walked byte by byte and most
 * words fail on their first byte. */
static inline int token_is_z(const char *text, const token *t, const char *w)
{
	if (t->kind != TK_WORD)
		return 0;
	const char *s = text + t->start;
	uint32_t n = t->end - t->start, i = 0;
	for (; i < n; i++)
		if (!w[i] || ((s[i] | 0x20) != w[i] && s[i] != w[i]))
			return 0;
	return w[i] == '\0';
}

/* The word's lexicon_word_hash: the tokenizer's, or computed for a token
 * made by hand.  The debug build checks that a token cut from another
 * one did not keep a stale hash. */
static inline uint32_t token_hash(const char *text, const token *t)
{
#ifdef ATTEST_DEBUG
	if (t->hash && t->hash != lexicon_word_hash(text + t->start, t->end - t->start))
		__builtin_trap();
#endif
	return t->hash ? t->hash : lexicon_word_hash(text + t->start, t->end - t->start);
}

/* token_is for a literal W (its length folds at compile time: a word of
 * another length fails at once), token_is_z for a W from a table. */
#define token_word(text, t, w)                                                                             \
	(__builtin_constant_p(__builtin_strlen(w)) ? token_is((text), (t), (w), __builtin_strlen(w))         \
						   : token_is_z((text), (t), (w)))

/* The next token into *OUT; 0 at the end. */
int token_next(tokenizer *t, token *out);

/* Calls FN(sentence span, CTX) for each sentence of the paragraph
 * TEXT[SP.start, SP.end).  Sentences are trimmed; a terminator's closing
 * quotes and brackets belong to its sentence.  Returns the count. */
typedef void (*sentence_fn)(span sentence, void *ctx);
uint32_t sentence_split(const char *text, span sp, sentence_fn fn, void *ctx);

#endif
