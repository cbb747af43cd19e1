/*
 * Tests for src/text: paragraphs, date lines, paragraph kinds and article
 * segmentation, on page snippets written by the team.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "text/text.h"

static vec paras;

static para *split(const char *t)
{
	vec_free(&paras);
	vec_init(&paras, sizeof(para));
	cr_assert_eq(para_split(t, (uint32_t)strlen(t), &paras, NULL), 0);
	return paras.items;
}

static int para_is(const char *t, const para *p, const char *want)
{
	return strlen(want) == span_len(p->sp) && memcmp(t + p->sp.start, want, span_len(p->sp)) == 0;
}

Test(para, one_paragraph_per_line_without_blank_lines)
{
	const char *t = "Title line\nFirst paragraph here.\r\n\n  Second one.  \n";
	para *p = split(t);
	cr_assert_eq(paras.len, 3);
	cr_expect(para_is(t, &p[0], "Title line"));
	cr_expect(para_is(t, &p[1], "First paragraph here."));
	cr_expect(para_is(t, &p[2], "Second one."));
}

Test(para, byte_order_mark_and_unicode_spaces_are_trimmed)
{
	const char *t = "\xEF\xBB\xBF\xC2\xA0Headline\xE2\x80\x89\nBody.";
	para *p = split(t);
	cr_assert_eq(paras.len, 2);
	cr_expect(para_is(t, &p[0], "Headline"));
	cr_expect_eq(p[0].sp.start, 5);
}

Test(para, hard_wrapped_wire_copy_is_joined)
{
	const char *t =
		"TALKS RESUME\n\n"
		"Negotiators from both sides met again on\n"
		"Tuesday in the capital, officials said, after\n"
		"a pause of three weeks in the talks.\n"
		"    The next round is expected in March and\n"
		"could include observers from the region.\n"
		"    A spokesman declined to comment on the\n"
		"agenda of the meeting.\n";
	para *p = split(t);
	cr_assert_eq(paras.len, 4);
	cr_expect(para_is(t, &p[0], "TALKS RESUME"));
	cr_expect(p[1].joined);
	cr_expect(para_is(t, &p[2], "The next round is expected in March and\n"
				    "could include observers from the region."));
	cr_expect_eq(p[3].nwords, 11);
}

Test(para, empty_text_has_no_paragraphs)
{
	split("");
	cr_expect_eq(paras.len, 0);
	split("\n\n   \n");
	cr_expect_eq(paras.len, 0);
}

static int date_only(const char *s, pdate *d) { return dateline_date_only(s, strlen(s), d); }

Test(dateline, date_lines_in_common_forms)
{
	pdate d;
	char out[11];
	struct {
		const char *in, *want;
	} cases[] = {
		{"April 17, 2025", "2025-04-17"},
		{"17 April 2025", "2025-04-17"},
		{"Nov. 25, 2025", "2025-11-25"},
		{"Published: Thursday, 3 October 2024, 10:15 BST", "2024-10-03"},
		{"Updated Sept 3rd, 2023 at 4:05 p.m. ET", "2023-09-03"},
		{"2025-04-17", "2025-04-17"},
		{"July 2025", "2025-07"},
		{"Mon 1 Dec 2025", "2025-12-01"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		cr_expect(date_only(cases[i].in, &d), "%s", cases[i].in);
		pdate_format(d, out);
		cr_expect_str_eq(out, cases[i].want, "%s", cases[i].in);
	}
}

Test(dateline, not_date_lines)
{
	pdate d;
	cr_expect(!date_only("The talks began on April 17, 2025.", &d));
	cr_expect(!date_only("February 30, 2025", &d));
	cr_expect(!date_only("12,000 troops", &d));
	cr_expect(!date_only("April 17", &d)); /* no year: not a publication date */
	cr_expect(!date_only("", &d));
}

Test(dateline, place_and_date)
{
	pdate d;
	char out[11];
	const char *s = "Port Selin, Ostrava \xE2\x80\x94 May 2026";
	cr_assert(dateline_parse(s, strlen(s), &d));
	pdate_format(d, out);
	cr_expect_str_eq(out, "2026-05");
	const char *not = "the army \xE2\x80\x94 May 2026";
	cr_expect(!dateline_parse(not, strlen(not), &d));
}

static para *classify(const char *t)
{
	para *p = split(t);
	para_classify(t, p, paras.len);
	return p;
}

Test(classify, kinds_from_general_features)
{
	const char *t =
		"news\n"                                            /* 0 other */
		"Talks stall as shelling resumes\n"                 /* 1 heading */
		"March 3, 2026\n"                                   /* 2 date */
		"By Anna Verhoek\n"                                 /* 3 byline */
		"Soldiers walk past a ruined school in the east.\n" /* 4 caption */
		"Anna Verhoek/Example Agency\n"                     /* 5 credit */
		"The shelling resumed on Tuesday, officials said.\n"/* 6 body */
		"Donate now\n"                                      /* 7 furniture */
		"More from Example Media\n"                         /* 8 teaser */
		"\xC2\xA9 2026 Example Media. All rights reserved.\n"; /* 9 furniture */
	para *p = classify(t);
	cr_assert_eq(paras.len, 10);
	int want[] = {PK_OTHER, PK_HEADING, PK_DATE, PK_BYLINE, PK_CAPTION, PK_CREDIT, PK_BODY,
		      PK_FURNITURE, PK_TEASER, PK_FURNITURE};
	for (size_t i = 0; i < 10; i++)
		cr_expect_eq(p[i].kind, want[i], "paragraph %zu is %s, want %s", i,
			     para_kind_names[p[i].kind], para_kind_names[want[i]]);
}

Test(classify, repeated_captions_and_headings)
{
	const char *t =
		"Headline of the story\n"
		"Troops stand in a field near the border on Monday.\n"
		"Troops stand in a field near the border on Monday.\n"
		"The body of the story starts here and goes on.\n"
		"Headline of the story\n";
	para *p = classify(t);
	cr_expect_eq(p[0].kind, PK_HEADING);
	cr_expect_eq(p[1].kind, PK_CAPTION);
	cr_expect_eq(p[2].kind, PK_CAPTION);
	cr_expect_eq(p[3].kind, PK_BODY);
	cr_expect_eq(p[4].kind, PK_REPEAT);
}

Test(classify, long_sentences_keep_furniture_words)
{
	const char *t = "Readers who subscribe to the newsletter were told on Monday that the "
			"ministry had extended the ceasefire by two weeks.\n";
	para *p = classify(t);
	cr_expect_eq(p[0].kind, PK_BODY);
}

static vec arts;

static article_info *segment(const char *t)
{
	para *p = classify(t);
	vec_free(&arts);
	vec_init(&arts, sizeof(article_info));
	cr_assert_eq(article_segment(t, p, paras.len, &arts), 0);
	return arts.items;
}

Test(article, two_posts_with_titles_and_dates)
{
	const char *t =
		"First post title\n\nMarch 3, 2026\n\n"
		"The first post has a sentence. It has another one.\n\n"
		"A heading inside the post\n\n"
		"More text of the first post follows here.\n\n"
		"Second post title\n\nFebruary 1, 2026\n\n"
		"The second post is here, with its own text.\n\n"
		"Donate now\n";
	article_info *a = segment(t);
	cr_assert_eq(arts.len, 2);
	para *p = paras.items;
	cr_expect(para_is(t, &p[a[0].title], "First post title"));
	cr_expect_eq(a[0].published.y, 2026);
	cr_expect_eq(a[0].published.m, 3);
	cr_expect(para_is(t, &p[a[1].title], "Second post title"));
	cr_expect_eq(a[1].published.m, 2);
	cr_expect(para_is(t, &p[a[0].last], "More text of the first post follows here."));
	cr_expect(para_is(t, &p[a[1].last], "The second post is here, with its own text."));
}

Test(article, teasers_and_footer_are_outside)
{
	const char *t =
		"Talks stall as shelling resumes\n"
		"The shelling resumed on Tuesday, officials said.\n"
		"Negotiators left the capital without a date for new talks.\n"
		"Related stories\n"
		"A different story about the economy is summarised here.\n"
		"\xC2\xA9 2026 Example Media. All rights reserved.\n";
	article_info *a = segment(t);
	cr_assert_eq(arts.len, 1);
	para *p = paras.items;
	cr_expect(para_is(t, &p[a[0].last], "Negotiators left the capital without a date for new talks."));
	cr_expect_eq(p[4].article, -1);
	cr_expect_eq(span_len(a[0].publisher), strlen("Example Media"));
}

Test(article, dateline_gives_month_precision)
{
	const char *t = "Port Selin, Ostrava \xE2\x80\x94 May 2026\n"
			"The port reopened after a week of fighting, officials said.\n";
	article_info *a = segment(t);
	cr_assert_eq(arts.len, 1);
	cr_expect_eq(a[0].title, -1);
	cr_expect_eq(a[0].published.y, 2026);
	cr_expect_eq(a[0].published.m, 5);
	cr_expect_eq(a[0].published.d, 0);
}

Test(article, no_body_no_article)
{
	segment("Just a heading\nDonate now\n");
	cr_expect_eq(arts.len, 0);
}
