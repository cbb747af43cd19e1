/*
 * Sentence splitter and tokenizer tests.  The sentence cases are a data
 * table, tests/cases/sentences.tsv: the input paragraph, then each expected
 * sentence, TAB-separated, with "\n" standing for a newline.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seg/seg.h"

typedef struct got {
	const char *text;
	char out[64][512];
	int n;
} got;

static void collect(span s, void *ctx)
{
	got *g = ctx;
	if (g->n < 64) {
		size_t n = s.end - s.start;
		if (n > 511)
			n = 511;
		memcpy(g->out[g->n], g->text + s.start, n);
		g->out[g->n][n] = '\0';
	}
	g->n++;
}

static void unescape(char *s)
{
	char *o = s;
	for (char *p = s; *p; p++) {
		if (p[0] == '\\' && p[1] == 'n') {
			*o++ = '\n';
			p++;
		} else if (p[0] == '\\' && p[1] == 't') {
			*o++ = '\t';
			p++;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
}

static int split(const char *text, got *g)
{
	memset(g, 0, sizeof *g);
	g->text = text;
	return (int)sentence_split(text, span_make(0, (uint32_t)strlen(text)), collect, g);
}

Test(sentence, table_of_hard_cases)
{
	FILE *f = fopen("cases/sentences.tsv", "r");
	cr_assert_not_null(f, "tests/cases/sentences.tsv is missing");
	char line[8192];
	int rows = 0, failures = 0, lineno = 0;
	got *g = malloc(sizeof *g);
	while (fgets(line, sizeof line, f)) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		char *fields[64];
		int nf = 0;
		for (char *p = line, *t; nf < 64; p = t + 1) {
			fields[nf++] = p;
			t = strchr(p, '\t');
			if (!t)
				break;
			*t = '\0';
		}
		for (int i = 0; i < nf; i++)
			unescape(fields[i]);
		rows++;
		int n = split(fields[0], g);
		int ok = n == nf - 1;
		for (int i = 0; ok && i < n; i++)
			ok = strcmp(g->out[i], fields[i + 1]) == 0;
		if (!ok) {
			failures++;
			fprintf(stderr, "sentences.tsv:%d: want %d sentence(s), got %d:\n", lineno, nf - 1, n);
			for (int i = 0; i < n && i < 64; i++)
				fprintf(stderr, "    [%s]\n", g->out[i]);
		}
	}
	fclose(f);
	free(g);
	cr_expect_geq(rows, 40, "the table must hold at least 40 cases, has %d", rows);
	cr_expect_eq(failures, 0, "%d of %d sentence cases failed", failures, rows);
}

Test(sentence, empty_and_blank_paragraphs)
{
	got g;
	cr_expect_eq(split("", &g), 0);
	cr_expect_eq(split("   \n  ", &g), 0);
}

Test(sentence, offsets_are_bytes_into_the_text)
{
	got g;
	const char *t = "  Zelenskyy spoke. Müller left.  ";
	cr_assert_eq(split(t, &g), 2);
	cr_expect_str_eq(g.out[0], "Zelenskyy spoke.");
	cr_expect_str_eq(g.out[1], "Müller left.");
}

static int tokens(const char *text, token *out, int max)
{
	tokenizer tk;
	token_init(&tk, text, 0, (uint32_t)strlen(text));
	int n = 0;
	while (n < max && token_next(&tk, &out[n]))
		n++;
	return n;
}

static int tok_is(const char *text, const token *t, const char *want)
{
	return strlen(want) == t->end - t->start && memcmp(text + t->start, want, t->end - t->start) == 0;
}

Test(token, words_numbers_and_punctuation)
{
	const char *t = "Kyiv’s 12,000 troops—U.S. officials didn’t say 1.5 million.";
	token tk[32];
	int n = tokens(t, tk, 32);
	const char *want[] = {"Kyiv", "’s", "12,000", "troops", "—", "U.S.", "officials", "didn’t",
			      "say", "1.5", "million", "."};
	cr_assert_eq(n, 12);
	for (int i = 0; i < n; i++)
		cr_expect(tok_is(t, &tk[i], want[i]), "token %d", i);
	cr_expect(tk[1].flags & TF_POSS);
	cr_expect_eq(tk[2].kind, TK_NUM);
	cr_expect(tk[5].flags & TF_DOTTED);
	cr_expect(tk[0].flags & TF_CAP);
	cr_expect(tk[3].flags & TF_LOWER);
}

Test(token, hyphenated_names_and_suffixed_numbers)
{
	const char *t = "Soo-jin fired 12k rounds at F-16s in the 1990s (COVID-19).";
	token tk[32];
	int n = tokens(t, tk, 32);
	const char *want[] = {"Soo-jin", "fired", "12k", "rounds", "at", "F-16s", "in", "the",
			      "1990s", "(", "COVID-19", ")", "."};
	cr_assert_eq(n, 13);
	for (int i = 0; i < n; i++)
		cr_expect(tok_is(t, &tk[i], want[i]), "token %d", i);
	cr_expect(tk[10].flags & TF_ALLCAPS);
}

Test(token, invalid_utf8_is_one_punct_byte)
{
	const char *t = "ab \xFF cd";
	token tk[8];
	int n = tokens(t, tk, 8);
	cr_assert_eq(n, 3);
	cr_expect_eq(tk[1].end - tk[1].start, 1);
	cr_expect_eq(tk[1].kind, TK_PUNCT);
}

/* Punctuation is one token with the class the rules skip on: a dash
 * joins numbers and dates, a dot or a sign from U+00BC on may open an
 * amount (".5", "½"), other marks open nothing. */
Test(token, punctuation_classes)
{
	const char *t = "a , - . ½ ; ’ ( ...";
	token tk[12];
	int n = tokens(t, tk, 12);
	cr_assert_eq(n, 9);
	const uint8_t want[] = {0, 0, TC_NUMBER | TC_TIME, TC_MARK, TC_MARK, 0, TC_NUMBER | TC_TIME | TC_MARK, 0, TC_MARK};
	for (int i = 1; i < n; i++) {
		cr_expect_eq(tk[i].kind, TK_PUNCT, "token %d", i);
		cr_expect_eq(tk[i].cls, want[i], "class of token %d: %#x", i, tk[i].cls);
		cr_expect_eq(tk[i].hash, 0u);
		cr_expect_eq(tk[i].w1, 1u);
	}
	cr_expect_eq(tk[8].end - tk[8].start, 3, "... is one token");
}

/* Words of up to 15 ASCII letters are read eight bytes at a time when 16
 * bytes may be read from them; anything else byte by byte.  The two must
 * cut, flag, hash and class every word alike: each text is cut at every
 * byte E and tokenized once with the rest of the text readable (the fast
 * path up to E) and once from a copy that ends at E (the byte loop for the
 * last words), and the tokens must match. */
static int same_token(const token *a, const token *b)
{
	/* A class may be settled by one path and left TC_UNKNOWN by the
	 * other (extract_classes settles it the same). */
	return a->w1 == b->w1 && a->start == b->start && a->end == b->end && a->cp == b->cp && a->hash == b->hash &&
	       a->kind == b->kind && a->flags == b->flags &&
	       (a->cls == b->cls || (a->cls & TC_UNKNOWN) || (b->cls & TC_UNKNOWN));
}

Test(token, word_fast_path_matches_the_byte_loop)
{
	static const char *const texts[] = {
		"A NATO US-led force of I and a Pyongyang's troops didn't cross mid-February, Q3 or Oct2.",
		"Seven eight nine: sixteen sixteenletters seventeenletterss fifteenletterss x. U.S. a.m. end",
		"“Quoted” words, café Müller—dashes… and ‘curly’ apostrophes’ ABCDEFGHIJKLMNO ABCDEFGH abcdefg",
		"TWO thousand Troops, twenty-one MONDAY Yesterday januaryish Monday's COVID19 x'y a-b",
		"In 1987, 1,200 of 12.5 mln (5th) 12k 3/4 2025-04-17 17.04.2025 123456789012 7. 8,x 9.y 10:30 1990s.",
	};
	for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
		const char *t = texts[k];
		size_t len = strlen(t);
		char *padded = calloc(len + 17, 1);
		cr_assert(padded);
		memcpy(padded, t, len);
		for (size_t e = 0; e <= len; e++) {
			char *cut = malloc(e + 1);
			cr_assert(cut);
			memcpy(cut, t, e);
			cut[e] = '\0';
			tokenizer fast, slow;
			token_init_limit(&fast, padded, 0, (uint32_t)e, (uint32_t)len + 16);
			token_init(&slow, cut, 0, (uint32_t)e);
			token a, b;
			int more;
			do {
				more = token_next(&fast, &a);
				cr_assert_eq(more, token_next(&slow, &b), "text %zu cut at %zu", k, e);
				if (!more)
					break;
				cr_assert(same_token(&a, &b), "text %zu cut at %zu: token at %u", k, e, a.start);
				if (a.kind == TK_WORD) {
					cr_expect_eq(a.hash, lexicon_word_hash(t + a.start, a.end - a.start));
					/* Settled here, or left for extract_classes. */
					int c = lexicon_token_class(t + a.start, a.end - a.start);
					cr_expect(a.cls == TC_UNKNOWN || a.cls == c || a.cls == (c | TC_UNKNOWN), "class of %.*s",
						  (int)(a.end - a.start),
						  t + a.start);
				}
			} while (more);
			free(cut);
		}
		free(padded);
	}
}
