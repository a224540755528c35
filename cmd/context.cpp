#include "context.hpp"

#include <bpv/config/time_zone_file.hpp>
#include <bpv/auth/credentials.hpp>
#include <bpv/portal/local_portal.hpp>
#include <bpv/store/sqlite/sqlite_store.hpp>

#include <fmt/format.h>

namespace bpv::cmd {

Context::Context(std::ostream& out_stream, std::ostream& err_stream, config::Environment environment)
    : out(out_stream), err(err_stream), m_environment(std::move(environment)) {}

Context::~Context() = default;

const config::Config& Context::config() {
  if (!m_config) {
    if (options.server) {
      throw Failure(ErrorKind::usage,
                    "--server: this version of bpv works on a local database only; use --db");
    }
    if (options.profile) {
      throw Failure(ErrorKind::usage,
                    "--profile: this version of bpv has no profiles; use --config FILE");
    }
    config::Flags flags{options.database, options.config_file, options.now};
    m_config = unwrap(config::load_config(flags, m_environment));
  }
  return *m_config;
}

const core::TimeZone& Context::time_zone() {
  if (!m_zone) {
    m_zone = unwrap(config::locate_time_zone(config().time_zone));
  }
  return *m_zone;
}

const core::Clock& Context::clock() {
  if (!m_clock) {
    if (const auto& now = config().now) {
      auto at = core::parse_instant(*now, time_zone());
      if (!at) {
        throw Failure(ErrorKind::usage, fmt::format("--now: {}", at.error().message));
      }
      m_clock = std::make_unique<core::FixedClock>(*at);
    } else {
      m_clock = std::make_unique<core::SystemClock>();
    }
  }
  return *m_clock;
}

OutputFormat Context::format() const {
  if (options.json) {
    return OutputFormat::json;
  }
  if (options.csv) {
    return OutputFormat::csv;
  }
  return OutputFormat::table;
}

store::Store& Context::store() {
  if (!m_store) {
    m_store = unwrap(store::sqlite::open_store(config().database, store::sqlite::OpenMode::existing));
  }
  return *m_store;
}

namespace {

// Where the credentials file lives: $XDG_CONFIG_HOME/bpv/credentials.
std::filesystem::path credentials_path(const config::Environment& environment) {
  auto home = environment("HOME").value_or("/");
  auto config_home = environment("XDG_CONFIG_HOME").value_or(home + "/.config");
  return std::filesystem::path(config_home) / "bpv" / "credentials";
}

// The key of this database in the credentials file: its absolute path.
std::string session_key(const std::filesystem::path& database) {
  std::error_code ec;
  auto absolute = std::filesystem::weakly_canonical(std::filesystem::absolute(database), ec);
  return "sqlite:" + (ec ? database.string() : absolute.string());
}

}  // namespace

portal::Portal& Context::portal() {
  if (!m_portal) {
    std::optional<std::string> token = m_environment("BPV_TOKEN");
    if (!token) {
      auth::CredentialsFile file(credentials_path(m_environment));
      token = unwrap(file.token_for(session_key(config().database)));
    }
    portal::PortalSettings settings;
    settings.grace_days = config().grace_days;
    settings.session_days = config().session_days;
    settings.rules.rules = config().rules;
    settings.rules.default_calendar = config().calendar;
    settings.block_on_flags = config().block_on_flags;
    settings.mail_templates = config().mail.templates;
    m_portal = std::make_unique<portal::LocalPortal>(store(), clock(), time_zone(), settings, token);
  }
  return *m_portal;
}

void Context::save_session(const portal::Session& session) {
  auth::CredentialsFile file(credentials_path(m_environment));
  unwrap(file.store(session_key(config().database), session.token, session.actor.email));
}

void Context::forget_session() {
  auth::CredentialsFile file(credentials_path(m_environment));
  unwrap(file.remove(session_key(config().database)));
}

}  // namespace bpv::cmd
