/*
 * buf.c: growable byte buffers and arrays.  Growth is geometric (1.5x) with
 * overflow-checked sizes, so appends are amortised O(1).
 */
#include "base/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char empty[1];

void buf_init(buf *b)
{
	b->data = empty;
	b->len = b->cap = 0;
}

void buf_free(buf *b)
{
	if (b->cap)
		free(b->data);
	buf_init(b);
}

void buf_clear(buf *b)
{
	b->len = 0;
	if (b->cap)
		b->data[0] = '\0';
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return 0;
	size_t n = *cap ? *cap : 16;
	while (n < need) {
		if (n > SIZE_MAX / 3)
			return -1;
		n = n + n / 2 + 8;
	}
	if (n > SIZE_MAX / size)
		return -1;
	void *q = realloc(*p, n * size);
	if (!q)
		return -1;
	*p = q;
	*cap = n;
	return 0;
}

int buf_reserve(buf *b, size_t extra)
{
	if (extra > SIZE_MAX - b->len - 1)
		return -1;
	void *p = b->cap ? b->data : NULL;
	size_t cap = b->cap;
	if (grow(&p, &cap, b->len + extra + 1, 1) < 0)
		return -1;
	if (!b->cap)
		((char *)p)[0] = '\0';
	b->data = p;
	b->cap = cap;
	return 0;
}

int buf_add(buf *b, const void *p, size_t n)
{
	if (buf_reserve(b, n) < 0)
		return -1;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int buf_addc(buf *b, char c) { return buf_add(b, &c, 1); }
int buf_adds(buf *b, const char *s) { return buf_add(b, s, strlen(s)); }

int buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char tmp[256];
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	if ((size_t)n < sizeof tmp)
		return buf_add(b, tmp, (size_t)n);
	if (buf_reserve(b, (size_t)n) < 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

void vec_init(vec *v, size_t item_size)
{
	v->items = NULL;
	v->len = v->cap = 0;
	v->size = item_size;
}

void vec_free(vec *v)
{
	free(v->items);
	v->items = NULL;
	v->len = v->cap = 0;
}

void *vec_push(vec *v)
{
	if (grow(&v->items, &v->cap, v->len + 1, v->size) < 0)
		return NULL;
	void *p = (char *)v->items + v->len * v->size;
	memset(p, 0, v->size);
	v->len++;
	return p;
}

int vec_reserve(vec *v, size_t n)
{
	return grow(&v->items, &v->cap, n, v->size);
}
