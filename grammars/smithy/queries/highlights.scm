; Syntax highlighting for Smithy IDL.

; Comments

(comment) @comment

(doc_comment) @comment.documentation

; Keywords

[
  "namespace"
  "use"
  "metadata"
  "apply"
  "with"
  "for"
] @keyword

[
  "structure"
  "union"
  "list"
  "set"
  "map"
  "enum"
  "intEnum"
  "service"
  "operation"
  "resource"
] @keyword

(simple_shape
  type: _ @type.builtin)

; Control statements: `$version: "2"`

(control_statement
  "$" @punctuation.special
  key: (_) @constant)

(metadata_statement
  key: (_) @property)

; Namespaces and shape ids

(namespace_statement
  namespace: (namespace) @module)

(shape_id
  namespace: (namespace) @module)

(shape_id
  "#" @punctuation.delimiter)

(shape_id
  "$" @punctuation.delimiter
  member: (identifier) @variable.member)

; Shape definitions

(simple_shape
  name: (identifier) @type.definition)

(enum_shape
  name: (identifier) @type.definition)

(int_enum_shape
  name: (identifier) @type.definition)

(list_shape
  name: (identifier) @type.definition)

(set_shape
  name: (identifier) @type.definition)

(map_shape
  name: (identifier) @type.definition)

(structure_shape
  name: (identifier) @type.definition)

(union_shape
  name: (identifier) @type.definition)

(service_shape
  name: (identifier) @type.definition)

(resource_shape
  name: (identifier) @type.definition)

(operation_shape
  name: (identifier) @function)

; Shape references

; Prelude shapes (smithy.api) read as built-in types.
; The two patterns never match the same node, so editors that prefer the first
; or the last of overlapping patterns agree.

(shape_member
  target: (shape_id
    name: (identifier) @type.builtin)
  (#any-of? @type.builtin "Blob" "Boolean" "String" "Byte" "Short" "Integer" "Long" "Float" "Double" "BigInteger" "BigDecimal" "Timestamp" "Document" "Unit" "PrimitiveBoolean" "PrimitiveByte" "PrimitiveShort" "PrimitiveInteger" "PrimitiveLong" "PrimitiveFloat" "PrimitiveDouble"))

(shape_member
  target: (shape_id
    name: (identifier) @type)
  (#not-any-of? @type "Blob" "Boolean" "String" "Byte" "Short" "Integer" "Long" "Float" "Double" "BigInteger" "BigDecimal" "Timestamp" "Document" "Unit" "PrimitiveBoolean" "PrimitiveByte" "PrimitiveShort" "PrimitiveInteger" "PrimitiveLong" "PrimitiveFloat" "PrimitiveDouble"))

(use_statement
  shape_id: (shape_id
    name: (identifier) @type))

(apply_statement
  target: (shape_id
    name: (identifier) @type))

(mixins
  (shape_id
    name: (identifier) @type))

(_
  resource: (shape_id
    name: (identifier) @type))

; Members

(shape_member
  name: (identifier) @property)

(elided_member
  "$" @punctuation.special
  name: (identifier) @property)

(enum_member
  name: (identifier) @constant)

(operation_property
  key: (identifier) @property)

; Traits

(trait
  "@" @attribute
  id: (shape_id) @attribute)

; Node values

(node_object_kvp
  key: (identifier) @property)

(node_object_kvp
  key: (string) @property)

(string) @string

(text_block) @string

(escape_sequence) @string.escape

(number) @number

(boolean) @boolean

(null) @constant.builtin

(node_array
  (shape_id) @string.special)

(node_object_kvp
  value: (shape_id) @string.special)

(operation_property
  value: (shape_id) @type)

; Operators and punctuation

[
  "="
  ":"
  ":="
] @operator

[
  "."
  "#"
] @punctuation.delimiter

[
  "{"
  "}"
  "["
  "]"
  "("
  ")"
] @punctuation.bracket
