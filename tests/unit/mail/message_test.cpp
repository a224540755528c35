#include <bpv/config/time_zone_file.hpp>
#include <bpv/mail/message.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace bpv::mail {
namespace {

// --- Independent decoders: written from RFC 2045 and RFC 2047, sharing nothing with message.cpp.

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;  // lower case is not allowed in what we emit
}

std::vector<std::string> split_crlf(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (true) {
    std::size_t end = text.find("\r\n", at);
    if (end == std::string_view::npos) {
      lines.emplace_back(text.substr(at));
      return lines;
    }
    lines.emplace_back(text.substr(at, end - at));
    at = end + 2;
  }
}

// Decodes quoted-printable; fails the test on malformed input. Hard line breaks become "\n".
std::string decode_qp(std::string_view encoded) {
  std::string out;
  std::vector<std::string> lines = split_crlf(encoded);
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const std::string& line = lines[n];
    bool soft = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] != '=') {
        out += line[i];
        continue;
      }
      if (i + 1 == line.size()) {
        soft = true;
        break;
      }
      if (i + 2 >= line.size()) {
        ADD_FAILURE() << "truncated escape in '" << line << "'";
        return out;
      }
      int high = hex_value(line[i + 1]);
      int low = hex_value(line[i + 2]);
      EXPECT_TRUE(high >= 0 && low >= 0) << "bad escape in '" << line << "'";
      out += static_cast<char>(high * 16 + low);
      i += 2;
    }
    if (!soft && n + 1 < lines.size()) {
      out += '\n';
    }
  }
  return out;
}

// Decodes one "Q" encoded text (RFC 2047 section 4.2).
std::string decode_q(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_') {
      out += ' ';
    } else if (text[i] == '=' && i + 2 < text.size()) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string unfold(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, 3) == "\r\n " || text.substr(i, 3) == "\r\n\t") {
      ++i;  // drop the CRLF, keep the white space
      continue;
    }
    out += text[i];
  }
  return out;
}

// Header text as a reader sees it: unfolded, encoded words decoded, white space between two
// adjacent encoded words dropped (RFC 2047 section 6.2).
std::string decode_header(std::string_view folded) {
  const std::string text = unfold(folded);
  std::string out;
  std::string pending_space;
  bool after_word = false;
  std::size_t at = 0;
  while (at < text.size()) {
    if (text.compare(at, 2, "=?") == 0) {
      const std::size_t charset_end = text.find('?', at + 2);
      const std::size_t encoding_end = text.find('?', charset_end + 1);
      const std::size_t end = text.find("?=", encoding_end + 1);
      if (charset_end != std::string::npos && encoding_end == charset_end + 2 &&
          end != std::string::npos) {
        EXPECT_EQ(text.substr(at + 2, charset_end - at - 2), "UTF-8");
        EXPECT_EQ(text[charset_end + 1], 'Q');
        if (!after_word) {
          out += pending_space;
        }
        pending_space.clear();
        out += decode_q(std::string_view(text).substr(encoding_end + 1, end - encoding_end - 1));
        at = end + 2;
        after_word = true;
        continue;
      }
    }
    if (text[at] == ' ') {
      pending_space += ' ';
      ++at;
      continue;
    }
    out += pending_space;
    pending_space.clear();
    out += text[at++];
    after_word = false;
  }
  return out + pending_space;
}

bool valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = lead < 0x80         ? 1
                         : lead >> 5 == 0x6  ? 2
                         : lead >> 4 == 0xe  ? 3
                         : lead >> 3 == 0x1e ? 4
                                             : 0;
    if (length == 0 || i + length > text.size()) {
      return false;
    }
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) {
        return false;
      }
    }
    i += length;
  }
  return true;
}

std::vector<std::string> encoded_words_in(std::string_view text) {
  std::vector<std::string> words;
  for (std::size_t at = text.find("=?"); at != std::string_view::npos;
       at = text.find("=?", at + 2)) {
    const std::size_t end = text.find("?=", at + 10);
    words.emplace_back(text.substr(at, end + 2 - at));
    at = end;
  }
  return words;
}

core::TimeZone zone(std::string_view name) {
  auto located = config::locate_time_zone(name);
  EXPECT_TRUE(located.has_value()) << name;
  return located.value();
}

core::Instant utc(int year, unsigned month, unsigned day, int hour, int minute) {
  return core::Instant(core::Date::from_ymd(year, month, day).sys_days()) +
         std::chrono::hours(hour) + std::chrono::minutes(minute);
}

// --- Date ---------------------------------------------------------------------------------------

TEST(FormatDate, WinterInAmsterdamIsPlusOneHour) {
  EXPECT_EQ(format_date(utc(2026, 11, 30, 6, 0), zone("Europe/Amsterdam")),
            "Mon, 30 Nov 2026 07:00:00 +0100");
}

TEST(FormatDate, SummerInAmsterdamIsPlusTwoHours) {
  EXPECT_EQ(format_date(utc(2026, 7, 1, 10, 5), zone("Europe/Amsterdam")),
            "Wed, 01 Jul 2026 12:05:00 +0200");
}

TEST(FormatDate, LocalDateCanBeTheDayBefore) {
  EXPECT_EQ(format_date(utc(2027, 1, 1, 3, 30), zone("America/New_York")),
            "Thu, 31 Dec 2026 22:30:00 -0500");
}

// --- Header text --------------------------------------------------------------------------------

TEST(EncodeHeaderText, PrintableAsciiStaysAsItIs) {
  EXPECT_EQ(encode_header_text("Uren week 48 wachten op goedkeuring", 9),
            "Uren week 48 wachten op goedkeuring");
}

TEST(EncodeHeaderText, DutchSubjectBecomesEncodedWords) {
  const std::string subject = "Één week te laat";
  const std::string encoded = encode_header_text(subject, 9);
  EXPECT_EQ(encoded, "=?UTF-8?Q?=C3=89=C3=A9n_week_te_laat?=");
  EXPECT_EQ(decode_header(encoded), subject);
}

TEST(EncodeHeaderText, TextThatLooksLikeAnEncodedWordIsEncoded) {
  const std::string text = "=?UTF-8?Q?nep?=";
  const std::string encoded = encode_header_text(text, 9);
  EXPECT_NE(encoded, text);
  EXPECT_EQ(decode_header(encoded), text);
}

TEST(EncodeHeaderText, LineBreaksCannotStartANewHeader) {
  const std::string encoded = encode_header_text("Hallo\r\nBcc: iedereen@example.nl", 9);
  EXPECT_EQ(encoded.find("\r\nBcc"), std::string::npos);
  EXPECT_EQ(decode_header(encoded), "Hallo\r\nBcc: iedereen@example.nl");
}

TEST(EncodeHeaderText, LongNonAsciiTextIsSplitIntoShortWholeCharacterWords) {
  std::string subject;
  for (int i = 0; i < 8; ++i) {
    subject += "Één week te laat — Çelik, Ĳsbrand en Şükrü ";
  }
  const std::string encoded = encode_header_text(subject, 9);
  EXPECT_EQ(decode_header(encoded), subject);
  const std::vector<std::string> lines = split_crlf(encoded);
  ASSERT_GT(lines.size(), 3u);
  EXPECT_LE(lines[0].size() + 9, 78u);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i].front(), ' ') << lines[i];
    EXPECT_LE(lines[i].size(), 78u) << lines[i];
  }
  for (const std::string& word : encoded_words_in(encoded)) {
    EXPECT_LE(word.size(), 75u) << word;
    // Every word decodes to whole characters on its own.
    EXPECT_TRUE(valid_utf8(decode_q(word.substr(10, word.size() - 12)))) << word;
  }
}

TEST(EncodeHeaderText, LongAsciiTextIsFoldedAtSpaces) {
  std::string subject;
  for (int i = 0; i < 12; ++i) {
    subject += "uren van week " + std::to_string(40 + i) + " ";
  }
  subject += "wachten";
  const std::string encoded = encode_header_text(subject, 9);
  EXPECT_EQ(encoded.find("=?"), std::string::npos);
  EXPECT_EQ(unfold(encoded), subject);
  const std::vector<std::string> lines = split_crlf(encoded);
  ASSERT_GT(lines.size(), 1u);
  EXPECT_LE(lines[0].size() + 9, 78u);
  for (const std::string& line : lines) {
    EXPECT_LE(line.size(), 78u) << line;
  }
}

TEST(EncodeHeaderText, AsciiWordLongerThanALineIsEncoded) {
  const std::string subject = "Zie " + std::string(90, 'x');
  const std::string encoded = encode_header_text(subject, 9);
  EXPECT_EQ(decode_header(encoded), subject);
  for (const std::string& line : split_crlf(encoded)) {
    EXPECT_LE(line.size(), 78u) << line;
  }
}

// --- Addresses ----------------------------------------------------------------------------------

struct AddressCase {
  Address address;
  std::string expected;
};

TEST(FormatAddress, PlainQuotedAndBare) {
  const std::vector<AddressCase> cases = {
      {{"", "student@example.nl"}, "student@example.nl"},
      {{"Jan de Vries", "jan@example.nl"}, "Jan de Vries <jan@example.nl>"},
      {{"Fenna van 't Hof", "fenna@example.nl"}, "Fenna van 't Hof <fenna@example.nl>"},
      {{"Vries, Jan de", "jan@example.nl"}, "\"Vries, Jan de\" <jan@example.nl>"},
      {{"Jan \"JJ\" de Vries", "jan@example.nl"}, "\"Jan \\\"JJ\\\" de Vries\" <jan@example.nl>"},
      {{"Bedrijf B.V.", "info@example.nl"}, "\"Bedrijf B.V.\" <info@example.nl>"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(format_address(c.address), c.expected) << c.address.name;
  }
}

TEST(FormatAddress, DutchAndTurkishNamesAreEncoded) {
  for (std::string name :
       {"Ömer Çelik", "Hatice Güneş", "Zoë de Wit", "Ĳsbrand Şahin", "Işıl Doğan-Jansen"}) {
    const std::string formatted = format_address({name, "x@example.nl"});
    ASSERT_TRUE(formatted.ends_with(" <x@example.nl>")) << formatted;
    const std::string phrase = formatted.substr(0, formatted.size() - 15);
    EXPECT_TRUE(phrase.starts_with("=?UTF-8?Q?")) << formatted;
    EXPECT_EQ(decode_header(phrase), name);
    for (char c : formatted) {
      EXPECT_TRUE(c >= 0x20 && c < 0x7f) << formatted;
    }
  }
  EXPECT_EQ(format_address({"Ömer Çelik", "omer@example.nl"}),
            "=?UTF-8?Q?=C3=96mer_=C3=87elik?= <omer@example.nl>");
}

TEST(FormatAddress, LongNameIsFoldedWithinTheLineLimit) {
  const std::string name =
      "Ömer Çelik van der Heijden-Şahin, praktijkopleider bij Bouwbedrijf "
      "Çağlayan en Zonen";
  const std::string formatted = format_address({name, "praktijkopleider@example.nl"});
  for (const std::string& line : split_crlf(formatted)) {
    EXPECT_LE(line.size(), 78u) << line;
  }
  EXPECT_EQ(decode_header(formatted), name + " <praktijkopleider@example.nl>");
}

// --- Quoted-printable ---------------------------------------------------------------------------

struct QpCase {
  std::string name;
  std::string text;
  std::string expected;
};

TEST(QuotedPrintable, Table) {
  const std::vector<QpCase> cases = {
      {"plain", "Beste Jan,\n", "Beste Jan,\r\n"},
      {"empty", "", ""},
      {"no final newline", "a\nb", "a\r\nb"},
      {"equals sign", "2 + 2 = 4\n", "2 + 2 =3D 4\r\n"},
      {"trailing space", "einde \n", "einde=20\r\n"},
      {"trailing spaces", "einde   \n", "einde  =20\r\n"},
      {"trailing tab", "einde\t\n", "einde=09\r\n"},
      {"space inside", "a b\tc\n", "a b\tc\r\n"},
      {"8-bit", "Één\n", "=C3=89=C3=A9n\r\n"},
      {"leading dot", ".\n.punt\n", "=2E\r\n=2Epunt\r\n"},
      {"empty lines", "a\n\n\nb\n", "a\r\n\r\n\r\nb\r\n"},
      {"crlf input", "a\r\nb\r\n", "a\r\nb\r\n"},
      {"bare cr", "a\rb\n", "a=0Db\r\n"},
      {"control", "a\x01z\n", "a=01z\r\n"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(quoted_printable(c.text), c.expected) << c.name;
  }
}

TEST(QuotedPrintable, LineOfExactly76StaysWhole) {
  const std::string line(76, 'a');
  EXPECT_EQ(quoted_printable(line + "\n"), line + "\r\n");
}

TEST(QuotedPrintable, LineOf77GetsOneSoftBreak) {
  const std::string line(77, 'a');
  EXPECT_EQ(quoted_printable(line + "\n"), std::string(75, 'a') + "=\r\naa\r\n");
}

TEST(QuotedPrintable, EscapeIsNeverSplitAtTheLineEnd) {
  // 74 letters then '=': the escape "=3D" cannot end at column 77.
  const std::string text = std::string(74, 'a') + "=b\n";
  const std::string encoded = quoted_printable(text);
  EXPECT_EQ(encoded, std::string(74, 'a') + "=\r\n=3Db\r\n");
  EXPECT_EQ(decode_qp(encoded), text);
}

TEST(QuotedPrintable, TrailingSpaceAtColumn76IsEncodedAndBroken) {
  const std::string text = std::string(75, 'a') + " \n";
  const std::string encoded = quoted_printable(text);
  for (const std::string& line : split_crlf(encoded)) {
    EXPECT_LE(line.size(), 76u) << line;
    EXPECT_FALSE(line.ends_with(" ") || line.ends_with("\t")) << line;
  }
  EXPECT_EQ(decode_qp(encoded), text);
}

TEST(QuotedPrintable, LongLinesRoundTripWithinTheLimit) {
  std::string text;
  for (int i = 0; i < 40; ++i) {
    text += "Je hebt nog geen uren geschreven voor week " + std::to_string(i) + " = 0,0 u. ";
  }
  text += "\n";
  std::string accents;
  for (int i = 0; i < 60; ++i) {
    accents += "éÇşĳ€😀 ";
  }
  text += accents + "\n" + std::string(300, '=') + "\n";
  const std::string encoded = quoted_printable(text);
  EXPECT_EQ(decode_qp(encoded), text);
  for (const std::string& line : split_crlf(encoded)) {
    EXPECT_LE(line.size(), 76u) << line;
    for (char c : line) {
      EXPECT_TRUE((c >= 0x20 && c < 0x7f) || c == '\t') << line;
    }
    // Soft breaks fall between characters: each line decodes to whole UTF-8 characters.
    EXPECT_TRUE(valid_utf8(decode_qp(line))) << line;
  }
}

// --- Addresses that SMTP takes ------------------------------------------------------------------

TEST(ValidAddress, Table) {
  const std::vector<std::pair<std::string, bool>> cases = {
      {"jan@example.nl", true},
      {"jan.de.vries+bpv@school.example.nl", true},
      {"o'brien@example.nl", true},
      {"", false},
      {"jan", false},
      {"@example.nl", false},
      {"jan@", false},
      {"jan de vries@example.nl", false},
      {"<jan@example.nl>", false},
      {"jan@example.nl\r\nRCPT TO:<x@y.nl>", false},
      {"jan@@example.nl", false},
      {"jan@example..nl", false},
      {".jan@example.nl", false},
      {"çelik@example.nl", false},
      {"a,b@example.nl", false},
  };
  for (const auto& [email, expected] : cases) {
    EXPECT_EQ(valid_address(email), expected) << email;
  }
}

// --- The whole message --------------------------------------------------------------------------

Message reminder() {
  Message message;
  message.from = {"BPV Bureau Çalışkan College", "bpv@school.example.nl"};
  message.to = {"Ömer Çelik", "omer.celik@bedrijf.example.nl"};
  message.subject = "Één week te laat: uren van Fenna van 't Hof";
  message.body =
      "Beste Ömer,\n\nDe uren van week 48 wachten op uw goedkeuring.\n"
      "Keur ze goed met: bpv approve-week fenna@example.nl 2026-W48\n\nMet vriendelijke groet,\n";
  message.date = utc(2026, 11, 30, 6, 0);
  message.message_id = "outbox-17.3f9a@bpv.example.nl";
  message.extra_headers = {{"X-Bpv-Kind", "reminder"}};
  return message;
}

TEST(Render, HeadersInOrderThenTheEncodedBody) {
  const std::string rendered = render(reminder(), zone("Europe/Amsterdam"));
  const std::size_t blank = rendered.find("\r\n\r\n");
  ASSERT_NE(blank, std::string::npos);
  const std::string head = rendered.substr(0, blank + 2);
  EXPECT_EQ(head,
            "From: =?UTF-8?Q?BPV_Bureau_=C3=87al=C4=B1=C5=9Fkan_College?=\r\n"
            " <bpv@school.example.nl>\r\n"
            "To: =?UTF-8?Q?=C3=96mer_=C3=87elik?= <omer.celik@bedrijf.example.nl>\r\n"
            "Subject: =?UTF-8?Q?=C3=89=C3=A9n_week_te_laat=3A_uren_van_Fenna_van_=27t_Hof?=\r\n"
            "Date: Mon, 30 Nov 2026 07:00:00 +0100\r\n"
            "Message-ID: <outbox-17.3f9a@bpv.example.nl>\r\n"
            "X-Bpv-Kind: reminder\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=UTF-8\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n");
  EXPECT_EQ(decode_qp(rendered.substr(blank + 4)), reminder().body);
}

TEST(Render, OnlyCrlfAsciiAndShortLines) {
  Message message = reminder();
  message.body = std::string(200, 'x') + "\nregel met spatie aan het eind \nÇ\n";
  const std::string rendered = render(message, zone("Europe/Amsterdam"));
  EXPECT_TRUE(rendered.ends_with("\r\n"));
  for (std::size_t i = 0; i < rendered.size(); ++i) {
    EXPECT_TRUE(static_cast<unsigned char>(rendered[i]) < 0x80) << "8-bit at " << i;
    if (rendered[i] == '\n') {
      EXPECT_TRUE(i > 0 && rendered[i - 1] == '\r') << "bare LF at " << i;
    }
  }
  for (const std::string& line : split_crlf(rendered)) {
    EXPECT_LE(line.size(), 78u) << line;
  }
}

TEST(Render, BodyWithoutFinalNewlineStillEndsInCrlf) {
  Message message = reminder();
  message.body = "kort";
  const std::string rendered = render(message, zone("Europe/Amsterdam"));
  EXPECT_TRUE(rendered.ends_with("\r\n\r\nkort\r\n"));
}

}  // namespace
}  // namespace bpv::mail
