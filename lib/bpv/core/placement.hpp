#pragma once

#include <bpv/core/date.hpp>

#include <string_view>

namespace bpv::core {

enum class PlacementStatus { upcoming, active, ended };

// `upcoming`, `active`, `ended`.
std::string_view to_string(PlacementStatus status);

// Upcoming before `start`, active from `start` through `end`, ended after `end`.
PlacementStatus placement_status(Date start, Date end, Date today);

constexpr int k_default_grace_days = 30;

// The last day on which weeks of a placement ending on `end` may still be approved (R6).
inline Date approval_window_end(Date end, int grace_days) { return end.plus_days(grace_days); }

// Whether weeks of a placement ending on `end` may still be approved on `today` (R6).
inline bool approval_window_open(Date end, int grace_days, Date today) {
  return today <= approval_window_end(end, grace_days);
}

}  // namespace bpv::core
