//! Outgoing mail (lettre over SMTP): the welcome mail and the password reset mail.

use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::error::AppError;

#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    base_url: String,
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
    pub fn new(smtp_url: &str, from: &str, base_url: &str) -> Result<Self, MailConfigError> {
        Ok(Mailer {
            transport: AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)?.build(),
            from: from.parse()?,
            base_url: base_url.trim_end_matches('/').to_string(),
        })
    }

    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    async fn send(&self, to: &str, subject: &str, body: String) -> Result<(), AppError> {
        let to: Mailbox = to.parse().map_err(|_| AppError::Internal)?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|err| {
                tracing::error!(error = %err, "building mail");
                AppError::Internal
            })?;
        self.transport.send(message).await.map_err(|err| {
            tracing::error!(error = %err, "sending mail");
            AppError::Refused(
                "Le message n'a pas pu être envoyé (serveur de messagerie indisponible). Réessayez plus tard.".into(),
            )
        })?;
        Ok(())
    }

    pub async fn send_welcome(&self, to: &str, prenom: &str, token: &str) -> Result<(), AppError> {
        let link = self.link(&format!("/mot-de-passe/definir?jeton={token}"));
        let body = format!(
            "Bonjour {prenom},\n\n\
             Un compte vient de vous être créé dans le SI SIAO.\n\n\
             Pour choisir votre mot de passe et activer votre compte, ouvrez ce lien (valable 7 jours, \
             utilisable une seule fois) :\n{link}\n\n\
             Votre identifiant est votre adresse électronique : {to}\n\n\
             Ce compte est personnel : ne le partagez pas.\n\
             Besoin d'aide ? Votre référent SI SIAO départemental vous accompagne ; la base de connaissances \
             et les formations sont accessibles depuis l'application.\n\n\
             -- \nSI SIAO\n"
        );
        self.send(to, "Bienvenue dans le SI SIAO : activez votre compte", body).await
    }

    pub async fn send_reset(&self, to: &str, prenom: &str, token: &str) -> Result<(), AppError> {
        let link = self.link(&format!("/mot-de-passe/definir?jeton={token}"));
        let body = format!(
            "Bonjour {prenom},\n\n\
             Une réinitialisation de votre mot de passe du SI SIAO a été demandée.\n\n\
             Pour choisir un nouveau mot de passe, ouvrez ce lien (valable 1 heure, utilisable une seule \
             fois) :\n{link}\n\n\
             Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe \
             actuel reste valable.\n\n\
             -- \nSI SIAO\n"
        );
        self.send(to, "SI SIAO : réinitialisation de votre mot de passe", body).await
    }
}
