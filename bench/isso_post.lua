-- wrk script for bench/run.py's Isso posting row: every request posts a new comment through Isso's
-- API (POST /new?uri=<thread> with a JSON body, answered 201 when published), from many distinct
-- commenters, and records which comments were acknowledged.
--
-- Arguments (after wrk's `--`): path (/new?uri=...), Origin, first commenter number, text prefix,
-- number of wrk threads, result file. Run with as many connections as threads (-tN -cN).
--
-- Comment n (numbered across threads, as in bench/post.lua) is written by commenter `first + n`,
-- from an address of its own. Isso keeps only the first three parts of an IPv4 address (it
-- anonymises to /24) and its rate limit counts comments per such address, so the commenter's
-- number goes in the first three parts: each commenter is a /24 of its own, as distinct readers
-- are. Its text is unique, so the database can be compared with the answers.
--
-- Each thread has one keep-alive connection and sends its next request only once the last one is
-- answered, so an answer is for the comment of the thread's latest request() call. (wrk also
-- calls request() once on the first thread before the run, to check the request, and never sends
-- it: that comment is neither answered nor stored, and is left out of the unanswered ones.)
-- done() writes, per thread: the numbers of the comments acknowledged (201), the other answers'
-- statuses, the numbers of the comments sent without an answer (in flight when the run stopped),
-- how many requests were sent, and the 201 answers that described another comment than the one
-- sent, as "sent/described" (Isso answers with the row it reads back after its insert).

local threads = {}
local next_id = 0

function setup(thread)
   thread:set("id", next_id)
   next_id = next_id + 1
   table.insert(threads, thread)
end

local function address(n)
   -- a /24 per commenter: 10.x.y.1, x.y from n (65,536 commenters before one repeats)
   return string.format("10.%d.%d.1", math.floor(n / 256) % 256, n % 256)
end

function init(args)
   path, origin, first, prefix, nthreads, result =
      args[1], args[2], tonumber(args[3]), args[4], tonumber(args[5]), args[6]
   sent = 0
   current = nil
   acked = {}
   other = {}
   unanswered = {}
   mismatched = {}
end

function request()
   local n = id + sent * nthreads
   sent = sent + 1
   if current ~= nil or id ~= 0 or n ~= 0 then
      unanswered[n] = n -- not the check wrk makes before the run
   end
   current = n
   local c = first + n
   -- plain ASCII without quotes or backslashes: nothing to escape in the JSON below
   local text = string.format(
      "%s #%d: the heating in block %d came back on %d days late.", prefix, n, n % 97, n % 7 + 1
   )
   local body = string.format(
      '{"text": "%s", "author": "Bench reader %d", "email": "bench%d@example.org", "website": ""}',
      text, c, c
   )
   local headers = {
      ["Content-Type"] = "application/json",
      ["Origin"] = origin,
      ["X-Forwarded-For"] = address(c),
   }
   return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
   local n = current
   unanswered[n] = nil
   if status == 201 then
      acked[#acked + 1] = n
      local described = string.match(body or "", "#(%d+): ")
      if tonumber(described) ~= n then
         mismatched[#mismatched + 1] = n .. "/" .. (described or "?")
      end
   else
      other[#other + 1] = tostring(status)
   end
end

local function keys(t)
   local out = {}
   for k in pairs(t) do
      out[#out + 1] = k
   end
   return out
end

function done(summary, latency, requests)
   local out = assert(io.open(threads[1]:get("result"), "w"))
   for _, thread in ipairs(threads) do
      out:write("thread ", thread:get("id"), "\n")
      out:write("acked ", table.concat(thread:get("acked"), ","), "\n")
      out:write("other ", table.concat(thread:get("other"), ","), "\n")
      out:write("unanswered ", table.concat(keys(thread:get("unanswered")), ","), "\n")
      out:write("sent ", thread:get("sent"), "\n")
      out:write("mismatched ", table.concat(thread:get("mismatched"), ","), "\n")
   end
   out:close()
end
