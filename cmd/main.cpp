// bpv: hour registration and weekly approval for BPV placements.
#include "commands.hpp"
#include "context.hpp"

#include <bpv/core/error.hpp>
#include <bpv/core/values.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

namespace {

// The message for a parse error. CLI11 says "A subcommand is required" both when none was
// given and when the name is unknown (it keeps the unknown word among the remaining
// arguments); say which, and suggest the nearest name.
std::string describe(const CLI::ParseError& error, CLI::App& app) {
  if (dynamic_cast<const CLI::RequiredError*>(&error) == nullptr) {
    return fmt::format("{}; see bpv --help", error.what());
  }
  CLI::App* group = &app;
  std::string path = "bpv";
  while (!group->get_subcommands().empty()) {
    group = group->get_subcommands().front();
    path += " " + group->get_name();
  }
  std::vector<std::string> names;
  for (const auto* command : group->get_subcommands({})) {
    names.push_back(command->get_name());
  }
  if (names.empty()) {
    return fmt::format("{}; see {} --help", error.what(), path);
  }
  std::string unknown;
  for (const auto& argument : app.remaining()) {
    if (!argument.empty() && argument.front() != '-') {
      unknown = argument;
      break;
    }
  }
  if (unknown.empty()) {
    std::string group_name = group == &app ? "" : path.substr(4) + ": ";
    return fmt::format("{}give a command: {}; see {} --help", group_name, fmt::join(names, ", "),
                       path);
  }
  if (auto nearest = bpv::core::closest_name(unknown, names); !nearest.empty()) {
    return fmt::format("unknown command '{} {}'; did you mean '{} {}'?", path, unknown, path,
                       nearest);
  }
  return fmt::format("unknown command '{} {}'; see {} --help", path, unknown, path);
}

}  // namespace

int main(int argc, char** argv) {
  using bpv::cmd::Context;
  Context context(std::cout, std::cerr, bpv::config::process_environment());
  CLI::App app{"bpv: hour registration and weekly approval for BPV placements", "bpv"};
  app.fallthrough();
  app.require_subcommand(1);
  app.set_version_flag("--version", "bpv 0.1.0");
  auto& options = context.options;
  app.add_option("--db", options.database, "SQLite database file (BPV_DB)");
  app.add_option("--config", options.config_file, "Configuration file (BPV_CONFIG)");
  app.add_option("--server", options.server, "bpv server URL (BPV_SERVER)");
  app.add_option("--profile", options.profile, "Named profile from the configuration");
  app.add_option("--now", options.now, "Clock override, e.g. 2026-11-30T09:00 (BPV_NOW)");
  app.add_flag("--json", options.json, "Print JSON");
  app.add_flag("--csv", options.csv, "Print CSV");
  app.add_flag("-q,--quiet", options.quiet, "Print nothing but errors");
  app.footer(
      "Exit codes: 0 done, 1 unexpected error, 2 usage, 3 not signed in, 4 not found,\n"
      "5 not allowed, 6 refused by a rule, 7 partly done. See bpv(1).");

  // In the order of the help text: signing in, the trainer's menu, the student's, the admin's.
  bpv::cmd::register_session(app, context);
  bpv::cmd::register_dashboard(app, context);
  bpv::cmd::register_students(app, context);
  bpv::cmd::register_logbook(app, context);
  bpv::cmd::register_approval(app, context);
  bpv::cmd::register_positions(app, context);
  bpv::cmd::register_hours(app, context);
  bpv::cmd::register_violations(app, context);
  bpv::cmd::register_audit(app, context);
  bpv::cmd::register_placements(app, context);
  bpv::cmd::register_calendar(app, context);
  bpv::cmd::register_users(app, context);
  bpv::cmd::register_init(app, context);
  bpv::cmd::register_import(app, context);
  bpv::cmd::register_export(app, context);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {  // --help, --version
      return app.exit(e);
    }
    fmt::print(stderr, "bpv: {}\n", describe(e, app));
    return bpv::exit_code(bpv::ErrorKind::usage);
  } catch (const bpv::Failure& e) {
    std::cout.flush();
    fmt::print(stderr, "bpv: {}\n", e.what());
    return bpv::exit_code(e.kind());
  } catch (const std::exception& e) {
    std::cout.flush();
    fmt::print(stderr, "bpv: unexpected error: {}\n", e.what());
    return bpv::exit_code(bpv::ErrorKind::unexpected);
  }
  return 0;
}
