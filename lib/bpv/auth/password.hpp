#pragma once

#include <bpv/core/error.hpp>

#include <string>
#include <string_view>

namespace bpv::auth {

// The Argon2id hash of `password` in PHC string form (salt and parameters included).
// Fails (usage) when the password is shorter than k_min_password_length.
Result<std::string> hash_password(std::string_view password);

// Whether `password` matches `hash` (from hash_password).
bool verify_password(std::string_view password, std::string_view hash);

constexpr std::size_t k_min_password_length = 10;

// A one-time password for a welcome mail: 12 random characters in three groups
// ("k7pm-x3qa-9wtr"), from letters and digits that cannot be mistaken for each other.
std::string new_one_time_password();

}  // namespace bpv::auth
