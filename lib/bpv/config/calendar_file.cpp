#include <bpv/config/time_zone_file.hpp>
#include <bpv/config/calendar_file.hpp>

#include <bpv/core/time_zone.hpp>
#include <bpv/core/values.hpp>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string_view>
#include <utility>

namespace bpv::config {
namespace {

using core::Calendar;
using core::Date;
using core::Holiday;
using core::Period;

int line_of(const YAML::Node& node) {
  return node.Mark().line + 1;
}

// Where a calendar's periods and holidays were first seen, to name both lines of a duplicate.
struct Seen {
  std::map<std::pair<std::string, int>, int> vacations;  // (name, school year) -> line
  std::map<Date, int> holidays;                          // date -> line
};

class YamlReader {
 public:
  explicit YamlReader(const std::string& origin) : m_origin(origin) {}

  Result<std::vector<Calendar>> read(const std::string& text) {
    // Every node is checked before it is used; the catch is for what yaml-cpp still throws
    // (syntax errors, and any subscript of a scalar missed here).
    try {
      return read_root(YAML::Load(text));
    } catch (const YAML::Exception& e) {
      return fail(ErrorKind::usage, fmt::format("{}:{}: {}", m_origin, e.mark.line + 1, e.msg));
    }
  }

 private:
  // Looks up only through const nodes: a non-const operator[] may add the key it looks for.
  Result<std::vector<Calendar>> read_root(const YAML::Node& root) {
    if (root.IsNull()) {
      return fail(
          ErrorKind::usage,
          fmt::format("{}: the file is empty; a calendar file starts with 'version: 1'", m_origin));
    }
    if (!root.IsMap()) {
      return fail(ErrorKind::usage,
                  fmt::format("{}:{}: a calendar file must be a mapping of keys (version, "
                              "calendar, vacations, ...)",
                              m_origin, line_of(root)));
    }
    const bool listed = static_cast<bool>(root["calendars"]);
    BPV_TRY(check_keys(root,
                       listed ? std::vector<std::string_view>{"version", "calendars"}
                              : std::vector<std::string_view>{"version", "calendar", "school_year",
                                                              "vacations", "public_holidays"},
                       listed ? "a file with 'calendars'" : "a calendar file"));
    BPV_TRY(read_version(root));
    if (!listed) {
      BPV_TRY(read_calendar(root));
    } else {
      const YAML::Node& list = root["calendars"];
      if (!list.IsSequence() || list.size() == 0) {
        return fail(ErrorKind::usage,
                    fmt::format("{}: calendars must be a list of calendars, each with "
                                "'calendar: NAME'",
                                where(root, "calendars")));
      }
      for (const auto& item : list) {
        if (!item.IsMap()) {
          return fail(ErrorKind::usage,
                      fmt::format("{}:{}: each item of calendars must be a mapping with "
                                  "'calendar: NAME'",
                                  m_origin, line_of(item)));
        }
        BPV_TRY(check_keys(item, {"calendar", "school_year", "vacations", "public_holidays"},
                           "a calendar"));
        BPV_TRY(read_calendar(item));
      }
    }
    return std::move(m_calendars);
  }

  // The place of `map[key]`. An empty or absent value has no place of its own (yaml-cpp marks the
  // next token, often the next line), so it takes its key's, or the mapping's.
  std::string where(const YAML::Node& map, std::string_view key) const {
    const YAML::Node& value = map[std::string(key)];
    if (value && !value.IsNull()) {
      return fmt::format("{}:{}", m_origin, line_of(value));
    }
    for (const auto& item : map) {
      if (item.first.IsScalar() && item.first.Scalar() == key) {
        return fmt::format("{}:{}", m_origin, line_of(item.first));
      }
    }
    return fmt::format("{}:{}", m_origin, line_of(map));
  }

  Result<void> check_keys(const YAML::Node& map, const std::vector<std::string_view>& known,
                          std::string_view what) const {
    for (const auto& item : map) {
      const std::string key = item.first.IsScalar() ? item.first.Scalar() : std::string();
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        std::string expected;
        for (auto name : known) {
          expected += expected.empty() ? "" : ", ";
          expected += name;
        }
        return fail(ErrorKind::usage,
                    fmt::format("{}:{}: unknown key '{}' in {}; expected {}", m_origin,
                                line_of(item.first), key, what, expected));
      }
    }
    return {};
  }

  Result<void> read_version(const YAML::Node& root) const {
    const YAML::Node& version = root["version"];
    if (!version) {
      return fail(ErrorKind::usage,
                  fmt::format("{}:{}: missing key 'version'; a calendar file starts with "
                              "'version: 1'",
                              m_origin, line_of(root)));
    }
    if (!version.IsScalar() || version.Scalar() != "1") {
      return fail(ErrorKind::usage,
                  fmt::format("{}: calendar file version '{}' is not known to this bpv; it reads "
                              "version 1",
                              where(root, "version"), version.IsScalar() ? version.Scalar() : ""));
    }
    return {};
  }

  // The text of `map[key]`: a non-empty scalar. `what` names the mapping in errors.
  Result<std::string> text(const YAML::Node& map, std::string_view key,
                           std::string_view what) const {
    const YAML::Node& node = map[std::string(key)];
    if (!node || node.IsNull()) {
      return fail(ErrorKind::usage,
                  fmt::format("{}: {} is missing '{}'", where(map, key), what, key));
    }
    if (!node.IsScalar() || core::trim(node.Scalar()).empty()) {
      return fail(ErrorKind::usage,
                  fmt::format("{}: {} must be a text value", where(map, key), key));
    }
    return std::string(core::trim(node.Scalar()));
  }

  Result<Date> date(const YAML::Node& map, std::string_view key, std::string_view what) const {
    BPV_TRY_ASSIGN(std::string value, text(map, key, what));
    auto parsed = Date::parse_iso(value);
    if (!parsed) {
      return fail(ErrorKind::usage,
                  fmt::format("{}: {}: {}", where(map, key), key, parsed.error().message));
    }
    return *parsed;
  }

  // The sequence `map[key]`; empty when absent.
  Result<std::vector<YAML::Node>> list(const YAML::Node& map, std::string_view key) const {
    const YAML::Node& node = map[std::string(key)];
    std::vector<YAML::Node> items;
    if (!node || node.IsNull()) {
      return items;
    }
    if (!node.IsSequence()) {
      return fail(ErrorKind::usage, fmt::format("{}: {} must be a list", where(map, key), key));
    }
    for (const auto& item : node) {
      items.push_back(item);
    }
    return items;
  }

  Result<void> read_calendar(const YAML::Node& map) {
    if (!map["calendar"]) {
      return fail(ErrorKind::usage,
                  fmt::format("{}:{}: missing key 'calendar' (the calendar's name, such as midden)",
                              m_origin, line_of(map)));
    }
    BPV_TRY_ASSIGN(std::string name, text(map, "calendar", "a calendar"));
    if (!core::is_valid_calendar_name(name)) {
      return fail(ErrorKind::usage,
                  fmt::format("{}: calendar name '{}' must be lower-case letters and digits, "
                              "with '-', '_' or '.' between them (such as midden or "
                              "roc-utrecht)",
                              where(map, "calendar"), name));
    }
    std::optional<int> school_year;
    if (map["school_year"]) {
      BPV_TRY_ASSIGN(std::string year_text, text(map, "school_year", "a calendar"));
      auto parsed = core::parse_school_year(year_text);
      if (!parsed) {
        return fail(ErrorKind::usage, fmt::format("{}: school_year: {}", where(map, "school_year"),
                                                  parsed.error().message));
      }
      school_year = *parsed;
    }
    auto found = std::find_if(m_calendars.begin(), m_calendars.end(),
                              [&](const Calendar& c) { return c.name() == name; });
    if (found == m_calendars.end()) {
      m_calendars.emplace_back(name);
      m_seen.emplace_back();
      found = m_calendars.end() - 1;
    }
    Calendar& calendar = *found;
    Seen& seen = m_seen[static_cast<std::size_t>(found - m_calendars.begin())];

    BPV_TRY_ASSIGN(auto vacations, list(map, "vacations"));
    for (const auto& item : vacations) {
      BPV_TRY_ASSIGN(Period period, read_vacation(item, school_year));
      const int line = line_of(item);
      auto key = std::pair(period.name, core::school_year_of(period.first));
      if (auto [at, added] = seen.vacations.emplace(key, line); !added) {
        return fail(
            ErrorKind::usage,
            fmt::format("{}:{}: {} of school year {} is listed twice (also at line {})", m_origin,
                        line, period.name, core::school_year_name(key.second), at->second));
      }
      calendar.add_period(std::move(period));
    }
    BPV_TRY_ASSIGN(auto holidays, list(map, "public_holidays"));
    for (const auto& item : holidays) {
      BPV_TRY_ASSIGN(Holiday holiday, read_holiday(item, school_year));
      const int line = line_of(item);
      if (auto [at, added] = seen.holidays.emplace(holiday.date, line); !added) {
        return fail(ErrorKind::usage,
                    fmt::format("{}:{}: {} is listed twice (also at line {}); give one name per "
                                "day",
                                m_origin, line, holiday.date.to_string(), at->second));
      }
      calendar.add_holiday(std::move(holiday));
    }
    return {};
  }

  Result<void> check_school_year(const YAML::Node& item, std::optional<int> school_year,
                                 std::string_view name, std::string_view verb, Date date) const {
    if (school_year && core::school_year_of(date) != *school_year) {
      return fail(
          ErrorKind::usage,
          fmt::format("{}:{}: {} {} {}, outside school year {} ({} to {})", m_origin, line_of(item),
                      name, verb, date.to_string(), core::school_year_name(*school_year),
                      core::school_year_first(*school_year).to_string(),
                      core::school_year_last(*school_year).to_string()));
    }
    return {};
  }

  Result<Period> read_vacation(const YAML::Node& item, std::optional<int> school_year) const {
    if (!item.IsMap()) {
      return fail(ErrorKind::usage,
                  fmt::format("{}:{}: a vacation must be a mapping with name, first and last",
                              m_origin, line_of(item)));
    }
    BPV_TRY(check_keys(item, {"name", "first", "last"}, "a vacation"));
    Period period;
    BPV_TRY_ASSIGN(period.name, text(item, "name", "a vacation"));
    BPV_TRY_ASSIGN(period.first, date(item, "first", "vacation " + period.name));
    BPV_TRY_ASSIGN(period.last, date(item, "last", "vacation " + period.name));
    if (period.last < period.first) {
      return fail(ErrorKind::usage, fmt::format("{}:{}: {} ends on {}, before it starts on {}",
                                                m_origin, line_of(item), period.name,
                                                period.last.to_string(), period.first.to_string()));
    }
    BPV_TRY(check_school_year(item, school_year, period.name, "starts on", period.first));
    return period;
  }

  Result<Holiday> read_holiday(const YAML::Node& item, std::optional<int> school_year) const {
    if (!item.IsMap()) {
      return fail(ErrorKind::usage,
                  fmt::format("{}:{}: a public holiday must be a mapping with date and name",
                              m_origin, line_of(item)));
    }
    BPV_TRY(check_keys(item, {"date", "name"}, "a public holiday"));
    Holiday holiday;
    BPV_TRY_ASSIGN(holiday.name, text(item, "name", "a public holiday"));
    BPV_TRY_ASSIGN(holiday.date, date(item, "date", "public holiday " + holiday.name));
    BPV_TRY(check_school_year(item, school_year, holiday.name, "falls on", holiday.date));
    return holiday;
  }

  const std::string& m_origin;
  std::vector<Calendar> m_calendars;
  std::vector<Seen> m_seen;  // one per calendar
};

// `text` trimmed, with every run of white space inside it made one space, in lower case:
// "\n   Herfstvakantie \n" -> "herfstvakantie", "heel  Nederland" -> "heel nederland".
std::string normalized_name(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : core::trim(text)) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space) {
      out += ' ';
      space = false;
    }
    out += c;
  }
  return core::ascii_lower(out);
}

class JsonReader {
 public:
  JsonReader(const std::string& origin, core::TimeZone zone)
      : m_origin(origin), m_zone(std::move(zone)) {
    for (auto region : core::k_regions) {
      m_calendars.emplace_back(std::string(region));
    }
  }

  Result<std::vector<Calendar>> read(const std::string& text) {
    // Every value's type is checked before it is used; the catch is for what nlohmann still throws.
    try {
      return read_root(text);
    } catch (const nlohmann::json::exception& e) {
      return fail(ErrorKind::usage, fmt::format("{}: {}", m_origin, e.what()));
    }
  }

 private:
  Result<std::vector<Calendar>> read_root(const std::string& text) {
    nlohmann::json root;
    try {
      root = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
      // what() reads "[json.exception.parse_error.101] parse error at line 3, column 7: ...".
      std::string_view message = e.what();
      if (auto bracket = message.find("] "); bracket != std::string_view::npos) {
        message.remove_prefix(bracket + 2);
      }
      return fail(ErrorKind::usage, fmt::format("{}: not valid JSON: {}", m_origin, message));
    }
    if (root.is_array()) {
      if (root.empty()) {
        return fail(ErrorKind::usage,
                    fmt::format("{}: $: the list of school years is empty", m_origin));
      }
      for (std::size_t i = 0; i < root.size(); ++i) {
        BPV_TRY(read_document(root[i], fmt::format("$[{}]", i)));
      }
    } else {
      BPV_TRY(read_document(root, "$"));
    }
    return std::move(m_calendars);
  }

  Error error(const std::string& path, std::string_view message) const {
    return Error{ErrorKind::usage, fmt::format("{}: {}: {}", m_origin, path, message)};
  }

  Result<const nlohmann::json*> member(const nlohmann::json& object, const std::string& path,
                                       const char* key, nlohmann::json::value_t type,
                                       std::string_view type_name) const {
    if (!object.is_object()) {
      return std::unexpected(error(path, "must be an object"));
    }
    auto found = object.find(key);
    if (found == object.end()) {
      return std::unexpected(error(path, fmt::format("missing '{}'", key)));
    }
    if (found->type() != type) {
      return std::unexpected(
          error(fmt::format("{}.{}", path, key), fmt::format("must be {}", type_name)));
    }
    return &*found;
  }

  Result<const nlohmann::json*> array(const nlohmann::json& object, const std::string& path,
                                      const char* key) const {
    BPV_TRY_ASSIGN(const nlohmann::json* found,
                   member(object, path, key, nlohmann::json::value_t::array, "a list"));
    if (found->empty()) {
      return std::unexpected(error(fmt::format("{}.{}", path, key), "must not be empty"));
    }
    return found;
  }

  Result<std::string> string(const nlohmann::json& object, const std::string& path,
                             const char* key) const {
    BPV_TRY_ASSIGN(const nlohmann::json* found,
                   member(object, path, key, nlohmann::json::value_t::string, "a text"));
    return found->get<std::string>();
  }

  Result<Date> local_date(const nlohmann::json& object, const std::string& path,
                          const char* key) const {
    BPV_TRY_ASSIGN(std::string text, string(object, path, key));
    // 2026-10-25T22:59:00.000Z: drop the fraction of a second, then demand an explicit zone.
    std::string instant = std::string(core::trim(text));
    if (auto dot = instant.find('.', 10); dot != std::string::npos) {
      auto digits = instant.find_first_not_of("0123456789", dot + 1);
      instant.erase(dot, (digits == std::string::npos ? instant.size() : digits) - dot);
    }
    const bool zoned = instant.ends_with('Z') || instant.ends_with('z') ||
                       (instant.size() > 6 &&
                        (instant[instant.size() - 6] == '+' || instant[instant.size() - 6] == '-'));
    auto parsed = core::parse_instant(instant, m_zone);
    if (!zoned || instant.size() <= 10 || !parsed) {
      return std::unexpected(
          error(fmt::format("{}.{}", path, key),
                fmt::format("'{}' is not a UTC instant such as 2026-10-25T22:59:00.000Z", text)));
    }
    return m_zone.local_date(*parsed);
  }

  Result<void> read_document(const nlohmann::json& document, const std::string& path) {
    BPV_TRY_ASSIGN(const nlohmann::json* content, array(document, path, "content"));
    for (std::size_t c = 0; c < content->size(); ++c) {
      const std::string content_path = fmt::format("{}.content[{}]", path, c);
      const nlohmann::json& item = (*content)[c];
      BPV_TRY_ASSIGN(std::string year_text, string(item, content_path, "schoolyear"));
      auto school_year = core::parse_school_year(core::trim(year_text));
      if (!school_year) {
        return std::unexpected(error(content_path + ".schoolyear", school_year.error().message));
      }
      BPV_TRY_ASSIGN(const nlohmann::json* vacations, array(item, content_path, "vacations"));
      for (std::size_t v = 0; v < vacations->size(); ++v) {
        BPV_TRY(read_vacation((*vacations)[v], fmt::format("{}.vacations[{}]", content_path, v),
                              *school_year));
      }
    }
    return {};
  }

  Result<void> read_vacation(const nlohmann::json& vacation, const std::string& path,
                             int school_year) {
    BPV_TRY_ASSIGN(std::string type, string(vacation, path, "type"));
    const std::string name = normalized_name(type);
    if (name.empty()) {
      return std::unexpected(error(path + ".type", "the name of the vacation is empty"));
    }
    if (vacation.contains("compulsorydates")) {
      // A string boolean; bpv flags advised and compulsory vacations alike, so it is only checked.
      const auto& compulsory = vacation["compulsorydates"];
      const bool known =
          compulsory.is_boolean() ||
          (compulsory.is_string() && (normalized_name(compulsory.get<std::string>()) == "true" ||
                                      normalized_name(compulsory.get<std::string>()) == "false"));
      if (!known) {
        return std::unexpected(error(path + ".compulsorydates", "must be \"true\" or \"false\""));
      }
    }
    BPV_TRY_ASSIGN(const nlohmann::json* regions, array(vacation, path, "regions"));
    for (std::size_t r = 0; r < regions->size(); ++r) {
      const std::string region_path = fmt::format("{}.regions[{}]", path, r);
      const nlohmann::json& entry = (*regions)[r];
      BPV_TRY_ASSIGN(std::string region_text, string(entry, region_path, "region"));
      const std::string region = normalized_name(region_text);
      BPV_TRY_ASSIGN(Date first, local_date(entry, region_path, "startdate"));
      BPV_TRY_ASSIGN(Date last, local_date(entry, region_path, "enddate"));
      if (last < first) {
        return std::unexpected(
            error(region_path, fmt::format("{} ends on {}, before it starts on {}", name,
                                           last.to_string(), first.to_string())));
      }
      if (core::school_year_of(first) != school_year) {
        return std::unexpected(
            error(region_path + ".startdate",
                  fmt::format("{} starts on {}, outside school year {}", name, first.to_string(),
                              core::school_year_name(school_year))));
      }
      bool matched = false;
      for (std::size_t i = 0; i < core::k_regions.size(); ++i) {
        if (region != "heel nederland" && region != core::k_regions[i]) {
          continue;
        }
        matched = true;
        auto key = std::tuple(i, name, school_year);
        if (auto [at, added] = m_seen.emplace(key, region_path); !added) {
          return std::unexpected(error(
              region_path,
              fmt::format("{} {} for region {} is listed twice (also at {})", name,
                          core::school_year_name(school_year), core::k_regions[i], at->second)));
        }
        m_calendars[i].add_period(Period{name, first, last});
      }
      if (!matched) {
        return std::unexpected(
            error(region_path + ".region",
                  fmt::format("unknown region '{}'; expected noord, midden, zuid or heel Nederland",
                              core::trim(region_text))));
      }
    }
    return {};
  }

  const std::string& m_origin;
  core::TimeZone m_zone;
  std::vector<Calendar> m_calendars;  // noord, midden, zuid
  std::map<std::tuple<std::size_t, std::string, int>, std::string> m_seen;
};

bool is_plain_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' ||
         c == '-' || c == '_' || c == '.' || c == '(' || c == ')' || c == '\'' || c == '/';
}

// `text` as a YAML scalar that any YAML reader takes for that same text, inside a flow mapping.
std::string scalar(std::string_view text) {
  static constexpr std::array<std::string_view, 11> k_special = {
      "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", ""};
  bool plain =
      !text.empty() && std::all_of(text.begin(), text.end(), is_plain_char) &&
      text.front() != ' ' && text.back() != ' ' && text.front() != '-' && text.front() != '\'' &&
      text.front() != '.' &&
      std::find(k_special.begin(), k_special.end(), core::ascii_lower(text)) == k_special.end();
  if (plain) {
    return std::string(text);
  }
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

void write_body(std::string& out, const Calendar& calendar, std::string_view indent) {
  if (!calendar.periods().empty()) {
    out += fmt::format("{}vacations:\n", indent);
    for (const auto& period : calendar.periods()) {
      out += fmt::format("{}  - {{name: {}, first: {}, last: {}}}\n", indent, scalar(period.name),
                         period.first.to_string(), period.last.to_string());
    }
  }
  if (!calendar.holidays().empty()) {
    out += fmt::format("{}public_holidays:\n", indent);
    for (const auto& holiday : calendar.holidays()) {
      out += fmt::format("{}  - {{date: {}, name: {}}}\n", indent, holiday.date.to_string(),
                         scalar(holiday.name));
    }
  }
}

}  // namespace

Result<std::vector<core::Calendar>> read_calendar_yaml(const std::string& text,
                                                       const std::string& origin) {
  return YamlReader(origin).read(text);
}

Result<std::vector<core::Calendar>> read_open_data_json(const std::string& text,
                                                        const std::string& origin) {
  BPV_TRY_ASSIGN(core::TimeZone zone, config::locate_time_zone("Europe/Amsterdam"));
  return JsonReader(origin, std::move(zone)).read(text);
}

Result<std::vector<core::Calendar>> read_calendar_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail(ErrorKind::usage, fmt::format("cannot read calendar file {}", path.string()));
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  const bool json =
      core::ascii_lower(path.extension().string()) == ".json" || core::trim(text).starts_with('[');
  return json ? read_open_data_json(text, path.string()) : read_calendar_yaml(text, path.string());
}

std::string write_calendar_yaml(std::span<const core::Calendar> calendars) {
  std::string out = "version: 1\n";
  if (calendars.size() == 1) {
    out += fmt::format("calendar: {}\n", calendars.front().name());
    write_body(out, calendars.front(), "");
    return out;
  }
  out += "calendars:\n";
  for (const auto& calendar : calendars) {
    out += fmt::format("  - calendar: {}\n", calendar.name());
    write_body(out, calendar, "    ");
  }
  return out;
}

}  // namespace bpv::config
