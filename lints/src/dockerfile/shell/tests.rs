use super::*;

fn names(s: &Script) -> Vec<&str> {
    s.commands.iter().map(|c| c.name().unwrap_or("")).collect()
}

fn values(c: &Command) -> Vec<&str> {
    c.words.iter().map(|w| w.value.as_str()).collect()
}

fn raw<'a>(src: &'a str, c: &Command) -> Vec<&'a str> {
    c.words.iter().map(|w| w.range.slice(src)).collect()
}

/// Every range the parser hands out must slice the input on char boundaries.
fn assert_ranges_ok(src: &str, s: &Script) {
    let ok = |r: TextRange| {
        assert!(
            r.end as usize <= src.len() && r.start <= r.end,
            "{r:?} out of bounds in {src:?}"
        );
        assert!(
            src.get(r.as_usize()).is_some(),
            "{r:?} not on char boundary in {src:?}"
        );
    };
    for c in &s.commands {
        ok(c.range);
        for w in c.words.iter().chain(c.assignments.iter().map(|a| &a.value)) {
            ok(w.range);
            assert!(c.range.contains_range(w.range));
            w.params.iter().for_each(|p| ok(p.range));
            w.substitutions.iter().for_each(|p| ok(p.body));
        }
        for r in &c.redirects {
            ok(r.range);
            if let Some(b) = r.heredoc_body {
                ok(b);
            }
        }
    }
    s.errors.iter().for_each(|e| ok(e.range));
}

fn p(src: &str) -> Script {
    let s = parse(src);
    assert_ranges_ok(src, &s);
    s
}

#[test]
fn words_and_quotes() {
    let src = r#"echo "a b" 'x' \-y "q\"t\$" $'tab\tz' a"b"'c' "it's""#;
    let s = p(src);
    assert_eq!(s.commands.len(), 1);
    let c = &s.commands[0];
    assert_eq!(
        values(c),
        ["echo", "a b", "x", "-y", "q\"t$", "tab\tz", "abc", "it's"]
    );
    assert_eq!(
        raw(src, c),
        [
            "echo",
            r#""a b""#,
            "'x'",
            r"\-y",
            r#""q\"t\$""#,
            "$'tab\\tz'",
            r#"a"b"'c'"#,
            r#""it's""#
        ]
    );
    assert!(!c.words[0].quoted);
    assert!(c.words[1].quoted && c.words[3].quoted);
    assert!(s.errors.is_empty());
}

#[test]
fn double_quote_keeps_unknown_escapes() {
    let s = p(r#"echo "a\nb" "c\\d""#);
    assert_eq!(values(&s.commands[0]), ["echo", r"a\nb", r"c\d"]);
}

#[test]
fn expansions_are_kept_and_located() {
    let src = r#"apt-get install -y foo=$VERSION "bar=${BAR_V:-1}" baz-$(uname -r) `date` $((1+2)) *.deb"#;
    let s = p(src);
    let c = &s.commands[0];
    assert!(c.is("apt-get"));
    let w = &c.words[3];
    assert_eq!(w.value, "foo=$VERSION");
    assert!(w.has_expansion);
    assert_eq!(w.params.len(), 1);
    assert_eq!(w.params[0].name, "VERSION");
    assert_eq!(w.params[0].range.slice(src), "$VERSION");
    let w = &c.words[4];
    assert_eq!(w.value, "bar=${BAR_V:-1}");
    assert_eq!(w.params[0].name, "BAR_V");
    assert_eq!(w.params[0].range.slice(src), "${BAR_V:-1}");
    let w = &c.words[5];
    assert_eq!(w.value, "baz-$(uname -r)");
    assert_eq!(w.substitutions[0].body.slice(src), "uname -r");
    assert_eq!(w.substitutions[0].kind, SubstKind::Dollar);
    assert_eq!(c.words[6].substitutions[0].kind, SubstKind::Backtick);
    assert!(c.words[7].has_expansion && c.words[7].substitutions.is_empty());
    assert!(c.words[8].has_glob && !c.words[8].has_expansion);
    assert_eq!(names(&s), ["apt-get", "uname", "date"]);
    assert_eq!(s.commands[1].context.substitution_depth, 1);
    assert!(s.commands[0].context.is_top_level());
}

#[test]
fn nested_braces_and_quotes_in_parameter_expansion() {
    let src = r#"echo "${A:-"x}y"}" ${B#\}} "${C:-$(echo "a)b")}" done"#;
    let s = p(src);
    let c = &s.commands[0];
    assert_eq!(raw(src, c)[1], r#""${A:-"x}y"}""#);
    assert_eq!(raw(src, c)[2], r"${B#\}}");
    assert_eq!(raw(src, c)[3], r#""${C:-$(echo "a)b")}""#);
    assert_eq!(c.words[4].value, "done");
    assert_eq!(names(&s), ["echo", "echo"]);
    assert_eq!(values(&s.commands[1]), ["echo", "a)b"]);
}

#[test]
fn lists_and_connectors() {
    let s = p("set -eux; apt-get update && apt-get install -y curl || true & wait\nls");
    assert_eq!(
        names(&s),
        ["set", "apt-get", "apt-get", "true", "wait", "ls"]
    );
    let c: Vec<_> = s.commands.iter().map(|c| (c.before, c.after)).collect();
    assert_eq!(
        c,
        [
            (Connector::Start, Connector::Semi),
            (Connector::Semi, Connector::And),
            (Connector::And, Connector::Or),
            (Connector::Or, Connector::Background),
            (Connector::Background, Connector::Newline),
            (Connector::Newline, Connector::End),
        ]
    );
    assert!(!s.has_pipe());
}

#[test]
fn pipelines() {
    let src = "curl -fsSL https://x | sh - && wget -qO- y |& bash -s -- a; ls";
    let s = p(src);
    assert_eq!(names(&s), ["curl", "sh", "wget", "bash", "ls"]);
    let curl = &s.commands[0];
    assert_eq!((curl.index_in_pipeline, curl.pipeline_len), (0, 2));
    let sh = s.next_in_pipeline(curl).unwrap();
    assert!(sh.is("sh"));
    assert_eq!((sh.before, sh.after), (Connector::Pipe, Connector::And));
    let wget = &s.commands[2];
    assert!(s.piped_into(wget).any(|c| c.is("bash")));
    assert_eq!(s.commands[3].before, Connector::PipeAll);
    assert_ne!(curl.pipeline, wget.pipeline);
    assert_eq!(s.commands[4].pipeline_len, 1);
    assert!(s.has_pipe());
    assert_eq!(s.pipeline_of(curl).count(), 2);
}

#[test]
fn curl_piped_to_shell_rule_shape() {
    fn curl_to_shell(src: &str) -> bool {
        let s = parse(src);
        s.named("curl").chain(s.named("wget")).any(|c| {
            s.piped_into(c)
                .any(|d| d.is_any(&["sh", "bash", "zsh", "ash", "dash"]))
        })
    }
    assert!(curl_to_shell("curl -fsSL https://x | sh -"));
    assert!(curl_to_shell("wget -qO- x | bash"));
    assert!(curl_to_shell("curl x | sudo -E bash -"));
    assert!(curl_to_shell("curl x | tee /tmp/i | sh"));
    assert!(curl_to_shell("echo \"$(curl -s x | sh)\""));
    assert!(!curl_to_shell("echo \"curl x | sh\""));
    assert!(!curl_to_shell("curl -o x.sh https://x && sh x.sh"));
}

#[test]
fn quoted_pipe_is_not_a_pipe() {
    let s = p(r#"echo "curl x | sh" 'a && b' a\|b"#);
    assert_eq!(s.commands.len(), 1);
    assert!(!s.has_pipe());
    assert_eq!(values(&s.commands[0])[3], "a|b");
}

#[test]
fn substitution_inside_word_is_reported() {
    let src = r#"echo "$(curl -s x | sh)""#;
    let s = p(src);
    assert_eq!(names(&s), ["echo", "curl", "sh"]);
    assert_eq!(s.commands[1].range.slice(src), "curl -s x");
    assert_eq!(s.commands[1].pipeline_len, 2);
    assert_eq!(s.commands[2].context.substitution_depth, 1);
    assert_eq!(s.commands[0].words[1].value, "$(curl -s x | sh)");
}

#[test]
fn nested_substitutions_and_backticks() {
    let src = "a $(b $(c `d`) \"$(e)\") <(f) >(g)";
    let s = p(src);
    let mut n = names(&s);
    n.sort();
    assert_eq!(n, ["a", "b", "c", "d", "e", "f", "g"]);
    let d = s.named("d").next().unwrap();
    assert_eq!(d.context.substitution_depth, 3);
    assert_eq!(d.range.slice(src), "d");
}

#[test]
fn arithmetic_makes_no_commands() {
    let s = p("echo $((a + (b * 2))) && (( i++ )) && x=$(( 3 ))");
    assert_eq!(names(&s), ["echo", ""]);
    assert_eq!(s.commands[1].assignments[0].name, "x");
}

#[test]
fn subshells_groups_and_functions() {
    let src = "(cd /tmp && make) | tee log; { a; b; } > out 2>&1; f() { g; }; function h { i; }";
    let s = p(src);
    assert_eq!(names(&s), ["cd", "make", "tee", "a", "b", "g", "i"]);
    assert!(s.commands[0].context.in_subshell);
    assert!(!s.commands[2].context.in_subshell);
    let tee = &s.commands[2];
    assert_eq!(
        (tee.index_in_pipeline, tee.pipeline_len, tee.before),
        (1, 2, Connector::Pipe)
    );
    assert!(s.commands[3].context.in_group);
    assert_eq!(s.compound_redirects.len(), 2);
    assert_eq!(s.compound_redirects[1].range.slice(src), "2>&1");
    assert!(s.commands[5].context.in_function);
    assert!(s.commands[6].context.in_function);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
}

#[test]
fn if_loops_and_case() {
    let src = "if [ -f x ]; then a; elif test -d y; then b; else c; fi; \
               for p in one two $(ls); do d \"$p\"; done; \
               while read l; do e; done < f; until false; do break; done; \
               case \"$arch\" in amd64|arm64) g ;; i386) ;; *) h; esac; for ((i=0;i<3;i++)); do j; done";
    let s = p(src);
    assert_eq!(
        names(&s),
        [
            "[", "a", "test", "b", "c", "ls", "d", "read", "e", "false", "break", "g", "h", "j"
        ]
    );
    let by = |n: &str| s.named(n).next().unwrap().context;
    assert!(by("[").in_condition && !by("[").in_branch);
    assert!(by("a").in_branch && !by("a").in_condition);
    assert!(by("test").in_condition);
    assert!(by("c").in_branch);
    assert!(by("d").in_loop);
    assert!(by("ls").is_top_level() || by("ls").substitution_depth == 1);
    assert!(by("read").in_condition && !by("read").in_loop);
    assert!(by("e").in_loop);
    assert!(by("g").in_branch && by("h").in_branch);
    assert!(by("j").in_loop);
    assert_eq!(s.compound_redirects.len(), 1);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
}

#[test]
fn reserved_words_only_in_command_position() {
    let s = p("echo if then fi done; apt-get install -y do");
    assert_eq!(names(&s), ["echo", "apt-get"]);
    assert_eq!(values(&s.commands[0]), ["echo", "if", "then", "fi", "done"]);
    assert!(s.errors.is_empty());
}

#[test]
fn case_arms_in_docker_library_style() {
    let src = "arch=\"$(dpkg --print-architecture)\"; case \"$arch\" in \t\tamd64|arm64) \t\t\tEXTRA=\"x\"; \t\t\t;; \t\ti386) \t\t\t;; \t\t*) \t\t\tEXTRA=y; \t\t\t;; \tesac; make -j \"$nproc\"";
    let s = p(src);
    assert_eq!(names(&s), ["", "dpkg", "", "", "make"]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert!(s.commands[4].context.is_top_level());
}

#[test]
fn redirections() {
    let src = "cmd 2>/dev/null >>log &>all <in 3<&0 <<<str >&2 > \"$f\"";
    let s = p(src);
    let c = &s.commands[0];
    assert_eq!(values(c), ["cmd"]);
    let r: Vec<_> = c
        .redirects
        .iter()
        .map(|r| (r.fd, r.op, r.range.slice(src)))
        .collect();
    assert_eq!(
        r,
        [
            (Some(2), RedirectOp::Output, "2>/dev/null"),
            (None, RedirectOp::Append, ">>log"),
            (None, RedirectOp::OutputAll, "&>all"),
            (None, RedirectOp::Input, "<in"),
            (Some(3), RedirectOp::DupInput, "3<&0"),
            (None, RedirectOp::HereString, "<<<str"),
            (None, RedirectOp::DupOutput, ">&2"),
            (None, RedirectOp::Output, "> \"$f\""),
        ]
    );
    assert!(c.redirects[0].discards_output());
    assert_eq!(c.range.slice(src), src);
}

#[test]
fn heredoc_body_is_consumed() {
    let src = "cat <<EOF > /etc/x.conf\nrm -rf / | sh\n$(not run)\nEOF\necho done\ncat <<-'END'\n\tbody\n\tEND\nls";
    let s = p(src);
    assert_eq!(names(&s), ["cat", "echo", "cat", "ls"]);
    let r = &s.commands[0].redirects[0];
    assert_eq!(r.op, RedirectOp::HereDoc { strip_tabs: false });
    assert_eq!(r.target.as_ref().unwrap().value, "EOF");
    assert_eq!(
        r.heredoc_body.unwrap().slice(src),
        "rm -rf / | sh\n$(not run)\n"
    );
    assert_eq!(s.commands[0].redirects[1].range.slice(src), "> /etc/x.conf");
    assert_eq!(
        s.commands[2].redirects[0].heredoc_body.unwrap().slice(src),
        "\tbody\n"
    );
    assert!(s.errors.is_empty(), "{:?}", s.errors);
}

#[test]
fn assignments() {
    let src = "DEBIAN_FRONTEND=noninteractive TZ=\"Etc/UTC\" apt-get install -y tzdata; FOO=bar; export X=1 Y";
    let s = p(src);
    let c = &s.commands[0];
    assert_eq!(c.assignments.len(), 2);
    assert_eq!(c.assignments[0].name, "DEBIAN_FRONTEND");
    assert_eq!(c.assignments[0].name_range.slice(src), "DEBIAN_FRONTEND");
    assert_eq!(c.assignments[1].value.value, "Etc/UTC");
    assert_eq!(c.assignments[1].value.range.slice(src), "\"Etc/UTC\"");
    assert!(c.is("apt-get"));
    assert_eq!(
        c.env(),
        [("DEBIAN_FRONTEND", "noninteractive"), ("TZ", "Etc/UTC")]
    );
    let only = &s.commands[1];
    assert!(only.words.is_empty() && only.name().is_none());
    assert_eq!(only.assignments[0].value.value, "bar");
    assert_eq!(values(&s.commands[2]), ["export", "X=1", "Y"]);
    // After the name, `a=b` is an argument.
    let s = p("apt-get install foo=1.2");
    assert!(s.commands[0].assignments.is_empty());
}

#[test]
fn test_brackets() {
    let s = p("[ -n \"$x\" ] && [[ $a == b && ( $c < d || -z $e ) ]] && echo ok");
    assert_eq!(names(&s), ["[", "[[", "echo"]);
    let t = &s.commands[1];
    assert_eq!(t.words.last().unwrap().value, "]]");
    assert!(t.redirects.is_empty());
    assert!(values(t).contains(&"<"));
    assert!(s.errors.is_empty(), "{:?}", s.errors);
}

#[test]
fn comments_only_at_word_start() {
    let s = p("echo a#b # comment | sh\nls # x");
    assert_eq!(names(&s), ["echo", "ls"]);
    assert_eq!(values(&s.commands[0]), ["echo", "a#b"]);
    assert!(!s.has_pipe());
}

#[test]
fn half_typed_input_recovers() {
    for src in [
        "echo \"unterminated",
        "echo 'open",
        "echo $(curl x | sh",
        "echo ${x",
        "(a; b",
        "a; )",
        "if true; then x",
        "for x in",
        "case $x in a) b",
        "a |",
        "| a",
        "a && ",
        "cat <<EOF\nbody",
        "echo `x",
        "echo $'x",
        "f() {",
        "}",
        "fi done esac then",
        "[[ a",
        ">",
        "a 2>",
        "$((",
    ] {
        let s = p(src);
        assert!(!s.errors.is_empty(), "expected an error for {src:?}");
    }
    // Not errors, and no panic either.
    for src in [
        "\\", "((", "))", ";;", "&", "|&", "<(", "$", "${", "$(", "`", "'", "\"", "a=", "=a",
    ] {
        p(src);
    }
    let s = p("echo $(curl x | sh");
    assert_eq!(names(&s), ["echo", "curl", "sh"]);
    let s = p("(a; b");
    assert_eq!(names(&s), ["a", "b"]);
}

#[test]
fn deep_nesting_does_not_overflow() {
    let n = 10_000;
    let src = format!("{}x{}", "$(".repeat(n), ")".repeat(n));
    let s = p(&src);
    assert!(!s.commands.is_empty());
    assert!(
        s.errors
            .iter()
            .any(|e| e.limit && e.message.contains("nested more than 64 deep"))
    );
    let src = format!("{}x{}", "( ".repeat(n), ")".repeat(n));
    let s = p(&src);
    assert_eq!(names(&s), ["x"]);
    let src = format!("echo \"{}\"", "${a:-".repeat(n));
    p(&src);
    let src = "`".repeat(n);
    p(&src);
    let src = format!("{}a", "if true; then ".repeat(n));
    p(&src);
    let src = format!("{}x", "$(( ".repeat(n));
    p(&src);
    let src = format!("{}x{}", "(".repeat(n), ")".repeat(n));
    p(&src);
    // Bash reads `((((x))))` as arithmetic, too.
    assert!(p("((((x))))").commands.is_empty());
}

#[test]
fn unicode_and_crlf() {
    let src = "echo 'héllo' \"wörld\" ✓\r\nls\\é";
    let s = p(src);
    assert_eq!(values(&s.commands[0]), ["echo", "héllo", "wörld", "✓"]);
    assert_eq!(values(&s.commands[1]), ["lsé"]);
}

#[test]
fn powershell_body_does_not_crash() {
    let src = r#"$url = ('https://www.python.org/ftp/python/{0}/python-{1}-amd64.exe' -f ($env:PYTHON_VERSION -replace '[a-z]+[0-9]*$', ''), $env:PYTHON_VERSION); Write-Host ('Downloading {0} ...' -f $url); [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12; Invoke-WebRequest -Uri $url -OutFile 'python.exe'; if ($env:PYTHON_SHA256 -ne (Get-FileHash python.exe -Algorithm sha256).Hash) { Write-Host 'FAILED!'; exit 1; }; $env:PATH = $env:PATH + ';' + 'C:\x'"#;
    p(src);
}

#[test]
fn names_through_wrappers() {
    let s = p(
        "sudo -E -u root /usr/bin/apt-get install x; env -i A=1 B=2 pip install y; nice -n 10 nohup time make; \
         command -v curl; command curl x; exec gosu user node app; timeout 10s curl z; sudo; xargs rm -f",
    );
    assert_eq!(
        names(&s),
        [
            "apt-get", "pip", "make", "command", "curl", "node", "curl", "sudo", "xargs"
        ]
    );
    let c = &s.commands[0];
    assert!(c.is("apt-get") && c.invokes("sudo") && !c.is("sudo"));
    assert_eq!(
        c.wrappers().map(|w| w.value.as_str()).collect::<Vec<_>>(),
        ["sudo"]
    );
    assert_eq!(c.name_word().unwrap().value, "/usr/bin/apt-get");
    assert_eq!(c.arguments()[0].value, "install");
    assert_eq!(s.commands[1].env(), [("A", "1"), ("B", "2")]);
    assert!(s.commands[7].invokes("sudo") && s.commands[7].is("sudo"));
    assert_eq!(s.commands[7].wrappers().count(), 0);
    // `apt-get install sudo` does not run sudo.
    let s = p("apt-get install -y sudo");
    assert!(!s.any(|c| c.invokes("sudo")));
    // A name that is a variable is never a known program.
    let s = p("$APT install x");
    assert!(!s.commands[0].is("$APT"));
}

#[test]
fn substring_traps() {
    let s = p("update-ca-trust && apt-get update && update-alternatives --set x");
    assert_eq!(s.named("update-ca-trust").count(), 1);
    assert!(s.named("update").next().is_none());
    assert!(s.commands[1].has_subcommand("update"));
    assert!(!s.commands[0].has_subcommand("update"));
}

#[test]
fn flags_getopt_style() {
    let s = p(
        "apt-get -qy install -o Dpkg::Options::=--force-confnew --no-install-recommends foo=1.2 bar",
    );
    let c = &s.commands[0];
    assert!(c.has_flag(Some('y'), Some("yes")));
    assert!(c.has_flag(Some('q'), None));
    assert!(c.has_flag(None, Some("--no-install-recommends")));
    assert!(c.has_flag(None, Some("no-install-recommends")));
    assert!(!c.has_flag(Some('f'), Some("force-yes")));
    assert!(c.has_subcommand("install"));
    assert_eq!(c.flag_value("-o"), Some("Dpkg::Options::=--force-confnew"));
    let pkgs: Vec<_> = c
        .args_after_subcommand()
        .iter()
        .map(|w| w.value.as_str())
        .collect();
    assert_eq!(pkgs, ["foo=1.2", "bar"]);
    // The `y` of the cluster has its own exact range.
    let src = "apt-get -qy install x";
    let s = p(src);
    let args = s.commands[0].args();
    let y = args.find(Some('y'), None).next().unwrap();
    assert_eq!(y.range.slice(src), "y");
}

#[test]
fn apt_get_install_without_yes_rule_shape() {
    fn missing_yes(src: &str) -> bool {
        let s = parse(src);
        s.named("apt-get").any(|c| {
            let args = c.args();
            args.subcommand().is_some_and(|w| w.value == "install")
                && !args.has(Some('y'), Some("yes"))
                && !args.has(None, Some("assume-yes"))
                && args.count(Some('q'), Some("quiet")) < 2
                && args.value(Some('q'), None) != Some("2")
        })
    }
    assert!(missing_yes("apt-get install foo"));
    assert!(missing_yes("apt-get update && apt-get install foo"));
    assert!(!missing_yes("apt-get install -y foo"));
    assert!(!missing_yes("apt-get install --yes foo"));
    assert!(!missing_yes("apt-get -qq install foo"));
    assert!(!missing_yes("apt-get -q -q install foo"));
    assert!(!missing_yes("apt-get -q=2 install foo"));
    assert!(!missing_yes(
        "sudo apt-get -o Acquire::Retries=3 install --assume-yes foo"
    ));
    assert!(missing_yes("apt-get -o Acquire::Retries=3 install foo"));
    assert!(!missing_yes("echo apt-get install foo"));
}

#[test]
fn positional_args_respect_value_flags() {
    let s = p("pip install -r requirements.txt --no-cache-dir");
    let c = &s.commands[0];
    assert!(c.has_subcommand("install"));
    assert!(c.args_after_subcommand().is_empty());
    assert_eq!(c.flag_value("--requirement"), None);
    assert_eq!(
        c.args().value(Some('r'), Some("requirement")),
        Some("requirements.txt")
    );
    let s = p("pip3 install --index-url https://x -c c.txt 'flask==2.0' \"requests>=2\"");
    let pkgs: Vec<_> = s.commands[0]
        .args_after_subcommand()
        .iter()
        .map(|w| w.value.as_str())
        .collect();
    assert_eq!(pkgs, ["flask==2.0", "requests>=2"]);
    let s = p("apk add --no-cache --virtual .build-deps gcc musl-dev=1.2");
    let pkgs: Vec<_> = s.commands[0]
        .args_after_subcommand()
        .iter()
        .map(|w| w.value.as_str())
        .collect();
    assert_eq!(pkgs, ["gcc", "musl-dev=1.2"]);
    let s = p("wget --progress=dot:giga -O /tmp/x https://y");
    assert_eq!(s.commands[0].flag_value("--progress"), Some("dot:giga"));
    assert_eq!(s.commands[0].positional_args()[0].value, "https://y");
    let s =
        p("go build -ldflags '-s -w' -o /app ./cmd && go install golang.org/x/tools/gopls@v0.1");
    assert_eq!(s.commands[0].args_after_subcommand()[0].value, "./cmd");
    assert_eq!(
        s.commands[1].args_after_subcommand()[0].value,
        "golang.org/x/tools/gopls@v0.1"
    );
    let s = p("useradd -u 100000 -l -m app");
    assert_eq!(s.commands[0].flag_value("-u"), Some("100000"));
    assert!(s.commands[0].has_flag(Some('l'), Some("no-log-init")));
    let s = p("tar -xzf x.tgz -C /opt -- -weird");
    let pos: Vec<_> = s.commands[0]
        .positional_args()
        .iter()
        .map(|w| w.value.as_str())
        .collect();
    assert_eq!(pos, ["-weird"]);
}

#[test]
fn script_level_queries() {
    let s = p(
        "set -euxo pipefail; apt-get update; apt-get install -y x && rm -rf /var/lib/apt/lists/*",
    );
    assert!(s.sets_option("pipefail"));
    assert!(s.comes_before(
        |c| c.has_subcommand("update"),
        |c| c.has_subcommand("install")
    ));
    assert!(!s.comes_before(|c| c.is("rm"), |c| c.is("apt-get")));
    let rm = s.named("rm").next().unwrap();
    assert!(rm.has_flag(Some('r'), None) && rm.has_flag(Some('f'), None));
    let target = rm.positional_args()[0];
    assert_eq!(target.value, "/var/lib/apt/lists/*");
    assert!(target.has_glob);
    assert!(!p("set -eux").sets_option("pipefail"));
    assert!(p("set -o errexit -o pipefail").sets_option("pipefail"));
    let s = p("ln -sf /bin/bash /bin/sh");
    assert_eq!(s.commands[0].positional_args()[1].value, "/bin/sh");
}

#[test]
fn continuation_joined_body() {
    // What the Dockerfile parser hands over after removing `\`-newlines.
    let src = "apt-get update \t&& apt-get install -y --no-install-recommends \t\tca-certificates \t\tcurl \t&& rm -rf /var/lib/apt/lists/*";
    let s = p(src);
    assert_eq!(names(&s), ["apt-get", "apt-get", "rm"]);
    let pkgs: Vec<_> = s.commands[1]
        .args_after_subcommand()
        .iter()
        .map(|w| w.value.as_str())
        .collect();
    assert_eq!(pkgs, ["ca-certificates", "curl"]);
    // Escaped newlines still in the text are also skipped.
    let s = p("apt-get update && \\\n  apt-get install -y x");
    assert_eq!(names(&s), ["apt-get", "apt-get"]);
    assert_eq!(s.commands[1].before, Connector::And);
    // A newline right after `&&` continues the list.
    let s = p("a &&\n b |\n c");
    assert_eq!(s.commands[1].before, Connector::And);
    assert_eq!(s.commands[2].before, Connector::Pipe);
}

#[test]
fn negation_and_array_assignment() {
    let s = p("! grep -q x f && arr=(a b \"c d\") && echo ${arr[@]}");
    assert_eq!(names(&s), ["grep", "", "echo"]);
    assert!(s.pipelines[s.commands[0].pipeline].negated);
    assert_eq!(s.commands[1].assignments[0].value.value, "(a b \"c d\")");
}
