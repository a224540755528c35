#include <bpv/core/time_zone.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <expected>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

namespace bpv::core {

namespace {

// IANA names only: letters, digits and `_+-/`, relative, without empty components. With no `.`
// allowed, no component can climb out of the zone directory.
bool is_zone_name(std::string_view name) {
  if (name.empty() || name.size() > 255 || name.front() == '/' || name.back() == '/' ||
      name.find("//") != std::string_view::npos) {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '+' || c == '-' || c == '/';
  });
}

// The whole of the small file at `path`, or the errno of the failure. The only I/O of TimeZone:
// one open and a couple of reads, where date::locate_zone walked the whole zoneinfo tree.
std::expected<std::string, int> read_small_file(const std::string& path) {
  constexpr std::size_t k_limit = 1 << 20;  // TZif files are a few kilobytes
  constexpr std::size_t k_chunk = 8192;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return std::unexpected(errno);
  }
  std::string bytes;
  int error = 0;
  while (true) {
    const std::size_t size = bytes.size();
    bytes.resize(size + k_chunk);
    const ssize_t count = ::read(fd, bytes.data() + size, k_chunk);
    const int read_error = count < 0 ? errno : 0;
    bytes.resize(size + (count > 0 ? static_cast<std::size_t>(count) : 0));
    if (read_error == EINTR) {
      continue;
    }
    if (read_error != 0 || count == 0) {
      error = read_error;
      break;
    }
    if (bytes.size() > k_limit) {
      error = EFBIG;
      break;
    }
  }
  ::close(fd);
  if (error != 0) {
    return std::unexpected(error);
  }
  return bytes;
}

}  // namespace

Result<TimeZone> TimeZone::locate(std::string_view name) {
  auto unknown = [&] {
    return fail(
        ErrorKind::usage,
        fmt::format("unknown time zone '{}'; use an IANA name such as Europe/Amsterdam", name));
  };
  if (!is_zone_name(name)) {
    return unknown();
  }
  const char* directory = std::getenv("TZDIR");
  const std::string path = fmt::format(
      "{}/{}", directory != nullptr && *directory != '\0' ? directory : "/usr/share/zoneinfo",
      name);
  auto bytes = read_small_file(path);
  if (!bytes) {
    const int error = bytes.error();
    if (error == ENOENT || error == ENOTDIR || error == EISDIR || error == ENAMETOOLONG) {
      return unknown();
    }
    return fail(ErrorKind::unexpected, fmt::format("cannot read time zone file {}: {}", path,
                                                   std::generic_category().message(error)));
  }
  // Not every file there is a zone: leapseconds, zone.tab, ...
  if (!bytes->starts_with("TZif")) {
    return unknown();
  }
  auto zone = from_tzif(name, *bytes);
  if (!zone) {
    return fail(zone.error().kind, fmt::format("{} ({})", zone.error().message, path));
  }
  return zone;
}

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
