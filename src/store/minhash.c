/*
 * minhash.c: MinHash signatures of word shingles.  Each word is hashed once
 * (FNV-1a, ASCII case folded); a shingle's hash mixes the hashes of its
 * MINHASH_SHINGLE words; the K permutations are h_i(x) = (a_i x + b_i) >> 32
 * with odd 64-bit multipliers a_i drawn from a fixed splitmix64 stream, so
 * signatures are stable across runs and builds (they are stored).
 */
#include "store/minhash.h"

#include <string.h>

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

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

size_t minhash_sig(const char *text, size_t n, uint32_t sig[MINHASH_K])
{
	uint64_t a[MINHASH_K], b[MINHASH_K], seed = 0x6174746573740001ull;
	for (unsigned i = 0; i < MINHASH_K; i++) {
		a[i] = splitmix(&seed) | 1u;
		b[i] = splitmix(&seed);
		sig[i] = UINT32_MAX;
	}
	uint64_t win[MINHASH_SHINGLE] = {0};
	size_t words = 0, shingles = 0;
	const unsigned char *p = (const unsigned char *)text;
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
		for (unsigned k = 0; k < MINHASH_K; k++) {
			uint32_t v = (uint32_t)((a[k] * s + b[k]) >> 32);
			if (v < sig[k])
				sig[k] = v;
		}
	}
	if (words && words < MINHASH_SHINGLE) { /* a text shorter than one shingle is one shingle */
		uint64_t s = 0;
		for (size_t k = 0; k < words; k++)
			s = mix(s ^ win[k]);
		shingles = 1;
		for (unsigned k = 0; k < MINHASH_K; k++)
			sig[k] = (uint32_t)((a[k] * s + b[k]) >> 32);
	}
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
