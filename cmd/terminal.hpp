#pragma once

#include <string>

namespace bpv::cmd {

// Whether standard input / output is a terminal.
bool stdin_is_terminal();
bool stdout_is_terminal();

// Reads one line from standard input, without its line break. Fails (usage) at end of input.
std::string read_line_from_stdin(const char* what);

// Asks for a password on the terminal without echo. Throws Failure when there is no terminal.
std::string prompt_password(const std::string& prompt);

}  // namespace bpv::cmd
