//! Which network sockets a process tree holds, read from `/proc`: every socket a process has open
//! appears as `socket:[INODE]` among its file descriptors, and the kernel's tables in
//! `/proc/PID/net/{tcp,tcp6,udp,udp6,raw,raw6}` say which of those inodes are IP sockets, with their
//! addresses and state. Unix-domain sockets (X11, D-Bus, WebKit's own IPC) are not network sockets
//! and are only counted.

use std::collections::{BTreeSet, HashMap};
use std::fs;

/// The IP tables of the kernel, by the name they have in `/proc/net`.
const IP_TABLES: [&str; 6] = ["tcp", "tcp6", "udp", "udp6", "raw", "raw6"];

/// `pid` and all its descendants, found through the parent pid in `/proc/*/stat`.
pub fn process_tree(pid: u32) -> Vec<u32> {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    for entry in fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(p) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(stat) = fs::read_to_string(format!("/proc/{p}/stat")) else {
            continue;
        };
        // `pid (comm) state ppid …`; comm may hold spaces and parentheses, so split after the last ')'.
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|s| s.parse::<u32>().ok());
        if let Some(ppid) = ppid {
            children.entry(ppid).or_default().push(p);
        }
    }
    let mut tree = vec![pid];
    let mut i = 0;
    while i < tree.len() {
        if let Some(c) = children.get(&tree[i]) {
            tree.extend(c);
        }
        i += 1;
    }
    tree
}

/// The name of a process (`/proc/PID/comm`).
pub fn process_name(pid: u32) -> String {
    fs::read_to_string(format!("/proc/{pid}/comm"))
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|_| format!("pid {pid}"))
}

/// The inodes of every socket the process has open.
pub fn socket_inodes(pid: u32) -> BTreeSet<u64> {
    let mut inodes = BTreeSet::new();
    for fd in fs::read_dir(format!("/proc/{pid}/fd"))
        .into_iter()
        .flatten()
        .flatten()
    {
        let Ok(target) = fs::read_link(fd.path()) else {
            continue;
        };
        let target = target.to_string_lossy();
        if let Some(n) = target
            .strip_prefix("socket:[")
            .and_then(|s| s.strip_suffix(']'))
            .and_then(|s| s.parse().ok())
        {
            inodes.insert(n);
        }
    }
    inodes
}

/// The IP sockets among `inodes`, described as `tcp 0100007F:1F90 -> 00000000:0000 state 0A`
/// (addresses as the kernel prints them, state 0A = listening), as seen from `pid`'s network
/// namespace.
pub fn ip_sockets(pid: u32, inodes: &BTreeSet<u64>) -> Vec<String> {
    let mut found = Vec::new();
    for table in IP_TABLES {
        let Ok(text) = fs::read_to_string(format!("/proc/{pid}/net/{table}")) else {
            continue;
        };
        for line in text.lines().skip(1) {
            let cols: Vec<&str> = line.split_whitespace().collect();
            let inode = cols.get(9).and_then(|s| s.parse::<u64>().ok());
            if inode.is_some_and(|i| inodes.contains(&i)) {
                found.push(format!(
                    "{table} {} -> {} state {}",
                    cols.get(1).unwrap_or(&"?"),
                    cols.get(2).unwrap_or(&"?"),
                    cols.get(3).unwrap_or(&"?")
                ));
            }
        }
    }
    found
}
