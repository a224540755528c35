#pragma once

#include <bpv/config/config.hpp>
#include <bpv/core/clock.hpp>
#include <bpv/core/error.hpp>
#include <bpv/core/time_zone.hpp>
#include <bpv/store/store.hpp>

#include <cstdio>
#include <map>
#include <span>
#include <string>
#include <string_view>

namespace bpv::jobs {

// What a job gets: the configuration, the database, the clock, and how it was asked to run.
struct JobContext {
  const config::Config& config;
  store::Store& store;
  const core::TimeZone& zone;
  core::Instant now{};
  core::Date today;
  bool dry_run = false;
  bool full = false;   // --full (jobs that work incrementally)
  bool json = false;   // --json: the report as JSON
  std::FILE* out = stdout;
  std::optional<store::JobRun> last;  // the job's last successful run (not a dry run)
};

// What a job reports: counts (stored with the run as JSON) and a one-line summary.
struct JobOutcome {
  std::map<std::string, std::string> counts;  // values are JSON text: 12, "2026-11-30", {...}
  std::string summary;
};

// One scheduled job: a name for the command line and cron, what it does, and its function.
struct Job {
  std::string_view name;
  std::string_view description;
  Result<JobOutcome> (*run)(JobContext& context);
  bool takes_full = false;  // whether --full means something to it
};

// The job table, in the order `bpv-jobs list` shows it.
std::span<const Job> job_table();

// The job called `name`, or nullptr.
const Job* find_job(std::string_view name);

// The name in the table closest to `name` (edit distance), or empty when nothing is close.
std::string closest_job_name(std::string_view name);

// The jobs (one file each).
Result<JobOutcome> run_violations(JobContext& context);

}  // namespace bpv::jobs
