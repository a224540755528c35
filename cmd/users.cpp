// bpv users add|set-password|list|disable|invite: accounts (administrators).
#include "commands.hpp"
#include "context.hpp"
#include "output.hpp"
#include "terminal.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

namespace bpv::cmd {

// JSON objects keep their fields in the documented order.
using json = nlohmann::ordered_json;

struct UsersAddOptions {
  std::string email;
  std::string name;
  std::string role;
};

struct UsersSetPasswordOptions {
  std::string email;
  bool password_stdin = false;
};

struct UsersDisableOptions {
  std::string email;
};

struct UsersInviteOptions {
  std::optional<std::string> email;
  bool all_new = false;
  bool dry_run = false;
};

namespace {

json to_json(const portal::UserView& user) {
  return {{"email", user.email},
          {"name", user.name},
          {"role", store::to_string(user.role)},
          {"disabled", user.disabled},
          {"has_password", user.has_password}};
}

}  // namespace

void run_users_add(const UsersAddOptions& options, Context& context) {
  auto role = store::parse_role(options.role);
  if (!role) {
    throw Failure(ErrorKind::usage, fmt::format("--role: {}", role.error().message));
  }
  auto user = unwrap(context.portal().add_user({options.email, options.name, *role}));
  if (context.format() == OutputFormat::json) {
    fmt::print(context.out, "{}\n", to_json(user).dump(2));
  } else if (!context.quiet()) {
    fmt::print(context.out, "Added {} <{}> ({}).\n", user.name, user.email,
               store::to_string(user.role));
    fmt::print(context.out, "Next: bpv users set-password {} --password-stdin\n", user.email);
  }
}

void run_users_set_password(const UsersSetPasswordOptions& options, Context& context) {
  std::string password;
  if (options.password_stdin) {
    password = read_line_from_stdin("password");
  } else {
    password = prompt_password(fmt::format("New password for {}: ", options.email));
    if (prompt_password("Again: ") != password) {
      throw Failure(ErrorKind::usage, "the two passwords differ; nothing was changed");
    }
  }
  unwrap(context.portal().set_password(options.email, password));
  if (!context.quiet()) {
    fmt::print(context.out, "Password set for {}.\n", options.email);
  }
}

void run_users_list(Context& context) {
  auto users = unwrap(context.portal().list_users());
  if (context.format() == OutputFormat::json) {
    auto array = json::array();
    for (const auto& user : users) {
      array.push_back(to_json(user));
    }
    fmt::print(context.out, "{}\n", array.dump(2));
    return;
  }
  auto style = table_style(context);
  Table table(style, {{"EMAIL", "email"},
                      {"NAME", "name"},
                      {"ROLE", "role"},
                      {"DISABLED", "disabled"},
                      {"PASSWORD", "has_password"}});
  for (const auto& user : users) {
    table.add_row({user.email, user.name, std::string(store::to_string(user.role)),
                   bool_cell(user.disabled, style), bool_cell(user.has_password, style)});
  }
  print_table(table, context);
}

void run_users_disable(const UsersDisableOptions& options, Context& context) {
  unwrap(context.portal().disable_user(options.email));
  if (!context.quiet()) {
    fmt::print(context.out, "Disabled {}; they can no longer sign in.\n", options.email);
  }
}

void run_users_invite(const UsersInviteOptions& options, Context& context) {
  if (options.email.has_value() == options.all_new) {
    throw Failure(ErrorKind::usage, "give either an EMAIL or --all-new");
  }
  auto invited = unwrap(context.portal().invite_users(options.email, options.dry_run));
  if (context.format() == OutputFormat::json) {
    auto array = json::array();
    for (const auto& user : invited) {
      array.push_back({{"email", user.email},
                       {"name", user.name},
                       {"role", store::to_string(user.role)},
                       {"invited_before", user.invited_before}});
    }
    fmt::print(context.out, "{}\n", array.dump(2));
    return;
  }
  if (context.quiet()) {
    return;
  }
  for (const auto& user : invited) {
    fmt::print(context.out, "{} {} <{}> ({}){}\n", options.dry_run ? "Would invite" : "Invited", user.name,
               user.email, store::to_string(user.role), user.invited_before ? ", again" : "");
  }
  if (invited.empty()) {
    fmt::print(context.out, "Nobody to invite: every account has a password or was invited before.\n");
  } else if (!options.dry_run) {
    fmt::print(context.out,
               "{} welcome mail(s) with a one-time password queued; bpv-jobs run send-mail delivers "
               "them.\n",
               invited.size());
  }
}

void register_users(CLI::App& app, Context& context) {
  auto* group = app.add_subcommand("users", "Manage accounts (administrators)");
  group->require_subcommand(1);
  {
    auto options = std::make_shared<UsersAddOptions>();
    auto* cmd = group->add_subcommand("add", "Add an account");
    cmd->footer(
        "The new account has no password yet: set one with bpv users set-password.\n"
        "Students, trainers and supervisors usually come with bpv import placements.\n\n"
        "Examples:\n"
        "  bpv users add j.devries@school.example.nl --name 'Jan de Vries' --role admin\n"
        "  bpv users add p.smit@mboutrecht.example.nl --name 'Petra Smit' --role supervisor");
    cmd->add_option("EMAIL", options->email, "E-mail address (the sign-in name)")->required();
    cmd->add_option("--name", options->name, "Full name")->required();
    cmd->add_option("--role", options->role, "student, trainer, supervisor or admin")->required();
    cmd->callback([options, &context] { run_users_add(*options, context); });
  }
  {
    auto options = std::make_shared<UsersSetPasswordOptions>();
    auto* cmd = group->add_subcommand("set-password", "Set someone's password");
    cmd->footer(
        "Asks twice without echo, or reads one line from standard input with --password-stdin.\n\n"
        "Examples:\n"
        "  bpv users set-password marloes.verhoeven@zorgcentrumdelinde.example.nl\n"
        "  printf '%s\\n' \"$PW\" | bpv users set-password EMAIL --password-stdin");
    cmd->add_option("EMAIL", options->email, "The account")->required();
    cmd->add_flag("--password-stdin", options->password_stdin,
                  "Read the password from standard input");
    cmd->callback([options, &context] { run_users_set_password(*options, context); });
  }
  {
    auto* cmd = group->add_subcommand("list", "List the accounts");
    cmd->footer(
        "Columns EMAIL, NAME, ROLE, DISABLED, PASSWORD; --json and --csv fields: email, name,\n"
        "role, disabled, has_password.\n\n"
        "Examples:\n"
        "  bpv users list\n"
        "  bpv users list --json | jq -r '.[] | select(.has_password | not) | .email'");
    cmd->callback([&context] { run_users_list(context); });
  }
  {
    auto options = std::make_shared<UsersDisableOptions>();
    auto* cmd = group->add_subcommand("disable", "Disable an account: it can no longer sign in");
    cmd->footer(
        "Example:\n"
        "  bpv users disable oud.collega@school.example.nl");
    cmd->add_option("EMAIL", options->email, "The account")->required();
    cmd->callback([options, &context] { run_users_disable(*options, context); });
  }
  {
    auto options = std::make_shared<UsersInviteOptions>();
    auto* cmd = group->add_subcommand("invite", "Send welcome mails with a one-time password");
    cmd->footer(
        "Gives the account a one-time password and queues a welcome mail (the template welcome)\n"
        "with the user name, that password and how to sign in. The password must be changed at\n"
        "the first sign-in (bpv login asks for a new one). --all-new invites every account\n"
        "without a password that was never invited, such as those an import created. Inviting\n"
        "one EMAIL again sends a new one-time password. The mail goes out with the next\n"
        "bpv-jobs run send-mail; the outbox forgets the password once it is sent.\n\n"
        "Examples:\n"
        "  bpv users invite --all-new --dry-run\n"
        "  bpv users invite --all-new && bpv-jobs run send-mail\n"
        "  bpv users invite marloes.verhoeven@zorgcentrumdelinde.example.nl");
    cmd->add_option("EMAIL", options->email, "The account");
    cmd->add_flag("--all-new", options->all_new, "Every account without a password, never invited");
    cmd->add_flag("--dry-run", options->dry_run, "Show who would be invited; change nothing");
    cmd->callback([options, &context] { run_users_invite(*options, context); });
  }
}

}  // namespace bpv::cmd
