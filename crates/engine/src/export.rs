//! A run's log in files: JSON (versioned; exact, and what the page imports again), CSV (one row
//! per event, with a header, for spreadsheets) and the timeline as a self-contained SVG.
//!
//! Import checks everything a log must satisfy before the views see it — the version, every task
//! index, every time finite and in range, sizes bounded — so a bad file is a message, never a
//! panic or a wrong picture.

use crate::event::{EventKind, EventLog, Lane, TaskId};
use crate::metrics::SegmentKind;
use crate::scenario::{MAX_NAME_CHARS, MAX_STEPS, MAX_TASKS};
use crate::timeline::{bars, tick_label, ticks, Scale, Tracker};
use serde::{Deserialize, Serialize};

/// What a log file's `format` field says.
pub const LOG_FORMAT: &str = "async-playground-log";
/// The version of the log file this module writes for a log of work and wait steps only.
pub const LOG_VERSION: u32 = 1;
/// The version of a log with resources or the events about them, tasks and cancellation causes.
pub const LOG_VERSION_SYNC: u32 = 2;
/// Most events an imported log may hold.
pub const MAX_IMPORT_EVENTS: usize = 2_000_000;
/// Latest event time accepted, ms (a day: far past any run the page allows).
pub const MAX_EVENT_MS: f64 = 86_400_000.0;
/// Most workers a log may name.
pub const MAX_LOG_WORKERS: u32 = 1024;
/// Longest failure reason accepted, in characters.
pub const MAX_REASON_CHARS: usize = 500;
/// Task rows drawn in an exported SVG; later tasks are counted in a note.
pub const MAX_SVG_ROWS: usize = 500;

/// A log file: the log and how the run was made.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogFile {
    /// Always [`LOG_FORMAT`].
    pub format: String,
    /// The file's version ([`LOG_VERSION`] when written here).
    pub version: u32,
    /// The run mode's name (`sequential`, `concurrent`, `parallel`), if known.
    #[serde(default)]
    pub mode: Option<String>,
    /// Workers of a parallel run.
    #[serde(default)]
    pub workers: Option<u32>,
    /// The log itself.
    pub log: EventLog,
}

impl LogFile {
    /// A file for `log`, made in `mode` on `workers` workers.
    pub fn new(log: EventLog, mode: Option<&str>, workers: Option<u32>) -> Self {
        let version = if log.is_classic() { LOG_VERSION } else { LOG_VERSION_SYNC };
        Self { format: LOG_FORMAT.into(), version, mode: mode.map(str::to_string), workers, log }
    }

    /// The file's JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads and checks a log file; the error says what is wrong and where.
    pub fn from_json(text: &str) -> Result<LogFile, String> {
        // Look at the envelope first, so a file from a newer version says so rather than failing
        // on a field this version does not know.
        #[derive(Deserialize)]
        struct Head {
            format: Option<String>,
            version: Option<u32>,
        }
        let head: Head =
            serde_json::from_str(text).map_err(|e| format!("it is not a JSON log file ({e})"))?;
        if head.format.as_deref() != Some(LOG_FORMAT) {
            return Err(format!(
                "it is not an Async Playground log (its \"format\" is not \"{LOG_FORMAT}\")"
            ));
        }
        match head.version {
            Some(v) if v > LOG_VERSION_SYNC => {
                return Err(format!(
                "it was written by a newer version (log version {v}; this page reads up to {LOG_VERSION_SYNC})"
            ))
            }
            Some(0) | None => return Err("it has no valid \"version\"".into()),
            _ => {}
        }
        let file: LogFile =
            serde_json::from_str(text).map_err(|e| format!("its contents are damaged ({e})"))?;
        validate_log(&file.log)?;
        if let Some(m) = &file.mode {
            if crate::permalink::RunMode::from_key(m).is_none() {
                return Err(format!("mode: {m:?} is not one of sequential, concurrent, parallel"));
            }
        }
        if let Some(w) = file.workers {
            if w == 0 || w > MAX_LOG_WORKERS {
                return Err(format!("workers: must be from 1 to {MAX_LOG_WORKERS}"));
            }
        }
        Ok(file)
    }
}

/// Checks that a log is one the views can show: sizes within the page's limits, every event's
/// task known, times finite and from 0 to [`MAX_EVENT_MS`], steps within their task.
pub fn validate_log(log: &EventLog) -> Result<(), String> {
    let n = log.task_names.len();
    if n == 0 {
        return Err("task_names: the log has no tasks".into());
    }
    if n > MAX_TASKS {
        return Err(format!("task_names: {n} tasks; at most {MAX_TASKS} allowed"));
    }
    if log.task_steps.len() != n {
        return Err(format!("task_steps: {} entries for {n} tasks", log.task_steps.len()));
    }
    if let Some(i) =
        log.task_names.iter().position(|s| s.trim().is_empty() || s.chars().count() > MAX_NAME_CHARS)
    {
        return Err(format!("task_names: task {} needs a name of 1 to {MAX_NAME_CHARS} characters", i + 1));
    }
    if let Some(i) = log.task_steps.iter().position(|s| *s as usize > MAX_STEPS) {
        return Err(format!("task_steps: task {} has more than {MAX_STEPS} steps", i + 1));
    }
    if log.resources.len() > crate::sync::MAX_RESOURCES {
        return Err(format!("resources: at most {} allowed", crate::sync::MAX_RESOURCES));
    }
    for (i, r) in log.resources.iter().enumerate() {
        let bad_name =
            r.name.trim().is_empty() || r.name.chars().count() > crate::sync::MAX_RESOURCE_NAME_CHARS;
        let bad_lock = matches!(r.kind, crate::sync::ResourceKind::Condition { lock } if lock as usize >= log.resources.len());
        if bad_name || bad_lock {
            return Err(format!("resources: resource {} is not one the page can show", i + 1));
        }
    }
    if log.events.len() > MAX_IMPORT_EVENTS {
        return Err(format!("events: {} events; at most {MAX_IMPORT_EVENTS} allowed", log.events.len()));
    }
    let time_ok = |t: f64| t.is_finite() && (0.0..=MAX_EVENT_MS).contains(&t);
    for (k, e) in log.events.iter().enumerate() {
        let at = |what: String| Err(format!("event {}: {what}", k + 1));
        let task = e.task.0 as usize;
        if task >= n {
            return at(format!("task {} is not one of the log's {n} tasks", task + 1));
        }
        if !time_ok(e.t_ms) {
            return at(format!("time must be a number from 0 to {MAX_EVENT_MS} ms"));
        }
        if let Lane::Worker(w) = e.lane {
            if w >= MAX_LOG_WORKERS {
                return at(format!("worker must be from 1 to {MAX_LOG_WORKERS}"));
            }
        }
        let steps = log.task_steps[task];
        let step_ok = |s: Option<u32>| s.is_none_or(|s| s < steps);
        match &e.kind {
            EventKind::StepStarted { step, of, .. } if *of != steps || *step >= steps => {
                return at(format!("step {} of {of} does not fit its task's {steps} steps", step + 1));
            }
            EventKind::Awaiting { step, until_ms } => {
                if !step_ok(*step) {
                    return at(format!("step is past its task's {steps} steps"));
                }
                if !time_ok(*until_ms) {
                    return at(format!("timer due time must be a number from 0 to {MAX_EVENT_MS} ms"));
                }
            }
            EventKind::Resumed { step } | EventKind::Cancelled { step } if !step_ok(*step) => {
                return at(format!("step is past its task's {steps} steps"));
            }
            EventKind::Failed { reason } | EventKind::Raised { error: reason, .. }
                if reason.chars().count() > MAX_REASON_CHARS =>
            {
                return at(format!("failure reason longer than {MAX_REASON_CHARS} characters"));
            }
            EventKind::Requested { step, .. } | EventKind::Joining { step, .. } if *step >= steps => {
                return at(format!("step is past its task's {steps} steps"));
            }
            EventKind::Cancelling { step, .. } if !step_ok(*step) => {
                return at(format!("step is past its task's {steps} steps"));
            }
            EventKind::TimedOut { after_ms, block } if !time_ok(*after_ms) || *block >= steps => {
                return at("timeout block or time out of range".to_string());
            }
            EventKind::Granted { waited_ms, .. } if !time_ok(*waited_ms) => {
                return at(format!("wait must be a number from 0 to {MAX_EVENT_MS} ms"));
            }
            _ => {}
        }
        if let Some(r) = e.kind.resource() {
            if r as usize >= log.resources.len() {
                return at(format!(
                    "resource {} is not one of the log's {} resources",
                    r + 1,
                    log.resources.len()
                ));
            }
        }
        if let Some(t) = e.kind.other_tasks().iter().find(|t| t.0 as usize >= n) {
            return at(format!("task {} is not one of the log's {n} tasks", t.0 + 1));
        }
        if let EventKind::Blocked { holders: v, .. } | EventKind::Signalled { woke: v, .. } = &e.kind {
            if v.len() > n {
                return at("names more tasks than the log has".to_string());
            }
        }
    }
    Ok(())
}

/// The CSV header row.
pub const CSV_HEADER: &str = "t_ms,task_no,task,lane,event,step,of,work,until_ms,reason";

/// One CSV field: quoted when it holds a comma, quote, line break or edge space; a text starting
/// with `= + - @` (or a tab or carriage return) gets a leading `'` so a spreadsheet shows it as
/// text instead of running it as a formula.
pub fn csv_field(text: &str, out: &mut String) {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote =
        formula || text.contains([',', '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ');
    if quote {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    for c in text.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

/// The event-specific columns of a CSV row.
struct KindCols<'a> {
    event: &'static str,
    step: Option<u32>,
    of: Option<u32>,
    work: Option<bool>,
    until_ms: Option<f64>,
    reason: &'a str,
}

fn kind_cols(k: &EventKind) -> KindCols<'_> {
    let cols =
        |event, step: Option<u32>| KindCols { event, step, of: None, work: None, until_ms: None, reason: "" };
    match k {
        EventKind::Spawned => cols("spawned", None),
        EventKind::StepStarted { step, of, work } => {
            KindCols { of: Some(*of), work: Some(*work), ..cols("step_started", Some(step + 1)) }
        }
        EventKind::Awaiting { step, until_ms } => {
            KindCols { until_ms: Some(*until_ms), ..cols("awaiting", step.map(|s| s + 1)) }
        }
        EventKind::Resumed { step } => cols("resumed", step.map(|s| s + 1)),
        EventKind::Finished => cols("finished", None),
        EventKind::Failed { reason } => KindCols { reason: reason.as_str(), ..cols("failed", None) },
        EventKind::Cancelled { step } => cols("cancelled", step.map(|s| s + 1)),
        EventKind::Requested { step, .. } => cols("requested", Some(step + 1)),
        EventKind::Blocked { .. } => cols("blocked", None),
        EventKind::Granted { .. } => cols("granted", None),
        EventKind::Signalled { .. } => cols("signalled", None),
        EventKind::Raised { error, .. } => KindCols { reason: error.as_str(), ..cols("raised", None) },
        EventKind::SpawnedChild { .. } => cols("spawned_child", None),
        EventKind::Joining { step, .. } => cols("joining", Some(step + 1)),
        EventKind::Joined { .. } => cols("joined", None),
        EventKind::CancelSent { .. } => cols("cancel_sent", None),
        EventKind::Cancelling { step, .. } => cols("cancelling", step.map(|s| s + 1)),
        EventKind::TimedOut { block, .. } => cols("timed_out", Some(block + 1)),
    }
}

/// The extra CSV columns of a log with resources or task events.
pub const CSV_SYNC_COLUMNS: &str = ",resource,op,other_tasks,value,description";

fn sync_cols(log: &EventLog, kind: &EventKind, out: &mut String) {
    let resource = kind.resource().and_then(|r| log.resources.get(r as usize)).map(|r| r.name.as_str());
    let op = match kind {
        EventKind::Requested { op, .. }
        | EventKind::Blocked { op, .. }
        | EventKind::Granted { op, .. }
        | EventKind::Signalled { op, .. }
        | EventKind::Raised { op, .. } => format!("{op:?}").to_lowercase(),
        _ => String::new(),
    };
    let others: Vec<String> = kind.other_tasks().iter().map(|t| log.name(*t)).collect();
    let value = match kind {
        EventKind::Granted { value: Some(v), .. } => v.to_string(),
        EventKind::Granted { waited_ms, .. } if *waited_ms > 0.0 => String::new(),
        EventKind::TimedOut { after_ms, .. } => after_ms.to_string(),
        _ => String::new(),
    };
    out.push(',');
    csv_field(resource.unwrap_or(""), out);
    out.push_str(&format!(",{op},"));
    csv_field(&others.join(" "), out);
    out.push_str(&format!(",{value},"));
}

/// The log as CSV: the header, then one row per event. Times keep full precision; `step` is
/// 1-based and empty for a start delay; `task_no` is 1-based.
pub fn to_csv(log: &EventLog) -> String {
    let mut out = String::with_capacity(64 + log.events.len() * 48);
    let sync = !log.is_classic();
    out.push_str(CSV_HEADER);
    if sync {
        out.push_str(CSV_SYNC_COLUMNS);
    }
    out.push_str("\r\n");
    let opt = |x: Option<String>| x.unwrap_or_default();
    for e in &log.events {
        let KindCols { event, step, of, work, until_ms: until, reason } = kind_cols(&e.kind);
        out.push_str(&format!("{},{},", e.t_ms, e.task.0 + 1));
        csv_field(&log.name(e.task), &mut out);
        let lane = match e.lane {
            Lane::EventLoop => "event loop".to_string(),
            Lane::Worker(k) => format!("worker {}", k + 1),
        };
        out.push_str(&format!(
            ",{lane},{event},{},{},{},{},",
            opt(step.map(|s| s.to_string())),
            opt(of.map(|s| s.to_string())),
            opt(work.map(|w| w.to_string())),
            opt(until.map(|u| u.to_string())),
        ));
        csv_field(reason, &mut out);
        if sync {
            sync_cols(log, &e.kind, &mut out);
            let description = if e.kind.is_classic() { String::new() } else { log.describe(e) };
            csv_field(&description, &mut out);
        }
        out.push_str("\r\n");
    }
    out
}

/// Reads CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF) into rows of fields.
/// Used to check [`to_csv`]'s output; errors name the line.
pub fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut rows = Vec::new();
    let (mut row, mut field) = (Vec::new(), String::new());
    let (mut quoted, mut line) = (false, 1usize);
    let mut it = text.chars().peekable();
    let mut at_field_start = true;
    while let Some(c) = it.next() {
        if quoted {
            match c {
                '"' if it.peek() == Some(&'"') => {
                    it.next();
                    field.push('"');
                }
                '"' => {
                    quoted = false;
                    if !matches!(it.peek(), None | Some(',' | '\r' | '\n')) {
                        return Err(format!("line {line}: text after a closing quote"));
                    }
                }
                c => {
                    if c == '\n' {
                        line += 1;
                    }
                    field.push(c);
                }
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
            }
            '"' => return Err(format!("line {line}: a quote inside an unquoted field")),
            ',' => {
                row.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' if it.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
                at_field_start = true;
                line += 1;
            }
            c => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if quoted {
        return Err(format!("line {line}: a quoted field is not closed"));
    }
    if !at_field_start || !row.is_empty() || !field.is_empty() {
        row.push(field);
        rows.push(row);
    }
    Ok(rows)
}

fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The colours of the page's light theme, so the file looks the same anywhere.
const SVG_STYLE: &str = "text{font:11px system-ui,sans-serif;fill:#0f172a}.muted{fill:#64748b}.strong{font-weight:700}\
.grid{stroke:#e2e8f0;stroke-width:1}.lane-bg{fill:#f1f5f9}.k-await{fill:#cbd5e1}.k-ready{fill:#f59e0b}\
.t0{fill:#2563eb}.t1{fill:#d97706}.t2{fill:#059669}.t3{fill:#db2777}.t4{fill:#7c3aed}.t5{fill:#0891b2}.t6{fill:#65a30d}.t7{fill:#dc2626}";

/// The timeline of a whole log as a standalone SVG document, `width_px` wide: the time axis, a
/// lane per thread showing which task holds it, and a swimlane per task (running in the task's
/// colour, awaiting grey, ready-but-waiting amber), with a legend. Styles are inside the file.
pub fn timeline_svg(log: &EventLog, title: &str, width_px: f64) -> String {
    const ROW: f64 = 18.0;
    const LABEL: f64 = 130.0;
    const AXIS: f64 = 22.0;
    let width = width_px.clamp(300.0, 10_000.0);
    let plot = width - LABEL - 10.0;
    let mut tr = Tracker::new(log.task_names.len());
    tr.feed(&log.events);
    let end = log.events.iter().map(|e| e.t_ms).filter(|t| t.is_finite()).fold(0.0, f64::max).max(1.0);
    let scale = Scale::new(0.0, end, plot);
    let mut lanes = tr.lanes();
    if lanes.is_empty() {
        lanes.push(Lane::EventLoop);
    }
    let rows = log.task_names.len().min(MAX_SVG_ROWS);
    let top = 28.0;
    let lanes_y = top + AXIS;
    let tasks_y = lanes_y + lanes.len() as f64 * ROW + 8.0;
    let legend_y = tasks_y + rows as f64 * ROW + 16.0;
    let height = legend_y + 24.0;
    let mut s = String::with_capacity(4096);
    s.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" role=\"img\">\n<title>{}</title>\n<style>{SVG_STYLE}</style>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n",
        xml_escape(title)
    ));
    s.push_str(&format!("<text class=\"strong\" x=\"4\" y=\"16\">{}</text>\n", xml_escape(title)));
    for t in ticks(0.0, end, ((plot / 110.0) as usize).clamp(2, 12)) {
        let x = LABEL + scale.x(t);
        s.push_str(&format!(
            "<line class=\"grid\" x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{lanes_y:.1}\" y2=\"{:.1}\"/><text class=\"muted\" x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>\n",
            legend_y - 10.0,
            top + 14.0,
            tick_label(t)
        ));
    }
    let rect = |s: &mut String, class: String, x: f64, w: f64, y: f64| {
        s.push_str(&format!(
            "<rect class=\"{class}\" x=\"{:.2}\" y=\"{:.1}\" width=\"{:.2}\" height=\"{:.1}\"/>\n",
            LABEL + x,
            y + 3.0,
            w.max(0.5),
            ROW - 6.0
        ));
    };
    for (k, lane) in lanes.iter().enumerate() {
        let y = lanes_y + k as f64 * ROW;
        let name = match lane {
            Lane::EventLoop => "main thread".to_string(),
            Lane::Worker(w) => format!("worker {}", w + 1),
        };
        s.push_str(&format!(
            "<text class=\"strong\" x=\"4\" y=\"{:.1}\">{name}</text><rect class=\"lane-bg\" x=\"{LABEL}\" y=\"{:.1}\" width=\"{plot:.1}\" height=\"{:.1}\"/>\n",
            y + ROW - 5.0,
            y + 2.0,
            ROW - 4.0
        ));
        for b in bars(tr.closed_holders(*lane), &scale, 1.0) {
            rect(&mut s, format!("t{}", b.task.0 % 8), b.x, b.w, y);
        }
    }
    for i in 0..rows {
        let y = tasks_y + i as f64 * ROW;
        let name: String = log.name(TaskId(i as u32)).chars().take(18).collect();
        s.push_str(&format!("<text x=\"4\" y=\"{:.1}\">{}</text>\n", y + ROW - 5.0, xml_escape(&name)));
        for b in bars(&tr.task_segments(TaskId(i as u32), end), &scale, 1.0) {
            let class = match b.kind {
                SegmentKind::Running => format!("t{}", b.task.0 % 8),
                SegmentKind::Awaiting => "k-await".into(),
                SegmentKind::ReadyWaiting => "k-ready".into(),
            };
            rect(&mut s, class, b.x, b.w, y);
        }
    }
    let more = log.task_names.len().saturating_sub(rows);
    let note = if more > 0 { format!(" · {more} more tasks not drawn") } else { String::new() };
    s.push_str(&format!(
        "<rect class=\"t0\" x=\"4\" y=\"{:.1}\" width=\"12\" height=\"10\"/><text x=\"20\" y=\"{:.1}\">running (holds the thread)</text>\
<rect class=\"k-await\" x=\"190\" y=\"{0:.1}\" width=\"12\" height=\"10\"/><text x=\"206\" y=\"{1:.1}\">awaiting a timer</text>\
<rect class=\"k-ready\" x=\"320\" y=\"{0:.1}\" width=\"12\" height=\"10\"/><text x=\"336\" y=\"{1:.1}\">ready but waiting for the thread{}</text>\n</svg>\n",
        legend_y,
        legend_y + 9.0,
        xml_escape(&note)
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A log with every kind of event, worker lanes, fractional times and awkward names.
    fn sample() -> EventLog {
        let mut l = EventLog::new(
            vec!["a, \"quoted\" name".into(), "=SUM(A1)".into(), " edge ".into()],
            vec![2, 1, 0],
        );
        l.push(0.0, TaskId(0), Lane::EventLoop, EventKind::Spawned);
        l.push(0.125, TaskId(1), Lane::Worker(1), EventKind::Spawned);
        l.push(0.1 + 0.2, TaskId(0), Lane::EventLoop, EventKind::StepStarted { step: 0, of: 2, work: true });
        l.push(
            3.3333333333333335,
            TaskId(0),
            Lane::EventLoop,
            EventKind::Awaiting { step: Some(1), until_ms: 53.000001 },
        );
        l.push(4.0, TaskId(1), Lane::Worker(1), EventKind::Awaiting { step: None, until_ms: 5.0 });
        l.push(5.5, TaskId(1), Lane::Worker(1), EventKind::Resumed { step: None });
        l.push(60.0, TaskId(0), Lane::EventLoop, EventKind::Resumed { step: Some(1) });
        l.push(61.0, TaskId(0), Lane::EventLoop, EventKind::Finished);
        l.push(62.0, TaskId(1), Lane::Worker(1), EventKind::Failed { reason: "boom,\nline two".into() });
        l.push(63.0, TaskId(2), Lane::EventLoop, EventKind::Cancelled { step: None });
        l
    }

    #[test]
    fn json_round_trips_exactly() {
        let f = LogFile::new(sample(), Some("parallel"), Some(2));
        let back = LogFile::from_json(&f.to_json()).unwrap();
        assert_eq!(back, f);
        assert_eq!(back.log.events[3].t_ms.to_bits(), 3.3333333333333335f64.to_bits());
    }

    /// Guards the exact reading of times (`event::exact_f64`): serde_json's quick float parser
    /// reads these one unit in the last place off.
    #[test]
    fn times_a_quick_float_parser_gets_wrong_read_back_bit_for_bit() {
        let times = [1700.8485913203785, 50846.024216233964, 1835.3989820132122];
        let mut log = sample();
        for (e, t) in log.events.iter_mut().zip(times) {
            e.t_ms = t;
        }
        log.events[0].kind = EventKind::Awaiting { step: None, until_ms: times[0] };
        log.events.sort_by(|a, b| a.t_ms.total_cmp(&b.t_ms));
        let f = LogFile::new(log, None, None);
        let back = LogFile::from_json(&f.to_json()).unwrap();
        assert_eq!(back, f);
        for (a, b) in back.log.events.iter().zip(&f.log.events) {
            assert_eq!(a.t_ms.to_bits(), b.t_ms.to_bits());
        }
    }

    #[test]
    fn bad_json_files_say_what_is_wrong() {
        let good = LogFile::new(sample(), None, None).to_json();
        let err = |t: &str| LogFile::from_json(t).unwrap_err();
        assert!(err("").contains("not a JSON log file"));
        assert!(err("[1,2]").contains("not a JSON log file"));
        assert!(err("{\"format\":\"x\",\"version\":1}").contains("not an Async Playground log"));
        assert!(err(&good.replace("\"version\":1", "\"version\":7")).contains("newer version (log version 7"));
        assert!(err(&good.replace(
            "\"events\":[",
            "\"events\":[{\"t_ms\":1.0,\"task\":9,\"lane\":\"EventLoop\",\"kind\":\"Spawned\"},"
        ))
        .starts_with("event 1: task 10 is not one of the log's 3 tasks"));
        assert!(err(&good.replace("\"t_ms\":0.0", "\"t_ms\":-1.0")).starts_with("event 1: time must be"));
        assert!(
            err(&good.replace("\"task_steps\":[2,1,0]", "\"task_steps\":[2,1]")).starts_with("task_steps")
        );
        assert!(err(&good.replace("\"of\":2", "\"of\":5")).contains("does not fit"));
        assert!(err(&good.replace("{\"Worker\":1}", "{\"Worker\":5000}")).contains("worker must be"));
        assert!(err(&good.replace("\"Finished\"", "\"Exploded\"")).contains("damaged"));
        let mut f = LogFile::new(sample(), Some("warp"), None);
        assert!(err(&f.to_json()).starts_with("mode:"));
        f.mode = None;
        f.workers = Some(0);
        assert!(err(&f.to_json()).starts_with("workers:"));
    }

    /// Guards "a bad file never panics the page": random damage to a real file and random
    /// text only ever give an error or a log that passes validation and round-trips.
    #[test]
    fn random_and_damaged_files_never_panic() {
        let mut rng = crate::permalink::tests::XorShift(0x1234_5678_9ABC_DEF1);
        let good = LogFile::new(sample(), Some("concurrent"), None).to_json().into_bytes();
        for _ in 0..5_000 {
            let mut b = good.clone();
            for _ in 0..1 + rng.next() % 3 {
                let i = (rng.next() % b.len() as u64) as usize;
                let alphabet = b"0123456789-.,:{}[]\"eE aZ";
                b[i] = alphabet[(rng.next() % alphabet.len() as u64) as usize];
            }
            let text = String::from_utf8_lossy(&b);
            if let Ok(f) = LogFile::from_json(&text) {
                validate_log(&f.log).unwrap();
                assert_eq!(LogFile::from_json(&f.to_json()).unwrap(), f);
                let _ = timeline_svg(&f.log, "x", 800.0);
                let _ = to_csv(&f.log);
            }
            let _ = parse_csv(&text);
        }
    }

    #[test]
    fn csv_has_a_header_quotes_names_and_round_trips() {
        let log = sample();
        let csv = to_csv(&log);
        let rows = parse_csv(&csv).unwrap();
        assert_eq!(rows[0].join(","), CSV_HEADER);
        assert_eq!(rows.len(), 1 + log.events.len());
        assert!(rows.iter().all(|r| r.len() == 10), "{rows:?}");
        for (row, e) in rows[1..].iter().zip(&log.events) {
            assert_eq!(row[0].parse::<f64>().unwrap().to_bits(), e.t_ms.to_bits());
            assert_eq!(row[1], (e.task.0 + 1).to_string());
        }
        assert_eq!(rows[1][2], "a, \"quoted\" name");
        // A formula-like name is shown as text, not run by a spreadsheet.
        assert_eq!(rows[2][2], "'=SUM(A1)");
        assert_eq!(rows[2][3], "worker 2");
        assert_eq!(rows[10][2], " edge ");
        assert_eq!(&rows[3][4..9], ["step_started", "1", "2", "true", ""]);
        assert_eq!(rows[4][5], "2");
        assert_eq!(rows[4][8], "53.000001");
        assert_eq!(rows[9][9], "boom,\nline two");
        assert!(csv.contains("\"a, \"\"quoted\"\" name\""));
        assert!(parse_csv("a,\"b").is_err());
        assert!(parse_csv("a,b\"c").is_err());
    }

    #[test]
    fn the_svg_stands_alone_and_escapes_names() {
        let mut log = sample();
        log.task_names[2] = "<script>alert(1)</script>".into();
        let svg = timeline_svg(&log, "Run & <test>", 900.0);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains("<style>") && svg.contains(".k-ready{fill:#f59e0b}"));
        assert!(!svg.contains("<script"), "names are escaped");
        assert!(svg.contains(">&lt;script&gt;alert(1)&lt;/<"));
        assert!(svg.contains("<title>Run &amp; &lt;test&gt;</title>"));
        assert!(svg.contains(">main thread<") && svg.contains(">worker 2<"));
        assert!(svg.contains("class=\"k-await\"") && svg.contains("class=\"t0\""));
        assert_eq!(svg.matches("<svg").count(), svg.matches("</svg>").count());
        let many = EventLog::new(vec!["t".into(); MAX_SVG_ROWS + 3], vec![0; MAX_SVG_ROWS + 3]);
        assert!(timeline_svg(&many, "big", 800.0).contains("3 more tasks not drawn"));
    }
}
