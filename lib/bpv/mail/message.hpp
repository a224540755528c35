#pragma once

// Composing mail per RFC 5322 and MIME: headers encoded per RFC 2047, a UTF-8 text body in
// quoted-printable. Pure: no I/O.

#include <bpv/core/clock.hpp>
#include <bpv/core/time_zone.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bpv::mail {

// A mailbox: a display name (UTF-8, may be empty) and an address.
struct Address {
  std::string name;
  std::string email;
};

struct Message {
  Address from;
  Address to;
  std::string subject;     // UTF-8, one line
  std::string body;        // UTF-8 text, lines ending in "\n"
  core::Instant date{};    // the Date header, written in `zone`'s offset at that instant
  std::string message_id;  // without angle brackets: "outbox-17.3f9a@bpv.example.nl"
  std::vector<std::pair<std::string, std::string>> extra_headers;  // e.g. {"X-Bpv-Kind", "reminder"}
};

// The message as it goes over the wire: CRLF line endings, every line at most 78 characters,
// non-ASCII header text as RFC 2047 encoded words, the body as quoted-printable UTF-8
// (Content-Type: text/plain; charset=UTF-8, MIME-Version: 1.0).
std::string render(const Message& message, const core::TimeZone& zone);

// "Mon, 30 Nov 2026 07:00:00 +0100" (RFC 5322 section 3.3).
std::string format_date(core::Instant instant, const core::TimeZone& zone);

// Header text: as is when printable ASCII, else RFC 2047 encoded words (UTF-8, "B" or "Q"),
// each at most 75 characters and never splitting a UTF-8 sequence. `used` is how many
// characters of the header line come before the text (for folding).
std::string encode_header_text(std::string_view utf8, std::size_t used = 0);

// "Name <address>" with the name quoted or encoded as needed; the bare address without a name.
std::string format_address(const Address& address);

// Quoted-printable (RFC 2045 section 6.7) with CRLF line endings and soft breaks at 76.
std::string quoted_printable(std::string_view utf8);

// Whether `email` looks like an address SMTP will take: local@domain, no spaces, no control
// characters, no angle brackets.
bool valid_address(std::string_view email);

}  // namespace bpv::mail
