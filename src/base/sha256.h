/* sha256: the SHA-256 digest (FIPS 180-4) of a byte string, as the content
 * hash that makes ingest idempotent.  Owns: nothing. */
#ifndef ATTEST_SHA256_H
#define ATTEST_SHA256_H

#include <stddef.h>

#define SHA256_HEX 65 /* 64 hex digits and a NUL */

/* Writes the lowercase hex digest of P[0..N) to HEX; 0, or -1 (HEX empty)
 * when memory runs out. */
int sha256_hex(const void *p, size_t n, char hex[SHA256_HEX]);

#endif
