/*
 * fuzz_warc: libFuzzer harness for the crawl archive reader (src/read/
 * warc.c).  Each input is written to a temporary file, once as it is and
 * once as a gzip member, and read to the end: every record must come back
 * or be reported, never crash, hang or leak.
 *
 *     clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Isrc \
 *         tests/fuzz/fuzz_warc.c src/read/warc.c src/read/read.c src/base/buf.c \
 *         src/base/utf8.c $(pkg-config --cflags --libs libutf8proc) -lz -o fuzz_warc
 *     ./fuzz_warc -max_len=65536 corpus/
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "read/warc.h"

static void run(const char *path, const uint8_t *data, size_t n, int gz)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	if (gz) {
		uLongf cap = compressBound(n) + 32;
		unsigned char *out = malloc(cap);
		z_stream z;
		memset(&z, 0, sizeof z);
		deflateInit2(&z, 1, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
		z.next_in = (unsigned char *)(uintptr_t)data;
		z.avail_in = (uInt)n;
		z.next_out = out;
		z.avail_out = (uInt)cap;
		deflate(&z, Z_FINISH);
		fwrite(out, 1, z.total_out, f);
		deflateEnd(&z);
		free(out);
	} else {
		fwrite(data, 1, n, f);
	}
	fclose(f);
	char err[1024];
	warc *w = warc_open(path, err, sizeof err);
	if (!w)
		return;
	warc_record r;
	int got, guard = 0;
	while ((got = warc_next(w, &r, err, sizeof err)) != 0 && guard++ < 100000)
		if (got > 0 && r.len)
			(void)r.data[r.len - 1];
	warc_close(w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	static char path[64];
	if (!path[0])
		snprintf(path, sizeof path, "/tmp/fuzz_warc.%d", (int)getpid());
	run(path, data, n, 0);
	run(path, data, n, 1);
	return 0;
}
