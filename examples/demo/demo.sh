#!/usr/bin/env bash
# The bpv demo: a small college (Zorgcentrum De Linde in Utrecht, two trainers, two school
# supervisors, six students) loaded into a fresh SQLite database.
#
# usage: examples/demo/demo.sh [BPV_BINARY] [FOLDER]
#
# The clock is fixed at Monday 30 November 2026, 09:00 (week 2026-W49), so the demo shows the
# same thing on every day it is run. The database is FOLDER/demo.db (default: a new temporary
# folder); an earlier demo database there is replaced.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
bpv=${1:-bpv}
folder=${2:-$(mktemp -d "${TMPDIR:-/tmp}/bpv-demo.XXXXXX")}
mkdir -p "$folder"
db=$folder/demo.db
rm -f "$db" "$db-wal" "$db-shm"

export BPV_NOW=2026-11-30T09:00
unset BPV_DB BPV_CONFIG BPV_SERVER BPV_TOKEN

step() { printf '\n$ %s\n' "$*"; }

step bpv --db "$db" init --admin-email beheer@mboutrecht.example.nl --password-stdin
printf 'demo-wachtwoord-2026\n' | "$bpv" --db "$db" init --admin-email beheer@mboutrecht.example.nl --password-stdin

step bpv --db "$db" import placements "$here/placements.csv"
"$bpv" --db "$db" import placements "$here/placements.csv"

step bpv --db "$db" import hours "$here/hours.csv"
"$bpv" --db "$db" import hours "$here/hours.csv"

step bpv --db "$db" import hours "$here/hours.csv" --dry-run
echo "# importing the same file again would change nothing:"
"$bpv" --db "$db" import hours "$here/hours.csv" --dry-run

cat <<MSG

The demo college is in $db:
  Zorgcentrum De Linde (Utrecht) with trainers Marloes Verhoeven and Ruud van 't Hof,
  school supervisors Fatima el Amrani and Joost Brouwer, and six students; Sanne Jansen's
  placement ended on 2026-11-13. Administrator: beheer@mboutrecht.example.nl,
  password demo-wachtwoord-2026.
MSG
