//! Generates the rule table: every `src/rules/<kind>/<file>.rs` declares a
//! `pub static RULE`, and the table lists them sorted by code, so adding a
//! rule is adding one file. Also turns `data/lifecycle.yaml` into code
//! (see `build_lifecycle.rs`).

#[path = "build_lifecycle.rs"]
mod lifecycle;

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    let manifest = env::var("CARGO_MANIFEST_DIR").unwrap();
    let rules_dir = Path::new(&manifest).join("src/rules");
    let mut modules = String::new();
    let mut entries: Vec<(String, String)> = Vec::new();

    for kind in ["engine", "dockerfile", "kubernetes"] {
        let dir = rules_dir.join(kind);
        println!("cargo:rerun-if-changed={}", dir.display());
        let Ok(read) = fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = read
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "rs")
                    && p.file_stem().is_some_and(|s| s != "mod")
            })
            .collect();
        files.sort();
        writeln!(modules, "pub mod {kind} {{").unwrap();
        for file in files {
            println!("cargo:rerun-if-changed={}", file.display());
            let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(&file).unwrap();
            let code = text
                .lines()
                .map(str::trim)
                .find_map(|l| l.strip_prefix("code: \""))
                .and_then(|rest| rest.split('"').next())
                .unwrap_or_else(|| panic!("{} declares no `code: \"…\"`", file.display()))
                .to_string();
            writeln!(
                modules,
                "    #[path = {:?}]\n    pub mod {stem};",
                file.display().to_string()
            )
            .unwrap();
            entries.push((code, format!("&crate::rules::{kind}::{stem}::RULE")));
        }
        writeln!(modules, "}}").unwrap();
    }
    entries.sort();
    let mut table = String::from("pub(crate) static ALL_RULES: &[&crate::rules::Rule] = &[\n");
    for (_, path) in &entries {
        writeln!(table, "    {path},").unwrap();
    }
    table.push_str("];\n");

    let out = Path::new(&env::var("OUT_DIR").unwrap()).to_path_buf();
    fs::write(out.join("rule_modules.rs"), modules).unwrap();
    fs::write(out.join("rule_table.rs"), table).unwrap();

    let data = Path::new(&manifest).join("data/lifecycle.yaml");
    println!("cargo:rerun-if-changed={}", data.display());
    println!("cargo:rerun-if-changed=build_lifecycle.rs");
    let yaml = fs::read_to_string(&data).unwrap();
    fs::write(out.join("lifecycle_table.rs"), lifecycle::generate(&yaml)).unwrap();
}
