#pragma once

// Shared libraries that only some commands need, opened with dlopen when the first of them runs
// rather than linked: Debian ships libxlsxwriter and libcurl only as shared libraries, which load
// others with them (libcurl about thirty), and loading them took milliseconds of every start for
// features most runs never use (lib/bpv/export/xlsx_writer.cpp, lib/bpv/mail/smtp.cpp).

#include <bpv/core/error.hpp>

#include <string>
#include <string_view>

namespace bpv::process {

// One opened library, never closed: its functions stay in use until the process ends. The
// functions a caller needs are looked up with resolve(), and complete() says whether all were
// found.
class SharedLibrary {
 public:
  // Opens `file` (a soname such as "libcurl.so.4"). When it cannot be loaded, the error says what
  // needs it and what to do: "{needed_for} needs {name}, which cannot be loaded ({reason});
  // {remedy}".
  static Result<SharedLibrary> open(const char* file, std::string_view needed_for, std::string_view name,
                                    std::string_view remedy);

  // Sets `function` to the address of `symbol` in the library; a symbol it lacks leaves it null
  // and is remembered for complete().
  template <class Function>
  void resolve(Function*& function, const char* symbol) {
    function = reinterpret_cast<Function*>(address_of(symbol));
  }

  // Whether every symbol asked for was found; if not, an error naming the first one missing and
  // the version of the library to install ("the installed {file} lacks {symbol}; install {name}
  // {minimum_version} or newer").
  Result<void> complete(std::string_view minimum_version) const;

 private:
  SharedLibrary(void* handle, const char* file, std::string_view name)
      : m_handle(handle), m_file(file), m_name(name) {}
  void* address_of(const char* symbol);

  void* m_handle;
  const char* m_file;
  std::string m_name;
  const char* m_missing = nullptr;  // the first symbol not found
};

}  // namespace bpv::process
