-- Run inside a headless Neovim (see test_neovim.py): opens the files named in
-- the JSON spec at $WITSMITH_NVIM_SPEC, waits (bounded) for the language
-- server, and writes what it saw as JSON to the spec's `out` path.
-- It records facts only; the Python test decides what is expected.

local WAIT_MS = 10000

local spec = vim.json.decode(table.concat(vim.fn.readfile(vim.env.WITSMITH_NVIM_SPEC), '\n'))
local report = { files = {}, errors = {}, messages = {} }

local function record_error(where, err)
  table.insert(report.errors, where .. ': ' .. tostring(err))
end

-- Keep what the editor would show to a user (failed queries, plugin notices).
local notify = vim.notify
vim.notify = function(msg, level, opts)
  table.insert(report.messages, tostring(msg))
  return notify(msg, level, opts)
end

local function hover_text(result)
  if not result or not result.contents then
    return nil
  end
  local contents = result.contents
  if type(contents) == 'string' then
    return contents
  end
  if contents.value then
    return contents.value
  end
  local parts = {}
  for _, item in ipairs(contents) do
    table.insert(parts, type(item) == 'string' and item or item.value)
  end
  return table.concat(parts, '\n')
end

local function check_file(file)
  local out = { path = file.path }
  vim.cmd.edit(vim.fn.fnameescape(file.path))
  local buf = vim.api.nvim_get_current_buf()
  local win = vim.api.nvim_get_current_win()
  out.filetype = vim.bo[buf].filetype
  out.commentstring = vim.bo[buf].commentstring

  -- The client attaches and initializes.
  local client
  out.attached = vim.wait(WAIT_MS, function()
    client = vim.lsp.get_clients({ bufnr = buf, name = 'witsmith' })[1]
    return client ~= nil and client.initialized == true
  end, 20)
  if client then
    out.root_dir = client.config.root_dir
    out.server_name = client.server_info and client.server_info.name
    out.hover_provider = client.server_capabilities.hoverProvider and true or false
  end

  -- Diagnostics (pushed or pulled, either lands in vim.diagnostic).
  if file.expect_diagnostics then
    vim.wait(WAIT_MS, function()
      return #vim.diagnostic.get(buf) > 0
    end, 20)
  end
  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(out.diagnostics, {
      code = d.code, source = d.source, lnum = d.lnum, col = d.col,
      severity = d.severity, message = d.message,
    })
  end

  -- Hover, when the server offers it.
  if client and out.hover_provider and file.hover then
    vim.api.nvim_win_set_cursor(win, { file.hover[1] + 1, file.hover[2] })
    local params = vim.lsp.util.make_position_params(win, client.offset_encoding)
    local responses = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, WAIT_MS) or {}
    for _, response in pairs(responses) do
      if response.err then
        out.hover_error = vim.inspect(response.err)
      else
        out.hover = hover_text(response.result)
      end
    end
  end

  -- Tree-sitter: the parser, the highlighter, the queries, the captures.
  local lang = out.filetype
  out.parser_files = vim.api.nvim_get_runtime_file('parser/' .. lang .. '.*', true)
  out.highlighter_active = vim.treesitter.highlighter.active[buf] ~= nil
  local ok, parser = pcall(vim.treesitter.get_parser, buf, lang)
  if ok and parser then
    parser:parse(true)
    out.has_error = parser:trees()[1]:root():has_error()
  else
    record_error(file.path .. ' get_parser', parser)
  end
  out.queries = {}
  for _, name in ipairs({ 'highlights', 'folds', 'indents', 'injections', 'locals', 'tags' }) do
    local qok, query = pcall(vim.treesitter.query.get, lang, name)
    out.queries[name] = {
      ok = qok and query ~= nil,
      error = not qok and tostring(query) or nil,
      files = vim.treesitter.query.get_files(lang, name),
    }
  end
  out.captures = {}
  for _, pos in ipairs(file.captures or {}) do
    local names = {}
    for _, capture in ipairs(vim.treesitter.get_captures_at_pos(buf, pos[1], pos[2])) do
      table.insert(names, capture.lang .. ':' .. capture.capture)
    end
    out.captures[string.format('%d:%d', pos[1], pos[2])] = names
  end

  -- Folds from folds.scm (the plugin sets foldexpr when asked to).
  out.foldmethod = vim.wo[win].foldmethod
  out.foldexpr = vim.wo[win].foldexpr
  out.foldlevels = {}
  for _, lnum in ipairs(file.fold_lines or {}) do
    vim.wait(WAIT_MS, function()
      return vim.fn.foldlevel(lnum + 1) > 0
    end, 20)
    out.foldlevels[tostring(lnum)] = vim.fn.foldlevel(lnum + 1)
  end

  -- Format the buffer as a user (or a format-on-save autocommand) does.
  if client and file.format then
    out.formatting_provider = client.server_capabilities.documentFormattingProvider and true or false
    local lines_before = vim.api.nvim_buf_line_count(buf)
    vim.api.nvim_win_set_cursor(win, { lines_before, 0 })
    vim.lsp.buf.format({ bufnr = buf, timeout_ms = WAIT_MS })
    out.formatted = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
    out.modified = vim.bo[buf].modified
  end

  return out
end

local ok, err = xpcall(function()
  report.nvim_version = tostring(vim.version())
  report.lsp_config_cmd = vim.lsp.config.witsmith and vim.lsp.config.witsmith.cmd
  report.lsp_root_markers = vim.lsp.config.witsmith and vim.lsp.config.witsmith.root_markers
  for _, file in ipairs(spec.files) do
    local fok, result = xpcall(check_file, debug.traceback, file)
    if fok then
      table.insert(report.files, result)
    else
      record_error(file.path, result)
      table.insert(report.files, { path = file.path })
    end
  end
  -- :checkhealth witsmith, as a user would run it.
  vim.cmd('checkhealth witsmith')
  report.health = vim.api.nvim_buf_get_lines(0, 0, -1, false)
end, debug.traceback)
if not ok then
  record_error('check.lua', err)
end

vim.fn.writefile({ vim.json.encode(report) }, spec.out)
vim.cmd('qall!')
