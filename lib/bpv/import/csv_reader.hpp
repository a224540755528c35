#pragma once

#include <bpv/core/error.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bpv::import {

// Reads a CSV file as Dutch spreadsheets write it: comma, semicolon or tab separated (detected
// from the header), UTF-8 with or without BOM, LF or CRLF, RFC 4180 quotes (separators, quotes
// and line breaks inside quoted fields). Streams: memory does not grow with the file.
class CsvReader {
 public:
  // Opens `path` and reads its header. Fails when the file cannot be read or has no header.
  static Result<CsvReader> open(const std::filesystem::path& path);
  CsvReader(CsvReader&&) noexcept;
  CsvReader& operator=(CsvReader&&) noexcept;
  ~CsvReader();

  // The header's column names, trimmed.
  const std::vector<std::string>& header() const { return m_header; }
  char separator() const { return m_separator; }

  // Reads the next non-empty record into `fields` (views valid until the next call). Returns
  // false at the end of the file; fails on an unterminated quote.
  Result<bool> next(std::vector<std::string_view>& fields);
  // The line on which the current record starts (the header is line 1).
  std::size_t line() const { return m_record_line; }

 private:
  CsvReader() = default;
  // Makes sure the buffer holds at least one complete line from m_pos, reading more as needed.
  bool fill();
  Result<bool> read_record(std::vector<std::string_view>& fields);

  std::FILE* m_file = nullptr;
  std::string m_path;
  std::vector<char> m_buffer;
  std::size_t m_pos = 0;
  std::size_t m_end = 0;
  bool m_eof = false;
  char m_separator = ',';
  std::vector<std::string> m_header;
  std::size_t m_line = 1;         // line of m_pos
  std::size_t m_record_line = 1;  // line where the current record began
};

// Where each wanted column stands in a header. Names are compared without case.
class Columns {
 public:
  explicit Columns(const std::vector<std::string>& header);
  // The index of `name`, if present.
  std::optional<std::size_t> find(std::string_view name) const;

 private:
  std::vector<std::string> m_names;
};

}  // namespace bpv::import
