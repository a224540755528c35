#pragma once

#include <bpv/store/store.hpp>

#include <filesystem>
#include <memory>

namespace bpv::store::sqlite {

class Database;

enum class OpenMode { existing, create_new };

// Opens the bpv database at `path` and brings its schema up to date. `create_new` creates the
// file and refuses (refused) when it exists; `existing` fails when it does not. A database
// whose schema is newer than this binary is refused.
Result<std::unique_ptr<Store>> open_store(const std::filesystem::path& path, OpenMode mode);

// The schema version this binary writes.
int latest_schema_version();

// The Store over one SQLite connection. Its methods live in sqlite_*.cpp by area.
class SqliteStore final : public Store {
 public:
  explicit SqliteStore(std::unique_ptr<Database> db);
  ~SqliteStore() override;

  int schema_version() override;
  Result<void> begin() override;
  Result<void> commit() override;
  void rollback() override;

  Result<std::optional<User>> find_user_by_email(std::string_view email) override;
  Result<std::pair<Id, Upsert>> upsert_user(const UserFields& fields, core::Instant now) override;
  Result<std::pair<Id, Upsert>> upsert_company(std::string_view name, std::string_view city,
                                               core::Instant now) override;
  Result<std::pair<Id, Upsert>> upsert_student(const StudentFields& fields,
                                               core::Instant now) override;
  Result<std::pair<Id, Upsert>> upsert_placement(const PlacementFields& fields,
                                                 core::Instant now) override;

  Result<std::vector<PlacementSpan>> placement_spans() override;
  Result<Upsert> upsert_entry(const EntryFields& fields, core::Instant now) override;

  Result<void> add_audit_event(const AuditEvent& event, core::Instant now) override;
  Result<TableCounts> table_counts() override;

 private:
  std::unique_ptr<Database> m_db;
};

// How instants are stored: seconds since 1970-01-01 UTC.
inline std::int64_t stamp(core::Instant instant) { return instant.time_since_epoch().count(); }

}  // namespace bpv::store::sqlite
