//! The command line starts like a small program: it links neither GTK nor WebKitGTK, which only the
//! window (`coopdesk-window`, beside it) needs.

use std::path::Path;
use std::process::Command;

/// The shared libraries the dynamic linker would load for `exe`, as `ldd` lists them.
fn linked_libraries(exe: &Path) -> String {
    let out = Command::new("ldd")
        .arg(exe)
        .output()
        .unwrap_or_else(|e| panic!("ldd {}: {e}", exe.display()));
    assert!(out.status.success(), "ldd {} failed", exe.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
#[cfg(target_os = "linux")]
fn the_command_line_links_no_window_libraries_and_the_window_does() {
    let cli = Path::new(env!("CARGO_BIN_EXE_coopdesk"));
    let window = Path::new(env!("CARGO_BIN_EXE_coopdesk-window"));
    let cli_libs = linked_libraries(cli);
    for lib in [
        "libgtk-3",
        "libwebkit2gtk",
        "libjavascriptcoregtk",
        "libsoup",
    ] {
        assert!(
            !cli_libs.contains(lib),
            "coopdesk links {lib}; only coopdesk-window may:\n{cli_libs}"
        );
    }
    // The check above means something only if ldd does list the window's libraries.
    let window_libs = linked_libraries(window);
    assert!(
        window_libs.contains("libwebkit2gtk") && window_libs.contains("libgtk-3"),
        "coopdesk-window should link WebKitGTK and GTK:\n{window_libs}"
    );
}

#[test]
fn a_missing_window_program_is_a_clear_error() {
    // A copy of `coopdesk` alone in a folder: asked for the window, it says what is missing.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let lone = dir
        .path()
        .join(format!("coopdesk{}", std::env::consts::EXE_SUFFIX));
    std::fs::copy(env!("CARGO_BIN_EXE_coopdesk"), &lone).unwrap_or_else(|e| panic!("copy: {e}"));
    let out = Command::new(&lone)
        .arg("--db")
        .arg(dir.path().join("cases.sqlite"))
        .env("COOPDESK_DATA_DIR", dir.path())
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", lone.display()));
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("coopdesk-window") && stderr.contains("missing"),
        "stderr: {stderr}"
    );
    assert!(
        !dir.path().join("cases.sqlite").exists(),
        "nothing is created when the window cannot start"
    );
}

#[test]
fn the_window_takes_only_the_window_options() {
    let window = Path::new(env!("CARGO_BIN_EXE_coopdesk-window"));
    let help = Command::new(window)
        .arg("--help")
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", window.display()));
    assert!(help.status.success(), "{help:?}");
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(
        text.contains("--db") && text.contains("--demo") && !text.contains("Commands:"),
        "the window's help: {text}"
    );
    // A subcommand is the command line's business; the window refuses it before opening anything.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let db = dir.path().join("cases.sqlite");
    let out = Command::new(window)
        .arg("--db")
        .arg(&db)
        .args(["case", "list"])
        .env("COOPDESK_DATA_DIR", dir.path())
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", window.display()));
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("'case'"), "stderr: {stderr}");
    assert!(!db.exists(), "nothing is created for refused arguments");
}
