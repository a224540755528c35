#include <bpv/core/week.hpp>

#include <gtest/gtest.h>

#include <ctime>
#include <string>
#include <string_view>
#include <utility>

namespace bpv::core {
namespace {

// The ISO week of `civil` as glibc's strftime computes it, independently of IsoWeek.
std::string strftime_week(const std::tm& civil) {
  char buffer[16];
  std::size_t length = std::strftime(buffer, sizeof buffer, "%G-W%V", &civil);
  return std::string(buffer, length);
}

std::tm utc_midnight(int year, int month, int day) {
  std::tm civil{};
  civil.tm_year = year - 1900;
  civil.tm_mon = month - 1;
  civil.tm_mday = day;
  std::time_t t = timegm(&civil);
  std::tm normalized{};
  gmtime_r(&t, &normalized);
  return normalized;
}

IsoWeek week(int year, int number) {
  auto made = IsoWeek::make(year, number);
  EXPECT_TRUE(made.has_value()) << year << "-W" << number;
  return made.value_or(IsoWeek());
}

TEST(IsoWeek, OfEveryDateFrom2000To2100MatchesGlibcStrftime) {
  std::tm first = utc_midnight(2000, 1, 1);
  std::tm last = utc_midnight(2100, 12, 31);
  std::time_t t = timegm(&first);
  const std::time_t end = timegm(&last);
  int days = 0;
  for (; t <= end; t += 24 * 60 * 60, ++days) {
    std::tm civil{};
    gmtime_r(&t, &civil);
    const Date date =
        Date::from_ymd(civil.tm_year + 1900, unsigned(civil.tm_mon + 1), unsigned(civil.tm_mday));
    ASSERT_EQ(date.days_since_epoch(), t / (24 * 60 * 60));
    ASSERT_EQ(IsoWeek::of(date).to_string(), strftime_week(civil)) << date.to_string();
  }
  EXPECT_EQ(days, 36890);  // 101 years, 25 of them leap years (2100 is not)
}

TEST(IsoWeek, MondayAndSundayRoundTripForEveryWeekFrom2000To2100) {
  int weeks = 0;
  for (int year = 2000; year <= 2100; ++year) {
    const int count = IsoWeek::weeks_in_year(year);
    // 28 December always lies in the year's last week.
    ASSERT_EQ(strftime_week(utc_midnight(year, 12, 28)),
              std::to_string(year) + "-W" + std::to_string(count));
    for (int number = 1; number <= count; ++number, ++weeks) {
      const IsoWeek w = week(year, number);
      const Date monday = w.monday();
      const Date sunday = w.sunday();
      const std::tm civil = utc_midnight(monday.year(), int(monday.month()), int(monday.day()));
      ASSERT_EQ(civil.tm_wday, 1) << w.to_string();  // strftime's Monday
      ASSERT_EQ(strftime_week(civil), w.to_string());
      ASSERT_EQ(sunday.days_since_epoch() - monday.days_since_epoch(), 6) << w.to_string();
      ASSERT_EQ(IsoWeek::of(monday), w) << w.to_string();
      ASSERT_EQ(IsoWeek::of(sunday), w) << w.to_string();
      ASSERT_NE(IsoWeek::of(monday.plus_days(-1)), w) << w.to_string();
      ASSERT_NE(IsoWeek::of(sunday.plus_days(1)), w) << w.to_string();
      ASSERT_TRUE(w.contains(monday));
      ASSERT_TRUE(w.contains(sunday));
      ASSERT_FALSE(w.contains(sunday.plus_days(1)));
      ASSERT_EQ(w.next().monday().days_since_epoch(), monday.days_since_epoch() + 7);
    }
  }
  EXPECT_EQ(weeks, 5270);
}

TEST(IsoWeek, WeeksInYear) {
  EXPECT_EQ(IsoWeek::weeks_in_year(2026), 53);  // starts on a Thursday
  EXPECT_EQ(IsoWeek::weeks_in_year(2027), 52);
  EXPECT_EQ(IsoWeek::weeks_in_year(2020), 53);  // leap year starting on a Wednesday
  EXPECT_EQ(IsoWeek::weeks_in_year(2015), 53);
  EXPECT_EQ(IsoWeek::weeks_in_year(2025), 52);
  EXPECT_EQ(IsoWeek::weeks_in_year(2024), 52);  // leap year starting on a Monday
}

TEST(IsoWeek, FirstJanuary2027BelongsTo2026W53) {
  const IsoWeek w = IsoWeek::of(Date::from_ymd(2027, 1, 1));
  EXPECT_EQ(w.year(), 2026);
  EXPECT_EQ(w.number(), 53);
  EXPECT_EQ(w.to_string(), "2026-W53");
  EXPECT_EQ(w.monday().to_string(), "2026-12-28");
  EXPECT_EQ(w.sunday().to_string(), "2027-01-03");
}

TEST(IsoWeek, LateDecemberCanBelongToWeekOneOfTheNextYear) {
  EXPECT_EQ(IsoWeek::of(Date::from_ymd(2025, 12, 29)).to_string(), "2026-W01");
  EXPECT_EQ(IsoWeek::of(Date::from_ymd(2025, 12, 28)).to_string(), "2025-W52");
  EXPECT_EQ(IsoWeek::of(Date::from_ymd(2026, 1, 1)).to_string(), "2026-W01");
}

TEST(IsoWeek, Week48Of2026RunsFrom23To29November) {
  const IsoWeek w = week(2026, 48);
  EXPECT_EQ(w.monday().to_string(), "2026-11-23");
  EXPECT_EQ(w.sunday().to_string(), "2026-11-29");
  EXPECT_FALSE(w.contains(Date::from_ymd(2026, 11, 22)));
  EXPECT_TRUE(w.contains(Date::from_ymd(2026, 11, 25)));
  EXPECT_FALSE(w.contains(Date::from_ymd(2026, 11, 30)));
}

TEST(IsoWeekMake, RefusesWeeksOutsideTheYear) {
  EXPECT_TRUE(IsoWeek::make(2026, 53).has_value());
  EXPECT_TRUE(IsoWeek::make(2027, 1).has_value());
  EXPECT_TRUE(IsoWeek::make(2027, 52).has_value());
  const std::pair<int, int> refused[] = {{2027, 53}, {2026, 0}, {2026, 54},
                                         {2026, -1}, {1899, 1}, {3000, 1}};
  for (auto [year, number] : refused) {
    auto made = IsoWeek::make(year, number);
    ASSERT_FALSE(made.has_value()) << year << " " << number;
    EXPECT_EQ(made.error().kind, ErrorKind::usage);
  }
  EXPECT_EQ(IsoWeek::make(2027, 53).error().message, "2027-W53 does not exist");
}

TEST(IsoWeekParse, AcceptsDashedUndashedAndLowerCaseForms) {
  struct Case {
    std::string_view text;
    int year;
    int number;
  };
  const Case cases[] = {
      {"2026-W48", 2026, 48}, {"2026W48", 2026, 48}, {"2026w48", 2026, 48},  {"2026-w48", 2026, 48},
      {"2026-W53", 2026, 53}, {"2026-W01", 2026, 1}, {"2027-W52", 2027, 52},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto parsed = IsoWeek::parse(c.text);
    ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
    EXPECT_EQ(parsed->year(), c.year);
    EXPECT_EQ(parsed->number(), c.number);
  }
}

TEST(IsoWeekParse, RefusesMalformedAndNonexistentWeeksNamingTheText) {
  const std::string_view cases[] = {
      "2027-W53",  // 2027 has 52 weeks
      "2026-W54",  "2026-W00",  "2026-W5",  "2026-W048", "2026-W4a",  "2026--W48",
      "2026-X48",  "W48",       "26-W48",   "2026-48",   "2026W",     "2026-W",
      " 2026-W48", "2026-W48 ", "202a-W48", "",          "this week", "garbage",
  };
  for (auto text : cases) {
    SCOPED_TRACE(text);
    auto parsed = IsoWeek::parse(text);
    ASSERT_FALSE(parsed.has_value()) << parsed->to_string();
    EXPECT_EQ(parsed.error().kind, ErrorKind::usage);
    EXPECT_NE(parsed.error().message.find(text), std::string::npos) << parsed.error().message;
  }
}

TEST(IsoWeekParse, GarbageMessageSaysHowToWriteAWeek) {
  auto parsed = IsoWeek::parse("W48");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().message,
            "'W48' is not a week; write YYYY-Www (e.g. 2026-W48), this or last");
}

TEST(IsoWeekToString, PadsTheWeekNumber) {
  EXPECT_EQ(week(2026, 48).to_string(), "2026-W48");
  EXPECT_EQ(week(2026, 5).to_string(), "2026-W05");
  EXPECT_EQ(week(2026, 53).to_string(), "2026-W53");
}

TEST(IsoWeekToString, RoundTripsThroughParse) {
  for (int number = 1; number <= 53; ++number) {
    const IsoWeek w = week(2026, number);
    auto parsed = IsoWeek::parse(w.to_string());
    ASSERT_TRUE(parsed.has_value()) << w.to_string();
    EXPECT_EQ(*parsed, w) << w.to_string();
  }
}

TEST(IsoWeekParseArgument, ThisIsTheWeekOfToday) {
  auto parsed = IsoWeek::parse_argument("this", Date::from_ymd(2026, 11, 30));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->to_string(), "2026-W49");
  parsed = IsoWeek::parse_argument("this", Date::from_ymd(2026, 11, 29));  // a Sunday
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->to_string(), "2026-W48");
}

TEST(IsoWeekParseArgument, LastIsThePreviousWeek) {
  auto parsed = IsoWeek::parse_argument("last", Date::from_ymd(2026, 11, 30));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->to_string(), "2026-W48");
}

TEST(IsoWeekParseArgument, LastInWeekOneIsThePreviousYearsLastWeek) {
  auto parsed = IsoWeek::parse_argument("last", Date::from_ymd(2027, 1, 6));  // 2027-W01
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->to_string(), "2026-W53");
  parsed = IsoWeek::parse_argument("last", Date::from_ymd(2026, 1, 1));  // 2026-W01
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->to_string(), "2025-W52");
}

TEST(IsoWeekParseArgument, AcceptsAWeekAndRefusesOtherWords) {
  const Date today = Date::from_ymd(2026, 11, 30);
  auto parsed = IsoWeek::parse_argument("2026-W10", today);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->to_string(), "2026-W10");
  for (std::string_view text : {"next", "This", "LAST", "", "previous"}) {
    SCOPED_TRACE(text);
    auto refused = IsoWeek::parse_argument(text, today);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().kind, ErrorKind::usage);
  }
}

TEST(IsoWeek, NextAndPreviousCrossYears) {
  EXPECT_EQ(week(2026, 53).next().to_string(), "2027-W01");
  EXPECT_EQ(week(2027, 1).previous().to_string(), "2026-W53");
  EXPECT_EQ(week(2025, 52).next().to_string(), "2026-W01");
  EXPECT_EQ(week(2026, 1).previous().to_string(), "2025-W52");
  EXPECT_EQ(week(2026, 48).next().to_string(), "2026-W49");
  EXPECT_EQ(week(2026, 48).previous().to_string(), "2026-W47");
}

TEST(IsoWeek, OrdersByYearThenWeek) {
  EXPECT_LT(week(2026, 53), week(2027, 1));
  EXPECT_LT(week(2026, 9), week(2026, 10));
  EXPECT_GT(week(2027, 1), week(2026, 52));
}

}  // namespace
}  // namespace bpv::core
