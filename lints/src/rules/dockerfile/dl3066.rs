use crate::rules::prelude::*;
use std::collections::HashSet;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `USER` naming a user rather than a numeric user id.
    ///
    /// ## Why is this bad?
    /// A name is resolved through the image's `/etc/passwd`. Tools outside
    /// the image (Kubernetes `runAsNonRoot`, volume ownership on the host)
    /// only see the number, and cannot verify that `app` is not root. A
    /// numeric id (`USER 10001`) means the same everywhere.
    ///
    /// Only the user part is judged (`USER 10001:app` is fine). A variable
    /// declared by an `ARG` (`USER ${UID}`) is accepted; as in hadolint,
    /// other variables are reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN adduser -D -u 10001 app
    /// USER app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN adduser -D -u 10001 app
    /// USER 10001
    /// ```
    pub static RULE = Rule {
        code: "DL3066",
        name: "user-non-numeric",
        summary: "USER names a user instead of a numeric user id",
        category: Category::Security,
        severity: Severity::Info,
        references: &[Reference::new(Source::Hadolint, "DL3066")],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    let mut args: HashSet<&str> = HashSet::new();
    for instruction in &ctx.syntax.instructions {
        match &instruction.kind {
            InstructionKind::Arg(decls) => args.extend(decls.iter().map(|d| d.name.value.as_str())),
            InstructionKind::User(user) => {
                let name = &user.user.value;
                if !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()) {
                    continue;
                }
                let in_user =
                    |v: &&crate::dockerfile::VarRef| user.user.range.contains_range(v.range);
                let mut vars = user.word.vars.iter().filter(in_user).peekable();
                if vars.peek().is_some() && vars.all(|v| args.contains(v.name.as_str())) {
                    continue;
                }
                sink.report(
                    user.user.range,
                    format!("`{name}` is a user name; use a numeric user id that does not depend on /etc/passwd"),
                );
            }
            _ => {}
        }
    }
}
