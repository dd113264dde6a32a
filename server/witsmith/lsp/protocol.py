"""pygls's protocol, with two changes.

- pygls keeps a text store that re-splits the whole document on every change;
  witsmith keeps its own (``witsmith.lsp.documents``), so the built-in sync
  handlers here only hand the notification on to ours.
- A request whose params cannot be read gets an error response (JSON-RPC says
  so); pygls would only show a message and leave the client waiting.
- A request before `initialize` is answered -32002 (ServerNotInitialized), and one
  after `shutdown` -32600 (InvalidRequest), as the protocol says; pygls answers the
  first with an internal error and drops the second, leaving the client waiting.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lsprotocol import types
from pygls.exceptions import (
    JsonRpcException, JsonRpcInternalError, JsonRpcInvalidParams, JsonRpcInvalidRequest,
    JsonRpcServerNotInitialized,
)
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method


@dataclass
class UnreadableRequest:
    id: Any
    method: str
    error: JsonRpcException


class WitsmithProtocol(LanguageServerProtocol):
    def structure_message(self, data: dict):
        try:
            return super().structure_message(data)
        except (JsonRpcInvalidParams, JsonRpcInternalError) as error:
            if isinstance(data, dict) and "id" in data and "method" in data:
                return UnreadableRequest(data["id"], str(data["method"]), error)
            raise

    def handle_message(self, message):
        if isinstance(message, UnreadableRequest):
            self._send_response(message.id, error=message.error.to_response_error())
            return
        method = getattr(message, "method", None)
        is_request = method is not None and getattr(message, "id", None) is not None
        if method == types.INITIALIZE:
            self.initialize_received = True
        elif not getattr(self, "initialize_received", False) and method not in (None, types.EXIT):
            if is_request:
                self._send_response(message.id, error=JsonRpcServerNotInitialized(
                    f"`{method}` before `initialize`: send `initialize` first").to_response_error())
            return  # notifications before `initialize` are dropped, as the protocol says
        if is_request and self._shutdown:
            self._send_response(message.id, error=JsonRpcInvalidRequest(
                f"`{method}` after `shutdown`: the server only accepts `exit` now").to_response_error())
            return
        super().handle_message(message)

    def _forward(self, method: str, params):
        if (handler := self.fm.features.get(method)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams):
        yield from self._forward(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams):
        yield from self._forward(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams):
        yield from self._forward(types.TEXT_DOCUMENT_DID_CLOSE, params)
