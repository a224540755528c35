#pragma once

#include <bpv/core/time_zone.hpp>

namespace bpv::core {

// Where "now" comes from. Commands and jobs get one passed in; only SystemClock reads the real
// time, so `--now` / `BPV_NOW` make every command deterministic.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant now() const override;
};

// A clock stopped at one instant (the `--now` override and tests).
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Instant at) : m_at(at) {}
  Instant now() const override { return m_at; }

 private:
  Instant m_at;
};

}  // namespace bpv::core
