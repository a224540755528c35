// JSON Lines: one object per row, the columns as keys.
#include <bpv/export/table.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

namespace bpv::exports {
namespace {

class JsonLinesWriter final : public TableWriter {
 public:
  explicit JsonLinesWriter(std::FILE* out) : m_out(out) {}

  Result<void> begin_sheet(std::string_view, std::span<const Column> columns) override {
    ++m_sheets;
    if (m_sheets == 1) {
      for (const auto& column : columns) {
        std::string key;
        append_string(key, column.name);
        m_keys.push_back(key + ":");
      }
    }
    return {};
  }

  Result<void> row(std::span<const Cell> cells) override {
    if (m_sheets > 1) {
      return {};
    }
    m_line += '{';
    for (std::size_t i = 0; i < cells.size() && i < m_keys.size(); ++i) {
      if (i > 0) {
        m_line += ',';
      }
      m_line += m_keys[i];
      std::visit([this](const auto& value) { append(value); }, cells[i]);
    }
    m_line += "}\n";
    if (std::fwrite(m_line.data(), 1, m_line.size(), m_out) != m_line.size()) {
      return fail(ErrorKind::unexpected, fmt::format("writing the JSON Lines failed: {}", std::strerror(errno)));
    }
    m_line.clear();
    return {};
  }

  Result<void> finish() override {
    if (std::fflush(m_out) != 0) {
      return fail(ErrorKind::unexpected, fmt::format("writing the JSON Lines failed: {}", std::strerror(errno)));
    }
    return {};
  }

 private:
  static void append_string(std::string& out, std::string_view text) {
    out += '"';
    for (unsigned char c : text) {
      switch (c) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        default:
          if (c < 0x20) {
            fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
          } else {
            out += static_cast<char>(c);
          }
      }
    }
    out += '"';
  }

  void append(std::monostate) { m_line += "null"; }
  void append(std::string_view text) { append_string(m_line, text); }
  void append(std::int64_t value) { fmt::format_to(std::back_inserter(m_line), "{}", value); }
  void append(core::Date date) {
    char text[core::Date::k_iso_length];
    date.write_iso(text);
    m_line += '"';
    m_line.append(text, sizeof text);
    m_line += '"';
  }
  void append(Hours hours) { m_line += core::format_hours_decimal(hours.minutes); }
  void append(Percent percent) { fmt::format_to(std::back_inserter(m_line), "{:.1f}", percent.value); }

  std::FILE* m_out;
  int m_sheets = 0;
  std::vector<std::string> m_keys;
  std::string m_line;
};

}  // namespace

std::unique_ptr<TableWriter> jsonl_writer(std::FILE* out) { return std::make_unique<JsonLinesWriter>(out); }

}  // namespace bpv::exports
