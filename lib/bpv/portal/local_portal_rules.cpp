// The local Portal: school calendars, vacation exceptions and the flags of the rule checks.
#include <bpv/portal/local_portal.hpp>
#include <bpv/portal/read_snapshot.hpp>

#include <bpv/core/values.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace bpv::portal {

Result<std::vector<CalendarImport>> LocalPortal::import_calendars(
    const std::vector<core::Calendar>& calendars, std::optional<std::string> region, DryRun dry_run) {
  BPV_TRY_ASSIGN(Actor caller, require({Role::admin}));
  if (calendars.empty()) {
    return fail(ErrorKind::usage, "the file holds no calendar");
  }
  if (region && std::find(core::k_regions.begin(), core::k_regions.end(), *region) == core::k_regions.end()) {
    return fail(ErrorKind::usage,
                fmt::format("--region: '{}' is not a region; give noord, midden or zuid", *region));
  }
  std::vector<CalendarImport> imports;
  auto work = [&]() -> Result<void> {
    for (const auto& calendar : calendars) {
      CalendarImport outcome;
      outcome.name = calendar.name();
      std::set<int> years;
      for (const auto& period : calendar.periods()) {
        years.insert(core::school_year_of(period.first));
      }
      for (const auto& holiday : calendar.holidays()) {
        years.insert(core::school_year_of(holiday.date));
      }
      outcome.school_years.assign(years.begin(), years.end());
      BPV_TRY_ASSIGN(auto stored, m_store.load_calendar(calendar.name()));
      outcome.created = !stored;
      core::Calendar merged = stored ? *stored : core::Calendar(calendar.name());
      merged.replace_from(calendar);
      outcome.periods = static_cast<int>(merged.periods().size());
      outcome.holidays = static_cast<int>(merged.holidays().size());
      // The calendar's own region: the one asked for, else its name when that is a region.
      std::optional<std::string> calendar_region = region;
      if (!calendar_region && std::find(core::k_regions.begin(), core::k_regions.end(),
                                        calendar.name()) != core::k_regions.end()) {
        calendar_region = calendar.name();
      }
      BPV_TRY(m_store.save_calendar(merged, calendar_region, now()));
      nlohmann::json after{{"periods", outcome.periods},
                           {"holidays", outcome.holidays},
                           {"school_years", outcome.school_years}};
      BPV_TRY(audit_event(caller, "calendar.import", std::nullopt, calendar.name(), std::nullopt,
                          after.dump()));
      imports.push_back(std::move(outcome));
    }
    // Vacations and holidays moved: every placement is checked again by the next job run.
    return m_store.mark_all_rule_checks_due();
  };
  if (dry_run == DryRun::yes) {
    BPV_TRY(m_store.begin());
    auto done = work();
    m_store.rollback();
    BPV_TRY(done);
    return imports;
  }
  BPV_TRY(store::in_transaction(m_store, work));
  return imports;
}

Result<std::vector<CalendarView>> LocalPortal::list_calendars() {
  BPV_TRY(actor());
  BPV_TRY_ASSIGN(auto summaries, m_store.list_calendars());
  std::vector<CalendarView> views;
  for (const auto& summary : summaries) {
    BPV_TRY_ASSIGN(auto calendar, m_store.load_calendar(summary.name));
    if (calendar) {
      views.push_back({std::move(*calendar), summary.region, summary.updated_at});
    }
  }
  return views;
}

Result<void> LocalPortal::assign_calendar(std::string_view calendar, std::string_view company,
                                          std::optional<std::string> city) {
  BPV_TRY_ASSIGN(Actor caller, require({Role::admin}));
  BPV_TRY_ASSIGN(auto stored, m_store.load_calendar(calendar));
  if (!stored) {
    return fail(ErrorKind::not_found, fmt::format("no calendar '{}' is loaded; bpv calendar list shows "
                                                  "them, bpv calendar import FILE loads one",
                                                  calendar));
  }
  BPV_TRY_ASSIGN(auto companies, m_store.find_companies(company));
  std::erase_if(companies, [&](const store::Company& c) { return city && c.city != *city; });
  if (companies.empty()) {
    return fail(ErrorKind::not_found,
                fmt::format("no company '{}'{}", company, city ? fmt::format(" in {}", *city) : ""));
  }
  if (companies.size() > 1) {
    std::vector<std::string> cities;
    for (const auto& c : companies) {
      cities.push_back(c.city);
    }
    return fail(ErrorKind::usage, fmt::format("{} companies are called '{}' (in {}); say which with --city",
                                              companies.size(), company, fmt::join(cities, ", ")));
  }
  const auto& chosen = companies.front();
  return store::in_transaction(m_store, [&]() -> Result<void> {
    BPV_TRY(m_store.set_company_calendar(chosen.id, std::string(calendar), now()));
    nlohmann::json after{{"company", chosen.name}, {"city", chosen.city}, {"calendar", calendar}};
    return audit_event(caller, "company.calendar", std::nullopt, chosen.name, std::nullopt, after.dump());
  });
}

Result<void> LocalPortal::allow_vacation(StudentRef student, core::Date from, core::Date to,
                                         std::string_view reason) {
  BPV_TRY_ASSIGN(Actor caller, require({Role::supervisor, Role::admin}));
  if (to < from) {
    return fail(ErrorKind::usage,
                fmt::format("--to {} is before --from {}", to.to_string(), from.to_string()));
  }
  if (core::trim(reason).empty()) {
    return fail(ErrorKind::usage, "--reason: say what was agreed, e.g. \"overleg school, inhaaluren\"");
  }
  BPV_TRY_ASSIGN(auto placement, placement_of(caller, student, {{from, to}}));
  store::VacationException exception;
  exception.placement_id = placement.id;
  exception.from = std::max(from, placement.start);
  exception.to = std::min(to, placement.end);
  exception.reason = std::string(core::trim(reason));
  exception.created_by = caller.user_id;
  exception.created_at = now();
  return store::in_transaction(m_store, [&]() -> Result<void> {
    BPV_TRY(m_store.insert_vacation_exception(exception));
    BPV_TRY(check_rules(placement));
    nlohmann::json after{{"from", exception.from.to_string()},
                         {"to", exception.to.to_string()},
                         {"reason", exception.reason}};
    return audit_event(caller, "placement.allow_vacation", placement.id, placement.student_number,
                       std::nullopt, after.dump());
  });
}

Result<std::vector<Violation>> LocalPortal::violations(const ViolationQuery& query) {
  BPV_TRY_ASSIGN(auto snapshot, ReadSnapshot::begin(m_store));
  BPV_TRY_ASSIGN(Actor caller, require({Role::trainer, Role::supervisor, Role::admin}));
  std::optional<std::string> code;
  if (query.code) {
    const core::RuleInfo* rule = core::find_rule(*query.code);
    if (rule == nullptr) {
      std::vector<std::string> codes;
      for (const auto& info : core::k_rules) {
        codes.emplace_back(info.code);
      }
      auto closest = core::closest_name(*query.code, codes);
      return fail(ErrorKind::usage,
                  fmt::format("--code: '{}' is not a rule code{}; the codes are {}", *query.code,
                              closest.empty() ? "" : fmt::format(" (did you mean {}?)", closest),
                              fmt::join(codes, ", ")));
    }
    code = std::string(rule->code);
  }
  std::vector<store::PlacementRecord> placements;
  if (query.student) {
    BPV_TRY_ASSIGN(placements, placements_of(caller, *query.student));
  } else {
    BPV_TRY_ASSIGN(placements, visible_placements(caller, std::nullopt, true));
  }
  std::vector<Violation> found;
  for (const auto& placement : placements) {
    store::FlagQuery flags;
    flags.placement_id = placement.id;
    flags.code = code;
    flags.open_only = query.open_only;
    BPV_TRY_ASSIGN(auto records, m_store.find_flags(flags));
    for (const auto& record : records) {
      Violation violation;
      violation.student_number = placement.student_number;
      violation.name = placement.student_name;
      violation.placement_id = placement.id;
      violation.week = core::IsoWeek::of(record.week_monday);
      violation.date = record.date;
      violation.code = record.code;
      violation.severity = std::string(core::to_string(record.severity));
      violation.detail = record.detail;
      violation.first_seen = record.first_seen;
      violation.resolved_at = record.resolved_at;
      found.push_back(std::move(violation));
    }
  }
  return found;
}

}  // namespace bpv::portal
