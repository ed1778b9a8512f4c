use std::process::ExitCode;

/// mimalloc instead of glibc's malloc: a page's rendering is thousands of small allocations
/// freed at once, where glibc's malloc and free were a fifth of the server's CPU (perf, on
/// the bench's dashboard and health pages).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage: server                      serve WellTrack\n       \
                     server recompute --profile <uuid> --from <YYYY-MM-DD> [--to <YYYY-MM-DD>]";

#[tokio::main]
async fn main() -> ExitCode {
    server::telemetry::init();
    let config = match server::config::Config::from_env() {
        Ok(config) => config,
        Err(err) => {
            eprintln!("welltrack: {err}");
            return ExitCode::FAILURE;
        }
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        None => match server::startup::Application::build(config).await {
            Ok(app) => app.run_until_stopped().await.map_err(|e| e.to_string()),
            Err(err) => Err(err.to_string()),
        },
        Some("recompute") => server::cli::recompute(config, &args[1..]).await,
        Some(_) => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("welltrack: {err}");
            ExitCode::FAILURE
        }
    }
}
