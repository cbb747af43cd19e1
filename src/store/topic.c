/*
 * topic.c: content words for matching stances by topic.  The stop list is
 * data/topic_stop.txt (compiled in by tools/genlex); it is short, so a
 * linear scan of it per word is cheaper than building a map.
 */
#include "store/topic.h"

#include <string.h>

#include "lex/lexicon_table.h"

static const lexicon_file *stop_list(void)
{
	for (unsigned i = 0; i < lexicon_nfiles; i++)
		if (strcmp(lexicon_files[i].name, "topic_stop") == 0)
			return &lexicon_files[i];
	return NULL;
}

static int stopword(const lexicon_file *stop, const char *w)
{
	for (unsigned i = 0; stop && i < stop->count; i++)
		if (strcmp(stop->entries[i], w) == 0)
			return 1;
	return 0;
}

static int letter(unsigned char c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }

size_t topic_words(const char *s, size_t n, char w[TOPIC_WORDS][TOPIC_WORD_MAX])
{
	const lexicon_file *stop = stop_list();
	const unsigned char *p = (const unsigned char *)s;
	size_t count = 0;
	for (size_t i = 0; i < n && count < TOPIC_WORDS;) {
		if (!letter(p[i])) {
			i++;
			continue;
		}
		char word[TOPIC_WORD_MAX];
		size_t len = 0;
		for (; i < n && letter(p[i]); i++)
			if (len < TOPIC_WORD_MAX - 1)
				word[len++] = (char)(p[i] | 32);
		if (i < n && p[i] >= 0x80) /* part of a non-ASCII word: not ours to judge */
			continue;
		if (len > 4 && word[len - 1] == 's')
			len--;
		word[len] = '\0';
		if (len < 4 || stopword(stop, word))
			continue;
		int seen = 0;
		for (size_t k = 0; k < count && !seen; k++)
			seen = strcmp(w[k], word) == 0;
		if (!seen)
			memcpy(w[count++], word, len + 1);
	}
	return count;
}
