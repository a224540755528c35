#pragma once

#include <bpv/core/calendar.hpp>
#include <bpv/core/error.hpp>

#include <string_view>
#include <utility>
#include <vector>

namespace bpv::config {

// The files of examples/calendars, compiled in: file name and text.
extern const std::vector<std::pair<std::string_view, std::string_view>> k_national_calendar_files;

// The national calendars bpv ships: the school vacations of the regions noord, midden and zuid
// and the public holidays (nl-holidays), as `bpv init` loads them.
Result<std::vector<core::Calendar>> national_calendars();

}  // namespace bpv::config
