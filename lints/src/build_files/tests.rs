use super::*;

fn literal(v: &Option<Value>) -> Option<&str> {
    match v {
        Some(Value::Literal(s)) => Some(s),
        _ => None,
    }
}

#[test]
fn recognises_compose_and_bake_names() {
    for (name, want) in [
        ("compose.yaml", Some((Family::Compose, true))),
        ("compose.yml", Some((Family::Compose, true))),
        ("docker-compose.yml", Some((Family::Compose, true))),
        ("docker-compose.yaml", Some((Family::Compose, true))),
        ("compose.override.yaml", Some((Family::Compose, false))),
        ("docker-compose.prod.yml", Some((Family::Compose, false))),
        ("docker-bake.hcl", Some((Family::Bake, true))),
        ("docker-bake.json", Some((Family::Bake, true))),
        ("docker-bake.override.hcl", Some((Family::Bake, false))),
        ("deployment.yaml", None),
        ("compose.txt", None),
        ("my-compose.yml", None),
        ("Docker-Compose.YML", Some((Family::Compose, true))),
        ("compose.prod.yaml", Some((Family::Compose, false))),
        (
            "docker-compose.override.yml",
            Some((Family::Compose, false)),
        ),
        ("compose.yml.bak", None),
        ("composeyaml", None),
        ("compose-dev.yaml", None),
        ("docker-bake.hcl.json", Some((Family::Bake, false))),
        ("docker-bakehcl", None),
        ("Dockerfile", None),
        ("", None),
    ] {
        assert_eq!(classify(name), want, "{name}");
    }
}

#[test]
fn compose_build_string_and_mapping() {
    let services = compose_services(
        "services:\n  web:\n    build: ./web\n  api:\n    build:\n      context: ..\n      dockerfile: build/api.Dockerfile\n  db:\n    image: postgres:17\n  inline:\n    build:\n      dockerfile_inline: |\n        FROM alpine\n  templated:\n    build:\n      context: ${APP_DIR}\n",
    );
    let names: Vec<_> = services.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["web", "api", "templated"]);
    assert_eq!(literal(&services[0].1.context), Some("./web"));
    assert!(services[0].1.dockerfile.is_none());
    assert_eq!(literal(&services[1].1.context), Some(".."));
    assert_eq!(
        literal(&services[1].1.dockerfile),
        Some("build/api.Dockerfile")
    );
    // Kept, but skipped when resolved: the path has a variable.
    assert!(resolve(Path::new("p"), services[2].1.clone()).is_none());
    // Not Compose at all, or broken: nothing.
    assert!(compose_services("kind: Deployment\n").is_empty());
    assert!(compose_services("services: [\n").is_empty());
}

#[test]
fn resolves_paths_against_the_file_and_the_context() {
    let target = resolve(
        Path::new("repo/deploy"),
        Partial {
            context: Some(Value::Literal("..".into())),
            dockerfile: Some(Value::Literal("build/app.Dockerfile".into())),
        },
    )
    .unwrap();
    assert_eq!(target.context, PathBuf::from("repo"));
    assert_eq!(
        target.dockerfile,
        PathBuf::from("repo/build/app.Dockerfile")
    );
    let default = resolve(Path::new("repo"), Partial::default()).unwrap();
    assert_eq!(default.dockerfile, PathBuf::from("repo/Dockerfile"));
    for remote in [
        "https://github.com/docker/buildx.git",
        "git@github.com:org/repo.git",
        "github.com/org/repo",
        "target:base",
    ] {
        let partial = Partial {
            context: Some(Value::Literal(remote.into())),
            dockerfile: None,
        };
        assert!(resolve(Path::new("."), partial).is_none(), "{remote}");
    }
}

#[test]
fn bake_json_targets() {
    let targets = bake_json(
        r#"{"group": {"default": {"targets": ["app"]}},
            "target": {"app": {"context": "./src", "dockerfile": "../docker/app.Dockerfile"},
                       "other": {"dockerfile": ["not", "a", "string"]}}}"#,
    );
    assert_eq!(targets.len(), 2);
    assert_eq!(literal(&targets[0].1.context), Some("./src"));
    assert!(matches!(targets[1].1.dockerfile, Some(Value::Unknown)));
    assert!(bake_json("{not json").is_empty());
}

#[test]
fn bake_hcl_subset() {
    let targets = bake_hcl(
        r#"
# comment with target "fake" {
variable "TAG" { default = "latest" }
group "default" { targets = ["app", "worker"] }

target "app" {
  context = "./services/app" // trailing comment
  dockerfile = "build/app.Dockerfile"
  tags = ["example/app:${TAG}"]
  args = { context = "not this one" }
}
/* target "commented" { dockerfile = "x" } */
target "worker" {
  dockerfile = "${DIR}/worker.Dockerfile"
}
target "computed" {
  context = lower("SRC")
}
target "defaults" {}
"#,
    );
    let names: Vec<_> = targets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["app", "worker", "computed", "defaults"]);
    assert_eq!(literal(&targets[0].1.context), Some("./services/app"));
    assert_eq!(
        literal(&targets[0].1.dockerfile),
        Some("build/app.Dockerfile")
    );
    assert!(matches!(targets[1].1.dockerfile, Some(Value::Unknown)));
    assert!(matches!(targets[2].1.context, Some(Value::Unknown)));
    assert!(targets[3].1.context.is_none() && targets[3].1.dockerfile.is_none());
    // Unbalanced or truncated input never panics.
    for broken in [
        "target \"a\" {",
        "target",
        "}}}",
        "target \"a\" { context = ",
        "\"unterminated",
    ] {
        let _ = bake_hcl(broken);
    }
}

#[test]
fn overrides_merge_into_the_base_file() {
    let dir = std::env::temp_dir().join(format!("caulk-build-files-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("compose.yaml"),
        "services:\n  app:\n    build:\n      context: src\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("compose.override.yaml"),
        "services:\n  app:\n    build:\n      dockerfile: ../build/app.Dockerfile\n",
    )
    .unwrap();
    let targets = read_build_files(&[dir.join("compose.override.yaml"), dir.join("compose.yaml")]);
    assert_eq!(
        targets,
        [BuildTarget {
            dockerfile: dir.join("build/app.Dockerfile"),
            context: dir.join("src"),
        }]
    );
    let _ = std::fs::remove_dir_all(&dir);
}
