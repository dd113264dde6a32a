; Indentation (nvim-treesitter conventions).

[
  (shape_body)
  (enum_body)
  (operation_body)
  (node_object)
  (node_array)
  (trait)
  (apply_statement)
] @indent.begin

[
  "}"
  "]"
  ")"
] @indent.branch @indent.end

[
  (comment)
  (doc_comment)
] @indent.auto

(text_block) @indent.ignore
