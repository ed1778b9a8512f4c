//! Text from a photo of a printed recipe: Tesseract OCR (Debian's `tesseract-ocr`, installed
//! by the setup script), run as a child process. The photo is checked before any work
//! ([`crate::media::logic::check`]: a PNG or JPEG within its bytes and pixels); one
//! recognition per core runs at a time, on one thread, and is killed at [`TIMEOUT`].

use std::time::Duration;

use crate::media::logic::ImageError;

/// How long one recognition may take (waiting for its turn included): inside the 15 s every
/// request is given.
pub const TIMEOUT: Duration = Duration::from_secs(12);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OcrError {
    /// The photo's own checks, with their messages.
    #[error(transparent)]
    Image(#[from] ImageError),
    #[error("Reading text from photos is not available on this server.")]
    Unavailable,
    #[error("Reading the photo took too long; try a sharper, smaller photo.")]
    TimedOut,
    #[error("The photo could not be read.")]
    Failed,
}

/// The text Tesseract reads in a photo, checked first.
#[cfg(feature = "ssr")]
pub async fn read_text(image: Vec<u8>) -> Result<String, OcrError> {
    use std::process::Stdio;
    use tokio::io::AsyncWriteExt;

    crate::media::logic::check(&image)?;
    static RECOGNISING: crate::cpu::PerCore = crate::cpu::PerCore::new();
    let started = tokio::time::Instant::now();
    let _permit = tokio::time::timeout(TIMEOUT, RECOGNISING.acquire()).await.map_err(|_| OcrError::TimedOut)?;
    let mut child = tokio::process::Command::new(std::env::var_os("WELLTRACK_TESSERACT").unwrap_or("tesseract".into()))
        .args(["stdin", "stdout", "-l", "eng", "--psm", "4"])
        // One thread: the permits already share out the cores.
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| {
            tracing::warn!(error = %e, "tesseract could not be started");
            OcrError::Unavailable
        })?;
    let mut stdin = child.stdin.take().ok_or(OcrError::Failed)?;
    let run = async move {
        let write = async move {
            stdin.write_all(&image).await?;
            stdin.shutdown().await
        };
        let (written, output) = tokio::join!(write, child.wait_with_output());
        written.map_err(|_| OcrError::Failed)?;
        output.map_err(|_| OcrError::Failed)
    };
    let left = TIMEOUT.saturating_sub(started.elapsed());
    let output = tokio::time::timeout(left, run).await.map_err(|_| OcrError::TimedOut)??;
    if !output.status.success() {
        return Err(OcrError::Failed);
    }
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    let mut cut = super::text::MAX_TEXT_BYTES.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    Ok(text)
}
