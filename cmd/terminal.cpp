#include "terminal.hpp"

#include <bpv/core/error.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <iostream>
#include <termios.h>
#include <unistd.h>

namespace bpv::cmd {

bool stdin_is_terminal() { return ::isatty(STDIN_FILENO) == 1; }

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }

std::string read_line_from_stdin(const char* what) {
  std::string line;
  if (!std::getline(std::cin, line)) {
    throw Failure(ErrorKind::usage, fmt::format("no {} on standard input", what));
  }
  if (!line.empty() && line.back() == '\r') {
    line.pop_back();
  }
  return line;
}

std::string prompt_password(const std::string& prompt) {
  if (!stdin_is_terminal()) {
    throw Failure(ErrorKind::usage,
                  "no terminal to ask for the password; pipe it in with --password-stdin");
  }
  std::fputs(prompt.c_str(), stderr);
  std::fflush(stderr);
  termios old_mode{};
  ::tcgetattr(STDIN_FILENO, &old_mode);
  termios quiet_mode = old_mode;
  quiet_mode.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet_mode);
  std::string line;
  bool got = static_cast<bool>(std::getline(std::cin, line));
  ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &old_mode);
  std::fputs("\n", stderr);
  if (!got) {
    throw Failure(ErrorKind::usage, "no password given");
  }
  return line;
}

}  // namespace bpv::cmd
