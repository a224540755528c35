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

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    row[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string closest_name(std::string_view wanted, const std::vector<std::string>& names) {
  const std::string* best = nullptr;
  std::size_t best_distance = 0;
  for (const auto& name : names) {
    std::size_t distance = edit_distance(wanted, name);
    if (best == nullptr || distance < best_distance) {
      best = &name;
      best_distance = distance;
    }
  }
  if (best == nullptr || wanted.empty()) {
    return {};
  }
  return best_distance <= 2 || best->starts_with(wanted) ? *best : std::string();
}

}  // namespace bpv::core
