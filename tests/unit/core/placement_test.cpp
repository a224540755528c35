#include <bpv/core/placement.hpp>

#include <gtest/gtest.h>

namespace bpv::core {
namespace {

const Date k_start = Date::from_ymd(2026, 9, 1);
const Date k_end = Date::from_ymd(2027, 1, 29);

TEST(PlacementStatus, IsUpcomingBeforeTheStartDate) {
  EXPECT_EQ(placement_status(k_start, k_end, k_start.plus_days(-1)), PlacementStatus::upcoming);
  EXPECT_EQ(placement_status(k_start, k_end, Date::from_ymd(2026, 1, 1)),
            PlacementStatus::upcoming);
}

TEST(PlacementStatus, IsActiveFromStartThroughEnd) {
  EXPECT_EQ(placement_status(k_start, k_end, k_start), PlacementStatus::active);
  EXPECT_EQ(placement_status(k_start, k_end, Date::from_ymd(2026, 12, 31)),
            PlacementStatus::active);
  EXPECT_EQ(placement_status(k_start, k_end, k_end), PlacementStatus::active);
}

TEST(PlacementStatus, IsEndedAfterTheEndDate) {
  EXPECT_EQ(placement_status(k_start, k_end, k_end.plus_days(1)), PlacementStatus::ended);
  EXPECT_EQ(placement_status(k_start, k_end, Date::from_ymd(2030, 1, 1)), PlacementStatus::ended);
}

TEST(PlacementStatus, OneDayPlacementIsActiveOnlyThatDay) {
  const Date day = Date::from_ymd(2026, 10, 5);
  EXPECT_EQ(placement_status(day, day, day.plus_days(-1)), PlacementStatus::upcoming);
  EXPECT_EQ(placement_status(day, day, day), PlacementStatus::active);
  EXPECT_EQ(placement_status(day, day, day.plus_days(1)), PlacementStatus::ended);
}

TEST(PlacementStatus, HasLowerCaseNames) {
  EXPECT_EQ(to_string(PlacementStatus::upcoming), "upcoming");
  EXPECT_EQ(to_string(PlacementStatus::active), "active");
  EXPECT_EQ(to_string(PlacementStatus::ended), "ended");
}

TEST(ApprovalWindow, StaysOpenThroughEndPlusGraceDays) {
  // R6: weeks can still be approved until end date + 30 days.
  EXPECT_EQ(k_default_grace_days, 30);
  EXPECT_EQ(approval_window_end(k_end, 30).to_string(), "2027-02-28");
  EXPECT_TRUE(approval_window_open(k_end, 30, k_start));
  EXPECT_TRUE(approval_window_open(k_end, 30, k_end));
  EXPECT_TRUE(approval_window_open(k_end, 30, k_end.plus_days(30)));
}

TEST(ApprovalWindow, ClosesTheDayAfterTheGracePeriod) {
  EXPECT_FALSE(approval_window_open(k_end, 30, k_end.plus_days(31)));
  EXPECT_FALSE(approval_window_open(k_end, 30, Date::from_ymd(2027, 3, 1)));
}

TEST(ApprovalWindow, FollowsAConfiguredGracePeriod) {
  EXPECT_TRUE(approval_window_open(k_end, 0, k_end));
  EXPECT_FALSE(approval_window_open(k_end, 0, k_end.plus_days(1)));
  EXPECT_TRUE(approval_window_open(k_end, 60, k_end.plus_days(60)));
  EXPECT_FALSE(approval_window_open(k_end, 60, k_end.plus_days(61)));
}

}  // namespace
}  // namespace bpv::core
