; Scopes, definitions and references.
;
; A Smithy file is a single namespace: every shape name is visible in the
; whole file, so the file is the only scope. Member names are definitions
; local to their shape.

(source_file) @local.scope

(simple_shape
  name: (identifier) @local.definition)

(enum_shape
  name: (identifier) @local.definition)

(int_enum_shape
  name: (identifier) @local.definition)

(list_shape
  name: (identifier) @local.definition)

(set_shape
  name: (identifier) @local.definition)

(map_shape
  name: (identifier) @local.definition)

(structure_shape
  name: (identifier) @local.definition)

(union_shape
  name: (identifier) @local.definition)

(service_shape
  name: (identifier) @local.definition)

(resource_shape
  name: (identifier) @local.definition)

(operation_shape
  name: (identifier) @local.definition)

(use_statement
  shape_id: (shape_id
    name: (identifier) @local.definition))

(shape_member
  name: (identifier) @local.definition)

(elided_member
  name: (identifier) @local.definition)

(enum_member
  name: (identifier) @local.definition)

; Every other shape id names a shape defined elsewhere.
(shape_member
  target: (shape_id
    name: (identifier) @local.reference))

(mixins
  (shape_id
    name: (identifier) @local.reference))

(apply_statement
  target: (shape_id
    name: (identifier) @local.reference))

(trait
  id: (shape_id
    name: (identifier) @local.reference))

(_
  resource: (shape_id
    name: (identifier) @local.reference))

(operation_property
  value: (shape_id
    name: (identifier) @local.reference))

(node_array
  (shape_id
    name: (identifier) @local.reference))

(node_object_kvp
  value: (shape_id
    name: (identifier) @local.reference))
