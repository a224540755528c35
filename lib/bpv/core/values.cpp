#include <bpv/core/values.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace bpv::core {

std::string_view trim(std::string_view text) {
  constexpr std::string_view k_space = " \t\r\n";
  auto first = text.find_first_not_of(k_space);
  if (first == std::string_view::npos) {
    return {};
  }
  auto last = text.find_last_not_of(k_space);
  return text.substr(first, last - first + 1);
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
  return out;
}

Result<bool> parse_yes_no(std::string_view text) {
  std::string word = ascii_lower(trim(text));
  for (std::string_view yes : {"yes", "ja", "true", "waar", "1", "y", "j"}) {
    if (word == yes) {
      return true;
    }
  }
  for (std::string_view no : {"no", "nee", "false", "onwaar", "0", "n"}) {
    if (word == no) {
      return false;
    }
  }
  return fail(ErrorKind::usage, fmt::format("'{}' is not yes or no; write yes/no, ja/nee, true/false or 1/0", text));
}

bool looks_like_email(std::string_view text) {
  auto at = text.find('@');
  if (at == std::string_view::npos || at == 0 || text.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  auto domain = text.substr(at + 1);
  auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') {
    return false;
  }
  return std::none_of(text.begin(), text.end(),
                      [](char c) { return c == ' ' || c == '\t' || c == ',' || c == ';' || c == '<' || c == '>'; });
}

}  // namespace bpv::core
