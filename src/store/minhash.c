/*
 * minhash.c: MinHash signatures of word shingles, by one-permutation
 * hashing: each word is hashed once (FNV-1a, ASCII case folded), a
 * shingle's hash mixes the hashes of its MINHASH_SHINGLE words, its low 6
 * bits choose one of the K buckets and its high 32 bits compete for that
 * bucket's minimum.  One hash per shingle instead of K; buckets left empty
 * (short texts) borrow the next filled bucket's value, offset by their
 * distance (rotation densification), so two texts stay comparable.  All
 * constants are fixed: signatures are stored and must not change between
 * builds.
 */
#include "store/minhash.h"

#include <string.h>

_Static_assert(MINHASH_K == 64, "one bucket per value of the low 6 bits");

static int word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static uint64_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return h;
}

static void take(uint32_t sig[MINHASH_K], uint64_t *filled, uint64_t shingle)
{
	uint64_t h = mix(shingle ^ 0x6174746573740001ull);
	unsigned k = (unsigned)(h & (MINHASH_K - 1));
	uint32_t v = (uint32_t)(h >> 32);
	if (!(*filled >> k & 1) || v < sig[k])
		sig[k] = v;
	*filled |= 1ull << k;
}

size_t minhash_sig(const char *text, size_t n, uint32_t sig[MINHASH_K])
{
	uint64_t win[MINHASH_SHINGLE] = {0}, filled = 0;
	size_t words = 0, shingles = 0;
	const unsigned char *p = (const unsigned char *)text;
	memset(sig, 0xff, MINHASH_K * sizeof *sig);
	for (size_t i = 0; i < n;) {
		if (!word_byte(p[i])) {
			i++;
			continue;
		}
		uint64_t h = 0xcbf29ce484222325ull;
		for (; i < n && word_byte(p[i]); i++)
			h = (h ^ (p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32u : p[i])) * 0x100000001b3ull;
		win[words++ % MINHASH_SHINGLE] = h;
		if (words < MINHASH_SHINGLE)
			continue;
		uint64_t s = 0;
		for (size_t k = 0; k < MINHASH_SHINGLE; k++)
			s = mix(s ^ win[(words + k) % MINHASH_SHINGLE]);
		shingles++;
		take(sig, &filled, s);
	}
	if (words && words < MINHASH_SHINGLE) { /* a text shorter than one shingle is one shingle */
		uint64_t s = 0;
		for (size_t k = 0; k < words; k++)
			s = mix(s ^ win[k]);
		shingles = 1;
		take(sig, &filled, s);
	}
	if (!filled)
		return 0;
	uint32_t dense[MINHASH_K];
	for (unsigned k = 0; k < MINHASH_K; k++) {
		unsigned d = 0;
		while (!(filled >> ((k + d) % MINHASH_K) & 1))
			d++;
		dense[k] = sig[(k + d) % MINHASH_K] + d * 0x9e3779b9u;
	}
	memcpy(sig, dense, sizeof dense);
	return shingles;
}

int64_t minhash_band(const uint32_t sig[MINHASH_K], unsigned b)
{
	const unsigned rows = MINHASH_K / MINHASH_BANDS;
	uint64_t h = (uint64_t)b * 0x9e3779b97f4a7c15ull;
	for (unsigned r = 0; r < rows; r++)
		h = mix(h ^ sig[b * rows + r]);
	return (int64_t)(h >> 1);
}

double minhash_similarity(const uint32_t *a, const uint32_t *b)
{
	unsigned same = 0;
	for (unsigned i = 0; i < MINHASH_K; i++)
		same += a[i] == b[i];
	return (double)same / MINHASH_K;
}
