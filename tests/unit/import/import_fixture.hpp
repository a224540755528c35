#pragma once

#include <bpv/import/import.hpp>
#include <bpv/store/sqlite/sqlite_store.hpp>

#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <string>

namespace bpv::import::test_support {

using namespace std::chrono_literals;

inline const std::string k_placements_header =
    "student_number,student_name,student_email,student_phone,birth_date,programme,crebo,level,"
    "track,company_name,company_city,trainer_name,trainer_email,trainer_phone,supervisor_name,"
    "supervisor_email,supervisor_phone,start_date,end_date,contract_hours,hours_per_week,"
    "vacation_hours_allowed,hours_per_day\n";

// A valid placement row for student `number`, trainer t1 and supervisor b1 at Pixelwerf.
inline std::string placement_row(const std::string& number, const std::string& name,
                                 const std::string& start = "2026-09-01",
                                 const std::string& end = "2027-01-29") {
  return number + "," + name + ",s" + number + "@student.example.nl,06-11111111,2008-05-01," +
         "Software Developer,25998,4,BOL,Pixelwerf B.V.,Utrecht,Ruud van 't Hof," +
         "t1@pixelwerf.example.nl,06-22222222,Fatima el Amrani,b1@school.example.nl,030-1234567," +
         start + "," + end + ",800,32,nee,8\n";
}

// A fresh database at the demo's clock (Monday 2026-11-30 09:00 in Amsterdam).
class ImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::sqlite::open_store(m_dir / "bpv.db", store::sqlite::OpenMode::create_new);
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    m_store = std::move(*opened);
    m_context.now = core::Instant(std::chrono::sys_days(std::chrono::year(2026) / 11 / 30)) + 8h;
    m_context.today = core::Date::from_ymd(2026, 11, 30);
  }

  ImportReport placements(const std::string& content, DryRun dry_run = DryRun::no) {
    auto report = import_placements(*m_store, m_dir.write("placements.csv", content), dry_run, m_context);
    EXPECT_TRUE(report.has_value()) << (report ? "" : report.error().message);
    return report ? *report : ImportReport{};
  }

  ImportReport hours(const std::string& content, DryRun dry_run = DryRun::no) {
    auto report = import_hours(*m_store, m_dir.write("hours.csv", content), dry_run, m_context);
    EXPECT_TRUE(report.has_value()) << (report ? "" : report.error().message);
    return report ? *report : ImportReport{};
  }

  store::TableCounts counts() { return *m_store->table_counts(); }

  bpv::test::TempDir m_dir;
  std::unique_ptr<store::Store> m_store;
  ImportContext m_context;
};

// "LINE: field: message" of each problem, for compact assertions.
inline std::vector<std::string> describe(const ImportReport& report) {
  std::vector<std::string> lines;
  for (const auto& problem : report.problems) {
    lines.push_back(std::to_string(problem.line) + ": " + problem.field + ": " + problem.message);
  }
  return lines;
}

// Whether some problem is at `line`, in `field`, and mentions `words`.
inline bool has_problem(const ImportReport& report, std::size_t line, const std::string& field,
                        const std::string& words) {
  for (const auto& problem : report.problems) {
    if (problem.line == line && problem.field == field &&
        problem.message.find(words) != std::string::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace bpv::import::test_support
