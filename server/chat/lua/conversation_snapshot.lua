-- A conversation and the live state of the shop's agents, for a transfer decision
-- (R-ROUTE-10). The transfer script re-checks what may change meanwhile.
-- KEYS[1] conversation hash  KEYS[2] the supervisors' rota changes (hash)
-- ARGV[1] key prefix "kefu:{shop}:"  ARGV[2], ARGV[3] the agent rows' epoch and version the
-- caller has read up to  ARGV[4..] when it knows no epoch: the shop's agent ids
-- Returns {conv, agents, rota}: conv = {} or {status, agent, group, buyer, created_at, order_id};
-- agents as in routing_snapshot.lua (the rows changed since, or all of them)
--#include agent_row
local prefix = ARGV[1]
local conv = {}
local c = redis.call('HMGET', KEYS[1], 'status', 'agent', 'group', 'buyer', 'created_at',
                     'order_id')
if c[1] then
  for i = 1, 6 do c[i] = c[i] or '' end
  conv = c
end
return {conv, agent_rows_since(prefix, ARGV[2], ARGV[3], 4), redis.call('HGETALL', KEYS[2])}
