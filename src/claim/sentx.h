/*
 * sentx: one sentence as the claim rules see it: its tokens, the entity
 * mentions over them, and the phrase helpers the rules share (actor
 * phrases before a verb or after "according to", parties built from
 * them).  Internal to src/claim/.
 */
#ifndef ATTEST_CLAIM_SENTX_H
#define ATTEST_CLAIM_SENTX_H

#include <string.h>

#include "base/arena.h"
#include "claim/claim.h"
#include "claim/lexc.h"

#define SENT_MAX_MENTIONS 64
#define ARTICLE_MAX_PERSONS 64
#define ARTICLE_MAX_SOURCES 128

typedef struct mention {
	uint32_t a, b;            /* token range */
	uint8_t cls;              /* GZ_*, after the place/actor decision */
	const gzentry *g;         /* NULL for a name found by its shape */
	const char *canonical;    /* what the mention stands for as an actor */
} mention;

/* What an article remembers from one sentence to the next. */
typedef struct article_ctx {
	arena *a;
	struct person { const char *surname, *full; size_t slen; } persons[ARTICLE_MAX_PERSONS];
	size_t npersons;
	party last_source;        /* the last explicit source, for "the report said" */
	uint32_t last_source_sent;
	party last_person;        /* the last person named, for "he said" */
	party last_actor;         /* the last body or country named, for "it said" */
	party sources[ARTICLE_MAX_SOURCES]; /* each sentence's source, in text order */
	size_t nsources;
	uint32_t sent_no;
} article_ctx;

typedef struct sentx {
	const char *text;
	span sp;
	const token *t;
	size_t n;
	uint32_t article;
	mention m[SENT_MAX_MENTIONS];
	size_t nm;
	int8_t *mat;              /* per token: index of its mention, or -1 */
	uint8_t *timed;           /* per token: 1 when inside a time record */
	uint32_t *cw;             /* per token: claim_word_bits (CW_*) */
	uint16_t *fb;             /* per token: phrase_first_bits */
	uint8_t *role, *role_len; /* per token: the role map's match, cached */
	uint8_t *say, *say_len;   /* per token: the speech map's match, cached */
	const claimlex *L;
	article_ctx *ax;
} sentx;

/* Finds the mentions of S (gazetteer, titled names, names before speech
 * verbs, known surnames) and records new persons in S->ax. */
void sentx_mentions(sentx *s);

/* Sets up S over tokens T[0..N) with per-token scratch from SCRATCH
 * (a byte vec); marks the tokens inside the time records TM[0..NT) (so
 * that "in April" is no place); finds the mentions.  -1 when memory runs
 * out. */
int sentx_init(sentx *s, const char *text, span sp, const token *t, size_t n, uint32_t article,
	       article_ctx *ax, vec *scratch, const trec *tm, size_t nt);

/* Tokenizes TEXT[SP] into TOKENS (at most CLAIM_MAX_TOKENS) and sets S
 * up over them: 0, 1 when there is no token, -1 when memory runs out. */
int sentx_load(sentx *s, const char *text, span sp, uint32_t article, article_ctx *ax, vec *tokens, vec *scratch,
	       const trec *tm, size_t nt);

/* phrase_match on S, gated by the first-word bits: the longest phrase of
 * PM at token I, its value, and its length in *LEN. */
int sx_match(const sentx *s, const phrasemap *pm, size_t i, size_t *len);

/* The number of name words (capitalized, not a mention, not a speech
 * verb) from token I, at most MAX. */
size_t name_run(const sentx *s, size_t i, size_t max);

/* Token predicates.  tok_is is inline so that strlen of a literal W
 * folds at compile time (the rules call it for most tokens). */
static inline int tok_is(const sentx *s, size_t i, const char *w)
{
	return i < s->n && token_is(s->text, &s->t[i], w, strlen(w));
}
/* Is token I a word of one of the classes CW (CW_* bits)? */
static inline int tok_in(const sentx *s, size_t i, unsigned cw) { return i < s->n && (s->cw[i] & cw); }
int tok_word(const sentx *s, size_t i);
int tok_cap(const sentx *s, size_t i);
int tok_punct(const sentx *s, size_t i, char c);
int tok_role(const sentx *s, size_t i, size_t *len);   /* RL_ROLE/RL_MOD or 0 */

/* The actor phrase that ends right before token V (its subject), skipping
 * auxiliaries, adverbs and time phrases; [*A, *B) or 0 when none. */
int np_before(const sentx *s, size_t v, size_t *a, size_t *b);

/* The actor phrase that starts at token I ("according to ___"). */
int np_after(const sentx *s, size_t i, size_t *a, size_t *b);

/* Does [A, B) name an actor: a mention, a role word or a pronoun? */
int np_is_actor(const sentx *s, size_t a, size_t b, int allow_roles);

/* The party of tokens [A, B): span and canonical names of its mentions. */
party party_of(const sentx *s, size_t a, size_t b);

/* The token index of the first token at or after byte offset OFF. */
size_t tok_at(const sentx *s, uint32_t off);

/* The quotes of ARTICLE with their speakers (quote.c). */
int claim_quotes(const claim_input *in, size_t article, article_ctx *ax);

#endif
