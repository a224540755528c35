#pragma once

#include <bpv/core/calendar.hpp>
#include <bpv/core/date.hpp>
#include <bpv/core/hours.hpp>
#include <bpv/core/week.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bpv::core {

// How much a flag matters. Info never blocks an approval; warnings and errors may (config).
enum class Severity { info, warning, error };

// `info`, `warning`, `error`.
std::string_view to_string(Severity severity);

// The rule checks of DESIGN.md (R2, R3) and issue 4, one per flag code.
enum class Rule {
  overtime_day,
  overtime_week,
  school_vacation,
  public_holiday,
  outside_placement,
  young_worker,
  missing_week,
};

struct RuleInfo {
  Rule rule;
  std::string_view code;  // `OVERTIME_DAY`: stable, in JSON, stored with the flag
  Severity severity;
  std::string_view description;  // one line, for `--help` texts and documentation
};

// Every rule, in the order of the Rule enum.
extern const std::array<RuleInfo, 7> k_rules;

const RuleInfo& rule_info(Rule rule);
// The rule whose code is `code` (any case); null when none is.
const RuleInfo* find_rule(std::string_view code);

// One broken rule. A day's flag has a date and no week; a week's flag (OVERTIME_WEEK,
// MISSING_WEEK, YOUNG_WORKER over a week) has a week and no date. There is at most one flag per
// code and date, and per code and week.
struct Flag {
  std::string_view code;  // points into k_rules
  Severity severity = Severity::info;
  std::optional<Date> date;
  std::optional<IsoWeek> week;
  std::string detail;  // English, concrete: `10:00 hours, agreed 8:00 a day`

  bool operator==(const Flag&) const = default;

  // The Monday of the ISO week the flag belongs to (its week, or its day's week).
  Date week_monday() const { return week ? week->monday() : IsoWeek::of(*date).monday(); }
};

// The limits for workers up to and including `max_age` years old (and older than the band
// below).
struct YoungWorkerBand {
  int max_age;
  Minutes max_day;
  Minutes max_week;
  Minutes max_four_weeks;
};

// Arbeidstijdenwet, ages 16 and 17: 9 hours a shift, 45 a week, 160 in four weeks.
constexpr YoungWorkerBand k_young_worker_16_17 = {17, 9 * 60, 45 * 60, 160 * 60};

// Which rules run, and their thresholds (the `rules:` section of the configuration).
struct RuleSettings {
  Minutes default_day_minutes = 8 * 60;  // when the placement agreed no hours per day
  Minutes day_tolerance = 0;             // OVERTIME_DAY only above agreed + tolerance
  Minutes week_tolerance = 0;            // OVERTIME_WEEK only above agreed + tolerance
  std::vector<YoungWorkerBand> young_worker_bands = {k_young_worker_16_17};

  bool is_on(Rule rule) const { return m_enabled[static_cast<std::size_t>(rule)]; }
  void enable(Rule rule) { m_enabled[static_cast<std::size_t>(rule)] = true; }
  void disable(Rule rule) { m_enabled[static_cast<std::size_t>(rule)] = false; }

 private:
  std::array<bool, 7> m_enabled = {true, true, true, true, true, true, true};
};

// What the rules need to know of one placement.
struct PlacementFacts {
  Date start;
  Date end;
  Minutes week_minutes = 0;  // agreed hours per week; 0 when none were agreed (no OVERTIME_WEEK)
  std::optional<Minutes> day_minutes;   // agreed hours per day; RuleSettings' default when none
  std::optional<Date> birth_date;       // no YOUNG_WORKER checks when unknown
  bool vacation_hours_allowed = false;  // R3 exception for the whole placement
  std::vector<std::pair<Date, Date>> vacation_exceptions;  // R3 exceptions, inclusive ranges
};

// The days of `week` (Monday to Friday) inside the placement on which work was expected: not a
// public holiday, and not a school vacation day unless vacation hours were allowed on it.
int expected_working_days(const PlacementFacts& facts, const Calendar& calendar, IsoWeek week);

// The hours recorded on one day.
struct DayHours {
  Date date;
  Minutes minutes = 0;
};

// The weeks whose Mondays lie from `first_monday` through `last_monday`; by default all of them.
struct WeekRange {
  Date first_monday = Date::from_ymd(1, 1, 1);
  Date last_monday = Date::from_ymd(9999, 12, 31);
};

// Checks the entries of one placement against every rule switched on in `settings`, on `today`.
// `entries` should be sorted by date (they are sorted here when not); entries on the same date
// count as one day. `calendar` is the placement's calendar with the national public holidays
// added (Calendar::add_holidays_from). Flags come ordered by ISO week; within a week the day flags
// by date, then the week's flags; each by code.
//
// MISSING_WEEK: a week whose Sunday lies before `today`, with a weekday (Monday to Friday) inside
// the placement, no entries, and at least one such weekday on which work was expected: not a
// public holiday, and not a vacation day unless vacation hours were allowed on it.
// YOUNG_WORKER: counts only the hours of days on which a band covers the student's age (by
// default: younger than 18). A week, and the four consecutive ISO weeks ending with it, are judged
// by the band of the week's first such day; the flag goes to that last week. The legal limits
// take no tolerance.
// With `judged`, MISSING_WEEK looks only at those weeks (the caller checking part of a
// placement passes the entries of those weeks, and keeps only their flags).
std::vector<Flag> check_placement(const PlacementFacts& facts, std::span<const DayHours> entries,
                                  const Calendar& calendar, const RuleSettings& settings,
                                  Date today, const WeekRange& judged = {});

// The band that applies at `age`: the one with the lowest max_age not below it. Null when none
// does (an adult under the default bands).
const YoungWorkerBand* young_worker_band(std::span<const YoungWorkerBand> bands, int age);

// Whether YOUNG_WORKER can flag anything of the student on `from` or later: the rule is on, the
// birth date is known, and on `from` some band still covers the student's age (ages only grow).
// When not, every flag of a week depends on that week's hours alone.
bool young_worker_applies_from(const PlacementFacts& facts, const RuleSettings& settings, Date from);

}  // namespace bpv::core
