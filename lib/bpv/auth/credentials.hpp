#pragma once

#include <bpv/core/error.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace bpv::auth {

// A new session token: 256 random bits as "bpv_" and 64 hex digits.
std::string new_session_token();

// The SHA-256 of `token` in hex: all the database keeps of a session token.
std::string hash_token(std::string_view token);

// The file that keeps a user's session tokens, one per database path or server URL. Mode 0600;
// a file that group or others may read is refused with a message that says how to fix it.
class CredentialsFile {
 public:
  explicit CredentialsFile(std::filesystem::path path) : m_path(std::move(path)) {}
  const std::filesystem::path& path() const { return m_path; }

  // The token stored for `key`, if any.
  Result<std::optional<std::string>> token_for(std::string_view key) const;
  // Stores `token` for `key` (replacing an older one), writing the file atomically with mode 0600.
  Result<void> store(std::string_view key, std::string_view token, std::string_view email);
  // Forgets the token for `key`; nothing happens when there is none.
  Result<void> remove(std::string_view key);

 private:
  std::filesystem::path m_path;
};

}  // namespace bpv::auth
