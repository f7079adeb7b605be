use super::*;

fn load_ok(text: &str) -> Stream {
    let stream = load(text, &Limits::default());
    assert!(
        stream.errors.is_empty(),
        "unexpected errors: {:?}",
        stream.errors
    );
    stream
}

fn root(text: &str) -> Node {
    load_ok(text)
        .documents
        .into_iter()
        .next()
        .expect("one document")
        .root
}

/// The text a node covers.
fn at<'a>(text: &'a str, node: &Node) -> &'a str {
    node.range.slice(text)
}

#[test]
fn ranges_are_bytes_after_non_ascii_text() {
    let text = "name: café\nlabels:\n  tier: \"ünï\"\nimage: nginx\n";
    let root = root(text);
    let image = root.entry("image").unwrap();
    assert_eq!(
        image.key.range,
        TextRange::from_usize(text.find("image").unwrap(), text.find("image").unwrap() + 5)
    );
    assert_eq!(at(text, &image.value), "nginx");
    assert_eq!(at(text, root.get("name").unwrap()), "café");
    assert_eq!(
        at(text, root.get_path(&["labels", "tier"]).unwrap()),
        "\"ünï\""
    );
    assert_eq!(
        root.get_path(&["labels", "tier"]).unwrap().as_str(),
        Some("ünï")
    );
    assert_eq!(at(text, root.get("labels").unwrap()), "tier: \"ünï\"");
    assert_eq!(at(text, &root), text.trim_end());
}

#[test]
fn crlf_and_bom() {
    let text = "\u{feff}a: 1\r\nb:\r\n  - x\r\n  - 'y'\r\n";
    let root = root(text);
    assert_eq!(root.entry("a").unwrap().key.range, TextRange::new(3, 4));
    assert_eq!(at(text, root.get("a").unwrap()), "1");
    let b = root.get("b").unwrap();
    assert_eq!(at(text, b), "- x\r\n  - 'y'");
    assert_eq!(at(text, &b.as_sequence().unwrap()[1]), "'y'");
}

#[test]
fn flow_and_block_collections() {
    let text =
        "m:\n  x: [1, 2]\n  y: {a: 1, b: [c]}\n  s:\n  - a\n  - b: c\n    d: e\n# trailing\n";
    let root = root(text);
    let m = root.get("m").unwrap();
    assert_eq!(at(text, m.get("x").unwrap()), "[1, 2]");
    assert_eq!(at(text, m.get("y").unwrap()), "{a: 1, b: [c]}");
    assert_eq!(at(text, m.get_path(&["y", "b"]).unwrap()), "[c]");
    let s = m.get("s").unwrap();
    assert_eq!(at(text, s), "- a\n  - b: c\n    d: e");
    assert_eq!(at(text, &s.as_sequence().unwrap()[1]), "b: c\n    d: e");
    assert_eq!(
        at(text, m),
        "x: [1, 2]\n  y: {a: 1, b: [c]}\n  s:\n  - a\n  - b: c\n    d: e"
    );
}

#[test]
fn block_scalars_cover_indicator_to_last_line() {
    let text = "k: | # not part\n  line1\n  # text, not a comment\n\nz: >-\n  f\n  g\n# c\n";
    let stream = load_ok(text);
    let root = &stream.documents[0].root;
    let k = root.get("k").unwrap();
    assert_eq!(
        at(text, k),
        "| # not part\n  line1\n  # text, not a comment"
    );
    assert_eq!(k.scalar_text(), Some("line1\n# text, not a comment\n"));
    assert_eq!(k.as_scalar().unwrap().style, ScalarStyle::Literal);
    let z = root.get("z").unwrap();
    assert_eq!(at(text, z), ">-\n  f\n  g");
    assert_eq!(z.as_str(), Some("f g"));
    let comments: Vec<&str> = stream.comments.iter().map(|c| c.text(text)).collect();
    assert_eq!(comments, [" not part", " c"]);
}

#[test]
fn multi_document_streams() {
    let text = "---\n---\n# only a comment\n---\na: 1\n...\n---\nb: 2\n--- \n";
    let stream = load_ok(text);
    assert_eq!(stream.documents.len(), 2);
    let first = &stream.documents[0];
    assert_eq!(
        at(text, first.root.entry("a").map(|e| &e.key).unwrap()),
        "a"
    );
    assert_eq!(first.range.slice(text), "---\na: 1\n...");
    assert_eq!(stream.documents[1].range.slice(text), "---\nb: 2");
    assert_eq!(stream.comments.len(), 1);
}

#[test]
fn json_is_yaml() {
    let text =
        "{\"kind\": \"Pod\", \"spec\": {\"containers\": [{\"name\": \"a\", \"ports\": [80]}]}}";
    let root = root(text);
    assert_eq!(root.get("kind").unwrap().as_str(), Some("Pod"));
    let port = &root
        .get_path(&["spec", "containers"])
        .unwrap()
        .as_sequence()
        .unwrap()[0];
    assert_eq!(at(text, port), "{\"name\": \"a\", \"ports\": [80]}");
    assert_eq!(
        port.get("ports").unwrap().as_sequence().unwrap()[0].as_i64(),
        Some(80)
    );
}

#[test]
fn tags_are_kept() {
    let text = "a: !!str 123\nb: !Ref thing\nc: !!binary aGVsbG8=\n";
    let root = root(text);
    let a = root.get("a").unwrap();
    assert_eq!(a.tag(), Some("!!str"));
    assert_eq!(at(text, a), "123");
    assert_eq!(a.as_str(), Some("123"));
    assert_eq!(a.as_i64(), None);
    assert_eq!(root.get("b").unwrap().tag(), Some("!Ref"));
    assert_eq!(at(text, root.get("b").unwrap()), "thing");
    assert_eq!(root.get("c").unwrap().as_str(), Some("aGVsbG8="));
}

#[test]
fn anchors_aliases_and_merge_keys() {
    let text = "base: &base\n  cpu: 1\n  mem: 2\nextra: &extra {gpu: 0, cpu: 9}\n\
                one:\n  <<: *base\n  mem: 3\ntwo:\n  <<: [*extra, *base]\nname: &n café\ncopy: *n\n";
    let root = root(text);
    let one = root.get("one").unwrap();
    let keys: Vec<&str> = one
        .as_mapping()
        .unwrap()
        .iter()
        .filter_map(Entry::key_str)
        .collect();
    assert_eq!(keys, ["cpu", "mem"]);
    assert_eq!(one.get("mem").unwrap().as_i64(), Some(3));
    let cpu = one.entry("cpu").unwrap();
    // Merged entries keep their definition's range and remember the alias.
    assert_eq!(at(text, &cpu.value), "1");
    assert_eq!(cpu.value.alias.map(|r| r.slice(text)), Some("*base"));
    let two = root.get("two").unwrap();
    assert_eq!(two.get("cpu").unwrap().as_i64(), Some(9));
    assert_eq!(two.get("mem").unwrap().as_i64(), Some(2));
    assert_eq!(two.get("gpu").unwrap().as_i64(), Some(0));
    let copy = root.get("copy").unwrap();
    assert_eq!(copy.as_str(), Some("café"));
    assert_eq!(at(text, copy), "café");
    assert_eq!(copy.alias.map(|r| r.slice(text)), Some("*n"));
    assert_eq!(at(text, root.get("base").unwrap()), "cpu: 1\n  mem: 2");
}

#[test]
fn yaml_1_1_scalars() {
    let text = "a: yes\nb: \"yes\"\nc: Off\nd: 0644\ne: 0o17\nf: 0x1F\ng: 1_000\nh: ~\ni:\nj: null\nk: '0644'\nl: 1e3\n";
    let root = root(text);
    assert_eq!(root.get("a").unwrap().as_bool(), Some(true));
    let b = root.get("b").unwrap();
    assert_eq!(b.as_bool(), None);
    assert_eq!(b.resolve(), Some(Resolved::Str("yes")));
    assert_eq!(b.type_name(), "a string");
    assert_eq!(root.get("c").unwrap().as_bool(), Some(false));
    assert_eq!(root.get("d").unwrap().as_i64(), Some(0o644));
    assert_eq!(root.get("e").unwrap().as_i64(), Some(15));
    assert_eq!(root.get("f").unwrap().as_i64(), Some(31));
    assert_eq!(root.get("g").unwrap().as_i64(), Some(1000));
    assert!(root.get("h").unwrap().is_null());
    let i = root.get("i").unwrap();
    assert!(i.is_null());
    assert_eq!(
        i.range,
        TextRange::empty(text.find("i:").unwrap() as u32 + 2)
    );
    assert!(root.get("j").unwrap().is_null());
    assert_eq!(root.get("k").unwrap().as_i64(), None);
    assert_eq!(root.get("k").unwrap().as_str(), Some("0644"));
    assert_eq!(root.get("l").unwrap().as_f64(), Some(1000.0));
}

#[test]
fn duplicate_keys_are_reported_and_loading_continues() {
    let text = "a: 1\nb: 2\na: 3\nc: 4\n";
    let stream = load(text, &Limits::default());
    assert_eq!(stream.errors.len(), 1);
    let err = &stream.errors[0];
    assert_eq!(err.kind, YamlErrorKind::DuplicateKey);
    assert_eq!(err.range, TextRange::new(10, 11));
    assert!(
        err.message.contains("`a`") && err.message.contains("line 1"),
        "{}",
        err.message
    );
    let root = &stream.documents[0].root;
    assert_eq!(root.get("a").unwrap().as_i64(), Some(3));
    assert_eq!(root.get("c").unwrap().as_i64(), Some(4));
}

#[test]
fn duplicate_keys_in_big_maps() {
    let mut text: String = (0..100).map(|i| format!("k{i}: {i}\n")).collect();
    text.push_str("k42: again\n");
    let stream = load(&text, &Limits::default());
    assert_eq!(stream.errors.len(), 1);
    assert!(
        stream.errors[0].message.contains("line 43"),
        "{}",
        stream.errors[0].message
    );
}

#[test]
fn tab_indentation_points_at_the_tab() {
    let text = "a:\n  b: 1\nc:\n\td: 2\n";
    let stream = load(text, &Limits::default());
    assert_eq!(stream.errors.len(), 1, "{:?}", stream.errors);
    let err = &stream.errors[0];
    assert_eq!(err.kind, YamlErrorKind::Syntax);
    let lines = crate::text::LineIndex::new(text);
    let pos = lines.line_col(text, err.range.start, crate::text::ColumnEncoding::Chars);
    assert_eq!((pos.line, pos.column), (4, 1));
    assert!(err.message.contains("tab"), "{}", err.message);
}

#[test]
fn syntax_error_in_one_document_keeps_the_others() {
    let text = "a: 1\n---\nb: \"unterminated\nc: [1\n---\nd: 4\n";
    let stream = load(text, &Limits::default());
    assert_eq!(stream.errors.len(), 1, "{:?}", stream.errors);
    let lines = crate::text::LineIndex::new(text);
    assert_eq!(lines.line_of(stream.errors[0].range.start), 2);
    let roots: Vec<&Node> = stream.documents.iter().map(|d| &d.root).collect();
    assert_eq!(roots.len(), 2);
    assert_eq!(roots[0].get("a").unwrap().as_i64(), Some(1));
    let d = roots[1].entry("d").unwrap();
    assert_eq!(d.key.range.start as usize, text.find("d:").unwrap());
    assert_eq!(at(text, &d.value), "4");
}

#[test]
fn billion_laughs_stops() {
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut prev = "a";
    for name in names {
        let refs = vec![format!("*{prev}"); 9].join(",");
        text.push_str(&format!("{name}: &{name} [{refs}]\n"));
        prev = name;
    }
    text.push_str("---\nok: 1\n");
    let stream = load(&text, &Limits::default());
    assert!(
        stream.errors.iter().any(|e| e.kind == YamlErrorKind::Limit),
        "{:?}",
        stream.errors
    );
    assert_eq!(stream.documents.len(), 1);
    assert!(stream.documents[0].root.get("ok").is_some());
}

#[test]
fn deep_nesting_stops() {
    let text = "[".repeat(100_000);
    let stream = load(&text, &Limits::default());
    assert_eq!(stream.errors.len(), 1);
    assert_eq!(stream.errors[0].kind, YamlErrorKind::Limit);
    assert!(stream.documents.is_empty());
    let text = format!("a: {}\n", "- ".repeat(100_000));
    let stream = load(&text, &Limits::default());
    assert!(!stream.errors.is_empty());
}

#[test]
fn comments_outside_scalars_only() {
    let text = "# head\na: \"x # y\" # tail\nb: 'p #q'\nc: d#e\nurl: http://x/#top\nf: |\n  # body\ng: 1 #end\r\n";
    let stream = load_ok(text);
    let texts: Vec<&str> = stream.comments.iter().map(|c| c.text(text)).collect();
    assert_eq!(texts, [" head", " tail", "end"]);
    let tail = &stream.comments[1];
    assert_eq!(tail.range.slice(text), "# tail");
    assert_eq!(tail.text_start(), tail.range.start + 1);
    assert_eq!(stream.comments[2].range.slice(text), "#end");
    let root = &stream.documents[0].root;
    assert_eq!(at(text, root.get("a").unwrap()), "\"x # y\"");
    assert_eq!(at(text, root.get("b").unwrap()), "'p #q'");
    assert_eq!(at(text, root.get("g").unwrap()), "1");
    assert_eq!(at(text, root.get("url").unwrap()), "http://x/#top");
}

#[test]
fn unknown_alias_is_an_error() {
    let text = "a: &x 1\n---\nb: *x\n";
    let stream = load(text, &Limits::default());
    assert!(!stream.errors.is_empty());
    assert!(stream.documents.iter().any(|d| d.root.get("a").is_some()));
}

#[test]
fn never_panics_on_odd_input() {
    for text in [
        "",
        "\u{feff}",
        "---",
        "...",
        "- ",
        ":",
        "? ",
        "[",
        "{",
        "]",
        "&a",
        "*a",
        "!",
        "!<",
        "%YAML 1.1\n---\na: 1",
        "a: |",
        "a: >\n",
        "- - - x",
        "'",
        "\"\\",
        "a:\n\t- b",
        "é: ü\n  ö",
        "a: &a\n  b: *a\n",
        "<<: 1\n",
        "? [a, b]\n: c\n",
        "[a: 1, b]",
        "a: !!str\n",
        "--- |\n  x\n--- >\n y\n",
    ] {
        let stream = load(text, &Limits::default());
        for d in &stream.documents {
            d.root.walk(&mut |n| {
                assert!(
                    text.get(n.range.as_usize()).is_some(),
                    "{text:?}: {:?}",
                    n.range
                )
            });
        }
    }
}

mod serde_config {
    use super::*;
    use serde::Deserialize;
    use std::collections::BTreeMap;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields, rename_all = "kebab-case")]
    struct Config {
        #[serde(default)]
        ignored: Vec<String>,
        #[serde(default, alias = "strictLabels")]
        strict_labels: bool,
        #[serde(default)]
        level: Option<Level>,
        #[serde(default)]
        severity: BTreeMap<String, Level>,
        #[serde(default)]
        max_count: Option<u32>,
    }

    #[derive(Debug, Deserialize, PartialEq, Clone, Copy)]
    #[serde(rename_all = "lowercase")]
    enum Level {
        Error,
        Warning,
    }

    fn parse(text: &str) -> Result<Config, de::DeError> {
        let stream = load_ok(text);
        de::from_node(&stream.documents[0].root)
    }

    #[test]
    fn reads_a_config() {
        let text = "ignored: [DL3008, 3009]\nstrictLabels: yes\nlevel: error\nseverity:\n  DL1: warning\nmax-count: 0x10\n";
        let config = parse(text).unwrap();
        assert_eq!(config.ignored, ["DL3008", "3009"]);
        assert!(config.strict_labels);
        assert_eq!(config.level, Some(Level::Error));
        assert_eq!(config.severity["DL1"], Level::Warning);
        assert_eq!(config.max_count, Some(16));
        assert_eq!(parse("ignored:\nlevel: ~\n").unwrap().level, None);
    }

    #[test]
    fn unknown_key_points_at_the_key() {
        let text = "ignored: []\nignord: [x]\n";
        let err = parse(text).unwrap_err();
        assert_eq!(err.range.slice(text), "ignord");
        assert!(
            err.message
                .starts_with("unknown field `ignord`, expected one of"),
            "{}",
            err.message
        );
    }

    #[test]
    fn wrong_type_points_at_the_value() {
        let text = "ignored: DL3008\n";
        let err = parse(text).unwrap_err();
        assert_eq!(err.range.slice(text), "DL3008");
        assert!(err.message.contains("invalid type"), "{}", err.message);

        let text = "strict-labels: \"yes\"\n";
        let err = parse(text).unwrap_err();
        assert_eq!(err.range.slice(text), "\"yes\"");

        let text = "severity:\n  DL1: loud\n";
        let err = parse(text).unwrap_err();
        assert_eq!(err.range.slice(text), "loud");
        assert!(
            err.message.contains("unknown variant `loud`"),
            "{}",
            err.message
        );

        let text = "ignored: [a, [b]]\n";
        assert_eq!(parse(text).unwrap_err().range.slice(text), "[b]");

        let text = "max-count: -1\n";
        assert_eq!(parse(text).unwrap_err().range.slice(text), "-1");
    }
}

#[test]
fn every_prefix_and_deletion_loads_without_panic() {
    let sample = "# h\n---\napiVersion: v1 # c\nkind: Pod\nmetadata:\n  name: café\n  labels: {a: \"x # y\", b: 'ü'}\nspec:\n  base: &b\n    k: |+\n      body # text\n\n  m:\n    <<: *b\n    mode: 0644\n  list:\n  - !!str 1\n  - [1, {c: d}]\n  - >-\n    folded\r\n...\n--- !Tag\nz: ~\n";
    let mut cases: Vec<String> = Vec::new();
    for (i, _) in sample.char_indices() {
        cases.push(sample[..i].to_string());
        let mut deleted = sample.to_string();
        deleted.remove(i);
        cases.push(deleted);
    }
    for text in &cases {
        let stream = load(text, &Limits::default());
        let check = |r: TextRange| assert!(text.get(r.as_usize()).is_some(), "{text:?}: {r:?}");
        for d in &stream.documents {
            check(d.range);
            d.root.walk(&mut |n| {
                check(n.range);
                if let Some(a) = n.alias {
                    check(a);
                }
            });
        }
        stream.errors.iter().for_each(|e| check(e.range));
        stream.comments.iter().for_each(|c| check(c.range));
    }
}

#[test]
fn block_sequence_starts_at_its_dash_even_after_a_comment() {
    let text = "l:\n  - # note\n    a: 1\n  - b\n";
    let root = root(text);
    assert_eq!(
        at(text, root.get("l").unwrap()),
        "- # note\n    a: 1\n  - b"
    );
    assert_eq!(load_ok(text).comments[0].text(text), " note");
}

#[test]
fn flow_collections_with_inner_blanks_and_properties() {
    let text = "c: [ \"bash\", \"-c\" ]\nd: &x { a: 1 }\ne: !!seq\n  - 1\n";
    let root = root(text);
    assert_eq!(at(text, root.get("c").unwrap()), "[ \"bash\", \"-c\" ]");
    assert_eq!(at(text, root.get("d").unwrap()), "{ a: 1 }");
    assert_eq!(at(text, root.get("e").unwrap()), "- 1");
}

/// Every manifest's tree is built and dropped node by node: short scalars
/// live inline (no allocation each), long ones keep their full text.
#[test]
fn short_scalars_are_stored_inline() {
    let long = "registry.example.com/team/a-rather-long-image-name:1.2.3";
    let text = format!("apiVersion: v1\nimage: {long}\nquoted: \"nginx:1.27\"\n");
    let root = root(&text);
    let raw = |key: &str| &root.get(key).unwrap().as_scalar().unwrap().raw;
    assert!(!raw("apiVersion").is_heap_allocated());
    assert!(!raw("quoted").is_heap_allocated());
    assert_eq!(raw("quoted").as_str(), "nginx:1.27");
    assert!(raw("image").is_heap_allocated());
    assert_eq!(root.get("image").unwrap().scalar_text(), Some(long));
}

/// Nodes are moved and freed by the hundred thousand in a large manifest:
/// growing them costs every load.
#[cfg(target_pointer_width = "64")]
#[test]
fn nodes_stay_small() {
    assert_eq!(std::mem::size_of::<Node>(), 64);
    assert_eq!(std::mem::size_of::<Entry>(), 128);
}
