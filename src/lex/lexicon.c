/*
 * lexicon.c: turns the compiled-in data files into hash maps.
 *
 * Maps use open addressing with linear probing on word_hash (two multiplies
 * for a word of letters, FNV-1a for any other key), sized to a
 * power of two at most half full, so a miss costs one or two probes.  Keys
 * are not copied: they point into the generated string table, or into
 * folded copies made once at start-up.  File formats are described at the
 * top of each data/ files.txt file.
 */
#include "lex/lexicon.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lex/lexicon_table.h"
#include "base/utf8.h"

/* A-Z to a-z, every other byte as it is. */
static inline unsigned fold_ascii(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32u : c; }

static uint32_t fnv(const char *s, size_t n, int fold)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (fold ? fold_ascii((unsigned char)s[i]) : (unsigned char)s[i])) * 16777619u;
	return h;
}

/* The maps' hash of S[0..N): lexicon_mix when it is 1 to 15 ASCII letters
 * (any case: the folded letters), else FNV-1a of the bytes, folded when
 * FOLD. */
static inline uint32_t word_hash(const char *s, size_t n, int fold)
{
	if (n - 1 < 15) {
		const uint64_t high = ~0ULL / 255 * 128, lower = ~0ULL / 255 * 0x20;
		uint64_t w[2] = {0, 0};
		memcpy(w, s, n);
		/* The letters before the first other byte (the zero padding
		 * is one): all N of them, or FNV. */
		uint64_t m0 = ~lexicon_swar_letters(w[0]) & high, m1 = ~lexicon_swar_letters(w[1]) & high;
		size_t run = m0 ? (size_t)__builtin_ctzll(m0) >> 3 : 8 + ((size_t)__builtin_ctzll(m1) >> 3);
		if (run == n) {
			uint64_t k0 = n >= 8 ? ~0ULL : (1ULL << (8 * n)) - 1;
			uint64_t k1 = n > 8 ? ~0ULL >> (64 - 8 * (n - 8)) : 0;
			return lexicon_mix((w[0] | lower) & k0, (w[1] | lower) & k1);
		}
	}
	return fnv(s, n, fold);
}

static uint32_t hash(const char *s, size_t n) { return word_hash(s, n, 0); }

/* The filter bit of hash H. */
static inline uint32_t filter_bit(const lexmap *m, uint32_t h) { return (h * 0x9E3779B1u) >> m->filter_shift; }

static inline int filter_has(const lexmap *m, uint32_t h)
{
	uint32_t b = filter_bit(m, h);
	return (m->filter[b >> 3] >> (b & 7)) & 1;
}

int lexmap_get(const lexmap *m, const char *s, size_t n)
{
	if (!m->slots)
		return -1;
	uint32_t h = hash(s, n);
	if (!filter_has(m, h))
		return -1;
	for (uint32_t i = h & m->mask;; i = (i + 1) & m->mask) {
		const struct lexslot *e = &m->slots[i];
		if (!e->key)
			return -1;
		if (e->len == n && memcmp(e->key, s, n) == 0)
			return e->value;
	}
}

/* KEY's slot: the one that holds it, or the empty one where it goes (its
 * key then NULL). */
static struct lexslot *slot_of(lexmap *m, const char *key, size_t n)
{
	for (uint32_t i = hash(key, n) & m->mask;; i = (i + 1) & m->mask) {
		struct lexslot *e = &m->slots[i];
		if (!e->key || (e->len == n && memcmp(e->key, key, n) == 0))
			return e;
	}
}

/* Sets KEY's value: OP 0 adds it unless present (the first entry wins),
 * 1 ORs bits into it, 2 overwrites it. */
static void map_update(lexmap *m, const char *key, size_t n, int value, int op)
{
	struct lexslot *e = slot_of(m, key, n);
	if (!e->key) {
		*e = (struct lexslot){key, (uint32_t)n, value};
		uint32_t b = filter_bit(m, hash(key, n));
		m->filter[b >> 3] |= (uint8_t)(1u << (b & 7));
	} else if (op == 1) {
		e->value |= value;
	} else if (op == 2) {
		e->value = value;
	}
}

static void map_or(lexmap *m, const char *key, size_t n, int v) { map_update(m, key, n, v, 1); }

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
	/* 8 * cap filter bits: 2^bits of them. */
	m->filter = calloc(cap, 1);
	if (!m->slots || !m->filter)
		die("out of memory");
	m->mask = cap - 1;
	unsigned bits = 3; /* log2(8 * cap) */
	while ((1u << bits) < 8 * cap)
		bits++;
	m->filter_shift = 32 - bits;
}

/* Adds KEY unless present (the first entry wins). */
static void map_put(lexmap *m, const char *key, size_t n, int value) { map_update(m, key, n, value, 0); }

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

const lexicon_file *lexicon_file_named(const char *name) { return file(name); }

const char *lexicon_field(const char *entry, unsigned k, size_t *len) { return field(entry, k, len); }

void lexmap_init(lexmap *m, size_t expected) { map_init(m, expected); }

void lexmap_put(lexmap *m, const char *key, size_t n, int value) { map_put(m, key, n, value); }

void lexmap_set(lexmap *m, const char *key, size_t n, int value) { map_update(m, key, n, value, 2); }

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
	map_init(m, f->count * 4);
	for (unsigned i = 0; i < f->count; i++) {
		size_t cl = 0, pl = 0;
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
	/* Every proper prefix of a phrase, with value 0: a search extends a
	 * match word by word only while some phrase still begins that way. */
	for (uint32_t i = 0; i <= m->mask; i++) {
		const struct lexslot *e = &m->slots[i];
		if (!e->key || e->value <= 0)
			continue;
		for (uint32_t k = 1; k < e->len; k++)
			if (e->key[k] == ' ')
				map_put(m, e->key, k, 0);
	}
}

/* A one-probe filter in front of furniture_first: a bit for each
 * (first byte, second byte, length mod 8) of a phrase's first word. */
static inline uint32_t first_key(const char *w, size_t n)
{
	unsigned b0 = (unsigned char)w[0], b1 = n > 1 ? (unsigned char)w[1] : 0;
	return ((b0 << 8 | b1) << 3) | (unsigned)(n & 7);
}

#define ANCHOR_MASK 0x7FFFFu
#define QT_MASK LEXICON_QT_MASK

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
	static const char *const tense_classes[] = {"past", "future", NULL};
	unsigned tense_words = 0;
	class_phrase_map(&L.tense, file("tense"), tense_classes, &tense_words);
	class_phrase_map(&L.furniture, file("furniture"), furn_classes, &L.furniture_max_words);
	/* A bit for each first word of a phrase, so most words cost no probe. */
	for (uint32_t i = 0; i <= L.furniture.mask; i++) {
		const struct lexslot *e = &L.furniture.slots[i];
		if (!e->key || e->value <= 0)
			continue;
		size_t fl = strcspn(e->key, " ") < e->len ? strcspn(e->key, " ") : e->len;
		uint32_t key = first_key(e->key, fl);
		L.first_bits[key >> 3] |= (uint8_t)(1u << (key & 7));
		/* The anchor: the longest word, the rarest in running text. */
		size_t best = 0, blen = 0;
		for (size_t a = 0; a < e->len;) {
			size_t wl = strcspn(e->key + a, " ");
			if (wl > e->len - a)
				wl = e->len - a;
			if (wl > blen)
				best = a, blen = wl;
			a += wl + 1;
		}
		key = fnv(e->key + best, blen, 0) & ANCHOR_MASK; /* as lexicon_may_have_furniture */
		L.anchor_bits[key >> 3] |= (uint8_t)(1u << (key & 7));
	}

	f = file("teaser");
	map_init(&L.teaser, f->count * 4);
	for (unsigned i = 0; i < f->count; i++) {
		size_t fl;
		unsigned nw;
		const char *key = fold_copy(f->entries[i], strlen(f->entries[i]), &fl, &nw);
		if (nw > L.teaser_max_words)
			L.teaser_max_words = nw;
		map_put(&L.teaser, key, fl, 1);
	}
	for (uint32_t i = 0; i <= L.teaser.mask; i++) {
		const struct lexslot *e = &L.teaser.slots[i];
		for (uint32_t k = 1; e->key && e->value > 0 && k < e->len; k++)
			if (e->key[k] == ' ')
				map_put(&L.teaser, e->key, k, 0);
	}

	{
		static const char *const num_classes[] = {"unit", "ten", "hundred", "scale", "dozen", "vague",
							  "ord", "frac", NULL};
		static const char *const qmod_classes[] = {"gt", "ge", "lt", "le", "approx", "near", "incl", NULL};
		static const char *const qlabel_classes[] = {"before", "after", NULL};
		f = file("numbers");
		double *val = calloc(f->count + 1, sizeof *val);
		uint8_t *cls = calloc(f->count + 1, 1);
		if (!val || !cls)
			die("out of memory");
		map_init(&L.numwords, f->count);
		for (unsigned i = 0; i < f->count; i++) {
			size_t wl, vl, cl;
			const char *w = field(f->entries[i], 0, &wl);
			const char *v = field(f->entries[i], 1, &vl);
			const char *c = field(f->entries[i], 2, &cl);
			int k = c ? class_of(c, cl, num_classes) : -1;
			if (!v || k < 0) {
				fprintf(stderr, "attest: lexicon: data/numbers.txt: bad entry '%s'\n", f->entries[i]);
				abort();
			}
			val[i] = strtod(v, NULL);
			cls[i] = (uint8_t)k;
			map_put(&L.numwords, w, wl, (int)i);
		}
		L.num_value = val;
		L.num_class = cls;
		unsigned maxw = 0;
		class_phrase_map(&L.qmod, file("qmod"), qmod_classes, &maxw);
		/* Every tail of whole words of each bound phrase, the phrase's
		 * class when the tail is itself a phrase, else 0: a phrase before
		 * a number is read right to left, word by word, only while some
		 * phrase still ends that way (most words before a number end
		 * none, and cost one probe). */
		size_t tails = 0;
		for (uint32_t i = 0; i <= L.qmod.mask; i++)
			if (L.qmod.slots[i].key && L.qmod.slots[i].value > 0)
				for (uint32_t k = 0; k < L.qmod.slots[i].len; k++)
					tails += k == 0 || L.qmod.slots[i].key[k - 1] == ' ';
		map_init(&L.qmod_tail, tails);
		for (uint32_t i = 0; i <= L.qmod.mask; i++) {
			const struct lexslot *e = &L.qmod.slots[i];
			if (!e->key || e->value <= 0)
				continue;
			for (uint32_t k = 0; k < e->len; k++) {
				if (k > 0 && e->key[k - 1] != ' ')
					continue;
				int whole = lexmap_get(&L.qmod, e->key + k, e->len - k);
				map_put(&L.qmod_tail, e->key + k, e->len - k, whole > 0 ? whole : 0);
			}
		}
		class_phrase_map(&L.qpost, file("qpost"), qmod_classes, &maxw);
		class_phrase_map(&L.qlabel, file("qlabel"), qlabel_classes, &maxw);
		static const char *const qunit_classes[] = {"percent", "money", "age", "duration", NULL};
		class_phrase_map(&L.qunits, file("qunits"), qunit_classes, &maxw);

		/* Token classes: number words, and words that open dates. */
		static const char *const num_openers[] = {"a", "an", "several", "tens", "half", "minus", "negative",
							  NULL};
		const lexicon_file *tt = file("time_triggers"), *ta = file("time_anchors");
		map_init(&L.token_class, f->count + tt->count + ta->count + 512);
		for (unsigned i = 0; i < f->count; i++) {
			size_t wl;
			const char *w = field(f->entries[i], 0, &wl);
			map_or(&L.token_class, w, wl, TC_NUMBER | TC_ANCHOR);
		}
		for (int i = 0; num_openers[i]; i++)
			map_or(&L.token_class, num_openers[i], strlen(num_openers[i]), TC_NUMBER);
		for (unsigned i = 0; i < tt->count; i++)
			map_or(&L.token_class, tt->entries[i], strlen(tt->entries[i]), TC_TIME);
		for (unsigned i = 0; i < ta->count; i++)
			map_or(&L.token_class, ta->entries[i], strlen(ta->entries[i]), TC_ANCHOR | TC_STRONG);
		const lexmap *names[] = {&L.months, &L.weekdays};
		for (int k = 0; k < 2; k++)
			for (uint32_t i = 0; i <= names[k]->mask; i++)
				if (names[k]->slots[i].key)
					map_or(&L.token_class, names[k]->slots[i].key, names[k]->slots[i].len,
					       TC_TIME | TC_ANCHOR | TC_STRONG);
		/* A bit per key behind the map (most words have no class), and
		 * the prescan's words: every number word and anchor; "a" and
		 * "an" open a number ("a dozen") but carry none. */
		uint32_t keys = 0, cap = 16;
		for (uint32_t i = 0; i <= L.token_class.mask; i++)
			keys += L.token_class.slots[i].key != NULL;
		/* Half empty at most: probes stay short, and the table small
		 * enough to stay in the cache beside the front end's. */
		while (cap < 2 * keys)
			cap <<= 1;
		if (!(L.tc_words = calloc(cap, sizeof *L.tc_words)))
			die("out of memory");
		L.tc_words_mask = cap - 1;
		for (uint32_t i = 0; i <= L.token_class.mask; i++) {
			const struct lexslot *e = &L.token_class.slots[i];
			if (!e->key)
				continue;
			uint32_t full = hash(e->key, e->len), h = full & QT_MASK;
			uint8_t bit = (uint8_t)(1u << (h & 7));
			L.tc_bits[h >> 3] |= bit;
			if ((e->value & (TC_NUMBER | TC_ANCHOR)) && !(e->len <= 2 && e->key[0] == 'a'))
				L.qt_bits[h >> 3] |= bit;
			/* A key of 1 to 15 letters also goes into tc_words, as the
			 * tokenizer holds it: two zero-padded little-endian words,
			 * the class in the second one's last byte (never a letter's). */
			uint64_t w[2] = {0, 0};
			size_t k = 0;
			while (k < e->len && k < 15 && e->key[k] >= 'a' && e->key[k] <= 'z') {
				w[k / 8] |= (uint64_t)(unsigned char)e->key[k] << (8 * (k % 8));
				k++;
			}
			if (k != e->len)
				continue;
			uint32_t j = full & L.tc_words_mask;
			while (L.tc_words[j].w1)
				j = (j + 1) & L.tc_words_mask;
			L.tc_words[j] = (struct lexword){w[0], w[1] | (uint64_t)(uint8_t)e->value << 56};
		}
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
	/* Sorted by first byte; credit_first[b] = 1 + index of the first
	 * marker starting with b. */
	for (unsigned a = 1; a < nm; a++)
		for (unsigned b = a; b > 0 && (unsigned char)markers[b][0] < (unsigned char)markers[b - 1][0]; b--) {
			const char *t = markers[b];
			markers[b] = markers[b - 1];
			markers[b - 1] = t;
			uint32_t tl = mlen[b];
			mlen[b] = mlen[b - 1];
			mlen[b - 1] = tl;
		}
	for (unsigned a = nm; a-- > 0;)
		L.credit_first[(unsigned char)markers[a][0]] = (unsigned char)(a + 1);
	L.credit_markers = markers;
	L.credit_marker_len = mlen;
	L.html_hints = file("html_hints")->entries;
}

_Atomic(const lexicons *) lexicon_built;

const lexicons *lexicon_build_once(void)
{
	pthread_once(&once, build);
	atomic_store_explicit(&lexicon_built, &L, memory_order_release);
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
		/* Fast path: ASCII letters and digits, lowercased by table. */
		if (utf8_alnum_fold[c]) {
			if (!inword) {
				if (nw == maxw)
					break;
				if (nw)
					out[o++] = ' ';
				starts[nw++] = (uint32_t)o;
				inword = 1;
			}
			out[o++] = (char)utf8_alnum_fold[c];
			i++;
			continue;
		}
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

int lexicon_may_have_furniture(const char *s, size_t n)
{
	const lexicons *lx = lexicon_get();
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80)
			return 1;
		if (!utf8_alnum_fold[c] || (c >= '0' && c <= '9')) {
			/* Separators, and numbers: no anchor is a number. */
			while (++i < n && utf8_alnum_fold[(unsigned char)s[i]] && c >= '0' && c <= '9')
				;
			continue;
		}
		/* FNV-1a of the folded word, as fnv() builds anchor_bits. */
		uint32_t h = 2166136261u;
		for (; i < n; i++) {
			unsigned char d = utf8_alnum_fold[(unsigned char)s[i]];
			if (!d) {
				if (!(s[i] == '\'' && i + 1 < n && utf8_alnum_fold[(unsigned char)s[i + 1]]))
					break;
				d = '\'';
			}
			h = (h ^ d) * 16777619u;
		}
		h &= ANCHOR_MASK;
		if (lx->anchor_bits[h >> 3] & (1u << (h & 7)))
			return 1;
	}
	return 0;
}

#ifdef __SSE2__
const unsigned char lexicon_keep16[32] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
					 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
#endif

/* Can the word of 1 to 15 ASCII letters whose lowercase halves are W1, W2
 * (FIRST its first byte as written, NEXT the byte after it) carry a number
 * or a time?  A number word or an anchor, but not one that never does
 * without a digit or another such word in the sentence: "a" and "an", a
 * single letter (a scale only after digits: "12 k"), "now" (only "3 days
 * from now"), a lowercase "may" or "march" (a verb, unless "may/5",
 * "march-2"; time.c's dead_start).  The bit first, then the word itself:
 * a bit alone lets a sentence in on a collision (one word in 250). */
static inline int qt_word(const lexicons *lx, uint64_t w1, uint64_t w2, unsigned first, unsigned next)
{
	uint32_t h = lexicon_mix(w1, w2), g = h & QT_MASK;
	if (!(lx->qt_bits[g >> 3] & (1u << (g & 7))))
		return 0;
	if (!(lexicon_letters_class(lx, w1, w2, h) & (TC_NUMBER | TC_ANCHOR)))
		return 0;
	if (w2)
		return 1;
	if (w1 < 0x100 || (w1 < 0x10000 && (w1 & 0xFF) == 'a') || w1 == LEXICON_PACK3('n', 'o', 'w'))
		return 0;
	if ((first & 0x20) && (w1 == LEXICON_PACK3('m', 'a', 'y') || w1 == LEXICON_PACK5('m', 'a', 'r', 'c', 'h')))
		return next == '/' || next == '-' || next == '.';
	return 1;
}

/* The word of ASCII letters at *I (below N; a digit or any other byte
 * said yes before), the long way: 1 when it may carry a quantity or a
 * time.  *I goes to its end. */
static int slow_word(const lexicons *lx, const char *s, size_t n, size_t *i)
{
	size_t a = *i, j = a;
	while (j < n && utf8_alnum_fold[(unsigned char)s[j]])
		j++;
	*i = j;
	if (j - a <= 15) {
		/* Folded and zero-padded as qt_word takes them. */
		unsigned char w[16] = {0};
		for (size_t k = a; k < j; k++)
			w[k - a] = (unsigned char)(s[k] | 0x20);
		uint64_t w1, w2;
		memcpy(&w1, w, 8);
		memcpy(&w2, w + 8, 8);
		return qt_word(lx, w1, w2, (unsigned char)s[a], j < n ? (unsigned char)s[j] : 0);
	}
	uint32_t h = word_hash(s + a, j - a, 1), g = h & QT_MASK;
	return (lx->qt_bits[g >> 3] & (1u << (g & 7))) &&
	       (lexicon_token_class_hashed(s + a, j - a, h) & (TC_NUMBER | TC_ANCHOR));
}

#ifdef __SSE2__
/* The word of ASCII letters at *I (below N; 16 bytes readable there), as
 * slow_word() reads it: a word of up to 15 letters inside the sentence
 * from one load. */
static inline __attribute__((always_inline)) int sse_word(const lexicons *lx, const char *s, size_t n, size_t *i)
{
	size_t w = *i;
	__m128i lo;
	unsigned len = (unsigned)__builtin_ctz(
		~lexicon_sse_letters(_mm_loadu_si128((const __m128i *)(const void *)(s + w)), &lo));
	if (len == 16 || w + len > n)
		return slow_word(lx, s, n, i);
	uint64_t w1, w2;
	lexicon_sse_words(lo, len, &w1, &w2);
	*i = w + len;
	return qt_word(lx, w1, w2, (unsigned char)s[w], (unsigned char)s[w + len]);
}

/* The words of the N bytes at S (no digit among them) 16 bytes a block:
 * the word starts of a block come from its letters at once, so that the
 * words are hashed independently of one another rather than one after
 * the other.  1 when a word may carry a quantity or a time, 0 when none
 * does; -1 at a non-ASCII byte or near the end of the READABLE bytes,
 * with *RESUME the offset the byte loop goes on from. */
static int words_by_block(const lexicons *lx, const char *s, size_t n, size_t readable, size_t *resume)
{
	size_t next = 0;     /* the end of the last word read */
	unsigned carry = 0;  /* the byte before the block is a letter */
	for (size_t b = 0; b < n; b += 16) {
		/* A word that starts in the block is read from its start:
		 * LEXICON_READ_AHEAD more bytes. */
		if (b + 16 + LEXICON_READ_AHEAD > readable) {
			*resume = next > b ? next : b;
			return -1;
		}
		const __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + b));
		__m128i lo;
		unsigned let = lexicon_sse_letters(x, &lo), valid = n - b >= 16 ? 0xFFFFu : (1u << (n - b)) - 1;
		if ((unsigned)_mm_movemask_epi8(x) & valid) {
			*resume = next > b ? next : b;
			return -1;
		}
		unsigned starts = let & ~(let << 1 | carry) & valid;
		carry = let >> 15 & 1;
		while (starts) {
			size_t w = b + (size_t)__builtin_ctz(starts);
			starts &= starts - 1;
			next = w;
			if (sse_word(lx, s, n, &next))
				return 1;
		}
	}
	return 0;
}
#endif

int lexicon_may_have_quantity(const char *s, size_t n, size_t readable)
{
	const lexicons *lx = lexicon_get();
	/* Most sentences that hold a digit say so here, 16 or 8 bytes a step,
	 * before any word is hashed. */
	size_t i8 = 0;
#ifdef __SSE2__
	for (; i8 + 16 <= n; i8 += 16) {
		const __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i8));
		if (_mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)),
						    _mm_cmplt_epi8(x, _mm_set1_epi8('9' + 1)))))
			return 1;
	}
#endif
	for (; i8 + 8 <= n; i8 += 8) {
		uint64_t v;
		memcpy(&v, s + i8, 8);
		if (lexicon_swar_digits(v))
			return 1;
	}
	for (; i8 < n; i8++)
		if (s[i8] >= '0' && s[i8] <= '9')
			return 1;
	/* No digit: only the words can say yes.  Where 16 bytes may be read,
	 * a step takes a whole word of up to 15 letters, or a whole run of up
	 * to 16 ASCII separators (8 without SSE2), with no branch per byte. */
	size_t i = 0;
#ifdef __SSE2__
	int r = words_by_block(lx, s, n, readable, &i);
	if (r >= 0)
		return r;
#endif
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80) {
			/* U+2000..U+203F (dashes, curly quotes, ellipsis) separate
			 * words; any other non-ASCII character may be a digit, a
			 * fraction or a letter of a word we cannot hash: say yes. */
			if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80) {
				i += 3;
				continue;
			}
			return 1;
		}
		if (i + LEXICON_READ_AHEAD <= readable) {
#ifdef __SSE2__
			/* Letters, and the bytes a step stops at: letters and
			 * non-ASCII bytes. */
			const __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			__m128i lo;
			unsigned let = lexicon_sse_letters(x, &lo), stop = let | (unsigned)_mm_movemask_epi8(x);
			if (!(let & 1)) {
				/* Separators up to the next letter or non-ASCII byte. */
				i += stop ? (size_t)__builtin_ctz(stop) : 16;
				continue;
			}
			if (sse_word(lx, s, n, &i))
				return 1;
			continue;
#else
			const uint64_t high = ~0ULL / 255 * 128, lower = ~0ULL / 255 * 0x20;
			uint64_t v;
			memcpy(&v, s + i, 8);
			/* Letters (0x80 in each) and the bytes a step stops at:
			 * letters and non-ASCII bytes. */
			uint64_t l1 = lexicon_swar_letters(v), at1 = (l1 | v) & high;
			if (!(l1 & 0x80)) {
				/* Separators up to the next letter or non-ASCII byte. */
				i += at1 ? (size_t)__builtin_ctzll(at1) >> 3 : 8;
				continue;
			}
			uint64_t m = ~l1 & high;
			if (m) {
				/* A word of 1 to 7 letters, the common case: V alone.
				 * Inside the sentence: hash it, then step over the
				 * separators after it (to byte 8 at most). */
				size_t len = (size_t)__builtin_ctzll(m) >> 3;
				if (i + len <= n) {
					uint64_t keep = (1ULL << (8 * len)) - 1;
					if (qt_word(lx, (v | lower) & keep, 0, c, (unsigned char)s[i + len]))
						return 1;
					at1 &= ~keep;
					i += at1 ? (size_t)__builtin_ctzll(at1) >> 3 : 8;
					continue;
				}
			} else {
				/* 8 letters or more: up to 15 here. */
				uint64_t v2;
				memcpy(&v2, s + i + 8, 8);
				uint64_t l2 = lexicon_swar_letters(v2), m2 = ~l2 & high;
				size_t n2 = m2 ? (size_t)__builtin_ctzll(m2) >> 3 : 8, len = 8 + n2;
				if (i + len <= n && m2) {
					uint64_t keep2 = (~0ULL >> 1) >> (63 - 8 * n2);
					if (qt_word(lx, v | lower, (v2 | lower) & keep2, c, 0))
						return 1;
					uint64_t at2 = (l2 | v2) & high & ~keep2;
					i += 8 + (at2 ? (size_t)__builtin_ctzll(at2) >> 3 : 8);
					continue;
				}
			}
#endif
		}
		if (!utf8_alnum_fold[c]) {
			i++;
			continue;
		}
		/* A longer word, or one near the end. */
		if (slow_word(lx, s, n, &i))
			return 1;
	}
	return 0;
}

int lexicon_find_furniture(const char *folded, size_t flen, const uint32_t *starts, size_t nwords,
			   int want)
{
	const lexicons *lx = lexicon_get();
	for (size_t i = 0; i < nwords; i++) {
		size_t e1 = (i + 1 < nwords) ? starts[i + 1] - 1 : flen;
		uint32_t key = first_key(folded + starts[i], e1 - starts[i]);
		if (!(lx->first_bits[key >> 3] & (1u << (key & 7))))
			continue;
		for (size_t k = 1; i + k <= nwords; k++) {
			size_t end = (i + k < nwords) ? starts[i + k] - 1 : flen;
			int v = lexmap_get(&lx->furniture, folded + starts[i], end - starts[i]);
			if (v < 0)
				break;
			if (v > 0 && (!want || v == want))
				return v;
		}
	}
	return 0;
}

int lexmap_get_hashed(const lexmap *m, const char *s, size_t n, uint32_t h)
{
	if (!m->slots || !filter_has(m, h))
		return -1;
	for (uint32_t i = h & m->mask;; i = (i + 1) & m->mask) {
		const struct lexslot *e = &m->slots[i];
		if (!e->key)
			return -1;
		if (e->len != n)
			continue;
		size_t k = 0;
		while (k < n && (unsigned char)e->key[k] == fold_ascii((unsigned char)s[k]))
			k++;
		if (k == n)
			return e->value;
	}
}

uint32_t lexicon_word_hash(const char *s, size_t n) { return word_hash(s, n, 1); }

int lexicon_token_class_hashed(const char *s, size_t n, uint32_t h)
{
	if (n == 0 || n >= 32)
		return 0;
	const lexicons *lx = lexicon_get();
	/* Most words have no class: one bit says so without a probe. */
	uint32_t b = h & QT_MASK;
	if (!(lx->tc_bits[b >> 3] & (1u << (b & 7))))
		return 0;
	int v = lexmap_get_hashed(&lx->token_class, s, n, h);
	return v > 0 ? v : 0;
}

int lexicon_token_class(const char *s, size_t n)
{
	return lexicon_token_class_hashed(s, n, lexicon_word_hash(s, n));
}
