// The violations job: rule checks over what changed (or everything), stored as flags.
#include "jobs.hpp"

#include <bpv/portal/rule_checks.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace bpv::jobs {

Result<JobOutcome> run_violations(JobContext& context) {
  portal::RuleCheckSettings settings;
  settings.rules = context.config.rules;
  settings.default_calendar = context.config.calendar;
  portal::ViolationsRequest request;
  request.full = context.full;
  request.now = context.now;
  request.today = context.today;
  request.last = context.last;
  // A second connection to the database: an incremental run reads on it, on a second thread,
  // while it checks and writes on the first. Without it (or in a full run) the run reads on the
  // first.
  std::unique_ptr<store::Store> reader;
  if (!context.full) {
    if (auto opened = context.store.open_another()) {
      reader = std::move(*opened);
    }
  }
  BPV_TRY_ASSIGN(auto report, portal::run_violations(context.store, settings, request, context.dry_run,
                                                     reader.get()));

  JobOutcome outcome;
  nlohmann::json opened(report.changes.opened_by_code);
  nlohmann::json resolved(report.changes.resolved_by_code);
  nlohmann::json missing(report.missing_calendars);
  outcome.counts["today"] = nlohmann::json(context.today.to_string()).dump();
  outcome.counts["settings"] = nlohmann::json(portal::fingerprint(settings)).dump();
  outcome.counts["full"] = report.full ? "true" : "false";
  outcome.counts["placements_checked"] = std::to_string(report.placements_checked);
  outcome.counts["flags_opened"] = std::to_string(report.changes.opened);
  outcome.counts["flags_resolved"] = std::to_string(report.changes.resolved);
  outcome.counts["flags_kept"] = std::to_string(report.changes.kept);
  outcome.counts["opened_by_code"] = opened.dump();
  outcome.counts["resolved_by_code"] = resolved.dump();
  outcome.counts["missing_calendars"] = missing.dump();
  const char* would = context.dry_run ? "would be " : "";
  outcome.summary = fmt::format("{} placement(s) checked ({}); {} flag(s) {}opened, {} {}resolved, "
                                "{} still open",
                                report.placements_checked, report.why, report.changes.opened, would,
                                report.changes.resolved, would, report.changes.kept);
  if (!context.json) {
    fmt::print(context.out, "{}\n", outcome.summary);
    fmt::print(context.out, "{:<18} {:>8} {:>9}\n", "RULE", "OPENED", "RESOLVED");
    for (const auto& rule : core::k_rules) {
      auto count = [&](const std::map<std::string, int>& counts) {
        auto found = counts.find(std::string(rule.code));
        return found == counts.end() ? 0 : found->second;
      };
      fmt::print(context.out, "{:<18} {:>8} {:>9}\n", rule.code, count(report.changes.opened_by_code),
                 count(report.changes.resolved_by_code));
    }
    for (const auto& [name, count] : report.missing_calendars) {
      fmt::print(context.out,
                 "note: calendar '{}' has no school vacations loaded; {} placement(s) were checked "
                 "without them (bpv calendar import FILE)\n",
                 name, count);
    }
  }
  return outcome;
}

}  // namespace bpv::jobs
