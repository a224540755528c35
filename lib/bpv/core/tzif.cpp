// TimeZone's data and its parser: TZif files (RFC 8536) and the POSIX TZ rule in their footer.
// Pure: the bytes come from config::locate_time_zone or a test.

#include <bpv/core/time_zone.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <vector>

namespace bpv::core {

namespace {

using std::int32_t;
using std::int64_t;

// Howard Hinnant's civil-calendar algorithms, in 64 bits so that no instant overflows them.
constexpr int64_t floor_div(int64_t a, int64_t b) {
  return a / b - (a % b != 0 && (a < 0) != (b < 0) ? 1 : 0);
}

constexpr int64_t days_from_civil(int64_t year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const int64_t era = floor_div(year, 400);
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

constexpr int64_t year_from_days(int64_t days) {
  days += 719468;
  const int64_t era = floor_div(days, 146097);
  const int64_t day_of_era = days - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t month_index = (5 * day_of_year + 2) / 153;  // 0 is March
  return year_of_era + era * 400 + (month_index >= 10 ? 1 : 0);
}

constexpr bool is_leap(int64_t year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

// 0 is Sunday, as in the `Mm.w.d` rule form.
constexpr int weekday_from_days(int64_t days) {
  return static_cast<int>(((days % 7) + 7 + 4) % 7);  // 1970-01-01 was a Thursday
}

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(2000, 3, 1) == 11017);
static_assert(year_from_days(-1) == 1969 && year_from_days(11016) == 2000);
static_assert(weekday_from_days(0) == 4 && weekday_from_days(-1) == 3);

constexpr int64_t k_day = 86400;
// Rule arithmetic stays exact for instants within about a million years; later ones are clamped.
constexpr int64_t k_rule_limit = int64_t{1} << 45;

// A day of the year in a POSIX TZ rule, with the local time of the change on it.
struct RuleDay {
  enum class Form { julian, zero_based, month_week_day };  // `Jn`, `n`, `Mm.w.d`
  Form form = Form::month_week_day;
  int day = 0;      // `Jn`: 1-365, never counting 29 February; `n`: 0-365, counting it
  int month = 0;    // `Mm.w.d`: 1-12
  int week = 0;     // 1-5, 5 meaning the last
  int weekday = 0;  // 0 Sunday - 6 Saturday
  int32_t time = 2 * 3600;

  // The local instant (seconds since the epoch, read as UTC) of the change in `year`.
  int64_t local_instant(int64_t year) const {
    int64_t days = 0;
    switch (form) {
      case Form::julian:
        days = days_from_civil(year, 1, 1) + day - 1 + (is_leap(year) && day >= 60 ? 1 : 0);
        break;
      case Form::zero_based:
        days = days_from_civil(year, 1, 1) + day;
        break;
      case Form::month_week_day: {
        const int64_t first = days_from_civil(year, month, 1);
        const int64_t next_month =
            month == 12 ? days_from_civil(year + 1, 1, 1) : days_from_civil(year, month + 1, 1);
        days = first + (weekday - weekday_from_days(first) + 7) % 7 + 7 * (week - 1);
        while (days >= next_month) {
          days -= 7;
        }
        break;
      }
    }
    return days * k_day + time;
  }
};

// The POSIX TZ string of a TZif footer, e.g. `CET-1CEST,M3.5.0,M10.5.0/3`: standard time, and
// optionally daylight saving time from `start` (in standard time) to `end` (in daylight time).
struct PosixRule {
  int32_t std_offset = 0;  // seconds east of UTC; the string itself counts west
  int32_t dst_offset = 0;
  bool has_dst = false;
  RuleDay start;
  RuleDay end;

  struct Change {
    int64_t at;
    bool to_dst;
  };

  // The changes of the four years from `first`, in order. At equal instants an end comes before a
  // start, so that DST all year (`EST5EDT4,0/0,J365/25`) never ends.
  std::array<Change, 8> changes(int64_t first) const {
    std::array<Change, 8> out{};
    for (int64_t i = 0; i < 4; ++i) {
      out[2 * i] = {start.local_instant(first + i) - std_offset, true};
      out[2 * i + 1] = {end.local_instant(first + i) - dst_offset, false};
    }
    std::sort(out.begin(), out.end(), [](const Change& a, const Change& b) {
      return a.at != b.at ? a.at < b.at : a.to_dst < b.to_dst;
    });
    return out;
  }

  int64_t local_year(int64_t instant) const {
    return year_from_days(floor_div(instant + std_offset, k_day));
  }

  int32_t offset_at(int64_t instant) const {
    if (!has_dst) {
      return std_offset;
    }
    instant = std::clamp(instant, -k_rule_limit, k_rule_limit);
    const int64_t year = local_year(instant);
    bool dst = false;
    for (const Change& change : changes(year - 2)) {
      if (change.at > instant) {
        break;
      }
      dst = change.to_dst;
    }
    return dst ? dst_offset : std_offset;
  }
};

// Reads a POSIX TZ string as RFC 8536 (3.3) extends it: rule times from -167 to 167 hours.
// Offsets stay within 24:59:59, so even a default DST hour on top stays under k_max_offset.
class RuleParser {
 public:
  explicit RuleParser(std::string_view text) : m_text(text) {}

  std::optional<PosixRule> parse() {
    PosixRule rule;
    std::optional<int32_t> west;
    if (!name() || !(west = hms(24))) {
      return std::nullopt;
    }
    rule.std_offset = -*west;
    rule.dst_offset = rule.std_offset;
    if (done()) {
      return rule;
    }
    if (!name()) {
      return std::nullopt;
    }
    rule.has_dst = true;
    rule.dst_offset = rule.std_offset + 3600;
    if (peek() != ',') {
      if (!(west = hms(24))) {
        return std::nullopt;
      }
      rule.dst_offset = -*west;
    }
    // A DST name without a rule leaves the dates to the implementation; zic never writes one.
    if (!take(',') || !rule_day(rule.start) || !take(',') || !rule_day(rule.end) || !done()) {
      return std::nullopt;
    }
    return rule;
  }

 private:
  bool done() const { return m_at == m_text.size(); }
  char peek() const { return done() ? '\0' : m_text[m_at]; }
  bool take(char c) {
    if (peek() != c) {
      return false;
    }
    ++m_at;
    return true;
  }
  static bool is_digit(char c) { return c >= '0' && c <= '9'; }
  static bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

  // `CET`, or `<+0530>` quoted: at least three characters.
  bool name() {
    std::size_t length = 0;
    if (take('<')) {
      while (is_alpha(peek()) || is_digit(peek()) || peek() == '+' || peek() == '-') {
        ++m_at;
        ++length;
      }
      return take('>') && length >= 3;
    }
    while (is_alpha(peek())) {
      ++m_at;
      ++length;
    }
    return length >= 3;
  }

  // An unsigned number of `min_digits` to `max_digits` digits, at most `max`.
  std::optional<int> number(std::size_t min_digits, std::size_t max_digits, int max) {
    int value = 0;
    std::size_t digits = 0;
    while (digits < max_digits && is_digit(peek())) {
      value = value * 10 + (m_text[m_at] - '0');
      ++m_at;
      ++digits;
    }
    if (digits < min_digits || value > max) {
      return std::nullopt;
    }
    return value;
  }

  // `[+-]h[h][:mm[:ss]]`, hours at most `max_hours`, in seconds.
  std::optional<int32_t> hms(int max_hours) {
    const bool negative = take('-');
    if (!negative) {
      take('+');
    }
    auto hours = number(1, max_hours > 99 ? 3 : 2, max_hours);
    if (!hours) {
      return std::nullopt;
    }
    int32_t seconds = *hours * 3600;
    if (take(':')) {
      auto minutes = number(2, 2, 59);
      if (!minutes) {
        return std::nullopt;
      }
      seconds += *minutes * 60;
      if (take(':')) {
        auto secs = number(2, 2, 59);
        if (!secs) {
          return std::nullopt;
        }
        seconds += *secs;
      }
    }
    return negative ? -seconds : seconds;
  }

  // `Jn`, `n` or `Mm.w.d`, then an optional `/time`.
  bool rule_day(RuleDay& day) {
    std::optional<int> a;
    if (take('J')) {
      day.form = RuleDay::Form::julian;
      if (!(a = number(1, 3, 365)) || *a < 1) {
        return false;
      }
      day.day = *a;
    } else if (take('M')) {
      day.form = RuleDay::Form::month_week_day;
      std::optional<int> week;
      std::optional<int> weekday;
      if (!(a = number(1, 2, 12)) || *a < 1 || !take('.') || !(week = number(1, 1, 5)) ||
          *week < 1 || !take('.') || !(weekday = number(1, 1, 6))) {
        return false;
      }
      day.month = *a;
      day.week = *week;
      day.weekday = *weekday;
    } else {
      day.form = RuleDay::Form::zero_based;
      if (!(a = number(1, 3, 365))) {
        return false;
      }
      day.day = *a;
    }
    if (take('/')) {
      auto time = hms(167);
      if (!time) {
        return false;
      }
      day.time = *time;
    }
    return true;
  }

  std::string_view m_text;
  std::size_t m_at = 0;
};

// Big-endian reads over the bytes of a TZif file; every read checks the length first.
class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : m_bytes(bytes) {}

  std::size_t remaining() const { return m_bytes.size() - m_at; }
  bool has(uint64_t count) const { return count <= remaining(); }
  std::string_view take(std::size_t count) {
    auto out = m_bytes.substr(m_at, count);
    m_at += count;
    return out;
  }
  uint8_t u8() { return static_cast<uint8_t>(m_bytes[m_at++]); }
  uint32_t u32() {
    uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      value = (value << 8) | u8();
    }
    return value;
  }
  int64_t i64() {
    uint64_t value = 0;
    for (int i = 0; i < 8; ++i) {
      value = (value << 8) | u8();
    }
    return static_cast<int64_t>(value);
  }

 private:
  std::string_view m_bytes;
  std::size_t m_at = 0;
};

struct Header {
  char version = 0;
  uint32_t isutcnt = 0;
  uint32_t isstdcnt = 0;
  uint32_t leapcnt = 0;
  uint32_t timecnt = 0;
  uint32_t typecnt = 0;
  uint32_t charcnt = 0;

  // The size of the data block that follows, with `time_size`-byte transition times.
  uint64_t data_size(uint64_t time_size) const {
    return timecnt * (time_size + 1) + typecnt * uint64_t{6} + charcnt + leapcnt * (time_size + 4) +
           isstdcnt + isutcnt;
  }
};

constexpr std::size_t k_header_size = 44;

// The problem with the header at the reader's position, if any.
std::optional<std::string_view> read_header(ByteReader& in, Header& header) {
  if (!in.has(k_header_size)) {
    return "truncated";
  }
  if (in.take(4) != "TZif") {
    return "not a TZif file";
  }
  header.version = static_cast<char>(in.u8());
  in.take(15);
  header.isutcnt = in.u32();
  header.isstdcnt = in.u32();
  header.leapcnt = in.u32();
  header.timecnt = in.u32();
  header.typecnt = in.u32();
  header.charcnt = in.u32();
  if (header.version < '2') {
    return "version 1 TZif data is not supported";
  }
  if (header.typecnt == 0 || header.charcnt == 0 ||
      (header.isutcnt != 0 && header.isutcnt != header.typecnt) ||
      (header.isstdcnt != 0 && header.isstdcnt != header.typecnt)) {
    return "inconsistent counts in the header";
  }
  return std::nullopt;
}

}  // namespace

struct TimeZone::Data {
  std::string name;
  int32_t initial_offset = 0;         // before the first change
  std::vector<int64_t> change_at;     // ascending; each changes the offset
  std::vector<int32_t> offset_from;   // the offset from change_at[i] on
  std::optional<int64_t> rule_after;  // the file's last transition: `rule` governs after it
  std::optional<PosixRule> rule;
};

Result<TimeZone> TimeZone::from_tzif(std::string_view name, std::string_view bytes) {
  auto bad = [&](std::string_view problem) {
    return fail(ErrorKind::unexpected,
                fmt::format("time zone '{}': cannot use its TZif data: {}", name, problem));
  };
  ByteReader in(bytes);
  Header header;
  if (auto problem = read_header(in, header)) {
    return bad(*problem);
  }
  // The version 1 block, with 32-bit times, is there for old readers only.
  if (!in.has(header.data_size(4))) {
    return bad("truncated");
  }
  in.take(static_cast<std::size_t>(header.data_size(4)));
  if (auto problem = read_header(in, header)) {
    return bad(*problem);
  }
  if (header.leapcnt != 0) {
    return bad("leap seconds are not supported (use a zone outside right/)");
  }
  if (!in.has(header.data_size(8))) {
    return bad("truncated");
  }

  std::vector<int64_t> times(header.timecnt);
  for (auto& time : times) {
    time = in.i64();
  }
  if (std::adjacent_find(times.begin(), times.end(), std::greater_equal<>()) != times.end()) {
    return bad("transition times out of order");
  }
  std::vector<uint8_t> type_of(header.timecnt);
  for (auto& type : type_of) {
    type = in.u8();
    if (type >= header.typecnt) {
      return bad("a transition to an undefined local time type");
    }
  }
  const int64_t max_offset = std::chrono::seconds(k_max_offset).count();
  std::vector<int32_t> offsets(header.typecnt);
  for (auto& offset : offsets) {
    const auto raw = static_cast<int32_t>(in.u32());
    const uint8_t is_dst = in.u8();
    const uint8_t abbreviation = in.u8();
    if (raw <= -max_offset || raw >= max_offset || is_dst > 1 || abbreviation >= header.charcnt) {
      return bad("a local time type out of range");
    }
    offset = raw;
  }
  in.take(header.charcnt + std::size_t{header.isstdcnt} + header.isutcnt);

  if (!in.has(2) || in.take(1) != "\n") {
    return bad("no footer");
  }
  const std::string_view rest = in.take(in.remaining());
  const std::size_t newline = rest.find('\n');
  if (newline == std::string_view::npos || newline + 1 != rest.size()) {
    return bad("no footer");
  }
  const std::string_view footer = rest.substr(0, newline);

  auto data = std::make_shared<Data>();
  data->name = std::string(name);
  if (!footer.empty()) {
    data->rule = RuleParser(footer).parse();
    if (!data->rule) {
      return bad(fmt::format("unsupported TZ rule '{}'", footer));
    }
  }
  // Local time before the first transition is that of type 0 (RFC 8536, 3.2).
  data->initial_offset = offsets[0];
  int32_t current = data->initial_offset;
  for (std::size_t i = 0; i < times.size(); ++i) {
    if (offsets[type_of[i]] != current) {
      current = offsets[type_of[i]];
      data->change_at.push_back(times[i]);
      data->offset_from.push_back(current);
    }
  }
  if (!times.empty()) {
    data->rule_after = times.back();
  }
  return TimeZone(std::move(data));
}

std::string_view TimeZone::name() const {
  return m_data->name;
}

std::chrono::seconds TimeZone::offset_at(Instant instant) const {
  const Data& data = *m_data;
  const int64_t t = instant.time_since_epoch().count();
  if (data.rule && (!data.rule_after || t > *data.rule_after)) {
    return std::chrono::seconds(data.rule->offset_at(t));
  }
  const auto after = std::upper_bound(data.change_at.begin(), data.change_at.end(), t);
  if (after == data.change_at.begin()) {
    return std::chrono::seconds(data.initial_offset);
  }
  return std::chrono::seconds(data.offset_from[after - data.change_at.begin() - 1]);
}

std::optional<Instant> TimeZone::next_change(Instant instant) const {
  const Data& data = *m_data;
  const int64_t t = instant.time_since_epoch().count();
  const auto after = std::upper_bound(data.change_at.begin(), data.change_at.end(), t);
  if (after != data.change_at.end()) {
    return Instant(std::chrono::seconds(*after));
  }
  if (!data.rule || t >= k_rule_limit) {
    return std::nullopt;
  }
  auto changes_at = [&](int64_t at) {
    return offset_at(Instant(std::chrono::seconds(at))) !=
           offset_at(Instant(std::chrono::seconds(at - 1)));
  };
  int64_t from = std::max(t, -k_rule_limit);
  if (data.rule_after && *data.rule_after >= from) {
    // Where the file's last transition and the rule disagree, the rule takes over a second later.
    from = *data.rule_after;
    if (changes_at(from + 1)) {
      return Instant(std::chrono::seconds(from + 1));
    }
  }
  if (!data.rule->has_dst) {
    return std::nullopt;
  }
  const int64_t year = data.rule->local_year(from);
  for (const auto& change : data.rule->changes(year - 1)) {
    if (change.at > from && changes_at(change.at)) {
      return Instant(std::chrono::seconds(change.at));
    }
  }
  return std::nullopt;
}

}  // namespace bpv::core
