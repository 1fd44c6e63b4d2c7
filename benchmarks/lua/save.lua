-- PATCH answers to one draft per wrk thread, carrying the ETag of each response as If-Match.
-- Run with as many connections as threads, so a thread's requests never race each other.
local drafts = {}
for entry in string.gmatch(os.getenv("BENCH_DRAFTS"), "[^;]+") do
  local id, token = string.match(entry, "(%d+),(.+)")
  table.insert(drafts, { id = id, token = token })
end
local body = os.getenv("BENCH_BODY")
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
end

function init(args)
  draft = drafts[index]
  etag = '"' .. os.getenv("BENCH_VERSION") .. '"'
end

function request()
  return wrk.format("PATCH", "/api/v1/assessments/" .. draft.id .. "/answers", {
    ["Authorization"] = "Bearer " .. draft.token,
    ["Content-Type"] = "application/json",
    ["If-Match"] = etag,
  }, body)
end

function response(status, headers, body)
  if headers["ETag"] then etag = headers["ETag"] end
end
