/*
 * para.c: text -> paragraphs.
 *
 * Saved pages put one paragraph on a line, with or without blank lines
 * between; wire copy is hard-wrapped at a fixed width with paragraphs marked
 * by indentation or blank lines.  The key decision is made once per
 * document: it is taken as hard-wrapped when many lines end without final
 * punctuation and the next line continues in lowercase.  Then consecutive
 * lines are joined unless a blank line, an indented line, a bullet or a short
 * line closes the paragraph; otherwise every non-blank line is a paragraph.
 */
#include "text/text.h"

#include <string.h>

#include "base/utf8.h"

typedef struct line {
	uint32_t start, end; /* trimmed; start == end for a blank line */
	uint32_t indent;     /* leading white space, in bytes */
} line;

/* Length of Unicode white space (NBSP, thin spaces...) at S, or 0. */
static size_t uspace(const unsigned char *s, size_t n)
{
	if (s[0] < 0x80)
		return (utf8_class[s[0]] & CC_SPACE) && s[0] != '\n' && s[0] != '\r' ? 1 : 0;
	uint32_t cp;
	size_t l = utf8_decode(s, n, &cp);
	return utf8_is_space(cp) ? l : 0;
}

static size_t uspace_before(const unsigned char *s, size_t i)
{
	if (s[i - 1] < 0x80)
		return (utf8_class[s[i - 1]] & CC_SPACE) ? 1 : 0;
	uint32_t cp;
	size_t j = utf8_prev(s, i, &cp);
	return utf8_is_space(cp) ? i - j : 0;
}

static int ends_terminal(const unsigned char *s, uint32_t start, uint32_t end)
{
	while (end > start) {
		unsigned char c = s[end - 1];
		if (c == '"' || c == '\'' || c == ')' || c == ']') {
			end--;
			continue;
		}
		if (c >= 0x80) {
			uint32_t cp;
			size_t j = utf8_prev(s, end, &cp);
			if (cp == 0x201D || cp == 0x2019 || cp == 0xBB) {
				end = (uint32_t)j;
				continue;
			}
			return cp == 0x2026;
		}
		return c == '.' || c == '!' || c == '?' || c == ':' || c == ';';
	}
	return 0;
}

static int starts_lower(const unsigned char *s, uint32_t start, uint32_t end)
{
	if (start >= end)
		return 0;
	uint32_t cp;
	utf8_decode(s + start, end - start, &cp);
	return utf8_is_lower(cp) || utf8_is_digit(cp) || cp == '(' || cp == ',';
}

static int is_bullet(const unsigned char *s, uint32_t start, uint32_t end)
{
	if (end - start < 2)
		return 0;
	if ((s[start] == '-' || s[start] == '*' || s[start] == '+') && s[start + 1] == ' ')
		return 1;
	return end - start >= 4 && s[start] == 0xE2 && s[start + 1] == 0x80 &&
	       (s[start + 2] == 0xA2 || s[start + 2] == 0x93 || s[start + 2] == 0x94);
}

/* A hash for finding repeated paragraphs: length and three 8-byte samples
 * (start, middle, end).  O(1); mark_repeats compares the bytes of any two
 * paragraphs whose hashes collide, so a weak hash costs only a memcmp. */
static uint32_t sample_hash(const unsigned char *s, uint32_t a, uint32_t b)
{
	uint32_t n = b - a;
	uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
	if (n >= 8) {
		uint64_t x;
		memcpy(&x, s + a, 8);
		h = (h ^ x) * 0xFF51AFD7ED558CCDull;
		memcpy(&x, s + a + (n - 8) / 2, 8);
		h = (h ^ x) * 0xC4CEB9FE1A85EC53ull;
		memcpy(&x, s + b - 8, 8);
		h = (h ^ x) * 0xFF51AFD7ED558CCDull;
	} else {
		for (uint32_t i = a; i < b; i++)
			h = (h ^ s[i]) * 0x100000001B3ull;
	}
	h ^= h >> 31;
	return (uint32_t)h;
}

/* Paragraphs longer than this are never compared for repetition, and
 * their words are counted only up to WORDS_CAP: nothing needs more. */
#define REPEAT_MAX 500
#define WORDS_CAP 32
#define LONG_PARA 300

/* Words: runs of bytes above 0x20, counted eight bytes at a time (SWAR):
 * a byte's top bit says "not space", a word starts where a not-space byte
 * follows a space.  Stops past WORDS_CAP. */
static uint32_t count_words(const unsigned char *s, uint32_t a, uint32_t b)
{
	const uint64_t hi = 0x8080808080808080ull, low7 = 0x7F7F7F7F7F7F7F7Full;
	uint32_t w = 0;
	uint64_t carry = 0; /* the previous byte was not space, in bit 7 */
	uint32_t i = a;
	for (; i + 8 <= b && w < WORDS_CAP; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		uint64_t ns = (((x & low7) + 0x5F5F5F5F5F5F5F5Full) | x) & hi;
		uint64_t starts = ns & ~((ns << 8) | carry);
		w += (uint32_t)(((starts >> 7) * 0x0101010101010101ull) >> 56);
		carry = ns >> 56;
	}
	int in = carry != 0;
	for (; i < b && w < WORDS_CAP; i++) {
		int sp = s[i] <= 0x20;
		w += !sp && !in;
		in = !sp;
	}
	return w < WORDS_CAP ? w : WORDS_CAP;
}

static int emit(vec *paras, const unsigned char *s, uint32_t a, uint32_t b, int joined)
{
	para *p = vec_push_raw(paras);
	if (!p)
		return -1;
	memset(p, 0, sizeof *p);
	p->sp = span_make(a, b);
	p->hash = b - a <= REPEAT_MAX ? sample_hash(s, a, b) : 0;
	p->joined = (uint8_t)joined;
	p->article = -1;
	/* Long paragraphs need no word count: every rule that reads it is
	 * for short ones. */
	p->nwords = b - a > LONG_PARA ? WORDS_CAP : count_words(s, a, b);
	return 0;
}

int para_split(const char *text, uint32_t len, vec *paras, vec *lines_scratch)
{
	const unsigned char *s = (const unsigned char *)text;
	vec lines_local, *lines = lines_scratch;
	if (!lines) {
		vec_init(&lines_local, sizeof(line));
		lines = &lines_local;
	}
	lines->size = sizeof(line);
	lines->len = 0;
	uint32_t i = 0;
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		i = 3;
	/* Lines, trimmed of ASCII and Unicode white space. */
	while (i < len) {
		const unsigned char *nl = memchr(s + i, '\n', len - i);
		uint32_t e = nl ? (uint32_t)(nl - s) : len;
		uint32_t next = nl ? e + 1 : len;
		uint32_t a = i, b = e;
		size_t k;
		while (a < b && (k = uspace(s + a, b - a)) > 0)
			a += (uint32_t)k;
		while (b > a && (k = uspace_before(s, b)) > 0)
			b -= (uint32_t)k;
		line *l = vec_push_raw(lines);
		if (!l) {
			if (!lines_scratch)
				vec_free(lines);
			return -1;
		}
		l->start = a;
		l->end = b;
		l->indent = a - i;
		i = next;
	}
	line *L = lines->items;
	size_t n = lines->len;

	/* Hard-wrap evidence: a line without final punctuation followed
	 * directly by one that continues in lowercase.  The wrap width is the
	 * longest such line: a longer line was not wrapped. */
	size_t pairs = 0, cont = 0;
	uint32_t width = 0, base = UINT32_MAX;
	for (size_t k = 0; k < n; k++)
		if (L[k].start != L[k].end && L[k].indent < base)
			base = L[k].indent;
	for (size_t k = 0; k + 1 < n; k++) {
		if (L[k].start == L[k].end || L[k + 1].start == L[k + 1].end)
			continue;
		pairs++;
		if (!ends_terminal(s, L[k].start, L[k].end) && starts_lower(s, L[k + 1].start, L[k + 1].end)) {
			cont++;
			if (L[k].end - L[k].start + L[k].indent > width)
				width = L[k].end - L[k].start + L[k].indent;
		}
	}
	int wrapped = cont >= 3 && cont * 5 >= pairs && width <= 120;

	int rc = 0;
	for (size_t k = 0; k < n && rc == 0; k++) {
		if (L[k].start == L[k].end)
			continue;
		if (!wrapped) {
			rc = emit(paras, s, L[k].start, L[k].end, 0);
			continue;
		}
		size_t j = k;
		while (j + 1 < n) {
			const line *c = &L[j], *nx = &L[j + 1];
			if (nx->start == nx->end || is_bullet(s, nx->start, nx->end))
				break;
			if (nx->indent >= base + 2)
				break;
			uint32_t clen = c->end - c->start + c->indent;
			if (clen > width + 2)
				break;
			if (clen * 10 < width * 6 && !starts_lower(s, nx->start, nx->end))
				break;
			j++;
		}
		rc = emit(paras, s, L[k].start, L[j].end, j > k);
		k = j;
	}
	if (!lines_scratch)
		vec_free(lines);
	return rc;
}
