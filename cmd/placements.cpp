// bpv placements allow-vacation: agreed exceptions to the school-vacation rule (R3).
#include "arguments.hpp"
#include "commands.hpp"
#include "context.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <string>

namespace bpv::cmd {

struct AllowVacationOptions {
  std::string student;
  std::string from;
  std::string to;
  std::string reason;
};

void run_allow_vacation(const AllowVacationOptions& options, Context& context) {
  core::Date today = context.today();
  core::Date from = parse_date_argument("--from", options.from, today);
  core::Date to = parse_date_argument("--to", options.to, today);
  unwrap(context.portal().allow_vacation(options.student, from, to, options.reason));
  if (!context.quiet()) {
    fmt::print(context.out,
               "{}: hours from {} to {} may fall in a school vacation; their SCHOOL_VACATION flags "
               "are resolved.\n",
               options.student, from.to_string(), to.to_string());
  }
}

void register_placements(CLI::App& app, Context& context) {
  auto* group = app.add_subcommand("placements", "Placement agreements (supervisors, admins)");
  group->require_subcommand(1);
  auto options = std::make_shared<AllowVacationOptions>();
  auto* allow = group->add_subcommand("allow-vacation",
                                      "Allow hours in a school vacation (an exception to R3)");
  allow->footer(
      "Records an agreed exception: hours of STUDENT from --from through --to (inclusive) may\n"
      "fall in a school vacation of the placement's calendar without a SCHOOL_VACATION flag.\n"
      "The dates are clipped to the placement. Audited. The placement import's column\n"
      "vacation_hours_allowed allows it for a whole placement.\n\n"
      "Examples:\n"
      "  bpv placements allow-vacation 1092664 --from 2026-10-17 --to 2026-10-25 \\\n"
      "      --reason \"inhaaluren afgesproken met school\"");
  allow->add_option("STUDENT", options->student, "Student number or e-mail address")->required();
  allow->add_option("--from", options->from, "First day (YYYY-MM-DD)")->required();
  allow->add_option("--to", options->to, "Last day (YYYY-MM-DD)")->required();
  allow->add_option("--reason", options->reason, "What was agreed, with whom")->required();
  allow->callback([options, &context] { run_allow_vacation(*options, context); });
}

}  // namespace bpv::cmd
