// The exports' reading: entries with their placement, people and open flags, streamed.
#include <bpv/store/sqlite/sqlite_store.hpp>

#include <bpv/store/sqlite/database.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace bpv::store::sqlite {
namespace {

// The FROM and WHERE of an export; the filters that are set become conditions, bound in this
// order by bind_filters.
std::string export_from_where(const ExportQuery& query) {
  std::string sql =
      " FROM placements AS p JOIN entries AS e ON e.placement_id = p.id "
      "JOIN students AS s ON s.id = p.student_id JOIN users AS su ON su.id = s.user_id "
      "JOIN companies AS c ON c.id = p.company_id JOIN users AS t ON t.id = p.trainer_id "
      "LEFT JOIN users AS a ON a.id = e.approved_by "
      "WHERE e.entry_date BETWEEN ? AND ? AND p.end_date >= ? AND p.start_date <= ?";
  if (query.status) {
    sql += " AND e.status = ?";
  }
  if (query.trainer_id) {
    sql += " AND p.trainer_id = ?";
  }
  if (query.supervisor_id) {
    sql += " AND p.supervisor_id = ?";
  }
  if (query.student) {
    sql += " AND p.student_id IN (SELECT id FROM students WHERE student_number = ? "
           "UNION ALL SELECT s2.id FROM students AS s2 JOIN users AS u2 ON u2.id = s2.user_id "
           "WHERE u2.email = ?)";
  }
  if (query.company) {
    sql += " AND c.name = ?";
  }
  if (query.programme) {
    sql += " AND s.programme = ?";
  }
  return sql;
}

void bind_filters(Statement& stmt, const ExportQuery& query, const std::string& from, const std::string& to) {
  stmt.bind_view(1, from).bind_view(2, to).bind_view(3, from).bind_view(4, to);
  int index = 5;
  if (query.status) {
    stmt.bind(index++, to_string(*query.status));
  }
  if (query.trainer_id) {
    stmt.bind(index++, *query.trainer_id);
  }
  if (query.supervisor_id) {
    stmt.bind(index++, *query.supervisor_id);
  }
  if (query.student) {
    stmt.bind(index++, *query.student);
    stmt.bind(index++, *query.student);
  }
  if (query.company) {
    stmt.bind(index++, *query.company);
  }
  if (query.programme) {
    stmt.bind(index++, *query.programme);
  }
}

// An open flag of one placement: its week, its day ('' for a week flag) and code.
struct OpenFlag {
  std::string week_monday;
  std::string date;
  std::string code;
};

}  // namespace

Result<void> SqliteStore::limit_memory() {
  return m_db->exec("PRAGMA mmap_size = 0; PRAGMA cache_size = -8192");
}

Result<void> SqliteStore::each_export_entry(const ExportQuery& query,
                                            const std::function<Result<void>(const ExportEntry&)>& row) {
  // Placements outer, in id order, each one's entries by the primary key: no sort, and memory
  // does not grow with the export.
  std::string sql =
      "SELECT p.id, s.student_number, su.name, s.programme, c.name, t.name, e.entry_date, e.minutes, "
      "e.status, coalesce(a.name, ''), e.approved_at, ";
  sql += query.with_activities ? "e.activity" : "''";
  sql += export_from_where(query) + " ORDER BY p.id, e.entry_date";
  BPV_TRY_ASSIGN(Statement * stmt, m_db->prepare_text(sql));
  const std::string from = query.from.to_string();
  const std::string to = query.to.to_string();
  bind_filters(*stmt, query, from, to);
  // The open flags of the placement at hand, in the weeks of the export.
  static const std::string flags_sql = std::string(k_placement_flag_weeks) +
                                       "SELECT f.week_monday, f.flag_date, f.code FROM weeks "
                                       "CROSS JOIN flags f ON f.week_monday = weeks.monday "
                                       "AND f.placement_id = ?1 WHERE f.resolved_at IS NULL "
                                       "ORDER BY f.week_monday, f.flag_date, f.code";
  BPV_TRY_ASSIGN(Statement * flags_stmt, m_db->prepare(flags_sql.c_str()));
  const core::Date first_monday = core::IsoWeek::of(query.from).monday();
  std::vector<OpenFlag> flags;
  Id flags_of = 0;
  std::string codes;
  ExportEntry entry;
  while (true) {
    BPV_TRY_ASSIGN(bool more, stmt->step());
    if (!more) {
      return {};
    }
    entry.placement_id = stmt->column_int(0);
    if (entry.placement_id != flags_of) {
      flags.clear();
      flags_of = entry.placement_id;
      flags_stmt->reset();
      bind_placement_flag_weeks(*flags_stmt, flags_of, first_monday, query.to);
      while (true) {
        BPV_TRY_ASSIGN(bool flag, flags_stmt->step());
        if (!flag) {
          break;
        }
        flags.push_back({flags_stmt->column_text(0), flags_stmt->column_text(1), flags_stmt->column_text(2)});
      }
    }
    entry.student_number = stmt->column_view(1);
    entry.student_name = stmt->column_view(2);
    entry.programme = stmt->column_view(3);
    entry.company = stmt->column_view(4);
    entry.trainer = stmt->column_view(5);
    std::string_view date_text = stmt->column_view(6);
    BPV_TRY_ASSIGN(entry.date, column_date(*stmt, 6));
    entry.minutes = static_cast<core::Minutes>(stmt->column_int(7));
    BPV_TRY_ASSIGN(entry.status, parse_entry_status(stmt->column_view(8)));
    entry.approved_by = stmt->column_view(9);
    entry.approved_at = column_optional_instant(*stmt, 10);
    entry.activity = stmt->column_view(11);
    codes.clear();
    if (!flags.empty()) {
      std::string monday = entry.date.plus_days(1 - static_cast<int>(entry.date.iso_weekday())).to_string();
      for (const auto& flag : flags) {
        if (flag.week_monday == monday && (flag.date.empty() || flag.date == date_text) &&
            codes.find(flag.code) == std::string::npos) {
          codes += codes.empty() ? "" : " ";
          codes += flag.code;
        }
      }
    }
    entry.open_flags = codes;
    BPV_TRY(row(entry));
  }
}

Result<std::int64_t> SqliteStore::count_export_entries(const ExportQuery& query) {
  BPV_TRY_ASSIGN(Statement * stmt, m_db->prepare_text("SELECT count(*)" + export_from_where(query)));
  const std::string from = query.from.to_string();
  const std::string to = query.to.to_string();
  bind_filters(*stmt, query, from, to);
  BPV_TRY_ASSIGN(bool row, stmt->step());
  std::int64_t count = row ? stmt->column_int(0) : 0;
  stmt->reset();
  return count;
}

}  // namespace bpv::store::sqlite
