#include <bpv/import/csv_reader.hpp>
#include <bpv/import/import.hpp>

#include <bpv/core/hours.hpp>
#include <bpv/core/values.hpp>

#include <fmt/format.h>

#include <string>
#include <unordered_map>

namespace bpv::import {
namespace {

// A placement's dates and which of its days this file has already given hours for.
struct Span {
  store::Id placement_id = 0;
  core::Date start;
  core::Date end;
  std::vector<bool> seen;  // one flag per day from start through end
};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

using SpansByStudent = std::unordered_map<std::string, std::vector<Span>, StringHash, std::equal_to<>>;

Result<SpansByStudent> load_spans(store::Store& store) {
  BPV_TRY_ASSIGN(auto spans, store.placement_spans());
  SpansByStudent by_student;
  by_student.reserve(spans.size());
  for (auto& span : spans) {
    auto days = static_cast<std::size_t>(span.start.days_until(span.end) + 1);
    by_student[span.student_number].push_back(
        Span{span.placement_id, span.start, span.end, std::vector<bool>(days)});
  }
  return by_student;
}

std::string describe_spans(const std::vector<Span>& spans) {
  std::string text;
  for (const auto& span : spans) {
    text += fmt::format("{}{} to {}", text.empty() ? "" : ", ", span.start.to_string(),
                        span.end.to_string());
  }
  return text;
}

}  // namespace

Result<ImportReport> import_hours(store::Store& store, const std::filesystem::path& file,
                                  DryRun dry_run, const ImportContext& context) {
  ImportReport report;
  report.file = file;
  auto reader = CsvReader::open(file);
  if (!reader) {
    report.add_problem(1, "file", reader.error().message);
    return report;
  }
  Columns columns(reader->header());
  auto number_column = columns.find("student_number");
  auto date_column = columns.find("date");
  auto hours_column = columns.find("hours");
  auto activity_column = columns.find("activity");
  auto status_column = columns.find("status");
  for (auto [name, column] : {std::pair{"student_number", number_column}, {"date", date_column},
                              {"hours", hours_column}, {"activity", activity_column}}) {
    if (!column) {
      report.add_problem(1, name, "missing column; the header must name it");
    }
  }
  if (!report.ok()) {
    return report;
  }
  std::size_t header_size = reader->header().size();

  BPV_TRY_ASSIGN(SpansByStudent spans, load_spans(store));
  BPV_TRY(store.prepare_bulk_write());
  BPV_TRY(store.begin());
  // After the first bad row nothing more is written (it will be rolled back), but every row is
  // still checked so that all problems are reported at once.
  bool writing = true;
  std::vector<std::string_view> fields;
  while (true) {
    auto more = reader->next(fields);
    if (!more) {
      report.add_problem(reader->line(), "row", more.error().message);
      break;
    }
    if (!*more) {
      break;
    }
    ++report.rows;
    std::size_t line = reader->line();
    if (fields.size() > header_size) {
      report.add_problem(line, "row",
                         fmt::format("{} fields but the header has {}; quote values that contain "
                                     "the separator",
                                     fields.size(), header_size));
      writing = false;
      continue;
    }
    auto value = [&](std::optional<std::size_t> column) {
      return column && *column < fields.size() ? core::trim(fields[*column]) : std::string_view();
    };
    bool good = true;
    auto problem = [&](const char* field, std::string message) {
      report.add_problem(line, field, std::move(message));
      good = false;
    };

    std::string_view number = value(number_column);
    std::vector<Span>* student_spans = nullptr;
    if (number.empty()) {
      problem("student_number", "is empty");
    } else if (auto found = spans.find(number); found == spans.end()) {
      problem("student_number",
              fmt::format("no placement for student {}; import the placements first", number));
    } else {
      student_spans = &found->second;
    }
    auto date = core::Date::parse_flexible(value(date_column));
    if (!date) {
      problem("date", date.error().message);
    } else if (*date > context.today) {
      problem("date", fmt::format("{} is in the future", date->to_string()));
    }
    auto minutes = core::parse_day_hours(value(hours_column));
    if (!minutes) {
      problem("hours", minutes.error().message);
    }
    store::EntryStatus status = store::EntryStatus::submitted;
    if (auto text = value(status_column); !text.empty()) {
      if (text == "approved") {
        status = store::EntryStatus::approved;
      } else if (text != "submitted") {
        problem("status", fmt::format("'{}' is not a status; use submitted or approved", text));
      }
    }
    Span* span = nullptr;
    if (student_spans && date) {
      for (auto& candidate : *student_spans) {
        if (candidate.start <= *date && *date <= candidate.end) {
          span = &candidate;
          break;
        }
      }
      if (!span) {
        problem("date", fmt::format("{} is outside the placement of student {} ({})",
                                    date->to_string(), number, describe_spans(*student_spans)));
      } else {
        auto day = static_cast<std::size_t>(span->start.days_until(*date));
        if (span->seen[day]) {
          problem("date", fmt::format("student {} has hours on {} twice in this file", number,
                                      date->to_string()));
        }
        span->seen[day] = true;
      }
    }
    if (!good) {
      writing = false;
      continue;
    }
    if (status == store::EntryStatus::approved) {
      ++report.approved;
    } else {
      ++report.submitted;
    }
    if (!writing) {
      continue;
    }
    store::EntryFields entry{span->placement_id, *date, *minutes, value(activity_column), status};
    auto upsert = store.upsert_entry(entry, context.now);
    if (!upsert) {
      store.rollback();
      return std::unexpected(upsert.error());
    }
    report.entries.add(*upsert);
  }
  if (!report.ok()) {
    report.entries = {};
  }
  return finish_import(store, std::move(report), dry_run, "import.hours", context);
}

}  // namespace bpv::import
