#!/usr/bin/env bash
# Workflow benchmark: a trainer's everyday commands on a whole college, each measured as a whole
# process against the floor, the sqlite3 shell running the equivalent SQL as a whole process.
#
# usage: tests/bench/workflow_bench.sh BUILD_DIR [PLACEMENTS]
#
# Measures, as the trainer of 40 students (issue 3, "Performance"):
#   students list   bpv --json students list
#   logbook show    bpv --json logbook show STUDENT          (the whole placement)
#   approve-week    bpv approve-week STUDENT WEEK            (a different week every run)
# Goals: a median of at most 20 ms per process, and at most 1.5x the floor's median.
#
# PLACEMENTS defaults to 50000, which makes 8,000,000 hour rows. The generated CSVs are cached
# in BUILD_DIR/bench-data/PLACEMENTS/ (or $BPV_BENCH_DATA/PLACEMENTS/), shared with
# import_bench.sh. The generator gives a trainer about 10 students, so before importing, the
# rows of the first companies in placements.csv that hold 40 students all get the trainer of
# the first of them, and those 40 placements end just after the benchmark's clock, so they are
# active, their weeks can still be approved and `students list` shows all 40 without
# --historical. The clock (BPV_NOW) is the Monday 09:00 after the last generated end date
# (override with BPV_BENCH_NOW; it must be after the last generated entry).
#
# The imported database is cached as workflow.db next to the CSVs and reused while the CSVs,
# the schema and this script's setup stay the same (BPV_BENCH_REIMPORT=1 imports afresh, e.g.
# after a change to the importer). Every run works on a fresh copy in a temporary folder under
# ${TMPDIR:-/tmp}, removed at the end.
#
# Each command runs BPV_BENCH_WARMUP times (default 3) untimed, then BPV_BENCH_RUNS times
# (default 30) timed, alternating with its floor so both see the same machine. Every approval
# (bpv's and the floor's) is of a week of submitted hours that no earlier run touched. A run's
# time is the wall time from starting the process (posix_spawn) to its exit, taken by
# bpv-spawn-time (build the bpv-spawn-time target; tests/bench/spawn_time.cpp says why).
#
# Prints a report and exits 0 whether or not the goals hold; exits 1 when a command fails or
# gives a result that makes the measurement meaningless, and 2 on a usage error.

set -euo pipefail

readonly goal_max_ms=20
readonly goal_max_ratio=1.5
readonly bench_students=40
readonly admin_email=admin@school.example.nl
readonly admin_password=bench-password
readonly trainer_password=trainer-password
# Bump when the way the database is set up changes, so cached databases are rebuilt.
readonly setup_version=1

die() {
  echo "workflow_bench: $*" >&2
  exit 1
}

usage() {
  echo "usage: $0 BUILD_DIR [PLACEMENTS]" >&2
  exit 2
}

[[ $# -ge 1 && $# -le 2 ]] || usage
[[ -d $1 ]] || { echo "workflow_bench: $1: no such build folder" >&2; usage; }
build_dir=$(cd "$1" && pwd)
placements=${2:-50000}
[[ $placements =~ ^[1-9][0-9]*$ ]] || { echo "workflow_bench: PLACEMENTS must be a positive number, got '$placements'" >&2; usage; }
runs=${BPV_BENCH_RUNS:-30}
warmup=${BPV_BENCH_WARMUP:-3}
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "workflow_bench: BPV_BENCH_RUNS must be a positive number, got '$runs'" >&2; usage; }
[[ $warmup =~ ^[0-9]+$ ]] || { echo "workflow_bench: BPV_BENCH_WARMUP must be a number, got '$warmup'" >&2; usage; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bpv=$build_dir/bpv
gen=$build_dir/tests/bench/bpv-gen-college
spawn_time=$build_dir/tests/bench/bpv-spawn-time
[[ -x $bpv ]] || die "$bpv not found; build the bpv target first"
[[ -x $gen ]] || die "$gen not found; build the bpv-gen-college target first"
[[ -x $spawn_time ]] || die "$spawn_time not found; build the bpv-spawn-time target first"
command -v sqlite3 >/dev/null || die "sqlite3 not found; install the sqlite3 package"
sqlite3=$(command -v sqlite3)

# A run sees only what this script sets: no server, no stored session, no user configuration
# (HOME too: the sqlite3 shell reads ~/.sqliterc).
unset BPV_DB BPV_SERVER BPV_TOKEN BPV_CONFIG BPV_PROFILE BPV_NOW
export NO_COLOR=1

work=$(mktemp -d "${TMPDIR:-/tmp}/bpv-workflow-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export HOME=$work/home XDG_DATA_HOME=$work/data XDG_STATE_HOME=$work/state
admin_config=$work/admin-config
trainer_config=$work/trainer-config
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$admin_config" "$trainer_config"
export XDG_CONFIG_HOME=$admin_config

# --- The generated college, cached per size (the same cache as import_bench.sh) -----------------

# shellcheck source=tests/bench/college_data.sh
source "$(dirname "${BASH_SOURCE[0]}")/college_data.sh"

# --- The clock and the trainer of 40 students ---------------------------------------------------

# The placements CSV is plain: no field holds a comma (the generator quotes none that do), so
# awk -F, sees 23 fields on every row; anything else stops the benchmark rather than guessing.
last_end=$(awk -F, 'NR > 1 { if (NF != 23) { bad = NR; exit } if ($19 > m) m = $19 }
  END { if (bad) { print "line " bad ": not 23 fields"; exit 1 } print m }' "$data/placements.csv") ||
  die "$data/placements.csv: $last_end"
if [[ -n ${BPV_BENCH_NOW:-} ]]; then
  now=$BPV_BENCH_NOW
else
  # The Monday after the last end date (a Friday), 09:00 in the default zone (Europe/Amsterdam).
  now="$(date -u -d "$last_end + $((8 - $(date -u -d "$last_end" +%u))) days" +%F)T09:00"
fi
today=${now:0:10}
[[ $today =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || die "BPV_BENCH_NOW: expected a date-time like 2026-10-05T09:00, got '$now'"
now_epoch=$(TZ=Europe/Amsterdam date -d "$(tr 'T' ' ' <<<"$now")" +%s) ||
  die "BPV_BENCH_NOW: cannot read '$now'"
# The 40 placements end on the Friday of the clock's week (or later): active, still approvable.
bench_end=$(date -u -d "$today + $(((5 - $(date -u -d "$today" +%u) + 7) % 7)) days" +%F)
export BPV_NOW=$now

# Writes the placements CSV with the trainer of 40 students, and prints that trainer's e-mail.
bench_placements=$work/placements.csv
make_bench_placements() {
  awk -F, -v OFS=, -v want="$bench_students" -v end="$bench_end" -v out="$bench_placements" '
    NR == FNR { if (FNR > 1) count[$10 FS $11]++; next }
    FNR == 1 { print > out; next }
    {
      key = $10 FS $11
      if (!(key in chosen) && taken < want) { chosen[key] = 1; taken += count[key] }
      if ((key in chosen) && moved < want) {
        if (moved == 0) { name = $12; email = $13; phone = $14 }
        $12 = name; $13 = email; $14 = phone
        if ($19 < end) $19 = end
        moved++
      }
      print > out
    }
    END { print email " " moved }' "$data/placements.csv" "$data/placements.csv"
}
bench_trainer=$(make_bench_placements) || die "could not write $bench_placements"
read -r trainer_email trainer_students <<<"$bench_trainer"
[[ -n $trainer_email && $trainer_students -gt 0 ]] || die "could not pick a trainer in $data/placements.csv"

# --- The database: imported once per size, cached, copied fresh for every run --------------------

db=$work/bpv.db
cache_db=$data/workflow.db
schema_sum=$(cat "$repo"/schemas/sqlite/*.sql | cksum)
cache_key="setup=$setup_version placements=$placements students=$bench_students trainer=$trainer_email end=$bench_end now=$now schema=${schema_sum// /:}"

# run_setup NAME STDIN CMD...: runs a setup step, stops the benchmark with its stderr on failure.
setup_steps=0
run_setup() {
  local name=$1 input=$2
  shift 2
  local log=$work/setup$((setup_steps++)) status=0 start=$EPOCHREALTIME
  "$@" <"$input" >"$log.out" 2>"$log.err" || status=$?
  if ((status != 0)); then
    echo "workflow_bench: step '$name' failed with exit status $status: $*" >&2
    tail -n 20 "$log.err" >&2
    exit 1
  fi
  awk -v n="$name" -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "  %-28s %8.2f s\n", n, b - a }'
}

printf '%s\n' "$admin_password" >"$work/admin-password"
printf '%s\n' "$trainer_password" >"$work/trainer-password"

if [[ -z ${BPV_BENCH_REIMPORT:-} && -f $cache_db && -f $cache_db.stamp &&
      ! $data/stamp -nt $cache_db && $(<"$cache_db.stamp") == "$cache_key" ]]; then
  echo "reusing $cache_db"
  cp "$cache_db" "$db"
else
  echo "importing into a new database (BPV_NOW=$now) ..."
  rm -f "$cache_db" "$cache_db.stamp"
  run_setup "bpv init" "$work/admin-password" \
    "$bpv" --db "$db" init --admin-email "$admin_email" --password-stdin
  run_setup "bpv login (admin)" "$work/admin-password" \
    "$bpv" --db "$db" login --user "$admin_email" --password-stdin
  run_setup "bpv import placements" /dev/null \
    "$bpv" --db "$db" import placements "$bench_placements"
  run_setup "bpv import hours" /dev/null \
    "$bpv" --db "$db" import hours "$data/hours.csv"
  run_setup "bpv users set-password" "$work/trainer-password" \
    "$bpv" --db "$db" users set-password "$trainer_email" --password-stdin
  "$sqlite3" "$db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null || die "cannot checkpoint $db"
  [[ ! -s $db-wal ]] || die "$db: the write-ahead log is still in use after the import"
  cache_tmp=$(mktemp "$data/.workflow.XXXXXX")
  cp "$db" "$cache_tmp"
  sync "$cache_tmp"
  mv "$cache_tmp" "$cache_db"
  echo "$cache_key" >"$cache_db.stamp"
fi

# The trainer signs in with a credentials file of their own, as on their own machine.
export XDG_CONFIG_HOME=$trainer_config
run_setup "bpv login (trainer)" "$work/trainer-password" \
  "$bpv" --db "$db" login --user "$trainer_email" --password-stdin
# The copy is dirty in the page cache: written back now, not by the first approval's checkpoint
# or by the kernel in the middle of the timing.
sync "$db"

# --- What the runs work on -----------------------------------------------------------------------

sql() {
  "$sqlite3" -batch -noheader -separator ' ' "$db" "$1" || die "sqlite3 failed on: $1"
}
quote() { printf "'%s'" "${1//\'/\'\'}"; }

trainer_id=$(sql "SELECT id FROM users WHERE email = $(quote "$trainer_email") AND role = 'trainer'")
[[ -n $trainer_id ]] || die "the trainer $trainer_email is not in the database"
students_active=$(sql "SELECT count(*) FROM placements WHERE trainer_id = $trainer_id AND end_date >= '$today'")
((students_active > 0)) || die "the trainer $trainer_email has no active placements on $today"
totals=$(sql "SELECT (SELECT count(*) FROM placements), (SELECT count(*) FROM entries)")
read -r total_placements total_entries <<<"$totals"
# The logbook of the first student: their whole placement.
logbook=$(sql "SELECT s.student_number, p.id, (SELECT count(*) FROM entries e WHERE e.placement_id = p.id)
  FROM placements p JOIN students s ON s.id = p.student_id
  WHERE p.trainer_id = $trainer_id AND p.end_date >= '$today'
  ORDER BY s.student_number, p.start_date LIMIT 1")
read -r logbook_student logbook_placement logbook_entries <<<"$logbook"

# Weeks with submitted hours, one line each: student, ISO week, placement, Monday, Sunday, entries
# and minutes; ordered by week, then student, so bpv (even lines) and the floor (odd lines)
# approve alike weeks. ISO week: the year and week of the week's Thursday.
sql "SELECT s.student_number,
       printf('%s-W%02d', strftime('%Y', w.monday, '+3 days'),
              (CAST(strftime('%j', w.monday, '+3 days') AS INTEGER) - 1) / 7 + 1),
       w.placement_id, w.monday, date(w.monday, '+6 days'), w.n, w.minutes
     FROM (SELECT e.placement_id, date(e.entry_date, 'weekday 0', '-6 days') AS monday,
                  count(*) AS n, sum(e.minutes) AS minutes
           FROM placements p JOIN entries e ON e.placement_id = p.id
           WHERE p.trainer_id = $trainer_id AND e.status = 'submitted'
           GROUP BY e.placement_id, monday) w
     JOIN placements p ON p.id = w.placement_id JOIN students s ON s.id = p.student_id
     WHERE w.monday <= '$today'
     ORDER BY w.monday, s.student_number" >"$work/weeks"
mapfile -t approvable <"$work/weeks"
needed=$((2 * (warmup + runs)))
((${#approvable[@]} >= needed)) ||
  die "only ${#approvable[@]} weeks await approval, and $needed runs need a fresh one each; use a larger college or fewer BPV_BENCH_RUNS"

# --- The commands and their floors ---------------------------------------------------------------

# Each command line runs as "${timed[@]}" COMMAND...: untimed (the checks below) while $timed is
# empty; time_run sets it to bpv-spawn-time (tests/bench/spawn_time.cpp), which starts the
# command with posix_spawn and writes its wall time from start to exit. Timing from bash around
# the command would add bash's fork of itself (3-5 ms here, /usr/bin/true included) to every
# figure.
timed=()

# The same connection settings as bpv (journal_mode WAL is kept in the file itself).
readonly floor_pragmas="PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"

bpv_students_list() { "${timed[@]}" "$bpv" --db "$db" --json students list; }
floor_students_list() {
  # The trainer's active placements with student, user and company, and per placement the
  # approved and pending minutes and the weeks awaiting approval and overdue (the deadline of a
  # week is the Monday after it), from the entries grouped by ISO week as bpv groups them.
  "${timed[@]}" "$sqlite3" "$db" "$floor_pragmas
    WITH mine AS (
      SELECT id, student_id, company_id, start_date, end_date, contract_minutes FROM placements
      WHERE trainer_id = $trainer_id AND end_date >= '$today'),
    weeks AS (
      SELECT e.placement_id, date(e.entry_date, 'weekday 0', '-6 days') AS monday,
             sum(e.minutes) AS total, sum(CASE WHEN e.status = 'approved' THEN e.minutes ELSE 0 END) AS approved,
             count(*) AS n, sum(e.status = 'approved') AS n_approved
      FROM mine JOIN entries e ON e.placement_id = mine.id
      GROUP BY e.placement_id, monday),
    totals AS (
      SELECT placement_id, sum(approved) AS approved, sum(total - approved) AS pending,
             sum(n_approved < n) AS awaiting,
             sum(n_approved < n AND monday < date('$today', '-7 days')) AS overdue
      FROM weeks GROUP BY placement_id)
    SELECT s.student_number, su.name, su.email, c.name, m.id, m.start_date, m.end_date,
           m.contract_minutes, coalesce(t.approved, 0), coalesce(t.pending, 0),
           coalesce(t.awaiting, 0), coalesce(t.overdue, 0)
    FROM mine m JOIN students s ON s.id = m.student_id JOIN users su ON su.id = s.user_id
    JOIN companies c ON c.id = m.company_id LEFT JOIN totals t ON t.placement_id = m.id
    ORDER BY s.student_number, m.start_date;"
}

bpv_logbook_show() { "${timed[@]}" "$bpv" --db "$db" --json logbook show "$logbook_student"; }
floor_logbook_show() {
  "${timed[@]}" "$sqlite3" "$db" "$floor_pragmas
    SELECT entry_date, minutes, activity, status, approved_by, approved_at FROM entries
    WHERE placement_id = $logbook_placement ORDER BY entry_date;
    SELECT id, entry_date, week_monday, reason, requested_by, requested_at FROM correction_requests
    WHERE placement_id = $logbook_placement AND resolved_at IS NULL ORDER BY id;"
}

# approve-week run i approves line 2i (bpv) or 2i+1 (floor) of the weeks awaiting approval.
bpv_approve_week() {
  local student week rest
  read -r student week rest <<<"${approvable[2 * $1]}"
  "${timed[@]}" "$bpv" --db "$db" approve-week "$student" "$week"
}
floor_approve_week() {
  local student week placement monday sunday n minutes before after
  read -r student week placement monday sunday n minutes <<<"${approvable[2 * $1 + 1]}"
  before="json_object('week', '$week', 'entries', $n, 'hours', $minutes / 60.0, 'status', 'submitted')"
  after="json_object('week', '$week', 'entries', $n, 'hours', $minutes / 60.0, 'status', 'approved')"
  "${timed[@]}" "$sqlite3" "$db" "$floor_pragmas
    BEGIN IMMEDIATE;
    UPDATE entries SET status = 'approved', approved_by = $trainer_id, approved_at = $now_epoch,
      updated_at = $now_epoch
    WHERE placement_id = $placement AND entry_date BETWEEN '$monday' AND '$sunday'
      AND status = 'submitted';
    INSERT INTO audit_events (at, actor_id, action, placement_id, subject, before, after)
    VALUES ($now_epoch, $trainer_id, 'week.approve', $placement, '$week', $before, $after);
    COMMIT;"
}

# --- Checks that the commands do the work the goal names -----------------------------------------

check_output() {
  local name=$1 pattern=$2 want=$3 got
  got=$({ grep -o "$pattern" "$work/check.out" || true; } | wc -l)
  ((got == want)) || die "$name: expected $want occurrences of $pattern in its output, got $got"
}
run_check() {
  local name=$1
  shift
  "$@" >"$work/check.out" 2>"$work/check.err" || {
    echo "workflow_bench: $name failed with exit status $?" >&2
    tail -n 20 "$work/check.err" >&2
    exit 1
  }
}
# json_sum FIELD: the sum of a numeric field over bpv's JSON output in check.out.
json_sum() {
  { grep -o "\"$1\": *[0-9.]*" "$work/check.out" || true; } | awk -F: '{ s += $2 } END { printf "%.1f", s }'
}
run_check "bpv students list" bpv_students_list
check_output "bpv students list" '"placement_id"' "$students_active"
bpv_sums="$(json_sum approved_hours) $(json_sum pending_hours) $(json_sum weeks_awaiting_approval) $(json_sum weeks_overdue)"
run_check "sqlite3 students list" floor_students_list
((students_active == $(wc -l <"$work/check.out"))) || die "the students list floor gave $(wc -l <"$work/check.out") rows, not $students_active"
floor_sums=$(awk -F'|' '{ a += $9; p += $10; w += $11; o += $12 }
  END { printf "%.1f %.1f %.1f %.1f", a / 60, p / 60, w, o }' "$work/check.out")
[[ $bpv_sums == "$floor_sums" ]] ||
  die "bpv students list and its floor disagree on the sums of approved hours, pending hours, weeks awaiting approval and weeks overdue: $bpv_sums against $floor_sums"
run_check "bpv logbook show" bpv_logbook_show
check_output "bpv logbook show" '"date"' "$logbook_entries"
run_check "sqlite3 logbook show" floor_logbook_show

# --- Timing --------------------------------------------------------------------------------------

# stats_ms MICROSECONDS...: prints the median and the minimum in milliseconds.
stats_ms() {
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 }
    END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f %.2f", m / 1000, v[1] / 1000 }'
}

# time_run FN I: runs FN I with its output discarded, prints its wall time in microseconds, and
# stops the benchmark with its stderr when it fails.
time_run() {
  local status=0 wall rest
  local -a timed=("$spawn_time" "$work/time")
  rm -f "$work/time"
  "$1" "$2" >/dev/null 2>"$work/run.err" || status=$?
  if ((status != 0)); then
    echo "workflow_bench: $1 (run $2) failed with exit status $status" >&2
    tail -n 20 "$work/run.err" >&2
    exit 1
  fi
  read -r wall rest <"$work/time" || die "$1 (run $2): bpv-spawn-time wrote no time"
  echo "$wall"
}

names=()
declare -A label bpv_ms floor_ms
# What starting any process costs on this machine, part of every figure: /usr/bin/true, timed
# in between the others.
true_cmd=$(type -P true)
spawn() { "${timed[@]}" "$true_cmd"; }
spawn_us=()

# bench KEY LABEL: warm-up, then runs of bpv_KEY, floor_KEY and spawn in turn.
bench() {
  local key=$1 i t
  local -a bpv_us=() floor_us=()
  names+=("$key")
  label[$key]=$2
  for ((i = 0; i < warmup + runs; i++)); do
    t=$(time_run "bpv_$key" "$i") || exit 1
    ((i < warmup)) || bpv_us+=("$t")
    t=$(time_run "floor_$key" "$i") || exit 1
    ((i < warmup)) || floor_us+=("$t")
    t=$(time_run spawn "$i") || exit 1
    ((i < warmup)) || spawn_us+=("$t")
  done
  bpv_ms[$key]=$(stats_ms "${bpv_us[@]}")
  floor_ms[$key]=$(stats_ms "${floor_us[@]}")
}

# For reference, no goal: starting each program without opening a database.
bpv_startup() { "${timed[@]}" "$bpv" --version; }
floor_startup() { "${timed[@]}" "$sqlite3" --version; }

echo "timing $runs runs of each command (after $warmup warm-up runs) ..."
bench students_list "students list ($students_active students)"
bench logbook_show "logbook show ($logbook_entries entries)"
bench startup "start-up only (--version)"
# Last: approving writes, and the writes' checkpoints leave work for the kernel behind.
approved_before=$(sql "SELECT count(*) FROM entries e JOIN placements p ON p.id = e.placement_id
  WHERE p.trainer_id = $trainer_id AND e.status = 'approved'")
bench approve_week "approve-week (a fresh week each)"

# Every approval approved its whole week: bpv's and the floor's.
expected=0
for ((i = 0; i < needed; i++)); do
  read -r _ _ _ _ _ n _ <<<"${approvable[i]}"
  expected=$((expected + n))
done
approved_after=$(sql "SELECT count(*) FROM entries e JOIN placements p ON p.id = e.placement_id
  WHERE p.trainer_id = $trainer_id AND e.status = 'approved'")
(((approved_after - approved_before) == expected)) ||
  die "approve-week: $((approved_after - approved_before)) entries were approved, not the $expected of the $needed weeks"
audited=$(sql "SELECT count(*) FROM audit_events WHERE actor_id = $trainer_id AND action = 'week.approve'")
((audited == needed)) || die "approve-week: $audited audit events, not $needed"

spawn_ms=$(stats_ms "${spawn_us[@]}")

# --- Report --------------------------------------------------------------------------------------

echo
echo "bpv workflow benchmark: $total_placements placements, $total_entries entries; trainer $trainer_email"
echo "with $students_active active students; BPV_NOW=$now; $runs runs after $warmup warm-up runs"
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); sqlite3 $("$sqlite3" --version | cut -d' ' -f1)"
echo "wall time of the whole process in ms, median (and minimum); starting $true_cmd takes ${spawn_ms% *} (${spawn_ms#* })"
echo "goals on the medians: at most $goal_max_ms ms, and at most ${goal_max_ratio}x the sqlite3 shell"
awk -v load="$(cut -d' ' -f1 /proc/loadavg)" -v cores="$(nproc)" 'BEGIN {
  if (load > cores / 2)
    printf "note: other work keeps the machine busy (load %s on %d cores): the times are inflated, the ratios less so\n", load, cores
}'
echo
printf '%-34s %17s %17s %7s   %-8s %s\n' command "bpv" "sqlite3" ratio "${goal_max_ms} ms" "${goal_max_ratio}x"
for key in "${names[@]}"; do
  goals=1
  [[ $key != startup ]] || goals=0
  awk -v name="${label[$key]}" -v b="${bpv_ms[$key]}" -v f="${floor_ms[$key]}" \
    -v goal_ms="$goal_max_ms" -v goal_ratio="$goal_max_ratio" -v goals="$goals" 'BEGIN {
    split(b, bs, " "); split(f, fs, " ")
    ratio = fs[1] > 0 ? bs[1] / fs[1] : 0
    printf "%-34s %8.2f (%6.2f) %8.2f (%6.2f) %6.2fx   %-8s %s\n", name, bs[1], bs[2], fs[1], fs[2], ratio,
      (!goals ? "-" : bs[1] <= goal_ms ? "met" : "NOT met"),
      (!goals ? "-" : fs[1] > 0 && ratio <= goal_ratio ? "met" : "NOT met")
  }'
done
echo
echo "commands (as the trainer; bpv output to /dev/null):"
echo "  bpv --db DB --json students list"
echo "  bpv --db DB --json logbook show $logbook_student"
echo "  bpv --db DB approve-week STUDENT WEEK    (e.g. ${approvable[0]%% *} $(cut -d' ' -f2 <<<"${approvable[0]}"))"
echo "floors: sqlite3 DB \"SQL\" doing the same SQL work (floor_* in $0);"
echo "start-up: bpv --version against sqlite3 --version, for reference"
