// bpv violations list: what the rule checks flagged (trainers, supervisors, admins).
#include "commands.hpp"
#include "context.hpp"
#include "output.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include <optional>

namespace bpv::cmd {

using json = nlohmann::ordered_json;

struct ViolationsOptions {
  portal::ViolationQuery query;
};

void run_violations_list(const ViolationsOptions& options, Context& context) {
  auto violations = unwrap(context.portal().violations(options.query));
  const auto& zone = context.time_zone();
  if (context.format() == OutputFormat::json) {
    auto array = json::array();
    for (const auto& v : violations) {
      array.push_back({{"student_number", v.student_number},
                       {"name", v.name},
                       {"placement_id", v.placement_id},
                       {"week", v.week.to_string()},
                       {"date", v.date ? json(v.date->to_string()) : json(nullptr)},
                       {"code", v.code},
                       {"severity", v.severity},
                       {"detail", v.detail},
                       {"first_seen", zone.format_local(v.first_seen)},
                       {"resolved_at", v.resolved_at ? json(zone.format_local(*v.resolved_at)) : json(nullptr)}});
    }
    fmt::print(context.out, "{}\n", array.dump(2));
    return;
  }
  auto style = table_style(context);
  Table table(style, {{"STUDENT", "student_number"},
                      {"NAME", "name"},
                      {"WEEK", "week"},
                      {"DATE", "date"},
                      {"CODE", "code"},
                      {"SEVERITY", "severity"},
                      {"DETAIL", "detail"},
                      {"STATE", "state"}});
  for (const auto& v : violations) {
    table.add_row({v.student_number, v.name, v.week.to_string(), v.date ? v.date->to_string() : "",
                   v.code, v.severity, v.detail,
                   v.resolved_at ? fmt::format("resolved {}", local_minute(*v.resolved_at, zone)) : "open"});
  }
  if (violations.empty() && style == TableStyle::aligned && !context.quiet()) {
    fmt::print(context.out, "No flags{}.\n", options.query.open_only ? " are open" : "");
    return;
  }
  print_table(table, context);
}

void register_violations(CLI::App& app, Context& context) {
  auto* group = app.add_subcommand("violations", "What the rule checks flagged");
  group->require_subcommand(1);
  auto options = std::make_shared<ViolationsOptions>();
  auto* list = group->add_subcommand("list", "List the flags of your students");
  list->footer(
      "Flags come from the rule checks: when a student adds or changes hours, and from the\n"
      "nightly 'bpv-jobs run violations'. Codes: OVERTIME_DAY, OVERTIME_WEEK, SCHOOL_VACATION,\n"
      "PUBLIC_HOLIDAY, OUTSIDE_PLACEMENT, YOUNG_WORKER, MISSING_WEEK. Severity info never\n"
      "blocks an approval; warnings and errors do when approval.block_on_flags is set.\n"
      "A flag resolves by itself when the hours are corrected.\n\n"
      "Examples:\n"
      "  bpv violations list --open\n"
      "  bpv violations list --student 1091547 --code OVERTIME_DAY\n"
      "  bpv violations list --open --json | jq -r '.[] | [.student_number, .code] | @tsv'");
  list->add_option("--student", options->query.student, "Only this student (number or e-mail address)");
  list->add_flag("--open", options->query.open_only, "Only open flags (not resolved)");
  list->add_option("--code", options->query.code, "Only this rule code, e.g. SCHOOL_VACATION");
  list->callback([options, &context] { run_violations_list(*options, context); });
}

}  // namespace bpv::cmd
