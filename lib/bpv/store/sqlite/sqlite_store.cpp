#include <bpv/store/sqlite/sqlite_store.hpp>

#include <bpv/store/sqlite/database.hpp>
#include <bpv/store/sqlite/migrations.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <fcntl.h>
#include <unistd.h>

namespace bpv::store::sqlite {
namespace {

Result<int> read_user_version(Database& db) {
  auto stmt = db.prepare("PRAGMA user_version");
  if (!stmt) {
    return std::unexpected(stmt.error());
  }
  auto row = (*stmt)->step();
  if (!row) {
    return std::unexpected(row.error());
  }
  int version = static_cast<int>((*stmt)->column_int(0));
  (*stmt)->reset();
  return version;
}

Result<bool> has_tables(Database& db) {
  auto stmt = db.prepare("SELECT count(*) FROM sqlite_master");
  if (!stmt) {
    return std::unexpected(stmt.error());
  }
  auto row = (*stmt)->step();
  if (!row) {
    return std::unexpected(row.error());
  }
  bool any = (*stmt)->column_int(0) > 0;
  (*stmt)->reset();
  return any;
}

Result<void> migrate(Database& db) {
  auto version = read_user_version(db);
  if (!version) {
    return std::unexpected(version.error());
  }
  int latest = latest_schema_version();
  if (*version > latest) {
    return fail(ErrorKind::unexpected,
                fmt::format("{} has schema version {}, newer than this bpv understands ({}); "
                            "upgrade bpv to use it",
                            db.path().string(), *version, latest));
  }
  if (*version == latest) {
    return {};
  }
  if (*version == 0) {
    auto tables = has_tables(db);
    if (!tables) {
      return std::unexpected(tables.error());
    }
    if (*tables) {
      return fail(ErrorKind::unexpected,
                  fmt::format("{} is an SQLite database but not a bpv database", db.path().string()));
    }
  }
  if (auto begun = db.exec("BEGIN IMMEDIATE"); !begun) {
    return begun;
  }
  // Another process may have migrated while we waited for the lock.
  auto current = read_user_version(db);
  if (!current) {
    db.exec("ROLLBACK");
    return std::unexpected(current.error());
  }
  for (const auto& migration : k_migrations) {
    if (migration.version <= *current) {
      continue;
    }
    auto applied = db.exec(migration.sql);
    if (applied) {
      applied = db.exec(fmt::format("PRAGMA user_version = {}", migration.version));
    }
    if (!applied) {
      db.exec("ROLLBACK");
      return fail(ErrorKind::unexpected, fmt::format("migration {} failed: {}", migration.name,
                                                     applied.error().message));
    }
  }
  return db.exec("COMMIT");
}

}  // namespace

core::Instant column_instant(const Statement& stmt, int index) {
  return core::Instant(std::chrono::seconds(stmt.column_int(index)));
}

std::optional<core::Instant> column_optional_instant(const Statement& stmt, int index) {
  if (stmt.column_is_null(index)) {
    return std::nullopt;
  }
  return column_instant(stmt, index);
}

Result<core::Date> column_date(const Statement& stmt, int index) {
  return core::Date::parse_iso(stmt.column_view(index));
}

Result<std::optional<core::Date>> column_optional_date(const Statement& stmt, int index) {
  if (stmt.column_is_null(index)) {
    return std::nullopt;
  }
  BPV_TRY_ASSIGN(core::Date date, column_date(stmt, index));
  return date;
}

int latest_schema_version() { return k_migrations.empty() ? 0 : k_migrations.back().version; }

void reserve_page_cache(std::size_t bytes) { Database::reserve_page_cache(bytes); }

Result<std::unique_ptr<Store>> open_store(const std::filesystem::path& path, OpenMode mode) {
  if (mode == OpenMode::create_new) {
    // O_EXCL: never touch a file that exists, even one created a moment ago by someone else.
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
      if (errno == EEXIST) {
        return fail(ErrorKind::refused,
                    fmt::format("{} already exists; bpv init never touches an existing database "
                                "(remove it or choose another --db)",
                                path.string()));
      }
      return fail(ErrorKind::unexpected,
                  fmt::format("cannot create {}: {}", path.string(), std::strerror(errno)));
    }
    ::close(fd);
  } else {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      return fail(ErrorKind::unexpected,
                  fmt::format("no database at {}; create one with: bpv init --db {} --admin-email "
                              "EMAIL",
                              path.string(), path.string()));
    }
  }
  auto db = Database::open(path, mode == OpenMode::create_new);
  if (!db) {
    return std::unexpected(db.error());
  }
  if (auto migrated = migrate(**db); !migrated) {
    return std::unexpected(migrated.error());
  }
  return std::make_unique<SqliteStore>(std::move(*db));
}

SqliteStore::SqliteStore(std::unique_ptr<Database> db) : m_db(std::move(db)) {}

SqliteStore::~SqliteStore() = default;

int SqliteStore::schema_version() {
  auto version = read_user_version(*m_db);
  return version ? *version : -1;
}

void SqliteStore::forget_pending() {
  m_pending_due.clear();
  m_last_due = m_pending_due.end();
  m_cleared_due.clear();
}

Result<void> SqliteStore::begin() {
  BPV_TRY(m_db->exec("BEGIN IMMEDIATE"));
  m_in_transaction = true;
  forget_pending();
  return {};
}

Result<void> SqliteStore::commit() {
  if (!m_cleared_due.empty()) {
    // Removed before the queued changes below are written: a placement cleared and then
    // changed again in this transaction stays queued.
    std::string ids = "[";
    for (Id placement : m_cleared_due) {
      ids += std::to_string(placement);
      ids += ',';
    }
    ids.back() = ']';
    auto removed = [&]() -> Result<void> {
      BPV_TRY_ASSIGN(Statement * stmt,
                     m_db->prepare("DELETE FROM rule_checks_due WHERE placement_id IN "
                                   "(SELECT value FROM json_each(?))"));
      stmt->bind(1, ids);
      return stmt->run();
    }();
    if (!removed) {
      rollback();
      return removed;
    }
  }
  for (const auto& [placement, due] : m_pending_due) {
    auto written = write_due(placement, due.whole, due.first, due.last);
    if (!written) {
      rollback();
      return written;
    }
  }
  forget_pending();
  BPV_TRY(m_db->exec("COMMIT"));
  m_in_transaction = false;
  return {};
}

void SqliteStore::rollback() {
  m_db->exec("ROLLBACK");
  m_in_transaction = false;
  forget_pending();
}

Result<void> SqliteStore::begin_read() {
  // Deferred: no lock until the first read, which takes the snapshot; no write lock ever.
  return m_db->exec("BEGIN DEFERRED");
}

void SqliteStore::end_read() { m_db->exec("ROLLBACK"); }

Result<std::int64_t> SqliteStore::data_version() {
  BPV_TRY_ASSIGN(Statement * stmt, m_db->prepare("PRAGMA data_version"));
  BPV_TRY(stmt->step());
  std::int64_t version = stmt->column_int(0);
  stmt->reset();
  return version;
}

Result<std::unique_ptr<Store>> SqliteStore::open_another() {
  return open_store(m_db->path(), OpenMode::existing);
}

Result<void> SqliteStore::prepare_bulk_write() {
  // With a memory-mapped file SQLite looks every page up in the WAL index before it reads it,
  // cached or not; during a large transaction that search grows with the log (an import of
  // 8 million entries spent a fifth of its time there).
  return m_db->exec("PRAGMA mmap_size = 0");
}

Result<void> SqliteStore::note_entries_changed(Id placement, core::Date date) {
  core::Date monday = core::IsoWeek::of(date).monday();
  if (!m_in_transaction) {
    return write_due(placement, false, monday, monday);
  }
  if (m_last_due == m_pending_due.end() || m_last_due->first != placement) {
    m_last_due = m_pending_due.try_emplace(placement).first;
  }
  PendingDue& due = m_last_due->second;
  due.first = due.first ? std::min(*due.first, monday) : monday;
  due.last = due.last ? std::max(*due.last, monday) : monday;
  return {};
}

Result<void> SqliteStore::write_due(Id placement, bool whole, std::optional<core::Date> first,
                                    std::optional<core::Date> last) {
  BPV_TRY_ASSIGN(
      Statement * stmt,
      m_db->prepare("INSERT INTO rule_checks_due (placement_id, whole, first_monday, last_monday) "
                    "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (placement_id) DO UPDATE SET "
                    "whole = max(whole, excluded.whole), "
                    "first_monday = min(coalesce(first_monday, excluded.first_monday), "
                    "coalesce(excluded.first_monday, first_monday)), "
                    "last_monday = max(coalesce(last_monday, excluded.last_monday), "
                    "coalesce(excluded.last_monday, last_monday))"));
  std::optional<std::string> first_text;
  std::optional<std::string> last_text;
  if (first) {
    first_text = first->to_string();
  }
  if (last) {
    last_text = last->to_string();
  }
  stmt->bind(1, placement).bind(2, whole ? 1 : 0).bind(3, first_text).bind(4, last_text);
  return stmt->run();
}

Result<void> SqliteStore::add_audit_event(const AuditEvent& event, core::Instant now) {
  auto stmt = m_db->prepare(
      "INSERT INTO audit_events (at, actor_id, action, placement_id, subject, before, after) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!stmt) {
    return std::unexpected(stmt.error());
  }
  (*stmt)->bind(1, stamp(now))
      .bind(2, event.actor_id)
      .bind(3, event.action)
      .bind(4, event.placement_id)
      .bind(5, event.subject)
      .bind(6, event.before)
      .bind(7, event.after);
  return (*stmt)->run();
}

Result<std::vector<AuditRecord>> SqliteStore::list_audit(const AuditQuery& query) {
  std::string sql =
      "SELECT a.id, a.at, coalesce(u.email, ''), a.action, a.placement_id, "
      "coalesce(s.student_number, ''), a.subject, a.before, a.after FROM audit_events a "
      "LEFT JOIN users u ON u.id = a.actor_id LEFT JOIN placements p ON p.id = a.placement_id "
      "LEFT JOIN students s ON s.id = p.student_id WHERE 1";
  if (query.supervisor_id) {
    sql += " AND p.supervisor_id = :supervisor";
  }
  if (query.placement_id) {
    sql += " AND a.placement_id = :placement";
  }
  if (query.since) {
    sql += " AND a.at >= :since";
  }
  sql += " ORDER BY a.at, a.id";
  BPV_TRY_ASSIGN(Statement * stmt, m_db->prepare_text(sql));
  int index = 1;
  if (query.supervisor_id) {
    stmt->bind(index++, *query.supervisor_id);
  }
  if (query.placement_id) {
    stmt->bind(index++, *query.placement_id);
  }
  if (query.since) {
    stmt->bind(index++, stamp(*query.since));
  }
  std::vector<AuditRecord> records;
  while (true) {
    BPV_TRY_ASSIGN(bool row, stmt->step());
    if (!row) {
      break;
    }
    AuditRecord record;
    record.id = stmt->column_int(0);
    record.at = column_instant(*stmt, 1);
    record.actor_email = stmt->column_text(2);
    record.action = stmt->column_text(3);
    record.placement_id = stmt->column_optional_int(4);
    record.student_number = stmt->column_text(5);
    record.subject = stmt->column_text(6);
    record.before = stmt->column_optional_text(7);
    record.after = stmt->column_optional_text(8);
    records.push_back(std::move(record));
  }
  return records;
}

Result<TableCounts> SqliteStore::table_counts() {
  auto stmt = m_db->prepare(
      "SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM companies), "
      "(SELECT count(*) FROM students), (SELECT count(*) FROM placements), "
      "(SELECT count(*) FROM entries)");
  if (!stmt) {
    return std::unexpected(stmt.error());
  }
  auto row = (*stmt)->step();
  if (!row) {
    return std::unexpected(row.error());
  }
  TableCounts counts{(*stmt)->column_int(0), (*stmt)->column_int(1), (*stmt)->column_int(2),
                     (*stmt)->column_int(3), (*stmt)->column_int(4)};
  (*stmt)->reset();
  return counts;
}

}  // namespace bpv::store::sqlite
