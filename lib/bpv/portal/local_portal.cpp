// The local Portal: sessions, users, imports and positions. Placements, approval and hours
// are in local_portal_placements.cpp and local_portal_hours.cpp.
#include <bpv/portal/local_portal.hpp>

#include <bpv/auth/credentials.hpp>
#include <bpv/auth/password.hpp>
#include <bpv/core/values.hpp>
#include <bpv/mail/outbox.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace bpv::portal {
namespace {

constexpr std::string_view k_sign_in_hint = "sign in with: bpv login --user EMAIL";

Actor to_actor(const store::User& user) { return Actor{user.id, user.email, user.name, user.role}; }

UserView to_view(const store::UserCredentials& credentials) {
  const auto& user = credentials.user;
  return UserView{user.id,
                  user.email,
                  user.name,
                  user.phone,
                  user.role,
                  user.disabled,
                  credentials.password_hash.has_value(),
                  credentials.must_change_password};
}

Position to_view(const store::PositionRecord& record) {
  return Position{record.id,     record.company_name, record.company_city, record.title,
                  record.programme, record.crebo,     record.level,        record.track,
                  record.places, record.start,        record.description,  record.contact,
                  record.status, record.created_at};
}

}  // namespace

std::string_view to_string(WeekStatus status) {
  switch (status) {
    case WeekStatus::open:
      return "open";
    case WeekStatus::correction:
      return "correction";
    case WeekStatus::approved:
      return "approved";
  }
  return "open";
}

std::string_view to_string(ApprovalResult result) {
  switch (result) {
    case ApprovalResult::approved:
      return "approved";
    case ApprovalResult::already_approved:
      return "already_approved";
    case ApprovalResult::nothing_to_approve:
      return "nothing_to_approve";
    case ApprovalResult::refused:
      return "refused";
    case ApprovalResult::skipped_flagged:
      return "skipped_flagged";
    case ApprovalResult::would_approve:
      return "would_approve";
  }
  return "refused";
}

LocalPortal::LocalPortal(store::Store& store, const core::Clock& clock, const core::TimeZone& zone,
                         PortalSettings settings, std::optional<std::string> token)
    : m_store(store), m_clock(clock), m_zone(zone), m_settings(settings), m_token(std::move(token)) {}

LocalPortal::~LocalPortal() = default;

Result<Actor> LocalPortal::actor() {
  if (m_actor) {
    return *m_actor;
  }
  if (!m_token || m_token->empty()) {
    return fail(ErrorKind::auth, fmt::format("not signed in; {}", k_sign_in_hint));
  }
  BPV_TRY_ASSIGN(auto session, m_store.find_session(auth::hash_token(*m_token)));
  if (!session || session->revoked_at) {
    return fail(ErrorKind::auth, fmt::format("not signed in (the session has ended); {}", k_sign_in_hint));
  }
  if (session->expires_at <= now()) {
    return fail(ErrorKind::auth, fmt::format("the session expired; {}", k_sign_in_hint));
  }
  if (session->user.disabled) {
    return fail(ErrorKind::auth, fmt::format("the account {} is disabled; ask an administrator",
                                             session->user.email));
  }
  m_actor = to_actor(session->user);
  return *m_actor;
}

Result<Actor> LocalPortal::require(std::initializer_list<Role> roles) {
  BPV_TRY_ASSIGN(Actor caller, actor());
  if (std::find(roles.begin(), roles.end(), caller.role) == roles.end()) {
    return fail(ErrorKind::forbidden,
                fmt::format("not allowed for a {}", store::to_string(caller.role)));
  }
  return caller;
}

Result<void> LocalPortal::audit_event(const Actor& caller, std::string action,
                                      std::optional<store::Id> placement, std::string subject,
                                      std::optional<std::string> before,
                                      std::optional<std::string> after) {
  return m_store.add_audit_event({caller.user_id, std::move(action), placement, std::move(subject),
                                  std::move(before), std::move(after)},
                                 now());
}

Result<Session> LocalPortal::login(std::string_view email, std::string_view password,
                                   std::optional<std::string_view> new_password) {
  auto wrong = [] {
    return fail(ErrorKind::auth, "wrong e-mail address or password");
  };
  BPV_TRY_ASSIGN(auto credentials, m_store.find_credentials(email));
  if (!credentials || credentials->user.disabled || !credentials->password_hash) {
    return wrong();
  }
  const auto& user = credentials->user;
  if (credentials->locked_until && *credentials->locked_until > now()) {
    return fail(ErrorKind::auth,
                fmt::format("{} is locked after {} failed sign-ins until {}; try again later",
                            user.email, m_settings.max_failed_logins,
                            m_zone.format_local(*credentials->locked_until)));
  }
  if (!auth::verify_password(password, *credentials->password_hash)) {
    int failures = credentials->failed_logins + 1;
    std::optional<core::Instant> locked_until;
    if (failures >= m_settings.max_failed_logins) {
      locked_until = now() + std::chrono::minutes(m_settings.lockout_minutes);
      failures = 0;
    }
    BPV_TRY(store::in_transaction(m_store, [&]() -> Result<void> {
      BPV_TRY(m_store.record_login_failure(user.id, failures, locked_until, now()));
      nlohmann::json after{{"failed_logins", locked_until ? m_settings.max_failed_logins : failures},
                           {"locked", locked_until.has_value()}};
      return audit_event(to_actor(user), "login.failed", std::nullopt, user.email, std::nullopt,
                         after.dump());
    }));
    return wrong();
  }
  Session session;
  session.actor = to_actor(user);
  std::optional<std::string> replacement_hash;
  if (credentials->must_change_password) {
    if (!new_password) {
      session.must_change_password = true;
      return session;
    }
    if (*new_password == password) {
      return fail(ErrorKind::usage, "the new password must differ from the one-time password");
    }
    BPV_TRY_ASSIGN(replacement_hash, auth::hash_password(*new_password));
  }
  session.token = auth::new_session_token();
  session.expires_at = now() + std::chrono::days(m_settings.session_days);
  BPV_TRY(store::in_transaction(m_store, [&]() -> Result<void> {
    if (replacement_hash) {
      BPV_TRY(m_store.set_password_hash(user.id, *replacement_hash, false, now()));
      BPV_TRY(audit_event(session.actor, "password.change", std::nullopt, user.email, std::nullopt,
                          R"({"one_time":true})"));
    }
    BPV_TRY(m_store.record_login_success(user.id, now()));
    BPV_TRY(m_store.insert_session(user.id, auth::hash_token(session.token), now(), session.expires_at));
    return audit_event(session.actor, "login", std::nullopt, user.email, std::nullopt, std::nullopt);
  }));
  m_token = session.token;
  m_actor = session.actor;
  return session;
}

Result<void> LocalPortal::logout() {
  BPV_TRY_ASSIGN(Actor caller, actor());
  BPV_TRY(store::in_transaction(m_store, [&]() -> Result<void> {
    BPV_TRY(m_store.revoke_session(auth::hash_token(*m_token), now()));
    return audit_event(caller, "logout", std::nullopt, caller.email, std::nullopt, std::nullopt);
  }));
  m_actor.reset();
  m_token.reset();
  return {};
}

Result<Actor> LocalPortal::whoami() { return actor(); }

Result<void> LocalPortal::change_password(std::string_view current, std::string_view replacement) {
  BPV_TRY_ASSIGN(Actor caller, actor());
  BPV_TRY_ASSIGN(auto credentials, m_store.find_credentials(caller.email));
  if (!credentials || !credentials->password_hash ||
      !auth::verify_password(current, *credentials->password_hash)) {
    return fail(ErrorKind::refused, "the current password is wrong; nothing changed");
  }
  BPV_TRY_ASSIGN(std::string hash, auth::hash_password(replacement));
  return store::in_transaction(m_store, [&]() -> Result<void> {
    BPV_TRY(m_store.set_password_hash(caller.user_id, hash, false, now()));
    return audit_event(caller, "password.change", std::nullopt, caller.email, std::nullopt,
                       std::nullopt);
  });
}

Result<UserView> LocalPortal::add_user(const NewUser& user) {
  BPV_TRY_ASSIGN(Actor caller, require({Role::admin}));
  if (!core::looks_like_email(user.email)) {
    return fail(ErrorKind::usage, fmt::format("'{}' is not an e-mail address", user.email));
  }
  if (core::trim(user.name).empty()) {
    return fail(ErrorKind::usage, "--name: a user needs a name");
  }
  BPV_TRY_ASSIGN(auto existing, m_store.find_credentials(user.email));
  if (existing) {
    return fail(ErrorKind::refused, fmt::format("{} already exists (role {})", user.email,
                                                store::to_string(existing->user.role)));
  }
  BPV_TRY(store::in_transaction(m_store, [&]() -> Result<void> {
    BPV_TRY(m_store.upsert_user({user.email, std::string(core::trim(user.name)), "", user.role, std::nullopt},
                                now()));
    nlohmann::json after{{"email", user.email}, {"name", user.name}, {"role", store::to_string(user.role)}};
    return audit_event(caller, "user.add", std::nullopt, user.email, std::nullopt, after.dump());
  }));
  BPV_TRY_ASSIGN(auto created, m_store.find_credentials(user.email));
  return to_view(*created);
}

Result<void> LocalPortal::set_password(std::string_view email, std::string_view password) {
  BPV_TRY_ASSIGN(Actor caller, require({Role::admin}));
  BPV_TRY_ASSIGN(auto credentials, m_store.find_credentials(email));
  if (!credentials) {
    return fail(ErrorKind::not_found, fmt::format("no user {}", email));
  }
  BPV_TRY_ASSIGN(std::string hash, auth::hash_password(password));
  return store::in_transaction(m_store, [&]() -> Result<void> {
    BPV_TRY(m_store.set_password_hash(credentials->user.id, hash, false, now()));
    return audit_event(caller, "password.set", std::nullopt, credentials->user.email, std::nullopt,
                       std::nullopt);
  });
}

Result<std::vector<UserView>> LocalPortal::list_users() {
  BPV_TRY(require({Role::admin}));
  BPV_TRY_ASSIGN(auto users, m_store.list_users());
  std::vector<UserView> views;
  for (const auto& user : users) {
    views.push_back(to_view(user));
  }
  return views;
}

Result<void> LocalPortal::disable_user(std::string_view email) {
  BPV_TRY_ASSIGN(Actor caller, require({Role::admin}));
  BPV_TRY_ASSIGN(auto credentials, m_store.find_credentials(email));
  if (!credentials) {
    return fail(ErrorKind::not_found, fmt::format("no user {}", email));
  }
  if (credentials->user.id == caller.user_id) {
    return fail(ErrorKind::refused, "you cannot disable your own account");
  }
  return store::in_transaction(m_store, [&]() -> Result<void> {
    BPV_TRY(m_store.set_user_disabled(credentials->user.id, true, now()));
    BPV_TRY(m_store.revoke_sessions_of(credentials->user.id, now()));
    return audit_event(caller, "user.disable", std::nullopt, credentials->user.email, std::nullopt,
                       std::nullopt);
  });
}

Result<std::vector<Invitation>> LocalPortal::invite_users(std::optional<std::string> email, bool dry_run) {
  BPV_TRY_ASSIGN(Actor caller, require({Role::admin}));
  std::vector<store::Invitee> invitees;
  if (email) {
    BPV_TRY_ASSIGN(auto credentials, m_store.find_credentials(*email));
    if (!credentials) {
      return fail(ErrorKind::not_found, fmt::format("no user {}", *email));
    }
    if (credentials->user.disabled) {
      return fail(ErrorKind::refused, fmt::format("{} is disabled; nothing was sent", credentials->user.email));
    }
    // The enabled users with when they were invited: this one's record.
    BPV_TRY_ASSIGN(auto all, m_store.invitees(false));
    auto found = std::find_if(all.begin(), all.end(),
                              [&](const store::Invitee& other) { return other.id == credentials->user.id; });
    if (found != all.end()) {
      invitees.push_back(*found);
    }
  } else {
    // Never invited, by definition of --all-new.
    BPV_TRY_ASSIGN(invitees, m_store.invitees(true));
  }
  std::vector<Invitation> invited;
  for (const auto& invitee : invitees) {
    invited.push_back({invitee.email, invitee.name, invitee.role, invitee.invited_at.has_value()});
  }
  if (dry_run || invitees.empty()) {
    return invited;
  }
  BPV_TRY(store::in_transaction(m_store, [&]() -> Result<void> {
    for (const auto& invitee : invitees) {
      std::string password = auth::new_one_time_password();
      BPV_TRY_ASSIGN(std::string hash, auth::hash_password(password));
      BPV_TRY(m_store.set_password_hash(invitee.id, hash, true, now()));
      BPV_TRY(m_store.set_invited(invitee.id, now()));
      mail::Values values{{"name", invitee.name},
                          {"email", invitee.email},
                          {"password", password},
                          {"role", std::string(store::to_string(invitee.role))},
                          {"login_command", fmt::format("bpv login --user {}", invitee.email)}};
      // Each invitation is a mail of its own (a second invite sends a new password): the key
      // takes the end of the new hash, which its random salt makes unique.
      BPV_TRY(notify("welcome", invitee.name, invitee.email,
                     fmt::format("invited {}", hash.substr(hash.size() - 22)), values, std::nullopt));
      BPV_TRY(audit_event(caller, "user.invite", std::nullopt, invitee.email, std::nullopt, std::nullopt));
    }
    return {};
  }));
  return invited;
}

Result<void> LocalPortal::notify(std::string_view kind, const std::string& name, const std::string& email,
                                 std::string_view subject, const mail::Values& values,
                                 std::optional<store::Id> placement) {
  if (!m_templates) {
    BPV_TRY_ASSIGN(m_templates, mail::Templates::load(m_settings.mail_templates));
  }
  BPV_TRY_ASSIGN(auto outgoing, mail::compose(*m_templates, kind, {name, email}, subject, values, placement));
  BPV_TRY(mail::enqueue(m_store, outgoing, now()));
  return {};
}

Result<import::ImportReport> LocalPortal::import_placements(const std::string& file,
                                                            import::DryRun dry_run) {
  BPV_TRY_ASSIGN(Actor caller, require({Role::admin}));
  return import::import_placements(m_store, file, dry_run, {caller.user_id, now(), today()});
}

Result<import::ImportReport> LocalPortal::import_hours(const std::string& file, import::DryRun dry_run) {
  BPV_TRY_ASSIGN(Actor caller, require({Role::admin}));
  return import::import_hours(m_store, file, dry_run, {caller.user_id, now(), today()});
}

Result<Position> LocalPortal::add_position(const NewPosition& position) {
  BPV_TRY_ASSIGN(Actor caller, require({Role::trainer, Role::admin}));
  if (core::trim(position.title).empty()) {
    return fail(ErrorKind::usage, "--title: a position needs a title");
  }
  if (position.places < 1) {
    return fail(ErrorKind::usage, "--places: at least 1");
  }
  std::vector<store::Company> companies;
  if (caller.role == Role::trainer) {
    BPV_TRY_ASSIGN(companies, m_store.companies_of_trainer(caller.user_id));
    if (position.company) {
      std::erase_if(companies, [&](const store::Company& c) {
        return core::ascii_lower(c.name) != core::ascii_lower(*position.company);
      });
    }
  } else if (position.company) {
    BPV_TRY_ASSIGN(companies, m_store.find_companies(*position.company));
  } else {
    return fail(ErrorKind::usage, "--company: name the company the position is at");
  }
  if (companies.empty()) {
    return fail(caller.role == Role::trainer ? ErrorKind::forbidden : ErrorKind::not_found,
                position.company ? fmt::format("no company '{}' of yours", *position.company)
                                 : std::string("you are the trainer at no company"));
  }
  if (companies.size() > 1) {
    std::string names;
    for (const auto& c : companies) {
      names += fmt::format("{}{} ({})", names.empty() ? "" : ", ", c.name, c.city);
    }
    return fail(ErrorKind::usage, fmt::format("--company: which company? {}", names));
  }
  store::PositionRecord record;
  record.company_id = companies.front().id;
  record.title = std::string(core::trim(position.title));
  record.programme = position.programme;
  record.crebo = position.crebo;
  record.level = position.level;
  record.track = position.track;
  record.places = position.places;
  record.start = position.start;
  record.description = position.description;
  record.contact = position.contact;
  record.created_by = caller.user_id;
  store::Id id = 0;
  BPV_TRY(store::in_transaction(m_store, [&]() -> Result<void> {
    BPV_TRY_ASSIGN(id, m_store.insert_position(record, now()));
    nlohmann::json after{{"id", id}, {"title", record.title}, {"company", companies.front().name}};
    return audit_event(caller, "position.add", std::nullopt, record.title, std::nullopt, after.dump());
  }));
  return show_position(id);
}

Result<std::vector<Position>> LocalPortal::list_positions(bool include_closed) {
  BPV_TRY(actor());
  BPV_TRY_ASSIGN(auto records, m_store.list_positions(std::nullopt, include_closed));
  std::vector<Position> positions;
  for (const auto& record : records) {
    positions.push_back(to_view(record));
  }
  return positions;
}

Result<Position> LocalPortal::show_position(Id id) {
  BPV_TRY(actor());
  BPV_TRY_ASSIGN(auto record, m_store.find_position(id));
  if (!record) {
    return fail(ErrorKind::not_found, fmt::format("no position {}", id));
  }
  return to_view(*record);
}

Result<void> LocalPortal::close_position(Id id) {
  BPV_TRY_ASSIGN(Actor caller, require({Role::trainer, Role::admin}));
  BPV_TRY_ASSIGN(auto record, m_store.find_position(id));
  if (!record) {
    return fail(ErrorKind::not_found, fmt::format("no position {}", id));
  }
  if (caller.role == Role::trainer) {
    BPV_TRY_ASSIGN(auto companies, m_store.companies_of_trainer(caller.user_id));
    bool own = std::any_of(companies.begin(), companies.end(),
                           [&](const store::Company& c) { return c.id == record->company_id; });
    if (!own) {
      return fail(ErrorKind::forbidden, fmt::format("position {} is not at your company", id));
    }
  }
  if (record->status == "closed") {
    return {};
  }
  return store::in_transaction(m_store, [&]() -> Result<void> {
    BPV_TRY(m_store.close_position(id, now()));
    return audit_event(caller, "position.close", std::nullopt, record->title, std::nullopt, std::nullopt);
  });
}

}  // namespace bpv::portal
