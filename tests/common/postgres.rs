//! The test server's administration, shared by the CLI and end-to-end test binaries: `psql` as the
//! superuser `pg_virtualenv` sets up (PGHOST, PGPORT, PGUSER, PGPASSWORD), on the database `postgres`.

/// Runs one SQL statement as the server's superuser, failing the test with psql's message.
pub fn psql(sql: &str) {
    let out = std::process::Command::new("psql")
        .args([
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-d",
            "postgres",
            "-c",
            sql,
        ])
        .output()
        .unwrap_or_else(|e| panic!("run psql: {e}"));
    assert!(
        out.status.success(),
        "psql {sql}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
