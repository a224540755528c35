#pragma once

#include "support/temp_dir.hpp"

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace bpv::test {

// The options of tests/support/smtp_server.py beyond the ones the fixture always sets.
struct SmtpServerOptions {
  enum class Tls { none, starttls, smtps };
  Tls tls = Tls::none;
  std::string auth;                 // "user:password"; empty: no authentication
  std::vector<std::string> refuse;  // recipients answered with 550
  bool hang = false;                // accept connections and never answer
  double idle_timeout_seconds = 0;  // close idle connections after this long; 0: the default
};

// A real SMTP server (smtp_server.py under Debian's python3-aiosmtpd) on 127.0.0.1 and a free
// port, storing what it receives in a temporary Maildir. Started by the constructor (throws when
// it does not come up within 10 seconds), stopped by the destructor.
class SmtpServer {
 public:
  explicit SmtpServer(const SmtpServerOptions& options = {});
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;
  ~SmtpServer();

  int port() const { return m_port; }
  // "smtp://127.0.0.1:PORT", or with `scheme` and `host` of the caller's choice.
  std::string url(const std::string& scheme = "smtp", const std::string& host = "127.0.0.1") const;
  const std::filesystem::path& maildir() const { return m_maildir; }
  // The connections the server accepted so far (lines of its connections log).
  int connections() const;
  // The received messages, parsed by Python's email package (parse_mail.py), as a JSON array.
  std::string parsed_messages() const;

 private:
  TempDir m_dir;
  std::filesystem::path m_maildir;
  pid_t m_pid = -1;
  int m_stdin = -1;  // the server exits when this closes, even if the test crashes
  int m_port = 0;
};

// The test certificates: tests/data/tls/NAME.
std::filesystem::path tls_file(const std::string& name);

}  // namespace bpv::test
