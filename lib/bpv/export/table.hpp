#pragma once

// Streaming tables for the exports (bpv export, bpv-jobs run export): a writer takes sheets of
// typed columns and rows one at a time and never holds more than a row, so memory does not grow
// with the size of an export. CSV (RFC 4180, or what Dutch Excel opens), JSON Lines and XLSX.

#include <bpv/core/date.hpp>
#include <bpv/core/error.hpp>
#include <bpv/core/hours.hpp>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <span>
#include <string_view>
#include <variant>

namespace bpv::exports {

// What a column holds; the writers type cells by it (XLSX: dates as dates, hours as numbers
// with two decimals; JSON: numbers as numbers).
enum class ColumnType { text, integer, date, hours, percent };

struct Column {
  std::string_view name;  // the header (CSV, XLSX) and the key (JSON Lines)
  ColumnType type = ColumnType::text;
};

// One cell: empty, text, a whole number, a date, hours (minutes), or a percentage (a number).
struct Hours {
  core::Minutes minutes = 0;
};
struct Percent {
  double value = 0;
};
using Cell = std::variant<std::monostate, std::string_view, std::int64_t, core::Date, Hours, Percent>;

class TableWriter {
 public:
  virtual ~TableWriter() = default;
  // Starts a sheet (XLSX: a worksheet with a frozen header row and an autofilter; CSV and JSON
  // Lines write only their first sheet, the hours, and ignore the rest).
  virtual Result<void> begin_sheet(std::string_view name, std::span<const Column> columns) = 0;
  // One row of the current sheet: as many cells as it has columns.
  virtual Result<void> row(std::span<const Cell> cells) = 0;
  // Finishes the output (XLSX: writes the workbook); nothing may follow.
  virtual Result<void> finish() = 0;
  // Whether this format writes sheets after the first.
  virtual bool writes_more_sheets() const { return false; }
};

enum class CsvStyle {
  rfc4180,  // comma, CRLF, UTF-8 without BOM, decimal point
  excel,    // what Dutch Excel opens by double-click: semicolon, BOM, decimal comma
};

// CSV to `out` (an open file or stdout). Quotes fields holding the separator, quotes or line breaks.
std::unique_ptr<TableWriter> csv_writer(std::FILE* out, CsvStyle style);

// JSON Lines to `out`: one object per row with the columns as keys; hours and percentages as
// numbers, dates as "YYYY-MM-DD", empty cells as null.
std::unique_ptr<TableWriter> jsonl_writer(std::FILE* out);

// XLSX to `file` through libxlsxwriter in constant-memory mode. Fails (unexpected) when the
// file cannot be created.
Result<std::unique_ptr<TableWriter>> xlsx_writer(const std::filesystem::path& file);

}  // namespace bpv::exports
