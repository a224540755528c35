// School calendars, vacation exceptions, the hours the rules read, flags and the rule checks due.
#include <bpv/store/sqlite/sqlite_store.hpp>

#include <bpv/store/sqlite/database.hpp>

#include <algorithm>
#include <string_view>
#include <tuple>

namespace bpv::store::sqlite {
namespace {

core::Severity parse_severity(std::string_view text) {
  if (text == "error") {
    return core::Severity::error;
  }
  return text == "warning" ? core::Severity::warning : core::Severity::info;
}

// Binds the key of `flag` (placement, week, code, day, first seen) from parameter `first` on.
Statement& bind_flag_key(Statement& stmt, int first, const FlagRecord& flag) {
  return stmt.bind(first, flag.placement_id)
      .bind(first + 1, flag.week_monday.to_string())
      .bind(first + 2, flag.code)
      .bind(first + 3, flag.date ? flag.date->to_string() : std::string())
      .bind(first + 4, stamp(flag.first_seen));
}


// The Monday of the first week that starts on or after `date` (its own week's when it is a
// Monday, else the next).
core::Date monday_on_or_after(core::Date date) { return core::IsoWeek::of(date.plus_days(6)).monday(); }

}  // namespace

const char* const k_placement_flag_weeks =
    "WITH RECURSIVE weeks(monday, last) AS ("
    "SELECT max(first_monday, ?2), min(last_monday, ?3) FROM flag_spans "
    "WHERE placement_id = ?1 AND max(first_monday, ?2) <= min(last_monday, ?3) "
    "UNION ALL SELECT date(monday, '+7 days'), last FROM weeks WHERE monday < last) ";

Statement& bind_placement_flag_weeks(Statement& stmt, Id placement, std::optional<core::Date> from,
                                     std::optional<core::Date> to) {
  // The span holds Mondays and the weeks are stepped from a Monday, so both ends are Mondays.
  std::string first = from ? monday_on_or_after(*from).to_string() : std::string("0000-01-01");
  std::string last = to ? core::IsoWeek::of(*to).monday().to_string() : std::string("9999-12-31");
  return stmt.bind(1, placement).bind(2, first).bind(3, last);
}

Result<std::optional<core::Calendar>> SqliteStore::load_calendar(std::string_view name) {
  BPV_TRY_ASSIGN(Statement * exists, m_db->prepare("SELECT 1 FROM calendars WHERE name = ?"));
  exists->bind(1, name);
  BPV_TRY_ASSIGN(bool found, exists->step());
  exists->reset();
  if (!found) {
    return std::nullopt;
  }
  core::Calendar calendar{std::string(name)};
  BPV_TRY_ASSIGN(Statement * periods,
                 m_db->prepare("SELECT name, first_date, last_date FROM calendar_periods "
                               "WHERE calendar = ? ORDER BY first_date"));
  periods->bind(1, name);
  while (true) {
    BPV_TRY_ASSIGN(bool row, periods->step());
    if (!row) {
      break;
    }
    core::Period period;
    period.name = periods->column_text(0);
    BPV_TRY_ASSIGN(period.first, column_date(*periods, 1));
    BPV_TRY_ASSIGN(period.last, column_date(*periods, 2));
    calendar.add_period(std::move(period));
  }
  BPV_TRY_ASSIGN(Statement * holidays,
                 m_db->prepare("SELECT holiday_date, name FROM calendar_holidays WHERE calendar = ? "
                               "ORDER BY holiday_date"));
  holidays->bind(1, name);
  while (true) {
    BPV_TRY_ASSIGN(bool row, holidays->step());
    if (!row) {
      break;
    }
    core::Holiday holiday;
    BPV_TRY_ASSIGN(holiday.date, column_date(*holidays, 0));
    holiday.name = holidays->column_text(1);
    calendar.add_holiday(std::move(holiday));
  }
  return calendar;
}

Result<void> SqliteStore::save_calendar(const core::Calendar& calendar,
                                        const std::optional<std::string>& region,
                                        core::Instant now) {
  const std::string& name = calendar.name();
  BPV_TRY_ASSIGN(Statement * upsert,
                 m_db->prepare("INSERT INTO calendars (name, region, updated_at) VALUES (?1, ?2, ?3) "
                               "ON CONFLICT (name) DO UPDATE SET region = coalesce(?2, region), "
                               "updated_at = ?3"));
  upsert->bind(1, name).bind(2, region).bind(3, stamp(now));
  BPV_TRY(upsert->run());
  BPV_TRY_ASSIGN(Statement * clear_periods,
                 m_db->prepare("DELETE FROM calendar_periods WHERE calendar = ?"));
  clear_periods->bind(1, name);
  BPV_TRY(clear_periods->run());
  BPV_TRY_ASSIGN(Statement * clear_holidays,
                 m_db->prepare("DELETE FROM calendar_holidays WHERE calendar = ?"));
  clear_holidays->bind(1, name);
  BPV_TRY(clear_holidays->run());
  BPV_TRY_ASSIGN(Statement * period,
                 m_db->prepare("INSERT INTO calendar_periods (calendar, first_date, last_date, name) "
                               "VALUES (?, ?, ?, ?)"));
  for (const auto& p : calendar.periods()) {
    period->reset();
    period->bind(1, name).bind(2, p.first.to_string()).bind(3, p.last.to_string()).bind(4, p.name);
    BPV_TRY(period->run());
  }
  BPV_TRY_ASSIGN(Statement * holiday,
                 m_db->prepare("INSERT INTO calendar_holidays (calendar, holiday_date, name) "
                               "VALUES (?, ?, ?)"));
  for (const auto& h : calendar.holidays()) {
    holiday->reset();
    holiday->bind(1, name).bind(2, h.date.to_string()).bind(3, h.name);
    BPV_TRY(holiday->run());
  }
  return {};
}

Result<std::vector<CalendarSummary>> SqliteStore::list_calendars() {
  BPV_TRY_ASSIGN(
      Statement * stmt,
      m_db->prepare(
          "SELECT c.name, c.region, c.updated_at, "
          "(SELECT count(*) FROM calendar_periods p WHERE p.calendar = c.name), "
          "(SELECT count(*) FROM calendar_holidays h WHERE h.calendar = c.name), "
          "(SELECT min(d) FROM (SELECT min(first_date) AS d FROM calendar_periods WHERE calendar = c.name "
          "  UNION ALL SELECT min(holiday_date) FROM calendar_holidays WHERE calendar = c.name)), "
          "(SELECT max(d) FROM (SELECT max(last_date) AS d FROM calendar_periods WHERE calendar = c.name "
          "  UNION ALL SELECT max(holiday_date) FROM calendar_holidays WHERE calendar = c.name)) "
          "FROM calendars c ORDER BY c.name"));
  std::vector<CalendarSummary> calendars;
  while (true) {
    BPV_TRY_ASSIGN(bool row, stmt->step());
    if (!row) {
      break;
    }
    CalendarSummary summary;
    summary.name = stmt->column_text(0);
    summary.region = stmt->column_optional_text(1);
    summary.updated_at = column_instant(*stmt, 2);
    summary.periods = static_cast<int>(stmt->column_int(3));
    summary.holidays = static_cast<int>(stmt->column_int(4));
    BPV_TRY_ASSIGN(summary.first, column_optional_date(*stmt, 5));
    BPV_TRY_ASSIGN(summary.last, column_optional_date(*stmt, 6));
    calendars.push_back(std::move(summary));
  }
  return calendars;
}

Result<void> SqliteStore::set_company_calendar(Id company, const std::optional<std::string>& calendar,
                                               core::Instant) {
  BPV_TRY_ASSIGN(Statement * stmt, m_db->prepare("UPDATE companies SET calendar = ? WHERE id = ?"));
  stmt->bind(1, calendar).bind(2, company);
  BPV_TRY(stmt->run());
  // Its placements' vacations moved: each is checked whole by the next job run.
  BPV_TRY_ASSIGN(Statement * due,
                 m_db->prepare("INSERT INTO rule_checks_due (placement_id, whole) "
                               "SELECT id, 1 FROM placements WHERE company_id = ? "
                               "ON CONFLICT (placement_id) DO UPDATE SET whole = 1"));
  due->bind(1, company);
  return due->run();
}

Result<Id> SqliteStore::insert_vacation_exception(const VacationException& exception) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("INSERT INTO vacation_exceptions (placement_id, from_date, to_date, "
                               "reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)"));
  stmt->bind(1, exception.placement_id)
      .bind(2, exception.from.to_string())
      .bind(3, exception.to.to_string())
      .bind(4, exception.reason)
      .bind(5, exception.created_by)
      .bind(6, stamp(exception.created_at));
  BPV_TRY(stmt->run());
  Id id = m_db->last_insert_id();
  BPV_TRY(mark_rule_check_due(exception.placement_id));
  return id;
}

Result<std::vector<VacationException>> SqliteStore::vacation_exceptions(std::optional<Id> placement) {
  const char* sql = placement ? "SELECT id, placement_id, from_date, to_date, reason, created_by, "
                                "created_at FROM vacation_exceptions WHERE placement_id = ? "
                                "ORDER BY from_date, id"
                              : "SELECT id, placement_id, from_date, to_date, reason, created_by, "
                                "created_at FROM vacation_exceptions ORDER BY placement_id, "
                                "from_date, id";
  BPV_TRY_ASSIGN(Statement * stmt, m_db->prepare(sql));
  if (placement) {
    stmt->bind(1, *placement);
  }
  std::vector<VacationException> exceptions;
  while (true) {
    BPV_TRY_ASSIGN(bool row, stmt->step());
    if (!row) {
      break;
    }
    VacationException e;
    e.id = stmt->column_int(0);
    e.placement_id = stmt->column_int(1);
    BPV_TRY_ASSIGN(e.from, column_date(*stmt, 2));
    BPV_TRY_ASSIGN(e.to, column_date(*stmt, 3));
    e.reason = stmt->column_text(4);
    e.created_by = stmt->column_optional_int(5);
    e.created_at = column_instant(*stmt, 6);
    exceptions.push_back(std::move(e));
  }
  return exceptions;
}

Result<std::vector<core::DayHours>> SqliteStore::day_hours(Id placement, std::optional<core::Date> from,
                                                          std::optional<core::Date> to) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("SELECT entry_date, minutes FROM entries WHERE placement_id = ? "
                               "AND entry_date BETWEEN ? AND ? ORDER BY entry_date"));
  stmt->bind(1, placement)
      .bind(2, from ? from->to_string() : std::string("0000-01-01"))
      .bind(3, to ? to->to_string() : std::string("9999-12-31"));
  std::vector<core::DayHours> days;
  if (from && to && *from <= *to) {
    // A day at most per date: one allocation instead of a vector grown four times for a window of
    // a few weeks.
    days.reserve(static_cast<std::size_t>(std::min(to->days_since_epoch() - from->days_since_epoch() + 1, 64)));
  }
  while (true) {
    BPV_TRY_ASSIGN(bool row, stmt->step());
    if (!row) {
      break;
    }
    BPV_TRY_ASSIGN(core::Date date, column_date(*stmt, 0));
    days.push_back({date, static_cast<core::Minutes>(stmt->column_int(1))});
  }
  return days;
}

Result<void> SqliteStore::each_placement_day_hours(
    const std::function<Result<void>(Id placement, std::span<const core::DayHours>)>& visit) {
  // One pass in key order: the rows of a placement come together, by date.
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("SELECT placement_id, entry_date, minutes FROM entries "
                               "ORDER BY placement_id, entry_date"));
  std::vector<core::DayHours> days;
  std::optional<Id> current;
  while (true) {
    BPV_TRY_ASSIGN(bool row, stmt->step());
    Id placement = row ? stmt->column_int(0) : 0;
    if (current && (!row || placement != *current)) {
      BPV_TRY(visit(*current, days));
      days.clear();
    }
    if (!row) {
      break;
    }
    current = placement;
    BPV_TRY_ASSIGN(core::Date date, column_date(*stmt, 1));
    days.push_back({date, static_cast<core::Minutes>(stmt->column_int(2))});
  }
  return {};
}

namespace {

// The statements of find_flags, by shape (one placement's week, a range of placements' week, one
// placement, every placement), code filter and open_only. Parameters: ?1 and ?2 the placement
// and its week, or ?1 to ?3 the week and the first and last placement, or ?1 to ?3 the
// placement's weeks (k_placement_flag_weeks), or ?1 and ?2 the weeks of every placement; a plain
// `?` (the code) takes the next number.
enum class FlagShape { placement_week, placements_week, placement, every_placement };

const char* flag_query_sql(FlagShape shape, bool code, bool open_only) {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> sqls;
    for (auto each_shape : {FlagShape::placement_week, FlagShape::placements_week, FlagShape::placement,
                            FlagShape::every_placement}) {
      for (bool by_code : {false, true}) {
        for (bool only_open : {false, true}) {
          std::string sql =
              "SELECT f.placement_id, f.week_monday, nullif(f.flag_date, ''), f.code, f.severity, "
              "f.detail, f.first_seen, f.resolved_at ";
          if (each_shape == FlagShape::placement_week) {
            sql += "FROM flags f WHERE f.placement_id = ?1 AND f.week_monday = ?2";
          } else if (each_shape == FlagShape::placements_week) {
            sql += "FROM flags f WHERE f.week_monday = ?1 AND f.placement_id BETWEEN ?2 AND ?3";
          } else if (each_shape == FlagShape::placement) {
            // A seek per week of the placement's span (the key starts with the week).
            sql = k_placement_flag_weeks + sql +
                  "FROM weeks CROSS JOIN flags f ON f.week_monday = weeks.monday "
                  "AND f.placement_id = ?1 WHERE true";
          } else {
            sql += "FROM flags f WHERE f.week_monday BETWEEN ?1 AND ?2";
          }
          if (by_code) {
            sql += " AND f.code = ?";
          }
          if (only_open) {
            sql += " AND f.resolved_at IS NULL";
          }
          sqls.push_back(std::move(sql));
        }
      }
    }
    return sqls;
  }();
  return all[static_cast<std::size_t>(shape) * 4 + (code ? 2 : 0) + (open_only ? 1 : 0)].c_str();
}

}  // namespace

Result<std::vector<FlagRecord>> SqliteStore::find_flags(const FlagQuery& query) {
  std::vector<FlagRecord> flags;
  auto read = [&](Statement& stmt) -> Result<void> {
    while (true) {
      BPV_TRY_ASSIGN(bool row, stmt.step());
      if (!row) {
        return {};
      }
      FlagRecord flag;
      flag.placement_id = stmt.column_int(0);
      BPV_TRY_ASSIGN(flag.week_monday, column_date(stmt, 1));
      BPV_TRY_ASSIGN(flag.date, column_optional_date(stmt, 2));
      flag.code = stmt.column_text(3);
      flag.severity = parse_severity(stmt.column_text(4));
      flag.detail = stmt.column_text(5);
      flag.first_seen = column_instant(stmt, 6);
      flag.resolved_at = column_optional_instant(stmt, 7);
      flags.push_back(std::move(flag));
    }
  };
  bool few_weeks = false;
  if ((query.placement_id || query.placement_ids) && query.from && query.to) {
    // A few weeks (those the violations job checks): a seek per week costs less than the
    // statement that steps through the placement's span.
    core::Date monday = monday_on_or_after(*query.from);
    core::Date last = core::IsoWeek::of(*query.to).monday();
    few_weeks = last.days_since_epoch() - monday.days_since_epoch() <= 7 * 7;
    if (!few_weeks && query.placement_ids) {
      return fail(ErrorKind::usage, "flags of a range of placements: at most eight weeks at a time");
    }
    auto shape = query.placement_ids ? FlagShape::placements_week : FlagShape::placement_week;
    const char* sql = flag_query_sql(shape, query.code.has_value(), query.open_only);
    for (; few_weeks && monday <= last; monday = monday.plus_days(7)) {
      BPV_TRY_ASSIGN(Statement * stmt, m_db->prepare(sql));
      int next = 3;
      if (query.placement_ids) {
        stmt->bind(1, monday.to_string()).bind(2, query.placement_ids->first).bind(3, query.placement_ids->second);
        next = 4;
      } else {
        stmt->bind(1, *query.placement_id).bind(2, monday.to_string());
      }
      if (query.code) {
        stmt->bind(next, *query.code);
      }
      BPV_TRY(read(*stmt));
    }
  } else if (query.placement_ids) {
    return fail(ErrorKind::usage, "flags of a range of placements: name the weeks (from and to)");
  }
  if (!few_weeks) {
    FlagShape shape = query.placement_id ? FlagShape::placement : FlagShape::every_placement;
    BPV_TRY_ASSIGN(Statement * stmt,
                   m_db->prepare(flag_query_sql(shape, query.code.has_value(), query.open_only)));
    int next = 3;
    if (shape == FlagShape::placement) {
      bind_placement_flag_weeks(*stmt, *query.placement_id, query.from, query.to);
      next = 4;
    } else {
      stmt->bind(1, query.from ? query.from->to_string() : std::string("0000-01-01"))
          .bind(2, query.to ? query.to->to_string() : std::string("9999-12-31"));
    }
    if (query.code) {
      stmt->bind(next, *query.code);
    }
    BPV_TRY(read(*stmt));
  }
  // SQL returns a placement's flags by week and within a week by code. Sorted by placement, week,
  // then the days before the week's own flags, by date and code.
  auto order = [](const FlagRecord& flag) {
    return std::tuple(flag.placement_id, flag.week_monday, !flag.date.has_value(),
                      flag.date.value_or(core::Date{}), std::string_view(flag.code), flag.first_seen);
  };
  std::sort(flags.begin(), flags.end(),
            [&](const FlagRecord& a, const FlagRecord& b) { return order(a) < order(b); });
  return flags;
}

Result<FlagSync> SqliteStore::sync_flags(Id placement, std::span<const core::Flag> found,
                                         std::span<const FlagRecord> open, core::Instant now) {
  std::vector<bool> still_found(open.size(), false);
  FlagSync sync;
  std::optional<core::Date> first_opened;  // the weeks of the flags inserted
  std::optional<core::Date> last_opened;
  for (const auto& flag : found) {
    core::Date monday = flag.week_monday();
    auto match = std::find_if(open.begin(), open.end(), [&](const FlagRecord& record) {
      return record.week_monday == monday && record.date == flag.date && record.code == flag.code;
    });
    if (match != open.end()) {
      still_found[static_cast<std::size_t>(match - open.begin())] = true;
      ++sync.kept;
      if (match->detail != flag.detail || match->severity != flag.severity) {
        BPV_TRY_ASSIGN(Statement * update,
                       m_db->prepare("UPDATE flags SET detail = ?, severity = ? WHERE placement_id = ? "
                                     "AND week_monday = ? AND code = ? AND flag_date = ? AND "
                                     "first_seen = ?"));
        update->bind(1, flag.detail).bind(2, core::to_string(flag.severity));
        BPV_TRY(bind_flag_key(*update, 3, *match).run());
      }
      continue;
    }
    // Found again in the second it was resolved (a student correcting twice at once): open again.
    BPV_TRY_ASSIGN(Statement * insert,
                   m_db->prepare("INSERT INTO flags (placement_id, week_monday, flag_date, code, "
                                 "severity, detail, first_seen) VALUES (?, ?, ?, ?, ?, ?, ?) "
                                 "ON CONFLICT DO UPDATE SET severity = excluded.severity, "
                                 "detail = excluded.detail, resolved_at = NULL"));
    std::string date = flag.date ? flag.date->to_string() : std::string();
    insert->bind(1, placement)
        .bind(2, monday.to_string())
        .bind(3, date)
        .bind(4, flag.code)
        .bind(5, core::to_string(flag.severity))
        .bind(6, flag.detail)
        .bind(7, stamp(now));
    BPV_TRY(insert->run());
    first_opened = first_opened ? std::min(*first_opened, monday) : monday;
    last_opened = last_opened ? std::max(*last_opened, monday) : monday;
    ++sync.opened;
    ++sync.opened_by_code[std::string(flag.code)];
  }
  for (std::size_t i = 0; i < open.size(); ++i) {
    if (still_found[i]) {
      continue;
    }
    BPV_TRY_ASSIGN(Statement * resolve,
                   m_db->prepare("UPDATE flags SET resolved_at = ? WHERE placement_id = ? AND "
                                 "week_monday = ? AND code = ? AND flag_date = ? AND first_seen = ?"));
    resolve->bind(1, stamp(now));
    BPV_TRY(bind_flag_key(*resolve, 2, open[i]).run());
    ++sync.resolved;
    ++sync.resolved_by_code[open[i].code];
  }
  // The span covers every stored flag's week, so open flags on both sides of the weeks just
  // written show it needs no widening.
  bool covered = first_opened && std::any_of(open.begin(), open.end(), [&](const FlagRecord& f) {
                   return f.week_monday <= *first_opened;
                 }) && std::any_of(open.begin(), open.end(), [&](const FlagRecord& f) {
                   return f.week_monday >= *last_opened;
                 });
  if (first_opened && !covered) {
    // Widen the placement's span to the weeks just written; a row that already covers them is
    // left alone (no write).
    BPV_TRY_ASSIGN(Statement * span,
                   m_db->prepare("INSERT INTO flag_spans (placement_id, first_monday, last_monday) "
                                 "VALUES (?, ?, ?) ON CONFLICT (placement_id) DO UPDATE SET "
                                 "first_monday = min(first_monday, excluded.first_monday), "
                                 "last_monday = max(last_monday, excluded.last_monday) "
                                 "WHERE excluded.first_monday < first_monday "
                                 "OR excluded.last_monday > last_monday"));
    span->bind(1, placement).bind(2, first_opened->to_string()).bind(3, last_opened->to_string());
    BPV_TRY(span->run());
  }
  return sync;
}

Result<std::map<std::string, int>> SqliteStore::open_flag_counts(std::optional<Id> placement) {
  Statement* stmt = nullptr;
  if (placement) {
    static const std::string sql = std::string(k_placement_flag_weeks) +
                                   "SELECT f.code, count(*) FROM weeks CROSS JOIN flags f "
                                   "ON f.week_monday = weeks.monday AND f.placement_id = ?1 "
                                   "WHERE f.resolved_at IS NULL GROUP BY f.code";
    BPV_TRY_ASSIGN(stmt, m_db->prepare(sql.c_str()));
    bind_placement_flag_weeks(*stmt, *placement, std::nullopt, std::nullopt);
  } else {
    BPV_TRY_ASSIGN(stmt, m_db->prepare("SELECT code, count(*) FROM flags WHERE resolved_at IS NULL "
                                       "GROUP BY code"));
  }
  std::map<std::string, int> counts;
  while (true) {
    BPV_TRY_ASSIGN(bool row, stmt->step());
    if (!row) {
      break;
    }
    counts[stmt->column_text(0)] = static_cast<int>(stmt->column_int(1));
  }
  return counts;
}

Result<std::vector<DueCheck>> SqliteStore::rule_checks_due() {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("SELECT placement_id, whole OR first_monday IS NULL, first_monday, "
                               "last_monday FROM rule_checks_due ORDER BY placement_id"));
  // Reserved, not grown: see rule_placements.
  BPV_TRY_ASSIGN(Statement * count, m_db->prepare("SELECT count(*) FROM rule_checks_due"));
  BPV_TRY(count->step());
  std::vector<DueCheck> due;
  due.reserve(static_cast<std::size_t>(count->column_int(0)));
  count->reset();
  while (true) {
    BPV_TRY_ASSIGN(bool row, stmt->step());
    if (!row) {
      break;
    }
    DueCheck check;
    check.placement_id = stmt->column_int(0);
    check.whole = stmt->column_int(1) != 0;
    if (!check.whole) {
      BPV_TRY_ASSIGN(check.first_monday, column_date(*stmt, 2));
      BPV_TRY_ASSIGN(check.last_monday, column_date(*stmt, 3));
    }
    due.push_back(check);
  }
  return due;
}

Result<void> SqliteStore::mark_rule_check_due(Id placement) {
  if (!m_in_transaction) {
    return write_due(placement, true, std::nullopt, std::nullopt);
  }
  m_pending_due[placement].whole = true;
  return {};
}

Result<void> SqliteStore::mark_all_rule_checks_due() {
  return m_db->exec("INSERT INTO rule_checks_due (placement_id, whole) SELECT id, 1 FROM placements "
                    "WHERE true ON CONFLICT (placement_id) DO UPDATE SET whole = 1");
}

Result<void> SqliteStore::clear_rule_check_due(Id placement) {
  if (m_last_due != m_pending_due.end() && m_last_due->first == placement) {
    m_last_due = m_pending_due.end();
  }
  m_pending_due.erase(placement);
  if (m_in_transaction) {
    m_cleared_due.push_back(placement);
    return {};
  }
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("DELETE FROM rule_checks_due WHERE placement_id = ?"));
  stmt->bind(1, placement);
  return stmt->run();
}

}  // namespace bpv::store::sqlite
