#pragma once

#include "jobs.hpp"

namespace bpv::jobs {

// Runs `job` as one recorded run: takes the job's lock (refused, exit 6, while another run
// holds it; a lock left by a dead process on this machine is taken over), records the run with
// its outcome and counts, and releases the lock. The job's own failure is returned after it
// has been recorded.
Result<JobOutcome> run_locked(const Job& job, JobContext& context);

// The counts of `outcome` as one JSON object (values are JSON text already).
std::string counts_json(const JobOutcome& outcome);

}  // namespace bpv::jobs
