//! The real `server` binary with its embedded PostgreSQL: start, restart,
//! and the one-line failures.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn server(data_dir: &std::path::Path, port: u16) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_server"));
    cmd.current_dir(workspace())
        .env_remove("DATABASE_URL")
        .env("WELLTRACK_DATA_DIR", data_dir)
        .env("WELLTRACK_ADDR", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "warn");
    cmd
}

async fn wait_until_serving(child: &mut Child, base: &str) {
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the server exited early: {status}");
        }
        if let Ok(res) = reqwest::get(format!("{base}/sign-in")).await {
            if res.status().is_success() {
                return;
            }
        }
        assert!(Instant::now() < deadline, "the server did not come up");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn terminate(child: &mut Child) -> std::process::ExitStatus {
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(child.id() as i32), nix::sys::signal::Signal::SIGTERM).unwrap();
    child.wait().unwrap()
}

async fn sign_up_or_in(base: &str, endpoint: &str, form: &[(&str, &str)]) -> reqwest::StatusCode {
    reqwest::Client::new()
        .post(format!("{base}/api/account/{endpoint}"))
        .header("accept", "application/json")
        .form(form)
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn the_server_runs_its_own_cluster_stops_it_cleanly_and_keeps_data_across_restarts() {
    let dir = tempdir("restart");
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");

    let mut first = server(&dir, port).spawn().unwrap();
    wait_until_serving(&mut first, &base).await;
    let form = [("email", "restart@example.org"), ("password", "plum-orbit-canyon-42"), ("display_name", "Rhea")];
    assert!(sign_up_or_in(&base, "sign-up", &form).await.is_success());
    assert!(terminate(&mut first).success(), "a clean exit on SIGTERM");
    assert!(!dir.join("pgdata/postmaster.pid").exists(), "PostgreSQL was stopped with the server");

    let mut second = server(&dir, port).spawn().unwrap();
    wait_until_serving(&mut second, &base).await;
    let status = sign_up_or_in(&base, "sign-in", &[form[0], form[1]]).await;
    assert!(status.is_success(), "the account survived the restart: {status}");
    assert!(terminate(&mut second).success());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn missing_postgres_binaries_fail_with_one_clear_line() {
    let dir = tempdir("nobin");
    let out =
        server(&dir, free_port()).env("WELLTRACK_PG_BIN", "/nonexistent").stderr(Stdio::piped()).output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("PostgreSQL server binaries not found"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_taken_port_fails_with_one_clear_line() {
    let dir = tempdir("port");
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let out = server(&dir, port).stderr(Stdio::piped()).output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains(&format!("cannot listen on 127.0.0.1:{port}")), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

fn tempdir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("welltrack-bin-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// As root, from a data directory inside a folder only root may enter (a
/// clone in root's 0700 home): the cluster goes where the postgres user can
/// reach it, and the app serves.
#[tokio::test]
async fn as_root_a_data_directory_in_a_private_folder_still_serves() {
    if !nix::unistd::Uid::effective().is_root() {
        eprintln!("skipped: only meaningful as root (the embedded cluster then runs as the postgres user)");
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let private = tempdir("private-home");
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o700)).unwrap();
    let dir = private.join("clone/.welltrack");
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut child = server(&dir, port).spawn().unwrap();
    wait_until_serving(&mut child, &base).await;
    assert!(terminate(&mut child).success());
    let note =
        std::fs::read_to_string(dir.join("CLUSTER_LOCATION")).expect("the data directory says where the cluster is");
    let home = std::path::Path::new(server::embedded_pg::ROOT_CLUSTERS).join(server::embedded_pg::cluster_name(&dir));
    assert!(note.contains(&home.display().to_string()), "{note}");
    assert!(home.join("pgdata/PG_VERSION").is_file(), "the cluster is in {}", home.display());
    let _ = std::fs::remove_dir_all(&home);
    let _ = std::fs::remove_dir_all(&private);
}

/// `kill -9` of the server while people log data and the engine works: after
/// a restart every acknowledged entry is there exactly once and the engine's
/// queue drains.
#[tokio::test]
async fn a_kill_9_mid_work_loses_nothing_acknowledged_doubles_nothing_and_the_queue_drains() {
    use sqlx::Connection;
    let dir = tempdir("kill9");
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut first = server(&dir, port).spawn().unwrap();
    wait_until_serving(&mut first, &base).await;
    let client = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let signed_up = client
        .post(format!("{base}/api/account/sign-up"))
        .header("accept", "application/json")
        .form(&[("email", "kill9@example.org"), ("password", "plum-orbit-canyon-42"), ("display_name", "Kai")])
        .send()
        .await
        .unwrap();
    assert!(signed_up.status().is_success(), "{}", signed_up.status());

    // Log a weight for each of the last 400 days as fast as the server takes them.
    let today = chrono::Utc::now().date_naive();
    let logged = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let logger = {
        let (client, base, logged) = (client.clone(), base.clone(), logged.clone());
        tokio::spawn(async move {
            let mut acknowledged = Vec::new();
            for day in 0..400u32 {
                let date = (today - chrono::Days::new(u64::from(day))).to_string();
                let value = format!("{:.1}", 70.0 + f64::from(day) / 10.0);
                let sent = client
                    .post(format!("{base}/api/health/log"))
                    .header("accept", "application/json")
                    .form(&[
                        ("metric", "weight"),
                        ("value", &value),
                        ("unit", "kg"),
                        ("date", &date),
                        ("time", "07:00"),
                    ])
                    .send()
                    .await;
                match sent {
                    Ok(res) if res.status().is_success() => {
                        acknowledged.push(value);
                        logged.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    }
                    Ok(res) => panic!("day {day} answered {}", res.status()),
                    Err(_) => break, // the server is gone
                }
            }
            acknowledged
        })
    };
    // Pull the plug once a quarter is in (the engine's worker is busy with them by then).
    while logged.load(std::sync::atomic::Ordering::SeqCst) < 100 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    first.kill().unwrap(); // SIGKILL
    first.wait().unwrap();
    let acknowledged = logger.await.unwrap();
    assert!(!acknowledged.is_empty() && acknowledged.len() < 400, "the kill landed mid-run: {}", acknowledged.len());

    let mut second = server(&dir, port).spawn().unwrap();
    wait_until_serving(&mut second, &base).await;
    let socket = sqlx::postgres::PgConnectOptions::new()
        .socket(dir.join("run"))
        .port(server::embedded_pg::PORT)
        .username(server::embedded_pg::SUPERUSER)
        .database(server::embedded_pg::DATABASE);
    let mut db = sqlx::PgConnection::connect_with(&socket).await.expect("connect to the restarted cluster");
    let stored: Vec<(String, i64)> = sqlx::query_as(
        "select to_char(value_num, 'FM999990.0'), count(*) from wt_health_metrics where metric_type = 'weight' group by 1",
    )
    .fetch_all(&mut db)
    .await
    .unwrap();
    let stored: std::collections::HashMap<String, i64> = stored.into_iter().collect();
    for value in &acknowledged {
        assert_eq!(stored.get(value), Some(&1), "acknowledged {value} kg is stored exactly once");
    }
    assert!(stored.values().all(|n| *n == 1), "nothing doubled: {stored:?}");
    // The engine's queue drains after the restart.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let queued: i64 =
            sqlx::query_scalar("select count(*) from engine.recompute_queue").fetch_one(&mut db).await.unwrap();
        if queued == 0 {
            break;
        }
        assert!(Instant::now() < deadline, "the queue still holds {queued} rows after a minute");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    db.close().await.unwrap();
    assert!(terminate(&mut second).success());
    let _ = std::fs::remove_dir_all(&dir);
}

/// A PostgreSQL cluster as a managed service gives one: password (SCRAM)
/// logins over TCP, a superuser only the administrator has. Stopped on drop.
struct PlainCluster {
    dir: PathBuf,
    bin: PathBuf,
    port: u16,
    as_postgres: bool,
}

const ADMIN_PASSWORD: &str = "admin-secret-7f3";

impl PlainCluster {
    fn start(tag: &str) -> Self {
        use std::os::unix::fs::PermissionsExt;
        let bin = server::embedded_pg::find_bin_dir().expect("PostgreSQL server binaries (scripts/setup.sh)");
        let dir = tempdir(tag);
        // initdb refuses root: as root the cluster runs as the postgres user.
        let as_postgres = nix::unistd::Uid::effective().is_root();
        if as_postgres {
            let pg = nix::unistd::User::from_name("postgres").unwrap().expect("the postgres system user");
            nix::unistd::chown(&dir, Some(pg.uid), Some(pg.gid)).unwrap();
        }
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
        let pwfile = dir.join("pwfile");
        std::fs::write(&pwfile, ADMIN_PASSWORD).unwrap();
        let cluster = Self { dir, bin, port: free_port(), as_postgres };
        cluster.chown(&pwfile);
        let pgdata = cluster.dir.join("pgdata");
        let status = cluster
            .pg_command("initdb")
            .args(["-D", pgdata.to_str().unwrap(), "-U", "postgres", "--auth-local=peer", "--auth-host=scram-sha-256"])
            .arg(format!("--pwfile={}", pwfile.display()))
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "initdb");
        let options = format!(
            "-c listen_addresses=127.0.0.1 -c port={} -c unix_socket_directories={}",
            cluster.port,
            cluster.dir.display()
        );
        let status = cluster
            .pg_command("pg_ctl")
            .args(["-D", pgdata.to_str().unwrap(), "-l", cluster.dir.join("log").to_str().unwrap(), "-w", "-o"])
            .arg(options)
            .arg("start")
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "pg_ctl start");
        cluster
    }

    fn chown(&self, path: &std::path::Path) {
        if self.as_postgres {
            let pg = nix::unistd::User::from_name("postgres").unwrap().unwrap();
            nix::unistd::chown(path, Some(pg.uid), Some(pg.gid)).unwrap();
        }
    }

    fn pg_command(&self, program: &str) -> Command {
        let mut cmd = Command::new(self.bin.join(program));
        if self.as_postgres {
            use std::os::unix::process::CommandExt;
            let pg = nix::unistd::User::from_name("postgres").unwrap().unwrap();
            cmd.uid(pg.uid.as_raw()).gid(pg.gid.as_raw()).env("HOME", &pg.dir).current_dir(&self.dir);
        }
        cmd
    }

    fn url(&self, user: &str, password: &str, database: &str) -> String {
        format!("postgres://{user}:{password}@127.0.0.1:{}/{database}", self.port)
    }

    /// psql as the administrator over TCP (a password login, as on a managed service).
    fn psql(&self, database: &str, args: &[&str]) -> std::process::Output {
        let psql = ["/usr/bin/psql".into(), self.bin.join("psql")]
            .into_iter()
            .find(|p: &PathBuf| p.is_file())
            .expect("psql (Debian's postgresql-client)");
        Command::new(psql)
            .arg(self.url("postgres", ADMIN_PASSWORD, database))
            .args(["-X", "-q", "-v", "ON_ERROR_STOP=1"])
            .args(args)
            .output()
            .unwrap()
    }
}

impl Drop for PlainCluster {
    fn drop(&mut self) {
        let pgdata = self.dir.join("pgdata");
        let _ = self
            .pg_command("pg_ctl")
            .args(["-D", pgdata.to_str().unwrap(), "-m", "fast", "-w", "stop"])
            .stdout(Stdio::null())
            .status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// On a PostgreSQL where WellTrack is given no superuser: the administrator
/// runs scripts/managed-postgres-roles.sql once (twice changes nothing), the
/// migrations run as an owner that is neither superuser nor CREATEROLE nor
/// BYPASSRLS, and the server signs people up and in through its own two
/// logins, then starts again over the migrated database.
#[tokio::test]
async fn on_a_managed_postgres_without_superuser_it_migrates_and_serves() {
    let cluster = PlainCluster::start("managed");
    let out = cluster.psql("postgres", &["-c", "create role welltrack_owner login password 'owner-secret-1'"]);
    assert!(out.status.success(), "create the owner: {}", String::from_utf8_lossy(&out.stderr));
    let script = workspace().join("scripts/managed-postgres-roles.sql");
    for run in ["first", "second"] {
        let out = cluster.psql(
            "postgres",
            &[
                "-v",
                "owner=welltrack_owner",
                "-v",
                "database=welltrack",
                "-v",
                "app_password=app-secret-2",
                "-v",
                "service_password=service-secret-3",
                "-f",
                script.to_str().unwrap(),
            ],
        );
        assert!(out.status.success(), "the {run} run of the script: {}", String::from_utf8_lossy(&out.stderr));
    }
    let out = cluster.psql(
        "postgres",
        &[
            "-A",
            "-t",
            "-c",
            "select rolsuper or rolcreaterole or rolbypassrls from pg_roles where rolname = 'welltrack_owner'",
        ],
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "f", "the owner has no special attribute");

    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let start = |with_logins: bool| {
        let mut cmd = server(&cluster.dir.join("unused"), port);
        cmd.env("DATABASE_URL", cluster.url("welltrack_owner", "owner-secret-1", "welltrack"));
        if with_logins {
            cmd.env("WELLTRACK_APP_DATABASE_URL", cluster.url("wt_app", "app-secret-2", "welltrack"))
                .env("WELLTRACK_SERVICE_DATABASE_URL", cluster.url("wt_service", "service-secret-3", "welltrack"));
        }
        cmd.spawn().unwrap()
    };
    let mut first = start(true);
    wait_until_serving(&mut first, &base).await;
    let form = [("email", "managed@example.org"), ("password", "plum-orbit-canyon-42"), ("display_name", "Mira")];
    let status = sign_up_or_in(&base, "sign-up", &form).await;
    assert!(status.is_success(), "sign-up through wt_service and wt_app: {status}");
    assert!(terminate(&mut first).success());

    // Again, migrations already applied; this time with DATABASE_URL alone.
    let mut second = start(false);
    wait_until_serving(&mut second, &base).await;
    let status = sign_up_or_in(&base, "sign-in", &[form[0], form[1]]).await;
    assert!(status.is_success(), "sign-in with DATABASE_URL alone: {status}");
    assert!(terminate(&mut second).success());

    let out = cluster.psql("welltrack", &["-A", "-t", "-c", "select count(*) from _sqlx_migrations where success"]);
    let applied: usize = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    assert_eq!(applied, std::fs::read_dir(workspace().join("migrations")).unwrap().count(), "every migration applied");
}
