#pragma once

#include <bpv/core/calendar.hpp>
#include <bpv/core/error.hpp>
#include <bpv/core/rules.hpp>
#include <bpv/store/store.hpp>

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace bpv::portal {

// What the rule checks take from the configuration.
struct RuleCheckSettings {
  core::RuleSettings rules;
  std::string default_calendar{core::k_default_calendar};  // placements that chose none
};

// A stable text of `settings`: a rule run under other settings must check everything again.
std::string fingerprint(const RuleCheckSettings& settings);

// The weeks a check of changed weeks judges for one placement (RuleChecker::window) and the
// days it reads for them.
struct WeekWindow {
  core::PlacementFacts facts;  // the placement's, with its exceptions
  core::Date read_from;        // the hours read: the judged weeks and what they depend on
  core::Date read_to;
  core::WeekRange judged;      // the weeks whose flags are judged again
};

// What a check of a window reads: the hours and the open flags of the judged weeks.
struct WindowRead {
  std::vector<core::DayHours> days;
  std::vector<store::FlagRecord> open;
};

// Checks placements against the rules of lib/bpv/core/rules.hpp and stores what it finds as
// flags. Used by the Portal after each change of hours and by the violations job. Calendars and
// exceptions are read once per checker and kept.
class RuleChecker {
 public:
  RuleChecker(store::Store& store, RuleCheckSettings settings);

  // The flags of `placement` with the hours `days`, as of `today`.
  Result<std::vector<core::Flag>> find(const store::RulePlacement& placement,
                                       std::span<const core::DayHours> days, core::Date today);
  // Checks `placement` with its stored hours and stores its flags (store::Store::sync_flags).
  Result<store::FlagSync> check(const store::RulePlacement& placement, core::Date today,
                                core::Instant now);
  // The same with hours already read.
  Result<store::FlagSync> check(const store::RulePlacement& placement,
                                std::span<const core::DayHours> days, core::Date today,
                                core::Instant now);
  // Checking only the weeks from `first_monday` through `last_monday` (whose entries changed, or
  // which ended since the last run) and, while the young-worker rule can still cover the
  // student, the three weeks after them (whose four-week totals they count in), in three steps
  // so that the reads can run on another connection: the window, its reads (the hours from
  // read_from through read_to, the open flags of the judged weeks), and
  // the check, which stores the window's flags; the flags of other weeks stay as they are.
  Result<WeekWindow> window(const store::RulePlacement& placement, core::Date first_monday,
                            core::Date last_monday);
  Result<store::FlagSync> check_window(const store::RulePlacement& placement, const WeekWindow& window,
                                       const WindowRead& read, core::Date today, core::Instant now);

  // The days of `week` on which `placement` was expected to work (core::expected_working_days
  // with its calendar and exceptions): 0 in a school vacation, for instance.
  Result<int> working_days(const store::RulePlacement& placement, core::IsoWeek week);

  // Placements whose calendar is not loaded (`bpv calendar import`): checked without school
  // vacations. Their names, with how many placements use each.
  const std::map<std::string, int>& missing_calendars() const { return m_missing_calendars; }

  // Reads every placement's exceptions in one query instead of one query per placement (for
  // runs over many placements).
  Result<void> preload_exceptions();

 private:
  Result<std::vector<core::Flag>> find(const store::RulePlacement& placement,
                                       const core::PlacementFacts& facts,
                                       std::span<const core::DayHours> days, core::Date today,
                                       const core::WeekRange& judged = {});
  Result<const core::Calendar*> calendar_of(const store::RulePlacement& placement);
  Result<core::PlacementFacts> facts_of(const store::RulePlacement& placement);

  store::Store& m_store;
  RuleCheckSettings m_settings;
  std::optional<core::Calendar> m_holidays;  // nl-holidays, once read
  bool m_holidays_read = false;
  std::map<std::string, std::optional<core::Calendar>, std::less<>> m_calendars;
  std::optional<std::map<store::Id, std::vector<std::pair<core::Date, core::Date>>>> m_exceptions;
  std::map<std::string, int> m_missing_calendars;
};

// One run of the violations job.
struct ViolationsRequest {
  bool full = false;     // check every placement, not only what changed
  core::Instant now{};   // the run's clock
  core::Date today;      // `now` in the configured time zone
  std::optional<store::JobRun> last;  // the last successful run, if any
  // Queued placements not read yet above which an incremental run reads every placement (in two
  // halves, one per connection) instead of one query for each.
  std::size_t read_all_above = 20000;
  // Placements per transaction in a run over many: short enough that writers waiting for the
  // database (busy timeout, 10 s) are never kept long (an incremental run checks 2,000
  // placements in about 50 ms, a full run in about 0.3 s), long enough that commits, and the
  // pauses of the reading thread around them, cost little. 0 counts as 1.
  std::size_t batch = 2000;
  // Called after each batch ends, before the next begins: where another process's write would
  // land while the run goes on. Tests write there from another connection.
  std::function<Result<void>()> between_batches;
};

struct ViolationsReport {
  bool full = false;
  std::string why;             // why this run checked what it checked
  int placements_checked = 0;
  store::FlagSync changes;     // summed over the placements checked, with counts per code
  std::map<std::string, int> missing_calendars;
};

// Checks what changed since `request.last` (or everything) and stores the flags, committing in
// batches. The caller holds the job's lock. With `dry_run` everything is rolled back and the
// report says what a real run would have changed. With `reader`, a second connection to the
// same database, an incremental run reads the placements whose weeks ended while this one reads
// the queue, and then shares the reads of hours and flags between a second thread on `reader`,
// which reads on into the next batch while this one commits, and this one, which checks and
// writes.
Result<ViolationsReport> run_violations(store::Store& store, const RuleCheckSettings& settings,
                                        const ViolationsRequest& request, bool dry_run,
                                        store::Store* reader = nullptr);

}  // namespace bpv::portal
