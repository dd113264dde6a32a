; Indentation (nvim-treesitter conventions).
[
  (package_body)
  (interface_body)
  (world_body)
  (record_body)
  (variant_body)
  (enum_body)
  (flags_body)
  (resource_body)
  (param_list)
  (use_item)
  (include_item)
] @indent.begin

(tuple_type) @indent.begin

[
  "}"
  ")"
] @indent.branch @indent.end

">" @indent.branch

(comment) @indent.auto
