"""The embedded store: a FalkorDB server gkg runs itself on a private unix socket."""
