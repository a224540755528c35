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
  BPV_TRY_ASSIGN(auto report, portal::run_violations(context.store, settings, request, context.dry_run));

  JobOutcome outcome;
  nlohmann::json open(report.open_by_code);
  nlohmann::json missing(report.missing_calendars);
  outcome.counts["today"] = nlohmann::json(context.today.to_string()).dump();
  outcome.counts["settings"] = nlohmann::json(portal::fingerprint(settings)).dump();
  outcome.counts["full"] = report.full ? "true" : "false";
  outcome.counts["placements_checked"] = std::to_string(report.placements_checked);
  outcome.counts["flags_opened"] = std::to_string(report.changes.opened);
  outcome.counts["flags_resolved"] = std::to_string(report.changes.resolved);
  outcome.counts["flags_kept"] = std::to_string(report.changes.kept);
  outcome.counts["open_by_code"] = open.dump();
  outcome.counts["missing_calendars"] = missing.dump();
  int open_total = 0;
  for (const auto& [code, count] : report.open_by_code) {
    open_total += count;
  }
  outcome.summary = fmt::format("{} placement(s) checked ({}); {} flag(s) {}opened, {} {}resolved; "
                                "{} open",
                                report.placements_checked, report.why, report.changes.opened,
                                context.dry_run ? "would be " : "", report.changes.resolved,
                                context.dry_run ? "would be " : "", open_total);
  if (!context.json) {
    fmt::print(context.out, "{}\n", outcome.summary);
    fmt::print(context.out, "open flags by rule:\n");
    for (const auto& rule : core::k_rules) {
      auto found = report.open_by_code.find(std::string(rule.code));
      fmt::print(context.out, "  {:<18} {:>8}\n", rule.code,
                 found == report.open_by_code.end() ? 0 : found->second);
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
