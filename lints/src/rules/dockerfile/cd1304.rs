use crate::dockerfile::model::ScriptPiece;
use crate::dockerfile::shell::{Command, SubstKind};
use crate::rules::prelude::*;
use crate::rules::support::commands::{SHELLS, downloads_to_stdout, run_commands};

crate::declare_rule! {
    /// ## What it does
    /// Checks for scripts downloaded and handed straight to a shell:
    /// `curl … | sh`, `wget -O- … | sudo bash`, `bash <(curl …)` and
    /// `sh -c "$(curl …)"`.
    ///
    /// ## Why is this bad?
    /// The shell runs whatever the server sends at build time, with no
    /// review, no pinning and no checksum. A compromised or hijacked host, a
    /// moved URL or a truncated download runs arbitrary code in your build,
    /// and the next build may run something else entirely. Download the
    /// script to a file, check it against a known checksum, then run it; or
    /// install the tool from a package repository.
    ///
    /// Only shells count as the receiving end; piping a download into `tar`,
    /// `gpg` or `sha256sum` is fine.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN curl -fsSL https://example.com/install.sh | sh
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// ARG INSTALL_SHA256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
    /// RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \
    ///     && echo "${INSTALL_SHA256}  /tmp/install.sh" | sha256sum -c - \
    ///     && sh /tmp/install.sh && rm /tmp/install.sh
    /// ```
    pub static RULE = Rule {
        code: "CD1304",
        name: "remote-script-piped-to-shell",
        summary: "A downloaded script is run by a shell without being checked",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Default],
        references: &[Reference::new(Source::Owasp, "rule-13-enhance-supply-chain-security")],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for rc in run_commands(ctx, true) {
        let cmd = rc.command;
        if !cmd.is_any(SHELLS) {
            continue;
        }
        let script = &rc.piece.script;
        let args = cmd.args();
        let by_c = args.has(Some('c'), None);
        // `… | bash setup.sh` runs the file and only feeds it data.
        let from_file = !args.has(Some('s'), None)
            && args
                .positionals()
                .next()
                .is_some_and(|w| w.value != "-" && w.value != "/dev/stdin");
        // `curl … | sh`: the shell reads its script from the pipe.
        let piped = (!by_c && !from_file)
            .then(|| {
                script
                    .pipeline_of(cmd)
                    .filter(|c| c.index_in_pipeline < cmd.index_in_pipeline)
                    .find(|c| downloads_to_stdout(c))
            })
            .flatten();
        // `bash <(curl …)` or `sh -c "$(curl …)"`: the script is an argument.
        let substituted = || {
            cmd.arguments().iter().find_map(|word| {
                word.substitutions
                    .iter()
                    .filter(|s| {
                        // `-c "$(curl …)"`: the whole script is the download,
                        // not `-c "echo $(curl …)"`.
                        let whole = |delimiters: usize| {
                            word.value.len() == s.body.len() as usize + delimiters
                        };
                        match s.kind {
                            SubstKind::Process => true,
                            SubstKind::Dollar => by_c && whole(3),
                            SubstKind::Backtick => by_c && whole(2),
                        }
                    })
                    .find_map(|s| {
                        script
                            .commands
                            .iter()
                            .find(|c| s.body.contains_range(c.range) && downloads_to_stdout(c))
                    })
            })
        };
        let Some(download) = piped.or_else(substituted) else {
            continue;
        };
        let shell = cmd.name().unwrap_or("sh");
        sink.report(
            rc.name_range(),
            format!("`{shell}` runs a script straight from the network; download it, verify a checksum, then run it"),
        )
        .label(name_range(rc.piece, download), "downloaded here");
    }
}

fn name_range(piece: &ScriptPiece, cmd: &Command) -> TextRange {
    piece.to_source(cmd.name_word().map_or(cmd.range, |w| w.range))
}
