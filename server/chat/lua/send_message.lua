-- Stores one message of a conversation, once: a resend with the same client message id
-- returns the id stored the first time (DESIGN.md: ack after store, no duplicates). Then
-- publishes it on the shop's bus for delivery to the conversation's buyer and agent, in the
-- same atomic step, so a stored message is always announced and never announced twice.
--
-- KEYS[1] conversation hash  KEYS[2] message stream  KEYS[3] client id → message id hash
-- KEYS[4] the shop's bus channel (a channel name, not a key)
-- KEYS[5] the shop's auto-end candidates (zset: conversation id → agent's last reply, ms):
--         an agent's reply starts the buyer's silence clock, a buyer's message stops it
--         (R-ROUTE-11)
-- KEYS[6] the shop's KPI facts stream (issue 5: every figure is recomputed from these)
-- ARGV[1] sender role ("b" buyer, "a" agent, "s" the shop's automatic messages, R-MSG-2,
--         "v" a supervisor who joined the conversation, R-SUP-2: kept in the set
--         <conversation hash>:joined)
-- ARGV[2] sender id  ARGV[3] client message id
-- ARGV[4] the message (serialized kefu.v1.Message, without its id)
-- ARGV[5] the bus event (serialized kefu.v1.BusEvent without recipients and stream id)
-- ARGV[6] now (ms)
-- Returns {"ok", id} | {"dup", id} | error "NOT_FOUND" / "FORBIDDEN" / "ENDED"
local role, sender, cmid = ARGV[1], ARGV[2], ARGV[3]

-- One HMGET for everything the script reads of the conversation (issue 8: each redis.call
-- costs Redis time; the id and the buyer's wait were two more calls).
local c = redis.call('HMGET', KEYS[1], 'buyer', 'agent', 'status', 'id', 'awaiting_since')
if not c[1] then return redis.error_reply('NOT_FOUND no such conversation') end
if (role == 'b' and c[1] ~= sender) or (role == 'a' and c[2] ~= sender) then
  return redis.error_reply('FORBIDDEN not a party to this conversation')
end
if role == 'v' and redis.call('SISMEMBER', KEYS[1] .. ':joined', sender) == 0 then
  return redis.error_reply('FORBIDDEN join the conversation before writing to it')
end
if c[3] == 'ended' then return redis.error_reply('ENDED the conversation has ended') end

local dedup_field = role .. ':' .. cmid
local seen = redis.call('HGET', KEYS[3], dedup_field)
if seen then return {'dup', seen} end

local id = redis.call('XADD', KEYS[2], '*', 'm', ARGV[4])
redis.call('HSET', KEYS[3], dedup_field, id)
local conv_id = c[4]
if role == 'b' and not c[5] then
  -- The buyer's oldest unanswered message (R-SUP-1: the dashboard's waits on agents), set in
  -- the same HSET: what HSETNX did, as the HMGET above read the field.
  redis.call('HSET', KEYS[1], 'last_message_id', id, 'last_activity', ARGV[6], 'awaiting_since',
             ARGV[6])
else
  redis.call('HSET', KEYS[1], 'last_message_id', id, 'last_activity', ARGV[6])
end
if role == 's' then
  -- R-MSG-2: an automatic message is recorded as one, so no figure takes it for a response.
  redis.call('XADD', KEYS[6], '*', 't', 'auto_msg', 'conv', conv_id, 'msg', id, 'at', ARGV[6])
elseif role == 'a' then
  redis.call('ZADD', KEYS[5], ARGV[6], conv_id)
  if c[5] then redis.call('HDEL', KEYS[1], 'awaiting_since') end
  redis.call('XADD', KEYS[6], '*', 't', 'agent_msg', 'conv', conv_id, 'agent', sender, 'msg', id,
             'at', ARGV[6])
elseif role == 'v' then
  -- A joined supervisor's reply answers the buyer (the dashboard's wait ends, the silence clock
  -- starts) but is no response of the serving agent: its own fact type, which the KPI figures
  -- of agents do not read (R-KPI-2/3 time the agent).
  redis.call('ZADD', KEYS[5], ARGV[6], conv_id)
  if c[5] then redis.call('HDEL', KEYS[1], 'awaiting_since') end
  redis.call('XADD', KEYS[6], '*', 't', 'sup_msg', 'conv', conv_id, 'supervisor', sender, 'msg',
             id, 'at', ARGV[6])
else
  redis.call('ZREM', KEYS[5], conv_id)
  redis.call('XADD', KEYS[6], '*', 't', 'buyer_msg', 'conv', conv_id, 'buyer', sender, 'msg', id,
             'at', ARGV[6])
end

-- Append protobuf fields to the serialized BusEvent (concatenated encodings merge):
-- field 1 (recipients, tag 0x0A) and field 3 (stream_id, tag 0x1A), length-delimited.
local function field(tag, s)
  local n, len = #s, ''
  while n >= 128 do
    len = len .. string.char(n % 128 + 128)
    n = math.floor(n / 128)
  end
  return string.char(tag) .. len .. string.char(n) .. s
end
local event = ARGV[5] .. field(0x0A, 'b:' .. c[1]) .. field(0x1A, id)
if c[2] and c[2] ~= '' then event = event .. field(0x0A, 'a:' .. c[2]) end
redis.call('PUBLISH', KEYS[4], event)
return {'ok', id}
