# require.sh — sourced by the test scripts: what a test needs from the machine.
#
#   jx_missing PACKAGE WHAT    the test cannot run because WHAT is missing (from the Debian
#                              package PACKAGE): exit 77 (CTest: skipped) — but exit 1 (a
#                              failure naming the package) when CI=true, where no test may
#                              skip.  `scripts/install-deps.sh --tests` installs PACKAGE.
jx_missing() {
  if [ "${CI:-}" = true ]; then
    echo "FAIL: $2 is missing (Debian package $1; scripts/install-deps.sh --tests installs it): under CI=true no test may skip"
    exit 1
  fi
  echo "skip: $2 is missing (Debian package $1; scripts/install-deps.sh --tests installs it)"
  exit 77
}
