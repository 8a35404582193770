"""Neo4j 5 (server, Aura or cluster) through the official ``neo4j`` driver.

Reads run in read transactions (the server refuses writes in them). A load is one write
transaction: MERGE every batch, delete what an earlier load stamped and this one did not,
commit; an error rolls the whole load back. The password lives only in the driver's
auth token: it is never logged, printed or put into an error message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from gkg.errors import QueryError, StoreError
from gkg.model import Node, Path, Relationship, Result, StoreInfo, nested_values
from gkg.schema import ENTITY_LABEL
from gkg.stores.base import GraphStore, Progress
from gkg.stores.ingest import (
    DELETE_STALE_CLAIMS,
    DELETE_STALE_NODES,
    DELETE_STALE_RELATIONSHIPS,
    Statement,
    drop_relabelled,
)
from gkg.stores.neo4j.schema_statements import schema_statements
from gkg.stores.neo4j.settings import Neo4jSettings


class Neo4jStore(GraphStore):
    """A Neo4j database reached with the official driver."""

    kind = "neo4j"
    settings: Neo4jSettings

    def __init__(self, settings: Neo4jSettings):
        self.settings = settings
        import neo4j

        self._neo4j = neo4j
        try:
            self._driver = neo4j.GraphDatabase.driver(
                settings.uri,
                auth=(settings.username, settings.password),
                connection_timeout=10,
                max_connection_lifetime=3600,
            )
        except (neo4j.exceptions.DriverError, neo4j.exceptions.Neo4jError, ValueError) as exc:
            raise StoreError(self._connection_message(exc)) from None
        try:
            self._driver.verify_connectivity()
        except (neo4j.exceptions.DriverError, neo4j.exceptions.Neo4jError, OSError) as exc:
            self._driver.close()
            raise StoreError(self._connection_message(exc)) from None
        except BaseException:  # Ctrl-C while connecting: close, then let it through
            self._driver.close()
            raise

    def _connection_message(self, exc: Exception) -> str:
        errors = self._neo4j.exceptions
        where = f"Neo4j at {self.settings.uri}"
        if isinstance(exc, errors.AuthError):
            return (
                f"{where} refused the user name or password (user {self.settings.username!r}); "
                "check NEO4J_USERNAME and NEO4J_PASSWORD"
            )
        detail = self._plain(str(exc))
        if isinstance(exc, errors.ConfigurationError | ValueError):
            return f"cannot use {where}: {detail}"
        return (
            f"cannot connect to {where}: {detail}. "
            "Is the server running and the URI right? (unset NEO4J_URI to use the embedded store)"
        )

    def _plain(self, text: str) -> str:
        """A driver message on one line, with the password (if it ever appeared) hidden."""
        return " ".join(_scrub(text, self.settings.password).split())

    def close(self) -> None:
        self._driver.close()

    def _session(self, write: bool = False) -> Any:
        mode = self._neo4j.WRITE_ACCESS if write else self._neo4j.READ_ACCESS
        return self._driver.session(database=self.settings.database, default_access_mode=mode)

    # --- reads --------------------------------------------------------------------------

    def run(self, query: str, params: Mapping[str, Any] | None = None) -> Result:
        errors = self._neo4j.exceptions

        def work(tx: Any) -> tuple[list[str], list[list[Any]], dict[str, str]]:
            cursor = tx.run(query, dict(params or {}))
            columns, rows = list(cursor.keys()), [list(record.values()) for record in cursor]
            unnamed = _unnamed_endpoints(rows)
            seed_ids: dict[str, str] = {}
            if unnamed:
                found = tx.run(
                    "MATCH (n) WHERE elementId(n) IN $ids RETURN elementId(n) AS e, n.id AS id",
                    {"ids": sorted(unnamed)},
                )
                seed_ids = {r["e"]: r["id"] for r in found if r["id"] is not None}
            return columns, rows, seed_ids

        try:
            with self._session() as session:
                columns, rows, seed_ids = session.execute_read(work)
        except errors.AuthError as exc:
            raise StoreError(self._connection_message(exc)) from None
        except errors.ClientError as exc:
            code = exc.code or ""
            if "AccessMode" in code or "ForbiddenDueToTransactionType" in code:
                raise QueryError(
                    "this query would write to the graph; gkg runs queries read-only"
                ) from None
            raise QueryError(self._plain(exc.message or str(exc))) from None
        except errors.Neo4jError as exc:
            raise QueryError(self._plain(exc.message or str(exc))) from None
        except errors.DriverError as exc:  # unavailable, session expired, pool timeouts
            raise StoreError(self._connection_message(exc)) from None
        except TypeError as exc:  # a parameter value the driver cannot send
            raise QueryError(f"a parameter cannot be sent to Neo4j: {exc}") from None
        return _convert(columns, rows, seed_ids)

    def is_loaded(self) -> bool:
        rows = self.run(f"MATCH (n:{ENTITY_LABEL}) RETURN n.id LIMIT 1").rows
        return bool(rows)

    def info(self) -> StoreInfo:
        components = self.run(
            "CALL dbms.components() YIELD name, versions, edition "
            "RETURN name, versions[0] AS version, edition"
        ).records()
        version = ", ".join(f"{c['name']} {c['version']} {c['edition']}" for c in components)
        nodes = rels = None  # as for the embedded store: None means "not loaded yet"
        if self.is_loaded():
            nodes = self.run(f"MATCH (n:{ENTITY_LABEL}) RETURN count(n)").rows[0][0]
            rels = self.run(f"MATCH (:{ENTITY_LABEL})-[r]->(:{ENTITY_LABEL}) RETURN count(r)").rows[
                0
            ][0]
        return StoreInfo(
            kind=self.kind,
            version=version or "Neo4j",
            location=f"{self.settings.uri} (database {self.settings.database or 'default'})",
            node_count=nodes,
            relationship_count=rels,
            details={"user": self.settings.username},
        )

    # --- the atomic load ----------------------------------------------------------------

    def replace_graph(
        self, statements: Sequence[Statement], stamp: str, progress: Progress | None = None
    ) -> None:
        errors = self._neo4j.exceptions
        try:
            with self._session(write=True) as session:
                for setup in schema_statements():
                    session.run(setup).consume()
                total = sum(len(s.rows) for s in statements)
                with session.begin_transaction() as tx:
                    done = 0
                    for statement in statements:
                        for batch in statement.batches():
                            if statement.label:
                                relabel = drop_relabelled(statement.label)
                                tx.run(relabel, {"rows": list(batch)}).consume()
                            tx.run(statement.query, {"rows": list(batch), "stamp": stamp}).consume()
                            done += len(batch)
                            if progress:
                                progress(done, total)
                    tx.run(DELETE_STALE_RELATIONSHIPS, {"stamp": stamp}).consume()
                    tx.run(DELETE_STALE_NODES, {"stamp": stamp}).consume()
                    tx.run(DELETE_STALE_CLAIMS, {"stamp": stamp}).consume()
                    tx.commit()
        except errors.AuthError as exc:
            raise StoreError(self._connection_message(exc)) from None
        except errors.Neo4jError as exc:
            message = self._plain(exc.message or str(exc))
            raise StoreError(f"Neo4j refused the load and rolled it back: {message}") from None
        except errors.DriverError as exc:
            raise StoreError(self._connection_message(exc)) from None


def _scrub(text: str, secret: str) -> str:
    return text.replace(secret, "<hidden>") if secret else text


def _unnamed_endpoints(rows: list[list[Any]]) -> set[str]:
    """Element ids of relationship endpoints whose seed id the result does not carry."""
    import neo4j.graph as ng

    unnamed: set[str] = set()
    for value in nested_values(rows):
        rels = value.relationships if isinstance(value, ng.Path) else [value]
        for rel in rels:
            if isinstance(rel, ng.Relationship):
                for end in (rel.start_node, rel.end_node):
                    if end is not None and end.get("id") is None:
                        unnamed.add(end.element_id)
    return unnamed


def _convert(columns: list[str], rows: list[list[Any]], seed_ids: dict[str, str]) -> Result:
    import neo4j.graph as ng
    import neo4j.time as nt

    def seed_id(end: Any) -> str:
        if end is None:
            return ""
        own = end.get("id")
        return str(own) if own is not None else seed_ids.get(end.element_id, end.element_id)

    def node(value: Any) -> Node:
        props = dict(value.items())
        return Node(
            str(props.get("id", value.element_id)), tuple(sorted(value.labels)), _values(props)
        )

    def convert(value: Any) -> Any:
        if isinstance(value, ng.Node):
            return node(value)
        if isinstance(value, ng.Relationship):
            props = dict(value.items())
            start = value.start_node
            end = value.end_node
            return Relationship(
                str(props.get("id", value.element_id)),
                value.type,
                seed_id(start),
                seed_id(end),
                _values(props),
            )
        if isinstance(value, ng.Path):
            return Path(
                tuple(node(n) for n in value.nodes), tuple(convert(r) for r in value.relationships)
            )
        if isinstance(value, (list, tuple)):
            return [convert(v) for v in value]
        if isinstance(value, dict):
            return {str(k): convert(v) for k, v in value.items()}
        if isinstance(value, (nt.Date, nt.DateTime, nt.Time, dt.date)):
            return value.isoformat()
        return value

    def _values(props: dict[str, Any]) -> dict[str, Any]:
        return {k: convert(v) for k, v in props.items()}

    return Result(columns, [[convert(v) for v in row] for row in rows])
