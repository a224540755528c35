// The state machine of entries and weeks: approval (R1, R6, R7), corrections, locking and
// reopening (R8), a student's hours, sign-in and its lockout.
#include "unit/portal/portal_fixture.hpp"

#include <bpv/auth/password.hpp>
#include <bpv/portal/read_snapshot.hpp>

namespace bpv::portal {
namespace {

using test_support::PortalTest;
using test_support::week;

const std::string k_student = "1000001";

LogbookRange only(core::IsoWeek one) {
  LogbookRange range;
  range.week = one;
  return range;
}

template <class T>
Error error_of(const Result<T>& result) {
  EXPECT_FALSE(result.has_value());
  return result ? Error{} : result.error();
}

TEST_F(PortalTest, AReadSnapshotSeesOneStateOfTheDatabaseUntilItEnds) {
  auto other = m_store->open_another();
  ASSERT_TRUE(other.has_value()) << other.error().message;
  auto total = [&] {
    auto totals = m_store->placement_totals(m_placements[k_student]);
    EXPECT_TRUE(totals.has_value());
    return totals ? totals->total_minutes : -1;
  };
  core::Minutes before = total();
  {
    auto snapshot = ReadSnapshot::begin(*m_store);
    ASSERT_TRUE(snapshot.has_value()) << snapshot.error().message;
    EXPECT_EQ(total(), before);  // the first read takes the snapshot
    ASSERT_TRUE((*other)->upsert_entry({m_placements[k_student], core::Date::from_ymd(2026, 11, 19), 240, "",
                                        store::EntryStatus::submitted},
                                       m_clock->now()).has_value());
    EXPECT_EQ(total(), before);  // what another connection committed since is not seen
    ReadSnapshot moved = std::move(*snapshot);  // ends once, when the one holding it goes
  }
  EXPECT_EQ(total(), before + 240);
  // Nothing is left open: a write transaction can begin.
  ASSERT_TRUE(m_store->begin().has_value());
  m_store->rollback();
}

TEST_F(PortalTest, ApprovingAWeekLocksItsEntriesAndIsIdempotent) {
  auto trainer = as("t1");
  auto first = trainer.approve_week(k_student, week(2026, 47), 24 * 60);
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(first->result, ApprovalResult::approved);
  EXPECT_EQ(first->entries, 3);
  EXPECT_EQ(first->total_minutes, 24 * 60);
  auto again = trainer.approve_week(k_student, week(2026, 47), std::nullopt);
  EXPECT_EQ(again->result, ApprovalResult::already_approved);
  auto book = trainer.logbook(k_student, only(week(2026, 47)));
  ASSERT_EQ(book->weeks.size(), 1u);
  EXPECT_EQ(book->weeks[0].status, WeekStatus::approved);
  EXPECT_FALSE(book->weeks[0].overdue);
  // R8: the student cannot change approved hours.
  auto edit = as("s1").edit_hours(core::Date::from_ymd(2026, 11, 16), 300, std::nullopt);
  EXPECT_EQ(error_of(edit).kind, ErrorKind::refused);
  EXPECT_NE(error_of(edit).message.find("approved and locked"), std::string::npos);
  auto add = as("s1").add_hours(core::Date::from_ymd(2026, 11, 19), 240, "", std::nullopt);
  EXPECT_EQ(error_of(add).kind, ErrorKind::refused);
}

TEST_F(PortalTest, ExpectedHoursMustMatchTheWeek) {
  auto result = as("t1").approve_week(k_student, week(2026, 47), 23 * 60);
  EXPECT_EQ(error_of(result).kind, ErrorKind::refused);
  EXPECT_NE(error_of(result).message.find("has 24:00 hours, not the 23:00 you expected"), std::string::npos)
      << error_of(result).message;
}

TEST_F(PortalTest, AWeekThatHasNotStartedCannotBeApproved) {
  auto result = as("t1").approve_week(k_student, week(2026, 50), std::nullopt);
  EXPECT_EQ(error_of(result).kind, ErrorKind::refused);
  EXPECT_NE(error_of(result).message.find("2026-W50 has not started yet"), std::string::npos);
}

TEST_F(PortalTest, ApprovalWindowIsEndPlusThirtyDaysInclusive) {
  // The placement ends on 2027-01-29: approvable through 2027-02-28, refused from 2027-03-01.
  set_today(2027, 2, 28, 23);
  EXPECT_TRUE(as("t1").approve_week(k_student, week(2026, 47), std::nullopt).has_value());
  set_today(2027, 3, 1, 0);
  auto late = as("t2").approve_week("1000002", week(2026, 47), std::nullopt);
  EXPECT_EQ(error_of(late).kind, ErrorKind::refused);
  EXPECT_NE(error_of(late).message.find("approval window closed on 2027-02-28"), std::string::npos)
      << error_of(late).message;
}

TEST_F(PortalTest, AnOpenCorrectionBlocksApprovalUntilTheStudentChangesTheEntry) {
  auto trainer = as("t1");
  ASSERT_TRUE(trainer.request_correction(k_student, core::Date::from_ymd(2026, 11, 18), std::nullopt,
                                         "10 uur klopt niet").has_value());
  auto book = trainer.logbook(k_student, only(week(2026, 47)));
  EXPECT_EQ(book->weeks[0].status, WeekStatus::correction);
  EXPECT_EQ(book->weeks[0].entries[2].status, store::EntryStatus::correction_requested);
  EXPECT_EQ(book->weeks[0].entries[2].correction_reason, "10 uur klopt niet");
  auto blocked = trainer.approve_week(k_student, week(2026, 47), std::nullopt);
  EXPECT_EQ(error_of(blocked).kind, ErrorKind::refused);
  EXPECT_NE(error_of(blocked).message.find("open correction request for 2026-11-18"), std::string::npos);
  // The student corrects: the entry is submitted again and the request resolved.
  auto edited = as("s1").edit_hours(core::Date::from_ymd(2026, 11, 18), 420, std::nullopt);
  ASSERT_TRUE(edited.has_value()) << edited.error().message;
  EXPECT_EQ(edited->status, store::EntryStatus::submitted);
  auto approved = as("t1").approve_week(k_student, week(2026, 47), 23 * 60);
  ASSERT_TRUE(approved.has_value()) << approved.error().message;
  EXPECT_EQ(approved->result, ApprovalResult::approved);
  // The audit log keeps the reason the edit answered.
  auto events = as("admin").audit(k_student, std::nullopt);
  bool found = false;
  for (const auto& event : *events) {
    if (event.action == "hours.edit") {
      found = event.before.find("10 uur klopt niet") != std::string::npos;
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(PortalTest, AWithdrawnWeekCorrectionUnblocksApproval) {
  auto trainer = as("t1");
  ASSERT_TRUE(trainer.request_correction(k_student, std::nullopt, week(2026, 47), "Hele week nakijken").has_value());
  EXPECT_FALSE(trainer.approve_week(k_student, week(2026, 47), std::nullopt).has_value());
  ASSERT_TRUE(trainer.withdraw_correction(k_student, std::nullopt, week(2026, 47)).has_value());
  auto approved = trainer.approve_week(k_student, week(2026, 47), std::nullopt);
  ASSERT_TRUE(approved.has_value()) << approved.error().message;
  EXPECT_EQ(approved->result, ApprovalResult::approved);
}

TEST_F(PortalTest, ApprovedEntriesCannotBeSentBackButASupervisorCanReopen) {
  auto refused = as("t1").request_correction(k_student, core::Date::from_ymd(2026, 11, 9), std::nullopt, "x");
  EXPECT_EQ(error_of(refused).kind, ErrorKind::refused);
  EXPECT_NE(error_of(refused).message.find("bpv reopen-week 1000001 2026-W46"), std::string::npos);
  ASSERT_TRUE(as("b1").reopen_week(k_student, week(2026, 46), "Uren in de herfstvakantie").has_value());
  auto edited = as("s1").edit_hours(core::Date::from_ymd(2026, 11, 9), 360, std::nullopt);
  ASSERT_TRUE(edited.has_value()) << edited.error().message;
  auto events = as("b1").audit(k_student, std::nullopt);
  ASSERT_FALSE(events->empty());
  bool reopened = false;
  for (const auto& event : *events) {
    reopened = reopened || (event.action == "week.reopen" && event.actor == "b1@example.nl" &&
                            event.after.find("herfstvakantie") != std::string::npos);
  }
  EXPECT_TRUE(reopened);
}

TEST_F(PortalTest, ApproveAllApprovesEveryWaitingWeekAndReportsRefusals) {
  ASSERT_TRUE(as("admin").request_correction("1000002", core::Date::from_ymd(2026, 11, 17), std::nullopt, "?").has_value());
  auto dry = as("admin").approve_all(std::nullopt, CleanOnly::no, DryRun::yes);
  ASSERT_EQ(dry->size(), 2u);
  EXPECT_EQ((*dry)[0].result, ApprovalResult::would_approve);
  EXPECT_EQ((*dry)[1].result, ApprovalResult::refused);
  auto done = as("admin").approve_all(std::nullopt, CleanOnly::no, DryRun::no);
  EXPECT_EQ((*done)[0].result, ApprovalResult::approved);
  EXPECT_EQ((*done)[1].result, ApprovalResult::refused);
  auto trainer_view = as("t1").approve_all(std::nullopt, CleanOnly::no, DryRun::no);
  EXPECT_TRUE(trainer_view->empty());  // nothing left for t1
}

TEST_F(PortalTest, StudentHoursAreRefusedInTheFutureAndOutsideThePlacement) {
  auto student = as("s1");
  EXPECT_EQ(error_of(student.add_hours(core::Date::from_ymd(2026, 12, 1), 480, "", std::nullopt)).kind,
            ErrorKind::refused);
  EXPECT_EQ(error_of(student.add_hours(core::Date::from_ymd(2026, 8, 31), 480, "", std::nullopt)).kind,
            ErrorKind::refused);
  EXPECT_EQ(error_of(student.add_hours(core::Date::from_ymd(2026, 11, 16), 480, "", std::nullopt)).kind,
            ErrorKind::refused);  // already has hours that day
  auto added = student.add_hours(core::Date::from_ymd(2026, 11, 30), 450, "Eerste dag", std::nullopt);
  ASSERT_TRUE(added.has_value()) << added.error().message;
  ASSERT_TRUE(student.delete_hours(core::Date::from_ymd(2026, 11, 30)).has_value());
  EXPECT_EQ(error_of(student.delete_hours(core::Date::from_ymd(2026, 11, 30))).kind, ErrorKind::not_found);
}

TEST_F(PortalTest, DashboardCountsWaitingOverdueAndCorrections) {
  auto board = as("t1").dashboard();
  ASSERT_TRUE(board.has_value());
  EXPECT_EQ(board->students_active, 1);
  EXPECT_EQ(board->weeks_awaiting_approval, 1);
  EXPECT_EQ(board->weeks_overdue, 1);  // 2026-W47's deadline was Monday 2026-11-23 23:59
  EXPECT_EQ(board->corrections_open, 0);
  set_today(2026, 11, 23, 23);  // 23:00 on the deadline day: not yet overdue
  EXPECT_EQ(as("t1").dashboard()->weeks_overdue, 0);
}

TEST_F(PortalTest, ProgressMayPassOneHundredPercent) {
  // R4: 400 contract hours; import far more approved hours than that.
  auto placement = m_placements.at(k_student);
  core::Date day = core::Date::from_ymd(2026, 9, 1);
  for (int i = 0; i < 60; ++i, day = day.plus_days(1)) {
    m_store->upsert_entry({placement, day, 480, "", store::EntryStatus::approved}, m_clock->now());
  }
  auto detail = as("t1").show_student(k_student);
  ASSERT_TRUE(detail.has_value());
  EXPECT_GT(detail->progress_percent, 100.0);
  EXPECT_EQ(detail->summary.status, core::PlacementStatus::active);
}

class SignIn : public PortalTest {
 protected:
  void SetUp() override {
    PortalTest::SetUp();
    auto hash = auth::hash_password("correct horse battery");
    ASSERT_TRUE(m_store->set_password_hash(m_ids.at("t1"), *hash, false, m_clock->now()).has_value());
  }
};

TEST_F(SignIn, GivesASessionWhoseTokenIsKeptOnlyAsAHash) {
  auto portal = as("");
  auto session = portal.login("T1@example.nl", "correct horse battery");
  ASSERT_TRUE(session.has_value()) << session.error().message;
  EXPECT_EQ(session->actor.email, "t1@example.nl");
  EXPECT_EQ(session->token.size(), 4u + 64u);
  EXPECT_EQ(as(session->token).whoami()->email, "t1@example.nl");
  auto found = m_store->find_session(session->token);
  EXPECT_FALSE(found->has_value());  // the token itself is not in the database
  ASSERT_TRUE(as(session->token).logout().has_value());
  EXPECT_EQ(error_of(as(session->token).whoami()).kind, ErrorKind::auth);
}

TEST_F(SignIn, FiveFailuresLockTheAccountForFifteenMinutes) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(error_of(as("").login("t1@example.nl", "wrong")).kind, ErrorKind::auth);
  }
  auto locked = as("").login("t1@example.nl", "correct horse battery");
  EXPECT_EQ(error_of(locked).kind, ErrorKind::auth);
  EXPECT_NE(error_of(locked).message.find("locked"), std::string::npos);
  set_today(2026, 11, 30, 9);
  m_clock = std::make_unique<core::FixedClock>(m_clock->now() + std::chrono::minutes(16));
  EXPECT_TRUE(as("").login("t1@example.nl", "correct horse battery").has_value());
  int failures = 0;
  auto events = as("admin").audit(std::nullopt, std::nullopt);
  ASSERT_TRUE(events.has_value());
  for (const auto& event : *events) {
    failures += event.action == "login.failed";
  }
  EXPECT_EQ(failures, 5);
}

TEST_F(SignIn, UnknownUsersAndWrongPasswordsGetTheSameAnswer) {
  EXPECT_EQ(error_of(as("").login("nobody@example.nl", "x")).message,
            error_of(as("").login("t1@example.nl", "x")).message);
}

}  // namespace
}  // namespace bpv::portal
