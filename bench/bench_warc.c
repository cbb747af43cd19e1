/*
 * bench_warc: throughput of the crawl archive reader, alone and with the
 * pipeline behind it, on the archives named (by default the UK Web Archive
 * test files of ../shared/corpus/warc/ukwa).
 *
 *     build/release/bench_warc [RUNS] ARCHIVE...
 *
 * For each pass (RUNS of each, median kept): the reader alone (every
 * record parsed, HTML and text payloads de-chunked and inflated, nothing
 * else); then attest_archive_next, which also runs the whole pipeline on
 * each page.  Prints records/s, pages/s, MB/s of archive bytes (as stored,
 * compressed or not) and the peak resident set size.  Files are read from
 * the page cache: the first run warms it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "attest.h"
#include "read/warc.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* One pass over every archive; returns seconds, adds records and pages. */
static double pass(char **paths, int n, int pipeline, attest_doc *doc, unsigned long long *recs,
		   unsigned long long *pages)
{
	double t0 = now();
	char err[1024];
	*recs = *pages = 0;
	for (int i = 0; i < n; i++) {
		warc *w = warc_open(paths[i], err, sizeof err);
		if (!w) {
			fprintf(stderr, "bench_warc: %s\n", err);
			exit(1);
		}
		warc_record r;
		int got;
		if (!pipeline) {
			while ((got = warc_next(w, &r, err, sizeof err)) != 0)
				*pages += got > 0;
			*recs += warc_records(w);
			warc_close(w);
			continue;
		}
		warc_close(w);
		attest_archive *ar;
		if (attest_archive_open(&ar, paths[i], err) != ATTEST_OK)
			exit(1);
		attest_record rec;
		while ((got = attest_archive_next(ar, doc, &rec)) != 0)
			*pages += got > 0;
		attest_archive_close(ar);
	}
	return now() - t0;
}

int main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 0;
	if (runs < 1 || argc < 3) {
		fprintf(stderr, "usage: bench_warc RUNS ARCHIVE...\n");
		return 2;
	}
	char **paths = argv + 2;
	int n = argc - 2;
	double bytes = 0;
	for (int i = 0; i < n; i++) {
		struct stat st;
		if (stat(paths[i], &st) == 0)
			bytes += (double)st.st_size;
	}
	attest_doc *doc = attest_doc_new();
	unsigned long long recs = 0, pages = 0, all_recs = 0;
	static const char *const names[] = {"reader alone", "reader + pipeline (extract)"};
	for (int p = 0; p < 2; p++) {
		double *t = calloc((size_t)runs, sizeof *t);
		for (int r = 0; r < runs; r++)
			t[r] = pass(paths, n, p, doc, &recs, &pages);
		if (!p)
			all_recs = recs;
		qsort(t, (size_t)runs, sizeof *t, by_value);
		double m = t[runs / 2];
		printf("%-28s %8.0f records/s %8.0f pages/s %7.1f MB/s  (%llu records, %llu pages, %.1f MB, median of %d)\n",
		       names[p], (double)all_recs / m, (double)pages / m, bytes / 1e6 / m, all_recs, pages, bytes / 1e6,
		       runs);
		free(t);
	}
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("peak RSS %ld KB\n", ru.ru_maxrss);
	attest_doc_free(doc);
	return 0;
}
