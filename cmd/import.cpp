// bpv import placements|hours: load the school's exports.
#include "commands.hpp"
#include "context.hpp"

#include <bpv/import/import.hpp>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <CLI/CLI.hpp>

namespace bpv::cmd {

enum class ImportKind { placements, hours };

struct ImportOptions {
  std::string file;
  bool dry_run = false;
};

namespace {

std::string describe(const import::UpsertCounts& counts) {
  return fmt::format("{} new, {} changed, {} unchanged", counts.created, counts.updated,
                     counts.unchanged);
}

void render_report(const import::ImportReport& report, ImportKind kind, bool dry_run,
                   Context& context) {
  if (context.format() == OutputFormat::json) {
    fmt::print(context.out, "{}\n", import::to_json(report));
    return;
  }
  if (context.quiet()) {
    return;
  }
  fmt::print(context.out, "{}: {} rows{}\n", report.file.string(), report.rows,
             dry_run ? " (dry run: nothing written)" : "");
  if (kind == ImportKind::placements) {
    fmt::print(context.out, "  placements   {}\n", describe(report.placements));
    fmt::print(context.out, "  students     {}\n", describe(report.students));
    fmt::print(context.out, "  companies    {}\n", describe(report.companies));
    fmt::print(context.out, "  trainers     {}\n", describe(report.trainers));
    fmt::print(context.out, "  supervisors  {}\n", describe(report.supervisors));
  } else {
    fmt::print(context.out, "  entries      {}\n", describe(report.entries));
    fmt::print(context.out, "  status       {} approved, {} submitted\n", report.approved,
               report.submitted);
  }
  if (report.written) {
    fmt::print(context.out, "  rule checks  queued for the next 'bpv-jobs run violations'\n");
  }
}

}  // namespace

void run_import(ImportKind kind, const ImportOptions& options, Context& context) {
  auto dry_run = options.dry_run ? import::DryRun::yes : import::DryRun::no;
  auto& portal = context.portal();
  auto report =
      unwrap(kind == ImportKind::placements ? portal.import_placements(options.file, dry_run)
                                            : portal.import_hours(options.file, dry_run));
  if (!report.ok()) {
    for (const auto& problem : report.problems) {
      fmt::print(context.err, "{}:{}: {}: {}\n", options.file, problem.line, problem.field,
                 problem.message);
    }
    if (report.problems_not_kept > 0) {
      fmt::print(context.err, "{}: and {} more problems\n", options.file, report.problems_not_kept);
    }
    auto count = report.problems.size() + static_cast<std::size_t>(report.problems_not_kept);
    throw Failure(ErrorKind::usage,
                  fmt::format("{} {} in {}; nothing was imported. Fix the file and run again.",
                              count, count == 1 ? "problem" : "problems", options.file));
  }
  render_report(report, kind, options.dry_run, context);
}

void register_import(CLI::App& app, Context& context) {
  auto* group = app.add_subcommand("import", "Load the school's exports (administrators)");
  group->footer("Needs an administrator's session: bpv login --user EMAIL first.");
  group->require_subcommand(1);
  for (auto kind : {ImportKind::placements, ImportKind::hours}) {
    auto options = std::make_shared<ImportOptions>();
    bool placements = kind == ImportKind::placements;
    auto* cmd = group->add_subcommand(
        placements ? "placements" : "hours",
        placements ? "Create or update students, companies, trainers, supervisors and placements"
                   : "Load hours per student and day, e.g. history from an old system");
    cmd->footer(
        placements
            ? "One row per placement; comma or semicolon separated, UTF-8 with or without BOM.\n"
              "Columns (any order, extra columns ignored): student_number, student_name,\n"
              "student_email, student_phone, birth_date, programme, crebo, level, track,\n"
              "company_name, company_city, trainer_name, trainer_email, trainer_phone,\n"
              "supervisor_name, supervisor_email, supervisor_phone, start_date, end_date,\n"
              "contract_hours, hours_per_week, vacation_hours_allowed, optional hours_per_day.\n"
              "All or nothing: every bad row is reported as FILE:LINE: field: problem (exit 2).\n\n"
              "Examples:\n"
              "  bpv import placements export.csv --dry-run\n"
              "  bpv --json import placements export.csv"
            : "Columns: student_number, date, hours, activity, optional status (submitted or\n"
              "approved). Dates YYYY-MM-DD or DD-MM-YYYY; hours 7.5, 7,5, 7:30 or 7u30.\n"
              "All or nothing: every bad row is reported as FILE:LINE: field: problem (exit 2).\n\n"
              "Examples:\n"
              "  bpv import hours uren-2025.csv --dry-run\n"
              "  bpv import hours uren-2025.csv");
    cmd->add_option("FILE", options->file, "The CSV file")->required();
    cmd->add_flag("--dry-run", options->dry_run, "Check and report, write nothing");
    cmd->callback([kind, options, &context] { run_import(kind, *options, context); });
  }
}

}  // namespace bpv::cmd
