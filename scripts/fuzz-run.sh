#!/usr/bin/env bash
# fuzz-run.sh — run each fuzzer built into FUZZ_DIR (fuzzers.txt) for SECONDS, JOBS at once.
#
#   scripts/fuzz-run.sh FUZZ_DIR SECONDS JOBS
#
# Each fuzzer fuzz/fuzz_NAME.c works on FUZZ_DIR/corpus/fuzz_NAME/ (new inputs go there,
# never into the source tree), seeded from fuzz/corpus/fuzz_NAME/ (or fuzz/corpus/NAME/)
# when present; fuzzers whose name contains "yaml" are also seeded with examples/*.yaml
# and tests/spec/**/*.yaml, fuzzers whose name contains "report" with tests/import/**.
# fuzz/fuzz_NAME.dict is the dictionary when present.  Crashes are written to
# FUZZ_DIR/artifacts/ and fail the run; each full log is FUZZ_DIR/logs/fuzz_NAME.log.
set -uo pipefail
dir=$1 seconds=$2 jobs=${3:-2}
fuzzers=$(cat "$dir/fuzzers.txt" 2>/dev/null)
if [ -z "$fuzzers" ]; then echo "fuzz: no fuzz/fuzz_*.c targets"; exit 0; fi
mkdir -p "$dir/artifacts" "$dir/logs" "$dir/status"
rm -f "$dir"/status/*
# The LeakSanitizer check at exit, without the tracer crash of clang 14's __tls_get_addr
# interceptor (tests/CMakeLists.txt says more).
export ASAN_OPTIONS="${ASAN_OPTIONS:-intercept_tls_get_addr=0}"

run_one() {
  local exe=$1 name short work seeds=() dict=() f
  name=$(basename "$exe")
  short=${name#fuzz_}
  work=$dir/corpus/$name
  mkdir -p "$work"
  for d in "fuzz/corpus/$name" "fuzz/corpus/$short"; do [ -d "$d" ] && seeds+=("$d"); done
  shopt -s nullglob globstar
  case "$name" in
    *yaml*) for f in examples/*.yaml tests/spec/**/*.yaml; do cp -f "$f" "$work/seed-$(echo "$f" | tr / _)"; done ;;
  esac
  case "$name" in
    *import*|*report*) for f in tests/import/**/*.txt tests/import/**/*.html tests/import/**/*.xml; do
                cp -f "$f" "$work/seed-$(echo "$f" | tr / _)"; done ;;
  esac
  shopt -u nullglob globstar
  [ -f "fuzz/$name.dict" ] && dict=("-dict=fuzz/$name.dict")
  echo "fuzz: $name for ${seconds}s (corpus $work ${seeds[*]})"
  if "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$dir/artifacts/$name-" "${dict[@]}" "$work" "${seeds[@]}" \
       >"$dir/logs/$name.log" 2>&1 </dev/null; then
    echo "fuzz: $name ok: $(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$dir/logs/$name.log" | grep -Eo '[0-9]+$') runs, corpus $(ls "$work" | wc -l) files"
    touch "$dir/status/$name.ok"
  else
    echo "fuzz: $name FAILED (full log: $dir/logs/$name.log)"
    tail -n 60 "$dir/logs/$name.log"
    touch "$dir/status/$name.bad"
  fi
}

running=0
for exe in $fuzzers; do
  run_one "$exe" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait
ok=$(find "$dir/status" -name '*.ok' | wc -l)
bad=$(find "$dir/status" -name '*.bad' | wc -l)
echo "fuzz: $ok fuzzers passed, $bad failed"
[ "$bad" -eq 0 ]
