; Tags: shape definitions and references.

(simple_shape
  name: (identifier) @name) @definition.type

(enum_shape
  name: (identifier) @name) @definition.enum

(int_enum_shape
  name: (identifier) @name) @definition.enum

(list_shape
  name: (identifier) @name) @definition.type

(set_shape
  name: (identifier) @name) @definition.type

(map_shape
  name: (identifier) @name) @definition.type

(structure_shape
  name: (identifier) @name) @definition.class

(union_shape
  name: (identifier) @name) @definition.class

(service_shape
  name: (identifier) @name) @definition.interface

(resource_shape
  name: (identifier) @name) @definition.class

(operation_shape
  name: (identifier) @name) @definition.method

(shape_member
  name: (identifier) @name) @definition.field

(elided_member
  name: (identifier) @name) @definition.field

(enum_member
  name: (identifier) @name) @definition.constant

(shape_member
  target: (shape_id
    name: (identifier) @name) @reference.type)

(mixins
  (shape_id
    name: (identifier) @name) @reference.type)

(apply_statement
  target: (shape_id
    name: (identifier) @name) @reference.type)

(trait
  id: (shape_id
    name: (identifier) @name) @reference.type)

(operation_property
  value: (shape_id
    name: (identifier) @name) @reference.type)

(operation_property
  value: (node_array
    (shape_id
      name: (identifier) @name) @reference.type))

(node_object_kvp
  value: (shape_id
    name: (identifier) @name) @reference.type)

(node_object_kvp
  value: (node_array
    (shape_id
      name: (identifier) @name) @reference.type))
