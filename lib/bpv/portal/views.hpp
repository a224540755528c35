#pragma once

#include <bpv/core/calendar.hpp>

#include <bpv/core/date.hpp>
#include <bpv/core/hours.hpp>
#include <bpv/core/placement.hpp>
#include <bpv/core/time_zone.hpp>
#include <bpv/core/week.hpp>
#include <bpv/store/types.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

// What the Portal returns: plain values, the same for the local and (later) the remote Portal.
namespace bpv::portal {

using store::Id;
using store::Role;

// The signed-in user.
struct Actor {
  Id user_id = 0;
  std::string email;
  std::string name;
  Role role = Role::student;
};

struct Session {
  std::string token;  // shown once, stored only as a hash
  Actor actor;
  core::Instant expires_at{};
  // The password was a one-time password and no new one was given: no session was made (token
  // empty); sign in again with a new password.
  bool must_change_password = false;
};

// What an export covers (bpv export hours|summary): entries of [from, to] matching the filters.
struct ExportFilter {
  core::Date from;
  core::Date to;
  std::optional<store::EntryStatus> status;  // none: all
  std::optional<std::string> student;
  std::optional<std::string> company;
  std::optional<std::string> programme;
  bool with_activities = false;  // hours: the activity notes too (R5: only when asked)
};

// Told how an export goes: `total` once before the first row (only when set, as counting costs
// a query), then `rows` every few thousand rows.
struct ExportProgress {
  std::function<void(std::int64_t total)> total;
  std::function<void(std::int64_t rows)> rows;
};

// A user who was sent (or in a dry run would be sent) a welcome mail with a one-time password.
struct Invitation {
  std::string email;
  std::string name;
  Role role = Role::student;
  bool invited_before = false;
};

struct UserView {
  Id id = 0;
  std::string email;
  std::string name;
  std::string phone;
  Role role = Role::student;
  bool disabled = false;
  bool has_password = false;
  bool must_change_password = false;
};

struct Contact {
  std::string name;
  std::string email;
  std::string phone;
};

enum class WeekStatus { open, correction, approved };
std::string_view to_string(WeekStatus status);

// One row of `students list`: a placement and its totals.
struct StudentSummary {
  Id placement_id = 0;
  std::string student_number;
  std::string name;
  std::string email;
  std::string company;
  std::string trainer;
  core::Date start;
  core::Date end;
  core::PlacementStatus status = core::PlacementStatus::active;
  core::Minutes contract_minutes = 0;
  core::Minutes approved_minutes = 0;
  core::Minutes pending_minutes = 0;  // submitted or sent back for correction
  int weeks_awaiting_approval = 0;
  int weeks_overdue = 0;
};

// `students show`: the "Stagiair" tab.
struct StudentDetail {
  StudentSummary summary;
  Contact student;
  std::optional<core::Date> birth_date;
  std::string programme;
  std::string crebo;
  std::string level;
  std::string track;
  std::string company_city;
  Contact trainer;
  Contact supervisor;
  core::Minutes week_minutes = 0;
  std::optional<core::Minutes> day_minutes;
  // approved / contract in percent; may pass 100 (R4).
  double progress_percent = 0;
};

struct Flag {
  std::string code;
  std::string severity;  // info, warning, error
  std::string detail;
};

struct LogbookEntry {
  core::Date date;
  core::Minutes minutes = 0;
  std::string activity;
  store::EntryStatus status = store::EntryStatus::submitted;
  std::string correction_reason;  // of the open request, if any
  std::vector<Flag> flags;
};

struct LogbookWeek {
  core::IsoWeek week;
  WeekStatus status = WeekStatus::open;
  core::Instant deadline{};
  bool overdue = false;
  core::Minutes total_minutes = 0;
  std::vector<std::string> correction_reasons;  // open requests of the whole week
  std::vector<LogbookEntry> entries;
  std::vector<Flag> flags;
};

struct Logbook {
  std::string student_number;
  std::string name;
  Id placement_id = 0;
  core::Date start;
  core::Date end;
  core::Minutes contract_minutes = 0;
  core::Minutes approved_minutes = 0;
  core::Minutes pending_minutes = 0;
  std::vector<LogbookWeek> weeks;
};

struct Dashboard {
  int students_active = 0;
  int weeks_awaiting_approval = 0;
  int weeks_overdue = 0;
  int corrections_open = 0;
  int flags_open = 0;
};

// skipped_flagged: --clean-only passed over a week with open warnings or errors.
enum class ApprovalResult { approved, already_approved, nothing_to_approve, refused, would_approve, skipped_flagged };
std::string_view to_string(ApprovalResult result);

// What happened to one week in approve-week (single or --all).
struct WeekApproval {
  std::string student_number;
  std::string name;
  Id placement_id = 0;
  core::IsoWeek week;
  ApprovalResult result = ApprovalResult::approved;
  core::Minutes total_minutes = 0;
  int entries = 0;
  std::string reason;  // why it was refused or skipped
  std::vector<Flag> flags;
};

// A loaded school calendar.
struct CalendarView {
  core::Calendar calendar;
  std::optional<std::string> region;
  core::Instant updated_at{};
};

// What importing one calendar did.
struct CalendarImport {
  std::string name;
  bool created = false;  // not loaded before
  int periods = 0;       // after the import
  int holidays = 0;
  std::vector<int> school_years;  // the school years the file replaced
};

// `bpv violations list`: which flags.
struct ViolationQuery {
  std::optional<std::string> student;
  std::optional<std::string> code;
  bool open_only = false;
};

// One flag with its student, for `bpv violations list`.
struct Violation {
  std::string student_number;
  std::string name;
  Id placement_id = 0;
  core::IsoWeek week;
  std::optional<core::Date> date;
  std::string code;
  std::string severity;
  std::string detail;
  core::Instant first_seen{};
  std::optional<core::Instant> resolved_at;
};

struct AuditRow {
  Id id = 0;
  core::Instant at{};
  std::string actor;  // e-mail, or empty for the system
  std::string action;
  std::string student_number;
  std::string subject;
  std::string before;  // JSON, or empty
  std::string after;   // JSON, or empty
};

struct Position {
  Id id = 0;
  std::string company;
  std::string company_city;
  std::string title;
  std::string programme;
  std::string crebo;
  std::string level;
  std::string track;
  int places = 1;
  std::optional<core::Date> start;
  std::string description;
  std::string contact;
  std::string status;  // open, closed
  core::Instant created_at{};
};

struct HoursEntry {
  Id placement_id = 0;
  core::Date date;
  core::Minutes minutes = 0;
  std::string activity;
  store::EntryStatus status = store::EntryStatus::submitted;
  std::string correction_reason;
};

}  // namespace bpv::portal
