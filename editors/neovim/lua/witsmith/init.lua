-- witsmith for Neovim: tree-sitter parsers and queries for Smithy IDL and WIT,
-- built from the `grammars/` folder of the witsmith repository.
--
-- The parsers are compiled into an install folder (by default
-- `stdpath('data')/witsmith`) laid out as a runtime directory:
--
--   parser/smithy.so  parser/wit.so
--   queries/smithy/*.scm  queries/wit/*.scm   (copied from grammars/<lang>/queries)
--
-- That folder is put at the front of 'runtimepath', so that our parsers and
-- queries are found before any other grammar for the same language names.

local M = {}

M.languages = { 'smithy', 'wit' }

local uv = vim.uv or vim.loop

local defaults = {
  -- Start tree-sitter highlighting in smithy and wit buffers.
  highlight = true,
  -- Use the tree-sitter fold queries (sets foldmethod=expr in the window).
  folds = false,
  -- Use the indent queries through nvim-treesitter's indentexpr, when installed.
  indent = false,
  -- Where the parsers and queries are installed (a runtime directory).
  install_dir = nil,
  -- The witsmith `grammars/` folder to build from; found next to this plugin when nil.
  grammars_dir = nil,
  -- C compiler; defaults to $CC, then cc, gcc, clang.
  compiler = nil,
  -- Say once how to install the parsers when a buffer has none.
  notify_missing = true,
}

M.config = vim.deepcopy(defaults)

local function join(...)
  return table.concat({ ... }, '/')
end

local function is_dir(path)
  local stat = path and uv.fs_stat(path)
  return stat ~= nil and stat.type == 'directory'
end

local function read_global()
  local g = vim.g.witsmith
  if type(g) == 'table' then
    M.config = vim.tbl_deep_extend('force', M.config, g)
  end
end

--- The folder this plugin lives in (`editors/neovim`).
function M.plugin_dir()
  local source = debug.getinfo(1, 'S').source:gsub('^@', '')
  -- <plugin>/lua/witsmith/init.lua
  return vim.fs.dirname(vim.fs.dirname(vim.fs.dirname(vim.fs.normalize(source))))
end

function M.install_dir()
  return vim.fs.normalize(M.config.install_dir or join(vim.fn.stdpath('data'), 'witsmith'))
end

--- The `grammars/` folder: an explicit argument, the setting, $WITSMITH_GRAMMARS,
--- or `../../grammars` from this plugin (a checkout of the witsmith repository).
function M.grammars_dir(explicit)
  local candidates = {
    M.config.grammars_dir,
    vim.env.WITSMITH_GRAMMARS,
    join(M.plugin_dir(), '..', '..', 'grammars'),
  }
  if explicit and explicit ~= '' then
    candidates = { explicit } -- asked for this one: no fallback
  end
  for i = 1, 3 do
    local dir = candidates[i]
    if type(dir) == 'string' and dir ~= '' then
      dir = vim.fs.normalize(vim.fn.fnamemodify(dir, ':p'))
      if is_dir(join(dir, 'smithy', 'src')) or is_dir(join(dir, 'wit', 'src')) then
        local real = (uv.fs_realpath(dir) or dir):gsub('/$', '')
        return real
      end
    end
  end
  return nil
end

--- Put the install folder at the front of 'runtimepath' (when it exists).
function M.add_to_runtimepath()
  local dir = M.install_dir()
  if not is_dir(dir) then
    return false
  end
  for _, entry in ipairs(vim.opt.runtimepath:get()) do
    if vim.fs.normalize(entry) == dir then
      return true
    end
  end
  vim.opt.runtimepath:prepend(dir)
  return true
end

local function compiler()
  local choices = { M.config.compiler, vim.env.CC, 'cc', 'gcc', 'clang' }
  for i = 1, 5 do
    local cc = choices[i]
    if type(cc) == 'string' and cc ~= '' and vim.fn.executable(cc) == 1 then
      return cc
    end
  end
  return nil
end

local function copy_file(from, to)
  local ok, err = uv.fs_copyfile(from, to)
  if not ok then
    error(string.format('cannot copy %s to %s: %s', from, to, err))
  end
end

--- Compile the parsers and copy the queries into the install folder.
--- Returns the list of installed languages; raises an error with the reason on failure.
---@param opts? { grammars_dir?: string, languages?: string[], quiet?: boolean }
function M.install_parsers(opts)
  opts = opts or {}
  local grammars = M.grammars_dir(opts.grammars_dir)
  if not grammars then
    error('witsmith: cannot find the grammars/ folder of witsmith; pass it as '
      .. ':WitsmithInstallParsers {dir}, or set g:witsmith.grammars_dir or $WITSMITH_GRAMMARS')
  end
  local cc = compiler()
  if not cc then
    error('witsmith: no C compiler found (set $CC or g:witsmith.compiler)')
  end
  local install = M.install_dir()
  vim.fn.mkdir(join(install, 'parser'), 'p')

  -- Compile every language at once, then wait for all of them.
  local jobs = {}
  for _, lang in ipairs(opts.languages or M.languages) do
    local src = join(grammars, lang, 'src')
    local files = { join(src, 'parser.c') }
    if uv.fs_stat(join(src, 'scanner.c')) then
      table.insert(files, join(src, 'scanner.c'))
    end
    local tmp = join(install, 'parser', lang .. '.so.tmp')
    local cmd = { cc, '-shared', '-fPIC', '-O2', '-std=c11', '-w', '-I', src }
    vim.list_extend(cmd, files)
    vim.list_extend(cmd, { '-o', tmp })
    jobs[#jobs + 1] = { lang = lang, tmp = tmp, proc = vim.system(cmd, { text = true }) }
  end

  local done = {}
  local failures = {}
  for _, job in ipairs(jobs) do
    local result = job.proc:wait()
    if result.code ~= 0 then
      table.insert(failures, string.format('%s: %s', job.lang, vim.trim(result.stderr or '')))
      os.remove(job.tmp)
    else
      -- Rename over the old library: a running Neovim keeps the one it loaded.
      local target = join(install, 'parser', job.lang .. '.so')
      assert(uv.fs_rename(job.tmp, target))
      local queries_to = join(install, 'queries', job.lang)
      vim.fn.delete(queries_to, 'rf')
      vim.fn.mkdir(queries_to, 'p')
      for name, kind in vim.fs.dir(join(grammars, job.lang, 'queries')) do
        if kind == 'file' and name:match('%.scm$') then
          copy_file(join(grammars, job.lang, 'queries', name), join(queries_to, name))
        end
      end
      table.insert(done, job.lang)
    end
  end
  if #failures > 0 then
    error('witsmith: compiling the parsers failed\n' .. table.concat(failures, '\n'))
  end

  M.add_to_runtimepath()
  -- A parser already loaded in this Neovim stays loaded: reinstalling takes a restart.
  -- Light up buffers that were opened before the parsers existed.
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(done, vim.bo[buf].filetype) then
      M.attach(buf, vim.bo[buf].filetype)
    end
  end
  if not opts.quiet then
    vim.notify(string.format('witsmith: installed parsers for %s into %s', table.concat(done, ', '), install))
  end
  return done
end

--- Whether Neovim can load our parser for `lang`.
function M.has_parser(lang)
  -- language.add raises (0.10) or returns nil and a message (0.11+) when there is none.
  if not pcall(vim.treesitter.language.add, lang) then
    return false
  end
  return (pcall(vim.treesitter.language.inspect, lang))
end

--- Start tree-sitter features in a smithy or wit buffer.
function M.attach(buf, lang)
  read_global()
  if not M.has_parser(lang) then
    if M.config.notify_missing then
      vim.notify_once('witsmith: no tree-sitter parser for ' .. lang
        .. '; run :WitsmithInstallParsers for syntax highlighting', vim.log.levels.INFO)
    end
    return false
  end
  if M.config.highlight then
    pcall(vim.treesitter.start, buf, lang)
  end
  if M.config.folds then
    for _, win in ipairs(vim.fn.win_findbuf(buf)) do
      vim.wo[win][0].foldmethod = 'expr'
      vim.wo[win][0].foldexpr = 'v:lua.vim.treesitter.foldexpr()'
    end
  end
  if M.config.indent then
    local ok = pcall(require, 'nvim-treesitter')
    if ok then
      vim.bo[buf].indentexpr = "v:lua.require'nvim-treesitter'.indentexpr()"
    end
  end
  return true
end

---@param opts? table see `defaults` at the top of this file
function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(defaults), opts or {})
  vim.g.witsmith = M.config
  M.add_to_runtimepath()
end

read_global()

return M
