/*
 * lexicon.c: turns the compiled-in data files into hash maps.
 *
 * Maps use open addressing with linear probing on an FNV-1a hash, sized to a
 * power of two at most half full, so a miss costs one or two probes.  Keys
 * are not copied: they point into the generated string table, or into
 * folded copies made once at start-up.  File formats are described at the
 * top of each data/ files.txt file.
 */
#include "lex/lexicon.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lex/lexicon_table.h"

static uint32_t hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

int lexmap_get(const lexmap *m, const char *s, size_t n)
{
	if (!m->slots)
		return -1;
	for (uint32_t i = hash(s, n) & m->mask;; i = (i + 1) & m->mask) {
		const struct lexslot *e = &m->slots[i];
		if (!e->key)
			return -1;
		if (e->len == n && memcmp(e->key, s, n) == 0)
			return e->value;
	}
}

static void die(const char *what)
{
	fprintf(stderr, "attest: lexicon: %s\n", what);
	abort();
}

static void map_init(lexmap *m, size_t expected)
{
	uint32_t cap = 16;
	while (cap < expected * 2 + 2)
		cap <<= 1;
	m->slots = calloc(cap, sizeof *m->slots);
	if (!m->slots)
		die("out of memory");
	m->mask = cap - 1;
}

/* Adds KEY unless present (the first entry wins). */
static void map_put(lexmap *m, const char *key, size_t n, int value)
{
	for (uint32_t i = hash(key, n) & m->mask;; i = (i + 1) & m->mask) {
		struct lexslot *e = &m->slots[i];
		if (!e->key) {
			e->key = key;
			e->len = (uint32_t)n;
			e->value = value;
			return;
		}
		if (e->len == n && memcmp(e->key, key, n) == 0)
			return;
	}
}

static const lexicon_file *file(const char *name)
{
	for (unsigned i = 0; i < lexicon_nfiles; i++)
		if (strcmp(lexicon_files[i].name, name) == 0)
			return &lexicon_files[i];
	fprintf(stderr, "attest: lexicon: data/%s.txt is missing from the build\n", name);
	abort();
}

/* Field K (0-based, TAB-separated) of ENTRY: start and length. */
static const char *field(const char *entry, unsigned k, size_t *len)
{
	const char *p = entry;
	while (k--) {
		p = strchr(p, '\t');
		if (!p)
			return NULL;
		p++;
	}
	*len = strcspn(p, "\t");
	return p;
}

static int class_of(const char *s, size_t n, const char *const *names)
{
	for (int i = 0; names[i]; i++)
		if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0)
			return i + 1;
	return -1;
}

/* A folded, permanent copy of a phrase; returns its word count. */
static const char *fold_copy(const char *s, size_t n, size_t *flen, unsigned *nwords)
{
	char *out = malloc(n * 2 + 8);
	uint32_t starts[64];
	if (!out)
		die("out of memory");
	*nwords = (unsigned)lexicon_fold(s, n, out, n * 2 + 8, starts, 64, flen);
	return out;
}

/* Maps of lines "word<TAB>alias<TAB>alias..." (months, weekdays): every
 * field, folded, maps to BASE + line number. */
static void alias_map(lexmap *m, const lexicon_file *f, int base)
{
	map_init(m, f->count * 6);
	for (unsigned i = 0; i < f->count; i++) {
		size_t len;
		const char *p;
		for (unsigned k = 0; (p = field(f->entries[i], k, &len)); k++) {
			size_t fl;
			unsigned nw;
			const char *key = fold_copy(p, len, &fl, &nw);
			map_put(m, key, fl, base + (int)i);
		}
	}
}

/* Maps of lines "class<TAB>phrase" with folded phrases; MAXW gets the
 * largest phrase length in words. */
static void class_phrase_map(lexmap *m, const lexicon_file *f, const char *const *classes,
			     unsigned *maxw)
{
	map_init(m, f->count);
	for (unsigned i = 0; i < f->count; i++) {
		size_t cl, pl;
		const char *c = field(f->entries[i], 0, &cl);
		const char *p = field(f->entries[i], 1, &pl);
		int v = c ? class_of(c, cl, classes) : -1;
		if (!p || v < 0) {
			fprintf(stderr, "attest: lexicon: data/%s.txt: bad entry '%s'\n", f->name, f->entries[i]);
			abort();
		}
		if (!classes[0])
			v = 1;
		size_t fl;
		unsigned nw;
		const char *key = fold_copy(p, pl, &fl, &nw);
		if (nw > *maxw)
			*maxw = nw;
		if (fl)
			map_put(m, key, fl, v);
	}
}

static lexicons L;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void build(void)
{
	static const char *const abbr_classes[] = {"title", "num", "month", "end", NULL};
	static const char *const furn_classes[] = {"copyright", "donate", "subscribe", "share", "nav",
						   "form", "logo", "cookie", "ad", "comment", NULL};
	const lexicon_file *f = file("abbrev");
	map_init(&L.abbrev, f->count);
	for (unsigned i = 0; i < f->count; i++) {
		size_t wl, cl;
		const char *w = field(f->entries[i], 0, &wl);
		const char *c = field(f->entries[i], 1, &cl);
		int v = c ? class_of(c, cl, abbr_classes) : -1;
		if (v < 0) {
			fprintf(stderr, "attest: lexicon: data/abbrev.txt: bad entry '%s'\n", f->entries[i]);
			abort();
		}
		map_put(&L.abbrev, w, wl, v);
	}
	f = file("starters");
	map_init(&L.starters, f->count);
	for (unsigned i = 0; i < f->count; i++)
		map_put(&L.starters, f->entries[i], strlen(f->entries[i]), 1);

	alias_map(&L.months, file("months"), 1);
	alias_map(&L.weekdays, file("weekdays"), 0);
	class_phrase_map(&L.furniture, file("furniture"), furn_classes, &L.furniture_max_words);
	/* First words of the phrases, so that most words cost one probe. */
	map_init(&L.furniture_first, L.furniture.mask + 1);
	for (uint32_t i = 0; i <= L.furniture.mask; i++) {
		const struct lexslot *e = &L.furniture.slots[i];
		if (e->key)
			map_put(&L.furniture_first, e->key, strcspn(e->key, " ") < e->len ? strcspn(e->key, " ") : e->len, 1);
	}

	f = file("teaser");
	map_init(&L.teaser, f->count);
	for (unsigned i = 0; i < f->count; i++) {
		size_t fl;
		unsigned nw;
		const char *key = fold_copy(f->entries[i], strlen(f->entries[i]), &fl, &nw);
		if (nw > L.teaser_max_words)
			L.teaser_max_words = nw;
		map_put(&L.teaser, key, fl, 1);
	}

	f = file("credit");
	map_init(&L.agency, f->count);
	const char **markers = calloc(f->count + 1, sizeof *markers);
	uint32_t *mlen = calloc(f->count + 1, sizeof *mlen);
	if (!markers || !mlen)
		die("out of memory");
	unsigned nm = 0;
	for (unsigned i = 0; i < f->count; i++) {
		size_t cl, tl;
		const char *c = field(f->entries[i], 0, &cl);
		const char *t = field(f->entries[i], 1, &tl);
		if (!t)
			continue;
		if (cl == 6 && memcmp(c, "agency", 6) == 0) {
			map_put(&L.agency, t, tl, 1);
		} else {
			char *m = malloc(tl + 1);
			if (!m)
				die("out of memory");
			for (size_t k = 0; k < tl; k++)
				m[k] = (t[k] >= 'A' && t[k] <= 'Z') ? (char)(t[k] + 32) : t[k];
			m[tl] = '\0';
			mlen[nm] = (uint32_t)tl;
			markers[nm++] = m;
		}
	}
	L.credit_markers = markers;
	L.credit_marker_len = mlen;
}

const lexicons *lexicon_get(void)
{
	pthread_once(&once, build);
	return &L;
}

size_t lexicon_fold(const char *s, size_t n, char *out, size_t cap, uint32_t *starts, size_t maxw,
		    size_t *outlen)
{
	size_t o = 0, nw = 0;
	int inword = 0;
	*outlen = 0;
	if (cap == 0)
		return 0;
	for (size_t i = 0; i < n && o + 5 < cap;) {
		unsigned char c = (unsigned char)s[i];
		size_t len = 1;
		int wordch = 0, symbol = 0;
		if (c < 0x80) {
			if (c >= 'A' && c <= 'Z')
				c = (unsigned char)(c + 32), wordch = 1;
			else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
				wordch = 1;
			else if (c == '\'' && inword)
				wordch = 1;
		} else {
			/* Multi-byte: keep whole; fold U+2019/U+2018 to ', treat
			 * ©®™ as symbols, other punctuation (U+2000-U+206F) as
			 * separators, everything else as word characters. */
			const unsigned char *u = (const unsigned char *)s + i;
			while (i + len < n && len < 4 && (u[len] & 0xC0) == 0x80)
				len++;
			if (len == 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x98 || u[2] == 0x99)) {
				if (inword)
					c = '\'', len = 3, wordch = 2;
			} else if (len == 2 && u[0] == 0xC2 && (u[1] == 0xA9 || u[1] == 0xAE)) {
				symbol = 1;
			} else if (len == 3 && u[0] == 0xE2 && u[1] == 0x84 && u[2] == 0xA2) {
				symbol = 1;
			} else if (len == 2 && u[0] == 0xC2 && u[1] < 0xC0) {
				/* Latin-1 punctuation and NBSP: separators. */
			} else if (len == 3 && u[0] == 0xE2 && u[1] >= 0x80 && u[1] <= 0x81) {
				/* General punctuation: separators. */
			} else {
				wordch = 3;
			}
		}
		if (wordch || symbol) {
			if (!inword || symbol) {
				if (nw == maxw)
					break;
				if (nw)
					out[o++] = ' ';
				starts[nw++] = (uint32_t)o;
			}
			if (wordch == 3 || symbol) {
				memcpy(out + o, s + i, len);
				o += len;
			} else {
				out[o++] = (char)c;
			}
			inword = !symbol;
		} else {
			inword = 0;
		}
		i += len;
	}
	out[o] = '\0';
	*outlen = o;
	return nw;
}

int lexicon_find_furniture(const char *folded, size_t flen, const uint32_t *starts, size_t nwords,
			   int want)
{
	const lexicons *lx = lexicon_get();
	for (size_t i = 0; i < nwords; i++) {
		size_t e1 = (i + 1 < nwords) ? starts[i + 1] - 1 : flen;
		if (lexmap_get(&lx->furniture_first, folded + starts[i], e1 - starts[i]) < 0)
			continue;
		for (size_t k = 1; k <= lx->furniture_max_words && i + k <= nwords; k++) {
			size_t end = (i + k < nwords) ? starts[i + k] - 1 : flen;
			int v = lexmap_get(&lx->furniture, folded + starts[i], end - starts[i]);
			if (v > 0 && (!want || v == want))
				return v;
		}
	}
	return 0;
}
