/* span: a [start, end) range of byte offsets into the one document text.
 * Every token, sentence and record points into the text this way; nothing is
 * copied and nothing depends on NUL terminators. */
#ifndef ATTEST_SPAN_H
#define ATTEST_SPAN_H

#include <stdint.h>

typedef struct span {
	uint32_t start, end;
} span;

static inline uint32_t span_len(span s) { return s.end - s.start; }
static inline span span_make(uint32_t a, uint32_t b) { span s = {a, b}; return s; }

#endif
