// The authorization matrix: every action of the Portal, by every role, on their own and on
// someone else's student.
#include "unit/portal/portal_fixture.hpp"

#include <functional>

namespace bpv::portal {
namespace {

using test_support::PortalTest;
using test_support::week;

// What an action should give: done, or the kind of error.
enum class Expect { ok, not_found, forbidden };

struct Case {
  std::string action;
  std::string who;
  Expect expected;
};

std::string name_of(const ::testing::TestParamInfo<Case>& info) {
  std::string name = info.param.action + "_as_" + info.param.who;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      c = '_';
    }
  }
  return name;
}

// Runs `action` as the portal's caller on student 1000001 (of t1, b1, s1).
Result<void> run(const std::string& action, Portal& portal) {
  auto done = [](auto result) -> Result<void> {
    if (!result) {
      return std::unexpected(result.error());
    }
    return {};
  };
  const std::string student = "1000001";
  if (action == "dashboard") return done(portal.dashboard());
  if (action == "students list") return done(portal.list_students(true));
  if (action == "students show") return done(portal.show_student(student));
  if (action == "logbook show") return done(portal.logbook(student, {}));
  if (action == "approve-week") return done(portal.approve_week(student, week(2026, 47), std::nullopt));
  if (action == "approve-week --all") {
    return done(portal.approve_all(std::nullopt, CleanOnly::no, DryRun::yes));
  }
  if (action == "request-correction") {
    return portal.request_correction(student, core::Date::from_ymd(2026, 11, 16), std::nullopt, "Te veel uren");
  }
  if (action == "reopen-week") return portal.reopen_week(student, week(2026, 46), "Verkeerd goedgekeurd");
  if (action == "audit") return done(portal.audit(student, std::nullopt));
  if (action == "hours add") {
    return done(portal.add_hours(core::Date::from_ymd(2026, 11, 27), 480, "Zorg", std::nullopt));
  }
  if (action == "hours list") return done(portal.list_hours(std::nullopt));
  if (action == "users list") return done(portal.list_users());
  if (action == "users add") return done(portal.add_user({"new@example.nl", "Nieuw", store::Role::trainer}));
  if (action == "positions add") {
    NewPosition position;
    position.title = "Helpende zorg";
    position.company = "Zorgcentrum De Linde";
    return done(portal.add_position(position));
  }
  if (action == "positions list") return done(portal.list_positions(false));
  if (action == "whoami") return done(portal.whoami());
  if (action == "violations list") return done(portal.violations({student, std::nullopt, false}));
  if (action == "placements allow-vacation") {
    return portal.allow_vacation(student, core::Date::from_ymd(2026, 10, 17),
                                 core::Date::from_ymd(2026, 10, 25), "Inhaaluren");
  }
  if (action == "calendar list") return done(portal.list_calendars());
  if (action == "calendar import") {
    core::Calendar calendar("roc-test");
    calendar.add_holiday({core::Date::from_ymd(2026, 12, 24), "Kerstavond"});
    return done(portal.import_calendars({calendar}, std::nullopt, DryRun::no));
  }
  if (action == "calendar assign") {
    // The calendar must be loaded; only an administrator can load it, and only an
    // administrator may assign it.
    core::Calendar calendar("roc-test");
    calendar.add_holiday({core::Date::from_ymd(2026, 12, 24), "Kerstavond"});
    (void)portal.import_calendars({calendar}, std::nullopt, DryRun::no);
    return portal.assign_calendar("roc-test", "Zorgcentrum De Linde", std::nullopt);
  }
  ADD_FAILURE() << "unknown action " << action;
  return {};
}

class Authorization : public PortalTest, public ::testing::WithParamInterface<Case> {};

TEST_P(Authorization, ChecksRoleAndRelation) {
  const Case& c = GetParam();
  auto portal = as(c.who);
  auto result = run(c.action, portal);
  switch (c.expected) {
    case Expect::ok:
      EXPECT_TRUE(result.has_value()) << result.error().message;
      break;
    case Expect::not_found:
      ASSERT_FALSE(result.has_value());
      EXPECT_EQ(result.error().kind, ErrorKind::not_found) << result.error().message;
      break;
    case Expect::forbidden:
      ASSERT_FALSE(result.has_value());
      EXPECT_EQ(result.error().kind, ErrorKind::forbidden) << result.error().message;
      break;
  }
}

// Rows: action; columns: admin, own trainer, other trainer, own supervisor, other supervisor,
// the student, another student.
std::vector<Case> matrix() {
  constexpr Expect O = Expect::ok;
  constexpr Expect N = Expect::not_found;
  constexpr Expect F = Expect::forbidden;
  const std::vector<std::string> who = {"admin", "t1", "t2", "b1", "b2", "s1", "s2"};
  const std::vector<std::pair<std::string, std::vector<Expect>>> rows = {
      {"whoami", {O, O, O, O, O, O, O}},
      {"dashboard", {O, O, O, O, O, O, O}},
      {"students list", {O, O, O, O, O, F, F}},
      {"students show", {O, O, N, O, N, O, N}},
      {"logbook show", {O, O, N, O, N, O, N}},
      {"approve-week", {O, O, N, F, F, F, F}},
      {"approve-week --all", {O, O, O, F, F, F, F}},
      {"request-correction", {O, O, N, F, F, F, F}},
      {"reopen-week", {O, F, F, O, N, F, F}},
      {"audit", {O, F, F, O, N, F, F}},
      {"hours add", {F, F, F, F, F, O, O}},
      {"hours list", {F, F, F, F, F, O, O}},
      {"users list", {O, F, F, F, F, F, F}},
      {"users add", {O, F, F, F, F, F, F}},
      {"positions add", {O, O, O, F, F, F, F}},
      {"positions list", {O, O, O, O, O, O, O}},
      {"violations list", {O, O, N, O, N, F, F}},
      {"placements allow-vacation", {O, F, F, O, N, F, F}},
      {"calendar list", {O, O, O, O, O, O, O}},
      {"calendar import", {O, F, F, F, F, F, F}},
      {"calendar assign", {O, F, F, F, F, F, F}},
  };
  std::vector<Case> cases;
  for (const auto& [action, expected] : rows) {
    for (std::size_t i = 0; i < who.size(); ++i) {
      cases.push_back({action, who[i], expected[i]});
    }
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Matrix, Authorization, ::testing::ValuesIn(matrix()), name_of);

TEST_F(PortalTest, WithoutASessionEverythingAsksToSignIn) {
  for (const std::string& token : {std::string(), std::string("not-a-token")}) {
    auto portal = as(token);
    auto result = portal.dashboard();
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().kind, ErrorKind::auth);
    EXPECT_NE(result.error().message.find("bpv login --user EMAIL"), std::string::npos)
        << result.error().message;
  }
}

TEST_F(PortalTest, AnExpiredSessionAsksToSignInAgain) {
  set_today(2027, 12, 1);  // the fixture's sessions last a year
  auto result = as("t1").whoami();
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, ErrorKind::auth);
  EXPECT_NE(result.error().message.find("expired"), std::string::npos);
}

}  // namespace
}  // namespace bpv::portal
