#include <bpv/core/rules.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

namespace bpv::core {

// gtest prints flags this way (found by argument-dependent lookup, so not in the unnamed
// namespace).
void PrintTo(const Flag& flag, std::ostream* out) {
  *out << flag.code << " " << to_string(flag.severity) << " "
       << (flag.date ? flag.date->to_string() : flag.week->to_string()) << " \"" << flag.detail
       << "\"";
}

namespace {

Date d(int year, unsigned month, unsigned day) {
  return Date::from_ymd(year, month, day);
}

IsoWeek w(int year, int number) {
  return IsoWeek::make(year, number).value();
}

constexpr Minutes hm(Minutes hours, Minutes minutes = 0) {
  return hours * 60 + minutes;
}

// Settings with only `rule` switched on.
RuleSettings only(Rule rule) {
  RuleSettings settings;
  for (const auto& info : k_rules) {
    if (info.rule != rule) {
      settings.disable(info.rule);
    }
  }
  return settings;
}

// A BOL placement of the school year 2026-2027: 32 hours a week, 8 a day.
PlacementFacts placement() {
  PlacementFacts facts;
  facts.start = d(2026, 9, 1);
  facts.end = d(2027, 6, 30);
  facts.week_minutes = hm(32);
  facts.day_minutes = hm(8);
  return facts;
}

Calendar midden() {
  Calendar calendar("midden");
  calendar.add_period({"herfstvakantie", d(2026, 10, 17), d(2026, 10, 25)});
  calendar.add_period({"kerstvakantie", d(2026, 12, 19), d(2027, 1, 3)});
  calendar.add_holiday({d(2026, 12, 25), "Eerste Kerstdag"});
  calendar.add_holiday({d(2027, 3, 29), "Tweede Paasdag"});
  return calendar;
}

const Date k_today = d(2027, 12, 1);

std::vector<Flag> check(const PlacementFacts& facts, const std::vector<DayHours>& entries,
                        const RuleSettings& settings, const Calendar& calendar = midden(),
                        Date today = k_today) {
  return check_placement(facts, entries, calendar, settings, today);
}

Flag day_flag(std::string_view code, Severity severity, Date date, std::string detail) {
  return Flag{code, severity, date, std::nullopt, std::move(detail)};
}

Flag week_flag(std::string_view code, Severity severity, IsoWeek week, std::string detail) {
  return Flag{code, severity, std::nullopt, week, std::move(detail)};
}

// `date` followed by the days after it, each with `minutes`.
std::vector<DayHours> run(Date first, int days, Minutes minutes) {
  std::vector<DayHours> entries;
  for (int i = 0; i < days; ++i) {
    entries.push_back({first.plus_days(i), minutes});
  }
  return entries;
}

std::vector<DayHours> joined(std::vector<DayHours> a, const std::vector<DayHours>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

TEST(RuleTable, NamesEveryRuleWithItsSeverity) {
  ASSERT_EQ(k_rules.size(), 7u);
  struct Row {
    Rule rule;
    std::string_view code;
    Severity severity;
  };
  const Row rows[] = {
      {Rule::overtime_day, "OVERTIME_DAY", Severity::warning},
      {Rule::overtime_week, "OVERTIME_WEEK", Severity::warning},
      {Rule::school_vacation, "SCHOOL_VACATION", Severity::warning},
      {Rule::public_holiday, "PUBLIC_HOLIDAY", Severity::info},
      {Rule::outside_placement, "OUTSIDE_PLACEMENT", Severity::error},
      {Rule::young_worker, "YOUNG_WORKER", Severity::warning},
      {Rule::missing_week, "MISSING_WEEK", Severity::info},
  };
  for (const auto& row : rows) {
    EXPECT_EQ(rule_info(row.rule).code, row.code);
    EXPECT_EQ(rule_info(row.rule).severity, row.severity) << row.code;
    EXPECT_FALSE(rule_info(row.rule).description.empty());
    ASSERT_NE(find_rule(row.code), nullptr);
    EXPECT_EQ(find_rule(row.code)->rule, row.rule);
  }
  EXPECT_EQ(find_rule("overtime_day")->rule, Rule::overtime_day);
  EXPECT_EQ(find_rule("OVERTIME"), nullptr);
  EXPECT_EQ(to_string(Severity::info), "info");
  EXPECT_EQ(to_string(Severity::warning), "warning");
  EXPECT_EQ(to_string(Severity::error), "error");
}

TEST(OvertimeDay, ExactlyTheAgreedHoursIsFineOneMinuteMoreIsFlagged) {
  const auto flags = check(placement(), {{d(2026, 11, 16), hm(8)}, {d(2026, 11, 17), hm(8, 1)}},
                           only(Rule::overtime_day));
  const std::vector<Flag> expected = {day_flag("OVERTIME_DAY", Severity::warning, d(2026, 11, 17),
                                               "8:01 hours, agreed 8:00 a day")};
  EXPECT_EQ(flags, expected);
}

TEST(OvertimeDay, ToleranceMovesTheBoundary) {
  RuleSettings settings = only(Rule::overtime_day);
  settings.day_tolerance = 15;
  const auto flags =
      check(placement(), {{d(2026, 11, 16), hm(8, 15)}, {d(2026, 11, 17), hm(8, 16)}}, settings);
  const std::vector<Flag> expected = {
      day_flag("OVERTIME_DAY", Severity::warning, d(2026, 11, 17),
               "8:16 hours, agreed 8:00 a day plus 0:15 tolerance")};
  EXPECT_EQ(flags, expected);
}

TEST(OvertimeDay, WithoutAgreedDayHoursUsesTheConfiguredDefault) {
  PlacementFacts facts = placement();
  facts.day_minutes.reset();
  RuleSettings settings = only(Rule::overtime_day);
  settings.default_day_minutes = hm(7, 30);
  const auto flags =
      check(facts, {{d(2026, 11, 16), hm(7, 30)}, {d(2026, 11, 17), hm(7, 31)}}, settings);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].date, d(2026, 11, 17));
  EXPECT_EQ(flags[0].detail, "7:31 hours, agreed 7:30 a day");
  EXPECT_EQ(RuleSettings().default_day_minutes, hm(8));
}

TEST(OvertimeDay, EntriesOnTheSameDateCountTogether) {
  const auto flags = check(placement(), {{d(2026, 11, 16), hm(4)}, {d(2026, 11, 16), hm(4, 1)}},
                           only(Rule::overtime_day));
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].detail, "8:01 hours, agreed 8:00 a day");
}

TEST(OvertimeDay, UnsortedEntriesGiveTheSameFlags) {
  const std::vector<DayHours> sorted = {{d(2026, 11, 16), hm(9)}, {d(2026, 11, 17), hm(10)}};
  const std::vector<DayHours> reversed = {sorted[1], sorted[0]};
  EXPECT_EQ(check(placement(), reversed, RuleSettings()),
            check(placement(), sorted, RuleSettings()));
}

TEST(OvertimeWeek, ExactlyTheAgreedHoursIsFineOneMinuteMoreIsFlagged) {
  PlacementFacts facts = placement();
  facts.week_minutes = hm(24);
  // 2026-W46: 24:00; 2026-W47: 24:01.
  const auto entries = joined(run(d(2026, 11, 9), 3, hm(8)), joined(run(d(2026, 11, 16), 2, hm(8)),
                                                                    {{d(2026, 11, 18), hm(8, 1)}}));
  const std::vector<Flag> expected = {week_flag("OVERTIME_WEEK", Severity::warning, w(2026, 47),
                                                "2026-W47: 24:01 hours, agreed 24:00 a week")};
  EXPECT_EQ(check(facts, entries, only(Rule::overtime_week)), expected);
}

TEST(OvertimeWeek, ToleranceMovesTheBoundary) {
  PlacementFacts facts = placement();
  facts.week_minutes = hm(24);
  RuleSettings settings = only(Rule::overtime_week);
  settings.week_tolerance = 60;
  const auto entries =
      joined(joined(run(d(2026, 11, 9), 2, hm(8)), {{d(2026, 11, 11), hm(9)}}),
             joined(run(d(2026, 11, 16), 2, hm(8)), {{d(2026, 11, 18), hm(9, 1)}}));
  const std::vector<Flag> expected = {
      week_flag("OVERTIME_WEEK", Severity::warning, w(2026, 47),
                "2026-W47: 25:01 hours, agreed 24:00 a week plus 1:00 tolerance")};
  EXPECT_EQ(check(facts, entries, settings), expected);
}

TEST(OvertimeWeek, AWeekCrossingTheYearCountsAsOneWeek) {
  // 2026-W53 runs from Monday 28 December 2026 to Sunday 3 January 2027.
  PlacementFacts facts = placement();
  facts.week_minutes = hm(24);
  const std::vector<DayHours> entries = {
      {d(2026, 12, 28), hm(8)},  {d(2026, 12, 29), hm(8)}, {d(2027, 1, 1), hm(4)},
      {d(2027, 1, 2), hm(4, 1)}, {d(2027, 1, 4), hm(8)},  // 2027-W01
  };
  const std::vector<Flag> expected = {week_flag("OVERTIME_WEEK", Severity::warning, w(2026, 53),
                                                "2026-W53: 24:01 hours, agreed 24:00 a week")};
  EXPECT_EQ(check(facts, entries, only(Rule::overtime_week)), expected);
}

TEST(OvertimeWeek, NothingWhenNoWeeklyHoursWereAgreed) {
  PlacementFacts facts = placement();
  facts.week_minutes = 0;
  EXPECT_TRUE(check(facts, run(d(2026, 11, 16), 7, hm(8)), only(Rule::overtime_week)).empty());
}

TEST(SchoolVacation, FirstAndLastDayAreFlaggedTheDaysAroundAreNot) {
  const std::vector<DayHours> entries = {{d(2026, 10, 16), hm(4)},
                                         {d(2026, 10, 17), hm(4)},
                                         {d(2026, 10, 25), hm(4)},
                                         {d(2026, 10, 26), hm(4)}};
  const std::string detail = "herfstvakantie (2026-10-17 to 2026-10-25)";
  const std::vector<Flag> expected = {
      day_flag("SCHOOL_VACATION", Severity::warning, d(2026, 10, 17), detail),
      day_flag("SCHOOL_VACATION", Severity::warning, d(2026, 10, 25), detail)};
  EXPECT_EQ(check(placement(), entries, only(Rule::school_vacation)), expected);
}

TEST(SchoolVacation, AVacationCrossingTheYearIsFlaggedOnBothSides) {
  const std::vector<DayHours> entries = {{d(2026, 12, 18), hm(4)}, {d(2026, 12, 19), hm(4)},
                                         {d(2026, 12, 31), hm(4)}, {d(2027, 1, 1), hm(4)},
                                         {d(2027, 1, 3), hm(4)},   {d(2027, 1, 4), hm(4)}};
  const std::string detail = "kerstvakantie (2026-12-19 to 2027-01-03)";
  const std::vector<Flag> expected = {
      day_flag("SCHOOL_VACATION", Severity::warning, d(2026, 12, 19), detail),
      day_flag("SCHOOL_VACATION", Severity::warning, d(2026, 12, 31), detail),
      day_flag("SCHOOL_VACATION", Severity::warning, d(2027, 1, 1), detail),
      day_flag("SCHOOL_VACATION", Severity::warning, d(2027, 1, 3), detail)};
  EXPECT_EQ(check(placement(), entries, only(Rule::school_vacation)), expected);
}

TEST(SchoolVacation, VacationHoursAllowedForThePlacementSuppressesIt) {
  PlacementFacts facts = placement();
  facts.vacation_hours_allowed = true;
  EXPECT_TRUE(check(facts, run(d(2026, 10, 17), 9, hm(4)), only(Rule::school_vacation)).empty());
}

TEST(SchoolVacation, AnExceptionCoversItsDatesInclusivelyAndNoOthers) {
  PlacementFacts facts = placement();
  facts.vacation_exceptions = {{d(2026, 10, 19), d(2026, 10, 21)},
                               {d(2026, 12, 28), d(2027, 1, 1)}};
  const std::vector<DayHours> entries = {{d(2026, 10, 18), hm(4)}, {d(2026, 10, 19), hm(4)},
                                         {d(2026, 10, 21), hm(4)}, {d(2026, 10, 22), hm(4)},
                                         {d(2027, 1, 1), hm(4)},   {d(2027, 1, 2), hm(4)}};
  const auto flags = check(facts, entries, only(Rule::school_vacation));
  std::vector<Date> dates;
  for (const auto& flag : flags) {
    dates.push_back(*flag.date);
  }
  EXPECT_EQ(dates, (std::vector<Date>{d(2026, 10, 18), d(2026, 10, 22), d(2027, 1, 2)}));
}

TEST(PublicHoliday, FlagsTheHolidayItselfAsInfo) {
  const std::vector<DayHours> entries = {
      {d(2026, 12, 24), hm(4)}, {d(2026, 12, 25), hm(4)}, {d(2026, 12, 26), hm(4)}};
  const std::vector<Flag> expected = {
      day_flag("PUBLIC_HOLIDAY", Severity::info, d(2026, 12, 25), "Eerste Kerstdag")};
  EXPECT_EQ(check(placement(), entries, only(Rule::public_holiday)), expected);
}

TEST(OutsidePlacement, FlagsTheDayBeforeTheStartAndAfterTheEndAsErrors) {
  const std::vector<DayHours> entries = {{d(2026, 8, 31), hm(4)},
                                         {d(2026, 9, 1), hm(4)},
                                         {d(2027, 6, 30), hm(4)},
                                         {d(2027, 7, 1), hm(4)}};
  const std::vector<Flag> expected = {day_flag("OUTSIDE_PLACEMENT", Severity::error, d(2026, 8, 31),
                                               "before the placement starts on 2026-09-01"),
                                      day_flag("OUTSIDE_PLACEMENT", Severity::error, d(2027, 7, 1),
                                               "after the placement ended on 2027-06-30")};
  EXPECT_EQ(check(placement(), entries, only(Rule::outside_placement)), expected);
}

// Born 10 March 2009: 17 until 9 March 2027, 18 from 10 March 2027.
PlacementFacts young_placement() {
  PlacementFacts facts = placement();
  facts.birth_date = d(2009, 3, 10);
  return facts;
}

TEST(YoungWorker, TheDayBeforeThe18thBirthdayIsCheckedTheBirthdayItselfIsNot) {
  const std::vector<DayHours> entries = {
      {d(2027, 3, 8), hm(9)}, {d(2027, 3, 9), hm(9, 1)}, {d(2027, 3, 10), hm(9, 1)}};
  const std::vector<Flag> expected = {day_flag("YOUNG_WORKER", Severity::warning, d(2027, 3, 9),
                                               "9:01 hours, limit 9:00 a day at age 17")};
  EXPECT_EQ(check(young_placement(), entries, only(Rule::young_worker)), expected);
}

TEST(YoungWorker, AWeekAbove45HoursIsFlaggedExactly45IsNot) {
  // 2026-W46: five days of 9:00 (45:00); 2026-W47 the same plus one minute on Saturday.
  const auto entries = joined(run(d(2026, 11, 9), 5, hm(9)),
                              joined(run(d(2026, 11, 16), 5, hm(9)), {{d(2026, 11, 21), 1}}));
  const std::vector<Flag> expected = {week_flag("YOUNG_WORKER", Severity::warning, w(2026, 47),
                                                "2026-W47: 45:01 hours, limit 45:00 a week at "
                                                "age 17")};
  EXPECT_EQ(check(young_placement(), entries, only(Rule::young_worker)), expected);
}

TEST(YoungWorker, FourWeeksAbove160HoursFlagTheWeekThatCompletesThem) {
  // Four weeks of 40:00 each from 2026-W44 (160:00), then 40:01 in 2026-W48 (160:01 over W45-W48).
  std::vector<DayHours> entries;
  for (int week = 0; week < 4; ++week) {
    entries = joined(entries, run(d(2026, 10, 26).plus_days(7 * week), 5, hm(8)));
  }
  entries = joined(entries, joined(run(d(2026, 11, 23), 4, hm(8)), {{d(2026, 11, 27), hm(8, 1)}}));
  const std::vector<Flag> expected = {
      week_flag("YOUNG_WORKER", Severity::warning, w(2026, 48),
                "2026-W45 to 2026-W48: 160:01 hours, limit 160:00 in 4 weeks at age 17")};
  EXPECT_EQ(check(young_placement(), entries, only(Rule::young_worker)), expected);
}

TEST(YoungWorker, OnlyFourConsecutiveWeeksCount) {
  // 40:00 in each of 2026-W43 to W47: 200:00 in five weeks, but 160:00 in any four.
  std::vector<DayHours> entries;
  for (int week = 0; week < 5; ++week) {
    entries = joined(entries, run(d(2026, 10, 19).plus_days(7 * week), 5, hm(8)));
  }
  EXPECT_TRUE(check(young_placement(), entries, only(Rule::young_worker)).empty());
}

TEST(YoungWorker, AWeekWithoutHoursCountsAsZeroInTheWindow) {
  // 40:00 in 2026-W43 to W46, nothing in W47, 40:01 in W48: the last four weeks with hours hold
  // 160:01, the four weeks W45-W48 only 120:01.
  std::vector<DayHours> entries;
  for (int week = 0; week < 4; ++week) {
    entries = joined(entries, run(d(2026, 10, 19).plus_days(7 * week), 5, hm(8)));
  }
  entries = joined(entries, joined(run(d(2026, 11, 23), 4, hm(8)), {{d(2026, 11, 27), hm(8, 1)}}));
  EXPECT_TRUE(check(young_placement(), entries, only(Rule::young_worker)).empty());
}

TEST(YoungWorker, AFourWeekWindowCrossesTheYearThroughWeek53) {
  // 2026-W51, W52, W53 and 2027-W01 with 40:00 each, one more minute in 2027-W01.
  std::vector<DayHours> entries;
  for (int week = 0; week < 4; ++week) {
    entries = joined(entries, run(d(2026, 12, 14).plus_days(7 * week), 5, hm(8)));
  }
  entries.back().minutes += 1;
  const auto flags = check(young_placement(), entries, only(Rule::young_worker));
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].week, w(2027, 1));
  EXPECT_EQ(flags[0].detail,
            "2026-W51 to 2027-W01: 160:01 hours, limit 160:00 in 4 weeks at age 17");
}

TEST(YoungWorker, AWeekAboveBothLimitsGetsOneFlagNamingBoth) {
  std::vector<DayHours> entries;
  for (int week = 0; week < 4; ++week) {
    entries = joined(entries, run(d(2026, 10, 26).plus_days(7 * week), 5, hm(8)));
  }
  entries = joined(entries, {{d(2026, 11, 21), hm(6)}});  // Saturday of W47: 46:00
  const auto flags = check(young_placement(), entries, only(Rule::young_worker));
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].week, w(2026, 47));
  EXPECT_EQ(flags[0].detail,
            "2026-W47: 46:00 hours, limit 45:00 a week at age 17; 2026-W44 to 2026-W47: 166:00 "
            "hours, limit 160:00 in 4 weeks at age 17");
}

TEST(YoungWorker, AdultsAndUnknownBirthDatesAreNotChecked) {
  const auto entries = run(d(2027, 3, 10), 12, hm(12));  // the 18th birthday and after
  EXPECT_TRUE(check(young_placement(), entries, only(Rule::young_worker)).empty());
  EXPECT_TRUE(check(placement(), entries, only(Rule::young_worker)).empty());
}

TEST(YoungWorker, AWeekCountsOnlyTheHoursWorkedBeforeThe18thBirthday) {
  // 2027-W10: Monday and Tuesday at 17 (18:00), Wednesday to Sunday at 18 (60:00).
  const auto entries = joined(run(d(2027, 3, 8), 2, hm(9)), run(d(2027, 3, 10), 5, hm(12)));
  EXPECT_TRUE(check(young_placement(), entries, only(Rule::young_worker)).empty());
  // 45:00 in each of 2027-W07 to W09 before it: 153:00 worked at 17 in the four weeks W07-W10,
  // 213:00 in all.
  std::vector<DayHours> before;
  for (int week = 0; week < 3; ++week) {
    before = joined(before, run(d(2027, 2, 15).plus_days(7 * week), 5, hm(9)));
  }
  EXPECT_TRUE(check(young_placement(), joined(before, entries), only(Rule::young_worker)).empty());
}

// An incremental check reads only the changed weeks of a student the rule can no longer cover.
TEST(YoungWorker, AppliesFromADateUntilThe18thBirthday) {
  const RuleSettings settings = only(Rule::young_worker);
  EXPECT_TRUE(young_worker_applies_from(young_placement(), settings, d(2027, 3, 9)));
  EXPECT_FALSE(young_worker_applies_from(young_placement(), settings, d(2027, 3, 10)));
  EXPECT_FALSE(young_worker_applies_from(placement(), settings, d(2020, 1, 1)));  // no birth date
  EXPECT_FALSE(young_worker_applies_from(young_placement(), only(Rule::overtime_day), d(2026, 1, 1)));
  RuleSettings older = settings;
  older.young_worker_bands = {{20, hm(9), hm(45), hm(160)}};
  EXPECT_TRUE(young_worker_applies_from(young_placement(), older, d(2029, 12, 31)));
  EXPECT_FALSE(young_worker_applies_from(young_placement(), older, d(2030, 3, 10)));
}

TEST(YoungWorker, BandsAreConfigurable) {
  RuleSettings settings = only(Rule::young_worker);
  settings.young_worker_bands = {{17, hm(9), hm(45), hm(160)}, {15, hm(8), hm(40), hm(140)}};
  PlacementFacts facts = placement();
  facts.birth_date = d(2011, 1, 1);  // 15 in November 2026
  const auto flags =
      check(facts, {{d(2026, 11, 16), hm(8)}, {d(2026, 11, 17), hm(8, 1)}}, settings);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].detail, "8:01 hours, limit 8:00 a day at age 15");

  EXPECT_EQ(young_worker_band(settings.young_worker_bands, 15)->max_day, hm(8));
  EXPECT_EQ(young_worker_band(settings.young_worker_bands, 16)->max_day, hm(9));
  EXPECT_EQ(young_worker_band(settings.young_worker_bands, 18), nullptr);
  EXPECT_EQ(RuleSettings().young_worker_bands.size(), 1u);
  EXPECT_EQ(young_worker_band(RuleSettings().young_worker_bands, 17)->max_four_weeks, hm(160));
}

// A placement from Wednesday 2 September 2026 to Friday 18 December 2026.
PlacementFacts autumn_placement() {
  PlacementFacts facts = placement();
  facts.start = d(2026, 9, 2);
  facts.end = d(2026, 12, 18);
  return facts;
}

// One entry on the Monday of every week from 2026-W36 to 2026-W51, except the weeks in `skip`.
std::vector<DayHours> mondays_except(const std::vector<IsoWeek>& skip) {
  std::vector<DayHours> entries;
  for (IsoWeek week = w(2026, 36); week <= w(2026, 51); week = week.next()) {
    if (std::find(skip.begin(), skip.end(), week) == skip.end()) {
      entries.push_back({std::max(week.monday(), d(2026, 9, 2)), hm(8)});
    }
  }
  return entries;
}

std::vector<IsoWeek> flagged_weeks(const std::vector<Flag>& flags) {
  std::vector<IsoWeek> weeks;
  for (const auto& flag : flags) {
    weeks.push_back(*flag.week);
  }
  return weeks;
}

TEST(MissingWeek, APastEmptyWorkingWeekIsFlagged) {
  const auto flags = check(autumn_placement(), mondays_except({w(2026, 45)}),
                           only(Rule::missing_week), midden(), d(2026, 12, 2));
  const std::vector<Flag> expected = {week_flag("MISSING_WEEK", Severity::info, w(2026, 45),
                                                "2026-W45: no hours recorded, 5 working days")};
  EXPECT_EQ(flags, expected);
}

TEST(MissingWeek, TheCurrentWeekIsNotFlaggedUntilItsSundayHasPassed) {
  const auto entries = mondays_except({w(2026, 47), w(2026, 48)});
  // 2026-W47 ends on Sunday 22 November.
  EXPECT_EQ(flagged_weeks(check(autumn_placement(), entries, only(Rule::missing_week), midden(),
                                d(2026, 11, 22))),
            std::vector<IsoWeek>{});
  EXPECT_EQ(flagged_weeks(check(autumn_placement(), entries, only(Rule::missing_week), midden(),
                                d(2026, 11, 23))),
            std::vector<IsoWeek>{w(2026, 47)});
}

TEST(MissingWeek, OnlyTheJudgedWeeksWhenARangeIsGiven) {
  const auto entries = mondays_except({w(2026, 45), w(2026, 46), w(2026, 47)});
  const auto judged = [&](IsoWeek first, IsoWeek last) {
    return flagged_weeks(check_placement(autumn_placement(), entries, midden(),
                                         only(Rule::missing_week), d(2026, 12, 2),
                                         WeekRange{first.monday(), last.monday()}));
  };
  EXPECT_EQ(judged(w(2026, 46), w(2026, 46)), std::vector<IsoWeek>{w(2026, 46)});
  EXPECT_EQ(judged(w(2026, 47), w(2026, 52)), std::vector<IsoWeek>{w(2026, 47)});
  EXPECT_EQ(judged(w(2026, 40), w(2026, 44)), std::vector<IsoWeek>{});
  EXPECT_EQ(flagged_weeks(check(autumn_placement(), entries, only(Rule::missing_week), midden(),
                                d(2026, 12, 2))),
            (std::vector<IsoWeek>{w(2026, 45), w(2026, 46), w(2026, 47)}));
}

TEST(MissingWeek, NotForAVacationWeek) {
  // 2026-W43 (19 to 25 October) lies inside the herfstvakantie.
  EXPECT_TRUE(check(autumn_placement(), mondays_except({w(2026, 43)}), only(Rule::missing_week),
                    midden(), d(2026, 12, 2))
                  .empty());
}

TEST(MissingWeek, AVacationWeekCountsWhenVacationHoursAreAllowed) {
  PlacementFacts facts = autumn_placement();
  facts.vacation_hours_allowed = true;
  EXPECT_EQ(flagged_weeks(check(facts, mondays_except({w(2026, 43)}), only(Rule::missing_week),
                                midden(), d(2026, 12, 2))),
            std::vector<IsoWeek>{w(2026, 43)});
}

TEST(MissingWeek, AWeekWithSomeVacationDaysCountsOnlyItsOtherDays) {
  Calendar calendar("school");
  calendar.add_period({"studiedagen", d(2026, 11, 9), d(2026, 11, 11)});  // Monday to Wednesday
  const auto flags = check(autumn_placement(), mondays_except({w(2026, 46)}),
                           only(Rule::missing_week), calendar, d(2026, 12, 2));
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].detail, "2026-W46: no hours recorded, 2 working days");
}

TEST(MissingWeek, NotBeforeTheStartOrAfterTheEnd) {
  // Weeks before 2026-W36 and after 2026-W51 have no entries either; W36 holds the start on a
  // Wednesday, so it counts three working days.
  const auto flags = check(autumn_placement(), mondays_except({w(2026, 36), w(2026, 51)}),
                           only(Rule::missing_week), midden(), d(2027, 6, 1));
  const std::vector<Flag> expected = {week_flag("MISSING_WEEK", Severity::info, w(2026, 36),
                                                "2026-W36: no hours recorded, 3 working days"),
                                      week_flag("MISSING_WEEK", Severity::info, w(2026, 51),
                                                "2026-W51: no hours recorded, 5 working days")};
  EXPECT_EQ(flags, expected);
}

TEST(MissingWeek, NotForAWeekWhosePlacementDaysAreAWeekendOrAHoliday) {
  PlacementFacts facts = placement();
  facts.start = d(2027, 3, 6);  // Saturday of 2027-W09
  facts.end = d(2027, 3, 29);   // Tweede Paasdag, Monday of 2027-W13
  const std::vector<DayHours> entries = {
      {d(2027, 3, 8), hm(8)}, {d(2027, 3, 15), hm(8)}, {d(2027, 3, 22), hm(8)}};
  EXPECT_TRUE(check(facts, entries, only(Rule::missing_week), midden(), d(2027, 6, 1)).empty());
}

TEST(MissingWeek, AnEntryOnAnyDayOfTheWeekCounts) {
  std::vector<DayHours> entries = mondays_except({w(2026, 45)});
  entries.push_back({d(2026, 11, 8), hm(2)});  // Sunday of W45
  std::sort(entries.begin(), entries.end(),
            [](const DayHours& a, const DayHours& b) { return a.date < b.date; });
  EXPECT_TRUE(check(autumn_placement(), entries, only(Rule::missing_week), midden(), d(2026, 12, 2))
                  .empty());
}

TEST(RuleSettings, RulesSwitchedOffProduceNothing) {
  PlacementFacts facts = young_placement();
  facts.start = d(2026, 9, 2);
  facts.week_minutes = hm(8);
  // Breaks every rule: outside, overtime, vacation, holiday, a 17-year-old's 10 hours, a missing
  // week (2026-W50).
  const std::vector<DayHours> entries = {
      {d(2026, 9, 1), hm(10)}, {d(2026, 10, 19), hm(10)}, {d(2026, 12, 25), hm(10)}};
  const auto all = check(facts, entries, RuleSettings(), midden(), d(2027, 1, 1));
  for (const auto& info : k_rules) {
    EXPECT_TRUE(std::any_of(all.begin(), all.end(), [&](const Flag& flag) {
      return flag.code == info.code;
    })) << info.code;
    RuleSettings settings;
    settings.disable(info.rule);
    EXPECT_FALSE(settings.is_on(info.rule));
    const auto flags = check(facts, entries, settings, midden(), d(2027, 1, 1));
    EXPECT_TRUE(std::none_of(flags.begin(), flags.end(), [&](const Flag& flag) {
      return flag.code == info.code;
    })) << info.code;
    EXPECT_LT(flags.size(), all.size()) << info.code;
  }
  RuleSettings none;
  for (const auto& info : k_rules) {
    none.disable(info.rule);
  }
  EXPECT_TRUE(check(facts, entries, none, midden(), d(2027, 1, 1)).empty());
  none.enable(Rule::public_holiday);
  EXPECT_EQ(check(facts, entries, none, midden(), d(2027, 1, 1)).size(), 1u);
}

TEST(CheckPlacement, OrdersByWeekThenDaysByDateThenTheWeeksFlagsEachByCode) {
  PlacementFacts facts = young_placement();
  facts.week_minutes = hm(16);
  const std::vector<DayHours> entries = {{d(2026, 12, 24), hm(10)}, {d(2026, 12, 25), hm(10)}};
  RuleSettings settings;
  settings.disable(Rule::missing_week);
  const auto flags = check(facts, entries, settings, midden(), d(2026, 12, 28));
  std::vector<std::string> order;
  for (const auto& flag : flags) {
    order.push_back(std::string(flag.code) + " " +
                    (flag.date ? flag.date->to_string() : flag.week->to_string()));
  }
  const std::vector<std::string> expected = {
      "OVERTIME_DAY 2026-12-24", "SCHOOL_VACATION 2026-12-24", "YOUNG_WORKER 2026-12-24",
      "OVERTIME_DAY 2026-12-25", "PUBLIC_HOLIDAY 2026-12-25",  "SCHOOL_VACATION 2026-12-25",
      "YOUNG_WORKER 2026-12-25", "OVERTIME_WEEK 2026-W52",
  };
  EXPECT_EQ(order, expected);
}

TEST(CheckPlacement, NoEntriesAndNoPastWeeksGiveNoFlags) {
  EXPECT_TRUE(check(placement(), {}, RuleSettings(), midden(), d(2026, 9, 1)).empty());
}

}  // namespace
}  // namespace bpv::core
