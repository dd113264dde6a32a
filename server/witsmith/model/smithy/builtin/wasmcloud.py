"""wasmCloud's 0.x contract namespaces, written for witsmith from their documented shapes.

Contracts usually load these through a `url` in `codegen.toml`; witsmith never
fetches it, so it knows the shapes itself.  A workspace that has its own copy
of a namespace uses that copy instead.  The documentation text is our own.
These are IDL 1.0 models, like the contracts that use them.
"""

MODEL_SOURCE = r'''// witsmith's built-in description of org.wasmcloud.model (IDL 1.0)
metadata package = [{ namespace: "org.wasmcloud.model", crate: "wasmbus_rpc::model" }]

namespace org.wasmcloud.model

/// How a field is named when serialized, when it differs from the member name.
@trait(selector: "member")
structure serialization {
    name: String
}

/// The field number of a structure member or union variant in the message encoding.
/// weld's encoders number union variants with it too, so it applies to union members.
@trait(selector: ":is(structure, union) > member")
@range(min: 0)
short n

/// Marks an integer type as unsigned.
@trait(selector: "long,integer,short,byte")
@range(min: 0)
structure unsignedInt {}

/// The string must not be empty.
@trait(selector: "string")
@length(min: 1)
string nonEmptyString

/// Marks a shape as another name for a built-in type.
@trait
structure synonym {}

/// A signed 64-bit integer.
@synonym
long I64

/// An unsigned 64-bit integer.
@unsignedInt
long U64

/// A signed 32-bit integer.
@synonym
integer I32

/// An unsigned 32-bit integer.
@unsignedInt
integer U32

/// A signed 16-bit integer.
@synonym
short I16

/// An unsigned 16-bit integer.
@unsignedInt
short U16

/// A signed 8-bit integer.
@synonym
byte I8

/// An unsigned 8-bit integer.
@unsignedInt
byte U8

/// A 32-bit floating point number.
@synonym
float F32

/// A 64-bit floating point number.
@synonym
double F64

/// Options for the Rust code generator.
@trait(selector: "*")
structure codegenRust {
    /// Do not derive `Default`.
    noDeriveDefault: Boolean
    /// Do not derive `Eq` and `PartialEq`.
    noDeriveEq: Boolean
    /// Mark the generated type `#[non_exhaustive]`.
    nonExhaustive: Boolean
    /// Generate nothing for this shape.
    skip: Boolean
}

/// The base services or structures this one extends.
@trait(selector: "structure")
structure extends {
    base: IdentifierList
}

/// A list of identifiers.
list IdentifierList {
    member: String
}

/// Marks a service as a wasmCloud capability contract or actor interface.
@trait(selector: "service")
@protocolDefinition
structure wasmbus {
    /// The capability contract id, such as `wasmcloud:keyvalue`.
    contractId: CapabilityContractId
    /// Actors receive the messages of this service.
    actorReceive: Boolean
    /// Capability providers receive the messages of this service.
    providerReceive: Boolean
    /// The message protocol: "0" (the default) or "2".
    protocol: String
}

/// Marks a shape used in wasmbus messages.
@trait(selector: "simpleType,list,set,map,structure,union")
structure wasmbusData {}

/// A capability contract id, such as `wasmcloud:httpserver`.
@nonEmptyString
string CapabilityContractId

/// One renaming of an item for a target language.
@trait
structure renameItem {
    @required
    lang: String
    @required
    name: String
}

/// Names to use for an operation or member in particular languages.
@trait(selector: "operation, structure > member")
list rename {
    member: renameItem
}

/// An empty value, for operations without input or output.
@codegenRust(skip: true)
structure Unit {}
'''

CORE_SOURCE = r'''// witsmith's built-in description of org.wasmcloud.core (IDL 1.0)
metadata package = [{ namespace: "org.wasmcloud.core", crate: "wasmbus_rpc::core" }]

namespace org.wasmcloud.core

use org.wasmcloud.model#nonEmptyString
use org.wasmcloud.model#codegenRust
use org.wasmcloud.model#serialization
use org.wasmcloud.model#CapabilityContractId
use org.wasmcloud.model#wasmbusData
use org.wasmcloud.model#wasmbus
use org.wasmcloud.model#n
use org.wasmcloud.model#U64

/// The messages every actor receives.
@wasmbus(actorReceive: true)
service Actor {
    version: "0.1"
    operations: [HealthRequest]
}

/// A link between an actor and a capability provider.
@wasmbusData
@codegenRust(nonExhaustive: true)
structure LinkDefinition {
    @required @serialization(name: "actor_id") @n(0)
    actorId: String
    @required @serialization(name: "provider_id") @n(1)
    providerId: String
    @required @serialization(name: "link_name") @n(2)
    linkName: String
    @required @serialization(name: "contract_id") @n(3)
    contractId: String
    @required @n(4)
    values: LinkSettings
}

/// The answer to a health check.
@wasmbusData
structure HealthCheckResponse {
    @n(0)
    healthy: Boolean
    @n(1)
    message: String
}

/// A health check request.
@wasmbusData
structure HealthCheckRequest {}

/// Asks an actor or provider whether it is healthy.
operation HealthRequest {
    input: HealthCheckRequest
    output: HealthCheckResponse
}

/// Settings of a link, by name.
map LinkSettings {
    key: String
    value: String
}

/// The links of an actor.
list ActorLinks {
    member: LinkDefinition
}

/// What the host tells a capability provider when it starts.
@wasmbusData
@codegenRust(nonExhaustive: true)
structure HostData {
    @required @serialization(name: "host_id") @n(0)
    hostId: String
    @required @serialization(name: "lattice_rpc_prefix") @n(1)
    latticeRpcPrefix: String
    @required @serialization(name: "link_name") @n(2)
    linkName: String
    @required @serialization(name: "lattice_rpc_user_jwt") @n(3)
    latticeRpcUserJwt: String
    @required @serialization(name: "lattice_rpc_user_seed") @n(4)
    latticeRpcUserSeed: String
    @required @serialization(name: "lattice_rpc_url") @n(5)
    latticeRpcUrl: String
    @required @serialization(name: "provider_key") @n(6)
    providerKey: String
    @required @serialization(name: "invocation_seed") @n(7)
    invocationSeed: String
    @required @serialization(name: "env_values") @n(8)
    envValues: HostEnvValues
    @required @serialization(name: "instance_id") @n(9)
    instanceId: String
    @required @serialization(name: "link_definitions") @n(10)
    linkDefinitions: ActorLinks
    @required @serialization(name: "cluster_issuers") @n(11)
    clusterIssuers: ClusterIssuers
    @serialization(name: "config_json") @n(12)
    configJson: String
    @serialization(name: "default_rpc_timeout_ms") @n(13)
    defaultRpcTimeoutMs: U64
    @serialization(name: "structured_logging") @n(14)
    structuredLogging: Boolean
    @serialization(name: "log_level") @n(15)
    logLevel: LogLevel
}

/// The keys of the cluster issuers a host trusts.
list ClusterIssuers {
    member: ClusterIssuerKey
}

/// The public key of a cluster issuer.
@nonEmptyString
string ClusterIssuerKey

/// Environment values of a host.
map HostEnvValues {
    key: String
    value: String
}

/// How much a provider logs.
@enum([
    { value: "trace", name: "trace" }
    { value: "debug", name: "debug" }
    { value: "info", name: "info" }
    { value: "warn", name: "warn" }
    { value: "error", name: "error" }
])
string LogLevel

/// A message sent on the lattice.
@wasmbusData
@codegenRust(nonExhaustive: true)
structure Invocation {
    @required @n(0)
    origin: WasmCloudEntity
    @required @n(1)
    target: WasmCloudEntity
    @required @n(2)
    operation: String
    @required @n(3)
    msg: Blob
    @required @n(4)
    id: String
    @required @serialization(name: "encoded_claims") @n(5)
    encodedClaims: String
    @required @serialization(name: "host_id") @n(6)
    hostId: String
    @n(7) @serialization(name: "content_length")
    contentLength: U64
    @n(8)
    traceContext: TraceContext
}

/// An actor or a capability provider, as the sender or receiver of a message.
@wasmbusData
structure WasmCloudEntity {
    @required @serialization(name: "public_key") @n(0)
    publicKey: String
    @required @serialization(name: "link_name") @n(1)
    linkName: String
    @required @serialization(name: "contract_id") @n(2)
    contractId: CapabilityContractId
}

/// The answer to an invocation.
@wasmbusData
@codegenRust(nonExhaustive: true)
structure InvocationResponse {
    @required @n(0)
    msg: Blob
    @required @serialization(name: "invocation_id") @n(1)
    invocationId: String
    @n(2)
    error: String
    @n(3) @serialization(name: "content_length")
    contentLength: U64
}

/// Trace propagation headers.
map TraceContext {
    key: String
    value: String
}
'''
