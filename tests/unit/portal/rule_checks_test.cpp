// The rule checks through the Portal and the violations run, on real SQLite files.
#include "unit/portal/portal_fixture.hpp"

namespace bpv::portal {
namespace {}  // namespace
}  // namespace bpv::portal
