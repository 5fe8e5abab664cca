-- Moves a reader's read mark of a conversation forward (issue 6: read state), never back, and
-- never past the conversation's last message (a mark names a message that exists).
-- KEYS[1] conversation hash
-- ARGV[1] reader role ("b", "a")  ARGV[2] reader id  ARGV[3] message id the reader has seen
-- Returns {buyer, agent, buyer_read_id, agent_read_id} | error "NOT_FOUND" / "FORBIDDEN"
local role, reader, seen = ARGV[1], ARGV[2], ARGV[3]
local c = redis.call('HMGET', KEYS[1], 'buyer', 'agent', 'last_message_id', 'read_b', 'read_a')
if not c[1] then return redis.error_reply('NOT_FOUND no such conversation') end
if (role == 'b' and c[1] ~= reader) or (role == 'a' and c[2] ~= reader) then
  return redis.error_reply('FORBIDDEN not a party to this conversation')
end

-- Stream ids "ms-seq" compare by their two numbers, not as text.
local function less(a, b)
  if not a or a == '' then return b ~= nil and b ~= '' end
  if not b or b == '' then return false end
  local ams, aseq = string.match(a, '^(%d+)-(%d+)$')
  local bms, bseq = string.match(b, '^(%d+)-(%d+)$')
  if not ams or not bms then return false end
  if tonumber(ams) ~= tonumber(bms) then return tonumber(ams) < tonumber(bms) end
  return tonumber(aseq) < tonumber(bseq)
end

local last = c[3] or ''
if less(last, seen) then seen = last end
local field = 'read_' .. role
local current = (role == 'b') and c[4] or c[5]
if less(current, seen) then
  redis.call('HSET', KEYS[1], field, seen)
  current = seen
end
if role == 'b' then c[4] = current else c[5] = current end
return {c[1], c[2] or '', c[4] or '', c[5] or ''}
