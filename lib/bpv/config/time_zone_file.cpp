#include <bpv/config/time_zone_file.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <expected>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

namespace bpv::config {

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

// The whole of the small file at `path`, or the errno of the failure: one open and a couple of
// reads, where date::locate_zone walked the whole zoneinfo tree.
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

Result<core::TimeZone> locate_time_zone(std::string_view name) {
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
  auto zone = core::TimeZone::from_tzif(name, *bytes);
  if (!zone) {
    return fail(zone.error().kind, fmt::format("{} ({})", zone.error().message, path));
  }
  return zone;
}

}  // namespace bpv::config
