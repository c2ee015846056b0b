-- wrk script of the adapter load test (adapter_load_test.cc, tools/load-adapters): every request
-- is one new event for the social or a FHIR adapter, with its own record id, so each 202 must
-- become exactly one event on the topic.
--
--   wrk ... -s post_events.lua URL -- KIND TOKEN LOAD_SECONDS CPR...
--
-- KIND is "social" or "fhir". After LOAD_SECONDS the script only asks GET /v1/events (405, no
-- event) until wrk's duration ends: wrk cuts its connections off at the end, and a POST cut off
-- in flight could reach Kafka without its 202 being counted. At the end it prints one line per
-- status ("status 202 N"), the events it sent, and wrk's socket errors.

local threads = {}
local next_thread = 1

function setup(thread)
  thread:set("thread_id", next_thread)
  next_thread = next_thread + 1
  table.insert(threads, thread)
end

local kind, token, load_seconds, cprs, started
-- Globals, so that done() can read them from each thread with thread:get().
sent, drained, statuses = 0, 0, {}

function init(args)
  kind, token, load_seconds = args[1], args[2], tonumber(args[3])
  cprs = {}
  for i = 4, #args do cprs[#cprs + 1] = args[i] end
  started = os.time()
end

local function social_event(id, cpr)
  return string.format(
    '{"type":"MEASURE_GRANTED","record_id":"%s","version":1,"cpr":"%s",' ..
    '"occurred_at":"2026-03-02","measure_id":"m-%s","legal_basis":"SEL-85",' ..
    '"start":"2026-03-09"}', id, cpr, id)
end

local function fhir_episode(id, cpr)
  return string.format(
    '{"resourceType":"EpisodeOfCare","id":"%s","meta":{"versionId":"1",' ..
    '"lastUpdated":"2026-03-01T12:00:00+01:00","source":"load"},"contained":[' ..
    '{"resourceType":"Patient","id":"p","identifier":[{"system":"urn:oid:1.2.208.176.1.2",' ..
    '"value":"%s"}]}],"status":"active","type":[{"coding":[{"system":' ..
    '"http://samsag.dk/fhir/CodeSystem/episode-kind","code":"home-care-personal"}]}],' ..
    '"patient":{"reference":"#p"},"period":{"start":"2026-03-02T07:00:00+01:00"}}', id, cpr)
end

function request()
  if os.time() - started >= load_seconds then
    drained = drained + 1
    return wrk.format("GET", kind == "social" and "/v1/events" or "/fhir/EpisodeOfCare")
  end
  sent = sent + 1
  local id = string.format("load-%d-%d", thread_id, sent)
  local cpr = cprs[(sent % #cprs) + 1]
  local headers = {["Authorization"] = "Bearer " .. token,
                   ["Content-Type"] = kind == "social" and "application/json"
                                                        or "application/fhir+json"}
  if kind == "social" then
    return wrk.format("POST", "/v1/events", headers, social_event(id, cpr))
  end
  return wrk.format("POST", "/fhir/EpisodeOfCare", headers, fhir_episode(id, cpr))
end

function response(status)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary)
  local total, sent_total = {}, 0
  for _, thread in ipairs(threads) do
    sent_total = sent_total + thread:get("sent")
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  for status, count in pairs(total) do io.write(string.format("status %d %d\n", status, count)) end
  -- wrk calls request() once more on its first thread to check the script (script_verify_request
  -- in wrk.c) and never sends that request.
  io.write(string.format("sent %d\n", sent_total - 1))
  local e = summary.errors
  io.write(string.format("errors connect %d read %d write %d timeout %d\n",
                         e.connect, e.read, e.write, e.timeout))
  io.write(string.format("requests %d seconds %.3f\n", summary.requests, summary.duration / 1e6))
end
