#pragma once

#include <span>
#include <string>
#include <string_view>

namespace bpv::jobs {

// One scheduled job: a name for the command line and cron, what it does, and its function.
// Jobs are added in the issues that bring them (rule checks, reminders, exports).
struct Job {
  std::string_view name;
  std::string_view description;
  int (*run)();
};

// The job table, in the order `bpv-jobs list` shows it.
std::span<const Job> job_table();

// The job called `name`, or nullptr.
const Job* find_job(std::string_view name);

// The name in the table closest to `name` (edit distance), or empty when nothing is close.
std::string closest_job_name(std::string_view name);

}  // namespace bpv::jobs
