"""Phase 2 of a wasmCloud migration: which standard interface replaces a well-known contract.

wasmCloud 1.x replaced its 0.x capability contracts with the WASI proposals
where one exists, and kept a wasmCloud interface where none does.  This table
names, for each well-known contract, the interface to move to and where each
0.x operation goes; an operation with no counterpart says what to do instead.
"""

from __future__ import annotations

from witsmith.features.migration.report import Advice, OperationAdvice


def _ops(*rows: tuple[str, str | None, str]) -> tuple[OperationAdvice, ...]:
    return tuple(OperationAdvice(operation, replacement, remark) for operation, replacement, remark in rows)


KEYVALUE_NO_COLLECTIONS = "wasi:keyvalue has no list or set values: store a serialized collection under one key"

WELL_KNOWN: dict[str, Advice] = {
    "wasmcloud:keyvalue": Advice(
        "wasmcloud:keyvalue", "wasi:keyvalue@0.2.0-draft",
        "a bucket resource (`store.open`) with get/set/delete/exists/list-keys; atomics and batch interfaces",
        _ops(
            ("Get", "wasi:keyvalue/store.bucket.get", "returns option<list<u8>> instead of a value and an exists flag"),
            ("Set", "wasi:keyvalue/store.bucket.set", "values are bytes; `expires` has no counterpart"),
            ("Del", "wasi:keyvalue/store.bucket.delete", ""),
            ("Contains", "wasi:keyvalue/store.bucket.exists", ""),
            ("Increment", "wasi:keyvalue/atomics.increment", "takes the bucket and a 64-bit delta"),
            ("ListAdd", None, KEYVALUE_NO_COLLECTIONS),
            ("ListClear", None, KEYVALUE_NO_COLLECTIONS),
            ("ListDel", None, KEYVALUE_NO_COLLECTIONS),
            ("ListRange", None, KEYVALUE_NO_COLLECTIONS),
            ("SetAdd", None, KEYVALUE_NO_COLLECTIONS),
            ("SetDel", None, KEYVALUE_NO_COLLECTIONS),
            ("SetIntersection", None, KEYVALUE_NO_COLLECTIONS),
            ("SetQuery", None, KEYVALUE_NO_COLLECTIONS),
            ("SetUnion", None, KEYVALUE_NO_COLLECTIONS),
            ("SetClear", None, KEYVALUE_NO_COLLECTIONS),
        )),
    "wasmcloud:messaging": Advice(
        "wasmcloud:messaging", "wasmcloud:messaging@0.2.0 (wasmCloud 1.x); wasi:messaging@0.2.0-draft is the standard "
        "in progress", "components import `consumer` to publish and request, and export `handler` to receive",
        _ops(
            ("Publish", "wasmcloud:messaging/consumer.publish", "wasi:messaging: producer.send"),
            ("Request", "wasmcloud:messaging/consumer.request", "wasi:messaging: request-reply.request"),
            ("HandleMessage", "wasmcloud:messaging/handler.handle-message", "wasi:messaging: incoming-handler.handle"),
        )),
    "wasmcloud:blobstore": Advice(
        "wasmcloud:blobstore", "wasi:blobstore@0.2.0-draft",
        "`blobstore` manages containers; the `container` resource reads and writes objects through wasi:io streams",
        _ops(
            ("ContainerExists", "wasi:blobstore/blobstore.container-exists", ""),
            ("CreateContainer", "wasi:blobstore/blobstore.create-container", ""),
            ("GetContainerInfo", "wasi:blobstore/container.container.info", ""),
            ("ListContainers", None, "wasi:blobstore cannot list containers"),
            ("RemoveContainers", "wasi:blobstore/blobstore.delete-container", "one container a call"),
            ("ObjectExists", "wasi:blobstore/container.container.has-object", ""),
            ("GetObjectInfo", "wasi:blobstore/container.container.object-info", ""),
            ("ListObjects", "wasi:blobstore/container.container.list-objects", "returns a stream of names"),
            ("RemoveObjects", "wasi:blobstore/container.container.delete-objects", ""),
            ("PutObject", "wasi:blobstore/container.container.write-data", "writes an outgoing-value"),
            ("GetObject", "wasi:blobstore/container.container.get-data", "returns an incoming-value (a byte range)"),
            ("PutChunk", None, "write the rest of the object through the outgoing-value's output stream"),
            ("ReceiveChunk", None, "no callback: read the incoming-value's input stream instead"),
        )),
    "wasmcloud:sqldb": Advice(
        "wasmcloud:sqldb", "wasi:sql@0.2.0-draft",
        "a connection resource, prepared statements, and `readwrite` to query and execute",
        _ops(
            ("Execute", "wasi:sql/readwrite.exec", "takes a prepared statement (types.statement.prepare)"),
            ("Query", "wasi:sql/readwrite.query", "returns rows of typed values instead of CBOR-encoded rows"),
            ("Ping", None, "open a connection (types.connection.open) to check the database"),
        )),
    "wasmcloud:httpserver": Advice(
        "wasmcloud:httpserver", "wasi:http@0.2.0",
        "components export `incoming-handler`; requests and responses are resources with streamed bodies",
        _ops(
            ("HandleRequest", "wasi:http/incoming-handler.handle",
             "the response is sent through a response-outparam instead of returned"),
        )),
    "wasmcloud:httpclient": Advice(
        "wasmcloud:httpclient", "wasi:http@0.2.0",
        "components import `outgoing-handler`; requests and responses are resources with streamed bodies",
        _ops(
            ("Request", "wasi:http/outgoing-handler.handle", "returns a future response"),
        )),
    "wasmcloud:builtin:logging": Advice(
        "wasmcloud:builtin:logging", "wasi:logging@0.1.0-draft",
        "one function, `logging.log(level, context, message)`, with an enum of levels",
        _ops(
            ("WriteLog", "wasi:logging/logging.log", "the level becomes the `level` enum; `context` is new"),
        )),
    "wasmcloud:builtin:numbergen": Advice(
        "wasmcloud:builtin:numbergen", "wasi:random@0.2.0",
        "random bytes and integers from the host; GUIDs and ranges are computed in the component",
        _ops(
            ("GenerateGuid", None, "build a version 4 GUID from wasi:random/random.get-random-bytes"),
            ("RandomInRange", None, "scale wasi:random/random.get-random-u64 into the range"),
            ("Random32", "wasi:random/random.get-random-u64", "keep 32 of the 64 bits"),
        )),
}

NO_STANDARD = ("no WASI standard replaces this contract: keep the phase-1 interface as the wasmCloud 1.x "
               "interface, and publish it as a WIT package for components and providers to share")


def advice_for(contract: str | None) -> Advice | None:
    if contract is None:
        return None
    return WELL_KNOWN.get(contract)
