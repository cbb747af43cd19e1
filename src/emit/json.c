/*
 * json.c: the JSON Lines writer of spec/extract-json.md, and the clean-text
 * writer of `attest text`.
 *
 * Records are built in one buffer and written with one fwrite per document.
 * Strings are escaped per RFC 8259; bytes that are not valid UTF-8 (kept in
 * the document so that offsets stay exact) are written as \ufffd, so the
 * output is always valid UTF-8 JSON.
 */
#include <string.h>

#include "base/utf8.h"
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

ATTEST_API attest_status attest_doc_write_json(const attest_doc *d, FILE *out, unsigned flags,
					       const char *id)
{
	buf b;
	buf_init(&b);
	const char *text = d->raw.data;
	size_t si = 0, qi = 0, ti = 0;
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
		/* Quantities and times of the article, merged in text order. */
		const qrec *Q = d->quantities.items;
		const trec *T = d->times.items;
		while ((qi < d->quantities.len && Q[qi].article == k) || (ti < d->times.len && T[ti].article == k)) {
			int take_q = qi < d->quantities.len && Q[qi].article == k &&
				     !(ti < d->times.len && T[ti].article == k && T[ti].sp.start < Q[qi].sp.start);
			if (take_q) {
				const qrec *q = &Q[qi++];
				head(&b, "quantity", id);
				buf_printf(&b, ",\"article\":%zu,\"span\":[%u,%u],\"text\":", k, q->sp.start, q->sp.end);
				put_str(&b, text + q->sp.start, span_len(q->sp));
				buf_adds(&b, ",\"value\":{\"low\":");
				put_num(&b, q->has_low, q->low);
				buf_adds(&b, ",\"high\":");
				put_num(&b, q->has_high, q->high);
				buf_printf(&b, ",\"low_inclusive\":%s,\"high_inclusive\":%s,\"approx\":%s},\"kind\":\"%s\"}\n",
					   q->has_low ? (q->low_incl ? "true" : "false") : "null",
					   q->has_high ? (q->high_incl ? "true" : "false") : "null",
					   q->approx ? "true" : "false", qkind_names[q->kind]);
			} else {
				const trec *t = &T[ti++];
				head(&b, "time", id);
				buf_printf(&b, ",\"article\":%zu,\"span\":[%u,%u],\"text\":", k, t->sp.start, t->sp.end);
				put_str(&b, text + t->sp.start, span_len(t->sp));
				if (t->valid) {
					char s1[11], s2[11];
					pdate_format(t->start, s1);
					pdate_format(t->end, s2);
					if (t->open_end == 1)
						buf_printf(&b, ",\"value\":{\"start\":\"%s\",\"end\":null}}\n", s1);
					else if (t->open_end == 2)
						buf_printf(&b, ",\"value\":{\"start\":null,\"end\":\"%s\"}}\n", s2);
					else
						buf_printf(&b, ",\"value\":{\"start\":\"%s\",\"end\":\"%s\"}}\n", s1, s2);
				} else {
					buf_adds(&b, ",\"value\":null}\n");
				}
			}
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
