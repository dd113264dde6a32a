; Scopes, definitions and references (plain `@local.*` captures, which both
; the tree-sitter CLI and editors understand).
; Interfaces, worlds and resources open scopes; type names declared in
; them are definitions, and named types are references.

[
  (source_file)
  (package_body)
  (interface_body)
  (world_body)
  (resource_body)
  (func_type)
  (constructor)
] @local.scope

(interface_item
  name: (identifier) @local.definition)
(world_item
  name: (identifier) @local.definition)

(type_item
  name: (identifier) @local.definition)
(record_item
  name: (identifier) @local.definition)
(variant_item
  name: (identifier) @local.definition)
(enum_item
  name: (identifier) @local.definition)
(flags_item
  name: (identifier) @local.definition)
(resource_item
  name: (identifier) @local.definition)

; `use x.{a}` and `use x.{a as b}` bring a type into scope under its
; final name.
(use_name
  name: (identifier) @local.definition
  !alias)
(use_name
  alias: (identifier) @local.definition)
(toplevel_use
  alias: (identifier) @local.definition)

(func_item
  name: (identifier) @local.definition)
(resource_method
  name: (identifier) @local.definition)
(static_method
  name: (identifier) @local.definition)

(param
  name: (identifier) @local.definition)
(record_field
  name: (identifier) @local.definition)
(variant_case
  name: (identifier) @local.definition)
(enum_case
  name: (identifier) @local.definition)
(flags_field
  name: (identifier) @local.definition)

(named_type
  name: (identifier) @local.reference)
(use_path
  interface: (identifier) @local.reference)
