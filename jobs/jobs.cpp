#include "jobs.hpp"

#include <bpv/core/values.hpp>

#include <algorithm>
#include <vector>

namespace bpv::jobs {
namespace {

// No jobs yet: the rule-check, reminder and export issues add theirs here.
constexpr std::span<const Job> k_jobs{};

}  // namespace

std::span<const Job> job_table() { return k_jobs; }

const Job* find_job(std::string_view name) {
  auto found = std::find_if(k_jobs.begin(), k_jobs.end(), [&](const Job& job) { return job.name == name; });
  return found == k_jobs.end() ? nullptr : &*found;
}

std::string closest_job_name(std::string_view name) {
  std::vector<std::string> names;
  for (const auto& job : k_jobs) {
    names.emplace_back(job.name);
  }
  return core::closest_name(name, names);
}

}  // namespace bpv::jobs
