-- Filetype detection for Smithy IDL and WIT. Recent Neovim releases know both
-- extensions already; this keeps older ones and unusual setups consistent.
vim.filetype.add({
  extension = {
    smithy = 'smithy',
    wit = 'wit',
  },
})
