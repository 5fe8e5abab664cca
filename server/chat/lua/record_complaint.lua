-- R-KPI-7: a complaint about a conversation, recorded by a supervisor against the agent who
-- served it; or an existing complaint dismissed (still on record, no longer valid). Each
-- record is a KPI fact; the figures keep the latest record of each complaint.
-- KEYS[1] conversation hash ('' hash for a dismissal)  KEYS[2] the shop's KPI facts stream
-- ARGV[1] key prefix  ARGV[2] complaint id ('' = new)  ARGV[3] text  ARGV[4] now (ms)
-- ARGV[5] who  (a dismissal keeps the complaint's time; its own is kept in the hash)
-- Returns {id, conversation, agent, valid} | error NOT_FOUND
local prefix, id, text, now, who = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local conv, buyer, agent, valid, at = nil, nil, nil, nil, now
if id == '' then
  local c = redis.call('HMGET', KEYS[1], 'id', 'buyer', 'agent')
  if not c[1] then return redis.error_reply('NOT_FOUND no such conversation') end
  conv, buyer, agent, valid = c[1], c[2] or '', c[3] or '', '1'
  id = 'k' .. redis.call('INCR', prefix .. 'complaint-seq')
  redis.call('HSET', prefix .. 'complaint:' .. id, 'conv', conv, 'buyer', buyer, 'agent', agent,
             'text', text, 'at', now, 'by', who, 'valid', '1')
else
  local c = redis.call('HMGET', prefix .. 'complaint:' .. id, 'conv', 'buyer', 'agent', 'text',
                       'at')
  if not c[1] then return redis.error_reply('NOT_FOUND no such complaint') end
  -- The dismissal keeps the complaint's own time: it counts on the day it was made.
  conv, buyer, agent, text, valid, at = c[1], c[2], c[3], c[4], '0', c[5]
  redis.call('HSET', prefix .. 'complaint:' .. id, 'valid', '0', 'dismissed_by', who,
             'dismissed_at', now)
end
redis.call('XADD', KEYS[2], '*', 't', 'complaint', 'id', id, 'conv', conv, 'buyer', buyer,
           'agent', agent, 'valid', valid, 'text', text, 'at', at)
-- The complaint may belong to a closed period: its kept figures are computed again.
redis.call('DEL', prefix .. 'kpi-closed')
return {id, conv, agent, valid}
