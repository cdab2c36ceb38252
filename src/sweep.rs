//! What if: the applied settings rolled out as a RollingUpdate with every maxSurge and
//! maxUnavailable from 0% to 95% in steps of 5% (20 × 20 runs), and what each cost
//! ([`crate::compare::Summary`]): the page draws it as a heatmap.
//!
//! Two things make 400 rollouts fast enough for a page, and neither changes a figure:
//! - the runs are the same until the deploy (the strategy is not read before a rollout), so the
//!   first [`DEPLOY_AT`] seconds are simulated once and each run starts from a copy, with its
//!   Deployment given its own strategy (and the ReplicaSet's `max-replicas` annotation its value);
//! - the Deployment controller reads only the resolved values (`resolveFenceposts`: surge rounded
//!   up, unavailability down), so percentages that resolve to the same pods run once.
//!
//! The tests check both against whole runs made from scratch, and against `rolloutscope simulate`.

use std::collections::BTreeMap;

use crate::compare::{Runner, Summary, DEPLOY_AT};
use crate::setup::{Knobs, StrategyKind, APP};
use crate::sim::deployment::util;
use crate::sim::objects::{IntOrPercent, Strategy, MAX_REPLICAS_ANNOTATION};
use crate::sim::sample::Sample;
use crate::sim::World;

/// Values on each axis.
pub const STEPS: usize = 20;
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

/// One cell: maxSurge and maxUnavailable in percent, and what the rollout cost (`None` for
/// 0% and 0%, which the apiserver refuses).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub max_surge: u8,
    pub max_unavailable: u8,
    pub summary: Option<Summary>,
}

/// A sweep being made, a run at a time (the page does it in slices).
pub struct Sweep {
    knobs: Knobs,
    /// The world at the deploy, shared by every run, and its samples.
    prefix: World,
    prefix_samples: Vec<Sample>,
    cells: Vec<Cell>,
    /// Summaries by resolved (surge, unavailable) pods.
    done: BTreeMap<(i32, i32), Summary>,
    /// The run being made: its cell and its runner.
    current: Option<(usize, Runner)>,
    next: usize,
}

impl Sweep {
    /// A sweep of `knobs` (applied, valid) on `seed`, rolled out as a RollingUpdate.
    pub fn new(knobs: &Knobs, seed: u64) -> Self {
        let knobs = Knobs { strategy: StrategyKind::RollingUpdate, ..knobs.clone() };
        let mut runner = Runner::new(&knobs, StrategyKind::RollingUpdate, seed);
        runner.advance(DEPLOY_AT.whole_secs());
        let (prefix, prefix_samples) = runner.into_parts();
        Sweep { knobs, prefix, prefix_samples, cells: Vec::new(), done: BTreeMap::new(), current: None, next: 0 }
    }

    /// Goes on while `more()` says so (asked after each simulated second); true once every cell
    /// is made.
    pub fn advance(&mut self, more: &mut dyn FnMut() -> bool) -> bool {
        loop {
            if let Some((cell, mut runner)) = self.current.take() {
                if !runner.advance(1) {
                    self.current = Some((cell, runner));
                    if !more() {
                        return false;
                    }
                    continue;
                }
                let (_, summary) = runner.finish();
                self.done.insert(self.resolved(cell), summary.clone());
                self.cells.push(self.cell(cell, Some(summary)));
            }
            if self.next >= STEPS * STEPS {
                return true;
            }
            let cell = self.next;
            self.next += 1;
            let (surge, unavailable) = axes(cell);
            if surge == 0 && unavailable == 0 {
                self.cells.push(self.cell(cell, None));
            } else if let Some(summary) = self.done.get(&self.resolved(cell)) {
                let summary = Some(summary.clone());
                self.cells.push(self.cell(cell, summary));
            } else {
                self.current = Some((cell, self.start(cell)));
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

    /// The cells made so far, row by row: maxUnavailable 0% first, maxSurge from 0% in each row.
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

    fn cell(&self, i: usize, summary: Option<Summary>) -> Cell {
        let (max_surge, max_unavailable) = axes(i);
        Cell { max_surge, max_unavailable, summary }
    }

    fn strategy(i: usize) -> Strategy {
        let (max_surge, max_unavailable) = Self::percents(i);
        Strategy::RollingUpdate { max_surge: Some(max_surge), max_unavailable: Some(max_unavailable) }
    }

    fn percents(i: usize) -> (IntOrPercent, IntOrPercent) {
        let (surge, unavailable) = axes(i);
        (IntOrPercent::Percent(surge.into()), IntOrPercent::Percent(unavailable.into()))
    }

    /// The pods cell `i`'s percentages resolve to: what the controller reads.
    fn resolved(&self, i: usize) -> (i32, i32) {
        let (surge, unavailable) = Self::percents(i);
        util::resolve_fenceposts(Some(surge), Some(unavailable), self.knobs.replicas)
    }

    /// The run of cell `i` from the shared world at the deploy: the Deployment's strategy set as
    /// if it had been applied so from the start.
    fn start(&self, i: usize) -> Runner {
        let mut world = self.prefix.clone();
        if let Some(d) = world.deployments.get_mut(APP) {
            d.spec.strategy = Self::strategy(i);
            let max = d.spec.replicas + util::max_surge(d);
            for rs in world.replica_sets.values_mut().filter(|rs| rs.metadata.owner.as_deref() == Some(APP)) {
                if rs.metadata.annotations.contains_key(MAX_REPLICAS_ANNOTATION) {
                    rs.metadata.annotations.insert(MAX_REPLICAS_ANNOTATION.into(), max.to_string());
                }
            }
        }
        let (surge, unavailable) = axes(i);
        let knobs =
            Knobs { max_surge: format!("{surge}%"), max_unavailable: format!("{unavailable}%"), ..self.knobs.clone() };
        Runner::resume(&knobs, world, self.prefix_samples.clone())
    }
}

/// The percents of cell `i`: maxSurge along a row, maxUnavailable down the rows.
pub fn axes(i: usize) -> (u8, u8) {
    (percent(i % STEPS), percent(i / STEPS))
}
