#include <bpv/core/hours.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace bpv::core {
namespace {

struct HoursCase {
  std::string_view text;
  Minutes minutes;
};

TEST(ParseDayHours, AcceptsDecimalCommaAndClockForms) {
  const HoursCase cases[] = {
      {"7.5", 450},
      {"7,5", 450},
      {"7:30", 450},
      {"7u30", 450},
      {"7h30", 450},
      {"7U30", 450},
      {"7H30", 450},
      {"8", 480},
      {"0.25", 15},
      {"0,25", 15},
      {"24", 1440},
      {"24:00", 1440},
      {"24.0", 1440},
      {"7:05", 425},
      {"07:30", 450},
      {"0:01", 1},
      {".5", 30},
      {"7.75", 465},
      {"1.5", 90},
      {"12u00", 720},
      {"7.333333", 440},  // 439.99998 minutes, rounded to the nearest minute
      {"7.341", 440},     // 440.46
      {"7.342", 441},     // 440.52
      {"7.0083333333333", 420},
      {"0.01", 1},  // 0.6 minutes rounds up rather than to nothing
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto minutes = parse_day_hours(c.text);
    ASSERT_TRUE(minutes.has_value()) << minutes.error().message;
    EXPECT_EQ(*minutes, c.minutes);
  }
}

TEST(ParseDayHours, RefusesZeroNegativeTooManyAndMalformed) {
  const std::string_view cases[] = {
      "0",    "0:00",  "0.0",  "0.001", "-1",   "-7.5",  "24.01", "24:01", "25",   "7:60",
      "7:5",  "7:300", ":30",  "abc",   "",     "7.5.1", "7,,5",  "7.",    "7,5h", " 7.5",
      "7.5 ", "7 5",   "7.5a", "1e1",   "+7.5", "7:3O",  "u30",   "7:-3",
  };
  for (auto text : cases) {
    SCOPED_TRACE(text);
    auto minutes = parse_day_hours(text);
    ASSERT_FALSE(minutes.has_value()) << *minutes;
    EXPECT_EQ(minutes.error().kind, ErrorKind::usage);
    EXPECT_NE(minutes.error().message.find(std::string("'") + std::string(text) + "'"),
              std::string::npos)
        << minutes.error().message;
  }
}

TEST(ParseDayHours, MessagesSayWhatIsWrong) {
  EXPECT_EQ(parse_day_hours("0").error().message, "'0' hours: must be more than 0");
  EXPECT_EQ(parse_day_hours("25").error().message, "'25' hours: a day has at most 24 hours");
  EXPECT_EQ(parse_day_hours("abc").error().message,
            "'abc' is not an amount of hours; write 7.5, 7,5, 7:30 or 7u30");
}

TEST(ParseHoursAmount, AcceptsAmountsAboveADay) {
  const HoursCase cases[] = {
      {"800", 48'000}, {"1600,5", 96'030}, {"1600.5", 96'030}, {"0", 0},
      {"32", 1920},    {"160:00", 9600},   {"38u30", 2310},    {"9999999", 599'999'940},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto minutes = parse_hours_amount(c.text);
    ASSERT_TRUE(minutes.has_value()) << minutes.error().message;
    EXPECT_EQ(*minutes, c.minutes);
  }
}

TEST(ParseHoursAmount, RefusesNegativeAndMalformed) {
  const std::string_view cases[] = {"-1",        "-0",      "-800",     "",    "abc",
                                    "800 hours", "1.600,5", "10000000", "1:60"};
  for (auto text : cases) {
    SCOPED_TRACE(text);
    auto minutes = parse_hours_amount(text);
    ASSERT_FALSE(minutes.has_value()) << *minutes;
    EXPECT_EQ(minutes.error().kind, ErrorKind::usage);
    EXPECT_NE(minutes.error().message.find(std::string("'") + std::string(text) + "'"),
              std::string::npos)
        << minutes.error().message;
  }
  EXPECT_EQ(parse_hours_amount("-800").error().message, "'-800' hours: must not be negative");
}

TEST(FormatHoursDecimal, WritesTheShortestDecimal) {
  EXPECT_EQ(format_hours_decimal(450), "7.5");
  EXPECT_EQ(format_hours_decimal(480), "8");
  EXPECT_EQ(format_hours_decimal(435), "7.25");
  EXPECT_EQ(format_hours_decimal(15), "0.25");
  EXPECT_EQ(format_hours_decimal(0), "0");
  EXPECT_EQ(format_hours_decimal(96'030), "1600.5");
  EXPECT_EQ(format_hours_decimal(440), "7.333333333333333");
  EXPECT_EQ(format_hours_decimal(-30), "-0.5");
  EXPECT_EQ(format_hours_decimal(-120), "-2");
}

TEST(FormatHoursDecimal, ReadsBackAsTheSameMinutes) {
  for (Minutes minutes = 1; minutes <= k_max_day_minutes; ++minutes) {
    auto parsed = parse_day_hours(format_hours_decimal(minutes));
    ASSERT_TRUE(parsed.has_value()) << format_hours_decimal(minutes);
    ASSERT_EQ(*parsed, minutes) << format_hours_decimal(minutes);
  }
}

TEST(FormatHoursClock, WritesHoursAndTwoDigitMinutes) {
  EXPECT_EQ(format_hours_clock(450), "7:30");
  EXPECT_EQ(format_hours_clock(9600), "160:00");
  EXPECT_EQ(format_hours_clock(-30), "-0:30");
  EXPECT_EQ(format_hours_clock(0), "0:00");
  EXPECT_EQ(format_hours_clock(425), "7:05");
  EXPECT_EQ(format_hours_clock(-9600), "-160:00");
  EXPECT_EQ(format_hours_clock(1440), "24:00");
}

TEST(HoursAsNumber, IsMinutesOverSixty) {
  EXPECT_DOUBLE_EQ(hours_as_number(450), 7.5);
  EXPECT_DOUBLE_EQ(hours_as_number(-30), -0.5);
  EXPECT_DOUBLE_EQ(hours_as_number(0), 0.0);
}

}  // namespace
}  // namespace bpv::core
