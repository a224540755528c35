// bpv calendar import|list: the school calendars the rule checks use.
#include "arguments.hpp"
#include "commands.hpp"
#include "context.hpp"
#include "output.hpp"

#include <bpv/config/calendar_file.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <optional>

namespace bpv::cmd {

using json = nlohmann::ordered_json;

struct CalendarImportOptions {
  std::string file;
  std::optional<std::string> name;
  std::optional<std::string> region;
  bool dry_run = false;
};

struct CalendarAssignOptions {
  std::string calendar;
  std::string company;
  std::optional<std::string> city;
};

struct CalendarListOptions {
  std::optional<std::string> year;
};

namespace {

// The calendars of the file that the options ask for: all of them, the one region of an
// open-data file (--region), renamed (--name) when there is exactly one.
std::vector<core::Calendar> choose(std::vector<core::Calendar> calendars,
                                   const CalendarImportOptions& options) {
  if (options.region) {
    auto found = std::find_if(calendars.begin(), calendars.end(),
                              [&](const core::Calendar& c) { return c.name() == *options.region; });
    if (found != calendars.end() && calendars.size() > 1) {
      calendars = {*found};
    }
  }
  if (options.name) {
    if (!core::is_valid_calendar_name(*options.name)) {
      throw Failure(ErrorKind::usage,
                    fmt::format("--name: '{}' is not a calendar name: lower-case letters and digits "
                                "with '-', '_' or '.' between them, e.g. roc-utrecht",
                                *options.name));
    }
    if (calendars.size() != 1) {
      throw Failure(ErrorKind::usage,
                    fmt::format("--name: {} holds {} calendars; name one with --region (noord, midden "
                                "or zuid) or leave out --name",
                                options.file, calendars.size()));
    }
    core::Calendar renamed(*options.name);
    renamed.replace_from(calendars.front());
    calendars = {std::move(renamed)};
  }
  return calendars;
}

std::string years_text(const std::vector<int>& years) {
  std::string text;
  for (int year : years) {
    text += (text.empty() ? "" : ", ") + core::school_year_name(year);
  }
  return text.empty() ? "no school year" : text;
}

}  // namespace

void run_calendar_import(const CalendarImportOptions& options, Context& context) {
  auto calendars = choose(unwrap(config::read_calendar_file(options.file)), options);
  auto imports = unwrap(context.portal().import_calendars(
      calendars, options.region, options.dry_run ? portal::DryRun::yes : portal::DryRun::no));
  if (context.format() == OutputFormat::json) {
    auto array = json::array();
    for (const auto& outcome : imports) {
      auto years = json::array();
      for (int year : outcome.school_years) {
        years.push_back(core::school_year_name(year));
      }
      array.push_back({{"calendar", outcome.name},
                       {"created", outcome.created},
                       {"school_years", years},
                       {"periods", outcome.periods},
                       {"holidays", outcome.holidays},
                       {"dry_run", options.dry_run}});
    }
    fmt::print(context.out, "{}\n", array.dump(2));
    return;
  }
  if (context.quiet()) {
    return;
  }
  for (const auto& outcome : imports) {
    fmt::print(context.out, "{}{} {}: {} ({} vacations, {} holidays in all)\n",
               options.dry_run ? "would have " : "", outcome.created ? "created" : "updated",
               outcome.name, years_text(outcome.school_years), outcome.periods, outcome.holidays);
  }
  if (!options.dry_run) {
    fmt::print(context.out, "The next 'bpv-jobs run violations' checks every placement again.\n");
  }
}

void run_calendar_list(const CalendarListOptions& options, Context& context) {
  std::optional<int> year;
  if (options.year) {
    auto parsed = core::parse_school_year(*options.year);
    if (!parsed) {
      // A single year names the school year that starts in it.
      int start = 0;
      auto [end, error] = std::from_chars(options.year->data(), options.year->data() + options.year->size(), start);
      if (error != std::errc() || end != options.year->data() + options.year->size() || start < 1900 ||
          start > 2200) {
        throw Failure(ErrorKind::usage,
                      fmt::format("--year: '{}' is not a school year; give 2026-2027 or 2026", *options.year));
      }
      parsed = start;
    }
    year = *parsed;
  }
  auto calendars = unwrap(context.portal().list_calendars());
  auto in_year = [&](core::Date first, core::Date last) {
    return !year || (first <= core::school_year_last(*year) && last >= core::school_year_first(*year));
  };
  if (context.format() == OutputFormat::json) {
    auto array = json::array();
    for (const auto& view : calendars) {
      auto periods = json::array();
      for (const auto& period : view.calendar.periods()) {
        if (in_year(period.first, period.last)) {
          periods.push_back({{"name", period.name},
                             {"first", period.first.to_string()},
                             {"last", period.last.to_string()}});
        }
      }
      auto holidays = json::array();
      for (const auto& holiday : view.calendar.holidays()) {
        if (in_year(holiday.date, holiday.date)) {
          holidays.push_back({{"date", holiday.date.to_string()}, {"name", holiday.name}});
        }
      }
      array.push_back({{"calendar", view.calendar.name()},
                       {"region", view.region ? json(*view.region) : json(nullptr)},
                       {"vacations", periods},
                       {"public_holidays", holidays}});
    }
    fmt::print(context.out, "{}\n", array.dump(2));
    return;
  }
  auto style = table_style(context);
  Table table(style, {{"CALENDAR", "calendar"},
                      {"KIND", "kind"},
                      {"NAME", "name"},
                      {"FIRST", "first"},
                      {"LAST", "last"}});
  for (const auto& view : calendars) {
    for (const auto& period : view.calendar.periods()) {
      if (in_year(period.first, period.last)) {
        table.add_row({view.calendar.name(), "vacation", period.name, period.first.to_string(),
                       period.last.to_string()});
      }
    }
    for (const auto& holiday : view.calendar.holidays()) {
      if (in_year(holiday.date, holiday.date)) {
        table.add_row({view.calendar.name(), "holiday", holiday.name, holiday.date.to_string(),
                       holiday.date.to_string()});
      }
    }
  }
  if (calendars.empty() && style == TableStyle::aligned && !context.quiet()) {
    fmt::print(context.out, "No calendars are loaded; load one with: bpv calendar import FILE\n");
    return;
  }
  print_table(table, context);
}

void run_calendar_assign(const CalendarAssignOptions& options, Context& context) {
  unwrap(context.portal().assign_calendar(options.calendar, options.company, options.city));
  if (!context.quiet()) {
    fmt::print(context.out,
               "{}: its placements use calendar {} unless they chose their own; the next "
               "'bpv-jobs run violations' checks them again.\n",
               options.company, options.calendar);
  }
}

void register_calendar(CLI::App& app, Context& context) {
  auto* group = app.add_subcommand("calendar", "School calendars: vacations and public holidays");
  group->require_subcommand(1);

  auto import_options = std::make_shared<CalendarImportOptions>();
  auto* import = group->add_subcommand("import", "Load a calendar file (admins)");
  import->footer(
      "Reads bpv's calendar YAML (schemas/calendar.md) or the national open-data JSON of school\n"
      "holidays (opendata.rijksoverheid.nl: one calendar per region, noord, midden and zuid).\n"
      "Each school year in the file replaces that year of the stored calendar; other years stay.\n"
      "A bad file changes nothing and names the line (YAML) or JSON path of the problem.\n"
      "The violations job checks every placement again after an import.\n\n"
      "Examples:\n"
      "  bpv calendar import examples/calendars/midden.yaml\n"
      "  bpv calendar import schoolvakanties-2026-2027.json              # noord, midden, zuid\n"
      "  bpv calendar import schoolvakanties-2026-2027.json --region zuid --name roc-zuid");
  import->add_option("FILE", import_options->file, "Calendar file (.yaml or open-data .json)")->required();
  import->add_option("--name", import_options->name, "Store the file's one calendar under this name");
  import->add_option("--region", import_options->region,
                     "Only this region of an open-data file (noord, midden, zuid); recorded as the "
                     "calendar's region");
  import->add_flag("--dry-run", import_options->dry_run, "Check the file and report; change nothing");
  import->callback([import_options, &context] { run_calendar_import(*import_options, context); });

  auto assign_options = std::make_shared<CalendarAssignOptions>();
  auto* assign = group->add_subcommand("assign", "Choose a company's calendar (admins)");
  assign->footer(
      "A placement uses its own calendar (the placement import's calendar column), else its\n"
      "company's, else the configuration's `calendar` (default midden).\n\n"
      "Examples:\n"
      "  bpv calendar assign roc-utrecht --company \"Zorgcentrum De Linde\" --city Utrecht");
  assign->add_option("CALENDAR", assign_options->calendar, "A loaded calendar (bpv calendar list)")->required();
  assign->add_option("--company", assign_options->company, "The company's name")->required();
  assign->add_option("--city", assign_options->city, "Its city, when several companies share the name");
  assign->callback([assign_options, &context] { run_calendar_assign(*assign_options, context); });

  auto list_options = std::make_shared<CalendarListOptions>();
  auto* list = group->add_subcommand("list", "Show the loaded calendars");
  list->footer(
      "One row per vacation and holiday: CALENDAR, KIND, NAME, FIRST, LAST.\n\n"
      "Examples:\n"
      "  bpv calendar list --year 2026-2027\n"
      "  bpv calendar list --json | jq '.[] | {calendar, vacations: (.vacations | length)}'");
  list->add_option("--year", list_options->year, "Only this school year (2026-2027, or 2026)");
  list->callback([list_options, &context] { run_calendar_list(*list_options, context); });
}

}  // namespace bpv::cmd
