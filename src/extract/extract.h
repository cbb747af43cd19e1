/*
 * extract: stage 5, sentences -> records.  One rule file per record kind;
 * each reads the tokens of one sentence and appends records to a vec.
 * Times run before quantities and mark the tokens they use (years, days of
 * the month), so that a date is never also a count.
 * Owns: nothing; the caller owns the token arrays and the output vecs.
 */
#ifndef ATTEST_EXTRACT_H
#define ATTEST_EXTRACT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/buf.h"
#include "seg/seg.h"
#include "text/text.h"

typedef enum qkind {
	QK_COUNT = 0, QK_PERCENT, QK_MONEY, QK_ORDINAL, QK_AGE, QK_DURATION, QK_COUNT_KINDS
} qkind;

extern const char *const qkind_names[QK_COUNT_KINDS];

/* A number expression normalised to an interval. */
typedef struct qrec {
	span sp;
	double low, high;
	uint8_t has_low, has_high;      /* 0 = open end (JSON null) */
	uint8_t low_incl, high_incl;
	uint8_t approx, kind;           /* qkind */
	uint32_t article;
} qrec;

/* A date expression as an inclusive day interval; valid == 0 when it cannot
 * be resolved (JSON null). */
typedef struct trec {
	span sp;
	pdate start, end;
	uint8_t valid;
	uint8_t open_end;   /* 1: "after X", no end; 2: "before X", no start */
	uint8_t inferred;   /* the year was not written but inferred */
	uint32_t article;
} trec;

/* The reference date relative expressions resolve against: y == 0 when
 * unknown; d == 0 when only the month is known. */
typedef pdate refdate;

/* Appends the quantity records of tokens T[0..N) to OUT (a vec of qrec),
 * skipping tokens whose TAKEN flag is set; CLS from extract_classes. */
void quantity_extract(const char *text, const token *t, size_t n, const uint8_t *cls, const uint8_t *taken,
		      uint32_t article, vec *out);

/* Appends the time records of tokens T[0..N) to OUT (a vec of trec) and
 * sets TAKEN for the tokens they use. */
void time_extract(const char *text, const token *t, size_t n, const uint8_t *cls, uint8_t *taken, refdate ref,
		  uint32_t article, vec *out);

/* Completes CLS, the TC_* bits per token (lex/lexicon.h) that
 * token_run_classes set where they are plain: the NTODO tokens listed in
 * TODO get theirs.  The rules of both extractors start only at tokens
 * whose class allows it. */
void extract_classes(const char *text, const token *t, size_t n, uint8_t *cls, const uint32_t *todo, size_t ntodo);

/* The first index from I on (below N) whose class in CLS has one of
 * BITS; N when none.  Eight classes a step: most tokens open nothing. */
static inline size_t cls_next(const uint8_t *cls, size_t i, size_t n, uint8_t bits)
{
	const uint64_t mask = bits * (~0ULL / 255);
	for (; i + 8 <= n; i += 8) {
		uint64_t v;
		memcpy(&v, cls + i, 8);
		if (v & mask)
			return i + ((size_t)__builtin_ctzll(v & mask) >> 3);
	}
	while (i < n && !(cls[i] & bits))
		i++;
	return i;
}

/* Calendar helpers (time.c). */
int32_t date_to_days(int y, int m, int d);
pdate date_from_days(int32_t days);
int days_in_month(int y, int m);

#endif
