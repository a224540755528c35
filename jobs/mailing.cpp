// What the mail jobs share: templates, enqueueing (or printing it in a dry run), delivery.
#include "jobs.hpp"
#include "runner.hpp"


#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace bpv::jobs {
namespace {

// The SMTP session of the configured server (mail.smtp.*).
Result<std::unique_ptr<mail::SmtpSession>> open_smtp(const config::MailConfig& mail, const mail::Address& from) {
  if (mail.smtp_url.empty()) {
    return fail(ErrorKind::usage,
                "mail.smtp.url is not set: the configuration needs the SMTP server, e.g. "
                "mail: {smtp: {url: \"smtp://mail.school.example.nl:587\"}} (see examples/bpv.yaml)");
  }
  mail::SmtpSettings settings;
  settings.url = mail.smtp_url;
  settings.starttls_required = mail.starttls_required;
  settings.user = mail.smtp_user;
  settings.password = mail.smtp_password;
  settings.timeout_seconds = mail.timeout_seconds;
  settings.verify_certificate = mail.verify_certificate;
  settings.ca_file = mail.ca_file.string();
  settings.envelope_from = from.email;
  return mail::SmtpSession::open(settings);
}

Result<mail::Address> sender(const config::MailConfig& mail) {
  if (mail.from.empty()) {
    return fail(ErrorKind::usage,
                "mail.from is not set: the configuration needs the sender, e.g. "
                "mail: {from: \"BPV-bureau <bpv@school.example.nl>\"} (see examples/bpv.yaml)");
  }
  return mail::parse_mailbox(mail.from, "mail.from");
}

}  // namespace

Result<WaitingWeeks> ended_weeks_waiting(const JobContext& context) {
  const core::Date ending_from = context.today.plus_days(-context.config.grace_days);
  const core::Date last_monday = core::IsoWeek::of(context.today).monday().plus_days(-7);
  WaitingWeeks waiting;
  BPV_TRY_ASSIGN(waiting.contacts, context.store.placement_contacts(ending_from));
  BPV_TRY_ASSIGN(waiting.weeks, context.store.waiting_weeks(ending_from, last_monday));
  return waiting;
}

const store::PlacementContact* WaitingWeeks::contact(store::Id placement) const {
  auto found = std::lower_bound(contacts.begin(), contacts.end(), placement,
                                [](const store::PlacementContact& c, store::Id id) { return c.placement_id < id; });
  return found != contacts.end() && found->placement_id == placement ? &*found : nullptr;
}

Result<const mail::Templates*> mail_templates(JobContext& context) {
  if (!context.templates) {
    BPV_TRY_ASSIGN(context.templates, mail::Templates::load(context.config.mail.templates));
  }
  return &*context.templates;
}

Result<void> enqueue_mails(JobContext& context, const std::vector<mail::Outgoing>& mails,
                           JobOutcome& outcome) {
  int queued = 0;
  int already = 0;
  if (context.dry_run) {
    for (const auto& mail : mails) {
      BPV_TRY_ASSIGN(bool exists, context.store.mail_key_exists(mail.key));
      if (exists) {
        ++already;
      } else {
        ++queued;
        if (!context.json) {
          mail::print_mail(context.out, mail);
        }
      }
    }
  } else {
    BPV_TRY(store::in_transaction(context.store, [&]() -> Result<void> {
      for (const auto& mail : mails) {
        BPV_TRY_ASSIGN(bool added, mail::enqueue(context.store, mail, context.now));
        ++(added ? queued : already);
      }
      return {};
    }));
  }
  outcome.counts["queued"] = std::to_string(queued);
  outcome.counts["already_queued"] = std::to_string(already);
  return {};
}

Result<void> deliver_mail(JobContext& context, JobOutcome& outcome) {
  const auto& config = context.config.mail;
  BPV_TRY_ASSIGN(auto waiting, context.store.outbox_counts(context.now));
  if (waiting.due == 0) {
    outcome.counts["sent"] = "0";
    outcome.counts["retrying"] = "0";
    outcome.counts["failed"] = "0";
    outcome.counts["pending"] = std::to_string(waiting.pending);
    outcome.counts["connections"] = "0";
    outcome.counts["problems"] = "[]";
    outcome.summary = fmt::format("no mail due; {} pending", waiting.pending);
    return {};
  }
  BPV_TRY_ASSIGN(mail::Address from, sender(config));
  mail::DeliverySettings settings{from, config.max_attempts, config.retry_minutes, config.batch_size};
  BPV_TRY_ASSIGN(auto report,
                 mail::deliver(context.store, [&] { return open_smtp(config, from); }, settings,
                               context.zone, context.now));
  BPV_TRY_ASSIGN(auto left, context.store.outbox_counts(context.now));
  outcome.counts["sent"] = std::to_string(report.sent);
  outcome.counts["retrying"] = std::to_string(report.retrying);
  outcome.counts["failed"] = std::to_string(report.gave_up);
  outcome.counts["pending"] = std::to_string(left.pending);
  outcome.counts["connections"] = std::to_string(report.connections);
  outcome.counts["problems"] = nlohmann::json(report.problems).dump();
  outcome.summary = fmt::format("{} mail(s) sent, {} to retry, {} failed for good; {} pending",
                                report.sent, report.retrying, report.gave_up, left.pending);
  if (!context.json) {
    for (const auto& problem : report.problems) {
      fmt::print(context.out, "not sent: {}\n", problem);
    }
  }
  if (report.stopped) {
    outcome.problem = Error{ErrorKind::unexpected,
                            fmt::format("the SMTP server failed: {}; {} mail(s) stay in the outbox "
                                        "for the next 'bpv-jobs run send-mail'",
                                        report.stop_error, left.pending)};
  } else if (!report.problems.empty()) {
    outcome.problem = Error{ErrorKind::partial,
                            fmt::format("{} mail(s) were refused (listed above); {} were sent",
                                        report.problems.size(), report.sent)};
  }
  return {};
}

Result<JobOutcome> finish_mail_job(JobContext& context, JobOutcome outcome) {
  if (!context.json) {
    fmt::print(context.out, "{}\n", outcome.summary);
  }
  if (context.dry_run || context.no_send) {
    return outcome;
  }
  // Delivered as a run of send-mail, under its lock: a send-mail that cron starts at the same
  // moment never sends the same mail.
  auto delivered = run_locked(*find_job("send-mail"), context);
  if (!delivered) {
    if (delivered.error().kind != ErrorKind::refused) {
      return std::unexpected(delivered.error());
    }
    outcome.summary += "; send-mail is running already and delivers them";
    if (!context.json) {
      fmt::print(context.out, "send-mail is running already (its lock is held); it delivers these mails\n");
    }
    return outcome;
  }
  for (const char* key : {"sent", "retrying", "failed", "pending", "connections", "problems"}) {
    outcome.counts[key] = delivered->counts[key];
  }
  outcome.summary += "; " + delivered->summary;
  outcome.problem = delivered->problem;
  return outcome;
}

}  // namespace bpv::jobs
