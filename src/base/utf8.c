/*
 * utf8.c: UTF-8 without surprises.  The decoder follows the Unicode
 * "maximal subpart" rule loosely: any ill-formed byte is consumed alone as
 * U+FFFD, so a position never skips over well-formed text that follows.
 * Overlongs, surrogates and code points past U+10FFFF are ill-formed.
 */
#include "base/utf8.h"

#include <string.h>
#include <utf8proc.h>

#define S CC_SPACE
#define SN (CC_SPACE | CC_NEWLINE)
#define U CC_UPPER
#define L CC_LOWER
#define D CC_DIGIT
#define P CC_PUNCT
#define H CC_HIGH
const unsigned char utf8_class[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, S, SN, S, S, SN, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	S, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
	D, D, D, D, D, D, D, D, D, D, P, P, P, P, P, P,
	P, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
	U, U, U, U, U, U, U, U, U, U, U, P, P, P, P, P,
	P, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
	L, L, L, L, L, L, L, L, L, L, L, P, P, P, P, 0,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
};
#undef S
#undef SN
#undef U
#undef L
#undef D
#undef P
#undef H

size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t len;
	uint32_t v, min;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2, v = c & 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3, v = c & 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4, v = c & 0x07, min = 0x10000;
	} else {
		*cp = UTF8_BAD;
		return 1;
	}
	if (n < len) {
		*cp = UTF8_BAD;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = UTF8_BAD;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = UTF8_BAD;
		return 1;
	}
	*cp = v;
	return len;
}

size_t utf8_prev(const unsigned char *s, size_t i, uint32_t *cp)
{
	size_t j = i - 1;
	/* Step back over at most three continuation bytes. */
	while (j > 0 && i - j < 4 && (s[j] & 0xC0) == 0x80)
		j--;
	if (utf8_decode(s + j, i - j, cp) == i - j)
		return j;
	*cp = s[i - 1] < 0x80 ? s[i - 1] : UTF8_BAD;
	return i - 1;
}

void utf8_scan(const unsigned char *s, size_t n, utf8_report *r)
{
	memset(r, 0, sizeof *r);
	size_t i = 0;
	while (i < n) {
		/* Fast path: sixteen bytes of ASCII without NUL.  Other C0
		 * controls are counted only on the slow path (beside bytes
		 * >= 0x80): they serve the binary-data heuristic, which the
		 * invalid sequences of real binary data decide anyway. */
		const uint64_t hi = 0x8080808080808080ull, one = 0x0101010101010101ull;
		while (i + 16 <= n) {
			uint64_t w, v;
			memcpy(&w, s + i, 8);
			memcpy(&v, s + i + 8, 8);
			if (((w | v | ((w - one) & ~w) | ((v - one) & ~v)) & hi) != 0)
				break;
			i += 16;
		}
		if (i >= n)
			break;
		unsigned c = s[i];
		if (c < 0x80) {
			if (c < 0x20) {
				if (c == 0) {
					if (!r->nul++)
						r->first_nul = i;
				} else if (c != '\t' && c != '\n' && c != '\r' && c != '\f')
					r->controls++;
			}
			i++;
			continue;
		}
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (cp == UTF8_BAD && len == 1) {
			if (!r->invalid++)
				r->first_invalid = i;
		}
		i += len;
	}
}

int utf8_is_space(uint32_t cp)
{
	if (cp < 0x80)
		return (utf8_class[cp] & CC_SPACE) != 0;
	return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	       cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
	       cp == 0xFEFF;
}

int utf8_is_letter(uint32_t cp)
{
	if (cp < 0x80)
		return (utf8_class[cp] & (CC_UPPER | CC_LOWER)) != 0;
	if (cp == UTF8_BAD)
		return 0;
	switch (utf8proc_category((utf8proc_int32_t)cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
		return 1;
	default:
		return 0;
	}
}

int utf8_is_upper(uint32_t cp)
{
	if (cp < 0x80)
		return (utf8_class[cp] & CC_UPPER) != 0;
	utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int utf8_is_lower(uint32_t cp)
{
	if (cp < 0x80)
		return (utf8_class[cp] & CC_LOWER) != 0;
	return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL;
}

int utf8_is_digit(uint32_t cp) { return cp >= '0' && cp <= '9'; }

uint32_t utf8_tolower(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
	return (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
}

/* ASCII letters and digits -> their lowercase form; everything else 0. */
const unsigned char utf8_alnum_fold[256] = {
	['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
	['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
	['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e', ['F'] = 'f', ['G'] = 'g',
	['H'] = 'h', ['I'] = 'i', ['J'] = 'j', ['K'] = 'k', ['L'] = 'l', ['M'] = 'm', ['N'] = 'n',
	['O'] = 'o', ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r', ['S'] = 's', ['T'] = 't', ['U'] = 'u',
	['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y', ['Z'] = 'z',
	['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e', ['f'] = 'f', ['g'] = 'g',
	['h'] = 'h', ['i'] = 'i', ['j'] = 'j', ['k'] = 'k', ['l'] = 'l', ['m'] = 'm', ['n'] = 'n',
	['o'] = 'o', ['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's', ['t'] = 't', ['u'] = 'u',
	['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y', ['z'] = 'z',
};
