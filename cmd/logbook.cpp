// bpv logbook show: a placement's entries per ISO week ("Logboek").
#include "arguments.hpp"
#include "commands.hpp"
#include "context.hpp"
#include "output.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>

namespace bpv::cmd {

// JSON objects keep their fields in the documented order.
using json = nlohmann::ordered_json;

struct LogbookShowOptions {
  std::string student;  // empty: the signed-in student's own
  std::optional<std::string> week;
  std::optional<std::string> from;
  std::optional<std::string> to;
};

namespace {

json to_json(const std::vector<portal::Flag>& flags) {
  auto array = json::array();
  for (const auto& flag : flags) {
    array.push_back({{"code", flag.code}, {"severity", flag.severity}, {"detail", flag.detail}});
  }
  return array;
}

json text_or_null(const std::string& text) {
  return text.empty() ? json(nullptr) : json(text);
}

json to_json(const portal::Logbook& logbook, const core::TimeZone& zone) {
  auto weeks = json::array();
  for (const auto& week : logbook.weeks) {
    auto entries = json::array();
    for (const auto& entry : week.entries) {
      entries.push_back({{"date", entry.date.to_string()},
                         {"hours", core::hours_as_number(entry.minutes)},
                         {"activity", entry.activity},
                         {"status", store::to_string(entry.status)},
                         {"correction_reason", text_or_null(entry.correction_reason)},
                         {"flags", to_json(entry.flags)}});
    }
    weeks.push_back({{"week", week.week.to_string()},
                     {"status", portal::to_string(week.status)},
                     {"deadline", zone.format_local(week.deadline)},
                     {"overdue", week.overdue},
                     {"total_hours", core::hours_as_number(week.total_minutes)},
                     {"correction_reasons", week.correction_reasons},
                     {"flags", to_json(week.flags)},
                     {"entries", std::move(entries)}});
  }
  return {{"student_number", logbook.student_number},
          {"placement_id", logbook.placement_id},
          {"contract_hours", core::hours_as_number(logbook.contract_minutes)},
          {"approved_hours", core::hours_as_number(logbook.approved_minutes)},
          {"pending_hours", core::hours_as_number(logbook.pending_minutes)},
          {"weeks", std::move(weeks)}};
}

std::string describe(const std::vector<portal::Flag>& flags) {
  std::string text;
  for (const auto& flag : flags) {
    text += fmt::format("{}[{} {}: {}]", text.empty() ? "" : " ", flag.severity, flag.code,
                        flag.detail);
  }
  return text;
}

void print_text(const portal::Logbook& logbook, Context& context) {
  using core::format_hours_clock;
  auto& out = context.out;
  fmt::print(out, "{} {}, placement {} ({} to {}): contract {}, approved {}, pending {}\n",
             logbook.student_number, logbook.name, logbook.placement_id, logbook.start.to_string(),
             logbook.end.to_string(), format_hours_clock(logbook.contract_minutes),
             format_hours_clock(logbook.approved_minutes),
             format_hours_clock(logbook.pending_minutes));
  if (logbook.weeks.empty()) {
    fmt::print(out, "\nNo hours in this period.\n");
  }
  for (const auto& week : logbook.weeks) {
    fmt::print(out, "\n{}  {}  total {}  deadline {}{}\n", week.week.to_string(),
               portal::to_string(week.status), format_hours_clock(week.total_minutes),
               local_minute(week.deadline, context.time_zone()), week.overdue ? "  OVERDUE" : "");
    for (const auto& reason : week.correction_reasons) {
      fmt::print(out, "  correction requested for the whole week: {}\n", reason);
    }
    for (const auto& flag : week.flags) {
      fmt::print(out, "  flag {} {}: {}\n", flag.severity, flag.code, flag.detail);
    }
    // Hours right-aligned in 5 columns (up to 24:00), the status padded to its longest name.
    for (const auto& entry : week.entries) {
      std::string line = fmt::format("  {} {} {:>5}  {:<20}  {}", entry.date.to_string(),
                                     weekday_name(entry.date), format_hours_clock(entry.minutes),
                                     store::to_string(entry.status), entry.activity);
      // A request for the whole week is said once, above its entries.
      bool said_for_week = std::find(week.correction_reasons.begin(), week.correction_reasons.end(),
                                     entry.correction_reason) != week.correction_reasons.end();
      if (!entry.correction_reason.empty() && !said_for_week) {
        line += fmt::format("  correction: {}", entry.correction_reason);
      }
      if (!entry.flags.empty()) {
        line += "  " + describe(entry.flags);
      }
      while (!line.empty() && line.back() == ' ') {
        line.pop_back();
      }
      fmt::print(out, "{}\n", line);
    }
  }
}

// One row per entry, with its week's status: for spreadsheets.
void print_csv(const portal::Logbook& logbook, Context& context) {
  Table table(TableStyle::csv, {{"STUDENT", "student_number"},
                                {"WEEK", "week"},
                                {"WEEK STATUS", "week_status"},
                                {"OVERDUE", "overdue"},
                                {"DATE", "date"},
                                {"HOURS", "hours"},
                                {"STATUS", "status"},
                                {"ACTIVITY", "activity"},
                                {"REASON", "correction_reason"},
                                {"FLAGS", "flags"}});
  for (const auto& week : logbook.weeks) {
    for (const auto& entry : week.entries) {
      std::string flags;
      for (const auto& flag : entry.flags) {
        flags += (flags.empty() ? "" : ";") + flag.code;
      }
      table.add_row({logbook.student_number, week.week.to_string(),
                     std::string(portal::to_string(week.status)), week.overdue ? "true" : "false",
                     entry.date.to_string(), core::format_hours_decimal(entry.minutes),
                     std::string(store::to_string(entry.status)), entry.activity,
                     entry.correction_reason, flags});
    }
  }
  print_table(table, context);
}

}  // namespace

void run_logbook_show(const LogbookShowOptions& options, Context& context) {
  if (options.week && (options.from || options.to)) {
    throw Failure(ErrorKind::usage,
                  "--week: give either --week W or --from DATE [--to DATE], not both");
  }
  portal::LogbookRange range;
  auto today = context.today();
  if (options.week) {
    range.week = parse_week_argument("--week", *options.week, today);
  }
  if (options.from) {
    range.from = parse_date_argument("--from", *options.from, today);
    range.to = today;  // --from alone: through today
  }
  if (options.to) {
    range.to = parse_date_argument("--to", *options.to, today);
  }
  if (range.from && range.to && *range.from > *range.to) {
    throw Failure(ErrorKind::usage, fmt::format("--from: {} is after --to {}",
                                                range.from->to_string(), range.to->to_string()));
  }
  auto logbook = unwrap(context.portal().logbook(options.student, range));
  switch (context.format()) {
    case OutputFormat::json:
      fmt::print(context.out, "{}\n", to_json(logbook, context.time_zone()).dump(2));
      break;
    case OutputFormat::csv:
      print_csv(logbook, context);
      break;
    case OutputFormat::table:
      if (!context.quiet()) {
        print_text(logbook, context);
      }
      break;
  }
}

void register_logbook(CLI::App& app, Context& context) {
  auto* group = app.add_subcommand("logbook", "A placement's hours per week");
  group->require_subcommand(1);
  auto options = std::make_shared<LogbookShowOptions>();
  auto* cmd = group->add_subcommand("show", "Show a student's logbook, week by week");
  cmd->footer(
      "Per ISO week: its status (open, correction, approved), total, approval deadline (Monday\n"
      "23:59 after the week) and OVERDUE when it has passed, then each day's hours, status,\n"
      "activity, correction reason and flags. Students leave out STUDENT: they see their own.\n"
      "Without --week or --from the whole placement up to today is shown.\n\n"
      "Examples:\n"
      "  bpv logbook show 1091547 --week last\n"
      "  bpv logbook show 1091547 --from 2026-11-01 --to 2026-11-30 --json\n"
      "  bpv logbook show --week this");
  cmd->add_option("STUDENT", options->student, "Student number or e-mail address");
  cmd->add_option("--week", options->week, "Only this week: 2026-W48, this or last");
  cmd->add_option("--from", options->from, "From this date (YYYY-MM-DD, today, yesterday)");
  cmd->add_option("--to", options->to, "Through this date (default: today)");
  cmd->callback([options, &context] { run_logbook_show(*options, context); });
}

}  // namespace bpv::cmd
