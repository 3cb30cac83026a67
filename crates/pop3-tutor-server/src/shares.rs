//! Per-address shares of a global limit, so that one client cannot take all of it.
//!
//! A client is an IPv4 address, or an IPv6 /64 (one subscriber's usual share: a host can pick any address in
//! its /64, so counting single IPv6 addresses would count nothing). A subscriber often has a /56 or a /48,
//! that is 256 or 65 536 /64s, so the /64s of one IPv6 /48 share a second, larger cap: the *network* cap.
//! IPv4-mapped IPv6 addresses (`::ffff:192.0.2.1`) count as their IPv4 address; IPv4 has no network cap
//! (a /24 is often many unrelated clients).
//!
//! [`Shares::take`] returns a [`Share`] that gives its slot back when dropped. The counts live in one map,
//! keys removed at zero, so the map holds only clients that have something open.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What a count is kept for.
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq)]
enum Key {
    /// An IPv4 address or an IPv6 /64.
    Address(IpAddr),
    /// An IPv6 /48.
    Network(Ipv6Addr),
}

/// Why [`Shares::take`] refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Over {
    /// The address (IPv6: its /64) has its maximum.
    Address(usize),
    /// The IPv6 /48 has its maximum.
    Network(usize),
}

impl std::fmt::Display for Over {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Over::Address(max) => write!(f, "this address already has its maximum of {max}"),
            Over::Network(max) => write!(f, "this address's network (IPv6 /48) already has its maximum of {max}"),
        }
    }
}

/// The counts of one limit's shares.
#[derive(Debug)]
pub struct Shares {
    per_address: usize,
    per_network: usize,
    counts: Mutex<HashMap<Key, usize>>,
}

/// One slot of an address's share; given back on drop.
#[derive(Debug)]
pub struct Share {
    shares: Arc<Shares>,
    keys: [Option<Key>; 2],
}

impl Shares {
    /// At most `per_address` per IPv4 address or IPv6 /64, and `per_network` per IPv6 /48.
    pub fn new(per_address: usize, per_network: usize) -> Arc<Shares> {
        Arc::new(Shares { per_address, per_network, counts: Mutex::new(HashMap::new()) })
    }

    /// Takes a slot for `ip`, or says which cap it is over.
    pub fn take(self: &Arc<Self>, ip: IpAddr) -> Result<Share, Over> {
        let keys = keys(ip);
        let mut counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        for key in keys.iter().flatten() {
            let over = match key {
                Key::Address(_) => Over::Address(self.per_address),
                Key::Network(_) => Over::Network(self.per_network),
            };
            let (Over::Address(max) | Over::Network(max)) = over;
            if counts.get(key).copied().unwrap_or(0) >= max {
                return Err(over);
            }
        }
        for key in keys.iter().flatten() {
            *counts.entry(*key).or_insert(0) += 1;
        }
        Ok(Share { shares: Arc::clone(self), keys })
    }

    #[cfg(test)]
    /// Slots held by `ip`'s address (IPv6: its /64).
    pub fn held(&self, ip: IpAddr) -> usize {
        let counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        keys(ip)[0].and_then(|key| counts.get(&key).copied()).unwrap_or(0)
    }
}

impl Drop for Share {
    fn drop(&mut self) {
        let mut counts = self.shares.counts.lock().unwrap_or_else(|p| p.into_inner());
        for key in self.keys.iter().flatten() {
            if let Some(count) = counts.get_mut(key) {
                *count -= 1;
                if *count == 0 {
                    counts.remove(key);
                }
            }
        }
    }
}

/// The address key (IPv4 address or IPv6 /64) and, for IPv6, the /48.
fn keys(ip: IpAddr) -> [Option<Key>; 2] {
    match address_key(ip) {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            [Some(Key::Address(IpAddr::V6(v6))), Some(Key::Network(Ipv6Addr::new(s[0], s[1], s[2], 0, 0, 0, 0, 0)))]
        }
        v4 => [Some(Key::Address(v4)), None],
    }
}

/// What a client is counted by: the IPv4 address (mapped ones unmapped), or the /64 of an IPv6 address.
pub fn address_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
        v4 => v4,
    }
}

/// Logs a repeated event once per burst: the first at once, then at most one line per `every` with the
/// number of events not logged in between (an attacker must not be able to flood the log).
#[derive(Debug)]
pub struct Burst {
    every: Duration,
    state: Mutex<(Option<Instant>, u64)>,
}

impl Burst {
    pub const fn new(every: Duration) -> Burst {
        Burst { every, state: Mutex::new((None, 0)) }
    }

    /// `Some(n)` if this event is to be logged, `n` events having been left out since the last logged one.
    pub fn note(&self) -> Option<u64> {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        match state.0 {
            Some(last) if now.duration_since(last) < self.every => {
                state.1 += 1;
                None
            }
            _ => {
                let skipped = state.1;
                *state = (Some(now), 0);
                Some(skipped)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn ipv4_addresses_have_their_own_share() {
        let shares = Shares::new(2, 3);
        let a = [shares.take(ip("192.0.2.1")).unwrap(), shares.take(ip("::ffff:192.0.2.1")).unwrap()];
        assert_eq!(shares.take(ip("192.0.2.1")).unwrap_err(), Over::Address(2));
        // No network cap for IPv4: the neighbours are unaffected.
        let _others: Vec<Share> = (2..10).map(|i| shares.take(ip(&format!("192.0.2.{i}"))).unwrap()).collect();
        assert_eq!(shares.held(ip("192.0.2.1")), 2);
        drop(a);
        assert_eq!(shares.held(ip("192.0.2.1")), 0);
        assert!(shares.take(ip("192.0.2.1")).is_ok());
    }

    #[test]
    fn ipv6_counts_per_64_and_per_48() {
        let shares = Shares::new(2, 3);
        let _a = shares.take(ip("2001:db8:0:1::1")).unwrap();
        let _b = shares.take(ip("2001:db8:0:1:ffff::2")).unwrap();
        assert_eq!(shares.take(ip("2001:db8:0:1::3")).unwrap_err(), Over::Address(2), "one /64");
        let c = shares.take(ip("2001:db8:0:2::1")).unwrap();
        // A third /64 of the same /48 (here of the same /56): the /48 is full.
        assert_eq!(shares.take(ip("2001:db8:0:3::1")).unwrap_err(), Over::Network(3));
        assert!(shares.take(ip("2001:db8:1:3::1")).is_ok(), "another /48");
        drop(c);
        assert!(shares.take(ip("2001:db8:0:3::1")).is_ok());
    }

    #[test]
    fn a_refusal_takes_nothing() {
        let shares = Shares::new(1, 1);
        let _a = shares.take(ip("2001:db8::1")).unwrap();
        for _ in 0..5 {
            assert!(shares.take(ip("2001:db8:0:7::1")).is_err());
        }
        assert_eq!(shares.held(ip("2001:db8:0:7::1")), 0);
        assert_eq!(shares.counts.lock().unwrap().len(), 2, "the /64 and the /48 of the one slot taken");
    }

    #[test]
    fn bursts_are_logged_once() {
        let burst = Burst::new(Duration::from_secs(3600));
        assert_eq!(burst.note(), Some(0));
        assert_eq!(burst.note(), None);
        assert_eq!(burst.note(), None);
        let burst = Burst::new(Duration::ZERO);
        assert_eq!(burst.note(), Some(0));
        assert_eq!(burst.note(), Some(0));
    }
}
