-- An editing session in a real Neovim (headless), as a designer has it: loanspec's language
-- server started for a spec of examples/, the spec edited (a six-year term on a consumption
-- loan), the finding shown and cleared, hover and go-to-definition asked. Run by
-- scripts/editor-e2e.sh; exits non-zero (`cq`) on the first thing that is not as expected.
-- Written for Neovim 0.7 (Debian 12) and later: start_client + buf_attach_client.

local loanspec = os.getenv("LOANSPEC")
local root = os.getenv("CATALOGUE")
local spec = root .. "/products/consumer-installment.yaml"

local function fail(what)
  io.stderr:write("FAIL: " .. what .. "\n")
  vim.cmd("cq")
end

local function say(what)
  io.stdout:write(what .. "\n")
end

local client = vim.lsp.start_client({
  name = "loanspec",
  cmd = { loanspec, "--as-of", "2026-11-29", "lsp" },
  root_dir = root,
})
if not client then
  fail("the server did not start")
end
vim.cmd("edit " .. spec)
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, client)

local function codes()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    if d.severity == vim.diagnostic.severity.ERROR then
      table.insert(out, tostring(code) .. "@" .. tostring(d.lnum + 1))
    end
  end
  table.sort(out)
  return table.concat(out, ",")
end

if not vim.wait(15000, function() return vim.lsp.buf_is_attached(buf, client) end, 50) then
  fail("the client did not attach")
end
vim.wait(1500, function() return false end, 50)
if codes() ~= "" then
  fail("the example opened with errors: " .. codes())
end
say("opened clean")

-- The term line, made six years long.
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
local term
for i, l in ipairs(lines) do
  if l:match("^term:") then term = i end
end
local long = lines[term]:gsub("max: 36M", "max: 72M")
vim.api.nvim_buf_set_lines(buf, term - 1, term, false, { long })
if not vim.wait(15000, function() return codes():find("LS201@" .. term, 1, true) ~= nil end, 50) then
  fail("no LS201 on line " .. term .. " after the edit: " .. codes())
end
say("after the edit: " .. codes())

local col = long:find("72M") - 1
local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = term - 1, character = col } }
local hover = vim.lsp.buf_request_sync(buf, "textDocument/hover", params, 10000)
local text = hover and hover[client] and hover[client].result and hover[client].result.contents.value or ""
if not text:find("term.max", 1, true) or not text:find("LS201", 1, true) then
  fail("hover: " .. text)
end
say("hover: " .. text:gsub("\n.*", ""))

vim.api.nvim_buf_set_lines(buf, term - 1, term, false, { lines[term] })
if not vim.wait(15000, function() return codes() == "" end, 50) then
  fail("the finding did not clear: " .. codes())
end
say("after the undo: clean")

-- Go to the line a product extends.
vim.cmd("edit " .. root .. "/products/business-revolving.yaml")
local other = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(other, client)
local extends
for i, l in ipairs(vim.api.nvim_buf_get_lines(other, 0, -1, false)) do
  if l:match("^extends:") then extends = i end
end
local at = { textDocument = { uri = vim.uri_from_bufnr(other) }, position = { line = extends - 1, character = 12 } }
local found = vim.lsp.buf_request_sync(other, "textDocument/definition", at, 10000)
local uri = found and found[client] and found[client].result and found[client].result.uri or ""
if not uri:find("lines/personal%-business%.yaml$") then
  fail("definition: " .. uri)
end
say("definition: " .. uri:gsub(".*/examples/", "examples/"))
vim.lsp.stop_client(client)
vim.cmd("qa!")
