#pragma once
// The rota (R-SHIFT-2): which shifts an agent works on each local date, and leave.
// A dated entry wins over the agent's standing pattern; an empty dated entry is a day off.
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "shifts/local_time.h"
#include "shifts/time_zone.h"

namespace kefu::shifts {

enum class LeaveStatus { kRequested, kApproved, kRejected };

// Leave covers the instants [start, end). Only approved leave takes an agent out of routing.
struct LeaveRecord {
  std::string agent_id;
  TimePoint start;
  TimePoint end;
  LeaveStatus status = LeaveStatus::kApproved;
};

// Whole local days first..last (inclusive) in the shop's zone.
LeaveRecord leave_for_days(std::string agent_id, LocalDate first, LocalDate last,
                           const TimeZone& zone, LeaveStatus status = LeaveStatus::kApproved);

class Rota {
 public:
  // One agent's part of the rota, found once and then asked for several dates (routing asks
  // for three dates of every agent in every decision). Valid while the rota is unchanged.
  class AgentRota {
   public:
    const std::vector<std::string>& shifts_on(LocalDate date) const;

   private:
    friend class Rota;
    const std::map<LocalDate, std::vector<std::string>>* dated_ = nullptr;
    const std::vector<std::string>* standing_ = nullptr;
  };
  AgentRota of(std::string_view agent_id) const;

  // The shifts `agent_id` works on `date` (published ahead, R-SHIFT-2). {} = day off.
  void assign(const std::string& agent_id, LocalDate date, std::vector<std::string> shift_ids);
  // The shifts worked on every date that has no dated entry (e.g. {"all_day"} for a demo shop).
  void set_standing(const std::string& agent_id, std::vector<std::string> shift_ids);
  void add_leave(LeaveRecord leave);

  const std::vector<std::string>& shifts_on(std::string_view agent_id, LocalDate date) const;
  // The approved leave covering t, if any.
  const LeaveRecord* leave_at(std::string_view agent_id, TimePoint t) const;
  const std::vector<LeaveRecord>& leaves() const { return leaves_; }
  // Every shift id the rota mentions (to check them against the shop's definitions).
  std::vector<std::string> referenced_shift_ids() const;

 private:
  std::map<std::string, std::map<LocalDate, std::vector<std::string>>, std::less<>> dated_;
  std::map<std::string, std::vector<std::string>, std::less<>> standing_;
  std::vector<LeaveRecord> leaves_;
};

}  // namespace kefu::shifts
