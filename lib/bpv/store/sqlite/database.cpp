#include <bpv/store/sqlite/database.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <bpv/process/memory.hpp>

namespace bpv::store::sqlite {

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(m_stmt, index, value);
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  sqlite3_bind_text(m_stmt, index, value.empty() ? "" : value.data(), static_cast<int>(value.size()),
                    SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind_view(int index, std::string_view value) {
  // An empty view may have no data pointer, which SQLite would bind as NULL.
  sqlite3_bind_text(m_stmt, index, value.empty() ? "" : value.data(), static_cast<int>(value.size()),
                    SQLITE_STATIC);
  return *this;
}

Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(m_stmt, index);
  return *this;
}

Result<bool> Statement::step() {
  int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  std::string message = sqlite3_errmsg(m_db);
  sqlite3_reset(m_stmt);
  ErrorKind kind = (rc & 0xff) == SQLITE_CONSTRAINT ? ErrorKind::refused : ErrorKind::unexpected;
  return fail(kind, fmt::format("database: {}", message));
}

Result<void> Statement::run() {
  while (true) {
    auto row = step();
    if (!row) {
      return std::unexpected(row.error());
    }
    if (!*row) {
      return {};
    }
  }
}

void Statement::reset() {
  sqlite3_reset(m_stmt);
  sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::column_int(int index) const { return sqlite3_column_int64(m_stmt, index); }

std::string Statement::column_text(int index) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, index));
  return text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, index)))
              : std::string();
}

std::string_view Statement::column_view(int index) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, index));
  return text ? std::string_view(text, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, index)))
              : std::string_view();
}

std::optional<std::string> Statement::column_optional_text(int index) const {
  if (column_is_null(index)) {
    return std::nullopt;
  }
  return column_text(index);
}

std::optional<std::int64_t> Statement::column_optional_int(int index) const {
  if (column_is_null(index)) {
    return std::nullopt;
  }
  return column_int(index);
}

bool Statement::column_is_null(int index) const {
  return sqlite3_column_type(m_stmt, index) == SQLITE_NULL;
}

namespace {

constexpr int k_page_size = 4096;  // SQLite's default, which bpv's databases keep

// Set before SQLite initialises, so once per process. No allocation statistics: they take a
// global mutex on every allocation.
//
// Where the database's pages are read to. A short command reads a few hundred pages spread over
// the file (`students list` of a trainer with 40 students: about 180), and what each costs is
// the kernel's work for a page fault (see bpv/process/memory.hpp), not SQLite's. Read through
// the memory-mapped file, each first touch of a page was a fault; read with pread into pages
// that SQLite allocates one by one, each first touch of a fresh page of memory was one too. So
// the page cache gets one 2 MB block that the kernel backs with a single huge page, and the file
// is read with pread into it: `students list` went from 419 page faults to 240 and from 15.8 to
// 10.4 ms (perf stat, 30 runs each). Pages beyond the block's 470 (the bulk jobs' 32 MB caches)
// are allocated one by one. Where the kernel gives no huge pages on request, the block would
// fault page by page like any other memory, so the file stays memory-mapped and SQLite
// allocates its pages one by one (no bulk allocation of 20 pages per cache either: each
// temporary b-tree has a cache of its own).
bool configure_sqlite() {
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  void* block = process::map_huge_page();  // kept until the process ends, as SQLite needs
  if (block == nullptr) {
    sqlite3_config(SQLITE_CONFIG_PAGECACHE, nullptr, 0, 0);
    return false;
  }
  int header = 0;
  sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &header);
  int slot = (k_page_size + header + 7) / 8 * 8;
  sqlite3_config(SQLITE_CONFIG_PAGECACHE, block, slot, static_cast<int>(process::k_huge_page_size / slot));
  return true;
}

}  // namespace

Result<std::unique_ptr<Database>> Database::open(const std::filesystem::path& path, bool create) {
  static const bool huge_page_cache = configure_sqlite();
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return fail(ErrorKind::unexpected, fmt::format("cannot open database {}: {}", path.string(), message));
  }
  sqlite3_extended_result_codes(db, 1);
  std::unique_ptr<Database> database(new Database(db, path));
  // WAL lets readers and one writer work at once; the busy timeout makes concurrent writers
  // wait for each other instead of failing with "database is locked".
  sqlite3_busy_timeout(db, 10'000);
  auto setup = database->exec(
      huge_page_cache ? "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
                        "PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768;"
                      : "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
                        "PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768; "
                        "PRAGMA mmap_size = 1073741824;");
  if (!setup) {
    return fail(ErrorKind::unexpected,
                fmt::format("{} is not a bpv database: {}", path.string(), setup.error().message));
  }
  // Keep the -wal file when the last connection closes: every bpv command is a short process,
  // and creating, sizing and deleting the WAL and shared-memory files each time costs more than
  // the query of a typical command. The destructor sets a journal size limit, which makes the
  // last connection truncate the checkpointed WAL to zero bytes on close; without it the file
  // keeps its old frames, and every later command, even one that only reads, checkpoints them
  // again on close (three fdatasyncs per process). It is needed only there, so it is set only
  // there.
  int persist = 1;
  sqlite3_file_control(db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
  return database;
}

Database::~Database() {
  m_statements.clear();
  m_text_statements.clear();
  sqlite3_exec(m_db, "PRAGMA journal_size_limit = 0", nullptr, nullptr, nullptr);
  sqlite3_close(m_db);
}

Result<void> Database::exec(std::string_view sql) {
  std::string text(sql);
  char* error = nullptr;
  if (sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : sqlite3_errmsg(m_db);
    sqlite3_free(error);
    return fail(ErrorKind::unexpected, fmt::format("database: {}", message));
  }
  return {};
}

Result<std::unique_ptr<Statement>> Database::compile(const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
    return fail(ErrorKind::unexpected, fmt::format("database: {}", sqlite3_errmsg(m_db)));
  }
  return std::make_unique<Statement>(m_db, stmt);
}

Result<Statement*> Database::prepare(const char* sql) {
  auto found = m_statements.find(sql);
  if (found != m_statements.end()) {
    found->second->reset();
    return found->second.get();
  }
  BPV_TRY_ASSIGN(auto compiled, compile(sql));
  auto [it, inserted] = m_statements.emplace(sql, std::move(compiled));
  return it->second.get();
}

Result<Statement*> Database::prepare_text(const std::string& sql) {
  auto found = m_text_statements.find(sql);
  if (found != m_text_statements.end()) {
    found->second->reset();
    return found->second.get();
  }
  BPV_TRY_ASSIGN(auto compiled, compile(sql.c_str()));
  auto [it, inserted] = m_text_statements.emplace(sql, std::move(compiled));
  return it->second.get();
}

std::int64_t Database::changes() const { return sqlite3_changes64(m_db); }

std::int64_t Database::last_insert_id() const { return sqlite3_last_insert_rowid(m_db); }

std::string Database::last_error() const { return sqlite3_errmsg(m_db); }

}  // namespace bpv::store::sqlite
