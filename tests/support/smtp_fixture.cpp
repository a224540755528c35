#include "support/smtp_fixture.hpp"

#include "support/run_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <csignal>
#include <stdexcept>

#include <chrono>
#include <fstream>

namespace bpv::test {
namespace {

constexpr const char* k_python = "/usr/bin/python3";

// Reads the server's first line ("ready PORT") within `timeout`; empty when it does not come.
std::string read_first_line(int fd, std::chrono::milliseconds timeout) {
  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (line.find('\n') == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd fds{fd, POLLIN, 0};
    if (left.count() <= 0 || ::poll(&fds, 1, static_cast<int>(left.count())) <= 0) {
      return {};
    }
    char buffer[256];
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got <= 0) {
      return {};
    }
    line.append(buffer, static_cast<std::size_t>(got));
  }
  return line.substr(0, line.find('\n'));
}

}  // namespace

std::filesystem::path tls_file(const std::string& name) {
  return std::filesystem::path(BPV_TLS_DIR) / name;
}

SmtpServer::SmtpServer(const SmtpServerOptions& options) : m_maildir(m_dir / "maildir") {
  // A test writing to a server that went away must fail, not die of SIGPIPE.
  ::signal(SIGPIPE, SIG_IGN);
  std::vector<std::string> args{k_python,
                                BPV_SMTP_SERVER,
                                "--maildir",
                                m_maildir.string(),
                                "--connections-log",
                                (m_dir / "connections.log").string(),
                                "--until-stdin-closes"};
  if (options.tls == SmtpServerOptions::Tls::starttls) {
    args.insert(args.end(), {"--starttls", tls_file("server.pem"), tls_file("server-key.pem")});
  } else if (options.tls == SmtpServerOptions::Tls::smtps) {
    args.insert(args.end(), {"--smtps", tls_file("server.pem"), tls_file("server-key.pem")});
  }
  if (!options.auth.empty()) {
    args.insert(args.end(), {"--auth", options.auth});
  }
  for (const auto& address : options.refuse) {
    args.insert(args.end(), {"--refuse", address});
  }
  if (options.hang) {
    args.push_back("--hang");
  }
  if (options.idle_timeout_seconds > 0) {
    args.insert(args.end(), {"--idle-timeout", std::to_string(options.idle_timeout_seconds)});
  }

  int in_pipe[2];
  int out_pipe[2];
  if (::pipe2(in_pipe, O_CLOEXEC) != 0 || ::pipe2(out_pipe, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe failed");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  // aiosmtpd logs every failed handshake the tests provoke: kept out of the test output.
  const std::string log = (m_dir / "server.log").string();
  posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<char*> argv;
  for (auto& arg : args) {
    argv.push_back(arg.data());
  }
  argv.push_back(nullptr);
  std::string path = "PATH=/usr/bin:/bin";
  char* envp[] = {path.data(), nullptr};
  const int spawned = ::posix_spawn(&m_pid, k_python, &actions, nullptr, argv.data(), envp);
  posix_spawn_file_actions_destroy(&actions);
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  m_stdin = in_pipe[1];
  if (spawned != 0) {
    ::close(out_pipe[0]);
    ::close(m_stdin);
    m_pid = -1;
    throw std::runtime_error(std::string("cannot start ") + k_python + " " + BPV_SMTP_SERVER);
  }
  const std::string line = read_first_line(out_pipe[0], std::chrono::seconds(10));
  ::close(out_pipe[0]);
  if (line.rfind("ready ", 0) != 0) {
    throw std::runtime_error("smtp_server.py did not start (is python3-aiosmtpd installed?): '" +
                             line + "' " + read_file(m_dir / "server.log"));
  }
  m_port = std::stoi(line.substr(6));
}

SmtpServer::~SmtpServer() {
  if (m_pid > 0) {
    ::kill(m_pid, SIGTERM);
    ::close(m_stdin);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
  }
}

std::string SmtpServer::url(const std::string& scheme, const std::string& host) const {
  return scheme + "://" + host + ":" + std::to_string(m_port);
}

int SmtpServer::connections() const {
  std::ifstream in(m_dir / "connections.log");
  int count = 0;
  for (std::string line; std::getline(in, line);) {
    ++count;
  }
  return count;
}

std::string SmtpServer::parsed_messages() const {
  ProcessResult parsed = run_process(k_python, {BPV_PARSE_MAIL, m_maildir.string()});
  if (parsed.exit_code != 0) {
    throw std::runtime_error("parse_mail.py failed: " + parsed.err);
  }
  return parsed.out;
}

}  // namespace bpv::test
