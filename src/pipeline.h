/*
 * pipeline: the document handle and the pipeline that fills it,
 * read -> text -> seg -> extract -> claim.  The handle's layout is
 * private to the library; emit/ reads it to write records.
 * Owns: everything in struct attest_doc; vecs and the raw buffer are reused
 * from one document to the next, so memory stays flat over a batch.
 */
#ifndef ATTEST_PIPELINE_H
#define ATTEST_PIPELINE_H

#include "attest.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/sha256.h"
#include "text/text.h"
#include "claim/claim.h"
#include "read/html.h"

#define ERRMSG_MAX 1024

struct attest_doc {
	arena *a;            /* per-document allocations, reset on load */
	buf raw;             /* the document text: input bytes as given, or an HTML page's main text */
	buf page;            /* HTML input: the page bytes, reused from one page to the next */
	int html;            /* 1 when the document was read from HTML */
	html_meta meta;      /* HTML input: what the page says about itself */
	char charset[64];    /* charset hint for the next loads ("" = none) */
	const char *name;
	char err[ERRMSG_MAX];
	vec warnings;        /* const char * (arena) */
	vec paras;           /* para */
	vec lines;           /* scratch for para_split */
	vec infos;           /* article_info */
	vec articles;        /* attest_article */
	vec sentences;       /* attest_sentence */
	vec tokens;          /* scratch: the tokens of one sentence */
	vec taken;           /* scratch: per token an index, a class and a flag */
	vec quantities;      /* qrec */
	vec times;           /* trec */
	vec entities;        /* erec */
	vec claims;          /* crec */
	vec quotes;          /* quoterec */
	vec stances;         /* strec */
	pdate ref_date;      /* y == 0 when unset */
	pdate fetch_date;    /* the source's fetch day; y == 0 when unset */
	buf url;             /* the source's URL ("" = unknown) */
	unsigned options;    /* ATTEST_OPT_* */
	/* Set by store_hash_doc on the thread that loaded the document; ""
	 * and empty after each load (store_add then computes them itself). */
	char hash[SHA256_HEX]; /* raw's SHA-256 */
	vec sigs;              /* each article's signature: the store's minhash_rec, sized by it */
};

#endif
