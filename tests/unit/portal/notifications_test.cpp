// Notifications the Portal enqueues (never sends): corrections requested and answered, weeks
// reopened, welcome mails with one-time passwords; and the first sign-in with such a password.
#include "unit/portal/portal_fixture.hpp"

#include <bpv/auth/password.hpp>

#include <regex>

namespace bpv::portal {
namespace {

using test_support::PortalTest;
using test_support::week;

const std::string k_student = "1000001";

std::vector<store::OutboxMessage> outbox(store::Store& store) {
  auto messages = store.list_outbox(std::nullopt, 100);
  EXPECT_TRUE(messages.has_value());
  return messages ? std::vector<store::OutboxMessage>(messages->rbegin(), messages->rend())
                  : std::vector<store::OutboxMessage>{};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST_F(PortalTest, ACorrectionRequestMailsTheStudentWithTheReason) {
  ASSERT_TRUE(as("t1").request_correction(k_student, core::Date::from_ymd(2026, 11, 18), std::nullopt,
                                          "10 uur klopt niet").has_value());
  auto mails = outbox(*m_store);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].kind, "correction-requested");
  EXPECT_EQ(mails[0].recipient, "s1@example.nl");
  EXPECT_EQ(mails[0].status, "pending");
  EXPECT_EQ(mails[0].placement_id, m_placements["1000001"]);
  EXPECT_TRUE(contains(mails[0].subject, "2026-W47")) << mails[0].subject;
  EXPECT_TRUE(contains(mails[0].body, "10 uur klopt niet")) << mails[0].body;
  EXPECT_TRUE(contains(mails[0].body, "woensdag 18 november 2026")) << mails[0].body;
  EXPECT_TRUE(contains(mails[0].body, "bpv hours edit 2026-11-18")) << mails[0].body;

  // Withdrawing sends nothing; the student's correction answers the trainer once.
  ASSERT_TRUE(as("s1").edit_hours(core::Date::from_ymd(2026, 11, 18), 420, std::nullopt).has_value());
  ASSERT_TRUE(as("s1").edit_hours(core::Date::from_ymd(2026, 11, 18), 450, std::nullopt).has_value());
  mails = outbox(*m_store);
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(mails[1].kind, "hours-corrected");
  EXPECT_EQ(mails[1].recipient, "t1@example.nl");
  EXPECT_TRUE(contains(mails[1].body, "bpv approve-week 1000001 2026-W47")) << mails[1].body;
}

TEST_F(PortalTest, AWithdrawnCorrectionSendsNothingMore) {
  ASSERT_TRUE(as("t1").request_correction(k_student, std::nullopt, week(2026, 47), "Hele week nakijken").has_value());
  ASSERT_TRUE(as("t1").withdraw_correction(k_student, std::nullopt, week(2026, 47)).has_value());
  auto mails = outbox(*m_store);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_TRUE(contains(mails[0].body, "de hele week 2026-W47")) << mails[0].body;
}

TEST_F(PortalTest, ReopeningAWeekMailsTheStudentEachTime) {
  ASSERT_TRUE(as("b1").reopen_week(k_student, week(2026, 46), "Verkeerde dag").has_value());
  ASSERT_TRUE(as("t1").approve_week(k_student, week(2026, 46), std::nullopt).has_value());
  set_today(2026, 11, 30, 10);
  ASSERT_TRUE(as("b1").reopen_week(k_student, week(2026, 46), "Toch nog eens").has_value());
  auto mails = outbox(*m_store);
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(mails[0].kind, "week-reopened");
  EXPECT_EQ(mails[0].recipient, "s1@example.nl");
  EXPECT_TRUE(contains(mails[0].body, "b1 heeft de goedgekeurde week 2026-W46")) << mails[0].body;
  EXPECT_TRUE(contains(mails[1].body, "Toch nog eens")) << mails[1].body;
}

TEST_F(PortalTest, ARefusedActionEnqueuesNothing) {
  // Not the trainer's student: not found, and no mail.
  EXPECT_FALSE(as("t2").request_correction(k_student, core::Date::from_ymd(2026, 11, 18), std::nullopt,
                                           "x").has_value());
  EXPECT_TRUE(outbox(*m_store).empty());
}

TEST_F(PortalTest, ABadTemplateOverrideFailsTheActionAndChangesNothing) {
  std::filesystem::create_directory(m_dir / "mail");
  m_dir.write("mail/correction-requested.txt", "Subject: {week}\n\nHoi {voornaam}\n");
  PortalSettings settings;
  settings.mail_templates = m_dir / "mail";
  LocalPortal trainer(*m_store, *m_clock, *m_zone, settings, std::string("t1"));
  auto result = trainer.request_correction(k_student, core::Date::from_ymd(2026, 11, 18), std::nullopt, "x");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, ErrorKind::usage);
  EXPECT_TRUE(contains(result.error().message, "correction-requested.txt")) << result.error().message;
  EXPECT_TRUE(outbox(*m_store).empty());
  auto open = m_store->open_corrections(m_placements["1000001"], core::Date::from_ymd(2026, 11, 16),
                                        core::Date::from_ymd(2026, 11, 16));
  EXPECT_TRUE(open->empty());
}

TEST_F(PortalTest, AnOverriddenTemplateIsUsed) {
  std::filesystem::create_directory(m_dir / "mail");
  m_dir.write("mail/correction-requested.txt",
              "Subject: Correctie {week}\n\nBeste {student_name}, {trainer_name} vraagt: {reason}\n");
  PortalSettings settings;
  settings.mail_templates = m_dir / "mail";
  LocalPortal trainer(*m_store, *m_clock, *m_zone, settings, std::string("t1"));
  ASSERT_TRUE(trainer.request_correction(k_student, std::nullopt, week(2026, 47), "Graag de pauzes eraf").has_value());
  auto mails = outbox(*m_store);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].subject, "Correctie 2026-W47");
  EXPECT_EQ(mails[0].body, "Beste s1, t1 vraagt: Graag de pauzes eraf\n");
}

std::string password_in(const std::string& body) {
  std::smatch match;
  std::regex pattern("Wachtwoord: +([a-z0-9-]+)");
  return std::regex_search(body, match, pattern) ? match[1].str() : "";
}

TEST_F(PortalTest, InvitingGivesOneTimePasswordsThatMustBeReplaced) {
  // Only administrators invite.
  EXPECT_EQ(as("t1").invite_users(std::nullopt, false).error().kind, ErrorKind::forbidden);
  // A dry run names everyone without a password and changes nothing.
  auto would = as("admin").invite_users(std::nullopt, true);
  ASSERT_TRUE(would.has_value()) << would.error().message;
  EXPECT_EQ(would->size(), 7u);
  EXPECT_TRUE(outbox(*m_store).empty());

  auto invited = as("admin").invite_users(std::nullopt, false);
  ASSERT_TRUE(invited.has_value()) << invited.error().message;
  EXPECT_EQ(invited->size(), 7u);
  auto mails = outbox(*m_store);
  ASSERT_EQ(mails.size(), 7u);
  const store::OutboxMessage* welcome = nullptr;
  for (const auto& mail : mails) {
    EXPECT_EQ(mail.kind, "welcome");
    if (mail.recipient == "s1@example.nl") {
      welcome = &mail;
    }
  }
  ASSERT_NE(welcome, nullptr);
  EXPECT_TRUE(contains(welcome->body, "Gebruikersnaam: s1@example.nl")) << welcome->body;
  EXPECT_TRUE(contains(welcome->body, "bpv login --user s1@example.nl")) << welcome->body;
  std::string password = password_in(welcome->body);
  ASSERT_EQ(password.size(), 14u) << welcome->body;

  // Everyone was invited: --all-new finds nobody now.
  EXPECT_TRUE(as("admin").invite_users(std::nullopt, false)->empty());

  // The one-time password signs in only together with a new password.
  auto first = as("").login("s1@example.nl", password);
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_TRUE(first->must_change_password);
  EXPECT_TRUE(first->token.empty());
  EXPECT_EQ(as("").login("s1@example.nl", password, password).error().kind, ErrorKind::usage);
  auto second = as("").login("s1@example.nl", password, std::string_view("mijn-eigen-wachtwoord"));
  ASSERT_TRUE(second.has_value()) << second.error().message;
  EXPECT_FALSE(second->must_change_password);
  EXPECT_FALSE(second->token.empty());
  // From now on the old one no longer works and the new one needs no change.
  EXPECT_EQ(as("").login("s1@example.nl", password).error().kind, ErrorKind::auth);
  auto later = as("").login("s1@example.nl", "mijn-eigen-wachtwoord");
  ASSERT_TRUE(later.has_value());
  EXPECT_FALSE(later->must_change_password);

  // Inviting one address again sends a new password in a new mail.
  set_today(2026, 11, 30, 11);
  auto again = as("admin").invite_users(std::string("t1@example.nl"), false);
  ASSERT_TRUE(again.has_value()) << again.error().message;
  ASSERT_EQ(again->size(), 1u);
  EXPECT_TRUE((*again)[0].invited_before);
  EXPECT_EQ(outbox(*m_store).size(), 8u);
  EXPECT_EQ(as("admin").invite_users(std::string("nobody@example.nl"), false).error().kind,
            ErrorKind::not_found);
}

}  // namespace
}  // namespace bpv::portal
