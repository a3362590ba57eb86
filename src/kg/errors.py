"""The library's errors: each message says what went wrong, where, and how to fix it.

The CLI and the API translate these once, at the edge; nothing below them prints or exits.
"""

from __future__ import annotations


class KgError(Exception):
    """Base class of every error the library raises on purpose."""

    code = "kg_error"
    http_status = 500

    def __init__(self, message: str, *, fix: str | None = None) -> None:
        self.message = message
        self.fix = fix
        super().__init__(f"{message} Fix: {fix}" if fix else message)


class InputError(KgError):
    """A source file or an argument cannot be used as given."""

    code = "bad_input"
    http_status = 400


class ManifestError(InputError):
    """The ingest manifest (sources.toml) or errata file is malformed."""

    code = "bad_manifest"


class RuleDataError(KgError):
    """A rule data file shipped with the library is malformed."""

    code = "bad_rule_data"


class ValidationError(KgError):
    """The built graph does not conform to the SHACL shapes."""

    code = "invalid_graph"


class NotBuiltError(KgError):
    """A command needs the built graph, and there is none yet."""

    code = "not_built"
    http_status = 409


class NotFoundError(KgError):
    """A requested resource (document, indicator, city...) does not exist."""

    code = "not_found"
    http_status = 404


class QueryError(KgError):
    """A SPARQL query is malformed or not allowed."""

    code = "bad_query"
    http_status = 400
