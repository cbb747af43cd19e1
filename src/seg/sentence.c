/*
 * sentence.c: sentence boundaries inside one paragraph.
 *
 * A boundary candidate is a terminator token (. ! ? … ...) or a dotted
 * abbreviation (U.S.).  Closing quotes and brackets glued to it belong to
 * the sentence.  The candidate splits when white space follows and the next
 * token can start a sentence (capitalised, a number, an opening quote or
 * bracket).  A period after an abbreviation is judged by its class in
 * data/abbrev.txt: titles (Dr., Gen.) never end a sentence; "num" ones (No.)
 * do not before a number; months (Nov.) do not before a number; the rest
 * (Inc., U.S., initials) end one only when the next word is a common
 * sentence starter (data/starters.txt) or a quote opens.  Quotes are not
 * treated specially otherwise: a quotation of several sentences is split at
 * each of them, as news parsers do, and the quote record spans them later.
 */
#include "seg/seg.h"

#include "base/utf8.h"
#include "lex/lexicon.h"

static int is_terminator(const token *t)
{
	if (t->kind == TK_WORD)
		return (t->flags & TF_DOTTED) != 0;
	if (t->kind != TK_PUNCT)
		return 0;
	return t->cp == '.' || t->cp == '!' || t->cp == '?' || t->cp == 0x2026;
}

static int is_closer(const token *t)
{
	if (t->kind != TK_PUNCT || (t->flags & TF_SPACE))
		return 0;
	switch (t->cp) {
	case '"': case '\'': case ')': case ']': case 0x201D: case 0x2019: case 0xBB:
		return 1;
	default:
		return 0;
	}
}

static int is_opener(const token *t)
{
	switch (t->cp) {
	case '"': case '\'': case '(': case '[': case 0x201C: case 0x2018: case 0xAB:
		return t->kind == TK_PUNCT;
	default:
		return 0;
	}
}

static int starter(const char *text, const token *t, const lexicons *L)
{
	if (t->kind != TK_WORD)
		return is_opener(t);
	return lexmap_get(&L->starters, text + t->start, t->end - t->start) > 0;
}

/* Abbreviation class of the word before a period, or 0. */
static int abbrev_class(const char *text, const token *w, const lexicons *L)
{
	if (w->kind != TK_WORD)
		return 0;
	int c = lexmap_get(&L->abbrev, text + w->start, w->end - w->start);
	if (c > 0)
		return c;
	/* A single capital letter is an initial (John F. Kennedy). */
	if (w->end - w->start == 1 && (w->flags & TF_CAP))
		return ABBR_END;
	if (w->end - w->start <= 4) {
		/* Lowercase single letters before a period: "p." "v." */
		uint32_t len = w->end - w->start;
		if (len == 1)
			return ABBR_END;
	}
	return 0;
}

/* Does the candidate at T (after word PREV, with PREV_VALID) split before
 * NEXT? */
static int splits(const char *text, const token *prev, int prev_valid, const token *t,
		  const token *next, const lexicons *L)
{
	if (!(next->flags & TF_SPACE))
		return 0;
	int starts_ok = (next->flags & TF_CAP) || next->kind == TK_NUM || is_opener(next) ||
			(next->kind == TK_PUNCT && !(next->cp == ',' || next->cp == ';' ||
						       next->cp == ':' || next->cp == ')' || next->cp == '.'));
	if (!starts_ok)
		return 0;
	if (t->kind == TK_WORD) /* U.S. */
		return starter(text, next, L);
	if (t->cp == '.' && t->end - t->start >= 3) /* "..." */
		return starter(text, next, L) || (next->flags & TF_NEWLINE);
	if (t->cp == 0x2026)
		return starter(text, next, L) || is_opener(next);
	if (t->cp != '.')
		return 1;
	if (!prev_valid || (prev->end != t->start))
		return 1;
	switch (abbrev_class(text, prev, L)) {
	case ABBR_TITLE:
		return 0;
	case ABBR_NUM:
	case ABBR_MONTH:
		if (next->kind == TK_NUM)
			return 0;
		return starter(text, next, L);
	case ABBR_END:
		return starter(text, next, L);
	default:
		return 1;
	}
}

uint32_t sentence_split(const char *text, span sp, sentence_fn fn, void *ctx)
{
	const lexicons *L = lexicon_get();
	tokenizer tk;
	token prev = {0}, t, next;
	int prev_valid = 0, have_next;
	uint32_t count = 0, start = UINT32_MAX, last_end = sp.start;
	token_init(&tk, text, sp.start, sp.end);
	have_next = token_next(&tk, &next);
	while (have_next) {
		t = next;
		have_next = token_next(&tk, &next);
		if (start == UINT32_MAX)
			start = t.start;
		last_end = t.end;
		if (!is_terminator(&t)) {
			prev = t;
			prev_valid = 1;
			continue;
		}
		/* Closing quotes and brackets glued to the terminator, and any
		 * further terminators ("?!", ".”)"). */
		while (have_next && (is_closer(&next) ||
				     (is_terminator(&next) && !(next.flags & TF_SPACE)))) {
			last_end = next.end;
			have_next = token_next(&tk, &next);
		}
		if (!have_next)
			break;
		if (splits(text, &prev, prev_valid, &t, &next, L)) {
			fn(span_make(start, last_end), ctx);
			count++;
			start = UINT32_MAX;
			prev_valid = 0;
		} else {
			prev = t;
			prev_valid = 1;
		}
	}
	if (start != UINT32_MAX) {
		fn(span_make(start, last_end), ctx);
		count++;
	}
	return count;
}
