#!/bin/sh
# The ledger benchmark (`make bench`): ingest rate into a fresh ledger, its
# size per article, and query latency at that size.
#
#     bench/ledger.sh BINARY BENCH_LEDGER SHARED_DIR [N]
#
# Splits the first N articles (default 2,225: the BBC News part) of
# SHARED_DIR/corpus/news/news.jsonl.gz into files under /tmp, times
# `attest extract --json` on them (extraction alone, output to /dev/null)
# and `attest ingest` into a fresh database, five rounds of the two in
# turn, and reports documents/s, MB/s (medians), the median of the rounds'
# ratios (target: ingest within 2x of extraction), the database size per
# article, then runs BENCH_LEDGER.
set -eu
bin=$1 ql=$2 shared=$3 n=${4:-2225}
news="$shared/corpus/news/news.jsonl.gz"
if [ ! -f "$news" ]; then
	echo "bench: $news not found, ledger benchmark skipped"
	exit 0
fi
dir=/tmp/attest-bench-news
db=/tmp/attest-bench.db
rm -rf "$dir" && mkdir -p "$dir"
python3 - "$news" "$dir" "$n" <<'PY'
import gzip, json, os, sys
news, d, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i, line in enumerate(gzip.open(news, "rt", encoding="utf-8")):
    if i >= n:
        break
    r = json.loads(line)
    open(os.path.join(d, r["id"].replace("/", "_") + ".txt"), "w", encoding="utf-8").write(r["text"])
PY
files=$(ls "$dir" | wc -l)
mb=$(du -sb "$dir" | awk '{printf "%.2f", $1 / 1e6}')
secs() { s=$(date +%s.%N); "$@" > /dev/null 2>&1 || true; e=$(date +%s.%N); awk -v s="$s" -v e="$e" 'BEGIN { print e - s }'; }
# Five rounds of extract then ingest, side by side, so that the host's
# drift hits both alike: the medians of each and of the rounds' ratios.
rounds=$(for r in 1 2 3 4 5; do
	e=$(secs "$bin" extract --json "$dir"/*)
	rm -f "$db" "$db-wal" "$db-shm"
	i=$(secs "$bin" ingest --quiet --db "$db" "$dir")
	echo "$e $i"
done)
median5() { sort -n | sed -n 3p; }
ext=$(echo "$rounds" | awk '{ print $1 }' | median5)
ing=$(echo "$rounds" | awk '{ print $2 }' | median5)
ratio=$(echo "$rounds" | awk '{ print $2 / $1 }' | median5)
again=$(secs "$bin" ingest --quiet --db "$db" "$dir")
size=$(( $(stat -c %s "$db") + $( [ -f "$db-wal" ] && stat -c %s "$db-wal" || echo 0) ))
arts=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM article").fetchone()[0])' "$db")
echo "ledger: $files documents, $mb MB of text, $arts articles"
awk -v f="$files" -v mb="$mb" -v e="$ext" -v i="$ing" -v q="$ratio" -v a="$again" -v s="$size" -v n="$arts" 'BEGIN {
	printf "  extract alone   %6.2f s  %7.0f docs/s  %6.2f MB/s\n", e, f / e, mb / e
	printf "  ingest (fresh)  %6.2f s  %7.0f docs/s  %6.2f MB/s  = %.2fx extract (target <= 2x) %s\n",
		i, f / i, mb / i, q, (q <= 2 ? "ok" : "SLOW")
	printf "  re-ingest (all unchanged) %.2f s\n", a
	printf "  database %.1f MB, %.1f KB per article\n", s / 1e6, s / 1e3 / n
}'
"$ql" "$db"
