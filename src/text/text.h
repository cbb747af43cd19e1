/*
 * text: stage 2, document text -> paragraphs -> articles.
 *
 * para.c splits the text into paragraphs (lines, or joined hard-wrapped
 * lines); classify.c gives each paragraph a kind from general features
 * (length, final punctuation, capitalisation, furniture lexicons,
 * repetition, position); article.c groups body paragraphs into articles and
 * reads their title, date, byline and publisher; dateline.c parses the dates
 * written on date lines.  Everything is spans into the text.
 * Owns: nothing; results go into vecs the caller owns.
 */
#ifndef ATTEST_TEXT_H
#define ATTEST_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/span.h"

/* A calendar date of some precision: m == 0 is a year, d == 0 a month. */
typedef struct pdate {
	int16_t y;
	int8_t m, d;
} pdate;

typedef enum para_kind {
	PK_NONE = 0,
	PK_BODY,      /* sentence-like text */
	PK_HEADING,   /* a short line without final punctuation */
	PK_DATE,      /* a line that is only a date ("April 17, 2025") */
	PK_DATELINE,  /* "City, Country — July 2025" */
	PK_BYLINE,    /* "By Jane Doe" */
	PK_CREDIT,    /* photo credit ("Name/Agency") */
	PK_CAPTION,   /* photo caption (repeated, or before a credit) */
	PK_FURNITURE, /* copyright, donate, subscribe, share, nav, forms... */
	PK_TEASER,    /* "More from ...", "Related": other stories follow */
	PK_REPEAT,    /* a later copy of a heading seen before */
	PK_OTHER,     /* a fragment: a lone lowercase word, symbols */
	PK_COUNT
} para_kind;

extern const char *const para_kind_names[PK_COUNT];

typedef struct para {
	span sp;          /* trimmed; may hold newlines when lines were joined */
	uint32_t nwords;  /* words, counted up to 32 (nothing needs more); 32 for
	                   * paragraphs over 300 bytes */
	uint32_t hash;    /* of the whitespace-folded text */
	uint8_t kind;     /* para_kind */
	uint8_t furn;     /* FURN_* class when kind == PK_FURNITURE */
	uint8_t joined;   /* 1 when hard-wrapped lines were joined */
	int32_t article;  /* index of the article whose text holds it, or -1 */
	pdate date;       /* for PK_DATE and PK_DATELINE */
} para;

/* Splits TEXT into paragraphs appended to PARAS (a vec of para).  A UTF-8
 * byte-order mark is skipped.  SCRATCH, when not NULL, is a vec reused for
 * the lines from one call to the next.  Returns 0, or -1 when out of
 * memory. */
int para_split(const char *text, uint32_t len, vec *paras, vec *scratch);

/* Sets kind (and date/furn) of each paragraph. */
void para_classify(const char *text, para *p, size_t n);

typedef struct article_info {
	uint32_t first, last;   /* paragraph indexes of the first and last body */
	int32_t title;          /* paragraph index of the title, or -1 */
	pdate published;        /* y == 0 when unknown */
	span author;            /* empty when unknown */
	span publisher;         /* empty when unknown */
	int16_t copyright_year; /* the year on the page's © line, or 0 */
} article_info;

/* Groups the classified paragraphs into articles appended to ARTICLES (a vec
 * of article_info) and sets para.article for the paragraphs of each
 * article's text.  Returns 0, or -1 when out of memory. */
int article_segment(const char *text, para *p, size_t n, vec *articles);

/* Parses a line that is only a date, allowing "Published"/"Updated"
 * prefixes, weekdays, times and time zones.  Returns 1 and sets *D. */
int dateline_date_only(const char *s, size_t n, pdate *d);

/* Parses a dateline "Place[, Place] — date".  Returns 1 and sets *D. */
int dateline_parse(const char *s, size_t n, pdate *d);

/* Where the name starts on a byline ("By ...", "Posted by ...", "Written
 * by ..."), or SP.end when the paragraph does not open that way. */
uint32_t byline_name(const char *text, span sp);

/* Formats D as "YYYY-MM-DD", "YYYY-MM" or "YYYY" into OUT (11 bytes). */
void pdate_format(pdate d, char out[11]);

#endif
