//! `caulk config [PATH]`: the effective configuration and where each
//! setting came from; `caulk config --schema`: the JSON Schema of `.caulk.yaml`.

use crate::cli::ConfigArgs;
use caulk_lints::config::{Overrides, explain};

pub fn run(args: &ConfigArgs) -> u8 {
    if args.schema {
        print!("{}", caulk_lints::config::schema_json());
        return 0;
    }
    match explain(&args.path, args.config.as_deref(), &Overrides::default()) {
        Ok(text) => {
            print!("{text}");
            0
        }
        Err(err) => {
            eprintln!("{:?}", miette::Report::new(err));
            2
        }
    }
}
