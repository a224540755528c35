#include "output.hpp"

#include "context.hpp"
#include "terminal.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <array>
#include <ostream>
#include <stdexcept>

namespace bpv::cmd {

TableStyle table_style(Context& context) {
  if (context.format() == OutputFormat::csv) {
    return TableStyle::csv;
  }
  return stdout_is_terminal() ? TableStyle::aligned : TableStyle::tab_separated;
}

Table::Table(TableStyle style, std::vector<Column> columns)
    : m_style(style), m_columns(std::move(columns)) {}

void Table::add_row(std::vector<std::string> cells) {
  if (cells.size() != m_columns.size()) {
    throw std::logic_error(
        fmt::format("a table row has {} cells for {} columns", cells.size(), m_columns.size()));
  }
  m_rows.push_back(std::move(cells));
}

namespace {

// A cell of a tab-separated row: tabs and line breaks would split it, so they become spaces.
std::string tsv_field(std::string_view text) {
  std::string field(text);
  std::replace_if(
      field.begin(), field.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
  return field;
}

}  // namespace

void Table::print(std::ostream& out) const {
  std::vector<std::size_t> shown;
  for (std::size_t i = 0; i < m_columns.size(); ++i) {
    if (m_style == TableStyle::csv || m_columns[i].shown == Shown::everywhere) {
      shown.push_back(i);
    }
  }
  std::string line;
  switch (m_style) {
    case TableStyle::csv: {
      auto print_csv = [&](auto&& cell_of) {
        line.clear();
        for (std::size_t k = 0; k < shown.size(); ++k) {
          if (k > 0) {
            line += ',';
          }
          line += csv_field(cell_of(shown[k]));
        }
        line += "\r\n";
        out << line;
      };
      print_csv([&](std::size_t i) -> const std::string& { return m_columns[i].csv_header; });
      for (const auto& row : m_rows) {
        print_csv([&](std::size_t i) -> const std::string& { return row[i]; });
      }
      break;
    }
    case TableStyle::tab_separated:
      for (const auto& row : m_rows) {
        line.clear();
        for (std::size_t k = 0; k < shown.size(); ++k) {
          if (k > 0) {
            line += '\t';
          }
          line += tsv_field(row[shown[k]]);
        }
        line += '\n';
        out << line;
      }
      break;
    case TableStyle::aligned: {
      std::vector<std::size_t> widths;
      for (auto i : shown) {
        std::size_t width = display_width(m_columns[i].header);
        for (const auto& row : m_rows) {
          width = std::max(width, display_width(row[i]));
        }
        widths.push_back(width);
      }
      auto print_aligned = [&](auto&& cell_of) {
        line.clear();
        for (std::size_t k = 0; k < shown.size(); ++k) {
          const std::string& cell = cell_of(shown[k]);
          std::string padding(widths[k] - display_width(cell), ' ');
          bool last = k + 1 == shown.size();
          if (k > 0) {
            line += "  ";
          }
          if (m_columns[shown[k]].align == Align::right) {
            line += padding;
            line += cell;
          } else {
            line += cell;
            if (!last) {
              line += padding;
            }
          }
        }
        // An empty last cell leaves the padding of the one before it.
        line.erase(line.find_last_not_of(' ') + 1);
        line += '\n';
        out << line;
      };
      print_aligned([&](std::size_t i) -> const std::string& { return m_columns[i].header; });
      for (const auto& row : m_rows) {
        print_aligned([&](std::size_t i) -> const std::string& { return row[i]; });
      }
      break;
    }
  }
}

void print_table(const Table& table, Context& context) {
  if (context.quiet() && table.style() != TableStyle::csv) {
    return;
  }
  table.print(context.out);
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    return std::string(text);
  }
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') {
      quoted += '"';
    }
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::size_t display_width(std::string_view text) {
  // Continuation bytes (10xxxxxx) do not start a code point.
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string hours_cell(core::Minutes minutes, TableStyle style) {
  return style == TableStyle::csv ? core::format_hours_decimal(minutes)
                                  : core::format_hours_clock(minutes);
}

std::string bool_cell(bool value, TableStyle style) {
  if (style == TableStyle::csv) {
    return value ? "true" : "false";
  }
  return value ? "yes" : "no";
}

std::string local_minute(core::Instant instant, const core::TimeZone& zone) {
  // format_local gives 2026-11-23T23:59:00+01:00.
  std::string text = zone.format_local(instant);
  return text.substr(0, 10) + " " + text.substr(11, 5);
}

std::string instant_cell(core::Instant instant, const core::TimeZone& zone, TableStyle style) {
  return style == TableStyle::csv ? zone.format_local(instant) : local_minute(instant, zone);
}

std::string_view weekday_name(core::Date date) {
  static constexpr std::array<std::string_view, 7> k_names = {"Mon", "Tue", "Wed", "Thu",
                                                              "Fri", "Sat", "Sun"};
  return k_names[date.iso_weekday() - 1];
}

void print_fields(std::ostream& out, const Fields& fields, int indent) {
  std::size_t width = 0;
  for (const auto& [label, value] : fields) {
    if (!value.empty()) {
      width = std::max(width, display_width(label));
    }
  }
  for (const auto& [label, value] : fields) {
    if (value.empty()) {
      continue;
    }
    fmt::print(out, "{:{}}{}{}  {}\n", "", indent, label,
               std::string(width - display_width(label), ' '), value);
  }
}

}  // namespace bpv::cmd
