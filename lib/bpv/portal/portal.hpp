#pragma once

#include <bpv/core/error.hpp>
#include <bpv/import/import.hpp>
#include <bpv/export/table.hpp>
#include <bpv/portal/views.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bpv::portal {

// A student argument: a student number or an e-mail address.
using StudentRef = std::string_view;

// Which part of a logbook to show; empty shows the whole placement up to today.
struct LogbookRange {
  std::optional<core::IsoWeek> week;
  std::optional<core::Date> from;
  std::optional<core::Date> to;
};

struct NewUser {
  std::string email;
  std::string name;
  Role role = Role::student;
};

struct NewPosition {
  std::optional<std::string> company;  // required when the caller has several companies
  std::string title;
  std::string programme;
  std::string crebo;
  std::string level;
  std::string track;
  int places = 1;
  std::optional<core::Date> start;
  std::string description;
  std::string contact;
};

enum class DryRun { no, yes };
enum class CleanOnly { no, yes };

// An export's --status word: approved, submitted, correction, or all (none). Usage error naming
// `name` otherwise.
Result<std::optional<store::EntryStatus>> parse_export_status(std::string_view name, std::string_view text);

// Everything a user does, one method per action. Each method checks who is asking: a trainer
// acts on the placements where they are the trainer, a supervisor where they are the school
// supervisor, a student on their own, an admin on all. Someone else's student is not_found;
// an action the caller's role may not take is forbidden; without a valid session, auth.
// Changes are audited. Implemented over a Store (LocalPortal) and later over HTTP.
class Portal {
 public:
  virtual ~Portal() = default;

  // Sessions. login() checks the password (5 failures lock the account for 15 minutes) and
  // returns a new session; the caller stores its token. A one-time password (a welcome mail)
  // must be replaced at the first sign-in: without `new_password` the result says so and makes
  // no session; with it the password is changed and the session made.
  virtual Result<Session> login(std::string_view email, std::string_view password,
                                std::optional<std::string_view> new_password = std::nullopt) = 0;
  virtual Result<void> logout() = 0;
  virtual Result<Actor> whoami() = 0;
  // Changes the caller's own password after checking the current one.
  virtual Result<void> change_password(std::string_view current, std::string_view replacement) = 0;

  // Users (admins).
  virtual Result<UserView> add_user(const NewUser& user) = 0;
  virtual Result<void> set_password(std::string_view email, std::string_view password) = 0;
  virtual Result<std::vector<UserView>> list_users() = 0;
  virtual Result<void> disable_user(std::string_view email) = 0;
  // Welcome mails: gives `email` (or, when empty, every user without a password who was never
  // invited) a one-time password and enqueues the mail with it. A dry run changes nothing.
  virtual Result<std::vector<Invitation>> invite_users(std::optional<std::string> email, bool dry_run) = 0;

  // Exports: admins everything, supervisors and trainers their students' placements. Rows go
  // to `writer` as they are read; nothing changes. `export_hours` returns the rows written; for
  // a writer of several sheets (XLSX) a second sheet holds the summary.
  virtual Result<std::int64_t> export_hours(const ExportFilter& filter, exports::TableWriter& writer,
                                            const ExportProgress& progress) = 0;
  virtual Result<std::int64_t> export_summary(const ExportFilter& filter, exports::TableWriter& writer,
                                              const ExportProgress& progress) = 0;

  // What trainers, supervisors and admins see.
  virtual Result<Dashboard> dashboard() = 0;
  virtual Result<std::vector<StudentSummary>> list_students(bool historical) = 0;
  virtual Result<StudentDetail> show_student(StudentRef student) = 0;
  // Students see only their own: pass an empty StudentRef.
  virtual Result<Logbook> logbook(StudentRef student, const LogbookRange& range) = 0;

  // Approval (trainers, admins). Refused: an open correction (R7), a week not started, the
  // approval window closed (R6), `expect_minutes` not the week's total.
  virtual Result<WeekApproval> approve_week(StudentRef student, core::IsoWeek week,
                                            std::optional<core::Minutes> expect_minutes) = 0;
  // Every week awaiting approval of the caller's students (or only `week`).
  virtual Result<std::vector<WeekApproval>> approve_all(std::optional<core::IsoWeek> week,
                                                        CleanOnly clean_only, DryRun dry_run) = 0;
  // Sends one entry (date) or every entry of a week back to the student, with a reason.
  // Approved entries cannot be sent back (R8).
  virtual Result<void> request_correction(StudentRef student, std::optional<core::Date> date,
                                          std::optional<core::IsoWeek> week,
                                          std::string_view reason) = 0;
  virtual Result<void> withdraw_correction(StudentRef student, std::optional<core::Date> date,
                                           std::optional<core::IsoWeek> week) = 0;
  // Supervisors and admins: makes an approved week editable again (R8).
  virtual Result<void> reopen_week(StudentRef student, core::IsoWeek week, std::string_view reason) = 0;
  virtual Result<std::vector<AuditRow>> audit(std::optional<std::string> student,
                                              std::optional<core::Date> since) = 0;

  // Positions ("Stageplaatsen"): trainers manage their company's, admins all.
  virtual Result<Position> add_position(const NewPosition& position) = 0;
  virtual Result<std::vector<Position>> list_positions(bool include_closed) = 0;
  virtual Result<Position> show_position(Id id) = 0;
  virtual Result<void> close_position(Id id) = 0;

  // Students: their own hours. Refused: a date in the future, outside the placement, in an
  // approved week; changing an approved entry.
  virtual Result<HoursEntry> add_hours(core::Date date, core::Minutes minutes,
                                       std::string_view activity, std::optional<Id> placement) = 0;
  virtual Result<HoursEntry> edit_hours(core::Date date, std::optional<core::Minutes> minutes,
                                        std::optional<std::string> activity) = 0;
  virtual Result<void> delete_hours(core::Date date) = 0;
  virtual Result<std::vector<HoursEntry>> list_hours(std::optional<core::IsoWeek> week) = 0;

  // School calendars: admins import (each calendar replaces the school years the file names);
  // everyone signed in may list them.
  virtual Result<std::vector<CalendarImport>> import_calendars(const std::vector<core::Calendar>& calendars,
                                                               std::optional<std::string> region,
                                                               DryRun dry_run) = 0;
  virtual Result<std::vector<CalendarView>> list_calendars() = 0;
  // Admins: the calendar of a company's placements (those that chose none themselves). `city`
  // tells companies of the same name apart.
  virtual Result<void> assign_calendar(std::string_view calendar, std::string_view company,
                                       std::optional<std::string> city) = 0;
  // Supervisors and admins: hours of `student` from `from` through `to` may fall in a school
  // vacation (an agreed exception to R3).
  virtual Result<void> allow_vacation(StudentRef student, core::Date from, core::Date to,
                                      std::string_view reason) = 0;
  // Trainers, supervisors and admins: the flags of their students.
  virtual Result<std::vector<Violation>> violations(const ViolationQuery& query) = 0;

  // Imports (admins).
  virtual Result<import::ImportReport> import_placements(const std::string& file,
                                                         import::DryRun dry_run) = 0;
  virtual Result<import::ImportReport> import_hours(const std::string& file,
                                                    import::DryRun dry_run) = 0;
};

}  // namespace bpv::portal
