#pragma once

#include <bpv/core/error.hpp>
#include <bpv/store/types.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bpv::store {

// The persistent state of bpv, independent of the database behind it. One Store is one
// connection; all methods run inside the current transaction when one is open.
class Store {
 public:
  virtual ~Store() = default;

  // The schema version of the open database.
  virtual int schema_version() = 0;

  // Transactions: begin() takes the write lock at once, so a writer never fails half-way
  // because another process wrote first.
  virtual Result<void> begin() = 0;
  virtual Result<void> commit() = 0;
  virtual void rollback() = 0;

  // Users, looked up by e-mail without regard to case.
  virtual Result<std::optional<User>> find_user_by_email(std::string_view email) = 0;
  // Creates the user, or updates name and phone of the user with that e-mail. Fails
  // (refused) when that user has another role.
  virtual Result<std::pair<Id, Upsert>> upsert_user(const UserFields& fields, core::Instant now) = 0;

  // Finds or creates the company `name` in `city`.
  virtual Result<std::pair<Id, Upsert>> upsert_company(std::string_view name, std::string_view city,
                                                       core::Instant now) = 0;
  // Creates or updates the student by student number.
  virtual Result<std::pair<Id, Upsert>> upsert_student(const StudentFields& fields,
                                                       core::Instant now) = 0;
  // Creates or updates the placement by (student, company, start date).
  virtual Result<std::pair<Id, Upsert>> upsert_placement(const PlacementFields& fields,
                                                         core::Instant now) = 0;

  // Every placement's student number and dates.
  virtual Result<std::vector<PlacementSpan>> placement_spans() = 0;
  // Creates or updates the entry of (placement, date).
  virtual Result<Upsert> upsert_entry(const EntryFields& fields, core::Instant now) = 0;

  virtual Result<void> add_audit_event(const AuditEvent& event, core::Instant now) = 0;

  virtual Result<TableCounts> table_counts() = 0;
};

// Runs `work` in a transaction of `store`: commits when it succeeds, rolls back when it fails.
Result<void> in_transaction(Store& store, const std::function<Result<void>()>& work);

// `2026-11-29T14:00:00Z`: how instants are stored.
std::string format_instant_utc(core::Instant instant);

}  // namespace bpv::store
