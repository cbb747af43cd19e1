/*
 * cmd_extract.c: `attest extract` and `attest text`.  Every file is its own
 * failure boundary: an unreadable file gives one line on stderr naming it,
 * the others are still processed, and the exit status is 1 if any failed.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

typedef struct opts {
	int json, sentences, paragraphs, format, batch;
	const char *ref_date, *charset;
} opts;

#define EXTRACT_USAGE "[--json] [--batch] [--sentences] [--paragraphs] [--ref-date YYYY-MM-DD] " \
		      "[--format auto|text|html] [--charset NAME] FILE...|-"
#define TEXT_USAGE "[--format auto|text|html] [--charset NAME] FILE...|-  or  --batch INDIR OUTDIR"

static int parse(const char *cmd, int argc, char **argv, opts *o, int extract)
{
	static const struct option longs[] = {
		{"json", no_argument, NULL, 'j'},
		{"sentences", no_argument, NULL, 's'},
		{"paragraphs", no_argument, NULL, 'p'},
		{"batch", no_argument, NULL, 'b'},
		{"ref-date", required_argument, NULL, 'r'},
		{"format", required_argument, NULL, 'f'},
		{"charset", required_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	memset(o, 0, sizeof *o);
	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "+h", longs, NULL)) != -1) {
		switch (c) {
		case 'b':
			o->batch = 1;
			break;
		case 'c':
			o->charset = optarg;
			break;
		case 'j':
		case 's':
		case 'p':
		case 'r':
			if (!extract)
				return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
			if (c == 'j')
				o->json = 1;
			else if (c == 's')
				o->sentences = 1;
			else if (c == 'p')
				o->paragraphs = 1;
			else
				o->ref_date = optarg;
			break;
		case 'f':
			o->format = cli_format(optarg);
			if (o->format < 0)
				return cli_usage_error(cmd, "--format must be auto, text or html, not '%s'", optarg);
			break;
		case 'h':
			printf("usage: attest %s %s\n", cmd, extract ? EXTRACT_USAGE : TEXT_USAGE);
			return -1;
		default:
			return cli_usage_error(cmd, "unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (o->batch && !extract) {
		if (argc - optind != 2)
			return cli_usage_error(cmd, "--batch takes two directories, INDIR and OUTDIR");
		return 0;
	}
	if (o->batch) {
		if (optind < argc)
			return cli_usage_error(cmd, "--batch reads JSON Lines from standard input, not files");
		if (!o->json)
			return cli_usage_error(cmd, "--batch needs --json");
		return 0;
	}
	if (optind >= argc)
		return cli_usage_error(cmd, "no input file (use - for standard input)");
	return 0;
}

static void print_human(const attest_doc *doc, const char *name)
{
	size_t n = attest_doc_article_count(doc);
	printf("%s: %zu article%s\n", name, n, n == 1 ? "" : "s");
	for (size_t i = 0; i < n; i++) {
		const attest_article *a = attest_doc_article(doc, i);
		printf("  [%zu] %-10s %s\n", i, a->published ? a->published : "-",
		       a->title ? a->title : "(untitled)");
		if (a->author || a->publisher)
			printf("       %s%s%s\n", a->author ? a->author : "", a->author && a->publisher ? " / " : "",
			       a->publisher ? a->publisher : "");
	}
}

/* --batch: one document a line, {"id", "text", "ref_date"}; every record
 * carries the id.  A bad line gives one error naming its number and no
 * records; the others go on.  Exit 1 when any line failed. */
static int run_batch(attest_doc *doc, const opts *o)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long lineno = 0;
	int status = EXIT_OK;
	unsigned flags = (o->sentences ? ATTEST_JSON_SENTENCES : 0u) | (o->paragraphs ? ATTEST_JSON_PARAGRAPHS : 0u);
	while ((len = getline(&line, &cap, stdin)) != -1) {
		lineno++;
		size_t n = (size_t)len;
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		if (n == 0)
			continue;
		json_error_t err;
		json_t *j = json_loadb(line, n, JSON_REJECT_DUPLICATES, &err);
		json_t *text = j ? json_object_get(j, "text") : NULL;
		json_t *id = j ? json_object_get(j, "id") : NULL;
		json_t *ref = j ? json_object_get(j, "ref_date") : NULL;
		const char *why = !j ? err.text : !json_is_object(j) ? "not a JSON object" :
			!json_is_string(text) ? "no \"text\" string" :
			(id && !json_is_string(id) && !json_is_integer(id)) ? "\"id\" is not a string" :
			(ref && !json_is_null(ref) && !json_is_string(ref)) ? "\"ref_date\" is not a string" : NULL;
		char idbuf[32];
		const char *ids = NULL;
		if (!why && id) {
			if (json_is_integer(id)) {
				snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(id));
				ids = idbuf;
			} else {
				ids = json_string_value(id);
			}
		}
		if (!why && attest_doc_set_ref_date(doc, ref && json_is_string(ref) ? json_string_value(ref)
									      : o->ref_date) != ATTEST_OK)
			why = "\"ref_date\" is not a date YYYY-MM-DD";
		if (why) {
			fprintf(stderr, "attest: <stdin>:%lu: %s\n", lineno, why);
			status = EXIT_FAIL;
			json_decref(j);
			continue;
		}
		char name[64];
		snprintf(name, sizeof name, "<stdin>:%lu", lineno);
		if (attest_doc_load_buffer(doc, name, json_string_value(text), json_string_length(text),
					   (attest_format)o->format) != ATTEST_OK) {
			fprintf(stderr, "attest: %s\n", attest_doc_errmsg(doc));
			status = EXIT_FAIL;
		} else if (attest_doc_write_json(doc, stdout, flags, ids ? ids : "") != ATTEST_OK) {
			fprintf(stderr, "attest: cannot write output\n");
			json_decref(j);
			free(line);
			return EXIT_FAIL;
		}
		json_decref(j);
	}
	free(line);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "attest: cannot write output\n");
		return EXIT_FAIL;
	}
	return status;
}

/* text --batch INDIR OUTDIR: the text of each INDIR/NAME.EXT (files only,
 * hidden ones skipped) goes to OUTDIR/NAME.txt.  One handle for all: a
 * failed file gives one line on stderr and the others go on. */
static int run_text_batch(attest_doc *doc, const opts *o, const char *indir, const char *outdir)
{
	DIR *dir = opendir(indir);
	if (!dir) {
		fprintf(stderr, "attest: %s: cannot open directory: %s\n", indir, strerror(errno));
		return EXIT_FAIL;
	}
	int status = EXIT_OK;
	struct dirent *de;
	char in[4096], out[4096];
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		size_t base = strcspn(de->d_name, ".");
		if ((size_t)snprintf(in, sizeof in, "%s/%s", indir, de->d_name) >= sizeof in ||
		    (size_t)snprintf(out, sizeof out, "%s/%.*s.txt", outdir, (int)base, de->d_name) >= sizeof out) {
			fprintf(stderr, "attest: %s/%s: path too long\n", indir, de->d_name);
			status = EXIT_FAIL;
			continue;
		}
		struct stat st;
		if (stat(in, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (attest_doc_load_file(doc, in, (attest_format)o->format) != ATTEST_OK) {
			fprintf(stderr, "attest: %s\n", attest_doc_errmsg(doc));
			status = EXIT_FAIL;
			continue;
		}
		FILE *f = fopen(out, "w");
		int bad = !f || attest_doc_write_text(doc, f) != ATTEST_OK;
		if ((f && fclose(f) != 0) || bad) {
			fprintf(stderr, "attest: %s: cannot write: %s\n", out, strerror(errno));
			closedir(dir);
			return EXIT_FAIL;
		}
	}
	closedir(dir);
	return status;
}

/* Writes the loaded document: its warnings to stderr, then its text
 * (after a "==> HEADER <==" line when HEADER is not NULL), its records
 * (each with ID) or a summary under NAME.  -1 when output fails. */
static int emit(const attest_doc *doc, const opts *o, int extract, const char *name, const char *header,
		const char *id)
{
	const char *w;
	for (size_t k = 0; (w = attest_doc_warning(doc, k)); k++)
		fprintf(stderr, "attest: %s\n", w);
	attest_status st = ATTEST_OK;
	if (!extract) {
		size_t len;
		const char *text = attest_doc_text(doc, &len);
		if (header)
			printf("==> %s <==\n", header);
		st = attest_doc_write_text(doc, stdout);
		if (header && len && text[len - 1] != '\n')
			putchar('\n');
	} else if (o->json) {
		st = attest_doc_write_json(doc, stdout, (o->sentences ? ATTEST_JSON_SENTENCES : 0u) |
							       (o->paragraphs ? ATTEST_JSON_PARAGRAPHS : 0u), id);
	} else {
		print_human(doc, name);
	}
	if (st != ATTEST_OK || fflush(stdout) != 0) {
		fprintf(stderr, "attest: cannot write output\n");
		return -1;
	}
	return 0;
}

/* A crawl archive: each HTML or text capture is one document, named by
 * its URI (the "id" of its records with --json).  A damaged record gives
 * one line on stderr and the others go on.  EXIT_OK, EXIT_FAIL, or -1
 * when output fails. */
static int run_archive(attest_doc *doc, const opts *o, const char *path, int extract)
{
	char err[1024], where[64];
	attest_archive *ar;
	if (attest_archive_open(&ar, path, err) != ATTEST_OK) {
		fprintf(stderr, "attest: %s\n", err);
		return EXIT_FAIL;
	}
	int status = EXIT_OK, r;
	attest_record rec;
	while ((r = attest_archive_next(ar, doc, &rec)) != 0) {
		if (r < 0) {
			fprintf(stderr, "attest: %s\n", attest_archive_errmsg(ar));
			status = EXIT_FAIL;
			continue;
		}
		snprintf(where, sizeof where, "#%llu", (unsigned long long)rec.offset);
		const char *uri = rec.uri[0] ? rec.uri : where;
		if (emit(doc, o, extract, uri, uri, uri) != 0) {
			status = -1;
			break;
		}
	}
	attest_archive_close(ar);
	return status;
}

static int run(const char *cmd, int argc, char **argv, int extract)
{
	opts o;
	int rc = parse(cmd, argc, argv, &o, extract);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	attest_doc *doc = attest_doc_new();
	if (!doc) {
		fprintf(stderr, "attest: out of memory\n");
		return EXIT_FAIL;
	}
	if (attest_doc_set_ref_date(doc, o.ref_date) != ATTEST_OK) {
		attest_doc_free(doc);
		return cli_usage_error(cmd, "--ref-date must be a date YYYY-MM-DD, not '%s'", o.ref_date);
	}
	if (!extract) /* text needs articles and paragraphs, not records */
		attest_doc_set_options(doc, ATTEST_OPT_FRONT_ONLY);
	if (attest_doc_set_charset(doc, o.charset) != ATTEST_OK) {
		attest_doc_free(doc);
		return cli_usage_error(cmd, "--charset wants a charset name, not '%s'", o.charset);
	}
	if (o.batch) {
		int st = extract ? run_batch(doc, &o) : run_text_batch(doc, &o, argv[optind], argv[optind + 1]);
		attest_doc_free(doc);
		return st;
	}
	int status = EXIT_OK;
	for (int i = optind; i < argc; i++) {
		if (attest_is_archive(argv[i])) {
			int st = run_archive(doc, &o, argv[i], extract);
			if (st != EXIT_OK)
				status = EXIT_FAIL;
			if (st < 0)
				break;
			continue;
		}
		attest_status st = attest_doc_load_file(doc, argv[i], (attest_format)o.format);
		if (st != ATTEST_OK) {
			fprintf(stderr, "attest: %s\n", attest_doc_errmsg(doc));
			status = EXIT_FAIL;
			continue;
		}
		if (emit(doc, &o, extract, argv[i], NULL, NULL) != 0) {
			status = EXIT_FAIL;
			break;
		}
	}
	attest_doc_free(doc);
	return status;
}

int cmd_extract(int argc, char **argv) { return run("extract", argc, argv, 1); }
int cmd_text(int argc, char **argv) { return run("text", argc, argv, 0); }
