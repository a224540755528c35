// Output on a terminal: the real bpv binary in a pseudo-terminal, where listings are aligned
// tables with a header (piped output is tested in workflow_e2e_test.cpp).
#include "e2e/e2e_fixture.hpp"

#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cerrno>

#include <algorithm>

namespace bpv::test {
namespace {

// Runs `program` with `args` with a pseudo-terminal as standard input, output and error, in an
// environment of only PATH, TZ=UTC and `environment`. Returns what it wrote, with the
// terminal's CR LF turned back into LF.
ProcessResult run_in_terminal(const std::string& program, const std::vector<std::string>& args,
                              const std::map<std::string, std::string>& environment) {
  std::vector<std::string> argv_storage{program};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& arg : argv_storage) {
    argv.push_back(arg.data());
  }
  argv.push_back(nullptr);
  std::map<std::string, std::string> variables{{"PATH", "/usr/bin:/bin"}, {"TZ", "UTC"}};
  for (const auto& [name, value] : environment) {
    variables[name] = value;
  }
  std::vector<std::string> env_storage;
  for (const auto& [name, value] : variables) {
    env_storage.push_back(name + "=" + value);
  }
  std::vector<char*> envp;
  for (auto& entry : env_storage) {
    envp.push_back(entry.data());
  }
  envp.push_back(nullptr);

  winsize size{};
  size.ws_row = 50;
  size.ws_col = 200;
  int terminal = -1;
  pid_t pid = ::forkpty(&terminal, nullptr, nullptr, &size);
  if (pid < 0) {
    throw std::runtime_error("forkpty failed");
  }
  if (pid == 0) {
    ::execve(program.c_str(), argv.data(), envp.data());
    ::_exit(127);
  }
  ProcessResult result;
  char buffer[4096];
  while (true) {
    auto count = ::read(terminal, buffer, sizeof buffer);
    if (count > 0) {
      result.out.append(buffer, static_cast<std::size_t>(count));
    } else if (count < 0 && errno == EINTR) {
      continue;
    } else {
      break;  // EIO: the child closed the terminal
    }
  }
  ::close(terminal);
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out.erase(std::remove(result.out.begin(), result.out.end(), '\r'), result.out.end());
  return result;
}

class Terminal : public EndToEnd {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(load_demo());
    ASSERT_NO_FATAL_FAILURE(sign_in("marloes", "marloes.verhoeven@zorgcentrumdelinde.example.nl"));
  }

  ProcessResult bpv_in_terminal(const std::vector<std::string>& args) const {
    auto variables = environment();
    variables["XDG_CONFIG_HOME"] = config_of("marloes").string();
    variables["NO_COLOR"] = "1";
    std::vector<std::string> all{"--db", db()};
    all.insert(all.end(), args.begin(), args.end());
    return run_in_terminal(BPV_BINARY, all, variables);
  }
};

TEST_F(Terminal, ListingsAreAlignedTablesWithAHeader) {
  auto result = bpv_in_terminal({"students", "list"});
  ASSERT_EQ(result.exit_code, 0) << result.out;
  auto lines = lines_of(result.out);
  ASSERT_EQ(lines.size(), 3u) << result.out;
  // Names with accents take one column per letter; numbers are right-aligned.
  EXPECT_EQ(lines[0],
            "STUDENT  NAME                COMPANY               START       END         STATUS  "
            "APPROVED  PENDING  AWAITING  OVERDUE");
  std::sort(lines.begin() + 1, lines.end());
  EXPECT_EQ(lines[1],
            "1089231  Eline van den Berg  Zorgcentrum De Linde  2026-09-01  2027-06-30  active  "
            "  315:30    62:30         2        1");
  EXPECT_EQ(lines[2],
            "1091547  Mehmet Çelik        Zorgcentrum De Linde  2026-09-07  2027-01-29  active  "
            "  197:30    57:30         2        1");
}

TEST_F(Terminal, CsvIsCsvAlsoOnATerminal) {
  auto result = bpv_in_terminal({"--csv", "students", "list"});
  ASSERT_EQ(result.exit_code, 0) << result.out;
  EXPECT_EQ(lines_of(result.out)[0],
            "student_number,name,email,company,placement_id,start_date,end_date,status,"
            "contract_hours,approved_hours,pending_hours,weeks_awaiting_approval,weeks_overdue");
}

TEST_F(Terminal, NoColourWithNoColor) {
  auto result = bpv_in_terminal({"logbook", "show", "1091547", "--week", "2026-W47"});
  ASSERT_EQ(result.exit_code, 0) << result.out;
  EXPECT_EQ(result.out.find('\x1b'), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("2026-W47  open  total 33:30  deadline 2026-11-23 23:59  OVERDUE\n"),
            std::string::npos)
      << result.out;
}

}  // namespace
}  // namespace bpv::test
