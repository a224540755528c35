#include <bpv/config/config.hpp>

#include <bpv/core/calendar.hpp>
#include <bpv/core/hours.hpp>
#include <bpv/core/values.hpp>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace bpv::config {
namespace {

std::string where(const std::string& origin, const YAML::Node& node) {
  return fmt::format("{}:{}", origin, node.Mark().line + 1);
}

// The place of `value`. An empty value has no place of its own (yaml-cpp marks the next token,
// often the next line), so it takes its key's.
std::string where(const std::string& origin, const YAML::Node& key, const YAML::Node& value) {
  return where(origin, value.IsNull() ? key : value);
}

Result<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail(ErrorKind::usage, fmt::format("cannot read configuration file {}", path.string()));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Result<int> read_int(const YAML::Node& node, const std::string& location, const std::string& key,
                     int min, int max) {
  try {
    int value = node.as<int>();
    if (value < min || value > max) {
      return fail(ErrorKind::usage,
                  fmt::format("{}: {} must be between {} and {}", location, key, min, max));
    }
    return value;
  } catch (const YAML::Exception&) {
    return fail(ErrorKind::usage, fmt::format("{}: {} must be a whole number", location, key));
  }
}

Result<std::string> read_string(const YAML::Node& node, const std::string& location,
                                const std::string& key) {
  if (!node.IsScalar()) {
    return fail(ErrorKind::usage, fmt::format("{}: {} must be a text value", location, key));
  }
  return node.Scalar();
}

}  // namespace

Environment process_environment() {
  return [](const char* name) -> std::optional<std::string> {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') {
      return std::nullopt;
    }
    return std::string(value);
  };
}

namespace {

// One setting a configuration file may hold, by its dotted key.
struct Setting {
  std::string_view key;
  Result<void> (*apply)(Config& config, const YAML::Node& value, const std::string& location,
                        const std::filesystem::path& base_directory);
};

Result<void> set_version(Config&, const YAML::Node& value, const std::string& location,
                         const std::filesystem::path&) {
  BPV_TRY_ASSIGN(int version, read_int(value, location, "version", 1, 1000));
  if (version != 1) {
    return fail(ErrorKind::usage,
                fmt::format("{}: version {} is not known to this bpv; it reads version 1", location,
                            version));
  }
  return {};
}

Result<void> set_database(Config& config, const YAML::Node& value, const std::string& location,
                          const std::filesystem::path& base_directory) {
  BPV_TRY_ASSIGN(std::string path, read_string(value, location, "database"));
  std::filesystem::path database(path);
  config.database = database.is_relative() ? base_directory / database : database;
  config.database_source = location;
  return {};
}

Result<void> set_time_zone(Config& config, const YAML::Node& value, const std::string& location,
                           const std::filesystem::path&) {
  BPV_TRY_ASSIGN(config.time_zone, read_string(value, location, "timezone"));
  return {};
}

Result<void> set_grace_days(Config& config, const YAML::Node& value, const std::string& location,
                            const std::filesystem::path&) {
  BPV_TRY_ASSIGN(config.grace_days, read_int(value, location, "approval.grace_days", 0, 3650));
  return {};
}

Result<void> set_session_days(Config& config, const YAML::Node& value, const std::string& location,
                              const std::filesystem::path&) {
  BPV_TRY_ASSIGN(config.session_days, read_int(value, location, "sessions.days", 1, 3650));
  return {};
}

Result<bool> read_bool(const YAML::Node& node, const std::string& location, const std::string& key) {
  if (node.IsScalar()) {
    auto value = core::parse_yes_no(node.Scalar());
    if (value) {
      return *value;
    }
  }
  return fail(ErrorKind::usage, fmt::format("{}: {} must be true or false", location, key));
}

// Hours as the imports write them (`8`, `7.5`, `7:30`); 0 allowed when `allow_zero`.
Result<core::Minutes> read_hours(const YAML::Node& node, const std::string& location,
                                 const std::string& key, bool allow_zero) {
  if (node.IsScalar()) {
    auto minutes = core::parse_hours_amount(node.Scalar());
    if (minutes && (*minutes > 0 || allow_zero)) {
      return *minutes;
    }
  }
  return fail(ErrorKind::usage,
              fmt::format("{}: {} must be a number of hours such as 8, 7.5 or 7:30{}", location, key,
                          allow_zero ? " (0 for none)" : ""));
}

Result<void> set_calendar(Config& config, const YAML::Node& value, const std::string& location,
                          const std::filesystem::path&) {
  BPV_TRY_ASSIGN(std::string name, read_string(value, location, "calendar"));
  if (!core::is_valid_calendar_name(name)) {
    return fail(ErrorKind::usage,
                fmt::format("{}: calendar '{}' is not a calendar name (lower-case letters, digits, "
                            "'-', '_', '.'), e.g. midden",
                            location, name));
  }
  config.calendar = name;
  return {};
}

Result<void> set_block_on_flags(Config& config, const YAML::Node& value, const std::string& location,
                                const std::filesystem::path&) {
  BPV_TRY_ASSIGN(config.block_on_flags, read_bool(value, location, "approval.block_on_flags"));
  return {};
}

Result<void> set_rules_disabled(Config& config, const YAML::Node& value, const std::string& location,
                                const std::filesystem::path&) {
  if (!value.IsSequence()) {
    return fail(ErrorKind::usage,
                fmt::format("{}: rules.disabled must be a list of rule codes, e.g. [PUBLIC_HOLIDAY]",
                            location));
  }
  std::vector<std::string> codes;
  for (const auto& rule : core::k_rules) {
    codes.emplace_back(rule.code);
  }
  for (const auto& item : value) {
    std::string code = item.IsScalar() ? item.Scalar() : "";
    const core::RuleInfo* rule = core::find_rule(code);
    if (rule == nullptr) {
      auto closest = core::closest_name(code, codes);
      return fail(ErrorKind::usage,
                  fmt::format("{}: rules.disabled: '{}' is not a rule code{}; the codes are {}",
                              where(location.substr(0, location.rfind(':')), item), code,
                              closest.empty() ? "" : fmt::format(" (did you mean {}?)", closest),
                              fmt::join(codes, ", ")));
    }
    config.rules.disable(rule->rule);
  }
  return {};
}

Result<void> set_default_hours_per_day(Config& config, const YAML::Node& value,
                                       const std::string& location, const std::filesystem::path&) {
  BPV_TRY_ASSIGN(config.rules.default_day_minutes,
                 read_hours(value, location, "rules.default_hours_per_day", false));
  return {};
}

Result<void> set_day_tolerance(Config& config, const YAML::Node& value, const std::string& location,
                               const std::filesystem::path&) {
  BPV_TRY_ASSIGN(config.rules.day_tolerance, read_hours(value, location, "rules.day_tolerance", true));
  return {};
}

Result<void> set_week_tolerance(Config& config, const YAML::Node& value, const std::string& location,
                                const std::filesystem::path&) {
  BPV_TRY_ASSIGN(config.rules.week_tolerance, read_hours(value, location, "rules.week_tolerance", true));
  return {};
}

Result<void> set_young_worker(Config& config, const YAML::Node& value, const std::string& location,
                              const std::filesystem::path&) {
  if (!value.IsSequence()) {
    return fail(ErrorKind::usage,
                fmt::format("{}: rules.young_worker must be a list of age bands, each with max_age, "
                            "max_day, max_week and max_four_weeks (hours)",
                            location));
  }
  std::vector<core::YoungWorkerBand> bands;
  std::string origin = location.substr(0, location.rfind(':'));
  for (const auto& item : value) {
    std::string here = where(origin, item);
    if (!item.IsMap()) {
      return fail(ErrorKind::usage, fmt::format("{}: rules.young_worker: each band must be a mapping", here));
    }
    for (const auto& field : item) {
      auto name = field.first.as<std::string>();
      if (name != "max_age" && name != "max_day" && name != "max_week" && name != "max_four_weeks") {
        return fail(ErrorKind::usage,
                    fmt::format("{}: rules.young_worker: unknown key '{}'; a band has max_age, "
                                "max_day, max_week and max_four_weeks",
                                where(origin, field.first), name));
      }
    }
    for (const char* required : {"max_age", "max_day", "max_week", "max_four_weeks"}) {
      if (!item[required]) {
        return fail(ErrorKind::usage,
                    fmt::format("{}: rules.young_worker: the band lacks {}", here, required));
      }
    }
    core::YoungWorkerBand band{};
    BPV_TRY_ASSIGN(band.max_age, read_int(item["max_age"], where(origin, item["max_age"]),
                                          "rules.young_worker max_age", 0, 120));
    BPV_TRY_ASSIGN(band.max_day, read_hours(item["max_day"], where(origin, item["max_day"]),
                                            "rules.young_worker max_day", false));
    BPV_TRY_ASSIGN(band.max_week, read_hours(item["max_week"], where(origin, item["max_week"]),
                                             "rules.young_worker max_week", false));
    BPV_TRY_ASSIGN(band.max_four_weeks,
                   read_hours(item["max_four_weeks"], where(origin, item["max_four_weeks"]),
                              "rules.young_worker max_four_weeks", false));
    bands.push_back(band);
  }
  config.rules.young_worker_bands = std::move(bands);
  return {};
}

Result<void> set_mail_from(Config& config, const YAML::Node& value, const std::string& location,
                           const std::filesystem::path&) {
  BPV_TRY_ASSIGN(config.mail.from, read_string(value, location, "mail.from"));
  return {};
}

Result<void> set_smtp_url(Config& config, const YAML::Node& value, const std::string& location,
                          const std::filesystem::path&) {
  BPV_TRY_ASSIGN(std::string url, read_string(value, location, "mail.smtp.url"));
  if (!url.starts_with("smtp://") && !url.starts_with("smtps://")) {
    return fail(ErrorKind::usage,
                fmt::format("{}: mail.smtp.url must start with smtp:// or smtps://, e.g. "
                            "smtp://mail.school.example.nl:587",
                            location));
  }
  config.mail.smtp_url = url;
  return {};
}

Result<void> set_starttls(Config& config, const YAML::Node& value, const std::string& location,
                          const std::filesystem::path&) {
  BPV_TRY_ASSIGN(std::string mode, read_string(value, location, "mail.smtp.starttls"));
  if (mode != "required" && mode != "off") {
    return fail(ErrorKind::usage,
                fmt::format("{}: mail.smtp.starttls must be 'required' or 'off' (only for a relay on "
                            "the same machine)",
                            location));
  }
  config.mail.starttls_required = mode == "required";
  return {};
}

Result<void> set_smtp_user(Config& config, const YAML::Node& value, const std::string& location,
                           const std::filesystem::path&) {
  BPV_TRY_ASSIGN(config.mail.smtp_user, read_string(value, location, "mail.smtp.user"));
  return {};
}

Result<void> set_smtp_password(Config& config, const YAML::Node& value, const std::string& location,
                               const std::filesystem::path&) {
  BPV_TRY_ASSIGN(config.mail.smtp_password, read_string(value, location, "mail.smtp.password"));
  return {};
}

Result<void> set_smtp_timeout(Config& config, const YAML::Node& value, const std::string& location,
                              const std::filesystem::path&) {
  BPV_TRY_ASSIGN(config.mail.timeout_seconds, read_int(value, location, "mail.smtp.timeout_seconds", 1, 3600));
  return {};
}

Result<void> set_verify_certificate(Config& config, const YAML::Node& value, const std::string& location,
                                    const std::filesystem::path&) {
  BPV_TRY_ASSIGN(config.mail.verify_certificate, read_bool(value, location, "mail.smtp.verify_certificate"));
  return {};
}

Result<void> set_ca_file(Config& config, const YAML::Node& value, const std::string& location,
                         const std::filesystem::path& base_directory) {
  BPV_TRY_ASSIGN(std::string path, read_string(value, location, "mail.smtp.ca_file"));
  std::filesystem::path file(path);
  config.mail.ca_file = file.is_relative() ? base_directory / file : file;
  return {};
}

Result<void> set_mail_templates(Config& config, const YAML::Node& value, const std::string& location,
                                const std::filesystem::path& base_directory) {
  BPV_TRY_ASSIGN(std::string path, read_string(value, location, "mail.templates"));
  std::filesystem::path folder(path);
  config.mail.templates = folder.is_relative() ? base_directory / folder : folder;
  return {};
}

Result<void> set_max_attempts(Config& config, const YAML::Node& value, const std::string& location,
                              const std::filesystem::path&) {
  BPV_TRY_ASSIGN(config.mail.max_attempts, read_int(value, location, "mail.max_attempts", 1, 100));
  return {};
}

Result<void> set_retry_minutes(Config& config, const YAML::Node& value, const std::string& location,
                               const std::filesystem::path&) {
  BPV_TRY_ASSIGN(config.mail.retry_minutes, read_int(value, location, "mail.retry_minutes", 1, 10080));
  return {};
}

Result<void> set_escalate_after_days(Config& config, const YAML::Node& value, const std::string& location,
                                     const std::filesystem::path&) {
  BPV_TRY_ASSIGN(config.mail.escalate_after_days,
                 read_int(value, location, "mail.escalate_after_days", 0, 365));
  return {};
}

Result<void> set_exports(Config& config, const YAML::Node& value, const std::string& location,
                         const std::filesystem::path& base_directory) {
  std::string origin = location.substr(0, location.rfind(':'));
  if (!value.IsMap()) {
    return fail(ErrorKind::usage,
                fmt::format("{}: exports must map names to exports, e.g. exports: {{weekly-summary: "
                            "{{kind: summary, folder: /var/lib/bpv/exports}}}}",
                            location));
  }
  const std::vector<std::string> kinds{"hours", "summary"};
  const std::vector<std::string> formats{"csv", "jsonl", "xlsx"};
  const std::vector<std::string> periods{"last-week", "this-week", "last-month", "this-month",
                                         "school-year", "last-school-year"};
  const std::vector<std::string> statuses{"approved", "submitted", "correction", "all"};
  auto one_of = [&](const YAML::Node& node, const std::string& key, const std::vector<std::string>& allowed)
      -> Result<std::string> {
    std::string here = where(origin, node);
    BPV_TRY_ASSIGN(std::string text, read_string(node, here, key));
    if (std::find(allowed.begin(), allowed.end(), text) == allowed.end()) {
      return fail(ErrorKind::usage, fmt::format("{}: {} must be one of {}, not '{}'", here, key,
                                                fmt::join(allowed, ", "), text));
    }
    return text;
  };
  for (const auto& item : value) {
    ScheduledExport entry;
    entry.name = item.first.as<std::string>();
    std::string prefix = "exports." + entry.name;
    if (!item.second.IsMap()) {
      return fail(ErrorKind::usage, fmt::format("{}: {} must be a mapping (kind, format, folder, ...)",
                                                where(origin, item.first), prefix));
    }
    bool has_folder = false;
    for (const auto& field : item.second) {
      std::string key = field.first.as<std::string>();
      const YAML::Node& node = field.second;
      std::string here = where(origin, node);
      std::string full = prefix + "." + key;
      if (key == "kind") {
        BPV_TRY_ASSIGN(entry.kind, one_of(node, full, kinds));
      } else if (key == "format") {
        BPV_TRY_ASSIGN(entry.format, one_of(node, full, formats));
      } else if (key == "period") {
        BPV_TRY_ASSIGN(entry.period, one_of(node, full, periods));
      } else if (key == "status") {
        BPV_TRY_ASSIGN(entry.status, one_of(node, full, statuses));
      } else if (key == "excel") {
        BPV_TRY_ASSIGN(entry.excel, read_bool(node, here, full));
      } else if (key == "with_activities") {
        BPV_TRY_ASSIGN(entry.with_activities, read_bool(node, here, full));
      } else if (key == "folder") {
        BPV_TRY_ASSIGN(std::string folder, read_string(node, here, full));
        entry.folder = std::filesystem::path(folder).is_relative() ? base_directory / folder
                                                                  : std::filesystem::path(folder);
        has_folder = true;
      } else if (key == "file") {
        BPV_TRY_ASSIGN(entry.file, read_string(node, here, full));
        if (entry.file.find('/') != std::string::npos) {
          return fail(ErrorKind::usage, fmt::format("{}: {} is a file name; put the folder in folder:", here, full));
        }
      } else if (key == "company") {
        BPV_TRY_ASSIGN(entry.company, read_string(node, here, full));
      } else if (key == "programme") {
        BPV_TRY_ASSIGN(entry.programme, read_string(node, here, full));
      } else {
        return fail(ErrorKind::usage,
                    fmt::format("{}: unknown key '{}'; an export has kind, format, excel, folder, file, "
                                "period, status, company, programme and with_activities",
                                where(origin, field.first), full));
      }
    }
    if (!has_folder) {
      return fail(ErrorKind::usage, fmt::format("{}: {} needs a folder: where the files go",
                                                where(origin, item.first), prefix));
    }
    config.exports.push_back(std::move(entry));
  }
  return {};
}

constexpr Setting k_settings[] = {
    {"version", set_version},
    {"database", set_database},
    {"timezone", set_time_zone},
    {"approval.grace_days", set_grace_days},
    {"approval.block_on_flags", set_block_on_flags},
    {"sessions.days", set_session_days},
    {"calendar", set_calendar},
    {"rules.disabled", set_rules_disabled},
    {"rules.default_hours_per_day", set_default_hours_per_day},
    {"rules.day_tolerance", set_day_tolerance},
    {"rules.week_tolerance", set_week_tolerance},
    {"rules.young_worker", set_young_worker},
    {"mail.from", set_mail_from},
    {"mail.templates", set_mail_templates},
    {"mail.max_attempts", set_max_attempts},
    {"mail.retry_minutes", set_retry_minutes},
    {"mail.escalate_after_days", set_escalate_after_days},
    {"mail.smtp.url", set_smtp_url},
    {"mail.smtp.starttls", set_starttls},
    {"mail.smtp.user", set_smtp_user},
    {"mail.smtp.password", set_smtp_password},
    {"mail.smtp.timeout_seconds", set_smtp_timeout},
    {"mail.smtp.verify_certificate", set_verify_certificate},
    {"mail.smtp.ca_file", set_ca_file},
    {"exports", set_exports},
};

bool is_section(std::string_view key) {
  for (const auto& setting : k_settings) {
    if (setting.key.size() > key.size() && setting.key.starts_with(key) &&
        setting.key[key.size()] == '.') {
      return true;
    }
  }
  return false;
}

// Applies every key of `map` (whose keys are prefixed with `prefix`) to `config`.
Result<void> apply_map(Config& config, const YAML::Node& map, const std::string& prefix,
                       const std::string& origin, const std::filesystem::path& base_directory) {
  for (const auto& item : map) {
    if (!item.first.IsScalar()) {
      return fail(ErrorKind::usage,
                  fmt::format("{}: a key must be a plain name", where(origin, item.first)));
    }
    std::string key = prefix + item.first.as<std::string>();
    const YAML::Node& value = item.second;
    std::string location = where(origin, item.first, value);
    if (is_section(key)) {
      if (!value.IsMap()) {
        return fail(ErrorKind::usage, fmt::format("{}: {} must be a mapping", location, key));
      }
      BPV_TRY(apply_map(config, value, key + ".", origin, base_directory));
      continue;
    }
    const Setting* setting = nullptr;
    for (const auto& candidate : k_settings) {
      if (candidate.key == key) {
        setting = &candidate;
      }
    }
    if (setting == nullptr) {
      return fail(ErrorKind::usage,
                  fmt::format("{}: unknown key '{}'", where(origin, item.first), key));
    }
    BPV_TRY(setting->apply(config, value, location, base_directory));
  }
  return {};
}

}  // namespace

Result<void> apply_yaml(Config& config, const std::string& text, const std::string& origin,
                        const std::filesystem::path& base_directory) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    return fail(ErrorKind::usage, fmt::format("{}:{}: {}", origin, e.mark.line + 1, e.msg));
  }
  if (root.IsNull()) {
    return {};
  }
  if (!root.IsMap()) {
    return fail(ErrorKind::usage, fmt::format("{}: the configuration must be a mapping of keys", origin));
  }
  return apply_map(config, root, "", origin, base_directory);
}

Result<Config> load_config(const Flags& flags, const Environment& environment,
                           const std::filesystem::path& system_file) {
  Config config;
  auto home = environment("HOME").value_or("/");
  auto config_home = environment("XDG_CONFIG_HOME").value_or(home + "/.config");
  auto data_home = environment("XDG_DATA_HOME").value_or(home + "/.local/share");

  std::vector<std::filesystem::path> files;
  if (flags.config_file) {
    files.emplace_back(*flags.config_file);
  } else if (auto from_env = environment("BPV_CONFIG")) {
    files.emplace_back(*from_env);
  } else {
    std::error_code ec;
    if (std::filesystem::exists(system_file, ec)) {
      files.push_back(system_file);
    }
    std::filesystem::path user_file = std::filesystem::path(config_home) / "bpv" / "config.yaml";
    if (std::filesystem::exists(user_file, ec)) {
      files.push_back(user_file);
    }
  }
  for (const auto& file : files) {
    BPV_TRY_ASSIGN(std::string text, read_file(file));
    BPV_TRY(apply_yaml(config, text, file.string(), file.parent_path()));
    config.files.push_back(file);
  }

  if (flags.database) {
    config.database = *flags.database;
    config.database_source = "--db";
  } else if (auto from_env = environment("BPV_DB")) {
    config.database = *from_env;
    config.database_source = "BPV_DB";
  } else if (config.database.empty()) {
    config.database = std::filesystem::path(data_home) / "bpv" / "bpv.db";
    config.database_source = "default";
  }
  if (auto password = environment("BPV_SMTP_PASSWORD")) {
    config.mail.smtp_password = *password;
  }
  if (config.mail.templates.empty()) {
    // Next to the first configuration file read (the system's when there is one, so `bpv` and
    // `bpv-jobs` agree), else in the user's configuration folder.
    config.mail.templates = config.files.empty()
                                ? std::filesystem::path(config_home) / "bpv" / "mail"
                                : config.files.front().parent_path() / "mail";
  }
  if (flags.now) {
    config.now = flags.now;
  } else if (auto from_env = environment("BPV_NOW")) {
    config.now = from_env;
  }
  return config;
}

}  // namespace bpv::config
