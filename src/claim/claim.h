/*
 * claim: stage 6, sentences + quantities + times -> who says what.
 * Entities (gazetteer and name shapes), attribution, direct quotes,
 * stances and count claims.  Reads the records of stage 5; appends to the
 * vecs below.  Strings (canonical names, hedges) point either into the
 * compiled lexicons (static) or into the document's arena.
 * Owns: nothing; the caller owns the vecs and the arena.
 */
#ifndef ATTEST_CLAIM_H
#define ATTEST_CLAIM_H

#include <stddef.h>
#include <stdint.h>

#include "base/span.h"
#include "attest.h"
#include "extract/extract.h"

typedef enum ekind {
	EK_PERSON = 0, EK_ORGANIZATION, EK_COUNTRY, EK_PLACE, EK_GROUP, EK_KINDS
} ekind;

extern const char *const ekind_names[EK_KINDS];

/* An entity mention: "Pyongyang" as an actor -> "North Korea". */
typedef struct erec {
	span sp;
	const char *canonical;
	uint8_t kind;        /* ekind */
	uint32_t article;
} erec;

#define PARTY_MAX_NAMES 4

/* Who: the source of a claim, a quote's speaker or a stance's actor.  A
 * party with present == 0 is JSON null (the article's own voice). */
typedef struct party {
	span sp;
	const char *canonical[PARTY_MAX_NAMES]; /* "Ukraine", "South Korea" */
	uint8_t ncanonical;
	uint8_t present;
	uint8_t anaphoric;   /* "the report": may take the names of an earlier source */
} party;

typedef enum measure {
	MS_DEPLOYED = 0, MS_KILLED, MS_WOUNDED, MS_CASUALTIES, MS_CAPTURED,
	MS_MISSING, MS_DEFECTED, MS_OTHER, MS_KINDS
} measure;

extern const char *const measure_names[MS_KINDS];

#define CLAIM_MAX_HEDGES 4

/* A count claim: a number of people or units for a measure. */
typedef struct crec {
	span sp;                 /* the sentence */
	uint8_t measure;         /* measure */
	span subject;            /* "North Koreans" */
	const char *subject_canonical;  /* "North Korean troops" */
	qrec value;              /* value.sp is the value span */
	party source;
	pdate tstart, tend;      /* valid when has_time */
	uint8_t has_time;
	uint8_t nhedges;
	const char *hedges[CLAIM_MAX_HEDGES];  /* "reportedly", "estimated" */
	uint32_t article;
} crec;

/* A direct quotation; sp covers the quoted words without the marks. */
typedef struct quoterec {
	span sp;
	uint8_t partial;
	party speaker;
	uint32_t article;
} quoterec;

typedef enum stance_kind {
	ST_DENY = 0, ST_CONFIRM, ST_ACKNOWLEDGE, ST_NONDENIAL, ST_KINDS
} stance_kind;

extern const char *const stance_names[ST_KINDS];

typedef struct strec {
	span sp;            /* the sentence */
	uint8_t stance;     /* stance_kind */
	party actor;        /* one actor a record */
	span about;         /* what is denied or confirmed; may be empty */
	uint32_t article;
} strec;

/* What stage 6 reads and where it writes; sentences, quantities and times
 * are in text order.  TOKENS (token) and SCRATCH (bytes) are reused
 * scratch vecs; strings go into arena A. */
#define CLAIM_MAX_TOKENS 2048

struct arena;
typedef struct claim_input {
	const char *text;
	const attest_sentence *sent;
	size_t nsent;
	const para *paras;
	size_t npara;
	const qrec *q;
	size_t nq;
	const trec *tm;
	size_t nt;
	struct arena *a;
	vec *tokens, *scratch;
	vec *entities, *claims, *quotes, *stances;
} claim_input;

/* Runs the claim rules over all articles; -1 when memory runs out. */
int claim_run(const claim_input *in);

#endif
