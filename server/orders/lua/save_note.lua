-- Writes a new note on an order, or edits one, atomically (R-NOTE-1): nothing is overwritten
-- silently. An edit names the version it changes; when someone changed the note first, the
-- edit is refused and the note as it stands is returned, so the agent can merge and retry.
-- Every version goes to the note's history (who, when, the text and flag).
-- ARGV[1] key prefix  ARGV[2] note id ('' = new)  ARGV[3] order id  ARGV[4] text
-- ARGV[5] flag (number)  ARGV[6] who  ARGV[7] now (ms)  ARGV[8] expected version (edits)
-- Returns {outcome ('saved' / 'conflict'), note id, order id, text, flag, author, created_at,
--          edited_by, edited_at, version, the agent serving the order's buyer ('' if none)}
-- | error NOT_FOUND (no such order or note)
local prefix, id, order, text, flag, who, now = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5],
                                                 ARGV[6], ARGV[7]
local expected = tonumber(ARGV[8]) or 0
local order_key = prefix .. 'order:' .. order
local buyer = redis.call('HGET', order_key, 'buyer_id')
if not buyer then return redis.error_reply('NOT_FOUND no such order') end

local fields = {'order', 'text', 'flag', 'author', 'created_at', 'edited_by', 'edited_at',
                'version'}
local function serving_agent()
  local conv = redis.call('GET', prefix .. 'buyer:' .. buyer .. ':conv')
  if not conv then return '' end
  local c = redis.call('HMGET', prefix .. 'conv:' .. conv, 'status', 'agent')
  if c[1] == 'assigned' then return c[2] or '' end
  return ''
end
local function answer(outcome, note_id, n)
  return {outcome, note_id, n[1], n[2], n[3], n[4], n[5], n[6] or '', n[7] or '0', n[8],
          serving_agent()}
end

local note_key, n
if id == '' then
  id = 'n' .. redis.call('INCR', prefix .. 'note-seq')
  note_key = prefix .. 'note:' .. id
  n = {order, text, flag, who, now, '', '0', '1'}
  redis.call('ZADD', order_key .. ':notes', tonumber(string.sub(id, 2)), id)
else
  note_key = prefix .. 'note:' .. id
  local current = redis.call('HMGET', note_key, unpack(fields))
  if not current[1] or current[1] ~= order then
    return redis.error_reply('NOT_FOUND no such note on this order')
  end
  if tonumber(current[8]) ~= expected then return answer('conflict', id, current) end
  n = {order, text, flag, current[4], current[5], who, now, tostring(tonumber(current[8]) + 1)}
end
local set = {}
for i, f in ipairs(fields) do
  set[#set + 1] = f
  set[#set + 1] = n[i]
end
redis.call('HSET', note_key, unpack(set))
-- Numbers as strings: protobuf's JSON mapping takes int64 that way, and nothing is rounded.
redis.call('RPUSH', note_key .. ':history', cjson.encode({
  version = n[8], text = text, flag = tonumber(flag), editedBy = who, editedAtMs = now}))
return answer('saved', id, n)
