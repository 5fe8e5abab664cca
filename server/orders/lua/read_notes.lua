-- The notes of some orders, oldest first per order (R-NOTE-1), with the history of one note
-- when asked for. Read-only; a script so the notes of a page of orders come in one round trip.
-- ARGV[1] key prefix  ARGV[2] a note whose history to add ('' = none)  ARGV[3..] order ids
-- Returns {{{id, order, text, flag, author, created_at, edited_by, edited_at, version}, ...}
--          per order, ..., history}: history is the note's versions as JSON, oldest first
--          ({} when not asked), and the note itself is then the first list's only element
local prefix, history_of = ARGV[1], ARGV[2]
local fields = {'order', 'text', 'flag', 'author', 'created_at', 'edited_by', 'edited_at',
                'version'}
local function note(id)
  local n = redis.call('HMGET', prefix .. 'note:' .. id, unpack(fields))
  if not n[1] then return nil end
  local out = {id}
  for i = 1, #fields do out[#out + 1] = n[i] or '' end
  return out
end
local out = {}
if history_of ~= '' then
  local n = note(history_of)
  out[1] = n and {n} or {}
  out[2] = n and redis.call('LRANGE', prefix .. 'note:' .. history_of .. ':history', 0, -1) or {}
  return out
end
for i = 3, #ARGV do
  local notes = {}
  for _, id in ipairs(redis.call('ZRANGE', prefix .. 'order:' .. ARGV[i] .. ':notes', 0, -1)) do
    local n = note(id)
    if n then notes[#notes + 1] = n end
  end
  out[#out + 1] = notes
end
out[#out + 1] = {}
return out
