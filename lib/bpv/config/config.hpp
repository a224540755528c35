#pragma once

#include <bpv/core/error.hpp>
#include <bpv/core/rules.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace bpv::config {

// Reads an environment variable; empty when unset. Passed in so tests control the environment.
using Environment = std::function<std::optional<std::string>(const char* name)>;
Environment process_environment();

// The `mail:` section: the sender, the SMTP server, templates, retries and escalation.
struct MailConfig {
  std::string from;                          // "Name <address>" or an address; required to send
  std::string smtp_url;                      // smtp://host:port or smtps://host:port
  bool starttls_required = true;             // mail.smtp.starttls: required | off
  std::string smtp_user;
  std::string smtp_password;                 // or BPV_SMTP_PASSWORD (which wins)
  int timeout_seconds = 30;
  bool verify_certificate = true;
  std::filesystem::path ca_file;             // extra CA certificates (PEM)
  std::filesystem::path templates;           // folder with <kind>.txt overriding the built-in ones
                                             // (default: `mail` next to the first config file)
  int max_attempts = 8;                      // then a message is marked failed
  int retry_minutes = 15;                    // the first retry; doubled after each failure
  int escalate_after_days = 7;               // escalations: overdue by more than this many days
  int batch_size = 500;                      // messages per send-mail batch read from the outbox
};

// One scheduled export (the `exports:` section), run by `bpv-jobs run export --config NAME`.
struct ScheduledExport {
  std::string name;
  std::string kind = "summary";        // hours | summary
  std::string format = "csv";          // csv | jsonl | xlsx
  bool excel = false;                  // CSV as Dutch Excel opens it
  std::filesystem::path folder;        // where the files go (relative to the config file)
  std::string file = "{name}-{date}.{ext}";  // {name}, {date} (the run's), {from}, {to}, {ext}
  std::string period = "last-week";    // last-week, this-week, last-month, this-month,
                                       // school-year, last-school-year
  std::string status = "all";          // approved, submitted, correction, all
  std::optional<std::string> company;
  std::optional<std::string> programme;
  bool with_activities = false;
};

// Everything bpv reads from flags, environment and configuration files.
struct Config {
  std::filesystem::path database;               // the SQLite file
  std::string database_source;                  // where `database` came from, for messages
  std::string time_zone = "Europe/Amsterdam";   // deadlines and "today"
  int grace_days = 30;                          // R6: approval window after a placement ends
  int session_days = 30;                        // sign-in sessions expire after this many days
  std::string calendar = "midden";              // placements without a calendar of their own
  bool block_on_flags = false;                  // approval refused while warnings/errors are open
  core::RuleSettings rules;                     // the `rules:` section
  MailConfig mail;                              // the `mail:` section
  std::vector<ScheduledExport> exports;         // the `exports:` section
  std::optional<std::string> now;               // clock override (--now / BPV_NOW)
  std::vector<std::filesystem::path> files;     // configuration files read, in order
};

// What the command line said; empty when not given.
struct Flags {
  std::optional<std::string> database;
  std::optional<std::string> config_file;
  std::optional<std::string> now;
};

// Resolves the configuration, first match wins: flags, environment (BPV_DB, BPV_CONFIG,
// BPV_NOW), the user's file ($XDG_CONFIG_HOME/bpv/config.yaml), the system file
// (/etc/bpv/bpv.yaml), defaults ($XDG_DATA_HOME/bpv/bpv.db). With --config or BPV_CONFIG only
// that file is read. Fails (usage) naming file and line for a bad file or an unknown key.
Result<Config> load_config(const Flags& flags, const Environment& environment,
                           const std::filesystem::path& system_file = "/etc/bpv/bpv.yaml");

// Applies one YAML configuration document to `config`. `origin` names it in errors.
Result<void> apply_yaml(Config& config, const std::string& text, const std::string& origin,
                        const std::filesystem::path& base_directory);

}  // namespace bpv::config
