//! Dockerfiles: syntax tree, parser and semantic model.
