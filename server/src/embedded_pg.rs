//! The embedded PostgreSQL: a real cluster from the system's binaries, run as
//! a child of this process.
//!
//! Layout under the data directory: `pgdata/` (the cluster), `run/` (its Unix
//! socket; TCP is off, so no port can clash), `postgres.log`. `initdb` runs on
//! first start; later starts reuse the cluster. As root, PostgreSQL runs as
//! the `postgres` system user (it refuses to run as root). The child gets
//! PR_SET_PDEATHSIG, so it shuts down even if this process dies abruptly.
//!
//! As root, the `postgres` user must be able to reach the cluster's files.
//! When the data directory sits in a folder it cannot enter (a clone in
//! root's 0700 home folder), the cluster lives in
//! `/var/lib/welltrack/clusters/<name>-<hash of the data directory's path>`
//! instead, the same place on every start, and the data directory holds a
//! `CLUSTER_LOCATION` note saying where.

use std::fs;
use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use nix::sys::signal::{kill, Signal};
use nix::unistd::{Gid, Pid, Uid, User};
use sqlx::postgres::PgConnectOptions;

/// PostgreSQL's port number names the socket file; the socket directory is
/// private to this cluster, so a fixed number cannot collide.
pub const PORT: u16 = 5432;
pub const SUPERUSER: &str = "postgres";
pub const DATABASE: &str = "welltrack";
/// The login role of request code (migration 0001).
pub const APP_LOGIN: &str = "wt_app";
/// The login role of sign-in, sessions and the workers (migration 0019).
pub const SERVICE_LOGIN: &str = "wt_service";

#[derive(Debug, thiserror::Error)]
pub enum PgError {
    #[error("PostgreSQL server binaries not found (looked in $WELLTRACK_PG_BIN and /usr/lib/postgresql/*/bin); install Debian's postgresql package or set DATABASE_URL")]
    BinariesMissing,
    #[error("running as root needs the 'postgres' system user to run PostgreSQL; install Debian's postgresql package or set DATABASE_URL")]
    NoPostgresUser,
    #[error("cannot prepare the data directory {path}: {source}")]
    DataDir { path: PathBuf, source: std::io::Error },
    #[error("initdb failed for {path} (see {log})")]
    Initdb { path: PathBuf, log: PathBuf },
    #[error("PostgreSQL did not start: {reason} (log: {log})")]
    Start { reason: String, log: PathBuf },
    #[error("could not run {program}: {source}")]
    Spawn { program: PathBuf, source: std::io::Error },
}

pub struct EmbeddedPostgres {
    root: PathBuf,
    pid: Pid,
    /// Signalled when the child exits (a Mutex only to make the handle `Sync`).
    exited: std::sync::Mutex<mpsc::Receiver<()>>,
}

/// The PostgreSQL server binaries: `WELLTRACK_PG_BIN`, else the newest Debian version.
pub fn find_bin_dir() -> Option<PathBuf> {
    let has_server = |dir: &Path| dir.join("postgres").is_file() && dir.join("initdb").is_file();
    if let Ok(dir) = std::env::var("WELLTRACK_PG_BIN") {
        let dir = PathBuf::from(dir);
        return has_server(&dir).then_some(dir);
    }
    let mut versions: Vec<(u32, PathBuf)> = fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| Some((e.file_name().to_str()?.parse::<u32>().ok()?, e.path().join("bin"))))
        .filter(|(_, dir)| has_server(dir))
        .collect();
    versions.sort();
    versions.pop().map(|(_, dir)| dir)
}

/// Who runs PostgreSQL: ourselves, or `postgres` when we are root.
fn run_as() -> Result<Option<User>, PgError> {
    if !Uid::effective().is_root() {
        return Ok(None);
    }
    User::from_name("postgres").ok().flatten().map(Some).ok_or(PgError::NoPostgresUser)
}

fn prepare_dir(path: &Path, owner: Option<&User>, mode: u32) -> Result<(), PgError> {
    let wrap = |source| PgError::DataDir { path: path.to_owned(), source };
    fs::create_dir_all(path).map_err(wrap)?;
    if let Some(user) = owner {
        nix::unistd::chown(path, Some(user.uid), Some(user.gid)).map_err(|e| wrap(e.into()))?;
    }
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).map_err(wrap)
}

/// Where the state of PostgreSQL beside apps run as root lives.
pub const ROOT_CLUSTERS: &str = "/var/lib/welltrack/clusters";

/// Where the cluster of data directory `root` lives: `root` itself, unless
/// we run as root and `owner` cannot enter one of its folders; then a folder
/// of its own under [`ROOT_CLUSTERS`] (named after `root`, so it is found
/// again at the next start).
fn cluster_home(root: &Path, owner: Option<&User>) -> Result<PathBuf, PgError> {
    let Some(user) = owner else { return Ok(root.to_owned()) };
    if root.ancestors().skip(1).all(|dir| can_enter(dir, user)) {
        return Ok(root.to_owned());
    }
    let home = Path::new(ROOT_CLUSTERS).join(cluster_name(root));
    // The parents stay root's (0755): the postgres user passes through them only.
    for dir in [Path::new("/var/lib/welltrack"), Path::new(ROOT_CLUSTERS)] {
        prepare_dir(dir, None, 0o755)?;
    }
    fs::create_dir_all(root).map_err(|source| PgError::DataDir { path: root.to_owned(), source })?;
    let note = format!(
        "The postgres user cannot enter this folder, so this data directory's PostgreSQL cluster lives in\n{}\n",
        home.display()
    );
    let _ = fs::write(root.join("CLUSTER_LOCATION"), note);
    tracing::info!(data_dir = %root.display(), cluster = %home.display(), "the postgres user cannot reach the data directory; the cluster lives elsewhere");
    Ok(home)
}

/// A stable folder name for `root`: its last component and a 64-bit FNV-1a
/// hash of the whole path (stable across builds, unlike std's hasher).
pub fn cluster_name(root: &Path) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in root.as_os_str().as_encoded_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let last: String = root
        .file_name()
        .map(|n| {
            n.to_string_lossy()
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
                .take(40)
                .collect()
        })
        .unwrap_or_default();
    format!("{}-{hash:016x}", last.trim_start_matches('.'))
}

/// Whether `user` may pass through `dir` (search permission); a folder that
/// does not exist yet will be made by us, root, with 0755.
fn can_enter(dir: &Path, user: &User) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(meta) = fs::metadata(dir) else { return true };
    let mode = meta.mode();
    if meta.uid() == user.uid.as_raw() {
        mode & 0o100 != 0
    } else if meta.gid() == user.gid.as_raw() {
        mode & 0o010 != 0
    } else {
        mode & 0o001 != 0
    }
}

fn command(program: PathBuf, owner: Option<&User>) -> Command {
    let mut cmd = Command::new(program);
    if let Some(user) = owner {
        cmd.uid(user.uid.as_raw()).gid(user.gid.as_raw());
        // HOME etc. of root would be unreadable for the postgres user.
        cmd.env("HOME", &user.dir);
    }
    cmd
}

fn last_error_line(log: &Path) -> Option<String> {
    let file = fs::File::open(log).ok()?;
    BufReader::new(file)
        .lines()
        .map_while(Result::ok)
        .filter(|l| l.contains("FATAL") || l.contains("ERROR") || l.contains("could not"))
        .last()
}

impl EmbeddedPostgres {
    /// Starts (initialising if needed) the cluster under `root` and waits
    /// until it accepts connections. Blocking; call from `spawn_blocking`.
    /// `fast` trades durability for speed (tests only).
    pub fn start(root: &Path, fast: bool) -> Result<Self, PgError> {
        let bin = find_bin_dir().ok_or(PgError::BinariesMissing)?;
        let owner = run_as()?;
        let root = std::path::absolute(root).map_err(|source| PgError::DataDir { path: root.to_owned(), source })?;
        let root = cluster_home(&root, owner.as_ref())?;
        let data = root.join("pgdata");
        let run = root.join("run");
        let log = root.join("postgres.log");
        prepare_dir(&root, owner.as_ref(), 0o755)?;
        prepare_dir(&run, owner.as_ref(), 0o700)?;

        if !data.join("PG_VERSION").is_file() {
            prepare_dir(&data, owner.as_ref(), 0o700)?;
            let status = command(bin.join("initdb"), owner.as_ref())
                .args([
                    "--no-instructions",
                    "-U",
                    SUPERUSER,
                    "--auth-local=peer",
                    "--auth-host=reject",
                    "-E",
                    "UTF8",
                    "--locale=C",
                    "-D",
                ])
                .arg(&data)
                .stdout(Stdio::null())
                .stderr(log_file(&log, owner.as_ref())?)
                .status()
                .map_err(|source| PgError::Spawn { program: bin.join("initdb"), source })?;
            if !status.success() {
                return Err(PgError::Initdb { path: data, log });
            }
        }

        wait_for_previous_postmaster(&data);
        write_client_auth(&data, owner.as_ref())?;
        let mut cmd = command(bin.join("postgres"), owner.as_ref());
        cmd.arg("-D")
            .arg(&data)
            .arg("-k")
            .arg(&run)
            .args(["-p", &PORT.to_string(), "-c", "listen_addresses=", "-c", "max_connections=200"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log_file(&log, owner.as_ref())?)
            // Its own process group: Ctrl-C in a terminal reaches us, and we stop it in order.
            .process_group(0);
        if fast {
            cmd.args(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
            // Tests count the statements a page costs (pg_stat_statements).
            cmd.args(["-c", "shared_preload_libraries=pg_stat_statements", "-c", "pg_stat_statements.track=all"]);
        }
        // SAFETY: prctl is async-signal-safe; this runs after the uid/gid change,
        // which would otherwise clear the death signal.
        unsafe {
            cmd.pre_exec(|| {
                nix::sys::prctl::set_pdeathsig(Signal::SIGINT).map_err(std::io::Error::from)?;
                Ok(())
            });
        }

        // The death signal follows the *thread* that spawned the child, so a
        // dedicated thread spawns it and lives as long as the child does.
        let (started_tx, started_rx) = mpsc::channel();
        let (exited_tx, exited_rx) = mpsc::channel();
        let program = bin.join("postgres");
        std::thread::Builder::new()
            .name("embedded-postgres".into())
            .spawn(move || match cmd.spawn() {
                Ok(mut child) => {
                    let _ = started_tx.send(Ok(child.id()));
                    let _ = child.wait();
                    let _ = exited_tx.send(());
                }
                Err(source) => {
                    let _ = started_tx.send(Err(PgError::Spawn { program, source }));
                }
            })
            .map_err(|source| PgError::Spawn { program: bin.join("postgres"), source })?;
        let pid = started_rx
            .recv()
            .map_err(|_| PgError::Start { reason: "spawn thread died".into(), log: log.clone() })??;
        let this = Self { root, pid: Pid::from_raw(pid as i32), exited: std::sync::Mutex::new(exited_rx) };
        this.wait_ready(&log)?;
        Ok(this)
    }

    fn wait_ready(&self, log: &Path) -> Result<(), PgError> {
        let socket = self.root.join("run").join(format!(".s.PGSQL.{PORT}"));
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if self.exited.lock().map(|rx| rx.try_recv().is_ok()).unwrap_or(true) {
                let reason = last_error_line(log).unwrap_or_else(|| "it exited at start-up".into());
                let reason = if reason.contains("postmaster.pid") {
                    format!("another PostgreSQL is already using {} ({reason})", self.root.join("pgdata").display())
                } else {
                    reason
                };
                return Err(PgError::Start { reason, log: log.to_owned() });
            }
            // The socket appears once the postmaster listens; a connection
            // then succeeds when recovery/start-up is complete.
            if socket.exists() && std::os::unix::net::UnixStream::connect(&socket).is_ok() && self.accepts_queries() {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(PgError::Start { reason: "not ready after 60 s".into(), log: log.to_owned() });
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn accepts_queries(&self) -> bool {
        let Some(bin) = find_bin_dir() else { return false };
        let isready = bin.join("pg_isready");
        if !isready.is_file() {
            return true;
        }
        Command::new(isready)
            .arg("-q")
            .arg("-h")
            .arg(self.root.join("run"))
            .args(["-p", &PORT.to_string(), "-U", SUPERUSER])
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    }

    pub fn socket_dir(&self) -> PathBuf {
        self.root.join("run")
    }

    pub fn connect_options(&self, user: &str, database: &str) -> PgConnectOptions {
        PgConnectOptions::new().socket(self.socket_dir()).port(PORT).username(user).database(database)
    }

    /// Fast shutdown: disconnect clients, checkpoint, exit.
    pub fn stop(self) {
        let _ = kill(self.pid, Signal::SIGINT);
        if let Ok(rx) = self.exited.lock() {
            let _ = rx.recv_timeout(Duration::from_secs(30));
        }
    }
}

/// After this process died abruptly (kill -9), its PostgreSQL got SIGINT
/// (the death signal) and may still be finishing its fast shutdown; a new
/// postmaster would then find the data directory locked. Wait (up to 60 s)
/// while the pid in `postmaster.pid` is alive; a stale file of a process that
/// is gone PostgreSQL handles itself, and a cluster still running after the
/// wait is reported by PostgreSQL's own clear error.
fn wait_for_previous_postmaster(data: &Path) {
    let pidfile = data.join("postmaster.pid");
    let deadline = Instant::now() + Duration::from_secs(60);
    while let Some(pid) = fs::read_to_string(&pidfile)
        .ok()
        .and_then(|text| text.lines().next().and_then(|line| line.trim().parse::<i32>().ok()))
    {
        if pid <= 0 || kill(Pid::from_raw(pid), None).is_err() || Instant::now() > deadline {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Who may connect, rewritten at every start (so clusters made with initdb's
/// `trust` are tightened too): only over the Unix socket (TCP is off), and
/// only the operating-system user running this server (or `postgres`
/// itself), as the superuser or one of the app's two login roles. Peer authentication
/// asks the kernel who is on the other end, so no password is stored.
fn write_client_auth(data: &Path, owner: Option<&User>) -> Result<(), PgError> {
    let me = User::from_uid(Uid::effective()).ok().flatten().map(|u| u.name).unwrap_or_else(|| "root".into());
    let hba = "# Written by WellTrack at every start (server/src/embedded_pg.rs).\n\
               local all all peer map=welltrack\n";
    let mut ident = String::from("# Written by WellTrack at every start: OS user, database user.\n");
    for os_user in [me.as_str(), "postgres"] {
        for db_user in [SUPERUSER, APP_LOGIN, SERVICE_LOGIN] {
            ident.push_str(&format!("welltrack {os_user} {db_user}\n"));
        }
    }
    for (name, text) in [("pg_hba.conf", hba.to_owned()), ("pg_ident.conf", ident)] {
        let path = data.join(name);
        let wrap = |source| PgError::DataDir { path: path.clone(), source };
        fs::write(&path, text).map_err(wrap)?;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).map_err(wrap)?;
        if let Some(user) = owner {
            nix::unistd::chown(&path, Some(user.uid), Some(user.gid)).map_err(|e| wrap(e.into()))?;
        }
    }
    Ok(())
}

fn log_file(path: &Path, owner: Option<&User>) -> Result<fs::File, PgError> {
    let file = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|source| PgError::DataDir { path: path.to_owned(), source })?;
    // The log may hold queries and their values: its owner's only.
    let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o600));
    if let Some(user) = owner {
        let _ = nix::unistd::chown(path, Some(user.uid), Some(Gid::from_raw(user.gid.as_raw())));
    }
    Ok(file)
}
