-- wrk script for bench/run.py's posting rows: every request posts a new comment through the
-- comment form, from many distinct commenters, and records which comments were acknowledged.
--
-- Arguments (after wrk's `--`): form token, Origin, first commenter number, text prefix, form path,
-- number of wrk threads, result file. Run with as many connections as threads (-tN -cN).
--
-- Comment n (numbered across threads) is written by commenter `first + n`, from an address of
-- its own: a form token serves one comment per address (the one-use rule), as a reader without
-- JavaScript reloads the page for a new one. Its text is unique, so the database can be compared
-- with the answers. done() writes, per thread: the ids of the comments acknowledged (a 303 whose
-- Location ends in #comment-<id>), the other answers' statuses, and how many requests were sent
-- (those wrk did not count as answered were in flight when the run stopped).

local threads = {}
local next_id = 0

function setup(thread)
   thread:set("id", next_id)
   next_id = next_id + 1
   table.insert(threads, thread)
end

local function encode(s)
   return (string.gsub(s, "[^%w%-_%.~]", function(c)
      return string.format("%%%02X", string.byte(c))
   end))
end

local function address(n)
   -- as commenter_address() in bench/run.py
   return string.format("10.%d.%d.%d", 100 + math.floor(n / 65536) % 100, math.floor(n / 256) % 256, n % 256)
end

function init(args)
   token, origin, first, prefix, path, nthreads, result =
      args[1], args[2], tonumber(args[3]), args[4], args[5], tonumber(args[6]), args[7]
   sent = 0
   acked = {}
   other = {}
end

function request()
   local n = id + sent * nthreads
   sent = sent + 1
   local c = first + n
   local text = string.format(
      "%s #%d: the heating in block %d came back on %d days late.", prefix, n, n % 97, n % 7 + 1
   )
   local body = "author_name=" .. encode("Bench reader " .. c)
      .. "&email=" .. encode("bench" .. c .. "@example.org")
      .. "&text=" .. encode(text)
      .. "&token=" .. encode(token)
      .. "&website=&parent="
   local headers = {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Origin"] = origin,
      ["X-Forwarded-For"] = address(c),
   }
   return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
   local id = nil
   if status == 303 then
      id = string.match(headers["Location"] or headers["location"] or "", "#comment%-(%d+)$")
   end
   if id then
      acked[#acked + 1] = id
   else
      other[#other + 1] = tostring(status)
   end
end

function done(summary, latency, requests)
   local out = assert(io.open(threads[1]:get("result"), "w"))
   for _, thread in ipairs(threads) do
      out:write("acked ", table.concat(thread:get("acked"), ","), "\n")
      out:write("other ", table.concat(thread:get("other"), ","), "\n")
      out:write("sent ", thread:get("sent"), "\n")
   end
   out:close()
end
