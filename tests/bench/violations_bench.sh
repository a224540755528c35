#!/usr/bin/env bash
# Violations benchmark: `bpv-jobs run violations` (the rule checks of issue 4) over a whole
# college. A full run is measured against the floor, the sqlite3 shell summing the same entries
# per placement and ISO week; an incremental run is measured after one new week of entries.
#
# usage: tests/bench/violations_bench.sh BUILD_DIR [PLACEMENTS]
#
# Measures, as issue 4 ("Performance") asks:
#   full run      bpv-jobs --db DB --now T run violations --full
#                 goal: a median of at most 2x the floor's median, the floor being
#                 sqlite3 DB "SELECT placement_id, <Monday of entry_date>, sum(minutes)
#                 FROM entries GROUP BY placement_id, <Monday>" over the same rows, to /dev/null
#   incremental   bpv-jobs --db DB --now T' run violations, after `bpv import hours` of one
#                 week of entries; goal: a median under 1 second
#   again         the same run a few minutes later, with nothing left to do (no goal)
#
# PLACEMENTS defaults to 50000, which makes 8,000,000 hour rows. The generated CSVs are cached
# in BUILD_DIR/bench-data/PLACEMENTS/ (or $BPV_BENCH_DATA/PLACEMENTS/), shared with the other
# benchmarks (college_data.sh).
#
# The database: workflow_bench.sh's cached import (workflow.db beside the CSVs) when its stamp
# names the current schema and it is not older than the CSVs; otherwise a plain import of the
# generated CSVs (clock: the Monday 09:00 after the last end date), cached beside them as
# violations.db and reused while the CSVs, the schema and this script's setup stay the same.
# BPV_BENCH_REIMPORT=1 ignores both caches and imports afresh (after a change to the importer).
# Every run works on a copy in a temporary folder under ${TMPDIR:-/tmp}, removed at the end; it
# needs room there for two copies of the database (about 1.3 GB with 50,000 placements).
#
# The new week W: by default the middle one of the weeks in which at least 90% as many
# placements have hours as in the busiest week (with 50,000 placements: every placement, 250,000
# entries); BPV_BENCH_WEEK=2026-W23 picks another. Before anything else, W's entries are
# exported to an hours CSV (student_number, date, hours as H:MM, activity, status) and deleted
# from the copy with sqlite3. The clock T is the Monday after W, 03:00 in the default zone
# (Europe/Amsterdam): the nightly run after W's last day. The full runs run at T, W missing; the
# weeks after W stay in the database, so the full runs and the floor see all other rows of the
# college. Then the administrator imports W's CSV at T + 30 minutes (untimed), the incremental
# run runs at T' = T + 1 hour, and the run with nothing to do at T' + 5 minutes.
#
# The floor and the full run take turns, BPV_BENCH_RUNS times (default 3), after one untimed
# floor run that reads the database into the page cache. The two incremental runs are repeated
# as often, each time on a copy of the database as it was just after the import.
#
# Prints a report and exits 0 whether or not the goals hold; exits 1 when a command fails or
# gives a result that makes the measurement meaningless, and 2 on a usage error.

set -euo pipefail

readonly goal_max_ratio=2.0
readonly goal_incremental_seconds=1.0
readonly admin_email=admin@school.example.nl
readonly admin_password=bench-password
# Bump when the way violations.db is set up changes, so cached databases are rebuilt.
readonly setup_version=1

die() {
  echo "violations_bench: $*" >&2
  exit 1
}

usage() {
  echo "usage: $0 BUILD_DIR [PLACEMENTS]" >&2
  exit 2
}

[[ $# -ge 1 && $# -le 2 ]] || usage
[[ -d $1 ]] || { echo "violations_bench: $1: no such build folder" >&2; usage; }
build_dir=$(cd "$1" && pwd)
placements=${2:-50000}
[[ $placements =~ ^[1-9][0-9]*$ ]] || { echo "violations_bench: PLACEMENTS must be a positive number, got '$placements'" >&2; usage; }
runs=${BPV_BENCH_RUNS:-3}
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "violations_bench: BPV_BENCH_RUNS must be a positive number, got '$runs'" >&2; usage; }
week_wanted=${BPV_BENCH_WEEK:-}
[[ -z $week_wanted || $week_wanted =~ ^[0-9]{4}-W[0-9]{2}$ ]] ||
  { echo "violations_bench: BPV_BENCH_WEEK must be an ISO week like 2026-W23, got '$week_wanted'" >&2; usage; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bpv=$build_dir/bpv
jobs=$build_dir/bpv-jobs
gen=$build_dir/tests/bench/bpv-gen-college
[[ -x $bpv ]] || die "$bpv not found; build the bpv target first"
[[ -x $jobs ]] || die "$jobs not found; build the bpv-jobs target first"
[[ -x $gen ]] || die "$gen not found; build the bpv-gen-college target first"
command -v sqlite3 >/dev/null || die "sqlite3 not found; install the sqlite3 package"
sqlite3=$(command -v sqlite3)

# A run sees only what this script sets: no server, no stored session, no user configuration
# (HOME too: the sqlite3 shell reads ~/.sqliterc). Each command gets its clock explicitly.
unset BPV_DB BPV_SERVER BPV_TOKEN BPV_CONFIG BPV_PROFILE BPV_NOW
export NO_COLOR=1

work=$(mktemp -d "${TMPDIR:-/tmp}/bpv-violations-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export HOME=$work/home XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data \
  XDG_STATE_HOME=$work/state XDG_CACHE_HOME=$work/cache
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME"

# Peak RSS of one command: $measure (GNU time, or a Python fallback; see measure.sh). The wall
# time is taken here, around it, to the microsecond.
# shellcheck source=tests/bench/measure.sh
source "$(dirname "${BASH_SOURCE[0]}")/measure.sh"

# --- The generated college, cached per size (the same cache as the other benchmarks) ----------

# shellcheck source=tests/bench/college_data.sh
source "$(dirname "${BASH_SOURCE[0]}")/college_data.sh"

# --- The database: a cached import, copied fresh for every run -----------------------------------

db=$work/bpv.db
workflow_db=$data/workflow.db
cache_db=$data/violations.db
schema_sum=$(cat "$repo"/schemas/sqlite/*.sql | cksum)
schema_key=${schema_sum// /:}

# The clock of an import of the whole college: the Monday 09:00 after the last end date, so no
# generated entry lies in the future. The end date is found by the header's name; the CSV is
# plain (no field holds a comma), so every row has as many fields as the header.
last_end=$(awk -F, '
  NR == 1 {
    for (i = 1; i <= NF; i++) if ($i == "end_date") c = i
    n = NF
    if (!c) { err = "no end_date column"; exit 1 }
    next
  }
  NF != n { err = "line " NR ": " NF " fields, not " n; exit 1 }
  $c > m { m = $c }
  END { if (err) { print err; exit 1 } print m }' "$data/placements.csv") ||
  die "$data/placements.csv: $last_end"
[[ $last_end =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || die "$data/placements.csv: no end dates"
import_now="$(date -u -d "$last_end + $((8 - $(date -u -d "$last_end" +%u))) days" +%F)T09:00"
cache_key="setup=$setup_version placements=$placements now=$import_now schema=$schema_key"

# workflow.db qualifies when it was made from these CSVs and with this schema; what else its
# stamp says (its trainer of 40 students and their end dates) does not matter here.
workflow_cache_ok() {
  [[ -f $workflow_db && -f $workflow_db.stamp && ! $data/stamp -nt $workflow_db ]] || return 1
  local stamp
  stamp=" $(<"$workflow_db.stamp") "
  [[ $stamp == *" placements=$placements "* && $stamp == *" schema=$schema_key "* ]]
}
own_cache_ok() {
  [[ -f $cache_db && -f $cache_db.stamp && ! $data/stamp -nt $cache_db &&
     $(<"$cache_db.stamp") == "$cache_key" ]]
}

# run_setup NAME STDIN CMD...: runs a setup step, stops the benchmark with its stderr on failure.
setup_steps=0
run_setup() {
  local name=$1 input=$2
  shift 2
  local log=$work/setup$((setup_steps++)) status=0 start=$EPOCHREALTIME
  "$@" <"$input" >"$log.out" 2>"$log.err" || status=$?
  if ((status != 0)); then
    echo "violations_bench: step '$name' failed with exit status $status: $*" >&2
    tail -n 20 "$log.err" >&2
    exit 1
  fi
  awk -v n="$name" -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "  %-34s %8.2f s\n", n, b - a }'
}

printf '%s\n' "$admin_password" >"$work/admin-password"

if [[ -z ${BPV_BENCH_REIMPORT:-} ]] && workflow_cache_ok; then
  echo "reusing $workflow_db"
  db_source=$workflow_db
  cp "$workflow_db" "$db"
elif [[ -z ${BPV_BENCH_REIMPORT:-} ]] && own_cache_ok; then
  echo "reusing $cache_db"
  db_source=$cache_db
  cp "$cache_db" "$db"
else
  echo "importing into a new database (BPV_NOW=$import_now) ..."
  rm -f "$cache_db" "$cache_db.stamp"
  run_setup "bpv init" "$work/admin-password" \
    env BPV_NOW="$import_now" "$bpv" --db "$db" init --admin-email "$admin_email" --password-stdin
  run_setup "bpv login (admin)" "$work/admin-password" \
    env BPV_NOW="$import_now" "$bpv" --db "$db" login --user "$admin_email" --password-stdin
  run_setup "bpv import placements" /dev/null \
    env BPV_NOW="$import_now" "$bpv" --db "$db" import placements "$data/placements.csv"
  run_setup "bpv import hours" /dev/null \
    env BPV_NOW="$import_now" "$bpv" --db "$db" import hours "$data/hours.csv"
  "$sqlite3" "$db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null || die "cannot checkpoint $db"
  [[ ! -s $db-wal ]] || die "$db: the write-ahead log is still in use after the import"
  cache_tmp=$(mktemp "$data/.violations.XXXXXX")
  cp "$db" "$cache_tmp"
  sync "$cache_tmp"
  mv "$cache_tmp" "$cache_db"
  echo "$cache_key" >"$cache_db.stamp"
  db_source="$cache_db (imported now)"
fi

sql() {
  "$sqlite3" -batch -noheader -separator ' ' "$db" "$1" || die "sqlite3 failed on: $1"
}
# sql_info SQL: for the report only; "n/a" when the query fails (say, a table the schema of the
# day does not have), and the rows joined by ", ".
sql_info() {
  local out
  out=$("$sqlite3" -batch -noheader -separator ' ' "$db" "$1" 2>/dev/null) || out="n/a"
  out=${out//$'\n'/, }
  echo "${out:-none}"
}

# --- The new week W and the clocks -------------------------------------------------------------

# The Monday of an entry's ISO week, in SQL.
readonly monday_of="date(entry_date, 'weekday 0', '-6 days')"

if [[ -n $week_wanted ]]; then
  year=${week_wanted%%-W*}
  number=$((10#${week_wanted##*-W}))
  # ISO week 1 holds 4 January.
  jan4="$year-01-04"
  monday=$(date -u -d "$jan4 - $(($(date -u -d "$jan4" +%u) - 1)) days + $(((number - 1) * 7)) days" +%F)
  [[ $(date -u -d "$monday" +%G-W%V) == "$week_wanted" ]] ||
    { echo "violations_bench: BPV_BENCH_WEEK: $week_wanted does not exist" >&2; usage; }
else
  # Placements with hours per week; the middle one of the weeks within 90% of the busiest.
  sql "SELECT monday, count(*) FROM (SELECT placement_id, $monday_of AS monday FROM entries
       GROUP BY placement_id, monday) GROUP BY monday ORDER BY monday" >"$work/weeks"
  monday=$(awk '{ w[NR] = $1; n[NR] = $2; if ($2 > max) max = $2 }
    END { for (i = 1; i <= NR; i++) if (n[i] >= 0.9 * max) c[++k] = w[i]; if (k) print c[int((k + 1) / 2)] }' "$work/weeks")
  [[ -n $monday ]] || die "the database holds no entries"
fi
sunday=$(date -u -d "$monday + 6 days" +%F)
week=$(date -u -d "$monday" +%G-W%V)
next_monday=$(date -u -d "$monday + 7 days" +%F)
# Local times in the default zone (Europe/Amsterdam); a Monday is never a day of a DST change.
full_now=${next_monday}T03:00
week_import_now=${next_monday}T03:30
incremental_now=${next_monday}T04:00
again_now=${next_monday}T04:05

in_week="entry_date BETWEEN '$monday' AND '$sunday'"
week_counts=$(sql "SELECT count(*), count(DISTINCT placement_id), sum(status = 'correction_requested')
  FROM entries WHERE $in_week")
read -r week_entries week_placements week_corrections <<<"$week_counts"
((week_entries > 0)) || die "week $week ($monday to $sunday) has no entries; choose another with BPV_BENCH_WEEK"
((${week_corrections:-0} == 0)) ||
  die "week $week has $week_corrections entries awaiting correction, which the hours import cannot restore; choose another with BPV_BENCH_WEEK"
# The hours import takes one row per student and date.
doubles=$(sql "SELECT count(*) FROM (SELECT 1 FROM entries e JOIN placements p ON p.id = e.placement_id
  WHERE e.$in_week GROUP BY p.student_id, e.entry_date HAVING count(*) > 1)")
((doubles == 0)) || die "week $week has $doubles student-days in two placements; choose another with BPV_BENCH_WEEK"

# --- Week W out of the database: exported as an hours CSV, then deleted ------------------------

# The hours import's columns (schemas/import.md); hours as H:MM, exact for any number of
# minutes; RFC 4180 quoting by the sqlite3 shell; LF line ends.
week_csv=$work/hours-$week.csv
"$sqlite3" -batch "$db" '.headers on' '.mode csv' '.separator , "\n"' \
  "SELECT s.student_number AS student_number, e.entry_date AS date,
          printf('%d:%02d', e.minutes / 60, e.minutes % 60) AS hours,
          e.activity AS activity, e.status AS status
   FROM entries e JOIN placements p ON p.id = e.placement_id JOIN students s ON s.id = p.student_id
   WHERE e.$in_week ORDER BY s.student_number, e.entry_date" >"$week_csv" ||
  die "cannot export week $week to $week_csv"
[[ $(head -n 1 "$week_csv") == "student_number,date,hours,activity,status" ]] ||
  die "$week_csv: unexpected header '$(head -n 1 "$week_csv")'"

deleted=$(sql "PRAGMA foreign_keys = ON; DELETE FROM entries WHERE $in_week; SELECT changes();")
((deleted == week_entries)) || die "deleted $deleted entries of week $week, not $week_entries"
sql "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
total_entries=$(sql "SELECT count(*) FROM entries")
total_placements=$(sql "SELECT count(*) FROM placements")
# The copy is dirty in the page cache: written back now, not by the kernel during the timing.
sync "$db"

# --- Timing --------------------------------------------------------------------------------------

# timed NAME OUT CMD...: runs CMD (stdin /dev/null, stdout to OUT, stderr to $work/NAME.err),
# sets took_us (wall time in microseconds) and took_kb (peak RSS in KiB), and stops the
# benchmark with the command's stderr when it fails.
timed() {
  local name=$1 out=$2 start end status=0
  shift 2
  start=$EPOCHREALTIME
  "${measure[@]}" "$work/$name.time" "$@" </dev/null >"$out" 2>"$work/$name.err" || status=$?
  end=$EPOCHREALTIME
  if ((status != 0)); then
    echo "violations_bench: $name failed with exit status $status: $*" >&2
    tail -n 20 "$work/$name.err" >&2
    exit 1
  fi
  # EPOCHREALTIME has six decimals, and its decimal separator follows the locale.
  took_us=$((${end/[.,]/} - ${start/[.,]/}))
  took_kb=$(tail -n 1 "$work/$name.time")
  took_kb=${took_kb#* }
}

# stats_s MICROSECONDS...: the median and the minimum in seconds.
stats_s() {
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 }
    END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f %.3f", m / 1e6, v[1] / 1e6 }'
}
# list_s MICROSECONDS...: every run in seconds, in order.
list_s() { printf '%s\n' "$@" | awk '{ printf "%s%.3f", (NR > 1 ? " " : ""), $1 / 1e6 }'; }
# max_mb KIB...: the largest, in MB.
max_mb() { printf '%s\n' "$@" | sort -n | tail -n 1 | awk '{ printf "%.1f", $1 / 1024 }'; }

# The same connection settings as bpv (journal_mode WAL is kept in the file itself).
readonly floor_pragmas="PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
readonly floor_sql="SELECT placement_id, $monday_of AS monday, sum(minutes) FROM entries GROUP BY placement_id, monday;"

# --- (a) Full runs against the floor, at T ------------------------------------------------------

echo "week $week ($monday to $sunday): $week_entries entries of $week_placements placements taken out"
echo "warming the page cache (one untimed floor run) ..."
timed floor-warmup /dev/null "$sqlite3" "$db" "$floor_pragmas $floor_sql"

echo "timing $runs full runs and $runs floor runs (BPV_NOW=$full_now) ..."
full_us=() full_kb=() floor_us=() floor_kb=()
for ((i = 1; i <= runs; i++)); do
  timed "floor$i" /dev/null "$sqlite3" "$db" "$floor_pragmas $floor_sql"
  floor_us+=("$took_us")
  floor_kb+=("$took_kb")
  timed "full$i" "$work/full$i.out" "$jobs" --db "$db" --now "$full_now" run violations --full
  full_us+=("$took_us")
  full_kb+=("$took_kb")
done
flags_after_full=$(sql_info "SELECT count(*) FROM flags WHERE resolved_at IS NULL")
week_flags_after_full=$(sql_info "SELECT code || ' ' || count(*) FROM flags
  WHERE resolved_at IS NULL AND week_monday = '$monday' GROUP BY code ORDER BY code")

# --- (b) Week W imported, then incremental runs at T' ------------------------------------------

echo "importing week $week as the administrator (BPV_NOW=$week_import_now) ..."
run_setup "bpv login (admin)" "$work/admin-password" \
  env BPV_NOW="$week_import_now" "$bpv" --db "$db" login --user "$admin_email" --password-stdin
import_start=$EPOCHREALTIME
run_setup "bpv import hours (week $week)" /dev/null \
  env BPV_NOW="$week_import_now" "$bpv" --db "$db" import hours "$week_csv"
import_s=$(awk -v a="$import_start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
restored=$(sql "SELECT count(*) FROM entries WHERE $in_week")
((restored == week_entries)) || die "the import of $week_csv left $restored entries in week $week, not $week_entries"
queued=$(sql_info "SELECT count(*) FROM rule_checks_due")

# Every repetition starts from the database as the import left it.
sql "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
[[ ! -s $db-wal ]] || die "$db: the write-ahead log is still in use after the import"
snapshot=$work/after-import.db
cp "$db" "$snapshot"

echo "timing $runs incremental runs (BPV_NOW=$incremental_now, then $again_now) ..."
inc_us=() inc_kb=() again_us=() again_kb=()
for ((i = 1; i <= runs; i++)); do
  if ((i > 1)); then
    rm -f "$db-wal" "$db-shm"
    cp "$snapshot" "$db"
  fi
  sync "$db"
  timed "incremental$i" "$work/incremental$i.out" "$jobs" --db "$db" --now "$incremental_now" run violations
  inc_us+=("$took_us")
  inc_kb+=("$took_kb")
  if ((i == 1)); then
    queued_after=$(sql_info "SELECT count(*) FROM rule_checks_due")
    week_flags_after_incremental=$(sql_info "SELECT code || ' ' || count(*) FROM flags
      WHERE resolved_at IS NULL AND week_monday = '$monday' GROUP BY code ORDER BY code")
  fi
  timed "again$i" "$work/again$i.out" "$jobs" --db "$db" --now "$again_now" run violations
  again_us+=("$took_us")
  again_kb+=("$took_kb")
done

history_status=0
"$jobs" --db "$db" --now "$again_now" history violations >"$work/history.out" 2>&1 </dev/null || history_status=$?

# --- Report --------------------------------------------------------------------------------------

full_s=$(stats_s "${full_us[@]}")
floor_s=$(stats_s "${floor_us[@]}")
inc_s=$(stats_s "${inc_us[@]}")
again_s=$(stats_s "${again_us[@]}")

echo
echo "bpv violations benchmark: $total_placements placements; $total_entries entries during the full runs,"
echo "week $week ($week_entries entries of $week_placements placements) imported before the incremental runs"
echo "database from $db_source"
echo "clock: full runs T=$full_now, import $week_import_now, incremental T'=$incremental_now, again $again_now"
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); sqlite3 $("$sqlite3" --version | cut -d' ' -f1); peak RSS from $rss_source"
echo "wall time of the whole process in seconds, median (and minimum) of $runs runs; peak RSS the largest of them"
echo "goals: full run at most ${goal_max_ratio}x the sqlite3 shell's per-placement, per-week totals; incremental run under ${goal_incremental_seconds} s"
awk -v load="$(cut -d' ' -f1 /proc/loadavg)" -v cores="$(nproc)" 'BEGIN {
  if (load > cores / 2)
    printf "note: other work keeps the machine busy (load %s on %d cores): the times are inflated, the ratios less so\n", load, cores
}'
[[ ! -e /etc/bpv/bpv.yaml ]] || echo "note: /etc/bpv/bpv.yaml exists; bpv and bpv-jobs read it (rules, calendar, time zone)"
echo
printf '%-40s %18s %12s %8s   %s\n' run seconds "peak RSS MB" ratio goal
row() {
  awk -v name="$1" -v s="$2" -v mb="$3" -v ratio="$4" -v goal="$5" 'BEGIN {
    split(s, v, " ")
    printf "%-40s %8.3f (%7.3f) %12s %8s   %s\n", name, v[1], v[2], mb, ratio, goal
  }'
}
ratio_goal=$(awk -v b="${full_s% *}" -v f="${floor_s% *}" -v goal="$goal_max_ratio" 'BEGIN {
  if (f <= 0) { print "- n/a"; exit }
  r = b / f
  printf "%.2fx %s\n", r, r <= goal ? "met" : "NOT met"
}')
inc_goal=$(awk -v s="${inc_s% *}" -v goal="$goal_incremental_seconds" 'BEGIN { print s < goal ? "met" : "NOT met" }')
row "full run (--full)" "$full_s" "$(max_mb "${full_kb[@]}")" "${ratio_goal% *}" "${ratio_goal#* } (at most ${goal_max_ratio}x)"
row "floor: sqlite3 per-placement week totals" "$floor_s" "$(max_mb "${floor_kb[@]}")" "" ""
row "incremental run after week $week" "$inc_s" "$(max_mb "${inc_kb[@]}")" "" "$inc_goal (under ${goal_incremental_seconds} s)"
row "incremental run, nothing to do" "$again_s" "$(max_mb "${again_kb[@]}")" "" "-"
echo
echo "every run in order (s): full $(list_s "${full_us[@]}"); floor $(list_s "${floor_us[@]}")"
echo "                        incremental $(list_s "${inc_us[@]}"); nothing to do $(list_s "${again_us[@]}")"
echo "the import of week $week (bpv import hours, no goal): $import_s s"
echo "open flags after the full runs: $flags_after_full; of week $week: $week_flags_after_full"
echo "open flags of week $week after the incremental run: $week_flags_after_incremental"
echo "placements queued for checking (rule_checks_due): after the import $queued, after the incremental run $queued_after"
echo
echo "output of the last full run:"
head -n 20 "$work/full$runs.out" | sed 's/^/  /'
echo "output of the first incremental run:"
head -n 20 "$work/incremental1.out" | sed 's/^/  /'
echo "output of the first run with nothing to do:"
head -n 20 "$work/again1.out" | sed 's/^/  /'
if ((history_status == 0)); then
  echo "bpv-jobs history violations (the last copy):"
  head -n 20 "$work/history.out" | sed 's/^/  /'
else
  echo "bpv-jobs history violations failed with exit status $history_status:"
  tail -n 5 "$work/history.out" | sed 's/^/  /'
fi
echo
echo "commands (DB a copy of the database with week $week deleted, then imported again):"
echo "  full:        bpv-jobs --db DB --now $full_now run violations --full"
echo "  floor:       sqlite3 DB \"$floor_pragmas $floor_sql\" >/dev/null"
echo "  import:      bpv --db DB login --user $admin_email --password-stdin; bpv --db DB import hours hours-$week.csv"
echo "               (both with BPV_NOW=$week_import_now; untimed)"
echo "  incremental: bpv-jobs --db DB --now $incremental_now run violations"
echo "  again:       bpv-jobs --db DB --now $again_now run violations"
