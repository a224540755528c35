#include <bpv/auth/credentials.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sodium.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace bpv::auth {
namespace {

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  std::string hex(size * 2, '0');
  sodium_bin2hex(hex.data(), hex.size() + 1, bytes, size);
  return hex;
}

// Reads the file; an absent file is an empty object. Refuses a file others may read.
Result<nlohmann::json> load(const std::filesystem::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    if (errno == ENOENT) {
      return nlohmann::json::object();
    }
    return fail(ErrorKind::unexpected, fmt::format("cannot read {}: {}", path.string(), std::strerror(errno)));
  }
  if ((info.st_mode & 077) != 0) {
    return fail(ErrorKind::unexpected,
                fmt::format("{} holds session tokens but others may read it; fix it with: chmod 600 {}",
                            path.string(), path.string()));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  auto json = nlohmann::json::parse(text.str(), nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return fail(ErrorKind::unexpected,
                fmt::format("{} is damaged; remove it and sign in again with: bpv login", path.string()));
  }
  return json;
}

// Writes the file through a temporary file and a rename, mode 0600 from the start.
Result<void> save(const std::filesystem::path& path, const nlohmann::json& json) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  ::chmod(path.parent_path().c_str(), 0700);
  std::string temporary = path.string() + ".tmp";
  ::unlink(temporary.c_str());
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return fail(ErrorKind::unexpected,
                fmt::format("cannot write {}: {}", temporary, std::strerror(errno)));
  }
  std::string text = json.dump(2) + "\n";
  bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                 ::fsync(fd) == 0;
  ::close(fd);
  if (!written || ::rename(temporary.c_str(), path.c_str()) != 0) {
    ::unlink(temporary.c_str());
    return fail(ErrorKind::unexpected, fmt::format("cannot write {}: {}", path.string(), std::strerror(errno)));
  }
  return {};
}

}  // namespace

std::string new_session_token() {
  if (sodium_init() < 0) {
    throw std::runtime_error("libsodium could not be initialised");
  }
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  return "bpv_" + to_hex(bytes, sizeof bytes);
}

std::string hash_token(std::string_view token) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  return to_hex(digest, sizeof digest);
}

Result<std::optional<std::string>> CredentialsFile::token_for(std::string_view key) const {
  BPV_TRY_ASSIGN(nlohmann::json json, load(m_path));
  auto sessions = json.find("sessions");
  if (sessions == json.end() || !sessions->is_object()) {
    return std::nullopt;
  }
  auto entry = sessions->find(std::string(key));
  if (entry == sessions->end() || !entry->is_object() || !entry->contains("token") ||
      !(*entry)["token"].is_string()) {
    return std::nullopt;
  }
  return (*entry)["token"].get<std::string>();
}

Result<void> CredentialsFile::store(std::string_view key, std::string_view token, std::string_view email) {
  BPV_TRY_ASSIGN(nlohmann::json json, load(m_path));
  json["version"] = 1;
  json["sessions"][std::string(key)] = {{"token", std::string(token)}, {"email", std::string(email)}};
  return save(m_path, json);
}

Result<void> CredentialsFile::remove(std::string_view key) {
  BPV_TRY_ASSIGN(nlohmann::json json, load(m_path));
  auto sessions = json.find("sessions");
  if (sessions == json.end() || !sessions->is_object() || !sessions->contains(std::string(key))) {
    return {};
  }
  sessions->erase(std::string(key));
  return save(m_path, json);
}

}  // namespace bpv::auth
