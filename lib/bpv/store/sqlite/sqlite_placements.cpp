// Placements with their student, company, trainer and supervisor.
#include <bpv/store/sqlite/sqlite_store.hpp>

#include <bpv/store/sqlite/database.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace bpv::store::sqlite {

Result<std::vector<PlacementRecord>> SqliteStore::find_placements(const PlacementQuery& query) {
  std::vector<PlacementRecord> placements;
  BPV_TRY(each_placement(query, [&](PlacementRecord&& placement) -> Result<void> {
    placements.push_back(std::move(placement));
    return {};
  }));
  return placements;
}

namespace {

// The WHERE clause names only the filters that are set, so each combination gets its own
// statement and the planner can use the index for that access path. The query must name
// placements p, students s and companies c.
std::string placement_filters(const PlacementQuery& query) {
  std::string sql = " WHERE 1";
  // With a student asked for, the student's placements (one or two) are found first and then
  // checked against the caller; "+" keeps the planner from walking all of a trainer's or
  // supervisor's placements instead, which it would guess as cheap as the student's.
  const char* unindexed = query.student ? "+" : "";
  if (query.trainer_id) {
    sql += fmt::format(" AND {}p.trainer_id = :trainer", unindexed);
  }
  if (query.supervisor_id) {
    sql += fmt::format(" AND {}p.supervisor_id = :supervisor", unindexed);
  }
  if (query.student_user_id) {
    sql += fmt::format(" AND {}s.user_id = :student_user", unindexed);
  }
  if (query.placement_id) {
    sql += " AND p.id = :placement";
  }
  if (query.first_id) {
    sql += " AND p.id >= :first_id";
  }
  if (query.last_id) {
    sql += " AND p.id <= :last_id";
  }
  if (query.student) {
    // Two indexed lookups rather than an OR across tables, which would scan every placement.
    sql += " AND p.student_id IN (SELECT id FROM students WHERE student_number = :student "
           "UNION ALL SELECT s2.id FROM students s2 JOIN users u2 ON u2.id = s2.user_id "
           "WHERE u2.email = :student)";
  }
  if (query.ending_from) {
    sql += " AND p.end_date >= :ending_from";
  }
  if (query.starting_until) {
    sql += " AND p.start_date <= :starting_until";
  }
  if (query.company) {
    sql += " AND c.name = :company";
  }
  if (query.programme) {
    sql += " AND s.programme = :programme";
  }
  return sql;
}

void bind_placement_filters(Statement& stmt, const PlacementQuery& query) {
  int index = 1;
  for (auto id : {query.trainer_id, query.supervisor_id, query.student_user_id, query.placement_id,
                  query.first_id, query.last_id}) {
    if (id) {
      stmt.bind(index++, *id);
    }
  }
  if (query.student) {
    stmt.bind(index++, *query.student);
  }
  if (query.ending_from) {
    stmt.bind(index++, query.ending_from->to_string());
  }
  if (query.starting_until) {
    stmt.bind(index++, query.starting_until->to_string());
  }
  if (query.company) {
    stmt.bind(index++, *query.company);
  }
  if (query.programme) {
    stmt.bind(index++, *query.programme);
  }
}

}  // namespace

Result<void> SqliteStore::each_placement(const PlacementQuery& query,
                                         const std::function<Result<void>(PlacementRecord&&)>& each) {
  std::string sql =
      "SELECT p.id, s.id, su.id, s.student_number, su.name, su.email, coalesce(su.phone, ''), "
      "s.birth_date, s.programme, s.crebo, s.level, s.track, c.id, c.name, c.city, "
      "t.id, t.name, t.email, coalesce(t.phone, ''), b.id, b.name, b.email, coalesce(b.phone, ''), "
      "p.start_date, p.end_date, p.contract_minutes, p.week_minutes, p.day_minutes, "
      "p.vacation_hours_allowed, coalesce(p.calendar, c.calendar, '') "
      "FROM placements p JOIN students s ON s.id = p.student_id "
      "JOIN users su ON su.id = s.user_id JOIN companies c ON c.id = p.company_id "
      "JOIN users t ON t.id = p.trainer_id JOIN users b ON b.id = p.supervisor_id";
  sql += placement_filters(query);
  sql += " ORDER BY s.student_number, p.start_date";
  BPV_TRY_ASSIGN(Statement * stmt, m_db->prepare_text(sql));
  bind_placement_filters(*stmt, query);
  while (true) {
    BPV_TRY_ASSIGN(bool row, stmt->step());
    if (!row) {
      break;
    }
    PlacementRecord p;
    p.id = stmt->column_int(0);
    p.student_id = stmt->column_int(1);
    p.student_user_id = stmt->column_int(2);
    p.student_number = stmt->column_text(3);
    p.student_name = stmt->column_text(4);
    p.student_email = stmt->column_text(5);
    p.student_phone = stmt->column_text(6);
    BPV_TRY_ASSIGN(p.birth_date, column_optional_date(*stmt, 7));
    p.programme = stmt->column_text(8);
    p.crebo = stmt->column_text(9);
    p.level = stmt->column_text(10);
    p.track = stmt->column_text(11);
    p.company_id = stmt->column_int(12);
    p.company_name = stmt->column_text(13);
    p.company_city = stmt->column_text(14);
    p.trainer_id = stmt->column_int(15);
    p.trainer_name = stmt->column_text(16);
    p.trainer_email = stmt->column_text(17);
    p.trainer_phone = stmt->column_text(18);
    p.supervisor_id = stmt->column_int(19);
    p.supervisor_name = stmt->column_text(20);
    p.supervisor_email = stmt->column_text(21);
    p.supervisor_phone = stmt->column_text(22);
    BPV_TRY_ASSIGN(p.start, column_date(*stmt, 23));
    BPV_TRY_ASSIGN(p.end, column_date(*stmt, 24));
    p.contract_minutes = stmt->column_int(25);
    p.week_minutes = stmt->column_int(26);
    p.day_minutes = stmt->column_optional_int(27);
    p.vacation_hours_allowed = stmt->column_int(28) != 0;
    p.calendar = stmt->column_text(29);
    BPV_TRY(each(std::move(p)));
  }
  return {};
}

Result<std::vector<RulePlacement>> SqliteStore::rule_placements(const PlacementQuery& query) {
  // Only what the rules read, in placement order: no sort, no join to the users.
  std::string sql =
      "SELECT p.id, p.start_date, p.end_date, p.week_minutes, p.day_minutes, s.birth_date, "
      "p.vacation_hours_allowed, coalesce(p.calendar, c.calendar, '') "
      "FROM placements p JOIN students s ON s.id = p.student_id "
      "JOIN companies c ON c.id = p.company_id";
  sql += placement_filters(query);
  sql += " ORDER BY p.id";
  // Room for as many placements as the query's ids allow, reserved rather than grown: growing a
  // vector of 25,000 copied it a dozen times, each time into fresh memory, every new page of it a
  // page fault. What is reserved and never filled is never touched.
  BPV_TRY_ASSIGN(Statement * span,
                 m_db->prepare("SELECT coalesce((SELECT max(id) FROM placements WHERE id <= ?2) - "
                               "(SELECT min(id) FROM placements WHERE id >= ?1) + 1, 0)"));
  span->bind(1, query.placement_id.value_or(query.first_id.value_or(0)));
  span->bind(2, query.placement_id.value_or(query.last_id.value_or(std::numeric_limits<Id>::max())));
  BPV_TRY(span->step());
  std::int64_t room = std::max<std::int64_t>(span->column_int(0), 0);
  span->reset();
  BPV_TRY_ASSIGN(Statement * stmt, m_db->prepare_text(sql));
  bind_placement_filters(*stmt, query);
  std::vector<RulePlacement> placements;
  placements.reserve(static_cast<std::size_t>(room));
  while (true) {
    BPV_TRY_ASSIGN(bool row, stmt->step());
    if (!row) {
      break;
    }
    RulePlacement p;
    p.id = stmt->column_int(0);
    BPV_TRY_ASSIGN(p.start, column_date(*stmt, 1));
    BPV_TRY_ASSIGN(p.end, column_date(*stmt, 2));
    p.week_minutes = stmt->column_int(3);
    p.day_minutes = stmt->column_optional_int(4);
    BPV_TRY_ASSIGN(p.birth_date, column_optional_date(*stmt, 5));
    p.vacation_hours_allowed = stmt->column_int(6) != 0;
    p.calendar = stmt->column_text(7);
    placements.push_back(std::move(p));
  }
  return placements;
}

}  // namespace bpv::store::sqlite
