//! Client addresses behind reverse proxies.

use std::net::IpAddr;

/// A block of addresses (`10.0.0.0/8`, `192.168.1.10`, `2001:db8::/32`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cidr {
    addr: IpAddr,
    prefix: u8,
}

impl std::str::FromStr for Cidr {
    type Err = String;

    fn from_str(s: &str) -> Result<Cidr, String> {
        let (addr, prefix) = match s.trim().split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s.trim(), None),
        };
        let addr: IpAddr = addr.parse().map_err(|_| format!("{s:?} is not an address"))?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => p.parse::<u8>().ok().filter(|p| *p <= max).ok_or_else(|| format!("{s:?}: bad prefix"))?,
        };
        Ok(Cidr { addr, prefix })
    }
}

impl Cidr {
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
            v4 => v4,
        };
        match (self.addr, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX.checked_shl(32 - u32::from(self.prefix)).unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX.checked_shl(128 - u32::from(self.prefix)).unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// The client's address. The TCP peer, unless the peer is one of our `trusted` proxies: then the
/// right-most `X-Forwarded-For` hop that is not a trusted proxy (every hop left of it was written by
/// the client, who can write anything there).
pub fn client_ip(peer: IpAddr, forwarded_for: &[&str], trusted: &[Cidr]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|c| c.contains(ip));
    let mut client = peer;
    let hops = forwarded_for.iter().flat_map(|h| h.split(',')).collect::<Vec<_>>();
    for hop in hops.into_iter().rev() {
        if !is_trusted(client) {
            break;
        }
        match hop.trim().parse::<IpAddr>() {
            Ok(ip) => client = ip,
            Err(_) => break,
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn cidrs(list: &[&str]) -> Vec<Cidr> {
        list.iter().map(|c| c.parse().unwrap()).collect()
    }

    #[test]
    fn blocks_contain_their_addresses() {
        let net: Cidr = "10.1.0.0/16".parse().unwrap();
        assert!(net.contains(ip("10.1.200.3")) && !net.contains(ip("10.2.0.1")));
        assert!("192.168.1.10".parse::<Cidr>().unwrap().contains(ip("192.168.1.10")));
        assert!(!"192.168.1.10".parse::<Cidr>().unwrap().contains(ip("192.168.1.11")));
        assert!("0.0.0.0/0".parse::<Cidr>().unwrap().contains(ip("8.8.8.8")));
        assert!("2001:db8::/32".parse::<Cidr>().unwrap().contains(ip("2001:db8:1::5")));
        assert!("10.0.0.0/8".parse::<Cidr>().unwrap().contains(ip("::ffff:10.0.0.1")), "IPv4-mapped");
        for bad in ["10.0.0.0/33", "pas une adresse", "10.0.0.0/x", ""] {
            assert!(bad.parse::<Cidr>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn forwarded_hops_count_only_behind_a_trusted_proxy() {
        let none = cidrs(&[]);
        let lb = cidrs(&["10.0.0.0/8"]);
        // No trusted proxy: the header is the client's own words.
        assert_eq!(client_ip(ip("203.0.113.9"), &["1.2.3.4"], &none), ip("203.0.113.9"));
        // A direct client cannot claim another address, even with our proxy's range configured.
        assert_eq!(client_ip(ip("203.0.113.9"), &["1.2.3.4"], &lb), ip("203.0.113.9"));
        // Behind the proxy: the right-most hop it added; what the client wrote on the left is ignored.
        assert_eq!(client_ip(ip("10.0.0.2"), &["6.6.6.6, 198.51.100.7"], &lb), ip("198.51.100.7"));
        assert_eq!(client_ip(ip("10.0.0.2"), &["6.6.6.6", "198.51.100.7, 10.0.0.3"], &lb), ip("198.51.100.7"));
        // Garbage stops the walk at the last address a trusted proxy vouched for.
        assert_eq!(client_ip(ip("10.0.0.2"), &["nimporte-quoi"], &lb), ip("10.0.0.2"));
        assert_eq!(client_ip(ip("10.0.0.2"), &[], &lb), ip("10.0.0.2"));
    }
}
