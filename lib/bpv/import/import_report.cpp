#include <bpv/import/import.hpp>

#include <nlohmann/json.hpp>

namespace bpv::import {

void UpsertCounts::add(store::Upsert upsert) {
  switch (upsert) {
    case store::Upsert::created:
      ++created;
      break;
    case store::Upsert::updated:
      ++updated;
      break;
    case store::Upsert::unchanged:
      ++unchanged;
      break;
  }
}

void ImportReport::add_problem(std::size_t line, std::string field, std::string message) {
  if (problems.size() < k_max_problems) {
    problems.push_back(Problem{line, std::move(field), std::move(message)});
  } else {
    ++problems_not_kept;
  }
}

std::string to_json(const ImportReport& report) {
  auto counts = [](const UpsertCounts& c) {
    return nlohmann::json{{"created", c.created}, {"updated", c.updated}, {"unchanged", c.unchanged}};
  };
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& problem : report.problems) {
    problems.push_back({{"line", problem.line}, {"field", problem.field}, {"message", problem.message}});
  }
  nlohmann::json json{{"file", report.file.string()},
                      {"rows", report.rows},
                      {"written", report.written},
                      {"placements", counts(report.placements)},
                      {"students", counts(report.students)},
                      {"companies", counts(report.companies)},
                      {"trainers", counts(report.trainers)},
                      {"supervisors", counts(report.supervisors)},
                      {"entries", counts(report.entries)},
                      {"approved", report.approved},
                      {"submitted", report.submitted},
                      {"problems", problems},
                      {"problems_not_listed", report.problems_not_kept}};
  return json.dump();
}

Result<ImportReport> finish_import(store::Store& store, ImportReport report, DryRun dry_run,
                                   std::string_view action, const ImportContext& context) {
  if (!report.ok() || dry_run == DryRun::yes) {
    store.rollback();
    return report;
  }
  auto audited = store.add_audit_event({context.actor_id, std::string(action), std::nullopt,
                                        report.file.filename().string(), std::nullopt, to_json(report)},
                                       context.now);
  if (!audited) {
    store.rollback();
    return std::unexpected(audited.error());
  }
  BPV_TRY(store.commit());
  report.written = true;
  return report;
}

}  // namespace bpv::import
