use crate::dockerfile::shell::{FlagSpec, specs};
use crate::rules::prelude::*;
use crate::rules::support::commands::run_commands;

crate::declare_rule! {
    /// ## What it does
    /// Checks for setuid or setgid bits being added to files: `chmod u+s`,
    /// `g+s`, `+s`, numeric modes such as `4755`, `2755` or `6755` (with
    /// `chmod`, `install -m`, or `COPY`/`ADD --chmod`).
    ///
    /// ## Why is this bad?
    /// A setuid or setgid program runs with the owner's or group's rights
    /// whoever starts it. In an image that is usually root, so any flaw in
    /// the program is a privilege escalation from the container's
    /// unprivileged user to root. Images should carry as few such programs as
    /// possible, and should not add new ones.
    ///
    /// The setgid bit on a directory (for shared group ownership) is
    /// harmless, but cannot be told apart from a file here; suppress the
    /// finding in that case. The rule is part of the `cis` profile and is
    /// off by default.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// COPY tool /usr/local/bin/tool
    /// RUN chmod u+s /usr/local/bin/tool
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// COPY --chmod=0755 tool /usr/local/bin/tool
    /// ```
    pub static RULE = Rule {
        code: "CD1306",
        name: "setuid-setgid-added",
        summary: "A setuid or setgid bit is added to a file",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Cis],
        references: &[Reference::new(Source::CisDocker, "4.8")],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

const MESSAGE: &str = "adds a setuid/setgid bit; such programs run with their owner's rights";

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for instruction in ctx.syntax.effective_instructions() {
        if !matches!(instruction.keyword, Keyword::Copy | Keyword::Add) {
            continue;
        }
        if let Some(value) = instruction.flag("chmod").and_then(|f| f.value.as_ref())
            && sets_special_bits(&value.value)
        {
            sink.report(value.range, format!("`--chmod={}` {MESSAGE}", value.value));
        }
    }
    for rc in run_commands(ctx, true) {
        let cmd = rc.command;
        let mode = if cmd.is("chmod") {
            // Options never take values, so the mode is the first operand.
            cmd.args_with(&FlagSpec::NONE).positionals().next()
        } else if cmd.is("install") {
            cmd.args_with(&specs::MKDIR)
                .find(Some('m'), Some("mode"))
                .last()
                .and_then(|f| f.value_word)
        } else {
            None
        };
        let Some(mode) = mode else { continue };
        if mode.has_expansion || !sets_special_bits(&mode.value) {
            continue;
        }
        sink.report(
            rc.word_range(mode),
            format!("mode `{}` {MESSAGE}", mode.value),
        );
    }
}

/// Whether a chmod mode (octal or symbolic) turns on setuid or setgid.
fn sets_special_bits(mode: &str) -> bool {
    if !mode.is_empty() && mode.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
        // The special bits are the digit before the last three.
        return mode.len() >= 4 && (mode.as_bytes()[mode.len() - 4] - b'0') & 0o6 != 0;
    }
    mode.split(',').any(|clause| {
        // `[ugoa]*` then one or more `[+-=][perms]`; `s` counts after `+` or `=`.
        let mut adding = false;
        for c in clause.chars() {
            match c {
                '+' | '=' => adding = true,
                '-' => adding = false,
                's' if adding => return true,
                _ => {}
            }
        }
        false
    })
}

#[cfg(test)]
mod tests {
    use super::sets_special_bits;

    #[test]
    fn modes() {
        for yes in [
            "4755", "2755", "6755", "04755", "u+s", "g+s", "+s", "ug+rs", "u=rwxs", "go-w,u+s",
        ] {
            assert!(sets_special_bits(yes), "{yes}");
        }
        for no in [
            "755", "0755", "1777", "01777", "u-s", "a+x", "o+t", "g-s,u+x", "+x", "",
        ] {
            assert!(!sets_special_bits(no), "{no}");
        }
    }
}
