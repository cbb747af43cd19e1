/* emit: writers of a document's records (json.c).  This header shares the
 * JSON string escaper with the ledger's writers.  Owns: nothing. */
#ifndef ATTEST_EMIT_H
#define ATTEST_EMIT_H

#include <stddef.h>

#include "base/buf.h"

/* Appends S[0..N) to B as a JSON string: RFC 8259 escapes, and bytes that
 * are not valid UTF-8 as \ufffd, so the output is always valid UTF-8. */
void emit_json_str(buf *b, const char *s, size_t n);

#endif
