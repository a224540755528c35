#pragma once

#include <bpv/core/error.hpp>

#include <chrono>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace bpv::core {

// A civil date (no time, no zone), stored as days since 1970-01-01.
class Date {
 public:
  constexpr Date() = default;
  constexpr explicit Date(std::chrono::sys_days days)
      : m_days(static_cast<std::int32_t>(days.time_since_epoch().count())) {}
  static constexpr Date from_ymd(int year, unsigned month, unsigned day) {
    return Date(std::chrono::sys_days(std::chrono::year(year) / std::chrono::month(month) /
                                      std::chrono::day(day)));
  }

  // Parses `YYYY-MM-DD`. Fails with a usage error naming the text.
  static Result<Date> parse_iso(std::string_view text);
  // Parses `YYYY-MM-DD` or `DD-MM-YYYY` (also with '/' or '.'), as Dutch spreadsheets write.
  static Result<Date> parse_flexible(std::string_view text);
  // Parses a date argument: `YYYY-MM-DD`, `today` or `yesterday`, relative to `today`.
  static Result<Date> parse_argument(std::string_view text, Date today);

  constexpr std::chrono::sys_days sys_days() const {
    return std::chrono::sys_days(std::chrono::days(m_days));
  }
  constexpr std::chrono::year_month_day ymd() const { return std::chrono::year_month_day(sys_days()); }
  int year() const { return static_cast<int>(ymd().year()); }
  unsigned month() const { return static_cast<unsigned>(ymd().month()); }
  unsigned day() const { return static_cast<unsigned>(ymd().day()); }
  // ISO weekday: Monday 1 ... Sunday 7.
  unsigned iso_weekday() const { return std::chrono::weekday(sys_days()).iso_encoding(); }
  constexpr std::int32_t days_since_epoch() const { return m_days; }

  constexpr Date plus_days(int days) const { return from_days(m_days + days); }
  constexpr int days_until(Date later) const { return later.m_days - m_days; }
  static constexpr Date from_days(std::int32_t days) {
    Date d;
    d.m_days = days;
    return d;
  }

  // `YYYY-MM-DD`.
  std::string to_string() const;
  // Writes `YYYY-MM-DD` (k_iso_length characters, no terminator) to `out`.
  static constexpr std::size_t k_iso_length = 10;
  void write_iso(char* out) const;

  constexpr auto operator<=>(const Date&) const = default;

 private:
  std::int32_t m_days = 0;
};

// Whole years between `birth` and `on` (a person's age on a date).
int age_on(Date birth, Date on);

}  // namespace bpv::core
