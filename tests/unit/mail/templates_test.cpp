// The mail templates: the built-in ones, overrides, placeholders; and the outbox in a real
// SQLite file: unique keys, due messages, retries.
#include <bpv/config/time_zone_file.hpp>
#include <bpv/mail/outbox.hpp>
#include <bpv/mail/templates.hpp>
#include <bpv/store/sqlite/sqlite_store.hpp>

#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

namespace bpv::mail {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Sample values for every placeholder of `kind`.
Values samples(std::string_view kind) {
  Values values;
  for (auto name : find_mail_kind(kind)->placeholders) {
    values.emplace(std::string(name), "<" + std::string(name) + ">");
  }
  return values;
}

TEST(Templates, EveryKindHasABuiltInDutchTemplateUsingItsPlaceholders) {
  auto templates = Templates::load("");
  ASSERT_TRUE(templates.has_value()) << templates.error().message;
  for (const auto& kind : mail_kinds()) {
    auto composed = templates->compose(kind.name, samples(kind.name));
    ASSERT_TRUE(composed.has_value()) << kind.name << ": " << composed.error().message;
    EXPECT_FALSE(composed->subject.empty()) << kind.name;
    EXPECT_EQ(composed->subject.find('\n'), std::string::npos);
    EXPECT_EQ(composed->body.back(), '\n');
    EXPECT_EQ(templates->origin(kind.name), "built-in " + std::string(kind.name) + ".txt");
    // Each placeholder the kind documents appears in its template, so none is dead.
    for (auto name : kind.placeholders) {
      std::string value = "<" + std::string(name) + ">";
      EXPECT_TRUE(contains(composed->subject + composed->body, value)) << kind.name << " lacks {" << name << "}";
    }
  }
}

TEST(Templates, AFileInTheFolderOverridesOneKind) {
  bpv::test::TempDir dir;
  dir.write("reminder.txt", "Subject: Herinnering voor {trainer_name}\n\nHallo {trainer_name}, {{letterlijk}}.\n");
  auto templates = Templates::load(dir.path());
  ASSERT_TRUE(templates.has_value()) << templates.error().message;
  auto composed = templates->compose("reminder", samples("reminder"));
  ASSERT_TRUE(composed.has_value());
  EXPECT_EQ(composed->subject, "Herinnering voor <trainer_name>");
  EXPECT_EQ(composed->body, "Hallo <trainer_name>, {letterlijk}.\n");
  EXPECT_EQ(templates->origin("reminder"), (dir.path() / "reminder.txt").string());
  EXPECT_EQ(templates->origin("welcome"), "built-in welcome.txt");
}

TEST(Templates, ABadOverrideIsRefusedNamingTheFile) {
  bpv::test::TempDir dir;
  dir.write("escalation.txt", "Subject: Te laat\n\nBeste {begeleider},\n");
  auto unknown = Templates::load(dir.path());
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().kind, ErrorKind::usage);
  EXPECT_TRUE(contains(unknown.error().message, "escalation.txt")) << unknown.error().message;

  dir.write("escalation.txt", "Beste {supervisor_name},\n");
  auto no_subject = Templates::load(dir.path());
  ASSERT_FALSE(no_subject.has_value());
  EXPECT_TRUE(contains(no_subject.error().message, "escalation.txt:1")) << no_subject.error().message;
  EXPECT_TRUE(contains(no_subject.error().message, "Subject:")) << no_subject.error().message;
}

TEST(Templates, DutchValues) {
  EXPECT_EQ(dutch_date(core::Date::from_ymd(2026, 11, 30)), "maandag 30 november 2026");
  EXPECT_EQ(dutch_date(core::Date::from_ymd(2027, 1, 3)), "zondag 3 januari 2027");
  EXPECT_EQ(dutch_hours(7 * 60 + 30), "7,5");
}

TEST(Outbox, MailboxesAndRetryDelays) {
  auto named = parse_mailbox("BPV-bureau MBO Utrecht <bpv@mboutrecht.example.nl>", "mail.from");
  ASSERT_TRUE(named.has_value());
  EXPECT_EQ(named->name, "BPV-bureau MBO Utrecht");
  EXPECT_EQ(named->email, "bpv@mboutrecht.example.nl");
  EXPECT_EQ(parse_mailbox("\"Bureau, BPV\" <a@b.nl>", "mail.from")->name, "Bureau, BPV");
  EXPECT_EQ(parse_mailbox("a@b.nl", "mail.from")->email, "a@b.nl");
  auto bad = parse_mailbox("BPV-bureau", "mail.from");
  ASSERT_FALSE(bad.has_value());
  EXPECT_TRUE(contains(bad.error().message, "mail.from")) << bad.error().message;
  EXPECT_EQ(retry_delay(1, 15), std::chrono::minutes(15));
  EXPECT_EQ(retry_delay(2, 15), std::chrono::minutes(30));
  EXPECT_EQ(retry_delay(4, 15), std::chrono::minutes(120));
}

class OutboxStore : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::sqlite::open_store(m_dir / "bpv.db", store::sqlite::OpenMode::create_new);
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    m_store = std::move(*opened);
  }

  Outgoing mail(const std::string& to, const std::string& subject) {
    return Outgoing{"reminder", {"Naam", to}, mail_key("reminder", to, subject), std::nullopt, {"Onderwerp", "Tekst\n"}};
  }

  bpv::test::TempDir m_dir;
  std::unique_ptr<store::Store> m_store;
  core::Instant m_now{std::chrono::seconds(1'795'000'000)};
};

TEST_F(OutboxStore, TheSameKeyIsEnqueuedOnce) {
  EXPECT_TRUE(*enqueue(*m_store, mail("a@b.nl", "2026-W48"), m_now));
  EXPECT_FALSE(*enqueue(*m_store, mail("A@B.nl", "2026-W48"), m_now)) << "addresses compare without case";
  EXPECT_TRUE(*enqueue(*m_store, mail("a@b.nl", "2026-W49"), m_now));
  EXPECT_TRUE(*m_store->mail_key_exists(mail_key("reminder", "a@b.nl", "2026-W48")));
  EXPECT_FALSE(*m_store->mail_key_exists(mail_key("reminder", "a@b.nl", "2026-W50")));
  EXPECT_EQ(m_store->outbox_counts(m_now)->pending, 2);
}

TEST_F(OutboxStore, DueMessagesComeOldestFirstAndWaitForTheirRetry) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(enqueue(*m_store, mail("r" + std::to_string(i) + "@b.nl", "x"), m_now).has_value());
  }
  auto batch = m_store->due_mail(m_now, 0, 3);
  ASSERT_EQ(batch->size(), 3u);
  EXPECT_LT((*batch)[0].id, (*batch)[1].id);
  auto rest = m_store->due_mail(m_now, (*batch)[2].id, 3);
  EXPECT_EQ(rest->size(), 2u);
  // A failed attempt waits; the last attempt marks it failed.
  auto first = (*batch)[0];
  ASSERT_TRUE(m_store->mark_mail_attempt(first.id, 1, "550 no such user", m_now + std::chrono::minutes(15), false));
  EXPECT_EQ(m_store->due_mail(m_now, 0, 10)->size(), 4u);
  EXPECT_EQ(m_store->due_mail(m_now + std::chrono::minutes(15), 0, 10)->size(), 5u);
  ASSERT_TRUE(m_store->mark_mail_attempt(first.id, 2, "550 no such user", m_now, true));
  auto counts = m_store->outbox_counts(m_now);
  EXPECT_EQ(counts->failed, 1);
  EXPECT_EQ(counts->pending, 4);
  auto failed = m_store->list_outbox(std::string("failed"), 10);
  ASSERT_EQ(failed->size(), 1u);
  EXPECT_EQ((*failed)[0].attempts, 2);
  EXPECT_EQ((*failed)[0].last_error, "550 no such user");
  // Sent: out of the queue; a welcome mail's body (its password) is forgotten.
  ASSERT_TRUE(m_store->mark_mail_sent((*batch)[1].id, m_now, true));
  auto sent = m_store->list_outbox(std::string("sent"), 10);
  ASSERT_EQ(sent->size(), 1u);
  EXPECT_EQ((*sent)[0].body, "");
  EXPECT_EQ((*sent)[0].sent_at, m_now);
  EXPECT_EQ(m_store->due_mail(m_now, 0, 10)->size(), 3u);
}

}  // namespace
}  // namespace bpv::mail
