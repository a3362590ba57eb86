"""The policy-kg web service: REST resources, the SPARQL 1.1 Protocol and linked data over
the knowledge graph. Build the app with :func:`api.app.create_app`; run it with `kg serve`."""
