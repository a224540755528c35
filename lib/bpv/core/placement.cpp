#include <bpv/core/placement.hpp>

namespace bpv::core {

std::string_view to_string(PlacementStatus status) {
  switch (status) {
    case PlacementStatus::upcoming:
      return "upcoming";
    case PlacementStatus::active:
      return "active";
    case PlacementStatus::ended:
      return "ended";
  }
  return "unknown";
}

PlacementStatus placement_status(Date start, Date end, Date today) {
  if (today < start) {
    return PlacementStatus::upcoming;
  }
  if (today > end) {
    return PlacementStatus::ended;
  }
  return PlacementStatus::active;
}

}  // namespace bpv::core
