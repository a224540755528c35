#include "support/smaps.hpp"

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

namespace bpv::test {

std::optional<long> huge_page_kb_at(const void* address) {
  auto wanted = reinterpret_cast<std::uintptr_t>(address);
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    // A mapping starts with "start-end perms ..." in hexadecimal; its fields follow.
    std::uintptr_t start = 0;
    std::uintptr_t end = 0;
    char dash = 0;
    std::istringstream words(line);
    if (words >> std::hex >> start >> dash >> end && dash == '-') {
      inside = start <= wanted && wanted < end;
      continue;
    }
    if (inside && line.starts_with("AnonHugePages:")) {
      return std::stol(line.substr(line.find_first_not_of(' ', 14)));
    }
  }
  return std::nullopt;
}

}  // namespace bpv::test
