-- Sets an agent's presence (R-SHIFT-4): away/offline stops routing to them at once (the claim
-- in open_conversation.lua reads it). The caller drains the queue after going online.
-- KEYS[1] agent hash
-- ARGV[1] presence ("online", "away", "offline")  ARGV[2] capacity  ARGV[3] group
-- ARGV[4] now (ms)  ARGV[5] key prefix "kefu:{shop}:"  ARGV[6] agent id
-- Returns the previous presence
--#include agent_row
local before = redis.call('HGET', KEYS[1], 'presence') or 'offline'
redis.call('HSET', KEYS[1], 'presence', ARGV[1], 'capacity', ARGV[2], 'group', ARGV[3],
           'heartbeat_at', ARGV[4], 'activity_at', ARGV[4])
if before ~= ARGV[1] then redis.call('HSET', KEYS[1], 'presence_since', ARGV[4]) end
agent_row_refresh(ARGV[5], ARGV[6])
return before
