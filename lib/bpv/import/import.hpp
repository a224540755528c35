#pragma once

#include <bpv/core/error.hpp>
#include <bpv/core/time_zone.hpp>
#include <bpv/store/store.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace bpv::import {

enum class DryRun { no, yes };

// One bad row (or header) of an import file: reported as FILE:LINE: field: message.
struct Problem {
  std::size_t line = 0;
  std::string field;
  std::string message;
};

struct UpsertCounts {
  std::int64_t created = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  void add(store::Upsert upsert);
  std::int64_t total() const { return created + updated + unchanged; }
};

// What an import found and did. Nothing is written when `problems` is not empty or on a dry run.
struct ImportReport {
  std::filesystem::path file;
  std::int64_t rows = 0;
  std::vector<Problem> problems;
  std::int64_t problems_not_kept = 0;  // bad rows beyond the first k_max_problems
  bool written = false;
  // placements import
  UpsertCounts students;
  UpsertCounts companies;
  UpsertCounts trainers;
  UpsertCounts supervisors;
  UpsertCounts placements;
  // hours import
  UpsertCounts entries;
  std::int64_t approved = 0;
  std::int64_t submitted = 0;

  static constexpr std::size_t k_max_problems = 10'000;
  void add_problem(std::size_t line, std::string field, std::string message);
  bool ok() const { return problems.empty(); }
};

// The report as JSON: file, rows, written, counts per kind, problems.
std::string to_json(const ImportReport& report);

// Who runs an import and when; recorded in the audit log.
struct ImportContext {
  std::optional<store::Id> actor_id;
  core::Instant now{};
  core::Date today;
};

// Imports the school's placement export (one row per placement; see schemas/import/) into
// `store`: students, companies, trainers and supervisors are created or updated by their natural
// keys, placements by (student, company, start date). All or nothing. Fails only when the store
// fails; bad rows are returned in the report.
Result<ImportReport> import_placements(store::Store& store, const std::filesystem::path& file,
                                       DryRun dry_run, const ImportContext& context);

// Imports hours (student_number, date, hours, activity, optional status) into the placements
// that hold those dates. All or nothing, streaming: memory does not grow with the file.
Result<ImportReport> import_hours(store::Store& store, const std::filesystem::path& file,
                                  DryRun dry_run, const ImportContext& context);

// Ends an import begun in a transaction of `store`: rolls back on problems or a dry run,
// otherwise records `action` in the audit log and commits.
Result<ImportReport> finish_import(store::Store& store, ImportReport report, DryRun dry_run,
                                   std::string_view action, const ImportContext& context);

}  // namespace bpv::import
