#!/usr/bin/env bash
# Reminders benchmark (issue 5, "Performance"): building and enqueueing the Monday reminders of
# 10,000 trainers with waiting weeks, as a whole `bpv-jobs run reminders --no-send` process,
# against the floor: the sqlite3 shell running the equivalent SQL (the waiting weeks per
# placement and week, one outbox row per trainer with the week list as its body) as a whole
# process. Goal: under 2 seconds.
#
# usage: tests/bench/reminders_bench.sh BUILD_DIR [PLACEMENTS]
#
# PLACEMENTS defaults to 100000: the generator gives two trainers per 20 students, so 10,000
# trainers, each placement with 10 entries (two weeks: the first approved, the second
# submitted), so every trainer has about 10 weeks waiting. The CSVs and the imported database
# are cached in BUILD_DIR/bench-data/reminders-PLACEMENTS/ (BPV_BENCH_DATA moves the root).
# Every run works on a fresh copy of the database (a rerun in the same week enqueues nothing).
# BPV_BENCH_RUNS (default 5) timed runs of each, alternating. Prints the report; exits 0 whether
# or not the goal holds, 1 when a command fails.

set -euo pipefail

die() {
  echo "reminders_bench: $*" >&2
  exit 1
}

[[ $# -ge 1 && $# -le 2 ]] || { echo "usage: $0 BUILD_DIR [PLACEMENTS]" >&2; exit 2; }
build_dir=$(cd "$1" && pwd)
placements=${2:-100000}
runs=${BPV_BENCH_RUNS:-5}
bpv=$build_dir/bpv
jobs=$build_dir/bpv-jobs
gen=$build_dir/tests/bench/bpv-gen-college
for program in "$bpv" "$jobs" "$gen"; do
  [[ -x $program ]] || die "$program is missing; build first (cmake --build $build_dir)"
done
command -v sqlite3 >/dev/null || die "the sqlite3 shell is missing (apt-get install sqlite3)"

# The clock is set below: the Monday after the last generated entry, 07:00, within the 30 days
# the placements' weeks stay approvable.
readonly setup_version=2

data=${BPV_BENCH_DATA:-$build_dir/bench-data}/reminders-$placements
stamp="$placements $setup_version $(stat -c %Y "$gen" "$build_dir/bpv")"
if [[ ! -f $data/stamp || $(<"$data/stamp") != "$stamp" ]]; then
  echo "generating and importing $placements placements into $data ..."
  rm -rf "$data"
  mkdir -p "$data"
  "$gen" --placements "$placements" --entries-per-placement 10 --out "$data" >/dev/null
fi
last_entry=$(awk -F, 'NR > 1 && $2 > max { max = $2 } END { print max }' "$data/hours.csv")
next_monday=$(date -d "$last_entry +$((8 - $(date -d "$last_entry" +%u))) days" +%F)
readonly now=${next_monday}T07:00
readonly last_monday=$(date -d "$next_monday -7 days" +%F)
readonly ending_from=$(date -d "$next_monday -30 days" +%F)
readonly this_week=$(date -d "$next_monday" +%G-W%V)
if [[ ! -f $data/stamp || $(<"$data/stamp") != "$stamp" ]]; then
  printf 'admin-password-bench\n' |
    BPV_NOW=$now "$bpv" --db "$data/bench.db" init --admin-email admin@school.example.nl --password-stdin >/dev/null
  printf 'admin-password-bench\n' |
    BPV_NOW=$now XDG_CONFIG_HOME=$data/config "$bpv" --db "$data/bench.db" login --user admin@school.example.nl \
      --password-stdin >/dev/null
  for kind in placements hours; do
    BPV_NOW=$now XDG_CONFIG_HOME=$data/config "$bpv" --db "$data/bench.db" import "$kind" "$data/$kind.csv" >/dev/null
  done
  echo "$stamp" >"$data/stamp"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/reminders_bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

trainers=$(sqlite3 "$data/bench.db" "SELECT count(DISTINCT p.trainer_id) FROM entries AS e JOIN placements AS p ON p.id = e.placement_id WHERE e.status <> 'approved'")
weeks=$(sqlite3 "$data/bench.db" "SELECT count(*) FROM (SELECT DISTINCT e.placement_id, date(e.entry_date, 'weekday 0', '-6 days') FROM entries AS e WHERE e.status <> 'approved')")

# The floor: the same reading, grouping and writing in SQL.
cat >"$work/floor.sql" <<SQL
INSERT INTO outbox (key, kind, recipient, recipient_name, subject, body, created_at, next_attempt_at)
SELECT 'reminder|' || lower(t.email) || '|$this_week', 'reminder', t.email, t.name,
       'bpv: ' || count(*) || ' week(en) wachten op uw akkoord',
       group_concat(w.line, char(10)), 0, 0
FROM (SELECT p.trainer_id, monday,
             '  ' || monday || '  ' || su.name || ' (' || s.student_number || '), ' || (sum(e.minutes) / 60.0) ||
             ' uur' || char(10) || '    bpv approve-week ' || s.student_number || ' ' || monday AS line
      FROM (SELECT placement_id, minutes, date(entry_date, 'weekday 0', '-6 days') AS monday
            FROM entries WHERE status <> 'approved' AND entry_date < date('$last_monday', '+7 days')) AS e
      JOIN placements AS p ON p.id = e.placement_id
      JOIN students AS s ON s.id = p.student_id
      JOIN users AS su ON su.id = s.user_id
      WHERE p.end_date >= '$ending_from'
      GROUP BY e.placement_id, e.monday
      ORDER BY p.trainer_id, e.monday) AS w
JOIN users AS t ON t.id = w.trainer_id
GROUP BY w.trainer_id;
SQL

seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", b - a }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

: >"$work/bpv.times"
: >"$work/floor.times"
for ((i = 1; i <= runs; i++)); do
  cp "$data/bench.db" "$work/run.db"
  start=$EPOCHREALTIME
  "$jobs" --db "$work/run.db" --now "$now" --json run reminders --no-send >"$work/report.json" ||
    die "bpv-jobs run reminders failed"
  end=$EPOCHREALTIME
  seconds "$start" "$end" >>"$work/bpv.times"
  queued=$(sqlite3 "$work/run.db" "SELECT count(*) FROM outbox")
  [[ $queued -eq $trainers ]] || die "bpv queued $queued reminders for $trainers trainers with waiting weeks"

  cp "$data/bench.db" "$work/run.db"
  start=$EPOCHREALTIME
  sqlite3 "$work/run.db" <"$work/floor.sql" || die "the floor's SQL failed"
  end=$EPOCHREALTIME
  seconds "$start" "$end" >>"$work/floor.times"
  floor_queued=$(sqlite3 "$work/run.db" "SELECT count(*) FROM outbox")
  [[ $floor_queued -eq $trainers ]] || die "the floor queued $floor_queued rows for $trainers trainers"
done

bpv_median=$(median <"$work/bpv.times")
floor_median=$(median <"$work/floor.times")
echo
echo "Reminders: $trainers trainers with $weeks waiting weeks ($placements placements), $runs runs, median"
printf '  %-44s %8s s\n' "bpv-jobs run reminders --no-send" "$bpv_median"
printf '  %-44s %8s s\n' "floor: sqlite3 shell, the same SQL work" "$floor_median"
awk -v b="$bpv_median" -v f="$floor_median" 'BEGIN {
  printf "  ratio %.2fx the floor; goal under 2 s: %s\n", b / f, (b < 2 ? "met" : "NOT met") }'
