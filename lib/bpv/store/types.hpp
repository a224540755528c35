#pragma once

#include <bpv/core/date.hpp>
#include <bpv/core/error.hpp>
#include <bpv/core/hours.hpp>
#include <bpv/core/rules.hpp>
#include <bpv/core/time_zone.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

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
  std::optional<std::string> calendar;  // the placement's own school calendar
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

// A user with what signing in needs.
struct UserCredentials {
  User user;
  std::optional<std::string> password_hash;
  bool must_change_password = false;
  int failed_logins = 0;
  std::optional<core::Instant> locked_until;
};

struct SessionRecord {
  Id session_id = 0;
  User user;
  core::Instant expires_at{};
  std::optional<core::Instant> revoked_at;
};

// A placement with its student, company, trainer and supervisor.
struct PlacementRecord {
  Id id = 0;
  Id student_id = 0;
  Id student_user_id = 0;
  std::string student_number;
  std::string student_name;
  std::string student_email;
  std::string student_phone;
  std::optional<core::Date> birth_date;
  std::string programme;
  std::string crebo;
  std::string level;
  std::string track;
  Id company_id = 0;
  std::string company_name;
  std::string company_city;
  Id trainer_id = 0;
  std::string trainer_name;
  std::string trainer_email;
  std::string trainer_phone;
  Id supervisor_id = 0;
  std::string supervisor_name;
  std::string supervisor_email;
  std::string supervisor_phone;
  core::Date start;
  core::Date end;
  core::Minutes contract_minutes = 0;
  core::Minutes week_minutes = 0;
  std::optional<core::Minutes> day_minutes;
  bool vacation_hours_allowed = false;
  // The calendar the placement chose, else its company's; empty when neither chose one.
  std::string calendar;
};

// What the rule checks read of a placement (Store::rule_placements): the rules' facts, without
// the vacation exceptions (read apart, for many placements at once), and which calendar.
struct RulePlacement : core::PlacementFacts {
  Id id = 0;
  std::string calendar;  // the placement's, else its company's; empty when neither chose one

  static RulePlacement of(const PlacementRecord& placement) {
    RulePlacement rules;
    rules.start = placement.start;
    rules.end = placement.end;
    rules.week_minutes = placement.week_minutes;
    rules.day_minutes = placement.day_minutes;
    rules.birth_date = placement.birth_date;
    rules.vacation_hours_allowed = placement.vacation_hours_allowed;
    rules.id = placement.id;
    rules.calendar = placement.calendar;
    return rules;
  }
};

// Which placements find_placements returns: all of them that match every field that is set.
struct PlacementQuery {
  std::optional<Id> trainer_id;
  std::optional<Id> supervisor_id;
  std::optional<Id> student_user_id;
  std::optional<Id> placement_id;
  std::optional<Id> first_id;               // only placements with an id from this one on
  std::optional<Id> last_id;                // only placements with an id up to this one
  std::optional<std::string> student;       // a student number or e-mail address
  std::optional<core::Date> ending_from;    // only placements ending on or after this date
  std::optional<core::Date> starting_until; // only placements starting on or before this date
  std::optional<std::string> company;       // a company name
  std::optional<std::string> programme;     // a programme name
};

// One day's hours as stored.
struct EntryRecord {
  Id placement_id = 0;
  core::Date date;
  core::Minutes minutes = 0;
  std::string activity;
  EntryStatus status = EntryStatus::submitted;
  std::optional<Id> approved_by;
  std::optional<core::Instant> approved_at;
};

// The entries of one placement in one ISO week, summed.
struct WeekTotals {
  Id placement_id = 0;
  core::Date monday;
  core::Minutes total_minutes = 0;
  core::Minutes approved_minutes = 0;
  core::Minutes correction_minutes = 0;  // of the entries sent back for correction
  int entries = 0;
  int approved = 0;
  int correction_requested = 0;
};

// A trainer's request to correct one entry (date) or the whole week of week_monday.
struct CorrectionRecord {
  Id id = 0;
  Id placement_id = 0;
  std::optional<core::Date> date;
  core::Date week_monday;
  std::string reason;
  Id requested_by = 0;
  core::Instant requested_at{};
};

struct AuditQuery {
  std::optional<Id> supervisor_id;  // only events of this supervisor's placements
  std::optional<Id> placement_id;
  std::optional<core::Instant> since;
};

struct AuditRecord {
  Id id = 0;
  core::Instant at{};
  std::string actor_email;
  std::string action;
  std::optional<Id> placement_id;
  std::string student_number;
  std::string subject;
  std::optional<std::string> before;
  std::optional<std::string> after;
};

struct PositionRecord {
  Id id = 0;
  Id company_id = 0;
  std::string company_name;
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
  std::string status = "open";
  std::optional<Id> created_by;
  core::Instant created_at{};
};

struct Company {
  Id id = 0;
  std::string name;
  std::string city;
};

// A rule check's finding as stored. A day's flag has a date; a week's flag has none.
struct FlagRecord {
  Id placement_id = 0;
  core::Date week_monday;
  std::optional<core::Date> date;
  std::string code;
  core::Severity severity = core::Severity::info;
  std::string detail;
  core::Instant first_seen{};
  std::optional<core::Instant> resolved_at;
};

// Which flags find_flags returns: those matching every field that is set, ordered by
// placement, week, date and code.
struct FlagQuery {
  std::optional<Id> placement_id;
  // Instead of one placement, those whose ids lie from `first` through `last`: for a run that
  // checks placements in id order and reads a few weeks of many (needs `from` and `to`, at most
  // eight weeks apart).
  std::optional<std::pair<Id, Id>> placement_ids;
  std::optional<std::string> code;
  bool open_only = false;
  std::optional<core::Date> from;  // weeks whose Monday lies from `from` ...
  std::optional<core::Date> to;    // ... through `to`
};

// What storing a placement's flags changed.
struct FlagSync {
  int opened = 0;    // found now, not open before
  int resolved = 0;  // open before, not found now
  int kept = 0;      // open before and still found
  std::map<std::string, int> opened_by_code;
  std::map<std::string, int> resolved_by_code;

  FlagSync& operator+=(const FlagSync& other) {
    opened += other.opened;
    resolved += other.resolved;
    kept += other.kept;
    for (const auto& [code, count] : other.opened_by_code) {
      opened_by_code[code] += count;
    }
    for (const auto& [code, count] : other.resolved_by_code) {
      resolved_by_code[code] += count;
    }
    return *this;
  }
};

// A placement the violations job must check again: the weeks whose entries changed (their
// Mondays, first and last), or the whole placement when `whole`.
struct DueCheck {
  Id placement_id = 0;
  bool whole = false;
  core::Date first_monday;
  core::Date last_monday;
};

// A loaded school calendar, for `bpv calendar list`.
struct CalendarSummary {
  std::string name;
  std::optional<std::string> region;
  int periods = 0;
  int holidays = 0;
  std::optional<core::Date> first;  // the first day of its first period or holiday
  std::optional<core::Date> last;   // the last day of its last period or holiday
  core::Instant updated_at{};
};

// An agreed exception to R3 (hours in a school vacation) for some days of one placement.
struct VacationException {
  Id id = 0;
  Id placement_id = 0;
  core::Date from;
  core::Date to;
  std::string reason;
  std::optional<Id> created_by;
  core::Instant created_at{};
};

// A mail in the outbox: enqueued by a job or the Portal, delivered by `bpv-jobs run send-mail`.
struct OutboxMessage {
  Id id = 0;
  std::string key;  // unique: recipient, kind and subject (placement, week); enqueued once
  std::string kind;
  std::string recipient;
  std::string recipient_name;
  std::string subject;
  std::string body;
  std::optional<Id> placement_id;
  core::Instant created_at{};
  std::string status = "pending";  // pending, sent, failed
  int attempts = 0;
  core::Instant next_attempt_at{};
  std::string last_error;
  std::optional<core::Instant> sent_at;
};

// What the outbox holds, by status.
struct OutboxCounts {
  int pending = 0;
  int due = 0;  // pending and due now
  int sent = 0;
  int failed = 0;
};

// One week of a placement with entries that are not approved (the reminders and escalations).
struct WaitingWeek {
  Id placement_id = 0;
  core::Date monday;
  core::Minutes minutes = 0;  // the week's entries that are not approved
  int entries = 0;            // not approved
  int correction_requested = 0;
};

// Who a placement's mails go to and are about (the reminder jobs): fewer fields than a
// PlacementRecord, so a whole college reads fast.
struct PlacementContact {
  Id placement_id = 0;
  std::string student_number;
  std::string student_name;
  std::string student_email;
  std::string company_name;
  Id trainer_id = 0;
  std::string trainer_name;
  std::string trainer_email;
  std::string supervisor_name;
  std::string supervisor_email;
};

// Which entries an export reads: those of [from, to] that match every filter that is set.
struct ExportQuery {
  core::Date from;
  core::Date to;
  std::optional<EntryStatus> status;
  std::optional<Id> trainer_id;     // the trainer's placements only
  std::optional<Id> supervisor_id;  // the supervisor's placements only
  std::optional<std::string> student;    // a student number or e-mail address
  std::optional<std::string> company;    // a company name
  std::optional<std::string> programme;  // a programme name
  bool with_activities = false;          // read the activity notes too (R5: only when asked)
};

// One entry of an export, as read: the text views are valid only during the callback.
struct ExportEntry {
  Id placement_id = 0;
  std::string_view student_number;
  std::string_view student_name;
  std::string_view programme;
  std::string_view company;
  std::string_view trainer;
  core::Date date;
  core::Minutes minutes = 0;
  EntryStatus status = EntryStatus::submitted;
  std::string_view approved_by;
  std::optional<core::Instant> approved_at;
  std::string_view activity;    // empty unless with_activities
  std::string_view open_flags;  // the codes of the day's and the week's open flags, by a space
};

// A user created without a password (by an import), for `bpv users invite --all-new`.
struct Invitee {
  Id id = 0;
  std::string email;
  std::string name;
  Role role = Role::student;
  std::optional<core::Instant> invited_at;
};

// One run of a bpv-jobs job.
struct JobRun {
  Id id = 0;
  std::string job;
  core::Instant started_at{};
  std::optional<core::Instant> finished_at;
  core::Instant clock{};  // the run's "now"
  bool dry_run = false;
  std::string outcome;    // running, succeeded, failed
  std::string counts;     // a JSON object
  std::string message;
};

// Who holds a job's lock.
struct JobLock {
  std::string job;
  Id run_id = 0;
  std::string host;
  std::int64_t pid = 0;
  core::Instant acquired_at{};
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
