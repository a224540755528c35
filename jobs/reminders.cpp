// The reminders job (Monday morning): one mail per trainer with weeks waiting for approval at
// or past their deadline (R1), the overdue ones first, with the command that approves each.
#include "jobs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace bpv::jobs {
namespace {

struct Waiting {
  const store::PlacementContact* placement;
  store::WaitingWeek week;
  bool overdue = false;
};

}  // namespace

Result<JobOutcome> run_reminders(JobContext& context) {
  BPV_TRY_ASSIGN(const mail::Templates* templates, mail_templates(context));
  BPV_TRY_ASSIGN(auto ended, ended_weeks_waiting(context));

  // Per trainer; a week with entries sent back waits for the student, not the trainer.
  std::map<store::Id, std::vector<Waiting>> by_trainer;
  for (const auto& week : ended.weeks) {
    const store::PlacementContact* placement = ended.contact(week.placement_id);
    if (placement == nullptr || week.correction_requested > 0) {
      continue;
    }
    auto deadline = core::approval_deadline(core::IsoWeek::of(week.monday), context.zone);
    by_trainer[placement->trainer_id].push_back({placement, week, core::deadline_passed(deadline, context.now)});
  }

  std::vector<mail::Outgoing> mails;
  mails.reserve(by_trainer.size());
  const std::string this_week = core::IsoWeek::of(context.today).to_string();
  int week_count = 0;
  int overdue_count = 0;
  for (auto& [trainer, waiting] : by_trainer) {
    std::stable_sort(waiting.begin(), waiting.end(), [](const Waiting& a, const Waiting& b) {
      if (a.overdue != b.overdue) {
        return a.overdue;
      }
      if (a.week.monday != b.week.monday) {
        return a.week.monday < b.week.monday;
      }
      return a.placement->student_name < b.placement->student_name;
    });
    std::string lines;
    std::set<std::string_view> students;
    int overdue = 0;
    for (const auto& item : waiting) {
      const auto& placement = *item.placement;
      auto week = core::IsoWeek::of(item.week.monday);
      students.insert(placement.student_number);
      overdue += item.overdue ? 1 : 0;
      lines += fmt::format("  {:<9} {}  {} ({}), {} uur\n            bpv approve-week {} {}\n",
                           item.overdue ? "TE LAAT" : "vandaag", week.to_string(), placement.student_name,
                           placement.student_number, mail::dutch_hours(item.week.minutes),
                           placement.student_number, week.to_string());
    }
    const auto& first = *waiting.front().placement;
    mail::Values values{{"trainer_name", first.trainer_name},
                        {"weeks_waiting", std::to_string(waiting.size())},
                        {"weeks_overdue", std::to_string(overdue)},
                        {"students", std::to_string(students.size())},
                        {"weeks", lines},
                        {"today", mail::dutch_date(context.today)}};
    BPV_TRY_ASSIGN(auto mail, mail::compose(*templates, "reminder", {first.trainer_name, first.trainer_email},
                                            this_week, values));
    mails.push_back(std::move(mail));
    week_count += static_cast<int>(waiting.size());
    overdue_count += overdue;
  }

  JobOutcome outcome;
  outcome.counts["trainers"] = std::to_string(mails.size());
  outcome.counts["weeks_waiting"] = std::to_string(week_count);
  outcome.counts["weeks_overdue"] = std::to_string(overdue_count);
  BPV_TRY(enqueue_mails(context, mails, outcome));
  outcome.summary = fmt::format("{} trainer(s) with {} week(s) waiting ({} overdue): {} reminder(s) {}, "
                                "{} already queued this week",
                                mails.size(), week_count, overdue_count, outcome.counts["queued"],
                                context.dry_run ? "would be queued" : "queued",
                                outcome.counts["already_queued"]);
  return finish_mail_job(context, std::move(outcome));
}

}  // namespace bpv::jobs
