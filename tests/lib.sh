# Shared helpers for the shell test suites: counters and checks.
# Each suite ends with `finish`, which prints "N passed, N failed" and exits
# non-zero on any failure.
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

# check NAME COMMAND...: the command must succeed.
check() {
	name=$1; shift
	if "$@"; then ok; else bad "$name"; fi
}

finish() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
