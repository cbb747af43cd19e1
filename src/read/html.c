/*
 * html.c: stage 1 for web pages.  Bytes -> UTF-8 (iconv) -> gumbo tree ->
 * main text + metadata.
 *
 * Main text is found the way Readability does it, by scoring: every block
 * that holds a run of its own text (a paragraph) gives points, for its
 * length and its commas, to its parent, half to its grandparent and a sixth
 * to the one above; a container's score is then cut by its link density
 * and moved by class/id hints (data/html_hints.txt).  The best container,
 * with the siblings that score close to it, is the article.  It is written
 * out block by block, leaving out what the hints, the tags (nav, aside,
 * figure, form controls...) and link density mark as boilerplate, and the
 * short blocks that the caller's text rules (stage 2's furniture and
 * teaser lexicons, passed in as a callback) call furniture.
 *
 * Element statistics live in one array in document (pre-)order; every walk
 * visits elements in that same order, so a counter gives each element's
 * index and a subtree is skipped by adding its size.
 */
#include "read/html.h"

#include <ctype.h>
#include <errno.h>
#include <gumbo.h>
#include <iconv.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/utf8.h"

#define MAX_HINTS 160
#define MAX_HINT_LEN 40
#define MIN_PARA 25          /* bytes of own text that make a block a paragraph */
#define MAX_JSONLD 4         /* JSON-LD scripts read per page */
#define MAX_BYLINE 100       /* longest text read as a byline or date box */
#define MAX_BLOCK_RULE 80     /* blocks up to this many text bytes go through the text rules */
#define RETRY_BELOW 400      /* bytes of main text under which a page is read again with fewer rules */

/* ---- charset ------------------------------------------------------------ */

/* The charset named by a <meta> tag in the first bytes of the page, copied
 * to OUT (lowercase), or 0. */
static int meta_charset(const unsigned char *s, size_t n, char *out, size_t cap)
{
	size_t lim = n < 16384 ? n : 16384;
	for (size_t i = 0; i + 5 < lim; i++) {
		if (s[i] != '<' || strncasecmp((const char *)s + i + 1, "meta", 4) != 0)
			continue;
		size_t e = i + 5;
		while (e < lim && s[e] != '>')
			e++;
		for (size_t j = i + 5; j + 7 < e; j++) {
			if (strncasecmp((const char *)s + j, "charset", 7) != 0)
				continue;
			size_t k = j + 7;
			while (k < e && (s[k] == ' ' || s[k] == '='))
				k++;
			while (k < e && (s[k] == '"' || s[k] == '\''))
				k++;
			size_t o = 0;
			while (k < e && o + 1 < cap && (isalnum(s[k]) || s[k] == '-' || s[k] == '_' || s[k] == ':'))
				out[o++] = (char)tolower(s[k++]);
			out[o] = '\0';
			if (o)
				return 1;
		}
		i = e;
	}
	return 0;
}

/* WHATWG labels to names iconv knows; NULL for UTF-8. */
static const char *iconv_name(const char *label)
{
	static const char *const map[][2] = {
		{"utf-8", NULL}, {"utf8", NULL}, {"unicode-1-1-utf-8", NULL},
		{"iso-8859-1", "WINDOWS-1252"}, {"latin1", "WINDOWS-1252"}, {"us-ascii", "WINDOWS-1252"},
		{"ascii", "WINDOWS-1252"}, {"iso8859-1", "WINDOWS-1252"}, {"l1", "WINDOWS-1252"},
		{"gb2312", "GB18030"}, {"gbk", "GB18030"}, {"x-gbk", "GB18030"},
		{"euc-kr", "CP949"}, {"ks_c_5601-1987", "CP949"},
		{"shift_jis", "CP932"}, {"shift-jis", "CP932"}, {"sjis", "CP932"}, {"x-sjis", "CP932"},
		{"iso-8859-9", "WINDOWS-1254"}, {"tis-620", "WINDOWS-874"}, {"iso-8859-11", "WINDOWS-874"},
	};
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (strcmp(label, map[i][0]) == 0)
			return map[i][1];
	return label;
}

/* Converts N bytes from charset FROM to UTF-8 into OUT.  A byte iconv
 * cannot read becomes U+FFFD.  Returns -1 when FROM is unknown, -2 when
 * out of memory. */
static int convert(const char *from, const unsigned char *s, size_t n, buf *out)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return -1;
	buf_clear(out);
	char *in = (char *)(uintptr_t)s;
	size_t left = n;
	int rc = 0;
	while (left) {
		if (buf_reserve(out, left * 2 + 16) < 0) {
			rc = -2;
			break;
		}
		char *o = out->data + out->len;
		size_t room = out->cap - out->len - 1;
		size_t r = iconv(cd, &in, &left, &o, &room);
		out->len = (size_t)(o - out->data);
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		if (errno == EINVAL) /* a sequence cut by the end of the page */
			left = 0;
		else {
			in++;
			left--;
		}
		if (buf_add(out, "\xEF\xBF\xBD", 3) < 0) {
			rc = -2;
			break;
		}
	}
	out->data[out->len] = '\0';
	iconv_close(cd);
	return rc;
}

/* ---- pre-pass ----------------------------------------------------------- */

/* Whether the tag at S (after '<') is NAME, followed by a space, '>' or '/'. */
static int tag_is(const unsigned char *s, const unsigned char *end, const char *name)
{
	size_t l = strlen(name);
	return (size_t)(end - s) > l && strncasecmp((const char *)s, name, l) == 0 &&
	       (s[l] == '>' || s[l] == '/' || isspace(s[l]));
}

/* Copies the page to OUT without what never becomes text: comments and the
 * bodies of <script> (but JSON-LD), <style> and <svg>.  Half the bytes of
 * a news page are script; gumbo reads them a code point at a time.  OUT is
 * never longer than the page.  (Dropping unread attributes as well cuts
 * the bytes by a further third but not the time: gumbo's cost is per
 * node.) */
static int strip(const unsigned char *s, size_t n, buf *out)
{
	static const char *const raw[] = {"script", "style", "svg", NULL};
	const unsigned char *p = s, *end = s + n, *from = s;
	buf_clear(out);
	if (buf_reserve(out, n) < 0)
		return -1;
	while ((p = memchr(p, '<', (size_t)(end - p)))) {
		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			const unsigned char *e = memmem(p + 4, (size_t)(end - p - 4), "-->", 3);
			buf_add(out, from, (size_t)(p - from));
			from = p = e ? e + 3 : end;
			continue;
		}
		int k = 0;
		while (raw[k] && !tag_is(p + 1, end, raw[k]))
			k++;
		if (!raw[k]) {
			p++;
			continue;
		}
		const unsigned char *gt = memchr(p, '>', (size_t)(end - p));
		if (!gt)
			break;
		int json = k == 0 && memmem(p, (size_t)(gt - p), "ld+json", 7);
		buf_add(out, from, (size_t)(gt + 1 - from));
		const unsigned char *c = gt + 1;
		while ((c = memmem(c, (size_t)(end - c), "</", 2)) && !tag_is(c + 2, end, raw[k]))
			c += 2;
		if (json) /* kept whole, read as it is */
			buf_add(out, gt + 1, (size_t)((c ? c : end) - gt - 1));
		from = p = c ? c : end;
	}
	buf_add(out, from, (size_t)(end - from));
	return 0;
}

/* ---- nesting pre-scan --------------------------------------------------- */

/* Tags that close their open sibling or hold no content: they do not nest. */
static int flat_tag(const unsigned char *t, size_t n)
{
	static const char *const flat[] = {"p", "li", "dt", "dd", "option", "tr", "td", "th", "optgroup",
					   "br", "img", "meta", "link", "input", "hr", "area", "base", "col",
					   "embed", "param", "source", "track", "wbr", "rb", "rt", "rp", NULL};
	for (int i = 0; flat[i]; i++)
		if (strlen(flat[i]) == n && strncasecmp((const char *)t, flat[i], n) == 0)
			return 1;
	return 0;
}

/* An upper estimate of the element nesting depth, enough to refuse pages
 * nested deeper than MAX (open tags less close tags; comments and script
 * bodies skipped). */
static long nesting(const unsigned char *s, size_t n, long max, size_t *tags)
{
	long depth = 0, top = 0;
	*tags = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '<')
			continue;
		if (i + 4 <= n && memcmp(s + i, "<!--", 4) == 0) {
			const unsigned char *e = memmem(s + i + 4, n - i - 4, "-->", 3);
			i = e ? (size_t)(e - s) + 2 : n;
			continue;
		}
		int close = i + 1 < n && s[i + 1] == '/';
		size_t t = i + 1 + (size_t)close, e = t;
		while (e < n && isalnum(s[e]))
			e++;
		if (e == t)
			continue;
		if (!close && ++*tags > HTML_MAX_TAGS)
			break;
		if (flat_tag(s + t, e - t))
			continue;
		if (!close && ((e - t == 6 && strncasecmp((const char *)s + t, "script", 6) == 0) ||
			       (e - t == 5 && strncasecmp((const char *)s + t, "style", 5) == 0))) {
			const unsigned char *c = memmem(s + e, n - e, "</", 2);
			while (c && strncasecmp((const char *)c + 2, (const char *)s + t, e - t) != 0)
				c = memmem(c + 2, n - (size_t)(c + 2 - s), "</", 2);
			i = c ? (size_t)(c - s) : n;
			continue;
		}
		size_t g = e;
		while (g < n && s[g] != '>')
			g++;
		if (!close && g > 0 && g < n && s[g - 1] == '/')
			continue;
		depth += close ? -1 : 1;
		if (depth < 0)
			depth = 0;
		if (depth > top && (top = depth) > max)
			break;
	}
	return top;
}

/* ---- class/id hints ----------------------------------------------------- */

enum { HINT_DROP = 1, HINT_KEEP, HINT_NEG, HINT_POS, HINT_BYLINE, HINT_DATE };

typedef struct hint {
	char pat[MAX_HINT_LEN];
	uint8_t len, kind, token; /* token: match a whole word of class/id, not a substring */
} hint;

typedef struct hintset {
	hint h[MAX_HINTS];
	size_t n;
	uint8_t first[256][2]; /* patterns starting with byte b: h[first[b][0]] .. h[first[b][1] - 1] */
} hintset;

/* Loads the hints, sorted by first byte so a match looks only at the
 * patterns that start with the byte at hand. */
static void hints_load(hintset *hs, const char *const *entries)
{
	static const char *const kinds[] = {"", "drop", "keep", "neg", "pos", "byline", "date"};
	hs->n = 0;
	for (size_t i = 0; entries && entries[i] && hs->n < MAX_HINTS; i++) {
		const char *e = entries[i], *tab = strchr(e, '\t');
		if (!tab)
			continue;
		size_t l = (size_t)(tab - e);
		hint *h = &hs->h[hs->n];
		memset(h, 0, sizeof *h);
		h->token = e[0] == '=';
		if (h->token)
			e++, l--;
		if (l == 0 || l >= MAX_HINT_LEN)
			continue;
		const char *k = tab + 1;
		while (*k == '\t' || *k == ' ')
			k++;
		for (uint8_t j = 1; j < sizeof kinds / sizeof *kinds; j++)
			if (strcmp(k, kinds[j]) == 0)
				h->kind = j;
		if (!h->kind)
			continue;
		memcpy(h->pat, e, l);
		h->len = (uint8_t)l;
		hs->n++;
	}
	for (size_t a = 1; a < hs->n; a++)
		for (size_t b = a; b > 0 && (unsigned char)hs->h[b].pat[0] < (unsigned char)hs->h[b - 1].pat[0]; b--) {
			hint t = hs->h[b];
			hs->h[b] = hs->h[b - 1];
			hs->h[b - 1] = t;
		}
	memset(hs->first, 0, sizeof hs->first);
	for (size_t i = hs->n; i-- > 0;) {
		uint8_t *f = hs->first[(unsigned char)hs->h[i].pat[0]];
		if (!f[1])
			f[1] = (uint8_t)(i + 1);
		f[0] = (uint8_t)i;
	}
}

/* Bits (1 << HINT_*) of the hints that match CLASS and ID. */
static unsigned hints_match(const hintset *hs, const char *cls, const char *id)
{
	char s[512];
	size_t o = 0;
	for (const char *src = cls; src && *src && o < 255; src++)
		s[o++] = (char)tolower((unsigned char)*src);
	s[o++] = ' ';
	for (const char *src = id; src && *src && o < 510; src++)
		s[o++] = (char)tolower((unsigned char)*src);
	s[o] = '\0';
	unsigned bits = 0;
	for (size_t i = 0; i < o; i++) {
		const uint8_t *f = hs->first[(unsigned char)s[i]];
		for (size_t k = f[0]; k < f[1]; k++) {
			const hint *h = &hs->h[k];
			if ((bits & (1u << h->kind)) || i + h->len > o || s[i + 1] != h->pat[1] ||
			    memcmp(s + i, h->pat, h->len) != 0)
				continue;
			if (h->token && ((i > 0 && isalnum((unsigned char)s[i - 1])) ||
					 isalnum((unsigned char)s[i + h->len])))
				continue;
			bits |= 1u << h->kind;
		}
	}
	return bits;
}

/* ---- the tree ----------------------------------------------------------- */

/* How a tag takes part in the text. */
enum { T_INLINE = 0, T_BLOCK, T_SKIP, T_BOILER, T_HEAD, T_BR };

static int tag_kind(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
	case GUMBO_TAG_MAIN: case GUMBO_TAG_LI: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL:
	case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE:
	case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT:
	case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_HR:
	case GUMBO_TAG_ADDRESS: case GUMBO_TAG_CENTER: case GUMBO_TAG_FORM: case GUMBO_TAG_FIELDSET:
	case GUMBO_TAG_DETAILS: case GUMBO_TAG_BODY: case GUMBO_TAG_HTML: case GUMBO_TAG_CAPTION:
	case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
	case GUMBO_TAG_H1: case GUMBO_TAG_HGROUP:
	case GUMBO_TAG_UNKNOWN: /* custom elements (web components) wrap blocks */
		return T_BLOCK;
	case GUMBO_TAG_BR:
		return T_BR;
	case GUMBO_TAG_NAV: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FIGURE:
	case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_HEADER: case GUMBO_TAG_MENU:
	case GUMBO_TAG_SUMMARY:
		return T_BOILER;
	case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
	case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT:
	case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO:
	case GUMBO_TAG_SELECT: case GUMBO_TAG_BUTTON: case GUMBO_TAG_INPUT: case GUMBO_TAG_TEXTAREA:
	case GUMBO_TAG_MAP: case GUMBO_TAG_IMG: case GUMBO_TAG_LABEL:
		return T_SKIP;
	case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE:
		return T_HEAD;
	default:
		return T_INLINE;
	}
}

static int is_heading(GumboTag t)
{
	return t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 || t == GUMBO_TAG_H4 ||
	       t == GUMBO_TAG_H5 || t == GUMBO_TAG_H6;
}

/* Per-element statistics, in document order. */
typedef struct nstat {
	uint32_t size;   /* elements in the subtree, itself included */
	uint32_t text;   /* visible non-space bytes in the subtree */
	uint32_t links;  /* of which inside <a> */
	uint32_t own;    /* non-space bytes of its own inline text (not in child blocks) */
	uint32_t commas; /* in the subtree */
	uint32_t paras;  /* paragraphs (blocks with own text) in the subtree */
	float score;
	uint8_t drop;    /* boilerplate: never written */
	uint8_t scored;  /* received points from a paragraph */
	int8_t weight;   /* -1 negative hint, +1 positive */
	uint8_t kind;    /* T_* */
	const char *cls; /* class attribute or "" */
} nstat;

typedef struct metactx metactx;
static void meta_box(metactx *c, const GumboNode *e, unsigned hint_bits);

typedef struct walk {
	const hintset *hs;
	nstat *st;
	size_t n, cap;
	int pass;        /* > 0: class and id drop nothing */
	int nomem;
	metactx *mc;     /* when not NULL, gets the byline and date boxes */
} walk;

static const char *attr(const GumboNode *e, const char *name)
{
	GumboAttribute *a = gumbo_get_attribute(&e->v.element.attributes, name);
	return a ? a->value : NULL;
}

static int is_element(const GumboNode *c)
{
	return c->type == GUMBO_NODE_ELEMENT || c->type == GUMBO_NODE_TEMPLATE;
}

static int hidden(const GumboNode *e)
{
	if (attr(e, "hidden"))
		return 1;
	const char *ah = attr(e, "aria-hidden");
	if (ah && strcmp(ah, "true") == 0)
		return 1;
	const char *st = attr(e, "style");
	if (!st)
		return 0;
	char s[128];
	size_t o = 0;
	for (; *st && o + 1 < sizeof s; st++)
		if (*st != ' ')
			s[o++] = (char)tolower((unsigned char)*st);
	s[o] = '\0';
	return strstr(s, "display:none") || strstr(s, "visibility:hidden");
}

static void count_text(const char *t, uint32_t *len, uint32_t *commas)
{
	for (const unsigned char *p = (const unsigned char *)t; *p; p++) {
		if (*p > ' ' && !(*p == 0xC2 && p[1] == 0xA0))
			(*len)++;
		if (*p == ',' || (*p == 0xEF && p[1] == 0xBC && p[2] == 0x8C) || (*p == 0xE3 && p[1] == 0x80 && p[2] == 0x81))
			(*commas)++;
	}
}

/* Fills the statistics of element E (and its subtree) at index W->n.
 * Returns E's index; INLINE_OUT gets the own text it passes to a block
 * parent when E is inline. */
static size_t stats(walk *w, const GumboNode *e, int in_link, int depth, uint32_t *inline_out)
{
	if (w->n == w->cap) {
		size_t nc = w->cap ? w->cap * 2 : 1024;
		nstat *p = realloc(w->st, nc * sizeof *p);
		if (!p) {
			w->nomem = 1;
			return SIZE_MAX;
		}
		w->st = p;
		w->cap = nc;
	}
	size_t me = w->n++;
	nstat s = {0};
	s.size = 1;
	GumboTag tag = e->v.element.tag;
	s.kind = (uint8_t)tag_kind(tag);
	const char *cls = attr(e, "class"), *id = attr(e, "id");
	s.cls = cls ? cls : "";
	int root = tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_ARTICLE ||
		   tag == GUMBO_TAG_MAIN;
	if (cls || id) {
		unsigned b = hints_match(w->hs, cls, id);
		if (w->mc)
			meta_box(w->mc, e, b);
		if ((b & (1u << HINT_DROP)) && !(b & (1u << HINT_KEEP)) && !root && tag != GUMBO_TAG_A && !w->pass)
			s.drop = 1;
		s.weight = (int8_t)(((b >> HINT_POS) & 1) - ((b >> HINT_NEG) & 1));
	}
	if (s.kind == T_SKIP || s.kind == T_BOILER || s.kind == T_HEAD || hidden(e))
		s.drop = 1;
	if (s.kind == T_SKIP || s.kind == T_HEAD) { /* no text: its subtree gets no entries */
		w->st[me] = s;
		*inline_out = 0;
		return me;
	}
	if (tag == GUMBO_TAG_A)
		in_link = 1;
	uint32_t own = 0;
	const GumboVector *ch = &e->v.element.children;
	for (unsigned i = 0; i < ch->length && depth < HTML_MAX_DEPTH; i++) {
		const GumboNode *c = ch->data[i];
		if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA) {
			uint32_t l = 0;
			count_text(c->v.text.text, &l, &s.commas);
			s.text += l;
			own += l;
			if (in_link)
				s.links += l;
		} else if (is_element(c)) {
			uint32_t sub_inline = 0;
			size_t k = stats(w, c, in_link, depth + 1, &sub_inline);
			if (k == SIZE_MAX)
				return SIZE_MAX;
			const nstat *cs = &w->st[k];
			s.size += cs->size;
			if (cs->drop)
				continue;
			s.text += cs->text;
			s.links += cs->links;
			s.commas += cs->commas;
			s.paras += cs->paras;
			own += sub_inline;
		}
	}
	s.own = own;
	if (s.kind != T_INLINE && s.kind != T_BR && own >= MIN_PARA)
		s.paras++;
	*inline_out = s.kind == T_INLINE ? own : 0;
	w->st[me] = s;
	return me;
}

/* ---- scoring ------------------------------------------------------------ */

typedef struct scorer {
	nstat *st;
	size_t idx;
} scorer;

static float base_score(const nstat *s, GumboTag t)
{
	float b = 0;
	switch (t) {
	case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: case GUMBO_TAG_SECTION:
		b = 5;
		break;
	case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE:
		b = 3;
		break;
	case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL: case GUMBO_TAG_DD: case GUMBO_TAG_DT:
	case GUMBO_TAG_LI: case GUMBO_TAG_FORM: case GUMBO_TAG_ADDRESS:
		b = -3;
		break;
	default:
		if (is_heading(t) || t == GUMBO_TAG_TH)
			b = -5;
	}
	/* a hint counts in full only for a box with some text in it */
	float fill = s->text >= 1000 ? 1.0f : (float)s->text / 1000.0f;
	return b + 25.0f * (float)s->weight * fill;
}

static void give(nstat *s, GumboTag t, float pts)
{
	if (!s->scored) {
		s->scored = 1;
		s->score = base_score(s, t);
	}
	s->score += pts;
}

/* Walks the tree; each paragraph gives points to up to three ancestors
 * (ANC holds the indexes and tags of the open ones). */
static void score_walk(scorer *sc, const GumboNode *e, size_t *anc, GumboTag *atag, int depth)
{
	size_t me = sc->idx++;
	nstat *s = &sc->st[me];
	if (s->drop) {
		sc->idx = me + s->size;
		return;
	}
	GumboTag t = e->v.element.tag;
	anc[depth] = me;
	atag[depth] = t;
	if (s->kind != T_INLINE && s->own >= MIN_PARA && depth > 0) {
		/* Text right in a box (not in a <p> of it) is a paragraph of
		 * that box, as if it were wrapped in one. */
		int box = t == GUMBO_TAG_DIV || t == GUMBO_TAG_SECTION || t == GUMBO_TAG_ARTICLE ||
			  t == GUMBO_TAG_MAIN || t == GUMBO_TAG_TD || t == GUMBO_TAG_UNKNOWN || t == GUMBO_TAG_FORM;
		int top = box ? depth : depth - 1;
		float pts = 1.0f + (float)s->commas + (float)(s->own / 100 < 3 ? s->own / 100 : 3);
		for (int k = 0; k < 3 && top - k >= 0; k++)
			give(&sc->st[anc[top - k]], atag[top - k], k == 0 ? pts : k == 1 ? pts / 2 : pts / 6);
	}
	const GumboVector *ch = &e->v.element.children;
	for (unsigned i = 0; i < ch->length && depth + 1 < HTML_MAX_DEPTH; i++)
		if (is_element(ch->data[i]))
			score_walk(sc, ch->data[i], anc, atag, depth + 1);
	sc->idx = me + s->size;
}

static float link_density(const nstat *s) { return s->text ? (float)s->links / (float)s->text : 0; }

static float final_score(const nstat *s) { return s->score * (1.0f - link_density(s)); }

/* ---- writing the text --------------------------------------------------- */

typedef struct writer {
	buf *out;
	nstat *st;
	size_t idx;
	int brk;      /* pending break: 0 none, 1 newline, 2 blank line */
	int space;    /* pending space */
	int nomem;
	const char *skip_text; /* a heading equal to the title is not repeated */
	int pass;     /* 2: no link-density cleaning */
	const html_rules *rules; /* short blocks that are furniture or teaser headings are left out */
} writer;

static void put_text(writer *w, const char *t)
{
	for (const unsigned char *p = (const unsigned char *)t; *p; p++) {
		if (*p <= ' ' || (*p == 0xC2 && p[1] == 0xA0)) {
			if (*p == 0xC2)
				p++;
			w->space = 1;
			continue;
		}
		if (w->out->len) {
			if (w->brk)
				w->nomem |= buf_add(w->out, "\n\n", (size_t)w->brk) < 0;
			else if (w->space)
				w->nomem |= buf_addc(w->out, ' ') < 0;
		}
		w->brk = w->space = 0;
		w->nomem |= buf_addc(w->out, (char)*p) < 0;
	}
}

static void set_break(writer *w, int b)
{
	if (b > w->brk)
		w->brk = b;
}

/* Whether a container inside the article is boilerplate after all: a
 * list or box of links, or a negative hint without a comma of prose. */
static int boiler_block(const nstat *s, GumboTag t)
{
	if (s->kind == T_INLINE || is_heading(t))
		return 0;
	if (s->weight < 0 && s->commas < 10 && s->text < 200)
		return 1;
	if (t == GUMBO_TAG_P || t == GUMBO_TAG_BLOCKQUOTE || t == GUMBO_TAG_PRE)
		return 0;
	float ld = link_density(s);
	if (s->weight < 0 && s->commas < 10)
		return 1;
	if (s->commas >= 10)
		return 0;
	if (t == GUMBO_TAG_UL || t == GUMBO_TAG_OL || t == GUMBO_TAG_DIV || t == GUMBO_TAG_SECTION ||
	    t == GUMBO_TAG_TABLE || t == GUMBO_TAG_LI || t == GUMBO_TAG_FORM || t == GUMBO_TAG_DL)
		return ld > (s->weight > 0 ? 0.5f : 0.33f);
	return 0;
}

static void node_text(const GumboNode *e, char *out, size_t cap, size_t *o, int depth);

/* Whether E's text is TEXT, white space folded. */
static int same_text(const GumboNode *e, const char *text)
{
	char t[1024];
	size_t o = 0;
	node_text(e, t, sizeof t, &o, 0);
	while (o && t[o - 1] == ' ')
		t[--o] = '\0';
	return strcmp(t[0] == ' ' ? t + 1 : t, text) == 0;
}

static void write_node(writer *w, const GumboNode *e, int depth)
{
	size_t me = w->idx++;
	const nstat *s = &w->st[me];
	GumboTag t = e->v.element.tag;
	if (s->drop || (depth > 0 && w->pass < 2 && boiler_block(s, t)) || s->text == 0) {
		w->idx = me + s->size;
		if (s->kind == T_BR)
			set_break(w, 1);
		return;
	}
	int blk = s->kind != T_INLINE;
	if (blk)
		set_break(w, 2);
	if ((t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2) && w->skip_text && same_text(e, w->skip_text)) {
		w->idx = me + s->size;
		return;
	}
	if (blk && s->text <= MAX_BLOCK_RULE && w->rules && w->rules->block_kind && depth > 0) {
		char bt[1024];
		size_t o = 0;
		node_text(e, bt, sizeof bt, &o, 0);
		int k = w->rules->block_kind(w->rules->ctx, bt, o);
		if (k != HTML_BLOCK_TEXT) {
			w->idx = me + s->size;
			return;
		}
	}
	const GumboVector *ch = &e->v.element.children;
	for (unsigned i = 0; i < ch->length && depth + 1 < HTML_MAX_DEPTH; i++) {
		const GumboNode *c = ch->data[i];
		if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA)
			put_text(w, c->v.text.text);
		else if (c->type == GUMBO_NODE_WHITESPACE)
			w->space = 1;
		else if (is_element(c))
			write_node(w, c, depth + 1);
	}
	if (blk)
		set_break(w, 2);
	w->idx = me + s->size;
}

/* ---- choosing the article ----------------------------------------------- */

typedef struct found {
	const GumboNode *node;
	size_t idx;
} found;

#define NTOP 5 /* candidates kept; as in Readability */

/* The NTOP elements with the best final scores, best first. */
static void best_walk(nstat *st, const GumboNode *e, size_t *idx, int depth, found *top)
{
	size_t me = (*idx)++;
	const nstat *s = &st[me];
	if (s->drop) {
		*idx = me + s->size;
		return;
	}
	if (s->scored) {
		float f = final_score(s);
		int k = NTOP;
		while (k > 0 && (!top[k - 1].node || f > final_score(&st[top[k - 1].idx])))
			k--;
		if (k < NTOP) {
			memmove(top + k + 1, top + k, (NTOP - 1 - (size_t)k) * sizeof *top);
			top[k] = (found){e, me};
		}
	}
	const GumboVector *ch = &e->v.element.children;
	for (unsigned i = 0; i < ch->length && depth + 1 < HTML_MAX_DEPTH; i++)
		if (is_element(ch->data[i]))
			best_walk(st, ch->data[i], idx, depth + 1, top);
	*idx = me + s->size;
}

static int inside(const GumboNode *e, const GumboNode *anc)
{
	for (; e; e = e->parent)
		if (e == anc)
			return 1;
	return 0;
}

static int index_of(const nstat *st, const GumboNode *e, size_t idx, const GumboNode *target, size_t *out, int depth);

/* Readability's climb from the best candidate: to the ancestor that holds
 * three of the runners-up scoring near it (an article split over several
 * boxes), else to a parent that scores better, and past wrappers that hold
 * nothing else. */
static found climb(const GumboNode *root, const nstat *st, const found *top)
{
	found best = top[0];
	float ts = final_score(&st[best.idx]);
	size_t nalt = 0;
	const GumboNode *alt[NTOP];
	for (int k = 1; k < NTOP && top[k].node; k++)
		if (final_score(&st[top[k].idx]) >= 0.75f * ts)
			alt[nalt++] = top[k].node;
	const GumboNode *p;
	size_t pi;
	if (nalt >= 3)
		for (p = best.node->parent; p && is_element(p) && p != root; p = p->parent) {
			size_t in = 0;
			for (size_t k = 0; k < nalt; k++)
				in += inside(alt[k], p);
			if (in >= 3 && index_of(st, root, 0, p, &pi, 0)) {
				best = (found){p, pi};
				break;
			}
		}
	float last = final_score(&st[best.idx]), floor = last / 3;
	for (p = best.node->parent; p && is_element(p) && p != root; p = p->parent) {
		if (!index_of(st, root, 0, p, &pi, 0))
			break;
		if (!st[pi].scored)
			continue;
		float f = final_score(&st[pi]);
		if (f < floor)
			break;
		if (f > last) {
			best = (found){p, pi};
			break;
		}
		last = f;
	}
	for (p = best.node->parent; p && is_element(p) && p != root; p = p->parent) {
		unsigned nel = 0;
		const GumboVector *ch = &p->v.element.children;
		for (unsigned i = 0; i < ch->length; i++)
			nel += is_element(ch->data[i]);
		if (nel != 1 || !index_of(st, root, 0, p, &pi, 0))
			break;
		best = (found){p, pi};
	}
	return best;
}

/* Index of element TARGET, found by walking from ROOT at index 0. */
static int index_of(const nstat *st, const GumboNode *e, size_t idx, const GumboNode *target, size_t *out, int depth)
{
	if (e == target) {
		*out = idx;
		return 1;
	}
	size_t k = idx + 1;
	const GumboVector *ch = &e->v.element.children;
	for (unsigned i = 0; i < ch->length && depth + 1 < HTML_MAX_DEPTH && !st[idx].drop; i++) {
		const GumboNode *c = ch->data[i];
		if (!is_element(c))
			continue;
		if (index_of(st, c, k, target, out, depth + 1))
			return 1;
		k += st[k].size;
	}
	return 0;
}

static int ends_sentence(const GumboNode *e)
{
	const GumboVector *ch = &e->v.element.children;
	for (unsigned i = ch->length; i-- > 0;) {
		const GumboNode *c = ch->data[i];
		if (c->type == GUMBO_NODE_TEXT) {
			const char *t = c->v.text.text;
			size_t l = strlen(t);
			while (l && (unsigned char)t[l - 1] <= ' ')
				l--;
			return l && (t[l - 1] == '.' || t[l - 1] == '!' || t[l - 1] == '?' || t[l - 1] == '"');
		}
		if (c->type != GUMBO_NODE_WHITESPACE && c->type != GUMBO_NODE_COMMENT)
			return 0;
	}
	return 0;
}

/* Writes the article: the best container and those of its siblings that
 * score near it or read as prose paragraphs. */
static void write_article(writer *w, const GumboNode *root, nstat *st, found top)
{
	const nstat *ts = &st[top.idx];
	const GumboNode *parent = top.node->parent;
	size_t pidx;
	if (!parent || !is_element(parent) || !index_of(st, root, 0, parent, &pidx, 0)) {
		w->idx = top.idx;
		write_node(w, top.node, 0);
		return;
	}
	float tscore = final_score(ts), thresh = tscore * 0.2f > 10 ? tscore * 0.2f : 10;
	const GumboVector *ch = &parent->v.element.children;
	size_t k = pidx + 1;
	for (unsigned i = 0; i < ch->length; i++) {
		const GumboNode *c = ch->data[i];
		if (!is_element(c))
			continue;
		const nstat *s = &st[k];
		int take = c == top.node;
		if (!take && !s->drop) {
			float bonus = (ts->cls[0] && strcmp(s->cls, ts->cls) == 0) ? tscore * 0.2f : 0;
			if (s->scored && final_score(s) + bonus >= thresh)
				take = 1;
			else if (c->v.element.tag == GUMBO_TAG_P) {
				float ld = link_density(s);
				take = (s->text > 80 && ld < 0.25f) || (s->text > 0 && ld == 0 && ends_sentence(c));
			}
		}
		if (take) {
			w->idx = k;
			write_node(w, c, 0);
		}
		k += s->size;
	}
}

/* ---- metadata ----------------------------------------------------------- */

struct metactx {
	arena *a;
	const char *byline, *date_text; /* text of the first byline and date boxes */
	html_meta *m;
	const char *og_title, *tw_title, *h1, *title, *ld_headline;
	const char *meta_author, *ld_author, *rel_author;
	const char *pub_meta, *ld_date, *time_dt, *itemprop_date;
	const char *og_url, *canonical;
	const char *og_site, *ld_site, *app_name;
	int nld;
};

/* A copy of S with white space runs folded to one space and trimmed;
 * NULL for NULL or blank. */
static char *dup(arena *a, const char *s)
{
	if (!s)
		return NULL;
	char *d = arena_alloc(a, strlen(s) + 1);
	if (!d)
		return NULL;
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		int sp = *p <= ' ' || (*p == 0xC2 && p[1] == 0xA0);
		if (sp && *p == 0xC2)
			p++;
		if (sp) {
			if (o && d[o - 1] != ' ')
				d[o++] = ' ';
			continue;
		}
		d[o++] = (char)*p;
	}
	while (o && d[o - 1] == ' ')
		o--;
	d[o] = '\0';
	return o ? d : NULL;
}

/* The text of E, whitespace folded, at most CAP-1 bytes. */
static void node_text(const GumboNode *e, char *out, size_t cap, size_t *o, int depth)
{
	const GumboVector *ch = &e->v.element.children;
	for (unsigned i = 0; i < ch->length && depth < 64; i++) {
		const GumboNode *c = ch->data[i];
		if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE || c->type == GUMBO_NODE_CDATA) {
			for (const char *p = c->v.text.text; *p && *o + 1 < cap; p++) {
				char ch2 = (unsigned char)*p <= ' ' ? ' ' : *p;
				if (ch2 == ' ' && (*o == 0 || out[*o - 1] == ' '))
					continue;
				out[(*o)++] = ch2;
			}
		} else if (is_element(c) && tag_kind(c->v.element.tag) != T_SKIP) {
			node_text(c, out, cap, o, depth + 1);
		}
	}
	out[*o] = '\0';
}

static const char *text_of(arena *a, const GumboNode *e)
{
	char t[1024];
	size_t o = 0;
	t[0] = '\0';
	node_text(e, t, sizeof t, &o, 0);
	while (o && t[o - 1] == ' ')
		t[--o] = '\0';
	return o ? arena_strndup(a, t, o) : NULL;
}

/* The text of a byline or date box, when short enough to be one. */
static const char *short_text(arena *a, const GumboNode *e)
{
	const char *t = text_of(a, e);
	return t && strlen(t) <= MAX_BYLINE ? t : NULL;
}

/* Notes E's text when its class or id (HINT_BITS) says byline or date. */
static void meta_box(metactx *c, const GumboNode *e, unsigned hint_bits)
{
	if ((hint_bits & (1u << HINT_BYLINE)) && !c->byline)
		c->byline = short_text(c->a, e);
	else if ((hint_bits & (1u << HINT_DATE)) && !c->date_text)
		c->date_text = short_text(c->a, e);
}

static const char *json_str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* A name from a JSON-LD author or publisher: a string, an object with a
 * name, or the first of an array of those. */
static const char *ld_name(json_t *v)
{
	if (json_is_array(v))
		v = json_array_get(v, 0);
	if (json_is_string(v))
		return json_string_value(v);
	return json_is_object(v) ? json_str(v, "name") : NULL;
}

static void ld_object(metactx *c, json_t *o, int depth)
{
	if (depth > 8)
		return;
	if (json_is_array(o)) {
		size_t i;
		json_t *v;
		json_array_foreach(o, i, v) ld_object(c, v, depth + 1);
		return;
	}
	if (!json_is_object(o))
		return;
	json_t *graph = json_object_get(o, "@graph");
	if (graph)
		ld_object(c, graph, depth + 1);
	const char *headline = json_str(o, "headline"), *date = json_str(o, "datePublished");
	if (!headline && !date)
		return;
	if (headline && !c->ld_headline)
		c->ld_headline = dup(c->a, headline);
	if (date && !c->ld_date)
		c->ld_date = dup(c->a, date);
	const char *au = ld_name(json_object_get(o, "author"));
	if (au && !c->ld_author)
		c->ld_author = dup(c->a, au);
	const char *pub = ld_name(json_object_get(o, "publisher"));
	if (pub && !c->ld_site)
		c->ld_site = dup(c->a, pub);
}

static void json_ld(metactx *c, const GumboNode *e)
{
	if (c->nld >= MAX_JSONLD || e->v.element.children.length != 1)
		return;
	const GumboNode *t = e->v.element.children.data[0];
	if (t->type != GUMBO_NODE_TEXT && t->type != GUMBO_NODE_CDATA && t->type != GUMBO_NODE_WHITESPACE)
		return;
	c->nld++;
	json_error_t je;
	json_t *root = json_loads(t->v.text.text, JSON_DECODE_ANY, &je);
	if (!root)
		return;
	ld_object(c, root, 0);
	json_decref(root);
}

static void meta_tag(metactx *c, const GumboNode *e)
{
	const char *key = attr(e, "property");
	if (!key)
		key = attr(e, "name");
	if (!key)
		key = attr(e, "itemprop");
	const char *v = attr(e, "content");
	if (!key || !v || !*v)
		return;
	static const struct {
		const char *key;
		size_t off;
	} keys[] = {
		{"og:title", offsetof(metactx, og_title)},
		{"twitter:title", offsetof(metactx, tw_title)},
		{"author", offsetof(metactx, meta_author)},
		{"article:author", offsetof(metactx, meta_author)},
		{"byl", offsetof(metactx, meta_author)},
		{"sailthru.author", offsetof(metactx, meta_author)},
		{"parsely-author", offsetof(metactx, meta_author)},
		{"dc.creator", offsetof(metactx, meta_author)},
		{"article:published_time", offsetof(metactx, pub_meta)},
		{"og:article:published_time", offsetof(metactx, pub_meta)},
		{"datepublished", offsetof(metactx, pub_meta)},
		{"pubdate", offsetof(metactx, pub_meta)},
		{"publishdate", offsetof(metactx, pub_meta)},
		{"publish-date", offsetof(metactx, pub_meta)},
		{"date", offsetof(metactx, pub_meta)},
		{"dc.date", offsetof(metactx, pub_meta)},
		{"dc.date.issued", offsetof(metactx, pub_meta)},
		{"sailthru.date", offsetof(metactx, pub_meta)},
		{"parsely-pub-date", offsetof(metactx, pub_meta)},
		{"og:url", offsetof(metactx, og_url)},
		{"og:site_name", offsetof(metactx, og_site)},
		{"application-name", offsetof(metactx, app_name)},
	};
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (strcasecmp(key, keys[i].key) == 0) {
			const char **slot = (const char **)((char *)c + keys[i].off);
			/* an author given as a profile URL says nothing */
			if (!*slot && !(keys[i].off == offsetof(metactx, meta_author) && strstr(v, "://")))
				*slot = dup(c->a, v);
			return;
		}
}

static void meta_walk(metactx *c, const GumboNode *e, int depth)
{
	GumboTag t = e->v.element.tag;
	switch (t) {
	case GUMBO_TAG_META:
		meta_tag(c, e);
		break;
	case GUMBO_TAG_TITLE:
		if (!c->title)
			c->title = text_of(c->a, e);
		break;
	case GUMBO_TAG_H1:
		if (!c->h1)
			c->h1 = text_of(c->a, e);
		break;
	case GUMBO_TAG_LINK: {
		const char *rel = attr(e, "rel"), *href = attr(e, "href");
		if (rel && href && strcasecmp(rel, "canonical") == 0 && !c->canonical)
			c->canonical = dup(c->a, href);
		break;
	}
	case GUMBO_TAG_SCRIPT: {
		const char *ty = attr(e, "type");
		if (ty && strcasecmp(ty, "application/ld+json") == 0)
			json_ld(c, e);
		return;
	}
	case GUMBO_TAG_TIME: {
		const char *dt = attr(e, "datetime");
		if (dt && !c->time_dt)
			c->time_dt = dup(c->a, dt);
		break;
	}
	default:
		break;
	}
	if (t != GUMBO_TAG_META && t != GUMBO_TAG_TIME) {
		const char *ip = attr(e, "itemprop");
		if (ip && strcmp(ip, "datePublished") == 0 && !c->itemprop_date) {
			const char *v = attr(e, "datetime");
			c->itemprop_date = v ? dup(c->a, v) : text_of(c->a, e);
		}
	}
	if (t == GUMBO_TAG_A && !c->rel_author) {
		const char *rel = attr(e, "rel");
		if (rel && strcasecmp(rel, "author") == 0)
			c->rel_author = text_of(c->a, e);
	}
	const GumboVector *ch = &e->v.element.children;
	for (unsigned i = 0; i < ch->length && depth < HTML_MAX_DEPTH; i++)
		if (is_element(ch->data[i]))
			meta_walk(c, ch->data[i], depth + 1);
}

/* A title less its site name ("Headline | Site", "Site :: Headline"):
 * the part that is not the site name, else the longer part. */
static const char *strip_site(arena *a, const char *t, const char *site)
{
	static const char *const seps[] = {" | ", " - ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " :: ", " \xC2\xB7 ",
					   " // ", " \xC2\xBB ", NULL};
	size_t n = strlen(t);
	for (int i = 0; seps[i]; i++) {
		const char *first = strstr(t, seps[i]);
		if (!first)
			continue;
		const char *last = first;
		for (const char *r; (r = strstr(last + 1, seps[i]));)
			last = r;
		size_t sl = strlen(seps[i]);
		const char *tail = last + sl;
		size_t head = (size_t)(first - t), tl = strlen(tail);
		if (site && head == strlen(site) && strncasecmp(t, site, head) == 0)
			return dup(a, first + sl);
		if (site && strcasecmp(tail, site) == 0)
			return arena_strndup(a, t, (size_t)(last - t));
		if (head < tl && head * 2 < n - sl) /* a short site name first */
			return dup(a, first + sl);
		return arena_strndup(a, t, (size_t)(last - t));
	}
	return t;
}

static const char *first_of(const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] && *v[i])
			return v[i];
	return NULL;
}

static void fill_meta(metactx *c)
{
	html_meta *m = c->m;
	m->site = first_of((const char *[]){c->og_site, c->ld_site, c->app_name}, 3);
	const char *title = first_of((const char *[]){c->og_title, c->ld_headline, c->tw_title, c->h1}, 4);
	if (title)
		m->title = strip_site(c->a, title, m->site);
	else if (c->title)
		m->title = strip_site(c->a, c->title, m->site);
	m->author = first_of((const char *[]){c->meta_author, c->ld_author, c->rel_author, c->byline}, 4);
	m->url = first_of((const char *[]){c->canonical, c->og_url}, 2);
	memset(m->dates, 0, sizeof m->dates);
	const char *dates[] = {c->pub_meta, c->ld_date, c->itemprop_date, c->time_dt, c->date_text, c->byline, m->url};
	size_t k = 0;
	for (size_t i = 0; i < sizeof dates / sizeof *dates && k < HTML_MAX_DATES; i++)
		if (dates[i])
			m->dates[k++] = dates[i];
}

/* ---- the reader --------------------------------------------------------- */

/* Writes the main text under ROOT to TEXT (cleared first), the title line
 * first.  PASS 0 uses all rules; 1 drops nothing for its class or id; 2
 * also keeps link lists inside the article.  Returns -1 when out of
 * memory. */
static int main_text(const GumboNode *root, const hintset *hs, const html_rules *rules, int pass, metactx *mc,
		     buf *text)
{
	buf_clear(text);
	walk w = {hs, NULL, 0, 0, pass, 0, pass ? NULL : mc};
	const char *title = mc->m->title;
	uint32_t dummy;
	size_t *anc = malloc(HTML_MAX_DEPTH * sizeof *anc);
	GumboTag *atag = malloc(HTML_MAX_DEPTH * sizeof *atag);
	int rc = -1;
	if (anc && atag && stats(&w, root, 0, 0, &dummy) != SIZE_MAX) {
		scorer sc = {w.st, 0};
		score_walk(&sc, root, anc, atag, 0);
		writer wr = {text, w.st, 0, 0, 0, 0, title, pass, rules};
		if (title) {
			put_text(&wr, title);
			set_break(&wr, 2);
		}
		found top[NTOP];
		memset(top, 0, sizeof top);
		size_t idx = 0;
		best_walk(w.st, root, &idx, 0, top);
		if (top[0].node)
			write_article(&wr, root, w.st, climb(root, w.st, top));
		else {
			wr.idx = 0;
			write_node(&wr, root, 0);
		}
		rc = wr.nomem ? -1 : 0;
	}
	free(anc);
	free(atag);
	free(w.st);
	return rc;
}

/* Decodes the page to UTF-8 (into TMP when it must be converted; *S and *N
 * then point there).  Returns the charset read from, in LABEL or static;
 * NULL with *ST and ERR set on failure. */
static const char *decode(const char *name, const unsigned char **s, size_t *n, const char *label_hint, buf *tmp,
			  char *label, size_t labcap, char *warn, size_t warnlen, attest_status *st, char *err,
			  size_t errlen)
{
	label[0] = '\0';
	const char *from = NULL;
	if (*n >= 3 && (*s)[0] == 0xEF && (*s)[1] == 0xBB && (*s)[2] == 0xBF) {
		*s += 3;
		*n -= 3;
		return "utf-8";
	}
	if (*n >= 2 && (*s)[0] == 0xFF && (*s)[1] == 0xFE)
		from = "UTF-16LE";
	else if (*n >= 2 && (*s)[0] == 0xFE && (*s)[1] == 0xFF)
		from = "UTF-16BE";
	if (from) {
		*s += 2;
		*n -= 2;
	} else {
		if (label_hint && *label_hint) {
			size_t o = 0;
			for (; label_hint[o] && o + 1 < labcap; o++)
				label[o] = (char)tolower((unsigned char)label_hint[o]);
			label[o] = '\0';
		} else if (!meta_charset(*s, *n, label, labcap))
			label[0] = '\0';
		utf8_report r;
		utf8_scan(*s, *n, &r);
		/* Bytes that read as UTF-8 with some non-ASCII in them are
		 * UTF-8, whatever the label says; without a label, invalid
		 * UTF-8 is taken for Windows-1252 (the web's default). */
		int ascii = 1;
		for (size_t i = 0; i < *n && ascii; i++)
			ascii = (*s)[i] < 0x80;
		if (r.invalid == 0 && (!label[0] || !ascii))
			return "utf-8";
		from = label[0] ? iconv_name(label) : (r.invalid ? "WINDOWS-1252" : NULL);
		if (!from)
			return "utf-8";
	}
	int rc = convert(from, *s, *n, tmp);
	if (rc == -1) {
		snprintf(warn, warnlen, "%s: warning: unknown charset '%s', read as windows-1252", name, label);
		from = "WINDOWS-1252";
		rc = convert(from, *s, *n, tmp);
	}
	if (rc < 0) {
		snprintf(err, errlen, "%s: out of memory decoding %s", name, from);
		*st = ATTEST_ERR_NOMEM;
		return NULL;
	}
	*s = (const unsigned char *)tmp->data;
	*n = tmp->len;
	return from;
}

attest_status html_read(const char *name, const unsigned char *s, size_t n, const char *charset,
			const html_rules *rules, buf *text, arena *a, html_meta *meta, char *err,
			size_t errlen, char *warn, size_t warnlen)
{
	warn[0] = '\0';
	memset(meta, 0, sizeof *meta);
	buf_clear(text);
	if (n > HTML_MAX_BYTES) {
		snprintf(err, errlen, "%s: HTML page larger than the %u MB limit", name, HTML_MAX_BYTES >> 20);
		return ATTEST_ERR_TOO_LARGE;
	}
	if (memchr(s, '\0', n) && !(n >= 2 && (s[0] == 0xFF || s[0] == 0xFE))) {
		snprintf(err, errlen, "%s: binary data, not HTML (NUL byte at offset %zu)", name,
			 (size_t)((const unsigned char *)memchr(s, '\0', n) - s));
		return ATTEST_ERR_BINARY;
	}
	buf tmp;
	buf_init(&tmp);
	attest_status st = ATTEST_OK;
	char label[64];
	const char *cs = decode(name, &s, &n, charset, &tmp, label, sizeof label, warn, warnlen, &st, err, errlen);
	if (!cs) {
		buf_free(&tmp);
		return st;
	}
	meta->charset = dup(a, cs);
	size_t tags;
	if (nesting(s, n, HTML_MAX_DEPTH, &tags) > HTML_MAX_DEPTH || tags > HTML_MAX_TAGS) {
		if (tags > HTML_MAX_TAGS)
			snprintf(err, errlen, "%s: HTML page with more than %u tags", name, HTML_MAX_TAGS);
		else
			snprintf(err, errlen, "%s: HTML nested deeper than %u levels", name, HTML_MAX_DEPTH);
		buf_free(&tmp);
		return ATTEST_ERR_TOO_LARGE;
	}
	buf lean;
	buf_init(&lean);
	if (strip(s, n, &lean) < 0) {
		buf_free(&tmp);
		snprintf(err, errlen, "%s: out of memory reading HTML", name);
		return ATTEST_ERR_NOMEM;
	}
	buf_free(&tmp);
	GumboOptions opt = kGumboDefaultOptions;
	opt.max_errors = 0;
	GumboOutput *g = gumbo_parse_with_options(&opt, lean.data, lean.len);
	if (!g) {
		buf_free(&lean);
		snprintf(err, errlen, "%s: out of memory parsing HTML", name);
		return ATTEST_ERR_NOMEM;
	}
	hintset *hs = malloc(sizeof *hs);
	if (!hs)
		st = ATTEST_ERR_NOMEM;
	else {
		hints_load(hs, rules->hints);
		metactx mc = {.a = a, .m = meta};
		meta_walk(&mc, g->root, 0);
		fill_meta(&mc);
		/* A page whose hints hide its article (a "sidebar-layout" body)
		 * is read again without them, then without the cleaning. */
		buf alt;
		buf_init(&alt);
		for (int pass = 0; pass < 3 && st == ATTEST_OK; pass++) {
			buf *into = pass ? &alt : text;
			if (main_text(g->root, hs, rules, pass, &mc, into) < 0)
				st = ATTEST_ERR_NOMEM;
			else if (pass && alt.len > text->len) {
				buf t = *text;
				*text = alt;
				alt = t;
			}
			if (text->len >= RETRY_BELOW)
				break;
		}
		buf_free(&alt);
		fill_meta(&mc); /* again, with the byline and date boxes of pass 0 */
		if (st == ATTEST_OK && text->len && buf_addc(text, '\n') < 0)
			st = ATTEST_ERR_NOMEM;
	}
	if (st == ATTEST_ERR_NOMEM)
		snprintf(err, errlen, "%s: out of memory reading HTML", name);
	free(hs);
	gumbo_destroy_output(&opt, g);
	buf_free(&lean);
	return st;
}
