#!/usr/bin/env bash
# Export benchmark (issue 6, "Performance"): the generated college's 8,000,000 entries exported
# by `bpv export hours --format csv --out FILE` as a whole process, against the floor: the
# sqlite3 shell writing the same join (entries with their student, programme, company, trainer
# and approver) as CSV to a file. Then XLSX of about 1,000,000 rows (the college's first weeks).
# Goals: CSV within 1.3x the floor; peak memory under 64 MB for both (GNU time's maximum RSS).
#
# usage: tests/bench/export_bench.sh BUILD_DIR [PLACEMENTS]
#
# Needs the database of tests/bench/workflow_bench.sh (BUILD_DIR/bench-data/PLACEMENTS/
# workflow.db; run that benchmark first). Its copy export.db, next to it, gets the rule checks'
# flags once (bpv-jobs run violations --full), so the open_flags column has something to say.
# BPV_BENCH_RUNS (default 3) timed runs of each, alternating; medians. Prints the report and
# exits 0 whether or not the goals hold, 1 when a command fails or a count is wrong.

set -euo pipefail

die() {
  echo "export_bench: $*" >&2
  exit 1
}

[[ $# -ge 1 && $# -le 2 ]] || { echo "usage: $0 BUILD_DIR [PLACEMENTS]" >&2; exit 2; }
build_dir=$(cd "$1" && pwd)
placements=${2:-50000}
runs=${BPV_BENCH_RUNS:-3}
bpv=$build_dir/bpv
jobs=$build_dir/bpv-jobs
for program in "$bpv" "$jobs"; do
  [[ -x $program ]] || die "$program is missing; build first (cmake --build $build_dir)"
done
command -v sqlite3 >/dev/null || die "the sqlite3 shell is missing (apt-get install sqlite3)"
data=${BPV_BENCH_DATA:-$build_dir/bench-data}/$placements
[[ -f $data/workflow.db ]] || die "$data/workflow.db is missing: run tests/bench/workflow_bench.sh $1 $placements first"

readonly now=2026-10-05T09:00
readonly admin_email=admin@school.example.nl
readonly admin_password=bench-password

work=$(mktemp -d "${TMPDIR:-/tmp}/export_bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export HOME=$work/home XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"

db=$data/export.db
if [[ ! -f $db.stamp || $data/workflow.db -nt $db.stamp || $(<"$db.stamp") != "$(stat -c %Y "$data/workflow.db")" ]]; then
  echo "copying workflow.db to export.db and storing the rule checks' flags ..."
  cp "$data/workflow.db" "$db"
  "$jobs" --db "$db" --now "$now" run violations --full >/dev/null || die "bpv-jobs run violations failed"
  stat -c %Y "$data/workflow.db" >"$db.stamp"
fi
printf '%s\n' "$admin_password" | BPV_NOW=$now "$bpv" --db "$db" login --user "$admin_email" --password-stdin >/dev/null ||
  die "signing in as $admin_email failed"

entries=$(sqlite3 "$db" "SELECT count(*) FROM entries")
first=$(sqlite3 "$db" "SELECT min(entry_date) FROM entries")
last=$(sqlite3 "$db" "SELECT max(entry_date) FROM entries")

cat >"$work/floor.sql" <<SQL
.headers on
.mode csv
.output $work/floor.csv
SELECT s.student_number, su.name AS student_name, s.programme, c.name AS company, t.name AS trainer,
       e.entry_date AS date, strftime('%Y-W%W', e.entry_date) AS week, printf('%.2f', e.minutes / 60.0) AS hours,
       e.status, coalesce(a.name, '') AS approved_by,
       CASE WHEN e.approved_at IS NULL THEN '' ELSE datetime(e.approved_at, 'unixepoch') END AS approved_at
FROM placements AS p JOIN entries AS e ON e.placement_id = p.id
JOIN students AS s ON s.id = p.student_id JOIN users AS su ON su.id = s.user_id
JOIN companies AS c ON c.id = p.company_id JOIN users AS t ON t.id = p.trainer_id
LEFT JOIN users AS a ON a.id = e.approved_by
WHERE e.entry_date BETWEEN '$first' AND '$last'
ORDER BY p.id, e.entry_date;
SQL

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
timed() {  # timed NAME COMMAND...: appends "seconds kilobytes" to $work/NAME
  local name=$1
  shift
  /usr/bin/time -f "%e %M" -o "$work/time.last" "$@" || die "$name failed: $*"
  cat "$work/time.last" >>"$work/$name"
}

for ((i = 1; i <= runs; i++)); do
  timed csv "$bpv" --db "$db" --now "$now" export hours --from "$first" --to "$last" --out "$work/bpv.csv"
  timed floor sqlite3 "$db" ".read $work/floor.sql"
done
bpv_rows=$(($(wc -l <"$work/bpv.csv") - 1))
floor_rows=$(($(wc -l <"$work/floor.csv") - 1))
((bpv_rows == entries)) || die "bpv exported $bpv_rows rows of $entries entries"
((floor_rows == entries)) || die "the floor exported $floor_rows rows of $entries entries"

# XLSX: the first days of the college up to a million rows (an XLSX sheet holds 1,048,575).
xlsx_from=$first
xlsx_to=$(sqlite3 "$db" "SELECT entry_date, count(*) FROM entries GROUP BY entry_date ORDER BY entry_date" |
  awk -F'|' '{ total += $2; if (total > 1000000) exit; last = $1 } END { print last }')
for ((i = 1; i <= runs; i++)); do
  timed xlsx "$bpv" --db "$db" --now "$now" export hours --from "$xlsx_from" --to "$xlsx_to" --format xlsx \
    --out "$work/bpv.xlsx"
done
xlsx_rows=$(sqlite3 "$db" "SELECT count(*) FROM entries WHERE entry_date BETWEEN '$xlsx_from' AND '$xlsx_to'")

csv_s=$(cut -d' ' -f1 "$work/csv" | median)
csv_kb=$(cut -d' ' -f2 "$work/csv" | sort -n | tail -1)
floor_s=$(cut -d' ' -f1 "$work/floor" | median)
floor_kb=$(cut -d' ' -f2 "$work/floor" | sort -n | tail -1)
xlsx_s=$(cut -d' ' -f1 "$work/xlsx" | median)
xlsx_kb=$(cut -d' ' -f2 "$work/xlsx" | sort -n | tail -1)
echo
echo "Exports of $entries entries ($placements placements), $runs runs, median seconds, highest peak RSS"
printf '  %-52s %8s s %8d MB  %s\n' "bpv export hours --format csv ($bpv_rows rows)" "$csv_s" $((csv_kb / 1024)) \
  "$(du -h "$work/bpv.csv" | cut -f1)"
printf '  %-52s %8s s %8d MB  %s\n' "floor: sqlite3 -csv, the same join" "$floor_s" $((floor_kb / 1024)) \
  "$(du -h "$work/floor.csv" | cut -f1)"
printf '  %-52s %8s s %8d MB  %s\n' "bpv export hours --format xlsx ($xlsx_rows rows)" "$xlsx_s" $((xlsx_kb / 1024)) \
  "$(du -h "$work/bpv.xlsx" | cut -f1)"
awk -v b="$csv_s" -v f="$floor_s" -v ck="$csv_kb" -v xk="$xlsx_kb" 'BEGIN {
  printf "  csv: %.2fx the floor (goal at most 1.3x: %s); peak memory under 64 MB: csv %s, xlsx %s\n",
         b / f, (b <= 1.3 * f ? "met" : "NOT met"), (ck < 65536 ? "met" : "NOT met"), (xk < 65536 ? "met" : "NOT met") }'
