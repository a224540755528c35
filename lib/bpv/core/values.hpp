#pragma once

#include <bpv/core/error.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace bpv::core {

// `text` without leading and trailing spaces, tabs and line breaks.
std::string_view trim(std::string_view text);

// Parses yes/no/ja/nee/true/false/waar/onwaar/1/0/y/n/j (any case). Fails (usage) otherwise.
Result<bool> parse_yes_no(std::string_view text);

// A plausible e-mail address: one '@', something before it, a dot in the domain, no spaces.
bool looks_like_email(std::string_view text);

// The name among `names` that `wanted` most likely misspells: within two edits, or one that
// starts with `wanted`. Empty when none is close. For "did you mean ...?" hints.
std::string closest_name(std::string_view wanted, const std::vector<std::string>& names);

// `text` in lower case (ASCII letters only; e-mail addresses are compared this way).
std::string ascii_lower(std::string_view text);

}  // namespace bpv::core
