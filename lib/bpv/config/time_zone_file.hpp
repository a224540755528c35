#pragma once

#include <bpv/core/error.hpp>
#include <bpv/core/time_zone.hpp>

#include <string_view>

namespace bpv::config {

// The zone `name` from the system's zone database: reads the one TZif file $TZDIR/NAME (default
// /usr/share/zoneinfo/NAME). Fails (usage) when the system has no zone of that name, and
// (unexpected) when the file cannot be read or is damaged.
Result<core::TimeZone> locate_time_zone(std::string_view name);

}  // namespace bpv::config
