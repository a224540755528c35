// Signing in: credentials, lockout and sessions.
#include <bpv/store/sqlite/sqlite_store.hpp>

#include <bpv/store/sqlite/database.hpp>

namespace bpv::store::sqlite {
namespace {

constexpr const char* k_credentials_columns =
    "id, email, name, coalesce(phone, ''), role, disabled, password_hash, must_change_password, "
    "failed_logins, locked_until";

Result<UserCredentials> read_credentials(const Statement& stmt) {
  UserCredentials credentials;
  credentials.user.id = stmt.column_int(0);
  credentials.user.email = stmt.column_text(1);
  credentials.user.name = stmt.column_text(2);
  credentials.user.phone = stmt.column_text(3);
  BPV_TRY_ASSIGN(credentials.user.role, parse_role(stmt.column_text(4)));
  credentials.user.disabled = stmt.column_int(5) != 0;
  credentials.password_hash = stmt.column_optional_text(6);
  credentials.must_change_password = stmt.column_int(7) != 0;
  credentials.failed_logins = static_cast<int>(stmt.column_int(8));
  credentials.locked_until = column_optional_instant(stmt, 9);
  return credentials;
}

}  // namespace

Result<std::optional<UserCredentials>> SqliteStore::find_credentials(std::string_view email) {
  static const std::string sql =
      std::string("SELECT ") + k_credentials_columns + " FROM users WHERE email = ?";
  BPV_TRY_ASSIGN(Statement * stmt, m_db->prepare_text(sql));
  stmt->bind(1, email);
  BPV_TRY_ASSIGN(bool found, stmt->step());
  if (!found) {
    return std::nullopt;
  }
  BPV_TRY_ASSIGN(UserCredentials credentials, read_credentials(*stmt));
  stmt->reset();
  return credentials;
}

Result<std::vector<UserCredentials>> SqliteStore::list_users() {
  static const std::string sql =
      std::string("SELECT ") + k_credentials_columns + " FROM users ORDER BY role, email";
  BPV_TRY_ASSIGN(Statement * stmt, m_db->prepare_text(sql));
  std::vector<UserCredentials> users;
  while (true) {
    BPV_TRY_ASSIGN(bool row, stmt->step());
    if (!row) {
      break;
    }
    BPV_TRY_ASSIGN(UserCredentials credentials, read_credentials(*stmt));
    users.push_back(std::move(credentials));
  }
  return users;
}

Result<void> SqliteStore::record_login_failure(Id user, int failed_logins,
                                               std::optional<core::Instant> locked_until,
                                               core::Instant now) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("UPDATE users SET failed_logins = ?, locked_until = ?, "
                               "updated_at = ? WHERE id = ?"));
  std::optional<std::int64_t> until;
  if (locked_until) {
    until = stamp(*locked_until);
  }
  stmt->bind(1, failed_logins).bind(2, until).bind(3, stamp(now)).bind(4, user);
  return stmt->run();
}

Result<void> SqliteStore::record_login_success(Id user, core::Instant now) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("UPDATE users SET failed_logins = 0, locked_until = NULL, "
                               "updated_at = ? WHERE id = ? AND (failed_logins <> 0 OR "
                               "locked_until IS NOT NULL)"));
  stmt->bind(1, stamp(now)).bind(2, user);
  return stmt->run();
}

Result<void> SqliteStore::set_password_hash(Id user, std::string_view hash, bool must_change,
                                            core::Instant now) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("UPDATE users SET password_hash = ?, must_change_password = ?, "
                               "failed_logins = 0, locked_until = NULL, updated_at = ? "
                               "WHERE id = ?"));
  stmt->bind(1, hash).bind(2, must_change ? 1 : 0).bind(3, stamp(now)).bind(4, user);
  return stmt->run();
}

Result<void> SqliteStore::set_user_disabled(Id user, bool disabled, core::Instant now) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?"));
  stmt->bind(1, disabled ? 1 : 0).bind(2, stamp(now)).bind(3, user);
  return stmt->run();
}

Result<void> SqliteStore::insert_session(Id user, std::string_view token_hash, core::Instant now,
                                         core::Instant expires_at) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("INSERT INTO sessions (user_id, token_hash, created_at, expires_at) "
                               "VALUES (?, ?, ?, ?)"));
  stmt->bind(1, user).bind(2, token_hash).bind(3, stamp(now)).bind(4, stamp(expires_at));
  return stmt->run();
}

Result<std::optional<SessionRecord>> SqliteStore::find_session(std::string_view token_hash) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("SELECT s.id, s.expires_at, s.revoked_at, u.id, u.email, u.name, "
                               "coalesce(u.phone, ''), u.role, u.disabled FROM sessions s "
                               "JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?"));
  stmt->bind(1, token_hash);
  BPV_TRY_ASSIGN(bool found, stmt->step());
  if (!found) {
    return std::nullopt;
  }
  SessionRecord session;
  session.session_id = stmt->column_int(0);
  session.expires_at = column_instant(*stmt, 1);
  session.revoked_at = column_optional_instant(*stmt, 2);
  session.user.id = stmt->column_int(3);
  session.user.email = stmt->column_text(4);
  session.user.name = stmt->column_text(5);
  session.user.phone = stmt->column_text(6);
  BPV_TRY_ASSIGN(session.user.role, parse_role(stmt->column_text(7)));
  session.user.disabled = stmt->column_int(8) != 0;
  stmt->reset();
  return session;
}

Result<void> SqliteStore::revoke_session(std::string_view token_hash, core::Instant now) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND "
                               "revoked_at IS NULL"));
  stmt->bind(1, stamp(now)).bind(2, token_hash);
  return stmt->run();
}

Result<void> SqliteStore::revoke_sessions_of(Id user, core::Instant now) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND "
                               "revoked_at IS NULL"));
  stmt->bind(1, stamp(now)).bind(2, user);
  return stmt->run();
}

}  // namespace bpv::store::sqlite
