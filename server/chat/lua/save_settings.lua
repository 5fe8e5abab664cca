-- Issue 7: a supervisor's change of the shop's settings, applied only over the version it was
-- read at (optimistic: two supervisors editing at once cannot silently undo each other). In one
-- step: the new settings and version, the change log entry (newest first, the last ARGV[4]
-- kept), the kept figures of closed periods dropped (thresholds and weights may have changed
-- them), the quick same-day changes the new settings supersede (a capacity set with
-- PUT agents/{id}/capacity for an agent whose capacity the settings change, a rota change
-- with PUT rota/{date}/{agent} for an agent and date the settings change: the latest change
-- wins), and the bus event that makes every worker of every node reload the settings.
-- KEYS[1] settings hash (version, body)  KEYS[2] change log list  KEYS[3] kpi-closed hash
-- KEYS[4] the shop's bus channel  KEYS[5] rota overrides hash
-- ARGV[1] expected version  ARGV[2] new settings (serialized kefu.v1.ShopSettings, version
-- expected + 1)  ARGV[3] change (serialized kefu.v1.ConfigChange)  ARGV[4] log entries kept
-- ARGV[5] bus event (serialized kefu.v1.BusEvent)  ARGV[6] key prefix "kefu:{shop}:"
-- ARGV[7] n  ARGV[8..7+n] agents whose capacity changed  ARGV[8+n..] rota fields "<date>|<agent>"
-- Returns the new version | error CONFLICT <current version>
--#include agent_row
local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if current ~= tonumber(ARGV[1]) then
  return redis.error_reply('CONFLICT ' .. current)
end
redis.call('HSET', KEYS[1], 'version', current + 1, 'body', ARGV[2])
redis.call('LPUSH', KEYS[2], ARGV[3])
redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[4]) - 1)
redis.call('DEL', KEYS[3])
local prefix, n = ARGV[6], tonumber(ARGV[7])
for i = 8, 7 + n do
  if redis.call('HDEL', prefix .. 'agent:' .. ARGV[i], 'capacity_override') == 1 then
    agent_row_refresh(prefix, ARGV[i])
  end
end
for i = 8 + n, #ARGV do redis.call('HDEL', KEYS[5], ARGV[i]) end
redis.call('PUBLISH', KEYS[4], ARGV[5])
return current + 1
