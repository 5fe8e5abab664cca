// R-ROUTE-10 (transfer and escalation; supervisor reassign).
#include <gtest/gtest.h>

#include "routing/transfer.h"
#include "shop_fixture.h"

namespace kefu::routing {
namespace {

using namespace std::chrono;
using testing::ids;
using testing::sh;

struct TransferShop : testing::Shop {
  TimePoint now = sh(2024, 5, 1, 10, 0);
  ConversationView conv{"c1", "presale", "pre1", true};
  TransferShop() {
    groups.push_back("complaints");
    add("pre1", "presale", now, "early", 3);
    add("pre2", "presale", now, "early", 1);
    add("after1", "aftersale", now, "early", 2);
    add("after2", "aftersale", now, "early", 0);
    add("after_off", "aftersale", now, "middle", 0);
    add("boss", "presale", now, "night", 0).role = Role::kSupervisor;  // off the rota now
    add("lead", "presale", now, "early", 0).role = Role::kGroupLeader;
  }
  TransferDecision run(TransferRequest r) { return decide_transfer(view(), conv, r, now); }
};

TEST(Routing, R_ROUTE_10_TransferToColleagueNeedsNoteAndAvailableTarget) {
  TransferShop s;
  auto ok = s.run({TransferKind::kToAgent, "pre1", "after2", "", "买家要退货,转售后"});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ids(ok.candidates), std::vector<std::string>{"after2"});
  EXPECT_EQ(ok.candidates[0].rule, Rule::kTransferAgent);
  EXPECT_EQ(ok.new_group, "aftersale");
  EXPECT_EQ(ok.from_agent_id, "pre1");

  EXPECT_EQ(s.run({TransferKind::kToAgent, "pre1", "after2", "", " "}).error,
            TransferError::kNoteRequired);
  EXPECT_EQ(s.run({TransferKind::kToAgent, "pre2", "after2", "", "x"}).error,
            TransferError::kNotYourConversation);
  EXPECT_EQ(s.run({TransferKind::kToAgent, "pre1", "ghost", "", "x"}).error,
            TransferError::kUnknownAgent);
  EXPECT_EQ(s.run({TransferKind::kToAgent, "pre1", "pre1", "", "x"}).error,
            TransferError::kSameTarget);
  auto off = s.run({TransferKind::kToAgent, "pre1", "after_off", "", "x"});
  EXPECT_EQ(off.error, TransferError::kTargetUnavailable);
  EXPECT_EQ(off.target_verdict->why, Ineligible::kOffShift);
  EXPECT_EQ(s.run({TransferKind::kToAgent, "nobody", "after2", "", "x"}).error,
            TransferError::kUnknownActor);
  s.conv.active = false;
  EXPECT_EQ(s.run({TransferKind::kToAgent, "pre1", "after2", "", "x"}).error,
            TransferError::kConversationEnded);
}

TEST(Routing, R_ROUTE_10_TransferToGroupChoosesInsideIt) {
  TransferShop s;
  auto d = s.run({TransferKind::kToGroup, "pre1", "", "aftersale", "已发货,转售后"});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d.new_group, "aftersale");
  EXPECT_EQ(ids(d.candidates), (std::vector<std::string>{"after2", "after1"}));
  EXPECT_EQ(d.candidates[0].rule, Rule::kTransferGroup);
  EXPECT_EQ(s.run({TransferKind::kToGroup, "pre1", "", "nope", "x"}).error,
            TransferError::kUnknownGroup);
  // A group with nobody available: accepted, the conversation waits in its queue.
  auto empty = s.run({TransferKind::kToGroup, "pre1", "", "complaints", "投诉"});
  EXPECT_TRUE(empty.ok());
  EXPECT_TRUE(empty.candidates.empty());
  // Within the own group, the transferring agent is not a candidate.
  auto same = s.run({TransferKind::kToGroup, "pre1", "", "presale", "换人"});
  EXPECT_EQ(ids(same.candidates), (std::vector<std::string>{"lead", "pre2"}));
}

TEST(Routing, R_ROUTE_10_EscalateToSupervisor) {
  TransferShop s;
  auto d = s.run({TransferKind::kEscalate, "pre1", "", "", "无法解决,请主管处理"});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(ids(d.candidates), std::vector<std::string>{"boss"});  // off the rota is fine
  EXPECT_EQ(d.candidates[0].rule, Rule::kEscalation);
  EXPECT_EQ(s.run({TransferKind::kEscalate, "pre1", "pre2", "", "x"}).error,
            TransferError::kNotASupervisor);
  s.get("boss").presence = Presence::kOffline;
  EXPECT_EQ(s.run({TransferKind::kEscalate, "pre1", "", "", "x"}).error,
            TransferError::kNoSupervisorAvailable);
}

TEST(Routing, R_ROUTE_10_SupervisorReassignsAnyConversation) {
  TransferShop s;
  auto d = s.run({TransferKind::kReassign, "boss", "pre2", "", ""});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d.candidates[0].rule, Rule::kReassign);
  EXPECT_EQ(s.run({TransferKind::kReassign, "pre2", "pre2", "", "x"}).error,
            TransferError::kNotPermitted);
  // A group leader reassigns within their group only.
  EXPECT_TRUE(s.run({TransferKind::kReassign, "lead", "pre2", "", ""}).ok());
  s.conv.group = "aftersale";
  EXPECT_EQ(s.run({TransferKind::kReassign, "lead", "after2", "", ""}).error,
            TransferError::kNotPermitted);
}

}  // namespace
}  // namespace kefu::routing
