/*
 * topic: the content words of what a stance is about ("sending combat
 * troops abroad" -> send, combat, troop, abroad), stored in the ledger's
 * topic table so that a denial and a later acknowledgement in another
 * article can be matched by a shared word through an index.
 * Owns: nothing.
 */
#ifndef ATTEST_TOPIC_H
#define ATTEST_TOPIC_H

#include <stddef.h>

#define TOPIC_WORDS 32
#define TOPIC_WORD_MAX 24

/* Writes the distinct content words of S[0..N) to W: ASCII letters only,
 * lowercased, a final "s" dropped from words longer than four letters, at
 * least four letters, not in data/topic_stop.txt.  Returns the count. */
size_t topic_words(const char *s, size_t n, char w[TOPIC_WORDS][TOPIC_WORD_MAX]);

#endif
