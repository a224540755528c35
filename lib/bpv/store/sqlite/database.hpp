#pragma once

#include <bpv/core/error.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace bpv::store::sqlite {

// A prepared statement. Bind with 1-based indexes; step() until it returns false.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  // Binds text without copying it: `value` must stay valid until the statement is stepped.
  Statement& bind_view(int index, std::string_view value);
  Statement& bind_null(int index);
  template <class T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  // Runs one step: true when a row is available. Fails with the database's message.
  Result<bool> step();
  // Runs to completion, ignoring rows.
  Result<void> run();
  // Clears bindings and resets, ready for the next use.
  void reset();

  std::int64_t column_int(int index) const;
  std::string column_text(int index) const;
  // The text of column `index` without copying: valid until the next step or reset.
  std::string_view column_view(int index) const;
  std::optional<std::string> column_optional_text(int index) const;
  std::optional<std::int64_t> column_optional_int(int index) const;
  bool column_is_null(int index) const;

 private:
  sqlite3* m_db;
  sqlite3_stmt* m_stmt;
};

// A connection with a cache of prepared statements.
class Database {
 public:
  // Opens `path`; `create` allows creating the file. Sets WAL, busy_timeout and foreign keys.
  static Result<std::unique_ptr<Database>> open(const std::filesystem::path& path, bool create);
  // See reserve_page_cache in sqlite_store.hpp; before the first open.
  static void reserve_page_cache(std::size_t bytes);
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // Runs one or more statements without parameters.
  Result<void> exec(std::string_view sql);
  // The prepared, reset statement for `sql` (a string literal: the cache key is its address).
  Result<Statement*> prepare(const char* sql);
  // The same for SQL text built at run time (cached by its text).
  Result<Statement*> prepare_text(const std::string& sql);
  // Changes made by the last statement.
  std::int64_t changes() const;
  std::int64_t last_insert_id() const;
  std::string last_error() const;
  const std::filesystem::path& path() const { return m_path; }

 private:
  Database(sqlite3* db, std::filesystem::path path) : m_db(db), m_path(std::move(path)) {}
  sqlite3* m_db;
  std::filesystem::path m_path;
  Result<std::unique_ptr<Statement>> compile(const char* sql);
  std::map<const char*, std::unique_ptr<Statement>> m_statements;
  std::map<std::string, std::unique_ptr<Statement>> m_text_statements;
};

}  // namespace bpv::store::sqlite
