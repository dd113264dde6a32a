"""The prelude namespace `smithy.api`, written for witsmith as a Smithy model.

The shapes, trait selectors and member types follow the Smithy 2.0
specification; the documentation text is our own.  It is parsed with the same
grammar as user files, so hover and go-to-definition work on it too.
"""

SOURCE = r'''$version: "2"

namespace smithy.api

/// A UTF-8 text value.
string String

/// Uninterpreted binary data.
blob Blob

/// An integer of any size.
bigInteger BigInteger

/// A decimal number of any precision.
bigDecimal BigDecimal

/// An instant in time, independent of any time zone.
timestamp Timestamp

/// An untyped value: null, boolean, number, string, list or map of documents.
document Document

/// True or false; may be absent.
boolean Boolean

/// True or false, defaulting to false.
@default(false)
boolean PrimitiveBoolean

/// A signed 8-bit integer.
byte Byte

/// A signed 8-bit integer defaulting to 0.
@default(0)
byte PrimitiveByte

/// A signed 16-bit integer.
short Short

/// A signed 16-bit integer defaulting to 0.
@default(0)
short PrimitiveShort

/// A signed 32-bit integer.
integer Integer

/// A signed 32-bit integer defaulting to 0.
@default(0)
integer PrimitiveInteger

/// A signed 64-bit integer.
long Long

/// A signed 64-bit integer defaulting to 0.
@default(0)
long PrimitiveLong

/// A single precision IEEE-754 number.
float Float

/// A single precision IEEE-754 number defaulting to 0.
@default(0)
float PrimitiveFloat

/// A double precision IEEE-754 number.
double Double

/// A double precision IEEE-754 number defaulting to 0.
@default(0)
double PrimitiveDouble

/// The absence of a value: an operation without input or output, or a union member without data.
@unitType
structure Unit {}

/// Marks a shape as a trait definition; `selector` limits where the trait may be applied.
@trait(selector: ":is(simpleType, list, map, structure, union)")
structure trait {
    /// The shapes this trait can be applied to.
    selector: String
    /// Traits that may not be applied together with this one.
    conflicts: NonEmptyStringList
    /// Member traits that only one member of a shape may carry.
    structurallyExclusive: StructurallyExclusive
    /// Rules that say which changes to this trait break compatibility.
    breakingChanges: TraitDiffRules
}

@private
list NonEmptyStringList {
    member: NonEmptyString
}

@private
@length(min: 1)
string NonEmptyString

@private
enum StructurallyExclusive {
    MEMBER = "member"
    TARGET = "target"
}

@private
list TraitDiffRules {
    member: TraitDiffRule
}

@private
structure TraitDiffRule {
    path: String
    @required
    change: TraitChangeType
    severity: Severity
    message: String
}

@private
enum TraitChangeType {
    UPDATE = "update"
    ADD = "add"
    REMOVE = "remove"
    PRESENCE = "presence"
    ANY = "any"
}

@private
enum Severity {
    NOTE = "NOTE"
    WARNING = "WARNING"
    DANGER = "DANGER"
    ERROR = "ERROR"
}

/// Marks a shape as a mixin: its members and traits are copied into shapes that use it.
@trait(selector: ":not(member)")
structure mixin {
    /// Traits of the mixin that are not copied.
    localTraits: LocalMixinTraitList
}

@private
list LocalMixinTraitList {
    @idRef(failWhenMissing: true, selector: "[trait|trait]")
    member: String
}

/// Documentation text, in CommonMark.
@trait
string documentation

/// Links to documentation kept elsewhere, by name.
@trait
@length(min: 1)
map externalDocumentation {
    key: NonEmptyString
    value: NonEmptyString
}

/// Marks a shape as deprecated.
@trait
structure deprecated {
    /// What to use instead.
    message: String
    /// When it was deprecated (a date or a version).
    since: String
}

/// The version or date the shape was added.
@trait
string since

/// Marks a shape as unstable: it may change in a later version.
@trait
structure unstable {}

/// The operation may hold the request open while it waits for something to happen.
@trait(selector: "operation")
@unstable
structure longPoll {
    /// How long, in milliseconds, a client should wait for the response.
    @required
    @range(min: 1)
    timeoutMillis: Integer
}

/// Tags for grouping and filtering shapes.
@trait
list tags {
    member: String
}

/// A human-readable name for a shape (a service, a resource, ...).
@trait
string title

/// Makes a shape usable only in its own namespace.
@trait
structure private {}

/// Marks a shape as internal, meant for filtering it out of public models.
@trait
structure internal {}

/// Marks data as sensitive: it must not be logged or displayed carelessly.
@trait(selector: ":not(:test(service, operation, resource, member))")
structure sensitive {}

/// Suppresses validation events by id.
@trait
list suppress {
    member: String
}

/// Marks a member as recommended for clients to set.
@trait(selector: "structure > member", conflicts: ["required"])
structure recommended {
    /// Why the member is recommended.
    reason: String
}

/// The constant values of a string shape (IDL 1.0 style; use `enum` shapes in IDL 2.0).
@trait(selector: "string :not(enum)")
@length(min: 1)
list enum {
    member: EnumDefinition
}

/// One value of an `@enum` trait.
@private
structure EnumDefinition {
    @required
    value: NonEmptyString
    name: EnumConstantBodyName
    documentation: String
    tags: NonEmptyStringList
    deprecated: PrimitiveBoolean
}

@private
@pattern("^[a-zA-Z_]+[a-zA-Z_0-9]*$")
string EnumConstantBodyName

/// The value of an enum or intEnum member.
@trait(selector: ":is(enum, intEnum) > member")
document enumValue

/// The default value of a member or shape.
@trait(selector: ":is(simpleType, list, map, structure > member :test(> :is(simpleType, list, map)))")
document default

/// Marks a default that was added after the member existed, so clients treat it as optional.
@trait(selector: "structure > member [trait|default]")
structure addedDefault {}

/// Marks a required member that clients must still treat as optional.
@trait(selector: "structure > member")
structure clientOptional {}

/// The member must be set.
@trait(selector: "structure > member")
structure required {}

/// Marks a structure as the input of exactly one operation.
@trait(selector: "structure", conflicts: ["output", "error"])
structure input {}

/// Marks a structure as the output of exactly one operation.
@trait(selector: "structure", conflicts: ["input", "error"])
structure output {}

/// Marks a structure as an error, caused by the client or by the server.
@trait(selector: "structure", conflicts: ["trait"])
enum error {
    CLIENT = "client"
    SERVER = "server"
}

/// Marks an error after which the request may be retried.
@trait(selector: "structure[trait|error]")
structure retryable {
    /// The error is caused by throttling.
    throttling: Boolean
}

/// Calling the operation again with the same input has no further effect.
@trait(selector: "operation", conflicts: ["readonly"])
structure idempotent {
    /// Errors a repeated call may return because the first call removed the resource.
    notFound: IdempotentErrors
    /// Errors a repeated call may return because the first call created the resource.
    exists: IdempotentErrors
}

@private
list IdempotentErrors {
    @idRef(failWhenMissing: true, selector: "structure [trait|error]")
    member: String
}

/// The operation changes nothing.
@trait(selector: "operation", conflicts: ["idempotent"])
structure readonly {}

/// A member filled with a unique token by clients when left unset, to make retries safe.
@trait(selector: "structure > :test(member > string)", structurallyExclusive: "member")
structure idempotencyToken {}

/// The operation returns its results a page at a time.
@trait(selector: ":is(service, operation)")
structure paginated {
    inputToken: String
    outputToken: String
    items: String
    pageSize: String
}

/// The HTTP method, URI pattern and status code of an operation.
@trait(selector: "operation")
structure http {
    @required
    method: NonEmptyString
    @required
    uri: NonEmptyString
    @range(min: 100, max: 999)
    code: Integer = 200
}

/// Binds a member to a label of the operation's URI.
@trait(selector: "structure > member[trait|required] :test(> :test(string, number, boolean, timestamp))", conflicts: ["httpHeader", "httpQuery", "httpPrefixHeaders", "httpPayload", "httpResponseCode", "httpQueryParams"])
structure httpLabel {}

/// Binds a member to a query string parameter.
@trait(selector: "structure > member :test(> :test(string, number, boolean, timestamp), > list > member > :test(string, number, boolean, timestamp))", conflicts: ["httpLabel", "httpHeader", "httpPrefixHeaders", "httpPayload", "httpResponseCode", "httpQueryParams"])
@length(min: 1)
string httpQuery

/// Binds a map member to the query string parameters not bound otherwise.
@trait(selector: "structure > member :test(> map > member[id|member=value] > :test(string, list > member > string))", structurallyExclusive: "member", conflicts: ["httpLabel", "httpQuery", "httpHeader", "httpPayload", "httpResponseCode", "httpPrefixHeaders"])
structure httpQueryParams {}

/// Binds a member to an HTTP header.
@trait(selector: "structure > :test(member > :test(boolean, number, string, timestamp, list > member > :test(boolean, number, string, timestamp)))", conflicts: ["httpLabel", "httpQuery", "httpPrefixHeaders", "httpPayload", "httpResponseCode", "httpQueryParams"])
@length(min: 1)
string httpHeader

/// Binds a map member to the headers that start with a prefix.
@trait(selector: "structure > member :test(> map :not([trait|sparse]) > member[id|member=value] > string)", structurallyExclusive: "member", conflicts: ["httpLabel", "httpQuery", "httpHeader", "httpPayload", "httpResponseCode", "httpQueryParams"])
string httpPrefixHeaders

/// Binds a member to the HTTP body.
@trait(selector: "structure > member", structurallyExclusive: "member", conflicts: ["httpLabel", "httpQuery", "httpHeader", "httpPrefixHeaders", "httpResponseCode", "httpQueryParams"])
structure httpPayload {}

/// Binds a member to the HTTP status code of a response.
@trait(selector: "structure :not([trait|input]) > member :test(> integer)", structurallyExclusive: "member", conflicts: ["httpLabel", "httpQuery", "httpHeader", "httpPrefixHeaders", "httpPayload", "httpQueryParams"])
structure httpResponseCode {}

/// The HTTP status code of an error.
@trait(selector: "structure[trait|error]")
@range(min: 200, max: 599)
integer httpError

/// Cross-origin resource sharing settings of a service.
@trait(selector: "service")
structure cors {
    /// One origin allowed to call the service; exclusive with `origins`.
    origin: NonEmptyString = "*"
    /// Named origins (for instance one per deployment stage); exclusive with `origin`.
    origins: NonEmptyStringMap
    /// Seconds a browser may cache a preflight response; -1 disables caching.
    maxAge: Integer = 600
    additionalAllowedHeaders: NonEmptyStringList
    additionalExposedHeaders: NonEmptyStringList
}

/// The operation requires a checksum of its request body.
@trait(selector: "operation")
structure httpChecksumRequired {}

/// The JSON property name of a member.
@trait(selector: ":is(structure, union) > member")
string jsonName

/// The media type of a blob or string.
@trait(selector: ":is(blob, string)")
string mediaType

/// How a timestamp is serialized.
@trait(selector: ":test(timestamp, member > timestamp)")
enum timestampFormat {
    DATE_TIME = "date-time"
    EPOCH_SECONDS = "epoch-seconds"
    HTTP_DATE = "http-date"
}

/// Serializes a member as an XML attribute.
@trait(selector: "structure > :test(member > :test(boolean, number, string, timestamp))", conflicts: ["xmlNamespace"])
structure xmlAttribute {}

/// Serializes a list or map member without a wrapping element.
@trait(selector: ":is(structure, union) > :test(member > :test(list, map))")
structure xmlFlattened {}

/// The XML element name of a shape or member.
@trait(selector: ":is(structure, union, member)")
@pattern("^[a-zA-Z_][a-zA-Z_0-9-]*(:[a-zA-Z_][a-zA-Z_0-9-]*)?$")
string xmlName

/// The XML namespace of a shape.
@trait(selector: ":is(service, member, simpleType, list, map, structure, union)", conflicts: ["xmlAttribute"])
structure xmlNamespace {
    @required
    uri: NonEmptyString
    @pattern("^[a-zA-Z_][a-zA-Z_0-9-]*$")
    prefix: String
}

/// A host prefix added to the endpoint of an operation.
@trait(selector: "operation")
structure endpoint {
    @required
    hostPrefix: NonEmptyString
}

/// Binds a member to a label of the endpoint's host prefix.
@trait(selector: "structure > :test(member[trait|required] > string)")
structure hostLabel {}

/// Marks data as a stream of bytes or events.
@trait(selector: ":is(blob, union)", structurallyExclusive: "target")
structure streaming {}

/// The stream must have a known size.
@trait(selector: "blob[trait|streaming]")
structure requiresLength {}

/// Binds an event member to a header of the event.
@trait(selector: "structure > :test(member > :test(boolean, byte, short, integer, long, blob, string, timestamp))", conflicts: ["eventPayload"])
structure eventHeader {}

/// Binds an event member to the payload of the event.
@trait(selector: "structure > :test(member > :test(blob, string, structure, union))", structurallyExclusive: "member", conflicts: ["eventHeader"])
structure eventPayload {}

/// The authentication schemes a service or operation supports, in order of preference.
@trait(selector: ":is(service, operation)")
@uniqueItems
list auth {
    @idRef(selector: "[trait|authDefinition]")
    member: String
}

/// Marks a trait as an authentication scheme.
@trait(selector: "structure[trait|trait]")
structure authDefinition {
    traits: TraitShapeIdList
}

@private
list TraitShapeIdList {
    @idRef(failWhenMissing: true, selector: "[trait|trait]")
    member: String
}

/// HTTP Basic authentication.
@trait(selector: "service")
@authDefinition
structure httpBasicAuth {}

/// HTTP Digest authentication.
@trait(selector: "service")
@authDefinition
structure httpDigestAuth {}

/// HTTP Bearer authentication.
@trait(selector: "service")
@authDefinition
structure httpBearerAuth {}

/// An API key sent in a header or a query parameter.
@trait(selector: "service")
@authDefinition
structure httpApiKeyAuth {
    @required
    name: NonEmptyString
    @required
    in: HttpApiKeyLocations
    scheme: NonEmptyString
}

@private
enum HttpApiKeyLocations {
    HEADER = "header"
    QUERY = "query"
}

/// The operation may be called without authentication.
@trait(selector: "operation")
structure optionalAuth {}

/// Marks a trait as a protocol definition.
@trait(selector: "structure[trait|trait]")
structure protocolDefinition {
    traits: TraitShapeIdList
    noInlineDocumentSupport: Boolean
}

/// Limits the length of a string, blob, list or map.
@trait(selector: ":test(list, map, string, blob, member > :is(list, map, string, blob))")
structure length {
    min: Long
    max: Long
}

/// A regular expression the string must match.
@trait(selector: ":test(string, member > string)")
string pattern

/// Limits the value of a number.
@trait(selector: ":test(number, member > number)")
structure range {
    min: BigDecimal
    max: BigDecimal
}

/// The items of the list must be distinct.
@trait(selector: "list :test(> member > :not(:is(float, double, document)))", conflicts: ["sparse"])
structure uniqueItems {}

/// Marks a string as holding a shape id, checked against a selector.
@trait(selector: ":test(string, member > string)")
structure idRef {
    failWhenMissing: Boolean
    selector: String = "*"
    errorMessage: String
}

/// IDL 1.0: the member or shape may be absent (not needed in IDL 2.0).
@trait(selector: ":test(boolean, byte, short, integer, long, float, double, member > :test(boolean, byte, short, integer, long, float, double))")
structure box {}

/// The list or map may hold null values.
@trait(selector: ":is(list, map)")
structure sparse {}

/// The resource's `put` may not replace an existing instance.
@trait(selector: "resource:test(-[put]->)")
structure noReplace {}

/// References from a structure or string to resources.
@trait(selector: ":is(structure, string)")
list references {
    member: Reference
}

@private
structure Reference {
    @required
    @idRef(failWhenMissing: true, selector: "resource")
    resource: String
    ids: NonEmptyStringMap
    @idRef(failWhenMissing: true, selector: "service")
    service: String
    rel: String
}

@private
map NonEmptyStringMap {
    key: NonEmptyString
    value: NonEmptyString
}

/// The resource identifier a member binds to, when the names differ.
@trait(selector: "structure > :test(member[trait|required] > string)")
string resourceIdentifier

/// The member holds the resource properties.
@trait(selector: "structure > member :test(> structure)", structurallyExclusive: "member")
structure nestedProperties {}

/// The member binds to a resource property.
@trait(selector: "structure > member", conflicts: ["resourceIdentifier"])
structure property {
    name: String
}

/// The member is not a resource property.
@trait(selector: ":is(structure > member, [trait|trait])")
structure notProperty {}

/// Example inputs and outputs of an operation.
@trait(selector: "operation")
list examples {
    member: Example
}

@private
structure Example {
    @required
    title: String
    documentation: String
    input: Document
    output: Document
    error: ExampleError
    allowConstraintErrors: Boolean
}

@private
structure ExampleError {
    @idRef(selector: "structure [trait|error]")
    shapeId: String
    content: Document
}

/// Request compression the operation supports.
@trait(selector: "operation")
structure requestCompression {
    @required
    encodings: RequestCompressionEncodingsList
}

@private
list RequestCompressionEncodingsList {
    member: String
}

/// Marks the prelude's `Unit` shape.
@trait(selector: "[id=smithy.api#Unit]")
structure unitType {}

/// Gives a shape to the metadata entry named `key`, whose value must then match it.
@trait(selector: ":not(:is(service, operation, resource, member, [trait|input], [trait|output]))")
structure metadata {
    @required
    key: String
}

/// Named closures of shapes, for tools that generate or project part of a model.
@private
@metadata(key: "shapeClosures")
list ShapeClosures {
    member: ShapeClosure
}

@private
structure ShapeClosure {
    /// The closure's name, written as a shape id no shape of the model has.
    @required
    id: ClosureId
    /// Namespaces whose shapes are in the closure.
    includeNamespaces: ClosureNamespaces = []
    /// A selector whose matches are in the closure.
    @length(min: 1)
    includeBySelector: String
    /// New names for shapes of the closure.
    rename: ClosureRenames = {}
    documentation: String
}

@private
@idRef(failWhenMissing: false)
string ClosureId

@private
@uniqueItems
list ClosureNamespaces {
    member: String
}

@private
map ClosureRenames {
    @idRef(failWhenMissing: true, selector: ":not(:is(member, service, resource, operation))")
    key: String
    @pattern("^(_+[a-zA-Z0-9]|[a-zA-Z])\\w*$")
    value: String
}

/// Custom validation of a trait's uses with selectors.
@trait(selector: "[trait|trait]")
map traitValidators {
    key: String
    value: TraitValidatorDefinition
}

@private
structure TraitValidatorDefinition {
    @required
    selector: String
    @required
    message: String
    severity: Severity = "ERROR"
}
'''
