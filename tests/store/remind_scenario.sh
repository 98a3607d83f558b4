#!/usr/bin/env bash
# remind_scenario.sh — 待办与提醒 through `jixiao user email`, `jixiao db todo` and `jixiao db remind`:
# accounts with and without e-mail, the checkpoints of a year, reminders at several days (before the
# deadline 提醒, after it 催报, after the grace days 逾期, again the same day: nothing new), a dry run,
# an SMTP failure (the sink refuses one address), and the 待办 of an officer, a head of the 主管部门 and
# a reviewer (checkpoints, declarations to review, a follow-up opened by a red light).  Every step's
# output and exit code printed, then what the SMTP sink received (recipients, decoded subjects); run
# by run_remind.sh against SQLite and PostgreSQL, both must print remind.expected.
# Environment: JIXIAO (binary), JIXIAO_DB (database), SINK_PORT (tests/lib/smtp_sink.py listening),
# SINK_DIR (where it writes); the current directory holds remind-data/.
set -uo pipefail
step() { # NOW COMMAND... — run `jixiao COMMAND...` at time NOW, print it, its output and exit code
  local now=$1
  shift
  local shown="$*"
  shown=${shown//"$JIXIAO_DB"/\$JIXIAO_DB}
  echo "\$ jixiao ${shown//":$SINK_PORT"/:\$PORT}" # the database and the sink's port differ by run
  JIXIAO_NOW=$now ${JX_SPEC_WRAPPER:-} "$JIXIAO" "$@" 2>&1
  echo "[exit $?]"
}
user() { # NAME ROLE [DEPARTMENT] [EMAIL]
  local dep=() mail=()
  [ -n "${3:-}" ] && dep=(--department "$3")
  [ -n "${4:-}" ] && mail=(--email "$4")
  echo "\$ jixiao user add $1 --role $2 ${dep[*]} ${mail[*]}"
  echo 'remind-pass-2023' | ${JX_SPEC_WRAPPER:-} "$JIXIAO" user add "$1" --role "$2" "${dep[@]}" "${mail[@]}" 2>&1
  echo "[exit $?]"
}
sink() { # what the sink holds now
  echo "--- the SMTP sink: $(find "$SINK_DIR" -name '*.eml' | wc -l) messages"
  python3 "$SINK_PY" summary "$SINK_DIR"
}
SMTP=(--smtp "smtp://127.0.0.1:$SINK_PORT" --from jixiao@czj.example)
cd remind-data
T=2023-06-20T09:00:00Z
step $T db departments departments.csv
step $T db checkpoint set --year 2023 --user 财政局
# accounts: the first school's officer and head, the second school's officer with e-mail; the
# hospital's officer without; the 主管部门's head and the bureau's reviewer; the clinic has none
user zhang officer U11 zhang@u11.example
user wang head U11 wang@u11.example
user zhao officer U12 zhao@u12.example
user qian officer U21
user sun head A10 sun@a10.example
user chen reviewer '' chen@czj.example
# refused addresses: header injection, two @, a space, too long; an unknown account
step $T user email zhang $'zhang@u11.example\r\nBcc: x@evil.example'
step $T user email zhang 'a@b@c.example'
step $T user email zhang 'zhang @u11.example'
step $T user email zhang "$(printf 'a%.0s' {1..250})@x.cn"
step $T user email nobody nobody@u11.example
# bad options
step $T db remind --smtp http://127.0.0.1:1 --from jixiao@czj.example
step $T db remind --smtp "smtp://127.0.0.1:$SINK_PORT" --from 'jixiao@czj.example>'
# 06-20: the deadline (07-10) is 20 days ahead: nothing to remind yet
step $T db remind "${SMTP[@]}"
# 07-08: two days before the deadline: a dry run, then 提醒; again the same day sends nothing
step 2023-07-08T09:00:00Z db remind --dry-run
step 2023-07-08T09:00:00Z db remind "${SMTP[@]}"
step 2023-07-08T17:00:00Z db remind "${SMTP[@]}"
step 2023-07-08T17:00:00Z db todo --user wang
sink
# 07-09: the second school reports (red: a follow-up opens); declarations for the 待办
step 2023-07-09T09:00:00Z db monitor import --user 赵会计 u12-0630-red.yaml
step 2023-07-09T09:00:00Z db decl import --user 张会计 decl-u11.yaml decl-u12.yaml
step 2023-07-09T09:00:00Z db decl review 440306221390300100202 --year 2023 --role head --department A10 --user sun
# 07-12: the deadline passed: 催报 to the first school; the hospital's officer now has an
# address the sink refuses: that message fails (exit 3), the others are sent
step 2023-07-12T09:00:00Z user email qian rejected@u21.example
step 2023-07-12T09:00:00Z db remind "${SMTP[@]}"
step 2023-07-12T09:00:00Z user email qian ''
step 2023-07-12T10:00:00Z db remind "${SMTP[@]}"
# 07-16: the grace days are over: 逾期; then again: nothing
step 2023-07-16T09:00:00Z db remind "${SMTP[@]}"
step 2023-07-16T11:00:00Z db remind "${SMTP[@]}"
sink
# 待办
step 2023-07-16T09:00:00Z db todo --user zhang
step 2023-07-16T09:00:00Z db todo --user sun
step 2023-07-16T09:00:00Z db todo --user chen
step 2023-07-16T09:00:00Z db todo --user zhao --json
step 2023-07-16T09:00:00Z db todo --role officer
step 2023-07-16T09:00:00Z db todo --user nobody
