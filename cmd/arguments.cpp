#include "arguments.hpp"

#include <bpv/core/values.hpp>

#include <fmt/format.h>

namespace bpv::cmd {

namespace {

template <class T>
T named(std::string_view name, Result<T>&& result) {
  if (!result) {
    throw Failure(ErrorKind::usage, fmt::format("{}: {}", name, result.error().message));
  }
  return *result;
}

}  // namespace

core::IsoWeek parse_week_argument(std::string_view name, std::string_view text, core::Date today) {
  return named(name, core::IsoWeek::parse_argument(text, today));
}

core::Date parse_date_argument(std::string_view name, std::string_view text, core::Date today) {
  return named(name, core::Date::parse_argument(text, today));
}

core::Minutes parse_day_hours_argument(std::string_view name, std::string_view text) {
  return named(name, core::parse_day_hours(text));
}

core::Minutes parse_hours_amount_argument(std::string_view name, std::string_view text) {
  return named(name, core::parse_hours_amount(text));
}

std::string require_text(std::string_view name, std::string_view text, std::string_view what) {
  auto trimmed = core::trim(text);
  if (trimmed.empty()) {
    throw Failure(ErrorKind::usage, fmt::format("{}: {}", name, what));
  }
  return std::string(trimmed);
}

}  // namespace bpv::cmd
