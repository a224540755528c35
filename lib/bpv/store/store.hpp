#pragma once

#include <bpv/core/calendar.hpp>
#include <bpv/core/error.hpp>
#include <bpv/core/rules.hpp>
#include <bpv/store/types.hpp>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
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
  // A read transaction, for many reads in a row: they see one state of the database (taken at
  // the first of them) and share their work on it. end_read() ends it. Never for writes.
  virtual Result<void> begin_read() = 0;
  virtual void end_read() = 0;
  // A number that changes when another connection commits (PRAGMA data_version), not when this
  // one does: equal at two moments, nobody else changed the database in between.
  virtual Result<std::int64_t> data_version() = 0;
  // Another connection to the same database, for work on another thread (the violations job
  // reads on one while it checks and writes on this one).
  virtual Result<std::unique_ptr<Store>> open_another() = 0;

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
  virtual Result<std::vector<AuditRecord>> list_audit(const AuditQuery& query) = 0;

  // Signing in.
  virtual Result<std::optional<UserCredentials>> find_credentials(std::string_view email) = 0;
  virtual Result<std::vector<UserCredentials>> list_users() = 0;
  // Records a failed sign-in: the new count and, when the account is now locked, until when.
  virtual Result<void> record_login_failure(Id user, int failed_logins,
                                            std::optional<core::Instant> locked_until,
                                            core::Instant now) = 0;
  virtual Result<void> record_login_success(Id user, core::Instant now) = 0;
  virtual Result<void> set_password_hash(Id user, std::string_view hash, bool must_change,
                                         core::Instant now) = 0;
  virtual Result<void> set_user_disabled(Id user, bool disabled, core::Instant now) = 0;
  virtual Result<void> insert_session(Id user, std::string_view token_hash, core::Instant now,
                                      core::Instant expires_at) = 0;
  virtual Result<std::optional<SessionRecord>> find_session(std::string_view token_hash) = 0;
  virtual Result<void> revoke_session(std::string_view token_hash, core::Instant now) = 0;
  virtual Result<void> revoke_sessions_of(Id user, core::Instant now) = 0;

  // Placements with their people, ordered by student number and start date.
  virtual Result<std::vector<PlacementRecord>> find_placements(const PlacementQuery& query) = 0;
  // The same one at a time, for a whole college (the statement stays open meanwhile: `each`
  // may run other queries, but not write).
  virtual Result<void> each_placement(const PlacementQuery& query,
                                      const std::function<Result<void>(PlacementRecord&&)>& each) = 0;
  // The same placements with only what the rule checks read, by id.
  virtual Result<std::vector<RulePlacement>> rule_placements(const PlacementQuery& query) = 0;

  // Entries and their weeks.
  virtual Result<std::vector<WeekTotals>> week_totals(Id placement) = 0;
  // All entries of a placement summed: total and approved minutes (week fields unused).
  virtual Result<WeekTotals> placement_totals(Id placement) = 0;
  virtual Result<std::vector<EntryRecord>> entries_between(Id placement, core::Date from,
                                                           core::Date to) = 0;
  virtual Result<std::optional<EntryRecord>> find_entry(Id placement, core::Date date) = 0;
  virtual Result<void> insert_entry(const EntryRecord& entry, core::Instant now) = 0;
  // Changes minutes, activity and status of the entry at (placement, date).
  virtual Result<void> update_entry(const EntryRecord& entry, core::Instant now) = 0;
  virtual Result<void> delete_entry(Id placement, core::Date date) = 0;
  // Approves the submitted entries from `from` through `to`; returns how many.
  virtual Result<int> approve_entries(Id placement, core::Date from, core::Date to, Id approver,
                                      core::Instant now) = 0;
  // Moves entries from `from` through `to` with status `old_status` to `new_status` (clearing
  // approval when leaving approved); returns how many.
  virtual Result<int> change_entry_status(Id placement, core::Date from, core::Date to,
                                          EntryStatus old_status, EntryStatus new_status,
                                          core::Instant now) = 0;

  // Correction requests.
  virtual Result<Id> insert_correction(const CorrectionRecord& correction) = 0;
  // Open requests of weeks whose Monday lies from `from` through `to`.
  virtual Result<std::vector<CorrectionRecord>> open_corrections(Id placement, core::Date from,
                                                                 core::Date to) = 0;
  virtual Result<void> resolve_correction(Id correction, std::string_view resolution,
                                          core::Instant now) = 0;

  // Positions and companies.
  virtual Result<std::vector<Company>> companies_of_trainer(Id trainer) = 0;
  virtual Result<std::vector<Company>> find_companies(std::string_view name) = 0;
  virtual Result<Id> insert_position(const PositionRecord& position, core::Instant now) = 0;
  // Positions of `company` (all companies when empty), open ones unless `include_closed`.
  virtual Result<std::vector<PositionRecord>> list_positions(std::optional<Id> company,
                                                             bool include_closed) = 0;
  virtual Result<std::optional<PositionRecord>> find_position(Id position) = 0;
  virtual Result<void> close_position(Id position, core::Instant now) = 0;

  // School calendars. save_calendar replaces everything stored under the calendar's name.
  virtual Result<std::optional<core::Calendar>> load_calendar(std::string_view name) = 0;
  virtual Result<void> save_calendar(const core::Calendar& calendar,
                                     const std::optional<std::string>& region, core::Instant now) = 0;
  virtual Result<std::vector<CalendarSummary>> list_calendars() = 0;
  // The calendar of `company`'s placements that chose none themselves (none: the default).
  virtual Result<void> set_company_calendar(Id company, const std::optional<std::string>& calendar,
                                            core::Instant now) = 0;

  // Exceptions to R3: of one placement, or of every placement when none is given.
  virtual Result<Id> insert_vacation_exception(const VacationException& exception) = 0;
  virtual Result<std::vector<VacationException>> vacation_exceptions(std::optional<Id> placement) = 0;

  // The hours of every day of a placement (from `from` through `to` when given), by date: what
  // the rule checks read.
  virtual Result<std::vector<core::DayHours>> day_hours(Id placement, std::optional<core::Date> from = std::nullopt,
                                                        std::optional<core::Date> to = std::nullopt) = 0;
  // Calls `visit` with the hours of every placement that has any, placement by placement, in
  // one pass over the entries.
  virtual Result<void> each_placement_day_hours(
      const std::function<Result<void>(Id placement, std::span<const core::DayHours>)>& visit) = 0;

  // Flags.
  virtual Result<std::vector<FlagRecord>> find_flags(const FlagQuery& query) = 0;
  // Makes `found` the open flags of `placement` where `open` were: an open flag found again
  // stays open (its first_seen kept, its detail updated), a new one is opened at `now`, one of
  // `open` not found is resolved at `now`. `open` are the placement's open flags in the weeks
  // that were checked (find_flags).
  virtual Result<FlagSync> sync_flags(Id placement, std::span<const core::Flag> found,
                                      std::span<const FlagRecord> open, core::Instant now) = 0;
  // How many flags are open, by code, of one placement or (nullopt) of every placement.
  virtual Result<std::map<std::string, int>> open_flag_counts(std::optional<Id> placement) = 0;

  // What the violations job must check again, by placement. The store adds the week of every
  // entry written and the whole placement when its agreement changes; the job removes a
  // placement when it has stored its flags.
  virtual Result<std::vector<DueCheck>> rule_checks_due() = 0;
  // The whole placement.
  virtual Result<void> mark_rule_check_due(Id placement) = 0;
  virtual Result<void> mark_all_rule_checks_due() = 0;
  virtual Result<void> clear_rule_check_due(Id placement) = 0;

  // Job runs and locks.
  virtual Result<Id> insert_job_run(const JobRun& run) = 0;
  virtual Result<void> finish_job_run(Id run, std::string_view outcome, std::string_view counts,
                                      std::string_view message, core::Instant now) = 0;
  // The runs of `job` (all jobs when empty), newest first, at most `limit`.
  virtual Result<std::vector<JobRun>> job_runs(std::optional<std::string> job, int limit) = 0;
  // The newest run of `job` that succeeded and was not a dry run.
  virtual Result<std::optional<JobRun>> last_successful_run(std::string_view job) = 0;
  virtual Result<std::optional<JobLock>> find_job_lock(std::string_view job) = 0;
  // Takes the lock: fails (refused) when someone holds it.
  virtual Result<void> insert_job_lock(const JobLock& lock) = 0;
  virtual Result<void> delete_job_lock(std::string_view job, Id run) = 0;

  // The mail outbox. enqueue_mail inserts unless a message with the same key exists: true when
  // it was new.
  virtual Result<bool> enqueue_mail(const OutboxMessage& message) = 0;
  virtual Result<bool> mail_key_exists(std::string_view key) = 0;
  // Pending messages due at `now` (next_attempt_at <= now) with an id above `after`, oldest first.
  virtual Result<std::vector<OutboxMessage>> due_mail(core::Instant now, Id after, int limit) = 0;
  // Messages by status (all when empty), newest first.
  virtual Result<std::vector<OutboxMessage>> list_outbox(std::optional<std::string> status,
                                                         int limit) = 0;
  virtual Result<OutboxCounts> outbox_counts(core::Instant now) = 0;
  // Delivered: status sent; the body is emptied when `forget_body` (it held a password).
  virtual Result<void> mark_mail_sent(Id message, core::Instant now, bool forget_body) = 0;
  // A failed attempt: the error, the attempt count, the next try; `give_up` marks it failed
  // (and empties a welcome mail's body: its password will not be sent).
  virtual Result<void> mark_mail_attempt(Id message, int attempts, std::string_view error,
                                         core::Instant next_attempt_at, bool give_up) = 0;

  // The weeks with entries that are not approved, of placements ending on or after
  // `ending_from`, whose Monday is on or before `last_monday`: by placement, then week.
  virtual Result<std::vector<WaitingWeek>> waiting_weeks(core::Date ending_from,
                                                         core::Date last_monday) = 0;
  // For the rest of this connection, read through a small page cache only (no memory-mapped
  // file): a process reading a whole college (an export) keeps its memory flat.
  virtual Result<void> limit_memory() = 0;
  // For the rest of this connection, read pages through the page cache only (no memory-mapped
  // file): a process writing many rows in one transaction (an import, a full rule check) then
  // finds its pages in the cache instead of searching the write-ahead log on every page read.
  virtual Result<void> prepare_bulk_write() = 0;

  // Exports: every entry matching `query`, by placement and date, streamed to `row` (which may
  // stop the stream by failing); and how many there are.
  virtual Result<void> each_export_entry(const ExportQuery& query,
                                         const std::function<Result<void>(const ExportEntry&)>& row) = 0;
  virtual Result<std::int64_t> count_export_entries(const ExportQuery& query) = 0;

  // The contacts of the placements ending on or after `ending_from`, by placement id.
  virtual Result<std::vector<PlacementContact>> placement_contacts(core::Date ending_from) = 0;
  // The placements running on some day of [from, to] with no entry in it.
  virtual Result<std::vector<Id>> placements_without_entries(core::Date from, core::Date to) = 0;

  // The enabled users, with when they were last invited; `only_new`: only those without a
  // password who were never invited (bpv users invite --all-new).
  virtual Result<std::vector<Invitee>> invitees(bool only_new) = 0;
  virtual Result<void> set_invited(Id user, core::Instant now) = 0;

  virtual Result<TableCounts> table_counts() = 0;
};

// Runs `work` in a transaction of `store`: commits when it succeeds, rolls back when it fails.
Result<void> in_transaction(Store& store, const std::function<Result<void>()>& work);

// `2026-11-29T14:00:00Z`: how instants are stored.
std::string format_instant_utc(core::Instant instant);

}  // namespace bpv::store
