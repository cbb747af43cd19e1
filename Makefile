# attest: the front door. `make` builds ./attest; `make test` runs the whole
# suite (release build, then again under ASan+UBSan); `make bench` measures.
# Debian packages come in through scripts/install-deps and pkg-config.

CC      ?= cc
PKGS    := libutf8proc jansson sqlite3 gumbo zlib libcrypto
TPKGS   := criterion
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

WARN    := -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes -Wstrict-prototypes \
           -Wpointer-arith -Wformat=2 -Wundef -Wvla
CSTD    := -std=c11 -D_GNU_SOURCE
INCS    := -Iinclude -Isrc -Ibuild/gen
DEPS_OK := build/.deps-ok

# Configurations: release (default) and asan.  Objects live under build/$(CFG).
CFG     ?= release
ifeq ($(CFG),asan)
OPT     := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all -DATTEST_DEBUG
else
OPT     := -O3 -g
endif
B       := build/$(CFG)

LIB_SRC := $(shell find src -name '*.c' ! -path 'src/cli/*' | sort)
CLI_SRC := $(sort $(wildcard src/cli/*.c))
TEST_SRC:= $(shell find tests/unit -name '*.c' | sort)
DATA_DIR ?= data
DATA    := $(sort $(wildcard $(DATA_DIR)/*.txt))

LIB_OBJ := $(LIB_SRC:%.c=$(B)/%.o) $(B)/gen/lexicon_data.o $(B)/gen/schema_sql.o
CLI_OBJ := $(CLI_SRC:%.c=$(B)/%.o)
TEST_OBJ:= $(TEST_SRC:%.c=$(B)/%.o)

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) -lm
T_CFLAGS   = $(shell pkg-config --cflags $(TPKGS))
T_LIBS     = $(shell pkg-config --libs $(TPKGS))

CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) $(INCS) -fvisibility=hidden -DATTEST_VERSION='"$(VERSION)"' $(CFLAGS)

.PHONY: all deps test unit e2e hostile asan bench demo clean check-deps
all: attest

deps: $(DEPS_OK)
$(DEPS_OK): scripts/install-deps
	@sh scripts/install-deps
	@mkdir -p build && touch $@

# The release binary is copied to ./attest so that `./attest ...` works.
attest: $(DEPS_OK) build/release/attest
	@cp build/release/attest attest

build/$(CFG)/attest: $(CLI_OBJ) $(B)/libattest.a
	$(CC) $(CFLAGS_ALL) -o $@ $(CLI_OBJ) $(B)/libattest.a $(PKG_LIBS) $(LDFLAGS)

$(B)/libattest.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/tests/unit_tests: $(TEST_OBJ) $(B)/libattest.a
	$(CC) $(CFLAGS_ALL) -o $@ $(TEST_OBJ) $(B)/libattest.a $(T_LIBS) $(PKG_LIBS) $(LDFLAGS)

$(B)/tests/%.o: tests/%.c $(DEPS_OK) build/gen/lexicon_data.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<  ($(CFG))"
	@$(CC) $(CFLAGS_ALL) $(PKG_CFLAGS) $(T_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/%.o: %.c $(DEPS_OK) build/gen/lexicon_data.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<  ($(CFG))"
	@$(CC) $(CFLAGS_ALL) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/gen/lexicon_data.o: build/gen/lexicon_data.c
	@mkdir -p $(dir $@)
	@$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(B)/gen/schema_sql.o: build/gen/schema_sql.c
	@mkdir -p $(dir $@)
	@$(CC) $(CFLAGS_ALL) -c -o $@ $<

# The ledger's schema is data too: embedded by tools/embed.
build/gen/schema_sql.c: build/tools/embed src/store/schema.sql
	@mkdir -p build/gen
	build/tools/embed $@ store_schema_sql src/store/schema.sql

build/tools/embed: tools/embed.c $(DEPS_OK)
	@mkdir -p build/tools
	$(CC) $(CSTD) $(WARN) -O1 -o $@ $<

# Data stays data: data/*.txt are compiled into the binary by tools/genlex.
build/gen/lexicon_data.c: build/tools/genlex $(DATA)
	@mkdir -p build/gen
	build/tools/genlex $@ $(DATA)

build/tools/genlex: tools/genlex.c $(DEPS_OK)
	@mkdir -p build/tools
	$(CC) $(CSTD) $(WARN) -O1 -o $@ $<

# The whole suite: unit tests, end-to-end and hostile-input tests, first on
# the release build, then on the ASan+UBSan build.
test: $(DEPS_OK)
	@sh scripts/check-deps
	$(MAKE) --no-print-directory CFG=release unit-cfg
	$(MAKE) --no-print-directory CFG=asan unit-cfg
	@echo "test: all suites passed (release and asan)"

unit-cfg: $(B)/tests/unit_tests $(B)/attest
	@echo "== unit tests ($(CFG))"
	cd tests && ../$(B)/tests/unit_tests --jobs 2
	@echo "== end-to-end tests ($(CFG))"
	sh tests/e2e/run.sh $(B)/attest
	@echo "== hostile-input tests ($(CFG))"
	sh tests/hostile/run.sh $(B)/attest
	@echo "== ledger tests ($(CFG))"
	sh tests/ledger/run.sh $(B)/attest
	@echo "== archive tests ($(CFG))"
	sh tests/warc/run.sh $(B)/attest

asan:
	$(MAKE) --no-print-directory CFG=asan unit-cfg

bench: $(DEPS_OK)
	$(MAKE) --no-print-directory CFG=release build/release/bench_front
	build/release/bench_front ../shared
	$(MAKE) --no-print-directory CFG=release build/release/attest build/release/bench_ledger
	sh bench/ledger.sh build/release/attest build/release/bench_ledger ../shared
	$(MAKE) --no-print-directory CFG=release build/release/bench_warc
	@if [ -d ../shared/corpus/warc/ukwa ]; then build/release/bench_warc 7 $$(find ../shared/corpus/warc/ukwa \
		-name '*.warc*' -o -name '*.arc*' | sort); fi

build/release/bench_warc: bench/bench_warc.c build/release/libattest.a
	$(CC) $(CFLAGS_ALL) $(PKG_CFLAGS) -o $@ $< build/release/libattest.a $(PKG_LIBS)

build/release/bench_ledger: bench/bench_ledger.c build/release/libattest.a
	$(CC) $(CFLAGS_ALL) $(PKG_CFLAGS) -o $@ $< build/release/libattest.a $(PKG_LIBS)

build/release/bench_front: bench/bench_front.c build/release/libattest.a
	$(CC) $(CFLAGS_ALL) $(PKG_CFLAGS) -o $@ $< build/release/libattest.a $(PKG_LIBS)

# The main job: the example corpus into a fresh ledger (SQLite, one file),
# then what it holds across sources.
demo: attest
	rm -f build/demo.db build/demo.db-wal build/demo.db-shm
	./attest ingest --db build/demo.db examples/corpus
	./attest series --db build/demo.db
	./attest timeline --db build/demo.db --measure killed
	./attest stances --db build/demo.db
	./attest conflicts --db build/demo.db

# Includes may only point leftwards in the pipeline (STYLE.md rule 1).
check-deps:
	@sh scripts/check-deps

clean:
	rm -rf build attest

-include $(shell find build -name '*.d' 2>/dev/null)
