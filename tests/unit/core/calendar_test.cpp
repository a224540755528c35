#include <bpv/core/calendar.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace bpv::core {
namespace {

Date d(int year, unsigned month, unsigned day) {
  return Date::from_ymd(year, month, day);
}

// The vacation name on `date`, or "" when none.
std::string vacation_name(const Calendar& calendar, Date date) {
  const Period* period = calendar.vacation_on(date);
  return period == nullptr ? "" : period->name;
}

Calendar midden_2026_2027() {
  Calendar calendar("midden");
  calendar.add_period({"zomervakantie", d(2027, 7, 17), d(2027, 8, 29)});
  calendar.add_period({"herfstvakantie", d(2026, 10, 17), d(2026, 10, 25)});
  calendar.add_period({"kerstvakantie", d(2026, 12, 19), d(2027, 1, 3)});
  calendar.add_holiday({d(2026, 12, 26), "Tweede Kerstdag"});
  calendar.add_holiday({d(2026, 12, 25), "Eerste Kerstdag"});
  return calendar;
}

TEST(Calendar, VacationHoldsItsFirstAndLastDayButNotTheDaysAround) {
  const Calendar calendar = midden_2026_2027();
  EXPECT_EQ(vacation_name(calendar, d(2026, 10, 16)), "");
  EXPECT_EQ(vacation_name(calendar, d(2026, 10, 17)), "herfstvakantie");
  EXPECT_EQ(vacation_name(calendar, d(2026, 10, 21)), "herfstvakantie");
  EXPECT_EQ(vacation_name(calendar, d(2026, 10, 25)), "herfstvakantie");
  EXPECT_EQ(vacation_name(calendar, d(2026, 10, 26)), "");
}

TEST(Calendar, VacationCrossingTheYearHoldsBothEnds) {
  const Calendar calendar = midden_2026_2027();
  EXPECT_EQ(vacation_name(calendar, d(2026, 12, 18)), "");
  EXPECT_EQ(vacation_name(calendar, d(2026, 12, 19)), "kerstvakantie");
  EXPECT_EQ(vacation_name(calendar, d(2026, 12, 31)), "kerstvakantie");
  EXPECT_EQ(vacation_name(calendar, d(2027, 1, 1)), "kerstvakantie");
  EXPECT_EQ(vacation_name(calendar, d(2027, 1, 3)), "kerstvakantie");
  EXPECT_EQ(vacation_name(calendar, d(2027, 1, 4)), "");
}

TEST(Calendar, HolidayOnItsDateOnly) {
  const Calendar calendar = midden_2026_2027();
  ASSERT_NE(calendar.holiday_on(d(2026, 12, 25)), nullptr);
  EXPECT_EQ(calendar.holiday_on(d(2026, 12, 25))->name, "Eerste Kerstdag");
  EXPECT_EQ(calendar.holiday_on(d(2026, 12, 26))->name, "Tweede Kerstdag");
  EXPECT_EQ(calendar.holiday_on(d(2026, 12, 24)), nullptr);
  EXPECT_EQ(calendar.holiday_on(d(2026, 12, 27)), nullptr);
  EXPECT_EQ(Calendar("empty").holiday_on(d(2026, 12, 25)), nullptr);
  EXPECT_EQ(Calendar("empty").vacation_on(d(2026, 12, 25)), nullptr);
}

TEST(Calendar, KeepsPeriodsAndHolidaysSorted) {
  const Calendar calendar = midden_2026_2027();
  ASSERT_EQ(calendar.periods().size(), 3u);
  EXPECT_EQ(calendar.periods()[0].name, "herfstvakantie");
  EXPECT_EQ(calendar.periods()[1].name, "kerstvakantie");
  EXPECT_EQ(calendar.periods()[2].name, "zomervakantie");
  ASSERT_EQ(calendar.holidays().size(), 2u);
  EXPECT_EQ(calendar.holidays()[0].date, d(2026, 12, 25));
  EXPECT_EQ(calendar.name(), "midden");
}

TEST(Calendar, OverlappingPeriodsGiveTheOneThatStartsLast) {
  // 2027-2028: an advised extra week before the meivakantie, overlapping it by two days.
  Calendar calendar("midden");
  calendar.add_period({"meivakantie", d(2028, 4, 29), d(2028, 5, 7)});
  calendar.add_period({"meivakantie-adviesweek", d(2028, 4, 22), d(2028, 4, 30)});
  EXPECT_EQ(vacation_name(calendar, d(2028, 4, 21)), "");
  EXPECT_EQ(vacation_name(calendar, d(2028, 4, 22)), "meivakantie-adviesweek");
  EXPECT_EQ(vacation_name(calendar, d(2028, 4, 28)), "meivakantie-adviesweek");
  EXPECT_EQ(vacation_name(calendar, d(2028, 4, 29)), "meivakantie");
  EXPECT_EQ(vacation_name(calendar, d(2028, 4, 30)), "meivakantie");
  EXPECT_EQ(vacation_name(calendar, d(2028, 5, 7)), "meivakantie");
  EXPECT_EQ(vacation_name(calendar, d(2028, 5, 8)), "");
}

TEST(Calendar, FindsALongPeriodBehindAShortOneInsideIt) {
  Calendar calendar("school");
  calendar.add_period({"zomer", d(2027, 7, 1), d(2027, 8, 31)});
  calendar.add_period({"studiedagen", d(2027, 7, 10), d(2027, 7, 12)});
  EXPECT_EQ(vacation_name(calendar, d(2027, 7, 11)), "studiedagen");
  EXPECT_EQ(vacation_name(calendar, d(2027, 7, 13)), "zomer");
  EXPECT_EQ(vacation_name(calendar, d(2027, 8, 15)), "zomer");
  EXPECT_EQ(vacation_name(calendar, d(2027, 9, 1)), "");
}

TEST(Calendar, LookupsAgreeWithAScanOverEveryDayFrom2024To2029) {
  Calendar calendar("mixed");
  const std::vector<Period> periods = {
      {"a", d(2024, 10, 19), d(2024, 10, 27)}, {"b", d(2024, 12, 21), d(2025, 1, 5)},
      {"c", d(2025, 7, 1), d(2025, 9, 30)},    {"d", d(2025, 7, 5), d(2025, 7, 6)},
      {"e", d(2025, 8, 30), d(2025, 10, 5)},   {"f", d(2026, 2, 14), d(2026, 2, 14)},
      {"g", d(2027, 1, 1), d(2028, 12, 31)},   {"h", d(2027, 6, 1), d(2027, 6, 30)},
  };
  for (const auto& period : periods) {
    calendar.add_period(period);
  }
  for (Date date = d(2024, 1, 1); date <= d(2029, 12, 31); date = date.plus_days(1)) {
    const Period* expected = nullptr;
    for (const auto& period : periods) {
      if (period.first <= date && date <= period.last &&
          (expected == nullptr || period.first > expected->first)) {
        expected = &period;
      }
    }
    const Period* found = calendar.vacation_on(date);
    ASSERT_EQ(found == nullptr, expected == nullptr) << date.to_string();
    if (found != nullptr) {
      ASSERT_EQ(found->name, expected->name) << date.to_string();
    }
  }
}

TEST(Calendar, AddingAPeriodReplacesTheSameNameInTheSameSchoolYear) {
  Calendar calendar = midden_2026_2027();
  calendar.add_period({"herfstvakantie", d(2026, 10, 10), d(2026, 10, 18)});  // corrected
  calendar.add_period({"herfstvakantie", d(2027, 10, 16), d(2027, 10, 24)});  // next year
  ASSERT_EQ(calendar.periods().size(), 4u);
  EXPECT_EQ(vacation_name(calendar, d(2026, 10, 10)), "herfstvakantie");
  EXPECT_EQ(vacation_name(calendar, d(2026, 10, 25)), "");
  EXPECT_EQ(vacation_name(calendar, d(2027, 10, 20)), "herfstvakantie");
}

TEST(Calendar, AddingAHolidayReplacesTheOneOnThatDate) {
  Calendar calendar = midden_2026_2027();
  calendar.add_holiday({d(2026, 12, 25), "Kerstmis"});
  ASSERT_EQ(calendar.holidays().size(), 2u);
  EXPECT_EQ(calendar.holiday_on(d(2026, 12, 25))->name, "Kerstmis");
}

TEST(Calendar, ReplaceFromReplacesTheSchoolYearsAndCalendarYearsItCovers) {
  Calendar stored("midden");
  stored.add_period({"herfstvakantie", d(2025, 10, 18), d(2025, 10, 26)});
  stored.add_period({"herfstvakantie", d(2026, 10, 10), d(2026, 10, 18)});
  stored.add_period({"studieweek", d(2027, 3, 1), d(2027, 3, 5)});  // gone from the new file
  stored.add_holiday({d(2025, 12, 25), "Eerste Kerstdag"});
  stored.add_holiday({d(2026, 4, 27), "Koningsdag"});

  Calendar imported("whatever");
  imported.add_period({"herfstvakantie", d(2026, 10, 17), d(2026, 10, 25)});
  imported.add_period({"kerstvakantie", d(2026, 12, 19), d(2027, 1, 3)});
  imported.add_holiday({d(2026, 12, 25), "Eerste Kerstdag"});
  stored.replace_from(imported);

  EXPECT_EQ(stored.name(), "midden");
  const std::vector<Period> expected = {
      {"herfstvakantie", d(2025, 10, 18), d(2025, 10, 26)},
      {"herfstvakantie", d(2026, 10, 17), d(2026, 10, 25)},
      {"kerstvakantie", d(2026, 12, 19), d(2027, 1, 3)},
  };
  EXPECT_EQ(std::vector<Period>(stored.periods().begin(), stored.periods().end()), expected);
  const std::vector<Holiday> holidays = {{d(2025, 12, 25), "Eerste Kerstdag"},
                                         {d(2026, 12, 25), "Eerste Kerstdag"}};
  EXPECT_EQ(std::vector<Holiday>(stored.holidays().begin(), stored.holidays().end()), holidays);
  EXPECT_EQ(vacation_name(stored, d(2027, 3, 2)), "");
}

TEST(Calendar, AddHolidaysFromKeepsTheCalendarsOwnName) {
  Calendar school("roc-utrecht");
  school.add_holiday({d(2026, 12, 25), "Kerst"});
  Calendar national{std::string(k_public_holidays_calendar)};
  national.add_holiday({d(2026, 12, 25), "Eerste Kerstdag"});
  national.add_holiday({d(2026, 12, 26), "Tweede Kerstdag"});
  school.add_holidays_from(national);
  EXPECT_EQ(school.holiday_on(d(2026, 12, 25))->name, "Kerst");
  EXPECT_EQ(school.holiday_on(d(2026, 12, 26))->name, "Tweede Kerstdag");
  EXPECT_EQ(school.name(), "roc-utrecht");
}

TEST(SchoolYear, RunsFromTheFirstOfAugustToTheThirtyFirstOfJuly) {
  EXPECT_EQ(school_year_of(d(2026, 7, 31)), 2025);
  EXPECT_EQ(school_year_of(d(2026, 8, 1)), 2026);
  EXPECT_EQ(school_year_of(d(2027, 1, 1)), 2026);
  EXPECT_EQ(school_year_name(2026), "2026-2027");
  EXPECT_EQ(school_year_first(2026), d(2026, 8, 1));
  EXPECT_EQ(school_year_last(2026), d(2027, 7, 31));
}

TEST(SchoolYear, ParsesOnlyConsecutiveYears) {
  EXPECT_EQ(parse_school_year("2026-2027").value(), 2026);
  for (std::string_view bad :
       {"2026-2028", "2026/2027", "2026", "26-27", "2026-2027 ", "abcd-efgh", "2026--027", ""}) {
    SCOPED_TRACE(bad);
    auto parsed = parse_school_year(bad);
    ASSERT_FALSE(parsed.has_value());
    EXPECT_EQ(parsed.error().kind, ErrorKind::usage);
    EXPECT_EQ(parsed.error().message,
              "'" + std::string(bad) + "' is not a school year; write it as 2026-2027");
  }
}

TEST(CalendarName, AllowsLowerCaseWordsJoinedByDashUnderscoreOrDot) {
  for (std::string_view good :
       {"midden", "noord", "nl-holidays", "roc-midden-nederland", "roc_mn.2026", "a", "x1"}) {
    EXPECT_TRUE(is_valid_calendar_name(good)) << good;
  }
  const std::string too_long(65, 'a');
  for (std::string_view bad :
       {std::string_view(""), std::string_view("Midden"), std::string_view("roc midden"),
        std::string_view("-midden"), std::string_view("midden-"), std::string_view("a--b"),
        std::string_view("a.-b"), std::string_view("zuid/oost"), std::string_view("\xc3\xbc"),
        std::string_view(too_long)}) {
    EXPECT_FALSE(is_valid_calendar_name(bad)) << bad;
  }
  EXPECT_TRUE(is_valid_calendar_name(std::string(64, 'a')));
  EXPECT_TRUE(is_valid_calendar_name(k_default_calendar));
  EXPECT_TRUE(is_valid_calendar_name(k_public_holidays_calendar));
}

}  // namespace
}  // namespace bpv::core
