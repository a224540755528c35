// bpv-jobs: the batch job runner (cron, systemd timers).
#include "jobs.hpp"
#include "runner.hpp"

#include <bpv/config/time_zone_file.hpp>
#include <bpv/core/error.hpp>
#include <bpv/process/memory.hpp>
#include <bpv/store/sqlite/sqlite_store.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>

namespace {

using bpv::Failure;
using bpv::unwrap;
using json = nlohmann::ordered_json;

struct GlobalOptions {
  std::optional<std::string> database;
  std::optional<std::string> config_file;
  std::optional<std::string> now;
  bool json = false;
};

// What every job needs, set up once from the global options.
struct Setup {
  bpv::config::Config config;
  std::optional<bpv::core::TimeZone> zone;
  bpv::core::Instant now{};
  std::unique_ptr<bpv::store::Store> store;
};

Setup set_up(const GlobalOptions& options) {
  Setup setup;
  bpv::config::Flags flags{options.database, options.config_file, options.now};
  setup.config = unwrap(bpv::config::load_config(flags, bpv::config::process_environment()));
  setup.zone = unwrap(bpv::config::locate_time_zone(setup.config.time_zone));
  if (setup.config.now) {
    auto at = bpv::core::parse_instant(*setup.config.now, *setup.zone);
    if (!at) {
      throw Failure(bpv::ErrorKind::usage, fmt::format("--now: {}", at.error().message));
    }
    setup.now = *at;
  } else {
    setup.now = bpv::core::SystemClock().now();
  }
  setup.store = unwrap(bpv::store::sqlite::open_store(setup.config.database,
                                                      bpv::store::sqlite::OpenMode::existing));
  return setup;
}

void list_jobs(const GlobalOptions& options) {
  auto jobs = bpv::jobs::job_table();
  if (options.json) {
    json table = json::array();
    for (const auto& job : jobs) {
      table.push_back({{"name", job.name}, {"description", job.description}});
    }
    fmt::print("{}\n", table.dump(2));
    return;
  }
  fmt::print("{:<20}{}\n", "NAME", "DESCRIPTION");
  for (const auto& job : jobs) {
    fmt::print("{:<20}{}\n", job.name, job.description);
  }
}

const bpv::jobs::Job& job_named(const std::string& name) {
  const auto* job = bpv::jobs::find_job(name);
  if (job == nullptr) {
    auto closest = bpv::jobs::closest_job_name(name);
    std::string hint = closest.empty() ? "" : fmt::format(" Did you mean '{}'?", closest);
    throw Failure(bpv::ErrorKind::usage,
                  fmt::format("no job named '{}'.{} 'bpv-jobs list' shows the jobs", name, hint));
  }
  return *job;
}

struct RunOptions {
  std::string name;
  bool dry_run = false;
  bool full = false;
  bool no_send = false;
  std::optional<std::string> export_name;  // run export --config NAME
};

void run_job(GlobalOptions options, const RunOptions& run) {
  const auto& job = job_named(run.name);
  std::optional<std::string> export_name;
  if (job.name == "export") {
    export_name = run.export_name;
  } else if (run.export_name && !options.config_file) {
    // `--config FILE` after the job's name: the configuration file, as before the name.
    options.config_file = run.export_name;
  } else if (run.export_name) {
    throw Failure(bpv::ErrorKind::usage, "--config given twice; give the configuration file once");
  }
  if (run.full && !job.takes_full) {
    throw Failure(bpv::ErrorKind::usage, fmt::format("--full: the job '{}' always does all its work", job.name));
  }
  auto setup = set_up(options);
  if (run.no_send && !job.sends_mail) {
    throw Failure(bpv::ErrorKind::usage, fmt::format("--no-send: the job '{}' sends no mail of its own", job.name));
  }
  bpv::jobs::JobContext context{.config = setup.config,
                                .store = *setup.store,
                                .zone = *setup.zone,
                                .now = setup.now,
                                .today = setup.zone->local_date(setup.now)};
  context.dry_run = run.dry_run;
  context.full = run.full;
  context.json = options.json;
  context.no_send = run.no_send;
  context.export_name = export_name;
  auto outcome = unwrap(bpv::jobs::run_locked(job, context));
  if (options.json) {
    json report{{"job", job.name},
                {"dry_run", run.dry_run},
                {"now", setup.zone->format_local(setup.now)},
                {"summary", outcome.summary},
                {"counts", json::parse(bpv::jobs::counts_json(outcome))}};
    fmt::print("{}\n", report.dump(2));
  }
  if (outcome.problem) {
    throw Failure(*outcome.problem);
  }
}

struct HistoryOptions {
  std::optional<std::string> name;
  int limit = 20;
};

void show_history(const GlobalOptions& options, const HistoryOptions& history) {
  if (history.name) {
    job_named(*history.name);
  }
  auto setup = set_up(options);
  auto runs = unwrap(setup.store->job_runs(history.name, history.limit));
  if (options.json) {
    json array = json::array();
    for (const auto& run : runs) {
      array.push_back({{"id", run.id},
                       {"job", run.job},
                       {"started_at", setup.zone->format_local(run.started_at)},
                       {"finished_at", run.finished_at ? json(setup.zone->format_local(*run.finished_at)) : json(nullptr)},
                       {"clock", setup.zone->format_local(run.clock)},
                       {"dry_run", run.dry_run},
                       {"outcome", run.outcome},
                       {"counts", json::parse(run.counts, nullptr, false)},
                       {"message", run.message}});
    }
    fmt::print("{}\n", array.dump(2));
    return;
  }
  if (runs.empty()) {
    fmt::print("No runs{}.\n", history.name ? fmt::format(" of {}", *history.name) : "");
    return;
  }
  fmt::print("{:>6}  {:<12} {:<19}  {:>8}  {:<10} {}\n", "RUN", "JOB", "STARTED", "SECONDS", "OUTCOME", "SUMMARY");
  for (const auto& run : runs) {
    std::string seconds = "-";
    if (run.finished_at) {
      seconds = std::to_string((*run.finished_at - run.started_at).count());
    }
    std::string started = setup.zone->format_local(run.started_at).substr(0, 19);
    fmt::print("{:>6}  {:<12} {:<19}  {:>8}  {:<10} {}{}\n", run.id, run.job, started, seconds,
               run.outcome, run.dry_run ? "(dry run) " : "", run.message);
  }
}

// The heap on 64 MB of huge pages, before anything allocates (libcurl's libraries do in their
// initializers): see bpv/process/memory.hpp. The violations job's queue, placements and windows
// come to about 12 MB, each page of it a page fault otherwise; only what is touched is taken.
[[gnu::used, gnu::section(".preinit_array")]] void (*g_preinit)() =
    &bpv::process::start_heap_on_huge_pages<std::size_t{64} << 20>;

}  // namespace

int main(int argc, char** argv) {
  // The jobs read most pages once (an incremental violations run after a week: 78,000 pages of
  // hours and flags), so a small cache does as well as a large one and costs less fresh memory,
  // whose first touch is slow here: the incremental run took 0.833 s with 64 MB, 0.682 s with
  // 8 MB, 0.60 s with 4 MB or 2 MB (medians of alternating runs); the full run 7.1 s with 64 MB,
  // 6.7 s with 4 MB.
  bpv::store::sqlite::reserve_page_cache(std::size_t{4} << 20);
  CLI::App app{"bpv-jobs: scheduled jobs of bpv (rule checks, reminders, escalations, mail)",
               "bpv-jobs"};
  app.fallthrough();
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 done (also when a job found flags: finding them is its job), 2 usage,\n"
      "6 another run of the same job holds its lock, 1 or 7 the job failed.\n\n"
      "Examples:\n"
      "  bpv-jobs list\n"
      "  bpv-jobs --config /etc/bpv/bpv.yaml run violations\n"
      "  bpv-jobs run violations --full --dry-run\n"
      "  bpv-jobs run reminders --dry-run --now 2026-11-30T07:00\n"
      "  bpv-jobs run send-mail\n"
      "  bpv-jobs --config /etc/bpv/bpv.yaml run export --config weekly-summary\n"
      "  bpv-jobs history violations");
  GlobalOptions options;
  app.add_option("--db", options.database, "SQLite database file (BPV_DB)");
  app.add_option("--config", options.config_file, "Configuration file (BPV_CONFIG)");
  app.add_option("--now", options.now, "Clock override, e.g. 2026-11-30T07:00 (BPV_NOW)");
  app.add_flag("--json", options.json, "Print JSON");

  auto* list = app.add_subcommand("list", "Show the jobs");
  list->callback([&] { list_jobs(options); });

  RunOptions run_options;
  auto* run = app.add_subcommand("run", "Run one job now");
  run->add_option("NAME", run_options.name, "The job's name (bpv-jobs list)")->required();
  run->add_flag("--dry-run", run_options.dry_run, "Do the work, report it, change nothing");
  run->add_flag("--full", run_options.full, "violations: check every placement, not only what changed");
  run->add_option("--config", run_options.export_name,
                  "export: the name of the export in the configuration's exports: section (other jobs: "
                  "the configuration file, as before the job's name)");
  run->add_flag("--no-send", run_options.no_send,
                "reminders, student-reminders, escalations: only enqueue; send-mail delivers later");
  run->callback([&] { run_job(options, run_options); });

  HistoryOptions history_options;
  auto* history = app.add_subcommand("history", "Show the recorded runs, newest first");
  history->add_option("NAME", history_options.name, "Only this job");
  history->add_option("--limit", history_options.limit, "At most this many runs (default 20)");
  history->callback([&] { show_history(options, history_options); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      return app.exit(e);
    }
    fmt::print(stderr, "bpv-jobs: {}; see bpv-jobs --help\n", e.what());
    return bpv::exit_code(bpv::ErrorKind::usage);
  } catch (const Failure& e) {
    fmt::print(stderr, "bpv-jobs: {}\n", e.what());
    return bpv::exit_code(e.kind());
  }
  return 0;
}
