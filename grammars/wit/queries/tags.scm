; Code navigation tags.

(interface_item
  name: (identifier) @name) @definition.interface

(world_item
  name: (identifier) @name) @definition.module

(package_decl
  name: (package_name) @name) @definition.module

(package_block
  name: (package_name) @name) @definition.module

[
  (type_item
    name: (identifier) @name)
  (record_item
    name: (identifier) @name)
  (variant_item
    name: (identifier) @name)
  (enum_item
    name: (identifier) @name)
  (flags_item
    name: (identifier) @name)
] @definition.type

(resource_item
  name: (identifier) @name) @definition.class

(func_item
  name: (identifier) @name) @definition.function

(import_item
  name: (identifier) @name
  kind: (func_type)) @definition.function

(export_item
  name: (identifier) @name
  kind: (func_type)) @definition.function

(import_item
  name: (identifier) @name
  kind: (interface_body)) @definition.interface

(export_item
  name: (identifier) @name
  kind: (interface_body)) @definition.interface

(resource_method
  name: (identifier) @name) @definition.method

(static_method
  name: (identifier) @name) @definition.method

(named_type
  name: (identifier) @name) @reference.type

(use_path
  interface: (identifier) @name) @reference.interface
