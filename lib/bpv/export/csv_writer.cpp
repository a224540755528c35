// CSV per RFC 4180, or as Dutch Excel opens it by double-click (semicolon, BOM, decimal comma).
#include <bpv/export/table.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <string>
#include <vector>

namespace bpv::exports {
namespace {

class CsvWriter final : public TableWriter {
 public:
  CsvWriter(std::FILE* out, CsvStyle style)
      : m_out(out), m_separator(style == CsvStyle::excel ? ';' : ','), m_decimal(style == CsvStyle::excel ? ',' : '.'),
        m_bom(style == CsvStyle::excel) {}

  Result<void> begin_sheet(std::string_view, std::span<const Column> columns) override {
    ++m_sheets;
    if (m_sheets > 1) {
      return {};
    }
    if (m_bom) {
      m_line += "\xEF\xBB\xBF";
    }
    bool first = true;
    for (const auto& column : columns) {
      if (!first) {
        m_line += m_separator;
      }
      first = false;
      append_text(column.name);
    }
    return end_line();
  }

  Result<void> row(std::span<const Cell> cells) override {
    if (m_sheets > 1) {
      return {};
    }
    bool first = true;
    for (const auto& cell : cells) {
      if (!first) {
        m_line += m_separator;
      }
      first = false;
      std::visit([this](const auto& value) { append(value); }, cell);
    }
    return end_line();
  }

  Result<void> finish() override {
    if (std::fflush(m_out) != 0) {
      return fail(ErrorKind::unexpected, fmt::format("writing the CSV failed: {}", std::strerror(errno)));
    }
    return {};
  }

 private:
  void append(std::monostate) {}
  void append(std::string_view text) { append_text(text); }
  void append(std::int64_t value) { append_integer(value); }
  void append_integer(std::int64_t value) {
    char digits[24];
    auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
    m_line.append(digits, end);
  }
  void append(core::Date date) {
    char text[core::Date::k_iso_length];
    date.write_iso(text);
    m_line.append(text, sizeof text);
  }
  void append(Hours hours) { append_decimal(hours.minutes / 60, hours.minutes % 60 * 100 / 60, hours.minutes % 60 * 100 % 60); }
  void append(Percent percent) {
    auto start = m_line.size();
    fmt::format_to(std::back_inserter(m_line), "{:.1f}", percent.value);
    if (m_decimal != '.') {
      for (auto i = start; i < m_line.size(); ++i) {
        if (m_line[i] == '.') {
          m_line[i] = m_decimal;
        }
      }
    }
  }

  // Hours with two decimals, rounded half up: 7:30 -> 7.50, 0:20 -> 0.33, 0:50 -> 0.83.
  void append_decimal(core::Minutes whole, core::Minutes hundredths, core::Minutes remainder) {
    if (remainder * 2 >= 60) {
      ++hundredths;
    }
    if (hundredths == 100) {
      ++whole;
      hundredths = 0;
    }
    append_integer(whole);
    m_line += m_decimal;
    m_line += static_cast<char>('0' + hundredths / 10);
    m_line += static_cast<char>('0' + hundredths % 10);
  }

  void append_text(std::string_view text) {
    // One pass over the text: most fields need no quotes.
    bool quote = false;
    for (char c : text) {
      if (c == '"' || c == '\n' || c == '\r' || c == m_separator) {
        quote = true;
        break;
      }
    }
    if (!quote) {
      m_line += text;
      return;
    }
    m_line += '"';
    for (char c : text) {
      if (c == '"') {
        m_line += '"';
      }
      m_line += c;
    }
    m_line += '"';
  }

  Result<void> end_line() {
    m_line += "\r\n";
    if (std::fwrite(m_line.data(), 1, m_line.size(), m_out) != m_line.size()) {
      return fail(ErrorKind::unexpected, fmt::format("writing the CSV failed: {}", std::strerror(errno)));
    }
    m_line.clear();
    return {};
  }

  std::FILE* m_out;
  char m_separator;
  char m_decimal;
  bool m_bom;
  int m_sheets = 0;
  std::string m_line;
};

}  // namespace

std::unique_ptr<TableWriter> csv_writer(std::FILE* out, CsvStyle style) {
  return std::make_unique<CsvWriter>(out, style);
}

}  // namespace bpv::exports
