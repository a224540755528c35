// Enqueueing into the outbox and delivering from it.
#include <bpv/mail/outbox.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace bpv::mail {
namespace {

std::string lower(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return result;
}

std::string domain_of(std::string_view email) {
  auto at = email.rfind('@');
  return at == std::string_view::npos ? std::string("bpv.invalid") : std::string(email.substr(at + 1));
}

}  // namespace

std::string mail_key(std::string_view kind, std::string_view recipient, std::string_view subject) {
  return fmt::format("{}|{}|{}", kind, lower(recipient), subject);
}

Result<Outgoing> compose(const Templates& templates, std::string_view kind, Address to,
                         std::string_view subject, const Values& values,
                         std::optional<store::Id> placement) {
  Outgoing mail;
  mail.kind = std::string(kind);
  mail.key = mail_key(kind, to.email, subject);
  mail.to = std::move(to);
  mail.placement = placement;
  BPV_TRY_ASSIGN(mail.content, templates.compose(kind, values));
  return mail;
}

Result<bool> enqueue(store::Store& store, const Outgoing& mail, core::Instant now) {
  store::OutboxMessage message;
  message.key = mail.key;
  message.kind = mail.kind;
  message.recipient = mail.to.email;
  message.recipient_name = mail.to.name;
  message.subject = mail.content.subject;
  message.body = mail.content.body;
  message.placement_id = mail.placement;
  message.created_at = now;
  return store.enqueue_mail(message);
}

void print_mail(std::FILE* out, const Outgoing& mail) {
  fmt::print(out, "--- {} mail\nTo: {}\nSubject: {}\n\n{}\n", mail.kind, format_address(mail.to),
             mail.content.subject, mail.content.body);
}

Result<Address> parse_mailbox(std::string_view text, std::string_view setting) {
  Address address;
  auto open = text.rfind('<');
  if (open != std::string_view::npos && text.ends_with('>')) {
    std::string_view name = text.substr(0, open);
    while (!name.empty() && name.back() == ' ') {
      name.remove_suffix(1);
    }
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
      name = name.substr(1, name.size() - 2);
    }
    address.name = std::string(name);
    address.email = std::string(text.substr(open + 1, text.size() - open - 2));
  } else {
    address.email = std::string(text);
  }
  if (!valid_address(address.email)) {
    return fail(ErrorKind::usage,
                fmt::format("{}: '{}' is not a mail address; write it as "
                            "\"BPV-bureau <bpv@school.example.nl>\" or bpv@school.example.nl",
                            setting, text));
  }
  return address;
}

std::chrono::minutes retry_delay(int attempts, int retry_minutes) {
  int doublings = std::clamp(attempts - 1, 0, 16);
  return std::chrono::minutes(static_cast<long>(retry_minutes) << doublings);
}

Result<DeliveryReport> deliver(store::Store& store, const SessionFactory& open_session,
                               const DeliverySettings& settings, const core::TimeZone& zone,
                               core::Instant now) {
  DeliveryReport report;
  std::unique_ptr<SmtpSession> session;
  const std::string domain = domain_of(settings.from.email);
  store::Id after = 0;
  while (!report.stopped) {
    BPV_TRY_ASSIGN(auto batch, store.due_mail(now, after, settings.batch_size));
    if (batch.empty()) {
      break;
    }
    if (!session) {
      BPV_TRY_ASSIGN(session, open_session());
    }
    for (const auto& queued : batch) {
      after = queued.id;
      Message message;
      message.from = settings.from;
      message.to = Address{queued.recipient_name, queued.recipient};
      message.subject = queued.subject;
      message.body = queued.body;
      message.date = now;
      // The same for every attempt, so a receiving system can tell a repeat.
      message.message_id = fmt::format("bpv.{}.{}@{}", queued.id, queued.created_at.time_since_epoch().count(),
                                       domain);
      message.extra_headers.emplace_back("X-Bpv-Kind", queued.kind);
      auto sent = session->send(queued.recipient, render(message, zone));
      if (sent) {
        BPV_TRY(store::in_transaction(store, [&] {
          return store.mark_mail_sent(queued.id, now, queued.kind == "welcome");
        }));
        ++report.sent;
        continue;
      }
      const Error& error = sent.error();
      int attempts = queued.attempts + 1;
      bool give_up = attempts >= settings.max_attempts;
      auto next = now + retry_delay(attempts, settings.retry_minutes);
      BPV_TRY(store::in_transaction(store, [&] {
        return store.mark_mail_attempt(queued.id, attempts, error.message, next, give_up);
      }));
      if (give_up) {
        ++report.gave_up;
        report.problems.push_back(fmt::format("{} to {}: {}; attempt {} of {}, marked failed",
                                              queued.kind, queued.recipient, error.message, attempts,
                                              settings.max_attempts));
      } else {
        ++report.retrying;
        report.problems.push_back(fmt::format("{} to {}: {}; attempt {} of {}, next try {}",
                                              queued.kind, queued.recipient, error.message, attempts,
                                              settings.max_attempts, zone.format_local(next)));
      }
      if (error.kind != ErrorKind::refused) {
        report.stopped = true;
        report.stop_error = error.message;
        break;
      }
    }
  }
  report.connections = session ? session->connections_opened() : 0;
  return report;
}

}  // namespace bpv::mail
