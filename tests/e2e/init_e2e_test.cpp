#include "e2e/e2e_fixture.hpp"

#include <sys/stat.h>

namespace bpv::test {
namespace {

using Init = EndToEnd;

TEST_F(Init, CreatesTheDatabaseWithAnAdministrator) {
  auto result = bpv({"--db", db(), "init", "--admin-email", "beheer@school.example.nl",
                     "--password-stdin"},
                    "correct horse battery\n");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "Created " + db() + " with administrator beheer@school.example.nl.\n" +
                            "Next: bpv --db " + db() + " import placements FILE\n");
  EXPECT_EQ(result.err, "");
  EXPECT_TRUE(std::filesystem::exists(db()));
}

TEST_F(Init, RefusesAnExistingDatabaseAndLeavesItAlone) {
  init();
  auto before = read_file(db());
  auto result = bpv({"--db", db(), "init", "--admin-email", "other@school.example.nl",
                     "--password-stdin"},
                    "another password\n");
  EXPECT_EQ(result.exit_code, 6);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "bpv: " + db() +
                            " already exists; bpv init never touches an existing database (remove "
                            "it or choose another --db)\n");
  EXPECT_EQ(read_file(db()), before);
}

TEST_F(Init, RefusesAShortPasswordAndCreatesNothing) {
  auto result = bpv({"--db", db(), "init", "--admin-email", "beheer@school.example.nl",
                     "--password-stdin"},
                    "short\n");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "bpv: the password is too short; use at least 10 characters\n");
  EXPECT_FALSE(std::filesystem::exists(db()));
}

TEST_F(Init, RefusesABadEmail) {
  auto result = bpv({"--db", db(), "init", "--admin-email", "beheer", "--password-stdin"},
                    "correct horse battery\n");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "bpv: --admin-email: 'beheer' is not an e-mail address\n");
  EXPECT_FALSE(std::filesystem::exists(db()));
}

TEST_F(Init, WithoutATerminalAsksForPasswordStdin) {
  auto result = bpv({"--db", db(), "init", "--admin-email", "beheer@school.example.nl"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err,
            "bpv: no terminal to ask for the password; pipe it in with --password-stdin\n");
  EXPECT_FALSE(std::filesystem::exists(db()));
}

TEST_F(Init, UsesTheDefaultDatabaseUnderXdgDataHome) {
  auto result = bpv({"init", "--admin-email", "beheer@school.example.nl", "--password-stdin"},
                    "correct horse battery\n");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(std::filesystem::exists(m_dir / "data" / "bpv" / "bpv.db"));
}

TEST_F(Init, TheDatabaseIsNotReadableByOthers) {
  init();
  struct stat info {};
  ASSERT_EQ(::stat(db().c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0077, 0u);
}

TEST_F(Init, UnknownOptionIsAUsageError) {
  auto result = bpv({"init", "--admin-email", "x@y.nl", "--admin-mail", "x@y.nl"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("--admin-mail"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(m_dir / "data" / "bpv" / "bpv.db"));
}

TEST_F(Init, ConfigFileNamesTheDatabaseAndBadKeysAreReportedWithTheirLine) {
  auto config = m_dir.write("bpv.yaml", "version: 1\ndatabase: school.db\napproval:\n  grace_dayz: 30\n");
  auto bad = bpv({"--config", config.string(), "init", "--admin-email", "beheer@school.example.nl",
                  "--password-stdin"},
                 "correct horse battery\n");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err, "bpv: " + config.string() + ":4: unknown key 'approval.grace_dayz'\n");
  m_dir.write("bpv.yaml", "version: 1\ndatabase: school.db\n");
  auto good = bpv({"--config", config.string(), "init", "--admin-email", "beheer@school.example.nl",
                   "--password-stdin"},
                  "correct horse battery\n");
  EXPECT_EQ(good.exit_code, 0) << good.err;
  EXPECT_TRUE(std::filesystem::exists(m_dir / "school.db"));
}

}  // namespace
}  // namespace bpv::test
