#pragma once

#include <expected>
#include <stdexcept>
#include <string>
#include <utility>

namespace bpv {

// The kinds of failure, each mapped once to an exit code (DESIGN.md).
enum class ErrorKind {
  unexpected = 1,  // I/O, database, network
  usage = 2,       // malformed option, date, week, hours, file
  auth = 3,        // not signed in, session expired
  not_found = 4,   // nothing visible to the caller by that name
  forbidden = 5,   // the caller's role may not do this
  refused = 6,     // a rule refuses it (locked week, window closed, ...)
  partial = 7,     // a bulk action where some items were refused
};

struct Error {
  ErrorKind kind = ErrorKind::unexpected;
  std::string message;
};

template <class T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(ErrorKind kind, std::string message) {
  return std::unexpected(Error{kind, std::move(message)});
}

// The process exit code for `kind`.
int exit_code(ErrorKind kind);

// The exception thrown at the edges (cmd/, jobs/) and caught once in main.
class Failure : public std::runtime_error {
 public:
  explicit Failure(Error error) : std::runtime_error(error.message), m_kind(error.kind) {}
  Failure(ErrorKind kind, const std::string& message) : std::runtime_error(message), m_kind(kind) {}
  ErrorKind kind() const { return m_kind; }

 private:
  ErrorKind m_kind;
};

// Returns the value of `result`, or throws its error as a Failure.
template <class T>
T unwrap(Result<T>&& result) {
  if (!result) {
    throw Failure(std::move(result.error()));
  }
  if constexpr (!std::is_void_v<T>) {
    return std::move(*result);
  }
}

}  // namespace bpv

#define BPV_CONCAT_INNER(a, b) a##b
#define BPV_CONCAT(a, b) BPV_CONCAT_INNER(a, b)
// Evaluates `expr` (a Result); returns its error from the enclosing function when it failed.
#define BPV_TRY(expr) BPV_TRY_IMPL(BPV_CONCAT(bpv_try_, __COUNTER__), expr)
#define BPV_TRY_IMPL(tmp, expr)                       \
  do {                                                \
    auto tmp = (expr);                                \
    if (!tmp) {                                       \
      return std::unexpected(std::move(tmp.error())); \
    }                                                 \
  } while (0)
// Declares or assigns `lhs` from the value of `expr` (a Result), or returns its error.
#define BPV_TRY_ASSIGN(lhs, expr) BPV_TRY_ASSIGN_IMPL(BPV_CONCAT(bpv_try_, __COUNTER__), lhs, expr)
#define BPV_TRY_ASSIGN_IMPL(tmp, lhs, expr)         \
  auto tmp = (expr);                                \
  if (!tmp) {                                       \
    return std::unexpected(std::move(tmp.error())); \
  }                                                 \
  lhs = std::move(*tmp)
