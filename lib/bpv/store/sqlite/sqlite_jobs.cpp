// The runs of bpv-jobs and their locks.
#include <bpv/store/sqlite/sqlite_store.hpp>

#include <bpv/store/sqlite/database.hpp>

#include <fmt/format.h>

namespace bpv::store::sqlite {
namespace {

constexpr const char* k_run_columns =
    "SELECT id, job, started_at, finished_at, clock, dry_run, outcome, counts, message FROM job_runs ";

JobRun read_run(const Statement& stmt) {
  JobRun run;
  run.id = stmt.column_int(0);
  run.job = stmt.column_text(1);
  run.started_at = column_instant(stmt, 2);
  run.finished_at = column_optional_instant(stmt, 3);
  run.clock = column_instant(stmt, 4);
  run.dry_run = stmt.column_int(5) != 0;
  run.outcome = stmt.column_text(6);
  run.counts = stmt.column_text(7);
  run.message = stmt.column_text(8);
  return run;
}

}  // namespace

Result<Id> SqliteStore::insert_job_run(const JobRun& run) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("INSERT INTO job_runs (job, started_at, clock, dry_run, outcome, "
                               "counts, message) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  stmt->bind(1, run.job)
      .bind(2, stamp(run.started_at))
      .bind(3, stamp(run.clock))
      .bind(4, run.dry_run ? 1 : 0)
      .bind(5, run.outcome)
      .bind(6, run.counts.empty() ? std::string("{}") : run.counts)
      .bind(7, run.message);
  BPV_TRY(stmt->run());
  return m_db->last_insert_id();
}

Result<void> SqliteStore::finish_job_run(Id run, std::string_view outcome, std::string_view counts,
                                         std::string_view message, core::Instant now) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("UPDATE job_runs SET finished_at = ?, outcome = ?, counts = ?, "
                               "message = ? WHERE id = ?"));
  stmt->bind(1, stamp(now)).bind(2, outcome).bind(3, counts).bind(4, message).bind(5, run);
  return stmt->run();
}

Result<std::vector<JobRun>> SqliteStore::job_runs(std::optional<std::string> job, int limit) {
  std::string sql = k_run_columns;
  sql += job ? "WHERE job = ? ORDER BY id DESC LIMIT ?" : "ORDER BY id DESC LIMIT ?";
  BPV_TRY_ASSIGN(Statement * stmt, m_db->prepare_text(sql));
  int index = 1;
  if (job) {
    stmt->bind(index++, *job);
  }
  stmt->bind(index, limit);
  std::vector<JobRun> runs;
  while (true) {
    BPV_TRY_ASSIGN(bool row, stmt->step());
    if (!row) {
      break;
    }
    runs.push_back(read_run(*stmt));
  }
  return runs;
}

Result<std::optional<JobRun>> SqliteStore::last_successful_run(std::string_view job) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare_text(std::string(k_run_columns) +
                                    "WHERE job = ? AND outcome = 'succeeded' AND dry_run = 0 "
                                    "ORDER BY id DESC LIMIT 1"));
  stmt->bind(1, job);
  BPV_TRY_ASSIGN(bool row, stmt->step());
  if (!row) {
    return std::nullopt;
  }
  JobRun run = read_run(*stmt);
  stmt->reset();
  return run;
}

Result<std::optional<JobLock>> SqliteStore::find_job_lock(std::string_view job) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("SELECT job, run_id, host, pid, acquired_at FROM job_locks "
                               "WHERE job = ?"));
  stmt->bind(1, job);
  BPV_TRY_ASSIGN(bool row, stmt->step());
  if (!row) {
    return std::nullopt;
  }
  JobLock lock{stmt->column_text(0), stmt->column_int(1), stmt->column_text(2), stmt->column_int(3),
               column_instant(*stmt, 4)};
  stmt->reset();
  return lock;
}

Result<void> SqliteStore::insert_job_lock(const JobLock& lock) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("INSERT INTO job_locks (job, run_id, host, pid, acquired_at) "
                               "VALUES (?, ?, ?, ?, ?) ON CONFLICT (job) DO NOTHING"));
  stmt->bind(1, lock.job).bind(2, lock.run_id).bind(3, lock.host).bind(4, lock.pid).bind(5, stamp(lock.acquired_at));
  BPV_TRY(stmt->run());
  if (m_db->changes() == 0) {
    return fail(ErrorKind::refused, fmt::format("the job '{}' is locked by another run", lock.job));
  }
  return {};
}

Result<void> SqliteStore::delete_job_lock(std::string_view job, Id run) {
  BPV_TRY_ASSIGN(Statement * stmt,
                 m_db->prepare("DELETE FROM job_locks WHERE job = ? AND run_id = ?"));
  stmt->bind(1, job).bind(2, run);
  return stmt->run();
}

}  // namespace bpv::store::sqlite
