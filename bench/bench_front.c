/*
 * bench_front: throughput of attest's front end (read checks, paragraphs,
 * furniture and articles, tokens and sentences) on real news text.
 *
 *     build/release/bench_front [news.jsonl.gz] [runs] [source]
 *
 * Loads every article of ../shared/corpus/news/news.jsonl.gz into memory
 * first (decompression and JSON parsing are not timed), then runs the
 * pipeline over all of them RUNS times in one process, one document at a
 * time through one reused handle, and prints the median MB/s per core.
 * Also prints the peak resident set size, which must stay flat.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <zlib.h>

#include "attest.h"

typedef struct doc {
	char *text;
	size_t len;
} doc;

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

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "../shared/corpus/news/news.jsonl.gz";
	int runs = argc > 2 ? atoi(argv[2]) : 5;
	const char *only = argc > 3 ? argv[3] : NULL; /* keep one "source" only */
	if (runs < 1)
		runs = 1;
	gzFile gz = gzopen(path, "rb");
	if (!gz) {
		fprintf(stderr, "bench_front: %s: cannot open (the shared corpus is needed)\n", path);
		return 1;
	}
	size_t n = 0, cap = 0, total = 0;
	doc *docs = NULL;
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
		if (keep && t && json_is_string(t)) {
			if (n == cap) {
				cap = cap ? cap * 2 : 1024;
				docs = realloc(docs, cap * sizeof *docs);
			}
			docs[n].len = json_string_length(t);
			docs[n].text = malloc(docs[n].len);
			memcpy(docs[n].text, json_string_value(t), docs[n].len);
			total += docs[n].len;
			n++;
		}
		json_decref(o);
	}
	gzclose(gz);
	free(line);

	attest_doc *d = attest_doc_new();
	double *mbs = calloc((size_t)runs, sizeof *mbs);
	size_t sentences = 0, articles = 0;
	for (int r = 0; r < runs; r++) {
		sentences = articles = 0;
		double t0 = now();
		for (size_t i = 0; i < n; i++) {
			if (attest_doc_load_buffer(d, "bench", docs[i].text, docs[i].len, ATTEST_FORMAT_TEXT) != ATTEST_OK)
				continue;
			sentences += attest_doc_sentence_count(d);
			articles += attest_doc_article_count(d);
		}
		double dt = now() - t0;
		mbs[r] = (double)total / 1e6 / dt;
	}
	qsort(mbs, (size_t)runs, sizeof *mbs, cmp);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("front end (paragraphs + articles + sentences), %s, %zu documents, %.1f MB, %d runs\n",
	       only ? only : "all sources", n, (double)total / 1e6, runs);
	printf("  %zu articles, %zu sentences per run\n", articles, sentences);
	printf("  median %.1f MB/s per core (min %.1f, max %.1f); target >= 200 MB/s\n", mbs[runs / 2], mbs[0],
	       mbs[runs - 1]);
	printf("  peak RSS %.1f MB (corpus held in memory: %.1f MB)\n", (double)ru.ru_maxrss / 1024.0,
	       (double)total / 1e6);
	attest_doc_free(d);
	for (size_t i = 0; i < n; i++)
		free(docs[i].text);
	free(docs);
	free(mbs);
	return 0;
}
