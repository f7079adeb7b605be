//! The base protocol over any byte streams: `Content-Length` framing and
//! JSON-RPC parsing done here, so that nothing a client sends ends the
//! session. lsp-server's stdio reader gives up on the first malformed
//! message; this one answers it and reads on:
//!
//! - a body that is not JSON gets a `ParseError` (-32700, id `null`);
//! - JSON that is not a request, notification or response gets
//!   `InvalidRequest` (-32600), with the message's id when it has a usable one;
//! - a header block without a usable `Content-Length` (truncated, garbage,
//!   a body with no header) gets a `ParseError`, and reading resumes at the
//!   next header block — at a `Content-Length:` found inside a garbage line,
//!   so a body that lost its header does not swallow the next message;
//! - end of input ends the session; an `exit` notification stops reading.
//!
//! Messages cross as [`Message`]s to the server loop, which answers through
//! [`Output`]; diagnostics are published as ready-made JSON text, so the
//! hot path serialises once, straight from the engine's findings.

use crate::server::{self, ServerResult};
use crossbeam_channel::{Receiver, Sender};
use lsp_server::{ErrorCode, Message, RequestId};
use serde_json::{Value, json};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};

/// Longest header line kept; the rest of a longer line is skipped.
const MAX_HEADER_LINE: usize = 8 * 1024;
/// Largest body read; a larger one is refused.
const MAX_BODY: usize = 256 * 1024 * 1024;

/// What the server loop sends towards the client.
pub(crate) enum Outgoing {
    Message(Message),
    /// A complete JSON-RPC message, serialised by its producer.
    Text(String),
    /// The server loop has finished: write what came before and stop.
    End,
}

/// Where the server loop's messages go: the transport's writer, or an
/// in-memory connection (tests, embedders).
pub(crate) trait Output {
    fn send(&self, message: Message);
    fn send_text(&self, text: String);
}

impl Output for Sender<Message> {
    fn send(&self, message: Message) {
        if Sender::send(self, message).is_err() {
            server::log("cannot send to the client: the connection is closed");
        }
    }

    fn send_text(&self, text: String) {
        match serde_json::from_str::<Message>(&text) {
            Ok(message) => Output::send(self, message),
            Err(e) => server::log(&format!("cannot send a message to the client: {e}")),
        }
    }
}

impl Output for Sender<Outgoing> {
    fn send(&self, message: Message) {
        // A closed writer means the client is gone; the reader notices too.
        let _ = Sender::send(self, Outgoing::Message(message));
    }

    fn send_text(&self, text: String) {
        let _ = Sender::send(self, Outgoing::Text(text));
    }
}

/// Serves the protocol over `input` and `output` until the client shuts the
/// server down (or `input` ends). `caulk server` runs this on stdin/stdout;
/// any other byte streams work the same (pipes, sockets, fuzz inputs).
///
/// The reader runs on a thread of its own that is not joined: a reader
/// blocked on input that never ends must not keep the server alive.
pub fn serve<R, W>(input: R, output: W) -> ServerResult<()>
where
    R: Read + Send + 'static,
    W: Write + Send,
{
    let (to_server, from_reader) = crossbeam_channel::unbounded::<Message>();
    let (to_writer, from_server) = crossbeam_channel::unbounded::<Outgoing>();
    let replies = to_writer.clone();
    std::thread::Builder::new()
        .name("caulk-lsp-reader".into())
        .spawn(move || read_messages(BufReader::new(input), &to_server, &replies))?;
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || write_messages(output, &from_server));
        let result = server::run_with(&from_reader, &to_writer);
        let _ = to_writer.send(Outgoing::End);
        match writer.join() {
            Ok(Ok(())) => result,
            // The client closed its input: nothing more can reach it, which
            // is only an error if the session was not over already.
            Ok(Err(e)) => result.and(Err(e.into())),
            Err(_) => result.and(Err("the writer thread panicked".into())),
        }
    })
}

fn write_messages<W: Write>(output: W, messages: &Receiver<Outgoing>) -> io::Result<()> {
    let mut out = BufWriter::new(output);
    while let Ok(message) = messages.recv() {
        match message {
            Outgoing::Message(message) => message.write(&mut out)?,
            Outgoing::Text(text) => write_frame(&mut out, text.as_bytes())?,
            Outgoing::End => break,
        }
        // Flush once the queue is empty: a burst goes out in one write.
        if messages.is_empty() {
            out.flush()?;
        }
    }
    out.flush()
}

fn write_frame(out: &mut impl Write, body: &[u8]) -> io::Result<()> {
    write!(out, "Content-Length: {}\r\n\r\n", body.len())?;
    out.write_all(body)
}

/// Reads frames until end of input (or an `exit` notification), passing
/// messages to the server and answering the unreadable ones itself.
fn read_messages(mut input: impl BufRead, server: &Sender<Message>, replies: &Sender<Outgoing>) {
    let reply_error = |id: Value, code: ErrorCode, message: String| {
        server::log(&message);
        let text = json!({
            "jsonrpc": "2.0",
            "id": id,
            "error": { "code": code as i32, "message": message },
        })
        .to_string();
        let _ = replies.send(Outgoing::Text(text));
    };
    loop {
        let frame = match read_frame(&mut input) {
            Ok(frame) => frame,
            Err(e) => {
                server::log(&format!("cannot read from the client: {e}"));
                return;
            }
        };
        let body = match frame {
            Frame::Eof => return,
            Frame::BadHeader(problem) => {
                reply_error(
                    Value::Null,
                    ErrorCode::ParseError,
                    format!("malformed message header: {problem}"),
                );
                continue;
            }
            Frame::Body {
                body,
                header_problem,
            } => {
                if let Some(problem) = header_problem {
                    reply_error(
                        Value::Null,
                        ErrorCode::ParseError,
                        format!("malformed message header: {problem}"),
                    );
                }
                body
            }
        };
        let value = match serde_json::from_slice::<Value>(&body) {
            Ok(value) => value,
            Err(e) => {
                reply_error(
                    Value::Null,
                    ErrorCode::ParseError,
                    format!("invalid JSON: {e}"),
                );
                continue;
            }
        };
        match classify(value) {
            Ok(message) => {
                let is_exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if server.send(message).is_err() || is_exit {
                    return;
                }
            }
            Err(Invalid::Request { id, reason }) => reply_error(
                id,
                ErrorCode::InvalidRequest,
                format!("invalid request: {reason}"),
            ),
            Err(Invalid::Response(reason)) => {
                // A response cannot be answered; the client only gets a log line.
                server::log(&format!("ignoring a malformed response: {reason}"));
            }
        }
    }
}

enum Frame {
    Body {
        body: Vec<u8>,
        /// Garbage skipped in the header block before a usable `Content-Length`.
        header_problem: Option<String>,
    },
    BadHeader(String),
    Eof,
}

/// One header block and its body. Lines may end in `\r\n` (as the
/// specification says) or a bare `\n`; blank lines between messages are
/// skipped; header names are case-insensitive; headers other than
/// `Content-Length` are ignored.
fn read_frame(input: &mut impl BufRead) -> io::Result<Frame> {
    let mut length: Option<usize> = None;
    let mut problem: Option<String> = None;
    let mut seen_header = false;
    let mut line = Vec::new();
    loop {
        let (complete, overlong) = read_line(input, &mut line)?;
        if !complete {
            // End of input: mid-header is a truncated message nobody waits for.
            return Ok(Frame::Eof);
        }
        while matches!(line.last(), Some(b'\n' | b'\r')) {
            line.pop();
        }
        if overlong {
            problem.get_or_insert_with(|| {
                format!("a header line longer than {MAX_HEADER_LINE} bytes")
            });
            seen_header = true;
            continue;
        }
        if line.is_empty() {
            if seen_header {
                break;
            }
            continue;
        }
        seen_header = true;
        let mut text = String::from_utf8_lossy(&line).into_owned();
        if let Some(at) = find_content_length(&text).filter(|&at| at > 0) {
            // A header glued to the end of something else (a body whose own
            // header was lost): report the garbage, resume at the header.
            problem.get_or_insert_with(|| format!("unexpected bytes {:?}", clip(&text[..at])));
            length = None;
            text.drain(..at);
        }
        match text.split_once(':') {
            Some((name, value)) if name.eq_ignore_ascii_case("Content-Length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => {
                        problem.get_or_insert_with(|| {
                            format!("Content-Length {:?} is not a length", clip(value.trim()))
                        });
                        length = None;
                    }
                }
            }
            Some((name, _)) if is_token(name) => {}
            _ => {
                problem.get_or_insert_with(|| format!("unexpected bytes {:?}", clip(&text)));
            }
        }
    }
    let Some(length) = length else {
        return Ok(Frame::BadHeader(
            problem.unwrap_or_else(|| "no Content-Length".to_string()),
        ));
    };
    if length > MAX_BODY {
        // Not skipped by length, which could wait for bytes that never come:
        // whatever body follows is skipped as garbage up to the next header.
        return Ok(Frame::BadHeader(format!(
            "Content-Length {length} is larger than the {MAX_BODY} bytes accepted"
        )));
    }
    // Grows as bytes arrive: a false length cannot reserve memory up front.
    let mut body = Vec::new();
    input.take(length as u64).read_to_end(&mut body)?;
    if body.len() < length {
        return Ok(Frame::Eof);
    }
    Ok(Frame::Body {
        body,
        header_problem: problem,
    })
}

/// Reads up to and including `\n` into `line` (cleared first), keeping at
/// most [`MAX_HEADER_LINE`] bytes. Returns whether a line ended (false at
/// end of input) and whether bytes were dropped.
fn read_line(input: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<(bool, bool)> {
    line.clear();
    let mut overlong = false;
    loop {
        let available = match input.fill_buf() {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok((false, overlong));
        }
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..=i], true),
            None => (available, false),
        };
        let room = MAX_HEADER_LINE.saturating_sub(line.len());
        if chunk.len() > room {
            overlong = true;
        }
        line.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let used = chunk.len();
        input.consume(used);
        if done {
            return Ok((true, overlong));
        }
    }
}

fn find_content_length(text: &str) -> Option<usize> {
    const NAME: &[u8] = b"content-length:";
    text.as_bytes()
        .windows(NAME.len())
        .position(|w| w.eq_ignore_ascii_case(NAME))
}

fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.!#$%&'*+^`|~".contains(&b))
}

fn clip(text: &str) -> String {
    text.chars().take(40).collect()
}

enum Invalid {
    /// Not a valid request or notification; answered with this id (or null).
    Request { id: Value, reason: String },
    /// Looks like a response but is not one.
    Response(String),
}

/// JSON-RPC 2.0's rules for what a message is, applied to parsed JSON.
fn classify(value: Value) -> Result<Message, Invalid> {
    let Value::Object(mut object) = value else {
        let reason = if value.is_array() {
            "batches are not part of the Language Server Protocol".to_string()
        } else {
            "a message must be a JSON object".to_string()
        };
        return Err(Invalid::Request {
            id: Value::Null,
            reason,
        });
    };
    let raw_id = object.get("id").cloned();
    // The id to answer with: only a well-formed one is echoed back.
    let reply_id = match &raw_id {
        Some(id @ (Value::String(_) | Value::Number(_))) => id.clone(),
        _ => Value::Null,
    };
    let invalid = |reason: &str| Invalid::Request {
        id: reply_id.clone(),
        reason: reason.to_string(),
    };
    if object.get("jsonrpc") != Some(&Value::String("2.0".into())) {
        return Err(invalid("\"jsonrpc\" must be \"2.0\""));
    }
    let id = match raw_id {
        None => None,
        Some(id) => match serde_json::from_value::<RequestId>(id) {
            Ok(id) => Some(id),
            Err(_) => return Err(invalid("\"id\" must be a string or a 32-bit integer")),
        },
    };
    let params = object.remove("params").unwrap_or(Value::Null);
    match object.remove("method") {
        Some(Value::String(method)) => Ok(match id {
            Some(id) => Message::Request(lsp_server::Request { id, method, params }),
            None => Message::Notification(lsp_server::Notification { method, params }),
        }),
        Some(_) => Err(invalid("\"method\" must be a string")),
        None if id.is_some() && (object.contains_key("result") || object.contains_key("error")) => {
            serde_json::from_value::<lsp_server::Response>(Value::Object(object))
                .map(Message::Response)
                .map_err(|e| Invalid::Response(e.to_string()))
        }
        None => Err(invalid("no \"method\"")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Result<String, String>> {
        let mut reader = input;
        let mut out = Vec::new();
        loop {
            match read_frame(&mut reader).unwrap() {
                Frame::Eof => return out,
                Frame::BadHeader(p) => out.push(Err(p)),
                Frame::Body {
                    body,
                    header_problem,
                } => {
                    if let Some(p) = header_problem {
                        out.push(Err(p));
                    }
                    out.push(Ok(String::from_utf8(body).unwrap()));
                }
            }
        }
    }

    #[test]
    fn frames_with_crlf_lf_extra_headers_and_blank_lines() {
        let input = b"Content-Length: 2\r\n\r\n{}\r\n\ncontent-length:3\nContent-Type: x\n\n[1]";
        assert_eq!(frames(input), vec![Ok("{}".into()), Ok("[1]".into())]);
    }

    #[test]
    fn garbage_headers_are_reported_and_the_next_message_is_found() {
        // A body without a header runs into the next header on its line.
        let input = b"Content-Lenght: 2\r\n\r\n{}Content-Length: 2\r\n\r\n[]Content-Length: x\r\n\r\nContent-Length: 1\r\n\r\n1";
        let got = frames(input);
        assert!(
            matches!(&got[0], Err(p) if p.contains("no Content-Length") || p.contains("unexpected")),
            "{got:?}"
        );
        assert!(matches!(&got[1], Err(p) if p.contains("{}")), "{got:?}");
        assert_eq!(got[2], Ok("[]".into()));
        assert!(
            matches!(&got[3], Err(p) if p.contains("not a length")),
            "{got:?}"
        );
        assert_eq!(got[4], Ok("1".into()));
        assert_eq!(got.len(), 5);
    }

    #[test]
    fn truncated_input_ends_cleanly() {
        assert!(frames(b"Content-Length: 10\r\n\r\n{\"a\"").is_empty());
        assert!(frames(b"Content-Len").is_empty());
        assert!(frames(b"").is_empty());
    }

    #[test]
    fn oversized_bodies_are_refused_without_waiting_for_them() {
        let input = b"Content-Length: 99999999999999\r\n\r\n{\"a\": 1}Content-Length: 2\r\n\r\n{}";
        let got = frames(input);
        assert!(
            matches!(&got[0], Err(p) if p.contains("larger than")),
            "{got:?}"
        );
        assert!(
            matches!(&got[1], Err(p) if p.contains("unexpected")),
            "{got:?}"
        );
        assert_eq!(got[2], Ok("{}".into()));
    }

    #[test]
    fn overlong_header_lines_and_bodies_are_skipped() {
        let mut input = vec![b'x'; MAX_HEADER_LINE * 3];
        input.extend_from_slice(b"\r\n\r\nContent-Length: 2\r\n\r\n{}");
        let got = frames(&input);
        assert!(
            matches!(&got[0], Err(p) if p.contains("longer than")),
            "{got:?}"
        );
        assert_eq!(got[1], Ok("{}".into()));
    }

    #[test]
    fn classification_follows_json_rpc() {
        let ok = |v: Value| classify(v).ok().unwrap();
        let bad = |v: Value| match classify(v) {
            Err(Invalid::Request { id, .. }) => id,
            _ => panic!("expected InvalidRequest"),
        };
        assert!(
            matches!(ok(json!({"jsonrpc": "2.0", "id": 1, "method": "m"})), Message::Request(r) if r.params.is_null())
        );
        assert!(matches!(
            ok(json!({"jsonrpc": "2.0", "method": "m", "params": {}})),
            Message::Notification(_)
        ));
        assert!(matches!(
            ok(json!({"jsonrpc": "2.0", "id": "a", "result": null})),
            Message::Response(_)
        ));
        assert_eq!(bad(json!([1])), Value::Null);
        assert_eq!(bad(json!("x")), Value::Null);
        assert_eq!(bad(json!({"jsonrpc": "2.0", "id": 3})), json!(3));
        assert_eq!(
            bad(json!({"jsonrpc": "2.0", "id": 3, "method": 7})),
            json!(3)
        );
        assert_eq!(bad(json!({"id": 4, "method": "m"})), json!(4));
        assert_eq!(
            bad(json!({"jsonrpc": "2.0", "id": 1.5, "method": "m"})),
            json!(1.5)
        );
        assert_eq!(
            bad(json!({"jsonrpc": "2.0", "id": {}, "method": "m"})),
            Value::Null
        );
        assert_eq!(
            bad(json!({"jsonrpc": "2.0", "id": 1e12, "method": "m"})),
            json!(1e12)
        );
    }
}
