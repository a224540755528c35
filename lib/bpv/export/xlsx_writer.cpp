// XLSX through libxlsxwriter in constant-memory mode: each row goes to a temporary file as soon as
// the next one starts, so memory stays flat however many rows an export has.
//
// Why libxlsxwriter is opened with dlopen: Debian ships it only as a shared library, which loads
// libminizip, libcrypto and libz with it. Linked normally, every bpv process would load those at
// start-up (about 5 ms per start, more than bpv's whole `--version`), while only an XLSX export
// needs them. So the library is loaded when the first XLSX writer is made.
#include <bpv/export/table.hpp>
#include <bpv/process/shared_library.hpp>

#include <fmt/format.h>

#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

namespace bpv::exports {
namespace {

// The functions bpv uses, resolved once.
#define BPV_XLSXWRITER_FUNCTIONS(X) \
  X(lxw_version_id)                 \
  X(lxw_strerror)                   \
  X(workbook_new_opt)               \
  X(workbook_add_worksheet)         \
  X(workbook_add_format)            \
  X(workbook_validate_sheet_name)   \
  X(workbook_close)                 \
  X(lxw_workbook_free)              \
  X(format_set_bold)                \
  X(format_set_num_format)          \
  X(worksheet_write_string)         \
  X(worksheet_write_number)         \
  X(worksheet_write_datetime)       \
  X(worksheet_set_column)           \
  X(worksheet_freeze_panes)         \
  X(worksheet_autofilter)

struct Api {
#define BPV_XLSXWRITER_MEMBER(name) decltype(&::name) name = nullptr;
  BPV_XLSXWRITER_FUNCTIONS(BPV_XLSXWRITER_MEMBER)
#undef BPV_XLSXWRITER_MEMBER
};

// Debian 12's libxlsxwriter4 (1.1.4); its package name is in the message when it is missing.
constexpr const char* k_library = "libxlsxwriter.so.4";

Result<Api> load_api() {
  BPV_TRY_ASSIGN(auto library,
                 process::SharedLibrary::open(k_library, "XLSX export", "libxlsxwriter",
                                              "install it (Debian: apt-get install libxlsxwriter4) or "
                                              "export as CSV"));
  Api api;
#define BPV_XLSXWRITER_RESOLVE(name) library.resolve(api.name, #name);
  BPV_XLSXWRITER_FUNCTIONS(BPV_XLSXWRITER_RESOLVE)
#undef BPV_XLSXWRITER_RESOLVE
  BPV_TRY(library.complete(LXW_VERSION));
  return api;
}

Result<const Api*> api() {
  static const Result<Api> loaded = [] {
    auto result = load_api();
    // The option struct and the formats bpv passes are those of the headers it was built with.
    if (result && result->lxw_version_id() < LXW_VERSION_ID) {
      return Result<Api>(fail(ErrorKind::unexpected,
                              fmt::format("XLSX export needs libxlsxwriter {} or newer; install it "
                                          "or export as CSV",
                                          LXW_VERSION)));
    }
    return result;
  }();
  if (!loaded) {
    return std::unexpected(loaded.error());
  }
  return &*loaded;
}

// Excel's limits: 31 characters in a sheet name, 32,767 in a cell, 1,048,576 rows with the header.
constexpr std::size_t k_max_sheet_name_chars = 31;
constexpr std::size_t k_max_cell_chars = 32767;
constexpr lxw_row_t k_max_rows = LXW_ROW_MAX;

// The first `max_chars` UTF-8 characters of `text`.
std::string_view first_chars(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool starts_char = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts_char && chars++ == max_chars) {
      return text.substr(0, i);
    }
  }
  return text;
}

std::size_t char_count(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// Wide enough for the header with its filter button, and for the values a column of `type` holds.
double column_width(const Column& column) {
  double minimum = 8;
  switch (column.type) {
    case ColumnType::text:
      minimum = 14;
      break;
    case ColumnType::date:
      minimum = 12;
      break;
    case ColumnType::integer:
      minimum = 10;
      break;
    case ColumnType::hours:
    case ColumnType::percent:
      minimum = 8;
      break;
  }
  return std::max(minimum, static_cast<double>(char_count(column.name)) + 4);
}

class XlsxWriter final : public TableWriter {
 public:
  XlsxWriter(const Api& api, std::filesystem::path file, lxw_workbook* workbook)
      : m_api(api), m_path(std::move(file)), m_file(m_path.string()), m_workbook(workbook) {
    m_header_format = m_api.workbook_add_format(m_workbook);
    m_api.format_set_bold(m_header_format);
    m_hours_format = m_api.workbook_add_format(m_workbook);
    m_api.format_set_num_format(m_hours_format, "0.00");
    m_percent_format = m_api.workbook_add_format(m_workbook);
    m_api.format_set_num_format(m_percent_format, "0.0");
    m_date_format = m_api.workbook_add_format(m_workbook);
    m_api.format_set_num_format(m_date_format, "dd-mm-yyyy");
  }
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  ~XlsxWriter() override {
    // Not finished: drop the workbook, and the empty file xlsx_writer made, so that no file
    // looks like a complete export.
    if (m_workbook != nullptr) {
      m_api.lxw_workbook_free(m_workbook);
      std::error_code ignored;
      std::filesystem::remove(m_path, ignored);
    }
  }

  Result<void> begin_sheet(std::string_view name, std::span<const Column> columns) override {
    if (m_workbook == nullptr) {
      return fail(ErrorKind::unexpected,
                  fmt::format("{}: a sheet after the end of the workbook", m_file));
    }
    if (columns.empty() || columns.size() > LXW_COL_MAX) {
      return fail(ErrorKind::unexpected,
                  fmt::format("{}: sheet '{}' has {} columns", m_file, name, columns.size()));
    }
    BPV_TRY(end_sheet());
    m_text.assign(first_chars(name, k_max_sheet_name_chars));
    if (auto error = m_api.workbook_validate_sheet_name(m_workbook, m_text.c_str());
        error != LXW_NO_ERROR) {
      return fail(ErrorKind::unexpected, fmt::format("{}: cannot name a sheet '{}': {}", m_file,
                                                     m_text, m_api.lxw_strerror(error)));
    }
    m_sheet = m_api.workbook_add_worksheet(m_workbook, m_text.c_str());
    if (m_sheet == nullptr) {
      return fail(ErrorKind::unexpected,
                  fmt::format("cannot start sheet '{}' of {}: no temporary file could be made; "
                              "check that the temporary folder ($TMPDIR or /tmp) is writable",
                              m_text, m_file));
    }
    m_columns.assign(columns.begin(), columns.end());
    m_row = 0;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      auto col = static_cast<lxw_col_t>(i);
      BPV_TRY(
          check(m_api.worksheet_set_column(m_sheet, col, col, column_width(columns[i]), nullptr)));
      m_text.assign(columns[i].name);
      BPV_TRY(
          check(m_api.worksheet_write_string(m_sheet, 0, col, m_text.c_str(), m_header_format)));
    }
    m_api.worksheet_freeze_panes(m_sheet, 1, 0);
    return {};
  }

  Result<void> row(std::span<const Cell> cells) override {
    if (m_sheet == nullptr) {
      return fail(ErrorKind::unexpected, fmt::format("{}: a row outside a sheet", m_file));
    }
    if (cells.size() != m_columns.size()) {
      return fail(ErrorKind::unexpected,
                  fmt::format("{}: a row of {} cells in a sheet of {} columns", m_file,
                              cells.size(), m_columns.size()));
    }
    if (m_row + 1 >= k_max_rows) {
      return fail(ErrorKind::unexpected,
                  fmt::format("{}: an XLSX sheet holds at most {} rows; export a shorter period, "
                              "fewer students, or as CSV",
                              m_file, k_max_rows - 1));
    }
    ++m_row;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      auto col = static_cast<lxw_col_t>(i);
      BPV_TRY(std::visit([&](const auto& value) { return write(col, value); }, cells[i]));
    }
    return {};
  }

  Result<void> finish() override {
    if (m_workbook == nullptr) {
      return fail(ErrorKind::unexpected, fmt::format("{}: finished twice", m_file));
    }
    BPV_TRY(end_sheet());
    // workbook_close frees the workbook whether or not it could write the file.
    auto error = m_api.workbook_close(m_workbook);
    m_workbook = nullptr;
    if (error == LXW_ERROR_CREATING_XLSX_FILE) {
      return fail(
          ErrorKind::unexpected,
          fmt::format("cannot create {}; check that its folder exists and is writable", m_file));
    }
    if (error != LXW_NO_ERROR) {
      return fail(ErrorKind::unexpected,
                  fmt::format("writing {} failed: {}; check the free space of its folder and of "
                              "the temporary folder ($TMPDIR or /tmp)",
                              m_file, m_api.lxw_strerror(error)));
    }
    return {};
  }

  bool writes_more_sheets() const override { return true; }

 private:
  Result<void> write(lxw_col_t, std::monostate) { return {}; }
  Result<void> write(lxw_col_t col, std::string_view text) {
    // Longer text does not fit an Excel cell; the rest is cut rather than the export refused.
    m_text.assign(first_chars(text, k_max_cell_chars));
    return check(m_api.worksheet_write_string(m_sheet, m_row, col, m_text.c_str(), nullptr));
  }
  Result<void> write(lxw_col_t col, std::int64_t value) {
    return check(
        m_api.worksheet_write_number(m_sheet, m_row, col, static_cast<double>(value), nullptr));
  }
  Result<void> write(lxw_col_t col, core::Date date) {
    // libxlsxwriter turns the date into Excel's serial number, 1900 leap-year quirk included.
    lxw_datetime value{
        date.year(), static_cast<int>(date.month()), static_cast<int>(date.day()), 0, 0, 0};
    return check(m_api.worksheet_write_datetime(m_sheet, m_row, col, &value, m_date_format));
  }
  Result<void> write(lxw_col_t col, Hours hours) {
    return check(m_api.worksheet_write_number(
        m_sheet, m_row, col, core::hours_as_number(hours.minutes), m_hours_format));
  }
  Result<void> write(lxw_col_t col, Percent percent) {
    return check(
        m_api.worksheet_write_number(m_sheet, m_row, col, percent.value, m_percent_format));
  }

  // The autofilter needs the last row, known only now. In constant-memory mode libxlsxwriter
  // keeps it apart from the rows and writes it when the workbook closes.
  Result<void> end_sheet() {
    if (m_sheet == nullptr) {
      return {};
    }
    auto last_col = static_cast<lxw_col_t>(m_columns.size() - 1);
    // libxlsxwriter refuses a filter over one cell: a lone header column without rows.
    if (m_row > 0 || last_col > 0) {
      BPV_TRY(check(m_api.worksheet_autofilter(m_sheet, 0, 0, m_row, last_col)));
    }
    m_sheet = nullptr;
    return {};
  }

  Result<void> check(lxw_error error) const {
    if (error == LXW_NO_ERROR) {
      return {};
    }
    return fail(ErrorKind::unexpected,
                fmt::format("writing {} failed at row {}: {}; check the free space of the "
                            "temporary folder ($TMPDIR or /tmp)",
                            m_file, m_row + 1, m_api.lxw_strerror(error)));
  }

  const Api& m_api;
  std::filesystem::path m_path;
  std::string m_file;  // for messages
  lxw_workbook* m_workbook;
  lxw_worksheet* m_sheet = nullptr;
  lxw_format* m_header_format = nullptr;
  lxw_format* m_hours_format = nullptr;
  lxw_format* m_percent_format = nullptr;
  lxw_format* m_date_format = nullptr;
  std::vector<Column> m_columns;
  lxw_row_t m_row = 0;
  std::string m_text;  // the current string with its terminator, reused across cells
};

}  // namespace

Result<std::unique_ptr<TableWriter>> xlsx_writer(const std::filesystem::path& file) {
  BPV_TRY_ASSIGN(const Api* loaded, api());
  // libxlsxwriter opens the file only when the workbook closes; try it now so that an export
  // into a missing or read-only folder fails before any row is read.
  std::FILE* probe = std::fopen(file.c_str(), "wb");
  if (probe == nullptr) {
    return fail(ErrorKind::unexpected,
                fmt::format("cannot create {}: {}; check that its folder exists and is writable",
                            file.string(), std::strerror(errno)));
  }
  std::fclose(probe);
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* workbook = loaded->workbook_new_opt(file.c_str(), &options);
  if (workbook == nullptr) {
    return fail(ErrorKind::unexpected,
                fmt::format("cannot start {}: out of memory", file.string()));
  }
  return std::make_unique<XlsxWriter>(*loaded, file, workbook);
}

}  // namespace bpv::exports
