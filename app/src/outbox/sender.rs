//! The SMTP side of the outbox: the transport, and the worker that sends what is due.

use std::sync::Arc;
use std::time::Duration;

use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sqlx::PgPool;
use tokio::sync::Notify;
use tracing::Instrument;

use super::repo;

/// The SMTP transport and the sender's address.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from).finish()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MailConfigError {
    #[error("SMTP_URL: {0}")]
    Url(#[from] lettre::transport::smtp::Error),
    #[error("MAIL_FROM: {0}")]
    From(#[from] lettre::address::AddressError),
}

impl Mailer {
    /// `smtp_url`: `smtp://host:port` (plain, for a local relay), `smtp://host:port?tls=required`
    /// (STARTTLS) or `smtps://host:port`, with `user:password@` if the relay needs it.
    pub fn new(smtp_url: &str, from: &str) -> Result<Self, MailConfigError> {
        let transport =
            AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)?.timeout(Some(Duration::from_secs(20)));
        Ok(Mailer { transport: transport.build(), from: from.parse()? })
    }

    async fn send(&self, to: &str, subject: &str, body: String) -> Result<(), String> {
        let to: Mailbox = to.parse().map_err(|e| format!("adresse invalide : {e}"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| e.to_string())?;
        self.transport.send(message).await.map(|_| ()).map_err(|e| e.to_string())
    }
}

/// Wakes the worker when a mail is queued (it also looks every few seconds, for retries and for
/// mails queued by another instance).
#[derive(Clone, Debug, Default)]
pub struct Wake(Arc<Notify>);

impl Wake {
    pub fn now(&self) {
        self.0.notify_one();
    }
}

const POLL: Duration = Duration::from_secs(5);

/// Sends due mails until the process stops. Any number of instances may run it.
pub async fn run(pool: PgPool, mailer: Mailer, wake: Wake) {
    let mut last_purge = tokio::time::Instant::now();
    loop {
        match deliver_due(&pool, &mailer).await {
            Ok(0) => {}
            Ok(_) => continue,
            Err(err) => tracing::error!(error = %err, "outbox: database error"),
        }
        if last_purge.elapsed() > Duration::from_secs(3600) {
            last_purge = tokio::time::Instant::now();
            if let Err(err) = repo::purge(&pool).await {
                tracing::error!(error = %err, "outbox: purge failed");
            }
        }
        tokio::select! {
            _ = wake.0.notified() => {}
            _ = tokio::time::sleep(POLL) => {}
        }
    }
}

/// Sends what is due now; the number of mails tried.
async fn deliver_due(pool: &PgPool, mailer: &Mailer) -> Result<usize, sqlx::Error> {
    let due = repo::claim(pool, 10).await?;
    for mail in &due {
        async {
            match mailer.send(&mail.recipient, &mail.subject, mail.body.clone()).await {
                Ok(()) => repo::mark_sent(pool, mail.id).await,
                Err(error) => {
                    tracing::warn!(%error, "outbox: sending failed, will retry");
                    repo::mark_failed(pool, mail.id, mail.attempts, &error).await
                }
            }
        }
        .instrument(tracing::info_span!("outbox", mail_id = mail.id, attempt = mail.attempts))
        .await?;
    }
    Ok(due.len())
}
