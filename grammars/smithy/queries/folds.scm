; Foldable regions.

[
  (shape_body)
  (enum_body)
  (operation_body)
  (node_object)
  (node_array)
  (trait_body)
  (text_block)
  (apply_statement)
] @fold
