#include <bpv/store/store.hpp>

#include <fmt/format.h>

namespace bpv::store {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::student:
      return "student";
    case Role::trainer:
      return "trainer";
    case Role::supervisor:
      return "supervisor";
    case Role::admin:
      return "admin";
  }
  return "unknown";
}

Result<Role> parse_role(std::string_view text) {
  for (Role role : {Role::student, Role::trainer, Role::supervisor, Role::admin}) {
    if (text == to_string(role)) {
      return role;
    }
  }
  return fail(ErrorKind::usage,
              fmt::format("'{}' is not a role; use student, trainer, supervisor or admin", text));
}

std::string_view to_string(EntryStatus status) {
  switch (status) {
    case EntryStatus::submitted:
      return "submitted";
    case EntryStatus::correction_requested:
      return "correction_requested";
    case EntryStatus::approved:
      return "approved";
  }
  return "unknown";
}

Result<EntryStatus> parse_entry_status(std::string_view text) {
  for (EntryStatus status :
       {EntryStatus::submitted, EntryStatus::correction_requested, EntryStatus::approved}) {
    if (text == to_string(status)) {
      return status;
    }
  }
  return fail(ErrorKind::usage,
              fmt::format("'{}' is not an entry status; use submitted or approved", text));
}

Result<void> in_transaction(Store& store, const std::function<Result<void>()>& work) {
  if (auto begun = store.begin(); !begun) {
    return begun;
  }
  auto result = work();
  if (!result) {
    store.rollback();
    return result;
  }
  return store.commit();
}

std::string format_instant_utc(core::Instant instant) {
  auto days = std::chrono::floor<std::chrono::days>(instant);
  std::chrono::hh_mm_ss<std::chrono::seconds> time(instant - days);
  return fmt::format("{}T{:02}:{:02}:{:02}Z", core::Date(days).to_string(), time.hours().count(),
                     time.minutes().count(), time.seconds().count());
}

}  // namespace bpv::store
