//! `coopdesk`: the Cooperation Desk command line, and the way into its window.
//!
//! With a subcommand (`coopdesk case list`, ...) it runs the command line of `coopdesk-cli` and exits;
//! without one it hands over to `coopdesk-window`, installed beside it, with the same arguments.
//!
//! Why two executables: a program linked against GTK and WebKitGTK loads and relocates some 170
//! libraries before `main`, about 70–130 ms on the machines we measure, which is more than a whole
//! `coopdesk screen` or `coopdesk brief` needs otherwise. This binary links none of them, so every
//! command starts like any small program; the window pays for WebKitGTK only when it is opened. On
//! Unix the hand-over is an `exec`: the process (and its id, which launchers and WebKitWebDriver
//! track) stays the same.

use std::process::ExitCode;

use coopdesk_cli::Invocation;

mod webkit_env;

fn main() -> ExitCode {
    match coopdesk_cli::invocation() {
        Invocation::Exit(code) => code,
        Invocation::Window { .. } => window::open(),
    }
}

mod window {
    use std::path::PathBuf;
    use std::process::{Command, ExitCode};

    /// Replaces this process with the window (Unix) or runs it and passes on its exit code.
    pub(crate) fn open() -> ExitCode {
        let exe = match window_exe() {
            Ok(exe) => exe,
            Err(e) => {
                eprintln!("coopdesk: cannot find the window program: {e}");
                return ExitCode::FAILURE;
            }
        };
        let mut args = std::env::args_os();
        let arg0 = args.next();
        let mut command = Command::new(&exe);
        command.args(args);
        // What WebKitGTK must find in its environment (`webkit_env`), unless the user set it.
        for var in crate::webkit_env::missing() {
            command.env(var.name, var.value);
        }
        hand_over(command, arg0, &exe)
    }

    #[cfg(unix)]
    fn hand_over(
        mut command: Command,
        arg0: Option<std::ffi::OsString>,
        exe: &std::path::Path,
    ) -> ExitCode {
        use std::os::unix::process::CommandExt;
        if let Some(arg0) = arg0 {
            command.arg0(arg0);
        }
        // Only returns when exec failed.
        let error = command.exec();
        eprintln!(
            "coopdesk: cannot start the window ({}): {error}",
            exe.display()
        );
        ExitCode::FAILURE
    }

    #[cfg(not(unix))]
    fn hand_over(
        mut command: Command,
        _arg0: Option<std::ffi::OsString>,
        exe: &std::path::Path,
    ) -> ExitCode {
        match command.status() {
            Ok(status) => status
                .code()
                .and_then(|c| u8::try_from(c).ok())
                .map_or(ExitCode::FAILURE, ExitCode::from),
            Err(e) => {
                eprintln!("coopdesk: cannot start the window ({}): {e}", exe.display());
                ExitCode::FAILURE
            }
        }
    }

    fn window_exe() -> Result<PathBuf, String> {
        let me = std::env::current_exe().map_err(|e| format!("where is this program? {e}"))?;
        // Beside this one: `coopdesk-window`, or `coopdesk-window.exe` on Windows.
        let exe = me.with_file_name(format!("coopdesk-window{}", std::env::consts::EXE_SUFFIX));
        if exe.is_file() {
            Ok(exe)
        } else {
            Err(format!(
                "{} is missing; it is installed with coopdesk (in a build tree: cargo build -p coopdesk)",
                exe.display()
            ))
        }
    }
}
