// End-to-end tests of mail: the reminder jobs, the Portal's notifications and welcome mails,
// delivered by `bpv-jobs run send-mail` to a real SMTP server (tests/support/smtp_server.py) and
// read back with Python's email package.
#include "e2e/e2e_fixture.hpp"
#include "support/smtp_fixture.hpp"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <set>
#include <thread>

extern char** environ;

namespace bpv::test {
namespace {

using json = nlohmann::json;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class Mail : public EndToEnd {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(load_demo()); }

  // A configuration file sending to `url` without TLS (a relay on this machine); `extra` adds
  // keys to the mail section.
  std::string config_for(const std::string& url, const std::string& extra = "", int timeout = 5) const {
    return m_dir
        .write("bpv.yaml", "mail:\n"
                           "  from: \"BPV-bureau MBO Utrecht <bpv@mboutrecht.example.nl>\"\n"
                           "  smtp:\n"
                           "    url: \"" + url + "\"\n"
                           "    starttls: off\n"
                           "    timeout_seconds: " + std::to_string(timeout) + "\n" + extra)
        .string();
  }

  ProcessResult job(const std::string& config, const std::string& now, const std::vector<std::string>& args) const {
    std::vector<std::string> all{"--db", db(), "--config", config, "--now", now};
    all.insert(all.end(), args.begin(), args.end());
    return bpv_jobs(all);
  }

  json run_json(const std::string& config, const std::string& now, const std::vector<std::string>& args,
                int expected_exit = 0) const {
    std::vector<std::string> all{"--json", "run"};
    all.insert(all.end(), args.begin(), args.end());
    auto result = job(config, now, all);
    EXPECT_EQ(result.exit_code, expected_exit) << result.out << result.err;
    return result.out.empty() ? json() : json::parse(result.out);
  }

  long long outbox(const std::string& where) const {
    return query_int(db(), "SELECT count(*) FROM outbox WHERE " + where);
  }
};

std::set<std::string> recipients(const json& messages) {
  std::set<std::string> all;
  for (const auto& message : messages) {
    all.insert(message["to"]["email"].get<std::string>());
  }
  return all;
}

const json* message_to(const json& messages, const std::string& email) {
  for (const auto& message : messages) {
    if (message["to"]["email"] == email) {
      return &message;
    }
  }
  return nullptr;
}

constexpr const char* k_marloes = "marloes.verhoeven@zorgcentrumdelinde.example.nl";

// Monday morning: each trainer with weeks at or past their deadline gets one mail listing them,
// overdue ones first, with the command that approves each; a rerun the same day sends nothing.
TEST_F(Mail, RemindersReachTrainersOnceAWeek) {
  SmtpServer server;
  auto config = config_for(server.url());
  auto report = run_json(config, "2026-11-30T07:00", {"reminders"});
  EXPECT_GT(report["counts"]["queued"].get<int>(), 0) << report.dump(2);
  EXPECT_EQ(report["counts"]["sent"], report["counts"]["queued"]) << report.dump(2);
  EXPECT_EQ(report["counts"]["connections"], 1);

  auto messages = json::parse(server.parsed_messages());
  ASSERT_EQ(messages.size(), report["counts"]["queued"].get<std::size_t>());
  EXPECT_EQ(recipients(messages).size(), messages.size()) << "one mail per trainer";
  const json* marloes = message_to(messages, k_marloes);
  ASSERT_NE(marloes, nullptr) << messages.dump(2);
  const auto& mail = *marloes;
  EXPECT_EQ(mail["from"]["name"], "BPV-bureau MBO Utrecht");
  EXPECT_EQ(mail["from"]["email"], "bpv@mboutrecht.example.nl");
  EXPECT_EQ(mail["to"]["name"], "Marloes Verhoeven");
  EXPECT_EQ(mail["mail_from"], "bpv@mboutrecht.example.nl");
  EXPECT_EQ(mail["rcpt_to"], k_marloes);
  EXPECT_EQ(mail["content_type"], "text/plain");
  EXPECT_EQ(mail["charset"], "utf-8");
  EXPECT_EQ(mail["transfer_encoding"], "quoted-printable");
  EXPECT_EQ(mail["mime_version"], "1.0");
  EXPECT_EQ(mail["date_utc"], "2026-11-30T06:00:00+00:00");
  EXPECT_EQ(mail["extra"]["X-Bpv-Kind"], "reminder");
  EXPECT_TRUE(mail["ascii_only"].get<bool>());
  EXPECT_TRUE(mail["defects"].empty()) << mail["defects"].dump();
  EXPECT_TRUE(contains(mail["subject"].get<std::string>(), "wachten op uw akkoord")) << mail["subject"];
  std::string body = mail["body"];
  EXPECT_TRUE(contains(body, "Beste Marloes Verhoeven,")) << body;
  EXPECT_TRUE(contains(body, "Mehmet Çelik (1091547)")) << body;
  EXPECT_TRUE(contains(body, "bpv approve-week 1091547 2026-W48")) << body;
  // Overdue weeks come before the weeks whose deadline is today.
  auto late = body.find("TE LAAT");
  auto today = body.find("vandaag");
  ASSERT_NE(today, std::string::npos) << body;
  if (late != std::string::npos) {
    EXPECT_LT(late, today) << body;
  }

  // The same day again: everything was queued already, nothing new goes out.
  auto again = run_json(config, "2026-11-30T08:00", {"reminders"});
  EXPECT_EQ(again["counts"]["queued"], 0) << again.dump(2);
  EXPECT_EQ(again["counts"]["sent"], 0);
  EXPECT_EQ(json::parse(server.parsed_messages()).size(), messages.size());
  EXPECT_EQ(outbox("status = 'sent'"), static_cast<long long>(messages.size()));
}

// Trainers with nothing waiting get nothing: after approving every week, no reminder.
TEST_F(Mail, ATrainerWithNothingWaitingGetsNoReminder) {
  ASSERT_NO_FATAL_FAILURE(sign_in("marloes", k_marloes));
  auto approved = bpv_as("marloes", {"approve-week", "--all"});
  ASSERT_TRUE(approved.exit_code == 0 || approved.exit_code == 7) << approved.err;
  SmtpServer server;
  run_json(config_for(server.url()), "2026-11-30T07:00", {"reminders"});
  auto messages = json::parse(server.parsed_messages());
  EXPECT_EQ(message_to(messages, k_marloes), nullptr) << messages.dump(2);
}

// --dry-run prints the mails and changes nothing: the database stays byte for byte the same,
// and nothing reaches the server.
TEST_F(Mail, ADryRunPrintsTheMailsAndChangesNothing) {
  SmtpServer server;
  auto config = config_for(server.url());
  std::string before = read_file(db());
  for (const char* name : {"reminders", "escalations", "student-reminders", "send-mail"}) {
    auto result = job(config, "2026-12-11T16:00", {"run", name, "--dry-run"});
    ASSERT_EQ(result.exit_code, 0) << name << result.err;
    if (std::string(name) == "reminders") {
      EXPECT_TRUE(contains(result.out, "To: Marloes Verhoeven <" + std::string(k_marloes) + ">")) << result.out;
      EXPECT_TRUE(contains(result.out, "would be queued")) << result.out;
    }
  }
  EXPECT_EQ(read_file(db()), before);
  EXPECT_EQ(server.connections(), 0);
  EXPECT_EQ(outbox("1"), 0);
}

// The server down: the job fails, the mails stay queued with the error, a later run delivers them.
TEST_F(Mail, WhenTheServerIsDownNothingIsLost) {
  int port = 0;
  {
    SmtpServer gone;
    port = gone.port();
  }
  auto down = config_for("smtp://127.0.0.1:" + std::to_string(port));
  auto failed = job(down, "2026-11-30T07:00", {"run", "reminders"});
  EXPECT_EQ(failed.exit_code, 1) << failed.out << failed.err;
  EXPECT_TRUE(contains(failed.err, "stay in the outbox")) << failed.err;
  long long queued = outbox("1");
  ASSERT_GT(queued, 0);
  EXPECT_EQ(outbox("status = 'pending'"), queued);
  EXPECT_EQ(outbox("attempts = 1 AND last_error <> ''"), 1) << "the one it tried keeps the error";
  auto history = bpv_jobs({"--db", db(), "--json", "history", "reminders"});
  EXPECT_EQ(json::parse(history.out)[0]["outcome"], "failed") << history.out;

  SmtpServer server;
  auto config = config_for(server.url());
  // Later that morning the server is back; the first message waits for its retry time.
  auto later = run_json(config, "2026-11-30T07:05", {"send-mail"});
  EXPECT_EQ(later["counts"]["sent"].get<long long>(), queued - 1) << later.dump(2);
  auto retry = run_json(config, "2026-11-30T07:30", {"send-mail"});
  EXPECT_EQ(retry["counts"]["sent"], 1) << retry.dump(2);
  EXPECT_EQ(json::parse(server.parsed_messages()).size(), static_cast<std::size_t>(queued));
  EXPECT_EQ(outbox("status = 'sent'"), queued);
}

// A recipient the server refuses: the others go, that one is retried with backoff and marked
// failed after mail.max_attempts; the job exits 7 (partly done).
TEST_F(Mail, ARefusedRecipientDoesNotStopTheOthers) {
  SmtpServerOptions options;
  options.refuse.push_back(k_marloes);
  SmtpServer server(options);
  auto config = config_for(server.url(), "  max_attempts: 2\n  retry_minutes: 10\n");
  auto first = run_json(config, "2026-11-30T07:00", {"reminders"}, 7);
  long long queued = first["counts"]["queued"];
  EXPECT_EQ(first["counts"]["sent"].get<long long>(), queued - 1) << first.dump(2);
  EXPECT_EQ(first["counts"]["retrying"], 1);
  EXPECT_TRUE(contains(first["counts"]["problems"][0].get<std::string>(), k_marloes)) << first.dump(2);
  EXPECT_EQ(recipients(json::parse(server.parsed_messages())).count(k_marloes), 0u);
  // Not due yet: nothing is tried.
  auto early = run_json(config, "2026-11-30T07:05", {"send-mail"});
  EXPECT_EQ(early["counts"]["retrying"], 0) << early.dump(2);
  // The second attempt is the last: marked failed and reported.
  auto last = job(config, "2026-11-30T07:15", {"run", "send-mail"});
  EXPECT_EQ(last.exit_code, 7) << last.out << last.err;
  EXPECT_TRUE(contains(last.out, "marked failed")) << last.out;
  EXPECT_EQ(outbox("status = 'failed' AND attempts = 2"), 1);
  EXPECT_EQ(outbox("status = 'pending'"), 0);
}

// A server that accepts the connection and never answers: the timeout ends the job.
TEST_F(Mail, AHangingServerTimesOut) {
  SmtpServerOptions options;
  options.hang = true;
  SmtpServer server(options);
  auto config = config_for(server.url(), "", 1);
  auto started = std::chrono::steady_clock::now();
  auto result = job(config, "2026-11-30T07:00", {"run", "reminders"});
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_LT(seconds, 20.0);
  EXPECT_EQ(outbox("status = 'pending'"), outbox("1"));
}

// A kill in the middle of a batch loses nothing: the rerun delivers the rest, and a message
// arrives twice at most (only when the kill fell between the server's acceptance and the commit).
TEST_F(Mail, AKillInTheMiddleOfABatchLosesNothing) {
  exec_sql(db(),
           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500) "
           "INSERT INTO outbox (key, kind, recipient, recipient_name, subject, body, created_at, "
           "next_attempt_at) SELECT 'test|' || i, 'reminder', 'r' || i || '@example.nl', 'R ' || i, "
           "'Bericht ' || i, 'Tekst ' || i || char(10), 1795000000, 1795000000 FROM n");
  SmtpServer server;
  auto config = config_for(server.url());
  std::vector<std::string> args{BPV_JOBS_BINARY, "--db", db(), "--config", config, "--now", "2026-11-30T07:00",
                                "run", "send-mail"};
  std::vector<char*> argv;
  for (auto& arg : args) {
    argv.push_back(arg.data());
  }
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  auto received = [&] {
    std::error_code ec;
    auto folder = server.maildir() / "new";
    if (!std::filesystem::exists(folder, ec)) {
      return 0;
    }
    return static_cast<int>(std::distance(std::filesystem::directory_iterator(folder), {}));
  };
  for (int i = 0; i < 2000 && received() < 100; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the batch ended before the kill; make it bigger";
  long long pending = outbox("status = 'pending'");
  EXPECT_GT(pending, 0);
  EXPECT_LT(pending, 1500);

  // The rerun (its lock taken over from the dead run) delivers the rest.
  auto rerun = run_json(config, "2026-11-30T07:01", {"send-mail"});
  EXPECT_EQ(outbox("status = 'sent'"), 1500) << rerun.dump(2);
  auto messages = json::parse(server.parsed_messages());
  std::map<std::string, int> arrivals;
  for (const auto& message : messages) {
    ++arrivals[message["message_id"].get<std::string>()];
  }
  EXPECT_EQ(arrivals.size(), 1500u);
  int twice = 0;
  for (const auto& [id, count] : arrivals) {
    EXPECT_LE(count, 2) << id;
    twice += count - 1;
  }
  EXPECT_LE(twice, 1);
}

// Escalations: a week overdue by more than 7 days goes to the school supervisor, once; the
// subject names the student (RFC 2047 for "Çelik").
TEST_F(Mail, EscalationsReachTheSupervisorOncePerWeekAndStudent) {
  SmtpServer server;
  auto config = config_for(server.url());
  // On 2026-12-09 (Wednesday), week 48's deadline (Monday 30 November) passed 9 days ago.
  auto report = run_json(config, "2026-12-09T07:00", {"escalations"});
  auto messages = json::parse(server.parsed_messages());
  ASSERT_GT(messages.size(), 0u) << report.dump(2);
  const json* celik = nullptr;
  for (const auto& message : messages) {
    if (contains(message["subject"].get<std::string>(), "Çelik") &&
        contains(message["subject"].get<std::string>(), "2026-W48")) {
      celik = &message;
    }
  }
  ASSERT_NE(celik, nullptr) << messages.dump(2);
  EXPECT_EQ((*celik)["to"]["email"], "j.brouwer@mboutrecht.example.nl");
  EXPECT_TRUE((*celik)["ascii_only"].get<bool>()) << "non-ASCII only in encoded words";
  EXPECT_TRUE(contains((*celik)["raw_headers"].get<std::string>(), "=?UTF-8?")) << (*celik)["raw_headers"];
  EXPECT_TRUE(contains((*celik)["body"].get<std::string>(), "Mehmet Çelik (1091547)"));
  EXPECT_TRUE(contains((*celik)["body"].get<std::string>(), "9 dagen te laat")) << (*celik)["body"];
  auto again = run_json(config, "2026-12-10T07:00", {"escalations"});
  EXPECT_EQ(again["counts"]["queued"], 0) << again.dump(2);
  EXPECT_EQ(json::parse(server.parsed_messages()).size(), messages.size());
}

// Student reminders: students without hours in the current week get one; in the Christmas
// vacation only the student whose placement allows vacation hours does.
TEST_F(Mail, StudentRemindersSkipSchoolVacations) {
  SmtpServer server;
  auto config = config_for(server.url());
  run_json(config, "2026-12-04T16:00", {"student-reminders"});
  auto messages = json::parse(server.parsed_messages());
  auto to = recipients(messages);
  EXPECT_EQ(to.count("mehmet.celik@student.mboutrecht.example.nl"), 1u) << messages.dump(2);
  EXPECT_EQ(to.count("sanne.jansen@student.mboutrecht.example.nl"), 0u) << "her placement ended";
  const json* mehmet = message_to(messages, "mehmet.celik@student.mboutrecht.example.nl");
  ASSERT_NE(mehmet, nullptr);
  EXPECT_EQ((*mehmet)["to"]["name"], "Mehmet Çelik");
  EXPECT_TRUE(contains((*mehmet)["body"].get<std::string>(), "2026-W49")) << (*mehmet)["body"];
  EXPECT_TRUE(contains((*mehmet)["body"].get<std::string>(), "maandag 30 november 2026")) << (*mehmet)["body"];

  auto christmas = run_json(config, "2026-12-25T16:00", {"student-reminders"});
  auto all = json::parse(server.parsed_messages());
  std::set<std::string> in_vacation;
  for (std::size_t i = messages.size(); i < all.size(); ++i) {
    in_vacation.insert(all[i]["to"]["email"].get<std::string>());
  }
  EXPECT_EQ(in_vacation, std::set<std::string>{"eline.vandenberg@student.mboutrecht.example.nl"})
      << christmas.dump(2);
}

// The Portal's notifications go out with send-mail: a correction request reaches the student.
TEST_F(Mail, ACorrectionRequestReachesTheStudent) {
  ASSERT_NO_FATAL_FAILURE(sign_in("marloes", k_marloes));
  auto requested = bpv_as("marloes", {"request-correction", "1091547", "--week", "2026-W48", "--reason",
                                      "Één dag te veel: vrijdag was je vrij"});
  ASSERT_EQ(requested.exit_code, 0) << requested.err;
  SmtpServer server;
  auto report = run_json(config_for(server.url()), "2026-11-30T10:00", {"send-mail"});
  EXPECT_EQ(report["counts"]["sent"], 1) << report.dump(2);
  auto messages = json::parse(server.parsed_messages());
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0]["to"]["email"], "mehmet.celik@student.mboutrecht.example.nl");
  EXPECT_EQ(messages[0]["extra"]["X-Bpv-Kind"], "correction-requested");
  EXPECT_TRUE(contains(messages[0]["body"].get<std::string>(), "Één dag te veel: vrijdag was je vrij"));
}

// Welcome mails: invited users get a one-time password that works once, with a new password.
TEST_F(Mail, InvitedUsersSignInWithTheirOneTimePassword) {
  auto dry = bpv({"--db", db(), "users", "invite", "--all-new", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_TRUE(contains(dry.out, "Would invite Mehmet Çelik")) << dry.out;
  EXPECT_EQ(outbox("1"), 0);
  auto invited = bpv({"--db", db(), "users", "invite", "--all-new"});
  ASSERT_EQ(invited.exit_code, 0) << invited.err;
  long long count = outbox("kind = 'welcome'");
  EXPECT_GT(count, 5);
  SmtpServer server;
  auto report = run_json(config_for(server.url()), "2026-11-30T10:00", {"send-mail"});
  EXPECT_EQ(report["counts"]["sent"].get<long long>(), count);
  EXPECT_EQ(outbox("kind = 'welcome' AND body <> ''"), 0) << "the outbox forgets the passwords";
  auto messages = json::parse(server.parsed_messages());
  const json* mehmet = message_to(messages, "mehmet.celik@student.mboutrecht.example.nl");
  ASSERT_NE(mehmet, nullptr);
  std::string body = (*mehmet)["body"];
  auto at = body.find("Wachtwoord:");
  ASSERT_NE(at, std::string::npos) << body;
  std::string password = body.substr(at + 11);
  password = password.substr(password.find_first_not_of(' '));
  password = password.substr(0, password.find('\n'));
  ASSERT_EQ(password.size(), 14u) << body;

  // Without a new password the sign-in stops; with one on the second line it works.
  auto once = bpv_as("mehmet", {"login", "--user", "mehmet.celik@student.mboutrecht.example.nl", "--password-stdin"},
                     password + "\n");
  EXPECT_EQ(once.exit_code, 2) << once.err;
  EXPECT_TRUE(contains(once.err, "one-time password")) << once.err;
  auto login = bpv_as("mehmet", {"login", "--user", "mehmet.celik@student.mboutrecht.example.nl", "--password-stdin"},
                      password + "\nmijn-eigen-wachtwoord\n");
  ASSERT_EQ(login.exit_code, 0) << login.err;
  auto whoami = bpv_as("mehmet", {"whoami"});
  EXPECT_EQ(whoami.exit_code, 0) << whoami.err;
}

// Without mail.smtp.url the delivery says what to configure; the mails stay queued.
TEST_F(Mail, AMissingServerSettingIsNamed) {
  auto config = m_dir.write("bpv.yaml", "mail:\n  from: bpv@mboutrecht.example.nl\n").string();
  auto result = job(config, "2026-11-30T07:00", {"run", "reminders"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_TRUE(contains(result.err, "mail.smtp.url")) << result.err;
  EXPECT_GT(outbox("status = 'pending'"), 0);
  // --no-send only enqueues.
  auto queued = job(config, "2026-11-30T07:00", {"run", "escalations", "--no-send"});
  EXPECT_EQ(queued.exit_code, 0) << queued.err;
}

}  // namespace
}  // namespace bpv::test
