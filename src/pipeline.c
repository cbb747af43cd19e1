/*
 * pipeline.c: the whole pipeline on one screen, behind the public API.
 *
 *   read_file / read_check_text   bytes -> document text       (read/)
 *   para_split                    text -> paragraphs           (text/)
 *   para_classify                 paragraphs -> kinds          (text/)
 *   article_segment               kinds -> articles + metadata (text/)
 *   sentence_split                article paragraphs -> sentences (seg/)
 *   time_extract, quantity_extract sentences -> times, quantities (extract/)
 *   claim_run                     -> entities, claims, quotes, stances (claim/)
 *
 * Each document is its own failure boundary: a load that fails leaves the
 * handle empty with a one-line message, and the next load starts clean.
 */
#include "pipeline.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "lex/lexicon.h"
#include "read/read.h"
#include "seg/seg.h"

static const char *const status_names[ATTEST_STATUS_COUNT] = {
	"success",
	"input/output error",
	"out of memory",
	"binary data, not text",
	"unsupported text encoding",
	"input too large",
	"bad usage",
	"malformed input",
};
_Static_assert(sizeof status_names / sizeof *status_names == ATTEST_STATUS_COUNT,
	       "one name per attest_status");

ATTEST_API const char *attest_strstatus(attest_status st)
{
	return (unsigned)st < ATTEST_STATUS_COUNT ? status_names[st] : "unknown status";
}

ATTEST_API const char *attest_version(void) { return ATTEST_VERSION; }

ATTEST_API attest_doc *attest_doc_new(void)
{
	attest_doc *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->a = arena_new(64 * 1024);
	if (!d->a) {
		free(d);
		return NULL;
	}
	buf_init(&d->raw);
	buf_init(&d->page);
	buf_init(&d->url);
	vec_init(&d->warnings, sizeof(const char *));
	vec_init(&d->paras, sizeof(para));
	vec_init(&d->lines, 16);
	vec_init(&d->infos, sizeof(article_info));
	vec_init(&d->articles, sizeof(attest_article));
	vec_init(&d->sentences, sizeof(attest_sentence));
	vec_init(&d->tokens, sizeof(token));
	vec_init(&d->taken, 1);
	vec_init(&d->quantities, sizeof(qrec));
	vec_init(&d->times, sizeof(trec));
	vec_init(&d->entities, sizeof(erec));
	vec_init(&d->claims, sizeof(crec));
	vec_init(&d->quotes, sizeof(quoterec));
	vec_init(&d->stances, sizeof(strec));
	vec_init(&d->sigs, 0); /* store_hash_doc sets the item size */
	d->name = "";
	(void)lexicon_get();
	return d;
}

ATTEST_API void attest_doc_free(attest_doc *d)
{
	if (!d)
		return;
	arena_free(d->a);
	buf_free(&d->raw);
	buf_free(&d->page);
	buf_free(&d->url);
	vec_free(&d->warnings);
	vec_free(&d->paras);
	vec_free(&d->lines);
	vec_free(&d->infos);
	vec_free(&d->articles);
	vec_free(&d->sentences);
	vec_free(&d->tokens);
	vec_free(&d->taken);
	vec_free(&d->quantities);
	vec_free(&d->times);
	vec_free(&d->entities);
	vec_free(&d->claims);
	vec_free(&d->quotes);
	vec_free(&d->stances);
	vec_free(&d->sigs);
	free(d);
}

static void reset(attest_doc *d)
{
	arena_reset(d->a);
	d->err[0] = '\0';
	d->hash[0] = '\0';
	d->sigs.len = 0;
	d->name = "";
	d->html = 0;
	memset(&d->meta, 0, sizeof d->meta);
	d->warnings.len = d->paras.len = d->infos.len = 0;
	d->articles.len = d->sentences.len = 0;
	d->quantities.len = d->times.len = 0;
	d->entities.len = d->claims.len = d->quotes.len = d->stances.len = 0;
}

static int parse_ymd(const char *s, pdate *out)
{
	int y, m, dd;
	char tail;
	if (!s || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) != 3 || strlen(s) != 10)
		return -1;
	static const int dm[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1 || m < 1 || m > 12 || dd < 1 || dd > dm[m - 1])
		return -1;
	if (m == 2 && dd == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return -1;
	*out = (pdate){(int16_t)y, (int8_t)m, (int8_t)dd};
	return 0;
}

ATTEST_API void attest_doc_set_options(attest_doc *d, unsigned options) { d->options = options; }

ATTEST_API attest_status attest_doc_set_charset(attest_doc *d, const char *charset)
{
	if (!charset) {
		d->charset[0] = '\0';
		return ATTEST_OK;
	}
	size_t n = strlen(charset);
	if (n == 0 || n >= sizeof d->charset)
		return ATTEST_ERR_USAGE;
	for (size_t i = 0; i < n; i++)
		if (!(isalnum((unsigned char)charset[i]) || strchr("-_.:", charset[i])))
			return ATTEST_ERR_USAGE;
	memcpy(d->charset, charset, n + 1);
	return ATTEST_OK;
}

ATTEST_API attest_status attest_doc_set_ref_date(attest_doc *d, const char *ymd)
{
	if (!ymd) {
		d->ref_date = (pdate){0, 0, 0};
		return ATTEST_OK;
	}
	return parse_ymd(ymd, &d->ref_date) == 0 ? ATTEST_OK : ATTEST_ERR_USAGE;
}

/* The source's URL and fetch day, for the next loads. */
#define MAX_URL 8192

ATTEST_API attest_status attest_doc_set_source(attest_doc *d, const char *url, const char *fetch_date)
{
	pdate day = {0, 0, 0};
	if ((fetch_date && parse_ymd(fetch_date, &day) < 0) || (url && strlen(url) > MAX_URL))
		return ATTEST_ERR_USAGE;
	buf_clear(&d->url);
	if (url && buf_adds(&d->url, url) < 0)
		return ATTEST_ERR_NOMEM;
	d->fetch_date = day;
	return ATTEST_OK;
}

static attest_status fail(attest_doc *d, attest_status st, const char *msg)
{
	if (msg && msg != d->err)
		snprintf(d->err, sizeof d->err, "%s", msg);
	else if (!msg)
		snprintf(d->err, sizeof d->err, "%s: %s", d->name, attest_strstatus(st));
	d->paras.len = d->infos.len = d->articles.len = d->sentences.len = 0;
	d->quantities.len = d->times.len = 0;
	d->entities.len = d->claims.len = d->quotes.len = d->stances.len = 0;
	buf_clear(&d->raw);
	return st;
}

typedef struct sent_ctx {
	attest_doc *d;
	size_t article;
	int heading;
	int nomem;
} sent_ctx;

static void on_sentence(span s, void *ctx)
{
	sent_ctx *c = ctx;
	attest_sentence *out = vec_push(&c->d->sentences);
	if (!out) {
		c->nomem = 1;
		return;
	}
	out->span.start = s.start;
	out->span.end = s.end;
	out->article = c->article;
	out->heading = c->heading;
}

static const char *dup_span(attest_doc *d, span s)
{
	if (span_len(s) == 0)
		return NULL;
	return arena_strndup(d->a, d->raw.data + s.start, span_len(s));
}

/* Titles may be hard-wrapped over lines: fold white space runs. */
static const char *dup_folded(attest_doc *d, span s)
{
	char *p = arena_alloc(d->a, span_len(s) + 1);
	if (!p)
		return NULL;
	size_t o = 0;
	int sp = 0;
	for (uint32_t i = s.start; i < s.end; i++) {
		char c = d->raw.data[i];
		if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
			sp = 1;
			continue;
		}
		if (sp && o)
			p[o++] = ' ';
		sp = 0;
		p[o++] = c;
	}
	p[o] = '\0';
	return p;
}

/* The date relative expressions of article K resolve against: its own
 * publication date, else the day it was fetched, else the caller's
 * reference date. */
static refdate reference(const attest_doc *d, size_t k)
{
	const article_info *ai = &VEC_AT(&d->infos, article_info, k);
	if (ai->published.y && ai->published.m)
		return ai->published;
	if (d->fetch_date.y)
		return d->fetch_date;
	if (d->ref_date.y)
		return d->ref_date;
	/* The year of the page's © line: enough for "January 12". */
	refdate r = {ai->copyright_year, 0, 0};
	return ai->published.y ? ai->published : r;
}

/* Stage 5: quantities and times, a batch of sentences at a time.  The
 * tokens of the sentences the prescan lets in go into a reused scratch
 * array of BATCH_TOKENS slots (a sentence is given as many slots as it has
 * bytes, at most MAX_SENTENCE_TOKENS: a longer run is cut there), so
 * memory stays bounded; when the next one does not fit, or the batch holds
 * BATCH_FULL tokens or BATCH_UNITS runs, the time rules run over every
 * sentence of the batch, then the quantity rules.  The records
 * come out in the same order as sentence by sentence (times and
 * quantities go to vectors of their own, and a sentence's quantity rules
 * need only its own time rules to have run), while each step's code stays
 * in the instruction cache across the batch. */
#define MAX_SENTENCE_TOKENS 4096
#define BATCH_TOKENS MAX_SENTENCE_TOKENS
#define BATCH_UNITS 256
#define BATCH_FULL 1024 /* tokens: 32 KB of them, reused batch after batch */
#define TOKEN_PAD LEXICON_READ_AHEAD

/* A run of a sentence's tokens in the batch. */
typedef struct unit {
	uint32_t first, n, article;
	refdate ref;
} unit;

/* The time, then the quantity rules over the NU units U of the batch
 * (tokens TOK, classes CLS, taken flags TAKEN). */
static void run_batch(attest_doc *d, const unit *u, size_t nu, const token *tok, const uint8_t *cls, uint8_t *taken)
{
	const char *text = d->raw.data;
	for (size_t k = 0; k < nu; k++)
		time_extract(text, tok + u[k].first, u[k].n, cls + u[k].first, taken + u[k].first, u[k].ref, u[k].article,
			     &d->times);
	for (size_t k = 0; k < nu; k++)
		quantity_extract(text, tok + u[k].first, u[k].n, cls + u[k].first, taken + u[k].first, u[k].article,
				 &d->quantities);
}

static attest_status extract(attest_doc *d)
{
	const char *text = d->raw.data;
	const uint32_t limit = d->raw.len < UINT32_MAX - TOKEN_PAD ? (uint32_t)d->raw.len + TOKEN_PAD : UINT32_MAX;
	/* Scratch: the tokens, and in d->taken the indices of a run's tokens
	 * left to classify, then the class and taken flag of each token. */
	d->tokens.len = 0;
	d->taken.len = 0;
	if (vec_reserve(&d->tokens, BATCH_TOKENS) < 0 || vec_reserve(&d->taken, 6 * BATCH_TOKENS) < 0)
		return fail(d, ATTEST_ERR_NOMEM, NULL);
	token *tok = d->tokens.items;
	uint32_t *todo = (uint32_t *)d->taken.items;
	uint8_t *cls = (uint8_t *)(todo + BATCH_TOKENS), *taken = cls + BATCH_TOKENS;
	unit units[BATCH_UNITS];
	size_t nu = 0, used = 0;
	for (size_t si = 0; si < d->sentences.len; si++) {
		const attest_sentence *s = &VEC_AT(&d->sentences, attest_sentence, si);
		if (!lexicon_may_have_quantity(text + s->span.start, s->span.end - s->span.start, limit - s->span.start))
			continue;
		refdate ref = reference(d, s->article);
		tokenizer tk;
		token_init_limit(&tk, text, s->span.start, s->span.end, limit);
		int more = 1;
		while (more) {
			/* No more tokens than bytes: room for all, up to the cut. */
			size_t room = s->span.end - tk.pos;
			if (room > MAX_SENTENCE_TOKENS)
				room = MAX_SENTENCE_TOKENS;
			if (used + room > BATCH_TOKENS || used >= BATCH_FULL || nu == BATCH_UNITS) {
				run_batch(d, units, nu, tok, cls, taken);
				nu = used = 0;
			}
			size_t ntodo;
			size_t n = token_run_classes(&tk, tok + used, room, cls + used, todo, &ntodo);
			more = n == room;
			if (!n)
				break;
			memset(taken + used, 0, n);
			extract_classes(text, tok + used, n, cls + used, todo, ntodo);
			units[nu++] = (unit){(uint32_t)used, (uint32_t)n, (uint32_t)s->article, ref};
			used += n;
		}
	}
	run_batch(d, units, nu, tok, cls, taken);
	return ATTEST_OK;
}

/* Stage 6: entities, sources, quotes, stances and count claims. */
static attest_status claims(attest_doc *d)
{
	claim_input in = {
		.text = d->raw.data,
		.sent = d->sentences.items, .nsent = d->sentences.len,
		.paras = d->paras.items, .npara = d->paras.len,
		.q = d->quantities.items, .nq = d->quantities.len,
		.tm = d->times.items, .nt = d->times.len,
		.a = d->a, .tokens = &d->tokens, .scratch = &d->taken,
		.entities = &d->entities, .claims = &d->claims, .quotes = &d->quotes, .stances = &d->stances,
	};
	return claim_run(&in) < 0 ? fail(d, ATTEST_ERR_NOMEM, NULL) : ATTEST_OK;
}

static attest_status analyze(attest_doc *d)
{
	/* TOKEN_PAD zero bytes after the text (not in it): the tokenizer
	 * reads words eight bytes at a time up to the end of a sentence.  Set
	 * before any pointer into the text goes out. */
	if (buf_reserve(&d->raw, TOKEN_PAD) < 0)
		return fail(d, ATTEST_ERR_NOMEM, NULL);
	memset(d->raw.data + d->raw.len, 0, TOKEN_PAD);
	const char *text = d->raw.data;
	uint32_t len = (uint32_t)d->raw.len;
	if (para_split(text, len, &d->paras, &d->lines) < 0)
		return fail(d, ATTEST_ERR_NOMEM, NULL);
	para *P = d->paras.items;
	para_classify(text, P, d->paras.len);
	if (article_segment(text, P, d->paras.len, &d->infos) < 0)
		return fail(d, ATTEST_ERR_NOMEM, NULL);

	/* A text with no body paragraph (a headline, a snippet, a table) is
	 * still one article: its non-furniture paragraphs. */
	if (d->infos.len == 0) {
		size_t first = SIZE_MAX, last = 0;
		for (size_t i = 0; i < d->paras.len; i++)
			if (P[i].kind == PK_BODY || P[i].kind == PK_HEADING || P[i].kind == PK_OTHER ||
			    P[i].kind == PK_DATE || P[i].kind == PK_DATELINE || P[i].kind == PK_BYLINE) {
				if (first == SIZE_MAX)
					first = i;
				last = i;
			}
		if (first != SIZE_MAX) {
			article_info *ai = vec_push(&d->infos);
			if (!ai)
				return fail(d, ATTEST_ERR_NOMEM, NULL);
			ai->first = (uint32_t)first;
			ai->last = (uint32_t)last;
			ai->title = -1;
			for (size_t i = first; i <= last; i++)
				if (P[i].kind != PK_FURNITURE && P[i].kind != PK_CAPTION && P[i].kind != PK_CREDIT &&
				    P[i].kind != PK_REPEAT && P[i].kind != PK_TEASER)
					P[i].article = 0;
		}
	}
	const article_info *I = d->infos.items;
	for (size_t k = 0; k < d->infos.len; k++) {
		attest_article *a = vec_push(&d->articles);
		if (!a)
			return fail(d, ATTEST_ERR_NOMEM, NULL);
		a->index = k;
		a->span.start = P[I[k].first].sp.start;
		a->span.end = P[I[k].last].sp.end;
		a->title = I[k].title >= 0 ? dup_folded(d, P[I[k].title].sp) : NULL;
		a->author = dup_span(d, I[k].author);
		a->publisher = dup_span(d, I[k].publisher);
		if (I[k].published.y) {
			char ymd[11];
			pdate_format(I[k].published, ymd);
			a->published = arena_strndup(d->a, ymd, strlen(ymd));
		}
	}

	sent_ctx c = {d, 0, 0, 0};
	for (size_t i = 0; i < d->paras.len; i++) {
		if (P[i].article < 0)
			continue;
		c.article = (size_t)P[i].article;
		c.heading = P[i].kind == PK_HEADING;
		sentence_split(text, P[i].sp, on_sentence, &c);
		if (c.nomem)
			return fail(d, ATTEST_ERR_NOMEM, NULL);
	}
	return ATTEST_OK;
}

/* Stages 5 on, unless the caller wants the front end only. */
static attest_status finish(attest_doc *d)
{
	if (d->options & ATTEST_OPT_FRONT_ONLY)
		return ATTEST_OK;
	attest_status st = extract(d);
	return st == ATTEST_OK && !(d->options & ATTEST_OPT_NO_CLAIMS) ? claims(d) : st;
}

static int add_warning(attest_doc *d, const char *warn)
{
	const char **w = vec_push(&d->warnings);
	return w && (*w = arena_strndup(d->a, warn, strlen(warn))) ? 0 : -1;
}

/* A date the page gives: ISO 8601 ("2019-11-19T08:00Z"), a date in a URL
 * path (/2019/11/19/), or words ("Published Nov. 19, 2019"). */
static int page_date(const char *s, pdate *out)
{
	int y, m, dd, len = 0;
	if (strstr(s, "://")) {
		for (const char *p = strchr(s + 3, '/'); p; p = strchr(p + 1, '/'))
			if ((sscanf(p, "/%4d/%2d/%2d%n", &y, &m, &dd, &len) == 3 ||
			     sscanf(p, "/%4d-%2d-%2d%n", &y, &m, &dd, &len) == 3) &&
			    len == 11 && (p[len] == '/' || p[len] == '-' || p[len] == '\0')) {
				char ymd[11];
				snprintf(ymd, sizeof ymd, "%04d-%02d-%02d", y, m, dd);
				if (y >= 1990 && y <= 2100 && parse_ymd(ymd, out) == 0)
					return 1;
			}
		return 0;
	}
	while (*s == ' ')
		s++;
	char ymd[11];
	if (strlen(s) >= 10 && sscanf(s, "%4d-%2d-%2d", &y, &m, &dd) == 3) {
		memcpy(ymd, s, 10);
		ymd[10] = '\0';
		if (parse_ymd(ymd, out) == 0)
			return 1;
	}
	return dateline_date_only(s, strlen(s), out);
}

/* For HTML, what the page says about itself wins over what the text
 * heuristics read in the text: it fills the first article's record. */
static void apply_meta(attest_doc *d)
{
	if (!d->articles.len)
		return;
	attest_article *a = &VEC_AT(&d->articles, attest_article, 0);
	article_info *ai = &VEC_AT(&d->infos, article_info, 0);
	const html_meta *m = &d->meta;
	if (m->title)
		a->title = m->title;
	if (m->site)
		a->publisher = m->site;
	if (m->author) {
		span sp = {0, (uint32_t)strlen(m->author)};
		uint32_t at = byline_name(m->author, sp);
		a->author = at < sp.end ? m->author + at : m->author;
	}
	for (size_t i = 0; i < HTML_MAX_DATES && m->dates[i]; i++) {
		pdate p;
		if (page_date(m->dates[i], &p)) {
			char ymd[11];
			pdate_format(p, ymd);
			a->published = arena_strndup(d->a, ymd, strlen(ymd));
			ai->published = p;
			break;
		}
	}
}

/* A date in the source URL's path dates the first article when nothing
 * else does. */
static void apply_source(attest_doc *d)
{
	if (!d->articles.len || !d->url.len)
		return;
	attest_article *a = &VEC_AT(&d->articles, attest_article, 0);
	article_info *ai = &VEC_AT(&d->infos, article_info, 0);
	pdate p;
	if (a->published || !page_date(d->url.data, &p))
		return;
	char ymd[11];
	pdate_format(p, ymd);
	a->published = arena_strndup(d->a, ymd, strlen(ymd));
	ai->published = p;
}

/* The text rules of stage 2 on one short block of a page: furniture and
 * teaser headings by the lexicons of data/furniture.txt and teaser.txt. */
static int block_kind(void *ctx, const char *s, size_t n)
{
	attest_doc *d = ctx;
	d->paras.len = 0;
	if (n > UINT32_MAX || para_split(s, (uint32_t)n, &d->paras, &d->lines) < 0 || d->paras.len != 1)
		return HTML_BLOCK_TEXT;
	para *p = d->paras.items;
	para_classify(s, p, 1);
	int k = p->kind == PK_TEASER ? HTML_BLOCK_TEASER : p->kind == PK_FURNITURE ? HTML_BLOCK_FURNITURE
										       : HTML_BLOCK_TEXT;
	d->paras.len = 0;
	return k;
}

static attest_status load_html(attest_doc *d)
{
	char warn[ERRMSG_MAX];
	html_rules rules = {lexicon_get()->html_hints, block_kind, d};
	buf t = d->page;
	d->page = d->raw;
	d->raw = t;
	attest_status st = html_read(d->name, (const unsigned char *)d->page.data, d->page.len,
				     d->charset[0] ? d->charset : NULL, &rules, &d->raw, d->a,
				     &d->meta, d->err, sizeof d->err, warn, sizeof warn);
	buf_clear(&d->page);
	if (st != ATTEST_OK)
		return fail(d, st, d->err);
	if (warn[0] && add_warning(d, warn) < 0)
		return fail(d, ATTEST_ERR_NOMEM, NULL);
	d->html = 1;
	st = analyze(d);
	if (st != ATTEST_OK)
		return st;
	apply_meta(d); /* before extraction: the page's date resolves relative times */
	apply_source(d);
	return finish(d);
}

static attest_status load(attest_doc *d, attest_format format)
{
	if (format == ATTEST_FORMAT_AUTO)
		format = read_sniff((const unsigned char *)d->raw.data, d->raw.len);
	if (format == ATTEST_FORMAT_HTML)
		return load_html(d);
	char warn[ERRMSG_MAX];
	attest_status st = read_check_text(d->name, (const unsigned char *)d->raw.data, d->raw.len,
					   d->err, sizeof d->err, warn, sizeof warn);
	if (st != ATTEST_OK)
		return fail(d, st, d->err);
	if (warn[0] && add_warning(d, warn) < 0)
		return fail(d, ATTEST_ERR_NOMEM, NULL);
	st = analyze(d);
	if (st != ATTEST_OK)
		return st;
	apply_source(d);
	return finish(d);
}

ATTEST_API attest_status attest_doc_load_file(attest_doc *d, const char *path, attest_format format)
{
	reset(d);
	if (!path)
		return fail(d, ATTEST_ERR_USAGE, "attest_doc_load_file: no path");
	d->name = arena_strndup(d->a, strcmp(path, "-") == 0 ? "<stdin>" : path,
				strlen(strcmp(path, "-") == 0 ? "<stdin>" : path));
	if (!d->name) {
		d->name = path;
		return fail(d, ATTEST_ERR_NOMEM, NULL);
	}
	attest_status st = read_file(path, &d->raw, d->err, sizeof d->err);
	if (st != ATTEST_OK)
		return fail(d, st, d->err);
	return load(d, format);
}

ATTEST_API attest_status attest_doc_load_buffer(attest_doc *d, const char *name, const void *data,
						size_t len, attest_format format)
{
	reset(d);
	d->name = arena_strndup(d->a, name ? name : "<buffer>", strlen(name ? name : "<buffer>"));
	if (!d->name) {
		d->name = "<buffer>";
		return fail(d, ATTEST_ERR_NOMEM, NULL);
	}
	if (len > ATTEST_MAX_DOCUMENT) {
		snprintf(d->err, sizeof d->err, "%s: larger than the %u MB limit", d->name,
			 ATTEST_MAX_DOCUMENT >> 20);
		return fail(d, ATTEST_ERR_TOO_LARGE, d->err);
	}
	buf_clear(&d->raw);
	if (buf_add(&d->raw, data, len) < 0)
		return fail(d, ATTEST_ERR_NOMEM, NULL);
	return load(d, format);
}

ATTEST_API const char *attest_doc_errmsg(const attest_doc *d) { return d->err; }

ATTEST_API const char *attest_doc_warning(const attest_doc *d, size_t i)
{
	return i < d->warnings.len ? VEC_AT(&d->warnings, const char *, i) : NULL;
}

ATTEST_API const char *attest_doc_text(const attest_doc *d, size_t *len)
{
	if (len)
		*len = d->raw.len;
	return d->raw.data;
}

ATTEST_API size_t attest_doc_article_count(const attest_doc *d) { return d->articles.len; }

ATTEST_API const attest_article *attest_doc_article(const attest_doc *d, size_t i)
{
	return i < d->articles.len ? &VEC_AT(&d->articles, attest_article, i) : NULL;
}

ATTEST_API size_t attest_doc_sentence_count(const attest_doc *d) { return d->sentences.len; }

ATTEST_API const attest_sentence *attest_doc_sentence(const attest_doc *d, size_t i)
{
	return i < d->sentences.len ? &VEC_AT(&d->sentences, attest_sentence, i) : NULL;
}
