# Sourced by the benchmarks: how to measure one command's wall time and peak RSS.
# Needs: $work (a scratch folder) and a die() function. Sets: the array $measure, a command
# prefix that takes the name of a file to write, then the command; it writes "SECONDS PEAK_KB"
# as the last line of that file. Sets $rss_source, which names where the peak RSS comes from.
#
# Peak RSS comes from GNU time, or from getrusage() in a small Python wrapper where GNU time is
# missing. Linux keeps a process's RSS high-water mark across fork and exec, so the Python
# fallback never reports less than the interpreter's own size (about 10 MB).

if [[ -x /usr/bin/time ]] && /usr/bin/time -f '%e %M' -o /dev/null true 2>/dev/null; then
  measure=(/usr/bin/time -f '%e %M' -o)
  rss_source="GNU time"
else
  python=/usr/bin/python3
  [[ -x $python ]] || python=$(command -v python3) ||
    die "neither GNU time (/usr/bin/time) nor python3 found"
  cat >"$work/measure.py" <<'PY'
import resource, subprocess, sys, time
start = time.monotonic()
status = subprocess.call(sys.argv[2:])
elapsed = time.monotonic() - start
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
with open(sys.argv[1], "w") as out:
    out.write(f"{elapsed:.2f} {peak_kb}\n")
sys.exit(status if status >= 0 else 128 - status)
PY
  measure=("$python" "$work/measure.py")
  rss_source="getrusage through python3 (includes the interpreter)"
fi
