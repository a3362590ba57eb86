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


class UnreadableFileError(InputError):
    """A source file's format is known but its text cannot be read (encrypted, damaged, empty)."""

    code = "unreadable_file"
    http_status = 422


class UnsupportedFormatError(InputError):
    """A source file is in a format no reader reads."""

    code = "unsupported_format"
    http_status = 415


class MissingToolError(KgError):
    """A reader needs a system tool (Tesseract and its chi_sim model, antiword) that is missing."""

    code = "missing_tool"
    http_status = 503


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


class ForbiddenQueryError(QueryError):
    """A query the public endpoint refuses on purpose: an update, or a SERVICE call."""

    code = "forbidden_query"
    http_status = 403


class QueryTimeoutError(KgError):
    """A query ran past the service's time limit and was stopped."""

    code = "query_timeout"
    http_status = 503


class ServiceBusyError(KgError):
    """Every query worker stayed busy for longer than the service waits for one."""

    code = "busy"
    http_status = 503


class ServiceStartError(KgError):
    """The web service could not start (an API replica failed as it started)."""

    code = "service_start"


class NotAcceptableError(KgError):
    """The client accepts none of the formats this result can be written in."""

    code = "not_acceptable"
    http_status = 406


class UnsupportedMediaTypeError(InputError):
    """A request body comes in a media type or charset the endpoint does not read."""

    code = "unsupported_media_type"
    http_status = 415


class ExtractTimeoutError(KgError):
    """Reading and extracting an uploaded file took longer than the service allows."""

    code = "extract_timeout"
    http_status = 503


class RequestTooLargeError(InputError):
    """A request (body or query string) is larger than the service accepts."""

    code = "request_too_large"
    http_status = 413


class RemoteStoreError(KgError):
    """The external SPARQL server failed or could not be reached."""

    code = "remote_store"
    http_status = 502
