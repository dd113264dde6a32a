-- witsmith, the language server for Smithy IDL and WIT, in the Neovim >= 0.11
-- `vim.lsp.config` format. With this folder on 'runtimepath', enabling it is:
--
--     vim.lsp.enable('witsmith')
--
-- Override any field with `vim.lsp.config('witsmith', { ... })`.

---@type vim.lsp.Config
return {
  cmd = { 'witsmith', 'serve' },
  filetypes = { 'smithy', 'wit' },
  -- Searched in this order, upwards from the file: a wasmCloud codegen or Smithy
  -- build file, a WIT package folder (`wit/`) or wkg manifest, then the repository.
  root_markers = { 'codegen.toml', 'smithy-build.json', 'wit', 'wkg.toml', '.git' },
  -- Settings go in the `witsmith` section (sent with workspace/didChangeConfiguration), e.g.
  --   settings = { witsmith = { rules = { ['wit/unknown-type'] = 'warning' },
  --                             wit = { features = { 'active' } } } }
}
