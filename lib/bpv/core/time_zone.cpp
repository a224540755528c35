#include <bpv/core/time_zone.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace bpv::core {

Date TimeZone::local_date(Instant instant) const {
  return Date(std::chrono::floor<std::chrono::days>(instant + offset_at(instant)));
}

Instant TimeZone::at_local(Date day, int hour, int minute, int second) const {
  // `local` is the wall-clock time read as UTC. Every offset is under k_max_offset, so the instant
  // sought lies within that of `local`: walk the stretches of constant offset overlapping that
  // window, in order. The first that holds `local - offset` gives the answer, the earlier of two in
  // an overlap; when none does, `local` fell in a gap and moves to the change that opened it.
  const Instant local = Instant(day.sys_days()) + std::chrono::hours(hour) +
                        std::chrono::minutes(minute) + std::chrono::seconds(second);
  const Instant last = local + k_max_offset;
  Instant begin = local - k_max_offset;
  std::optional<std::chrono::seconds> previous_offset;
  std::optional<Instant> gap_end;
  while (true) {
    const std::chrono::seconds offset = offset_at(begin);
    const std::optional<Instant> end = next_change(begin);
    const Instant candidate = local - offset;
    if (candidate >= begin && (!end || candidate < *end)) {
      return candidate;
    }
    if (previous_offset && !gap_end && local >= begin + *previous_offset &&
        local < begin + offset) {
      gap_end = begin;
    }
    if (!end || *end > last) {
      break;
    }
    previous_offset = offset;
    begin = *end;
  }
  return gap_end ? *gap_end : local - offset_at(local);
}

std::string TimeZone::format_local(Instant instant) const {
  const std::chrono::seconds utc_offset = offset_at(instant);
  auto local = instant + utc_offset;
  auto days = std::chrono::floor<std::chrono::days>(local);
  std::chrono::hh_mm_ss<std::chrono::seconds> time(local - days);
  auto offset = std::chrono::duration_cast<std::chrono::minutes>(utc_offset).count();
  char sign = offset < 0 ? '-' : '+';
  offset = offset < 0 ? -offset : offset;
  return fmt::format("{}T{:02}:{:02}:{:02}{}{:02}:{:02}", Date(days).to_string(),
                     time.hours().count(), time.minutes().count(), time.seconds().count(), sign,
                     offset / 60, offset % 60);
}

Instant approval_deadline(IsoWeek week, const TimeZone& zone) {
  return zone.at_local(week.next().monday(), 23, 59);
}

namespace {

bool two_digits(std::string_view text, std::size_t at, int& out) {
  if (at + 2 > text.size() || text[at] < '0' || text[at] > '9' || text[at + 1] < '0' ||
      text[at + 1] > '9') {
    return false;
  }
  out = (text[at] - '0') * 10 + (text[at + 1] - '0');
  return true;
}

}  // namespace

Result<Instant> parse_instant(std::string_view text, const TimeZone& zone) {
  auto bad = [&] {
    return fail(ErrorKind::usage,
                fmt::format("'{}' is not a time; write 2026-11-30T08:00, 2026-11-30T07:00Z or "
                            "2026-11-30",
                            text));
  };
  if (text.size() < 10) {
    return bad();
  }
  auto day = Date::parse_iso(text.substr(0, 10));
  if (!day) {
    return bad();
  }
  if (text.size() == 10) {
    return zone.at_local(*day, 0, 0);
  }
  if (text[10] != 'T' && text[10] != ' ') {
    return bad();
  }
  int hour = 0;
  int minute = 0;
  int second = 0;
  std::size_t at = 11;
  if (!two_digits(text, at, hour) || at + 2 >= text.size() || text[at + 2] != ':' ||
      !two_digits(text, at + 3, minute)) {
    return bad();
  }
  at += 5;
  if (at < text.size() && text[at] == ':') {
    if (!two_digits(text, at + 1, second)) {
      return bad();
    }
    at += 3;
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return bad();
  }
  auto rest = text.substr(at);
  if (rest.empty()) {
    return zone.at_local(*day, hour, minute, second);
  }
  auto utc = Instant(day->sys_days().time_since_epoch()) + std::chrono::hours(hour) +
             std::chrono::minutes(minute) + std::chrono::seconds(second);
  if (rest == "Z" || rest == "z") {
    return utc;
  }
  int offset_hours = 0;
  int offset_minutes = 0;
  if (rest.size() != 6 || (rest[0] != '+' && rest[0] != '-') ||
      !two_digits(rest, 1, offset_hours) || rest[3] != ':' ||
      !two_digits(rest, 4, offset_minutes)) {
    return bad();
  }
  auto offset = std::chrono::hours(offset_hours) + std::chrono::minutes(offset_minutes);
  return rest[0] == '+' ? utc - offset : utc + offset;
}

}  // namespace bpv::core
