//! A position-keeping YAML loader shared by Kubernetes manifests and configuration files.
