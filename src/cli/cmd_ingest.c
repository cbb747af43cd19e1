/*
 * cmd_ingest.c: `attest ingest PATH...`: files, directories (walked
 * recursively in sorted order, hidden entries skipped, symbolic links to
 * directories not followed) and standard input ("-") into the ledger.
 * Every file is its own failure boundary: an error names the file and the
 * rest goes on; the exit status is 1 when any file failed.  Paths are stored
 * absolute, so the same file ingested from another directory is the same
 * document.  A progress bar goes to stderr when it is a terminal; a one-line
 * summary always does (unless --quiet).  Files are loaded (read, hashed,
 * extracted) in a second thread while this one stores, in input order.
 * Crawl archives (WARC, ARC) are read after the other files, loaded in a
 * second thread the same way: each HTML or text capture is a document stored under its target
 * URI (so a page crawled again with new bytes becomes its next version),
 * and a damaged record counts as one failure.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

/* Deepest directory nesting walked. */
#define MAX_DEPTH 64
/* Seconds between progress bar updates. */
#define PROGRESS_EVERY 0.2

typedef struct item {
	char *path;
	long long size;
} item;

typedef struct walk {
	item *items;
	size_t n, cap;
	long long bytes;
	int failed;
} walk;

static int add_item(walk *w, const char *path, long long size)
{
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 256;
		item *g = realloc(w->items, cap * sizeof *g);
		if (!g)
			return -1;
		w->items = g;
		w->cap = cap;
	}
	if (!(w->items[w->n].path = strdup(path)))
		return -1;
	w->items[w->n++].size = size;
	w->bytes += size;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds PATH, or the files under it when it is a directory. */
static int collect(walk *w, const char *path, int depth)
{
	struct stat sb;
	if (strcmp(path, "-") == 0)
		return add_item(w, path, 0);
	if ((depth ? lstat(path, &sb) : stat(path, &sb)) != 0) {
		fprintf(stderr, "attest: %s: %s\n", path, strerror(errno));
		w->failed++;
		return 0;
	}
	if (S_ISREG(sb.st_mode))
		return add_item(w, path, (long long)sb.st_size);
	if (!S_ISDIR(sb.st_mode)) {
		if (!depth || !S_ISLNK(sb.st_mode)) {
			fprintf(stderr, "attest: %s: not a regular file or directory\n", path);
			w->failed += !depth;
		} else if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
			return add_item(w, path, (long long)sb.st_size);
		}
		return 0;
	}
	if (depth >= MAX_DEPTH) {
		fprintf(stderr, "attest: %s: directories nested deeper than %d, skipped\n", path, MAX_DEPTH);
		w->failed++;
		return 0;
	}
	DIR *d = opendir(path);
	if (!d) {
		fprintf(stderr, "attest: %s: %s\n", path, strerror(errno));
		w->failed++;
		return 0;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	int rc = 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			char **g = realloc(names, cap * sizeof *g);
			if (!g) {
				rc = -1;
				break;
			}
			names = g;
		}
		if (!(names[n] = strdup(e->d_name))) {
			rc = -1;
			break;
		}
		n++;
	}
	closedir(d);
	if (names)
		qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		char sub[PATH_MAX];
		if (rc == 0 && snprintf(sub, sizeof sub, "%s/%s", path, names[i]) < (int)sizeof sub)
			rc = collect(w, sub, depth + 1);
		free(names[i]);
	}
	free(names);
	return rc;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct tally {
	size_t done, added, versions, skipped, failed, records; /* records: archive pages, damaged ones included */
	long long bytes;
	double t0, shown;
	int tty;
} tally;

static void progress(tally *t, const walk *w, int force)
{
	double el = now() - t->t0;
	if (!t->tty || (!force && el - t->shown < PROGRESS_EVERY))
		return;
	t->shown = el;
	double frac = w->bytes > 0 ? (double)t->bytes / (double)w->bytes : (double)t->done / (double)(w->n ? w->n : 1);
	char bar[21];
	int fill = (int)(frac * 20 + 0.5);
	for (int i = 0; i < 20; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[20] = '\0';
	double rate = el > 0 ? (double)t->done / el : 0;
	double eta = frac > 0 ? el / frac - el : 0;
	fprintf(stderr, "\r[%s] %zu/%zu docs  %.1f/%.1f MB  %.0f docs/s  ETA %d:%02d \x1b[K", bar, t->done, w->n,
		(double)t->bytes / 1e6, (double)w->bytes / 1e6, rate, (int)eta / 60, (int)eta % 60);
}

static void clear_line(const tally *t)
{
	if (t->tty)
		fputs("\r\x1b[K", stderr);
}

/* Loader threads read files and run the pipeline into a ring of FILE_SLOTS
 * document handles (each checking known bytes on its own read-only
 * handle), while the main thread stores them in order on the writing
 * handle, so extraction and storage overlap.  LOADERS is 2 whatever the
 * cores: loading costs about what storing does, and the writer waits
 * whenever the next file is slow to load, so a second loader fills those
 * waits (with one, the writer sat idle about a tenth of the time on the
 * BBC news files).  The ring is deep enough for the
 * loaders to go on while a batch commits (its full-text indexing takes
 * tens of milliseconds, a few hundred news files' worth of loading), and
 * bounded in bytes: at most QUEUE_BYTES of files wait loaded (the file the
 * writer waits for is always let through), and a handle that held a
 * document over BIG_DOC bytes is made anew once it is stored, so the ring
 * keeps no large buffers. */
#define LOADERS 2
#define FILE_SLOTS 256
#define QUEUE_BYTES (32LL << 20)
#define BIG_DOC (256u << 10)
/* Archive pages are read one record ahead of the store, a few at a time. */
#define PAGE_SLOTS 4

typedef struct slot {
	attest_doc *doc;
	size_t turn;         /* the item the slot holds or takes next */
	int ready;           /* 1: item TURN loaded (or failed), waiting to be stored */
	int known;
	attest_status st;
	char src[PATH_MAX];  /* absolute path; "" for standard input */
	char err[1024];
} slot;

typedef struct loader {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	slot *slots;         /* FILE_SLOTS of them */
	long long queued;    /* bytes of the files loaded and not yet stored */
	size_t next;         /* the item the writer stores next */
	size_t claimed;      /* items taken by a loader so far */
	const walk *w;
	int format;
} loader;

/* One loader thread, on its read-only handle R. */
typedef struct worker {
	loader *ld;
	attest_ledger *r;
} worker;

static void load_one(attest_ledger *r, slot *s, const char *path, int format)
{
	int is_stdin = strcmp(path, "-") == 0;
	s->src[0] = '\0';
	if (!is_stdin && !realpath(path, s->src))
		snprintf(s->src, sizeof s->src, "%s", path);
	s->st = attest_ledger_load_file(r, s->doc, path, is_stdin ? NULL : s->src, (attest_format)format, &s->known);
	if (s->st != ATTEST_OK)
		snprintf(s->err, sizeof s->err, "%s", attest_ledger_errmsg(r));
}

static void *load_all(void *arg)
{
	const worker *k = arg;
	loader *ld = k->ld;
	for (;;) {
		/* Items are taken in order, each into its slot of the ring when
		 * its turn comes: once the writer has stored the item before it
		 * there (another loader may still be loading that one). */
		pthread_mutex_lock(&ld->mu);
		size_t i = ld->claimed++;
		if (i >= ld->w->n) {
			pthread_mutex_unlock(&ld->mu);
			break;
		}
		slot *s = &ld->slots[i % FILE_SLOTS];
		long long size = ld->w->items[i].size;
		while (s->turn != i || (i != ld->next && ld->queued > 0 && ld->queued + size > QUEUE_BYTES))
			pthread_cond_wait(&ld->cv, &ld->mu);
		ld->queued += size;
		pthread_mutex_unlock(&ld->mu);
		load_one(k->r, s, ld->w->items[i].path, ld->format);
		pthread_mutex_lock(&ld->mu);
		s->ready = 1;
		pthread_cond_broadcast(&ld->cv);
		pthread_mutex_unlock(&ld->mu);
	}
	return NULL;
}

static void count(tally *t, attest_added how)
{
	if (how == ATTEST_ADDED_NEW)
		t->added++;
	else if (how == ATTEST_ADDED_VERSION)
		t->versions++;
	else
		t->skipped++;
}

/* The documents a failure of L rolled back with it move from the counts
 * of the stored to the failed (attest_ledger_lost). */
static void uncount(const attest_ledger *l, tally *t)
{
	size_t docs, versions;
	attest_ledger_lost(l, &docs, &versions);
	t->added -= docs <= t->added ? docs : t->added;
	t->versions -= versions <= t->versions ? versions : t->versions;
	t->failed += docs + versions;
}

/* Stores the loaded slot S (or reports its failure). */
static void store_one(attest_ledger *l, slot *s, const char *path, tally *t)
{
	attest_added how = ATTEST_ADDED_SKIPPED;
	int64_t id;
	if (s->st == ATTEST_OK && !s->known && attest_ledger_add(l, s->doc, s->src[0] ? s->src : NULL, &how, &id) !=
	    ATTEST_OK) {
		s->st = ATTEST_ERR_IO;
		snprintf(s->err, sizeof s->err, "%.300s: cannot store: %.600s", path, attest_ledger_errmsg(l));
		uncount(l, t);
	}
	if (s->st != ATTEST_OK) {
		clear_line(t);
		fprintf(stderr, "attest: %s\n", s->err);
		t->failed++;
	} else {
		count(t, how);
	}
}

/* Ingests every item of W; READERS are the NREADERS loader threads'
 * handles (none: load and store in this thread on L alone). */
static int ingest_all(attest_ledger *l, attest_ledger *const *readers, int nreaders, const walk *w, int format,
		      const char *ref, tally *t)
{
	loader ld = {.w = w, .format = format};
	/* Without a loader thread one handle is all it takes. */
	int nslots = nreaders ? FILE_SLOTS : 1, rc = 0;
	if (!(ld.slots = calloc((size_t)nslots, sizeof *ld.slots)))
		return -1;
	for (int i = 0; i < nslots; i++) {
		ld.slots[i].turn = (size_t)i;
		if (!(ld.slots[i].doc = attest_doc_new()) || attest_doc_set_ref_date(ld.slots[i].doc, ref) != ATTEST_OK)
			rc = -1;
	}
	pthread_t th[LOADERS];
	worker wk[LOADERS];
	int threads = 0;
	if (rc == 0 && nreaders) {
		pthread_mutex_init(&ld.mu, NULL);
		pthread_cond_init(&ld.cv, NULL);
		for (int k = 0; k < nreaders && k < LOADERS; k++) {
			wk[threads] = (worker){&ld, readers[k]};
			threads += pthread_create(&th[threads], NULL, load_all, &wk[threads]) == 0;
		}
		if (!threads) {
			pthread_mutex_destroy(&ld.mu);
			pthread_cond_destroy(&ld.cv);
		}
	}
	for (size_t i = 0; rc == 0 && i < w->n; i++) {
		slot *s = &ld.slots[i % (size_t)nslots];
		if (threads) {
			pthread_mutex_lock(&ld.mu);
			while (!s->ready)
				pthread_cond_wait(&ld.cv, &ld.mu);
			pthread_mutex_unlock(&ld.mu);
		} else {
			load_one(l, s, w->items[i].path, format);
		}
		store_one(l, s, w->items[i].path, t);
		size_t len;
		if (attest_doc_text(s->doc, &len) && len > BIG_DOC) {
			/* Without memory for a fresh handle the old one serves on. */
			attest_doc *fresh = attest_doc_new();
			if (fresh && attest_doc_set_ref_date(fresh, ref) == ATTEST_OK)
				attest_doc_free(s->doc), s->doc = fresh;
			else
				attest_doc_free(fresh);
		}
		if (threads) {
			pthread_mutex_lock(&ld.mu);
			ld.queued -= w->items[i].size;
			ld.next = i + 1;
			s->turn = i + FILE_SLOTS;
			s->ready = 0;
			pthread_cond_broadcast(&ld.cv);
			pthread_mutex_unlock(&ld.mu);
		}
		t->done++;
		t->bytes += w->items[i].size;
		progress(t, w, 0);
	}
	if (threads) {
		for (int k = 0; k < threads; k++)
			pthread_join(th[k], NULL);
		pthread_mutex_destroy(&ld.mu);
		pthread_cond_destroy(&ld.cv);
	}
	for (int i = 0; i < nslots; i++)
		attest_doc_free(ld.slots[i].doc);
	free(ld.slots);
	return rc;
}

/* Moves the archives of W, in order, to ARCS. */
static void split(walk *w, walk *arcs)
{
	size_t k = 0;
	for (size_t i = 0; i < w->n; i++) {
		if (strcmp(w->items[i].path, "-") != 0 && attest_is_archive(w->items[i].path)) {
			if (add_item(arcs, w->items[i].path, w->items[i].size) == 0) {
				free(w->items[i].path);
				continue;
			}
		}
		w->items[k++] = w->items[i];
	}
	w->n = k;
}

/* An archive's pages are loaded in a second thread too: read_pages fills
 * a ring of PAGE_SLOTS handles in archive order, and ingest_archive stores them
 * in the same order. */
typedef struct page {
	attest_doc *doc;
	int state;                     /* 0 free, 1 loaded (r is 1 or -1), 2 the archive's end */
	int r;
	unsigned long long offset;
	long long consumed;            /* archive bytes read so far */
	char src[PATH_MAX + 32];       /* the page's URI, else ABSPATH#OFFSET */
	char err[1024];
} page;

typedef struct pages {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	page ring[PAGE_SLOTS];
	attest_archive *ar;
	const char *abs;
} pages;

static void *read_pages(void *arg)
{
	pages *p = arg;
	for (size_t i = 0;; i++) {
		page *s = &p->ring[i % PAGE_SLOTS];
		pthread_mutex_lock(&p->mu);
		while (s->state)
			pthread_cond_wait(&p->cv, &p->mu);
		pthread_mutex_unlock(&p->mu);
		attest_record rec;
		s->r = attest_archive_next(p->ar, s->doc, &rec);
		s->offset = (unsigned long long)rec.offset;
		s->consumed = (long long)attest_archive_consumed(p->ar);
		if (s->r < 0)
			snprintf(s->err, sizeof s->err, "%s", attest_archive_errmsg(p->ar));
		else if (rec.uri[0])
			snprintf(s->src, sizeof s->src, "%s", rec.uri);
		else
			snprintf(s->src, sizeof s->src, "%s#%llu", p->abs, s->offset);
		pthread_mutex_lock(&p->mu);
		s->state = s->r == 0 ? 2 : 1;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		if (s->r == 0)
			return NULL;
	}
}

/* Stores one loaded page S of the archive PATH (or reports its failure). */
static void store_page(attest_ledger *l, const page *s, const char *path, tally *t)
{
	attest_added how;
	int64_t id;
	t->records++;
	t->done++;
	if (s->r < 0) {
		clear_line(t);
		fprintf(stderr, "attest: %s\n", s->err);
		t->failed++;
	} else if (attest_ledger_add(l, s->doc, s->src, &how, &id) != ATTEST_OK) {
		clear_line(t);
		fprintf(stderr, "attest: %.300s: record at offset %llu: cannot store: %.600s\n", path, s->offset,
			attest_ledger_errmsg(l));
		t->failed++;
		uncount(l, t);
	} else {
		count(t, how);
	}
}

/* Stores each page of the archive PATH under its URI (else
 * "ABSPATH#OFFSET"); REF is the --ref-date. */
static void ingest_archive(attest_ledger *l, const char *ref, const char *path, tally *t, const walk *all)
{
	char err[1024], abs[PATH_MAX];
	pages p = {.abs = abs};
	if (!realpath(path, abs))
		snprintf(abs, sizeof abs, "%s", path);
	if (attest_archive_open(&p.ar, path, err) != ATTEST_OK) {
		clear_line(t);
		fprintf(stderr, "attest: %s\n", err);
		t->failed++;
		return;
	}
	int ok = 1;
	for (int i = 0; i < PAGE_SLOTS; i++)
		if (!(p.ring[i].doc = attest_doc_new()) || attest_doc_set_ref_date(p.ring[i].doc, ref) != ATTEST_OK)
			ok = 0;
	pthread_t th;
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv, NULL);
	if (!ok || pthread_create(&th, NULL, read_pages, &p) != 0) {
		clear_line(t);
		fprintf(stderr, "attest: %s: out of memory\n", path);
		t->failed++;
	} else {
		long long base = t->bytes;
		for (size_t i = 0;; i++) {
			page *s = &p.ring[i % PAGE_SLOTS];
			pthread_mutex_lock(&p.mu);
			while (!s->state)
				pthread_cond_wait(&p.cv, &p.mu);
			pthread_mutex_unlock(&p.mu);
			if (s->state == 2)
				break;
			store_page(l, s, path, t);
			t->bytes = base + s->consumed;
			progress(t, all, 0);
			pthread_mutex_lock(&p.mu);
			s->state = 0;
			pthread_cond_broadcast(&p.cv);
			pthread_mutex_unlock(&p.mu);
		}
		pthread_join(th, NULL);
	}
	pthread_mutex_destroy(&p.mu);
	pthread_cond_destroy(&p.cv);
	for (int i = 0; i < PAGE_SLOTS; i++)
		attest_doc_free(p.ring[i].doc);
	attest_archive_close(p.ar);
}

int cmd_ingest(int argc, char **argv)
{
	static const struct option longs[] = {
		{"db", required_argument, NULL, 'd'},
		{"format", required_argument, NULL, 'f'},
		{"ref-date", required_argument, NULL, 'r'},
		{"batch", required_argument, NULL, 'b'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	const char *db = cli_default_db(), *ref = NULL;
	int format = ATTEST_FORMAT_AUTO, quiet = 0;
	long batch = 1000;
	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "+hq", longs, NULL)) != -1) {
		char *end;
		switch (c) {
		case 'd': db = optarg; break;
		case 'r': ref = optarg; break;
		case 'q': quiet = 1; break;
		case 'f':
			if ((format = cli_format(optarg)) < 0)
				return cli_usage_error("ingest", "--format must be auto, text or html, not '%s'", optarg);
			break;
		case 'b':
			batch = strtol(optarg, &end, 10);
			if (*end || batch < 1 || batch > 100000)
				return cli_usage_error("ingest", "--batch must be a number of documents, 1 to 100000");
			break;
		case 'h':
			printf("usage: attest ingest %s\n", cli_usage_of("ingest"));
			return EXIT_OK;
		default:
			return cli_usage_error("ingest", "unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error("ingest", "nothing to ingest (give files, directories, or - for standard input)");
	attest_doc *doc = attest_doc_new();
	if (!doc) {
		fprintf(stderr, "attest: out of memory\n");
		return EXIT_FAIL;
	}
	if (attest_doc_set_ref_date(doc, ref) != ATTEST_OK) {
		attest_doc_free(doc);
		return cli_usage_error("ingest", "--ref-date must be a date YYYY-MM-DD, not '%s'", ref);
	}
	walk w = {0}, arcs = {0};
	int rc = 0;
	for (int i = optind; i < argc && rc == 0; i++)
		rc = collect(&w, argv[i], 0);
	split(&w, &arcs);
	size_t nfiles = w.n + arcs.n;
	attest_ledger *l = NULL;
	char err[1024];
	if (rc < 0) {
		fprintf(stderr, "attest: out of memory\n");
	} else if (attest_ledger_open(&l, db, 0, err) != ATTEST_OK) {
		fprintf(stderr, "attest: %s\n", err);
		rc = -1;
	}
	tally t = {.t0 = now(), .tty = !quiet && isatty(2)};
	if (l) {
		attest_ledger_set_batch(l, (unsigned)batch);
		/* One read-only handle a loader thread; none opens: load in
		 * this thread instead. */
		attest_ledger *readers[LOADERS];
		int nreaders = 0;
		while (w.n > 1 && nreaders < LOADERS &&
		       attest_ledger_open(&readers[nreaders], db, ATTEST_LEDGER_READONLY, err) == ATTEST_OK)
			nreaders++;
		if (ingest_all(l, readers, nreaders, &w, format, ref, &t) < 0) {
			fprintf(stderr, "attest: out of memory\n");
			rc = -1;
		}
		for (int k = 0; k < nreaders; k++)
			attest_ledger_close(readers[k]);
		for (size_t i = 0; rc == 0 && i < arcs.n; i++)
			ingest_archive(l, ref, arcs.items[i].path, &t, &w);
		if (attest_ledger_flush(l) != ATTEST_OK) {
			clear_line(&t);
			fprintf(stderr, "attest: %s: cannot commit: %s\n", db, attest_ledger_errmsg(l));
			uncount(l, &t);
			rc = -1;
		}
		progress(&t, &w, 1);
		clear_line(&t);
		double el = now() - t.t0;
		char arch[96] = "";
		if (arcs.n)
			snprintf(arch, sizeof arch, " (%zu archive page%s)", t.records, t.records == 1 ? "" : "s");
		if (!quiet)
			fprintf(stderr, "ingest: %zu file%s%s: %zu new, %zu new version%s, %zu unchanged, %zu failed; "
					"%.1f MB in %.2f s (%.0f docs/s, %.1f MB/s) -> %s\n",
				nfiles, nfiles == 1 ? "" : "s", arch, t.added, t.versions, t.versions == 1 ? "" : "s", t.skipped,
				t.failed + (size_t)w.failed, (double)t.bytes / 1e6, el, el > 0 ? (double)t.done / el : 0,
				el > 0 ? (double)t.bytes / 1e6 / el : 0, db);
		attest_ledger_close(l);
	}
	for (size_t i = 0; i < w.n; i++)
		free(w.items[i].path);
	for (size_t i = 0; i < arcs.n; i++)
		free(arcs.items[i].path);
	free(w.items);
	free(arcs.items);
	attest_doc_free(doc);
	return rc < 0 || t.failed || w.failed ? EXIT_FAIL : EXIT_OK;
}
