//! The decisions of the "Why is it stuck?" page (`/stuck`): the scenarios it offers, the question
//! a reader answers before a run, the answer a log (predicted or observed) gives to it, and where
//! the wait-for graph's nodes and edges go.
//!
//! The graph itself, the deadlock detector and the step-and-rewind checkpoints are
//! [`crate::waitfor`]'s; the prediction is [`crate::model`]'s. This module only puts them in the
//! page's terms, so the components stay thin.

use crate::deadlock_presets;
use crate::event::{EventKind, EventLog, TaskId};
use crate::scenario::{Scenario, ScenarioDraft};
use crate::sync::Op;
use crate::sync_presets::{self, Claim, End};
use crate::waitfor::{Snapshot, TaskState};
use std::f64::consts::PI;

/// A scenario the page offers.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// Stable id: a preset's id.
    pub id: &'static str,
    /// Short title.
    pub title: &'static str,
    /// What happens (or what the tutorial claims), in our words.
    pub story: &'static str,
    /// Which group of the picker it is in.
    pub group: &'static str,
    /// The scenario's draft.
    pub draft: ScenarioDraft,
    /// The question asked before a run.
    pub question: Question,
}

impl Scene {
    /// The validated scenario (every preset is valid; a test checks it).
    pub fn scenario(&self) -> Scenario {
        self.draft.validate().unwrap_or_default()
    }
}

/// The picker's group of scenarios that never end.
pub const DEADLOCKS: &str = "Runs that get stuck";
/// The picker's group of the tutorial's examples.
pub const EXAMPLES: &str = "The tutorial's examples";

/// Every scenario the page offers: the deadlocks first, then the tutorial's examples.
pub fn scenes() -> Vec<Scene> {
    let stuck = deadlock_presets::all().into_iter().map(|p| Scene {
        id: p.id,
        title: p.title,
        story: p.story,
        group: DEADLOCKS,
        draft: p.draft,
        question: Question::Stuck,
    });
    let examples = sync_presets::all().into_iter().map(|p| {
        let question = question_for(&p.checks, &p.scenario());
        Scene { id: p.id, title: p.title, story: p.claim, group: EXAMPLES, draft: p.draft, question }
    });
    stuck.chain(examples).collect()
}

/// The scene with this id.
pub fn scene(id: &str) -> Option<Scene> {
    scenes().into_iter().find(|s| s.id == id)
}

/// The fragment of a link to a scene, and to a step of its run if `step` is given:
/// `scene=<id>` or `scene=<id>&step=<n>`.
pub fn link_fragment(scene: &str, step: Option<usize>) -> String {
    let link = format!("{SCENE_PREFIX}{scene}");
    match step {
        Some(n) => crate::waitfor::link_with_step(&link, n),
        None => link,
    }
}

const SCENE_PREFIX: &str = "scene=";

/// The scene and step a link's fragment names; `Err` says, for the reader, what is wrong with it.
pub fn parse_fragment(fragment: &str) -> Result<(Scene, Option<usize>), String> {
    let (link, step) = crate::waitfor::split_step(fragment);
    let id = link
        .strip_prefix(SCENE_PREFIX)
        .ok_or_else(|| format!("the link's “#{fragment}” names no scenario"))?;
    let scene = scene(id).ok_or_else(|| format!("this page has no scenario “{id}”"))?;
    Ok((scene, step?))
}

/// What the reader guesses before a run, answered by a log.
#[derive(Clone, Debug, PartialEq)]
pub enum Question {
    /// Does the run end on its own, or get stuck?
    Stuck,
    /// Where does this counter end, with `writers` tasks writing it?
    Counter {
        /// The counter's name.
        counter: &'static str,
        /// How many tasks write it.
        writers: usize,
    },
    /// How does this task end?
    TaskEnd {
        /// The task's name.
        task: &'static str,
    },
    /// Does `first` end before `then` takes its last item from a queue?
    Order {
        /// The task whose end is placed.
        first: &'static str,
        /// The consumer.
        then: &'static str,
    },
}

/// The question for a tutorial example: from its first claim that a log answers exactly (a
/// counter's value, how a task ends, an order); otherwise whether it ends.
fn question_for(checks: &[Claim], s: &Scenario) -> Question {
    checks
        .iter()
        .find_map(|c| match *c {
            Claim::CounterEnds { counter, .. } => {
                let writers =
                    s.tasks.iter().filter(|t| t.steps.iter().any(|st| writes(st, s, counter))).count();
                Some(Question::Counter { counter, writers })
            }
            Claim::Ends { task, .. } => Some(Question::TaskEnd { task }),
            Claim::EndsBeforeLastGet { first, then } | Claim::EndsAfterLastGet { first, then } => {
                Some(Question::Order { first, then })
            }
            _ => None,
        })
        .unwrap_or(Question::Stuck)
}

/// Whether `step` writes the counter named `counter`.
fn writes(step: &crate::scenario::Step, s: &Scenario, counter: &str) -> bool {
    matches!(step, crate::scenario::Step::Write { .. })
        && step.resource().and_then(|r| s.resources.get(r as usize)).is_some_and(|r| r.name == counter)
}

impl Question {
    /// The question, as the page asks it.
    pub fn prompt(&self) -> String {
        match self {
            Question::Stuck => "Will this run end on its own?".into(),
            Question::Counter { counter, writers } => {
                format!("{writers} tasks each add 1 to {counter}. What will {counter} read at the end?")
            }
            Question::TaskEnd { task } => format!("How will {task} end?"),
            Question::Order { first, then } => {
                format!("Does {first} end before or after {then} takes its last item?")
            }
        }
    }

    /// The choices offered, in order.
    pub fn choices(&self) -> Vec<String> {
        match self {
            Question::Stuck => vec!["It ends".into(), "It gets stuck for good".into()],
            Question::Counter { writers, .. } => {
                vec![
                    "1".into(),
                    format!("between 2 and {}", writers.saturating_sub(1).max(2)),
                    writers.to_string(),
                ]
            }
            Question::TaskEnd { .. } => {
                vec![
                    "It finishes".into(),
                    "It fails".into(),
                    "It is cancelled".into(),
                    "It never ends".into(),
                ]
            }
            Question::Order { .. } => vec!["Before".into(), "After".into()],
        }
    }

    /// The choice a log gives: `stuck` says the run never ended (a deadlock was found, or the
    /// model stalled). `None` if the log cannot say (it lacks the counter or the task).
    pub fn answer(&self, log: &EventLog, stuck: bool) -> Option<usize> {
        match self {
            Question::Stuck => Some(usize::from(stuck)),
            Question::Counter { counter, writers } => {
                let r = log.resources.iter().position(|x| x.name == *counter)?;
                let last = log.events.iter().rev().find_map(|e| match e.kind {
                    EventKind::Granted { res, op: Op::Write, value: Some(v), .. } if res as usize == r => {
                        Some(v)
                    }
                    _ => None,
                })?;
                Some(if last <= 1 {
                    0
                } else if last >= *writers as i64 {
                    2
                } else {
                    1
                })
            }
            Question::TaskEnd { task } => {
                let t = TaskId(log.task_names.iter().position(|n| n == task)? as u32);
                let end = log.of_task(t).find_map(|e| match e.kind {
                    EventKind::Finished => Some(End::Finished),
                    EventKind::Failed { .. } => Some(End::Failed),
                    EventKind::Cancelled { .. } => Some(End::Cancelled),
                    _ => None,
                });
                Some(match end {
                    Some(End::Finished) => 0,
                    Some(End::Failed) => 1,
                    Some(End::Cancelled) => 2,
                    None => 3,
                })
            }
            Question::Order { first, then } => {
                let a = TaskId(log.task_names.iter().position(|n| n == first)? as u32);
                let b = TaskId(log.task_names.iter().position(|n| n == then)? as u32);
                let end = log.events.iter().position(|e| e.task == a && e.kind.is_terminal())?;
                let get = log
                    .events
                    .iter()
                    .rposition(|e| e.task == b && matches!(e.kind, EventKind::Granted { op: Op::Get, .. }))?;
                Some(usize::from(end > get))
            }
        }
    }
}

/// A node of the drawn graph.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Centre, in the drawing's units.
    pub x: f64,
    /// Centre, in the drawing's units.
    pub y: f64,
    /// What it says.
    pub label: String,
    /// A task (by index) or a resource (by index).
    pub of: NodeOf,
    /// Its look: a task's state (`ready`, `running`, `sleeping`, `blocked`, `joining`, `done`,
    /// `failed`, `waiting-to-start`), or `resource`.
    pub state: &'static str,
    /// Whether it is on the deadlock's cycle (or stuck for good).
    pub stuck: bool,
}

/// What a node stands for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NodeOf {
    /// The task with this id.
    Task(TaskId),
    /// The resource with this index.
    Resource(u32),
}

/// An edge of the drawn graph, between nodes by index.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// The node it starts at.
    pub from: usize,
    /// The node it points to.
    pub to: usize,
    /// Its meaning.
    pub kind: EdgeKind,
    /// Whether it closes the deadlock's cycle.
    pub on_cycle: bool,
}

/// What an edge means.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum EdgeKind {
    /// A task waits for a resource.
    WaitsFor,
    /// A resource is held by a task.
    HeldBy,
    /// A task waits for another task's end.
    Joins,
}

/// The graph as drawn: nodes with places, and edges.
#[derive(Clone, Debug, PartialEq)]
pub struct Drawing {
    /// The drawing's side (it is square).
    pub size: f64,
    /// The nodes.
    pub nodes: Vec<Node>,
    /// The edges.
    pub edges: Vec<Edge>,
    /// Tasks left out to keep the drawing readable (the quietest ones).
    pub hidden_tasks: usize,
}

/// Most task nodes drawn; beyond it, the least telling tasks are left out (counted in
/// [`Drawing::hidden_tasks`]), and so are their edges.
pub const MAX_TASK_NODES: usize = 24;

/// The drawing's side.
pub const SIZE: f64 = 400.0;

/// A task state's look.
pub fn state_class(s: TaskState) -> &'static str {
    match s {
        TaskState::NotStarted => "waiting-to-start",
        TaskState::Ready => "ready",
        TaskState::Running => "running",
        TaskState::Sleeping { .. } => "sleeping",
        TaskState::Blocked { .. } => "blocked",
        TaskState::Joining { .. } => "joining",
        TaskState::Ended { failed: false } => "done",
        TaskState::Ended { failed: true } => "failed",
    }
}

/// Lays out the wait-for graph of `snap` for a run of `s`: tasks on an outer ring, resources on
/// an inner one; "waits for" edges from a blocked task to its resource (or to the task it joins),
/// "held by" edges from a resource to each holder. `stuck` names the tasks stuck for good and
/// `cycle` the deadlock's cycle (each waits for a lock the next holds), both empty if none.
pub fn draw(s: &Scenario, snap: &Snapshot, stuck: &[TaskId], cycle: &[TaskId]) -> Drawing {
    let n = snap.tasks.len().min(s.tasks.len());
    // Which tasks to draw, most telling first: the stuck ones, each resource's holders, the
    // joining and the joined, the waiters in the order they came, then the rest in order.
    let mut order: Vec<usize> = stuck.iter().map(|t| t.0 as usize).collect();
    order.extend(snap.resources.iter().flat_map(|r| r.holders.iter().map(|t| t.0 as usize)));
    for (i, st) in snap.tasks.iter().enumerate().take(n) {
        if let TaskState::Joining { other } = st {
            order.extend([i, other.0 as usize]);
        }
    }
    order.extend(snap.resources.iter().flat_map(|r| r.waiters.iter().map(|t| t.0 as usize)));
    order.extend(0..n);
    let mut taken = vec![false; n];
    let mut shown = Vec::new();
    for i in order {
        if shown.len() == MAX_TASK_NODES {
            break;
        }
        if i < n && !taken[i] {
            taken[i] = true;
            shown.push(i);
        }
    }
    shown.sort_unstable();
    let hidden_tasks = n - shown.len();

    let c = SIZE / 2.0;
    let ring = |k: usize, of: usize, r: f64, offset: f64| {
        let a = -PI / 2.0 + 2.0 * PI * (k as f64 + offset) / of.max(1) as f64;
        (c + r * a.cos(), c + r * a.sin())
    };
    let mut nodes = Vec::new();
    let mut task_node = vec![None; n];
    for (k, &i) in shown.iter().enumerate() {
        let (x, y) = ring(k, shown.len(), SIZE * 0.4, 0.0);
        let t = TaskId(i as u32);
        task_node[i] = Some(nodes.len());
        nodes.push(Node {
            x,
            y,
            label: s.tasks[i].name.clone(),
            of: NodeOf::Task(t),
            state: state_class(snap.tasks[i]),
            stuck: stuck.contains(&t),
        });
    }
    let mut res_node = Vec::new();
    let m = s.resources.len();
    let slot = resource_slots(s, &shown);
    for (j, r) in s.resources.iter().enumerate() {
        let (x, y) = if m == 1 {
            (c, c)
        } else {
            let a = slot[j];
            (c + SIZE * 0.17 * a.cos(), c + SIZE * 0.17 * a.sin())
        };
        res_node.push(nodes.len());
        nodes.push(Node {
            x,
            y,
            label: format!("{} {}", r.kind.noun(), r.name),
            of: NodeOf::Resource(j as u32),
            state: "resource",
            stuck: false,
        });
    }

    // The cycle's edges: each task waits for a resource (or task) the next one holds (or is).
    let next_on_cycle = |t: TaskId| -> Option<TaskId> {
        let p = cycle.iter().position(|x| *x == t)?;
        Some(cycle[(p + 1) % cycle.len()])
    };
    let mut edges = Vec::new();
    for (i, st) in snap.tasks.iter().enumerate().take(n) {
        let Some(from) = task_node[i] else { continue };
        let t = TaskId(i as u32);
        match *st {
            TaskState::Blocked { res, .. } => {
                let Some(&to) = res_node.get(res as usize) else { continue };
                let holders = snap.resources.get(res as usize).map_or(&[][..], |r| &r.holders[..]);
                let on_cycle = next_on_cycle(t).is_some_and(|nx| holders.contains(&nx));
                edges.push(Edge { from, to, kind: EdgeKind::WaitsFor, on_cycle });
            }
            TaskState::Joining { other } => {
                let Some(Some(to)) = task_node.get(other.0 as usize).copied() else { continue };
                let on_cycle = next_on_cycle(t) == Some(other);
                edges.push(Edge { from, to, kind: EdgeKind::Joins, on_cycle });
            }
            _ => {}
        }
    }
    for (j, r) in snap.resources.iter().enumerate() {
        let Some(&from) = res_node.get(j) else { continue };
        for h in &r.holders {
            let Some(Some(to)) = task_node.get(h.0 as usize).copied() else { continue };
            // On the cycle if a cycle task waits for this resource and `h` comes next.
            let on_cycle = cycle.iter().any(|w| {
                matches!(snap.tasks.get(w.0 as usize), Some(TaskState::Blocked { res, .. }) if *res as usize == j)
                    && next_on_cycle(*w) == Some(*h)
            });
            edges.push(Edge { from, to, kind: EdgeKind::HeldBy, on_cycle });
        }
    }
    Drawing { size: SIZE, nodes, edges, hidden_tasks }
}

/// Each resource's angle on the inner ring: the resources keep equal spacing, in the order of
/// where the drawn tasks that use them sit on the outer ring (so an edge runs from a task to a
/// resource near it, not across the drawing), turned to fit those places best. Read from the
/// scenario, not the run's state, so nothing moves while a run goes on.
fn resource_slots(s: &Scenario, shown: &[usize]) -> Vec<f64> {
    let m = s.resources.len();
    let tau = 2.0 * PI;
    let task_angle = |k: usize| -PI / 2.0 + tau * k as f64 / shown.len().max(1) as f64;
    // The circular mean of the angles of the drawn tasks whose steps name each resource.
    let mean: Vec<Option<f64>> = (0..m)
        .map(|j| {
            let (mut sx, mut sy, mut n) = (0.0, 0.0, 0);
            for (k, &i) in shown.iter().enumerate() {
                if s.tasks[i].steps.iter().any(|st| st.resource() == Some(j as u32)) {
                    sx += task_angle(k).cos();
                    sy += task_angle(k).sin();
                    n += 1;
                }
            }
            (n > 0 && (sx * sx + sy * sy) > 1e-12).then(|| sy.atan2(sx))
        })
        .collect();
    let mut order: Vec<usize> = (0..m).collect();
    let key = |j: usize| mean[j].map_or(f64::MAX, |a| (a + PI / 2.0).rem_euclid(tau));
    order.sort_by(|a, b| key(*a).total_cmp(&key(*b)).then(a.cmp(b)));
    // The turn that best fits the means: the circular mean of (mean − even slot).
    let (mut sx, mut sy) = (0.0, 0.0);
    for (k, &j) in order.iter().enumerate() {
        if let Some(a) = mean[j] {
            let d = a - tau * k as f64 / m as f64;
            sx += d.cos();
            sy += d.sin();
        }
    }
    let base = if sx * sx + sy * sy > 1e-12 { sy.atan2(sx) } else { -PI / 2.0 + PI / m as f64 };
    let mut out = vec![0.0; m];
    for (k, &j) in order.iter().enumerate() {
        out[j] = base + tau * k as f64 / m as f64;
    }
    out
}

/// The end of an edge drawn from `a` to `b`, stopped `gap` short of `b`'s centre (so its arrow
/// head shows beside the node, not under it).
pub fn edge_end(a: (f64, f64), b: (f64, f64), gap: f64) -> (f64, f64) {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt();
    if len <= gap {
        return b;
    }
    (b.0 - dx / len * gap, b.1 - dy / len * gap)
}

/// How a run on the page ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Every task ended.
    Ended {
        /// The run's wall time (ms).
        wall_ms: f64,
    },
    /// The detector found tasks stuck for good, and the page stopped the run there.
    Stuck {
        /// The index of the event after which it was found.
        at: usize,
        /// That event's time, ms after the start.
        t_ms: f64,
        /// Why, in one sentence (see [`crate::waitfor::Graph::explain`]).
        explanation: String,
        /// Whether the stuck tasks wait in a cycle (else: on something no live task can do).
        cycle: bool,
    },
    /// The reader stopped it.
    Stopped,
}

impl Outcome {
    /// The page's headline for it.
    pub fn headline(&self) -> String {
        match self {
            Outcome::Ended { wall_ms } => format!("The run ended on its own after {wall_ms:.0} ms."),
            Outcome::Stuck { at, t_ms, cycle, .. } => format!(
                "Stuck for good at {t_ms:.0} ms (event {}): {}. The page stopped the run there.",
                at + 1,
                if *cycle {
                    "a deadlock, tasks waiting in a cycle"
                } else {
                    "no task that can still run will wake the waiters"
                }
            ),
            Outcome::Stopped => "You stopped the run.".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::predict;
    use crate::waitfor::{detect, Scrubber};

    #[test]
    fn every_scene_is_valid_and_has_a_question_with_choices() {
        let all = scenes();
        assert_eq!(all.iter().filter(|s| s.group == DEADLOCKS).count(), deadlock_presets::all().len());
        assert_eq!(all.iter().filter(|s| s.group == EXAMPLES).count(), sync_presets::all().len());
        for s in &all {
            assert!(s.draft.validate().is_ok(), "{}", s.id);
            assert!(s.question.choices().len() >= 2, "{}", s.id);
            assert!(!s.question.prompt().is_empty());
        }
        let ids: std::collections::HashSet<_> = all.iter().map(|s| s.id).collect();
        assert_eq!(ids.len(), all.len(), "ids are unique");
    }

    #[test]
    fn the_model_answers_each_question_as_the_tutorial_claims() {
        // The race: 100 read-sleep-write tasks leave the counter at 1; under a lock, at 100.
        let race = scene("4_1-race").unwrap();
        assert!(matches!(race.question, Question::Counter { writers: 100, .. }), "{:?}", race.question);
        let p = predict(&race.scenario());
        assert_eq!(race.question.answer(&p.log, p.stalled), Some(0));
        let locked = scene("4_2-locked").unwrap();
        let p = predict(&locked.scenario());
        assert_eq!(locked.question.answer(&p.log, p.stalled), Some(2));
        // 5_5: "Done!" before the consumer's last item.
        let q = scene("5_5-queue").unwrap();
        assert!(matches!(q.question, Question::Order { .. }));
        let p = predict(&q.scenario());
        assert_eq!(q.question.answer(&p.log, p.stalled), Some(0), "{}", q.question.prompt());
        // Every deadlock: the model stalls and the answer is "stuck".
        for s in scenes().into_iter().filter(|s| s.group == DEADLOCKS) {
            let p = predict(&s.scenario());
            assert!(p.stalled, "{}", s.id);
            assert_eq!(s.question.answer(&p.log, p.stalled), Some(1), "{}", s.id);
        }
    }

    #[test]
    fn a_counter_answer_distinguishes_one_some_and_all() {
        let race = scene("4_1-race").unwrap();
        let mut log = predict(&race.scenario()).log;
        let r = log.resources.iter().position(|x| x.name == "counter").unwrap() as u32;
        let set = |log: &mut EventLog, v: i64| {
            let e = log
                .events
                .iter_mut()
                .rev()
                .find(|e| matches!(e.kind, EventKind::Granted { op: Op::Write, .. }))
                .unwrap();
            e.kind = EventKind::Granted { res: r, op: Op::Write, waited_ms: 0.0, value: Some(v) };
        };
        for (v, want) in [(1, 0), (37, 1), (100, 2)] {
            set(&mut log, v);
            assert_eq!(race.question.answer(&log, false), Some(want), "{v}");
        }
    }

    #[test]
    fn the_drawing_of_two_opposite_locks_closes_a_cycle_of_four_edges() {
        let s = scene("dl-opposite-locks").unwrap().scenario();
        let p = predict(&s);
        let d = detect(&s, &p.log).expect("a deadlock");
        assert_eq!(d.cycle.len(), 2);
        let snap = Scrubber::new(&s, &p.log, 8).at(d.at + 1).snapshot();
        let g = draw(&s, &snap, &d.tasks, &d.cycle);
        assert_eq!(g.nodes.len(), 4, "two tasks, two locks");
        assert!(g
            .nodes
            .iter()
            .filter(|n| matches!(n.of, NodeOf::Task(_)))
            .all(|n| n.state == "blocked" && n.stuck));
        let waits = g.edges.iter().filter(|e| e.kind == EdgeKind::WaitsFor).count();
        let held = g.edges.iter().filter(|e| e.kind == EdgeKind::HeldBy).count();
        assert_eq!((waits, held), (2, 2));
        assert!(g.edges.iter().all(|e| e.on_cycle), "{:?}", g.edges);
        // Every node lies inside the drawing.
        assert!(g.nodes.iter().all(|n| (0.0..=g.size).contains(&n.x) && (0.0..=g.size).contains(&n.y)));
    }

    #[test]
    fn each_fork_sits_nearer_its_two_philosophers_than_any_other_fork_does() {
        let s = scene("dl-philosophers").unwrap().scenario();
        let snap = crate::waitfor::Graph::new(&s).snapshot();
        let g = draw(&s, &snap, &[], &[]);
        let at = |label: &str| g.nodes.iter().find(|n| n.label == label).map(|n| (n.x, n.y)).unwrap();
        let dist = |a: (f64, f64), b: (f64, f64)| ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
        for i in 1..=deadlock_presets::PHILOSOPHERS {
            // fork i is used by P(i) and P(i-1).
            let prev = if i == 1 { deadlock_presets::PHILOSOPHERS } else { i - 1 };
            let (p, q) = (at(&format!("P{i}")), at(&format!("P{prev}")));
            let mine = dist(at(&format!("lock fork{i}")), p) + dist(at(&format!("lock fork{i}")), q);
            for j in (1..=deadlock_presets::PHILOSOPHERS).filter(|j| *j != i) {
                let other = dist(at(&format!("lock fork{j}")), p) + dist(at(&format!("lock fork{j}")), q);
                assert!(mine < other, "fork{i} ({mine:.0}) vs fork{j} ({other:.0})");
            }
        }
    }

    #[test]
    fn a_wait_no_one_can_end_is_stuck_without_a_cycle() {
        let s = scene("dl-queue-no-producer").unwrap().scenario();
        let p = predict(&s);
        let d = detect(&s, &p.log).expect("stuck");
        assert!(d.cycle.is_empty());
        let snap = Scrubber::new(&s, &p.log, 8).at(d.at + 1).snapshot();
        let g = draw(&s, &snap, &d.tasks, &d.cycle);
        assert!(g.edges.iter().all(|e| !e.on_cycle));
        assert_eq!(g.edges.iter().filter(|e| e.kind == EdgeKind::WaitsFor).count(), 1);
    }

    #[test]
    fn a_crowded_run_draws_every_task_on_an_edge_and_counts_the_rest() {
        let s = scene("4_2-locked").unwrap().scenario();
        let p = predict(&s);
        // Halfway: one holder, many waiters.
        let sc = Scrubber::new(&s, &p.log, 64);
        let snap = sc.at(sc.len() / 2).snapshot();
        let g = draw(&s, &snap, &[], &[]);
        let drawn: Vec<TaskId> =
            g.nodes.iter().filter_map(|n| if let NodeOf::Task(t) = n.of { Some(t) } else { None }).collect();
        let lock = &snap.resources[1];
        assert!(lock.waiters.len() > MAX_TASK_NODES, "the lock is crowded: {}", lock.waiters.len());
        assert_eq!(drawn.len(), MAX_TASK_NODES);
        assert_eq!(drawn.len() + g.hidden_tasks, 100);
        assert!(lock.holders.iter().all(|h| drawn.contains(h)), "the holder is drawn");
        // The first waiters in the queue are drawn, the last are not.
        assert!(drawn.contains(&lock.waiters[0]));
        assert!(!drawn.contains(lock.waiters.last().unwrap()));
    }

    #[test]
    fn a_link_names_a_scene_and_a_step_and_a_bad_link_says_why() {
        let f = link_fragment("dl-philosophers", Some(50));
        assert_eq!(f, "scene=dl-philosophers&step=50");
        let (s, step) = parse_fragment(&f).unwrap();
        assert_eq!((s.id, step), ("dl-philosophers", Some(50)));
        let (s, step) = parse_fragment(&link_fragment("4_1-race", None)).unwrap();
        assert_eq!((s.id, step), ("4_1-race", None));
        assert!(parse_fragment("scene=nope").unwrap_err().contains("no scenario “nope”"));
        assert!(parse_fragment("share=abc").unwrap_err().contains("names no scenario"));
        assert!(parse_fragment("scene=4_1-race&step=x").unwrap_err().contains("not a whole number"));
    }

    #[test]
    fn an_edge_stops_short_of_its_target() {
        let e = edge_end((0.0, 0.0), (10.0, 0.0), 4.0);
        assert!((e.0 - 6.0).abs() < 1e-9 && e.1 == 0.0);
        assert_eq!(edge_end((0.0, 0.0), (1.0, 0.0), 4.0), (1.0, 0.0));
    }
}
