use clap::{Parser, Subcommand};
use server::{
    Application, Config,
    startup::{open_database, shutdown_signal},
    telemetry,
};

/// SpendWise: a self-hosted expense tracker and budget manager.
#[derive(Parser)]
#[command(name = "spendwise", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web app and the REST API (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let config = Config::load()?;
    telemetry::init(&config.log_filter);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let application = Application::build(config).await?;
            tracing::info!(
                "SpendWise is listening on http://{}",
                application.local_addr()
            );
            application.run_until_stopped(shutdown_signal()).await?;
        }
        Command::Migrate => {
            open_database(&config).await?;
            tracing::info!("the database is up to date");
        }
    }
    Ok(())
}
