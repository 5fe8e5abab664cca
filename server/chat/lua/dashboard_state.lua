-- The live state of a shop the supervisors' dashboard is computed from (R-SUP-1), in one read:
-- each group's queue head, every agent's row and assigned conversations, the overdue
-- follow-ups (R-MSG-4), the supervisors' rota changes and the queue chart's samples.
-- KEYS[1] the rota overrides (hash)  KEYS[2] the open follow-ups (zset by due time)
-- KEYS[3] the queue samples (zset by minute)
-- ARGV[1] key prefix  ARGV[2] now (ms)  ARGV[3] samples since (ms)  ARGV[4] how many groups (n)
-- ARGV[5..4+n] group ids  ARGV[5+n..] agent ids
-- Returns {queues, rows, conversations, follow_ups, rota, samples}:
--   queues: per group {total, {{id, buyer, enqueued_at, queue_kind}, ...}} (the first 200)
--   rows: agent rows as lib/agent_row.lua packs them, in the order asked, one per line
--   conversations: per agent {{id, buyer, group, awaiting_since}, ...} (assigned ones)
--   follow_ups: {{id, agent, conv, due_at}, ...} due before now (the first 100)
--   rota: the overrides hash (HGETALL)  samples: the sample members since ARGV[3]
--#include agent_row
local prefix, now, since, n = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local queue_head = 200

local queues = {}
for i = 1, n do
  local q = prefix .. 'queue:' .. ARGV[4 + i]
  local head = {}
  for _, id in ipairs(redis.call('ZRANGE', q, 0, queue_head - 1)) do
    local c = redis.call('HMGET', prefix .. 'conv:' .. id, 'buyer', 'enqueued_at', 'queue_kind')
    head[#head + 1] = {id, c[1] or '', c[2] or '0', c[3] or ''}
  end
  queues[i] = {redis.call('ZCARD', q), head}
end

local first_agent = 5 + n
local rows = agent_rows_read(prefix, first_agent)
local conversations = {}
for i = first_agent, #ARGV do
  local list = {}
  for _, id in ipairs(redis.call('SMEMBERS', prefix .. 'agent:' .. ARGV[i] .. ':convs')) do
    local c = redis.call('HMGET', prefix .. 'conv:' .. id, 'buyer', 'group', 'awaiting_since',
                         'status')
    if c[4] == 'assigned' then list[#list + 1] = {id, c[1] or '', c[2] or '', c[3] or '0'} end
  end
  conversations[#conversations + 1] = list
end

local follow_ups = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. now, 'LIMIT', 0, 100)) do
  local f = redis.call('HMGET', prefix .. 'followup:' .. id, 'agent', 'conv', 'due_at')
  follow_ups[#follow_ups + 1] = {id, f[1] or '', f[2] or '', f[3] or '0'}
end

return {queues, rows, conversations, follow_ups, redis.call('HGETALL', KEYS[1]),
        redis.call('ZRANGEBYSCORE', KEYS[3], since, '+inf')}
