-- Moves a conversation by a transfer decision made in C++ (R-ROUTE-10), atomically: still
-- with the agent the decision saw, claims the first candidate still online and below capacity,
-- else (a group transfer) queues it in the new group; frees the old agent's slot; audits.
-- KEYS[1] conversation hash  KEYS[2] the shop's audit stream
-- ARGV[1] key prefix  ARGV[2] the agent it is with now  ARGV[3] new group  ARGV[4] kind
-- ARGV[5] actor  ARGV[6] note  ARGV[7] now (ms)  ARGV[8] queue score  ARGV[9] may queue (0/1)
-- ARGV[10..] candidates as triples: agent id, capacity, rule
-- Returns {outcome ("assigned"/"queued"), agent, group, buyer, created_at, order_id, rule,
-- position} | error ENDED / CONFLICT (moved meanwhile) / FULL (no candidate had room)
--#include agent_row
local prefix, from, group, kind, actor, note, now = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5],
                                                    ARGV[6], ARGV[7]
local c = redis.call('HMGET', KEYS[1], 'status', 'agent', 'buyer', 'created_at', 'order_id', 'id')
if not c[1] then return redis.error_reply('NOT_FOUND no such conversation') end
if c[1] == 'ended' then return redis.error_reply('ENDED the conversation has ended') end
if (c[2] or '') ~= from then
  return redis.error_reply('CONFLICT the conversation moved meanwhile, look again')
end
local id = c[6]

local function release()
  if from == '' then return end
  local from_key = prefix .. 'agent:' .. from
  if redis.call('SREM', from_key .. ':convs', id) == 1 then
    redis.call('HINCRBY', from_key, 'load', -1)
    agent_row_refresh(prefix, from)
  end
end

for i = 10, #ARGV, 3 do
  local agent, cap, rule = ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2]
  local agent_key = prefix .. 'agent:' .. agent
  local a = redis.call('HMGET', agent_key, 'presence', 'load', 'capacity_override')
  cap = tonumber(a[3]) or cap  -- a supervisor's change wins (R-ROUTE-7)
  if agent ~= from and a[1] == 'online' and (tonumber(a[2]) or 0) < cap then
    release()
    if c[1] == 'queued' then
      redis.call('ZREM', prefix .. 'queue:' .. (redis.call('HGET', KEYS[1], 'group') or ''), id)
    end
    redis.call('HINCRBY', agent_key, 'load', 1)
    redis.call('HSET', agent_key, 'last_assigned', now)
    redis.call('SADD', agent_key .. ':convs', id)
    agent_row_refresh(prefix, agent)
    redis.call('HSET', KEYS[1], 'agent', agent, 'group', group, 'status', 'assigned',
               'assigned_at', now, 'rule', rule, 'transferred_from', from, 'transfer_note', note)
    redis.call('XADD', prefix .. 'facts', '*', 't', 'transferred', 'conv', id, 'from', from,
               'to', agent, 'group', group, 'kind', kind, 'at', now)
    redis.call('XADD', KEYS[2], 'MAXLEN', '~', 100000, '*', 'conv', id, 'event', 'transferred',
               'kind', kind, 'from', from, 'agent', agent, 'rule', rule, 'group', group,
               'by', actor, 'note', note)
    return {'assigned', agent, group, c[3] or '', c[4] or '0', c[5] or '', rule, 0}
  end
end

if ARGV[9] ~= '1' then return redis.error_reply('FULL nobody of the target can take it now') end
release()
local old_group = redis.call('HGET', KEYS[1], 'group') or ''
redis.call('ZREM', prefix .. 'queue:' .. old_group, id)
local queue_key = prefix .. 'queue:' .. group
redis.call('ZADD', queue_key, ARGV[8], id)
local position = redis.call('ZRANK', queue_key, id) + 1
redis.call('HSET', KEYS[1], 'group', group, 'status', 'queued', 'enqueued_at', now,
           'queue_kind', 'live', 'queue_position0', position, 'transferred_from', from,
           'transfer_note', note, 'rule', 'R-ROUTE-10 transfer_group')
redis.call('HDEL', KEYS[1], 'agent')
redis.call('XADD', prefix .. 'facts', '*', 't', 'transferred', 'conv', id, 'from', from,
           'to', '', 'group', group, 'kind', kind, 'at', now)
redis.call('XADD', KEYS[2], 'MAXLEN', '~', 100000, '*', 'conv', id, 'event', 'transferred',
           'kind', kind, 'from', from, 'group', group, 'by', actor, 'note', note, 'queued',
           position)
return {'queued', '', group, c[3] or '', c[4] or '0', c[5] or '', 'R-ROUTE-10 transfer_group',
        position}
