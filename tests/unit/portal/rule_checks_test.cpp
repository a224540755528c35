// The rule checks through the Portal and the violations run, on real SQLite files.
#include "unit/portal/portal_fixture.hpp"

#include <bpv/portal/rule_checks.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace bpv::portal {
namespace {

using test_support::PortalTest;
using test_support::week;

class RuleChecksTest : public PortalTest {
 protected:
  void SetUp() override {
    PortalTest::SetUp();
    core::Calendar midden("midden");
    midden.add_period({"herfstvakantie", core::Date::from_ymd(2026, 10, 17), core::Date::from_ymd(2026, 10, 25)});
    midden.add_period({"kerstvakantie", core::Date::from_ymd(2026, 12, 19), core::Date::from_ymd(2027, 1, 3)});
    ASSERT_TRUE(m_store->save_calendar(midden, std::string("midden"), m_clock->now()).has_value());
  }

  // The open flags of `student`, without MISSING_WEEK: the fixture records only two weeks of
  // the placement, so every other past week is missing.
  std::vector<store::FlagRecord> open_flags(const std::string& student, bool with_missing = false) {
    store::FlagQuery query;
    query.placement_id = m_placements[student];
    query.open_only = true;
    auto flags = m_store->find_flags(query);
    EXPECT_TRUE(flags.has_value());
    std::vector<store::FlagRecord> result;
    for (const auto& flag : flags ? *flags : std::vector<store::FlagRecord>{}) {
      if (with_missing || flag.code != "MISSING_WEEK") {
        result.push_back(flag);
      }
    }
    return result;
  }

  static std::vector<std::string> codes(const std::vector<store::FlagRecord>& flags) {
    std::vector<std::string> result;
    for (const auto& flag : flags) {
      result.push_back(flag.code + (flag.date ? " " + flag.date->to_string() : ""));
    }
    return result;
  }

  // A violations run as the job makes it, at the fixture's clock (or `today` 03:00).
  ViolationsReport run(bool full, bool dry_run = false, store::Store* reader = nullptr,
                       std::size_t read_all_above = ViolationsRequest{}.read_all_above,
                       std::size_t batch = ViolationsRequest{}.batch,
                       std::function<Result<void>()> between_batches = {}) {
    RuleCheckSettings settings;
    ViolationsRequest request;
    request.full = full;
    request.read_all_above = read_all_above;
    request.batch = batch;
    request.between_batches = std::move(between_batches);
    request.now = m_clock->now();
    request.today = m_zone->local_date(request.now);
    request.last = m_last;
    auto report = run_violations(*m_store, settings, request, dry_run, reader);
    EXPECT_TRUE(report.has_value()) << report.error().message;
    if (report && !dry_run) {
      store::JobRun last;
      last.counts = fmt::format(R"({{"today":"{}","settings":"{}"}})", request.today.to_string(),
                                fingerprint(settings));
      m_last = last;
    }
    return report ? *report : ViolationsReport{};
  }

  // `count` more students at one company (every third under 18, whose checks read three more
  // weeks), each with a placement and three days of hours in 2026-W47; their placements' ids.
  std::vector<store::Id> add_bakers(int count) {
    auto now = m_clock->now();
    auto company = m_store->upsert_company("Bakkerij Van Dam", "Zeist", now)->first;
    std::vector<store::Id> placements;
    for (int n = 0; n < count; ++n) {
      auto user = m_store->upsert_user({fmt::format("many{}@example.nl", n), fmt::format("Many {}", n), "",
                                        store::Role::student, std::nullopt},
                                       now)->first;
      auto student = m_store->upsert_student({fmt::format("20{:05}", n), user,
                                              core::Date::from_ymd(n % 3 == 0 ? 2009 : 2006, 6, 1),
                                              "Bakker", "25384", "2", "BBL"},
                                             now)->first;
      store::PlacementFields fields{student, company, m_ids["t1"], m_ids["b1"],
                                    core::Date::from_ymd(2026, 9, 1), core::Date::from_ymd(2027, 1, 29),
                                    400 * 60, 24 * 60, 8 * 60, false, std::nullopt};
      auto id = m_store->upsert_placement(fields, now)->first;
      for (unsigned day : {16u, 17u, 18u}) {
        EXPECT_TRUE(m_store->upsert_entry({id, core::Date::from_ymd(2026, 11, day), 480, "",
                                           store::EntryStatus::submitted}, now).has_value());
      }
      placements.push_back(id);
    }
    return placements;
  }

  // A full run on one connection, dry, finds nothing to open or resolve: what the runs before it
  // stored is what a full run stores.
  void expect_a_full_run_changes_nothing() {
    auto full = run(true, true);
    EXPECT_EQ(full.changes.opened, 0);
    EXPECT_EQ(full.changes.resolved, 0);
  }

  std::optional<store::JobRun> m_last;
};

TEST_F(RuleChecksTest, HoursInAVacationAreFlaggedAtOnceAndResolvedWhenCorrected) {
  auto student = as("s1");
  ASSERT_TRUE(student.add_hours(core::Date::from_ymd(2026, 10, 19), 480, "", std::nullopt).has_value());
  EXPECT_EQ(codes(open_flags("1000001")), std::vector<std::string>{"SCHOOL_VACATION 2026-10-19"});
  ASSERT_TRUE(student.delete_hours(core::Date::from_ymd(2026, 10, 19)).has_value());
  EXPECT_TRUE(open_flags("1000001").empty());
}

TEST_F(RuleChecksTest, OvertimeShowsInTheLogbookPerEntryAndPerWeek) {
  ASSERT_TRUE(as("s1").add_hours(core::Date::from_ymd(2026, 11, 19), 600, "", std::nullopt).has_value());
  auto book = as("t1").logbook("1000001", {week(2026, 47), std::nullopt, std::nullopt});
  ASSERT_TRUE(book.has_value()) << book.error().message;
  ASSERT_EQ(book->weeks.size(), 1u);
  const auto& w47 = book->weeks[0];
  ASSERT_EQ(w47.flags.size(), 1u);
  EXPECT_EQ(w47.flags[0].code, "OVERTIME_WEEK");  // 34 hours against 24 agreed
  ASSERT_EQ(w47.entries.size(), 4u);
  ASSERT_EQ(w47.entries[3].flags.size(), 1u);
  EXPECT_EQ(w47.entries[3].flags[0].code, "OVERTIME_DAY");
  EXPECT_EQ(w47.entries[3].flags[0].severity, "warning");
  EXPECT_TRUE(w47.entries[0].flags.empty());
  // The dashboard counts every open flag of the trainer's students, MISSING_WEEK included.
  auto t1_open = as("t1").violations({std::nullopt, std::nullopt, true});
  ASSERT_TRUE(t1_open.has_value());
  EXPECT_EQ(as("t1").dashboard()->flags_open, static_cast<int>(t1_open->size()));
  EXPECT_EQ(open_flags("1000001").size(), 2u);
  EXPECT_EQ(as("t2").dashboard()->flags_open, 0);  // t2's student has no flags: nothing checked
}

TEST_F(RuleChecksTest, CleanOnlySkipsFlaggedWeeksAndBlockOnFlagsRefuses) {
  ASSERT_TRUE(as("s1").add_hours(core::Date::from_ymd(2026, 11, 19), 600, "", std::nullopt).has_value());
  auto skipped = as("t1").approve_all(week(2026, 47), CleanOnly::yes, DryRun::no);
  ASSERT_TRUE(skipped.has_value());
  ASSERT_EQ(skipped->size(), 1u);
  EXPECT_EQ((*skipped)[0].result, ApprovalResult::skipped_flagged);
  EXPECT_EQ((*skipped)[0].flags.size(), 2u);

  PortalSettings blocking;
  blocking.block_on_flags = true;
  LocalPortal strict(*m_store, *m_clock, *m_zone, blocking, std::string("t1"));
  auto refused = strict.approve_week("1000001", week(2026, 47), std::nullopt);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().kind, ErrorKind::refused);
  EXPECT_NE(refused.error().message.find("block_on_flags"), std::string::npos);

  // Without the setting the flags are shown and the week approved.
  auto approved = as("t1").approve_week("1000001", week(2026, 47), std::nullopt);
  ASSERT_TRUE(approved.has_value()) << approved.error().message;
  EXPECT_EQ(approved->result, ApprovalResult::approved);
  EXPECT_EQ(approved->flags.size(), 2u);
}

TEST_F(RuleChecksTest, AnExceptionResolvesTheVacationFlag) {
  ASSERT_TRUE(as("s1").add_hours(core::Date::from_ymd(2026, 10, 20), 480, "", std::nullopt).has_value());
  EXPECT_EQ(open_flags("1000001").size(), 1u);
  EXPECT_EQ(as("t1").allow_vacation("1000001", core::Date::from_ymd(2026, 10, 17),
                                    core::Date::from_ymd(2026, 10, 25), "inhaaluren")
                .error()
                .kind,
            ErrorKind::forbidden);
  EXPECT_EQ(as("b2").allow_vacation("1000001", core::Date::from_ymd(2026, 10, 17),
                                    core::Date::from_ymd(2026, 10, 25), "inhaaluren")
                .error()
                .kind,
            ErrorKind::not_found);
  ASSERT_TRUE(as("b1").allow_vacation("1000001", core::Date::from_ymd(2026, 10, 17),
                                      core::Date::from_ymd(2026, 10, 25), "inhaaluren")
                  .has_value());
  EXPECT_TRUE(open_flags("1000001").empty());
  auto listed = as("b1").violations({std::string("1000001"), std::string("SCHOOL_VACATION"), false});
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_TRUE((*listed)[0].resolved_at.has_value());
}

TEST_F(RuleChecksTest, ViolationsAreForTrainersSupervisorsAndAdminsOfTheirStudents) {
  ASSERT_TRUE(as("s2").add_hours(core::Date::from_ymd(2026, 10, 21), 480, "", std::nullopt).has_value());
  EXPECT_EQ(as("s2").violations({}).error().kind, ErrorKind::forbidden);
  const ViolationQuery vacation{std::nullopt, std::string("SCHOOL_VACATION"), false};
  EXPECT_TRUE(as("t1").violations(vacation)->empty());
  EXPECT_EQ(as("t2").violations(vacation)->size(), 1u);
  EXPECT_EQ(as("admin").violations(vacation)->size(), 1u);
  EXPECT_EQ(as("b1").violations(vacation)->size(), 0u);
  EXPECT_EQ(as("t1").violations({std::string("1000002"), std::nullopt, false}).error().kind,
            ErrorKind::not_found);
  auto unknown = as("admin").violations({std::nullopt, std::string("OVERTIME_DAYS"), false});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().message.find("OVERTIME_DAY"), std::string::npos);
  EXPECT_TRUE(as("admin").violations({std::nullopt, std::string("overtime_day"), false})->empty());
}

TEST_F(RuleChecksTest, AnIncrementalRunLeavesWhatAFullRunWould) {
  run(true);
  // Changes behind the Portal's back, as an import makes them: queued, not checked.
  auto now = m_clock->now();
  store::EntryFields vacation{m_placements["1000002"], core::Date::from_ymd(2026, 10, 22), 540, "",
                              store::EntryStatus::submitted};
  ASSERT_TRUE(m_store->upsert_entry(vacation, now).has_value());
  EXPECT_TRUE(open_flags("1000002").empty());
  auto incremental = run(false);
  EXPECT_FALSE(incremental.full);
  EXPECT_EQ(incremental.placements_checked, 1);
  EXPECT_EQ(codes(open_flags("1000002")),
            (std::vector<std::string>{"OVERTIME_DAY 2026-10-22", "SCHOOL_VACATION 2026-10-22"}));
  // A full run (dry) would change nothing.
  expect_a_full_run_changes_nothing();
  // Nothing changed: the next run checks nothing.
  EXPECT_EQ(run(false).placements_checked, 0);
}

// The job reads on a second connection, on a second thread, while it checks and writes on the
// first: what it stores is what a run on one connection stores.
TEST_F(RuleChecksTest, AnIncrementalRunReadingOnASecondConnectionStoresWhatOneConnectionWould) {
  run(true);
  auto reader = m_store->open_another();
  ASSERT_TRUE(reader.has_value()) << reader.error().message;
  auto now = m_clock->now();
  for (const auto& [student, placement] : m_placements) {
    // A vacation day over the day's hours, and a week of long days, behind the Portal's back.
    ASSERT_TRUE(m_store->upsert_entry({placement, core::Date::from_ymd(2026, 10, 22), 540, "",
                                       store::EntryStatus::submitted}, now).has_value());
    for (int day = 2; day <= 6; ++day) {
      ASSERT_TRUE(m_store->upsert_entry({placement, core::Date::from_ymd(2026, 11, day), 600, "",
                                         store::EntryStatus::submitted}, now).has_value());
    }
  }
  auto incremental = run(false, false, reader->get());
  EXPECT_FALSE(incremental.full);
  EXPECT_EQ(incremental.placements_checked, static_cast<int>(m_placements.size()));
  auto found = codes(open_flags("1000002"));
  for (const char* flag : {"SCHOOL_VACATION 2026-10-22", "OVERTIME_DAY 2026-10-22", "OVERTIME_DAY 2026-11-04"}) {
    EXPECT_NE(std::find(found.begin(), found.end(), flag), found.end()) << flag;
  }
  // 2026-W45 now has hours: its MISSING_WEEK flag resolved (the vacation week had none).
  EXPECT_EQ(incremental.changes.resolved_by_code["MISSING_WEEK"], static_cast<int>(m_placements.size()));
  // A full run on one connection (dry) would change nothing, and nothing is left queued.
  expect_a_full_run_changes_nothing();
  EXPECT_TRUE(m_store->rule_checks_due()->empty());
}

TEST_F(RuleChecksTest, AnIncrementalRunOverManyPlacementsSharesItsReadsAndLeavesWhatAFullRunWould) {
  // Enough placements for many chunks of reads, claimed by both threads.
  auto many = add_bakers(300);
  auto now = m_clock->now();
  run(true);
  // Behind the Portal's back: long days in 2026-W48 for most, a day in the autumn vacation for
  // some; every seventh placement is left alone and checked only for the week that ended.
  for (std::size_t n = 0; n < many.size(); ++n) {
    if (n % 7 == 0) {
      continue;
    }
    auto day = core::Date::from_ymd(2026, 11, 23).plus_days(static_cast<int>(n % 5));
    ASSERT_TRUE(m_store->upsert_entry({many[n], day, static_cast<core::Minutes>(480 + (n % 4) * 60), "",
                                       store::EntryStatus::submitted}, now).has_value());
    if (n % 5 == 0) {
      ASSERT_TRUE(m_store->upsert_entry({many[n], core::Date::from_ymd(2026, 10, 20), 480, "",
                                         store::EntryStatus::submitted}, now).has_value());
    }
    // Weeks far apart (2026-W38 to W48) for a few: their chunks' flags are read placement by
    // placement, the other chunks' together.
    if (n % 100 == 11) {
      ASSERT_TRUE(m_store->upsert_entry({many[n], core::Date::from_ymd(2026, 9, 15), 600, "",
                                         store::EntryStatus::submitted}, now).has_value());
    }
  }
  auto reader = m_store->open_another();
  ASSERT_TRUE(reader.has_value()) << reader.error().message;
  // The same day: only the queued placements, read all at once when more than 100 are queued
  // (the ids' halves on the two connections).
  auto queued = static_cast<int>(m_store->rule_checks_due()->size());
  EXPECT_GT(queued, 100);
  auto incremental = run(false, false, reader->get(), 100);
  EXPECT_FALSE(incremental.full);
  EXPECT_EQ(incremental.placements_checked, queued);
  EXPECT_GT(incremental.changes.opened_by_code["OVERTIME_DAY"], 0);
  EXPECT_GT(incremental.changes.opened_by_code["SCHOOL_VACATION"], 0);
  // A full run on one connection (dry) would change nothing, and nothing is left queued.
  expect_a_full_run_changes_nothing();
  EXPECT_TRUE(m_store->rule_checks_due()->empty());

  // A week later, 2026-W49 has ended since the last run: every placement, with more changes; some
  // adults wrote a long day in W51 ahead of time.
  for (std::size_t n = 0; n < many.size(); n += 3) {
    ASSERT_TRUE(m_store->upsert_entry({many[n], core::Date::from_ymd(2026, 12, 2), 600, "",
                                       store::EntryStatus::submitted}, now).has_value());
    ASSERT_TRUE(m_store->upsert_entry({many[n + 1], core::Date::from_ymd(2026, 12, 15), 600, "",
                                       store::EntryStatus::submitted}, now).has_value());
  }
  set_today(2026, 12, 7);
  auto week_later = run(false, false, reader->get());
  EXPECT_EQ(week_later.placements_checked, static_cast<int>(many.size() + m_placements.size()));
  EXPECT_GT(week_later.changes.opened_by_code["MISSING_WEEK"], 0);
  EXPECT_GT(week_later.changes.opened_by_code["OVERTIME_DAY"], 0);
  expect_a_full_run_changes_nothing();
  EXPECT_TRUE(m_store->rule_checks_due()->empty());

  // Another week on, late hours in 2026-W49 for every other placement: a chunk reads the open
  // flags of its placements' weeks at once, W49 to W53 as the young workers' checks count three
  // weeks more, and each placement's own weeks must be taken from them (an adult's W51 flag
  // stays open: its window is W49 and W50).
  for (std::size_t n = 0; n < many.size(); n += 2) {
    ASSERT_TRUE(m_store->upsert_entry({many[n], core::Date::from_ymd(2026, 12, 3), 480, "",
                                       store::EntryStatus::submitted}, now).has_value());
  }
  set_today(2026, 12, 14);
  auto two_weeks_later = run(false, false, reader->get());
  EXPECT_GT(two_weeks_later.changes.resolved_by_code["MISSING_WEEK"], 0);
  expect_a_full_run_changes_nothing();
}

// The reading connection keeps its snapshot from batch to batch while nobody else writes; a
// write from another connection between two batches must reach the reads of the later ones.
TEST_F(RuleChecksTest, AWriteBetweenTwoBatchesReachesTheReadsOfTheLaterOnes) {
  auto many = add_bakers(300);
  run(true);
  auto now = m_clock->now();
  for (store::Id placement : many) {
    ASSERT_TRUE(m_store->upsert_entry({placement, core::Date::from_ymd(2026, 11, 23), 480, "",
                                       store::EntryStatus::submitted}, now).has_value());
  }
  auto reader = m_store->open_another();
  ASSERT_TRUE(reader.has_value()) << reader.error().message;
  auto student = m_store->open_another();
  ASSERT_TRUE(student.has_value()) << student.error().message;
  // After the first batch of 100, from a third connection: an eleven-hour day for each
  // placement of the later batches, in the week they are checked for.
  int calls = 0;
  auto write_once = [&]() -> Result<void> {
    if (++calls > 1) {
      return {};
    }
    for (std::size_t n = 100; n < many.size(); ++n) {
      BPV_TRY((*student)->upsert_entry({many[n], core::Date::from_ymd(2026, 11, 24), 660, "",
                                        store::EntryStatus::submitted}, now));
    }
    return {};
  };
  auto report = run(false, false, reader->get(), ViolationsRequest{}.read_all_above, 100, write_once);
  EXPECT_GE(calls, 3);
  EXPECT_GE(report.changes.opened_by_code["OVERTIME_DAY"], 200);
  // The day was checked with the hours of the write, not without them: a full run finds nothing
  // more to open, and the placements written to are not left queued.
  expect_a_full_run_changes_nothing();
}

TEST_F(RuleChecksTest, AWeekThatEndedSinceTheLastRunIsJudgedForMissingHours) {
  run(true);
  auto before = codes(open_flags("1000001", true));
  // A week later, 2026-W49 (30 November to 6 December) has passed without hours.
  set_today(2026, 12, 7);
  auto report = run(false);
  EXPECT_EQ(report.placements_checked, 2);
  auto after = codes(open_flags("1000001", true));
  EXPECT_EQ(std::count(after.begin(), after.end(), "MISSING_WEEK"), std::count(before.begin(), before.end(), "MISSING_WEEK") + 1);
  expect_a_full_run_changes_nothing();
}

TEST_F(RuleChecksTest, ADryRunChangesNothing) {
  ASSERT_TRUE(m_store->upsert_entry({m_placements["1000001"], core::Date::from_ymd(2026, 10, 19), 480, "",
                                     store::EntryStatus::submitted},
                                    m_clock->now())
                  .has_value());
  auto dry = run(true, true);
  EXPECT_GT(dry.changes.opened, 0);
  EXPECT_TRUE(open_flags("1000001", true).empty());
  EXPECT_FALSE(m_store->rule_checks_due()->empty());
}

TEST_F(RuleChecksTest, ACompanysCalendarBeatsTheDefault) {
  core::Calendar own("roc-utrecht");
  own.add_period({"studiedagen", core::Date::from_ymd(2026, 11, 2), core::Date::from_ymd(2026, 11, 6)});
  ASSERT_TRUE(m_store->save_calendar(own, std::nullopt, m_clock->now()).has_value());
  EXPECT_EQ(as("t1").assign_calendar("roc-utrecht", "Zorgcentrum De Linde", std::nullopt).error().kind,
            ErrorKind::forbidden);
  EXPECT_EQ(as("admin").assign_calendar("roc-zuid", "Zorgcentrum De Linde", std::nullopt).error().kind,
            ErrorKind::not_found);
  EXPECT_EQ(as("admin").assign_calendar("roc-utrecht", "Zorgcentrum De Linde", std::string("Zeist")).error().kind,
            ErrorKind::not_found);
  ASSERT_TRUE(as("admin").assign_calendar("roc-utrecht", "zorgcentrum de linde", std::nullopt).has_value());
  ASSERT_TRUE(as("s1").add_hours(core::Date::from_ymd(2026, 11, 4), 480, "", std::nullopt).has_value());
  EXPECT_EQ(codes(open_flags("1000001")), std::vector<std::string>{"SCHOOL_VACATION 2026-11-04"});
  // Not a vacation in midden, the default: without the company's calendar no flag.
  ASSERT_TRUE(as("s1").add_hours(core::Date::from_ymd(2026, 10, 20), 480, "", std::nullopt).has_value());
  EXPECT_EQ(open_flags("1000001").size(), 1u);
}

}  // namespace
}  // namespace bpv::portal
