// Companies and their open positions ("Stageplaatsen").
#include <bpv/store/sqlite/sqlite_store.hpp>

#include <bpv/store/sqlite/database.hpp>

namespace bpv::store::sqlite {
namespace {

constexpr const char* k_position_select =
    "SELECT p.id, p.company_id, c.name, c.city, p.title, p.programme, p.crebo, p.level, p.track, "
    "p.places, p.start_date, p.description, p.contact, p.status, p.created_by, p.created_at "
    "FROM positions p JOIN companies c ON c.id = p.company_id";

Result<PositionRecord> read_position(const Statement& stmt) {
  PositionRecord position;
  position.id = stmt.column_int(0);
  position.company_id = stmt.column_int(1);
  position.company_name = stmt.column_text(2);
  position.company_city = stmt.column_text(3);
  position.title = stmt.column_text(4);
  position.programme = stmt.column_text(5);
  position.crebo = stmt.column_text(6);
  position.level = stmt.column_text(7);
  position.track = stmt.column_text(8);
  position.places = static_cast<int>(stmt.column_int(9));
  BPV_TRY_ASSIGN(position.start, column_optional_date(stmt, 10));
  position.description = stmt.column_text(11);
  position.contact = stmt.column_text(12);
  position.status = stmt.column_text(13);
  position.created_by = stmt.column_optional_int(14);
  position.created_at = column_instant(stmt, 15);
  return position;
}

Result<std::vector<Company>> read_companies(Statement& stmt) {
  std::vector<Company> companies;
  while (true) {
    BPV_TRY_ASSIGN(bool row, stmt.step());
    if (!row) {
      break;
    }
    companies.push_back({stmt.column_int(0), stmt.column_text(1), stmt.column_text(2)});
  }
  return companies;
}

}  // namespace

Result<std::vector<Company>> SqliteStore::companies_of_trainer(Id trainer) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("SELECT DISTINCT c.id, c.name, c.city FROM placements p "
                               "JOIN companies c ON c.id = p.company_id WHERE p.trainer_id = ? "
                               "ORDER BY c.name, c.city"));
  stmt->bind(1, trainer);
  return read_companies(*stmt);
}

Result<std::vector<Company>> SqliteStore::find_companies(std::string_view name) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("SELECT id, name, city FROM companies WHERE name = ? COLLATE NOCASE "
                               "ORDER BY city"));
  stmt->bind(1, name);
  return read_companies(*stmt);
}

Result<Id> SqliteStore::insert_position(const PositionRecord& position, core::Instant now) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("INSERT INTO positions (company_id, title, programme, crebo, level, "
                               "track, places, start_date, description, contact, status, "
                               "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                               "'open', ?, ?)"));
  std::optional<std::string> start;
  if (position.start) {
    start = position.start->to_string();
  }
  stmt->bind(1, position.company_id)
      .bind(2, position.title)
      .bind(3, position.programme)
      .bind(4, position.crebo)
      .bind(5, position.level)
      .bind(6, position.track)
      .bind(7, position.places)
      .bind(8, start)
      .bind(9, position.description)
      .bind(10, position.contact)
      .bind(11, position.created_by)
      .bind(12, stamp(now));
  BPV_TRY(stmt->run());
  return m_db->last_insert_id();
}

Result<std::vector<PositionRecord>> SqliteStore::list_positions(std::optional<Id> company,
                                                                bool include_closed) {
  std::string sql = std::string(k_position_select) + " WHERE 1";
  if (company) {
    sql += " AND p.company_id = ?";
  }
  if (!include_closed) {
    sql += " AND p.status = 'open'";
  }
  sql += " ORDER BY c.name, p.id";
  BPV_TRY_ASSIGN(Statement * stmt, m_db->prepare_text(sql));
  if (company) {
    stmt->bind(1, *company);
  }
  std::vector<PositionRecord> positions;
  while (true) {
    BPV_TRY_ASSIGN(bool row, stmt->step());
    if (!row) {
      break;
    }
    BPV_TRY_ASSIGN(PositionRecord position, read_position(*stmt));
    positions.push_back(std::move(position));
  }
  return positions;
}

Result<std::optional<PositionRecord>> SqliteStore::find_position(Id position) {
  static const std::string sql = std::string(k_position_select) + " WHERE p.id = ?";
  BPV_TRY_ASSIGN(Statement * stmt, m_db->prepare_text(sql));
  stmt->bind(1, position);
  BPV_TRY_ASSIGN(bool found, stmt->step());
  if (!found) {
    return std::nullopt;
  }
  BPV_TRY_ASSIGN(PositionRecord record, read_position(*stmt));
  stmt->reset();
  return record;
}

Result<void> SqliteStore::close_position(Id position, core::Instant now) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("UPDATE positions SET status = 'closed', closed_at = ? WHERE id = ? "
                               "AND status = 'open'"));
  stmt->bind(1, stamp(now)).bind(2, position);
  return stmt->run();
}

}  // namespace bpv::store::sqlite
