//! What `--db` names: an embedded SQLite file or an office's team database on a PostgreSQL server.
//!
//! A value starting with `postgresql://` or `postgres://` is a libpq connection URI
//! (`postgresql://[user[:password]@][host][:port][/dbname][?param=value&…]`); anything else is a
//! path. The URI is read here, without the PostgreSQL client, so that a mistyped address is refused
//! with a message naming the part that is wrong before any connection is tried, and so that this
//! module builds without the `team` feature. Parts the URI leaves out come from the same
//! environment variables libpq reads (`PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`, `PGPASSWORD`,
//! `PGSSLMODE`, `PGSSLROOTCERT`), so `coopdesk --db postgresql:// …` works wherever `psql` does.

use std::fmt;
use std::path::PathBuf;

use zeroize::Zeroizing;

/// Default port of a PostgreSQL server.
pub const DEFAULT_PORT: u16 = 5432;
/// Where Debian's and Ubuntu's PostgreSQL (and their libpq) put the server's Unix socket.
pub const DEFAULT_SOCKET_DIR: &str = "/var/run/postgresql";

/// A database `--db` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// An embedded SQLite file.
    Sqlite(PathBuf),
    /// A team database on a PostgreSQL server.
    Team(TeamTarget),
}

/// How a team database is reached: libpq's connection parameters that Cooperation Desk uses.
#[derive(Clone, PartialEq, Eq)]
pub struct TeamTarget {
    /// The server: a host name or address, or the directory of its Unix socket.
    pub host: Host,
    /// TCP port (also names the socket file `.s.PGSQL.<port>`).
    pub port: u16,
    /// The login role.
    pub user: String,
    /// The database.
    pub dbname: String,
    /// The password, if the URI or `PGPASSWORD` gave one; otherwise `~/.pgpass` is asked at
    /// connection time. Wiped from memory when dropped; never shown.
    pub password: Option<Zeroizing<String>>,
    /// Whether and how TLS is used.
    pub sslmode: SslMode,
    /// A file of trusted certificate authorities (PEM) for `verify-ca`/`verify-full`, instead of
    /// the system's.
    pub sslrootcert: Option<PathBuf>,
    /// Seconds to wait for the connection before giving up.
    pub connect_timeout: Option<u64>,
}

/// Where the server is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    /// Over TCP, to a name or address.
    Tcp(String),
    /// Over the Unix socket in this directory.
    Socket(PathBuf),
}

/// libpq's `sslmode` values Cooperation Desk accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    /// No TLS.
    Disable,
    /// TLS if the server offers it (libpq's default).
    Prefer,
    /// TLS, without checking the server's certificate (protects against listening, not against an
    /// impostor).
    Require,
    /// TLS with a certificate signed by a trusted authority, for any host name.
    VerifyCa,
    /// TLS with a trusted certificate issued for the host connected to.
    VerifyFull,
}

impl SslMode {
    /// The accepted spellings, for messages.
    pub const ACCEPTED: &'static str = "disable, prefer, require, verify-ca, verify-full";

    fn parse(s: &str) -> Option<SslMode> {
        Some(match s {
            "disable" => SslMode::Disable,
            "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            _ => return None,
        })
    }

    /// libpq's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Prefer => "prefer",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }
}

/// A `--db` value that starts like a PostgreSQL URI but cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("--db {shown}: {reason}")]
pub struct TargetError {
    /// The value as given, with any password replaced by `***`.
    pub shown: String,
    /// What is wrong, naming the part.
    pub reason: String,
}

impl Target {
    /// Reads a `--db` value, filling what a URI leaves out from the process environment as libpq
    /// does.
    pub fn parse(value: &str) -> Result<Target, TargetError> {
        Self::parse_with_env(value, &|name| std::env::var(name).ok())
    }

    /// Like [`Target::parse`] with the environment given (tests pass their own).
    pub fn parse_with_env(
        value: &str,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Target, TargetError> {
        match strip_scheme(value) {
            Some(rest) => parse_uri(value, rest, env).map(Target::Team),
            None => Ok(Target::Sqlite(PathBuf::from(value))),
        }
    }

    /// Whether a `--db` value is meant as a team database (it starts with a PostgreSQL scheme).
    pub fn is_team_uri(value: &str) -> bool {
        strip_scheme(value).is_some()
    }
}

fn strip_scheme(value: &str) -> Option<&str> {
    value
        .strip_prefix("postgresql://")
        .or_else(|| value.strip_prefix("postgres://"))
}

/// The URI with its password hidden, for messages.
fn redact(value: &str) -> String {
    let Some(rest) = strip_scheme(value) else {
        return value.to_owned();
    };
    let scheme = &value[..value.len() - rest.len()];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let authority = match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{user}:***@{host}"),
            None => authority.to_owned(),
        },
        None => authority.to_owned(),
    };
    // A password may also come as a query parameter.
    let tail = tail
        .split('&')
        .map(|part| {
            let (lead, kv) = match part.split_once('?') {
                Some((l, kv)) => (format!("{l}?"), kv),
                None => (String::new(), part),
            };
            if kv.starts_with("password=") {
                format!("{lead}password=***")
            } else {
                part.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("&");
    format!("{scheme}{authority}{tail}")
}

fn parse_uri(
    whole: &str,
    rest: &str,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<TeamTarget, TargetError> {
    let fail = |reason: String| TargetError {
        shown: redact(whole),
        reason,
    };
    let (before_query, query) = match rest.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (rest, None),
    };
    let (authority, path) = match before_query.split_once('/') {
        Some((a, p)) => (a, Some(p)),
        None => (before_query, None),
    };
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, authority),
    };

    let mut user = None;
    let mut password = None;
    if let Some(userinfo) = userinfo {
        let (u, p) = match userinfo.split_once(':') {
            Some((u, p)) => (u, Some(p)),
            None => (userinfo, None),
        };
        if !u.is_empty() {
            user = Some(decode(u).map_err(|e| fail(format!("the user name {e}")))?);
        }
        if let Some(p) = p {
            password = Some(Zeroizing::new(
                decode(p).map_err(|e| fail(format!("the password {e}")))?,
            ));
        }
    }

    if hostport.contains(',') {
        return Err(fail(
            "several hosts are not supported; give the one server to connect to".to_owned(),
        ));
    }
    let (host_part, port_part) = split_host_port(hostport).map_err(&fail)?;
    let mut host = if host_part.is_empty() {
        None
    } else {
        Some(decode(host_part).map_err(|e| fail(format!("the host {e}")))?)
    };
    let mut port = match port_part {
        Some(p) => Some(parse_port(p).map_err(&fail)?),
        None => None,
    };
    let mut dbname = match path {
        Some(p) if !p.is_empty() => {
            Some(decode(p).map_err(|e| fail(format!("the database name {e}")))?)
        }
        _ => None,
    };

    let mut sslmode = None;
    let mut sslrootcert = None;
    let mut connect_timeout = None;
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let Some((key, value)) = pair.split_once('=') else {
            return Err(fail(format!(
                "parameter \"{pair}\" has no value (write name=value)"
            )));
        };
        let value = decode(value).map_err(|e| fail(format!("parameter {key} {e}")))?;
        match key {
            "host" => host = Some(value),
            "port" => port = Some(parse_port(&value).map_err(&fail)?),
            "user" => user = Some(value),
            "dbname" => dbname = Some(value),
            "password" => password = Some(Zeroizing::new(value)),
            "sslmode" => {
                sslmode = Some(SslMode::parse(&value).ok_or_else(|| {
                    fail(format!(
                        "sslmode \"{value}\" is not supported; use one of {}",
                        SslMode::ACCEPTED
                    ))
                })?)
            }
            "sslrootcert" => sslrootcert = Some(PathBuf::from(value)),
            "connect_timeout" => {
                connect_timeout = Some(value.parse::<u64>().map_err(|_| {
                    fail(format!(
                        "connect_timeout \"{value}\" is not a number of seconds"
                    ))
                })?)
            }
            // Harmless for us: libpq's name of the program, shown in pg_stat_activity.
            "application_name" => {}
            other => {
                return Err(fail(format!(
                    "parameter \"{other}\" is not supported; use host, port, user, dbname, password, \
                     sslmode, sslrootcert, connect_timeout or application_name"
                )));
            }
        }
    }

    // What the URI leaves out, from the environment, as libpq does.
    let host = host
        .or_else(|| env("PGHOST").filter(|h| !h.is_empty()))
        .unwrap_or_else(|| DEFAULT_SOCKET_DIR.to_owned());
    let port = match port {
        Some(p) => p,
        None => match env("PGPORT").filter(|p| !p.is_empty()) {
            Some(p) => parse_port(&p).map_err(|r| fail(format!("PGPORT: {r}")))?,
            None => DEFAULT_PORT,
        },
    };
    let user = user
        .or_else(|| env("PGUSER").filter(|u| !u.is_empty()))
        .or_else(|| env("USER").filter(|u| !u.is_empty()))
        .ok_or_else(|| {
            fail("no user name: write user@ before the host, or set PGUSER".to_owned())
        })?;
    let dbname = dbname
        .or_else(|| env("PGDATABASE").filter(|d| !d.is_empty()))
        .unwrap_or_else(|| user.clone());
    let password = password.or_else(|| env("PGPASSWORD").map(Zeroizing::new));
    let sslmode = match sslmode {
        Some(m) => m,
        None => match env("PGSSLMODE").filter(|m| !m.is_empty()) {
            Some(m) => SslMode::parse(&m).ok_or_else(|| {
                fail(format!(
                    "PGSSLMODE \"{m}\" is not supported; use one of {}",
                    SslMode::ACCEPTED
                ))
            })?,
            None => SslMode::Prefer,
        },
    };
    let sslrootcert = sslrootcert.or_else(|| env("PGSSLROOTCERT").map(PathBuf::from));

    let host = if host.starts_with('/') {
        if matches!(
            sslmode,
            SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull
        ) {
            return Err(fail(format!(
                "sslmode={} needs a TCP connection, but the host {host} is a socket directory",
                sslmode.as_str()
            )));
        }
        Host::Socket(PathBuf::from(host))
    } else {
        Host::Tcp(host)
    };
    Ok(TeamTarget {
        host,
        port,
        user,
        dbname,
        password,
        sslmode,
        sslrootcert,
        connect_timeout,
    })
}

/// Splits `host[:port]`, where the host may be an IPv6 address in brackets.
fn split_host_port(s: &str) -> Result<(&str, Option<&str>), String> {
    if let Some(inner) = s.strip_prefix('[') {
        let Some((addr, after)) = inner.split_once(']') else {
            return Err(format!("the IPv6 address in \"{s}\" lacks its closing ]"));
        };
        return match after {
            "" => Ok((addr, None)),
            p => match p.strip_prefix(':') {
                Some(port) => Ok((addr, Some(port))),
                None => Err(format!("unexpected \"{p}\" after the IPv6 address")),
            },
        };
    }
    Ok(match s.split_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (s, None),
    })
}

fn parse_port(p: &str) -> Result<u16, String> {
    match p.parse::<u16>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("port \"{p}\" is not a number from 1 to 65535")),
    }
}

/// Percent-decoding (`%2F` → `/`), as URIs need for socket directories and unusual names.
fn decode(s: &str) -> Result<String, String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| format!("has a % not followed by two hex digits in \"{s}\""))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| format!("is not UTF-8 once decoded: \"{s}\""))
}

impl fmt::Display for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Host::Tcp(h) if h.contains(':') => write!(f, "[{h}]"),
            Host::Tcp(h) => f.write_str(h),
            Host::Socket(dir) => write!(f, "{}", dir.display()),
        }
    }
}

/// `register@db.example:5432 as alice`: where and as whom, never the password.
impl TeamTarget {
    /// The register without the login: `dbname@host:port` (a socket shows its folder, no port).
    pub fn register(&self) -> String {
        match self.host {
            Host::Tcp(_) => format!("{}@{}:{}", self.dbname, self.host, self.port),
            Host::Socket(_) => format!("{}@{}", self.dbname, self.host),
        }
    }
}

impl fmt::Display for TeamTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} as {}", self.register(), self.user)
    }
}

impl fmt::Debug for TeamTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TeamTarget")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("user", &self.user)
            .field("dbname", &self.dbname)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("sslmode", &self.sslmode)
            .field("sslrootcert", &self.sslrootcert)
            .field("connect_timeout", &self.connect_timeout)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    fn team(value: &str) -> TeamTarget {
        match Target::parse_with_env(value, &no_env) {
            Ok(Target::Team(t)) => t,
            other => panic!("{value} should be a team target, got {other:?}"),
        }
    }

    fn refused(value: &str) -> TargetError {
        match Target::parse_with_env(value, &no_env) {
            Err(e) => e,
            Ok(t) => panic!("{value} should be refused, got {t:?}"),
        }
    }

    #[test]
    fn a_path_is_sqlite() {
        assert_eq!(
            Target::parse_with_env("/tmp/cases.sqlite", &no_env),
            Ok(Target::Sqlite(PathBuf::from("/tmp/cases.sqlite")))
        );
        assert_eq!(
            Target::parse_with_env("postgresql.sqlite", &no_env),
            Ok(Target::Sqlite(PathBuf::from("postgresql.sqlite")))
        );
    }

    #[test]
    fn a_full_uri_is_read_part_by_part() {
        let t = team("postgresql://alice:s%40cret@db.example:6543/register?sslmode=verify-full");
        assert_eq!(t.host, Host::Tcp("db.example".into()));
        assert_eq!(t.port, 6543);
        assert_eq!(t.user, "alice");
        assert_eq!(t.dbname, "register");
        assert_eq!(t.password.as_deref().map(String::as_str), Some("s@cret"));
        assert_eq!(t.sslmode, SslMode::VerifyFull);
        assert_eq!(t.to_string(), "register@db.example:6543 as alice");
        assert!(!format!("{t:?}").contains("s@cret"), "Debug never shows it");
    }

    #[test]
    fn missing_parts_come_from_the_environment_like_libpq() {
        let env = |name: &str| {
            Some(
                match name {
                    "PGHOST" => "/tmp/pgsock",
                    "PGPORT" => "5433",
                    "PGUSER" => "bob",
                    "PGPASSWORD" => "pw",
                    _ => return None,
                }
                .to_owned(),
            )
        };
        let Ok(Target::Team(t)) = Target::parse_with_env("postgres://", &env) else {
            panic!("postgres:// with the environment is a team target");
        };
        assert_eq!(t.host, Host::Socket("/tmp/pgsock".into()));
        assert_eq!(
            (t.port, t.user.as_str(), t.dbname.as_str()),
            (5433, "bob", "bob")
        );
        assert_eq!(t.password.as_deref().map(String::as_str), Some("pw"));
        assert_eq!(t.sslmode, SslMode::Prefer);
    }

    #[test]
    fn sockets_ipv6_and_query_parameters() {
        let t = team("postgresql://u@%2Fvar%2Frun%2Fpostgresql/reg");
        assert_eq!(t.host, Host::Socket("/var/run/postgresql".into()));
        let t = team("postgresql://u@[::1]:5444/reg?connect_timeout=3&application_name=x");
        assert_eq!(t.host, Host::Tcp("::1".into()));
        assert_eq!((t.port, t.connect_timeout), (5444, Some(3)));
        assert_eq!(t.to_string(), "reg@[::1]:5444 as u");
        let t = team("postgresql:///reg?host=/tmp/s&user=carol&port=7000");
        assert_eq!(t.host, Host::Socket("/tmp/s".into()));
        assert_eq!((t.user.as_str(), t.port), ("carol", 7000));
    }

    #[test]
    fn bad_uris_are_refused_naming_the_part_and_hiding_the_password() {
        let e = refused("postgresql://alice:topsecret@db:99999/reg");
        assert!(e.reason.contains("port \"99999\""), "{e}");
        assert!(!e.to_string().contains("topsecret"), "{e}");
        assert!(e.to_string().contains("alice:***@db"), "{e}");
        let e = refused("postgresql://u@db/reg?sslmode=allow");
        assert!(e.reason.contains(SslMode::ACCEPTED), "{e}");
        let e = refused("postgresql://u@db/reg?sslmod=require");
        assert!(e.reason.contains("\"sslmod\" is not supported"), "{e}");
        let e = refused("postgresql://u@a,b/reg");
        assert!(e.reason.contains("several hosts"), "{e}");
        let e = refused("postgresql://u@db/re%zzg");
        assert!(e.reason.contains("database name"), "{e}");
        let e = refused("postgresql://u@[::1/reg");
        assert!(e.reason.contains("closing ]"), "{e}");
        let e = refused("postgresql://u@/reg?sslmode=require&host=/tmp");
        assert!(e.reason.contains("needs a TCP connection"), "{e}");
        let e = refused("postgresql://u@db/reg?password=hunter2&x");
        assert!(!e.to_string().contains("hunter2"), "{e}");
        let e = Target::parse_with_env("postgresql://db/reg", &no_env).expect_err("no user");
        assert!(e.reason.contains("PGUSER"), "{e}");
    }
}
