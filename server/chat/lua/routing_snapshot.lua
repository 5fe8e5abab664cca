-- Everything a routing decision reads, in one round trip (a consistent snapshot; the claim
-- that follows re-checks what may change meanwhile, presence and load).
-- KEYS[1] buyer's active conversation pointer  KEYS[2] buyer's orders (zset)
-- KEYS[3] buyer's last agent (hash: agent, at)
-- KEYS[4] the shop's round-robin cursors (hash: group → the agent picked last, R-ROUTE-6)
-- KEYS[5] the supervisors' rota changes (hash "<date>|<agent>" → "shift,shift")
-- ARGV[1] key prefix "kefu:{shop}:"  ARGV[2] order id the chat was opened from ("" = none)
-- ARGV[3] the agent rows' epoch the caller knows ("-" = no rows wanted)
-- ARGV[4] the version of it the caller has read up to
-- ARGV[5..] when the caller knows no epoch: the shop's agent ids (agent_rows_since)
-- Returns {open, orders, sticky, agents, cursors, rota}:
--   open   = {} or {id, status, agent, group, created_at, order_id, ended_at}
--            (the buyer's latest conversation; ended ones too, for R-ROUTE-12)
--   orders = {{id, state, updated_at_ms}, ...} newest first (at most 20, plus the opened-from
--            order when it is the buyer's and older)
--   sticky = {} or {agent, at}
--   agents = {epoch, version, full, agent, row, ...}: the rows changed since ARGV[4], or all
--            of them (lib/agent_row.lua, agent_rows_since); {} when ARGV[3] is "-". A row is
--            "presence|load|last_assigned|heartbeat_at|activity_at|presence_since|
--            capacity_override"; capacity_override is a supervisor's runtime change
--   cursors = {group, agent, group, agent, ...}; rota = {field, shifts, ...}
--#include agent_row
local prefix, opened_from = ARGV[1], ARGV[2]

local open = {}
local existing = redis.call('GET', KEYS[1])
if existing then
  local c = redis.call('HMGET', prefix .. 'conv:' .. existing, 'status', 'agent', 'group',
                       'created_at', 'order_id', 'ended_at')
  if c[1] then
    open = {existing, c[1], c[2] or '', c[3] or '', c[4] or '0', c[5] or '', c[6] or '0'}
  end
end

local orders = {}
local function add_order(id)
  local o = redis.call('HMGET', prefix .. 'order:' .. id, 'state', 'updated_at_ms')
  if o[1] then orders[#orders + 1] = {id, o[1], o[2] or '0'} end
end
local seen = {}
for _, id in ipairs(redis.call('ZREVRANGE', KEYS[2], 0, 19)) do
  add_order(id)
  seen[id] = true
end
if opened_from ~= '' and not seen[opened_from] and redis.call('ZSCORE', KEYS[2], opened_from) then
  add_order(opened_from)
end

local sticky = {}
local s = redis.call('HMGET', KEYS[3], 'agent', 'at')
if s[1] then sticky = {s[1], s[2] or '0'} end

local agents = {}
if ARGV[3] ~= '-' then agents = agent_rows_since(prefix, ARGV[3], ARGV[4], 5) end
return {open, orders, sticky, agents, redis.call('HGETALL', KEYS[4]),
        redis.call('HGETALL', KEYS[5])}
