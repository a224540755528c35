// The bpv side of mail_delivery_bench.sh: renders COUNT reminder mails, then sends them over one
// SmtpSession and prints "COUNT SECONDS CONNECTIONS" (the sending only) on stdout.
//
// usage: bpv-mail-bench URL COUNT [SAMPLE_FILE]
// SAMPLE_FILE receives the first rendered message, for the floor to send the same bytes.

#include <bpv/config/time_zone_file.hpp>
#include <bpv/mail/message.hpp>
#include <bpv/mail/smtp.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace {

bpv::mail::Message reminder(int n, bpv::core::Instant now) {
  bpv::mail::Message message;
  message.from = {"BPV-bureau ROC Çalışkan", "bpv@school.example.nl"};
  message.to = {fmt::format("Praktijkopleider {}", n),
                fmt::format("opleider{}@bedrijf{}.example.nl", n, n % 97)};
  message.subject = fmt::format("Uren wachten op goedkeuring: {} studenten, één week te laat", 3);
  message.body = fmt::format("Beste praktijkopleider {},\n\n", n);
  message.body += "De volgende weken wachten op uw goedkeuring (de oudste eerst):\n\n";
  for (int s = 0; s < 3; ++s) {
    message.body += fmt::format(
        "  Ömer Çelik {}    2026-W{}    32,5 uur    te laat sinds maandag\n"
        "    bpv approve-week student{}@example.nl 2026-W{}\n",
        s, 45 + s, n * 3 + s, 45 + s);
  }
  message.body +=
      "\nKeurt u de uren goed vóór maandag 23:59, dan telt de week mee voor de BPV-uren.\n"
      "\nMet vriendelijke groet,\nHet BPV-bureau\n";
  message.date = now;
  message.message_id = fmt::format("outbox-{}.bench@bpv.example.nl", n);
  message.extra_headers = {{"X-Bpv-Kind", "reminder"}};
  return message;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::fprintf(stderr, "usage: bpv-mail-bench URL COUNT [SAMPLE_FILE]\n");
    return 2;
  }
  const int count = std::stoi(argv[2]);
  auto zone = bpv::config::locate_time_zone("Europe/Amsterdam");
  if (!zone) {
    std::fprintf(stderr, "bpv-mail-bench: %s\n", zone.error().message.c_str());
    return 1;
  }
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  std::vector<std::string> rendered;
  rendered.reserve(static_cast<std::size_t>(count));
  for (int n = 0; n < count; ++n) {
    rendered.push_back(bpv::mail::render(reminder(n, now), *zone));
  }
  if (argc == 4) {
    std::ofstream(argv[3], std::ios::binary) << rendered.front();
  }

  bpv::mail::SmtpSettings settings;
  settings.url = argv[1];
  settings.starttls_required = false;
  settings.envelope_from = "bpv@school.example.nl";
  auto session = bpv::mail::SmtpSession::open(settings);
  if (!session) {
    std::fprintf(stderr, "bpv-mail-bench: %s\n", session.error().message.c_str());
    return 1;
  }
  const auto start = std::chrono::steady_clock::now();
  for (int n = 0; n < count; ++n) {
    auto sent = (*session)->send(fmt::format("opleider{}@bedrijf{}.example.nl", n, n % 97),
                                 rendered[static_cast<std::size_t>(n)]);
    if (!sent) {
      std::fprintf(stderr, "bpv-mail-bench: message %d: %s\n", n, sent.error().message.c_str());
      return 1;
    }
  }
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  std::printf("%d %.3f %d\n", count, elapsed.count(), (*session)->connections_opened());
  return 0;
}
