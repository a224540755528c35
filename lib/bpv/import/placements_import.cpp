#include <bpv/import/csv_reader.hpp>
#include <bpv/import/import.hpp>

#include <bpv/core/calendar.hpp>
#include <bpv/core/hours.hpp>
#include <bpv/core/values.hpp>

#include <fmt/format.h>

#include <array>
#include <map>
#include <set>

namespace bpv::import {

namespace {

enum Column : std::size_t {
  student_number,
  student_name,
  student_email,
  student_phone,
  birth_date,
  programme,
  crebo,
  level,
  track,
  company_name,
  company_city,
  trainer_name,
  trainer_email,
  trainer_phone,
  supervisor_name,
  supervisor_email,
  supervisor_phone,
  start_date,
  end_date,
  contract_hours,
  hours_per_week,
  vacation_hours_allowed,
  hours_per_day,
  calendar,
  column_count
};

constexpr std::array<std::string_view, column_count> k_names = {
    "student_number", "student_name",   "student_email",    "student_phone",
    "birth_date",     "programme",      "crebo",            "level",
    "track",          "company_name",   "company_city",     "trainer_name",
    "trainer_email",  "trainer_phone",  "supervisor_name",  "supervisor_email",
    "supervisor_phone", "start_date",   "end_date",         "contract_hours",
    "hours_per_week", "vacation_hours_allowed", "hours_per_day", "calendar"};

constexpr std::array<Column, 12> k_required_values = {
    student_number, student_name,     student_email, company_name,   trainer_name,
    trainer_email,  supervisor_name,  supervisor_email, start_date,  end_date,
    contract_hours, hours_per_week};

constexpr core::Minutes k_max_contract_minutes = 10'000 * 60;
constexpr core::Minutes k_max_week_minutes = 60 * 60;

struct Person {
  std::string email;
  std::string name;
  std::string phone;
};

struct Row {
  std::size_t line = 0;
  std::string student_number;
  Person student;
  Person trainer;
  Person supervisor;
  std::optional<core::Date> birth_date;
  std::string programme;
  std::string crebo;
  std::string level;
  std::string track;
  std::string company_name;
  std::string company_city;
  core::Date start;
  core::Date end;
  core::Minutes contract_minutes = 0;
  core::Minutes week_minutes = 0;
  std::optional<core::Minutes> day_minutes;
  bool vacation_hours_allowed = false;
  std::optional<std::string> calendar;
};

// Reads one record into `row`; reports each bad field. Returns whether the row is usable.
bool parse_row(const std::vector<std::string_view>& fields,
               const std::array<std::optional<std::size_t>, column_count>& index,
               std::size_t header_size, std::size_t line, ImportReport& report, Row& row) {
  std::size_t before = report.problems.size() + static_cast<std::size_t>(report.problems_not_kept);
  if (fields.size() > header_size) {
    report.add_problem(line, "row",
                       fmt::format("{} fields but the header has {}; quote values that contain the "
                                   "separator",
                                   fields.size(), header_size));
    return false;
  }
  auto value = [&](Column column) -> std::string_view {
    auto at = index[column];
    return at && *at < fields.size() ? core::trim(fields[*at]) : std::string_view();
  };
  auto problem = [&](Column column, std::string message) {
    report.add_problem(line, std::string(k_names[column]), std::move(message));
  };
  for (Column column : k_required_values) {
    if (value(column).empty()) {
      problem(column, "is empty; every placement needs one");
    }
  }
  row.line = line;
  row.student_number = value(student_number);
  row.student = {std::string(value(student_email)), std::string(value(student_name)),
                 std::string(value(student_phone))};
  row.trainer = {std::string(value(trainer_email)), std::string(value(trainer_name)),
                 std::string(value(trainer_phone))};
  row.supervisor = {std::string(value(supervisor_email)), std::string(value(supervisor_name)),
                    std::string(value(supervisor_phone))};
  for (Column column : {student_email, trainer_email, supervisor_email}) {
    auto email = value(column);
    if (!email.empty() && !core::looks_like_email(email)) {
      problem(column, fmt::format("'{}' is not an e-mail address", email));
    }
  }
  auto date = [&](Column column) -> std::optional<core::Date> {
    if (value(column).empty()) {
      return std::nullopt;
    }
    auto parsed = core::Date::parse_flexible(value(column));
    if (!parsed) {
      problem(column, parsed.error().message);
      return std::nullopt;
    }
    return *parsed;
  };
  row.birth_date = date(birth_date);
  auto start = date(start_date);
  auto end = date(end_date);
  if (start) {
    row.start = *start;
  }
  if (end) {
    row.end = *end;
  }
  if (start && end && *end < *start) {
    problem(end_date, fmt::format("{} is before the start date {}", end->to_string(), start->to_string()));
  }
  if (row.birth_date && start && !(*row.birth_date < *start)) {
    problem(birth_date, fmt::format("{} is not before the start date {}", row.birth_date->to_string(),
                                    start->to_string()));
  }
  row.programme = value(programme);
  row.crebo = value(crebo);
  row.level = value(level);
  if (!row.level.empty() && (row.level.size() != 1 || row.level[0] < '1' || row.level[0] > '4')) {
    problem(level, fmt::format("'{}' is not an MBO level; use 1, 2, 3 or 4", row.level));
  }
  std::string track_value = core::ascii_lower(value(track));
  if (track_value == "bol" || track_value == "bbl") {
    row.track = track_value == "bol" ? "BOL" : "BBL";
  } else if (!track_value.empty()) {
    problem(track, fmt::format("'{}' is not a track; use BOL or BBL", value(track)));
  }
  row.company_name = value(company_name);
  row.company_city = value(company_city);
  auto amount = [&](Column column, core::Minutes max) -> core::Minutes {
    if (value(column).empty()) {
      return 0;
    }
    auto parsed = core::parse_hours_amount(value(column));
    if (!parsed) {
      problem(column, parsed.error().message);
      return 0;
    }
    if (*parsed == 0 || *parsed > max) {
      problem(column, fmt::format("'{}' hours is not plausible; expected more than 0 and at most {}",
                                  value(column), max / 60));
      return 0;
    }
    return *parsed;
  };
  row.contract_minutes = amount(contract_hours, k_max_contract_minutes);
  row.week_minutes = amount(hours_per_week, k_max_week_minutes);
  if (!value(hours_per_day).empty()) {
    auto parsed = core::parse_day_hours(value(hours_per_day));
    if (parsed) {
      row.day_minutes = *parsed;
    } else {
      problem(hours_per_day, parsed.error().message);
    }
  }
  if (!value(vacation_hours_allowed).empty()) {
    auto parsed = core::parse_yes_no(value(vacation_hours_allowed));
    if (parsed) {
      row.vacation_hours_allowed = *parsed;
    } else {
      problem(vacation_hours_allowed, parsed.error().message);
    }
  }
  if (!value(calendar).empty()) {
    std::string name(value(calendar));
    if (core::is_valid_calendar_name(name)) {
      row.calendar = name;
    } else {
      problem(calendar, fmt::format("'{}' is not a calendar name (lower-case letters and digits, with "
                                    "'-', '_' or '.' between them; bpv calendar list shows them)",
                                    name));
    }
  }
  return report.problems.size() + static_cast<std::size_t>(report.problems_not_kept) == before;
}

// Checks that rows agree with each other: one name and e-mail per student number, one person
// and one role per e-mail address, each placement once.
class ConsistencyCheck {
 public:
  explicit ConsistencyCheck(ImportReport& report) : m_report(report) {}

  void check(const Row& row) {
    check_student(row);
    check_person(row, row.student, "student", Column::student_email);
    check_person(row, row.trainer, "trainer", Column::trainer_email);
    check_person(row, row.supervisor, "supervisor", Column::supervisor_email);
    auto key = std::tuple(row.student_number, row.company_name, row.company_city, row.start);
    auto [it, inserted] = m_placements.emplace(key, row.line);
    if (!inserted) {
      m_report.add_problem(row.line, "start_date",
                           fmt::format("student {} already has a placement at {} starting {} on "
                                       "line {}",
                                       row.student_number, row.company_name, row.start.to_string(),
                                       it->second));
    }
  }

 private:
  struct Seen {
    std::size_t line;
    std::string name;
    std::string email;
    std::string role;
    std::string student_number;
  };

  void check_student(const Row& row) {
    std::string email = core::ascii_lower(row.student.email);
    auto [it, inserted] =
        m_students.emplace(row.student_number, Seen{row.line, row.student.name, email, "student", ""});
    if (inserted) {
      return;
    }
    if (it->second.name != row.student.name) {
      m_report.add_problem(row.line, "student_name",
                           fmt::format("student {} is '{}' here but '{}' on line {}",
                                       row.student_number, row.student.name, it->second.name,
                                       it->second.line));
    }
    if (it->second.email != email) {
      m_report.add_problem(row.line, "student_email",
                           fmt::format("student {} has e-mail {} here but {} on line {}",
                                       row.student_number, row.student.email, it->second.email,
                                       it->second.line));
    }
  }

  void check_person(const Row& row, const Person& person, std::string_view role, Column column) {
    std::string email = core::ascii_lower(person.email);
    std::string number = role == "student" ? row.student_number : "";
    auto [it, inserted] =
        m_people.emplace(email, Seen{row.line, person.name, email, std::string(role), number});
    if (inserted) {
      return;
    }
    const Seen& seen = it->second;
    std::string field(k_names[column]);
    if (seen.role != role) {
      m_report.add_problem(row.line, field,
                           fmt::format("{} is the {} here but the {} on line {}; one e-mail "
                                       "address belongs to one person",
                                       person.email, role, seen.role, seen.line));
    } else if (role == "student" && seen.student_number != number) {
      m_report.add_problem(row.line, field,
                           fmt::format("{} belongs to student {} on line {}, not to {}",
                                       person.email, seen.student_number, seen.line, number));
    } else if (role != "student" && seen.name != person.name) {
      m_report.add_problem(row.line, fmt::format("{}_name", role),
                           fmt::format("{} {} is '{}' here but '{}' on line {}", role, person.email,
                                       person.name, seen.name, seen.line));
    }
  }

  ImportReport& m_report;
  std::map<std::string, Seen> m_students;
  std::map<std::string, Seen> m_people;
  std::map<std::tuple<std::string, std::string, std::string, core::Date>, std::size_t> m_placements;
};

store::Upsert combine(store::Upsert a, store::Upsert b) {
  if (a == store::Upsert::created || b == store::Upsert::created) {
    return store::Upsert::created;
  }
  if (a == store::Upsert::updated || b == store::Upsert::updated) {
    return store::Upsert::updated;
  }
  return store::Upsert::unchanged;
}

// Writes one row; conflicts with what the database holds become problems of that row.
// `counted` holds the keys of people and companies already counted in the report.
Result<void> write_row(store::Store& store, const Row& row, const ImportContext& context,
                       ImportReport& report, std::set<std::string>& counted) {
  using Written = std::optional<std::pair<store::Id, store::Upsert>>;
  // A conflict with the database (refused) is a problem of this row; anything else fails.
  auto check = [&](Result<std::pair<store::Id, store::Upsert>> result,
                   const char* field) -> Result<Written> {
    if (result) {
      return Written(*result);
    }
    if (result.error().kind != ErrorKind::refused) {
      return std::unexpected(result.error());
    }
    report.add_problem(row.line, field, result.error().message);
    return Written();
  };
  auto person = [&](const Person& p, store::Role role) {
    return store::UserFields{p.email, p.name, p.phone, role, std::nullopt};
  };
  BPV_TRY_ASSIGN(Written student_user,
                 check(store.upsert_user(person(row.student, store::Role::student), context.now),
                       "student_email"));
  BPV_TRY_ASSIGN(Written trainer,
                 check(store.upsert_user(person(row.trainer, store::Role::trainer), context.now),
                       "trainer_email"));
  BPV_TRY_ASSIGN(Written supervisor,
                 check(store.upsert_user(person(row.supervisor, store::Role::supervisor), context.now),
                       "supervisor_email"));
  BPV_TRY_ASSIGN(Written company,
                 check(store.upsert_company(row.company_name, row.company_city, context.now),
                       "company_name"));
  if (trainer && counted.insert("trainer:" + core::ascii_lower(row.trainer.email)).second) {
    report.trainers.add(trainer->second);
  }
  if (supervisor && counted.insert("supervisor:" + core::ascii_lower(row.supervisor.email)).second) {
    report.supervisors.add(supervisor->second);
  }
  if (company && counted.insert("company:" + row.company_name + "\n" + row.company_city).second) {
    report.companies.add(company->second);
  }
  if (!student_user || !trainer || !supervisor || !company) {
    return {};
  }
  store::StudentFields fields{row.student_number, student_user->first, row.birth_date,
                              row.programme,      row.crebo,           row.level,
                              row.track};
  BPV_TRY_ASSIGN(Written student, check(store.upsert_student(fields, context.now), "student_number"));
  if (!student) {
    return {};
  }
  if (counted.insert("student:" + row.student_number).second) {
    report.students.add(combine(student_user->second, student->second));
  }
  store::PlacementFields placement{student->first,       company->first,    trainer->first,
                                   supervisor->first,    row.start,         row.end,
                                   row.contract_minutes, row.week_minutes,  row.day_minutes,
                                   row.vacation_hours_allowed, row.calendar};
  BPV_TRY_ASSIGN(Written written, check(store.upsert_placement(placement, context.now), "row"));
  if (written) {
    report.placements.add(written->second);
  }
  return {};
}

}  // namespace

Result<ImportReport> import_placements(store::Store& store, const std::filesystem::path& file,
                                       DryRun dry_run, const ImportContext& context) {
  ImportReport report;
  report.file = file;
  auto reader = CsvReader::open(file);
  if (!reader) {
    report.add_problem(1, "file", reader.error().message);
    return report;
  }
  std::array<std::optional<std::size_t>, column_count> index;
  Columns columns(reader->header());
  for (std::size_t c = 0; c < column_count; ++c) {
    index[c] = columns.find(k_names[c]);
    if (!index[c] && c != hours_per_day && c != calendar) {
      report.add_problem(1, std::string(k_names[c]), "missing column; the header must name it");
    }
  }
  if (!report.ok()) {
    return report;
  }

  std::vector<Row> rows;
  std::vector<std::string_view> fields;
  ConsistencyCheck consistency(report);
  while (true) {
    auto more = reader->next(fields);
    if (!more) {
      report.add_problem(reader->line(), "row", more.error().message);
      return report;
    }
    if (!*more) {
      break;
    }
    ++report.rows;
    Row row;
    if (parse_row(fields, index, reader->header().size(), reader->line(), report, row)) {
      consistency.check(row);
      rows.push_back(std::move(row));
    }
  }

  // A calendar must be loaded before placements can choose it.
  BPV_TRY_ASSIGN(auto calendars, store.list_calendars());
  std::set<std::string, std::less<>> loaded;
  for (const auto& summary : calendars) {
    loaded.insert(summary.name);
  }
  for (const auto& row : rows) {
    if (row.calendar && !loaded.contains(*row.calendar)) {
      report.add_problem(row.line, "calendar",
                         fmt::format("calendar '{}' is not loaded; load it first with bpv calendar "
                                     "import FILE, or leave the field empty for the default",
                                     *row.calendar));
    }
  }

  // Write every usable row, even after problems, so conflicts with the database are reported
  // too; commit only a clean, real run.
  BPV_TRY(store.prepare_bulk_write());
  BPV_TRY(store.begin());
  std::set<std::string> counted;
  for (const auto& row : rows) {
    if (auto written = write_row(store, row, context, report, counted); !written) {
      store.rollback();
      return std::unexpected(written.error());
    }
  }
  return finish_import(store, std::move(report), dry_run, "import.placements", context);
}

}  // namespace bpv::import
