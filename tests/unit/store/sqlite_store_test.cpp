#include <bpv/store/sqlite/migrations.hpp>
#include <bpv/store/sqlite/sqlite_store.hpp>

#include "support/temp_dir.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace bpv::store::sqlite {
namespace {

using namespace std::chrono_literals;

const core::Instant k_now = core::Instant(std::chrono::sys_days(std::chrono::year(2026) / 11 / 30)) + 9h;

// Runs one SQL statement on `path` with the plain SQLite API and returns the first column of
// the first row as text.
std::string query(const std::filesystem::path& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  std::string value;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0)) {
    value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return value;
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = open_store(m_dir / "bpv.db", OpenMode::create_new);
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    m_store = std::move(*opened);
  }

  // A student with one placement from 2026-09-01 through 2027-01-31; returns the placement id.
  // The placement of student `n` (1000000 + n), all with the same trainer and company.
  Id add_placement(int n = 1) {
    auto student_user = m_store->upsert_user(
        {fmt::format("s{}@student.example.nl", n), "Mehmet Çelik", "", Role::student, {}}, k_now);
    auto trainer = m_store->upsert_user({"t1@bedrijf.example.nl", "Ruud", "", Role::trainer, {}}, k_now);
    auto supervisor = m_store->upsert_user({"b1@school.example.nl", "Fatima", "", Role::supervisor, {}}, k_now);
    auto company = m_store->upsert_company("Pixelwerf", "Utrecht", k_now);
    auto student =
        m_store->upsert_student({std::to_string(1000000 + n), student_user->first, {}, "", "", "", ""}, k_now);
    PlacementFields fields{student->first,
                           company->first,
                           trainer->first,
                           supervisor->first,
                           core::Date::from_ymd(2026, 9, 1),
                           core::Date::from_ymd(2027, 1, 31),
                           800 * 60,
                           32 * 60,
                           8 * 60,
                           false,
                           std::nullopt};
    auto placement = m_store->upsert_placement(fields, k_now);
    EXPECT_TRUE(placement.has_value()) << placement.error().message;
    return placement->first;
  }

  test::TempDir m_dir;
  std::unique_ptr<Store> m_store;
};

TEST(Migrations, AreNumberedInOrderFromOne) {
  ASSERT_FALSE(k_migrations.empty());
  for (std::size_t i = 0; i < k_migrations.size(); ++i) {
    EXPECT_EQ(k_migrations[i].version, static_cast<int>(i + 1)) << k_migrations[i].name;
  }
  EXPECT_EQ(latest_schema_version(), k_migrations.back().version);
}

TEST_F(SqliteStoreTest, NewDatabaseHasLatestSchemaInWalModeWithForeignKeys) {
  EXPECT_EQ(m_store->schema_version(), latest_schema_version());
  auto path = m_dir / "bpv.db";
  EXPECT_EQ(query(path, "PRAGMA user_version"), std::to_string(latest_schema_version()));
  EXPECT_EQ(query(path, "PRAGMA journal_mode"), "wal");
  for (const char* table : {"users", "companies", "students", "placements", "entries",
                            "correction_requests", "vacation_exceptions", "audit_events",
                            "sessions", "positions"}) {
    EXPECT_EQ(query(path, std::string("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                                      "AND name = '") + table + "'"),
              "1")
        << table;
  }
  // Foreign keys are enforced on the store's connection.
  PlacementFields orphan{999, 999, 999, 999, core::Date::from_ymd(2026, 9, 1),
                         core::Date::from_ymd(2026, 12, 1), 60, 60, std::nullopt, false, std::nullopt};
  auto inserted = m_store->upsert_placement(orphan, k_now);
  ASSERT_FALSE(inserted.has_value());
  EXPECT_NE(inserted.error().message.find("FOREIGN KEY"), std::string::npos) << inserted.error().message;
}

TEST_F(SqliteStoreTest, IndexesCoverTheAccessPaths) {
  auto path = m_dir / "bpv.db";
  auto plan = [&](const std::string& sql) { return query(path, "EXPLAIN QUERY PLAN " + sql); };
  (void)plan;
  for (const char* index : {"placements_by_trainer", "placements_by_supervisor"}) {
    EXPECT_EQ(query(path, std::string("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND "
                                      "name = '") + index + "'"),
              "1")
        << index;
  }
  // Entries are keyed by (placement, date): the table is its own index.
  EXPECT_NE(query(path, "SELECT sql FROM sqlite_master WHERE name = 'entries'")
                .find("PRIMARY KEY (placement_id, entry_date)"),
            std::string::npos);
}

TEST(SqliteStore, CreateNewNeverTouchesAnExistingFile) {
  test::TempDir dir;
  auto path = dir.write("existing.db", "precious");
  auto opened = open_store(path, OpenMode::create_new);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().kind, ErrorKind::refused);
  EXPECT_NE(opened.error().message.find("already exists"), std::string::npos);
  EXPECT_EQ(test::read_file(path), "precious");
}

TEST(SqliteStore, OpenExistingFailsWhenThereIsNoDatabase) {
  test::TempDir dir;
  auto opened = open_store(dir / "missing.db", OpenMode::existing);
  ASSERT_FALSE(opened.has_value());
  EXPECT_NE(opened.error().message.find("bpv init"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir / "missing.db"));
}

TEST(SqliteStore, RefusesADatabaseNewerThanTheBinary) {
  test::TempDir dir;
  auto path = dir / "bpv.db";
  ASSERT_TRUE(open_store(path, OpenMode::create_new).has_value());
  query(path, "PRAGMA user_version = 999");
  auto opened = open_store(path, OpenMode::existing);
  ASSERT_FALSE(opened.has_value());
  EXPECT_NE(opened.error().message.find("schema version 999, newer than this bpv"), std::string::npos)
      << opened.error().message;
}

TEST(SqliteStore, RefusesAnSqliteDatabaseThatIsNotBpv) {
  test::TempDir dir;
  auto path = dir / "other.db";
  query(path, "CREATE TABLE things (x)");
  auto opened = open_store(path, OpenMode::existing);
  ASSERT_FALSE(opened.has_value());
  EXPECT_NE(opened.error().message.find("not a bpv database"), std::string::npos);
}

TEST(SqliteStore, RefusesAFileThatIsNotSqlite) {
  test::TempDir dir;
  auto path = dir.write("notes.db", std::string(4096, 'x'));
  auto opened = open_store(path, OpenMode::existing);
  ASSERT_FALSE(opened.has_value());
  EXPECT_NE(opened.error().message.find("not a bpv database"), std::string::npos) << opened.error().message;
}

TEST_F(SqliteStoreTest, UserKeepsOneRoleAndIsFoundWithoutRegardToCase) {
  auto created = m_store->upsert_user({"Ruud@Bedrijf.example.nl", "Ruud", "06-1", Role::trainer, {}}, k_now);
  ASSERT_TRUE(created.has_value());
  EXPECT_EQ(created->second, Upsert::created);
  auto again = m_store->upsert_user({"ruud@bedrijf.example.nl", "Ruud", "06-1", Role::trainer, {}}, k_now);
  EXPECT_EQ(again->first, created->first);
  EXPECT_EQ(again->second, Upsert::unchanged);
  auto renamed = m_store->upsert_user({"ruud@bedrijf.example.nl", "Ruud van 't Hof", "06-1", Role::trainer, {}}, k_now);
  EXPECT_EQ(renamed->second, Upsert::updated);
  auto other_role = m_store->upsert_user({"ruud@bedrijf.example.nl", "Ruud", "", Role::supervisor, {}}, k_now);
  ASSERT_FALSE(other_role.has_value());
  EXPECT_EQ(other_role.error().kind, ErrorKind::refused);
  auto found = m_store->find_user_by_email("RUUD@BEDRIJF.EXAMPLE.NL");
  ASSERT_TRUE(found.has_value() && found->has_value());
  EXPECT_EQ((*found)->name, "Ruud van 't Hof");
  EXPECT_EQ((*found)->role, Role::trainer);
}

TEST_F(SqliteStoreTest, EntryIsCreatedThenUnchangedThenUpdated) {
  Id placement = add_placement();
  EntryFields entry{placement, core::Date::from_ymd(2026, 11, 2), 450, "Code review", EntryStatus::submitted};
  EXPECT_EQ(*m_store->upsert_entry(entry, k_now), Upsert::created);
  EXPECT_EQ(*m_store->upsert_entry(entry, k_now), Upsert::unchanged);
  entry.minutes = 480;
  EXPECT_EQ(*m_store->upsert_entry(entry, k_now), Upsert::updated);
  entry.status = EntryStatus::approved;
  EXPECT_EQ(*m_store->upsert_entry(entry, k_now), Upsert::updated);
  EXPECT_EQ(query(m_dir / "bpv.db", "SELECT minutes || ' ' || status || ' ' || approved_at FROM entries"),
            "480 approved 1796029200");
}

TEST_F(SqliteStoreTest, EntryMinutesMustLieWithinADay) {
  Id placement = add_placement();
  for (core::Minutes minutes : {0, -5, 1441}) {
    EntryFields entry{placement, core::Date::from_ymd(2026, 11, 3), minutes, "", EntryStatus::submitted};
    auto result = m_store->upsert_entry(entry, k_now);
    ASSERT_FALSE(result.has_value()) << minutes;
    EXPECT_NE(result.error().message.find("CHECK"), std::string::npos) << result.error().message;
  }
  EntryFields full_day{placement, core::Date::from_ymd(2026, 11, 3), 1440, "", EntryStatus::submitted};
  EXPECT_TRUE(m_store->upsert_entry(full_day, k_now).has_value());
}

TEST_F(SqliteStoreTest, RollbackLeavesNothing) {
  ASSERT_TRUE(m_store->begin().has_value());
  add_placement();
  m_store->rollback();
  auto counts = m_store->table_counts();
  EXPECT_EQ(counts->users, 0);
  EXPECT_EQ(counts->placements, 0);
}

TEST_F(SqliteStoreTest, PlacementSpansNameTheStudentAndDates) {
  Id placement = add_placement();
  auto spans = m_store->placement_spans();
  ASSERT_EQ(spans->size(), 1u);
  EXPECT_EQ((*spans)[0].placement_id, placement);
  EXPECT_EQ((*spans)[0].student_number, "1000001");
  EXPECT_EQ((*spans)[0].end, core::Date::from_ymd(2027, 1, 31));
}

TEST(SqliteStore, ConcurrentWritersWaitInsteadOfFailing) {
  test::TempDir dir;
  auto path = dir / "bpv.db";
  auto first = open_store(path, OpenMode::create_new);
  auto second = open_store(path, OpenMode::existing);
  ASSERT_TRUE(first.has_value() && second.has_value());
  ASSERT_TRUE((*first)->begin().has_value());
  (*first)->upsert_company("A", "Utrecht", k_now);
  std::atomic<bool> second_done{false};
  std::thread writer([&] {
    auto result = in_transaction(**second, [&]() -> Result<void> {
      BPV_TRY((*second)->upsert_company("B", "Utrecht", k_now));
      return {};
    });
    EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
    second_done = true;
  });
  std::this_thread::sleep_for(300ms);
  EXPECT_FALSE(second_done.load());  // still waiting for the first writer
  ASSERT_TRUE((*first)->commit().has_value());
  writer.join();
  EXPECT_TRUE(second_done.load());
  EXPECT_EQ((*first)->table_counts()->companies, 2);
}


// A read-only command after a write must not checkpoint the same WAL frames again on close: the
// last connection leaves an empty WAL behind.
TEST(SqliteStore, LastConnectionLeavesAnEmptyWal) {
  test::TempDir dir;
  auto path = dir / "bpv.db";
  {
    auto store = open_store(path, OpenMode::create_new);
    ASSERT_TRUE(store.has_value()) << store.error().message;
    ASSERT_TRUE((*store)->upsert_company("Pixelwerf", "Utrecht", k_now).has_value());
    EXPECT_GT(std::filesystem::file_size(dir / "bpv.db-wal"), 0u);
  }
  ASSERT_TRUE(std::filesystem::exists(dir / "bpv.db-wal"));  // kept (persistent WAL) ...
  EXPECT_EQ(std::filesystem::file_size(dir / "bpv.db-wal"), 0u);  // ... but empty
  EXPECT_EQ(query(path, "SELECT count(*) FROM companies"), "1");
}

TEST_F(SqliteStoreTest, FlagsOpenStayAndResolveByThemselves) {
  Id placement = add_placement();
  core::Flag day{"OVERTIME_DAY", core::Severity::warning, core::Date::from_ymd(2026, 11, 18), std::nullopt,
                 "10:00 hours, agreed 8:00 a day"};
  core::Flag week{"OVERTIME_WEEK", core::Severity::warning, std::nullopt,
                  core::IsoWeek::of(core::Date::from_ymd(2026, 11, 18)), "2026-W47: 33:30 hours"};
  std::vector<core::Flag> both{day, week};
  FlagQuery open;
  open.placement_id = placement;
  open.open_only = true;
  auto first = m_store->sync_flags(placement, both, *m_store->find_flags(open), k_now);
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(first->opened, 2);
  // Found again a day later, with a new detail: kept, first seen unchanged.
  both[1].detail = "2026-W47: 34:00 hours";
  auto again = m_store->sync_flags(placement, both, *m_store->find_flags(open), k_now + 24h);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->opened, 0);
  EXPECT_EQ(again->kept, 2);
  auto flags = m_store->find_flags(open);
  ASSERT_TRUE(flags.has_value());
  ASSERT_EQ(flags->size(), 2u);
  EXPECT_EQ((*flags)[0].code, "OVERTIME_DAY");  // the day's flag before the week's
  EXPECT_EQ((*flags)[0].week_monday, core::Date::from_ymd(2026, 11, 16));
  EXPECT_EQ((*flags)[1].detail, "2026-W47: 34:00 hours");
  EXPECT_EQ((*flags)[1].first_seen, k_now);
  EXPECT_FALSE((*flags)[1].date.has_value());
  // The day corrected: its flag resolves, the week's stays.
  std::vector<core::Flag> only_week{both[1]};
  auto corrected = m_store->sync_flags(placement, only_week, *m_store->find_flags(open), k_now + 48h);
  ASSERT_TRUE(corrected.has_value());
  EXPECT_EQ(corrected->resolved, 1);
  EXPECT_EQ(corrected->resolved_by_code.at("OVERTIME_DAY"), 1);
  EXPECT_EQ(m_store->find_flags(open)->size(), 1u);
  FlagQuery all;
  all.placement_id = placement;
  auto history = m_store->find_flags(all);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].resolved_at, k_now + 48h);
  EXPECT_EQ(m_store->open_flag_counts(std::nullopt)->at("OVERTIME_WEEK"), 1);
}

// Flags are keyed by week first and a placement's are read week by week through its span:
// flags far before its start or after its end, and resolved ones, are still found.
TEST_F(SqliteStoreTest, FlagsOfAPlacementAreFoundInEveryWeekOfItsSpan) {
  Id placement = add_placement();
  auto day_flag = [](const char* code, core::Date date) {
    return core::Flag{code, core::Severity::warning, date, std::nullopt, "detail"};
  };
  const core::Date before = core::Date::from_ymd(2026, 8, 26);   // a Wednesday, week of 24 Aug
  const core::Date during = core::Date::from_ymd(2026, 11, 18);  // week of 16 Nov
  const core::Date after = core::Date::from_ymd(2027, 2, 10);    // week of 8 Feb
  std::vector<core::Flag> found{day_flag("OUTSIDE_PLACEMENT", before),
                                day_flag("OVERTIME_DAY", during),
                                day_flag("OUTSIDE_PLACEMENT", after)};
  FlagQuery all;
  all.placement_id = placement;
  ASSERT_TRUE(m_store->sync_flags(placement, found, {}, k_now).has_value());
  auto weeks_of = [&](const FlagQuery& query) {
    auto flags = m_store->find_flags(query);
    EXPECT_TRUE(flags.has_value()) << flags.error().message;
    std::vector<std::string> weeks;
    for (const auto& flag : *flags) {
      weeks.push_back(flag.week_monday.to_string() + " " + flag.code);
    }
    return weeks;
  };
  using Weeks = std::vector<std::string>;
  EXPECT_EQ(weeks_of(all), (Weeks{"2026-08-24 OUTSIDE_PLACEMENT", "2026-11-16 OVERTIME_DAY",
                                  "2027-02-08 OUTSIDE_PLACEMENT"}));
  EXPECT_EQ(query(m_dir / "bpv.db", "SELECT first_monday || ' ' || last_monday FROM flag_spans"),
            "2026-08-24 2027-02-08");

  // Bounds on any day: the weeks whose Monday lies between them.
  FlagQuery bounded = all;
  bounded.from = core::Date::from_ymd(2026, 8, 25);  // after the Monday of the first week
  bounded.to = core::Date::from_ymd(2027, 2, 9);     // after the Monday of the last week
  EXPECT_EQ(weeks_of(bounded), (Weeks{"2026-11-16 OVERTIME_DAY", "2027-02-08 OUTSIDE_PLACEMENT"}));
  FlagQuery one_week = all;
  one_week.from = core::Date::from_ymd(2026, 11, 16);
  one_week.to = core::Date::from_ymd(2026, 11, 22);
  EXPECT_EQ(weeks_of(one_week), (Weeks{"2026-11-16 OVERTIME_DAY"}));
  one_week.to = one_week.from;
  EXPECT_EQ(weeks_of(one_week), (Weeks{"2026-11-16 OVERTIME_DAY"}));
  FlagQuery outside = all;
  outside.from = core::Date::from_ymd(2027, 3, 1);
  EXPECT_EQ(weeks_of(outside), Weeks{});
  FlagQuery by_code = all;
  by_code.code = "OUTSIDE_PLACEMENT";
  EXPECT_EQ(weeks_of(by_code), (Weeks{"2026-08-24 OUTSIDE_PLACEMENT", "2027-02-08 OUTSIDE_PLACEMENT"}));

  // The outside days corrected, one more found weeks earlier: the span widens, never narrows.
  FlagQuery open = all;
  open.open_only = true;
  std::vector<core::Flag> later{day_flag("OVERTIME_DAY", during),
                                day_flag("OUTSIDE_PLACEMENT", core::Date::from_ymd(2026, 8, 12))};
  auto synced = m_store->sync_flags(placement, later, *m_store->find_flags(open), k_now + 24h);
  ASSERT_TRUE(synced.has_value()) << synced.error().message;
  EXPECT_EQ(synced->opened, 1);
  EXPECT_EQ(synced->resolved, 2);
  EXPECT_EQ(query(m_dir / "bpv.db", "SELECT first_monday || ' ' || last_monday FROM flag_spans"),
            "2026-08-10 2027-02-08");
  EXPECT_EQ(weeks_of(open), (Weeks{"2026-08-10 OUTSIDE_PLACEMENT", "2026-11-16 OVERTIME_DAY"}));
  EXPECT_EQ(weeks_of(all).size(), 4u);
  auto counts = m_store->open_flag_counts(placement);
  ASSERT_TRUE(counts.has_value()) << counts.error().message;
  EXPECT_EQ(*counts, (std::map<std::string, int>{{"OUTSIDE_PLACEMENT", 1}, {"OVERTIME_DAY", 1}}));
}

// The violations job reads the open flags of a run of placements, a few weeks of them, with a seek
// per week rather than per placement and week.
TEST_F(SqliteStoreTest, FlagsOfARangeOfPlacementsAreReadTogether) {
  const Id first = add_placement(1);
  const Id second = add_placement(2);
  const Id third = add_placement(3);
  ASSERT_LT(first, second);
  ASSERT_LT(second, third);
  const core::Date w45 = core::Date::from_ymd(2026, 11, 2);
  const core::Date w46 = core::Date::from_ymd(2026, 11, 9);
  const core::Date w47 = core::Date::from_ymd(2026, 11, 16);
  auto missing = [](core::Date monday) {
    return core::Flag{"MISSING_WEEK", core::Severity::info, std::nullopt, core::IsoWeek::of(monday), "detail"};
  };
  const std::vector<core::Flag> three_weeks{missing(w45), missing(w46), missing(w47)};
  for (Id placement : {first, second, third}) {
    ASSERT_TRUE(m_store->sync_flags(placement, three_weeks, {}, k_now).has_value());
  }
  // The second placement's week 46 resolved.
  FlagQuery of_second;
  of_second.placement_id = second;
  of_second.open_only = true;
  const std::vector<core::Flag> without_46{missing(w45), missing(w47)};
  ASSERT_EQ(m_store->sync_flags(second, without_46, *m_store->find_flags(of_second), k_now + 24h)->resolved, 1);

  auto found = [&](const FlagQuery& query) {
    std::vector<std::string> flags;
    auto read = m_store->find_flags(query);
    EXPECT_TRUE(read.has_value()) << read.error().message;
    for (const auto& flag : read.value_or(std::vector<FlagRecord>{})) {
      flags.push_back(fmt::format("{} {}{}", flag.placement_id == first ? "first" : flag.placement_id == second ? "second" : "third",
                                  flag.week_monday.to_string(), flag.resolved_at ? " resolved" : ""));
    }
    return flags;
  };
  using Flags = std::vector<std::string>;
  FlagQuery range;
  range.placement_ids = std::pair{first, second};
  range.from = w46;
  range.to = w47.plus_days(6);
  range.open_only = true;
  EXPECT_EQ(found(range), (Flags{"first 2026-11-09", "first 2026-11-16", "second 2026-11-16"}));
  range.open_only = false;
  EXPECT_EQ(found(range), (Flags{"first 2026-11-09", "first 2026-11-16", "second 2026-11-09 resolved",
                                 "second 2026-11-16"}));
  range.placement_ids = std::pair{second, third};
  range.from = w45;
  range.to = w45;
  EXPECT_EQ(found(range), (Flags{"second 2026-11-02", "third 2026-11-02"}));

  // Eight weeks at most, and never without them: a clear error instead of a scan of every flag.
  range.to = w45.plus_days(8 * 7);
  auto too_wide = m_store->find_flags(range);
  ASSERT_FALSE(too_wide.has_value());
  EXPECT_EQ(too_wide.error().kind, ErrorKind::usage);
  EXPECT_NE(too_wide.error().message.find("eight weeks"), std::string::npos);
  range.to = w45.plus_days(7 * 7);
  EXPECT_EQ(found(range).size(), 6u);  // weeks 45 to 47 of both, one resolved
  range.from.reset();
  auto unbounded = m_store->find_flags(range);
  ASSERT_FALSE(unbounded.has_value());
  EXPECT_EQ(unbounded.error().kind, ErrorKind::usage);
}

// A database of schema version 3 (flags keyed by placement first) keeps its flags when it is
// opened by this bpv, and gets their spans.
TEST(SqliteStore, MigratingToFlagsByWeekKeepsEveryFlag) {
  test::TempDir dir;
  auto path = dir / "old.db";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  for (const auto& migration : k_migrations) {
    if (migration.version <= 3) {
      ASSERT_EQ(sqlite3_exec(db, migration.sql, nullptr, nullptr, nullptr), SQLITE_OK) << migration.name;
    }
  }
  const char* old_flags =
      "PRAGMA user_version = 3;"
      "INSERT INTO users (id, email, name, role, created_at, updated_at) VALUES "
      "(1, 's1@x.nl', 'S1', 'student', 0, 0), (2, 's2@x.nl', 'S2', 'student', 0, 0), "
      "(3, 't@x.nl', 'T', 'trainer', 0, 0), (4, 'b@x.nl', 'B', 'supervisor', 0, 0);"
      "INSERT INTO companies (id, name, created_at) VALUES (1, 'Pixelwerf', 0);"
      "INSERT INTO students (id, student_number, user_id, updated_at) VALUES "
      "(1, '1000001', 1, 0), (2, '1000002', 2, 0);"
      "INSERT INTO placements (id, student_id, company_id, trainer_id, supervisor_id, start_date, "
      "end_date, contract_minutes, week_minutes, created_at, updated_at) VALUES "
      "(7, 1, 1, 3, 4, '2026-09-01', '2027-01-31', 48000, 1920, 0, 0), "
      "(8, 2, 1, 3, 4, '2026-09-01', '2027-01-31', 48000, 1920, 0, 0);"
      "INSERT INTO flags (placement_id, week_monday, code, flag_date, first_seen, severity, detail, "
      "resolved_at) VALUES "
      "(7, '2026-11-16', 'OVERTIME_WEEK', '', 100, 'warning', 'a', NULL),"
      "(7, '2026-09-07', 'OVERTIME_DAY', '2026-09-08', 100, 'warning', 'b', 200),"
      "(8, '2026-10-05', 'MISSING_WEEK', '', 100, 'info', 'c', NULL);";
  ASSERT_EQ(sqlite3_exec(db, old_flags, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);

  auto opened = open_store(path, OpenMode::existing);
  ASSERT_TRUE(opened.has_value()) << opened.error().message;
  auto& store = **opened;
  EXPECT_EQ(store.schema_version(), latest_schema_version());
  FlagQuery of_7;
  of_7.placement_id = 7;
  auto flags = store.find_flags(of_7);
  ASSERT_TRUE(flags.has_value()) << flags.error().message;
  ASSERT_EQ(flags->size(), 2u);
  EXPECT_EQ((*flags)[0].code, "OVERTIME_DAY");
  EXPECT_EQ((*flags)[0].date, core::Date::from_ymd(2026, 9, 8));
  EXPECT_EQ((*flags)[0].resolved_at, core::Instant(std::chrono::seconds(200)));
  EXPECT_EQ((*flags)[1].code, "OVERTIME_WEEK");
  EXPECT_EQ((*flags)[1].detail, "a");
  EXPECT_EQ(query(path, "SELECT group_concat(placement_id || ' ' || first_monday || ' ' || last_monday, ', ') "
                        "FROM (SELECT * FROM flag_spans ORDER BY placement_id)"),
            "7 2026-09-07 2026-11-16, 8 2026-10-05 2026-10-05");
  EXPECT_NE(query(path, "SELECT sql FROM sqlite_master WHERE name = 'flags'")
                .find("PRIMARY KEY (week_monday, placement_id"),
            std::string::npos);
}

TEST_F(SqliteStoreTest, RulePlacementsCarryWhatTheRulesReadAndTakeTheFilters) {
  Id placement = add_placement();
  // The student's birth date, and a calendar chosen by the company only.
  query(m_dir / "bpv.db", "UPDATE students SET birth_date = '2009-03-10'");
  query(m_dir / "bpv.db", "UPDATE companies SET calendar = 'zuid'");
  auto all = m_store->rule_placements({});
  ASSERT_TRUE(all.has_value()) << all.error().message;
  ASSERT_EQ(all->size(), 1u);
  const RulePlacement& rules = all->front();
  EXPECT_EQ(rules.id, placement);
  EXPECT_EQ(rules.start, core::Date::from_ymd(2026, 9, 1));
  EXPECT_EQ(rules.end, core::Date::from_ymd(2027, 1, 31));
  EXPECT_EQ(rules.week_minutes, 32 * 60);
  EXPECT_EQ(rules.day_minutes, 8 * 60);
  EXPECT_EQ(rules.birth_date, core::Date::from_ymd(2009, 3, 10));
  EXPECT_FALSE(rules.vacation_hours_allowed);
  EXPECT_EQ(rules.calendar, "zuid");
  // The same as what the whole record gives.
  auto record = RulePlacement::of(m_store->find_placements({})->front());
  EXPECT_EQ(record.calendar, rules.calendar);
  EXPECT_EQ(record.birth_date, rules.birth_date);

  PlacementQuery ended_before;
  ended_before.ending_from = core::Date::from_ymd(2027, 2, 1);
  EXPECT_TRUE(m_store->rule_placements(ended_before)->empty());
  PlacementQuery running;
  running.ending_from = core::Date::from_ymd(2027, 1, 31);
  running.starting_until = core::Date::from_ymd(2026, 9, 1);
  EXPECT_EQ(m_store->rule_placements(running)->size(), 1u);
  PlacementQuery other;
  other.placement_id = placement + 1;
  EXPECT_TRUE(m_store->rule_placements(other)->empty());
  // Id bounds, each inclusive.
  PlacementQuery from_it;
  from_it.first_id = placement;
  EXPECT_EQ(m_store->rule_placements(from_it)->size(), 1u);
  PlacementQuery after_it;
  after_it.first_id = placement + 1;
  EXPECT_TRUE(m_store->rule_placements(after_it)->empty());
  PlacementQuery up_to_it;
  up_to_it.first_id = placement - 1;
  up_to_it.last_id = placement;
  EXPECT_EQ(m_store->rule_placements(up_to_it)->size(), 1u);
  PlacementQuery before_it;
  before_it.last_id = placement - 1;
  EXPECT_TRUE(m_store->rule_placements(before_it)->empty());
  EXPECT_EQ(m_store->find_placements(up_to_it)->size(), 1u);
  EXPECT_TRUE(m_store->find_placements(before_it)->empty());
}

TEST_F(SqliteStoreTest, WritesQueueTheirPlacementForTheRuleChecks) {
  Id placement = add_placement();
  ASSERT_TRUE(m_store->clear_rule_check_due(placement).has_value());  // created: queued
  EXPECT_TRUE(m_store->rule_checks_due()->empty());
  EntryFields entry{placement, core::Date::from_ymd(2026, 11, 16), 480, "Zorg", EntryStatus::submitted};
  ASSERT_TRUE(m_store->upsert_entry(entry, k_now).has_value());
  auto due = m_store->rule_checks_due();
  ASSERT_EQ(due->size(), 1u);  // the week of the entry, not the whole placement
  EXPECT_EQ((*due)[0].placement_id, placement);
  EXPECT_FALSE((*due)[0].whole);
  EXPECT_EQ((*due)[0].first_monday, core::Date::from_ymd(2026, 11, 16));
  EXPECT_EQ((*due)[0].last_monday, core::Date::from_ymd(2026, 11, 16));
  // Another week widens the range; a change of the placement makes it whole.
  ASSERT_TRUE(m_store->upsert_entry({placement, core::Date::from_ymd(2026, 12, 2), 480, "", EntryStatus::submitted}, k_now)
                  .has_value());
  EXPECT_EQ((*m_store->rule_checks_due())[0].last_monday, core::Date::from_ymd(2026, 11, 30));
  ASSERT_TRUE(m_store->mark_rule_check_due(placement).has_value());
  EXPECT_TRUE((*m_store->rule_checks_due())[0].whole);
  ASSERT_TRUE(m_store->clear_rule_check_due(placement).has_value());
  ASSERT_EQ(*m_store->upsert_entry(entry, k_now), Upsert::unchanged);  // nothing changed: not queued
  EXPECT_TRUE(m_store->rule_checks_due()->empty());
  ASSERT_TRUE(m_store->delete_entry(placement, entry.date).has_value());
  EXPECT_EQ(m_store->rule_checks_due()->size(), 1u);
  // Within a transaction that is rolled back, the mark goes with it; the next write marks again.
  ASSERT_TRUE(m_store->clear_rule_check_due(placement).has_value());
  ASSERT_TRUE(m_store->begin().has_value());
  ASSERT_TRUE(m_store->upsert_entry(entry, k_now).has_value());
  m_store->rollback();
  EXPECT_TRUE(m_store->rule_checks_due()->empty());
  ASSERT_TRUE(m_store->begin().has_value());
  ASSERT_TRUE(m_store->upsert_entry(entry, k_now).has_value());
  ASSERT_TRUE(m_store->commit().has_value());
  EXPECT_EQ(m_store->rule_checks_due()->size(), 1u);
  // In a transaction a clear takes effect when it commits, before what the transaction queued
  // after it: cleared and then changed again, the placement stays queued.
  ASSERT_TRUE(m_store->begin().has_value());
  ASSERT_TRUE(m_store->clear_rule_check_due(placement).has_value());
  m_store->rollback();
  EXPECT_EQ(m_store->rule_checks_due()->size(), 1u);
  ASSERT_TRUE(m_store->begin().has_value());
  ASSERT_TRUE(m_store->clear_rule_check_due(placement).has_value());
  ASSERT_TRUE(m_store->commit().has_value());
  EXPECT_TRUE(m_store->rule_checks_due()->empty());
  ASSERT_TRUE(m_store->begin().has_value());
  ASSERT_TRUE(m_store->mark_rule_check_due(placement).has_value());
  ASSERT_TRUE(m_store->clear_rule_check_due(placement).has_value());
  ASSERT_TRUE(m_store->mark_rule_check_due(placement).has_value());
  ASSERT_TRUE(m_store->commit().has_value());
  ASSERT_EQ(m_store->rule_checks_due()->size(), 1u);
  EXPECT_TRUE((*m_store->rule_checks_due())[0].whole);
}

TEST_F(SqliteStoreTest, CalendarIsSavedWhole) {
  core::Calendar calendar("roc-utrecht");
  calendar.add_period({"herfstvakantie", core::Date::from_ymd(2026, 10, 17), core::Date::from_ymd(2026, 10, 25)});
  calendar.add_holiday({core::Date::from_ymd(2026, 12, 25), "Eerste Kerstdag"});
  ASSERT_TRUE(m_store->save_calendar(calendar, std::nullopt, k_now).has_value());
  auto loaded = m_store->load_calendar("roc-utrecht");
  ASSERT_TRUE(loaded.has_value() && loaded->has_value());
  EXPECT_EQ(**loaded, calendar);
  core::Calendar smaller("roc-utrecht");
  smaller.add_holiday({core::Date::from_ymd(2026, 12, 26), "Tweede Kerstdag"});
  ASSERT_TRUE(m_store->save_calendar(smaller, std::string("midden"), k_now).has_value());
  EXPECT_EQ(**m_store->load_calendar("roc-utrecht"), smaller);
  auto list = m_store->list_calendars();
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].region, std::optional<std::string>("midden"));
  EXPECT_EQ((*list)[0].holidays, 1);
  EXPECT_FALSE(m_store->load_calendar("noord")->has_value());
}

TEST_F(SqliteStoreTest, AJobLockIsHeldByOneRunAtATime) {
  JobRun run{0, "violations", k_now, std::nullopt, k_now, false, "running", "{}", ""};
  auto first = m_store->insert_job_run(run);
  auto second = m_store->insert_job_run(run);
  ASSERT_TRUE(first.has_value() && second.has_value());
  ASSERT_TRUE(m_store->insert_job_lock({"violations", *first, "host", 42, k_now}).has_value());
  auto refused = m_store->insert_job_lock({"violations", *second, "host", 43, k_now});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().kind, ErrorKind::refused);
  EXPECT_EQ((*m_store->find_job_lock("violations"))->pid, 42);
  ASSERT_TRUE(m_store->delete_job_lock("violations", *second).has_value());  // not its lock
  EXPECT_TRUE(m_store->find_job_lock("violations")->has_value());
  ASSERT_TRUE(m_store->finish_job_run(*first, "succeeded", R"({"today":"2026-11-30"})", "done", k_now + 1h).has_value());
  ASSERT_TRUE(m_store->delete_job_lock("violations", *first).has_value());
  EXPECT_FALSE(m_store->find_job_lock("violations")->has_value());
  auto last = m_store->last_successful_run("violations");
  ASSERT_TRUE(last.has_value() && last->has_value());
  EXPECT_EQ((*last)->id, *first);
  EXPECT_EQ((*last)->counts, R"({"today":"2026-11-30"})");
  EXPECT_EQ(m_store->job_runs(std::nullopt, 10)->size(), 2u);
}

}  // namespace
}  // namespace bpv::store::sqlite
