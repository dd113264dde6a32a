-- witsmith: filetypes, tree-sitter parsers and queries for Smithy IDL and WIT.
-- The language server configuration is `lsp/witsmith.lua` (vim.lsp.enable('witsmith')).
if vim.g.loaded_witsmith then
  return
end
vim.g.loaded_witsmith = 1

if vim.fn.has('nvim-0.10') == 0 then
  vim.notify_once('witsmith: needs Neovim 0.10 or newer (0.11 for lsp/witsmith.lua)', vim.log.levels.WARN)
  return
end

local witsmith = require('witsmith')

-- Parsers and queries installed by :WitsmithInstallParsers come first on 'runtimepath'.
witsmith.add_to_runtimepath()

vim.api.nvim_create_user_command('WitsmithInstallParsers', function(cmd)
  local ok, err = pcall(witsmith.install_parsers, { grammars_dir = cmd.args ~= '' and cmd.args or nil })
  if not ok then
    vim.notify(tostring(err), vim.log.levels.ERROR)
  end
end, {
  nargs = '?',
  complete = 'dir',
  desc = 'Compile the witsmith tree-sitter parsers (Smithy, WIT) and install their queries',
})

vim.api.nvim_create_autocmd('FileType', {
  group = vim.api.nvim_create_augroup('witsmith', { clear = true }),
  pattern = witsmith.languages,
  callback = function(ev)
    witsmith.attach(ev.buf, ev.match)
  end,
})
