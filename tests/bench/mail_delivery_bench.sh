#!/usr/bin/env bash
# Mail delivery benchmark: bpv's SmtpSession (libcurl) sending MESSAGES rendered reminders over one
# connection to a local smtp_server.py (python3-aiosmtpd), measured against the floor, Python's
# smtplib sending the same bytes the same number of times over one connection to the same server.
#
# usage: tests/bench/mail_delivery_bench.sh BUILD_DIR [MESSAGES]
#
# MESSAGES defaults to 2000. The goal (issue 5): at least 100 messages per second. Both sides go
# to a fresh server on 127.0.0.1 (plain SMTP, no STARTTLS) that stores every message in a Maildir
# in a temporary folder under ${TMPDIR:-/tmp}, removed at the end; the benchmark checks that the
# server received every message over exactly one connection. bpv renders all messages before the
# clock starts; both clocks include connecting and exclude QUIT.
#
# Then the whole job: `bpv-jobs run send-mail` (a whole process, timed from start to exit)
# delivering an outbox of MESSAGES mails in a fresh database, each marked sent in its own
# transaction once the server accepted it: the figure the goal is judged on.
#
# Prints a report and exits 0 whether or not the goal holds; exits 1 when a command fails or a
# count is wrong, and 2 on a usage error.

set -euo pipefail

readonly goal_messages_per_second=100
readonly python=/usr/bin/python3

die() {
  echo "mail_delivery_bench: $*" >&2
  exit 1
}

usage() {
  echo "usage: $0 BUILD_DIR [MESSAGES]" >&2
  exit 2
}

[[ $# -ge 1 && $# -le 2 ]] || usage
[[ -d $1 ]] || { echo "mail_delivery_bench: $1: no such build folder" >&2; usage; }
build_dir=$(cd "$1" && pwd)
messages=${2:-2000}
[[ $messages =~ ^[1-9][0-9]*$ ]] || { echo "mail_delivery_bench: MESSAGES must be a positive number, got '$messages'" >&2; usage; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
driver=$build_dir/tests/bench/bpv-mail-bench
server_script=$repo/tests/support/smtp_server.py
[[ -x $driver ]] || die "$driver not found; build the bpv-mail-bench target first"
[[ -x $python ]] && "$python" -c 'import aiosmtpd' 2>/dev/null ||
  die "$python with aiosmtpd not found; install python3-aiosmtpd"

work=$(mktemp -d "${TMPDIR:-/tmp}/bpv-mail-bench.XXXXXX")
server_pid=
stop_server() {
  if [[ -n $server_pid ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
trap 'stop_server; rm -rf "$work"' EXIT

# start_server NAME: a fresh server storing into $work/NAME; sets $port and $server_pid.
start_server() {
  local name=$1
  mkfifo "$work/$name.ready"
  "$python" "$server_script" --maildir "$work/$name" --connections-log "$work/$name.connections" \
    >"$work/$name.ready" 2>"$work/$name.err" &
  server_pid=$!
  local line=
  read -r -t 10 line <"$work/$name.ready" || true
  [[ $line == "ready "* ]] || { cat "$work/$name.err" >&2; die "smtp_server.py did not start"; }
  port=${line#ready }
}

# check_delivery NAME: every message arrived, over one connection.
check_delivery() {
  local name=$1 got connections
  got=$(find "$work/$name/new" -type f | wc -l)
  connections=$(wc -l <"$work/$name.connections")
  ((got == messages)) || die "$name: the server received $got of $messages messages"
  ((connections == 1)) || die "$name: $connections connections instead of 1"
}

# --- bpv -----------------------------------------------------------------------------------------
start_server bpv
read -r bpv_count bpv_seconds bpv_connections < <("$driver" "smtp://127.0.0.1:$port" "$messages" \
  "$work/sample.eml" || echo "failed")
[[ $bpv_count == "$messages" ]] || die "bpv-mail-bench failed"
((bpv_connections == 1)) || die "bpv: the session opened $bpv_connections connections"
stop_server
check_delivery bpv

# --- floor: smtplib, the same bytes, one connection ----------------------------------------------
cat >"$work/floor.py" <<'PY'
import smtplib, sys, time
port, count, sample = int(sys.argv[1]), int(sys.argv[2]), open(sys.argv[3], "rb").read()
start = time.monotonic()
smtp = smtplib.SMTP("127.0.0.1", port)
for n in range(count):
    smtp.sendmail("bpv@school.example.nl", [f"opleider{n}@bedrijf{n % 97}.example.nl"], sample)
elapsed = time.monotonic() - start
smtp.quit()
print(f"{count} {elapsed:.3f}")
PY
start_server floor
read -r floor_count floor_seconds < <("$python" "$work/floor.py" "$port" "$messages" "$work/sample.eml" ||
  echo "failed")
[[ $floor_count == "$messages" ]] || die "the smtplib floor failed"
stop_server
check_delivery floor

# --- report --------------------------------------------------------------------------------------
# The whole job: `bpv-jobs run send-mail` delivering an outbox of the same number of mails,
# each marked sent in its own transaction after the server accepted it.
printf 'bench-password-1\n' | BPV_NOW=2026-11-30T07:00 "$build_dir/bpv" --db "$work/outbox.db" init \
  --admin-email admin@school.example.nl --password-stdin >/dev/null || die "bpv init failed"
sqlite3 "$work/outbox.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $messages)
  INSERT INTO outbox (key, kind, recipient, recipient_name, subject, body, created_at, next_attempt_at)
  SELECT 'bench|' || i, 'reminder', 'opleider' || i || '@bedrijf' || (i % 97) || '.example.nl',
         'Praktijkopleider ' || i, 'bpv: 3 week(en) wachten op uw akkoord',
         replace(hex(zeroblob(450)), '00', 'ab') || char(10), 1795000000, 1795000000 FROM n" ||
  die "filling the outbox failed"
start_server job
printf 'mail:\n  from: "BPV-bureau <bpv@school.example.nl>"\n  smtp:\n    url: "smtp://127.0.0.1:%s"\n    starttls: off\n' \
  "$port" >"$work/bpv.yaml"
job_start=$EPOCHREALTIME
"$build_dir/bpv-jobs" --db "$work/outbox.db" --config "$work/bpv.yaml" --now 2026-11-30T07:00 run send-mail \
  >"$work/job.out" || { cat "$work/job.out" >&2; die "bpv-jobs run send-mail failed"; }
job_seconds=$(awk -v a="$job_start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }')
stop_server
check_delivery job

size=$(wc -c <"$work/sample.eml")
awk -v n="$messages" -v size="$size" -v b="$bpv_seconds" -v f="$floor_seconds" \
    -v j="$job_seconds" -v goal="$goal_messages_per_second" 'BEGIN {
  printf "mail delivery: %d messages of %d bytes, one connection, smtp_server.py on 127.0.0.1\n", n, size
  printf "  %-22s %8s %10s\n", "", "seconds", "msg/s"
  printf "  %-22s %8.2f %10.0f\n", "bpv (libcurl)", b, n / b
  printf "  %-22s %8.2f %10.0f\n", "floor (Python smtplib)", f, n / f
  printf "  %-22s %8.2f %10.0f   (the outbox in SQLite, a commit per mail)\n", "bpv-jobs run send-mail", j, n / j
  printf "  bpv / floor: %.2fx the floor'"'"'s time\n", b / f
  printf "  goal: >= %d msg/s: %s (bpv-jobs run send-mail)\n", goal, (n / j >= goal ? "met" : "NOT met")
}'
