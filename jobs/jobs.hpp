#pragma once

#include <bpv/config/config.hpp>
#include <bpv/core/clock.hpp>
#include <bpv/core/error.hpp>
#include <bpv/core/time_zone.hpp>
#include <bpv/mail/outbox.hpp>
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
  bool no_send = false;  // --no-send: the mail jobs only enqueue
  std::optional<std::string> export_name{};  // export: which of the configuration's exports
  std::FILE* out = stdout;
  std::optional<store::JobRun> last{};  // the job's last successful run (not a dry run)
  std::optional<mail::Templates> templates{};  // read when a mail job first needs them
};

// What a job reports: counts (stored with the run as JSON) and a one-line summary.
struct JobOutcome {
  std::map<std::string, std::string> counts;  // values are JSON text: 12, "2026-11-30", {...}
  std::string summary;
  // The job did its work but something in it failed (a refused mail: partial; the SMTP server
  // unreachable: unexpected). The run is recorded as failed and bpv-jobs exits with its code.
  std::optional<Error> problem;
};

// One scheduled job: a name for the command line and cron, what it does, and its function.
struct Job {
  std::string_view name;
  std::string_view description;
  Result<JobOutcome> (*run)(JobContext& context);
  bool takes_full = false;  // whether --full means something to it
  bool sends_mail = false;  // whether --no-send means something to it
};

// The job table, in the order `bpv-jobs list` shows it.
std::span<const Job> job_table();

// The job called `name`, or nullptr.
const Job* find_job(std::string_view name);

// The name in the table closest to `name` (edit distance), or empty when nothing is close.
std::string closest_job_name(std::string_view name);

// The jobs (one file each).
Result<JobOutcome> run_violations(JobContext& context);
Result<JobOutcome> run_send_mail(JobContext& context);
Result<JobOutcome> run_export(JobContext& context);
Result<JobOutcome> run_reminders(JobContext& context);
Result<JobOutcome> run_student_reminders(JobContext& context);
Result<JobOutcome> run_escalations(JobContext& context);

// What the mail jobs share (mailing.cpp).
// The templates of the configured folder, read once.
Result<const mail::Templates*> mail_templates(JobContext& context);
// Puts `mails` in the outbox in one transaction; in a dry run prints those not queued yet and
// changes nothing. Counts "queued" (new) and "already_queued" into `outcome`.
Result<void> enqueue_mails(JobContext& context, const std::vector<mail::Outgoing>& mails,
                           JobOutcome& outcome);
// Delivers what the outbox holds (send-mail); the counts and problems go into `outcome`.
Result<void> deliver_mail(JobContext& context, JobOutcome& outcome);
// The weeks with entries not approved of the placements still approvable (R6) that have ended
// (their deadline is today or past), with those placements by id.
struct WaitingWeeks {
  std::vector<store::PlacementContact> contacts;  // by placement id
  std::vector<store::WaitingWeek> weeks;
  // The contact of `placement`; null when it is not approvable any more.
  const store::PlacementContact* contact(store::Id placement) const;
};
Result<WaitingWeeks> ended_weeks_waiting(const JobContext& context);
// The end of a job that enqueued mail: delivers unless --no-send or a dry run.
Result<JobOutcome> finish_mail_job(JobContext& context, JobOutcome outcome);

}  // namespace bpv::jobs
