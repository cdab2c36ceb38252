//! The image registry and how each image behaves, declared as data so that every failure in
//! docs/lessons.md can be staged: slow starts, failing probes, crashes, pull errors, and a new push
//! under the same tag.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::objects::split_image;
use super::time::SimDuration;

/// Whether an endpoint the probes ask answers successfully.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Health {
    #[default]
    Healthy,
    /// Always fails.
    Failing,
    /// Succeeds, then fails from this many seconds after the container started.
    FailingAfterSeconds(u32),
}

impl Health {
    pub fn ok(self, since_start: SimDuration) -> bool {
        match self {
            Health::Healthy => true,
            Health::Failing => false,
            Health::FailingAfterSeconds(s) => since_start < SimDuration::from_secs(u64::from(s)),
        }
    }
}

/// How the code in one image behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ImageBehavior {
    /// Seconds from container start until the application answers at all. Default 2.
    pub startup_seconds: u32,
    /// What the readiness endpoint answers once the application is up. Default healthy.
    pub readiness: Health,
    /// What the liveness endpoint answers once the application is up. Default healthy.
    pub liveness: Health,
    /// The process exits with an error this many seconds after it starts. Default never.
    pub crash_after_seconds: Option<u32>,
    /// The registry has no such image (or refuses it): every pull fails. Default false.
    pub pull_error: bool,
    /// Seconds a node takes to pull the image when it does not have it. Default 3.
    pub pull_seconds: u32,
    /// Milliseconds the application takes to answer a request. Default 20.
    pub latency_ms: u32,
    /// Percent of requests the application answers with a 500. Default 0.
    pub error_percent: u8,
    /// Once this version runs, it changes the shared data store's schema so that versions
    /// without this flag answer 500 (two versions sharing a database). Default false.
    pub migrates_data: bool,
    /// The process ignores SIGTERM (a shell as PID 1 that neither handles nor forwards it): a
    /// deleted pod's container runs on until the SIGKILL that ends its grace period, and exits
    /// with an error. Default false.
    pub ignores_sigterm: bool,
}

impl Default for ImageBehavior {
    fn default() -> Self {
        ImageBehavior {
            startup_seconds: 2,
            readiness: Health::Healthy,
            liveness: Health::Healthy,
            crash_after_seconds: None,
            pull_error: false,
            pull_seconds: 3,
            latency_ms: 20,
            error_percent: 0,
            migrates_data: false,
            ignores_sigterm: false,
        }
    }
}

/// What the registry holds: for each reference (`gasbugs/http-go:v1`), the digest it points to
/// now and how the code under every digest ever pushed behaves.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registry {
    current: BTreeMap<String, String>,
    behaviors: BTreeMap<String, ImageBehavior>,
    pushes: u32,
}

impl Registry {
    /// The reference with an explicit `latest` tag when it has neither tag nor digest.
    pub fn normalize(image: &str) -> String {
        match split_image(image) {
            (_, None, None) => format!("{image}:latest"),
            _ => image.to_string(),
        }
    }

    /// Pushes `image` (again): its reference now points to a new digest that behaves as given.
    pub fn push(&mut self, image: &str, behavior: ImageBehavior) -> String {
        let reference = Self::normalize(image);
        self.pushes += 1;
        let digest = format!(
            "sha256:{:08x}{:08x}",
            super::fnv::fnv32a(reference.as_bytes()),
            super::fnv::fnv32a(&self.pushes.to_be_bytes())
        );
        self.current.insert(reference, digest.clone());
        self.behaviors.insert(digest.clone(), behavior);
        digest
    }

    /// The digest a pull of `image` gets now, pushing a healthy default the first time an
    /// unknown image is asked for (a scenario need only describe the images that misbehave).
    pub fn resolve(&mut self, image: &str) -> String {
        let reference = Self::normalize(image);
        match self.current.get(&reference) {
            Some(d) => d.clone(),
            None => self.push(image, ImageBehavior::default()),
        }
    }

    /// The digest `image` points to now, if it was ever pushed (read-only: a pull would be
    /// [`Registry::resolve`]).
    pub fn current(&self, image: &str) -> Option<&str> {
        self.current.get(&Self::normalize(image)).map(String::as_str)
    }

    /// Whether `image` has been pushed (or pulled) before.
    pub fn has(&self, image: &str) -> bool {
        self.current.contains_key(&Self::normalize(image))
    }

    /// Whether any image pushed changes the shared data (most runs: none, and nothing to check).
    pub fn any_migrates_data(&self) -> bool {
        self.behaviors.values().any(|b| b.migrates_data)
    }

    pub fn behavior(&self, digest: &str) -> ImageBehavior {
        self.behaviors.get(digest).copied().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_push_under_the_same_tag_changes_the_digest() {
        let mut r = Registry::default();
        let d1 = r.resolve("gasbugs/http-go:v1");
        assert_eq!(r.resolve("gasbugs/http-go:v1"), d1);
        let d2 = r.push("gasbugs/http-go:v1", ImageBehavior { readiness: Health::Failing, ..Default::default() });
        assert_ne!(d1, d2);
        assert_eq!(r.resolve("gasbugs/http-go:v1"), d2);
        assert_eq!(r.behavior(&d1).readiness, Health::Healthy);
        assert_eq!(r.behavior(&d2).readiness, Health::Failing);
    }

    #[test]
    fn untagged_means_latest() {
        let mut r = Registry::default();
        assert_eq!(r.resolve("nginx"), r.resolve("nginx:latest"));
    }
}
