// bpv export hours|summary: the hours of a college out of bpv, as CSV, JSON Lines or XLSX.
#include "arguments.hpp"
#include "commands.hpp"
#include "context.hpp"

#include <bpv/export/atomic_file.hpp>
#include <bpv/export/table.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <optional>
#include <string>
#include <unistd.h>

namespace bpv::cmd {

struct ExportOptions {
  std::string kind;  // hours or summary
  std::string from;
  std::string to;
  std::string format = "csv";
  std::optional<std::string> out;
  std::string status = "all";
  std::optional<std::string> student;
  std::optional<std::string> company;
  std::optional<std::string> programme;
  bool with_activities = false;
  bool excel = false;
};

namespace {

// The progress line on a terminal: rows, rate and time left, on standard error, once the export
// has taken a second; nothing when standard error is not a terminal.
class ProgressLine {
 public:
  ProgressLine() : m_on(::isatty(STDERR_FILENO) == 1), m_start(std::chrono::steady_clock::now()) {}
  ~ProgressLine() {
    if (m_shown) {
      fmt::print(stderr, "\r\033[K");
    }
  }
  bool on() const { return m_on; }
  void total(std::int64_t rows) {
    m_total = rows;
    m_start = std::chrono::steady_clock::now();  // the rate counts rows written, not the counting
  }
  void rows(std::int64_t rows) {
    auto now = std::chrono::steady_clock::now();
    double seconds = std::chrono::duration<double>(now - m_start).count();
    if (!m_on || seconds < 1.0 || now - m_last < std::chrono::milliseconds(200)) {
      return;
    }
    m_last = now;
    m_shown = true;
    double rate = static_cast<double>(rows) / seconds;
    std::string left;
    if (m_total > rows && rate > 0) {
      auto remaining = static_cast<long>(static_cast<double>(m_total - rows) / rate);
      left = fmt::format(", {}:{:02} left", remaining / 60, remaining % 60);
    }
    fmt::print(stderr, "\r\033[K{} of {} rows, {:.0f} rows/s{}", rows, m_total, rate, left);
    std::fflush(stderr);
  }

 private:
  bool m_on;
  bool m_shown = false;
  std::int64_t m_total = 0;
  std::chrono::steady_clock::time_point m_start;
  std::chrono::steady_clock::time_point m_last{};
};

}  // namespace

void run_export(const ExportOptions& options, Context& context) {
  portal::ExportFilter filter;
  filter.from = parse_date_argument("--from", options.from, context.today());
  filter.to = parse_date_argument("--to", options.to, context.today());
  filter.status = unwrap(portal::parse_export_status("--status", options.status));
  filter.student = options.student;
  filter.company = options.company;
  filter.programme = options.programme;
  filter.with_activities = options.with_activities;
  if (options.format != "csv" && options.format != "jsonl" && options.format != "xlsx") {
    throw Failure(ErrorKind::usage, fmt::format("--format: '{}' is not a format; use csv, jsonl or xlsx", options.format));
  }
  if (options.excel && options.format != "csv") {
    throw Failure(ErrorKind::usage, "--excel: only for --format csv (XLSX opens in Excel as it is)");
  }
  if (options.format == "xlsx" && !options.out) {
    throw Failure(ErrorKind::usage, "--format xlsx: give the file with --out FILE.xlsx");
  }

  std::optional<exports::AtomicFile> file;
  std::unique_ptr<exports::TableWriter> writer;
  if (options.out) {
    file.emplace(unwrap(exports::AtomicFile::create(*options.out)));
  }
  std::FILE* stream = file ? file->stream() : stdout;
  if (options.format == "xlsx") {
    file->close_stream();
    writer = unwrap(exports::xlsx_writer(file->temporary_path()));
  } else if (options.format == "jsonl") {
    writer = exports::jsonl_writer(stream);
  } else {
    writer = exports::csv_writer(stream, options.excel ? exports::CsvStyle::excel : exports::CsvStyle::rfc4180);
  }

  ProgressLine line;
  portal::ExportProgress progress;
  if (line.on()) {
    progress.total = [&](std::int64_t total) { line.total(total); };
    progress.rows = [&](std::int64_t rows) { line.rows(rows); };
  }
  auto& portal = context.portal();
  std::int64_t rows = unwrap(options.kind == "hours" ? portal.export_hours(filter, *writer, progress)
                                                     : portal.export_summary(filter, *writer, progress));
  if (file) {
    unwrap(file->commit());
    if (!context.quiet()) {
      fmt::print(stderr, "{} row(s) written to {}\n", rows, *options.out);
    }
  }
}

void register_export(CLI::App& app, Context& context) {
  auto* group = app.add_subcommand("export", "Export hours or a summary per placement (CSV, JSON Lines, XLSX)");
  group->require_subcommand(1);
  auto add_filters = [](CLI::App* cmd, ExportOptions& options) {
    cmd->add_option("--from", options.from, "First date (YYYY-MM-DD, today, yesterday)")->required();
    cmd->add_option("--to", options.to, "Last date")->required();
    cmd->add_option("--format", options.format, "csv (default), jsonl or xlsx");
    cmd->add_option("--out", options.out, "Write to this file (renamed into place when complete); "
                                          "CSV and JSON Lines go to standard output without it");
    cmd->add_option("--status", options.status, "approved, submitted, correction or all (default)");
    cmd->add_option("--student", options.student, "Only this student (number or e-mail address)");
    cmd->add_option("--company", options.company, "Only this company (its name)");
    cmd->add_option("--programme", options.programme, "Only this programme");
    cmd->add_flag("--excel", options.excel, "CSV as Dutch Excel opens it: semicolons, BOM, decimal comma");
  };
  {
    auto options = std::make_shared<ExportOptions>();
    options->kind = "hours";
    auto* cmd = group->add_subcommand("hours", "One row per entry");
    add_filters(cmd, *options);
    cmd->add_flag("--with-activities", options->with_activities,
                  "Add the activity notes (left out unless asked: they may hold personal details, R5)");
    cmd->footer(
        "Columns: student_number, student_name, programme, company, trainer, date, week, hours,\n"
        "status, approved_by, approved_at, open_flags (codes of the day's and the week's open\n"
        "flags), and activity with --with-activities. Hours with two decimals. Administrators\n"
        "export everything; supervisors and trainers their students. Nothing changes.\n"
        "XLSX: dates as dates, hours as numbers, a frozen header, an autofilter, and a second sheet\n"
        "with the summary.\n\n"
        "Examples:\n"
        "  bpv export hours --from 2026-09-01 --to 2026-12-31 --out uren.csv\n"
        "  bpv export hours --from 2026-11-01 --to 2026-11-30 --excel --out uren-november.csv\n"
        "  bpv export hours --from 2026-09-01 --to today --format xlsx --out uren.xlsx\n"
        "  bpv export hours --from 2026-09-01 --to today --format jsonl --status approved | jq .hours");
    cmd->callback([options, &context] { run_export(*options, context); });
  }
  {
    auto options = std::make_shared<ExportOptions>();
    options->kind = "summary";
    auto* cmd = group->add_subcommand("summary", "One row per placement: hours against the agreement");
    add_filters(cmd, *options);
    cmd->footer(
        "Columns: student_number, student_name, programme, company, trainer, supervisor,\n"
        "start_date, end_date, contract_hours, approved_hours, submitted_hours, correction_hours,\n"
        "progress_percent (approved against the contract; may pass 100, R4), weeks_overdue,\n"
        "open_flags (CODE=count). The hours count entries from --from to --to; the placements are\n"
        "those running in that period.\n\n"
        "Examples:\n"
        "  bpv export summary --from 2026-09-01 --to 2027-08-31 --out samenvatting.csv\n"
        "  bpv export summary --from 2026-09-01 --to today --format xlsx --out samenvatting.xlsx");
    cmd->callback([options, &context] { run_export(*options, context); });
  }
}

}  // namespace bpv::cmd
