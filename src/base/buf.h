/* buf: a growable byte buffer, always NUL-terminated, never NULL data after
 * buf_init (an empty buffer points at a static ""), git strbuf style.
 * Owns: its data.  Out of memory is reported by buf_* returning -1 and the
 * buffer is left as it was. */
#ifndef ATTEST_BUF_H
#define ATTEST_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
	char *data;
	size_t len, cap;
} buf;

void buf_init(buf *b);
void buf_free(buf *b);
void buf_clear(buf *b);
int buf_reserve(buf *b, size_t extra);
int buf_add(buf *b, const void *p, size_t n);
int buf_addc(buf *b, char c);
int buf_adds(buf *b, const char *s);
int buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* vec: a growable array of fixed-size items (same growth policy as buf). */
typedef struct vec {
	void *items;
	size_t len, cap, size;
} vec;

void vec_init(vec *v, size_t item_size);
void vec_free(vec *v);
/* A pointer to a new zeroed item at the end, or NULL when out of memory. */
void *vec_push(vec *v);
#define VEC_AT(v, type, i) (((type *)(v)->items)[i])

/* Makes room for N items (len unchanged); -1 when out of memory. */
int vec_reserve(vec *v, size_t n);

/* vec_push without zeroing, for hot loops whose caller sets every field. */
static inline void *vec_push_raw(vec *v)
{
	if (v->len < v->cap)
		return (char *)v->items + v->size * v->len++;
	return vec_push(v);
}

#endif
