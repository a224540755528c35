#include <bpv/core/error.hpp>

namespace bpv {

int exit_code(ErrorKind kind) { return static_cast<int>(kind); }

}  // namespace bpv
