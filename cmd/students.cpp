// bpv students list|show: the trainer's students ("Stagiairs") and one student's tab ("Stagiair").
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

enum class Historical { no, yes };

struct StudentsListOptions {
  Historical historical = Historical::no;
};

struct StudentsShowOptions {
  std::string student;
};

namespace {

json to_json(const portal::StudentSummary& student) {
  return {{"student_number", student.student_number},
          {"name", student.name},
          {"email", student.email},
          {"company", student.company},
          {"placement_id", student.placement_id},
          {"start_date", student.start.to_string()},
          {"end_date", student.end.to_string()},
          {"status", core::to_string(student.status)},
          {"contract_hours", core::hours_as_number(student.contract_minutes)},
          {"approved_hours", core::hours_as_number(student.approved_minutes)},
          {"pending_hours", core::hours_as_number(student.pending_minutes)},
          {"weeks_awaiting_approval", student.weeks_awaiting_approval},
          {"weeks_overdue", student.weeks_overdue}};
}

json to_json(const portal::Contact& contact) {
  return {{"name", contact.name}, {"email", contact.email}, {"phone", contact.phone}};
}

json to_json(const portal::StudentDetail& detail) {
  auto document = to_json(detail.summary);
  document["phone"] = detail.student.phone;
  document["birth_date"] = detail.birth_date ? json(detail.birth_date->to_string()) : nullptr;
  document["programme"] = detail.programme;
  document["crebo"] = detail.crebo;
  document["level"] = detail.level;
  document["track"] = detail.track;
  document["company_city"] = detail.company_city;
  document["hours_per_week"] = core::hours_as_number(detail.week_minutes);
  document["hours_per_day"] =
      detail.day_minutes ? json(core::hours_as_number(*detail.day_minutes)) : nullptr;
  document["progress_percent"] = detail.progress_percent;
  document["trainer"] = to_json(detail.trainer);
  document["supervisor"] = to_json(detail.supervisor);
  return document;
}

// `Name  e-mail  phone`, leaving out what is not known.
std::string describe(const portal::Contact& contact) {
  std::string text = contact.name;
  for (const auto* part : {&contact.email, &contact.phone}) {
    if (!part->empty()) {
      text += text.empty() ? "" : ", ";
      text += *part;
    }
  }
  return text;
}

}  // namespace

void run_students_list(const StudentsListOptions& options, Context& context) {
  auto students = unwrap(context.portal().list_students(options.historical == Historical::yes));
  if (context.format() == OutputFormat::json) {
    auto array = json::array();
    for (const auto& student : students) {
      array.push_back(to_json(student));
    }
    fmt::print(context.out, "{}\n", array.dump(2));
    return;
  }
  auto style = table_style(context);
  Table table(style, {{"STUDENT", "student_number"},
                      {"NAME", "name"},
                      {"EMAIL", "email", Align::left, Shown::csv_only},
                      {"COMPANY", "company"},
                      {"PLACEMENT", "placement_id", Align::right, Shown::csv_only},
                      {"START", "start_date"},
                      {"END", "end_date"},
                      {"STATUS", "status"},
                      {"CONTRACT", "contract_hours", Align::right, Shown::csv_only},
                      {"APPROVED", "approved_hours", Align::right},
                      {"PENDING", "pending_hours", Align::right},
                      {"AWAITING", "weeks_awaiting_approval", Align::right},
                      {"OVERDUE", "weeks_overdue", Align::right}});
  for (const auto& student : students) {
    table.add_row(
        {student.student_number, student.name, student.email, student.company,
         std::to_string(student.placement_id), student.start.to_string(), student.end.to_string(),
         std::string(core::to_string(student.status)), hours_cell(student.contract_minutes, style),
         hours_cell(student.approved_minutes, style), hours_cell(student.pending_minutes, style),
         std::to_string(student.weeks_awaiting_approval), std::to_string(student.weeks_overdue)});
  }
  print_table(table, context);
}

void run_students_show(const StudentsShowOptions& options, Context& context) {
  auto detail = unwrap(context.portal().show_student(options.student));
  if (context.format() == OutputFormat::json) {
    fmt::print(context.out, "{}\n", to_json(detail).dump(2));
    return;
  }
  if (context.quiet()) {
    return;
  }
  const auto& summary = detail.summary;
  using core::format_hours_clock;
  std::string programme = detail.programme;
  if (!detail.crebo.empty()) {
    programme += fmt::format(" (crebo {})", detail.crebo);
  }
  if (!detail.level.empty()) {
    programme += fmt::format(", level {}", detail.level);
  }
  if (!detail.track.empty()) {
    programme += fmt::format(", {}", detail.track);
  }
  std::string company = summary.company;
  if (!detail.company_city.empty()) {
    company += fmt::format(", {}", detail.company_city);
  }
  std::string hours = fmt::format("{} per week", format_hours_clock(detail.week_minutes));
  if (detail.day_minutes) {
    hours += fmt::format(", {} per day", format_hours_clock(*detail.day_minutes));
  }
  fmt::print(context.out, "{} {}\n", summary.student_number, summary.name);
  print_fields(
      context.out,
      {
          {"E-mail", summary.email},
          {"Phone", detail.student.phone},
          {"Birth date", detail.birth_date ? detail.birth_date->to_string() : ""},
          {"Programme", programme},
          {"Company", company},
          {"Trainer", describe(detail.trainer)},
          {"Supervisor", describe(detail.supervisor)},
          {"Placement", fmt::format("{} to {}, {} (placement {})", summary.start.to_string(),
                                    summary.end.to_string(), core::to_string(summary.status),
                                    summary.placement_id)},
          {"Contract hours", format_hours_clock(summary.contract_minutes)},
          {"Agreed hours", hours},
          {"Approved", fmt::format("{} ({:.0f}%)", format_hours_clock(summary.approved_minutes),
                                   detail.progress_percent)},
          {"Pending", format_hours_clock(summary.pending_minutes)},
          {"Awaiting approval", fmt::format("{} weeks, {} overdue", summary.weeks_awaiting_approval,
                                            summary.weeks_overdue)},
      },
      2);
}

void register_students(CLI::App& app, Context& context) {
  auto* group = app.add_subcommand("students", "Your students and their placements");
  group->require_subcommand(1);
  {
    auto options = std::make_shared<StudentsListOptions>();
    auto* cmd = group->add_subcommand("list", "List your students' placements");
    cmd->footer(
        "Active and upcoming placements; --historical adds the ended ones. Hours approved and\n"
        "pending, weeks awaiting approval and overdue. --csv adds email, placement_id and\n"
        "contract_hours; the --json fields are listed in bpv(1).\n\n"
        "Examples:\n"
        "  bpv students list\n"
        "  bpv students list --historical --csv > stagiairs.csv\n"
        "  bpv students list --json | jq -r '.[] | select(.weeks_overdue > 0) | .student_number'");
    cmd->add_flag_callback(
        "--historical", [options] { options->historical = Historical::yes; },
        "Also placements that have ended");
    cmd->callback([options, &context] { run_students_list(*options, context); });
  }
  {
    auto options = std::make_shared<StudentsShowOptions>();
    auto* cmd = group->add_subcommand("show", "Show one student's placement and contacts");
    cmd->footer(
        "The student's contact data, programme, company, trainer and school supervisor, the\n"
        "placement's dates and contract hours, and the progress (which may pass 100%).\n\n"
        "Examples:\n"
        "  bpv students show 1091547\n"
        "  bpv students show mehmet.celik@student.mboutrecht.example.nl --json");
    cmd->add_option("STUDENT", options->student, "Student number or e-mail address")->required();
    cmd->callback([options, &context] { run_students_show(*options, context); });
  }
}

}  // namespace bpv::cmd
