#include <bpv/core/rules.hpp>

#include <bpv/core/values.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace bpv::core {

const std::array<RuleInfo, 7> k_rules = {{
    {Rule::overtime_day, "OVERTIME_DAY", Severity::warning,
     "a day above the placement's agreed hours per day plus tolerance"},
    {Rule::overtime_week, "OVERTIME_WEEK", Severity::warning,
     "a week above the placement's agreed hours per week plus tolerance"},
    {Rule::school_vacation, "SCHOOL_VACATION", Severity::warning,
     "hours on a school vacation day without an agreed exception"},
    {Rule::public_holiday, "PUBLIC_HOLIDAY", Severity::info, "hours on a national public holiday"},
    {Rule::outside_placement, "OUTSIDE_PLACEMENT", Severity::error,
     "hours before the placement's start or after its end"},
    {Rule::young_worker, "YOUNG_WORKER", Severity::warning,
     "a student under 18 above the legal limits per day, week or 4 weeks"},
    {Rule::missing_week, "MISSING_WEEK", Severity::info,
     "a past working week inside the placement without hours"},
}};

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::info:
      return "info";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "info";
}

const RuleInfo& rule_info(Rule rule) {
  return k_rules[static_cast<std::size_t>(rule)];
}

const RuleInfo* find_rule(std::string_view code) {
  const std::string wanted = ascii_lower(code);
  for (const auto& info : k_rules) {
    if (ascii_lower(info.code) == wanted) {
      return &info;
    }
  }
  return nullptr;
}

const YoungWorkerBand* young_worker_band(std::span<const YoungWorkerBand> bands, int age) {
  const YoungWorkerBand* best = nullptr;
  for (const auto& band : bands) {
    if (age <= band.max_age && (best == nullptr || band.max_age < best->max_age)) {
      best = &band;
    }
  }
  return best;
}

bool young_worker_applies_from(const PlacementFacts& facts, const RuleSettings& settings, Date from) {
  if (!settings.is_on(Rule::young_worker) || !facts.birth_date) {
    return false;
  }
  return young_worker_band(settings.young_worker_bands, age_on(*facts.birth_date, from)) != nullptr;
}

namespace {

struct WeekTotal {
  IsoWeek week;
  Minutes minutes = 0;
  // YOUNG_WORKER: the hours on days a band covered the student, and the age on the first of them.
  Minutes young_minutes = 0;
  std::optional<int> young_age;
};

// Collects flags; each starts from its rule's code and severity.
class Flags {
 public:
  void day(Rule rule, Date date, std::string detail) {
    const auto& info = rule_info(rule);
    m_flags.push_back(Flag{info.code, info.severity, date, std::nullopt, std::move(detail)});
  }
  void week(Rule rule, IsoWeek week, std::string detail) {
    const auto& info = rule_info(rule);
    m_flags.push_back(Flag{info.code, info.severity, std::nullopt, week, std::move(detail)});
  }

  // Orders by week; within a week, day flags (by date) before week flags; then by code. A day
  // flag's key is its date, a week flag's the week's Sunday, so one comparison of dates suffices.
  std::vector<Flag> sorted() && {
    auto key = [](const Flag& flag) {
      return std::tuple(flag.date ? *flag.date : flag.week->sunday(), flag.week.has_value(),
                        flag.code);
    };
    std::stable_sort(m_flags.begin(), m_flags.end(),
                     [&](const Flag& a, const Flag& b) { return key(a) < key(b); });
    return std::move(m_flags);
  }

 private:
  std::vector<Flag> m_flags;
};

// `entries` sorted by date, one per date (minutes of the same date added up).
std::vector<DayHours> normalized_days(std::span<const DayHours> entries) {
  std::vector<DayHours> days(entries.begin(), entries.end());
  if (!std::is_sorted(days.begin(), days.end(),
                      [](const DayHours& a, const DayHours& b) { return a.date < b.date; })) {
    std::stable_sort(days.begin(), days.end(),
                     [](const DayHours& a, const DayHours& b) { return a.date < b.date; });
  }
  std::vector<DayHours> merged;
  merged.reserve(days.size());
  for (const auto& day : days) {
    if (!merged.empty() && merged.back().date == day.date) {
      merged.back().minutes += day.minutes;
    } else {
      merged.push_back(day);
    }
  }
  return merged;
}

bool exception_covers(const PlacementFacts& facts, Date date) {
  if (facts.vacation_hours_allowed) {
    return true;
  }
  return std::any_of(facts.vacation_exceptions.begin(), facts.vacation_exceptions.end(),
                     [&](const std::pair<Date, Date>& range) {
                       return range.first <= date && date <= range.second;
                     });
}

std::string clock(Minutes minutes) {
  return format_hours_clock(minutes);
}

std::string agreed_text(Minutes agreed, Minutes tolerance, std::string_view per) {
  if (tolerance == 0) {
    return fmt::format("agreed {} a {}", clock(agreed), per);
  }
  return fmt::format("agreed {} a {} plus {} tolerance", clock(agreed), per, clock(tolerance));
}

void check_days(const PlacementFacts& facts, std::span<const DayHours> days,
                const Calendar& calendar, const RuleSettings& settings, Flags& flags) {
  const Minutes day_agreed = facts.day_minutes.value_or(settings.default_day_minutes);
  for (const auto& day : days) {
    const Date date = day.date;
    if (settings.is_on(Rule::outside_placement)) {
      if (date < facts.start) {
        flags.day(Rule::outside_placement, date,
                  fmt::format("before the placement starts on {}", facts.start.to_string()));
      } else if (date > facts.end) {
        flags.day(Rule::outside_placement, date,
                  fmt::format("after the placement ended on {}", facts.end.to_string()));
      }
    }
    if (settings.is_on(Rule::overtime_day) && day.minutes > day_agreed + settings.day_tolerance) {
      flags.day(Rule::overtime_day, date,
                fmt::format("{} hours, {}", clock(day.minutes),
                            agreed_text(day_agreed, settings.day_tolerance, "day")));
    }
    if (settings.is_on(Rule::school_vacation)) {
      const Period* vacation = calendar.vacation_on(date);
      if (vacation != nullptr && !exception_covers(facts, date)) {
        flags.day(Rule::school_vacation, date,
                  fmt::format("{} ({} to {})", vacation->name, vacation->first.to_string(),
                              vacation->last.to_string()));
      }
    }
    if (settings.is_on(Rule::public_holiday)) {
      if (const Holiday* holiday = calendar.holiday_on(date)) {
        flags.day(Rule::public_holiday, date, holiday->name);
      }
    }
    if (settings.is_on(Rule::young_worker) && facts.birth_date) {
      const int age = age_on(*facts.birth_date, date);
      const YoungWorkerBand* band = young_worker_band(settings.young_worker_bands, age);
      if (band != nullptr && day.minutes > band->max_day) {
        flags.day(Rule::young_worker, date,
                  fmt::format("{} hours, limit {} a day at age {}", clock(day.minutes),
                              clock(band->max_day), age));
      }
    }
  }
}

std::vector<WeekTotal> week_totals(const PlacementFacts& facts, std::span<const DayHours> days,
                                   const RuleSettings& settings) {
  std::vector<WeekTotal> totals;
  for (const auto& day : days) {
    if (totals.empty() || !totals.back().week.contains(day.date)) {
      totals.push_back(WeekTotal{IsoWeek::of(day.date), 0, 0, std::nullopt});
    }
    WeekTotal& total = totals.back();
    total.minutes += day.minutes;
    if (facts.birth_date) {
      const int age = age_on(*facts.birth_date, day.date);
      if (young_worker_band(settings.young_worker_bands, age) != nullptr) {
        total.young_minutes += day.minutes;
        if (!total.young_age) {
          total.young_age = age;
        }
      }
    }
  }
  return totals;
}

void check_young_worker_week(std::span<const WeekTotal> totals, std::size_t i,
                             const RuleSettings& settings, Flags& flags) {
  const WeekTotal& total = totals[i];
  if (!total.young_age) {
    return;
  }
  const int age = *total.young_age;
  const YoungWorkerBand& band = *young_worker_band(settings.young_worker_bands, age);
  const IsoWeek week = total.week;
  std::string detail;
  if (total.young_minutes > band.max_week) {
    detail = fmt::format("{}: {} hours, limit {} a week at age {}", week.to_string(),
                         clock(total.young_minutes), clock(band.max_week), age);
  }
  // The four consecutive weeks ending with this one; weeks without entries count as zero.
  const Date window_first = week.monday().plus_days(-21);
  Minutes window = 0;
  for (std::size_t j = i + 1; j-- > 0 && totals[j].week.monday() >= window_first;) {
    window += totals[j].young_minutes;
  }
  if (window > band.max_four_weeks) {
    detail += detail.empty() ? "" : "; ";
    detail += fmt::format("{} to {}: {} hours, limit {} in 4 weeks at age {}",
                          IsoWeek::of(window_first).to_string(), week.to_string(), clock(window),
                          clock(band.max_four_weeks), age);
  }
  if (!detail.empty()) {
    flags.week(Rule::young_worker, week, std::move(detail));
  }
}

void check_weeks(const PlacementFacts& facts, std::span<const WeekTotal> totals,
                 const RuleSettings& settings, Flags& flags) {
  for (std::size_t i = 0; i < totals.size(); ++i) {
    const WeekTotal& total = totals[i];
    if (settings.is_on(Rule::overtime_week) && facts.week_minutes > 0 &&
        total.minutes > facts.week_minutes + settings.week_tolerance) {
      flags.week(Rule::overtime_week, total.week,
                 fmt::format("{}: {} hours, {}", total.week.to_string(), clock(total.minutes),
                             agreed_text(facts.week_minutes, settings.week_tolerance, "week")));
    }
    if (settings.is_on(Rule::young_worker)) {
      check_young_worker_week(totals, i, settings, flags);
    }
  }
}

// Whether work was expected on `date`: not a public holiday, and not a vacation day unless
// vacation hours were allowed on it.
bool working_day(const PlacementFacts& facts, const Calendar& calendar, Date date) {
  if (calendar.holiday_on(date) != nullptr) {
    return false;
  }
  return calendar.vacation_on(date) == nullptr || exception_covers(facts, date);
}

void check_missing_weeks(const PlacementFacts& facts, std::span<const WeekTotal> totals,
                         const Calendar& calendar, Date today, const WeekRange& judged,
                         Flags& flags) {
  if (facts.end < facts.start) {
    return;
  }
  IsoWeek week = IsoWeek::of(std::max(facts.start, judged.first_monday));
  Date last = std::min(facts.end, judged.last_monday);
  for (; week.monday() <= last && week.sunday() < today; week = week.next()) {
    auto found = std::lower_bound(
        totals.begin(), totals.end(), week,
        [](const WeekTotal& total, const IsoWeek& wanted) { return total.week < wanted; });
    const bool has_entries = found != totals.end() && found->week == week;
    if (has_entries) {
      continue;
    }
    const int expected = expected_working_days(facts, calendar, week);
    if (expected > 0) {
      flags.week(Rule::missing_week, week,
                 fmt::format("{}: no hours recorded, {} working day{}", week.to_string(), expected,
                             expected == 1 ? "" : "s"));
    }
  }
}

}  // namespace

int expected_working_days(const PlacementFacts& facts, const Calendar& calendar, IsoWeek week) {
  int expected = 0;
  for (int offset = 0; offset < 5; ++offset) {
    const Date date = week.monday().plus_days(offset);
    if (facts.start <= date && date <= facts.end && working_day(facts, calendar, date)) {
      ++expected;
    }
  }
  return expected;
}

std::vector<Flag> check_placement(const PlacementFacts& facts, std::span<const DayHours> entries,
                                  const Calendar& calendar, const RuleSettings& settings,
                                  Date today, const WeekRange& judged) {
  const std::vector<DayHours> days = normalized_days(entries);
  Flags flags;
  check_days(facts, days, calendar, settings, flags);
  const std::vector<WeekTotal> totals = week_totals(facts, days, settings);
  check_weeks(facts, totals, settings, flags);
  if (settings.is_on(Rule::missing_week)) {
    check_missing_weeks(facts, totals, calendar, today, judged, flags);
  }
  return std::move(flags).sorted();
}

}  // namespace bpv::core
