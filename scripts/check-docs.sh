#!/usr/bin/env bash
# Runs the examples in docs/*.md and compares them with what the docs say.
#
#   scripts/check-docs.sh JIXIAO_BINARY            check (CTest: docs-examples)
#   JX_DOCS_UPDATE=1 scripts/check-docs.sh BINARY   rewrite the ```text blocks with the
#                                                  actual output (then review git diff)
#
# Conventions in docs/*.md:
#
# 1. A fenced ```sh block whose first line starts with `$ jixiao` is a command block.
#    Each line starting with `$ ` is a command (a line ending in `\` continues on the
#    next one; other lines are ignored).  Commands run with bash, `jixiao` being this
#    binary, in a directory that looks like the repository root (every top-level entry
#    that git tracks is linked there; nothing else of the checkout, so never a user's
#    jixiao.db), so `examples/…`, `tests/…` and `frameworks/` work; each doc has a
#    directory of its own, so its jixiao.db (JIXIAO_DB is jixiao.db there) and the
#    files its commands write are its own.  A doc that goes on from the state another
#    doc's commands left says so in a line `<!-- check-docs: continues NAME.md -->`.
#    The ```text block right after it (only blank lines between) is the exact stdout of
#    the block's commands, in order.  To show stderr or the exit code, say so in the
#    command: `$ jixiao score x.yaml 2>&1`, `$ jixiao check x.yaml; echo "exit: $?"`.
#
# 2. A fenced ```yaml block with a line `schema: jixiao/1` is a department-year file and
#    must pass `jixiao check` with exit 0.  Comment lines at the top of a yaml block may say
#      # expect exit: N     another exit code is expected (1: the file has errors)
#      # file: NAME.yaml    write the block as NAME.yaml for the commands of rule 1 (any
#                           yaml block: a framework file too); NAME has no slash
#    (the files of every docs/*.md are written before any command runs).
#
# 3. A diagnostic quoted inline in the prose, `file:line:col: severity: JXnnn message`,
#    must be a line that one of the commands of rule 1 printed.
#
# 4. docs/diagnostics.md has a section `### JXnnn — …` for every code used in src/.
#
# Environment: JIXIAO_FRAMEWORKS defaults to <repo>/frameworks; LC_ALL=C.UTF-8, TZ=UTC.
# Prints one line per failure (with a diff) and `N passed, N failed`; exits 1 on failure.
set -uo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 JIXIAO_BINARY" >&2
  exit 2
fi

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -x "$bin" ] || { echo "check-docs: no executable $1" >&2; exit 2; }

export JIXIAO_FRAMEWORKS="${JIXIAO_FRAMEWORKS:-$root/frameworks}"
export LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1
update=${JX_DOCS_UPDATE:-0}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jx-docs.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
work=$tmp/root # where commands run
mkdir -p "$work" "$tmp/blocks"
# Only what the repository holds is linked (the top-level entries git tracks; without git,
# every entry but build trees and databases): a database, a build tree or any other file
# that a user left in the checkout never reaches the commands, so a `jixiao db import`
# of an example writes into this directory's own jixiao.db, never into the user's.
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  entries=$(git -C "$root" ls-files -z | tr '\0' '\n' | sed 's|/.*||' | sort -u)
else
  entries=$(cd "$root" && ls -A | grep -Ev '^(\.git|build.*|.*\.db(-.*)?)$')
fi
while IFS= read -r entry; do
  [ -n "$entry" ] && [ -e "$root/$entry" ] && ln -s "$root/$entry" "$work/$entry"
done <<<"$entries"
# The default database of `jixiao db` / `serve`: this directory's, whatever the caller's
# environment names.
export JIXIAO_DB=jixiao.db

shopt -s nullglob
docs=("$root"/docs/*.md)
shopt -u nullglob
[ ${#docs[@]} -gt 0 ] || { echo "check-docs: no docs/*.md" >&2; exit 2; }

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() {
  failed=$((failed + 1))
  echo "FAIL $*"
}

# ---- split every doc into blocks ---------------------------------------------------
# For each doc, awk writes its fenced blocks as files BLOCKDIR/N.LANG (content only) and
# prints one line per block: N LANG START END (START/END: line numbers of the fences) and
# FOLLOW, the number of the next block when only blank lines separate them, else 0.
split_blocks() { # doc blockdir
  awk -v dir="$2" '
    BEGIN { n = 0; inside = 0; gap_ok = 0 }
    {
      if (!inside && $0 ~ /^```[A-Za-z0-9_-]*[ \t]*$/) {
        lang = substr($0, 4); sub(/[ \t]+$/, "", lang); if (lang == "") lang = "none"
        n++; inside = 1; start = NR; file = dir "/" n "." lang; printf "" > file
        follows[n - 1] = (n > 1 && gap_ok) ? n : 0
        next
      }
      if (inside && $0 ~ /^```[ \t]*$/) {
        inside = 0; close(file); ends[n] = NR; starts[n] = start; langs[n] = lang; gap_ok = 1
        next
      }
      if (inside) { print $0 >> file; next }
      if ($0 !~ /^[ \t]*$/) gap_ok = 0
    }
    END {
      if (inside) { print "UNCLOSED " start; exit }
      for (i = 1; i <= n; i++) print i, langs[i], starts[i], ends[i], (i < n ? follows[i] : 0)
    }' "$1"
}

declare -a cmd_docs=() cmd_blocks=() cmd_texts=() cmd_text_starts=() cmd_text_ends=() cmd_lines=()
declare -a yaml_labels=() yaml_targets=() yaml_wants=()

for doc in "${docs[@]}"; do
  rel=${doc#"$root"/}
  bdir="$tmp/blocks/$(basename "$doc" .md)"
  mkdir -p "$bdir"
  index=$(split_blocks "$doc" "$bdir")
  if [[ "$index" == UNCLOSED* ]]; then
    fail "$rel:${index#UNCLOSED }: a fenced block is never closed"
    continue
  fi
  declare -A lang_of=() start_of=() end_of=() follows=()
  while read -r n lang start end follow; do
    [ -n "${n:-}" ] || continue
    lang_of[$n]=$lang start_of[$n]=$start end_of[$n]=$end
    follows[$n]=$follow
  done <<<"$index"

  for n in $(printf '%s\n' "${!lang_of[@]}" | sort -n); do
    block="$bdir/$n.${lang_of[$n]}"
    case "${lang_of[$n]}" in
    yaml)
      want=0
      name=""
      while IFS= read -r line; do
        [[ "$line" == \#* ]] || break
        if [[ "$line" =~ ^#[[:space:]]*expect[[:space:]]+exit:[[:space:]]*([0-9]+) ]]; then want=${BASH_REMATCH[1]}; fi
        if [[ "$line" =~ ^#[[:space:]]*file:[[:space:]]*([A-Za-z0-9._-]+\.yaml)[[:space:]]*$ ]]; then name=${BASH_REMATCH[1]}; fi
      done <"$block"
      label="$rel:${start_of[$n]}"
      if [ -n "$name" ]; then
        if [ -e "$work/$name" ]; then
          fail "$label: file name $name is used twice (or names a top-level entry of the repository)"
          continue
        fi
        cp "$block" "$work/$name"
        target=$name
      fi
      grep -qx 'schema: jixiao/1' "$block" || continue
      if [ -z "$name" ]; then
        target=".docs-$(basename "$doc" .md)-${start_of[$n]}.yaml"
        cp "$block" "$work/$target"
      fi
      yaml_labels+=("$label")
      yaml_targets+=("$target")
      yaml_wants+=("$want")
      ;;
    sh)
      head -n 1 "$block" | grep -q '^\$ jixiao' || continue
      nxt=${follows[$n]:-0}
      cmd_docs+=("$doc")
      cmd_blocks+=("$block")
      cmd_lines+=("${start_of[$n]}")
      if [ "$nxt" -gt 0 ] && [ "${lang_of[$nxt]}" = text ]; then
        cmd_texts+=("$bdir/$nxt.text")
        cmd_text_starts+=("${start_of[$nxt]}")
        cmd_text_ends+=("${end_of[$nxt]}")
      else
        cmd_texts+=("")
        cmd_text_starts+=(0)
        cmd_text_ends+=(0)
      fi
      ;;
    esac
  done
  unset lang_of start_of end_of follows
done

# ---- check the department-year files (rule 2) -------------------------------------
# Frameworks written by the docs themselves (`# file: <id>.yaml`) are found too.
for i in "${!yaml_labels[@]}"; do
  out=$(cd "$work" && JIXIAO_FRAMEWORKS="$JIXIAO_FRAMEWORKS:$work" "$bin" check "${yaml_targets[$i]}" 2>&1 </dev/null)
  rc=$?
  if [ "$rc" -eq "${yaml_wants[$i]}" ]; then
    pass
  else
    fail "${yaml_labels[$i]}: \`jixiao check\` of this yaml block exited $rc, expected ${yaml_wants[$i]} (write \`# expect exit: N\` at its top if that is meant)"
    printf '%s\n' "$out" | sed 's/^/    /'
  fi
done

# ---- run the commands (rule 1) -----------------------------------------------------
# The commands of one block, one per element (continuation lines joined).
commands_of() { # block
  awk '
    /^\$ / { if (cur != "") print cur; cur = substr($0, 3); cont = (cur ~ /\\$/); next }
    cont   { cur = cur "\n" $0; cont = ($0 ~ /\\$/); next }
    END    { if (cur != "") print cur }' "$1"
}

# Prints a file with a final newline added if it lacks one.
with_final_newline() {
  cat "$1"
  if [ -s "$1" ] && [ -n "$(tail -c 1 "$1")" ]; then echo; fi
}

declare -A updates=() # doc -> list of "start end file" replacements
for i in "${!cmd_blocks[@]}"; do
  doc=${cmd_docs[$i]}
  rel=${doc#"$root"/}
  label="$rel:${cmd_lines[$i]}"
  actual="$tmp/actual.$i"
  : >"$actual"
  script="$tmp/script.$i"
  {
    printf 'jixiao() { %q "$@"; }\n' "$bin"
    commands_of "${cmd_blocks[$i]}"
  } >"$script"
  # Each doc runs its commands in a directory of its own (the repository's entries and the
  # docs' files linked in), so its jixiao.db and the files it writes are its own: a doc's
  # examples never depend on another doc's.
  # A doc that goes on from another's state says so: <!-- check-docs: continues NAME.md -->
  # (NAME.md must sort before it).
  dirname=$(sed -n 's/^<!-- check-docs: continues \([a-z0-9-]*\)\.md -->$/\1/p' "$doc" | head -n 1)
  docdir="$tmp/run/${dirname:-$(basename "$doc" .md)}"
  if [ ! -d "$docdir" ]; then
    mkdir -p "$docdir"
    for entry in "$work"/* "$work"/.[!.]*; do
      [ -e "$entry" ] && ln -s "$entry" "$docdir/$(basename "$entry")"
    done
  fi
  (cd "$docdir" && bash "$script") >"$actual.raw" 2>"$actual.err" </dev/null
  rc=$?
  with_final_newline "$actual.raw" >"$actual"
  if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$actual.err"; then
    fail "$label: a sanitizer reported an error"
    cat "$actual.err"
    continue
  fi
  if [ "$rc" -ge 126 ]; then
    fail "$label: the commands were killed or could not run (status $rc)"
    cat "$actual.err"
    continue
  fi
  expected=${cmd_texts[$i]}
  if [ -z "$expected" ]; then
    fail "$label: command block without a \`\`\`text block right after it (its expected stdout)"
    continue
  fi
  if [ "$update" = 1 ]; then
    if ! cmp -s <(with_final_newline "$expected") "$actual"; then
      updates[$doc]+="${cmd_text_starts[$i]} ${cmd_text_ends[$i]} $actual"$'\n'
      echo "updated $rel:${cmd_text_starts[$i]}"
    fi
    pass
    continue
  fi
  if diff -u --label "$label (expected)" --label "$label (actual)" <(with_final_newline "$expected") "$actual" >"$tmp/diff"; then
    pass
  else
    fail "$label: output differs from the \`\`\`text block at line ${cmd_text_starts[$i]}"
    cat "$tmp/diff"
    if [ -s "$actual.err" ]; then
      echo "--- stderr ---"
      cat "$actual.err"
    fi
  fi
done

# ---- diagnostics quoted in the prose (rule 3) ---------------------------------------
# Every inline `file:line:col: severity: JXnnn message` in the docs must be a line that
# one of the commands above really printed.
: >"$tmp/all-output"
for i in "${!cmd_blocks[@]}"; do
  [ -f "$tmp/actual.$i" ] && cat "$tmp/actual.$i" >>"$tmp/all-output"
done
# shellcheck disable=SC2016  # the backquotes are Markdown, not command substitution
quote_re='`[^` ]+: (error|warning|note): JX[0-9]{3} [^`]*`'
for doc in "${docs[@]}"; do
  rel=${doc#"$root"/}
  while IFS=: read -r lineno quote; do
    [ -n "${quote:-}" ] || continue
    quote=${quote#\`}
    quote=${quote%\`}
    if grep -qxF -- "$quote" "$tmp/all-output"; then
      pass
    else
      fail "$rel:$lineno: this quoted diagnostic is not in the output of any command of the docs: $quote"
    fi
  done < <(grep -noE "$quote_re" "$doc")
done

# ---- the catalogue is complete (rule 4) --------------------------------------------
# Every code the library can emit ("JXnnn" in src/) has its section in diagnostics.md.
if [ -f "$root/docs/diagnostics.md" ] && [ -d "$root/src" ]; then
  for code in $(grep -rhoE '"JX[0-9]{3}"' "$root/src" | tr -d '"' | sort -u); do
    if grep -qE "^### $code " "$root/docs/diagnostics.md"; then
      pass
    else
      fail "docs/diagnostics.md: no section \`### $code — …\` for $code, which src/ uses"
    fi
  done
fi

# ---- JX_DOCS_UPDATE=1: splice the actual outputs into the docs ---------------------
for doc in "${!updates[@]}"; do
  out="$tmp/updated.md"
  : >"$out"
  line=1
  while read -r start end file; do
    [ -n "${start:-}" ] || continue
    sed -n "${line},${start}p" "$doc" >>"$out" # up to and including the opening fence
    cat "$file" >>"$out"
    line=$end                                 # the closing fence onwards
  done < <(printf '%s' "${updates[$doc]}" | sort -n)
  sed -n "${line},\$p" "$doc" >>"$out"
  cat "$out" >"$doc"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
