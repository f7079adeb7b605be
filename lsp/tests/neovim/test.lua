-- End-to-end test of `caulk server` with headless Neovim (0.7+) as the client.
-- Run through run.sh, which sets these environment variables:
--   CAULK_BIN      the caulk executable
--   CAULK_WORKDIR  a scratch folder holding the files to open
--   CAULK_CASES    "file|filetype|expected.json|required" lines; `required`
--                  is a comma list of CODE:LINE (1-based) that must appear,
--                  and expected.json is `caulk check -f json` for the file:
--                  the editor must see exactly what the command line reports.
-- Exits with :cquit 0 on success, :cquit 1 on any failure (never hangs:
-- errors are caught and run.sh adds a timeout).

local TIMEOUT_MS = 15000

local function fail(message)
  error(message, 0)
end

local function read_json(path)
  local f = assert(io.open(path, "r"))
  local text = f:read("*a")
  f:close()
  return vim.json.decode(text)
end

local function split(text, sep)
  local out = {}
  for piece in string.gmatch(text, "([^" .. sep .. "]+)") do
    table.insert(out, piece)
  end
  return out
end

-- The raw notifications: `vim.diagnostic` entries lose the rule code.
local published = {}
local default_publish = vim.lsp.handlers["textDocument/publishDiagnostics"]
vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
  published[result.uri] = published[result.uri] or {}
  table.insert(published[result.uri], result)
  return default_publish(err, result, ctx, config)
end

local function latest(uri)
  local list = published[uri]
  return list and list[#list] or nil
end

local function wait_for_publish(uri, after_count, what)
  local ok = vim.wait(TIMEOUT_MS, function()
    return published[uri] ~= nil and #published[uri] > after_count
  end, 10)
  if not ok then
    fail("no diagnostics published for " .. uri .. " (" .. what .. ")")
  end
  return latest(uri)
end

local function pairs_of(diagnostics)
  local set, list = {}, {}
  for _, d in ipairs(diagnostics) do
    if d.source ~= "caulk" then
      fail("diagnostic without source caulk: " .. vim.inspect(d))
    end
    local key = string.format("%s:%d", d.code, d.range.start.line + 1)
    set[key] = true
    table.insert(list, key)
  end
  table.sort(list)
  return set, list
end

local function run()
  local bin = assert(os.getenv("CAULK_BIN"), "CAULK_BIN is not set")
  local workdir = assert(os.getenv("CAULK_WORKDIR"), "CAULK_WORKDIR is not set")
  local cases = assert(os.getenv("CAULK_CASES"), "CAULK_CASES is not set")

  local client_id = vim.lsp.start_client({
    name = "caulk",
    cmd = { bin, "server" },
    root_dir = workdir,
    flags = { debounce_text_changes = 0 },
  })
  if not client_id then
    fail("could not start " .. bin .. " server")
  end

  local dockerfile_buf, dockerfile_uri
  for _, line in ipairs(split(cases, "\n")) do
    local fields = vim.split(line, "|", true)
    local file, filetype, expected_json, required = fields[1], fields[2], fields[3], fields[4]
    vim.cmd("edit " .. vim.fn.fnameescape(file))
    local buf = vim.api.nvim_get_current_buf()
    -- `-u NONE` switches filetype detection off; the filetype becomes the languageId.
    vim.bo[buf].filetype = filetype
    local uri = vim.uri_from_bufnr(buf)
    vim.lsp.buf_attach_client(buf, client_id)
    local result = wait_for_publish(uri, 0, "open " .. file)

    local got, got_list = pairs_of(result.diagnostics)
    local expected = read_json(expected_json)
    local want_list = {}
    for _, finding in ipairs(expected.findings) do
      table.insert(want_list, string.format("%s:%d", finding.code, finding.start.line))
    end
    table.sort(want_list)
    if table.concat(got_list, " ") ~= table.concat(want_list, " ") then
      fail(string.format("%s: the server published [%s], caulk check reports [%s]", file,
        table.concat(got_list, " "), table.concat(want_list, " ")))
    end
    for _, key in ipairs(split(required or "", ",")) do
      if not got[key] then
        fail(string.format("%s: expected %s among [%s]", file, key, table.concat(got_list, " ")))
      end
    end
    print(string.format("ok %s: %s", vim.fn.fnamemodify(file, ":t"), table.concat(got_list, " ")))
    if filetype == "dockerfile" and required ~= "" and dockerfile_buf == nil then
      dockerfile_buf, dockerfile_uri = buf, uri
    end
  end

  -- A quick fix, requested as an editor would and applied to the buffer.
  if dockerfile_buf == nil then
    fail("no Dockerfile case with required findings to try a code action on")
  end
  vim.api.nvim_set_current_buf(dockerfile_buf)
  local target
  for _, d in ipairs(latest(dockerfile_uri).diagnostics) do
    if d.code == "DL3020" then
      target = d
    end
  end
  if not target then
    fail("the Dockerfile fixture has no DL3020 to fix")
  end
  local responses = vim.lsp.buf_request_sync(dockerfile_buf, "textDocument/codeAction", {
    textDocument = { uri = dockerfile_uri },
    range = target.range,
    context = { diagnostics = { target } },
  }, TIMEOUT_MS)
  local fix
  for _, response in pairs(responses or {}) do
    if response.err then
      fail("codeAction failed: " .. vim.inspect(response.err))
    end
    for _, action in ipairs(response.result or {}) do
      if action.title:match("^Fix DL3020") then
        fix = action
      end
    end
  end
  if not fix then
    fail("no DL3020 fix among the code actions: " .. vim.inspect(responses))
  end
  local before = #published[dockerfile_uri]
  vim.lsp.util.apply_workspace_edit(fix.edit, "utf-16")
  local line = vim.api.nvim_buf_get_lines(dockerfile_buf, target.range.start.line, target.range.start.line + 1, true)[1]
  if not line:match("^COPY ") then
    fail("the fix did not edit the buffer: " .. line)
  end
  -- The edit reaches the server as a change, and the finding goes away.
  local after = wait_for_publish(dockerfile_uri, before, "after the fix")
  local got = pairs_of(after.diagnostics)
  if got["DL3020:" .. (target.range.start.line + 1)] then
    fail("DL3020 is still reported after the fix")
  end
  print("ok code action: " .. fix.title .. " -> " .. line)

  vim.lsp.stop_client(client_id)
  vim.wait(2000, function()
    return vim.lsp.get_client_by_id(client_id) == nil
  end, 20)
end

local ok, err = xpcall(run, debug.traceback)
if ok then
  print("neovim end-to-end test passed")
  vim.cmd("cquit 0")
else
  io.stderr:write("FAIL: " .. tostring(err) .. "\n")
  vim.cmd("cquit 1")
end
