"""`witsmith serve`: the language server.

State lives on the event loop thread: open documents, and the current project
(a ``Workspace``).  Indexing the workspace folders runs in a worker thread on a
fresh project, which replaces the current one when done; until then requests are
answered from what is already known (open files and what they resolve against).
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.io_ import StdoutWriter
from pygls.lsp.server import LanguageServer

from witsmith import __version__
from witsmith.diagnostics import Diagnostic, Location
from witsmith.gc_pause import gc_paused, set_aside_live_objects, tune_for_large_graphs
from witsmith.pacing import Paced
from witsmith.features import diagnostics as diagnostics_feature
from witsmith.features import interactive
from witsmith.features.editing import RenameRefused
from witsmith.features.document_links import document_links
from witsmith.features.folding import folding_ranges
from witsmith.features.formatting import ByteEdit, FormatError, format_edits, format_range
from witsmith.features.inlay_hints import namespace_hints
from witsmith.features.migration.editor import ACTION_TITLE as MIGRATE_ACTION_TITLE
from witsmith.features.migration.editor import migrate_service
from witsmith.features.organize_uses import organize_uses
from witsmith.features.outline import outline
from witsmith.features.selection import selection_ranges
from witsmith.features.type_definition import type_definition
from witsmith.features.semantic_tokens import TOKEN_MODIFIERS, TOKEN_TYPES, semantic_token_spans, semantic_tokens
from witsmith.features.workspace_symbols import OutlineCache, best_symbols, file_symbols
from witsmith.syntax import SourceEdit
from witsmith.lsp import convert
from witsmith.lsp.documents import OpenDocument, uri_to_path
from witsmith.lsp.jar_documents import JAR_FILE_CONTENTS, client_opens_jar_documents, jar_uri
from witsmith.lsp.jar_documents import contents as jar_contents
from witsmith.lsp import watchdog
from witsmith.lsp.framing import MAX_MESSAGE_BYTES, FrameReader, RefusedMessage, serve_messages
from witsmith.lsp.long_requests import SLICE, ContentModified, ServerCancelled, Slices
from witsmith.lsp.positions import PositionCodec
from witsmith.lsp.protocol import WitsmithProtocol
from witsmith.lsp.settings import settings_for
from witsmith.text import LineIndex
from witsmith.workspace.files import normalize
from witsmith.workspace.indexing import SummaryPool, files_to_summarize
from witsmith.workspace.project import Workspace, language_of
from witsmith.workspace.smithy.projects import is_smithy_json

log = logging.getLogger(__name__)


class RequestFailed(JsonRpcException):
    """The protocol's RequestFailed: the request was understood but cannot be done (the message says why)."""

    CODE = -32803

# Cross-file diagnostics wait for typing to pause; the edited file's own do not.
DEBOUNCE_SECONDS = 0.2
# A file whose full check took longer than this gets syntax diagnostics on each
# keystroke (with its other diagnostics carried along) and a full check when typing pauses.
FULL_CHECK_BUDGET_SECONDS = 0.03
# A file this long is taken to check slowly (see above) until one of its edits is timed:
# its first keystroke does not wait for a check that takes hundreds of milliseconds.
LONG_FILE_BYTES = 64 * 1024
# A Smithy project read when one of its files opens, before the index lands: larger
# ones wait for the index (the file is read alone meanwhile, its verdicts that other
# files could overturn held back), or opening the file would block the editor.
ON_DEMAND_MAX_FILES = 100
# Between two slices of a lagging file's check at a pause in typing, how long other
# messages get (pygls reads a message in a few turns of the loop and of its reading thread).
PAUSED_CHECK_PAUSE_SECONDS = 0.002
# The index reads the workspace's roots in slices this long, with a pause between them
# for the editor's messages: a keystroke waits for at most one slice.
INDEXING_SLICE_SECONDS = 0.008
INDEXING_PAUSE_SECONDS = 0.001
# How often the indexing thread hands the interpreter back (the default is 5 ms).
INDEXING_SWITCH_SECONDS = 0.0005
# The first index waits this long after `initialized`: an editor opens its visible
# files right then, and the index (in a thread, but needing the interpreter lock too)
# would slow their first check by as much as it costs.
FIRST_INDEX_DELAY_SECONDS = 0.25
# Below this many files, starting worker processes costs more than it saves.
POOL_MIN_FILES = 64
WATCHED_GLOBS = ("**/*.smithy", "**/*.wit", "**/*.json", "**/codegen.toml", "**/smithy-build.json",
                 "**/witsmith.toml", "**/deps.toml", "**/wkg.toml", "**/wasmcloud.toml")


class WitsmithServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("witsmith", __version__, protocol_cls=WitsmithProtocol,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.documents: dict[Path, OpenDocument] = {}
        self.project = Workspace()
        self.codec = PositionCodec()
        self.roots: list[Path] = []
        self.outlines = OutlineCache()
        self.client_options: object = None
        self._stale: set[Path] = set()
        self._behind: set[Path] = set()  # open documents the project has not caught up with
        self._last_full: dict[Path, list[Diagnostic]] = {}
        self._full_check_seconds: dict[Path, float] = {}
        self._sync_seconds: dict[Path, float] = {}
        self._debounce: asyncio.TimerHandle | None = None
        self.indexing: asyncio.Task | None = None
        self._flushes: asyncio.Future | None = None
        # Files changed on disk while a background index ran: the new index may have
        # read them before the change, so they are read again once it is swapped in.
        self._changed_while_indexing: set[Path] | None = None
        # While the first index of the workspace folders runs, the project holds only
        # the projects of opened files: verdicts that other files could overturn wait.
        self.partial = False
        self.summary_pool = SummaryPool()
        self._edited_at: dict[Path, int] = {}  # per open document, where it was last edited
        # The full check of a slow open document, made a slice at a time at a pause in
        # typing (a 20,000-line model's takes 0.3 s: made at once, a keystroke arriving
        # meanwhile waited for all of it); dropped when anything is refreshed for it.
        self._checked: dict[Path, list[Diagnostic]] = {}
        self._refreshes = 0  # how many changes have been announced through `refresh`

    def _start_io_async(self, stdin=None, stdout=None) -> None:
        """pygls's stdio loop, with witsmith's reading of frames (`lsp.framing`)."""
        self._stop_event = threading.Event()
        self.protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))
        reader = FrameReader(stdin or sys.stdin.buffer)
        try:
            asyncio.run(serve_messages(self._stop_event, reader, self.protocol, self.thread_pool,
                                       on_refused=self.refused_message))
        except BrokenPipeError:
            log.error("the connection to the client is lost; shutting down")
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            self.shutdown()

    # -- what the client can do ------------------------------------------------
    @property
    def pulls_diagnostics(self) -> bool:
        caps = self.client_capabilities.text_document
        return caps is not None and caps.diagnostic is not None

    def index_of(self, path: Path) -> LineIndex | None:
        document = self.documents.get(path)
        if document is not None:
            return document.index
        source = self.project.files.read(path)
        if source is None:
            source = self.project.smithy.builtin_text(path)
        if source is None and path in self.project.files.refused:
            source = b""  # not read (too large, unreadable): its one diagnostic sits at the start
        return LineIndex(source) if source is not None else None

    def on_disk(self, where: Location | None) -> Location | None:
        """Locations an editor can open. witsmith's built-in models (the Smithy prelude,
        wasmCloud's namespaces) have no file, and the server writes no files of its
        own to give them one: hover shows their documentation instead."""
        if where is None or self.project.smithy.builtin_text(where.path) is not None:
            return None
        return where

    def jar_location(self, where: Location | None) -> types.Location | None:
        """A location in a model read from a jar, for clients that open `witsmith-jar:` documents."""
        if (where is None or not self.project.smithy.is_jar_model(where.path)
                or not client_opens_jar_documents(self.client_capabilities)):
            return None
        index = self.index_of(where.path)
        return types.Location(uri=jar_uri(where.path), range=self.codec.range(index, where.start, where.end)) if index else None
    def shutdown(self) -> None:
        self.summary_pool.close()  # no worker process outlives the server
        super().shutdown()

    def document(self, uri: str) -> OpenDocument | None:
        return self.documents.get(uri_to_path(uri))

    def refused_message(self, refused: RefusedMessage) -> None:
        """A document opened or changed by a message too large to read: its text is not
        known, so it is reported as not checked rather than checked as it was before."""
        if refused.uri is None or refused.method not in (types.TEXT_DOCUMENT_DID_OPEN, types.TEXT_DOCUMENT_DID_CHANGE):
            return
        path = uri_to_path(refused.uri)
        before = self.documents.get(path)
        if before is None and refused.method == types.TEXT_DOCUMENT_DID_CHANGE:
            return
        version = refused.version if refused.version is not None else (before.version if before else 0)
        document = self.documents[path] = OpenDocument.unknown_text(refused.uri, version, (
            f"the editor sent this file in a message of {refused.length:,} bytes, over the {MAX_MESSAGE_BYTES:,} "
            "bytes witsmith reads in one message, so its text is not known and it is not checked; "
            "split it into smaller files"))
        self.forget_checks(path)
        self.refresh(self.sync(document), now={path})

    def forget_checks(self, path: Path) -> None:
        """Drop what was kept of an open document's text between checks (its lag, its
        last diagnostics, their timings, where it was last edited)."""
        self._behind.discard(path)
        for kept in (self._last_full, self._full_check_seconds, self._sync_seconds, self._edited_at, self._checked):
            kept.pop(path, None)

    # -- keeping the project true ------------------------------------------------
    def sync(self, document: OpenDocument) -> set[Path]:
        """Lay an open document over the project; the files whose diagnostics may change."""
        project = self.project
        if document.withheld:
            project.files.withhold(document.path, document.withheld)
        else:
            project.files.set_buffer(document.path, document.source)
        if document.tree is not None:
            project.parses.put(document.path, document.tree)
        if language_of(document.path) is None:
            return set()
        if document.path.suffix.lower() == ".json" and not is_smithy_json(document.path, document.source):
            # An ordinary JSON file is none of witsmith's business; adding it as a root
            # on every keystroke would re-resolve the whole Smithy workspace each time.
            return set()
        if not project.knows(document.path):
            # Its own project (a handful of files), not its folder tree: enough for a
            # true verdict now, while the whole workspace is still being indexed.
            return project.add_project_of(document.path, self.roots, ON_DEMAND_MAX_FILES) | {document.path}
        return project.update(document.path) | {document.path}

    def diagnostics(self, path: Path) -> list[types.Diagnostic]:
        # An open document's line index is built only when a diagnostic needs it.
        index = self.index_of(path) if path not in self.documents else None
        if (index is None and path not in self.documents) or self.project.smithy.is_jar_model(path):
            return []  # a dependency's model, shown read-only, is not the user's to fix
        if path in self._behind:
            found = self._quick_diagnostics(path)
        else:
            found = self._checked.get(path)
            if found is None:
                began = time.perf_counter()
                found = diagnostics_feature.file_diagnostics(self.project, path)
                self._full_check_seconds[path] = time.perf_counter() - began
            if path in self.documents:
                self._last_full[path] = found
        if self.partial:
            found = [d for d in found if not diagnostics_feature.needs_whole_workspace(d)]
        if found and index is None:
            index = self.index_of(path)
        return [convert.diagnostic(self.codec, index, self.index_of, d) for d in found]

    def _quick_diagnostics(self, path: Path) -> list[Diagnostic]:
        document = self.documents[path]
        carried = [d for d in self._last_full.get(path, []) if not diagnostics_feature.is_syntax_diagnostic(d)]
        fresh = diagnostics_feature.syntax_diagnostics(path, document.tree) if document.tree else []
        found = sorted(fresh + carried, key=lambda d: (d.start, d.end, d.code))
        return self.project.settings.apply(found)

    def document_changed(self, document: OpenDocument, edits: list[SourceEdit]) -> None:
        """After an edit: exact diagnostics at once for files that check fast; for slow
        ones, fresh syntax errors at once and the rest when typing pauses."""
        path = document.path
        if edits:
            self._edited_at[path] = edits[-1].start
        # Updating the workspace counts too: in a large package it can outweigh the check.
        if not self._costly(path) and path not in self._behind:
            began = time.perf_counter()
            affected = self.sync(document)
            self._sync_seconds[path] = time.perf_counter() - began
            self.refresh(affected, now={path})
            return
        carried = self._last_full.get(path, [])
        for edit in edits:
            carried = diagnostics_feature.shifted(carried, edit)
        self._last_full[path] = carried
        self.project.files.set_buffer(path, document.source)
        if document.tree is not None:
            self.project.parses.put(path, document.tree)
        self._behind.add(path)
        self.refresh({path}, now={path})

    def completion_preparation(self, path: Path, *, types: bool = True):
        """What the next completion in a long open document needs (for the body last
        edited in, else its longest), to make at a moment the editor is not waiting: a
        first request would otherwise make it, in a 10,000-line file for 20-40 ms."""
        document = self.documents.get(path)
        if document is None or document.withheld or len(document.source) <= LONG_FILE_BYTES:
            return None
        return interactive.completion_preparation(self.project, path, self._edited_at.get(path), types=types)

    async def _prepare_completions(self) -> None:
        """`completion_preparation` for each open document, a step at a time, each after
        the messages already sent (a keystroke or request goes first)."""
        project = self.project
        for path in list(self.documents):
            preparation = self.completion_preparation(path)
            if preparation is None:
                continue
            await asyncio.sleep(PAUSED_CHECK_PAUSE_SECONDS)
            for _ in preparation.steps():
                await asyncio.sleep(PAUSED_CHECK_PAUSE_SECONDS)
                if self.project is not project:
                    return  # a new index: what would be made now would not hold

    def _costly(self, path: Path) -> bool:
        """Whether checking a file after an edit takes longer than a keystroke may wait
        (a long file is taken to until an edit's check has been timed)."""
        document = self.documents.get(path)
        if document is not None and document.too_large:
            return False  # refused unparsed: checking it costs nothing
        if path not in self._sync_seconds:
            if document is not None and len(document.source) > LONG_FILE_BYTES:
                return True
        return self._full_check_seconds.get(path, 0.0) + self._sync_seconds.get(path, 0.0) > FULL_CHECK_BUDGET_SECONDS

    def catch_up(self) -> set[Path]:
        """Bring the project up to date with the open documents it lags behind."""
        affected: set[Path] = set()
        for path in list(self._behind):
            self._behind.discard(path)
            document = self.documents.get(path)
            if document is not None:
                began = time.perf_counter()
                affected |= self.sync(document)
                self._sync_seconds[path] = time.perf_counter() - began
        return affected

    def publish(self, path: Path) -> None:
        document = self.documents.get(path)
        items = self.diagnostics(path)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=convert.path_to_uri(path), diagnostics=items, version=document.version if document else None))

    def refresh(self, paths: set[Path], *, now: set[Path] = frozenset()) -> None:
        """Diagnostics for ``now`` at once, the rest after a pause in typing."""
        self._refreshes += 1
        for path in (*paths, *now):
            self._checked.pop(path, None)
        if not self.pulls_diagnostics:
            for path in now:
                self.publish(path)
        self._stale |= set(paths) - set(now)
        if self._stale or self._behind:
            if self._debounce is not None:
                self._debounce.cancel()
            self._debounce = asyncio.get_running_loop().call_later(DEBOUNCE_SECONDS, self._start_flush)

    def _start_flush(self) -> None:
        self._debounce = None
        if self._flushes is not None and not self._flushes.done():
            # The last pause's check still runs, a slice at a time: start again after it.
            self._debounce = asyncio.get_running_loop().call_later(DEBOUNCE_SECONDS, self._start_flush)
            return
        self._flushes = asyncio.ensure_future(self._flush())

    async def _catch_up_in_slices(self) -> set[Path]:
        """`catch_up`, with the update of each lagging file run a slice at a time so that
        keystrokes and requests are answered meanwhile (the file stays lagging, with
        syntax errors checked at once, until its update is done; if it was typed in
        meanwhile, it lags still and is checked again at the next pause)."""
        affected: set[Path] = set()
        for path in list(self._behind):
            document = self.documents.get(path)
            project = self.project
            if document is None or not project.knows(path):
                self._behind.discard(path)
                if document is not None:
                    affected |= self.sync(document)
                continue
            source = document.source
            project.files.set_buffer(path, source)
            if document.tree is not None:
                project.parses.put(path, document.tree)
            paced = project.update_paced(path)
            while not paced.step():
                await asyncio.sleep(PAUSED_CHECK_PAUSE_SECONDS)
                if self.project is not project:  # a new index was swapped in: this work is moot
                    paced.abandon()
                    return affected
            updated = set(paced.result or ()) | {path}
            affected |= updated
            self._sync_seconds[path] = paced.busy
            for changed in updated:
                self._checked.pop(changed, None)
            if document.source is not source or self.documents.get(path) is not document:
                continue
            if self._costly(path):
                found = await self._full_check_in_slices(path)
                if found is None or document.source is not source or self.documents.get(path) is not document:
                    continue  # it lags still: what stopped the check brings another pause
                self._checked[path] = found
            self._behind.discard(path)
        return affected

    async def _full_check_in_slices(self, path: Path) -> list[Diagnostic] | None:
        """The full check of an open document, run a slice at a time so that keystrokes
        and requests are answered meanwhile; None when a change was announced before it
        ended (what it read may have changed under it)."""
        project, refreshes = self.project, self._refreshes
        paced = Paced(lambda: diagnostics_feature.file_diagnostics(project, path))
        while not paced.step():
            await asyncio.sleep(PAUSED_CHECK_PAUSE_SECONDS)
            if self.project is not project or self._refreshes != refreshes:
                paced.abandon()
                return None
        self._full_check_seconds[path] = paced.busy
        return paced.result

    def _settle_trees(self) -> None:
        """Replace each large broken document's incremental tree with a fresh parse at
        a pause in typing (one parse, not one per keystroke), and check it again."""
        for document in self.documents.values():
            tree = document.tree
            if tree is not None and tree.unsettled:
                document.tree = tree.settled()
                self._behind.add(document.path)

    async def _flush(self) -> None:
        self._settle_trees()
        if self._behind:
            # A long model caught up is hundreds of thousands of new objects that stay until
            # the next pause replaces them: each young collection meanwhile walked 100,000
            # of them (70-100 ms that a keystroke or request arriving then waited for).
            # Built with the collector paused, they are set aside with the rest, as the
            # index is (`reindex`): reference counting frees them when they are replaced.
            with gc_paused():
                self._stale |= await self._catch_up_in_slices()
            set_aside_live_objects()
        stale, self._stale = self._stale, set()
        if self.pulls_diagnostics:
            refresh = self.client_capabilities.workspace
            if refresh and refresh.diagnostics and refresh.diagnostics.refresh_support:
                self.workspace_diagnostic_refresh(None)
            await self._prepare_completions()
            return
        known = set(self.project.known_files())
        # Open documents first; between files, let keystrokes and requests through
        # (a real pause now and then: pygls reads each message in a few loop turns).
        paced = Slices(None)
        for path in sorted(stale, key=lambda p: (p not in self.documents, str(p))):
            if path in self.documents or path in known:
                self.publish(path)
                await paced.pause()
        await self._prepare_completions()

    def apply_settings(self) -> None:
        settings, problems = settings_for(self.roots, self.client_options)
        for problem in problems:
            self.window_log_message(types.LogMessageParams(type=types.MessageType.Warning, message=problem))
        self.project.set_settings(settings)

    async def reindex(self, delay: float = 0.0) -> None:
        """Index the workspace folders in a worker thread, with progress, then swap in the result
        (after ``delay`` seconds, during which opened documents are checked first)."""
        if delay:
            await asyncio.sleep(delay)
        # What indexing builds stays alive until an edit replaces it: nothing there for
        # the collector to find, yet each young collection meanwhile walked all that was
        # built since the last, tens of milliseconds that a keystroke arriving then waited
        # for.  Once the index has landed and been outlined, it is set aside for good.
        with gc_paused():
            await self._index_and_swap_in()
            if set_aside_live_objects():
                log.info("the index is set aside from collection")

    async def _index_and_swap_in(self) -> None:
        settings, _ = settings_for(self.roots, self.client_options)
        roots = list(self.roots)
        token = str(uuid.uuid4())
        window = self.client_capabilities.window
        report = bool(window and window.work_done_progress)
        if report:
            try:
                await self.work_done_progress.create_async(token)
                self.work_done_progress.begin(token, types.WorkDoneProgressBegin(title="witsmith", message="indexing the workspace"))
            except Exception:  # a client may refuse progress; indexing goes on without it
                report = False

        pool = self.summary_pool

        def summarize_elsewhere() -> dict:
            paths = files_to_summarize(roots)
            if len(paths) < POOL_MIN_FILES:
                return {}
            # Parsing is the bulk of the work: worker processes do it, so this thread
            # mostly waits for them and leaves the interpreter lock to the editor's requests.
            return pool.summaries(paths)

        def read_roots() -> Workspace:
            for root in roots:
                project.add_root(root)
            return project

        self._changed_while_indexing = set()
        # The indexing thread waits for worker processes and unpickles what they send:
        # hand the interpreter back to the event loop (and pygls's reading thread)
        # sooner than the default 5 ms.
        switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(INDEXING_SWITCH_SECONDS)
        try:
            began = time.perf_counter()
            hints = await _in_daemon_thread(summarize_elsewhere)
            project = Workspace(settings)
            project.take_summaries(hints)
            # Open documents are read as the editor has them, with the trees it already
            # has: parsing a long one again would be a step of the reading that no slice
            # boundary can cut (tens of milliseconds in a 10,000-line file).
            opened = [d for d in self.documents.values() if not d.withheld and d.tree is not None]
            for document in opened:
                project.files.set_buffer(document.path, document.source)
                project.parses.put(document.path, document.tree)
            # Reading the roots (parsing what the workers did not, resolving every name) is
            # Python that would hold the interpreter lock against the editor's requests in
            # a thread: it runs a slice at a time, in turns with them.
            reading = Paced(read_roots, INDEXING_SLICE_SECONDS)
            try:
                while not reading.step():
                    await asyncio.sleep(INDEXING_PAUSE_SECONDS)
            finally:
                reading.abandon()  # when this task is cancelled (nothing to stop once it is done)
            log.info("indexed %d files in %.2f s", len(project.known_files()), time.perf_counter() - began)
        except BaseException:
            self.partial = False  # no index will come: show what is known rather than hold it back for ever
            raise
        finally:
            sys.setswitchinterval(switch_interval)
            changed, self._changed_while_indexing = self._changed_while_indexing, None
        previous, self.project = self.project, project
        self.partial = False
        latest, _ = settings_for(self.roots, self.client_options)
        if latest != settings:  # changed while the index ran (else re-checking everything is wasted)
            self.apply_settings()
        self._behind.clear()
        for document in opened:
            if self.documents.get(document.path) is not document:
                project.files.close_buffer(document.path)  # closed while the index ran
        for path in changed:
            if path not in self.documents:
                project.update(path)
        project.wit.reuse_items_of(previous.wit)
        for document in self.documents.values():
            if self._costly(document.path) and project.knows(document.path):
                # Its check would hold up the keystrokes that come next: it lags instead,
                # and is caught up at the next pause in typing, a slice at a time.
                project.files.set_buffer(document.path, document.source)
                if document.tree is not None:
                    project.parses.put(document.path, document.tree)
                self._behind.add(document.path)
                # Carried meanwhile: not the verdicts that files the partial project lacked could overturn.
                self._last_full[document.path] = [d for d in self._last_full.get(document.path, [])
                                                  if not diagnostics_feature.needs_whole_workspace(d)]
            else:
                self.sync(document)
        if report:
            self.work_done_progress.end(token, types.WorkDoneProgressEnd(message=f"indexed {len(project.known_files())} files"))
        self.refresh(set(project.known_files()) | set(self.documents))
        limit_message = project.index_limit_message()
        if limit_message:
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=limit_message))
        await self._prepare_completions()

        # Outline every file now, a file at a time between other work, so the first
        # workspace-symbol search is as quick as the rest.
        paced = Slices(None)
        for path in project.known_files():
            if path in self.documents:
                continue  # its tree changes with every keystroke: outlined when asked for
            tree = stored_tree(project, path)
            if tree is not None:
                self.outlines.symbols(path, tree)
            await paced.pause()


def stored_tree(project: Workspace, path: Path):
    """The tree of a file that is not open: cached, or parsed now (files summarized by
    the index's worker processes have no tree in this process until one is needed)."""
    tree = project.parses.cached(path)
    if tree is None and path.suffix.lower() in (".smithy", ".wit"):
        language_workspace = project.wit if path.suffix.lower() == ".wit" else project.smithy
        tree = language_workspace.tree(path)
    return tree


async def _in_daemon_thread(work):
    """Run ``work`` in a thread of its own that never holds up the process's exit (the
    event loop's executor would be waited for at shutdown)."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future = loop.create_future()

    def run() -> None:
        try:
            result = work()
        except BaseException as error:  # noqa: BLE001 - handed to the waiting coroutine
            loop.call_soon_threadsafe(lambda error=error: done.done() or done.set_exception(error))
        else:
            loop.call_soon_threadsafe(lambda: done.done() or done.set_result(result))

    threading.Thread(target=run, name="witsmith-index", daemon=True).start()
    return await done


server = WitsmithServer()


@server.feature(types.INITIALIZE)
def initialize(ls: WitsmithServer, params: types.InitializeParams) -> None:
    ls.codec = PositionCodec(ls.workspace.position_encoding)
    folders = params.workspace_folders or []
    if folders:
        ls.roots = [uri_to_path(folder.uri) for folder in folders]
    elif params.root_uri:
        ls.roots = [uri_to_path(params.root_uri)]
    elif params.root_path:
        ls.roots = [normalize(params.root_path)]
    ls.client_options = params.initialization_options
    ls.apply_settings()
    watchdog.watch(params.process_id)
    ls.partial = bool(ls.roots)  # until the index of the folders, started once initialized, lands


@server.feature(types.INITIALIZED)
async def initialized(ls: WitsmithServer, params: types.InitializedParams) -> None:
    workspace_caps = ls.client_capabilities.workspace
    watched = workspace_caps.did_change_watched_files if workspace_caps else None
    if watched and watched.dynamic_registration:
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED_GLOBS])
        try:
            await ls.client_register_capability_async(types.RegistrationParams(registrations=[
                types.Registration(id=str(uuid.uuid4()), method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                   register_options=options)]))
        except Exception as error:  # the index still works; it only misses changes made outside the editor
            log.warning("could not register file watchers: %s", error)
    if ls.roots:
        ls.indexing = asyncio.ensure_future(ls.reindex(FIRST_INDEX_DELAY_SECONDS))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: WitsmithServer, params: types.DidOpenTextDocumentParams) -> None:
    item = params.text_document
    document = OpenDocument.open(item.uri, item.version, item.text, ls.project.files.max_file_bytes)
    ls.documents[document.path] = document
    # Reading a large model makes hundreds of thousands of objects that stay: the
    # collector walks them once the diagnostics are out, not while the user waits.
    with gc_paused():
        affected = ls.sync(document)
        # Before its first diagnostics, while the editor waits for them anyway (the type
        # list is made when the index lands, since swapping the index in drops it).
        preparation = ls.completion_preparation(document.path, types=not ls.partial)
        for _ in preparation.steps() if preparation is not None else ():
            pass
        ls.refresh(affected, now={document.path})


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: WitsmithServer, params: types.DidChangeTextDocumentParams) -> None:
    document = ls.document(params.text_document.uri)
    if document is None:
        log.warning("change to a document that is not open: %s", params.text_document.uri)
        return
    edits = []
    for change in params.content_changes:
        if document.withheld and getattr(change, "range", None) is not None:
            # Its text is not known: only a change that sends it whole can be applied.
            log.warning("a change to %s, whose text was too large to read, is not applied", params.text_document.uri)
            continue
        edits.append(document.apply(change, ls.codec))
    document.version = params.text_document.version
    if document.withheld:
        return
    ls.document_changed(document, edits)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: WitsmithServer, params: types.DidCloseTextDocumentParams) -> None:
    path = uri_to_path(params.text_document.uri)
    if ls.documents.pop(path, None) is None:
        return
    ls.forget_checks(path)
    ls.project.files.close_buffer(path)
    affected = ls.project.update(path) if language_of(path) else set()
    known = ls.project.knows(path)
    if not ls.pulls_diagnostics and not known:
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))
    ls.refresh(affected if known else affected - {path})


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: WitsmithServer, params: types.DidChangeWatchedFilesParams) -> None:
    affected: set[Path] = set()
    for change in params.changes:
        path = uri_to_path(change.uri)
        if path in ls.documents or language_of(path) is None:
            continue  # an open buffer wins over the disk
        if ls._changed_while_indexing is not None:
            ls._changed_while_indexing.add(path)
        affected |= ls.project.update(path)
    ls.refresh(affected)


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
def did_change_configuration(ls: WitsmithServer, params: types.DidChangeConfigurationParams) -> None:
    if params.settings is not None:
        ls.client_options = params.settings
    ls.apply_settings()
    ls.refresh(set(ls.project.known_files()) | set(ls.documents), now=set(ls.documents))


@server.feature(types.TEXT_DOCUMENT_DIAGNOSTIC,
                types.DiagnosticOptions(inter_file_dependencies=True, workspace_diagnostics=True, identifier="witsmith"))
def document_diagnostic(ls: WitsmithServer, params: types.DocumentDiagnosticParams):
    path = uri_to_path(params.text_document.uri)
    return (yield _pull_unless_superseded, (ls, Slices(ls.protocol), path, _version(ls, path)), None)


async def _pull_unless_superseded(ls: WitsmithServer, slices: Slices, path: Path, version: int | None):
    """A pull for a version the editor has already replaced is dropped, not computed:
    the client asks again for the new one."""
    try:
        if not await slices.settle():
            return None
        if _version(ls, path) != version:
            raise ServerCancelled("the document changed since this pull; pull again", data={"retriggerRequest": True})
        return types.FullDocumentDiagnosticReport(items=ls.diagnostics(path))
    finally:
        slices.done()


@server.feature(types.WORKSPACE_DIAGNOSTIC)
def workspace_diagnostic(ls: WitsmithServer, params: types.WorkspaceDiagnosticParams) -> types.WorkspaceDiagnosticReport:
    items = []
    for path in ls.project.known_files():
        if path in ls.documents:
            continue  # open documents are pulled one by one
        items.append(types.WorkspaceFullDocumentDiagnosticReport(
            uri=convert.path_to_uri(path), items=ls.diagnostics(path), version=None))
    return types.WorkspaceDiagnosticReport(items=items)


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbol(ls: WitsmithServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
    document = ls.document(params.text_document.uri)
    if document is None or document.tree is None:
        return []
    return convert.document_symbols(ls.codec, document.index, outline(document.tree))


@server.feature(types.TEXT_DOCUMENT_FOLDING_RANGE)
def folding_range(ls: WitsmithServer, params: types.FoldingRangeParams) -> list[types.FoldingRange]:
    document = ls.document(params.text_document.uri)
    if document is None or document.tree is None:
        return []
    result = []
    for start, end, kind in folding_ranges(document.tree):
        first, last = document.index.line_of(start), document.index.line_of(end)
        if last > first:
            result.append(types.FoldingRange(start_line=first, end_line=last,
                                             kind=types.FoldingRangeKind.Comment if kind == "comment" else None))
    return result


@server.feature(types.TEXT_DOCUMENT_SELECTION_RANGE)
def selection_range(ls: WitsmithServer, params: types.SelectionRangeParams) -> list[types.SelectionRange]:
    document = ls.document(params.text_document.uri)
    result = []
    for position in params.positions:
        if document is None or document.tree is None:
            result.append(types.SelectionRange(range=types.Range(start=position, end=position)))
            continue
        offset = ls.codec.offset(document.index, position)
        selection = None
        for start, end in reversed(selection_ranges(document.tree, offset)):
            selection = types.SelectionRange(range=ls.codec.range(document.index, start, end), parent=selection)
        result.append(selection or types.SelectionRange(range=types.Range(start=position, end=position)))
    return result


LEGEND = types.SemanticTokensLegend(token_types=list(TOKEN_TYPES), token_modifiers=list(TOKEN_MODIFIERS))


@server.feature(types.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL, types.SemanticTokensRegistrationOptions(
    legend=LEGEND, full=True, range=True, document_selector=[{"language": "smithy"}, {"language": "wit"}]))
def semantic_tokens_full(ls: WitsmithServer, params: types.SemanticTokensParams) -> types.SemanticTokens:
    document = ls.document(params.text_document.uri)
    if document is None or document.tree is None:
        return types.SemanticTokens(data=[])
    return types.SemanticTokens(data=convert.semantic_token_spans_data(ls.codec, document.index, semantic_token_spans(document.tree)))


@server.feature(types.TEXT_DOCUMENT_SEMANTIC_TOKENS_RANGE)
def semantic_tokens_range(ls: WitsmithServer, params: types.SemanticTokensRangeParams) -> types.SemanticTokens:
    document = ls.document(params.text_document.uri)
    if document is None or document.tree is None:
        return types.SemanticTokens(data=[])
    start, end = ls.codec.offsets(document.index, params.range)
    if end <= start:
        return types.SemanticTokens(data=[])  # an empty or reversed range holds no tokens
    tokens = [t for t in semantic_tokens(document.tree, start, end) if t.end > start and t.start < end]
    return types.SemanticTokens(data=convert.semantic_tokens_data(ls.codec, document.index, tokens))


def _language_workspace(ls: WitsmithServer, path: Path):
    language = language_of(path)
    return ls.project.wit if language == "wit" else ls.project.smithy if language == "smithy" else None


@dataclass(frozen=True)
class Place:
    """Where a request points, in witsmith's terms: a file, its line index and a byte offset."""

    path: Path
    index: LineIndex
    offset: int


def _place(ls: WitsmithServer, document: types.TextDocumentIdentifier, position: types.Position) -> Place | None:
    path = uri_to_path(document.uri)
    index = ls.index_of(path)
    return Place(path, index, ls.codec.offset(index, position)) if index is not None else None


def _workspace_edit(ls: WitsmithServer, edits) -> types.WorkspaceEdit:
    changes: dict[str, list[types.TextEdit]] = {}
    for edit in edits:
        index = ls.index_of(edit.path)
        if index is not None:
            changes.setdefault(convert.path_to_uri(edit.path), []).append(
                types.TextEdit(range=ls.codec.range(index, edit.start, edit.end), new_text=edit.new_text))
    return types.WorkspaceEdit(changes=changes)


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def definition(ls: WitsmithServer, params: types.DefinitionParams) -> types.Location | None:
    place = _place(ls, params.text_document, params.position)
    language_workspace = _language_workspace(ls, place.path) if place else None
    if language_workspace is None:
        return None
    where = language_workspace.definition(place.path, place.offset)
    in_jar = ls.jar_location(where)
    if in_jar is not None:
        return in_jar
    target = ls.on_disk(where)
    return convert.location(ls.codec, ls.index_of, target) if target else None


@server.feature(types.TEXT_DOCUMENT_DECLARATION)
def declaration(ls: WitsmithServer, params: types.DeclarationParams) -> types.Location | None:
    # Smithy and WIT declare and define in one place.
    return definition(ls, params)


@server.feature(types.TEXT_DOCUMENT_TYPE_DEFINITION)
def type_definition_handler(ls: WitsmithServer, params: types.TypeDefinitionParams) -> types.Location | None:
    place = _place(ls, params.text_document, params.position)
    language_workspace = _language_workspace(ls, place.path) if place else None
    if language_workspace is None:
        return None

    def tree_of(path: Path):
        document = ls.documents.get(path)
        return document.tree if document else stored_tree(ls.project, path)

    target = ls.on_disk(type_definition(place.path, place.offset, language_workspace.definition, tree_of))
    return convert.location(ls.codec, ls.index_of, target) if target else None


@server.feature(types.TEXT_DOCUMENT_INLAY_HINT, types.InlayHintOptions(resolve_provider=False))
def inlay_hint(ls: WitsmithServer, params: types.InlayHintParams) -> list[types.InlayHint]:
    path = uri_to_path(params.text_document.uri)
    index = ls.index_of(path)
    if index is None or language_of(path) != "smithy" or path in ls._behind:
        return []  # offsets in a file the project lags behind would land in the wrong place
    start, end = ls.codec.offsets(index, params.range)
    return [types.InlayHint(position=ls.codec.position(index, offset), label=label,
                            kind=types.InlayHintKind.Type, tooltip="resolved namespace")
            for offset, label in namespace_hints(ls.project.smithy, path, start, end)]


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_HIGHLIGHT)
def document_highlight(ls: WitsmithServer, params: types.DocumentHighlightParams) -> list[types.DocumentHighlight]:
    place = _place(ls, params.text_document, params.position)
    language_workspace = _language_workspace(ls, place.path) if place else None
    if language_workspace is None:
        return []
    found = language_workspace.references(place.path, place.offset, True)
    return [types.DocumentHighlight(range=ls.codec.range(place.index, where.start, where.end),
                                    kind=types.DocumentHighlightKind.Text)
            for where in found if where.path == place.path]


@server.feature(types.WORKSPACE_SYMBOL)
def workspace_symbol(ls: WitsmithServer, params: types.WorkspaceSymbolParams):
    return (yield _workspace_symbols_in_slices, (ls, Slices(ls.protocol), params.query), None)


async def _workspace_symbols_in_slices(ls: WitsmithServer, slices: Slices, query: str):
    try:
        if not await slices.settle():
            return None
        project = ls.project
        found = []
        for count, path in enumerate(project.known_files()):
            if count % SLICE == SLICE - 1 and not await slices.pause():
                return None
            document = ls.documents.get(path)
            tree = document.tree if document else stored_tree(project, path)
            if tree is not None:
                found.extend(file_symbols(path, tree, query, ls.outlines))
        result = []
        index_of = _memo(ls.index_of)
        for count, symbol in enumerate(best_symbols(found)):
            if count % SLICE == SLICE - 1 and not await slices.pause():
                return None
            converted = _symbol_information(ls, index_of, symbol)
            if converted is not None:
                result.append(converted)
        return result
    finally:
        slices.done()


def _symbol_information(ls: WitsmithServer, index_of, found) -> types.SymbolInformation | None:
    index = index_of(found.path)
    if index is None:
        return None
    return types.SymbolInformation(
        name=found.symbol.name, kind=convert.symbol_kind(found.symbol.kind), container_name=found.container,
        location=types.Location(uri=convert.path_to_uri(found.path),
                                range=ls.codec.range(index, found.symbol.name_start, found.symbol.name_end)))


def _memo(index_of):
    """``index_of`` remembered for one request: many results share a file."""
    known: dict[Path, LineIndex | None] = {}

    def remembered(path: Path) -> LineIndex | None:
        if path not in known:
            known[path] = index_of(path)
        return known[path]

    return remembered


def _version(ls: WitsmithServer, path: Path) -> int | None:
    document = ls.documents.get(path)
    return document.version if document else None


def _versions(ls: WitsmithServer) -> dict[Path, int]:
    return {path: document.version for path, document in ls.documents.items()}


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_LINK, types.DocumentLinkOptions(resolve_provider=False))
def document_link(ls: WitsmithServer, params: types.DocumentLinkParams) -> list[types.DocumentLink]:
    document = ls.document(params.text_document.uri)
    language_workspace = _language_workspace(ls, document.path) if document else None
    if document is None or document.tree is None or language_workspace is None:
        return []
    result = []
    for start, end, target in document_links(document.path, document.tree, language_workspace.definition):
        if ls.on_disk(target) is None:
            continue
        index = ls.index_of(target.path)
        line = index.position(target.start, "utf-8").line + 1 if index else 1
        result.append(types.DocumentLink(range=ls.codec.range(document.index, start, end),
                                         target=f"{convert.path_to_uri(target.path)}#L{line}"))
    return result


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
def references(ls: WitsmithServer, params: types.ReferenceParams) -> list[types.Location]:
    place = _place(ls, params.text_document, params.position)
    language_workspace = _language_workspace(ls, place.path) if place else None
    if language_workspace is None:
        return []
    return (yield _references_in_slices, (ls, Slices(ls.protocol), place, params.context.include_declaration, _versions(ls)), None)


async def _references_in_slices(ls: WitsmithServer, slices: Slices, place: Place, include: bool, versions: dict):
    try:
        if not await slices.settle():
            return None
        if _versions(ls) != versions:
            raise ContentModified("the documents changed since the request; ask again")
        language_workspace = _language_workspace(ls, place.path)
        found = language_workspace.references(place.path, place.offset, include)
        index_of = _memo(ls.index_of)
        result = []
        for count, where in enumerate(found):
            if count % SLICE == SLICE - 1:
                if not await slices.pause():
                    return None
                if _versions(ls) != versions:
                    raise ContentModified("the documents changed since the request; ask again")
            located = convert.location(ls.codec, index_of, where) if ls.on_disk(where) else None
            if located is not None:
                result.append(located)
        return result
    finally:
        slices.done()


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
    code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceOrganizeImports,
                       types.CodeActionKind.RefactorRewrite]))
def code_action(ls: WitsmithServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    path = uri_to_path(params.text_document.uri)
    index = ls.index_of(path)
    if index is None:
        return []
    ls.refresh(ls.catch_up())  # quick fixes edit exact ranges: the project must match the buffer
    start, end = ls.codec.offsets(index, params.range)
    actions = []
    all_found = diagnostics_feature.file_diagnostics(ls.project, path)
    wanted = params.context.only
    document = ls.documents.get(path)
    if document is not None and document.tree is not None and (
            not wanted or any(kind.startswith(types.CodeActionKind.Source) for kind in wanted)):
        edits = organize_uses(path, document.tree, all_found)
        if edits:
            actions.append(types.CodeAction(
                title="Organize uses", kind=types.CodeActionKind.SourceOrganizeImports,
                edit=types.WorkspaceEdit(changes={params.text_document.uri: [
                    types.TextEdit(range=ls.codec.range(index, e.start, e.end), new_text=e.new_text) for e in edits]})))
    if not wanted or any(kind.startswith(types.CodeActionKind.Refactor) for kind in wanted):
        actions.extend(_migration_actions(ls, path, start))
    if wanted and not any(kind.startswith(types.CodeActionKind.QuickFix) for kind in wanted):
        return actions
    for found in all_found:
        if found.end < start or found.start > end or not found.fixes:
            continue
        lsp_diagnostic = convert.diagnostic(ls.codec, index, ls.index_of, found)
        for fix in found.fixes:
            actions.append(types.CodeAction(title=fix.title, kind=types.CodeActionKind.QuickFix,
                                            diagnostics=[lsp_diagnostic], edit=_workspace_edit(ls, fix.edits),
                                            is_preferred=len(found.fixes) == 1))
    return actions


def _creates_files(ls: WitsmithServer) -> bool:
    workspace = ls.client_capabilities.workspace
    edit = workspace.workspace_edit if workspace else None
    return bool(edit and edit.document_changes and types.ResourceOperationKind.Create in (edit.resource_operations or []))


def _migration_actions(ls: WitsmithServer, path: Path, offset: int) -> list[types.CodeAction]:
    """"Migrate this service to WIT": a new .wit file, offered only to clients that can create files."""
    if language_of(path) != "smithy" or not _creates_files(ls):
        return []
    new_file = migrate_service(ls.project.smithy, path, offset)
    if new_file is None:
        return []
    target = convert.path_to_uri(new_file.path)
    insert = types.TextDocumentEdit(
        text_document=types.OptionalVersionedTextDocumentIdentifier(uri=target, version=None),
        edits=[types.TextEdit(range=types.Range(start=types.Position(0, 0), end=types.Position(0, 0)),
                              new_text=new_file.text)])
    return [types.CodeAction(title=MIGRATE_ACTION_TITLE, kind=types.CodeActionKind.RefactorRewrite,
                             edit=types.WorkspaceEdit(document_changes=[
                                 types.CreateFile(uri=target, options=types.CreateFileOptions(overwrite=False,
                                                                                              ignore_if_exists=False)),
                                 insert]))]


@server.feature(JAR_FILE_CONTENTS)
def jar_file_contents(ls: WitsmithServer, params) -> str:
    """The text of a `witsmith-jar:` document (see lsp/jar_documents.py)."""
    uri = params.get("uri") if isinstance(params, dict) else getattr(params, "uri", None)
    text = jar_contents(uri) if isinstance(uri, str) else None
    if text is None:
        raise RequestFailed(f"{uri!r} names no model read from a jar")
    return text


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: WitsmithServer, params: types.HoverParams) -> types.Hover | None:
    place = _place(ls, params.text_document, params.position)
    found = interactive.hover(ls.project, place.path, place.offset) if place else None
    if found is None:
        return None
    hover_caps = ls.client_capabilities.text_document.hover if ls.client_capabilities.text_document else None
    formats = (hover_caps.content_format if hover_caps else None) or [types.MarkupKind.PlainText]
    kind = types.MarkupKind.Markdown if types.MarkupKind.Markdown in formats else types.MarkupKind.PlainText
    return types.Hover(contents=types.MarkupContent(kind=kind, value=found.markdown),
                       range=ls.codec.range(place.index, found.start, found.end))


_COMPLETION_KINDS = {
    "keyword": types.CompletionItemKind.Keyword, "snippet": types.CompletionItemKind.Snippet,
    "module": types.CompletionItemKind.Module, "interface": types.CompletionItemKind.Interface,
    "class": types.CompletionItemKind.Class, "struct": types.CompletionItemKind.Struct,
    "enum": types.CompletionItemKind.Enum, "enum-member": types.CompletionItemKind.EnumMember,
    "type": types.CompletionItemKind.TypeParameter, "function": types.CompletionItemKind.Function,
    "method": types.CompletionItemKind.Method, "field": types.CompletionItemKind.Field,
    "property": types.CompletionItemKind.Property, "trait": types.CompletionItemKind.Property,
    "value": types.CompletionItemKind.Value,
}


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(
    trigger_characters=["@", "$", ":", "#", ".", "/", "{", "<", "[", "("]))
def completion(ls: WitsmithServer, params: types.CompletionParams) -> types.CompletionList:
    place = _place(ls, params.text_document, params.position)
    if place is None:
        return types.CompletionList(is_incomplete=False, items=[])
    caps = ls.client_capabilities.text_document
    item_caps = caps.completion.completion_item if caps and caps.completion else None
    snippets = bool(item_caps and item_caps.snippet_support)
    markdown = bool(item_caps and item_caps.documentation_format and types.MarkupKind.Markdown in item_caps.documentation_format)
    candidates, incomplete = interactive.best_completions(ls.project, place.path, place.offset,
                                                          limit=MAX_COMPLETIONS, snippets=snippets)
    items = []
    ranges: dict[tuple[int, int], types.Range] = {}  # most candidates replace the same word
    for candidate in candidates:
        where = (candidate.replace_start, candidate.replace_end)
        if where not in ranges:
            ranges[where] = ls.codec.range(place.index, *where)
        additional = [types.TextEdit(range=ls.codec.range(place.index, edit.start, edit.end), new_text=edit.new_text)
                      for edit in candidate.additional_edits if edit.path == place.path]
        documentation = None
        if candidate.documentation:
            documentation = types.MarkupContent(kind=types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText,
                                                value=candidate.documentation)
        items.append(types.CompletionItem(
            label=candidate.label,
            kind=_COMPLETION_KINDS.get(candidate.kind, types.CompletionItemKind.Text),
            detail=candidate.detail,
            documentation=documentation,
            sort_text=candidate.sort_text,
            insert_text_format=types.InsertTextFormat.Snippet if candidate.is_snippet else types.InsertTextFormat.PlainText,
            text_edit=types.TextEdit(range=ranges[where], new_text=candidate.insert_text or candidate.label),
            additional_text_edits=additional or None,
        ))
    return types.CompletionList(is_incomplete=incomplete, items=items)


# A client filters what it is given as the user types; beyond this many candidates
# the server sends the best matches for the word so far and asks to be asked again.
MAX_COMPLETIONS = 200


@server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
def prepare_rename(ls: WitsmithServer, params: types.PrepareRenameParams):
    ls.refresh(ls.catch_up())  # renames edit exact ranges: the project must match the buffer
    place = _place(ls, params.text_document, params.position)
    if place is None:
        return None
    found = interactive.prepare_rename(ls.project, place.path, place.offset)
    if found is None:
        return None
    if isinstance(found, RenameRefused):
        raise RequestFailed(found.message)
    return types.PrepareRenamePlaceholder(range=ls.codec.range(place.index, found.start, found.end),
                                          placeholder=found.placeholder)


@server.feature(types.TEXT_DOCUMENT_RENAME, types.RenameOptions(prepare_provider=True))
def rename(ls: WitsmithServer, params: types.RenameParams):
    ls.refresh(ls.catch_up())
    place = _place(ls, params.text_document, params.position)
    if place is None:
        return None
    return (yield _rename_in_slices, (ls, Slices(ls.protocol), place, params.new_name, _versions(ls)), None)


async def _rename_in_slices(ls: WitsmithServer, slices: Slices, place: Place, new_name: str, versions: dict):
    """Edits made against one state of the documents: if any changes meanwhile, the
    rename is refused rather than answered with edits at the wrong places."""
    try:
        if not await slices.settle():
            return None
        if _versions(ls) != versions:
            raise ContentModified("the documents changed since the rename was asked; rename again")
        found = interactive.rename(ls.project, place.path, place.offset, new_name)
        if isinstance(found, RenameRefused):
            raise RequestFailed(found.message)
        index_of = _memo(ls.index_of)
        changes: dict[str, list[types.TextEdit]] = {}
        for count, edit in enumerate(found.edits):
            if count % SLICE == SLICE - 1:
                if not await slices.pause():
                    return None
                if _versions(ls) != versions:
                    raise ContentModified("the documents changed since the rename was asked; rename again")
            index = index_of(edit.path)
            if index is not None:
                changes.setdefault(convert.path_to_uri(edit.path), []).append(
                    types.TextEdit(range=ls.codec.range(index, edit.start, edit.end), new_text=edit.new_text))
        return types.WorkspaceEdit(changes=changes)
    finally:
        slices.done()


def serve(tcp_port: int | None = None, host: str = "127.0.0.1", client_process_id: int | None = None) -> int:
    """Serve until `exit` or the end of the input; the exit status the protocol asks
    for: 0 after `shutdown`, 1 otherwise."""
    tune_for_large_graphs()
    watchdog.watch(client_process_id)
    if tcp_port is not None:
        server.start_tcp(host, tcp_port)
    else:
        server.start_io()
    return 0 if server.protocol._shutdown else 1


def _format_answer(ls: WitsmithServer, uri: str, compute) -> list[types.TextEdit] | None:
    """Formatting edits as LSP edits; a file that cannot be formatted gets none, and a log line."""
    document = ls.document(uri)
    if document is None or document.tree is None:
        return None
    text = document.source.decode("utf-8", errors="surrogatepass")
    try:
        edits: list[ByteEdit] = compute(document, text)
    except FormatError as error:
        ls.window_log_message(types.LogMessageParams(
            type=types.MessageType.Info, message=f"{document.path.name} not formatted: {error}"))
        return None
    return [types.TextEdit(range=ls.codec.range(document.index, e.start, e.end), new_text=e.new_text) for e in edits]


@server.feature(types.TEXT_DOCUMENT_FORMATTING)
def formatting(ls: WitsmithServer, params: types.DocumentFormattingParams) -> list[types.TextEdit] | None:
    return _format_answer(ls, params.text_document.uri, lambda document, text: format_edits(
        document.tree.lang_id, text, tree=document.tree))


@server.feature(types.TEXT_DOCUMENT_RANGE_FORMATTING)
def range_formatting(ls: WitsmithServer, params: types.DocumentRangeFormattingParams) -> list[types.TextEdit] | None:
    def compute(document, text):
        start, end = ls.codec.offsets(document.index, params.range)
        return format_range(document.tree.lang_id, text, start, end, tree=document.tree)

    return _format_answer(ls, params.text_document.uri, compute)
