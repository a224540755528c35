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

std::size_t g_page_cache_bytes = 0;  // Database::reserve_page_cache

// Set before SQLite initialises, so once per process. No allocation statistics: they take a
// global mutex on every allocation. The page caches in the reserved block, if one was asked
// for and the kernel gives huge pages: SQLite writes a link into every slot of it at once, so
// the block is touched whole at the start, a page fault per 2 MB (see bpv/process/memory.hpp:
// keep it small). Otherwise no bulk allocation of 20 pages when a page cache starts: each
// temporary b-tree (a recursive query's queue, a sort) has a page cache of its own, and the
// first touch of each of those 20 pages costs a page fault (`bpv logbook show` on the
// benchmark's college: 358 page faults with it, 329 without); pages are allocated one by one as
// they are used instead. Past the block's end, pages are allocated one by one too; and once it
// is nearly full, SQLite reuses the least recently used pages rather than take more memory.
bool configure_sqlite() {
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  void* block = g_page_cache_bytes > 0 ? process::map_huge_pages(g_page_cache_bytes) : nullptr;
  if (block == nullptr) {
    sqlite3_config(SQLITE_CONFIG_PAGECACHE, nullptr, 0, 0);
    return true;
  }
  int header = 0;
  sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &header);
  int slot = (k_page_size + header + 7) / 8 * 8;
  sqlite3_config(SQLITE_CONFIG_PAGECACHE, block, slot,
                 static_cast<int>(g_page_cache_bytes / static_cast<std::size_t>(slot)));
  return true;
}

// Where the database's pages are read to. A short command reads a few hundred pages spread over
// the file (`students list` of a trainer with 40 students: about 180), and what each costs is
// the kernel's work for a page fault (see bpv/process/memory.hpp), not SQLite's. Read through
// the memory-mapped file, each first touch of a page was a fault; read with pread into SQLite's
// own pages, each first touch of a fresh page of memory was one too, unless the heap lies on
// huge pages. So where it does (bpv starts it there), the file is read with pread into pages on
// the heap: `students list` went from 417 page faults to 165 and from 15.8 to about 10 ms (perf
// stat, 30 runs each); elsewhere it stays memory-mapped.
bool read_through_memory_map() { return !process::heap_on_huge_pages(); }

}  // namespace

void Database::reserve_page_cache(std::size_t bytes) { g_page_cache_bytes = bytes; }

Result<std::unique_ptr<Database>> Database::open(const std::filesystem::path& path, bool create) {
  static const bool configured = configure_sqlite();
  (void)configured;
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
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; "
      "PRAGMA cache_size = -32768;");
  if (setup && read_through_memory_map()) {
    setup = database->exec("PRAGMA mmap_size = 1073741824");
  }
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
