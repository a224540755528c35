#include <bpv/auth/password.hpp>

#include <fmt/format.h>
#include <sodium.h>

namespace bpv::auth {
namespace {

bool sodium_ready() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

}  // namespace

Result<std::string> hash_password(std::string_view password) {
  if (password.size() < k_min_password_length) {
    return fail(ErrorKind::usage, fmt::format("the password is too short; use at least {} characters",
                                              k_min_password_length));
  }
  if (!sodium_ready()) {
    return fail(ErrorKind::unexpected, "libsodium could not be initialised");
  }
  char hash[crypto_pwhash_STRBYTES];
  // Interactive limits (2 passes, 64 MiB): a sign-in from the shell stays well under a second.
  if (crypto_pwhash_str_alg(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return fail(ErrorKind::unexpected, "out of memory while hashing the password");
  }
  return std::string(hash);
}

bool verify_password(std::string_view password, std::string_view hash) {
  if (!sodium_ready()) {
    return false;
  }
  std::string stored(hash);
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

std::string new_one_time_password() {
  constexpr std::string_view k_alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  if (sodium_init() < 0) {
    throw std::runtime_error("libsodium could not be initialised");
  }
  std::string password;
  for (int i = 0; i < 12; ++i) {
    if (i > 0 && i % 4 == 0) {
      password += '-';
    }
    password += k_alphabet[randombytes_uniform(static_cast<std::uint32_t>(k_alphabet.size()))];
  }
  return password;
}

}  // namespace bpv::auth
