; Foldable regions: every brace-delimited body, parameter lists that span
; lines, and runs of comments.
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
  (include_item)
  (use_item)
  (comment)
] @fold
