#include <bpv/config/time_zone_file.hpp>
#include <bpv/mail/message.hpp>
#include <bpv/mail/smtp.hpp>

#include "support/smtp_fixture.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <thread>

namespace bpv::mail {
namespace {

using test::SmtpServer;
using test::SmtpServerOptions;
using Tls = test::SmtpServerOptions::Tls;

SmtpServerOptions server_options(Tls tls, std::string auth = {}) {
  SmtpServerOptions options;
  options.tls = tls;
  options.auth = std::move(auth);
  return options;
}

constexpr const char* k_user = "bpv-mailer";
constexpr const char* k_password = "Geheim-Wachtwoord-42";

const core::TimeZone& amsterdam() {
  static const core::TimeZone zone = config::locate_time_zone("Europe/Amsterdam").value();
  return zone;
}

Message reminder(int n = 0) {
  Message message;
  message.from = {"BPV Bureau", "bpv@school.example.nl"};
  message.to = {"Ömer Çelik", "omer" + std::to_string(n) + "@bedrijf.example.nl"};
  message.subject = "Één week te laat (" + std::to_string(n) + ")";
  message.body =
      "Beste Ömer,\n\nDe uren van week 48 wachten op uw goedkeuring: 32,5 u = 4 dagen.\n"
      "Keur ze goed met: bpv approve-week fenna@example.nl 2026-W48   \n" +
      std::string(120, '-') + "\n\nMet vriendelijke groet,\nHet BPV-bureau\n";
  message.date =
      core::Instant(core::Date::from_ymd(2026, 11, 30).sys_days()) + std::chrono::hours(6);
  message.message_id = "outbox-" + std::to_string(n) + ".3f9a@bpv.example.nl";
  message.extra_headers = {{"X-Bpv-Kind", "reminder"}};
  return message;
}

SmtpSettings settings_for(const SmtpServer& server, bool starttls = false) {
  SmtpSettings settings;
  settings.url = server.url();
  settings.starttls_required = starttls;
  settings.timeout_seconds = 10;
  settings.envelope_from = "bpv@school.example.nl";
  return settings;
}

std::unique_ptr<SmtpSession> open_session(const SmtpSettings& settings) {
  auto session = SmtpSession::open(settings);
  EXPECT_TRUE(session.has_value()) << session.error().message;
  return std::move(session.value());
}

nlohmann::json received(const SmtpServer& server) {
  return nlohmann::json::parse(server.parsed_messages());
}

// Checks one received message against `message`, as Python's email package reads it.
void expect_delivered(const nlohmann::json& got, const Message& message) {
  EXPECT_EQ(got["mail_from"], "bpv@school.example.nl");
  EXPECT_EQ(got["rcpt_to"], message.to.email);
  EXPECT_EQ(got["from"]["name"], message.from.name);
  EXPECT_EQ(got["from"]["email"], message.from.email);
  EXPECT_EQ(got["to"]["name"], message.to.name);
  EXPECT_EQ(got["to"]["email"], message.to.email);
  EXPECT_EQ(got["subject"], message.subject);
  EXPECT_EQ(got["date"], "Mon, 30 Nov 2026 07:00:00 +0100");
  EXPECT_EQ(got["date_utc"], "2026-11-30T06:00:00+00:00");
  EXPECT_EQ(got["message_id"], "<" + message.message_id + ">");
  EXPECT_EQ(got["mime_version"], "1.0");
  EXPECT_EQ(got["content_type"], "text/plain");
  EXPECT_EQ(got["charset"], "utf-8");
  EXPECT_EQ(got["transfer_encoding"], "quoted-printable");
  EXPECT_EQ(got["extra"]["X-Bpv-Kind"], "reminder");
  EXPECT_EQ(got["body"], message.body);
  EXPECT_EQ(got["defects"], nlohmann::json::array());
  EXPECT_EQ(got["ascii_only"], true);
  EXPECT_EQ(got["bare_lf"], false);
  EXPECT_LE(got["max_line"].get<int>(), 78);
}

// A port on 127.0.0.1 where nothing listens: bound, read, closed.
int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), length), 0);
  EXPECT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  ::close(fd);
  return ntohs(address.sin_port);
}

// --- Settings ------------------------------------------------------------------------------------

TEST(SmtpSessionOpen, RefusesBadSettingsNamingTheSetting) {
  SmtpSettings good;
  good.url = "smtp://mail.example.nl:587";
  good.envelope_from = "bpv@school.example.nl";
  ASSERT_TRUE(SmtpSession::open(good).has_value());

  struct Case {
    SmtpSettings settings;
    std::string names;
  };
  std::vector<Case> cases;
  cases.push_back({good, "mail.smtp.url"});
  cases.back().settings.url = "http://mail.example.nl";
  cases.push_back({good, "mail.smtp.url"});
  cases.back().settings.url = "smtp://";
  cases.push_back({good, "mail.smtp.user"});
  cases.back().settings.url = std::string("smtp://bpv:") + k_password + "@mail.example.nl";
  cases.push_back({good, "mail.smtp.timeout_seconds"});
  cases.back().settings.timeout_seconds = 0;
  cases.push_back({good, "mail.from"});
  cases.back().settings.envelope_from = "bpv at school";
  cases.push_back({good, "mail.smtp.user"});
  cases.back().settings.password = k_password;
  for (const auto& c : cases) {
    auto session = SmtpSession::open(c.settings);
    ASSERT_FALSE(session.has_value()) << c.settings.url;
    EXPECT_EQ(session.error().kind, ErrorKind::usage);
    EXPECT_NE(session.error().message.find(c.names), std::string::npos) << session.error().message;
    EXPECT_EQ(session.error().message.find(k_password), std::string::npos)
        << session.error().message;
  }
}

// --- Delivery ------------------------------------------------------------------------------------

TEST(SmtpSession, PlainDeliversAMessageThatParsesBackExactly) {
  SmtpServer server;
  auto session = open_session(settings_for(server));
  const Message message = reminder(1);
  auto sent = session->send(message.to.email, render(message, amsterdam()));
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  EXPECT_EQ(session->connections_opened(), 1);
  const nlohmann::json messages = received(server);
  ASSERT_EQ(messages.size(), 1u);
  expect_delivered(messages[0], message);
}

TEST(SmtpSession, StartTlsWithTheTestCaDelivers) {
  SmtpServer server(server_options(Tls::starttls));
  SmtpSettings settings = settings_for(server, true);
  settings.ca_file = test::tls_file("ca.pem");
  auto session = open_session(settings);
  const Message message = reminder(2);
  auto sent = session->send(message.to.email, render(message, amsterdam()));
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  const nlohmann::json messages = received(server);
  ASSERT_EQ(messages.size(), 1u);
  expect_delivered(messages[0], message);
}

TEST(SmtpSession, StartTlsRequiredButNotOfferedSendsNothing) {
  SmtpServer server;
  auto session = open_session(settings_for(server, true));
  const Message message = reminder();
  auto sent = session->send(message.to.email, render(message, amsterdam()));
  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().kind, ErrorKind::unexpected);
  EXPECT_NE(sent.error().message.find("STARTTLS"), std::string::npos) << sent.error().message;
  EXPECT_NE(sent.error().message.find("mail.smtp.starttls"), std::string::npos);
  EXPECT_EQ(received(server).size(), 0u);
}

TEST(SmtpSession, CertificateFromAnotherCaIsRejected) {
  SmtpServer server(server_options(Tls::starttls));
  for (const std::string ca : {"other-ca.pem", ""}) {
    SmtpSettings settings = settings_for(server, true);
    settings.ca_file = ca.empty() ? "" : test::tls_file(ca).string();
    auto session = open_session(settings);
    const Message message = reminder();
    auto sent = session->send(message.to.email, render(message, amsterdam()));
    ASSERT_FALSE(sent.has_value()) << ca;
    EXPECT_EQ(sent.error().kind, ErrorKind::unexpected);
    EXPECT_NE(sent.error().message.find("mail.smtp.ca_file"), std::string::npos)
        << sent.error().message;
  }
  EXPECT_EQ(received(server).size(), 0u);
}

TEST(SmtpSession, VerificationTurnedOffAcceptsAnyCertificate) {
  SmtpServer server(server_options(Tls::starttls));
  SmtpSettings settings = settings_for(server, true);
  settings.verify_certificate = false;
  auto session = open_session(settings);
  const Message message = reminder(3);
  auto sent = session->send(message.to.email, render(message, amsterdam()));
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  ASSERT_EQ(received(server).size(), 1u);
}

TEST(SmtpSession, ImplicitTlsDelivers) {
  SmtpServer server(server_options(Tls::smtps));
  SmtpSettings settings = settings_for(server, true);
  settings.url = server.url("smtps", "localhost");
  settings.ca_file = test::tls_file("ca.pem");
  auto session = open_session(settings);
  const Message message = reminder(4);
  auto sent = session->send(message.to.email, render(message, amsterdam()));
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  const nlohmann::json messages = received(server);
  ASSERT_EQ(messages.size(), 1u);
  expect_delivered(messages[0], message);
}

TEST(SmtpSession, AuthenticatesAfterStartTls) {
  SmtpServer server(server_options(Tls::starttls, std::string(k_user) + ":" + k_password));
  SmtpSettings settings = settings_for(server, true);
  settings.ca_file = test::tls_file("ca.pem");
  settings.user = k_user;
  settings.password = k_password;
  auto session = open_session(settings);
  const Message message = reminder(5);
  auto sent = session->send(message.to.email, render(message, amsterdam()));
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  const nlohmann::json messages = received(server);
  ASSERT_EQ(messages.size(), 1u);
  expect_delivered(messages[0], message);
}

TEST(SmtpSession, WrongPasswordIsUnexpectedAndNeverShown) {
  SmtpServer server(server_options(Tls::starttls, std::string(k_user) + ":" + k_password));
  SmtpSettings settings = settings_for(server, true);
  settings.ca_file = test::tls_file("ca.pem");
  settings.user = k_user;
  settings.password = "Fout-Wachtwoord-99";
  auto session = open_session(settings);
  const Message message = reminder();
  auto sent = session->send(message.to.email, render(message, amsterdam()));
  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().kind, ErrorKind::unexpected);
  EXPECT_NE(sent.error().message.find("mail.smtp.password"), std::string::npos)
      << sent.error().message;
  EXPECT_EQ(sent.error().message.find("Fout-Wachtwoord-99"), std::string::npos)
      << sent.error().message;
  EXPECT_EQ(received(server).size(), 0u);
}

TEST(SmtpSession, RefusedRecipientDoesNotStopTheSession) {
  SmtpServerOptions options;
  options.refuse = {"onbekend@bedrijf.example.nl"};
  SmtpServer server(options);
  auto session = open_session(settings_for(server));
  Message refused = reminder(6);
  refused.to.email = "onbekend@bedrijf.example.nl";
  auto first = session->send(refused.to.email, render(refused, amsterdam()));
  ASSERT_FALSE(first.has_value());
  EXPECT_EQ(first.error().kind, ErrorKind::refused);
  EXPECT_NE(first.error().message.find("550"), std::string::npos) << first.error().message;
  EXPECT_NE(first.error().message.find("onbekend@bedrijf.example.nl"), std::string::npos)
      << first.error().message;

  const Message next = reminder(7);
  auto second = session->send(next.to.email, render(next, amsterdam()));
  ASSERT_TRUE(second.has_value()) << second.error().message;
  const nlohmann::json messages = received(server);
  ASSERT_EQ(messages.size(), 1u);
  expect_delivered(messages[0], next);
  EXPECT_LE(session->connections_opened(), 2);
  EXPECT_EQ(server.connections(), session->connections_opened());
}

TEST(SmtpSession, ConnectionClosedByTheServerWhileIdleIsReopened) {
  SmtpServerOptions options;
  options.idle_timeout_seconds = 0.3;
  SmtpServer server(options);
  auto session = open_session(settings_for(server));
  for (int n = 0; n < 2; ++n) {
    const Message message = reminder(n);
    auto sent = session->send(message.to.email, render(message, amsterdam()));
    ASSERT_TRUE(sent.has_value()) << n << ": " << sent.error().message;
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
  }
  EXPECT_EQ(session->connections_opened(), 2);
  EXPECT_EQ(server.connections(), 2);
  const nlohmann::json messages = received(server);
  ASSERT_EQ(messages.size(), 2u);
  expect_delivered(messages[1], reminder(1));
}

TEST(SmtpSession, InvalidRecipientIsRefusedWithoutConnecting) {
  SmtpServer server;
  auto session = open_session(settings_for(server));
  auto sent = session->send("x@y.nl>\r\nRCPT TO:<z@y.nl", render(reminder(), amsterdam()));
  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().kind, ErrorKind::refused);
  EXPECT_EQ(session->connections_opened(), 0);
}

TEST(SmtpSession, ServerDownIsUnexpected) {
  SmtpSettings settings;
  settings.url = "smtp://127.0.0.1:" + std::to_string(closed_port());
  settings.starttls_required = false;
  settings.envelope_from = "bpv@school.example.nl";
  auto session = open_session(settings);
  auto sent = session->send("jan@example.nl", render(reminder(), amsterdam()));
  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().kind, ErrorKind::unexpected);
  EXPECT_NE(sent.error().message.find("cannot connect"), std::string::npos) << sent.error().message;
}

TEST(SmtpSession, HangingServerTimesOut) {
  SmtpServerOptions options;
  options.hang = true;
  SmtpServer server(options);
  SmtpSettings settings = settings_for(server);
  settings.timeout_seconds = 1;
  auto session = open_session(settings);
  const auto start = std::chrono::steady_clock::now();
  auto sent = session->send("jan@example.nl", render(reminder(), amsterdam()));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().kind, ErrorKind::unexpected);
  EXPECT_NE(sent.error().message.find("mail.smtp.timeout_seconds"), std::string::npos)
      << sent.error().message;
  EXPECT_LT(elapsed, std::chrono::seconds(4));
}

TEST(SmtpSession, BatchOfTwentyUsesOneConnection) {
  SmtpServer server(server_options(Tls::starttls, std::string(k_user) + ":" + k_password));
  SmtpSettings settings = settings_for(server, true);
  settings.ca_file = test::tls_file("ca.pem");
  settings.user = k_user;
  settings.password = k_password;
  auto session = open_session(settings);
  for (int n = 0; n < 20; ++n) {
    const Message message = reminder(n);
    auto sent = session->send(message.to.email, render(message, amsterdam()));
    ASSERT_TRUE(sent.has_value()) << n << ": " << sent.error().message;
  }
  EXPECT_EQ(session->connections_opened(), 1);
  EXPECT_EQ(server.connections(), 1);
  const nlohmann::json messages = received(server);
  ASSERT_EQ(messages.size(), 20u);
  for (int n = 0; n < 20; ++n) {
    expect_delivered(messages[static_cast<std::size_t>(n)], reminder(n));
  }
}

}  // namespace
}  // namespace bpv::mail
