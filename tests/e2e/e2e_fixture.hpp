#pragma once

#include "support/run_process.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <map>
#include <string>
#include <vector>

namespace bpv::test {

// The lines of `text`, without their line breaks.
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) {
      end = text.size();
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// `line` split at every `separator`.
inline std::vector<std::string> split(const std::string& line, char separator) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    auto end = line.find(separator, start);
    fields.push_back(
        line.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) {
      return fields;
    }
    start = end + 1;
  }
}

// The records of RFC 4180 CSV text (quoted fields may hold commas, quotes and line breaks).
// Fails the test on a malformed quote.
inline std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  bool after_quote = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
        after_quote = true;
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      EXPECT_TRUE(field.empty() && !after_quote) << "a quote inside an unquoted field at " << i;
      quoted = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      after_quote = false;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\n') {
      record.push_back(std::move(field));
      field.clear();
      after_quote = false;
      records.push_back(std::move(record));
      record.clear();
    } else {
      EXPECT_FALSE(after_quote) << "text after a closing quote at " << i;
      field += c;
    }
  }
  EXPECT_FALSE(quoted) << "an unterminated quoted field";
  if (!field.empty() || !record.empty()) {
    record.push_back(std::move(field));
    records.push_back(std::move(record));
  }
  return records;
}

// Runs `sql` on the SQLite file `path` through the C API (as another program sharing the
// database would).
inline void exec_sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  int opened = sqlite3_open(path.c_str(), &db);
  std::string message = opened == SQLITE_OK ? "" : sqlite3_errmsg(db);
  if (opened == SQLITE_OK) {
    sqlite3_busy_timeout(db, 10'000);
    char* error = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      message = error != nullptr ? error : "sqlite3_exec failed";
    }
    sqlite3_free(error);
  }
  sqlite3_close(db);
  ASSERT_EQ(message, "") << sql;
}

// The first column of the first row of `sql`, as an integer (-1 without rows).
inline long long query_int(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  long long value = -1;
  if (sqlite3_open(path.c_str(), &db) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      value = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return value;
}

// Runs the real binaries with a fresh HOME, XDG folders and database folder.
class EndToEnd : public ::testing::Test {
 protected:
  using Variables = std::map<std::string, std::string>;

  static constexpr const char* k_admin_email = "beheer@school.example.nl";
  static constexpr const char* k_admin_password = "correct horse battery";

  std::map<std::string, std::string> environment() const {
    return {{"HOME", m_dir.path().string()},
            {"XDG_CONFIG_HOME", (m_dir / "config").string()},
            {"XDG_DATA_HOME", (m_dir / "data").string()},
            {"BPV_NOW", "2026-11-30T09:00"}};
  }

  ProcessResult bpv(const std::vector<std::string>& args, const std::string& input = "") const {
    return run_process(BPV_BINARY, args, environment(), input);
  }

  // Runs bpv with `extra` added to the environment, replacing variables of the same name.
  ProcessResult bpv_with(const Variables& extra, const std::vector<std::string>& args,
                         const std::string& input = "") const {
    auto variables = environment();
    for (const auto& [name, value] : extra) {
      variables[name] = value;
    }
    return run_process(BPV_BINARY, args, variables, input);
  }

  // The config folder of `user` (a short name such as "marloes"): each user keeps their own
  // credentials file, as on their own machine. The administrator of init() uses "config".
  std::filesystem::path config_of(const std::string& user) const {
    return m_dir / ("config-" + user);
  }
  std::filesystem::path credentials_of(const std::string& user) const {
    return config_of(user) / "bpv" / "credentials";
  }

  // Runs `bpv --db DB args...` as `user`, that is with their config folder.
  ProcessResult bpv_as(const std::string& user, const std::vector<std::string>& args,
                       const std::string& input = "") const {
    std::vector<std::string> all{"--db", db()};
    all.insert(all.end(), args.begin(), args.end());
    return bpv_with({{"XDG_CONFIG_HOME", config_of(user).string()}}, all, input);
  }

  ProcessResult bpv_jobs(const std::vector<std::string>& args) const {
    return run_process(BPV_JOBS_BINARY, args, environment());
  }

  std::string db() const { return (m_dir / "bpv.db").string(); }

  // Creates the database with an administrator, and signs the administrator in (in the
  // default config folder), as administrators' commands such as imports need.
  void init() const {
    auto result = bpv({"--db", db(), "init", "--admin-email", k_admin_email, "--password-stdin"},
                      std::string(k_admin_password) + "\n");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    auto login = bpv({"--db", db(), "login", "--user", k_admin_email, "--password-stdin"},
                     std::string(k_admin_password) + "\n");
    ASSERT_EQ(login.exit_code, 0) << login.err;
  }

  // init(), then the demo college's placements and hours imported by the administrator.
  void load_demo() const {
    ASSERT_NO_FATAL_FAILURE(init());
    for (const char* kind : {"placements", "hours"}) {
      auto result = bpv({"--db", db(), "import", kind, demo(std::string(kind) + ".csv")});
      ASSERT_EQ(result.exit_code, 0) << result.err;
    }
  }

  // The administrator gives `email` a password (imported users have none).
  void set_password(const std::string& email, const std::string& password) const {
    auto result =
        bpv({"--db", db(), "users", "set-password", email, "--password-stdin"}, password + "\n");
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }

  // Gives `email` a password and signs them in as `user` (see config_of).
  void sign_in(const std::string& user, const std::string& email) const {
    std::string password = user + "-wachtwoord-2026";
    ASSERT_NO_FATAL_FAILURE(set_password(email, password));
    auto result = bpv_as(user, {"login", "--user", email, "--password-stdin"}, password + "\n");
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }

  static std::string demo(const std::string& name) {
    return std::string(BPV_SOURCE_DIR) + "/examples/demo/" + name;
  }

  TempDir m_dir;
};

}  // namespace bpv::test
