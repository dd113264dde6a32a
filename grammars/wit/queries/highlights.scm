; Syntax highlighting for WIT.

; Comments
(comment) @comment
(doc_comment) @comment.documentation

; Package names and paths
(package_name
  namespace: (identifier) @module)
(package_name
  name: (identifier) @module)
(use_path
  namespace: (identifier) @module)
(use_path
  package: (identifier) @module)
(use_path
  interface: (identifier) @type)

(version) @string.special
(integer) @number

; Feature gates
(since_gate
  "@" @attribute
  "since" @attribute)
(unstable_gate
  "@" @attribute
  "unstable" @attribute)
(deprecated_gate
  "@" @attribute
  "deprecated" @attribute)
(unstable_gate
  feature: (identifier) @constant)
[
  "version"
  "feature"
] @variable.parameter.builtin

; Declarations
(interface_item
  name: (identifier) @type)
(world_item
  name: (identifier) @type)
(type_item
  name: (identifier) @type.definition)
(record_item
  name: (identifier) @type.definition)
(variant_item
  name: (identifier) @type.definition)
(enum_item
  name: (identifier) @type.definition)
(flags_item
  name: (identifier) @type.definition)
(resource_item
  name: (identifier) @type.definition)

(func_item
  name: (identifier) @function)
(import_item
  name: (identifier) @function
  kind: (func_type))
(export_item
  name: (identifier) @function
  kind: (func_type))
(import_item
  name: (identifier) @module
  kind: [
    (interface_body)
    (use_path)
  ])
(export_item
  name: (identifier) @module
  kind: [
    (interface_body)
    (use_path)
  ])
(resource_method
  name: (identifier) @function.method)
(static_method
  name: (identifier) @function.method)
"constructor" @constructor

(param
  name: (identifier) @variable.parameter)
(record_field
  name: (identifier) @property)
(variant_case
  name: (identifier) @constant)
(enum_case
  name: (identifier) @constant)
(flags_field
  name: (identifier) @constant)

(use_name
  name: (identifier) @type)
(use_name
  alias: (identifier) @type)
(toplevel_use
  alias: (identifier) @module)
(include_name
  from: (identifier) @module)
(include_name
  to: (identifier) @module)

; Types
(named_type
  name: (identifier) @type)
(primitive_type) @type.builtin
[
  "list"
  "map"
  "option"
  "result"
  "tuple"
  "borrow"
  "own"
  "future"
  "stream"
] @type.builtin
(result_type
  "_" @variable.builtin)

; Keywords
[
  "package"
  "world"
  "interface"
  "type"
  "record"
  "variant"
  "enum"
  "flags"
  "resource"
] @keyword

[
  "use"
  "import"
  "export"
  "include"
] @keyword.import

[
  "as"
  "with"
] @keyword

"func" @keyword.function

[
  "async"
  "static"
] @keyword.modifier

; Punctuation and operators
[
  "("
  ")"
  "{"
  "}"
  "<"
  ">"
] @punctuation.bracket

[
  ","
  ";"
  ":"
  "."
  "/"
] @punctuation.delimiter

(package_name
  "@" @punctuation.special)
(use_path
  "@" @punctuation.special)

[
  "="
  "->"
] @operator
