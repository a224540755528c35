// The export job: the scheduled exports of the configuration (`exports:`), written whole into
// their folder under a name with the date; e.g. a weekly summary for the administration.
#include "jobs.hpp"

#include <bpv/export/atomic_file.hpp>
#include <bpv/portal/local_portal.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace bpv::jobs {
namespace {

// The dates a period names, as of `today`.
std::pair<core::Date, core::Date> period_of(const std::string& period, core::Date today) {
  auto week = core::IsoWeek::of(today);
  auto first_of_month = core::Date::from_ymd(today.year(), today.month(), 1);
  // School years run from 1 August to 31 July.
  int school_year = today.month() >= 8 ? today.year() : today.year() - 1;
  if (period == "this-week") {
    return {week.monday(), week.sunday()};
  }
  if (period == "last-month") {
    auto last_day = first_of_month.plus_days(-1);
    return {core::Date::from_ymd(last_day.year(), last_day.month(), 1), last_day};
  }
  if (period == "this-month") {
    auto next = today.month() == 12 ? core::Date::from_ymd(today.year() + 1, 1, 1)
                                    : core::Date::from_ymd(today.year(), today.month() + 1, 1);
    return {first_of_month, next.plus_days(-1)};
  }
  if (period == "school-year") {
    return {core::Date::from_ymd(school_year, 8, 1), core::Date::from_ymd(school_year + 1, 7, 31)};
  }
  if (period == "last-school-year") {
    return {core::Date::from_ymd(school_year - 1, 8, 1), core::Date::from_ymd(school_year, 7, 31)};
  }
  return {week.monday().plus_days(-7), week.monday().plus_days(-1)};  // last-week
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

}  // namespace

Result<JobOutcome> run_export(JobContext& context) {
  const auto& exports = context.config.exports;
  if (!context.export_name) {
    std::vector<std::string> names;
    for (const auto& entry : exports) {
      names.push_back(entry.name);
    }
    return fail(ErrorKind::usage,
                fmt::format("bpv-jobs run export --config NAME: name the export; the configuration has {}",
                            names.empty() ? std::string("none (an exports: section, see examples/bpv.yaml)")
                                          : fmt::format("{}", fmt::join(names, ", "))));
  }
  auto found = std::find_if(exports.begin(), exports.end(),
                            [&](const config::ScheduledExport& entry) { return entry.name == *context.export_name; });
  if (found == exports.end()) {
    return fail(ErrorKind::usage, fmt::format("no export named '{}' in the configuration's exports: section",
                                              *context.export_name));
  }
  const config::ScheduledExport& scheduled = *found;
  auto [from, to] = period_of(scheduled.period, context.today);
  std::string ext = scheduled.format;
  std::string name = scheduled.file;
  name = replace_all(name, "{name}", scheduled.name);
  name = replace_all(name, "{date}", context.today.to_string());
  name = replace_all(name, "{from}", from.to_string());
  name = replace_all(name, "{to}", to.to_string());
  name = replace_all(name, "{ext}", ext);
  std::filesystem::path target = scheduled.folder / name;

  portal::ExportFilter filter;
  filter.from = from;
  filter.to = to;
  BPV_TRY_ASSIGN(filter.status, portal::parse_export_status("exports." + scheduled.name + ".status", scheduled.status));
  filter.company = scheduled.company;
  filter.programme = scheduled.programme;
  filter.with_activities = scheduled.with_activities;

  JobOutcome outcome;
  outcome.counts["file"] = fmt::format("\"{}\"", target.string());
  outcome.counts["from"] = fmt::format("\"{}\"", from.to_string());
  outcome.counts["to"] = fmt::format("\"{}\"", to.to_string());
  if (context.dry_run) {
    outcome.summary = fmt::format("would write {} ({} {}, {} to {})", target.string(), scheduled.kind,
                                  scheduled.format, from.to_string(), to.to_string());
    if (!context.json) {
      fmt::print(context.out, "{}\n", outcome.summary);
    }
    return outcome;
  }
  std::error_code ec;
  std::filesystem::create_directories(scheduled.folder, ec);
  BPV_TRY_ASSIGN(auto file, exports::AtomicFile::create(target));
  std::unique_ptr<exports::TableWriter> writer;
  if (scheduled.format == "xlsx") {
    file.close_stream();
    BPV_TRY_ASSIGN(writer, exports::xlsx_writer(file.temporary_path()));
  } else if (scheduled.format == "jsonl") {
    writer = exports::jsonl_writer(file.stream());
  } else {
    writer = exports::csv_writer(file.stream(), scheduled.excel ? exports::CsvStyle::excel : exports::CsvStyle::rfc4180);
  }
  portal::ExportScope everything;
  BPV_TRY_ASSIGN(std::int64_t rows,
                 scheduled.kind == "hours"
                     ? portal::write_hours_export(context.store, context.zone, context.now, everything, filter, *writer, {})
                     : portal::write_summary_export(context.store, context.zone, context.now, everything, filter,
                                                    *writer, {}));
  BPV_TRY(file.commit());
  outcome.counts["rows"] = std::to_string(rows);
  outcome.summary = fmt::format("{} row(s) written to {} ({} {}, {} to {})", rows, target.string(), scheduled.kind,
                                scheduled.format, from.to_string(), to.to_string());
  if (!context.json) {
    fmt::print(context.out, "{}\n", outcome.summary);
  }
  return outcome;
}

}  // namespace bpv::jobs
