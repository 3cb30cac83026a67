//! The per-address share of `--max-connections`: at most `--max-connections-per-address` connections at once
//! from one IPv4 address or one IPv6 /64 (one client's usual share: a home or an office network gets a /64 or
//! more), so one address cannot take every slot.
//!
//! A connection over the share is accepted (the kernel has completed the handshake already), told
//! `-ERR [SYS/TEMP] Too many connections from your address` — RFC 3206's code for "try again later", which
//! mail clients show — and closed at once, without reading anything and without a task of its own. The first
//! refusal of an address while it is at its share is logged at INFO; the rest at DEBUG.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr, Shutdown};
use std::sync::{Arc, Mutex};

use tokio::net::TcpStream;

/// Connections per address key, and whether a refusal was logged since the key reached its share.
pub(crate) struct PerAddress {
    max: usize,
    counts: Mutex<HashMap<IpAddr, (usize, bool)>>,
}

/// One connection's place in its address's share; given back when dropped.
pub(crate) struct Slot {
    owner: Arc<PerAddress>,
    key: IpAddr,
}

impl PerAddress {
    pub(crate) fn new(max: usize) -> Arc<PerAddress> {
        Arc::new(PerAddress { max, counts: Mutex::new(HashMap::new()) })
    }

    /// A slot for a connection from `ip`, or `Err(first)` when its address has its share (`first`: the first
    /// refusal since it reached it).
    pub(crate) fn take(self: &Arc<Self>, ip: IpAddr) -> Result<Slot, bool> {
        let key = address_key(ip);
        let mut counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        let (count, refused) = counts.entry(key).or_insert((0, false));
        if *count >= self.max {
            return Err(!std::mem::replace(refused, true));
        }
        *count += 1;
        Ok(Slot { owner: Arc::clone(self), key })
    }

    #[cfg(test)]
    fn keys(&self) -> usize {
        self.counts.lock().unwrap().len()
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut counts = self.owner.counts.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((count, refused)) = counts.get_mut(&self.key) {
            *count -= 1;
            *refused = false;
            if *count == 0 {
                counts.remove(&self.key);
            }
        }
    }
}

/// What connections are counted by: the IPv4 address (an IPv4-mapped IPv6 address too), or an IPv6 /64.
pub(crate) fn address_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

/// The refusal line.
pub(crate) const REFUSAL: &[u8] = b"-ERR [SYS/TEMP] Too many connections from your address, try again later\r\n";

/// Sends [`REFUSAL`] if the socket takes it at once (a new socket's send buffer is empty), then closes with
/// a FIN. Never waits.
pub(crate) fn refuse(stream: TcpStream) {
    let _ = stream.try_write(REFUSAL);
    if let Ok(stream) = stream.into_std() {
        let _ = stream.shutdown(Shutdown::Write);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_per_address_and_per_ipv6_64() {
        let shares = PerAddress::new(2);
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let (s1, s2) = (shares.take(a).unwrap(), shares.take(a).unwrap());
        assert_eq!(shares.take(a).err(), Some(true), "the first refusal is logged");
        assert_eq!(shares.take("::ffff:192.0.2.1".parse().unwrap()).err(), Some(false), "mapped: the same address");
        let other = shares.take("192.0.2.2".parse().unwrap()).unwrap();
        drop(s1);
        let s3 = shares.take(a).unwrap();
        let v6 = |s: &str| shares.take(s.parse().unwrap());
        let (x, y) = (v6("2001:db8:1:2::1").unwrap(), v6("2001:db8:1:2:ffff::9").unwrap());
        assert!(v6("2001:db8:1:2:abcd::1").is_err(), "one /64");
        let z = v6("2001:db8:1:3::1").unwrap();
        drop((s2, s3, other, x, y, z));
        assert_eq!(shares.keys(), 0, "released addresses are forgotten");
    }
}
