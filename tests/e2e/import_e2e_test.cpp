#include "e2e/e2e_fixture.hpp"

#include <nlohmann/json.hpp>

namespace bpv::test {
namespace {

using Import = EndToEnd;

TEST_F(Import, LoadsTheDemoCollege) {
  init();
  auto placements = bpv({"--db", db(), "import", "placements", demo("placements.csv")});
  ASSERT_EQ(placements.exit_code, 0) << placements.err;
  EXPECT_EQ(placements.out, demo("placements.csv") + ": 6 rows\n"
                                "  placements   6 new, 0 changed, 0 unchanged\n"
                                "  students     6 new, 0 changed, 0 unchanged\n"
                                "  companies    1 new, 0 changed, 0 unchanged\n"
                                "  trainers     2 new, 0 changed, 0 unchanged\n"
                                "  supervisors  2 new, 0 changed, 0 unchanged\n"
                                "  rule checks  queued for the next 'bpv-jobs run violations'\n");
  auto hours = bpv({"--db", db(), "import", "hours", demo("hours.csv")});
  ASSERT_EQ(hours.exit_code, 0) << hours.err;
  EXPECT_EQ(hours.out, demo("hours.csv") + ": 222 rows\n"
                           "  entries      222 new, 0 changed, 0 unchanged\n"
                           "  status       181 approved, 41 submitted\n"
                           "  rule checks  queued for the next 'bpv-jobs run violations'\n");
  EXPECT_EQ(hours.err, "");
}

TEST_F(Import, JsonAfterTheSubcommandAndImportingTwiceChangesNothing) {
  init();
  ASSERT_EQ(bpv({"--db", db(), "import", "placements", demo("placements.csv")}).exit_code, 0);
  auto again = bpv({"--db", db(), "import", "placements", demo("placements.csv"), "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  auto json = nlohmann::json::parse(again.out);
  EXPECT_EQ(json["rows"], 6);
  EXPECT_EQ(json["written"], true);
  EXPECT_EQ(json["placements"]["unchanged"], 6);
  EXPECT_EQ(json["placements"]["created"], 0);
  EXPECT_EQ(json["students"]["unchanged"], 6);
}

TEST_F(Import, BadRowsGoToStderrAsFileLineFieldProblemWithExitTwo) {
  init();
  ASSERT_EQ(bpv({"--db", db(), "import", "placements", demo("placements.csv")}).exit_code, 0);
  auto file = m_dir.write("uren.csv",
                          "student_number;date;hours;activity\n"
                          "1091547;2026-11-02;8;ok\n"
                          "1091547;2026-11-03;25;te lang\n"
                          "0000000;2026-11-02;8;wie?\n");
  auto result = bpv({"--db", db(), "import", "hours", file.string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            file.string() + ":3: hours: '25' hours: a day has at most 24 hours\n" + file.string() +
                ":4: student_number: no placement for student 0000000; import the placements "
                "first\n"
                "bpv: 2 problems in " +
                file.string() + "; nothing was imported. Fix the file and run again.\n");
  auto check = bpv({"--db", db(), "--json", "import", "hours", demo("hours.csv"), "--dry-run"});
  ASSERT_EQ(check.exit_code, 0) << check.err;
  // Nothing of the bad file was written: the demo's hours are all still new.
  EXPECT_EQ(nlohmann::json::parse(check.out)["entries"]["created"], 222);
  EXPECT_EQ(nlohmann::json::parse(check.out)["written"], false);
}

TEST_F(Import, WithoutADatabaseSaysHowToCreateOne) {
  auto result = bpv({"--db", db(), "import", "placements", demo("placements.csv")});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, "bpv: no database at " + db() + "; create one with: bpv init --db " + db() +
                            " --admin-email EMAIL\n");
}

TEST_F(Import, AMissingFileIsNamed) {
  init();
  auto result = bpv({"--db", db(), "import", "hours", (m_dir / "nope.csv").string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("nope.csv:1: file: cannot read"), std::string::npos) << result.err;
}

TEST_F(Import, ABadNowIsAUsageError) {
  init();
  auto result = bpv({"--db", db(), "--now", "tomorrow", "import", "placements", demo("placements.csv")});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("--now: 'tomorrow' is not a time"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace bpv::test
