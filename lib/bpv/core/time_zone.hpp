#pragma once

#include <bpv/core/date.hpp>
#include <bpv/core/error.hpp>
#include <bpv/core/week.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace bpv::core {

// A moment in time, to the second, in UTC.
using Instant = std::chrono::sys_seconds;

constexpr std::string_view k_default_time_zone = "Europe/Amsterdam";

// A named IANA time zone, from a TZif file (config::locate_time_zone reads it). Cheap to copy: copies share
// one immutable table of offsets.
class TimeZone {
 public:
  // Parses `bytes`, a TZif file of version 2 or later (RFC 8536): its 64-bit transitions, and the
  // POSIX TZ rule of its footer for the time after them. Fails (unexpected) when `bytes` is
  // truncated or malformed, holds leap seconds, or has a footer rule it does not understand.
  static Result<TimeZone> from_tzif(std::string_view name, std::string_view bytes);

  std::string_view name() const;
  // The civil date at `instant` in this zone.
  Date local_date(Instant instant) const;
  // The instant of local time `date` hh:mm:ss. A time skipped by a DST change is moved forward;
  // a repeated one takes the first occurrence.
  Instant at_local(Date date, int hour, int minute, int second = 0) const;
  // `2026-12-07T23:59:00+01:00`.
  std::string format_local(Instant instant) const;
  // The offset from UTC in effect at `instant` (+3600 s for Amsterdam in winter).
  std::chrono::seconds utc_offset(Instant instant) const { return offset_at(instant); }

 private:
  struct Data;
  // Every offset from UTC is less than this (from_tzif refuses others), so the instant of a local
  // time lies within it of that local time read as UTC.
  static constexpr std::chrono::hours k_max_offset{26};

  explicit TimeZone(std::shared_ptr<const Data> data) : m_data(std::move(data)) {}
  // The offset from UTC in effect at `instant`.
  std::chrono::seconds offset_at(Instant instant) const;
  // The first instant after `instant` at which the offset changes; none when it never does.
  std::optional<Instant> next_change(Instant instant) const;

  std::shared_ptr<const Data> m_data;
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
