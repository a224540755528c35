#include <bpv/import/csv_reader.hpp>

#include <bpv/core/values.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

namespace bpv::import {
namespace {

constexpr std::size_t k_chunk = 1 << 20;

char detect_separator(std::string_view line) {
  std::size_t commas = 0;
  std::size_t semicolons = 0;
  std::size_t tabs = 0;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted) {
      commas += c == ',';
      semicolons += c == ';';
      tabs += c == '\t';
    }
  }
  if (semicolons > commas && semicolons >= tabs) {
    return ';';
  }
  if (tabs > commas && tabs > semicolons) {
    return '\t';
  }
  return ',';
}

}  // namespace

CsvReader::CsvReader(CsvReader&& other) noexcept { *this = std::move(other); }

CsvReader& CsvReader::operator=(CsvReader&& other) noexcept {
  if (this != &other) {
    if (m_file) {
      std::fclose(m_file);
    }
    m_file = std::exchange(other.m_file, nullptr);
    m_path = std::move(other.m_path);
    m_buffer = std::move(other.m_buffer);
    m_pos = other.m_pos;
    m_end = other.m_end;
    m_eof = other.m_eof;
    m_separator = other.m_separator;
    m_header = std::move(other.m_header);
    m_line = other.m_line;
    m_record_line = other.m_record_line;
  }
  return *this;
}

CsvReader::~CsvReader() {
  if (m_file) {
    std::fclose(m_file);
  }
}

Result<CsvReader> CsvReader::open(const std::filesystem::path& path) {
  CsvReader reader;
  reader.m_path = path.string();
  reader.m_file = std::fopen(path.c_str(), "rb");
  if (!reader.m_file) {
    return fail(ErrorKind::usage, fmt::format("cannot read {}: {}", reader.m_path, std::strerror(errno)));
  }
  reader.m_buffer.resize(k_chunk);
  reader.fill();
  // A UTF-8 byte order mark, as Excel writes it.
  if (reader.m_end >= 3 && std::memcmp(reader.m_buffer.data(), "\xEF\xBB\xBF", 3) == 0) {
    reader.m_pos = 3;
  }
  std::string_view rest(reader.m_buffer.data() + reader.m_pos, reader.m_end - reader.m_pos);
  reader.m_separator = detect_separator(rest.substr(0, rest.find('\n')));
  std::vector<std::string_view> fields;
  BPV_TRY_ASSIGN(bool found, reader.next(fields));
  if (!found) {
    return fail(ErrorKind::usage, fmt::format("{}: the file is empty; it needs a header line", reader.m_path));
  }
  for (auto field : fields) {
    reader.m_header.emplace_back(core::trim(field));
  }
  return reader;
}

bool CsvReader::fill() {
  if (m_eof) {
    return false;
  }
  // Keep the unread rest, then append a chunk.
  if (m_pos > 0) {
    std::memmove(m_buffer.data(), m_buffer.data() + m_pos, m_end - m_pos);
    m_end -= m_pos;
    m_pos = 0;
  }
  if (m_buffer.size() - m_end < k_chunk) {
    m_buffer.resize(m_end + k_chunk);
  }
  std::size_t got = std::fread(m_buffer.data() + m_end, 1, m_buffer.size() - m_end, m_file);
  m_end += got;
  if (got == 0) {
    m_eof = true;
  }
  return got > 0;
}

Result<bool> CsvReader::next(std::vector<std::string_view>& fields) {
  while (true) {
    BPV_TRY_ASSIGN(bool found, read_record(fields));
    if (!found) {
      return false;
    }
    // Skip blank lines (a lone empty field).
    if (fields.size() == 1 && core::trim(fields[0]).empty()) {
      continue;
    }
    return true;
  }
}

Result<bool> CsvReader::read_record(std::vector<std::string_view>& fields) {
  fields.clear();
  // Make sure a whole record is in the buffer: scan for an unquoted newline, refilling as needed.
  std::size_t scan = m_pos;
  bool quoted = false;
  std::size_t record_end = 0;
  while (true) {
    const char* data = m_buffer.data();
    std::size_t i = scan;
    for (; i < m_end; ++i) {
      char c = data[i];
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '\n' && !quoted) {
        break;
      }
    }
    if (i < m_end) {
      record_end = i;
      break;
    }
    std::size_t offset = i - m_pos;
    if (!fill()) {
      if (m_pos == m_end) {
        return false;
      }
      if (quoted) {
        return fail(ErrorKind::usage,
                    fmt::format("{}:{}: a quoted field is not closed before the end of the file",
                                m_path, m_line));
      }
      record_end = m_end;
      break;
    }
    scan = m_pos + offset;
  }

  m_record_line = m_line;
  std::size_t start = m_pos;
  std::size_t stop = record_end;
  m_pos = record_end < m_end ? record_end + 1 : m_end;
  if (stop > start && m_buffer[stop - 1] == '\r') {
    --stop;
  }
  char* data = m_buffer.data();
  // Split the record into fields; quoted fields are unescaped in place (they only shrink).
  std::size_t i = start;
  while (true) {
    if (i < stop && data[i] == '"') {
      std::size_t out = i;
      std::size_t begin = i;
      ++i;
      while (i < stop) {
        if (data[i] == '"') {
          if (i + 1 < stop && data[i + 1] == '"') {
            data[out++] = '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (data[i] == '\n') {
          ++m_line;
        }
        data[out++] = data[i++];
      }
      // Text after the closing quote up to the separator is kept as is (lenient).
      while (i < stop && data[i] != m_separator) {
        data[out++] = data[i++];
      }
      fields.emplace_back(data + begin, out - begin);
    } else {
      std::size_t begin = i;
      while (i < stop && data[i] != m_separator) {
        ++i;
      }
      fields.emplace_back(data + begin, i - begin);
    }
    if (i >= stop) {
      break;
    }
    ++i;  // the separator
    if (i == stop) {
      fields.emplace_back();  // a trailing separator: one more, empty field
      break;
    }
  }
  ++m_line;
  return true;
}

Columns::Columns(const std::vector<std::string>& header) {
  for (const auto& name : header) {
    m_names.push_back(core::ascii_lower(name));
  }
}

std::optional<std::size_t> Columns::find(std::string_view name) const {
  std::string wanted = core::ascii_lower(name);
  for (std::size_t i = 0; i < m_names.size(); ++i) {
    if (m_names[i] == wanted) {
      return i;
    }
  }
  return std::nullopt;
}

}  // namespace bpv::import
