/*
 * lexc: the claim layer's word lists (data/gazetteer, speech, stances,
 * measures, counted, hedges, titles), as phrase maps matched on tokens,
 * and its closed word classes (data/claim_words), as one word map.
 * A phrase key is its words folded to lowercase ASCII (curly apostrophes
 * to '), joined by a space where the text has one; every proper prefix of
 * a phrase is in the map with value 0, so a longest match stops at the
 * first miss.
 * Owns: the maps, built once for the life of the process.
 */
#ifndef ATTEST_CLAIM_LEXC_H
#define ATTEST_CLAIM_LEXC_H

#include <stddef.h>
#include <stdint.h>

#include "lex/lexicon.h"
#include "seg/seg.h"

typedef struct phrasemap {
	lexmap m;
	unsigned max_words;
	unsigned id;          /* its bit in claimlex.first */
} phrasemap;

/* Gazetteer classes, in data/gazetteer.txt order of the CLASS names. */
enum {
	GZ_NONE = 0, GZ_COUNTRY, GZ_DEMONYM, GZ_SEAT, GZ_PLACE, GZ_PERSON, GZ_ORG, GZ_MEDIA, GZ_INTL, GZ_GROUP
};

typedef struct gzentry {
	const char *canonical;
	const char *country;   /* NULL when none */
	const char *adjective; /* demonym lines: the first alias ("North Korean") */
	uint8_t cls;           /* GZ_* */
} gzentry;

/* Classes of data/speech.txt, titles.txt, counted.txt. */
enum { SP_SAY = 1, SP_TELL, SP_COLON };
enum { RL_ROLE = 1, RL_MOD = 2, RL_SKIP = 3, RL_PLACE = 4 };   /* values of the role map */
enum { CN_TROOPS = 1, CN_PEOPLE, CN_UNITS };
#define ST_OBJECT (ST_KINDS + 1)
/* Stance nouns (data/stances.txt): ST_NOUN + stance kind; ST_NSELF (an
 * acknowledgement of the actor's own part only); ST_NMOD (a word between
 * a possessor and the noun). */
#define ST_NOUN (ST_KINDS + 2)
#define ST_NSELF (ST_NOUN + ST_NONDENIAL)
#define ST_NMOD (ST_NSELF + 1)

/* Classes of data/claim_words.txt: bits of the word map's values. */
enum {
	CW_REPORTED_BY = 1 << 0, CW_ESTIMATE_NOUN = 1 << 1, CW_COUNT_INTRO = 1 << 2, CW_PREPOSITION = 1 << 3,
	CW_LOSS_VERB = 1 << 4, CW_PLACE_PREP = 1 << 5, CW_CLAUSE_OPENER = 1 << 6, CW_BE_VERB = 1 << 7,
	CW_BE_FINITE = 1 << 8, CW_AUXILIARY = 1 << 9, CW_DETERMINER = 1 << 10, CW_ARTICLE = 1 << 11,
	CW_PRONOUN = 1 << 12, CW_ANAPHOR = 1 << 13, CW_CONTRAST = 1 << 14, CW_ABOUT_STOP = 1 << 15,
	CW_COUNT_STOP = 1 << 16, CW_COUNT_LINK = 1 << 17, CW_WAR_WORD = 1 << 18, CW_VERB_SKIP = 1 << 19,
	CW_NOUN_MARKER = 1 << 20, CW_TRIM_HEAD = 1 << 21, CW_TRIM_TAIL = 1 << 22, CW_SUBORDINATOR = 1 << 23,
	CW_POSSESSIVE = 1 << 24, CW_NEGATION = 1 << 25, CW_WAR_TALK = 1 << 26, CW_CIVIL_TROOP = 1 << 27,
	CW_TALLY_NOUN = 1 << 28, CW_COUNT_END = 1 << 29, CW_CLASSES = 30
};
/* The class names of data/claim_words.txt, in CW_* bit order. */
extern const char *const claim_word_classes[CW_CLASSES];

typedef struct claimlex {
	phrasemap gaz;        /* -> 1 + index into gz */
	const gzentry *gz;
	phrasemap speech;     /* -> SP_* */
	phrasemap stance;     /* -> 1 + stance_kind, or ST_OBJECT (a refusal's object) */
	phrasemap mverb;      /* -> 1 + measure */
	phrasemap mnoun;      /* -> 1 + measure */
	phrasemap mpre;       /* -> 1 + measure; only before the number */
	phrasemap counted;    /* -> CN_* */
	phrasemap hedge;      /* -> 1 + index into hedge_names */
	const char *const *hedge_names;
	phrasemap title;      /* case-sensitive, -> 1 */
	phrasemap role;       /* -> RL_ROLE, RL_MOD, RL_SKIP or RL_PLACE */
	lexmap first;         /* folded first word -> bits (1 << id) of the maps
	                       * with a phrase that starts with it */
	lexmap demonym_of;    /* country canonical -> 1 + index of its demonym line */
	lexmap words;         /* lowercase word -> CW_* bits (data/claim_words.txt) */
} claimlex;

const claimlex *claimlex_get(void);

/* The CW_* bits of word token T (0 for other tokens): one probe. */
unsigned claim_word_bits(const char *text, const token *t);

/* The bits of claimlex.first for token T (0 when no phrase starts there). */
unsigned phrase_first_bits(const char *text, const token *t);

/* The longest phrase of PM starting at token I of T[0..N): its value (>0)
 * and its length in tokens in *LEN; 0 when none. */
int phrase_match(const phrasemap *pm, const char *text, const token *t, size_t n, size_t i, size_t *len);

/* Case-sensitive variant, for maps built with fold == 0 (titles). */
int phrase_match_exact(const phrasemap *pm, const char *text, const token *t, size_t n, size_t i, size_t *len);

#endif
