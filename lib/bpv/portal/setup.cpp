#include <bpv/portal/setup.hpp>

#include <bpv/auth/password.hpp>
#include <bpv/core/values.hpp>
#include <bpv/store/sqlite/sqlite_store.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace bpv::portal {
namespace {

void remove_database_files(const std::filesystem::path& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(path.string() + suffix, ec);
  }
}

}  // namespace

Result<void> create_database(const std::filesystem::path& path, const FirstAdmin& admin,
                             std::span<const core::Calendar> calendars, core::Instant now) {
  if (!core::looks_like_email(admin.email)) {
    return fail(ErrorKind::usage, fmt::format("--admin-email: '{}' is not an e-mail address", admin.email));
  }
  BPV_TRY_ASSIGN(std::string hash, auth::hash_password(admin.password));
  if (path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
  }
  auto opened = store::sqlite::open_store(path, store::sqlite::OpenMode::create_new);
  if (!opened) {
    if (opened.error().kind != ErrorKind::refused) {  // refused: the file was there before us
      remove_database_files(path);
    }
    return std::unexpected(opened.error());
  }
  auto store = std::move(*opened);
  std::string name = admin.name.empty() ? admin.email.substr(0, admin.email.find('@')) : admin.name;
  auto created = store::in_transaction(*store, [&]() -> Result<void> {
    BPV_TRY_ASSIGN(auto user, store->upsert_user({admin.email, name, "", store::Role::admin, hash}, now));
    for (const auto& calendar : calendars) {
      std::optional<std::string> region;
      if (std::find(core::k_regions.begin(), core::k_regions.end(), calendar.name()) != core::k_regions.end()) {
        region = calendar.name();
      }
      BPV_TRY(store->save_calendar(calendar, region, now));
    }
    return store->add_audit_event({user.first, "database.create", std::nullopt, admin.email,
                                   std::nullopt, std::nullopt},
                                  now);
  });
  if (!created) {
    store.reset();
    remove_database_files(path);
    return created;
  }
  return {};
}

}  // namespace bpv::portal
