-- Agent rows: the live state a routing decision reads of every agent (presence, load, last
-- assignment, heartbeat, activity, presence since, a supervisor's capacity), kept packed in
-- one field per agent of the shop's "agent_rows" hash. Every script that changes one of these
-- in the agent's hash rewrites the row in the same atomic step, so a snapshot reads all agents
-- with one HMGET instead of one call per agent (issue 8: 200 agents, 620 µs → 25 µs in Redis).
-- The packed order is the order of agent_row_fields; absent fields are empty.
local agent_row_fields = {'presence', 'load', 'last_assigned', 'heartbeat_at', 'activity_at',
                          'presence_since', 'capacity_override'}

local function agent_row_refresh(prefix, agent)
  local a = redis.call('HMGET', prefix .. 'agent:' .. agent, unpack(agent_row_fields))
  for j = 1, #agent_row_fields do a[j] = a[j] or '' end
  local row = table.concat(a, '|')
  redis.call('HSET', prefix .. 'agent_rows', agent, row)
  -- Each write gets the next version, so a worker's routing snapshot asks only for the rows
  -- changed since its last (agent_rows_since). The epoch names this run of the counter: were
  -- the data lost and the counter started over, old versions would mean nothing.
  local version = redis.call('INCR', prefix .. 'agent_rows_version')
  if version == 1 then
    local t = redis.call('TIME')
    redis.call('SET', prefix .. 'agent_rows_epoch', t[1] .. '.' .. t[2])
  end
  redis.call('ZADD', prefix .. 'agent_rows_changed', version, agent)
  return row
end

-- The rows of the agents ARGV[first..], in that order, joined by newlines into one string: a
-- reply of one bulk string instead of one per agent (issue 8: for 200 agents, hiredis and the
-- server made about 600 allocations per routing decision to read them). An agent whose state
-- was written before rows existed gets a row now.
local function agent_rows_read(prefix, first)
  if first > #ARGV then return '' end
  local rows = redis.call('HMGET', prefix .. 'agent_rows', unpack(ARGV, first))
  for i = 1, #rows do
    if not rows[i] then rows[i] = agent_row_refresh(prefix, ARGV[first + i - 1]) end
  end
  return table.concat(rows, '\n')
end

-- The rows written after version `since` of `epoch`, as {epoch, version, full, agent, row,
-- agent, row, ...}: full = '0' and only the changed agents while the epoch is the one the
-- caller knows, else full = '1' and every row of the shop (issue 8: a new conversation in a
-- shop of 200 agents read all 200 rows, about half of Redis's time for it; between two
-- decisions only a few change). chat/live_agents.h keeps what the caller read. A caller that
-- knows no epoch yet gives the shop's agent ids in ARGV[first..]: their missing rows are made
-- first.
local function agent_rows_since(prefix, epoch, since, first)
  local current = redis.call('GET', prefix .. 'agent_rows_epoch') or ''
  if current ~= '' and current == epoch then
    local out = {current, redis.call('GET', prefix .. 'agent_rows_version') or '0', '0'}
    local agents = redis.call('ZRANGEBYSCORE', prefix .. 'agent_rows_changed', '(' .. since,
                              '+inf')
    if #agents == 0 then return out end
    local rows = redis.call('HMGET', prefix .. 'agent_rows', unpack(agents))
    for i = 1, #agents do
      out[#out + 1] = agents[i]
      out[#out + 1] = rows[i] or ''
    end
    return out
  end
  if first <= #ARGV then
    agent_rows_read(prefix, first)
    current = redis.call('GET', prefix .. 'agent_rows_epoch') or ''
  end
  local out = {current, redis.call('GET', prefix .. 'agent_rows_version') or '0', '1'}
  local all = redis.call('HGETALL', prefix .. 'agent_rows')
  for i = 1, #all do out[#out + 1] = all[i] end
  return out
end
