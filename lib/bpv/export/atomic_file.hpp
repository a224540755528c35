#pragma once

// A file written under a temporary name in the same folder and renamed to its final name only
// when complete: a half-written export never appears under the final name, and a failed one
// leaves nothing behind.

#include <bpv/core/error.hpp>

#include <cstdio>
#include <filesystem>

namespace bpv::exports {

class AtomicFile {
 public:
  // Creates the temporary file next to `target` (".NAME.XXXXXX"). Fails naming `target`.
  static Result<AtomicFile> create(const std::filesystem::path& target);
  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&&) = delete;
  ~AtomicFile();  // removes the temporary file unless committed

  // The open temporary file (for writers that write a stream).
  std::FILE* stream() const { return m_stream; }
  // Its path (for writers that open the file themselves, such as XLSX); close the stream first.
  const std::filesystem::path& temporary_path() const { return m_temporary; }
  void close_stream();

  // Flushes, syncs and renames the file to the target (mode 0644 less the umask).
  Result<void> commit();

 private:
  AtomicFile(std::filesystem::path target, std::filesystem::path temporary, std::FILE* stream)
      : m_target(std::move(target)), m_temporary(std::move(temporary)), m_stream(stream) {}

  std::filesystem::path m_target;
  std::filesystem::path m_temporary;
  std::FILE* m_stream = nullptr;
  bool m_committed = false;
};

}  // namespace bpv::exports
