"""Stage 6, service: reads a store backend; writes what the API serves (REST resources and
linked data) as plain dicts for the routes in ``api/``. Imports only earlier stages.
"""
