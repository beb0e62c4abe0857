//! `~/.pgpass`: the password file libpq reads, read the same way, since the Rust PostgreSQL client
//! does not read it.
//!
//! Each line is `hostname:port:database:username:password`; `*` matches anything in the first four
//! fields, `\:` and `\\` stand for a colon and a backslash, lines starting with `#` are comments, and
//! the first matching line wins. As in libpq, a Unix-socket connection matches the host name
//! `localhost`, and a file that others can read (mode wider than 0600) is ignored, with the reason
//! returned so the caller can say so.

use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::target::{Host, TeamTarget};

/// Where the password file is: `PGPASSFILE`, or `.pgpass` in the home directory.
pub fn pgpass_path(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    env("PGPASSFILE")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            env("HOME")
                .filter(|h| !h.is_empty())
                .map(|h| Path::new(&h).join(".pgpass"))
        })
}

/// What looking in the password file found.
#[derive(Debug, PartialEq, Eq)]
pub enum PgpassLookup {
    /// A matching line's password.
    Found(Zeroizing<String>),
    /// No file, or no line for this connection.
    NotFound,
    /// The file exists but was not used; the reason says why (for a warning).
    Ignored(String),
}

/// Looks up the password for `target` in the file at `path`.
pub fn lookup(path: &Path, target: &TeamTarget) -> PgpassLookup {
    let Ok(meta) = std::fs::metadata(path) else {
        return PgpassLookup::NotFound;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode();
        if mode & 0o077 != 0 {
            return PgpassLookup::Ignored(format!(
                "{} is readable by others (mode {:o}); it was ignored, as libpq does. Make it private \
                 with: chmod 600 {}",
                path.display(),
                mode & 0o777,
                path.display()
            ));
        }
    }
    if !meta.is_file() {
        return PgpassLookup::Ignored(format!("{} is not a file; it was ignored", path.display()));
    }
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let text = Zeroizing::new(text);
            match find(&text, target) {
                Some(p) => PgpassLookup::Found(p),
                None => PgpassLookup::NotFound,
            }
        }
        Err(e) => PgpassLookup::Ignored(format!("{} cannot be read: {e}", path.display())),
    }
}

/// The first line of a password file's `text` that matches `target`.
pub fn find(text: &str, target: &TeamTarget) -> Option<Zeroizing<String>> {
    let host = match &target.host {
        Host::Tcp(h) => h.clone(),
        Host::Socket(_) => "localhost".to_owned(),
    };
    let port = target.port.to_string();
    let wanted = [
        host.as_str(),
        port.as_str(),
        target.dbname.as_str(),
        target.user.as_str(),
    ];
    for line in text.lines() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields = split_fields(line);
        if fields.len() < 5 {
            continue;
        }
        let matches = fields
            .iter()
            .zip(wanted)
            .all(|(field, want)| field.as_str() == "*" || field.as_str() == want);
        if matches {
            // A colon in the password that was not escaped belongs to the password (libpq joins
            // the rest of the line).
            let password = fields[4..]
                .iter()
                .map(|f| f.as_str())
                .collect::<Vec<_>>()
                .join(":");
            return Some(Zeroizing::new(password));
        }
    }
    None
}

/// Splits a line at unescaped colons, undoing `\:` and `\\`.
fn split_fields(line: &str) -> Vec<Zeroizing<String>> {
    let mut fields = vec![Zeroizing::new(String::new())];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next()
                    && let Some(last) = fields.last_mut()
                {
                    last.push(next);
                }
            }
            ':' => fields.push(Zeroizing::new(String::new())),
            other => {
                if let Some(last) = fields.last_mut() {
                    last.push(other);
                }
            }
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::Target;

    fn target(uri: &str) -> TeamTarget {
        match Target::parse_with_env(uri, &|_| None) {
            Ok(Target::Team(t)) => t,
            other => panic!("{uri}: {other:?}"),
        }
    }

    const FILE: &str = "# office servers\n\
        db.example:5432:register:alice:first\\:pw\n\
        db.example:*:*:alice:second\n\
        localhost:5432:*:bob:sock\\\\et\n\
        *:*:*:*:fallback:with:colons\n";

    #[test]
    fn the_first_matching_line_wins_with_wildcards_and_escapes() {
        let pw = |uri: &str| find(FILE, &target(uri)).map(|p| p.to_string());
        assert_eq!(
            pw("postgresql://alice@db.example/register").as_deref(),
            Some("first:pw")
        );
        assert_eq!(
            pw("postgresql://alice@db.example:6000/other").as_deref(),
            Some("second")
        );
        assert_eq!(pw("postgresql://bob@%2Ftmp/x").as_deref(), Some("sock\\et"));
        assert_eq!(
            pw("postgresql://carol@elsewhere/x").as_deref(),
            Some("fallback:with:colons")
        );
        assert_eq!(
            find(
                "# only a comment\n\nshort:line\n",
                &target("postgresql://a@b/c")
            ),
            None
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_file_others_can_read_is_ignored_like_libpq() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(".pgpass");
        std::fs::write(&path, "*:*:*:*:pw\n").expect("write pgpass");
        let t = target("postgresql://a@b/c");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        assert!(matches!(lookup(&path, &t), PgpassLookup::Ignored(r) if r.contains("chmod 600")));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        assert_eq!(
            lookup(&path, &t),
            PgpassLookup::Found(Zeroizing::new("pw".into()))
        );
        assert_eq!(lookup(&dir.path().join("none"), &t), PgpassLookup::NotFound);
    }

    #[test]
    fn pgpassfile_overrides_home() {
        let env = |n: &str| match n {
            "PGPASSFILE" => Some("/etc/pw".to_owned()),
            "HOME" => Some("/home/a".to_owned()),
            _ => None,
        };
        assert_eq!(pgpass_path(&env), Some(PathBuf::from("/etc/pw")));
        let env = |n: &str| (n == "HOME").then(|| "/home/a".to_owned());
        assert_eq!(pgpass_path(&env), Some(PathBuf::from("/home/a/.pgpass")));
    }
}
