#include "context.hpp"

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
    m_zone = unwrap(core::TimeZone::locate(config().time_zone));
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

}  // namespace bpv::cmd
