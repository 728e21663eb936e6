# The checks' vocabulary of the package tests (sourced by package_test.sh and session_test.sh).
failures=0

ok() { echo "ok: $1"; }
failed() {
  echo "FAILED: $1"
  failures=$((failures + 1))
}
# check "what is expected" COMMAND...: runs the command, counts a failure if it fails.
check() {
  local what=$1
  shift
  if "$@"; then ok "$what"; else failed "$what"; fi
}
# A precondition: without it nothing else can be checked.
require() {
  local what=$1
  shift
  if ! "$@"; then
    echo "FAILED (cannot go on): $what"
    exit 1
  fi
}
# The end: the number of failed checks, and the exit status that tells CTest.
finish() {
  if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
  fi
  echo "all checks passed"
}
