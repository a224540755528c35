#include <bpv/core/week.hpp>

#include <fmt/format.h>

#include <charconv>

namespace bpv::core {
namespace {

// Monday of ISO week 1 of `year`: the Monday on or before 4 January.
Date week_one_monday(int year) {
  Date jan4 = Date::from_ymd(year, 1, 4);
  return jan4.plus_days(1 - static_cast<int>(jan4.iso_weekday()));
}

}  // namespace

int IsoWeek::weeks_in_year(int year) {
  // A year has 53 weeks when it starts on a Thursday, or is a leap year starting on a Wednesday;
  // equivalently, when 28 December (always in the last week) is in week 53.
  return IsoWeek::of(Date::from_ymd(year, 12, 28)).m_week;
}

IsoWeek IsoWeek::of(Date date) {
  // The week belongs to the year of its Thursday.
  Date thursday = date.plus_days(4 - static_cast<int>(date.iso_weekday()));
  int year = thursday.year();
  int week = week_one_monday(year).days_until(thursday) / 7 + 1;
  return IsoWeek(year, week);
}

Result<IsoWeek> IsoWeek::make(int year, int week) {
  if (year < 1900 || year > 2999 || week < 1 || week > weeks_in_year(year)) {
    return fail(ErrorKind::usage, fmt::format("{}-W{:02} does not exist", year, week));
  }
  return IsoWeek(year, week);
}

Result<IsoWeek> IsoWeek::parse(std::string_view text) {
  auto bad = [&] {
    return fail(ErrorKind::usage,
                fmt::format("'{}' is not a week; write YYYY-Www (e.g. 2026-W48), this or last", text));
  };
  std::string_view rest = text;
  if (rest.size() < 7) {
    return bad();
  }
  int year = 0;
  auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + 4, year);
  if (ec != std::errc() || ptr != rest.data() + 4) {
    return bad();
  }
  rest.remove_prefix(4);
  if (rest.front() == '-') {
    rest.remove_prefix(1);
  }
  if (rest.empty() || (rest.front() != 'W' && rest.front() != 'w')) {
    return bad();
  }
  rest.remove_prefix(1);
  if (rest.size() != 2 || rest[0] < '0' || rest[0] > '9' || rest[1] < '0' || rest[1] > '9') {
    return bad();
  }
  int week = (rest[0] - '0') * 10 + (rest[1] - '0');
  return make(year, week);
}

Result<IsoWeek> IsoWeek::parse_argument(std::string_view text, Date today) {
  if (text == "this") {
    return of(today);
  }
  if (text == "last") {
    return of(today).previous();
  }
  return parse(text);
}

Date IsoWeek::monday() const { return week_one_monday(m_year).plus_days((m_week - 1) * 7); }

std::string IsoWeek::to_string() const { return fmt::format("{:04}-W{:02}", m_year, m_week); }

}  // namespace bpv::core
