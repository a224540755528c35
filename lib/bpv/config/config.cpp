#include <bpv/config/config.hpp>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

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

constexpr Setting k_settings[] = {
    {"version", set_version},
    {"database", set_database},
    {"timezone", set_time_zone},
    {"approval.grace_days", set_grace_days},
    {"sessions.days", set_session_days},
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
  if (flags.now) {
    config.now = flags.now;
  } else if (auto from_env = environment("BPV_NOW")) {
    config.now = from_env;
  }
  return config;
}

}  // namespace bpv::config
