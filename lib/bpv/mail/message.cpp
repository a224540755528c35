#include <bpv/mail/message.hpp>

#include <fmt/format.h>

#include <array>
#include <chrono>

namespace bpv::mail {
namespace {

constexpr std::size_t k_max_line = 78;          // RFC 5322 2.1.1, for header lines
constexpr std::size_t k_max_encoded_word = 75;  // RFC 2047 section 2
constexpr std::size_t k_max_qp_line = 76;       // RFC 2045 section 6.7 (5)
constexpr std::string_view k_word_start = "=?UTF-8?Q?";
constexpr std::string_view k_word_end = "?=";
constexpr std::string_view k_crlf = "\r\n";
constexpr char k_hex[] = "0123456789ABCDEF";

bool is_printable_ascii(char c) {
  return c >= 0x20 && c <= 0x7e;
}

// Printable ASCII, and nothing a decoder could take for an encoded word.
bool plain_header_text(std::string_view text) {
  for (char c : text) {
    if (!is_printable_ascii(c)) {
      return false;
    }
  }
  return text.find("=?") == std::string_view::npos;
}

// RFC 5322 atext: what a display name may hold unquoted (besides spaces between words).
bool is_atext(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
    return true;
  }
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

void append_hex(std::string& out, unsigned char byte) {
  out += '=';
  out += k_hex[byte >> 4];
  out += k_hex[byte & 0x0f];
}

// The length of the UTF-8 sequence starting at `text[at]`: its lead byte and the continuation
// bytes after it (a malformed sequence is taken byte by byte).
std::size_t sequence_length(std::string_view text, std::size_t at) {
  std::size_t length = 1;
  while (at + length < text.size() && length < 4 &&
         (static_cast<unsigned char>(text[at + length]) & 0xc0) == 0x80) {
    ++length;
  }
  return length;
}

// One character in the "Q" encoding (RFC 2047 section 4.2), restricted to what section 5 (3)
// allows inside a display name, so the same words serve in From, To and Subject.
void append_q(std::string& out, unsigned char byte) {
  if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
      (byte >= '0' && byte <= '9') || byte == '!' || byte == '*' || byte == '+' || byte == '-' ||
      byte == '/') {
    out += static_cast<char>(byte);
  } else if (byte == ' ') {
    out += '_';
  } else {
    append_hex(out, byte);
  }
}

// `text` as encoded words separated by folding white space; the first line already holds `used`
// characters. Words end on character boundaries, so no decoder sees half a UTF-8 sequence.
std::string encoded_words(std::string_view text, std::size_t used) {
  const std::size_t overhead = k_word_start.size() + k_word_end.size();
  std::string out;
  std::string word;
  std::size_t line = used;
  auto limit = [&] {
    return std::min(k_max_encoded_word, k_max_line - std::min(line, k_max_line));
  };
  // A first line too full to hold a useful word starts on the next line instead.
  if (limit() < overhead + 12 && used > 0) {
    out += "\r\n ";
    line = 1;
  }
  auto flush = [&] {
    out += k_word_start;
    out += word;
    out += k_word_end;
    line += word.size() + overhead;
    word.clear();
  };
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = sequence_length(text, at);
    std::string piece;
    for (std::size_t i = 0; i < length; ++i) {
      append_q(piece, static_cast<unsigned char>(text[at + i]));
    }
    if (!word.empty() && overhead + word.size() + piece.size() > limit()) {
      flush();
      out += "\r\n ";
      line = 1;
    }
    word += piece;
    at += length;
  }
  if (!word.empty()) {
    flush();
  }
  return out;
}

// Folds plain `text` at spaces so every line fits; empty when some word cannot fit on a line.
std::string fold_plain(std::string_view text, std::size_t used) {
  std::string out;
  std::size_t line = used;
  std::size_t at = 0;
  while (at < text.size()) {
    // The next piece: the spaces before a word and the word itself.
    std::size_t word_start = text.find_first_not_of(' ', at);
    if (word_start == std::string_view::npos) {
      word_start = text.size();
    }
    std::size_t word_end = text.find(' ', word_start);
    if (word_end == std::string_view::npos) {
      word_end = text.size();
    }
    std::string_view piece = text.substr(at, word_end - at);
    if (line + piece.size() > k_max_line && at > 0 && text[at] == ' ') {
      // Fold before the first space of the piece: unfolding removes only the CRLF.
      out += k_crlf;
      line = 0;
    }
    if (line + piece.size() > k_max_line) {
      return {};
    }
    out += piece;
    line += piece.size();
    at = word_end;
  }
  return out;
}

std::string header_text(std::string_view text, std::size_t used) {
  if (plain_header_text(text)) {
    std::string folded = fold_plain(text, used);
    if (!folded.empty() || text.empty()) {
      return folded;
    }
  }
  return encoded_words(text, used);
}

// The display name as a phrase: atoms as they are, else a quoted string, else encoded words.
std::string display_name(std::string_view name, std::size_t used) {
  if (plain_header_text(name)) {
    bool atoms =
        name.front() != ' ' && name.back() != ' ' && name.find("  ") == std::string_view::npos;
    for (char c : name) {
      atoms = atoms && (c == ' ' || is_atext(c));
    }
    if (atoms) {
      std::string folded = fold_plain(name, used);
      if (!folded.empty()) {
        return folded;
      }
    } else {
      std::string quoted = "\"";
      for (char c : name) {
        if (c == '"' || c == '\\') {
          quoted += '\\';
        }
        quoted += c;
      }
      quoted += '"';
      if (used + quoted.size() <= k_max_line) {
        return quoted;
      }
    }
  }
  return encoded_words(name, used);
}

// The address without anything that could end the header line early.
std::string clean_email(std::string_view email) {
  std::string out;
  for (char c : email) {
    if (is_printable_ascii(c) || static_cast<unsigned char>(c) >= 0x80) {
      out += c;
    }
  }
  return out;
}

std::string address_at(const Address& address, std::size_t used) {
  std::string email = clean_email(address.email);
  if (address.name.empty()) {
    return email;
  }
  std::string out = display_name(address.name, used);
  const std::size_t last_break = out.rfind('\n');
  const std::size_t line =
      last_break == std::string::npos ? used + out.size() : out.size() - last_break - 1;
  out += line + 3 + email.size() > k_max_line ? "\r\n <" : " <";
  out += email;
  out += '>';
  return out;
}

void append_header(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ": ";
  out += value;
  out += k_crlf;
}

// Quoted-printable for one line of the body (without its line break).
void append_qp_line(std::string& out, std::string_view line) {
  // Tokens are whole characters: one UTF-8 sequence never straddles a soft break.
  std::vector<std::string> tokens;
  for (std::size_t at = 0; at < line.size();) {
    const auto first = static_cast<unsigned char>(line[at]);
    std::string token;
    std::size_t length = first >= 0x80 ? sequence_length(line, at) : 1;
    for (std::size_t i = 0; i < length; ++i) {
      const auto byte = static_cast<unsigned char>(line[at + i]);
      const bool last = at + i + 1 == line.size();
      const bool literal =
          (byte >= 33 && byte <= 126 && byte != '=') || ((byte == ' ' || byte == '\t') && !last);
      // A leading '.' is encoded too, so no relay that forgets dot-stuffing can end the data.
      if (literal && !(byte == '.' && at == 0)) {
        token += static_cast<char>(byte);
      } else {
        append_hex(token, byte);
      }
    }
    tokens.push_back(std::move(token));
    at += length;
  }
  std::size_t remaining = 0;
  for (const auto& token : tokens) {
    remaining += token.size();
  }
  std::size_t used = 0;
  for (const auto& token : tokens) {
    // The rest fits on this line as its last part; otherwise keep room for the soft break '='.
    if (used + remaining > k_max_qp_line && used + token.size() > k_max_qp_line - 1) {
      out += "=\r\n";
      used = 0;
    }
    out += token;
    used += token.size();
    remaining -= token.size();
  }
}

}  // namespace

std::string format_date(core::Instant instant, const core::TimeZone& zone) {
  static constexpr std::array<std::string_view, 7> k_days = {"Mon", "Tue", "Wed", "Thu",
                                                             "Fri", "Sat", "Sun"};
  static constexpr std::array<std::string_view, 12> k_months = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::chrono::seconds offset = zone.utc_offset(instant);
  const core::Instant local = instant + offset;
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const core::Date date(day);
  const std::chrono::hh_mm_ss<std::chrono::seconds> time(local - day);
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(offset).count();
  const long magnitude = minutes < 0 ? -minutes : minutes;
  return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} {}{:02}{:02}",
                     k_days[date.iso_weekday() - 1], date.day(), k_months[date.month() - 1],
                     date.year(), time.hours().count(), time.minutes().count(),
                     time.seconds().count(), minutes < 0 ? '-' : '+', magnitude / 60,
                     magnitude % 60);
}

std::string encode_header_text(std::string_view utf8, std::size_t used) {
  return header_text(utf8, used);
}

std::string format_address(const Address& address) {
  return address_at(address, 0);
}

std::string quoted_printable(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size() + utf8.size() / 8);
  std::size_t at = 0;
  while (at < utf8.size()) {
    std::size_t end = utf8.find('\n', at);
    if (end == std::string_view::npos) {
      append_qp_line(out, utf8.substr(at));
      break;
    }
    std::size_t content_end = end > at && utf8[end - 1] == '\r' ? end - 1 : end;
    append_qp_line(out, utf8.substr(at, content_end - at));
    out += k_crlf;
    at = end + 1;
  }
  return out;
}

bool valid_address(std::string_view email) {
  const std::size_t at = email.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == email.size() || email.size() > 254) {
    return false;
  }
  for (char c : email) {
    if (!is_printable_ascii(c) || c == ' ' ||
        std::string_view("<>()[],;:\\\"").find(c) != std::string_view::npos) {
      return false;
    }
  }
  const std::string_view local = email.substr(0, at);
  const std::string_view domain = email.substr(at + 1);
  if (local.find('@') != std::string_view::npos || domain.front() == '.' || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos || local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos) {
    return false;
  }
  return true;
}

std::string render(const Message& message, const core::TimeZone& zone) {
  std::string out;
  out.reserve(message.body.size() + message.body.size() / 8 + 512);
  append_header(out, "From", address_at(message.from, 6));
  append_header(out, "To", address_at(message.to, 4));
  append_header(out, "Subject", header_text(message.subject, 9));
  append_header(out, "Date", format_date(message.date, zone));
  if (!message.message_id.empty()) {
    append_header(out, "Message-ID", "<" + clean_email(message.message_id) + ">");
  }
  for (const auto& [name, value] : message.extra_headers) {
    append_header(out, name, header_text(value, name.size() + 2));
  }
  append_header(out, "MIME-Version", "1.0");
  append_header(out, "Content-Type", "text/plain; charset=UTF-8");
  append_header(out, "Content-Transfer-Encoding", "quoted-printable");
  out += k_crlf;
  out += quoted_printable(message.body);
  if (!out.ends_with(k_crlf)) {
    out += k_crlf;
  }
  return out;
}

}  // namespace bpv::mail
