#!/usr/bin/env bash
# The bpv demo: a small college (Zorgcentrum De Linde in Utrecht, two trainers, two school
# supervisors, six students) loaded into a fresh SQLite database, then a trainer's Monday:
# the nightly rule checks, then dashboard, students, a logbook with its flags, approving a week.
#
# usage: examples/demo/demo.sh [BPV_BINARY] [FOLDER]
#
# The clock is fixed at Monday 30 November 2026, 09:00 (week 2026-W49), so the demo shows the
# same thing on every day it is run. The database is FOLDER/demo.db (default: a new temporary
# folder); an earlier demo there is replaced. Sessions are kept in FOLDER, not in your own
# configuration.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
bpv=${1:-bpv}
# bpv-jobs beside the given bpv (build/bpv -> build/bpv-jobs), else from PATH.
if [[ $bpv == */* && -x $(dirname "$bpv")/bpv-jobs ]]; then
  bpv_jobs=$(dirname "$bpv")/bpv-jobs
else
  bpv_jobs=bpv-jobs
fi
folder=${2:-$(mktemp -d "${TMPDIR:-/tmp}/bpv-demo.XXXXXX")}
mkdir -p "$folder"
folder=$(cd "$folder" && pwd)
db=$folder/demo.db
rm -rf "$db" "$db-wal" "$db-shm" "$folder/admin" "$folder/trainer"

export BPV_NOW=2026-11-30T09:00 BPV_DB=$db
unset BPV_CONFIG BPV_SERVER BPV_TOKEN

admin_password=demo-beheer-2026
trainer=marloes.verhoeven@zorgcentrumdelinde.example.nl
trainer_password=demo-marloes-2026

# Runs bpv as the administrator or the trainer (each with their own session folder), showing
# the command first.
as() {
  local who=$1
  shift
  printf '\n[%s] $ bpv %s\n' "$who" "$*"
  XDG_CONFIG_HOME=$folder/$who "$bpv" "$@"
}

printf '%s\n' "$admin_password" | as admin init --admin-email beheer@mboutrecht.example.nl --password-stdin
printf '%s\n' "$admin_password" | as admin login --user beheer@mboutrecht.example.nl --password-stdin
as admin import placements "$here/placements.csv"
as admin import hours "$here/hours.csv"
printf '%s\n' "$trainer_password" | as admin users set-password "$trainer" --password-stdin

echo
echo "# The night before: the rule checks (cron runs this; see examples/cron)."
printf '\n[cron] $ bpv-jobs run violations\n'
BPV_NOW=2026-11-30T02:30 "$bpv_jobs" run violations

echo
echo "# Monday morning: trainer Marloes Verhoeven signs in."
printf '%s\n' "$trainer_password" | as trainer login --user "$trainer" --password-stdin
as trainer dashboard
as trainer students list
as trainer violations list --open
as trainer logbook show 1091547 --week 2026-W47
as trainer logbook show 1089231 --week 2026-W47
as trainer approve-week 1089231 2026-W47
as trainer logbook show 1089231 --week 2026-W47
as trainer dashboard

cat <<MSG

The demo college is in $db (BPV_DB=$db, BPV_NOW=$BPV_NOW):
  trainers   $trainer ($trainer_password) and ruud.vanthof@zorgcentrumdelinde.example.nl
  admin      beheer@mboutrecht.example.nl ($admin_password)
  Mehmet Çelik (1091547) has a 10-hour day in 2026-W47; Noé Dubois (1092664) worked in the
  autumn vacation; Sanne Jansen's (1090318) placement ended on 2026-11-13 (bpv students list
  --historical).
MSG
