//! The environment WebKitGTK must find when the window starts, in one place for both executables:
//! `coopdesk` sets it when it hands over to the window, and `coopdesk-window`, started some other
//! way, restarts itself with it.
//!
//! WebKitGTK reads these settings from the environment only, when its processes start, and hands the
//! environment on to its web process. `std::env::set_var` is `unsafe` in edition 2024 and the
//! workspace forbids unsafe code, hence an environment given to `exec`. A value the user set
//! (including one that undoes ours) is never overridden. Programs the window starts (the PDF viewer
//! through the opener) inherit the variables; only WebKitGTK reads them.

/// One variable of the window's environment.
pub(crate) struct WebKitVar {
    /// The variable's name.
    pub(crate) name: &'static str,
    /// The value the window runs with unless the user set one.
    pub(crate) value: &'static str,
}

/// What the window runs with on Linux.
///
/// - `WEBKIT_DISABLE_DMABUF_RENDERER=1`: WebKitGTK's DMABUF renderer paints a blank or black window
///   on NVIDIA drivers and some Wayland setups (tauri-apps/tauri#8462, #13899).
/// - `JSC_useJIT=false`: the page runs in JavaScriptCore's interpreter. The window runs only its own
///   small UI, whose work is drawing what the core answers, so it gains nothing measurable from
///   compiling JavaScript to machine code: the start page paints as fast without the JIT (within
///   noise, alternating runs) and the web process holds about 8 MB less (its compilers' code and
///   their output are never touched). It also takes the JIT, the usual target of exploits against a
///   web engine, out of the process that renders case data imported from elsewhere.
pub(crate) const WINDOW_ENV: &[WebKitVar] = &[
    WebKitVar {
        name: "WEBKIT_DISABLE_DMABUF_RENDERER",
        value: "1",
    },
    WebKitVar {
        name: "JSC_useJIT",
        value: "false",
    },
];

/// The variables of [`WINDOW_ENV`] this process's environment lacks (none outside Linux, where the
/// window is not WebKitGTK).
pub(crate) fn missing() -> impl Iterator<Item = &'static WebKitVar> {
    WINDOW_ENV
        .iter()
        .filter(|v| cfg!(target_os = "linux") && std::env::var_os(v.name).is_none())
}
