// bpv hours add|edit|delete|list: a student's own hours (urenregels).
#include "arguments.hpp"
#include "commands.hpp"
#include "context.hpp"
#include "output.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <optional>

namespace bpv::cmd {

// JSON objects keep their fields in the documented order.
using json = nlohmann::ordered_json;

struct HoursAddOptions {
  std::string date;
  std::string hours;
  std::string activity;
  std::optional<store::Id> placement;
};

struct HoursEditOptions {
  std::string date;
  std::optional<std::string> hours;
  std::optional<std::string> activity;
};

struct HoursDeleteOptions {
  std::string date;
};

struct HoursListOptions {
  std::optional<std::string> week;
};

namespace {

json to_json(const portal::HoursEntry& entry) {
  return {{"date", entry.date.to_string()},
          {"hours", core::hours_as_number(entry.minutes)},
          {"status", store::to_string(entry.status)},
          {"activity", entry.activity},
          {"correction_reason",
           entry.correction_reason.empty() ? json(nullptr) : json(entry.correction_reason)}};
}

// `2026-11-18 Wed 8:00 (submitted)`.
std::string describe(const portal::HoursEntry& entry) {
  return fmt::format("{} {} {} ({})", entry.date.to_string(), weekday_name(entry.date),
                     core::format_hours_clock(entry.minutes), store::to_string(entry.status));
}

void print_entry(const portal::HoursEntry& entry, std::string_view verb, Context& context) {
  if (context.format() == OutputFormat::json) {
    fmt::print(context.out, "{}\n", to_json(entry).dump(2));
  } else if (!context.quiet()) {
    fmt::print(context.out, "{} {}.\n", verb, describe(entry));
  }
}

}  // namespace

void run_hours_add(const HoursAddOptions& options, Context& context) {
  auto date = parse_date_argument("DATE", options.date, context.today());
  auto minutes = parse_day_hours_argument("HOURS", options.hours);
  auto entry =
      unwrap(context.portal().add_hours(date, minutes, options.activity, options.placement));
  print_entry(entry, "Recorded", context);
}

void run_hours_edit(const HoursEditOptions& options, Context& context) {
  if (!options.hours && !options.activity) {
    throw Failure(ErrorKind::usage,
                  "hours edit: give the new HOURS, --activity TEXT, or both (e.g. bpv hours edit "
                  "2026-11-18 8)");
  }
  auto date = parse_date_argument("DATE", options.date, context.today());
  std::optional<core::Minutes> minutes;
  if (options.hours) {
    minutes = parse_day_hours_argument("HOURS", *options.hours);
  }
  auto entry = unwrap(context.portal().edit_hours(date, minutes, options.activity));
  print_entry(entry, "Changed", context);
}

void run_hours_delete(const HoursDeleteOptions& options, Context& context) {
  auto date = parse_date_argument("DATE", options.date, context.today());
  unwrap(context.portal().delete_hours(date));
  if (!context.quiet()) {
    fmt::print(context.out, "Deleted the hours of {}.\n", date.to_string());
  }
}

void run_hours_list(const HoursListOptions& options, Context& context) {
  std::optional<core::IsoWeek> week;
  if (options.week) {
    week = parse_week_argument("--week", *options.week, context.today());
  }
  auto entries = unwrap(context.portal().list_hours(week));
  if (context.format() == OutputFormat::json) {
    auto array = json::array();
    for (const auto& entry : entries) {
      array.push_back(to_json(entry));
    }
    fmt::print(context.out, "{}\n", array.dump(2));
    return;
  }
  auto style = table_style(context);
  Table table(style, {{"DATE", "date"},
                      {"DAY", "weekday", Align::left},
                      {"HOURS", "hours", Align::right},
                      {"STATUS", "status"},
                      {"ACTIVITY", "activity"},
                      {"REASON", "correction_reason"}});
  for (const auto& entry : entries) {
    table.add_row({entry.date.to_string(), std::string(weekday_name(entry.date)),
                   hours_cell(entry.minutes, style), std::string(store::to_string(entry.status)),
                   entry.activity, entry.correction_reason});
  }
  print_table(table, context);
}

void register_hours(CLI::App& app, Context& context) {
  auto* group = app.add_subcommand("hours", "Record your hours (students)");
  group->require_subcommand(1);
  {
    auto options = std::make_shared<HoursAddOptions>();
    auto* cmd = group->add_subcommand("add", "Record the hours of one day");
    cmd->footer(
        "Hours as 7.5, 7,5, 7:30 or 7u30 (more than 0, at most 24). Refused (exit 6): a date\n"
        "in the future, outside your placement, or in an approved week. --placement chooses\n"
        "when you have two placements on that date.\n\n"
        "Examples:\n"
        "  bpv hours add today 7:30 --activity 'Bewoners geholpen met ontbijt'\n"
        "  bpv hours add 2026-11-27 8");
    cmd->add_option("DATE", options->date, "The day: YYYY-MM-DD, today or yesterday")->required();
    cmd->add_option("HOURS", options->hours, "Hours worked: 7.5, 7:30 or 7u30")->required();
    cmd->add_option("--activity", options->activity, "What you did");
    cmd->add_option("--placement", options->placement, "The placement's number");
    cmd->callback([options, &context] { run_hours_add(*options, context); });
  }
  {
    auto options = std::make_shared<HoursEditOptions>();
    auto* cmd = group->add_subcommand("edit", "Change the hours or activity of one day");
    cmd->footer(
        "An entry sent back for correction becomes submitted again. Approved entries cannot be\n"
        "changed (exit 6); ask your BPV supervisor to reopen the week.\n\n"
        "Examples:\n"
        "  bpv hours edit 2026-11-18 8\n"
        "  bpv hours edit yesterday --activity 'Avonddienst, overdracht gegeven'");
    cmd->add_option("DATE", options->date, "The day: YYYY-MM-DD, today or yesterday")->required();
    cmd->add_option("HOURS", options->hours, "The new hours");
    cmd->add_option("--activity", options->activity, "The new activity note");
    cmd->callback([options, &context] { run_hours_edit(*options, context); });
  }
  {
    auto options = std::make_shared<HoursDeleteOptions>();
    auto* cmd = group->add_subcommand("delete", "Delete the hours of one day");
    cmd->footer(
        "Approved entries cannot be deleted (exit 6).\n\n"
        "Example:\n"
        "  bpv hours delete 2026-11-27");
    cmd->add_option("DATE", options->date, "The day: YYYY-MM-DD, today or yesterday")->required();
    cmd->callback([options, &context] { run_hours_delete(*options, context); });
  }
  {
    auto options = std::make_shared<HoursListOptions>();
    auto* cmd = group->add_subcommand("list", "List your hours");
    cmd->footer(
        "Columns DATE, DAY, HOURS, STATUS, ACTIVITY, REASON (of a correction request). --json\n"
        "fields: date, hours, status, activity, correction_reason.\n\n"
        "Examples:\n"
        "  bpv hours list --week this\n"
        "  bpv hours list --csv > uren.csv");
    cmd->add_option("--week", options->week, "Only this week: 2026-W48, this or last");
    cmd->callback([options, &context] { run_hours_list(*options, context); });
  }
}

}  // namespace bpv::cmd
