// bpv dashboard: what needs attention ("Dashboard").
#include "commands.hpp"
#include "context.hpp"
#include "output.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

namespace bpv::cmd {

// JSON objects keep their fields in the documented order.
using json = nlohmann::ordered_json;

void run_dashboard(Context& context) {
  auto dashboard = unwrap(context.portal().dashboard());
  if (context.format() == OutputFormat::json) {
    json document = {{"students_active", dashboard.students_active},
                     {"weeks_awaiting_approval", dashboard.weeks_awaiting_approval},
                     {"weeks_overdue", dashboard.weeks_overdue},
                     {"corrections_open", dashboard.corrections_open},
                     {"flags_open", dashboard.flags_open}};
    fmt::print(context.out, "{}\n", document.dump(2));
    return;
  }
  if (context.quiet()) {
    return;
  }
  // Numbers right-aligned in one column, so the list reads like the portal's tiles.
  Fields fields = {
      {"Active students", std::to_string(dashboard.students_active)},
      {"Weeks awaiting approval", std::to_string(dashboard.weeks_awaiting_approval)},
      {"Weeks overdue", std::to_string(dashboard.weeks_overdue)},
      {"Open correction requests", std::to_string(dashboard.corrections_open)},
      {"Open flags", std::to_string(dashboard.flags_open)},
  };
  std::size_t width = 0;
  for (const auto& [label, value] : fields) {
    width = std::max(width, value.size());
  }
  for (auto& [label, value] : fields) {
    value.insert(0, width - value.size(), ' ');
  }
  print_fields(context.out, fields);
}

void register_dashboard(CLI::App& app, Context& context) {
  auto* cmd = app.add_subcommand("dashboard", "What needs your attention");
  cmd->footer(
      "Your active students, the weeks awaiting your approval, those past their deadline\n"
      "(Monday 23:59 after the week), open correction requests and open flags.\n"
      "JSON fields: students_active, weeks_awaiting_approval, weeks_overdue, corrections_open,\n"
      "flags_open.\n\n"
      "Examples:\n"
      "  bpv dashboard\n"
      "  bpv dashboard --json | jq .weeks_overdue");
  cmd->callback([&context] { run_dashboard(context); });
}

}  // namespace bpv::cmd
