//! Opening a PostgreSQL connection for a [`TeamTarget`]: password, TLS and time-out as libpq would.
//!
//! TLS goes through the system's OpenSSL (`postgres-openssl`). `prefer` and `require` encrypt without
//! checking the certificate (libpq's meaning of them), `verify-ca` checks the chain against the
//! trusted authorities (the system's, or `sslrootcert`), `verify-full` also the host name.

use std::time::Duration;

use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode};
use postgres::Client;
use postgres::config::SslMode as PgSslMode;
use postgres_openssl::MakeTlsConnector;

use crate::error::{Error, Result};
use crate::pgpass::{self, PgpassLookup};
use crate::target::{Host, SslMode, TeamTarget};

/// How long to wait for a server that does not answer, unless the URI says otherwise.
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

pub(super) fn connect(target: &TeamTarget) -> Result<Client> {
    let mut config = postgres::Config::new();
    match &target.host {
        Host::Tcp(h) => config.host(h),
        Host::Socket(dir) => config.host_path(dir),
    };
    config
        .port(target.port)
        .user(&target.user)
        .dbname(&target.dbname)
        .application_name("coopdesk")
        .connect_timeout(
            target
                .connect_timeout
                .map_or(DEFAULT_CONNECT_TIMEOUT, Duration::from_secs),
        )
        .ssl_mode(match target.sslmode {
            SslMode::Disable => PgSslMode::Disable,
            SslMode::Prefer => PgSslMode::Prefer,
            SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull => PgSslMode::Require,
        });

    // The password: the URI or PGPASSWORD (already in the target), else the password file.
    let mut pgpass_note = None;
    match &target.password {
        Some(p) => {
            config.password(p.as_bytes());
        }
        None => {
            if let Some(path) = pgpass::pgpass_path(&|n| std::env::var(n).ok()) {
                match pgpass::lookup(&path, target) {
                    PgpassLookup::Found(p) => {
                        config.password(p.as_bytes());
                    }
                    PgpassLookup::NotFound => {}
                    PgpassLookup::Ignored(why) => pgpass_note = Some(why),
                }
            }
        }
    }

    let tls = tls_connector(target)?;
    config.connect(tls).map_err(|e| {
        let mut err = super::pg_error(target, e);
        if let (Error::Team { reason, .. }, Some(note)) = (&mut err, pgpass_note) {
            reason.push_str(&format!(" (note: {note})"));
        }
        if let Error::Team { reason, .. } = &mut err
            && reason.contains("password missing")
        {
            reason.push_str(
                "; the server asks for a password: give it in PGPASSWORD or ~/.pgpass (chmod 600), \
                 or run the command in a terminal to be asked",
            );
        }
        err
    })
}

fn tls_connector(target: &TeamTarget) -> Result<MakeTlsConnector> {
    let tls_error = |e: openssl::error::ErrorStack| Error::Team {
        target: target.to_string(),
        reason: format!("TLS cannot be set up: {e}"),
    };
    let mut builder = SslConnector::builder(SslMethod::tls()).map_err(tls_error)?;
    if let Some(ca) = &target.sslrootcert {
        builder.set_ca_file(ca).map_err(|e| Error::Team {
            target: target.to_string(),
            reason: format!("sslrootcert {} cannot be read: {e}", ca.display()),
        })?;
    }
    match target.sslmode {
        SslMode::Disable | SslMode::Prefer | SslMode::Require => {
            builder.set_verify(SslVerifyMode::NONE)
        }
        SslMode::VerifyCa | SslMode::VerifyFull => builder.set_verify(SslVerifyMode::PEER),
    }
    let mut connector = MakeTlsConnector::new(builder.build());
    if target.sslmode != SslMode::VerifyFull {
        // Host names are checked only by verify-full (with verify-ca the chain alone counts).
        connector.set_callback(|config, _domain| {
            config.set_verify_hostname(false);
            Ok(())
        });
    }
    Ok(connector)
}
