#include "unit/import/import_fixture.hpp"

#include <gmock/gmock.h>

namespace bpv::import {
namespace {

using test_support::has_problem;
using test_support::k_placements_header;
using test_support::placement_row;

class HoursImport : public test_support::ImportTest {
 protected:
  void SetUp() override {
    ImportTest::SetUp();
    auto report = placements(k_placements_header + placement_row("1000001", "Mehmet Çelik") +
                             placement_row("1000002", "Zoë de Wit", "2026-09-01", "2026-11-13"));
    ASSERT_TRUE(report.ok());
  }
};

TEST_F(HoursImport, LoadsHoursAndRepeatsAsNoChange) {
  std::string file =
      "student_number,date,hours,activity,status\n"
      "1000001,2026-11-02,8,Code review,approved\n"
      "1000001,03-11-2026,\"7,5\",\"Bugfix, login\",approved\n"
      "1000001,2026-11-04,7:30,Stand-up\n"
      "1000002,2026-11-13,7u30,\"Laatste dag\nafscheid\",submitted\n";
  auto first = hours(file);
  ASSERT_TRUE(first.ok()) << ::testing::PrintToString(test_support::describe(first));
  EXPECT_TRUE(first.written);
  EXPECT_EQ(first.entries.created, 4);
  EXPECT_EQ(first.approved, 2);
  EXPECT_EQ(first.submitted, 2);
  EXPECT_EQ(counts().entries, 4);

  auto second = hours(file);
  EXPECT_EQ(second.entries.unchanged, 4);
  EXPECT_EQ(second.entries.created + second.entries.updated, 0);

  auto changed = hours("student_number,date,hours,activity\n1000001,2026-11-04,6,Stand-up\n");
  EXPECT_EQ(changed.entries.updated, 1);
  EXPECT_EQ(counts().entries, 4);
}

TEST_F(HoursImport, ReadsSemicolonsBomAndCrLf) {
  auto report = hours("\xEF\xBB\xBFstudent_number;date;hours;activity\r\n"
                      "1000001;02-11-2026;7,5;\"Klanten gebeld; offerte\r\ngemaakt\"\r\n"
                      "1000001;03-11-2026;8;\r\n");
  ASSERT_TRUE(report.ok()) << ::testing::PrintToString(test_support::describe(report));
  EXPECT_EQ(report.entries.created, 2);
}

TEST_F(HoursImport, EveryBadRowIsReportedAndNothingIsWritten) {
  std::string file =
      "student_number,date,hours,activity,status\n"
      "1000001,2026-11-02,8,ok,approved\n"          // 2: fine
      "1000002,2026-11-16,8,after the end,\n"       // 3: outside the placement
      "9999999,2026-11-02,8,who?,\n"                // 4: unknown student
      "1000001,2026-11-03,25,too long,\n"           // 5: more than 24 hours
      "1000001,2026-11-04,-1,negative,\n"           // 6: negative
      "1000001,2026-11-31,8,no such day,\n"         // 7: unknown date
      "1000001,2026-11-02,4,again,\n"               // 8: twice in the file
      "1000001,2026-11-05,8,,maybe\n"               // 9: unknown status
      "1000001,2026-12-01,8,tomorrow,\n"            // 10: in the future
      "1000001,2026-08-31,8,before the start,\n"    // 11: before the placement
      "1000001,2026-11-06,0,nothing,\n";            // 12: zero hours
  auto report = hours(file);
  EXPECT_FALSE(report.written);
  EXPECT_TRUE(has_problem(report, 3, "date", "outside the placement of student 1000002 (2026-09-01 to 2026-11-13)"));
  EXPECT_TRUE(has_problem(report, 4, "student_number", "no placement for student 9999999"));
  EXPECT_TRUE(has_problem(report, 5, "hours", "at most 24"));
  EXPECT_TRUE(has_problem(report, 6, "hours", "not an amount of hours"));
  EXPECT_TRUE(has_problem(report, 7, "date", "not a valid date"));
  EXPECT_TRUE(has_problem(report, 8, "date", "twice in this file"));
  EXPECT_TRUE(has_problem(report, 9, "status", "not a status"));
  EXPECT_TRUE(has_problem(report, 10, "date", "in the future"));
  EXPECT_TRUE(has_problem(report, 11, "date", "outside the placement"));
  EXPECT_TRUE(has_problem(report, 12, "hours", "more than 0"));
  EXPECT_EQ(report.problems.size(), 10u) << ::testing::PrintToString(test_support::describe(report));
  EXPECT_EQ(counts().entries, 0);
}

TEST_F(HoursImport, MissingColumnsAreNamed) {
  auto report = hours("student_number,day,hours\n1000001,2026-11-02,8\n");
  EXPECT_TRUE(has_problem(report, 1, "date", "missing column"));
  EXPECT_TRUE(has_problem(report, 1, "activity", "missing column"));
  EXPECT_EQ(counts().entries, 0);
}

TEST_F(HoursImport, DryRunWritesNothing) {
  auto report = hours("student_number,date,hours,activity\n1000001,2026-11-02,8,x\n", DryRun::yes);
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(report.entries.created, 1);
  EXPECT_FALSE(report.written);
  EXPECT_EQ(counts().entries, 0);
}

TEST_F(HoursImport, AStudentWithTwoPlacementsGetsEachDateInTheRightOne) {
  ASSERT_TRUE(placements(k_placements_header + placement_row("1000001", "Mehmet Çelik") +
                         placement_row("1000001", "Mehmet Çelik", "2027-02-01", "2027-06-30"))
                  .ok());
  m_context.today = core::Date::from_ymd(2027, 3, 1);
  auto report = hours("student_number,date,hours,activity\n1000001,2026-11-02,8,a\n1000001,2027-02-01,8,b\n");
  ASSERT_TRUE(report.ok()) << ::testing::PrintToString(test_support::describe(report));
  EXPECT_EQ(report.entries.created, 2);
}

}  // namespace
}  // namespace bpv::import
