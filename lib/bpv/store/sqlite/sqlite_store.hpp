#pragma once

#include <bpv/store/store.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <vector>

namespace bpv::store::sqlite {

class Database;

enum class OpenMode { existing, create_new };

// Opens the bpv database at `path` and brings its schema up to date. `create_new` creates the
// file and refuses (refused) when it exists; `existing` fails when it does not. A database
// whose schema is newer than this binary is refused.
Result<std::unique_ptr<Store>> open_store(const std::filesystem::path& path, OpenMode mode);

// The schema version this binary writes.
int latest_schema_version();

// For a process that reads and writes much (bpv-jobs): the page caches of all its connections
// share one block of `bytes`, taken at once on huge pages where the kernel gives them on
// request (otherwise nothing changes); once it is nearly full, SQLite reuses the least recently
// used pages rather than take more memory. Every page a cache takes is otherwise a fresh page of
// memory, whose first touch is a page fault (see bpv/process/memory.hpp). Call before the first
// open_store.
void reserve_page_cache(std::size_t bytes);

// The Store over one SQLite connection. Its methods live in sqlite_*.cpp by area.
class SqliteStore final : public Store {
 public:
  explicit SqliteStore(std::unique_ptr<Database> db);
  ~SqliteStore() override;

  int schema_version() override;
  Result<void> begin() override;
  Result<void> commit() override;
  void rollback() override;
  Result<void> begin_read() override;
  void end_read() override;
  Result<std::int64_t> data_version() override;
  Result<std::unique_ptr<Store>> open_another() override;

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
  Result<std::vector<AuditRecord>> list_audit(const AuditQuery& query) override;

  Result<std::optional<UserCredentials>> find_credentials(std::string_view email) override;
  Result<std::vector<UserCredentials>> list_users() override;
  Result<void> record_login_failure(Id user, int failed_logins,
                                    std::optional<core::Instant> locked_until,
                                    core::Instant now) override;
  Result<void> record_login_success(Id user, core::Instant now) override;
  Result<void> set_password_hash(Id user, std::string_view hash, bool must_change,
                                 core::Instant now) override;
  Result<void> set_user_disabled(Id user, bool disabled, core::Instant now) override;
  Result<void> insert_session(Id user, std::string_view token_hash, core::Instant now,
                              core::Instant expires_at) override;
  Result<std::optional<SessionRecord>> find_session(std::string_view token_hash) override;
  Result<void> revoke_session(std::string_view token_hash, core::Instant now) override;
  Result<void> revoke_sessions_of(Id user, core::Instant now) override;

  Result<std::vector<PlacementRecord>> find_placements(const PlacementQuery& query) override;
  Result<std::vector<RulePlacement>> rule_placements(const PlacementQuery& query) override;
  Result<void> each_placement(const PlacementQuery& query,
                              const std::function<Result<void>(PlacementRecord&&)>& each) override;

  Result<std::vector<WeekTotals>> week_totals(Id placement) override;
  Result<WeekTotals> placement_totals(Id placement) override;
  Result<std::vector<EntryRecord>> entries_between(Id placement, core::Date from,
                                                   core::Date to) override;
  Result<std::optional<EntryRecord>> find_entry(Id placement, core::Date date) override;
  Result<void> insert_entry(const EntryRecord& entry, core::Instant now) override;
  Result<void> update_entry(const EntryRecord& entry, core::Instant now) override;
  Result<void> delete_entry(Id placement, core::Date date) override;
  Result<int> approve_entries(Id placement, core::Date from, core::Date to, Id approver,
                              core::Instant now) override;
  Result<int> change_entry_status(Id placement, core::Date from, core::Date to,
                                  EntryStatus old_status, EntryStatus new_status,
                                  core::Instant now) override;

  Result<Id> insert_correction(const CorrectionRecord& correction) override;
  Result<std::vector<CorrectionRecord>> open_corrections(Id placement, core::Date from,
                                                         core::Date to) override;
  Result<void> resolve_correction(Id correction, std::string_view resolution,
                                  core::Instant now) override;

  Result<std::vector<Company>> companies_of_trainer(Id trainer) override;
  Result<std::vector<Company>> find_companies(std::string_view name) override;
  Result<Id> insert_position(const PositionRecord& position, core::Instant now) override;
  Result<std::vector<PositionRecord>> list_positions(std::optional<Id> company,
                                                     bool include_closed) override;
  Result<std::optional<PositionRecord>> find_position(Id position) override;
  Result<void> close_position(Id position, core::Instant now) override;
  Result<bool> enqueue_mail(const OutboxMessage& message) override;
  Result<bool> mail_key_exists(std::string_view key) override;
  Result<std::vector<OutboxMessage>> due_mail(core::Instant now, Id after, int limit) override;
  Result<std::vector<OutboxMessage>> list_outbox(std::optional<std::string> status, int limit) override;
  Result<OutboxCounts> outbox_counts(core::Instant now) override;
  Result<void> mark_mail_sent(Id message, core::Instant now, bool forget_body) override;
  Result<void> mark_mail_attempt(Id message, int attempts, std::string_view error,
                                 core::Instant next_attempt_at, bool give_up) override;
  Result<std::vector<WaitingWeek>> waiting_weeks(core::Date ending_from, core::Date last_monday) override;
  Result<std::vector<Id>> placements_without_entries(core::Date from, core::Date to) override;
  Result<std::vector<PlacementContact>> placement_contacts(core::Date ending_from) override;
  Result<void> limit_memory() override;
  Result<void> prepare_bulk_write() override;
  Result<void> each_export_entry(const ExportQuery& query,
                                 const std::function<Result<void>(const ExportEntry&)>& row) override;
  Result<std::int64_t> count_export_entries(const ExportQuery& query) override;
  Result<std::vector<Invitee>> invitees(bool only_new) override;
  Result<void> set_invited(Id user, core::Instant now) override;

  Result<TableCounts> table_counts() override;

  Result<std::optional<core::Calendar>> load_calendar(std::string_view name) override;
  Result<void> save_calendar(const core::Calendar& calendar, const std::optional<std::string>& region,
                             core::Instant now) override;
  Result<std::vector<CalendarSummary>> list_calendars() override;
  Result<void> set_company_calendar(Id company, const std::optional<std::string>& calendar,
                                    core::Instant now) override;
  Result<Id> insert_vacation_exception(const VacationException& exception) override;
  Result<std::vector<VacationException>> vacation_exceptions(std::optional<Id> placement) override;
  Result<std::vector<core::DayHours>> day_hours(Id placement, std::optional<core::Date> from,
                                                std::optional<core::Date> to) override;
  Result<void> each_placement_day_hours(
      const std::function<Result<void>(Id placement, std::span<const core::DayHours>)>& visit) override;
  Result<std::vector<FlagRecord>> find_flags(const FlagQuery& query) override;
  Result<FlagSync> sync_flags(Id placement, std::span<const core::Flag> found,
                              std::span<const FlagRecord> open, core::Instant now) override;
  Result<std::map<std::string, int>> open_flag_counts(std::optional<Id> placement) override;
  Result<std::vector<DueCheck>> rule_checks_due() override;
  Result<void> mark_rule_check_due(Id placement) override;
  Result<void> mark_all_rule_checks_due() override;
  Result<void> clear_rule_check_due(Id placement) override;

  Result<Id> insert_job_run(const JobRun& run) override;
  Result<void> finish_job_run(Id run, std::string_view outcome, std::string_view counts,
                              std::string_view message, core::Instant now) override;
  Result<std::vector<JobRun>> job_runs(std::optional<std::string> job, int limit) override;
  Result<std::optional<JobRun>> last_successful_run(std::string_view job) override;
  Result<std::optional<JobLock>> find_job_lock(std::string_view job) override;
  Result<void> insert_job_lock(const JobLock& lock) override;
  Result<void> delete_job_lock(std::string_view job, Id run) override;

 private:
  // Adds the week of `date` of `placement` to the rule checks due. Inside a transaction the
  // weeks are gathered in memory and written once per placement when it commits (an import
  // writes millions of entries).
  Result<void> note_entries_changed(Id placement, core::Date date);
  // Adds weeks (or with `whole` the whole placement) to the placement's row of rule_checks_due.
  Result<void> write_due(Id placement, bool whole, std::optional<core::Date> first,
                         std::optional<core::Date> last);

  std::unique_ptr<Database> m_db;
  bool m_in_transaction = false;
  // What this transaction queued for the rule checks, written when it commits: per placement
  // the whole of it, or the weeks (first and last Monday) whose entries changed.
  struct PendingDue {
    bool whole = false;
    std::optional<core::Date> first;
    std::optional<core::Date> last;
  };
  std::map<Id, PendingDue> m_pending_due;
  std::map<Id, PendingDue>::iterator m_last_due = m_pending_due.end();  // the last one touched
  // The placements whose rule_checks_due rows this transaction removes, removed in one statement
  // when it commits (the violations job clears hundreds per transaction).
  std::vector<Id> m_cleared_due;
  // Resets what a transaction collects for its commit.
  void forget_pending();
};

class Statement;

// How instants are stored: seconds since 1970-01-01 UTC.
inline std::int64_t stamp(core::Instant instant) { return instant.time_since_epoch().count(); }

// Reading back what stamp() and Date::to_string() wrote: column `index` of the current row.
core::Instant column_instant(const Statement& stmt, int index);
std::optional<core::Instant> column_optional_instant(const Statement& stmt, int index);
Result<core::Date> column_date(const Statement& stmt, int index);
Result<std::optional<core::Date>> column_optional_date(const Statement& stmt, int index);

// One placement's flags are read week by week: the flags table is keyed by week first (schema
// version 4). This CTE, `weeks(monday)`, holds the Mondays of the placement ?1 from ?2 through
// ?3 that lie inside its flag span (flag_spans); join
// `flags f ON f.week_monday = weeks.monday AND f.placement_id = ?1` to it, weeks first.
extern const char* const k_placement_flag_weeks;
// Binds ?1 to ?3 of k_placement_flag_weeks: the weeks whose Monday lies from `from` through `to`
// (any days; unset: no limit).
Statement& bind_placement_flag_weeks(Statement& stmt, Id placement, std::optional<core::Date> from,
                                     std::optional<core::Date> to);

}  // namespace bpv::store::sqlite
