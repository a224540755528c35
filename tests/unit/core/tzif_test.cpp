// TimeZone::from_tzif and the offsets it yields, against implementations that are not ours:
// howardhinnant date's tz database (date-tz) and glibc.

#include <bpv/config/time_zone_file.hpp>
#include <bpv/core/time_zone.hpp>

#include <date/tz.h>
#include <gtest/gtest.h>

#include <unistd.h>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace bpv::core {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

const char* const k_oracle_zones[] = {
    "Europe/Amsterdam",    "Europe/London", "America/New_York",
    "Australia/Sydney",    "Asia/Kolkata",  "UTC",
    "America/Nuuk",         // 2023: from -03/-02 to -02/-01, changing at -01:00 and 00:00 local
    "America/Mexico_City",  // 2022: no more DST
};

std::string zoneinfo_directory() {
  const char* directory = std::getenv("TZDIR");
  return directory != nullptr && *directory != '\0' ? directory : "/usr/share/zoneinfo";
}

std::string zone_file(const std::string& name) {
  std::ifstream in(zoneinfo_directory() + "/" + name, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

Instant utc(int year, unsigned month, unsigned day, int hour = 0, int minute = 0, int second = 0) {
  return Instant(Date::from_ymd(year, month, day).sys_days()) + hours(hour) + minutes(minute) +
         seconds(second);
}

std::string utc_text(Instant instant) {
  return date::format("%FT%TZ", instant);
}

// format_local's text for `instant` at `offset`, by std::chrono and snprintf.
std::string expected_local_text(Instant instant, seconds offset) {
  const auto local = instant + offset;
  const auto day = std::chrono::floor<days>(local);
  const std::chrono::year_month_day ymd(day);
  const std::chrono::hh_mm_ss<seconds> time(local - day);
  const long whole_minutes = std::chrono::duration_cast<minutes>(offset).count();
  const long magnitude = whole_minutes < 0 ? -whole_minutes : whole_minutes;
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02ld:%02ld:%02ld%c%02ld:%02ld",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<long>(time.hours().count()),
                static_cast<long>(time.minutes().count()),
                static_cast<long>(time.seconds().count()), whole_minutes < 0 ? '-' : '+',
                magnitude / 60, magnitude % 60);
  return text;
}

// glibc's view of a zone (TZ=":name"), for as long as this lives.
class GlibcZone {
 public:
  explicit GlibcZone(const std::string& name) {
    if (const char* saved = std::getenv("TZ")) {
      m_saved = saved;
    }
    ::setenv("TZ", (":" + name).c_str(), 1);
    ::tzset();
  }
  ~GlibcZone() {
    if (m_saved) {
      ::setenv("TZ", m_saved->c_str(), 1);
    } else {
      ::unsetenv("TZ");
    }
    ::tzset();
  }
  GlibcZone(const GlibcZone&) = delete;
  GlibcZone& operator=(const GlibcZone&) = delete;

  seconds offset(Instant instant) const {
    const std::time_t t = instant.time_since_epoch().count();
    std::tm civil{};
    ::localtime_r(&t, &civil);
    return seconds(civil.tm_gmtoff);
  }

 private:
  std::optional<std::string> m_saved;
};

// The offset of a zone by others' code. Up to the last transition in its file, date-tz's
// zoned_time. After it, date-tz (Debian builds it with USE_OS_TZDB) keeps the last offset for
// ever, ignoring the footer's rule (Amsterdam would have no summer time from 2038), so glibc's
// localtime_r, which applies the rule, takes over.
class OffsetOracle {
 public:
  explicit OffsetOracle(const std::string& name)
      : m_zone(date::locate_zone(name)),
        m_last_transition(m_zone->get_info(utc(2200, 1, 1)).begin),
        m_glibc(name) {}

  Instant last_transition() const { return m_last_transition; }

  seconds offset(Instant instant) const {
    if (instant <= m_last_transition) {
      const date::zoned_seconds zoned(m_zone, instant);
      return zoned.get_info().offset;
    }
    return m_glibc.offset(instant);
  }

 private:
  const date::time_zone* m_zone;
  Instant m_last_transition;
  GlibcZone m_glibc;
};

// The instant of a local time by at_local's rule (the earlier of two; a time in a gap moves to the
// change that opened it), from date-tz's `local_info`.
Instant expected_at_local(const date::time_zone& zone, date::local_seconds local) {
  const date::local_info info = zone.get_info(local);
  if (info.result == date::local_info::nonexistent) {
    return info.second.begin;
  }
  return Instant(local.time_since_epoch() - info.first.offset);
}

// The same from glibc's offsets, for a rule that changes at most once in any 52 hours: the
// instant sought lies within 26 hours of `local` read as UTC.
Instant expected_at_local(const GlibcZone& zone, date::local_seconds local) {
  const Instant wall(local.time_since_epoch());
  Instant before = wall - hours(26);
  Instant after = wall + hours(26);
  const seconds first = zone.offset(before);
  const seconds second = zone.offset(after);
  if (first == second) {
    return wall - first;
  }
  while (after - before > seconds(1)) {  // the change: the first second at `second`
    const Instant middle = before + (after - before) / 2;
    (zone.offset(middle) == first ? before : after) = middle;
  }
  if (wall - first < after) {
    return wall - first;
  }
  return wall - second >= after ? wall - second : after;
}

// Collects the first few mismatches of a long comparison, for one readable failure.
class Mismatches {
 public:
  void add(const std::string& line) {
    if (++m_count <= 10) {
      m_text += line + "\n";
    }
  }
  std::string report() const {
    return m_count == 0 ? "" : std::to_string(m_count) + " mismatches, first:\n" + m_text;
  }

 private:
  int m_count = 0;
  std::string m_text;
};

TEST(TzifOracle, LocalDateAndOffsetEverySixHoursFrom1990To2060) {
  for (const char* name : k_oracle_zones) {
    SCOPED_TRACE(name);
    auto zone = config::locate_time_zone(name);
    ASSERT_TRUE(zone.has_value()) << zone.error().message;
    const OffsetOracle oracle(name);
    // The footer's rule must be exercised: the file's transitions end before 2060.
    ASSERT_LT(oracle.last_transition(), utc(2059, 1, 1));
    Mismatches mismatches;
    for (Instant t = utc(1990, 1, 1); t < utc(2060, 1, 1); t += hours(6)) {
      const seconds offset = oracle.offset(t);
      const std::string expected = expected_local_text(t, offset);
      const std::string actual = zone->format_local(t);
      const Date expected_date(std::chrono::floor<days>(t + offset));
      if (actual != expected || zone->local_date(t) != expected_date) {
        mismatches.add(utc_text(t) + ": " + actual + " " + zone->local_date(t).to_string() +
                       ", expected " + expected);
      }
    }
    EXPECT_EQ(mismatches.report(), "");
  }
}

// Local times that fall in the gaps and overlaps of these zones: 01:30 (London, New York),
// 02:30 (Amsterdam, Sydney, New York), 23:59 (Nuuk since 2024).
const std::pair<int, int> k_local_times[] = {{0, 0}, {1, 30}, {2, 30}, {23, 59}};

TEST(TzifOracle, AtLocalEveryDayFrom2020To2030MatchesDateTz) {
  for (const char* name : k_oracle_zones) {
    SCOPED_TRACE(name);
    auto zone = config::locate_time_zone(name);
    ASSERT_TRUE(zone.has_value()) << zone.error().message;
    const date::time_zone* oracle = date::locate_zone(name);
    Mismatches mismatches;
    int gaps = 0;
    for (Date day = Date::from_ymd(2020, 1, 1); day < Date::from_ymd(2031, 1, 1);
         day = day.plus_days(1)) {
      for (auto [hour, minute] : k_local_times) {
        const date::local_seconds local(day.sys_days().time_since_epoch() + hours(hour) +
                                        minutes(minute));
        gaps += oracle->get_info(local).result == date::local_info::nonexistent ? 1 : 0;
        const Instant expected = expected_at_local(*oracle, local);
        const Instant actual = zone->at_local(day, hour, minute);
        if (actual != expected) {
          mismatches.add(date::format("%F %R", local) + ": " + utc_text(actual) + ", expected " +
                         utc_text(expected));
        }
      }
    }
    EXPECT_EQ(mismatches.report(), "");
    if (std::string_view(name) != "UTC" && std::string_view(name) != "Asia/Kolkata") {
      EXPECT_GT(gaps, 0) << "no gap was tried";
    }
  }
}

TEST(TzifOracle, AtLocalEveryDayFrom2040To2060MatchesGlibc) {
  // After the files' last transitions (2037), where only the footer's rule says what happens.
  for (const char* name : k_oracle_zones) {
    SCOPED_TRACE(name);
    auto zone = config::locate_time_zone(name);
    ASSERT_TRUE(zone.has_value()) << zone.error().message;
    const GlibcZone rule(name);
    Mismatches mismatches;
    for (Date day = Date::from_ymd(2040, 1, 1); day < Date::from_ymd(2061, 1, 1);
         day = day.plus_days(1)) {
      for (auto [hour, minute] : k_local_times) {
        const date::local_seconds local(day.sys_days().time_since_epoch() + hours(hour) +
                                        minutes(minute));
        const Instant expected = expected_at_local(rule, local);
        const Instant actual = zone->at_local(day, hour, minute);
        if (actual != expected) {
          mismatches.add(date::format("%F %R", local) + ": " + utc_text(actual) + ", expected " +
                         utc_text(expected));
        }
      }
    }
    EXPECT_EQ(mismatches.report(), "");
  }
}

TEST(TzifOracle, NuukAfterItsLastTransitionChangesAtMinusOneAndZeroHours) {
  // `<-02>2<-01>,M3.5.0/-1,M10.5.0/0`: 2040's changes fall on Saturday 24 March 23:00 -02 and
  // Sunday 28 October 00:00 -01, both 01:00Z.
  auto nuuk = config::locate_time_zone("America/Nuuk");
  ASSERT_TRUE(nuuk.has_value()) << nuuk.error().message;
  EXPECT_EQ(nuuk->format_local(utc(2040, 3, 25, 0, 59, 59)), "2040-03-24T22:59:59-02:00");
  EXPECT_EQ(nuuk->format_local(utc(2040, 3, 25, 1, 0)), "2040-03-25T00:00:00-01:00");
  EXPECT_EQ(nuuk->format_local(utc(2040, 10, 28, 0, 59, 59)), "2040-10-27T23:59:59-01:00");
  EXPECT_EQ(nuuk->format_local(utc(2040, 10, 28, 1, 0)), "2040-10-27T23:00:00-02:00");
  EXPECT_EQ(utc_text(nuuk->at_local(Date::from_ymd(2040, 3, 24), 22, 59)), "2040-03-25T00:59:00Z");
  EXPECT_EQ(utc_text(nuuk->at_local(Date::from_ymd(2040, 3, 24), 23, 0)), "2040-03-25T01:00:00Z");
  EXPECT_EQ(utc_text(nuuk->at_local(Date::from_ymd(2040, 3, 24), 23, 59)), "2040-03-25T01:00:00Z");
  EXPECT_EQ(utc_text(nuuk->at_local(Date::from_ymd(2040, 3, 25), 0, 0)), "2040-03-25T01:00:00Z");
  EXPECT_EQ(utc_text(nuuk->at_local(Date::from_ymd(2040, 10, 27), 23, 59)), "2040-10-28T00:59:00Z");
  EXPECT_EQ(utc_text(nuuk->at_local(Date::from_ymd(2040, 10, 28), 0, 0)), "2040-10-28T02:00:00Z");
}

// A TZif version 2 file: `times` changing to the local time types `types` (UTC offsets; type 0
// also holds before the first), then `footer`. The version 1 block is as minimal as zic's slim
// output.
struct TzifSpec {
  std::vector<std::int64_t> times = {};
  std::vector<std::uint8_t> type_of = {};
  std::vector<std::int32_t> types = {0};
  std::string footer = "UTC0";
  char version = '2';
  std::uint32_t leapcnt = 0;
};

void put32(std::string& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out += static_cast<char>((value >> shift) & 0xff);
  }
}

void put64(std::string& out, std::int64_t value) {
  put32(out, static_cast<std::uint32_t>(static_cast<std::uint64_t>(value) >> 32));
  put32(out, static_cast<std::uint32_t>(value));
}

std::string make_tzif(const TzifSpec& spec) {
  auto header = [&](std::string& out, std::uint32_t timecnt, std::uint32_t typecnt,
                    std::uint32_t leapcnt) {
    out += "TZif";
    out += spec.version;
    out += std::string(15, '\0');
    for (std::uint32_t count : {0u, 0u, leapcnt, timecnt, typecnt, 4u}) {
      put32(out, count);
    }
  };
  std::string out;
  header(out, 0, 1, 0);
  out += std::string(6, '\0') + "ABC" + '\0';  // one type at UTC, its abbreviation
  header(out, static_cast<std::uint32_t>(spec.times.size()),
         static_cast<std::uint32_t>(spec.types.size()), spec.leapcnt);
  for (auto time : spec.times) {
    put64(out, time);
  }
  for (auto type : spec.type_of) {
    out += static_cast<char>(type);
  }
  for (auto offset : spec.types) {
    put32(out, static_cast<std::uint32_t>(offset));
    out += '\0';  // isdst
    out += '\0';  // abbreviation index
  }
  out += std::string("ABC") + '\0';
  for (std::uint32_t i = 0; i < spec.leapcnt; ++i) {
    put64(out, 78796800 + i);
    put32(out, i + 1);
  }
  return out + "\n" + spec.footer + "\n";
}

TimeZone ruled_by(const std::string& footer) {
  auto zone = TimeZone::from_tzif("Test/Zone", make_tzif({.footer = footer}));
  EXPECT_TRUE(zone.has_value()) << footer << ": " << zone.error().message;
  return zone.value();
}

TEST(TzifFooter, ReadsEachFormOfThePosixRule) {
  struct Case {
    std::string_view footer;
    Instant at;
    std::string_view local;
  };
  const Case cases[] = {
      {"UTC0", utc(2050, 6, 1, 12, 0), "2050-06-01T12:00:00+00:00"},
      {"<+05>-5", utc(2050, 6, 1, 12, 0), "2050-06-01T17:00:00+05:00"},
      {"IST-5:30", utc(2050, 6, 1, 12, 0), "2050-06-01T17:30:00+05:30"},
      {"<-0330>+3:30", utc(2050, 6, 1, 12, 0), "2050-06-01T08:30:00-03:30"},
      {"LMT-0:19:32", utc(2050, 6, 1, 12, 0), "2050-06-01T12:19:32+00:19"},
      // Mm.w.d: the last Sunday of March (27 March 2050) and of October (30 October).
      {"CET-1CEST,M3.5.0,M10.5.0/3", utc(2050, 3, 27, 0, 59, 59), "2050-03-27T01:59:59+01:00"},
      {"CET-1CEST,M3.5.0,M10.5.0/3", utc(2050, 3, 27, 1, 0), "2050-03-27T03:00:00+02:00"},
      {"CET-1CEST,M3.5.0,M10.5.0/3", utc(2050, 10, 30, 0, 59, 59), "2050-10-30T02:59:59+02:00"},
      {"CET-1CEST,M3.5.0,M10.5.0/3", utc(2050, 10, 30, 1, 0), "2050-10-30T02:00:00+01:00"},
      // The second Sunday of March, the first of November; an explicit DST offset.
      {"EST5EDT4,M3.2.0,M11.1.0", utc(2050, 3, 13, 6, 59), "2050-03-13T01:59:00-05:00"},
      {"EST5EDT4,M3.2.0,M11.1.0", utc(2050, 3, 13, 7, 0), "2050-03-13T03:00:00-04:00"},
      // Southern hemisphere: DST from the first Sunday of October to the first of April.
      {"AEST-10AEDT,M10.1.0,M4.1.0/3", utc(2050, 1, 15), "2050-01-15T11:00:00+11:00"},
      {"AEST-10AEDT,M10.1.0,M4.1.0/3", utc(2050, 7, 15), "2050-07-15T10:00:00+10:00"},
      {"AEST-10AEDT,M10.1.0,M4.1.0/3", utc(2050, 4, 2, 15, 59), "2050-04-03T02:59:00+11:00"},
      {"AEST-10AEDT,M10.1.0,M4.1.0/3", utc(2050, 4, 2, 16, 0), "2050-04-03T02:00:00+10:00"},
      // Jn never counts 29 February: J60 is 1 March in 2048 too.
      {"AAA3BBB,J60/0,J300/0", utc(2048, 3, 1, 2, 59), "2048-02-29T23:59:00-03:00"},
      {"AAA3BBB,J60/0,J300/0", utc(2048, 3, 1, 3, 0), "2048-03-01T01:00:00-02:00"},
      // n counts it: day 59 is 29 February in 2048, 1 March in 2049.
      {"AAA3BBB,59/0,299/0", utc(2048, 2, 29, 3, 0), "2048-02-29T01:00:00-02:00"},
      {"AAA3BBB,59/0,299/0", utc(2049, 2, 28, 12, 0), "2049-02-28T09:00:00-03:00"},
      {"AAA3BBB,59/0,299/0", utc(2049, 3, 1, 3, 0), "2049-03-01T01:00:00-02:00"},
      // Hours beyond 24 (Israel: Friday 02:00 after the fourth Thursday of March, 23 March 2051).
      {"IST-2IDT,M3.4.4/26,M10.5.0", utc(2051, 3, 23, 23, 59), "2051-03-24T01:59:00+02:00"},
      {"IST-2IDT,M3.4.4/26,M10.5.0", utc(2051, 3, 24, 0, 0), "2051-03-24T03:00:00+03:00"},
      // Negative hours (Nuuk: Saturday 23:00 before the last Sunday of March, 25 March 2040).
      {"<-02>2<-01>,M3.5.0/-1,M10.5.0/0", utc(2040, 3, 25, 0, 59), "2040-03-24T22:59:00-02:00"},
      {"<-02>2<-01>,M3.5.0/-1,M10.5.0/0", utc(2040, 3, 25, 1, 0), "2040-03-25T00:00:00-01:00"},
      // DST all year: it starts on 1 January 00:00 EST as it ends on 31 December 25:00 EDT.
      {"EST5EDT4,0/0,J365/25", utc(2050, 1, 1, 4, 59), "2050-01-01T00:59:00-04:00"},
      {"EST5EDT4,0/0,J365/25", utc(2050, 1, 1, 5, 0), "2050-01-01T01:00:00-04:00"},
      {"EST5EDT4,0/0,J365/25", utc(2050, 7, 1), "2050-06-30T20:00:00-04:00"},
      {"EST5EDT4,0/0,J365/25", utc(2050, 12, 31, 23, 0), "2050-12-31T19:00:00-04:00"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.footer) + " at " + utc_text(c.at));
    EXPECT_EQ(ruled_by(std::string(c.footer)).format_local(c.at), c.local);
  }
}

TEST(TzifFooter, AtLocalFollowsTheRule) {
  struct Case {
    std::string_view footer;
    Date day;
    int hour;
    int minute;
    std::string_view utc;
  };
  const Case cases[] = {
      {"CET-1CEST,M3.5.0,M10.5.0/3", Date::from_ymd(2050, 3, 27), 1, 59, "2050-03-27T00:59:00Z"},
      {"CET-1CEST,M3.5.0,M10.5.0/3", Date::from_ymd(2050, 3, 27), 2, 30, "2050-03-27T01:00:00Z"},
      {"CET-1CEST,M3.5.0,M10.5.0/3", Date::from_ymd(2050, 3, 27), 3, 0, "2050-03-27T01:00:00Z"},
      {"CET-1CEST,M3.5.0,M10.5.0/3", Date::from_ymd(2050, 10, 30), 2, 30, "2050-10-30T00:30:00Z"},
      {"CET-1CEST,M3.5.0,M10.5.0/3", Date::from_ymd(2050, 10, 30), 3, 0, "2050-10-30T02:00:00Z"},
      {"AEST-10AEDT,M10.1.0,M4.1.0/3", Date::from_ymd(2050, 10, 2), 2, 30, "2050-10-01T16:00:00Z"},
      {"AEST-10AEDT,M10.1.0,M4.1.0/3", Date::from_ymd(2050, 4, 3), 2, 30, "2050-04-02T15:30:00Z"},
      {"<-02>2<-01>,M3.5.0/-1,M10.5.0/0", Date::from_ymd(2040, 3, 24), 23, 59,
       "2040-03-25T01:00:00Z"},
      {"EST5EDT4,0/0,J365/25", Date::from_ymd(2050, 1, 1), 0, 30, "2050-01-01T04:30:00Z"},
      {"EST5EDT4,0/0,J365/25", Date::from_ymd(2050, 12, 31), 23, 59, "2051-01-01T03:59:00Z"},
      {"UTC0", Date::from_ymd(2050, 3, 27), 2, 30, "2050-03-27T02:30:00Z"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.footer) + " at " + c.day.to_string());
    EXPECT_EQ(utc_text(ruled_by(std::string(c.footer)).at_local(c.day, c.hour, c.minute)), c.utc);
  }
}

TEST(TzifFooter, TransitionsComeFirstAndTheRuleAfterTheLast) {
  // +01:00 until 2000, +03:00 from then until the last transition in 2010, then the rule.
  const TzifSpec spec{.times = {utc(2000, 1, 1).time_since_epoch().count(),
                                utc(2010, 1, 1).time_since_epoch().count()},
                      .type_of = {1, 2},
                      .types = {3600, 3 * 3600, 2 * 3600},
                      .footer = "EET-2EEST,M3.5.0/3,M10.5.0/4"};
  auto zone = TimeZone::from_tzif("Test/Zone", make_tzif(spec));
  ASSERT_TRUE(zone.has_value()) << zone.error().message;
  EXPECT_EQ(zone->format_local(utc(1999, 7, 1)), "1999-07-01T01:00:00+01:00");
  EXPECT_EQ(zone->format_local(utc(2005, 1, 1)), "2005-01-01T03:00:00+03:00");
  EXPECT_EQ(zone->format_local(utc(2010, 1, 1)), "2010-01-01T02:00:00+02:00");
  EXPECT_EQ(zone->format_local(utc(2010, 7, 1)), "2010-07-01T03:00:00+03:00");
  EXPECT_EQ(utc_text(zone->at_local(Date::from_ymd(2000, 1, 1), 1, 30)), "2000-01-01T00:00:00Z");
  EXPECT_EQ(utc_text(zone->at_local(Date::from_ymd(2010, 1, 1), 2, 30)), "2009-12-31T23:30:00Z");
  EXPECT_EQ(utc_text(zone->at_local(Date::from_ymd(2010, 3, 28), 3, 30)), "2010-03-28T01:00:00Z");
}

TEST(TzifFooter, RefusesRulesItCannotRead) {
  const std::string_view footers[] = {
      "CET",                             // no offset
      "-1",                              // no name
      "CE-1",                            // a name of two letters
      "<+0>-1",                          // a quoted one of two
      "<+05-5",                          // unterminated
      "CET-25",                          // hours beyond 24
      "CET-1:60",                        // minutes beyond 59
      "CET-1:5",                         // one digit of minutes
      "UTC0x",                           // trailing text
      "CET-1CEST",                       // DST without a rule
      "CET-1CEST,M3.5.0",                // without its end
      "CET-1CEST,M13.5.0,M10.5.0/3",     // month 13
      "CET-1CEST,M3.6.0,M10.5.0/3",      // week 6
      "CET-1CEST,M3.5.7,M10.5.0/3",      // weekday 7
      "CET-1CEST,M3.0.0,M10.5.0/3",      // week 0
      "CET-1CEST,J0,J300",               // J counts from 1
      "CET-1CEST,J366,J300",             // ... to 365
      "CET-1CEST,366,300",               // n counts 0 to 365
      "CET-1CEST,M3.5.0/168,M10.5.0/3",  // hours beyond 167
      "CET-1CEST,M3.5.0/,M10.5.0/3",     // an empty time
      "CET-1CEST,M3.5.0,M10.5.0/3,",     // trailing comma
  };
  for (auto footer : footers) {
    SCOPED_TRACE(footer);
    auto zone = TimeZone::from_tzif("Test/Zone", make_tzif({.footer = std::string(footer)}));
    ASSERT_FALSE(zone.has_value());
    EXPECT_EQ(zone.error().kind, ErrorKind::unexpected);
    EXPECT_EQ(zone.error().message,
              "time zone 'Test/Zone': cannot use its TZif data: "
              "unsupported TZ rule '" +
                  std::string(footer) + "'");
  }
}

TEST(TzifFooter, AnEmptyFooterKeepsTheLastOffset) {
  const TzifSpec spec{.times = {utc(2000, 1, 1).time_since_epoch().count()},
                      .type_of = {1},
                      .types = {0, 7200},
                      .footer = ""};
  auto zone = TimeZone::from_tzif("Test/Zone", make_tzif(spec));
  ASSERT_TRUE(zone.has_value()) << zone.error().message;
  EXPECT_EQ(zone->format_local(utc(1999, 1, 1)), "1999-01-01T00:00:00+00:00");
  EXPECT_EQ(zone->format_local(utc(2100, 1, 1)), "2100-01-01T02:00:00+02:00");
}

std::string refusal(std::string_view bytes) {
  auto zone = TimeZone::from_tzif("Test/Zone", bytes);
  if (zone.has_value()) {
    return "accepted";
  }
  EXPECT_EQ(zone.error().kind, ErrorKind::unexpected);
  const std::string prefix = "time zone 'Test/Zone': cannot use its TZif data: ";
  EXPECT_EQ(zone.error().message.substr(0, prefix.size()), prefix);
  return zone.error().message.substr(prefix.size());
}

TEST(TzifMalformed, RefusesEveryTruncationOfARealFile) {
  const std::string bytes = zone_file("Europe/Amsterdam");
  ASSERT_GT(bytes.size(), 1000u);
  ASSERT_EQ(refusal(bytes), "accepted");
  for (std::size_t size = 0; size < bytes.size(); ++size) {
    // A copy of exactly `size` bytes, so that reading past it would be caught by a sanitizer.
    const std::string prefix = bytes.substr(0, size);
    EXPECT_NE(refusal(prefix), "accepted") << size;
  }
  EXPECT_EQ(refusal(bytes.substr(0, 30)), "truncated");
  EXPECT_EQ(refusal(bytes.substr(0, bytes.size() - 1)), "no footer");
}

TEST(TzifMalformed, RefusesOtherFilesAndBrokenData) {
  std::string wrong_magic = zone_file("Europe/Amsterdam");
  wrong_magic[3] = 'x';
  EXPECT_EQ(refusal(wrong_magic), "not a TZif file");
  EXPECT_EQ(refusal("# tzdb data for time zone leap seconds\n"), "truncated");
  EXPECT_EQ(refusal(std::string(100, 'x')), "not a TZif file");
  EXPECT_EQ(refusal(make_tzif({.version = '\0'})), "version 1 TZif data is not supported");
  EXPECT_EQ(refusal(make_tzif({.version = '3'})), "accepted");
  EXPECT_EQ(refusal(make_tzif({.leapcnt = 2})),
            "leap seconds are not supported (use a zone outside right/)");
  EXPECT_EQ(refusal(make_tzif({.types = {}})), "inconsistent counts in the header");
  EXPECT_EQ(refusal(make_tzif({.times = {10, 5}, .type_of = {0, 0}})),
            "transition times out of order");
  EXPECT_EQ(refusal(make_tzif({.times = {5, 5}, .type_of = {0, 0}})),
            "transition times out of order");
  EXPECT_EQ(refusal(make_tzif({.times = {5}, .type_of = {1}})),
            "a transition to an undefined local time type");
  EXPECT_EQ(refusal(make_tzif({.types = {26 * 3600}})), "a local time type out of range");
  EXPECT_EQ(refusal(make_tzif({.types = {-26 * 3600}})), "a local time type out of range");
  EXPECT_EQ(refusal(make_tzif({}) + "more"), "no footer");
  // A count near 2^32 must be refused for want of bytes, not allocated.
  std::string huge = make_tzif({});
  huge[44 + 10 + 20 + 12] = '\xff';  // timecnt of the version 2 header
  EXPECT_EQ(refusal(huge), "truncated");
}

TEST(TzifMalformed, SurvivesEveryFlippedByte) {
  for (const char* name : {"UTC", "Europe/Amsterdam"}) {
    const std::string bytes = zone_file(name);
    ASSERT_FALSE(bytes.empty()) << name;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      for (int mask : {0x01, 0x80, 0xff}) {
        std::string broken = bytes;
        broken[i] = static_cast<char>(broken[i] ^ mask);
        auto zone = TimeZone::from_tzif("Test/Zone", broken);
        if (zone) {
          // Whatever it accepted, it can answer for.
          (void)zone->format_local(utc(2026, 6, 1));
          (void)zone->at_local(Date::from_ymd(2045, 3, 26), 2, 30);
        }
      }
    }
  }
}

TEST(TzifLocate, ReadsNothingButAZoneFileUnderTheZoneDirectory) {
  for (std::string_view name :
       {"../etc/passwd", "/etc/passwd", "Europe/../Europe/Amsterdam", "./Europe/Amsterdam",
        "Europe//Amsterdam", "Europe/Amsterdam/", "Europe", "Europe/Amsterdam ",
        "Europe/Amsterdam\n", "leapseconds", "zone.tab", "Europe/Am$terdam"}) {
    SCOPED_TRACE(name);
    auto located = config::locate_time_zone(name);
    ASSERT_FALSE(located.has_value());
    EXPECT_EQ(located.error().kind, ErrorKind::usage);
    EXPECT_EQ(located.error().message, "unknown time zone '" + std::string(name) +
                                           "'; use an IANA name such as Europe/Amsterdam");
  }
}

TEST(TzifLocate, RefusesLeapSecondZones) {
  if (zone_file("right/Europe/Amsterdam").empty()) {
    GTEST_SKIP() << "no right/ zones here";
  }
  auto located = config::locate_time_zone("right/Europe/Amsterdam");
  ASSERT_FALSE(located.has_value());
  EXPECT_EQ(located.error().kind, ErrorKind::unexpected);
  EXPECT_NE(located.error().message.find("leap seconds are not supported"), std::string::npos)
      << located.error().message;
}

TEST(TzifLocate, ReadsTheDirectoryInTzdir) {
  const auto directory =
      std::filesystem::temp_directory_path() / ("bpv_tzif_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory / "Test");
  std::ofstream(directory / "Test" / "Zone", std::ios::binary)
      << make_tzif({.types = {5 * 3600 + 45 * 60}, .footer = "<+0545>-5:45"});
  std::optional<std::string> saved;
  if (const char* tzdir = std::getenv("TZDIR")) {
    saved = tzdir;
  }
  ::setenv("TZDIR", directory.c_str(), 1);
  auto found = config::locate_time_zone("Test/Zone");
  auto missing = config::locate_time_zone("Europe/Amsterdam");
  if (saved) {
    ::setenv("TZDIR", saved->c_str(), 1);
  } else {
    ::unsetenv("TZDIR");
  }
  std::filesystem::remove_all(directory);

  ASSERT_TRUE(found.has_value()) << found.error().message;
  EXPECT_EQ(found->name(), "Test/Zone");
  EXPECT_EQ(found->format_local(utc(2026, 1, 1)), "2026-01-01T05:45:00+05:45");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().kind, ErrorKind::usage);
}

TEST(TzifCopy, CopiesShareTheZoneAndOutliveTheOriginal) {
  static_assert(std::is_nothrow_copy_constructible_v<TimeZone>);
  static_assert(std::is_nothrow_move_assignable_v<TimeZone>);
  std::optional<TimeZone> held;
  {
    auto located = config::locate_time_zone("Australia/Sydney");
    ASSERT_TRUE(located.has_value());
    held = *located;
  }
  const TimeZone copy = *held;
  held.reset();
  EXPECT_EQ(copy.name(), "Australia/Sydney");
  EXPECT_EQ(copy.format_local(utc(2026, 1, 1)), "2026-01-01T11:00:00+11:00");
}

}  // namespace
}  // namespace bpv::core
