//! The one place the server reads the time.

use chrono::{DateTime, SubsecRound, Utc};

/// Now, in whole seconds: MySQL `TIMESTAMP` columns keep no fractions, so a value written and read
/// back compares equal on every backend.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}
