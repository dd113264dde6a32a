-- :checkhealth witsmith
local M = {}

function M.check()
  local health = vim.health
  local witsmith = require('witsmith')

  health.start('witsmith language server')
  if vim.fn.executable('witsmith') == 1 then
    health.ok('witsmith found: ' .. vim.fn.exepath('witsmith'))
  else
    health.error('witsmith is not on PATH', { 'install it from a clone of witsmith with pipx install . (or point cmd at it with vim.lsp.config)' })
  end
  if vim.fn.has('nvim-0.11') == 1 then
    local config = vim.lsp.config and vim.lsp.config.witsmith
    if config and config.cmd then
      health.ok('lsp/witsmith.lua found; enable it with vim.lsp.enable("witsmith")')
    else
      health.warn('lsp/witsmith.lua is not on runtimepath')
    end
  else
    health.warn('Neovim < 0.11: use the nvim-lspconfig snippet from editors/README.md')
  end

  health.start('witsmith tree-sitter parsers')
  health.info('install folder: ' .. witsmith.install_dir())
  local grammars = witsmith.grammars_dir()
  if grammars then
    health.ok('grammars folder: ' .. grammars)
  else
    health.info('grammars folder not found (needed only by :WitsmithInstallParsers)')
  end
  for _, lang in ipairs(witsmith.languages) do
    if witsmith.has_parser(lang) then
      local files = vim.treesitter.query.get_files(lang, 'highlights')
      local ok, err = pcall(vim.treesitter.query.get, lang, 'highlights')
      if ok then
        health.ok(string.format('%s: parser loaded, highlights from %s', lang, files[1] or '?'))
      else
        health.error(string.format('%s: highlight query does not compile: %s', lang, err),
          { 'another plugin may provide a different grammar under the same name; rerun :WitsmithInstallParsers' })
      end
    else
      health.warn(lang .. ': no parser', { 'run :WitsmithInstallParsers' })
    end
  end
end

return M
