#include <bpv/core/date.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace bpv::core {
namespace {

struct DateCase {
  std::string_view text;
  std::string_view iso;
};

TEST(DateParseIso, AcceptsValidDates) {
  const DateCase cases[] = {
      {"2026-11-30", "2026-11-30"}, {"2026-01-01", "2026-01-01"}, {"2026-12-31", "2026-12-31"},
      {"2028-02-29", "2028-02-29"}, {"2000-02-29", "2000-02-29"}, {"1900-01-01", "1900-01-01"},
      {"2999-12-31", "2999-12-31"}, {"2026-04-30", "2026-04-30"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto date = Date::parse_iso(c.text);
    ASSERT_TRUE(date.has_value()) << date.error().message;
    EXPECT_EQ(date->to_string(), c.iso);
  }
}

TEST(DateParseIso, RefusesInvalidDatesNamingTheText) {
  const std::string_view cases[] = {
      "2026-02-29",  // 2026 is not a leap year
      "2100-02-29",  // nor is 2100
      "2026-04-31",  "2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32",
      "2026-1-5",  // single digits
      "2026-01-5",   "26-01-05",   "2026/01/05", "05-01-2026", "2026-01-05T08:00", " 2026-01-05",
      "2026-01-05 ", "2026-0a-05", "+026-01-05", "1899-12-31", "3000-01-01",       "",
      "today",       "garbage!!!",
  };
  for (auto text : cases) {
    SCOPED_TRACE(text);
    auto date = Date::parse_iso(text);
    ASSERT_FALSE(date.has_value()) << date->to_string();
    EXPECT_EQ(date.error().kind, ErrorKind::usage);
    EXPECT_NE(date.error().message.find(std::string("'") + std::string(text) + "'"),
              std::string::npos)
        << date.error().message;
  }
}

TEST(DateParseFlexible, AcceptsIsoAndDutchForms) {
  const DateCase cases[] = {
      {"2026-01-05", "2026-01-05"}, {"05-01-2026", "2026-01-05"}, {"5-1-2026", "2026-01-05"},
      {"05/01/2026", "2026-01-05"}, {"5/1/2026", "2026-01-05"},   {"05.01.2026", "2026-01-05"},
      {"31-12-2026", "2026-12-31"}, {"29-02-2028", "2028-02-29"}, {"1-12-2026", "2026-12-01"},
      {"30.4.2026", "2026-04-30"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto date = Date::parse_flexible(c.text);
    ASSERT_TRUE(date.has_value()) << date.error().message;
    EXPECT_EQ(date->to_string(), c.iso);
  }
}

TEST(DateParseFlexible, RefusesMixedSeparatorsAndImpossibleDates) {
  const std::string_view cases[] = {
      "05-01/2026",  "05/01.2026",  "05.01-2026",  // mixed separators
      "31-04-2026",  "29-02-2026",  "00-01-2026",  "05-13-2026",
      "05-01-26",  // two-digit year
      "005-01-2026", "05-001-2026", "05-01-02026", "05012026",   "2026-1-5",
      "2026/01/05",  // year first is only accepted as YYYY-MM-DD
      "-01-2026",    "05--2026",    "a5-01-2026",  "",           "garbage",
  };
  for (auto text : cases) {
    SCOPED_TRACE(text);
    auto date = Date::parse_flexible(text);
    ASSERT_FALSE(date.has_value()) << date->to_string();
    EXPECT_EQ(date.error().kind, ErrorKind::usage);
    EXPECT_NE(date.error().message.find(text), std::string::npos) << date.error().message;
  }
}

TEST(DateParseArgument, TodayAndYesterdayAreRelativeToTheGivenDay) {
  struct Case {
    std::string_view text;
    Date today;
    std::string_view expected;
  };
  const Case cases[] = {
      {"today", Date::from_ymd(2026, 3, 1), "2026-03-01"},
      {"yesterday", Date::from_ymd(2026, 3, 1), "2026-02-28"},
      {"yesterday", Date::from_ymd(2028, 3, 1), "2028-02-29"},
      {"yesterday", Date::from_ymd(2027, 1, 1), "2026-12-31"},
      {"2025-12-31", Date::from_ymd(2026, 3, 1), "2025-12-31"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto date = Date::parse_argument(c.text, c.today);
    ASSERT_TRUE(date.has_value()) << date.error().message;
    EXPECT_EQ(date->to_string(), c.expected);
  }
}

TEST(DateParseArgument, RefusesOtherWords) {
  const Date today = Date::from_ymd(2026, 3, 1);
  for (std::string_view text : {"tomorrow", "Today", "TODAY", " today", "", "05-01-2026"}) {
    SCOPED_TRACE(text);
    auto date = Date::parse_argument(text, today);
    ASSERT_FALSE(date.has_value());
    EXPECT_EQ(date.error().kind, ErrorKind::usage);
  }
}

TEST(DateToString, WritesIsoWithLeadingZeros) {
  EXPECT_EQ(Date::from_ymd(2026, 1, 5).to_string(), "2026-01-05");
  EXPECT_EQ(Date::from_ymd(2026, 12, 31).to_string(), "2026-12-31");
  EXPECT_EQ(Date::from_ymd(1970, 1, 1).to_string(), "1970-01-01");
  EXPECT_EQ(Date::from_ymd(1900, 3, 9).to_string(), "1900-03-09");
  EXPECT_EQ(Date().to_string(), "1970-01-01");
}

TEST(DateWriteIso, WritesExactlyTenCharactersWithoutTerminator) {
  std::string buffer(12, '#');
  Date::from_ymd(2028, 2, 29).write_iso(buffer.data() + 1);
  EXPECT_EQ(buffer, "#2028-02-29#");
  EXPECT_EQ(Date::k_iso_length, 10u);
}

TEST(DateToString, RoundTripsThroughParseIsoForEveryDayOf2026To2028) {
  for (Date d = Date::from_ymd(2026, 1, 1); d <= Date::from_ymd(2028, 12, 31); d = d.plus_days(1)) {
    auto parsed = Date::parse_iso(d.to_string());
    ASSERT_TRUE(parsed.has_value()) << d.to_string();
    ASSERT_EQ(parsed->days_since_epoch(), d.days_since_epoch());
  }
}

TEST(DatePlusDays, CrossesMonthYearAndLeapDay) {
  EXPECT_EQ(Date::from_ymd(2026, 12, 31).plus_days(1).to_string(), "2027-01-01");
  EXPECT_EQ(Date::from_ymd(2027, 1, 1).plus_days(-1).to_string(), "2026-12-31");
  EXPECT_EQ(Date::from_ymd(2028, 2, 28).plus_days(1).to_string(), "2028-02-29");
  EXPECT_EQ(Date::from_ymd(2026, 2, 28).plus_days(1).to_string(), "2026-03-01");
  EXPECT_EQ(Date::from_ymd(2026, 1, 1).plus_days(365).to_string(), "2027-01-01");
  EXPECT_EQ(Date::from_ymd(2028, 1, 1).plus_days(365).to_string(), "2028-12-31");
  EXPECT_EQ(Date::from_ymd(2026, 5, 17).plus_days(0).to_string(), "2026-05-17");
  EXPECT_EQ(Date::from_ymd(2026, 3, 1).plus_days(-1).to_string(), "2026-02-28");
}

TEST(DateDaysUntil, CountsSignedDays) {
  EXPECT_EQ(Date::from_ymd(2026, 1, 1).days_until(Date::from_ymd(2026, 12, 31)), 364);
  EXPECT_EQ(Date::from_ymd(2026, 12, 31).days_until(Date::from_ymd(2026, 1, 1)), -364);
  EXPECT_EQ(Date::from_ymd(1970, 1, 1).days_since_epoch(), 0);
  EXPECT_EQ(Date::from_ymd(2026, 1, 1).days_since_epoch(), 20454);
}

TEST(DateFields, GiveYearMonthDayAndIsoWeekday) {
  const Date d = Date::from_ymd(2026, 11, 30);
  EXPECT_EQ(d.year(), 2026);
  EXPECT_EQ(d.month(), 11u);
  EXPECT_EQ(d.day(), 30u);
  EXPECT_EQ(d.iso_weekday(), 1u);                             // Monday
  EXPECT_EQ(Date::from_ymd(2026, 11, 29).iso_weekday(), 7u);  // Sunday
  EXPECT_EQ(Date::from_ymd(2026, 1, 1).iso_weekday(), 4u);    // Thursday
}

TEST(AgeOn, EighteenthBirthdayCountsFromTheDayItself) {
  const Date birth = Date::from_ymd(2008, 9, 15);
  EXPECT_EQ(age_on(birth, Date::from_ymd(2026, 9, 14)), 17);
  EXPECT_EQ(age_on(birth, Date::from_ymd(2026, 9, 15)), 18);
  EXPECT_EQ(age_on(birth, Date::from_ymd(2026, 9, 16)), 18);
  EXPECT_EQ(age_on(birth, Date::from_ymd(2026, 8, 31)), 17);  // earlier month, later day
  EXPECT_EQ(age_on(birth, Date::from_ymd(2027, 9, 14)), 18);
}

TEST(AgeOn, BirthdayOnNewYearsDayAndEve) {
  EXPECT_EQ(age_on(Date::from_ymd(2009, 1, 1), Date::from_ymd(2026, 12, 31)), 17);
  EXPECT_EQ(age_on(Date::from_ymd(2009, 1, 1), Date::from_ymd(2027, 1, 1)), 18);
  EXPECT_EQ(age_on(Date::from_ymd(2008, 12, 31), Date::from_ymd(2026, 12, 30)), 17);
  EXPECT_EQ(age_on(Date::from_ymd(2008, 12, 31), Date::from_ymd(2026, 12, 31)), 18);
}

TEST(AgeOn, TwentyNinthFebruaryBirthdayCountsFromFirstMarchInCommonYears) {
  const Date birth = Date::from_ymd(2008, 2, 29);
  EXPECT_EQ(age_on(birth, Date::from_ymd(2026, 2, 28)), 17);
  EXPECT_EQ(age_on(birth, Date::from_ymd(2026, 3, 1)), 18);
  EXPECT_EQ(age_on(birth, Date::from_ymd(2028, 2, 28)), 19);
  EXPECT_EQ(age_on(birth, Date::from_ymd(2028, 2, 29)), 20);
}

TEST(AgeOn, IsZeroOnTheDayOfBirth) {
  const Date birth = Date::from_ymd(2010, 6, 1);
  EXPECT_EQ(age_on(birth, birth), 0);
  EXPECT_EQ(age_on(birth, Date::from_ymd(2011, 5, 31)), 0);
  EXPECT_EQ(age_on(birth, Date::from_ymd(2011, 6, 1)), 1);
}

}  // namespace
}  // namespace bpv::core
