//! Fetching a recipe page to import, bounded by construction: http and https only, a
//! deadline for the whole fetch, at most [`MAX_BYTES`] read, at most [`MAX_REDIRECTS`]
//! redirects each checked again, and no private, loopback or link-local address unless the
//! server's policy allows them (a home server importing from the household's own network).
//! The name is resolved here and the connection pinned to the checked address, so a second
//! lookup (DNS rebinding) cannot send the request elsewhere.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

/// The server's setting (`WELLTRACK_IMPORT_ALLOW_PRIVATE_ADDRESSES`), in the Leptos context.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FetchPolicy {
    pub allow_private: bool,
}

pub const TIMEOUT: Duration = Duration::from_secs(10);
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
pub const MAX_REDIRECTS: usize = 3;
/// Longest address accepted.
pub const MAX_URL_CHARS: usize = 2_000;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("Enter a web address that starts with http:// or https://.")]
    BadUrl,
    #[error("That address is on a private or local network; only public pages are fetched.")]
    Private,
    #[error("The site could not be reached.")]
    Unreachable,
    #[error("The site took too long to answer.")]
    Timeout,
    #[error("The page is larger than 2 MB.")]
    TooLarge,
    #[error("The site answered with an error ({0}).")]
    Status(u16),
    #[error("That address is not a web page.")]
    NotHtml,
    #[error("The site redirected too many times.")]
    TooManyRedirects,
}

/// Whether an address is on the public internet (not loopback, private, link-local, shared,
/// documentation, benchmarking, multicast, reserved or unspecified).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_public_v4(v4),
            None => is_public_v6(v6),
        },
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_unspecified()
        || ip.is_multicast()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // shared address space (RFC 6598)
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 198 && (b == 18 || b == 19)) // benchmarking (RFC 2544)
        || a >= 240) // reserved
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00 // unique local
        || (first & 0xffc0) == 0xfe80 // link-local
        || (first == 0x2001 && ip.segments()[1] == 0x0db8) // documentation
        || (first == 0x0064 && ip.segments()[1] == 0xff9b)) // NAT64 (maps onto IPv4)
}

/// A page's address as typed: http or https, with a host, bounded.
pub fn parse_url(raw: &str) -> Result<reqwest::Url, FetchError> {
    let raw = raw.trim();
    if raw.is_empty() || raw.chars().count() > MAX_URL_CHARS {
        return Err(FetchError::BadUrl);
    }
    let url = reqwest::Url::parse(raw).map_err(|_| FetchError::BadUrl)?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() || !url.username().is_empty() {
        return Err(FetchError::BadUrl);
    }
    Ok(url)
}

/// The page at `url` as text, and the address it was finally read from.
pub async fn fetch_page(url: &str, policy: FetchPolicy) -> Result<(String, String), FetchError> {
    let url = parse_url(url)?;
    tokio::time::timeout(TIMEOUT, follow(url, policy)).await.map_err(|_| FetchError::Timeout)?
}

async fn follow(mut url: reqwest::Url, policy: FetchPolicy) -> Result<(String, String), FetchError> {
    for _ in 0..=MAX_REDIRECTS {
        let addr = checked_address(&url, policy).await?;
        let host = url.host_str().ok_or(FetchError::BadUrl)?.trim_matches(['[', ']']).to_owned();
        // No proxy from the environment: the connection goes to the address just checked.
        let client = reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(TIMEOUT)
            .resolve(&host, addr)
            .user_agent("WellTrack recipe importer")
            .build()
            .map_err(|_| FetchError::Unreachable)?;
        let mut res = client
            .get(url.clone())
            .header(reqwest::header::ACCEPT, "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
            .send()
            .await
            .map_err(|e| if e.is_timeout() { FetchError::Timeout } else { FetchError::Unreachable })?;
        if res.status().is_redirection() {
            let location = res
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|l| l.to_str().ok())
                .ok_or(FetchError::Status(res.status().as_u16()))?;
            url = parse_url(url.join(location).map_err(|_| FetchError::BadUrl)?.as_str())?;
            continue;
        }
        if !res.status().is_success() {
            return Err(FetchError::Status(res.status().as_u16()));
        }
        let html_like = res
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_none_or(|t| t.contains("html") || t.starts_with("text/"));
        if !html_like {
            return Err(FetchError::NotHtml);
        }
        if res.content_length().is_some_and(|n| n > MAX_BYTES as u64) {
            return Err(FetchError::TooLarge);
        }
        let mut body = Vec::new();
        while let Some(chunk) = res.chunk().await.map_err(|_| FetchError::Unreachable)? {
            if body.len() + chunk.len() > MAX_BYTES {
                return Err(FetchError::TooLarge);
            }
            body.extend_from_slice(&chunk);
        }
        return Ok((String::from_utf8_lossy(&body).into_owned(), url.to_string()));
    }
    Err(FetchError::TooManyRedirects)
}

/// The first address of the URL's host that the policy allows.
async fn checked_address(url: &reqwest::Url, policy: FetchPolicy) -> Result<SocketAddr, FetchError> {
    let port = url.port_or_known_default().ok_or(FetchError::BadUrl)?;
    let addrs: Vec<SocketAddr> = match url.host().ok_or(FetchError::BadUrl)? {
        url::Host::Ipv4(ip) => vec![SocketAddr::new(IpAddr::V4(ip), port)],
        url::Host::Ipv6(ip) => vec![SocketAddr::new(IpAddr::V6(ip), port)],
        url::Host::Domain(name) => {
            tokio::net::lookup_host((name, port)).await.map_err(|_| FetchError::Unreachable)?.collect()
        }
    };
    if addrs.is_empty() {
        return Err(FetchError::Unreachable);
    }
    addrs.into_iter().find(|a| policy.allow_private || is_public(a.ip())).ok_or(FetchError::Private)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses_are_public() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.10",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "224.0.0.1",
            "198.18.0.1",
            "240.0.0.1",
            "192.0.2.1",
            "::1",
            "::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "2001:db8::1",
            "64:ff9b::7f00:1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in ["93.184.216.34", "1.1.1.1", "8.8.8.8", "2606:4700:4700::1111", "::ffff:93.184.216.34"] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }

    #[test]
    fn only_http_and_https_addresses_with_a_host_are_fetched() {
        assert!(parse_url("https://example.org/recipes/dal").is_ok());
        assert!(parse_url(" http://example.org ").is_ok());
        for bad in [
            "",
            "example.org/recipe",
            "ftp://example.org/a",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "https://user:pw@example.org/",
            "http://",
        ] {
            assert_eq!(parse_url(bad), Err(FetchError::BadUrl), "{bad}");
        }
        assert_eq!(parse_url(&format!("https://example.org/{}", "a".repeat(MAX_URL_CHARS))), Err(FetchError::BadUrl));
    }

    #[tokio::test]
    async fn a_loopback_address_is_refused_before_any_connection() {
        // Nothing listens on port 9; the refusal comes from the check, not the network.
        let strict = fetch_page("http://127.0.0.1:9/recipe", FetchPolicy::default()).await;
        assert_eq!(strict, Err(FetchError::Private));
        let strict = fetch_page("http://[::1]:9/recipe", FetchPolicy::default()).await;
        assert_eq!(strict, Err(FetchError::Private));
        let allowed = fetch_page("http://127.0.0.1:9/recipe", FetchPolicy { allow_private: true }).await;
        assert_eq!(allowed, Err(FetchError::Unreachable), "allowed, then nothing answers");
    }
}
