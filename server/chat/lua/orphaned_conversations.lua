-- Issue 9: the conversations of agents whose every connection has been gone longer than the
-- shop's grace period (their node died, their network dropped, the tab was closed without
-- setting away): no heartbeat since ARGV[2]. The routing tick hands them back to their group,
-- so buyers do not wait on someone who is not there. Read-only; at most 50 per call.
-- KEYS[1] the shop's agent_rows hash
-- ARGV[1] key prefix  ARGV[2] stale before (ms)
-- Returns {{conversation, agent, group}, ...}
--#include agent_row
local prefix, stale_before = ARGV[1], tonumber(ARGV[2])
-- One pattern takes a row's load and heartbeat at once (issue 8: splitting every field of
-- every row was most of the routing tick's Redis time, about 0.5 ms a tick for 200 agents).
-- Captures come in the order of the fields; the last one needs no bar after it.
local load_at, heartbeat_at, parts = 0, 0, {'^'}
for j, f in ipairs(agent_row_fields) do
  if f == 'load' then load_at = j end
  if f == 'heartbeat_at' then heartbeat_at = j end
end
local last = math.max(load_at, heartbeat_at)
for j = 1, last do
  local wanted = j == load_at or j == heartbeat_at
  parts[#parts + 1] = wanted and '([^|]*)' or '[^|]*'
  if j < last then parts[#parts + 1] = '|' end
end
local pattern = table.concat(parts)
local out = {}
local rows = redis.call('HGETALL', KEYS[1])
for i = 1, #rows, 2 do
  local first, second = string.match(rows[i + 1], pattern)
  if load_at > heartbeat_at then first, second = second, first end
  local load, heartbeat = tonumber(first) or 0, tonumber(second)
  if load > 0 and (heartbeat == nil or heartbeat < stale_before) then
    local agent = rows[i]
    for _, id in ipairs(redis.call('SMEMBERS', prefix .. 'agent:' .. agent .. ':convs')) do
      local c = redis.call('HMGET', prefix .. 'conv:' .. id, 'status', 'group')
      if c[1] == 'assigned' then out[#out + 1] = {id, agent, c[2] or ''} end
      if #out >= 50 then return out end
    end
  end
end
return out
