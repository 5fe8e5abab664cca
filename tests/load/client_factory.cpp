#include "client_factory.h"

#include "buyer.h"
#include "echo_peer.h"

namespace kefu::load {

std::unique_ptr<SimClient> make_client(RunContext& ctx, std::size_t w, const std::string& buyer_id,
                                       bool start_conversation, std::int64_t arrival_ns) {
  std::string token = ctx.buyer_token(buyer_id);
  if (ctx.options().target == Target::kEcho)
    return std::make_unique<EchoPeer>(ctx.worker(w), ctx.options(), std::move(token), arrival_ns);
  return std::make_unique<Buyer>(ctx.worker(w), ctx.options(), std::move(token), start_conversation,
                                 arrival_ns);
}

}  // namespace kefu::load
