#include "jobs.hpp"

#include <bpv/core/values.hpp>

#include <algorithm>
#include <vector>

namespace bpv::jobs {
namespace {

constexpr Job k_jobs[] = {
    {"violations",
     "Check hours against the rules (overtime, school vacations, young workers, missing weeks) "
     "and store the flags; what changed since the last run, or everything with --full",
     run_violations, true, false},
    {"reminders",
     "Monday: one mail per trainer with weeks waiting for approval at or past their deadline, "
     "overdue ones first; then send-mail",
     run_reminders, false, true},
    {"student-reminders",
     "End of the week: one mail per student without hours in the current working week (not in "
     "school vacations); then send-mail",
     run_student_reminders, false, true},
    {"escalations",
     "Weeks overdue by more than mail.escalate_after_days (7) to the school supervisor, once per "
     "week and student; then send-mail",
     run_escalations, false, true},
    {"send-mail",
     "Deliver the outbox through the SMTP server (mail.smtp); failures are retried with backoff",
     run_send_mail, false, false},
    {"export",
     "One scheduled export of the configuration's exports: section (--config NAME), written whole "
     "into its folder",
     run_export, false, false},
};

}  // namespace

std::span<const Job> job_table() { return k_jobs; }

const Job* find_job(std::string_view name) {
  auto found = std::find_if(std::begin(k_jobs), std::end(k_jobs), [&](const Job& job) { return job.name == name; });
  return found == std::end(k_jobs) ? nullptr : &*found;
}

std::string closest_job_name(std::string_view name) {
  std::vector<std::string> names;
  for (const auto& job : k_jobs) {
    names.emplace_back(job.name);
  }
  return core::closest_name(name, names);
}

}  // namespace bpv::jobs
