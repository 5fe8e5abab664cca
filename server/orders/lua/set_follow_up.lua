-- R-MSG-4: a follow-up the agent promised a buyer, due at a time. Only the agent the
-- conversation is (or was last) assigned to, or a supervisor, may set one.
-- ARGV[1] key prefix  ARGV[2] conversation id  ARGV[3] order id  ARGV[4] text
-- ARGV[5] due (ms)  ARGV[6] who  ARGV[7] now (ms)  ARGV[8] '1' when who is a supervisor
-- Returns the follow-up's id | error NOT_FOUND / FORBIDDEN
local prefix, conv, order, text, due, who, now = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5],
                                                 ARGV[6], ARGV[7]
local c = redis.call('HMGET', prefix .. 'conv:' .. conv, 'buyer', 'agent')
if not c[1] then return redis.error_reply('NOT_FOUND no such conversation') end
local agent = c[2] or ''
if ARGV[8] ~= '1' and agent ~= who then
  return redis.error_reply('FORBIDDEN not your conversation')
end
if agent == '' then agent = who end
local id = 'f' .. redis.call('INCR', prefix .. 'followup-seq')
redis.call('HSET', prefix .. 'followup:' .. id, 'agent', agent, 'buyer', c[1], 'conv', conv,
           'order', order, 'text', text, 'due_at', due, 'created_at', now, 'created_by', who,
           'done_at', '0')
redis.call('ZADD', prefix .. 'followups:open', due, id)
return id
