#![no_main]
//! The YAML loader's fast path against saphyr: for any input, loading with
//! the fast path must give exactly the stream (documents, ranges, errors,
//! comments) that saphyr alone gives. Found cases go into the edge cases of
//! `lints/src/yaml/fast_tests.rs`.

use caulk_lints::yaml::{Limits, load, load_reference};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let limits = Limits::default();
    let fast = load(text, &limits);
    let reference = load_reference(text, &limits);
    assert_eq!(fast, reference, "fast path differs from saphyr on {text:?}");
});
