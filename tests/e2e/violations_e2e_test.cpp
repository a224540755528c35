// End-to-end tests of the rule checks: calendars, the violations job, flags where they show.
//
// Everything runs the real bpv and bpv-jobs binaries against the demo college (see
// examples/demo/), with the clock at Monday 2026-11-30 09:00 (week 2026-W49). The demo's
// placements use the default calendar `midden`, whose herfstvakantie 2026 runs from Saturday
// 2026-10-17 to Sunday 2026-10-25 (2026-W43 is the whole working week of it).
//
// Who is who in the demo:
//   trainer Marloes     Eline 1089231 (vacation hours allowed), Mehmet 1091547, Sanne 1090318
//   trainer Ruud        Noé 1092664, Zoë 1093702 (under 18), Daan 1091985
//   supervisor Brouwer  Mehmet, Zoë, Daan
//   supervisor El Amrani Eline, Sanne, Noé
#include "e2e/e2e_fixture.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace bpv::test {
namespace {

using nlohmann::json;

constexpr const char* k_marloes = "marloes.verhoeven@zorgcentrumdelinde.example.nl";
constexpr const char* k_ruud = "ruud.vanthof@zorgcentrumdelinde.example.nl";
constexpr const char* k_brouwer = "j.brouwer@mboutrecht.example.nl";
constexpr const char* k_elamrani = "f.elamrani@mboutrecht.example.nl";
constexpr const char* k_mehmet = "mehmet.celik@student.mboutrecht.example.nl";

constexpr const char* k_eline_number = "1089231";
constexpr const char* k_mehmet_number = "1091547";
constexpr const char* k_sanne_number = "1090318";
constexpr const char* k_noe_number = "1092664";
constexpr const char* k_zoe_number = "1093702";
constexpr const char* k_daan_number = "1091985";

// --- Small helpers -----------------------------------------------------------------------------

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The codes of a JSON array of flags ({code, severity, detail}).
std::multiset<std::string> codes_of(const json& flags) {
  std::multiset<std::string> codes;
  for (const auto& flag : flags) {
    codes.insert(flag.at("code").get<std::string>());
  }
  return codes;
}

// The flags of `violations` (the JSON of `bpv violations list`) that match student, code and,
// when given, the date ("" matches a week's flag, whose date is null).
std::vector<json> flags_where(const json& violations, const std::string& student,
                              const std::string& code,
                              const std::optional<std::string>& date = std::nullopt) {
  std::vector<json> found;
  for (const auto& v : violations) {
    if (v.at("student_number") != student || v.at("code") != code) {
      continue;
    }
    if (date) {
      if (date->empty() ? !v.at("date").is_null() : v.at("date") != *date) {
        continue;
      }
    }
    found.push_back(v);
  }
  return found;
}

// `bpv violations list --json` without the timestamps, which differ between two databases that
// reached the same flags at different moments; a flag keeps whether it is open. Sorted.
std::vector<std::string> comparable(const json& violations) {
  std::vector<std::string> rows;
  for (const auto& v : violations) {
    rows.push_back(v.at("student_number").get<std::string>() + " " +
                   v.at("week").get<std::string>() + " " +
                   (v.at("date").is_null() ? std::string("-") : v.at("date").get<std::string>()) +
                   " " + v.at("code").get<std::string>() + " " +
                   v.at("severity").get<std::string>() + " " + v.at("detail").get<std::string>() +
                   " " + (v.at("resolved_at").is_null() ? "open" : "resolved"));
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::string joined(const std::vector<std::string>& rows) {
  std::string text;
  for (const auto& row : rows) {
    text += row + "\n";
  }
  return text;
}

std::string host_name() {
  char name[256] = {};
  gethostname(name, sizeof name - 1);
  return name;
}

// The pid of a child process that has ended (and been reaped): no process has it now.
pid_t dead_pid() {
  pid_t child = fork();
  if (child == 0) {
    _exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  return child;
}

// --- The fixture -------------------------------------------------------------------------------

class Violations : public EndToEnd {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(load_demo()); }

  static std::string password_of(const std::string& user) { return user + "-wachtwoord-2026"; }

  // `bpv --db DATABASE args...` as `user` ("admin": the administrator of init()).
  ProcessResult bpv_on(const std::string& database, const std::string& user,
                       const std::vector<std::string>& args, const std::string& input = "") const {
    std::vector<std::string> all{"--db", database};
    all.insert(all.end(), args.begin(), args.end());
    if (user == "admin") {
      return bpv(all, input);
    }
    return bpv_with({{"XDG_CONFIG_HOME", config_of(user).string()}}, all, input);
  }

  // Signs `user` in on another database file (a copy of db(), where sign_in gave them their
  // password): the credentials file keeps one session per database path.
  void log_in_on(const std::string& database, const std::string& user,
                 const std::string& email) const {
    std::string password = user == "admin" ? k_admin_password : password_of(user);
    auto result =
        bpv_on(database, user, {"login", "--user", email, "--password-stdin"}, password + "\n");
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }

  // `bpv-jobs --db DATABASE --json run violations extra...`, which must succeed; its report.
  json run_job(const std::vector<std::string>& extra = {}, std::string database = "") const {
    if (database.empty()) {
      database = db();
    }
    std::vector<std::string> args{"--db", database, "--json", "run", "violations"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto result = bpv_jobs(args);
    EXPECT_EQ(result.exit_code, 0) << result.err << result.out;
    EXPECT_EQ(result.err, "");
    return json::parse(result.out);
  }

  // Copies db() (after its writers ended) to a second file, and signs the administrator and
  // `users` ({short name, e-mail}) in there.
  std::string copy_database(const std::vector<std::pair<std::string, std::string>>& users) const {
    const std::string copy = (m_dir / "copy-b.db").string();
    exec_sql(db(), "VACUUM INTO '" + copy + "'");
    log_in_on(copy, "admin", k_admin_email);
    for (const auto& [user, email] : users) {
      log_in_on(copy, user, email);
    }
    return copy;
  }

  // Runs the job incrementally on db() and with --full on `copy`, and expects both to end with
  // the same flags; db()'s flags.
  json incremental_equals_full(const std::string& copy) const {
    auto incremental = run_job({}, db());
    auto full = run_job({"--full"}, copy);
    EXPECT_EQ(incremental["counts"]["full"], false) << incremental.dump(2);
    EXPECT_EQ(incremental["counts"]["open_by_code"], full["counts"]["open_by_code"]);
    auto flags = violations_as("admin", {}, db());
    EXPECT_EQ(joined(comparable(flags)), joined(comparable(violations_as("admin", {}, copy))));
    return flags;
  }

  // `bpv violations list --json args...` as `user` on `database` (default db()).
  json violations_as(const std::string& user, const std::vector<std::string>& args = {},
                     std::string database = "") const {
    if (database.empty()) {
      database = db();
    }
    std::vector<std::string> all{"violations", "list", "--json"};
    all.insert(all.end(), args.begin(), args.end());
    auto result = bpv_on(database, user, all);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "");
    return json::parse(result.out);
  }

  // The successful JSON output of a bpv command.
  static json json_of(const ProcessResult& result) {
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "");
    return json::parse(result.out);
  }

  json calendars() const { return json_of(bpv({"--db", db(), "calendar", "list", "--json"})); }

  // The calendar named `name` in `bpv calendar list --json`; fails when it is missing.
  static json calendar_named(const json& list, const std::string& name) {
    for (const auto& calendar : list) {
      if (calendar.at("calendar") == name) {
        return calendar;
      }
    }
    ADD_FAILURE() << "no calendar " << name << " in " << list.dump(2);
    return json::object();
  }

  // The vacation called `name` that starts in `year` of a calendar, as "first..last".
  static std::string vacation(const json& calendar, const std::string& name,
                              const std::string& year) {
    for (const auto& v : calendar.value("vacations", json::array())) {
      if (v.at("name") == name && v.at("first").get<std::string>().rfind(year, 0) == 0) {
        return v.at("first").get<std::string>() + ".." + v.at("last").get<std::string>();
      }
    }
    return "(none)";
  }
};

// --- The demo after the job --------------------------------------------------------------------

// The job finds the demo's problems, and they show where the trainer looks: the logbook per entry
// (OVERTIME_DAY, SCHOOL_VACATION) and per week (OVERTIME_WEEK), and the dashboard's count.
TEST_F(Violations, TheJobFlagsTheDemoWhereTrainersLook) {
  ASSERT_NO_FATAL_FAILURE(sign_in("marloes", k_marloes));
  ASSERT_NO_FATAL_FAILURE(sign_in("ruud", k_ruud));

  auto report = run_job();
  EXPECT_EQ(report["job"], "violations");
  EXPECT_EQ(report["dry_run"], false);
  EXPECT_EQ(report["counts"]["placements_checked"], 6) << report.dump(2);
  EXPECT_GT(report["counts"]["flags_opened"].get<int>(), 0) << report.dump(2);
  EXPECT_EQ(report["counts"]["flags_resolved"], 0);
  EXPECT_EQ(report["counts"]["today"], "2026-11-30");

  // Mehmet's 2026-W47: 10 hours on Wednesday 2026-11-18 (agreed 8 a day) and 33:30 in the week
  // (agreed 24).
  auto logbook = json_of(
      bpv_as("marloes", {"--json", "logbook", "show", k_mehmet_number, "--week", "2026-W47"}));
  ASSERT_EQ(logbook["weeks"].size(), 1u) << logbook.dump(2);
  const auto& w47 = logbook["weeks"][0];
  EXPECT_EQ(codes_of(w47["flags"]), (std::multiset<std::string>{"OVERTIME_WEEK"}))
      << w47.dump(2);
  for (const auto& flag : w47["flags"]) {
    EXPECT_EQ(flag["severity"], "warning");
    EXPECT_TRUE(flag["detail"].is_string() && !flag["detail"].get<std::string>().empty());
  }
  for (const auto& entry : w47["entries"]) {
    if (entry["date"] == "2026-11-18") {
      EXPECT_EQ(codes_of(entry["flags"]), (std::multiset<std::string>{"OVERTIME_DAY"}))
          << entry.dump(2);
      EXPECT_EQ(entry["flags"][0]["severity"], "warning");
    } else {
      EXPECT_EQ(entry["flags"], json::array()) << entry.dump(2);
    }
  }

  // Noé worked Monday to Wednesday of the herfstvakantie (2026-W43).
  auto noe = json_of(
      bpv_as("ruud", {"--json", "logbook", "show", k_noe_number, "--week", "2026-W43"}));
  ASSERT_EQ(noe["weeks"].size(), 1u) << noe.dump(2);
  std::set<std::string> vacation_days;
  for (const auto& entry : noe["weeks"][0]["entries"]) {
    EXPECT_EQ(codes_of(entry["flags"]), (std::multiset<std::string>{"SCHOOL_VACATION"}))
        << entry.dump(2);
    vacation_days.insert(entry["date"].get<std::string>());
  }
  EXPECT_EQ(vacation_days, (std::set<std::string>{"2026-10-19", "2026-10-20", "2026-10-21"}));

  // Daan has no hours in 2026-W41, a working week: MISSING_WEEK, information only.
  auto ruuds = violations_as("ruud", {"--open"});
  auto missing = flags_where(ruuds, k_daan_number, "MISSING_WEEK", "");
  ASSERT_EQ(missing.size(), 1u) << ruuds.dump(2);
  EXPECT_EQ(missing[0]["week"], "2026-W41");
  EXPECT_EQ(missing[0]["severity"], "info");

  // The dashboard counts the open flags of Marloes's students, as violations list --open lists
  // them; Marloes sees only her own students.
  auto marloes_open = violations_as("marloes", {"--open"});
  ASSERT_FALSE(marloes_open.empty());
  for (const auto& v : marloes_open) {
    EXPECT_TRUE(v["student_number"] == k_eline_number || v["student_number"] == k_mehmet_number ||
                v["student_number"] == k_sanne_number)
        << v.dump();
    EXPECT_TRUE(v["resolved_at"].is_null()) << v.dump();
  }
  auto dashboard = json_of(bpv_as("marloes", {"--json", "dashboard"}));
  EXPECT_GT(dashboard["flags_open"].get<int>(), 0);
  EXPECT_EQ(dashboard["flags_open"], marloes_open.size()) << marloes_open.dump(2);
  auto ruud_dashboard = json_of(bpv_as("ruud", {"--json", "dashboard"}));
  EXPECT_EQ(ruud_dashboard["flags_open"], ruuds.size()) << ruuds.dump(2);
}

// A second run over unchanged data opens nothing and resolves nothing, incrementally or in full.
TEST_F(Violations, ARerunFindsNothingNew) {
  auto first = run_job();
  int opened = first["counts"]["flags_opened"].get<int>();
  ASSERT_GT(opened, 0) << first.dump(2);
  auto after_first = violations_as("admin");

  auto second = run_job();
  EXPECT_EQ(second["counts"]["flags_opened"], 0) << second.dump(2);
  EXPECT_EQ(second["counts"]["flags_resolved"], 0) << second.dump(2);
  EXPECT_EQ(second["counts"]["open_by_code"], first["counts"]["open_by_code"]);
  EXPECT_EQ(second["counts"]["full"], false);

  auto full = run_job({"--full"});
  EXPECT_EQ(full["counts"]["full"], true);
  EXPECT_EQ(full["counts"]["placements_checked"], 6);
  EXPECT_EQ(full["counts"]["flags_opened"], 0) << full.dump(2);
  EXPECT_EQ(full["counts"]["flags_resolved"], 0) << full.dump(2);
  EXPECT_EQ(full["counts"]["flags_kept"], opened) << full.dump(2);

  // Not even a timestamp moved.
  EXPECT_EQ(violations_as("admin").dump(), after_first.dump());
}

// The incremental run reaches the same flags as a full run: two copies of one database get the
// same changes (a student's edit and new hours, an imported hours file, an allowed vacation),
// then copy A runs incrementally and copy B in full. And again a week later, when a week has
// ended without hours (MISSING_WEEK) though nothing was written.
TEST_F(Violations, IncrementalEqualsFull) {
  ASSERT_NO_FATAL_FAILURE(sign_in("mehmet", k_mehmet));
  ASSERT_NO_FATAL_FAILURE(sign_in("elamrani", k_elamrani));
  run_job();

  const std::string a = db();
  const std::string b = (m_dir / "copy-b.db").string();
  ASSERT_NO_FATAL_FAILURE(exec_sql(a, "VACUUM INTO '" + b + "'"));
  ASSERT_NO_FATAL_FAILURE(log_in_on(b, "admin", k_admin_email));
  ASSERT_NO_FATAL_FAILURE(log_in_on(b, "mehmet", k_mehmet));
  ASSERT_NO_FATAL_FAILURE(log_in_on(b, "elamrani", k_elamrani));
  ASSERT_EQ(comparable(violations_as("admin", {}, a)), comparable(violations_as("admin", {}, b)));

  auto changed_hours = m_dir.write(
      "more-hours.csv",
      "student_number,date,hours,activity,status\n"
      "1091985,2026-10-07,8,Soep gemaakt,submitted\n"            // Daan fills 2026-W41
      "1093702,2026-11-26,10,Dubbele dienst,submitted\n");       // Zoë (17) works 10 hours
  for (const auto& database : {a, b}) {
    SCOPED_TRACE(database);
    // Mehmet corrects his 10-hour day and records a day in the herfstvakantie.
    auto edit = bpv_on(database, "mehmet", {"hours", "edit", "2026-11-18", "8"});
    ASSERT_EQ(edit.exit_code, 0) << edit.err;
    auto add = bpv_on(database, "mehmet", {"hours", "add", "2026-10-21", "6", "--activity", "Inval"});
    ASSERT_EQ(add.exit_code, 0) << add.err;
    // The administrator imports more hours: queued for the job, not checked yet.
    auto import = bpv_on(database, "admin", {"import", "hours", changed_hours.string()});
    ASSERT_EQ(import.exit_code, 0) << import.err;
    auto still_missing = violations_as("admin", {"--open", "--code", "MISSING_WEEK"}, database);
    EXPECT_EQ(flags_where(still_missing, k_daan_number, "MISSING_WEEK", "").size(), 1u)
        << "an import computes no flags; the job does\n" << still_missing.dump(2);
    // Noé's supervisor allows Monday and Tuesday of the herfstvakantie (not Wednesday).
    auto allow = bpv_on(database, "elamrani",
                        {"placements", "allow-vacation", k_noe_number, "--from", "2026-10-19",
                         "--to", "2026-10-20", "--reason", "inhaaluren afgesproken"});
    ASSERT_EQ(allow.exit_code, 0) << allow.err;
  }

  auto incremental = run_job({}, a);
  auto full = run_job({"--full"}, b);
  EXPECT_EQ(incremental["counts"]["full"], false);
  EXPECT_EQ(full["counts"]["full"], true);
  // Only the four placements written to (Mehmet, Daan, Zoë, Noé) needed the job.
  EXPECT_EQ(incremental["counts"]["placements_checked"], 4) << incremental.dump(2);
  EXPECT_EQ(incremental["counts"]["open_by_code"], full["counts"]["open_by_code"]);

  auto flags_a = violations_as("admin", {}, a);
  auto flags_b = violations_as("admin", {}, b);
  EXPECT_EQ(joined(comparable(flags_a)), joined(comparable(flags_b)));

  // What the changes did (on A; B is equal).
  auto state = [&](const std::string& student, const std::string& code, const std::string& date) {
    auto found = flags_where(flags_a, student, code, date);
    if (found.empty()) {
      return std::string("none");
    }
    bool open = std::any_of(found.begin(), found.end(),
                            [](const json& v) { return v["resolved_at"].is_null(); });
    return std::string(open ? "open" : "resolved");
  };
  EXPECT_EQ(state(k_mehmet_number, "OVERTIME_DAY", "2026-11-18"), "resolved");
  EXPECT_EQ(state(k_mehmet_number, "SCHOOL_VACATION", "2026-10-21"), "open");
  EXPECT_EQ(state(k_noe_number, "SCHOOL_VACATION", "2026-10-19"), "resolved");
  EXPECT_EQ(state(k_noe_number, "SCHOOL_VACATION", "2026-10-20"), "resolved");
  EXPECT_EQ(state(k_noe_number, "SCHOOL_VACATION", "2026-10-21"), "open");
  EXPECT_EQ(state(k_daan_number, "MISSING_WEEK", ""), "resolved");
  EXPECT_EQ(state(k_zoe_number, "YOUNG_WORKER", "2026-11-26"), "open");

  // A week later: 2026-W49 has ended and nobody recorded hours in it.
  auto later_a = run_job({"--now", "2026-12-07T09:00"}, a);
  auto later_b = run_job({"--full", "--now", "2026-12-07T09:00"}, b);
  EXPECT_EQ(later_a["counts"]["today"], "2026-12-07");
  EXPECT_GT(later_a["counts"]["flags_opened"].get<int>(), 0) << later_a.dump(2);
  EXPECT_EQ(later_a["counts"]["flags_opened"], later_b["counts"]["flags_opened"]);
  auto later_flags_a = violations_as("admin", {}, a);
  EXPECT_EQ(joined(comparable(later_flags_a)), joined(comparable(violations_as("admin", {}, b))));
  std::set<std::string> missing_w49;
  for (const auto& v : later_flags_a) {
    if (v["code"] == "MISSING_WEEK" && v["week"] == "2026-W49" && v["resolved_at"].is_null()) {
      missing_w49.insert(v["student_number"].get<std::string>());
    }
  }
  // Every active placement (Sanne's ended on 2026-11-13).
  EXPECT_EQ(missing_w49, (std::set<std::string>{k_eline_number, k_mehmet_number, k_noe_number,
                                                 k_zoe_number, k_daan_number}));
}

// Incremental equals full after the changes that reach flags from afar: an hours import whose
// only change lies in an early week of a young worker's four-week window (the flag lands three
// weeks later), a changed placement agreement, and a calendar import that moves a vacation.
TEST_F(Violations, IncrementalEqualsFullAfterWindowPlacementAndCalendarChanges) {
  run_job();
  std::string copy;
  ASSERT_NO_FATAL_FAILURE(copy = copy_database({}));
  auto on_both = [&](const std::vector<std::string>& args) {
    for (const auto& database : {db(), copy}) {
      auto result = bpv_on(database, "admin", args);
      ASSERT_EQ(result.exit_code, 0) << database << ": " << result.err;
    }
  };

  // Zoë (17, at most 160 hours in four weeks) works 9-hour days in W46-W48: 2026-W45 to W48
  // make 24 + 42 + 41:30 + 42 = 149:30 hours.
  auto long_weeks = m_dir.write("long-weeks.csv",
                                "student_number,date,hours,activity\n"
                                "1093702,2026-11-09,9,Extra dienst\n"
                                "1093702,2026-11-12,9,Extra dienst\n"
                                "1093702,2026-11-16,9,Extra dienst\n"
                                "1093702,2026-11-19,9,Extra dienst\n"
                                "1093702,2026-11-23,9,Extra dienst\n"
                                "1093702,2026-11-26,9,Extra dienst\n");
  ASSERT_NO_FATAL_FAILURE(on_both({"import", "hours", long_weeks.string()}));
  auto flags = incremental_equals_full(copy);
  EXPECT_TRUE(flags_where(flags, k_zoe_number, "YOUNG_WORKER", "").empty()) << flags.dump(2);

  // 11 more hours in 2026-W45 only: the four weeks up to 2026-W48 make 160:30.
  auto early = m_dir.write("early.csv",
                           "student_number,date,hours,activity\n"
                           "1093702,2026-11-02,9,Extra dienst\n"
                           "1093702,2026-11-05,2,Extra dienst\n");
  ASSERT_NO_FATAL_FAILURE(on_both({"import", "hours", early.string()}));
  flags = incremental_equals_full(copy);
  auto window = flags_where(flags, k_zoe_number, "YOUNG_WORKER", "");
  ASSERT_EQ(window.size(), 1u) << flags.dump(2);
  EXPECT_EQ(window[0]["week"], "2026-W48");
  EXPECT_TRUE(window[0]["resolved_at"].is_null());

  // Mehmet's agreement becomes 40 hours a week: his 33:30 in 2026-W47 is no longer overtime.
  std::string placements = read_file(demo("placements.csv"));
  auto header_end = placements.find('\n') + 1;
  auto row_start = placements.find("1091547,");
  auto row = placements.substr(row_start, placements.find('\n', row_start) - row_start);
  auto changed_row = row;
  auto at = changed_row.find(",400,24,nee,8");
  ASSERT_NE(at, std::string::npos) << row;
  changed_row.replace(at, 13, ",400,40,nee,8");
  auto agreement = m_dir.write("agreement.csv", placements.substr(0, header_end) + changed_row + "\n");
  ASSERT_NO_FATAL_FAILURE(on_both({"import", "placements", agreement.string()}));
  flags = incremental_equals_full(copy);
  auto week = flags_where(flags, k_mehmet_number, "OVERTIME_WEEK", "");
  ASSERT_EQ(week.size(), 1u) << flags.dump(2);
  EXPECT_FALSE(week[0]["resolved_at"].is_null()) << week[0].dump();

  // The college moves midden's herfstvakantie 2026 to 2026-11-02 .. 2026-11-08.
  auto moved = m_dir.write("midden-2026.yaml",
                           "version: 1\ncalendar: midden\nschool_year: 2026-2027\nvacations:\n"
                           "  - {name: herfstvakantie, first: 2026-11-02, last: 2026-11-08}\n");
  ASSERT_NO_FATAL_FAILURE(on_both({"calendar", "import", moved.string()}));
  flags = incremental_equals_full(copy);
  auto open_vacation = [&](const std::string& student, const std::string& date) {
    auto found = flags_where(flags, student, "SCHOOL_VACATION", date);
    return std::any_of(found.begin(), found.end(),
                       [](const json& v) { return v["resolved_at"].is_null(); });
  };
  EXPECT_FALSE(open_vacation(k_noe_number, "2026-10-19")) << flags.dump(2);
  EXPECT_TRUE(open_vacation(k_zoe_number, "2026-11-02")) << flags.dump(2);
  EXPECT_FALSE(open_vacation(k_eline_number, "2026-11-03")) << "Eline may work in vacations";
  // 2026-W43 is a working week now: Zoë recorded nothing in it.
  auto missing = flags_where(flags, k_zoe_number, "MISSING_WEEK", "");
  EXPECT_TRUE(std::any_of(missing.begin(), missing.end(), [](const json& v) {
    return v["week"] == "2026-W43" && v["resolved_at"].is_null();
  })) << flags.dump(2);
}

// A run of the job takes its lock: while another live process holds it, a run refuses (exit 6)
// and does nothing. A lock left by a dead process on this host is taken over, and the dead run is
// recorded as failed.
TEST_F(Violations, ASecondConcurrentRunIsRefused) {
  const std::string stamp = "CAST(strftime('%s', '2026-11-30 07:55:00') AS INTEGER)";
  auto hold = [&](long long run_id, const std::string& host, long long pid) {
    exec_sql(db(), "INSERT INTO job_runs (id, job, started_at, clock, outcome) VALUES (" +
                       std::to_string(run_id) + ", 'violations', " + stamp + ", " + stamp +
                       ", 'running');"
                       "INSERT INTO job_locks (job, run_id, host, pid, acquired_at) VALUES "
                       "('violations', " +
                       std::to_string(run_id) + ", '" + host + "', " + std::to_string(pid) +
                       ", " + stamp + ");");
  };

  // This test's own process is alive.
  ASSERT_NO_FATAL_FAILURE(hold(900, host_name(), getpid()));
  auto refused = bpv_jobs({"--db", db(), "run", "violations"});
  EXPECT_EQ(refused.exit_code, 6) << refused.out << refused.err;
  EXPECT_TRUE(contains(refused.err, "already running")) << refused.err;
  EXPECT_TRUE(contains(refused.err, "run 900")) << refused.err;
  EXPECT_EQ(violations_as("admin"), json::array()) << "the refused run checked nothing";
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM job_runs"), 1);

  // A dead process on another machine cannot be told from a live one: still refused.
  ASSERT_NO_FATAL_FAILURE(
      exec_sql(db(), "UPDATE job_locks SET host = 'elders.example.nl', pid = " +
                         std::to_string(dead_pid()) + " WHERE run_id = 900"));
  EXPECT_EQ(bpv_jobs({"--db", db(), "run", "violations"}).exit_code, 6);

  // A dead process on this host: its lock is taken over.
  pid_t dead = dead_pid();
  ASSERT_NO_FATAL_FAILURE(exec_sql(db(), "UPDATE job_locks SET host = '" + host_name() +
                                             "', pid = " + std::to_string(dead) +
                                             " WHERE run_id = 900"));
  auto taken_over = bpv_jobs({"--db", db(), "--json", "run", "violations"});
  ASSERT_EQ(taken_over.exit_code, 0) << taken_over.err;
  EXPECT_GT(json::parse(taken_over.out)["counts"]["flags_opened"].get<int>(), 0);
  EXPECT_NE(violations_as("admin"), json::array());
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM job_locks"), 0) << "the lock is released";

  auto history = bpv_jobs({"--db", db(), "--json", "history", "violations"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  auto runs = json::parse(history.out);
  ASSERT_EQ(runs.size(), 2u) << runs.dump(2);
  EXPECT_EQ(runs[0]["outcome"], "succeeded") << "newest first";
  EXPECT_EQ(runs[0]["dry_run"], false);
  EXPECT_FALSE(runs[0]["finished_at"].is_null());
  EXPECT_EQ(runs[1]["id"], 900);
  EXPECT_EQ(runs[1]["outcome"], "failed");
  EXPECT_FALSE(runs[1]["finished_at"].is_null());
  EXPECT_TRUE(contains(runs[1]["message"].get<std::string>(), "pid " + std::to_string(dead)))
      << runs[1].dump(2);
  EXPECT_TRUE(contains(runs[1]["message"].get<std::string>(), "taken over")) << runs[1].dump(2);
}

// --dry-run does all the checking and reports it, but stores no flag, leaves the queue for the
// real run and records no run: the database file stays byte for byte the same.
TEST_F(Violations, ADryRunChangesNothing) {
  std::string before = read_file(db());
  auto dry = run_job({"--dry-run"});
  EXPECT_EQ(dry["dry_run"], true);
  int would_open = dry["counts"]["flags_opened"].get<int>();
  EXPECT_GT(would_open, 0) << dry.dump(2);
  EXPECT_TRUE(contains(dry["summary"].get<std::string>(), "would be opened")) << dry.dump(2);
  EXPECT_EQ(read_file(db()), before);
  EXPECT_EQ(violations_as("admin"), json::array());
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM flags"), 0);

  auto history = bpv_jobs({"--db", db(), "--json", "history"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_EQ(json::parse(history.out), json::array());

  // The real run does what the dry run said it would.
  auto real = run_job();
  EXPECT_EQ(real["counts"]["flags_opened"], would_open) << real.dump(2);
  EXPECT_EQ(real["counts"]["placements_checked"], dry["counts"]["placements_checked"]);
  EXPECT_EQ(violations_as("admin").size(), static_cast<std::size_t>(would_open));
}

// --- Calendars ---------------------------------------------------------------------------------

// A calendar in bpv's YAML comes back from calendar list as it went in.
TEST_F(Violations, CalendarYamlRoundTrip) {
  auto file = m_dir.write("roc.yaml",
                          "version: 1\n"
                          "calendar: roc-utrecht\n"
                          "school_year: 2026-2027\n"
                          "vacations:\n"
                          "  - {name: herfstvakantie, first: 2026-10-12, last: 2026-10-18}\n"
                          "  - name: kerstvakantie\n"
                          "    first: 2026-12-21\n"
                          "    last: 2027-01-01\n"
                          "public_holidays:\n"
                          "  - {date: 2027-03-19, name: Studiedag}\n");
  auto imported = bpv({"--db", db(), "calendar", "import", file.string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_TRUE(contains(imported.out, "created roc-utrecht: 2026-2027")) << imported.out;

  auto roc = calendar_named(calendars(), "roc-utrecht");
  EXPECT_EQ(roc, json::parse(R"({
      "calendar": "roc-utrecht", "region": null,
      "vacations": [{"name": "herfstvakantie", "first": "2026-10-12", "last": "2026-10-18"},
                    {"name": "kerstvakantie", "first": "2026-12-21", "last": "2027-01-01"}],
      "public_holidays": [{"date": "2027-03-19", "name": "Studiedag"}]})"))
      << roc.dump(2);
  // bpv init loaded the national calendars beside it.
  auto all = calendars();
  for (const char* name : {"noord", "midden", "zuid", "nl-holidays"}) {
    EXPECT_EQ(calendar_named(all, name)["calendar"], name);
  }
  EXPECT_EQ(calendar_named(all, "midden")["region"], "midden");

  // --year: another school year shows none of it.
  auto next_year = json_of(bpv({"--db", db(), "calendar", "list", "--year", "2027", "--json"}));
  EXPECT_EQ(calendar_named(next_year, "roc-utrecht")["vacations"], json::array());
  // --dry-run stores nothing.
  auto other = m_dir.write("other.yaml",
                           "version: 1\ncalendar: roc-other\nvacations:\n"
                           "  - {name: herfstvakantie, first: 2026-10-12, last: 2026-10-18}\n");
  auto dry = bpv({"--db", db(), "calendar", "import", other.string(), "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  for (const auto& calendar : calendars()) {
    EXPECT_NE(calendar["calendar"], "roc-other");
  }
}

// The national open-data JSON becomes noord, midden and zuid, with the UTC instants taken as
// Amsterdam dates; re-importing a school year replaces it.
TEST_F(Violations, CalendarImportOfTheOpenDataJson) {
  // First spoil midden's 2026-2027, so that the JSON must put it back.
  auto spoiled = m_dir.write("spoiled.yaml",
                             "version: 1\ncalendar: midden\nschool_year: 2026-2027\nvacations:\n"
                             "  - {name: najaarsvakantie, first: 2026-11-02, last: 2026-11-06}\n");
  ASSERT_EQ(bpv({"--db", db(), "calendar", "import", spoiled.string()}).exit_code, 0);
  auto before = calendar_named(calendars(), "midden");
  EXPECT_EQ(vacation(before, "herfstvakantie", "2026"), "(none)") << before.dump(2);
  EXPECT_EQ(vacation(before, "najaarsvakantie", "2026"), "2026-11-02..2026-11-06");
  EXPECT_EQ(vacation(before, "herfstvakantie", "2025"), "2025-10-18..2025-10-26")
      << "another school year stays";

  auto imported =
      bpv({"--db", db(), "--json", "calendar", "import", "/work/shared/data/schoolholidays-2026-2027.json"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  auto outcomes = json::parse(imported.out);
  std::set<std::string> names;
  for (const auto& outcome : outcomes) {
    names.insert(outcome["calendar"].get<std::string>());
    EXPECT_EQ(outcome["school_years"], json::array({"2026-2027"})) << outcome.dump();
    EXPECT_EQ(outcome["periods"].is_number(), true);
  }
  EXPECT_EQ(names, (std::set<std::string>{"noord", "midden", "zuid"}));

  auto all = calendars();
  auto midden = calendar_named(all, "midden");
  // "\n   Herfstvakantie\n  " from 2026-10-17T00:00Z to 2026-10-25T22:59Z (23:59 CET).
  EXPECT_EQ(vacation(midden, "herfstvakantie", "2026"), "2026-10-17..2026-10-25");
  EXPECT_EQ(vacation(midden, "najaarsvakantie", "2026"), "(none)") << "the year was replaced";
  EXPECT_EQ(vacation(midden, "herfstvakantie", "2025"), "2025-10-18..2025-10-26");
  // "heel Nederland": in every region; 2027-01-03T22:59Z is still 3 January in Amsterdam.
  EXPECT_EQ(vacation(midden, "kerstvakantie", "2026"), "2026-12-19..2027-01-03");
  auto noord = calendar_named(all, "noord");
  // 2026-10-18T21:59Z is 23:59 CEST on the 18th; the meivakantie's 2027-05-02T21:59Z likewise.
  EXPECT_EQ(vacation(noord, "herfstvakantie", "2026"), "2026-10-10..2026-10-18");
  EXPECT_EQ(vacation(noord, "meivakantie", "2027"), "2027-04-24..2027-05-02");
  auto zuid = calendar_named(all, "zuid");
  EXPECT_EQ(vacation(zuid, "voorjaarsvakantie", "2027"), "2027-02-13..2027-02-21");
  EXPECT_EQ(vacation(zuid, "zomervakantie", "2027"), "2027-07-24..2027-09-05");

  // Instants near midnight: 22:30Z in summer is the next day in Amsterdam, 22:30Z in winter too,
  // 21:30Z in winter is the same day. --region picks one region, --name stores it under a name.
  auto crafted = m_dir.write("vakanties.json", R"([{"content": [{"schoolyear": "2027-2028",
    "vacations": [
      {"type": "  Herfst   Vakantie ", "compulsorydates": false,
       "regions": [{"region": "Zuid", "startdate": "2027-10-15T22:30:00.000Z",
                    "enddate": "2027-10-24T21:30:00.000Z"},
                   {"region": "noord", "startdate": "2027-10-08T22:00:00.000Z",
                    "enddate": "2027-10-17T21:59:00.000Z"}]},
      {"type": "Kerstvakantie", "compulsorydates": "true",
       "regions": [{"region": "heel Nederland", "startdate": "2027-12-24T23:30:00.000Z",
                    "enddate": "2028-01-09T22:59:00.000Z"}]}]}]}])");
  auto region = bpv({"--db", db(), "calendar", "import", crafted.string(), "--region", "zuid",
                     "--name", "roc-zuid"});
  ASSERT_EQ(region.exit_code, 0) << region.err;
  auto roc = calendar_named(calendars(), "roc-zuid");
  EXPECT_EQ(roc["region"], "zuid");
  // 2027-10-24T21:30Z is 23:30 CEST on the 24th (summer time ends 2027-10-31).
  EXPECT_EQ(vacation(roc, "herfst vakantie", "2027"), "2027-10-16..2027-10-24") << roc.dump(2);
  // 2027-12-24T23:30Z is 00:30 CET on the 25th.
  EXPECT_EQ(vacation(roc, "kerstvakantie", "2027"), "2027-12-25..2028-01-09") << roc.dump(2);
  EXPECT_EQ(roc["vacations"].size(), 2u) << "only zuid's vacations: " << roc.dump(2);
}

// A bad file exits 2 naming the file and line (YAML) or JSON path, and changes nothing.
TEST_F(Violations, AMalformedCalendarFileChangesNothing) {
  auto before = bpv({"--db", db(), "calendar", "list", "--json"});
  ASSERT_EQ(before.exit_code, 0) << before.err;

  // A bad date on line 6, after a good vacation that must not be stored either.
  auto bad_date = m_dir.write("bad-date.yaml",
                              "version: 1\n"
                              "calendar: midden\n"
                              "school_year: 2026-2027\n"
                              "vacations:\n"
                              "  - {name: herfstvakantie, first: 2026-10-03, last: 2026-10-11}\n"
                              "  - {name: kerstvakantie, first: 2026-12-32, last: 2027-01-03}\n");
  auto result = bpv({"--db", db(), "calendar", "import", bad_date.string()});
  EXPECT_EQ(result.exit_code, 2) << result.out;
  EXPECT_TRUE(contains(result.err, "bad-date.yaml:6")) << result.err;
  EXPECT_TRUE(contains(result.err, "2026-12-32")) << result.err;

  // An unknown key on line 5.
  auto unknown = m_dir.write("unknown-key.yaml",
                             "version: 1\n"
                             "calendar: roc-utrecht\n"
                             "vacations:\n"
                             "  - {name: herfstvakantie, first: 2026-10-03, last: 2026-10-11}\n"
                             "holidayz:\n"
                             "  - {date: 2026-12-25, name: Kerst}\n");
  result = bpv({"--db", db(), "calendar", "import", unknown.string()});
  EXPECT_EQ(result.exit_code, 2) << result.out;
  EXPECT_TRUE(contains(result.err, "unknown-key.yaml:5")) << result.err;
  EXPECT_TRUE(contains(result.err, "holidayz")) << result.err;

  // An open-data file with a date where an instant belongs: named by its JSON path.
  auto bad_json = m_dir.write("vakanties.json", R"([{"content": [{"schoolyear": "2026-2027",
    "vacations": [{"type": "Herfstvakantie", "compulsorydates": "false",
      "regions": [{"region": "midden", "startdate": "2026-10-03T00:00:00.000Z",
                   "enddate": "2026-10-11"}]}]}]}])");
  result = bpv({"--db", db(), "calendar", "import", bad_json.string()});
  EXPECT_EQ(result.exit_code, 2) << result.out;
  EXPECT_TRUE(contains(result.err, "vakanties.json")) << result.err;
  EXPECT_TRUE(contains(result.err, "$[0].content[0].vacations[0].regions[0].enddate")) << result.err;

  auto after = bpv({"--db", db(), "calendar", "list", "--json"});
  EXPECT_EQ(after.out, before.out);
}

// Only administrators import calendars.
TEST_F(Violations, OnlyAdministratorsImportCalendars) {
  ASSERT_NO_FATAL_FAILURE(sign_in("marloes", k_marloes));
  auto file = m_dir.write("roc.yaml", "version: 1\ncalendar: roc-utrecht\nvacations:\n"
                                      "  - {name: herfstvakantie, first: 2026-10-12, last: 2026-10-18}\n");
  auto result = bpv_as("marloes", {"calendar", "import", file.string()});
  EXPECT_EQ(result.exit_code, 5) << result.out << result.err;
  for (const auto& calendar : calendars()) {
    EXPECT_NE(calendar["calendar"], "roc-utrecht");
  }
}

// --- Flags as hours change ---------------------------------------------------------------------

// A student's hours in the herfstvakantie are flagged at once (no job); the supervisor's agreed
// exception resolves the flag, and later hours in the range are not flagged.
TEST_F(Violations, VacationHoursAreFlaggedAtOnceAndAllowedBySupervisor) {
  ASSERT_NO_FATAL_FAILURE(sign_in("mehmet", k_mehmet));
  ASSERT_NO_FATAL_FAILURE(sign_in("marloes", k_marloes));
  ASSERT_NO_FATAL_FAILURE(sign_in("brouwer", k_brouwer));
  ASSERT_NO_FATAL_FAILURE(sign_in("elamrani", k_elamrani));

  auto added = bpv_as("mehmet", {"hours", "add", "2026-10-21", "7.5", "--activity", "Inval"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  auto flagged = violations_as("marloes", {"--student", k_mehmet_number, "--code", "SCHOOL_VACATION"});
  ASSERT_EQ(flagged.size(), 1u) << flagged.dump(2);
  EXPECT_EQ(flagged[0]["date"], "2026-10-21");
  EXPECT_EQ(flagged[0]["week"], "2026-W43");
  EXPECT_EQ(flagged[0]["severity"], "warning");
  EXPECT_EQ(flagged[0]["name"], "Mehmet Çelik");
  EXPECT_TRUE(flagged[0]["resolved_at"].is_null());
  EXPECT_TRUE(flagged[0]["first_seen"].get<std::string>().rfind("2026-11-30T09:00", 0) == 0)
      << flagged[0].dump();

  // Trainers may not allow it; another student's supervisor does not find him.
  auto trainer = bpv_as("marloes", {"placements", "allow-vacation", k_mehmet_number, "--from",
                                    "2026-10-17", "--to", "2026-10-25", "--reason", "inval"});
  EXPECT_EQ(trainer.exit_code, 5) << trainer.err;
  auto stranger = bpv_as("elamrani", {"placements", "allow-vacation", k_mehmet_number, "--from",
                                      "2026-10-17", "--to", "2026-10-25", "--reason", "inval"});
  EXPECT_EQ(stranger.exit_code, 4) << stranger.err;
  EXPECT_EQ(violations_as("marloes", {"--open", "--student", k_mehmet_number, "--code",
                                      "SCHOOL_VACATION"}).size(),
            1u);

  auto allowed = bpv_as("brouwer", {"placements", "allow-vacation", k_mehmet_number, "--from",
                                    "2026-10-17", "--to", "2026-10-25", "--reason",
                                    "inval afgesproken met school"});
  ASSERT_EQ(allowed.exit_code, 0) << allowed.err;
  EXPECT_EQ(violations_as("marloes", {"--open", "--student", k_mehmet_number, "--code",
                                      "SCHOOL_VACATION"}),
            json::array());
  auto resolved =
      violations_as("marloes", {"--student", k_mehmet_number, "--code", "SCHOOL_VACATION"});
  ASSERT_EQ(resolved.size(), 1u) << resolved.dump(2);
  EXPECT_EQ(resolved[0]["date"], "2026-10-21");
  ASSERT_TRUE(resolved[0]["resolved_at"].is_string()) << resolved[0].dump();
  EXPECT_EQ(resolved[0]["resolved_at"].get<std::string>().rfind("2026-11-30T09:00", 0), 0u)
      << resolved[0].dump();

  // Another day in the allowed range: no flag.
  ASSERT_EQ(bpv_as("mehmet", {"hours", "add", "2026-10-22", "4"}).exit_code, 0);
  EXPECT_EQ(violations_as("marloes", {"--student", k_mehmet_number, "--code", "SCHOOL_VACATION"})
                .size(),
            1u);
}

// Editing and deleting hours resolve flags at once; adding a long day opens one.
TEST_F(Violations, EditingHoursResolvesFlagsAtOnce) {
  ASSERT_NO_FATAL_FAILURE(sign_in("mehmet", k_mehmet));
  ASSERT_NO_FATAL_FAILURE(sign_in("marloes", k_marloes));
  run_job();
  ASSERT_EQ(violations_as("marloes", {"--open", "--code", "OVERTIME_DAY"}).size(), 1u);

  ASSERT_EQ(bpv_as("mehmet", {"hours", "edit", "2026-11-18", "8"}).exit_code, 0);
  EXPECT_EQ(violations_as("marloes", {"--open", "--code", "OVERTIME_DAY"}), json::array());

  // 2026-11-27 (Friday of W48, where Mehmet has 24 hours): 9 hours is one above his 8 a day.
  auto added = bpv_as("mehmet", {"hours", "add", "2026-11-27", "9"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  auto open = violations_as("marloes", {"--open", "--student", k_mehmet_number});
  EXPECT_EQ(flags_where(open, k_mehmet_number, "OVERTIME_DAY", "2026-11-27").size(), 1u)
      << open.dump(2);
  EXPECT_EQ(flags_where(open, k_mehmet_number, "OVERTIME_WEEK").size(), 2u)
      << "W47 (31:30) and W48 (33:00) are above 24: " << open.dump(2);

  ASSERT_EQ(bpv_as("mehmet", {"hours", "delete", "2026-11-27"}).exit_code, 0);
  open = violations_as("marloes", {"--open", "--student", k_mehmet_number});
  EXPECT_EQ(flags_where(open, k_mehmet_number, "OVERTIME_DAY").size(), 0u) << open.dump(2);
  auto week_flags = flags_where(open, k_mehmet_number, "OVERTIME_WEEK");
  ASSERT_EQ(week_flags.size(), 1u) << open.dump(2);
  EXPECT_EQ(week_flags[0]["week"], "2026-W47");
}

// --- Approving flagged weeks -------------------------------------------------------------------

// approve-week --all --clean-only approves the clean weeks and skips the flagged one;
// approval.block_on_flags makes approve-week refuse a flagged week.
TEST_F(Violations, ApprovalSkipsOrRefusesFlaggedWeeks) {
  ASSERT_NO_FATAL_FAILURE(sign_in("marloes", k_marloes));
  run_job();

  auto config = m_dir.write("bpv.yaml", "version: 1\ndatabase: " + db() +
                                            "\napproval:\n  block_on_flags: true\n");
  auto blocked = bpv_as("marloes", {"--config", config.string(), "approve-week", k_mehmet_number,
                                    "2026-W47"});
  EXPECT_EQ(blocked.exit_code, 6) << blocked.out << blocked.err;
  EXPECT_TRUE(contains(blocked.err, "block_on_flags")) << blocked.err;

  auto result = bpv_as("marloes", {"--json", "approve-week", "--all", "--clean-only"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto approvals = json::parse(result.out);
  std::set<std::string> approved;
  std::set<std::string> skipped;
  for (const auto& a : approvals) {
    std::string key = a["student_number"].get<std::string>() + " " + a["week"].get<std::string>();
    if (a["result"] == "approved") {
      approved.insert(key);
    } else if (a["result"] == "skipped_flagged") {
      skipped.insert(key);
      EXPECT_EQ(codes_of(a["flags"]),
                (std::multiset<std::string>{"OVERTIME_DAY", "OVERTIME_WEEK"}))
          << a.dump(2);
    } else {
      ADD_FAILURE() << a.dump(2);
    }
  }
  EXPECT_EQ(skipped, (std::set<std::string>{"1091547 2026-W47"}));
  EXPECT_EQ(approved, (std::set<std::string>{"1089231 2026-W47", "1089231 2026-W48",
                                             "1091547 2026-W48", "1090318 2026-W46"}));
  auto logbook = json_of(
      bpv_as("marloes", {"--json", "logbook", "show", k_mehmet_number, "--week", "2026-W47"}));
  EXPECT_EQ(logbook["weeks"][0]["status"], "open");

  // Without the configuration the flags are printed, and the week approved.
  auto approve = bpv_as("marloes", {"approve-week", k_mehmet_number, "2026-W47"});
  ASSERT_EQ(approve.exit_code, 0) << approve.err;
  EXPECT_TRUE(contains(approve.out, "flag warning OVERTIME_DAY")) << approve.out;
  EXPECT_TRUE(contains(approve.out, "flag warning OVERTIME_WEEK")) << approve.out;
  EXPECT_TRUE(contains(approve.out, "2026-W47: approved")) << approve.out;
}

// --- violations list ---------------------------------------------------------------------------

// --code filters; a student may not list flags; an unknown code suggests the closest one;
// another trainer's student is not found.
TEST_F(Violations, ListFiltersAndPermissions) {
  ASSERT_NO_FATAL_FAILURE(sign_in("marloes", k_marloes));
  ASSERT_NO_FATAL_FAILURE(sign_in("mehmet", k_mehmet));
  run_job();

  auto overtime = violations_as("marloes", {"--code", "OVERTIME_DAY"});
  ASSERT_EQ(overtime.size(), 1u) << overtime.dump(2);
  EXPECT_EQ(overtime[0]["code"], "OVERTIME_DAY");
  EXPECT_EQ(overtime[0]["student_number"], k_mehmet_number);
  EXPECT_EQ(overtime[0]["date"], "2026-11-18");
  EXPECT_EQ(overtime[0]["week"], "2026-W47");
  EXPECT_TRUE(overtime[0]["placement_id"].is_number_integer());

  auto all = violations_as("admin", {"--code", "SCHOOL_VACATION"});
  ASSERT_FALSE(all.empty());
  for (const auto& v : all) {
    EXPECT_EQ(v["code"], "SCHOOL_VACATION") << v.dump();
  }
  auto noe = violations_as("admin", {"--student", k_noe_number});
  ASSERT_FALSE(noe.empty());
  for (const auto& v : noe) {
    EXPECT_EQ(v["student_number"], k_noe_number) << v.dump();
  }

  auto student = bpv_as("mehmet", {"violations", "list"});
  EXPECT_EQ(student.exit_code, 5) << student.out;
  EXPECT_EQ(student.out, "");

  auto unknown = bpv_as("marloes", {"violations", "list", "--code", "OVERTIME_DAYS"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_TRUE(contains(unknown.err, "did you mean OVERTIME_DAY?")) << unknown.err;

  auto other = bpv_as("marloes", {"violations", "list", "--student", k_noe_number});
  EXPECT_EQ(other.exit_code, 4) << other.out;
}

}  // namespace
}  // namespace bpv::test
