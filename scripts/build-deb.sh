#!/usr/bin/env bash
# build-deb.sh — `make deb`: builds the Debian package from a copy of the tracked sources
# (git ls-files: tracked and new files, not ignored ones; plus ECharts from web/node_modules) in OUTDIR/src, with dpkg-buildpackage
# (debhelper, debian/), then runs lintian on it.  The .deb lands in OUTDIR.
#   scripts/build-deb.sh OUTDIR
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=$(mkdir -p "${1:-build/deb}" && cd "${1:-build/deb}" && pwd)
for tool in dpkg-buildpackage dh lintian; do
  command -v "$tool" >/dev/null || { echo "build-deb: $tool is missing (scripts/install-deps.sh --tests installs it)" >&2; exit 1; }
done
version=$(dpkg-parsechangelog -S Version)
src="$out/src/jixiao-${version%-*}"
rm -rf "$out/src" "$out"/jixiao_*.deb "$out"/jixiao-dbgsym_*.deb "$out"/jixiao_*.buildinfo "$out"/jixiao_*.changes
mkdir -p "$src"
git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$src"
# ECharts (compiled into the web module): CMake needs it, and npm is not run for the package
echarts=web/node_modules/echarts/dist/echarts.min.js
[ -f "$echarts" ] || (cd web && npm ci --no-audit --no-fund)
cp --parents "$echarts" "$src"
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
start=$SECONDS
(cd "$src" && JX_COMMIT="$commit" DEB_BUILD_OPTIONS="nocheck noddebs parallel=$(nproc)" \
  dpkg-buildpackage -b -us -uc --no-sign >"$out/build.log" 2>&1) || { tail -40 "$out/build.log"; echo "build-deb: dpkg-buildpackage failed (log: $out/build.log)" >&2; exit 1; }
mv "$out/src"/../jixiao_* "$out/" 2>/dev/null || true
mv "$out"/src/jixiao_* "$out/" 2>/dev/null || true
deb=$(ls "$out"/jixiao_*.deb)
echo "build-deb: $deb in $((SECONDS - start)) s"
# lintian: errors fail, warnings are printed
lintian --fail-on error --tag-display-limit 0 "$deb" | tee "$out/lintian.txt"
echo "build-deb: lintian: $(grep -c '^E:' "$out/lintian.txt" || true) errors, $(grep -c '^W:' "$out/lintian.txt" || true) warnings"
