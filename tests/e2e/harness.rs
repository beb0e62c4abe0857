//! What the window tests stand on: a private `tauri-driver`, WebDriver sessions on the real
//! `coopdesk` binary, and waits that fail with a message, a screenshot and the page source.
//!
//! Every test gets its own temporary directory (database, XDG folders, logs) and its own pair of
//! ports, so tests never touch the user's data and never share a driver.

use std::fmt;
use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use tempfile::TempDir;

/// The binary under test, built by Cargo for this test target.
pub const APP: &str = env!("CARGO_BIN_EXE_coopdesk");

/// How long one step may take: long enough for a debug build on a busy 2-core machine, short
/// enough that a broken selector fails the run in reasonable time.
pub const STEP_TIMEOUT: Duration = Duration::from_secs(20);

/// How long starting the driver or a window may take.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// How often waits poll the page.
const POLL: Duration = Duration::from_millis(150);

/// A failed step, already reported with a screenshot where a window was open.
#[derive(Debug)]
pub struct Failure(pub String);

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Result of one step of a scenario.
pub type Step<T> = Result<T, Failure>;

/// Where failure screenshots, page sources and driver logs go: `target/e2e-artifacts/`.
pub fn artifacts_dir() -> PathBuf {
    // CARGO_BIN_EXE_coopdesk is <target>/<profile>/coopdesk.
    let target = Path::new(APP)
        .parent()
        .and_then(Path::parent)
        .unwrap_or_else(|| Path::new("target"));
    target.join("e2e-artifacts")
}

/// One test's world: a temporary directory with the database, and a running `tauri-driver`.
///
/// Dropping it stops the driver and everything it started (WebKitWebDriver and the app), which
/// all live in the driver's own process group.
pub struct World {
    name: String,
    /// A team database's address the window and the CLI use instead of the test's file.
    team: Option<String>,
    dir: TempDir,
    driver: Child,
    port: u16,
    shots: AtomicUsize,
}

impl World {
    /// Starts `tauri-driver` on free ports and waits until it answers.
    pub fn start(name: &str) -> World {
        let dir = tempfile::Builder::new()
            .prefix(&format!("coopdesk-e2e-{name}-"))
            .tempdir()
            .expect("create a temporary directory for the test");
        let artifacts = artifacts_dir();
        fs::create_dir_all(&artifacts).expect("create target/e2e-artifacts");
        remove_old_artifacts(&artifacts, name);

        let port = free_port();
        let native_port = free_port();
        let log_path = artifacts.join(format!("{name}-driver.log"));
        let log = fs::File::create(&log_path).expect("create the driver log");
        let log_err = log.try_clone().expect("clone the driver log handle");
        let driver_bin = std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into());

        let mut cmd = Command::new(&driver_bin);
        cmd.arg("--port")
            .arg(port.to_string())
            .arg("--native-port")
            .arg(native_port.to_string())
            // The app inherits this environment through WebKitWebDriver: keep its settings, caches
            // and webview storage inside the test's directory, never in the user's.
            .env("XDG_DATA_HOME", dir.path().join("xdg-data"))
            .env("XDG_CONFIG_HOME", dir.path().join("xdg-config"))
            .env("XDG_CACHE_HOME", dir.path().join("xdg-cache"))
            // Without a session bus GLib would autolaunch one (dbus-launch) that starts portals and
            // the accessibility bus, which outlive the test. An address that does not exist makes
            // GTK and WebKit carry on without D-Bus, which nothing in these tests needs.
            .env(
                "DBUS_SESSION_BUS_ADDRESS",
                format!("unix:path={}", dir.path().join("no-session-bus").display()),
            )
            .env("NO_AT_BRIDGE", "1")
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_err)
            // Own process group, so Drop can stop the driver, WebKitWebDriver and the app together.
            .process_group(0);
        let driver = cmd.spawn().unwrap_or_else(|e| {
            panic!(
                "could not start `{driver_bin}` ({e}); install it with \
                 `cargo install tauri-driver --version ^2 --locked` (packaging/setup-debian.sh does)"
            )
        });
        let world = World {
            name: name.to_owned(),
            team: None,
            dir,
            driver,
            port,
            shots: AtomicUsize::new(0),
        };
        world.wait_for_driver(&log_path);
        world
    }

    /// Polls the driver's `/status` until it answers, or panics naming its log.
    fn wait_for_driver(&self, log_path: &Path) {
        let deadline = Instant::now() + START_TIMEOUT;
        while Instant::now() < deadline {
            if http_get_ok(self.port, "/status") {
                eprintln!(
                    "e2e[{}]: tauri-driver ready on port {}",
                    self.name, self.port
                );
                return;
            }
            std::thread::sleep(POLL);
        }
        panic!(
            "tauri-driver did not answer on port {} within {:?}; see {}",
            self.port,
            START_TIMEOUT,
            log_path.display()
        );
    }

    /// Like [`World::start`], with every window and CLI call on the team database `uri` (a
    /// `postgresql://` address) instead of a file.
    pub fn start_on_team(name: &str, uri: &str) -> World {
        let mut world = World::start(name);
        world.team = Some(uri.to_owned());
        world
    }

    /// The database every window and CLI call of this test uses.
    pub fn db(&self) -> PathBuf {
        match &self.team {
            Some(uri) => PathBuf::from(uri),
            None => self.dir.path().join("cases.sqlite"),
        }
    }

    /// Runs the `coopdesk` command line on this test's database.
    pub fn cli(&self, args: &[&str]) -> Output {
        self.cli_with_env(args, &[])
    }

    /// Like [`World::cli`], with extra environment variables (e.g. `COOPDESK_PASSPHRASE`).
    pub fn cli_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        Command::new(APP)
            .arg("--db")
            .arg(self.db())
            .args(args)
            .env("XDG_DATA_HOME", self.dir.path().join("xdg-data"))
            .env_remove("COOPDESK_PASSPHRASE")
            .envs(env.iter().copied())
            .stdin(std::process::Stdio::null())
            .output()
            .expect("run the coopdesk binary")
    }

    /// Opens the app window on this test's database and waits until its page has loaded.
    pub async fn open_window(&self) -> Window<'_> {
        let db = self.db();
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            json!({ "application": APP, "args": ["--db", db] }),
        );
        let url = format!("http://127.0.0.1:{}", self.port);
        let mut builder = ClientBuilder::new(HttpConnector::new());
        builder.capabilities(caps);
        let connect = builder.connect(&url);
        let client = match tokio::time::timeout(START_TIMEOUT, connect).await {
            Ok(Ok(client)) => client,
            Ok(Err(e)) => panic!(
                "could not open a window through tauri-driver: {e}; see {}",
                artifacts_dir()
                    .join(format!("{}-driver.log", self.name))
                    .display()
            ),
            Err(_) => panic!("the window did not open within {START_TIMEOUT:?}"),
        };
        eprintln!("e2e[{}]: window session open", self.name);
        let window = Window {
            world: self,
            client,
        };
        // The custom protocol serves the page after the session exists; wait for the DOM.
        let ready = window
            .wait_until("the page to finish loading", START_TIMEOUT, async |c| {
                let state = c.execute("return document.readyState", vec![]).await;
                Ok(matches!(state, Ok(Value::String(s)) if s == "complete"))
            })
            .await;
        if let Err(e) = ready {
            panic!("{e}");
        }
        eprintln!("e2e[{}]: page loaded", self.name);
        window
    }

    /// Saves a screenshot of the X display and the page source of `client` under a numbered
    /// name; returns what was written, for the failure message.
    ///
    /// The screenshot is taken with ImageMagick's `import -window root`, not with WebDriver: with
    /// `WEBKIT_DISABLE_DMABUF_RENDERER=1` (which the app sets, see src-tauri/src/main.rs) the
    /// WebDriver screenshot command of WebKitGTK 2.50 never returns under Xvfb, and a hung
    /// command would also block every later one in the session.
    async fn save_evidence(&self, client: &Client, what: &str) -> String {
        let n = self.shots.fetch_add(1, Ordering::Relaxed);
        let base = artifacts_dir().join(format!("{}-{n:02}-{}", self.name, slug(what)));
        let mut written = Vec::new();
        let png = base.with_extension("png");
        let shot = Command::new("import")
            .args(["-window", "root"])
            .arg(&png)
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .status();
        if matches!(shot, Ok(s) if s.success()) {
            written.push(png.display().to_string());
        }
        if let Ok(Ok(html)) = tokio::time::timeout(Duration::from_secs(5), client.source()).await {
            let path = base.with_extension("html");
            if fs::write(&path, html).is_ok() {
                written.push(path.display().to_string());
            }
        }
        if written.is_empty() {
            "no screenshot or page source could be saved".into()
        } else {
            format!("saved {}", written.join(" and "))
        }
    }
}

impl Drop for World {
    fn drop(&mut self) {
        // SIGTERM first: tauri-driver then stops WebKitWebDriver itself. Then make sure the whole
        // group (driver, native driver, app) is gone. The group id is the driver's pid.
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.driver.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        let _ = self.driver.wait();
    }
}

/// One WebDriver session, that is one running app window.
pub struct Window<'w> {
    world: &'w World,
    client: Client,
}

impl Window<'_> {
    fn client(&self) -> &Client {
        &self.client
    }

    /// The name of the test this window belongs to (for artifact files).
    pub fn test_name(&self) -> &str {
        &self.world.name
    }

    /// Runs `script` in the page and returns its value.
    pub async fn execute(&self, script: &str, args: Vec<Value>) -> Result<Value, String> {
        self.client()
            .execute(script, args)
            .await
            .map_err(|e| e.to_string())
    }

    /// Runs `script` in the page; it reports its result by calling its last argument.
    pub async fn execute_async(&self, script: &str, args: Vec<Value>) -> Result<Value, String> {
        self.client()
            .execute_async(script, args)
            .await
            .map_err(|e| e.to_string())
    }

    /// Presses `key` (a WebDriver key code such as `"\u{E004}"` for Tab) on the focused element, as a
    /// keyboard user would.
    pub async fn press_key(&self, key: &str) -> Step<()> {
        let el = match self.client().active_element().await {
            Ok(el) => el,
            Err(e) => return self.fail("finding the focused element", e).await,
        };
        if let Err(e) = el.send_keys(key).await {
            return self.fail(&format!("pressing {key:?}"), e).await;
        }
        Ok(())
    }

    /// Fails the step `what` with a screenshot and the page source, like any failed step.
    pub async fn fail_step<T>(&self, what: &str, why: impl fmt::Display) -> Step<T> {
        self.fail(what, why).await
    }

    /// Fails the step `what`: saves evidence and builds the message.
    async fn fail<T>(&self, what: &str, why: impl fmt::Display) -> Step<T> {
        let evidence = self.world.save_evidence(self.client(), what).await;
        Err(Failure(format!("{what}: {why} ({evidence})")))
    }

    /// Polls `probe` until it returns `Ok(true)` or `timeout` passes.
    pub async fn wait_until<F>(&self, what: &str, timeout: Duration, mut probe: F) -> Step<()>
    where
        F: AsyncFnMut(&Client) -> Result<bool, String>,
    {
        let deadline = Instant::now() + timeout;
        let mut last = String::from("condition never held");
        loop {
            match probe(self.client()).await {
                Ok(true) => return Ok(()),
                Ok(false) => {}
                Err(e) => last = e,
            }
            if Instant::now() >= deadline {
                return self
                    .fail(
                        &format!("waiting for {what}"),
                        format!("timed out after {timeout:?}; last: {last}"),
                    )
                    .await;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until `css` matches a displayed element and returns it.
    pub async fn find(&self, css: &str) -> Step<Element> {
        let mut found = None;
        self.wait_until(
            &format!("`{css}` to appear"),
            STEP_TIMEOUT,
            async |c| match c.find(Locator::Css(css)).await {
                Ok(el) if el.is_displayed().await.unwrap_or(false) => {
                    found = Some(el);
                    Ok(true)
                }
                Ok(_) => Err(format!("`{css}` exists but is not displayed")),
                Err(e) => Err(e.to_string()),
            },
        )
        .await?;
        match found {
            Some(el) => Ok(el),
            None => {
                self.fail(&format!("finding `{css}`"), "lost the element")
                    .await
            }
        }
    }

    /// Clicks the element matching `css` once it is displayed.
    ///
    /// The element is first scrolled to the middle of its scroll container at once: the editor scrolls
    /// smoothly, and WebKit's WebDriver would otherwise click where the element is still travelling to.
    pub async fn click(&self, css: &str) -> Step<()> {
        let el = self.find(css).await?;
        if let Ok(el_json) = serde_json::to_value(&el) {
            let script = "arguments[0].scrollIntoView({ block: 'center', behavior: 'instant' });";
            let _ = self.client().execute(script, vec![el_json]).await;
        }
        if let Err(e) = el.click().await {
            return self.fail(&format!("clicking `{css}`"), e).await;
        }
        Ok(())
    }

    /// Replaces the text of the input matching `css` with `text`, typed as keystrokes.
    ///
    /// If the webview's synthetic keyboard cannot type some characters (WebKitGTK's WebDriver and
    /// CJK text have not always got along), the value is set through the DOM with an `input`
    /// event instead, so the app still sees an edit; a note says so in the test output.
    pub async fn type_into(&self, css: &str, text: &str) -> Step<()> {
        let el = self.find(css).await?;
        self.scroll_to(css).await?;
        // WebKitWebDriver sometimes refuses to clear or type into a field that a user can reach (an
        // empty "element not interactable" inside the editor's inner scroll container); the field
        // then gets its value through the DOM, with the events typing would send.
        let typed = match el.clear().await {
            Ok(()) => match el.send_keys(text).await {
                Ok(()) => el.prop("value").await.ok().flatten(),
                Err(e) => {
                    eprintln!("note: typing into `{css}` failed: {e}");
                    None
                }
            },
            Err(e) => {
                eprintln!("note: clearing `{css}` failed: {e}");
                None
            }
        };
        if typed.as_deref() == Some(text) {
            return Ok(());
        }
        eprintln!(
            "note: typing {text:?} into `{css}` gave {typed:?}; setting the value through the DOM"
        );
        let script = "const [el, text] = arguments; el.value = text; \
                      el.dispatchEvent(new Event('input', { bubbles: true })); \
                      el.dispatchEvent(new Event('change', { bubbles: true }));";
        let el_json = serde_json::to_value(&el).map_err(|e| Failure(e.to_string()))?;
        if let Err(e) = self
            .client()
            .execute(script, vec![el_json, json!(text)])
            .await
        {
            return self.fail(&format!("setting `{css}`"), e).await;
        }
        Ok(())
    }

    /// Chooses `value` in the `<select>` matching `css`, or types it if the field is a text input.
    pub async fn choose(&self, css: &str, value: &str) -> Step<()> {
        let el = self.find(css).await?;
        let tag = match el.tag_name().await {
            Ok(tag) => tag,
            Err(e) => return self.fail(&format!("reading the tag of `{css}`"), e).await,
        };
        if !tag.eq_ignore_ascii_case("select") {
            return self.type_into(css, value).await;
        }
        if let Err(e) = el.select_by_value(value).await {
            return self
                .fail(&format!("choosing {value:?} in `{css}`"), e)
                .await;
        }
        Ok(())
    }

    /// Rendered text (`innerText`) of every element matching `css`, in document order.
    ///
    /// Read through the DOM rather than WebDriver's "Get Element Text": WebKit's implementation of
    /// that command leaves out text in ellipsised flex children, e.g. the case list's titles.
    pub async fn texts(&self, css: &str) -> Result<Vec<String>, String> {
        let script =
            "return Array.from(document.querySelectorAll(arguments[0]), e => e.innerText);";
        let value = self
            .client()
            .execute(script, vec![json!(css)])
            .await
            .map_err(|e| e.to_string())?;
        serde_json::from_value(value).map_err(|e| format!("unexpected texts: {e}"))
    }

    /// Waits until `texts(css)` satisfies `ok`; `what` describes the expectation.
    pub async fn wait_texts<F>(&self, what: &str, css: &str, ok: F) -> Step<Vec<String>>
    where
        F: Fn(&[String]) -> bool,
    {
        let mut seen = Vec::new();
        self.wait_until(what, STEP_TIMEOUT, async |_| {
            let texts = self.texts(css).await?;
            let good = ok(&texts);
            let shown = format!("`{css}` shows {texts:?}");
            seen = texts;
            if good { Ok(true) } else { Err(shown) }
        })
        .await?;
        Ok(seen)
    }

    /// Value of attribute `name` on the first element matching `css`, if both exist.
    pub async fn attr(&self, css: &str, name: &str) -> Result<Option<String>, String> {
        match self.client().find(Locator::Css(css)).await {
            Ok(el) => el.attr(name).await.map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        }
    }

    /// Value of DOM property `name` (e.g. `checked`) on the first element matching `css`.
    pub async fn prop(&self, css: &str, name: &str) -> Result<Option<String>, String> {
        match self.client().find(Locator::Css(css)).await {
            Ok(el) => el.prop(name).await.map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        }
    }

    /// Whether an element matching `css` exists right now (no waiting).
    pub async fn exists(&self, css: &str) -> bool {
        self.client().find(Locator::Css(css)).await.is_ok()
    }

    /// Waits until the save indicator has said `saved` for `settle` without a break, so that a
    /// debounced save that has not started yet cannot be mistaken for a finished one.
    pub async fn wait_saved(&self, settle: Duration) -> Step<()> {
        let mut since: Option<Instant> = None;
        self.wait_until(
            "`#save-status` to stay data-state=\"saved\"",
            STEP_TIMEOUT,
            async |_| {
                let state = self.attr("#save-status", "data-state").await?;
                if state.as_deref() == Some("saved") {
                    let start = *since.get_or_insert_with(Instant::now);
                    Ok(start.elapsed() >= settle)
                } else {
                    since = None;
                    Err(format!("data-state is {state:?}"))
                }
            },
        )
        .await
    }

    /// Saves a screenshot on purpose (not a failure), e.g. to look at what the user sees.
    pub async fn screenshot(&self, what: &str) -> String {
        // The X-level screenshot sees only what WebKit has painted; give it a moment after the
        // last scroll or edit.
        tokio::time::sleep(Duration::from_millis(500)).await;
        self.world.save_evidence(self.client(), what).await
    }

    /// A screenshot for the user guide: with `COOPDESK_GUIDE_DIR` set (see docs/guide.md), the window's
    /// picture, trimmed of the empty screen around it, is written there as `NAME.png`; otherwise it is
    /// kept with the test's artifacts like any screenshot.
    pub async fn guide_shot(&self, name: &str) {
        tokio::time::sleep(Duration::from_millis(600)).await;
        let dir = std::env::var_os("COOPDESK_GUIDE_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(artifacts_dir);
        let _ = fs::create_dir_all(&dir);
        let png = dir.join(format!("{name}.png"));
        let shot = Command::new("import")
            .args([
                "-window", "root", "-trim", "+repage", "-resize", "1100x>", "-strip",
            ])
            // A palette of 256 colours keeps the committed pictures small and looks the same for UI.
            .args(["-colors", "256"])
            .arg(format!("PNG8:{}", png.display()))
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .status();
        if !matches!(shot, Ok(s) if s.success()) {
            eprintln!(
                "note: the guide screenshot {} could not be taken",
                png.display()
            );
        }
    }

    /// Goes from the start page (the dashboard) to the case list, as the user does with its "Case
    /// list" button, and waits until the list's search field is there.
    pub async fn open_case_list(&self) -> Step<()> {
        self.click("#nav-cases").await?;
        self.find("#case-search").await?;
        Ok(())
    }

    /// Scrolls the first element matching `css` into the middle of the view (for screenshots).
    pub async fn scroll_to(&self, css: &str) -> Step<()> {
        let script = "const el = document.querySelector(arguments[0]); \
                      if (el) { el.scrollIntoView({ block: 'center' }); } return !!el;";
        match self.client().execute(script, vec![json!(css)]).await {
            Ok(Value::Bool(true)) => Ok(()),
            Ok(_) => {
                self.fail(&format!("scrolling to `{css}`"), "no such element")
                    .await
            }
            Err(e) => self.fail(&format!("scrolling to `{css}`"), e).await,
        }
    }

    /// Ends the session, which closes the app, and waits until the app process has exited so the
    /// next window starts from what is on disk.
    pub async fn quit(self) -> Step<()> {
        if let Err(e) = self.client.close().await {
            return Err(Failure(format!("closing the window session: {e}")));
        }
        self.world.wait_for_app_exit("its session was closed").await
    }

    /// Asks the app to close its window the way the window manager's close button does (Tauri's
    /// `close`, which lets the UI's close-requested guard decide), and waits until the app exits.
    pub async fn close_like_a_user(self) -> Step<()> {
        // Fire and forget: when the close succeeds, the page is gone before a reply could come.
        let script = "window.__TAURI_INTERNALS__.invoke('plugin:window|close', { label: 'main' })\
                      .catch((e) => { document.body.dataset.closeError = String(e); }); \
                      return true;";
        if let Err(e) = self.client.execute(script, vec![]).await {
            return self.fail("asking the window to close", e).await;
        }
        match self
            .world
            .wait_for_app_exit("the window was asked to close")
            .await
        {
            Ok(()) => Ok(()),
            Err(Failure(message)) => {
                let refused = self.attr("body", "data-close-error").await.ok().flatten();
                let why = match refused {
                    Some(e) => format!("{message}; the close call was refused: {e}"),
                    None => message,
                };
                self.fail("closing the window", why).await
            }
        }
    }
}

impl World {
    /// Waits until no `coopdesk` process is left in the driver's process group.
    async fn wait_for_app_exit(&self, after: &str) -> Step<()> {
        let group = self.driver.id().to_string();
        let deadline = Instant::now() + STEP_TIMEOUT;
        while Instant::now() < deadline {
            let running = Command::new("pgrep")
                .args(["-g", &group, "-x", "coopdesk"])
                .stdout(Stdio::null())
                .status()
                .map(|s| s.success())
                .unwrap_or(false);
            if !running {
                return Ok(());
            }
            tokio::time::sleep(POLL).await;
        }
        Err(Failure(format!(
            "the app was still running {STEP_TIMEOUT:?} after {after}"
        )))
    }
}

/// Deletes the screenshots, page sources and logs an earlier run of test `name` left, so that the
/// folder only ever shows the latest run.
fn remove_old_artifacts(dir: &Path, name: &str) {
    let prefix = format!("{name}-");
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// A port nobody listens on right now.
fn free_port() -> u16 {
    let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind a free local port");
    listener
        .local_addr()
        .expect("read the bound local address")
        .port()
}

/// Whether `GET path` on the local `port` answers 200.
fn http_get_ok(port: u16, path: &str) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request =
        format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/1.1 200")
}

/// File-name-safe version of a step description.
fn slug(what: &str) -> String {
    let s: String = what
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let s = s
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    s.chars().take(60).collect()
}
