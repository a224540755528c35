// End-to-end tests of `bpv export`: the demo college exported as CSV, Excel CSV, JSON Lines and
// XLSX, read back with independent parsers (Python's csv module, json, openpyxl); filters,
// permissions, empty results and the atomic write.
#include "e2e/e2e_fixture.hpp"

#include <nlohmann/json.hpp>

#include <set>

namespace bpv::test {
namespace {

using json = nlohmann::json;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

constexpr const char* k_marloes = "marloes.verhoeven@zorgcentrumdelinde.example.nl";
constexpr const char* k_python = "/usr/bin/python3";

// Reads CSV with Python's csv module and prints the rows as JSON.
constexpr const char* k_read_csv = R"(
import csv, json, sys
path, delimiter, encoding = sys.argv[1], sys.argv[2], sys.argv[3]
with open(path, newline="", encoding=encoding) as f:
    print(json.dumps(list(csv.reader(f, delimiter=delimiter))))
)";

class Export : public EndToEnd {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(load_demo()); }

  // The rows of the CSV file `path`, read by Python.
  json read_csv(const std::filesystem::path& path, const std::string& delimiter = ",",
                const std::string& encoding = "utf-8") const {
    auto result = run_process(k_python, {"-c", k_read_csv, path.string(), delimiter, encoding});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return json::parse(result.out);
  }

  ProcessResult admin_export(const std::vector<std::string>& args) const {
    std::vector<std::string> all{"--db", db(), "export"};
    all.insert(all.end(), args.begin(), args.end());
    return bpv(all);
  }

  long long count(const std::string& where) const {
    return query_int(db(), "SELECT count(*) FROM entries WHERE " + where);
  }
};

TEST_F(Export, HoursAsCsvReadBackByPython) {
  auto out = m_dir / "uren.csv";
  auto result = admin_export({"hours", "--from", "2026-09-01", "--to", "2026-11-30", "--out", out.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "");
  auto rows = read_csv(out);
  ASSERT_GT(rows.size(), 1u);
  EXPECT_EQ(rows[0], json({"student_number", "student_name", "programme", "company", "trainer", "date", "week",
                           "hours", "status", "approved_by", "approved_at", "open_flags"}));
  EXPECT_EQ(static_cast<long long>(rows.size() - 1), count("entry_date BETWEEN '2026-09-01' AND '2026-11-30'"));
  double hours = 0;
  std::set<std::string> names;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 12u) << rows[i].dump();
    hours += std::stod(rows[i][7].get<std::string>());
    names.insert(rows[i][1].get<std::string>());
    EXPECT_EQ(rows[i][7].get<std::string>().find('.'), rows[i][7].get<std::string>().size() - 3) << rows[i].dump();
  }
  EXPECT_NEAR(hours, static_cast<double>(query_int(db(), "SELECT sum(minutes) FROM entries")) / 60.0, 0.01);
  EXPECT_EQ(names.count("Mehmet Çelik"), 1u);
  EXPECT_EQ(names.count("Noé Dubois"), 1u);
  // The raw file: CRLF line ends, no activity notes (R5) unless asked.
  std::string raw = read_file(out);
  EXPECT_TRUE(contains(raw, "\r\n"));
  EXPECT_FALSE(contains(raw, "Eerste dag: introductie"));
}

TEST_F(Export, ActivitiesOnlyWhenAsked) {
  auto result = admin_export({"hours", "--from", "2026-09-01", "--to", "2026-09-01", "--with-activities"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, ",activity\r\n")) << result.out;
  EXPECT_TRUE(contains(result.out, "Eerste dag: introductie en inwerken op de afdeling")) << result.out;
}

TEST_F(Export, ExcelCsvHasSemicolonsBomAndDecimalCommas) {
  auto out = m_dir / "uren-excel.csv";
  auto result = admin_export({"hours", "--from", "2026-09-01", "--to", "2026-11-30", "--excel", "--out", out.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::string raw = read_file(out);
  EXPECT_EQ(raw.substr(0, 3), "\xEF\xBB\xBF");
  auto rows = read_csv(out, ";", "utf-8-sig");
  ASSERT_GT(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], "student_number");
  bool half = false;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    std::string hours = rows[i][7];
    EXPECT_EQ(hours.find('.'), std::string::npos) << hours;
    half = half || hours.ends_with(",50");
  }
  EXPECT_TRUE(half) << "a 7:30 day shows as 7,50";
}

TEST_F(Export, JsonLinesHaveNumbersAndDates) {
  auto result = admin_export({"hours", "--from", "2026-11-23", "--to", "2026-11-29", "--format", "jsonl"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto lines = lines_of(result.out);
  ASSERT_EQ(static_cast<long long>(lines.size()), count("entry_date BETWEEN '2026-11-23' AND '2026-11-29'"));
  for (const auto& line : lines) {
    auto row = json::parse(line);
    EXPECT_TRUE(row["hours"].is_number()) << line;
    EXPECT_EQ(row["week"], "2026-W48");
    EXPECT_EQ(row["date"].get<std::string>().substr(0, 8), "2026-11-");
    EXPECT_TRUE(row["approved_at"].is_null() || row["approved_at"].is_string());
  }
}

TEST_F(Export, FiltersNarrowTheRows) {
  auto rows_of = [&](const std::vector<std::string>& extra) {
    std::vector<std::string> args{"hours", "--from", "2026-09-01", "--to", "2026-11-30", "--format", "jsonl"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto result = admin_export(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return static_cast<long long>(lines_of(result.out).size());
  };
  EXPECT_EQ(rows_of({"--status", "approved"}), count("status = 'approved'"));
  EXPECT_EQ(rows_of({"--status", "submitted"}), count("status = 'submitted'"));
  EXPECT_EQ(rows_of({"--student", "1091547"}),
            query_int(db(), "SELECT count(*) FROM entries e JOIN placements p ON p.id = e.placement_id "
                            "JOIN students s ON s.id = p.student_id WHERE s.student_number = '1091547'"));
  EXPECT_EQ(rows_of({"--student", "mehmet.celik@student.mboutrecht.example.nl"}), rows_of({"--student", "1091547"}));
  EXPECT_EQ(rows_of({"--company", "Zorgcentrum De Linde"}), count("1"));
  EXPECT_EQ(rows_of({"--company", "Nergens BV"}), 0);
  EXPECT_EQ(rows_of({"--programme", "Verpleegkundige"}),
            query_int(db(), "SELECT count(*) FROM entries e JOIN placements p ON p.id = e.placement_id "
                            "JOIN students s ON s.id = p.student_id WHERE s.programme = 'Verpleegkundige'"));
  auto bad = admin_export({"hours", "--from", "2026-09-01", "--to", "2026-11-30", "--status", "klaar"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(contains(bad.err, "--status")) << bad.err;
}

TEST_F(Export, AnEmptyResultIsAHeaderAndExitZero) {
  auto result = admin_export({"hours", "--from", "2025-01-01", "--to", "2025-01-31"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(lines_of(result.out).size(), 1u) << result.out;
  EXPECT_TRUE(result.out.starts_with("student_number,")) << result.out;
}

TEST_F(Export, TrainersAndSupervisorsExportTheirStudentsOnly) {
  ASSERT_NO_FATAL_FAILURE(sign_in("marloes", k_marloes));
  auto mine = bpv_as("marloes", {"export", "hours", "--from", "2026-09-01", "--to", "2026-11-30", "--format", "jsonl"});
  ASSERT_EQ(mine.exit_code, 0) << mine.err;
  std::set<std::string> trainers;
  for (const auto& line : lines_of(mine.out)) {
    trainers.insert(json::parse(line)["trainer"].get<std::string>());
  }
  EXPECT_EQ(trainers, std::set<std::string>{"Marloes Verhoeven"});
  EXPECT_EQ(static_cast<long long>(lines_of(mine.out).size()),
            query_int(db(), "SELECT count(*) FROM entries e JOIN placements p ON p.id = e.placement_id "
                            "JOIN users t ON t.id = p.trainer_id WHERE t.email = '" + std::string(k_marloes) + "'"));
  ASSERT_NO_FATAL_FAILURE(sign_in("joost", "j.brouwer@mboutrecht.example.nl"));
  auto supervised = bpv_as("joost", {"export", "summary", "--from", "2026-09-01", "--to", "2026-11-30", "--format", "jsonl"});
  ASSERT_EQ(supervised.exit_code, 0) << supervised.err;
  EXPECT_EQ(static_cast<long long>(lines_of(supervised.out).size()),
            query_int(db(), "SELECT count(*) FROM placements p JOIN users b ON b.id = p.supervisor_id "
                            "WHERE b.email = 'j.brouwer@mboutrecht.example.nl'"))
      << supervised.out;
  for (const auto& line : lines_of(supervised.out)) {
    EXPECT_EQ(json::parse(line)["supervisor"], "Joost Brouwer");
  }
  ASSERT_NO_FATAL_FAILURE(sign_in("mehmet", "mehmet.celik@student.mboutrecht.example.nl"));
  auto student = bpv_as("mehmet", {"export", "hours", "--from", "2026-09-01", "--to", "2026-11-30"});
  EXPECT_EQ(student.exit_code, 5) << student.err;
}

TEST_F(Export, SummaryAddsUpThePlacement) {
  const std::string placement =
      "(SELECT p.id FROM placements p JOIN students s ON s.id = p.student_id WHERE s.student_number = '1091547')";
  // Two submitted days sent back for correction, and the rule checks run: both show.
  ASSERT_NO_FATAL_FAILURE(exec_sql(db(), "UPDATE entries SET status = 'correction_requested' WHERE placement_id = " +
                                             placement + " AND entry_date IN (SELECT entry_date FROM entries "
                                             "WHERE placement_id = " + placement + " AND status = 'submitted' "
                                             "ORDER BY entry_date LIMIT 2)"));
  auto checks = bpv_jobs({"--db", db(), "--now", "2026-11-30T09:00", "run", "violations"});
  ASSERT_EQ(checks.exit_code, 0) << checks.err;
  auto result = admin_export({"summary", "--from", "2026-09-01", "--to", "2027-08-31", "--format", "jsonl",
                              "--student", "1091547"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto lines = lines_of(result.out);
  ASSERT_EQ(lines.size(), 1u);
  auto row = json::parse(lines[0]);
  EXPECT_EQ(row["student_name"], "Mehmet Çelik");
  EXPECT_EQ(row["supervisor"], "Joost Brouwer");
  EXPECT_EQ(row["contract_hours"], 400);
  long long minutes = query_int(db(), "SELECT sum(minutes) FROM entries e JOIN placements p ON p.id = e.placement_id "
                                      "JOIN students s ON s.id = p.student_id WHERE s.student_number = '1091547'");
  EXPECT_NEAR(row["approved_hours"].get<double>() + row["submitted_hours"].get<double>() +
                  row["correction_hours"].get<double>(),
              static_cast<double>(minutes) / 60.0, 0.01);
  EXPECT_NEAR(row["progress_percent"].get<double>(), 100.0 * row["approved_hours"].get<double>() / 400.0, 0.06);
  EXPECT_GT(row["weeks_overdue"].get<int>(), 0);
  auto minutes_with = [&](const std::string& status) {
    return query_int(db(), "SELECT coalesce(sum(minutes), 0) FROM entries WHERE placement_id = " + placement +
                               " AND status = '" + status + "'");
  };
  ASSERT_GT(minutes_with("correction_requested"), 0);
  EXPECT_NEAR(row["correction_hours"].get<double>(), minutes_with("correction_requested") / 60.0, 0.01);
  EXPECT_NEAR(row["submitted_hours"].get<double>(), minutes_with("submitted") / 60.0, 0.01);
  std::string flags;
  for (const char* code : {"MISSING_WEEK", "OUTSIDE_PLACEMENT", "OVERTIME_DAY", "OVERTIME_WEEK", "PUBLIC_HOLIDAY",
                           "SCHOOL_VACATION", "YOUNG_WORKER"}) {
    long long open = query_int(db(), "SELECT count(*) FROM flags WHERE resolved_at IS NULL AND code = '" +
                                         std::string(code) + "' AND placement_id = " + placement);
    if (open > 0) {
      flags += (flags.empty() ? "" : " ") + std::string(code) + "=" + std::to_string(open);
    }
  }
  EXPECT_FALSE(flags.empty()) << "the demo's Mehmet has an overtime day";
  EXPECT_EQ(row["open_flags"], flags);
}

TEST_F(Export, AFailedExportLeavesNoFile) {
  // The period is backwards: refused before a row is written, and the file never appears.
  auto out = m_dir / "exports" / "uren.csv";
  std::filesystem::create_directories(out.parent_path());
  auto backwards = admin_export({"hours", "--from", "2026-11-30", "--to", "2026-09-01", "--out", out.string()});
  EXPECT_EQ(backwards.exit_code, 2) << backwards.err;
  EXPECT_TRUE(std::filesystem::is_empty(out.parent_path()));
  // A folder that does not exist: a clear error naming the file.
  auto missing = admin_export({"hours", "--from", "2026-09-01", "--to", "2026-11-30", "--out",
                               (m_dir / "nergens" / "uren.csv").string()});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_TRUE(contains(missing.err, "nergens/uren.csv")) << missing.err;
  // An existing export is replaced whole, never half-written.
  ASSERT_EQ(admin_export({"hours", "--from", "2026-09-01", "--to", "2026-11-30", "--out", out.string()}).exit_code, 0);
  auto before = read_file(out);
  ASSERT_EQ(admin_export({"hours", "--from", "2026-11-30", "--to", "2026-09-01", "--out", out.string()}).exit_code, 2);
  EXPECT_EQ(read_file(out), before);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(out.parent_path()), {}), 1);
}

// XLSX read back with openpyxl: typed cells, a frozen header, and the summary on a second sheet.
TEST_F(Export, HoursAsXlsxWithTheSummaryOnASecondSheet) {
  auto out = m_dir / "uren.xlsx";
  auto result = admin_export({"hours", "--from", "2026-09-01", "--to", "2026-11-30", "--format", "xlsx", "--out",
                              out.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto read = run_process(k_python, {BPV_READ_XLSX, out.string()});
  ASSERT_EQ(read.exit_code, 0) << read.err;
  auto book = json::parse(read.out);
  ASSERT_EQ(book["sheets"].size(), 2u) << read.out.substr(0, 500);
  const auto& hours = book["sheets"][0];
  const auto& summary = book["sheets"][1];
  EXPECT_EQ(hours["name"], "Uren");
  EXPECT_EQ(summary["name"], "Samenvatting");
  EXPECT_EQ(static_cast<long long>(hours["rows"].size() - 1), count("entry_date BETWEEN '2026-09-01' AND '2026-11-30'"));
  EXPECT_EQ(summary["rows"].size() - 1, 6u);
  const auto& first = hours["rows"][1];
  EXPECT_EQ(first[5]["type"], "date") << first.dump();
  EXPECT_EQ(first[7]["type"], "number") << first.dump();
  EXPECT_EQ(first[7]["format"], "0.00") << first.dump();
  double total = 0;
  for (std::size_t i = 1; i < hours["rows"].size(); ++i) {
    total += hours["rows"][i][7]["value"].get<double>();
  }
  EXPECT_NEAR(total, static_cast<double>(query_int(db(), "SELECT sum(minutes) FROM entries")) / 60.0, 0.01);
  // xlsx needs a file.
  auto no_file = admin_export({"hours", "--from", "2026-09-01", "--to", "2026-11-30", "--format", "xlsx"});
  EXPECT_EQ(no_file.exit_code, 2);
  EXPECT_TRUE(contains(no_file.err, "--out")) << no_file.err;
}

// A scheduled export from the configuration: written whole into its folder; a dry run writes
// nothing.
TEST_F(Export, TheExportJobWritesTheConfiguredExport) {
  auto config = m_dir.write("bpv.yaml",
                            "exports:\n"
                            "  weekly-summary:\n"
                            "    kind: summary\n"
                            "    folder: exports\n"
                            "    file: \"samenvatting-{date}.{ext}\"\n"
                            "    period: school-year\n"
                            "  monthly-hours:\n"
                            "    kind: hours\n"
                            "    excel: true\n"
                            "    folder: exports\n"
                            "    period: last-month\n");
  auto dry = bpv_jobs({"--db", db(), "--config", config.string(), "--now", "2026-12-01T06:00", "run", "export",
                       "--config", "weekly-summary", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_TRUE(contains(dry.out, "samenvatting-2026-12-01.csv")) << dry.out;
  EXPECT_FALSE(std::filesystem::exists(m_dir / "exports"));
  auto run = bpv_jobs({"--db", db(), "--config", config.string(), "--now", "2026-12-01T06:00", "run", "export",
                       "--config", "weekly-summary"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto rows = read_csv(m_dir / "exports" / "samenvatting-2026-12-01.csv");
  EXPECT_EQ(rows.size(), 7u);
  auto monthly = bpv_jobs({"--db", db(), "--config", config.string(), "--now", "2026-12-01T06:00", "run", "export",
                           "--config", "monthly-hours"});
  ASSERT_EQ(monthly.exit_code, 0) << monthly.err;
  auto november = read_csv(m_dir / "exports" / "monthly-hours-2026-12-01.csv", ";", "utf-8-sig");
  EXPECT_EQ(static_cast<long long>(november.size() - 1), count("entry_date BETWEEN '2026-11-01' AND '2026-11-30'"));
  auto unknown = bpv_jobs({"--db", db(), "--config", config.string(), "run", "export", "--config", "jaarlijks"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_TRUE(contains(unknown.err, "jaarlijks")) << unknown.err;
}

}  // namespace
}  // namespace bpv::test
