/*
 * lexc.c: builds the claim layer's phrase maps from the compiled-in data
 * files (formats at the top of each data/ file) and matches them on
 * tokens.  Keys are built the same way from the data phrases and from the
 * text: both go through the tokenizer, so "N. Korea", "Pyongyang's" and
 * "didn’t" fold alike.
 */
#include "claim/lexc.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim/claim.h"
#include "lex/lexicon_table.h"

#define KEY_MAX 256

static void die(const char *what)
{
	fprintf(stderr, "attest: claim lexicon: %s\n", what);
	abort();
}

/* Appends token T of TEXT to KEY (length *O), folded when FOLD; returns 0
 * when the key would overflow. */
static int key_add(const char *text, const token *t, int first, int fold, char *key, size_t *o)
{
	size_t n = t->end - t->start;
	if (*o + n + 2 > KEY_MAX)
		return 0;
	if (!first && (t->flags & TF_SPACE))
		key[(*o)++] = ' ';
	const unsigned char *s = (const unsigned char *)text + t->start;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		if (c == 0xE2 && i + 2 < n && s[i + 1] == 0x80 && (s[i + 2] == 0x99 || s[i + 2] == 0x98)) {
			key[(*o)++] = '\'';
			i += 2;
			continue;
		}
		key[(*o)++] = (char)(fold && c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	return 1;
}

static claimlex lex;

/* Marks word KEY[0..N) as a first word of map ID's phrases. */
static void mark_first(unsigned id, const char *key, size_t n)
{
	int old = lexmap_get(&lex.first, key, n);
	if (old < 0) {
		char *k = malloc(n + 1);
		if (!k)
			die("out of memory");
		memcpy(k, key, n);
		k[n] = '\0';
		lexmap_put(&lex.first, k, n, 1 << id);
	} else {
		lexmap_set(&lex.first, key, n, old | (1 << id));
	}
}

/* Adds PHRASE -> VALUE and its proper prefixes -> 0 (unless present). */
static void add_phrase(phrasemap *pm, const char *phrase, size_t len, int value, int fold)
{
	tokenizer tk;
	token t;
	char key[KEY_MAX];
	size_t o = 0, words = 0;
	token_init(&tk, phrase, 0, (uint32_t)len);
	int more = token_next(&tk, &t);
	while (more) {
		if (!key_add(phrase, &t, words == 0, fold, key, &o))
			return;
		if (!words) {
			/* The gate is folded even for case-sensitive maps. */
			char f[KEY_MAX];
			size_t fo = 0;
			key_add(phrase, &t, 1, 1, f, &fo);
			mark_first(pm->id, f, fo);
		}
		words++;
		more = token_next(&tk, &t);
		char *k = malloc(o + 1);
		if (!k)
			die("out of memory");
		memcpy(k, key, o);
		k[o] = '\0';
		int old = lexmap_get(&pm->m, k, o);
		if (!more && old <= 0)      /* the full phrase overwrites a prefix's 0 */
			lexmap_set(&pm->m, k, o, value);
		else if (old < 0)           /* a new proper prefix */
			lexmap_put(&pm->m, k, o, 0);
		if (old >= 0)               /* the map kept its own copy of the key */
			free(k);
	}
	if (words > pm->max_words)
		pm->max_words = (unsigned)words;
}

static int match(const phrasemap *pm, const char *text, const token *t, size_t n, size_t i, size_t *len, int fold)
{
	char key[KEY_MAX];
	size_t o = 0;
	int best = 0;
	*len = 0;
	for (size_t j = i; j < n && j - i < pm->max_words; j++) {
		if (t[j].kind == TK_PUNCT && j > i && (t[j].flags & TF_SPACE) && text[t[j].start] != '.' &&
		    text[t[j].start] != '&')
			break;
		if (!key_add(text, &t[j], j == i, fold, key, &o))
			break;
		int v = lexmap_get(&pm->m, key, o);
		if (v < 0)
			break;
		if (v > 0) {
			best = v;
			*len = j - i + 1;
		}
	}
	return best;
}

unsigned phrase_first_bits(const char *text, const token *t)
{
	char key[KEY_MAX];
	size_t o = 0;
	if (t->kind == TK_PUNCT || !key_add(text, t, 1, 1, key, &o))
		return 0;
	int v = lexmap_get(&lex.first, key, o);
	return v < 0 ? 0 : (unsigned)v;
}

int phrase_match(const phrasemap *pm, const char *text, const token *t, size_t n, size_t i, size_t *len)
{
	return match(pm, text, t, n, i, len, 1);
}

int phrase_match_exact(const phrasemap *pm, const char *text, const token *t, size_t n, size_t i, size_t *len)
{
	return match(pm, text, t, n, i, len, 0);
}

static const lexicon_file *data(const char *name) { return lexicon_file_named(name); }

/* Room for every key F can add: each phrase adds one key a word, so the
 * words of a line (separated by spaces, TABs or |) bound its keys.  Maps
 * sized to their keys stay small enough to live in cache. */
static size_t room(const lexicon_file *f)
{
	size_t n = 16;
	for (unsigned i = 0; i < f->count; i++) {
		n++;
		for (const char *p = f->entries[i]; *p; p++)
			n += *p == ' ' || *p == '\t' || *p == '|';
	}
	return n;
}

static int name_index(const char *s, size_t n, const char *const *names, unsigned count)
{
	for (unsigned i = 0; i < count; i++)
		if (names[i] && strlen(names[i]) == n && memcmp(names[i], s, n) == 0)
			return (int)i;
	return -1;
}

static char *dup_n(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (!p)
		die("out of memory");
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* A CLASS<TAB>phrase file whose classes are NAMES[0..COUNT): value is
 * BASE + class index. */
static void class_file(phrasemap *pm, const char *file, const char *const *names, unsigned count, int base,
		       unsigned field_phrase, int fold)
{
	const lexicon_file *f = data(file);
	lexmap_init(&pm->m, room(f));
	for (unsigned i = 0; i < f->count; i++) {
		size_t cl, pl;
		const char *c = lexicon_field(f->entries[i], 0, &cl);
		const char *p = lexicon_field(f->entries[i], field_phrase, &pl);
		int k = name_index(c, cl, names, count);
		if (k < 0 || !p) {
			fprintf(stderr, "attest: data/%s.txt: bad line '%s'\n", file, f->entries[i]);
			abort();
		}
		add_phrase(pm, p, pl, base + k, fold);
	}
}

static void measure_file(claimlex *L)
{
	const lexicon_file *f = data("measures");
	lexmap_init(&L->mverb.m, room(f));
	lexmap_init(&L->mnoun.m, room(f));
	lexmap_init(&L->mpre.m, room(f));
	for (unsigned i = 0; i < f->count; i++) {
		size_t rl, ml, pl;
		const char *r = lexicon_field(f->entries[i], 0, &rl);
		const char *m = lexicon_field(f->entries[i], 1, &ml);
		const char *p = lexicon_field(f->entries[i], 2, &pl);
		int k = m ? name_index(m, ml, measure_names, MS_KINDS) : -1;
		if (k < 0 || !p || (rl != 4 && rl != 3))
			die("data/measures.txt: bad line");
		phrasemap *pm = memcmp(r, "verb", 4) == 0 ? &L->mverb : memcmp(r, "pre", 3) == 0 ? &L->mpre : &L->mnoun;
		add_phrase(pm, p, pl, 1 + k, 1);
	}
}

static void hedge_file(claimlex *L)
{
	const lexicon_file *f = data("hedges");
	const char **names = calloc(f->count + 1, sizeof *names);
	if (!names)
		die("out of memory");
	unsigned nn = 0;
	lexmap_init(&L->hedge.m, room(f));
	for (unsigned i = 0; i < f->count; i++) {
		size_t cl, pl;
		const char *c = lexicon_field(f->entries[i], 0, &cl);
		const char *p = lexicon_field(f->entries[i], 1, &pl);
		if (!p)
			p = c, pl = cl;
		int k = name_index(c, cl, names, nn);
		if (k < 0) {
			k = (int)nn;
			names[nn++] = dup_n(c, cl);
		}
		add_phrase(&L->hedge, p, pl, 1 + k, 1);
	}
	L->hedge_names = names;
}

static const char *const gz_classes[] = {"country", "demonym", "seat", "place", "person",
					 "org", "media", "intl", "group"};

/* data/gazetteer.txt: CLASS, CANONICAL, ALIASES (| separated), COUNTRY.
 * The canonical name is an alias of itself. */
static void gazetteer_file(claimlex *L)
{
	const lexicon_file *f = data("gazetteer");
	gzentry *gz = calloc(f->count + 1, sizeof *gz);
	if (!gz)
		die("out of memory");
	lexmap_init(&L->gaz.m, room(f));
	for (unsigned i = 0; i < f->count; i++) {
		size_t cl, nl, al = 0, ol = 0;
		const char *c = lexicon_field(f->entries[i], 0, &cl);
		const char *nm = lexicon_field(f->entries[i], 1, &nl);
		const char *al_s = lexicon_field(f->entries[i], 2, &al);
		const char *co = lexicon_field(f->entries[i], 3, &ol);
		int k = name_index(c, cl, gz_classes, sizeof gz_classes / sizeof *gz_classes);
		if (k < 0 || !nm || !nl)
			continue; /* tolerate a malformed line rather than abort */
		gz[i].cls = (uint8_t)(k + 1);
		gz[i].canonical = dup_n(nm, nl);
		gz[i].country = co && ol ? dup_n(co, ol) : NULL;
		if (gz[i].cls != GZ_DEMONYM)
			add_phrase(&L->gaz, nm, nl, (int)i + 1, 1);
		else if (al_s && al)
			gz[i].adjective = dup_n(al_s, strcspn(al_s, "|\t") < al ? strcspn(al_s, "|\t") : al);
		while (al_s && al) {
			size_t one = 0;
			while (one < al && al_s[one] != '|')
				one++;
			if (one)
				add_phrase(&L->gaz, al_s, one, (int)i + 1, 1);
			if (one >= al)
				break;
			al_s += one + 1;
			al -= one + 1;
		}
	}
	L->gz = gz;
	lexmap_init(&L->demonym_of, f->count + 16);
	for (unsigned i = 0; i < f->count; i++)
		if (gz[i].cls == GZ_DEMONYM && gz[i].adjective)
			lexmap_put(&L->demonym_of, gz[i].canonical, strlen(gz[i].canonical), (int)i + 1);
}

/* data/claim_words.txt: CLASS<TAB>word; bit k of a word's value is class
 * k of NAMES (the CW_* order). */
const char *const claim_word_classes[CW_CLASSES] = {
	"reported_by", "estimate_noun", "count_intro", "preposition", "loss_verb",   "place_prep",
	"clause_opener", "be_verb",    "be_finite",   "auxiliary",   "determiner",  "article",
	"pronoun",     "anaphor",       "contrast",    "about_stop",  "count_stop",  "count_link",
	"war_word",    "verb_skip",     "noun_marker", "trim_head",   "trim_tail",   "subordinator",
	"possessive",  "negation",      "war_talk",    "civil_troop", "tally_noun",
	"count_end"};

static void words_file(claimlex *L)
{
	const lexicon_file *f = data("claim_words");
	lexmap_init(&L->words, f->count + 16);
	for (unsigned i = 0; i < f->count; i++) {
		size_t cl, wl;
		const char *c = lexicon_field(f->entries[i], 0, &cl);
		const char *w = lexicon_field(f->entries[i], 1, &wl);
		int k = name_index(c, cl, claim_word_classes, CW_CLASSES);
		size_t low = 0;
		while (w && low < wl && w[low] >= 'a' && w[low] <= 'z')
			low++;
		if (k < 0 || !w || !wl || low != wl || lexicon_field(f->entries[i], 2, &cl)) {
			fprintf(stderr, "attest: data/claim_words.txt: bad line '%s'\n", f->entries[i]);
			abort();
		}
		int old = lexmap_get(&L->words, w, wl);
		if (old < 0)
			lexmap_put(&L->words, w, wl, 1 << k);
		else
			lexmap_set(&L->words, w, wl, old | 1 << k);
	}
}

unsigned claim_word_bits(const char *text, const token *t)
{
	if (t->kind != TK_WORD)
		return 0;
	int v = lexmap_get_hashed(&lex.words, text + t->start, t->end - t->start, token_hash(text, t));
	return v < 0 ? 0 : (unsigned)v;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void build(void)
{
	static const char *const speech[] = {"say", "tell", "colon"};
	static const char *const counted[] = {"troops", "people", "units"};
	static const char *const title[] = {"title", "role", "mod", "skip", "place"};
	(void)lexicon_get();
	phrasemap *maps[] = {&lex.gaz, &lex.speech, &lex.stance, &lex.mverb, &lex.mnoun,
			     &lex.counted, &lex.hedge, &lex.title, &lex.role, &lex.mpre};
	for (unsigned i = 0; i < sizeof maps / sizeof *maps; i++)
		maps[i]->id = i;
	static const char *const files[] = {"gazetteer", "speech", "stances", "measures", "counted", "hedges", "titles"};
	size_t total = 0;
	for (unsigned i = 0; i < sizeof files / sizeof *files; i++)
		total += room(data(files[i]));
	lexmap_init(&lex.first, total);
	gazetteer_file(&lex);
	class_file(&lex.speech, "speech", speech, 3, 1, 1, 1);
	/* stances.txt: the four stances, and objects that make a refusal. */
	static const char *const stance_cls[] = {"deny",   "confirm",	  "acknowledge",  "nondenial", "object",
						 "ndeny",  "nconfirm", "nacknowledge", "nself",	   "nmod"};
	class_file(&lex.stance, "stances", stance_cls, ST_NMOD, 1, 1, 1);
	measure_file(&lex);
	class_file(&lex.counted, "counted", counted, 3, 1, 1, 1);
	hedge_file(&lex);
	words_file(&lex);
	/* titles.txt: titles case-sensitive, roles folded. */
	const lexicon_file *f = data("titles");
	lexmap_init(&lex.title.m, room(f));
	lexmap_init(&lex.role.m, room(f));
	for (unsigned i = 0; i < f->count; i++) {
		size_t cl, pl;
		const char *c = lexicon_field(f->entries[i], 0, &cl);
		const char *p = lexicon_field(f->entries[i], 1, &pl);
		int k = name_index(c, cl, title, 5);
		if (k < 0 || !p)
			die("data/titles.txt: bad line");
		if (k == 0)
			add_phrase(&lex.title, p, pl, 1, 0);
		else
			add_phrase(&lex.role, p, pl, k, 1); /* RL_ROLE, RL_MOD, RL_SKIP, RL_PLACE */
	}
}

const claimlex *claimlex_get(void)
{
	pthread_once(&once, build);
	return &lex;
}
