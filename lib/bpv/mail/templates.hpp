#pragma once

// The mail templates: one per kind of mail, Dutch, built in (examples/mail/<kind>.txt) and
// overridable by a file of the same name in the configured folder (mail.templates).
//
// A template is a "Subject: ..." line, an empty line and the body. Placeholders are fmt named
// arguments, e.g. {student_name}; a literal brace is written twice ({{ and }}).

#include <bpv/core/date.hpp>
#include <bpv/core/error.hpp>
#include <bpv/core/hours.hpp>

#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bpv::mail {

// The files of examples/mail, compiled in: file name and text.
extern const std::vector<std::pair<std::string_view, std::string_view>> k_builtin_template_files;

// One kind of mail: its name (the template's file name without .txt), who gets it, and the
// placeholders its template may use.
struct MailKind {
  std::string_view name;
  std::string_view description;
  std::span<const std::string_view> placeholders;
};

// Every kind, in the order the documentation lists them.
std::span<const MailKind> mail_kinds();
const MailKind* find_mail_kind(std::string_view name);

// A rendered template.
struct Composed {
  std::string subject;
  std::string body;  // lines ending in "\n"
};

using Values = std::map<std::string, std::string>;

// Values as the Dutch templates write them: hours "32,5", dates "maandag 30 november 2026".
std::string dutch_hours(core::Minutes minutes);
std::string dutch_date(core::Date date);

class Templates {
 public:
  // The built-in templates, each replaced by `<folder>/<kind>.txt` when that file exists. Every
  // template is checked: a usage error names the file and the unknown placeholder or the
  // missing Subject line.
  static Result<Templates> load(const std::filesystem::path& folder);

  // Renders `kind` with `values` (every placeholder of the kind must be given).
  Result<Composed> compose(std::string_view kind, const Values& values) const;

  // Where the template of `kind` came from: "built-in" or the file's path.
  std::string origin(std::string_view kind) const;

 private:
  struct Template {
    std::string origin;
    std::string subject;
    std::string body;
  };
  std::map<std::string, Template, std::less<>> m_templates;
};

}  // namespace bpv::mail
