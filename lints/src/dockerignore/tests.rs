//! Cases ported from moby/patternmatcher's own tests (its `TestMatches`
//! table, the multi-pattern table and Go's `filepath.Match` table), plus the
//! `ignorefile` reader's line handling.

use super::*;

fn excluded(patterns: &[&str], path: &str) -> bool {
    DockerIgnore::parse(&patterns.join("\n"))
        .unwrap_or_else(|e| panic!("{patterns:?}: {e}"))
        .excludes(path)
}

#[test]
fn moby_match_table() {
    // (pattern, path, excluded by the pattern or a parent directory)
    let cases: &[(&str, &str, bool)] = &[
        ("**", "file", true),
        ("**", "file/", true),
        ("**/", "file", true),
        ("**/", "file/", true),
        ("**", "dir/file", true),
        ("**/", "dir/file", true),
        ("**/**", "dir/file", true),
        ("**/**", "dir/file/", true),
        ("dir/**", "dir/file", true),
        ("dir/**", "dir/dir2/file/", true),
        ("**/dir", "dir", true),
        ("**/dir", "dir/file", true),
        ("**/dir2/*", "dir/dir2/file", true),
        ("**/dir2/*", "dir/dir2/file/", true),
        ("**/dir2/**", "dir/dir2/dir3/file", true),
        ("**file", "file", true),
        ("**file", "dir/file", true),
        ("**/file", "dir/file", true),
        ("**file", "dir/dir/file", true),
        ("**/file", "dir/dir/file", true),
        ("**/file*", "dir/dir/file", true),
        ("**/file*", "dir/dir/file.txt", true),
        ("**/file*txt", "dir/dir/file.txt", true),
        ("**/file*.txt", "dir/dir/file.txt", true),
        ("**/file*.txt*", "dir/dir/file.txt", true),
        ("**/**/*.txt", "dir/dir/file.txt", true),
        ("**/**/*.txt2", "dir/dir/file.txt", false),
        ("**/*.txt", "file.txt", true),
        ("**/**/*.txt", "file.txt", true),
        ("a**/*.txt", "a/file.txt", true),
        ("a**/*.txt", "a/dir/file.txt", true),
        ("a**/*.txt", "a/dir/dir/file.txt", true),
        ("a/*.txt", "a/dir/file.txt", false),
        ("a/*.txt", "a/file.txt", true),
        ("a/*.txt**", "a/file.txt", true),
        ("a[b-d]e", "ae", false),
        ("a[b-d]e", "ace", true),
        ("a[b-d]e", "aae", false),
        ("a[^b-d]e", "aze", true),
        (".*", ".foo", true),
        (".*", "foo", false),
        ("abc.def", "abcdef", false),
        ("abc.def", "abc.def", true),
        ("abc.def", "abcZdef", false),
        ("abc?def", "abcZdef", true),
        ("abc?def", "abcdef", false),
        ("**/foo/bar", "foo/bar", true),
        ("**/foo/bar", "dir/foo/bar", true),
        ("**/foo/bar", "dir/dir2/foo/bar", true),
        ("abc/**", "abc", false),
        ("abc/**", "abc/def", true),
        ("abc/**", "abc/def/ghi", true),
        ("**/.foo", ".foo", true),
        ("**/.foo", "bar.foo", false),
        ("a(b)c/def", "a(b)c/def", true),
        ("a(b)c/def", "a(b)c/xyz", false),
        ("a.|)$(}+{bc", "a.|)$(}+{bc", true),
        (
            "dist/*.whl",
            "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
            true,
        ),
        ("a\\\\", "a\\", true),
        ("a\\*b", "a*b", true),
        // Go's filepath.Match table, as moby runs it.
        ("abc", "abc", true),
        ("*", "abc", true),
        ("*c", "abc", true),
        ("a*", "a", true),
        ("a*", "abc", true),
        ("a*", "ab/c", true),
        ("a*/b", "abc/b", true),
        ("a*/b", "a/c/b", false),
        ("a*b*c*d*e*/f", "axbxcxdxe/f", true),
        ("a*b*c*d*e*/f", "axbxcxdxexxx/f", true),
        ("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false),
        ("a*b*c*d*e*/f", "axbxcxdxexxx/fff", false),
        ("a*b?c*x", "abxbbxdbxebxczzx", true),
        ("a*b?c*x", "abxbbxdbxebxczzy", false),
        ("ab[c]", "abc", true),
        ("ab[b-d]", "abc", true),
        ("ab[e-g]", "abc", false),
        ("ab[^c]", "abc", false),
        ("ab[^b-d]", "abc", false),
        ("ab[^e-g]", "abc", true),
        ("a\\*b", "ab", false),
        ("a?b", "a☺b", true),
        ("a[^a]b", "a☺b", true),
        ("a???b", "a☺b", false),
        ("a[^a][^a][^a]b", "a☺b", false),
        ("[a-ζ]*", "α", true),
        ("*[a-ζ]", "A", false),
        ("a?b", "a/b", false),
        ("a*b", "a/b", false),
        ("[\\]a]", "]", true),
        ("[\\-]", "-", true),
        ("[x\\-]", "x", true),
        ("[x\\-]", "-", true),
        ("[x\\-]", "z", false),
        ("[\\-x]", "x", true),
        ("[\\-x]", "-", true),
        ("[\\-x]", "a", false),
        ("*x", "xxx", true),
    ];
    let mut wrong = Vec::new();
    for &(pattern, path, want) in cases {
        if excluded(&[pattern], path) != want {
            wrong.push(format!("{pattern:?} on {path:?}: want {want}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn exceptions_are_evaluated_in_order() {
    assert!(!excluded(
        &["**", "!util/docker/web"],
        "util/docker/web/foo"
    ));
    assert!(excluded(
        &["**", "!util/docker/web", "util/docker/web/foo"],
        "util/docker/web/foo"
    ));
    assert!(!excluded(
        &["**", "!dist/*.whl"],
        "dist/proxy.py-2.4.0-py3-none-any.whl"
    ));
    // An exception before the pattern it would undo does nothing.
    assert!(excluded(&["!fileutils.go", "*.go"], "fileutils.go"));
    assert!(!excluded(&["*.go", "!fileutils.go"], "fileutils.go"));
    assert!(!excluded(&["docs", "!docs/README.md"], "docs/README.md"));
    assert!(!excluded(&["docs/", "!docs/README.md"], "docs/README.md"));
    assert!(!excluded(&["docs/*", "!docs/README.md"], "docs/README.md"));
    assert!(excluded(&["docs", "!docs/README.md"], "docs/other.md"));
    // Everything, then the sources back.
    assert!(excluded(&["*", "!src", "!package.json"], "README.md"));
    assert!(!excluded(&["*", "!src", "!package.json"], "src/index.js"));
    assert!(!excluded(&["*", "!src", "!package.json"], "package.json"));
}

#[test]
fn a_directory_pattern_excludes_what_is_below_it() {
    assert!(excluded(
        &["node_modules"],
        "node_modules/left-pad/index.js"
    ));
    assert!(excluded(&["build/cache"], "build/cache/a/b"));
    assert!(!excluded(&["build/cache"], "build/cachefile"));
    // `*` does not reach into subdirectories, but the parent rule does.
    assert!(excluded(&["*.log"], "debug.log"));
    assert!(!excluded(&["*.log"], "logs/debug.log"));
    assert!(excluded(&["**/*.log"], "logs/debug.log"));
    assert!(excluded(&["*/temp*"], "somedir/temporary.txt"));
    assert!(excluded(&["*/*/temp*"], "a/b/temp/file"));
}

#[test]
fn patterns_are_cleaned_and_leading_slashes_dropped() {
    assert!(excluded(&["/secret"], "secret"));
    assert!(excluded(&["./secret"], "secret"));
    assert!(excluded(&["secret/"], "secret/key"));
    assert!(excluded(&["a//b/../c"], "a/c"));
    assert!(excluded(&["!/keep", "/*"], "keep"));
    assert!(!excluded(&["/*", "!/keep"], "keep"));
}

#[test]
fn comments_blank_lines_bom_and_crlf() {
    let ignore =
        DockerIgnore::parse("\u{feff}# comment\r\n\r\n  .git  \r\n  # not a comment\n*.md\n")
            .unwrap();
    let texts: Vec<_> = ignore.patterns().iter().map(|p| p.text.as_str()).collect();
    assert_eq!(texts, [".git", "# not a comment", "*.md"]);
    assert_eq!(ignore.patterns()[0].line, 3);
    assert!(ignore.excludes(".git/config"));
    assert!(!ignore.has_exceptions());
    assert_eq!(ignore.excluded_by("README.md").map(|p| p.line), Some(5));
    assert!(DockerIgnore::parse("  !  keep\n").unwrap().has_exceptions());
}

#[test]
fn malformed_patterns_are_errors_with_their_line() {
    for bad in [
        "[", "[^", "[^bc", "a[", "[]a]", "[-]", "[x-]", "[-x]", "\\", "[a-b-c]",
    ] {
        let err = DockerIgnore::parse(&format!("ok\n{bad}\n")).unwrap_err();
        assert_eq!(err.line, 2, "{bad}");
    }
    let err = DockerIgnore::parse("!\n").unwrap_err();
    assert_eq!(err.message, "illegal exclusion pattern: \"!\"");
    assert!(DockerIgnore::parse("! \n").is_err());
}

#[test]
fn exceptions_below_an_excluded_directory() {
    let ignore = DockerIgnore::parse("docs\n!docs/README.md\n").unwrap();
    assert!(ignore.excludes("docs"));
    assert!(ignore.may_reinclude_below("docs"));
    assert!(!ignore.may_reinclude_below("other"));
    let ignore = DockerIgnore::parse("*\n!src/*.rs\n").unwrap();
    assert!(ignore.may_reinclude_below("src"));
    assert!(!ignore.may_reinclude_below("target"));
    let ignore = DockerIgnore::parse("*\n!**/keep\n").unwrap();
    assert!(ignore.may_reinclude_below("anything"));
}

#[test]
fn clean_follows_go() {
    for (input, want) in [
        ("", "."),
        (".", "."),
        ("./", "."),
        ("a/", "a"),
        ("a//b", "a/b"),
        ("a/./b", "a/b"),
        ("a/../b", "b"),
        ("../a", "../a"),
        ("a/../..", ".."),
        ("/../a", "/a"),
        ("/", "/"),
        ("//a/", "/a"),
    ] {
        assert_eq!(clean(input), want, "{input:?}");
    }
}
