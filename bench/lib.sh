# bench/lib.sh — what every bench script shares (sourced, not run): the repository root and
# the --smoke / --full / --help arguments.
#
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#   bench_args full "$@"     # sets MODE (smoke|full; the first argument is the default)

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# --help prints the script's opening comment block (after the #! line), without the '# '.
bench_args() { # DEFAULT_MODE ARG...
  MODE=$1
  shift
  local arg
  for arg in "$@"; do
    case "$arg" in
      --smoke) MODE=smoke ;;
      --full) MODE=full ;;
      -h | --help) awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"; exit 0 ;;
      *) echo "bench/$(basename "$0"): unknown argument '$arg' (try --help)" >&2; exit 2 ;;
    esac
  done
}
