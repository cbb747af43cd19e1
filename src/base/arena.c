/*
 * arena.c: bump allocation in chained blocks.  A request larger than the
 * block size gets a block of its own.  Reset frees every block but the first,
 * so steady-state memory is flat in the number of documents processed.
 */
#include "base/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct block {
	struct block *next;
	size_t size, used;
	max_align_t data[];
} block;

struct arena {
	block *head;      /* current block; the chain ends at the first block */
	size_t block_size;
	unsigned fail_in; /* test hook: allocations left before a failure */
};

static block *block_new(size_t size)
{
	if (size > SIZE_MAX - sizeof(block))
		return NULL;
	block *b = malloc(sizeof(block) + size);
	if (!b)
		return NULL;
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

arena *arena_new(size_t block_size)
{
	arena *a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	a->block_size = block_size ? block_size : 64 * 1024;
	a->head = block_new(a->block_size);
	if (!a->head) {
		free(a);
		return NULL;
	}
	return a;
}

void arena_free(arena *a)
{
	if (!a)
		return;
	for (block *b = a->head, *n; b; b = n) {
		n = b->next;
		free(b);
	}
	free(a);
}

void arena_reset(arena *a)
{
	block *b = a->head;
	while (b->next) {
		block *n = b->next;
		free(b);
		b = n;
	}
	b->used = 0;
	a->head = b;
}

void arena_fail_after(arena *a, unsigned n) { a->fail_in = n; }

void *arena_alloc(arena *a, size_t n)
{
	if (a->fail_in && --a->fail_in == 0)
		return NULL;
	const size_t align = sizeof(max_align_t);
	if (n > SIZE_MAX - align)
		return NULL;
	n = (n + align - 1) & ~(align - 1);
	block *b = a->head;
	if (b->size - b->used < n) {
		block *nb = block_new(n > a->block_size ? n : a->block_size);
		if (!nb)
			return NULL;
		/* Keep the first block last in the chain so reset can keep it. */
		nb->next = b;
		a->head = b = nb;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
