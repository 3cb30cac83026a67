//! Looking up an allowlisted name as an absolute name: never through the resolver's search list.
//!
//! glibc's `getaddrinfo` (so `tokio::net::lookup_host`) tries a name with fewer dots than resolv.conf's
//! `ndots` under each `search`/`domain` suffix, first or last: `mail` or `mail.example.com` can come back as
//! the address of `mail.corp.internal` or `mail.example.com.corp.internal`, hosts the operator never
//! allowlisted. Asking it for `mail.` instead stops the search but also misses `/etc/hosts`, whose names glibc
//! compares as written. So the bridge has its own resolver, hickory-resolver, and gives it the name as a fully
//! qualified `Name`: hickory then asks for that one name only, whatever `ndots` says (a name with fewer dots
//! than `ndots` included), and still answers from `/etc/hosts` (whose names it reads as fully qualified) before
//! asking resolv.conf's nameservers. Both files are read when the bridge starts. Other NSS sources
//! (`/etc/nsswitch.conf`: mDNS, LDAP, systemd's `myhostname`) are not consulted.

use std::net::IpAddr;

use hickory_resolver::config::{LookupIpStrategy, ResolveHosts, ResolverConfig, ResolverOpts};
use hickory_resolver::name_server::TokioConnectionProvider;
use hickory_resolver::{Hosts, Name, TokioResolver};

/// The bridge's resolver.
pub struct Resolver {
    inner: TokioResolver,
}

impl Resolver {
    /// Nameservers and options from `/etc/resolv.conf`, names from `/etc/hosts`. Without a readable
    /// resolv.conf, names are looked up in `/etc/hosts` only, and the returned text says so.
    pub fn system() -> (Resolver, Option<String>) {
        let hosts = Hosts::from_system().unwrap_or_default();
        match hickory_resolver::system_conf::read_system_conf() {
            Ok((config, options)) => (Resolver::new(config, options, hosts), None),
            Err(error) => (
                Resolver::new(ResolverConfig::new(), ResolverOpts::default(), hosts),
                Some(format!("/etc/resolv.conf: {error}: names are looked up in /etc/hosts only")),
            ),
        }
    }

    /// A resolver with the given configuration (the search list in `config` is kept, and never applied).
    pub fn new(config: ResolverConfig, mut options: ResolverOpts, hosts: Hosts) -> Resolver {
        // Both families, as getaddrinfo gives them: every address is checked before any is connected to.
        options.ip_strategy = LookupIpStrategy::Ipv4AndIpv6;
        // The hosts file is the one given here, not read again by the builder.
        options.use_hosts_file = ResolveHosts::Never;
        let mut builder = TokioResolver::builder_with_config(config, TokioConnectionProvider::default());
        *builder.options_mut() = options;
        let mut inner = builder.build();
        inner.set_hosts(hosts.into());
        Resolver { inner }
    }

    /// The addresses of `name` (a host name as [`super::allow::parse_host`] reads it, without a trailing
    /// dot), looked up as `name.`. The error is a sentence for the client's status.
    pub async fn lookup(&self, name: &str) -> Result<Vec<IpAddr>, String> {
        let mut absolute = Name::from_ascii(name).map_err(|e| format!("{name}: {e}"))?;
        absolute.set_fqdn(true);
        match self.inner.lookup_ip(absolute).await {
            Ok(found) => Ok(found.iter().collect()),
            Err(error) if error.is_nx_domain() => Err(format!("{name}: no such name")),
            Err(error) if error.is_no_records_found() => Err(format!("{name} has no address")),
            Err(error) => Err(format!("{name}: {error}")),
        }
    }
}
