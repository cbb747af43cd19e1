/* utf8: decoding, validation and character classes.  ASCII goes through a
 * fixed 256-entry class table (independent of the locale); everything else
 * through utf8proc.  Invalid bytes decode as one byte each to UTF8_BAD so
 * offsets never drift. */
#ifndef ATTEST_UTF8_H
#define ATTEST_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_BAD 0xFFFDu

/* Decodes one code point at S (N > 0 bytes available) into *CP and returns
 * its length in bytes (1..4).  An invalid or truncated sequence gives
 * UTF8_BAD and length 1. */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Decodes the code point that ends just before S[I] (I > 0). Returns its start. */
size_t utf8_prev(const unsigned char *s, size_t i, uint32_t *cp);

typedef struct utf8_report {
	size_t invalid;       /* invalid or truncated sequences */
	size_t first_invalid; /* offset of the first one */
	size_t nul;           /* NUL bytes */
	size_t first_nul;
	size_t controls;      /* C0 controls other than TAB, LF, CR, FF, counted
	                       * where a NUL or non-ASCII byte is near (16 bytes) */
} utf8_report;

/* Scans N bytes; ASCII runs are checked eight bytes at a time. */
void utf8_scan(const unsigned char *s, size_t n, utf8_report *r);

/* ASCII class bits, from utf8_class[byte]. */
enum {
	CC_SPACE = 1 << 0,  /* space, tab, CR, LF, VT, FF */
	CC_UPPER = 1 << 1,
	CC_LOWER = 1 << 2,
	CC_DIGIT = 1 << 3,
	CC_PUNCT = 1 << 4,
	CC_HIGH = 1 << 5,   /* >= 0x80: look at the code point */
	CC_NEWLINE = 1 << 6 /* LF or CR */
};
extern const unsigned char utf8_class[256];
/* ASCII letters and digits -> their lowercase form; every other byte 0. */
extern const unsigned char utf8_alnum_fold[256];

/* Code point classes (any code point). */
int utf8_is_space(uint32_t cp);   /* includes NBSP, thin spaces, U+3000 */
int utf8_is_letter(uint32_t cp);  /* letters and combining marks */
int utf8_is_upper(uint32_t cp);   /* uppercase or titlecase letter */
int utf8_is_lower(uint32_t cp);
int utf8_is_digit(uint32_t cp);   /* ASCII digits only */
uint32_t utf8_tolower(uint32_t cp);

#endif
