#include "unit/import/import_fixture.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>

namespace bpv::import {
namespace {

using test_support::has_problem;
using test_support::ImportTest;
using test_support::k_placements_header;
using test_support::placement_row;

using PlacementsImport = ImportTest;

TEST_F(PlacementsImport, CreatesEveryoneOnceAndRepeatsAsNoChange) {
  std::string file = k_placements_header + placement_row("1000001", "Mehmet Çelik") +
                     placement_row("1000002", "Zoë de Wit") + placement_row("1000003", "Noé Dubois");
  auto first = placements(file);
  ASSERT_TRUE(first.ok()) << ::testing::PrintToString(test_support::describe(first));
  EXPECT_TRUE(first.written);
  EXPECT_EQ(first.rows, 3);
  EXPECT_EQ(first.placements.created, 3);
  EXPECT_EQ(first.students.created, 3);
  EXPECT_EQ(first.companies.created, 1);
  EXPECT_EQ(first.trainers.created, 1);
  EXPECT_EQ(first.supervisors.created, 1);
  auto after_first = counts();
  EXPECT_EQ(after_first.users, 5);
  EXPECT_EQ(after_first.placements, 3);

  auto second = placements(file);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second.placements.unchanged, 3);
  EXPECT_EQ(second.students.unchanged, 3);
  EXPECT_EQ(second.placements.created + second.placements.updated, 0);
  EXPECT_EQ(this->counts().users, 5);
}

TEST_F(PlacementsImport, AChangedRowUpdates) {
  ASSERT_TRUE(placements(k_placements_header + placement_row("1000001", "Mehmet Celik")).ok());
  auto changed = placements(k_placements_header +
                            placement_row("1000001", "Mehmet Çelik", "2026-09-01", "2027-02-26"));
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed.students.updated, 1);
  EXPECT_EQ(changed.placements.updated, 1);
  auto spans = m_store->placement_spans();
  ASSERT_EQ(spans->size(), 1u);
  EXPECT_EQ((*spans)[0].end, core::Date::from_ymd(2027, 2, 26));
  auto user = m_store->find_user_by_email("s1000001@student.example.nl");
  EXPECT_EQ((*user)->name, "Mehmet Çelik");
}

TEST_F(PlacementsImport, ReadsWhatDutchExcelWrites) {
  // BOM, CRLF, semicolons, DD-MM-YYYY, decimal commas, ja/nee, a quoted field with a line break
  // and a semicolon, columns in another order plus one the import does not know.
  std::string file =
      "\xEF\xBB\xBF"
      "Opmerking;student_number;student_name;student_email;student_phone;birth_date;programme;"
      "crebo;level;track;company_name;company_city;trainer_name;trainer_email;trainer_phone;"
      "supervisor_name;supervisor_email;supervisor_phone;start_date;end_date;contract_hours;"
      "hours_per_week;vacation_hours_allowed\r\n"
      "\"eerste regel\r\ntweede; regel\";1000001;Eline van den Berg;eline@student.example.nl;;"
      "14-03-2009;Verzorgende-IG;25491;3;bbl;Zorgcentrum De Linde;Utrecht;Marloes Verhoeven;"
      "marloes@linde.example.nl;;Joost Brouwer;j.brouwer@school.example.nl;;01-09-2026;"
      "30-06-2027;800,5;32;Ja\r\n";
  auto report = placements(file);
  ASSERT_TRUE(report.ok()) << ::testing::PrintToString(test_support::describe(report));
  EXPECT_EQ(report.placements.created, 1);
  auto spans = m_store->placement_spans();
  ASSERT_EQ(spans->size(), 1u);
  EXPECT_EQ((*spans)[0].start, core::Date::from_ymd(2026, 9, 1));
  EXPECT_EQ((*spans)[0].end, core::Date::from_ymd(2027, 6, 30));
}

TEST_F(PlacementsImport, MissingColumnsAreNamedAndNothingIsWritten) {
  std::string header = k_placements_header;
  header.replace(header.find("end_date,"), 9, "");
  header.replace(header.find("trainer_email,"), 14, "");
  auto report = placements(header + "x\n");
  EXPECT_FALSE(report.written);
  EXPECT_TRUE(has_problem(report, 1, "end_date", "missing column"));
  EXPECT_TRUE(has_problem(report, 1, "trainer_email", "missing column"));
  EXPECT_EQ(counts().users, 0);
}

struct BadRow {
  const char* name;
  std::string row;
  const char* field;
  const char* words;
};

class PlacementsBadRow : public ImportTest, public ::testing::WithParamInterface<BadRow> {};

TEST_P(PlacementsBadRow, IsReportedWithLineAndFieldAndNothingIsWritten) {
  const BadRow& bad = GetParam();
  std::string file = k_placements_header + placement_row("1000001", "Mehmet Çelik") + bad.row;
  auto report = placements(file);
  EXPECT_FALSE(report.written);
  EXPECT_TRUE(has_problem(report, 3, bad.field, bad.words))
      << bad.name << ": " << ::testing::PrintToString(test_support::describe(report));
  EXPECT_EQ(counts().users, 0);
  EXPECT_EQ(counts().placements, 0);
}

std::string with(std::string row, const std::string& from, const std::string& to) {
  row.replace(row.find(from), from.size(), to);
  return row;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PlacementsBadRow,
    ::testing::Values(
        BadRow{"unknown date", with(placement_row("1000002", "Zoë"), "2026-09-01", "2026-13-01"),
               "start_date", "not a valid date"},
        BadRow{"garbage date", with(placement_row("1000002", "Zoë"), "2027-01-29", "soon"),
               "end_date", "not a date"},
        BadRow{"end before start", placement_row("1000002", "Zoë", "2026-09-01", "2026-08-01"),
               "end_date", "before the start date"},
        BadRow{"negative hours", with(placement_row("1000002", "Zoë"), ",800,", ",-800,"),
               "contract_hours", "negative"},
        BadRow{"absurd hours per week", with(placement_row("1000002", "Zoë"), ",32,", ",200,"),
               "hours_per_week", "not plausible"},
        BadRow{"absurd hours per day", with(placement_row("1000002", "Zoë"), ",nee,8", ",nee,30"),
               "hours_per_day", "at most 24"},
        BadRow{"two names for one student", placement_row("1000001", "Mehmet Celik", "2027-02-01", "2027-06-30"),
               "student_name", "'Mehmet Celik' here but 'Mehmet Çelik' on line 2"},
        BadRow{"e-mail without @", with(placement_row("1000002", "Zoë"), "t1@pixelwerf", "t1.pixelwerf"),
               "trainer_email", "not an e-mail address"},
        BadRow{"empty student number", with(placement_row("1000002", "Zoë"), "1000002,Zoë", ",Zoë"),
               "student_number", "is empty"},
        BadRow{"bad track", with(placement_row("1000002", "Zoë"), ",BOL,", ",HBO,"), "track",
               "not a track"},
        BadRow{"bad yes/no", with(placement_row("1000002", "Zoë"), ",nee,", ",misschien,"),
               "vacation_hours_allowed", "not yes or no"},
        BadRow{"trainer is also a supervisor",
               with(placement_row("1000002", "Zoë"), "b1@school.example.nl", "t1@pixelwerf.example.nl"),
               "supervisor_email", "one e-mail address belongs to one person"},
        BadRow{"the same placement twice", placement_row("1000001", "Mehmet Çelik"), "start_date",
               "already has a placement"},
        BadRow{"too many fields", with(placement_row("1000002", "Zoë"), "\n", ",extra\n"), "row",
               "quote values"}),
    [](const ::testing::TestParamInfo<BadRow>& case_info) {
      std::string name = case_info.param.name;
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) {
          c = '_';
        }
      }
      return name;
    });

TEST_F(PlacementsImport, ReportsEveryBadRowInOneRun) {
  std::string file = k_placements_header + placement_row("1000001", "A") +
                     placement_row("1000002", "B", "2026-09-01", "2026-01-01") +
                     placement_row("1000003", "C") +
                     with(placement_row("1000004", "D"), "s1000004@student", "s1000004-student");
  auto report = placements(file);
  EXPECT_EQ(report.problems.size(), 2u);
  EXPECT_TRUE(has_problem(report, 3, "end_date", "before the start date"));
  EXPECT_TRUE(has_problem(report, 5, "student_email", "not an e-mail address"));
  EXPECT_EQ(counts().placements, 0);
}

TEST_F(PlacementsImport, AConflictWithTheDatabaseIsABadRow) {
  ASSERT_TRUE(m_store->upsert_user({"t1@pixelwerf.example.nl", "Beheer", "", store::Role::admin, {}},
                                   m_context.now)
                  .has_value());
  auto report = placements(k_placements_header + placement_row("1000001", "Mehmet Çelik"));
  EXPECT_TRUE(has_problem(report, 2, "trainer_email", "already a user with role admin"))
      << ::testing::PrintToString(test_support::describe(report));
  EXPECT_EQ(counts().placements, 0);
  EXPECT_EQ(counts().users, 1);
}

TEST_F(PlacementsImport, DryRunReportsButWritesNothing) {
  auto report = placements(k_placements_header + placement_row("1000001", "Mehmet Çelik"), DryRun::yes);
  EXPECT_TRUE(report.ok());
  EXPECT_FALSE(report.written);
  EXPECT_EQ(report.placements.created, 1);
  EXPECT_EQ(counts().users, 0);
  EXPECT_EQ(counts().placements, 0);
}

TEST_F(PlacementsImport, ACalendarColumnChoosesALoadedCalendar) {
  std::string header = k_placements_header.substr(0, k_placements_header.size() - 1) + ",calendar\n";
  auto row = [](const std::string& number, const std::string& calendar) {
    auto line = placement_row(number, "Zoë de Wit");
    return line.substr(0, line.size() - 1) + "," + calendar + "\n";
  };
  // Not loaded yet, and not a name at all: bad rows, nothing written.
  auto refused = placements(header + row("1000001", "roc-utrecht") + row("1000002", "ROC Utrecht"));
  EXPECT_FALSE(refused.written);
  EXPECT_TRUE(has_problem(refused, 2, "calendar", "is not loaded"));
  EXPECT_TRUE(has_problem(refused, 3, "calendar", "is not a calendar name"));
  EXPECT_EQ(counts().placements, 0);

  core::Calendar own("roc-utrecht");
  own.add_period({"herfstvakantie", core::Date::from_ymd(2026, 10, 10), core::Date::from_ymd(2026, 10, 18)});
  ASSERT_TRUE(m_store->save_calendar(own, std::nullopt, core::Instant{}).has_value());
  auto report = placements(header + row("1000001", "roc-utrecht") + row("1000002", ""));
  ASSERT_TRUE(report.ok()) << ::testing::PrintToString(test_support::describe(report));
  auto found = m_store->find_placements({});
  ASSERT_EQ(found->size(), 2u);
  EXPECT_EQ((*found)[0].calendar, "roc-utrecht");
  EXPECT_EQ((*found)[1].calendar, "");  // the configuration's default
  // Another calendar is a change of the placement.
  auto again = placements(header + row("1000001", "") + row("1000002", ""));
  EXPECT_EQ(again.placements.updated, 1);
}

}  // namespace
}  // namespace bpv::import
