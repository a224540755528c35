// The XLSX writer, its files read back with openpyxl (support/read_xlsx.py): typed cells and
// their number formats, the frozen bold header, the autofilter, sheets in order, a big file, and
// the failures.
#include <bpv/export/table.hpp>

#include "support/run_process.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace bpv::exports {
namespace {

using nlohmann::json;

// Debian's python3 with python3-openpyxl, not whichever python3 comes first on PATH.
json run_reader(const std::vector<std::string>& args) {
  std::vector<std::string> all{BPV_READ_XLSX};
  all.insert(all.end(), args.begin(), args.end());
  auto result = bpv::test::run_process("/usr/bin/python3", all);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return json::parse(result.out, nullptr, /*allow_exceptions=*/false);
}

// Every sheet with its rows of {"value", "type", "format"} cells.
json read_workbook(const std::filesystem::path& file) {
  return run_reader({file.string()});
}
// Every sheet with its number of rows and its last row, read as a stream.
json count_rows(const std::filesystem::path& file) {
  return run_reader({"--count", file.string()});
}

std::unique_ptr<TableWriter> open_writer(const std::filesystem::path& file) {
  auto writer = xlsx_writer(file);
  EXPECT_TRUE(writer.has_value()) << writer.error().message;
  return writer ? std::move(*writer) : nullptr;
}

const Column k_hours_columns[] = {
    {"Studentnummer", ColumnType::text}, {"Naam", ColumnType::text},
    {"Datum", ColumnType::date},         {"Week", ColumnType::text},
    {"Uren", ColumnType::hours},         {"Aantal", ColumnType::integer},
    {"Opmerking", ColumnType::text},
};
const Column k_summary_columns[] = {
    {"Student", ColumnType::text},
    {"Goedgekeurd", ColumnType::hours},
    {"Voortgang", ColumnType::percent},
    {"Weken achter", ColumnType::integer},
};

TEST(XlsxWriter, WritesTypedCellsOnTwoSheetsThatOpenpyxlReadsBack) {
  bpv::test::TempDir dir;
  auto file = dir / "uren.xlsx";
  auto writer = open_writer(file);
  ASSERT_TRUE(writer);
  EXPECT_TRUE(writer->writes_more_sheets());
  ASSERT_TRUE(writer->begin_sheet("Uren", k_hours_columns).has_value());
  const Cell first[] = {std::string_view("100234"),
                        std::string_view("Ayşe Çelik"),
                        core::Date::from_ymd(2026, 3, 2),
                        std::string_view("2026-W10"),
                        Hours{450},
                        std::int64_t{3},
                        std::monostate{}};
  const Cell second[] = {std::string_view("100235"),
                         std::string_view("Één van Dijk"),
                         core::Date::from_ymd(2026, 12, 31),
                         std::string_view("2026-W53"),
                         Hours{15},
                         std::int64_t{-2},
                         std::string_view("Tekst met \"quotes\", <tags> & ;")};
  ASSERT_TRUE(writer->row(first).has_value());
  ASSERT_TRUE(writer->row(second).has_value());
  ASSERT_TRUE(writer->begin_sheet("Samenvatting", k_summary_columns).has_value());
  const Cell summary[] = {std::string_view("Ayşe Çelik"), Hours{465}, Percent{103.5},
                          std::int64_t{2}};
  ASSERT_TRUE(writer->row(summary).has_value());
  auto finished = writer->finish();
  ASSERT_TRUE(finished.has_value()) << finished.error().message;

  auto book = read_workbook(file);
  ASSERT_TRUE(book.is_object());
  const auto& sheets = book["sheets"];
  ASSERT_EQ(sheets.size(), 2u);
  const auto& hours = sheets[0];
  EXPECT_EQ(hours["name"], "Uren");
  EXPECT_EQ(hours["freeze_panes"], "A2");
  EXPECT_EQ(hours["auto_filter"], "A1:G3");
  EXPECT_EQ(hours["bold_header"], true);
  const auto& rows = hours["rows"];
  ASSERT_EQ(rows.size(), 3u);
  std::vector<std::string> header;
  for (const auto& cell : rows[0]) {
    header.push_back(cell["value"]);
  }
  EXPECT_EQ(header, (std::vector<std::string>{"Studentnummer", "Naam", "Datum", "Week", "Uren",
                                              "Aantal", "Opmerking"}));

  EXPECT_EQ(rows[1][0], (json{{"value", "100234"}, {"type", "text"}, {"format", "General"}}));
  EXPECT_EQ(rows[1][1]["value"], "Ayşe Çelik");
  EXPECT_EQ(rows[1][2],
            (json{{"value", "2026-03-02"}, {"type", "date"}, {"format", "dd-mm-yyyy"}}));
  EXPECT_EQ(rows[1][3]["value"], "2026-W10");
  EXPECT_EQ(rows[1][4], (json{{"value", 7.5}, {"type", "number"}, {"format", "0.00"}}));
  EXPECT_EQ(rows[1][5], (json{{"value", 3}, {"type", "number"}, {"format", "General"}}));
  EXPECT_EQ(rows[1][6]["type"], "blank");

  EXPECT_EQ(rows[2][1]["value"], "Één van Dijk");
  EXPECT_EQ(rows[2][2]["value"], "2026-12-31");
  EXPECT_EQ(rows[2][4], (json{{"value", 0.25}, {"type", "number"}, {"format", "0.00"}}));
  EXPECT_EQ(rows[2][5]["value"], -2);
  EXPECT_EQ(rows[2][6], (json{{"value", "Tekst met \"quotes\", <tags> & ;"},
                              {"type", "text"},
                              {"format", "General"}}));

  const auto& totals = sheets[1];
  EXPECT_EQ(totals["name"], "Samenvatting");
  EXPECT_EQ(totals["freeze_panes"], "A2");
  EXPECT_EQ(totals["auto_filter"], "A1:D2");
  ASSERT_EQ(totals["rows"].size(), 2u);
  EXPECT_EQ(totals["rows"][0][2]["value"], "Voortgang");
  const auto& placement = totals["rows"][1];
  EXPECT_EQ(placement[0]["value"], "Ayşe Çelik");
  EXPECT_EQ(placement[1], (json{{"value", 7.75}, {"type", "number"}, {"format", "0.00"}}));
  EXPECT_EQ(placement[2], (json{{"value", 103.5}, {"type", "number"}, {"format", "0.0"}}));
  EXPECT_EQ(placement[3]["value"], 2);
}

TEST(XlsxWriter, ASheetWithoutRowsKeepsItsHeaderFilterAndFrozenRow) {
  bpv::test::TempDir dir;
  auto file = dir / "leeg.xlsx";
  auto writer = open_writer(file);
  ASSERT_TRUE(writer);
  ASSERT_TRUE(writer->begin_sheet("Uren", k_hours_columns).has_value());
  ASSERT_TRUE(writer->finish().has_value());

  auto sheet = read_workbook(file)["sheets"][0];
  EXPECT_EQ(sheet["rows"].size(), 1u);
  EXPECT_EQ(sheet["auto_filter"], "A1:G1");
  EXPECT_EQ(sheet["freeze_panes"], "A2");
}

TEST(XlsxWriter, CutsASheetNameToExcels31Characters) {
  bpv::test::TempDir dir;
  auto file = dir / "naam.xlsx";
  auto writer = open_writer(file);
  ASSERT_TRUE(writer);
  // 40 characters, 3 of them two bytes long in UTF-8.
  ASSERT_TRUE(writer->begin_sheet("Één overzicht van alle uren per één jaar", k_summary_columns)
                  .has_value());
  ASSERT_TRUE(writer->finish().has_value());

  EXPECT_EQ(read_workbook(file)["sheets"][0]["name"], "Één overzicht van alle uren per");
}

TEST(XlsxWriter, FailsNamingTheFileWhenItsFolderDoesNotExist) {
  bpv::test::TempDir dir;
  auto file = dir / "ontbreekt" / "uren.xlsx";
  auto writer = xlsx_writer(file);
  ASSERT_FALSE(writer.has_value());
  EXPECT_EQ(writer.error().kind, ErrorKind::unexpected);
  EXPECT_EQ(writer.error().message, "cannot create " + file.string() +
                                        ": No such file or directory; check that its folder "
                                        "exists and is writable");
}

TEST(XlsxWriter, RefusesARowWithTheWrongNumberOfCells) {
  bpv::test::TempDir dir;
  auto writer = open_writer(dir / "kort.xlsx");
  ASSERT_TRUE(writer);
  ASSERT_TRUE(writer->begin_sheet("Samenvatting", k_summary_columns).has_value());
  const Cell short_row[] = {std::string_view("Ayşe Çelik"), Hours{60}};
  auto result = writer->row(short_row);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("a row of 2 cells in a sheet of 4 columns"),
            std::string::npos)
      << result.error().message;
}

TEST(XlsxWriter, AnUnfinishedWorkbookLeavesNoFile) {
  bpv::test::TempDir dir;
  auto file = dir / "half.xlsx";
  {
    auto writer = open_writer(file);
    ASSERT_TRUE(writer);
    ASSERT_TRUE(writer->begin_sheet("Uren", k_summary_columns).has_value());
    const Cell cells[] = {std::string_view("Ayşe Çelik"), Hours{60}, Percent{1}, std::int64_t{0}};
    ASSERT_TRUE(writer->row(cells).has_value());
  }
  EXPECT_FALSE(std::filesystem::exists(file));
}

TEST(XlsxWriter, Writes200000RowsThatAllReadBack) {
  bpv::test::TempDir dir;
  auto file = dir / "groot.xlsx";
  auto writer = open_writer(file);
  ASSERT_TRUE(writer);
  ASSERT_TRUE(writer->begin_sheet("Uren", k_summary_columns).has_value());
  constexpr std::int64_t k_rows = 200000;
  for (std::int64_t i = 1; i <= k_rows; ++i) {
    const Cell cells[] = {std::string_view("Één student"), Hours{(i % 4 + 1) * 15}, Percent{50}, i};
    ASSERT_TRUE(writer->row(cells).has_value());
  }
  ASSERT_TRUE(writer->finish().has_value());

  auto sheet = count_rows(file)["sheets"][0];
  EXPECT_EQ(sheet["rows"], k_rows + 1);
  EXPECT_EQ(sheet["last"][0]["value"], "Één student");
  EXPECT_EQ(sheet["last"][1]["value"], 0.25);
  EXPECT_EQ(sheet["last"][3]["value"], k_rows);
}

}  // namespace
}  // namespace bpv::exports
