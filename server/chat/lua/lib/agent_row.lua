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
