#include "shifts/rota.h"

#include <algorithm>
#include <set>

namespace kefu::shifts {

LeaveRecord leave_for_days(std::string agent_id, LocalDate first, LocalDate last,
                           const TimeZone& zone, LeaveStatus status) {
  return LeaveRecord{std::move(agent_id), zone.to_instant(at(first, std::chrono::minutes{0})),
                     zone.to_instant(at(add_days(last, 1), std::chrono::minutes{0})), status};
}

void Rota::assign(const std::string& agent_id, LocalDate date, std::vector<std::string> ids) {
  dated_[agent_id][date] = std::move(ids);
}

void Rota::set_standing(const std::string& agent_id, std::vector<std::string> ids) {
  standing_[agent_id] = std::move(ids);
}

void Rota::add_leave(LeaveRecord leave) { leaves_.push_back(std::move(leave)); }

Rota::AgentRota Rota::of(std::string_view agent_id) const {
  AgentRota out;
  if (auto it = dated_.find(agent_id); it != dated_.end()) out.dated_ = &it->second;
  if (auto it = standing_.find(agent_id); it != standing_.end()) out.standing_ = &it->second;
  return out;
}

const std::vector<std::string>& Rota::AgentRota::shifts_on(LocalDate date) const {
  static const std::vector<std::string> kNone;
  if (dated_) {
    if (auto day = dated_->find(date); day != dated_->end()) return day->second;
  }
  return standing_ ? *standing_ : kNone;
}

const std::vector<std::string>& Rota::shifts_on(std::string_view agent_id, LocalDate date) const {
  return of(agent_id).shifts_on(date);
}

const LeaveRecord* Rota::leave_at(std::string_view agent_id, TimePoint t) const {
  auto it = std::find_if(leaves_.begin(), leaves_.end(), [&](const LeaveRecord& l) {
    return l.status == LeaveStatus::kApproved && l.agent_id == agent_id && l.start <= t &&
           t < l.end;
  });
  return it == leaves_.end() ? nullptr : &*it;
}

std::vector<std::string> Rota::referenced_shift_ids() const {
  std::set<std::string> ids;
  for (const auto& [agent, days] : dated_)
    for (const auto& [date, list] : days) ids.insert(list.begin(), list.end());
  for (const auto& [key, list] : standing_) ids.insert(list.begin(), list.end());
  return {ids.begin(), ids.end()};
}

}  // namespace kefu::shifts
