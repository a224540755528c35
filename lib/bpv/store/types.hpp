#pragma once

#include <bpv/core/date.hpp>
#include <bpv/core/error.hpp>
#include <bpv/core/hours.hpp>
#include <bpv/core/time_zone.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bpv::store {

using Id = std::int64_t;

enum class Role { student, trainer, supervisor, admin };
std::string_view to_string(Role role);
Result<Role> parse_role(std::string_view text);

enum class EntryStatus { submitted, correction_requested, approved };
std::string_view to_string(EntryStatus status);
Result<EntryStatus> parse_entry_status(std::string_view text);

// What an insert-or-update did.
enum class Upsert { created, updated, unchanged };

struct User {
  Id id = 0;
  std::string email;
  std::string name;
  std::string phone;
  Role role = Role::student;
  bool disabled = false;
};

// A person as an import names them: looked up by e-mail, created or updated.
struct UserFields {
  std::string email;
  std::string name;
  std::string phone;
  Role role = Role::student;
  std::optional<std::string> password_hash;  // only when created with a password (bpv init)
};

struct StudentFields {
  std::string student_number;
  Id user_id = 0;
  std::optional<core::Date> birth_date;
  std::string programme;
  std::string crebo;
  std::string level;
  std::string track;  // "", "BOL" or "BBL"
};

// A placement as an import names it; its natural key is (student, company, start date).
struct PlacementFields {
  Id student_id = 0;
  Id company_id = 0;
  Id trainer_id = 0;
  Id supervisor_id = 0;
  core::Date start;
  core::Date end;
  core::Minutes contract_minutes = 0;
  core::Minutes week_minutes = 0;
  std::optional<core::Minutes> day_minutes;
  bool vacation_hours_allowed = false;
};

// The dates of a placement, for assigning a student's hours to it.
struct PlacementSpan {
  Id placement_id = 0;
  std::string student_number;
  core::Date start;
  core::Date end;
};

// One day's hours as an import names them; (placement, date) is the key.
struct EntryFields {
  Id placement_id = 0;
  core::Date date;
  core::Minutes minutes = 0;
  std::string_view activity;
  EntryStatus status = EntryStatus::submitted;
};

struct AuditEvent {
  std::optional<Id> actor_id;
  std::string action;  // e.g. "import.placements", "week.approve"
  std::optional<Id> placement_id;
  std::string subject;
  std::optional<std::string> before;  // JSON
  std::optional<std::string> after;   // JSON
};

// Counts of the rows of each table, for summaries.
struct TableCounts {
  std::int64_t users = 0;
  std::int64_t companies = 0;
  std::int64_t students = 0;
  std::int64_t placements = 0;
  std::int64_t entries = 0;
};

}  // namespace bpv::store
