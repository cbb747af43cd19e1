#!/bin/sh
# The ledger from the command line: ingest (files, directories, stdin,
# idempotence, versions, near-duplicate copies, per-file errors, kill -9 in
# the middle), the query commands and their output formats, and, when
# ../shared is present, the four seed pages.  Documents are our own words.
# Usage: tests/ledger/run.sh BINARY
set -u
. "$(dirname "$0")/../lib.sh"
bin=${1:-./attest}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
top=$(cd "$(dirname "$0")/../.." && pwd)
shared="$top/../shared"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
export ATTEST_DB="$tmp/t.db"
status() { "$@" > /dev/null 2>&1; echo $?; }
# q SQL: the rows of SQL on the ledger, fields joined by |, through Python's
# sqlite3 module (no sqlite3 command needed), read-only.
q() {
	python3 -c 'import sqlite3, sys
for r in sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True).execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in r))' "$ATTEST_DB" "$1"
}

mkdir -p in/sub in/.hidden
cat > in/one.txt <<'EOF'
Harbour strike spreads to the northern docks

Dock workers in Pellin walked out on Tuesday, joining a strike that began at the southern piers last week. The union said about 2,000 members had stopped work and that talks with the port authority had stalled.
EOF
cat > in/sub/two.txt <<'EOF'
Orchard growers count frost damage

Growers in the Tamsel valley said a late frost had damaged most of the apricot blossom. One cooperative estimated that half of this year's crop was lost, while a second said the losses were smaller.
EOF
cp in/one.txt in/.hidden/ignored.txt
printf 'binary\000data\001\002' > in/sub/bad.bin

# --- ingest: files, directories, errors ------------------------------------
"$bin" ingest in > out 2> err; rc=$?
[ "$rc" -eq 1 ] && ok || bad "a bad file makes the exit status 1 (got $rc)"
grep -q 'bad.bin' err && ok || bad "the error names the bad file: $(cat err)"
grep -q '^ingest: 3 files: 2 new, 0 new versions, 0 unchanged, 1 failed' err && ok || bad "summary: $(cat err)"
[ "$(q 'SELECT count(*) FROM doc')" = 2 ] && ok || bad "two documents stored, the hidden one skipped"
[ "$(q 'PRAGMA journal_mode')" = wal ] && ok || bad "WAL mode"
[ "$(q 'PRAGMA user_version')" -ge 1 ] && ok || bad "schema version recorded"

# --- idempotence -------------------------------------------------------------
"$bin" ingest in/one.txt in/sub/two.txt 2> err && ok || bad "re-ingest succeeds"
grep -q '0 new, 0 new versions, 2 unchanged' err && ok || bad "re-ingest skips: $(cat err)"
(cd in && "$bin" ingest one.txt 2> ../err) && grep -q '1 unchanged' err && ok || bad "relative path: same document"
"$bin" ingest - < in/one.txt 2> err && grep -q '1 unchanged' err && ok || bad "stdin with known bytes is skipped"
[ "$(q 'SELECT count(*) FROM doc')" = 2 ] && ok || bad "still two documents"
[ "$(q 'SELECT count(*) FROM article')" = 2 ] && ok || bad "still two articles"

# --- versions ------------------------------------------------------------------
printf '\nThe port authority said it would meet the union again on Friday.\n' >> in/one.txt
"$bin" ingest in/one.txt 2> err && grep -q '1 new version,' err && ok || bad "changed file is a new version: $(cat err)"
[ "$(q "SELECT version || ':' || current FROM doc WHERE path LIKE '%one.txt' ORDER BY version" | tr '\n' ' ')" = "1:0 2:1 " ] \
	&& ok || bad "versions 1 (old) and 2 (current)"
"$bin" search Friday --json | grep -q '"where":"3#0"' && ok || bad "search finds the new version"
[ "$("$bin" search Pellin --json | wc -l)" -eq 1 ] && ok || bad "search sees only the current version"
"$bin" docs | grep -q 'one.txt' && ok || bad "docs lists the paths"

# --- near-duplicate copies -----------------------------------------------------
sed '1s/.*/Frost hits the Tamsel orchards/' in/sub/two.txt > copy.txt  # a re-post under its own headline
"$bin" ingest copy.txt 2> /dev/null && ok || bad "ingest a near copy"
"$bin" docs --json | grep '"path":"[^"]*copy.txt"' | grep -q '"copy_of":"2#0"' && ok || bad "a near copy joins the original's group"
"$bin" docs --json | grep '"path":"[^"]*one.txt"' | grep -q '"copy_of":null' && ok || bad "different texts are not copies"

# --- query commands --------------------------------------------------------
[ "$(status "$bin" claims)" -eq 0 ] && ok || bad "claims runs"
[ "$(status "$bin" claims --since 2026-99)" -eq 2 ] && ok || bad "bad date: status 2"
[ "$(status "$bin" quotes --measure killed)" -eq 2 ] && ok || bad "quotes does not take --measure"
[ "$(status "$bin" search '"open')" -eq 2 ] && ok || bad "bad search syntax: status 2"
[ "$(status "$bin" timeline)" -eq 2 ] && ok || bad "timeline without --measure: status 2"
[ "$(status "$bin" show 99)" -eq 2 ] && ok || bad "show of an unknown document: status 2"
[ "$(status "$bin" claims --db "$tmp/none.db")" -eq 1 ] && ok || bad "missing ledger: status 1"
"$bin" claims --db "$tmp/none.db" 2>&1 | grep -q 'none.db' && ok || bad "missing ledger: message names it"
[ ! -e "$tmp/none.db" ] && ok || bad "a query does not create a ledger"
"$bin" claims --db in/one.txt > /dev/null 2> err; grep -q 'one.txt' err && ok || bad "not a database: $(cat err)"
"$bin" search 'strike' --csv > out && head -1 out | grep -q '^article_id,doc,article,where,date,title,path,snippet$' \
	&& ok || bad "CSV header"
"$bin" search 'strike' --color always | grep -q "$(printf '\033')\\[1;31mstrike" && ok || bad "highlighted snippet"
"$bin" show 3 --color never | grep -q 'Friday' && ok || bad "show prints the text"
"$bin" export --format jsonl > out && python3 -c '
import json, sys
recs = [json.loads(l) for l in open("out")]
types = {r["type"] for r in recs}
assert types >= {"doc", "article"}, types
' && ok || bad "export writes valid JSON Lines"
[ "$(status "$bin" export --format csv)" -eq 2 ] && ok || bad "CSV export needs a --type"
"$bin" export --format csv --type articles | head -1 | grep -q '^type,id,doc' && ok || bad "CSV export of articles"

# --- kill -9 during an ingest --------------------------------------------------
mkdir many
i=0
while [ $i -lt 400 ]; do
	printf 'Bulletin %d from the valley\n\nThe river gauge at station %d read %d centimetres on Monday, and the weir keepers said %d boats had passed the lock since dawn. Bulletin number %d ends here.\n' \
		$i $i $((i * 7)) $((i * 3)) $i > many/b$i.txt
	i=$((i + 1))
done
export ATTEST_DB="$tmp/k.db"
"$bin" ingest --batch 1 many > /dev/null 2>&1 &
pid=$!
n=0
while [ "$n" -lt 30 ] && kill -0 $pid 2> /dev/null; do
	n=$(q 'SELECT count(*) FROM doc' 2> /dev/null || echo 0)
	[ -n "$n" ] || n=0
done
kill -9 $pid 2> /dev/null
wait $pid 2> /dev/null
[ "$(q 'PRAGMA integrity_check')" = ok ] && ok || bad "integrity after kill -9"
got=$(q 'SELECT count(*) FROM doc')
[ "$(q 'SELECT count(*) FROM doc d WHERE NOT EXISTS (SELECT 1 FROM article a WHERE a.doc = d.id)')" = 0 ] \
	&& ok || bad "no document without its articles after kill -9"
[ "$(q 'SELECT count(*) FROM article_fts')" = "$(q 'SELECT count(*) FROM article')" ] && ok || bad "full-text index whole"
"$bin" ingest many 2> err && ok || bad "re-run after kill -9: $(cat err)"
grep -q "$got unchanged" err && ok || bad "re-run skips the $got stored documents: $(cat err)"
[ "$(q 'SELECT count(*) FROM doc')" = 400 ] && ok || bad "re-run finishes the job: $(q 'SELECT count(*) FROM doc') documents"
[ "$(q 'SELECT count(DISTINCT hash) FROM doc')" = 400 ] && ok || bad "nothing doubled"
[ "$(q 'PRAGMA integrity_check')" = ok ] && ok || bad "integrity after the re-run"

# --- a document that fails half-way takes the open batch with it -------------
# (a trigger refuses one article after its document's row went in)
export ATTEST_DB="$tmp/f.db"
mkdir half
printf 'Ferry count rises at the river crossing\n\nThe ferry carried 40 people on Monday, the operator said.\n' > half/a.txt
printf 'Zorblax ferry halted at the river crossing\n\nThe ferry carried 50 people on Tuesday, the operator said.\n' > half/b.txt
printf 'Ferry service resumes at the river crossing\n\nThe ferry carried 60 people on Wednesday, the operator said.\n' > half/c.txt
"$bin" ingest half/a.txt 2> /dev/null
python3 - "$ATTEST_DB" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("CREATE TRIGGER refuse BEFORE INSERT ON article WHEN NEW.title LIKE '%Zorblax%' "
           "BEGIN SELECT RAISE(ABORT, 'no Zorblax here'); END")
db.commit()
PY
"$bin" ingest half 2> err; rc=$?
[ "$rc" -eq 1 ] && grep -q 'b.txt: cannot store: .*no Zorblax here' err && ok || bad "half-way failure named: rc $rc, $(cat err)"
grep -q '3 files: 1 new, 0 new versions, 1 unchanged, 1 failed' err && ok || bad "half-way failure summary: $(cat err)"
[ "$(q "SELECT group_concat(substr(path, -5), ' ') FROM doc ORDER BY id")" = "a.txt c.txt" ] && ok \
	|| bad "only the failed document is missing: $(q 'SELECT path FROM doc')"
[ "$(q 'SELECT count(*) FROM quantity WHERE article NOT IN (SELECT id FROM article)') $(q 'SELECT count(*) FROM article_fts')" = "0 2" ] \
	&& ok || bad "nothing of the failed document is left"
mkdir half2
sed 's/40 people/41 people/' half/a.txt > half2/x.txt
cp half/b.txt half2/y.txt
sed 's/60 people/61 people/' half/c.txt > half2/z.txt
"$bin" ingest half2 2> err
grep -q 'y.txt: cannot store: .*no Zorblax here (the 1 document stored before it since the last commit was rolled back with it)' err \
	&& ok || bad "the rolled-back batch is named: $(cat err)"
grep -q '3 files: 1 new, 0 new versions, 0 unchanged, 2 failed' err && ok || bad "its document counts as failed: $(cat err)"
[ "$(q "SELECT group_concat(substr(path, -5), ' ') FROM doc ORDER BY id")" = "a.txt c.txt z.txt" ] && ok \
	|| bad "the batch before the failure is gone, the one after stored: $(q 'SELECT path FROM doc')"
python3 -c 'import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.execute("DROP TRIGGER refuse"); db.commit()' "$ATTEST_DB"
"$bin" ingest half half2 2> err && grep -q '6 files: 2 new, 0 new versions, 4 unchanged, 0 failed' err && ok \
	|| bad "a second run stores what was rolled back: $(cat err)"

# --- the loader ring: more files than its 256 slots, two loader threads, a
# document over 256 KB (its handle is made anew): each stored in path order
# with its own text and records.
python3 - many/zbig.txt <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("Bulletin big from the valley\n\n")
    for k in range(2500):
        f.write("The weir keepers logged %d boats at the lock in the hour before dusk. " % (k % 97))
    f.write("\n\nBulletin number big ends here.\n")
PY
export ATTEST_DB="$tmp/r.db"
"$bin" ingest many 2> err && grep -q '401 new' err && ok || bad "ring: 401 files stored: $(cat err)"
python3 - "$ATTEST_DB" <<'PY' && ok || bad "ring: each document in path order, with its own text and records"
import os, sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
rows = db.execute("SELECT id, path, text FROM doc ORDER BY id").fetchall()
names = [os.path.basename(p) for _, p, _ in rows]
assert names == sorted(names), names[:10]
for i, p, text in rows:
    n = os.path.basename(p)[1:-4] if p.endswith(".txt") and "/b" in p else "big"
    assert ("Bulletin number %s ends here." % n).encode() in text, p
    arts = db.execute("SELECT a.start, a.end FROM article a WHERE a.doc = ?", (i,)).fetchall()
    assert len(arts) == 1 and arts[0][1] <= len(text), (p, arts)
    if n != "big":
        q = [r[0] for r in db.execute("SELECT low FROM quantity q JOIN article a ON a.id = q.article WHERE a.doc = ?", (i,))]
        assert int(n) * 3 in q or int(n) * 3 == 0, (p, q)
PY

# --- estimate conflicts: same series, same period, different sources ---------
# Two sources on one battle disagree; a count for a longer period, or one
# of bare "troops" in another document, is no conflict with them.
export ATTEST_DB="$tmp/conf.db"
mkdir -p conf
printf 'Battle for Marvin Ridge\n\nPublished: 2026-03-02\n\nUkrainian officials said 500 Russian soldiers were killed in the battle on Friday.\n' > conf/a.txt
printf 'Moscow disputes toll\n\nPublished: 2026-03-03\n\nThe Kremlin said 40 Russian soldiers were killed in the battle on Friday.\n' > conf/b.txt
printf 'Winter losses\n\nPublished: 2026-03-04\n\nAnalysts said 9,000 Russian soldiers were killed since October. Officials said 300 soldiers were killed on Friday.\n' > conf/c.txt
"$bin" ingest conf > /dev/null 2>&1 && ok || bad "ingest the conflict documents"
"$bin" conflicts --json > cf
python3 - cf <<'PY' && ok || bad "estimates: one battle, two sources, one conflict; longer periods and bare troops none"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if '"estimates"' in l]
vals = sorted(sorted([r["what_a"], r["what_b"]]) for r in rows)
assert vals == [["killed 40", "killed 500"]], vals
PY

# --- the seed pages: the cross-source answers of issue 5 -----------------------
# The deployed and killed series, the stance history with North Korea's
# dated acknowledgement, and the denial and non-denial conflicts.
if [ -d "$shared/corpus/seeds" ]; then
	export ATTEST_DB="$tmp/seeds.db"
	"$bin" ingest "$shared"/corpus/seeds/*.txt 2> err && ok || bad "ingest the seeds: $(cat err)"
	if [ "$(q 'SELECT count(*) FROM claim')" -gt 0 ]; then
		"$bin" timeline --measure deployed --subject "North Korean troops" --json > tl
		python3 - tl <<'PY' && ok || bad "seeds: the deployed series agrees"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
want = {"12,000": "Ukrainian reports", "roughly 12,000": "Kyiv", "over 10,000": None}
for value, source in want.items():
    r = [x for x in rows if x["value"] == value]
    assert r, "no %s in %s" % (value, [x["value"] for x in rows])
    if source:
        assert any(x["source"] == source for x in r), (value, [x["source"] for x in r])
    assert all(x["sources"] >= 3 for x in r), (value, [x["sources"] for x in r])
PY
		"$bin" timeline --measure killed --subject "North Korean troops" --json > tl
		python3 - tl <<'PY' && ok || bad "seeds: the killed series"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
vals = {x["value"]: x for x in rows}
r = [x for x in rows if x["low"] == 3000 and x["high"] == 4000]
assert r and "Ukraine" in r[0]["source_names"] and "South Korea" in r[0]["source_names"], rows
six = [x for x in rows if x["low"] == 6 and x["high"] is None]
assert six and "reportedly" in (six[0]["hedges"] or ""), rows
PY
		"$bin" stances --json > st
		python3 - st <<'PY' && ok || bad "seeds: the stance history"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
def has(stance, name):
    return any(x["stance"] == stance and name in (x["actor_names"] or x["actor"]) for x in rows)
assert has("deny", "North Korea") and has("deny", "Russia"), rows
assert has("nondenial", "Putin"), rows
PY
		"$bin" stances --actor "North Korea" --json > st
		python3 - st <<'PY' && ok || bad "seeds: North Korea's later acknowledgement, dated"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
ack = [x for x in rows if x["stance"] in ("acknowledge", "confirm")]
assert ack and all(x["date"] for x in ack), rows
assert any(x["stance"] == "deny" for x in rows), rows
PY
		"$bin" conflicts --json | grep -q '"kind":"denial"' && ok || bad "seeds: a denial against a later acknowledgement"
		"$bin" conflicts --json | grep -q '"kind":"nondenial"' && ok || bad "seeds: Putin's non-denial after the denials"
	else
		bad "seeds: no claims extracted"
	fi
fi

finish
