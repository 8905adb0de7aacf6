//! Login throttling per account and per client address: 429 with Retry-After, never a lockout.

use std::{net::IpAddr, num::NonZeroU32, time::Duration};

use governor::{
    DefaultKeyedRateLimiter, Quota, RateLimiter,
    clock::{Clock, DefaultClock},
};

use crate::AppError;

/// The window the configured attempt counts apply to.
const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Forgetting idle keys keeps memory bounded under a spray of addresses or emails.
const PRUNE_ABOVE_KEYS: usize = 10_000;

pub struct LoginThrottle {
    per_account: DefaultKeyedRateLimiter<String>,
    per_address: DefaultKeyedRateLimiter<IpAddr>,
}

fn quota(attempts: NonZeroU32) -> Quota {
    Quota::with_period(WINDOW / attempts.get())
        .expect("a positive window")
        .allow_burst(attempts)
}

impl LoginThrottle {
    pub fn new(per_account: NonZeroU32, per_address: NonZeroU32) -> Self {
        Self {
            per_account: RateLimiter::keyed(quota(per_account)),
            per_address: RateLimiter::keyed(quota(per_address)),
        }
    }

    /// Counts one attempt against the address and, when given, the account.
    pub fn check(&self, account: Option<&str>, address: Option<IpAddr>) -> Result<(), AppError> {
        if let Some(address) = address {
            Self::take(&self.per_address, &address)?;
        }
        if let Some(account) = account {
            Self::take(&self.per_account, &account.to_string())?;
        }
        Ok(())
    }

    fn take<K: std::hash::Hash + Eq + Clone>(
        limiter: &DefaultKeyedRateLimiter<K>,
        key: &K,
    ) -> Result<(), AppError> {
        if limiter.len() > PRUNE_ABOVE_KEYS {
            limiter.retain_recent();
        }
        limiter.check_key(key).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            AppError::RateLimited {
                retry_after_secs: wait.as_secs().max(1),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_attempt_after_the_limit_is_refused_with_a_wait() {
        let throttle = LoginThrottle::new(
            NonZeroU32::new(2).expect("2"),
            NonZeroU32::new(100).expect("100"),
        );
        assert!(throttle.check(Some("a@example.com"), None).is_ok());
        assert!(throttle.check(Some("a@example.com"), None).is_ok());
        let error = throttle
            .check(Some("a@example.com"), None)
            .expect_err("third is refused");
        assert!(
            matches!(error, AppError::RateLimited { retry_after_secs } if retry_after_secs >= 1)
        );
        assert!(
            throttle.check(Some("b@example.com"), None).is_ok(),
            "other accounts are unaffected"
        );
    }
}
