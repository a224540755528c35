// bpv init: create a database and its first administrator.
#include "commands.hpp"
#include "context.hpp"

#include <bpv/config/national_calendars.hpp>
#include "terminal.hpp"

#include <bpv/portal/setup.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>

namespace bpv::cmd {

struct InitOptions {
  std::string admin_email;
  std::string admin_name;
  bool password_stdin = false;
};

void run_init(const InitOptions& options, Context& context) {
  portal::FirstAdmin admin{options.admin_email, options.admin_name, {}};
  if (options.password_stdin) {
    admin.password = read_line_from_stdin("password");
  } else {
    admin.password = prompt_password(fmt::format("Password for {}: ", options.admin_email));
    if (prompt_password("Again: ") != admin.password) {
      throw Failure(ErrorKind::usage, "the two passwords differ; nothing was created");
    }
  }
  const auto& path = context.config().database;
  auto calendars = unwrap(config::national_calendars());
  unwrap(portal::create_database(path, admin, calendars, context.now()));
  if (!context.quiet()) {
    fmt::print(context.out, "Created {} with administrator {}.\n", path.string(), options.admin_email);
    fmt::print(context.out, "Next: bpv --db {} import placements FILE\n", path.string());
  }
}

void register_init(CLI::App& app, Context& context) {
  auto options = std::make_shared<InitOptions>();
  auto* cmd = app.add_subcommand("init", "Create a new database and its first administrator");
  cmd->footer(
      "Refuses to touch an existing database. The password is asked twice without echo, or\n"
      "read from standard input with --password-stdin (never from an argument).\n\n"
      "Examples:\n"
      "  bpv --db school.db init --admin-email beheer@school.example.nl\n"
      "  printf '%s\\n' \"$PASSWORD\" | bpv --db school.db init --admin-email beheer@school.example.nl "
      "--password-stdin");
  cmd->add_option("--admin-email", options->admin_email, "E-mail address of the first administrator")
      ->required();
  cmd->add_option("--admin-name", options->admin_name, "Name of the first administrator");
  cmd->add_flag("--password-stdin", options->password_stdin, "Read the password from standard input");
  cmd->callback([options, &context] { run_init(*options, context); });
}

}  // namespace bpv::cmd
