// The send-mail job: delivers the outbox.
#include "jobs.hpp"

#include <fmt/format.h>

namespace bpv::jobs {

Result<JobOutcome> run_send_mail(JobContext& context) {
  JobOutcome outcome;
  if (context.dry_run) {
    // What would go now, without connecting.
    int due = 0;
    store::Id after = 0;
    while (true) {
      BPV_TRY_ASSIGN(auto batch, context.store.due_mail(context.now, after, context.config.mail.batch_size));
      if (batch.empty()) {
        break;
      }
      for (const auto& message : batch) {
        after = message.id;
        ++due;
        if (!context.json) {
          mail::Outgoing mail{message.kind, {message.recipient_name, message.recipient}, message.key,
                              message.placement_id, {message.subject, message.body}};
          mail::print_mail(context.out, mail);
        }
      }
    }
    outcome.counts["due"] = std::to_string(due);
    outcome.summary = fmt::format("{} mail(s) would be sent", due);
  } else {
    BPV_TRY(deliver_mail(context, outcome));
  }
  if (!context.json) {
    fmt::print(context.out, "{}\n", outcome.summary);
  }
  return outcome;
}

}  // namespace bpv::jobs
