// The local Portal: what trainers, supervisors and admins see and do with placements.
#include <bpv/portal/local_portal.hpp>
#include <bpv/portal/read_snapshot.hpp>

#include <bpv/core/values.hpp>
#include <bpv/mail/outbox.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace bpv::portal {
namespace {

std::string week_json(core::IsoWeek week, const std::vector<store::EntryRecord>& entries,
                      std::string_view status, std::optional<std::string_view> reason = std::nullopt) {
  core::Minutes total = 0;
  for (const auto& entry : entries) {
    total += entry.minutes;
  }
  nlohmann::json json{{"week", week.to_string()},
                      {"entries", entries.size()},
                      {"hours", core::hours_as_number(total)},
                      {"status", status}};
  if (reason) {
    json["reason"] = *reason;
  }
  return json.dump();
}

std::string describe_student(const store::PlacementRecord& placement) {
  return fmt::format("{} {}", placement.student_number, placement.student_name);
}

}  // namespace

Result<std::vector<store::PlacementRecord>> LocalPortal::visible_placements(
    const Actor& caller, std::optional<std::string> student, bool include_ended) {
  store::PlacementQuery query;
  switch (caller.role) {
    case Role::trainer:
      query.trainer_id = caller.user_id;
      break;
    case Role::supervisor:
      query.supervisor_id = caller.user_id;
      break;
    case Role::student:
      query.student_user_id = caller.user_id;
      break;
    case Role::admin:
      break;
  }
  query.student = std::move(student);
  if (!include_ended) {
    query.ending_from = today();
  }
  return m_store.find_placements(query);
}

Result<std::vector<store::PlacementRecord>> LocalPortal::placements_of(const Actor& caller,
                                                                       StudentRef student) {
  std::optional<std::string> wanted;
  if (!student.empty()) {
    wanted = std::string(student);
  }
  BPV_TRY_ASSIGN(auto placements, visible_placements(caller, wanted, true));
  if (placements.empty()) {
    if (caller.role == Role::student) {
      return fail(ErrorKind::not_found, "you have no placement in bpv");
    }
    return fail(ErrorKind::not_found,
                fmt::format("no student '{}' among yours; bpv students list --historical shows them",
                            student));
  }
  return placements;
}

Result<store::PlacementRecord> LocalPortal::placement_of(
    const Actor& caller, StudentRef student, std::optional<std::pair<core::Date, core::Date>> period) {
  BPV_TRY_ASSIGN(auto placements, placements_of(caller, student));
  if (!period) {
    return placements.back();
  }
  auto [from, to] = *period;
  // The latest placement that overlaps the period.
  for (auto it = placements.rbegin(); it != placements.rend(); ++it) {
    if (it->start <= to && from <= it->end) {
      return *it;
    }
  }
  const auto& latest = placements.back();
  return fail(ErrorKind::refused,
              fmt::format("{} to {} is outside the placement of {} ({} to {})", from.to_string(),
                          to.to_string(), describe_student(latest), latest.start.to_string(),
                          latest.end.to_string()));
}

StudentSummary LocalPortal::summarize(const store::PlacementRecord& placement,
                                      const std::vector<store::WeekTotals>& weeks) {
  StudentSummary summary;
  summary.placement_id = placement.id;
  summary.student_number = placement.student_number;
  summary.name = placement.student_name;
  summary.email = placement.student_email;
  summary.company = placement.company_name;
  summary.trainer = placement.trainer_name;
  summary.start = placement.start;
  summary.end = placement.end;
  summary.status = core::placement_status(placement.start, placement.end, today());
  summary.contract_minutes = placement.contract_minutes;
  for (const auto& week : weeks) {
    summary.approved_minutes += week.approved_minutes;
    summary.pending_minutes += week.total_minutes - week.approved_minutes;
    if (week.approved < week.entries) {
      ++summary.weeks_awaiting_approval;
      auto deadline = core::approval_deadline(core::IsoWeek::of(week.monday), m_zone);
      if (core::deadline_passed(deadline, now())) {
        ++summary.weeks_overdue;
      }
    }
  }
  return summary;
}

Result<void> LocalPortal::check_rules(const store::PlacementRecord& placement) {
  RuleChecker checker(m_store, m_settings.rules);
  BPV_TRY(checker.check(store::RulePlacement::of(placement), today(), now()));
  return {};
}

Result<std::vector<store::FlagRecord>> LocalPortal::open_flags(Id placement, core::IsoWeek first,
                                                               core::IsoWeek last) {
  store::FlagQuery query;
  query.placement_id = placement;
  query.open_only = true;
  query.from = first.monday();
  query.to = last.monday();
  return m_store.find_flags(query);
}

namespace {

Flag to_view(const store::FlagRecord& flag) {
  return {flag.code, std::string(core::to_string(flag.severity)), flag.detail};
}

bool blocks(const store::FlagRecord& flag) { return flag.severity != core::Severity::info; }

}  // namespace

Result<Dashboard> LocalPortal::dashboard() {
  BPV_TRY_ASSIGN(auto snapshot, ReadSnapshot::begin(m_store));
  BPV_TRY_ASSIGN(Actor caller, actor());
  BPV_TRY_ASSIGN(auto placements, visible_placements(caller, std::nullopt, true));
  Dashboard board;
  core::Date now_date = today();
  for (const auto& placement : placements) {
    bool window_open = core::approval_window_open(placement.end, m_settings.grace_days, now_date);
    auto status = core::placement_status(placement.start, placement.end, now_date);
    if (status == core::PlacementStatus::active) {
      ++board.students_active;
    }
    if (status == core::PlacementStatus::ended && !window_open) {
      continue;
    }
    BPV_TRY_ASSIGN(auto weeks, m_store.week_totals(placement.id));
    auto summary = summarize(placement, weeks);
    board.weeks_awaiting_approval += summary.weeks_awaiting_approval;
    board.weeks_overdue += summary.weeks_overdue;
    BPV_TRY_ASSIGN(auto corrections,
                   m_store.open_corrections(placement.id, placement.start.plus_days(-6), placement.end));
    board.corrections_open += static_cast<int>(corrections.size());
    store::FlagQuery flags;
    flags.placement_id = placement.id;
    flags.open_only = true;
    BPV_TRY_ASSIGN(auto open, m_store.find_flags(flags));
    board.flags_open += static_cast<int>(open.size());
  }
  return board;
}

Result<std::vector<StudentSummary>> LocalPortal::list_students(bool historical) {
  BPV_TRY_ASSIGN(auto snapshot, ReadSnapshot::begin(m_store));
  BPV_TRY_ASSIGN(Actor caller, require({Role::trainer, Role::supervisor, Role::admin}));
  BPV_TRY_ASSIGN(auto placements, visible_placements(caller, std::nullopt, historical));
  std::vector<StudentSummary> students;
  for (const auto& placement : placements) {
    BPV_TRY_ASSIGN(auto weeks, m_store.week_totals(placement.id));
    students.push_back(summarize(placement, weeks));
  }
  return students;
}

Result<StudentDetail> LocalPortal::show_student(StudentRef student) {
  BPV_TRY_ASSIGN(auto snapshot, ReadSnapshot::begin(m_store));
  BPV_TRY_ASSIGN(Actor caller, actor());
  BPV_TRY_ASSIGN(auto placement, placement_of(caller, student));
  BPV_TRY_ASSIGN(auto weeks, m_store.week_totals(placement.id));
  StudentDetail detail;
  detail.summary = summarize(placement, weeks);
  detail.student = {placement.student_name, placement.student_email, placement.student_phone};
  detail.birth_date = placement.birth_date;
  detail.programme = placement.programme;
  detail.crebo = placement.crebo;
  detail.level = placement.level;
  detail.track = placement.track;
  detail.company_city = placement.company_city;
  detail.trainer = {placement.trainer_name, placement.trainer_email, placement.trainer_phone};
  detail.supervisor = {placement.supervisor_name, placement.supervisor_email, placement.supervisor_phone};
  detail.week_minutes = placement.week_minutes;
  detail.day_minutes = placement.day_minutes;
  detail.progress_percent =
      placement.contract_minutes > 0
          ? 100.0 * static_cast<double>(detail.summary.approved_minutes) /
                static_cast<double>(placement.contract_minutes)
          : 0.0;
  return detail;
}

Result<Logbook> LocalPortal::logbook(StudentRef student, const LogbookRange& range) {
  BPV_TRY_ASSIGN(auto snapshot, ReadSnapshot::begin(m_store));
  BPV_TRY_ASSIGN(Actor caller, actor());
  core::Date now_date = today();
  std::optional<std::pair<core::Date, core::Date>> period;
  if (range.week) {
    period = {range.week->monday(), range.week->sunday()};
  } else if (range.from) {
    period = {*range.from, range.to.value_or(now_date)};
    if (period->second < period->first) {
      return fail(ErrorKind::usage, fmt::format("--to {} is before --from {}",
                                                period->second.to_string(), period->first.to_string()));
    }
  }
  BPV_TRY_ASSIGN(auto placement, placement_of(caller, student, period));
  // Show the weeks of the placement up to today (or the end), within the asked period.
  core::Date first = period ? std::max(period->first, placement.start) : placement.start;
  core::Date last = std::min(placement.end, std::max(now_date, placement.start));
  if (period) {
    last = std::min(last, period->second);
  }
  Logbook book;
  book.student_number = placement.student_number;
  book.name = placement.student_name;
  book.placement_id = placement.id;
  book.start = placement.start;
  book.end = placement.end;
  book.contract_minutes = placement.contract_minutes;
  BPV_TRY_ASSIGN(auto totals, m_store.placement_totals(placement.id));
  book.approved_minutes = totals.approved_minutes;
  book.pending_minutes = totals.total_minutes - totals.approved_minutes;
  if (last < first) {
    return book;
  }
  core::IsoWeek first_week = core::IsoWeek::of(first);
  core::IsoWeek last_week = core::IsoWeek::of(last);
  BPV_TRY_ASSIGN(auto entries,
                 m_store.entries_between(placement.id, first_week.monday(), last_week.sunday()));
  BPV_TRY_ASSIGN(auto corrections,
                 m_store.open_corrections(placement.id, first_week.monday(), last_week.monday()));
  BPV_TRY_ASSIGN(auto flags, open_flags(placement.id, first_week, last_week));
  auto next_flag = flags.begin();
  auto next_entry = entries.begin();
  for (core::IsoWeek week = first_week; week <= last_week; week = week.next()) {
    LogbookWeek view;
    view.week = week;
    view.deadline = core::approval_deadline(week, m_zone);
    bool any_pending = false;
    bool any_entries = false;
    std::map<core::Date, std::string> entry_reasons;
    bool week_correction = false;
    for (const auto& correction : corrections) {
      if (correction.week_monday != week.monday()) {
        continue;
      }
      week_correction = true;
      if (correction.date) {
        entry_reasons[*correction.date] = correction.reason;
      } else {
        view.correction_reasons.push_back(correction.reason);
      }
    }
    for (; next_entry != entries.end() && next_entry->date <= week.sunday(); ++next_entry) {
      LogbookEntry entry;
      entry.date = next_entry->date;
      entry.minutes = next_entry->minutes;
      entry.activity = next_entry->activity;
      entry.status = next_entry->status;
      if (entry.status == store::EntryStatus::correction_requested) {
        auto reason = entry_reasons.find(entry.date);
        if (reason != entry_reasons.end()) {
          entry.correction_reason = reason->second;
        } else if (!view.correction_reasons.empty()) {
          entry.correction_reason = view.correction_reasons.front();
        }
      }
      for (const auto& flag : flags) {
        if (flag.date == entry.date) {
          entry.flags.push_back(to_view(flag));
        }
      }
      view.total_minutes += entry.minutes;
      any_entries = true;
      any_pending = any_pending || entry.status != store::EntryStatus::approved;
      view.entries.push_back(std::move(entry));
    }
    if (week_correction) {
      view.status = WeekStatus::correction;
    } else if (any_entries && !any_pending) {
      view.status = WeekStatus::approved;
    } else {
      view.status = WeekStatus::open;
    }
    view.overdue = any_pending && core::deadline_passed(view.deadline, now());
    // The week's own flags, and a day's flag whose entry is no longer there.
    for (; next_flag != flags.end() && next_flag->week_monday <= week.monday(); ++next_flag) {
      if (next_flag->week_monday < week.monday()) {
        continue;
      }
      bool on_entry = next_flag->date && std::any_of(view.entries.begin(), view.entries.end(),
                                                     [&](const LogbookEntry& e) { return e.date == *next_flag->date; });
      if (!on_entry) {
        view.flags.push_back(to_view(*next_flag));
      }
    }
    book.weeks.push_back(std::move(view));
  }
  return book;
}

Result<WeekApproval> LocalPortal::approve(const Actor& caller, const store::PlacementRecord& placement,
                                          core::IsoWeek week, std::optional<core::Minutes> expect_minutes,
                                          CleanOnly clean_only, DryRun dry_run) {
  WeekApproval outcome;
  outcome.student_number = placement.student_number;
  outcome.name = placement.student_name;
  outcome.placement_id = placement.id;
  outcome.week = week;
  auto refuse = [&](std::string reason) {
    outcome.result = ApprovalResult::refused;
    outcome.reason = std::move(reason);
    return outcome;
  };
  core::Date now_date = today();
  if (now_date < week.monday()) {
    return refuse(fmt::format("{} has not started yet", week.to_string()));
  }
  if (!core::approval_window_open(placement.end, m_settings.grace_days, now_date)) {
    return refuse(fmt::format("the approval window closed on {} ({} days after the placement ended "
                              "on {})",
                              core::approval_window_end(placement.end, m_settings.grace_days).to_string(),
                              m_settings.grace_days, placement.end.to_string()));
  }
  BPV_TRY_ASSIGN(auto entries, m_store.entries_between(placement.id, week.monday(), week.sunday()));
  for (const auto& entry : entries) {
    outcome.total_minutes += entry.minutes;
  }
  outcome.entries = static_cast<int>(entries.size());
  if (entries.empty()) {
    outcome.result = ApprovalResult::nothing_to_approve;
    outcome.reason = "no hours recorded";
    return outcome;
  }
  BPV_TRY_ASSIGN(auto corrections, m_store.open_corrections(placement.id, week.monday(), week.monday()));
  if (!corrections.empty()) {
    const auto& open = corrections.front();
    std::string what = open.date ? open.date->to_string() : std::string("the whole week");
    return refuse(fmt::format("{} has an open correction request for {} (\"{}\"); the student must "
                              "change those hours first, or withdraw it with: bpv "
                              "withdraw-correction {} {} {}",
                              week.to_string(), what, open.reason, placement.student_number,
                              open.date ? "--date" : "--week",
                              open.date ? open.date->to_string() : week.to_string()));
  }
  bool all_approved = std::all_of(entries.begin(), entries.end(), [](const store::EntryRecord& e) {
    return e.status == store::EntryStatus::approved;
  });
  if (all_approved) {
    outcome.result = ApprovalResult::already_approved;
    return outcome;
  }
  BPV_TRY_ASSIGN(auto flags, open_flags(placement.id, week, week));
  for (const auto& flag : flags) {
    outcome.flags.push_back(to_view(flag));
  }
  auto blocking = std::count_if(flags.begin(), flags.end(), blocks);
  if (blocking > 0 && clean_only == CleanOnly::yes) {
    outcome.result = ApprovalResult::skipped_flagged;
    outcome.reason = fmt::format("{} open flag(s) that are warnings or errors", blocking);
    return outcome;
  }
  if (blocking > 0 && m_settings.block_on_flags) {
    return refuse(fmt::format("{} has {} open flag(s) that are warnings or errors, and the "
                              "configuration (approval.block_on_flags) refuses approval while "
                              "they are open; see bpv logbook show {} --week {}",
                              week.to_string(), blocking, placement.student_number, week.to_string()));
  }
  if (expect_minutes && *expect_minutes != outcome.total_minutes) {
    return refuse(fmt::format("{} has {} hours, not the {} you expected; the hours changed since you "
                              "looked: check with bpv logbook show {} --week {}",
                              week.to_string(), core::format_hours_clock(outcome.total_minutes),
                              core::format_hours_clock(*expect_minutes), placement.student_number,
                              week.to_string()));
  }
  if (dry_run == DryRun::yes) {
    outcome.result = ApprovalResult::would_approve;
    return outcome;
  }
  BPV_TRY(store::in_transaction(m_store, [&]() -> Result<void> {
    BPV_TRY(m_store.approve_entries(placement.id, week.monday(), week.sunday(), caller.user_id, now()));
    return audit_event(caller, "week.approve", placement.id, week.to_string(),
                       week_json(week, entries, "submitted"), week_json(week, entries, "approved"));
  }));
  outcome.result = ApprovalResult::approved;
  return outcome;
}

Result<WeekApproval> LocalPortal::approve_week(StudentRef student, core::IsoWeek week,
                                               std::optional<core::Minutes> expect_minutes) {
  BPV_TRY_ASSIGN(Actor caller, require({Role::trainer, Role::admin}));
  BPV_TRY_ASSIGN(auto placement, placement_of(caller, student, {{week.monday(), week.sunday()}}));
  BPV_TRY_ASSIGN(auto outcome, approve(caller, placement, week, expect_minutes, CleanOnly::no, DryRun::no));
  if (outcome.result == ApprovalResult::refused) {
    return fail(ErrorKind::refused, fmt::format("{} {}: {}", describe_student(placement),
                                                week.to_string(), outcome.reason));
  }
  return outcome;
}

Result<std::vector<WeekApproval>> LocalPortal::approve_all(std::optional<core::IsoWeek> week,
                                                           CleanOnly clean_only, DryRun dry_run) {
  BPV_TRY_ASSIGN(Actor caller, require({Role::trainer, Role::admin}));
  BPV_TRY_ASSIGN(auto placements, visible_placements(caller, std::nullopt, true));
  std::vector<WeekApproval> outcomes;
  core::Date now_date = today();
  for (const auto& placement : placements) {
    if (!core::approval_window_open(placement.end, m_settings.grace_days, now_date)) {
      continue;
    }
    BPV_TRY_ASSIGN(auto weeks, m_store.week_totals(placement.id));
    for (const auto& totals : weeks) {
      core::IsoWeek this_week = core::IsoWeek::of(totals.monday);
      if (totals.approved == totals.entries || (week && *week != this_week)) {
        continue;
      }
      BPV_TRY_ASSIGN(auto outcome, approve(caller, placement, this_week, std::nullopt, clean_only, dry_run));
      outcomes.push_back(std::move(outcome));
    }
  }
  return outcomes;
}

Result<void> LocalPortal::request_correction(StudentRef student, std::optional<core::Date> date,
                                             std::optional<core::IsoWeek> week,
                                             std::string_view reason) {
  BPV_TRY_ASSIGN(Actor caller, require({Role::trainer, Role::admin}));
  if (date.has_value() == week.has_value()) {
    return fail(ErrorKind::usage, "give either --date or --week");
  }
  if (core::trim(reason).empty()) {
    return fail(ErrorKind::usage, "--reason: say what the student should correct");
  }
  core::IsoWeek target = week ? *week : core::IsoWeek::of(*date);
  core::Date from = date ? *date : target.monday();
  core::Date to = date ? *date : target.sunday();
  BPV_TRY_ASSIGN(auto placement, placement_of(caller, student, {{from, to}}));
  BPV_TRY_ASSIGN(auto entries, m_store.entries_between(placement.id, from, to));
  if (entries.empty()) {
    return fail(ErrorKind::not_found, fmt::format("{} has no hours on {}", describe_student(placement),
                                                  date ? date->to_string() : target.to_string()));
  }
  bool any_approved = std::any_of(entries.begin(), entries.end(), [](const store::EntryRecord& e) {
    return e.status == store::EntryStatus::approved;
  });
  if (any_approved) {
    return fail(ErrorKind::refused,
                fmt::format("{} is approved and locked; a supervisor or administrator can reopen the "
                            "week with: bpv reopen-week {} {} --reason TEXT",
                            date ? date->to_string() : target.to_string(), placement.student_number,
                            target.to_string()));
  }
  return store::in_transaction(m_store, [&]() -> Result<void> {
    store::CorrectionRecord correction;
    correction.placement_id = placement.id;
    correction.date = date;
    correction.week_monday = target.monday();
    correction.reason = std::string(core::trim(reason));
    correction.requested_by = caller.user_id;
    correction.requested_at = now();
    BPV_TRY_ASSIGN(Id correction_id, m_store.insert_correction(correction));
    BPV_TRY(m_store.change_entry_status(placement.id, from, to, store::EntryStatus::submitted,
                                        store::EntryStatus::correction_requested, now()));
    mail::Values values{
        {"student_name", placement.student_name},
        {"trainer_name", caller.name},
        {"week", target.to_string()},
        {"what", date ? fmt::format("je uren van {}", mail::dutch_date(*date))
                      : fmt::format("je uren van de hele week {}", target.to_string())},
        {"reason", correction.reason},
        {"command", date ? fmt::format("bpv hours edit {} UREN --activity \"...\"", date->to_string())
                         : fmt::format("bpv hours list --week {}", target.to_string())}};
    BPV_TRY(notify("correction-requested", placement.student_name, placement.student_email,
                   fmt::format("correction {}", correction_id), values, placement.id));
    nlohmann::json after{{"date", date ? date->to_string() : ""},
                         {"week", target.to_string()},
                         {"reason", correction.reason}};
    return audit_event(caller, "correction.request", placement.id,
                       date ? date->to_string() : target.to_string(), week_json(target, entries, "submitted"),
                       after.dump());
  });
}

Result<void> LocalPortal::withdraw_correction(StudentRef student, std::optional<core::Date> date,
                                              std::optional<core::IsoWeek> week) {
  BPV_TRY_ASSIGN(Actor caller, require({Role::trainer, Role::admin}));
  if (date.has_value() == week.has_value()) {
    return fail(ErrorKind::usage, "give either --date or --week");
  }
  core::IsoWeek target = week ? *week : core::IsoWeek::of(*date);
  BPV_TRY_ASSIGN(auto placement, placement_of(caller, student, {{target.monday(), target.sunday()}}));
  BPV_TRY_ASSIGN(auto corrections, m_store.open_corrections(placement.id, target.monday(), target.monday()));
  std::vector<store::CorrectionRecord> withdrawn;
  for (const auto& correction : corrections) {
    if (week || correction.date == date) {
      withdrawn.push_back(correction);
    }
  }
  if (withdrawn.empty()) {
    return fail(ErrorKind::not_found, fmt::format("{} has no open correction request for {}",
                                                  describe_student(placement),
                                                  date ? date->to_string() : target.to_string()));
  }
  return store::in_transaction(m_store, [&]() -> Result<void> {
    nlohmann::json reasons = nlohmann::json::array();
    for (const auto& correction : withdrawn) {
      BPV_TRY(m_store.resolve_correction(correction.id, "withdrawn", now()));
      reasons.push_back(correction.reason);
    }
    // Entries no longer covered by an open request go back to submitted.
    BPV_TRY_ASSIGN(auto remaining, m_store.open_corrections(placement.id, target.monday(), target.monday()));
    bool week_request_left = std::any_of(remaining.begin(), remaining.end(),
                                         [](const store::CorrectionRecord& c) { return !c.date; });
    if (!week_request_left) {
      for (core::Date day = target.monday(); day <= target.sunday(); day = day.plus_days(1)) {
        bool still = std::any_of(remaining.begin(), remaining.end(),
                                 [&](const store::CorrectionRecord& c) { return c.date == day; });
        if (!still) {
          BPV_TRY(m_store.change_entry_status(placement.id, day, day,
                                              store::EntryStatus::correction_requested,
                                              store::EntryStatus::submitted, now()));
        }
      }
    }
    nlohmann::json before{{"reasons", reasons}};
    return audit_event(caller, "correction.withdraw", placement.id,
                       date ? date->to_string() : target.to_string(), before.dump(), std::nullopt);
  });
}

Result<void> LocalPortal::resolve_corrected(const store::PlacementRecord& placement, core::Date date) {
  core::IsoWeek week = core::IsoWeek::of(date);
  BPV_TRY_ASSIGN(auto corrections, m_store.open_corrections(placement.id, week.monday(), week.monday()));
  if (corrections.empty()) {
    return {};
  }
  BPV_TRY_ASSIGN(auto entries, m_store.entries_between(placement.id, week.monday(), week.sunday()));
  auto still_requested = [&](std::optional<core::Date> day) {
    return std::any_of(entries.begin(), entries.end(), [&](const store::EntryRecord& e) {
      return e.status == store::EntryStatus::correction_requested && (!day || e.date == *day);
    });
  };
  for (const auto& correction : corrections) {
    if (!still_requested(correction.date)) {
      BPV_TRY(m_store.resolve_correction(correction.id, "corrected", now()));
      mail::Values values{
          {"trainer_name", placement.trainer_name},
          {"student_name", placement.student_name},
          {"student_number", placement.student_number},
          {"week", week.to_string()},
          {"what", correction.date ? fmt::format("de uren van {}", mail::dutch_date(*correction.date))
                                   : fmt::format("de uren van week {}", week.to_string())},
          {"command", fmt::format("bpv approve-week {} {}", placement.student_number, week.to_string())}};
      BPV_TRY(notify("hours-corrected", placement.trainer_name, placement.trainer_email,
                     fmt::format("correction {}", correction.id), values, placement.id));
    }
  }
  return {};
}

Result<void> LocalPortal::reopen_week(StudentRef student, core::IsoWeek week, std::string_view reason) {
  BPV_TRY_ASSIGN(Actor caller, require({Role::supervisor, Role::admin}));
  if (core::trim(reason).empty()) {
    return fail(ErrorKind::usage, "--reason: say why the week is reopened");
  }
  BPV_TRY_ASSIGN(auto placement, placement_of(caller, student, {{week.monday(), week.sunday()}}));
  BPV_TRY_ASSIGN(auto entries, m_store.entries_between(placement.id, week.monday(), week.sunday()));
  bool any_approved = std::any_of(entries.begin(), entries.end(), [](const store::EntryRecord& e) {
    return e.status == store::EntryStatus::approved;
  });
  if (!any_approved) {
    return fail(ErrorKind::refused, fmt::format("{} of {} is not approved; there is nothing to reopen",
                                                week.to_string(), describe_student(placement)));
  }
  return store::in_transaction(m_store, [&]() -> Result<void> {
    BPV_TRY(m_store.change_entry_status(placement.id, week.monday(), week.sunday(),
                                        store::EntryStatus::approved, store::EntryStatus::submitted, now()));
    mail::Values values{{"student_name", placement.student_name},
                        {"reopened_by", caller.name},
                        {"week", week.to_string()},
                        {"reason", std::string(core::trim(reason))}};
    // Every reopening is news of its own.
    BPV_TRY(notify("week-reopened", placement.student_name, placement.student_email,
                   fmt::format("placement {} {} reopened {}", placement.id, week.to_string(),
                               now().time_since_epoch().count()),
                   values, placement.id));
    return audit_event(caller, "week.reopen", placement.id, week.to_string(),
                       week_json(week, entries, "approved"),
                       week_json(week, entries, "submitted", core::trim(reason)));
  });
}

Result<std::vector<AuditRow>> LocalPortal::audit(std::optional<std::string> student,
                                                 std::optional<core::Date> since) {
  BPV_TRY_ASSIGN(auto snapshot, ReadSnapshot::begin(m_store));
  BPV_TRY_ASSIGN(Actor caller, require({Role::supervisor, Role::admin}));
  store::AuditQuery query;
  if (caller.role == Role::supervisor) {
    query.supervisor_id = caller.user_id;
  }
  if (since) {
    query.since = m_zone.at_local(*since, 0, 0);
  }
  std::vector<store::AuditRecord> records;
  if (student) {
    BPV_TRY_ASSIGN(auto placements, visible_placements(caller, *student, true));
    if (placements.empty()) {
      return fail(ErrorKind::not_found, fmt::format("no student '{}' among yours", *student));
    }
    for (const auto& placement : placements) {
      query.placement_id = placement.id;
      BPV_TRY_ASSIGN(auto some, m_store.list_audit(query));
      records.insert(records.end(), some.begin(), some.end());
    }
  } else {
    BPV_TRY_ASSIGN(records, m_store.list_audit(query));
  }
  std::vector<AuditRow> rows;
  for (const auto& record : records) {
    rows.push_back(AuditRow{record.id, record.at, record.actor_email, record.action,
                            record.student_number, record.subject, record.before.value_or(""),
                            record.after.value_or("")});
  }
  return rows;
}

}  // namespace bpv::portal
