//! The rate limit of each partner: a number of calls per minute (its `limite_minute`), counted in fixed
//! one-minute windows by this instance. With several instances behind a load balancer, each counts its
//! own share (docs/operations.md).

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use uuid::Uuid;

static WINDOWS: LazyLock<Mutex<HashMap<Uuid, (u64, u32)>>> = LazyLock::new(Default::default);

fn now_seconds() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or_default()
}

/// Counts a call of `partner`; the seconds to wait when its limit is reached in the current minute.
pub fn check(partner: Uuid, per_minute: i32) -> Result<(), u64> {
    count(&mut WINDOWS.lock().unwrap_or_else(|e| e.into_inner()), partner, per_minute, now_seconds())
}

fn count(windows: &mut HashMap<Uuid, (u64, u32)>, partner: Uuid, per_minute: i32, now: u64) -> Result<(), u64> {
    let minute = now / 60;
    let window = windows.entry(partner).or_insert((minute, 0));
    if window.0 != minute {
        *window = (minute, 0);
    }
    if window.1 >= per_minute.max(1) as u32 {
        return Err(60 - now % 60);
    }
    window.1 += 1;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_holds_within_a_minute_and_resets_with_the_next() {
        let (mut w, p) = (HashMap::new(), Uuid::from_u128(1));
        let start = 60 * 1000 + 15;
        assert_eq!(count(&mut w, p, 2, start), Ok(()));
        assert_eq!(count(&mut w, p, 2, start + 1), Ok(()));
        assert_eq!(count(&mut w, p, 2, start + 5), Err(40));
        // Another partner has its own count.
        assert_eq!(count(&mut w, Uuid::from_u128(2), 2, start + 5), Ok(()));
        assert_eq!(count(&mut w, p, 2, start + 45), Ok(()));
    }
}
