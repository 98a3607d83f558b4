#!/usr/bin/env bash
# Installs the Debian 12 packages jixiao needs to build and test, and only those that are
# missing: quiet and offline when everything is there already.
#   scripts/install-deps.sh                 install what is missing to build
#   scripts/install-deps.sh --tests         ... and everything `make test` uses
#   scripts/install-deps.sh --bench         ... and the benchmarks' baselines
#   scripts/install-deps.sh --check [...]   only say what is missing (exit 1 if anything is)
# The options may come in any order (`--check --tests` = `--tests --check`).
set -euo pipefail

# One list, one place: add packages here.
JX_DEB_PACKAGES="
  build-essential cmake pkgconf
  libyaml-dev libjansson-dev libutf8proc-dev libpcre2-dev
  libcmocka-dev
  libcairo2-dev libpango1.0-dev libharfbuzz-dev fonts-noto-cjk libxlsxwriter-dev libzip-dev libexpat1-dev libxml2-dev poppler-utils
  libsqlite3-dev sqlite3 libpq-dev libmicrohttpd-dev libsodium-dev libcurl4-openssl-dev
  clang libclang-rt-14-dev
  valgrind cppcheck clang-tidy
  python3-yaml
"
# Only for the tests (`--tests`, about 1 GB on disk with their own dependencies):
# LibreOffice opens the DOCX/XLSX we write (a test oracle); a PostgreSQL server for the
# second storage backend; Chromium for the browser tests; openpyxl builds the Excel
# import cases; wrk, hyperfine and time (/usr/bin/time: peak RSS and CPU of a run) for the
# benchmarks' smoke run (bench-smoke); debhelper and
# lintian build and check the package (make deb, CI stage package), groff-base renders the
# man pages, systemd gives systemd-analyze verify for the unit, curl the service test.
JX_DEB_TEST_PACKAGES="
  libreoffice-writer-nogui libreoffice-calc-nogui
  postgresql chromium
  python3-openpyxl python3-yaml wrk hyperfine time
  debhelper lintian groff-base systemd curl
"
# Only for the benchmarks (`--bench`): nothing beyond the tests' packages today.
JX_DEB_BENCH_PACKAGES=""
check_only=0
for arg in "$@"; do
  case "$arg" in
    --tests) JX_DEB_PACKAGES="$JX_DEB_PACKAGES $JX_DEB_TEST_PACKAGES" ;;
    --bench) JX_DEB_PACKAGES="$JX_DEB_PACKAGES $JX_DEB_TEST_PACKAGES $JX_DEB_BENCH_PACKAGES" ;;
    --check) check_only=1 ;;
    *) echo "install-deps: unknown option $arg (--tests, --bench, --check)" >&2; exit 2 ;;
  esac
done

# node + npm: ECharts (built into the web UI) and playwright-core (browser tests) come from
# npm, pinned by web/package-lock.json.  Debian's nodejs/npm only when no npm is on PATH.
if ! command -v npm >/dev/null 2>&1; then
  JX_DEB_PACKAGES="$JX_DEB_PACKAGES nodejs npm"
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "install-deps: not a Debian system (no dpkg-query); install by hand:$JX_DEB_PACKAGES" >&2
  exit 0
fi

missing=()
for pkg in $JX_DEB_PACKAGES; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$pkg")
done

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$check_only" -eq 1 ]; then
  echo "install-deps: missing: ${missing[*]}"
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "install-deps: not root and no sudo; run as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

apt_env=(env DEBIAN_FRONTEND=noninteractive)
"${sudo[@]}" "${apt_env[@]}" apt-get update -q
"${sudo[@]}" "${apt_env[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
