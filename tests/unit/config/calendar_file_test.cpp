#include <bpv/config/calendar_file.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

namespace bpv::config {
namespace {

namespace fs = std::filesystem;
using core::Calendar;
using core::Date;
using core::Holiday;
using core::Period;

Date d(int year, unsigned month, unsigned day) {
  return Date::from_ymd(year, month, day);
}

// The repository's root folder: this file is tests/unit/config/calendar_file_test.cpp in it.
fs::path source_root() {
  return fs::path(__FILE__).parent_path().parent_path().parent_path().parent_path();
}

std::vector<Period> periods(const Calendar& calendar) {
  return {calendar.periods().begin(), calendar.periods().end()};
}

std::vector<Holiday> holidays(const Calendar& calendar) {
  return {calendar.holidays().begin(), calendar.holidays().end()};
}

// The periods of `calendar` that start in school year `start_year`.
std::vector<Period> periods_in(const Calendar& calendar, int start_year) {
  std::vector<Period> out;
  for (const auto& period : calendar.periods()) {
    if (core::school_year_of(period.first) == start_year) {
      out.push_back(period);
    }
  }
  return out;
}

// The national open-data service's school year 2026-2027, as in ../shared/data (the published
// dates; padded type names, "heel Nederland", string booleans, UTC instants).
constexpr std::string_view k_open_data_2026_2027 = R"json([
  {
    "id": "schoolvakanties-2026-2027",
    "type": "schoolvakanties",
    "canonical": "https://www.rijksoverheid.nl/onderwerpen/schoolvakanties/overzicht-schoolvakanties-per-schooljaar/overzicht-schoolvakanties-2026-2027",
    "content": [
      {
        "title": "Schoolvakanties 2026-2027",
        "schoolyear": "2026-2027",
        "vacations": [
          {
            "type": "\n            Herfstvakantie\n          ",
            "compulsorydates": "false",
            "regions": [
              {
                "region": "noord",
                "startdate": "2026-10-10T00:00:00.000Z",
                "enddate": "2026-10-18T21:59:00.000Z"
              },
              {
                "region": "midden",
                "startdate": "2026-10-17T00:00:00.000Z",
                "enddate": "2026-10-25T22:59:00.000Z"
              },
              {
                "region": "zuid",
                "startdate": "2026-10-17T00:00:00.000Z",
                "enddate": "2026-10-25T22:59:00.000Z"
              }
            ]
          },
          {
            "type": "Kerstvakantie",
            "compulsorydates": "true",
            "regions": [
              {
                "region": "heel Nederland",
                "startdate": "2026-12-19T00:00:00.000Z",
                "enddate": "2027-01-03T22:59:00.000Z"
              }
            ]
          },
          {
            "type": "Voorjaarsvakantie",
            "compulsorydates": "false",
            "regions": [
              {
                "region": "noord",
                "startdate": "2027-02-20T00:00:00.000Z",
                "enddate": "2027-02-28T22:59:00.000Z"
              },
              {
                "region": "midden",
                "startdate": "2027-02-20T00:00:00.000Z",
                "enddate": "2027-02-28T22:59:00.000Z"
              },
              {
                "region": "zuid",
                "startdate": "2027-02-13T00:00:00.000Z",
                "enddate": "2027-02-21T22:59:00.000Z"
              }
            ]
          },
          {
            "type": "Meivakantie",
            "compulsorydates": "true",
            "regions": [
              {
                "region": "heel Nederland",
                "startdate": "2027-04-24T00:00:00.000Z",
                "enddate": "2027-05-02T21:59:00.000Z"
              }
            ]
          },
          {
            "type": "Zomervakantie",
            "compulsorydates": "true",
            "regions": [
              {
                "region": "noord",
                "startdate": "2027-07-10T00:00:00.000Z",
                "enddate": "2027-08-22T21:59:00.000Z"
              },
              {
                "region": "midden",
                "startdate": "2027-07-17T00:00:00.000Z",
                "enddate": "2027-08-29T21:59:00.000Z"
              },
              {
                "region": "zuid",
                "startdate": "2027-07-24T00:00:00.000Z",
                "enddate": "2027-09-05T21:59:00.000Z"
              }
            ]
          }
        ]
      }
    ],
    "notice": "Voor de herfstvakantie en de voorjaarsvakantie geldt een adviesdatum.",
    "authorities": [
      "Ministerie van Onderwijs, Cultuur en Wetenschap"
    ],
    "creators": [
      "Ministerie van Onderwijs, Cultuur en Wetenschap"
    ],
    "license": "CC0 1.0 Universal",
    "rightsholders": [
      "Ministerie van Onderwijs, Cultuur en Wetenschap"
    ],
    "language": "nl",
    "location": "Nederland",
    "lastmodified": "2025-06-01T10:00:00.000Z"
  }
])json";

constexpr std::string_view k_own_calendar = R"yaml(# A college's own calendar.
version: 1
calendar: roc-utrecht
school_year: 2026-2027
vacations:
  - name: herfstvakantie
    first: 2026-10-17
    last: 2026-10-25
  - {name: kerstvakantie, first: 2026-12-19, last: 2027-01-03}
  - {name: "studiedag: \"toetsweek\"", first: 2027-03-01, last: 2027-03-01}
public_holidays:
  - {date: 2026-12-25, name: Eerste Kerstdag}
  - {date: 2027-04-27, name: "yes"}
)yaml";

TEST(ReadCalendarYaml, ReadsOneCalendar) {
  auto read = read_calendar_yaml(std::string(k_own_calendar), "roc.yaml");
  ASSERT_TRUE(read.has_value()) << read.error().message;
  ASSERT_EQ(read->size(), 1u);
  const Calendar& calendar = read->front();
  EXPECT_EQ(calendar.name(), "roc-utrecht");
  const std::vector<Period> expected = {
      {"herfstvakantie", d(2026, 10, 17), d(2026, 10, 25)},
      {"kerstvakantie", d(2026, 12, 19), d(2027, 1, 3)},
      {"studiedag: \"toetsweek\"", d(2027, 3, 1), d(2027, 3, 1)},
  };
  EXPECT_EQ(periods(calendar), expected);
  const std::vector<Holiday> expected_holidays = {{d(2026, 12, 25), "Eerste Kerstdag"},
                                                  {d(2027, 4, 27), "yes"}};
  EXPECT_EQ(holidays(calendar), expected_holidays);
}

TEST(ReadCalendarYaml, WrittenCalendarsReadBackEqual) {
  auto first = read_calendar_yaml(std::string(k_own_calendar), "roc.yaml");
  ASSERT_TRUE(first.has_value()) << first.error().message;
  Calendar other("zuid");
  other.add_period({"zomervakantie", d(2027, 7, 24), d(2027, 9, 5)});
  Calendar only_holidays{std::string(core::k_public_holidays_calendar)};
  only_holidays.add_holiday({d(2027, 1, 1), "Nieuwjaarsdag"});
  const std::vector<std::vector<Calendar>> cases = {
      *first, {first->front(), other, only_holidays}, {Calendar("leeg")}};
  for (const auto& calendars : cases) {
    const std::string text = write_calendar_yaml(calendars);
    SCOPED_TRACE(text);
    auto again = read_calendar_yaml(text, "written.yaml");
    ASSERT_TRUE(again.has_value()) << again.error().message;
    EXPECT_EQ(*again, calendars);
    EXPECT_EQ(write_calendar_yaml(*again), text);
  }
}

TEST(ReadCalendarYaml, WritesOneFlowMappingPerLine) {
  Calendar calendar("midden");
  calendar.add_period({"herfstvakantie", d(2026, 10, 17), d(2026, 10, 25)});
  calendar.add_holiday({d(2026, 12, 25), "Eerste Kerstdag"});
  EXPECT_EQ(write_calendar_yaml(std::vector<Calendar>{calendar}),
            "version: 1\n"
            "calendar: midden\n"
            "vacations:\n"
            "  - {name: herfstvakantie, first: 2026-10-17, last: 2026-10-25}\n"
            "public_holidays:\n"
            "  - {date: 2026-12-25, name: Eerste Kerstdag}\n");
}

TEST(ReadCalendarYaml, MergesBlocksOfTheSameCalendarInAList) {
  const std::string text = R"yaml(version: 1
calendars:
  - calendar: noord
    school_year: 2026-2027
    vacations:
      - {name: herfstvakantie, first: 2026-10-10, last: 2026-10-18}
  - calendar: zuid
    vacations:
      - {name: herfstvakantie, first: 2026-10-17, last: 2026-10-25}
  - calendar: noord
    school_year: 2027-2028
    vacations:
      - {name: herfstvakantie, first: 2027-10-16, last: 2027-10-24}
)yaml";
  auto read = read_calendar_yaml(text, "regions.yaml");
  ASSERT_TRUE(read.has_value()) << read.error().message;
  ASSERT_EQ(read->size(), 2u);
  EXPECT_EQ((*read)[0].name(), "noord");
  EXPECT_EQ((*read)[0].periods().size(), 2u);
  EXPECT_EQ((*read)[1].name(), "zuid");
  EXPECT_EQ((*read)[1].periods().size(), 1u);
}

struct Malformed {
  const char* what;
  const char* text;
  const char* message;
};

TEST(ReadCalendarYaml, RefusesMalformedFilesNamingFileAndLine) {
  const Malformed cases[] = {
      {"bad date",
       "version: 1\ncalendar: midden\nvacations:\n"
       "  - {name: herfstvakantie, first: 2026-13-17, last: 2026-10-25}\n",
       "cal.yaml:4: first: '2026-13-17' is not a valid date"},
      {"date in another format",
       "version: 1\ncalendar: midden\nvacations:\n"
       "  - name: herfstvakantie\n    first: 2026-10-17\n    last: 25-10-2026\n",
       "cal.yaml:6: last: '25-10-2026' is not a date; write YYYY-MM-DD"},
      {"last before first",
       "version: 1\ncalendar: midden\nvacations:\n"
       "  - {name: herfstvakantie, first: 2026-10-17, last: 2026-10-15}\n",
       "cal.yaml:4: herfstvakantie ends on 2026-10-15, before it starts on 2026-10-17"},
      {"unknown key in a vacation",
       "version: 1\ncalendar: midden\nvacations:\n"
       "  - name: herfstvakantie\n    frist: 2026-10-17\n    last: 2026-10-25\n",
       "cal.yaml:5: unknown key 'frist' in a vacation; expected name, first, last"},
      {"unknown key at the top", "version: 1\ncalendar: midden\nholidays: []\n",
       "cal.yaml:3: unknown key 'holidays' in a calendar file; expected version, calendar, "
       "school_year, vacations, public_holidays"},
      {"missing field",
       "version: 1\ncalendar: midden\nvacations:\n"
       "  - name: herfstvakantie\n    first: 2026-10-17\n",
       "cal.yaml:4: vacation herfstvakantie is missing 'last'"},
      {"empty field",
       "version: 1\ncalendar: midden\nvacations:\n"
       "  - name: herfstvakantie\n    first:\n    last: 2026-10-25\n",
       "cal.yaml:5: vacation herfstvakantie is missing 'first'"},
      {"holiday without a name",
       "version: 1\ncalendar: midden\npublic_holidays:\n  - {date: 2026-12-25}\n",
       "cal.yaml:4: a public holiday is missing 'name'"},
      {"missing version", "calendar: midden\n",
       "cal.yaml:1: missing key 'version'; a calendar file starts with 'version: 1'"},
      {"unknown version", "version: 2\ncalendar: midden\n",
       "cal.yaml:1: calendar file version '2' is not known to this bpv; it reads version 1"},
      {"missing calendar name", "version: 1\nvacations: []\n",
       "cal.yaml:1: missing key 'calendar' (the calendar's name, such as midden)"},
      {"bad calendar name", "version: 1\ncalendar: ROC Utrecht\n",
       "cal.yaml:2: calendar name 'ROC Utrecht' must be lower-case letters and digits, with '-', "
       "'_' or '.' between them (such as midden or roc-utrecht)"},
      {"bad school year", "version: 1\ncalendar: midden\nschool_year: 2026/2027\n",
       "cal.yaml:3: school_year: '2026/2027' is not a school year; write it as 2026-2027"},
      {"vacation outside the school year",
       "version: 1\ncalendar: midden\nschool_year: 2026-2027\nvacations:\n"
       "  - {name: herfstvakantie, first: 2025-10-17, last: 2025-10-25}\n",
       "cal.yaml:5: herfstvakantie starts on 2025-10-17, outside school year 2026-2027 "
       "(2026-08-01 to 2027-07-31)"},
      {"vacation listed twice",
       "version: 1\ncalendar: midden\nvacations:\n"
       "  - {name: herfstvakantie, first: 2026-10-17, last: 2026-10-25}\n"
       "  - {name: herfstvakantie, first: 2026-10-10, last: 2026-10-18}\n",
       "cal.yaml:5: herfstvakantie of school year 2026-2027 is listed twice (also at line 4)"},
      {"holiday listed twice",
       "version: 1\ncalendar: midden\npublic_holidays:\n"
       "  - {date: 2026-12-25, name: Eerste Kerstdag}\n"
       "  - {date: 2026-12-25, name: Kerstmis}\n",
       "cal.yaml:5: 2026-12-25 is listed twice (also at line 4); give one name per day"},
      {"vacations not a list", "version: 1\ncalendar: midden\nvacations: herfst\n",
       "cal.yaml:3: vacations must be a list"},
      {"vacation not a mapping", "version: 1\ncalendar: midden\nvacations:\n  - herfst\n",
       "cal.yaml:4: a vacation must be a mapping with name, first and last"},
      {"unknown key in a listed calendar",
       "version: 1\ncalendars:\n  - calendar: midden\n    region: midden\n",
       "cal.yaml:4: unknown key 'region' in a calendar; expected calendar, school_year, "
       "vacations, public_holidays"},
      {"calendar beside calendars", "version: 1\ncalendar: midden\ncalendars: []\n",
       "cal.yaml:2: unknown key 'calendar' in a file with 'calendars'; expected version, "
       "calendars"},
      {"empty list of calendars", "version: 1\ncalendars: []\n",
       "cal.yaml:2: calendars must be a list of calendars, each with 'calendar: NAME'"},
      {"not a mapping", "- midden\n",
       "cal.yaml:1: a calendar file must be a mapping of keys (version, calendar, vacations, "
       "...)"},
      {"empty file", "# nothing\n",
       "cal.yaml: the file is empty; a calendar file starts with 'version: 1'"},
      {"YAML syntax", "version: 1\ncalendar: midden\nvacations: [\n",
       "cal.yaml:4: end of sequence flow not found"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    auto read = read_calendar_yaml(c.text, "cal.yaml");
    ASSERT_FALSE(read.has_value());
    EXPECT_EQ(read.error().kind, ErrorKind::usage);
    EXPECT_EQ(read.error().message, c.message);
  }
}

TEST(ReadOpenDataJson, ReadsTheSchoolYear2026To2027PerRegion) {
  auto read = read_open_data_json(std::string(k_open_data_2026_2027), "vakanties.json");
  ASSERT_TRUE(read.has_value()) << read.error().message;
  ASSERT_EQ(read->size(), 3u);
  EXPECT_EQ((*read)[0].name(), "noord");
  EXPECT_EQ((*read)[1].name(), "midden");
  EXPECT_EQ((*read)[2].name(), "zuid");
  const Calendar& noord = (*read)[0];
  const Calendar& midden = (*read)[1];
  const std::vector<Period> expected_midden = {
      {"herfstvakantie", d(2026, 10, 17), d(2026, 10, 25)},
      {"kerstvakantie", d(2026, 12, 19), d(2027, 1, 3)},
      {"voorjaarsvakantie", d(2027, 2, 20), d(2027, 2, 28)},
      {"meivakantie", d(2027, 4, 24), d(2027, 5, 2)},
      {"zomervakantie", d(2027, 7, 17), d(2027, 8, 29)},
  };
  EXPECT_EQ(periods(midden), expected_midden);
  ASSERT_NE(noord.vacation_on(d(2027, 8, 22)), nullptr);
  EXPECT_EQ(noord.vacation_on(d(2027, 8, 22))->name, "zomervakantie");
  EXPECT_EQ(noord.vacation_on(d(2027, 8, 22))->last, d(2027, 8, 22));
  EXPECT_EQ(noord.vacation_on(d(2027, 8, 23)), nullptr);
  for (const auto& calendar : *read) {
    SCOPED_TRACE(calendar.name());
    EXPECT_EQ(calendar.periods().size(), 5u);
    EXPECT_TRUE(calendar.holidays().empty());
    ASSERT_NE(calendar.vacation_on(d(2027, 1, 3)), nullptr);  // "heel Nederland"
    EXPECT_EQ(calendar.vacation_on(d(2027, 1, 3))->first, d(2026, 12, 19));
  }
}

TEST(ReadOpenDataJson, AgreesWithTheShippedExampleCalendars) {
  auto open_data = read_open_data_json(std::string(k_open_data_2026_2027), "vakanties.json");
  ASSERT_TRUE(open_data.has_value()) << open_data.error().message;
  for (const auto& calendar : *open_data) {
    SCOPED_TRACE(calendar.name());
    auto example =
        read_calendar_file(source_root() / "examples" / "calendars" / (calendar.name() + ".yaml"));
    ASSERT_TRUE(example.has_value()) << example.error().message;
    ASSERT_EQ(example->size(), 1u);
    EXPECT_EQ(periods_in(example->front(), 2026), periods(calendar));
  }
}

TEST(ReadOpenDataJson, ConvertsUtcInstantsToAmsterdamDates) {
  // Summer time (UTC+2) on 10 October, winter time (UTC+1) from 25 October 2026.
  const std::string text = R"json({"content": [{"schoolyear": "2026-2027", "vacations": [
      {"type": "Herfstvakantie", "compulsorydates": "false", "regions": [
        {"region": "noord", "startdate": "2026-10-09T22:00:00.000Z",
         "enddate": "2026-10-18T21:59:00Z"},
        {"region": "zuid", "startdate": "2026-10-17T00:00:00Z",
         "enddate": "2026-10-25T23:30:00.000Z"},
        {"region": "midden", "startdate": "2026-10-17T00:00:00+02:00",
         "enddate": "2026-10-25T23:59:59+01:00"}]}]}]})json";
  auto read = read_open_data_json(text, "one.json");
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(periods((*read)[0]),
            (std::vector<Period>{{"herfstvakantie", d(2026, 10, 10), d(2026, 10, 18)}}));
  EXPECT_EQ(periods((*read)[1]),
            (std::vector<Period>{{"herfstvakantie", d(2026, 10, 17), d(2026, 10, 25)}}));
  EXPECT_EQ(periods((*read)[2]),
            (std::vector<Period>{{"herfstvakantie", d(2026, 10, 17), d(2026, 10, 26)}}));
}

// A document of one vacation in one region, with `vacation` and `region` spliced in.
std::string one_vacation(const std::string& vacation, const std::string& region) {
  return R"([{"content": [{"schoolyear": "2026-2027", "vacations": [{)" + vacation +
         R"(, "regions": [{)" + region + "}]}]}]}]";
}

const std::string k_vacation = R"("type": " Herfstvakantie ", "compulsorydates": "true")";
const std::string k_region = R"("region": "noord", "startdate": "2026-10-10T00:00:00.000Z",
                                "enddate": "2026-10-18T21:59:00.000Z")";

TEST(ReadOpenDataJson, TheSpliceOfTheMalformedCasesIsWellFormed) {
  auto read = read_open_data_json(one_vacation(k_vacation, k_region), "v.json");
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(periods((*read)[0]),
            (std::vector<Period>{{"herfstvakantie", d(2026, 10, 10), d(2026, 10, 18)}}));
  EXPECT_TRUE((*read)[1].empty());
}

TEST(ReadOpenDataJson, RefusesMalformedInputNamingTheJsonPath) {
  const std::string at = "v.json: $[0].content[0].vacations[0]";
  struct Case {
    const char* what;
    std::string text;
    std::string message;
  };
  const Case cases[] = {
      {"not JSON", "[{\"content\": ",
       "v.json: not valid JSON: parse error at line 1, column 14: "
       "syntax error while parsing value - unexpected end of "
       "input; expected '[', '{', or a literal"},
      {"no content", R"([{"id": "x"}])", "v.json: $[0]: missing 'content'"},
      {"empty list", "[]", "v.json: $: the list of school years is empty"},
      {"bad school year", R"([{"content": [{"schoolyear": "2026", "vacations": []}]}])",
       "v.json: $[0].content[0].schoolyear: '2026' is not a school year; write it as 2026-2027"},
      {"type not a text", one_vacation(R"("type": 3)", k_region), at + ".type: must be a text"},
      {"string boolean",
       one_vacation(R"("type": "Herfstvakantie", "compulsorydates": "ja")", k_region),
       at + ".compulsorydates: must be \"true\" or \"false\""},
      {"unknown region",
       one_vacation(k_vacation, R"("region": "oost", "startdate": "2026-10-10T00:00:00Z",
                                   "enddate": "2026-10-18T21:59:00Z")"),
       at + ".regions[0].region: unknown region 'oost'; expected noord, midden, zuid or heel "
            "Nederland"},
      {"date without time",
       one_vacation(k_vacation, R"("region": "noord", "startdate": "2026-10-10T00:00:00Z",
                                   "enddate": "2026-10-18")"),
       at + ".regions[0].enddate: '2026-10-18' is not a UTC instant such as "
            "2026-10-25T22:59:00.000Z"},
      {"local time without zone",
       one_vacation(k_vacation, R"("region": "noord", "startdate": "2026-10-10T00:00:00",
                                   "enddate": "2026-10-18T21:59:00Z")"),
       at + ".regions[0].startdate: '2026-10-10T00:00:00' is not a UTC instant such as "
            "2026-10-25T22:59:00.000Z"},
      {"missing end date", one_vacation(k_vacation, R"("region": "noord",
                                   "startdate": "2026-10-10T00:00:00Z")"),
       at + ".regions[0]: missing 'enddate'"},
      {"end before start",
       one_vacation(k_vacation, R"("region": "noord", "startdate": "2026-10-10T00:00:00Z",
                                   "enddate": "2026-10-09T12:00:00Z")"),
       at + ".regions[0]: herfstvakantie ends on 2026-10-09, before it starts on 2026-10-10"},
      {"outside the school year",
       one_vacation(k_vacation, R"("region": "noord", "startdate": "2027-10-10T00:00:00Z",
                                   "enddate": "2027-10-18T21:59:00Z")"),
       at + ".regions[0].startdate: herfstvakantie starts on 2027-10-10, outside school year "
            "2026-2027"},
      {"listed twice",
       R"([{"content": [{"schoolyear": "2026-2027", "vacations": [{)" + k_vacation +
           R"(, "regions": [{"region": "heel Nederland", "startdate": "2026-10-10T00:00:00Z",
           "enddate": "2026-10-18T21:59:00Z"}, {)" +
           k_region + "}]}]}]}]",
       at + ".regions[1]: herfstvakantie 2026-2027 for region noord is listed twice (also at "
            "$[0].content[0].vacations[0].regions[0])"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    auto read = read_open_data_json(c.text, "v.json");
    ASSERT_FALSE(read.has_value());
    EXPECT_EQ(read.error().kind, ErrorKind::usage);
    EXPECT_EQ(read.error().message, c.message);
  }
}

TEST(ReadCalendarFile, LoadsEveryShippedExampleCalendar) {
  const fs::path folder = source_root() / "examples" / "calendars";
  ASSERT_TRUE(fs::is_directory(folder)) << folder;
  std::set<std::string> names;
  int files = 0;
  for (const auto& entry : fs::directory_iterator(folder)) {
    SCOPED_TRACE(entry.path().string());
    ++files;
    auto read = read_calendar_file(entry.path());
    ASSERT_TRUE(read.has_value()) << read.error().message;
    ASSERT_EQ(read->size(), 1u);
    const Calendar& calendar = read->front();
    EXPECT_EQ(entry.path().stem().string(), calendar.name());
    names.insert(calendar.name());
    if (calendar.name() == core::k_public_holidays_calendar) {
      EXPECT_TRUE(calendar.periods().empty());
      EXPECT_EQ(calendar.holidays().size(), 44u);  // 11 a year, 2025 to 2028
      EXPECT_EQ(calendar.holiday_on(d(2026, 12, 25))->name, "Eerste Kerstdag");
      EXPECT_EQ(calendar.holiday_on(d(2027, 4, 27))->name, "Koningsdag");
      EXPECT_EQ(calendar.holiday_on(d(2025, 4, 26))->name, "Koningsdag");
    } else {
      EXPECT_TRUE(calendar.holidays().empty());
      EXPECT_EQ(calendar.periods().size(), 21u);  // five a year, six in 2027-2028
      EXPECT_EQ(core::school_year_of(calendar.periods().front().first), 2024);
      EXPECT_EQ(core::school_year_of(calendar.periods().back().first), 2027);
    }
    auto again = read_calendar_yaml(write_calendar_yaml(*read), "written.yaml");
    ASSERT_TRUE(again.has_value()) << again.error().message;
    EXPECT_EQ(*again, *read);
  }
  EXPECT_EQ(files, 4);
  EXPECT_EQ(names, (std::set<std::string>{"midden", "nl-holidays", "noord", "zuid"}));
}

// A file under the test's temporary folder, removed at the end.
class TempFile {
 public:
  TempFile(const std::string& name, const std::string& text)
      : m_path(fs::path(::testing::TempDir()) /
               ("bpv_calendar_" + std::to_string(::getpid()) + "_" + name)) {
    std::ofstream(m_path, std::ios::binary) << text;
  }
  ~TempFile() {
    std::error_code ec;
    fs::remove(m_path, ec);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const fs::path& path() const { return m_path; }

 private:
  fs::path m_path;
};

TEST(ReadCalendarFile, ChoosesTheFormatByExtensionOrContent) {
  const TempFile json("vakanties.json", std::string(k_open_data_2026_2027));
  const TempFile json_without_extension("vakanties", std::string(k_open_data_2026_2027));
  const TempFile yaml("roc.yaml", std::string(k_own_calendar));
  for (const auto* file : {&json, &json_without_extension}) {
    auto read = read_calendar_file(file->path());
    ASSERT_TRUE(read.has_value()) << read.error().message;
    EXPECT_EQ(read->size(), 3u);
  }
  auto read = read_calendar_file(yaml.path());
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(read->front().name(), "roc-utrecht");

  const TempFile bad("bad.yaml", "version: 1\ncalendar: midden\nvacations: [\n");
  auto failed = read_calendar_file(bad.path());
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().message, bad.path().string() + ":4: end of sequence flow not found");
}

TEST(ReadCalendarFile, NamesAFileItCannotRead) {
  auto read = read_calendar_file("/nonexistent/calendar.yaml");
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().kind, ErrorKind::usage);
  EXPECT_EQ(read.error().message, "cannot read calendar file /nonexistent/calendar.yaml");
}

}  // namespace
}  // namespace bpv::config
