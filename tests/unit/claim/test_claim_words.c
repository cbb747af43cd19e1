/*
 * The claim stage's closed word classes (data/claim_words.txt, read by
 * src/claim/lexc.c): every word of the file answers its class in any
 * case, and only whole word tokens do.
 */
#include <criterion/criterion.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "claim/lexc.h"
#include "lex/lexicon_table.h"

/* The CW_* bits of the first token of S. */
static unsigned bits_of(const char *s)
{
	tokenizer tk;
	token t;
	token_init(&tk, s, 0, (uint32_t)strlen(s));
	cr_assert(token_next(&tk, &t), "no token in '%s'", s);
	return claim_word_bits(s, &t);
}

Test(claim_words, every_line_answers_its_class_in_any_case)
{
	(void)claimlex_get();
	const lexicon_file *f = lexicon_file_named("claim_words");
	cr_assert_gt(f->count, 150);
	for (unsigned i = 0; i < f->count; i++) {
		size_t cl, wl;
		const char *c = lexicon_field(f->entries[i], 0, &cl);
		const char *w = lexicon_field(f->entries[i], 1, &wl);
		cr_assert(c && w && wl < 64, "bad line '%s'", f->entries[i]);
		unsigned bit = 0;
		for (unsigned k = 0; k < CW_CLASSES; k++)
			if (strlen(claim_word_classes[k]) == cl && memcmp(claim_word_classes[k], c, cl) == 0)
				bit = 1u << k;
		cr_assert(bit, "unknown class in '%s'", f->entries[i]);
		char low[64], up[64], title[64];
		for (size_t k = 0; k < wl; k++) {
			low[k] = w[k];
			up[k] = (char)toupper((unsigned char)w[k]);
			title[k] = k ? w[k] : up[k];
		}
		low[wl] = up[wl] = title[wl] = '\0';
		cr_expect(bits_of(low) & bit, "'%s' lost its class", low);
		cr_expect(bits_of(up) & bit, "'%s' lost its class", up);
		cr_expect(bits_of(title) & bit, "'%s' lost its class", title);
	}
}

Test(claim_words, classes_are_separate_and_whole_words)
{
	(void)claimlex_get();
	cr_expect_eq(bits_of("estimated by"), CW_REPORTED_BY);
	cr_expect_eq(bits_of("Suffered"), CW_LOSS_VERB);
	cr_expect_eq(bits_of("report"), CW_REPORTED_BY | CW_ESTIMATE_NOUN);
	cr_expect_eq(bits_of("to"), CW_COUNT_INTRO | CW_PREPOSITION | CW_PLACE_PREP | CW_COUNT_STOP);
	cr_expect_eq(bits_of("The"), CW_DETERMINER | CW_ARTICLE | CW_ANAPHOR | CW_ABOUT_STOP | CW_NOUN_MARKER |
					     CW_TRIM_TAIL);
	cr_expect_eq(bits_of("WE"), CW_PRONOUN);
	cr_expect_eq(bits_of("reporter"), 0);
	cr_expect_eq(bits_of("repor"), 0);
	cr_expect_eq(bits_of("soldiers"), 0);
	cr_expect_eq(bits_of(", in"), 0);
	cr_expect_eq(bits_of("12 in"), 0);
}

/* Every class has words, so a class name misspelt in the file (and its
 * words then lost) cannot pass unseen. */
Test(claim_words, every_class_has_words)
{
	(void)claimlex_get();
	const lexicon_file *f = lexicon_file_named("claim_words");
	unsigned seen = 0;
	for (unsigned i = 0; i < f->count; i++) {
		size_t wl, cl;
		const char *w = lexicon_field(f->entries[i], 1, &wl);
		const char *c = lexicon_field(f->entries[i], 0, &cl);
		char word[64];
		cr_assert(w && c && wl < sizeof word);
		memcpy(word, w, wl);
		word[wl] = '\0';
		seen |= bits_of(word);
	}
	for (unsigned k = 0; k < CW_CLASSES; k++)
		cr_expect(seen & 1u << k, "class %s has no word", claim_word_classes[k]);
}
