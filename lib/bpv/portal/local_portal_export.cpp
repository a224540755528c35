// The local Portal's exports: hours (one row per entry) and the summary (one row per
// placement), streamed to a table writer. Exporting changes nothing.
#include <bpv/portal/local_portal.hpp>

#include <fmt/format.h>

#include <array>
#include <map>

namespace bpv::portal {
namespace {

using exports::Cell;
using exports::Column;
using exports::ColumnType;

constexpr Column k_hours_columns[] = {
    {"student_number", ColumnType::text}, {"student_name", ColumnType::text},
    {"programme", ColumnType::text},      {"company", ColumnType::text},
    {"trainer", ColumnType::text},        {"date", ColumnType::date},
    {"week", ColumnType::text},           {"hours", ColumnType::hours},
    {"status", ColumnType::text},         {"approved_by", ColumnType::text},
    {"approved_at", ColumnType::text},    {"open_flags", ColumnType::text},
    {"activity", ColumnType::text},
};
constexpr std::size_t k_hours_without_activity = std::size(k_hours_columns) - 1;

constexpr Column k_summary_columns[] = {
    {"student_number", ColumnType::text},  {"student_name", ColumnType::text},
    {"programme", ColumnType::text},       {"company", ColumnType::text},
    {"trainer", ColumnType::text},         {"supervisor", ColumnType::text},
    {"start_date", ColumnType::date},      {"end_date", ColumnType::date},
    {"contract_hours", ColumnType::hours}, {"approved_hours", ColumnType::hours},
    {"submitted_hours", ColumnType::hours}, {"correction_hours", ColumnType::hours},
    {"progress_percent", ColumnType::percent}, {"weeks_overdue", ColumnType::integer},
    {"open_flags", ColumnType::text},
};

constexpr std::int64_t k_progress_every = 10'000;

// Whose placements the caller may export.
ExportScope scope_of(const Actor& caller) {
  ExportScope scope;
  if (caller.role == Role::trainer) {
    scope.trainer_id = caller.user_id;
  } else if (caller.role == Role::supervisor) {
    scope.supervisor_id = caller.user_id;
  }
  return scope;
}

// What every export does first: refuses a backward period, and keeps the reading's memory flat.
Result<void> begin_export(store::Store& store, const ExportFilter& filter) {
  if (filter.to < filter.from) {
    return fail(ErrorKind::usage, fmt::format("--to {} is before --from {}", filter.to.to_string(),
                                              filter.from.to_string()));
  }
  return store.limit_memory();
}

}  // namespace

Result<std::optional<store::EntryStatus>> parse_export_status(std::string_view name, std::string_view text) {
  if (text == "all") {
    return std::nullopt;
  }
  if (text == "approved") {
    return store::EntryStatus::approved;
  }
  if (text == "submitted") {
    return store::EntryStatus::submitted;
  }
  if (text == "correction") {
    return store::EntryStatus::correction_requested;
  }
  return fail(ErrorKind::usage,
              fmt::format("{}: '{}' is not a status; use approved, submitted, correction or all", name, text));
}

Result<std::int64_t> write_hours_export(store::Store& store, const core::TimeZone& zone, core::Instant now,
                                        const ExportScope& scope, const ExportFilter& filter,
                                        exports::TableWriter& writer, const ExportProgress& progress) {
  BPV_TRY(begin_export(store, filter));
  store::ExportQuery query;
  query.from = filter.from;
  query.to = filter.to;
  query.status = filter.status;
  query.student = filter.student;
  query.company = filter.company;
  query.programme = filter.programme;
  query.with_activities = filter.with_activities;
  query.trainer_id = scope.trainer_id;
  query.supervisor_id = scope.supervisor_id;
  if (progress.total) {
    BPV_TRY_ASSIGN(auto total, store.count_export_entries(query));
    progress.total(total);
  }
  std::span<const Column> columns(k_hours_columns, filter.with_activities ? std::size(k_hours_columns)
                                                                          : k_hours_without_activity);
  BPV_TRY(writer.begin_sheet("Uren", columns));
  std::int64_t rows = 0;
  std::array<Cell, std::size(k_hours_columns)> cells;
  char week[9];
  std::string approved_at;
  std::optional<core::Instant> approved_at_of;  // the instant approved_at shows: a week's entries share it
  core::Date week_of;                            // the date `week` was written for
  BPV_TRY(store.each_export_entry(query, [&](const store::ExportEntry& entry) -> Result<void> {
    if (rows == 0 || entry.date != week_of) {
      auto iso = core::IsoWeek::of(entry.date);
      fmt::format_to_n(week, sizeof week, "{:04}-W{:02}", iso.year(), iso.number());
      week_of = entry.date;
    }
    if (entry.approved_at && entry.approved_at != approved_at_of) {
      // Local time, as a spreadsheet shows it: 2026-11-30 09:12.
      approved_at = zone.format_local(*entry.approved_at).substr(0, 16);
      approved_at[10] = ' ';
      approved_at_of = entry.approved_at;
    }
    cells[0] = entry.student_number;
    cells[1] = entry.student_name;
    cells[2] = entry.programme;
    cells[3] = entry.company;
    cells[4] = entry.trainer;
    cells[5] = entry.date;
    cells[6] = std::string_view(week, 8);
    cells[7] = exports::Hours{entry.minutes};
    cells[8] = store::to_string(entry.status);
    cells[9] = entry.approved_by;
    cells[10] = entry.approved_at ? Cell(std::string_view(approved_at)) : Cell();
    cells[11] = entry.open_flags;
    cells[12] = entry.activity;
    BPV_TRY(writer.row(std::span<const Cell>(cells.data(), columns.size())));
    if (++rows % k_progress_every == 0 && progress.rows) {
      progress.rows(rows);
    }
    return {};
  }));
  if (writer.writes_more_sheets()) {
    BPV_TRY(write_summary_export(store, zone, now, scope, filter, writer, {}));
  } else {
    BPV_TRY(writer.finish());
  }
  if (progress.rows) {
    progress.rows(rows);
  }
  return rows;
}

Result<std::int64_t> write_summary_export(store::Store& store, const core::TimeZone& zone, core::Instant now,
                                          const ExportScope& scope, const ExportFilter& filter,
                                          exports::TableWriter& writer, const ExportProgress& progress) {
  BPV_TRY(begin_export(store, filter));
  store::PlacementQuery query;
  query.trainer_id = scope.trainer_id;
  query.supervisor_id = scope.supervisor_id;
  query.student = filter.student;
  query.company = filter.company;
  query.programme = filter.programme;
  query.ending_from = filter.from;
  query.starting_until = filter.to;
  BPV_TRY(writer.begin_sheet("Samenvatting", k_summary_columns));
  std::int64_t rows = 0;
  std::array<Cell, std::size(k_summary_columns)> cells;
  std::string flags;
  BPV_TRY(store.each_placement(query, [&](store::PlacementRecord&& placement) -> Result<void> {
    BPV_TRY_ASSIGN(auto weeks, store.week_totals(placement.id));
    core::Minutes approved = 0;
    core::Minutes submitted = 0;
    core::Minutes correction = 0;
    std::int64_t overdue = 0;
    for (const auto& week : weeks) {
      if (week.monday.plus_days(6) < filter.from || filter.to < week.monday) {
        continue;
      }
      approved += week.approved_minutes;
      if (week.approved < week.entries) {
        auto deadline = core::approval_deadline(core::IsoWeek::of(week.monday), zone);
        overdue += core::deadline_passed(deadline, now) ? 1 : 0;
      }
      correction += week.correction_minutes;
      submitted += week.total_minutes - week.approved_minutes - week.correction_minutes;
    }
    BPV_TRY_ASSIGN(auto by_code, store.open_flag_counts(placement.id));
    flags.clear();
    for (const auto& [code, count] : by_code) {
      flags += fmt::format("{}{}={}", flags.empty() ? "" : " ", code, count);
    }
    double percent = placement.contract_minutes > 0
                         ? 100.0 * static_cast<double>(approved) / static_cast<double>(placement.contract_minutes)
                         : 0.0;
    cells[0] = std::string_view(placement.student_number);
    cells[1] = std::string_view(placement.student_name);
    cells[2] = std::string_view(placement.programme);
    cells[3] = std::string_view(placement.company_name);
    cells[4] = std::string_view(placement.trainer_name);
    cells[5] = std::string_view(placement.supervisor_name);
    cells[6] = placement.start;
    cells[7] = placement.end;
    cells[8] = exports::Hours{placement.contract_minutes};
    cells[9] = exports::Hours{approved};
    cells[10] = exports::Hours{submitted};
    cells[11] = exports::Hours{correction};
    cells[12] = exports::Percent{percent};
    cells[13] = overdue;
    cells[14] = std::string_view(flags);
    BPV_TRY(writer.row(cells));
    if (++rows % 1000 == 0 && progress.rows) {
      progress.rows(rows);
    }
    return {};
  }));
  BPV_TRY(writer.finish());
  if (progress.rows) {
    progress.rows(rows);
  }
  return rows;
}

Result<std::int64_t> LocalPortal::export_hours(const ExportFilter& filter, exports::TableWriter& writer,
                                               const ExportProgress& progress) {
  BPV_TRY_ASSIGN(Actor caller, require({Role::trainer, Role::supervisor, Role::admin}));
  return write_hours_export(m_store, m_zone, now(), scope_of(caller), filter, writer, progress);
}

Result<std::int64_t> LocalPortal::export_summary(const ExportFilter& filter, exports::TableWriter& writer,
                                                 const ExportProgress& progress) {
  BPV_TRY_ASSIGN(Actor caller, require({Role::trainer, Role::supervisor, Role::admin}));
  return write_summary_export(m_store, m_zone, now(), scope_of(caller), filter, writer, progress);
}

}  // namespace bpv::portal
