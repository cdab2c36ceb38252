//! `rolloutscope export SCENARIO --kubectl`: the scenario file, checked by the scenario reader
//! first (so the script is only ever made from a scenario that `rolloutscope simulate` runs),
//! as the script of [`crate::real_cluster`].

use serde_json::Value;

use super::scenario_file;

/// The script for the scenario file `text` (`origin` names it in errors and in the header).
pub fn kubectl_script(text: &str, origin: &str) -> Result<String, String> {
    scenario_file::read(text, origin)?;
    let file: Value = serde_yaml_ng::from_str(text).map_err(|e| format!("{origin}: {e}"))?;
    crate::real_cluster::script(&file, origin, &format!("`rolloutscope export {origin} --kubectl`"))
}
