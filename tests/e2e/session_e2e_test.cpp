// Signing in and out, the credentials file, BPV_TOKEN, passwords and accounts, through the real
// bpv binary.
#include "e2e/e2e_fixture.hpp"

#include <nlohmann/json.hpp>

#include <sys/stat.h>
#include <regex>

namespace bpv::test {
namespace {

using nlohmann::json;

constexpr const char* k_marloes = "marloes.verhoeven@zorgcentrumdelinde.example.nl";
constexpr const char* k_marloes_password = "marloes-wachtwoord-2026";

class Session : public EndToEnd {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(load_demo());
    ASSERT_NO_FATAL_FAILURE(set_password(k_marloes, k_marloes_password));
  }

  ProcessResult login_marloes(const std::string& password = k_marloes_password) const {
    return bpv_as("marloes", {"login", "--user", k_marloes, "--password-stdin"}, password + "\n");
  }

  // The session token kept in `user`'s credentials file: "bpv_" and 64 hex digits.
  std::string stored_token(const std::string& user) const {
    std::smatch match;
    std::string text = read_file(credentials_of(user));
    if (!std::regex_search(text, match, std::regex("bpv_[0-9a-f]{64}"))) {
      ADD_FAILURE() << "no token in " << credentials_of(user) << ":\n" << text;
      return "";
    }
    return match.str();
  }

  static unsigned mode_of(const std::filesystem::path& path) {
    struct stat info {};
    EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
    return info.st_mode & 07777;
  }
};

TEST_F(Session, LoginKeepsTheTokenInAFileOnlyTheUserCanRead) {
  auto login = login_marloes();
  ASSERT_EQ(login.exit_code, 0) << login.err;
  EXPECT_EQ(login.out,
            "Signed in as Marloes Verhoeven <" + std::string(k_marloes) + "> (trainer).\n");
  EXPECT_EQ(login.err, "");
  ASSERT_TRUE(std::filesystem::exists(credentials_of("marloes")));
  EXPECT_EQ(mode_of(credentials_of("marloes")), 0600u);
  // The token is kept only as a hash in the database.
  auto token = stored_token("marloes");
  ASSERT_FALSE(token.empty());
  for (const auto* suffix : {"", "-wal"}) {
    auto file = db() + suffix;
    if (std::filesystem::exists(file)) {
      EXPECT_EQ(read_file(file).find(token), std::string::npos) << file;
    }
  }

  auto whoami = bpv_as("marloes", {"whoami"});
  EXPECT_EQ(whoami.exit_code, 0) << whoami.err;
  EXPECT_EQ(whoami.out, "Marloes Verhoeven <" + std::string(k_marloes) + "> (trainer)\n");
  auto whoami_json = bpv_as("marloes", {"whoami", "--json"});
  EXPECT_EQ(whoami_json.exit_code, 0) << whoami_json.err;
  EXPECT_EQ(json::parse(whoami_json.out),
            (json{{"email", k_marloes}, {"name", "Marloes Verhoeven"}, {"role", "trainer"}}));
}

TEST_F(Session, ACredentialsFileReadableByOthersIsRefusedWithTheFix) {
  ASSERT_EQ(login_marloes().exit_code, 0);
  std::filesystem::permissions(
      credentials_of("marloes"),
      std::filesystem::perms::others_read | std::filesystem::perms::group_read,
      std::filesystem::perm_options::add);
  auto refused = bpv_as("marloes", {"whoami"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_EQ(refused.out, "");
  EXPECT_EQ(refused.err.rfind("bpv: ", 0), 0u) << refused.err;
  EXPECT_NE(refused.err.find("chmod 600"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find(credentials_of("marloes").string()), std::string::npos) << refused.err;
  EXPECT_EQ(lines_of(refused.err).size(), 1u) << refused.err;
  EXPECT_EQ(mode_of(credentials_of("marloes")), 0644u);  // refused, not silently repaired

  std::filesystem::permissions(
      credentials_of("marloes"),
      std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
      std::filesystem::perm_options::replace);
  EXPECT_EQ(bpv_as("marloes", {"whoami"}).exit_code, 0);
}

TEST_F(Session, BpvTokenOverridesTheStoredToken) {
  ASSERT_EQ(login_marloes().exit_code, 0);
  auto token = stored_token("marloes");
  ASSERT_FALSE(token.empty());
  // The default config folder holds the administrator's session; BPV_TOKEN wins over it.
  auto as_marloes = bpv_with({{"BPV_TOKEN", token}}, {"--db", db(), "whoami"});
  EXPECT_EQ(as_marloes.exit_code, 0) << as_marloes.err;
  EXPECT_EQ(as_marloes.out, "Marloes Verhoeven <" + std::string(k_marloes) + "> (trainer)\n");
  auto as_admin = bpv({"--db", db(), "whoami", "--json"});
  EXPECT_EQ(json::parse(as_admin.out)["role"], "admin");
  // A bad BPV_TOKEN is not signed in, even with a good stored token: no silent fallback.
  auto bogus = bpv_with({{"BPV_TOKEN", "bpv_" + std::string(64, '0')}}, {"--db", db(), "whoami"});
  EXPECT_EQ(bogus.exit_code, 3);
  EXPECT_EQ(bogus.out, "");
  EXPECT_EQ(lines_of(bogus.err).size(), 1u) << bogus.err;
}

TEST_F(Session, LogoutRevokesTheSession) {
  ASSERT_EQ(login_marloes().exit_code, 0);
  auto token = stored_token("marloes");
  auto logout = bpv_as("marloes", {"logout"});
  EXPECT_EQ(logout.exit_code, 0) << logout.err;
  EXPECT_EQ(logout.out, "Signed out.\n");
  auto whoami = bpv_as("marloes", {"whoami"});
  EXPECT_EQ(whoami.exit_code, 3);
  EXPECT_EQ(whoami.out, "");
  EXPECT_EQ(lines_of(whoami.err).size(), 1u) << whoami.err;
  // Revoked, not only forgotten: the old token no longer works anywhere.
  EXPECT_EQ(bpv_with({{"BPV_TOKEN", token}}, {"--db", db(), "whoami"}).exit_code, 3);
  auto again = bpv_as("marloes", {"logout"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, "Not signed in; nothing to do.\n");
}

TEST_F(Session, AWrongPasswordIsNotSignedInAndStoresNothing) {
  auto wrong = login_marloes("not-her-password");
  EXPECT_EQ(wrong.exit_code, 3);
  EXPECT_EQ(wrong.out, "");
  EXPECT_EQ(lines_of(wrong.err).size(), 1u) << wrong.err;
  EXPECT_EQ(wrong.err.find("not-her-password"), std::string::npos) << wrong.err;
  EXPECT_FALSE(std::filesystem::exists(credentials_of("marloes")));
}

TEST_F(Session, LoginWithoutATerminalAsksForPasswordStdin) {
  auto result = bpv_as("marloes", {"login", "--user", k_marloes});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err,
            "bpv: no terminal to ask for the password; pipe it in with --password-stdin\n");
}

TEST_F(Session, PasswdChangesTheOwnPassword) {
  ASSERT_EQ(login_marloes().exit_code, 0);
  auto wrong = bpv_as("marloes", {"passwd", "--password-stdin"},
                      "not-her-password\nnieuw-wachtwoord-2027\n");
  EXPECT_EQ(wrong.exit_code, 6);
  EXPECT_EQ(wrong.err, "bpv: the current password is wrong; nothing changed\n");
  auto typo = bpv_as("marloes", {"passwd", "--password-stdin"}, std::string(k_marloes_password));
  EXPECT_EQ(typo.exit_code, 2);  // no second line: nothing changes
  EXPECT_EQ(typo.err, "bpv: no new password (the second line) on standard input\n");
  auto changed = bpv_as("marloes", {"passwd", "--password-stdin"},
                        std::string(k_marloes_password) + "\nnieuw-wachtwoord-2027\n");
  EXPECT_EQ(changed.exit_code, 0) << changed.err;
  EXPECT_EQ(changed.out, "Password changed.\n");
  EXPECT_EQ(login_marloes().exit_code, 3);
  EXPECT_EQ(login_marloes("nieuw-wachtwoord-2027").exit_code, 0);
}

TEST_F(Session, AdministratorsManageAccounts) {
  auto added = bpv({"--db", db(), "users", "add", "p.smit@mboutrecht.example.nl", "--name",
                    "Petra Smit", "--role", "supervisor"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_EQ(added.out,
            "Added Petra Smit <p.smit@mboutrecht.example.nl> (supervisor).\n"
            "Next: bpv users set-password p.smit@mboutrecht.example.nl --password-stdin\n");
  auto bad_role = bpv({"--db", db(), "users", "add", "x@mboutrecht.example.nl", "--name", "X",
                       "--role", "teacher"});
  EXPECT_EQ(bad_role.exit_code, 2);
  EXPECT_EQ(bad_role.err.rfind("bpv: --role: 'teacher' is not a role", 0), 0u) << bad_role.err;

  auto users = bpv({"--db", db(), "users", "list", "--json"});
  ASSERT_EQ(users.exit_code, 0) << users.err;
  auto list = json::parse(users.out);
  auto petra = std::find_if(list.begin(), list.end(), [](const json& user) {
    return user["email"] == "p.smit@mboutrecht.example.nl";
  });
  ASSERT_NE(petra, list.end()) << users.out;
  EXPECT_EQ(*petra, (json{{"email", "p.smit@mboutrecht.example.nl"},
                          {"name", "Petra Smit"},
                          {"role", "supervisor"},
                          {"disabled", false},
                          {"has_password", false}}));
  auto csv = bpv({"--db", db(), "--csv", "users", "list"});
  auto records = parse_csv(csv.out);
  ASSERT_FALSE(records.empty());
  EXPECT_EQ(records[0],
            (std::vector<std::string>{"email", "name", "role", "disabled", "has_password"}));
  EXPECT_EQ(records.size(), list.size() + 1);

  auto disabled = bpv({"--db", db(), "users", "disable", k_marloes});
  EXPECT_EQ(disabled.exit_code, 0) << disabled.err;
  auto refused = login_marloes();
  EXPECT_EQ(refused.exit_code, 3);
  EXPECT_EQ(refused.out, "");

  // Not for trainers.
  ASSERT_NO_FATAL_FAILURE(
      set_password("ruud.vanthof@zorgcentrumdelinde.example.nl", "ruud-wachtwoord-2026"));
  ASSERT_EQ(
      bpv_as("ruud",
             {"login", "--user", "ruud.vanthof@zorgcentrumdelinde.example.nl", "--password-stdin"},
             "ruud-wachtwoord-2026\n")
          .exit_code,
      0);
  EXPECT_EQ(bpv_as("ruud", {"users", "list"}).exit_code, 5);
  EXPECT_EQ(bpv_as("ruud", {"import", "hours", demo("hours.csv")}).exit_code, 5);
}

}  // namespace
}  // namespace bpv::test
