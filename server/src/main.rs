use std::io::{IsTerminal, Read};

use anyhow::Context;
use app::{AppError, auth::service};
use clap::{Parser, Subcommand};
use server::{
    Application, Config,
    startup::{open_database, run_worker, shutdown_signal},
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
    /// Run the background work only: the event relay, the queue consumer and the mail sender
    /// (for `WORKER=off` deployments).
    Worker,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create an administrator, or promote an existing account. A new account's password is read
    /// from standard input (piped) or asked for at a prompt; never from the command line.
    CreateAdmin {
        #[arg(long)]
        email: String,
    },
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
        Command::Worker => run_worker(config, shutdown_signal()).await?,
        Command::Migrate => {
            open_database(&config).await?;
            tracing::info!("the database is up to date");
        }
        Command::CreateAdmin { email } => {
            let db = open_database(&config).await?;
            let outcome = service::create_or_promote_admin(&db, &email, async || read_password())
                .await
                .map_err(|error| anyhow::anyhow!("{error}"))?;
            println!(
                "{email}: {}",
                match outcome {
                    service::AdminOutcome::Created => "administrator created",
                    service::AdminOutcome::Promoted => "promoted to administrator",
                    service::AdminOutcome::AlreadyAdmin => "already an administrator",
                }
            );
        }
    }
    Ok(())
}

fn read_password() -> Result<String, AppError> {
    let read = || -> anyhow::Result<String> {
        if std::io::stdin().is_terminal() {
            let password = rpassword::prompt_password("Password for the new administrator: ")?;
            let again = rpassword::prompt_password("The same password again: ")?;
            anyhow::ensure!(password == again, "the two passwords differ");
            Ok(password)
        } else {
            let mut input = String::new();
            std::io::stdin()
                .read_to_string(&mut input)
                .context("could not read standard input")?;
            // Only the line break a pipe adds is removed: the password is used as typed.
            Ok(input
                .strip_suffix('\n')
                .map(|line| line.strip_suffix('\r').unwrap_or(line))
                .unwrap_or(&input)
                .to_string())
        }
    };
    read().map_err(|error| AppError::bad_request(error.to_string()))
}
