// The job runner: locking and run history.
#include "runner.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <unistd.h>

namespace bpv::jobs {
namespace {

std::string host_name() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) {
    return "unknown";
  }
  return name;
}

// Whether the process `pid` on this machine still lives.
bool process_alive(std::int64_t pid) {
  if (pid <= 0) {
    return false;
  }
  return kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

}  // namespace

std::string counts_json(const JobOutcome& outcome) {
  std::string text = "{";
  for (const auto& [key, value] : outcome.counts) {
    text += fmt::format("{}\"{}\":{}", text.size() > 1 ? "," : "", key, value);
  }
  return text + "}";
}

Result<JobOutcome> run_locked(const Job& job, JobContext& context) {
  store::Store& store = context.store;
  if (context.dry_run) {
    // A dry run changes nothing, not even the run history, and so needs no lock: the database
    // stays byte for byte the same.
    BPV_TRY_ASSIGN(context.last, store.last_successful_run(job.name));
    return job.run(context);
  }
  const std::string host = host_name();
  const std::int64_t pid = getpid();
  store::Id run_id = 0;
  BPV_TRY_ASSIGN(context.last, store.last_successful_run(job.name));
  BPV_TRY(store::in_transaction(store, [&]() -> Result<void> {
    BPV_TRY_ASSIGN(auto held, store.find_job_lock(job.name));
    if (held) {
      if (held->host == host && !process_alive(held->pid)) {
        // Its process died (killed, machine crash): the run is over, whatever it recorded.
        BPV_TRY(store.finish_job_run(held->run_id, "failed", "{}",
                                     fmt::format("the process (pid {}) ended without finishing; "
                                                 "its lock was taken over",
                                                 held->pid),
                                     context.now));
        BPV_TRY(store.delete_job_lock(job.name, held->run_id));
      } else {
        return fail(ErrorKind::refused,
                    fmt::format("the job '{}' is already running (run {}, pid {} on {}, since {}); "
                                "this run does nothing. Try again when it has finished "
                                "(bpv-jobs history {})",
                                job.name, held->run_id, held->pid, held->host,
                                context.zone.format_local(held->acquired_at), job.name));
      }
    }
    store::JobRun run;
    run.job = std::string(job.name);
    run.started_at = core::SystemClock().now();
    run.clock = context.now;
    run.dry_run = context.dry_run;
    run.outcome = "running";
    BPV_TRY_ASSIGN(run_id, store.insert_job_run(run));
    return store.insert_job_lock({std::string(job.name), run_id, host, pid, run.started_at});
  }));

  auto outcome = job.run(context);
  auto finished = core::SystemClock().now();
  auto recorded = store::in_transaction(store, [&]() -> Result<void> {
    if (outcome && outcome->problem) {
      BPV_TRY(store.finish_job_run(run_id, "failed", counts_json(*outcome), outcome->problem->message, finished));
    } else if (outcome) {
      BPV_TRY(store.finish_job_run(run_id, "succeeded", counts_json(*outcome), outcome->summary, finished));
    } else {
      BPV_TRY(store.finish_job_run(run_id, "failed", "{}", outcome.error().message, finished));
    }
    return store.delete_job_lock(job.name, run_id);
  });
  if (!outcome) {
    return outcome;
  }
  BPV_TRY(recorded);
  return outcome;
}

}  // namespace bpv::jobs
