// The mail templates: the built-in Dutch ones, overrides from the configuration folder, and
// rendering with fmt named arguments.
#include <bpv/mail/templates.hpp>

#include <fmt/args.h>
#include <fmt/format.h>

#include <bpv/core/hours.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace bpv::mail {
namespace {

constexpr std::string_view k_reminder[] = {"trainer_name", "weeks_waiting", "weeks_overdue",
                                           "students", "weeks", "today"};
constexpr std::string_view k_student_reminder[] = {"student_name", "week", "week_start", "week_end",
                                                   "company", "command"};
constexpr std::string_view k_escalation[] = {"supervisor_name", "student_name", "student_number",
                                             "company", "trainer_name", "trainer_email", "week",
                                             "hours", "deadline", "days_overdue", "waiting_for"};
constexpr std::string_view k_correction_requested[] = {"student_name", "trainer_name", "week",
                                                       "what", "reason", "command"};
constexpr std::string_view k_week_reopened[] = {"student_name", "reopened_by", "week", "reason"};
constexpr std::string_view k_hours_corrected[] = {"trainer_name", "student_name", "student_number",
                                                  "week", "what", "command"};
constexpr std::string_view k_welcome[] = {"name", "email", "password", "role", "login_command"};

constexpr MailKind k_kinds[] = {
    {"reminder", "to a trainer: weeks waiting for approval, past or at their deadline (Monday)",
     k_reminder},
    {"student-reminder", "to a student: no hours recorded in the current working week",
     k_student_reminder},
    {"escalation", "to a school supervisor: a week overdue by more than mail.escalate_after_days",
     k_escalation},
    {"correction-requested", "to a student: the trainer sent an entry or a week back, with the reason",
     k_correction_requested},
    {"week-reopened", "to a student: a supervisor or administrator reopened an approved week", k_week_reopened},
    {"hours-corrected", "to a trainer: the student changed hours that were sent back",
     k_hours_corrected},
    {"welcome", "to a new user: the user name and a one-time password (bpv users invite)", k_welcome},
};

constexpr std::string_view k_weekdays[] = {"maandag", "dinsdag",  "woensdag", "donderdag",
                                           "vrijdag", "zaterdag", "zondag"};
constexpr std::string_view k_months[] = {"januari", "februari", "maart",     "april",   "mei",      "juni",
                                         "juli",    "augustus", "september", "oktober", "november", "december"};

Result<std::string> read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail(ErrorKind::unexpected, fmt::format("{}: cannot read the template", path.string()));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Renders `text` with the named `values`; a usage error naming `origin` when a placeholder is
// unknown or the braces do not match.
Result<std::string> fill(std::string_view text, const Values& values, const std::string& origin) {
  fmt::dynamic_format_arg_store<fmt::format_context> arguments;
  for (const auto& [name, value] : values) {
    arguments.push_back(fmt::arg(name.c_str(), value));
  }
  try {
    return fmt::vformat(text, arguments);
  } catch (const fmt::format_error& e) {
    return fail(ErrorKind::usage,
                fmt::format("{}: {} (placeholders are written {{name}}; a literal brace twice)",
                            origin, e.what()));
  }
}

}  // namespace

std::string dutch_hours(core::Minutes minutes) {
  std::string text = core::format_hours_decimal(minutes);
  std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

std::string dutch_date(core::Date date) {
  return fmt::format("{} {} {} {}", k_weekdays[date.iso_weekday() - 1], date.day(),
                     k_months[date.month() - 1], date.year());
}

std::span<const MailKind> mail_kinds() { return k_kinds; }

const MailKind* find_mail_kind(std::string_view name) {
  auto found = std::find_if(std::begin(k_kinds), std::end(k_kinds),
                            [&](const MailKind& kind) { return kind.name == name; });
  return found == std::end(k_kinds) ? nullptr : &*found;
}

Result<Templates> Templates::load(const std::filesystem::path& folder) {
  Templates templates;
  for (const auto& kind : k_kinds) {
    std::string file_name = std::string(kind.name) + ".txt";
    std::string text;
    std::string origin;
    std::error_code ec;
    std::filesystem::path path = folder / file_name;
    if (!folder.empty() && std::filesystem::exists(path, ec)) {
      BPV_TRY_ASSIGN(text, read_text(path));
      origin = path.string();
    } else {
      auto builtin = std::find_if(k_builtin_template_files.begin(), k_builtin_template_files.end(),
                                  [&](const auto& file) { return file.first == file_name; });
      if (builtin == k_builtin_template_files.end()) {
        return fail(ErrorKind::unexpected, fmt::format("no built-in template for '{}'", kind.name));
      }
      text = builtin->second;
      origin = "built-in " + file_name;
    }
    // Written on Windows: no byte-order mark, no carriage returns.
    if (text.starts_with("\xEF\xBB\xBF")) {
      text.erase(0, 3);
    }
    std::erase(text, '\r');
    // "Subject: ..." on the first line, an empty line, the body.
    std::string_view rest = text;
    auto line_end = rest.find('\n');
    std::string_view first = rest.substr(0, line_end);
    if (!first.starts_with("Subject:") || line_end == std::string_view::npos) {
      return fail(ErrorKind::usage,
                  fmt::format("{}:1: a template starts with a 'Subject: ...' line, then an empty "
                              "line and the body",
                              origin));
    }
    Template parsed;
    parsed.origin = origin;
    parsed.subject = std::string(first.substr(8));
    parsed.subject.erase(0, parsed.subject.find_first_not_of(' '));
    rest.remove_prefix(line_end + 1);
    if (rest.starts_with("\n")) {
      rest.remove_prefix(1);
    }
    parsed.body = std::string(rest);
    // Check every placeholder now, with sample values, so a bad override fails at once.
    Values samples;
    for (auto name : kind.placeholders) {
      samples.emplace(std::string(name), "x");
    }
    BPV_TRY(fill(parsed.subject, samples, origin + ":1"));
    BPV_TRY(fill(parsed.body, samples, origin));
    templates.m_templates.emplace(std::string(kind.name), std::move(parsed));
  }
  return templates;
}

Result<Composed> Templates::compose(std::string_view kind, const Values& values) const {
  auto found = m_templates.find(kind);
  if (found == m_templates.end()) {
    return fail(ErrorKind::unexpected, fmt::format("no mail template '{}'", kind));
  }
  const Template& chosen = found->second;
  Composed composed;
  BPV_TRY_ASSIGN(composed.subject, fill(chosen.subject, values, chosen.origin + ":1"));
  BPV_TRY_ASSIGN(composed.body, fill(chosen.body, values, chosen.origin));
  // One line, however the values look.
  std::replace(composed.subject.begin(), composed.subject.end(), '\n', ' ');
  if (!composed.body.empty() && composed.body.back() != '\n') {
    composed.body += '\n';
  }
  return composed;
}

std::string Templates::origin(std::string_view kind) const {
  auto found = m_templates.find(kind);
  return found == m_templates.end() ? std::string() : found->second.origin;
}

}  // namespace bpv::mail
