//! The page without a browser: every lesson walked through the page's own reducer, share links
//! (old links keep opening, tampered ones are refused), and what the page exports.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../common/mod.rs"]
mod common;

mod export;
mod lesson_nav;
mod lessons;
mod memory;
mod share;

/// Counts what each thread holds, for `memory`'s budget.
#[global_allocator]
static ALLOCATOR: memory::Counting = memory::Counting;
