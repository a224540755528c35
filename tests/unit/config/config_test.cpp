#include <bpv/config/config.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace bpv::config {
namespace {

namespace fs = std::filesystem;

// A fresh folder under /tmp, removed with everything in it at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = "/tmp/bpv_config_test.XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("mkdtemp failed");
    }
    m_path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return m_path; }

  // Writes `text` to `relative` (creating its folders) and returns the full path.
  fs::path write(const fs::path& relative, const std::string& text) const {
    fs::path file = m_path / relative;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

 private:
  fs::path m_path;
};

Environment fake_environment(std::map<std::string, std::string> variables) {
  return [variables = std::move(variables)](const char* name) -> std::optional<std::string> {
    auto found = variables.find(name);
    if (found == variables.end()) {
      return std::nullopt;
    }
    return found->second;
  };
}

class LoadConfig : public ::testing::Test {
 protected:
  // HOME and XDG_CONFIG_HOME inside the temporary folder, so no real file is ever read.
  std::map<std::string, std::string> base_environment() const {
    return {{"HOME", (m_dir.path() / "home").string()},
            {"XDG_CONFIG_HOME", (m_dir.path() / "config").string()},
            {"XDG_DATA_HOME", (m_dir.path() / "data").string()}};
  }
  fs::path user_file() const { return m_dir.path() / "config" / "bpv" / "config.yaml"; }
  fs::path system_file() const { return m_dir.path() / "etc" / "bpv" / "bpv.yaml"; }

  Config load(const Flags& flags, const std::map<std::string, std::string>& environment) {
    auto config = load_config(flags, fake_environment(environment), system_file());
    EXPECT_TRUE(config.has_value()) << config.error().message;
    return config.value_or(Config{});
  }
  Error load_error(const Flags& flags, const std::map<std::string, std::string>& environment) {
    auto config = load_config(flags, fake_environment(environment), system_file());
    if (config.has_value()) {
      ADD_FAILURE() << "configuration accepted";
      return Error{};
    }
    EXPECT_EQ(config.error().kind, ErrorKind::usage);
    return config.error();
  }
  // The error of a user file holding `text`.
  Error user_file_error(const std::string& text) {
    m_dir.write("config/bpv/config.yaml", text);
    return load_error({}, base_environment());
  }

  TempDir m_dir;
};

TEST_F(LoadConfig, DefaultsPutTheDatabaseUnderXdgDataHome) {
  const Config config = load({}, base_environment());
  EXPECT_EQ(config.database, m_dir.path() / "data" / "bpv" / "bpv.db");
  EXPECT_EQ(config.database_source, "default");
  EXPECT_EQ(config.time_zone, "Europe/Amsterdam");
  EXPECT_EQ(config.grace_days, 30);
  EXPECT_FALSE(config.now.has_value());
  EXPECT_TRUE(config.files.empty());
}

TEST_F(LoadConfig, DefaultDatabaseFallsBackToHomeLocalShare) {
  auto environment = base_environment();
  environment.erase("XDG_DATA_HOME");
  const Config config = load({}, environment);
  EXPECT_EQ(config.database, m_dir.path() / "home" / ".local" / "share" / "bpv" / "bpv.db");
  EXPECT_EQ(config.database_source, "default");
}

TEST_F(LoadConfig, UserFileIsReadWhenPresent) {
  m_dir.write("config/bpv/config.yaml",
              "version: 1\n"
              "database: /srv/bpv/school.db\n"
              "timezone: Europe/Brussels\n"
              "approval:\n"
              "  grace_days: 14\n");
  const Config config = load({}, base_environment());
  EXPECT_EQ(config.database, fs::path("/srv/bpv/school.db"));
  EXPECT_EQ(config.database_source, user_file().string() + ":2");
  EXPECT_EQ(config.time_zone, "Europe/Brussels");
  EXPECT_EQ(config.grace_days, 14);
  EXPECT_EQ(config.files, std::vector<fs::path>{user_file()});
}

TEST_F(LoadConfig, UserFileIsFoundUnderHomeConfigWithoutXdgConfigHome) {
  m_dir.write("home/.config/bpv/config.yaml", "approval:\n  grace_days: 7\n");
  auto environment = base_environment();
  environment.erase("XDG_CONFIG_HOME");
  const Config config = load({}, environment);
  EXPECT_EQ(config.grace_days, 7);
  ASSERT_EQ(config.files.size(), 1u);
  EXPECT_EQ(config.files[0], m_dir.path() / "home" / ".config" / "bpv" / "config.yaml");
}

TEST_F(LoadConfig, UserFileOverridesTheSystemFile) {
  m_dir.write("etc/bpv/bpv.yaml",
              "version: 1\n"
              "database: /srv/bpv/system.db\n"
              "timezone: Europe/London\n"
              "approval:\n"
              "  grace_days: 10\n");
  m_dir.write("config/bpv/config.yaml", "approval:\n  grace_days: 20\n");
  const Config config = load({}, base_environment());
  EXPECT_EQ(config.grace_days, 20);                            // user file
  EXPECT_EQ(config.time_zone, "Europe/London");                // only in the system file
  EXPECT_EQ(config.database, fs::path("/srv/bpv/system.db"));  // only in the system file
  EXPECT_EQ(config.files, (std::vector<fs::path>{system_file(), user_file()}));
}

TEST_F(LoadConfig, SystemFileAloneIsRead) {
  m_dir.write("etc/bpv/bpv.yaml", "approval:\n  grace_days: 45\n");
  const Config config = load({}, base_environment());
  EXPECT_EQ(config.grace_days, 45);
  EXPECT_EQ(config.files, std::vector<fs::path>{system_file()});
}

TEST_F(LoadConfig, BpvConfigIsTheOnlyFileRead) {
  m_dir.write("etc/bpv/bpv.yaml", "timezone: Europe/London\n");
  m_dir.write("config/bpv/config.yaml", "approval:\n  grace_days: 20\n");
  const fs::path chosen = m_dir.write("elsewhere/bpv.yaml", "approval:\n  grace_days: 14\n");
  auto environment = base_environment();
  environment["BPV_CONFIG"] = chosen.string();
  const Config config = load({}, environment);
  EXPECT_EQ(config.grace_days, 14);
  EXPECT_EQ(config.time_zone, "Europe/Amsterdam");
  EXPECT_EQ(config.files, std::vector<fs::path>{chosen});
}

TEST_F(LoadConfig, ConfigFlagIsTheOnlyFileReadAndBeatsBpvConfig) {
  m_dir.write("etc/bpv/bpv.yaml", "timezone: Europe/London\n");
  m_dir.write("config/bpv/config.yaml", "approval:\n  grace_days: 20\n");
  const fs::path from_env = m_dir.write("env.yaml", "approval:\n  grace_days: 14\n");
  const fs::path from_flag = m_dir.write("flag.yaml", "approval:\n  grace_days: 3\n");
  auto environment = base_environment();
  environment["BPV_CONFIG"] = from_env.string();
  Flags flags;
  flags.config_file = from_flag.string();
  const Config config = load(flags, environment);
  EXPECT_EQ(config.grace_days, 3);
  EXPECT_EQ(config.time_zone, "Europe/Amsterdam");
  EXPECT_EQ(config.files, std::vector<fs::path>{from_flag});
}

TEST_F(LoadConfig, MissingExplicitFileIsAnError) {
  Flags flags;
  flags.config_file = (m_dir.path() / "missing.yaml").string();
  const Error error = load_error(flags, base_environment());
  EXPECT_EQ(error.message, "cannot read configuration file " + *flags.config_file);
}

TEST_F(LoadConfig, DbFlagBeatsBpvDbBeatsTheFile) {
  m_dir.write("config/bpv/config.yaml", "database: /from/file.db\n");
  auto environment = base_environment();
  environment["BPV_DB"] = "/from/env.db";
  Flags flags;
  flags.database = "/from/flag.db";

  Config config = load(flags, environment);
  EXPECT_EQ(config.database, fs::path("/from/flag.db"));
  EXPECT_EQ(config.database_source, "--db");

  config = load({}, environment);
  EXPECT_EQ(config.database, fs::path("/from/env.db"));
  EXPECT_EQ(config.database_source, "BPV_DB");

  config = load({}, base_environment());
  EXPECT_EQ(config.database, fs::path("/from/file.db"));
  EXPECT_EQ(config.database_source, user_file().string() + ":1");
}

TEST_F(LoadConfig, RelativeDatabaseIsRelativeToTheConfigFilesFolder) {
  const fs::path file = m_dir.write("school/bpv.yaml", "database: data/bpv.db\n");
  Flags flags;
  flags.config_file = file.string();
  const Config config = load(flags, base_environment());
  EXPECT_EQ(config.database, m_dir.path() / "school" / "data" / "bpv.db");
}

TEST_F(LoadConfig, RelativeBpvDbIsLeftAsGiven) {
  auto environment = base_environment();
  environment["BPV_DB"] = "local.db";
  EXPECT_EQ(load({}, environment).database, fs::path("local.db"));
}

TEST_F(LoadConfig, NowComesFromBpvNowOrTheNowFlag) {
  auto environment = base_environment();
  EXPECT_FALSE(load({}, environment).now.has_value());

  environment["BPV_NOW"] = "2026-11-30T08:00";
  EXPECT_EQ(load({}, environment).now, "2026-11-30T08:00");

  Flags flags;
  flags.now = "2026-12-07T07:00Z";
  EXPECT_EQ(load(flags, environment).now, "2026-12-07T07:00Z");
}

TEST_F(LoadConfig, EmptyFileChangesNothing) {
  m_dir.write("config/bpv/config.yaml", "");
  const Config config = load({}, base_environment());
  EXPECT_EQ(config.grace_days, 30);
  EXPECT_EQ(config.database_source, "default");
  EXPECT_EQ(config.files, std::vector<fs::path>{user_file()});
}

TEST_F(LoadConfig, GraceDaysLimitsAreAccepted) {
  m_dir.write("config/bpv/config.yaml", "approval:\n  grace_days: 0\n");
  EXPECT_EQ(load({}, base_environment()).grace_days, 0);
  m_dir.write("config/bpv/config.yaml", "approval:\n  grace_days: 3650\n");
  EXPECT_EQ(load({}, base_environment()).grace_days, 3650);
}

TEST_F(LoadConfig, UnknownKeyUnderApprovalNamesFileAndLine) {
  const Error error = user_file_error(
      "version: 1\n"
      "approval:\n"
      "  grace_dayz: 10\n");
  EXPECT_EQ(error.message, user_file().string() + ":3: unknown key 'approval.grace_dayz'");
}

TEST_F(LoadConfig, UnknownTopLevelKeyNamesFileAndLine) {
  const Error error = user_file_error(
      "version: 1\n"
      "\n"
      "colour: red\n");
  EXPECT_EQ(error.message, user_file().string() + ":3: unknown key 'colour'");
}

TEST_F(LoadConfig, ErrorInTheSystemFileNamesTheSystemFile) {
  m_dir.write("etc/bpv/bpv.yaml", "grace_days: 10\n");
  const Error error = load_error({}, base_environment());
  EXPECT_EQ(error.message, system_file().string() + ":1: unknown key 'grace_days'");
}

TEST_F(LoadConfig, BadYamlNamesFileAndLine) {
  const Error error = user_file_error(
      "version: 1\n"
      "approval:\n"
      "  grace_days: [30\n");
  const std::string prefix = user_file().string() + ":";
  ASSERT_EQ(error.message.substr(0, prefix.size()), prefix) << error.message;
  EXPECT_EQ(error.message.substr(prefix.size(), 3), "4: ") << error.message;
}

TEST_F(LoadConfig, NonMappingDocumentIsRefused) {
  const Error error = user_file_error("- database\n- /srv/bpv.db\n");
  EXPECT_EQ(error.message, user_file().string() + ": the configuration must be a mapping of keys");
}

TEST_F(LoadConfig, ApprovalMustBeAMapping) {
  const Error error = user_file_error("version: 1\napproval: 30\n");
  EXPECT_EQ(error.message, user_file().string() + ":2: approval must be a mapping");
}

TEST_F(LoadConfig, DatabaseMustBeText) {
  const Error error = user_file_error("database:\n  path: /srv/bpv.db\n");
  EXPECT_EQ(error.message, user_file().string() + ":2: database must be a text value");
}

TEST_F(LoadConfig, KeyThatIsNotAPlainNameIsRefused) {
  Error error = user_file_error("? [timezone, database]\n: UTC\n");
  EXPECT_EQ(error.message, user_file().string() + ":1: a key must be a plain name");
  error = user_file_error("approval:\n  ? {grace_days: 1}\n  : 10\n");
  EXPECT_EQ(error.message, user_file().string() + ":2: a key must be a plain name");
}

TEST_F(LoadConfig, EmptyValueIsReportedOnTheLineOfItsKey) {
  const std::string file = user_file().string();
  EXPECT_EQ(user_file_error("timezone: UTC\nversion:\ndatabase: /srv/bpv.db\n").message,
            file + ":2: version must be a whole number");
  EXPECT_EQ(user_file_error("database:\ntimezone: UTC\n").message,
            file + ":1: database must be a text value");
  EXPECT_EQ(user_file_error("timezone:\n").message, file + ":1: timezone must be a text value");
  EXPECT_EQ(user_file_error("approval:\ntimezone: UTC\n").message,
            file + ":1: approval must be a mapping");
  EXPECT_EQ(user_file_error("approval:\n  grace_days:\ntimezone: UTC\n").message,
            file + ":2: approval.grace_days must be a whole number");
}

TEST_F(LoadConfig, UnknownVersionIsRefused) {
  const Error error = user_file_error("version: 2\n");
  EXPECT_EQ(error.message,
            user_file().string() + ":1: version 2 is not known to this bpv; it reads version 1");
}

TEST_F(LoadConfig, GraceDaysOutOfRangeIsRefused) {
  for (const std::string value : {"3651", "-1", "100000"}) {
    SCOPED_TRACE(value);
    const Error error = user_file_error("approval:\n  grace_days: " + value + "\n");
    EXPECT_EQ(error.message,
              user_file().string() + ":2: approval.grace_days must be between 0 and 3650");
  }
}

TEST_F(LoadConfig, GraceDaysMustBeAWholeNumber) {
  for (const std::string value : {"7.5", "thirty", "99999999999"}) {
    SCOPED_TRACE(value);
    const Error error = user_file_error("approval:\n  grace_days: " + value + "\n");
    EXPECT_EQ(error.message,
              user_file().string() + ":2: approval.grace_days must be a whole number");
  }
}

TEST(ApplyYaml, NamesTheGivenOrigin) {
  Config config;
  auto applied = apply_yaml(config, "timezone: UTC\nfoo: 1\n", "profile 'school'", "/srv");
  ASSERT_FALSE(applied.has_value());
  EXPECT_EQ(applied.error().message, "profile 'school':2: unknown key 'foo'");
  EXPECT_EQ(config.time_zone, "UTC");  // keys before the error were applied
}

TEST(ApplyYaml, ResolvesRelativeDatabaseAgainstTheBaseDirectory) {
  Config config;
  ASSERT_TRUE(apply_yaml(config, "database: bpv.db\n", "test", "/srv/school").has_value());
  EXPECT_EQ(config.database, fs::path("/srv/school/bpv.db"));
  ASSERT_TRUE(apply_yaml(config, "database: /var/lib/bpv.db\n", "test", "/srv/school").has_value());
  EXPECT_EQ(config.database, fs::path("/var/lib/bpv.db"));
  EXPECT_EQ(config.database_source, "test:1");
}

TEST(ApplyYaml, RulesSectionSetsThresholdsRulesAndBands) {
  Config config;
  auto applied = apply_yaml(config,
                            "calendar: roc-utrecht\n"
                            "approval:\n  block_on_flags: true\n"
                            "rules:\n"
                            "  default_hours_per_day: 7.5\n"
                            "  day_tolerance: 0:30\n"
                            "  week_tolerance: 2\n"
                            "  disabled: [PUBLIC_HOLIDAY, missing_week]\n"
                            "  young_worker:\n"
                            "    - {max_age: 15, max_day: 8, max_week: 40, max_four_weeks: 140}\n"
                            "    - {max_age: 17, max_day: 9, max_week: 45, max_four_weeks: 160}\n",
                            "bpv.yaml", "/srv");
  ASSERT_TRUE(applied.has_value()) << applied.error().message;
  EXPECT_EQ(config.calendar, "roc-utrecht");
  EXPECT_TRUE(config.block_on_flags);
  EXPECT_EQ(config.rules.default_day_minutes, 450);
  EXPECT_EQ(config.rules.day_tolerance, 30);
  EXPECT_EQ(config.rules.week_tolerance, 120);
  EXPECT_FALSE(config.rules.is_on(core::Rule::public_holiday));
  EXPECT_FALSE(config.rules.is_on(core::Rule::missing_week));
  EXPECT_TRUE(config.rules.is_on(core::Rule::overtime_day));
  ASSERT_EQ(config.rules.young_worker_bands.size(), 2u);
  EXPECT_EQ(config.rules.young_worker_bands[0].max_age, 15);
  EXPECT_EQ(config.rules.young_worker_bands[0].max_four_weeks, 140 * 60);
}

TEST(ApplyYaml, DefaultsOfTheRulesSection) {
  Config config;
  EXPECT_EQ(config.calendar, "midden");
  EXPECT_FALSE(config.block_on_flags);
  EXPECT_EQ(config.rules.default_day_minutes, 8 * 60);
  EXPECT_EQ(config.rules.week_tolerance, 0);
  for (const auto& rule : core::k_rules) {
    EXPECT_TRUE(config.rules.is_on(rule.rule)) << rule.code;
  }
}

TEST(ApplyYaml, UnknownRuleCodeNamesTheLineAndTheClosestCode) {
  Config config;
  auto applied = apply_yaml(config, "rules:\n  disabled:\n    - OVERTIME_DAY\n    - OVERTIM_WEEK\n",
                            "bpv.yaml", "/srv");
  ASSERT_FALSE(applied.has_value());
  EXPECT_NE(applied.error().message.find("bpv.yaml:4"), std::string::npos) << applied.error().message;
  EXPECT_NE(applied.error().message.find("did you mean OVERTIME_WEEK"), std::string::npos)
      << applied.error().message;
}

TEST(ApplyYaml, BadRuleValuesAreRefusedWithTheirKey) {
  for (const char* text : {"rules:\n  day_tolerance: lots\n", "rules:\n  default_hours_per_day: 0\n",
                           "approval:\n  block_on_flags: maybe\n", "calendar: Roc Utrecht\n",
                           "rules:\n  young_worker:\n    - {max_age: 17, max_day: 9}\n",
                           "rules:\n  young_worker:\n    - {max_age: 17, max_day: 9, max_week: 45, "
                           "max_four_weeks: 160, max_night: 1}\n"}) {
    Config config;
    auto applied = apply_yaml(config, text, "bpv.yaml", "/srv");
    ASSERT_FALSE(applied.has_value()) << text;
    EXPECT_EQ(applied.error().kind, ErrorKind::usage);
    EXPECT_EQ(applied.error().message.rfind("bpv.yaml:", 0), 0u) << applied.error().message;
  }
}

}  // namespace
}  // namespace bpv::config
