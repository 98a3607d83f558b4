#!/usr/bin/env bash
# roundtrip.sh — issue #16 as a test: generated department-years written as reports and read back.
#
#   tests/import/roundtrip.sh JIXIAO_BINARY JX_FIGURES_BINARY
#
# `jixiao gen` makes $JX_ROUNDTRIP_N departments (default 4, a fixed seed, half of them with a
# project file too); `jixiao report` writes each file as md, html, docx and pdf; LibreOffice
# converts the DOCX files to PDF in one process (the "lo.pdf" format); `jixiao import-report`
# reads every report back; tests/tools/figures.c compares the key figures of each import with
# its source.  Each format must keep at least 98% of them.  A report the import refuses counts
# as all of its figures missing.  On a failure it prints, per format, the per-category counts,
# which kinds of figures are lost (most frequent first) and example lines with both values.
#
# Hermetic: everything in its own temporary directory (kept when JX_ROUNDTRIP_KEEP=1); the
# database is never opened.  Needs pdftotext (poppler-utils) and, for the lo.pdf leg,
# soffice (libreoffice-writer-nogui): outside CI a missing soffice leaves that leg out, under
# CI=true it fails (tests/lib/require.sh).  Timings belong to bench/import-roundtrip.sh.
set -uo pipefail
export LC_ALL=C.UTF-8 # the summaries fold Chinese names with sed
# shellcheck source=../lib/require.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/require.sh"

if [ $# -ne 2 ]; then
  echo "usage: tests/import/roundtrip.sh JIXIAO_BINARY JX_FIGURES_BINARY" >&2
  exit 2
fi
jixiao=$1
figures=$2
n=${JX_ROUNDTRIP_N:-4}
seed=${JX_ROUNDTRIP_SEED:-16}
min_percent=98

command -v pdftotext >/dev/null 2>&1 || jx_missing poppler-utils "pdftotext"
soffice=$(command -v soffice || command -v libreoffice || true)
formats=(md html docx pdf)
if [ -n "$soffice" ]; then
  formats+=(lo.pdf)
elif [ "${CI:-}" = true ]; then
  jx_missing libreoffice-writer-nogui "LibreOffice (soffice, for the DOCX → PDF leg)"
else
  echo "note: soffice is missing (Debian package libreoffice-writer-nogui): the LibreOffice PDF leg is left out"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jx-roundtrip.XXXXXX")
if [ "${JX_ROUNDTRIP_KEEP:-0}" = 1 ]; then echo "work directory kept: $tmp"; else trap 'rm -rf "$tmp"' EXIT; fi
mkdir -p "$tmp/rep" "$tmp/lo" "$tmp/imp" "$tmp/fig"
fail() { echo "FAIL: $*"; exit 1; }

# ---- sources and reports ----------------------------------------------------------------
"$jixiao" gen --departments "$n" --seed "$seed" --faults 0 --projects 500 -q -o "$tmp/gen" >"$tmp/gen.out" 2>&1 ||
  { cat "$tmp/gen.out"; fail "jixiao gen"; }
sources=()
for f in "$tmp"/gen/*.yaml; do sources+=("$(basename "$f" .yaml)"); done
[ ${#sources[@]} -gt 0 ] || fail "jixiao gen wrote no department-year"
for s in "${sources[@]}"; do
  "$jixiao" report "$tmp/gen/$s.yaml" --format md,html,docx,pdf -o "$tmp/rep" >"$tmp/report.out" 2>&1 ||
    { cat "$tmp/report.out"; fail "jixiao report $s.yaml"; }
done
if [ -n "$soffice" ]; then
  timeout 240 "$soffice" "-env:UserInstallation=file://$tmp/lo-profile" --headless --convert-to pdf \
    --outdir "$tmp/lo" "$tmp"/rep/*.docx >"$tmp/lo.out" 2>&1 || { cat "$tmp/lo.out"; fail "soffice --convert-to pdf"; }
  for s in "${sources[@]}"; do
    [ -s "$tmp/lo/$s.pdf" ] || { cat "$tmp/lo.out"; fail "LibreOffice wrote no $s.pdf"; }
    mv "$tmp/lo/$s.pdf" "$tmp/rep/$s.lo.pdf"
  done
fi
printf 'schema: jixiao/1\n' >"$tmp/nothing.yaml" # what a refused import is compared as

# ---- import and compare -------------------------------------------------------------------
failed=0
summary=()
for fmt in "${formats[@]}"; do
  : >"$tmp/fig/$fmt.all"
  refused=0
  for s in "${sources[@]}"; do
    out=$tmp/imp/$s.$fmt.yaml
    if "$jixiao" import-report "$tmp/rep/$s.$fmt" -o "$out" >"$tmp/imp/$s.$fmt.err" 2>&1 && [ -s "$out" ]; then
      :
    else
      refused=$((refused + 1))
      { grep -m1 ': error: ' "$tmp/imp/$s.$fmt.err" || tail -n 1 "$tmp/imp/$s.$fmt.err"; } |
        sed 's/^[^ ]*: error: /error: /' >>"$tmp/fig/$fmt.refused"
      out=$tmp/nothing.yaml
    fi
    "$figures" "$tmp/gen/$s.yaml" "$out" >"$tmp/fig/$s.$fmt" 2>&1
    rc=$?
    [ "$rc" = 0 ] || { cat "$tmp/fig/$s.$fmt"; fail "jx_figures exit $rc on $s.$fmt"; }
    sed "s|^|$s |" "$tmp/fig/$s.$fmt" >>"$tmp/fig/$fmt.all"
  done
  # the figures of every file of this format, added up
  read -r matched total cats < <(awk '
    $2 == "figures:" {
      m += $4; t += $6
      for (i = 8; i <= NF; i++) { split($(i + 1), a, "/"); name = $i; sub(/^[;,]/, "", name)
        cm[name] += a[1]; ct[name] += a[2]; if (!(name in seen)) { seen[name] = 1; order[++k] = name }; i++ }
    }
    END { s = ""; for (j = 1; j <= k; j++) s = s sprintf("%s%s %d/%d", j > 1 ? ", " : "", order[j], cm[order[j]], ct[order[j]])
          printf "%d %d %s\n", m, t, s }' "$tmp/fig/$fmt.all")
  share=$(awk -v m="$matched" -v t="$total" 'BEGIN { if (t) printf "%.1f%%", int(1000 * m / t) / 10; else print "—" }')
  verdict=ok
  if [ "$total" = 0 ] || [ $((matched * 100)) -lt $((min_percent * total)) ]; then verdict=FAIL; failed=1; fi
  summary+=("$(printf '%-6s %-4s %6s  matched %d of %d; %d of %d reports refused' "$fmt" "$verdict" "$share" "$matched" "$total" "$refused" "${#sources[@]}")")
  echo "$verdict $fmt: key figures matched $matched of $total ($share, at least $min_percent% wanted); $refused of ${#sources[@]} reports refused"
  echo "  by category: $cats"
  if [ "$verdict" = FAIL ]; then
    if [ -s "$tmp/fig/$fmt.refused" ]; then
      echo "  reports refused by import-report (count, message):"
      sort "$tmp/fig/$fmt.refused" | uniq -c | sort -k1,1nr | sed 's/^/    /'
    fi
    echo "  figures lost, by kind (count, kind, figure; indicator indexes and names folded to [*]):"
    grep -E '^[^ ]+ (缺失|不同) ' "$tmp/fig/$fmt.all" | cut -d' ' -f2- |
      sed -E 's/：源 .*//; s/\[[0-9]+\]「[^」]*」(（按位置对应导入的「[^」]*」）)?/[*]/g; s/「[^」]*」/「*」/g' |
      sort | uniq -c | sort -k1,1nr -k2 | head -n 25 | sed 's/^/    /'
    echo "  examples (file, kind, figure: source value, imported value):"
    grep -E '^[^ ]+ (缺失|不同) ' "$tmp/fig/$fmt.all" | head -n 12 | sed 's/^/    /'
  fi
done

echo
n_proj=$(printf '%s\n' "${sources[@]}" | grep -c '^proj-')
echo "round trip of ${#sources[@]} files, $((${#sources[@]} - n_proj)) department and $n_proj project (jixiao gen --departments $n --seed $seed --projects 500):"
printf '  %s\n' "${summary[@]}"
[ "$failed" = 0 ] || exit 1
echo "ok: every format keeps at least $min_percent% of the key figures"
