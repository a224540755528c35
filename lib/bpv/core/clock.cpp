#include <bpv/core/clock.hpp>

namespace bpv::core {

Instant SystemClock::now() const {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace bpv::core
