-- Minimal user config for the headless Neovim in test_neovim.py: only the
-- witsmith plugin folder on 'runtimepath' (path in $WITSMITH_NVIM_PLUGIN),
-- exactly what the editors/README.md asks a user to write.
vim.opt.runtimepath:prepend(vim.env.WITSMITH_NVIM_PLUGIN)
vim.g.witsmith = { folds = true }
vim.lsp.enable('witsmith')
