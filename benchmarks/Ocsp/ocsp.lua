-- wrk script: sends pre-built DER OCSP requests round-robin over keep-alive connections.
-- Configure with environment variables:
--   OCSP_REQ_LIST  file listing one DER request file per line
--   OCSP_METHOD    POST (default) or GET
--   OCSP_PATH      responder path (default /pki/ocsp; empty for the root): POST goes to it,
--                  GET to OCSP_PATH .. "/" .. URL-encoded base64 of the request
--   OCSP_CLOSE     1: ask for a new connection per request (Connection: close)
-- wrk's default resolve() probes the address with a connection it closes without sending
-- anything; OpenSSL 3.0's single-process responder then loops on that empty connection
-- forever. Skip the probe: the caller has already checked that the server answers.
function wrk.resolve(host, service)
  wrk.addrs = wrk.lookup(host, service)
end

local requests = {}
local counter = 0

local b64chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
local function base64(data)
  return ((data:gsub('.', function(x)
    local r, b = '', x:byte()
    for i = 8, 1, -1 do r = r .. (b % 2 ^ i - b % 2 ^ (i - 1) > 0 and '1' or '0') end
    return r
  end) .. '0000'):gsub('%d%d%d?%d?%d?%d?', function(x)
    if #x < 6 then return '' end
    local c = 0
    for i = 1, 6 do c = c + (x:sub(i, i) == '1' and 2 ^ (6 - i) or 0) end
    return b64chars:sub(c + 1, c + 1)
  end) .. ({ '', '==', '=' })[#data % 3 + 1])
end

local function urlencode(s)
  return (s:gsub('[^%w%-%._~]', function(c) return string.format('%%%02X', c:byte()) end))
end

function init(args)
  local list = os.getenv('OCSP_REQ_LIST')
  local method = os.getenv('OCSP_METHOD') or 'POST'
  local path = os.getenv('OCSP_PATH') or '/pki/ocsp'
  local headers = {}
  if os.getenv('OCSP_CLOSE') == '1' then headers['Connection'] = 'close' end
  for name in io.lines(list) do
    local f = assert(io.open(name, 'rb'))
    local body = f:read('*a')
    f:close()
    if method == 'GET' then
      requests[#requests + 1] = wrk.format('GET', path .. '/' .. urlencode(base64(body)), headers)
    else
      headers['Content-Type'] = 'application/ocsp-request'
      requests[#requests + 1] = wrk.format('POST', path == '' and '/' or path, headers, body)
    end
  end
  -- Each thread starts at a different place in the list.
  math.randomseed(os.time() + tonumber(tostring({}):match('0x(%x+)') or '0', 16))
  counter = math.random(#requests) - 1
end

function request()
  counter = counter % #requests + 1
  return requests[counter]
end
