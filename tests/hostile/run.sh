#!/bin/sh
# Hostile inputs: each gives one clear error line naming the file (or a
# correct empty result), the documented exit status, and never a crash.
# Run with the binary to test: tests/hostile/run.sh build/asan/attest
set -u
. "$(dirname "$0")/../lib.sh"
bin=${1:-./attest}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

printf '' > "$tmp/empty.txt"
printf '   \n\n  \t\n' > "$tmp/blank.txt"
head -c 65536 /dev/urandom > "$tmp/random.bin"
printf 'ELF\0\0\0binary\0' > "$tmp/nul.bin"
printf 'Caf\351 owners in the capital said on Monday that prices rose.\n' > "$tmp/latin1.txt"
printf '\377\376T\000e\000x\000t\000' > "$tmp/utf16.txt"
# A 50 MB single line of words, no newline.
python3 -c 'import sys
w = b"troops said the ministry reported 12,000 casualties. "
sys.stdout.buffer.write(w * (50 * 1024 * 1024 // len(w)))' > "$tmp/huge-line.txt"
# 100,000 short lines that are all the same (repetition handling).
python3 -c 'import sys; sys.stdout.write("Same caption line here.\n" * 100000)' > "$tmp/repeats.txt"
mkdir "$tmp/dir"
# HTML: 100,000 nested elements; 50 MB of paragraphs (past the tag limit);
# 50 MB of words in one paragraph; a Windows-1252 page without a charset.
python3 -c 'import sys; sys.stdout.write("<html><body>" + "<div>" * 100000 + "deep</body></html>")' > "$tmp/deep.html"
python3 -c 'import sys
p = b"<p>The ministry said on Monday that the talks would resume, officials added.</p>\n"
sys.stdout.buffer.write(b"<!doctype html><body>" + p * (50 * 1024 * 1024 // len(p)))' > "$tmp/huge.html"
python3 -c 'import sys
sys.stdout.buffer.write(b"<!doctype html><body><p>" + b"troops said the ministry reported 12,000 casualties. " * (50 * 1024 * 1024 // 53) + b"</p>")' > "$tmp/huge-para.html"
printf '<html><body><p>Caf\351 owners in the capital said on Monday that prices rose \226 again.</p></body></html>' > "$tmp/cp1252.html"

# expect NAME WANT_STATUS WANT_STDERR_LINES FILE [ARGS...]
# (with partial=1: an archive whose good records are still printed)
partial=0
expect() {
	name=$1 want=$2 lines=$3 file=$4; shift 4
	"$bin" extract --json "$@" "$file" > "$tmp/out" 2> "$tmp/err"
	st=$?
	if [ "$st" -ge 128 ] || grep -q 'Sanitizer\|runtime error' "$tmp/err"; then
		bad "$name: crashed (status $st)"; cat "$tmp/err" >&2; return
	fi
	[ "$st" -eq "$want" ] && ok || bad "$name: status $st, want $want"
	n=$(wc -l < "$tmp/err")
	[ "$n" -eq "$lines" ] && ok || { bad "$name: $n stderr lines, want $lines"; cat "$tmp/err" >&2; }
	if [ "$lines" -gt 0 ] && [ "$want" -ne 0 ]; then
		grep -qF "$(basename "$file")" "$tmp/err" && ok || bad "$name: message does not name the file"
		[ ! -s "$tmp/out" ] || [ "$partial" = 1 ] && ok || bad "$name: printed records on failure"
	fi
}

expect "empty file" 0 0 "$tmp/empty.txt"
[ ! -s "$tmp/out" ] && ok || bad "empty file: printed records"
expect "blank file" 0 0 "$tmp/blank.txt"
expect "random binary" 1 1 "$tmp/random.bin"
expect "NUL bytes" 1 1 "$tmp/nul.bin"
expect "UTF-16" 1 1 "$tmp/utf16.txt"
expect "missing file" 1 1 "$tmp/no-such-file.txt"
expect "directory" 1 1 "$tmp/dir"
expect "invalid UTF-8 (Latin-1)" 0 1 "$tmp/latin1.txt"
grep -q 'warning.*invalid UTF-8.*offset 3' "$tmp/err" && ok || bad "latin-1: warning names the offset"
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]' "$tmp/out" \
	&& ok || bad "latin-1: output is not valid UTF-8 JSON"
expect "50 MB single line" 0 0 "$tmp/huge-line.txt"
grep -q '"type":"article"' "$tmp/out" && ok || bad "50 MB line: no article"
expect "100,000 repeated lines" 0 0 "$tmp/repeats.txt"

expect "HTML nested 100,000 deep" 1 1 "$tmp/deep.html"
grep -q 'nested deeper' "$tmp/err" && ok || bad "deep HTML: message says why"
expect "50 MB HTML of 650,000 paragraphs" 1 1 "$tmp/huge.html"
grep -q 'more than .* tags' "$tmp/err" && ok || bad "huge HTML: message says why"
expect "50 MB HTML paragraph" 0 0 "$tmp/huge-para.html"
grep -q '"type":"article"' "$tmp/out" && ok || bad "50 MB HTML paragraph: no article"
expect "Windows-1252 HTML without charset" 0 0 "$tmp/cp1252.html"
"$bin" text "$tmp/cp1252.html" | grep -q "Café owners in the capital said on Monday that prices rose – again." \
	&& ok || bad "Windows-1252 HTML: not decoded"
"$bin" text --format html "$tmp/random.bin" > /dev/null 2> "$tmp/err"
[ $? -lt 128 ] && ok || bad "random bytes as HTML: crashed"
# Memory stays bounded on the largest pages (release build; ASan maps more).
case $bin in *asan*) ;; *)
	if [ -x /usr/bin/time ]; then
		for f in huge-para.html deep.html; do
			kb=$(/usr/bin/time -f %M "$bin" text "$tmp/$f" 2>&1 >/dev/null | tail -1)
			[ "$kb" -lt 600000 ] && ok || bad "$f: $kb KB of memory"
		done
	fi;;
esac

# A 14-digit run read as a decade ("the 20170306040353s", an ARC date in a page): no overflow.
printf 'Prices rose in the 20170306040353s, the ministry said on Monday.\n' > "$tmp/digits.txt"
expect "a 14-digit decade" 0 0 "$tmp/digits.txt"

# Crawl archives: junk behind a WARC name or gzip magic, a header line of
# 1 MB, a length of a terabyte, a 100 MB gzip bomb in a response, 20,000
# empty gzip members, a record that ends after its headers.
head -c 4096 /dev/urandom > "$tmp/junk.warc"
{ printf '\037\213\010\000'; head -c 4096 /dev/urandom; } > "$tmp/junk.warc.gz"
python3 - "$tmp" <<'EOF'
import gzip, sys
t = sys.argv[1]
def rec(block, length=None, extra=""):
    n = len(block) if length is None else length
    return (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.example/%s\r\n"
            b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n"
            % (extra.encode(), n)) + block + b"\r\n\r\n"
page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>The harbour office said on Monday that the pier had reopened.</p>"
bomb = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + gzip.compress(b"<p>" + b" " * (100 << 20))
open(t + "/longline.warc", "wb").write(b"WARC/1.0\r\nX-Long: " + b"a" * (1 << 20) + b"\r\n\r\n" + rec(page))
open(t + "/terabyte.warc", "wb").write(rec(page, 10 ** 12))
open(t + "/bomb.warc.gz", "wb").write(gzip.compress(rec(bomb)) + gzip.compress(rec(page, extra="after")))
open(t + "/members.warc.gz", "wb").write(gzip.compress(rec(page)) + gzip.compress(b"") * 20000 + gzip.compress(rec(page, extra="2")))
open(t + "/headonly.warc", "wb").write(rec(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"))
EOF
expect "random bytes named .warc" 1 1 "$tmp/junk.warc"
grep -q 'not a WARC or ARC archive' "$tmp/err" && ok || bad "junk.warc: message says why"
expect "gzip magic then junk" 1 1 "$tmp/junk.warc.gz"
partial=1
expect "1 MB WARC header line" 1 1 "$tmp/longline.warc"
grep -q '"type":"article"' "$tmp/out" && ok || bad "long line: the record after it is read"
expect "Content-Length of a terabyte" 1 1 "$tmp/terabyte.warc"
grep -q 'record at offset 0 (http://x.example/): ' "$tmp/err" && ok || bad "terabyte: $(cat "$tmp/err")"
expect "100 MB gzip bomb in a response" 1 1 "$tmp/bomb.warc.gz"
grep -q 'past the 64 MB limit' "$tmp/err" && ok || bad "bomb: message says why"
grep -q '"id":"http://x.example/after"' "$tmp/out" && ok || bad "bomb: the record after it is read"
expect "20,000 empty gzip members" 0 0 "$tmp/members.warc.gz"
[ "$(grep -c '"type":"article"' "$tmp/out")" -eq 2 ] && ok || bad "empty members: both records read"
expect "a response without the end of its headers" 1 1 "$tmp/headonly.warc"
partial=0
case $bin in *asan*) ;; *)
	if [ -x /usr/bin/time ]; then
		kb=$(/usr/bin/time -f %M "$bin" text "$tmp/bomb.warc.gz" 2>&1 >/dev/null | tail -1)
		[ "$kb" -lt 400000 ] && ok || bad "bomb.warc.gz: $kb KB of memory"
	fi;;
esac

# One bad file among good ones: the others are still processed, status 1.
printf 'Headline\nThe ministry said on Monday that the talks would resume.\n' > "$tmp/good.txt"
"$bin" extract --json "$tmp/good.txt" "$tmp/nul.bin" "$tmp/good.txt" > "$tmp/out" 2> "$tmp/err"
st=$?
[ "$st" -eq 1 ] && ok || bad "mixed batch: status $st, want 1"
[ "$(grep -c '"type":"article"' "$tmp/out")" -eq 2 ] && ok || bad "mixed batch: good files not processed"
[ "$(wc -l < "$tmp/err")" -eq 1 ] && ok || bad "mixed batch: want one error line"

# Standard input.
printf 'Headline\nThe ministry said on Monday that the talks would resume.\n' | "$bin" extract --json - > "$tmp/out" 2>&1
grep -q '"type":"article"' "$tmp/out" && ok || bad "stdin: no article"

finish
