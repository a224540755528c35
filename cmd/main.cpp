// bpv: hour registration and weekly approval for BPV placements.
#include "commands.hpp"
#include "context.hpp"

#include <bpv/core/error.hpp>
#include <bpv/core/values.hpp>
#include <bpv/process/memory.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace {

// The heap on 4 MB of huge pages, before anything allocates: see bpv/process/memory.hpp.
[[gnu::used, gnu::section(".preinit_array")]] void (*g_preinit)() =
    &bpv::process::start_heap_on_huge_pages<std::size_t{4} << 20>;

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

// The command groups (one file each), with the commands each adds to `bpv`, in the order of the
// help text: signing in, the trainer's menu, the student's, the admin's.
struct CommandGroup {
  std::initializer_list<std::string_view> commands;
  void (*add)(CLI::App&, bpv::cmd::Context&);
};
const CommandGroup k_groups[] = {
    {{"login", "logout", "whoami", "passwd"}, bpv::cmd::register_session},
    {{"dashboard"}, bpv::cmd::register_dashboard},
    {{"students"}, bpv::cmd::register_students},
    {{"logbook"}, bpv::cmd::register_logbook},
    {{"approve-week", "request-correction", "withdraw-correction", "reopen-week"},
     bpv::cmd::register_approval},
    {{"positions"}, bpv::cmd::register_positions},
    {{"hours"}, bpv::cmd::register_hours},
    {{"violations"}, bpv::cmd::register_violations},
    {{"audit"}, bpv::cmd::register_audit},
    {{"placements"}, bpv::cmd::register_placements},
    {{"calendar"}, bpv::cmd::register_calendar},
    {{"users"}, bpv::cmd::register_users},
    {{"init"}, bpv::cmd::register_init},
    {{"import"}, bpv::cmd::register_import},
    {{"export"}, bpv::cmd::register_export},
};

// The command the arguments name: the first that is neither an option nor the value of a global
// option that takes one. Nothing when there is none.
std::string_view command_word(int argc, char** argv) {
  static constexpr std::string_view k_with_value[] = {"--db", "--config", "--server", "--profile", "--now"};
  for (int i = 1; i < argc; ++i) {
    std::string_view argument = argv[i];
    if (!argument.starts_with('-')) {
      return argument;
    }
    if (std::ranges::find(k_with_value, argument) != std::end(k_with_value)) {
      ++i;  // its value
    }
  }
  return {};
}

// Adds the group of the command the arguments name, or every group when they name none that
// exists (the help text and the suggestions for an unknown name need them all). Building all of
// CLI11's options and subcommands took about 1 ms of each run, a tenth of `bpv logbook show`.
void add_commands(CLI::App& app, bpv::cmd::Context& context, std::string_view word) {
  for (const auto& group : k_groups) {
    if (std::ranges::find(group.commands, word) != group.commands.end()) {
      group.add(app, context);
      return;
    }
  }
  for (const auto& group : k_groups) {
    group.add(app, context);
  }
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

  add_commands(app, context, command_word(argc, argv));

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
