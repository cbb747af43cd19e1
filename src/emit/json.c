/*
 * json.c: the JSON Lines writer of spec/extract-json.md, and the clean-text
 * writer of `attest text`.
 *
 * Records are built in one buffer and written with one fwrite per document.
 * Strings are escaped per RFC 8259; bytes that are not valid UTF-8 (kept in
 * the document so that offsets stay exact) are written as \ufffd, so the
 * output is always valid UTF-8 JSON.
 */
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "emit/emit.h"
#include "extract/extract.h"
#include "pipeline.h"

static void put_str(buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	buf_addc(b, '"');
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			size_t j = i + 1;
			while (j < n && (unsigned char)s[j] >= 0x20 && (unsigned char)s[j] < 0x80 &&
			       s[j] != '"' && s[j] != '\\')
				j++;
			buf_add(b, s + i, j - i);
			i = j;
			continue;
		}
		if (c < 0x80) {
			switch (c) {
			case '"': buf_add(b, "\\\"", 2); break;
			case '\\': buf_add(b, "\\\\", 2); break;
			case '\n': buf_add(b, "\\n", 2); break;
			case '\r': buf_add(b, "\\r", 2); break;
			case '\t': buf_add(b, "\\t", 2); break;
			default: {
				char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
				buf_add(b, e, 6);
			}
			}
			i++;
			continue;
		}
		uint32_t cp;
		size_t l = utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (cp == UTF8_BAD && l == 1)
			buf_add(b, "\\ufffd", 6);
		else
			buf_add(b, s + i, l);
		i += l;
	}
	buf_addc(b, '"');
}

static void put_cstr_or_null(buf *b, const char *s)
{
	if (s)
		put_str(b, s, strlen(s));
	else
		buf_adds(b, "null");
}

static void put_num(buf *b, int has, double v)
{
	if (!has) {
		buf_adds(b, "null");
		return;
	}
	if (v == (double)(long long)v && v < 1e18 && v > -1e18)
		buf_printf(b, "%lld", (long long)v);
	else
		buf_printf(b, "%.15g", v);
}

static void head(buf *b, const char *type, const char *id)
{
	buf_adds(b, "{\"type\":\"");
	buf_adds(b, type);
	buf_addc(b, '"');
	if (id) {
		buf_adds(b, ",\"id\":");
		put_str(b, id, strlen(id));
	}
}


/* One record of an article, for the merge into text order. */
typedef struct ref {
	uint32_t start;
	uint8_t rank, type;
	uint32_t idx;
} ref;

enum { R_CLAIM, R_STANCE, R_ENTITY, R_QUANTITY, R_TIME, R_QUOTE };

static int ref_cmp(const void *x, const void *y)
{
	const ref *a = x, *b = y;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->rank != b->rank)
		return a->rank - b->rank;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static void put_value(buf *b, const qrec *q)
{
	buf_adds(b, "{\"low\":");
	put_num(b, q->has_low, q->low);
	buf_adds(b, ",\"high\":");
	put_num(b, q->has_high, q->high);
	buf_printf(b, ",\"low_inclusive\":%s,\"high_inclusive\":%s,\"approx\":%s}",
		   q->has_low ? (q->low_incl ? "true" : "false") : "null",
		   q->has_high ? (q->high_incl ? "true" : "false") : "null", q->approx ? "true" : "false");
}

static void put_span_text(buf *b, const char *text, span sp)
{
	buf_printf(b, ",\"span\":[%u,%u],\"text\":", sp.start, sp.end);
	put_str(b, text + sp.start, span_len(sp));
}

/* A party: {"text", "canonical", "span"}; canonical is a list when LIST,
 * else one name; without names, the text stands for itself. */
static void put_party(buf *b, const char *text, const party *p, int list)
{
	if (!p->present) {
		buf_adds(b, "null");
		return;
	}
	buf_adds(b, "{\"text\":");
	put_str(b, text + p->sp.start, span_len(p->sp));
	buf_adds(b, ",\"canonical\":");
	if (list)
		buf_addc(b, '[');
	if (!p->ncanonical)
		put_str(b, text + p->sp.start, span_len(p->sp));
	for (size_t i = 0; i < p->ncanonical && (list || i == 0); i++) {
		if (i)
			buf_addc(b, ',');
		put_cstr_or_null(b, p->canonical[i]);
	}
	if (list)
		buf_addc(b, ']');
	buf_printf(b, ",\"span\":[%u,%u]}", p->sp.start, p->sp.end);
}

static void put_time(buf *b, const trec *t)
{
	char s1[11], s2[11];
	pdate_format(t->start, s1);
	pdate_format(t->end, s2);
	if (!t->valid)
		buf_adds(b, "null");
	else if (t->open_end == 1)
		buf_printf(b, "{\"start\":\"%s\",\"end\":null}", s1);
	else if (t->open_end == 2)
		buf_printf(b, "{\"start\":null,\"end\":\"%s\"}", s2);
	else
		buf_printf(b, "{\"start\":\"%s\",\"end\":\"%s\"}", s1, s2);
}

static void put_record(const attest_doc *d, buf *b, size_t k, const char *id, const ref *r)
{
	const char *text = d->raw.data;
	switch (r->type) {
	case R_QUANTITY: {
		const qrec *q = &VEC_AT(&d->quantities, qrec, r->idx);
		head(b, "quantity", id);
		buf_printf(b, ",\"article\":%zu", k);
		put_span_text(b, text, q->sp);
		buf_adds(b, ",\"value\":");
		put_value(b, q);
		buf_printf(b, ",\"kind\":\"%s\"}\n", qkind_names[q->kind]);
		break;
	}
	case R_TIME: {
		const trec *t = &VEC_AT(&d->times, trec, r->idx);
		head(b, "time", id);
		buf_printf(b, ",\"article\":%zu", k);
		put_span_text(b, text, t->sp);
		buf_adds(b, ",\"value\":");
		put_time(b, t);
		buf_adds(b, "}\n");
		break;
	}
	case R_ENTITY: {
		const erec *e = &VEC_AT(&d->entities, erec, r->idx);
		head(b, "entity", id);
		buf_printf(b, ",\"article\":%zu", k);
		put_span_text(b, text, e->sp);
		buf_adds(b, ",\"canonical\":");
		put_cstr_or_null(b, e->canonical);
		buf_printf(b, ",\"kind\":\"%s\"}\n", ekind_names[e->kind]);
		break;
	}
	case R_CLAIM: {
		const crec *c = &VEC_AT(&d->claims, crec, r->idx);
		head(b, "claim", id);
		buf_printf(b, ",\"article\":%zu,\"kind\":\"count\",\"span\":[%u,%u]", k, c->sp.start, c->sp.end);
		buf_printf(b, ",\"measure\":\"%s\",\"subject\":{\"text\":", measure_names[c->measure]);
		put_str(b, text + c->subject.start, span_len(c->subject));
		buf_adds(b, ",\"canonical\":");
		put_cstr_or_null(b, c->subject_canonical);
		buf_adds(b, "},\"value\":");
		put_value(b, &c->value);
		buf_printf(b, ",\"value_span\":[%u,%u],\"value_text\":", c->value.sp.start, c->value.sp.end);
		put_str(b, text + c->value.sp.start, span_len(c->value.sp));
		buf_adds(b, ",\"source\":");
		put_party(b, text, &c->source, 1);
		buf_adds(b, ",\"time\":");
		if (c->has_time) {
			trec t = {.start = c->tstart, .end = c->tend, .valid = 1};
			put_time(b, &t);
		} else {
			buf_adds(b, "null");
		}
		buf_adds(b, ",\"hedges\":[");
		for (size_t i = 0; i < c->nhedges; i++) {
			if (i)
				buf_addc(b, ',');
			put_cstr_or_null(b, c->hedges[i]);
		}
		buf_adds(b, "]}\n");
		break;
	}
	case R_QUOTE: {
		const quoterec *q = &VEC_AT(&d->quotes, quoterec, r->idx);
		head(b, "quote", id);
		buf_printf(b, ",\"article\":%zu", k);
		put_span_text(b, text, q->sp);
		buf_printf(b, ",\"partial\":%s,\"speaker\":", q->partial ? "true" : "false");
		put_party(b, text, &q->speaker, 0);
		buf_adds(b, "}\n");
		break;
	}
	case R_STANCE: {
		const strec *s = &VEC_AT(&d->stances, strec, r->idx);
		head(b, "stance", id);
		buf_printf(b, ",\"article\":%zu,\"span\":[%u,%u]", k, s->sp.start, s->sp.end);
		buf_printf(b, ",\"stance\":\"%s\",\"actor\":", stance_names[s->stance]);
		put_party(b, text, &s->actor, 0);
		buf_adds(b, ",\"about\":");
		if (span_len(s->about))
			put_str(b, text + s->about.start, span_len(s->about));
		else
			buf_adds(b, "null");
		buf_adds(b, "}\n");
		break;
	}
	}
}

/* Appends refs to the records of article K from vec V (records of type
 * TYPE, in text order, each starting with a span and ending ... with the
 * article index at offset ART). */
#define COLLECT(V, T, TYPE, RANK)                                                              \
	for (size_t i = 0; i < (V)->len; i++) {                                                \
		const T *x = &VEC_AT((V), T, i);                                               \
		if (x->article != k)                                                           \
			continue;                                                              \
		ref *r = vec_push(&refs);                                                      \
		if (!r)                                                                        \
			goto nomem;                                                            \
		*r = (ref){x->sp.start, RANK, TYPE, (uint32_t)i};                              \
	}

static int emit_records(const attest_doc *d, buf *b, size_t k, const char *id)
{
	vec refs;
	vec_init(&refs, sizeof(ref));
	COLLECT(&d->claims, crec, R_CLAIM, 0)
	COLLECT(&d->stances, strec, R_STANCE, 1)
	COLLECT(&d->entities, erec, R_ENTITY, 2)
	COLLECT(&d->quantities, qrec, R_QUANTITY, 3)
	COLLECT(&d->times, trec, R_TIME, 3)
	COLLECT(&d->quotes, quoterec, R_QUOTE, 4)
	if (refs.len)
		qsort(refs.items, refs.len, sizeof(ref), ref_cmp);
	for (size_t i = 0; i < refs.len; i++)
		put_record(d, b, k, id, &VEC_AT(&refs, ref, i));
	vec_free(&refs);
	return 0;
nomem:
	vec_free(&refs);
	return -1;
}

ATTEST_API attest_status attest_doc_write_json(const attest_doc *d, FILE *out, unsigned flags,
					       const char *id)
{
	buf b;
	buf_init(&b);
	const char *text = d->raw.data;
	size_t si = 0;
	if (flags & ATTEST_JSON_PARAGRAPHS) {
		const para *P = d->paras.items;
		for (size_t i = 0; i < d->paras.len; i++) {
			head(&b, "paragraph", id);
			buf_printf(&b, ",\"article\":%d,\"kind\":\"%s\",\"span\":[%u,%u],\"text\":", P[i].article,
				   para_kind_names[P[i].kind], P[i].sp.start, P[i].sp.end);
			put_str(&b, text + P[i].sp.start, span_len(P[i].sp) > 80 ? 80 : span_len(P[i].sp));
			buf_adds(&b, "}\n");
		}
	}
	for (size_t k = 0; k < d->articles.len; k++) {
		const attest_article *a = &VEC_AT(&d->articles, attest_article, k);
		head(&b, "article", id);
		buf_printf(&b, ",\"index\":%zu,\"title\":", a->index);
		put_cstr_or_null(&b, a->title);
		buf_adds(&b, ",\"published\":");
		put_cstr_or_null(&b, a->published);
		buf_adds(&b, ",\"publisher\":");
		put_cstr_or_null(&b, a->publisher);
		buf_adds(&b, ",\"author\":");
		put_cstr_or_null(&b, a->author);
		buf_printf(&b, ",\"span\":[%u,%u]}\n", a->span.start, a->span.end);
		if (emit_records(d, &b, k, id) < 0) {
			buf_free(&b);
			return ATTEST_ERR_NOMEM;
		}
		if (!(flags & ATTEST_JSON_SENTENCES))
			continue;
		for (; si < d->sentences.len; si++) {
			const attest_sentence *s = &VEC_AT(&d->sentences, attest_sentence, si);
			if (s->article != k)
				break;
			head(&b, "sentence", id);
			buf_printf(&b, ",\"article\":%zu,\"span\":[%u,%u],\"heading\":%s,\"text\":", s->article,
				   s->span.start, s->span.end, s->heading ? "true" : "false");
			put_str(&b, text + s->span.start, s->span.end - s->span.start);
			buf_adds(&b, "}\n");
		}
	}
	attest_status st = ATTEST_OK;
	if (b.len && fwrite(b.data, 1, b.len, out) != b.len)
		st = ATTEST_ERR_IO;
	buf_free(&b);
	return st;
}

ATTEST_API attest_status attest_doc_write_text(const attest_doc *d, FILE *out)
{
	if (d->html) /* the page's main text is the document text */
		return d->raw.len && fwrite(d->raw.data, 1, d->raw.len, out) != d->raw.len ? ATTEST_ERR_IO : ATTEST_OK;
	buf b;
	buf_init(&b);
	const char *text = d->raw.data;
	const para *P = d->paras.items;
	size_t pi = 0;
	for (size_t k = 0; k < d->articles.len; k++) {
		const attest_article *a = &VEC_AT(&d->articles, attest_article, k);
		if (k)
			buf_addc(&b, '\n');
		if (a->title) {
			buf_adds(&b, a->title);
			buf_adds(&b, "\n\n");
		}
		for (; pi < d->paras.len && P[pi].sp.start < a->span.start; pi++)
			;
		for (; pi < d->paras.len && P[pi].sp.end <= a->span.end; pi++) {
			if (P[pi].article != (int32_t)k)
				continue;
			/* Join hard-wrapped lines with single spaces. */
			int sp = 0;
			for (uint32_t i = P[pi].sp.start; i < P[pi].sp.end; i++) {
				char c = text[i];
				if (c == '\n' || c == '\r') {
					sp = 1;
					continue;
				}
				if (sp) {
					while (i < P[pi].sp.end && (text[i] == ' ' || text[i] == '\t'))
						i++;
					buf_addc(&b, ' ');
					sp = 0;
					if (i >= P[pi].sp.end)
						break;
					c = text[i];
				}
				buf_addc(&b, c);
			}
			buf_adds(&b, "\n\n");
		}
	}
	attest_status st = ATTEST_OK;
	if (b.len && fwrite(b.data, 1, b.len, out) != b.len)
		st = ATTEST_ERR_IO;
	buf_free(&b);
	return st;
}

/* emit.h: the escaper for other writers (the ledger's JSON Lines). */
void emit_json_str(buf *b, const char *s, size_t n) { put_str(b, s, n); }
