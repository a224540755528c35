// A trainer's week against the demo college, through the real bpv binary: the clock stands at
// Monday 2026-11-30 09:00 (week 2026-W49), so 2026-W47's deadline has passed and 2026-W48's
// has not.
#include "e2e/e2e_fixture.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <sstream>
#include <string>

namespace bpv::test {
namespace {

using nlohmann::json;

constexpr const char* k_marloes = "marloes.verhoeven@zorgcentrumdelinde.example.nl";
constexpr const char* k_mehmet = "mehmet.celik@student.mboutrecht.example.nl";
constexpr const char* k_brouwer = "j.brouwer@mboutrecht.example.nl";

// The keys of a JSON object.
std::set<std::string> keys_of(const json& object) {
  std::set<std::string> keys;
  for (const auto& item : object.items()) {
    keys.insert(item.key());
  }
  return keys;
}

const json& find_by(const json& array, const std::string& key, const std::string& value) {
  auto found = std::find_if(array.begin(), array.end(),
                            [&](const json& item) { return item.at(key) == value; });
  if (found == array.end()) {
    throw std::runtime_error("no object with " + key + " = " + value + " in " + array.dump());
  }
  return *found;
}

// The last line of `text` (without its line break).
std::string last_line(const std::string& text) {
  auto lines = lines_of(text);
  return lines.empty() ? "" : lines.back();
}

class Workflow : public EndToEnd {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(load_demo());
    ASSERT_NO_FATAL_FAILURE(sign_in("marloes", k_marloes));
    ASSERT_NO_FATAL_FAILURE(sign_in("mehmet", k_mehmet));
  }

  json json_of(const ProcessResult& result) const {
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "");
    return json::parse(result.out);
  }
};

TEST_F(Workflow, ATrainersWeek) {
  // The dashboard: Eline and Mehmet are active (Sanne's placement ended on 2026-11-13, but her
  // week 2026-W46 can still be approved, R6). Awaiting: Eline W47 W48, Mehmet W47 W48, Sanne
  // W46; overdue (R1): those before W48.
  auto dashboard = json_of(bpv_as("marloes", {"--json", "dashboard"}));
  EXPECT_EQ(keys_of(dashboard),
            (std::set<std::string>{"students_active", "weeks_awaiting_approval", "weeks_overdue",
                                   "corrections_open", "flags_open"}));
  EXPECT_EQ(dashboard["students_active"], 2);
  EXPECT_EQ(dashboard["weeks_awaiting_approval"], 5);
  EXPECT_EQ(dashboard["weeks_overdue"], 3);
  EXPECT_EQ(dashboard["corrections_open"], 0);

  // The students: --json after the subcommand; Sanne only with --historical.
  auto students = json_of(bpv_as("marloes", {"students", "list", "--json"}));
  ASSERT_TRUE(students.is_array());
  ASSERT_EQ(students.size(), 2u) << students.dump(2);
  const auto& mehmet = find_by(students, "student_number", "1091547");
  EXPECT_EQ(
      keys_of(mehmet),
      (std::set<std::string>{"student_number", "name", "email", "company", "placement_id",
                             "start_date", "end_date", "status", "contract_hours", "approved_hours",
                             "pending_hours", "weeks_awaiting_approval", "weeks_overdue"}));
  EXPECT_EQ(mehmet["name"], "Mehmet Çelik");
  EXPECT_EQ(mehmet["email"], k_mehmet);
  EXPECT_EQ(mehmet["company"], "Zorgcentrum De Linde");
  EXPECT_TRUE(mehmet["placement_id"].is_number_integer());
  EXPECT_EQ(mehmet["start_date"], "2026-09-07");
  EXPECT_EQ(mehmet["end_date"], "2027-01-29");
  EXPECT_EQ(mehmet["status"], "active");
  EXPECT_EQ(mehmet["contract_hours"], 400);
  EXPECT_EQ(mehmet["approved_hours"], 197.5);
  EXPECT_EQ(mehmet["pending_hours"], 57.5);
  EXPECT_EQ(mehmet["weeks_awaiting_approval"], 2);
  EXPECT_EQ(mehmet["weeks_overdue"], 1);
  EXPECT_NO_THROW(find_by(students, "student_number", "1089231"));
  auto historical = json_of(bpv_as("marloes", {"students", "list", "--historical", "--json"}));
  ASSERT_EQ(historical.size(), 3u) << historical.dump(2);
  EXPECT_EQ(find_by(historical, "student_number", "1090318")["status"], "ended");

  // Mehmet's logbook of 2026-W47: 8 + 7.5 + 10 + 8 hours, past its deadline.
  auto logbook =
      json_of(bpv_as("marloes", {"--json", "logbook", "show", "1091547", "--week", "2026-W47"}));
  EXPECT_EQ(keys_of(logbook),
            (std::set<std::string>{"student_number", "placement_id", "contract_hours",
                                   "approved_hours", "pending_hours", "weeks"}));
  EXPECT_EQ(logbook["student_number"], "1091547");
  EXPECT_EQ(logbook["placement_id"], mehmet["placement_id"]);
  EXPECT_EQ(logbook["contract_hours"], 400);
  EXPECT_EQ(logbook["approved_hours"], 197.5);
  EXPECT_EQ(logbook["pending_hours"], 57.5);
  ASSERT_EQ(logbook["weeks"].size(), 1u) << logbook.dump(2);
  const auto& week = logbook["weeks"][0];
  EXPECT_EQ(keys_of(week),
            (std::set<std::string>{"week", "status", "deadline", "overdue", "total_hours",
                                   "correction_reasons", "flags", "entries"}));
  EXPECT_EQ(week["week"], "2026-W47");
  EXPECT_EQ(week["status"], "open");
  EXPECT_EQ(week["deadline"], "2026-11-23T23:59:00+01:00");
  EXPECT_EQ(week["overdue"], true);
  EXPECT_EQ(week["total_hours"], 33.5);
  EXPECT_EQ(week["correction_reasons"], json::array());
  EXPECT_TRUE(week["flags"].is_array());
  ASSERT_EQ(week["entries"].size(), 4u);
  const auto& double_shift = find_by(week["entries"], "date", "2026-11-18");
  EXPECT_EQ(keys_of(double_shift), (std::set<std::string>{"date", "hours", "activity", "status",
                                                          "correction_reason", "flags"}));
  EXPECT_EQ(double_shift["hours"], 10);
  EXPECT_EQ(double_shift["activity"], "Dubbele dienst, avondzorg overgenomen");
  EXPECT_EQ(double_shift["status"], "submitted");
  EXPECT_TRUE(double_shift["correction_reason"].is_null());
  EXPECT_TRUE(double_shift["flags"].is_array());
  EXPECT_EQ(find_by(week["entries"], "date", "2026-11-17")["hours"], 7.5);

  // Ten hours in a day is too many: Marloes sends the day back.
  const std::string reason = "Maximaal 8 uur per dag; de avonddienst telt niet als BPV";
  auto correction = bpv_as(
      "marloes", {"request-correction", "1091547", "--date", "2026-11-18", "--reason", reason});
  ASSERT_EQ(correction.exit_code, 0) << correction.err;
  EXPECT_EQ(correction.out, "Asked 1091547 to correct 2026-11-18: " + reason + "\n");
  auto sent_back =
      json_of(bpv_as("marloes", {"logbook", "show", "1091547", "--week", "2026-W47", "--json"}));
  EXPECT_EQ(sent_back["weeks"][0]["status"], "correction");
  const auto& sent_back_entry = find_by(sent_back["weeks"][0]["entries"], "date", "2026-11-18");
  EXPECT_EQ(sent_back_entry["status"], "correction_requested");
  EXPECT_EQ(sent_back_entry["correction_reason"], reason);
  EXPECT_EQ(json_of(bpv_as("marloes", {"dashboard", "--json"}))["corrections_open"], 1);

  // The week cannot be approved while the correction is open (R7).
  auto refused = bpv_as("marloes", {"approve-week", "1091547", "2026-W47"});
  EXPECT_EQ(refused.exit_code, 6);
  EXPECT_EQ(refused.out, "");
  EXPECT_EQ(refused.err.rfind("bpv: ", 0), 0u) << refused.err;
  EXPECT_NE(refused.err.find("open correction request for 2026-11-18"), std::string::npos)
      << refused.err;
  EXPECT_EQ(lines_of(refused.err).size(), 1u) << refused.err;

  // Mehmet corrects the day; the entry is submitted again.
  auto edited = bpv_as("mehmet", {"hours", "edit", "2026-11-18", "8"});
  ASSERT_EQ(edited.exit_code, 0) << edited.err;
  EXPECT_EQ(edited.out, "Changed 2026-11-18 Wed 8:00 (submitted).\n");

  // Marloes approves what she saw: the old total is refused, the new one approved.
  auto stale = bpv_as("marloes", {"approve-week", "1091547", "2026-W47", "--expect-hours", "33.5"});
  EXPECT_EQ(stale.exit_code, 6);
  EXPECT_NE(stale.err.find("31:30"), std::string::npos) << stale.err;
  auto approved =
      bpv_as("marloes", {"approve-week", "1091547", "2026-W47", "--expect-hours", "31:30"});
  ASSERT_EQ(approved.exit_code, 0) << approved.err;
  EXPECT_EQ(last_line(approved.out), "1091547 Mehmet Çelik 2026-W47: approved (4 entries, 31:30)");
  EXPECT_EQ(approved.err, "");
  auto again = bpv_as("marloes", {"approve-week", "1091547", "2026-W47"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(last_line(again.out), "1091547 Mehmet Çelik 2026-W47: already approved");
  auto again_json = json_of(bpv_as("marloes", {"--json", "approve-week", "1091547", "2026-W47"}));
  EXPECT_EQ(keys_of(again_json),
            (std::set<std::string>{"student_number", "name", "placement_id", "week", "result",
                                   "total_hours", "entries", "reason", "flags"}));
  EXPECT_EQ(again_json["result"], "already_approved");
  EXPECT_EQ(again_json["total_hours"], 31.5);
  EXPECT_EQ(again_json["entries"], 4);

  // Approved entries are locked for the student (R8).
  auto locked = bpv_as("mehmet", {"hours", "edit", "2026-11-18", "7"});
  EXPECT_EQ(locked.exit_code, 6) << locked.out;

  // What would --all approve? The other weeks awaiting approval; nothing changes.
  auto dry_run = json_of(bpv_as("marloes", {"approve-week", "--all", "--dry-run", "--json"}));
  ASSERT_TRUE(dry_run.is_array());
  std::set<std::string> weeks;
  for (const auto& item : dry_run) {
    EXPECT_EQ(item["result"], "would_approve") << item.dump();
    weeks.insert(item["student_number"].get<std::string>() + " " + item["week"].get<std::string>());
  }
  EXPECT_EQ(weeks, (std::set<std::string>{"1089231 2026-W47", "1089231 2026-W48",
                                          "1091547 2026-W48", "1090318 2026-W46"}));
  auto dry_run_text = bpv_as("marloes", {"approve-week", "--all", "--dry-run"});
  ASSERT_EQ(dry_run_text.exit_code, 0) << dry_run_text.err;
  auto dry_run_lines = lines_of(dry_run_text.out);
  EXPECT_EQ(dry_run_lines.size(), 4u) << dry_run_text.out;
  EXPECT_NE(std::find(dry_run_lines.begin(), dry_run_lines.end(),
                      "1089231 Eline van den Berg 2026-W47: would approve (4 entries, 31:00)"),
            dry_run_lines.end())
      << dry_run_text.out;
  EXPECT_EQ(json_of(bpv_as("marloes", {"--json", "dashboard"}))["weeks_awaiting_approval"], 4);

  // The students list piped: tab-separated, no header, hours as in tables.
  auto piped = bpv_as("marloes", {"students", "list"});
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  auto rows = lines_of(piped.out);
  ASSERT_EQ(rows.size(), 2u) << piped.out;
  for (const auto& row : rows) {
    EXPECT_EQ(split(row, '\t').size(), 10u) << row;
  }
  auto mehmet_row = std::find_if(rows.begin(), rows.end(), [](const std::string& row) {
    return row.rfind("1091547\t", 0) == 0;
  });
  ASSERT_NE(mehmet_row, rows.end()) << piped.out;
  EXPECT_EQ(*mehmet_row,
            "1091547\tMehmet Çelik\tZorgcentrum De Linde\t2026-09-07\t2027-01-29\tactive\t229:00\t"
            "24:00\t1\t0");

  // --csv: RFC 4180 with a header of the JSON names, hours as decimals.
  auto csv = bpv_as("marloes", {"--csv", "students", "list"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  auto records = parse_csv(csv.out);
  ASSERT_EQ(records.size(), 3u) << csv.out;
  EXPECT_EQ(records[0], (std::vector<std::string>{
                            "student_number", "name", "email", "company", "placement_id",
                            "start_date", "end_date", "status", "contract_hours", "approved_hours",
                            "pending_hours", "weeks_awaiting_approval", "weeks_overdue"}));
  auto mehmet_record = std::find_if(records.begin(), records.end(),
                                    [](const auto& record) { return record[0] == "1091547"; });
  ASSERT_NE(mehmet_record, records.end()) << csv.out;
  EXPECT_EQ((*mehmet_record)[8], "400");
  EXPECT_EQ((*mehmet_record)[9], "229");
  EXPECT_EQ((*mehmet_record)[10], "24");

  // The audit log has it all, with the JSON of before and after as JSON again.
  auto audit = json_of(bpv({"--db", db(), "--json", "audit", "--student", "1091547"}));
  ASSERT_TRUE(audit.is_array());
  auto approval = std::find_if(audit.begin(), audit.end(),
                               [](const json& row) { return row["action"] == "week.approve"; });
  ASSERT_NE(approval, audit.end()) << audit.dump(2);
  EXPECT_EQ(keys_of(*approval),
            (std::set<std::string>{"id", "at", "actor", "action", "student_number", "subject",
                                   "before", "after"}));
  EXPECT_EQ((*approval)["actor"], k_marloes);
  EXPECT_EQ((*approval)["student_number"], "1091547");
  EXPECT_EQ((*approval)["at"], "2026-11-30T09:00:00+01:00");
  EXPECT_TRUE((*approval)["after"].is_object() || (*approval)["after"].is_array())
      << approval->dump();
  auto audit_csv = bpv({"--db", db(), "--csv", "audit", "--student", "1091547"});
  ASSERT_EQ(audit_csv.exit_code, 0) << audit_csv.err;
  auto audit_records = parse_csv(audit_csv.out);
  ASSERT_EQ(audit_records.size(), audit.size() + 1) << audit_csv.out;
  EXPECT_EQ(audit_records[0],
            (std::vector<std::string>{"id", "at", "actor", "action", "student_number", "subject",
                                      "before", "after"}));
  for (const auto& record : audit_records) {
    EXPECT_EQ(record.size(), 8u);
  }
}

TEST_F(Workflow, AStudentCannotAddHoursForTomorrow) {
  auto result =
      bpv_as("mehmet", {"hours", "add", "2026-12-01", "8", "--activity", "Vroege dienst"});
  EXPECT_EQ(result.exit_code, 6);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(lines_of(result.err).size(), 1u) << result.err;
  EXPECT_NE(result.err.find("2026-12-01"), std::string::npos) << result.err;
}

TEST_F(Workflow, AStudentAddsAndListsHours) {
  auto added = bpv_as("mehmet", {"hours", "add", "today", "7u30", "--activity", "Ochtenddienst"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_EQ(added.out, "Recorded 2026-11-30 Mon 7:30 (submitted).\n");
  auto listed = json_of(bpv_as("mehmet", {"hours", "list", "--week", "this", "--json"}));
  ASSERT_EQ(listed.size(), 1u) << listed.dump(2);
  EXPECT_EQ(listed[0], (json{{"date", "2026-11-30"},
                             {"hours", 7.5},
                             {"status", "submitted"},
                             {"activity", "Ochtenddienst"},
                             {"correction_reason", nullptr}}));
  auto piped = bpv_as("mehmet", {"hours", "list", "--week", "this"});
  EXPECT_EQ(piped.out, "2026-11-30\tMon\t7:30\tsubmitted\tOchtenddienst\t\n");
  auto deleted = bpv_as("mehmet", {"hours", "delete", "2026-11-30"});
  EXPECT_EQ(deleted.exit_code, 0) << deleted.err;
  EXPECT_EQ(deleted.out, "Deleted the hours of 2026-11-30.\n");
  EXPECT_EQ(bpv_as("mehmet", {"hours", "list", "--week", "this"}).out, "");
}

TEST_F(Workflow, MalformedHoursAreAUsageErrorNamingTheArgument) {
  auto result = bpv_as("mehmet", {"hours", "add", "2026-11-30", "8x"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            "bpv: HOURS: '8x' is not an amount of hours; write 7.5, 7,5, 7:30 or 7u30\n");
  auto too_many = bpv_as("mehmet", {"hours", "add", "2026-11-30", "25"});
  EXPECT_EQ(too_many.exit_code, 2);
  EXPECT_EQ(too_many.err, "bpv: HOURS: '25' hours: a day has at most 24 hours\n");
}

TEST_F(Workflow, MalformedWeeksDatesAndCombinationsAreUsageErrors) {
  auto week = bpv_as("marloes", {"approve-week", "1091547", "2026-W54"});
  EXPECT_EQ(week.exit_code, 2);
  EXPECT_EQ(week.err.rfind("bpv: WEEK: ", 0), 0u) << week.err;
  auto both =
      bpv_as("marloes", {"logbook", "show", "1091547", "--week", "last", "--from", "2026-11-01"});
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_EQ(both.err.rfind("bpv: --week: ", 0), 0u) << both.err;
  auto all_and_student = bpv_as("marloes", {"approve-week", "1091547", "--all"});
  EXPECT_EQ(all_and_student.exit_code, 2);
  EXPECT_EQ(all_and_student.err.rfind("bpv: --all: ", 0), 0u) << all_and_student.err;
  auto no_reason =
      bpv_as("marloes", {"request-correction", "1091547", "--week", "2026-W48", "--reason", "  "});
  EXPECT_EQ(no_reason.exit_code, 2);
  EXPECT_EQ(no_reason.err, "bpv: --reason: say what the student should correct\n");
  auto date =
      bpv_as("marloes", {"request-correction", "1091547", "--date", "18-11-2026", "--reason", "x"});
  EXPECT_EQ(date.exit_code, 2);
  EXPECT_EQ(date.err.rfind("bpv: --date: ", 0), 0u) << date.err;
  auto missing = bpv_as("marloes", {"request-correction", "1091547", "--reason", "x"});
  EXPECT_EQ(missing.exit_code, 2);
}

TEST_F(Workflow, AnotherTrainersStudentIsNotFound) {
  auto result = bpv_as("marloes", {"logbook", "show", "1092664"});  // Noé, Ruud's student
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(lines_of(result.err).size(), 1u) << result.err;
  EXPECT_EQ(bpv_as("marloes", {"approve-week", "1092664", "2026-W47"}).exit_code, 4);
  EXPECT_EQ(
      bpv_as("marloes", {"students", "show", "noe.dubois@student.mboutrecht.example.nl"}).exit_code,
      4);
}

TEST_F(Workflow, OnlySupervisorsAndAdminsReopenAWeek) {
  auto trainer = bpv_as("marloes", {"reopen-week", "1091547", "2026-W46", "--reason", "Ziek"});
  EXPECT_EQ(trainer.exit_code, 5);
  EXPECT_EQ(trainer.out, "");
  EXPECT_EQ(lines_of(trainer.err).size(), 1u) << trainer.err;
  ASSERT_NO_FATAL_FAILURE(sign_in("brouwer", k_brouwer));  // Mehmet's school supervisor
  auto supervisor = bpv_as(
      "brouwer", {"reopen-week", "1091547", "2026-W46", "--reason", "Ziekmelding niet verwerkt"});
  EXPECT_EQ(supervisor.exit_code, 0) << supervisor.err;
  EXPECT_EQ(supervisor.out,
            "Reopened 2026-W46 of 1091547: the student can change its entries again.\n");
  auto edited = bpv_as("mehmet", {"hours", "edit", "2026-11-11", "6"});
  EXPECT_EQ(edited.exit_code, 0) << edited.err;
}

TEST_F(Workflow, WithoutSigningInEveryCommandSaysSo) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"whoami"}, {"dashboard"}, {"students", "list"}, {"hours", "list"}}) {
    auto result = bpv_as("nobody", args);
    EXPECT_EQ(result.exit_code, 3) << args[0] << ": " << result.err;
    EXPECT_EQ(result.out, "");
    EXPECT_EQ(lines_of(result.err).size(), 1u) << result.err;
  }
}

TEST_F(Workflow, TheLogbookAsText) {
  auto result = bpv_as(
      "marloes", {"logbook", "show", "1091547", "--from", "2026-11-16", "--to", "2026-11-22"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto lines = lines_of(result.out);
  ASSERT_GE(lines.size(), 7u) << result.out;
  EXPECT_EQ(lines[0].rfind("1091547 Mehmet Çelik, placement ", 0), 0u) << result.out;
  EXPECT_EQ(lines[2], "2026-W47  open  total 33:30  deadline 2026-11-23 23:59  OVERDUE");
  EXPECT_EQ(lines[5].rfind("  2026-11-18 Wed 10:00  submitted             Dubbele dienst, "
                           "avondzorg overgenomen",
                           0),
            0u)
      << result.out;
}

TEST_F(Workflow, StudentsShowIsTheStagiairTab) {
  auto detail = json_of(bpv_as("marloes", {"students", "show", "1091547", "--json"}));
  EXPECT_EQ(detail["student_number"], "1091547");
  EXPECT_EQ(detail["phone"], "06-23456781");
  EXPECT_EQ(detail["birth_date"], "2007-08-19");
  EXPECT_EQ(detail["programme"], "Verzorgende-IG");
  EXPECT_EQ(detail["crebo"], "25491");
  EXPECT_EQ(detail["level"], "3");
  EXPECT_EQ(detail["track"], "BOL");
  EXPECT_EQ(detail["company_city"], "Utrecht");
  EXPECT_EQ(detail["hours_per_week"], 24);
  EXPECT_EQ(detail["hours_per_day"], 8);
  EXPECT_DOUBLE_EQ(detail["progress_percent"].get<double>(), 197.5 / 400 * 100);
  EXPECT_EQ(detail["trainer"],
            (json{{"name", "Marloes Verhoeven"}, {"email", k_marloes}, {"phone", "030-2734410"}}));
  EXPECT_EQ(detail["supervisor"],
            (json{{"name", "Joost Brouwer"}, {"email", k_brouwer}, {"phone", "030-2801257"}}));
  auto text = bpv_as("marloes", {"students", "show", "1091547"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(lines_of(text.out)[0], "1091547 Mehmet Çelik");
  EXPECT_NE(text.out.find("  Supervisor         Joost Brouwer, j.brouwer@mboutrecht.example.nl, "
                          "030-2801257\n"),
            std::string::npos)
      << text.out;
}

TEST_F(Workflow, TrainersOfferPositionsOfTheirCompany) {
  auto added = json_of(bpv_as(
      "marloes", {"--json", "positions", "add", "--title", "Stagiair verzorging", "--programme",
                  "Verzorgende-IG", "--crebo", "25491", "--level", "3", "--track", "BOL",
                  "--places", "2", "--start", "2027-02-01", "--contact", "Marloes, 030-2734410"}));
  EXPECT_EQ(keys_of(added),
            (std::set<std::string>{"id", "company", "company_city", "title", "programme", "crebo",
                                   "level", "track", "places", "start_date", "description",
                                   "contact", "status", "created_at"}));
  EXPECT_EQ(added["company"], "Zorgcentrum De Linde");
  EXPECT_EQ(added["places"], 2);
  EXPECT_EQ(added["start_date"], "2027-02-01");
  EXPECT_EQ(added["status"], "open");
  std::string id = std::to_string(added["id"].get<long long>());

  auto listed = bpv_as("marloes", {"positions", "list"});
  EXPECT_EQ(listed.out,
            id + "\tZorgcentrum De Linde\tStagiair verzorging\tVerzorgende-IG\t3\tBOL\t2\t"
                 "2027-02-01\topen\n");
  auto csv = parse_csv(bpv_as("marloes", {"--csv", "positions", "list"}).out);
  ASSERT_EQ(csv.size(), 2u);
  EXPECT_EQ(csv[1][12], "Marloes, 030-2734410");  // contact: quoted, comma and all
  EXPECT_EQ(bpv_as("mehmet", {"positions", "add", "--title", "Eigen plek"}).exit_code, 5);
  EXPECT_EQ(bpv_as("marloes", {"positions", "add", "--title", "x", "--places", "0"}).exit_code, 2);

  auto closed = bpv_as("marloes", {"positions", "close", id});
  EXPECT_EQ(closed.exit_code, 0) << closed.err;
  EXPECT_EQ(closed.out, "Closed position " + id + ".\n");
  EXPECT_EQ(bpv_as("marloes", {"positions", "list"}).out, "");
  EXPECT_EQ(json_of(bpv_as("marloes", {"positions", "list", "--all", "--json"}))[0]["status"],
            "closed");
  EXPECT_EQ(bpv_as("marloes", {"positions", "show", "999"}).exit_code, 4);
}

using CommandLine = EndToEnd;

TEST_F(CommandLine, AnUnknownCommandSuggestsTheNearestOne) {
  auto typo = bpv({"students", "lst"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_EQ(typo.err,
            "bpv: unknown command 'bpv students lst'; did you mean 'bpv students list'?\n");
  auto top = bpv({"--json", "dashbord"});
  EXPECT_EQ(top.exit_code, 2);
  EXPECT_EQ(top.err, "bpv: unknown command 'bpv dashbord'; did you mean 'bpv dashboard'?\n");
  auto none = bpv({"hours"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_EQ(none.err,
            "bpv: hours: give a command: add, edit, delete, list; see bpv hours --help\n");
}

TEST_F(CommandLine, EveryCommandOfTheHelpTextRunsWithOnlyItsOwnGroupBuilt) {
  // bpv builds only the command group the arguments name (cmd/main.cpp, k_groups): every command
  // the full help text lists must be found that way, with or without global options before it.
  auto help = bpv({"--help"});
  ASSERT_EQ(help.exit_code, 0) << help.err;
  auto listed = help.out.substr(help.out.find("Subcommands:"));
  std::vector<std::string> commands;
  std::istringstream lines(listed);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("  ") && line.size() > 2 && line[2] != ' ') {
      commands.push_back(line.substr(2, line.find(' ', 2) - 2));
    }
  }
  EXPECT_EQ(commands.size(), 21u) << listed;
  for (const auto& command : commands) {
    auto own = bpv({"--now", "2026-11-30T09:00", "--json", command, "--help"});
    EXPECT_EQ(own.exit_code, 0) << command << ": " << own.err;
    EXPECT_NE(own.out.find("Usage: bpv " + command), std::string::npos) << command << ": " << own.out;
  }
}

}  // namespace
}  // namespace bpv::test
