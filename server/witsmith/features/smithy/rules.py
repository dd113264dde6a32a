"""Every Smithy and wasmCloud rule, declared once with its code, default severity and summary."""

from witsmith.diagnostics import REFERENCE_IDS, Severity, rule

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFORMATION

SYNTAX_ERROR = rule("smithy/syntax-error", E, "the file does not follow the Smithy grammar")
SYNTAX_ORDER = rule("smithy/statement-order", E, "a control, metadata, namespace or use statement out of place")
INTERNAL_ERROR = rule("smithy/internal-error", E, "witsmith failed while reading the file")
INVALID_JSON_AST = rule("smithy/invalid-json-ast", E, "a JSON AST model that does not have the expected structure")
UNRESOLVED_SHAPE = rule("smithy/unresolved-shape", E, "a shape id that names no shape")
UNRESOLVED_TRAIT = rule("smithy/unresolved-trait", E, "a trait that names no trait shape")
NOT_A_TRAIT = rule("smithy/not-a-trait", E, "a shape used as a trait without the @trait trait")
UNLOADED_NAMESPACE = rule("smithy/namespace-not-loaded", W,
                          "a shape id in a namespace that no model of the workspace defines")
CONFLICTING_USE = rule("smithy/conflicting-use", E, "two `use` statements, or a `use` and a shape, claim the same name")
UNUSED_USE = rule("smithy/unused-use", W, "a `use` statement nothing refers to")
DUPLICATE_SHAPE = rule("smithy/duplicate-shape", E, "two shapes with the same name (ignoring case) in a namespace")
DUPLICATE_MEMBER = rule("smithy/duplicate-member", E, "a member, property or trait value key given twice")
DUPLICATE_NAMESPACE = rule("smithy/duplicate-namespace", E, "more than one namespace statement in a file")
DUPLICATE_CONTROL = rule("smithy/duplicate-control", E, "a control statement given twice")
UNKNOWN_CONTROL = rule("smithy/unknown-control", W, "a control statement Smithy does not define")
UNKNOWN_PROPERTY = rule("smithy/unknown-property", E, "a property that a service, resource or operation does not have")
INVALID_MEMBER = rule("smithy/invalid-member", E, "a member the shape's kind does not allow, or a required one missing")
MAP_KEY_NOT_STRING = rule("smithy/map-key-not-string", E, "a map key that does not target a string shape")
APPLY_UNKNOWN = rule("smithy/apply-to-unknown-shape", E, "an `apply` statement whose shape does not exist")
BAD_RELATIONSHIP = rule("smithy/invalid-relationship", E,
                        "a service, resource or operation that refers to a shape of the wrong kind or to nothing")
UNSUPPORTED_VERSION = rule("smithy/unsupported-version", E, "a `$version` Smithy does not define")
IDL2_ONLY = rule("smithy/idl-2-only", E, "IDL 2.0 syntax in an IDL 1.0 file")
TRAIT_TARGET = rule("smithy/trait-target", E, "a trait applied where its selector does not allow it")
TRAIT_VALUE = rule("smithy/trait-value", E, "a trait value that does not match the trait's shape")
UNKNOWN_TRAIT_MEMBER = rule("smithy/unknown-trait-member", W, "a trait value sets a member the trait's shape does not have")
INVALID_PATTERN = rule("smithy/invalid-pattern", E, "a @pattern whose regular expression does not compile")
HTTP_LABEL = rule("smithy/http-label", E, "an @http URI label without an @httpLabel member, or the reverse")
HTTP_QUERY = rule("smithy/http-query-conflict", E, "an @httpQuery name that is also a literal query key of the URI")
HTTP_URI = rule("smithy/http-uri", E, "an @http URI with more than one greedy label")
STRUCTURALLY_EXCLUSIVE = rule("smithy/structurally-exclusive", E,
                              "a trait a structure may use on one member only, found on several")
VALIDATION_METADATA = rule("smithy/invalid-validation-metadata", E,
                           "`suppressions`, `severityOverrides` or `validators` metadata Smithy cannot read")
METADATA_TYPE = rule("smithy/typed-metadata", E,
                     "a metadata value that does not match the shape its key is typed with, or a key typed twice")
SHAPE_CLOSURE = rule("smithy/shape-closure", E, "a `shapeClosures` metadata entry Smithy rejects")
RESOURCE_LIFECYCLE = rule("smithy/resource-lifecycle", E,
                          "a resource lifecycle operation without the @readonly or @idempotent its role needs")
REQUEST_COMPRESSION = rule("smithy/request-compression", E,
                           "@requestCompression on an operation without input, or with a stream of required length")
IO_MISUSE = rule("smithy/input-output-reuse", E, "a structure marked @input or @output used by several operations")
CORS = rule("smithy/cors", E, "@cors with both `origin` and `origins`")
HTTP_API_KEY = rule("smithy/http-api-key-auth", E, "@httpApiKeyAuth with a `scheme` but not sent in a header")
HTTP_HEADER_NAME = rule("smithy/http-header-name", E, "an @httpHeader name that is not a valid HTTP header name")
EXTERNAL_DOCS_URL = rule("smithy/external-documentation-url", E, "an @externalDocumentation link that is not a URL")
IDL_EDGE = rule("smithy/idl-version-edge", E,
                "IDL 1.0 syntax in a Smithy 2.0 model (`set`, @box), a numeric `$version`, or a `use` of a member")
UNKNOWN_USE = rule("smithy/use-of-unknown-shape", W, "a `use` of a shape that does not exist, which nothing refers to")
PAGINATED = rule("smithy/paginated", E, "@paginated naming a member that does not exist or has an unusable type")
PAGINATED_DISCOURAGED = rule("smithy/paginated-discouraged-type", E,
                             "@paginated naming a member of a type Smithy tolerates but advises against")
EVENT_STREAM = rule("smithy/event-stream-member", E, "a member of a @streaming union that does not target a structure")
REFERENCES = rule("smithy/references", E, "a @references whose identifiers the structure does not bind")
HTTP_URI_CONFLICT = rule("smithy/http-uri-conflict", E, "two operations of a service with the same HTTP method and URI")
TRAIT_VALIDATORS = rule("smithy/trait-validators", E, "a @traitValidators key that is not a valid event id")
DEFAULT_RANGE = rule("smithy/default-out-of-range", W, "a default value outside the @range of its target")
TRAIT_CONFLICT = rule("smithy/duplicate-trait", E, "the same trait applied twice to a shape with different values")
MIXIN_ERROR = rule("smithy/invalid-mixin", E, "a mixin that is not a mixin, of another kind, or in a cycle")
RECURSION = rule("smithy/invalid-recursion", E, "a shape that contains itself in a way no value can satisfy")
SERVICE_CLOSURE = rule("smithy/service-closure-conflict", E,
                      "a service closure with two shapes of one name, or an operation or resource bound twice")
JSON_NAME = rule("smithy/json-name-conflict", E, "two members of a shape with the same JSON name")
RENAME = rule("smithy/invalid-rename", E, "a service `rename` entry that cannot apply")
ELISION_ERROR = rule("smithy/invalid-elision", E, "an elided member that no mixin or resource defines")
ENUM_VALUE = rule("smithy/invalid-enum-value", E, "an enum or intEnum value of the wrong type or repeated")
METADATA_CONFLICT = rule("smithy/metadata-conflict", E, "the same metadata key defined in two files")
TOO_DEEP = rule("smithy/too-deeply-nested", E, "a node value nested deeper than witsmith reads")
RESOURCE_IDENTIFIER_BINDING = rule("smithy/resource-identifier-binding", E,
                                   "a resource operation whose input binds the wrong set of identifiers")
RESOURCE_PROPERTY_BINDING = rule("smithy/resource-property-binding", E,
                                 "a resource operation member that is no property, or a property no operation uses")
SELECTOR_LINTER = rule("smithy/selector-linter", E,
                       "a shape an `EmitEachSelector` validator of the model's `validators` metadata matches")
REQUIRES_LENGTH_OUTPUT = rule("smithy/requires-length-output", E,
                              "an operation output with a stream marked @requiresLength")
NO_INLINE_DOCUMENTS = rule("smithy/no-inline-document-support", E,
                           "a service whose protocol cannot carry documents, with a document shape in its closure")
RANGE_INTEGRAL = rule("smithy/range-not-integral", E, "a @range bound with decimals on a shape of whole numbers")
SHAPE_CLOSURE_EMPTY_SELECTOR = rule("smithy/shape-closure-empty-selector", E,
                                    "a shape closure whose `includeBySelector` matches no shape")
CONFLICTING_SHAPE_NAME = rule("smithy/shape-conflicts-with-use", E, "a shape with the name of an imported shape")

WC_NO_WASMBUS = rule("wasmcloud/missing-wasmbus", W, "a wasmCloud service without @wasmbus")
WC_NO_CONTRACT = rule("wasmcloud/missing-contract-id", E, "a provider-received service without a contractId")
WC_EMPTY_CONTRACT = rule("wasmcloud/empty-contract-id", E, "an empty contractId")
WC_NO_RECEIVER = rule("wasmcloud/no-receiver", W, "@wasmbus with neither actorReceive nor providerReceive")
WC_BAD_PROTOCOL = rule("wasmcloud/invalid-protocol", E, "a wasmbus protocol other than \"0\" or \"2\"")
WC_OPTIONAL_IO = rule("wasmcloud/optional-operation-io", W, "an operation input or output that may be absent")
WC_MAP_KEY = rule("wasmcloud/map-key-not-string", E, "a map key other than String")
WC_UNSUPPORTED = rule("wasmcloud/unsupported-shape", E, "a shape kind wasmCloud's code generators do not support")
WC_PARTIAL = rule("wasmcloud/partially-supported-shape", I, "a shape kind wasmCloud supports only partly")
WC_FIELD_NUMBERS = rule("wasmcloud/field-numbers", E, "@n field numbers missing on some members or repeated")
WC_UNION_PROTOCOL = rule("wasmcloud/union-needs-protocol-2", E, "a service reaching a union without protocol \"2\"")
WC_METADATA = rule("wasmcloud/package-metadata", W, "`metadata package` entries of the wrong form")
WC_CASE = rule("wasmcloud/case-mismatch", W, "a shape name that matches only ignoring case, which weld accepts")
WC_TRAIT_TARGET = rule("wasmcloud/trait-target", W, "a trait outside its selector, which weld accepts but Smithy rejects")
WC_TRAIT_VALUE = rule("wasmcloud/trait-value", W, "a trait value that does not fit its shape, which weld accepts but Smithy rejects")
WC_IDL2 = rule("wasmcloud/idl-2-unsupported", E, "IDL 2.0 syntax that weld's code generator cannot read")
WC_IO_LIST = rule("wasmcloud/operation-io-list", E, "an operation input or output written as a list of shapes")
WC_UNSIGNED_RANGE = rule("wasmcloud/unsigned-negative-range", E, "a negative @range on an @unsignedInt number")
WC_REQUIRED_BOX = rule("wasmcloud/required-and-box", W, "a member both @required and @box, which weld treats as optional")
WC_CONTRACT_FORMAT = rule("wasmcloud/invalid-contract-id", E, "a contractId that is not of the form `namespace:name`")
WC_DOUBLE_DOCS = rule("wasmcloud/duplicate-documentation", W, "`///` comments and @documentation on the same shape or member")

RULES_BY_CODE = {r.code: r for r in globals().values() if hasattr(r, "code") and hasattr(r, "severity")}

# The Smithy validation event each rule corresponds to, and the severity Smithy gives it: a
# suppression or severity override written for `smithy build` applies to witsmith's diagnostic
# too (Smithy never suppresses an ERROR).  Rules of witsmith's own (project files, unused `use`)
# have none.
SMITHY_EVENTS: dict[str, tuple[str, str]] = {
    SYNTAX_ERROR.code: ("Model", "ERROR"),
    SYNTAX_ORDER.code: ("Model", "ERROR"),
    INVALID_JSON_AST.code: ("Model", "ERROR"),
    UNRESOLVED_SHAPE.code: ("Target.UnresolvedShape", "ERROR"),
    UNRESOLVED_TRAIT.code: ("Model.UnresolvedTrait", "ERROR"),
    NOT_A_TRAIT.code: ("Model", "ERROR"),
    CONFLICTING_USE.code: ("Model", "ERROR"),
    DUPLICATE_SHAPE.code: ("ShapeIdConflict", "ERROR"),
    DUPLICATE_MEMBER.code: ("Model", "ERROR"),
    DUPLICATE_NAMESPACE.code: ("Model", "ERROR"),
    DUPLICATE_CONTROL.code: ("Model", "ERROR"),
    UNKNOWN_CONTROL.code: ("Model", "WARNING"),
    UNKNOWN_PROPERTY.code: ("Model", "ERROR"),
    INVALID_MEMBER.code: ("Model", "ERROR"),
    MAP_KEY_NOT_STRING.code: ("Target", "ERROR"),
    APPLY_UNKNOWN.code: ("Model", "ERROR"),
    BAD_RELATIONSHIP.code: ("Target", "ERROR"),
    UNSUPPORTED_VERSION.code: ("Model", "ERROR"),
    IDL2_ONLY.code: ("Model", "ERROR"),
    TRAIT_TARGET.code: ("TraitTarget", "ERROR"),
    TRAIT_VALUE.code: ("TraitValue", "ERROR"),
    UNKNOWN_TRAIT_MEMBER.code: ("TraitValue.UnknownMember", "WARNING"),
    INVALID_PATTERN.code: ("Model", "ERROR"),
    HTTP_LABEL.code: ("HttpLabelTrait", "ERROR"),
    HTTP_QUERY.code: ("HttpQueryTrait", "ERROR"),
    HTTP_URI.code: ("HttpUriGreedyLabel.MultipleGreedyLabels", "DANGER"),
    STRUCTURALLY_EXCLUSIVE.code: ("ExclusiveStructureMemberTrait", "ERROR"),
    VALIDATION_METADATA.code: ("Model", "ERROR"),
    METADATA_TYPE.code: ("TypedMetadata", "ERROR"),
    IDL_EDGE.code: ("Model", "ERROR"),
    TRAIT_VALIDATORS.code: ("TraitValidators", "ERROR"),
    HTTP_URI_CONFLICT.code: ("HttpUriConflict", "ERROR"),
    REFERENCES.code: ("ReferencesTrait", "ERROR"),
    EVENT_STREAM.code: ("StreamingTrait", "ERROR"),
    PAGINATED.code: ("PaginatedTrait", "ERROR"),
    PAGINATED_DISCOURAGED.code: ("PaginatedTrait.WrongShapeType", "DANGER"),
    UNKNOWN_USE.code: ("Model", "WARNING"),
    RESOURCE_LIFECYCLE.code: ("ResourceLifecycle", "ERROR"),
    REQUEST_COMPRESSION.code: ("RequestCompressionTrait", "ERROR"),
    IO_MISUSE.code: ("OperationInputOutputMisuse", "ERROR"),
    CORS.code: ("CorsTrait", "ERROR"),
    HTTP_API_KEY.code: ("HttpApiKeyAuthTrait", "ERROR"),
    HTTP_HEADER_NAME.code: ("HttpHeaderTrait", "DANGER"),
    EXTERNAL_DOCS_URL.code: ("Model", "ERROR"),
    SHAPE_CLOSURE.code: ("ShapeClosure", "ERROR"),
    DEFAULT_RANGE.code: ("DefaultTrait", "WARNING"),
    TRAIT_CONFLICT.code: ("TraitConflict", "ERROR"),
    MIXIN_ERROR.code: ("Model", "ERROR"),
    RECURSION.code: ("ShapeRecursion", "ERROR"),
    SERVICE_CLOSURE.code: ("Service", "ERROR"),
    JSON_NAME.code: ("JsonName", "ERROR"),
    RENAME.code: ("Service", "ERROR"),
    ELISION_ERROR.code: ("Model", "ERROR"),
    ENUM_VALUE.code: ("EnumShape", "ERROR"),
    METADATA_CONFLICT.code: ("Model", "ERROR"),
    CONFLICTING_SHAPE_NAME.code: ("Model", "ERROR"),
    RESOURCE_IDENTIFIER_BINDING.code: ("ResourceIdentifierBinding", "ERROR"),
    RESOURCE_PROPERTY_BINDING.code: ("ResourceOperationInputOutput", "ERROR"),
    REQUIRES_LENGTH_OUTPUT.code: ("StreamingTrait", "ERROR"),
    NO_INLINE_DOCUMENTS.code: ("NoInlineDocumentSupport", "ERROR"),
    RANGE_INTEGRAL.code: ("RangeTrait", "ERROR"),
    SHAPE_CLOSURE_EMPTY_SELECTOR.code: ("ShapeClosure.EmptySelector", "DANGER"),
}
REFERENCE_IDS.update({code: event for code, (event, _) in SMITHY_EVENTS.items()})

# Validators Smithy runs by default, each with the event id (and severity) Smithy reports.
HTTP_URI_PATTERN = rule("smithy/http-uri-pattern", E, "an @http URI that Smithy's URI pattern parser rejects")
HTTP_URI_FORMAT = rule("smithy/http-uri-format", E, "an @http URI with characters outside US-ASCII")
HTTP_GREEDY_LABEL_NOT_LAST = rule("smithy/http-greedy-label-not-last", E,
                                  "an @http URI whose greedy label is followed by another label")
HTTP_METHOD_CASE = rule("smithy/http-method-case", W, "an @http method written in lower or mixed case")
HTTP_METHOD_OPTIONS = rule("smithy/http-method-options", W, "an operation modelled with the OPTIONS method")
HTTP_METHOD_MISSING_READONLY = rule("smithy/http-method-missing-readonly", W,
                                    "a GET, HEAD, OPTIONS or TRACE operation without @readonly")
HTTP_METHOD_UNNECESSARY_READONLY = rule("smithy/http-method-unnecessary-readonly", W,
                                        "a @readonly operation bound to a method that changes state")
HTTP_METHOD_MISSING_IDEMPOTENT = rule("smithy/http-method-missing-idempotent", W,
                                      "a PUT or DELETE operation without @idempotent")
HTTP_METHOD_UNNECESSARY_IDEMPOTENT = rule("smithy/http-method-unnecessary-idempotent", W,
                                          "an @idempotent operation bound to a safe method (GET, HEAD, ...)")
HTTP_METHOD_PAYLOAD = rule("smithy/http-method-payload", E,
                           "a GET, HEAD, DELETE or TRACE operation whose input is sent in the request body")
IDEMPOTENCY_TOKEN_IGNORED = rule("smithy/idempotency-token-ignored", W,
                                 "an @idempotencyToken member of a structure that is not only an operation input")
IDEMPOTENT_ERRORS = rule("smithy/idempotent-errors", E,
                         "@idempotent with both `exists` and `notFound`, or naming an error the operation lacks")
EXAMPLES = rule("smithy/examples", E, "an @examples entry that does not fit the operation's input, output or errors")
EXAMPLES_UNKNOWN_MEMBER = rule("smithy/examples-unknown-member", W,
                               "an @examples value that sets a member its structure does not have")
EXAMPLES_CONSTRAINT_ALLOWED = rule("smithy/examples-constraint-allowed", W,
                                  "an @examples value that breaks a constraint its example allows it to break")
SELECTOR_LINTER_NO_MATCH = rule("smithy/selector-linter-no-match", E,
                                "an `EmitNoneSelector` validator of the model's `validators` metadata that matches no shape")

SMITHY_EVENTS.update({
    HTTP_URI_PATTERN.code: ("Model", "ERROR"),
    HTTP_URI_FORMAT.code: ("HttpUriFormat", "ERROR"),
    HTTP_GREEDY_LABEL_NOT_LAST.code: ("HttpUriGreedyLabel.GreedyLabelIsNotLastLabel", "DANGER"),
    HTTP_METHOD_CASE.code: ("HttpMethodSemantics", "WARNING"),
    HTTP_METHOD_OPTIONS.code: ("HttpMethodSemantics.OPTIONS", "WARNING"),
    HTTP_METHOD_MISSING_READONLY.code: ("HttpMethodSemantics.MissingReadonlyTrait", "WARNING"),
    HTTP_METHOD_UNNECESSARY_READONLY.code: ("HttpMethodSemantics.UnnecessaryReadonlyTrait", "WARNING"),
    HTTP_METHOD_MISSING_IDEMPOTENT.code: ("HttpMethodSemantics.MissingIdempotentTrait", "WARNING"),
    HTTP_METHOD_UNNECESSARY_IDEMPOTENT.code: ("HttpMethodSemantics.UnnecessaryIdempotentTrait", "WARNING"),
    HTTP_METHOD_PAYLOAD.code: ("HttpMethodSemantics.UnexpectedPayload", "DANGER"),
    IDEMPOTENCY_TOKEN_IGNORED.code: ("IdempotencyTokenIgnored", "WARNING"),
    IDEMPOTENT_ERRORS.code: ("IdempotentTrait", "ERROR"),
    EXAMPLES.code: ("ExamplesTrait", "ERROR"),
    EXAMPLES_UNKNOWN_MEMBER.code: ("ExamplesTrait.UnknownMember", "WARNING"),
    EXAMPLES_CONSTRAINT_ALLOWED.code: ("ExamplesTrait", "WARNING"),
})
RULES_BY_CODE.update({r.code: r for r in (
    HTTP_URI_PATTERN, HTTP_URI_FORMAT, HTTP_GREEDY_LABEL_NOT_LAST, HTTP_METHOD_CASE, HTTP_METHOD_OPTIONS,
    HTTP_METHOD_MISSING_READONLY, HTTP_METHOD_UNNECESSARY_READONLY, HTTP_METHOD_MISSING_IDEMPOTENT,
    HTTP_METHOD_UNNECESSARY_IDEMPOTENT, HTTP_METHOD_PAYLOAD, IDEMPOTENCY_TOKEN_IGNORED, IDEMPOTENT_ERRORS,
    EXAMPLES, EXAMPLES_UNKNOWN_MEMBER, EXAMPLES_CONSTRAINT_ALLOWED, SELECTOR_LINTER_NO_MATCH)})
REFERENCE_IDS.update({code: event for code, (event, _) in SMITHY_EVENTS.items()})
