/*
 * quote.c: direct quotations and their speakers, paragraph by paragraph.
 *
 * Quote marks: “…” and «…» pair by their shape; straight "…" open after
 * white space or an opening bracket and close otherwise.  A quote still
 * open at the end of its paragraph ends there (news style reopens it in
 * the next paragraph).  Quotes of one or two words are scare quotes, not
 * records.  Nested marks inside a quote are part of it.
 *
 * The speaker, in this order:
 *   after the quote      ,” said X / ,” X said / ,” X wrote on … / ,” according to X
 *   before the quote     X said: “ / X: “ / X told Y: “ / X said, “ / X said that “
 *   a paragraph that is only a quote takes the speaker of the quote in the
 *   paragraph before (at most one paragraph back).
 * A quote is partial when words of the sentence other than an attribution
 * ending in ":" or "," come before it; a partial quote without a speaker is
 * a term in quotes, not a record.  A quote without a speaker of its own
 * right after a speaker's quote (same or next paragraph) continues that
 * quotation and is not a record of its own either.
 */
#include <string.h>

#include "claim/claim.h"
#include "claim/sentx.h"

typedef struct qspan {
	uint32_t open, start, end, close; /* mark, content, content end, after the closing mark */
} qspan;

static int is_open_curly(const unsigned char *s, uint32_t i, uint32_t end)
{
	if (i + 2 < end && s[i] == 0xE2 && s[i + 1] == 0x80 && s[i + 2] == 0x9C)
		return 3;
	if (i + 1 < end && s[i] == 0xC2 && s[i + 1] == 0xAB)
		return 2;
	return 0;
}

static int is_close_curly(const unsigned char *s, uint32_t i, uint32_t end)
{
	if (i + 2 < end && s[i] == 0xE2 && s[i + 1] == 0x80 && s[i + 2] == 0x9D)
		return 3;
	if (i + 1 < end && s[i] == 0xC2 && s[i + 1] == 0xBB)
		return 2;
	return 0;
}

static int words_at_least(const char *s, uint32_t a, uint32_t b, int want)
{
	int n = 0, in = 0;
	for (uint32_t i = a; i < b; i++) {
		int sp = s[i] == ' ' || s[i] == '\n' || s[i] == '\t';
		if (!sp && !in && ++n >= want)
			return 1;
		in = !sp;
	}
	return 0;
}

/* Finds the quotes of paragraph [A, B); calls back for each. */
static size_t scan_quotes(const char *text, uint32_t a, uint32_t b, qspan *out, size_t cap)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n = 0;
	int open = 0;
	qspan cur = {0};
	for (uint32_t i = a; i < b && n < cap;) {
		int l;
		if ((l = is_open_curly(s, i, b)) != 0) {
			if (!open) {
				open = 1;
				cur.open = i;
				cur.start = i + (uint32_t)l;
			}
			i += (uint32_t)l;
		} else if ((l = is_close_curly(s, i, b)) != 0) {
			if (open) {
				cur.end = i;
				cur.close = i + (uint32_t)l;
				out[n++] = cur;
				open = 0;
			}
			i += (uint32_t)l;
		} else if (!open && i + 2 < b && s[i] == 0xE2 && s[i + 1] == 0x80 && s[i + 2] == 0x98 &&
			   (i == a || s[i - 1] == ' ' || s[i - 1] == '\n')) {
			/* ‘single quotes’ at the top level; their closing mark is a
			 * ’ that no letter follows ("Don’t" is an apostrophe). */
			uint32_t k = i + 3;
			for (; k + 2 < b; k++)
				if (s[k] == 0xE2 && s[k + 1] == 0x80 && s[k + 2] == 0x99 &&
				    (k + 3 >= b || !((s[k + 3] | 0x20) >= 'a' && (s[k + 3] | 0x20) <= 'z')))
					break;
			if (k + 2 < b) {
				out[n++] = (qspan){i, i + 3, k, k + 3};
				i = k + 3;
			} else {
				i += 3;
			}
		} else if (s[i] == '"') {
			int after_space = i == a || s[i - 1] == ' ' || s[i - 1] == '\n' || s[i - 1] == '(' ||
					  s[i - 1] == '[' || s[i - 1] == '-';
			if (!open && after_space) {
				open = 1;
				cur.open = i;
				cur.start = i + 1;
			} else if (open && !after_space) {
				cur.end = i;
				cur.close = i + 1;
				out[n++] = cur;
				open = 0;
			}
			i++;
		} else {
			i++;
		}
	}
	if (open && n < cap) {
		cur.end = cur.close = b;
		out[n++] = cur;
	}
	/* Trim white space inside the marks; drop scare quotes. */
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		qspan q = out[i];
		while (q.start < q.end && (text[q.start] == ' ' || text[q.start] == '\n'))
			q.start++;
		while (q.end > q.start && (text[q.end - 1] == ' ' || text[q.end - 1] == '\n'))
			q.end--;
		if (words_at_least(text, q.start, q.end, 3))
			out[k++] = q;
	}
	return k;
}

static size_t sentence_of(const claim_input *in, uint32_t off)
{
	size_t lo = 0, hi = in->nsent;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (in->sent[mid].span.end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* "he said": the last person named, or the last source a sentence
 * credited ("the governor said ..."), before the quote; "it"/"they": the
 * last organization or country named, or the last source. */
static party resolve_pronoun(const claim_input *in, const sentx *s, size_t a, uint32_t before)
{
	int person = tok_is(s, a, "he") || tok_is(s, a, "she");
	const erec *E = in->entities->items, *best = NULL;
	for (size_t i = in->entities->len; i > 0; i--) {
		const erec *e = &E[i - 1];
		if (e->sp.start >= before)
			continue;
		if (e->article != s->article)
			break;
		if (person ? e->kind == EK_PERSON : (e->kind == EK_ORGANIZATION || e->kind == EK_COUNTRY)) {
			best = e;
			break;
		}
	}
	const party *src = NULL;
	for (size_t i = s->ax->nsources; i > 0; i--)
		if (s->ax->sources[i - 1].sp.end <= before) {
			src = &s->ax->sources[i - 1];
			break;
		}
	party p = {0};
	if (src && (!best || src->sp.start > best->sp.start)) {
		p = *src;
	} else if (best) {
		p.present = 1;
		p.sp = best->sp;
		p.canonical[0] = best->canonical;
		p.ncanonical = 1;
	}
	return p;
}

static party speaker_np(const claim_input *in, const sentx *s, size_t a, size_t b)
{
	party p = party_of(s, a, b);
	/* A pronoun but "we", which has no one earlier to stand for. */
	if (b == a + 1 && tok_in(s, a, CW_PRONOUN) && !tok_is(s, a, "we")) {
		party r = resolve_pronoun(in, s, a, s->t[a].start);
		/* The pronoun is the speaker's text; the names are its referent's. */
		p.present = r.present;
		p.ncanonical = r.ncanonical;
		memcpy(p.canonical, r.canonical, sizeof p.canonical);
		if (r.present && !r.ncanonical) {
			p.canonical[0] = arena_strndup(s->ax->a, s->text + r.sp.start, span_len(r.sp));
			p.ncanonical = p.canonical[0] != NULL;
		}
	}
	return p;
}

/* The speaker around quote Q in sentence tokens S. */
/* "the radio station", "the world indoor champion": an article and up to
 * five words to a mark or a preposition; [*A, *B) or 0. */
static int plain_np(const sentx *s, size_t i, size_t *a, size_t *b)
{
	if (!tok_in(s, i, CW_ARTICLE))
		return 0;
	size_t j = i + 1;
	while (j < s->n && j - i <= 5 && tok_word(s, j) && !tok_in(s, j, CW_PREPOSITION | CW_COUNT_STOP))
		j++;
	if (j == i + 1 || (j < s->n && s->t[j].kind != TK_PUNCT))
		return 0;
	*a = i, *b = j;
	return 1;
}

static party find_speaker(const claim_input *in, const sentx *s, const qspan *q)
{
	party none = {0};
	const claimlex *L = s->L;
	size_t a, b, l;
	/* After the closing mark. */
	size_t j = tok_at(s, q->close);
	while (j < s->n && s->t[j].kind == TK_PUNCT && !tok_punct(s, j, '"'))
		j++;
	if (j < s->n && s->t[j].start >= q->close) {
		int sv = sx_match(s, &L->speech, j, &l);
		/* Right after a closing mark, "said" and a noun phrase name the
		 * speaker whatever the phrase ("said the radio station", "wrote
		 * the judges"). */
		if ((sv == SP_SAY || sv == SP_TELL) && ((np_after(s, j + l, &a, &b) && np_is_actor(s, a, b, 2)) ||
							 plain_np(s, j + l, &a, &b))) {
			/* "said the soldier's mother, Natalia Bondar": the name. */
			if (tok_punct(s, b, ',') && b + 1 < s->n && s->mat[b + 1] >= 0 &&
			    s->m[s->mat[b + 1]].cls == GZ_PERSON)
				return speaker_np(in, s, s->m[s->mat[b + 1]].a, s->m[s->mat[b + 1]].b);
			size_t nl = tok_punct(s, b, ',') ? name_run(s, b + 1, 4) : 0;
			if (nl >= 2 && (b + 1 + nl >= s->n || s->t[b + 1 + nl].kind == TK_PUNCT))
				return speaker_np(in, s, b + 1, b + 1 + nl);
			return speaker_np(in, s, a, b);
		}
		if (tok_is(s, j, "according") && tok_is(s, j + 1, "to") && np_after(s, j + 2, &a, &b) &&
		    np_is_actor(s, a, b, 2))
			return speaker_np(in, s, a, b);
		/* "KCNA quoted Kim as saying", "the broadcaster quoted him as
		 * saying": the one quoted speaks. */
		for (size_t v = j; v < s->n && v < j + 8 && !tok_punct(s, v, '.'); v++)
			if ((tok_is(s, v, "quoted") || tok_is(s, v, "cited")) && np_after(s, v + 1, &a, &b) &&
			    np_is_actor(s, a, b, 2) && tok_is(s, b, "as"))
				return speaker_np(in, s, a, b);
		if (np_after(s, j, &a, &b) && np_is_actor(s, a, b, 2)) {
			size_t v = b;
			/* "Hamid Karimi, a spokesman for the militia, told ..." */
			size_t na = 0, nb = 0; /* an apposition that is a name */
			if (tok_punct(s, v, ',')) {
				size_t c = v + 1;
				while (c < s->n && c < v + 16 && !tok_punct(s, c, ',') && !tok_punct(s, c, '.'))
					c++;
				if (tok_punct(s, c, ',')) {
					if (c - (v + 1) >= 2 && (name_run(s, v + 1, 4) == c - (v + 1) ||
								 (s->mat[v + 1] >= 0 && s->m[s->mat[v + 1]].cls == GZ_PERSON &&
								  s->m[s->mat[v + 1]].b == c)))
						na = v + 1, nb = c;
					v = c + 1;
				}
			}
			while (v < s->n && tok_role(s, v, NULL) == RL_SKIP)
				v++;
			/* "the bureau's director, Anouk Vell, told me": the name speaks. */
			if (sx_match(s, &L->speech, v, &l))
				return nb ? speaker_np(in, s, na, nb) : speaker_np(in, s, a, b);
		}
	}
	/* "According to X, the rations were “…”" */
	for (size_t i = 0; i + 2 < s->n && s->t[i].start < q->open; i++)
		if (tok_is(s, i, "according") && tok_is(s, i + 1, "to") && np_after(s, i + 2, &a, &b) &&
		    np_is_actor(s, a, b, 2))
			return speaker_np(in, s, a, b);
	/* Before the opening mark, in the same sentence. */
	size_t o = tok_at(s, q->open);
	for (size_t k = o; k > 0 && o - k < 12; k--) {
		size_t i = k - 1;
		if (tok_punct(s, i, '.') || tok_punct(s, i, '"'))
			break;
		int sv = s->t[i].kind == TK_WORD ? sx_match(s, &L->speech, i, &l) : 0;
		if (sv && np_before(s, i, &a, &b) && np_is_actor(s, a, b, 2))
			return speaker_np(in, s, a, b);
	}
	if (o > 0 && tok_punct(s, o - 1, ':') && np_before(s, o - 1, &a, &b) && np_is_actor(s, a, b, 2))
		return speaker_np(in, s, a, b);
	return none;
}

static int load(const claim_input *in, article_ctx *ax, uint32_t article, uint32_t from, uint32_t to, sentx *s)
{
	return sentx_load(s, in->text, (span){from, to}, article, ax, in->tokens, in->scratch, NULL, 0);
}

/* A quote standing alone after paragraph P: the person P says spoke
 * ("Park said the images were a message." then "“…”"). */
static party speaker_before(const claim_input *in, const para *P, article_ctx *ax)
{
	party none = {0};
	sentx s;
	if (load(in, ax, (uint32_t)P->article, P->sp.start, P->sp.end, &s) != 0)
		return none;
	size_t a, b, l;
	for (size_t i = s.n; i > 0; i--) {
		int sv = sx_match(&s, &s.L->speech, i - 1, &l);
		if ((sv == SP_SAY || sv == SP_TELL) && np_before(&s, i - 1, &a, &b) && np_is_actor(&s, a, b, 1))
			return party_of(&s, a, b);
	}
	/* No one says anything there: the last person it names. */
	for (size_t k = s.nm; k > 0; k--)
		if (s.m[k - 1].cls == GZ_PERSON)
			return party_of(&s, s.m[k - 1].a, s.m[k - 1].b);
	return none;
}

int claim_quotes(const claim_input *in, size_t article, article_ctx *ax)
{
	party prev = {0};
	size_t prev_para = SIZE_MAX;
	qspan qs[64];
	for (size_t pi = 0; pi < in->npara; pi++) {
		const para *P = &in->paras[pi];
		if (P->article != (int32_t)article || P->kind != PK_BODY)
			continue;
		size_t nq = scan_quotes(in->text, P->sp.start, P->sp.end, qs, 64);
		for (size_t k = 0; k < nq; k++) {
			const qspan *q = &qs[k];
			size_t s1 = sentence_of(in, q->open), s2 = sentence_of(in, q->close ? q->close - 1 : q->end);
			if (s1 >= in->nsent)
				continue;
			if (s2 >= in->nsent)
				s2 = in->nsent - 1;
			/* Tokens of the sentences around the quote. */
			uint32_t from = in->sent[s1].span.start, to = in->sent[s2].span.end;
			if (to < q->close)
				to = q->close;
			if (to > P->sp.end)
				to = P->sp.end;
			sentx s;
			if (load(in, ax, (uint32_t)article, from, to, &s) != 0)
				continue;
			party sp = find_speaker(in, &s, q);
			/* Partial: other words of the sentence come before the quote. */
			uint32_t b = q->open;
			while (b > from && (in->text[b - 1] == ' ' || in->text[b - 1] == '\n'))
				b--;
			int partial = b > from && in->text[b - 1] != ':' && in->text[b - 1] != ',';
			int standalone = q->open == P->sp.start && (q->close >= P->sp.end || q->close + 1 >= P->sp.end);
			/* The speaker's quote goes on after the attribution, in this
			 * paragraph or the next: one quotation, not a record of its own. */
			if (!sp.present && !partial && prev.present && prev_para != SIZE_MAX && pi - prev_para <= 1)
				continue;
			/* A quoted phrase nobody is said to have said is a term in
			 * quotes ("what it called “aggression”"), not a quotation. */
			if (!sp.present && partial)
				continue;
			if (!sp.present && standalone && pi > 0 && in->paras[pi - 1].kind == PK_BODY)
				sp = speaker_before(in, &in->paras[pi - 1], ax);
			if (sp.present) {
				prev = sp;
				prev_para = pi;
			}
			quoterec *r = vec_push(in->quotes);
			if (!r)
				return -1;
			*r = (quoterec){.sp = {q->start, q->end}, .partial = (uint8_t)partial, .speaker = sp,
					.article = (uint32_t)article};
		}
	}
	return 0;
}
