/*
 * bench_front: throughput of attest's front end (read checks, paragraphs,
 * furniture and articles, tokens and sentences) on real text.
 *
 *     build/release/bench_front [SHARED_DIR] [RUNS] [qt|fq [CORPUS]]
 *
 * Three corpora, each loaded into memory first (reading, decompression and
 * JSON parsing are not timed), then run through the pipeline RUNS rounds in
 * one process, one document at a time through one reused handle per pass
 * (front end; + quantities and times; everything).  A round takes each
 * chunk of documents (256 KB of text) through the passes in turn, and a
 * stage alone is the median over the rounds of the time its pass adds to
 * the pass before it in the same round:
 *   - the four seed pages, each as its own document, 500 times over;
 *   - the BBC News articles of news.jsonl.gz (2,225 articles of prose);
 *   - all 21,561 articles of news.jsonl.gz, which are three quarters
 *     Reuters-21578 1987 wire copy: hard-wrapped, full of figure tables.
 * Prints the median MB/s per core of the runs, and the peak resident set
 * size, which must stay flat in the document count.  With "qt" as the third
 * argument only the front end + quantities + times pass runs, on corpus
 * number CORPUS (0, 1, 2) alone if given (for profiling); with "fq", the
 * front end pass and that one, for quantities and times alone.
 */
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <zlib.h>

#include "attest.h"

#define TARGET_MBS 200.0

typedef struct doc {
	char *text;
	size_t len;
} doc;

typedef struct corpus {
	doc *docs;
	size_t n, cap, bytes;
} corpus;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void add(corpus *c, const char *text, size_t len)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 1024;
		c->docs = realloc(c->docs, c->cap * sizeof *c->docs);
		if (!c->docs)
			abort();
	}
	c->docs[c->n].text = malloc(len ? len : 1);
	memcpy(c->docs[c->n].text, text, len);
	c->docs[c->n].len = len;
	c->n++;
	c->bytes += len;
}

static int load_news(const char *path, const char *only, corpus *c)
{
	gzFile gz = gzopen(path, "rb");
	if (!gz)
		return -1;
	size_t lcap = 1 << 20;
	char *line = malloc(lcap);
	while (gzgets(gz, line, (int)lcap)) {
		size_t l = strlen(line);
		while (l == lcap - 1 && line[l - 1] != '\n') {
			lcap *= 2;
			line = realloc(line, lcap);
			if (!gzgets(gz, line + l, (int)(lcap - l)))
				break;
			l = strlen(line);
		}
		json_error_t err;
		json_t *o = json_loadb(line, l, 0, &err);
		json_t *t = o ? json_object_get(o, "text") : NULL;
		json_t *src = o ? json_object_get(o, "source") : NULL;
		int keep = !only || (src && json_is_string(src) && strcmp(json_string_value(src), only) == 0);
		if (keep && t && json_is_string(t))
			add(c, json_string_value(t), json_string_length(t));
		json_decref(o);
	}
	gzclose(gz);
	free(line);
	return 0;
}

static int load_seeds(const char *dir, int times, corpus *c)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	corpus once = {0};
	struct dirent *e;
	char path[4096];
	while ((e = readdir(d))) {
		if (!strstr(e->d_name, ".txt"))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		char buf[1 << 16];
		size_t n = fread(buf, 1, sizeof buf, f);
		fclose(f);
		add(&once, buf, n);
	}
	closedir(d);
	for (int t = 0; t < times; t++)
		for (size_t i = 0; i < once.n; i++)
			add(c, once.docs[i].text, once.docs[i].len);
	for (size_t i = 0; i < once.n; i++)
		free(once.docs[i].text);
	free(once.docs);
	return 0;
}

/* One round over C of the K handles D, a chunk of documents (CHUNK_BYTES
 * of text or more) at a time: each chunk goes through every handle in
 * turn, the first one rotating with the chunk, and each handle's seconds
 * add up in SEC[p * RUNS] (the round's column of SEC); its sentence and
 * article counts go to SENTENCES[p] and ARTICLES[p].  Interleaved so, a
 * drift of the host's speed (a shared VM's can be tens of percent within
 * seconds) hits the passes alike, while a chunk is long enough (a few
 * milliseconds) for a pass to run on its own warm caches, as one
 * configuration over a whole corpus does. */
#define CHUNK_BYTES (256 * 1024)

static void round_of(attest_doc *const *d, int k, const corpus *c, double *sec, int runs, size_t *sentences,
		     size_t *articles)
{
	for (int p = 0; p < k; p++)
		sec[p * runs] = 0, sentences[p] = articles[p] = 0;
	size_t chunk = 0;
	for (size_t a = 0, b; a < c->n; a = b, chunk++) {
		size_t bytes = 0;
		for (b = a; b < c->n && bytes < CHUNK_BYTES; b++)
			bytes += c->docs[b].len;
		for (int q = 0; q < k; q++) {
			int p = (int)((chunk + (size_t)q) % (size_t)k);
			double t0 = now();
			for (size_t i = a; i < b; i++) {
				if (attest_doc_load_buffer(d[p], "bench", c->docs[i].text, c->docs[i].len,
							   ATTEST_FORMAT_TEXT) != ATTEST_OK)
					continue;
				sentences[p] += attest_doc_sentence_count(d[p]);
				articles[p] += attest_doc_article_count(d[p]);
			}
			sec[p * runs] += now() - t0;
		}
	}
}

/* The median of the N values at V (sorted in place). */
static double median_of(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp);
	return v[n / 2];
}

/* Prints the line of a pass: the median MB/s of its RUNS times SEC. */
static double report(const char *name, const corpus *c, const double *sec, int runs, size_t sentences,
		     size_t articles, double target)
{
	double *mbs = calloc((size_t)runs, sizeof *mbs);
	if (!mbs)
		exit(1);
	for (int r = 0; r < runs; r++)
		mbs[r] = (double)c->bytes / 1e6 / sec[r];
	double median = median_of(mbs, runs);
	printf("  %-36s %6zu docs %6.1f MB %7zu articles %8zu sentences  median %6.1f MB/s (min %.1f, max %.1f)%s\n",
	       name, c->n, (double)c->bytes / 1e6, articles, sentences, median, mbs[0], mbs[runs - 1],
	       median >= target ? "" : "  [below target]");
	free(mbs);
	return median;
}

/* The passes NAMES with OPTIONS (K of them), RUNS rounds of round_of().
 * A later stage alone is the median over the rounds of the time its pass
 * adds to the one before it in the same round. */
static void rounds(const corpus *c, int runs, int k, const char *const *names, const unsigned *options,
		   const double *targets, const char *const *alone, const double *alone_targets)
{
	attest_doc *d[3];
	double *sec = calloc((size_t)(k * runs), sizeof *sec), *add = calloc((size_t)runs, sizeof *add);
	size_t sentences[3] = {0}, articles[3] = {0};
	if (!sec || !add || k > 3)
		exit(1);
	for (int p = 0; p < k; p++) {
		d[p] = attest_doc_new();
		attest_doc_set_options(d[p], options[p]);
	}
	for (int r = 0; r < runs; r++)
		round_of(d, k, c, sec + r, runs, sentences, articles);
	for (int p = 0; p < k; p++)
		report(names[p], c, sec + p * runs, runs, sentences[p], articles[p], targets[p]);
	for (int p = 1; p < k; p++) {
		for (int r = 0; r < runs; r++) {
			double dt = sec[p * runs + r] - sec[(p - 1) * runs + r];
			add[r] = (double)c->bytes / 1e6 / (dt > 1e-9 ? dt : 1e-9);
		}
		double m = median_of(add, runs);
		printf("  %-36s %54s %6.1f MB/s%s\n", alone[p], "", m,
		       alone_targets[p] > 0 && m < alone_targets[p] ? "  [below target]" : "");
	}
	for (int p = 0; p < k; p++)
		attest_doc_free(d[p]);
	free(sec);
	free(add);
}

int main(int argc, char **argv)
{
	const char *shared = argc > 1 ? argv[1] : "../shared";
	int runs = argc > 2 ? atoi(argv[2]) : 7;
	if (runs < 1)
		runs = 1;
	char path[4096];
	corpus c = {0};
	struct {
		const char *name, *dir, *source;
	} corpora[] = {
		{"seed pages x500", "corpus/seeds", NULL},
		{"BBC News 2004-05 (prose)", "corpus/news/news.jsonl.gz", "bbc"},
		{"all news.jsonl.gz (75% Reuters 1987)", "corpus/news/news.jsonl.gz", NULL},
	};
	printf("one core, %d rounds of the passes in turn, median MB/s\n", runs);
	for (size_t k = 0; k < sizeof corpora / sizeof *corpora; k++) {
		if (argc > 4 && (size_t)atoi(argv[4]) != k)
			continue;
		snprintf(path, sizeof path, "%s/%s", shared, corpora[k].dir);
		int rc = k == 0 ? load_seeds(path, 500, &c) : load_news(path, corpora[k].source, &c);
		if (rc != 0) {
			fprintf(stderr, "bench_front: %s: cannot open (the shared corpus is needed)\n", path);
			return 1;
		}
		printf("%s\n", corpora[k].name);
		if (argc > 3 && strcmp(argv[3], "qt") == 0) {
			static const char *const names[] = {"front end + quantities + times"};
			static const unsigned options[] = {ATTEST_OPT_NO_CLAIMS};
			static const double targets[] = {0};
			rounds(&c, runs, 1, names, options, targets, NULL, NULL);
			goto next;
		}
		/* "fq": the first two passes only, for quantities and times alone. */
		int npass = argc > 3 && strcmp(argv[3], "fq") == 0 ? 2 : 3;
		static const char *const names[] = {"front end (issue 2, target 200)", "front end + quantities + times",
						    "everything (+ entities, claims, quotes)"};
		static const unsigned options[] = {ATTEST_OPT_FRONT_ONLY, ATTEST_OPT_NO_CLAIMS, 0};
		static const double targets[] = {TARGET_MBS, 0, 0};
		static const char *const alone[] = {NULL, "quantities + times alone (target 100)", "claim stage alone"};
		static const double alone_targets[] = {0, 100, 0};
		rounds(&c, runs, npass, names, options, targets, alone, alone_targets);
	next:
		for (size_t i = 0; i < c.n; i++)
			free(c.docs[i].text);
		free(c.docs);
		memset(&c, 0, sizeof c);
	}
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("peak RSS %.1f MB (the largest corpus is held in memory while it runs)\n",
	       (double)ru.ru_maxrss / 1024.0);
	return 0;
}
