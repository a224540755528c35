#pragma once

#include <bpv/core/date.hpp>
#include <bpv/core/error.hpp>

#include <compare>
#include <string>
#include <string_view>

namespace bpv::core {

// An ISO 8601 week: weeks start on Monday, week 1 holds the year's first Thursday.
class IsoWeek {
 public:
  IsoWeek() = default;
  // Fails when `week` is not between 1 and the number of weeks of `year`.
  static Result<IsoWeek> make(int year, int week);
  // The week that holds `date`.
  static IsoWeek of(Date date);
  // Parses `2026-W48` (also `2026W48`, `2026-w48`).
  static Result<IsoWeek> parse(std::string_view text);
  // Parses a week argument: `2026-W48`, `this` or `last`, relative to `today`.
  static Result<IsoWeek> parse_argument(std::string_view text, Date today);

  // 52 or 53.
  static int weeks_in_year(int year);

  int year() const { return m_year; }
  int number() const { return m_week; }
  Date monday() const;
  Date sunday() const { return monday().plus_days(6); }
  IsoWeek next() const { return of(monday().plus_days(7)); }
  IsoWeek previous() const { return of(monday().plus_days(-7)); }
  bool contains(Date date) const { return monday() <= date && date <= sunday(); }

  // `2026-W48`.
  std::string to_string() const;

  auto operator<=>(const IsoWeek&) const = default;

 private:
  IsoWeek(int year, int week) : m_year(year), m_week(week) {}
  int m_year = 1970;
  int m_week = 1;
};

}  // namespace bpv::core
