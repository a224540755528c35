#pragma once

#include <bpv/core/error.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace bpv::core {

// A duration in whole minutes. Hours of a day, totals of a week or placement.
using Minutes = std::int64_t;

constexpr Minutes k_max_day_minutes = 24 * 60;

// Parses the hours of one day: `7.5`, `7,5`, `7:30`, `7u30`, `7h30`, `8`. Fractions are rounded
// to the nearest minute. Fails (usage) when malformed, 0 or less, or more than 24 hours.
Result<Minutes> parse_day_hours(std::string_view text);

// Parses an amount of hours of any size (contract totals, hours per week): the same forms as
// parse_day_hours without the 24-hour ceiling. Fails when malformed or negative.
Result<Minutes> parse_hours_amount(std::string_view text);

// `7.5`, `7.25`, `7.333333333333333`: the shortest decimal that reads back as minutes / 60.
std::string format_hours_decimal(Minutes minutes);
// The same as a number, for JSON.
inline double hours_as_number(Minutes minutes) { return static_cast<double>(minutes) / 60.0; }
// `7:30`, `160:00`; negative amounts get a leading '-'.
std::string format_hours_clock(Minutes minutes);

}  // namespace bpv::core
