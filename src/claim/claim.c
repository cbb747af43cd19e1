/*
 * claim.c: stage 6, the rules that turn sentences into who-says-what.
 *
 * Per article, sentence by sentence:
 *   mentions   gazetteer and name shapes (sentx.c)
 *   source     "according to X", "per X", "citing X", "X said", "said X",
 *              "reported by X"; "the report said" and "he said" take the
 *              last source or person of the article
 *   stances    a stance phrase (data/stances.txt) with its subject: one
 *              record per named actor; passives, "denied bail" and
 *              adjectives ("confirmed cases") make none
 *   counts     a count quantity with a counted noun (data/counted.txt) or
 *              an elided one ("one of at least six killed"), and a measure
 *              from the nearest event word (data/measures.txt)
 * Then quotes, paragraph by paragraph (quote.c).
 */
#include "claim/claim.h"

#include <string.h>
#include <strings.h>

#include "claim/sentx.h"

/* ---- sources ------------------------------------------------------- */

static int source_by(const sentx *s, size_t i)
{
	return i > 0 && tok_is(s, i, "by") && tok_in(s, i - 1, CW_REPORTED_BY);
}

/* A possessive before an estimate word: "the ISW's estimate". */
static int poss_estimate(const sentx *s, size_t i)
{
	if (i >= s->n || !(s->t[i].flags & TF_POSS))
		return 0;
	return tok_in(s, i + 1, CW_ESTIMATE_NOUN) || (tok_word(s, i + 1) && tok_in(s, i + 2, CW_ESTIMATE_NOUN));
}

/* The source the sentence credits, or a party with present == 0, in
 * this order: "according to X" / "per X" / "citing X"; the subject of a
 * speech verb or ", said X"; "reported by X". */
static party find_source(const sentx *s, size_t near, size_t *src_a, size_t *src_b)
{
	party none = {0};
	size_t a, b, l;
	for (int pass = 0; pass < 3; pass++) {
		if (pass == 1 && near != SIZE_MAX) {
			/* Several speakers: the verb nearest before the number governs
			 * it ("X confirmed ..., months after Y said thousands were ..."). */
			size_t best = SIZE_MAX, ba = 0, bb = 0;
			for (size_t i = 0; i < s->n; i++) {
				int sv = sx_match(s, &s->L->speech, i, &l);
				if ((sv != SP_SAY && sv != SP_TELL) || (best != SIZE_MAX && best < near && i > near))
					continue;
				if (np_before(s, i, &a, &b) && np_is_actor(s, a, b, 1)) {
				} else if (i > 0 && tok_punct(s, i - 1, ',') && np_after(s, i + l, &a, &b) && np_is_actor(s, a, b, 1)) {
				} else {
					continue;
				}
				if (best == SIZE_MAX || i < near)
					best = i, ba = a, bb = b;
			}
			if (best != SIZE_MAX) {
				a = ba, b = bb;
				goto found;
			}
			continue;
		}
		for (size_t i = 0; i < s->n; i++) {
			size_t from = 0;
			if (pass == 0) {
				if (tok_is(s, i, "according") && tok_is(s, i + 1, "to"))
					from = i + 2;
				else if ((tok_is(s, i, "per") || tok_is(s, i, "citing")) &&
					 (i == 0 || tok_punct(s, i - 1, ',') || tok_punct(s, i - 1, '(')))
					from = i + 1;
				else if (poss_estimate(s, i) && np_before(s, i, &a, &b) && np_is_actor(s, a, b, 1))
					goto found; /* "the ISW's estimate of 1,500" */
				else if (tok_punct(s, i, ':') && np_before(s, i, &a, &b) && a == 0 && np_is_actor(s, a, b, 1))
					goto found; /* a headline: "Zelensky: 4,000 killed" */
			} else if (pass == 2) {
				if (source_by(s, i) && !tok_is(s, i - 2, "than") && !tok_is(s, i - 2, "as"))
					from = i + 1;
			} else {
				int sv = sx_match(s, &s->L->speech, i, &l);
				if (sv != SP_SAY && sv != SP_TELL)
					continue;
				if (np_before(s, i, &a, &b) && np_is_actor(s, a, b, 1))
					goto found;
				if (i > 0 && tok_punct(s, i - 1, ',') && np_after(s, i + l, &a, &b) &&
				    np_is_actor(s, a, b, 1))
					goto found;
				continue;
			}
			/* "citing intelligence from Ukraine": a bare role cited is no
			 * source of its own; the one who cites it is. */
			if (from && np_after(s, from, &a, &b) && np_is_actor(s, a, b, !tok_is(s, from - 1, "citing")))
				goto found;
		}
	}
	return none;
found:
	*src_a = a, *src_b = b;
	party p = party_of(s, a, b);
	/* Only "the report", "this estimate", "the ministry" point back. */
	int back = tok_in(s, a, CW_ANAPHOR);
	for (size_t k = a; k < b && back; k++)
		back = !tok_cap(s, k) || k == 0;
	p.anaphoric = (uint8_t)back;
	return p;
}

/* resolve_source without remembering the party. */
static party resolve_source_quiet(const sentx *s, party p)
{
	const article_ctx *ax = s->ax;
	if (p.present && p.ncanonical == 0 && p.anaphoric && ax->last_source.present &&
	    ax->sent_no - ax->last_source_sent <= 3)
		for (size_t k = 0; k < ax->last_source.ncanonical; k++)
			p.canonical[p.ncanonical++] = ax->last_source.canonical[k];
	return p;
}

/* "The report said": a source without a name takes the article's last
 * named source (within three sentences). */
static party resolve_source(const sentx *s, party p)
{
	p = resolve_source_quiet(s, p);
	if (p.present) {
		s->ax->last_source = p;
		s->ax->last_source_sent = s->ax->sent_no;
	}
	return p;
}

/* ---- hedges -------------------------------------------------------- */

/* The clause around tokens [A, B): up to ";" or a comma before a
 * conjunction ("…, but …"). */
static void clause_of(const sentx *s, size_t a, size_t b, size_t *ca, size_t *cb)
{
	size_t i = a;
	while (i > 0 && !tok_punct(s, i - 1, ';') &&
	       !(tok_punct(s, i - 1, ',') && tok_in(s, i, CW_CONTRAST)))
		i--;
	size_t j = b;
	while (j < s->n && !tok_punct(s, j, ';') &&
	       !(tok_punct(s, j, ',') && (tok_in(s, j + 1, CW_CONTRAST) || tok_is(s, j + 1, "which"))))
		j++;
	*ca = i;
	*cb = j;
}

static void find_hedges(const sentx *s, size_t from, size_t to, crec *c)
{
	for (size_t i = from; i < to; i++) {
		size_t l;
		if (s->t[i].kind != TK_WORD || ((s->t[i].flags & TF_CAP) && i > 0))
			continue;
		int h = sx_match(s, &s->L->hedge, i, &l);
		if (!h)
			continue;
		const char *name = s->L->hedge_names[h - 1];
		int dup = 0;
		for (size_t k = 0; k < c->nhedges; k++)
			dup |= c->hedges[k] == name;
		if (!dup && c->nhedges < CLAIM_MAX_HEDGES)
			c->hedges[c->nhedges++] = name;
		i += l - 1;
	}
}

/* ---- stances ------------------------------------------------------- */

static int be_verb(const sentx *s, size_t i)
{
	return tok_in(s, i, CW_BE_VERB);
}

static int determiner(const sentx *s, size_t i)
{
	return tok_in(s, i, CW_DETERMINER);
}

/* What the stance is about: the rest of the clause. */
static span stance_about(const sentx *s, size_t from)
{
	span sp = {0, 0};
	size_t j = from;
	while (j < s->n && !tok_punct(s, j, ';') && !tok_punct(s, j, '.') && !tok_punct(s, j, ':') &&
	       !(tok_punct(s, j, ',') && (tok_in(s, j + 1, CW_ABOUT_STOP) || tok_cap(s, j + 1))))
		j++;
	if (j > from) {
		sp.start = s->t[from].start;
		sp.end = s->t[j - 1].end;
	}
	return sp;
}

/* A stance record of KIND by the actor [CA, CB), if it names one: 0, or
 * -1 when memory runs out. */
static int add_stance(const sentx *s, size_t ca, size_t cb, int kind, span about, uint32_t article, vec *out)
{
	party actor = ca < cb && np_is_actor(s, ca, cb, 0) ? party_of(s, ca, cb) : (party){0};
	if (!actor.present) /* a pronoun with no one to stand for makes none */
		return 0;
	strec *r = vec_push(out);
	if (!r)
		return -1;
	*r = (strec){.sp = s->sp, .stance = (uint8_t)kind, .about = about, .article = article};
	r->actor = actor;
	/* A person's title and country: the person speaks. */
	for (size_t q = ca; q < cb; q++)
		if (s->mat[q] >= 0 && s->m[s->mat[q]].cls == GZ_PERSON) {
			r->actor.canonical[0] = s->m[s->mat[q]].canonical;
			r->actor.ncanonical = 1;
			break;
		}
	return 0;
}

/* Is token I a word that may stand before a stance noun ("a", "public")? */
static int noun_opener(const sentx *s, size_t i)
{
	size_t l;
	return tok_in(s, i, CW_ARTICLE) || (sx_match(s, &s->L->stance, i, &l) == ST_NMOD && l == 1);
}

/* A stance noun at I (ST = its map value, L its length), with what it is
 * about after "of", "that" or "about": "Pyongyang's denial of the
 * reports", "an admission by Moscow that", "a public declaration of its
 * role" (the actor then the first one the sentence names).  "China's
 * admission to the WTO" (entry) and "a declaration of war" are none. */
static int noun_stance(const sentx *s, size_t i, size_t l, int st, uint32_t article, vec *out)
{
	size_t after = i + l, a = 0, b = 0, l2, p = i;
	int kind = st == ST_NSELF ? ST_ACKNOWLEDGE : st - ST_NOUN, found = 0;
	while (p > 0 && sx_match(s, &s->L->stance, p - 1, &l2) == ST_NMOD && l2 == 1)
		p--;
	if (p > 1 && (s->t[p - 1].flags & TF_POSS) && s->mat[p - 2] >= 0 && s->m[s->mat[p - 2]].b == p - 1) {
		a = s->m[s->mat[p - 2]].a, b = p - 1;
		found = 1;
	} else if (tok_is(s, after, "by") && np_after(s, after + 1, &a, &b)) {
		for (size_t j = a + 1; j < b; j++) /* "by Pyongyang that its soldiers" */
			if (tok_is(s, j, "that") || tok_is(s, j, "of") || tok_is(s, j, "about"))
				b = j;
		found = np_is_actor(s, a, b, 0);
		after = b;
	}
	int self = (tok_is(s, after, "of") || tok_is(s, after, "that")) &&
		   (tok_is(s, after + 1, "its") || tok_is(s, after + 1, "their"));
	if (st == ST_NSELF && !self)
		return 0;
	if (!found && self && i > 0 && noun_opener(s, i - 1)) {
		for (size_t k = 0; k < s->nm && !found; k++)
			if (s->m[k].b <= i && s->m[k].cls != GZ_PLACE && np_is_actor(s, s->m[k].a, s->m[k].b, 0)) {
				a = s->m[k].a, b = s->m[k].b;
				found = 1;
			}
	}
	if (!found || !(tok_is(s, after, "of") || tok_is(s, after, "that") || tok_is(s, after, "about")))
		return 0;
	/* "Moscow's denial of access": a refusal, not a denial. */
	for (size_t j = after + 1; kind == ST_DENY && j < s->n && j < after + 5 && s->t[j].kind == TK_WORD; j++)
		if (sx_match(s, &s->L->stance, j, &l2) == ST_OBJECT)
			return 0;
	return add_stance(s, a, b, kind, stance_about(s, after + 1), article, out);
}

static int find_stances(const sentx *s, uint32_t article, vec *out)
{
	for (size_t i = 0; i < s->n; i++) {
		size_t l;
		int st = s->t[i].kind == TK_WORD ? sx_match(s, &s->L->stance, i, &l) : 0;
		if (!st || st == ST_OBJECT || st == ST_NMOD)
			continue;
		if (st >= ST_NOUN) {
			if (noun_stance(s, i, l, st, article, out) < 0)
				return -1;
			continue;
		}
		size_t after = i + l;
		/* "rejected the ceasefire proposal": a refusal, not a denial. */
		if (st == 1 + ST_DENY) {
			int refusal = 0;
			for (size_t j = after, l2; j < s->n && j < after + 4 && !refusal && s->t[j].kind == TK_WORD; j++)
				refusal = sx_match(s, &s->L->stance, j, &l2) == ST_OBJECT;
			if (refusal)
				continue;
		}
		/* Passives ("was denied bail") and adjectives ("confirmed cases"). */
		size_t p = i;
		while (p > 0 && tok_role(s, p - 1, NULL) == RL_SKIP && !s->timed[p - 1])
			p--;
		size_t a, b;
		if (p > 0 && be_verb(s, p - 1)) {
			if (!tok_is(s, after, "by") || !np_after(s, after + 1, &a, &b))
				continue;
		} else if (p > 0 && determiner(s, p - 1)) {
			continue;
		} else if (!np_before(s, i, &a, &b) || !np_is_actor(s, a, b, 0)) {
			/* "X called the reports lies and denied any role": the
			 * sentence's subject, when the verb is coordinated. */
			if (!(p > 0 && tok_is(s, p - 1, "and") && np_after(s, 0, &a, &b) && b < p - 1 &&
			      np_is_actor(s, a, b, 0)))
				continue;
		}
		span about = stance_about(s, after);
		/* "Neither Moscow nor Pyongyang has confirmed": no one has; a
		 * denial nobody made is a non-denial. */
		if (a > 1 && tok_is(s, a - 1, "nor"))
			for (size_t x = a - 1; x > 0 && a - x < 10; x--)
				if (tok_is(s, x - 1, "neither")) {
					a = x;
					break;
				}
		int neither = (a > 0 && tok_is(s, a - 1, "neither")) || tok_is(s, a, "neither");
		for (size_t x = a; x < b && !neither; x++)
			neither = tok_is(s, x, "nor");
		if (neither) {
			if (st != 1 + ST_DENY)
				continue;
			st = 1 + ST_NONDENIAL;
		}
		if (tok_is(s, a, "neither"))
			a++;
		/* One record per named actor of a list. */
		size_t k = a;
		while (k < b) {
			size_t e = k;
			while (e < b && !tok_is(s, e, "and") && !tok_is(s, e, "nor") && !tok_punct(s, e, ','))
				e++;
			size_t ca = k, cb = e;
			if (add_stance(s, ca, cb, st - 1, about, article, out) < 0)
				return -1;
			k = e + 1;
		}
		i = after - 1;
	}
	return 0;
}

/* ---- count claims -------------------------------------------------- */

static int possessive_pronoun(const sentx *s, size_t i) { return tok_in(s, i, CW_POSSESSIVE); }
/* A number in digits or words ("12", "twelve"), not "a"/"an". */
static int numeral(const sentx *s, size_t i)
{
	const token *t = &s->t[i];
	if (t->kind == TK_NUM)
		return 1;
	return t->kind == TK_WORD && !tok_is(s, i, "a") && !tok_is(s, i, "an") &&
	       (lexicon_token_class_hashed(s->text + t->start, t->end - t->start, token_hash(s->text, t)) & TC_NUMBER);
}

/* Token I is the "of" of a partitive: "one of two", "six of 20". */
static int partitive_of(const sentx *s, size_t i) { return i >= 1 && tok_is(s, i, "of") && numeral(s, i - 1); }

/* Is the event word at V negated: "did not die", "were never deployed",
 * "weren't killed"? */
static int negated(const sentx *s, size_t v)
{
	for (size_t k = v; k > 0 && v - k < 3; k--) {
		const token *t = &s->t[k - 1];
		size_t n = t->end - t->start;
		if (tok_in(s, k - 1, CW_NEGATION) ||
		    (t->kind == TK_WORD && n > 3 && strncasecmp(s->text + t->end - 3, "n't", 3) == 0) ||
		    (t->kind == TK_WORD && n > 5 && memcmp(s->text + t->end - 5, "n\xE2\x80\x99t", 5) == 0))
			return 1;
	}
	return 0;
}

/* Does the sentence speak of war: a military noun or a word of class
 * WORDS?  With HEAD set, the counted noun there and the other loss nouns
 * do not count ("losses" alone does not make "job losses" war). */
static int speaks_of_war(const sentx *s, unsigned words, size_t head)
{
	for (size_t i = 0; i < s->n; i++) {
		size_t l;
		if (head != SIZE_MAX &&
		    (i == head || tok_is(s, i, "losses") || tok_is(s, i, "loss") || tok_is(s, i, "casualties")))
			continue;
		if (sx_match(s, &s->L->counted, i, &l) == CN_TROOPS || tok_in(s, i, words))
			return 1;
	}
	return 0;
}

/* "losses" at HEAD in a sentence that does not speak of war: no people
 * ("6,000 job losses", "three straight losses", "1987 loan losses"). */
static int peacetime_loss(const sentx *s, size_t head)
{
	return (tok_is(s, head, "losses") || tok_is(s, head, "loss")) && !speaks_of_war(s, CW_WAR_TALK, head);
}

static int preposition(const sentx *s, size_t i);

/* A word that opens another clause, whose verb is not the count's. */
static int subordinator(const sentx *s, size_t i) { return tok_in(s, i, CW_SUBORDINATOR); }
/* The counted noun after a number: "12,000 North Korean troops",
 * "3,000 North Koreans", "two prisoners of war".  Sets *NA..*NB (noun
 * phrase start after the number, end), *GROUP (CN_*) and *DEM (demonym
 * mention index or -1). */
static int counted_after(const sentx *s, size_t from, size_t *nb, int *group, int *dem, size_t *head)
{
	size_t j = from;
	*dem = -1;
	if (tok_is(s, j, "of"))
		j += 1 + determiner(s, j + 1); /* "200 of its personnel" */
	for (size_t steps = 0; j < s->n && steps < 6; steps++) {
		size_t l;
		int g = sx_match(s, &s->L->counted, j, &l);
		if (g) {
			*group = g;
			*head = j;
			*nb = j + l;
			/* "troops from North Korea" */
			if (tok_is(s, *nb, "from") && *nb + 1 < s->n && s->mat[*nb + 1] >= 0 && *dem < 0) {
				*dem = s->mat[*nb + 1];
				*nb = s->m[*dem].b;
			}
			return 1;
		}
		int mi = s->mat[j];
		if (mi >= 0) {
			const mention *m = &s->m[mi];
			if (m->cls == GZ_ORG || m->cls == GZ_GROUP) { /* "RSF fighters" */
				if (*dem < 0)
					*dem = mi;
				j = m->b;
				continue;
			}
			if (m->cls == GZ_DEMONYM || m->cls == GZ_COUNTRY) {
				*dem = mi;
				const token *last = &s->t[m->b - 1];
				if (m->cls == GZ_DEMONYM && s->text[last->end - 1] == 's') { /* "North Koreans" */
					*group = CN_PEOPLE;
					*head = m->a;
					*nb = m->b;
					return 2;
				}
				j = m->b;
				continue;
			}
			return 0;
		}
		if (s->t[j].kind != TK_WORD)
			return 0;
		/* A determiner or a preposition opens another phrase: "2004
		 * reinforces the trend towards higher losses" counts no losses. */
		if (sx_match(s, &s->L->mverb, j, &l) || tok_role(s, j, &l) == RL_SKIP ||
		    tok_in(s, j, CW_COUNT_STOP | CW_DETERMINER | CW_PREPOSITION))
			return 0;
		j++;
	}
	return 0;
}

static int clause_stop(const sentx *s, size_t i)
{
	return tok_punct(s, i, ';') || tok_punct(s, i, ':') || tok_punct(s, i, '(') || tok_punct(s, i, ')');
}

/* Does one of the sentence's numbers start at token I? */
static int number_at(const sentx *s, const qrec *q, size_t nq, size_t i)
{
	for (size_t k = 0; k < nq; k++)
		if (tok_at(s, q[k].sp.start) == i)
			return 1;
	return 0;
}

/* The nearest event word after the counted noun (within the clause) and
 * before the number; returns 1 + measure, or 0. */
static int measure_near(const sentx *s, const qrec *q, size_t nq, size_t va, size_t nb, size_t *dist_after,
			size_t *dist_before, size_t *verb)
{
	size_t l;
	int after = 0, before = 0;
	size_t da = 99, db = 99;
	size_t lim = nb + 9;
	for (size_t j = nb; j < s->n && j < lim; j++) {
		/* "40 civilians, including 12 children, were killed": past an
		 * aside between commas that has no event word of its own. */
		if (j == nb && tok_punct(s, j, ',')) {
			size_t c = j + 1;
			while (c < s->n && c < j + 12 && !tok_punct(s, c, ',') && !clause_stop(s, c) &&
			       !sx_match(s, &s->L->mverb, c, &l))
				c++;
			if (tok_punct(s, c, ',')) {
				lim += c - j;
				j = c;
				continue;
			}
		}
		if (clause_stop(s, j) || subordinator(s, j) || (tok_punct(s, j, ',') && j > nb + 1))
			break;
		/* "40,000 were evacuated and 12 were killed": the next count's verb */
		if ((tok_is(s, j, "and") || tok_is(s, j, "or")) && number_at(s, q, nq, j + 1))
			break;
		int m = sx_match(s, &s->L->mverb, j, &l);
		if (m && number_at(s, q, nq, j + l))
			break; /* "trapped 8,000 and injured at least 30": the verb of 30 */
		if (m) {
			/* "had been killed, wounded or captured": the dead and the
			 * wounded together are casualties. */
			size_t k = j + l, l2;
			int m2 = tok_punct(s, k, ',') || tok_is(s, k, "or") || tok_is(s, k, "and")
					 ? sx_match(s, &s->L->mverb, k + 1, &l2) : 0;
			if ((m == 1 + MS_KILLED && m2 == 1 + MS_WOUNDED) || (m == 1 + MS_WOUNDED && m2 == 1 + MS_KILLED))
				m = 1 + MS_CASUALTIES;
			after = m;
			da = j - nb;
			break;
		}
	}
	for (size_t j = va; j > 0 && va - j < 6; j--) {
		/* "killed and 2,700 wounded": the verb before "and" is the other count's;
		 * "killed one of two crewmen": the verb is the partitive's; "missing
		 * his target of treating 3 million": a possessive's noun is between. */
		if (clause_stop(s, j - 1) || tok_punct(s, j - 1, ',') || tok_is(s, j - 1, "and") || tok_is(s, j - 1, "or") ||
		    possessive_pronoun(s, j - 1) ||
		    partitive_of(s, j - 1))
			break;
		int m = sx_match(s, &s->L->mverb, j - 1, &l);
		if (!m)
			m = sx_match(s, &s->L->mpre, j - 1, &l);
		/* "killed or wounded 900": the pair that ends here is one word */
		for (size_t p = j - 1, l2; m && p > 0 && j - 1 - p < 2; p--)
			if (sx_match(s, &s->L->mverb, p - 1, &l2) && p - 1 + l2 >= j - 1 + l) {
				m = sx_match(s, &s->L->mverb, p - 1, &l2);
				break;
			}
		if (m) {
			before = m;
			db = va - j;
			break;
		}
	}
	*dist_after = da;
	*dist_before = db;
	if (after && (da <= db || !before)) {
		*verb = nb + da;
		return after;
	}
	*verb = va - db - 1;
	return before;
}

/* A tally noun up to three words before token V ("the number of people
 * killed"). */
static int tally_before(const sentx *s, size_t v)
{
	for (size_t k = v; k > 0 && v - k < 3; k--)
		if (tok_in(s, k - 1, CW_TALLY_NOUN))
			return 1;
	return 0;
}

/* "the death toll ... at 112", "the number of defectors fell to 236":
 * a measure noun before a number that a preposition or verb of level
 * introduces; 1 + measure or 0. */
static int toll_before(const sentx *s, size_t va, size_t *na, size_t *nb)
{
	/* "casualties numbered in the hundreds", "ran into the thousands" */
	if (va > 2 && tok_is(s, va - 1, "the") && (tok_is(s, va - 2, "in") || tok_is(s, va - 2, "into")))
		va -= 2;
	/* "one of two crewmen": a partitive, no toll */
	if (va == 0 || !tok_in(s, va - 1, CW_COUNT_INTRO) ||
	    partitive_of(s, va - 1))
		return 0;
	size_t l;
	for (size_t j = va - 1; j > 0 && va - j < 12; j--) {
		/* "died aged 73 ... was one of": another number owns the word
		 * before it; "missing his target of ... three million" */
		if (clause_stop(s, j - 1) || tok_punct(s, j - 1, ',') || possessive_pronoun(s, j - 1) ||
		    numeral(s, j - 1))
			break;
		int m = sx_match(s, &s->L->mnoun, j - 1, &l);
		/* An event verb needs a tally before it ("the number killed
		 * rose to 50"): "died in Paris at 64" is an age. */
		if (!m && sx_match(s, &s->L->mverb, j - 1, &l)) {
			if (!tally_before(s, j - 1))
				return 0;
			m = sx_match(s, &s->L->mverb, j - 1, &l);
		}
		if (m && m != 1 + MS_DEPLOYED) {
			*na = j - 1;
			*nb = j - 1 + l;
			return m;
		}
	}
	return 0;
}

static const char *subject_canonical(const sentx *s, int group, int dem, size_t head, size_t nb, int military)
{
	const claimlex *L = s->L;
	const char *adj = NULL;
	if (dem >= 0) {
		const mention *m = &s->m[dem];
		const char *country = m->cls == GZ_COUNTRY || m->cls == GZ_SEAT ? m->canonical
				      : m->g && m->g->country && m->cls == GZ_PERSON ? m->g->country : m->canonical;
		int di = m->cls == GZ_DEMONYM ? (int)(m->g - L->gz) + 1
			 : lexmap_get(&L->demonym_of, country, strlen(country));
		if (di > 0)
			adj = L->gz[di - 1].adjective;
		else if (m->cls == GZ_ORG || m->cls == GZ_GROUP)
			adj = m->canonical; /* "Hezbollah fighters" */
	}
	const char *noun;
	if (group == CN_TROOPS || (group == CN_PEOPLE && military && head < nb && s->mat[head] >= 0))
		noun = "troops";
	else if (group == CN_PEOPLE && s->mat[head] >= 0)
		noun = "people";
	else if (group == CN_UNITS || group == CN_PEOPLE) {
		uint32_t st = s->t[head].start, en = s->t[nb - 1].end;
		char *n = arena_strndup(s->ax->a, s->text + st, en - st);
		for (char *p = n; p && *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p + 32);
		noun = n;
	} else {
		noun = "people";
	}
	if (!adj)
		return noun;
	size_t al = strlen(adj), nl = strlen(noun);
	char *out = arena_alloc(s->ax->a, al + nl + 2);
	if (!out)
		return noun;
	memcpy(out, adj, al);
	out[al] = ' ';
	memcpy(out + al + 1, noun, nl + 1);
	return out;
}

static int military_context(const sentx *s) { return speaks_of_war(s, CW_WAR_WORD, SIZE_MAX); }

/* Does token I belong to a mention of a nation (a country, its seat or
 * demonym, or a body or person that has a country)? */
static int nation(const sentx *s, size_t i)
{
	if (s->mat[i] < 0)
		return 0;
	const mention *m = &s->m[s->mat[i]];
	return m->cls == GZ_COUNTRY || m->cls == GZ_SEAT || m->cls == GZ_DEMONYM || (m->g && m->g->country);
}

static int preposition(const sentx *s, size_t i) { return tok_in(s, i, CW_PREPOSITION); }

/* A verb whose subject owns the people counted after it ("Russia lost
 * 1,500 soldiers", "North Korea has suffered 4,000 casualties"). */
static int loss_verb(const sentx *s, size_t i) { return tok_in(s, i, CW_LOSS_VERB); }

/* Does the sentence speak of armed men, besides the counted noun at HEAD:
 * an armed group's name before it ("Hezbollah fighters"), a military
 * noun that names no civilians, a word of war (not a mere death or
 * wound), or a nation's losses ("Iraq lost 3,000 men")? */
static int armed(const sentx *s, size_t head, int dem)
{
	if (dem >= 0 && s->m[dem].cls == GZ_GROUP)
		return 1;
	for (size_t i = 0; i < s->n; i++) {
		size_t l;
		if (i == head)
			continue;
		if (sx_match(s, &s->L->counted, i, &l) == CN_TROOPS && !tok_in(s, i, CW_CIVIL_TROOP))
			return 1;
		if (tok_in(s, i, CW_WAR_WORD | CW_WAR_TALK) && !sx_match(s, &s->L->mverb, i, &l))
			return 1;
		if (loss_verb(s, i) && i > 0 && nation(s, i - 1))
			return 1;
	}
	return 0;
}

/* "11 men detained after a brawl", "the bank's 24 officers": a military
 * noun that also names civilians counts troops only among armed men. */
static int civil_group(const sentx *s, int group, size_t head, int dem)
{
	if (group == CN_TROOPS && tok_in(s, head, CW_CIVIL_TROOP) && !armed(s, head, dem))
		return CN_PEOPLE;
	return group;
}

/* "put the figure at 12,000", "the number at 300": a tally noun and "at"
 * right before the number at VA refer to the count before it in the
 * sentence (claims OUT[FIRST..]); that claim, or NULL. */
static const crec *series_before(const sentx *s, const vec *out, size_t first, size_t va)
{
	size_t k = va;
	if (k > 0 && (tok_punct(s, k - 1, '"') || (s->t[k - 1].kind == TK_PUNCT && s->t[k - 1].cp == 0x201C)))
		k--; /* put the figure at "around 12,000" */
	if (k < 2 || !tok_is(s, k - 1, "at") || !tok_in(s, k - 2, CW_TALLY_NOUN) || out->len <= first)
		return NULL;
	const crec *c = &VEC_AT(out, crec, out->len - 1);
	return c->value.sp.end <= s->t[va].start ? c : NULL;
}

static int find_counts(const sentx *s, const qrec *q, size_t nq, const trec *tm, size_t nt, party src, size_t sa,
		       size_t sb, uint32_t article, vec *out)
{
	size_t first = out->len;
	for (size_t k = 0; k < nq; k++) {
		const crec *same = NULL;
		if (q[k].kind != QK_COUNT)
			continue;
		size_t va = tok_at(s, q[k].sp.start), vb = tok_at(s, q[k].sp.end);
		if (va >= s->n || vb <= va)
			continue;
		/* "one of the soldiers": a pronoun, not a count. */
		if (q[k].has_low && q[k].has_high && q[k].low == 1 && q[k].high == 1 && tok_is(s, vb, "of"))
			continue;
		/* "forecasts of 53.7": a fraction of a person is no count. */
		if ((q[k].has_low && q[k].low != (double)(long long)q[k].low) ||
		    (q[k].has_high && q[k].high != (double)(long long)q[k].high))
			continue;
		size_t nb = vb, head = vb, dist;
		int group = 0, dem = -1, plain = 0;
		int found = counted_after(s, vb, &nb, &group, &dem, &head);
		int m = 0;
		/* "one of its eight crew members was killed": the whole of a
		 * partitive is not what the verb after it counts ("one of at
		 * least six reportedly killed" is six). */
		size_t w = va;
		if (w > 0 && (determiner(s, w - 1) || possessive_pronoun(s, w - 1)))
			w--;
		int whole = w > 1 && partitive_of(s, w - 1);
		if (found) {
			size_t dist_b, verb;
			group = civil_group(s, group, head, dem);
			m = measure_near(s, q, nq, va, nb, &dist, &dist_b, &verb);
			/* "five soldiers did not die", "were never deployed" */
			if (m && negated(s, verb))
				continue;
			if (whole && m && verb >= nb && tok_in(s, verb - 1, CW_BE_VERB | CW_AUXILIARY))
				continue;
			size_t l;
			/* A noun that carries its measure ("2,000 injured", "two POWs")
			 * wins unless a verb right after it says otherwise ("40
			 * prisoners were killed"). */
			int mn = sx_match(s, &s->L->mnoun, head, &l);
			if (mn && (!m || (dist > 3 && dist_b > 2)))
				m = mn;
			if (peacetime_loss(s, head))
				continue;
			/* "100 North Koreans were killed and 1,000 wounded": an
			 * elided noun after a conjunction has the earlier count's
			 * nationality. */
			if (mn && head == vb && dem < 0 && va > 0 &&
			    (tok_is(s, va - 1, "and") || tok_is(s, va - 1, "including") || tok_punct(s, va - 1, ',')))
				for (size_t b = va; b > 0 && dem < 0; b--)
					if (s->mat[b - 1] >= 0 && s->m[s->mat[b - 1]].cls == GZ_DEMONYM)
						dem = s->mat[b - 1];
			/* "12,000 troops in Russia" */
			size_t j = nb;
			while (tok_in(s, j, CW_COUNT_LINK))
				j++;
			/* "troops are in Russia", "troops in the region" */
			if (!m && group == CN_TROOPS && (tok_is(s, j, "in") || tok_is(s, j, "inside")) && j + 1 < s->n &&
			    (s->mat[j + 1] >= 0 || (tok_is(s, j + 1, "the") && tok_word(s, j + 2))))
				m = 1 + MS_DEPLOYED;
		} else if ((same = series_before(s, out, first, va)) != NULL) {
			/* "Kyiv says 11,000 troops were sent, while the Pentagon put
			 * the figure at 12,000": the earlier count's series. */
			m = same->measure + 1;
			group = CN_TROOPS, head = va, nb = vb;
		} else if ((m = toll_before(s, va, &head, &nb)) != 0) {
			if (peacetime_loss(s, head))
				continue;
			/* "put the death toll at 112": the number of the measure's noun;
			 * the subject is people (of the nearest nationality), troops
			 * for a military noun ("Russian losses at 700,000"). */
			size_t l;
			group = sx_match(s, &s->L->counted, head, &l) == CN_TROOPS ? CN_TROOPS : 0;
			for (size_t b = va; b > 0 && dem < 0; b--)
				if (s->mat[b - 1] >= 0 && s->m[s->mat[b - 1]].cls == GZ_DEMONYM)
					dem = s->mat[b - 1];
		} else {
			/* An elided noun: "one of at least six reportedly killed",
			 * "4,700 of them had been killed or wounded". */
			size_t j = vb, l;
			if (tok_is(s, j, "of") && (tok_is(s, j + 1, "them") || tok_is(s, j + 1, "those") ||
						   tok_is(s, j + 1, "whom")))
				j += 2;
			for (;;) {
				if (j < s->n && sx_match(s, &s->L->hedge, j, &l))
					j += l;
				else if (tok_in(s, j, CW_AUXILIARY))
					j++;
				else
					break;
			}
			m = j < s->n ? sx_match(s, &s->L->mverb, j, &l) : 0;
			/* "trapped 8,000 and injured at least 30": the object of an
			 * event verb right before the number ("missing three tests"
			 * is a failure).  Its people were counted after the first
			 * event word, not before it ("Soldiers killed one"). */
			size_t lo = 0;
			int bare = vb >= s->n || s->t[vb].kind != TK_WORD || tok_in(s, vb, CW_COUNT_END);
			for (size_t p = va; !m && bare && p > 0 && va - p < 3; p--)
				if (sx_match(s, &s->L->mverb, p - 1, &l) && p - 1 + l == va && !negated(s, p - 1)) {
					m = sx_match(s, &s->L->mverb, p - 1, &l);
					if (m == 1 + MS_MISSING)
						m = 0;
					lo = 1;
				}
			if (!m || m == 1 + MS_DEPLOYED)
				continue;
			if (lo) {
				while (lo < va && !sx_match(s, &s->L->mverb, lo - 1, &l))
					lo++;
				plain = 1;
			}
			/* The subject: the nearest counted noun or demonym before;
			 * "20 people were killed or injured and four died": the
			 * people, not their measure noun. */
			for (size_t b = va; b > lo; b--) {
				size_t l2, l3;
				int g = sx_match(s, &s->L->counted, b - 1, &l2);
				if (g && plain && sx_match(s, &s->L->mverb, b - 1, &l3))
					g = 0; /* "killed one and injured two": a verb */
				if (g && (!group || (sx_match(s, &s->L->mnoun, head, &l3) &&
						     !sx_match(s, &s->L->mnoun, b - 1, &l3)))) {
					group = g;
					head = b - 1;
					nb = b - 1 + l2;
				}
				if (s->mat[b - 1] >= 0 && s->m[s->mat[b - 1]].cls == GZ_DEMONYM && dem < 0)
					dem = s->mat[b - 1];
			}
			/* "killed 384 Libyans and captured 48", "300 North Koreans have
			 * died and some 2,700 have been injured": the nation counted,
			 * also over a measure noun ("2,700 North Koreans injured and
			 * about 300 have died" counts North Koreans, not the injured). */
			if ((!group || sx_match(s, &s->L->mnoun, head, &l)) && dem >= 0 && s->m[dem].b <= va) {
				const mention *dm = &s->m[dem];
				if (dm->cls == GZ_DEMONYM && s->text[s->t[dm->b - 1].end - 1] == 's')
					group = CN_PEOPLE, head = dm->a, nb = dm->b;
			}
			if (group)
				plain = 0;
			else if (plain || (j > vb + 1 && tok_is(s, vb, "of"))) /* "4,700 of them" */
				group = CN_PEOPLE, head = va, nb = vb, plain = 1, dem = -1;
			if (!group)
				continue;
			group = civil_group(s, group, head, dem);
		}
		if (!m || group == CN_UNITS)
			continue;
		/* Deployments count troops, not workers sent on leave, staff
		 * transferred or residents served. */
		if (m == 1 + MS_DEPLOYED && group != CN_TROOPS && !(s->mat[head] >= 0 && military_context(s)))
			continue;
		/* "North Korea had sent 11,000 troops": the sender's troops; a
		 * person sends his country's ("Kim Jong Un dispatched 3,000").
		 * "Russian forces lost 1,500 soldiers": the loser's. */
		if (dem < 0 && group == CN_TROOPS) {
			size_t l, a, b;
			for (size_t j = va; j > 0 && va - j < 6; j--)
				if ((m == 1 + MS_DEPLOYED && sx_match(s, &s->L->mverb, j - 1, &l) == 1 + MS_DEPLOYED) ||
				    loss_verb(s, j - 1)) {
					if (loss_verb(s, j - 1)) {
						/* The loser is the subject: the nearest nation
						 * before the verb that is no preposition's object
						 * ("North Korean troops fighting for Russia have
						 * suffered ..."). */
						for (size_t x = j - 1; x > 0 && dem < 0; x--)
							if (nation(s, x - 1) && !(x > 1 && s->m[s->mat[x - 1]].a > 0 &&
										  preposition(s, s->m[s->mat[x - 1]].a - 1)))
								dem = s->mat[x - 1];
					} else if (np_before(s, j - 1, &a, &b)) {
						for (size_t x = a; x < b && dem < 0; x++)
							if (nation(s, x))
								dem = s->mat[x];
					}
					break;
				}
		}
		/* The source nearest the number, when the sentence has several. */
		party source = src;
		size_t xa = sa, xb = sb, na2, nb2;
		party near = find_source(s, va, &na2, &nb2);
		if (near.present && (near.sp.start != src.sp.start || near.sp.end != src.sp.end)) {
			source = resolve_source_quiet(s, near);
			xa = na2, xb = nb2;
		}
		/* A source inside the counted phrase is its subject, not its source. */
		if (source.present && xa < nb && xb > va)
			source.present = 0;
		crec *c = vec_push(out);
		if (!c)
			return -1;
		memset(c, 0, sizeof *c);
		c->sp = s->sp;
		c->measure = (uint8_t)(m - 1);
		c->value = q[k];
		c->subject.start = s->t[found ? vb : head].start;
		c->subject.end = s->t[nb - 1].end;
		if (c->subject.end < c->subject.start)
			c->subject = c->value.sp;
		c->subject_canonical = plain ? "people" : subject_canonical(s, group, dem, head, nb, military_context(s));
		if (same) {
			c->subject = same->subject;
			c->subject_canonical = same->subject_canonical;
		}
		c->source = source;
		for (size_t t = 0; t < nt; t++)
			if (tm[t].valid && !tm[t].open_end) {
				c->tstart = tm[t].start;
				c->tend = tm[t].end;
				c->has_time = 1;
				break;
			}
		size_t ca, cb;
		clause_of(s, va, nb, &ca, &cb);
		find_hedges(s, ca, cb, c);
		c->article = article;
	}
	return 0;
}

/* ---- the driver ---------------------------------------------------- */

static int sentence(const claim_input *in, article_ctx *ax, const attest_sentence *S, const qrec *q, size_t nq,
		    const trec *tm, size_t nt)
{
	sentx s;
	int st = sentx_load(&s, in->text, (span){S->span.start, S->span.end}, (uint32_t)S->article, ax, in->tokens,
			    in->scratch, tm, nt);
	if (st)
		return st < 0 ? -1 : 0;
	uint32_t art = (uint32_t)S->article;
	for (size_t k = 0; k < s.nm; k++) {
		const mention *m = &s.m[k];
		if (m->cls == GZ_DEMONYM)
			continue;
		erec *e = vec_push(in->entities);
		if (!e)
			return -1;
		static const uint8_t kinds[] = {[GZ_COUNTRY] = EK_COUNTRY, [GZ_SEAT] = EK_COUNTRY,
						[GZ_PLACE] = EK_PLACE, [GZ_PERSON] = EK_PERSON,
						[GZ_ORG] = EK_ORGANIZATION, [GZ_MEDIA] = EK_ORGANIZATION,
						[GZ_INTL] = EK_ORGANIZATION, [GZ_GROUP] = EK_GROUP};
		*e = (erec){{s.t[m->a].start, s.t[m->b - 1].end}, m->canonical, kinds[m->cls], art};
		if (m->cls == GZ_PERSON)
			ax->last_person = party_of(&s, m->a, m->b);
		else if (m->cls != GZ_PLACE)
			ax->last_actor = party_of(&s, m->a, m->b);
	}
	size_t sa = 0, sb = 0;
	party src = resolve_source(&s, find_source(&s, SIZE_MAX, &sa, &sb));
	if (src.present && ax->nsources < ARTICLE_MAX_SOURCES)
		ax->sources[ax->nsources++] = src;
	if (find_stances(&s, art, in->stances) < 0)
		return -1;
	if (find_counts(&s, q, nq, tm, nt, src, sa, sb, art, in->claims) < 0)
		return -1;
	ax->sent_no++;
	return 0;
}

int claim_run(const claim_input *in)
{
	size_t qi = 0, ti = 0;
	article_ctx ax;
	size_t cur = SIZE_MAX;
	int body = 0;
	for (size_t si = 0; si < in->nsent; si++) {
		const attest_sentence *S = &in->sent[si];
		if (S->article != cur) {
			if (cur != SIZE_MAX && claim_quotes(in, cur, &ax) < 0)
				return -1;
			memset(&ax, 0, sizeof ax);
			ax.a = in->a;
			cur = S->article;
			/* Headings make no records, unless the text is only headings
			 * (a headline on its own: "Zelensky: 4,000 killed or wounded"). */
			body = 0;
			for (size_t k = si; k < in->nsent && in->sent[k].article == cur && !body; k++)
				body = !in->sent[k].heading;
		}
		while (qi < in->nq && in->q[qi].sp.start < S->span.start)
			qi++;
		while (ti < in->nt && in->tm[ti].sp.start < S->span.start)
			ti++;
		size_t qe = qi, te = ti;
		while (qe < in->nq && in->q[qe].sp.end <= S->span.end)
			qe++;
		while (te < in->nt && in->tm[te].sp.end <= S->span.end)
			te++;
		const qrec *q = in->nq ? in->q + qi : NULL;   /* an empty vec has no items */
		const trec *tm = in->nt ? in->tm + ti : NULL;
		if ((!S->heading || !body) && sentence(in, &ax, S, q, qe - qi, tm, te - ti) < 0)
			return -1;
		qi = qe;
		ti = te;
	}
	if (cur != SIZE_MAX && claim_quotes(in, cur, &ax) < 0)
		return -1;
	return 0;
}
