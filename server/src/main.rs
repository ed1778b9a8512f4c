use std::process::ExitCode;

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
    match server::startup::Application::build(config).await {
        Ok(app) => match app.run_until_stopped().await {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("welltrack: {err}");
                ExitCode::FAILURE
            }
        },
        Err(err) => {
            eprintln!("welltrack: {err}");
            ExitCode::FAILURE
        }
    }
}
