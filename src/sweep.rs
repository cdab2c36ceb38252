//! What if: the applied settings rolled out as a RollingUpdate (or, for a Canary on either router,
//! as its plan, whose last step is that RollingUpdate of the app) 20 × 20 times, over one of three
//! [`Plane`]s: every maxSurge and maxUnavailable from 0% to 95% in steps of 5%, or one of them
//! against the replicas from 1 to 20 (the other kept as applied), and what each run cost
//! ([`crate::compare::Summary`]): the page draws it as a heatmap.
//!
//! Three things make 400 rollouts fast enough for a page, and none changes a figure:
//! - the runs with the same replicas are the same until the deploy (the strategy is not read
//!   before a rollout), so their first [`DEPLOY_AT`] seconds are simulated once and each run
//!   starts from a copy, with its Deployment given its own strategy (and the ReplicaSet's
//!   `max-replicas` annotation its value);
//! - the Deployment controller reads only the resolved values (`resolveFenceposts`: surge rounded
//!   up, unavailability down), so settings that resolve to the same pods run once;
//! - the runs keep no event log ([`World::keep_no_events`]): only their samples are read.
//!
//! The tests check both against whole runs made from scratch, and against `rolloutscope simulate`.

use std::collections::BTreeMap;

use crate::compare::{self, Runner, Summary, DEPLOY_AT};
use crate::setup::{Knobs, StrategyKind, APP};
use crate::sim::deployment::util;
use crate::sim::objects::{IntOrPercent, Strategy, MAX_REPLICAS_ANNOTATION};
use crate::sim::sample::Sample;
use crate::sim::World;

/// Values on each axis.
pub const STEPS: usize = 20;
/// The replicas of the first row of a plane over replicas (one more each row).
pub const FIRST_REPLICAS: i32 = 1;
/// Percent between two values of an axis.
pub const STEP_PERCENT: u8 = 5;

/// The percent of step `i` on an axis.
pub fn percent(i: usize) -> u8 {
    i as u8 * STEP_PERCENT
}

/// What a heatmap shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Metric {
    /// Seconds from the deploy until the rollout completed.
    #[default]
    CompleteAfter,
    PeakPods,
    FailedRequests,
}

impl Metric {
    pub const ALL: [Metric; 3] = [Metric::CompleteAfter, Metric::PeakPods, Metric::FailedRequests];

    pub fn id(self) -> &'static str {
        match self {
            Metric::CompleteAfter => "complete-after",
            Metric::PeakPods => "peak-pods",
            Metric::FailedRequests => "failed-requests",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.id() == id)
    }

    /// The value of a summary (`None`: the rollout did not complete).
    pub fn of(self, s: &Summary) -> Option<i64> {
        match self {
            Metric::CompleteAfter => s.complete_after.map(|t| t as i64),
            Metric::PeakPods => Some(i64::from(s.peak_pods)),
            Metric::FailedRequests => Some(s.failed_requests as i64),
        }
    }
}

/// What the sweep varies: across (the columns), then down (the rows).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Plane {
    /// maxSurge across, maxUnavailable down, both 0% to 95%.
    #[default]
    SurgeByUnavailable,
    /// maxSurge 0% to 95% across, replicas 1 to 20 down; maxUnavailable as applied.
    SurgeByReplicas,
    /// maxUnavailable 0% to 95% across, replicas 1 to 20 down; maxSurge as applied.
    UnavailableByReplicas,
}

impl Plane {
    pub const ALL: [Plane; 3] = [Plane::SurgeByUnavailable, Plane::SurgeByReplicas, Plane::UnavailableByReplicas];

    pub fn id(self) -> &'static str {
        match self {
            Plane::SurgeByUnavailable => "surge-unavailable",
            Plane::SurgeByReplicas => "surge-replicas",
            Plane::UnavailableByReplicas => "unavailable-replicas",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.id() == id)
    }

    /// The label of column `i`.
    pub fn column(self, i: usize) -> String {
        format!("{}%", percent(i))
    }

    /// The label of row `i`.
    pub fn row(self, i: usize) -> String {
        match self {
            Plane::SurgeByUnavailable => format!("{}%", percent(i)),
            Plane::SurgeByReplicas | Plane::UnavailableByReplicas => replicas_of_row(i).to_string(),
        }
    }

    /// The settings of cell `i` (row by row) for `knobs`: maxSurge, maxUnavailable, replicas.
    /// The value a plane does not vary is the applied one; `None` if that is not a valid
    /// count or percentage (see [`Sweep::new`]).
    fn settings(self, knobs: &Knobs, i: usize) -> Option<(IntOrPercent, IntOrPercent, i32)> {
        let (across, down) = (IntOrPercent::Percent(percent(i % STEPS).into()), i / STEPS);
        let (surge, unavailable) = knobs.surge_and_unavailable();
        Some(match self {
            Plane::SurgeByUnavailable => (across, IntOrPercent::Percent(percent(down).into()), knobs.replicas),
            Plane::SurgeByReplicas => (across, unavailable?, replicas_of_row(down)),
            Plane::UnavailableByReplicas => (surge?, across, replicas_of_row(down)),
        })
    }
}

fn replicas_of_row(i: usize) -> i32 {
    FIRST_REPLICAS + i as i32
}

/// One cell: its maxSurge, maxUnavailable and replicas, and what the rollout cost (`None` when
/// both are 0, which the apiserver refuses).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub max_surge: IntOrPercent,
    pub max_unavailable: IntOrPercent,
    pub replicas: i32,
    pub summary: Option<Summary>,
}

impl Cell {
    /// The settings of this cell's run (a sweep's settings keep their strategy: see [`Sweep::new`]).
    pub fn knobs(&self, knobs: &Knobs) -> Knobs {
        Knobs {
            replicas: self.replicas,
            strategy: knobs.strategy,
            ..compare::variant(knobs, &self.max_surge.to_string(), &self.max_unavailable.to_string())
        }
    }
}

/// The world at the deploy, shared by the runs with the same replicas, and its samples.
struct Prefix {
    world: World,
    samples: Vec<Sample>,
}

/// A sweep being made, a run at a time (the page does it in slices).
pub struct Sweep {
    knobs: Knobs,
    plane: Plane,
    seed: u64,
    /// The shared starts, by replicas.
    prefixes: BTreeMap<i32, Prefix>,
    cells: Vec<Cell>,
    /// Summaries by replicas and resolved (surge, unavailable) pods.
    done: BTreeMap<(i32, i32, i32), Summary>,
    /// The run being made: its cell and its runner.
    current: Option<(Cell, Runner)>,
    next: usize,
}

impl Sweep {
    /// A sweep of `knobs` (applied, valid) over `plane` on `seed`, rolled out as a
    /// RollingUpdate. A plane over replicas keeps the applied maxUnavailable (or maxSurge), so
    /// that must be one the apiserver takes, even if the applied strategy does not read it:
    /// otherwise its message.
    ///
    /// A Canary (behind a Gateway's HTTPRoute or the NGINX Ingress) is swept as its plan: the
    /// canary at its weights, then the app's own RollingUpdate to the new version, whose
    /// maxSurge and maxUnavailable the sweep varies. Every other strategy is swept as a
    /// RollingUpdate.
    pub fn new(knobs: &Knobs, plane: Plane, seed: u64) -> Result<Self, String> {
        let strategy = sweeps_as(knobs.strategy);
        let knobs = Knobs { strategy, ..knobs.clone() };
        if plane != Plane::SurgeByUnavailable {
            // The kept value, with the swept one at its first step past 0.
            let errors = match Self::cell_of(&knobs, plane, 1) {
                Some(cell) => cell.knobs(&knobs).errors(),
                None => knobs.errors(),
            };
            if let Some((_, message)) = errors.into_iter().next() {
                return Err(message);
            }
        }
        Ok(Sweep {
            knobs,
            plane,
            seed,
            prefixes: BTreeMap::new(),
            cells: Vec::new(),
            done: BTreeMap::new(),
            current: None,
            next: 0,
        })
    }

    /// Goes on while `more()` says so (asked after each simulated second); true once every cell
    /// is made.
    pub fn advance(&mut self, more: &mut dyn FnMut() -> bool) -> bool {
        loop {
            if let Some((mut cell, mut runner)) = self.current.take() {
                if !runner.advance(1) {
                    self.current = Some((cell, runner));
                    if !more() {
                        return false;
                    }
                    continue;
                }
                let (_, summary) = runner.finish();
                self.done.insert(resolved(&cell), summary.clone());
                cell.summary = Some(summary);
                self.cells.push(cell);
            }
            if self.next >= STEPS * STEPS {
                return true;
            }
            let mut cell = Self::cell_of(&self.knobs, self.plane, self.next).expect("checked by Sweep::new");
            self.next += 1;
            let is_zero = |v: IntOrPercent| matches!(v, IntOrPercent::Int(0) | IntOrPercent::Percent(0));
            if is_zero(cell.max_surge) && is_zero(cell.max_unavailable) {
                self.cells.push(cell);
            } else if let Some(summary) = self.done.get(&resolved(&cell)) {
                cell.summary = Some(summary.clone());
                self.cells.push(cell);
            } else {
                let runner = self.start(&cell);
                self.current = Some((cell, runner));
            }
            if !more() {
                return self.next >= STEPS * STEPS && self.current.is_none();
            }
        }
    }

    /// How far the sweep has got, from 0 to 1.
    pub fn progress(&self) -> f64 {
        self.cells.len() as f64 / (STEPS * STEPS) as f64
    }

    /// The cells made so far, row by row.
    pub fn cells(&self) -> &[Cell] {
        &self.cells
    }

    /// The cells, once made.
    pub fn into_cells(self) -> Vec<Cell> {
        self.cells
    }

    /// How many rollouts were simulated (cells that resolve alike share one).
    pub fn runs(&self) -> usize {
        self.done.len()
    }

    fn cell_of(knobs: &Knobs, plane: Plane, i: usize) -> Option<Cell> {
        let (max_surge, max_unavailable, replicas) = plane.settings(knobs, i)?;
        Some(Cell { max_surge, max_unavailable, replicas, summary: None })
    }

    /// The run of `cell` from the shared world at the deploy: the Deployment's strategy set as
    /// if it had been applied so from the start.
    fn start(&mut self, cell: &Cell) -> Runner {
        let knobs = cell.knobs(&self.knobs);
        let prefix = self.prefixes.entry(cell.replicas).or_insert_with(|| {
            let mut runner = Runner::new(&knobs, knobs.strategy, self.seed);
            runner.advance(DEPLOY_AT.whole_secs());
            let (mut world, samples) = runner.into_parts();
            // Its runs are only measured: their events would be made and dropped unread.
            world.keep_no_events();
            Prefix { world, samples }
        });
        let mut world = prefix.world.clone();
        if let Some(d) = world.deployments.get_mut(APP) {
            d.spec.strategy = Strategy::RollingUpdate {
                max_surge: Some(cell.max_surge),
                max_unavailable: Some(cell.max_unavailable),
            };
            let max = util::max_total_pods(d);
            for rs in world.replica_sets.values_mut().filter(|rs| rs.metadata.owner.as_deref() == Some(APP)) {
                if rs.metadata.annotations.contains_key(MAX_REPLICAS_ANNOTATION) {
                    rs.metadata.annotations.insert(MAX_REPLICAS_ANNOTATION.into(), max.to_string());
                }
            }
        }
        Runner::resume(&knobs, world, prefix.samples.clone())
    }
}

/// The strategy a sweep of `applied` runs: a Canary's plan as it is (its last step is a
/// RollingUpdate of the app), anything else as a RollingUpdate.
pub fn sweeps_as(applied: StrategyKind) -> StrategyKind {
    match applied {
        StrategyKind::Canary => StrategyKind::Canary,
        _ => StrategyKind::RollingUpdate,
    }
}

/// What the Deployment controller reads of a cell: its replicas and the pods its maxSurge and
/// maxUnavailable resolve to.
fn resolved(cell: &Cell) -> (i32, i32, i32) {
    let (surge, unavailable) =
        util::resolve_fenceposts(Some(cell.max_surge), Some(cell.max_unavailable), cell.replicas);
    (cell.replicas, surge, unavailable)
}
