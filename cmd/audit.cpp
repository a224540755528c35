// bpv audit: who changed what, when (supervisors, admins).
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

struct AuditOptions {
  std::optional<std::string> student;
  std::optional<std::string> since;
};

namespace {

// The audit log keeps before and after as JSON text; scripts get them as JSON values again.
json stored_value(const std::string& text) {
  if (text.empty()) {
    return nullptr;
  }
  auto parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  return parsed.is_discarded() ? json(text) : parsed;
}

json to_json(const portal::AuditRow& row, const core::TimeZone& zone) {
  return {{"id", row.id},
          {"at", zone.format_local(row.at)},
          {"actor", row.actor.empty() ? json(nullptr) : json(row.actor)},
          {"action", row.action},
          {"student_number", row.student_number.empty() ? json(nullptr) : json(row.student_number)},
          {"subject", row.subject},
          {"before", stored_value(row.before)},
          {"after", stored_value(row.after)}};
}

}  // namespace

void run_audit(const AuditOptions& options, Context& context) {
  std::optional<core::Date> since;
  if (options.since) {
    since = parse_date_argument("--since", *options.since, context.today());
  }
  auto rows = unwrap(context.portal().audit(options.student, since));
  const auto& zone = context.time_zone();
  if (context.format() == OutputFormat::json) {
    auto array = json::array();
    for (const auto& row : rows) {
      array.push_back(to_json(row, zone));
    }
    fmt::print(context.out, "{}\n", array.dump(2));
    return;
  }
  auto style = table_style(context);
  Table table(style, {{"ID", "id", Align::right, Shown::csv_only},
                      {"AT", "at"},
                      {"ACTOR", "actor"},
                      {"ACTION", "action"},
                      {"STUDENT", "student_number"},
                      {"SUBJECT", "subject"},
                      {"BEFORE", "before", Align::left, Shown::csv_only},
                      {"AFTER", "after", Align::left, Shown::csv_only}});
  for (const auto& row : rows) {
    // The system (imports, jobs) has no e-mail address.
    std::string actor = row.actor.empty() && style != TableStyle::csv ? "system" : row.actor;
    table.add_row({std::to_string(row.id), instant_cell(row.at, zone, style), actor, row.action,
                   row.student_number, row.subject, row.before, row.after});
  }
  print_table(table, context);
}

void register_audit(CLI::App& app, Context& context) {
  auto options = std::make_shared<AuditOptions>();
  auto* cmd = app.add_subcommand("audit", "Show the audit log (supervisors, admins)");
  cmd->footer(
      "Every change: approvals, correction requests and withdrawals, reopened weeks, hours\n"
      "added, changed or deleted, passwords, failed sign-ins, imports. Columns AT, ACTOR,\n"
      "ACTION, STUDENT, SUBJECT; --csv and --json add id, before and after.\n\n"
      "Examples:\n"
      "  bpv audit --student 1091547\n"
      "  bpv audit --since yesterday --json | jq -r '.[].action' | sort | uniq -c");
  cmd->add_option("--student", options->student, "Only this student (number or e-mail address)");
  cmd->add_option("--since", options->since, "Only from this date (YYYY-MM-DD, today, yesterday)");
  cmd->callback([options, &context] { run_audit(*options, context); });
}

}  // namespace bpv::cmd
