-- caulk for Neovim: diagnostics, code actions and hover for Dockerfiles and
-- Kubernetes manifests, through `caulk server` and Neovim's built-in client.
--
-- Usage (init.lua), after putting this file on your runtimepath as
-- lua/caulk.lua:
--   require("caulk").setup()                       -- `caulk` from PATH
--   require("caulk").setup({ cmd = { "/path/to/caulk", "server" } })
--
-- Neovim 0.8+ uses vim.lsp.start, which reuses one server per root folder.
-- Neovim 0.7 has no vim.lsp.start: this file falls back to
-- vim.lsp.start_client + vim.lsp.buf_attach_client, one server per root.

local M = {}

local defaults = {
  cmd = { "caulk", "server" },
  filetypes = { "dockerfile", "yaml", "json" },
  -- The nearest folder holding one of these is the root; configuration is
  -- still found per file, exactly as `caulk check` finds it.
  root_markers = { ".caulk.yaml", ".caulk.yml", "caulk.yaml", ".hadolint.yaml", ".hadolint.yml", ".git" },
}

local function root_dir(bufnr, markers)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local start = name ~= "" and vim.fn.fnamemodify(name, ":p:h") or vim.loop.cwd()
  local found = vim.fs and vim.fs.find and vim.fs.find(markers, { path = start, upward = true })[1]
  if not found then
    -- 0.7 has no vim.fs: walk up by hand.
    local dir = start
    while dir and dir ~= "" do
      for _, marker in ipairs(markers) do
        if vim.loop.fs_stat(dir .. "/" .. marker) then
          return dir
        end
      end
      local parent = vim.fn.fnamemodify(dir, ":h")
      if parent == dir then
        break
      end
      dir = parent
    end
    return start
  end
  return vim.fn.fnamemodify(found, ":h")
end

local clients_by_root = {} -- only for the 0.7 fallback

local function attach(bufnr, opts)
  local root = root_dir(bufnr, opts.root_markers)
  local config = {
    name = "caulk",
    cmd = opts.cmd,
    root_dir = root,
    on_attach = opts.on_attach,
    capabilities = opts.capabilities,
  }
  if vim.lsp.start then
    vim.lsp.start(config, { bufnr = bufnr })
    return
  end
  local id = clients_by_root[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(config)
    clients_by_root[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
end

function M.setup(opts)
  opts = vim.tbl_deep_extend("force", defaults, opts or {})
  local group = vim.api.nvim_create_augroup("caulk_lsp", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = opts.filetypes,
    callback = function(args)
      attach(args.buf, opts)
    end,
  })
end

return M
