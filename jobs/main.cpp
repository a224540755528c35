// bpv-jobs: the batch job runner (cron, systemd timers).
#include "jobs.hpp"

#include <bpv/core/error.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace {

void list_jobs(bool json) {
  auto jobs = bpv::jobs::job_table();
  if (json) {
    nlohmann::json table = nlohmann::json::array();
    for (const auto& job : jobs) {
      table.push_back({{"name", job.name}, {"description", job.description}});
    }
    fmt::print("{}\n", table.dump());
    return;
  }
  fmt::print("{:<20}{}\n", "NAME", "DESCRIPTION");
  for (const auto& job : jobs) {
    fmt::print("{:<20}{}\n", job.name, job.description);
  }
}

int run_job(const std::string& name) {
  const auto* job = bpv::jobs::find_job(name);
  if (job == nullptr) {
    auto closest = bpv::jobs::closest_job_name(name);
    std::string hint = closest.empty() ? "" : fmt::format(" Did you mean '{}'?", closest);
    throw bpv::Failure(bpv::ErrorKind::usage,
                       fmt::format("no job named '{}'.{} 'bpv-jobs list' shows the jobs", name, hint));
  }
  return job->run();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"bpv-jobs: scheduled jobs of bpv (reminders, rule checks, exports)", "bpv-jobs"};
  app.fallthrough();
  app.require_subcommand(1);
  std::optional<std::string> database;
  std::optional<std::string> config_file;
  std::optional<std::string> now;
  bool json = false;
  app.add_option("--db", database, "SQLite database file (BPV_DB)");
  app.add_option("--config", config_file, "Configuration file (BPV_CONFIG)");
  app.add_option("--now", now, "Clock override, e.g. 2026-11-30T07:00 (BPV_NOW)");
  app.add_flag("--json", json, "Print JSON");

  auto* list = app.add_subcommand("list", "Show the jobs");
  list->callback([&] { list_jobs(json); });
  std::string name;
  int status = 0;
  auto* run = app.add_subcommand("run", "Run one job");
  run->add_option("NAME", name, "The job's name")->required();
  run->callback([&] { status = run_job(name); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      return app.exit(e);
    }
    fmt::print(stderr, "bpv-jobs: {}; see bpv-jobs --help\n", e.what());
    return bpv::exit_code(bpv::ErrorKind::usage);
  } catch (const bpv::Failure& e) {
    fmt::print(stderr, "bpv-jobs: {}\n", e.what());
    return bpv::exit_code(e.kind());
  }
  return status;
}
