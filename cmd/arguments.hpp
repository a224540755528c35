#pragma once

#include <bpv/core/date.hpp>
#include <bpv/core/hours.hpp>
#include <bpv/core/week.hpp>

#include <string>
#include <string_view>

namespace bpv::cmd {

// Argument parsers of the command-line contract. `name` is the option or argument as the user
// sees it (`--week`, `DATE`); a malformed value throws Failure(usage) naming it, e.g.
// `--week: '2026-W54' is not a week ...`.

// `2026-W48`, `this` or `last`, relative to `today`.
core::IsoWeek parse_week_argument(std::string_view name, std::string_view text, core::Date today);
// `YYYY-MM-DD`, `today` or `yesterday`, relative to `today`.
core::Date parse_date_argument(std::string_view name, std::string_view text, core::Date today);
// The hours of one day: `7.5`, `7,5`, `7:30`, `7u30`; more than 0, at most 24.
core::Minutes parse_day_hours_argument(std::string_view name, std::string_view text);
// An amount of hours of any size (a week's total): the same forms, 0 or more.
core::Minutes parse_hours_amount_argument(std::string_view name, std::string_view text);
// A required text that is not only spaces; returns it trimmed. Throws Failure(usage) as
// `NAME: what` otherwise.
std::string require_text(std::string_view name, std::string_view text, std::string_view what);

}  // namespace bpv::cmd
