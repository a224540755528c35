#pragma once

#include <bpv/core/date.hpp>
#include <bpv/core/error.hpp>
#include <bpv/core/week.hpp>

#include <chrono>
#include <string>
#include <string_view>

namespace date {
class time_zone;
}

namespace bpv::core {

// A moment in time, to the second, in UTC.
using Instant = std::chrono::sys_seconds;

constexpr std::string_view k_default_time_zone = "Europe/Amsterdam";

// A named IANA time zone from the system's zone database (tzdata).
class TimeZone {
 public:
  // Fails (usage) when the system has no zone of that name.
  static Result<TimeZone> locate(std::string_view name);

  std::string_view name() const;
  // The civil date at `instant` in this zone.
  Date local_date(Instant instant) const;
  // The instant of local time `date` hh:mm:ss. A time skipped by a DST change is moved forward;
  // a repeated one takes the first occurrence.
  Instant at_local(Date date, int hour, int minute, int second = 0) const;
  // `2026-12-07T23:59:00+01:00`.
  std::string format_local(Instant instant) const;

 private:
  explicit TimeZone(const date::time_zone* zone) : m_zone(zone) {}
  const date::time_zone* m_zone;
};

// The approval deadline of `week` (R1): Monday of the following week, 23:59 local time.
Instant approval_deadline(IsoWeek week, const TimeZone& zone);

// Whether `week` is overdue at `now`: its deadline minute has passed.
inline bool deadline_passed(Instant deadline, Instant now) {
  return now >= deadline + std::chrono::minutes(1);
}

// Parses a clock override: `2026-11-30T08:00[:ss]` in `zone`, the same with `Z` or `+01:00`, or a
// date alone (the start of that day in `zone`). Fails (usage) when malformed.
Result<Instant> parse_instant(std::string_view text, const TimeZone& zone);

}  // namespace bpv::core
