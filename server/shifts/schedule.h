#pragma once
// The shop's schedule (R-SHIFT-1, R-SHIFT-2): zone + shift definitions + rota, and the questions
// routing asks of it: is this agent on shift at t, when does the shift end, when does the next
// one start, when is the group served at all (service hours shown to buyers, R-ROUTE-9).
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "shifts/rota.h"
#include "shifts/shift.h"
#include "shifts/time_zone.h"

namespace kefu::shifts {

struct ShopSchedule {
  std::shared_ptr<const TimeZone> zone;                        // never null in a valid schedule
  std::map<std::string, ShiftDefinition, std::less<>> shifts;  // by id
  Rota rota;

  void add_shifts(const std::vector<ShiftDefinition>& defs);
  // Problems a config loader should report: no zone, invalid definitions, unknown shift ids.
  std::vector<std::string> problems() const;
};

// The shift occurrences an agent has on a rota date (leave not applied).
std::vector<ShiftInstance> instances_on(const ShopSchedule& s, std::string_view agent_id,
                                        LocalDate date);

// The shift the agent is working at t: a shift of today's date or one that started on the
// previous local date and crosses midnight (02:00 belongs to yesterday's 夜班). nullopt when off
// shift or on approved leave. With overlapping shifts, the one that ends last.
std::optional<ShiftInstance> current_shift(const ShopSchedule& s, std::string_view agent_id,
                                           TimePoint t);
bool is_on_shift(const ShopSchedule& s, std::string_view agent_id, TimePoint t);

// is_on_shift's answer at t with how long it holds: the same answer for every instant of
// [t, until). On shift, `until` is at or before the shift's end and the start of the agent's next
// approved leave; off shift, at or before the next shift start and the end of the leave covering
// t; never more than 20 h after t. Routing keeps these answers (OnShiftMemo, issue 8).
struct OnShiftSpan {
  bool on = false;
  TimePoint until;
};
OnShiftSpan on_shift_span(const ShopSchedule& s, std::string_view agent_id, TimePoint t);

// The next time the agent starts working strictly after t (a shift start, or the end of leave
// that covered a shift's start), within `horizon_days`.
std::optional<ShiftInstance> next_shift(const ShopSchedule& s, std::string_view agent_id,
                                        TimePoint t, int horizon_days = 14);

// The latest shift of the agent that ended at or before t (looking back two days): the shift an
// agent is auto-extended from (R-SHIFT-3).
std::optional<ShiftInstance> last_ended_shift(const ShopSchedule& s, std::string_view agent_id,
                                              TimePoint t);

// Group-level questions over the group's agent ids.
bool anyone_on_shift(const ShopSchedule& s, std::span<const std::string> agent_ids, TimePoint t);
std::optional<TimePoint> next_service_start(const ShopSchedule& s,
                                            std::span<const std::string> agent_ids, TimePoint t,
                                            int horizon_days = 14);

struct Interval {
  TimePoint start;
  TimePoint end;
  friend bool operator==(const Interval&, const Interval&) = default;
};
// Service hours: when at least one of the agents is on shift within [from, until), merged and
// sorted; leave is taken out.
std::vector<Interval> service_hours(const ShopSchedule& s, std::span<const std::string> agent_ids,
                                    TimePoint from, TimePoint until);

}  // namespace kefu::shifts
