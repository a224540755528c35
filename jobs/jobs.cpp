#include "jobs.hpp"

#include <algorithm>
#include <vector>

namespace bpv::jobs {
namespace {

// No jobs yet: the rule-check, reminder and export issues add theirs here.
constexpr std::span<const Job> k_jobs{};

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    row[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::span<const Job> job_table() { return k_jobs; }

const Job* find_job(std::string_view name) {
  auto found = std::find_if(k_jobs.begin(), k_jobs.end(), [&](const Job& job) { return job.name == name; });
  return found == k_jobs.end() ? nullptr : &*found;
}

std::string_view closest_job_name(std::string_view name) {
  std::string_view best;
  std::size_t best_distance = name.size() / 2 + 2;
  for (const auto& job : k_jobs) {
    std::size_t distance = edit_distance(name, job.name);
    if (distance < best_distance) {
      best = job.name;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace bpv::jobs
