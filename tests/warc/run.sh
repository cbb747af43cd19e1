#!/bin/sh
# Crawl archives from the command line.  A set of news pages (our own
# words) is wrapped into WARC files by this script (plain, gzipped per
# record, gzipped whole, and an ARC), among the records a crawl also holds
# (warcinfo, requests, an image, a redirect, a 404); ingesting an archive
# must find the same articles as ingesting the pages one by one, again
# idempotently.  A damaged archive loses only its damaged record.  Then,
# when ../shared is present, every file of ../shared/corpus/warc/ goes
# through text, extract and ingest without a crash, broken ones with
# messages naming the archive.
# Usage: tests/warc/run.sh BINARY
set -u
. "$(dirname "$0")/../lib.sh"
bin=${1:-./attest}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
top=$(cd "$(dirname "$0")/../.." && pwd)
corpus="$top/../shared/corpus/warc"
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

# crashed STATUS ERRFILE: 0 when the run crashed or a sanitizer spoke.
crashed() { [ "$1" -ge 128 ] || grep -q 'Sanitizer\|runtime error' "$2"; }

mkdir pages
cat > pages/bridge.html <<'EOF'
<!doctype html><html><head><title>Tolven bridge reopens | The Harbour Courier</title>
<meta property="og:title" content="Tolven bridge reopens after two years of repairs">
<meta property="article:published_time" content="2023-05-16T07:30:00Z">
<meta name="author" content="Ilse Marrow"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article>
<h1>Tolven bridge reopens after two years of repairs</h1>
<p>The Tolven bridge reopened to traffic on Monday after two years of repairs, the city transport office said.</p>
<p>About 14,000 vehicles are expected to cross it each day, according to the office, which said the work had cost 38 million euros.</p>
<p>"We are glad to give the bridge back to the city," said Mayor Oskar Brandt at the opening.</p>
</article><footer>Copyright 2023 The Harbour Courier</footer></body></html>
EOF
cat > pages/floods.html <<'EOF'
<!doctype html><html><head><meta charset="utf-8"><title>Floods in the Sarre valley</title>
<meta property="article:published_time" content="2023-05-17"></head>
<body><article><h1>Floods force evacuations in the Sarre valley</h1>
<p>At least 1,200 residents were evacuated from villages in the Sarre valley on Tuesday after the river burst its banks, regional officials said.</p>
<p>Rescue teams said three people were missing. The regional council denied that warnings had been issued late.</p>
<p>Forecasters expect more rain this week.</p></article></body></html>
EOF
cat > pages/strike.html <<'EOF'
<!doctype html><html><head><meta charset="windows-1252"><title>Dock strike ends</title>
<meta property="article:published_time" content="2023-05-18"></head>
<body><article><h1>Dock strike ends after pay deal in Pellin</h1>
<p>Dock workers in Pellin returned to work on Wednesday after the union accepted a pay rise of 6 percent, ending a strike that had lasted nine days.</p>
<p>The port authority said about 40 ships had been delayed during the strike. Caf&eacute; owners near the piers said trade had fallen sharply.</p>
</article></body></html>
EOF
cat > pages/orchard.html <<'EOF'
<!doctype html><html><head><title>Frost damages orchards</title>
<meta property="article:published_time" content="2023-05-19"><meta name="author" content="Tomas Reyl"></head>
<body><article><h1>Late frost damages orchards in the Tamsel valley</h1>
<p>Growers in the Tamsel valley said a late frost on Thursday had damaged most of the apricot blossom.</p>
<p>One cooperative estimated that half of this year's crop was lost, while a second said more than 300 hectares had escaped damage.</p>
</article></body></html>
EOF

cat > mkwarc.py <<'EOF'
# mkwarc.py OUT MODE: wraps pages/*.html into a crawl archive.
# MODE: plain, gzrec (a gzip member per record), gzall (one member), arc.
# The same bytes every run: record IDs from a counter, gzip times of 0.
import functools, gzip, itertools, os, sys, uuid
gzip.compress = functools.partial(gzip.compress, mtime=0)
out, mode = sys.argv[1], sys.argv[2]
names = sorted(os.listdir("pages"))
ids = itertools.count(1)
def warc(kind, uri, ctype, block):
    h = "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Date: 2023-05-20T10:00:00Z\r\n" % (kind, uuid.UUID(int=next(ids)))
    if uri:
        h += "WARC-Target-URI: %s\r\n" % uri
    h += "Content-Type: %s\r\nContent-Length: %d\r\n\r\n" % (ctype, len(block))
    return h.encode() + block + b"\r\n\r\n"
def http(status, ctype, body, extra=""):
    return ("HTTP/1.1 %s\r\nContent-Type: %s\r\n%sContent-Length: %d\r\n\r\n" % (status, ctype, extra, len(body))).encode() + body
recs = [warc("warcinfo", None, "application/warc-fields", b"software: mkwarc.py\r\nformat: WARC File Format 1.0\r\n")]
for i, n in enumerate(names):
    uri = "https://courier.example/news/%s" % n
    body = open("pages/" + n, "rb").read()
    recs.append(warc("request", uri, "application/http; msgtype=request", b"GET /news/%s HTTP/1.1\r\nHost: courier.example\r\n\r\n" % n.encode()))
    if i == 1:  # chunked and gzipped on the wire
        z = gzip.compress(body)
        chunked = b"".join(b"%x\r\n%s\r\n" % (len(z[k:k + 100]), z[k:k + 100]) for k in range(0, len(z), 100)) + b"0\r\n\r\n"
        payload = ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n").encode() + chunked
    else:
        payload = http("200 OK", "text/html; charset=" + ("windows-1252" if "strike" in n else "utf-8"), body)
    recs.append(warc("response", uri, "application/http; msgtype=response", payload))
    recs.append(warc("metadata", uri, "application/warc-fields", b"via: https://courier.example/\r\n"))
recs.append(warc("response", "https://courier.example/logo.png", "application/http; msgtype=response", http("200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))))
recs.append(warc("response", "https://courier.example/old", "application/http; msgtype=response", http("301 Moved Permanently", "text/html", b"<html><body><p>Moved to the new site, where the story continues at length.</p></body></html>")))
recs.append(warc("response", "https://courier.example/missing", "application/http; msgtype=response", http("404 Not Found", "text/html", b"<html><body><p>No such page here, the newsroom said in a long apology today.</p></body></html>")))
with open(out, "wb") as f:
    if mode == "plain":
        f.write(b"".join(recs))
    elif mode == "gzrec":
        for r in recs:
            f.write(gzip.compress(r))
    elif mode == "gzall":
        f.write(gzip.compress(b"".join(recs)))
    else:
        desc = b"1 0 mkwarc\nURL IP-address Archive-date Content-type Archive-length\n\n"
        f.write(b"filedesc://test.arc 0.0.0.0 20230520100000 text/plain %d\n" % len(desc) + desc + b"\n")
        for n in names:
            body = http("200 OK", "text/html; charset=" + ("windows-1252" if "strike" in n else "utf-8"), open("pages/" + n, "rb").read())
            f.write(b"https://courier.example/news/%s 10.0.0.1 20230520100000 text/html %d\n" % (n.encode(), len(body)) + body + b"\n")
EOF
for m in plain gzrec gzall; do python3 mkwarc.py "crawl-$m.warc$( [ $m = plain ] || echo .gz)" $m; done
python3 mkwarc.py crawl.arc arc
cp crawl-gzrec.warc.gz crawl-gzrec.bin   # recognized by its content, not its name

# --- text and extract ---------------------------------------------------------
"$bin" text crawl-plain.warc > out 2> err; st=$?
[ "$st" -eq 0 ] && ok || bad "text on an archive: status $st: $(cat err)"
[ "$(grep -c '^==> https://courier.example/news/.*\.html <==$' out)" -eq 4 ] && ok \
	|| bad "text: one header line per page: $(grep '^==>' out)"
grep -q '^Tolven bridge reopens after two years of repairs$' out && ok || bad "text: the bridge page's title"
grep -q 'Café owners near the piers' out && ok || bad "text: the HTTP charset (windows-1252) was not used"
grep -q 'Moved to the new site\|No such page' out && bad "text: a redirect or a 404 was read" || ok
"$bin" extract --json crawl-gzrec.warc.gz > out 2> err; st=$?
[ "$st" -eq 0 ] && ok || bad "extract on an archive: status $st: $(cat err)"
python3 - out <<'EOF' && ok || bad "extract: every record carries the page's URI as id"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
ids = {r["id"] for r in recs}
arts = [r for r in recs if r["type"] == "article"]
assert len(arts) == 4, arts
assert ids == {"https://courier.example/news/%s.html" % n for n in ("bridge", "floods", "orchard", "strike")}, ids
EOF
for f in crawl-gzall.warc.gz crawl.arc crawl-gzrec.bin; do
	n=$("$bin" text "$f" 2> err | grep -c '^==> ')
	[ "$n" -eq 4 ] && [ ! -s err ] && ok || bad "$f: $n pages, $(cat err)"
done

# --- ingest: the same articles as the pages one by one -------------------------
articles() { # DB: the articles' fields that do not depend on where they came from
	"$bin" export --db "$1" --type articles | python3 -c 'import json, sys
for r in sorted((r["title"] or "", r["published"] or "", r["author"] or "", r["publisher"] or "", r["span_end"] - r["span_start"]) for r in map(json.loads, sys.stdin)):
    print(r)'
}
claims() { "$bin" export --db "$1" --type claims | wc -l; }
"$bin" ingest --db pages.db pages/*.html 2> err || bad "ingest pages: $(cat err)"
"$bin" ingest --db plain.db crawl-plain.warc 2> err; st=$?
[ "$st" -eq 0 ] && ok || bad "ingest an archive: status $st: $(cat err)"
grep -q '^ingest: 1 file (4 archive pages): 4 new, 0 new versions, 0 unchanged, 0 failed' err && ok \
	|| bad "ingest summary: $(cat err)"
articles pages.db > want
[ "$(wc -l < want)" -eq 4 ] && ok || bad "four articles from the pages: $(cat want)"
for f in crawl-plain.warc crawl-gzrec.warc.gz crawl-gzall.warc.gz crawl.arc; do
	rm -f a.db
	"$bin" ingest --db a.db "$f" 2> err || bad "ingest $f: $(cat err)"
	articles a.db > got
	cmp -s want got && ok || { bad "$f: not the same articles as the pages"; diff want got >&2; }
	[ "$(claims a.db)" -eq "$(claims pages.db)" ] && ok || bad "$f: not the same claims as the pages"
done
"$bin" docs --db plain.db --json | grep -q '"path":"https://courier.example/news/bridge.html"' && ok \
	|| bad "a capture is stored under its URI: $("$bin" docs --db plain.db --json)"
"$bin" ingest --db plain.db crawl-plain.warc crawl-gzrec.warc.gz 2> err; st=$?
[ "$st" -eq 0 ] && ok || bad "re-ingest: status $st"
grep -q ': 0 new, 0 new versions, 8 unchanged, 0 failed' err && ok || bad "re-ingest is idempotent: $(cat err)"

# --- a damaged archive: only the damaged record is lost -------------------------
python3 - <<'EOF'
import zlib
data = open("crawl-gzrec.warc.gz", "rb").read()
# Members, one a record: each ends where its deflate stream does (the gzip
# magic may also turn up inside compressed bytes, so no search for it).
members, rest = [], data
while rest:
    d = zlib.decompressobj(31)
    d.decompress(rest)
    assert d.eof, "a member of the test archive is cut"
    members.append(rest[:len(rest) - len(d.unused_data)])
    rest = d.unused_data
assert len(members) >= 7, len(members)
# The second page's response (record 5 of: info, then 3 per page) cut short; the file cut inside the last member.
broken = b"".join(members[:5]) + members[5][: len(members[5]) // 2] + b"".join(members[6:])
open("broken.warc.gz", "wb").write(broken[:-20])
EOF
"$bin" ingest --db broken.db broken.warc.gz 2> err; st=$?
[ "$st" -eq 1 ] && ok || bad "damaged archive: status $st, want 1"
grep -q '^attest: broken.warc.gz: gzip member at offset [0-9]* is corrupt\|^attest: broken.warc.gz: gzip member at offset [0-9]* is truncated' err \
	&& ok || bad "damaged archive: message names the archive and the member offset: $(cat err)"
grep -q 'truncated (the file ends inside it)' err && ok || bad "the cut end is reported: $(cat err)"
[ "$("$bin" export --db broken.db --type articles | wc -l)" -eq 3 ] && ok || bad "the three good pages are stored"

# --- every file of the shared corpus, under the sanitizers -----------------------
if [ -d "$corpus" ]; then
	find "$corpus" -type f ! -name '*.md' ! -name LICENSE | sort > list
	while read -r f; do
		b=$(basename "$f")
		for cmd in text "extract --json"; do
			# shellcheck disable=SC2086
			"$bin" $cmd "$f" > out 2> err; st=$?
			if crashed "$st" err; then bad "$b ($cmd): crashed (status $st)"; head -5 err >&2; continue; fi
			ok
			# Every message names the archive.
			[ "$(grep -vc "$b" err)" -eq 0 ] && ok || bad "$b: a message does not name the archive: $(cat err)"
			# Status 1 exactly when something was reported.
			{ [ "$st" -eq 0 ] && [ ! -s err ]; } || { [ "$st" -eq 1 ] && [ -s err ]; } && ok \
				|| bad "$b: status $st with $(wc -l < err) messages"
		done
	done < list
	# The broken ones say what is wrong, with the record's offset.
	d="$corpus/warcio/test/data"
	"$bin" text "$d/example-trunc.warc" > /dev/null 2> err
	grep -q 'example-trunc.warc: record at offset 1197 (http://example.com/): wrong Content-Length' err && ok \
		|| bad "example-trunc.warc: $(cat err)"
	"$bin" text "$d/bad.arc" > /dev/null 2> err
	grep -q 'bad.arc: record at offset 0' err && ok || bad "bad.arc: $(cat err)"
	# The good ones give their pages.
	for f in example.warc example.warc.gz example.arc example.arc.gz example-iana.org-chunked.warc \
		 example-wrong-chunks.warc.gz example-bad-non-chunked.warc.gz example-wget-bad-target-uri.warc.gz; do
		"$bin" text "$d/$f" > out 2> err && grep -q '^==> http://\(www\.\)\{0,1\}\(example\.com\|iana\.org\)/.* <==$\|^==> http://example.com/ <==$' out \
			&& ok || bad "$f: no page: $(cat err)"
	done
	"$bin" text "$corpus/ukwa/small-arcs-and-warcs/IAH-20080430204825-00000-blackbook-truncated.arc.gz" > out 2> err
	[ "$(grep -c '^==> http://www.archive.org/' out)" -eq 2 ] && [ ! -s err ] && ok \
		|| bad "an ARC recompressed without record newlines: $(cat err)"
	"$bin" ingest --db corpus.db "$corpus" > /dev/null 2> err; st=$?
	if crashed "$st" err; then bad "ingest of the corpus crashed"; else ok; fi
	"$bin" ingest --db corpus.db "$corpus" > /dev/null 2> err2
	grep -q ' 0 new, 0 new versions, ' err2 && ok || bad "corpus re-ingest is idempotent: $(tail -1 err2)"
else
	echo "warc: ../shared/corpus/warc absent, corpus sweep skipped"
fi

finish
