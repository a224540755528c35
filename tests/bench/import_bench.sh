#!/usr/bin/env bash
# Import benchmark: `bpv import` of a synthetic college, measured against the floor, the
# sqlite3 shell's `.import` of the same hours CSV into a bare table.
#
# usage: tests/bench/import_bench.sh BUILD_DIR [PLACEMENTS]
#
# PLACEMENTS defaults to 50000, which makes 8,000,000 hour rows. The generated CSVs are cached
# in BUILD_DIR/bench-data/PLACEMENTS/ (or $BPV_BENCH_DATA/PLACEMENTS/) and regenerated when the
# generator changes; the databases live in a temporary folder under ${TMPDIR:-/tmp} and are
# removed at the end. The clock is pinned after the generated dates (BPV_NOW, override with
# BPV_BENCH_NOW) so no entry counts as "in the future".
#
# Prints a report and exits 0 whether or not the goals hold; exits 1 when a command fails and 2
# on a usage error.

set -euo pipefail

readonly goal_rows_per_second=200000
readonly goal_max_ratio=2.0
readonly password=bench-password
readonly admin_email=admin@school.example.nl

die() {
  echo "import_bench: $*" >&2
  exit 1
}

usage() {
  echo "usage: $0 BUILD_DIR [PLACEMENTS]" >&2
  exit 2
}

[[ $# -ge 1 && $# -le 2 ]] || usage
[[ -d $1 ]] || { echo "import_bench: $1: no such build folder" >&2; usage; }
build_dir=$(cd "$1" && pwd)
placements=${2:-50000}
[[ $placements =~ ^[1-9][0-9]*$ ]] || { echo "import_bench: PLACEMENTS must be a positive number, got '$placements'" >&2; usage; }

bpv=$build_dir/bpv
gen=$build_dir/tests/bench/bpv-gen-college
[[ -x $bpv ]] || die "$bpv not found; build the bpv target first"
[[ -x $gen ]] || die "$gen not found; build the bpv-gen-college target first"
command -v sqlite3 >/dev/null || die "sqlite3 not found; install the sqlite3 package"

# A run sees only what this script sets: no server, no stored session, no user configuration.
unset BPV_DB BPV_SERVER BPV_TOKEN BPV_CONFIG BPV_PROFILE
export BPV_NOW=${BPV_BENCH_NOW:-2026-12-01T09:00:00Z}
export NO_COLOR=1

work=$(mktemp -d "${TMPDIR:-/tmp}/bpv-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_STATE_HOME=$work/state
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME"

# Wall time and peak RSS of one command: $measure (GNU time, or a Python fallback).
# shellcheck source=tests/bench/measure.sh
source "$(dirname "${BASH_SOURCE[0]}")/measure.sh"

# The generated college, cached per size and regenerated when the generator is newer.
# shellcheck source=tests/bench/college_data.sh
source "$(dirname "${BASH_SOURCE[0]}")/college_data.sh"
placement_rows=$(($(wc -l <"$data/placements.csv") - 1))
hour_rows=$(($(wc -l <"$data/hours.csv") - 1))

db=$work/bpv.db
floor_db=$work/floor.db
printf '%s\n' "$password" >"$work/password"

steps=()
declare -A rows seconds peak_kb

# run_step NAME ROWS STDIN CMD...: runs CMD with STDIN, records wall seconds and peak RSS, and
# stops the benchmark with the command's stderr when it fails.
run_step() {
  local name=$1 step_rows=$2 input=$3
  shift 3
  local log=$work/step${#steps[@]}
  local status=0
  "${measure[@]}" "$log.time" "$@" <"$input" >"$log.out" 2>"$log.err" || status=$?
  if ((status != 0)); then
    echo "import_bench: step '$name' failed with exit status $status: $*" >&2
    tail -n 20 "$log.err" >&2
    exit 1
  fi
  local measured
  measured=$(tail -n 1 "$log.time")
  steps+=("$name")
  rows[$name]=$step_rows
  seconds[$name]=${measured% *}
  peak_kb[$name]=${measured#* }
  if [[ -s $log.out ]]; then
    head -n 10 "$log.out" | sed "s/^/  $name: /"
  fi
}

run_step "bpv init" - "$work/password" \
  "$bpv" --db "$db" init --admin-email "$admin_email" --password-stdin
# Imports are an administrator's action: sign in (the token goes to $XDG_CONFIG_HOME).
"$bpv" --db "$db" login --user "$admin_email" --password-stdin <"$work/password" >/dev/null ||
  die "bpv login failed"
run_step "bpv import placements" "$placement_rows" /dev/null \
  "$bpv" --db "$db" import placements "$data/placements.csv"
run_step "bpv import hours" "$hour_rows" /dev/null \
  "$bpv" --db "$db" import hours "$data/hours.csv"
run_step "sqlite3 .import (floor)" "$hour_rows" /dev/null \
  sqlite3 "$floor_db" ".import --csv \"$data/hours.csv\" hours_raw"

size_mb() {
  local total=0 f
  for f in "$1" "$1-wal"; do
    [[ -f $f ]] && total=$((total + $(stat -c %s "$f")))
  done
  awk -v b="$total" 'BEGIN { printf "%.0f", b / 1048576 }'
}

echo
echo "bpv import benchmark: $placements placements, $hour_rows hour rows"
echo "data $data; $(nproc) cores; sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
echo
printf '%-24s %10s %10s %12s %12s\n' step rows seconds rows/second "peak RSS MB"
for name in "${steps[@]}"; do
  awk -v name="$name" -v r="${rows[$name]}" -v s="${seconds[$name]}" -v k="${peak_kb[$name]}" 'BEGIN {
    rate = (r == "-" || s <= 0) ? "-" : sprintf("%.0f", r / s)
    printf "%-24s %10s %10.2f %12s %12.1f\n", name, r, s, rate, k / 1024
  }'
done
echo
echo "database size: bpv $(size_mb "$db") MB, floor $(size_mb "$floor_db") MB"
echo

awk -v bpv_s="${seconds[bpv import hours]}" -v floor_s="${seconds[sqlite3 .import (floor)]}" \
  -v r="$hour_rows" -v goal_rate="$goal_rows_per_second" -v goal_ratio="$goal_max_ratio" 'BEGIN {
  if (floor_s > 0) {
    printf "bpv import hours / sqlite3 .import: %.2fx\n", bpv_s / floor_s
  }
  if (bpv_s > 0) {
    rate = r / bpv_s
    verdict = rate >= goal_rate ? "met" : "NOT met"
    printf "goal: at least %d entries/second ... %s (%.0f/s)\n", goal_rate, verdict, rate
  } else {
    printf "goal: at least %d entries/second ... n/a (too fast to time)\n", goal_rate
  }
  if (floor_s > 0) {
    ratio = bpv_s / floor_s
    verdict = ratio <= goal_ratio ? "met" : "NOT met"
    printf "goal: at most %.1fx the floor ... %s (%.2fx)\n", goal_ratio, verdict, ratio
  } else {
    printf "goal: at most %.1fx the floor ... n/a (the floor took under 0.01 s)\n", goal_ratio
  }
}'
