// Files renamed into place when complete.
#include <bpv/export/atomic_file.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace bpv::exports {

Result<AtomicFile> AtomicFile::create(const std::filesystem::path& target) {
  std::filesystem::path folder = target.parent_path().empty() ? std::filesystem::path(".") : target.parent_path();
  std::string pattern = (folder / ("." + target.filename().string() + ".XXXXXX")).string();
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) {
    return fail(ErrorKind::unexpected,
                fmt::format("{}: cannot create the file: {}; check that the folder exists and is writable",
                            target.string(), std::strerror(errno)));
  }
  // mkstemp makes the file 0600; an export is an ordinary file.
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  std::FILE* stream = ::fdopen(fd, "wb");
  if (stream == nullptr) {
    ::close(fd);
    ::unlink(pattern.c_str());
    return fail(ErrorKind::unexpected, fmt::format("{}: {}", target.string(), std::strerror(errno)));
  }
  return AtomicFile(target, pattern, stream);
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : m_target(std::move(other.m_target)), m_temporary(std::move(other.m_temporary)),
      m_stream(other.m_stream), m_committed(other.m_committed) {
  other.m_stream = nullptr;
  other.m_committed = true;
}

AtomicFile::~AtomicFile() {
  close_stream();
  if (!m_committed) {
    std::error_code ec;
    std::filesystem::remove(m_temporary, ec);
  }
}

void AtomicFile::close_stream() {
  if (m_stream != nullptr) {
    std::fclose(m_stream);
    m_stream = nullptr;
  }
}

Result<void> AtomicFile::commit() {
  if (m_stream != nullptr) {
    bool ok = std::fflush(m_stream) == 0 && ::fsync(::fileno(m_stream)) == 0;
    int error = errno;
    ok = std::fclose(m_stream) == 0 && ok;
    m_stream = nullptr;
    if (!ok) {
      return fail(ErrorKind::unexpected,
                  fmt::format("{}: writing failed: {}; nothing was written", m_target.string(), std::strerror(error)));
    }
  }
  if (std::rename(m_temporary.c_str(), m_target.c_str()) != 0) {
    return fail(ErrorKind::unexpected,
                fmt::format("{}: cannot rename the finished file into place: {}", m_target.string(),
                            std::strerror(errno)));
  }
  m_committed = true;
  return {};
}

}  // namespace bpv::exports
