#pragma once

#include <bpv/core/calendar.hpp>
#include <bpv/core/error.hpp>
#include <bpv/core/time_zone.hpp>

#include <filesystem>
#include <span>
#include <string>

namespace bpv::portal {

struct FirstAdmin {
  std::string email;
  std::string name;
  std::string password;
};

// Creates a new bpv database at `path` with its schema and the first administrator. Refuses
// (refused) when `path` exists; fails (usage) on a bad e-mail or a too short password, before
// anything is created. Leaves no file behind when it fails.
// `calendars` (the national ones) are loaded as well.
Result<void> create_database(const std::filesystem::path& path, const FirstAdmin& admin,
                             std::span<const core::Calendar> calendars, core::Instant now);

}  // namespace bpv::portal
