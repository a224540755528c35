#include <bpv/config/time_zone_file.hpp>
#include <bpv/core/time_zone.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <string>
#include <string_view>

namespace bpv::core {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

TimeZone zone(std::string_view name) {
  auto located = config::locate_time_zone(name);
  EXPECT_TRUE(located.has_value()) << name;
  return located.value();
}

TimeZone amsterdam() {
  return zone("Europe/Amsterdam");
}

// `instant` as `YYYY-MM-DDThh:mm:ssZ`, formatted by glibc rather than by TimeZone.
std::string utc_text(Instant instant) {
  std::time_t t = instant.time_since_epoch().count();
  std::tm civil{};
  gmtime_r(&t, &civil);
  char buffer[32];
  std::size_t length = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &civil);
  return std::string(buffer, length);
}

Instant utc(int year, unsigned month, unsigned day, int hour, int minute, int second = 0) {
  return Instant(Date::from_ymd(year, month, day).sys_days()) + hours(hour) + minutes(minute) +
         seconds(second);
}

IsoWeek week(int year, int number) {
  return IsoWeek::make(year, number).value();
}

TEST(TimeZoneLocate, FindsEuropeAmsterdam) {
  auto located = config::locate_time_zone("Europe/Amsterdam");
  ASSERT_TRUE(located.has_value()) << located.error().message;
  EXPECT_EQ(located->name(), "Europe/Amsterdam");
  EXPECT_EQ(k_default_time_zone, "Europe/Amsterdam");
}

TEST(TimeZoneLocate, RefusesAnUnknownZoneNamingIt) {
  for (std::string_view name : {"Europe/Amsterdm", "Mars/Olympus_Mons", "CEST+1", ""}) {
    SCOPED_TRACE(name);
    auto located = config::locate_time_zone(name);
    ASSERT_FALSE(located.has_value());
    EXPECT_EQ(located.error().kind, ErrorKind::usage);
    EXPECT_EQ(located.error().message, "unknown time zone '" + std::string(name) +
                                           "'; use an IANA name such as Europe/Amsterdam");
  }
}

TEST(ApprovalDeadline, IsMondayOfTheNextWeekAt2359Local) {
  // 2026-W48 runs from Monday 23 to Sunday 29 November; its deadline is Monday 30 November.
  const Instant deadline = approval_deadline(week(2026, 48), amsterdam());
  EXPECT_EQ(utc_text(deadline), "2026-11-30T22:59:00Z");
  EXPECT_EQ(amsterdam().format_local(deadline), "2026-11-30T23:59:00+01:00");
  EXPECT_EQ(utc_text(approval_deadline(week(2026, 49), amsterdam())), "2026-12-07T22:59:00Z");
}

TEST(ApprovalDeadline, OfWeek53FallsInTheNextYear) {
  EXPECT_EQ(utc_text(approval_deadline(week(2026, 53), amsterdam())), "2027-01-04T22:59:00Z");
}

TEST(ApprovalDeadline, FollowsTheOctoberChangeBackToWinterTime) {
  // Summer time ends on Sunday 25 October 2026.
  EXPECT_EQ(utc_text(approval_deadline(week(2026, 42), amsterdam())), "2026-10-19T21:59:00Z");
  EXPECT_EQ(utc_text(approval_deadline(week(2026, 43), amsterdam())), "2026-10-26T22:59:00Z");
}

TEST(ApprovalDeadline, FollowsTheMarchChangeToSummerTime) {
  // Summer time starts on Sunday 29 March 2026.
  EXPECT_EQ(utc_text(approval_deadline(week(2026, 12), amsterdam())), "2026-03-23T22:59:00Z");
  EXPECT_EQ(utc_text(approval_deadline(week(2026, 13), amsterdam())), "2026-03-30T21:59:00Z");
}

TEST(ApprovalDeadline, UsesTheGivenZone) {
  EXPECT_EQ(utc_text(approval_deadline(week(2026, 48), zone("UTC"))), "2026-11-30T23:59:00Z");
  EXPECT_EQ(utc_text(approval_deadline(week(2026, 48), zone("America/New_York"))),
            "2026-12-01T04:59:00Z");
}

TEST(FormatLocal, WritesLocalTimeWithItsOffset) {
  const TimeZone ams = amsterdam();
  EXPECT_EQ(ams.format_local(utc(2026, 11, 30, 22, 59)), "2026-11-30T23:59:00+01:00");
  EXPECT_EQ(ams.format_local(utc(2026, 10, 19, 21, 59)), "2026-10-19T23:59:00+02:00");
  EXPECT_EQ(ams.format_local(utc(2026, 12, 31, 23, 0, 5)), "2027-01-01T00:00:05+01:00");
  EXPECT_EQ(zone("UTC").format_local(utc(2026, 11, 30, 22, 59)), "2026-11-30T22:59:00+00:00");
}

TEST(FormatLocal, WritesNegativeAndHalfHourOffsets) {
  const Instant instant = utc(2026, 11, 30, 22, 59, 30);
  EXPECT_EQ(zone("America/New_York").format_local(instant), "2026-11-30T17:59:30-05:00");
  EXPECT_EQ(zone("America/St_Johns").format_local(instant), "2026-11-30T19:29:30-03:30");
  EXPECT_EQ(zone("Asia/Kolkata").format_local(instant), "2026-12-01T04:29:30+05:30");
}

TEST(DeadlinePassed, OnlyOnceTheDeadlineMinuteIsOver) {
  const Instant deadline = approval_deadline(week(2026, 48), amsterdam());
  EXPECT_FALSE(deadline_passed(deadline, deadline - seconds(1)));
  EXPECT_FALSE(deadline_passed(deadline, deadline));
  EXPECT_FALSE(deadline_passed(deadline, deadline + seconds(59)));
  EXPECT_TRUE(deadline_passed(deadline, deadline + seconds(60)));
  EXPECT_TRUE(deadline_passed(deadline, deadline + hours(24 * 7)));
}

TEST(LocalDate, ChangesAtLocalMidnight) {
  const TimeZone ams = amsterdam();
  EXPECT_EQ(ams.local_date(utc(2026, 11, 29, 22, 59, 59)).to_string(), "2026-11-29");
  EXPECT_EQ(ams.local_date(utc(2026, 11, 29, 23, 0)).to_string(), "2026-11-30");
  EXPECT_EQ(ams.local_date(utc(2026, 11, 29, 23, 30)).to_string(), "2026-11-30");
  EXPECT_EQ(ams.local_date(utc(2026, 7, 1, 21, 59, 59)).to_string(), "2026-07-01");
  EXPECT_EQ(ams.local_date(utc(2026, 7, 1, 22, 0)).to_string(), "2026-07-02");
  EXPECT_EQ(ams.local_date(utc(2026, 12, 31, 23, 0)).to_string(), "2027-01-01");
  EXPECT_EQ(zone("America/New_York").local_date(utc(2026, 11, 30, 4, 59)).to_string(),
            "2026-11-29");
}

TEST(AtLocal, ConvertsLocalTimeInWinterAndSummer) {
  const TimeZone ams = amsterdam();
  EXPECT_EQ(utc_text(ams.at_local(Date::from_ymd(2026, 11, 30), 8, 0)), "2026-11-30T07:00:00Z");
  EXPECT_EQ(utc_text(ams.at_local(Date::from_ymd(2026, 7, 1), 8, 0, 15)), "2026-07-01T06:00:15Z");
  EXPECT_EQ(utc_text(ams.at_local(Date::from_ymd(2026, 1, 1), 0, 0)), "2025-12-31T23:00:00Z");
}

TEST(AtLocal, MovesATimeInTheSpringGapForwardToTheChange) {
  // On 29 March 2026 the clocks jump from 02:00 CET to 03:00 CEST (01:00Z).
  const TimeZone ams = amsterdam();
  const Date day = Date::from_ymd(2026, 3, 29);
  EXPECT_EQ(utc_text(ams.at_local(day, 1, 59, 59)), "2026-03-29T00:59:59Z");
  EXPECT_EQ(utc_text(ams.at_local(day, 2, 0)), "2026-03-29T01:00:00Z");
  EXPECT_EQ(utc_text(ams.at_local(day, 2, 30)), "2026-03-29T01:00:00Z");
  EXPECT_EQ(utc_text(ams.at_local(day, 3, 0)), "2026-03-29T01:00:00Z");
  EXPECT_EQ(utc_text(ams.at_local(day, 3, 30)), "2026-03-29T01:30:00Z");
  EXPECT_EQ(ams.format_local(ams.at_local(day, 2, 30)), "2026-03-29T03:00:00+02:00");
}

TEST(AtLocal, TakesTheFirstOccurrenceOfARepeatedAutumnTime) {
  // On 25 October 2026 the clocks go back from 03:00 CEST to 02:00 CET (01:00Z).
  const TimeZone ams = amsterdam();
  const Date day = Date::from_ymd(2026, 10, 25);
  EXPECT_EQ(utc_text(ams.at_local(day, 1, 59)), "2026-10-24T23:59:00Z");
  EXPECT_EQ(utc_text(ams.at_local(day, 2, 0)), "2026-10-25T00:00:00Z");
  EXPECT_EQ(utc_text(ams.at_local(day, 2, 30)), "2026-10-25T00:30:00Z");
  EXPECT_EQ(utc_text(ams.at_local(day, 3, 0)), "2026-10-25T02:00:00Z");
}

TEST(ParseInstant, AcceptsLocalUtcOffsetAndDateForms) {
  struct Case {
    std::string_view text;
    std::string_view utc;
  };
  const Case cases[] = {
      {"2026-11-30T08:00", "2026-11-30T07:00:00Z"},  // local, CET
      {"2026-11-30T08:00:15", "2026-11-30T07:00:15Z"},
      {"2026-07-01T08:00", "2026-07-01T06:00:00Z"},  // local, CEST
      {"2026-11-30T07:00Z", "2026-11-30T07:00:00Z"},
      {"2026-11-30T07:00:59Z", "2026-11-30T07:00:59Z"},
      {"2026-11-30T08:00+01:00", "2026-11-30T07:00:00Z"},
      {"2026-11-30T08:00+05:30", "2026-11-30T02:30:00Z"},
      {"2026-11-30T02:00-05:00", "2026-11-30T07:00:00Z"},
      {"2026-11-30T00:30+01:00", "2026-11-29T23:30:00Z"},
      {"2026-11-30", "2026-11-29T23:00:00Z"},  // the start of the day in Amsterdam
      {"2026-07-01", "2026-06-30T22:00:00Z"},
      {"2026-11-30T23:59:59", "2026-11-30T22:59:59Z"},
  };
  const TimeZone ams = amsterdam();
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto instant = parse_instant(c.text, ams);
    ASSERT_TRUE(instant.has_value()) << instant.error().message;
    EXPECT_EQ(utc_text(*instant), c.utc);
  }
}

TEST(ParseInstant, RefusesMalformedTimesNamingTheText) {
  const std::string_view cases[] = {
      "2026-11-30T25:00",
      "2026-11-30T24:00",
      "2026-11-30T08:60",
      "2026-11-30T08:00:60",
      "2026-11-30 8:00",
      "2026-11-30T8:00",
      "2026-11-30T08",
      "2026-11-30T08:0",
      "2026-11-30T08:00:1",
      "2026-11-30T",
      "2026-11-30X08:00",
      "2026-11-31T08:00",
      "2026-11-30T08:00+1",
      "2026-11-30T08:00+01",
      "2026-11-30T08:00+0100",
      "2026-11-30T08:00 Z",
      "2026-11-30T08:00Zulu",
      "2026-11-30T08:00*01:00",
      "30-11-2026T08:00",
      "tomorrow",
      "",
  };
  const TimeZone ams = amsterdam();
  for (auto text : cases) {
    SCOPED_TRACE(text);
    auto instant = parse_instant(text, ams);
    ASSERT_FALSE(instant.has_value()) << utc_text(*instant);
    EXPECT_EQ(instant.error().kind, ErrorKind::usage);
    EXPECT_EQ(instant.error().message,
              "'" + std::string(text) +
                  "' is not a time; write 2026-11-30T08:00, 2026-11-30T07:00Z or 2026-11-30");
  }
}

}  // namespace
}  // namespace bpv::core
