/* Unit tests for src/base: UTF-8 decoding and scanning, buffers, arenas. */
#include <criterion/criterion.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/utf8.h"

static uint32_t dec(const char *s, size_t *len)
{
	uint32_t cp;
	*len = utf8_decode((const unsigned char *)s, strlen(s), &cp);
	return cp;
}

Test(utf8, decodes_valid_sequences)
{
	size_t l;
	cr_expect_eq(dec("A", &l), 'A');
	cr_expect_eq(l, 1);
	cr_expect_eq(dec("\xC3\xBC", &l), 0xFC); /* ü */
	cr_expect_eq(l, 2);
	cr_expect_eq(dec("\xE2\x80\x9C", &l), 0x201C); /* “ */
	cr_expect_eq(l, 3);
	cr_expect_eq(dec("\xF0\x9F\x98\x80", &l), 0x1F600);
	cr_expect_eq(l, 4);
}

Test(utf8, rejects_ill_formed_one_byte_at_a_time)
{
	size_t l;
	cr_expect_eq(dec("\xC0\xAF", &l), UTF8_BAD); /* overlong */
	cr_expect_eq(l, 1);
	cr_expect_eq(dec("\xED\xA0\x80", &l), UTF8_BAD); /* surrogate */
	cr_expect_eq(l, 1);
	cr_expect_eq(dec("\xE2\x80", &l), UTF8_BAD); /* truncated */
	cr_expect_eq(l, 1);
	cr_expect_eq(dec("\xF5\x80\x80\x80", &l), UTF8_BAD); /* past U+10FFFF */
	cr_expect_eq(dec("\x80", &l), UTF8_BAD);
}

Test(utf8, prev_steps_back_over_one_code_point)
{
	const unsigned char s[] = "a\xE2\x80\x94" "b";
	uint32_t cp;
	cr_expect_eq(utf8_prev(s, 4, &cp), 1);
	cr_expect_eq(cp, 0x2014);
	cr_expect_eq(utf8_prev(s, 1, &cp), 0);
	cr_expect_eq(cp, 'a');
}

Test(utf8, scan_counts_nul_controls_and_invalid)
{
	const unsigned char s[] = "plain ascii text that is long enough\x01\xFF ok \xC3\xA9";
	utf8_report r;
	utf8_scan(s, sizeof s - 1, &r);
	cr_expect_eq(r.controls, 1);
	cr_expect_eq(r.invalid, 1);
	cr_expect_eq(r.first_invalid, 37);
	cr_expect_eq(r.nul, 0);
	const unsigned char z[] = {'a', 'b', 0, 'c'};
	utf8_scan(z, 4, &r);
	cr_expect_eq(r.nul, 1);
	cr_expect_eq(r.first_nul, 2);
}

Test(utf8, scan_stops_at_the_length_not_the_terminator)
{
	/* 32 ASCII bytes: the fast path ends exactly at N; the NUL after
	 * the text must not be counted. */
	const unsigned char s[] = "0123456789abcdef0123456789abcdef";
	utf8_report r;
	utf8_scan(s, 32, &r);
	cr_expect_eq(r.nul, 0);
	cr_expect_eq(r.invalid, 0);
	utf8_scan(s, 16, &r);
	cr_expect_eq(r.nul, 0);
}

Test(utf8, classes)
{
	cr_expect(utf8_is_space(0xA0));
	cr_expect(utf8_is_space(0x202F));
	cr_expect(!utf8_is_space('x'));
	cr_expect(utf8_is_upper(0x141)); /* Ł */
	cr_expect(utf8_is_lower(0x1EC5)); /* ễ */
	cr_expect(utf8_is_letter(0x4E2D));
	cr_expect(!utf8_is_letter(0x2014));
	cr_expect_eq(utf8_tolower(0xDC), 0xFC);
}

Test(buf, grows_and_stays_terminated)
{
	buf b;
	buf_init(&b);
	cr_expect_str_eq(b.data, "");
	for (int i = 0; i < 1000; i++)
		cr_assert_eq(buf_printf(&b, "%d,", i), 0);
	cr_expect_eq(b.data[b.len], '\0');
	cr_expect(strncmp(b.data, "0,1,2,", 6) == 0);
	buf_clear(&b);
	cr_expect_str_eq(b.data, "");
	buf_free(&b);
}

Test(vec, pushes_zeroed_items)
{
	vec v;
	vec_init(&v, sizeof(long));
	for (long i = 0; i < 100; i++) {
		long *p = vec_push(&v);
		cr_assert_not_null(p);
		cr_expect_eq(*p, 0);
		*p = i;
	}
	cr_expect_eq(VEC_AT(&v, long, 99), 99);
	vec_free(&v);
}

Test(arena, allocates_aligned_and_resets)
{
	arena *a = arena_new(128);
	cr_assert_not_null(a);
	char *p = arena_alloc(a, 3);
	long double *q = arena_alloc(a, sizeof(long double));
	cr_expect_eq((uintptr_t)q % _Alignof(max_align_t), 0);
	char *big = arena_alloc(a, 10000); /* larger than a block */
	cr_assert_not_null(big);
	memset(big, 1, 10000);
	cr_expect_str_eq(arena_strndup(a, "hello world", 5), "hello");
	(void)p;
	arena_reset(a);
	cr_expect_not_null(arena_alloc(a, 64));
	arena_free(a);
	arena_free(NULL);
}

Test(arena, failure_hook_fails_the_nth_allocation)
{
	arena *a = arena_new(0);
	arena_fail_after(a, 2);
	cr_expect_not_null(arena_alloc(a, 8));
	cr_expect_null(arena_alloc(a, 8));
	cr_expect_not_null(arena_alloc(a, 8));
	cr_expect_null(arena_alloc(a, (size_t)-1));
	arena_free(a);
}
