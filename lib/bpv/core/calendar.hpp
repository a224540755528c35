#pragma once

#include <bpv/core/date.hpp>
#include <bpv/core/error.hpp>

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bpv::core {

// A named run of days off, such as a school vacation; `first` and `last` are inclusive.
struct Period {
  std::string name;
  Date first;
  Date last;

  bool operator==(const Period&) const = default;
};

// A single named day off, such as a national public holiday.
struct Holiday {
  Date date;
  std::string name;

  bool operator==(const Holiday&) const = default;
};

// The three school vacation regions of the Netherlands.
constexpr std::array<std::string_view, 3> k_regions = {"noord", "midden", "zuid"};
// The calendar a placement uses when neither it, its company nor the configuration chooses one.
constexpr std::string_view k_default_calendar = "midden";
// The calendar that holds the national public holidays. Its holidays apply beside those of every
// other calendar (see Calendar::add_holidays_from).
constexpr std::string_view k_public_holidays_calendar = "nl-holidays";

// Whether `name` may name a calendar: 1 to 64 characters, lower-case letters and digits, with
// '-', '_' or '.' between them (`midden`, `roc-midden-nederland`, `nl-holidays`).
bool is_valid_calendar_name(std::string_view name);

// The school year (1 August to 31 July) that holds `date`, by the year it starts in: 2026 for
// 2026-08-01 to 2027-07-31.
int school_year_of(Date date);
// `2026-2027` for 2026.
std::string school_year_name(int start_year);
// Parses `2026-2027` (the second year one after the first) to 2026. Fails (usage) otherwise.
Result<int> parse_school_year(std::string_view text);
// 1 August of `start_year`.
inline Date school_year_first(int start_year) {
  return Date::from_ymd(start_year, 8, 1);
}
// 31 July of the year after `start_year`.
inline Date school_year_last(int start_year) {
  return Date::from_ymd(start_year + 1, 7, 31);
}

// A named school calendar (a region or a school's own): vacations and holidays. Lookups are
// binary searches, so checking millions of entries against one calendar stays cheap. Periods may
// overlap (an optional extra week beside a vacation).
class Calendar {
 public:
  Calendar() = default;
  explicit Calendar(std::string name) : m_name(std::move(name)) {}

  const std::string& name() const { return m_name; }

  // Adds `period`, replacing the period of the same name that starts in the same school year
  // (re-adding `herfstvakantie` 2026-2027 with corrected dates replaces the old one).
  void add_period(Period period);
  // Adds `holiday`, replacing the holiday on the same date.
  void add_holiday(Holiday holiday);
  // Takes over what `newer` says (a re-import): every school year in which `newer` has a period
  // and every calendar year in which it has a holiday is replaced by `newer`'s content; other
  // years stay. The name stays this calendar's.
  void replace_from(const Calendar& newer);
  // Adds the holidays of `other` (normally the k_public_holidays_calendar) to this calendar's,
  // keeping this calendar's own holiday where both name the same date.
  void add_holidays_from(const Calendar& other);

  // The vacation that holds `date`; the one that starts last when several do. Null when none.
  const Period* vacation_on(Date date) const;
  // The holiday on `date`; null when none.
  const Holiday* holiday_on(Date date) const;

  // Sorted by first day, then last day, then name.
  std::span<const Period> periods() const { return m_periods; }
  // Sorted by date.
  std::span<const Holiday> holidays() const { return m_holidays; }
  bool empty() const { return m_periods.empty() && m_holidays.empty(); }

  bool operator==(const Calendar& other) const {
    return m_name == other.m_name && m_periods == other.m_periods && m_holidays == other.m_holidays;
  }

 private:
  void index_periods();

  std::string m_name;
  std::vector<Period> m_periods;
  // m_reach[i]: the latest last day among m_periods[0..i]; lets vacation_on stop early.
  std::vector<Date> m_reach;
  std::vector<Holiday> m_holidays;
};

}  // namespace bpv::core
