#pragma once

#include <bpv/core/date.hpp>
#include <bpv/core/hours.hpp>
#include <bpv/core/time_zone.hpp>

#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bpv::cmd {

class Context;

// How a listing is printed: aligned columns under a header on a terminal; tab-separated rows,
// no header, no colour when piped (for cut, awk, while read); RFC 4180 CSV with a header for
// --csv.
enum class TableStyle { aligned, tab_separated, csv };

// The style for `context`: csv with --csv, aligned when standard output is a terminal.
TableStyle table_style(Context& context);

enum class Align { left, right };
enum class Shown { everywhere, csv_only };

struct Column {
  std::string header;      // on a terminal, e.g. STUDENT
  std::string csv_header;  // in CSV: the field's JSON name, e.g. student_number
  Align align = Align::left;
  Shown shown = Shown::everywhere;  // csv_only: extra fields for scripts, too wide for a screen
};

// A listing: a header and rows of cells, printed in one of the three styles.
class Table {
 public:
  Table(TableStyle style, std::vector<Column> columns);

  TableStyle style() const { return m_style; }
  // Adds a row: one cell per column, csv_only columns included. Throws std::logic_error when
  // the number of cells is wrong.
  void add_row(std::vector<std::string> cells);
  bool empty() const { return m_rows.empty(); }
  void print(std::ostream& out) const;

 private:
  TableStyle m_style;
  std::vector<Column> m_columns;
  std::vector<std::vector<std::string>> m_rows;
};

// Prints `table` to the context's output; text styles print nothing with -q, CSV always.
void print_table(const Table& table, Context& context);

// A CSV field, quoted when it holds a comma, a quote, CR or LF (RFC 4180).
std::string csv_field(std::string_view text);

// The width of `text` on a terminal: its UTF-8 code points (names like Noé and Çelik).
std::size_t display_width(std::string_view text);

// Hours in a cell: `7:30` in tables, `7.5` in CSV.
std::string hours_cell(core::Minutes minutes, TableStyle style);

// An instant in local time: `2026-11-23 23:59` in tables, `2026-11-23T23:59:00+01:00` in CSV.
std::string instant_cell(core::Instant instant, const core::TimeZone& zone, TableStyle style);
// `2026-11-23 23:59` in local time.
std::string local_minute(core::Instant instant, const core::TimeZone& zone);

// `Mon` ... `Sun`.
std::string_view weekday_name(core::Date date);

// A yes/no cell: `yes` or `no` in tables, `true` or `false` in CSV (as in JSON).
std::string bool_cell(bool value, TableStyle style);

// Prints label and value pairs with the labels padded to one width; pairs with an empty value
// are left out. Each line starts with `indent` spaces.
using Fields = std::vector<std::pair<std::string, std::string>>;
void print_fields(std::ostream& out, const Fields& fields, int indent = 0);

}  // namespace bpv::cmd
