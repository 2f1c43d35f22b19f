"""The archive's schema: plain tables a person can query with SQL (Datasette-friendly), and migrations.

Written once for every backend: ``{id}`` stands for the dialect's auto-numbered integer key and
``{json}`` for its JSON-text type; full-text indexing is the dialect's (FTS5 or tsvector) and is
not part of these statements.

Tables (one row per …):

``schema_version``
    migration applied: ``version``, ``applied_at`` (ISO UTC).
``meta``
    archive setting: ``key``, ``value`` (``links_stale`` = "1" while mentions wait for re-linking;
    ``content_version``, a counter every write changing documents, links, entities or corrections
    moves in its own transaction, so a cached facet index knows when it is out of date).
``documents``
    ingested source file, identified by ``sha256`` of its raw bytes. ``text`` is the decoded
    text, never changed; every ``*_start``/``*_end`` is a code-point offset into it. The title,
    date, place and classification columns hold the *effective* values (the parse, with any
    correction applied); ``parsed`` keeps those columns as the parse gave them (a JSON object),
    so undoing a correction restores them. ``error_code``/``error_message`` are set for a file
    that failed to parse. ``language`` (ISO 639-1, :func:`kartoteka.structure.language.language`)
    and ``genre`` (telegram, memorandum …: :func:`kartoteka.structure.genre.genre` of the parsed
    title) are what search narrows and counts by. Indexed by date bounds, level, path, place,
    language and genre (what filters read). (``text`` and ``parsed`` come last: SQLite then reads the short
    columns of a row without walking a long text's overflow pages.)
``spans``
    other evidence of a document by role: ``reference`` (with ``kind``), ``summary``.
``marks``
    translator's or editor's bracket: ``kind``, ``value``, ``lang`` and its span.
``dates``
    date expression in the text: ``iso``, ``precision``, bounds, ``certainty`` and its span.
``agents``
    sender, recipient or signatory (``role``), or an agent of a chain step (``role`` =
    ``chain``, ``step`` = its position): ``kind``, ``name`` (as written) and span,
    ``entity_id`` (effective), ``office``/``rank`` as written, with their offsets.
``chain_steps``
    transmission step, oldest first: ``position``, ``action``, date (ISO, precision, bounds,
    certainty) and place as written, with their offsets.
``mentions``
    person, place, organisation or group named in a document: ``kind``, span, ``title``,
    ``method`` (recogniser), ``linked_entity_id`` (what linking decided) and ``entity_id``
    (effective: linking, then corrections); ``parsed_kind``/``parsed_method`` as the parse
    gave them (NULL: added by the collection step). A mention is identified across re-ingests
    by (document ``sha256``, ``start``, ``end``).
``entities``
    person, place, organisation or group of the collection: ``id``, ``kind``, ``name``
    (preferred form), ``description``, ``authority`` (JSON object scheme → id), coordinates,
    ``mentions``/``documents`` (counts), ``origin`` (``link`` or ``correction``), and
    ``merged_into`` (the entity a correction merged it into; such rows are kept for undo),
    ``linked_name`` (the name linking gave, restored when a rename is undone).
``name_variants``
    spelling of an entity and why it was joined: ``entity_id``, ``variant``, ``score`` (0..1),
    ``method``.
``document_entities``
    entity named in a document (from the effective mention links): ``document_id``,
    ``entity_id``, ``kind``, ``mentions`` (how often). Facets and "documents naming X" read it.
``name_keys``
    strict transliteration key (``t:`` + ``kartoteka.linking.keys.strict_name``) of a spelling
    seen in the archive (a capitalised word or run of words of a text, a mention, a variant):
    ``key``, ``form``. Search expands a name through these; ``meta.keys_version`` says which
    rules made them (a re-link re-keys them when the rules change).
``link_blocks``
    block of person names linking clustered together (names connected by shared
    transliteration keys): ``digest`` of its names, counts and authority entries, and its
    ``clustering`` (JSON); a re-link clusters again only blocks whose digest is new.
``unlinked_mentions``
    mention the parse gave that linking took out of ``mentions`` (a common word dropped, a
    compound split into the names it joins): ``kind``, span, ``title`` and ``method`` as
    parsed. Linking starts again from these and the parsed ``mentions`` rows.
``link_counts``
    what linking counts over the whole collection, kept so a re-link after new documents adds
    only theirs: ``counter`` (``evidence.<name>``: the spreading evidence — ``lower`` and
    ``capital`` words, ``kind:<kind>`` of a name, ``sure``/``titled``/``placed``/``ships``
    names, ``singles``/``pairs``; ``tally.surface``: a person name's mentions;
    ``tally.country``: a country named without doubt), ``key``, ``count``. ``meta`` rows
    ``link_counts_through`` (the highest document id they cover), ``link_counts_documents``
    (how many documents), ``link_counts_version`` (the counting code's fingerprint) and
    ``link_spreading`` (the verdicts the tally was taken under) say what they cover.
``persons``
    the persons list (authority) the archive links with, once given (``kartoteka persons set``,
    or ``--persons`` of the first ``ingest``/``link``): ``position`` in the list, ``id`` (the
    list's own id, kept as the entity id), ``name`` as listed, ``display`` (direct order),
    ``variants`` (JSON array), ``description``. ``meta`` ``persons_source`` names the file it
    came from. Every later ``link`` and ``ingest`` links with it; only ``kartoteka persons
    set|drop`` replaces or drops it.
``reading_room_users``
    who may sign in to the reading room to correct: ``name`` (login, never shown),
    ``password`` (``scrypt$n$r$p$salt$hash``), ``token_sha256`` (API token), ``display_name``
    (what others see as a correction's author), ``created_at``.
``reading_room_sessions``
    signed-in browser: ``id_sha256`` (of the cookie's random id), ``user_name``, ``created_at``,
    ``expires_at``; deleted at sign-out, user removal and password change.
``corrections``
    historian's correction, the audit log: ``created_at``, ``author``, ``action`` (``merge``,
    ``split``, ``reattach``, ``set_date``, ``set_classification``, ``set_title``), ``target``
    (human-readable), ``payload`` (JSON: stable anchors — document sha256, mention offsets — so
    it can be replayed after re-ingest and re-linking), ``reason``; ``undone_at``,
    ``undone_by``, ``undo_reason`` when undone; ``imported_from``, ``imported_at``: the file a
    correction came from by ``kartoteka import`` and when (its author and time are the maker's).
    Active corrections are replayed in ``id`` order.
``documents`` (schema version 15) also hold the readable address, ``collection`` and ``name``
    (unique together; see :mod:`kartoteka.readers.shelfmark`), the transcription's ``version``
    (1 for the first), and ``withdrawn_at``/``withdrawn_by``/``withdrawn_reason`` while withdrawn.
``document_versions``
    a transcription replaced by a newer one (``kartoteka replace``, or a changed file ingested at
    the same address): ``document_id``, ``version``, its ``sha256``, ``path``, ``text`` and
    ``ingested_at``, and ``replaced_at``/``replaced_by``/``reason``. Kept so the old text stays
    readable and its sha256 stays an address.
``document_events``
    what was done to a document as a whole, the audit log beside ``corrections``: ``document_id``,
    ``at``, ``author``, ``action`` (``replace``, ``withdraw``, ``reinstate``), ``reason``,
    ``detail`` (JSON: for a replacement the versions, the corrections carried over and those that
    no longer apply, with the payloads they had).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kartoteka.structure.genre import genre
from kartoteka.structure.language import language

if TYPE_CHECKING:
    from kartoteka.store.dialect import Dialect

SCHEMA_VERSION = 16


def _no_step(db: Dialect) -> None:
    """Nothing beyond the statements."""


def _fts_create(db: Dialect) -> None:
    """The dialect's full-text index (FTS5 table and triggers, or a tsvector column)."""
    for st in db.fts_create():
        db.execute(st)


def _fts_reindex(db: Dialect) -> None:
    """The server store indexes every document's words again (the SQLite index is unchanged)."""
    db.fts_reindex()


@dataclass(frozen=True, slots=True)
class Migration:
    """What brings an archive from ``version - 1`` to ``version``: its statements, then its step."""

    version: int
    statements: tuple[str, ...]
    step: Callable[[Dialect], None] = _no_step

    def apply(self, db: Dialect) -> None:
        for st in self.statements:
            db.execute(db.ddl(st))
        self.step(db)


_V1 = (
    """CREATE TABLE IF NOT EXISTS schema_version (
        version INTEGER PRIMARY KEY,
        applied_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS documents (
        id {id},
        sha256 TEXT NOT NULL UNIQUE,
        path TEXT NOT NULL,
        format TEXT NOT NULL,
        encoding TEXT,
        title TEXT, title_start INTEGER, title_end INTEGER,
        date_iso TEXT, date_precision TEXT, date_not_before TEXT, date_not_after TEXT,
        date_certainty TEXT, date_start INTEGER, date_end INTEGER,
        place TEXT, place_start INTEGER, place_end INTEGER, place_entity_id TEXT,
        classification_level TEXT, classification_caveats TEXT, classification TEXT,
        classification_start INTEGER, classification_end INTEGER,
        summary TEXT,
        error_code TEXT, error_message TEXT,
        ingested_at TEXT NOT NULL,
        text TEXT NOT NULL,
        parsed {json} NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS documents_date ON documents (date_not_before, date_not_after)",
    "CREATE INDEX IF NOT EXISTS documents_classification ON documents (classification_level)",
    """CREATE TABLE IF NOT EXISTS spans (
        id {id},
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        kind TEXT,
        text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS spans_document ON spans (document_id)",
    """CREATE TABLE IF NOT EXISTS marks (
        id {id},
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        lang TEXT,
        text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS marks_document ON marks (document_id)",
    """CREATE TABLE IF NOT EXISTS dates (
        id {id},
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        iso TEXT NOT NULL, precision TEXT NOT NULL,
        not_before TEXT NOT NULL, not_after TEXT NOT NULL, certainty TEXT NOT NULL,
        text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS dates_document ON dates (document_id)",
    """CREATE TABLE IF NOT EXISTS chain_steps (
        id {id},
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        action TEXT NOT NULL,
        date_iso TEXT, date_text TEXT, place TEXT)""",
    "CREATE INDEX IF NOT EXISTS chain_steps_document ON chain_steps (document_id)",
    """CREATE TABLE IF NOT EXISTS agents (
        id {id},
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        step INTEGER,
        kind TEXT NOT NULL,
        name TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        office TEXT, rank TEXT,
        linked_entity_id TEXT,
        entity_id TEXT)""",
    "CREATE INDEX IF NOT EXISTS agents_document ON agents (document_id)",
    "CREATE INDEX IF NOT EXISTS agents_entity ON agents (entity_id, role)",
    "CREATE INDEX IF NOT EXISTS agents_name ON agents (name, role)",
    """CREATE TABLE IF NOT EXISTS mentions (
        id {id},
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        title TEXT,
        method TEXT,
        linked_entity_id TEXT,
        entity_id TEXT)""",
    "CREATE INDEX IF NOT EXISTS mentions_document ON mentions (document_id, start)",
    "CREATE INDEX IF NOT EXISTS mentions_entity ON mentions (entity_id)",
    "CREATE INDEX IF NOT EXISTS mentions_text ON mentions (text, kind)",
    """CREATE TABLE IF NOT EXISTS entities (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT,
        authority {json},
        latitude REAL, longitude REAL,
        mentions INTEGER NOT NULL DEFAULT 0,
        documents INTEGER NOT NULL DEFAULT 0,
        origin TEXT NOT NULL DEFAULT 'link',
        merged_into TEXT,
        linked_name TEXT)""",
    "CREATE INDEX IF NOT EXISTS entities_kind_name ON entities (kind, name)",
    """CREATE TABLE IF NOT EXISTS name_variants (
        entity_id TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
        variant TEXT NOT NULL,
        score REAL NOT NULL,
        method TEXT NOT NULL,
        PRIMARY KEY (entity_id, variant))""",
    "CREATE INDEX IF NOT EXISTS name_variants_variant ON name_variants (variant)",
    """CREATE TABLE IF NOT EXISTS document_entities (
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        entity_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        PRIMARY KEY (document_id, entity_id))""",
    "CREATE INDEX IF NOT EXISTS document_entities_entity ON document_entities (entity_id)",
    """CREATE TABLE IF NOT EXISTS name_keys (
        key TEXT NOT NULL,
        form TEXT NOT NULL,
        PRIMARY KEY (key, form))""",
    """CREATE TABLE IF NOT EXISTS corrections (
        id {id},
        created_at TEXT NOT NULL,
        author TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        payload {json} NOT NULL,
        reason TEXT NOT NULL,
        undone_at TEXT, undone_by TEXT, undo_reason TEXT)""",
)

# 2: documents are looked up by path and file name (``kartoteka show d12.txt``).
_V2 = ("CREATE INDEX IF NOT EXISTS documents_path ON documents (path)",)

# 3: every stored value keeps its offsets, so the archive reads back as complete Records:
# an agent's office and rank, a mention's title, a chain step's date and place.
_V3 = tuple(f"ALTER TABLE {t} ADD COLUMN {c}" for t, c in (
    ("agents", "office_start INTEGER"), ("agents", "office_end INTEGER"),
    ("agents", "rank_start INTEGER"), ("agents", "rank_end INTEGER"),
    ("mentions", "title_start INTEGER"), ("mentions", "title_end INTEGER"),
    ("chain_steps", "date_precision TEXT"), ("chain_steps", "date_not_before TEXT"),
    ("chain_steps", "date_not_after TEXT"), ("chain_steps", "date_certainty TEXT"),
    ("chain_steps", "date_start INTEGER"), ("chain_steps", "date_end INTEGER"),
    ("chain_steps", "place_start INTEGER"), ("chain_steps", "place_end INTEGER"),
))

# 4: a mention keeps the kind and recogniser the parse gave it (``parsed_kind``,
# ``parsed_method``; NULL for one the collection step added), so re-linking starts from the
# parse every time and gives what linking the parsed collection gives.
_V4 = (
    "ALTER TABLE mentions ADD COLUMN parsed_kind TEXT",
    "ALTER TABLE mentions ADD COLUMN parsed_method TEXT",
    "UPDATE mentions SET parsed_kind = kind, parsed_method = method",
)

# 5: each block of person names keeps its clustering under a digest of the block, so a
# re-link clusters only the blocks whose names or counts changed (a new, empty table: cheap).
_V5 = (
    """CREATE TABLE IF NOT EXISTS link_blocks (
        digest TEXT PRIMARY KEY,
        clustering TEXT NOT NULL)""",
)

# 6: documents are found by the place they were sent from (a search's place filter keeps them)
# through an index, not a read of every document row (one pass over the table to build).
_V6 = ("CREATE INDEX IF NOT EXISTS documents_place ON documents (place)",)

# 7: the archive's content version (``meta`` row ``content_version``), moved by every write that
# changes what search facets count; one row (the migration itself then moves it).
_V7 = ("INSERT INTO meta (key, value) VALUES ('content_version', '0') ON CONFLICT (key) DO NOTHING",)

# 8: linking's collection-wide counts (spreading evidence, person names, countries) are kept, so a
# re-link after new documents reads only those to add them (a new, empty table: cheap; the
# first re-link after it counts the whole archive once).
_V8 = (
    """CREATE TABLE IF NOT EXISTS link_counts (
        counter TEXT NOT NULL,
        key TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (counter, key))""",
)

# 9: a parsed mention linking took out of ``mentions`` (a common word dropped, a compound split
# into its names) is kept apart, so a later linking under other verdicts starts from the whole
# parse again (a new, empty table: cheap).
_V9 = (
    """CREATE TABLE IF NOT EXISTS unlinked_mentions (
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        title TEXT, title_start INTEGER, title_end INTEGER,
        method TEXT)""",
    "CREATE INDEX IF NOT EXISTS unlinked_mentions_document ON unlinked_mentions (document_id)",
)

# 10: the server store's full-text words are cut and folded as the embedded store's are
# (``kartoteka.search.words``), so a query finds the same documents in both: the dialect indexes
# every document's words again (``Dialect.fts_reindex``; nothing to do in SQLite).
_V10: tuple[str, ...] = ()

# 11: the persons list given once is kept (a new, empty table: cheap), so a later ``link`` or
# ``ingest`` without ``--persons`` links with it instead of silently dropping its ids.
_V11 = (
    """CREATE TABLE IF NOT EXISTS persons (
        position INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        display TEXT NOT NULL,
        variants TEXT NOT NULL,
        description TEXT)""",
)

# 12: the reading room's users (made on first use before, so kept as they are when present) get a
# public display name, and their sessions are kept server-side (the browser holds a random id,
# the archive its sha256), so a session ends for good at sign-out, user removal or a new password.
_V12 = (
    """CREATE TABLE IF NOT EXISTS reading_room_users (
        name TEXT PRIMARY KEY,
        password TEXT NOT NULL,
        token_sha256 TEXT,
        created_at TEXT)""",
    "ALTER TABLE reading_room_users ADD COLUMN display_name TEXT",
    """CREATE TABLE IF NOT EXISTS reading_room_sessions (
        id_sha256 TEXT PRIMARY KEY,
        user_name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS reading_room_sessions_user ON reading_room_sessions (user_name)",
)

# 13: PostgreSQL writes a word's positions past its 256th to lexemes of their own ("of#2"), so
# a phrase late in a long document is found as in SQLite: the dialect indexes the words again.
_V13: tuple[str, ...] = ()

# 14: a correction logged by ``kartoteka import`` keeps its maker and time (``author``,
# ``created_at``) and says where it came from: the file and when it was imported.
_V14 = ("ALTER TABLE corrections ADD COLUMN imported_from TEXT",
        "ALTER TABLE corrections ADD COLUMN imported_at TEXT")

# 15: every document gets a readable address (collection and name, unique together; existing
# documents get the derived default, a clash the sha256's first 8 characters added to the name),
# a version, a withdrawal, and the tables of replaced versions and of document events.
_V15 = (
    "ALTER TABLE documents ADD COLUMN collection TEXT",
    "ALTER TABLE documents ADD COLUMN name TEXT",
    "ALTER TABLE documents ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
    "ALTER TABLE documents ADD COLUMN withdrawn_at TEXT",
    "ALTER TABLE documents ADD COLUMN withdrawn_by TEXT",
    "ALTER TABLE documents ADD COLUMN withdrawn_reason TEXT",
    "CREATE INDEX IF NOT EXISTS documents_withdrawn ON documents (withdrawn_at)",
    """CREATE TABLE IF NOT EXISTS document_versions (
        document_id INTEGER NOT NULL,
        version INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        path TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        replaced_at TEXT NOT NULL,
        replaced_by TEXT NOT NULL,
        reason TEXT,
        text TEXT NOT NULL,
        PRIMARY KEY (document_id, version))""",
    "CREATE INDEX IF NOT EXISTS document_versions_sha256 ON document_versions (sha256)",
    """CREATE TABLE IF NOT EXISTS document_events (
        id {id},
        document_id INTEGER NOT NULL,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        action TEXT NOT NULL,
        reason TEXT,
        detail TEXT)""",
    "CREATE INDEX IF NOT EXISTS document_events_document ON document_events (document_id)",
)


def _addresses(db: Dialect) -> None:
    """The derived address of every stored document, then the index that keeps them unique."""
    from kartoteka.readers.shelfmark import shelfmark_of

    taken: set[tuple[str, str]] = set()
    rows = db.rows("SELECT id, sha256, path FROM documents ORDER BY id")
    updates = []
    for r in rows:
        mark = shelfmark_of(str(r["path"]))
        key = (mark.collection, mark.name)
        if key in taken:
            key = (mark.collection, f"{mark.name}-{str(r['sha256'])[:8]}")
        taken.add(key)
        updates.append((key[0], key[1], int(r["id"])))
    db.executemany("UPDATE documents SET collection = ?, name = ? WHERE id = ?", updates)
    db.execute("CREATE UNIQUE INDEX IF NOT EXISTS documents_address ON documents (collection, name)")


# 16: a document's language and genre are columns search narrows and counts
# by (facets and filters), each with its index; the step reads every stored document once.
_V16 = ("ALTER TABLE documents ADD COLUMN language TEXT",
        "ALTER TABLE documents ADD COLUMN genre TEXT",
        "CREATE INDEX IF NOT EXISTS documents_language ON documents (language)",
        "CREATE INDEX IF NOT EXISTS documents_genre ON documents (genre)")
_READ_AT_ONCE = 500


def _language_and_genre(db: Dialect) -> None:
    """Every stored document's language (from its text) and genre (from its parsed title)."""
    last = 0
    while True:
        rows = db.rows("SELECT id, text, parsed FROM documents WHERE id > ? ORDER BY id LIMIT ?", (last, _READ_AT_ONCE))
        if not rows:
            return
        out = []
        for r in rows:
            parsed = r["parsed"] if isinstance(r["parsed"], dict) else json.loads(r["parsed"] or "{}")
            out.append((language(str(r["text"])), genre(parsed.get("title")), int(r["id"])))
        db.executemany("UPDATE documents SET language = ?, genre = ? WHERE id = ?", out)
        last = int(rows[-1]["id"])


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, _V1, _fts_create), Migration(2, _V2), Migration(3, _V3), Migration(4, _V4), Migration(5, _V5),
    Migration(6, _V6), Migration(7, _V7), Migration(8, _V8), Migration(9, _V9), Migration(10, _V10, _fts_reindex),
    Migration(11, _V11), Migration(12, _V12), Migration(13, _V13, _fts_reindex), Migration(14, _V14),
    Migration(15, _V15, _addresses),
    Migration(16, _V16, _language_and_genre))

# Tables whose rows belong to one document (deleted with it when a document is re-parsed).
DOCUMENT_TABLES = ("spans", "marks", "dates", "chain_steps", "agents", "mentions", "document_entities",
                   "unlinked_mentions")

__all__ = ["DOCUMENT_TABLES", "MIGRATIONS", "SCHEMA_VERSION", "Migration"]
