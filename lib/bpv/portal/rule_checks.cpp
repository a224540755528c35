#include <bpv/portal/rule_checks.hpp>

#include <bpv/portal/read_snapshot.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

namespace bpv::portal {
namespace {

// Placements each thread claims at a time in a batch's reads: a claim and a hand-over per read
// would cost more than the read.
constexpr std::size_t k_chunk = 32;
// A chunk's open flags are read together when its judged weeks lie at most this many weeks apart
// (store::FlagQuery::placement_ids).
constexpr int k_weeks_read_together = 7;

// The weeks of a placement an incremental run checks: those whose entries changed or which ended
// (first and last Monday), or all of them (nullopt).
using Weeks = std::optional<std::pair<core::Date, core::Date>>;
// A placement an incremental run checks, with its weeks.
using Work = std::pair<const store::RulePlacement*, Weeks>;

// The reads of a run, shared by two threads: the reading thread, on the second connection, and
// the checking thread, on the job's, each claim the next k_chunk placements in turn, so that
// neither waits while the other has more to do. The checking thread claims only within the
// batch it checks; the reading thread reads on into the next batch while the checking thread
// finishes and commits this one (no further: what it reads ahead is thrown away when another
// connection commits in between). A chunk never crosses the end of a batch. The reading thread
// hands its chunks over; the checking thread checks every chunk, its own as it reads them. The
// chunks it is done with go back to the reading thread, which frees them: memory freed by the
// thread that allocated it costs a fraction of memory freed by another.
class SharedReads {
 public:
  struct Chunk {
    std::size_t first = 0;                  // the work index of reads[0]
    std::vector<Result<WindowRead>> reads;  // from `first` on; one that failed ends it
  };

  SharedReads(std::size_t size, std::size_t batch) : m_size(size), m_batch(batch) {}

  // Checking thread: the batch from `first` on is the one being checked; the reading thread may
  // read up to the end of the next.
  void check_batch_at(std::size_t first) {
    {
      std::lock_guard lock(m_mutex);
      m_ahead_limit = std::min(m_size, first + 2 * m_batch);
    }
    m_moved.notify_all();
  }
  // Checking thread, with the reading thread stopped: forgets every claim and read from `first`
  // on (they are read again).
  void restart_at(std::size_t first) {
    std::lock_guard lock(m_mutex);
    m_claimed = first;
    std::erase_if(m_chunks, [&](const Chunk& chunk) { return chunk.first >= first; });
    std::erase_if(m_parked, [&](const Chunk& chunk) { return chunk.first >= first; });
  }
  // Checking thread: the first index of the next placements to read within the batch ending at
  // `end`, none when all of them are claimed.
  std::optional<std::size_t> claim_before(std::size_t end) {
    std::lock_guard lock(m_mutex);
    return claim(end);
  }
  // Reading thread: the first index of the next placements to read, waiting while it is a batch
  // ahead; none when all are claimed or it is asked to stop.
  std::optional<std::size_t> claim_ahead(const std::stop_token& stop) {
    std::unique_lock lock(m_mutex);
    m_moved.wait(lock, stop, [&] { return m_claimed < m_ahead_limit || m_claimed >= m_size; });
    if (stop.stop_requested()) {
      return std::nullopt;
    }
    return claim(m_ahead_limit);
  }
  // Reading thread: hands `chunk` over and returns the chunks to free.
  std::vector<Chunk> push(Chunk chunk) {
    std::vector<Chunk> spent;
    {
      std::lock_guard lock(m_mutex);
      m_chunks.push_back(std::move(chunk));
      spent.swap(m_spent);
    }
    m_ready.notify_one();
    return spent;
  }
  // Checking thread: a chunk the reading thread handed over that lies in [first, end); with
  // `wait`, waits for one. Chunks of a later batch are kept for it.
  std::optional<Chunk> take(std::size_t first, std::size_t end, bool wait) {
    std::unique_lock lock(m_mutex);
    while (true) {
      for (auto it = m_parked.begin(); it != m_parked.end(); ++it) {
        if (it->first >= first && it->first < end) {
          Chunk chunk = std::move(*it);
          m_parked.erase(it);
          return chunk;
        }
      }
      while (!m_chunks.empty()) {
        Chunk chunk = std::move(m_chunks.front());
        m_chunks.pop_front();
        if (chunk.first >= first && chunk.first < end) {
          return chunk;
        }
        m_parked.push_back(std::move(chunk));
      }
      if (!wait) {
        return std::nullopt;
      }
      m_ready.wait(lock, [&] { return !m_chunks.empty(); });
    }
  }
  // Checking thread: done with a chunk from take().
  void give_back(Chunk chunk) {
    std::lock_guard lock(m_mutex);
    m_spent.push_back(std::move(chunk));
  }

 private:
  // With m_mutex held: claims up to k_chunk placements before `end` and the end of their batch.
  std::optional<std::size_t> claim(std::size_t end) {
    if (m_claimed >= end || m_claimed >= m_size) {
      return std::nullopt;
    }
    std::size_t first = m_claimed;
    std::size_t batch_end = (first / m_batch + 1) * m_batch;
    m_claimed = std::min({first + k_chunk, batch_end, m_size});
    return first;
  }

  const std::size_t m_size;
  const std::size_t m_batch;
  std::mutex m_mutex;
  std::condition_variable_any m_moved;  // the checking thread moved on (or stop was asked)
  std::condition_variable m_ready;      // a chunk was handed over
  std::size_t m_claimed = 0;            // the claims so far end here
  std::size_t m_ahead_limit = 0;        // the reading thread claims before this
  std::deque<Chunk> m_chunks;
  std::vector<Chunk> m_parked;          // handed over, for a later batch
  std::vector<Chunk> m_spent;
};

// Reads `window` of `placement` from `from` (the checker's store, or another connection to the
// same database, which sees what the checker's store has committed, not what it is writing):
// its hours, and the open flags of its judged weeks, taken from `chunk_open` when given (the
// open flags of a range of placements around it, by placement, covering those weeks), else read.
Result<WindowRead> read_window(store::Store& from, store::Id placement, const WeekWindow& window,
                               std::vector<store::FlagRecord>* chunk_open) {
  WindowRead read;
  BPV_TRY_ASSIGN(read.days, from.day_hours(placement, window.read_from, window.read_to));
  if (chunk_open) {
    auto [begin, end] = std::ranges::equal_range(*chunk_open, placement, {}, &store::FlagRecord::placement_id);
    for (auto it = begin; it != end; ++it) {
      if (it->week_monday >= window.judged.first_monday && it->week_monday <= window.judged.last_monday) {
        read.open.push_back(std::move(*it));
      }
    }
    return read;
  }
  store::FlagQuery query;
  query.placement_id = placement;
  query.open_only = true;
  query.from = window.judged.first_monday;
  query.to = window.judged.last_monday;
  BPV_TRY_ASSIGN(read.open, from.find_flags(query));
  return read;
}

// Reads the windows of work[first, ...) up to k_chunk placements and the end of the batch
// (`batch` placements each) from `from`; a placement without a window gets an empty read: the
// checking thread reads all of it itself. Stops after a read that fails.
SharedReads::Chunk read_chunk(store::Store& from, std::span<const Work> work,
                              std::span<const std::optional<WeekWindow>> windows, std::size_t first,
                              std::size_t batch) {
  SharedReads::Chunk chunk;
  chunk.first = first;
  std::size_t last = std::min({work.size(), first + k_chunk, (first / batch + 1) * batch});
  chunk.reads.reserve(last - first);
  // The open flags of the chunk's judged weeks, when these lie close together (as after a week
  // of entries): a seek per week for all of its placements instead of one per placement and
  // week. The flags' key begins with the week, then the placement.
  std::optional<core::WeekRange> weeks;
  for (std::size_t i = first; i < last; ++i) {
    if (windows[i]) {
      const core::WeekRange& judged = windows[i]->judged;
      weeks = weeks ? core::WeekRange{std::min(weeks->first_monday, judged.first_monday),
                                      std::max(weeks->last_monday, judged.last_monday)}
                    : judged;
    }
  }
  bool together = weeks && weeks->last_monday.days_since_epoch() - weeks->first_monday.days_since_epoch() <=
                               k_weeks_read_together * 7;
  std::vector<store::FlagRecord> open;  // by placement, then week
  if (together) {
    store::FlagQuery query;
    query.placement_ids = std::pair{work[first].first->id, work[last - 1].first->id};
    query.open_only = true;
    query.from = weeks->first_monday;
    query.to = weeks->last_monday;
    auto found = from.find_flags(query);
    if (!found) {
      chunk.reads.emplace_back(std::unexpected(found.error()));
      return chunk;
    }
    open = std::move(*found);
  }
  for (std::size_t i = first; i < last; ++i) {
    if (!windows[i]) {
      chunk.reads.emplace_back();
      continue;
    }
    chunk.reads.push_back(read_window(from, work[i].first->id, *windows[i], together ? &open : nullptr));
    if (!chunk.reads.back()) {
      break;
    }
  }
  return chunk;
}

// The reading thread, in the run's read transaction on `reader` (see ReaderSnapshot): chunks
// claimed and read until none is left, or a read fails, or it is asked to stop.
void read_ahead(store::Store& reader, std::span<const Work> work,
                std::span<const std::optional<WeekWindow>> windows, std::size_t batch,
                SharedReads& shared, std::stop_token stop) {
  while (true) {
    auto first = shared.claim_ahead(stop);
    if (!first) {
      return;
    }
    SharedReads::Chunk chunk = read_chunk(reader, work, windows, *first, batch);
    bool failed = !chunk.reads.empty() && !chunk.reads.back();  // read_chunk stops at a failure
    shared.push(std::move(chunk));  // frees the returned chunks here
    if (failed) {
      return;
    }
  }
}

// The second connection's read transaction, kept from batch to batch while nobody else writes.
// A new read transaction after another connection committed, this job's own batches included,
// makes SQLite drop the connection's whole page cache: each batch read the b-trees' inner pages
// and the week's flag pages again (46,000 of the reading connection's 56,000 reads in the
// benchmark's incremental run, plus 14,000 of the log's). What the reads of a batch need from
// the snapshot are the hours and open flags of that batch's placements, which this job's earlier
// batches do not change (they write flags of their own placements only); so the snapshot can
// stay as long as no other connection committed since it was taken, which the job's connection
// sees, with the batch's write lock held, by its data_version.
class ReaderSnapshot {
 public:
  // Whether the reading connection's snapshot was begun when the job's connection's data_version
  // was `version`: then no other connection has committed since.
  bool taken_at(std::int64_t version) const { return m_snapshot.has_value() && m_version == version; }
  // In a batch's write transaction, with the job's connection at data_version `version`: ends the
  // snapshot and begins another, whose first read takes it, after this batch's write lock, so
  // that it sees what the job's connection sees. Not while the reading thread reads.
  Result<void> renew(store::Store& reader, std::int64_t version) {
    m_snapshot.reset();
    BPV_TRY_ASSIGN(auto snapshot, ReadSnapshot::begin(reader));
    m_snapshot.emplace(std::move(snapshot));
    m_version = version;
    return {};
  }

 private:
  std::optional<ReadSnapshot> m_snapshot;
  std::int64_t m_version = 0;
};

// Placements by id, for lookups: pointers into both vectors, sorted by id, without repeats.
std::vector<const store::RulePlacement*> by_id(const std::vector<store::RulePlacement>& placements,
                                               const std::vector<store::RulePlacement>& more) {
  std::vector<const store::RulePlacement*> sorted;
  sorted.reserve(placements.size() + more.size());
  for (const auto* part : {&placements, &more}) {
    for (const auto& placement : *part) {
      sorted.push_back(&placement);
    }
  }
  std::ranges::sort(sorted, {}, &store::RulePlacement::id);
  auto repeats = std::ranges::unique(sorted, {}, &store::RulePlacement::id);
  sorted.erase(repeats.begin(), repeats.end());
  return sorted;
}

// Where the placement `id` is in `sorted` (from by_id); nothing when it is not there.
std::optional<std::size_t> index_of(std::span<const store::RulePlacement* const> sorted, store::Id id) {
  auto found = std::ranges::lower_bound(sorted, id, {}, &store::RulePlacement::id);
  if (found == sorted.end() || (*found)->id != id) {
    return std::nullopt;
  }
  return static_cast<std::size_t>(found - sorted.begin());
}

}  // namespace

std::string fingerprint(const RuleCheckSettings& settings) {
  std::string text = fmt::format("calendar={};day={};day_tolerance={};week_tolerance={};off=",
                                 settings.default_calendar, settings.rules.default_day_minutes,
                                 settings.rules.day_tolerance, settings.rules.week_tolerance);
  for (const auto& rule : core::k_rules) {
    if (!settings.rules.is_on(rule.rule)) {
      text += fmt::format("{},", rule.code);
    }
  }
  text += ";young=";
  for (const auto& band : settings.rules.young_worker_bands) {
    text += fmt::format("{}/{}/{}/{},", band.max_age, band.max_day, band.max_week, band.max_four_weeks);
  }
  return text;
}

RuleChecker::RuleChecker(store::Store& store, RuleCheckSettings settings)
    : m_store(store), m_settings(std::move(settings)) {}

Result<void> RuleChecker::preload_exceptions() {
  BPV_TRY_ASSIGN(auto all, m_store.vacation_exceptions(std::nullopt));
  m_exceptions.emplace();
  for (const auto& exception : all) {
    (*m_exceptions)[exception.placement_id].emplace_back(exception.from, exception.to);
  }
  return {};
}

Result<const core::Calendar*> RuleChecker::calendar_of(const store::RulePlacement& placement) {
  const std::string& name = placement.calendar.empty() ? m_settings.default_calendar : placement.calendar;
  auto found = m_calendars.find(name);
  if (found == m_calendars.end()) {
    if (!m_holidays_read) {
      BPV_TRY_ASSIGN(m_holidays, m_store.load_calendar(core::k_public_holidays_calendar));
      m_holidays_read = true;
    }
    BPV_TRY_ASSIGN(std::optional<core::Calendar> calendar, m_store.load_calendar(name));
    if (calendar && m_holidays && name != core::k_public_holidays_calendar) {
      calendar->add_holidays_from(*m_holidays);
    }
    if (!calendar && m_holidays) {
      // Without its own calendar a placement still has the national holidays.
      calendar = core::Calendar(name);
      calendar->add_holidays_from(*m_holidays);
    }
    found = m_calendars.emplace(name, std::move(calendar)).first;
  }
  bool has_vacations = found->second && !found->second->periods().empty();
  if (!has_vacations && name != core::k_public_holidays_calendar) {
    ++m_missing_calendars[name];
  }
  static const core::Calendar k_empty;
  return found->second ? &*found->second : &k_empty;
}

Result<std::vector<core::Flag>> RuleChecker::find(const store::RulePlacement& placement,
                                                  std::span<const core::DayHours> days,
                                                  core::Date today) {
  BPV_TRY_ASSIGN(auto facts, facts_of(placement));
  return find(placement, facts, days, today);
}

Result<std::vector<core::Flag>> RuleChecker::find(const store::RulePlacement& placement,
                                                  const core::PlacementFacts& facts,
                                                  std::span<const core::DayHours> days,
                                                  core::Date today, const core::WeekRange& judged) {
  BPV_TRY_ASSIGN(const core::Calendar* calendar, calendar_of(placement));
  return core::check_placement(facts, days, *calendar, m_settings.rules, today, judged);
}

Result<int> RuleChecker::working_days(const store::RulePlacement& placement, core::IsoWeek week) {
  BPV_TRY_ASSIGN(auto facts, facts_of(placement));
  BPV_TRY_ASSIGN(const core::Calendar* calendar, calendar_of(placement));
  return core::expected_working_days(facts, *calendar, week);
}

Result<core::PlacementFacts> RuleChecker::facts_of(const store::RulePlacement& placement) {
  core::PlacementFacts facts = placement;  // its facts, to which the exceptions are added
  if (m_exceptions) {
    auto found = m_exceptions->find(placement.id);
    if (found != m_exceptions->end()) {
      facts.vacation_exceptions = found->second;
    }
  } else {
    BPV_TRY_ASSIGN(auto exceptions, m_store.vacation_exceptions(placement.id));
    for (const auto& exception : exceptions) {
      facts.vacation_exceptions.emplace_back(exception.from, exception.to);
    }
  }
  return facts;
}

Result<store::FlagSync> RuleChecker::check(const store::RulePlacement& placement,
                                           std::span<const core::DayHours> days, core::Date today,
                                           core::Instant now) {
  BPV_TRY_ASSIGN(auto flags, find(placement, days, today));
  store::FlagQuery query;
  query.placement_id = placement.id;
  query.open_only = true;
  BPV_TRY_ASSIGN(auto open, m_store.find_flags(query));
  return m_store.sync_flags(placement.id, flags, open, now);
}

Result<WeekWindow> RuleChecker::window(const store::RulePlacement& placement, core::Date first_monday,
                                       core::Date last_monday) {
  // The young-worker rule counts four weeks: a week's flag depends on the three weeks before it,
  // and the week counts in the three weeks after it. Every other flag depends on its own week.
  WeekWindow window;
  BPV_TRY_ASSIGN(window.facts, facts_of(placement));
  int context_days =
      core::young_worker_applies_from(window.facts, m_settings.rules, first_monday.plus_days(-21)) ? 21 : 0;
  window.judged = {first_monday, last_monday.plus_days(context_days)};
  window.read_from = first_monday.plus_days(-context_days);
  window.read_to = window.judged.last_monday.plus_days(6);
  return window;
}

Result<store::FlagSync> RuleChecker::check_window(const store::RulePlacement& placement,
                                                  const WeekWindow& window, const WindowRead& read,
                                                  core::Date today, core::Instant now) {
  BPV_TRY_ASSIGN(auto all, find(placement, window.facts, read.days, today, window.judged));
  std::vector<core::Flag> flags;
  for (auto& flag : all) {
    core::Date monday = flag.week_monday();
    if (monday >= window.judged.first_monday && monday <= window.judged.last_monday) {
      flags.push_back(std::move(flag));
    }
  }
  return m_store.sync_flags(placement.id, flags, read.open, now);
}

Result<store::FlagSync> RuleChecker::check(const store::RulePlacement& placement, core::Date today,
                                           core::Instant now) {
  BPV_TRY_ASSIGN(auto days, m_store.day_hours(placement.id));
  return check(placement, days, today, now);
}

namespace {

// The date of the clock of an earlier run, from its stored counts (`today`).
std::optional<core::Date> today_of(const store::JobRun& run) {
  auto counts = nlohmann::json::parse(run.counts, nullptr, false);
  if (!counts.is_object() || !counts.contains("today") || !counts["today"].is_string()) {
    return std::nullopt;
  }
  auto date = core::Date::parse_iso(counts["today"].get<std::string>());
  return date ? std::optional(*date) : std::nullopt;
}

std::string settings_of(const store::JobRun& run) {
  auto counts = nlohmann::json::parse(run.counts, nullptr, false);
  if (!counts.is_object() || !counts.contains("settings") || !counts["settings"].is_string()) {
    return {};
  }
  return counts["settings"].get<std::string>();
}

}  // namespace

Result<ViolationsReport> run_violations(store::Store& store, const RuleCheckSettings& settings,
                                        const ViolationsRequest& request, bool dry_run,
                                        store::Store* reader) {
  ViolationsReport report;
  report.full = request.full;
  std::optional<core::Date> last_today;
  if (request.last) {
    last_today = today_of(*request.last);
  }
  if (request.full) {
    report.why = "--full: every placement";
  } else if (!request.last || !last_today) {
    report.full = true;
    report.why = "no earlier successful run: every placement";
  } else if (settings_of(*request.last) != fingerprint(settings)) {
    report.full = true;
    report.why = "the rules configuration changed since the last run: every placement";
  } else if (*last_today > request.today) {
    report.full = true;
    report.why = fmt::format("the clock ({}) is before the last run's ({}): every placement",
                             request.today.to_string(), last_today->to_string());
  }

  BPV_TRY(store.prepare_bulk_write());
  if (reader) {
    BPV_TRY(reader->prepare_bulk_write());
  }

  // The placements this run reads: all of them for a full run; otherwise those queued and those
  // with a week that ended since the last run, read by themselves when they are few.
  std::vector<store::RulePlacement> placements;
  std::vector<store::RulePlacement> more_placements;  // read on the second connection
  if (report.full) {
    BPV_TRY_ASSIGN(placements, store.rule_placements({}));
  }

  // Which placements this run checks, in id order, and which of their weeks.
  std::vector<std::pair<store::Id, Weeks>> chosen;
  if (!report.full) {
    // Weeks whose Sunday passed since the last run are judged for MISSING_WEEK now: their
    // Sundays lie from the last run's day through yesterday. The placements they overlap are
    // read on the second connection, if there is one, while this one reads the queue.
    auto monday_of = [](core::Date date) { return core::IsoWeek::of(date).monday(); };
    core::Date first_monday = monday_of(*last_today).plus_days(-7);
    core::Date last_monday = monday_of(request.today).plus_days(-7);
    bool weeks_ended = monday_of(request.today) > monday_of(*last_today);
    store::PlacementQuery overlapping;
    overlapping.ending_from = first_monday;
    overlapping.starting_until = last_monday.plus_days(6);
    std::future<Result<std::vector<store::RulePlacement>>> overlapped;
    if (weeks_ended) {
      store::Store* from = reader ? reader : &store;
      overlapped = std::async(reader ? std::launch::async : std::launch::deferred,
                              [from, &overlapping] { return from->rule_placements(overlapping); });
    }
    BPV_TRY_ASSIGN(auto due, store.rule_checks_due());
    if (overlapped.valid()) {
      BPV_TRY_ASSIGN(placements, overlapped.get());
    }

    // Both come in id order: merged, the queued placements keep their weeks (or all of them),
    // widened to the weeks that ended.
    chosen.reserve(due.size() + placements.size());
    std::vector<store::Id> missing;  // queued, not read yet
    int newly_judged = 0;
    auto next = placements.begin();
    for (const auto& check : due) {
      for (; next != placements.end() && next->id < check.placement_id; ++next) {
        chosen.emplace_back(next->id, std::pair{first_monday, last_monday});
        ++newly_judged;
      }
      Weeks weeks;
      if (!check.whole) {
        weeks = std::pair{check.first_monday, check.last_monday};
      }
      if (next != placements.end() && next->id == check.placement_id) {
        if (weeks) {
          weeks->first = std::min(weeks->first, first_monday);
          weeks->second = std::max(weeks->second, last_monday);
        }
        ++next;
      } else {
        missing.push_back(check.placement_id);
      }
      chosen.emplace_back(check.placement_id, weeks);
    }
    for (; next != placements.end(); ++next) {
      chosen.emplace_back(next->id, std::pair{first_monday, last_monday});
      ++newly_judged;
    }
    report.why = fmt::format("{} placement(s) changed since the run of {}; {} more with a week "
                             "that ended since",
                             due.size(), last_today->to_string(), newly_judged);
    // The queued placements not read yet: one by one when few, else all at once, the lower and
    // the upper half of their ids on the two connections together when there are two.
    if (missing.size() > request.read_all_above) {
      store::PlacementQuery lower;
      store::PlacementQuery upper;
      if (reader) {
        lower.last_id = missing[missing.size() / 2] - 1;
        upper.first_id = missing[missing.size() / 2];
      }
      // Kept apart rather than appended: copying 25,000 of them into fresh memory took 20 ms.
      std::future<Result<std::vector<store::RulePlacement>>> upper_read;
      if (reader) {
        upper_read = std::async(std::launch::async, [&] { return reader->rule_placements(upper); });
      }
      BPV_TRY_ASSIGN(placements, store.rule_placements(lower));
      if (upper_read.valid()) {
        BPV_TRY_ASSIGN(more_placements, upper_read.get());
      }
    } else {
      for (store::Id id : missing) {
        store::PlacementQuery one;
        one.placement_id = id;
        BPV_TRY_ASSIGN(auto found, store.rule_placements(one));
        placements.insert(placements.end(), found.begin(), found.end());
      }
    }
  }
  const std::vector<const store::RulePlacement*> sorted = by_id(placements, more_placements);

  RuleChecker checker(store, settings);
  BPV_TRY(checker.preload_exceptions());
  const std::size_t batch_size = std::max<std::size_t>(request.batch, 1);
  std::size_t in_batch = 0;
  bool open = false;
  auto finish_batch = [&]() -> Result<void> {
    if (!open) {
      return {};
    }
    open = false;
    in_batch = 0;
    if (dry_run) {
      store.rollback();
    } else {
      BPV_TRY(store.commit());
    }
    return request.between_batches ? request.between_batches() : Result<void>{};
  };
  // Checks one placement with `check` in the batch's transaction (begun when needed) and takes
  // it off the queue; the batch commits after batch_size placements.
  auto check_one = [&](store::Id placement, auto&& check) -> Result<void> {
    if (!open) {
      BPV_TRY(store.begin());
      open = true;
    }
    auto checked = [&]() -> Result<void> {
      BPV_TRY_ASSIGN(store::FlagSync sync, check());
      BPV_TRY(store.clear_rule_check_due(placement));
      report.changes += sync;
      ++report.placements_checked;
      return {};
    }();
    if (!checked) {
      store.rollback();
      open = false;
      return std::unexpected(checked.error());
    }
    if (++in_batch >= batch_size) {
      return finish_batch();
    }
    return {};
  };

  if (report.full) {
    // One pass over all entries in key order; placements without any hours afterwards.
    std::vector<bool> seen(sorted.size());
    BPV_TRY(store.each_placement_day_hours(
        [&](store::Id id, std::span<const core::DayHours> days) -> Result<void> {
          auto at = index_of(sorted, id);
          if (!at) {
            return {};
          }
          seen[*at] = true;
          return check_one(id, [&] { return checker.check(*sorted[*at], days, request.today, request.now); });
        }));
    for (std::size_t i = 0; i < sorted.size(); ++i) {
      if (!seen[i]) {
        BPV_TRY(check_one(sorted[i]->id, [&] {
          return checker.check(*sorted[i], std::span<const core::DayHours>{}, request.today, request.now);
        }));
      }
    }
  } else {
    std::vector<Work> work;
    work.reserve(chosen.size());
    for (const auto& [id, weeks] : chosen) {
      if (auto at = index_of(sorted, id)) {
        work.emplace_back(sorted[*at], weeks);
      }
    }
    // The windows on this thread (they read the checker's calendars and exceptions), all before
    // the first batch, so that the reading thread can read on into the next batch.
    std::vector<std::optional<WeekWindow>> windows;
    windows.reserve(work.size());
    for (const auto& [placement, weeks] : work) {
      if (weeks) {
        BPV_TRY_ASSIGN(auto window, checker.window(*placement, weeks->first, weeks->second));
        windows.emplace_back(std::move(window));
      } else {
        windows.emplace_back();
      }
    }
    // Checks the placements of a chunk of reads; a placement without a window is read here.
    auto check_chunk = [&](const SharedReads::Chunk& chunk) -> Result<void> {
      for (std::size_t k = 0; k < chunk.reads.size(); ++k) {
        const Result<WindowRead>& read = chunk.reads[k];
        std::size_t i = chunk.first + k;
        const store::RulePlacement& placement = *work[i].first;
        BPV_TRY(check_one(placement.id, [&]() -> Result<store::FlagSync> {
          if (!read) {
            return std::unexpected(read.error());
          }
          if (windows[i]) {
            return checker.check_window(placement, *windows[i], *read, request.today, request.now);
          }
          BPV_TRY_ASSIGN(auto days, store.day_hours(placement.id));
          return checker.check(placement, days, request.today, request.now);
        }));
      }
      return {};
    };
    SharedReads shared(work.size(), batch_size);
    ReaderSnapshot snapshot;
    std::jthread reading;  // declared after what it reads, so stopped and joined before them
    for (std::size_t begin = 0; begin < work.size(); begin += batch_size) {
      std::size_t end = std::min(begin + batch_size, work.size());
      // The batch's transaction: a reader's snapshot taken after it has begun sees what this one
      // sees, as no other writer can commit until it ends, without its own uncommitted flags,
      // which belong to placements already checked; one taken in an earlier batch still does,
      // with what it read ahead, unless another connection committed since (ReaderSnapshot).
      BPV_TRY(store.begin());
      open = true;
      if (reader) {
        BPV_TRY_ASSIGN(std::int64_t version, store.data_version());
        bool renewing = !snapshot.taken_at(version);
        if (renewing) {
          if (reading.joinable()) {
            reading.request_stop();
            reading.join();
          }
          shared.restart_at(begin);
          BPV_TRY(snapshot.renew(*reader, version));
        }
        shared.check_batch_at(begin);
        if (renewing) {
          reading = std::jthread([&](std::stop_token stop) {
            read_ahead(*reader, work, windows, batch_size, shared, stop);
          });
        }
      }
      // Chunks the reading thread read first, then one of our own while none is waiting; once
      // all are claimed, the reading thread's last ones.
      std::size_t checked = 0;
      while (checked < end - begin) {
        std::optional<SharedReads::Chunk> theirs =
            reader ? shared.take(begin, end, false) : std::nullopt;
        if (!theirs) {
          if (auto first = shared.claim_before(end)) {
            SharedReads::Chunk ours = read_chunk(store, work, windows, *first, batch_size);
            BPV_TRY(check_chunk(ours));
            checked += ours.reads.size();
            continue;
          }
          theirs = shared.take(begin, end, true);
        }
        BPV_TRY(check_chunk(*theirs));
        checked += theirs->reads.size();
        shared.give_back(std::move(*theirs));
      }
    }
  }
  BPV_TRY(finish_batch());
  report.missing_calendars = checker.missing_calendars();
  return report;
}

}  // namespace bpv::portal
