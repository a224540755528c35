// The escalations job: weeks overdue by more than mail.escalate_after_days go to the school
// supervisor, once per week and student.
#include "jobs.hpp"

#include <fmt/format.h>

#include <map>

namespace bpv::jobs {

Result<JobOutcome> run_escalations(JobContext& context) {
  BPV_TRY_ASSIGN(const mail::Templates* templates, mail_templates(context));
  const int after_days = context.config.mail.escalate_after_days;
  BPV_TRY_ASSIGN(auto ended, ended_weeks_waiting(context));

  std::vector<mail::Outgoing> mails;
  for (const auto& week : ended.weeks) {
    const store::PlacementContact* contact = ended.contact(week.placement_id);
    if (contact == nullptr) {
      continue;
    }
    const auto& placement = *contact;
    auto iso = core::IsoWeek::of(week.monday);
    auto deadline = core::approval_deadline(iso, context.zone);
    if (!core::deadline_passed(deadline + std::chrono::days(after_days), context.now)) {
      continue;
    }
    core::Date deadline_date = context.zone.local_date(deadline);
    mail::Values values{{"supervisor_name", placement.supervisor_name},
                        {"student_name", placement.student_name},
                        {"student_number", placement.student_number},
                        {"company", placement.company_name},
                        {"trainer_name", placement.trainer_name},
                        {"trainer_email", placement.trainer_email},
                        {"week", iso.to_string()},
                        {"hours", mail::dutch_hours(week.minutes)},
                        {"deadline", mail::dutch_date(deadline_date)},
                        {"days_overdue", std::to_string(deadline_date.days_until(context.today))},
                        // A week sent back for correction waits for the student, not the trainer.
                        {"waiting_for", week.correction_requested > 0
                                            ? "de student: de praktijkopleider vroeg om een correctie"
                                            : "het akkoord van de praktijkopleider"}};
    BPV_TRY_ASSIGN(auto mail, mail::compose(*templates, "escalation",
                                            {placement.supervisor_name, placement.supervisor_email},
                                            fmt::format("placement {} {}", placement.placement_id, iso.to_string()),
                                            values, placement.placement_id));
    mails.push_back(std::move(mail));
  }

  JobOutcome outcome;
  outcome.counts["weeks_escalated"] = std::to_string(mails.size());
  BPV_TRY(enqueue_mails(context, mails, outcome));
  outcome.summary = fmt::format("{} week(s) overdue by more than {} day(s): {} escalation(s) {}, {} sent before",
                                mails.size(), after_days, outcome.counts["queued"],
                                context.dry_run ? "would be queued" : "queued",
                                outcome.counts["already_queued"]);
  return finish_mail_job(context, std::move(outcome));
}

}  // namespace bpv::jobs
