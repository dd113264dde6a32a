"""Short explanations of Smithy's keywords and property names, in our own words,
for hover and for the documentation of completion items."""

from __future__ import annotations

SHAPE_KEYWORDS = {
    "blob": "A simple shape of uninterpreted bytes.",
    "boolean": "A simple shape holding `true` or `false`.",
    "string": "A simple shape of UTF-8 text. Constrain it with `@length` or `@pattern`.",
    "byte": "A simple shape: a signed 8-bit integer.",
    "short": "A simple shape: a signed 16-bit integer.",
    "integer": "A simple shape: a signed 32-bit integer.",
    "long": "A simple shape: a signed 64-bit integer.",
    "float": "A simple shape: a single precision IEEE-754 number.",
    "double": "A simple shape: a double precision IEEE-754 number.",
    "bigInteger": "A simple shape: an integer of any size.",
    "bigDecimal": "A simple shape: a decimal number of any precision.",
    "timestamp": "A simple shape: an instant in time. `@timestampFormat` says how it is serialized.",
    "document": "A simple shape holding any untyped value (null, boolean, number, string, list or map).",
    "enum": "A string shape limited to a fixed set of named values (IDL 2.0):\n\n"
            "```smithy\nenum Color {\n    RED = \"red\"\n    GREEN = \"green\"\n}\n```",
    "intEnum": "An integer shape limited to a fixed set of named values (IDL 2.0); every member needs `= number`.",
    "list": "An ordered collection; its single member is named `member`:\n\n"
            "```smithy\nlist Names {\n    member: String\n}\n```",
    "set": "An IDL 1.0 collection of unique values. In IDL 2.0 write a `list` with `@uniqueItems` instead.",
    "map": "A collection of key–value pairs; its members are `key` (a string shape) and `value`.",
    "structure": "A fixed set of named members, each targeting a shape:\n\n"
                 "```smithy\nstructure Person {\n    @required\n    name: String\n    age: Integer\n}\n```",
    "union": "A tagged union: exactly one of its members is set.",
    "service": "The entry point of an API: its `version`, `operations`, `resources` and common `errors`. "
               "wasmCloud contracts mark it with `@wasmbus`.",
    "resource": "An entity with `identifiers`, lifecycle operations (`create`, `read`, `update`, `delete`, `list`, `put`) "
                "and child `resources`.",
    "operation": "A call of a service, with `input`, `output` and `errors`:\n\n"
                 "```smithy\noperation GetThing {\n    input: GetThingInput\n    output: GetThingOutput\n"
                 "    errors: [NotFound]\n}\n```",
}

STATEMENT_KEYWORDS = {
    "namespace": "Declares the namespace of every shape defined in this file (one per file, after the control "
                 "and metadata statements).",
    "use": "Imports a shape from another namespace, so this file can refer to it by its name alone. "
           "`use` statements come right after the `namespace` line.",
    "apply": "Adds traits to a shape or member defined elsewhere, without editing its definition:\n\n"
             "```smithy\napply Thing$name @documentation(\"The name\")\n```",
    "metadata": "Sets a model-wide metadata value (`metadata key = value`). Values of one key from several files "
                "are merged when they are lists and must be equal otherwise.",
    "with": "Lists the mixins whose members and traits this shape copies.",
    "for": "Binds the shape to a resource, so its members can be elided (`$id`) and taken from the resource's "
           "identifiers and properties.",
    ":=": "Defines the operation's input or output structure inline; it is named after the operation "
          "(`<Operation>Input` / `<Operation>Output`).",
    "$": "Marks an elided member: its target comes from a mixin or from the resource named after `for`.",
}

CONTROL_KEYS = {
    "version": "The IDL version of this file: `\"2\"` (or `\"2.0\"`) or `\"1.0\"`. Files without it are read as IDL 1.0; "
               "wasmCloud contracts are IDL 1.0.",
    "operationInputSuffix": "The suffix of inline input structures (`Input` unless set here).",
    "operationOutputSuffix": "The suffix of inline output structures (`Output` unless set here).",
}

METADATA_KEYS = {
    "suppressions": "Silences validation events, each `{ id: \"EventId\", namespace: \"ns\" }`.",
    "validators": "Adds validators to the model, each `{ name: \"ValidatorName\", ... }`.",
    "severityOverrides": "Raises the severity of validation events.",
}

PROPERTY_KEYS = {
    "service": {
        "version": "The version of the service, a free-form string.",
        "operations": "The operations the service offers directly, by shape id.",
        "resources": "The resources the service binds, by shape id.",
        "errors": "Errors any operation of the service may return.",
        "rename": "Short names for shapes whose names conflict in the service closure: `{ \"ns#Shape\": \"NewName\" }`.",
    },
    "operation": {
        "input": "The structure the operation takes (`smithy.api#Unit` when it takes nothing).",
        "output": "The structure the operation returns (`smithy.api#Unit` when it returns nothing).",
        "errors": "The error structures (marked `@error`) the operation may return.",
    },
    "resource": {
        "identifiers": "The names and targets of the members that identify an instance: `{ id: String }`.",
        "properties": "The names and targets of the resource's properties.",
        "create": "The operation that creates an instance, the service choosing its identifier.",
        "put": "The operation that creates or replaces an instance with a given identifier.",
        "read": "The operation that reads an instance.",
        "update": "The operation that updates an instance.",
        "delete": "The operation that deletes an instance.",
        "list": "The operation that lists instances.",
        "operations": "Other operations on one instance.",
        "collectionOperations": "Other operations on the collection of instances.",
        "resources": "Child resources.",
    },
}


def keyword_doc(word: str) -> str | None:
    return SHAPE_KEYWORDS.get(word) or STATEMENT_KEYWORDS.get(word)
