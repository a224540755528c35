// bpv: hour registration and weekly approval for BPV placements.
#include "commands.hpp"
#include "context.hpp"

#include <bpv/core/error.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>

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
  app.footer("Exit codes: 0 done, 1 unexpected error, 2 usage, 3 not signed in, 4 not found,\n"
             "5 not allowed, 6 refused by a rule, 7 partly done. See bpv(1).");

  bpv::cmd::register_init(app, context);
  bpv::cmd::register_import(app, context);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {  // --help, --version
      return app.exit(e);
    }
    fmt::print(stderr, "bpv: {}; see bpv --help\n", e.what());
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
