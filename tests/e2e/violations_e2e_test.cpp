// End-to-end tests of the rule checks: calendars, the violations job, flags where they show.
#include "e2e/e2e_fixture.hpp"

namespace bpv::test {
namespace {}  // namespace
}  // namespace bpv::test
