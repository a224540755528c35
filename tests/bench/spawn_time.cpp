// Times one process from its start to its exit, for the benchmarks that measure whole commands.
//
// usage: bpv-spawn-time OUT_FILE COMMAND [ARGS...]
//
// Starts COMMAND with posix_spawnp (standard input, output and error inherited), waits for it, and
// writes "WALL_US USER_US SYS_US PEAK_KB" on one line to OUT_FILE: the wall time from just before
// the spawn to just after the wait, the child's user and system CPU time, and its peak RSS. Exits
// with the command's exit status (128 + the signal when a signal ended it; 127 when it could not
// start).
//
// Why not bash's $EPOCHREALTIME around the command: bash forks itself to run a command, and that
// fork copies the page tables of the shell (and of the $(...) subshell the benchmark times in),
// which on a two-core virtual machine added 3-5 ms to every figure, /usr/bin/true included, and
// more while other work ran. posix_spawn starts the child without copying the parent, so what is
// measured is the command's own start, work and exit.

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>

#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

extern char** environ;

namespace {

long long microseconds(const timespec& t) {
  return static_cast<long long>(t.tv_sec) * 1'000'000 + t.tv_nsec / 1'000;
}

long long microseconds(const timeval& t) {
  return static_cast<long long>(t.tv_sec) * 1'000'000 + t.tv_usec;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bpv-spawn-time OUT_FILE COMMAND [ARGS...]\n");
    return 2;
  }
  const char* out_path = argv[1];
  // Opened before the timing starts, so the figure holds none of its cost.
  std::FILE* out = std::fopen(out_path, "w");
  if (out == nullptr) {
    std::fprintf(stderr, "bpv-spawn-time: cannot write %s: %s\n", out_path, std::strerror(errno));
    return 2;
  }

  timespec start{};
  timespec end{};
  pid_t child = 0;
  clock_gettime(CLOCK_MONOTONIC, &start);
  int spawn_error = posix_spawnp(&child, argv[2], nullptr, nullptr, argv + 2, environ);
  if (spawn_error != 0) {
    std::fprintf(stderr, "bpv-spawn-time: cannot start %s: %s\n", argv[2], std::strerror(spawn_error));
    std::fclose(out);
    return 127;
  }
  int status = 0;
  rusage usage{};
  while (wait4(child, &status, 0, &usage) < 0) {
    if (errno != EINTR) {
      std::fprintf(stderr, "bpv-spawn-time: waiting for %s: %s\n", argv[2], std::strerror(errno));
      std::fclose(out);
      return 2;
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &end);

  std::fprintf(out, "%lld %lld %lld %ld\n", microseconds(end) - microseconds(start),
               microseconds(usage.ru_utime), microseconds(usage.ru_stime), usage.ru_maxrss);
  if (std::fclose(out) != 0) {
    std::fprintf(stderr, "bpv-spawn-time: cannot write %s: %s\n", out_path, std::strerror(errno));
    return 2;
  }
  if (WIFSIGNALED(status)) {
    return 128 + WTERMSIG(status);
  }
  return WEXITSTATUS(status);
}
