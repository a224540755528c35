#include <bpv/core/calendar.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>
#include <tuple>

namespace bpv::core {
namespace {

bool period_less(const Period& a, const Period& b) {
  return std::tie(a.first, a.last, a.name) < std::tie(b.first, b.last, b.name);
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

}  // namespace

bool is_valid_calendar_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || !is_name_char(name.front()) ||
      !is_name_char(name.back())) {
    return false;
  }
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (is_name_char(c)) {
      continue;
    }
    if ((c != '-' && c != '_' && c != '.') || !is_name_char(name[i + 1])) {
      return false;
    }
  }
  return true;
}

int school_year_of(Date date) {
  return date.month() >= 8 ? date.year() : date.year() - 1;
}

std::string school_year_name(int start_year) {
  return fmt::format("{}-{}", start_year, start_year + 1);
}

Result<int> parse_school_year(std::string_view text) {
  auto bad = [&] {
    return fail(ErrorKind::usage,
                fmt::format("'{}' is not a school year; write it as 2026-2027", text));
  };
  int first = 0;
  int second = 0;
  if (text.size() != 9 || text[4] != '-') {
    return bad();
  }
  auto [p1, e1] = std::from_chars(text.data(), text.data() + 4, first);
  auto [p2, e2] = std::from_chars(text.data() + 5, text.data() + 9, second);
  if (e1 != std::errc() || p1 != text.data() + 4 || e2 != std::errc() || p2 != text.data() + 9 ||
      first < 1900 || first > 2998 || second != first + 1) {
    return bad();
  }
  return first;
}

void Calendar::add_period(Period period) {
  const int year = school_year_of(period.first);
  std::erase_if(m_periods, [&](const Period& existing) {
    return existing.name == period.name && school_year_of(existing.first) == year;
  });
  m_periods.insert(std::upper_bound(m_periods.begin(), m_periods.end(), period, period_less),
                   std::move(period));
  index_periods();
}

void Calendar::add_holiday(Holiday holiday) {
  auto at = std::lower_bound(m_holidays.begin(), m_holidays.end(), holiday.date,
                             [](const Holiday& h, Date d) { return h.date < d; });
  if (at != m_holidays.end() && at->date == holiday.date) {
    *at = std::move(holiday);
  } else {
    m_holidays.insert(at, std::move(holiday));
  }
}

void Calendar::replace_from(const Calendar& newer) {
  std::set<int> school_years;
  for (const auto& period : newer.m_periods) {
    school_years.insert(school_year_of(period.first));
  }
  std::set<int> years;
  for (const auto& holiday : newer.m_holidays) {
    years.insert(holiday.date.year());
  }
  std::erase_if(m_periods,
                [&](const Period& p) { return school_years.contains(school_year_of(p.first)); });
  std::erase_if(m_holidays, [&](const Holiday& h) { return years.contains(h.date.year()); });
  m_periods.insert(m_periods.end(), newer.m_periods.begin(), newer.m_periods.end());
  std::sort(m_periods.begin(), m_periods.end(), period_less);
  index_periods();
  for (const auto& holiday : newer.m_holidays) {
    add_holiday(holiday);
  }
}

void Calendar::add_holidays_from(const Calendar& other) {
  for (const auto& holiday : other.m_holidays) {
    if (holiday_on(holiday.date) == nullptr) {
      add_holiday(holiday);
    }
  }
}

void Calendar::index_periods() {
  m_reach.clear();
  m_reach.reserve(m_periods.size());
  for (const auto& period : m_periods) {
    m_reach.push_back(m_reach.empty() ? period.last : std::max(m_reach.back(), period.last));
  }
}

const Period* Calendar::vacation_on(Date date) const {
  // Candidates start on or before `date`; walk back from the last of them while some earlier
  // period may still reach `date`.
  auto end = std::upper_bound(m_periods.begin(), m_periods.end(), date,
                              [](Date d, const Period& p) { return d < p.first; });
  for (auto i = static_cast<std::size_t>(end - m_periods.begin()); i > 0; --i) {
    if (m_reach[i - 1] < date) {
      break;
    }
    if (m_periods[i - 1].last >= date) {
      return &m_periods[i - 1];
    }
  }
  return nullptr;
}

const Holiday* Calendar::holiday_on(Date date) const {
  auto at = std::lower_bound(m_holidays.begin(), m_holidays.end(), date,
                             [](const Holiday& h, Date d) { return h.date < d; });
  return at != m_holidays.end() && at->date == date ? &*at : nullptr;
}

}  // namespace bpv::core
