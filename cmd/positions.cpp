// bpv positions add|list|show|close: a company's open internship places ("Stageplaatsen").
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

// The position as given; only the start date still needs parsing.
struct PositionsAddOptions {
  portal::NewPosition position;
  std::optional<std::string> start;
};

enum class IncludeClosed { no, yes };

struct PositionsListOptions {
  IncludeClosed include_closed = IncludeClosed::no;
};

struct PositionOptions {
  store::Id id = 0;
};

namespace {

json to_json(const portal::Position& position, const core::TimeZone& zone) {
  return {{"id", position.id},
          {"company", position.company},
          {"company_city", position.company_city},
          {"title", position.title},
          {"programme", position.programme},
          {"crebo", position.crebo},
          {"level", position.level},
          {"track", position.track},
          {"places", position.places},
          {"start_date", position.start ? json(position.start->to_string()) : json(nullptr)},
          {"description", position.description},
          {"contact", position.contact},
          {"status", position.status},
          {"created_at", zone.format_local(position.created_at)}};
}

void print_text(const portal::Position& position, Context& context) {
  std::string company = position.company;
  if (!position.company_city.empty()) {
    company += fmt::format(", {}", position.company_city);
  }
  std::string programme = position.programme;
  if (!position.crebo.empty()) {
    programme += fmt::format("{}crebo {}", programme.empty() ? "" : ", ", position.crebo);
  }
  fmt::print(context.out, "Position {}: {}\n", position.id, position.title);
  print_fields(context.out,
               {
                   {"Company", company},
                   {"Programme", programme},
                   {"Level", position.level},
                   {"Track", position.track},
                   {"Places", std::to_string(position.places)},
                   {"Start", position.start ? position.start->to_string() : ""},
                   {"Contact", position.contact},
                   {"Status", position.status},
                   {"Added", local_minute(position.created_at, context.time_zone())},
                   {"Description", position.description},
               },
               2);
}

}  // namespace

void run_positions_add(const PositionsAddOptions& options, Context& context) {
  portal::NewPosition position = options.position;
  position.title = require_text("--title", position.title, "give the position a title");
  if (position.places < 1) {
    throw Failure(
        ErrorKind::usage,
        fmt::format("--places: {} is not a number of places; give 1 or more", position.places));
  }
  if (options.start) {
    position.start = parse_date_argument("--start", *options.start, context.today());
  }
  auto added = unwrap(context.portal().add_position(position));
  if (context.format() == OutputFormat::json) {
    fmt::print(context.out, "{}\n", to_json(added, context.time_zone()).dump(2));
  } else if (!context.quiet()) {
    fmt::print(context.out, "Added position {}: {} at {}.\n", added.id, added.title, added.company);
  }
}

void run_positions_list(const PositionsListOptions& options, Context& context) {
  auto positions =
      unwrap(context.portal().list_positions(options.include_closed == IncludeClosed::yes));
  const auto& zone = context.time_zone();
  if (context.format() == OutputFormat::json) {
    auto array = json::array();
    for (const auto& position : positions) {
      array.push_back(to_json(position, zone));
    }
    fmt::print(context.out, "{}\n", array.dump(2));
    return;
  }
  auto style = table_style(context);
  Table table(style, {{"ID", "id", Align::right},
                      {"COMPANY", "company"},
                      {"CITY", "company_city", Align::left, Shown::csv_only},
                      {"TITLE", "title"},
                      {"PROGRAMME", "programme"},
                      {"CREBO", "crebo", Align::left, Shown::csv_only},
                      {"LEVEL", "level"},
                      {"TRACK", "track"},
                      {"PLACES", "places", Align::right},
                      {"START", "start_date"},
                      {"STATUS", "status"},
                      {"DESCRIPTION", "description", Align::left, Shown::csv_only},
                      {"CONTACT", "contact", Align::left, Shown::csv_only},
                      {"CREATED", "created_at", Align::left, Shown::csv_only}});
  for (const auto& position : positions) {
    table.add_row({std::to_string(position.id), position.company, position.company_city,
                   position.title, position.programme, position.crebo, position.level,
                   position.track, std::to_string(position.places),
                   position.start ? position.start->to_string() : "", position.status,
                   position.description, position.contact,
                   instant_cell(position.created_at, zone, style)});
  }
  print_table(table, context);
}

void run_positions_show(const PositionOptions& options, Context& context) {
  auto position = unwrap(context.portal().show_position(options.id));
  if (context.format() == OutputFormat::json) {
    fmt::print(context.out, "{}\n", to_json(position, context.time_zone()).dump(2));
  } else if (!context.quiet()) {
    print_text(position, context);
  }
}

void run_positions_close(const PositionOptions& options, Context& context) {
  unwrap(context.portal().close_position(options.id));
  if (!context.quiet()) {
    fmt::print(context.out, "Closed position {}.\n", options.id);
  }
}

void register_positions(CLI::App& app, Context& context) {
  auto* group = app.add_subcommand("positions", "Open internship places (\"Stageplaatsen\")");
  group->require_subcommand(1);
  {
    auto options = std::make_shared<PositionsAddOptions>();
    auto* cmd = group->add_subcommand("add", "Offer a new position");
    cmd->footer(
        "Trainers add positions of their own company (--company when they have several);\n"
        "administrators of any company.\n\n"
        "Examples:\n"
        "  bpv positions add --title 'Stagiair verzorging' --programme Verzorgende-IG --crebo "
        "25491 \\\n"
        "      --level 3 --track BOL --places 2 --start 2027-02-01\n"
        "  bpv positions add --title 'Leerling-kok' --track BBL --contact 'Ruud, 06-41873265' "
        "--json");
    cmd->add_option("--title", options->position.title, "What the position is called")->required();
    cmd->add_option("--company", options->position.company, "The company (name)");
    cmd->add_option("--programme", options->position.programme, "The programme (opleiding)");
    cmd->add_option("--crebo", options->position.crebo, "The programme's crebo code");
    cmd->add_option("--level", options->position.level, "MBO level, 1 to 4");
    cmd->add_option("--track", options->position.track, "BOL or BBL");
    cmd->add_option("--places", options->position.places, "Number of places (default 1)");
    cmd->add_option("--start", options->start, "Start date (YYYY-MM-DD)");
    cmd->add_option("--description", options->position.description, "What the student will do");
    cmd->add_option("--contact", options->position.contact, "Whom to contact");
    cmd->callback([options, &context] { run_positions_add(*options, context); });
  }
  {
    auto options = std::make_shared<PositionsListOptions>();
    auto* cmd = group->add_subcommand("list", "List open positions");
    cmd->footer(
        "Examples:\n"
        "  bpv positions list\n"
        "  bpv positions list --all --csv > stageplaatsen.csv");
    cmd->add_flag_callback(
        "--all", [options] { options->include_closed = IncludeClosed::yes; },
        "Also closed positions");
    cmd->callback([options, &context] { run_positions_list(*options, context); });
  }
  {
    auto options = std::make_shared<PositionOptions>();
    auto* cmd = group->add_subcommand("show", "Show one position");
    cmd->footer(
        "Example:\n"
        "  bpv positions show 3");
    cmd->add_option("ID", options->id, "The position's number")->required();
    cmd->callback([options, &context] { run_positions_show(*options, context); });
  }
  {
    auto options = std::make_shared<PositionOptions>();
    auto* cmd = group->add_subcommand("close", "Close a position: it is filled or withdrawn");
    cmd->footer(
        "Example:\n"
        "  bpv positions close 3");
    cmd->add_option("ID", options->id, "The position's number")->required();
    cmd->callback([options, &context] { run_positions_close(*options, context); });
  }
}

}  // namespace bpv::cmd
