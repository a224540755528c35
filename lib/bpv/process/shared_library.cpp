#include <bpv/process/shared_library.hpp>

#include <fmt/format.h>

#include <dlfcn.h>

namespace bpv::process {

Result<SharedLibrary> SharedLibrary::open(const char* file, std::string_view needed_for,
                                          std::string_view name, std::string_view remedy) {
  void* handle = ::dlopen(file, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    return fail(ErrorKind::unexpected, fmt::format("{} needs {}, which cannot be loaded ({}); {}", needed_for,
                                                   name, ::dlerror(), remedy));
  }
  return SharedLibrary(handle, file, name);
}

void* SharedLibrary::address_of(const char* symbol) {
  void* address = ::dlsym(m_handle, symbol);
  if (address == nullptr && m_missing == nullptr) {
    m_missing = symbol;
  }
  return address;
}

Result<void> SharedLibrary::complete(std::string_view minimum_version) const {
  if (m_missing != nullptr) {
    return fail(ErrorKind::unexpected, fmt::format("the installed {} lacks {}; install {} {} or newer", m_file,
                                                   m_missing, m_name, minimum_version));
  }
  return {};
}

}  // namespace bpv::process
