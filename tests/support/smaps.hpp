#pragma once

#include <optional>

namespace bpv::test {

// The kB of transparent huge pages (AnonHugePages in /proc/self/smaps) in the mapping of this
// process that holds `address`; nullopt when no mapping holds it.
std::optional<long> huge_page_kb_at(const void* address);

}  // namespace bpv::test
