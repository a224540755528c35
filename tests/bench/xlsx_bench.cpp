// The XLSX writer alone: writes ROWS rows shaped like `bpv export hours` (12 columns) and a
// summary sheet, then prints "rows R seconds S bytes B" on stdout. Run it under /usr/bin/time -v
// for the peak memory, which must not grow with ROWS.
//
// usage: bpv-xlsx-bench FILE [ROWS]   (ROWS defaults to 1,000,000)

#include <bpv/core/week.hpp>
#include <bpv/export/table.hpp>

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <string>

namespace {

using bpv::exports::Cell;
using bpv::exports::Column;
using bpv::exports::ColumnType;
using bpv::exports::Hours;
using bpv::exports::Percent;

constexpr Column k_hours_columns[] = {
    {"Studentnummer", ColumnType::text},
    {"Naam", ColumnType::text},
    {"Opleiding", ColumnType::text},
    {"Bedrijf", ColumnType::text},
    {"Praktijkopleider", ColumnType::text},
    {"Datum", ColumnType::date},
    {"Week", ColumnType::text},
    {"Uren", ColumnType::hours},
    {"Status", ColumnType::text},
    {"Goedgekeurd door", ColumnType::text},
    {"Goedgekeurd op", ColumnType::date},
    {"Open meldingen", ColumnType::text},
};
constexpr Column k_summary_columns[] = {
    {"Studentnummer", ColumnType::text},
    {"Goedgekeurd", ColumnType::hours},
    {"Voortgang", ColumnType::percent},
    {"Weken achter", ColumnType::integer},
};

bpv::Result<void> write(bpv::exports::TableWriter& writer, long rows) {
  static constexpr std::array<const char*, 4> k_statuses = {"goedgekeurd", "ingediend", "correctie",
                                                            "goedgekeurd"};
  BPV_TRY(writer.begin_sheet("Uren", k_hours_columns));
  const auto first_day = bpv::core::Date::from_ymd(2025, 9, 1);
  std::string number;
  std::string name;
  std::string company;
  std::string trainer;
  std::string week;
  for (long i = 0; i < rows; ++i) {
    long student = i / 160;
    auto day = first_day.plus_days(static_cast<int>(i % 160));
    number = fmt::format("{}", 200000 + student);
    name = fmt::format("Ayşe Çelik {}", student);
    company = fmt::format("Bakkerij De Één {} B.V.", student % 4000);
    trainer = fmt::format("Jan de Vries {}", student % 4000);
    week = bpv::core::IsoWeek::of(day).to_string();
    bool approved = i % 4 != 1 && i % 4 != 2;
    std::array<Cell, 12> cells = {
        std::string_view(number),
        std::string_view(name),
        std::string_view("Verzorgende IG (25491)"),
        std::string_view(company),
        std::string_view(trainer),
        day,
        std::string_view(week),
        Hours{300 + i % 7 * 30},
        std::string_view(k_statuses[static_cast<std::size_t>(i % 4)]),
        approved ? Cell(std::string_view(trainer)) : Cell(std::monostate{}),
        approved ? Cell(day.plus_days(3)) : Cell(std::monostate{}),
        i % 50 == 0 ? Cell(std::string_view("late_submission")) : Cell(std::monostate{}),
    };
    BPV_TRY(writer.row(cells));
  }
  BPV_TRY(writer.begin_sheet("Samenvatting", k_summary_columns));
  for (long s = 0; s <= (rows - 1) / 160; ++s) {
    number = fmt::format("{}", 200000 + s);
    std::array<Cell, 4> cells = {std::string_view(number), Hours{160 * 450}, Percent{75.5},
                                 std::int64_t{s % 3}};
    BPV_TRY(writer.row(cells));
  }
  return writer.finish();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: bpv-xlsx-bench FILE [ROWS]\n");
    return 2;
  }
  const std::filesystem::path file = argv[1];
  const long rows = argc == 3 ? std::stol(argv[2]) : 1000000;
  const auto start = std::chrono::steady_clock::now();
  auto writer = bpv::exports::xlsx_writer(file);
  auto written =
      writer ? write(**writer, rows) : bpv::Result<void>(std::unexpected(writer.error()));
  if (!written) {
    std::fprintf(stderr, "bpv-xlsx-bench: %s\n", written.error().message.c_str());
    return 1;
  }
  const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
  fmt::print("rows {} seconds {:.2f} bytes {}\n", rows, seconds.count(),
             std::filesystem::file_size(file));
  return 0;
}
