//! A DNS server on 127.0.0.1 (UDP, port 0) for the resolver's tests: it answers `A` queries from a table,
//! `NXDOMAIN` for names not in it, and remembers every name it was asked; or it never answers at all. Messages
//! are hickory-proto's, so nothing of the wire format is written here.

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};

use hickory_resolver::config::{NameServerConfig, ResolverConfig, ResolverOpts};
use hickory_resolver::proto::op::{Message, MessageType, ResponseCode};
use hickory_resolver::proto::rr::rdata::A;
use hickory_resolver::proto::rr::{RData, Record, RecordType};
use hickory_resolver::proto::xfer::Protocol;
use hickory_resolver::{Hosts, Name};
use tokio::net::UdpSocket;
use tokio::task::JoinHandle;

use super::resolve::Resolver;

/// The server; it stops when dropped.
pub struct TestDns {
    pub addr: SocketAddr,
    asked: Arc<Mutex<Vec<String>>>,
    task: JoinHandle<()>,
}

impl TestDns {
    /// Answers `A` queries for the names in `records` (written fully qualified, `mail.corp.test.`).
    pub async fn start(records: &[(&str, Ipv4Addr)]) -> TestDns {
        let table: HashMap<String, Ipv4Addr> = records.iter().map(|(name, ip)| (name.to_string(), *ip)).collect();
        TestDns::serve(Some(table)).await
    }

    /// Reads queries and never answers.
    pub async fn silent() -> TestDns {
        TestDns::serve(None).await
    }

    async fn serve(table: Option<HashMap<String, Ipv4Addr>>) -> TestDns {
        let socket = UdpSocket::bind("127.0.0.1:0").await.unwrap();
        let addr = socket.local_addr().unwrap();
        let asked = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&asked);
        let task = tokio::spawn(async move {
            let mut buf = [0u8; 512];
            while let Ok((n, from)) = socket.recv_from(&mut buf).await {
                let Ok(query) = Message::from_vec(&buf[..n]) else { continue };
                let Some(question) = query.query().cloned() else { continue };
                let name = question.name().to_ascii().to_ascii_lowercase();
                log.lock().unwrap().push(name.clone());
                let Some(table) = &table else { continue };
                let mut reply = Message::new();
                reply
                    .set_id(query.id())
                    .set_message_type(MessageType::Response)
                    .set_op_code(query.op_code())
                    .set_recursion_desired(query.recursion_desired())
                    .set_recursion_available(true)
                    .add_query(question.clone());
                match table.get(&name) {
                    Some(ip) if question.query_type() == RecordType::A => {
                        reply.add_answer(Record::from_rdata(question.name().clone(), 60, RData::A(A(*ip))));
                    }
                    Some(_) => {}
                    None => {
                        reply.set_response_code(ResponseCode::NXDomain);
                    }
                }
                let _ = socket.send_to(&reply.to_vec().unwrap(), from).await;
            }
        });
        TestDns { addr, asked, task }
    }

    /// The names asked so far, lower case, fully qualified.
    pub fn asked(&self) -> Vec<String> {
        self.asked.lock().unwrap().clone()
    }

    /// A resolver that asks only this server, with `search` as its search list (and `domain`), `ndots` as
    /// given, and `hosts` (a hosts file's text) as its hosts file.
    pub fn resolver(&self, search: &str, ndots: usize, hosts: &str) -> Resolver {
        let search: Name = search.parse().unwrap();
        let server = NameServerConfig::new(self.addr, Protocol::Udp);
        let config = ResolverConfig::from_parts(Some(search.clone()), vec![search], vec![server]);
        // hickory's own per-query timeout is made long, so that the bridge's deadline is what ends a lookup.
        let mut options = ResolverOpts::default();
        options.ndots = ndots;
        options.timeout = std::time::Duration::from_secs(3600);
        options.attempts = 1;
        let mut table = Hosts::default();
        table.read_hosts_conf(hosts.as_bytes()).unwrap();
        Resolver::new(config, options, table)
    }
}

impl Drop for TestDns {
    fn drop(&mut self) {
        self.task.abort();
    }
}
