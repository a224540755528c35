#include <bpv/core/hours.hpp>

#include <fmt/format.h>

#include <cstdlib>

namespace bpv::core {
namespace {

bool all_digits(std::string_view text) {
  if (text.empty()) {
    return false;
  }
  for (char c : text) {
    if (c < '0' || c > '9') {
      return false;
    }
  }
  return true;
}

std::int64_t digits_value(std::string_view text) {
  std::int64_t value = 0;
  for (char c : text) {
    value = value * 10 + (c - '0');
  }
  return value;
}

// Parses a non-negative amount of hours in any accepted form; -1 when malformed.
Minutes parse_minutes(std::string_view text) {
  constexpr std::int64_t k_limit = 10'000'000;  // hours; far above any contract
  if (text.empty() || text.size() > 24) {
    return -1;
  }
  auto clock = text.find_first_of(":uUhH");
  if (clock != std::string_view::npos) {
    auto h = text.substr(0, clock);
    auto m = text.substr(clock + 1);
    if (!all_digits(h) || h.size() > 7 || (!m.empty() && (!all_digits(m) || m.size() != 2))) {
      return -1;
    }
    std::int64_t minutes = m.empty() ? 0 : digits_value(m);
    if (minutes >= 60) {
      return -1;
    }
    return digits_value(h) * 60 + minutes;
  }
  auto point = text.find_first_of(".,");
  auto whole = text.substr(0, point);
  auto fraction = point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
  if ((whole.empty() && fraction.empty()) || (!whole.empty() && !all_digits(whole)) ||
      (point != std::string_view::npos && !all_digits(fraction)) || whole.size() > 7) {
    return -1;
  }
  std::int64_t hours = whole.empty() ? 0 : digits_value(whole);
  if (hours > k_limit) {
    return -1;
  }
  // minutes = round((whole + fraction) * 60), exactly, from the fraction's digits.
  if (fraction.size() > 9) {
    fraction = fraction.substr(0, 9);
  }
  std::int64_t numerator = digits_value(fraction);
  std::int64_t denominator = 1;
  for (std::size_t i = 0; i < fraction.size(); ++i) {
    denominator *= 10;
  }
  std::int64_t fraction_minutes = (numerator * 60 * 2 + denominator) / (2 * denominator);
  return hours * 60 + fraction_minutes;
}

}  // namespace

Result<Minutes> parse_day_hours(std::string_view text) {
  Minutes minutes = parse_minutes(text);
  if (minutes < 0) {
    return fail(ErrorKind::usage,
                fmt::format("'{}' is not an amount of hours; write 7.5, 7,5, 7:30 or 7u30", text));
  }
  if (minutes == 0) {
    return fail(ErrorKind::usage, fmt::format("'{}' hours: must be more than 0", text));
  }
  if (minutes > k_max_day_minutes) {
    return fail(ErrorKind::usage, fmt::format("'{}' hours: a day has at most 24 hours", text));
  }
  return minutes;
}

Result<Minutes> parse_hours_amount(std::string_view text) {
  if (!text.empty() && text.front() == '-') {
    return fail(ErrorKind::usage, fmt::format("'{}' hours: must not be negative", text));
  }
  Minutes minutes = parse_minutes(text);
  if (minutes < 0) {
    return fail(ErrorKind::usage,
                fmt::format("'{}' is not an amount of hours; write 800, 7.5, 7,5 or 7:30", text));
  }
  return minutes;
}

std::string format_hours_decimal(Minutes minutes) {
  if (minutes % 60 == 0) {
    return fmt::format("{}", minutes / 60);
  }
  return fmt::format("{}", hours_as_number(minutes));
}

std::string format_hours_clock(Minutes minutes) {
  const char* sign = minutes < 0 ? "-" : "";
  Minutes magnitude = std::llabs(minutes);
  return fmt::format("{}{}:{:02}", sign, magnitude / 60, magnitude % 60);
}

}  // namespace bpv::core
