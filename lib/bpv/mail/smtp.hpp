#pragma once

// Delivering rendered messages through an SMTP server with libcurl, one connection for a batch.
// Linked only into bpv-jobs and the tests (target bpv_smtp), so `bpv` does not load libcurl.

#include <bpv/core/error.hpp>

#include <memory>
#include <string>

namespace bpv::mail {

struct SmtpSettings {
  std::string url;                   // smtp://host:port or smtps://host:port
  bool starttls_required = true;     // mail.smtp.starttls: required (default) or off
  std::string user;                  // empty: no authentication
  std::string password;              // never logged
  int timeout_seconds = 30;          // connecting, and each server reply
  bool verify_certificate = true;    // mail.smtp.verify_certificate: false turns it off
  std::string ca_file;               // mail.smtp.ca_file: extra CA certificates (PEM)
  std::string envelope_from;         // MAIL FROM (the address of mail.from)
};

// One SMTP session: connects on the first send and keeps the connection for the next ones.
class SmtpSession {
 public:
  // Checks the settings (URL scheme, required fields); does not connect yet. Usage error naming
  // the setting (mail.smtp.url, ...) when something is wrong.
  static Result<std::unique_ptr<SmtpSession>> open(const SmtpSettings& settings);
  virtual ~SmtpSession() = default;

  // Sends one rendered message (render() in message.hpp) to one recipient.
  // - ok: the server accepted it (250 after the data).
  // - ErrorKind::refused: the server refused this message or recipient (a 4xx or 5xx reply);
  //   the session can go on with the next message. The message says the server's reply. Also
  //   when `recipient` is not a valid address (valid_address() in message.hpp): nothing is sent.
  // - ErrorKind::unexpected: no usable connection (server down, timeout, TLS or authentication
  //   failure); the batch should stop. The message never contains the password.
  virtual Result<void> send(const std::string& recipient, const std::string& rendered) = 0;

  // How many connections this session has opened so far (1 for a healthy batch).
  virtual int connections_opened() const = 0;
};

}  // namespace bpv::mail
