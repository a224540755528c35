#pragma once

#include <bpv/config/time_zone_file.hpp>
#include <bpv/auth/credentials.hpp>
#include <bpv/portal/local_portal.hpp>
#include <bpv/store/sqlite/sqlite_store.hpp>

#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <map>

namespace bpv::portal::test_support {

using namespace std::chrono_literals;

// A small college on Monday 2026-11-30 09:00 (Amsterdam): trainer t1 and supervisor b1 have
// student 1000001 (s1); trainer t2 and supervisor b2 have 1000002 (s2). Both placements run
// 2026-09-01 to 2027-01-29. Each student has 2026-W46 approved (16 h) and 2026-W47 submitted
// (16-18 November, 8 h a day). Everyone has a session whose token is their name.
class PortalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::sqlite::open_store(m_dir / "bpv.db", store::sqlite::OpenMode::create_new);
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    m_store = std::move(*opened);
    auto zone = config::locate_time_zone("Europe/Amsterdam");
    ASSERT_TRUE(zone.has_value());
    m_zone.emplace(*zone);
    m_clock = std::make_unique<core::FixedClock>(m_zone->at_local(core::Date::from_ymd(2026, 11, 30), 9, 0));
    auto now = m_clock->now();
    auto user = [&](const std::string& name, store::Role role) {
      auto id = m_store->upsert_user({name + "@example.nl", name, "", role, std::nullopt}, now)->first;
      m_store->insert_session(id, auth::hash_token(name), now, now + std::chrono::days(365));
      m_ids[name] = id;
      return id;
    };
    user("admin", store::Role::admin);
    auto t1 = user("t1", store::Role::trainer);
    auto t2 = user("t2", store::Role::trainer);
    auto b1 = user("b1", store::Role::supervisor);
    auto b2 = user("b2", store::Role::supervisor);
    auto s1 = user("s1", store::Role::student);
    auto s2 = user("s2", store::Role::student);
    auto company = m_store->upsert_company("Zorgcentrum De Linde", "Utrecht", now)->first;
    auto placement = [&](const std::string& number, store::Id student_user, store::Id trainer,
                         store::Id supervisor) {
      auto student = m_store->upsert_student({number, student_user, core::Date::from_ymd(2008, 5, 1),
                                              "Verzorgende-IG", "25491", "3", "BOL"},
                                             now)->first;
      store::PlacementFields fields{student, company, trainer, supervisor,
                                    core::Date::from_ymd(2026, 9, 1), core::Date::from_ymd(2027, 1, 29),
                                    400 * 60, 24 * 60, 8 * 60, false, std::nullopt};
      auto id = m_store->upsert_placement(fields, now)->first;
      for (unsigned day : {9u, 10u}) {
        m_store->upsert_entry({id, core::Date::from_ymd(2026, 11, day), 480, "Zorg", store::EntryStatus::approved}, now);
      }
      for (unsigned day : {16u, 17u, 18u}) {
        m_store->upsert_entry({id, core::Date::from_ymd(2026, 11, day), 480, "Zorg", store::EntryStatus::submitted}, now);
      }
      return id;
    };
    m_placements["1000001"] = placement("1000001", s1, t1, b1);
    m_placements["1000002"] = placement("1000002", s2, t2, b2);
  }

  // The Portal as `who` (a token; empty for nobody).
  LocalPortal as(const std::string& who) {
    std::optional<std::string> token;
    if (!who.empty()) {
      token = who;
    }
    return LocalPortal(*m_store, *m_clock, *m_zone, PortalSettings{}, token);
  }

  void set_today(int year, unsigned month, unsigned day, int hour = 9) {
    m_clock = std::make_unique<core::FixedClock>(m_zone->at_local(core::Date::from_ymd(year, month, day), hour, 0));
  }

  bpv::test::TempDir m_dir;
  std::unique_ptr<store::Store> m_store;
  std::optional<core::TimeZone> m_zone;
  std::unique_ptr<core::Clock> m_clock;
  std::map<std::string, store::Id> m_ids;
  std::map<std::string, store::Id> m_placements;
};

inline core::IsoWeek week(int year, int number) { return *core::IsoWeek::make(year, number); }

}  // namespace bpv::portal::test_support
