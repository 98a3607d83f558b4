#!/usr/bin/env bash
# kill9.sh — a `kill -9` during a large import leaves every department-year exactly as it was
# before or exactly as it is after its own import: never half-written.
#
#   tests/store/kill9.sh JIXIAO sqlite|pg
#
# A batch of 60 department-years (each in two contents, a and b) is imported, then the
# batch is imported again with the other content and killed with SIGKILL at a random
# moment — KILL9_RUNS times (default 40; stops early after KILL9_SECONDS, default 60,
# but not before 10 runs).  After every kill the database is checked with SQL (the same
# query on both backends; SQLite also PRAGMA integrity_check):
#   - every department-year's current version is a or b, byte for byte (sha256), and it
#     has versions 1..N (N = its version), each with its score and all its indicator rows,
#     and one "版本" history row per version;
#   - nothing else is in the database.
# Prints the number of runs and how the kills fell: before the first commit, in the
# middle of the batch, after the batch had finished.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/backend.sh" kill9 "$1" "$2"
RUNS=${KILL9_RUNS:-40}
BUDGET=${KILL9_SECONDS:-60}
N=60
fail() { echo "kill9 ($backend): FAIL: $*"; exit 1; }

src=$here/data/A001-2023.yaml
indicators=$(grep -c '^  - level1:' "$src") # the department table's indicators
mkdir -p "$tmp/a" "$tmp/b"
for i in $(seq -w 1 $N); do
  sed "s/^  code: \"A001\"/  code: \"K0$i\"/; s/^  duties: .*/  duties: 内容甲/" "$src" >"$tmp/a/K0$i.yaml"
  sed "s/^  code: \"A001\"/  code: \"K0$i\"/; s/^  duties: .*/  duties: 内容乙/; s/^    actual: 25616$/    actual: 25999/" "$src" >"$tmp/b/K0$i.yaml"
done
# every file's sha256: a department-year must hold one of its own two files, byte for byte
all_sha=$(sha256sum "$tmp"/a/*.yaml "$tmp"/b/*.yaml | awk '{ printf "%s'"'"'%s'"'"'", (NR > 1 ? ", " : ""), $1 }')
b_sha=$(sha256sum "$tmp"/b/*.yaml | awk '{ printf "%s'"'"'%s'"'"'", (NR > 1 ? ", " : ""), $1 }')
[ "$(sha256sum "$tmp"/a/*.yaml "$tmp"/b/*.yaml | cut -d' ' -f1 | sort -u | wc -l)" = $((2 * N)) ] || fail "the contents are not all different"

"$JIXIAO" db import -q --user setup "$tmp"/a/*.yaml >/dev/null || fail "first import"

# The check: the number of department-years whose state is not a whole import.
check_sql="
SELECT COUNT(*) FROM department_year d WHERE
  d.version <> (SELECT COUNT(*) FROM version v WHERE v.dy = d.id)
  OR d.version <> (SELECT MAX(number) FROM version v WHERE v.dy = d.id)
  OR (SELECT sha256 FROM version v WHERE v.dy = d.id AND v.number = d.version) NOT IN ($all_sha)
  OR EXISTS (SELECT 1 FROM version v WHERE v.dy = d.id AND (
       NOT EXISTS (SELECT 1 FROM score s WHERE s.version = v.id)
       OR (SELECT COUNT(*) FROM indicator i WHERE i.version = v.id AND i.project IS NULL) <> $indicators))
  OR d.version <> (SELECT COUNT(*) FROM history h WHERE h.dy = d.id AND h.field = '版本')"
state() { # prints: <bad> <dys> <versions> <current b>
  sql "SELECT ($check_sql), (SELECT COUNT(*) FROM department_year), (SELECT COUNT(*) FROM version),
       (SELECT COUNT(*) FROM department_year d JOIN version v ON v.dy = d.id AND v.number = d.version WHERE v.sha256 IN ($b_sha))"
}
read -r bad dys versions _ <<<"$(state | tr '|' ' ')"
[ "$bad" = 0 ] && [ "$dys" = $N ] && [ "$versions" = $N ] || fail "after the first import: bad=$bad dys=$dys versions=$versions"

# How long a whole batch takes, to spread the kills over it.
t0=$(date +%s%N)
"$JIXIAO" db import -q --user calibrate "$tmp"/b/*.yaml >/dev/null || fail "second import"
t1=$(date +%s%N)
batch_ms=$(( (t1 - t0) / 1000000 ))
[ "$batch_ms" -ge 1 ] || batch_ms=1
content=a # the batch of this run (the database now holds b everywhere)
before=0 middle=0 after=0 runs=0
start=$SECONDS
RANDOM=${KILL9_SEED:-$$}
while [ "$runs" -lt "$RUNS" ]; do
  if [ "$runs" -ge 10 ] && [ $((SECONDS - start)) -ge "$BUDGET" ]; then break; fi
  read -r _ _ v_before _ <<<"$(state | tr '|' ' ')"
  delay_ms=$(( RANDOM % (batch_ms + batch_ms / 5 + 1) ))
  # --batch 7: on SQLite 7 files share a transaction (each still all or nothing), so kills
  # land between commits, inside a batch and inside a file
  "$JIXIAO" db import -q --batch 7 --user "run$runs" "$tmp/$content"/*.yaml >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  read -r bad dys versions moved <<<"$(state | tr '|' ' ')"
  [ "$content" = a ] && moved=$((N - moved)) # department-years now holding this run's content
  if [ "$backend" = sqlite ]; then
    ic=$(sql "PRAGMA integrity_check")
    [ "$ic" = ok ] || fail "run $runs: integrity_check: $ic"
  fi
  [ "$bad" = 0 ] || fail "run $runs (killed after ${delay_ms} ms): $bad department-years are half-written"
  [ "$dys" = $N ] || fail "run $runs: $dys department-years instead of $N"
  [ $((versions - v_before)) = "$moved" ] || fail "run $runs: $((versions - v_before)) new versions but $moved department-years changed"
  if [ "$moved" = 0 ]; then before=$((before + 1)); elif [ "$moved" = $N ]; then after=$((after + 1)); else middle=$((middle + 1)); fi
  # finish the batch (what a user does after a crash: import again), so that every run starts
  # from the same state; the finished ones are unchanged, the rest get their version now
  "$JIXIAO" db import -q --user "finish$runs" "$tmp/$content"/*.yaml >/dev/null || fail "run $runs: re-import after the kill"
  read -r bad _ _ moved <<<"$(state | tr '|' ' ')"
  [ "$content" = a ] && moved=$((N - moved))
  [ "$bad" = 0 ] && [ "$moved" = $N ] || fail "run $runs: after re-import bad=$bad, $moved of $N hold the new content"
  if [ "$content" = a ]; then content=b; else content=a; fi
  runs=$((runs + 1))
done
echo "kill9 ($backend): $runs runs of a $N-file batch (${batch_ms} ms) killed with SIGKILL at random moments:" \
  "$before before its first commit, $middle in the middle, $after after it had finished;" \
  "every department-year was exactly before or after its import each time"
[ "$middle" -gt 0 ] || echo "kill9 ($backend): note: no kill landed in the middle of a batch this time"
