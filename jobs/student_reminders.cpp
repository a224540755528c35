// The student-reminders job (end of the week): one mail per student whose current working week
// inside the placement has no hours, unless the week has no working days for them (a school
// vacation, public holidays).
#include "jobs.hpp"

#include <bpv/portal/rule_checks.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace bpv::jobs {

Result<JobOutcome> run_student_reminders(JobContext& context) {
  BPV_TRY_ASSIGN(const mail::Templates* templates, mail_templates(context));
  const auto week = core::IsoWeek::of(context.today);
  BPV_TRY_ASSIGN(auto empty, context.store.placements_without_entries(week.monday(), week.sunday()));
  portal::RuleCheckSettings settings;
  settings.rules = context.config.rules;
  settings.default_calendar = context.config.calendar;
  portal::RuleChecker checker(context.store, settings);

  // The placements running this week, read once; those without entries get a mail.
  store::PlacementQuery running;
  running.ending_from = week.monday();
  running.starting_until = week.sunday();
  BPV_TRY_ASSIGN(auto placements, context.store.find_placements(running));
  std::sort(empty.begin(), empty.end());

  std::vector<mail::Outgoing> mails;
  int on_vacation = 0;
  for (const auto& placement : placements) {
    if (!std::binary_search(empty.begin(), empty.end(), placement.id)) {
      continue;
    }
    BPV_TRY_ASSIGN(int working_days, checker.working_days(store::RulePlacement::of(placement), week));
    if (working_days == 0) {
      ++on_vacation;
      continue;
    }
    mail::Values values{{"student_name", placement.student_name},
                        {"week", week.to_string()},
                        {"week_start", mail::dutch_date(week.monday())},
                        {"week_end", mail::dutch_date(week.sunday())},
                        {"company", placement.company_name},
                        {"command", "bpv hours add today 8 --activity \"wat je gedaan hebt\""}};
    BPV_TRY_ASSIGN(auto mail, mail::compose(*templates, "student-reminder",
                                            {placement.student_name, placement.student_email},
                                            fmt::format("placement {} {}", placement.id, week.to_string()),
                                            values, placement.id));
    mails.push_back(std::move(mail));
  }

  JobOutcome outcome;
  outcome.counts["week"] = fmt::format("\"{}\"", week.to_string());
  outcome.counts["students_without_hours"] = std::to_string(mails.size());
  outcome.counts["skipped_no_working_days"] = std::to_string(on_vacation);
  BPV_TRY(enqueue_mails(context, mails, outcome));
  outcome.summary = fmt::format("{}: {} student(s) without hours ({} more had no working days): {} "
                                "reminder(s) {}, {} already queued",
                                week.to_string(), mails.size(), on_vacation, outcome.counts["queued"],
                                context.dry_run ? "would be queued" : "queued",
                                outcome.counts["already_queued"]);
  return finish_mail_job(context, std::move(outcome));
}

}  // namespace bpv::jobs
