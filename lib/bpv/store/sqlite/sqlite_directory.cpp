// Users, companies, students and placements.
#include <bpv/store/sqlite/sqlite_store.hpp>

#include <bpv/store/sqlite/database.hpp>

#include <fmt/format.h>

namespace bpv::store::sqlite {
namespace {

std::optional<std::string> non_empty(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

}  // namespace

Result<std::optional<User>> SqliteStore::find_user_by_email(std::string_view email) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("SELECT id, email, name, coalesce(phone, ''), role, disabled FROM users "
                               "WHERE email = ?"));
  stmt->bind(1, email);
  BPV_TRY_ASSIGN(bool found, stmt->step());
  if (!found) {
    return std::nullopt;
  }
  User user;
  user.id = stmt->column_int(0);
  user.email = stmt->column_text(1);
  user.name = stmt->column_text(2);
  user.phone = stmt->column_text(3);
  BPV_TRY_ASSIGN(user.role, parse_role(stmt->column_text(4)));
  user.disabled = stmt->column_int(5) != 0;
  stmt->reset();
  return user;
}

Result<std::pair<Id, Upsert>> SqliteStore::upsert_user(const UserFields& fields, core::Instant now) {
  BPV_TRY_ASSIGN(auto existing, find_user_by_email(fields.email));
  if (existing) {
    if (existing->role != fields.role) {
      return fail(ErrorKind::refused,
                  fmt::format("{} is already a user with role {}, not {}", fields.email,
                              to_string(existing->role), to_string(fields.role)));
    }
    if (existing->name == fields.name && existing->phone == fields.phone) {
      return std::pair{existing->id, Upsert::unchanged};
    }
    BPV_TRY_ASSIGN(Statement * update,
                   m_db->prepare("UPDATE users SET name = ?, phone = ?, updated_at = ? WHERE id = ?"));
    update->bind(1, fields.name).bind(2, non_empty(fields.phone)).bind(3, stamp(now)).bind(4, existing->id);
    BPV_TRY(update->run());
    return std::pair{existing->id, Upsert::updated};
  }
  BPV_TRY_ASSIGN(Statement * insert,
                 m_db->prepare("INSERT INTO users (email, name, phone, role, password_hash, "
                               "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  insert->bind(1, fields.email)
      .bind(2, fields.name)
      .bind(3, non_empty(fields.phone))
      .bind(4, to_string(fields.role))
      .bind(5, fields.password_hash)
      .bind(6, stamp(now))
      .bind(7, stamp(now));
  BPV_TRY(insert->run());
  return std::pair{m_db->last_insert_id(), Upsert::created};
}

Result<std::pair<Id, Upsert>> SqliteStore::upsert_company(std::string_view name,
                                                          std::string_view city,
                                                          core::Instant now) {
  BPV_TRY_ASSIGN(Statement * find, m_db->prepare("SELECT id FROM companies WHERE name = ? AND city = ?"));
  find->bind(1, name).bind(2, city);
  BPV_TRY_ASSIGN(bool found, find->step());
  if (found) {
    Id id = find->column_int(0);
    find->reset();
    return std::pair{id, Upsert::unchanged};
  }
  BPV_TRY_ASSIGN(Statement * insert,
                 m_db->prepare("INSERT INTO companies (name, city, created_at) VALUES (?, ?, ?)"));
  insert->bind(1, name).bind(2, city).bind(3, stamp(now));
  BPV_TRY(insert->run());
  return std::pair{m_db->last_insert_id(), Upsert::created};
}

Result<std::pair<Id, Upsert>> SqliteStore::upsert_student(const StudentFields& fields,
                                                          core::Instant now) {
  std::optional<std::string> birth;
  if (fields.birth_date) {
    birth = fields.birth_date->to_string();
  }
  BPV_TRY_ASSIGN(Statement * find,
                 m_db->prepare("SELECT id, user_id, birth_date, programme, crebo, level, track "
                               "FROM students WHERE student_number = ?"));
  find->bind(1, fields.student_number);
  BPV_TRY_ASSIGN(bool found, find->step());
  if (found) {
    Id id = find->column_int(0);
    bool same = find->column_int(1) == fields.user_id && find->column_optional_text(2) == birth &&
                find->column_text(3) == fields.programme && find->column_text(4) == fields.crebo &&
                find->column_text(5) == fields.level && find->column_text(6) == fields.track;
    find->reset();
    if (same) {
      return std::pair{id, Upsert::unchanged};
    }
    BPV_TRY_ASSIGN(Statement * update,
                   m_db->prepare("UPDATE students SET user_id = ?, birth_date = ?, programme = ?, "
                                 "crebo = ?, level = ?, track = ?, updated_at = ? WHERE id = ?"));
    update->bind(1, fields.user_id)
        .bind(2, birth)
        .bind(3, fields.programme)
        .bind(4, fields.crebo)
        .bind(5, fields.level)
        .bind(6, fields.track)
        .bind(7, stamp(now))
        .bind(8, id);
    BPV_TRY(update->run());
    // A new birth date moves the young-worker checks of every placement of the student.
    BPV_TRY_ASSIGN(Statement * due,
                   m_db->prepare("INSERT INTO rule_checks_due (placement_id, whole) "
                                 "SELECT id, 1 FROM placements WHERE student_id = ? "
                                 "ON CONFLICT (placement_id) DO UPDATE SET whole = 1"));
    due->bind(1, id);
    BPV_TRY(due->run());
    return std::pair{id, Upsert::updated};
  }
  BPV_TRY_ASSIGN(Statement * insert,
                 m_db->prepare("INSERT INTO students (student_number, user_id, birth_date, "
                               "programme, crebo, level, track, updated_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  insert->bind(1, fields.student_number)
      .bind(2, fields.user_id)
      .bind(3, birth)
      .bind(4, fields.programme)
      .bind(5, fields.crebo)
      .bind(6, fields.level)
      .bind(7, fields.track)
      .bind(8, stamp(now));
  BPV_TRY(insert->run());
  return std::pair{m_db->last_insert_id(), Upsert::created};
}

Result<std::pair<Id, Upsert>> SqliteStore::upsert_placement(const PlacementFields& fields,
                                                            core::Instant now) {
  std::string start = fields.start.to_string();
  std::string end = fields.end.to_string();
  BPV_TRY_ASSIGN(Statement * find,
                 m_db->prepare("SELECT id, trainer_id, supervisor_id, end_date, contract_minutes, "
                               "week_minutes, day_minutes, vacation_hours_allowed, calendar "
                               "FROM placements WHERE student_id = ? AND company_id = ? AND "
                               "start_date = ?"));
  find->bind(1, fields.student_id).bind(2, fields.company_id).bind(3, start);
  BPV_TRY_ASSIGN(bool found, find->step());
  std::optional<std::int64_t> day_minutes = fields.day_minutes;
  if (found) {
    Id id = find->column_int(0);
    std::optional<std::int64_t> stored_day;
    if (!find->column_is_null(6)) {
      stored_day = find->column_int(6);
    }
    bool same = find->column_int(1) == fields.trainer_id &&
                find->column_int(2) == fields.supervisor_id && find->column_text(3) == end &&
                find->column_int(4) == fields.contract_minutes &&
                find->column_int(5) == fields.week_minutes && stored_day == day_minutes &&
                (find->column_int(7) != 0) == fields.vacation_hours_allowed &&
                find->column_optional_text(8) == fields.calendar;
    find->reset();
    if (same) {
      return std::pair{id, Upsert::unchanged};
    }
    BPV_TRY_ASSIGN(Statement * update,
                   m_db->prepare("UPDATE placements SET trainer_id = ?, supervisor_id = ?, "
                                 "end_date = ?, contract_minutes = ?, week_minutes = ?, "
                                 "day_minutes = ?, vacation_hours_allowed = ?, calendar = ?, "
                                 "updated_at = ? WHERE id = ?"));
    update->bind(1, fields.trainer_id)
        .bind(2, fields.supervisor_id)
        .bind(3, end)
        .bind(4, fields.contract_minutes)
        .bind(5, fields.week_minutes)
        .bind(6, day_minutes)
        .bind(7, fields.vacation_hours_allowed ? 1 : 0)
        .bind(8, fields.calendar)
        .bind(9, stamp(now))
        .bind(10, id);
    BPV_TRY(update->run());
    BPV_TRY(mark_rule_check_due(id));
    return std::pair{id, Upsert::updated};
  }
  BPV_TRY_ASSIGN(Statement * insert,
                 m_db->prepare("INSERT INTO placements (student_id, company_id, trainer_id, "
                               "supervisor_id, start_date, end_date, contract_minutes, "
                               "week_minutes, day_minutes, vacation_hours_allowed, calendar, "
                               "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  insert->bind(1, fields.student_id)
      .bind(2, fields.company_id)
      .bind(3, fields.trainer_id)
      .bind(4, fields.supervisor_id)
      .bind(5, start)
      .bind(6, end)
      .bind(7, fields.contract_minutes)
      .bind(8, fields.week_minutes)
      .bind(9, day_minutes)
      .bind(10, fields.vacation_hours_allowed ? 1 : 0)
      .bind(11, fields.calendar)
      .bind(12, stamp(now))
      .bind(13, stamp(now));
  BPV_TRY(insert->run());
  Id id = m_db->last_insert_id();
  BPV_TRY(mark_rule_check_due(id));
  return std::pair{id, Upsert::created};
}

}  // namespace bpv::store::sqlite
