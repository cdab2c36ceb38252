//! The page left playing for a class stays within its memory budget: 1,000 replicas at 64x through
//! the page's own reducer, animation frame by animation frame, with a new version every five
//! minutes. The bytes are counted by the test binary's allocator, for this test's thread only
//! (the other tests run beside it). `bash .ci/bench` measures the hour in the browser build too
//! (the wasm memory's size).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::rc::Rc;

use rolloutscope::i18n::Lang;
use rolloutscope::page::{reduce, Action, AppState, KnobEdit};
use rolloutscope::sim::SimTime;

/// The budget a page playing for a whole class is held to (docs/page.md, "Long runs").
const BUDGET: isize = 256 << 20;

/// The system allocator, counting what each thread holds.
pub struct Counting;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
}

fn count(delta: isize) {
    let _ = LIVE.try_with(|live| live.set(live.get() + delta));
}

// SAFETY: every call is passed to the system allocator unchanged; only a counter is kept beside.
#[allow(unsafe_code, reason = "a global allocator is an unsafe trait; this one only counts and defers to System")]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(-(layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size as isize - layout.size() as isize);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

fn live() -> isize {
    LIVE.with(Cell::get)
}

#[test]
fn the_page_playing_1000_replicas_at_64x_stays_within_its_memory_budget() {
    let before = live();
    let mut state = Rc::new(AppState::new(Lang::En));
    for action in [
        Action::Edit(KnobEdit::Field(rolloutscope::page::Knob::Replicas, "1000".into())),
        Action::ApplySetup,
        Action::SetSpeed(6),
        Action::TogglePlay,
    ] {
        state = reduce(state, action);
    }
    assert_eq!(state.knobs.replicas, 1000);
    let mut at_seven_minutes = 0;
    let mut next_deploy = 60;
    // Frames of a 60 Hz screen: at 64x each moves the clock about a second.
    while state.engine().world().time() < SimTime::from_secs(12 * 60) {
        state = reduce(state, Action::Frame(1000.0 / 60.0));
        let now = state.engine().world().time().whole_secs();
        if now >= next_deploy {
            state = reduce(state, Action::DeployNewVersion);
            next_deploy += 300;
        }
        if now >= 7 * 60 && at_seven_minutes == 0 {
            at_seven_minutes = live() - before;
        }
    }
    let at_twelve_minutes = live() - before;
    let mib = |b: isize| b as f64 / f64::from(1 << 20);
    assert!(at_twelve_minutes < BUDGET, "{:.1} MiB after 12 minutes", mib(at_twelve_minutes));
    // Bounded, not merely small so far: once the old checkpoints are thinned (past 64,000 pods'
    // worth, about five minutes here), five more minutes add little (the samples, a few KiB a
    // second), so that an hour, or three hours of class, stays under the budget too.
    let per_second = (at_twelve_minutes - at_seven_minutes) / 300;
    assert!(
        at_twelve_minutes + per_second * 3 * 3600 < BUDGET,
        "{:.1} MiB at 7 minutes, {:.1} MiB at 12: {} bytes a second more would pass the budget within 3 hours",
        mib(at_seven_minutes),
        mib(at_twelve_minutes),
        per_second
    );
    eprintln!("memory: {:.1} MiB at 7 minutes, {:.1} MiB at 12", mib(at_seven_minutes), mib(at_twelve_minutes));
}
