#pragma once

// The outbox: jobs and the Portal enqueue composed mails; `bpv-jobs run send-mail` delivers
// them, one transaction per message after the server accepted it, so a crash loses nothing and
// sends a message twice only when it dies between the server's acceptance and that commit.

#include <bpv/core/clock.hpp>
#include <bpv/core/time_zone.hpp>
#include <bpv/mail/message.hpp>
#include <bpv/mail/smtp.hpp>
#include <bpv/mail/templates.hpp>
#include <bpv/store/store.hpp>

#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bpv::mail {

// A composed mail on its way into the outbox.
struct Outgoing {
  std::string kind;
  Address to;
  std::string key;  // unique per recipient, kind and subject: enqueued once
  std::optional<store::Id> placement;
  Composed content;
};

// The outbox key: "kind|recipient|subject", the address in lower case.
std::string mail_key(std::string_view kind, std::string_view recipient, std::string_view subject);

// Renders `kind` for `to`; `subject` identifies what the mail is about (placement and week, a
// correction request) and makes the key.
Result<Outgoing> compose(const Templates& templates, std::string_view kind, Address to,
                         std::string_view subject, const Values& values,
                         std::optional<store::Id> placement = std::nullopt);

// Puts `mail` in the outbox unless its key is there: true when it was new.
Result<bool> enqueue(store::Store& store, const Outgoing& mail, core::Instant now);

// Prints `mail` readably (dry runs): recipient, subject and body, not the wire format.
void print_mail(std::FILE* out, const Outgoing& mail);

// "Name <address>" or "address" (mail.from). Usage error naming `setting` when it is not one.
Result<Address> parse_mailbox(std::string_view text, std::string_view setting);

struct DeliverySettings {
  Address from;
  int max_attempts = 8;
  int retry_minutes = 15;  // after the first failure; doubled after each next one
  int batch_size = 500;
};

// The wait before the next attempt after `attempts` failed ones.
std::chrono::minutes retry_delay(int attempts, int retry_minutes);

struct DeliveryReport {
  int sent = 0;
  int retrying = 0;  // failed this time, tried again later
  int gave_up = 0;   // failed for the last time: marked failed
  bool stopped = false;       // the connection failed; the rest waits for the next run
  std::string stop_error;
  std::vector<std::string> problems;  // one line per message that failed this time
  int connections = 0;
};

using SessionFactory = std::function<Result<std::unique_ptr<SmtpSession>>()>;

// Delivers the pending messages due at `now`. The session is opened only when something is due.
Result<DeliveryReport> deliver(store::Store& store, const SessionFactory& open_session,
                               const DeliverySettings& settings, const core::TimeZone& zone,
                               core::Instant now);

}  // namespace bpv::mail
