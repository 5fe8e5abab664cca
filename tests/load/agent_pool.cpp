#include "agent_pool.h"

#include <google/protobuf/util/json_util.h>

#include <atomic>
#include <mutex>
#include <stdexcept>

#include "http_client.h"
#include "kefu/v1/api.pb.h"

namespace kefu::load {

namespace {

// Password checks (argon2id) are deliberately slow and memory-hungry: a few at a time.
constexpr std::size_t kConcurrentLogins = 4;

// Shared with the callbacks, which may outlive a constructor that gave up waiting.
struct Logins {
  std::vector<std::string> logins;
  std::mutex mutex;
  std::vector<std::string> tokens;
  std::string error;
  std::atomic<std::size_t> done{0};
  std::size_t next = 0;
};

void log_in_next(RunContext& ctx, const std::shared_ptr<Logins>& state) {
  const auto& logins = state->logins;
  if (state->next >= logins.size()) return;
  const std::size_t i = state->next++;
  const Options& o = ctx.options();
  v1::LoginRequest req;
  req.set_login(logins[i]);
  req.set_password(o.password);
  req.set_shop_id(ctx.shop().shop_id);
  std::string body;
  (void)google::protobuf::util::MessageToJsonString(req, &body);
  post_json(ctx.worker(0).io(), o.host, o.port, "/api/login", std::move(body),
            [&ctx, state, i](HttpAnswer answer) {
              const auto& logins = state->logins;
              {
                std::lock_guard lock(state->mutex);
                v1::LoginResponse res;
                google::protobuf::util::JsonParseOptions options;
                options.ignore_unknown_fields = true;
                if (answer.status == 200 &&
                    google::protobuf::util::JsonStringToMessage(answer.body, &res, options).ok() &&
                    !res.token().empty()) {
                  state->tokens[i] = res.token();
                } else if (state->error.empty()) {
                  state->error =
                      "login " + logins[i] + ": " +
                      (answer.status ? "HTTP " + std::to_string(answer.status) + " " + answer.body
                                     : answer.error);
                }
              }
              state->done.fetch_add(1);
              log_in_next(ctx, state);
            });
}

}  // namespace

AgentPool::AgentPool(RunContext& ctx, std::size_t n) {
  const ShopInfo& shop = ctx.shop();
  auto state = std::make_shared<Logins>();
  std::vector<std::string>& logins = state->logins;
  logins = shop.agent_logins;
  if (n > 0 && n < logins.size()) logins.resize(n);
  if (logins.empty()) throw std::runtime_error("the shop has no agents");
  state->tokens.resize(logins.size());

  ctx.worker(0).post([&ctx, state] {
    for (std::size_t k = 0; k < kConcurrentLogins; ++k) log_in_next(ctx, state);
  });
  const bool finished = RunContext::wait_for([&] { return state->done.load() == logins.size(); },
                                             30.0 + 2.0 * static_cast<double>(logins.size()));
  if (!finished) throw std::runtime_error("agent logins did not finish in time");
  {
    std::lock_guard lock(state->mutex);
    if (!state->error.empty()) throw std::runtime_error(state->error);
  }

  const std::uint64_t online_before = ctx.total(Count::kOnline);
  for (std::size_t i = 0; i < logins.size(); ++i) {
    const std::size_t w = i % ctx.worker_count();
    agents_.push_back(
        std::make_unique<Agent>(ctx.worker(w), ctx.options(), shop.shop_id, state->tokens[i]));
    ctx.worker(w).post(
        [&ctx, w, agent = agents_.back().get()] { agent->connect(ctx.sources(w).next()); });
  }
  const bool online = RunContext::wait_for(
      [&] { return ctx.total(Count::kOnline) - online_before == logins.size(); }, 60.0);
  if (!online) {
    ctx.stop_workers();  // the agents run on the workers: stop those before the agents go
    throw std::runtime_error(std::to_string(ctx.total(Count::kOnline) - online_before) + " of " +
                             std::to_string(logins.size()) + " agents came online");
  }
}

}  // namespace kefu::load
