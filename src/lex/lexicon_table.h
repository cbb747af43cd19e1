/* The lexicon files compiled in from data/ by tools/genlex (build/gen/lexicon_data.c). */
#ifndef ATTEST_LEXICON_TABLE_H
#define ATTEST_LEXICON_TABLE_H

typedef struct lexicon_file {
	const char *name;            /* data file base name without ".txt" */
	const char *const *entries;  /* trimmed lines, comments dropped, NULL-terminated */
	unsigned count;
} lexicon_file;

extern const lexicon_file lexicon_files[];
extern const unsigned lexicon_nfiles;

#endif
