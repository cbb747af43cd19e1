/* arena: a per-document bump allocator.  Everything derived from one document
 * comes from its arena and is freed at once by arena_reset(); the first block
 * is kept so that a batch of documents does not touch malloc again.
 * Owns: its blocks.  arena_free(NULL) is a no-op. */
#ifndef ATTEST_ARENA_H
#define ATTEST_ARENA_H

#include <stddef.h>

typedef struct arena arena;

arena *arena_new(size_t block_size);
void arena_free(arena *a);
void arena_reset(arena *a);
/* N bytes aligned for any type, or NULL when out of memory (or N too large). */
void *arena_alloc(arena *a, size_t n);
/* A NUL-terminated copy of N bytes of S. */
char *arena_strndup(arena *a, const char *s, size_t n);
/* Test hook: make the Nth allocation from now fail (0 = never). */
void arena_fail_after(arena *a, unsigned n);

#endif
