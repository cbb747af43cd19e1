/*
 * minhash: near-duplicate detection for articles (syndicated or re-posted
 * copies).  An article is the set of its 5-word shingles; MINHASH_K minimum
 * hashes estimate the Jaccard similarity of two sets, and MINHASH_BANDS
 * bands of MINHASH_K / MINHASH_BANDS rows give the lookup keys (LSH).
 * Owns: nothing.
 */
#ifndef ATTEST_MINHASH_H
#define ATTEST_MINHASH_H

#include <stddef.h>
#include <stdint.h>

#define MINHASH_K 64
#define MINHASH_BANDS 16
#define MINHASH_SHINGLE 5
/* Copies at or above this estimated similarity are one source. */
#define MINHASH_SAME 0.8

/* Fills SIG with the signature of TEXT[0..N) (words: ASCII letters and
 * digits, case folded, and any non-ASCII bytes).  Returns the number of
 * shingles; 0 when the text has no words. */
size_t minhash_sig(const char *text, size_t n, uint32_t sig[MINHASH_K]);

/* An article's signature and shingle count, as store_hash_doc computes it
 * ahead of store_add. */
typedef struct minhash_rec {
	uint32_t nsh;
	uint32_t sig[MINHASH_K];
} minhash_rec;

/* The lookup key of band B of SIG. */
int64_t minhash_band(const uint32_t sig[MINHASH_K], unsigned b);

/* The estimated Jaccard similarity of two signatures, 0..1. */
double minhash_similarity(const uint32_t *a, const uint32_t *b);

#endif
