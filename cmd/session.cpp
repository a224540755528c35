// bpv login, logout, whoami, passwd: signing in and out, and one's own password.
#include "commands.hpp"
#include "context.hpp"
#include "terminal.hpp"

#include <bpv/auth/password.hpp>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

namespace bpv::cmd {

// JSON objects keep their fields in the documented order.
using json = nlohmann::ordered_json;

enum class PasswordSource { prompt, stdin_line };

struct LoginOptions {
  std::string user;
  PasswordSource password = PasswordSource::prompt;
};

struct PasswdOptions {
  PasswordSource password = PasswordSource::prompt;
};

namespace {

std::string describe(const portal::Actor& actor) {
  return fmt::format("{} <{}> ({})", actor.name.empty() ? actor.email : actor.name, actor.email,
                     store::to_string(actor.role));
}

json to_json(const portal::Actor& actor) {
  return {{"email", actor.email}, {"name", actor.name}, {"role", store::to_string(actor.role)}};
}

// Asks for a new password twice on the terminal; the two must be the same.
std::string prompt_new_password(const std::string& prompt) {
  auto password = prompt_password(prompt);
  if (prompt_password("Again: ") != password) {
    throw Failure(ErrorKind::usage, "the two passwords differ; nothing was changed");
  }
  return password;
}

}  // namespace

void run_login(const LoginOptions& options, Context& context) {
  const bool from_stdin = options.password == PasswordSource::stdin_line;
  std::string password = from_stdin ? read_line_from_stdin("password")
                                    : prompt_password(fmt::format("Password for {}: ", options.user));
  auto session = unwrap(context.portal().login(options.user, password));
  if (session.must_change_password) {
    // A one-time password from a welcome mail: choose a new one now.
    std::string replacement;
    if (from_stdin) {
      replacement = read_line_from_stdin("new password (the second line: this was a one-time password)");
    } else {
      fmt::print(stderr, "This was a one-time password; choose your own (at least {} characters).\n",
                 auth::k_min_password_length);
      replacement = prompt_new_password("New password: ");
    }
    session = unwrap(context.portal().login(options.user, password, replacement));
  }
  context.save_session(session);
  if (context.format() == OutputFormat::json) {
    auto document = to_json(session.actor);
    document["expires_at"] = context.time_zone().format_local(session.expires_at);
    fmt::print(context.out, "{}\n", document.dump(2));
  } else if (!context.quiet()) {
    fmt::print(context.out, "Signed in as {}.\n", describe(session.actor));
  }
}

void run_logout(Context& context) {
  auto revoked = context.portal().logout();
  if (!revoked && revoked.error().kind != ErrorKind::auth) {
    throw Failure(std::move(revoked.error()));
  }
  // An expired or revoked session is forgotten all the same: nothing is left to sign out.
  context.forget_session();
  if (!context.quiet()) {
    fmt::print(context.out, "{}\n", revoked ? "Signed out." : "Not signed in; nothing to do.");
  }
}

void run_whoami(Context& context) {
  auto actor = unwrap(context.portal().whoami());
  if (context.format() == OutputFormat::json) {
    fmt::print(context.out, "{}\n", to_json(actor).dump(2));
  } else if (!context.quiet()) {
    fmt::print(context.out, "{}\n", describe(actor));
  }
}

void run_passwd(const PasswdOptions& options, Context& context) {
  std::string current;
  std::string replacement;
  if (options.password == PasswordSource::stdin_line) {
    current = read_line_from_stdin("current password");
    replacement = read_line_from_stdin("new password (the second line)");
  } else {
    current = prompt_password("Current password: ");
    replacement = prompt_new_password("New password: ");
  }
  unwrap(context.portal().change_password(current, replacement));
  if (!context.quiet()) {
    fmt::print(context.out, "Password changed.\n");
  }
}

void register_session(CLI::App& app, Context& context) {
  {
    auto options = std::make_shared<LoginOptions>();
    auto* cmd = app.add_subcommand("login", "Sign in; the session is kept for this database");
    cmd->footer(
        "The password is asked without echo, or read from the first line of standard input with\n"
        "--password-stdin; never from an argument. A one-time password (bpv users invite) must be\n"
        "replaced at the first sign-in: bpv login asks for a new one, or reads it from the second\n"
        "line of standard input. The session token is kept in\n"
        "$XDG_CONFIG_HOME/bpv/credentials (mode 0600) under the database's path; BPV_TOKEN\n"
        "overrides it. After 5 failed attempts the account is locked for 15 minutes.\n\n"
        "Examples:\n"
        "  bpv login --user marloes.verhoeven@zorgcentrumdelinde.example.nl\n"
        "  pass show bpv | bpv login --user beheer@school.example.nl --password-stdin");
    cmd->add_option("--user", options->user, "Your e-mail address")->required();
    cmd->add_flag_callback(
        "--password-stdin", [options] { options->password = PasswordSource::stdin_line; },
        "Read the password from standard input");
    cmd->callback([options, &context] { run_login(*options, context); });
  }
  {
    auto* cmd = app.add_subcommand("logout", "Sign out: revoke the session and forget its token");
    cmd->footer(
        "Also when the session has expired: the stored token is forgotten (exit 0).\n\n"
        "Example:\n"
        "  bpv logout");
    cmd->callback([&context] { run_logout(context); });
  }
  {
    auto* cmd = app.add_subcommand("whoami", "Show who is signed in");
    cmd->footer(
        "Prints NAME <EMAIL> (ROLE); with --json {email, name, role}. Exit 3 when not signed in\n"
        "or the session expired.\n\n"
        "Examples:\n"
        "  bpv whoami\n"
        "  bpv whoami --json | jq -r .role");
    cmd->callback([&context] { run_whoami(context); });
  }
  {
    auto options = std::make_shared<PasswdOptions>();
    auto* cmd = app.add_subcommand("passwd", "Change your own password");
    cmd->footer(
        "Asks for the current password and twice for the new one, without echo. With\n"
        "--password-stdin reads two lines: the current password, then the new one.\n\n"
        "Examples:\n"
        "  bpv passwd\n"
        "  printf '%s\\n%s\\n' \"$OLD\" \"$NEW\" | bpv passwd --password-stdin");
    cmd->add_flag_callback(
        "--password-stdin", [options] { options->password = PasswordSource::stdin_line; },
        "Read the current and the new password from standard input, one per line");
    cmd->callback([options, &context] { run_passwd(*options, context); });
  }
}

}  // namespace bpv::cmd
