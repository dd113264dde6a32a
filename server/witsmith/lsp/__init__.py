"""The language server: protocol plumbing over the features layer.

Handlers translate between the protocol and witsmith's plain data; features
compute.  Ranges cross between byte offsets and protocol positions only in
``witsmith.lsp.positions``.
"""
