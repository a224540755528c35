#include <bpv/core/date.hpp>

#include <fmt/format.h>

#include <charconv>

namespace bpv::core {
namespace {

bool parse_number(std::string_view text, int& out) {
  if (text.empty()) {
    return false;
  }
  for (char c : text) {
    if (c < '0' || c > '9') {
      return false;
    }
  }
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

Result<Date> make_date(int year, int month, int day, std::string_view text) {
  std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(unsigned(month)),
                                  std::chrono::day(unsigned(day))};
  if (month < 1 || month > 12 || day < 1 || day > 31 || !ymd.ok() || year < 1900 || year > 2999) {
    return fail(ErrorKind::usage, fmt::format("'{}' is not a valid date", text));
  }
  return Date(std::chrono::sys_days(ymd));
}

}  // namespace

Result<Date> Date::parse_iso(std::string_view text) {
  int y = 0;
  int m = 0;
  int d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !parse_number(text.substr(0, 4), y) ||
      !parse_number(text.substr(5, 2), m) || !parse_number(text.substr(8, 2), d)) {
    return fail(ErrorKind::usage, fmt::format("'{}' is not a date; write YYYY-MM-DD", text));
  }
  return make_date(y, m, d, text);
}

Result<Date> Date::parse_flexible(std::string_view text) {
  if (text.size() == 10 && text[4] == '-') {
    return parse_iso(text);
  }
  // DD-MM-YYYY, D-M-YYYY, with '-', '/' or '.' between the parts.
  auto first = text.find_first_of("-/.");
  auto second = first == std::string_view::npos ? first : text.find_first_of("-/.", first + 1);
  int y = 0;
  int m = 0;
  int d = 0;
  if (second == std::string_view::npos || text[first] != text[second] ||
      !parse_number(text.substr(0, first), d) ||
      !parse_number(text.substr(first + 1, second - first - 1), m) ||
      text.size() - second - 1 != 4 || !parse_number(text.substr(second + 1), y) || first > 2 ||
      second - first - 1 > 2) {
    return fail(ErrorKind::usage,
                fmt::format("'{}' is not a date; write YYYY-MM-DD or DD-MM-YYYY", text));
  }
  return make_date(y, m, d, text);
}

Result<Date> Date::parse_argument(std::string_view text, Date today) {
  if (text == "today") {
    return today;
  }
  if (text == "yesterday") {
    return today.plus_days(-1);
  }
  return parse_iso(text);
}

void Date::write_iso(char* out) const {
  auto ymd_value = ymd();
  auto year = static_cast<unsigned>(static_cast<int>(ymd_value.year()));
  auto month = static_cast<unsigned>(ymd_value.month());
  auto day = static_cast<unsigned>(ymd_value.day());
  auto digit = [](unsigned value) { return static_cast<char>('0' + value % 10); };
  out[0] = digit(year / 1000);
  out[1] = digit(year / 100);
  out[2] = digit(year / 10);
  out[3] = digit(year);
  out[4] = '-';
  out[5] = digit(month / 10);
  out[6] = digit(month);
  out[7] = '-';
  out[8] = digit(day / 10);
  out[9] = digit(day);
}

std::string Date::to_string() const {
  std::string out(k_iso_length, '0');
  write_iso(out.data());
  return out;
}

int age_on(Date birth, Date on) {
  int age = on.year() - birth.year();
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) {
    --age;
  }
  return age;
}

}  // namespace bpv::core
