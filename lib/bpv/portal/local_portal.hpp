#pragma once

#include <bpv/core/clock.hpp>
#include <bpv/core/time_zone.hpp>
#include <bpv/mail/templates.hpp>
#include <bpv/portal/portal.hpp>
#include <bpv/portal/rule_checks.hpp>
#include <bpv/store/store.hpp>

#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>

namespace bpv::portal {

// The rules the Portal applies that come from configuration.
struct PortalSettings {
  int grace_days = core::k_default_grace_days;  // R6
  int session_days = 30;
  int max_failed_logins = 5;
  int lockout_minutes = 15;
  RuleCheckSettings rules;      // the rule checks run after every change of hours
  bool block_on_flags = false;  // approval refused while a week has open warnings or errors
  std::filesystem::path mail_templates;  // overrides of the notification templates (mail.templates)
};

// Whose placements an export covers: all, or a trainer's, or a supervisor's.
struct ExportScope {
  std::optional<store::Id> trainer_id;
  std::optional<store::Id> supervisor_id;
};

// The exports' work, without the caller: LocalPortal checks who asks and calls these; the
// scheduled exports of bpv-jobs call them for the whole college.
Result<std::int64_t> write_hours_export(store::Store& store, const core::TimeZone& zone, core::Instant now,
                                        const ExportScope& scope, const ExportFilter& filter,
                                        exports::TableWriter& writer, const ExportProgress& progress);
Result<std::int64_t> write_summary_export(store::Store& store, const core::TimeZone& zone, core::Instant now,
                                          const ExportScope& scope, const ExportFilter& filter,
                                          exports::TableWriter& writer, const ExportProgress& progress);
// The Portal over a Store, for a caller identified by a session token (empty: not signed in).
class LocalPortal final : public Portal {
 public:
  LocalPortal(store::Store& store, const core::Clock& clock, const core::TimeZone& zone,
              PortalSettings settings, std::optional<std::string> token);
  ~LocalPortal() override;

  Result<Session> login(std::string_view email, std::string_view password,
                        std::optional<std::string_view> new_password = std::nullopt) override;
  Result<void> logout() override;
  Result<Actor> whoami() override;
  Result<void> change_password(std::string_view current, std::string_view replacement) override;

  Result<UserView> add_user(const NewUser& user) override;
  Result<void> set_password(std::string_view email, std::string_view password) override;
  Result<std::vector<UserView>> list_users() override;
  Result<void> disable_user(std::string_view email) override;
  Result<std::vector<Invitation>> invite_users(std::optional<std::string> email, bool dry_run) override;
  Result<std::int64_t> export_hours(const ExportFilter& filter, exports::TableWriter& writer,
                                    const ExportProgress& progress) override;
  Result<std::int64_t> export_summary(const ExportFilter& filter, exports::TableWriter& writer,
                                      const ExportProgress& progress) override;

  Result<std::vector<CalendarImport>> import_calendars(const std::vector<core::Calendar>& calendars,
                                                       std::optional<std::string> region,
                                                       DryRun dry_run) override;
  Result<std::vector<CalendarView>> list_calendars() override;
  Result<void> assign_calendar(std::string_view calendar, std::string_view company,
                               std::optional<std::string> city) override;
  Result<void> allow_vacation(StudentRef student, core::Date from, core::Date to,
                              std::string_view reason) override;
  Result<std::vector<Violation>> violations(const ViolationQuery& query) override;

  Result<Dashboard> dashboard() override;
  Result<std::vector<StudentSummary>> list_students(bool historical) override;
  Result<StudentDetail> show_student(StudentRef student) override;
  Result<Logbook> logbook(StudentRef student, const LogbookRange& range) override;

  Result<WeekApproval> approve_week(StudentRef student, core::IsoWeek week,
                                    std::optional<core::Minutes> expect_minutes) override;
  Result<std::vector<WeekApproval>> approve_all(std::optional<core::IsoWeek> week,
                                                CleanOnly clean_only, DryRun dry_run) override;
  Result<void> request_correction(StudentRef student, std::optional<core::Date> date,
                                  std::optional<core::IsoWeek> week, std::string_view reason) override;
  Result<void> withdraw_correction(StudentRef student, std::optional<core::Date> date,
                                   std::optional<core::IsoWeek> week) override;
  Result<void> reopen_week(StudentRef student, core::IsoWeek week, std::string_view reason) override;
  Result<std::vector<AuditRow>> audit(std::optional<std::string> student,
                                      std::optional<core::Date> since) override;

  Result<Position> add_position(const NewPosition& position) override;
  Result<std::vector<Position>> list_positions(bool include_closed) override;
  Result<Position> show_position(Id id) override;
  Result<void> close_position(Id id) override;

  Result<HoursEntry> add_hours(core::Date date, core::Minutes minutes, std::string_view activity,
                               std::optional<Id> placement) override;
  Result<HoursEntry> edit_hours(core::Date date, std::optional<core::Minutes> minutes,
                                std::optional<std::string> activity) override;
  Result<void> delete_hours(core::Date date) override;
  Result<std::vector<HoursEntry>> list_hours(std::optional<core::IsoWeek> week) override;

  Result<import::ImportReport> import_placements(const std::string& file,
                                                 import::DryRun dry_run) override;
  Result<import::ImportReport> import_hours(const std::string& file, import::DryRun dry_run) override;

 private:
  // The caller, from the session token; auth when there is none or it expired.
  Result<Actor> actor();
  // The caller, when their role is one of `roles`; forbidden otherwise.
  Result<Actor> require(std::initializer_list<Role> roles);
  core::Instant now() const { return m_clock.now(); }
  core::Date today() const { return m_zone.local_date(m_clock.now()); }
  // The placements `actor` may see, optionally of one student only and without ended ones.
  Result<std::vector<store::PlacementRecord>> visible_placements(const Actor& actor,
                                                                 std::optional<std::string> student,
                                                                 bool include_ended);
  // All of the caller's placements of `student`, by start date; not_found when there are none
  // (someone else's student is not found, as everywhere).
  Result<std::vector<store::PlacementRecord>> placements_of(const Actor& actor, StudentRef student);
  // The caller's placement of `student` that overlaps `period` (first, last), or the latest one
  // when no period is given; not_found when invisible, refused when none overlaps.
  Result<store::PlacementRecord> placement_of(
      const Actor& actor, StudentRef student,
      std::optional<std::pair<core::Date, core::Date>> period = std::nullopt);
  StudentSummary summarize(const store::PlacementRecord& placement,
                           const std::vector<store::WeekTotals>& weeks);
  // Decides (and unless `dry_run` carries out) the approval of one week.
  Result<WeekApproval> approve(const Actor& actor, const store::PlacementRecord& placement,
                               core::IsoWeek week, std::optional<core::Minutes> expect_minutes,
                               CleanOnly clean_only, DryRun dry_run);
  // Resolves the open correction requests of `placement` in the week of `date` whose entries
  // have all been changed.
  Result<void> resolve_corrected(const store::PlacementRecord& placement, core::Date date);
  // Runs the rule checks of `placement` and stores its flags (inside the caller's transaction).
  Result<void> check_rules(const store::PlacementRecord& placement);
  // The open flags of `placement` in the weeks from `first` through `last`.
  Result<std::vector<store::FlagRecord>> open_flags(Id placement, core::IsoWeek first, core::IsoWeek last);
  Result<void> audit_event(const Actor& actor, std::string action,
                           std::optional<store::Id> placement, std::string subject,
                           std::optional<std::string> before, std::optional<std::string> after);
  // Enqueues a notification mail (inside the caller's transaction); `subject` makes its key.
  Result<void> notify(std::string_view kind, const std::string& name, const std::string& email,
                      std::string_view subject, const mail::Values& values,
                      std::optional<store::Id> placement);
  // The student's own placement that holds `date` (or the chosen one).
  Result<store::PlacementRecord> own_placement(const Actor& actor, core::Date date,
                                               std::optional<Id> placement);

  store::Store& m_store;
  const core::Clock& m_clock;
  const core::TimeZone& m_zone;
  PortalSettings m_settings;
  std::optional<std::string> m_token;
  std::optional<Actor> m_actor;
  std::optional<mail::Templates> m_templates;  // read at the first notification
};

}  // namespace bpv::portal
