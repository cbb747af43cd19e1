/*
 * sentx.c: entity mentions and actor phrases over one sentence's tokens.
 *
 * Mentions come from the gazetteer (longest match, capitalized in the
 * text), from titles ("President", "Dr.") before capitalized words, from
 * capitalized runs that a speech verb follows (directly or after an
 * apposition), and from surnames of persons the article already named.
 * A seat of government is a place after a locative preposition ("a gala
 * in Pyongyang") and its government otherwise ("Pyongyang denies").
 *
 * Actor phrases are chunks without a parser: they run over mentions,
 * capitalized words, possessives, role words ("officials", "intelligence")
 * and modifiers ("senior", "the"), and stop at anything else.
 */
#include "claim/sentx.h"

#include <string.h>

#include "lex/lexicon.h"

int sx_match(const sentx *s, const phrasemap *pm, size_t i, size_t *len)
{
	*len = 0;
	if (i >= s->n || !(s->fb[i] & (1u << pm->id)))
		return 0;
	if (pm == &s->L->role && s->role) {
		*len = s->role_len[i];
		return s->role[i];
	}
	if (pm == &s->L->speech && s->say) {
		*len = s->say_len[i];
		return s->say[i];
	}
	if (pm == &s->L->title)
		return phrase_match_exact(pm, s->text, s->t, s->n, i, len);
	return phrase_match(pm, s->text, s->t, s->n, i, len);
}

int sentx_init(sentx *s, const char *text, span sp, const token *t, size_t n, uint32_t article,
	       article_ctx *ax, vec *scratch, const trec *tm, size_t nt)
{
	if (vec_reserve(scratch, 12 * n + 4) < 0)
		return -1;
	*s = (sentx){.text = text, .sp = sp, .t = t, .n = n, .article = article, .L = claimlex_get(), .ax = ax};
	uint8_t *base = scratch->items;
	s->cw = (uint32_t *)(void *)base;  /* the vec's items are malloc'd: aligned */
	s->fb = (uint16_t *)(void *)(base + 4 * n);
	s->mat = (int8_t *)(base + 6 * n);
	s->timed = base + 7 * n;
	uint8_t *role = base + 8 * n, *role_len = base + 9 * n, *say = base + 10 * n, *say_len = base + 11 * n;
	memset(s->timed, 0, n);
	for (size_t i = 0; i < n; i++) {
		s->fb[i] = (uint16_t)phrase_first_bits(text, &t[i]);
		s->cw[i] = claim_word_bits(text, &t[i]);
	}
	/* The two maps the phrase rules ask about most, once a token. */
	for (size_t i = 0; i < n; i++) {
		size_t l;
		role[i] = (uint8_t)sx_match(s, &s->L->role, i, &l);
		role_len[i] = (uint8_t)l;
		say[i] = (uint8_t)sx_match(s, &s->L->speech, i, &l);
		say_len[i] = (uint8_t)l;
	}
	s->role = role, s->role_len = role_len, s->say = say, s->say_len = say_len;
	for (size_t k = 0; k < nt; k++)
		for (size_t i = tok_at(s, tm[k].sp.start); i < n && s->t[i].start < tm[k].sp.end; i++)
			s->timed[i] = 1;
	sentx_mentions(s);
	return 0;
}

int sentx_load(sentx *s, const char *text, span sp, uint32_t article, article_ctx *ax, vec *tokens, vec *scratch,
	       const trec *tm, size_t nt)
{
	tokens->len = 0;
	tokenizer tk;
	token t;
	token_init(&tk, text, sp.start, sp.end);
	while (tokens->len < CLAIM_MAX_TOKENS && token_next(&tk, &t)) {
		token *p = vec_push_raw(tokens);
		if (!p)
			return -1;
		*p = t;
	}
	if (!tokens->len)
		return 1;
	return sentx_init(s, text, sp, tokens->items, tokens->len, article, ax, scratch, tm, nt);
}

int tok_word(const sentx *s, size_t i) { return i < s->n && s->t[i].kind == TK_WORD; }

int tok_cap(const sentx *s, size_t i)
{
	return i < s->n && (s->t[i].kind == TK_WORD) && (s->t[i].flags & (TF_CAP | TF_ALLCAPS));
}

int tok_punct(const sentx *s, size_t i, char c)
{
	return i < s->n && s->t[i].kind == TK_PUNCT && s->text[s->t[i].start] == c;
}

static int tok_poss(const sentx *s, size_t i) { return i < s->n && (s->t[i].flags & TF_POSS); }

int tok_role(const sentx *s, size_t i, size_t *len)
{
	size_t l;
	if (!len)
		len = &l;
	if (i >= s->n || s->t[i].kind != TK_WORD)
		return 0;
	return sx_match(s, &s->L->role, i, len);
}

size_t tok_at(const sentx *s, uint32_t off)
{
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (s->t[mid].start < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Is T[I] a sentence-initial word that merely starts the sentence? */
static int starter(const sentx *s, size_t i)
{
	const lexicons *L = lexicon_get();
	return i == 0 && lexmap_get(&L->starters, s->text + s->t[i].start, s->t[i].end - s->t[i].start) >= 0;
}

/* Does a speech or stance verb follow from token I, past auxiliaries and
 * adverbs ("officials in Kyiv said", "a spokesman in Washington has
 * denied")?  Then "ROLE in SEAT" is that government speaking. */
static int says_after(const sentx *s, size_t i)
{
	size_t l;
	while (i < s->n && (tok_role(s, i, &l) == RL_SKIP || tok_in(s, i, CW_VERB_SKIP)))
		i++;
	return i < s->n && (sx_match(s, &s->L->speech, i, &l) || sx_match(s, &s->L->stance, i, &l));
}

static int locative(const sentx *s, size_t i) { return tok_in(s, i, CW_PLACE_PREP); }

static void add_mention(sentx *s, size_t a, size_t b, uint8_t cls, const gzentry *g, const char *canonical)
{
	if (s->nm >= SENT_MAX_MENTIONS)
		return;
	s->m[s->nm] = (mention){(uint32_t)a, (uint32_t)b, cls, g, canonical};
	for (size_t k = a; k < b; k++)
		s->mat[k] = (int8_t)s->nm;
	s->nm++;
}

static void remember_person(sentx *s, const char *full)
{
	article_ctx *ax = s->ax;
	const char *sur = strrchr(full, ' ');
	sur = sur ? sur + 1 : full;
	size_t sl = strlen(sur);
	for (size_t k = 0; k < ax->npersons; k++)
		if (ax->persons[k].slen == sl && memcmp(ax->persons[k].surname, sur, sl) == 0)
			return;
	if (ax->npersons < ARTICLE_MAX_PERSONS)
		ax->persons[ax->npersons++] = (struct person){sur, full, sl};
}

static const char *known_surname(const sentx *s, size_t i)
{
	const token *t = &s->t[i];
	size_t l = t->end - t->start;
	for (size_t k = 0; k < s->ax->npersons; k++)
		if (s->ax->persons[k].slen == l && memcmp(s->ax->persons[k].surname, s->text + t->start, l) == 0)
			return s->ax->persons[k].full;
	return NULL;
}

/* A name part: a capitalized word (Soo-jin, O'Brien, McDonald) or a
 * particle inside a name (bin, al-, de, van). */
static int name_word(const sentx *s, size_t i)
{
	if (!tok_cap(s, i) || s->mat[i] >= 0 || s->timed[i]) /* "in February" is a time, no name */
		return 0;
	/* A weekday is no name part even when no date was read ("On Monday
	 * Tony Blair said"); nor is the pronoun "I". */
	const token *t = &s->t[i];
	if (t->end - t->start == 1 && s->text[t->start] == 'I')
		return 0;
	if (t->end - t->start >= 6 && !(i > 0 && tok_is(s, i - 1, "the")) && /* not "Sun", "The Sunday Times" */
	    lexmap_get_hashed(&lexicon_get()->weekdays, s->text + t->start, t->end - t->start, token_hash(s->text, t)) >=
		    0)
		return 0;
	size_t l;
	return !sx_match(s, &s->L->speech, i, &l);
}

size_t name_run(const sentx *s, size_t i, size_t max)
{
	size_t j = i;
	while (j < s->n && j - i < max && name_word(s, j))
		j++;
	return j - i;
}

/* Does a speech verb follow token J, directly or after ", apposition,"? */
static int speech_follows(const sentx *s, size_t j)
{
	size_t l;
	if (j < s->n && sx_match(s, &s->L->speech, j, &l))
		return 1;
	if (!tok_punct(s, j, ','))
		return 0;
	for (size_t k = j + 1; k < s->n && k < j + 16; k++)
		if (tok_punct(s, k, ','))
			return k + 1 < s->n && sx_match(s, &s->L->speech, k + 1, &l);
	return 0;
}

/* Are tokens [A, B) name-shaped words (Capitalized, not ALLCAPS) none of
 * which is a role ("Supreme Court", "Border Guard")? */
static int plain_name(const sentx *s, size_t a, size_t b)
{
	for (size_t k = a; k < b; k++)
		if ((s->t[k].flags & TF_ALLCAPS) || tok_role(s, k, NULL) || s->t[k].end - s->t[k].start < 2)
			return 0;
	return 1;
}

static int case_ok(const sentx *s, size_t i, size_t len)
{
	size_t k = i;
	if (len > 1 && tok_is(s, k, "the"))
		k++;
	const token *t = &s->t[k];
	return t->kind == TK_NUM || (t->flags & (TF_CAP | TF_ALLCAPS));
}

static const char *span_dup(const sentx *s, size_t a, size_t b)
{
	uint32_t st = s->t[a].start, en = s->t[b - 1].end;
	return arena_strndup(s->ax->a, s->text + st, en - st);
}

void sentx_mentions(sentx *s)
{
	const claimlex *L = s->L;
	s->nm = 0;
	for (size_t i = 0; i < s->n; i++)
		s->mat[i] = -1;
	for (size_t i = 0; i < s->n;) {
		size_t len = 0;
		if (s->t[i].kind == TK_PUNCT) {
			i++;
			continue;
		}
		int v = sx_match(s, &L->gaz, i, &len);
		if (v > 0 && case_ok(s, i, len)) {
			const gzentry *g = &L->gz[v - 1];
			/* "the Kremlin": the name without its article. */
			if (len > 1 && tok_is(s, i, "the") && tok_cap(s, i + 1))
				i++, len--;
			uint8_t cls = g->cls;
			const char *canon = g->canonical;
			/* "in Kyiv" is a place, "in Kyiv's view" and "officials in
			 * Kyiv" its government. */
			if (cls == GZ_SEAT && i > 0 && locative(s, i - 1) && !tok_poss(s, i + len) &&
			    !(i > 1 && (tok_is(s, i - 1, "in") || tok_is(s, i - 1, "from")) &&
			      tok_role(s, i - 2, NULL) == RL_ROLE && says_after(s, i + len))) {
				cls = GZ_PLACE;
				canon = span_dup(s, i, i + len);
			}
			if (cls == GZ_PERSON)
				remember_person(s, canon);
			add_mention(s, i, i + len, cls, g, canon);
			i += len;
			continue;
		}
		/* A title before a name: "President Volodymyr Zelensky", "Dr. Park". */
		size_t tl = 0;
		if (sx_match(s, &L->title, i, &tl)) {
			size_t j = i + tl;
			/* "Justice Minister Kenny MacAskill", "Gen. Kim": titles and dots. */
			for (size_t l2; j < s->n;) {
				if (tok_punct(s, j, '.'))
					j++;
				else if (sx_match(s, &L->title, j, &l2))
					j += l2;
				else
					break;
			}
			size_t gl = 0;
			int gv = j < s->n ? sx_match(s, &L->gaz, j, &gl) : 0;
			if (gv > 0 && L->gz[gv - 1].cls == GZ_PERSON) {
				i = j;
				continue;
			}
			size_t nl = name_run(s, j, 4);
			if (nl) {
				const char *full = span_dup(s, j, j + nl);
				if (nl == 1) {
					const char *k = known_surname(s, j);
					full = k ? k : full;
				}
				remember_person(s, full);
				add_mention(s, j, j + nl, GZ_PERSON, NULL, full);
				i = j + nl;
				continue;
			}
			i += tl ? tl : 1;
			continue;
		}
		/* An unknown name after a locative preposition is a place: "in
		 * Jeddah", "near El Fasher". */
		if (i > 0 && locative(s, i - 1) && !tok_is(s, i - 1, "of") && !tok_is(s, i - 1, "to") && name_word(s, i) &&
		    !s->timed[i] && !starter(s, i)) {
			size_t nl = name_run(s, i, 3);
			add_mention(s, i, i + nl, GZ_PLACE, NULL, span_dup(s, i, i + nl));
			i += nl;
			continue;
		}
		/* A role word before a name: "chairman Chung Mong-koo". */
		if (!tok_cap(s, i) && tok_role(s, i, &tl) == RL_ROLE && name_run(s, i + tl, 4) &&
		    !(sx_match(s, &L->gaz, i + tl, &len) > 0 && case_ok(s, i + tl, len))) {
			size_t j = i + tl, nl = name_run(s, j, 4);
			const char *full = nl == 1 && known_surname(s, j) ? known_surname(s, j) : span_dup(s, j, j + nl);
			if (nl >= 2 || speech_follows(s, j + nl) || known_surname(s, j)) {
				remember_person(s, full);
				add_mention(s, j, j + nl, GZ_PERSON, NULL, full);
				i = j + nl;
				continue;
			}
		}
		if (tok_cap(s, i) && !starter(s, i)) {
			/* A known surname alone ("Kovalenko said"), not the end of a
			 * new full name ("Alvin Rosenbaum" after "Mildred Rosenbaum"). */
			const char *full = known_surname(s, i);
			if (full && !name_word(s, i + 1) && !(i > 0 && name_word(s, i - 1))) {
				add_mention(s, i, i + 1, GZ_PERSON, NULL, full);
				i++;
				continue;
			}
			size_t nl = name_run(s, i, 4);
			/* A sentence that opens on a two- or three-word name and goes on
			 * in lower case: "Olena Kovalenko commands a drone unit". */
			if (i == 0 && (nl == 2 || nl == 3) && tok_word(s, nl) && !tok_cap(s, nl) && plain_name(s, 0, nl)) {
				full = span_dup(s, 0, nl);
				remember_person(s, full);
				add_mention(s, 0, nl, GZ_PERSON, NULL, full);
				i = nl;
				continue;
			}
			/* "Kapranos said", "said David Frost", ", said Souness", and a
			 * whole name in apposition: "the ministry's spokesman, Igor
			 * Konashenkov, said". */
			int said_before = i > 0 && sx_match(s, &L->speech, i - 1, &tl) == SP_SAY;
			int apposed = nl >= 2 && i > 0 && tok_punct(s, i - 1, ',') && tok_punct(s, i + nl, ',') &&
				      sx_match(s, &L->speech, i + nl + 1, &tl) == SP_SAY;
			if (nl && (speech_follows(s, i + nl) || said_before || apposed) && (nl >= 2 || !starter(s, i))) {
				full = span_dup(s, i, i + nl);
				/* "National Intelligence Service said": a body, not a person. */
				int body = 0;
				for (size_t k = i; k < i + nl; k++)
					body |= tok_role(s, k, NULL) == RL_ROLE;
				/* "said Prebon Yamane economist Lena Komileva": the name
				 * before a role and a full name is the employer. */
				size_t rl = 0;
				if (tok_word(s, i + nl) && !tok_cap(s, i + nl) && tok_role(s, i + nl, &rl) == RL_ROLE &&
				    name_run(s, i + nl + rl, 4) >= 2)
					body = 1;
				if (!body)
					remember_person(s, full);
				add_mention(s, i, i + nl, body ? GZ_ORG : GZ_PERSON, NULL, full);
				i += nl;
				continue;
			}
		}
		i++;
	}
}

static int pronoun(const sentx *s, size_t i)
{
	return tok_in(s, i, CW_PRONOUN);
}

/* May token I sit inside an actor phrase? */
static int np_token(const sentx *s, size_t i)
{
	if (i >= s->n)
		return 0;
	if (s->mat[i] >= 0 || tok_poss(s, i))
		return 1;
	size_t l;
	int r = tok_role(s, i, &l);
	if (r == RL_ROLE || r == RL_MOD)
		return 1;
	if (tok_cap(s, i) && !starter(s, i))
		return 1;
	if (tok_punct(s, i, '.') && i > 0 && i + 1 < s->n && tok_cap(s, i - 1) &&
	    s->t[i - 1].end - s->t[i - 1].start <= 3 && !(s->t[i + 1].flags & TF_NEWLINE))
		return 1; /* "Gen." inside the sentence, not its final stop */
	if (tok_punct(s, i, '-') && i > 0 && !(s->t[i].flags & TF_SPACE))
		return 1;
	return 0;
}

/* Trims function words off both ends of [*A, *B). */
static int np_trim(const sentx *s, size_t *a, size_t *b)
{
	while (*a < *b && (tok_in(s, *a, CW_TRIM_HEAD) || tok_punct(s, *a, ',') || tok_poss(s, *a)))
		(*a)++;
	while (*b > *a && (tok_in(s, *b - 1, CW_TRIM_TAIL) || tok_punct(s, *b - 1, ',')))
		(*b)--;
	return *a < *b;
}

/* Does the comma at K join items of an actor list ("Moscow, Pyongyang and
 * Tehran")?  Only between two named items, the first of which opens its
 * clause (not "sent troops to Russia, Ukrainian intelligence said"). */
static int list_comma(const sentx *s, size_t k, size_t end)
{
	if (k == 0 || k + 1 >= end || s->mat[k - 1] < 0 || s->mat[k + 1] < 0)
		return 0;
	size_t first = s->m[s->mat[k - 1]].a;
	/* "months after U.S., South Korean and Ukrainian officials said" */
	return first == 0 || tok_punct(s, first - 1, ',') || tok_in(s, first - 1, CW_CLAUSE_OPENER);
}

static int np_core_before(const sentx *s, size_t end, size_t *a, size_t *b)
{
	size_t j = end;
	while (j > 0 && end - j < 12) {
		size_t k = j - 1;
		size_t l;
		/* A modifier before a role word: "the economy minister". */
		int compound = j < end && tok_word(s, k) && !tok_cap(s, k) && tok_role(s, j, &l) == RL_ROLE &&
			       k > 0 && tok_in(s, k - 1, CW_ARTICLE);
		int owner = tok_word(s, k) && tok_poss(s, k + 1) && k + 1 < end; /* "the bureau's director" */
		if (np_token(s, k) || compound || owner || (tok_is(s, k, "and") && k > 0 && np_token(s, k - 1)) ||
		    (tok_punct(s, k, ',') && list_comma(s, k, end)))
			j = k;
		else
			break;
	}
	if (j == end && end > 0 && pronoun(s, end - 1))
		j = end - 1;
	*a = j;
	*b = end;
	return np_trim(s, a, b);
}

int np_before(const sentx *s, size_t v, size_t *a, size_t *b)
{
	size_t j = v;
	/* Skip auxiliaries, adverbs and time phrases between subject and verb. */
	while (j > 0) {
		size_t l;
		if (s->timed[j - 1] || tok_role(s, j - 1, &l) == RL_SKIP)
			j--;
		else
			break;
	}
	/* A short aside: "the National Intelligence Service (NIS) told". */
	if (j > 1 && tok_punct(s, j - 1, ')'))
		for (size_t k = j - 1; k > 0 && j - k < 8; k--)
			if (tok_punct(s, k - 1, '(')) {
				j = k - 1;
				break;
			}
	/* A passive: "he was told", "it is said". */
	if (j > 0 && j < v && (tok_in(s, j, CW_BE_FINITE) || tok_is(s, j + 1, "been")))
		return 0;
	/* A noun, not a verb: "and reports of ...", "the claims". */
	if (j > 0 && tok_in(s, j - 1, CW_NOUN_MARKER))
		return 0;
	/* A relative clause between subject and verb, with no comma: "a nurse
	 * who took part in the rescue operation said". */
	for (size_t w = j; w > 1 && j - w < 12 && s->t[w - 1].kind != TK_PUNCT; w--)
		if (tok_is(s, w - 1, "who")) {
			if (np_core_before(s, w - 1, a, b) && *b == w - 1)
				return 1;
			break;
		}
	/* An apposition: "Daniel Tudor, co-author of ..., told". */
	if (j > 0 && tok_punct(s, j - 1, ',')) {
		size_t k = j - 1;
		while (k > 0 && j - k < 16 && !tok_punct(s, k - 1, ','))
			k--;
		if (k > 1 && tok_punct(s, k - 1, ',') && (tok_word(s, k) && !(s->t[k].flags & TF_CAP)))
			return np_core_before(s, k - 1, a, b);
		if (k > 1 && tok_punct(s, k - 1, ',') && tok_in(s, k, CW_ARTICLE))
			return np_core_before(s, k - 1, a, b);
		/* A capitalized phrase in apposition: "Ukraine's president,
		 * Volodymyr Zelensky, said", "Its owner, Noranda Inc, said": the
		 * name, when the phrase between the commas is a known one; when it
		 * holds a role, the actor before it ("Rene Obermann, T-Mobile's
		 * chief executive, told"), else the role itself ("In December,
		 * NYMEX President Rosemary McFadden, said"). */
		if (k > 1 && tok_punct(s, k - 1, ',') && tok_word(s, k)) {
			int role = 0;
			for (size_t r = k; r + 1 < j; r++)
				role |= tok_role(s, r, NULL) == RL_ROLE;
			if (role && np_core_before(s, k - 1, a, b) && np_is_actor(s, *a, *b, 1))
				return 1;
			size_t ya, yb;
			if (np_core_before(s, j - 1, &ya, &yb) && ya == k && yb == j - 1 && (role || np_is_actor(s, ya, yb, 0))) {
				*a = ya, *b = yb;
				return 1;
			}
		}
		return 0;
	}
	if (!np_core_before(s, j, a, b))
		return 0;
	/* The object of a preposition is no subject: "videos of POWs
	 * captured in Ukraine show ...". */
	if (*a > 0 && locative(s, *a - 1) && !tok_is(s, *a - 1, "of")) {
		/* ... but "officials in Kyiv said": the role and its seat. */
		if (*a > 1 && (tok_is(s, *a - 1, "in") || tok_is(s, *a - 1, "from")) &&
		    tok_role(s, *a - 2, NULL) == RL_ROLE && s->mat[*a] >= 0 && s->m[s->mat[*a]].cls != GZ_PLACE) {
			*a -= 2;
			while (*a > 0 && (tok_role(s, *a - 1, NULL) == RL_MOD || tok_is(s, *a - 1, "senior")))
				(*a)--;
			return 1;
		}
		return 0;
	}
	return 1;
}

int np_after(const sentx *s, size_t i, size_t *a, size_t *b)
{
	size_t j = i;
	while (j < s->n && j - i < 12) {
		size_t l;
		int nr = tok_role(s, j + 1, &l);
		/* "defence ministry", but not "Mr Howard told MPs": a speech verb is no modifier. */
		int compound = tok_word(s, j) && !tok_cap(s, j) && !s->say[j] &&
			       (nr == RL_ROLE || (nr == RL_MOD && !tok_is(s, j + 1, "the") &&
									     !tok_is(s, j + 1, "a") && !tok_is(s, j + 1, "of") &&
									     !tok_is(s, j + 1, "and")));
		if (np_token(s, j) || compound || (tok_word(s, j) && tok_poss(s, j + 1)) ||
		    (tok_is(s, j, "and") && np_token(s, j + 1)))
			j++;
		else if (j > i && tok_poss(s, j - 1) && tok_word(s, j) && !tok_cap(s, j))
			j++; /* "the soldier's mother" */
		else if (tok_in(s, j, CW_ARTICLE))
			j++;
		else
			break;
	}
	if (j == i && pronoun(s, i))
		j = i + 1;
	*a = i;
	*b = j;
	return np_trim(s, a, b);
}

int np_is_actor(const sentx *s, size_t a, size_t b, int allow_roles)
{
	for (size_t k = a; k < b; k++) {
		if (s->mat[k] >= 0 && s->m[s->mat[k]].cls != GZ_PLACE)
			return 1;
		size_t l;
		if (allow_roles && tok_role(s, k, &l) == RL_ROLE)
			return 1;
		if (allow_roles > 1 && tok_cap(s, k) && !starter(s, k) && !tok_is(s, k, "the"))
			return 1;
	}
	return b == a + 1 && pronoun(s, a);
}

party party_of(const sentx *s, size_t a, size_t b)
{
	party p = {0};
	p.present = 1;
	p.sp.start = s->t[a].start;
	p.sp.end = s->t[b - 1].end;
	if (b == a + 1 && pronoun(s, a)) {
		int thing = tok_is(s, a, "it") || tok_is(s, a, "they");
		const party *r = !thing ? &s->ax->last_person
				 : s->ax->last_source.present && s->ax->sent_no - s->ax->last_source_sent <= 2
				 ? &s->ax->last_source : &s->ax->last_actor;
		if (r->present)
			for (size_t k = 0; k < r->ncanonical; k++)
				p.canonical[p.ncanonical++] = r->canonical[k];
		if (r->present && !r->ncanonical)
			p.canonical[p.ncanonical++] = arena_strndup(s->ax->a, s->text + r->sp.start, span_len(r->sp));
		p.present = r->present; /* a pronoun with nothing to stand for is no party */
		return p;
	}
	/* Persons first ("Kremlin spokesman Dmitry Peskov" is Peskov), then
	 * the rest in text order. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t k = a; k < b; k++) {
			int mi = s->mat[k];
			if (mi < 0 || (k > a && s->mat[k - 1] == mi) || (s->m[mi].cls == GZ_PERSON) != (pass == 0))
				continue;
			const char *c = s->m[mi].canonical;
			int dup = 0;
			for (size_t q = 0; q < p.ncanonical; q++)
				dup |= strcmp(p.canonical[q], c) == 0;
			if (!dup && p.ncanonical < PARTY_MAX_NAMES)
				p.canonical[p.ncanonical++] = c;
		}
	}
	return p;
}
