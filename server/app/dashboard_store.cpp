#include "app/dashboard_store.h"

#include <array>
#include <memory>

#include "chat/scripts.h"
#include "chat/store_replies.h"
#include "core/keys.h"
#include "supervision/queue_samples.h"

namespace kefu::app {

using chat::int_at;
using chat::str_at;
using redis::Reply;

namespace {

void read_queues(const Reply& queues, const std::vector<std::string>& group_ids,
                 DashboardRead& out) {
  for (std::size_t i = 0; i < group_ids.size() && i < queues.elements.size(); ++i) {
    const Reply& q = queues.elements[i];
    supervision::GroupState& g = out.groups.emplace_back();
    g.id = group_ids[i];
    g.queued_total = static_cast<int>(int_at(q, 0));
    if (q.elements.size() < 2) continue;
    for (const Reply& e : q.elements[1].elements)
      g.queued.push_back({std::string{str_at(e, 0)}, std::string{str_at(e, 1)}, int_at(e, 2),
                          str_at(e, 3) == "left"});
  }
}

void read_conversations(const Reply& per_agent, const std::vector<std::string>& agent_ids,
                        DashboardRead& out) {
  for (std::size_t i = 0; i < agent_ids.size() && i < per_agent.elements.size(); ++i)
    for (const Reply& c : per_agent.elements[i].elements)
      out.active.push_back({std::string{str_at(c, 0)}, std::string{str_at(c, 1)}, agent_ids[i],
                            std::string{str_at(c, 2)}, int_at(c, 3)});
}

// The script's reply and the disabled agents arrive separately; the first to come waits here.
struct Pending {
  DashboardRead read;
  int outstanding = 2;
  std::function<void(DashboardRead)> done;
  void one_done() {
    if (--outstanding == 0) done(std::move(read));
  }
};

}  // namespace

void DashboardStore::read(const std::string& shop_id, const std::vector<std::string>& group_ids,
                          const std::vector<std::string>& agent_ids, std::int64_t now_ms,
                          std::int64_t samples_since_ms, std::function<void(DashboardRead)> done) {
  auto pending = std::make_shared<Pending>();
  pending->done = std::move(done);
  const std::string prefix = chat::prefix_of(shop_id), now = std::to_string(now_ms),
                    since = std::to_string(samples_since_ms), n = std::to_string(group_ids.size());
  const std::array<std::string, 3> k{keys::rota_overrides(shop_id),
                                     keys::shop_key(shop_id, "followups:open"),  // R-MSG-4
                                     keys::queue_samples(shop_id)};
  const std::array<std::string_view, 3> kv{k[0], k[1], k[2]};
  std::vector<std::string_view> args{prefix, now, since, n};
  for (const auto& g : group_ids) args.push_back(g);
  for (const auto& a : agent_ids) args.push_back(a);
  chat::scripts().dashboard_state.call(
      redis_, kv, args, [pending, group_ids, agent_ids](const Reply& r) {
        DashboardRead& out = pending->read;
        if (r.is_error() || r.elements.size() != 6) {
          out.error = r.is_error() ? chat::error_of(r) : chat::StoreError::Internal;
          return pending->one_done();
        }
        read_queues(r.elements[0], group_ids, out);
        out.agents = chat::agents_of_rows(r.elements[1].str, agent_ids);
        read_conversations(r.elements[2], agent_ids, out);
        for (const Reply& f : r.elements[3].elements)
          out.follow_ups.push_back({std::string{str_at(f, 0)}, std::string{str_at(f, 1)},
                                    std::string{str_at(f, 2)}, int_at(f, 3)});
        out.rota = chat::rota_of(r.elements[4]);
        for (const Reply& m : r.elements[5].elements)
          if (auto s = supervision::decode_sample(m.str)) out.samples.push_back(std::move(*s));
        pending->one_done();
      });
  // Agents a supervisor disabled (issue 10): "<shop>/<agent>" members of one set.
  if (agent_ids.empty()) return pending->one_done();
  const std::string set_key = keys::disabled_agents();
  std::vector<std::string> members;
  for (const auto& a : agent_ids) members.push_back(shop_id + "/" + a);
  std::vector<std::string_view> cmd{"SMISMEMBER", set_key};
  for (const auto& m : members) cmd.push_back(m);
  redis_.command(cmd, [pending, agent_ids](const Reply& r) {
    if (r.is_error()) {
      pending->read.error = chat::error_of(r);
    } else {
      for (std::size_t i = 0; i < agent_ids.size() && i < r.elements.size(); ++i)
        if (r.elements[i].integer == 1) pending->read.disabled.insert(agent_ids[i]);
    }
    pending->one_done();
  });
}

void DashboardStore::record_samples(const std::string& shop_id, std::int64_t minute_ms,
                                    const std::vector<v1::QueueSample>& samples) {
  if (samples.empty()) return;
  const std::string key = keys::queue_samples(shop_id), minute = std::to_string(minute_ms),
                    keep_from = std::to_string(minute_ms - supervision::kSamplesKeptMs);
  std::vector<std::string> members;
  for (const auto& s : samples) members.push_back(supervision::encode_sample(s));
  const std::array<std::string_view, 1> kv{key};
  std::vector<std::string_view> args{minute, keep_from};
  for (const auto& m : members) args.push_back(m);
  chat::scripts().record_queue_sample.call(redis_, kv, args, nullptr);
}

}  // namespace kefu::app
