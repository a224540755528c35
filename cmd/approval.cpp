// bpv approve-week, request-correction, withdraw-correction, reopen-week: the weekly approval
// ("Akkoord gehele week", "Corrigeren", "Corrigeren gehele week").
#include "arguments.hpp"
#include "commands.hpp"
#include "context.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>

namespace bpv::cmd {

// JSON objects keep their fields in the documented order.
using json = nlohmann::ordered_json;

struct ApproveWeekOptions {
  // One week of one student ...
  std::optional<std::string> student;
  std::optional<std::string> week;
  std::optional<std::string> expect_hours;
  // ... or every week awaiting approval.
  bool all = false;
  std::optional<std::string> all_week;
  portal::CleanOnly clean_only = portal::CleanOnly::no;
  portal::DryRun dry_run = portal::DryRun::no;
};

// A single entry (--date) or a whole week (--week) of a student.
struct CorrectionOptions {
  std::string student;
  std::optional<std::string> date;
  std::optional<std::string> week;
  std::optional<std::string> reason;  // request-correction only
};

struct ReopenWeekOptions {
  std::string student;
  std::string week;
  std::string reason;
};

namespace {

json to_json(const portal::WeekApproval& approval) {
  auto flags = json::array();
  for (const auto& flag : approval.flags) {
    flags.push_back({{"code", flag.code}, {"severity", flag.severity}, {"detail", flag.detail}});
  }
  return {{"student_number", approval.student_number},
          {"name", approval.name},
          {"placement_id", approval.placement_id},
          {"week", approval.week.to_string()},
          {"result", portal::to_string(approval.result)},
          {"total_hours", core::hours_as_number(approval.total_minutes)},
          {"entries", approval.entries},
          {"reason", approval.reason.empty() ? json(nullptr) : json(approval.reason)},
          {"flags", std::move(flags)}};
}

// `approved (4 entries, 33:30)`, `already approved`, `refused: <reason>`, ... The reason of
// other results (e.g. why there was nothing to approve) is for --json only.
std::string describe_result(const portal::WeekApproval& approval) {
  auto counted = [&](std::string_view what) {
    return fmt::format("{} ({} {}, {})", what, approval.entries,
                       approval.entries == 1 ? "entry" : "entries",
                       core::format_hours_clock(approval.total_minutes));
  };
  std::string text;
  switch (approval.result) {
    case portal::ApprovalResult::approved:
      text = counted("approved");
      break;
    case portal::ApprovalResult::would_approve:
      text = counted("would approve");
      break;
    case portal::ApprovalResult::already_approved:
      text = "already approved";
      break;
    case portal::ApprovalResult::skipped_flagged:
      text = "skipped (--clean-only): it has open flags";
      break;
    case portal::ApprovalResult::nothing_to_approve:
      text = "no hours to approve";
      break;
    case portal::ApprovalResult::refused:
      text = approval.reason.empty() ? "refused" : fmt::format("refused: {}", approval.reason);
      break;
  }
  return text;
}

void print_text(const portal::WeekApproval& approval, Context& context) {
  for (const auto& flag : approval.flags) {
    fmt::print(context.out, "{} {} {}: flag {} {}: {}\n", approval.student_number, approval.name,
               approval.week.to_string(), flag.severity, flag.code, flag.detail);
  }
  fmt::print(context.out, "{} {} {}: {}\n", approval.student_number, approval.name,
             approval.week.to_string(), describe_result(approval));
}

void check_single_week_options(const ApproveWeekOptions& options) {
  if (options.all) {
    if (options.student || options.week) {
      throw Failure(ErrorKind::usage,
                    "--all: give either STUDENT WEEK or --all [--week W], not both");
    }
    if (options.expect_hours) {
      throw Failure(ErrorKind::usage, "--expect-hours: only for one week of one student");
    }
    return;
  }
  if (!options.student || !options.week) {
    throw Failure(ErrorKind::usage,
                  "approve-week: give STUDENT WEEK (e.g. 1091547 last), or --all for every week "
                  "awaiting approval");
  }
  if (options.all_week) {
    throw Failure(ErrorKind::usage,
                  "--week: only with --all; for one student give WEEK after "
                  "STUDENT");
  }
  if (options.clean_only == portal::CleanOnly::yes) {
    throw Failure(ErrorKind::usage, "--clean-only: only with --all");
  }
  if (options.dry_run == portal::DryRun::yes) {
    throw Failure(ErrorKind::usage,
                  "--dry-run: only with --all; bpv logbook show STUDENT --week W "
                  "shows what approve-week would approve");
  }
}

// Exactly one of --date and --week.
void check_date_or_week(const CorrectionOptions& options) {
  if (options.date && options.week) {
    throw Failure(ErrorKind::usage, "--date: give either --date DATE or --week W, not both");
  }
  if (!options.date && !options.week) {
    throw Failure(ErrorKind::usage,
                  "give --date DATE for one day or --week W for every entry of a week");
  }
}

// `2026-11-18` or `every entry of 2026-W47`.
std::string describe_target(const std::optional<core::Date>& date,
                            const std::optional<core::IsoWeek>& week) {
  return date ? date->to_string() : fmt::format("every entry of {}", week->to_string());
}

}  // namespace

void run_approve_week(const ApproveWeekOptions& options, Context& context) {
  check_single_week_options(options);
  auto today = context.today();
  auto& portal = context.portal();
  bool as_json = context.format() == OutputFormat::json;
  if (!options.all) {
    auto week = parse_week_argument("WEEK", *options.week, today);
    std::optional<core::Minutes> expect;
    if (options.expect_hours) {
      expect = parse_hours_amount_argument("--expect-hours", *options.expect_hours);
    }
    auto approval = unwrap(portal.approve_week(*options.student, week, expect));
    if (as_json) {
      fmt::print(context.out, "{}\n", to_json(approval).dump(2));
    } else if (!context.quiet()) {
      print_text(approval, context);
    }
    return;
  }

  std::optional<core::IsoWeek> week;
  if (options.all_week) {
    week = parse_week_argument("--week", *options.all_week, today);
  }
  auto approvals = unwrap(portal.approve_all(week, options.clean_only, options.dry_run));
  if (as_json) {
    auto array = json::array();
    for (const auto& approval : approvals) {
      array.push_back(to_json(approval));
    }
    fmt::print(context.out, "{}\n", array.dump(2));
  } else if (!context.quiet()) {
    for (const auto& approval : approvals) {
      print_text(approval, context);
    }
    if (approvals.empty()) {
      fmt::print(context.out, "No weeks await approval.\n");
    }
  }
  auto refused = std::count_if(approvals.begin(), approvals.end(), [](const auto& approval) {
    return approval.result == portal::ApprovalResult::refused;
  });
  if (refused > 0) {
    throw Failure(
        ErrorKind::partial,
        fmt::format("{} of {} weeks refused; {}", refused, approvals.size(),
                    context.quiet() ? "run without -q to see why" : "the lines above say why"));
  }
}

void run_request_correction(const CorrectionOptions& options, Context& context) {
  check_date_or_week(options);
  auto reason =
      require_text("--reason", options.reason.value_or(""), "say what the student should correct");
  auto today = context.today();
  std::optional<core::Date> date;
  std::optional<core::IsoWeek> week;
  if (options.date) {
    date = parse_date_argument("--date", *options.date, today);
  } else {
    week = parse_week_argument("--week", *options.week, today);
  }
  unwrap(context.portal().request_correction(options.student, date, week, reason));
  if (!context.quiet()) {
    fmt::print(context.out, "Asked {} to correct {}: {}\n", options.student,
               describe_target(date, week), reason);
  }
}

void run_withdraw_correction(const CorrectionOptions& options, Context& context) {
  check_date_or_week(options);
  auto today = context.today();
  std::optional<core::Date> date;
  std::optional<core::IsoWeek> week;
  if (options.date) {
    date = parse_date_argument("--date", *options.date, today);
  } else {
    week = parse_week_argument("--week", *options.week, today);
  }
  unwrap(context.portal().withdraw_correction(options.student, date, week));
  if (!context.quiet()) {
    fmt::print(context.out, "Withdrew the correction request to {} for {}.\n", options.student,
               describe_target(date, week));
  }
}

void run_reopen_week(const ReopenWeekOptions& options, Context& context) {
  auto week = parse_week_argument("WEEK", options.week, context.today());
  auto reason = require_text("--reason", options.reason, "say why the week is reopened");
  unwrap(context.portal().reopen_week(options.student, week, reason));
  if (!context.quiet()) {
    fmt::print(context.out, "Reopened {} of {}: the student can change its entries again.\n",
               week.to_string(), options.student);
  }
}

void register_approval(CLI::App& app, Context& context) {
  {
    auto options = std::make_shared<ApproveWeekOptions>();
    auto* cmd = app.add_subcommand("approve-week", "Approve a whole week (trainers)");
    cmd->footer(
        "Approves and locks every entry of the week. An approved week prints so and exits 0.\n"
        "Refused (exit 6, saying why): an open correction request, a week not yet started, the\n"
        "approval window closed, or --expect-hours not the week's total. With --all: every week\n"
        "awaiting approval of all your students (or only --week W), one line per week, exit 7\n"
        "when some were refused; --clean-only skips weeks with flags.\n\n"
        "Examples:\n"
        "  bpv approve-week 1091547 last --expect-hours 31.5\n"
        "  bpv approve-week --all --clean-only --dry-run\n"
        "  bpv approve-week --all --week last --json");
    cmd->add_option("STUDENT", options->student, "Student number or e-mail address");
    cmd->add_option("WEEK", options->week, "The week: 2026-W48, this or last");
    cmd->add_option("--expect-hours", options->expect_hours,
                    "Refuse unless the week's total is this (e.g. 31.5 or 31:30)");
    cmd->add_flag("--all", options->all, "Every week awaiting approval of all your students");
    cmd->add_option("--week", options->all_week, "With --all: only this week");
    cmd->add_flag_callback(
        "--clean-only", [options] { options->clean_only = portal::CleanOnly::yes; },
        "With --all: skip weeks with flags");
    cmd->add_flag_callback(
        "--dry-run", [options] { options->dry_run = portal::DryRun::yes; },
        "With --all: say what would be approved, change nothing");
    cmd->callback([options, &context] { run_approve_week(*options, context); });
  }
  {
    auto options = std::make_shared<CorrectionOptions>();
    auto* cmd = app.add_subcommand("request-correction",
                                   "Send an entry or a whole week back to the student");
    cmd->footer(
        "The student changes the entry (or entries) and the week can be approved again; until\n"
        "then approve-week refuses the week. Approved entries cannot be sent back.\n\n"
        "Examples:\n"
        "  bpv request-correction 1091547 --date 2026-11-18 --reason 'Max 8 uur per dag'\n"
        "  bpv request-correction 1091547 --week last --reason 'Pauzes niet afgetrokken'");
    cmd->add_option("STUDENT", options->student, "Student number or e-mail address")->required();
    cmd->add_option("--date", options->date, "One day's entry (YYYY-MM-DD, today, yesterday)");
    cmd->add_option("--week", options->week, "Every entry of this week (2026-W48, this, last)");
    cmd->add_option("--reason", options->reason, "What the student should correct")->required();
    cmd->callback([options, &context] { run_request_correction(*options, context); });
  }
  {
    auto options = std::make_shared<CorrectionOptions>();
    auto* cmd = app.add_subcommand("withdraw-correction", "Withdraw a correction request");
    cmd->footer(
        "Examples:\n"
        "  bpv withdraw-correction 1091547 --date 2026-11-18\n"
        "  bpv withdraw-correction 1091547 --week 2026-W47");
    cmd->add_option("STUDENT", options->student, "Student number or e-mail address")->required();
    cmd->add_option("--date", options->date, "One day's entry");
    cmd->add_option("--week", options->week, "Every entry of this week");
    cmd->callback([options, &context] { run_withdraw_correction(*options, context); });
  }
  {
    auto options = std::make_shared<ReopenWeekOptions>();
    auto* cmd = app.add_subcommand("reopen-week",
                                   "Make an approved week editable again (supervisors, admins)");
    cmd->footer(
        "The student can change the week's entries again; the reason is kept in the audit log.\n\n"
        "Example:\n"
        "  bpv reopen-week 1091547 2026-W45 --reason 'Ziekmelding op 3 november niet verwerkt'");
    cmd->add_option("STUDENT", options->student, "Student number or e-mail address")->required();
    cmd->add_option("WEEK", options->week, "The week: 2026-W48, this or last")->required();
    cmd->add_option("--reason", options->reason, "Why the week is reopened")->required();
    cmd->callback([options, &context] { run_reopen_week(*options, context); });
  }
}

}  // namespace bpv::cmd
