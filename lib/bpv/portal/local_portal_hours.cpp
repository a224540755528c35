// The local Portal: a student's own hours.
#include <bpv/portal/local_portal.hpp>
#include <bpv/portal/read_snapshot.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace bpv::portal {
namespace {

std::string entry_json(const store::EntryRecord& entry, std::string_view reason = {}) {
  nlohmann::json json{{"date", entry.date.to_string()},
                      {"hours", core::hours_as_number(entry.minutes)},
                      {"activity", entry.activity},
                      {"status", store::to_string(entry.status)}};
  if (!reason.empty()) {
    json["correction_reason"] = reason;
  }
  return json.dump();
}

HoursEntry to_view(const store::EntryRecord& entry, std::string reason = {}) {
  return HoursEntry{entry.placement_id, entry.date, entry.minutes, entry.activity, entry.status,
                    std::move(reason)};
}

}  // namespace

Result<store::PlacementRecord> LocalPortal::own_placement(const Actor& caller, core::Date date,
                                                          std::optional<Id> placement) {
  BPV_TRY_ASSIGN(auto placements, visible_placements(caller, std::nullopt, true));
  if (placement) {
    std::erase_if(placements, [&](const store::PlacementRecord& p) { return p.id != *placement; });
    if (placements.empty()) {
      return fail(ErrorKind::not_found, fmt::format("you have no placement {}", *placement));
    }
  }
  if (placements.empty()) {
    return fail(ErrorKind::not_found, "you have no placement in bpv");
  }
  for (const auto& candidate : placements) {
    if (candidate.start <= date && date <= candidate.end) {
      return candidate;
    }
  }
  const auto& latest = placements.back();
  return fail(ErrorKind::refused, fmt::format("{} is outside your placement ({} to {})", date.to_string(),
                                              latest.start.to_string(), latest.end.to_string()));
}

Result<HoursEntry> LocalPortal::add_hours(core::Date date, core::Minutes minutes,
                                          std::string_view activity, std::optional<Id> placement_id) {
  BPV_TRY_ASSIGN(Actor caller, require({Role::student}));
  if (minutes <= 0 || minutes > core::k_max_day_minutes) {
    return fail(ErrorKind::usage, "HOURS: more than 0 and at most 24");
  }
  if (date > today()) {
    return fail(ErrorKind::refused,
                fmt::format("{} is in the future; record hours on or after the day you worked them",
                            date.to_string()));
  }
  BPV_TRY_ASSIGN(auto placement, own_placement(caller, date, placement_id));
  core::IsoWeek week = core::IsoWeek::of(date);
  BPV_TRY_ASSIGN(auto week_entries, m_store.entries_between(placement.id, week.monday(), week.sunday()));
  for (const auto& entry : week_entries) {
    if (entry.date == date) {
      return fail(ErrorKind::refused, fmt::format("you already have {} hours on {}; change them with: "
                                                  "bpv hours edit {} HOURS",
                                                  core::format_hours_clock(entry.minutes),
                                                  date.to_string(), date.to_string()));
    }
    if (entry.status == store::EntryStatus::approved) {
      return fail(ErrorKind::refused, fmt::format("{} is approved and locked; ask your school "
                                                  "supervisor to reopen it",
                                                  week.to_string()));
    }
  }
  store::EntryRecord entry{placement.id, date, minutes, std::string(activity),
                           store::EntryStatus::submitted, std::nullopt, std::nullopt};
  BPV_TRY(store::in_transaction(m_store, [&]() -> Result<void> {
    BPV_TRY(m_store.insert_entry(entry, now()));
    BPV_TRY(check_rules(placement));
    return audit_event(caller, "hours.add", placement.id, date.to_string(), std::nullopt, entry_json(entry));
  }));
  return to_view(entry);
}

Result<HoursEntry> LocalPortal::edit_hours(core::Date date, std::optional<core::Minutes> minutes,
                                           std::optional<std::string> activity) {
  BPV_TRY_ASSIGN(Actor caller, require({Role::student}));
  if (!minutes && !activity) {
    return fail(ErrorKind::usage, "give new HOURS, --activity, or both");
  }
  if (minutes && (*minutes <= 0 || *minutes > core::k_max_day_minutes)) {
    return fail(ErrorKind::usage, "HOURS: more than 0 and at most 24");
  }
  BPV_TRY_ASSIGN(auto placement, own_placement(caller, date, std::nullopt));
  BPV_TRY_ASSIGN(auto found, m_store.find_entry(placement.id, date));
  if (!found) {
    return fail(ErrorKind::not_found, fmt::format("you have no hours on {}; add them with: bpv hours "
                                                  "add {} HOURS",
                                                  date.to_string(), date.to_string()));
  }
  const store::EntryRecord before = *found;
  if (before.status == store::EntryStatus::approved) {
    return fail(ErrorKind::refused, fmt::format("{} is approved and locked; ask your school supervisor "
                                                "to reopen the week",
                                                date.to_string()));
  }
  // The reason of the request this edit answers, kept in the audit log.
  std::string reason;
  if (before.status == store::EntryStatus::correction_requested) {
    core::IsoWeek week = core::IsoWeek::of(date);
    BPV_TRY_ASSIGN(auto corrections, m_store.open_corrections(placement.id, week.monday(), week.monday()));
    for (const auto& correction : corrections) {
      if (!correction.date || correction.date == date) {
        reason = correction.reason;
      }
    }
  }
  store::EntryRecord after = before;
  if (minutes) {
    after.minutes = *minutes;
  }
  if (activity) {
    after.activity = *activity;
  }
  after.status = store::EntryStatus::submitted;
  BPV_TRY(store::in_transaction(m_store, [&]() -> Result<void> {
    BPV_TRY(m_store.update_entry(after, now()));
    BPV_TRY(resolve_corrected(placement, date));
    BPV_TRY(check_rules(placement));
    return audit_event(caller, "hours.edit", placement.id, date.to_string(), entry_json(before, reason),
                       entry_json(after));
  }));
  return to_view(after);
}

Result<void> LocalPortal::delete_hours(core::Date date) {
  BPV_TRY_ASSIGN(Actor caller, require({Role::student}));
  BPV_TRY_ASSIGN(auto placement, own_placement(caller, date, std::nullopt));
  BPV_TRY_ASSIGN(auto found, m_store.find_entry(placement.id, date));
  if (!found) {
    return fail(ErrorKind::not_found, fmt::format("you have no hours on {}", date.to_string()));
  }
  if (found->status == store::EntryStatus::approved) {
    return fail(ErrorKind::refused, fmt::format("{} is approved and locked; ask your school supervisor "
                                                "to reopen the week",
                                                date.to_string()));
  }
  return store::in_transaction(m_store, [&]() -> Result<void> {
    BPV_TRY(m_store.delete_entry(placement.id, date));
    BPV_TRY(resolve_corrected(placement, date));
    BPV_TRY(check_rules(placement));
    return audit_event(caller, "hours.delete", placement.id, date.to_string(), entry_json(*found),
                       std::nullopt);
  });
}

Result<std::vector<HoursEntry>> LocalPortal::list_hours(std::optional<core::IsoWeek> week) {
  BPV_TRY_ASSIGN(auto snapshot, ReadSnapshot::begin(m_store));
  BPV_TRY_ASSIGN(Actor caller, require({Role::student}));
  BPV_TRY_ASSIGN(auto placements, visible_placements(caller, std::nullopt, true));
  std::vector<HoursEntry> hours;
  for (const auto& placement : placements) {
    core::Date from = week ? week->monday() : placement.start;
    core::Date to = week ? week->sunday() : placement.end;
    BPV_TRY_ASSIGN(auto entries, m_store.entries_between(placement.id, from, to));
    BPV_TRY_ASSIGN(auto corrections, m_store.open_corrections(placement.id, from.plus_days(-6), to));
    for (const auto& entry : entries) {
      std::string reason;
      if (entry.status == store::EntryStatus::correction_requested) {
        for (const auto& correction : corrections) {
          if (correction.week_monday == core::IsoWeek::of(entry.date).monday() &&
              (!correction.date || correction.date == entry.date)) {
            reason = correction.reason;
          }
        }
      }
      hours.push_back(to_view(entry, std::move(reason)));
    }
  }
  return hours;
}

}  // namespace bpv::portal
