#pragma once

#include <bpv/config/config.hpp>
#include <bpv/core/clock.hpp>
#include <bpv/core/date.hpp>
#include <bpv/core/time_zone.hpp>
#include <bpv/portal/portal.hpp>
#include <bpv/store/store.hpp>

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

namespace bpv::cmd {

enum class OutputFormat { table, json, csv };

// The global options, as given on the command line.
struct GlobalOptions {
  std::optional<std::string> database;
  std::optional<std::string> config_file;
  std::optional<std::string> server;
  std::optional<std::string> profile;
  std::optional<std::string> now;
  bool json = false;
  bool csv = false;
  bool quiet = false;
};

// What every command gets: configuration, clock, output streams and the database, each made
// the first time a command asks for it, so a command pays only for what it uses.
class Context {
 public:
  Context(std::ostream& out, std::ostream& err, config::Environment environment);
  ~Context();

  GlobalOptions options;
  std::ostream& out;
  std::ostream& err;

  const config::Config& config();
  const core::TimeZone& time_zone();
  const core::Clock& clock();
  core::Instant now() { return clock().now(); }
  core::Date today() { return time_zone().local_date(now()); }
  OutputFormat format() const;
  bool quiet() const { return options.quiet; }
  // The database named by the configuration; fails when it does not exist.
  store::Store& store();
  // The Portal for the caller: the session token comes from BPV_TOKEN, else from the
  // credentials file ($XDG_CONFIG_HOME/bpv/credentials) under the database's path.
  portal::Portal& portal();
  // Keeps a new session's token in the credentials file (mode 0600), under the database.
  void save_session(const portal::Session& session);
  // Forgets the stored token of this database.
  void forget_session();

 private:
  config::Environment m_environment;
  std::optional<config::Config> m_config;
  std::optional<core::TimeZone> m_zone;
  std::unique_ptr<core::Clock> m_clock;
  std::unique_ptr<store::Store> m_store;
  std::unique_ptr<portal::Portal> m_portal;
};

}  // namespace bpv::cmd
