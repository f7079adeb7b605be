//! Turns tokens into simple commands with their context.
//!
//! There is no syntax tree: a stack of open constructs (subshell, group, `if`,
//! loops, `case`) and a small mode for the header parts of `for` and `case`
//! are enough to know, for each simple command, where it sits. The stack is a
//! `Vec`, so nesting depth costs memory, not call stack. Command
//! substitutions are parsed afterwards from a work queue, each as a script of
//! its own, up to [`MAX_SUBSTITUTION_DEPTH`].

use super::lexer::{Op, TokKind, Token, lex};
use super::word::ScannedWord;
use super::{
    Assignment, Command, Connector, Context, ParseError, Pipeline, Redirect, Script, Word, command,
};
use crate::text::TextRange;

/// Beyond this many nested command substitutions the inner text is not
/// parsed; each level re-lexes its body, so the limit also bounds the work.
const MAX_SUBSTITUTION_DEPTH: u32 = 64;

struct Job {
    range: TextRange,
    depth: u32,
}

#[derive(Default)]
struct Output {
    commands: Vec<Command>,
    depths: Vec<u32>,
    pipelines: Vec<Pipeline>,
    compound_redirects: Vec<Redirect>,
    errors: Vec<ParseError>,
    queue: Vec<Job>,
}

pub(crate) fn parse(src: &str) -> Script {
    let mut out = Output::default();
    out.queue.push(Job {
        range: TextRange::from_usize(0, src.len()),
        depth: 0,
    });
    while let Some(job) = out.queue.pop() {
        let tokens = lex(
            src,
            job.range.start as usize,
            job.range.end as usize,
            &mut out.errors,
        );
        Parser::new(src, job.depth, &mut out).run(tokens);
    }
    finish(out)
}

/// Puts commands in source order (a command before the substitutions inside
/// its words) and fixes up the indices that point at them.
fn finish(out: Output) -> Script {
    let Output {
        commands,
        depths,
        mut pipelines,
        compound_redirects,
        mut errors,
        ..
    } = out;
    let mut order: Vec<usize> = (0..commands.len()).collect();
    order.sort_by_key(|&i| (commands[i].range.start, depths[i], i));
    let mut new_index = vec![0; commands.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut slots: Vec<Option<Command>> = commands.into_iter().map(Some).collect();
    let mut sorted = Vec::with_capacity(slots.len());
    for (new, &old) in order.iter().enumerate() {
        if let Some(mut c) = slots[old].take() {
            c.index = new;
            c.name_index = command::effective_name_index(&c.words);
            sorted.push(c);
        }
    }
    for p in &mut pipelines {
        for c in &mut p.commands {
            *c = new_index[*c];
        }
    }
    errors.sort_by_key(|e| e.range.start);
    Script {
        commands: sorted,
        pipelines,
        compound_redirects,
        errors,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Subshell,
    Group,
    If,
    /// `while` / `until`
    Loop,
    /// `for` / `select`
    For,
    Case,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Normal,
    /// After `for`: the variable name.
    ForName,
    /// After the name: `in`, `do` or a separator.
    ForAfterName,
    /// The word list after `for x in`, up to `;` or newline.
    ForWords,
    /// After `case`: the subject word.
    CaseWord,
    /// After the subject: `in`.
    CaseIn,
    /// Between arms: patterns up to `)`, or `esac`.
    CasePattern,
    /// After `function`: the name.
    FunctionName,
    /// After `function name`: optional `()`.
    FunctionParens,
}

#[derive(Clone, Copy, Default)]
struct PipeState {
    /// Index into `Output::pipelines`, allocated with the first simple command.
    id: Option<usize>,
    elements: usize,
    negated: bool,
    /// The simple command that is the last element so far, if it is one.
    last_command: Option<usize>,
    /// `|` or `|&` seen after the last element.
    pipe_op: Option<Connector>,
}

struct Frame {
    kind: Kind,
    open: TextRange,
    /// In the condition part (`if`/`elif`/`while`/`until` … up to `then`/`do`).
    condition: bool,
    function: bool,
    saved_pipe: PipeState,
    saved_before: Connector,
    /// The context of the frames below this one.
    below: Context,
}

impl Frame {
    /// The context of a command directly inside this frame.
    fn inside(&self) -> Context {
        let mut c = self.below;
        match self.kind {
            Kind::Subshell => c.in_subshell = true,
            Kind::Group => c.in_group = true,
            Kind::If if self.condition => c.in_condition = true,
            Kind::If | Kind::Case => c.in_branch = true,
            Kind::Loop if self.condition => c.in_condition = true,
            Kind::Loop | Kind::For => c.in_loop = true,
        }
        c.in_function |= self.function;
        c
    }
}

#[derive(Default)]
struct Builder {
    start: Option<u32>,
    end: u32,
    assignments: Vec<Assignment>,
    words: Vec<Word>,
    redirects: Vec<Redirect>,
    /// Inside `[[ … ]]`, where operators are operands.
    test_expression: bool,
}

impl Builder {
    fn is_empty(&self) -> bool {
        self.start.is_none()
    }

    fn extend(&mut self, range: TextRange) {
        self.start.get_or_insert(range.start);
        self.end = self.end.max(range.end);
    }
}

/// Where a pending redirection goes once its target word arrives.
enum RedirectDest {
    Command,
    Compound,
}

struct Parser<'s, 'o> {
    src: &'s str,
    depth: u32,
    out: &'o mut Output,
    frames: Vec<Frame>,
    mode: Mode,
    cur: Builder,
    pipe: PipeState,
    before: Connector,
    function_pending: bool,
    /// The element just finished is a compound command, so a redirection
    /// that follows belongs to it.
    after_compound: bool,
    pending_redirect: Option<(Redirect, RedirectDest)>,
}

fn is_reserved(w: &ScannedWord, text: &str) -> bool {
    !w.quoted
        && !w.has_expansion
        && matches!(
            text,
            "if" | "then"
                | "elif"
                | "else"
                | "fi"
                | "for"
                | "select"
                | "do"
                | "done"
                | "while"
                | "until"
                | "case"
                | "esac"
                | "function"
                | "!"
                | "{"
                | "}"
        )
}

impl<'s, 'o> Parser<'s, 'o> {
    fn new(src: &'s str, depth: u32, out: &'o mut Output) -> Self {
        Self {
            src,
            depth,
            out,
            frames: Vec::new(),
            mode: Mode::Normal,
            cur: Builder::default(),
            pipe: PipeState::default(),
            before: Connector::Start,
            function_pending: false,
            after_compound: false,
            pending_redirect: None,
        }
    }

    fn error(&mut self, range: TextRange, message: impl Into<String>) {
        self.out.errors.push(ParseError::new(range, message));
    }

    fn run(mut self, tokens: Vec<Token>) {
        let mut tokens = tokens.into_iter().peekable();
        while let Some(tok) = tokens.next() {
            let next_is_rparen = matches!(
                tokens.peek(),
                Some(Token {
                    kind: TokKind::Op(Op::RParen),
                    ..
                })
            );
            if self.token(tok, next_is_rparen) {
                tokens.next();
            }
        }
        self.flush_redirect();
        if self.cur.is_empty()
            && self.pipe.elements == 0
            && matches!(self.before, Connector::And | Connector::Or)
        {
            let end = TextRange::empty(self.src.len() as u32);
            self.error(end, "script ends after `&&` or `||`");
        }
        self.end_pipeline(Connector::End);
        while let Some(f) = self.frames.last() {
            let (open, kind) = (f.open, f.kind);
            self.error(open, format!("{} is never closed", describe(kind)));
            self.close_frame();
        }
        if self.mode != Mode::Normal && self.mode != Mode::CasePattern {
            self.error(
                TextRange::empty(self.src.len() as u32),
                "script ends in the middle of a construct",
            );
        }
    }

    /// Handles one token; returns true if the following `)` was consumed too.
    fn token(&mut self, tok: Token, next_is_rparen: bool) -> bool {
        let range = tok.range;
        if let TokKind::Word(w) = &tok.kind {
            self.queue_substitutions(w);
        }
        if self.pending_redirect.is_some() {
            if let TokKind::Word(w) = tok.kind {
                let word = self.word(w, range);
                if let Some((mut r, dest)) = self.pending_redirect.take() {
                    r.range = r.range.cover(word.range);
                    r.target = Some(word);
                    self.push_redirect(r, dest);
                }
                return false;
            }
            self.flush_redirect();
        }
        match self.mode {
            Mode::Normal => {}
            Mode::ForName => {
                self.mode = match tok.kind {
                    TokKind::Arith => Mode::ForWords,
                    _ => Mode::ForAfterName,
                };
                return false;
            }
            Mode::ForAfterName => {
                match &tok.kind {
                    TokKind::Word(_) if range.slice(self.src) == "in" => self.mode = Mode::ForWords,
                    TokKind::Word(_) if range.slice(self.src) == "do" => {
                        self.mode = Mode::Normal;
                        self.before = Connector::Start;
                    }
                    TokKind::Newline | TokKind::Op(Op::Semi) => self.mode = Mode::Normal,
                    _ => {
                        self.error(range, "expected `in` or `do` after `for NAME`");
                        self.mode = Mode::Normal;
                    }
                }
                return false;
            }
            Mode::ForWords => {
                if matches!(tok.kind, TokKind::Newline | TokKind::Op(Op::Semi)) {
                    self.mode = Mode::Normal;
                } else if !matches!(tok.kind, TokKind::Word(_)) {
                    self.error(range, "unexpected token in `for` word list");
                    self.mode = Mode::Normal;
                }
                return false;
            }
            Mode::CaseWord => {
                self.mode = Mode::CaseIn;
                return false;
            }
            Mode::CaseIn => {
                match &tok.kind {
                    TokKind::Newline => {}
                    TokKind::Word(_) if range.slice(self.src) == "in" => {
                        self.mode = Mode::CasePattern
                    }
                    _ => {
                        self.error(range, "expected `in` after `case WORD`");
                        self.mode = Mode::CasePattern;
                    }
                }
                return false;
            }
            Mode::CasePattern => {
                match &tok.kind {
                    TokKind::Newline | TokKind::Op(Op::LParen | Op::Pipe) => {}
                    TokKind::Word(w) if !w.quoted && range.slice(self.src) == "esac" => {
                        self.mode = Mode::Normal;
                        self.close_named(Kind::Case, range);
                    }
                    TokKind::Word(_) => {}
                    TokKind::Op(Op::RParen) => {
                        self.mode = Mode::Normal;
                        self.before = Connector::Start;
                    }
                    _ => self.error(range, "unexpected token in `case` pattern"),
                }
                return false;
            }
            Mode::FunctionName => {
                self.mode = Mode::FunctionParens;
                self.function_pending = true;
                return false;
            }
            Mode::FunctionParens => {
                self.mode = Mode::Normal;
                if matches!(tok.kind, TokKind::Op(Op::LParen)) && next_is_rparen {
                    return true;
                }
                if matches!(tok.kind, TokKind::Newline) {
                    return false;
                }
            }
        }

        match tok.kind {
            TokKind::Word(w) => self.word_token(w, range),
            TokKind::Redirect { fd, op, heredoc } if !self.cur.test_expression => {
                let redirect = Redirect {
                    range,
                    fd,
                    op,
                    op_range: range,
                    target: None,
                    heredoc_body: heredoc,
                };
                let dest = if self.cur.is_empty() && self.after_compound {
                    RedirectDest::Compound
                } else {
                    self.cur.extend(range);
                    RedirectDest::Command
                };
                self.pending_redirect = Some((redirect, dest));
            }
            TokKind::Redirect { .. } => self.test_operand(range),
            TokKind::Op(Op::AndIf | Op::OrIf | Op::LParen | Op::RParen) | TokKind::Newline
                if self.cur.test_expression =>
            {
                if !matches!(tok.kind, TokKind::Newline) {
                    self.test_operand(range);
                }
            }
            TokKind::Newline => {
                // A line ending right after `&&`, `||` or `|` continues the list.
                if self.cur.is_empty() && self.pipe.pipe_op.is_some() {
                    return false;
                }
                self.end_pipeline(Connector::Newline);
            }
            TokKind::Arith => {
                if !self.cur.is_empty() {
                    self.error(range, "unexpected `((`");
                }
                self.finish_command();
                self.add_compound_element();
            }
            TokKind::Op(op) => return self.operator(op, range, next_is_rparen),
        }
        false
    }

    fn test_operand(&mut self, range: TextRange) {
        let text = range.slice(self.src).to_string();
        self.cur.extend(range);
        self.cur.words.push(Word {
            range,
            value: text,
            ..Word::default()
        });
    }

    fn operator(&mut self, op: Op, range: TextRange, next_is_rparen: bool) -> bool {
        match op {
            Op::Pipe | Op::PipeAmp => {
                self.finish_command();
                if self.pipe.elements == 0 {
                    self.error(range, "`|` with no command before it");
                    return false;
                }
                let conn = if op == Op::Pipe {
                    Connector::Pipe
                } else {
                    Connector::PipeAll
                };
                if let Some(last) = self.pipe.last_command {
                    self.out.commands[last].after = conn;
                }
                self.pipe.pipe_op = Some(conn);
            }
            Op::AndIf => self.end_pipeline(Connector::And),
            Op::OrIf => self.end_pipeline(Connector::Or),
            Op::Semi => self.end_pipeline(Connector::Semi),
            Op::Amp => self.end_pipeline(Connector::Background),
            Op::CaseBreak => {
                self.end_pipeline(Connector::CaseBreak);
                if self.unwind_to(Kind::Case, range) {
                    self.mode = Mode::CasePattern;
                } else {
                    self.error(range, "`;;` outside `case`");
                }
            }
            Op::LParen => {
                if self.cur.words.len() == 1 && self.cur.assignments.is_empty() && next_is_rparen {
                    // `name() { … }`: a function definition, not a command.
                    self.cur = Builder::default();
                    self.function_pending = true;
                    return true;
                }
                if !self.cur.is_empty() {
                    self.error(range, "unexpected `(` after a command");
                    self.finish_command();
                }
                self.open_frame(Kind::Subshell, range);
            }
            Op::RParen => {
                if !self.close_named(Kind::Subshell, range) {
                    self.error(range, "unmatched `)`");
                }
            }
        }
        false
    }

    fn word_token(&mut self, w: ScannedWord, range: TextRange) {
        let text = range.slice(self.src);
        if self.cur.is_empty() && is_reserved(&w, text) {
            self.reserved(text, range);
            return;
        }
        if self.cur.test_expression && text == "]]" && !w.quoted {
            self.cur.test_expression = false;
        }
        // The raw text must start with a bare name: `"A"=b` is a word.
        if self.cur.words.is_empty()
            && let Some(eq) = assignment_name_len(text)
        {
            let word = self.word(w, range);
            let assignment = split_assignment(word, eq, text);
            self.cur.extend(range);
            self.cur.assignments.push(assignment);
            return;
        }
        let word = self.word(w, range);
        if self.cur.words.is_empty() && word.value == "[[" && !word.quoted {
            self.cur.test_expression = true;
        }
        self.cur.extend(range);
        self.cur.words.push(word);
    }

    fn reserved(&mut self, text: &str, range: TextRange) {
        match text {
            "if" => self.open_frame(Kind::If, range),
            "while" | "until" => self.open_frame(Kind::Loop, range),
            "for" | "select" => {
                self.open_frame(Kind::For, range);
                self.mode = Mode::ForName;
            }
            "case" => {
                self.open_frame(Kind::Case, range);
                self.mode = Mode::CaseWord;
            }
            "{" => self.open_frame(Kind::Group, range),
            "function" => self.mode = Mode::FunctionName,
            "!" => self.pipe.negated = true,
            "then" | "elif" | "else" => {
                self.end_pipeline(Connector::End);
                if self.unwind_to(Kind::If, range) {
                    if let Some(f) = self.frames.last_mut() {
                        f.condition = text == "elif";
                    }
                    self.before = Connector::Start;
                } else {
                    self.error(range, format!("`{text}` outside `if`"));
                }
            }
            "do" => {
                self.end_pipeline(Connector::End);
                match self.frames.last_mut() {
                    Some(f) if matches!(f.kind, Kind::Loop | Kind::For) => {
                        f.condition = false;
                        self.before = Connector::Start;
                    }
                    _ => self.error(range, "`do` outside a loop"),
                }
            }
            "fi" => {
                self.close_named(Kind::If, range);
            }
            "done" => {
                let kind = match self
                    .frames
                    .iter()
                    .rev()
                    .find(|f| matches!(f.kind, Kind::Loop | Kind::For))
                {
                    Some(f) => f.kind,
                    None => Kind::Loop,
                };
                self.close_named(kind, range);
            }
            "esac" => {
                self.close_named(Kind::Case, range);
            }
            "}" => {
                self.close_named(Kind::Group, range);
            }
            _ => {}
        }
    }

    fn word(&mut self, w: ScannedWord, range: TextRange) -> Word {
        if let Some((at, what)) = w.unterminated {
            let r = TextRange::from_usize(at, range.end as usize);
            self.error(r, what);
        }
        Word {
            range,
            value: w.value,
            quoted: w.quoted,
            has_expansion: w.has_expansion,
            has_glob: w.has_glob,
            params: w.params,
            substitutions: w.substitutions,
        }
    }

    fn queue_substitutions(&mut self, w: &ScannedWord) {
        for s in &w.substitutions {
            if self.depth + 1 > MAX_SUBSTITUTION_DEPTH {
                self.out.errors.push(ParseError::limit(
                    s.body,
                    format!(
                        "command substitutions nested more than {MAX_SUBSTITUTION_DEPTH} deep; the inner ones are not checked"
                    ),
                ));
                continue;
            }
            self.out.queue.push(Job {
                range: s.body,
                depth: self.depth + 1,
            });
        }
    }

    fn push_redirect(&mut self, r: Redirect, dest: RedirectDest) {
        match dest {
            RedirectDest::Command => {
                self.cur.extend(r.range);
                self.cur.redirects.push(r);
            }
            RedirectDest::Compound => self.out.compound_redirects.push(r),
        }
    }

    /// A redirection whose target never came.
    fn flush_redirect(&mut self) {
        if let Some((r, dest)) = self.pending_redirect.take() {
            self.error(r.op_range, "redirection without a target");
            self.push_redirect(r, dest);
        }
    }

    /// The context of a command at the current position; O(1) because each
    /// frame caches the context of the frames below it.
    fn context(&self) -> Context {
        match self.frames.last() {
            Some(f) => f.inside(),
            None => Context {
                substitution_depth: self.depth,
                ..Context::default()
            },
        }
    }

    /// Ends the simple command being built and adds it to the pipeline.
    fn finish_command(&mut self) {
        self.flush_redirect();
        let b = std::mem::take(&mut self.cur);
        let Some(start) = b.start else { return };
        if b.test_expression {
            self.error(TextRange::new(start, b.end), "`[[` without `]]`");
        }
        self.function_pending = false;
        self.after_compound = false;
        let id = match self.pipe.id {
            Some(id) => id,
            None => {
                self.out.pipelines.push(Pipeline::default());
                let id = self.out.pipelines.len() - 1;
                self.pipe.id = Some(id);
                id
            }
        };
        let before = if self.pipe.elements == 0 {
            self.before
        } else {
            self.pipe.pipe_op.unwrap_or(Connector::Pipe)
        };
        let index = self.out.commands.len();
        self.out.commands.push(Command {
            range: TextRange::new(start, b.end),
            index,
            assignments: b.assignments,
            words: b.words,
            redirects: b.redirects,
            pipeline: id,
            index_in_pipeline: self.pipe.elements,
            pipeline_len: 0,
            before,
            after: Connector::End,
            context: self.context(),
            name_index: None,
        });
        self.out.depths.push(self.depth);
        self.out.pipelines[id].commands.push(index);
        self.pipe.elements += 1;
        self.pipe.last_command = Some(index);
        self.pipe.pipe_op = None;
    }

    /// Ends the current pipeline with `conn` (what follows it).
    fn end_pipeline(&mut self, conn: Connector) {
        self.finish_command();
        if self.pipe.elements == 0 {
            if matches!(conn, Connector::And | Connector::Or | Connector::Background) {
                self.before = conn;
            }
            self.pipe = PipeState::default();
            return;
        }
        if self.pipe.pipe_op.is_some() {
            let at = TextRange::empty(
                self.out
                    .commands
                    .get(self.pipe.last_command.unwrap_or(0))
                    .map_or(0, |c| c.range.end),
            );
            self.error(at, "pipeline ends with `|`");
        }
        if let Some(last) = self.pipe.last_command {
            self.out.commands[last].after = conn;
        }
        if let Some(id) = self.pipe.id {
            let p = &mut self.out.pipelines[id];
            p.len = self.pipe.elements;
            p.negated = self.pipe.negated;
            for &c in &p.commands {
                self.out.commands[c].pipeline_len = self.pipe.elements;
            }
        }
        self.pipe = PipeState::default();
        self.before = conn;
        self.after_compound = false;
    }

    fn open_frame(&mut self, kind: Kind, open: TextRange) {
        self.finish_command();
        let saved_pipe = std::mem::take(&mut self.pipe);
        let below = self.context();
        self.frames.push(Frame {
            below,
            kind,
            open,
            condition: matches!(kind, Kind::If | Kind::Loop),
            function: std::mem::take(&mut self.function_pending),
            saved_pipe,
            saved_before: self.before,
        });
        self.before = Connector::Start;
    }

    /// Closes the innermost frame and makes it an element of the enclosing pipeline.
    fn close_frame(&mut self) {
        self.end_pipeline(Connector::End);
        let Some(f) = self.frames.pop() else { return };
        self.pipe = f.saved_pipe;
        self.before = f.saved_before;
        self.mode = Mode::Normal;
        self.add_compound_element();
    }

    fn add_compound_element(&mut self) {
        self.pipe.elements += 1;
        self.pipe.last_command = None;
        self.pipe.pipe_op = None;
        self.after_compound = true;
    }

    /// Closes frames down to the innermost `kind`; false if there is none.
    fn close_named(&mut self, kind: Kind, at: TextRange) -> bool {
        if !self.unwind_to(kind, at) {
            let what = at.slice(self.src).to_string();
            self.error(
                at,
                format!("`{what}` without a matching {}", describe(kind)),
            );
            return false;
        }
        self.close_frame();
        true
    }

    /// Closes (with an error) frames above the innermost `kind`.
    fn unwind_to(&mut self, kind: Kind, at: TextRange) -> bool {
        if !self.frames.iter().rev().any(|f| f.kind == kind) {
            return false;
        }
        while let Some(f) = self.frames.last() {
            if f.kind == kind {
                break;
            }
            let msg = format!(
                "{} is not closed before `{}`",
                describe(f.kind),
                at.slice(self.src)
            );
            let open = f.open;
            self.error(open, msg);
            self.close_frame();
        }
        true
    }
}

fn describe(kind: Kind) -> &'static str {
    match kind {
        Kind::Subshell => "`(`",
        Kind::Group => "`{`",
        Kind::If => "`if`",
        Kind::Loop => "`while`/`until`",
        Kind::For => "`for`",
        Kind::Case => "`case`",
    }
}

/// If `text` starts with `NAME=` or `NAME+=`, the length of `NAME`.
fn assignment_name_len(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    if !b
        .first()
        .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'_')
    {
        return None;
    }
    let n = b
        .iter()
        .take_while(|&&c| c.is_ascii_alphanumeric() || c == b'_')
        .count();
    match b.get(n) {
        Some(b'=') => Some(n),
        Some(b'+') if b.get(n + 1) == Some(&b'=') => Some(n),
        _ => None,
    }
}

fn split_assignment(word: Word, name_len: usize, text: &str) -> Assignment {
    let append = text.as_bytes().get(name_len) == Some(&b'+');
    let eq_len = if append { 2 } else { 1 };
    let start = word.range.start;
    let value_start = start + (name_len + eq_len) as u32;
    // The name is plain ASCII, so the unquoted value starts at the same offset.
    let value = word
        .value
        .get(name_len + eq_len..)
        .unwrap_or("")
        .to_string();
    let value_params = word
        .params
        .iter()
        .filter(|p| p.range.start >= value_start)
        .cloned()
        .collect();
    Assignment {
        range: word.range,
        name: text[..name_len].to_string(),
        name_range: TextRange::new(start, start + name_len as u32),
        value: Word {
            range: TextRange::new(value_start, word.range.end),
            value,
            quoted: word.quoted,
            has_expansion: word.has_expansion,
            has_glob: word.has_glob,
            params: value_params,
            substitutions: word.substitutions,
        },
        append,
    }
}
